// SPDX-License-Identifier: MIT
#pragma once
#include "../control/run.h"

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <vector>

namespace tl {

// Python's threading.Semaphore, traced.
//
// - Semaphore(run, name, value=1); value < 0 → ValueError("semaphore initial value must be >= 0").
// - acquire(blocking=true, timeoutMs=kForever) -> bool (false on timeout or when non-blocking
//   and no permit); acquire(false, timeout) → ValueError("can't specify timeout for non-blocking
//   acquire"). Waits in `wait:semaphore`.
// - release(n=1) from any thread; n < 1 → ValueError("n must be one or more").
// - Records Counter(Available) on every change; one hold per permit (HoldBegin on the
//   acquirer's lane; HoldEnd by the releaser, preferring its own hold, else the oldest);
//   `handoff` flows release → a waiter that had blocked. acquire.try for non-blocking calls.
//
// Threading contract: any run thread may call anything; all state guarded by mutex_.
class Semaphore {
public:
    Semaphore(Run& run, std::string name, int64_t value = 1);
    virtual ~Semaphore() = default;
    Semaphore(const Semaphore&) = delete;
    Semaphore& operator=(const Semaphore&) = delete;

    bool acquire(bool blocking = true, double timeoutMs = kForever);
    void release(int64_t n = 1);
    void lock() { acquire(); }
    void unlock() { release(); }
    bool try_lock() { return acquire(false); }

    // Current number of permits (Python's _value).
    int64_t value() const;
    ObjectId id() const noexcept { return id_; }
    const std::string& name() const noexcept { return name_; }

protected:
    Semaphore(Run& run, std::string name, int64_t value, ObjectKind kind);
    // Called under mutex_ before a release adds n permits (BoundedSemaphore's check).
    virtual void checkRelease(int64_t /*n*/) const {}
    int64_t value_;

private:
    struct HeldPermit {
        uint64_t hold;
        LaneId lane;
    };
    void took(ThreadState& ts);

    Run& run_;
    ObjectId id_;
    std::string name_;
    mutable std::mutex mutex_;
    std::condition_variable_any cv_;
    int waiters_ = 0;
    std::vector<HeldPermit> held_;
    std::deque<uint64_t> pendingFlows_;
};

// Python's threading.BoundedSemaphore: releasing beyond the initial value raises
// ValueError("Semaphore released too many times") and changes nothing.
class BoundedSemaphore : public Semaphore {
public:
    BoundedSemaphore(Run& run, std::string name, int64_t value = 1);
    int64_t initialValue() const noexcept { return initial_; }

protected:
    void checkRelease(int64_t n) const override;

private:
    int64_t initial_;
};

}  // namespace tl
