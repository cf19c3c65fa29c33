// SPDX-License-Identifier: MIT
#include "engine/control/run.h"
#include "engine_test_util.h"
#include "engine/pool/future.h"
#include "engine/pool/thread_pool.h"
#include "engine/sync/thread.h"
#include "engine/work.h"

#include <QtTest>

#include <algorithm>
#include <map>

using namespace tl;
using namespace tltest;
using tltest::drainAll;  // time-ordered

namespace {

std::vector<int64_t> futureStates(const std::vector<Event>& ev, ObjectId id)
{
    std::vector<int64_t> s;
    for (const Event& e : ev)
        if (e.type == Ev::FutureState && e.object == id)
            s.push_back(e.a);
    return s;
}

}  // namespace

class TestFuture : public QObject {
    Q_OBJECT
private slots:
    void statusNames()
    {
        QCOMPARE(QString(futureStatusName(FutureStatus::Pending)), QString("PENDING"));
        QCOMPARE(QString(futureStatusName(FutureStatus::Running)), QString("RUNNING"));
        QCOMPARE(QString(futureStatusName(FutureStatus::Cancelled)), QString("CANCELLED"));
        QCOMPARE(QString(futureStatusName(FutureStatus::Finished)), QString("FINISHED"));
    }

    void valueText_data()
    {
        QTest::addColumn<QString>("got");
        QTest::addColumn<QString>("expected");
        QTest::newRow("int") << QString::fromStdString(detail::valueText(42)) << "42";
        QTest::newRow("negative") << QString::fromStdString(detail::valueText(int64_t(-7))) << "-7";
        QTest::newRow("double") << QString::fromStdString(detail::valueText(0.1)) << "0.1";
        QTest::newRow("whole double") << QString::fromStdString(detail::valueText(3.0)) << "3.0";
        QTest::newRow("bool") << QString::fromStdString(detail::valueText(true)) << "True";
        QTest::newRow("string") << QString::fromStdString(detail::valueText(std::string("abc"))) << "abc";
        QTest::newRow("long string") << QString::fromStdString(detail::valueText(std::string(500, 'x')))
                                     << QString(117, 'x') + "...";
    }
    void valueText()
    {
        QFETCH(QString, got);
        QFETCH(QString, expected);
        QCOMPARE(got, expected);
    }

    void manualFutureWakesEveryConsumerWithTheSameValue()
    {
        Run run;
        std::vector<int> got(3, 0);
        ObjectId id = 0;
        run.execute([&] {
            Future<int> f(run, "answer");
            id = f.id();
            std::vector<Thread> consumers;
            for (int k = 0; k < 3; ++k)
                consumers.emplace_back(run, [&, k] { got[k] = f.result(); });
            for (auto& t : consumers)
                t.start();
            sleepMs(50);
            f.setResult(7);
            for (auto& t : consumers)
                t.join();
        });
        QCOMPARE(run.status(), RunStatus::Finished);
        QCOMPARE(got, (std::vector<int>{7, 7, 7}));
        const auto ev = drainAll(run);
        QCOMPARE(futureStates(ev, id), (std::vector<int64_t>{0, 3}));
        // One `done` flow per blocked consumer, from the producer lane (0) to each consumer.
        std::map<int64_t, LaneId> starts;
        int ends = 0;
        for (const Event& e : ev) {
            if (e.type == Ev::FlowStart && e.b == int64_t(FlowKind::Done)) {
                QCOMPARE(e.lane, LaneId(0));
                starts[e.a] = e.lane;
            }
            if (e.type == Ev::FlowEnd && e.b == int64_t(FlowKind::Done)) {
                QVERIFY(starts.count(e.a));
                QVERIFY(e.lane != 0);
                ++ends;
            }
        }
        QCOMPARE(int(starts.size()), 3);
        QCOMPARE(ends, 3);
        // Each consumer waited in wait:future on the future.
        int waits = 0;
        for (const Event& e : ev)
            waits += e.type == Ev::StateChange && e.a == int64_t(State::WaitFuture) && e.object == id;
        QCOMPARE(waits, 3);
    }

    void completingTwiceIsInvalidState()
    {
        Run run;
        QString msg;
        run.execute([&] {
            Future<int> f(run);
            f.setResult(1);
            try {
                f.setResult(2);
            } catch (const InvalidStateError& e) {
                msg = e.what();
            }
        });
        QVERIFY2(msg.startsWith("FINISHED: <Future"), qPrintable(msg));
    }

