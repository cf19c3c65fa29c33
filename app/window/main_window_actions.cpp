// SPDX-License-Identifier: MIT
// MainWindow's actions (each with its shortcut, icon and slot, following a language switch) and
// the menus that hold them.
#include "main_window.h"

#include "app/i18n/language.h"
#include "app/view/zoom_control.h"
#include "icons.h"
#include "lesson_browser.h"
#include "playback_bar.h"
#include "python_run.h"
#include "step_panel.h"

#include <QAction>
#include <QActionGroup>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDockWidget>
#include <QFileDialog>
#include <QKeySequence>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QTextBrowser>
#include <QVBoxLayout>

#include <algorithm>

namespace tl {

QAction* MainWindow::action(const QString& name) const { return findChild<QAction*>(name); }

void MainWindow::buildActions()
{
    // Icons: palette-tinted SVGs (icons.h), readable in light and dark, sharp at any DPI.
    // `text` is the English source (QT_TR_NOOP): the action follows a language switch.
    auto make = [this](const QString& name, const char* text, const QKeySequence& key, const QString& icon, auto slot) {
        auto* a = new QAction(icon.isEmpty() ? QIcon() : themedIcon(icon), QString(), this);
        a->setObjectName(name);
        if (!key.isEmpty())
            a->setShortcut(key);
        i18n::retranslate(this, [this, a, text, key] {
            a->setText(tr(text));
            if (!key.isEmpty())
                a->setToolTip(QStringLiteral("%1 (%2)").arg(tr(text).remove(QLatin1Char('&')),
                                                            key.toString(QKeySequence::NativeText)));
        });
        connect(a, &QAction::triggered, this, slot);
        return a;
    };
    make(QStringLiteral("run"), QT_TR_NOOP("&Run"), QKeySequence(Qt::Key_F5), QStringLiteral("run"),
         [this] { runLesson(); });
    make(QStringLiteral("abort"), QT_TR_NOOP("&Abort"), QKeySequence(Qt::SHIFT | Qt::Key_F5), QStringLiteral("abort"),
         [this] { abortRun(); });
    // Pausing is step mode entered mid-run: every thread parks at its next synchronization
    // step, the step panel shows where, F10 steps and F8 continues.
    make(QStringLiteral("pause"), QT_TR_NOOP("&Pause"), QKeySequence(Qt::Key_F6), QStringLiteral("pause"),
         [this] { setStepMode(true); });
    make(QStringLiteral("rerun"), QT_TR_NOOP("Re-&run"), QKeySequence(Qt::CTRL | Qt::Key_R), QStringLiteral("rerun"),
         [this] { rerun(); });
    make(QStringLiteral("open"), QT_TR_NOOP("&Open trace…"), QKeySequence::Open, QStringLiteral("open"), [this] {
        const QString path =
            QFileDialog::getOpenFileName(this, tr("Open trace"), {}, tr("Trace files (*.json);;All files (*)"));
        if (!path.isEmpty())
            openTraceFile(path);
    });
    make(QStringLiteral("save"), QT_TR_NOOP("&Save trace…"), QKeySequence::Save, QStringLiteral("save"), [this] {
        const QString base = controller_.trace().scenario.empty()
                                 ? QStringLiteral("trace")
                                 : QString::fromStdString(controller_.trace().scenario);
        const QString path = QFileDialog::getSaveFileName(this, tr("Save trace"), base + QStringLiteral(".json"),
                                                          tr("Trace files (*.json)"));
        if (!path.isEmpty())
            saveTraceFile(path);
    });
    make(QStringLiteral("exportImage"), QT_TR_NOOP("&Export image…"), QKeySequence(Qt::CTRL | Qt::Key_E),
         QStringLiteral("export-image"), [this] { exportImage(); });
    make(QStringLiteral("copyImage"), QT_TR_NOOP("&Copy image"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C),
         QStringLiteral("copy-image"), [this] { copyImage(); });
    make(QStringLiteral("exportCsv"), QT_TR_NOOP("Export &CSV…"), QKeySequence(), QStringLiteral("export-csv"), [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export events as CSV"),
                                                          QStringLiteral("events.csv"), tr("CSV (*.csv)"));
        if (!path.isEmpty())
            exportCsv(path);
    });
    make(QStringLiteral("compareWith"), QT_TR_NOOP("Co&mpare with…"), QKeySequence(), QString(), [this] {
        const QString path =
            QFileDialog::getOpenFileName(this, tr("Compare with"), {}, tr("Trace files (*.json);;All files (*)"));
        if (!path.isEmpty())
            compareWith(path);
    });
    auto* pin = make(QStringLiteral("pin"), QT_TR_NOOP("Pin as &A"), QKeySequence(Qt::CTRL | Qt::Key_P),
                     QStringLiteral("pin"), [this](bool on) {
                         if (on)
                             pinRun();
                         else
                             unpin();
                     });
    pin->setCheckable(true);
    i18n::retranslate(this, [pin] {
        pin->setToolTip(tr("Pin this run as A: the next runs are drawn under it and compared (Ctrl+P)"));
    });
    make(QStringLiteral("unpin"), QT_TR_NOOP("&Unpin"), QKeySequence(), QString(), [this] {
        unpin();
    })->setEnabled(false);
    make(QStringLiteral("quit"), QT_TR_NOOP("&Quit"), QKeySequence::Quit, QStringLiteral("quit"), [this] { close(); });
    make(QStringLiteral("fit"), QT_TR_NOOP("&Fit whole run"), QKeySequence(Qt::CTRL | Qt::Key_0), QStringLiteral("fit"),
         [this] { zoom_->fitAll(); });
    // Zoom buttons for those without a wheel (a touchpad, a projector's remote): around the
    // playhead when it is in view, else around the middle.
    auto zoomStep = [this](double factor) {
        const view::TimeRange v = zoom_->visibleRange();
        const int64_t t = zoom_->playhead();
        zoom_->zoomAround(t >= v.start && t <= v.end ? t : v.start + v.span() / 2, factor);
    };
    make(QStringLiteral("zoomIn"), QT_TR_NOOP("Zoom &in"), QKeySequence::ZoomIn, QStringLiteral("zoom-in"), [zoomStep] {
        zoomStep(0.5);
    })->setShortcuts({QKeySequence(QKeySequence::ZoomIn), QKeySequence(Qt::CTRL | Qt::Key_Equal)});  // + or =
    make(QStringLiteral("zoomOut"), QT_TR_NOOP("Zoom &out"), QKeySequence::ZoomOut, QStringLiteral("zoom-out"),
         [zoomStep] { zoomStep(2.0); });
    make(QStringLiteral("timelineHelp"), QT_TR_NOOP("How to read the &timeline"), QKeySequence::HelpContents,
         QStringLiteral("help"), [this] { showTimelineHelp(); });
    make(QStringLiteral("about"), QT_TR_NOOP("&About ThreadLens"), QKeySequence(), QString(), [this] {
        QMessageBox::about(
            this, tr("About ThreadLens"),
            tr("<h3>ThreadLens %1</h3><p>Watch concurrency happen: the lessons of the course "
               "<i>Multithreaded Python</i> run with real threads and processes, every synchronization step "
               "recorded and drawn as it happens; your own Python programs traced in CPython.</p>"
               "<p>Built with Qt %2 (running on Qt %3). MIT licence.</p>")
                .arg(QStringLiteral(THREADLENS_VERSION), QStringLiteral(QT_VERSION_STR),
                     QString::fromLatin1(qVersion())));
    });
    make(QStringLiteral("search"), QT_TR_NOOP("Find &lesson"), QKeySequence::Find, QStringLiteral("search"), [this] {
        browser_->searchBox()->setFocus();
        browser_->searchBox()->selectAll();
    });
    auto* dark = make(QStringLiteral("dark"), QT_TR_NOOP("&Dark mode"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D),
                      QStringLiteral("dark"), [this](bool on) { setDarkMode(on); });
    dark->setCheckable(true);
    auto* gil = make(QStringLiteral("gil"), QT_TR_NOOP("Simulated &GIL"), QKeySequence(Qt::CTRL | Qt::Key_G), QString(),
                     [this](bool on) { gilToggled(on); });
    gil->setCheckable(true);

