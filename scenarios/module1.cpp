// SPDX-License-Identifier: MIT
// Module 1 of the course: threads basics (see docs/lessons.md, m1.l1–m1.l12).
//
// Every scenario runs on lane 0 with real tl::Thread / tl::Timer threads and traced primitives;
// every check() reads the recorded trace through scenarios/checks.h.
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

// ---- helpers shared by the module's scenarios ----

// A list of threads that outlives a main unwinding by an abort: its destructor waits (untraced,
// the run is stopping them) for every started thread to end, so the objects they use, declared
// before the group, are still alive while they finish.
class ThreadGroup {
public:
    ThreadGroup() = default;
    ThreadGroup(const ThreadGroup&) = delete;
    ThreadGroup& operator=(const ThreadGroup&) = delete;
    ~ThreadGroup()
    {
        for (const Thread& t : threads_)
            if (auto s = t.state()) {
                std::unique_lock lk(s->endMutex);
                s->endCv.wait(lk, [&] { return s->ended; });
            }
    }
    Thread& add(Thread t)
    {
        threads_.push_back(std::move(t));
        return threads_.back();
    }
    void startAll()
    {
        for (Thread& t : threads_)
            t.start();
    }
    void joinAll()
    {
        for (Thread& t : threads_)
            t.join();
    }
    std::deque<Thread>& all() { return threads_; }

private:
    std::deque<Thread> threads_;  // deque: references stay valid as threads are added
};

// Whether an is_alive() answer fits the trace. The reader stamps its mark after the read, and
// the engine records a lane's end before it clears the thread's alive flag: a False answer means
// the end was recorded before the mark. A True answer only says the flag was not cleared yet,
// which on a loaded machine may come any time after the end record, so it never contradicts the
// trace by itself (what a join returning implies is checked by the lessons on their own terms).
bool aliveAnswerFits(const Trace& t, LaneId l, int64_t markT, bool saidAlive)
{
    return saidAlive || (t.lanes[l].end >= 0 && t.lanes[l].end <= markT);
}

// The time a lane spends doing work (run or io or sleep) after `from`.
int64_t workAfter(const Trace& t, LaneId l, int64_t from, std::initializer_list<State> states)
{
    int64_t total = 0;
    for (const Interval& iv : t.lanes[l].intervals)
        if (std::find(states.begin(), states.end(), iv.state) != states.end())
            total += std::max<int64_t>(0, iv.end - std::max(iv.start, from));
    return total;
}

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

// ================================================================ m1.l7 Thread names

void runNames(Context& ctx)
{
    const auto& p = ctx.params;
    const double stage = p.d("stage_ms");
    const std::string demo = p.choice("demo");
    if (demo == "probe") {
        Thread a(
            ctx.run, [stage] { sleepMs(2 * stage); }, "A");
        Thread b(
            ctx.run, [stage] { sleepMs(3 * stage); }, "B");
        a.start();
        b.start();
        a.join(p.d("join_timeout_ms"));
        mark(std::string("probe: A alive=") + pyBool(a.isAlive()) + " B alive=" + pyBool(b.isAlive()));
        b.join();
    } else if (demo == "workers") {
        std::mt19937_64 rng(ctx.seed);
        std::uniform_real_distribution<double> frac(0.1, 0.5);
        std::string prefix = p.choice("name_prefix");
        if (prefix == "(default)")
            prefix.clear();
        std::mutex logMutex;  // list.append is atomic under the GIL
        std::vector<std::string> log;
        ThreadGroup group;
        for (int i = 1; i <= p.i("workers"); ++i) {
            const double ms = frac(rng) * stage;
            group.add(Thread(
                ctx.run,
                [&logMutex, &log, ms] {
                    sleepMs(ms);
                    std::lock_guard lk(logMutex);
                    log.push_back(currentThreadName());
                },
                prefix.empty() ? std::string() : prefix + std::to_string(i), std::nullopt, "worker"));
        }
        group.startAll();
        group.joinAll();
        std::set<std::string> distinct(log.begin(), log.end());
        mark("log: " + std::to_string(log.size()) + " names, " + std::to_string(distinct.size()) + " distinct");
    } else {
        const bool chained = p.is("stages_mode", "chained");
        for (int f = 1; f <= p.i("files"); ++f) {
            const std::string file = "file" + std::to_string(f);
            auto stageBody = [stage, file](const char* what, Thread* previous) {
                return [=] {
                    if (previous)
                        previous->join();  // chained: wait for the stage before
                    if (std::string(what) == "load")
                        ioWait(1.5 * stage);
                    else if (std::string(what) == "process")
                        cpuWork(stage);
                    else
                        ioWait(0.5 * stage);
                    mark(std::string(what) + " " + file + " done");
                };
            };
            ThreadGroup group;  // the stages join each other through these handles
            Thread& load = group.add(Thread(ctx.run, stageBody("load", nullptr), "load-" + file));
            Thread& process =
                group.add(Thread(ctx.run, stageBody("process", chained ? &load : nullptr), "process-" + file));
            group.add(Thread(ctx.run, stageBody("save", chained ? &process : nullptr), "save-" + file));
            group.startAll();
            group.joinAll();
        }
    }
}

