// SPDX-License-Identifier: MIT
// Exports "with panels": the range summaries against the model's statistics, the picture's
// sections where the layout says (bar colours, the queue's depth at a known time), SVG, the
// high-DPI export's sharpness, and the export dialog's mapping to ExportOptions. Offscreen.
#include "app/view/exporter.h"
#include "app/view/palette.h"
#include "app/view/panels_renderer.h"
#include "app/view/timeline_renderer.h"
#include "app/window/export_dialog.h"
#include "synthetic_trace.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QPainter>
#include <QSet>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QTest>

using namespace tl;
using namespace tl::view;
using synth::ms;

namespace {

using synth::near;

// Three threads, two locks, one bounded queue; every number known by hand.
//   A: runs 0-20, holds L 2-8.        B: runs 0-3, waits for L 3-8, holds L 8-12.
//   C: runs 0-9, waits for L 9-12, holds L 12-15.    Main: holds `quiet` 1-2 and 16-17.
//   L: 3 acquisitions (A, B, C), 2 contended, waits 5 + 3 = 8 ms, longest 5 ms.
//   queue `jobs` (capacity 4): depth 0, 1 at 4, 2 at 6, 3 at 10, 1 at 14, 0 at 18.
struct Known {
    Trace trace;
    ObjectId lock = 0, quiet = 0, queue = 0;
};

Known knownTrace()
{
    Known k;
    Trace& t = k.trace;
    t.title = "known";
    synth::addLane(t, "MainThread");
    synth::addLane(t, "A");
    synth::addLane(t, "B");
    synth::addLane(t, "C");
    k.lock = synth::addObject(t, ObjectKind::Lock, "L");
    k.quiet = synth::addObject(t, ObjectKind::Lock, "quiet");
    k.queue = synth::addObject(t, ObjectKind::Queue, "jobs", 4);
    synth::push(t, 0, 0, 20 * ms, State::Run);
    synth::push(t, 1, 0, 20 * ms, State::Run);
    synth::push(t, 2, 0, 3 * ms, State::Run);
    synth::push(t, 2, 3 * ms, 8 * ms, State::WaitLock, k.lock, Outcome::Acquired);
    synth::push(t, 2, 8 * ms, 20 * ms, State::Run);
    synth::push(t, 3, 0, 9 * ms, State::Run);
    synth::push(t, 3, 9 * ms, 12 * ms, State::WaitLock, k.lock, Outcome::Acquired);
    synth::push(t, 3, 12 * ms, 20 * ms, State::Run);
    for (auto& l : t.lanes) {
        l.start = 0;
        l.end = 20 * ms;
    }
    t.holds = {Hold{k.quiet, 0, 1 * ms, 2 * ms, 1, 0}, Hold{k.lock, 1, 2 * ms, 8 * ms, 2, 1},
               Hold{k.lock, 2, 8 * ms, 12 * ms, 3, 2}, Hold{k.lock, 3, 12 * ms, 15 * ms, 4, 3},
               Hold{k.quiet, 0, 16 * ms, 17 * ms, 5, 0}};
    CounterSeries depth;
    depth.object = k.queue;
    depth.kind = CounterKind::Depth;
    depth.name = "jobs";
    depth.points = {{0, 0}, {4 * ms, 1}, {6 * ms, 2}, {10 * ms, 3}, {14 * ms, 1}, {18 * ms, 0}};
    t.counters.push_back(depth);
    for (int64_t at : {4, 6, 10})
        t.instants.push_back(Instant{at * ms, 1, Ev::Put, k.queue, 0, 0, {}});
    for (int64_t at : {14, 14, 18})
        t.instants.push_back(Instant{at * ms, 2, Ev::Get, k.queue, 0, 0, {}});
    std::stable_sort(t.instants.begin(), t.instants.end(),
                     [](const Instant& a, const Instant& b) { return a.t < b.t; });
    t.rebuildIndexes();
    return k;
}

ExportOptions withPanels(int width = 1000)
{
    ExportOptions o;
    o.size = QSize(width, 0);
    o.panels = true;
    return o;
}

const PanelsLayout::LockRow* rowOf(const PanelsLayout& l, ObjectId id)
{
    for (const auto& r : l.lockRows)
        if (r.object == id)
            return &r;
    return nullptr;
}

}  // namespace

