// SPDX-License-Identifier: MIT
#pragma once
#include "engine/model/trace.h"

#include <QHash>
#include <QString>

#include <vector>

class QFont;

namespace tl::view {

struct TraceIndex;

// Rows of the lane area in content coordinates (y from 0 at the top of the first row), lanes
// grouped by process (a header row per process when there is more than one).
//
// Many threads alike (a pool's workers "ThreadPoolExecutor-3_0" … "_19") form a lane group once a
// trace has more than kGroupingLanes lanes: a header row names the group and its size; folded
// (the default), each of its lanes is a thin state bar under it, without a name, task strip, hold
// band or markers, so 143 workers fit a screen and still show who ran when. A click on the header
// unfolds it; the learner's choice is kept per group key.
struct LaneRow {
    LaneId lane = 0;
    int y = 0, height = 0;
    bool hasTasks = false;  // pool workers get a task strip above the state bar
    bool compact = false;  // a folded group's thin bar: the state only
    // Sub-bands of the row, relative to y.
    int taskTop = 0, barTop = 0, barHeight = 0, holdTop = 0, holdHeight = 0;
};
struct GroupRow {
    int pid = 1;
    int y = 0, height = 0;
    QString label;  // "process 2"; a lane group's size ("20 threads", shown beside its key)
    QString key;  // a lane group's key (laneGroupKey); empty for a process's header
    bool folded = false;  // a lane group shown as thin bars
};
using GroupFolds = QHash<QString, bool>;  // group key -> folded, where the learner chose

constexpr size_t kGroupingLanes = 32;  // more lanes than this: alike threads are grouped
constexpr int kMinGroupLanes = 3;
// The key alike threads share: the name with its last number as "*" ("ThreadPoolExecutor-3_*",
// "Thread-* (worker)"); empty for a name without a number.
QString laneGroupKey(const QString& name);
struct LaneLayout {
    std::vector<LaneRow> rows;  // display order
    std::vector<GroupRow> groups;
    std::vector<int> rowOfLane;  // LaneId -> index into rows, -1 = not shown
    int contentHeight = 0;
    int rowAt(int y) const;  // -1 when y is on no lane row
    const GroupRow* groupAt(int y) const;  // the header row at y, if any

    // Rows for the trace's lanes: a state bar of `laneHeight` (0 = from the font), a task strip
    // above it for lanes that ran tasks, hold bands below; lane groups folded unless `folds` says.
    static LaneLayout build(const Trace& trace, const TraceIndex& index, const QFont& font, int laneHeight,
                            const GroupFolds& folds = {});
};

}  // namespace tl::view