std::vector<std::string> checkNames(const Trace& t, const ParamValues& p)
{
    std::vector<std::string> out;
    const std::string demo = p.choice("demo");
    if (demo == "probe") {
        const Instant* m = firstMark(t, "probe: ", 0);
        if (!expect(out, m != nullptr, "no probe mark"))
            return out;
        for (const char* name : {"A", "B"}) {
            auto l = laneNamed(t, name);
            if (!expect(out, l.has_value(), std::string("no lane ") + name))
                continue;
            const bool said = m->text.find(std::string(name) + " alive=True") != std::string::npos;
            expect(out, aliveAnswerFits(t, *l, m->t, said),
                   std::string(name) + " reported alive=" + pyBool(said) + " but the trace disagrees at the probe");
        }
    } else if (demo == "workers") {
        const int n = p.i("workers");
        const std::string prefix = p.choice("name_prefix");
        auto lanes = otherLanes(t);
        expect(out, int(lanes.size()) == n, "expected " + std::to_string(n) + " worker lanes");
        for (LaneId l : lanes) {
            const std::string& name = t.lanes[l].info.name;
            if (prefix == "(default)")
                expect(out, name.rfind("Thread-", 0) == 0 && name.find(" (worker)") != std::string::npos,
                       "default name expected, got " + name);
            else
                expect(out, name.rfind(prefix, 0) == 0, "name without the prefix: " + name);
        }
        const Instant* m = firstMark(t, "log: ", 0);
        expect(out, m && numberAfter(*m, "log: ") == n && numberAfter(*m, "names, ") == n,
               "the shared log should hold every name exactly once");
    } else {
        const bool chained = p.is("stages_mode", "chained");
        Span previousFile{INT64_MIN, INT64_MIN};
        for (int f = 1; f <= p.i("files"); ++f) {
            const std::string file = "file" + std::to_string(f);
            std::vector<LaneId> stages;
            for (const char* s : {"load-", "process-", "save-"}) {
                auto l = laneNamed(t, s + file);
                if (expect(out, l.has_value(), std::string("no lane ") + s + file))
                    stages.push_back(*l);
            }
            if (stages.size() != 3)
                continue;
            const Span h = hull(lifetimes(t, stages));
            expect(out, h.start >= previousFile.end, file + " started before the previous file's stages all ended");
            previousFile = h;
            if (chained) {
                for (size_t k = 1; k < 3; ++k) {
                    const int64_t prevEnd = lifetime(t, stages[k - 1]).end;
                    const int64_t before = workAfter(t, stages[k], 0, {State::Io, State::Run}) -
                                           workAfter(t, stages[k], prevEnd, {State::Io, State::Run});
                    // Only the few microseconds before its join may run; the stage's work comes after.
                    expect(out, before <= 1'000'000,
                           t.lanes[stages[k]].info.name + " worked " + ms(before) + " before the previous stage ended");
                }
            }
        }
    }
    return out;
}

// ================================================================ m1.l8 Thread attributes

const char* const kCodeNames[] = {"Falcon", "Otter", "Heron", "Lynx",   "Raven", "Badger", "Puma",   "Crane",
                                  "Marten", "Ibis",  "Viper", "Condor", "Stoat", "Jackal", "Osprey", "Wren"};

