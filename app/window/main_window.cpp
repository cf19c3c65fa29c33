// SPDX-License-Identifier: MIT
#include "main_window.h"

#include "app/i18n/language.h"
#include "app/i18n/messages.h"
#include "app/view/deadlock.h"
#include "app/view/exporter.h"
#include "app/view/timeline_view.h"
#include "app/view/zoom_control.h"
#include "contention_panel.h"
#include "engine/model/atomic_file.h"
#include "engine/model/trace_file.h"
#include "event_table.h"
#include "export_dialog.h"
#include "explanation_pane.h"
#include "icons.h"
#include "legend_bar.h"
#include "lesson_browser.h"
#include "main_window_settings.h"
#include "param_panel.h"
#include "playback_bar.h"
#include "python_run.h"
#include "queue_panel.h"
#include "scenarios/scenario.h"
#include "stats_panel.h"
#include "step_mode.h"
#include "step_panel.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QBuffer>
#include <QCheckBox>
#include <QClipboard>
#include <QCloseEvent>
#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QKeySequence>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QResizeEvent>
#include <QSaveFile>
#include <QScrollArea>
#include <QSettings>
#include <QSignalBlocker>
#include <QSlider>
#include <memory>
#include <QSpinBox>
#include <QStatusBar>
#include <QStyle>
#include <QStyleFactory>
#include <QTableView>
#include <QToolBar>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string_view>

namespace tl {

namespace {
constexpr double kMinSpeed = 0.05, kMaxSpeed = 1.0;
constexpr int kSpeedSteps = 100;

// The speed slider is logarithmic: equal steps feel equal from 0.05× to 1×.
double speedOf(int step) { return kMinSpeed * std::pow(kMaxSpeed / kMinSpeed, double(step) / kSpeedSteps); }
int stepOf(double speed)
{
    speed = std::clamp(speed, kMinSpeed, kMaxSpeed);
    return int(std::lround(std::log(speed / kMinSpeed) / std::log(kMaxSpeed / kMinSpeed) * kSpeedSteps));
}
QString speedText(double s) { return QString::number(s, 'g', s < 0.1 ? 1 : 2) + QStringLiteral("×"); }

QPalette darkPalette()
{
    QPalette p;
    const QColor window(0x2b, 0x2d, 0x31), base(0x1e, 0x1f, 0x22), text(0xe6, 0xe6, 0xe6), muted(0x8a, 0x8f, 0x98);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, QColor(0x26, 0x28, 0x2c));
    p.setColor(QPalette::ToolTipBase, window);
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, muted);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, window);
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, Qt::red);
    p.setColor(QPalette::Link, QColor(0x6c, 0xb4, 0xff));
    p.setColor(QPalette::Highlight, QColor(0x35, 0x74, 0xc6));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Disabled, QPalette::Text, muted);
    p.setColor(QPalette::Disabled, QPalette::WindowText, muted);
    p.setColor(QPalette::Disabled, QPalette::ButtonText, muted);
    return p;
}

// The result line's status word; a deadlock in capitals, to be seen.
QString statusText(const QString& status)
{
    const QString word = i18n::statusWord(status.toStdString());
    return status == QLatin1String("deadlock") ? word.toUpper() : word;
}
}  // namespace

