// SPDX-License-Identifier: MIT
// Compare in the window (issue 18): a pinned run A drawn above the current run B in the timeline
// widget on one time axis (pixels checked, as in tst_timeline) with zoom acting on both and the
// labels of what differs; Run ▸ Pin as A, a later real run as B, the statistics and
// lock-contention panels' A / B / change against the two runs' own statistics; Unpin; File ▸
// Compare with… a saved trace; the compare view's export. Offscreen.
#include "app/view/compare_renderer.h"
#include "app/view/exporter.h"
#include "app/view/palette.h"
#include "app/view/timeline_view.h"
#include "app/view/units.h"
#include "app/window/contention_panel.h"
#include "app/window/diff_tree.h"
#include "app/window/main_window.h"
#include "app/window/param_panel.h"
#include "app/window/stats_panel.h"
#include "engine/model/run_compare.h"
#include "scenarios/runner.h"
#include "synthetic_trace.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QImage>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace tl;
using namespace tl::view;
using synth::ms;
using synth::near;

namespace {

Trace runLesson(const char* id, const char* threads)
{
    const Scenario* s = Registry::instance().find(id);
    ParamValues v = s->defaults();
    v.set("threads", threads);
    RunOptions o;
    o.timeScale = 0.05;
    o.gil = s->defaultGil;
    return runScenario(*s, v, o);
}

// The row `metric` under the branch `group` ("Run", "lock oven") of a compare tree.
QTreeWidgetItem* diffItem(QTreeWidget* tree, const QString& group, const QString& metric)
{
    for (int i = 0; i < tree->topLevelItemCount(); ++i) {
        QTreeWidgetItem* g = tree->topLevelItem(i);
        if (g->text(0) != group)
            continue;
        for (int j = 0; j < g->childCount(); ++j)
            if (g->child(j)->text(0) == metric)
                return g->child(j);
    }
    return nullptr;
}

}  // namespace

