// SPDX-License-Identifier: MIT
// The trace model: ingest rules, lookups, statistics with known answers, invariants.
#include "engine/control/run.h"
#include "engine/model/trace.h"
#include "engine/sync/lock.h"
#include "engine/sync/thread.h"
#include "engine/work.h"

#include <QtTest>

using namespace tl;

namespace {

// Builds raw events by hand for a recorder's lanes and objects (t in ns).
struct Builder {
    Recorder rec;
    std::vector<Event> ev;
    void add(int64_t t, LaneId lane, Ev type, ObjectId obj = 0, int64_t a = 0, int64_t b = 0)
    {
        ev.push_back(Event{t, obj, type, lane, a, b});
    }
    void state(int64_t t, LaneId lane, State s, ObjectId obj = 0, Outcome ended = Outcome::None)
    {
        add(t, lane, Ev::StateChange, obj, int64_t(s), int64_t(ended));
    }
    Trace build(int64_t end)
    {
        Trace tr;
        tr.ingest(ev, rec);
        tr.finish(end, RunResult{});
        return tr;
    }
};

// Main (lane 0) starts two workers; worker 1 holds `oven` 10..100, worker 2 waits 20..100
// then holds 100..150. Durations are exact so the statistics have known answers.
Trace lockScenario(Builder& b, ObjectId* lockOut = nullptr)
{
    b.rec.addLane("MainThread", 1, 0);
    b.rec.addLane("Thread-1", 1, -1);
    b.rec.addLane("Thread-2", 1, -1);
    const ObjectId oven = b.rec.addObject(ObjectKind::Lock, "oven");
    if (lockOut)
        *lockOut = oven;
    b.add(0, 0, Ev::ThreadStart);
    b.state(0, 0, State::Run);
    b.state(5, 0, State::WaitJoin);
    b.add(5, 1, Ev::ThreadStart);
    b.state(5, 1, State::Run);
    b.add(10, 1, Ev::HoldBegin, oven, 1);
    b.add(10, 2, Ev::ThreadStart);
    b.state(10, 2, State::Run);
    b.state(20, 2, State::WaitLock, oven);
    b.add(100, 1, Ev::HoldEnd, oven, 1, 1);
    b.add(100, 1, Ev::FlowStart, oven, 77, int64_t(FlowKind::Handoff));
    b.add(100, 2, Ev::HoldBegin, oven, 2);
    b.add(100, 2, Ev::FlowEnd, oven, 77, int64_t(FlowKind::Handoff));
    b.state(100, 2, State::Run);
    b.state(110, 1, State::Sleep);
    b.state(130, 1, State::Run);
    b.add(140, 1, Ev::ThreadEnd);
    b.add(150, 2, Ev::HoldEnd, oven, 2, 2);
    b.add(160, 2, Ev::ThreadEnd);
    b.state(160, 0, State::Run, 0);
    b.add(200, 0, Ev::ThreadEnd);
    return b.build(200);
}

}  // namespace

class TestTrace : public QObject {
    Q_OBJECT
private slots:
    void ingestBuildsIntervals()
    {
        Builder b;
        ObjectId oven = 0;
        Trace tr = lockScenario(b, &oven);
        QCOMPARE(tr.lanes.size(), size_t(3));
        QCOMPARE(tr.eventCount(), b.ev.size());
        const Lane& w2 = tr.lanes[2];
        QCOMPARE(w2.start, int64_t(10));
        QCOMPARE(w2.end, int64_t(160));
        QCOMPARE(w2.intervals.size(), size_t(3));
        QCOMPARE(w2.intervals[1].state, State::WaitLock);
        QCOMPARE(w2.intervals[1].object, oven);
        QCOMPARE(w2.intervals[1].start, int64_t(20));
        QCOMPARE(w2.intervals[1].end, int64_t(100));
        QCOMPARE(tr.holds.size(), size_t(2));
        QCOMPARE(tr.holds[0].end, int64_t(100));
        QCOMPARE(tr.holds[1].releasedBy, LaneId(2));
        QCOMPARE(tr.flows.size(), size_t(1));
        QCOMPARE(tr.flows[0].fromLane, LaneId(1));
        QCOMPARE(tr.flows[0].toLane, LaneId(2));
        QCOMPARE(tr.flows[0].toT, int64_t(100));
        QCOMPARE(tr.duration(), int64_t(200));
        // Derived waiters: 1 at 20, 0 at 100.
        const CounterSeries* w = tr.counter(oven, CounterKind::Waiters);
        QVERIFY(w);
        QCOMPARE(w->points.size(), size_t(2));
        QCOMPARE(w->valueAt(19), int64_t(0));
        QCOMPARE(w->valueAt(50), int64_t(1));
        QCOMPARE(w->valueAt(100), int64_t(0));
        QCOMPARE(tr.objectName(oven), std::string("oven"));
        QVERIFY(tr.checkInvariants().empty());
    }

