// SPDX-License-Identifier: MIT
// Module 9, using the pool well (see docs/lessons.md): threads against processes (l2), which
// method to choose (l11), all methods compared on one workload (l12), best practices (l13) and
// common mistakes (l14), each on real worker processes.
#include "module9_pool.h"

#include "engine/pool/thread_pool.h"
#include "engine/work.h"
#include "checks.h"

#include <algorithm>

namespace tl::m9 {
namespace {

using checks::expect;

// ---------------------------------------------------------------------------------------
// m9.l2 ThreadPoolExecutor vs ProcessPoolExecutor.

void runThreadsVsProcesses(Context& ctx)
{
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
}

Issues checkThreadsVsProcesses(const Trace& t, const ParamValues& p)
{
    Issues v;
    commonChecks(v, t, p.i("workers"));
    // That the processes' tasks overlap (a GIL each) is what the timeline shows, but not a
    // rule: a loaded machine may run one child's tasks before the next child is scheduled.
    // The rule is where they ran: in worker processes, never in the parent.
    expect(v, int(workerTasks(t).size()) == p.i("tasks"), "not one process task per task");
    auto m = marks(t, "bytes back from processes: ");
    expect(v,
           !m.empty() && m.back()->text.substr(27) == std::to_string(int64_t(p.i("tasks")) * p.i("payload_kb") * 1024),
           "payloads did not come back whole");
    return v;
}

// ---------------------------------------------------------------------------------------
// m9.l11 Which method to choose: the answers pick the method, which then runs.

void runWhichMethod(Context& ctx)
{
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
}

// "a,b,c" -> {a, b, c}, sorted.
std::vector<std::string> sortedList(std::string list)
{
    std::vector<std::string> out;
    list += ",";
    for (size_t pos; (pos = list.find(',')) != std::string::npos; list.erase(0, pos + 1))
        out.push_back(list.substr(0, pos));
    std::sort(out.begin(), out.end());
    return out;
}

Issues checkWhichMethod(const Trace& t, const ParamValues& p)
{
    Issues v;
    commonChecks(v, t, p.i("processes"));
    const int n = p.i("n_tasks");
    const bool ordered = !(n > 1 && p.b("large_input") && !p.b("need_order"));
    if (ordered)
        expect(v, resultMark(t) == squares(n), "results not in input order");
    else
        expect(v, sortedList(resultMark(t)) == sortedList(squares(n)), "a result is missing or repeated");
    if (p.b("non_blocking")) {
        auto free = marks(t, "main is free");
        expect(v, !free.empty(), "main never marked itself free");
        if (!free.empty())
            for (auto& in : t.lanes[0].intervals)
                expect(v, !(in.state == State::WaitResult && in.start < free[0]->t), "main blocked before it was free");
    }
    return v;
}

// ---------------------------------------------------------------------------------------
// m9.l12 Comparing the methods: one workload through all eight.

void runCompareMethods(Context& ctx)
{
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
    // One method's phase: its results in input order, the time to its first result and in all.
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
}

Issues checkCompareMethods(const Trace& t, const ParamValues& p)
{
    Issues v;
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
}

// ---------------------------------------------------------------------------------------
// m9.l13 Best practices: each practice switched off shows its symptom.

void runBestPractices(Context& ctx)
{
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
}

Issues checkBestPractices(const Trace& t, const ParamValues& p)
{
    Issues v;
    commonChecks(v, t, p.i("processes"));
    const bool allOn = p.b("close_join") && p.b("get_results") && p.b("error_callback") && p.b("short_callbacks");
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
}

// ---------------------------------------------------------------------------------------
// m9.l14 Common mistakes: each with its signature on the timeline.

void runMistakes(Context& ctx)
{
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
        mark("parent counter = " + std::to_string(childCounter()));
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
}

Issues checkMistakes(const Trace& t, const ParamValues& p)
{
    Issues v;
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
}

}  // namespace

void registerPoolPractice(Registry& r)
{
    r.add({.id = "m9.l2",
           .title = "ThreadPoolExecutor vs ProcessPoolExecutor",
           .titleRu = "ThreadPoolExecutor vs ProcessPoolExecutor",
           .summary = "the same tasks on a thread pool (one GIL) and on a process pool (a GIL each)",
           .params = {Param::integer("workers", "Workers", 4, 1, 8), Param::integer("tasks", "Tasks", 8, 1, 32),
                      Param::choice("workload", "Workload", {"cpu", "io"}, 0),
                      Param::integer("payload_kb", "Payload per task", 1, 0, 10000, "KB"),
                      Param::integer("task_ms", "Work per task", 100, 10, 500, "ms")},
           .run = runThreadsVsProcesses,
           .check = checkThreadsVsProcesses,
           .usesProcesses = true,
           .defaultGil = true});
    r.add({.id = "m9.l11",
           .title = "Which method to choose",
           .titleRu = "Какой метод выбрать?",
           .summary = "a decision tree: the answers pick the Pool method, which then runs",
           .params = {Param::integer("n_tasks", "Tasks", 8, 1, 40),
                      Param::boolean("multi_arg", "Several arguments", false),
                      Param::boolean("need_order", "Results in input order", true),
                      Param::boolean("non_blocking", "Main must not block", false),
                      Param::boolean("large_input", "Huge or lazy input (stream it)", false), processesParam()},
           .run = runWhichMethod,
           .check = checkWhichMethod,
           .usesProcesses = true});
    r.add({.id = "m9.l12",
           .title = "Comparing the methods",
           .titleRu = "Сравнение методов",
           .summary = "one workload through all eight methods: first result, total time, main blocked",
           .params = {Param::integer("items", "Items", 32, 4, 64), processesParam(),
                      Param::integer("item_ms", "Mean CPU work per item", 20, 1, 100, "ms"),
                      Param::integer("chunksize", "chunksize (0 = auto)", 0, 0, 8)},
           .run = runCompareMethods,
           .check = checkCompareMethods,
           .usesProcesses = true});
    r.add({.id = "m9.l13",
           .title = "Best practices for the process pool",
           .titleRu = "Лучшие практики использования пула процессов",
           .summary = "a checklist: each practice switched off shows its symptom",
           .params = {Param::boolean("close_join", "close() + join() before leaving the with block", true),
                      Param::boolean("get_results", "get() every async result", true),
                      Param::boolean("error_callback", "Set an error_callback", true),
                      Param::boolean("short_callbacks", "Keep callbacks short", true),
                      Param::integer("tasks", "Tasks", 12, 2, 32), processesParam(),
                      Param::integer("fail_id", "Failing task (-1 = none)", 5, -1, 31)},
           .run = runBestPractices,
           .check = checkBestPractices,
           .usesProcesses = true});
    r.add(
        {.id = "m9.l14",
         .title = "Common mistakes",
         .titleRu = "Типичные ошибки",
         .summary = "a gallery of Pool mistakes, each with its signature on the timeline",
         .params = {Param::choice(
                        "mistake", "Mistake",
                        {"none", "lambda", "no_get", "early_exit", "child_globals", "tiny_tasks", "slow_callback"}, 1),
                    processesParam(), Param::integer("tasks", "Tasks", 8, 2, 32)},
         .run = runMistakes,
         .check = checkMistakes,
         .usesProcesses = true});
}

}  // namespace tl::m9
