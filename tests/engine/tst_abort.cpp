// SPDX-License-Identifier: MIT
#include "engine/control/run.h"
#include "engine/sync/sync.h"
#include "engine/work.h"
#include "engine_test_util.h"

#include <QtTest>

using namespace tl;
using namespace tltest;

// Aborting a run returns quickly with every thread ended, whatever the threads block in,
// including waits the deadlock monitor cannot see (events, conditions, queues, barriers).
class TestAbort : public QObject {
    Q_OBJECT
private slots:
    void abortEveryKindOfWait_data()
    {
        QTest::addColumn<bool>("gil");
        QTest::newRow("no gil") << false;
        QTest::newRow("gil") << true;
    }
    void abortEveryKindOfWait()
    {
        QFETCH(bool, gil);
        RunOptions opt;
        opt.gil = gil;
        Run run(opt);
        std::atomic<int> blocked{0};
        run.start([&] {
            Lock lock(run, "lock");
            RLock rlock(run, "rlock");
            Condition cond(run, "cond");
            ThreadEvent never(run, "never");
            Semaphore sem(run, "sem", 0);
            BoundedSemaphore bsem(run, "bsem", 1);
            Barrier barrier(run, "barrier", 50);
            Queue<int> empty(run, "empty");
            Queue<int> full(run, "full", 1);
            full.put(0);
            Queue<int> unfinished(run, "unfinished");
            unfinished.put(1);
            bsem.acquire();
            std::vector<std::function<void()>> bodies = {
                [&] {
                    lock.acquire();
                    never.wait();
                },  // holds the lock forever
                [&] {
                    sleepMs(5);
                    lock.acquire();
                },
                [&] {
                    std::lock_guard g(rlock);
                    never.wait();
                },
                [&] { rlock.acquire(); },
                [&] {
                    std::lock_guard g(cond);
                    cond.wait();
                },
                [&] { never.wait(); },
                [&] { sem.acquire(); },
                [&] { bsem.acquire(); },
                [&] { barrier.wait(); },
                [&] { barrier.wait(); },
                [&] { empty.get(); },
                [&] { full.put(1); },
                [&] { unfinished.join(); },
                [&] { sleepMs(1e7); },
                [&] { ioWait(1e7); },
                [&] { cpuWork(1e7); },
            };
            std::vector<Thread> ts;
            for (auto& b : bodies)
                ts.emplace_back(run, [&, b] {
                    ++blocked;
                    b();
                });
            Timer timer(run, 1e7, [] {});
            for (auto& t : ts)
                t.start();
            timer.start();
            Thread joiner(run, [&] {
                ++blocked;
                ts[1].join();
            });
            joiner.start();
            joiner.join();
            for (auto& t : ts)
                t.join();
        });
        while (blocked.load() < 17)
            QThread::msleep(1);
        QThread::msleep(50);  // everyone is parked
        QCOMPARE(run.status(), RunStatus::Running);
        QElapsedTimer el;
        el.start();
        run.abort();
        const bool finished = run.waitFinished(kAbortGuardMs);
        const qint64 ms = el.elapsed();
        qInfo("abort with %d blocked threads (gil=%d) returned in %lld ms", blocked.load(), int(gil),
              static_cast<long long>(ms));
        QVERIFY(finished);
        QCOMPARE(run.status(), RunStatus::Aborted);
        auto ev = drainAll(run);
        QCOMPARE(count(ev, Ev::ThreadEnd), count(ev, Ev::ThreadStart));
        QCOMPARE(count(ev, Ev::ThreadStart), int(run.recorder().laneCount()));
        QCOMPARE(activeCount(run), 0);
    }

    void abortADetectedDeadlockToo()
    {
        Run run;
        run.start([&] {
            Lock a(run, "a"), b(run, "b");
            Thread t1(run, [&] {
                std::lock_guard ga(a);
                sleepMs(20);
                std::lock_guard gb(b);
            });
            Thread t2(run, [&] {
                std::lock_guard gb(b);
                sleepMs(20);
                std::lock_guard ga(a);
            });
            t1.start();
            t2.start();
            t1.join();
            t2.join();
        });
        QThread::msleep(30);
        QElapsedTimer el;
        el.start();
        run.abort();
        QVERIFY(run.waitFinished(kAbortGuardMs));
        qInfo("abort of a lock-order deadlock returned in %lld ms", static_cast<long long>(el.elapsed()));
        QVERIFY(run.status() == RunStatus::Aborted || run.status() == RunStatus::Deadlock);
    }

    // A thread started once the run is stopping (a deadlock found while main is still starting
    // its threads) unwinds main like any blocking call: only after the threads it did start have
    // ended, since they use main's locals. It used to be a RuntimeError that unwound main's frame
    // at once (TSan, m6.l4 all-max: a worker released a Lock of main's destroyed frame).
    void startInAStoppedRunUnwindsMainLast()
    {
        Run run;
        std::atomic<bool> workerEnded{false};
        bool endedBeforeMainUnwound = false;
        run.start([&] {
            ThreadEvent never(run, "never");
            struct OnExit {
                std::atomic<bool>& ended;
                ~OnExit() { ended = true; }
            };
            Thread worker(run, [&] {
                OnExit onExit{workerEnded};
                never.wait();
            });
            worker.start();
            awaitBlocked(*worker.state());
            run.abort(RunStatus::Deadlock, "found by the monitor meanwhile");
            Thread late(run, [] {});
            try {
                late.start();
            } catch (const Aborted&) {
                endedBeforeMainUnwound = workerEnded.load();
                throw;
            }
        });
        QVERIFY(run.waitFinished(kAbortGuardMs));
        QCOMPARE(run.status(), RunStatus::Deadlock);
        QVERIFY(endedBeforeMainUnwound);
    }
};

QTEST_GUILESS_MAIN(TestAbort)
#include "tst_abort.moc"