void runAttributes(Context& ctx)
{
    const auto& p = ctx.params;
    const int n = p.i("threads");
    const bool daemon = p.b("daemon");
    std::mt19937_64 rng(ctx.seed);
    std::uniform_real_distribution<double> jitter(0.5, 1.5);
    auto describe = [](const Thread& t) {
        auto id = t.ident();
        auto nid = t.nativeId();
        return t.name() + " ident=" + (id ? std::to_string(*id) : "None") +
               " native_id=" + (nid ? std::to_string(*nid) : "None") + " alive=" + pyBool(t.isAlive()) +
               " daemon=" + pyBool(t.daemon());
    };
    std::vector<Thread> missions;
    for (int i = 0; i < n; ++i) {
        const std::string code = kCodeNames[i % 16];
        const double ms = p.d("duration_ms") * jitter(rng);
        Thread t(
            ctx.run,
            [code, ms] {
                currentThread().setName(code);  // renamed from inside
                sleepMs(ms);
            },
            "", daemon, "mission");
        mark("before start: " + describe(t));
        t.start();
        mark("after start: " + describe(t));
        try {
            t.setDaemon(!daemon);
        } catch (const RuntimeError& e) {
            recordException(e.describe());
        }
        if (p.b("join_inside_loop"))
            t.join();  // AP3: the next mission starts only after this one ended
        missions.push_back(t);
    }
    for (auto& t : missions) {
        t.join();
        mark("after join: " + describe(t));
    }
}

std::vector<std::string> checkAttributes(const Trace& t, const ParamValues& p)
{
    std::vector<std::string> out;
    const int n = p.i("threads");
    auto lanes = otherLanes(t);
    if (!expect(out, int(lanes.size()) == n, "expected " + std::to_string(n) + " mission lanes"))
        return out;
    for (int i = 0; i < n; ++i) {
        const LaneId l = lanes[size_t(i)];
        expect(out, t.lanes[l].info.name == kCodeNames[i % 16],
               "mission " + std::to_string(i) + " was not renamed to " + kCodeNames[i % 16]);
        expect(out, t.lanes[l].info.daemon == p.b("daemon"), t.lanes[l].info.name + ": daemon flag changed");
    }
    auto before = marksStarting(t, "before start: ", 0);
    auto after = marksStarting(t, "after start: ", 0);
    auto joined = marksStarting(t, "after join: ", 0);
    if (!expect(out, int(before.size()) == n && int(after.size()) == n && int(joined.size()) == n,
                "expected before/after start and after join reports for every mission"))
        return out;
    for (int i = 0; i < n; ++i) {
        const LaneId l = lanes[size_t(i)];
        expect(out, before[size_t(i)]->text.find("ident=None native_id=None alive=False") != std::string::npos,
               "before start: ident/alive should be None/False: " + before[size_t(i)]->text);
        expect(out, before[size_t(i)]->t <= t.lanes[l].start, "a \"before start\" report came after the lane started");
        expect(out, after[size_t(i)]->text.find("alive=True") != std::string::npos,
               "after start: alive should be True");
        expect(out, t.lanes[l].end < 0 || t.lanes[l].end > after[size_t(i)]->t,
               "alive=True reported after the lane ended");
        expect(out, joined[size_t(i)]->text.find("alive=False") != std::string::npos,
               "after join: alive should be False");
        expect(out, t.lanes[l].end >= 0 && t.lanes[l].end <= joined[size_t(i)]->t,
               "\"after join\" before the lane ended");
    }
    expect(out, int(exceptions(t, "cannot set daemon status of active thread", 0).size()) == n,
           "setting daemon after start should raise RuntimeError once per mission");
    if (p.b("join_inside_loop"))
        expect(out, pairwiseDisjoint(lifetimes(t, lanes)), "join inside the loop: mission lifetimes overlap");
    return out;
}

// ================================================================ m1.l9 Thread-local data

