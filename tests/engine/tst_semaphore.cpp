// SPDX-License-Identifier: MIT
#include "engine/control/run.h"
#include "engine/sync/semaphore.h"
#include "engine/sync/thread.h"
#include "engine/work.h"
#include "engine_test_util.h"

#include <QtTest>

using namespace tl;
using namespace tltest;

class TestSemaphore : public QObject {
    Q_OBJECT
private slots:
    void negativeInitialValueIsValueError()
    {
        Run run;
        QString msg, bmsg;
        run.execute([&] {
            try {
                Semaphore s(run, "s", -1);
            } catch (const ValueError& e) {
                msg = e.what();
            }
            try {
                BoundedSemaphore s(run, "b", -3);
            } catch (const ValueError& e) {
                bmsg = e.what();
            }
        });
        QCOMPARE(msg, QString("semaphore initial value must be >= 0"));
        QCOMPARE(bmsg, QString("semaphore initial value must be >= 0"));
    }

    void permitsLimitConcurrencyAndHoldsNeverExceedPermits_data()
    {
        QTest::addColumn<int>("permits");
        QTest::addColumn<bool>("bounded");
        QTest::newRow("1 plain") << 1 << false;
        QTest::newRow("3 plain") << 3 << false;
        QTest::newRow("3 bounded") << 3 << true;
    }
    void permitsLimitConcurrencyAndHoldsNeverExceedPermits()
    {
        QFETCH(int, permits);
        QFETCH(bool, bounded);
        Run run;
        std::atomic<int> inside{0}, maxInside{0};
        ObjectId id = 0;
        run.execute([&] {
            std::unique_ptr<Semaphore> s = bounded ? std::make_unique<BoundedSemaphore>(run, "parking", permits)
                                                   : std::make_unique<Semaphore>(run, "parking", permits);
            id = s->id();
            std::vector<Thread> ts;
            for (int i = 0; i < 6; ++i)
                ts.emplace_back(run, [&] {
                    for (int k = 0; k < 5; ++k) {
                        std::lock_guard g(*s);
                        int now = ++inside;
                        int m = maxInside.load();
                        while (now > m && !maxInside.compare_exchange_weak(m, now)) {}
                        sleepMs(2);
                        --inside;
                    }
                });
            for (auto& t : ts)
                t.start();
            for (auto& t : ts)
                t.join();
        });
        QCOMPARE(run.status(), RunStatus::Finished);
        QVERIFY(maxInside.load() <= permits);
        auto ev = drainAll(run);
        QCOMPARE(count(ev, Ev::HoldBegin, id), 30);
        QVERIFY2(checkHolds(ev, id, permits).isEmpty(), qPrintable(checkHolds(ev, id, permits)));
        QVERIFY2(checkFlows(ev).isEmpty(), qPrintable(checkFlows(ev)));
        auto counters = select(ev, Ev::Counter, id);
        QVERIFY(!counters.empty());
        for (auto& c : counters) {
            QCOMPARE(CounterKind(c.a), CounterKind::Available);
            QVERIFY(c.b >= 0 && c.b <= permits);
        }
        QCOMPARE(counters.back().b, permits);
        // A waiter wakes only after a release that saw it waiting, and that release starts a
        // handoff flow; how many threads waited at all depends on the scheduler.
        const auto waits = std::count_if(ev.begin(), ev.end(), [&](const Event& e) {
            return e.type == Ev::StateChange && e.object == id && State(e.a) == State::WaitSemaphore;
        });
        QVERIFY(count(ev, Ev::FlowEnd, id) <= waits);
        if (waits > 0)
            QVERIFY(count(ev, Ev::FlowStart, id) > 0);
    }

    void boundedOverReleaseIsValueErrorPlainGrows()
    {
        Run run;
        QString msg;
        int64_t boundedAfter = -1, plainAfter = -1;
        run.execute([&] {
            BoundedSemaphore b(run, "b", 2);
            Semaphore p(run, "p", 2);
            b.acquire();
            b.release();
            try {
                b.release();
            } catch (const ValueError& e) {
                msg = e.what();
            }
            boundedAfter = b.value();
            p.release();
            p.release(2);
            plainAfter = p.value();
        });
        QCOMPARE(run.status(), RunStatus::Finished);
        QCOMPARE(msg, QString("Semaphore released too many times"));
        QCOMPARE(boundedAfter, 2);
        QCOMPARE(plainAfter, 5);
    }

    void releaseNWakesN()
    {
        Run run;
        std::atomic<int> got{0};
        int gotAfterRelease = -1;
        run.execute([&] {
            Semaphore s(run, "s", 0);
            std::vector<Thread> ts;
            for (int i = 0; i < 4; ++i)
                ts.emplace_back(run, [&] {
                    if (s.acquire(true, 300))
                        ++got;
                });
            for (auto& t : ts)
                t.start();
            sleepMs(30);
            s.release(3);
            sleepMs(40);
            gotAfterRelease = got.load();
            for (auto& t : ts)
                t.join();
        });
        QCOMPARE(run.status(), RunStatus::Finished);
        QCOMPARE(gotAfterRelease, 3);
        auto ev = drainAll(run);
        QVERIFY2(checkFlows(ev).isEmpty(), qPrintable(checkFlows(ev)));
    }

    void errorsAndNonBlocking()
    {
        Run run;
        QString nMsg, tMsg;
        bool tryEmpty = true, tryFull = false, timed = true;
        double ms = 0;
        run.execute([&] {
            Semaphore s(run, "s", 1);
            try {
                s.release(0);
            } catch (const ValueError& e) {
                nMsg = e.what();
            }
            try {
                s.acquire(false, 10);
            } catch (const ValueError& e) {
                tMsg = e.what();
            }
            tryFull = s.acquire(false);
            tryEmpty = s.acquire(false);
            QElapsedTimer el;
            el.start();
            timed = s.acquire(true, 30);
            ms = el.elapsed();
            s.release();
        });
        QCOMPARE(run.status(), RunStatus::Finished);
        QCOMPARE(nMsg, QString("n must be one or more"));
        QCOMPARE(tMsg, QString("can't specify timeout for non-blocking acquire"));
        QVERIFY(tryFull);
        QVERIFY(!tryEmpty);
        QVERIFY(!timed);
        QVERIFY(ms >= 25);
        auto ev = drainAll(run);
        auto tries = select(ev, Ev::AcquireTry);
        QCOMPARE(int(tries.size()), 2);
        QCOMPARE(tries[0].a, 1);
        QCOMPARE(tries[1].a, 0);
    }

    void releaseByAnotherThreadEndsTheHolderHold()
    {
        Run run;
        ObjectId id = 0;
        LaneId holderLane = 0;
        run.execute([&] {
            Semaphore s(run, "s", 1);
            id = s.id();
            Thread t(run, [&] { s.acquire(); });
            t.start();
            t.join();
            holderLane = t.lane();
            s.release();  // main gives back the worker's permit
        });
        auto ev = drainAll(run);
        auto ends = select(ev, Ev::HoldEnd, id);
        QCOMPARE(int(ends.size()), 1);
        QCOMPARE(ends[0].b, int64_t(holderLane));
        QCOMPARE(ends[0].lane, LaneId(0));
        QVERIFY(checkHolds(ev, id, 1).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestSemaphore)
#include "tst_semaphore.moc"
