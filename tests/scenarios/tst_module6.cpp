// SPDX-License-Identifier: MIT
// Targeted tests for the module 6 lessons (advanced locking).
#include "scenario_test_util.h"

using namespace tl;
using namespace tl::checks;
using namespace tltest;

namespace {

// Opposite lock orders deadlock for real when the threads run at once, and the engine reports
// the cycle. Real scheduling at real time: on a loaded machine one thread can still finish
// before the other starts (its lane ends before the other's begins); such a run proves
// nothing and another seed (the threads' start order) is tried.
void expectDeadlock(const std::string& id, const std::map<std::string, std::string>& values)
{
    int overlapping = 0;
    for (uint64_t seed = 1; seed <= 8; ++seed) {
        auto r = runLesson(id, values, 1.0, seed);
        QVERIFY2(r.issues.empty(), joined(r.issues).c_str());
        if (r.trace.result.status == "deadlock") {
            QVERIFY(!instantsOf(r.trace, Ev::Deadlock).empty());
            return;
        }
        std::vector<LaneId> others;
        for (size_t l = 1; l < r.trace.lanes.size(); ++l)
            others.push_back(LaneId(l));
        overlapping += tl::checks::maxConcurrent(tl::checks::lifetimes(r.trace, others)) >= 2;
    }
    if (overlapping == 0)
        QSKIP("the threads never ran at once on this machine: no chance to deadlock");
    QFAIL("opposite lock orders never deadlocked although the threads ran at once");
}

}  // namespace

class TestModule6 : public QObject {
    Q_OBJECT
private slots:
    // Saturated lock: the check measures >= 80% utilization while every worker is alive.
    void contentionSaturates()
    {
        auto r = runLesson("m6.l1", {{"threads", "6"}, {"iterations", "5"}, {"cs_ms", "40"}, {"outside_ms", "20"}});
        QVERIFY2(r.issues.empty(), joined(r.issues).c_str());
        const auto st = r.trace.statistics();
        bool found = false;
        for (const auto& l : st.locks)
            if (l.name == "lock") {
                found = true;
                QCOMPARE(l.acquisitions, int64_t(30));
                QVERIFY(l.contended > 0);
            }
        QVERIFY(found);
    }

    // More stripes, less waiting on locks.
    void stripingReducesWaiting()
    {
        auto waitTime = [](const Trace& tr) {
            int64_t w = 0;
            for (const auto& lane : tr.lanes)
                for (const auto& iv : lane.intervals)
                    if (iv.state == State::WaitLock)
                        w += iv.end - iv.start;
            return w;
        };
        const std::map<std::string, std::string> base{{"global_op_every", "0"}, {"updates", "10"}};
        auto one = base, many = base;
        one["stripes"] = "1";
        many["stripes"] = "16";
        // Real time: the waits are long against a loaded machine's scheduling delays.
        auto r1 = runLesson("m6.l2", one, 1.0), r16 = runLesson("m6.l2", many, 1.0);
        QVERIFY2(r1.issues.empty(), joined(r1.issues).c_str());
        QVERIFY2(r16.issues.empty(), joined(r16.issues).c_str());
        QVERIFY2(waitTime(r16.trace) < waitTime(r1.trace), "16 stripes should wait less than 1");
    }

    // Inconsistent ordering of the global op deadlocks for real; the engine reports the cycle.
    void inconsistentOrderingDeadlocks()
    {
        expectDeadlock("m6.l2", {{"threads", "2"},
                                 {"stripes", "2"},
                                 {"global_op_every", "1"},
                                 {"updates", "5"},
                                 {"inconsistent_ordering", "true"}});
    }

    void blockingOppositeOrderDeadlocks() { expectDeadlock("m6.l4", {{"blocking", "true"}, {"work_ms", "100"}}); }

    void backoffFinishesWithRetries_data()
    {
        QTest::addColumn<QString>("mode");
        QTest::newRow("try") << "try_backoff";
        QTest::newRow("timeout") << "timeout_backoff";
    }
    void backoffFinishesWithRetries()
    {
        QFETCH(QString, mode);
        auto r = runLesson("m6.l4", {{"mode", mode.toStdString()}, {"threads", "4"}});
        QVERIFY2(r.issues.empty(), joined(r.issues).c_str());
        QCOMPARE(r.trace.result.status, std::string("finished"));
        QCOMPARE(int(marksStarting(r.trace, "done after").size() + marksStarting(r.trace, "give up").size()), 4);
    }

    void splittingExactTotals_data()
    {
        QTest::addColumn<QString>("mode");
        QTest::newRow("coarse") << "coarse";
        QTest::newRow("split") << "split";
    }
    void splittingExactTotals()
    {
        QFETCH(QString, mode);
        auto r = runLesson("m6.l3", {{"mode", mode.toStdString()}, {"vars", "3"}});
        QVERIFY2(r.issues.empty(), joined(r.issues).c_str());
    }

    void overheadAcquireCounts_data()
    {
        QTest::addColumn<QString>("mode");
        QTest::addColumn<int>("acquires");
        QTest::newRow("per_op") << "per_op" << 5000;
        QTest::newRow("per_batch") << "per_batch" << 50;
    }
    void overheadAcquireCounts()
    {
        QFETCH(QString, mode);
        QFETCH(int, acquires);
        auto r = runLesson("m6.l5", {{"mode", mode.toStdString()}, {"ops", "5000"}, {"batch", "100"}});
        QVERIFY2(r.issues.empty(), joined(r.issues).c_str());
        QCOMPARE(int(holdsOf(r.trace, objectId(r.trace, "counter_lock")).size()), acquires);
    }
};

QTEST_GUILESS_MAIN(TestModule6)
#include "tst_module6.moc"