MainWindow::MainWindow(const Registry& registry, Options options, QWidget* parent)
    : QMainWindow(parent), registry_(registry), options_(std::move(options)), baseFont_(QApplication::font())
{
    setWindowTitle(QStringLiteral("ThreadLens"));  // a name: the same in every language
    setDockOptions(AnimatedDocks | AllowTabbedDocks | AllowNestedDocks);
    setTabPosition(Qt::AllDockWidgetAreas, QTabWidget::North);

    zoom_ = new view::ZoomControl(this);
    timeline_ = new view::TimelineView(this);
    timeline_->setZoomControl(zoom_);
    timeline_->setTrace(&controller_.trace());
    legend_ = new LegendBar(timeline_, this);
    auto* central = new QWidget(this);
    auto* centralLayout = new QVBoxLayout(central);
    centralLayout->setContentsMargins(0, 0, 0, 0);
    centralLayout->setSpacing(0);
    centralLayout->addWidget(timeline_, 1);
    centralLayout->addWidget(legend_);
    setCentralWidget(central);

    // Run in real Python runs the program the Python pane shows: the sliders' values.
    python_ = new PythonRun(
        controller_, this, [this] { return currentLesson(); }, [this] { return explanation_->program(); });
    buildActions();
    buildDocks();
    buildToolBar();
    buildMenus();

    stateLabel_ = new QLabel(this);
    elapsedLabel_ = new QLabel(this);
    eventsLabel_ = new QLabel(this);
    resultLabel_ = new QLabel(this);
    resultLabel_->setTextFormat(Qt::RichText);
    statusBar()->addWidget(stateLabel_);
    statusBar()->addWidget(elapsedLabel_);
    statusBar()->addWidget(eventsLabel_);
    statusBar()->addWidget(resultLabel_, 1);

    panelTimer_.setObjectName(QStringLiteral("panelTimer"));
    panelTimer_.setInterval(250);
    connect(&panelTimer_, &QTimer::timeout, this, [this] {
        if (panelsDirty_)
            refreshPanelsLive();
    });
    statusTimer_.setObjectName(QStringLiteral("statusTimer"));
    statusTimer_.setInterval(100);
    connect(&statusTimer_, &QTimer::timeout, this, &MainWindow::updateStatus);

    step_ = new StepMode(controller_, stepPanel_, timeline_, this);
    // Replay scrub: a playhead slider (per mille of the run) and a status line at the playhead.
    playback_ = new PlaybackBar(controller_, zoom_, action(QStringLiteral("play")), this);
    statusBar()->addPermanentWidget(playback_->label());
    statusBar()->addPermanentWidget(playback_->slider());

    connect(&controller_, &RunController::traceReset, this, &MainWindow::onTraceReset);
    connect(&controller_, &RunController::traceUpdated, this, &MainWindow::onTraceUpdated);
    connect(&controller_, &RunController::finished, this, &MainWindow::onFinished);
    connect(&controller_, &RunController::stateChanged, this, &MainWindow::onStateChanged);

    // Panels follow the one zoom.
    // While following a live run the range moves at every poll: the charts take it with the
    // next panel refresh (4 per second) instead of being rebuilt at every frame.
    connect(zoom_, &view::ZoomControl::visibleRangeChanged, this, [this](view::TimeRange r) {
        const bool later = controller_.isRunning() && zoom_->followLive();
        contention_->setVisibleRange(r.start, r.end, !later);
        queues_->setVisibleRange(r.start, r.end, !later);
        panelsDirty_ = panelsDirty_ || later;
    });
    // Lock selected in the contention panel -> highlighted on the timeline.
    connect(contention_, &ContentionPanel::lockSelected, timeline_, &view::TimelineView::highlightObject);
    // Event table <-> timeline selection.
    connect(events_, &EventTable::rowActivated, this, [this](int lane, qint64 start, qint64 end, ObjectId) {
        timeline_->selectAt(LaneId(lane), start + (end - start) / 2);
    });
    connect(timeline_, &view::TimelineView::itemSelected, this, [this](const view::TimelineItem& item) {
        if (!item.isValid())
            return;
        const view::TimeRange r = view::itemRange(controller_.trace(), item);
        events_->selectAt(item.lane, r.start);
    });

    i18n::onLanguageChange(this, [this] { retranslateUi(); });
    restoreSettings();
    onTraceReset();
    onStateChanged();
    updateStatus();

    if (options_.traceFile.endsWith(QLatin1String(".py"), Qt::CaseInsensitive)) {
        // A Python program (the desktop's "Open with ThreadLens") is traced once the window is up.
        QTimer::singleShot(0, this, [this] { python_->trace(options_.traceFile); });
        return;
    }
    if (!options_.traceFile.isEmpty() && openTraceFile(options_.traceFile))
        return;
    QString lesson = options_.lesson;
    if (lesson.isEmpty() || !registry_.find(lesson.toStdString()))
        lesson = settings().value(QStringLiteral("lastLesson")).toString();
    if ((lesson.isEmpty() || !registry_.find(lesson.toStdString())) && !registry_.all().empty())
        lesson = QString::fromStdString(registry_.all().front().id);
    if (!lesson.isEmpty()) {
        openLesson(lesson, false);
        // The tree can only scroll once the docks have their final sizes.
        QTimer::singleShot(100, browser_, &LessonBrowser::scrollToCurrent);
        if (options_.autoRun)
            QTimer::singleShot(0, this, &MainWindow::runLesson);  // once the window is up
    }
}