    void lookups()
    {
        Builder b;
        Trace tr = lockScenario(b);
        QCOMPARE(tr.firstIndex(2, 0), size_t(0));
        QCOMPARE(tr.firstIndex(2, 20), size_t(1));  // [10,20) ends at 20: not > 20
        QCOMPARE(tr.firstIndex(2, 1000), size_t(3));
        QCOMPARE(tr.lastIndex(2, 20), size_t(1));
        QCOMPARE(tr.lastIndex(2, 21), size_t(2));
        QCOMPARE(tr.lastIndex(2, 1000), size_t(3));
        QVERIFY(tr.intervalAt(2, 5) == nullptr);
        QCOMPARE(tr.intervalAt(2, 50)->state, State::WaitLock);
        QCOMPARE(tr.intervalAt(2, 100)->state, State::Run);
        QVERIFY(tr.intervalAt(2, 160) == nullptr);
        QVERIFY(tr.intervalAt(99, 5) == nullptr);
        QVERIFY(tr.object(0) == nullptr);
        QVERIFY(tr.object(1000) == nullptr);
        QVERIFY(tr.counter(1000, CounterKind::Depth) == nullptr);
    }

    void lateOlderEventIsSortedIn()
    {
        Builder b;
        b.rec.addLane("MainThread", 1, 0);
        b.rec.addLane("T1", 1, -1);
        const ObjectId l = b.rec.addObject(ObjectKind::Lock, "l");
        Trace tr;
        std::vector<Event> first{{0, 0, Ev::ThreadStart, 0, 0, 0},
                                 {0, 0, Ev::StateChange, 0, 0, 0},
                                 {50, l, Ev::HoldBegin, 0, 5, 0},
                                 {60, l, Ev::StateChange, 0, int64_t(State::WaitLock), 0}};
        std::vector<Event> second{{10, 0, Ev::ThreadStart, 1, 0, 0},
                                  {10, 0, Ev::StateChange, 1, 0, 0},
                                  {20, l, Ev::HoldBegin, 1, 3, 0},
                                  {30, l, Ev::HoldEnd, 1, 3, 1},
                                  {40, l, Ev::StateChange, 1, int64_t(State::WaitLock), 0},
                                  {45, l, Ev::StateChange, 1, int64_t(State::Run), 0}};
        tr.ingest(first, b.rec);
        const uint64_t g = tr.generation();
        const uint64_t sg = tr.structureGeneration();
        tr.ingest(std::vector<Event>{{60, 0, Ev::Mark, 0, 0, 0}}, b.rec);
        QCOMPARE(tr.structureGeneration(), sg);  // appended in order: incremental views may go on
        tr.ingest(second, b.rec);
        QVERIFY(tr.generation() > g);
        QVERIFY(tr.structureGeneration() > sg);  // the hold at 20 went before the one at 50
        QCOMPARE(tr.holds.size(), size_t(2));
        QCOMPARE(tr.holds[0].start, int64_t(20));
        QCOMPARE(tr.holds[0].end, int64_t(30));
        QCOMPARE(tr.holds[1].id, uint64_t(5));
        const CounterSeries* w = tr.counter(l, CounterKind::Waiters);
        QVERIFY(w);
        // Edges +1@40 -1@45 +1@60 arrive out of order; the running sum is still right.
        QCOMPARE(w->valueAt(42), int64_t(1));
        QCOMPARE(w->valueAt(50), int64_t(0));
        QCOMPARE(w->valueAt(70), int64_t(1));
        // Open interval of lane 0 follows the newest event.
        QCOMPARE(tr.lanes[0].intervals.back().end, int64_t(60));
        // A copy taken mid-run goes on independently of the original.
        Trace copy = tr;
        copy.ingest(std::vector<Event>{{80, l, Ev::HoldEnd, 0, 5, 0}});
        QCOMPARE(copy.holds[1].end, int64_t(80));
        QCOMPARE(tr.holds[1].end, int64_t(-1));
        tr.finish(100, RunResult{"aborted", "stop"});
        QCOMPARE(tr.lanes[0].intervals.back().end, int64_t(100));
        QCOMPARE(tr.holds[1].end, int64_t(100));
        QCOMPARE(w->valueAt(100), int64_t(0));
        QCOMPARE(tr.result.status, std::string("aborted"));
    }

