// SPDX-License-Identifier: MIT
// scenarios/checks: the span arithmetic and the trace queries, on hand-made traces.
#include "scenarios/checks.h"

#include <QTest>

using namespace tl;
using namespace tl::checks;

namespace {

Lane lane(LaneId id, const std::string& name, int64_t start, int64_t end, std::vector<Interval> ivs, LaneId parent = 0)
{
    Lane l;
    l.info.id = id;
    l.info.name = name;
    l.info.parent = parent;
    l.start = start;
    l.end = end;
    l.intervals = std::move(ivs);
    for (auto& iv : l.intervals)
        l.maxEnd.push_back(l.maxEnd.empty() ? iv.end : std::max(l.maxEnd.back(), iv.end));
    return l;
}

Instant markAt(int64_t t, LaneId l, std::string text)
{
    Instant in;
    in.t = t;
    in.lane = l;
    in.type = Ev::Mark;
    in.text = std::move(text);
    return in;
}

// main 0..100 (run, join on lane 1 50..90), worker-1 10..90 (run, sleep 20..80), worker-2 30..60.
Trace sample()
{
    Trace t;
    Interval join{50, 90, State::WaitJoin, Outcome::None, 0, -1};
    t.lanes.push_back(lane(0, "MainThread", 0, 100, {{0, 50, State::Run}, join, {90, 100, State::Run}}));
    t.lanes.push_back(
        lane(1, "worker-1", 10, 90, {{10, 20, State::Run}, {20, 80, State::Sleep}, {80, 90, State::Run}}));
    t.lanes.push_back(lane(2, "worker-2", 30, 60, {{30, 60, State::Run}}, 1));
    t.instants.push_back(markAt(40, 1, "bid 7"));
    t.instants.push_back(markAt(95, 0, "both done"));
    t.finish(100, {});
    return t;
}

}  // namespace

class TestChecks : public QObject {
    Q_OBJECT

private slots:
    void spans()
    {
        QVERIFY(overlaps({0, 10}, {5, 15}));
        QVERIFY(!overlaps({0, 10}, {10, 20}));  // touching is not overlapping
        QVERIFY(pairwiseDisjoint({{20, 30}, {0, 10}, {10, 20}}));
        QVERIFY(!pairwiseDisjoint({{0, 10}, {5, 6}}));
        QVERIFY(pairwiseDisjoint({}));
        QCOMPARE(maxConcurrent({{0, 10}, {10, 20}}), 1);
        QCOMPARE(maxConcurrent({{0, 10}, {5, 20}, {6, 7}}), 3);
        QCOMPARE(maxConcurrent({}), 0);
        QCOMPARE(timeAbove({{0, 10}, {5, 20}}, 1), int64_t(5));
        QCOMPARE(unionLength({{0, 10}, {5, 20}, {30, 40}}), int64_t(30));
        QCOMPARE(hull({{5, 10}, {0, 3}}).start, int64_t(0));
        QCOMPARE(countAt({{0, 10}, {5, 20}}, 10), 1);
    }

    void lanes()
    {
        const Trace t = sample();
        QVERIFY(aliveAt(t, 2, 30) && !aliveAt(t, 2, 60) && !aliveAt(t, 2, 29));
        QCOMPARE(aliveLanesAt(t, 50).size(), size_t(3));
        QCOMPARE(*laneNamed(t, "worker-2"), LaneId(2));
        QVERIFY(!laneNamed(t, "nobody"));
        QCOMPARE(lanesNamedPrefix(t, "worker-").size(), size_t(2));
        QCOMPARE(childrenOf(t, 1), std::vector<LaneId>{2});
        QCOMPARE(lifetime(t, 1).length(), int64_t(80));
    }

    void intervals()
    {
        const Trace t = sample();
        QCOMPARE(timeIn(t, 1, State::Sleep), int64_t(60));
        QCOMPARE(maxConcurrentInState(t, State::Run), 2);  // main and worker-2 at 30..50
        QCOMPARE(*stateAt(t, 1, 50), State::Sleep);
        // The join names no lane: it is attributed to the lane that ended last within it.
        QCOMPARE(joinWaits(t, 0, 1).size(), size_t(1));
        QCOMPARE(joinWaits(t, 0, 2).size(), size_t(0));
    }

    void marks()
    {
        const Trace t = sample();
        QCOMPARE(marksStarting(t, "bid ").size(), size_t(1));
        QVERIFY(firstMark(t, "both", 0));
        QVERIFY(!firstMark(t, "both", 1));
        QCOMPARE(*numberAfter(*firstMark(t, "bid "), "bid "), int64_t(7));
        QVERIFY(!numberAfter(*firstMark(t, "both"), "bid "));
        QCOMPARE(marksContaining(t, "done").size(), size_t(1));
    }
};

QTEST_GUILESS_MAIN(TestChecks)
#include "tst_checks.moc"