void runLocal(Context& ctx)
{
    const auto& p = ctx.params;
    const int n = p.i("threads");
    const bool local = p.is("mode", "local");
    ThreadLocal<std::shared_ptr<SharedVar>> x("x");
    SharedVar globalX(ctx.run, "global x");
    Run& run = ctx.run;
    const double writeDelay = p.d("write_delay_ms"), readDelay = p.d("read_delay_ms");
    ThreadGroup group;
    for (int i = 0; i < n; ++i) {
        group.add(Thread(
            run,
            [&x, &globalX, &run, local, writeDelay, readDelay, n, i] {
                const int64_t me = ThreadState::current().lane();  // the value identifies the writer
                if (local) {
                    // The thread's own compartment of local.x, made visible as a variable.
                    x.set(std::make_shared<SharedVar>(run, "local.x [" + currentThreadName() + "]"));
                    x.get()->store(me);
                } else {
                    globalX.store(me);
                }
                sleepMs(writeDelay * (n - i));
                sleepMs(readDelay);
                const int64_t v = local ? x.get()->load() : globalX.load();
                if (v != me)
                    mark("foreign read: " + currentThreadName() + " read x written by lane " + std::to_string(v));
                else
                    mark("own read: " + currentThreadName());
            },
            "", std::nullopt, "worker"));
    }
    group.startAll();
    group.joinAll();
    try {
        x.get();  // MainThread never set local.x
    } catch (const AttributeError& e) {
        recordException(e.describe());
    }
}

std::vector<std::string> checkLocal(const Trace& t, const ParamValues& p)
{
    std::vector<std::string> out;
    const bool local = p.is("mode", "local");
    const int n = p.i("threads");
    int reads = 0, foreign = 0;
    for (const Instant& in : t.instants) {
        if (in.type != Ev::VarRead && in.type != Ev::VarWrite)
            continue;
        const std::string name = t.objectName(in.object);
        const bool isLocal = name.rfind("local.x", 0) == 0;
        expect(out, isLocal == local || (!isLocal && name != "global x"), "mode " + p.choice("mode") + " used " + name);
        if (in.type == Ev::VarWrite)
            expect(out, in.a == in.lane, "a thread wrote another thread's id");
        if (in.type != Ev::VarRead)
            continue;
        ++reads;
        if (in.a != in.lane)
            ++foreign;
        if (isLocal) {
            // A local read by T returns T's last local write (the compartment is only T's).
            expect(out, in.a == in.lane, t.lanes[in.lane].info.name + " read another thread's local value");
            for (const Instant* w : varWrites(t, in.object))
                expect(out, w->lane == in.lane, name + " was written by another thread");
        }
    }
    expect(out, reads == n, "expected one read per thread, got " + std::to_string(reads));
    expect(out, int(marksStarting(t, "foreign read").size()) == foreign,
           "foreign-read marks do not match the reads that returned another thread's value");
    expect(out, !exceptions(t, "'_thread._local' object has no attribute 'x'", 0).empty(),
           "MainThread's read of an unset local should raise AttributeError");
    return out;
}

// ================================================================ m1.l10 Atomic operations

void runAtomic(Context& ctx)
{
    const auto& p = ctx.params;
    const int n = p.i("threads");
    const int ops = p.i("ops_per_thread");
    const bool sleep0 = p.is("race_window", "sleep0");
    const bool useLock = p.b("lock");

    // Phase A: list.append is one atomic operation under the GIL.
    std::mutex listMutex;
    std::vector<int> items;
    {
        ThreadGroup group;
        for (int i = 0; i < n; ++i)
            group.add(Thread(
                ctx.run,
                [&listMutex, &items, ops] {
                    for (int k = 0; k < ops; ++k) {
                        std::lock_guard lk(listMutex);
                        items.push_back(k);
                    }
                    cpuWork(0.2);  // the appends themselves are too short to see
                },
                "appender-" + std::to_string(i)));
        group.startAll();
        group.joinAll();
    }
    mark("len(items) = " + std::to_string(items.size()) + " (expected " + std::to_string(n * ops) + ")");

    // Phase B: counter += 1 as LOAD, (window), ADD + STORE.
    SharedVar counter(ctx.run, "counter");
    Lock counterLock(ctx.run, "counter_lock");
    {
        ThreadGroup group;
        for (int i = 0; i < n; ++i)
            group.add(Thread(
                ctx.run,
                [&counter, &counterLock, ops, useLock, sleep0] {
                    for (int k = 0; k < ops; ++k) {
                        if (useLock)
                            counterLock.acquire();
                        const int64_t v = counter.load();
                        if (sleep0)
                            sleepMs(0);  // time.sleep(0): lets another thread run between LOAD and STORE
                        counter.store(v + 1);
                        if (useLock)
                            counterLock.release();
                    }
                },
                "incrementer-" + std::to_string(i)));
        group.startAll();
        group.joinAll();
    }
    const int64_t final = counter.load();
    mark("counter = " + std::to_string(final) + " of " + std::to_string(int64_t(n) * ops) + ", lost " +
         std::to_string(int64_t(n) * ops - final));
}