    void holdEndBeforeItsBegin()
    {
        // The releasing lane's batch comes first: the hold arrives closed, released by it.
        Builder b;
        b.rec.addLane("MainThread", 1, 0);
        b.rec.addLane("T1", 1, -1);
        const ObjectId s = b.rec.addObject(ObjectKind::Semaphore, "s");
        Trace tr;
        tr.ingest(std::vector<Event>{{10, 0, Ev::ThreadStart, 1, 0, 0}, {30, s, Ev::HoldEnd, 1, 7, 0}}, b.rec);
        QVERIFY(tr.holds.empty());
        tr.ingest(std::vector<Event>{{0, 0, Ev::ThreadStart, 0, 0, 0},
                                     {20, s, Ev::HoldBegin, 0, 7, 0},
                                     {40, s, Ev::HoldBegin, 0, 8, 0}},
                  b.rec);
        QCOMPARE(tr.holds.size(), size_t(2));
        QCOMPARE(tr.holds[0].end, int64_t(30));
        QCOMPARE(tr.holds[0].releasedBy, LaneId(1));
        QCOMPARE(tr.holds[1].end, int64_t(-1));
        // Hold 7 is closed, not open: another end of it does not move its end.
        tr.ingest(std::vector<Event>{{50, s, Ev::HoldEnd, 0, 8, 0}, {60, s, Ev::HoldEnd, 0, 7, 0}}, b.rec);
        QCOMPARE(tr.holds[0].end, int64_t(30));
        QCOMPARE(tr.holds[1].end, int64_t(50));
        QCOMPARE(tr.holds[1].releasedBy, LaneId(0));
    }

    void consecutiveRunMergesAndKilledWait()
    {
        Builder b;
        b.rec.addLane("MainThread", 1, 0);
        const ObjectId ev = b.rec.addObject(ObjectKind::Event, "go");
        b.add(0, 0, Ev::ThreadStart);
        b.state(0, 0, State::Run);
        b.state(10, 0, State::Run);
        b.state(20, 0, State::WaitEvent, ev);
        b.add(30, 0, Ev::ThreadEnd, 0, 1);
        Trace tr = b.build(30);
        QCOMPARE(tr.lanes[0].intervals.size(), size_t(2));
        QCOMPARE(tr.lanes[0].intervals[1].outcome, Outcome::Aborted);
        QVERIFY(tr.lanes[0].killed);
    }