MainWindow::~MainWindow()
{
    if (textScale_ != 1.0)
        QApplication::setFont(baseFont_);  // the font is the application's, not only this window's
}

void MainWindow::buildToolBar()
{
    // Files: icons only (tooltips name them), the run controls get the words.
    auto* files = addToolBar(QString());
    files->setObjectName(QStringLiteral("fileToolBar"));
    files->setToolButtonStyle(Qt::ToolButtonIconOnly);
    files->addAction(action(QStringLiteral("open")));
    files->addAction(action(QStringLiteral("save")));
    files->addAction(action(QStringLiteral("exportImage")));

    auto* bar = addToolBar(QString());
    bar->setObjectName(QStringLiteral("runToolBar"));
    bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    bar->addAction(action(QStringLiteral("run")));
    bar->addAction(action(QStringLiteral("pause")));
    bar->addAction(action(QStringLiteral("abort")));
    bar->addAction(action(QStringLiteral("rerun")));
    bar->addAction(python_->lessonAction());
    bar->addAction(action(QStringLiteral("pin")));
    bar->addSeparator();
    bar->addAction(action(QStringLiteral("stepMode")));
    bar->addAction(action(QStringLiteral("step")));
    bar->addAction(action(QStringLiteral("continue")));
    bar->addAction(action(QStringLiteral("replay")));
    bar->addSeparator();

    auto* speedBox = new QWidget(bar);
    auto* h = new QHBoxLayout(speedBox);
    h->setContentsMargins(6, 0, 6, 0);
    auto* speedTitle = new QLabel(speedBox);
    speedSlider_ = new QSlider(Qt::Horizontal, speedBox);
    speedSlider_->setObjectName(QStringLiteral("speed"));
    speedSlider_->setRange(0, kSpeedSteps);
    speedSlider_->setValue(kSpeedSteps);
    speedSlider_->setFixedWidth(140);
    speedLabel_ = new QLabel(speedText(1.0), speedBox);
    speedLabel_->setMinimumWidth(speedLabel_->fontMetrics().horizontalAdvance(QStringLiteral("0.05×0")));
    h->addWidget(speedTitle);
    h->addWidget(speedSlider_);
    h->addWidget(speedLabel_);
    speedBox->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Preferred);
    bar->addWidget(speedBox);
    connect(speedSlider_, &QSlider::valueChanged, this, [this](int v) { speedLabel_->setText(speedText(speedOf(v))); });

    gilBox_ = new QCheckBox(QStringLiteral("GIL"), bar);  // an acronym Russian keeps
    gilBox_->setObjectName(QStringLiteral("gilBox"));
    i18n::retranslate(this, [this, files, bar, speedTitle] {
        files->setWindowTitle(tr("File"));
        bar->setWindowTitle(tr("Run"));
        speedTitle->setText(tr("Speed"));
        speedSlider_->setToolTip(tr("Slow motion: 0.05× stretches a 40 ms task to 0.8 s (applies to the next run)"));
        gilBox_->setToolTip(tr("Simulate CPython's global interpreter lock (Ctrl+G): CPU-bound threads take turns"));
    });
    bar->addWidget(gilBox_);
    connect(gilBox_, &QCheckBox::toggled, this, &MainWindow::gilToggled);
    bar->addSeparator();
    bar->addAction(action(QStringLiteral("zoomOut")));
    bar->addAction(action(QStringLiteral("zoomIn")));
    bar->addAction(action(QStringLiteral("fit")));
}

