// SPDX-License-Identifier: MIT
// Module 1 (threads basics): the effects each lesson is about, shown on the recorded trace.
#include "scenario_test_util.h"

#include <QTest>

using namespace tl;
using namespace tl::checks;
using namespace tltest;

class TestModule1 : public QObject {
    Q_OBJECT

private slots:
    void introThreadsOverlapWaits()
    {
        // Waits of 400 ms (real time): far longer than starting a thread on a loaded machine.
        auto seq = runLesson("m1.l1", {{"tasks", "4"}, {"task_ms", "400"}, {"mode", "sequential"}}, 1.0);
        auto thr = runLesson("m1.l1", {{"tasks", "4"}, {"task_ms", "400"}, {"mode", "threaded"}}, 1.0);
        TL_VERIFY_CLEAN(seq);
        TL_VERIFY_CLEAN(thr);
        QCOMPARE(int(seq.trace.lanes.size()), 1);
        QCOMPARE(int(thr.trace.lanes.size()), 5);
        // Four waits in a row versus four at once (their order, not the wall time: load stretches it).
        QCOMPARE(maxConcurrentInState(seq.trace, State::Io), 1);
        QVERIFY2(maxConcurrentInState(thr.trace, State::Io) >= 2, "the threads' waits never overlapped");
    }

    void gilMakesCpuThreadsTakeTurns_data()
    {
        QTest::addColumn<int>("gil");
        QTest::newRow("gil") << 1;
        QTest::newRow("free-threaded") << 0;
    }
    void gilMakesCpuThreadsTakeTurns()
    {
        QFETCH(int, gil);
        auto r =
            runLesson("m1.l2", {{"threads", "3"}, {"cpu_work_ms", "200"}, {"workload", "cpu"}}, kTimeScale, 1, gil);
        TL_VERIFY_CLEAN(r);
        const int64_t waitedForGil = unionLength(spansIn(r.trace, State::WaitGil));
        if (gil)
            QVERIFY2(waitedForGil > 0, "under the GIL the CPU threads must wait for it");
        else
            QCOMPARE(waitedForGil, int64_t(0));
    }

    void resultsAreReadAfterJoin()
    {
        auto r = runLesson("m1.l3", {{"workers", "4"}, {"work_ms", "100"}, {"start_stagger_ms", "50"}});
        TL_VERIFY_CLEAN(r);
        QCOMPARE(int(instantsOf(r.trace, Ev::VarWrite).size()), 4);
        QCOMPARE(int(instantsOf(r.trace, Ev::VarRead, 0).size()), 4);
    }

    void sameSeedSameValues()
    {
        auto a = runLesson("m1.l3", {{"workers", "3"}, {"work_ms", "20"}}, 0.05, 7);
        auto b = runLesson("m1.l3", {{"workers", "3"}, {"work_ms", "20"}}, 0.05, 7);
        auto c = runLesson("m1.l3", {{"workers", "3"}, {"work_ms", "20"}}, 0.05, 8);
        auto values = [](const Trace& t) {
            std::vector<std::string> v;
            for (const Instant* m : marksStarting(t, "sum_", 0))
                v.push_back(m->text);
            return v;
        };
        QCOMPARE(values(a.trace), values(b.trace));
        QVERIFY(values(a.trace) != values(c.trace));
    }

    void daemonWorkerIsCutAtExit_data()
    {
        QTest::addColumn<bool>("daemon");
        QTest::newRow("non-daemon") << false;
        QTest::newRow("daemon") << true;
    }
    void daemonWorkerIsCutAtExit()
    {
        QFETCH(bool, daemon);
        auto r = runLesson("m1.l4", {{"worker_ms", "400"}, {"worker_daemon", daemon ? "true" : "false"}});
        TL_VERIFY_CLEAN(r);
        const auto w = laneNamed(r.trace, "worker");
        QVERIFY(w);
        QCOMPARE(r.trace.lanes[*w].killed, daemon);
        QCOMPARE(firstMark(r.trace, "worker: finished") != nullptr, !daemon);
        QCOMPARE(r.trace.lanes[0].info.name, std::string("My_main_thread"));
    }

