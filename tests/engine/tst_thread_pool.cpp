// SPDX-License-Identifier: MIT
#include "engine/control/run.h"
#include "engine_test_util.h"
#include "engine/model/trace.h"
#include "engine/pool/thread_pool.h"
#include "engine/pool/wait.h"
#include "engine/sync/lock.h"
#include "engine/work.h"

#include <QtTest>

#include <algorithm>
#include <map>
#include <set>
#include <thread>

using namespace tl;
using tltest::drainAll;  // time-ordered

namespace {

// Future object id -> pool object id, from the `submit` instants.
std::map<ObjectId, ObjectId> futurePools(const std::vector<Event>& ev)
{
    std::map<ObjectId, ObjectId> m;
    for (const Event& e : ev)
        if (e.type == Ev::Submit)
            m[ObjectId(e.b)] = e.object;
    return m;
}

// The most tasks of one pool running at the same time (TaskBegin/TaskEnd in time order).
int maxConcurrentTasks(const std::vector<Event>& ev, ObjectId pool)
{
    const auto fp = futurePools(ev);
    int now = 0, most = 0;
    for (const Event& e : ev) {
        if (e.type != Ev::TaskBegin && e.type != Ev::TaskEnd)
            continue;
        auto it = fp.find(e.object);
        if (it == fp.end() || it->second != pool)
            continue;
        now += e.type == Ev::TaskBegin ? 1 : -1;
        most = std::max(most, now);
    }
    return most;
}

int count(const std::vector<Event>& ev, Ev type, ObjectId object = 0)
{
    return int(std::count_if(ev.begin(), ev.end(),
                             [&](const Event& e) { return e.type == type && (!object || e.object == object); }));
}

}  // namespace

class TestThreadPool : public QObject {
    Q_OBJECT
private slots:
    void maxWorkersMustBePositive_data()
    {
        QTest::addColumn<int>("workers");
        QTest::newRow("zero") << 0;
        QTest::newRow("negative") << -3;
    }
    void maxWorkersMustBePositive()
    {
        QFETCH(int, workers);
        Run run;
        QString msg;
        run.execute([&] {
            try {
                ThreadPoolExecutor pool(run, workers);
            } catch (const ValueError& e) {
                msg = e.what();
            }
        });
        QCOMPARE(msg, QString("max_workers must be greater than 0"));
    }

    void defaultMaxWorkersIsPythons()
    {
        const int cpu = int(std::max(1u, std::thread::hardware_concurrency()));
        QCOMPARE(ThreadPoolExecutor::defaultMaxWorkers(), std::min(32, cpu + 4));
        Run run;
        int got = 0;
        run.execute([&] {
            ThreadPoolExecutor pool(run);
            got = pool.maxWorkers();
        });
        QCOMPARE(got, std::min(32, cpu + 4));
        QCOMPARE(run.recorder().objects().back().capacity, int64_t(got));
    }

    void submitReturnsValuesOfEveryType()
    {
        Run run;
        int i = 0;
        double d = 0;
        std::string s;
        bool voidDone = false;
        run.execute([&] {
            ThreadPoolExecutor pool(run, 2);
            auto fi = pool.submit([](int a, int b) { return a * b; }, 6, 7);
            auto fd = pool.submit([] { return 2.5; });
            auto fs = pool.submit([](std::string x) { return x + "!"; }, std::string("hi"));
            auto fv = pool.submit([] { sleepMs(5); });
            i = fi.result();
            d = fd.result();
            s = fs.result();
            fv.result();
            voidDone = fv.done();
        });
        QCOMPARE(run.status(), RunStatus::Finished);
        QCOMPARE(i, 42);
        QCOMPARE(d, 2.5);
        QCOMPARE(s, std::string("hi!"));
        QVERIFY(voidDone);
        // TaskEnd carries the value's text in b's upper bits.
        std::set<std::string> texts;
        for (const Event& e : drainAll(run))
            if (e.type == Ev::TaskEnd) {
                QCOMPARE(e.b & 0xff, int64_t(TaskOutcome::Result));
                texts.insert(run.recorder().string(uint32_t(e.b >> 8)));
            }
        QCOMPARE(texts, (std::set<std::string>{"42", "2.5", "hi!", "None"}));
    }

