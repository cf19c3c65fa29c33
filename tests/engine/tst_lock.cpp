// SPDX-License-Identifier: MIT
#include "engine/control/run.h"
#include "engine/sync/barrier.h"
#include "engine/sync/lock.h"
#include "engine/sync/thread.h"
#include "engine/work.h"

#include <QtTest>

using namespace tl;

class TestLock : public QObject {
    Q_OBJECT
private slots:
    void mutualExclusionAndHandoff()
    {
        Run run;
        std::atomic<int> inside{0}, maxInside{0};
        run.execute([&] {
            Lock lock(run, "oven");
            std::vector<Thread> threads;
            for (int i = 0; i < 4; ++i)
                threads.emplace_back(run, [&] {
                    for (int k = 0; k < 20; ++k) {
                        std::lock_guard g(lock);
                        int now = ++inside;
                        int m = maxInside.load();
                        while (now > m && !maxInside.compare_exchange_weak(m, now)) {}
                        cpuWork(0.05);
                        --inside;
                    }
                });
            for (auto& t : threads)
                t.start();
            for (auto& t : threads)
                t.join();
        });
        QCOMPARE(run.status(), RunStatus::Finished);
        QCOMPARE(maxInside.load(), 1);
        std::vector<Event> events;
        run.drain(events);
        int begins = 0, ends = 0;
        for (const Event& e : events) {
            begins += e.type == Ev::HoldBegin;
            ends += e.type == Ev::HoldEnd;
        }
        QCOMPARE(begins, 80);
        QCOMPARE(ends, 80);
    }

    void releaseUnlockedIsRuntimeError()
    {
        Run run;
        QString msg;
        run.execute([&] {
            Lock lock(run, "l");
            try {
                lock.release();
            } catch (const RuntimeError& e) {
                msg = e.what();
            }
        });
        QCOMPARE(msg, QString("release unlocked lock"));
    }

    void lockOrderDeadlockIsDetectedAndAborted()
    {
        Run run;
        run.execute(
            [&] {
                Lock a(run, "lock_a"), b(run, "lock_b");
                // Both hold their first lock before either asks for the second: the cycle is certain
                // however the threads are scheduled.
                Barrier bothHold(run, "both hold one", 2);
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
        // Deadlock, not Timeout: the detector, not the 5 s limit, ended the run.
        QCOMPARE(run.status(), RunStatus::Deadlock);
        QVERIFY(QString::fromStdString(run.message()).contains("lock_a"));
    }
};

QTEST_GUILESS_MAIN(TestLock)
#include "tst_lock.moc"