    void waitMethods_data()
    {
        QTest::addColumn<QString>("method");
        for (const char* m : {"join", "event", "queue", "poll"})
            QTest::newRow(m) << m;
    }
    void waitMethods()
    {
        QFETCH(QString, method);
        auto r = runLesson("m1.l5", {{"a_count", "3"},
                                     {"a_period_ms", "100"},
                                     {"b_count", "2"},
                                     {"b_period_ms", "200"},
                                     {"method", method.toStdString()},
                                     {"poll_ms", "20"}});
        TL_VERIFY_CLEAN(r);
        if (method == "event")
            QCOMPARE(int(instantsOf(r.trace, Ev::Set).size()), 2);
        if (method == "queue")
            QCOMPARE(int(flowsOf(r.trace, FlowKind::Item, 0).size()), 2);
        if (method == "poll")  // main burns CPU instead of blocking
            QVERIFY(intervalsIn(r.trace, 0, State::WaitJoin).size() <= 2 && timeIn(r.trace, 0, State::Run) > 0);
    }

    void joinOrderDoesNotChangeTotal()
    {
        auto ab = runLesson(
            "m1.l6",
            {{"join_order", "AB"}, {"a_count", "3"}, {"a_period_ms", "100"}, {"b_count", "3"}, {"b_period_ms", "200"}});
        auto ba = runLesson(
            "m1.l6",
            {{"join_order", "BA"}, {"a_count", "3"}, {"a_period_ms", "100"}, {"b_count", "3"}, {"b_period_ms", "200"}});
        TL_VERIFY_CLEAN(ab);
        TL_VERIFY_CLEAN(ba);
        // BA: the second join (A) has nothing left to wait for once A ended during the join on B
        // (whether it did depends on the machine's load; that it then does not wait does not).
        const auto a = laneNamed(ba.trace, "A"), b = laneNamed(ba.trace, "B");
        QVERIFY(a && b);
        const auto onB = joinWaits(ba.trace, 0, *b);
        QVERIFY(!onB.empty());
        if (ba.trace.lanes[*a].end < onB.front().start)
            QVERIFY(joinWaits(ba.trace, 0, *a).empty());
    }

    void joinTimeoutLeavesThreadAlive()
    {
        auto r = runLesson("m1.l6", {{"join_timeout_ms", "100"},
                                     {"a_count", "5"},
                                     {"a_period_ms", "200"},
                                     {"b_count", "5"},
                                     {"b_period_ms", "200"}});
        TL_VERIFY_CLEAN(r);
        const Instant* m = firstMark(r.trace, "A alive after join: ");
        QVERIFY(m);
        // A lives 1 s, the join gives up after 100 ms: it times out and A is still alive,
        // unless the machine was so loaded that A had ended before main began to wait.
        const auto a = laneNamed(r.trace, "A");
        QVERIFY(a);
        const auto onA = joinWaits(r.trace, 0, *a);
        if (!onA.empty() && r.trace.lanes[*a].end > onA.front().start) {
            QVERIFY(!waitsWithOutcome(r.trace, 0, Outcome::Timeout).empty());
            if (r.trace.lanes[*a].end > m->t)  // not ended by the report: the flag was still set
                QVERIFY2(m->text.find("True") != std::string::npos, m->text.c_str());
        }
    }

