// SPDX-License-Identifier: MIT
#pragma once
#include "app/i18n/language.h"
#include "run_controller.h"
#include "engine/model/stats_builder.h"

#include <QFont>
#include <QMainWindow>
#include <QMap>
#include <QPointer>
#include <QTimer>

#include <functional>
#include <optional>

class QAction;
class QActionGroup;
class QCheckBox;
class QDockWidget;
class QLabel;
class QMenu;
class QSlider;

namespace tl {

class ContentionPanel;
class EventTable;
class ExplanationPane;
class LegendBar;
class LessonBrowser;
class ParamPanel;
class PlaybackBar;
class PythonRun;
class QueuePanel;
class Registry;
class StatsPanel;
class StepMode;
class StepPanel;
class SweepDialog;
namespace view {
struct ExportOptions;
class TimelineView;
class ZoomControl;
}  // namespace view

// ThreadLens' main window: lesson browser, explanation, parameters, run controls, the
// timeline (central) and the analysis docks (lock contention, queue depth, statistics,
// events), all following one ZoomControl.
//
// Threading contract: GUI thread only. Runs live on their own threads inside the
// RunController, which this window polls; nothing here blocks on a run.
//
// Settings (QSettings "ThreadLens"/"ThreadLens"): window geometry and dock layout, the last
// lesson, each lesson's parameters, speed, GIL, dark mode, recent trace files.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    struct Options {
        QString lesson;  // empty: the last one used, else the first registered
        bool autoRun = true;  // start the lesson once the window is up
        QString traceFile;  // open this trace (a .py: trace that program) instead of running a lesson
    };
    explicit MainWindow(const Registry& registry, Options options, QWidget* parent = nullptr);
    ~MainWindow() override;

    // Opens a lesson: explanation, parameters (its last values), and a run if `run`.
    bool openLesson(const QString& id, bool run);
    QString currentLesson() const;
    void runLesson();  // F5
    void abortRun();  // Shift+F5
    void rerun();  // Ctrl+R
    void setSpeed(double speed);  // 0.05 .. 1
    double speed() const;
    // Shows the GIL setting (no run); gilToggled() is the learner's toggle: remembered for the
    // lesson and re-run.
    void setGil(bool on);
    void gilToggled(bool on);
    bool gil() const;
    void setDarkMode(bool dark);
    bool darkMode() const { return dark_; }
    // View ▸ Text size: every text in the window (and the timeline's) at `scale` × the system's
    // size, 1 to 2 (for a projector at the back of a classroom); remembered.
    void setTextScale(double scale);
    double textScale() const { return textScale_; }
    bool openTraceFile(const QString& path);
    // Shows a finished run as the current one (an opened file, a sweep's point); a trace of a
    // known lesson brings its explanation along. `name` goes in the title.
    void showTrace(Trace trace, const QString& name);
    // Run ▸ Sweep…: the sweep dialog for the current lesson (one at a time; raised if open).
    SweepDialog* openSweep();

    // The first start's layout (no saved geometry): the window within the screen's `available`
    // area, and the docks' shares of it.
    static QRect firstStartGeometry(const QRect& available);
    struct DockSizes {
        int side = 0;  // lessons and explanation docks' width
        int bottom = 0;  // the analysis panels' height
        int lessons = 0;  // lessons and parameters docks' height
    };
    static DockSizes firstStartDockSizes(const QSize& window);
    // Compare (issue 18): Run ▸ Pin as A keeps the current finished run (false, with a message,
    // while running or empty); later runs are B under it. File ▸ Compare with… pins what is shown
    // (unless A is pinned) and opens the file as B.
    bool pinRun();
    void unpin();
    const Trace* pinnedRun() const;
    bool compareWith(const QString& path);
    // File ▸ Export image… while comparing: A and B on one axis and the difference table
    // (PNG/SVG/PDF by the suffix), the export dialog's range, width, theme and legend.
    bool exportCompare(const QString& path, const view::ExportOptions& options, QString* error) const;
    bool saveTraceFile(const QString& path);
    bool exportCsv(const QString& path);
    // Saves a picture of the window once the current run has finished, then quits
    // (for the README screenshot and for checking the look headless).
    void screenshotWhenFinished(const QString& path);

    RunController& controller() { return controller_; }
    ParamPanel* paramPanel() const { return params_; }
    LessonBrowser* lessonBrowser() const { return browser_; }
    ContentionPanel* contentionPanel() const { return contention_; }
    QueuePanel* queuePanel() const { return queues_; }
    StatsPanel* statsPanel() const { return stats_; }
    EventTable* eventTable() const { return events_; }
    ExplanationPane* explanation() const { return explanation_; }
    PythonRun* pythonRun() const { return python_; }
    view::TimelineView* timeline() const { return timeline_; }
    view::ZoomControl* zoom() const { return zoom_; }
    QAction* action(const QString& objectName) const;

    // Step mode (issue 10): the next run starts paused / the live run pauses (on) or runs free.
    void setStepMode(bool on);
    bool stepMode() const;
    bool stepOnce();  // F10: the earliest parked thread goes on
    bool stepLane(tl::LaneId lane);  // a lane click, "Step this", keys 1–9
    void continueRun();  // F8
    // Re-runs the last stepped run's lesson and parameters, following its schedule.
    bool replayInterleaving();
    // Polls the stepper now (the GUI timer does it every 30 ms while a step-mode run is live).
    void refreshStep();
    const QMap<tl::LaneId, QString>& stepAnnotations() const;
    StepPanel* stepPanel() const { return stepPanel_; }
    // Replay scrub: play the finished run's playhead at `speed` (1 = real time).
    void setPlaying(bool on, double speed = 1.0);
    bool playing() const;
    // "at 123.4 ms: oven held by cook-2; jobs depth 3" for the playhead time t.
    QString describeAt(int64_t t) const;
    // View ▸ Language: switches now (every view retranslates, a run goes on) and remembers it.
    void setLanguage(i18n::Language language);

