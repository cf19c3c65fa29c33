// SPDX-License-Identifier: MIT
#include "engine/control/run.h"
#include "engine/sync/thread.h"
#include "engine/sync/threadlocal.h"
#include "engine/work.h"

#include <QtTest>

using namespace tl;

class TestThreadLocal : public QObject {
    Q_OBJECT
private slots:
    void eachThreadSeesItsOwnValue()
    {
        Run run;
        std::vector<int> seen(3, -1);
        size_t threadsWithValue = 0;
        run.execute([&] {
            ThreadLocal<int> local("x");
            local.set(100);
            std::vector<Thread> ts;
            for (int i = 0; i < 3; ++i)
                ts.emplace_back(run, [&, i] {
                    local.set(i);
                    sleepMs(10);
                    seen[i] = local.get();
                });
            for (auto& t : ts)
                t.start();
            for (auto& t : ts)
                t.join();
            threadsWithValue = local.size();
            seen.push_back(local.get());
        });
        QCOMPARE(run.status(), RunStatus::Finished);
        QCOMPARE(seen, (std::vector<int>{0, 1, 2, 100}));
        QCOMPARE(threadsWithValue, size_t(4));
    }

    void unsetIsAttributeError()
    {
        Run run;
        QString msg, delMsg;
        bool has = true;
        int fallback = 0;
        run.execute([&] {
            ThreadLocal<std::string> local("name");
            local.set("main");
            Thread t(run, [&] {
                has = local.has();
                fallback = local.value("dflt") == "dflt" ? 1 : 0;
                try {
                    local.get();
                } catch (const AttributeError& e) {
                    msg = e.what();
                }
                try {
                    local.erase();
                } catch (const AttributeError& e) {
                    delMsg = e.what();
                }
            });
            t.start();
            t.join();
        });
        QCOMPARE(run.status(), RunStatus::Finished);
        QVERIFY(!has);
        QCOMPARE(fallback, 1);
        QCOMPARE(msg, QString("'_thread._local' object has no attribute 'name'"));
        QCOMPARE(delMsg, msg);
    }
};

QTEST_GUILESS_MAIN(TestThreadLocal)
#include "tst_threadlocal.moc"
