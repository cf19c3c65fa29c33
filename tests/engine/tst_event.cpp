// SPDX-License-Identifier: MIT
#include "engine/control/run.h"
#include "engine/sync/event.h"
#include "engine/sync/thread.h"
#include "engine/work.h"
#include "engine_test_util.h"

#include <QtTest>

using namespace tl;
using namespace tltest;

class TestEvent : public QObject {
    Q_OBJECT
private slots:
    void setWakesEveryWaiterWithFlows()
    {
        Run run;
        std::atomic<int> passed{0};
        ObjectId id = 0;
        run.execute([&] {
            ThreadEvent ev(run, "go");
            id = ev.id();
            std::vector<Thread> ts;
            for (int i = 0; i < 5; ++i)
                ts.emplace_back(run, [&] {
                    if (ev.wait())
                        ++passed;
                });
            for (auto& t : ts)
                t.start();
            sleepMs(40);
            ev.set();
            for (auto& t : ts)
                t.join();
        });
        QCOMPARE(run.status(), RunStatus::Finished);
        QCOMPARE(passed.load(), 5);
        auto ev = drainAll(run);
        QCOMPARE(count(ev, Ev::Set, id), 1);
        QCOMPARE(count(ev, Ev::FlowStart, id), 5);
        QCOMPARE(count(ev, Ev::FlowEnd, id), 5);
        QVERIFY2(checkFlows(ev).isEmpty(), qPrintable(checkFlows(ev)));
        int waits = 0;
        for (auto& e : select(ev, Ev::StateChange))
            waits += State(e.a) == State::WaitEvent && e.object == id;
        QCOMPARE(waits, 5);
    }

    void waitReturnsFlagAndTimesOut()
    {
        Run run;
        bool timed = true, zero = true, afterSet = false, isSetBefore = true, isSetAfter = false;
        bool afterClear = true;
        double ms = 0;
        run.execute([&] {
            ThreadEvent ev(run, "e");
            isSetBefore = ev.isSet();
            QElapsedTimer el;
            el.start();
            timed = ev.wait(40);
            ms = el.elapsed();
            zero = ev.wait(0);
            ev.set();
            isSetAfter = ev.isSet();
            afterSet = ev.wait(0);  // a wait that begins while set returns at once
            ev.clear();
            afterClear = ev.wait(5);
        });
        QCOMPARE(run.status(), RunStatus::Finished);
        QVERIFY(!timed);
        QVERIFY(ms >= 35);
        QVERIFY(!zero);
        QVERIFY(!isSetBefore);
        QVERIFY(isSetAfter);
        QVERIFY(afterSet);
        QVERIFY(!afterClear);
    }

    void setThenClearStillWakesWaiterWithTrue()
    {
        Run run;
        bool result = false;
        run.execute([&] {
            ThreadEvent ev(run, "e");
            Thread t(run, [&] { result = ev.wait(); });
            t.start();
            sleepMs(30);
            ev.set();
            ev.clear();  // Python: the waiter was notified, wait() returns True
            t.join();
        });
        QCOMPARE(run.status(), RunStatus::Finished);
        QVERIFY(result);
    }

    void clearWakesNoOne()
    {
        Run run;
        bool result = true;
        run.execute([&] {
            ThreadEvent ev(run, "e");
            Thread t(run, [&] { result = ev.wait(80); });
            t.start();
            sleepMs(20);
            ev.clear();
            t.join();
        });
        QVERIFY(!result);
        auto ev = drainAll(run);
        QCOMPARE(count(ev, Ev::Clear), 1);
        QCOMPARE(count(ev, Ev::FlowStart), 0);
    }

    void abortInterruptsWait()
    {
        Run run;
        run.start([&] {
            ThreadEvent ev(run, "never");
            ev.wait();
        });
        QTest::qWait(30);
        QElapsedTimer el;
        el.start();
        run.abort();
        QVERIFY(run.waitFinished(kAbortGuardMs));
    }
};

QTEST_GUILESS_MAIN(TestEvent)
#include "tst_event.moc"
