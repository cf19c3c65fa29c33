// SPDX-License-Identifier: MIT
// The simulated GIL, checked on the recorded events: G5 (at most one lane of a process in
// `run` at any instant), wait:gil visible, the holder counter, and blocking calls, sleeps
// and I/O releasing it.
#include "engine/control/gil.h"
#include "engine/control/run.h"
#include "engine_test_util.h"
#include "engine/sync/lock.h"
#include "engine/sync/thread.h"
#include "engine/work.h"

#include <QtTest>

#include <atomic>
#include <filesystem>
#include <map>
#include <set>

using namespace tl;
using namespace tltest;

namespace {

struct Sweep {
    int maxRunning = 0;  // most lanes of pid 1 in `run` at one instant
    int waitGil = 0;  // wait:gil state entries
    std::set<int64_t> holders;  // lanes seen holding the GIL
    int heldWhileBlocked = 0;  // instants where the holder was in sleep/io/wait:*
    std::map<LaneId, int> runSpans;  // `run` intervals per lane
};

Sweep sweep(Run& run)
{
    std::vector<Event> ev;
    run.drain(ev);
    // Leaving `run` sorts before entering it at equal times (both are strict in real time).
    std::stable_sort(ev.begin(), ev.end(), [](const Event& x, const Event& y) {
        if (x.t != y.t)
            return x.t < y.t;
        auto entersRun = [](const Event& e) { return e.type == Ev::StateChange && e.a == int64_t(State::Run); };
        return !entersRun(x) && entersRun(y);
    });
    Sweep s;
    std::map<LaneId, State> state;
    std::set<LaneId> running;
    int64_t holder = -1;
    std::map<LaneId, bool> prevBlocked;
    for (const Event& e : ev) {
        if (run.recorder().lane(e.lane).pid != 1)
            continue;
        if (e.type == Ev::StateChange) {
            const auto st = static_cast<State>(e.a);
            state[e.lane] = st;
            if (st == State::Run) {
                running.insert(e.lane);
                ++s.runSpans[e.lane];
            } else {
                running.erase(e.lane);
            }
            s.waitGil += st == State::WaitGil;
        } else if (e.type == Ev::ThreadEnd) {
            running.erase(e.lane);
            state.erase(e.lane);
        } else if (e.type == Ev::Counter && e.a == int64_t(CounterKind::Holder)) {
            holder = e.b;
            if (holder >= 0)
                s.holders.insert(holder);
        }
        s.maxRunning = std::max<int>(s.maxRunning, int(running.size()));
        // A lane leaves `run` first, then releases (its very next event is the holder -1
        // counter); anything else it records while blocked and still holding is a leak.
        if (holder >= 0 && e.lane == LaneId(holder) && e.type != Ev::Counter && e.type != Ev::StateChange) {
            auto it = state.find(LaneId(holder));
            if (it != state.end() && it->second != State::Run && it->second != State::WaitGil)
                ++s.heldWhileBlocked;
        }
        if (holder >= 0 && e.lane == LaneId(holder) && e.type == Ev::StateChange && prevBlocked[e.lane])
            ++s.heldWhileBlocked;  // two states in a row without releasing
        if (e.type == Ev::StateChange)
            prevBlocked[e.lane] = static_cast<State>(e.a) != State::Run && static_cast<State>(e.a) != State::WaitGil &&
                                  holder == int64_t(e.lane);
        if (e.type == Ev::Counter && e.a == int64_t(CounterKind::Holder))
            prevBlocked.clear();
    }
    return s;
}

// A mix of CPU work, sleeps, lock waits and real file I/O on four threads.
void mixedWorkload(Run& run)
{
    const auto dir = std::filesystem::temp_directory_path() / ("tl_gil_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    Lock lock(run, "counter_lock");
    std::vector<Thread> threads;
    for (int i = 0; i < 4; ++i)
        threads.emplace_back(run, [&, i] {
            for (int k = 0; k < 4; ++k) {
                cpuWork(6);
                {
                    std::lock_guard g(lock);
                    cpuWork(1);
                }
                if (i == 1)
                    sleepMs(3);
                if (i == 2)
                    writeFile((dir / ("f" + std::to_string(k))).string(), 4096);
                if (i == 3)
                    ioWait(2);
            }
        });
    for (auto& t : threads)
        t.start();
    cpuWork(5);
    for (auto& t : threads)
        t.join();
    std::filesystem::remove_all(dir);
}

}  // namespace

class TestGil : public QObject {
    Q_OBJECT
private slots:
    void g5AtMostOneRunningLane_data()
    {
        QTest::addColumn<double>("switchMs");
        QTest::newRow("switch 5 ms") << 5.0;
        QTest::newRow("switch 0.5 ms") << 0.5;
        QTest::newRow("switch 0.05 ms") << 0.05;
    }
    void g5AtMostOneRunningLane()
    {
        QFETCH(double, switchMs);
        RunOptions o;
        o.gil = true;
        o.switchIntervalMs = switchMs;
        Run run(o);
        QCOMPARE(run.execute([&] { mixedWorkload(run); }, 30000), RunStatus::Finished);
        const Sweep s = sweep(run);
        QCOMPARE(s.maxRunning, 1);
        QVERIFY(s.waitGil > 0);  // wait:gil shows
        QVERIFY(s.holders.size() >= 4);  // the holder counter moves between lanes
        QCOMPARE(s.heldWhileBlocked, 0);  // sleeps, I/O and lock waits released it
    }

