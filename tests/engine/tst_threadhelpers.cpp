// SPDX-License-Identifier: MIT
#include "engine/control/run.h"
#include "engine/sync/event.h"
#include "engine/sync/thread.h"
#include "engine/work.h"

#include <QtTest>
#include <set>

using namespace tl;

class TestThreadHelpers : public QObject {
    Q_OBJECT
private slots:
    void activeCountMatchesEnumerate()
    {
        Run run;
        int countBefore = -1, countDuring = -1, enumDuring = -1, countAfter = -1;
        std::set<std::string> names;
        run.execute([&] {
            countBefore = activeCount();
            ThreadEvent stop(run, "stop");
            std::vector<Thread> ts;
            for (int i = 0; i < 3; ++i)
                ts.emplace_back(
                    run, [&] { stop.wait(); }, "w" + std::to_string(i));
            for (auto& t : ts)
                t.start();
            countDuring = activeCount();
            auto all = enumerate();
            enumDuring = int(all.size());
            for (auto& t : all)
                names.insert(t.name());
            stop.set();
            for (auto& t : ts)
                t.join();
            countAfter = activeCount();
        });
        QCOMPARE(run.status(), RunStatus::Finished);
        QCOMPARE(countBefore, 1);
        QCOMPARE(countDuring, 4);
        QCOMPARE(enumDuring, 4);
        QCOMPARE(names, (std::set<std::string>{"MainThread", "w0", "w1", "w2"}));
        QCOMPARE(countAfter, 1);
    }

    void currentMainAndIdents()
    {
        Run run;
        std::string mainName, workerCurrent, workerMain, renamed;
        bool mainIsMain = false, workerIsNotMain = false, daemonFlag = true;
        int64_t mainIdent = 0, workerIdent = 0, nativeMain = 0, nativeWorker = 0;
        std::optional<int64_t> handleIdent;
        run.execute([&] {
            Thread self = currentThread();
            mainName = self.name();
            mainIsMain = self == mainThread();
            daemonFlag = self.daemon();
            mainIdent = getIdent();
            nativeMain = getNativeId();
            Thread w(
                run,
                [&] {
                    workerCurrent = currentThread().name();
                    workerMain = mainThread().name();
                    workerIsNotMain = !(currentThread() == mainThread());
                    workerIdent = getIdent();
                    nativeWorker = getNativeId();
                },
                "worker");
            w.start();
            w.join();
            handleIdent = w.ident();
            currentThread().setName("My_main_thread");  // renames through an adopted handle
            renamed = mainThread().name();
        });
        QCOMPARE(run.status(), RunStatus::Finished);
        QCOMPARE(mainName, std::string("MainThread"));
        QVERIFY(mainIsMain);
        QVERIFY(!daemonFlag);
        QCOMPARE(workerCurrent, std::string("worker"));
        QCOMPARE(workerMain, std::string("MainThread"));
        QVERIFY(workerIsNotMain);
        QVERIFY(mainIdent != 0 && workerIdent != 0 && mainIdent != workerIdent);
        QVERIFY(nativeMain != 0 && nativeWorker != 0 && nativeMain != nativeWorker);
        QCOMPARE(handleIdent.value_or(0), workerIdent);
        QCOMPARE(renamed, std::string("My_main_thread"));
    }

    void adoptedHandleCannotStartAgain()
    {
        Run run;
        QString msg;
        run.execute([&] {
            try {
                currentThread().start();
            } catch (const RuntimeError& e) {
                msg = e.what();
            }
        });
        QCOMPARE(msg, QString("threads can only be started once"));
    }
};

QTEST_GUILESS_MAIN(TestThreadHelpers)
#include "tst_threadhelpers.moc"
