// SPDX-License-Identifier: MIT
// Targeted tests of module 5 (synchronization): each runs a lesson with real threads at a
// short time scale and checks the sharpest invariants on the recorded trace.
#include "scenario_test_util.h"

using namespace tl;
using namespace tl::checks;
using namespace tltest;

class TestModule5 : public QObject {
    Q_OBJECT
private slots:
    void lessonsRegistered()
    {
        for (const char* id : {"m5.l1", "m5.l2", "m5.l3", "m5.l4", "m5.l5", "m5.l6", "m5.l7", "m5.l8"}) {
            const Scenario* s = Registry::instance().find(id);
            QVERIFY2(s, id);
            QCOMPARE(s->module, 5);
            QVERIFY(!s->titleRu.empty());
            QVERIFY(s->run && s->check);
        }
    }

    // AP1: `with Lock():` gives every cook a private lock: critical sections overlap and the
    // read-modify-write of the dish counter loses updates, for real.
    void newLockPerWithLosesUpdates()
    {
        auto o = runLesson("m5.l1", {{"new_lock_per_with", "true"}, {"threads", "5"}, {"dishes", "2"}}, 0.2);
        EXPECT_CLEAN(o);
        auto fin = marksStarting(o.trace, "dishes=");
        QVERIFY(!fin.empty());
        const int64_t dishes = *field(fin.back()->text, "dishes");
        QVERIFY2(dishes < 10, fin.back()->text.c_str());
        QVERIFY(maxConcurrentHolds(o.trace, objectsNamed(o.trace, "oven")) > 1);
        // ... while with the shared oven the count is exact and holds never overlap.
        auto ok = runLesson("m5.l1", {{"threads", "5"}, {"dishes", "2"}}, 0.2);
        EXPECT_CLEAN(ok);
        QCOMPARE(*field(marksStarting(ok.trace, "dishes=").back()->text, "dishes"), int64_t(10));
        QCOMPARE(objectsNamed(ok.trace, "oven").size(), size_t(1));
        QCOMPARE(maxConcurrentHolds(ok.trace, objectsNamed(ok.trace, "oven")), 1);
    }

    void lockModes_data()
    {
        QTest::addColumn<QString>("mode");
        for (const char* m : {"blocking", "try_then_block_first", "try_loop", "timeout", "semaphore"})
            QTest::newRow(m) << QString(m);
    }
    void lockModes()
    {
        QFETCH(QString, mode);
        auto o = runLesson(
            "m5.l1", {{"acquire_mode", mode.toStdString()}, {"locks", "3"}, {"threads", "8"}, {"timeout_ms", "100"}});
        EXPECT_CLEAN(o);
        QCOMPARE(*field(marksStarting(o.trace, "dishes=").back()->text, "dishes"), int64_t(16));
    }

    // AP12: after a failed try-scan every cook blocks on oven 0, while the others may be free.
    void tryScanPilesUpOnOvenZero()
    {
        auto o = runLesson(
            "m5.l1", {{"acquire_mode", "try_then_block_first"}, {"locks", "4"}, {"threads", "12"}, {"dishes", "1"}});
        EXPECT_CLEAN(o);
        const ObjectId oven0 = objectId(o.trace, "oven_0");
        auto waits = laneIntervals(o.trace, State::WaitLock);
        int onZero = 0;
        for (auto& w : waits)
            onZero += w.iv->object == oven0;
        QVERIFY(onZero >= 1);
        QCOMPARE(onZero, int(std::count_if(waits.begin(), waits.end(),
                                           [&](auto& w) { return o.trace.objectName(w.iv->object) != "tally"; })));
        QVERIFY(!instantsOf(o.trace, Ev::AcquireTry).empty());
    }

    void rlockCountsAndPlainLockDeadlocks()
    {
        auto r = runLesson("m5.l2", {{"depth", "4"}});
        EXPECT_CLEAN(r);
        const CounterSeries* c = r.trace.counter(objectId(r.trace, "account"), CounterKind::Value);
        QVERIFY(c);
        int64_t peak = 0;
        for (auto& pt : c->points)
            peak = std::max(peak, pt.value);
        QCOMPARE(peak, int64_t(4));

        auto d = runLesson("m5.l2", {{"lock_type", "Lock"}, {"depth", "2"}});
        QCOMPARE(QString::fromStdString(d.trace.result.status), QString("deadlock"));
        auto check = Registry::instance().find("m5.l2")->check(d.trace, [&] {
            ParamValues pv = Registry::instance().find("m5.l2")->defaults();
            pv.set("lock_type", "Lock");
            pv.set("depth", "2");
            return pv;
        }());
        QVERIFY2(check.empty(), joined(check).c_str());
    }

