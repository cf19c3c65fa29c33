// SPDX-License-Identifier: MIT
// Step mode and replay in the window: the learner picks the interleaving of a racy counter,
// loses an update on purpose, and replays the same order of reads and writes.
#include "app/view/timeline_view.h"
#include "app/view/zoom_control.h"
#include "app/window/main_window.h"
#include "app/window/step_panel.h"
#include "engine/sync/sharedvar.h"
#include "engine/sync/thread.h"
#include "engine/work.h"
#include "scenarios/scenario.h"

#include <QAction>
#include <QDir>
#include <QElapsedTimer>
#include <QSettings>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QSlider>
#include <QStandardPaths>
#include <QtTest>

#include <algorithm>
#include <tuple>

using namespace tl;

namespace {

// counter += 1 in two threads, as Python runs it: LOAD, ADD, STORE.
Scenario racyCounter()
{
    Scenario s;
    s.id = "t3.l1";
    s.module = 3;
    s.lesson = 1;
    s.title = "Racy counter";
    s.titleRu = "Гонка на счётчике";
    s.summary = "two threads increment a shared counter without a lock";
    s.run = [](Context& ctx) {
        SharedVar counter(ctx.run, "counter");
        std::vector<Thread> threads;
        for (int i = 0; i < 2; ++i)
            threads.emplace_back(ctx.run, [&] {
                const int64_t v = counter.load();
                counter.store(v + 1);
            });
        for (auto& t : threads)
            t.start();
        for (auto& t : threads)
            t.join();
        mark("counter = " + std::to_string(counter.peek()));
    };
    return s;
}

Registry& registry()
{
    static Registry* r = [] {
        auto* reg = new Registry;
        reg->add(racyCounter());
        return reg;
    }();
    return *r;
}

using Step = std::pair<LaneId, Ev>;

bool isVarOp(Ev e) { return e == Ev::VarRead || e == Ev::VarWrite; }

// Steps the window through `wanted` (lane, operation) gates in that order; every other gate
// that is not a variable access (start, join, thread end) is let through as it comes.
// `check` sees each state before a wanted step is taken.
template <typename Check> bool drive(MainWindow& w, const std::vector<Step>& wanted, Check check)
{
    QElapsedTimer clock;
    clock.start();
    size_t next = 0;
    while (next < wanted.size()) {
        if (clock.elapsed() > 10000 || !w.controller().isRunning())
            return false;
        QCoreApplication::processEvents();
        w.refreshStep();
        bool moved = false;
        for (const auto& p : w.controller().pending()) {
            if (p.lane == wanted[next].first && p.what == wanted[next].second) {
                check(p.lane);
                moved = w.stepLane(p.lane);
                ++next;
                break;
            }
        }
        if (!moved)
            for (const auto& p : w.controller().pending())
                if (!isVarOp(p.what)) {
                    moved = w.stepLane(p.lane);
                    break;
                }
        if (!moved)
            QTest::qWait(2);
    }
    return true;
}

std::vector<std::tuple<LaneId, Ev, int64_t>> varOrder(const Trace& t)
{
    std::vector<std::tuple<LaneId, Ev, int64_t>> out;
    for (const Instant& i : t.instants)
        if (isVarOp(i.type))
            out.emplace_back(i.lane, i.type, i.a);
    return out;
}

bool waitFinished(MainWindow& w, int ms = 15000)
{
    QElapsedTimer clock;
    clock.start();
    while (w.controller().state() != RunController::State::Finished && clock.elapsed() < ms)
        QTest::qWait(10);
    return w.controller().state() == RunController::State::Finished;
}

}  // namespace