void MainWindow::setLanguage(i18n::Language language)
{
    if (language != i18n::current())
        i18n::setLanguage(language);
    settings().setValue(QStringLiteral("language"), i18n::code(i18n::current()));
}

void MainWindow::retranslateUi()
{
    // What the window composes from the run and the lesson: said again in the new language.
    // (Actions, docks, menus and panels' fixed words retranslate themselves.)
    setWindowTitle(titleText_ ? titleText_() : QStringLiteral("ThreadLens"));
    updateStatus();
    if (showResult_)
        showResult_();
    explanation_->setScenario(scenario_);
    explanation_->setParams(params_->values());  // the program for the sliders, not the defaults
    refreshPanels();
    legend_->traceChanged();
    fitToolBar();  // the words' widths changed
}

QDockWidget* MainWindow::addDock(QWidget* w, const char* title, const QString& name, Qt::DockWidgetArea area)
{
    auto* dock = new QDockWidget(this);
    i18n::retranslate(this, [dock, title] { dock->setWindowTitle(tr(title)); });
    dock->setObjectName(name);  // saveState needs names
    dock->setWidget(w);
    addDockWidget(area, dock);
    return dock;
}

void MainWindow::buildDocks()
{
    browser_ = new LessonBrowser(registry_, this);
    explanation_ = new ExplanationPane(this);
    params_ = new ParamPanel(this);
    contention_ = new ContentionPanel(this);
    queues_ = new QueuePanel(this);
    stats_ = new StatsPanel(this);
    events_ = new EventTable(this);

    auto* lessons = addDock(browser_, QT_TR_NOOP("Lessons"), QStringLiteral("lessonsDock"), Qt::LeftDockWidgetArea);
    // Scrolls rather than growing the window: a lesson with many parameters on a 720 px screen.
    auto* paramsScroll = new QScrollArea(this);
    paramsScroll->setWidget(params_);
    paramsScroll->setWidgetResizable(true);
    paramsScroll->setFrameShape(QFrame::NoFrame);
    paramsScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    auto* params =
        addDock(paramsScroll, QT_TR_NOOP("Parameters"), QStringLiteral("paramsDock"), Qt::LeftDockWidgetArea);
    splitDockWidget(lessons, params, Qt::Vertical);
    auto* text =
        addDock(explanation_, QT_TR_NOOP("Explanation"), QStringLiteral("explanationDock"), Qt::RightDockWidgetArea);
    auto* locks =
        addDock(contention_, QT_TR_NOOP("Lock contention"), QStringLiteral("contentionDock"), Qt::BottomDockWidgetArea);
    auto* queues = addDock(queues_, QT_TR_NOOP("Queue depth"), QStringLiteral("queueDock"), Qt::BottomDockWidgetArea);
    auto* stats = addDock(stats_, QT_TR_NOOP("Statistics"), QStringLiteral("statsDock"), Qt::BottomDockWidgetArea);
    auto* events = addDock(events_, QT_TR_NOOP("Events"), QStringLiteral("eventsDock"), Qt::BottomDockWidgetArea);
    stepPanel_ = new StepPanel(this);  // fed and connected by StepMode
    auto* stepDock = addDock(stepPanel_, QT_TR_NOOP("Step"), QStringLiteral("stepDock"), Qt::RightDockWidgetArea);
    splitDockWidget(text, stepDock, Qt::Vertical);
    tabifyDockWidget(locks, queues);
    tabifyDockWidget(queues, stats);
    tabifyDockWidget(stats, events);
    locks->raise();
    resizeDocks({lessons, text}, {320, 340}, Qt::Horizontal);
    resizeDocks({locks}, {260}, Qt::Vertical);
    resizeDocks({lessons, params}, {420, 260}, Qt::Vertical);

    connect(browser_, &LessonBrowser::lessonActivated, this,
            [this](const QString& id) { openLesson(id, options_.autoRun); });
    connect(params_, &ParamPanel::paramsChanged, this, [this] {
        saveLessonParams();
        explanation_->setParams(params_->values());
        runLesson();  // a moved slider re-runs with the new value (debounced by the panel)
    });
    connect(params_, &ParamPanel::runRequested, this, [this] {
        saveLessonParams();
        explanation_->setParams(params_->values());
        runLesson();  // the opened trace's parameters and GIL
    });
}

