// SPDX-License-Identifier: MIT
// The main window, offscreen: a test lesson shows, runs, renders; a slider re-runs with the
// new worker count; settings persist; the no-display exit.
#include "app/i18n/language.h"
#include "app/view/timeline_view.h"
#include "app/view/zoom_control.h"
#include "app/window/contention_panel.h"
#include "app/window/event_table.h"
#include "app/window/explanation_pane.h"
#include "app/window/gui_main.h"
#include "app/window/lesson_browser.h"
#include "app/window/main_window.h"
#include "app/window/param_panel.h"
#include "app/window/queue_panel.h"
#include "app/window/stats_panel.h"
#include "window_test_scenarios.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QCheckBox>
#include <QDockWidget>
#include <QFileInfo>
#include <QImage>
#include <QSettings>
#include <QSignalSpy>
#include <QSlider>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QLabel>
#include <QToolBar>
#include <QTextBrowser>
#include <QtTest>

using namespace tl;

class TestWindow : public QObject {
    Q_OBJECT

    static QSettings settings() { return QSettings(QStringLiteral("ThreadLens"), QStringLiteral("ThreadLens")); }

    static bool waitFinished(MainWindow& w, int timeoutMs = 30000)
    {
        QSignalSpy done(&w.controller(), &RunController::finished);
        return done.wait(timeoutMs);
    }