class TestExportPanels : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QApplication::setFont(QFont(QStringLiteral("DejaVu Sans"), 10));
        QStandardPaths::setTestModeEnabled(true);
    }

    // Over the whole run the panels' numbers are the model's statistics.
    void summaryOfTheWholeRunIsTheStatistics_data()
    {
        QTest::addColumn<int>("which");
        QTest::newRow("known") << 0;
        QTest::newRow("synthetic") << 1;
        QTest::newRow("CPU clocks, slow motion") << 2;
    }
    void summaryOfTheWholeRunIsTheStatistics()
    {
        QFETCH(int, which);
        Trace t = which == 1 ? synth::lockContention() : knownTrace().trace;
        if (which == 2) {
            // Each thread computed half the time it was alive; shown at a quarter of real speed.
            for (Lane& l : t.lanes)
                l.cpu = {{10 * ms, 5 * ms}, {20 * ms, 10 * ms}};
            t.speed = 0.25;
        }
        t.rebuildIndexes();  // the synthetic trace's duration
        const RunStats st = t.statistics();
        const RangeSummary s = summarizeRange(t, {0, t.duration()});
        QVERIFY(s.hasLocks);
        QCOMPARE(s.wall, st.wall);
        QCOMPARE(s.work.cpu, st.work.cpu);
        QCOMPARE(s.work.sleepIo, st.work.sleepIo);
        QCOMPARE(s.work.workingThreads, st.work.workingThreads);
        QCOMPARE(s.work.speedup, st.work.speedup);
        if (which == 2) {
            QVERIFY(s.work.cpuMeasured);
            QCOMPARE(st.wall, 5 * ms);  // 20 ms at 0.25×: lesson time
            QCOMPARE(st.work.cpu, 10 * ms);  // 4 threads × 10 ms, × 0.25
            QCOMPARE(st.work.coresBusy, 2.0);
        }
        QCOMPARE(s.busyShare.size(), st.busyShare.size());
        for (const auto& [lane, share] : s.busyShare)
            QCOMPARE(share, st.busyShare.at(lane));
        int active = 0;
        for (const LockStats& l : st.locks) {
            auto it = std::find_if(s.locks.begin(), s.locks.end(),
                                   [&](const LockSummary& x) { return x.object == l.object; });
            if (l.acquisitions == 0 && l.waitTotal == 0) {
                QVERIFY(it == s.locks.end());
                continue;
            }
            ++active;
            QVERIFY(it != s.locks.end());
            QCOMPARE(it->acquisitions, l.acquisitions);
            QCOMPARE(it->contended, l.contended);
            QCOMPARE(it->waitTotal, l.waitTotal);
            QCOMPARE(it->waitMax, l.waitMax);
            QCOMPARE(it->name, QString::fromStdString(l.name));
        }
        QCOMPARE(int(s.locks.size()), active);
        QCOMPARE(s.queues.size(), st.queues.size());
        for (size_t i = 0; i < s.queues.size(); ++i) {
            QCOMPARE(s.queues[i].puts, st.queues[i].puts);
            QCOMPARE(s.queues[i].gets, st.queues[i].gets);
            QCOMPARE(s.queues[i].maxDepth, st.queues[i].maxDepth);
        }
    }

    void summaryClipsToTheRange()
    {
        const Known k = knownTrace();
        const RangeSummary s = summarizeRange(k.trace, {5 * ms, 10 * ms});
        // Only L was active; B's wait counts from 5 to 8, C's from 9 to 10 (it ends later).
        QCOMPARE(int(s.locks.size()), 1);
        const LockSummary& l = s.locks.front();
        QCOMPARE(l.object, k.lock);
        QCOMPARE(l.acquisitions, int64_t(1));  // B at 8
        QCOMPARE(l.contended, int64_t(1));  // B's wait ended at 8; C's ends after the range
        QCOMPARE(l.waitTotal, 4 * ms);
        QCOMPARE(l.waitMax, 3 * ms);
        QCOMPARE(s.queues.size(), size_t(1));
        QCOMPARE(s.queues[0].puts, int64_t(1));  // at 6 (10 is the range's end, outside)
        QCOMPARE(s.queues[0].maxDepth, int64_t(2));
        QCOMPARE(s.queues[0].capacity, int64_t(4));
        // Running: Main, A 5 ms each; B 2 ms (8-10); C 4 ms (5-9) = 16 ms over 5 ms.
        QCOMPARE(s.work.cpu, 16 * ms);
        QCOMPARE(s.work.coresBusy, 16.0 / 5.0);
    }

    void panelsMakeThePictureTaller()
    {
        const Known k = knownTrace();
        ExportOptions o = withPanels();
        const QSize with = Exporter::resolvedSize(k.trace, o);
        const PanelsLayout l = Exporter::panelsLayout(k.trace, o);
        o.panels = false;
        const QSize without = Exporter::resolvedSize(k.trace, o);
        QCOMPARE(with.width(), without.width());
        QVERIFY(l.height > 150);
        QCOMPARE(with.height(), without.height() + l.height);
        QCOMPARE(l.contention.top(), without.height());
        QVERIFY(!l.queues.isNull() && !l.stats.isNull());
        QVERIFY(l.contention.bottom() < l.queues.top() && l.queues.bottom() < l.stats.top());
        QCOMPARE(Exporter::panelsLayout(k.trace, o).height, 0);

        QTemporaryDir dir;
        QString err;
        o.panels = true;
        const QString png = dir.filePath(QStringLiteral("p.png"));
        QVERIFY2(Exporter::exportPng(k.trace, o, png, &err), qPrintable(err));
        QCOMPARE(QImage(png).size(), with);
        // Size limits apply to the whole picture: a timeline that fits alone, too tall with panels.
        o.size = QSize(1000, Exporter::kMaxPngHeight - l.height / 2);
        o.panels = false;
        QVERIFY2(Exporter::exportPng(k.trace, o, png, &err), qPrintable(err));
        o.panels = true;
        QVERIFY(!Exporter::exportPng(k.trace, o, dir.filePath(QStringLiteral("big.png")), &err));
        QVERIFY(err.contains(QStringLiteral("out of range")));
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("big.png"))));
    }

    // Sections with nothing to show are left out.
    void emptySectionsAreLeftOut()
    {
        Known k = knownTrace();
        Trace noQueue = k.trace;
        noQueue.objects[k.queue].kind = ObjectKind::Event;
        noQueue.rebuildIndexes();
        PanelsLayout l = Exporter::panelsLayout(noQueue, withPanels());
        QVERIFY(!l.contention.isNull() && l.queues.isNull() && !l.stats.isNull());
        Trace noLocks = k.trace;
        noLocks.objects[k.lock].kind = ObjectKind::Event;
        noLocks.objects[k.quiet].kind = ObjectKind::Event;
        noLocks.rebuildIndexes();
        l = Exporter::panelsLayout(noLocks, withPanels());
        QVERIFY(l.contention.isNull() && !l.queues.isNull());
        ExportOptions plain;
        plain.size = QSize(1000, 0);
        QCOMPARE(l.queues.top(), Exporter::resolvedSize(noLocks, plain).height());
    }

    void contentionBarsWhereTheLayoutSays_data()
    {
        QTest::addColumn<bool>("dark");
        QTest::addColumn<qreal>("scale");
        QTest::newRow("light") << false << 1.0;
        QTest::newRow("dark, 2x") << true << 2.0;
    }
    void contentionBarsWhereTheLayoutSays()
    {
        QFETCH(bool, dark);
        QFETCH(qreal, scale);
        const Known k = knownTrace();
        ExportOptions o = withPanels();
        o.dark = dark;
        o.scale = scale;
        const QImage img = renderImage(k.trace, o);
        const PanelsLayout l = Exporter::panelsLayout(k.trace, o);
        auto at = [&](double x, double y) { return img.pixelColor(int(x * scale), int(y * scale)); };
        // The bars start at the timeline's plot left edge.
        TimelineRenderer r(&k.trace);
        o.panels = false;
        RenderOptions ro;
        ro.legend = true;
        const QRect plot = r.frame(QRect(QPoint(0, 0), Exporter::resolvedSize(k.trace, o)), ro).plot;
        // Most waiting first: L, then quiet (held, never waited for).
        QCOMPARE(int(l.lockRows.size()), 2);
        QCOMPARE(l.lockRows[0].object, k.lock);
        const auto* busy = rowOf(l, k.lock);
        const auto* quiet = rowOf(l, k.quiet);
        QVERIFY(busy && quiet);
        QCOMPARE(int(busy->total.left()), plot.left());
        QVERIFY(busy->total.width() > plot.width() / 3);
        QCOMPARE(quiet->total.width(), 0.0);
        // Longest wait 5 of 8 ms in total: the second bar is 5/8 of the first.
        QVERIFY(std::abs(busy->longest.width() / busy->total.width() - 5.0 / 8.0) < 0.01);
        const QColor wait = stateColor(State::WaitLock, dark);
        const QPointF mid = busy->total.center();
        QVERIFY2(near(at(mid.x(), mid.y()), wait), qPrintable(at(mid.x(), mid.y()).name()));
        QVERIFY(near(at(busy->total.left() + 3, mid.y()), wait));
        QVERIFY(near(at(busy->total.right() - 3, mid.y()), wait));
        // Beyond the bar's end: no bar colour (its label begins 8 px later).
        QVERIFY(!near(at(busy->total.right() + 4, mid.y()), wait, 40));
        // The longest-wait bar: a lighter shade, ending at 5/8.
        const double ly = busy->longest.center().y();
        const QColor longest = at(busy->longest.left() + busy->longest.width() / 2, ly);
        QVERIFY(!near(longest, wait, 20) && !near(longest, theme(dark).background, 20));
        QVERIFY(!near(at(busy->longest.right() + 4, ly), longest, 20));
        // The quiet lock's row has no bar where L's bar is.
        QVERIFY(!near(at(mid.x(), quiet->total.center().y()), wait, 40));
    }

    void queueDepthAtAKnownTime_data()
    {
        QTest::addColumn<bool>("dark");
        QTest::addColumn<qreal>("scale");
        QTest::addColumn<bool>("zoomed");
        QTest::newRow("light, whole run") << false << 1.0 << false;
        QTest::newRow("dark, 2x, 8-17 ms") << true << 2.0 << true;
    }
    void queueDepthAtAKnownTime()
    {
        QFETCH(bool, dark);
        QFETCH(qreal, scale);
        QFETCH(bool, zoomed);
        const Known k = knownTrace();
        ExportOptions o = withPanels(1200);
        o.dark = dark;
        o.scale = scale;
        if (zoomed)
            o.range = {8 * ms, 17 * ms};
        const TimeRange range = zoomed ? o.range : TimeRange{0, TraceIndex::build(k.trace).end};
        const QImage img = renderImage(k.trace, o);
        const PanelsLayout l = Exporter::panelsLayout(k.trace, o);
        const QRect plot = l.queuePlot;
        QVERIFY(!plot.isNull());
        QCOMPARE(l.queueTop, 4.0);  // the capacity
        const QColor c = objectColor(k.queue, dark);
        auto xAt = [&](int64_t t) {
            return plot.left() + double(t - range.start) * plot.width() / double(range.span());
        };
        auto yOf = [&](double v) { return plot.top() + plot.height() * (1.0 - v / l.queueTop); };
        // The line is at the depth's height at that time, and not at another depth's.
        auto lineNear = [&](double x, double y) {
            for (int dy = -2; dy <= 2; ++dy)
                if (near(img.pixelColor(int(x * scale), int((y + dy) * scale)), c, 12))
                    return true;
            return false;
        };
        for (auto [t, depth, other] :
             {std::tuple{12 * ms, 3.0, 1.0}, std::tuple{16 * ms, 1.0, 3.0}, std::tuple{9 * ms, 2.0, 3.0}}) {
            const double x = xAt(t);
            QVERIFY2(lineNear(x, yOf(depth)), qPrintable(QStringLiteral("t=%1 ms depth %2").arg(t / ms).arg(depth)));
            QVERIFY2(!lineNear(x, yOf(other)), qPrintable(QStringLiteral("t=%1 ms not %2").arg(t / ms).arg(other)));
        }
        // The capacity line (dashed, the queue's colour) at 4 somewhere along the plot.
        int onCapacity = 0;
        for (int x = plot.left() + 2; x < plot.right() - 2; x += 3)
            if (near(img.pixelColor(int(x * scale), int(std::lround(yOf(4.0)) * scale)), c, 60))
                ++onCapacity;
        QVERIFY2(onCapacity > 20, qPrintable(QString::number(onCapacity)));
        // The same time on the timeline above and in the chart: one x for both (the plot's columns).
        TimelineRenderer r(&k.trace);
        RenderOptions ro;
        ro.legend = true;
        ExportOptions timelineOnly = o;
        timelineOnly.panels = false;
        const QRect tplot = r.frame(QRect(QPoint(0, 0), Exporter::resolvedSize(k.trace, timelineOnly)), ro).plot;
        QCOMPARE(plot.left(), tplot.left());
        QCOMPARE(plot.width(), tplot.width());
    }

    void svgAndPdfWithPanels()
    {
        const Known k = knownTrace();
        QTemporaryDir dir;
        QString err;
        const ExportOptions o = withPanels();
        const QSize size = Exporter::resolvedSize(k.trace, o);
        const QString svg = dir.filePath(QStringLiteral("p.svg"));
        QVERIFY2(Exporter::exportSvg(k.trace, o, svg, &err), qPrintable(err));
        QSvgRenderer sr(svg);
        QVERIFY(sr.isValid());
        QCOMPARE(sr.viewBox().size(), size);
        QImage back(size, QImage::Format_ARGB32_Premultiplied);
        back.fill(Qt::white);
        {
            QPainter p(&back);
            sr.render(&p, QRectF(QPointF(0, 0), size));
        }
        const PanelsLayout l = Exporter::panelsLayout(k.trace, o);
        const QPointF mid = rowOf(l, k.lock)->total.center();
        QVERIFY(near(back.pixelColor(mid.toPoint()), stateColor(State::WaitLock), 12));
        // Not blank: the panels' area holds several colours.
        QSet<QRgb> colours;
        for (int y = l.contention.top(); y < size.height(); y += 3)
            for (int x = 0; x < size.width(); x += 7)
                colours.insert(back.pixel(x, y));
        QVERIFY2(colours.size() > 5, qPrintable(QString::number(colours.size())));
        const QString pdf = dir.filePath(QStringLiteral("p.pdf"));
        QVERIFY2(Exporter::exportPdf(k.trace, o, pdf, &err), qPrintable(err));
        QFile f(pdf);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.read(5), QByteArray("%PDF-"));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).size(), 2);
    }

    // Scale 2: twice the pixels, device pixel ratio 2, and 1 px lines stay sharp (only the line's
    // and the background's colours across an edge, no blended in-between).
    void highDpiStaysSharp()
    {
        const Trace t = synth::lockContention();
        ExportOptions o = withPanels(1200);
        o.scale = 1;
        const QImage one = renderImage(t, o);
        o.scale = 2;
        const QImage two = renderImage(t, o);
        QCOMPARE(two.devicePixelRatio(), 2.0);
        QCOMPARE(two.size(), one.size() * 2);
        QCOMPARE(two.deviceIndependentSize().toSize(), one.size());

        TimelineRenderer r(&t);
        RenderOptions ro;
        ro.legend = true;
        ExportOptions timelineOnly = o;
        timelineOnly.panels = false;
        const auto f = r.frame(QRect(QPoint(0, 0), Exporter::resolvedSize(t, timelineOnly)), ro);
        const Theme& th = theme(false);
        // A row through the ruler's ticks (drawn 5 px up from its bottom line).
        const int y = (f.ruler.bottom() - 2) * 2;
        int runs = 0, run = 0;
        for (int x = f.ruler.left() * 2; x < f.ruler.right() * 2; ++x) {
            const QColor c = two.pixelColor(x, y);
            if (c == th.textMuted) {
                ++run;
                continue;
            }
            QVERIFY2(c == th.rulerBackground, qPrintable(QStringLiteral("x=%1: %2").arg(x).arg(c.name())));
            if (run) {
                QVERIFY2(run == 1 || run == 2, qPrintable(QStringLiteral("tick %1 px wide at x=%2").arg(run).arg(x)));
                ++runs;
            }
            run = 0;
        }
        QVERIFY2(runs >= 3, qPrintable(QString::number(runs)));
        // The line under the ruler, crossed vertically: ruler background, line, lane background.
        const int x = (f.plot.left() + 37) * 2;
        QSet<QRgb> across;
        for (int yy = (f.ruler.bottom() - 3) * 2; yy <= (f.ruler.bottom() + 2) * 2; ++yy)
            across.insert(two.pixel(x, yy));
        for (QRgb c : across)
            QVERIFY2(c == th.rulerBackground.rgb() || c == th.grid.rgb() || c == th.background.rgb() ||
                         c == th.laneAlt.rgb(),
                     qPrintable(QColor(c).name()));
        // A contention bar's right edge: bar colour then background, nothing between.
        const PanelsLayout l = Exporter::panelsLayout(t, o);
        QVERIFY(!l.lockRows.empty());
        const QRectF bar = l.lockRows.front().total;
        const int by = int(bar.center().y() * 2);
        const QColor wait = stateColor(State::WaitLock);
        const QColor rowBg = two.pixelColor(int(bar.right() + 4) * 2, by);
        for (int xx = int(bar.right() - 3) * 2; xx <= int(bar.right() + 3) * 2; ++xx) {
            const QColor c = two.pixelColor(xx, by);
            QVERIFY2(c == wait || c == rowBg, qPrintable(QStringLiteral("x=%1: %2").arg(xx).arg(c.name())));
        }
    }

    // THREADLENS_PANELS_SHOTS=<dir>: writes the pictures a human should look at.
    void screenshots()
    {
        const QByteArray dirName = qgetenv("THREADLENS_PANELS_SHOTS");
        if (dirName.isEmpty())
            QSKIP("set THREADLENS_PANELS_SHOTS to write screenshots");
        const QString d = QString::fromLocal8Bit(dirName);
        Trace t = synth::lockContention();
        t.rebuildIndexes();
        ExportOptions o = withPanels(1200);
        o.title = QStringLiteral("4 workers contend on counter_lock; a pool feeds a queue");
        QString err;
        QVERIFY2(Exporter::exportPng(t, o, d + QStringLiteral("/panels-light.png"), &err), qPrintable(err));
        o.dark = true;
        o.scale = 2;
        QVERIFY2(Exporter::exportPng(t, o, d + QStringLiteral("/panels-dark-2x.png"), &err), qPrintable(err));
        const Known k = knownTrace();
        o = withPanels(900);
        o.range = {2 * ms, 16 * ms};
        QVERIFY2(Exporter::exportPng(k.trace, o, d + QStringLiteral("/panels-known.png"), &err), qPrintable(err));
    }

    void dialogMapsItsWidgets()
    {
        ExportDialog d;
        const TimeRange visible{3 * ms, 9 * ms};
        d.rangeBox()->setCurrentIndex(0);
        d.widthBox()->setValue(2400);
        d.scaleBox()->setCurrentIndex(0);
        d.legendBox()->setChecked(false);
        d.darkBox()->setChecked(true);
        d.panelsBox()->setChecked(true);
        ExportOptions o = d.options(visible);
        QCOMPARE(o.range, visible);
        QCOMPARE(o.size, QSize(2400, 0));
        QCOMPARE(o.scale, 1.0);
        QVERIFY(!o.legend && o.dark && o.panels);
        d.rangeBox()->setCurrentIndex(1);
        d.scaleBox()->setCurrentIndex(1);
        d.panelsBox()->setChecked(false);
        d.widthBox()->setValue(100000);  // clamped to 8K
        o = d.options(visible);
        QVERIFY(o.range.isEmpty());
        QCOMPARE(o.scale, 2.0);
        QVERIFY(!o.panels);
        QCOMPARE(o.size.width(), Exporter::kMaxPngWidth);
        QCOMPARE(d.range(), ExportDialog::Range::Whole);
    }

    void dialogChoicesPersist()
    {
        QTemporaryDir dir;
        QSettings st(dir.filePath(QStringLiteral("s.ini")), QSettings::IniFormat);
        {
            ExportDialog d;
            d.setImageWidth(1234);
            d.load(st);  // nothing stored: keeps what the caller set and the defaults
            QCOMPARE(d.imageWidth(), 1234);
            QCOMPARE(d.scale(), 2.0);
            QVERIFY(d.legend() && !d.dark() && !d.panels());
            QVERIFY(!ExportDialog::panelsChoice(st));
            d.setRange(ExportDialog::Range::Whole);
            d.setScale(1);
            d.setDark(true);
            d.setPanels(true);
            d.setLegend(false);
            d.save(st);
        }
        ExportDialog e;
        e.load(st);
        QCOMPARE(e.range(), ExportDialog::Range::Whole);
        QCOMPARE(e.imageWidth(), 1234);
        QCOMPARE(e.scale(), 1.0);
        QVERIFY(e.dark() && e.panels() && !e.legend());
        QVERIFY(ExportDialog::panelsChoice(st));
    }
};

QTEST_MAIN(TestExportPanels)
#include "tst_export_panels.moc"
