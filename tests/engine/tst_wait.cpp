// SPDX-License-Identifier: MIT
#include "engine/control/run.h"
#include "engine_test_util.h"
#include "engine/pool/thread_pool.h"
#include "engine/pool/wait.h"
#include "engine/sync/event.h"
#include "engine/sync/thread.h"
#include "engine/work.h"

#include <QtTest>

#include <algorithm>
#include <set>

using namespace tl;
using namespace tltest;
using tltest::drainAll;  // time-ordered

namespace {

// Future ids in the order their FINISHED/CANCELLED state was recorded.
std::vector<ObjectId> completionOrder(const std::vector<Event>& ev, const std::set<ObjectId>& of)
{
    std::vector<ObjectId> out;
    for (const Event& e : ev)
        if (e.type == Ev::FutureState && (e.a == 2 || e.a == 3) && of.count(e.object))
            out.push_back(e.object);
    return out;
}

// Where each of `some` stands in `all`.
std::vector<int64_t> indicesIn(const std::vector<Future<int>>& all, const std::vector<Future<int>>& some)
{
    std::vector<int64_t> at;
    for (const auto& f : some)
        at.push_back(std::find(all.begin(), all.end(), f) - all.begin());
    return at;
}

}  // namespace

class TestWait : public QObject {
    Q_OBJECT
private slots:
    void returnWhen_data()
    {
        QTest::addColumn<int>("when");
        QTest::addColumn<double>("timeoutMs");
        QTest::addColumn<std::vector<int64_t>>("done");
        QTest::addColumn<std::vector<int64_t>>("notDone");
        QTest::addColumn<int>("duringWait");
        // Futures 0 (a result), 1 (an exception), 2 (a result) complete in that order; the first
        // `duringWait` of them while wait() is blocked, the rest once it has returned.
        QTest::newRow("all") << int(ReturnWhen::AllCompleted) << kForever << std::vector<int64_t>{0, 1, 2}
                             << std::vector<int64_t>{} << 3;
        QTest::newRow("first completed") << int(ReturnWhen::FirstCompleted) << kForever << std::vector<int64_t>{0}
                                         << std::vector<int64_t>{1, 2} << 1;
        QTest::newRow("first exception") << int(ReturnWhen::FirstException) << kForever << std::vector<int64_t>{0, 1}
                                         << std::vector<int64_t>{2} << 2;
        QTest::newRow("timeout") << int(ReturnWhen::AllCompleted) << 150.0 << std::vector<int64_t>{0, 1}
                                 << std::vector<int64_t>{2} << 2;
        QTest::newRow("zero timeout") << int(ReturnWhen::AllCompleted) << 0.0 << std::vector<int64_t>{}
                                      << std::vector<int64_t>{0, 1, 2} << 0;
    }
    void returnWhen()
    {
        QFETCH(int, when);
        QFETCH(double, timeoutMs);
        QFETCH(std::vector<int64_t>, done);
        QFETCH(std::vector<int64_t>, notDone);
        QFETCH(int, duringWait);
        Run run;
        std::vector<int64_t> gotDone, gotNotDone;
        run.execute(
            [&] {
                std::vector<Future<int>> fs{Future<int>(run), Future<int>(run), Future<int>(run)};
                auto complete = [&](int i) {
                    if (i == 1)
                        fs[1].setException(std::make_exception_ptr(ValueError("one")));
                    else
                        fs[i].setResult(i);
                };
                // A wait() that returns too early or too late leaves the completer waiting for a
                // join that never comes: the run then times out instead of finishing.
                const ThreadState& waiter = ThreadState::current();
                Thread completer(
                    run,
                    [&] {
                        if (duringWait > 0)
                            awaitBlocked(waiter);
                        for (int i = 0; i < duringWait; ++i)
                            complete(i);
                        awaitJoining(waiter);
                        for (int i = duringWait; i < 3; ++i)
                            complete(i);
                    },
                    "completer");
                completer.start();
                auto r = wait(fs, timeoutMs, ReturnWhen(when));
                gotDone = indicesIn(fs, r.done);
                gotNotDone = indicesIn(fs, r.notDone);
                completer.join();
            },
            20000);
        QCOMPARE(run.status(), RunStatus::Finished);
        QCOMPARE(gotDone, done);
        QCOMPARE(gotNotDone, notDone);
    }