std::vector<std::string> checkAtomic(const Trace& t, const ParamValues& p)
{
    std::vector<std::string> out;
    const int64_t expected = int64_t(p.i("threads")) * p.i("ops_per_thread");
    const Instant* len = firstMark(t, "len(items) = ", 0);
    expect(out, len && numberAfter(*len, "len(items) = ") == expected, "(A) len(items) != threads * ops");
    auto id = objectNamed(t, "counter");
    if (!expect(out, id.has_value(), "no counter variable"))
        return out;
    // Program order on each lane: every STORE writes its own LOAD + 1.
    std::map<LaneId, int64_t> lastLoad;
    int64_t stores = 0, stale = 0, lastWrite = 0;
    std::map<LaneId, int64_t> loadT;
    int64_t lastWriteT = -1;
    LaneId lastWriter = 0;
    for (const Instant& in : t.instants) {
        if (in.object != *id || in.lane == 0)
            continue;
        if (in.type == Ev::VarRead) {
            lastLoad[in.lane] = in.a;
            loadT[in.lane] = in.t;
        } else if (in.type == Ev::VarWrite) {
            ++stores;
            auto it = lastLoad.find(in.lane);
            expect(out, it != lastLoad.end() && in.a == it->second + 1, "a STORE did not write its own LOAD + 1");
            // Stale: another lane stored after this lane's LOAD (the update it overwrites is lost).
            if (lastWriteT >= 0 && lastWriter != in.lane && lastWriteT > loadT[in.lane])
                ++stale;
            lastWrite = in.a;
            lastWriteT = in.t;
            lastWriter = in.lane;
        }
    }
    expect(out, stores == expected, "expected " + std::to_string(expected) + " STOREs, got " + std::to_string(stores));
    auto finalReads = varReads(t, *id, 0);
    if (!expect(out, finalReads.size() == 1, "main should read the counter once, after the joins"))
        return out;
    const int64_t final = finalReads[0]->a;
    expect(out, final == lastWrite, "main's final read differs from the last STORE");
    expect(out, final <= expected, "counter exceeds threads * ops");
    const Instant* m = firstMark(t, "counter = ", 0);
    expect(out, m && numberAfter(*m, "counter = ") == final && numberAfter(*m, "lost ") == expected - final,
           "the final mark does not match the trace");
    if (p.b("lock")) {
        expect(out, final == expected, "(B) with the lock the counter must be exact, got " + std::to_string(final));
        expect(out, stale == 0, "(B) with the lock no STORE may follow a stale LOAD");
        if (auto lk = objectNamed(t, "counter_lock"))
            expect(out, int64_t(holdsOf(t, *lk).size()) == expected, "one hold of counter_lock per increment expected");
    }
    return out;
}

// ================================================================ m1.l11 Timer thread

