// SPDX-License-Identifier: MIT
#include "engine/control/run.h"
#include "engine/sync/barrier.h"
#include "engine/sync/thread.h"
#include "engine/work.h"
#include "engine_test_util.h"

#include <QtTest>
#include <set>

using namespace tl;
using namespace tltest;

class TestBarrier : public QObject {
    Q_OBJECT
private slots:
    // CPython: index = arrival order, the first gets 0, the last parties-1 (checked on 3.11).
    void indicesFollowArrivalAndActionRunsOnceBeforeRelease()
    {
        Run run;
        std::vector<int> idx(4, -1);
        std::atomic<int> actions{0};
        std::atomic<int> passedBeforeAction{0};
        std::atomic<int> passed{0};
        ObjectId id = 0;
        run.execute([&] {
            Barrier b(run, "b", 4, [&] {
                ++actions;
                passedBeforeAction = passed.load();
            });
            id = b.id();
            std::vector<Thread> ts;
            for (int i = 0; i < 4; ++i)
                ts.emplace_back(run, [&, i] {
                    idx[i] = b.wait();
                    ++passed;
                });
            // Arrivals in the order 0..3: each starts once the one before waits at the barrier.
            for (int i = 0; i < 4; ++i) {
                ts[size_t(i)].start();
                if (i < 3)
                    awaitBlocked(*ts[size_t(i)].state());
            }
            for (auto& t : ts)
                t.join();
        });
        QCOMPARE(run.status(), RunStatus::Finished);
        QCOMPARE(idx, (std::vector<int>{0, 1, 2, 3}));
        QCOMPARE(actions.load(), 1);
        QCOMPARE(passedBeforeAction.load(), 0);
        auto ev = drainAll(run);
        auto passes = select(ev, Ev::BarrierPass, id);
        QCOMPARE(int(passes.size()), 4);
        std::set<int64_t> seen;
        for (auto& p : passes)
            seen.insert(p.a);
        QCOMPARE(int(seen.size()), 4);
        QCOMPARE(count(ev, Ev::FlowStart, id), 3);  // last arrival → each of 3 waiters
        QVERIFY2(checkFlows(ev).isEmpty(), qPrintable(checkFlows(ev)));
    }

    void reusableAcrossRounds()
    {
        Run run;
        std::atomic<int> total{0};
        run.execute([&] {
            Barrier b(run, "b", 3);
            std::vector<Thread> ts;
            for (int i = 0; i < 3; ++i)
                ts.emplace_back(run, [&] {
                    for (int r = 0; r < 20; ++r)
                        total += b.wait() >= 0;
                });
            for (auto& t : ts)
                t.start();
            for (auto& t : ts)
                t.join();
        });
        QCOMPARE(run.status(), RunStatus::Finished);
        QCOMPARE(total.load(), 60);
    }

    void timeoutBreaksBarrier()
    {
        Run run;
        std::atomic<int> broken{0};
        bool isBroken = false, laterBroken = false;
        ObjectId id = 0;
        run.execute([&] {
            Barrier b(run, "b", 3);
            id = b.id();
            std::vector<Thread> ts;
            for (int i = 0; i < 2; ++i)
                ts.emplace_back(run, [&, i] {
                    try {
                        b.wait(i == 0 ? 30 : kForever);
                    } catch (const BrokenBarrierError&) {
                        ++broken;
                    }
                });
            for (auto& t : ts)
                t.start();
            for (auto& t : ts)
                t.join();
            isBroken = b.broken();
            try {
                b.wait();
            } catch (const BrokenBarrierError&) {
                laterBroken = true;
            }
        });
        QCOMPARE(run.status(), RunStatus::Finished);
        QCOMPARE(broken.load(), 2);
        QVERIFY(isBroken);
        QVERIFY(laterBroken);
        auto ev = drainAll(run);
        QCOMPARE(count(ev, Ev::BarrierBroken, id), 1);
    }

    void defaultTimeoutFromConstructor()
    {
        Run run;
        bool brokenErr = false;
        run.execute([&] {
            Barrier b(run, "b", 2, {}, 20);
            try {
                b.wait();
            } catch (const BrokenBarrierError&) {
                brokenErr = true;
            }
        });
        QVERIFY(brokenErr);
    }

    void actionThatThrowsBreaksBarrier()
    {
        Run run;
        std::atomic<int> brokenErrs{0}, valueErrs{0};
        run.execute([&] {
            Barrier b(run, "b", 3, [] { throw ValueError("boom"); });
            std::vector<Thread> ts;
            for (int i = 0; i < 3; ++i)
                ts.emplace_back(run, [&] {
                    try {
                        b.wait();
                    } catch (const BrokenBarrierError&) {
                        ++brokenErrs;
                    } catch (const ValueError&) {
                        ++valueErrs;
                    }
                });
            for (auto& t : ts)
                t.start();
            for (auto& t : ts)
                t.join();
        });
        QCOMPARE(run.status(), RunStatus::Finished);
        QCOMPARE(valueErrs.load(), 1);  // the thread that ran the action
        QCOMPARE(brokenErrs.load(), 2);  // the others
    }

    void abortAndReset()
    {
        Run run;
        std::atomic<int> broken{0};
        int waitingBefore = -1, waitingAfter = -1;
        bool brokenAfterAbort = false, brokenAfterReset = true;
        std::vector<int> secondRound;
        std::mutex m;
        run.execute([&] {
            Barrier b(run, "b", 3);
            std::vector<Thread> ts;
            for (int i = 0; i < 2; ++i)
                ts.emplace_back(run, [&] {
                    try {
                        b.wait();
                    } catch (const BrokenBarrierError&) {
                        ++broken;
                    }
                });
            for (auto& t : ts)
                t.start();
            sleepMs(30);
            waitingBefore = b.nWaiting();
            b.abort();
            for (auto& t : ts)
                t.join();
            brokenAfterAbort = b.broken();
            waitingAfter = b.nWaiting();
            b.reset();
            brokenAfterReset = b.broken();
            std::vector<Thread> ts2;
            for (int i = 0; i < 3; ++i)
                ts2.emplace_back(run, [&] {
                    int k = b.wait();
                    std::lock_guard g(m);
                    secondRound.push_back(k);
                });
            for (auto& t : ts2)
                t.start();
            for (auto& t : ts2)
                t.join();
        });
        QCOMPARE(run.status(), RunStatus::Finished);
        QCOMPARE(waitingBefore, 2);
        QCOMPARE(broken.load(), 2);
        QVERIFY(brokenAfterAbort);
        QCOMPARE(waitingAfter, 0);
        QVERIFY(!brokenAfterReset);
        std::sort(secondRound.begin(), secondRound.end());
        QCOMPARE(secondRound, (std::vector<int>{0, 1, 2}));
    }

    void resetWhileWaitingBreaksWaiters()
    {
        Run run;
        std::atomic<int> broken{0};
        run.execute([&] {
            Barrier b(run, "b", 3);
            Thread t(run, [&] {
                try {
                    b.wait();
                } catch (const BrokenBarrierError&) {
                    ++broken;
                }
            });
            t.start();
            sleepMs(30);
            b.reset();
            t.join();
        });
        QCOMPARE(run.status(), RunStatus::Finished);
        QCOMPARE(broken.load(), 1);
    }
};

QTEST_GUILESS_MAIN(TestBarrier)
#include "tst_barrier.moc"