protected:
    void closeEvent(QCloseEvent* e) override;
    void resizeEvent(QResizeEvent* e) override;

private:
    void buildActions();
    void retranslateUi();  // after a language switch
    void buildMenus();
    void showTimelineHelp();  // Help ▸ How to read the timeline (F1)
    void buildToolBar();
    void fitToolBar();
    void buildDocks();
    void restoreSettings();
    bool saveSettings() const;  // false: the settings file could not be written
    void saveLessonParams() const;
    void onTraceReset();
    void onTraceUpdated();
    void onFinished(const QString& status, const QString& message);
    void onStateChanged();
    void refreshPanels();
    void refreshPanelsLive();  // the same in stages (during a live run)
    void updateStatus();
    void updateRecentMenu();
    void addRecent(const QString& path);
    // File ▸ Open and Compare with…: the trace in `path`, or nothing after a message (titled
    // `title`) that says what is wrong; a file without threads is refused too.
    std::optional<Trace> readTraceFile(const QString& path, const QString& title);
    void exportImage();
    void setPinnedAction(bool pinned);
    void copyImage();
    QDockWidget* addDock(QWidget* w, const char* title, const QString& name, Qt::DockWidgetArea area);

    const Registry& registry_;
    Options options_;
    RunController controller_;
    const Scenario* scenario_ = nullptr;
    bool dark_ = false;
    double textScale_ = 1.0;
    QFont baseFont_;  // the application font before any scaling
    QActionGroup* textSizeGroup_ = nullptr;
    QString screenshotPath_;

    view::ZoomControl* zoom_ = nullptr;
    view::TimelineView* timeline_ = nullptr;
    LessonBrowser* browser_ = nullptr;
    ExplanationPane* explanation_ = nullptr;
    ParamPanel* params_ = nullptr;
    ContentionPanel* contention_ = nullptr;
    QueuePanel* queues_ = nullptr;
    StatsPanel* stats_ = nullptr;
    EventTable* events_ = nullptr;
    LegendBar* legend_ = nullptr;
    size_t legendLanes_ = 0;
    const Scenario* raisedFor_ = nullptr;
    QSlider* speedSlider_ = nullptr;
    QLabel* speedLabel_ = nullptr;
    QCheckBox* gilBox_ = nullptr;
    QPointer<SweepDialog> sweep_;
    QMenu* recentMenu_ = nullptr;
    QMenu* viewMenu_ = nullptr;
    QLabel* stateLabel_ = nullptr;
    QLabel* elapsedLabel_ = nullptr;
    QLabel* eventsLabel_ = nullptr;
    QLabel* resultLabel_ = nullptr;
    // The window title and the result line, composed in the current language (again after a switch).
    std::function<QString()> titleText_;
    std::function<void()> showResult_;  // the result line and its tooltip, in the language
    QTimer panelTimer_;  // throttles panel refreshes during a live run
    QTimer statusTimer_;  // elapsed time while running
    bool panelsDirty_ = false;
    StatsBuilder statsBuilder_;
    quint64 panelRound_ =
        0;  // numbers live panel refreshes (see refreshPanelsLive)  // the panels' statistics, kept up to date as the run grows

    StepPanel* stepPanel_ = nullptr;
    StepMode* step_ = nullptr;
    PlaybackBar* playback_ = nullptr;
    PythonRun* python_ = nullptr;  // File ▸ Trace a Python program…, Run in real Python
};

}  // namespace tl
