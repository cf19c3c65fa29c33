// SPDX-License-Identifier: MIT
#pragma once
#include "../control/run.h"

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <string>

namespace tl {

// Python's threading.Lock, traced.
//
// - acquire(blocking=true, timeoutMs=kForever) -> bool; a non-blocking attempt is recorded as
//   `acquire.try` with its result; a blocking one that must wait shows `wait:lock` on the lane.
// - release() may come from any thread (a Lock has no owner in Python); releasing an unlocked
//   lock raises RuntimeError("release unlocked lock").
// - Works with std::lock_guard / std::unique_lock (lock/unlock/try_lock).
//
// Threading contract: any run thread may call anything. The uncontended path is lock-free:
// one CAS to take, one store to give back, plus the hold events. Waiters park on a mutex +
// condition variable that only the contended path touches. The hold's end is stamped before
// the unlocking store, the hold's start after the locking CAS, so a handoff is always ordered.
class Lock : public Ownable {
public:
    Lock(Run& run, std::string name);
    ~Lock() override;
    Lock(const Lock&) = delete;
    Lock& operator=(const Lock&) = delete;

    bool acquire(bool blocking = true, double timeoutMs = kForever);
    void release();
    bool locked() const noexcept { return state_.load(std::memory_order_acquire) != 0; }

    void lock() { acquire(); }
    void unlock() { release(); }
    bool try_lock() { return acquire(false); }

    ObjectId objectId() const noexcept override { return id_; }
    int ownerLane() const noexcept override { return owner_.load(std::memory_order_relaxed); }
    ObjectId id() const noexcept { return id_; }
    const std::string& name() const noexcept { return name_; }

private:
    bool acquireSlow(ThreadState& ts, double timeoutMs);
    void took(ThreadState& ts) noexcept;

    Run& run_;
    ObjectId id_;
    std::string name_;
    std::atomic<uint32_t> state_{0};  // 0 free, 1 held
    std::atomic<int> owner_{-1};  // lane of the last acquirer while held
    uint64_t holdId_ = 0;  // written by the acquirer, read by the releaser (ordered by state_)
    std::atomic<int> waiters_{0};
    std::mutex mutex_;  // parks waiters; guards pendingFlow_
    std::condition_variable_any cv_;
    uint64_t pendingFlow_ = 0;  // handoff flow started by the last release with waiters
};

}  // namespace tl