    // The same workload without the GIL does run lanes in parallel (so the check above can fail).
    void withoutGilLanesOverlap()
    {
        Run run;
        QCOMPARE(run.execute([&] {
            Thread a(run, [] { cpuWork(40); });
            Thread b(run, [] { cpuWork(40); });
            a.start();
            b.start();
            a.join();
            b.join();
        }),
                 RunStatus::Finished);
        const Sweep s = sweep(run);
        QVERIFY(s.maxRunning >= 2);
        QCOMPARE(s.waitGil, 0);
        QVERIFY(s.holders.empty());
    }

    // Two CPU-bound threads hand the GIL back and forth every switch interval.
    void forcedSwitching()
    {
        RunOptions o;
        o.gil = true;
        o.switchIntervalMs = 1;
        Run run(o);
        // Each thread works in small chunks and notes whenever the other one progressed between
        // two of its own chunks (it lost the GIL in between). Both go on until each has seen five
        // such switches, so the run ends only through forced switching, however the machine
        // schedules the threads (without it, the holder would spin alone until the time limit).
        constexpr int kSwitches = 5;
        std::atomic<int> chunks[2] = {0, 0};
        std::atomic<int> switchesSeen[2] = {0, 0};
        auto worker = [&](int self) {
            const int other = 1 - self;
            int lastOther = chunks[other].load();
            while (switchesSeen[0].load() < kSwitches || switchesSeen[1].load() < kSwitches) {
                cpuWork(0.2);
                ++chunks[self];
                const int now = chunks[other].load();
                if (now != lastOther)
                    ++switchesSeen[self];
                lastOther = now;
            }
        };
        QCOMPARE(run.execute(
                     [&] {
                         Thread a(
                             run, [&] { worker(0); }, "A");
                         Thread b(
                             run, [&] { worker(1); }, "B");
                         a.start();
                         b.start();
                         a.join();
                         b.join();
                     },
                     30000),
                 RunStatus::Finished);
        const Sweep s = sweep(run);
        QCOMPARE(s.maxRunning, 1);
        int lanesWithManySpans = 0;
        for (auto [lane, n] : s.runSpans)
            lanesWithManySpans += lane != 0 && n >= kSwitches;
        QCOMPARE(lanesWithManySpans, 2);
    }

    // Aborting a run whose threads queue for the GIL returns promptly.
    void abortWhileWaitingForGil()
    {
        RunOptions o;
        o.gil = true;
        Run run(o);
        run.start([&] {
            std::vector<Thread> ts;
            for (int i = 0; i < 3; ++i)
                ts.emplace_back(run, [] { cpuWork(100000); });
            for (auto& t : ts)
                t.start();
            for (auto& t : ts)
                t.join();
        });
        QThread::msleep(50);
        run.abort();
        QVERIFY(run.waitFinished(kAbortGuardMs));
        QCOMPARE(run.status(), RunStatus::Aborted);
    }
};

QTEST_GUILESS_MAIN(TestGil)
#include "tst_gil.moc"
