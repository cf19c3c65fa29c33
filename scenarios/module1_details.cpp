// SPDX-License-Identifier: MIT
// Module 1, a thread's details (see docs/lessons.md): names (l7), attributes (l8), thread-local
// data (l9), atomic operations (l10), the Timer (l11) and the helper functions (l12).
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

namespace tl::m1 {
namespace {

using namespace checks;

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

// The pipeline's stages in the order they finished (the names demo: main's own summary line).
// Sentences app/i18n/messages.cpp knows (the Result line is shown in the reader's language).
LessonResult resultNames(const Trace& t, const ParamValues& p)
{
    if (!p.is("demo", "pipeline")) {
        const Instant* last = lastMark(t, p.is("demo", "probe") ? "probe: " : "log: ");
        return last ? LessonResult{last->text, last->t} : LessonResult{};
    }
    std::string order;
    int64_t at = -1;
    for (const Instant& in : t.instants)
        if (in.type == Ev::Mark && in.text.size() > 5 && in.text.ends_with(" done")) {
            order += (order.empty() ? "" : ", ") + in.text.substr(0, in.text.size() - 5);
            at = in.t;
        }
    if (order.empty())
        return {};
    return {"Stages finished in this order: " + order, at};
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
        // is_alive() ran before the mark's stamp, and a short mission can end in between: it
        // ran somewhere in main's action window around the stamp, so the lane must have been
        // alive at some instant of that window (not necessarily at the stamp).
        const Span asked = actionWindow(t, after[size_t(i)]->lane, after[size_t(i)]->t);
        expect(out, t.lanes[l].end < 0 || t.lanes[l].end > asked.start, "alive=True reported after the lane ended");
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

// How many reads saw another thread's value: none with threading.local, some with a global.
LessonResult resultLocal(const Trace& t, const ParamValues&)
{
    const auto own = marksStarting(t, "own read: "), foreign = marksStarting(t, "foreign read: ");
    const size_t reads = own.size() + foreign.size();
    if (reads == 0)
        return {};
    const int64_t at = std::max(own.empty() ? -1 : own.back()->t, foreign.empty() ? -1 : foreign.back()->t);
    if (foreign.empty())
        return {"Every thread read back its own value (" + std::to_string(reads) + " reads)", at};
    return {std::to_string(foreign.size()) + " of " + std::to_string(reads) + " reads saw a value another thread wrote",
            at};
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

// The auction's last bid, and whether the chain of timers ran out or was cancelled.
LessonResult resultTimer(const Trace& t, const ParamValues&)
{
    const Instant* bid = lastMark(t, "bid ");
    const Instant* closed = lastMark(t, "closed");
    const Instant* cancel = lastMark(t, "cancel() ");
    const std::string last = bid ? bid->text.substr(4) : "none";
    if (closed)
        return {"Last bid: " + last + "; the auction closed", closed->t};
    if (cancel)
        return {"Last bid: " + last + "; the auction was cancelled", cancel->t};
    return bid ? LessonResult{"Last bid: " + last, bid->t} : LessonResult{};
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

void registerThreadDetails(Registry& r)
{
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
           .check = checkNames,
           .result = resultNames});
    r.add(
        {.id = "m1.l8",
         .title = "Thread attributes: name, ident, native_id, is_alive(), daemon",
         .titleRu = "Атрибуты потока",
         .summary = "Missions report their attributes before start, after start and after join, and rename themselves.",
         .params = {Param::integer("threads", "Missions", 5, 1, 16),
                    Param::integer("duration_ms", "Mission length (±50%)", 500, 100, 3000, "ms"),
                    Param::boolean("join_inside_loop", "Bug: join() inside the start loop", false),
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
           .check = checkLocal,
           .result = resultLocal});
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
           .check = checkTimer,
           .result = resultTimer});
    r.add({.id = "m1.l12",
           .title = "Helper functions: active_count(), enumerate() and friends",
           .titleRu = "Вспомогательные функции для работы с потоками",
           .summary = "Timers probe active_count() and enumerate() while flights of random length come and go.",
           .params = {Param::integer("threads", "Flights", 12, 1, 32),
                      Param::integer("min_ms", "Shortest flight", 300, 50, 3000, "ms"),
                      Param::integer("max_ms", "Longest flight", 3000, 100, 8000, "ms"),
                      Param::integer("probe1_ms", "First probe at", 1000, 0, 8000, "ms"),
                      Param::integer("probe2_ms", "Second probe at", 2500, 0, 8000, "ms"),
                      Param::boolean("minus_two", "Bug: count flights as active_count() - 2", false)},
           .run = runHelpers,
           .check = checkHelpers});
}

}  // namespace tl::m1
