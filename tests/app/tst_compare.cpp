// SPDX-License-Identifier: MIT
// Comparing two runs: the difference table against the two runs' own statistics, the labels of
// what differs, and the picture (both lane sets on one time axis: a time is the same column in A
// and in B). Offscreen.
#include "app/view/compare_renderer.h"
#include "app/view/figures.h"
#include "app/view/palette.h"
#include "engine/model/run_compare.h"
#include "scenarios/runner.h"
#include "synthetic_trace.h"

#include <QApplication>
#include <QImage>
#include <QPainter>
#include <QTemporaryDir>
#include <QTest>

using namespace tl;
using namespace tl::view;

namespace {

using synth::near;

Trace runLesson(const char* id, const std::vector<std::pair<std::string, std::string>>& sets)
{
    const Scenario* s = Registry::instance().find(id);
    ParamValues v = s->defaults();
    for (const auto& [k, val] : sets)
        v.set(k, val);
    RunOptions o;
    o.timeScale = 0.05;
    o.gil = s->defaultGil;
    return runScenario(*s, v, o);
}

const DiffRow* find(const std::vector<DiffRow>& rows, const std::string& group, const std::string& metric)
{
    for (const DiffRow& r : rows)
        if (r.group == group && r.metric == metric)
            return &r;
    return nullptr;
}

}  // namespace

