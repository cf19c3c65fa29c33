// SPDX-License-Identifier: MIT
// The timeline's level of detail (the IntervalLod pyramid, HoldLod) must not change what is drawn:
// the state segments built with it, and those built by scanning the intervals, equal field by
// field the reference below (what a pixel shows, straight from its definition), the hold bands
// those built one hold at a time, and the painted lane area is the same pixels, whole run and
// zoomed, finished and growing live.
#include "../app/synthetic_trace.h"
#include "app/view/palette.h"
#include "app/view/timeline_renderer.h"

#include <QImage>
#include <QPainter>
#include <QtTest>

#include <array>
#include <cmath>

using namespace tl;
using namespace tl::view;

namespace {

// What a lane shows, straight from its definition (timeline_geometry.cpp, "State cells"), one
// cell at a time over every interval touching it: cells of 2^level ns (the smallest at least
// kCellPx wide); an interval that alone touches a whole cell is drawn as it is; every other
// cell that other intervals touch is drawn over their part of it, in the state holding most of
// its time with the first most important one shown; alike neighbours join.
std::vector<Geometry::Segment> referenceSegments(const Trace& t, const TraceIndex& idx, LaneId lane, TimeRange vis,
                                                 int width)
{
    const double k = double(width) / double(vis.span());
    const int64_t t0 = vis.start, t1 = vis.end;
    int level = 0;
    while (double(int64_t(1) << level) * k < TimelineRenderer::kCellPx)
        ++level;
    const int64_t w = int64_t(1) << level;
    const auto& ivs = t.lanes[lane].intervals;
    auto endOf = [&](size_t i) { return ivs[i].end < ivs[i].start ? std::max(idx.end, ivs[i].start) : ivs[i].end; };
    // The intervals overlapping [c * w, (c + 1) * w), and a zero-length one whose time is in it
    // (intervals are sorted and never overlap, so their ends are sorted too).
    auto touching = [&](int64_t c) {
        std::vector<size_t> v;
        size_t i = 0;
        for (size_t step = size_t(1) << 40; step; step /= 2)
            if (i + step <= ivs.size() && std::max(endOf(i + step - 1), ivs[i + step - 1].start + 1) <= c * w)
                i += step;
        for (; i < ivs.size() && ivs[i].start < (c + 1) * w; ++i)
            v.push_back(i);
        return v;
    };
    // Wide: alone in some whole cell it covers.
    auto isWide = [&](size_t i) {
        for (int64_t c = (ivs[i].start + w - 1) / w; (c + 1) * w <= endOf(i); ++c)
            if (touching(c) == std::vector<size_t>{i})
                return true;
        return false;
    };
    std::vector<Geometry::Segment> out;
    int64_t lastEnd = INT64_MIN;  // of the last segment, when it was a cell's
    std::vector<bool> drawn(ivs.size());
    auto drawWide = [&](size_t i) {
        if (drawn[i])
            return;
        drawn[i] = true;
        const int64_t a = std::max(ivs[i].start, t0), b = std::min(endOf(i), t1);
        if (a < b) {
            out.push_back({float(double(a - t0) * k), float(double(b - t0) * k), uint32_t(i), 1, ivs[i].state,
                           ivs[i].object, ivs[i].state});
            lastEnd = INT64_MIN;
        }
    };
    for (int64_t c = t0 / w; c <= (t1 - 1) / w; ++c) {
        const std::vector<size_t> in = touching(c);
        std::vector<size_t> narrow;
        for (size_t i : in)
            if (isWide(i)) {
                if (narrow.empty())
                    drawWide(i);
            } else {
                narrow.push_back(i);
            }
        if (!narrow.empty()) {
            std::array<int64_t, size_t(State::Count)> share{};
            size_t shown = in.front();
            for (size_t i : in) {
                share[size_t(ivs[i].state)] += std::min(endOf(i), (c + 1) * w) - std::max(ivs[i].start, c * w);
                if (statePriority(ivs[i].state) > statePriority(ivs[shown].state))
                    shown = i;
            }
            size_t best = 0;
            for (size_t q = 1; q < share.size(); ++q)
                if (share[q] > share[best])
                    best = q;
            const int64_t a = std::max({c * w, t0, ivs[narrow.front()].start});
            const int64_t b = std::min({(c + 1) * w, t1, endOf(narrow.back())});
            if (a <= b && a < t1) {
                const Geometry::Segment s{float(double(a - t0) * k),
                                          float(double(b - t0) * k),
                                          uint32_t(narrow.front()),
                                          uint32_t(narrow.size()),
                                          ivs[shown].state,
                                          ivs[shown].object,
                                          State(best)};
                Geometry::Segment* last = out.empty() ? nullptr : &out.back();
                if (last && lastEnd == a && last->state == s.state && last->dominant == s.dominant &&
                    last->object == s.object) {
                    last->x1 = s.x1;
                    last->count = uint32_t(narrow.back() + 1 - last->first);
                } else {
                    out.push_back(s);
                }
                lastEnd = b;
            }
        }
        for (size_t i : in)
            if (!narrow.empty() && i > narrow.back() && isWide(i))
                drawWide(i);
    }
    // A wide interval reaching into the view's last cell from beyond.
    if (!ivs.empty()) {
        const std::vector<size_t> after = touching((t1 - 1) / w + 1);
        if (after.size() == 1 && isWide(after.front()) && ivs[after.front()].start < t1)
            drawWide(after.front());
    }
    return out;
}

QString compareSegments(const std::vector<Geometry::Segment>& got, const std::vector<Geometry::Segment>& want)
{
    if (got.size() != want.size())
        return QStringLiteral("%1 segments, expected %2").arg(got.size()).arg(want.size());
    for (size_t i = 0; i < got.size(); ++i) {
        const auto& a = got[i];
        const auto& b = want[i];
        if (a.x0 != b.x0 || a.x1 != b.x1 || a.first != b.first || a.count != b.count || a.state != b.state ||
            a.object != b.object || a.dominant != b.dominant)
            return QStringLiteral("segment %1 (interval %2 +%3): state %4/%5 dominant %6/%7 x %8-%9 / %10-%11")
                .arg(i)
                .arg(b.first)
                .arg(b.count)
                .arg(int(a.state))
                .arg(int(b.state))
                .arg(int(a.dominant))
                .arg(int(b.dominant))
                .arg(a.x0)
                .arg(a.x1)
                .arg(b.x0)
                .arg(b.x1);
    }
    return {};
}

// The lane area's state bars, as the renderer replays them (rects, then stripes, a brush each).
QImage paintBars(const Geometry& g, int width, int height)
{
    QImage img(width, height, QImage::Format_ARGB32_Premultiplied);
    img.fill(Qt::white);
    QPainter p(&img);
    p.setPen(Qt::NoPen);
    for (const auto* layer : {&g.rects, &g.stripes})
        for (size_t s = 0; s < layer->size(); ++s) {
            p.setBrush(stateColor(State(s), false));
            if (!(*layer)[s].empty())
                p.drawRects((*layer)[s].data(), int((*layer)[s].size()));
        }
    return img;
}

QString compareHolds(const Geometry& got, const Geometry& want)
{
    for (size_t ri = 0; ri < want.holds.size(); ++ri) {
        const auto& a = got.holds[ri];
        const auto& b = want.holds[ri];
        if (a.size() != b.size())
            return QStringLiteral("row %1: %2 hold bars, expected %3").arg(ri).arg(a.size()).arg(b.size());
        for (size_t i = 0; i < a.size(); ++i)
            if (a[i].rect != b[i].rect || a[i].first != b[i].first || a[i].count != b[i].count ||
                a[i].object != b[i].object || a[i].contended != b[i].contended)
                return QStringLiteral(
                           "row %1, hold bar %2 (hold %3 +%4, expected +%5): x %6-%7 / %8-%9, contended %10/%11")
                    .arg(ri)
                    .arg(i)
                    .arg(b[i].first)
                    .arg(a[i].count)
                    .arg(b[i].count)
                    .arg(a[i].rect.left())
                    .arg(a[i].rect.right())
                    .arg(b[i].rect.left())
                    .arg(b[i].rect.right())
                    .arg(a[i].contended)
                    .arg(b[i].contended);
    }
    if (got.holdRects != want.holdRects)
        return QStringLiteral("hold rectangles differ");
    return {};
}

// The pyramid's frame against the exact one: every row's segments, built with the pyramid and by
// the scan (the same index without its level of detail), equal the reference field by field, and
// paint the same pixels; the hold bands equal those of a build that takes every hold one at a time.
// What a frame took from the summaries: the intervals read with and without them, and the holds
// taken one at a time with and without them.
struct FrameStats {
    size_t visited = 0, visitedPlain = 0;
    size_t holdsVisited = 0, holdsVisitedPlain = 0;
};
void checkFrame(const Trace& t, const TraceIndex& idx, TimeRange vis, int width, const QString& what,
                FrameStats* stats = nullptr)
{
    TimelineRenderer r(&t);
    const LaneLayout& l = r.layout();
    const auto g = TimelineRenderer::buildGeometry(t, idx, l, r.font(), vis, width);
    TraceIndex plain = idx;
    plain.lod.clear();
    plain.holdLod.clear();
    const auto scanned = TimelineRenderer::buildGeometry(t, plain, l, r.font(), vis, width);
    for (size_t ri = 0; ri < l.rows.size(); ++ri) {
        const auto want = referenceSegments(t, idx, l.rows[ri].lane, vis, width);
        QString diff = compareSegments(g->segments[ri], want);
        QVERIFY2(diff.isEmpty(), qPrintable(QStringLiteral("%1, row %2: %3").arg(what).arg(ri).arg(diff)));
        diff = compareSegments(scanned->segments[ri], want);
        QVERIFY2(diff.isEmpty(), qPrintable(QStringLiteral("%1, row %2, scanned: %3").arg(what).arg(ri).arg(diff)));
    }
    QVERIFY2(paintBars(*g, width, l.contentHeight) == paintBars(*scanned, width, l.contentHeight), qPrintable(what));
    const QString holdDiff = compareHolds(*g, *scanned);
    QVERIFY2(holdDiff.isEmpty(), qPrintable(QStringLiteral("%1: %2").arg(what, holdDiff)));
    QVERIFY(g->holdsVisited <= scanned->holdsVisited);
    QVERIFY(g->intervalsVisited <= scanned->intervalsVisited);
    QVERIFY(!g->segments.empty());
    if (stats)
        *stats = {g->intervalsVisited, scanned->intervalsVisited, g->holdsVisited, scanned->holdsVisited};
}

// Nested holds: every 5th hold of a lane takes a second lock inside it, and every 40th is inside
// an outer hold that spans the next ten (which nest in it).
void addNestedHolds(Trace& t)
{
    std::vector<std::vector<size_t>> byLane(t.lanes.size());
    for (size_t i = 0; i < t.holds.size(); ++i)
        byLane[t.holds[i].lane].push_back(i);
    uint64_t id = uint64_t(1) << 40;
    for (const auto& v : byLane)
        for (size_t k = 0; k < v.size(); ++k) {
            const Hold h = t.holds[v[k]];
            const int64_t d = h.end - h.start;
            const ObjectId other = h.object % 4 + 1;
            if (k % 5 == 0 && d >= 4)
                t.holds.push_back(Hold{other, h.lane, h.start + d / 4, h.end - d / 4, id++, h.lane});
            if (k % 40 == 0 && k + 10 < v.size())
                t.holds.push_back(Hold{other, h.lane, h.start - 1, t.holds[v[k + 10]].end, id++, h.lane});
        }
    std::stable_sort(t.holds.begin(), t.holds.end(), [](const Hold& a, const Hold& b) { return a.start < b.start; });
}

}  // namespace

