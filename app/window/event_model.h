// SPDX-License-Identifier: MIT
#pragma once
#include "engine/model/trace.h"

#include <QAbstractTableModel>
#include <QString>

#include <vector>

namespace tl {

// The event table: one row per state interval of a lane and per instant event, in time
// order (start, lane, intervals before instants, index), filtered by lane, object and kind.
//
// Live runs: refresh() is incremental while Trace::structureGeneration() is unchanged since
// the last look (the trace only grew at its ends; each lane's last interval may have changed
// or been replaced). New rows go in their sorted place with beginInsertRows (usually at the
// end; a lane drained late lands a little before it), a changed last interval emits
// dataChanged (or moves: remove + insert), so views keep their selection and scroll. Cost per
// refresh: O(lanes + new rows · log rows + displacement), where displacement is the number of
// rows newer than the oldest new row. When the structure changed (an out-of-order insert,
// finish() sorting, a new trace) or a filter changes, the rows are rebuilt with a reset.
//
// Threading contract: GUI thread only. The model does not own the Trace; the caller calls
// refresh() after the trace changed and setTrace() before the old trace goes away.
class EventModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Time, Duration, Thread, Kind, Object, Detail, ColumnCount };
    enum Role { StartRole = Qt::UserRole + 1, EndRole, LaneRole, ObjectRole };

    explicit EventModel(QObject* parent = nullptr);

    void setTrace(const Trace* trace);  // null = empty
    // The trace changed: rows are appended / updated in place (live growth) or rebuilt
    // with a reset (structure changed). Returns true when it reset.
    bool refresh();

    // Filters; -1 / 0 / empty mean "all".
    void setLaneFilter(int lane);
    void setObjectFilter(ObjectId object);
    void setKindFilter(const QString& kind);
    void
    retranslate();  // the language changed: headers and cells say it again  // exact state or event name ("wait:lock", "put")
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
    int64_t rowEnd(int row) const;  // == start for instants
    int rowLane(int row) const;
    ObjectId rowObject(int row) const;
    bool rowIsInstant(int row) const;
    // The row showing the item of `lane` starting at `start` (an instant if `instant`), or -1.
    // For keeping the current and top rows across a reset.
    int findRow(int lane, int64_t start, bool instant) const;

    // The visible rows as CSV (header + one line per row), times in microseconds.
    QString toCsv() const;

private:
    struct Row {
        int64_t t;
        uint32_t index;  // interval index within the lane, or instant index
        LaneId lane;
        bool instant;
    };
    // What the model knew of a lane at the last refresh: its last interval may change later.
    struct LaneSeen {
        size_t count = 0;  // intervals seen
        Interval last;  // intervals[count - 1] as it was
        bool lastInRows = false;
        std::string name;
    };
    static bool before(const Row& a, const Row& b);
    void rebuild();
    bool canGrow() const;  // the trace only grew since the last refresh
    void grow();
    void insertSorted(std::vector<Row>& fresh);
    void snapshot();  // lanesSeen_/instantsSeen_/generations from the trace as it is
    bool accepts(const Row& r) const;
    QString kindOf(const Row& r) const;
    QString text(const Row& r, int column) const;

    const Trace* trace_ = nullptr;
    std::vector<Row> rows_;
    int laneFilter_ = -1;
    ObjectId objectFilter_ = 0;
    QString kindFilter_;
    std::vector<LaneSeen> lanesSeen_;
    size_t instantsSeen_ = 0;
    uint64_t structureSeen_ = ~uint64_t(0);
    uint64_t generationSeen_ = 0;
    // Rows per state / event kind in the whole trace (filters aside), for kinds().
    std::vector<int64_t> stateCount_, eventCount_;
};

}  // namespace tl
