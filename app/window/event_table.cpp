// SPDX-License-Identifier: MIT
#include "event_table.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QTableView>
#include <QVBoxLayout>

namespace tl {

EventTable::EventTable(QWidget* parent)
    : QWidget(parent), model_(new EventModel(this)), view_(new QTableView(this)), lane_(new QComboBox(this)),
      object_(new QComboBox(this)), kind_(new QComboBox(this))
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* filters = new QHBoxLayout;
    filters->addWidget(new QLabel(tr("Thread:"), this));
    filters->addWidget(lane_, 1);
    filters->addWidget(new QLabel(tr("Object:"), this));
    filters->addWidget(object_, 1);
    filters->addWidget(new QLabel(tr("Kind:"), this));
    filters->addWidget(kind_, 1);
    layout->addLayout(filters);
    layout->addWidget(view_, 1);
    for (QComboBox* c : {lane_, object_, kind_})
        c->setSizeAdjustPolicy(QComboBox::AdjustToContents);

    view_->setModel(model_);
    view_->setSelectionBehavior(QAbstractItemView::SelectRows);
    view_->setSelectionMode(QAbstractItemView::SingleSelection);
    view_->verticalHeader()->hide();
    view_->verticalHeader()->setDefaultSectionSize(view_->fontMetrics().height() + 6);
    view_->horizontalHeader()->setStretchLastSection(true);
    view_->setAlternatingRowColors(true);
    view_->setWordWrap(false);

    connect(lane_, &QComboBox::currentIndexChanged, this, [this] { model_->setLaneFilter(lane_->currentData().toInt()); });
    connect(object_, &QComboBox::currentIndexChanged, this, [this] { model_->setObjectFilter(ObjectId(object_->currentData().toUInt())); });
    connect(kind_, &QComboBox::currentIndexChanged, this, [this] { model_->setKindFilter(kind_->currentData().toString()); });
    connect(view_->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex& current) {
        if (selecting_ || !current.isValid())
            return;
        const int r = current.row();
        emit rowActivated(model_->rowLane(r), model_->rowStart(r), model_->rowEnd(r), model_->rowObject(r));
    });
    // Ctrl+C copies the rows the filters show, as CSV (paste into a spreadsheet).
    auto* copy = new QAction(tr("Copy rows as CSV"), this);
    copy->setShortcut(QKeySequence::Copy);
    copy->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(copy, &QAction::triggered, this, [this] { QApplication::clipboard()->setText(model_->toCsv()); });
    view_->addAction(copy);
    view_->setContextMenuPolicy(Qt::ActionsContextMenu);
    fillFilters();
}

void EventTable::setTrace(const Trace* trace)
{
    trace_ = trace;
    model_->setTrace(trace);
    fillFilters();
}

void EventTable::refresh()
{
    model_->refresh();
    fillFilters();
}

void EventTable::fillFilters()
{
    // Keep the current choices across a refresh (the lists only grow during a run).
    const QVariant lane = lane_->currentData(), object = object_->currentData(), kind = kind_->currentData();
    QSignalBlocker b1(lane_), b2(object_), b3(kind_);
    lane_->clear();
    object_->clear();
    kind_->clear();
    lane_->addItem(tr("all"), -1);
    object_->addItem(tr("all"), 0u);
    kind_->addItem(tr("all"), QString());
    if (trace_) {
        for (const Lane& l : trace_->lanes)
            lane_->addItem(QString::fromStdString(l.info.name), int(l.info.id));
        for (size_t i = 1; i < trace_->objects.size(); ++i)
            object_->addItem(QString::fromStdString(trace_->objects[i].name), uint(trace_->objects[i].id));
        for (const QString& k : model_->kinds())
            kind_->addItem(k, k);
    }
    auto restore = [](QComboBox* c, const QVariant& v) {
        const int i = v.isValid() ? c->findData(v) : 0;
        c->setCurrentIndex(i >= 0 ? i : 0);
    };
    restore(lane_, lane);
    restore(object_, object);
    restore(kind_, kind);
    // A filter whose value vanished (new run) falls back to "all".
    model_->setLaneFilter(lane_->currentData().toInt());
    model_->setObjectFilter(ObjectId(object_->currentData().toUInt()));
    model_->setKindFilter(kind_->currentData().toString());
}

void EventTable::selectAt(int lane, int64_t t)
{
    const int row = model_->rowAt(lane, t);
    if (row < 0)
        return;
    selecting_ = true;
    view_->selectRow(row);
    view_->scrollTo(model_->index(row, 0));
    selecting_ = false;
}

} // namespace tl
