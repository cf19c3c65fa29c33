// SPDX-License-Identifier: MIT
// The process pool's API: ProcessPool (create, submit, close, terminate, join), its results
// (AsyncResult, IMapIterator) and the registry of task functions. The worker processes are in
// process_pool_worker.cpp, the parent's helper threads and pump in process_pool_parent.cpp,
// the wire in process_pool_wire.cpp.
#include "process_pool.h"
#include "process_pool_state.h"

#include <algorithm>
#include <chrono>
#include <csignal>
#include <fcntl.h>
#include <mutex>
#include <signal.h>
#include <thread>
#include <unistd.h>

namespace tl {

using namespace pp;

namespace {

std::mutex g_registryMutex;
std::map<std::string, TaskFn>& registry()
{
    static std::map<std::string, TaskFn> r;
    return r;
}

}  // namespace

void registerTask(const std::string& name, TaskFn fn)
{
    std::lock_guard lk(g_registryMutex);
    registry()[name] = std::move(fn);
}

int ProcessPool::defaultChunksize(size_t items, int processes)
{
    if (items == 0)
        return 1;
    const size_t d = 4 * static_cast<size_t>(std::max(1, processes));
    return static_cast<int>((items + d - 1) / d);
}

ProcessPool::ProcessPool(Run& run, int processes, std::function<void()> initializer)
    : ProcessPool(run, PoolOptions{processes, std::move(initializer), 0, {}, "Pool"})
{}

ProcessPool::ProcessPool(Run& run, PoolOptions options) : p_(std::make_shared<ProcessPoolShared>())
{
    if (options.processes < 0)
        throw ValueError("Number of processes must be at least 1");
    p_->run = &run;
    p_->processes =
        options.processes > 0 ? options.processes : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    if (options.maxtasksperchild < 0)
        throw ValueError("maxtasksperchild must be a positive int or None");
    {
        std::lock_guard lk(g_registryMutex);
        p_->fns = registry();
    }
    for (auto& [name, fn] : options.functions)
        p_->fns[name] = fn;
    p_->opt = std::move(options);
    p_->object = run.recorder().addObject(ObjectKind::ProcessPool, p_->opt.name, p_->processes);
    p_->parentPid = ::getpid();
    if (::pipe2(p_->wakeFds, O_CLOEXEC | O_NONBLOCK) != 0)
        throw OSError("pipe2 failed");
    ::signal(SIGPIPE, SIG_IGN);
    ThreadState& self = ThreadState::current();
    self.record(Ev::Mark, p_->object,
                run.recorder().intern(p_->opt.name + "(processes=" + std::to_string(p_->processes) + ")"));
    p_->pump = std::thread([p = p_.get()] { pumpLoop(*p); });
    try {
        // Workers first (CPython forks them in __init__ before starting its threads).
        for (int i = 0; i < p_->processes; ++i)
            spawnWorker(*p_);
        p_->workerHandler = startHelper(*p_, p_, "_handle_workers", &workerHandlerLoop);
        p_->taskHandler = startHelper(*p_, p_, "_handle_tasks", &taskHandlerLoop);
        p_->resultHandler = startHelper(*p_, p_, "_handle_results", &resultHandlerLoop);
    } catch (...) {
        try {
            terminate();
        } catch (...) {}
        finalCleanup(*p_);
        throw;
    }
}

ProcessPool::~ProcessPool()
{
    try {
        terminate();
    } catch (...) {}
    // Waiting for the helper threads: they may need the GIL to finish.
    ThreadState* self = ThreadState::currentOrNull();
    const bool hadGil = self && self->holdsGil();
    if (hadGil) {
        self->setState(State::WaitJoin, p_->object);
        self->dropGil();
    }
    finalCleanup(*p_);
    if (hadGil && !self->stopRequested()) {
        try {
            self->takeGil();
        } catch (...) {}
        self->setState(State::Run);
    }
}

std::shared_ptr<ProcessResultShared> ProcessPool::submit(int kind, const std::string& fn,
                                                         const std::vector<std::string>& items, int chunksize,
                                                         Callback cb, ListCallback lcb, ErrorCallback ecb)
{
    ThreadState& self = ThreadState::current();
    auto r = std::make_shared<ProcessResultShared>();
    r->kind = kind;
    r->n = items.size();
    r->values.resize(items.size());
    r->itemErrors.resize(items.size());
    r->cb = std::move(cb);
    r->lcb = std::move(lcb);
    r->ecb = std::move(ecb);
    r->typeName = kind == KApply ? "ApplyResult" : kind == KMap ? "MapResult" : "IMapIterator";
    if (chunksize < 1)
        chunksize = 1;
    const size_t nChunks = (items.size() + size_t(chunksize) - 1) / size_t(chunksize);
    {
        std::lock_guard lk(p_->m);
        if (p_->state != PpState::Run)
            throw ValueError("Pool not running");
        if (!p_->fns.count(fn))
            throw AttributeError("Can't pickle local object '" + fn + "'");
        r->object = p_->run->recorder().addObject(ObjectKind::Future,
                                                  r->typeName + "-" + std::to_string(++p_->nextResultNumber));
        r->chunksLeft = nChunks;
        if (nChunks == 0) {
            r->ready = true;
        } else {
            for (size_t c = 0; c < nChunks; ++c) {
                PpChunk job;
                job.id = ++p_->nextTask;
                job.result = r;
                job.first = c * size_t(chunksize);
                job.fn = fn;
                const size_t end = std::min(items.size(), job.first + size_t(chunksize));
                job.items.assign(items.begin() + static_cast<ptrdiff_t>(job.first),
                                 items.begin() + static_cast<ptrdiff_t>(end));
                self.record(Ev::Submit, p_->object, job.id, r->object);
                r->lastTask = job.id;
                p_->tasks.push_back(std::move(job));
            }
            p_->cache.insert(r);
        }
        p_->counters(self);
    }
    p_->cv.notify_all();
    if (nChunks == 0 && (r->cb || r->lcb)) {
        // map_async([]) completes at once; CPython calls the callback in the caller then.
        if (r->lcb)
            r->lcb({});
    }
    return r;
}

namespace {

void waitReady(ProcessResultShared& r, double timeoutMs)
{
    ThreadState& self = ThreadState::current();
    self.gate(Ev::StateChange, r.object, int64_t(State::WaitResult));
    Resume resume(self);
    std::unique_lock lk(r.m);
    self.waitUntil(lk, r.cv, timeoutMs, State::WaitResult, r.object, [&] { return r.ready; });
}

}  // namespace

std::string AsyncResult::get(double timeoutMs)
{
    waitReady(*r_, timeoutMs);
    std::lock_guard lk(r_->m);
    if (!r_->ready)
        throw MpTimeoutError();
    if (r_->error)
        r_->error->raise();
    if (r_->values.size() == 1 && r_->values[0])
        return *r_->values[0];
    return {};
}

std::vector<std::string> AsyncResult::getList(double timeoutMs)
{
    waitReady(*r_, timeoutMs);
    std::lock_guard lk(r_->m);
    if (!r_->ready)
        throw MpTimeoutError();
    if (r_->error)
        r_->error->raise();
    std::vector<std::string> out;
    for (auto& v : r_->values)
        out.push_back(v.value_or(std::string()));
    return out;
}

void AsyncResult::wait(double timeoutMs) { waitReady(*r_, timeoutMs); }

bool AsyncResult::ready() const
{
    std::lock_guard lk(r_->m);
    return r_->ready;
}

bool AsyncResult::successful() const
{
    std::lock_guard lk(r_->m);
    if (!r_->ready)
        throw ValueError("<multiprocessing.pool." + r_->typeName + " object> not ready");
    return !r_->error.has_value();
}

ObjectId AsyncResult::object() const { return r_->object; }
ObjectId IMapIterator::object() const { return r_->object; }

std::optional<std::string> IMapIterator::next(double timeoutMs)
{
    ProcessResultShared& r = *r_;
    ThreadState& self = ThreadState::current();
    self.gate(Ev::StateChange, r.object, int64_t(State::WaitResult));
    Resume resume(self);
    std::unique_lock lk(r.m);
    auto have = [&] {
        if (r.yielded >= r.n)
            return true;
        if (r.kind == KImapUnordered)
            return !r.unordered.empty() || r.ready;
        return r.values[r.yielded].has_value() || r.itemErrors[r.yielded].has_value() || r.ready;
    };
    if (!self.waitUntil(lk, r.cv, timeoutMs, State::WaitResult, r.object, have))
        throw MpTimeoutError();
    if (r.yielded >= r.n)
        return std::nullopt;
    if (r.kind == KImapUnordered) {
        if (r.unordered.empty())  // ready with nothing left: a lost chunk (terminated)
            throw RuntimeError("result lost: the pool was terminated");
        auto [v, err] = std::move(r.unordered.front());
        r.unordered.pop_front();
        ++r.yielded;
        if (err)
            err->raise();
        return v;
    }
    const size_t i = r.yielded++;
    if (r.itemErrors[i])
        r.itemErrors[i]->raise();
    if (!r.values[i])
        throw RuntimeError("result lost: the pool was terminated");
    return *r.values[i];
}

std::string ProcessPool::apply(const std::string& fn, const std::string& arg) { return applyAsync(fn, arg).get(); }

AsyncResult ProcessPool::applyAsync(const std::string& fn, const std::string& arg, Callback callback,
                                    ErrorCallback errorCallback)
{
    return AsyncResult(submit(KApply, fn, {arg}, 1, std::move(callback), {}, std::move(errorCallback)));
}

std::vector<std::string> ProcessPool::map(const std::string& fn, const std::vector<std::string>& items, int chunksize)
{
    return mapAsync(fn, items, chunksize).getList();
}

AsyncResult ProcessPool::mapAsync(const std::string& fn, const std::vector<std::string>& items, int chunksize,
                                  ListCallback callback, ErrorCallback errorCallback)
{
    if (chunksize <= 0)
        chunksize = defaultChunksize(items.size(), p_->processes);
    return AsyncResult(submit(KMap, fn, items, chunksize, {}, std::move(callback), std::move(errorCallback)));
}

IMapIterator ProcessPool::imap(const std::string& fn, const std::vector<std::string>& items, int chunksize)
{
    if (chunksize < 1)
        throw ValueError("Chunksize must be 1+, not " + std::to_string(chunksize));
    return IMapIterator(submit(KImap, fn, items, chunksize, {}, {}, {}));
}

IMapIterator ProcessPool::imapUnordered(const std::string& fn, const std::vector<std::string>& items, int chunksize)
{
    if (chunksize < 1)
        throw ValueError("Chunksize must be 1+, not " + std::to_string(chunksize));
    return IMapIterator(submit(KImapUnordered, fn, items, chunksize, {}, {}, {}));
}

std::vector<std::string> ProcessPool::starmap(const std::string& fn,
                                              const std::vector<std::vector<std::string>>& tuples, int chunksize)
{
    return starmapAsync(fn, tuples, chunksize).getList();
}

AsyncResult ProcessPool::starmapAsync(const std::string& fn, const std::vector<std::vector<std::string>>& tuples,
                                      int chunksize, ListCallback callback, ErrorCallback errorCallback)
{
    std::vector<std::string> packed;
    packed.reserve(tuples.size());
    for (auto& t : tuples)
        packed.push_back(packArgs(t));
    return mapAsync(fn, packed, chunksize, std::move(callback), std::move(errorCallback));
}

void ProcessPool::close()
{
    ThreadState::current().record(Ev::Mark, p_->object, p_->run->recorder().intern("close()"));
    {
        std::lock_guard lk(p_->m);
        if (p_->state == PpState::Run)
            p_->state = PpState::Close;
    }
    p_->cv.notify_all();
}

void ProcessPool::terminate()
{
    ThreadState* self = ThreadState::currentOrNull();
    std::vector<pid_t> pids;
    std::vector<std::shared_ptr<ProcessResultShared>> lost;
    {
        std::lock_guard lk(p_->m);
        if (p_->state == PpState::Terminate)
            return;
        p_->state = PpState::Terminate;
        for (auto& w : p_->workers)
            if (w->alive)
                pids.push_back(w->pid);
        lost.assign(p_->cache.begin(), p_->cache.end());
        p_->cache.clear();
        p_->tasks.clear();
    }
    if (self)
        self->record(Ev::Mark, p_->object, p_->run->recorder().intern("terminate()"));
    p_->cv.notify_all();
    for (pid_t pid : pids)
        ::kill(pid, SIGTERM);
    // Unfinished results never complete in Python (get() would hang); here they become ready
    // with an error so that nothing hangs.
    for (auto& r : lost) {
        {
            std::lock_guard lk(r->m);
            if (!r->ready) {
                if (!r->error)
                    r->error = RemoteError{"RuntimeError", "result lost: the pool was terminated"};
                r->ready = true;
            }
        }
        r->cv.notify_all();
    }
    // Wait (bounded) for the pump to see every worker end, so their lanes are closed.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    std::unique_lock lk(p_->m);
    while (p_->aliveWorkers() > 0 && std::chrono::steady_clock::now() < deadline) {
        lk.unlock();
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
        lk.lock();
    }
    for (auto& w : p_->workers)
        if (w->alive)
            ::kill(w->pid, SIGKILL);
}

void ProcessPool::join()
{
    ThreadState& self = ThreadState::current();
    {
        std::lock_guard lk(p_->m);
        if (p_->state == PpState::Run)
            throw ValueError("Pool is still running");
    }
    waitEnded(self, p_->workerHandler);
    waitEnded(self, p_->taskHandler);
    waitEnded(self, p_->resultHandler);
    Resume resume(self);
    std::unique_lock lk(p_->m);
    self.waitUntil(lk, p_->cv, kForever, State::WaitJoin, p_->object, [&] { return p_->aliveWorkers() == 0; });
}

int ProcessPool::processes() const { return p_->processes; }
ObjectId ProcessPool::object() const { return p_->object; }

std::vector<int> ProcessPool::pids() const
{
    std::lock_guard lk(p_->m);
    std::vector<int> out;
    for (auto& w : p_->workers)
        if (w->alive)
            out.push_back(w->pid);
    return out;
}

std::vector<LaneId> ProcessPool::workerLanes() const
{
    std::lock_guard lk(p_->m);
    std::vector<LaneId> out;
    for (auto& w : p_->workers)
        if (w->alive)
            out.push_back(w->lane);
    return out;
}

std::map<LaneId, int> ProcessPool::allWorkers() const
{
    std::lock_guard lk(p_->m);
    std::map<LaneId, int> out;
    for (auto& w : p_->workers)
        out[w->lane] = w->pid;
    return out;
}

LaneId ProcessPool::resultHandlerLane() const { return p_->resultHandler->lane(); }
LaneId ProcessPool::taskHandlerLane() const { return p_->taskHandler->lane(); }
LaneId ProcessPool::workerHandlerLane() const { return p_->workerHandler->lane(); }

}  // namespace tl
