// SPDX-License-Identifier: MIT
#pragma once
#include "lock.h"
#include "rlock.h"

#include <condition_variable>
#include <functional>
#include <list>
#include <memory>
#include <mutex>
#include <string>

namespace tl {

// Python's threading.Condition, traced.
//
// - Condition(run, name): its own RLock (named "<name>.lock"), like Python's default.
//   Condition(run, name, lock) wraps an existing Lock or RLock (which must outlive it).
// - acquire/release/lock/unlock forward to the lock (usable with std::unique_lock).
// - wait(timeoutMs) releases the lock (every RLock level), waits in `wait:condition` until
//   notified, then re-acquires (showing `wait:lock`/`wait:rlock` if it must wait); returns false
//   on timeout. waitFor(pred, timeoutMs) returns the predicate's last value.
// - notify(n=1) wakes at most n waiters in FIFO order, notifyAll() every one; each wake is a
//   `wake` flow notify → waiter. Without holding the lock: RuntimeError("cannot wait on
//   un-acquired lock") / ("cannot notify on un-acquired lock").
// - "Holding" is Python's _is_owned(): for an RLock, owned by the caller; for a Lock, locked.
//
// Threading contract: any run thread may call anything. The waiter list is guarded by mutex_.
class Condition {
public:
    Condition(Run& run, std::string name);
    Condition(Run& run, std::string name, Lock& lock);
    Condition(Run& run, std::string name, RLock& lock);
    ~Condition();
    Condition(const Condition&) = delete;
    Condition& operator=(const Condition&) = delete;

    bool acquire(bool blocking = true, double timeoutMs = kForever);
    void release();
    void lock() { acquire(); }
    void unlock() { release(); }
    bool try_lock() { return acquire(false); }

    bool wait(double timeoutMs = kForever);
    bool waitFor(const std::function<bool()>& predicate, double timeoutMs = kForever);
    void notify(int n = 1);
    void notifyAll();

    ObjectId id() const noexcept { return id_; }
    const std::string& name() const noexcept { return name_; }
    // The underlying lock's object id.
    ObjectId lockId() const noexcept;

private:
    struct Waiter {
        bool notified = false;
        uint64_t flow = 0;
    };
    bool owned() const noexcept;
    int releaseSaved();
    void acquireRestore(int saved);

    Run& run_;
    ObjectId id_;
    std::string name_;
    std::unique_ptr<RLock> own_;
    Lock* lock_ = nullptr;
    RLock* rlock_ = nullptr;
    std::mutex mutex_;
    std::condition_variable_any cv_;
    std::list<Waiter*> waiters_;
};

}  // namespace tl
