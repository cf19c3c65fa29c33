// SPDX-License-Identifier: MIT
// The timeline: colours where the model says, zoom control signals, hit-testing, folding,
// exports (PNG/SVG/PDF, unwritable paths) and the widget's interaction. Offscreen.
#include "app/view/exporter.h"
#include "app/view/palette.h"
#include "app/view/timeline_renderer.h"
#include "app/view/timeline_view.h"
#include "app/view/units.h"
#include "app/view/zoom_control.h"
#include "synthetic_trace.h"

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QPainter>
#include <QScrollBar>
#include <QSignalSpy>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

using namespace tl;
using namespace tl::view;

namespace {

using synth::near;

// Renders with the given renderer into an image of `size`; returns the frame used.
QImage paintTrace(TimelineRenderer& r, QSize size, TimeRange range, const RenderOptions& o)
{
    QImage img(size, QImage::Format_ARGB32_Premultiplied);
    QPainter p(&img);
    r.paint(p, img.rect(), range, o);
    return img;
}

struct Probe {
    int x, y;
    LaneId lane;
    size_t index;
};

// Points in the middle of every interval at least `minPx` wide, near the bar's bottom edge
// (away from the centred labels and the markers on the top edge).
std::vector<Probe> probes(const Trace& t, TimelineRenderer& r, const QRect& rect, TimeRange vis, const RenderOptions& o,
                          double minPx)
{
    std::vector<Probe> out;
    const auto f = r.frame(rect, o);
    const auto& l = r.layout(o.laneHeight);
    const double k = double(f.plot.width()) / double(vis.span());
    const auto g = r.geometry(vis, f.plot.width(), o.laneHeight);
    auto nearArrow = [&](double x, double y) {
        for (const auto& a : g->arrows) {
            const QPointF d = a.to - a.from;
            const double len2 = QPointF::dotProduct(d, d);
            const double u =
                len2 > 0 ? std::clamp(QPointF::dotProduct(QPointF(x, y) - a.from, d) / len2, 0.0, 1.0) : 0.0;
            if (QLineF(a.from + u * d, QPointF(x, y)).length() < 5)
                return true;
        }
        return false;
    };
    for (const LaneRow& row : l.rows) {
        const auto& ivs = t.lanes[row.lane].intervals;
        for (size_t i = 0; i < ivs.size(); ++i) {
            const int64_t s = std::max(ivs[i].start, vis.start), e = std::min(ivs[i].end, vis.end);
            if (double(e - s) * k < minPx)
                continue;
            const int x = f.plot.left() + int(double(s - vis.start + (e - s) / 2) * k);
            const int y = f.plot.top() + row.y + row.barTop + row.barHeight - 3 - o.verticalOffset;
            if (y >= f.plot.bottom())
                continue;
            if (nearArrow(x - f.plot.left(), y - f.plot.top() + o.verticalOffset))
                continue;  // the arrow wins there
            out.push_back({x, y, row.lane, i});
        }
    }
    return out;
}

}  // namespace

