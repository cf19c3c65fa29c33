// SPDX-License-Identifier: MIT
#include "event.h"

#include <algorithm>

namespace tl {

ThreadEvent::ThreadEvent(Run& run, std::string name)
    : run_(run), id_(run.recorder().addObject(ObjectKind::Event, name)), name_(std::move(name))
{}

void ThreadEvent::set()
{
    ThreadState& ts = ThreadState::current();
    ts.gate(Ev::Set, id_);
    std::lock_guard lk(mutex_);
    flag_.store(true, std::memory_order_release);
    ts.record(Ev::Set, id_);
    for (Waiter* w : waiters_) {
        w->woken = true;
        w->flow = ts.newFlowId();
        ts.record(Ev::FlowStart, id_, static_cast<int64_t>(w->flow), int64_t(FlowKind::Wake));
    }
    if (!waiters_.empty())
        cv_.notify_all();
    waiters_.clear();
}

void ThreadEvent::clear()
{
    ThreadState& ts = ThreadState::current();
    ts.gate(Ev::Clear, id_);
    std::lock_guard lk(mutex_);
    flag_.store(false, std::memory_order_release);
    ts.record(Ev::Clear, id_);
}

bool ThreadEvent::wait(double timeoutMs)
{
    ThreadState& ts = ThreadState::current();
    ts.gate(Ev::StateChange, id_, static_cast<int64_t>(State::WaitEvent));
    Resume resume(ts);
    std::unique_lock lk(mutex_);
    if (flag_.load(std::memory_order_relaxed))
        return true;
    if (timeoutMs == 0 || (timeoutMs < 0 && timeoutMs != kForever))
        return false;  // Python: a non-positive timeout does not wait
    Waiter self;
    waiters_.push_back(&self);
    bool ok;
    try {
        ok = ts.waitUntil(lk, cv_, timeoutMs, State::WaitEvent, id_, [&] { return self.woken; });
    } catch (...) {
        std::erase(waiters_, &self);
        throw;
    }
    if (!ok)
        std::erase(waiters_, &self);
    else if (self.flow)
        ts.record(Ev::FlowEnd, id_, static_cast<int64_t>(self.flow), int64_t(FlowKind::Wake));
    return ok;
}

}  // namespace tl