    void instantsResolveStrings()
    {
        Builder b;
        b.rec.addLane("MainThread", 1, 0);
        const ObjectId q = b.rec.addObject(ObjectKind::Queue, "jobs", 2, QueueOrder::Fifo);
        b.add(0, 0, Ev::ThreadStart);
        b.state(0, 0, State::Run);
        b.add(1, 0, Ev::Put, q, 1, b.rec.intern("apple"));
        b.add(2, 0, Ev::Mark, 0, b.rec.intern("both done"));
        b.add(3, 0, Ev::Exception, 0, b.rec.intern("ValueError: x"));
        b.add(4, 0, Ev::ThreadRename, 0, b.rec.intern("Boss"), 0);
        b.add(5, 0, Ev::TaskBegin, 9, 1);
        b.add(6, 0, Ev::TaskEnd, 9, 1, 1 | (int64_t(b.rec.intern("boom")) << 8));
        b.add(7, 0, Ev::ThreadEnd);
        Trace tr = b.build(7);
        QCOMPARE(tr.instants.size(), size_t(4));
        QCOMPARE(tr.instants[0].text, std::string("apple"));
        QCOMPARE(tr.instants[1].text, std::string("both done"));
        QCOMPARE(tr.instants[2].text, std::string("ValueError: x"));
        QCOMPARE(tr.lanes[0].info.name, std::string("Boss"));
        QCOMPARE(tr.tasks.size(), size_t(1));
        QCOMPARE(tr.tasks[0].outcome, 1);
        QCOMPARE(tr.tasks[0].value, std::string("boom"));
        QCOMPARE(tr.tasks[0].end, int64_t(6));
    }

    void lockStatistics()
    {
        Builder b;
        ObjectId oven = 0;
        Trace tr = lockScenario(b, &oven);
        const RunStats rs = tr.statistics();
        QCOMPARE(rs.wall, int64_t(200));
        QCOMPARE(rs.locks.size(), size_t(1));
        const LockStats& ls = rs.locks[0];
        QCOMPARE(ls.acquisitions, int64_t(2));
        QCOMPARE(ls.contended, int64_t(1));
        QCOMPARE(ls.contendedShare, 0.5);
        QCOMPARE(ls.waitTotal, int64_t(80));
        QCOMPARE(ls.waitMax, int64_t(80));
        QCOMPARE(ls.waitP95, int64_t(80));
        QCOMPARE(ls.holdTotal, int64_t(90 + 50));
        QCOMPARE(ls.holdMax, int64_t(90));
        QCOMPARE(ls.handoffs, int64_t(1));
        // Run time: main 5 + 40, worker1 105 + 10, worker2 10 + 60.
        // No CPU clocks in this trace: CPU time falls back to time in `run`.
        QVERIFY(!rs.work.cpuMeasured);
        QCOMPARE(rs.work.runTime, int64_t(45 + 115 + 70));
        QCOMPARE(rs.work.cpu, rs.work.runTime);
        QCOMPARE(rs.work.coresBusy, 230.0 / 200.0);
        // Nothing lasted a millisecond: no thread "worked", so no speed-up is claimed.
        QCOMPARE(rs.work.workingThreads, 0);
        QCOMPARE(rs.work.speedup, 0.0);
        QCOMPARE(rs.busyShare.at(2), 70.0 / 150.0);
    }

