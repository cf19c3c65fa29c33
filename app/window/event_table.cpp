// SPDX-License-Identifier: MIT
#include "event_table.h"

#include "app/i18n/language.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QScrollBar>
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
    auto* thread = new QLabel(this);
    auto* object = new QLabel(this);
    auto* kind = new QLabel(this);
    filters->addWidget(thread);
    filters->addWidget(lane_, 1);
    filters->addWidget(object);
    filters->addWidget(object_, 1);
    filters->addWidget(kind);
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

    // A filter change resets the model; the current row stays current if it passes the filter.
    auto filtered = [this](auto apply) {
        return [this, apply] {
            const ViewState s = saveView();
            apply();
            restoreView(s);
        };
    };
    connect(lane_, &QComboBox::currentIndexChanged, this,
            filtered([this] { model_->setLaneFilter(lane_->currentData().toInt()); }));
    connect(object_, &QComboBox::currentIndexChanged, this,
            filtered([this] { model_->setObjectFilter(ObjectId(object_->currentData().toUInt())); }));
    connect(kind_, &QComboBox::currentIndexChanged, this,
            filtered([this] { model_->setKindFilter(kind_->currentData().toString()); }));
    connect(view_->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex& current) {
        if (selecting_ || !current.isValid())
            return;
        const int r = current.row();
        emit rowActivated(model_->rowLane(r), model_->rowStart(r), model_->rowEnd(r), model_->rowObject(r));
    });
    // Ctrl+C copies the rows the filters show, as CSV (paste into a spreadsheet).
    auto* copy = new QAction(this);
    copy->setShortcut(QKeySequence::Copy);
    copy->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(copy, &QAction::triggered, this, [this] { QApplication::clipboard()->setText(model_->toCsv()); });
    view_->addAction(copy);
    view_->setContextMenuPolicy(Qt::ActionsContextMenu);
    i18n::retranslate(this, [this, thread, object, kind, copy] {
        thread->setText(tr("Thread:"));
        object->setText(tr("Object:"));
        kind->setText(tr("Kind:"));
        copy->setText(tr("Copy rows as CSV"));
        model_->retranslate();
        fillFilters();  // "all"
    });
}

void EventTable::setTrace(const Trace* trace)
{
    trace_ = trace;
    model_->setTrace(trace);
    fillFilters();
}

void EventTable::refresh()
{
    const ViewState s = saveView();
    model_->refresh();
    fillFilters();
    restoreView(s);
}

EventTable::ViewState EventTable::saveView() const
{
    ViewState s;
    const QScrollBar* bar = view_->verticalScrollBar();
    s.atBottom = bar->value() >= bar->maximum();
    const int top = view_->rowAt(0);
    if (top >= 0 && top < model_->rowCount()) {
        s.topLane = model_->rowLane(top);
        s.topStart = model_->rowStart(top);
        s.topInstant = model_->rowIsInstant(top);
    }
    const QModelIndex current = view_->currentIndex();
    if (current.isValid()) {
        s.currentLane = model_->rowLane(current.row());
        s.currentStart = model_->rowStart(current.row());
        s.currentInstant = model_->rowIsInstant(current.row());
    }
    return s;
}

void EventTable::restoreView(const ViewState& s)
{
    // A reset dropped the current row; insertions kept it (persistent index).
    if (s.currentLane >= 0 && !view_->currentIndex().isValid()) {
        const int row = model_->findRow(s.currentLane, s.currentStart, s.currentInstant);
        if (row >= 0) {
            selecting_ = true;
            view_->selectionModel()->setCurrentIndex(model_->index(row, 0),
                                                     QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
            selecting_ = false;
        }
    }
    if (model_->rowCount() == 0)
        return;
    // The scroll bar's range follows the new row count only after a (delayed) layout.
    view_->doItemsLayout();
    if (s.atBottom) {
        view_->scrollToBottom();
        return;
    }
    if (s.topLane < 0)
        return;
    const int row = model_->findRow(s.topLane, s.topStart, s.topInstant);
    if (row >= 0 && row != view_->rowAt(0))
        view_->scrollTo(model_->index(row, 0), QAbstractItemView::PositionAtTop);
}

namespace {
// Refills a combo box only when its items changed (a live run refreshes every 250 ms; an
// open popup must not flicker or lose its place).
void syncItems(QComboBox* box, const QList<QPair<QString, QVariant>>& items)
{
    bool same = box->count() == items.size();
    for (int i = 0; same && i < items.size(); ++i)
        same = box->itemText(i) == items[i].first && box->itemData(i) == items[i].second;
    if (same)
        return;
    const QVariant current = box->currentData();
    box->clear();
    for (const auto& [text, data] : items)
        box->addItem(text, data);
    const int i = current.isValid() ? box->findData(current) : 0;
    box->setCurrentIndex(i >= 0 ? i : 0);
}
}  // namespace

void EventTable::fillFilters()
{
    // Keep the current choices across a refresh (the lists only grow during a run).
    QList<QPair<QString, QVariant>> lanes{{tr("all"), -1}}, objects{{tr("all"), 0u}}, kinds{{tr("all"), QString()}};
    if (trace_) {
        for (const Lane& l : trace_->lanes)
            lanes.append({QString::fromStdString(l.info.name), int(l.info.id)});
        for (size_t i = 1; i < trace_->objects.size(); ++i)
            objects.append({QString::fromStdString(trace_->objects[i].name), uint(trace_->objects[i].id)});
        for (const QString& k : model_->kinds())
            kinds.append({k, k});
    }
    {
        QSignalBlocker b1(lane_), b2(object_), b3(kind_);
        syncItems(lane_, lanes);
        syncItems(object_, objects);
        syncItems(kind_, kinds);
    }
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

}  // namespace tl