    void threadNamesFollowPython()
    {
        Run run;
        std::vector<std::string> names0, names1, custom;
        run.execute([&] {
            auto names = [&](ThreadPoolExecutor& p) {
                std::vector<std::string> out;
                for (auto& t : p.threads())
                    out.push_back(t->name());
                return out;
            };
            {
                ThreadPoolExecutor p0(run, 2);
                auto a = p0.submit([] { sleepMs(40); });
                auto b = p0.submit([] { sleepMs(40); });
                a.result();
                b.result();
                names0 = names(p0);
            }
            {
                ThreadPoolExecutor p(run, 1, "environment");
                p.submit([] {}).result();
                custom = names(p);
            }
            {
                ThreadPoolExecutor p1(run, 1);
                p1.submit([] {}).result();
                names1 = names(p1);
            }
        });
        QCOMPARE(names0, (std::vector<std::string>{"ThreadPoolExecutor-0_0", "ThreadPoolExecutor-0_1"}));
        QCOMPARE(custom, (std::vector<std::string>{"environment_0"}));
        // Unnamed pools count from 0 per run, skipping named ones (Python's counter).
        QCOMPARE(names1, (std::vector<std::string>{"ThreadPoolExecutor-1_0"}));
        // The lanes carry the same names.
        std::set<std::string> lanes;
        for (const LaneInfo& l : run.recorder().lanes())
            lanes.insert(l.name);
        QVERIFY(lanes.count("ThreadPoolExecutor-0_1"));
        QVERIFY(lanes.count("environment_0"));
    }

    void workersAreCreatedLazily()
    {
        Run run;
        int spawnedBig = -1, spawnedSequential = -1, beforeSubmit = -1;
        run.execute([&] {
            {
                ThreadPoolExecutor pool(run, 50);
                beforeSubmit = pool.threadCount();
                std::vector<Future<int>> fs;
                for (int k = 0; k < 4; ++k)
                    fs.push_back(pool.submit([k] {
                        sleepMs(20);
                        return k;
                    }));
                for (auto& f : fs)
                    f.result();
                spawnedBig = pool.threadCount();
            }
            {
                // Each submit waits for its result: the idle worker is reused.
                ThreadPoolExecutor pool(run, 8);
                for (int k = 0; k < 20; ++k)
                    pool.submit([] { sleepMs(1); }).result();
                spawnedSequential = pool.threadCount();
            }
        });
        QCOMPARE(beforeSubmit, 0);
        QVERIFY2(spawnedBig >= 1 && spawnedBig <= 4, qPrintable(QString::number(spawnedBig)));
        QCOMPARE(spawnedSequential, 1);
    }

    void neverMoreRunningThanMaxWorkersAndEachTaskOnce()
    {
        Run run;
        ObjectId poolId = 0;
        std::vector<ObjectId> futureIds;
        std::atomic<int> inside{0}, most{0};
        run.execute([&] {
            ThreadPoolExecutor pool(run, 3);
            poolId = pool.id();
            std::vector<Future<int>> fs;
            for (int k = 0; k < 12; ++k)
                fs.push_back(pool.submit([&, k] {
                    const int n = ++inside;
                    int m = most.load();
                    while (n > m && !most.compare_exchange_weak(m, n)) {}
                    sleepMs(10 + (k % 3) * 5);
                    --inside;
                    return k;
                }));
            for (auto& f : fs)
                futureIds.push_back(f.id());
            for (auto& f : fs)
                f.result();  // workers done early go idle meanwhile
        });
        QCOMPARE(run.status(), RunStatus::Finished);
        QVERIFY(most.load() <= 3);
        const auto ev = drainAll(run);
        QVERIFY(maxConcurrentTasks(ev, poolId) <= 3);
        QVERIFY(maxConcurrentTasks(ev, poolId) >= 2);  // they really overlapped
        for (ObjectId id : futureIds) {
            QCOMPARE(count(ev, Ev::TaskBegin, id), 1);
            QCOMPARE(count(ev, Ev::TaskEnd, id), 1);
        }
        // Counters: busy never above max_workers, both back to 0 at the end.
        int lastBusy = -1, lastPending = -1;
        for (const Event& e : ev)
            if (e.type == Ev::Counter && e.object == poolId) {
                if (e.a == int64_t(CounterKind::Busy)) {
                    QVERIFY(e.b >= 0 && e.b <= 3);
                    lastBusy = int(e.b);
                } else if (e.a == int64_t(CounterKind::Pending)) {
                    QVERIFY(e.b >= 0 && e.b <= 12);
                    lastPending = int(e.b);
                }
            }
        QCOMPARE(lastBusy, 0);
        QCOMPARE(lastPending, 0);
        // Idle workers wait in `idle` on the pool.
        bool idle = false;
        for (const Event& e : ev)
            idle = idle || (e.type == Ev::StateChange && e.a == int64_t(State::Idle) && e.object == poolId);
        QVERIFY(idle);
        // FutureState of every task: PENDING, RUNNING, FINISHED in that order.
        for (ObjectId id : futureIds) {
            std::vector<int64_t> states;
            for (const Event& e : ev)
                if (e.type == Ev::FutureState && e.object == id)
                    states.push_back(e.a);
            QCOMPARE(states, (std::vector<int64_t>{0, 1, 3}));
        }
    }

