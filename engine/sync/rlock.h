// SPDX-License-Identifier: MIT
#pragma once
#include "../control/run.h"

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <string>

namespace tl {

// Python's threading.RLock, traced.
//
// - acquire(blocking=true, timeoutMs=kForever) -> bool: the owner re-acquires at once (count+1);
//   others wait in `wait:rlock`. acquire(false, timeout) raises ValueError like Python.
// - release(): only the owner; otherwise RuntimeError("cannot release un-acquired lock").
// - One hold (HoldBegin/HoldEnd) spans the outermost acquire to the last release.
// - Works with std::lock_guard / std::unique_lock.
//
// Threading contract: any run thread may call anything; owner_/count_ are only written by the
// owner (count_) or under mutex_ (ownership changes), and read lock-free for deadlock checks.
class RLock : public Ownable {
public:
    RLock(Run& run, std::string name);
    ~RLock() override;
    RLock(const RLock&) = delete;
    RLock& operator=(const RLock&) = delete;

    bool acquire(bool blocking = true, double timeoutMs = kForever);
    void release();

    void lock() { acquire(); }
    void unlock() { release(); }
    bool try_lock() { return acquire(false); }

    // Held by the calling thread (Python's _is_owned()).
    bool isOwned() const noexcept;
    // Recursion count (0 when free); meaningful to the owner.
    int count() const noexcept { return count_.load(std::memory_order_relaxed); }

    ObjectId objectId() const noexcept override { return id_; }
    int ownerLane() const noexcept override { return owner_.load(std::memory_order_relaxed); }
    ObjectId id() const noexcept { return id_; }
    const std::string& name() const noexcept { return name_; }

    // Condition support (Python's _release_save/_acquire_restore): drop every level at once,
    // then take the lock back with the saved count.
    int releaseAll();
    void acquireRestore(int count);

private:
    bool acquireSlow(ThreadState& ts, double timeoutMs);
    void took(ThreadState& ts, int count) noexcept;
    void releaseHold(ThreadState& ts);

    Run& run_;
    ObjectId id_;
    std::string name_;
    std::atomic<int> owner_{-1};  // owning lane or -1
    std::atomic<int> count_{0};
    uint64_t holdId_ = 0;
    int waiters_ = 0;  // guarded by mutex_
    std::mutex mutex_;
    std::condition_variable_any cv_;
    uint64_t pendingFlow_ = 0;
};

}  // namespace tl
