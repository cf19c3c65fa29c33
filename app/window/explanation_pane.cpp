// SPDX-License-Identifier: MIT
#include "explanation_pane.h"

#include "app/i18n/language.h"
#include "python_highlighter.h"
#include "scenarios/scenario.h"

#include <QFontDatabase>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace tl {

ExplanationPane::ExplanationPane(QWidget* parent)
    : QWidget(parent), heading_(new QLabel(this)), text_(new QTextBrowser(this)), code_(new QPlainTextEdit(this)),
      highlighter_(new PythonHighlighter(code_->document()))
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    heading_->setWordWrap(true);
    heading_->setTextFormat(Qt::RichText);
    layout->addWidget(heading_);
    auto* split = new QSplitter(Qt::Vertical, this);
    split->addWidget(text_);
    split->addWidget(code_);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    layout->addWidget(split, 1);
    text_->setOpenExternalLinks(true);
    code_->setReadOnly(true);
    code_->setLineWrapMode(QPlainTextEdit::NoWrap);
    code_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    i18n::retranslate(this, [this] { code_->setPlaceholderText(tr("Python equivalent")); });
    setScenario(nullptr);
}

void ExplanationPane::setDark(bool dark) { highlighter_->setDark(dark); }

void ExplanationPane::setScenario(const Scenario* s)
{
    if (!s) {
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
    const QString py = i18n::lessonResource(s->id, "py");
    hasCode_ = !py.isEmpty();
    code_->setPlainText(hasCode_ ? py : tr("# No Python equivalent yet for lesson %1.").arg(id));
}

}  // namespace tl