class TestCompareWindow : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QApplication::setFont(QFont(QStringLiteral("DejaVu Sans"), 10)); }

    // A (100 ms; its cook waits for the oven, then runs) above B (50 ms of running): one column
    // is one time in both halves, before and after a zoom.
    void timelineDrawsAAboveBOnOneAxis()
    {
        auto [a, b] = synth::comparePair();
        TimelineView v;
        v.resize(1200, 700);
        v.setTrace(&b);
        v.setPinned(std::make_shared<const Trace>(a));
        v.show();
        QVERIFY(QTest::qWaitForWindowExposed(&v));
        QCOMPARE(v.zoomControl()->visibleRange().start, int64_t(0));
        QCOMPARE(v.zoomControl()->visibleRange().end, int64_t(100 * ms));  // the longer run
        const TimelineView::Halves h = v.halves();
        QCOMPARE(h.labelA.top(), 0);
        QVERIFY(h.labelA.bottom() < h.timelineA.top());
        QVERIFY(h.timelineA.bottom() < h.labelB.top());
        QVERIFY(h.labelB.bottom() < v.plotRect().top());
        QVERIFY2(v.pinnedLabel().startsWith("A: threads=2 · GIL off"), qPrintable(v.pinnedLabel()));
        QVERIFY2(v.currentLabel().startsWith("B: threads=8 · GIL on"), qPrintable(v.currentLabel()));

        TimelineRenderer ra(&a), rb(&b);
        ra.setFont(v.font());
        rb.setFont(v.font());
        const int plotTopA = ra.frame(h.timelineA, RenderOptions{}).plot.top();
        const auto& rowsA = ra.layout().rows;
        const auto& rowsB = rb.layout().rows;
        QCOMPARE(rowsA.size(), size_t(2));
        auto y = [](int plotTop, const LaneRow& r) { return plotTop + r.y + r.barTop + r.barHeight - 3; };
        const QColor run = stateColor(State::Run), wait = stateColor(State::WaitLock);
        auto at = [&](const QImage& img, double msAt, int yy) { return img.pixelColor(v.xOf(int64_t(msAt * ms)), yy); };

        QImage img = v.viewport()->grab().toImage();
        QVERIFY2(near(at(img, 25, y(plotTopA, rowsA[1])), wait), qPrintable(at(img, 25, y(plotTopA, rowsA[1])).name()));
        QVERIFY(near(at(img, 75, y(plotTopA, rowsA[1])), run));
        for (const LaneRow& r : rowsB) {
            QVERIFY(near(at(img, 25, y(v.plotRect().top(), r)), run));
            QVERIFY(!near(at(img, 75, y(v.plotRect().top(), r)), run, 40));  // B ended at 50 ms
        }
        // B's end is the middle of the shared axis: run just before it, nothing just after.
        QVERIFY(near(at(img, 48, y(v.plotRect().top(), rowsB[0])), run));
        QVERIFY(!near(at(img, 52, y(v.plotRect().top(), rowsB[0])), run, 40));

        // Zoom to 50..100 ms: A follows (its cook runs from 50 ms at the left edge), B is empty.
        v.zoomControl()->setVisibleRange(50 * ms, 100 * ms);
        img = v.viewport()->grab().toImage();
        QVERIFY(near(at(img, 52, y(plotTopA, rowsA[1])), run));
        QVERIFY(near(at(img, 98, y(plotTopA, rowsA[1])), run));
        QVERIFY(!near(at(img, 75, y(v.plotRect().top(), rowsB[0])), run, 40));
        // Before the zoom the same pixel column (2% in) was A's wait.
        v.zoomControl()->setVisibleRange(0, 100 * ms);
        img = v.viewport()->grab().toImage();
        QVERIFY(near(at(img, 1, y(plotTopA, rowsA[1])), wait));

        // A click in A's half selects nothing (the panels follow B); in B it selects B's item.
        QSignalSpy selected(&v, &TimelineView::itemSelected);
        QTest::mouseClick(v.viewport(), Qt::LeftButton, {}, QPoint(v.xOf(75 * ms), y(plotTopA, rowsA[1])));
        QCOMPARE(selected.count(), 0);
        QTest::mouseClick(v.viewport(), Qt::LeftButton, {}, QPoint(v.xOf(25 * ms), y(v.plotRect().top(), rowsB[0])));
        QCOMPARE(selected.count(), 1);
        QVERIFY(v.selectedItem().isValid());

        // Unpinned: one run, the whole widget, B's own axis.
        v.setPinned(nullptr);
        QVERIFY(v.halves().timelineA.isEmpty());
        QCOMPARE(v.halves().timelineB, v.viewport()->rect());
        QVERIFY(v.pinnedLabel().isEmpty());
        QCOMPARE(v.zoomControl()->visibleRange().end, int64_t(50 * ms));
    }

    void windowPinsComparesAndUnpins()
    {
        MainWindow::Options o;
        o.lesson = QStringLiteral("m5.l1");
        o.autoRun = false;
        MainWindow w(Registry::instance(), o);
        w.resize(1480, 900);
        w.show();
        QAction* pin = w.action(QStringLiteral("pin"));
        QAction* unpin = w.action(QStringLiteral("unpin"));
        QVERIFY(pin && unpin && w.action(QStringLiteral("compareWith")));
        QVERIFY(!unpin->isEnabled());

        const Trace a = runLesson("m5.l1", "2");
        QCOMPARE(a.result.status, std::string("finished"));
        w.showTrace(a, QStringLiteral("a"));
        pin->trigger();
        QVERIFY(w.pinnedRun());
        QVERIFY(pin->isChecked() && unpin->isEnabled());
        QCOMPARE(w.pinnedRun()->params.at("threads"), std::string("2"));

        // A later run of the lesson is B, drawn under A: the moved slider re-runs it.
        QSignalSpy finished(&w.controller(), &RunController::finished);
        QVERIFY(w.paramPanel()->setValue(QStringLiteral("threads"), 6));
        QVERIFY(finished.wait(120000));
        QCOMPARE(finished.at(0).at(0).toString(), QStringLiteral("finished"));
        const Trace& b = w.controller().trace();
        QCOMPARE(b.params.at("threads"), std::string("6"));
        QCOMPARE(w.pinnedRun()->params.at("threads"), std::string("2"));
        QVERIFY2(w.timeline()->pinnedLabel().startsWith("A: threads=2"), qPrintable(w.timeline()->pinnedLabel()));
        QVERIFY2(w.timeline()->currentLabel().startsWith("B: threads=6"), qPrintable(w.timeline()->currentLabel()));

        // The panels: A, B and the change, the two runs' own figures, coloured by the verdict.
        const RunStats sa = w.pinnedRun()->statistics(), sb = b.statistics();
        const auto rows = compareStats(sa, sb);
        DiffTree* stats = w.statsPanel()->compareTree();
        QVERIFY(stats->isVisibleTo(w.statsPanel()));
        QTreeWidgetItem* wall = diffItem(stats, "Run", "Wall time");
        QVERIFY(wall);
        QCOMPARE(wall->text(1), view::formatDuration(sa.wall));
        QCOMPARE(wall->text(2), view::formatDuration(sb.wall));
        QCOMPARE(wall->text(3), diffChangeText(rows[0]));
        QCOMPARE(wall->foreground(3).color(), diffVerdictColor(rows[0].verdict(), false));
        QVERIFY(diffItem(stats, "Run", "Cores busy"));
        DiffTree* locks = w.contentionPanel()->compareTree();
        QVERIFY(locks->isVisibleTo(w.contentionPanel()));
        QVERIFY(!sa.locks.empty());
        for (const LockStats& l : sa.locks) {
            const QString group = QString::fromStdString(std::string(kindName(l.kind)) + " " + l.name);
            QTreeWidgetItem* total = diffItem(locks, group, "Wait total");
            QVERIFY2(total, qPrintable(group));
            QCOMPARE(total->text(1), view::formatDuration(l.waitTotal));
            QVERIFY(diffItem(locks, group, "Contended share"));
        }
        QVERIFY(!diffItem(locks, "Run", "Wall time"));  // the run's figures are the statistics panel's

        // The compare view's export: both timelines and the table, the picture's size.
        QTemporaryDir dir;
        ExportOptions eo;
        eo.size = QSize(1400, 0);
        QString error;
        QVERIFY2(w.exportCompare(dir.filePath("c.png"), eo, &error), qPrintable(error));
        CompareOptions co;
        co.width = 1400;
        QCOMPARE(QImage(dir.filePath("c.png")).size(), compareLayout(*w.pinnedRun(), b, co).size);
        QVERIFY(!w.exportCompare(dir.filePath("c.txt"), eo, &error));
        QVERIFY(error.contains(".png"));
        // Copy image copies the same picture (at the window's width).
        QApplication::clipboard()->clear();
        w.action(QStringLiteral("copyImage"))->trigger();
        co.width = std::max(800, w.timeline()->width());
        co.title = QString::fromStdString(b.title);
        co.footer = compareCaption(*w.pinnedRun(), b);  // what each run was, as every export ends
        QCOMPARE(QApplication::clipboard()->image().size(),
                 compareLayout(*w.pinnedRun(), b, co).size * w.devicePixelRatioF());

        // Unpin: one run again.
        unpin->trigger();
        QVERIFY(!w.pinnedRun());
        QVERIFY(!pin->isChecked() && !unpin->isEnabled());
        QVERIFY(!stats->isVisibleTo(w.statsPanel()));
        QVERIFY(!locks->isVisibleTo(w.contentionPanel()));
        QVERIFY(w.timeline()->halves().timelineA.isEmpty());

        // File ▸ Compare with…: what is shown becomes A, the saved trace B.
        QVERIFY(w.saveTraceFile(dir.filePath("b.json")));
        w.showTrace(a, QStringLiteral("a"));
        QVERIFY(w.compareWith(dir.filePath("b.json")));
        QCOMPARE(w.pinnedRun()->params.at("threads"), std::string("2"));
        QCOMPARE(w.controller().trace().params.at("threads"), std::string("6"));
        QVERIFY(pin->isChecked());
        QVERIFY(stats->isVisibleTo(w.statsPanel()));
    }
};

QTEST_MAIN(TestCompareWindow)
#include "tst_compare_window.moc"