void runTimer(Context& ctx)
{
    const auto& p = ctx.params;
    struct Auction {
        Run* run;
        double interval;
        int increments;
        int maxBid;
        std::unique_ptr<SharedVar> bid;
        std::mutex mutex;  // guards `current` (main cancels the current timer)
        Timer current;
        std::weak_ptr<Auction> self;  // timers hold it weakly: no cycle through `current`
        void arm(int step)
        {
            Timer t(*run, interval, [weak = self, step] {
                if (auto a = weak.lock())
                    a->fire(step);
            });
            {
                std::lock_guard lk(mutex);
                current = t;
            }
            t.start();
        }
        void fire(int step)
        {
            const int64_t value = std::llround(double(maxBid) * step / increments);
            bid->store(value);
            mark("bid " + std::to_string(value));
            if (step < increments)
                arm(step + 1);  // the next timer is created inside this one's callback
            else
                mark("closed");
        }
    };
    auto auction = std::make_shared<Auction>();
    auction->self = auction;
    auction->run = &ctx.run;
    auction->interval = p.d("interval_ms");
    auction->increments = p.i("increments");
    auction->maxBid = p.i("max_bid");
    auction->bid = std::make_unique<SharedVar>(ctx.run, "bid");
    auction->arm(1);
    if (p.d("cancel_at_ms") >= 0) {
        sleepMs(p.d("cancel_at_ms"));
        Timer victim;
        {
            std::lock_guard lk(auction->mutex);
            victim = auction->current;
        }
        victim.cancel();
        mark("cancel() " + victim.name() +
             (victim.cancelled() ? ": cancelled during its wait" : ": already fired, no effect"));
    }
    // Python's interpreter shutdown waits for the rest of the chain (Timers are non-daemon);
    // the auction object must outlive it, so wait for the last timer here.
    for (;;) {
        Timer last;
        {
            std::lock_guard lk(auction->mutex);
            last = auction->current;
        }
        last.join();
        std::lock_guard lk(auction->mutex);
        if (auction->current.id() == last.id())
            break;
    }
}

std::vector<std::string> checkTimer(const Trace& t, const ParamValues& p)
{
    std::vector<std::string> out;
    auto timers = objectsOfKind(t, ObjectKind::Timer);
    if (!expect(out, !timers.empty(), "no timer"))
        return out;
    const int increments = p.i("increments");
    bool chainCut = false;
    int64_t prevLane = -1;
    for (ObjectId id : timers) {
        auto lane = laneNamed(t, t.objectName(id));
        if (!expect(out, lane.has_value(), "no lane for timer " + t.objectName(id)))
            continue;
        auto waits = intervalsIn(t, *lane, State::WaitEvent, id);
        auto bids = marksStarting(t, "bid ", *lane);
        auto cancels = instantsOf(t, Ev::Cancel, -1, id);
        const bool cancelledInWait = !cancels.empty() && cancels.front()->a == 1;
        expect(out, t.lanes[*lane].info.parent == (prevLane < 0 ? 0 : prevLane),
               t.objectName(id) + " was not created by the previous timer's callback");
        prevLane = *lane;
        if (cancelledInWait) {
            expect(out, bids.empty(), t.objectName(id) + " fired although it was cancelled during its wait");
            chainCut = true;
        } else {
            expect(out, bids.size() == 1, t.objectName(id) + " should fire exactly once");
            if (!waits.empty() && !bids.empty())
                expect(out, waits.back().outcome == Outcome::Timeout && bids.front()->t >= waits.back().end,
                       t.objectName(id) + " fired before its interval had elapsed");
        }
    }
    const Instant* closed = firstMark(t, "closed");
    if (chainCut) {
        expect(out, closed == nullptr, "the chain was cancelled but still closed");
    } else {
        expect(out, int(timers.size()) == increments,
               "expected " + std::to_string(increments) + " timers in the chain");
        expect(out, closed != nullptr, "the last callback did not print \"closed\"");
        const Instant* last = lastMark(t, "bid ");
        expect(out, last && numberAfter(*last, "bid ") == p.i("max_bid"), "the final bid is not max_bid");
    }
    return out;
}

// ================================================================ m1.l12 Helper functions

