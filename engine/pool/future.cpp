// SPDX-License-Identifier: MIT
#include "future.h"

#include <algorithm>

namespace tl {

const char* futureStatusName(FutureStatus s) noexcept
{
    switch (s) {
    case FutureStatus::Pending: return "PENDING";
    case FutureStatus::Running: return "RUNNING";
    case FutureStatus::Cancelled: return "CANCELLED";
    case FutureStatus::Finished: return "FINISHED";
    }
    return "?";
}

namespace detail {

std::shared_ptr<FutureCore> makeCore(Run& run, std::string name, int64_t task, bool recordPending)
{
    auto c = std::make_shared<FutureCore>();
    c->run = &run;
    c->task = task;
    c->id = run.recorder().addObject(ObjectKind::Future, std::move(name));
    if (recordPending)
        if (ThreadState* ts = ThreadState::currentOrNull())
            ts->record(Ev::FutureState, c->id, int64_t(FutureStatus::Pending));
    return c;
}

std::string exceptionText(const std::exception_ptr& e)
{
    if (!e)
        return {};
    try {
        std::rethrow_exception(e);
    } catch (const PyError& x) {
        return x.describe();
    } catch (const std::exception& x) {
        return x.what();
    } catch (...) {
        return "unknown exception";
    }
}

namespace {

std::string repr(const FutureCore& c)
{
    std::string s = "<Future";
    if (c.task >= 0)
        s += " task " + std::to_string(c.task);
    s += " state=";
    std::string st = futureStatusName(c.status);
    std::transform(st.begin(), st.end(), st.begin(), [](unsigned char ch) { return char(std::tolower(ch)); });
    s += st;
    if (c.status == FutureStatus::Finished)
        s += (c.error ? " raised " : " returned ") + c.text;
    return s + ">";
}

// Runs one done callback on the calling thread; a callback's exception is recorded (like
// the concurrent.futures logger's "exception calling callback for ...") and ignored.
// `flow`: the `done` flow the completing thread started for this callback (0 for a callback
// registered on a done future: nothing links it to the completion).
void runCallback(const std::shared_ptr<FutureCore>& core, const std::function<void(const FutureBase&)>& cb,
                 uint64_t flow = 0)
{
    ThreadState* ts = ThreadState::currentOrNull();
    if (ts) {
        if (flow)
            ts->record(Ev::FlowEnd, core->id, int64_t(flow), int64_t(FlowKind::Done));
        ts->record(Ev::Callback, core->id, core->task);
    }
    try {
        cb(FutureBase(core));
    } catch (const Aborted&) {
        throw;
    } catch (...) {
        if (ts) {
            const std::string text =
                "exception calling callback for " + repr(*core) + ": " + exceptionText(std::current_exception());
            ts->record(Ev::Exception, core->id, core->run->recorder().intern(text));
        }
    }
}

// The common end of set_result/set_exception/cancel. Called with the core's lock held, right
// after the status became terminal: records the new state, starts one `done` flow per blocked
// waiter, wakes everybody, then (lock released) notifies multi-waiters, calls `after` and runs
// the callbacks in registration order.
void finishLocked(const std::shared_ptr<FutureCore>& core, std::unique_lock<std::mutex>& lk,
                  const std::function<void()>& after = {})
{
    FutureCore& c = *core;
    ThreadState* ts = ThreadState::currentOrNull();
    if (ts) {
        ts->record(Ev::FutureState, c.id, int64_t(c.status));
        for (int i = 0; i < c.parked; ++i) {
            const uint64_t flow = ts->newFlowId();
            ts->record(Ev::FlowStart, c.id, int64_t(flow), int64_t(FlowKind::Done));
            c.doneFlows.push_back(flow);
        }
    }
    c.cv.notify_all();
    const auto waiters = c.waiters;
    auto callbacks = std::move(c.callbacks);
    c.callbacks.clear();
    lk.unlock();
    for (const auto& w : waiters) {
        std::lock_guard wl(w->mutex);
        uint64_t flow = 0;
        if (w->parked && ts) {
            flow = ts->newFlowId();
            ts->record(Ev::FlowStart, c.id, int64_t(flow), int64_t(FlowKind::Done));
        }
        w->arrived.emplace_back(&c, flow);
        w->cv.notify_all();
    }
    if (after)
        after();
    // The callbacks run right here, on the completing thread: their `done` flows start now.
    std::vector<uint64_t> flows;
    if (ts)
        for (size_t i = 0; i < callbacks.size(); ++i) {
            flows.push_back(ts->newFlowId());
            ts->record(Ev::FlowStart, c.id, int64_t(flows.back()), int64_t(FlowKind::Done));
        }
    for (size_t i = 0; i < callbacks.size(); ++i)
        runCallback(core, callbacks[i], ts ? flows[i] : 0);
}

}  // namespace

void completeCore(const std::shared_ptr<FutureCore>& core, std::any value, std::exception_ptr error, std::string text)
{
    if (error && text.empty())
        text = exceptionText(error);
    std::unique_lock lk(core->mutex);
    if (core->isDone())
        throw InvalidStateError(std::string(futureStatusName(core->status)) + ": " + repr(*core));
    core->text = std::move(text);
    core->value = std::move(value);
    core->error = std::move(error);
    core->status = FutureStatus::Finished;
    finishLocked(core, lk);
}

}  // namespace detail

bool FutureBase::cancel() const
{
    detail::FutureCore& c = *core_;
    ThreadState* ts = ThreadState::currentOrNull();
    if (ts)
        ts->gate(Ev::Cancel, c.id);
    std::unique_lock lk(c.mutex);
    if (c.status == FutureStatus::Running || c.status == FutureStatus::Finished) {
        if (ts)
            ts->record(Ev::Cancel, c.id, 0);
        return false;
    }
    if (ts)
        ts->record(Ev::Cancel, c.id, 1);
    if (c.status == FutureStatus::Cancelled)
        return true;
    c.status = FutureStatus::Cancelled;
    // Copy: the hook must outlive the lock release inside finishLocked.
    const std::function<void()> hook = c.onCancel;
    detail::finishLocked(core_, lk, hook);
    return true;
}

std::string FutureBase::repr() const
{
    std::lock_guard lk(core_->mutex);
    return detail::repr(*core_);
}

FutureStatus FutureBase::status() const
{
    std::lock_guard lk(core_->mutex);
    return core_->status;
}

bool FutureBase::cancelled() const { return status() == FutureStatus::Cancelled; }
bool FutureBase::running() const { return status() == FutureStatus::Running; }
bool FutureBase::done() const
{
    const FutureStatus s = status();
    return s == FutureStatus::Cancelled || s == FutureStatus::Finished;
}

void FutureBase::waitDone(double timeoutMs, const char* /*what*/) const
{
    detail::FutureCore& c = *core_;
    ThreadState& ts = ThreadState::current();
    ts.gate(Ev::FutureState, c.id);
    Resume resume(ts);
    std::unique_lock lk(c.mutex);
    if (!c.isDone()) {
        bool parkedMe = false;
        auto pred = [&] {
            if (c.isDone())
                return true;
            // About to block (waitUntil blocks whenever the predicate fails and the timeout is
            // not 0): count this waiter so that completion starts a `done` flow for it.
            if (!parkedMe && timeoutMs != 0) {
                ++c.parked;
                parkedMe = true;
            }
            return false;
        };
        bool ok;
        try {
            ok = ts.waitUntil(lk, c.cv, timeoutMs, State::WaitFuture, c.id, pred);
        } catch (...) {
            if (parkedMe)
                --c.parked;
            throw;
        }
        if (parkedMe) {
            --c.parked;
            if (ok && !c.doneFlows.empty()) {
                const uint64_t flow = c.doneFlows.back();
                c.doneFlows.pop_back();
                ts.record(Ev::FlowEnd, c.id, int64_t(flow), int64_t(FlowKind::Done));
            }
        }
        if (!ok)
            throw TimeoutError();
    }
    if (c.status == FutureStatus::Cancelled) {
        if (ts.blocked())
            ts.setResumeOutcome(Outcome::Cancelled);
        throw CancelledError();
    }
}

std::exception_ptr FutureBase::exception(double timeoutMs) const
{
    waitDone(timeoutMs, "exception");
    return core_->error;  // immutable once FINISHED (ordered by the core's mutex)
}

void FutureBase::get(double timeoutMs) const
{
    waitDone(timeoutMs, "result");
    if (!core_->error)
        return;
    try {
        std::rethrow_exception(core_->error);
    } catch (const PyError& e) {
        e.raiseCopy();
    }
}

std::any FutureBase::resultAny(double timeoutMs) const
{
    get(timeoutMs);
    return core_->value;
}

void FutureBase::addDoneCallback(std::function<void(const FutureBase&)> fn) const
{
    {
        std::lock_guard lk(core_->mutex);
        if (!core_->isDone()) {
            core_->callbacks.push_back(std::move(fn));
            return;
        }
    }
    detail::runCallback(core_, fn);
}

bool FutureBase::setRunningOrNotifyCancel() const
{
    detail::FutureCore& c = *core_;
    std::lock_guard lk(c.mutex);
    if (c.status == FutureStatus::Cancelled)
        return false;
    if (c.status != FutureStatus::Pending)
        throw RuntimeError("Future in unexpected state");
    c.status = FutureStatus::Running;
    if (ThreadState* ts = ThreadState::currentOrNull())
        ts->record(Ev::FutureState, c.id, int64_t(FutureStatus::Running));
    return true;
}

void FutureBase::setException(std::exception_ptr e) const { complete(std::any(), std::move(e)); }

}  // namespace tl