    void pipelineStages_data()
    {
        QTest::addColumn<QString>("mode");
        QTest::newRow("concurrent (AP15)") << "concurrent";
        QTest::newRow("chained") << "chained";
    }
    void pipelineStages()
    {
        QFETCH(QString, mode);
        auto r = runLesson(
            "m1.l7", {{"demo", "pipeline"}, {"files", "2"}, {"stage_ms", "200"}, {"stages_mode", mode.toStdString()}},
            0.2);
        TL_VERIFY_CLEAN(r);
        // Which stage of unchained threads finishes first is up to the scheduler (an idle machine
        // finishes the short save first, a loaded one may not): judge what orders them, the joins.
        for (const char* file : {"file1", "file2"}) {
            const auto load = laneNamed(r.trace, std::string("load-") + file);
            const auto process = laneNamed(r.trace, std::string("process-") + file);
            const auto save = laneNamed(r.trace, std::string("save-") + file);
            QVERIFY(load && process && save);
            const Instant* loaded = firstMark(r.trace, std::string("load ") + file + " done", *load);
            const Instant* processed = firstMark(r.trace, std::string("process ") + file + " done", *process);
            const Instant* saved = firstMark(r.trace, std::string("save ") + file + " done", *save);
            QVERIFY(loaded && processed && saved);
            if (mode == "concurrent") {
                // AP15: no stage waits for another, so nothing keeps save from finishing first.
                for (LaneId stage : {*load, *process, *save})
                    QVERIFY2(intervalsIn(r.trace, stage, State::WaitJoin).empty(), file);
            } else {
                // Each stage joined the one before (or found it ended), so its work, and its
                // mark, come after the earlier stage's thread ended: an order, not a race.
                QVERIFY(loaded->t <= lifetime(r.trace, *load).end);
                QVERIFY(lifetime(r.trace, *load).end <= processed->t);
                QVERIFY(lifetime(r.trace, *process).end <= saved->t);
            }
        }
    }

    void namesAndProbe()
    {
        auto w = runLesson("m1.l7",
                           {{"demo", "workers"}, {"workers", "6"}, {"stage_ms", "100"}, {"name_prefix", "worker-"}});
        TL_VERIFY_CLEAN(w);
        QVERIFY(laneNamed(w.trace, "worker-6"));
        auto p = runLesson("m1.l7", {{"demo", "probe"}, {"stage_ms", "200"}, {"join_timeout_ms", "300"}});
        TL_VERIFY_CLEAN(p);
        const Instant* m = firstMark(p.trace, "probe: ");
        QVERIFY(m);
        // A (400 ms) and B (600 ms) outlive the 300 ms join: alive, unless the machine was so
        // loaded that one had ended before the probe (then check() holds it to the trace).
        QVERIFY2(m->text.rfind("probe: A alive=", 0) == 0, m->text.c_str());
        for (const char* name : {"A", "B"}) {
            const auto l = laneNamed(p.trace, name);
            QVERIFY(l);
            if (p.trace.lanes[*l].end > m->t)
                QVERIFY2(m->text.find(std::string(name) + " alive=True") != std::string::npos, m->text.c_str());
        }
    }

    void joinInsideLoopSerialises_data()
    {
        QTest::addColumn<bool>("inside");
        QTest::newRow("join after the loop") << false;
        QTest::newRow("join inside the loop (AP3)") << true;
    }
    void joinInsideLoopSerialises()
    {
        QFETCH(bool, inside);
        auto r = runLesson("m1.l8",
                           {{"threads", "4"}, {"duration_ms", "300"}, {"join_inside_loop", inside ? "true" : "false"}});
        TL_VERIFY_CLEAN(r);
        const auto lives = lifetimes(r.trace, otherLanes(r.trace));
        QCOMPARE(lives.size(), size_t(4));
        if (inside) {
            QVERIFY(pairwiseDisjoint(lives));
        } else {
            // Main waits in no join before it started the last mission: all four were started
            // first. Both are on main's lane, in its program order. (Whether the missions also
            // overlap depends on the load: under ASan at load 15 the first 30 ms mission had
            // ended before the fourth started.)
            const Instant* lastStart = lastMark(r.trace, "after start: ", 0);
            QVERIFY(lastStart);
            for (const Interval& join : intervalsIn(r.trace, 0, State::WaitJoin))
                QVERIFY2(join.start >= lastStart->t, "main joined a mission before starting the last one");
        }
    }