    auto* stepMode = make(QStringLiteral("stepMode"), QT_TR_NOOP("Step &mode"), QKeySequence(Qt::CTRL | Qt::Key_T),
                          QStringLiteral("step-mode"), [this](bool on) { setStepMode(on); });
    stepMode->setCheckable(true);
    make(QStringLiteral("step"), QT_TR_NOOP("&Step"), QKeySequence(Qt::Key_F10), QStringLiteral("step"),
         [this] { stepOnce(); });
    make(QStringLiteral("continue"), QT_TR_NOOP("&Continue"), QKeySequence(Qt::Key_F8), QStringLiteral("continue"),
         [this] { continueRun(); });
    make(QStringLiteral("sweep"), QT_TR_NOOP("S&weep…"), QKeySequence(), QString(), [this] { openSweep(); });
    make(QStringLiteral("replay"), QT_TR_NOOP("Re&play this interleaving"),
         QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R), QStringLiteral("replay"), [this] { replayInterleaving(); });
    auto* play = make(QStringLiteral("play"), QT_TR_NOOP("&Play run"), QKeySequence(Qt::CTRL | Qt::Key_Space),
                      QStringLiteral("play"), [this](bool on) { setPlaying(on, playback_->speed()); });
    play->setCheckable(true);
    // Keys 1–9 step the thread of that number in the step panel (its lane's, all run long).
    for (int n = 1; n <= 9; ++n) {
        auto* a = new QAction(this);
        i18n::retranslate(this, [this, a, n] { a->setText(tr("Step thread %1").arg(n)); });
        a->setObjectName(QStringLiteral("stepNth%1").arg(n));
        a->setShortcut(QKeySequence(Qt::Key_0 + n));
        a->setEnabled(false);
        connect(a, &QAction::triggered, this, [this, n] {
            if (const StepPanel::Row* row = stepPanel_->rowForKey(n))
                stepLane(row->lane);
        });
        addAction(a);
    }
}

