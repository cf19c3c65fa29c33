// SPDX-License-Identifier: MIT
// The window's parts that do not need the timeline: run controller, event model, panels,
// lesson browser, parameter panel, explanation pane, the no-display exit.
#include "app/window/chart_util.h"
#include "app/window/contention_panel.h"
#include "app/window/event_model.h"
#include "app/window/event_table.h"
#include "app/window/explanation_pane.h"
#include "app/window/lesson_browser.h"
#include "app/window/param_panel.h"
#include "app/window/queue_panel.h"
#include "app/window/run_controller.h"
#include "app/window/stats_panel.h"
#include "window_test_scenarios.h"

#include <QAbstractItemModelTester>
#include <QChart>
#include <QCheckBox>
#include <QComboBox>
#include <QElapsedTimer>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QSlider>
#include <QTableWidget>
#include <QTextBrowser>
#include <QTreeWidget>
#include <QtTest>

using namespace tl;

class TestWindowRun : public QObject {
    Q_OBJECT

    // Runs the lock scenario to its end with `workers` and returns the controller's trace size.
    static bool runToEnd(RunController& c, const Scenario& s, const ParamValues& v, int timeoutMs = 30000)
    {
        QSignalSpy done(&c, &RunController::finished);
        if (!c.start(s, v, RunOptions{}))
            return false;
        return done.wait(timeoutMs) || done.count() > 0;
    }

private slots:
    void controllerRunsAndReports_data()
    {
        QTest::addColumn<int>("workers");
        QTest::newRow("one worker") << 1;
        QTest::newRow("three workers") << 3;
        QTest::newRow("eight workers") << 8;
    }
    void controllerRunsAndReports()
    {
        QFETCH(int, workers);
        const Scenario& s = *test::testRegistry().find("t1.l1");
        ParamValues v = s.defaults();
        v.setNumber("workers", workers);
        RunController c;
        QSignalSpy updated(&c, &RunController::traceUpdated);
        QSignalSpy finished(&c, &RunController::finished);
        QSignalSpy reset(&c, &RunController::traceReset);
        QVERIFY(c.start(s, v, RunOptions{}));
        QCOMPARE(reset.count(), 1);
        QVERIFY(c.isRunning());
        QVERIFY(finished.wait(30000));
        QCOMPARE(finished.count(), 1);
        QCOMPARE(finished.at(0).at(0).toString(), QStringLiteral("finished"));
        QVERIFY(updated.count() >= 1);
        // Generations only move forward.
        for (int i = 1; i < updated.count(); ++i)
            QVERIFY(updated.at(i).at(0).toULongLong() >= updated.at(i - 1).at(0).toULongLong());
        QCOMPARE(c.state(), RunController::State::Finished);
        QCOMPARE(int(c.trace().lanes.size()), workers + 1);  // MainThread + workers
        QCOMPARE(QString::fromStdString(c.trace().scenario), QStringLiteral("t1.l1"));
        QCOMPARE(QString::fromStdString(c.trace().params.at("workers")), QString::number(workers));
        QVERIFY(c.trace().eventCount() > 0);
        QVERIFY(c.elapsedNs() > 0);
    }

    void abortReturnsPromptlyAndReports()
    {
        const Scenario& s = *test::testRegistry().find("t1.l2");
        RunController c;
        QSignalSpy finished(&c, &RunController::finished);
        QVERIFY(c.start(s, s.defaults(), RunOptions{}));
        QTest::qWait(100);
        QElapsedTimer t;
        t.start();
        c.abort();
        QVERIFY2(t.elapsed() < 100, "abort() must not block the GUI thread");
        QCOMPARE(c.state(), RunController::State::Stopping);
        QVERIFY(finished.wait(2000));
        QCOMPARE(finished.at(0).at(0).toString(), QStringLiteral("aborted"));
        QVERIFY(!finished.at(0).at(1).toString().isEmpty());
        QCOMPARE(c.state(), RunController::State::Finished);
    }

