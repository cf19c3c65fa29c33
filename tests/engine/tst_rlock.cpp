// SPDX-License-Identifier: MIT
#include "engine/control/run.h"
#include "engine/sync/barrier.h"
#include "engine/sync/rlock.h"
#include "engine/sync/thread.h"
#include "engine/work.h"
#include "engine_test_util.h"

#include <QtTest>

using namespace tl;
using namespace tltest;

class TestRLock : public QObject {
    Q_OBJECT
private slots:
    void ownerReentersAndOneHoldSpansOutermost()
    {
        Run run;
        ObjectId id = 0;
        int countInside = 0;
        bool ownedAfter = true;
        run.execute([&] {
            RLock r(run, "r");
            id = r.id();
            r.acquire();
            r.acquire();
            r.acquire();
            countInside = r.count();
            r.release();
            r.release();
            r.release();
            ownedAfter = r.isOwned();
        });
        QCOMPARE(run.status(), RunStatus::Finished);
        QCOMPARE(countInside, 3);
        QVERIFY(!ownedAfter);
        auto ev = drainAll(run);
        QCOMPARE(count(ev, Ev::HoldBegin, id), 1);
        QCOMPARE(count(ev, Ev::HoldEnd, id), 1);
        QVERIFY(checkHolds(ev, id, 1).isEmpty());
    }

    void releaseByNonOwnerIsRuntimeError_data()
    {
        QTest::addColumn<bool>("heldByOther");
        QTest::newRow("unheld") << false;
        QTest::newRow("held by another thread") << true;
    }
    void releaseByNonOwnerIsRuntimeError()
    {
        QFETCH(bool, heldByOther);
        Run run;
        QString msg;
        run.execute([&] {
            RLock r(run, "r");
            Thread holder(run, [&] {
                r.acquire();
                sleepMs(50);
                r.release();
            });
            if (heldByOther) {
                holder.start();
                sleepMs(10);
            }
            try {
                r.release();
            } catch (const RuntimeError& e) {
                msg = e.what();
            }
            if (heldByOther)
                holder.join();
        });
        QCOMPARE(run.status(), RunStatus::Finished);
        QCOMPARE(msg, QString("cannot release un-acquired lock"));
    }

    void othersWaitUntilLastRelease()
    {
        Run run;
        std::atomic<bool> otherGotIt{false};
        bool gotBeforeLast = true;
        ObjectId id = 0;
        run.execute([&] {
            RLock r(run, "r");
            id = r.id();
            r.acquire();
            r.acquire();
            Thread t(run, [&] {
                r.acquire();
                otherGotIt = true;
                r.release();
            });
            t.start();
            sleepMs(20);
            r.release();
            sleepMs(20);
            gotBeforeLast = otherGotIt.load();
            r.release();
            t.join();
        });
        QCOMPARE(run.status(), RunStatus::Finished);
        QVERIFY(!gotBeforeLast);
        QVERIFY(otherGotIt.load());
        auto ev = drainAll(run);
        QVERIFY(checkHolds(ev, id, 1).isEmpty());
        QCOMPARE(count(ev, Ev::FlowStart, id), 1);  // the handoff to the waiter
        QVERIFY2(checkFlows(ev).isEmpty(), qPrintable(checkFlows(ev)));
        bool sawWait = false;
        for (auto& e : select(ev, Ev::StateChange))
            sawWait |= State(e.a) == State::WaitRLock && e.object == id;
        QVERIFY(sawWait);
    }

    void nonBlockingAndTimeout()
    {
        Run run;
        bool tryOk = true, timedOk = true, ownTry = false;
        QString msg;
        double waitedMs = 0;
        run.execute([&] {
            RLock r(run, "r");
            ownTry = r.acquire(false);  // free → true
            r.release();
            Thread t(run, [&] {
                r.acquire();
                sleepMs(200);
                r.release();
            });
            t.start();
            sleepMs(20);
            tryOk = r.acquire(false);
            QElapsedTimer el;
            el.start();
            timedOk = r.acquire(true, 30);
            waitedMs = el.elapsed();
            try {
                r.acquire(false, 5);
            } catch (const ValueError& e) {
                msg = e.what();
            }
            t.join();
        });
        QCOMPARE(run.status(), RunStatus::Finished);
        QVERIFY(ownTry);
        QVERIFY(!tryOk);
        QVERIFY(!timedOk);
        QVERIFY(waitedMs >= 25);
        QCOMPARE(msg, QString("can't specify a timeout for a non-blocking call"));
    }

    void deadlockThroughRLocksIsDetected()
    {
        Run run;
        run.execute(
            [&] {
                RLock a(run, "rlock_a"), b(run, "rlock_b");
                Barrier bothHold(run, "both hold one", 2);  // the cycle forms however threads are scheduled
                Thread t1(run, [&] {
                    std::lock_guard ga(a);
                    bothHold.wait();
                    std::lock_guard gb(b);
                });
                Thread t2(run, [&] {
                    std::lock_guard gb(b);
                    bothHold.wait();
                    std::lock_guard ga(a);
                });
                t1.start();
                t2.start();
                t1.join();
                t2.join();
            },
            5000);
        QCOMPARE(run.status(), RunStatus::Deadlock);
        QVERIFY(QString::fromStdString(run.message()).contains("rlock_"));
    }
};

QTEST_GUILESS_MAIN(TestRLock)
#include "tst_rlock.moc"