bool MainWindow::openLesson(const QString& id, bool run)
{
    const Scenario* s = registry_.find(id.toStdString());
    if (!s)
        return false;
    if (s != scenario_)
        saveLessonParams();
    scenario_ = s;
    browser_->selectLesson(id);
    explanation_->setScenario(s);
    ParamValues values(&s->params);
    QSettings st = settings();
    st.beginGroup(QStringLiteral("params/") + id);
    for (const Param& p : s->params) {
        const QVariant v = st.value(QString::fromStdString(p.name));
        if (v.isValid()) {
            try {
                values.setNumber(p.name, v.toDouble());
            } catch (const std::exception&) {
                // A stored value out of a changed range: keep the default.
            }
        }
    }
    st.endGroup();
    params_->setScenario(s, values);
    explanation_->setParams(params_->values());
    {
        const QVariant gilStored = settings().value(QStringLiteral("gil/") + id);
        setGil(gilStored.isValid() ? gilStored.toBool() : s->defaultGil);
    }
    titleText_ = [s] { return QStringLiteral("%1 — ThreadLens").arg(i18n::lessonTitle(*s)); };
    setWindowTitle(titleText_());
    settings().setValue(QStringLiteral("lastLesson"), id);
    onStateChanged();  // Run / Re-run become available
    if (run)
        runLesson();
    return true;
}

QString MainWindow::currentLesson() const { return scenario_ ? QString::fromStdString(scenario_->id) : QString(); }

void MainWindow::runLesson()
{
    if (!scenario_)
        return;
    RunOptions o;
    o.speed = speed();
    o.gil = gil();
    o.step = step_->isOn();
    controller_.start(*scenario_, params_->values(), o);
}

void MainWindow::abortRun() { controller_.abort(); }

void MainWindow::rerun()
{
    if (controller_.scenario() == scenario_ && scenario_) {
        runLesson();  // current panel values, speed and GIL
        return;
    }
    if (!controller_.rerun())
        runLesson();
}

void MainWindow::setSpeed(double s) { speedSlider_->setValue(stepOf(s)); }
double MainWindow::speed() const { return speedOf(speedSlider_->value()); }

void MainWindow::setGil(bool on)
{
    {
        QSignalBlocker b(gilBox_);
        gilBox_->setChecked(on);
    }
    {
        QAction* a = action(QStringLiteral("gil"));
        QSignalBlocker b(a);
        a->setChecked(on);
    }
}

void MainWindow::gilToggled(bool on)
{
    setGil(on);
    if (!scenario_)
        return;
    settings().setValue(QStringLiteral("gil/") + QString::fromStdString(scenario_->id), on);
    runLesson();  // like every other control: the learner sees what the GIL changes at once
}

bool MainWindow::gil() const { return gilBox_->isChecked(); }

void MainWindow::setTextScale(double scale)
{
    textScale_ = std::clamp(scale, 1.0, 2.0);
    QFont f = baseFont_;
    if (f.pointSizeF() > 0)
        f.setPointSizeF(f.pointSizeF() * textScale_);
    else
        f.setPixelSize(std::max(1, qRound(f.pixelSize() * textScale_)));
    QApplication::setFont(f);  // every widget without a font of its own gets QEvent::FontChange
    for (QAction* a : textSizeGroup_->actions()) {
        QSignalBlocker b(a);
        a->setChecked(qFuzzyCompare(a->data().toDouble(), textScale_));
    }
    settings().setValue(QStringLiteral("textScale"), textScale_);
}

