// SPDX-License-Identifier: MIT
// Module 2 of the course: thread pools, concurrent.futures.ThreadPoolExecutor (see
// docs/lessons.md, m2.l1–m2.l12).
//
// Tasks capture only values and shared_ptrs: when a run is aborted, main unwinds and the pool's
// destructor returns without waiting, so a task must never point into main's stack.
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

namespace tl {
namespace {

using namespace checks;
using namespace m2;

// ================================================================ m2.l1 What thread pools are

void runPools(Context& ctx)
{
    const auto& p = ctx.params;
    const int tasks = p.i("tasks");
    const double ms = p.d("task_ms");
    std::vector<std::string> results;
    {
        ThreadPoolExecutor pool(ctx.run, p.i("workers"));
        auto task = [ms](int i) {
            sleepMs(ms);  // the request
            cpuWork(ms / 20);  // the uppercasing
            std::string w = "WORD" + std::to_string(i);
            return w;
        };
        if (p.is("pattern", "wait_each")) {
            for (int i = 0; i < tasks; ++i)
                results.push_back(pool.submit(task, i).result());  // AP2: waits inside the loop
        } else {
            std::vector<Future<std::string>> fs;
            for (int i = 0; i < tasks; ++i)
                fs.push_back(pool.submit(task, i));
            for (auto& f : fs)
                results.push_back(f.result());
        }
        mark("workers spawned: " + std::to_string(pool.threadCount()));
    }
    mark("results: " + std::to_string(results.size()) + " of " + std::to_string(tasks));
}

std::vector<std::string> checkPools(const Trace& t, const ParamValues& p)
{
    std::vector<std::string> out;
    auto pool = poolNamed(t);
    if (!expect(out, pool.has_value(), "no pool"))
        return out;
    checkPoolBasics(t, *pool, out);
    expect(out, int(t.tasks.size()) == p.i("tasks"), "expected one task bar per task");
    if (p.is("pattern", "wait_each"))
        expect(out, pairwiseDisjoint(taskSpans(t)), "wait_each: two tasks overlapped (expected a staircase)");
    const Instant* r = firstMark(t, "results: ", 0);
    expect(out, r && numberAfter(*r, "results: ") == p.i("tasks"), "not every result was collected");
    return out;
}

// ================================================================ m2.l2 Creating a thread pool

void runCreate(Context& ctx)
{
    const auto& p = ctx.params;
    std::string prefix = p.choice("prefix");
    if (prefix == "(default)")
        prefix.clear();
    const int items = p.i("items_per_task");
    const double itemMs = p.d("item_ms");
    mark("threads before the pool: " + std::to_string(activeCount()));
    {
        ThreadPoolExecutor pool(ctx.run, p.i("max_workers"), prefix);
        mark("threads right after construction: " + std::to_string(activeCount()));
        for (int k = 0; k < p.i("tasks"); ++k) {
            // show(items, label=...): the keyword argument travels with the task.
            pool.submit(
                [items, itemMs](std::string label) {
                    for (int i = 0; i < items; ++i) {
                        mark(currentThreadName() + " " + label + ": item " + std::to_string(i));
                        sleepMs(itemMs);
                    }
                },
                "list " + std::to_string(k));
        }
        mark("threads after the submits: " + std::to_string(activeCount()));
        mark("leaving the with block: shutdown(wait=True)");
    }
    mark("with-exit done");
    try {
        ThreadPoolExecutor bad(ctx.run, 0);
    } catch (const ValueError& e) {
        recordException(e.describe());
    }
}

std::vector<std::string> checkCreate(const Trace& t, const ParamValues& p)
{
    std::vector<std::string> out;
    auto pool = poolNamed(t);
    if (!expect(out, pool.has_value(), "no pool"))
        return out;
    checkPoolBasics(t, *pool, out);
    const std::string prefix = p.choice("prefix");
    const std::string want = prefix == "(default)" ? "ThreadPoolExecutor-0" : prefix;
    expect(out, t.objectName(*pool) == want, "pool named " + t.objectName(*pool) + ", expected " + want);
    for (LaneId w : poolWorkers(t, *pool))
        expect(out, t.lanes[w].info.name.rfind(want + "_", 0) == 0,
               "worker " + t.lanes[w].info.name + " lacks the prefix");
    const Instant* after = firstMark(t, "threads right after construction: ", 0);
    expect(out, after && numberAfter(*after, "construction: ") == 1, "a new pool should have no threads yet");
    const Instant* exit = firstMark(t, "with-exit done", 0);
    if (expect(out, exit != nullptr, "no with-exit mark"))
        for (const TaskSpan& ts : t.tasks)
            expect(out, ts.end >= 0 && ts.end <= exit->t, "the with block ended before a task did");
    expect(out, int(t.tasks.size()) == p.i("tasks"), "expected one task per list");
    expect(out, int(marksContaining(t, ": item ").size()) == p.i("tasks") * p.i("items_per_task"),
           "missing item prints");
    expect(out, !exceptions(t, "max_workers must be greater than 0", 0).empty(),
           "max_workers=0 should raise ValueError");
    return out;
}

// ================================================================ m2.l3 submit() and map()

void runSubmitMap(Context& ctx)
{
    const auto& p = ctx.params;
    const int items = p.i("items");
    const int bad = p.i("inject_error_at");
    std::mt19937_64 rng(ctx.seed);
    std::uniform_real_distribution<double> factor(0.3, 1.5);
    auto durations = std::make_shared<std::vector<double>>();
    for (int i = 0; i < items; ++i)
        durations->push_back(p.d("task_ms") * factor(rng));
    auto square = [durations, bad](int i) -> int64_t {
        sleepMs((*durations)[size_t(i)]);
        if (i == bad)
            throw ValueError("bad item " + std::to_string(i));
        return int64_t(i) * i;
    };
    std::vector<int> inputs(static_cast<size_t>(items));
    std::iota(inputs.begin(), inputs.end(), 0);
    ThreadPoolExecutor pool(ctx.run, p.i("workers"));

    mark("submit: one future per item");
    std::vector<Future<int64_t>> fs;
    for (int i : inputs)
        fs.push_back(pool.submit(square, i));
    for (int i : inputs) {
        try {
            mark("submit -> " + std::to_string(i) + ": " + std::to_string(fs[size_t(i)].result()));
        } catch (const ValueError& e) {
            recordException(e.describe());
        }
    }

    mark("map(square, items) called");
    if (p.b("ignore_map_results")) {
        auto ignored = pool.map(square, inputs);  // AP11: never iterated
        (void)ignored;
        mark("map results ignored");
    } else {
        auto results = pool.map(square, inputs);
        int k = 0;
        try {
            for (int64_t v : results)
                mark("map -> " + std::to_string(k++) + ": " + std::to_string(v));
        } catch (const ValueError& e) {
            recordException("map re-raised at item " + std::to_string(k) + ": " + e.describe());
        }
    }
    // Leaving the with block waits for every task, including the ones map still runs.
}

std::vector<std::string> checkSubmitMap(const Trace& t, const ParamValues& p)
{
    std::vector<std::string> out;
    auto pool = poolNamed(t);
    if (!expect(out, pool.has_value(), "no pool"))
        return out;
    checkPoolBasics(t, *pool, out);
    const int items = p.i("items");
    const int bad = p.i("inject_error_at");
    const bool injected = bad >= 0 && bad < items;
    const Instant* called = firstMark(t, "map(square, items) called", 0);
    if (!expect(out, called != nullptr, "no map() call mark"))
        return out;
    const auto submits = instantsOf(t, Ev::Submit, -1, *pool);
    expect(out, int(submits.size()) == 2 * items, "expected 2 × items submits (submit phase and map)");
    auto yields = marksStarting(t, "map -> ", 0);
    // All of map's submits happen at the call, before the first yield.
    if (!yields.empty())
        for (const Instant* s : submits)
            expect(out, s->t < yields.front()->t, "a map submit came after the first yield");
    // The k-th yield is for input k.
    for (size_t k = 0; k < yields.size(); ++k)
        expect(out,
               numberAfter(*yields[k], "map -> ") == int64_t(k) &&
                   numberAfter(*yields[k], ": ") == int64_t(k) * int64_t(k),
               "yield " + std::to_string(k) + " is not input " + std::to_string(k) + ": " + yields[k]->text);
    auto mainErrors = exceptions(t, "bad item", 0);
    const int afterCall =
        int(std::count_if(mainErrors.begin(), mainErrors.end(), [&](auto* e) { return e->t > called->t; }));
    if (p.b("ignore_map_results")) {
        expect(out, yields.empty(), "map results were ignored but yielded");
        expect(out, afterCall == 0, "AP11: an unconsumed map must not raise in main");
        expect(out, int(t.tasks.size()) == 2 * items, "every map task still runs when its results are ignored");
    } else {
        expect(out, int(yields.size()) == (injected ? bad : items), "map should yield up to the failing item");
        expect(out, afterCall == (injected ? 1 : 0), "map should re-raise the injected error exactly once");
    }
    if (injected) {
        int failed = 0;
        for (const TaskSpan& ts : t.tasks)
            failed += ts.outcome == 1;
        expect(out, failed >= 1, "the injected error did not fail a task");
        expect(out, int(exceptions(t, "bad item", 0).size()) >= 1, "submit: result() should re-raise in main");
    }
    return out;
}

// ================================================================ m2.l4 Getting results

const double kResultDurations[] = {700, 1400, 3200, 4100, 2700, 300, 1100};

void runResults(Context& ctx)
{
    const auto& p = ctx.params;
    const int n = p.i("tasks");
    std::mt19937_64 rng(ctx.seed);
    std::uniform_int_distribution<int> extra(3, 41);
    std::vector<double> durations;
    for (int i = 0; i < n; ++i)
        durations.push_back(i < 7 ? kResultDurations[i] : 100.0 * extra(rng));
    const double perCall = p.d("per_call_timeout_ms");
    const bool overall = p.is("deadline_mode", "overall");
    {
        ThreadPoolExecutor pool(ctx.run, n);
        std::vector<Future<std::string>> fs;
        for (int i = 0; i < n; ++i)
            fs.push_back(pool.submit(
                [](int k, double ms) {
                    sleepMs(ms);
                    return "task" + std::to_string(k) + " slept " + fmt0(ms);
                },
                i, durations[size_t(i)]));
        const auto deadline = detail::deadlineAfterMs(perCall);
        for (int i = 0; i < n; ++i) {
            const double timeout = overall ? std::max(0.0, detail::remainingMs(deadline)) : perCall;
            try {
                mark("task " + std::to_string(i) + ": " + fs[size_t(i)].result(timeout));
            } catch (const TimeoutError&) {
                mark("task " + std::to_string(i) +
                     ": TimeoutError, still running (done=" + pyBool(fs[size_t(i)].done()) + ")");
            }
        }
    }
    mark("after the with block every future finished");
}

std::vector<std::string> checkResults(const Trace& t, const ParamValues& p)
{
    std::vector<std::string> out;
    auto pool = poolNamed(t);
    if (!expect(out, pool.has_value(), "no pool"))
        return out;
    checkPoolBasics(t, *pool, out);
    const int n = p.i("tasks");
    const auto fs = submittedFutures(t, *pool);
    auto marks = marksStarting(t, "task ", 0);
    if (!expect(out, int(fs.size()) == n && int(marks.size()) == n, "expected one submit and one report per task"))
        return out;
    for (int i = 0; i < n; ++i) {
        const Instant* m = marks[size_t(i)];
        expect(out, numberAfter(*m, "task ") == i, "results are not collected in submission order");
        const auto done = futureDoneAt(t, fs[size_t(i)]);
        // A timeout never changes the future: it still reaches FINISHED.
        if (!expect(out, done.has_value() && futureStates(t, fs[size_t(i)]).back() == 3,
                    "future of task " + std::to_string(i) + " did not finish"))
            continue;
        const bool timedOut = m->text.find("TimeoutError") != std::string::npos;
        if (timedOut)
            expect(out, *done + 1'000'000 >= m->t, "task " + std::to_string(i) + " timed out although it was done");
        else
            expect(out, *done <= m->t, "task " + std::to_string(i) + " returned a result before it was done");
    }
    return out;
}

}  // namespace

void registerModule2(Registry& r)
{
    r.add(
        {.id = "m2.l1",
         .title = "What thread pools are",
         .titleRu = "Что такое пулы потоков",
         .summary = "Reusable workers fed from a queue: submit everything then gather, or wait for each (a staircase).",
         .params = {Param::integer("workers", "max_workers", 4, 1, 16), Param::integer("tasks", "Tasks", 6, 1, 50),
                    Param::integer("task_ms", "Task length", 300, 10, 2000, "ms"),
                    Param::choice("pattern", "Pattern", {"submit_all", "wait_each"}, 0)},
         .run = runPools,
         .check = checkPools});
    r.add({.id = "m2.l2",
           .title = "Creating a thread pool",
           .titleRu = "Создание пула потоков",
           .summary = "Constructor options and the with block: no threads until the first submit; the exit waits for "
                      "every task.",
           .params = {Param::integer("max_workers", "max_workers", 3, 1, 32),
                      Param::choice("prefix", "thread_name_prefix", {"(default)", "printer", "worker"}, 1),
                      Param::integer("tasks", "Tasks (lists)", 3, 1, 20),
                      Param::integer("items_per_task", "Items per list", 3, 1, 10),
                      Param::integer("item_ms", "Pause per item", 200, 10, 1000, "ms")},
           .run = runCreate,
           .check = checkCreate});
    r.add({.id = "m2.l3",
           .title = "Submitting tasks: submit() and map()",
           .titleRu = "Отправка задач в пул потоков с помощью submit() и map()",
           .summary = "map submits everything at once and yields in input order; unconsumed results swallow errors.",
           .params = {Param::integer("workers", "max_workers", 3, 1, 16), Param::integer("items", "Items", 6, 1, 50),
                      Param::integer("task_ms", "Task length (varies ×0.3–1.5)", 200, 10, 2000, "ms"),
                      Param::integer("inject_error_at", "Item that raises (-1 = none)", -1, -1, 49),
                      Param::boolean("ignore_map_results", "Bug: never iterate map's results", false)},
           .run = runSubmitMap,
           .check = checkSubmitMap});
    r.add({.id = "m2.l4",
           .title = "Getting results from the pool",
           .titleRu = "Получаем результаты из пула потоков",
           .summary = "result(timeout) in submission order: per-call timeouts add up; an overall deadline bounds them.",
           .params = {Param::integer("tasks", "Tasks", 7, 1, 30),
                      Param::integer("per_call_timeout_ms", "result() timeout", 1500, 0, 5000, "ms"),
                      Param::choice("deadline_mode", "Timeout", {"per_call", "overall"}, 0)},
           .run = runResults,
           .check = checkResults});
    m2::registerPoolControl(r);
    m2::registerPoolSizing(r);
}

}  // namespace tl