void runHelpers(Context& ctx)
{
    const auto& p = ctx.params;
    const int n = p.i("threads");
    double lo = p.d("min_ms"), hi = p.d("max_ms");
    if (lo > hi)
        std::swap(lo, hi);
    const bool minusTwo = p.b("minus_two");
    std::mt19937_64 rng(ctx.seed);
    std::uniform_real_distribution<double> dur(lo, hi);

    mark("main_thread() is current_thread(): " + std::string(pyBool(mainThread().lane() == currentThread().lane())) +
         ", get_ident()=" + std::to_string(getIdent()) + ", get_native_id()=" + std::to_string(getNativeId()) +
         ", TIMEOUT_MAX=9223372036.0");
    const double lifeMs = std::max({hi, p.d("probe1_ms"), p.d("probe2_ms")}) + 100;
    Thread logger(
        ctx.run, [lifeMs] { sleepMs(lifeMs); }, "logger", true);
    logger.start();
    std::vector<Thread> flights;
    for (int i = 0; i < n; ++i) {
        const double ms = dur(rng);
        flights.emplace_back(
            ctx.run, [ms] { sleepMs(ms); }, "flight-" + std::to_string(i));
    }
    for (auto& f : flights)
        f.start();
    auto report = [minusTwo](std::string label) {
        return [label, minusTwo] {
            const int count = activeCount();
            std::string names;
            int flying = 0;
            for (const Thread& t : enumerate()) {
                const std::string name = t.name();
                names += (names.empty() ? "" : ", ") + name;
                flying += name.rfind("flight-", 0) == 0;
            }
            mark(label + ": active_count()=" + std::to_string(count) + " enumerate=[" + names + "]");
            mark(label + ": flights in the air = " + std::to_string(minusTwo ? count - 2 : flying) +
                 (minusTwo ? " (active_count() - 2)" : " (by name)") + ", by enumerate(): " + std::to_string(flying));
        };
    };
    Timer probe1(ctx.run, p.d("probe1_ms"), report("probe 1"));
    Timer probe2(ctx.run, p.d("probe2_ms"), report("probe 2"));
    probe1.start();
    probe2.start();
    mark("active_count() after starting everything: " + std::to_string(activeCount()));
}

