// SPDX-License-Identifier: MIT
// Module 2 (thread pools): the effects each lesson is about, shown on the recorded trace.
#include "scenario_test_util.h"

#include <QTest>

using namespace tl;
using namespace tl::checks;
using namespace tltest;

class TestModule2 : public QObject {
    Q_OBJECT

private slots:
    void waitEachIsAStaircase_data()
    {
        QTest::addColumn<QString>("pattern");
        QTest::newRow("submit_all") << "submit_all";
        QTest::newRow("wait_each (AP2)") << "wait_each";
    }
    void waitEachIsAStaircase()
    {
        QFETCH(QString, pattern);
        auto r = runLesson("m2.l1",
                           {{"workers", "4"}, {"tasks", "8"}, {"task_ms", "200"}, {"pattern", pattern.toStdString()}});
        TL_VERIFY_CLEAN(r);
        if (pattern == "wait_each") {
            QCOMPARE(maxConcurrentTasks(r.trace), 1);
            // The idle worker is usually reused (one thread); Python too may spawn a second one
            // when the next submit comes before the worker has signalled that it is idle.
            QVERIFY(int(taskLanes(r.trace).size()) < 4);
        } else {
            QCOMPARE(maxConcurrentTasks(r.trace), 4);
        }
    }

    void poolHasNoThreadsUntilSubmit()
    {
        auto r = runLesson("m2.l2", {{"max_workers", "8"}, {"tasks", "3"}, {"prefix", "printer"}});
        TL_VERIFY_CLEAN(r);
        QVERIFY(laneNamed(r.trace, "printer_0"));
        QVERIFY(int(lanesNamedPrefix(r.trace, "printer_").size()) <= 3);
    }

    void ignoredMapSwallowsErrors_data()
    {
        QTest::addColumn<bool>("ignore");
        QTest::newRow("iterated") << false;
        QTest::newRow("ignored (AP11)") << true;
    }
    void ignoredMapSwallowsErrors()
    {
        QFETCH(bool, ignore);
        auto r = runLesson("m2.l3", {{"items", "5"},
                                     {"task_ms", "100"},
                                     {"inject_error_at", "2"},
                                     {"ignore_map_results", ignore ? "true" : "false"}});
        TL_VERIFY_CLEAN(r);
        const Instant* called = firstMark(r.trace, "map(square, items) called");
        QVERIFY(called);
        int raisedAfter = 0;
        for (const Instant* e : exceptions(r.trace, "bad item", 0))
            raisedAfter += e->t > called->t;
        QCOMPARE(raisedAfter, ignore ? 0 : 1);
        // Either way the failing task ran and failed on its worker.
        int failed = 0;
        for (const TaskSpan& ts : r.trace.tasks)
            failed += ts.outcome == 1;
        QCOMPARE(failed, 2);
    }

    void perCallTimeoutsAddUp_data()
    {
        QTest::addColumn<QString>("mode");
        QTest::newRow("per_call (AP13)") << "per_call";
        QTest::newRow("overall") << "overall";
    }
    void perCallTimeoutsAddUp()
    {
        QFETCH(QString, mode);
        // Task 1 (1400 ms) against 1500 ms per call leaves 7% of margin: at time scale 0.5 that
        // is 50 ms, enough for a loaded 2-core CI machine (0.1 left 10 ms and flaked).
        auto r = runLesson("m2.l4", {{"deadline_mode", mode.toStdString()}}, 0.5);
        TL_VERIFY_CLEAN(r);
        const auto reports = marksStarting(r.trace, "task ", 0);
        QCOMPARE(int(reports.size()), 7);
        auto timedOut = [&](int k) { return reports[size_t(k)]->text.find("TimeoutError") != std::string::npos; };
        // Durations 700 1400 3200 4100 2700 300 1100 with 1500 per call: task 2 times out at
        // ~2.9 s, task 3 at ~4.4 s, so task 4 (2.7 s) is already done: it "succeeds". Task 1
        // (1400 ms against 1500) is too close to call on a loaded machine: check() judges it
        // against the trace; these are the calls with hundreds of ms of margin.
        if (mode == "per_call") {
            QVERIFY(!timedOut(0) && timedOut(2) && !timedOut(4));
        } else {
            QVERIFY(!timedOut(0) && timedOut(2) && timedOut(3));
        }
    }

