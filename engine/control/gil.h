// SPDX-License-Identifier: MIT
#pragma once
#include "../record/event.h"

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>

namespace tl {

class ThreadState;
class Run;

// A simulated CPython global interpreter lock (the "new GIL" of CPython 3.2+).
//
// A thread must hold it to be `run`ning Python code. The holder drops it around every
// blocking call and sleep; a thread that wants it waits in `wait:gil`, and once the holder
// has held it for the switch interval while another thread waits, the holder yields
// (CPython's forced switching): waiters are served first-come, first-served so the yielding
// thread cannot take it straight back. One Gil per process.
//
// Threading contract: every call comes from the thread concerned; the Gil's mutex is a leaf
// (no other lock is taken while it is held).
class Gil {
public:
    Gil(Run& run, int64_t switchIntervalNs);
    // A GIL whose object the caller added already (a forked worker process's own GIL).
    Gil(Run& run, ObjectId object, int64_t switchIntervalNs);
    ObjectId id() const noexcept { return id_; }

    // Returns true if the thread had to wait (its lane then shows wait:gil).
    bool acquire(ThreadState& ts);
    void release(ThreadState& ts);
    // True when the holder has run its interval and someone waits.
    bool shouldYield(const ThreadState& ts) const noexcept;
    void yield(ThreadState& ts);
    // Records the thread's end (ThreadEnd, a = killed) and then releases the GIL.
    void releaseAtEnd(ThreadState& ts, int64_t killed);

private:
    Run& run_;
    ObjectId id_;
    int64_t intervalNs_;
    mutable std::mutex mutex_;
    std::condition_variable_any cv_;
    int holder_ = -1;  // lane, -1 = free
    int64_t acquiredAt_ = 0;  // Clock::now() of the last acquisition
    std::deque<LaneId> waiters_;  // FIFO of lanes waiting
};

}  // namespace tl