    void replacingALiveRunDoesNotBlock()
    {
        const Scenario& sleeper = *test::testRegistry().find("t1.l2");
        const Scenario& lock = *test::testRegistry().find("t1.l1");
        RunController c;
        QVERIFY(c.start(sleeper, sleeper.defaults(), RunOptions{}));
        QTest::qWait(50);
        QElapsedTimer t;
        t.start();
        QSignalSpy finished(&c, &RunController::finished);
        QVERIFY(c.start(lock, lock.defaults(), RunOptions{}));
        QVERIFY2(t.elapsed() < 100, "starting a new run must not wait for the old one");
        QVERIFY(finished.wait(30000));
        // Only the new run reports; the replaced one is retired silently.
        QCOMPARE(finished.count(), 1);
        QCOMPARE(finished.at(0).at(0).toString(), QStringLiteral("finished"));
        QCOMPARE(QString::fromStdString(c.trace().scenario), QStringLiteral("t1.l1"));
    }

    void errorIsReportedWithItsMessage()
    {
        const Scenario& s = *test::testRegistry().find("t2.l1");
        RunController c;
        QSignalSpy finished(&c, &RunController::finished);
        QVERIFY(c.start(s, s.defaults(), RunOptions{}));
        QVERIFY(finished.wait(5000));
        QCOMPARE(finished.at(0).at(0).toString(), QStringLiteral("error"));
        QVERIFY(finished.at(0).at(1).toString().contains(QStringLiteral("on purpose")));
    }

    void rerunRepeatsTheLastStart()
    {
        RunController c;
        QVERIFY(!c.rerun());  // nothing to repeat yet
        const Scenario& s = *test::testRegistry().find("t1.l1");
        ParamValues v = s.defaults();
        v.setNumber("workers", 4);
        QVERIFY(runToEnd(c, s, v));
        QSignalSpy finished(&c, &RunController::finished);
        QVERIFY(c.rerun());
        QVERIFY(finished.wait(30000));
        QCOMPARE(int(c.trace().lanes.size()), 5);
    }

    void paramRangeNamesTheUnitOnce()
    {
        const Scenario& s = *test::testRegistry().find("t1.l1");
        ParamPanel panel;
        panel.setScenario(&s, s.defaults());
        QStringList ranges;
        for (QLabel* l : panel.findChildren<QLabel*>())
            if (l->text().contains(QChar(0x2013)))
                ranges << l->text();
        QVERIFY2(ranges.contains(QStringLiteral("0.5 – 10 ms")), qPrintable(ranges.join(QLatin1Char('|'))));
        QVERIFY2(ranges.contains(QStringLiteral("1 – 8")), qPrintable(ranges.join(QLatin1Char('|'))));
    }

    void eventModelPassesTheTester()
    {
        const Scenario& s = *test::testRegistry().find("t1.l1");
        RunController c;
        EventModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 0);
        QVERIFY(runToEnd(c, s, s.defaults()));
        model.setTrace(&c.trace());
        QVERIFY(model.rowCount() > 0);
        QCOMPARE(model.columnCount(), int(EventModel::ColumnCount));
        // Rows are in time order.
        for (int r = 1; r < model.rowCount(); ++r)
            QVERIFY(model.rowStart(r) >= model.rowStart(r - 1));
        // Every interval of every lane and every instant is a row.
        size_t expected = c.trace().instants.size();
        for (const Lane& l : c.trace().lanes)
            expected += l.intervals.size();
        QCOMPARE(size_t(model.rowCount()), expected);