    // The threads' own CPU clocks (Ev::CpuClock) become each lane's CPU samples; statistics count
    // CPU time from them, not time in `run` (which includes time the OS kept a thread off a core).
    void cpuClockFigures()
    {
        Builder b;
        b.rec.addLane("MainThread", 1, 0);
        b.rec.addLane("A", 1, -1);
        b.rec.addLane("B", 1, -1);
        constexpr int64_t ms = 1'000'000;
        b.add(0, 0, Ev::ThreadStart);
        b.state(0, 0, State::WaitJoin);
        for (LaneId l : {LaneId(1), LaneId(2)}) {
            b.add(0, l, Ev::ThreadStart);
            b.state(0, l, State::Run);  // 100 ms in `run`...
            b.add(50 * ms, l, Ev::CpuClock, 0, 20 * ms);
            b.add(100 * ms, l, Ev::CpuClock, 0, 40 * ms);  // ...of which 40 ms on a core
            b.add(100 * ms, l, Ev::ThreadEnd);
        }
        b.add(100 * ms, 0, Ev::CpuClock, 0, 0);
        b.state(100 * ms, 0, State::Run);
        b.add(100 * ms, 0, Ev::ThreadEnd);
        Trace tr = b.build(100 * ms);
        QCOMPARE(tr.lanes[1].cpu.size(), size_t(2));
        QCOMPARE(tr.lanes[1].cpuAt(0), int64_t(0));
        QCOMPARE(tr.lanes[1].cpuAt(25 * ms), 10 * ms);  // linear from 0 at the thread's start
        QCOMPARE(tr.lanes[1].cpuAt(75 * ms), 30 * ms);
        QCOMPARE(tr.lanes[1].cpuAt(500 * ms), 40 * ms);  // after the last sample: the last value
        RunStats rs = tr.statistics();
        QVERIFY(rs.work.cpuMeasured);
        QCOMPARE(rs.work.runTime, 200 * ms);
        QCOMPARE(rs.work.cpu, 80 * ms);
        QCOMPARE(rs.work.coresBusy, 0.8);
        QCOMPARE(rs.work.workingThreads, 2);
        QCOMPARE(rs.work.sequential, 80 * ms);
        QCOMPARE(rs.work.speedup, 0.8);  // one thread would have needed 80 ms: this run took 100
        QCOMPARE(rs.laneCpu.at(1), 40 * ms);
        QCOMPARE(rs.busyShare.at(1), 0.4);

        // Slow motion: every duration is lesson time (real × speed); ratios stay.
        tr.speed = 0.25;
        rs = tr.statistics();
        QCOMPARE(rs.speed, 0.25);
        QCOMPARE(rs.wall, 25 * ms);
        QCOMPARE(rs.work.cpu, 20 * ms);
        QCOMPARE(rs.laneCpu.at(1), 10 * ms);
        QCOMPARE(rs.work.coresBusy, 0.8);
        QCOMPARE(rs.work.speedup, 0.8);
    }

    // In slow motion a lock's waits and holds read in lesson time too.
    void slowMotionLockFiguresAreLessonTime()
    {
        Builder b;
        Trace tr = lockScenario(b);
        const RunStats real = tr.statistics();
        tr.speed = 0.5;
        const RunStats lesson = tr.statistics();
        QCOMPARE(lesson.wall, real.wall / 2);
        QCOMPARE(lesson.locks[0].holdMax, real.locks[0].holdMax / 2);
        QCOMPARE(lesson.locks[0].waitTotal, real.locks[0].waitTotal / 2);
        QCOMPARE(lesson.locks[0].acquisitions, real.locks[0].acquisitions);
    }

    // A wait that times out and one cut by the end of the run did not get the lock: they count
    // as "gave up", and as contended attempts (they had to wait); the share is of all attempts.
    void waitsThatGaveUp()
    {
        Builder b;
        b.rec.addLane("MainThread", 1, 0);
        b.rec.addLane("holder", 1, -1);
        b.rec.addLane("patient", 1, -1);
        b.rec.addLane("stuck", 1, -1);
        const ObjectId l = b.rec.addObject(ObjectKind::Lock, "l");
        b.add(0, 0, Ev::ThreadStart);
        b.state(0, 0, State::Run);
        for (LaneId lane : {LaneId(1), LaneId(2), LaneId(3)}) {
            b.add(1, lane, Ev::ThreadStart);
            b.state(1, lane, State::Run);
        }
        b.add(2, 1, Ev::HoldBegin, l, 1);
        b.state(10, 2, State::WaitLock, l);
        b.state(20, 3, State::WaitLock, l);
        b.state(60, 2, State::Run, 0, Outcome::Timeout);  // acquire(timeout=0.05) gave up
        b.add(90, 3, Ev::ThreadEnd, 0, 1);  // killed while waiting (deadlock, abort)
        Trace tr = b.build(100);
        const RunStats rs = tr.statistics();
        QCOMPARE(rs.locks.size(), size_t(1));
        QCOMPARE(rs.locks[0].acquisitions, int64_t(1));
        QCOMPARE(rs.locks[0].contended, int64_t(2));
        QCOMPARE(rs.locks[0].gaveUp, int64_t(2));
        QCOMPARE(rs.locks[0].contendedShare, 2.0 / 3.0);
        QCOMPARE(rs.locks[0].waitTotal, int64_t(50 + 70));
    }