    // AP7: never cleared, the event is latched: a client arriving after the first set() passes
    // without any wait, while with auto_clear late clients wait for their own signal.
    void latchedEventReleasesLaterClientsAtOnce()
    {
        // Real time: arrivals 200 ms apart, far more than a loaded machine delays the set().
        auto o = runLesson("m5.l3", {{"waiters", "6"}, {"arrive_ms", "200"}, {"set_at_ms", "100"}}, 1.0);
        EXPECT_CLEAN(o);
        const ObjectId cf = objectId(o.trace, "cashier_free");
        const int64_t firstSet = instantsOf(o.trace, Ev::Set, -1, cf).front()->t;
        int late = 0;
        for (int lane : lanesNamedPrefix(o.trace, "client-")) {
            auto arrive = marksStarting(o.trace, laneName(o.trace, lane) + " arrives");
            QCOMPARE(arrive.size(), size_t(1));
            if (arrive[0]->t <= firstSet)
                continue;
            ++late;
            QVERIFY(laneIntervals(o.trace, State::WaitEvent, cf, lane).empty());
        }
        QVERIFY(late >= 4);

        auto c = runLesson("m5.l3",
                           {{"waiters", "6"},
                            {"arrive_ms", "200"},
                            {"set_at_ms", "100"},
                            {"service_ms", "400"},
                            {"auto_clear", "true"}},
                           1.0);
        EXPECT_CLEAN(c);
        int waited = 0;
        const ObjectId cf2 = objectId(c.trace, "cashier_free");
        for (int lane : lanesNamedPrefix(c.trace, "client-"))
            waited += !laneIntervals(c.trace, State::WaitEvent, cf2, lane).empty();
        QVERIFY2(waited >= 4, std::to_string(waited).c_str());
    }

    void eventTimeoutAndTwoEvents()
    {
        auto o = runLesson("m5.l3", {{"wait_timeout_ms", "100"}, {"set_at_ms", "1000"}, {"events", "2"}});
        EXPECT_CLEAN(o);
        int gaveUp = 0;
        for (auto* m : marksStarting(o.trace, "client-"))
            gaveUp += m->text.find("gave up") != std::string::npos;
        QVERIFY(gaveUp >= 1);
        for (auto& li : laneIntervals(o.trace, State::WaitEvent, objectId(o.trace, "cashier_free")))
            if (li.iv->outcome == tl::Outcome::Timeout)
                QVERIFY(li.iv->end - li.iv->start > 0);
    }

    void conditionWhileKeepsBufferBounded_data()
    {
        QTest::addColumn<QString>("notify");
        QTest::newRow("notify_all") << "all";
        QTest::newRow("notify_one") << "one";
    }
    void conditionWhileKeepsBufferBounded()
    {
        QFETCH(QString, notify);
        auto o = runLesson(
            "m5.l4", {{"notify", notify.toStdString()}, {"producers", "3"}, {"consumers", "3"}, {"capacity", "2"}});
        EXPECT_CLEAN(o);
        QVERIFY(!laneIntervals(o.trace, State::WaitCondition).empty());
    }

    // `if` instead of `while`: the run still ends and the checker accepts what happens; the
    // stale wake-ups (if any) show as IndexError markers.
    void conditionIfStillTerminates()
    {
        auto o = runLesson("m5.l4", {{"predicate_check", "if"},
                                     {"consumers", "4"},
                                     {"producers", "1"},
                                     {"consume_ms", "0"},
                                     {"produce_ms", "20"}});
        EXPECT_CLEAN(o);
        QCOMPARE(QString::fromStdString(o.trace.result.status), QString("finished"));
        // four consumers wait on an empty buffer; notify_all for one item wakes all four
        QVERIFY(!exceptions(o.trace, "IndexError: pop from empty list").empty());
    }