void MainWindow::setDarkMode(bool dark)
{
    dark_ = dark;
    {
        QAction* a = action(QStringLiteral("dark"));
        QSignalBlocker b(a);
        a->setChecked(dark);
    }
    // Fusion honours the palette fully on every platform; the default style may not.
    if (QStyle* fusion = QStyleFactory::create(QStringLiteral("Fusion")))
        QApplication::setStyle(fusion);
    QApplication::setPalette(dark ? darkPalette() : QApplication::style()->standardPalette());
    timeline_->setDark(dark);
    legend_->traceChanged();
    contention_->setDark(dark);
    queues_->setDark(dark);
    explanation_->setDark(dark);
}

void MainWindow::onTraceReset()
{
    // Panels first: the timeline's zoom reset below makes them redraw, and they must not
    // read the previous (destroyed) trace. The timeline lets go of it before anything: a panel's
    // refresh can relayout the window and resize the timeline in the middle of this.
    timeline_->releaseTrace();
    const Trace* t = &controller_.trace();
    statsBuilder_ = StatsBuilder{};
    ++panelRound_;  // stages of a live refresh still queued belong to the old trace
    contention_->setTrace(t);
    queues_->setTrace(t);
    stats_->setTrace(t);
    events_->setTrace(t);
    timeline_->setTrace(t);
    zoom_->reset();
    legend_->traceChanged();
    resultLabel_->clear();
    showResult_ = nullptr;
    panelsDirty_ = false;
}

void MainWindow::onTraceUpdated()
{
    timeline_->traceUpdated();
    panelsDirty_ = true;
    if (legendLanes_ != controller_.trace().lanes.size() + controller_.trace().objects.size()) {
        legendLanes_ = controller_.trace().lanes.size() + controller_.trace().objects.size();
        legend_->traceChanged();
    }
    if (!controller_.isRunning()) {
        refreshPanels();
        timeline_->setFinishedTrace(controller_.finishedTrace());  // zooms build off the GUI thread now
    }
}

void MainWindow::refreshPanels()
{
    ++panelRound_;  // this one supersedes the stages of a live refresh still queued
    panelsDirty_ = false;
    // One statistics pass for the three panels, costing only what arrived since the last one.
    const RunStats stats = statsBuilder_.result(controller_.trace());
    contention_->refresh(stats);
    queues_->refresh(stats);
    stats_->refresh(stats);
    // Live too: the table grows incrementally and keeps the learner's place.
    events_->refresh();
}

void MainWindow::refreshPanelsLive()
{
    // Each panel in an event of its own, so the learner's input gets in between them; a newer
    // refresh or a new trace cancels the stages still queued.
    panelsDirty_ = false;
    const auto stats = std::make_shared<const RunStats>(statsBuilder_.result(controller_.trace()));
    const quint64 round = ++panelRound_;
    auto stage = [this, round](auto&& work) {
        QTimer::singleShot(0, this, [this, round, work] {
            if (round == panelRound_)
                work();
        });
    };
    contention_->refresh(*stats);
    stage([this, stats] { queues_->refresh(*stats); });
    stage([this, stats] { stats_->refresh(*stats); });
    stage([this] { events_->refresh(); });
}