void MainWindow::buildMenus()
{
    auto* file = menuBar()->addMenu(QString());
    file->addAction(action(QStringLiteral("open")));
    recentMenu_ = file->addMenu(QString());
    file->addAction(python_->traceAction());
    file->addMenu(python_->recentMenu());
    file->addAction(action(QStringLiteral("save")));
    file->addAction(action(QStringLiteral("compareWith")));
    file->addSeparator();
    file->addAction(action(QStringLiteral("exportImage")));
    file->addAction(action(QStringLiteral("copyImage")));
    file->addAction(action(QStringLiteral("exportCsv")));
    file->addSeparator();
    file->addAction(action(QStringLiteral("quit")));

    auto* run = menuBar()->addMenu(QString());
    run->addAction(action(QStringLiteral("run")));
    run->addAction(action(QStringLiteral("pause")));
    run->addAction(action(QStringLiteral("abort")));
    run->addAction(action(QStringLiteral("rerun")));
    run->addAction(action(QStringLiteral("sweep")));
    run->addAction(python_->lessonAction());
    run->addSeparator();
    run->addAction(action(QStringLiteral("pin")));
    run->addAction(action(QStringLiteral("unpin")));
    run->addSeparator();
    run->addAction(action(QStringLiteral("stepMode")));
    run->addAction(action(QStringLiteral("step")));
    run->addAction(action(QStringLiteral("continue")));
    run->addAction(action(QStringLiteral("replay")));
    run->addAction(action(QStringLiteral("play")));
    run->addSeparator();
    run->addAction(action(QStringLiteral("gil")));

    viewMenu_ = menuBar()->addMenu(QString());
    viewMenu_->addAction(action(QStringLiteral("fit")));
    viewMenu_->addAction(action(QStringLiteral("zoomIn")));
    viewMenu_->addAction(action(QStringLiteral("zoomOut")));
    viewMenu_->addAction(action(QStringLiteral("search")));
    viewMenu_->addAction(action(QStringLiteral("dark")));
    // Text size: for a projector at the back of a classroom as well as a laptop.
    auto* textSize = viewMenu_->addMenu(QString());
    textSize->setObjectName(QStringLiteral("textSizeMenu"));
    textSizeGroup_ = new QActionGroup(textSize);
    static const std::pair<double, const char*> kTextSizes[] = {{1.0, QT_TR_NOOP("&Normal")},
                                                                {1.25, QT_TR_NOOP("&Large (125%)")},
                                                                {1.5, QT_TR_NOOP("L&arger (150%)")},
                                                                {2.0, QT_TR_NOOP("&Projector (200%)")}};
    for (const auto& [scale, name] : kTextSizes) {
        QAction* a = textSize->addAction(QString());
        a->setData(scale);
        a->setCheckable(true);
        a->setChecked(scale == textScale_);
        a->setObjectName(QStringLiteral("textSize_%1").arg(int(scale * 100)));
        textSizeGroup_->addAction(a);
        connect(a, &QAction::triggered, this, [this, scale = scale] { setTextScale(scale); });
    }
    viewMenu_->addSeparator();
    for (QDockWidget* d : findChildren<QDockWidget*>())
        viewMenu_->addAction(d->toggleViewAction());
    viewMenu_->addSeparator();
    // Each language named in itself: whoever cannot read the current one still finds theirs.
    auto* languages = viewMenu_->addMenu(QString());
    languages->setObjectName(QStringLiteral("languageMenu"));
    auto* group = new QActionGroup(languages);
    for (const auto& [language, name] : {std::pair{i18n::Language::English, QStringLiteral("English")},
                                         std::pair{i18n::Language::Russian, QStringLiteral("Русский")}}) {
        QAction* a = languages->addAction(name);
        a->setObjectName(QStringLiteral("language_") + i18n::code(language));
        a->setCheckable(true);
        a->setChecked(i18n::current() == language);
        group->addAction(a);
        connect(a, &QAction::triggered, this, [this, language = language] { setLanguage(language); });
    }
    auto* help = menuBar()->addMenu(QString());
    help->addAction(action(QStringLiteral("timelineHelp")));
    help->addAction(action(QStringLiteral("about")));

    i18n::retranslate(this, [file, run, languages, help, textSize, this] {
        file->setTitle(tr("&File"));
        recentMenu_->setTitle(tr("Open &recent"));
        run->setTitle(tr("&Run"));
        viewMenu_->setTitle(tr("&View"));
        textSize->setTitle(tr("&Text size"));
        for (QAction* a : textSizeGroup_->actions())
            for (const auto& [scale, name] : kTextSizes)
                if (a->data().toDouble() == scale)
                    a->setText(tr(name));
        languages->setTitle(tr("&Language"));
        help->setTitle(tr("&Help"));
        for (QAction* a : languages->actions())
            a->setChecked(a->objectName() == QStringLiteral("language_") + i18n::code(i18n::current()));
    });
    updateRecentMenu();
}

void MainWindow::showTimelineHelp()
{
    // One non-modal page beside the window (read while the run goes on), in the current language.
    auto* dialog = findChild<QDialog*>(QStringLiteral("timelineHelpDialog"));
    if (!dialog) {
        dialog = new QDialog(this);
        dialog->setObjectName(QStringLiteral("timelineHelpDialog"));
        auto* browser = new QTextBrowser(dialog);
        browser->setObjectName(QStringLiteral("timelineHelpText"));
        browser->setOpenExternalLinks(true);
        auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
        connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::close);
        auto* layout = new QVBoxLayout(dialog);
        layout->addWidget(browser);
        layout->addWidget(buttons);
        i18n::retranslate(dialog, [dialog, browser] {
            dialog->setWindowTitle(tr("How to read the timeline"));
            browser->setMarkdown(i18n::resourceText(QStringLiteral(":/help/timeline.md")));
        });
        const QFontMetrics fm(browser->font());
        dialog->resize(std::min(fm.averageCharWidth() * 90, width() * 9 / 10), std::min(fm.height() * 40, height()));
    }
    dialog->show();
    dialog->raise();
    dialog->activateWindow();
}

}  // namespace tl
