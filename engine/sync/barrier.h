// SPDX-License-Identifier: MIT
#pragma once
#include "../control/run.h"

#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

namespace tl {

// Python's threading.Barrier, traced (CPython's state machine: filling, draining, resetting,
// broken).
//
// - Barrier(run, name, parties, action = {}, timeoutMs = kForever).
// - wait(timeoutMs = kForever → the barrier's default) -> index in 0..parties-1 by arrival
//   order (the first to arrive gets 0, the last parties-1, as CPython). The last arrival runs
//   the action before anyone is released; an action that throws breaks the barrier and its
//   exception propagates to that thread. A timeout breaks the barrier; a broken barrier raises
//   BrokenBarrierError in every waiter and in later waits until reset().
// - abort() breaks it; reset() returns it to empty (current waiters get BrokenBarrierError).
// - Records barrier.pass (a = index) for each passing thread, barrier.broken by the thread that
//   breaks it, `wake` flows from the last arrival to each waiter; waits show `wait:barrier`.
//
// Threading contract: any run thread may call anything; state guarded by mutex_. The action
// runs outside mutex_ (new arrivals wait for it, as they would on Python's condition lock).
class Barrier {
public:
    Barrier(Run& run, std::string name, int parties, std::function<void()> action = {}, double timeoutMs = kForever);
    Barrier(const Barrier&) = delete;
    Barrier& operator=(const Barrier&) = delete;

    int wait(double timeoutMs = kForever);
    void reset();
    void abort();

    int parties() const noexcept { return parties_; }
    int nWaiting() const;
    bool broken() const;

    ObjectId id() const noexcept { return id_; }
    const std::string& name() const noexcept { return name_; }

private:
    enum class Phase { Filling, Draining, Resetting, Broken };
    struct Waiter {
        bool woken = false;
        uint64_t flow = 0;
    };
    void breakLocked(ThreadState& ts);
    void exitLocked();

    Run& run_;
    ObjectId id_;
    std::string name_;
    int parties_;
    std::function<void()> action_;
    double timeoutMs_;
    mutable std::mutex mutex_;
    std::condition_variable_any cv_;
    Phase phase_ = Phase::Filling;
    int count_ = 0;
    bool acting_ = false;
    std::vector<Waiter*> waiters_;
};

}  // namespace tl