void MainWindow::onFinished(const QString& status, const QString& message)
{
    if (step_->isOn()) {
        // Step mode ends with its run (the panel says so): the next run is not silently paused.
        setStepMode(false);
        stepPanel_->setRunEnded(true);
    }
    if (panelsDirty_)  // onTraceUpdated has usually refreshed them for the final batch already
        refreshPanels();
    legend_->traceChanged();
    // Show the panel that has something to say about this lesson, once per lesson (the
    // learner's own choice of tab wins afterwards).
    if (raisedFor_ != controller_.scenario()) {
        raisedFor_ = controller_.scenario();
        const char* dock = contention_->lockCount() > 0 ? "contentionDock"
                           : queues_->queueCount() > 0  ? "queueDock"
                                                        : "statsDock";
        if (auto* d = findChild<QDockWidget*>(QString::fromLatin1(dock)))
            d->raise();
    }
    showResult_ = [this, status, message] {
        const QString said = i18n::message(message.toStdString());
        QString text = QStringLiteral("<b>%1</b>").arg(statusText(status));
        if (!message.isEmpty())
            text += QStringLiteral(": ") + said.toHtmlEscaped();
        if (status != QLatin1String("finished"))
            text = QStringLiteral("<span style='color:#d55e00'>%1</span>").arg(text);
        resultLabel_->setText(text);
        resultLabel_->setToolTip(said);
    };
    showResult_();
    if (const auto cycle = view::deadlockCycle(controller_.trace())) {
        // Only the threads in the wait-for cycle: others may wait for them but are not stuck in it.
        QSet<LaneId> lanes(cycle->lanes.begin(), cycle->lanes.end());
        QSet<ObjectId> objects;
        for (ObjectId o : cycle->waitsOn)
            if (o)
                objects.insert(o);
        timeline_->setAlarm(lanes, objects);
    }
    updateStatus();
    if (!screenshotPath_.isEmpty()) {
        const QString path = screenshotPath_;
        screenshotPath_.clear();
        QTimer::singleShot(300, this, [this, path] {
            // Checked like every other output: a full disk is exit code 3 with the path and why.
            QByteArray png;
            QBuffer buffer(&png);
            QString error = QStringLiteral("cannot encode the PNG for %1").arg(path);
            if (!buffer.open(QIODevice::WriteOnly) || !grab().save(&buffer, "PNG") ||
                !writeFileAtomically(path, std::string_view(png.constData(), size_t(png.size())), &error)) {
                std::fprintf(stderr, "%s\n", qPrintable(error));
                QCoreApplication::exit(3);  // not close(): closing the last window would quit with 0
                return;
            }
            close();
        });
    }
}

void MainWindow::setStepMode(bool on)
{
    if (QAction* a = action(QStringLiteral("stepMode")); a && a->isChecked() != on) {
        const QSignalBlocker block(a);
        a->setChecked(on);
    }
    step_->setOn(on);
    onStateChanged();
    refreshStep();
}

bool MainWindow::stepMode() const { return step_->isOn(); }
bool MainWindow::stepOnce() { return step_->stepOnce(); }
bool MainWindow::stepLane(LaneId lane) { return step_->stepLane(lane); }

void MainWindow::continueRun() { setStepMode(false); }

bool MainWindow::replayInterleaving()
{
    if (controller_.lastSchedule().empty())
        return false;
    if (QAction* a = action(QStringLiteral("stepMode"))) {
        const QSignalBlocker block(a);
        a->setChecked(false);
    }
    return step_->replay();
}

void MainWindow::refreshStep() { step_->refresh(); }
const QMap<LaneId, QString>& MainWindow::stepAnnotations() const { return step_->annotations(); }

void MainWindow::setPlaying(bool on, double speed) { playback_->setPlaying(on, speed); }
bool MainWindow::playing() const { return playback_->playing(); }
QString MainWindow::describeAt(int64_t t) const { return playback_->describeAt(t); }

