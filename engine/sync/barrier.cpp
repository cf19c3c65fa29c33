// SPDX-License-Identifier: MIT
#include "barrier.h"

#include <algorithm>

namespace tl {

Barrier::Barrier(Run& run, std::string name, int parties, std::function<void()> action, double timeoutMs)
    : run_(run), id_(run.recorder().addObject(ObjectKind::Barrier, name, parties)), name_(std::move(name)),
      parties_(parties), action_(std::move(action)), timeoutMs_(timeoutMs)
{}

void Barrier::breakLocked(ThreadState& ts)
{
    if (phase_ != Phase::Broken)
        ts.record(Ev::BarrierBroken, id_);
    phase_ = Phase::Broken;
    cv_.notify_all();
}

// The last thread out lets the next round in (CPython's _exit()).
void Barrier::exitLocked()
{
    if (count_ == 0 && (phase_ == Phase::Resetting || phase_ == Phase::Draining)) {
        phase_ = Phase::Filling;
        cv_.notify_all();
    }
}

int Barrier::wait(double timeoutMs)
{
    ThreadState& ts = ThreadState::current();
    ts.gate(Ev::BarrierPass, id_);
    if (timeoutMs == kForever)
        timeoutMs = timeoutMs_;
    Resume resume(ts);
    std::unique_lock lk(mutex_);
    // _enter(): wait while the previous round drains or resets.
    ts.waitUntil(lk, cv_, kForever, State::WaitBarrier, id_,
                 [this] { return phase_ != Phase::Draining && phase_ != Phase::Resetting && !acting_; });
    if (phase_ == Phase::Broken)
        throw BrokenBarrierError();
    const int index = count_++;
    try {
        if (index + 1 == parties_) {
            if (action_) {
                // The action runs outside mutex_ (it may block or record); arrivals wait on acting_.
                acting_ = true;
                lk.unlock();
                try {
                    action_();
                } catch (...) {
                    lk.lock();
                    acting_ = false;
                    breakLocked(ts);
                    throw;
                }
                lk.lock();
                acting_ = false;
            }
            phase_ = Phase::Draining;
            ts.record(Ev::BarrierPass, id_, index);
            for (Waiter* w : waiters_) {
                w->woken = true;
                w->flow = ts.newFlowId();
                ts.record(Ev::FlowStart, id_, static_cast<int64_t>(w->flow), int64_t(FlowKind::Wake));
            }
            waiters_.clear();
            cv_.notify_all();
        } else {
            Waiter self;
            waiters_.push_back(&self);
            bool ok;
            try {
                ok = ts.waitUntil(lk, cv_, timeoutMs, State::WaitBarrier, id_,
                                  [this] { return phase_ != Phase::Filling; });
                if (!ok && acting_) {
                    // Timed out while the action ran: in Python the waiter could not re-take the
                    // condition's lock before the action ended, then saw the barrier pass.
                    ts.waitUntil(lk, cv_, kForever, State::WaitBarrier, id_, [this] { return !acting_; });
                    ok = phase_ != Phase::Filling;
                }
            } catch (...) {
                std::erase(waiters_, &self);
                throw;
            }
            std::erase(waiters_, &self);
            // The releaser's wake reached this waiter even when an abort() or reset() came
            // before it re-took the lock (CPython's _wait() then raises while the releaser
            // has passed): the wake flow ends here whatever the outcome.
            if (self.flow)
                ts.record(Ev::FlowEnd, id_, static_cast<int64_t>(self.flow), int64_t(FlowKind::Wake));
            if (!ok) {
                breakLocked(ts);
                throw BrokenBarrierError();
            }
            if (phase_ == Phase::Broken || phase_ == Phase::Resetting)
                throw BrokenBarrierError();
            ts.record(Ev::BarrierPass, id_, index);
        }
    } catch (...) {
        if (!lk.owns_lock())
            lk.lock();
        --count_;
        exitLocked();
        throw;
    }
    --count_;
    exitLocked();
    return index;
}

void Barrier::reset()
{
    ThreadState& ts = ThreadState::current();
    ts.gate(Ev::BarrierBroken, id_, 1);
    Resume resume(ts);
    std::unique_lock lk(mutex_);
    ts.waitUntil(lk, cv_, kForever, State::WaitBarrier, id_, [this] { return !acting_; });  // as abort()
    if (count_ > 0) {
        if (phase_ == Phase::Filling || phase_ == Phase::Broken)
            phase_ = Phase::Resetting;
    } else {
        phase_ = Phase::Filling;
    }
    cv_.notify_all();
}

void Barrier::abort()
{
    ThreadState& ts = ThreadState::current();
    ts.gate(Ev::BarrierBroken, id_);
    Resume resume(ts);
    std::unique_lock lk(mutex_);
    // CPython runs the action holding the condition's lock: an abort() waits until the action
    // and its release are over, so it breaks the barrier between the release and the waiters'
    // wake-up, never in the middle of the action (which would undo the break).
    ts.waitUntil(lk, cv_, kForever, State::WaitBarrier, id_, [this] { return !acting_; });
    breakLocked(ts);
}

int Barrier::nWaiting() const
{
    std::lock_guard lk(mutex_);
    return phase_ == Phase::Filling ? count_ : 0;
}

bool Barrier::broken() const
{
    std::lock_guard lk(mutex_);
    return phase_ == Phase::Broken;
}

}  // namespace tl
