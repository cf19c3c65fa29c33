// SPDX-License-Identifier: MIT
// What the learner reads and controls around a run, offscreen: an opened trace shows the
// parameters it recorded and runs again with them; Reset to defaults; the GIL box re-runs like
// every control; the exports' footer says what the run was; legend entries switch their layer
// off and on (not drawn, not hovered, left out of the exported legend); View ▸ Text size.
#include "app/view/exporter.h"
#include "app/view/figures.h"
#include "app/view/timeline_view.h"
#include "app/window/contention_panel.h"
#include "app/window/legend_bar.h"
#include "app/window/main_window.h"
#include "app/window/main_window_settings.h"
#include "app/window/param_panel.h"
#include "app/window/queue_panel.h"
#include "engine/model/trace_file.h"
#include "synthetic_trace.h"
#include "window_test_scenarios.h"

#include <QAbstractAxis>
#include <QAbstractButton>
#include <QApplication>
#include <QChart>
#include <QCheckBox>
#include <QLabel>
#include <QLegend>
#include <QTableWidget>
#include <QPainter>
#include <QPushButton>
#include <QSignalSpy>
#include <QSlider>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using namespace tl;

namespace {

// A window that runs only when asked (no run on opening a lesson).
MainWindow::Options manualRuns()
{
    MainWindow::Options o;
    o.autoRun = false;
    return o;
}

bool waitFinished(MainWindow& w)
{
    if (!w.controller().isRunning())
        return true;
    QSignalSpy done(&w.controller(), &RunController::finished);
    return done.wait(60000);
}

// A finished trace of the test lesson t1.l1 with parameters away from their defaults, saved.
QString savedRun(const QTemporaryDir& dir)
{
    MainWindow w(test::testRegistry(), manualRuns());
    w.openLesson(QStringLiteral("t1.l1"), false);
    w.paramPanel()->setValue(QStringLiteral("workers"), 3);
    w.paramPanel()->setValue(QStringLiteral("queue"), 0);
    w.setGil(true);
    w.runLesson();
    if (!waitFinished(w))
        return {};
    const QString path = dir.filePath(QStringLiteral("recorded.json"));
    return w.saveTraceFile(path) ? path : QString();
}

// A trace with holds, every flow kind and a mark (the legend's layers).
Trace layeredTrace()
{
    Trace t;
    synth::addLane(t, "MainThread");
    synth::addLane(t, "worker");
    for (LaneId l = 0; l < 2; ++l)
        synth::push(t, l, 0, 1000000, State::Run);
    const ObjectId lock = synth::addObject(t, ObjectKind::Lock, "lock");
    t.holds.push_back(Hold{lock, 0, 100000, 600000, 1, 0});
    for (uint8_t k = 0; k < uint8_t(FlowKind::Count); ++k)
        t.flows.push_back(Flow{uint64_t(k + 1), FlowKind(k), 0, 1, 200000 + k * 100000, 250000 + k * 100000, lock});
    t.rebuildIndexes();
    return t;
}

}  // namespace

