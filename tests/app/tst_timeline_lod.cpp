// SPDX-License-Identifier: MIT
// The timeline's level of detail (IntervalLod) must not change what is drawn: the state
// segments built with it equal, field by field, those of the plain fold over every interval
// (the reference below, as the geometry folded before it had a level of detail), and the
// painted lane area is the same pixels, whole run and zoomed, finished and growing live.
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

// Every row's segments against the reference, and the pixels against those of a build that
// scans every interval (the same index without its level of detail).
// `folded`: how many segments came from the summaries' path (more than 2 * kFan intervals).
void checkFrame(const Trace& t, const TraceIndex& idx, TimeRange vis, int width, const QString& what,
                size_t* folded = nullptr)
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
    const auto scanned = TimelineRenderer::buildGeometry(t, plain, l, r.font(), vis, width);
    QVERIFY2(paintBars(*g, width, l.contentHeight) == paintBars(*scanned, width, l.contentHeight), qPrintable(what));
    QVERIFY(!g->segments.empty());
    if (folded)
        *folded = big;
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
        QTest::newRow("dense") << 800000 << 4 << 1920;
        QTest::newRow("narrow window") << 800000 << 4 << 333;
        QTest::newRow("many lanes") << 200000 << 64 << 1920;
        QTest::newRow("sparse") << 2000 << 8 << 1920;
    }

    // Whole run, then zoomed in step by step around a few points, at odd offsets.
    void matchesScan()
    {
        QFETCH(int, intervals);
        QFETCH(int, lanes);
        QFETCH(int, width);
        const Trace t = synth::large(size_t(intervals), lanes);
        const TraceIndex idx = TraceIndex::build(t);
        QVERIFY(idx.lod.size() == size_t(lanes));
        size_t folded = 0;
        checkFrame(t, idx, TimeRange{0, idx.end}, width, QStringLiteral("whole run"), &folded);
        // The dense runs' whole-run frames do take the summaries' path.
        QCOMPARE(folded > 0, size_t(intervals / lanes) > 20 * size_t(width));
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
    // interval of each lane is still open, and each frame equals the reference.
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
        for (int step = 0; step < 40; ++step) {
            for (int i = 0; i < 3000; ++i) {
                now += 100 + (i * 7919 + step * 31) % 5000;
                const State s = cycle[(i + step) % 6];
                events.push_back(Event{now, s == State::WaitLock ? ObjectId(1) : ObjectId(0), Ev::StateChange,
                                       LaneId(i % kLanes), int64_t(s), 0});
            }
            t.ingest(events);
            events.clear();
            live.update(t);
            if (step % 8 == 7) {
                size_t folded = 0;
                checkFrame(t, live, TimeRange{0, live.end}, 300, QStringLiteral("step %1, whole run").arg(step),
                           &folded);
                QVERIFY(folded > 0);
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
        }
    }
};

QTEST_MAIN(TestTimelineLod)
#include "tst_timeline_lod.moc"
