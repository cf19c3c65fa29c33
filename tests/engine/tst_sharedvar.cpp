// SPDX-License-Identifier: MIT
#include "engine/control/run.h"
#include "engine/sync/lock.h"
#include "engine/sync/sharedvar.h"
#include "engine/sync/thread.h"
#include "engine_test_util.h"

#include <QtTest>

using namespace tl;
using namespace tltest;

class TestSharedVar : public QObject {
    Q_OBJECT
private slots:
    void readsAndWritesAreRecordedWithValues()
    {
        Run run;
        ObjectId id = 0;
        run.execute([&] {
            SharedVar v(run, "counter", 7);
            id = v.id();
            v.store(v.load() + 1);
        });
        auto ev = drainAll(run);
        auto r = select(ev, Ev::VarRead, id), w = select(ev, Ev::VarWrite, id);
        QCOMPARE(int(r.size()), 1);
        QCOMPARE(r[0].a, 7);
        QCOMPARE(int(w.size()), 1);
        QCOMPARE(w[0].a, 8);
        QCOMPARE(run.recorder().object(id).kind, ObjectKind::Variable);
    }

    // Unprotected read-modify-write may lose updates (never UB: relaxed atomics); under a Lock
    // the count is exact.
    void lockMakesIncrementsExact_data()
    {
        QTest::addColumn<bool>("locked");
        QTest::newRow("unlocked") << false;
        QTest::newRow("locked") << true;
    }
    void lockMakesIncrementsExact()
    {
        QFETCH(bool, locked);
        Run run;
        int64_t final = 0;
        run.execute([&] {
            SharedVar v(run, "counter");
            Lock lock(run, "l");
            std::vector<Thread> ts;
            for (int i = 0; i < 4; ++i)
                ts.emplace_back(run, [&] {
                    for (int k = 0; k < 2000; ++k) {
                        if (locked)
                            lock.acquire();
                        v.store(v.load() + 1);
                        if (locked)
                            lock.release();
                    }
                });
            for (auto& t : ts)
                t.start();
            for (auto& t : ts)
                t.join();
            final = v.peek();
        });
        QCOMPARE(run.status(), RunStatus::Finished);
        if (locked)
            QCOMPARE(final, int64_t(8000));
        else
            QVERIFY(final >= 2000 && final <= 8000);
    }
};

QTEST_GUILESS_MAIN(TestSharedVar)
#include "tst_sharedvar.moc"