class TestStepUi : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init() { QSettings(QStringLiteral("ThreadLens"), QStringLiteral("ThreadLens")).clear(); }

    void actionsFollowTheRun()
    {
        MainWindow::Options o;
        o.autoRun = false;
        MainWindow w(registry(), o);
        for (const char* name : {"stepMode", "step", "continue", "replay", "play"})
            QVERIFY2(w.action(QString::fromLatin1(name)), name);
        QCOMPARE(w.action(QStringLiteral("step"))->shortcut(), QKeySequence(Qt::Key_F10));
        QCOMPARE(w.action(QStringLiteral("continue"))->shortcut(), QKeySequence(Qt::Key_F8));
        QVERIFY(!w.action(QStringLiteral("step"))->isEnabled());  // no run
        QVERIFY(!w.action(QStringLiteral("replay"))->isEnabled());  // nothing stepped yet
        w.action(QStringLiteral("stepMode"))->trigger();
        QVERIFY(w.stepMode());
        w.runLesson();
        QVERIFY(w.controller().options().step);
        QVERIFY(w.action(QStringLiteral("step"))->isEnabled());
        QVERIFY(w.action(QStringLiteral("continue"))->isEnabled());
        // F8 lets the run go free: it ends without any step.
        w.action(QStringLiteral("continue"))->trigger();
        QVERIFY(!w.stepMode());
        QVERIFY(waitFinished(w));
        QVERIFY(!w.action(QStringLiteral("step"))->isEnabled());
        QCOMPARE(QString::fromStdString(w.controller().trace().result.status), QStringLiteral("finished"));

        // Step mode ends with its run: the next run is not silently paused.
        w.setStepMode(true);
        w.runLesson();
        QVERIFY(w.controller().options().step);
        w.abortRun();
        QVERIFY(waitFinished(w));
        QVERIFY(!w.stepMode());
        QVERIFY(!w.action(QStringLiteral("stepMode"))->isChecked());
    }

    void stepLoseAnUpdateAndReplayIt()
    {
        MainWindow::Options o;
        o.autoRun = false;
        MainWindow w(registry(), o);
        w.resize(1400, 900);
        w.show();
        w.setStepMode(true);
        w.runLesson();
        QVERIFY(w.controller().stepper());

        // Both workers read 0 before either writes: one update is lost.
        const std::vector<Step> lose = {{1, Ev::VarRead}, {2, Ev::VarRead}, {1, Ev::VarWrite}, {2, Ev::VarWrite}};
        int annotated = 0;
        bool grabbed = false;
        QVERIFY(drive(w, lose, [&](LaneId lane) {
            // The lane about to move is annotated with what it is about to do.
            QTRY_VERIFY2_WITH_TIMEOUT(w.stepAnnotations().value(lane).contains(QStringLiteral("counter")),
                                      qPrintable(w.stepAnnotations().value(lane) + QStringLiteral(" / ") +
                                                 QString::number(w.stepAnnotations().size())),
                                      2000);
            const QString text = w.stepAnnotations().value(lane);
            if (text.startsWith(QStringLiteral("▶ ")) && text.contains(QStringLiteral("counter")))
                ++annotated;
            // And listed in the panel with its own button.
            bool listed = false;
            for (const auto& row : w.stepPanel()->rows())
                listed = listed || (row.lane == lane && row.atStep);
            if (listed)
                ++annotated;
            if (!grabbed && w.stepAnnotations().size() >= 2) {
                const QString path = QDir::temp().filePath(QStringLiteral("threadlens_step_ui.png"));
                grabbed = w.grab().save(path);
            }
        }));
        QCOMPARE(annotated, 8);
        // A step is served asynchronously: wait until the four asked-for passes happened before
        // Continue, or the schedule (and so the replay) would miss the last ones.
        auto workerPasses = [&] {
            const auto sc = w.controller().stepper()->schedule();
            return std::count_if(sc.begin(), sc.end(), [](LaneId l) { return l == 1 || l == 2; });
        };
        QTRY_COMPARE_WITH_TIMEOUT(workerPasses(), std::ptrdiff_t(4), 5000);
        // Every thread is listed under its lane's number; only those at a step have a button.
        for (const auto& row : w.stepPanel()->rows()) {
            QCOMPARE(row.number, int(row.lane) + 1);
            QCOMPARE(bool(w.stepPanel()->findChild<QPushButton*>(QStringLiteral("stepThis%1").arg(row.number))),
                     row.atStep);
        }

        // Continue (F8) finishes the run.
        w.action(QStringLiteral("continue"))->trigger();
        QVERIFY(waitFinished(w));
        const Trace& first = w.controller().trace();
        QCOMPARE(QString::fromStdString(first.result.status), QStringLiteral("finished"));
        const auto order = varOrder(first);
        QCOMPARE(int(order.size()), 4);
        QCOMPARE(std::get<2>(order[3]), int64_t(1));  // the last write: 1, not 2
        bool sawMark = false;
        for (const Instant& i : first.instants)
            sawMark = sawMark || (i.type == Ev::Mark && i.text == "counter = 1");
        QVERIFY(sawMark);
        QVERIFY(w.stepAnnotations().isEmpty());
        QVERIFY(!w.controller().lastSchedule().empty());
        QVERIFY(w.action(QStringLiteral("replay"))->isEnabled());

        // Replay scrub: the playhead names what is held and the status line follows it.
        const int64_t end = w.controller().trace().duration();
        QVERIFY(end > 0);
        w.zoom()->setPlayhead(end / 2);
        auto* label = w.findChild<QLabel*>(QStringLiteral("playheadLabel"));
        QVERIFY(label);
        QVERIFY(label->text().startsWith(QStringLiteral("at ")));
        QSignalSpy moved(w.zoom(), &view::ZoomControl::playheadChanged);
        w.setPlaying(true, 100.0);
        QVERIFY(w.playing());
        QTRY_VERIFY_WITH_TIMEOUT(!w.playing(), 5000);  // reaches the end and stops
        QVERIFY(moved.count() > 0);
        QCOMPARE(w.zoom()->playhead(), end);
        // Replay: the same order of reads and writes, without any stepping.
        for (int round = 0; round < 2; ++round) {
            QVERIFY(w.replayInterleaving());
            QVERIFY(waitFinished(w));
            QCOMPARE(varOrder(w.controller().trace()), order);
        }
    }
};

QTEST_MAIN(TestStepUi)
#include "tst_step_ui.moc"