void MainWindow::onStateChanged()
{
    const bool running = controller_.isRunning();
    const bool live = controller_.state() == RunController::State::Running;
    const bool stepping = step_->isOn();
    action(QStringLiteral("pause"))->setEnabled(live && !stepping);
    action(QStringLiteral("step"))->setEnabled(live && stepping);
    action(QStringLiteral("continue"))->setEnabled(live && stepping);
    for (int n = 1; n <= 9; ++n)
        action(QStringLiteral("stepNth%1").arg(n))->setEnabled(live && stepping);
    action(QStringLiteral("replay"))->setEnabled(!running && !controller_.lastSchedule().empty());
    action(QStringLiteral("play"))->setEnabled(!running && controller_.trace().duration() > 0);
    step_->followRun(live);
    if (running)
        setPlaying(false);
    refreshStep();
    action(QStringLiteral("abort"))->setEnabled(controller_.state() == RunController::State::Running);
    action(QStringLiteral("run"))->setEnabled(scenario_ != nullptr);
    action(QStringLiteral("rerun"))->setEnabled(scenario_ != nullptr);
    action(QStringLiteral("save"))->setEnabled(!running && !controller_.trace().lanes.empty());
    if (running) {
        panelTimer_.start();
        statusTimer_.start();
    } else {
        panelTimer_.stop();
        statusTimer_.stop();
    }
    updateStatus();
}

void MainWindow::updateStatus()
{
    QString state;
    switch (controller_.state()) {
    case RunController::State::Idle: state = scenario_ ? tr("Ready — press F5 to run") : tr("Choose a lesson"); break;
    case RunController::State::Running:
        state = step_->isOn() ? tr("Paused — F10 steps, F8 continues") : tr("Running");
        break;
    case RunController::State::Stopping: state = tr("Stopping…"); break;
    case RunController::State::Finished: state = tr("Done"); break;
    }
    stateLabel_->setText(state);
    elapsedLabel_->setText(tr("Elapsed: %1").arg(formatDuration(controller_.elapsedNs())));
    eventsLabel_->setText(tr("Events: %L1").arg(qulonglong(controller_.trace().eventCount())));
}

void MainWindow::screenshotWhenFinished(const QString& path) { screenshotPath_ = path; }

void MainWindow::resizeEvent(QResizeEvent* e)
{
    QMainWindow::resizeEvent(e);
    fitToolBar();
}

void MainWindow::fitToolBar()
{
    // The run controls' words beside their icons when the whole toolbar row fits; else words
    // only on the main ones (Run, Pause, Abort, Re-run), else icons only (each tooltip names it):
    // on a 1280 px screen or in Russian no control may vanish behind the overflow arrow.
    auto* files = findChild<QToolBar*>(QStringLiteral("fileToolBar"));
    auto* bar = findChild<QToolBar*>(QStringLiteral("runToolBar"));
    if (!files || !bar)
        return;
    const QList<QAction*> main{action(QStringLiteral("run")), action(QStringLiteral("pause")),
                               action(QStringLiteral("abort")), action(QStringLiteral("rerun"))};
    // The zoom buttons speak through their icons (a magnifier with + and -) at every width.
    const QList<QAction*> iconOnly{action(QStringLiteral("zoomIn")), action(QStringLiteral("zoomOut"))};
    const int room = width() - 2 * style()->pixelMetric(QStyle::PM_ToolBarHandleExtent) - files->sizeHint().width();
    for (int words = 2; words >= 0; --words) {  // 2: all, 1: the main controls, 0: none
        for (QAction* a : bar->actions())
            if (auto* b = qobject_cast<QToolButton*>(bar->widgetForAction(a)))
                b->setToolButtonStyle(!iconOnly.contains(a) && (words == 2 || (words == 1 && main.contains(a)))
                                          ? Qt::ToolButtonTextBesideIcon
                                          : Qt::ToolButtonIconOnly);
        bar->layout()->invalidate();  // before the first show the buttons' new hints do not reach it
        if (bar->sizeHint().width() <= room)
            break;
    }
}

void MainWindow::closeEvent(QCloseEvent* e)
{
    if (!saveSettings())
        QMessageBox::warning(this, tr("Settings"),
                             tr("Could not save the settings to %1 (a full disk or a read-only folder?): this "
                                "session's layout and lesson parameters are lost.")
                                 .arg(settings().fileName()));
    controller_.abort();
    QMainWindow::closeEvent(e);
}

}  // namespace tl
