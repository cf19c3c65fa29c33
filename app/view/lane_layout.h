// SPDX-License-Identifier: MIT
#pragma once
#include "engine/model/trace.h"

#include <QString>

#include <vector>

class QFont;

namespace tl::view {

struct TraceIndex;

// Rows of the lane area in content coordinates (y from 0 at the top of the first row), lanes
// grouped by process (a header row per process when there is more than one).
struct LaneRow {
    LaneId lane = 0;
    int y = 0, height = 0;
    bool hasTasks = false;  // pool workers get a task strip above the state bar
    // Sub-bands of the row, relative to y.
    int taskTop = 0, barTop = 0, barHeight = 0, holdTop = 0, holdHeight = 0;
};
struct GroupRow {
    int pid = 1;
    int y = 0, height = 0;
    QString label;
};
struct LaneLayout {
    std::vector<LaneRow> rows;  // display order
    std::vector<GroupRow> groups;
    std::vector<int> rowOfLane;  // LaneId -> index into rows, -1 = not shown
    int contentHeight = 0;
    int rowAt(int y) const;  // -1 when y is on no lane row

    // Rows for the trace's lanes: a state bar of `laneHeight` (0 = from the font), a task strip
    // above it for lanes that ran tasks, hold bands below.
    static LaneLayout build(const Trace& trace, const TraceIndex& index, const QFont& font, int laneHeight);
};

}  // namespace tl::view
