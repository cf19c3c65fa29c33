// SPDX-License-Identifier: MIT
// MainWindow's files: opening and saving traces, the image and CSV exports, recent files, and
// the window's own settings (geometry, docks, speed, dark mode, each lesson's parameters).
#include "main_window.h"

#include "app/i18n/language.h"
#include "app/view/compare_renderer.h"
#include "app/view/exporter.h"
#include "app/view/timeline_view.h"
#include "app/view/zoom_control.h"
#include "engine/model/trace_file.h"
#include "explanation_pane.h"
#include "export_dialog.h"
#include "lesson_browser.h"
#include "main_window_settings.h"
#include "app/view/figures.h"
#include "param_panel.h"
#include "scenarios/scenario.h"

#include <QApplication>
#include <QClipboard>
#include <QDialog>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QScreen>
#include <QStatusBar>
#include <QTimer>

#include <algorithm>
#include <optional>

namespace tl {

namespace {
constexpr int kMaxRecent = 8;

// A picture's title in the language of the window: a known lesson's own title, else the trace's.
QString exportTitle(const Trace& trace)
{
    const Scenario* s = Registry::instance().find(trace.scenario);
    return s ? i18n::lessonTitle(*s) : QString::fromStdString(trace.title);
}
}  // namespace

bool MainWindow::exportCsv(const QString& path)
{
    QString error;
    if (!saveCsv(controller_.trace(), path, &error)) {
        QMessageBox::warning(this, tr("Export CSV"), tr("The CSV was not saved.\n%1").arg(error));
        return false;
    }
    statusBar()->showMessage(tr("Saved %1").arg(path), 4000);
    return true;
}

std::optional<Trace> MainWindow::readTraceFile(const QString& path, const QString& title)
{
    QString error;
    std::optional<Trace> trace = openTrace(path, &error);
    if (!trace) {
        QMessageBox::warning(this, title, tr("Could not open %1:\n%2").arg(path, error));
        return std::nullopt;
    }
    // A well-formed file with no thread in it would only replace the run with an empty picture.
    if (trace->lanes.empty()) {
        QMessageBox::warning(this, title,
                             tr("%1 is a trace without any thread events: there is nothing to show.").arg(path));
        return std::nullopt;
    }
    return trace;
}

bool MainWindow::openTraceFile(const QString& path)
{
    std::optional<Trace> trace = readTraceFile(path, tr("Open trace"));
    if (!trace)
        return false;
    showTrace(std::move(*trace), QFileInfo(path).fileName());
    addRecent(path);
    return true;
}

void MainWindow::showTrace(Trace trace, const QString& name)
{
    const QString scenario = QString::fromStdString(trace.scenario);
    controller_.setTrace(std::move(trace));
    // A ThreadLens trace of a known lesson brings its explanation along (without running).
    if (const Scenario* s = registry_.find(scenario.toStdString())) {
        saveLessonParams();  // the learner's own values, before the trace's replace them in the panel
        scenario_ = s;
        browser_->selectLesson(scenario);
        explanation_->setScenario(s);
        // What the trace recorded, ready to run again; a value this version no longer accepts
        // (a renamed parameter, a changed range) keeps its default.
        ParamValues values(&s->params);
        for (const auto& [name, text] : controller_.trace().params) {
            try {
                values.set(name, text);
            } catch (const std::exception&) {}
        }
        params_->showTraceParams(s, values, name);
        explanation_->setParams(params_->values());
        setGil(controller_.trace().gil);
    }
    titleText_ = [name] { return QStringLiteral("%1 — ThreadLens").arg(name); };
    setWindowTitle(titleText_());
    showResult_ = [this, name] {
        const Trace& t = controller_.trace();
        QString text = tr("Opened <b>%1</b>: %n thread(s), %L2 events", nullptr, int(t.lanes.size()))
                           .arg(name.toHtmlEscaped())
                           .arg(qulonglong(t.eventCount()));
        if (t.skippedEvents > 0)
            text += tr(" (%L1 events not understood were skipped)").arg(t.skippedEvents);
        resultLabel_->setText(text);
        resultLabel_->setToolTip(QString());
    };
    showResult_();
}

bool MainWindow::saveTraceFile(const QString& path)
{
    QString error;
    if (!saveTrace(controller_.trace(), path, &error)) {
        QMessageBox::warning(this, tr("Save trace"), tr("The trace was not saved.\n%1").arg(error));
        return false;
    }
    addRecent(path);
    statusBar()->showMessage(tr("Saved %1").arg(path), 4000);
    return true;
}

void MainWindow::exportImage()
{
    const Trace& trace = controller_.trace();
    if (trace.lanes.empty())
        return;
    ExportDialog dialog(this);
    dialog.setImageWidth(std::max(800, timeline_->width()));
    {
        const QSettings st = settings();
        dialog.load(st);
    }
    if (dialog.exec() != QDialog::Accepted)
        return;
    {
        QSettings st = settings();
        dialog.save(st);
    }
    const QString base = trace.scenario.empty() ? QStringLiteral("timeline") : QString::fromStdString(trace.scenario);
    const QString path = QFileDialog::getSaveFileName(this, tr("Export image"), base + QStringLiteral(".png"),
                                                      tr("PNG image (*.png);;SVG image (*.svg);;PDF document (*.pdf)"));
    if (path.isEmpty())
        return;
    view::ExportOptions o = dialog.options(zoom_->visibleRange());
    o.title = exportTitle(trace);
    o.footer = view::runCaption(trace);
    o.extra.highlight = timeline_->highlightedObject();
    o.extra.hiddenLayers = timeline_->hiddenLayers();  // what the learner sees is what is saved
    o.groupFolds = timeline_->groupFolds();
    QString error;
    // Comparing: both timelines on one axis and the difference table.
    if (timeline_->pinned() ? !exportCompare(path, o, &error) : !view::Exporter::exportFile(trace, o, path, &error))
        QMessageBox::warning(this, tr("Export image"), error);
    else
        statusBar()->showMessage(tr("Saved %1").arg(path), 4000);
}

void MainWindow::copyImage()
{
    const Trace& trace = controller_.trace();
    if (trace.lanes.empty())
        return;
    view::ExportOptions o;
    o.range = zoom_->visibleRange();
    o.size = QSize(std::max(800, timeline_->width()), 0);
    o.scale = devicePixelRatioF();
    o.dark = dark_;
    o.title = exportTitle(trace);
    o.footer = view::runCaption(trace);
    o.panels = ExportDialog::panelsChoice(settings());  // the export dialog's "Include panels"
    o.extra.hiddenLayers = timeline_->hiddenLayers();
    o.groupFolds = timeline_->groupFolds();
    // Comparing: both timelines on one axis and the difference table, as Export image writes.
    const QImage image = timeline_->pinned()
                             ? view::renderCompareImage(*timeline_->pinned(), trace,
                                                        view::compareOptions(o, *timeline_->pinned(), trace), o.scale)
                             : view::renderImage(trace, o);
    if (image.isNull()) {
        statusBar()->showMessage(tr("The image is too large to copy"), 4000);
        return;
    }
    QApplication::clipboard()->setImage(image);
    statusBar()->showMessage(tr("Timeline image copied to the clipboard"), 3000);
}

void MainWindow::addRecent(const QString& path)
{
    QSettings st = settings();
    QStringList recent = st.value(QStringLiteral("recentFiles")).toStringList();
    const QString abs = QFileInfo(path).absoluteFilePath();
    recent.removeAll(abs);
    recent.prepend(abs);
    while (recent.size() > kMaxRecent)
        recent.removeLast();
    st.setValue(QStringLiteral("recentFiles"), recent);
    if (!syncSettings(st))
        statusBar()->showMessage(tr("Could not save the settings to %1").arg(st.fileName()), 8000);
    updateRecentMenu();
}

void MainWindow::updateRecentMenu()
{
    if (!recentMenu_)
        return;
    recentMenu_->clear();
    const QStringList recent = settings().value(QStringLiteral("recentFiles")).toStringList();
    for (const QString& path : recent)
        recentMenu_->addAction(QFileInfo(path).fileName(), this, [this, path] { openTraceFile(path); })
            ->setToolTip(path);
    recentMenu_->setEnabled(!recent.isEmpty());
}

void MainWindow::saveLessonParams() const
{
    // An opened trace's parameters are shown, not chosen: the learner's own stay stored.
    if (!scenario_ || !params_ || params_->showsTrace())
        return;
    QSettings st = settings();
    st.beginGroup(QStringLiteral("params/") + QString::fromStdString(scenario_->id));
    for (const auto& [name, v] : params_->values().values())
        st.setValue(QString::fromStdString(name), v);
    st.endGroup();
}

QRect MainWindow::firstStartGeometry(const QRect& available)
{
    // 1480×900 where the screen has room; a smaller screen (a 1280×720 projector, a laptop) is
    // filled instead of overflowed, so nothing of the window lies off the screen.
    const QSize preferred(1480, 900);
    if (available.isEmpty())
        return QRect(QPoint(), preferred);
    return QRect(available.topLeft(), preferred.boundedTo(available.size()));
}

MainWindow::DockSizes MainWindow::firstStartDockSizes(const QSize& window)
{
    // Side docks a quarter of the width each (at most 360 px), the bottom panels a quarter of the
    // height on small screens (220 px at least: a chart's axis labels need it), a third on large ones.
    DockSizes d;
    d.side = std::min(360, window.width() / 4);
    d.bottom = window.height() < 900 ? std::max(220, window.height() / 4) : window.height() / 3;
    d.lessons = window.height() / 3;
    return d;
}

void MainWindow::restoreSettings()
{
    QSettings st = settings();
    if (!restoreGeometry(st.value(QStringLiteral("geometry")).toByteArray())) {
        const QScreen* s = screen();
        const QRect first = firstStartGeometry(s ? s->availableGeometry() : QRect());
        resize(first.size());
        if (s && first.size() == s->availableGeometry().size())
            setWindowState(windowState() | Qt::WindowMaximized);
    }
    if (!restoreState(st.value(QStringLiteral("windowState")).toByteArray())) {
        // First start: the timeline gets most of the room (resizeDocks needs a laid-out window).
        QTimer::singleShot(0, this, [this] {
            auto dock = [this](const char* n) { return findChild<QDockWidget*>(QString::fromLatin1(n)); };
            const DockSizes d = firstStartDockSizes(size());
            resizeDocks({dock("lessonsDock"), dock("explanationDock")}, {d.side, d.side}, Qt::Horizontal);
            resizeDocks({dock("contentionDock")}, {d.bottom}, Qt::Vertical);
            resizeDocks({dock("lessonsDock"), dock("paramsDock")}, {d.lessons, d.lessons}, Qt::Vertical);
        });
    }
    setSpeed(st.value(QStringLiteral("speed"), 1.0).toDouble());
    if (st.value(QStringLiteral("dark"), false).toBool())
        setDarkMode(true);
    if (const double scale = st.value(QStringLiteral("textScale"), 1.0).toDouble(); scale != 1.0)
        setTextScale(scale);
}

bool MainWindow::saveSettings() const
{
    saveLessonParams();
    QSettings st = settings();
    st.setValue(QStringLiteral("geometry"), saveGeometry());
    st.setValue(QStringLiteral("windowState"), saveState());
    st.setValue(QStringLiteral("speed"), speed());
    st.setValue(QStringLiteral("dark"), dark_);
    if (scenario_)
        st.setValue(QStringLiteral("lastLesson"), QString::fromStdString(scenario_->id));
    return syncSettings(st);
}

}  // namespace tl
