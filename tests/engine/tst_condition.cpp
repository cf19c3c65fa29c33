// SPDX-License-Identifier: MIT
#include "engine/control/run.h"
#include "engine/sync/condition.h"
#include "engine/sync/thread.h"
#include "engine/work.h"
#include "engine_test_util.h"

#include <QtTest>
#include <deque>

using namespace tl;
using namespace tltest;

class TestCondition : public QObject {
    Q_OBJECT
private slots:
    void withoutLockIsRuntimeError_data()
    {
        QTest::addColumn<int>("lockKind");  // 0 own RLock, 1 Lock, 2 RLock held by another thread
        QTest::newRow("default rlock") << 0;
        QTest::newRow("lock") << 1;
        QTest::newRow("rlock owned elsewhere") << 2;
    }
    void withoutLockIsRuntimeError()
    {
        QFETCH(int, lockKind);
        Run run;
        QString waitMsg, notifyMsg, notifyAllMsg;
        run.execute([&] {
            Lock lock(run, "l");
            RLock rlock(run, "rl");
            std::unique_ptr<Condition> c;
            if (lockKind == 0)
                c = std::make_unique<Condition>(run, "c");
            else if (lockKind == 1)
                c = std::make_unique<Condition>(run, "c", lock);
            else
                c = std::make_unique<Condition>(run, "c", rlock);
            Thread holder(run, [&] {
                rlock.acquire();
                sleepMs(60);
                rlock.release();
            });
            if (lockKind == 2) {
                holder.start();
                sleepMs(15);
            }
            try {
                c->wait(10);
            } catch (const RuntimeError& e) {
                waitMsg = e.what();
            }
            try {
                c->notify();
            } catch (const RuntimeError& e) {
                notifyMsg = e.what();
            }
            try {
                c->notifyAll();
            } catch (const RuntimeError& e) {
                notifyAllMsg = e.what();
            }
            if (lockKind == 2)
                holder.join();
        });
        QCOMPARE(run.status(), RunStatus::Finished);
        QCOMPARE(waitMsg, QString("cannot wait on un-acquired lock"));
        QCOMPARE(notifyMsg, QString("cannot notify on un-acquired lock"));
        QCOMPARE(notifyAllMsg, QString("cannot notify on un-acquired lock"));
    }

    void waitTimesOutReturnsFalseAndReacquires()
    {
        Run run;
        bool result = true, ownedAfterWait = false, ownedAfterOneRelease = false, ownedAfterBoth = true;
        double ms = 0;
        auto owned = [](Condition& c) {
            try {
                c.notify();
                return true;
            } catch (const RuntimeError&) {
                return false;
            }
        };
        run.execute([&] {
            Condition c(run, "c");
            c.acquire();
            c.acquire();  // two RLock levels: both released during the wait, both restored
            QElapsedTimer el;
            el.start();
            result = c.wait(40);
            ms = el.elapsed();
            ownedAfterWait = owned(c);
            c.release();
            ownedAfterOneRelease = owned(c);
            c.release();
            ownedAfterBoth = owned(c);
        });
        QCOMPARE(run.status(), RunStatus::Finished);
        QVERIFY(!result);
        QVERIFY(ms >= 35);
        QVERIFY(ownedAfterWait);
        QVERIFY(ownedAfterOneRelease);
        QVERIFY(!ownedAfterBoth);
    }

    void waitReleasesLockAndNotifyWakes_data()
    {
        QTest::addColumn<bool>("useLock");
        QTest::newRow("rlock") << false;
        QTest::newRow("lock") << true;
    }
    void waitReleasesLockAndNotifyWakes()
    {
        QFETCH(bool, useLock);
        Run run;
        bool woke = false, notifierGotLock = false;
        ObjectId cid = 0;
        run.execute([&] {
            Lock lock(run, "l");
            auto c = useLock ? std::make_unique<Condition>(run, "c", lock) : std::make_unique<Condition>(run, "c");
            cid = c->id();
            Thread waiter(run, [&] {
                std::lock_guard g(*c);
                woke = c->wait();
            });
            waiter.start();
            sleepMs(30);
            notifierGotLock = c->acquire(true, 1000);  // possible only because wait released it
            c->notify();
            c->release();
            waiter.join();
        });
        QCOMPARE(run.status(), RunStatus::Finished);
        QVERIFY(notifierGotLock);
        QVERIFY(woke);
        auto ev = drainAll(run);
        QCOMPARE(count(ev, Ev::Notify, cid), 1);
        QCOMPARE(select(ev, Ev::Notify, cid)[0].a, 1);
        QCOMPARE(count(ev, Ev::FlowStart, cid), 1);
        QCOMPARE(count(ev, Ev::FlowEnd, cid), 1);
        QVERIFY2(checkFlows(ev).isEmpty(), qPrintable(checkFlows(ev)));
        bool sawWait = false;
        for (auto& e : select(ev, Ev::StateChange))
            sawWait |= State(e.a) == State::WaitCondition && e.object == cid;
        QVERIFY(sawWait);
    }

