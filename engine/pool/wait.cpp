// SPDX-License-Identifier: MIT
#include "wait.h"

#include "thread_pool.h"

#include <algorithm>

namespace tl::detail {

namespace {

void install(const std::shared_ptr<FutureCore>& c, const std::shared_ptr<MultiWaiter>& w)
{
    c->waiters.push_back(w);  // caller holds c->mutex
}

void uninstall(const CoreList& cores, const std::shared_ptr<MultiWaiter>& w) noexcept
{
    for (const auto& c : cores) {
        std::lock_guard lk(c->mutex);
        std::erase(c->waiters, w);
    }
}

size_t indexOf(const CoreList& cores, const FutureCore* c)
{
    for (size_t i = 0; i < cores.size(); ++i)
        if (cores[i].get() == c)
            return i;
    return cores.size();
}

// Records the end of each `done` flow that was started for this waiter.
void endFlows(ThreadState& ts, const std::vector<std::pair<ObjectId, uint64_t>>& flows)
{
    for (const auto& [obj, flow] : flows)
        ts.record(Ev::FlowEnd, obj, int64_t(flow), int64_t(FlowKind::Done));
}

}  // namespace

WaitIndices waitCores(const CoreList& cores, double timeoutMs, ReturnWhen when)
{
    ThreadState& ts = ThreadState::current();
    const size_t n = cores.size();
    std::vector<bool> isDone(n, false);
    size_t doneCount = 0;
    bool anyException = false;
    auto w = std::make_shared<MultiWaiter>();
    ObjectId firstPending = 0;
    for (size_t i = 0; i < n; ++i) {
        std::lock_guard lk(cores[i]->mutex);
        if (cores[i]->isDone()) {
            isDone[i] = true;
            ++doneCount;
            anyException = anyException || (cores[i]->status == FutureStatus::Finished && cores[i]->error);
        } else {
            install(cores[i], w);
            if (!firstPending)
                firstPending = cores[i]->id;
        }
    }
    auto satisfied = [&] {
        switch (when) {
        case ReturnWhen::FirstCompleted: return doneCount > 0 || n == 0;
        case ReturnWhen::FirstException: return anyException || doneCount == n;
        case ReturnWhen::AllCompleted: return doneCount == n;
        }
        return true;
    };
    std::vector<std::pair<ObjectId, uint64_t>> flows;
    if (!satisfied()) {
        ts.gate(Ev::FutureState, firstPending);
        try {
            Resume resume(ts);
            std::unique_lock lk(w->mutex);
            auto pred = [&] {
                for (const auto& [core, flow] : w->arrived) {
                    const size_t i = indexOf(cores, core);
                    if (i < n && !isDone[i]) {
                        isDone[i] = true;
                        ++doneCount;
                        // Status and error are final once the core was announced here.
                        anyException = anyException || (core->status == FutureStatus::Finished && core->error);
                    }
                    if (flow)
                        flows.emplace_back(core->id, flow);
                }
                w->arrived.clear();
                if (satisfied())
                    return true;
                if (timeoutMs != 0)
                    w->parked = true;
                return false;
            };
            ts.waitUntil(lk, w->cv, timeoutMs, State::WaitFuture, firstPending, pred);
            w->parked = false;
            endFlows(ts, flows);
        } catch (...) {
            uninstall(cores, w);
            throw;
        }
    }
    uninstall(cores, w);
    WaitIndices r;
    for (size_t i = 0; i < n; ++i)
        (isDone[i] ? r.done : r.notDone).push_back(i);
    return r;
}

AsCompletedCore::AsCompletedCore(CoreList cores, double timeoutMs)
    : cores_(std::move(cores)), timeoutMs_(timeoutMs), yieldedFlag_(cores_.size(), false)
{}

AsCompletedCore::~AsCompletedCore()
{
    if (waiter_)
        uninstall(cores_, waiter_);
}

void AsCompletedCore::start()
{
    started_ = true;
    deadline_ = timeoutMs_ < 0 ? std::chrono::steady_clock::time_point::max() : deadlineAfterMs(timeoutMs_);
    waiter_ = std::make_shared<MultiWaiter>();
    for (size_t i = 0; i < cores_.size(); ++i) {
        std::lock_guard lk(cores_[i]->mutex);
        if (cores_[i]->isDone())
            ready_.push_back(i);
        else
            install(cores_[i], waiter_);
    }
}

size_t AsCompletedCore::next()
{
    if (!started_)
        start();
    if (!hasNext())
        throw std::out_of_range("as_completed exhausted");  // Python: StopIteration
    if (ready_.empty()) {
        ThreadState& ts = ThreadState::current();
        const size_t total = cores_.size();
        auto timeout = [&] {
            return TimeoutError(std::to_string(total - yielded_) + " (of " + std::to_string(total) +
                                ") futures unfinished");
        };
        double left = kForever;
        if (timeoutMs_ >= 0) {
            left = remainingMs(deadline_);
            if (left <= 0)
                throw timeout();
        }
        ObjectId firstPending = 0;
        for (size_t i = 0; i < total && !firstPending; ++i)
            if (!yieldedFlag_[i])
                firstPending = cores_[i]->id;
        ts.gate(Ev::FutureState, firstPending);
        std::vector<std::pair<ObjectId, uint64_t>> flows;
        bool ok;
        {
            Resume resume(ts);
            std::unique_lock lk(waiter_->mutex);
            auto pred = [&] {
                for (const auto& [core, flow] : waiter_->arrived) {
                    const size_t i = indexOf(cores_, core);
                    if (i < total && !yieldedFlag_[i] && std::find(ready_.begin(), ready_.end(), i) == ready_.end())
                        ready_.push_back(i);
                    if (flow)
                        flows.emplace_back(core->id, flow);
                }
                waiter_->arrived.clear();
                if (!ready_.empty())
                    return true;
                waiter_->parked = true;  // left != 0 here: waitUntil is about to block
                return false;
            };
            try {
                ok = ts.waitUntil(lk, waiter_->cv, left, State::WaitFuture, firstPending, pred);
            } catch (...) {
                waiter_->parked = false;
                throw;
            }
            waiter_->parked = false;
            endFlows(ts, flows);
        }
        if (!ok)
            throw timeout();
    }
    const size_t i = ready_.front();
    ready_.erase(ready_.begin());
    yieldedFlag_[i] = true;
    ++yielded_;
    return i;
}

}  // namespace tl::detail
