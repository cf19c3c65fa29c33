// SPDX-License-Identifier: MIT
#include "engine/control/run.h"
#include "engine/sync/queue.h"
#include "engine/sync/thread.h"
#include "engine/work.h"
#include "engine_test_util.h"

#include <QtTest>
#include <set>

using namespace tl;
using namespace tltest;

namespace demo {
struct Job {
    int n;
};
std::string describe(const Job& j) { return "job#" + std::to_string(j.n); }
}  // namespace demo

class TestQueue : public QObject {
    Q_OBJECT
private slots:
    void labels()
    {
        QCOMPARE(QString::fromStdString(describe(42)), QString("42"));
        QCOMPARE(QString::fromStdString(describe(std::string("abc"))), QString("abc"));
        QCOMPARE(QString::fromStdString(describe(std::make_pair(3, std::string("job")))), QString("(3, 'job')"));
        QCOMPARE(QString::fromStdString(describe(std::make_tuple(1, 2.5, std::string("x")))), QString("(1, 2.5, 'x')"));
        QCOMPARE(QString::fromStdString(describe(std::make_tuple(7))), QString("(7,)"));
        QCOMPARE(QString::fromStdString(detail::label(demo::Job{5})), QString("job#5"));
    }

    void orderPerKind()
    {
        Run run;
        std::vector<int> fifo, lifo, prio, simple;
        run.execute([&] {
            Queue<int> q(run, "q");
            LifoQueue<int> l(run, "l");
            PriorityQueue<int> p(run, "p");
            SimpleQueue<int> s(run, "s");
            for (int v : {3, 1, 4, 1, 5}) {
                q.put(v);
                l.put(v);
                p.put(v);
                s.put(v);
            }
            for (int i = 0; i < 5; ++i) {
                fifo.push_back(q.get());
                lifo.push_back(l.get());
                prio.push_back(p.get());
                simple.push_back(s.get());
            }
        });
        QCOMPARE(run.status(), RunStatus::Finished);
        QCOMPARE(fifo, (std::vector<int>{3, 1, 4, 1, 5}));
        QCOMPARE(lifo, (std::vector<int>{5, 1, 4, 1, 3}));
        QCOMPARE(prio, (std::vector<int>{1, 1, 3, 4, 5}));
        QCOMPARE(simple, fifo);
        auto objs = run.recorder().objects();
        std::map<std::string, QueueOrder> orders;
        for (auto& o : objs) {
            QCOMPARE(o.kind, ObjectKind::Queue);
            orders[o.name] = o.order;
        }
        QCOMPARE(orders["q"], QueueOrder::Fifo);
        QCOMPARE(orders["l"], QueueOrder::Lifo);
        QCOMPARE(orders["p"], QueueOrder::Priority);
        QCOMPARE(orders["s"], QueueOrder::Simple);
    }

    void priorityTuplesComparePayloadOnTies()
    {
        Run run;
        std::vector<std::string> out;
        run.execute([&] {
            PriorityQueue<std::pair<int, std::string>> p(run, "p");
            p.put({2, "b"});
            p.put({1, "z"});
            p.put({2, "a"});
            for (int i = 0; i < 3; ++i)
                out.push_back(p.get().second);
        });
        QCOMPARE(out, (std::vector<std::string>{"z", "a", "b"}));
    }

