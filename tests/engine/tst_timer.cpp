// SPDX-License-Identifier: MIT
#include "engine/control/run.h"
#include "engine/sync/timer.h"
#include "engine/work.h"
#include "engine_test_util.h"

#include <QtTest>

using namespace tl;
using namespace tltest;

class TestTimer : public QObject {
    Q_OBJECT
private slots:
    void firesAfterInterval()
    {
        Run run;
        std::atomic<int64_t> firedAtNs{0};
        int64_t startedNs = 0;
        bool fired = false, aliveAfter = true;
        QString name;
        ObjectId id = 0;
        run.execute([&] {
            Timer t(run, 40, [&] { firedAtNs = run.elapsedNs(); });
            id = t.id();
            name = QString::fromStdString(t.name());
            startedNs = run.elapsedNs();
            t.start();
            t.join();
            fired = t.fired();
            aliveAfter = t.isAlive();
        });
        QCOMPARE(run.status(), RunStatus::Finished);
        QVERIFY(fired);
        QVERIFY(!aliveAfter);
        QVERIFY(firedAtNs.load() - startedNs >= 40'000'000);
        QVERIFY(name.startsWith("Thread-"));
        QVERIFY(!name.contains("("));
        QCOMPARE(run.recorder().object(id).kind, ObjectKind::Timer);
        auto ev = drainAll(run);
        bool sawWait = false;
        for (auto& e : select(ev, Ev::StateChange, id))
            sawWait |= State(e.a) == State::WaitEvent;
        QVERIFY(sawWait);
    }

    void cancelDuringWaitNeverFires()
    {
        Run run;
        std::atomic<bool> ran{false};
        bool cancelled = false;
        double joinMs = 0;
        run.execute([&] {
            Timer t(run, 5000, [&] { ran = true; });
            t.start();
            sleepMs(20);
            t.cancel();
            QElapsedTimer el;
            el.start();
            t.join();
            joinMs = el.elapsed();
            cancelled = t.cancelled();
        });
        QCOMPARE(run.status(), RunStatus::Finished);
        QVERIFY(!ran.load());
        QVERIFY(cancelled);
        QVERIFY(joinMs < 1000);
        auto ev = drainAll(run);
        auto c = select(ev, Ev::Cancel);
        QCOMPARE(int(c.size()), 1);
        QCOMPARE(c[0].a, 1);
    }

    void cancelAfterFiringDoesNothing()
    {
        Run run;
        std::atomic<int> runs{0};
        bool cancelled = true;
        run.execute([&] {
            Timer t(run, 5, [&] { ++runs; });
            t.start();
            t.join();
            t.cancel();
            cancelled = t.cancelled();
        });
        QCOMPARE(runs.load(), 1);
        QVERIFY(!cancelled);
        auto ev = drainAll(run);
        QCOMPARE(select(ev, Ev::Cancel)[0].a, 0);
    }

    void chainOfTimersAndDroppedHandles()
    {
        Run run;
        std::atomic<int> bid{0};
        std::function<void()> raise;  // outlives the main body: timers fire after it returns
        run.execute([&] {
            raise = [&] {
                if (++bid < 5) {
                    Timer next(run, 5, raise);  // handle dropped right after start
                    next.start();
                }
            };
            Timer first(run, 5, raise);
            first.start();
        });  // interpreter shutdown joins every non-daemon timer
        QCOMPARE(run.status(), RunStatus::Finished);
        QCOMPARE(bid.load(), 5);
    }

    void startTwiceIsRuntimeError()
    {
        Run run;
        QString msg;
        run.execute([&] {
            Timer t(run, 1, [] {});
            t.start();
            try {
                t.start();
            } catch (const RuntimeError& e) {
                msg = e.what();
            }
            t.join();
        });
        QCOMPARE(msg, QString("threads can only be started once"));
    }
};

QTEST_GUILESS_MAIN(TestTimer)
#include "tst_timer.moc"
