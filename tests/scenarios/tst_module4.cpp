// SPDX-License-Identifier: MIT
// Targeted tests of module 4 (queues): order among the items present, blocking puts, task
// accounting, and the bug toggles (AP4 dead branch, AP5/AP6 lost items).
#include "scenario_test_util.h"

using namespace tl;
using namespace tl::checks;
using namespace tltest;

class TestModule4 : public QObject {
    Q_OBJECT
private slots:
    void threeOrders()
    {
        auto o = runLesson("m4.l1", {{"items", "8"}});
        EXPECT_CLEAN(o);
        auto labels = [&](const char* q) {
            std::vector<std::string> v;
            for (auto* g : instantsOf(o.trace, Ev::Get, -1, objectId(o.trace, q)))
                v.push_back(g->text);
            return v;
        };
        auto fifo = labels("fifo"), lifo = labels("lifo"), prio = labels("priority");
        QCOMPARE(fifo.size(), size_t(8));
        QVERIFY(std::equal(fifo.begin(), fifo.end(), lifo.rbegin()));
        for (size_t k = 1; k < prio.size(); ++k)
            QVERIFY2(std::stoi(prio[k - 1].substr(1)) <= std::stoi(prio[k].substr(1)), prio[k].c_str());
    }

    // The priority queue hands out the smallest priority present, and the producer blocks
    // exactly while the queue is full.
    void priorityOrderAndBlockingPut()
    {
        auto o = runLesson("m4.l4", {{"items", "20"}, {"maxsize", "3"}, {"consumers", "2"}});
        EXPECT_CLEAN(o);
        QVERIFY(!laneIntervals(o.trace, State::WaitQueuePut, objectId(o.trace, "jobs")).empty());
        // with room for every job the producer never blocks
        auto s = runLesson("m4.l4", {{"items", "12"}, {"maxsize", "20"}, {"consumers", "1"}});
        EXPECT_CLEAN(s);
        QVERIFY(laneIntervals(s.trace, State::WaitQueuePut, objectId(s.trace, "jobs")).empty());
    }

    // AP4: a blocking get never raises queue.Empty: the consumers never leave and are cut at
    // exit, while with stop items they end normally.
    void exceptEmptyIsADeadBranch()
    {
        auto bug = runLesson("m4.l2", {{"except_empty", "true"}, {"consumers", "2"}, {"items", "6"}});
        EXPECT_CLEAN(bug);
        for (int lane : lanesNamedPrefix(bug.trace, "consumer-")) {
            QVERIFY(bug.trace.lanes[size_t(lane)].killed);
            QVERIFY(marksStarting(bug.trace, laneName(bug.trace, lane) + " exits").empty());
        }
        auto ok = runLesson("m4.l2", {{"consumers", "2"}, {"items", "6"}});
        EXPECT_CLEAN(ok);
        for (int lane : lanesNamedPrefix(ok.trace, "consumer-"))
            QVERIFY(!ok.trace.lanes[size_t(lane)].killed);
    }

    // AP5 + AP6: checking full() and skipping the put really loses deliveries.
    void checkThenDropLosesItems()
    {
        // Real time: the sales are 120 ms slower than the deliveries, far more than load delays.
        auto bug = runLesson("m4.l5", {{"check_then_drop", "true"}}, 1.0);
        EXPECT_CLEAN(bug);
        const auto dropped = marksStarting(bug.trace, "dropped item-").size();
        QVERIFY2(dropped > 0, "nothing dropped");
        const auto sold = instantsOf(bug.trace, Ev::Get, -1, objectId(bug.trace, "warehouse")).size() - 1;
        QCOMPARE(sold + dropped, size_t(16));
        for (const char* policy : {"blocking_put", "put_nowait_retry", "put_timeout"}) {
            // Half real time: the producer outruns the consumers by tens of ms, not by noise.
            auto ok = runLesson("m4.l5", {{"policy", policy}, {"timeout_ms", "40"}}, 0.5);
            EXPECT_CLEAN(ok);
            QCOMPARE(instantsOf(ok.trace, Ev::Get, -1, objectId(ok.trace, "warehouse")).size(), size_t(17));
            if (std::string(policy) != "blocking_put")
                QVERIFY(!exceptions(ok.trace, "queue.Full").empty());
        }
    }

    void lifoFilledFirstIsReversed()
    {
        auto o = runLesson("m4.l3", {{"items", "12"}, {"consumers", "3"}});
        EXPECT_CLEAN(o);
        auto gets = instantsOf(o.trace, Ev::Get, -1, objectId(o.trace, "stack"));
        QCOMPARE(gets.size(), size_t(12));
        QCOMPARE(gets.front()->text, std::string("11"));
        auto c = runLesson("m4.l3", {{"producer_concurrent", "true"}});
        EXPECT_CLEAN(c);
    }
};

QTEST_GUILESS_MAIN(TestModule4)
#include "tst_module4.moc"
