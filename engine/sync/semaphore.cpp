// SPDX-License-Identifier: MIT
#include "semaphore.h"

namespace tl {

Semaphore::Semaphore(Run& run, std::string name, int64_t value)
    : Semaphore(run, std::move(name), value, ObjectKind::Semaphore)
{}

Semaphore::Semaphore(Run& run, std::string name, int64_t value, ObjectKind kind)
    : value_(value), run_(run), name_(std::move(name))
{
    if (value < 0)
        throw ValueError("semaphore initial value must be >= 0");
    id_ = run.recorder().addObject(kind, name_, value);
    if (ThreadState* ts = ThreadState::currentOrNull())
        ts->record(Ev::Counter, id_, int64_t(CounterKind::Available), value_);
}

int64_t Semaphore::value() const
{
    std::lock_guard lk(mutex_);
    return value_;
}

void Semaphore::took(ThreadState& ts)
{
    --value_;
    const uint64_t hold = ts.newHoldId();
    held_.push_back({hold, ts.lane()});
    ts.record(Ev::HoldBegin, id_, static_cast<int64_t>(hold));
    ts.record(Ev::Counter, id_, int64_t(CounterKind::Available), value_);
}

bool Semaphore::acquire(bool blocking, double timeoutMs)
{
    ThreadState& ts = ThreadState::current();
    ts.gate(Ev::HoldBegin, id_);
    if (!blocking && timeoutMs != kForever)
        throw ValueError("can't specify timeout for non-blocking acquire");
    Resume resume(ts);
    std::unique_lock lk(mutex_);
    if (!blocking) {
        const bool ok = value_ > 0;
        if (ok)
            took(ts);
        ts.record(Ev::AcquireTry, id_, ok ? 1 : 0);
        return ok;
    }
    ++waiters_;
    bool ok;
    try {
        ok = ts.waitUntil(lk, cv_, timeoutMs, State::WaitSemaphore, id_, [this] { return value_ > 0; });
    } catch (...) {
        --waiters_;
        throw;
    }
    --waiters_;
    if (!ok) {
        // Handoffs meant for waiters that gave up end here, so every flow has both ends.
        while (pendingFlows_.size() > static_cast<size_t>(waiters_)) {
            ts.record(Ev::FlowEnd, id_, static_cast<int64_t>(pendingFlows_.front()), int64_t(FlowKind::Handoff));
            pendingFlows_.pop_front();
        }
        return false;
    }
    took(ts);
    if (ts.blocked() && !pendingFlows_.empty()) {
        ts.record(Ev::FlowEnd, id_, static_cast<int64_t>(pendingFlows_.front()), int64_t(FlowKind::Handoff));
        pendingFlows_.pop_front();
    }
    return true;
}

void Semaphore::release(int64_t n)
{
    ThreadState& ts = ThreadState::current();
    ts.gate(Ev::Release, id_, n);
    if (n < 1)
        throw ValueError("n must be one or more");
    std::lock_guard lk(mutex_);
    checkRelease(n);
    for (int64_t i = 0; i < n && !held_.empty(); ++i) {
        // A semaphore has no owner: end the releaser's own most recent hold, else the oldest.
        auto it = held_.end();
        for (auto j = held_.rbegin(); j != held_.rend(); ++j)
            if (j->lane == ts.lane()) {
                it = std::next(j).base();
                break;
            }
        if (it == held_.end())
            it = held_.begin();
        ts.record(Ev::HoldEnd, id_, static_cast<int64_t>(it->hold), it->lane);
        held_.erase(it);
    }
    value_ += n;
    ts.record(Ev::Counter, id_, int64_t(CounterKind::Available), value_);
    const int64_t wake = std::min<int64_t>(n, waiters_) - static_cast<int64_t>(pendingFlows_.size());
    for (int64_t i = 0; i < wake; ++i) {
        const uint64_t flow = ts.newFlowId();
        ts.record(Ev::FlowStart, id_, static_cast<int64_t>(flow), int64_t(FlowKind::Handoff));
        pendingFlows_.push_back(flow);
    }
    if (waiters_ > 0) {
        if (n == 1)
            cv_.notify_one();
        else
            cv_.notify_all();
    }
}

BoundedSemaphore::BoundedSemaphore(Run& run, std::string name, int64_t value)
    : Semaphore(run, std::move(name), value, ObjectKind::BoundedSemaphore), initial_(value)
{}

void BoundedSemaphore::checkRelease(int64_t n) const
{
    if (value_ + n > initial_)
        throw ValueError("Semaphore released too many times");
}

}  // namespace tl
