// SPDX-License-Identifier: MIT
#include "deadlock.h"

#include <algorithm>
#include <charconv>

namespace tl::view {

std::optional<DeadlockCycle> deadlockCycle(const Trace& t)
{
    if (t.result.status != "deadlock")
        return std::nullopt;
    // The Deadlock event is among the last: the run is stopped right after it.
    const auto found =
        std::find_if(t.instants.rbegin(), t.instants.rend(), [](const Instant& in) { return in.type == Ev::Deadlock; });
    if (found == t.instants.rend())
        return std::nullopt;
    DeadlockCycle c;
    c.at = found->t;
    // Its text: the cycle's lanes, "1,2".
    const std::string& text = found->text;
    for (const char *p = text.data(), *end = p + text.size(); p < end;) {
        unsigned lane = 0;
        const auto [next, ec] = std::from_chars(p, end, lane);
        if (ec != std::errc() || lane >= t.lanes.size())
            return std::nullopt;  // a foreign or damaged trace: no cycle to draw
        c.lanes.push_back(LaneId(lane));
        p = next < end && *next == ',' ? next + 1 : next;
        if (next == p && next < end)
            return std::nullopt;
    }
    if (c.lanes.empty())
        return std::nullopt;
    for (LaneId lane : c.lanes) {
        const auto& intervals = t.lanes[lane].intervals;
        c.waitsOn.push_back(intervals.empty() ? 0 : intervals.back().object);
    }
    return c;
}

}  // namespace tl::view
