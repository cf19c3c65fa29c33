// SPDX-License-Identifier: MIT
#include "gil.h"

#include "run.h"

#include <algorithm>

namespace tl {

Gil::Gil(Run& run, int64_t switchIntervalNs)
    : run_(run), id_(run.recorder().addObject(ObjectKind::Gil, "GIL")), intervalNs_(switchIntervalNs)
{
}

bool Gil::acquire(ThreadState& ts)
{
    std::unique_lock lk(mutex_);
    if (holder_ < 0 && waiters_.empty()) {
        holder_ = ts.lane();
        acquiredAt_ = Clock::now();
        ts.holdsGil_ = true;
        ts.record(Ev::Counter, id_, int64_t(CounterKind::Holder), ts.lane());
        return false;
    }
    waiters_.push_back(ts.lane());
    ts.setState(State::WaitGil, id_);
    const bool ok = cv_.wait(lk, ts.stopToken(), [&] { return holder_ < 0 && waiters_.front() == ts.lane(); });
    if (!ok) {
        waiters_.erase(std::find(waiters_.begin(), waiters_.end(), ts.lane()));
        cv_.notify_all();
        ts.throwAborted(&lk);
    }
    waiters_.pop_front();
    holder_ = ts.lane();
    acquiredAt_ = Clock::now();
    ts.holdsGil_ = true;
    ts.record(Ev::Counter, id_, int64_t(CounterKind::Holder), ts.lane());
    return true;
}

void Gil::release(ThreadState& ts)
{
    std::lock_guard lk(mutex_);
    if (holder_ != ts.lane())
        return;
    holder_ = -1;
    ts.holdsGil_ = false;
    ts.record(Ev::Counter, id_, int64_t(CounterKind::Holder), -1);
    cv_.notify_all();
}

bool Gil::shouldYield(const ThreadState& ts) const noexcept
{
    std::lock_guard lk(mutex_);
    return holder_ == ts.lane() && !waiters_.empty() && Clock::now() - acquiredAt_ >= intervalNs_;
}

void Gil::yield(ThreadState& ts)
{
    release(ts);
    if (acquire(ts))  // FIFO: the waiters queued before us go first
        ts.setState(State::Run);
}

} // namespace tl
