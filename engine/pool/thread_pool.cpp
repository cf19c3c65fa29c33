// SPDX-License-Identifier: MIT
#include "thread_pool.h"

#include <algorithm>
#include <optional>
#include <thread>

namespace tl {

namespace detail {

std::chrono::steady_clock::time_point deadlineAfterMs(double timeoutMs)
{
    const ThreadState& ts = ThreadState::current();
    return std::chrono::steady_clock::now() + std::chrono::nanoseconds(ts.scaledNs(std::max(timeoutMs, 0.0)));
}

double remainingMs(std::chrono::steady_clock::time_point deadline)
{
    const ThreadState& ts = ThreadState::current();
    const double nsPerMs = static_cast<double>(ts.scaledNs(1e6)) / 1e6;
    const auto left = std::chrono::duration_cast<std::chrono::nanoseconds>(deadline - std::chrono::steady_clock::now());
    if (nsPerMs <= 0 || left.count() <= 0)
        return 0;  // 0 = "do not block" (never kForever)
    return static_cast<double>(left.count()) / nsPerMs;
}

struct WorkItem {
    std::shared_ptr<FutureCore> core;
    std::function<TaskOutput()> body;
};

// The state workers share with the executor; it outlives the executor object while a worker
// still runs. Everything below `mutex` is guarded by it; counters are recorded under it so
// that their values appear in the order they were taken.
struct PoolShared {
    Run* run = nullptr;
    ObjectId id = 0;
    int maxWorkers = 0;
    std::string prefix;
    std::function<void()> initializer;

    std::mutex mutex;
    std::condition_variable_any cv;  // workers wait here (in `idle`) for work or shutdown
    std::deque<WorkItem> queue;
    std::vector<std::shared_ptr<ThreadState>> threads;
    int idleSem = 0;  // Python's _idle_semaphore: released after every work item
    int busy = 0;
    int pending = 0;  // queued items whose future is still PENDING
    int64_t nextTask = 0;
    bool shutdown = false;
    std::string broken;