    void cancelOnlyWhilePending()
    {
        Run run;
        bool first = false, again = false, cancelledFlag = false, doneFlag = false, runningFlag = true;
        bool onFinished = true;
        QString resultErr, exceptionErr;
        run.execute([&] {
            Future<int> f(run);
            runningFlag = f.running();
            first = f.cancel();
            again = f.cancel();  // already cancelled: still true
            cancelledFlag = f.cancelled();
            doneFlag = f.done();
            try {
                f.result();
            } catch (const CancelledError&) {
                resultErr = "CancelledError";
            }
            try {
                f.exception();
            } catch (const CancelledError&) {
                exceptionErr = "CancelledError";
            }
            Future<int> g(run);
            g.setResult(1);
            onFinished = g.cancel();
        });
        QVERIFY(!runningFlag);
        QVERIFY(first);
        QVERIFY(again);
        QVERIFY(cancelledFlag);
        QVERIFY(doneFlag);
        QVERIFY(!onFinished);
        QCOMPARE(resultErr, QString("CancelledError"));
        QCOMPARE(exceptionErr, QString("CancelledError"));
        std::vector<int64_t> cancels;
        for (const Event& e : drainAll(run))
            if (e.type == Ev::Cancel)
                cancels.push_back(e.a);
        QCOMPARE(cancels, (std::vector<int64_t>{1, 1, 0}));
    }

    void cannotCancelRunning()
    {
        Run run;
        bool ok = true, wasRunning = false, stillRunning = false;
        int value = 0;
        run.execute([&] {
            ThreadPoolExecutor pool(run, 1);
            Future<void> started(run, "started");
            auto f = pool.submit([started] {
                started.setResult();
                sleepMs(60);
                return 3;
            });
            started.result();
            wasRunning = f.running();
            ok = f.cancel();
            stillRunning = f.running();
            value = f.result();
        });
        QVERIFY(wasRunning);
        QVERIFY(!ok);
        QVERIFY(stillRunning);
        QCOMPARE(value, 3);
    }

    void resultTimeoutLeavesStateUnchanged()
    {
        Run run;
        bool timedOut = false, pendingAfter = false;
        int later = 0;
        run.execute([&] {
            ThreadPoolExecutor pool(run, 1);
            auto f = pool.submit([] {
                sleepMs(120);
                return 9;
            });
            try {
                f.result(30);
            } catch (const TimeoutError& e) {
                timedOut = std::string(e.what()).empty();
            }
            pendingAfter = !f.done();
            later = f.result();
        });
        QVERIFY(timedOut);
        QVERIFY(pendingAfter);
        QCOMPARE(later, 9);
        // The timed-out wait ended with outcome `timeout`.
        bool sawTimeout = false;
        for (const Event& e : drainAll(run))
            sawTimeout = sawTimeout || (e.type == Ev::StateChange && e.lane == 0 && e.b == int64_t(Outcome::Timeout));
        QVERIFY(sawTimeout);
    }

    void zeroTimeoutDoesNotBlock()
    {
        Run run;
        bool timedOut = false;
        run.execute([&] {
            Future<int> f(run);
            try {
                f.result(0);
            } catch (const TimeoutError&) {
                timedOut = true;
            }
            f.setResult(1);
        });
        QVERIFY(timedOut);
        for (const Event& e : drainAll(run))
            QVERIFY(!(e.type == Ev::StateChange && e.a == int64_t(State::WaitFuture)));
    }

    void exceptionIsStoredAndRethrown()
    {
        Run run;
        QString fromException, fromResult;
        bool nullOnSuccess = false;
        run.execute([&] {
            Future<int> f(run);
            f.setException(std::make_exception_ptr(ValueError("zero factor")));
            try {
                std::rethrow_exception(f.exception());
            } catch (const ValueError& e) {
                fromException = e.what();
            }
            try {
                f.result();
            } catch (const ValueError& e) {
                fromResult = e.what();
            }
            Future<int> ok(run);
            ok.setResult(2);
            nullOnSuccess = ok.exception() == nullptr;
        });
        QCOMPARE(fromException, QString("zero factor"));
        QCOMPARE(fromResult, QString("zero factor"));
        QVERIFY(nullOnSuccess);
    }

    void callbackOnDoneFutureRunsAtOnceOnCaller()
    {
        Run run;
        int lane = -1, order = 0, ranAt = -1;
        bool doneIn = false;
        run.execute([&] {
            Future<int> f(run);
            f.setResult(5);
            f.addDoneCallback([&](const Future<int>& g) {
                lane = ThreadState::current().lane();
                ranAt = order;
                doneIn = g.done();
            });
            order = 1;
        });
        QCOMPARE(lane, 0);
        QCOMPARE(ranAt, 0);
        QVERIFY(doneIn);
    }