    void mapYieldsInBucketOrder()
    {
        auto r = runLesson("m2.l5", {{"numbers", "400"}, {"buckets", "6"}});
        TL_VERIFY_CLEAN(r);
        QCOMPARE(int(marksStarting(r.trace, "bucket ", 0).size()), 6);
    }

    void waitReturnWhen_data()
    {
        QTest::addColumn<QString>("when");
        QTest::addColumn<QString>("timeout");
        QTest::newRow("ALL_COMPLETED, 1500 ms") << "ALL_COMPLETED"
                                                << "1500";
        QTest::newRow("FIRST_COMPLETED") << "FIRST_COMPLETED"
                                         << "5000";
    }
    // Done is exactly what had finished when wait() returned (the lesson's check); how wait()
    // ended is the lesson's point: ALL_COMPLETED at its timeout, downloads of 2.1-3 s still
    // going; FIRST_COMPLETED woken by the first finish. Which tasks made it by then depends on
    // how fast the pool's threads started (TSan on a loaded machine: not always 0, 2, 4, 5).
    void waitReturnWhen()
    {
        QFETCH(QString, when);
        QFETCH(QString, timeout);
        auto r = runLesson("m2.l6", {{"return_when", when.toStdString()}, {"timeout_ms", timeout.toStdString()}}, 1.0);
        TL_VERIFY_CLEAN(r);
        const Instant* m = firstMark(r.trace, "wait(", 0);
        QVERIFY(m);
        const Interval* waited = nullptr;
        for (const Interval& iv : r.trace.lanes[0].intervals)
            if (iv.state == State::WaitFuture && iv.end <= m->t)
                waited = &iv;
        QVERIFY2(waited, "main never waited in wait()");
        const std::string done = m->text.substr(m->text.find("done="));
        if (when == "ALL_COMPLETED") {
            QCOMPARE(int(waited->outcome), int(Outcome::Timeout));
            QVERIFY2(m->text.find("not_done=[]") == std::string::npos, m->text.c_str());
        } else {
            QCOMPARE(int(waited->outcome), int(Outcome::None));
            QVERIFY2(done.rfind("done=[]", 0) != 0, m->text.c_str());
        }
    }

    void initializerOncePerWorker_data()
    {
        QTest::addColumn<int>("failOn");
        QTest::newRow("all good") << -1;
        QTest::newRow("worker 0 fails") << 0;
    }
    void initializerOncePerWorker()
    {
        QFETCH(int, failOn);
        auto r = runLesson("m2.l7", {{"workers", "3"}, {"tasks", "12"}, {"init_fail_on", std::to_string(failOn)}});
        TL_VERIFY_CLEAN(r);
        if (failOn < 0) {
            QCOMPARE(int(marksStarting(r.trace, "init ").size()),
                     int(lanesNamedPrefix(r.trace, "environment_").size()));
        } else {
            // Either way the pool is broken for good: a later submit is refused. Whether queued
            // futures were failed too depends on when worker 0's initializer failed.
            QVERIFY(!exceptions(r.trace, "late submit", 0).empty());
            QVERIFY(firstMark(r.trace, "futures failed with BrokenThreadPool", 0) ||
                    exceptions(r.trace, "late submit", 0).size() >= 1);
        }
    }

    void shutdownCancelFutures()
    {
        auto r = runLesson("m2.l8", {{"workers", "2"}, {"tasks", "6"}, {"wait", "true"}, {"cancel_futures", "true"}});
        TL_VERIFY_CLEAN(r);
        // Queued work is cancelled; what a worker had already taken runs (at most 2 workers).
        const int cancelled = int(marksContaining(r.trace, " cancelled").size());
        QVERIFY(cancelled >= 4);
        QCOMPARE(cancelled + int(r.trace.tasks.size()), 6);
    }

    void shutdownWithoutWaitReturnsAtOnce()
    {
        auto r = runLesson("m2.l8", {{"wait", "false"}});
        TL_VERIFY_CLEAN(r);
        const Instant* called = firstMark(r.trace, "shutdown(", 0);
        const Instant* back = firstMark(r.trace, "shutdown returned", 0);
        QVERIFY(called && back);
        // It returned without joining a worker (whether the longest task, 7 × 100 ms, was still
        // running then is up to the machine's load, not to shutdown).
        const auto joins = intervalsWhere(r.trace, 0, [&](const Interval& iv) {
            return iv.state == State::WaitJoin && iv.start >= called->t && iv.start <= back->t;
        });
        QVERIFY(joins.empty());
    }