class TestTimeline : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QApplication::setFont(QFont(QStringLiteral("DejaVu Sans"), 10)); }

    void stateColours_data()
    {
        QTest::addColumn<bool>("dark");
        QTest::addColumn<int>("width");
        QTest::newRow("light 1600") << false << 1600;
        QTest::newRow("dark 1600") << true << 1600;
        QTest::newRow("light 900") << false << 900;
    }
    void stateColours()
    {
        QFETCH(bool, dark);
        QFETCH(int, width);
        Trace t = synth::lockContention();
        t.flows.clear();  // arrows cross lanes; this test looks at the state bars only
        TimelineRenderer r(&t);
        RenderOptions o;
        o.dark = dark;
        const TimeRange vis{0, TraceIndex::build(t).end};
        const QSize size(width, r.naturalHeight(o));
        const QImage img = paintTrace(r, size, vis, o);
        const auto pts = probes(t, r, img.rect(), vis, o, 8.0);
        QVERIFY(pts.size() > 40);
        int waits = 0;
        for (const Probe& pr : pts) {
            const Interval& iv = t.lanes[pr.lane].intervals[pr.index];
            const QColor want = stateColor(iv.state, dark);
            const QColor got = img.pixelColor(pr.x, pr.y);
            if (!near(got, want))
                QFAIL(qPrintable(QStringLiteral("lane %1 interval %2 (%3): pixel %4 want %5")
                                     .arg(pr.lane)
                                     .arg(pr.index)
                                     .arg(stateLabel(iv.state), got.name(), want.name())));
            waits += stateFamily(iv.state) == StateFamily::Wait;
        }
        QVERIFY(waits > 5);
        // The run, wait and GIL families really differ (a palette bug would make this vacuous).
        QVERIFY(!near(stateColor(State::Run, dark), stateColor(State::WaitLock, dark), 40));
        QVERIFY(!near(stateColor(State::WaitGil, dark), stateColor(State::WaitLock, dark), 40));
    }

    void holdBandsUseLockColour()
    {
        const Trace t = synth::lockContention();
        TimelineRenderer r(&t);
        RenderOptions o;
        const TimeRange vis{0, TraceIndex::build(t).end};
        const QImage img = paintTrace(r, QSize(1600, r.naturalHeight(o)), vis, o);
        const auto f = r.frame(img.rect(), o);
        const auto& l = r.layout();
        const double k = double(f.plot.width()) / double(vis.span());
        int checked = 0;
        for (const Hold& h : t.holds) {
            if (double(h.end - h.start) * k < 8)
                continue;
            const LaneRow& row = l.rows[size_t(l.rowOfLane[h.lane])];
            const int x = f.plot.left() + int(double(h.start + (h.end - h.start) / 2) * k);
            const int y = f.plot.top() + row.y + row.holdTop + row.holdHeight / 2;
            QVERIFY2(near(img.pixelColor(x, y), objectColor(h.object)), qPrintable(img.pixelColor(x, y).name()));
            ++checked;
        }
        QVERIFY(checked >= 10);
    }

    // "Holding with waiters": the index marks exactly the holds another lane waited on.
    void contendedHolds()
    {
        const Trace t = synth::lockContention();
        const TraceIndex idx = TraceIndex::build(t);
        int contended = 0, free = 0;
        for (size_t lane = 0; lane < idx.holds.size(); ++lane)
            for (const auto& h : idx.holds[lane]) {
                bool waited = false;
                for (size_t o = 0; o < t.lanes.size(); ++o)
                    for (const Interval& iv : t.lanes[o].intervals)
                        waited |= o != lane && iv.object == h.object && stateFamily(iv.state) == StateFamily::Wait &&
                                  iv.start < h.end && iv.end > h.start;
                QCOMPARE(h.contended, waited);
                (waited ? contended : free)++;
                const QString tip = describeItem(t, {TimelineItem::Kind::Hold, LaneId(lane), h.index, 1});
                QCOMPARE(tip.contains(QStringLiteral("waiting meanwhile")), waited);
            }
        QVERIFY(contended > 3);
        QVERIFY(free > 0);
        // Drawn thick (full band) versus thin.
        TimelineRenderer r(&t);
        const auto& l = r.layout();
        const auto g = r.geometry({0, idx.end}, 1600);
        for (size_t ri = 0; ri < g->holds.size(); ++ri)
            for (const auto& b : g->holds[ri])
                if (b.count == 1)
                    QCOMPARE(b.rect.height() == l.rows[ri].holdHeight, b.contended);
    }

    void layoutGroupsByProcess()
    {
        Trace t;
        synth::addLane(t, "MainThread", 1);
        synth::addLane(t, "worker-a", 4242);
        synth::addLane(t, "Thread-1", 1);
        synth::addLane(t, "worker-b", 4242);
        for (LaneId l = 0; l < 4; ++l)
            synth::push(t, l, 0, 1000, State::Run);
        TimelineRenderer r(&t);
        const LaneLayout& l = r.layout();
        QCOMPARE(l.groups.size(), size_t(2));
        QCOMPARE(l.groups[0].pid, 1);
        QCOMPARE(l.groups[1].pid, 4242);
        QCOMPARE(l.rows.size(), size_t(4));
        // Main process lanes first (in id order), then the worker process's.
        QCOMPARE(l.rows[0].lane, LaneId(0));
        QCOMPARE(l.rows[1].lane, LaneId(2));
        QCOMPARE(l.rows[2].lane, LaneId(1));
        QCOMPARE(l.rows[3].lane, LaneId(3));
        QVERIFY(l.rows[2].y >= l.groups[1].y + l.groups[1].height);
        for (size_t i = 0; i < l.rows.size(); ++i) {
            QCOMPARE(l.rowAt(l.rows[i].y + 1), int(i));
            QCOMPARE(l.rowOfLane[l.rows[i].lane], int(i));
        }
        QCOMPARE(l.rowAt(l.groups[1].y + 1), -1);
        // Single process: no group rows.
        Trace one;
        synth::addLane(one, "MainThread");
        TimelineRenderer r1(&one);
        QVERIFY(r1.layout().groups.empty());
    }

    void zoomSignals_data()
    {
        QTest::addColumn<QString>("action");
        QTest::addColumn<int>("visibleChanges");
        QTest::addColumn<int>("followChanges");
        QTest::addColumn<int>("selectionChanges");
        QTest::newRow("zoom in") << "zoomIn" << 1 << 1 << 0;
        QTest::newRow("zoom factor 1 is no change") << "zoom1" << 0 << 0 << 0;
        QTest::newRow("fit when already fit") << "fitAll" << 0 << 0 << 0;
        QTest::newRow("pan by zero") << "pan0" << 0 << 0 << 0;
        QTest::newRow("pan past the end when all is visible") << "panPast" << 0 << 0 << 0;
        QTest::newRow("same visible range") << "sameVisible" << 0 << 0 << 0;
        QTest::newRow("selection twice") << "selectTwice" << 0 << 0 << 1;
        QTest::newRow("reversed selection = same") << "selectReversed" << 0 << 0 << 1;
        QTest::newRow("zoom in then back") << "zoomBack" << 2 << 1 << 0;
        QTest::newRow("follow off twice") << "followOffTwice" << 0 << 1 << 0;
    }
    void zoomSignals()
    {
        QFETCH(QString, action);
        QFETCH(int, visibleChanges);
        QFETCH(int, followChanges);
        QFETCH(int, selectionChanges);
        ZoomControl z;
        z.setTraceRange(0, 1000000);
        QCOMPARE(z.visibleRange(), (TimeRange{0, 1000000}));
        QSignalSpy vis(&z, &ZoomControl::visibleRangeChanged);
        QSignalSpy fol(&z, &ZoomControl::followLiveChanged);
        QSignalSpy sel(&z, &ZoomControl::selectionChanged);
        if (action == "zoomIn")
            z.zoomAround(250000, 0.5);
        else if (action == "zoom1")
            z.zoomAround(250000, 1.0);
        else if (action == "fitAll")
            z.fitAll();
        else if (action == "pan0")
            z.pan(0);
        else if (action == "panPast")
            z.pan(5000);
        else if (action == "sameVisible")
            z.setVisibleRange(0, 1000000);
        else if (action == "selectTwice") {
            z.setSelection(100, 200);
            z.setSelection(100, 200);
        } else if (action == "selectReversed") {
            z.setSelection(100, 200);
            z.setSelection(200, 100);
        } else if (action == "zoomBack") {
            z.zoomAround(250000, 0.5);
            QVERIFY(z.back());
            QVERIFY(!z.back());
        } else if (action == "followOffTwice") {
            z.setFollowLive(false);
            z.setFollowLive(false);
        }
        QCOMPARE(vis.count(), visibleChanges);
        QCOMPARE(fol.count(), followChanges);
        QCOMPARE(sel.count(), selectionChanges);
    }

    void zoomAroundKeepsCursorTimeAndMinimum()
    {
        ZoomControl z;
        z.setTraceRange(0, 10000000);
        z.zoomAround(2500000, 0.5);
        // 2.5 ms was at 25% of the view and stays there.
        const TimeRange v = z.visibleRange();
        QCOMPARE(v.span(), int64_t(5000000));
        QVERIFY(std::abs(double(2500000 - v.start) / double(v.span()) - 0.25) < 1e-6);
        QVERIFY(!z.followLive());
        for (int i = 0; i < 100; ++i)
            z.zoomAround(2500000, 0.1);
        QCOMPARE(z.visibleRange().span(), z.minimumRange());
        // Panning clamps at the trace's ends.
        z.pan(-100000000);
        QCOMPARE(z.visibleRange().start, int64_t(0));
        z.pan(100000000);
        QCOMPARE(z.visibleRange().end, int64_t(10000000));
    }

    void liveFollowing()
    {
        ZoomControl z;
        z.setTraceRange(0, 1000);
        z.setMinimumRange(10);
        z.setTraceRange(0, 2000);
        QCOMPARE(z.visibleRange(), (TimeRange{0, 2000}));  // the whole run while it grows
        z.zoomTo(500, 1000);  // the user zooms: following stops
        QVERIFY(!z.followLive());
        z.setTraceRange(0, 4000);
        QCOMPARE(z.visibleRange(), (TimeRange{500, 1000}));
        z.setFollowLive(true);
        QCOMPARE(z.visibleRange(), (TimeRange{0, 4000}));
    }

    void hitTesting()
    {
        const Trace t = synth::lockContention();
        TimelineRenderer r(&t);
        RenderOptions o;
        const TimeRange vis{0, TraceIndex::build(t).end};
        const QRect rect(0, 0, 1600, r.naturalHeight(o));
        const auto pts = probes(t, r, rect, vis, o, 8.0);
        QVERIFY(!pts.empty());
        for (const Probe& pr : pts) {
            const TimelineItem it = r.hitTest(rect, vis, o, QPoint(pr.x, pr.y));
            QCOMPARE(int(it.kind), int(TimelineItem::Kind::Interval));
            QCOMPARE(it.lane, pr.lane);
            QCOMPARE(size_t(it.index), pr.index);
            QCOMPARE(it.count, 1u);
            QVERIFY(!describeItem(t, it).isEmpty());
        }
        const auto f = r.frame(rect, o);
        const auto& l = r.layout();
        const double k = double(f.plot.width()) / double(vis.span());
        // A hold band.
        const Hold& h = t.holds[3];
        const LaneRow& hr = l.rows[size_t(l.rowOfLane[h.lane])];
        TimelineItem it = r.hitTest(rect, vis, o,
                                    QPoint(f.plot.left() + int(double(h.start + (h.end - h.start) / 2) * k),
                                           f.plot.top() + hr.y + hr.holdTop + 2));
        QCOMPARE(int(it.kind), int(TimelineItem::Kind::Hold));
        QCOMPARE(it.index, 3u);
        QVERIFY(describeItem(t, it).contains(QStringLiteral("counter_lock")));
        // A task box.
        const TaskSpan& ts = t.tasks[2];
        const LaneRow& tr = l.rows[size_t(l.rowOfLane[ts.lane])];
        it = r.hitTest(rect, vis, o,
                       QPoint(f.plot.left() + int(double(ts.start + (ts.end - ts.start) / 2) * k),
                              f.plot.top() + tr.y + tr.taskTop + 3));
        QCOMPARE(int(it.kind), int(TimelineItem::Kind::Task));
        QCOMPARE(it.index, 2u);
        QVERIFY(describeItem(t, it).contains(QStringLiteral("task #%1").arg(ts.task)));
        // A marker (the "workers started" mark on the main thread).
        const Instant& mk = t.instants.front();
        const LaneRow& mr = l.rows[size_t(l.rowOfLane[mk.lane])];
        it = r.hitTest(rect, vis, o,
                       QPoint(f.plot.left() + int(double(mk.t) * k) + 1, f.plot.top() + mr.y + mr.barTop + 2));
        QCOMPARE(int(it.kind), int(TimelineItem::Kind::Instant));
        QVERIFY(describeItem(t, it).contains(QStringLiteral("workers started")));
        // A flow arrow, halfway along: the arrow wins over the lanes it crosses.
        const auto g = r.geometry(vis, f.plot.width());
        QVERIFY(!g->arrows.empty());
        const Geometry::Arrow& ar = g->arrows.front();
        const QPointF mid = (ar.from + ar.to) / 2;
        it = r.hitTest(rect, vis, o,
                       QPoint(f.plot.left() + int(std::lround(mid.x())), f.plot.top() + int(std::lround(mid.y()))));
        QCOMPARE(int(it.kind), int(TimelineItem::Kind::Flow));
        QCOMPARE(it.index, ar.index);
        QCOMPARE(it.lane, t.flows[ar.index].fromLane);
        QVERIFY(describeItem(t, it).contains(QStringLiteral("→")));
        QVERIFY(!itemRange(t, it).isEmpty() || t.flows[ar.index].toT == t.flows[ar.index].fromT);
        // Nothing on the ruler or in the header column.
        QVERIFY(!r.hitTest(rect, vis, o, QPoint(f.plot.left() + 10, f.ruler.center().y())).isValid());
        QVERIFY(!r.hitTest(rect, vis, o, QPoint(5, f.plot.top() + 10)).isValid());
    }

    void foldingKeepsCounts_data()
    {
        QTest::addColumn<int>("intervals");
        QTest::addColumn<int>("width");
        QTest::newRow("one interval") << 1 << 800;
        QTest::newRow("fewer than pixels") << 100 << 800;
        QTest::newRow("10 per pixel") << 8000 << 800;
        QTest::newRow("100k on 300 px") << 100000 << 300;
    }
    void foldingKeepsCounts()
    {
        QFETCH(int, intervals);
        QFETCH(int, width);
        Trace t;
        synth::addLane(t, "A");
        const ObjectId lock = synth::addObject(t, ObjectKind::Lock, "L");
        // Alternate run and a rare, tiny wait: every fold containing a wait must show it.
        for (int i = 0; i < intervals; ++i)
            synth::push(t, 0, int64_t(i) * 1000, int64_t(i + 1) * 1000, i % 7 == 3 ? State::WaitLock : State::Run,
                        i % 7 == 3 ? lock : 0);
        const TraceIndex idx = TraceIndex::build(t);
        TimelineRenderer r(&t);
        const auto& l = r.layout();
        const auto g = TimelineRenderer::buildGeometry(t, idx, l, QApplication::font(), {0, idx.end}, width);
        uint64_t total = 0;
        const auto& ivs = t.lanes[0].intervals;
        float lastX1 = -1;
        for (const auto& s : g->segments[0]) {
            total += s.count;
            bool hasWait = false;
            for (uint32_t i = s.first; i < s.first + s.count; ++i)
                hasWait |= ivs[i].state == State::WaitLock;
            QCOMPARE(s.state == State::WaitLock, hasWait);
            QVERIFY(s.x0 >= lastX1 - 0.01f);
            lastX1 = s.x1;
        }
        QCOMPARE(total, uint64_t(ivs.size()));
        // Folding bounds the work: at most ~one segment per 3 px plus the wide ones.
        QVERIFY(g->segments[0].size() <= std::max<size_t>(ivs.size(), 1) && g->segments[0].size() <= size_t(width) + 2);
        // Folded hit-test keeps the count.
        if (intervals > width) {
            const auto& s = g->segments[0][g->segments[0].size() / 2];
            QVERIFY(s.count > 1);
            const TimelineItem fi{TimelineItem::Kind::Interval, 0, s.first, s.count};
            QVERIFY(describeItem(t, fi).contains(QStringLiteral("%1 intervals folded").arg(s.count)));
        }
    }

    void rulerUnits_data()
    {
        QTest::addColumn<qlonglong>("ns");
        QTest::addColumn<QString>("text");
        QTest::newRow("ns") << 850LL << "850 ns";
        QTest::newRow("us") << 12500LL << "12.5 µs";
        QTest::newRow("ms") << 3200000LL << "3.20 ms";
        QTest::newRow("s") << 1250000000LL << "1.250 s";
    }
    void rulerUnits()
    {
        QFETCH(qlonglong, ns);
        QFETCH(QString, text);
        QCOMPARE(formatDuration(ns), text);
        QCOMPARE(formatTick(2000000, 1000000), QStringLiteral("2 ms"));
        QCOMPARE(formatTick(2500000, 500000), QStringLiteral("2.5 ms"));
        QCOMPARE(niceStep(1000.0, 50.0), int64_t(50000));
        QCOMPARE(niceStep(1000.0, 60.0), int64_t(100000));
    }

    void exportPngAndSvg()
    {
        const Trace t = synth::lockContention();
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        ExportOptions o;
        o.size = QSize(1400, 0);
        o.title = QStringLiteral("Lock contention");
        QString err;
        const QString png = dir.filePath(QStringLiteral("t.png"));
        QVERIFY2(Exporter::exportPng(t, o, png, &err), qPrintable(err));
        QImage img(png);
        QVERIFY(!img.isNull());
        const QSize natural = Exporter::resolvedSize(t, o);
        QCOMPARE(img.size(), natural);
        // The exported picture is the renderer's picture: same probes, same colours.
        TimelineRenderer r(&t);
        RenderOptions ro;
        ro.title = o.title;
        ro.legend = true;
        const TimeRange vis{0, TraceIndex::build(t).end};
        Trace noFlows = t;
        int checked = 0;
        for (const Probe& pr : probes(t, r, img.rect(), vis, ro, 12.0)) {
            const State s = t.lanes[pr.lane].intervals[pr.index].state;
            if (stateFamily(s) != StateFamily::Wait && s != State::Run)
                continue;
            if (near(img.pixelColor(pr.x, pr.y), stateColor(s)))
                ++checked;
        }
        QVERIFY2(checked > 30, qPrintable(QString::number(checked)));
        // Scale 2 doubles the pixels.
        o.scale = 2;
        QVERIFY(Exporter::exportPng(t, o, png, &err));
        QCOMPARE(QImage(png).size(), natural * 2);

        const QString svg = dir.filePath(QStringLiteral("t.svg"));
        o.scale = 1;
        QVERIFY2(Exporter::exportSvg(t, o, svg, &err), qPrintable(err));
        QSvgRenderer sr(svg);
        QVERIFY(sr.isValid());
        QImage back(natural, QImage::Format_ARGB32_Premultiplied);
        back.fill(Qt::white);
        {
            QPainter p(&back);
            sr.render(&p, QRectF(QPointF(0, 0), natural));
        }
        int same = 0, total = 0;
        for (const Probe& pr : probes(t, r, back.rect(), vis, ro, 12.0)) {
            const State s = t.lanes[pr.lane].intervals[pr.index].state;
            ++total;
            if (near(back.pixelColor(pr.x, pr.y), stateColor(s), 12))
                ++same;
        }
        QVERIFY2(total > 30 && same >= total * 9 / 10, qPrintable(QStringLiteral("%1/%2").arg(same).arg(total)));

        const QString pdf = dir.filePath(QStringLiteral("t.pdf"));
        QVERIFY2(Exporter::exportFile(t, o, pdf, &err), qPrintable(err));
        QFile pf(pdf);
        QVERIFY(pf.open(QIODevice::ReadOnly));
        QVERIFY(pf.read(5) == "%PDF-");
        QVERIFY(pf.size() > 2000);
        // Nothing else left in the folder (no temp files).
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).size(), 3);
    }

    void exportFailsCleanly()
    {
        const Trace t = synth::lockContention();
        QTemporaryDir dir;
        QString err;
        ExportOptions o;
        const QString missing = dir.filePath(QStringLiteral("no/such/dir/t.png"));
        QVERIFY(!Exporter::exportPng(t, o, missing, &err));
        QVERIFY(err.contains(QStringLiteral("does not exist")));
        QVERIFY(!QFile::exists(missing));
        err.clear();
        QVERIFY(!Exporter::exportFile(t, o, dir.filePath(QStringLiteral("t.bmp")), &err));
        QVERIFY(err.contains(QStringLiteral(".png")));
        o.size = QSize(20000, 100);
        QVERIFY(!Exporter::exportPng(t, o, dir.filePath(QStringLiteral("big.png")), &err));
        QVERIFY(err.contains(QStringLiteral("out of range")));
        // A read-only folder (meaningless as root, who may write anyway).
        const QString ro = dir.filePath(QStringLiteral("ro"));
        QVERIFY(QDir().mkpath(ro));
        QFile::setPermissions(ro, QFile::ReadOwner | QFile::ExeOwner);
        if (::geteuid() != 0) {
            o.size = QSize(800, 0);
            for (const char* name : {"t.png", "t.svg", "t.pdf"}) {
                err.clear();
                QVERIFY(!Exporter::exportFile(t, o, ro + QLatin1Char('/') + QLatin1String(name), &err));
                QVERIFY(!err.isEmpty());
            }
            QCOMPARE(QDir(ro).entryList(QDir::Files | QDir::Hidden).size(), 0);
        }
        QFile::setPermissions(ro, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    }

    // THREADLENS_TIMELINE_SHOTS=<dir>: writes the pictures a human should look at.
    void screenshots()
    {
        const QByteArray dirName = qgetenv("THREADLENS_TIMELINE_SHOTS");
        if (dirName.isEmpty())
            QSKIP("set THREADLENS_TIMELINE_SHOTS to write screenshots");
        const Trace t = synth::lockContention();
        ExportOptions o;
        o.size = QSize(1600, 0);
        o.title = QStringLiteral("4 workers contend on counter_lock; a pool feeds a queue");
        QString err;
        const QString d = QString::fromLocal8Bit(dirName);
        QVERIFY2(Exporter::exportPng(t, o, d + QStringLiteral("/light.png"), &err), qPrintable(err));
        o.dark = true;
        QVERIFY2(Exporter::exportPng(t, o, d + QStringLiteral("/dark.png"), &err), qPrintable(err));
        o.dark = false;
        o.range = {9 * synth::ms, 17 * synth::ms};
        o.extra.highlight = 1;
        o.extra.annotations.insert(3, QStringLiteral("about to: acquire counter_lock"));
        o.extra.selection = {10 * synth::ms, 12 * synth::ms};
        o.extra.playhead = 15 * synth::ms;
        QVERIFY2(Exporter::exportPng(t, o, d + QStringLiteral("/zoomed.png"), &err), qPrintable(err));
        const Trace big = synth::large(200000, 16);
        ExportOptions b;
        b.size = QSize(1600, 0);
        QVERIFY2(Exporter::exportPng(big, b, d + QStringLiteral("/dense.png"), &err), qPrintable(err));
    }

    void renderImagePalettes()
    {
        const Trace t = synth::lockContention();
        const TimeRange vis{0, TraceIndex::build(t).end};
        const QImage light = renderImage(t, vis, QSize(800, 500), false);
        const QImage dark = renderImage(t, vis, QSize(800, 500), true);
        QCOMPARE(light.size(), QSize(800, 500));
        QVERIFY(near(light.pixelColor(light.width() - 2, light.height() / 2), theme(false).background, 30) ||
                near(light.pixelColor(light.width() - 2, light.height() / 2), theme(false).laneAlt, 30));
        QVERIFY(dark.pixelColor(dark.width() - 2, 200).lightness() < 80);
    }

    void viewInteraction()
    {
        const Trace t = synth::lockContention();
        TimelineView v;
        v.resize(1200, 500);
        v.setTrace(&t);
        const int64_t end = TraceIndex::build(t).end;
        QCOMPARE(v.zoomControl()->visibleRange(), (TimeRange{0, end}));
        // Hit-testing through the widget: a wait interval's middle.
        const auto& l = v.renderer().layout();
        const QRect plot = v.plotRect();
        const LaneRow& row = l.rows[size_t(l.rowOfLane[2])];
        const auto& ivs = t.lanes[2].intervals;
        size_t wi = 0;
        while (wi < ivs.size() && ivs[wi].state != State::WaitLock)
            ++wi;
        QVERIFY(wi < ivs.size());
        const int x = v.xOf(ivs[wi].start + (ivs[wi].end - ivs[wi].start) / 2);
        const QPoint pos(x, plot.top() + row.y + row.barTop + row.barHeight - 3);
        const TimelineItem it = v.itemAt(pos);
        QCOMPARE(int(it.kind), int(TimelineItem::Kind::Interval));
        QCOMPARE(it.lane, LaneId(2));
        QCOMPARE(it.index, uint32_t(wi));
        QSignalSpy sel(&v, &TimelineView::itemSelected);
        QSignalSpy lanes(&v, &TimelineView::laneClicked);
        QTest::mouseClick(v.viewport(), Qt::LeftButton, {}, pos);
        QCOMPARE(sel.count(), 1);
        QCOMPARE(v.selectedItem(), it);
        QCOMPARE(lanes.count(), 1);
        QCOMPARE(lanes.at(0).at(0).value<LaneId>(), LaneId(2));
        // Selecting from outside (the event table).
        v.selectAt(3, ivs[wi].start);
        QCOMPARE(sel.count(), 2);
        QCOMPARE(v.selectedItem().lane, LaneId(3));
        // Keyboard zoom, then fit.
        QSignalSpy vis(v.zoomControl(), &ZoomControl::visibleRangeChanged);
        QTest::keyClick(&v, Qt::Key_Plus);
        QCOMPARE(vis.count(), 1);
        QVERIFY(std::abs(v.zoomControl()->visibleRange().span() - end / 2) <= 1);
        QTest::keyClick(&v, Qt::Key_0);
        QCOMPARE(v.zoomControl()->visibleRange(), (TimeRange{0, end}));
        // Ctrl+wheel zooms around the cursor: the time under it stays under it.
        const int64_t under = v.timeAt(pos.x());
        QWheelEvent we(QPointF(pos), QPointF(v.viewport()->mapToGlobal(pos)), QPoint(), QPoint(0, 120), Qt::NoButton,
                       Qt::ControlModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(v.viewport(), &we);
        QVERIFY(v.zoomControl()->visibleRange().span() < end);
        QVERIFY(std::abs(v.timeAt(pos.x()) - under) <= v.zoomControl()->visibleRange().span() / plot.width() + 1);
        // Shift+drag selects a range.
        QTest::mousePress(v.viewport(), Qt::LeftButton, Qt::ShiftModifier, QPoint(plot.left() + 100, pos.y()));
        QMouseEvent move(QEvent::MouseMove, QPointF(plot.left() + 300, pos.y()),
                         QPointF(v.viewport()->mapToGlobal(QPoint(plot.left() + 300, pos.y()))), Qt::NoButton,
                         Qt::LeftButton, Qt::ShiftModifier);
        QApplication::sendEvent(v.viewport(), &move);
        QTest::mouseRelease(v.viewport(), Qt::LeftButton, Qt::ShiftModifier, QPoint(plot.left() + 300, pos.y()));
        QVERIFY(!v.zoomControl()->selection().isEmpty());
        // Highlight, annotations, alarm are drawn without touching the geometry cache.
        QImage warm(v.viewport()->size(), QImage::Format_ARGB32_Premultiplied);
        v.viewport()->render(&warm);
        const int pw = v.plotRect().width();
        const auto g1 = v.renderer().geometry(v.zoomControl()->visibleRange(), pw);
        v.highlightObject(1);
        v.setAnnotations({{LaneId(1), QStringLiteral("about to: acquire counter_lock")}});
        v.setAlarm({1, 2}, {1});
        QImage shot(v.viewport()->size(), QImage::Format_ARGB32_Premultiplied);
        v.viewport()->render(&shot);
        QCOMPARE(v.renderer().geometry(v.zoomControl()->visibleRange(), pw).get(), g1.get());
        QCOMPARE(v.highlightedObject(), ObjectId(1));
    }
};

QTEST_MAIN(TestTimeline)
#include "tst_timeline.moc"