    // While a run is live, threads still waiting are neither contended acquisitions nor gave-ups
    // yet (only their wait time counts): four cooks queued behind one holder are not "400%".
    void waitsInProgressAreNotAttemptsYet()
    {
        Builder b;
        b.rec.addLane("holder", 1, 0);
        const ObjectId l = b.rec.addObject(ObjectKind::Lock, "oven");
        b.add(0, 0, Ev::ThreadStart);
        b.state(0, 0, State::Run);
        b.add(1, 0, Ev::HoldBegin, l, 1);
        for (LaneId lane = 1; lane <= 4; ++lane) {
            b.rec.addLane("cook", 1, 0);
            b.add(2, lane, Ev::ThreadStart);
            b.state(2, lane, State::Run);
            b.state(3, lane, State::WaitLock, l);
        }
        Trace tr;
        tr.ingest(b.ev, b.rec);  // live: not finished
        const LockStats ls = tr.statistics().locks.at(0);
        QCOMPARE(ls.acquisitions, int64_t(1));
        QCOMPARE(ls.contended, int64_t(0));
        QCOMPARE(ls.gaveUp, int64_t(0));
        QCOMPARE(ls.contendedShare, 0.0);
        QVERIFY(ls.waitTotal >= 0);
    }

    void waitPercentile()
    {
        Builder b;
        b.rec.addLane("MainThread", 1, 0);
        const ObjectId l = b.rec.addObject(ObjectKind::Lock, "l");
        b.add(0, 0, Ev::ThreadStart);
        b.state(0, 0, State::Run);
        int64_t t = 0;
        for (int i = 1; i <= 20; ++i) {  // waits of 1..20 ns, one timing out
            b.state(t + 1, 0, State::WaitLock, l);
            t += 1 + i;
            b.state(t, 0, State::Run, 0, i == 20 ? Outcome::Timeout : Outcome::None);
        }
        b.add(t + 1, 0, Ev::ThreadEnd);
        Trace tr = b.build(t + 1);
        const LockStats ls = tr.statistics().locks.at(0);
        QCOMPARE(ls.waitTotal, int64_t(210));
        QCOMPARE(ls.waitMean, int64_t(10));
        QCOMPARE(ls.waitP95, int64_t(19));
        QCOMPARE(ls.waitMax, int64_t(20));
        QCOMPARE(ls.contended, int64_t(20));  // 19 got it after waiting, 1 gave up
        QCOMPARE(ls.gaveUp, int64_t(1));
        QVERIFY(ls.contendedShare <= 1.0);
    }

