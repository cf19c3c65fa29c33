// SPDX-License-Identifier: MIT
// Run ▸ Sweep…: the dialog runs a real sweep off the GUI thread, fills its chart, opens a clicked
// point's run in the window, explains bad input, and Cancel ends it without leaving a thread.
// Offscreen.
#include "app/view/sweep_chart.h"
#include "app/window/main_window.h"
#include "app/window/sweep_dialog.h"
#include "scenarios/scenario.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QProgressBar>
#include <QSignalSpy>
#include <QtTest>

using namespace tl;

namespace {

int threadCount() { return int(QDir("/proc/self/task").entryList(QDir::Dirs | QDir::NoDotAndDotDot).size()); }

SweepRequest request(std::string param, int repeat = 1, std::string gil = {})
{
    SweepRequest r;
    r.param = std::move(param);
    r.repeat = repeat;
    r.gil = std::move(gil);
    return r;
}

}  // namespace

class TestSweepDialog : public QObject {
    Q_OBJECT
private slots:
    void sweepFillsTheChartAndAPointOpensItsRun()
    {
        MainWindow::Options o;
        o.lesson = QStringLiteral("m2.l9");
        o.autoRun = false;
        MainWindow w(Registry::instance(), o);
        w.show();
        QVERIFY(w.action(QStringLiteral("sweep")));
        SweepDialog* d = w.openSweep();
        QVERIFY(d);
        QCOMPARE(w.openSweep(), d);  // one at a time
        d->setRequest(request("workers=1..2", 2, "both"), 0.1);
        QSignalSpy finished(d, &SweepDialog::finished);
        // While runs remain, the estimate says how long they will take.
        QStringList estimates;
        connect(d, &SweepDialog::rowAdded, this, [&](int done) {
            if (done < 8)
                estimates << d->estimate();
        });
        QVERIFY(d->start());
        QVERIFY(d->running());
        QVERIFY(finished.wait(120000));
        QCOMPARE(estimates.size(), 7);
        for (const QString& e : estimates)
            QVERIFY2(e.contains("left"), qPrintable(e));
        QVERIFY(d->estimate().startsWith("done in"));
        auto* bar = d->findChild<QProgressBar*>();
        QVERIFY(bar);
        QCOMPARE(bar->maximum(), 8);
        QCOMPARE(bar->value(), 8);
        QCOMPARE(finished.at(0).at(0).toBool(), true);
        QCOMPARE(d->rows().size(), size_t(2 * 2 * 2));
        for (const SweepRow& r : d->rows())
            QCOMPARE(r.status, std::string("finished"));

        // Click the dot of workers=2, GIL off (the GIL-on dot may lie on it: whichever the chart
        // finds there); the window then shows a run with those settings.
        auto* view = d->findChild<SweepChartView*>();
        QVERIFY(view);
        const view::SweepChart chart(d->plan(), d->rows());
        std::optional<QPoint> at;
        for (const auto& m : chart.marks(view->rect()))
            if (m.value == 1 && !m.gil && !m.speedup)
                at = m.at.toPoint();
        QVERIFY(at);
        const auto hit = chart.markAt(view->rect(), QPointF(*at));
        QVERIFY(hit && hit->value == 1);
        QSignalSpy opened(d, &SweepDialog::openRun);
        QTest::mouseClick(view, Qt::LeftButton, {}, *at);
        QCOMPARE(opened.count(), 1);
        const Trace& shown = w.controller().trace();
        QCOMPARE(shown.params.at("workers"), std::string("2"));
        QCOMPARE(shown.gil, hit->gil);
        QVERIFY2(w.windowTitle().contains(hit->gil ? "workers=2 · GIL on" : "workers=2 · GIL off"),
                 qPrintable(w.windowTitle()));
    }

    void badInputIsExplained()
    {
        const Scenario& s = *Registry::instance().find("m2.l9");
        SweepDialog d(s, s.defaults(), RunOptions{});
        d.setRequest(request("workload=1..3"), 0.1);
        QVERIFY(!d.start());
        QVERIFY2(d.error().contains("io,cpu"), qPrintable(d.error()));
        d.setRequest(request("workers=9..2"), 0.1);
        QVERIFY(!d.start());
        QVERIFY2(d.error().contains("empty"), qPrintable(d.error()));
        QVERIFY(!d.running());
    }

    void cancelEndsTheSweepAndLeavesNoThread()
    {
        const Scenario& s = *Registry::instance().find("m2.l9");
        ParamValues v = s.defaults();
        v.set("tasks", "200");
        v.set("task_ms", "250");
        auto* d = new SweepDialog(s, v, RunOptions{});
        d->show();
        const int before = threadCount();
        // One worker for 200 tasks of 250 ms: a single run lasts 50 s or more, however loaded
        // the machine; Cancel must end it rather than wait for it.
        d->setRequest(request("workers=1..2", 3), 1.0);
        QSignalSpy finished(d, &SweepDialog::finished);
        QVERIFY(d->start());
        QVERIFY(d->running());
        // The sweep's thread and the lesson's own: the first run is under way.
        QTRY_VERIFY_WITH_TIMEOUT(threadCount() >= before + 2, 60000);
        d->cancel();
        QVERIFY(finished.wait(20000));
        QCOMPARE(finished.at(0).at(0).toBool(), false);
        QVERIFY(d->rows().empty());
        QVERIFY(!d->running());
        QCOMPARE(threadCount(), before);
        delete d;
        QCOMPARE(threadCount(), before);
    }
};

QTEST_MAIN(TestSweepDialog)
#include "tst_sweep_dialog.moc"
