// SPDX-License-Identifier: MIT
// Module 5, controlling threads (see docs/lessons.md): Semaphore (l5), stopping all tasks (l6),
// stopping them when one fails (l7) and Barrier (l8).
#include "module5_sync.h"

#include "engine/pool/thread_pool.h"
#include "engine/pool/wait.h"
#include "engine/sync/sync.h"
#include "engine/work.h"
#include "checks.h"
#include "recording.h"
#include "scenario.h"

#include <deque>
#include <memory>
#include <random>
#include <set>

namespace tl::m5 {
namespace {

using namespace checks;
using Issues = std::vector<std::string>;

// ---------------------------------------------------------------------------------------
// m5.l5 Semaphore: a parking lot with `permits` places.

void runSemaphore(Context& ctx)
{
    Run& run = ctx.run;
    const auto& p = ctx.params;
    const int cars = p.i("workers"), permits = p.i("permits");
    const bool bounded = p.b("bounded"), extra = p.b("extra_release");
    std::unique_ptr<Semaphore> parking = bounded ? std::make_unique<BoundedSemaphore>(run, "parking", permits)
                                                 : std::make_unique<Semaphore>(run, "parking", permits);
    std::mt19937_64 rng(ctx.seed);
    const double lo = std::min(p.d("hold_min_ms"), p.d("hold_max_ms")),
                 hi = std::max(p.d("hold_min_ms"), p.d("hold_max_ms"));
    std::uniform_real_distribution<double> stay(lo, hi);
    std::vector<double> stays;
    for (int i = 0; i < cars; ++i)
        stays.push_back(stay(rng));
    std::vector<Thread> threads;
    for (int i = 0; i < cars; ++i)
        threads.emplace_back(
            run,
            [&, i] {
                parking->acquire();
                sleepMs(stays[size_t(i)]);
                parking->release();
                if (extra && i == 0) {
                    try {
                        parking->release();  // the bug: one release too many
                    } catch (const ValueError& e) {
                        recordException(e.describe(), parking->id());
                    }
                }
            },
            "car-" + std::to_string(i));
    for (auto& t : threads)
        t.start();
    for (auto& t : threads)
        t.join();
    mark("value=" + std::to_string(parking->value()));
}

Issues checkSemaphore(const Trace& tr, const ParamValues& p)
{
    Issues out;
    const int permits = p.i("permits");
    const bool bounded = p.b("bounded"), extra = p.b("extra_release");
    const ObjectId sem = objectId(tr, "parking");
    const CounterSeries* avail = tr.counter(sem, CounterKind::Available);
    const bool correct = !extra || bounded;
    if (correct && maxConcurrentHolds(tr, {sem}) > permits)
        out.push_back("more than " + std::to_string(permits) + " cars were inside at once");
    if (avail) {
        for (auto& pt : avail->points) {
            if (pt.value < 0)
                out.push_back("the semaphore's value went negative");
            if (bounded && pt.value > permits)
                out.push_back("the BoundedSemaphore's value exceeded its initial value");
            if (correct) {
                // value = permits - inside, just after each change
                int inside = 0;
                for (const Hold* h : holdsOf(tr, sem))
                    inside += h->start <= pt.t && (h->end < 0 || h->end > pt.t);
                if (pt.value != permits - inside)
                    out.push_back("value " + std::to_string(pt.value) + " at " + ms(pt.t) + " but " +
                                  std::to_string(inside) + " cars inside");
            }
        }
        for (auto& li : laneIntervals(tr, State::WaitSemaphore, sem))
            if (avail->valueAt(li.iv->start) != 0 && avail->valueAt(li.iv->start - 1) != 0)
                out.push_back(laneName(tr, li.lane) + " waited although a permit was free");
    } else {
        out.push_back("no 'available' counter recorded for the semaphore");
    }
    const size_t errors = exceptions(tr, "Semaphore released too many times").size();
    if (errors != (extra && bounded ? 1u : 0u))
        out.push_back("expected " + std::to_string(extra && bounded ? 1 : 0) +
                      " 'released too many times' errors, saw " + std::to_string(errors));
    auto fin = marksStarting(tr, "value=");
    const int64_t expectEnd = permits + (extra && !bounded ? 1 : 0);
    if (fin.empty() || field(fin.back()->text, "value") != expectEnd)
        out.push_back("the final value should be " + std::to_string(expectEnd));
    return out;
}

// ---------------------------------------------------------------------------------------
// m5.l6 How to stop all tasks: a shared stop Event checked between chunks; pending futures
// are cancelled.

// Chunks (sleep intervals) a task's worker started inside [from, task end].
// When the task's future went RUNNING: the step a cancel() races with, stamped under the
// future's lock (the task's own start stamp comes later, after any preemption of its worker).
int64_t runningAt(const std::map<ObjectId, std::vector<const Instant*>>& states, const TaskSpan& t)
{
    if (auto it = states.find(t.future); it != states.end())
        for (const Instant* s : it->second)
            if (s->a == 1)
                return s->t;
    return t.start;
}

int chunksStartedAfter(const Trace& tr, const TaskSpan& t, int64_t from)
{
    int n = 0;
    for (auto& li : laneIntervals(tr, State::Sleep, 0, t.lane))
        n += li.iv->start > from && li.iv->start >= t.start && (t.end < 0 || li.iv->start < t.end);
    return n;
}

void runStopAll(Context& ctx)
{
    Run& run = ctx.run;
    const auto& p = ctx.params;
    const int tasks = p.i("tasks"), chunks = p.i("chunks_per_task"), every = p.i("check_every_chunks");
    const double chunkMs = p.d("chunk_ms");
    ThreadEvent stop(run, "stop");
    ThreadPoolExecutor pool(run, p.i("workers"));
    std::vector<Future<int64_t>> futures;
    for (int i = 0; i < tasks; ++i)
        futures.push_back(pool.submit([&stop, chunks, every, chunkMs, i]() -> int64_t {
            for (int c = 0; c < chunks; ++c) {
                if (c % every == 0 && stop.isSet()) {
                    mark("task " + std::to_string(i) + " stopped after " + std::to_string(c) + " chunks");
                    return c;
                }
                sleepMs(chunkMs);  // one chunk of work
            }
            return chunks;
        }));
    stop.wait(p.d("stop_at_ms"));  // an interruptible sleep
    // Cancel what has not started, then tell the running tasks to stop.
    int cancelled = 0;
    for (auto& f : futures)
        cancelled += f.cancel();
    stop.set();
    mark("cancelled=" + std::to_string(cancelled));
}

Issues checkStopAll(const Trace& tr, const ParamValues& p)
{
    Issues out;
    for (auto& line : futureTransitionsLegal(tr))
        out.push_back(line);
    const ObjectId stop = objectId(tr, "stop");
    auto sets = instantsOf(tr, Ev::Set, -1, stop);
    if (sets.size() != 1) {
        out.push_back("the stop event was not set once");
        return out;
    }
    const int64_t ts = sets[0]->t;
    const auto states = futureStateInstants(tr);
    for (const auto& t : tr.tasks) {
        if (runningAt(states, t) > ts)
            out.push_back("task " + std::to_string(t.task) + " started after the stop");
        if (t.end > ts && chunksStartedAfter(tr, t, ts + kSlackNs) > p.i("check_every_chunks"))
            out.push_back("task " + std::to_string(t.task) + " did more than check_every_chunks chunks after the stop");
    }
    int cancelled = 0;
    for (auto& [f, st] : states) {
        if (st.empty())
            continue;
        const bool ran = taskOf(tr, f) != nullptr;
        if (!ran && st.back()->a != 2)
            out.push_back(tr.objectName(f) + " never ran but was not cancelled");
        cancelled += st.back()->a == 2;
    }
    auto fin = marksStarting(tr, "cancelled=", 0);
    if (fin.empty() || field(fin[0]->text, "cancelled") != cancelled)
        out.push_back("main's cancelled count does not match the CANCELLED futures");
    return out;
}

// ---------------------------------------------------------------------------------------
// m5.l7 Stop all tasks if one fails: FIRST_EXCEPTION or a shared error Event.

void runFailFast(Context& ctx)
{
    Run& run = ctx.run;
    const auto& p = ctx.params;
    const int tasks = p.i("tasks"), chunks = p.i("chunks");
    const double chunkMs = p.d("chunk_ms"), failAtMs = p.d("fail_at_ms");
    const bool eventMode = p.is("mode", "event_flag");
    std::mt19937_64 rng(ctx.seed);
    const int failTask = p.i("fail_task") >= 0 ? p.i("fail_task") : int(rng() % uint64_t(tasks));
    ThreadEvent failed(run, "failed");
    ThreadPoolExecutor pool(run, p.i("workers"));
    std::vector<Future<int64_t>> futures;
    for (int i = 0; i < tasks; ++i)
        futures.push_back(pool.submit([&failed, chunks, chunkMs, failAtMs, eventMode, failTask, i]() -> int64_t {
            for (int c = 0; c < chunks; ++c) {
                if (failed.isSet()) {
                    mark("task " + std::to_string(i) + " stopped early");
                    return c;
                }
                sleepMs(chunkMs);
                if (i == failTask && (c + 1) * chunkMs >= failAtMs) {
                    if (eventMode)
                        failed.set();  // the task's own `except` block signals everyone
                    throw ValueError("task " + std::to_string(i) + " failed");
                }
            }
            return chunks;
        }));
    if (eventMode) {
        // while not failed.wait(0.05): if every future is done: break
        for (;;) {
            if (failed.wait(std::max(5.0, chunkMs)))
                break;
            bool all = true;
            for (auto& f : futures)
                all = all && f.done();
            if (all)
                break;
        }
        mark("noticed");
        int cancelled = 0;
        for (auto& f : futures)
            cancelled += f.cancel();
        mark("cancelled=" + std::to_string(cancelled));
    } else {
        auto r = wait(futures, kForever, ReturnWhen::FirstException);
        mark("wait returned: done=" + std::to_string(r.done.size()));
        int cancelled = 0;
        for (auto& f : r.notDone)
            cancelled += f.cancel();
        failed.set();
        mark("cancelled=" + std::to_string(cancelled));
    }
}

Issues checkFailFast(const Trace& tr, const ParamValues& p)
{
    Issues out;
    for (auto& line : futureTransitionsLegal(tr))
        out.push_back(line);
    const TaskSpan* failure = nullptr;
    for (const auto& t : tr.tasks)
        if (t.outcome == 1 && (!failure || t.end < failure->end))
            failure = &t;
    auto cancelMark = marksStarting(tr, "cancelled=", 0);
    if (cancelMark.empty()) {
        out.push_back("main never cancelled the rest");
        return out;
    }
    const int64_t tCancel = cancelMark[0]->t;
    if (!failure) {
        // Nothing failed: FIRST_EXCEPTION behaves like ALL_COMPLETED.
        if (int(tr.tasks.size()) != p.i("tasks"))
            out.push_back("without a failure every task must run");
        for (const auto& t : tr.tasks)
            if (t.end > tCancel)
                out.push_back("main stopped waiting before task " + std::to_string(t.task) + " completed");
        return out;
    }
    if (p.is("mode", "wait_first_exception")) {
        auto wr = marksStarting(tr, "wait returned", 0);
        if (wr.empty() || wr[0]->t < failure->end)
            out.push_back("wait(FIRST_EXCEPTION) returned before the first failure");
    }
    const auto sets = instantsOf(tr, Ev::Set, -1, objectId(tr, "failed"));
    const int64_t tSet = sets.empty() ? tCancel : sets.front()->t;
    const auto states = futureStateInstants(tr);
    for (const auto& t : tr.tasks) {
        if (&t == failure)
            continue;
        // No task starts after main cancelled the pending ones.
        if (runningAt(states, t) > tCancel)
            out.push_back("task " + std::to_string(t.task) + " started after the cancel");
        // A running task stops at its next check: at most the chunk in progress.
        if (t.end > tSet && chunksStartedAfter(tr, t, tSet + kSlackNs) > 1)
            out.push_back("task " + std::to_string(t.task) + " kept working after the failure was signalled");
    }
    for (auto& [f, st] : states)
        if (!st.empty() && !taskOf(tr, f) && st.back()->a != 2)
            out.push_back(tr.objectName(f) + " never ran but was not cancelled");
    return out;
}

// ---------------------------------------------------------------------------------------
// m5.l8 Barrier: runners meet after every lap.

void runBarrier(Context& ctx)
{
    Run& run = ctx.run;
    const auto& p = ctx.params;
    const int parties = p.i("parties"), phases = p.i("phases");
    const std::string action = p.choice("action");
    const double timeout = p.d("timeout_ms") > 0 ? p.d("timeout_ms") : kForever;
    std::function<void()> fn;
    if (action == "ok")
        fn = [] {
            mark("action");
            cpuWork(2);
        };
    else if (action == "raises")
        fn = [] {
            mark("action");
            throw RuntimeError("the barrier action failed");
        };
    Barrier barrier(run, "barrier", parties, fn, timeout);
    std::mt19937_64 rng(ctx.seed);
    std::uniform_real_distribution<double> lap(10, std::max(10.0, p.d("arrival_max_ms")));
    std::vector<std::vector<double>> laps(static_cast<size_t>(parties));
    for (auto& l : laps)
        for (int ph = 0; ph < phases; ++ph)
            l.push_back(lap(rng));
    std::vector<Thread> threads;
    for (int n = 0; n < parties; ++n)
        threads.emplace_back(
            run,
            [&, n] {
                for (int ph = 0; ph < phases; ++ph) {
                    sleepMs(laps[size_t(n)][size_t(ph)]);
                    try {
                        barrier.wait();
                    } catch (const BrokenBarrierError& e) {
                        recordException(e.describe() + " in phase " + std::to_string(ph), barrier.id());
                        return;
                    } catch (const RuntimeError& e) {
                        recordException(e.describe(), barrier.id());  // the action's own error
                        return;
                    }
                }
            },
            "runner-" + std::to_string(n));
    for (auto& t : threads)
        t.start();
    if (p.d("abort_at_ms") > 0) {
        sleepMs(p.d("abort_at_ms"));
        barrier.abort();
        mark("abort");
    }
    for (auto& t : threads)
        t.join();
}

// How many generations passed the barrier, and whether it broke.
LessonResult resultBarrier(const Trace& t, const ParamValues& p)
{
    const auto passes = instantsOf(t, Ev::BarrierPass);
    const auto broken = instantsOf(t, Ev::BarrierBroken);
    const int64_t parties = std::max(1, p.i("parties"));
    const std::string passed =
        std::to_string(int64_t(passes.size()) / parties) + " of " + std::to_string(p.i("phases"));
    // Sentences app/i18n/messages.cpp knows (the Result line is shown in the reader's language).
    if (!broken.empty())
        return {"Generations passed: " + passed + "; then the barrier broke", broken.back()->t};
    if (passes.empty())
        return {};
    return {"Generations passed: " + passed, passes.back()->t};
}

Issues checkBarrier(const Trace& tr, const ParamValues& p)
{
    Issues out;
    const int parties = p.i("parties"), phases = p.i("phases");
    const std::string action = p.choice("action");
    const ObjectId b = objectId(tr, "barrier");
    auto passes = instantsOf(tr, Ev::BarrierPass, -1, b);
    auto broken = instantsOf(tr, Ev::BarrierBroken, -1, b);
    auto actions = marksStarting(tr, "action");
    const bool canBreak = p.d("timeout_ms") > 0 || p.d("abort_at_ms") > 0 || action == "raises";
    if (!canBreak && (!broken.empty() || int(passes.size()) != parties * phases))
        out.push_back("without timeout, abort or a raising action all " + std::to_string(parties * phases) +
                      " passes must happen; saw " + std::to_string(passes.size()));
    const int64_t brokenAt = broken.empty() ? INT64_MAX / 2 : broken.front()->t;
    // Generations pass one after another, so they are runs of `parties` passes, but the last
    // may be partial: in CPython an abort() between the last arrival's release and its
    // waiters' wake-up lets the releaser (index parties - 1) pass while the waiters that had
    // not re-taken the condition's lock yet raise BrokenBarrierError. Only an abort can do that.
    if (const size_t rest = passes.size() % size_t(parties); rest != 0) {
        std::set<int64_t> idx;
        std::set<LaneId> lanes;
        bool beforeBreak = true;
        for (size_t k = passes.size() - rest; k < passes.size(); ++k) {
            idx.insert(passes[k]->a);
            lanes.insert(passes[k]->lane);
            beforeBreak = beforeBreak && passes[k]->t <= brokenAt;
        }
        if (p.d("abort_at_ms") <= 0 || broken.empty() || !idx.count(parties - 1) || idx.size() != rest ||
            lanes.size() != rest || !beforeBreak)
            out.push_back("a generation passed with fewer than " + std::to_string(parties) +
                          " threads, and not as an abort right after its release");
    }
    size_t actionIdx = 0;
    for (size_t g = 0; g + size_t(parties) <= passes.size(); g += size_t(parties)) {
        std::set<int64_t> idx;
        const Instant* last = nullptr;
        int64_t first = INT64_MAX;
        for (size_t k = g; k < g + size_t(parties); ++k) {
            idx.insert(passes[k]->a);
            first = std::min(first, passes[k]->t);
            if (passes[k]->a == parties - 1)
                last = passes[k];
        }
        if (int(idx.size()) != parties || *idx.begin() != 0 || *idx.rbegin() != parties - 1)
            out.push_back("generation " + std::to_string(g / size_t(parties)) + ": pass indices are not a permutation");
        if (!last)
            continue;
        // Nobody leaves before the last arrival of the generation.
        for (size_t k = g; k < g + size_t(parties); ++k)
            if (passes[k]->t + kSlackNs < last->t)
                out.push_back(laneName(tr, passes[k]->lane) + " passed generation " +
                              std::to_string(g / size_t(parties)) + " before the last runner arrived");
        if (action == "ok") {
            if (actionIdx >= actions.size()) {
                out.push_back("generation " + std::to_string(g / size_t(parties)) + " ran no action");
            } else {
                const Instant* a = actions[actionIdx++];
                if (a->lane != last->lane)
                    out.push_back("the action ran on " + laneName(tr, a->lane) + ", not on the last arrival " +
                                  laneName(tr, last->lane));
                if (a->t > first)
                    out.push_back("the action ran after a thread had already passed");
            }
        }
        if (first > brokenAt + kSlackNs)
            out.push_back("threads passed the barrier after it broke");
    }
    // A partial last generation was released too: its action ran.
    const size_t generations = (passes.size() + size_t(parties) - 1) / size_t(parties);
    if (action == "ok" && actions.size() != generations)
        out.push_back("the action ran " + std::to_string(actions.size()) + " times for " + std::to_string(generations) +
                      " generations");
    if (action == "raises" && (actions.size() != 1 || broken.empty()))
        out.push_back("a raising action runs once and breaks the barrier");
    // Once broken, every wait still open fails: its thread gets BrokenBarrierError (or, on the
    // action's own thread, the action's error). Judged by the errors the runners caught, not by
    // the wait's recorded outcome (which the GIL hand-off can hide).
    for (auto& li : laneIntervals(tr, State::WaitBarrier, b)) {
        if (!(li.iv->end > brokenAt + kSlackNs && li.iv->start < brokenAt))
            continue;
        bool errored = false;
        for (auto* e : exceptions(tr))
            errored = errored || (e->lane == li.lane && e->t >= brokenAt &&
                                  (e->text.find("BrokenBarrierError") != std::string::npos ||
                                   e->text.find("action failed") != std::string::npos));
        if (!errored)
            out.push_back(laneName(tr, li.lane) +
                          " was waiting when the barrier broke but did not get BrokenBarrierError");
    }
    if (!broken.empty()) {
        size_t errs = exceptions(tr, "BrokenBarrierError").size() + exceptions(tr, "action failed").size();
        // Every runner ends with an error, except those that had already finished all phases.
        size_t finishedAll = 0;
        std::map<int, int> perLane;
        for (auto* ps : passes)
            ++perLane[ps->lane];
        for (auto& [lane, n] : perLane)
            finishedAll += n == phases;
        if (errs + finishedAll != size_t(parties))
            out.push_back("after the break " + std::to_string(errs) + " runners got an error and " +
                          std::to_string(finishedAll) + " had finished, of " + std::to_string(parties));
    }
    return out;
}

}  // namespace

void registerThreadControl(Registry& r)
{
    r.add({.id = "m5.l5",
           .title = "Semaphore",
           .titleRu = "Семафор в потоках (Semaphore)",
           .summary = "Cars share a few parking places; an extra release grows a plain semaphore, a bounded one raises",
           .params = {Param::integer("workers", "Cars (threads)", 10, 1, 32),
                      Param::integer("permits", "Parking places (permits)", 3, 1, 10),
                      Param::integer("hold_min_ms", "Shortest stay", 200, 10, 2000, "ms"),
                      Param::integer("hold_max_ms", "Longest stay", 1000, 10, 2000, "ms"),
                      Param::boolean("bounded", "BoundedSemaphore", true),
                      Param::boolean("extra_release", "Bug: one car releases twice", false)},
           .run = runSemaphore,
           .check = checkSemaphore});
    r.add({.id = "m5.l6",
           .title = "How to stop all tasks",
           .titleRu = "Как остановить все задачи",
           .summary = "Tasks check a shared stop Event between chunks; pending futures are cancelled, running ones "
                      "finish a chunk",
           .params = {Param::integer("workers", "Workers", 4, 1, 8), Param::integer("tasks", "Tasks", 20, 1, 40),
                      Param::integer("chunk_ms", "Chunk duration", 100, 10, 500, "ms"),
                      Param::integer("chunks_per_task", "Chunks per task", 10, 1, 20),
                      Param::integer("stop_at_ms", "Stop at", 1500, 0, 10000, "ms"),
                      Param::integer("check_every_chunks", "Check the event every", 1, 1, 5, "chunks")},
           .run = runStopAll,
           .check = checkStopAll});
    r.add({.id = "m5.l7",
           .title = "Stop all tasks if one fails",
           .titleRu = "Остановить все задачи, если одна завершилась неудачей",
           .summary =
               "One task raises: FIRST_EXCEPTION or a shared error Event stops the rest; pending ones are cancelled",
           .params = {Param::integer("workers", "Workers", 4, 1, 8), Param::integer("tasks", "Tasks", 12, 1, 30),
                      Param::integer("chunk_ms", "Chunk duration", 50, 10, 500, "ms"),
                      Param::integer("chunks", "Chunks per task", 10, 1, 20),
                      Param::integer("fail_task", "Failing task (-1 = random)", -1, -1, 30),
                      Param::integer("fail_at_ms", "It fails after", 300, 0, 2000, "ms"),
                      Param::choice("mode", "Strategy", {"wait_first_exception", "event_flag"})},
           .run = runFailFast,
           .check = checkFailFast});
    r.add({.id = "m5.l8",
           .title = "Barrier",
           .titleRu = "Барьер в потоках (Barrier)",
           .summary =
               "Runners meet at a Barrier after every lap; a timeout, abort or failing action breaks it for everyone",
           .params = {Param::integer("parties", "Runners (parties)", 4, 2, 16),
                      Param::integer("phases", "Laps (phases)", 3, 1, 10),
                      Param::integer("arrival_max_ms", "Longest lap", 300, 10, 2000, "ms"),
                      Param::integer("timeout_ms", "wait() timeout (0 = None)", 0, 0, 5000, "ms"),
                      Param::choice("action", "Barrier action", {"none", "ok", "raises"}),
                      Param::integer("abort_at_ms", "abort() at (0 = never)", 0, 0, 5000, "ms")},
           .run = runBarrier,
           .check = checkBarrier,
           .result = resultBarrier});
}

}  // namespace tl::m5
