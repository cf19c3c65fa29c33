// SPDX-License-Identifier: MIT
// The timeline's level of detail (IntervalLod, HoldLod) must not change what is drawn: the state
// segments built with it equal, field by field, those of the plain fold over every interval
// (the reference below, as the geometry folded before it had a level of detail), the hold bands
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

// The fold, one interval at a time: intervals shorter than kFoldPx fold into one run until it
// reaches kFoldPx, shown as its most important state, coloured by where most of its time went.
std::vector<Geometry::Segment> referenceSegments(const Trace& t, const TraceIndex& idx, LaneId lane, TimeRange vis,
                                                 int width)
{
    const double k = double(width) / double(vis.span());
    const int64_t t0 = vis.start, t1 = vis.end;
    const int64_t foldNs = std::max<int64_t>(1, int64_t(std::ceil(TimelineRenderer::kFoldPx / k)));
    std::vector<Geometry::Segment> out;
    Geometry::Segment fold;
    bool pending = false;
    int bestPrio = -1;
    std::array<int64_t, size_t(State::Count)> share{};
    int64_t foldStart = 0, foldEnd = 0;
    auto finish = [&] {
        fold.x0 = float(double(foldStart - t0) * k);
        fold.x1 = float(double(foldEnd - t0) * k);
        size_t best = 0;
        for (size_t q = 1; q < share.size(); ++q)
            if (share[q] > share[best])
                best = q;
        fold.dominant = State(best);
        share.fill(0);
        out.push_back(fold);
        pending = false;
    };
    const auto& ivs = t.lanes[lane].intervals;
    for (size_t i = 0; i < ivs.size(); ++i) {
        const Interval& iv = ivs[i];
        const int64_t e = iv.end < iv.start ? idx.end : iv.end;
        if (e <= t0 || iv.start >= t1)
            continue;
        const int64_t cs = std::max(iv.start, t0), ce = std::min(e, t1);
        if (ce - cs >= foldNs) {
            if (pending)
                finish();
            out.push_back({float(double(cs - t0) * k), float(double(ce - t0) * k), uint32_t(i), 1, iv.state, iv.object,
                           iv.state});
            continue;
        }
        share[size_t(iv.state)] += ce - cs;
        const int prio = statePriority(iv.state);
        if (!pending) {
            fold = {0, 0, uint32_t(i), 1, iv.state, iv.object, iv.state};
            foldStart = cs;
            bestPrio = prio;
            pending = true;
        } else {
            ++fold.count;
            if (prio > bestPrio) {
                bestPrio = prio;
                fold.state = iv.state;
                fold.object = iv.object;
            }
        }
        foldEnd = ce;
        if (foldEnd - foldStart >= foldNs)
            finish();
    }
    if (pending)
        finish();
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

// Every row's segments against the reference, and the pixels against those of a build that
// scans every interval (the same index without its level of detail); the hold bands against
// those of a build that takes every hold one at a time.
// What a frame took from the summaries: segments of more than 2 * kFan intervals, and the holds
// taken one at a time with and without them.
struct FrameStats {
    size_t folded = 0;
    size_t holdsVisited = 0, holdsVisitedPlain = 0;
};
void checkFrame(const Trace& t, const TraceIndex& idx, TimeRange vis, int width, const QString& what,
                FrameStats* stats = nullptr)
{
    TimelineRenderer r(&t);
    const LaneLayout& l = r.layout();
    const auto g = TimelineRenderer::buildGeometry(t, idx, l, r.font(), vis, width);
    size_t big = 0;
    for (size_t ri = 0; ri < l.rows.size(); ++ri) {
        const QString diff = compareSegments(g->segments[ri], referenceSegments(t, idx, l.rows[ri].lane, vis, width));
        QVERIFY2(diff.isEmpty(), qPrintable(QStringLiteral("%1, row %2: %3").arg(what).arg(ri).arg(diff)));
        for (const auto& s : g->segments[ri])
            big += s.count > 2 * IntervalLod::kFan ? 1 : 0;
    }
    TraceIndex plain = idx;
    plain.lod.clear();
    plain.holdLod.clear();
    const auto scanned = TimelineRenderer::buildGeometry(t, plain, l, r.font(), vis, width);
    QVERIFY2(paintBars(*g, width, l.contentHeight) == paintBars(*scanned, width, l.contentHeight), qPrintable(what));
    const QString holdDiff = compareHolds(*g, *scanned);
    QVERIFY2(holdDiff.isEmpty(), qPrintable(QStringLiteral("%1: %2").arg(what, holdDiff)));
    QVERIFY(g->holdsVisited <= scanned->holdsVisited);
    QVERIFY(!g->segments.empty());
    if (stats)
        *stats = {big, g->holdsVisited, scanned->holdsVisited};
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
        // The dense runs' whole-run frames do take the summaries' path, for holds too where
        // none nest (a few holds per pixel: most join their band in bulk).
        const bool dense = size_t(intervals / lanes) > 20 * size_t(width);
        QCOMPARE(stats.folded > 0, dense);
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
                QVERIFY(stats.folded > 0);
                QVERIFY(stats.holdsVisited * 3 < stats.holdsVisitedPlain);
                checkFrame(t, live, TimeRange{live.end - live.end / 50, live.end}, 800,
                           QStringLiteral("step %1, newest").arg(step));
            }
        }
        QVERIFY(live.lod[0].covered >= 20000);
        // The summaries kept up with the run equal those of a build from scratch.
        const TraceIndex full = TraceIndex::build(t);
        for (int l = 0; l < kLanes; ++l) {
            QCOMPARE(live.lod[size_t(l)].covered, full.lod[size_t(l)].covered);
            QVERIFY(live.lod[size_t(l)].prefix == full.lod[size_t(l)].prefix);
            QVERIFY(live.lod[size_t(l)].masks == full.lod[size_t(l)].masks);
            const HoldLod& a = live.holdLod[size_t(l)];
            const HoldLod& b = full.holdLod[size_t(l)];
            QVERIFY(!a.maxDuration.empty());
            QVERIFY(a.maxDuration == b.maxDuration);
            QVERIFY(a.maxGap == b.maxGap);
            QVERIFY(a.nested == b.nested);
            // The contention bits follow the live index's own flags.
            const auto& hv = live.holds[size_t(l)];
            for (size_t i = 0; i < hv.size(); ++i)
                QCOMPARE(bool(a.contended[i / HoldLod::kBlock] >> (i % HoldLod::kBlock) & 1), hv[i].contended);
        }
    }
};

QTEST_MAIN(TestTimelineLod)
#include "tst_timeline_lod.moc"