    void counter(ThreadState& ts, CounterKind k, int v) { ts.record(Ev::Counter, id, int64_t(k), v); }
};

namespace {

const char* const kBroken = "A thread initializer failed, the thread pool is not usable anymore";

void initializerFailed(const std::shared_ptr<PoolShared>& s, ThreadState& ts)
{
    std::deque<WorkItem> drained;
    {
        std::lock_guard lk(s->mutex);
        s->broken = kBroken;
        drained.swap(s->queue);
    }
    for (WorkItem& item : drained) {
        FutureBase f(item.core);
        bool wasPending;
        {
            std::lock_guard lk(item.core->mutex);
            wasPending = item.core->status == FutureStatus::Pending;
        }
        if (!wasPending)
            continue;  // cancelled meanwhile
        try {
            completeCore(item.core, std::any(), std::make_exception_ptr(BrokenThreadPool(kBroken)));
        } catch (const InvalidStateError&) {
            continue;  // lost a race with cancel(): its hook already counted it
        }
        std::lock_guard lk(s->mutex);
        s->counter(ts, CounterKind::Pending, --s->pending);
    }
}

void runItem(const std::shared_ptr<PoolShared>& s, ThreadState& ts, WorkItem& item)
{
    FutureBase f(item.core);
    if (!f.setRunningOrNotifyCancel()) {
        std::lock_guard lk(s->mutex);
        ++s->idleSem;
        return;  // cancelled while queued: never starts (its hook already left `pending`)
    }
    {
        std::lock_guard lk(s->mutex);
        s->counter(ts, CounterKind::Pending, --s->pending);
        s->counter(ts, CounterKind::Busy, ++s->busy);
    }
    // The worker owns the future while the task runs (deadlock detection); the guard also
    // unregisters when an abort unwinds the task, before the core can go away.
    struct Owning {
        Run& run;
        FutureCore& core;
        Owning(Run& r, FutureCore& c, LaneId lane) : run(r), core(c)
        {
            core.runner.store(lane, std::memory_order_relaxed);
            run.registerOwnable(&core);
        }
        ~Owning()
        {
            run.unregisterOwnable(&core);
            core.runner.store(-1, std::memory_order_relaxed);
        }
    };
    std::optional<Owning> owning(std::in_place, *s->run, *item.core, ts.lane());
    const int64_t task = item.core->task;
    ts.record(Ev::TaskBegin, item.core->id, task);
    TaskOutput out;
    std::exception_ptr error;
    try {
        out = item.body();
    } catch (const Aborted&) {
        throw;
    } catch (...) {
        error = std::current_exception();
    }
    item.body = nullptr;  // drop the task's captures now, as Python's `del work_item`
    const std::string text = error ? exceptionText(error) : out.text;
    const int64_t outcome = int64_t(error ? TaskOutcome::Exception : TaskOutcome::Result);
    ts.record(Ev::TaskEnd, item.core->id, task, outcome | (int64_t(s->run->recorder().intern(text)) << 8));
    owning.reset();
    {
        // Python releases the idle semaphore after set_result; under CPython's GIL the worker
        // nearly always gets there before the woken waiter submits again. Releasing it first
        // keeps that observable behaviour (sequential submit+result reuses one worker)
        // deterministic with real threads.
        std::lock_guard lk(s->mutex);
        ++s->idleSem;
    }
    completeCore(item.core, std::move(out.value), error, text);
    std::lock_guard lk(s->mutex);
    s->counter(ts, CounterKind::Busy, --s->busy);
}

void workerMain(const std::shared_ptr<PoolShared>& s)
{
    ThreadState& ts = ThreadState::current();
    if (s->initializer) {
        try {
            s->initializer();
        } catch (const Aborted&) {
            throw;
        } catch (...) {
            // Python logs "Exception in initializer:" at CRITICAL and the worker ends.
            ts.record(
                Ev::Exception, s->id,
                s->run->recorder().intern("Exception in initializer: " + exceptionText(std::current_exception())));
            initializerFailed(s, ts);
            return;
        }
    }
    for (;;) {
        WorkItem item;
        {
            Resume resume(ts);
            std::unique_lock lk(s->mutex);
            ts.waitUntil(lk, s->cv, kForever, State::Idle, s->id, [&] { return !s->queue.empty() || s->shutdown; });
            if (s->queue.empty())
                return;  // shut down and drained
            item = std::move(s->queue.front());
            s->queue.pop_front();
        }
        runItem(s, ts, item);
    }
}

}  // namespace
}  // namespace detail

int ThreadPoolExecutor::defaultMaxWorkers()
{
    const unsigned cpu = std::max(1u, std::thread::hardware_concurrency());
    return static_cast<int>(std::min(32u, cpu + 4));
}

ThreadPoolExecutor::ThreadPoolExecutor(Run& run, int maxWorkers, std::string threadNamePrefix,
                                       std::function<void()> initializer)
    : run_(run), maxWorkers_(maxWorkers), prefix_(std::move(threadNamePrefix))
{
    if (maxWorkers <= 0)
        throw ValueError("max_workers must be greater than 0");
    if (prefix_.empty()) {
        // Python counts unnamed executors process-wide from 0; here per run (deterministic).
        int n = 0;
        for (const ObjectInfo& o : run.recorder().objects())
            n += o.kind == ObjectKind::Pool && o.name.starts_with("ThreadPoolExecutor-");
        prefix_ = "ThreadPoolExecutor-" + std::to_string(n);
    }
    id_ = run.recorder().addObject(ObjectKind::Pool, prefix_, maxWorkers);
    shared_ = std::make_shared<detail::PoolShared>();
    shared_->run = &run;
    shared_->id = id_;
    shared_->maxWorkers = maxWorkers;
    shared_->prefix = prefix_;
    shared_->initializer = std::move(initializer);
    if (ThreadState* ts = ThreadState::currentOrNull()) {
        shared_->counter(*ts, CounterKind::Busy, 0);
        shared_->counter(*ts, CounterKind::Pending, 0);
    }
}

ThreadPoolExecutor::~ThreadPoolExecutor()
{
    // `with` exit. On abort the join throws Aborted at once: the run joins the workers.
    try {
        shutdown(true);
    } catch (...) {}
}

std::shared_ptr<detail::FutureCore> ThreadPoolExecutor::enqueue(std::function<detail::TaskOutput()> body)
{
    ThreadState& ts = ThreadState::current();
    ts.gate(Ev::Submit, id_);
    detail::PoolShared& s = *shared_;
    std::lock_guard lk(s.mutex);
    if (!s.broken.empty())
        throw BrokenThreadPool(s.broken);
    if (s.shutdown)
        throw RuntimeError("cannot schedule new futures after shutdown");
    const int64_t task = s.nextTask++;
    auto core = detail::makeCore(run_, "future " + std::to_string(task), task, false);
    std::weak_ptr<detail::PoolShared> weak = shared_;
    core->onCancel = [weak] {
        if (auto sp = weak.lock()) {
            std::lock_guard l(sp->mutex);
            --sp->pending;
            if (ThreadState* t = ThreadState::currentOrNull())
                sp->counter(*t, CounterKind::Pending, sp->pending);
        }
    };
    ts.record(Ev::Submit, id_, task, core->id);
    ts.record(Ev::FutureState, core->id, int64_t(FutureStatus::Pending));
    s.queue.push_back({core, std::move(body)});
    s.counter(ts, CounterKind::Pending, ++s.pending);
    // Python's _adjust_thread_count: reuse an idle worker, else spawn while below max.
    if (s.idleSem > 0) {
        --s.idleSem;
    } else if (static_cast<int>(s.threads.size()) < s.maxWorkers) {
        auto worker = run_.createThread(s.prefix + "_" + std::to_string(s.threads.size()), false);
        s.threads.push_back(worker);
        try {
            run_.startThread(worker, [sp = shared_] { detail::workerMain(sp); });
        } catch (...) {
            s.threads.pop_back();  // never started: nobody may wait for it to end
            throw;
        }
    }
    s.cv.notify_one();
    return core;
}

void ThreadPoolExecutor::shutdown(bool wait, bool cancelFutures)
{
    ThreadState& ts = ThreadState::current();
    ts.gate(Ev::Join, id_);
    detail::PoolShared& s = *shared_;
    std::deque<detail::WorkItem> drained;
    std::vector<std::shared_ptr<ThreadState>> threads;
    {
        std::lock_guard lk(s.mutex);
        s.shutdown = true;
        if (cancelFutures)
            drained.swap(s.queue);
        threads = s.threads;
        s.cv.notify_all();
    }
    for (detail::WorkItem& item : drained)
        FutureBase(item.core).cancel();
    drained.clear();
    if (!wait)
        return;
    for (const auto& t : threads) {
        if (t.get() == &ts)
            throw RuntimeError("cannot join current thread");
        Resume resume(ts);
        std::unique_lock lk(t->endMutex);
        if (t->ended)
            continue;
        ts.setWaitingForLane(t->lane());
        ts.waitUntil(lk, t->endCv, kForever, State::WaitJoin, 0, [&] { return t->ended; });
    }
}

int ThreadPoolExecutor::threadCount() const
{
    std::lock_guard lk(shared_->mutex);
    return static_cast<int>(shared_->threads.size());
}

std::vector<std::shared_ptr<ThreadState>> ThreadPoolExecutor::threads() const
{
    std::lock_guard lk(shared_->mutex);
    return shared_->threads;
}

bool ThreadPoolExecutor::broken() const
{
    std::lock_guard lk(shared_->mutex);
    return !shared_->broken.empty();
}

bool ThreadPoolExecutor::isShutdown() const
{
    std::lock_guard lk(shared_->mutex);
    return shared_->shutdown;
}

}  // namespace tl
