// SPDX-License-Identifier: MIT
// Step mode: the learner chooses the interleaving of real threads.
#include "engine/control/run.h"
#include "engine_test_util.h"
#include "engine/control/step.h"
#include "engine/record/time_fold.h"
#include "engine/sync/lock.h"
#include "engine/sync/sharedvar.h"
#include "engine/sync/thread.h"
#include "engine/work.h"

#include <QtTest>

#include <chrono>
#include <random>
#include <thread>

using namespace tl;
using namespace tltest;
using namespace std::chrono_literals;

namespace {

// Lets `wanted` lanes through their gates in that order. Lanes the list never names (the main
// thread starting and joining its workers) are let through whenever they wait.
// Returns false if the order could not be followed within the time limit.
bool drive(Run& run, std::vector<LaneId> wanted, std::chrono::milliseconds limit = 5000ms)
{
    StepController& step = run.step();
    const auto until = std::chrono::steady_clock::now() + limit;
    size_t next = 0;
    while (next < wanted.size()) {
        if (std::chrono::steady_clock::now() > until || run.finished())
            return false;
        bool moved = false;
        for (const auto& p : step.pending()) {
            if (p.lane == wanted[next]) {
                moved = step.stepThread(p.lane);
                ++next;
                break;
            }
        }
        if (!moved) {
            for (const auto& p : step.pending()) {
                if (std::find(wanted.begin(), wanted.end(), p.lane) == wanted.end()) {
                    moved = step.stepThread(p.lane);
                    break;
                }
            }
        }
        if (!moved)
            std::this_thread::sleep_for(200us);
    }
    return true;
}

// counter += 1, as Python runs it: LOAD, ADD, STORE.
void racyIncrement(SharedVar& counter)
{
    const int64_t v = counter.load();
    counter.store(v + 1);
}

std::vector<std::pair<LaneId, Ev>> syncOrder(Run& run)
{
    std::vector<Event> events;
    run.drain(events);
    std::vector<std::pair<LaneId, Ev>> out;
    for (const Event& e : events)
        if (e.type == Ev::VarRead || e.type == Ev::VarWrite || e.type == Ev::HoldBegin || e.type == Ev::HoldEnd)
            out.emplace_back(e.lane, e.type);
    return out;
}

}  // namespace

class TestStep : public QObject {
    Q_OBJECT
private slots:
    void timeFoldTakesOutHeldSpans()
    {
        TimeFold fold;
        QCOMPARE(fold.lessonTime(500), int64_t(500));
        fold.begin(1000);
        QCOMPARE(fold.lessonTime(900), int64_t(900));
        QCOMPARE(fold.lessonTime(5000), int64_t(1000));  // inside the open span: its start
        fold.end(4000);  // held 3000
        QCOMPARE(fold.lessonTime(2500), int64_t(1000));
        QCOMPARE(fold.lessonTime(4000), int64_t(1000));
        QCOMPARE(fold.lessonTime(4100), int64_t(1100));
        fold.begin(6000);
        fold.end(6500);  // held 500 more
        QCOMPARE(fold.lessonTime(6000), int64_t(3000));
        QCOMPARE(fold.lessonTime(6200), int64_t(3000));
        QCOMPARE(fold.lessonTime(7000), int64_t(3500));
        fold.end(9000);  // no span open: nothing changes
        QCOMPARE(fold.lessonTime(9000), int64_t(5500));
    }