    void taskExceptionIsStoredAndWorkerContinues()
    {
        Run run;
        QString msg;
        int after = 0;
        run.execute([&] {
            ThreadPoolExecutor pool(run, 1);
            auto bad = pool.submit([]() -> int { throw ValueError("bad item"); });
            auto good = pool.submit([] { return 5; });
            try {
                bad.result();
            } catch (const ValueError& e) {
                msg = e.what();
            }
            after = good.result();
        });
        QCOMPARE(msg, QString("bad item"));
        QCOMPARE(after, 5);
        bool sawException = false;
        for (const Event& e : drainAll(run))
            if (e.type == Ev::TaskEnd && (e.b & 0xff) == int64_t(TaskOutcome::Exception)) {
                sawException = true;
                QCOMPARE(run.recorder().string(uint32_t(e.b >> 8)), std::string("ValueError: bad item"));
            }
        QVERIFY(sawException);
    }

    void submitAfterShutdownIsRuntimeError()
    {
        Run run;
        QString msg;
        bool twiceOk = false;
        run.execute([&] {
            ThreadPoolExecutor pool(run, 2);
            pool.submit([] {}).result();
            pool.shutdown();
            pool.shutdown();  // safe twice
            twiceOk = pool.isShutdown();
            try {
                pool.submit([] {});
            } catch (const RuntimeError& e) {
                msg = e.what();
            }
        });
        QVERIFY(twiceOk);
        QCOMPARE(msg, QString("cannot schedule new futures after shutdown"));
    }

    void shutdownWaitBlocksUntilTasksEnd()
    {
        Run run;
        std::atomic<int> finished{0};
        int seenAfterShutdown = -1;
        bool allDoneAfterNoWait = true;
        run.execute([&] {
            {
                ThreadPoolExecutor pool(run, 3);
                for (int k = 0; k < 5; ++k)
                    pool.submit([&] {
                        sleepMs(20);
                        ++finished;
                    });
                pool.shutdown(true);
                seenAfterShutdown = finished.load();
            }
            {
                ThreadPoolExecutor pool(run, 2);
                std::vector<Future<void>> fs;
                for (int k = 0; k < 2; ++k)
                    fs.push_back(pool.submit([] { sleepMs(150); }));
                pool.shutdown(false);
                allDoneAfterNoWait = fs[0].done() && fs[1].done();
            }  // the destructor (with-exit) waits
        });
        QCOMPARE(seenAfterShutdown, 5);
        QVERIFY(!allDoneAfterNoWait);
        QCOMPARE(run.status(), RunStatus::Finished);
    }

    void cancelFuturesCancelsPendingWhichNeverStart()
    {
        Run run;
        std::vector<ObjectId> ids;
        std::vector<bool> cancelled;
        std::atomic<int> ran{0};
        run.execute([&] {
            ThreadPoolExecutor pool(run, 1);
            std::vector<Future<void>> fs;
            Future<void> started(run, "started");
            for (int k = 0; k < 5; ++k)
                fs.push_back(pool.submit([&, k] {
                    if (k == 0)
                        started.setResult();
                    sleepMs(60);
                    ++ran;
                }));
            started.result();  // task 0 is running
            pool.shutdown(true, true);
            for (auto& f : fs) {
                ids.push_back(f.id());
                cancelled.push_back(f.cancelled());
            }
        });
        QCOMPARE(ran.load(), 1);
        QCOMPARE(cancelled, (std::vector<bool>{false, true, true, true, true}));
        const auto ev = drainAll(run);
        for (size_t k = 1; k < ids.size(); ++k) {
            QCOMPARE(count(ev, Ev::TaskBegin, ids[k]), 0);
            std::vector<int64_t> states;
            for (const Event& e : ev)
                if (e.type == Ev::FutureState && e.object == ids[k])
                    states.push_back(e.a);
            QCOMPARE(states, (std::vector<int64_t>{0, 2}));
        }
    }