class TestCompare : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QApplication::setFont(QFont(QStringLiteral("DejaVu Sans"), 10)); }

    void tableIsTheTwoRunsStatistics()
    {
        const Trace a = runLesson("m5.l1", {{"threads", "2"}}), b = runLesson("m5.l1", {{"threads", "6"}});
        QCOMPARE(a.result.status, std::string("finished"));
        QCOMPARE(b.result.status, std::string("finished"));
        const RunStats sa = a.statistics(), sb = b.statistics();
        const auto rows = compareStats(sa, sb);
        const DiffRow* wall = find(rows, "run", "wall time");
        QVERIFY(wall && *wall->a == double(sa.wall) && *wall->b == double(sb.wall));
        QCOMPARE(wall->change(), double(sb.wall - sa.wall));
        const DiffRow* work = find(rows, "run", "CPU time");
        QVERIFY(work && *work->a == double(sa.work.cpu) && *work->b == double(sb.work.cpu));
        const DiffRow* busy = find(rows, "run", "cores busy");
        QVERIFY(busy && *busy->a == sa.work.coresBusy && *busy->b == sb.work.coresBusy);
        QVERIFY(!sa.locks.empty());
        for (const LockStats& l : sa.locks) {
            const std::string group = std::string(kindName(l.kind)) + " " + l.name;
            const DiffRow* acq = find(rows, group, "acquisitions");
            const DiffRow* share = find(rows, group, "contended share");
            const DiffRow* total = find(rows, group, "wait total");
            const DiffRow* longest = find(rows, group, "longest wait");
            QVERIFY2(acq && share && total && longest, group.c_str());
            QCOMPARE(*acq->a, double(l.acquisitions));
            QCOMPARE(*share->a, l.contendedShare);
            QCOMPARE(*total->a, double(l.waitTotal));
            QCOMPARE(*longest->a, double(l.waitMax));
            const auto inB =
                std::find_if(sb.locks.begin(), sb.locks.end(), [&](const LockStats& x) { return x.name == l.name; });
            QVERIFY(inB != sb.locks.end());
            QCOMPARE(*acq->b, double(inB->acquisitions));
            QCOMPARE(*total->b, double(inB->waitTotal));
            // Better is lower for waits; the verdict follows the sign (beyond 3%).
            if (total->verdict() != 0)
                QCOMPARE(total->verdict(), inB->waitTotal < l.waitTotal ? 1 : -1);
        }
        const RunLabels labels = differences(a, b);
        QCOMPARE(labels.a, std::string("threads=2"));
        QCOMPARE(labels.b, std::string("threads=6"));
        QCOMPARE(differences(a, a).a, std::string("same settings"));
    }

    void verdictsAndMissingObjects()
    {
        DiffRow r{"run", "wall time", DiffRow::Unit::Ns, DiffRow::Better::Lower, 100.0, 50.0};
        QCOMPARE(r.verdict(), 1);
        r.b = 200.0;
        QCOMPARE(r.verdict(), -1);
        r.b = 102.0;  // within 3%: the same
        QCOMPARE(r.verdict(), 0);
        r.better = DiffRow::Better::Higher;
        r.b = 300.0;
        QCOMPARE(r.verdict(), 1);
        QCOMPARE(diffChangeText(r), QStringLiteral("+200 ns (+200%)"));
        auto [a, b] = synth::comparePair();
        const auto rows = compareStats(a.statistics(), b.statistics());
        const DiffRow* oven = find(rows, "lock oven", "wait total");
        QVERIFY(oven && oven->a && !oven->b);  // B has no oven
        QCOMPARE(oven->verdict(), 0);
        QCOMPARE(diffValueText(*oven, oven->b), QStringLiteral("—"));
        const RunLabels labels = differences(a, b);
        QCOMPARE(labels.a, std::string("threads=2 · GIL off"));
        QCOMPARE(labels.b, std::string("threads=8 · GIL on"));
        // A lesson's run against its Python equivalent: the runner is part of the label.
        Trace py = b;
        py.gil = a.gil;
        py.params = a.params;
        py.python = "3.11.2";
        const RunLabels withPython = differences(a, py);
        QCOMPARE(withPython.a, std::string("ThreadLens threads"));
        QCOMPARE(withPython.b, std::string("CPython 3.11.2"));
    }

    // Both lane sets on one axis: A's 100 ms and B's 50 ms share the scale, so at 75 ms A still
    // runs and B has ended, and at 25 ms both lanes of both runs are drawn in the same column.
    void bothLaneSetsOnOneAxis()
    {
        auto [a, b] = synth::comparePair();
        CompareOptions o;
        o.width = 1200;
        const CompareLayout l = compareLayout(a, b, o);
        QCOMPARE(l.range.start, int64_t(0));
        QCOMPARE(l.range.end, int64_t(100 * synth::ms));
        QCOMPARE(l.plotA.left(), l.plotB.left());
        QCOMPARE(l.plotA.width(), l.plotB.width());
        QVERIFY(l.timelineA.bottom() < l.labelB.top());
        QVERIFY(l.timelineB.bottom() < l.table.top());
        QImage img(l.size, QImage::Format_ARGB32_Premultiplied);
        {
            QPainter p(&img);
            paintCompare(p, a, b, o);
        }
        TimelineRenderer ra(&a), rb(&b);
        const auto& rowsA = ra.layout().rows;
        const auto& rowsB = rb.layout().rows;
        QCOMPARE(rowsA.size(), size_t(2));
        QCOMPARE(rowsB.size(), size_t(2));
        auto x = [&](double msAt) { return l.plotA.left() + int(msAt / 100.0 * l.plotA.width()); };
        auto y = [](const QRect& plot, const LaneRow& r) { return plot.top() + r.y + r.barTop + r.barHeight - 3; };
        const QColor run = stateColor(State::Run), wait = stateColor(State::WaitLock);
        // A: MainThread runs throughout; the cook waits, then runs.
        QVERIFY(near(img.pixelColor(x(25), y(l.plotA, rowsA[0])), run));
        QVERIFY(near(img.pixelColor(x(75), y(l.plotA, rowsA[0])), run));
        QVERIFY2(near(img.pixelColor(x(25), y(l.plotA, rowsA[1])), wait),
                 qPrintable(img.pixelColor(x(25), y(l.plotA, rowsA[1])).name()));
        QVERIFY(near(img.pixelColor(x(75), y(l.plotA, rowsA[1])), run));
        // B: both lanes run until 50 ms, nothing after.
        for (const LaneRow& r : rowsB) {
            QVERIFY(near(img.pixelColor(x(25), y(l.plotB, r)), run));
            QVERIFY(!near(img.pixelColor(x(75), y(l.plotB, r)), run, 40));
            QVERIFY(!near(img.pixelColor(x(75), y(l.plotB, r)), wait, 40));
        }
        // B's end lands at half of the shared axis: run just left of it, not just right of it.
        QVERIFY(near(img.pixelColor(x(48), y(l.plotB, rowsB[0])), run));
        QVERIFY(!near(img.pixelColor(x(52), y(l.plotB, rowsB[0])), run, 40));
    }

    void footerSaysWhatEachRunWas()
    {
        auto [a, b] = synth::comparePair();
        CompareOptions o;
        o.width = 1200;
        const CompareLayout bare = compareLayout(a, b, o);
        QVERIFY(bare.footer.isNull());
        // The export dialog's options ask for a footer: it names both runs, A's then B's.
        ExportOptions e;
        e.size = QSize(1200, 0);
        e.footer = runCaption(b);
        o = compareOptions(e, a, b);
        const QStringList lines = o.footer.split(QLatin1Char('\n'));
        QCOMPARE(lines.size(), 2);
        QCOMPARE(lines[0], QStringLiteral("A: ") + runCaption(a));
        QCOMPARE(lines[1], QStringLiteral("B: ") + runCaption(b));
        QVERIFY(runCaption(a) != runCaption(b));  // their parameters differ
        // Its band comes under the table and adds its height; its text is drawn there.
        const CompareLayout l = compareLayout(a, b, o);
        QVERIFY(l.footer.top() > l.table.bottom());
        QCOMPARE(l.size.height(), l.footer.bottom() + 1);
        QCOMPARE(l.size.height(), bare.size.height() + (l.footer.bottom() - bare.table.bottom()));
        const QImage img = renderCompareImage(a, b, o);
        QCOMPARE(img.size(), l.size);
        const QColor bg = img.pixelColor(img.width() - 2, img.height() - 2);
        int inked = 0;
        for (int y = l.footer.top() + 2; y < l.footer.bottom(); ++y)
            for (int x = 0; x < img.width(); ++x)
                inked += img.pixelColor(x, y) != bg;
        QVERIFY2(inked > 100, "both lines of the footer are drawn");
        // Without a footer asked for, none.
        e.footer.clear();
        QVERIFY(compareOptions(e, a, b).footer.isEmpty());
    }

    void exportsWriteEveryFormat()
    {
        auto [a, b] = synth::comparePair();
        QTemporaryDir dir;
        CompareOptions o;
        for (auto [name, format] :
             {std::pair{"c.png", PictureFormat::Png}, {"c.svg", PictureFormat::Svg}, {"c.pdf", PictureFormat::Pdf}}) {
            QString error;
            QVERIFY2(exportCompare(format, dir.filePath(name), a, b, o, &error), qPrintable(error));
            QVERIFY(QFileInfo(dir.filePath(name)).size() > 1000);
        }
        const QImage png(dir.filePath("c.png"));
        QCOMPARE(png.size(), compareLayout(a, b, o).size);
        QString error;
        QVERIFY(!exportCompare(PictureFormat::Png, "/nonexistent-dir/c.png", a, b, o, &error));
        QVERIFY(error.contains("/nonexistent-dir"));
    }
};

QTEST_MAIN(TestCompare)
#include "tst_compare.moc"