class TestTimelineLod : public QObject {
    Q_OBJECT
private slots:
    void matchesScan_data()
    {
        QTest::addColumn<int>("intervals");
        QTest::addColumn<int>("lanes");
        QTest::addColumn<int>("width");
        QTest::addColumn<bool>("nested");
        QTest::newRow("dense") << 800000 << 4 << 1920 << false;
        QTest::newRow("narrow window") << 800000 << 4 << 333 << false;
        QTest::newRow("many lanes") << 200000 << 64 << 1920 << false;
        QTest::newRow("sparse") << 2000 << 8 << 1920 << false;
        QTest::newRow("nested holds") << 400000 << 4 << 1920 << true;
    }

    // Whole run, then zoomed in step by step around a few points, at odd offsets.
    void matchesScan()
    {
        QFETCH(int, intervals);
        QFETCH(int, lanes);
        QFETCH(int, width);
        QFETCH(bool, nested);
        Trace t = synth::large(size_t(intervals), lanes);
        if (nested)
            addNestedHolds(t);
        const TraceIndex idx = TraceIndex::build(t);
        QVERIFY(idx.lod.size() == size_t(lanes));
        QVERIFY(idx.holdLod.size() == size_t(lanes));
        FrameStats stats;
        checkFrame(t, idx, TimeRange{0, idx.end}, width, QStringLiteral("whole run"), &stats);
        if (QTest::currentTestFailed())
            return;
        // The dense runs' whole-run frames do take the summaries' path, for holds too where
        // none nest (a few holds per pixel: most join their band in bulk).
        const bool dense = size_t(intervals / lanes) > 20 * size_t(width);
        // A dense whole run reads the pyramid, not the intervals behind its cells.
        if (dense)
            QVERIFY2(stats.visited * 10 < stats.visitedPlain,
                     qPrintable(QStringLiteral("%1 of %2").arg(stats.visited).arg(stats.visitedPlain)));
        if (dense && !nested)
            QVERIFY2(stats.holdsVisited * 3 < stats.holdsVisitedPlain,
                     qPrintable(QStringLiteral("%1 of %2").arg(stats.holdsVisited).arg(stats.holdsVisitedPlain)));
        for (const double centre : {0.0, 0.37, 0.9})
            for (const double span : {0.5, 0.07, 0.003, 0.0002}) {
                const int64_t s = int64_t(double(idx.end) * span);
                const int64_t c = int64_t(double(idx.end) * centre) + 12345;
                checkFrame(t, idx, TimeRange{std::max<int64_t>(0, c - s / 2) + 7, c + s / 2}, width,
                           QStringLiteral("centre %1 span %2").arg(centre).arg(span));
            }
        // Past the end and before the start of some lanes.
        checkFrame(t, idx, TimeRange{idx.end / 2, idx.end * 2}, width, QStringLiteral("beyond the end"));
    }

