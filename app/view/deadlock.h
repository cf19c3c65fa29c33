// SPDX-License-Identifier: MIT
#pragma once
#include "engine/model/trace.h"

#include <optional>
#include <vector>

namespace tl::view {

// The wait-for cycle a run deadlocked on, as its Deadlock event names it.
struct DeadlockCycle {
    // In cycle order: lanes[i] waits for lanes[(i + 1) % n] (for a lock it holds, or to end).
    std::vector<LaneId> lanes;
    // What lanes[i] waits on when it ended: a lock's id, 0 for a join.
    std::vector<ObjectId> waitsOn;
    int64_t at = 0;  // when the cycle was found
};

// The cycle of a run that ended in a deadlock; nullopt for any other run (only the threads in
// the cycle are stuck: others may be waiting for them, but they are not part of it).
std::optional<DeadlockCycle> deadlockCycle(const Trace& t);

}  // namespace tl::view
