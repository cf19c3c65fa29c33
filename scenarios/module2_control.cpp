// SPDX-License-Identifier: MIT
// Module 2, controlling a pool (see docs/lessons.md): executors (l5), wait() (l6), worker
// initializers (l7) and shutting the pool down (l8).
#include "module2_pools.h"

#include "checks.h"
#include "recording.h"
#include "engine/pool/thread_pool.h"
#include "engine/pool/wait.h"
#include "engine/sync/sync.h"
#include "engine/work.h"
#include "scenario.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <numeric>
#include <queue>
#include <random>
#include <set>
#include <sstream>

namespace tl::m2 {
namespace {

using namespace checks;

// ================================================================ m2.l5 Executors

void runExecutors(Context& ctx)
{
    const auto& p = ctx.params;
    const int numbers = p.i("numbers");
    const int buckets = p.i("buckets");
    std::mt19937_64 rng(ctx.seed);
    std::uniform_int_distribution<int> value(0, 99);
    std::vector<int> all(static_cast<size_t>(numbers));
    for (int& x : all)
        x = value(rng);
    // The partition on main: one value range per bucket.
    cpuWork(0.2 * numbers);
    auto parts = std::make_shared<std::vector<std::vector<int>>>(size_t(buckets));
    std::vector<std::pair<int, int>> limits;
    for (int k = 0; k < buckets; ++k)
        limits.push_back({100 * k / buckets, 100 * (k + 1) / buckets});
    for (int x : all)
        for (int k = 0; k < buckets; ++k)
            if (x >= limits[size_t(k)].first && x < limits[size_t(k)].second)
                (*parts)[size_t(k)].push_back(x);
    std::vector<int> index(static_cast<size_t>(buckets));
    std::iota(index.begin(), index.end(), 0);
    {
        ThreadPoolExecutor pool(ctx.run, buckets);
        // map(sort_bucket, buckets, limits): the two iterables zipped into (bucket, limit).
        auto sortBucket = [parts, limits](int k) {
            auto& b = (*parts)[size_t(k)];
            cpuWork(2.0 * double(b.size()));
            std::sort(b.begin(), b.end());  // in place: a thread shares the parent's list
            std::string head;
            for (size_t i = 0; i < b.size() && i < 3; ++i)
                head += (i ? ", " : "") + std::to_string(b[i]);
            return "bucket " + std::to_string(k) + " [" + std::to_string(limits[size_t(k)].first) + ", " +
                   std::to_string(limits[size_t(k)].second) + "): " + std::to_string(b.size()) + " numbers, head [" +
                   head + "]";
        };
        for (const std::string& line : pool.map(sortBucket, index))
            mark(line);
    }
    bool sorted = true;
    for (auto& b : *parts)
        sorted = sorted && std::is_sorted(b.begin(), b.end());
    mark(std::string("in-place sort visible to main: ") + pyBool(sorted));
}

std::vector<std::string> checkExecutors(const Trace& t, const ParamValues& p)
{
    std::vector<std::string> out;
    auto pool = poolNamed(t);
    if (!expect(out, pool.has_value(), "no pool"))
        return out;
    checkPoolBasics(t, *pool, out);
    const int buckets = p.i("buckets");
    auto lines = marksStarting(t, "bucket ", 0);
    expect(out, int(lines.size()) == buckets, "expected one output line per bucket");
    int64_t total = 0;
    for (size_t k = 0; k < lines.size(); ++k) {
        expect(out, numberAfter(*lines[k], "bucket ") == int64_t(k),
               "output is not in bucket order: " + lines[k]->text);
        total += numberAfter(*lines[k], "): ").value_or(0);
        // map yields a result only after its task ended.
        if (const TaskSpan* ts = taskNumbered(t, int64_t(k)))
            expect(out, ts->end >= 0 && ts->end <= lines[k]->t,
                   "bucket " + std::to_string(k) + " printed before its task ended");
    }
    expect(out, total == p.i("numbers"), "the buckets do not hold every number");
    expect(out, firstMark(t, "in-place sort visible to main: True", 0) != nullptr,
           "threads share memory: main should see the buckets sorted");
    return out;
}

// ================================================================ m2.l6 wait()

const double kWaitDurations[] = {300, 2100, 900, 3000, 1200, 600, 2500};

void runWait(Context& ctx)
{
    const auto& p = ctx.params;
    const int n = p.i("tasks");
    const bool failFirst = p.b("fail_first");
    std::mt19937_64 rng(ctx.seed);
    std::uniform_int_distribution<int> extra(2, 30);
    const std::string rw = p.choice("return_when");
    const ReturnWhen when = rw == "FIRST_COMPLETED"   ? ReturnWhen::FirstCompleted
                            : rw == "FIRST_EXCEPTION" ? ReturnWhen::FirstException
                                                      : ReturnWhen::AllCompleted;
    {
        ThreadPoolExecutor pool(ctx.run, n);
        std::vector<Future<int>> fs;
        for (int i = 0; i < n; ++i) {
            const double ms = i < 7 ? kWaitDurations[i] : 100.0 * extra(rng);
            fs.push_back(pool.submit([i, ms, failFirst] {
                sleepMs(ms);
                if (failFirst && i == 1)
                    throw ValueError("task 1 failed");
                return i;
            }));
        }
        auto r = wait(fs, p.d("timeout_ms"), when);
        std::vector<int> done, notDone;
        for (auto& f : r.done)
            done.push_back(int(f.task()));
        for (auto& f : r.notDone)
            notDone.push_back(int(f.task()));
        std::sort(done.begin(), done.end());
        std::sort(notDone.begin(), notDone.end());
        mark("wait(" + rw + ") returned: done=" + listText(done) + " not_done=" + listText(notDone));
    }
    mark("with-exit done");
}

std::vector<std::string> checkWait(const Trace& t, const ParamValues& p)
{
    std::vector<std::string> out;
    auto pool = poolNamed(t);
    if (!expect(out, pool.has_value(), "no pool"))
        return out;
    checkPoolBasics(t, *pool, out);
    const int n = p.i("tasks");
    const auto fs = submittedFutures(t, *pool);
    const Instant* m = firstMark(t, "wait(", 0);
    if (!expect(out, m != nullptr && int(fs.size()) == n, "no wait() report"))
        return out;
    const auto done = listAfter(*m, "done="), notDone = listAfter(*m, "not_done=");
    std::set<int> all(done.begin(), done.end());
    all.insert(notDone.begin(), notDone.end());
    expect(out, int(all.size()) == n && int(done.size() + notDone.size()) == n,
           "done and not_done must partition the futures");
    // When wait() returned: the end of main's last wait:future before the report, else the report.
    int64_t returned = m->t;
    for (const Interval& iv : intervalsIn(t, 0, State::WaitFuture))
        if (iv.end <= m->t)
            returned = iv.end;
    std::optional<int64_t> firstFinish, firstFailure;
    for (int k = 0; k < n; ++k) {
        const auto at = futureDoneAt(t, fs[size_t(k)]);
        if (at && (!firstFinish || *at < *firstFinish))
            firstFinish = at;
        const TaskSpan* ts = taskNumbered(t, k, fs[size_t(k)]);
        if (ts && ts->outcome == 1 && at && (!firstFailure || *at < *firstFailure))
            firstFailure = at;
    }
    for (int k : done) {
        const auto at = futureDoneAt(t, fs[size_t(k)]);
        expect(out, at && *at <= m->t, "task " + std::to_string(k) + " reported done before it finished");
    }
    for (int k : notDone) {
        const auto at = futureDoneAt(t, fs[size_t(k)]);
        expect(out, !at || *at + 1'000'000 >= returned,
               "task " + std::to_string(k) + " had finished but is in not_done");
    }
    const std::string rw = p.choice("return_when");
    if (rw == "FIRST_COMPLETED" && !done.empty() && firstFinish)
        expect(out, *firstFinish <= returned + 1'000'000, "FIRST_COMPLETED returned before any finish");
    if (rw == "FIRST_EXCEPTION" && firstFailure && *firstFailure + 1'000'000 < returned)
        expect(out, std::find(done.begin(), done.end(), 1) != done.end(),
               "FIRST_EXCEPTION: the failed task is not in done");
    const Instant* exit = firstMark(t, "with-exit done", 0);
    if (expect(out, exit != nullptr, "no with-exit mark"))
        for (const TaskSpan& ts : t.tasks)
            expect(out, ts.end >= 0 && ts.end <= exit->t, "the with-exit came before a task ended");
    return out;
}

// ================================================================ m2.l7 Initializers

void runInit(Context& ctx)
{
    const auto& p = ctx.params;
    const int n = p.i("tasks");
    const double taskMs = p.d("task_ms"), initMs = p.d("init_ms");
    const int failOn = p.i("init_fail_on");
    auto counter = std::make_shared<ThreadLocal<int>>("done");
    // AP9: ids drawn from one generator shared by every initializer. A Python generator refuses
    // re-entry: a second thread calling next() while the first is inside raises
    // ValueError('generator already executing').
    struct Generator {
        SharedVar running, nextId;
        explicit Generator(Run& r) : running(r, "id_generator running"), nextId(r, "id_generator next") {}
    };
    auto gen = p.b("shared_generator") ? std::make_shared<Generator>(ctx.run) : nullptr;
    auto init = [counter, initMs, failOn, gen] {
        const std::string name = currentThreadName();
        mark("init " + name);
        if (gen) {
            if (gen->running.load() != 0)
                throw ValueError("generator already executing");
            gen->running.store(1);
            sleepMs(initMs / 2);  // the generator's body between two yields
            const int64_t id = gen->nextId.load();
            gen->nextId.store(id + 1);
            gen->running.store(0);
            mark(name + " got id " + std::to_string(id));
        }
        sleepMs(initMs);  // e.g. open a connection
        counter->set(0);
        const int index = std::stoi(name.substr(name.rfind('_') + 1));
        if (index == failOn)
            throw RuntimeError("no database for " + name);
    };
    std::map<std::string, int> perWorker;
    {
        ThreadPoolExecutor pool(ctx.run, p.i("workers"), "environment", init);
        std::vector<Future<std::pair<std::string, int>>> fs;
        try {
            for (int i = 0; i < n; ++i)
                fs.push_back(pool.submit([counter, taskMs] {
                    sleepMs(taskMs);
                    const int done = ++counter->get();  // the worker's own count, kept between tasks
                    return std::make_pair(currentThreadName(), done);
                }));
        } catch (const BrokenThreadPool& e) {
            // An initializer failed while main was still submitting: the pool refuses the rest.
            recordException("late submit: " + e.describe());
        }
        int broken = 0;
        for (auto& f : fs) {
            try {
                auto [name, done] = f.result();
                perWorker[name] = std::max(perWorker[name], done);
            } catch (const BrokenThreadPool&) {
                ++broken;
            }
        }
        if (broken > 0) {
            mark(std::to_string(broken) + " futures failed with BrokenThreadPool");
            try {
                pool.submit([] { return 0; });
            } catch (const BrokenThreadPool& e) {
                recordException("late submit: " + e.describe());
            }
        }
    }
    int sum = 0;
    for (auto& [name, count] : perWorker) {
        mark(name + ": " + std::to_string(count) + " tasks");
        sum += count;
    }
    mark("tasks per worker sum: " + std::to_string(sum));
}

std::vector<std::string> checkInit(const Trace& t, const ParamValues& p)
{
    std::vector<std::string> out;
    auto pool = poolNamed(t, "environment");
    if (!expect(out, pool.has_value(), "no pool named environment"))
        return out;
    checkPoolBasics(t, *pool, out);
    const auto workers = poolWorkers(t, *pool);
    for (LaneId w : workers) {
        auto inits = marksStarting(t, "init ", w);
        expect(out, inits.size() == 1, t.lanes[w].info.name + ": expected exactly one init");
        auto tasks = tasksOn(t, w);
        if (!inits.empty() && !tasks.empty())
            expect(out, inits.front()->t <= tasks.front()->start, t.lanes[w].info.name + ": a task ran before init");
    }
    const int failOn = p.i("init_fail_on");
    const auto initErrors = exceptions(t, "Exception in initializer");
    // The shared generator (AP9) fails only when two initializers overlap: either outcome is legal.
    const bool failed =
        (failOn >= 0 && failOn < int(workers.size())) || (p.b("shared_generator") && !initErrors.empty());
    if (failed) {
        if (!expect(out, !initErrors.empty(), "the initializer of worker " + std::to_string(failOn) + " should fail"))
            return out;
        // CPython (concurrent/futures/thread.py): the failing worker logs "Exception in
        // initializer", then _initializer_failed() marks the pool broken and drains the queue; a
        // worker that took an item before the drain still runs it (WorkItem.run), at any later
        // time. The drain is over before the failing worker's lane ends, so after that end each
        // worker may start only the one task it already held.
        int64_t drained = INT64_MAX;
        for (const Instant* e : initErrors)
            drained = std::min(drained, lifetime(t, e->lane).end);
        for (LaneId w : workers) {
            int late = 0;
            for (const TaskSpan* ts : tasksOn(t, w))
                late += ts->start > drained ? 1 : 0;
            expect(out, late <= 1,
                   t.lanes[w].info.name + ": " + std::to_string(late) +
                       " tasks started after the pool broke (only the one it had taken may still run)");
        }
        expect(out,
               !exceptions(t, "late submit: concurrent.futures.thread.BrokenThreadPool", 0).empty() ||
                   firstMark(t, "futures failed with BrokenThreadPool", 0) == nullptr,
               "a submit to a broken pool should raise BrokenThreadPool");
    } else {
        expect(out, initErrors.empty(), "no initializer should fail");
        const Instant* sum = firstMark(t, "tasks per worker sum: ", 0);
        expect(out, sum && numberAfter(*sum, "sum: ") == p.i("tasks"),
               "per-worker counts must sum to the number of tasks");
        int marked = 0;
        for (LaneId w : workers)
            if (const Instant* m = firstMark(t, t.lanes[w].info.name + ": ", 0)) {
                const auto count = numberAfter(*m, ": ");
                marked += int(count.value_or(0));
                expect(out, count == int64_t(tasksOn(t, w).size()),
                       t.lanes[w].info.name + ": its thread-local count differs from its task bars");
            }
        expect(out, marked == p.i("tasks"), "thread-local counts do not add up");
    }
    return out;
}

// ================================================================ m2.l8 Shutting down

void runShutdown(Context& ctx)
{
    const auto& p = ctx.params;
    const int n = p.i("tasks");
    const double unit = p.d("unit_ms");
    std::vector<int> values(static_cast<size_t>(n));
    std::iota(values.begin(), values.end(), 1);
    std::shuffle(values.begin(), values.end(), std::mt19937_64(ctx.seed));
    ThreadPoolExecutor pool(ctx.run, p.i("workers"));
    std::vector<Future<int>> fs;
    for (int v : values)
        fs.push_back(pool.submit(
            [unit](int value) {
                sleepMs(value * unit);
                return value;
            },
            v));
    const bool wait = p.b("wait"), cancel = p.b("cancel_futures");
    mark(std::string("shutdown(wait=") + pyBool(wait) + ", cancel_futures=" + pyBool(cancel) + ")");
    pool.shutdown(wait, cancel);
    mark("shutdown returned");
    if (p.b("late_submit")) {
        try {
            pool.submit([] { return 0; });
        } catch (const RuntimeError& e) {
            recordException(e.describe());
        }
    }
    mark("as_completed begins");
    for (const Future<int>& f : as_completed(fs)) {
        if (f.cancelled())
            mark("as_completed: task " + std::to_string(f.task()) + " cancelled");
        else
            mark("as_completed: task " + std::to_string(f.task()) + " -> " + std::to_string(f.result()));
    }
    pool.shutdown();  // a second call is harmless
}

std::vector<std::string> checkShutdown(const Trace& t, const ParamValues& p)
{
    std::vector<std::string> out;
    auto pool = poolNamed(t);
    if (!expect(out, pool.has_value(), "no pool"))
        return out;
    checkPoolBasics(t, *pool, out);
    const auto fs = submittedFutures(t, *pool);
    const Instant* begin = firstMark(t, "shutdown(", 0);
    const Instant* end = firstMark(t, "shutdown returned", 0);
    if (!expect(out, begin && end, "no shutdown marks"))
        return out;
    for (const Instant* s : instantsOf(t, Ev::Submit, -1, *pool))
        expect(out, s->t < begin->t, "a submit was accepted after shutdown");
    expect(out, int(fs.size()) == p.i("tasks"), "expected every task submitted before shutdown");
    expect(out, exceptions(t, "cannot schedule new futures after shutdown", 0).size() == (p.b("late_submit") ? 1u : 0u),
           "the late submit should raise RuntimeError exactly when attempted");
    int64_t lastEnd = 0;
    for (const TaskSpan& ts : t.tasks) {
        lastEnd = std::max(lastEnd, ts.end);
        expect(out, ts.outcome == 0, "a running task was interrupted");
    }
    for (ObjectId f : fs) {
        const auto st = futureStates(t, f);
        const bool cancelled = !st.empty() && st.back() == 2;
        const bool ran =
            std::any_of(t.tasks.begin(), t.tasks.end(), [&](const TaskSpan& ts) { return ts.future == f; });
        expect(out, !(cancelled && ran), "a cancelled future's task started");
        if (cancelled)
            expect(out, p.b("cancel_futures"), "a future was cancelled without cancel_futures");
    }
    if (p.b("wait"))
        expect(out, end->t >= lastEnd, "shutdown(wait=True) returned before the last task ended");
    else  // returns at once: main joined no worker (when it returned depends on the machine's load)
        expect(out,
               intervalsWhere(t, 0,
                              [&](const Interval& iv) {
                                  return iv.state == State::WaitJoin && iv.start >= begin->t && iv.start <= end->t;
                              })
                   .empty(),
               "shutdown(wait=False) waited for the workers");
    // as_completed: every future once; those finishing after it began come in finish order.
    auto yields = marksStarting(t, "as_completed: task ", 0);
    const Instant* asBegin = firstMark(t, "as_completed begins", 0);
    expect(out, yields.size() == fs.size(), "as_completed should yield every future once");
    int64_t prev = INT64_MIN;
    bool late = false;
    for (const Instant* y : yields) {
        const auto k = numberAfter(*y, "task ");
        if (!k || *k < 0 || size_t(*k) >= fs.size())
            continue;
        const auto at = futureDoneAt(t, fs[size_t(*k)]);
        if (!at || !asBegin)
            continue;
        if (*at > asBegin->t + 1'000'000) {
            late = true;
            expect(out, *at >= prev, "as_completed yielded out of finish order at task " + std::to_string(*k));
            prev = *at;
        } else if (*at < asBegin->t - 1'000'000) {
            expect(out, !late, "an already finished future was yielded after a later one");
        }
    }
    return out;
}

}  // namespace

void registerPoolControl(Registry& r)
{
    r.add({.id = "m2.l5",
           .title = "Executors",
           .titleRu = "Что такое Executors",
           .summary =
               "Bucket sort with executor.map over two zipped iterables: results in bucket order, sorted in place.",
           .params = {Param::integer("numbers", "Numbers", 150, 10, 2000),
                      Param::integer("buckets", "Buckets", 4, 2, 16)},
           .run = runExecutors,
           .check = checkExecutors});
    r.add(
        {.id = "m2.l6",
         .title = "Waiting for tasks to finish: wait()",
         .titleRu = "Ожидание завершения задач",
         .summary =
             "wait(timeout, return_when) splits the futures into done and not_done; the with-exit waits for the rest.",
         .params = {Param::integer("tasks", "Tasks", 7, 1, 40),
                    Param::integer("timeout_ms", "wait() timeout", 1500, 0, 5000, "ms"),
                    Param::choice("return_when", "return_when", {"ALL_COMPLETED", "FIRST_COMPLETED", "FIRST_EXCEPTION"},
                                  0),
                    Param::boolean("fail_first", "Task 1 raises", false)},
         .run = runWait,
         .check = checkWait});
    r.add({.id = "m2.l7",
           .title = "Initializing worker threads",
           .titleRu = "Инициализация рабочих потоков",
           .summary =
               "One initializer call per worker sets a thread-local counter; a failing initializer breaks the pool.",
           .params = {Param::integer("workers", "max_workers", 3, 1, 16), Param::integer("tasks", "Tasks", 10, 1, 200),
                      Param::integer("task_ms", "Task length", 100, 10, 1000, "ms"),
                      Param::integer("init_ms", "Initializer length", 50, 0, 1000, "ms"),
                      Param::integer("init_fail_on", "Initializer fails on worker (-1 = none)", -1, -1, 15),
                      Param::boolean("shared_generator", "Bug: initializers share one id generator", false)},
           .run = runInit,
           .check = checkInit});
    r.add({.id = "m2.l8",
           .title = "Shutting down the pool",
           .titleRu = "Завершение работы пула потоков",
           .summary = "shutdown(wait, cancel_futures), a refused late submit, and as_completed in finish order.",
           .params = {Param::integer("workers", "max_workers", 7, 1, 16), Param::integer("tasks", "Tasks", 7, 1, 30),
                      Param::integer("unit_ms", "Task length per value unit", 100, 10, 500, "ms"),
                      Param::boolean("wait", "shutdown(wait=...)", true),
                      Param::boolean("cancel_futures", "cancel_futures", false),
                      Param::boolean("late_submit", "Submit after shutdown", true)},
           .run = runShutdown,
           .check = checkShutdown});
}

}  // namespace tl::m2