    // A run recorded live: the index grows batch by batch (its summaries too), the newest
    // interval of each lane is still open (and the lock it may hold), and each frame equals the
    // reference.
    void matchesScanWhileGrowing()
    {
        constexpr int kLanes = 3;
        Trace t;
        for (int l = 0; l < kLanes; ++l) {
            Lane lane;
            lane.info.id = LaneId(l);
            lane.info.name = "Thread-" + std::to_string(l);
            t.lanes.push_back(lane);
        }
        t.objects.push_back(ObjectInfo{});
        ObjectInfo lock;
        lock.id = 1;
        lock.name = "lock";
        t.objects.push_back(lock);
        std::vector<Event> events;
        int64_t now = 0;
        const State cycle[] = {State::Run, State::WaitLock, State::Run, State::Sleep, State::Io, State::WaitGil};
        for (int l = 0; l < kLanes; ++l)
            events.push_back(Event{0, 0, Ev::ThreadStart, LaneId(l), 0, 0});
        TraceIndex live;
        // Each lane holds the lock while it runs (the other lanes' waits make some holds
        // contended); a hold still open at the end of a batch closes in the next.
        int64_t openHold[kLanes] = {};
        int64_t holdId = 0;
        for (int step = 0; step < 40; ++step) {
            for (int i = 0; i < 3000; ++i) {
                now += 100 + (i * 7919 + step * 31) % 5000;
                const State s = cycle[(i + step) % 6];
                const auto lane = LaneId(i % kLanes);
                if (openHold[lane]) {
                    events.push_back(Event{now, ObjectId(1), Ev::HoldEnd, lane, openHold[lane], int64_t(lane)});
                    openHold[lane] = 0;
                }
                events.push_back(
                    Event{now, s == State::WaitLock ? ObjectId(1) : ObjectId(0), Ev::StateChange, lane, int64_t(s), 0});
                if (s == State::Run) {
                    openHold[lane] = ++holdId;
                    events.push_back(Event{now, ObjectId(1), Ev::HoldBegin, lane, holdId, 0});
                }
            }
            t.ingest(events);
            events.clear();
            live.update(t);
            if (step % 8 == 7) {
                FrameStats stats;
                checkFrame(t, live, TimeRange{0, live.end}, 300, QStringLiteral("step %1, whole run").arg(step),
                           &stats);
                if (QTest::currentTestFailed())
                    return;
                QVERIFY2(stats.visited * 10 < stats.visitedPlain,
                         qPrintable(QStringLiteral("%1 of %2").arg(stats.visited).arg(stats.visitedPlain)));
                QVERIFY(stats.holdsVisited * 3 < stats.holdsVisitedPlain);
                checkFrame(t, live, TimeRange{live.end - live.end / 50, live.end}, 800,
                           QStringLiteral("step %1, newest").arg(step));
            }
        }
        // The pyramid kept up with the run equals one built from scratch with the same cells.
        const TraceIndex full = TraceIndex::build(t);
        for (int l = 0; l < kLanes; ++l) {
            const IntervalLod& a = live.lod[size_t(l)];
            QVERIFY(a.built());
            QVERIFY(a.coveredEnd() > live.end - live.end / 20);
            IntervalLod b;
            b.level0 = a.level0;
            b.extend(t.lanes[size_t(l)].intervals);
            QCOMPARE(a.base, b.base);
            QVERIFY(a.nodes == b.nodes);
            QVERIFY(a.at == b.at);
            QVERIFY(a.cum == b.cum);
            QVERIFY(full.lod[size_t(l)].built());
            const HoldLod& ha = live.holdLod[size_t(l)];
            const HoldLod& hb = full.holdLod[size_t(l)];
            QVERIFY(!ha.maxDuration.empty());
            QVERIFY(ha.maxDuration == hb.maxDuration);
            QVERIFY(ha.maxGap == hb.maxGap);
            QVERIFY(ha.nested == hb.nested);
            // The contention bits follow the live index's own flags.
            const auto& hv = live.holds[size_t(l)];
            for (size_t i = 0; i < hv.size(); ++i)
                QCOMPARE(bool(ha.contended[i / HoldLod::kBlock] >> (i % HoldLod::kBlock) & 1), hv[i].contended);
        }
    }
};

QTEST_MAIN(TestTimelineLod)
#include "tst_timeline_lod.moc"