    void cancelledTaskNeverStarts()
    {
        Run run;
        std::atomic<int> ranCancelled{0};
        bool ok = false, runningCancel = true;
        ObjectId cancelledId = 0;
        run.execute([&] {
            ThreadPoolExecutor pool(run, 1);
            Future<void> started(run, "started");
            auto first = pool.submit([started] {
                started.setResult();
                sleepMs(60);
            });
            auto second = pool.submit([&] { ++ranCancelled; });
            started.result();
            runningCancel = first.cancel();  // running: cannot be cancelled
            ok = second.cancel();
            cancelledId = second.id();
        });
        QVERIFY(!runningCancel);
        QVERIFY(ok);
        QCOMPARE(ranCancelled.load(), 0);
        const auto ev = drainAll(run);
        QCOMPARE(count(ev, Ev::TaskBegin, cancelledId), 0);
        std::vector<int64_t> cancels;
        for (const Event& e : ev)
            if (e.type == Ev::Cancel)
                cancels.push_back(e.a);
        QCOMPARE(cancels, (std::vector<int64_t>{0, 1}));
    }

    void initializerRunsOncePerWorker()
    {
        Run run;
        std::atomic<int> inits{0};
        int threads = -1;
        std::map<std::string, int> perWorker;
        std::mutex m;
        run.execute([&] {
            ThreadPoolExecutor pool(run, 3, "environment", [&] { ++inits; });
            std::vector<Future<void>> fs;
            for (int k = 0; k < 10; ++k)
                fs.push_back(pool.submit([&] {
                    sleepMs(5);
                    std::lock_guard g(m);
                    ++perWorker[ThreadState::current().name()];
                }));
            for (auto& f : fs)
                f.result();
            threads = pool.threadCount();
        });
        QCOMPARE(inits.load(), threads);
        int total = 0;
        for (auto& [name, n] : perWorker) {
            QVERIFY(QString::fromStdString(name).startsWith("environment_"));
            total += n;
        }
        QCOMPARE(total, 10);
        QVERIFY(inits.load() >= 1 && inits.load() <= 3);
    }

    void failingInitializerBreaksThePool()
    {
        Run run;
        QString pendingMsg, submitMsg;
        bool broken = false;
        run.execute([&] {
            ThreadPoolExecutor pool(run, 1, {}, [] {
                sleepMs(20);
                throw ValueError("no database");
            });
            auto f = pool.submit([] { return 1; });
            try {
                f.result();
            } catch (const BrokenThreadPool& e) {
                pendingMsg = e.what();
            }
            broken = pool.broken();
            try {
                pool.submit([] { return 2; });
            } catch (const BrokenThreadPool& e) {
                submitMsg = e.what();
            }
        });
        const QString expected = "A thread initializer failed, the thread pool is not usable anymore";
        QCOMPARE(pendingMsg, expected);
        QCOMPARE(submitMsg, expected);
        QVERIFY(broken);
        QCOMPARE(run.status(), RunStatus::Finished);
        bool logged = false;
        std::vector<int64_t> states;
        for (const Event& e : drainAll(run)) {
            if (e.type == Ev::Exception)
                logged = logged ||
                         run.recorder().string(uint32_t(e.a)) == "Exception in initializer: ValueError: no database";
            if (e.type == Ev::FutureState)
                states.push_back(e.a);
        }
        QVERIFY(logged);
        // As in Python, the queued future goes straight from PENDING to FINISHED (set_exception).
        QCOMPARE(states, (std::vector<int64_t>{0, 3}));
    }

    void mapKeepsSubmissionOrder()
    {
        Run run;
        std::vector<int> results;
        std::vector<ObjectId> ids;
        run.execute([&] {
            ThreadPoolExecutor pool(run, 4);
            // Later items finish first.
            auto it = pool.map(
                [](int k) {
                    sleepMs(130 - 40 * k);
                    return k * k;
                },
                std::vector<int>{0, 1, 2, 3});
            for (auto& f : it.futures())
                ids.push_back(f.id());
            for (int v : it)
                results.push_back(v);
        });
        QCOMPARE(results, (std::vector<int>{0, 1, 4, 9}));
        // Completion order really differed from submission order.
        std::vector<ObjectId> finishOrder;
        for (const Event& e : drainAll(run))
            if (e.type == Ev::TaskEnd)
                finishOrder.push_back(e.object);
        QCOMPARE(finishOrder.size(), ids.size());
        QVERIFY(finishOrder != ids);
        QCOMPARE(finishOrder.front(), ids.back());
    }

