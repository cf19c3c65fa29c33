// SPDX-License-Identifier: MIT
#include "rlock.h"

namespace tl {

RLock::RLock(Run& run, std::string name)
    : run_(run), id_(run.recorder().addObject(ObjectKind::RLock, name)), name_(std::move(name))
{
    run_.registerOwnable(this);
}

RLock::~RLock() { run_.unregisterOwnable(this); }

bool RLock::isOwned() const noexcept
{
    const ThreadState* ts = ThreadState::currentOrNull();
    return ts && owner_.load(std::memory_order_relaxed) == ts->lane();
}

void RLock::took(ThreadState& ts, int count) noexcept
{
    owner_.store(ts.lane(), std::memory_order_relaxed);
    count_.store(count, std::memory_order_relaxed);
    holdId_ = ts.newHoldId();
    ts.record(Ev::HoldBegin, id_, static_cast<int64_t>(holdId_));
}

bool RLock::acquire(bool blocking, double timeoutMs)
{
    ThreadState& ts = ThreadState::current();
    ts.gate(Ev::HoldBegin, id_);
    if (!blocking && timeoutMs != kForever)
        throw ValueError("can't specify a timeout for a non-blocking call");
    if (owner_.load(std::memory_order_relaxed) == ts.lane()) {
        // Re-entry: only the owner touches count_ while it owns the lock.
        count_.store(count_.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
        if (!blocking)
            ts.record(Ev::AcquireTry, id_, 1);
        return true;
    }
    return acquireSlow(ts, blocking ? timeoutMs : 0.0) ? true : false;
}

bool RLock::acquireSlow(ThreadState& ts, double timeoutMs)
{
    Resume resume(ts);
    std::unique_lock lk(mutex_);
    const bool blocking = timeoutMs != 0.0;
    if (owner_.load(std::memory_order_relaxed) == -1) {
        took(ts, 1);
        if (!blocking)
            ts.record(Ev::AcquireTry, id_, 1);
        return true;
    }
    if (!blocking) {
        ts.record(Ev::AcquireTry, id_, 0);
        return false;
    }
    ++waiters_;
    bool ok;
    try {
        ok = ts.waitUntil(lk, cv_, timeoutMs, State::WaitRLock, id_,
                          [this] { return owner_.load(std::memory_order_relaxed) == -1; });
    } catch (...) {
        --waiters_;
        throw;
    }
    --waiters_;
    if (!ok) {
        // The last waiter leaving ends a handoff nobody will take, so every flow has both ends.
        if (waiters_ == 0 && pendingFlow_) {
            ts.record(Ev::FlowEnd, id_, static_cast<int64_t>(pendingFlow_), int64_t(FlowKind::Handoff));
            pendingFlow_ = 0;
        }
        return false;
    }
    took(ts, 1);
    if (ts.blocked() && pendingFlow_) {
        ts.record(Ev::FlowEnd, id_, static_cast<int64_t>(pendingFlow_), int64_t(FlowKind::Handoff));
        pendingFlow_ = 0;
    }
    return true;
}

void RLock::releaseHold(ThreadState& ts)
{
    std::lock_guard lk(mutex_);
    ts.record(Ev::HoldEnd, id_, static_cast<int64_t>(holdId_), ts.lane());
    count_.store(0, std::memory_order_relaxed);
    owner_.store(-1, std::memory_order_relaxed);
    if (waiters_ > 0) {
        if (!pendingFlow_) {
            pendingFlow_ = ts.newFlowId();
            ts.record(Ev::FlowStart, id_, static_cast<int64_t>(pendingFlow_), int64_t(FlowKind::Handoff));
        }
        cv_.notify_one();
    }
}

void RLock::release()
{
    ThreadState& ts = ThreadState::current();
    ts.gate(Ev::Release, id_);
    if (owner_.load(std::memory_order_relaxed) != ts.lane()) {
        if (ts.stopRequested())
            return;  // unwinding after an abort (e.g. a lock_guard): nothing to give back
        throw RuntimeError("cannot release un-acquired lock");
    }
    const int c = count_.load(std::memory_order_relaxed) - 1;
    if (c > 0) {
        count_.store(c, std::memory_order_relaxed);
        return;
    }
    releaseHold(ts);
}

int RLock::releaseAll()
{
    ThreadState& ts = ThreadState::current();
    if (owner_.load(std::memory_order_relaxed) != ts.lane())
        throw RuntimeError("cannot release un-acquired lock");
    const int c = count_.load(std::memory_order_relaxed);
    releaseHold(ts);
    return c;
}

void RLock::acquireRestore(int count)
{
    acquire();
    count_.store(count, std::memory_order_relaxed);
}

}  // namespace tl