    void nowaitAndTimeoutsRaise()
    {
        Run run;
        bool empty1 = false, full1 = false, emptyTimed = false, fullTimed = false;
        QString negMsg;
        double getMs = 0, putMs = 0;
        bool isFull = false, isEmpty = false;
        int64_t size = -1, maxsize = -1;
        run.execute([&] {
            Queue<int> q(run, "q", 2);
            maxsize = q.maxsize();
            isEmpty = q.empty();
            try {
                q.getNowait();
            } catch (const QueueEmpty&) {
                empty1 = true;
            }
            QElapsedTimer el;
            el.start();
            try {
                q.get(true, 30);
            } catch (const QueueEmpty&) {
                emptyTimed = true;
            }
            getMs = el.elapsed();
            q.put(1);
            q.putNowait(2);
            isFull = q.full();
            size = q.qsize();
            try {
                q.putNowait(3);
            } catch (const QueueFull&) {
                full1 = true;
            }
            el.restart();
            try {
                q.put(3, true, 30);
            } catch (const QueueFull&) {
                fullTimed = true;
            }
            putMs = el.elapsed();
            try {
                q.get(true, -5);
            } catch (const ValueError& e) {
                negMsg = e.what();
            }
        });
        QCOMPARE(run.status(), RunStatus::Finished);
        QVERIFY(empty1 && full1 && emptyTimed && fullTimed);
        QVERIFY(getMs >= 25 && putMs >= 25);
        QVERIFY(isFull && isEmpty);
        QCOMPARE(size, 2);
        QCOMPARE(maxsize, 2);
        QCOMPARE(negMsg, QString("'timeout' must be a non-negative number"));
    }

    void blockingPutWaitsWhileFullAndGetWhileEmpty()
    {
        Run run;
        ObjectId id = 0;
        std::vector<int> got;
        run.execute([&] {
            Queue<int> q(run, "q", 1);
            id = q.id();
            Thread consumer(run, [&] {
                for (int i = 0; i < 5; ++i) {
                    got.push_back(q.get());
                    sleepMs(5);
                }
            });
            consumer.start();
            sleepMs(20);  // consumer blocks on an empty queue first
            for (int i = 0; i < 5; ++i)
                q.put(i);  // then the producer blocks on a full one
            consumer.join();
        });
        QCOMPARE(run.status(), RunStatus::Finished);
        QCOMPARE(got, (std::vector<int>{0, 1, 2, 3, 4}));
        auto ev = drainAll(run);
        bool sawGetWait = false, sawPutWait = false;
        for (auto& e : select(ev, Ev::StateChange, id)) {
            sawGetWait |= State(e.a) == State::WaitQueueGet;
            sawPutWait |= State(e.a) == State::WaitQueuePut;
        }
        QVERIFY(sawGetWait);
        QVERIFY(sawPutWait);
        for (auto& c : select(ev, Ev::Counter, id))
            if (CounterKind(c.a) == CounterKind::Depth)
                QVERIFY(c.b >= 0 && c.b <= 1);
    }

    void everyItemHasPutGetAndFlow()
    {
        Run run;
        ObjectId id = 0;
        std::atomic<int> sum{0};
        run.execute([&] {
            Queue<std::string> q(run, "q", 3);
            id = q.id();
            std::vector<Thread> ts;
            for (int p = 0; p < 2; ++p)
                ts.emplace_back(run, [&, p] {
                    for (int i = 0; i < 50; ++i)
                        q.put("p" + std::to_string(p) + "-" + std::to_string(i));
                });
            for (int c = 0; c < 3; ++c)
                ts.emplace_back(run, [&] {
                    for (;;) {
                        std::string s = q.get();
                        if (s == "stop")
                            return;
                        ++sum;
                        q.taskDone();
                    }
                });
            for (auto& t : ts)
                t.start();
            ts[0].join();
            ts[1].join();
            q.join();
            for (int c = 0; c < 3; ++c)
                q.put("stop");
            for (auto& t : ts)
                t.join();
        });
        QCOMPARE(run.status(), RunStatus::Finished);
        QCOMPARE(sum.load(), 100);
        auto ev = drainAll(run);
        auto puts = select(ev, Ev::Put, id), gets = select(ev, Ev::Get, id);
        QCOMPARE(int(puts.size()), 103);
        QCOMPARE(int(gets.size()), 103);
        std::map<int64_t, int64_t> labelOf;
        for (auto& p : puts) {
            QVERIFY(!labelOf.count(p.a));  // sequence numbers unique per queue
            labelOf[p.a] = p.b;
        }
        for (auto& g : gets)
            QCOMPARE(labelOf.at(g.a), g.b);  // the get names the item that was put
        QCOMPARE(run.recorder().string(uint32_t(puts[0].b)).substr(0, 1), std::string("p"));
        int itemFlows = 0, doneFlows = 0;
        for (auto& f : select(ev, Ev::FlowStart, id)) {
            itemFlows += FlowKind(f.b) == FlowKind::Item;
            doneFlows += FlowKind(f.b) == FlowKind::Done;
        }
        QCOMPARE(itemFlows, 103);
        QVERIFY(doneFlows <= 1);  // only if main's join() had to wait
        QVERIFY2(checkFlows(ev).isEmpty(), qPrintable(checkFlows(ev)));
        QCOMPARE(count(ev, Ev::TaskDone, id), 100);
        QCOMPARE(count(ev, Ev::Join, id), 1);
        for (auto& c : select(ev, Ev::Counter, id)) {
            if (CounterKind(c.a) == CounterKind::Depth)
                QVERIFY(c.b >= 0 && c.b <= 3);
            else
                QCOMPARE(CounterKind(c.a), CounterKind::Pending);
        }
    }