    void queueAndPoolStatistics()
    {
        Builder b;
        b.rec.addLane("MainThread", 1, 0);
        b.rec.addLane("W", 1, -1);
        const ObjectId q = b.rec.addObject(ObjectKind::Queue, "jobs", 2, QueueOrder::Fifo);
        const ObjectId pool = b.rec.addObject(ObjectKind::Pool, "pool", 1);
        const ObjectId f1 = b.rec.addObject(ObjectKind::Future, "f1");
        b.add(0, 0, Ev::ThreadStart);
        b.state(0, 0, State::Run);
        b.add(0, 1, Ev::ThreadStart);
        b.state(0, 1, State::Idle);
        b.add(10, 0, Ev::Put, q, 1);
        b.add(10, 0, Ev::Counter, q, int64_t(CounterKind::Depth), 1);
        b.add(20, 0, Ev::Put, q, 2);
        b.add(20, 0, Ev::Counter, q, int64_t(CounterKind::Depth), 2);
        b.add(50, 0, Ev::Get, q, 1);
        b.add(50, 0, Ev::Counter, q, int64_t(CounterKind::Depth), 1);
        b.add(60, 0, Ev::Submit, pool, 1, f1);
        b.add(70, 1, Ev::TaskBegin, f1, 1);
        b.state(70, 1, State::Run);
        b.add(90, 1, Ev::TaskEnd, f1, 1, 0);
        b.state(90, 1, State::Idle);
        b.add(100, 1, Ev::ThreadEnd);
        b.add(100, 0, Ev::ThreadEnd);
        Trace tr = b.build(100);
        const RunStats rs = tr.statistics();
        QCOMPARE(rs.queues.size(), size_t(1));
        const QueueStats& qs = rs.queues[0];
        QCOMPARE(qs.puts, int64_t(2));
        QCOMPARE(qs.gets, int64_t(1));
        QCOMPARE(qs.maxDepth, int64_t(2));
        QCOMPARE(qs.timeFull, int64_t(30));
        QCOMPARE(qs.timeEmpty, int64_t(10));
        QCOMPARE(rs.pools.size(), size_t(1));
        QCOMPARE(rs.pools[0].tasks, int64_t(1));
        QCOMPARE(rs.pools[0].queueWaitTotal, int64_t(10));
        QCOMPARE(rs.pools[0].busyShare.at(1), 0.2);
    }

    void buckets()
    {
        CounterSeries s;
        s.points = {{10, 1}, {12, 5}, {15, 2}, {30, 0}};
        const auto bk = s.buckets(0, 40, 10);
        QCOMPARE(bk.size(), size_t(4));
        QCOMPARE(bk[0].max, int64_t(0));
        QCOMPARE(bk[1].min, int64_t(1));
        QCOMPARE(bk[1].max, int64_t(5));
        QCOMPARE(bk[1].last, int64_t(2));
        QCOMPARE(bk[2].min, int64_t(2));
        QCOMPARE(bk[2].last, int64_t(2));
        QCOMPARE(bk[3].last, int64_t(0));
        QCOMPARE(s.valueAt(11), int64_t(1));
        QCOMPARE(s.valueAt(9), int64_t(0));
        QVERIFY(s.buckets(0, 40, 0).empty());
        QVERIFY(s.buckets(40, 0, 10).empty());
    }

