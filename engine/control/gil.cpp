// SPDX-License-Identifier: MIT
#include "gil.h"

#include "run.h"

#include <algorithm>

namespace tl {

Gil::Gil(Run& run, int64_t switchIntervalNs)
    : run_(run), id_(run.recorder().addObject(ObjectKind::Gil, "GIL")), intervalNs_(switchIntervalNs)
{}

Gil::Gil(Run& run, ObjectId object, int64_t switchIntervalNs) : run_(run), id_(object), intervalNs_(switchIntervalNs) {}

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
    // One critical section, so that the lane leaves `run` (wait:gil) before another lane can
    // take the GIL and enter `run`: never two lanes of a process running at once (G5).
    std::unique_lock lk(mutex_);
    if (holder_ != ts.lane())
        return;
    ts.setState(State::WaitGil, id_);
    holder_ = -1;
    ts.holdsGil_ = false;
    ts.record(Ev::Counter, id_, int64_t(CounterKind::Holder), -1);
    waiters_.push_back(ts.lane());  // FIFO: the waiters queued before us go first
    cv_.notify_all();
    const bool ok = cv_.wait(lk, ts.stopToken(), [&] { return holder_ < 0 && waiters_.front() == ts.lane(); });
    if (!ok) {
        waiters_.erase(std::find(waiters_.begin(), waiters_.end(), ts.lane()));
        cv_.notify_all();
        ts.throwAborted(&lk);  // main waits for the other threads first: they use its locals
    }
    waiters_.pop_front();
    holder_ = ts.lane();
    acquiredAt_ = Clock::now();
    ts.holdsGil_ = true;
    ts.record(Ev::Counter, id_, int64_t(CounterKind::Holder), ts.lane());
    ts.setState(State::Run);
}

void Gil::releaseAtEnd(ThreadState& ts, int64_t killed)
{
    // The lane's end is recorded before the GIL is free (see yield).
    std::lock_guard lk(mutex_);
    if (holder_ == ts.lane()) {
        ts.record(Ev::Counter, id_, int64_t(CounterKind::Holder), -1);
        ts.record(Ev::ThreadEnd, 0, killed);
        holder_ = -1;
        ts.holdsGil_ = false;
        cv_.notify_all();
    } else {
        ts.record(Ev::ThreadEnd, 0, killed);
    }
}

}  // namespace tl
