// SPDX-License-Identifier: MIT
// Module 9 of the course (see ../shared/CATALOG.md): multiprocessing.Pool with real worker
// processes (engine/pool/process_pool.h). Worker lanes carry their real pid; G5 holds per
// process, not across processes.
#include "engine/model/trace.h"
#include "engine/pool/process_pool.h"
#include "engine/work.h"
#include "scenario.h"

#include <algorithm>
#include <random>
#include <set>

namespace tl {
namespace {

// ---- task functions (they run in the worker processes) ----

// "ms|value": CPU work for ms, returns value squared.
std::string squareAfter(const std::string& arg)
{
    const auto bar = arg.find('|');
    cpuWork(std::stod(arg.substr(0, bar)));
    const long long v = std::stoll(arg.substr(bar + 1));
    if (v < 0)
        throw ValueError("negative item " + std::to_string(-v - 1));
    return std::to_string(v * v);
}

PoolOptions poolOptions(int processes, int maxtasks = 0)
{
    PoolOptions o;
    o.processes = processes;
    o.maxtasksperchild = maxtasks;
    o.functions["square"] = &squareAfter;
    // starmap: (a, b, ms) -> a * b
    o.functions["multiply"] = [](const std::string& packed) {
        auto args = unpackArgs(packed, 3, "multiply");
        cpuWork(std::stod(args[2]));
        const long long a = std::stoll(args[0]);
        if (a < 0)
            throw ValueError("bad pair " + std::to_string(-a - 1));
        return std::to_string(a * std::stoll(args[1]));
    };
    return o;
}

// Items "ms|i" with durations from the seed; a failing item is encoded as -(i+1).
std::vector<std::string> makeItems(const Context& ctx, int n, double ms, bool random, int failId = -1)
{
    std::mt19937_64 rng(ctx.seed);
    std::uniform_real_distribution<double> d(0.3 * ms, 1.5 * ms);
    std::vector<std::string> items;
    for (int i = 0; i < n; ++i) {
        const double t = random ? d(rng) : ms;
        const long long v = i == failId ? -(i + 1) : i;
        items.push_back(std::to_string(t) + "|" + std::to_string(v));
    }
    return items;
}

std::string joinList(const std::vector<std::string>& v)
{
    std::string s;
    for (auto& x : v)
        s += (s.empty() ? "" : ",") + x;
    return s;
}

std::string squares(int n)
{
    std::vector<std::string> v;
    for (int i = 0; i < n; ++i)
        v.push_back(std::to_string(i * i));
    return joinList(v);
}

// ---- checks on the trace ----

bool isWorker(const Trace& t, LaneId lane) { return lane < t.lanes.size() && t.lanes[lane].info.pid != 1; }

std::vector<const TaskSpan*> workerTasks(const Trace& t)
{
    std::vector<const TaskSpan*> out;
    for (auto& task : t.tasks)
        if (isWorker(t, task.lane))
            out.push_back(&task);
    return out;
}

int maxConcurrentTasks(const Trace& t)
{
    std::vector<std::pair<int64_t, int>> edges;
    for (auto* task : workerTasks(t)) {
        edges.emplace_back(task->start, 1);
        edges.emplace_back(task->end < 0 ? INT64_MAX : task->end, -1);
    }
    std::sort(edges.begin(), edges.end(), [](auto& a, auto& b) { return a.first != b.first ? a.first < b.first : a.second < b.second; });
    int cur = 0, best = 0;
    for (auto& [time, d] : edges)
        best = std::max(best, cur += d);
    return best;
}

std::vector<const Instant*> marks(const Trace& t, const std::string& prefix, LaneId lane = 0)
{
    std::vector<const Instant*> out;
    for (auto& i : t.instants)
        if (i.type == Ev::Mark && i.lane == lane && i.text.rfind(prefix, 0) == 0)
            out.push_back(&i);
    return out;
}

void expect(std::vector<std::string>& v, bool ok, const std::string& what)
{
    if (!ok)
        v.push_back(what);
}

// Common: every worker lane is a real other process; at most `processes` tasks at once.
void commonChecks(std::vector<std::string>& v, const Trace& t, int processes)
{
    std::set<int> pids;
    for (auto& lane : t.lanes)
        if (lane.info.pid != 1)
            pids.insert(lane.info.pid);
    expect(v, !pids.empty(), "no worker process lane");
    const int c = maxConcurrentTasks(t);
    expect(v, c <= processes, "more tasks at once (" + std::to_string(c) + ") than processes");
}

std::string resultMark(const Trace& t)
{
    auto m = marks(t, "results: ");
    return m.empty() ? std::string() : m.back()->text.substr(9);
}

// Callback instants on the result-handler lane only.
int callbacks(const Trace& t, std::vector<std::string>& v)
{
    int n = 0;
    for (auto& i : t.instants)
        if (i.type == Ev::Callback) {
            ++n;
            const std::string& name = t.lanes[i.lane].info.name;
            expect(v, name.find("_handle_results") != std::string::npos, "callback on lane " + name);
        }
    return n;
}

Param processesParam(int def = 4) { return Param::integer("processes", "Worker processes", def, 1, 8); }

} // namespace

void registerModule9(Registry& r)
{
    // ---------------- m9.l1 ----------------
    {
        Scenario s;
        s.id = "m9.l1";
        s.module = 9;
        s.lesson = 1;
        s.title = "multiprocessing.Pool: introduction";
        s.titleRu = "Введение";
        s.summary = "CPU tasks run in parallel in real worker processes, one lane per pid";
        s.params = {processesParam(), Param::integer("tasks", "Tasks", 16, 1, 64, "tasks"),
                    Param::integer("cpu_ms", "CPU work per task", 200, 10, 2000, "ms"),
                    Param::integer("maxtasksperchild", "maxtasksperchild (0 = None)", 0, 0, 10)};
        s.usesProcesses = true;
        s.defaultGil = true;
        s.run = [](Context& ctx) {
            const auto& p = ctx.params;
            ProcessPool pool(ctx.run, poolOptions(p.i("processes"), p.i("maxtasksperchild")));
            auto out = pool.map("square", makeItems(ctx, p.i("tasks"), p.i("cpu_ms"), false), 1);
            mark("results: " + joinList(out));
            pool.close();
            pool.join();
        };
        s.check = [](const Trace& t, const ParamValues& p) {
            std::vector<std::string> v;
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
        };
        r.add(std::move(s));
    }
    // ---------------- m9.l3 apply ----------------
    {
        Scenario s;
        s.id = "m9.l3";
        s.module = 9;
        s.lesson = 3;
        s.title = "apply: one task, synchronous";
        s.titleRu = "Синхронное выполнение одиночной задачи";
        s.summary = "apply() blocks the caller; calling it in a loop makes a staircase";
        s.params = {Param::integer("calls", "Calls", 4, 1, 12), Param::integer("task_ms", "Task CPU work", 300, 10, 1000, "ms"),
                    processesParam()};
        s.usesProcesses = true;
        s.run = [](Context& ctx) {
            const auto& p = ctx.params;
            ProcessPool pool(ctx.run, poolOptions(p.i("processes")));
            std::vector<std::string> out;
            for (auto& item : makeItems(ctx, p.i("calls"), p.i("task_ms"), false))
                out.push_back(pool.apply("square", item));
            mark("results: " + joinList(out));
        };
        s.check = [](const Trace& t, const ParamValues& p) {
            std::vector<std::string> v;
            commonChecks(v, t, p.i("processes"));
            expect(v, maxConcurrentTasks(t) == 1, "apply calls overlapped");
            expect(v, int(workerTasks(t).size()) == p.i("calls"), "not one task per call");
            expect(v, resultMark(t) == squares(p.i("calls")), "results not in call order");
            return v;
        };
        r.add(std::move(s));
    }
    // ---------------- m9.l4 apply_async ----------------
    {
        Scenario s;
        s.id = "m9.l4";
        s.module = 9;
        s.lesson = 4;
        s.title = "apply_async: one task, asynchronous";
        s.titleRu = "Асинхронное выполнение одиночной задачи";
        s.summary = "AsyncResult, callback/error_callback on the result-handler lane, get(timeout)";
        s.params = {Param::integer("tasks", "Tasks", 8, 1, 32), processesParam(),
                    Param::integer("fail_id", "Failing task (-1 = none)", 2, -1, 31),
                    Param::integer("get_timeout_ms", "get() timeout (0 = None)", 0, 0, 2000, "ms")};
        s.usesProcesses = true;
        s.run = [](Context& ctx) {
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
        };
        s.check = [](const Trace& t, const ParamValues& p) {
            std::vector<std::string> v;
            commonChecks(v, t, p.i("processes"));
            expect(v, callbacks(t, v) == p.i("tasks"), "not exactly one callback per task");
            const int fail = p.i("fail_id");
            const bool fails = fail >= 0 && fail < p.i("tasks");
            expect(v, int(marks(t, "get raised ValueError").size()) == (fails ? 1 : 0), "get did not re-raise the error");
            return v;
        };
        r.add(std::move(s));
    }
    // ---------------- m9.l5 / m9.l6 map, map_async; m9.l9 / m9.l10 starmap ----------------
    struct MapLesson {
        const char* id;
        int lesson;
        const char* title;
        const char* titleRu;
        const char* summary;
        bool async, star;
    };
    for (const MapLesson& m :
         {MapLesson{"m9.l5", 5, "map: a collection, synchronous", "Синхронная обработка коллекций",
                    "chunks of the list go to the processes; results come back in order", false, false},
          MapLesson{"m9.l6", 6, "map_async: a collection, asynchronous", "Асинхронная обработка коллекций",
                    "main stays free; one callback with the whole list, or one error_callback", true, false},
          MapLesson{"m9.l9", 9, "starmap: several arguments, synchronous",
                    "Синхронная обработка задач с множеством аргументов", "argument tuples are unpacked as f(*args)",
                    false, true},
          MapLesson{"m9.l10", 10, "starmap_async: several arguments, asynchronous",
                    "Асинхронная обработка задач с множеством аргументов",
                    "tuples in, one callback with the ordered list out", true, true}}) {
        Scenario s;
        s.id = m.id;
        s.module = 9;
        s.lesson = m.lesson;
        s.title = m.title;
        s.titleRu = m.titleRu;
        s.summary = m.summary;
        s.params = {Param::integer(m.star ? "pairs" : "items", m.star ? "Pairs" : "Items", m.star ? 20 : 40, 1, 100),
                    processesParam(), Param::integer("chunksize", "chunksize (0 = auto)", 0, 0, 20),
                    Param::integer("item_ms", "Mean CPU work per item", 40, 1, 200, "ms")};
        if (m.async)
            s.params.push_back(Param::integer("fail_id", "Failing item (-1 = none)", -1, -1, 99));
        s.usesProcesses = true;
        const bool async = m.async, star = m.star;
        s.run = [async, star](Context& ctx) {
            const auto& p = ctx.params;
            const int n = p.i(star ? "pairs" : "items");
            const int failId = async ? p.i("fail_id") : -1;
            ProcessPool pool(ctx.run, poolOptions(p.i("processes")));
            const int cs = p.i("chunksize");
            std::vector<std::string> out;
            try {
                if (star) {
                    std::vector<std::vector<std::string>> tuples;
                    std::mt19937_64 rng(ctx.seed);
                    std::uniform_real_distribution<double> d(0.3, 1.5);
                    for (int i = 0; i < n; ++i)
                        tuples.push_back({std::to_string(i == failId ? -(i + 1) : i), std::to_string(i),
                                          std::to_string(d(rng) * p.i("item_ms"))});
                    if (async) {
                        auto res = pool.starmapAsync("multiply", tuples, cs,
                                                     [](const std::vector<std::string>& v) { mark("callback with " + std::to_string(v.size()) + " results"); },
                                                     [](const PyError& e) { mark("error_callback " + e.describe()); });
                        mark("main is free");
                        out = res.getList();
                    } else {
                        out = pool.starmap("multiply", tuples, cs);
                    }
                } else {
                    auto items = makeItems(ctx, n, p.i("item_ms"), true, failId);
                    if (async) {
                        auto res = pool.mapAsync("square", items, cs,
                                                 [](const std::vector<std::string>& v) { mark("callback with " + std::to_string(v.size()) + " results"); },
                                                 [](const PyError& e) { mark("error_callback " + e.describe()); });
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
        };
        s.check = [async, star](const Trace& t, const ParamValues& p) {
            std::vector<std::string> v;
            const int n = p.i(star ? "pairs" : "items");
            commonChecks(v, t, p.i("processes"));
            const int cs = p.i("chunksize") > 0 ? p.i("chunksize") : ProcessPool::defaultChunksize(size_t(n), p.i("processes"));
            const int chunks = (n + cs - 1) / cs;
            expect(v, int(workerTasks(t).size()) == chunks, "not one task per chunk");
            const int fail = async ? p.i("fail_id") : -1;
            if (fail >= 0 && fail < n) {
                expect(v, marks(t, "raised ValueError").size() == 1, "the item's error was not re-raised");
                expect(v, callbacks(t, v) == 1, "error_callback did not fire exactly once");
            } else {
                expect(v, resultMark(t) == squares(n), "results are not f(items) in input order");
                if (async)
                    expect(v, callbacks(t, v) == 1, "callback did not fire exactly once");
            }
            return v;
        };
        r.add(std::move(s));
    }
    // ---------------- m9.l7 / m9.l8 imap, imap_unordered ----------------
    for (bool unordered : {false, true}) {
        Scenario s;
        s.id = unordered ? "m9.l8" : "m9.l7";
        s.module = 9;
        s.lesson = unordered ? 8 : 7;
        s.title = unordered ? "imap_unordered: iterative, completion order" : "imap: iterative, ordered";
        s.titleRu = unordered ? "Итеративная синхронная обработка задач без сохранения порядка"
                              : "Итеративная синхронная обработка задач";
        s.summary = unordered ? "results are yielded as chunks complete" : "results are yielded lazily in input order";
        s.params = {Param::integer("items", "Items", 20, 1, 80), processesParam(),
                    Param::integer("chunksize", "chunksize", 1, 1, 10),
                    Param::integer("item_ms", "Mean CPU work per item", 60, 1, 200, "ms")};
        s.usesProcesses = true;
        s.run = [unordered](Context& ctx) {
            const auto& p = ctx.params;
            ProcessPool pool(ctx.run, poolOptions(p.i("processes")));
            auto items = makeItems(ctx, p.i("items"), p.i("item_ms"), true);
            auto it = unordered ? pool.imapUnordered("square", items, p.i("chunksize"))
                                : pool.imap("square", items, p.i("chunksize"));
            while (auto value = it.next())
                mark("yield " + *value);
        };
        s.check = [unordered](const Trace& t, const ParamValues& p) {
            std::vector<std::string> v;
            commonChecks(v, t, p.i("processes"));
            auto ys = marks(t, "yield ");
            const int n = p.i("items");
            expect(v, int(ys.size()) == n, "not every result yielded once");
            std::multiset<long long> seen;
            for (size_t i = 0; i < ys.size(); ++i) {
                const long long value = std::stoll(ys[i]->text.substr(6));
                seen.insert(value);
                if (!unordered)
                    expect(v, value == (long long)(i * i), "imap yielded out of input order");
            }
            for (int i = 0; i < n && unordered; ++i)
                expect(v, seen.count((long long)i * i) == 1, "imap_unordered lost or repeated a result");
            return v;
        };
        r.add(std::move(s));
    }
}

} // namespace tl