    void notifyNWakesAtMostN_data()
    {
        QTest::addColumn<int>("n");
        QTest::addColumn<bool>("all");
        QTest::newRow("notify(1)") << 1 << false;
        QTest::newRow("notify(2)") << 2 << false;
        QTest::newRow("notify(10)") << 10 << false;
        QTest::newRow("notify_all") << 0 << true;
    }
    void notifyNWakesAtMostN()
    {
        QFETCH(int, n);
        QFETCH(bool, all);
        Run run;
        std::atomic<int> woken{0};
        int wokenAfterNotify = -1;
        run.execute([&] {
            Condition c(run, "c");
            std::vector<Thread> ts;
            for (int i = 0; i < 4; ++i)
                ts.emplace_back(run, [&] {
                    std::lock_guard g(c);
                    if (c.wait(300))
                        ++woken;
                });
            for (auto& t : ts)
                t.start();
            sleepMs(40);
            {
                std::lock_guard g(c);
                if (all)
                    c.notifyAll();
                else
                    c.notify(n);
            }
            sleepMs(60);
            wokenAfterNotify = woken.load();
            for (auto& t : ts)
                t.join();
        });
        QCOMPARE(run.status(), RunStatus::Finished);
        QCOMPARE(wokenAfterNotify, all ? 4 : std::min(n, 4));
        auto ev = drainAll(run);
        QVERIFY2(checkFlows(ev).isEmpty(), qPrintable(checkFlows(ev)));
    }

    void notifyIsFifo()
    {
        Run run;
        std::vector<int> order;
        std::mutex m;
        run.execute([&] {
            Condition c(run, "c");
            std::vector<Thread> ts;
            for (int i = 0; i < 3; ++i) {
                ts.emplace_back(run, [&, i] {
                    std::lock_guard g(c);
                    c.wait();
                    std::lock_guard gm(m);
                    order.push_back(i);
                });
                ts.back().start();
                awaitBlocked(*ts.back().state());  // enlist in order 0, 1, 2
            }
            for (size_t i = 0; i < 3; ++i) {
                {
                    std::lock_guard g(c);
                    c.notify();
                }
                // The woken thread appends before the next notify (however long a loaded
                // machine takes to run it): the order is the wake order.
                for (;;) {
                    {
                        std::lock_guard gm(m);
                        if (order.size() > i)
                            break;
                    }
                    std::this_thread::sleep_for(std::chrono::microseconds(200));
                }
            }
            for (auto& t : ts)
                t.join();
        });
        QCOMPARE(run.status(), RunStatus::Finished);
        QCOMPARE(order, (std::vector<int>{0, 1, 2}));
    }

    void waitForReturnsPredicate()
    {
        Run run;
        bool timedOut = true, satisfied = false;
        double ms = 0;
        run.execute([&] {
            Condition c(run, "c");
            int value = 0;
            {
                std::lock_guard g(c);
                QElapsedTimer el;
                el.start();
                timedOut = c.waitFor([&] { return value > 0; }, 40);
                ms = el.elapsed();
            }
            Thread producer(run, [&] {
                for (int i = 0; i < 3; ++i) {
                    sleepMs(10);
                    std::lock_guard g(c);
                    ++value;
                    c.notifyAll();
                }
            });
            producer.start();
            {
                std::lock_guard g(c);
                satisfied = c.waitFor([&] { return value == 3; });
            }
            producer.join();
        });
        QCOMPARE(run.status(), RunStatus::Finished);
        QVERIFY(!timedOut);
        QVERIFY(ms >= 35);
        QVERIFY(satisfied);
    }

    void boundedBufferWithWhileKeepsInvariant()
    {
        Run run;
        std::atomic<int> minSize{0}, maxSize{0};
        int consumed = 0;
        run.execute([&] {
            Condition c(run, "c");
            std::deque<int> buf;
            const size_t cap = 3;
            std::vector<Thread> ts;
            for (int p = 0; p < 2; ++p)
                ts.emplace_back(run, [&] {
                    for (int i = 0; i < 50; ++i) {
                        std::lock_guard g(c);
                        c.waitFor([&] { return buf.size() < cap; });
                        buf.push_back(i);
                        maxSize = std::max<int>(maxSize, int(buf.size()));
                        c.notifyAll();
                    }
                });
            for (int k = 0; k < 2; ++k)
                ts.emplace_back(run, [&] {
                    for (int i = 0; i < 50; ++i) {
                        std::lock_guard g(c);
                        while (buf.empty())
                            c.wait();
                        buf.pop_front();
                        ++consumed;
                        minSize = std::min<int>(minSize, int(buf.size()));
                        c.notifyAll();
                    }
                });
            for (auto& t : ts)
                t.start();
            for (auto& t : ts)
                t.join();
        });
        QCOMPARE(run.status(), RunStatus::Finished);
        QCOMPARE(consumed, 100);
        QVERIFY(maxSize.load() <= 3);
        QVERIFY(minSize.load() >= 0);
        auto ev = drainAll(run);
        QVERIFY2(checkFlows(ev).isEmpty(), qPrintable(checkFlows(ev)));
    }

    void abortDuringWaitEndsThread()
    {
        Run run;
        QElapsedTimer el;
        run.start([&] {
            Condition c(run, "c");
            std::lock_guard g(c);  // its release after the abort must not throw
            c.wait();
        });
        QTest::qWait(50);
        el.start();
        run.abort();
        QVERIFY(run.waitFinished(kAbortGuardMs));
        QCOMPARE(run.status(), RunStatus::Aborted);
    }
};

QTEST_GUILESS_MAIN(TestCondition)
#include "tst_condition.moc"