    void mapOverTwoInputsStopsAtTheShorter()
    {
        Run run;
        std::vector<int> got;
        std::string text;
        run.execute([&] {
            ThreadPoolExecutor pool(run, 3);
            got = pool.map(
                          [](int base, int exp) {
                              int r = 1;
                              for (int k = 0; k < exp; ++k)
                                  r *= base;
                              return r;
                          },
                          std::vector<int>{2, 3, 4, 5}, std::vector<int>{3, 2, 1})
                      .all();
            const std::string word = "ref";
            // A task returning a reference gives a copy.
            text = pool.submit([&word]() -> const std::string& { return word; }).result();
        });
        QCOMPARE(got, (std::vector<int>{8, 9, 4}));
        QCOMPARE(text, std::string("ref"));
    }

    void mapRaisesAtTheFailedItemsTurn()
    {
        Run run;
        std::vector<int> got;
        QString msg;
        std::vector<bool> cancelledAfter;
        run.execute([&] {
            ThreadPoolExecutor pool(run, 1);
            auto it = pool.map(
                [](int k) {
                    sleepMs(10);
                    if (k == 1)
                        throw ValueError("item 1");
                    return k;
                },
                std::vector<int>{0, 1, 2, 3, 4, 5});
            try {
                for (int v : it)
                    got.push_back(v);
            } catch (const ValueError& e) {
                msg = e.what();
            }
            for (auto& f : it.futures())
                cancelledAfter.push_back(f.cancelled());
        });
        QCOMPARE(got, (std::vector<int>{0}));
        QCOMPARE(msg, QString("item 1"));
        // Python's generator `finally` cancelled what had not started yet (at least the tail).
        QVERIFY(!cancelledAfter[0] && !cancelledAfter[1]);
        QVERIFY(cancelledAfter.back());
    }

    void mapTimeoutIsTimeoutError()
    {
        Run run;
        bool timedOut = false;
        std::vector<int> got;
        run.execute([&] {
            ThreadPoolExecutor pool(run, 2);
            auto it = pool.map(
                [](int k) {
                    sleepMs(k == 0 ? 5 : 300);
                    return k;
                },
                std::vector<int>{0, 1}, 100);
            try {
                for (int v : it)
                    got.push_back(v);
            } catch (const TimeoutError&) {
                timedOut = true;
            }
        });
        QVERIFY(timedOut);
        QCOMPARE(got, (std::vector<int>{0}));
    }

    void mapNotIteratedRaisesNothing()
    {
        Run run;
        std::atomic<int> ran{0};
        run.execute([&] {
            ThreadPoolExecutor pool(run, 2);
            auto it = pool.map(
                [&](int k) {
                    ++ran;
                    if (k == 1)
                        throw ValueError("x");
                    return k;
                },
                std::vector<int>{0, 1, 2});
        });
        QCOMPARE(run.status(), RunStatus::Finished);
        QCOMPARE(ran.load(), 3);
    }

    void worksUnderTheGil()
    {
        RunOptions o;
        o.gil = true;
        Run run(o);
        int sum = 0;
        run.execute(
            [&] {
                ThreadPoolExecutor pool(run, 3);
                std::vector<Future<int>> fs;
                for (int k = 0; k < 6; ++k)
                    fs.push_back(pool.submit([k] {
                        cpuWork(5);
                        sleepMs(2);
                        return k;
                    }));
                auto r = wait(fs, kForever, ReturnWhen::FirstCompleted);
                (void)r;
                for (auto& f : as_completed(fs))
                    sum += f.result();
            },
            10000);
        QCOMPARE(run.status(), RunStatus::Finished);
        QCOMPARE(sum, 15);
    }

    void timeScaleShortensTimeouts()
    {
        RunOptions o;
        o.timeScale = 0.2;
        Run run(o);
        bool timedOut = false;
        int first = -1;
        run.execute([&] {
            ThreadPoolExecutor pool(run, 2);
            // 1000 scenario ms = 200 real ms; the 400 ms timeout (80 real) passes first.
            auto it = pool.map(
                [](int k) {
                    sleepMs(k == 0 ? 10 : 1000);
                    return k;
                },
                std::vector<int>{0, 1}, 400);
            try {
                first = it.next();
                it.next();
            } catch (const TimeoutError&) {
                timedOut = true;
            }
        });
        QCOMPARE(first, 0);
        QVERIFY(timedOut);
    }

