// SPDX-License-Identifier: MIT
#pragma once
#include "engine/model/trace.h"
#include "zoom_control.h"

#include <QString>

#include <cstdint>

namespace tl::view {

// What the cursor is on, or what is selected. `index` points into the trace: lane.intervals
// (Interval), trace.holds (Hold), trace.tasks (Task), trace.instants (Instant), trace.flows
// (Flow). A fold of sub-pixel items keeps its count: items [index, index + count) of the lane.
struct TimelineItem {
    enum class Kind : uint8_t { None, Interval, Hold, Task, Instant, Flow };
    Kind kind = Kind::None;
    LaneId lane = 0;
    uint32_t index = 0;
    uint32_t count = 1;
    bool isValid() const { return kind != Kind::None; }
    bool operator==(const TimelineItem&) const = default;
};

// Tooltip text (several lines: state, object, duration, hold, task, fold count).
QString describeItem(const Trace& trace, const TimelineItem& item);
// The time span an item covers (a fold: from its first to its last item).
TimeRange itemRange(const Trace& trace, const TimelineItem& item);

}  // namespace tl::view