    void semaphoreOverRelease()
    {
        auto b = runLesson("m5.l5", {{"extra_release", "true"}, {"bounded", "true"}});
        EXPECT_CLEAN(b);
        QCOMPARE(exceptions(b.trace, "Semaphore released too many times").size(), size_t(1));
        auto p = runLesson("m5.l5", {{"extra_release", "true"}, {"bounded", "false"}});
        // The over-released plain semaphore has a permit more than its capacity: a fourth
        // holder at once (when the timing allows it) is the bug this run shows, not a fault.
        std::erase_if(p.issues, [](const std::string& i) { return i.rfind("trace: parking: 4 holders", 0) == 0; });
        EXPECT_CLEAN(p);
        const CounterSeries* avail = p.trace.counter(objectId(p.trace, "parking"), CounterKind::Available);
        QVERIFY(avail);
        QCOMPARE(avail->points.back().value, int64_t(4));  // permits + 1: the plain semaphore grew
        QVERIFY(maxConcurrentHolds(b.trace, {objectId(b.trace, "parking")}) <= 3);
    }

    // A stop cancels every pending future and the running tasks end within a check interval.
    void stopAllTasks_data()
    {
        QTest::addColumn<int>("every");
        QTest::newRow("check every chunk") << 1;
        QTest::newRow("check every 4 chunks") << 4;
    }
    void stopAllTasks()
    {
        QFETCH(int, every);
        auto o = runLesson("m5.l6", {{"check_every_chunks", std::to_string(every)}, {"stop_at_ms", "450"}});
        EXPECT_CLEAN(o);
        QVERIFY(o.trace.tasks.size() < 20);
        QVERIFY(!marksStarting(o.trace, "cancelled=0").size());
        int stopped = 0;
        for (auto* m : marksStarting(o.trace, "task "))
            stopped += m->text.find("stopped after") != std::string::npos;
        QVERIFY(stopped >= 1);
    }

    void failFast_data()
    {
        QTest::addColumn<QString>("mode");
        QTest::addColumn<int>("failTask");
        QTest::newRow("FIRST_EXCEPTION") << "wait_first_exception" << 2;
        QTest::newRow("event flag") << "event_flag" << 2;
        QTest::newRow("no failure (FIRST_EXCEPTION = ALL_COMPLETED)") << "wait_first_exception" << 30;
        QTest::newRow("no failure, event flag") << "event_flag" << 30;
    }
    void failFast()
    {
        QFETCH(QString, mode);
        QFETCH(int, failTask);
        auto o = runLesson("m5.l7", {{"mode", mode.toStdString()}, {"fail_task", std::to_string(failTask)}});
        EXPECT_CLEAN(o);
        int failed = 0;
        for (const auto& t : o.trace.tasks)
            failed += t.outcome == 1;
        QCOMPARE(failed, failTask < 12 ? 1 : 0);
        if (failTask < 12 && mode == "wait_first_exception") {
            QVERIFY(o.trace.tasks.size() < 12);  // the rest was cancelled
        } else if (failTask < 12) {
            // The flag also reaches tasks that workers pick up before main cancels them: they
            // start, see it and stop at once, without a single chunk of work.
            const TaskSpan* failure = nullptr;
            for (const auto& t : o.trace.tasks)
                if (t.outcome == 1)
                    failure = &t;
            for (const auto& t : o.trace.tasks)
                if (t.start > failure->end + kSlackNs)
                    QCOMPARE(t.value, std::string("0"));
        } else
            QCOMPARE(o.trace.tasks.size(), size_t(12));
    }

    void barrierPhasesAndBreaks_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("value");
        QTest::addColumn<bool>("breaks");
        QTest::newRow("plain") << "action"
                               << "none" << false;
        QTest::newRow("action ok") << "action"
                                   << "ok" << false;
        QTest::newRow("action raises") << "action"
                                       << "raises" << true;
        QTest::newRow("abort") << "abort_at_ms"
                               << "150" << true;
        QTest::newRow("timeout") << "timeout_ms"
                                 << "30" << true;
    }
    void barrierPhasesAndBreaks()
    {
        QFETCH(QString, key);
        QFETCH(QString, value);
        QFETCH(bool, breaks);
        auto o = runLesson("m5.l8", {{key.toStdString(), value.toStdString()}, {"parties", "5"}, {"phases", "4"}});
        EXPECT_CLEAN(o);
        auto broken = instantsOf(o.trace, Ev::BarrierBroken);
        QCOMPARE(!broken.empty(), breaks);
        const size_t passes = instantsOf(o.trace, Ev::BarrierPass).size();
        if (!breaks)
            QCOMPARE(passes, size_t(20));
        else
            QVERIFY(passes < 20);
    }
};

QTEST_GUILESS_MAIN(TestModule5)
#include "tst_module5.moc"