    void traceModelAcceptsAPoolRun()
    {
        Run run;
        run.execute([&] {
            ThreadPoolExecutor pool(run, 2);
            std::vector<Future<int>> fs;
            for (int k = 0; k < 6; ++k)
                fs.push_back(pool.submit([k]() -> int {
                    sleepMs(10 + 5 * k);
                    if (k == 4)
                        throw ValueError("four");
                    return k;
                }));
            fs[5].cancel();
            fs[0].add_done_callback([](const Future<int>&) {});
            wait(fs, kForever, ReturnWhen::FirstCompleted);
            for (auto& f : as_completed(fs))
                if (!f.cancelled())
                    (void)f.exception();
        });
        QCOMPARE(run.status(), RunStatus::Finished);
        std::vector<Event> ev;
        run.drain(ev);
        Trace trace;
        trace.ingest(ev, run.recorder());
        trace.finish(run.elapsedNs(), {});
        const auto problems = trace.checkInvariants();
        for (const auto& p : problems)
            qWarning("%s", p.c_str());
        QVERIFY(problems.empty());
        QCOMPARE(int(trace.tasks.size()), 5);  // the cancelled one never ran
        int exceptions = 0;
        for (const TaskSpan& t : trace.tasks) {
            QVERIFY(t.end >= t.start);
            exceptions += t.outcome == 1;
            if (t.outcome == 1)
                QCOMPARE(t.value, std::string("ValueError: four"));
        }
        QCOMPARE(exceptions, 1);
        for (const Flow& f : trace.flows)
            if (f.kind == FlowKind::Done) {
                QVERIFY(f.fromT >= 0);
                QVERIFY(f.toT >= f.fromT);
            }
    }

    void deadlockThroughAFutureIsDetected()
    {
        // Main holds a lock the task needs, then waits for the task's result.
        Run run;
        QElapsedTimer timer;
        timer.start();
        run.execute(
            [&] {
                Lock lock(run, "config");
                ThreadPoolExecutor pool(run, 1);
                std::lock_guard g(lock);
                auto f = pool.submit([&] {
                    std::lock_guard inner(lock);
                    return 1;
                });
                f.result();
            },
            5000);
        QCOMPARE(run.status(), RunStatus::Deadlock);  // found by the detector, not the 5 s limit
        QVERIFY2(QString::fromStdString(run.message()).contains("ThreadPoolExecutor-0_0"), run.message().c_str());
        QCOMPARE(run.activeCount(), 0);
    }

    void timedResultIsNotADeadlock()
    {
        Run run;
        bool timedOut = false;
        run.execute(
            [&] {
                Lock lock(run, "config");
                ThreadPoolExecutor pool(run, 1);
                lock.acquire();
                auto f = pool.submit([&] {
                    std::lock_guard inner(lock);
                    return 1;
                });
                try {
                    f.result(100);
                } catch (const TimeoutError&) {
                    timedOut = true;
                }
                lock.release();
                f.result();
            },
            5000);
        QCOMPARE(run.status(), RunStatus::Finished);
        QVERIFY(timedOut);
    }

    void abortDuringShutdownEndsQuickly()
    {
        Run run;
        QElapsedTimer timer;
        run.start([&] {
            ThreadPoolExecutor pool(run, 2);
            pool.submit([] { sleepMs(60000); });
            pool.submit([] { sleepMs(60000); });
            pool.shutdown(true);
        });
        QTest::qWait(100);
        timer.start();
        run.abort();
        QVERIFY(run.waitFinished(tltest::kAbortGuardMs));
        QCOMPARE(run.status(), RunStatus::Aborted);
        QCOMPARE(run.activeCount(), 0);
    }

    void abortWithIdleWorkersEndsQuickly()
    {
        Run run;
        run.start([&] {
            ThreadPoolExecutor pool(run, 3);
            pool.submit([] {}).result();
            Future<int> never(run, "never");
            never.result();  // blocks until the abort
        });
        QTest::qWait(80);
        QElapsedTimer timer;
        timer.start();
        run.abort();
        QVERIFY(run.waitFinished(tltest::kAbortGuardMs));
        QCOMPARE(run.activeCount(), 0);
    }
};

QTEST_GUILESS_MAIN(TestThreadPool)
#include "tst_thread_pool.moc"