    // How many distinct colours a picture uses: a drawn timeline has many, a blank one few.
    static int colourCount(const QImage& img)
    {
        QSet<QRgb> colours;
        for (int y = 0; y < img.height(); y += 3)
            for (int x = 0; x < img.width(); x += 3)
                colours.insert(img.pixel(x, y));
        return int(colours.size());
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);  // settings go to a test location
    }
    void init() { settings().clear(); }

    void opensTheFirstLessonAndRunsIt()
    {
        MainWindow::Options o;  // no lesson: the first registered, started at once
        MainWindow w(test::testRegistry(), o);
        w.resize(1400, 900);
        w.show();
        QCOMPARE(w.currentLesson(), QStringLiteral("t1.l1"));
        QCOMPARE(w.lessonBrowser()->currentLesson(), QStringLiteral("t1.l1"));
        QVERIFY(waitFinished(w));
        QCOMPARE(QString::fromStdString(w.controller().trace().result.status), QStringLiteral("finished"));
        QCOMPARE(int(w.controller().trace().lanes.size()), 3);  // MainThread + 2 workers (default)
        QVERIFY(w.windowTitle().contains(QStringLiteral("Workers share a lock")));
        // The docks exist and have names (saveState needs them).
        for (const char* name :
             {"lessonsDock", "paramsDock", "explanationDock", "contentionDock", "queueDock", "statsDock", "eventsDock"})
            QVERIFY2(w.findChild<QDockWidget*>(QString::fromLatin1(name)), name);
        QCOMPARE(w.contentionPanel()->lockCount(), 1);
        QCOMPARE(w.queuePanel()->queueCount(), 1);
        QVERIFY(w.eventTable()->model()->rowCount() > 0);
    }

    void recordedRunRenders()
    {
        MainWindow::Options o;
        o.autoRun = false;
        MainWindow w(test::testRegistry(), o);
        w.resize(1400, 900);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        const int blank = colourCount(w.timeline()->grab().toImage());
        w.runLesson();
        QVERIFY(waitFinished(w));
        QTest::qWait(50);
        const QImage shot = w.timeline()->grab().toImage();
        QVERIFY(!shot.isNull());
        QVERIFY2(colourCount(shot) > blank, qPrintable(QStringLiteral("%1 vs %2").arg(colourCount(shot)).arg(blank)));
        // The zoom covers the run.
        QVERIFY(w.zoom()->traceRange().end > 0);
        // A finished run's zooms are built off the GUI thread; a live run's are not.
        QVERIFY(w.timeline()->buildsInBackground());
        w.runLesson();
        QVERIFY(w.controller().isRunning());
        QVERIFY(!w.timeline()->buildsInBackground());
        QVERIFY(waitFinished(w));
        QVERIFY(w.timeline()->buildsInBackground());
    }

    void pauseParksEveryThreadUntilContinue()
    {
        MainWindow::Options o;
        o.lesson = QStringLiteral("t1.l1");
        o.autoRun = false;
        MainWindow w(test::testRegistry(), o);
        w.show();
        w.setSpeed(0.05);  // 2 workers x 2 x 2 ms of work: 160 ms at this speed
        QCOMPARE(w.action(QStringLiteral("pause"))->shortcut(), QKeySequence(Qt::Key_F6));
        QVERIFY(!w.action(QStringLiteral("pause"))->isEnabled());
        QSignalSpy finished(&w.controller(), &RunController::finished);
        w.action(QStringLiteral("run"))->trigger();
        QVERIFY(w.action(QStringLiteral("pause"))->isEnabled());
        w.action(QStringLiteral("pause"))->trigger();
        QVERIFY(!w.action(QStringLiteral("pause"))->isEnabled());
        QVERIFY(w.action(QStringLiteral("continue"))->isEnabled());
        QVERIFY(w.action(QStringLiteral("stepMode"))->isChecked());
        // Nothing moves while paused (each thread waits at its next step). First every thread is
        // parked at a gate or blocked for real, none running: the run's time stands still (a
        // loaded machine, ASan, can take longer than any fixed wait to get there). Once it has
        // stood still for the settle window, the next polls take in everything recorded before.
        StepController* stepper = w.controller().stepper();
        QVERIFY(stepper);
        QTRY_VERIFY_WITH_TIMEOUT(stepper->pausedNs() > 2 * ScenarioRun::kSettleNs, 30000);
        QTest::qWait(400);
        const size_t parked = w.controller().trace().eventCount();
        const uint64_t gates = stepper->version();
        QTest::qWait(400);
        QCOMPARE(w.controller().trace().eventCount(), parked);
        QCOMPARE(stepper->version(), gates);  // no thread arrived at or passed a gate
        QVERIFY(w.controller().isRunning());
        QCOMPARE(finished.count(), 0);
        w.action(QStringLiteral("continue"))->trigger();
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished.at(0).at(0).toString(), QStringLiteral("finished"));
        QVERIFY(w.controller().trace().eventCount() > parked);
    }

    void sliderChangeRerunsWithNewWorkerCount_data()
    {
        QTest::addColumn<int>("workers");
        QTest::newRow("one") << 1;
        QTest::newRow("five") << 5;
        QTest::newRow("eight (max)") << 8;
    }
    void sliderChangeRerunsWithNewWorkerCount()
    {
        QFETCH(int, workers);
        MainWindow::Options o;
        o.lesson = QStringLiteral("t1.l1");
        MainWindow w(test::testRegistry(), o);
        w.show();
        QVERIFY(waitFinished(w));
        QCOMPARE(int(w.controller().trace().lanes.size()), 3);
        w.paramPanel()->setDebounceMs(50);
        auto* slider = qobject_cast<QSlider*>(w.paramPanel()->control(QStringLiteral("workers")));
        QVERIFY(slider);
        QSignalSpy started(&w.controller(), &RunController::started);
        slider->setValue(workers);  // as the user drags it
        QVERIFY(started.wait(2000));
        QCOMPARE(started.count(), 1);  // debounced into one re-run
        QVERIFY(waitFinished(w));
        QCOMPARE(int(w.controller().trace().lanes.size()), workers + 1);
        QCOMPARE(QString::fromStdString(w.controller().trace().params.at("workers")), QString::number(workers));
    }

    void runControlsAndShortcuts()
    {
        MainWindow::Options o;
        o.lesson = QStringLiteral("t1.l2");  // sleeps until aborted
        o.autoRun = false;
        MainWindow w(test::testRegistry(), o);
        w.show();
        QCOMPARE(w.action(QStringLiteral("run"))->shortcut(), QKeySequence(Qt::Key_F5));
        QCOMPARE(w.action(QStringLiteral("abort"))->shortcut(), QKeySequence(Qt::SHIFT | Qt::Key_F5));
        QCOMPARE(w.action(QStringLiteral("rerun"))->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_R));
        QVERIFY(!w.action(QStringLiteral("abort"))->isEnabled());
        QSignalSpy finished(&w.controller(), &RunController::finished);
        w.action(QStringLiteral("run"))->trigger();
        QVERIFY(w.controller().isRunning());
        QVERIFY(w.action(QStringLiteral("abort"))->isEnabled());
        QTest::qWait(100);
        w.action(QStringLiteral("abort"))->trigger();
        QVERIFY(finished.wait(2000));
        QCOMPARE(finished.at(0).at(0).toString(), QStringLiteral("aborted"));
        QVERIFY(!w.action(QStringLiteral("abort"))->isEnabled());

        // Speed and GIL reach the next run.
        w.setSpeed(0.5);
        QVERIFY(qAbs(w.speed() - 0.5) < 0.03);
        w.setGil(true);
        w.action(QStringLiteral("rerun"))->trigger();
        QVERIFY(w.controller().options().gil);
        QVERIFY(qAbs(w.controller().options().speed - 0.5) < 0.03);
        w.abortRun();
        QVERIFY(finished.wait(2000));
    }

    void resultZoomButtonsAndHelp()
    {
        MainWindow::Options o;
        o.autoRun = false;
        MainWindow w(test::testRegistry(), o);
        w.resize(1400, 900);
        w.show();
        w.runLesson();
        QVERIFY(waitFinished(w));
        // The lesson's Result heads Statistics (4 items: 2 workers × 2 puts).
        QCOMPARE(QString::fromStdString(w.controller().trace().result.lesson), QStringLiteral("4 items passed"));
        QVERIFY(w.statsPanel()->resultLabel()->isVisibleTo(w.statsPanel()));
        QVERIFY(w.statsPanel()->resultLabel()->text().contains(QStringLiteral("4 items passed")));

        // Zoom buttons: in halves the span, out doubles it, both on the run toolbar.
        auto* bar = w.findChild<QToolBar*>(QStringLiteral("runToolBar"));
        QVERIFY(bar && bar->actions().contains(w.action(QStringLiteral("zoomIn"))) &&
                bar->actions().contains(w.action(QStringLiteral("zoomOut"))));
        w.action(QStringLiteral("fit"))->trigger();
        const int64_t whole = w.zoom()->visibleRange().span();
        w.action(QStringLiteral("zoomIn"))->trigger();
        QVERIFY(std::abs(w.zoom()->visibleRange().span() - whole / 2) <= 1);
        w.action(QStringLiteral("zoomOut"))->trigger();
        QVERIFY(std::abs(w.zoom()->visibleRange().span() - whole) <= 2);

        // Help ▸ How to read the timeline, in the window's language.
        w.action(QStringLiteral("timelineHelp"))->trigger();
        auto* text = w.findChild<QTextBrowser*>(QStringLiteral("timelineHelpText"));
        QVERIFY(text && text->isVisible());
        QVERIFY(text->toPlainText().contains(QStringLiteral("Each row is a thread")));
        QVERIFY(i18n::setLanguage(i18n::Language::Russian));  // (the language change arrives as an event)
        QTRY_VERIFY(text->toPlainText().contains(QStringLiteral("Каждая строка — поток")));
        QVERIFY(i18n::setLanguage(i18n::Language::English));
        QTRY_VERIFY(text->toPlainText().contains(QStringLiteral("Each row is a thread")));
    }

    void tableAndTimelineSelectEachOther()
    {
        MainWindow::Options o;
        o.lesson = QStringLiteral("t1.l1");
        MainWindow w(test::testRegistry(), o);
        w.resize(1400, 900);
        w.show();
        QVERIFY(waitFinished(w));
        EventTable* table = w.eventTable();
        QAbstractItemModelTester tester(table->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        // Pick an interval row of lane 1 in the table: the timeline selects that lane's item.
        int row = -1;
        for (int r = 0; r < table->model()->rowCount() && row < 0; ++r)
            if (table->model()->rowLane(r) == 1 && table->model()->rowEnd(r) > table->model()->rowStart(r))
                row = r;
        QVERIFY(row >= 0);
        table->view()->setCurrentIndex(table->model()->index(row, 0));
        const view::TimelineItem item = w.timeline()->selectedItem();
        QVERIFY(item.isValid());
        QCOMPARE(int(item.lane), 1);
        // Selecting a lock highlights it on the timeline.
        w.contentionPanel()->selectLock(w.controller().trace().statistics().locks.at(0).object);
        QCOMPARE(w.timeline()->highlightedObject(), w.controller().trace().statistics().locks.at(0).object);
    }

    // The event table fills while the run is still live (it used to wait for the end).
    void eventTableFillsWhileTheRunIsLive()
    {
        MainWindow::Options o;
        o.lesson = QStringLiteral("t1.l2");  // sleeps until aborted
        o.autoRun = false;
        MainWindow w(test::testRegistry(), o);
        w.resize(1400, 900);
        w.show();
        EventTable* table = w.eventTable();
        QAbstractItemModelTester tester(table->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy inserted(table->model(), &QAbstractItemModel::rowsInserted);
        w.runLesson();
        QVERIFY(w.controller().isRunning());
        // MainThread runs then joins; the worker runs then sleeps: rows while it sleeps.
        QTRY_VERIFY_WITH_TIMEOUT(table->model()->kinds().contains(QStringLiteral("sleep")), 10000);
        QVERIFY(w.controller().isRunning());
        QVERIFY(table->model()->rowCount() >= 3);
        QVERIFY(inserted.count() > 0);
        bool sleeping = false;
        for (int r = 0; r < table->model()->rowCount(); ++r)
            sleeping |= table->model()->index(r, EventModel::Kind).data().toString() == QLatin1String("sleep");
        QVERIFY(sleeping);
        QSignalSpy finished(&w.controller(), &RunController::finished);
        w.abortRun();
        QVERIFY(finished.wait(5000));
        QVERIFY(table->model()->rowCount() >= 3);
    }

    void settingsPersist()
    {
        {
            MainWindow::Options o;
            o.lesson = QStringLiteral("t1.l1");
            o.autoRun = false;
            MainWindow w(test::testRegistry(), o);
            w.show();
            QVERIFY(w.paramPanel()->setValue(QStringLiteral("workers"), 7));
            w.setSpeed(0.25);
            w.openLesson(QStringLiteral("t1.l2"), false);
            w.close();
        }
        QCOMPARE(settings().value(QStringLiteral("lastLesson")).toString(), QStringLiteral("t1.l2"));
        QVERIFY(!settings().value(QStringLiteral("windowState")).toByteArray().isEmpty());
        MainWindow::Options o;
        o.autoRun = false;
        MainWindow w(test::testRegistry(), o);
        QCOMPARE(w.currentLesson(), QStringLiteral("t1.l2"));  // the last one used
        QVERIFY(qAbs(w.speed() - 0.25) < 0.02);
        w.openLesson(QStringLiteral("t1.l1"), false);
        QCOMPARE(w.paramPanel()->values().i("workers"), 7);  // its parameters came back
        QCOMPARE(qobject_cast<QSlider*>(w.paramPanel()->control(QStringLiteral("workers")))->value(), 7);
    }

    void darkModeSwitches()
    {
        MainWindow::Options o;
        o.autoRun = false;
        MainWindow w(test::testRegistry(), o);
        w.setDarkMode(true);
        QVERIFY(w.darkMode());
        QVERIFY(w.timeline()->isDark());
        QVERIFY(w.action(QStringLiteral("dark"))->isChecked());
        QVERIFY(qApp->palette().color(QPalette::Window).lightness() < 100);
        w.setDarkMode(false);
        QVERIFY(qApp->palette().color(QPalette::Window).lightness() > 150);
    }

    void traceFilesRoundTrip()
    {
        QTemporaryDir dir;
        const QString json = dir.filePath(QStringLiteral("run.json"));
        const QString csv = dir.filePath(QStringLiteral("run.csv"));
        size_t lanes = 0, events = 0;
        {
            MainWindow::Options o;
            o.lesson = QStringLiteral("t1.l1");
            MainWindow w(test::testRegistry(), o);
            QVERIFY(waitFinished(w));
            lanes = w.controller().trace().lanes.size();
            events = w.controller().trace().eventCount();
            QVERIFY(w.saveTraceFile(json));
            QVERIFY(w.exportCsv(csv));
        }
        QFile f(csv);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY(f.readLine().startsWith("kind,"));
        QVERIFY(settings()
                    .value(QStringLiteral("recentFiles"))
                    .toStringList()
                    .contains(QFileInfo(json).absoluteFilePath()));

        MainWindow::Options o;
        o.traceFile = json;  // opening a file shows it instead of running
        MainWindow w(test::testRegistry(), o);
        QVERIFY(!w.controller().isRunning());
        QCOMPARE(w.controller().trace().lanes.size(), lanes);
        QCOMPARE(w.controller().trace().eventCount(), events);
        QCOMPARE(w.currentLesson(), QStringLiteral("t1.l1"));
        QVERIFY(w.eventTable()->model()->rowCount() > 0);
        QCOMPARE(w.contentionPanel()->lockCount(), 1);
    }

    void noDisplayExitsWithOneLine()
    {
        const QByteArray keep[] = {qgetenv("DISPLAY"), qgetenv("WAYLAND_DISPLAY"), qgetenv("QT_QPA_PLATFORM")};
        const char* names[] = {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"};
        for (const char* n : names)
            qunsetenv(n);
        const bool available = displayAvailable();
        char name[] = "threadlens";
        char* argv[] = {name, nullptr};
        const int rc = runGui(1, argv);
        for (int i = 0; i < 3; ++i)
            if (!keep[i].isEmpty())
                qputenv(names[i], keep[i]);
        QVERIFY(!available);
        QCOMPARE(rc, 2);
        QVERIFY(displayAvailable());
    }
};

QTEST_MAIN(TestWindow)
#include "tst_window.moc"
