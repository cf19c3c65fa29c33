// SPDX-License-Identifier: MIT
// Targeted tests for the module 7 lessons (downloads: simulated network, real files).
#include "scenario_test_util.h"

#include <filesystem>
#include <unistd.h>

using namespace tl;
using namespace tl::checks;
using namespace tltest;

namespace {
// Temporary folders left behind by the download lessons.
int leftoverFolders()
{
    int n = 0;
    for (const auto& e : std::filesystem::directory_iterator(std::filesystem::temp_directory_path()))
        if (e.path().filename().string().rfind("threadlens-m7l", 0) == 0 &&
            e.path().filename().string().find("-" + std::to_string(::getpid()) + "-") != std::string::npos)
            ++n;
    return n;
}
}  // namespace

class TestModule7 : public QObject {
    Q_OBJECT
private slots:
    // Every download lesson removes its temporary folders (the sweep over parameters runs in
    // tst_all_scenarios; this is the one thing it does not look at).
    void noFolderLeftBehind_data()
    {
        QTest::addColumn<QString>("id");
        for (const char* id : {"m7.l1", "m7.l2", "m7.l3"})
            QTest::newRow(id) << QString(id);
    }
    void noFolderLeftBehind()
    {
        QFETCH(QString, id);
        auto r = runLesson(id.toStdString(), {}, 0.05);
        EXPECT_CLEAN(r);
        QCOMPARE(leftoverFolders(), 0);
    }

    // The pool overlaps the waits that the sequential loop has one after the other (stated on
    // the trace's order, at real time: a loaded machine stretches the wall-clock speed-up).
    void parallelIsFaster()
    {
        auto r = runLesson("m7.l1", {{"files", "8"}, {"workers", "4"}}, 1.0);
        QVERIFY2(r.issues.empty(), joined(r.issues).c_str());
        const auto p0 = marksStarting(r.trace, "parallel start")[0]->t;
        std::vector<tl::checks::Span> sequential, parallel;
        for (const Lane& lane : r.trace.lanes)
            for (const Interval& iv : lane.intervals)
                if (iv.state == State::Io)
                    (iv.start < p0 ? sequential : parallel).push_back({iv.start, iv.end});
        QVERIFY(!sequential.empty() && !parallel.empty());
        QCOMPARE(tl::checks::maxConcurrent(sequential), 1);
        QVERIFY2(tl::checks::maxConcurrent(parallel) >= 2, "the pool's downloads never overlapped");
    }

    // The shared folder lock serializes the downloads: task spans never overlap.
    void sharedDirLockSerializes()
    {
        auto r = runLesson("m7.l2", {{"files", "8"}, {"workers", "4"}, {"shared_dir_lock", "true"}});
        QVERIFY2(r.issues.empty(), joined(r.issues).c_str());
        const ObjectId lk = objectId(r.trace, "dir_lock");
        QCOMPARE(int(holdsOf(r.trace, lk).size()), 8);
        QVERIFY(r.trace.statistics().locks.size() >= 1);
        int contended = 0;
        for (const auto& l : r.trace.statistics().locks)
            if (l.name == "dir_lock")
                contended = int(l.contended);
        QVERIFY(contended > 0);
    }

    void everyHandlingKeepsEveryException_data()
    {
        QTest::addColumn<QString>("handling");
        QTest::newRow("inside_task") << "inside_task";
        QTest::newRow("main_result") << "main_result";
        QTest::newRow("callback") << "callback";
    }
    void everyHandlingKeepsEveryException()
    {
        QFETCH(QString, handling);
        auto r = runLesson("m7.l3", {{"handling", handling.toStdString()}, {"fail_prob", "0.5"}, {"retries", "1"}});
        QVERIFY2(r.issues.empty(), joined(r.issues).c_str());
        // With p = 0.5 and one retry some files must fail for good and some must be retried.
        QVERIFY(*lastField(r.trace, "summary", "failed") > 0);
        QVERIFY(*lastField(r.trace, "summary", "retried") > 0);
        QVERIFY(!exceptions(r.trace, " attempt ").empty());
    }

    void sameSeedSameOutcome()
    {
        auto a = runLesson("m7.l3", {{"fail_prob", "0.4"}}, 0.05, 7);
        auto b = runLesson("m7.l3", {{"fail_prob", "0.4"}}, 0.05, 7);
        QCOMPARE(marksStarting(a.trace, "summary")[0]->text, marksStarting(b.trace, "summary")[0]->text);
    }
};

QTEST_GUILESS_MAIN(TestModule7)
#include "tst_module7.moc"
