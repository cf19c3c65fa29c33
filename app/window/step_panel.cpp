// SPDX-License-Identifier: MIT
#include "step_panel.h"

#include "app/i18n/language.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

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
    v->addStretch(1);
    i18n::retranslate(this, [this] { setRows(rows_, stepMode_); });
}

void StepPanel::setRows(std::vector<Row> rows, bool stepMode)
{
    rows_ = std::move(rows);
    stepMode_ = stepMode;
    while (QLayoutItem* item = listLayout_->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    if (!stepMode)
        header_->setText(tr("Step mode is off. Turn it on (Run ▸ Step mode) to choose the interleaving yourself."));
    else if (rows_.empty())
        header_->setText(tr("No thread is waiting at a gate (running, blocked for real, or finished)."));
    else
        header_->setText(tr("Parked threads: F10 steps the earliest, 1–9 the n-th below, or click a lane."));
    for (size_t i = 0; i < rows_.size(); ++i) {
        auto* row = new QWidget(list_);
        auto* h = new QHBoxLayout(row);
        h->setContentsMargins(0, 0, 0, 0);
        auto* label = new QLabel(QStringLiteral("<b>%1.</b> %2: ▶ %3")
                                     .arg(i + 1)
                                     .arg(rows_[i].thread.toHtmlEscaped(), rows_[i].what.toHtmlEscaped()),
                                 row);
        auto* button = new QPushButton(tr("Step this"), row);
        button->setObjectName(QStringLiteral("stepThis%1").arg(i + 1));
        const LaneId lane = rows_[i].lane;
        connect(button, &QPushButton::clicked, this, [this, lane] { emit stepRequested(lane); });
        h->addWidget(label, 1);
        h->addWidget(button);
        listLayout_->addWidget(row);
        row->show();  // a layout shows new children only later (queued); a grab right now must see them
    }
}

}  // namespace tl