    void ioStaircaseCpuFlat_data()
    {
        QTest::addColumn<QString>("workload");
        QTest::newRow("io") << "io";
        QTest::newRow("cpu") << "cpu";
    }
    void ioStaircaseCpuFlat()
    {
        QFETCH(QString, workload);
        // Tasks of 50 ms (time scale 0.5): far longer than a worker's start on a loaded machine.
        auto w1 = runLesson(
            "m2.l9", {{"tasks", "8"}, {"task_ms", "100"}, {"workers", "1"}, {"workload", workload.toStdString()}}, 0.5);
        auto w8 = runLesson(
            "m2.l9", {{"tasks", "8"}, {"task_ms", "100"}, {"workers", "8"}, {"workload", workload.toStdString()}}, 0.5);
        TL_VERIFY_CLEAN(w1);
        TL_VERIFY_CLEAN(w8);
        if (workload == "io") {
            // One worker waits one task at a time; eight overlap their waits (the staircase's
            // order, not its wall time, which a loaded machine stretches).
            QCOMPARE(maxConcurrentInState(w1.trace, State::Io), 1);
            QVERIFY2(maxConcurrentInState(w8.trace, State::Io) >= 2, "8 workers should overlap their waits");
        } else {
            // Under the GIL 8 workers compute one at a time: never two lanes running, and the
            // others visibly wait for the GIL (wall times are not compared: the load varies).
            QVERIFY2(maxConcurrentInState(w8.trace, State::Run) <= 1, "two lanes ran at once under the GIL");
            int64_t gilWait = 0;
            for (const Lane& lane : w8.trace.lanes)
                gilWait += timeIn(w8.trace, lane.info.id, State::WaitGil);
            QVERIFY2(gilWait > 0, "no worker ever waited for the GIL");
        }
    }

    void lifecycleWithLockIsCorrect()
    {
        auto r = runLesson("m2.l10", {{"messages", "8"}, {"task_ms", "50"}});
        TL_VERIFY_CLEAN(r);
        QVERIFY(firstMark(r.trace, "heaviest: ") &&
                firstMark(r.trace, "heaviest: ")->text.find("correct: True") != std::string::npos);
    }

    void oversizedPoolSpawnsFour()
    {
        auto r =
            runLesson("m2.l11", {{"max_workers_cap", "2"}, {"tasks", "6"}, {"reps", "1"}, {"oversized_pool", "true"}});
        TL_VERIFY_CLEAN(r);
        const Instant* m = firstMark(r.trace, "threads spawned for 4 tasks");
        QVERIFY(m);
        QCOMPARE(numberAfter(*m, "pool: "), std::optional<int64_t>(4));
    }

    void asyncioLoop_data()
    {
        QTest::addColumn<bool>("blocking");
        QTest::addColumn<bool>("toThread");
        QTest::newRow("awaits only") << false << false;
        QTest::newRow("time.sleep in a coroutine") << true << false;
        QTest::newRow("asyncio.to_thread") << true << true;
    }
    void asyncioLoop()
    {
        QFETCH(bool, blocking);
        QFETCH(bool, toThread);
        auto r = runLesson("m2.l12", {{"tasks", "6"},
                                      {"io_ms", "200"},
                                      {"workers", "3"},
                                      {"async_semaphore", "2"},
                                      {"blocking_in_coroutine", blocking ? "true" : "false"},
                                      {"use_to_thread", toThread ? "true" : "false"}});
        TL_VERIFY_CLEAN(r);
        const auto loop = laneNamed(r.trace, "asyncio-loop");
        QVERIFY(loop);
        QCOMPARE(!intervalsIn(r.trace, *loop, State::Sleep).empty(), blocking && !toThread);
        QCOMPARE(!lanesNamedPrefix(r.trace, "asyncio_").empty(), blocking && toThread);
    }
};

QTEST_GUILESS_MAIN(TestModule2)
#include "tst_module2.moc"
