// SPDX-License-Identifier: MIT
// Targeted tests of module 3 (futures): lifecycle legality, deadlines, cancel semantics and
// where done callbacks run (AP14).
#include "scenario_test_util.h"

using namespace tl;
using namespace tl::checks;
using namespace tltest;

class TestModule3 : public QObject {
    Q_OBJECT
private slots:
    // A deadline shorter than every download cuts them off; a generous one sums every success.
    void deadlineDecidesWhatIsSummed()
    {
        // What is summed is exactly what was done by the deadline (the lesson's check). Starting
        // twenty workers can take longer than the 300 ms between the deadline and the first
        // finish (TSan on a loaded machine: task 1 was done), but the last one submitted began
        // its 400+ ms download right before wait(100): it is never summed.
        auto none = runLesson("m3.l1", {{"min_ms", "400"}, {"max_ms", "600"}, {"timeout_ms", "100"}}, 1.0);
        EXPECT_CLEAN(none);
        auto fin0 = marksStarting(none.trace, "sum=");
        QVERIFY(fin0.size() == 1);
        const std::string& text = fin0[0]->text;
        const std::string summed = text.substr(text.find("done tasks: ") + 12);
        QVERIFY2(std::count(summed.begin(), summed.end(), ',') < 19, text.c_str());
        QVERIFY2(summed != "19" && !summed.ends_with(", 19"), text.c_str());
        // The generous deadline is never reached: wait() returns once all are done.
        auto all =
            runLesson("m3.l1", {{"min_ms", "50"}, {"max_ms", "100"}, {"timeout_ms", "5000"}, {"zero_prob", "0"}}, 1.0);
        EXPECT_CLEAN(all);
        auto fin = marksStarting(all.trace, "sum=");
        QCOMPARE(std::count(fin[0]->text.begin(), fin[0]->text.end(), ','), std::ptrdiff_t(19));
    }

    void manualFutureBroadcasts_data()
    {
        QTest::addColumn<QString>("outcome");
        QTest::newRow("result") << "result";
        QTest::newRow("exception") << "exception";
    }
    void manualFutureBroadcasts()
    {
        QFETCH(QString, outcome);
        auto o = runLesson("m3.l2", {{"consumers", "5"}, {"outcome", outcome.toStdString()}});
        EXPECT_CLEAN(o);
        // all five consumers blocked, and every wake comes from the producer's completion
        QCOMPARE(laneIntervals(o.trace, State::WaitFuture, objectId(o.trace, "future")).size(), size_t(5));
    }

    // cancel() is refused on the running task 0 and accepted on pending ones; a cancelled
    // future never becomes a task on any worker.
    void cancelOnlyPending()
    {
        auto o = runLesson("m3.l8", {{"workers", "2"}, {"cancel", "all"}, {"cancel_delay_ms", "50"}});
        EXPECT_CLEAN(o);
        auto cancels = instantsOf(o.trace, Ev::Cancel);
        QCOMPARE(cancels.size(), size_t(10));
        // Refused exactly on the futures a worker had taken (how many the two workers took in
        // the 5 ms before the cancels depends on the machine's load, not on cancel()).
        int refused = 0;
        for (auto* c : cancels) {
            QCOMPARE(c->a == 0, taskOf(o.trace, c->object) != nullptr);
            refused += c->a == 0;
        }
        QCOMPARE(o.trace.tasks.size(), size_t(refused));
        auto l = runLesson("m3.l4");
        EXPECT_CLEAN(l);
        auto byTask = futuresByTask(l.trace);
        bool task0Refused = false;
        for (auto* c : instantsOf(l.trace, Ev::Cancel, -1, byTask[0]))
            task0Refused = task0Refused || c->a == 0;
        QVERIFY(task0Refused);
    }

    // AP14: registered immediately, callbacks of slow tasks run on the workers; registered
    // long after completion they run on main.
    void callbackLaneDependsOnTiming()
    {
        auto early = runLesson("m3.l6", {{"task_max_ms", "100"}, {"register_delay_ms", "0"}, {"tasks", "12"}});
        EXPECT_CLEAN(early);
        int onMain = 0, onWorker = 0;
        for (auto* m : marksStarting(early.trace, "cb "))
            (m->lane == 0 ? onMain : onWorker)++;
        QVERIFY2(onWorker > 0, std::to_string(onMain).c_str());
        auto late = runLesson("m3.l6", {{"task_max_ms", "0"}, {"register_delay_ms", "200"}, {"tasks", "8"}});
        EXPECT_CLEAN(late);
        for (auto* m : marksStarting(late.trace, "cb "))
            QCOMPARE(int(m->lane), 0);
    }

    void raisingCallbackIsLoggedAndSkipped()
    {
        auto o = runLesson("m3.l6", {{"callback_raises", "true"}, {"callbacks_per_future", "2"}, {"tasks", "10"}});
        EXPECT_CLEAN(o);
        QCOMPARE(exceptions(o.trace, "exception calling callback").size(), size_t(10));
        QCOMPARE(marksStarting(o.trace, "cb ").size(), size_t(20));
    }

    void exceptionsTravelToMain()
    {
        auto o = runLesson("m3.l7", {{"fail_prob", "0.5"}, {"tasks", "16"}});
        EXPECT_CLEAN(o);
        int failed = 0;
        for (const auto& t : o.trace.tasks)
            failed += t.outcome == 1;
        QVERIFY(failed > 0);
        QCOMPARE(*field(marksStarting(o.trace, "failed=").back()->text, "failed"), int64_t(failed));
    }
};

QTEST_GUILESS_MAIN(TestModule3)
#include "tst_module3.moc"