        // Filters narrow the rows and keep the model consistent.
        model.setLaneFilter(1);
        QVERIFY(model.rowCount() > 0);
        for (int r = 0; r < model.rowCount(); ++r)
            QCOMPARE(model.rowLane(r), 1);
        model.setLaneFilter(-1);
        const QStringList kinds = model.kinds();
        QVERIFY(kinds.contains(QStringLiteral("run")));
        model.setKindFilter(QStringLiteral("run"));
        for (int r = 0; r < model.rowCount(); ++r)
            QCOMPARE(model.index(r, EventModel::Kind).data().toString(), QStringLiteral("run"));
        model.setKindFilter(QString());
        // Every put and get of the queue is an instant on it, whatever the timing.
        const ObjectId queueId = c.trace().statistics().queues.at(0).object;
        model.setObjectFilter(queueId);
        QVERIFY(model.rowCount() >= 8);  // 2 workers x 2 items, put and get
        for (int r = 0; r < model.rowCount(); ++r)
            QCOMPARE(model.rowObject(r), queueId);
        model.setObjectFilter(0);
        model.setKindFilter(QStringLiteral("no such kind"));
        QCOMPARE(model.rowCount(), 0);
        model.setKindFilter(QString());
        model.setTrace(nullptr);
        QCOMPARE(model.rowCount(), 0);
    }

    void eventModelFindsTheRowOfATime()
    {
        const Scenario& s = *test::testRegistry().find("t1.l1");
        RunController c;
        QVERIFY(runToEnd(c, s, s.defaults()));
        EventModel model;
        QCOMPARE(model.rowAt(0, 0), -1);  // empty
        model.setTrace(&c.trace());
        const Lane& lane = c.trace().lanes.at(1);
        const Interval& iv = lane.intervals.at(lane.intervals.size() / 2);
        const int row = model.rowAt(1, (iv.start + iv.end) / 2);
        QVERIFY(row >= 0);
        QCOMPARE(model.rowLane(row), 1);
        QCOMPARE(model.rowStart(row), iv.start);
        const QString csv = model.toCsv();
        QVERIFY(csv.startsWith(QStringLiteral("time_us,duration_us,thread,kind,object,detail\n")));
        QCOMPARE(csv.count(QLatin1Char('\n')), model.rowCount() + 1);
    }

    void eventTableEmitsTheRowItSelects()
    {
        const Scenario& s = *test::testRegistry().find("t1.l1");
        RunController c;
        QVERIFY(runToEnd(c, s, s.defaults()));
        EventTable table;
        table.setTrace(&c.trace());
        QSignalSpy picked(&table, &EventTable::rowActivated);
        table.view()->setCurrentIndex(table.model()->index(3, 0));
        QCOMPARE(picked.count(), 1);
        QCOMPARE(picked.at(0).at(1).toLongLong(), table.model()->rowStart(3));
        // selectAt (from the timeline) selects without echoing back.
        const Interval& iv = c.trace().lanes.at(2).intervals.front();
        table.selectAt(2, iv.start);
        QCOMPARE(picked.count(), 1);
        QCOMPARE(table.model()->rowLane(table.view()->currentIndex().row()), 2);
    }

    void panelsShowLocksAndQueues()
    {
        const Scenario& s = *test::testRegistry().find("t1.l1");
        RunController c;
        ParamValues v = s.defaults();
        v.setNumber("workers", 4);
        QVERIFY(runToEnd(c, s, v));
        ContentionPanel contention;
        contention.resize(600, 500);
        contention.setTrace(&c.trace());
        QCOMPARE(contention.lockCount(), 1);
        QCOMPARE(contention.table()->item(0, 0)->text(), QStringLiteral("shared_lock"));
        QCOMPARE(contention.table()->item(0, 1)->text(), QStringLiteral("8"));  // 4 workers x 2
        QSignalSpy selected(&contention, &ContentionPanel::lockSelected);
        contention.table()->selectRow(0);
        QCOMPARE(selected.count(), 1);
        QCOMPARE(contention.selectedLock(), c.trace().statistics().locks.at(0).object);
        QVERIFY(!contention.waitersChart()->series().isEmpty());
        contention.setVisibleRange(0, c.trace().duration() / 2);

        QueuePanel queues;
        queues.setTrace(&c.trace());
        QCOMPARE(queues.queueCount(), 1);
        QCOMPARE(queues.chart()->series().size(), 2);  // depth + capacity

        StatsPanel stats;
        stats.setTrace(&c.trace());
        QVERIFY(stats.tree()->topLevelItemCount() >= 3);  // run, threads, the lock, the queue
        QVERIFY(!stats.tree()->findItems(QStringLiteral("queue “items”"), Qt::MatchExactly).isEmpty());
    }

    void counterStepsAreBucketed()
    {
        // A counter of 100,000 points must reach the chart as ~2 points per pixel.
        CounterSeries series;
        series.kind = CounterKind::Depth;
        for (int i = 0; i < 100000; ++i)
            series.points.push_back({int64_t(i) * 1000, i % 7});
        const QList<QPointF> pts = counterSteps(series, 0, 100000LL * 1000, 400);
        QVERIFY(!pts.isEmpty());
        QVERIFY2(pts.size() <= 4 * 800 + 4, qPrintable(QString::number(pts.size())));
        double top = 0;
        for (const QPointF& p : pts)
            top = std::max(top, p.y());
        QCOMPARE(top, 6.0);  // the envelope keeps the maxima

        // A counter that rarely changes gets points only where it changes, and the line still
        // steps exactly there (the value at x is the last point's at or before x).
        CounterSeries sparse;
        sparse.points = {{10'000'000, 3}, {50'000'000, 1}};
        const QList<QPointF> few = counterSteps(sparse, 0, 100'000'000, 400);
        QVERIFY2(few.size() <= 12, qPrintable(QString::number(few.size())));
        auto valueAt = [&](double ms) {
            double v = 0;
            for (const QPointF& p : few)
                if (p.x() <= ms)
                    v = p.y();
            return v;
        };
        QCOMPARE(valueAt(5), 0.0);
        QCOMPARE(valueAt(30), 3.0);
        QCOMPARE(valueAt(80), 1.0);
        QCOMPARE(few.last().x(), 100.0);  // the line reaches the right edge
    }

    void lessonBrowserFiltersBothTitles_data()
    {
        QTest::addColumn<QString>("filter");
        QTest::addColumn<int>("visible");
        QTest::newRow("empty shows all") << QString() << 3;
        QTest::newRow("english") << QStringLiteral("lock") << 1;
        QTest::newRow("russian") << QStringLiteral("сонный") << 1;
        QTest::newRow("id") << QStringLiteral("t2.") << 1;
        QTest::newRow("nothing") << QStringLiteral("zzzz") << 0;
    }
    void lessonBrowserFiltersBothTitles()
    {
        QFETCH(QString, filter);
        QFETCH(int, visible);
        LessonBrowser b(test::testRegistry());
        b.setFilter(filter);
        QCOMPARE(b.visibleLessonCount(), visible);
    }

    void lessonBrowserEmitsTheChosenLesson()
    {
        LessonBrowser b(test::testRegistry());
        QSignalSpy spy(&b, &LessonBrowser::lessonActivated);
        QTreeWidgetItem* module = b.tree()->topLevelItem(0);
        QCOMPARE(module->text(1), QStringLiteral("Введение в многопоточность"));
        b.tree()->setCurrentItem(module->child(1));
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy.at(0).at(0).toString(), QStringLiteral("t1.l2"));
        QCOMPARE(module->child(1)->text(1), QStringLiteral("Сонный поток"));
        b.selectLesson(QStringLiteral("t1.l1"));  // programmatic: no signal
        QCOMPARE(spy.count(), 1);
        QCOMPARE(b.currentLesson(), QStringLiteral("t1.l1"));
    }

    void paramPanelBuildsControlsAndDebounces()
    {
        const Scenario& s = *test::testRegistry().find("t1.l1");
        ParamPanel panel;
        panel.setDebounceMs(50);
        panel.setScenario(&s, s.defaults());
        auto* workers = qobject_cast<QSlider*>(panel.control(QStringLiteral("workers")));
        QVERIFY(workers);
        QCOMPARE(workers->minimum(), 1);
        QCOMPARE(workers->maximum(), 8);
        QCOMPARE(workers->value(), 2);
        QVERIFY(qobject_cast<QSlider*>(panel.control(QStringLiteral("work_ms"))));
        QVERIFY(qobject_cast<QCheckBox*>(panel.control(QStringLiteral("queue"))));
        QSignalSpy changed(&panel, &ParamPanel::paramsChanged);
        // A drag through several values re-runs once, with the last value.
        for (int v = 3; v <= 6; ++v)
            workers->setValue(v);
        QVERIFY(changed.wait(1000));
        QTest::qWait(120);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(panel.values().i("workers"), 6);
        QVERIFY(!panel.setValue(QStringLiteral("workers"), 99));
        QVERIFY(!panel.setValue(QStringLiteral("nope"), 1));
        QVERIFY(panel.setValue(QStringLiteral("queue"), 0));
        QVERIFY(changed.wait(1000));
        QCOMPARE(panel.values().b("queue"), false);
        QCOMPARE(qobject_cast<QCheckBox*>(panel.control(QStringLiteral("queue")))->isChecked(), false);
    }

    void explanationSaysWhenThereIsNoText()
    {
        ExplanationPane pane;
        pane.setScenario(test::testRegistry().find("t1.l1"));
        QVERIFY(!pane.hasText());  // no resource for a test lesson
        QVERIFY(pane.text()->toPlainText().contains(QStringLiteral("No text yet")));
    }
};

QTEST_MAIN(TestWindowRun)
#include "tst_window_run.moc"