    void callbacksRunOnCompletingThreadInOrder()
    {
        Run run;
        std::vector<std::string> calls;
        std::vector<int> lanes;
        bool doneInside = false;
        int workerLane = -1;
        run.execute([&] {
            ThreadPoolExecutor pool(run, 1);
            auto f = pool.submit([] {
                sleepMs(40);
                return 1;
            });
            f.addDoneCallback([&](const Future<int>& g) {
                calls.push_back("a" + std::to_string(g.result()));
                lanes.push_back(ThreadState::current().lane());
                doneInside = g.done();
            });
            f.add_done_callback([&](const Future<int>&) { throw ValueError("callback broke"); });
            f.addDoneCallback([&](const Future<int>&) {
                calls.push_back("c");
                lanes.push_back(ThreadState::current().lane());
            });
            f.result();
            workerLane = pool.threads().front()->lane();
        });
        QCOMPARE(run.status(), RunStatus::Finished);
        QCOMPARE(calls, (std::vector<std::string>{"a1", "c"}));
        QCOMPARE(lanes, (std::vector<int>{workerLane, workerLane}));
        QVERIFY(doneInside);
        const auto ev = drainAll(run);
        int callbackEvents = 0;
        bool logged = false;
        for (const Event& e : ev) {
            if (e.type == Ev::Callback) {
                ++callbackEvents;
                QCOMPARE(int(e.lane), workerLane);
            }
            if (e.type == Ev::Exception) {
                const std::string s = run.recorder().string(uint32_t(e.a));
                logged = logged ||
                         (s.starts_with("exception calling callback for <Future task 0 state=finished returned 1>") &&
                          s.ends_with("ValueError: callback broke"));
            }
        }
        QCOMPARE(callbackEvents, 3);
        QVERIFY(logged);
        // A `done` flow from the completion to each callback, ending right before it.
        int callbackFlows = 0;
        for (size_t i = 0; i + 1 < ev.size(); ++i)
            if (ev[i].type == Ev::FlowEnd && ev[i].b == int64_t(FlowKind::Done) && ev[i + 1].type == Ev::Callback)
                ++callbackFlows;
        QCOMPARE(callbackFlows, 3);
    }

    void callbacksOfCancelledFutureRunOnCanceller()
    {
        Run run;
        int lane = -1;
        bool cancelledInside = false;
        run.execute([&] {
            Future<int> f(run);
            Thread t(
                run, [&] { f.cancel(); }, "canceller");
            f.addDoneCallback([&](const Future<int>& g) {
                lane = ThreadState::current().lane();
                cancelledInside = g.cancelled();
            });
            t.start();
            t.join();
        });
        QCOMPARE(lane, 1);
        QVERIFY(cancelledInside);
    }

    void reprFollowsPython()
    {
        Run run;
        std::vector<std::string> reprs;
        run.execute([&] {
            ThreadPoolExecutor pool(run, 1);
            Future<void> started(run, "started");
            auto f = pool.submit([started] {
                started.setResult();
                sleepMs(40);
                return 42;
            });
            auto g = pool.submit([]() -> int { throw ValueError("bad"); });
            auto h = pool.submit([] { return 0; });
            started.result();
            reprs.push_back(f.repr());
            reprs.push_back(g.repr());
            h.cancel();
            reprs.push_back(h.repr());
            (void)g.exception();
            reprs.push_back(f.repr());
            reprs.push_back(g.repr());
            Future<double> m(run);
            m.setResult(0.5);
            reprs.push_back(m.repr());
        });
        QCOMPARE(reprs, (std::vector<std::string>{"<Future task 0 state=running>", "<Future task 1 state=pending>",
                                                  "<Future task 2 state=cancelled>",
                                                  "<Future task 0 state=finished returned 42>",
                                                  "<Future task 1 state=finished raised ValueError: bad>",
                                                  "<Future state=finished returned 0.5>"}));
    }

    void typeErasedHandles()
    {
        Run run;
        bool eq = false, ne = false;
        QString err;
        run.execute([&] {
            Future<std::string> a(run), b(run);
            FutureBase base = a;
            eq = base == FutureBase(a);
            ne = !(base == FutureBase(b));
            b.setException(std::make_exception_ptr(KeyError("k")));
            try {
                FutureBase(b).get();
            } catch (const KeyError& e) {
                err = e.what();
            }
            a.setResult("x");
        });
        QVERIFY(eq);
        QVERIFY(ne);
        QCOMPARE(err, QString("k"));
    }

    void abortWhileBlockedInResult()
    {
        Run run;
        std::atomic<bool> aborted{false};
        run.start([&] {
            ThreadPoolExecutor pool(run, 1);
            auto f = pool.submit([] {
                sleepMs(60000);
                return 1;
            });
            try {
                f.result();
            } catch (const Aborted&) {
                aborted = true;
                throw;
            }
        });
        QTest::qWait(100);
        QElapsedTimer timer;
        timer.start();
        run.abort();
        QVERIFY(run.waitFinished(kAbortGuardMs));
        QVERIFY(aborted.load());
        QCOMPARE(run.activeCount(), 0);
        bool abortedOutcome = false;
        for (const Event& e : drainAll(run))
            abortedOutcome = abortedOutcome || (e.type == Ev::ThreadEnd && e.lane == 0 && e.a == 1);
        QVERIFY(abortedOutcome);
    }
};

QTEST_GUILESS_MAIN(TestFuture)
#include "tst_future.moc"