class TestWindowReads : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init() { settings().clear(); }  // each test starts from the lessons' defaults

    void openedTraceShowsItsParametersAndRunsThemAgain()
    {
        QTemporaryDir dir;
        const QString path = savedRun(dir);
        QVERIFY(!path.isEmpty());
        // The window that recorded it may have stored its values (when its debounce timer fired
        // during the run, which depends on the machine's load): the learner's are the defaults.
        settings().clear();

        MainWindow w(test::testRegistry(), manualRuns());
        w.openLesson(QStringLiteral("t1.l1"), false);  // the learner's own values: the defaults
        QCOMPARE(w.paramPanel()->values().i("workers"), 2);
        QVERIFY(w.openTraceFile(path));
        // The recorded values in the controls, the GIL as recorded, and the note naming the file.
        ParamPanel* panel = w.paramPanel();
        QVERIFY(panel->showsTrace());
        QCOMPARE(panel->values().i("workers"), 3);
        QCOMPARE(panel->values().b("queue"), false);
        QCOMPARE(qobject_cast<QSlider*>(panel->control(QStringLiteral("workers")))->value(), 3);
        QVERIFY(!qobject_cast<QCheckBox*>(panel->control(QStringLiteral("queue")))->isChecked());
        QVERIFY(w.gil());
        auto* note = panel->findChild<QLabel*>(QStringLiteral("traceNote"));
        auto* again = panel->findChild<QPushButton*>(QStringLiteral("runAgain"));
        QVERIFY(note && again);
        QVERIFY(!note->isHidden() && !again->isHidden());
        QVERIFY(note->text().contains(QStringLiteral("recorded.json")));
        QVERIFY(!w.controller().isRunning());  // opening shows; it does not run

        // Run again with these: the recorded parameters and GIL, and the note goes.
        QSignalSpy started(&w.controller(), &RunController::started);
        again->click();
        QCOMPARE(started.count(), 1);
        QCOMPARE(w.controller().params().i("workers"), 3);
        QCOMPARE(w.controller().params().b("queue"), false);
        QVERIFY(w.controller().options().gil);
        QVERIFY(!panel->showsTrace());
        QVERIFY(note->isHidden() && again->isHidden());
        QVERIFY(waitFinished(w));
        QCOMPARE(w.controller().trace().lanes.size(), size_t(4));  // MainThread and 3 workers

        // Reset to defaults: every control back, and the run follows (debounced like a slider).
        panel->setDebounceMs(0);
        auto* reset = panel->findChild<QPushButton*>(QStringLiteral("resetParams"));
        QVERIFY(reset && !reset->isHidden());
        QSignalSpy changed(panel, &ParamPanel::paramsChanged);
        reset->click();
        QVERIFY(changed.wait(5000));
        QCOMPARE(panel->values().i("workers"), 2);
        QCOMPARE(panel->values().b("queue"), true);
        QCOMPARE(qobject_cast<QSlider*>(panel->control(QStringLiteral("workers")))->value(), 2);
        QVERIFY(waitFinished(w));
        QCOMPARE(w.controller().params().i("workers"), 2);
    }

    void openedTraceDoesNotOverwriteTheLearnersValues()
    {
        QTemporaryDir dir;
        const QString path = savedRun(dir);
        QVERIFY(!path.isEmpty());
        {
            MainWindow w(test::testRegistry(), manualRuns());
            w.openLesson(QStringLiteral("t1.l1"), false);
            w.paramPanel()->setValue(QStringLiteral("workers"), 6);  // the learner's own choice
            w.setGil(false);
            QVERIFY(w.openTraceFile(path));
            QCOMPARE(w.paramPanel()->values().i("workers"), 3);
            w.close();  // saves the settings
        }
        MainWindow w(test::testRegistry(), manualRuns());
        w.openLesson(QStringLiteral("t1.l1"), false);
        QCOMPARE(w.paramPanel()->values().i("workers"), 6);
    }

    void gilBoxReRunsLikeEveryControl()
    {
        MainWindow w(test::testRegistry(), manualRuns());
        w.openLesson(QStringLiteral("t1.l1"), false);
        w.setGil(false);
        auto* box = w.findChild<QCheckBox*>(QStringLiteral("gilBox"));
        QVERIFY(box);
        QSignalSpy started(&w.controller(), &RunController::started);
        box->click();
        QCOMPARE(started.count(), 1);
        QVERIFY(w.controller().options().gil);
        QVERIFY(waitFinished(w));
        // The menu's action is the same control.
        w.action(QStringLiteral("gil"))->trigger();
        QCOMPARE(started.count(), 2);
        QVERIFY(!w.controller().options().gil);
        QVERIFY(!box->isChecked());
        QVERIFY(waitFinished(w));
    }

    void footerSaysWhatTheRunWas()
    {
        // A course lesson (the footer reads the course's registry, like the exports' title).
        const Scenario* lesson = Registry::instance().find("m1.l1");
        QVERIFY(lesson && !lesson->params.empty());
        Trace t = layeredTrace();
        t.scenario = lesson->id;
        const Param& p = lesson->params.front();
        t.params[p.name] = std::to_string(int(p.max));
        t.gil = true;
        t.speed = 0.5;
        t.recorded = "2026-12-05T14:02:11Z";
        const QString caption = view::runCaption(t);
        QVERIFY2(caption.contains(QStringLiteral("m1.l1")), qPrintable(caption));
        QVERIFY2(caption.contains(QString::fromStdString(p.label)), qPrintable(caption));
        QVERIFY2(caption.contains(QStringLiteral("GIL on")), qPrintable(caption));
        QVERIFY2(caption.contains(QStringLiteral("0.50×")), qPrintable(caption));
        QVERIFY2(caption.contains(QStringLiteral("2026")) || caption.contains(QStringLiteral("/26")),
                 qPrintable(caption));
        // Not a lesson: the program and its interpreter.
        Trace py = layeredTrace();
        py.source = "python";
        py.program = "bank.py";
        py.python = "3.11.2";
        QVERIFY(view::runCaption(py).contains(QStringLiteral("bank.py")));
        QVERIFY(view::runCaption(py).contains(QStringLiteral("Python 3.11.2")));

        // The footer adds its height under the picture, and its text is drawn there.
        view::ExportOptions o;
        o.size = QSize(900, 0);
        const QSize bare = view::Exporter::resolvedSize(t, o);
        o.footer = caption;
        const QSize withFooter = view::Exporter::resolvedSize(t, o);
        QCOMPARE(withFooter.width(), bare.width());
        QVERIFY(withFooter.height() > bare.height());
        const QImage img = view::renderImage(t, o);
        QCOMPARE(img.size(), withFooter);
        const QColor bg = img.pixelColor(img.width() - 3, img.height() - 3);
        int inked = 0;
        for (int y = bare.height() + 1; y < img.height(); ++y)
            for (int x = 0; x < img.width(); ++x)
                inked += img.pixelColor(x, y) != bg;
        QVERIFY2(inked > 50, "the footer's text is drawn in its band");
        // A long footer wraps onto more lines instead of being cut.
        o.footer = QStringList(40, caption).join(QStringLiteral(" · "));
        QVERIFY(view::Exporter::resolvedSize(t, o).height() > withFooter.height());
    }

    void legendSwitchesLayers()
    {
        const Trace t = layeredTrace();
        view::TimelineRenderer r(&t);
        const QRect rect(0, 0, 900, 300);
        const view::TimeRange vis{0, 1000000};
        view::RenderOptions o;
        o.laneHeight = 24;
        // Every flow arrow can be hovered while shown...
        const QRect plot = r.frame(rect, o).plot;
        auto arrowMid = [&](const Flow& f) {
            const double k = double(plot.width()) / double(vis.span());
            const view::LaneLayout& l = r.layout(o.laneHeight);
            const auto& from = l.rows[size_t(l.rowOfLane[f.fromLane])];
            const auto& to = l.rows[size_t(l.rowOfLane[f.toLane])];
            const double y0 = from.y + from.barTop + from.barHeight / 2.0, y1 = to.y + to.barTop + to.barHeight / 2.0;
            return QPoint(plot.left() + int((f.fromT + f.toT) / 2 * k), plot.top() + int((y0 + y1) / 2));
        };
        const Flow wake =
            *std::find_if(t.flows.begin(), t.flows.end(), [](const Flow& f) { return f.kind == FlowKind::Wake; });
        const view::TimelineItem hit = r.hitTest(rect, vis, o, arrowMid(wake));
        QCOMPARE(hit.kind, view::TimelineItem::Kind::Flow);
        QCOMPARE(t.flows[hit.index].kind, FlowKind::Wake);
        QImage shown(rect.size(), QImage::Format_ARGB32);
        {
            QPainter p(&shown);
            r.paint(p, rect, vis, o);
        }
        // ... and not once its layer is off: not hovered, not drawn; the picture changes.
        o.hiddenLayers = view::layerBit(view::flowLayer(FlowKind::Wake));
        QVERIFY(r.hitTest(rect, vis, o, arrowMid(wake)).kind != view::TimelineItem::Kind::Flow);
        QImage hidden(rect.size(), QImage::Format_ARGB32);
        {
            QPainter p(&hidden);
            r.paint(p, rect, vis, o);
        }
        QVERIFY(hidden != shown);
        // Holds off too: the band is gone (hover finds nothing there).
        o.hiddenLayers |= view::layerBit(view::Layer::Holds);
        const view::LaneLayout& l = r.layout(o.laneHeight);
        const auto& row = l.rows[size_t(l.rowOfLane[0])];
        const QPoint onHold(plot.left() + plot.width() / 4, plot.top() + row.y + row.holdTop + 2);
        QVERIFY(r.hitTest(rect, vis, o, onHold).kind != view::TimelineItem::Kind::Hold);
        o.hiddenLayers = 0;
        QCOMPARE(r.hitTest(rect, vis, o, onHold).kind, view::TimelineItem::Kind::Hold);
        // Everything back on: the same picture as before.
        QImage again(rect.size(), QImage::Format_ARGB32);
        {
            QPainter p(&again);
            r.paint(p, rect, vis, o);
        }
        QCOMPARE(again, shown);

        // The legend's entries say which layer they switch; an export leaves hidden ones out.
        const QRect legend(0, 0, 900, r.legendHeight(900));
        QSet<int> layers;
        for (int y = legend.top(); y < legend.bottom(); y += 4)
            for (int x = legend.left(); x < legend.right(); x += 4)
                if (const auto layer = r.legendLayerAt(legend, QPoint(x, y), false))
                    layers.insert(int(*layer));
        for (view::Layer want :
             {view::Layer::Holds, view::Layer::Handoff, view::Layer::Wake, view::Layer::Item, view::Layer::Done})
            QVERIFY2(layers.contains(int(want)), qPrintable(QString::number(int(want))));
        const uint32_t allFlows = view::layerBit(view::Layer::Handoff) | view::layerBit(view::Layer::Wake) |
                                  view::layerBit(view::Layer::Item) | view::layerBit(view::Layer::Done) |
                                  view::layerBit(view::Layer::Holds);
        QVERIFY(r.legendHeight(300, false, allFlows) < r.legendHeight(300, false, 0));
    }

    void legendBarClicksSwitchTheTimelinesLayer()
    {
        MainWindow w(test::testRegistry(), manualRuns());
        w.resize(1400, 900);
        w.show();
        w.openLesson(QStringLiteral("t1.l1"), true);
        QVERIFY(waitFinished(w));
        auto* bar = w.findChild<LegendBar*>();
        QVERIFY(bar);
        view::TimelineView* tl = w.timeline();
        // Find the holds entry in the bar and click it: the timeline hides holds; again: back.
        // (The bar takes its height from the finished run's entries after the next layout pass.)
        QTRY_VERIFY(bar->height() >= tl->renderer().legendHeight(bar->width(), tl->isDark()));
        QPoint at(-1, -1);
        for (int y = 0; y < bar->height() && at.x() < 0; y += 3)
            for (int x = 0; x < bar->width(); x += 3)
                if (tl->renderer().legendLayerAt(bar->rect(), QPoint(x, y), tl->isDark()) == view::Layer::Holds) {
                    at = QPoint(x, y);
                    break;
                }
        QVERIFY2(at.x() >= 0, "the run held a lock: the legend has a holds entry");
        QTest::mouseClick(bar, Qt::LeftButton, {}, at);
        QCOMPARE(tl->hiddenLayers(), view::layerBit(view::Layer::Holds));
        QVERIFY(!tl->renderOptions().shows(view::Layer::Holds));
        QTest::mouseClick(bar, Qt::LeftButton, {}, at);
        QCOMPARE(tl->hiddenLayers(), 0u);
    }

    void textSizeScalesTheWindowAndTheTimeline()
    {
        const QFont before = QApplication::font();
        {
            MainWindow w(test::testRegistry(), manualRuns());
            w.show();
            const qreal base = w.timeline()->renderer().font().pointSizeF();
            QAction* projector = w.findChild<QAction*>(QStringLiteral("textSize_200"));
            QVERIFY(projector);
            projector->trigger();
            QCOMPARE(w.textScale(), 2.0);
            QVERIFY(projector->isChecked());
            QCoreApplication::processEvents();
            QCOMPARE(QApplication::font().pointSizeF(), before.pointSizeF() * 2);
            QCOMPARE(w.timeline()->renderer().font().pointSizeF(), base * 2);
            w.close();
        }
        QCOMPARE(QApplication::font(), before);  // the window gave the application font back
        {
            MainWindow w(test::testRegistry(), manualRuns());  // remembered
            QCOMPARE(w.textScale(), 2.0);
            QVERIFY(w.findChild<QAction*>(QStringLiteral("textSize_200"))->isChecked());
            w.setTextScale(1.0);
            QCOMPARE(QApplication::font().pointSizeF(), before.pointSizeF());
        }
    }

    void chartsFollowTheTextSize()
    {
        // Qt Charts takes its fonts from its theme: the panels hand theirs to every axis and legend.
        const Trace t = synth::lockContention();
        ContentionPanel locks;
        QueuePanel queues;
        locks.resize(900, 300);
        queues.resize(900, 300);
        locks.setTrace(&t);
        queues.setTrace(&t);
        locks.selectLock(locks.table()->item(0, 0)->data(Qt::UserRole).toUInt());
        const std::vector<QChart*> charts{locks.waitersChart(), queues.chart()};
        auto fontsAre = [&](qreal points) {
            for (QChart* c : charts) {
                if (c->axes().isEmpty() || !qFuzzyCompare(c->legend()->font().pointSizeF(), points))
                    return false;
                for (QAbstractAxis* a : c->axes())
                    if (!qFuzzyCompare(a->labelsFont().pointSizeF(), points) ||
                        !qFuzzyCompare(a->titleFont().pointSizeF(), points))
                        return false;
            }
            return true;
        };
        const QFont before = QApplication::font();
        QVERIFY(fontsAre(before.pointSizeF()));
        QFont big = before;
        big.setPointSizeF(before.pointSizeF() * 2);
        QApplication::setFont(big);  // what View ▸ Text size does
        QCoreApplication::processEvents();
        const bool followed = fontsAre(big.pointSizeF());
        locks.setDark(true);  // a theme change keeps the size
        const bool keptByTheme = fontsAre(big.pointSizeF());
        QApplication::setFont(before);
        QVERIFY(followed);
        QVERIFY(keptByTheme);
    }

    void gaveUpColumnOnlyWhenAWaitGaveUp()
    {
        // A column of zeros would take the lock names' room: it shows only when it says something.
        Trace t = layeredTrace();
        const ObjectId lock = 1;
        synth::push(t, 1, 1000000, 1200000, State::WaitLock, lock, Outcome::Acquired);
        t.rebuildIndexes();
        ContentionPanel panel;
        panel.setTrace(&t);
        QVERIFY(panel.table()->rowCount() > 0);
        QVERIFY(panel.table()->isColumnHidden(3));
        Trace gaveUp = layeredTrace();
        synth::push(gaveUp, 1, 1000000, 1200000, State::WaitLock, lock, Outcome::Timeout);
        synth::push(gaveUp, 1, 1200000, 1300000, State::Run);  // the wait is over: it gave up
        gaveUp.rebuildIndexes();
        panel.setTrace(&gaveUp);
        QVERIFY(panel.table()->rowCount() > 0);
        QVERIFY(!panel.table()->isColumnHidden(3));
    }
};

QTEST_MAIN(TestWindowReads)
#include "tst_window_reads.moc"
