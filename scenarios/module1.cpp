// SPDX-License-Identifier: MIT
// Module 1 of the course: threads basics (see docs/lessons.md, m1.l1–m1.l12).
//
// Every scenario runs on lane 0 with real tl::Thread / tl::Timer threads and traced primitives;
// every check() reads the recorded trace through scenarios/checks.h. This file holds l1-l6 and
// registers the module; module1_details.cpp holds l7-l12, module1_threads.h what they share.
#include "module1_threads.h"

#include "checks.h"
#include "recording.h"
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
#include <random>
#include <set>
#include <sstream>

namespace tl {
namespace {

using namespace checks;
using namespace m1;

// ================================================================ m1.l1 Introduction

void runIntro(Context& ctx)
{
    const int n = ctx.params.i("tasks");
    const double ms = ctx.params.d("task_ms");
    const int64_t t0 = ctx.run.elapsedNs();
    if (ctx.params.is("mode", "sequential")) {
        for (int i = 0; i < n; ++i) {
            ioWait(ms);
            mark("task " + std::to_string(i) + " done");
        }
    } else {
        std::vector<Thread> threads;
        for (int i = 0; i < n; ++i)
            threads.emplace_back(
                ctx.run,
                [i, ms] {
                    ioWait(ms);
                    mark("task " + std::to_string(i) + " done");
                },
                "", std::nullopt, "task");
        for (auto& t : threads)
            t.start();
        for (auto& t : threads)
            t.join();
    }
    mark("wall: " + fmt0(scenarioMsSince(t0)) + " ms for " + std::to_string(n) + " tasks of " + fmt0(ms) + " ms (" +
         ctx.params.choice("mode") + ")");
}

std::vector<std::string> checkIntro(const Trace& t, const ParamValues& p)
{
    std::vector<std::string> out;
    const int n = p.i("tasks");
    expect(out, int(marksStarting(t, "task ").size()) == n, "expected one \"task i done\" mark per task");
    expect(out, firstMark(t, "wall: ", 0) != nullptr, "no wall-time mark on MainThread");
    if (p.is("mode", "sequential")) {
        auto io = intervalsIn(t, 0, State::Io);
        expect(out, int(io.size()) == n,
               "sequential: MainThread should show " + std::to_string(n) + " io waits, shows " +
                   std::to_string(io.size()));
        expect(out, t.lanes.size() == 1, "sequential: no thread should be created");
        int64_t sum = 0;
        for (auto& iv : io)
            sum += iv.end - iv.start;
        expect(out, lifetime(t, 0).length() >= sum, "sequential: wall time is shorter than the sum of the waits");
    } else {
        auto workers = otherLanes(t);
        expect(out, int(workers.size()) == n, "threaded: expected " + std::to_string(n) + " worker lanes");
        std::vector<Span> io;
        for (LaneId l : workers) {
            auto w = intervalsIn(t, l, State::Io);
            expect(out, w.size() == 1, t.lanes[l].info.name + ": expected exactly one io wait");
            for (auto& iv : w)
                io.push_back({iv.start, iv.end});
        }
        // Main itself never waits for I/O: each wait runs on its own thread. (That the waits
        // overlap is what the timeline shows, not a rule: on a loaded machine a thread can
        // start after another's wait is over.)
        expect(out, intervalsIn(t, 0, State::Io).empty(), "threaded: MainThread should not wait for I/O itself");
        for (LaneId l : workers)
            expect(out, t.lanes[l].end >= 0 && t.lanes[l].end <= lifetime(t, 0).end, "a worker outlived MainThread");
    }
    return out;
}

// ================================================================ m1.l2 Basic concepts (GIL)

void runConcepts(Context& ctx)
{
    const int n = ctx.params.i("threads");
    const double ms = ctx.params.d("cpu_work_ms");
    const bool cpu = ctx.params.is("workload", "cpu");
    mark(std::string("GIL: ") + (ctx.run.options().gil ? "on (CPython)" : "off (free-threaded)") +
         ", switch interval " + fmt0(ctx.run.options().switchIntervalMs) + " ms");
    mark("each worker " + std::string(cpu ? "computes " : "waits ") + fmt0(ms) + " ms (" +
         std::to_string(ThreadState::current().scaledNs(ms)) + " ns at this run's time scale)");
    const int64_t t0 = ctx.run.elapsedNs();
    std::vector<Thread> threads;
    for (int i = 0; i < n; ++i)
        threads.emplace_back(
            ctx.run,
            [cpu, ms] {
                if (cpu)
                    cpuWork(ms);
                else
                    sleepMs(ms);
            },
            "worker-" + std::to_string(i));
    for (auto& t : threads)
        t.start();
    for (auto& t : threads)
        t.join();
    mark("wall: " + fmt0(scenarioMsSince(t0)) + " ms for " + std::to_string(n) + " × " + fmt0(ms) + " ms of " +
         (cpu ? "computation" : "waiting"));
}

std::vector<std::string> checkConcepts(const Trace& t, const ParamValues& p)
{
    std::vector<std::string> out;
    const int n = p.i("threads");
    auto workers = lanesNamedPrefix(t, "worker-");
    expect(out, int(workers.size()) == n, "expected " + std::to_string(n) + " worker lanes");
    const Instant* each = firstMark(t, "each worker ", 0);
    const auto perThreadNs = each ? numberAfter(*each, "ms (") : std::nullopt;
    expect(out, perThreadNs.has_value(), "no \"each worker\" mark");
    if (p.is("workload", "cpu")) {
        // Under the GIL the computations take turns: with two or more workers, and work well
        // beyond the switch interval, some worker waits for the GIL. (Not checked on `run`
        // overlap: the engine records a hand-off's state changes a little apart from the hand-off
        // itself; nor on wall time, which depends on the machine's load.)
        if (t.gil && n >= 2 && perThreadNs && *perThreadNs >= 2'000'000)
            expect(out, unionLength(spansIn(t, State::WaitGil, workers)) > 0,
                   "cpu under the GIL: no worker ever waited for the GIL");
        if (!t.gil)
            expect(out, spansIn(t, State::WaitGil).empty(), "free-threaded: nobody may wait for a GIL");
    } else {
        auto sleeps = spansIn(t, State::Sleep, workers);
        expect(out, int(sleeps.size()) == n, "io: expected one sleep per worker");
        if (n >= 2)
            expect(out, maxConcurrent(sleeps) >= 2, "io: the sleeps should overlap");
    }
    return out;
}

// ================================================================ m1.l3 What threads are

void runThreads(Context& ctx)
{
    const int n = ctx.params.i("workers");
    const double workMs = ctx.params.d("work_ms");
    const double stagger = ctx.params.d("start_stagger_ms");
    std::mt19937_64 rng(ctx.seed);
    std::uniform_int_distribution<int> digit(1, 100);
    auto numbers = std::make_shared<std::vector<int>>(30000);
    for (int& x : *numbers)
        x = digit(rng);
    auto toSort = std::make_shared<std::vector<int>>(10);
    for (int& x : *toSort)
        x = digit(rng);

    std::vector<std::unique_ptr<SharedVar>> slots;
    for (int k = 0; k < n; ++k)
        slots.push_back(std::make_unique<SharedVar>(ctx.run, "sum_" + std::to_string(k)));
    ThreadGroup group;
    for (int k = 0; k < n; ++k) {
        SharedVar* slot = slots[size_t(k)].get();
        const bool sorter = k == n - 1;  // the last worker also sorts a list passed by reference
        group.add(Thread(
            ctx.run,
            [=] {
                cpuWork(workMs);
                int64_t sum = 0;
                for (size_t i = size_t(k); i < numbers->size(); i += size_t(n))
                    sum += (*numbers)[i];
                slot->store(sum);
                if (sorter)
                    std::sort(toSort->begin(), toSort->end());  // in place: main's list
            },
            "", std::nullopt, "sum_" + std::to_string(k)));
    }
    auto& workers = group.all();
    for (size_t k = 0; k < workers.size(); ++k) {
        workers[k].start();
        mark("started " + workers[k].name());
        if (stagger > 0 && k + 1 < workers.size())
            sleepMs(stagger);
    }
    group.joinAll();
    int64_t total = 0;
    for (auto& s : slots) {
        const int64_t v = s->load();
        total += v;
        mark(s->name() + " = " + std::to_string(v));
    }
    const int64_t expected = std::accumulate(numbers->begin(), numbers->end(), int64_t(0));
    mark(std::string("total ok: ") + pyBool(total == expected));
    mark(std::string("list sorted: ") + pyBool(std::is_sorted(toSort->begin(), toSort->end())));
}

std::vector<std::string> checkThreads(const Trace& t, const ParamValues& p)
{
    std::vector<std::string> out;
    const int n = p.i("workers");
    for (int k = 0; k < n; ++k) {
        const std::string name = "sum_" + std::to_string(k);
        auto id = objectNamed(t, name);
        if (!expect(out, id.has_value(), "no variable " + name))
            continue;
        auto writes = varWrites(t, *id);
        auto reads = varReads(t, *id, 0);
        if (!expect(out, writes.size() == 1 && reads.size() == 1,
                    name + ": expected one write (worker) and one read (main)"))
            continue;
        const LaneId w = writes[0]->lane;
        expect(out, w != 0, name + " was written by MainThread");
        const Span life = lifetime(t, w);
        expect(out, writes[0]->t <= life.end, name + ": written after its worker ended");
        expect(out, reads[0]->t >= life.end,
               name + ": main read it at " + ms(reads[0]->t) + " before the worker ended at " + ms(life.end) +
                   " (read before join)");
        expect(out, reads[0]->a == writes[0]->a,
               name + ": main read " + std::to_string(reads[0]->a) + ", the worker wrote " +
                   std::to_string(writes[0]->a));
        for (const Interval& j : joinWaits(t, 0, w))
            expect(out, j.end >= life.end, name + ": join returned before its worker ended");
    }
    expect(out, !marksStarting(t, "total ok: True", 0).empty(), "the slot sums do not add up to the total");
    expect(out, !marksStarting(t, "list sorted: True", 0).empty(), "the list sorted in place is not sorted in main");
    return out;
}

// ================================================================ m1.l4 The main thread

void runMainThread(Context& ctx)
{
    const double workerMs = ctx.params.d("worker_ms");
    const bool daemon = ctx.params.b("worker_daemon");
    Thread me = currentThread();
    mark("current_thread(): " + me.name() + ", daemon=" + pyBool(me.daemon()) +
         ", is main_thread(): " + pyBool(mainThread().lane() == me.lane()));
    me.setName(ctx.params.choice("rename_to"));
    mark("renamed to " + currentThreadName() +
         "; main_thread() is current_thread(): " + pyBool(mainThread().lane() == currentThread().lane()));
    Thread worker(
        ctx.run,
        [workerMs] {
            mark("worker: started");
            sleepMs(workerMs);
            mark("worker: finished");
        },
        "worker", daemon);
    worker.start();
    mark(std::string("main: end of script; the interpreter now ") +
         (daemon ? "cuts the daemon worker" : "waits for the non-daemon worker"));
}

std::vector<std::string> checkMainThread(const Trace& t, const ParamValues& p)
{
    std::vector<std::string> out;
    const std::string want = p.choice("rename_to");
    expect(out, t.lanes[0].info.name == want,
           "lane 0 is named \"" + t.lanes[0].info.name + "\", expected \"" + want + "\"");
    expect(out, !instantsOf(t, Ev::ThreadRename, 0).empty(), "no rename recorded on the main lane");
    auto w = laneNamed(t, "worker");
    if (!expect(out, w.has_value(), "no worker lane"))
        return out;
    const Lane& worker = t.lanes[*w];
    const Lane& main = t.lanes[0];
    const Instant* endOfScript = firstMark(t, "main: end of script", 0);
    expect(out, endOfScript != nullptr, "no end-of-script mark");
    if (!p.b("worker_daemon")) {
        // G9: the process ends only after every non-daemon lane ends.
        expect(out, !worker.killed, "a non-daemon worker was cut");
        expect(out, firstMark(t, "worker: finished", *w) != nullptr, "the non-daemon worker did not finish");
        expect(out, main.end >= worker.end, "MainThread ended before the non-daemon worker");
        expect(out, !joinWaits(t, 0, *w).empty(), "MainThread did not wait for the worker at shutdown");
    } else {
        expect(out, worker.killed, "the daemon worker should be cut at exit");
        expect(out, firstMark(t, "worker: finished", *w) == nullptr, "the daemon worker ran its last line");
    }
    return out;
}

// ================================================================ m1.l5 Waiting for a result

void runWaitResult(Context& ctx)
{
    const auto& p = ctx.params;
    const std::string method = p.choice("method");
    ThreadEvent doneA(ctx.run, "done_A"), doneB(ctx.run, "done_B");
    Queue<std::string> results(ctx.run, "results");
    SharedVar finishedA(ctx.run, "finished_A"), finishedB(ctx.run, "finished_B");
    auto printer = [&](const std::string& name, int count, double period, ThreadEvent* ev, SharedVar* flag) {
        return [&results, method, name, count, period, ev, flag] {
            for (int k = 0; k < count; ++k) {
                mark(name + " " + (name == "A" ? std::to_string(k) : std::string(1, char('a' + k % 26))));
                sleepMs(period);
            }
            if (method == "event")
                ev->set();
            else if (method == "queue")
                results.put(name + " done");
            else if (method == "poll")
                flag->store(1);
        };
    };
    ThreadGroup group;
    Thread& a = group.add(Thread(ctx.run, printer("A", p.i("a_count"), p.d("a_period_ms"), &doneA, &finishedA), "A"));
    Thread& b = group.add(Thread(ctx.run, printer("B", p.i("b_count"), p.d("b_period_ms"), &doneB, &finishedB), "B"));
    a.start();
    b.start();
    if (method == "join") {
        a.join();
        b.join();
    } else if (method == "event") {
        doneA.wait();
        doneB.wait();
    } else if (method == "queue") {
        const std::string first = results.get();
        const std::string second = results.get();
        mark("got: " + first + ", " + second);
    } else {
        // Busy polling: main computes between checks, burning the CPU the printers could use.
        int polls = 0;
        while (true) {
            const bool fa = finishedA.load() != 0;
            const bool fb = finishedB.load() != 0;
            ++polls;
            if (fa && fb)
                break;
            cpuWork(p.d("poll_ms"));
        }
        mark("polled " + std::to_string(polls) + " times");
    }
    mark("both done");
    a.join();
    b.join();
}

std::vector<std::string> checkWaitResult(const Trace& t, const ParamValues& p)
{
    std::vector<std::string> out;
    const Instant* done = firstMark(t, "both done", 0);
    if (!expect(out, done != nullptr, "no \"both done\" mark on MainThread"))
        return out;
    for (const char* name : {"A", "B"}) {
        auto l = laneNamed(t, name);
        if (!expect(out, l.has_value(), std::string("no lane ") + name))
            continue;
        auto ticks = marksStarting(t, std::string(name) + " ", *l);
        const int want = p.i(name == std::string("A") ? "a_count" : "b_count");
        expect(out, int(ticks.size()) == want, std::string(name) + ": expected " + std::to_string(want) + " ticks");
        if (!ticks.empty())
            expect(out, ticks.back()->t < done->t, std::string("\"both done\" came before the last tick of ") + name);
    }
    const std::string method = p.choice("method");
    if (method == "event") {
        for (const char* ev : {"done_A", "done_B"}) {
            auto id = objectNamed(t, ev);
            auto sets = id ? instantsOf(t, Ev::Set, -1, *id) : std::vector<const Instant*>{};
            if (!expect(out, sets.size() == 1, std::string(ev) + ": expected one set()"))
                continue;
            expect(out, sets[0]->t < done->t, std::string("\"both done\" came before ") + ev + ".set()");
            for (const Interval& iv : intervalsIn(t, 0, State::WaitEvent, *id))
                expect(out, iv.end >= sets[0]->t, std::string("main's wait on ") + ev + " ended before the set()");
        }
    } else if (method == "queue") {
        auto id = objectNamed(t, "results");
        auto puts = id ? instantsOf(t, Ev::Put, -1, *id) : std::vector<const Instant*>{};
        auto gets = id ? instantsOf(t, Ev::Get, 0, *id) : std::vector<const Instant*>{};
        expect(out, puts.size() == 2 && gets.size() == 2, "queue: expected 2 puts by the printers and 2 gets by main");
        for (const Instant* g : gets) {
            auto it = std::find_if(puts.begin(), puts.end(), [&](const Instant* x) { return x->a == g->a; });
            expect(out, it != puts.end() && (*it)->t <= g->t, "queue: main got an item before it was put");
        }
    } else if (method == "poll") {
        for (const char* flag : {"finished_A", "finished_B"}) {
            auto id = objectNamed(t, flag);
            auto writes = id ? varWrites(t, *id) : std::vector<const Instant*>{};
            if (!expect(out, writes.size() == 1, std::string(flag) + ": expected one write"))
                continue;
            // The var.write is stamped right after the store, and a preempted writer stamps it
            // late: a poll that saw the value may be stamped before it. What is ordered: the
            // writer's state change before the store (stamped by the writer itself) precedes
            // the store, so a poll that saw 1 comes after the start of the writing interval.
            const Interval* writing = t.intervalAt(writes[0]->lane, writes[0]->t);
            const int64_t storeAfter = writing ? writing->start : t.lanes[writes[0]->lane].start;
            for (const Instant* r : varReads(t, *id, 0))
                if (r->a == 1)
                    expect(out, r->t >= storeAfter,
                           std::string("poll saw ") + flag + " = 1 at " + ms(r->t) + " before it was written at " +
                               ms(writes[0]->t));
        }
        expect(out, timeIn(t, 0, State::Run) > 0, "poll: main should burn run time while it polls");
    } else {
        for (const char* name : {"A", "B"})
            if (auto l = laneNamed(t, name))
                for (const Interval& j : joinWaits(t, 0, *l))
                    expect(out, j.end >= t.lanes[*l].end, std::string("join(") + name + ") returned before it ended");
    }
    return out;
}

// ================================================================ m1.l6 join()

void runJoin(Context& ctx)
{
    const auto& p = ctx.params;
    auto printer = [](std::string label, int count, double period) {
        return [label, count, period] {
            for (int k = 0; k < count; ++k) {
                mark(label + " " + std::to_string(k));
                sleepMs(period);
            }
        };
    };
    Thread a(ctx.run, printer("digit", p.i("a_count"), p.d("a_period_ms")), "A");
    Thread b(ctx.run, printer("letter", p.i("b_count"), p.d("b_period_ms")), "B");
    a.start();
    b.start();
    const double timeout = p.d("join_timeout_ms") < 0 ? kForever : p.d("join_timeout_ms");
    const int64_t t0 = ctx.run.elapsedNs();
    for (Thread* t : p.is("join_order", "AB") ? std::vector<Thread*>{&a, &b} : std::vector<Thread*>{&b, &a}) {
        t->join(timeout);
        mark(t->name() + " alive after join: " + pyBool(t->isAlive()));
    }
    mark("main waited " + fmt0(scenarioMsSince(t0)) + " ms in total");
    try {
        currentThread().join();
    } catch (const RuntimeError& e) {
        recordException(e.describe());
    }
}

std::vector<std::string> checkJoin(const Trace& t, const ParamValues& p)
{
    std::vector<std::string> out;
    auto a = laneNamed(t, "A"), b = laneNamed(t, "B");
    if (!expect(out, a && b, "lanes A and B missing"))
        return out;
    const bool timed = p.d("join_timeout_ms") >= 0;
    std::vector<Interval> joins;
    for (LaneId l : {*a, *b})
        for (const Interval& j : joinWaits(t, 0, l))
            joins.push_back(j);
    std::sort(joins.begin(), joins.end(), [](auto& x, auto& y) { return x.start < y.start; });
    // G4: a join without timeout returns at or after its target's end.
    if (!timed)
        for (LaneId l : {*a, *b})
            for (const Interval& j : joinWaits(t, 0, l))
                expect(out, j.end >= t.lanes[l].end, t.lanes[l].info.name + ": join returned before the thread ended");
    // The script's joins run one after the other (not the shutdown's, which come after the
    // "main waited" mark), and between the first and the last main only joins or runs: so it
    // blocks for the later end, max(end), not for the sum of the threads' lives. (Stated on
    // the order of states, not on durations: a loaded machine stretches the run in between.)
    if (const Instant* waited = firstMark(t, "main waited", 0); waited && !joins.empty()) {
        int64_t from = joins.front().start, to = joins.front().start;
        for (size_t k = 0; k < joins.size() && joins[k].end <= waited->t; ++k) {
            if (k > 0)
                expect(out, joins[k].start >= joins[k - 1].end, "main's joins overlapped: " + ms(joins[k].start));
            to = joins[k].end;
        }
        for (const Interval& iv : t.lanes[0].intervals)
            if (iv.start >= from && iv.end <= to)
                expect(out, iv.state == State::WaitJoin || iv.state == State::Run || iv.state == State::WaitGil,
                       "main did something else than joining between its joins, at " + ms(iv.start));
    }
    for (LaneId l : {*a, *b}) {
        const Instant* m = firstMark(t, t.lanes[l].info.name + " alive after join: ", 0);
        if (!expect(out, m != nullptr, "no is_alive() report for " + t.lanes[l].info.name))
            continue;
        const bool said = m->text.find("True") != std::string::npos;
        // Python: after join() without a timeout the thread is never alive.
        expect(out, aliveAnswerFits(t, l, m->t, said) && !(said && !timed),
               t.lanes[l].info.name + ": is_alive() reported " + pyBool(said) + " but the trace says otherwise");
    }
    expect(out, !exceptions(t, "cannot join current thread", 0).empty(), "joining the current thread did not raise");
    return out;
}

}  // namespace

void registerModule1(Registry& r)
{
    r.add({.id = "m1.l1",
           .title = "Introduction: waiting tasks, one after another or in threads",
           .titleRu = "Введение",
           .summary = "The same I/O waits run sequentially on MainThread, then one thread each: the waits overlap.",
           .params = {Param::integer("tasks", "Tasks", 4, 1, 16, "tasks"),
                      Param::integer("task_ms", "Wait per task", 1000, 100, 5000, "ms"),
                      Param::choice("mode", "Mode", {"sequential", "threaded"}, 1)},
           .run = runIntro,
           .check = checkIntro});
    r.add({.id = "m1.l2",
           .title = "Basic concepts: concurrency, parallelism and the GIL",
           .titleRu = "Основные понятия",
           .summary = "Threads overlap their waits, but under the GIL their computation takes turns.",
           .params = {Param::integer("threads", "Threads", 4, 1, 16),
                      Param::choice("workload", "Workload", {"io", "cpu"}, 1),
                      Param::integer("cpu_work_ms", "Work per thread", 500, 20, 2000, "ms")},
           .run = runConcepts,
           .check = checkConcepts,
           .defaultGil = true});
    r.add({.id = "m1.l3",
           .title = "What threads are: background work, results in shared variables",
           .titleRu = "Что такое потоки",
           .summary = "Workers write their sums into shared slots; main reads them only after join().",
           .params = {Param::integer("workers", "Workers", 3, 1, 8),
                      Param::integer("work_ms", "Work per worker", 500, 10, 3000, "ms"),
                      Param::integer("start_stagger_ms", "Pause between starts", 0, 0, 1000, "ms")},
           .run = runThreads,
           .check = checkThreads});
    r.add({.id = "m1.l4",
           .title = "The main thread",
           .titleRu = "Что такое главный поток",
           .summary = "MainThread renames itself, ends its script, and waits at shutdown for a non-daemon worker.",
           .params = {Param::integer("worker_ms", "Worker runs for", 2000, 100, 5000, "ms"),
                      Param::boolean("worker_daemon", "Worker is a daemon", false),
                      Param::choice("rename_to", "Rename MainThread to",
                                    {"My_main_thread", "Coordinator", "MainThread"}, 0)},
           .run = runMainThread,
           .check = checkMainThread});
    r.add({.id = "m1.l5",
           .title = "Waiting for a result from a thread",
           .titleRu = "Ожидание результата от потока",
           .summary = "Main learns that two printers are done through join, an Event, a Queue, or busy polling.",
           .params = {Param::integer("a_count", "A: prints", 5, 1, 20),
                      Param::integer("a_period_ms", "A: period", 500, 50, 2000, "ms"),
                      Param::integer("b_count", "B: prints", 4, 1, 20),
                      Param::integer("b_period_ms", "B: period", 1000, 50, 2000, "ms"),
                      Param::choice("method", "How main waits", {"join", "event", "queue", "poll"}, 0),
                      Param::integer("poll_ms", "Poll: work between checks", 100, 1, 1000, "ms")},
           .run = runWaitResult,
           .check = checkWaitResult});
    r.add({.id = "m1.l6",
           .title = "join(): waiting for a thread to finish",
           .titleRu = "Ожидание выполнения потока",
           .summary =
               "Main joins two printers in either order; the total wait is the same. join(timeout) may return early.",
           .params = {Param::choice("join_order", "Join order", {"AB", "BA"}, 0),
                      Param::integer("join_timeout_ms", "join() timeout (-1 = None)", -1, -1, 10000, "ms"),
                      Param::integer("a_count", "A: prints", 5, 1, 20),
                      Param::integer("a_period_ms", "A: period", 500, 50, 2000, "ms"),
                      Param::integer("b_count", "B: prints", 4, 1, 20),
                      Param::integer("b_period_ms", "B: period", 1000, 50, 2000, "ms")},
           .run = runJoin,
           .check = checkJoin});
    m1::registerThreadDetails(r);
}

}  // namespace tl
