// SPDX-License-Identifier: MIT
#include "explanation_pane.h"

#include "app/i18n/language.h"
#include "engine/model/atomic_file.h"
#include "python_highlighter.h"
#include "python_program.h"
#include "scenarios/scenario.h"

#include <QApplication>
#include <QClipboard>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QMessageBox>
#include <QToolButton>
#include <QFontDatabase>
#include <QLabel>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QSplitter>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace tl {

ExplanationPane::ExplanationPane(QWidget* parent)
    : QWidget(parent), heading_(new QLabel(this)), text_(new QTextBrowser(this)), code_(new QPlainTextEdit(this)),
      highlighter_(new PythonHighlighter(code_->document())), copy_(new QToolButton(this)), save_(new QToolButton(this))
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    heading_->setWordWrap(true);
    heading_->setTextFormat(Qt::RichText);
    layout->addWidget(heading_);
    auto* split = new QSplitter(Qt::Vertical, this);
    split->addWidget(text_);
    auto* codeBox = new QWidget(split);
    auto* codeLayout = new QVBoxLayout(codeBox);
    codeLayout->setContentsMargins(0, 0, 0, 0);
    auto* bar = new QHBoxLayout;
    auto* caption = new QLabel(codeBox);
    bar->addWidget(caption, 1);
    bar->addWidget(copy_);
    bar->addWidget(save_);
    codeLayout->addLayout(bar);
    codeLayout->addWidget(code_);
    split->addWidget(codeBox);
    connect(copy_, &QToolButton::clicked, this, [this] { QApplication::clipboard()->setText(program()); });
    connect(save_, &QToolButton::clicked, this, &ExplanationPane::saveAs);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    layout->addWidget(split, 1);
    text_->setOpenExternalLinks(true);
    code_->setReadOnly(true);
    code_->setLineWrapMode(QPlainTextEdit::NoWrap);
    code_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    i18n::retranslate(this, [this, caption] {
        code_->setPlaceholderText(tr("Python equivalent"));
        caption->setText(tr("Python program for these parameters"));
        copy_->setText(tr("Copy"));
        copy_->setToolTip(tr("Copy the program to the clipboard: it runs as shown with python3"));
        save_->setText(tr("Save as…"));
        save_->setToolTip(tr("Save the program as a .py file"));
    });
    setScenario(nullptr);
}

void ExplanationPane::setDark(bool dark) { highlighter_->setDark(dark); }

void ExplanationPane::setScenario(const Scenario* s)
{
    scenario_ = s;
    if (!s) {
        source_.clear();
        copy_->setEnabled(false);
        save_->setEnabled(false);
        heading_->setText(tr("<b>No lesson selected</b>"));
        text_->clear();
        code_->clear();
        hasText_ = hasCode_ = false;
        return;
    }
    // In Russian the lesson's Russian text (<id>.ru.md), titled by the course's own title; the
    // heading then names the title in the other language.
    const QString id = QString::fromStdString(s->id);
    const QString md = i18n::lessonResource(s->id, "md");
    hasText_ = !md.isEmpty();
    const QString other = i18n::lessonOtherTitle(*s).toHtmlEscaped();
    if (hasText_)
        heading_->setText(tr("Lesson %1 · <i>%2</i>").arg(id, other));
    else
        heading_->setText(
            QStringLiteral("<b>%1</b> &nbsp;<i>%2</i><br>%3")
                .arg(i18n::lessonTitle(*s).toHtmlEscaped(), other, i18n::lessonString(s->summary).toHtmlEscaped()));
    if (hasText_)
        text_->setMarkdown(md);
    else
        text_->setMarkdown(tr("*No text yet for lesson %1.*\n\nRun it and watch the timeline: each row is a thread, "
                              "colours show what it is doing.")
                               .arg(id));
    source_ = i18n::lessonResource(s->id, "py");
    hasCode_ = !source_.isEmpty();
    copy_->setEnabled(hasCode_);
    save_->setEnabled(hasCode_);
    if (hasCode_)
        setParams(s->defaults());
    else
        code_->setPlainText(tr("# No Python equivalent yet for lesson %1.").arg(id));
}

void ExplanationPane::setParams(const ParamValues& values)
{
    if (!hasCode_)
        return;
    const QString shown = shownProgram(source_, values);
    if (shown == code_->toPlainText())
        return;
    // Keep the reader's place: only the constants' values change.
    const int scroll = code_->verticalScrollBar() ? code_->verticalScrollBar()->value() : 0;
    code_->setPlainText(shown);
    if (code_->verticalScrollBar())
        code_->verticalScrollBar()->setValue(scroll);
}

QString ExplanationPane::program() const { return hasCode_ ? code_->toPlainText() + QLatin1Char('\n') : QString(); }

bool ExplanationPane::saveProgram(const QString& path, QString* error) const
{
    const QByteArray bytes = program().toUtf8();
    return writeFileAtomically(path, std::string_view(bytes.constData(), size_t(bytes.size())), error);
}

void ExplanationPane::saveAs()
{
    if (!scenario_ || !hasCode_)
        return;
    const QString suggested = QString::fromStdString(scenario_->id).replace(u'.', u'_') + QStringLiteral(".py");
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Save the Python program"), suggested, tr("Python (*.py)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!saveProgram(path, &error))
        QMessageBox::warning(this, tr("Save the Python program"), tr("The program was not saved.\n%1").arg(error));
}

}  // namespace tl
