// SPDX-License-Identifier: MIT
#include "lock.h"

namespace tl {

Lock::Lock(Run& run, std::string name)
    : run_(run), id_(run.recorder().addObject(ObjectKind::Lock, name)), name_(std::move(name))
{
    run_.registerOwnable(this);
}

Lock::~Lock() { run_.unregisterOwnable(this); }

void Lock::took(ThreadState& ts) noexcept
{
    owner_.store(ts.lane(), std::memory_order_relaxed);
    holdId_ = ts.newHoldId();
    ts.record(Ev::HoldBegin, id_, static_cast<int64_t>(holdId_));
}

bool Lock::acquire(bool blocking, double timeoutMs)
{
    ThreadState& ts = ThreadState::current();
    ts.gate(Ev::HoldBegin, id_);
    uint32_t expected = 0;
    if (state_.compare_exchange_strong(expected, 1, std::memory_order_seq_cst)) {
        took(ts);
        if (!blocking)
            ts.record(Ev::AcquireTry, id_, 1);
        return true;
    }
    if (!blocking) {
        ts.record(Ev::AcquireTry, id_, 0);
        return false;
    }
    return acquireSlow(ts, timeoutMs);
}

bool Lock::acquireSlow(ThreadState& ts, double timeoutMs)
{
    Resume resume(ts);
    std::unique_lock lk(mutex_);
    waiters_.fetch_add(1, std::memory_order_seq_cst);
    auto tryTake = [this] {
        uint32_t expected = 0;
        return state_.compare_exchange_strong(expected, 1, std::memory_order_seq_cst);
    };
    bool ok;
    try {
        ok = ts.waitUntil(lk, cv_, timeoutMs, State::WaitLock, id_, tryTake);
    } catch (...) {
        if (waiters_.fetch_sub(1, std::memory_order_seq_cst) == 1 && pendingFlow_) {
            ts.record(Ev::FlowEnd, id_, static_cast<int64_t>(pendingFlow_), int64_t(FlowKind::Handoff));
            pendingFlow_ = 0;
        }
        throw;
    }
    waiters_.fetch_sub(1, std::memory_order_seq_cst);
    if (!ok) {
        // The last waiter giving up ends a handoff nobody will take.
        if (waiters_.load(std::memory_order_seq_cst) == 0 && pendingFlow_) {
            ts.record(Ev::FlowEnd, id_, static_cast<int64_t>(pendingFlow_), int64_t(FlowKind::Handoff));
            pendingFlow_ = 0;
        }
        return false;
    }
    took(ts);
    if (ts.blocked())
        ts.setResumeOutcome(Outcome::None);
    // A waiter won: it is the one the pending handoff let go (even if it never had to sleep).
    if (pendingFlow_) {
        ts.record(Ev::FlowEnd, id_, static_cast<int64_t>(pendingFlow_), int64_t(FlowKind::Handoff));
        pendingFlow_ = 0;
    }
    return true;
}

void Lock::release()
{
    ThreadState& ts = ThreadState::current();
    ts.gate(Ev::Release, id_);
    if (state_.load(std::memory_order_relaxed) == 0) {
        if (ts.stopRequested())
            return;  // unwinding after an abort (e.g. a lock_guard whose wait was cut): nothing to give back
        throw RuntimeError("release unlocked lock");
    }
    const int owner = owner_.load(std::memory_order_relaxed);
    ts.record(Ev::HoldEnd, id_, static_cast<int64_t>(holdId_), owner);
    owner_.store(-1, std::memory_order_relaxed);
    if (state_.exchange(0, std::memory_order_seq_cst) == 0)
        throw RuntimeError("release unlocked lock");  // lost a race with another releaser
    if (waiters_.load(std::memory_order_seq_cst) > 0) {
        std::lock_guard lk(mutex_);
        // Checked again under the waiters' mutex: a waiter may have taken the lock meanwhile.
        if (!pendingFlow_ && waiters_.load(std::memory_order_seq_cst) > 0 &&
            state_.load(std::memory_order_seq_cst) == 0) {
            // One handoff at a time: a later release while it is pending would orphan it.
            pendingFlow_ = ts.newFlowId();
            ts.record(Ev::FlowStart, id_, static_cast<int64_t>(pendingFlow_), int64_t(FlowKind::Handoff));
        }
        cv_.notify_one();
    }
}

}  // namespace tl
