// SPDX-License-Identifier: MIT
// Module 9, the Pool's methods (see docs/lessons.md): the pool itself (l1), apply and
// apply_async (l3, l4), map and map_async (l5, l6), imap and imap_unordered (l7, l8), starmap
// and starmap_async (l9, l10), each on real worker processes.
#include "module9_pool.h"

#include "engine/work.h"
#include "checks.h"

#include <map>
#include <random>
#include <set>

namespace tl::m9 {
namespace {

using checks::expect;

// ---------------------------------------------------------------------------------------
// m9.l1 multiprocessing.Pool: introduction.

void runIntroduction(Context& ctx)
{
    const auto& p = ctx.params;
    ProcessPool pool(ctx.run, poolOptions(p.i("processes"), p.i("maxtasksperchild")));
    auto out = pool.map("square", makeItems(ctx, p.i("tasks"), p.i("cpu_ms"), false), 1);
    mark("results: " + joinList(out));
    pool.close();
    pool.join();
}

Issues checkIntroduction(const Trace& t, const ParamValues& p)
{
    Issues v;
    commonChecks(v, t, p.i("processes"));
    expect(v, int(workerTasks(t).size()) == p.i("tasks"), "not one task per item");
    if (int m = p.i("maxtasksperchild"); m > 0) {
        std::map<LaneId, int> per;
        for (auto* task : workerTasks(t))
            ++per[task->lane];
        for (auto [lane, n] : per)
            expect(v, n <= m, "a worker ran more than maxtasksperchild tasks");
    }
    expect(v, resultMark(t) == squares(p.i("tasks")), "results are not f(items) in order");
    return v;
}

// ---------------------------------------------------------------------------------------
// m9.l3 apply: one task, synchronous.

void runApply(Context& ctx)
{
    const auto& p = ctx.params;
    ProcessPool pool(ctx.run, poolOptions(p.i("processes")));
    std::vector<std::string> out;
    for (auto& item : makeItems(ctx, p.i("calls"), p.i("task_ms"), false))
        out.push_back(pool.apply("square", item));
    mark("results: " + joinList(out));
}

Issues checkApply(const Trace& t, const ParamValues& p)
{
    Issues v;
    commonChecks(v, t, p.i("processes"));
    expect(v, maxConcurrentTasks(t) == 1, "apply calls overlapped");
    expect(v, int(workerTasks(t).size()) == p.i("calls"), "not one task per call");
    expect(v, resultMark(t) == squares(p.i("calls")), "results not in call order");
    return v;
}

// ---------------------------------------------------------------------------------------
// m9.l4 apply_async: one task, asynchronous.

void runApplyAsync(Context& ctx)
{
    const auto& p = ctx.params;
    ProcessPool pool(ctx.run, poolOptions(p.i("processes")));
    std::vector<AsyncResult> results;
    for (auto& item : makeItems(ctx, p.i("tasks"), 150, true, p.i("fail_id")))
        results.push_back(pool.applyAsync(
            "square", item, [](const std::string& v) { mark("callback " + v); },
            [](const PyError& e) { mark("error_callback " + e.describe()); }));
    mark("main is free");
    const double timeout = p.i("get_timeout_ms") > 0 ? p.i("get_timeout_ms") : kForever;
    for (auto& res : results) {
        try {
            res.get(timeout);
        } catch (const MpTimeoutError&) {
            mark("get timed out");
            res.wait();
        } catch (const PyError& e) {
            mark("get raised " + e.describe());
        }
    }
}

Issues checkApplyAsync(const Trace& t, const ParamValues& p)
{
    Issues v;
    commonChecks(v, t, p.i("processes"));
    expect(v, callbacks(t, v) == p.i("tasks"), "not exactly one callback per task");
    const int fail = p.i("fail_id");
    const bool fails = fail >= 0 && fail < p.i("tasks");
    expect(v, int(marks(t, "get raised ValueError").size()) == (fails ? 1 : 0), "get did not re-raise the error");
    return v;
}

// ---------------------------------------------------------------------------------------
// m9.l5 map, m9.l6 map_async, m9.l9 starmap, m9.l10 starmap_async: one run and one check, by
// whether the call is asynchronous and whether the items are argument tuples.

constexpr bool kSync = false, kAsync = true, kOneArg = false, kTuples = true;

std::vector<Param> mappingParams(bool async, bool star)
{
    std::vector<Param> params{
        Param::integer(star ? "pairs" : "items", star ? "Pairs" : "Items", star ? 20 : 40, 1, 100), processesParam(),
        Param::integer("chunksize", "chunksize (0 = auto)", 0, 0, 20),
        Param::integer("item_ms", "Mean CPU work per item", 40, 1, 200, "ms")};
    if (async)
        params.push_back(Param::integer("fail_id", "Failing item (-1 = none)", -1, -1, 99));
    return params;
}

void logListCallback(const std::vector<std::string>& v)
{
    mark("callback with " + std::to_string(v.size()) + " results");
}
void logErrorCallback(const PyError& e) { mark("error_callback " + e.describe()); }

// starmap's (i, i, ms) tuples; the failing one's first element is -(i+1).
std::vector<std::vector<std::string>> pairTuples(const Context& ctx, int n, int failId)
{
    std::vector<std::vector<std::string>> tuples;
    std::mt19937_64 rng(ctx.seed);
    std::uniform_real_distribution<double> d(0.3, 1.5);
    for (int i = 0; i < n; ++i)
        tuples.push_back({std::to_string(i == failId ? -(i + 1) : i), std::to_string(i),
                          std::to_string(d(rng) * ctx.params.i("item_ms"))});
    return tuples;
}

template <bool Async, bool Star> void runMapping(Context& ctx)
{
    const auto& p = ctx.params;
    const int n = p.i(Star ? "pairs" : "items");
    const int failId = Async ? p.i("fail_id") : -1;
    ProcessPool pool(ctx.run, poolOptions(p.i("processes")));
    const int cs = p.i("chunksize");
    std::vector<std::string> out;
    try {
        if (Star) {
            const auto tuples = pairTuples(ctx, n, failId);
            if (Async) {
                auto res = pool.starmapAsync("multiply", tuples, cs, logListCallback, logErrorCallback);
                mark("main is free");
                out = res.getList();
            } else {
                out = pool.starmap("multiply", tuples, cs);
            }
        } else {
            auto items = makeItems(ctx, n, p.i("item_ms"), true, failId);
            if (Async) {
                auto res = pool.mapAsync("square", items, cs, logListCallback, logErrorCallback);
                mark("main is free");
                out = res.getList();
            } else {
                out = pool.map("square", items, cs);
            }
        }
        mark("results: " + joinList(out));
    } catch (const PyError& e) {
        mark("raised " + e.describe());
    }
    pool.close();
    pool.join();
}

template <bool Async, bool Star> Issues checkMapping(const Trace& t, const ParamValues& p)
{
    Issues v;
    const int n = p.i(Star ? "pairs" : "items");
    commonChecks(v, t, p.i("processes"));
    const int cs = p.i("chunksize") > 0 ? p.i("chunksize") : ProcessPool::defaultChunksize(size_t(n), p.i("processes"));
    const int chunks = (n + cs - 1) / cs;
    expect(v, int(workerTasks(t).size()) == chunks, "not one task per chunk");
    const int fail = Async ? p.i("fail_id") : -1;
    if (fail >= 0 && fail < n) {
        expect(v, marks(t, "raised ValueError").size() == 1, "the item's error was not re-raised");
        expect(v, callbacks(t, v) == 1, "error_callback did not fire exactly once");
    } else {
        expect(v, resultMark(t) == squares(n), "results are not f(items) in input order");
        if (Async)
            expect(v, callbacks(t, v) == 1, "callback did not fire exactly once");
    }
    return v;
}

// ---------------------------------------------------------------------------------------
// m9.l7 imap: iterative, ordered; m9.l8 imap_unordered: iterative, completion order.

constexpr bool kOrdered = false, kUnordered = true;

std::vector<Param> imapParams()
{
    return {Param::integer("items", "Items", 20, 1, 80), processesParam(),
            Param::integer("chunksize", "chunksize", 1, 1, 10),
            Param::integer("item_ms", "Mean CPU work per item", 60, 1, 200, "ms")};
}

template <bool Unordered> void runImap(Context& ctx)
{
    const auto& p = ctx.params;
    ProcessPool pool(ctx.run, poolOptions(p.i("processes")));
    auto items = makeItems(ctx, p.i("items"), p.i("item_ms"), true);
    auto it = Unordered ? pool.imapUnordered("square", items, p.i("chunksize"))
                        : pool.imap("square", items, p.i("chunksize"));
    while (auto value = it.next())
        mark("yield " + *value);
}

template <bool Unordered> Issues checkImap(const Trace& t, const ParamValues& p)
{
    Issues v;
    commonChecks(v, t, p.i("processes"));
    auto ys = marks(t, "yield ");
    const int n = p.i("items");
    expect(v, int(ys.size()) == n, "not every result yielded once");
    std::multiset<long long> seen;
    for (size_t i = 0; i < ys.size(); ++i) {
        const long long value = std::stoll(ys[i]->text.substr(6));
        seen.insert(value);
        if (!Unordered)
            expect(v, value == (long long)(i * i), "imap yielded out of input order");
    }
    for (int i = 0; i < n && Unordered; ++i)
        expect(v, seen.count((long long)i * i) == 1, "imap_unordered lost or repeated a result");
    return v;
}

}  // namespace

void registerPoolCalls(Registry& r)
{
    r.add({.id = "m9.l1",
           .title = "multiprocessing.Pool: introduction",
           .titleRu = "Введение",
           .summary = "CPU tasks run in parallel in real worker processes, one lane per pid",
           .params = {processesParam(), Param::integer("tasks", "Tasks", 16, 1, 64, "tasks"),
                      Param::integer("cpu_ms", "CPU work per task", 200, 10, 2000, "ms"),
                      Param::integer("maxtasksperchild", "maxtasksperchild (0 = None)", 0, 0, 10)},
           .run = runIntroduction,
           .check = checkIntroduction,
           .usesProcesses = true,
           .defaultGil = true});
    r.add({.id = "m9.l3",
           .title = "apply: one task, synchronous",
           .titleRu = "Синхронное выполнение одиночной задачи",
           .summary = "apply() blocks the caller; calling it in a loop makes a staircase",
           .params = {Param::integer("calls", "Calls", 4, 1, 12),
                      Param::integer("task_ms", "Task CPU work", 300, 10, 1000, "ms"), processesParam()},
           .run = runApply,
           .check = checkApply,
           .usesProcesses = true});
    r.add({.id = "m9.l4",
           .title = "apply_async: one task, asynchronous",
           .titleRu = "Асинхронное выполнение одиночной задачи",
           .summary = "AsyncResult, callback/error_callback on the result-handler lane, get(timeout)",
           .params = {Param::integer("tasks", "Tasks", 8, 1, 32), processesParam(),
                      Param::integer("fail_id", "Failing task (-1 = none)", 2, -1, 31),
                      Param::integer("get_timeout_ms", "get() timeout (0 = None)", 0, 0, 2000, "ms")},
           .run = runApplyAsync,
           .check = checkApplyAsync,
           .usesProcesses = true});
    r.add({.id = "m9.l5",
           .title = "map: a collection, synchronous",
           .titleRu = "Синхронная обработка коллекций",
           .summary = "chunks of the list go to the processes; results come back in order",
           .params = mappingParams(kSync, kOneArg),
           .run = runMapping<kSync, kOneArg>,
           .check = checkMapping<kSync, kOneArg>,
           .usesProcesses = true});
    r.add({.id = "m9.l6",
           .title = "map_async: a collection, asynchronous",
           .titleRu = "Асинхронная обработка коллекций",
           .summary = "main stays free; one callback with the whole list, or one error_callback",
           .params = mappingParams(kAsync, kOneArg),
           .run = runMapping<kAsync, kOneArg>,
           .check = checkMapping<kAsync, kOneArg>,
           .usesProcesses = true});
    r.add({.id = "m9.l9",
           .title = "starmap: several arguments, synchronous",
           .titleRu = "Синхронная обработка задач с множеством аргументов",
           .summary = "argument tuples are unpacked as f(*args)",
           .params = mappingParams(kSync, kTuples),
           .run = runMapping<kSync, kTuples>,
           .check = checkMapping<kSync, kTuples>,
           .usesProcesses = true});
    r.add({.id = "m9.l10",
           .title = "starmap_async: several arguments, asynchronous",
           .titleRu = "Асинхронная обработка задач с множеством аргументов",
           .summary = "tuples in, one callback with the ordered list out",
           .params = mappingParams(kAsync, kTuples),
           .run = runMapping<kAsync, kTuples>,
           .check = checkMapping<kAsync, kTuples>,
           .usesProcesses = true});
    r.add({.id = "m9.l7",
           .title = "imap: iterative, ordered",
           .titleRu = "Итеративная синхронная обработка задач",
           .summary = "results are yielded lazily in input order",
           .params = imapParams(),
           .run = runImap<kOrdered>,
           .check = checkImap<kOrdered>,
           .usesProcesses = true});
    r.add({.id = "m9.l8",
           .title = "imap_unordered: iterative, completion order",
           .titleRu = "Итеративная синхронная обработка задач без сохранения порядка",
           .summary = "results are yielded as chunks complete",
           .params = imapParams(),
           .run = runImap<kUnordered>,
           .check = checkImap<kUnordered>,
           .usesProcesses = true});
}

}  // namespace tl::m9
