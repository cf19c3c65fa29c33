// SPDX-License-Identifier: MIT
#pragma once
#include "engine/model/trace.h"

#include <QAbstractTableModel>
#include <QString>

#include <vector>

namespace tl {

// The event table: one row per state interval of a lane and per instant event, in time
// order, filtered by lane, object and kind.
//
// Threading contract: GUI thread only. The model does not own the Trace; setTrace() (or
// refresh() after the trace grew) rebuilds its row index with a model reset, so the caller
// throttles refresh() during a live run.
class EventModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Time, Duration, Thread, Kind, Object, Detail, ColumnCount };
    enum Role { StartRole = Qt::UserRole + 1, EndRole, LaneRole, ObjectRole };

    explicit EventModel(QObject* parent = nullptr);

    void setTrace(const Trace* trace);  // null = empty
    void refresh();                     // the trace grew: rebuild the rows

    // Filters; -1 / 0 / empty mean "all".
    void setLaneFilter(int lane);
    void setObjectFilter(ObjectId object);
    void setKindFilter(const QString& kind);  // exact state or event name ("wait:lock", "put")
    int laneFilter() const { return laneFilter_; }
    ObjectId objectFilter() const { return objectFilter_; }
    // Every kind present in the trace (for the filter box).
    QStringList kinds() const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation o, int role = Qt::DisplayRole) const override;

    // The row of the item covering (lane, t) best: an interval of that lane containing t,
    // else the nearest row in time; -1 when there are no rows.
    int rowAt(int lane, int64_t t) const;
    int64_t rowStart(int row) const;
    int64_t rowEnd(int row) const;     // == start for instants
    int rowLane(int row) const;
    ObjectId rowObject(int row) const;

    // The visible rows as CSV (header + one line per row), times in microseconds.
    QString toCsv() const;

private:
    struct Row {
        int64_t t;
        uint32_t index;   // interval index within the lane, or instant index
        LaneId lane;
        bool instant;
    };
    void rebuild();
    bool accepts(const Row& r) const;
    QString kindOf(const Row& r) const;
    QString text(const Row& r, int column) const;

    const Trace* trace_ = nullptr;
    std::vector<Row> rows_;
    int laneFilter_ = -1;
    ObjectId objectFilter_ = 0;
    QString kindFilter_;
};

} // namespace tl
