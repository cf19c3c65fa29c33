// SPDX-License-Identifier: MIT
#pragma once
#include "../record/event.h"

#include <atomic>

namespace tl {

class ThreadState;

// Step mode: every synchronization point is a gate the learner opens.
// While inactive a gate costs one relaxed load.
class StepController {
public:
    bool active() const noexcept { return active_.load(std::memory_order_relaxed); }
    // Called by ThreadState::gate when active.
    void arrive(ThreadState& ts, Ev what, ObjectId object, int64_t a);

protected:
    std::atomic<bool> active_{false};
};

} // namespace tl
