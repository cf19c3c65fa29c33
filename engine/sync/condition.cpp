// SPDX-License-Identifier: MIT
#include "condition.h"

#include <chrono>

namespace tl {

Condition::Condition(Run& run, std::string name)
    : run_(run), id_(run.recorder().addObject(ObjectKind::Condition, name)), name_(std::move(name))
{
    own_ = std::make_unique<RLock>(run, name_ + ".lock");
    rlock_ = own_.get();
}

Condition::Condition(Run& run, std::string name, Lock& lock)
    : run_(run), id_(run.recorder().addObject(ObjectKind::Condition, name)), name_(std::move(name)), lock_(&lock)
{}

Condition::Condition(Run& run, std::string name, RLock& lock)
    : run_(run), id_(run.recorder().addObject(ObjectKind::Condition, name)), name_(std::move(name)), rlock_(&lock)
{}

Condition::~Condition() = default;

ObjectId Condition::lockId() const noexcept { return rlock_ ? rlock_->id() : lock_->id(); }

bool Condition::acquire(bool blocking, double timeoutMs)
{
    return rlock_ ? rlock_->acquire(blocking, timeoutMs) : lock_->acquire(blocking, timeoutMs);
}

void Condition::release()
{
    if (rlock_)
        rlock_->release();
    else
        lock_->release();
}

// Python's _is_owned(): an RLock knows its owner; a Lock only whether it is locked.
bool Condition::owned() const noexcept { return rlock_ ? rlock_->isOwned() : lock_->locked(); }

int Condition::releaseSaved()
{
    if (rlock_)
        return rlock_->releaseAll();
    lock_->release();
    return 0;
}

void Condition::acquireRestore(int saved)
{
    if (rlock_)
        rlock_->acquireRestore(saved);
    else
        lock_->acquire();
}

bool Condition::wait(double timeoutMs)
{
    ThreadState& ts = ThreadState::current();
    ts.gate(Ev::StateChange, id_, static_cast<int64_t>(State::WaitCondition));
    if (!owned())
        throw RuntimeError("cannot wait on un-acquired lock");
    Resume resume(ts);
    Waiter self;
    {
        // Enlisted before the lock is released: a notify right after the release finds us.
        std::lock_guard lk(mutex_);
        waiters_.push_back(&self);
    }
    const int saved = releaseSaved();
    bool ok = false;
    try {
        std::unique_lock lk(mutex_);
        ok = ts.waitUntil(lk, cv_, timeoutMs, State::WaitCondition, id_, [&] { return self.notified; });
        if (!ok)
            waiters_.remove(&self);
        else if (self.flow)
            ts.record(Ev::FlowEnd, id_, static_cast<int64_t>(self.flow), int64_t(FlowKind::Wake));
    } catch (...) {
        {
            std::lock_guard lk(mutex_);
            if (!self.notified)
                waiters_.remove(&self);
            else if (self.flow)
                ts.record(Ev::FlowEnd, id_, static_cast<int64_t>(self.flow), int64_t(FlowKind::Wake));
        }
        throw;  // aborted: the lock is not taken back (its release is then a no-op)
    }
    acquireRestore(saved);
    return ok;
}

bool Condition::waitFor(const std::function<bool()>& predicate, double timeoutMs)
{
    ThreadState& ts = ThreadState::current();
    bool result = predicate();
    if (result)
        return true;
    // Python recomputes the remaining time on every wake; deadlines are in real time here.
    const int64_t perMsNs = std::max<int64_t>(1, ts.scaledNs(1000.0) / 1000);
    const auto deadline =
        std::chrono::steady_clock::now() + std::chrono::nanoseconds(ts.scaledNs(std::max(0.0, timeoutMs)));
    while (!result) {
        double wait = kForever;
        if (timeoutMs != kForever) {
            const int64_t left =
                std::chrono::duration_cast<std::chrono::nanoseconds>(deadline - std::chrono::steady_clock::now())
                    .count();
            if (left <= 0)
                break;
            wait = static_cast<double>(left) / static_cast<double>(perMsNs);
        }
        this->wait(wait);
        result = predicate();
    }
    return result;
}

void Condition::notify(int n)
{
    ThreadState& ts = ThreadState::current();
    ts.gate(Ev::Notify, id_, n);
    if (!owned())
        throw RuntimeError("cannot notify on un-acquired lock");
    std::lock_guard lk(mutex_);
    ts.record(Ev::Notify, id_, n);
    int woken = 0;
    while (woken < n && !waiters_.empty()) {
        Waiter* w = waiters_.front();
        waiters_.pop_front();
        w->notified = true;
        w->flow = ts.newFlowId();
        ts.record(Ev::FlowStart, id_, static_cast<int64_t>(w->flow), int64_t(FlowKind::Wake));
        ++woken;
    }
    if (woken)
        cv_.notify_all();
}

void Condition::notifyAll()
{
    ThreadState& ts = ThreadState::current();
    ts.gate(Ev::NotifyAll, id_);
    if (!owned())
        throw RuntimeError("cannot notify on un-acquired lock");
    std::lock_guard lk(mutex_);
    ts.record(Ev::NotifyAll, id_);
    for (Waiter* w : waiters_) {
        w->notified = true;
        w->flow = ts.newFlowId();
        ts.record(Ev::FlowStart, id_, static_cast<int64_t>(w->flow), int64_t(FlowKind::Wake));
    }
    if (!waiters_.empty())
        cv_.notify_all();
    waiters_.clear();
}

}  // namespace tl