    void duplicatesAreDroppedAndDoneReturnsAtOnce()
    {
        Run run;
        size_t doneSize = 0, notDoneSize = 9;
        run.execute([&] {
            Future<int> a(run), b(run);
            a.setResult(1);
            b.cancel();
            auto r = wait(std::vector<Future<int>>{a, a, b, a}, kForever, ReturnWhen::AllCompleted);
            doneSize = r.done.size();
            notDoneSize = r.notDone.size();
        });
        QCOMPARE(doneSize, size_t(2));
        QCOMPARE(notDoneSize, size_t(0));
        for (const Event& e : drainAll(run))
            QVERIFY(!(e.type == Ev::StateChange && e.a == int64_t(State::WaitFuture)));
    }

    void firstExceptionWithoutExceptionsWaitsForAll()
    {
        Run run;
        size_t done = 0;
        run.execute([&] {
            ThreadPoolExecutor pool(run, 2);
            std::vector<Future<int>> fs{pool.submit([] {
                                            sleepMs(10);
                                            return 1;
                                        }),
                                        pool.submit([] {
                                            sleepMs(60);
                                            return 2;
                                        })};
            done = wait(fs, kForever, ReturnWhen::FirstException).done.size();
        });
        QCOMPARE(done, size_t(2));
    }

    void waitOverHeterogeneousFutures()
    {
        Run run;
        size_t done = 0;
        run.execute([&] {
            ThreadPoolExecutor pool(run, 2);
            std::vector<FutureBase> fs{pool.submit([] { return 1; }), pool.submit([] { return std::string("s"); }),
                                       pool.submit([] { sleepMs(5); })};
            done = wait(fs).done.size();
        });
        QCOMPARE(done, size_t(3));
    }

    void waitEndsDoneFlows()
    {
        Run run;
        run.execute([&] {
            // The tasks finish only while the main thread waits, so their flows end in the wait.
            const ThreadState& waiter = ThreadState::current();
            ThreadPoolExecutor pool(run, 2);
            std::vector<Future<int>> fs{pool.submit([&] {
                                            awaitBlocked(waiter);
                                            return 1;
                                        }),
                                        pool.submit([&] {
                                            awaitBlocked(waiter);
                                            return 2;
                                        })};
            wait(fs);
        });
        std::set<int64_t> starts;
        int ends = 0;
        for (const Event& e : drainAll(run)) {
            if (e.type == Ev::FlowStart && e.b == int64_t(FlowKind::Done)) {
                QVERIFY(e.lane != 0);  // from the worker that finished the task
                starts.insert(e.a);
            }
            if (e.type == Ev::FlowEnd && e.b == int64_t(FlowKind::Done)) {
                QCOMPARE(e.lane, LaneId(0));
                QVERIFY(starts.count(e.a));
                ++ends;
            }
        }
        QCOMPARE(ends, 2);
        QCOMPARE(int(starts.size()), ends);
    }

    void asCompletedFollowsCompletionOrder()
    {
        Run run;
        std::vector<ObjectId> yielded;
        std::set<ObjectId> ids;
        std::vector<int> values;
        run.execute([&] {
            std::vector<Future<int>> fs{Future<int>(run), Future<int>(run), Future<int>(run), Future<int>(run)};
            for (const auto& f : fs)
                ids.insert(f.id());
            // Completed in reverse order once as_completed is waiting for the first of them.
            const ThreadState& waiter = ThreadState::current();
            Thread completer(
                run,
                [&] {
                    awaitBlocked(waiter);
                    for (int k = 3; k >= 0; --k)
                        fs[k].setResult(k);
                },
                "completer");
            completer.start();
            for (const auto& f : as_completed(fs)) {
                yielded.push_back(f.id());
                values.push_back(f.result());
            }
            completer.join();
        });
        QCOMPARE(run.status(), RunStatus::Finished);
        QCOMPARE(yielded, completionOrder(drainAll(run), ids));
        QCOMPARE(values, (std::vector<int>{3, 2, 1, 0}));
    }

