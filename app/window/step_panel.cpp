// SPDX-License-Identifier: MIT
#include "step_panel.h"

#include "app/i18n/language.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>

namespace tl {

StepPanel::StepPanel(QWidget* parent) : QWidget(parent)
{
    auto* v = new QVBoxLayout(this);
    header_ = new QLabel(this);
    header_->setWordWrap(true);
    v->addWidget(header_);
    list_ = new QWidget(this);
    listLayout_ = new QVBoxLayout(list_);
    listLayout_->setContentsMargins(0, 0, 0, 0);
    v->addWidget(list_);
    variablesLabel_ = new QLabel(this);
    variablesLabel_->setObjectName(QStringLiteral("sharedVariables"));
    variablesLabel_->setWordWrap(true);
    variablesLabel_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    v->addWidget(variablesLabel_);
    v->addStretch(1);
    i18n::retranslate(this, [this] { setRows(rows_, stepMode_, variables_); });
}

const StepPanel::Row* StepPanel::rowForKey(int n) const
{
    for (const Row& r : rows_)
        if (r.number == n && r.atStep)
            return &r;
    return nullptr;
}

void StepPanel::setRunEnded(bool ended)
{
    if (ended == runEnded_)
        return;
    runEnded_ = ended;
    setRows(rows_, stepMode_, variables_);
}

void StepPanel::setRows(std::vector<Row> rows, bool stepMode, QStringList variables)
{
    rows_ = std::move(rows);
    stepMode_ = stepMode;
    variables_ = std::move(variables);
    if (stepMode)
        runEnded_ = false;
    while (QLayoutItem* item = listLayout_->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    const bool anyAtStep = std::any_of(rows_.begin(), rows_.end(), [](const Row& r) { return r.atStep; });
    if (!stepMode && runEnded_)
        header_->setText(tr("The run has ended, and step mode with it. Turn it on again (Run ▸ Step mode, Ctrl+T) "
                            "to step the next run."));
    else if (!stepMode)
        header_->setText(tr("Step mode is off. Turn it on (Run ▸ Step mode) to choose the interleaving yourself."));
    else if (!anyAtStep)
        header_->setText(tr("No thread is waiting for your step: each is running, blocked by another thread, or "
                            "finished."));
    else
        header_->setText(tr("You choose which thread moves next: F10 moves the one marked ▶, the key of a "
                            "thread's number or its button moves that thread, or click its lane."));
    for (const Row& r : rows_) {
        auto* row = new QWidget(list_);
        auto* h = new QHBoxLayout(row);
        h->setContentsMargins(0, 0, 0, 0);
        const QString name = r.thread.toHtmlEscaped(), what = r.what.toHtmlEscaped();
        auto* label = new QLabel(row);
        label->setWordWrap(true);
        if (r.atStep)
            label->setText(QStringLiteral("<b>%1.</b> %2: %3<b>%4</b>")
                               .arg(r.number)
                               .arg(name, r.next ? QStringLiteral("▶ ") : QString(), what));
        else
            label->setText(QStringLiteral("<span style='color:gray'>%1. %2: %3</span>").arg(r.number).arg(name, what));
        h->addWidget(label, 1);
        if (r.atStep) {
            auto* button = new QPushButton(tr("Step this"), row);
            button->setObjectName(QStringLiteral("stepThis%1").arg(r.number));
            const LaneId lane = r.lane;
            connect(button, &QPushButton::clicked, this, [this, lane] { emit stepRequested(lane); });
            h->addWidget(button);
        }
        listLayout_->addWidget(row);
        row->show();  // a layout shows new children only later (queued); a grab right now must see them
    }
    variablesLabel_->setVisible(stepMode && !variables_.isEmpty());
    variablesLabel_->setText(
        tr("<b>Shared variables:</b> %1").arg(variables_.join(QStringLiteral(", ")).toHtmlEscaped()));
}

}  // namespace tl