    void localVersusGlobal_data()
    {
        QTest::addColumn<QString>("mode");
        QTest::addColumn<bool>("foreign");
        QTest::newRow("local") << "local" << false;
        QTest::newRow("global") << "global" << true;
    }
    void localVersusGlobal()
    {
        QFETCH(QString, mode);
        QFETCH(bool, foreign);
        auto r = runLesson(
            "m1.l9",
            {{"threads", "3"}, {"write_delay_ms", "100"}, {"read_delay_ms", "50"}, {"mode", mode.toStdString()}});
        TL_VERIFY_CLEAN(r);
        // Thread 0 writes first and reads last: in global mode it sees another thread's value.
        QCOMPARE(!marksStarting(r.trace, "foreign read").empty(), foreign);
    }

    void counterRace_data()
    {
        QTest::addColumn<bool>("lock");
        QTest::newRow("no lock: lost updates") << false;
        QTest::newRow("lock: exact") << true;
    }
    void counterRace()
    {
        QFETCH(bool, lock);
        auto r = runLesson("m1.l10", {{"threads", "4"},
                                      {"ops_per_thread", "300"},
                                      {"race_window", "sleep0"},
                                      {"lock", lock ? "true" : "false"}});
        TL_VERIFY_CLEAN(r);
        const Instant* m = firstMark(r.trace, "counter = ");
        QVERIFY(m);
        const auto lost = numberAfter(*m, "lost ");
        QVERIFY(lost);
        if (lock)
            QCOMPARE(*lost, int64_t(0));
        else
            QVERIFY2(*lost > 0, "with sleep(0) between LOAD and STORE, updates must get lost");
    }

    void timerChainAndCancel()
    {
        auto full = runLesson("m1.l11", {{"interval_ms", "100"}, {"increments", "4"}, {"max_bid", "8"}});
        TL_VERIFY_CLEAN(full);
        QCOMPARE(int(objectsOfKind(full.trace, ObjectKind::Timer).size()), 4);
        QVERIFY(firstMark(full.trace, "closed"));
        auto cut = runLesson("m1.l11",
                             {{"interval_ms", "200"}, {"increments", "5"}, {"max_bid", "5"}, {"cancel_at_ms", "300"}});
        TL_VERIFY_CLEAN(cut);
        QVERIFY(!firstMark(cut.trace, "closed"));
        const auto cancels = instantsOf(cut.trace, Ev::Cancel);
        QCOMPARE(int(cancels.size()), 1);
        QCOMPARE(cancels[0]->a, int64_t(1));
    }

    void activeCountMinusTwo_data()
    {
        QTest::addColumn<bool>("minusTwo");
        QTest::newRow("by name") << false;
        QTest::newRow("active_count() - 2 (AP16)") << true;
    }
    void activeCountMinusTwo()
    {
        QFETCH(bool, minusTwo);
        auto r = runLesson("m1.l12", {{"threads", "5"},
                                      {"min_ms", "600"},
                                      {"max_ms", "900"},
                                      {"probe1_ms", "200"},
                                      {"probe2_ms", "400"},
                                      {"minus_two", minusTwo ? "true" : "false"}});
        TL_VERIFY_CLEAN(r);
        const auto reports = marksContaining(r.trace, "flights in the air = ");
        QCOMPARE(int(reports.size()), 2);
        bool bugShows = false;
        for (const Instant* m : reports) {
            const std::string label = m->text.substr(0, m->text.find(':'));
            const Instant* probe = firstMark(r.trace, label + ": active_count()=", int(m->lane));
            QVERIFY(probe);
            const auto reported = numberAfter(*m, "in the air = ");
            const auto truth = numberAfter(*m, "by enumerate(): ");
            const auto count = numberAfter(*probe, "active_count()=");
            QVERIFY(reported && truth && count);
            // The threads besides the flights: main, the logger, the timers still alive. How
            // many flights are still in the air depends on the machine's load; that "- 2" is
            // wrong whenever those others are not exactly two does not.
            const bool othersAreTwo = *count - *truth == 2;
            QCOMPARE(reported == truth, !minusTwo || othersAreTwo);
            bugShows |= !othersAreTwo;
        }
        // At the first probe main, the logger and both timers are alive: four others.
        QVERIFY(bugShows);
    }
};

QTEST_GUILESS_MAIN(TestModule1)
#include "tst_module1.moc"
