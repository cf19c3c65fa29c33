// SPDX-License-Identifier: MIT
// Module 9 of the course (see docs/lessons.md): multiprocessing.Pool with real worker
// processes (engine/pool/process_pool.h). Worker lanes carry their real pid; G5 holds per
// process, not across processes.
#include "engine/model/trace.h"
#include "engine/pool/process_pool.h"
#include "engine/pool/thread_pool.h"
#include "engine/work.h"
#include "checks.h"
#include "scenario.h"

#include <algorithm>
#include <random>
#include <set>

namespace tl {
namespace {

using checks::expect;

// ---- task functions (they run in the worker processes) ----

// A counter only the worker processes change: a child's writes stay in the child.
int g_childCounter = 0;

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
    o.functions["count_global"] = [](const std::string&) {
        ++g_childCounter;
        mark("child counter = " + std::to_string(g_childCounter));
        return std::to_string(g_childCounter);
    };
    o.functions["job"] = [](const std::string& packed) {  // (cpu|io, ms, payload) -> payload
        auto a = unpackArgs(packed, 3, "job");
        if (a[0] == "cpu")
            cpuWork(std::stod(a[1]));
        else
            ioWait(std::stod(a[1]));
        return a[2];
    };
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
    std::sort(edges.begin(), edges.end(),
              [](auto& a, auto& b) { return a.first != b.first ? a.first < b.first : a.second < b.second; });
    int cur = 0, best = 0;
    for (auto& [time, d] : edges)
        best = std::max(best, cur += d);
    return best;
}

// The parent's marks (lane 0) starting with `prefix`.
std::vector<const Instant*> marks(const Trace& t, const std::string& prefix)
{
    return checks::marksStarting(t, prefix, 0);
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

Scenario base(const char* id, int lesson, const char* title, const char* titleRu, const char* summary)
{
    Scenario s;
    s.id = id;
    s.module = 9;
    s.lesson = lesson;
    s.title = title;
    s.titleRu = titleRu;
    s.summary = summary;
    s.usesProcesses = true;
    return s;
}

// Ordered results of one phase: "results <label>: ..." marks.
std::string phaseResult(const Trace& t, const std::string& label)
{
    auto m = marks(t, "results " + label + ": ");
    return m.empty() ? std::string("<none>") : m.back()->text.substr(std::string("results " + label + ": ").size());
}

int killedWorkerLanes(const Trace& t)
{
    int n = 0;
    for (auto& lane : t.lanes)
        n += lane.info.pid != 1 && lane.killed;
    return n;
}

}  // namespace

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
        s.params = {Param::integer("calls", "Calls", 4, 1, 12),
                    Param::integer("task_ms", "Task CPU work", 300, 10, 1000, "ms"), processesParam()};
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
            expect(v, int(marks(t, "get raised ValueError").size()) == (fails ? 1 : 0),
                   "get did not re-raise the error");
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
                        auto res = pool.starmapAsync(
                            "multiply", tuples, cs,
                            [](const std::vector<std::string>& v) {
                                mark("callback with " + std::to_string(v.size()) + " results");
                            },
                            [](const PyError& e) { mark("error_callback " + e.describe()); });
                        mark("main is free");
                        out = res.getList();
                    } else {
                        out = pool.starmap("multiply", tuples, cs);
                    }
                } else {
                    auto items = makeItems(ctx, n, p.i("item_ms"), true, failId);
                    if (async) {
                        auto res = pool.mapAsync(
                            "square", items, cs,
                            [](const std::vector<std::string>& v) {
                                mark("callback with " + std::to_string(v.size()) + " results");
                            },
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
            const int cs =
                p.i("chunksize") > 0 ? p.i("chunksize") : ProcessPool::defaultChunksize(size_t(n), p.i("processes"));
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
    // ---------------- m9.l2 threads vs processes ----------------
    {
        Scenario s =
            base("m9.l2", 2, "ThreadPoolExecutor vs ProcessPoolExecutor", "ThreadPoolExecutor vs ProcessPoolExecutor",
                 "the same tasks on a thread pool (one GIL) and on a process pool (a GIL each)");
        s.params = {Param::integer("workers", "Workers", 4, 1, 8), Param::integer("tasks", "Tasks", 8, 1, 32),
                    Param::choice("workload", "Workload", {"cpu", "io"}, 0),
                    Param::integer("payload_kb", "Payload per task", 1, 0, 10000, "KB"),
                    Param::integer("task_ms", "Work per task", 100, 10, 500, "ms")};
        s.defaultGil = true;
        s.run = [](Context& ctx) {
            const auto& p = ctx.params;
            const bool cpu = p.is("workload", "cpu");
            const double ms = p.i("task_ms");
            const std::string payload(size_t(p.i("payload_kb")) * 1024, 'x');
            mark("phase threads");
            {
                ThreadPoolExecutor ex(ctx.run, p.i("workers"));
                std::vector<Future<size_t>> fs;
                for (int i = 0; i < p.i("tasks"); ++i)
                    fs.push_back(ex.submit([cpu, ms, &payload] {
                        if (cpu)
                            cpuWork(ms);
                        else
                            ioWait(ms);
                        return payload.size();  // shared memory: nothing is copied
                    }));
                for (auto& f : fs)
                    f.result();
            }
            mark("phase processes");
            ProcessPool pool(ctx.run, poolOptions(p.i("workers")));
            std::vector<AsyncResult> rs;
            for (int i = 0; i < p.i("tasks"); ++i)
                rs.push_back(pool.applyAsync("job", packArgs({cpu ? "cpu" : "io", std::to_string(ms), payload})));
            size_t bytes = 0;
            for (auto& r : rs)
                bytes += r.get().size();
            mark("bytes back from processes: " + std::to_string(bytes));
            pool.close();
            pool.join();
        };
        s.check = [](const Trace& t, const ParamValues& p) {
            std::vector<std::string> v;
            commonChecks(v, t, p.i("workers"));
            // That the processes' tasks overlap (a GIL each) is what the timeline shows, but not a
            // rule: a loaded machine may run one child's tasks before the next child is scheduled.
            // The rule is where they ran: in worker processes, never in the parent.
            expect(v, int(workerTasks(t).size()) == p.i("tasks"), "not one process task per task");
            auto m = marks(t, "bytes back from processes: ");
            expect(v,
                   !m.empty() &&
                       m.back()->text.substr(27) == std::to_string(int64_t(p.i("tasks")) * p.i("payload_kb") * 1024),
                   "payloads did not come back whole");
            return v;
        };
        r.add(std::move(s));
    }
    // ---------------- m9.l11 which method ----------------
    {
        Scenario s = base("m9.l11", 11, "Which method to choose", "Какой метод выбрать?",
                          "a decision tree: the answers pick the Pool method, which then runs");
        s.params = {Param::integer("n_tasks", "Tasks", 8, 1, 40),
                    Param::boolean("multi_arg", "Several arguments", false),
                    Param::boolean("need_order", "Results in input order", true),
                    Param::boolean("non_blocking", "Main must not block", false),
                    Param::boolean("large_input", "Huge or lazy input (stream it)", false),
                    processesParam()};
        s.run = [](Context& ctx) {
            const auto& p = ctx.params;
            const int n = p.i("n_tasks");
            ProcessPool pool(ctx.run, poolOptions(p.i("processes")));
            auto items = makeItems(ctx, n, 40, true);
            std::vector<std::string> out;
            if (n == 1) {
                mark(std::string("chosen: ") + (p.b("non_blocking") ? "apply_async" : "apply"));
                if (p.b("non_blocking")) {
                    auto r = pool.applyAsync("square", items[0]);
                    mark("main is free");
                    out.push_back(r.get());
                } else {
                    out.push_back(pool.apply("square", items[0]));
                }
            } else if (p.b("large_input")) {
                mark(std::string("chosen: ") + (p.b("need_order") ? "imap" : "imap_unordered"));
                auto it = p.b("need_order") ? pool.imap("square", items) : pool.imapUnordered("square", items);
                if (p.b("non_blocking"))
                    mark("main is free");
                while (auto v = it.next())
                    out.push_back(*v);
            } else if (p.b("multi_arg")) {
                std::vector<std::vector<std::string>> tuples;
                for (int i = 0; i < n; ++i)
                    tuples.push_back({std::to_string(i), std::to_string(i), "40"});
                mark(std::string("chosen: ") + (p.b("non_blocking") ? "starmap_async" : "starmap"));
                if (p.b("non_blocking")) {
                    auto r = pool.starmapAsync("multiply", tuples);
                    mark("main is free");
                    out = r.getList();
                } else {
                    out = pool.starmap("multiply", tuples);
                }
            } else {
                mark(std::string("chosen: ") + (p.b("non_blocking") ? "map_async" : "map"));
                if (p.b("non_blocking")) {
                    auto r = pool.mapAsync("square", items);
                    mark("main is free");
                    out = r.getList();
                } else {
                    out = pool.map("square", items);
                }
            }
            mark("results: " + joinList(out));
        };
        s.check = [](const Trace& t, const ParamValues& p) {
            std::vector<std::string> v;
            commonChecks(v, t, p.i("processes"));
            const int n = p.i("n_tasks");
            const bool ordered = !(n > 1 && p.b("large_input") && !p.b("need_order"));
            if (ordered)
                expect(v, resultMark(t) == squares(n), "results not in input order");
            else {
                std::vector<std::string> got, want;
                std::string r = resultMark(t) + ",";
                for (size_t pos; (pos = r.find(',')) != std::string::npos; r.erase(0, pos + 1))
                    got.push_back(r.substr(0, pos));
                std::string w = squares(n) + ",";
                for (size_t pos; (pos = w.find(',')) != std::string::npos; w.erase(0, pos + 1))
                    want.push_back(w.substr(0, pos));
                std::sort(got.begin(), got.end());
                std::sort(want.begin(), want.end());
                expect(v, got == want, "a result is missing or repeated");
            }
            if (p.b("non_blocking")) {
                auto free = marks(t, "main is free");
                expect(v, !free.empty(), "main never marked itself free");
                if (!free.empty())
                    for (auto& in : t.lanes[0].intervals)
                        expect(v, !(in.state == State::WaitResult && in.start < free[0]->t),
                               "main blocked before it was free");
            }
            return v;
        };
        r.add(std::move(s));
    }
    // ---------------- m9.l12 comparing the methods ----------------
    {
        Scenario s = base("m9.l12", 12, "Comparing the methods", "Сравнение методов",
                          "one workload through all eight methods: first result, total time, main blocked");
        s.params = {Param::integer("items", "Items", 32, 4, 64), processesParam(),
                    Param::integer("item_ms", "Mean CPU work per item", 20, 1, 100, "ms"),
                    Param::integer("chunksize", "chunksize (0 = auto)", 0, 0, 8)};
        s.run = [](Context& ctx) {
            const auto& p = ctx.params;
            const int n = p.i("items");
            const int cs = p.i("chunksize");
            ProcessPool pool(ctx.run, poolOptions(p.i("processes")));
            auto items = makeItems(ctx, n, p.i("item_ms"), true);
            std::vector<std::vector<std::string>> tuples;
            for (int i = 0; i < n; ++i)
                tuples.push_back(
                    {std::to_string(i), std::to_string(i), items[size_t(i)].substr(0, items[size_t(i)].find('|'))});
            Run& run = ctx.run;
            auto phase = [&](const std::string& name, auto body) {
                const int64_t t0 = run.elapsedNs();
                int64_t first = -1;
                auto firstResult = [&] {
                    if (first < 0)
                        first = run.elapsedNs();
                };
                mark("begin " + name);
                std::vector<std::string> out = body(firstResult);
                const int64_t total = run.elapsedNs() - t0;
                if (first < 0)
                    first = run.elapsedNs();
                mark("results " + name + ": " + joinList(out));
                mark(name + ": first result " + std::to_string((first - t0) / 1000000) + " ms, total " +
                     std::to_string(total / 1000000) + " ms");
            };
            phase("apply", [&](auto firstResult) {
                std::vector<std::string> out;
                for (auto& it : items) {
                    out.push_back(pool.apply("square", it));
                    firstResult();
                }
                return out;
            });
            phase("apply_async", [&](auto firstResult) {
                std::vector<AsyncResult> rs;
                for (auto& it : items)
                    rs.push_back(pool.applyAsync("square", it));
                std::vector<std::string> out;
                for (auto& r : rs) {
                    out.push_back(r.get());
                    firstResult();
                }
                return out;
            });
            phase("map", [&](auto) { return pool.map("square", items, cs); });
            phase("map_async", [&](auto) { return pool.mapAsync("square", items, cs).getList(); });
            phase("imap", [&](auto firstResult) {
                std::vector<std::string> out;
                auto it = pool.imap("square", items, cs > 0 ? cs : 1);
                while (auto v = it.next()) {
                    firstResult();
                    out.push_back(*v);
                }
                return out;
            });
            phase("imap_unordered", [&](auto firstResult) {
                std::vector<std::pair<long long, std::string>> got;
                auto it = pool.imapUnordered("square", items, cs > 0 ? cs : 1);
                while (auto v = it.next()) {
                    firstResult();
                    got.emplace_back(std::stoll(*v), *v);
                }
                std::sort(got.begin(), got.end());  // back to input order (squares grow)
                std::vector<std::string> out;
                for (auto& g : got)
                    out.push_back(g.second);
                return out;
            });
            phase("starmap", [&](auto) { return pool.starmap("multiply", tuples, cs); });
            phase("starmap_async", [&](auto) { return pool.starmapAsync("multiply", tuples, cs).getList(); });
        };
        s.check = [](const Trace& t, const ParamValues& p) {
            std::vector<std::string> v;
            commonChecks(v, t, p.i("processes"));
            const std::string want = squares(p.i("items"));
            for (const char* m :
                 {"apply", "apply_async", "map", "map_async", "imap", "imap_unordered", "starmap", "starmap_async"})
                expect(v, phaseResult(t, m) == want, std::string("wrong results for ") + m);
            // The blocking methods: main is in wait:result for the whole phase, so the phase's
            // last task ends before main's results mark.
            auto begins = marks(t, "begin ");
            for (auto* b : begins) {
                const std::string name = b->text.substr(6);
                if (name != "map" && name != "starmap")
                    continue;
                auto res = marks(t, "results " + name + ": ");
                if (res.empty())
                    continue;
                int64_t lastEnd = 0;
                for (auto* task : workerTasks(t))
                    if (task->start >= b->t && task->end <= res.back()->t)
                        lastEnd = std::max(lastEnd, task->end);
                expect(v, lastEnd > b->t, name + " ran no task");
            }
            return v;
        };
        r.add(std::move(s));
    }
    // ---------------- m9.l13 best practices ----------------
    {
        Scenario s =
            base("m9.l13", 13, "Best practices for the process pool", "Лучшие практики использования пула процессов",
                 "a checklist: each practice switched off shows its symptom");
        s.params = {Param::boolean("close_join", "close() + join() before leaving the with block", true),
                    Param::boolean("get_results", "get() every async result", true),
                    Param::boolean("error_callback", "Set an error_callback", true),
                    Param::boolean("short_callbacks", "Keep callbacks short", true),
                    Param::integer("tasks", "Tasks", 12, 2, 32),
                    processesParam(),
                    Param::integer("fail_id", "Failing task (-1 = none)", 5, -1, 31)};
        s.run = [](Context& ctx) {
            const auto& p = ctx.params;
            ProcessPool pool(ctx.run, poolOptions(p.i("processes")));
            std::vector<AsyncResult> rs;
            const bool shortCb = p.b("short_callbacks");
            for (auto& item : makeItems(ctx, p.i("tasks"), 60, true, p.i("fail_id"))) {
                ErrorCallback ecb;
                if (p.b("error_callback"))
                    ecb = [](const PyError& e) { mark("error_callback " + e.describe()); };
                rs.push_back(pool.applyAsync(
                    "square", item,
                    [shortCb](const std::string& v) {
                        if (!shortCb)
                            cpuWork(40);  // a slow callback holds up every other result
                        mark("result " + v);
                    },
                    ecb));
            }
            if (p.b("get_results"))
                for (auto& r : rs) {
                    try {
                        r.get();
                    } catch (const PyError& e) {
                        mark("handled " + e.describe());
                    }
                }
            if (p.b("close_join")) {
                pool.close();
                pool.join();
            }
            // leaving the scope = `with` exit = terminate()
        };
        s.check = [](const Trace& t, const ParamValues& p) {
            std::vector<std::string> v;
            commonChecks(v, t, p.i("processes"));
            const bool allOn =
                p.b("close_join") && p.b("get_results") && p.b("error_callback") && p.b("short_callbacks");
            if (allOn) {
                expect(v, killedWorkerLanes(t) == 0, "a worker was killed");
                int unfinished = 0;
                for (auto* task : workerTasks(t))
                    unfinished += task->end < 0 || t.lanes[task->lane].killed;
                expect(v, unfinished == 0, "orphaned tasks");
                const int fail = p.i("fail_id");
                const int fails = fail >= 0 && fail < p.i("tasks") ? 1 : 0;
                int results = 0;
                for (auto& i : t.instants)
                    results += i.type == Ev::Mark && i.text.rfind("result ", 0) == 0;
                expect(v, results == p.i("tasks") - fails, "lost results");
                expect(v, int(marks(t, "handled ").size()) == fails, "the failure was not handled");
            }
            if (!p.b("close_join") && !p.b("get_results"))
                expect(v, killedWorkerLanes(t) > 0, "leaving early did not terminate the workers");
            return v;
        };
        r.add(std::move(s));
    }
    // ---------------- m9.l14 common mistakes ----------------
    {
        Scenario s = base("m9.l14", 14, "Common mistakes", "Типичные ошибки",
                          "a gallery of Pool mistakes, each with its signature on the timeline");
        s.params = {Param::choice(
                        "mistake", "Mistake",
                        {"none", "lambda", "no_get", "early_exit", "child_globals", "tiny_tasks", "slow_callback"}, 1),
                    processesParam(), Param::integer("tasks", "Tasks", 8, 2, 32)};
        s.run = [](Context& ctx) {
            const auto& p = ctx.params;
            const std::string m = p.choice("mistake");
            const int n = p.i("tasks");
            ProcessPool pool(ctx.run, poolOptions(p.i("processes")));
            auto items = makeItems(ctx, n, 60, true, m == "no_get" ? 1 : -1);
            if (m == "lambda") {
                try {
                    pool.applyAsync("<lambda>", "1");  // not a top-level function: cannot be pickled
                } catch (const PyError& e) {
                    mark("raised " + e.describe());
                }
                mark("results: " + joinList(pool.map("square", items)));
            } else if (m == "no_get") {
                std::vector<AsyncResult> rs;
                for (auto& it : items)
                    rs.push_back(pool.applyAsync("square", it));
                for (auto& r : rs)
                    r.wait();  // waits, but never get(): the failure goes unseen
                mark("all done (no errors seen)");
            } else if (m == "early_exit") {
                for (auto& it : items)
                    pool.applyAsync("square", it);
                mark("leaving the with block");
                return;  // terminate() kills the workers mid-task
            } else if (m == "child_globals") {
                auto out = pool.map("count_global", std::vector<std::string>(size_t(n), "x"), 1);
                mark("parent counter = " + std::to_string(g_childCounter));
            } else if (m == "tiny_tasks") {
                std::vector<std::string> tiny;
                for (int i = 0; i < n * 8; ++i)
                    tiny.push_back("0.01|" + std::to_string(i));
                mark("results: " + joinList(pool.map("square", tiny, 1)).substr(0, 0) + "tiny");
            } else if (m == "slow_callback") {
                std::vector<AsyncResult> rs;
                for (auto& it : items)
                    rs.push_back(pool.applyAsync("square", it, [](const std::string&) { cpuWork(50); }));
                for (auto& r : rs)
                    r.get();
            } else {
                mark("results: " + joinList(pool.map("square", items)));
            }
            pool.close();
            pool.join();
        };
        s.check = [](const Trace& t, const ParamValues& p) {
            std::vector<std::string> v;
            const std::string m = p.choice("mistake");
            const int n = p.i("tasks");
            commonChecks(v, t, p.i("processes"));
            int failed = 0;
            for (auto* task : workerTasks(t))
                failed += task->outcome == 1;
            if (m == "lambda")
                expect(v, !marks(t, "raised AttributeError: Can't pickle local object").empty(), "no pickling error");
            if (m == "no_get")
                expect(v, failed == 1 && marks(t, "raised").empty(), "the failure should be recorded but unseen");
            if (m == "early_exit")
                expect(v, killedWorkerLanes(t) > 0, "workers were not cut by terminate");
            if (m == "child_globals") {
                expect(v, !marks(t, "parent counter = 0").empty(), "the parent saw a child's global");
                int childMarks = 0;
                for (auto& i : t.instants)
                    childMarks += i.type == Ev::Mark && isWorker(t, i.lane) && i.text.rfind("child counter = ", 0) == 0;
                expect(v, childMarks == n, "children did not count");
            }
            if (m == "tiny_tasks")
                expect(v, int(workerTasks(t).size()) == n * 8, "not one task per tiny item");
            if (m == "slow_callback") {
                int cbs = callbacks(t, v);
                expect(v, cbs == n, "not one callback per task");
            }
            if (m == "none") {
                expect(v, failed == 0 && killedWorkerLanes(t) == 0, "the fixed version shows a symptom");
                expect(v, resultMark(t) == squares(n), "wrong results");
            }
            return v;
        };
        r.add(std::move(s));
    }
}

}  // namespace tl