    void taskDoneTooManyIsValueError()
    {
        Run run;
        QString msg;
        int64_t unfinished = -1;
        run.execute([&] {
            LifoQueue<int> q(run, "q");
            q.put(1);
            q.get();
            q.taskDone();
            unfinished = q.unfinishedTasks();
            try {
                q.taskDone();
            } catch (const ValueError& e) {
                msg = e.what();
            }
        });
        QCOMPARE(run.status(), RunStatus::Finished);
        QCOMPARE(msg, QString("task_done() called too many times"));
        QCOMPARE(unfinished, 0);
    }

    void joinWaitsForTaskDoneWithDoneFlow()
    {
        Run run;
        ObjectId id = 0;
        bool joinedEarly = true;
        run.execute([&] {
            Queue<int> q(run, "q");
            id = q.id();
            q.put(1);
            q.put(2);
            std::atomic<bool> joined{false};
            Thread joiner(run, [&] {
                q.join();
                joined = true;
            });
            joiner.start();
            q.get();
            q.taskDone();
            sleepMs(20);
            joinedEarly = joined.load();
            q.get();
            q.taskDone();
            joiner.join();
        });
        QCOMPARE(run.status(), RunStatus::Finished);
        QVERIFY(!joinedEarly);
        auto ev = drainAll(run);
        QCOMPARE(count(ev, Ev::FlowStart, id), 3);  // two items + one done
        QVERIFY2(checkFlows(ev).isEmpty(), qPrintable(checkFlows(ev)));
        bool sawJoinWait = false;
        for (auto& e : select(ev, Ev::StateChange, id))
            sawJoinWait |= State(e.a) == State::WaitJoin;
        QVERIFY(sawJoinWait);
    }

    void simpleQueuePutNeverBlocks()
    {
        Run run;
        int64_t size = 0;
        bool emptyRaised = false;
        run.execute([&] {
            SimpleQueue<int> s(run, "s");
            for (int i = 0; i < 1000; ++i)
                s.put(i, true, 0.001);  // block/timeout ignored
            size = s.qsize();
            for (int i = 0; i < 1000; ++i)
                s.getNowait();
            try {
                s.get(true, 5);
            } catch (const QueueEmpty&) {
                emptyRaised = true;
            }
        });
        QCOMPARE(run.status(), RunStatus::Finished);
        QCOMPARE(size, 1000);
        QVERIFY(emptyRaised);
        QCOMPARE(run.recorder().objects().front().capacity, 0);
    }

    void abortInterruptsBlockedGetAndPut()
    {
        Run run;
        run.start([&] {
            Queue<int> q(run, "q", 1);
            q.put(0);
            Thread t(run, [&] {
                Queue<int> e(run, "e");
                e.get();
            });
            t.start();
            q.put(1);
        });
        QTest::qWait(30);
        QElapsedTimer el;
        el.start();
        run.abort();
        QVERIFY(run.waitFinished(kAbortGuardMs));
    }
};

QTEST_GUILESS_MAIN(TestQueue)
#include "tst_queue.moc"