    void invariantsDetectBrokenTraces_data()
    {
        QTest::addColumn<int>("breakage");
        QTest::addColumn<QString>("expect");
        QTest::newRow("overlap") << 0 << "overlap";
        QTest::newRow("gap") << 1 << "gap";
        QTest::newRow("lock-holds") << 2 << "holders";
        QTest::newRow("semaphore") << 3 << "holders";
        QTest::newRow("queue-depth") << 4 << "depth";
        QTest::newRow("flow-end") << 5 << "one end";
        QTest::newRow("future") << 6 << "illegal transition";
        QTest::newRow("counter-order") << 7 << "not sorted";
        QTest::newRow("coverage") << 8 << "last state ends";
    }
    void invariantsDetectBrokenTraces()
    {
        QFETCH(int, breakage);
        QFETCH(QString, expect);
        Builder b;
        ObjectId oven = 0;
        Trace tr = lockScenario(b, &oven);
        QVERIFY(tr.checkInvariants().empty());
        const ObjectId sem = ObjectId(tr.objects.size());
        tr.objects.push_back(ObjectInfo{sem, ObjectKind::BoundedSemaphore, "slots", 2, QueueOrder::None});
        const ObjectId q = ObjectId(tr.objects.size());
        tr.objects.push_back(ObjectInfo{q, ObjectKind::Queue, "jobs", 3, QueueOrder::Fifo});
        const ObjectId fut = ObjectId(tr.objects.size());
        tr.objects.push_back(ObjectInfo{fut, ObjectKind::Future, "f", 0, QueueOrder::None});
        switch (breakage) {
        case 0: tr.lanes[2].intervals[1].end = 120; break;
        case 1: tr.lanes[2].intervals[1].end = 90; break;
        case 2: tr.holds.push_back(Hold{oven, 0, 50, 60, 99, 0}); break;
        case 3:
            for (int i = 0; i < 3; ++i)
                tr.holds.push_back(Hold{sem, LaneId(i), 10 + i, 50, uint64_t(200 + i), 0});
            break;
        case 4: tr.counters.push_back(CounterSeries{q, CounterKind::Depth, "jobs", {{1, 1}, {2, 4}}}); break;
        case 5: tr.flows.push_back(Flow{5, FlowKind::Wake, 1, 0, 10, -1, 0}); break;
        case 6:
            tr.instants.push_back(Instant{1, 0, Ev::FutureState, fut, 1, 0, {}});
            tr.instants.push_back(Instant{2, 0, Ev::FutureState, fut, 2, 0, {}});
            break;
        case 7: tr.counters.push_back(CounterSeries{q, CounterKind::Depth, "jobs", {{5, 1}, {2, 0}}}); break;
        case 8: tr.lanes[1].end = 400; break;
        }
        const auto errs = tr.checkInvariants();
        QVERIFY(!errs.empty());
        bool found = false;
        for (const auto& e : errs)
            found |= QString::fromStdString(e).contains(expect);
        QVERIFY2(found, errs.front().c_str());
    }
    // A plain Semaphore's release adds permits beyond its initial value (Python's does): more
    // holders than that value are no broken trace.
    void plainSemaphoreMayGrow()
    {
        Builder b;
        Trace tr = lockScenario(b, nullptr);
        const ObjectId sem = ObjectId(tr.objects.size());
        tr.objects.push_back(ObjectInfo{sem, ObjectKind::Semaphore, "slots", 2, QueueOrder::None});
        for (int i = 0; i < 3; ++i)
            tr.holds.push_back(Hold{sem, LaneId(i), 10 + i, 50, uint64_t(200 + i), 0});
        QVERIFY(tr.checkInvariants().empty());
    }

    void realRunHoldsInvariants()
    {
        Run run;
        run.execute([&] {
            Lock lock(run, "oven");
            std::vector<Thread> threads;
            for (int i = 0; i < 2; ++i)
                threads.emplace_back(run, [&] {
                    for (int k = 0; k < 10; ++k) {
                        std::lock_guard g(lock);
                        cpuWork(0.2);
                    }
                });
            for (auto& t : threads)
                t.start();
            for (auto& t : threads)
                t.join();
        });
        QCOMPARE(run.status(), RunStatus::Finished);
        Trace tr;
        std::vector<Event> events;
        run.drain(events);
        // Feed in two batches, as a live view would.
        std::vector<Event> a(events.begin(), events.begin() + ptrdiff_t(events.size() / 2));
        std::vector<Event> c(events.begin() + ptrdiff_t(events.size() / 2), events.end());
        tr.ingest(a, run.recorder());
        tr.ingest(c, run.recorder());
        tr.finish(run.elapsedNs(), RunResult{"finished", {}});
        const auto errs = tr.checkInvariants();
        QVERIFY2(errs.empty(), errs.empty() ? "" : errs.front().c_str());
        QCOMPARE(tr.lanes.size(), size_t(3));
        QCOMPARE(tr.holds.size(), size_t(20));
        const RunStats rs = tr.statistics();
        QCOMPARE(rs.locks.size(), size_t(1));
        QCOMPARE(rs.locks[0].acquisitions, int64_t(20));
        QCOMPARE(rs.locks[0].handoffs, rs.locks[0].contended);
        for (const Lane& l : tr.lanes)
            QVERIFY(l.end >= l.start && l.start >= 0);
    }
};

QTEST_GUILESS_MAIN(TestTrace)
#include "tst_trace.moc"