    void timeTheLearnerTakesIsNotTheProgramsTime()
    {
        // One thread parked at its first step while the learner thinks for 600 ms: the recorded
        // run does not contain those 600 ms (the wall clock does, whatever the machine's load).
        RunOptions options;
        options.step = true;
        Run run(options);
        const auto wallStart = std::chrono::steady_clock::now();
        run.start([&] {
            SharedVar counter(run, "counter");
            racyIncrement(counter);
        });
        while (run.step().pending().empty() && !run.finished())
            std::this_thread::sleep_for(1ms);
        std::this_thread::sleep_for(600ms);
        run.step().continueRun();
        QVERIFY(run.waitFinished(10000));
        const int64_t elapsed = run.elapsedNs();
        const int64_t wallNs =
            std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - wallStart).count();
        std::vector<Event> events;
        run.drain(events);
        QVERIFY(!events.empty());
        int64_t last = 0;
        for (const Event& e : events)
            last = std::max(last, e.t);
        QVERIFY2(last <= wallNs - 500'000'000,
                 qPrintable(QStringLiteral("last event at %1 ms of %2 ms wall").arg(last / 1e6).arg(wallNs / 1e6)));
        QVERIFY(elapsed <= wallNs - 500'000'000);
    }

    void chosenInterleavingLosesAnUpdateEveryTime()
    {
        for (int round = 0; round < 5; ++round) {
            RunOptions options;
            options.step = true;
            Run run(options);
            int64_t final = -1;
            SharedVar* shared = nullptr;
            run.start([&] {
                SharedVar counter(run, "counter");
                shared = &counter;
                Thread a(
                    run, [&] { racyIncrement(counter); }, "A");
                Thread b(
                    run, [&] { racyIncrement(counter); }, "B");
                a.start();
                b.start();
                a.join();
                b.join();
                final = counter.peek();
            });
            // A reads, B reads, A writes, B writes: B's write overwrites A's.
            QVERIFY(drive(run, {1, 2, 1, 2}));
            run.step().continueRun();
            QVERIFY(run.waitFinished(5000));
            QCOMPARE(run.status(), RunStatus::Finished);
            QCOMPARE(final, int64_t(1));
        }
    }

    void serialInterleavingKeepsBothUpdates()
    {
        RunOptions options;
        options.step = true;
        Run run(options);
        int64_t final = -1;
        run.start([&] {
            SharedVar counter(run, "counter");
            Thread a(
                run, [&] { racyIncrement(counter); }, "A");
            Thread b(
                run, [&] { racyIncrement(counter); }, "B");
            a.start();
            b.start();
            a.join();
            b.join();
            final = counter.peek();
        });
        QVERIFY(drive(run, {1, 1, 2, 2}));
        run.step().continueRun();
        QVERIFY(run.waitFinished(5000));
        QCOMPARE(final, int64_t(2));
    }

    void lockOrderDeadlockProvokedAndDetected()
    {
        RunOptions options;
        options.step = true;
        Run run(options);
        run.start([&] {
            Lock a(run, "lock_a"), b(run, "lock_b");
            Thread t1(
                run,
                [&] {
                    std::lock_guard ga(a);
                    std::lock_guard gb(b);
                },
                "T1");
            Thread t2(
                run,
                [&] {
                    std::lock_guard gb(b);
                    std::lock_guard ga(a);
                },
                "T2");
            t1.start();
            t2.start();
            t1.join();
            t2.join();
        });
        // T1 takes lock_a, T2 takes lock_b, then each asks for the other's lock.
        QVERIFY(drive(run, {1, 2, 1, 2}));
        if (!run.waitFinished(3000)) {
            for (auto& p : run.step().pending())
                qWarning() << "pending lane" << p.lane << int(p.what);
            std::vector<Event> ev;
            run.drain(ev);
            for (auto& e : ev)
                qWarning() << e.t << e.lane << QString::fromStdString(std::string(eventName(e.type))) << e.object << e.a
                           << e.b;
            for (auto& t : run.enumerate())
                qWarning() << "thread" << t->lane() << "waitingFor" << t->waitingFor() << "lane" << t->waitingForLane()
                           << "timed" << t->waitIsTimed();
            QFAIL("no deadlock detected");
        }
        QCOMPARE(run.status(), RunStatus::Deadlock);
        const QString message = QString::fromStdString(run.message());
        QVERIFY2(message.contains("lock_a") && message.contains("lock_b"), qPrintable(message));
        QCOMPARE(run.activeCount(), 0);
    }

    void abortFromStepModeLeavesNoThread()
    {
        RunOptions options;
        options.step = true;
        Run run(options);
        run.start([&] {
            Lock lock(run, "l");
            std::vector<Thread> threads;
            for (int i = 0; i < 4; ++i)
                threads.emplace_back(run, [&] {
                    std::lock_guard g(lock);
                    sleepMs(10);
                });
            for (auto& t : threads)
                t.start();
            for (auto& t : threads)
                t.join();
        });
        std::this_thread::sleep_for(50ms);  // everyone parks at a gate
        QVERIFY(!run.step().pending().empty());
        QElapsedTimer timer;
        timer.start();
        run.abort();
        QVERIFY(run.waitFinished(kAbortGuardMs));
        QCOMPARE(run.status(), RunStatus::Aborted);
        QCOMPARE(run.activeCount(), 0);
    }

    void replayReproducesTheOrderOfSyncEvents()
    {
        auto scenario = [](Run& run) {
            return [&run] {
                SharedVar counter(run, "counter");
                Lock lock(run, "lock");
                std::vector<Thread> threads;
                for (int i = 0; i < 3; ++i)
                    threads.emplace_back(run, [&] {
                        for (int k = 0; k < 3; ++k) {
                            racyIncrement(counter);
                            std::lock_guard g(lock);
                        }
                    });
                for (auto& t : threads)
                    t.start();
                for (auto& t : threads)
                    t.join();
            };
        };
        // First run: the learner steps in a random (seeded) order.
        RunOptions options;
        options.step = true;
        Run first(options);
        first.start(scenario(first));
        std::mt19937 rng(7);
        const auto until = std::chrono::steady_clock::now() + 10s;
        while (!first.finished() && std::chrono::steady_clock::now() < until) {
            auto pending = first.step().pending();
            if (pending.empty()) {
                std::this_thread::sleep_for(200us);
                continue;
            }
            first.step().stepThread(pending[rng() % pending.size()].lane);
            std::this_thread::sleep_for(100us);
        }
        QVERIFY(first.waitFinished(5000));
        const auto schedule = first.step().schedule();
        QVERIFY(schedule.size() > 20);
        const auto expected = syncOrder(first);

        // Replay: the same schedule gives the same order of synchronization events.
        for (int round = 0; round < 3; ++round) {
            Run again;
            again.step().replay(schedule);
            again.start(scenario(again));
            QVERIFY(again.waitFinished(10000));
            QVERIFY(!again.step().diverged());
            QCOMPARE(syncOrder(again), expected);
        }
    }

    void stepModeTimeDoesNotCountAgainstTimeouts()
    {
        RunOptions options;
        options.step = true;
        Run run(options);
        std::atomic<bool> got{true};
        std::atomic<int64_t> waitedMs{0};
        run.start([&] {
            Lock lock(run, "l");
            lock.acquire();
            Thread t(
                run,
                [&] {
                    const auto t0 = std::chrono::steady_clock::now();
                    got = lock.acquire(true, 100);
                    waitedMs =
                        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0)
                            .count();
                },
                "T");
            t.start();
            t.join();
            lock.release();
        });
        // Main takes the lock; T asks for it (and blocks for real, 100 ms timeout); main parks at
        // its join gate. Then the learner thinks for 400 ms: that time must not count.
        QVERIFY(drive(run, {0, 1}));
        const auto until = std::chrono::steady_clock::now() + 2s;
        while (run.step().pending().empty() && std::chrono::steady_clock::now() < until)
            std::this_thread::sleep_for(1ms);
        QCOMPARE(run.step().pending().front().lane, LaneId(0));
        std::this_thread::sleep_for(400ms);
        run.step().continueRun();
        QVERIFY(run.waitFinished(5000));
        QVERIFY(!got);
        QVERIFY2(waitedMs >= 450, qPrintable(QString::number(waitedMs)));
    }
};

QTEST_GUILESS_MAIN(TestStep)
#include "tst_step.moc"