std::vector<std::string> checkHelpers(const Trace& t, const ParamValues& p)
{
    std::vector<std::string> out;
    const int n = p.i("threads");
    expect(out, int(lanesNamedPrefix(t, "flight-").size()) == n, "expected " + std::to_string(n) + " flight lanes");
    int probes = 0;
    for (const Instant& in : t.instants) {
        if (in.type != Ev::Mark || in.text.find(": active_count()=") == std::string::npos)
            continue;
        ++probes;
        // The listed names versus the lanes alive at the probe on the timeline.
        const size_t open = in.text.find('['), close = in.text.rfind(']');
        std::set<std::string> listed;
        std::stringstream ss(in.text.substr(open + 1, close - open - 1));
        for (std::string item; std::getline(ss, item, ',');) {
            item.erase(0, item.find_first_not_of(' '));
            if (!item.empty())
                listed.insert(item);
        }
        expect(out, numberAfter(in, "active_count()=") == int64_t(listed.size()),
               "active_count() != len(enumerate()) in: " + in.text);
        for (size_t l = 0; l < t.lanes.size(); ++l) {
            // Lanes are numbered in start() order: those below the probing timer's were started
            // before it; a later one (the other timer) may or may not be started yet.
            if (l > in.lane)
                continue;
            const std::string& name = t.lanes[l].info.name;
            expect(out, aliveAnswerFits(t, LaneId(l), in.t, listed.count(name) == 1),
                   name + " is not listed although the trace shows it alive at the probe");
        }
        const std::string label = in.text.substr(0, in.text.find(':'));
        const Instant* flights = firstMark(t, label + ": flights in the air = ", in.lane);
        if (expect(out, flights != nullptr, "no flight count for " + label)) {
            const int64_t count = *numberAfter(in, "active_count()=");
            const auto reported = numberAfter(*flights, "in the air = ");
            const auto byName = numberAfter(*flights, "by enumerate(): ");
            expect(out, reported == (p.b("minus_two") ? count - 2 : byName.value_or(-1)),
                   "the flight count does not follow the chosen formula: " + flights->text);
        }
    }
    expect(out, probes == 2, "expected two probes, got " + std::to_string(probes));
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
    r.add({.id = "m1.l7",
           .title = "Thread names",
           .titleRu = "Имена потоков",
           .summary = "Named threads: an is-alive probe, ten named workers, and a load/process/save pipeline per file.",
           .params = {Param::choice("demo", "Program", {"probe", "workers", "pipeline"}, 2),
                      Param::integer("workers", "Workers (workers demo)", 10, 1, 32),
                      Param::choice("name_prefix", "Name prefix", {"Name_thread-", "worker-", "(default)"}, 0),
                      Param::integer("stage_ms", "Stage length", 800, 50, 2000, "ms"),
                      Param::integer("files", "Files (pipeline)", 3, 1, 10),
                      Param::integer("join_timeout_ms", "join(A) timeout (probe)", 2100, 0, 10000, "ms"),
                      Param::choice("stages_mode", "Stages", {"concurrent", "chained"}, 0)},
           .run = runNames,
           .check = checkNames});
    r.add(
        {.id = "m1.l8",
         .title = "Thread attributes: name, ident, native_id, is_alive(), daemon",
         .titleRu = "Атрибуты потока",
         .summary = "Missions report their attributes before start, after start and after join, and rename themselves.",
         .params = {Param::integer("threads", "Missions", 5, 1, 16),
                    Param::integer("duration_ms", "Mission length (±50%)", 500, 100, 3000, "ms"),
                    Param::boolean("join_inside_loop", "Bug: join() inside the start loop (AP3)", false),
                    Param::boolean("daemon", "Daemon threads", false)},
         .run = runAttributes,
         .check = checkAttributes});
    r.add({.id = "m1.l9",
           .title = "Thread-local data",
           .titleRu = "Хранение локальных данных потока",
           .summary = "threading.local() keeps one value per thread; a plain global is overwritten by the last writer.",
           .params = {Param::integer("threads", "Threads", 3, 2, 8),
                      Param::integer("write_delay_ms", "Wait after writing (× position)", 300, 0, 2000, "ms"),
                      Param::integer("read_delay_ms", "Extra wait before reading", 200, 0, 2000, "ms"),
                      Param::choice("mode", "Storage", {"local", "global"}, 0)},
           .run = runLocal,
           .check = checkLocal});
    r.add({.id = "m1.l10",
           .title = "Atomic operations: append is atomic, += is not",
           .titleRu = "Атомарные операции",
           .summary = "Appends never get lost; counter += 1 split into LOAD and STORE loses updates unless locked.",
           .params = {Param::integer("threads", "Threads", 4, 2, 16),
                      Param::integer("ops_per_thread", "Operations per thread", 1000, 1, 3000),
                      Param::choice("race_window", "Between LOAD and STORE", {"none", "sleep0"}, 1),
                      Param::boolean("lock", "Fix: guard += with a Lock", false)},
           .run = runAtomic,
           .check = checkAtomic,
           .defaultGil = true});
    r.add({.id = "m1.l11",
           .title = "Timer thread: an auction as a chain of timers",
           .titleRu = "Поток-таймер",
           .summary =
               "Each Timer raises the bid and arms the next one until the maximum; cancel() stops a waiting timer.",
           .params = {Param::integer("interval_ms", "Timer interval", 300, 50, 5000, "ms"),
                      Param::integer("increments", "Raises", 10, 1, 50),
                      Param::integer("max_bid", "Final bid", 10, 1, 1000),
                      Param::integer("cancel_at_ms", "Cancel the current timer at (-1 = never)", -1, -1, 10000, "ms")},
           .run = runTimer,
           .check = checkTimer});
    r.add({.id = "m1.l12",
           .title = "Helper functions: active_count(), enumerate() and friends",
           .titleRu = "Вспомогательные функции для работы с потоками",
           .summary = "Timers probe active_count() and enumerate() while flights of random length come and go.",
           .params = {Param::integer("threads", "Flights", 12, 1, 32),
                      Param::integer("min_ms", "Shortest flight", 300, 50, 3000, "ms"),
                      Param::integer("max_ms", "Longest flight", 3000, 100, 8000, "ms"),
                      Param::integer("probe1_ms", "First probe at", 1000, 0, 8000, "ms"),
                      Param::integer("probe2_ms", "Second probe at", 2500, 0, 8000, "ms"),
                      Param::boolean("minus_two", "Bug: count flights as active_count() - 2 (AP16)", false)},
           .run = runHelpers,
           .check = checkHelpers});
}

}  // namespace tl