    void asCompletedYieldsFinishedFirstAndDuplicatesOnce()
    {
        Run run;
        std::vector<int> order;
        run.execute([&] {
            const ThreadState& waiter = ThreadState::current();
            ThreadPoolExecutor pool(run, 1);
            auto slow = pool.submit([&] {
                awaitBlocked(waiter);
                return 1;
            });  // ends while as_completed waits
            Future<int> ready(run);
            ready.setResult(0);
            for (const auto& f : as_completed(std::vector<Future<int>>{slow, ready, slow}))
                order.push_back(f.result());
        });
        QCOMPARE(order, (std::vector<int>{0, 1}));
    }

    void asCompletedTimeout()
    {
        Run run;
        QString msg;
        int got = 0;
        run.execute([&] {
            ThreadEvent timedOut(run, "timed out");  // the two slow tasks end only after the timeout
            ThreadPoolExecutor pool(run, 3);
            std::vector<Future<int>> fs{pool.submit([] { return 1; }), pool.submit([&] {
                                            timedOut.wait();
                                            return 2;
                                        }),
                                        pool.submit([&] {
                                            timedOut.wait();
                                            return 3;
                                        })};
            fs[0].result();
            try {
                for (const auto& f : as_completed(fs, 60)) {
                    (void)f;
                    ++got;
                }
            } catch (const TimeoutError& e) {
                msg = e.what();
            }
            timedOut.set();
        });
        QCOMPARE(got, 1);
        QCOMPARE(msg, QString("2 (of 3) futures unfinished"));
    }

    void asCompletedSeesCancellation()
    {
        Run run;
        std::vector<bool> cancelled;
        run.execute([&] {
            // The only worker stays busy until the queued task is cancelled, so the cancel always
            // finds it still pending.
            ThreadEvent cancelDone(run, "cancel done");
            ThreadPoolExecutor pool(run, 1);
            auto busy = pool.submit([&] {
                cancelDone.wait();
                return 1;
            });
            auto queued = pool.submit([] { return 2; });
            // ...and cancels only once as_completed waits for both, so the cancellation is seen first.
            const ThreadState& waiter = ThreadState::current();
            Thread t(
                run,
                [&] {
                    awaitBlocked(waiter);
                    queued.cancel();
                    cancelDone.set();
                },
                "canceller");
            t.start();
            for (const auto& f : as_completed(std::vector<Future<int>>{busy, queued}))
                cancelled.push_back(f.cancelled());
            t.join();
        });
        QCOMPARE(cancelled, (std::vector<bool>{true, false}));
    }

    void abortWhileInAsCompleted()
    {
        Run run;
        run.start([&] {
            ThreadPoolExecutor pool(run, 2);
            std::vector<Future<int>> fs{pool.submit([] {
                sleepMs(60000);
                return 1;
            })};
            for (const auto& f : as_completed(fs))
                (void)f;
        });
        QTest::qWait(80);
        QElapsedTimer timer;
        timer.start();
        run.abort();
        QVERIFY(run.waitFinished(kAbortGuardMs));
        QCOMPARE(run.activeCount(), 0);
    }

    void abortWhileInWait()
    {
        Run run;
        run.start([&] {
            Future<int> never(run);
            wait(std::vector<Future<int>>{never});
        });
        QTest::qWait(50);
        run.abort();
        QVERIFY(run.waitFinished(kAbortGuardMs));
        QCOMPARE(run.status(), RunStatus::Aborted);
    }
};

QTEST_GUILESS_MAIN(TestWait)
#include "tst_wait.moc"
