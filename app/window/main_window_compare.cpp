// SPDX-License-Identifier: MIT
// MainWindow's compare (issue 18): Run ▸ Pin as A keeps the current finished run; every later run
// (or File ▸ Compare with… a saved trace) is B, drawn under A in the timeline on one time axis,
// and the statistics and lock-contention panels show A, B and the change. Unpin: one run again.
#include "main_window.h"

#include "app/view/compare_renderer.h"
#include "app/view/timeline_view.h"
#include "contention_panel.h"
#include "stats_panel.h"

#include <QAction>
#include <QFileInfo>
#include <QMessageBox>
#include <QSignalBlocker>
#include <QStatusBar>

namespace tl {

bool MainWindow::pinRun()
{
    std::shared_ptr<const Trace> a = controller_.isRunning() ? nullptr : controller_.finishedTrace();
    if (!a || a->lanes.empty()) {
        statusBar()->showMessage(tr("Only a finished run can be pinned as A"), 4000);
        setPinnedAction(timeline_->pinned() != nullptr);
        return false;
    }
    const RunStats stats = a->statistics();
    timeline_->setPinned(std::move(a));
    stats_->setPinned(stats);
    contention_->setPinned(stats);
    setPinnedAction(true);
    statusBar()->showMessage(tr("Pinned as A: the next run is B, drawn under it"), 4000);
    return true;
}

void MainWindow::unpin()
{
    timeline_->setPinned(nullptr);
    stats_->setPinned(std::nullopt);
    contention_->setPinned(std::nullopt);
    setPinnedAction(false);
}

const Trace* MainWindow::pinnedRun() const { return timeline_->pinned(); }

void MainWindow::setPinnedAction(bool pinned)
{
    QAction* pin = action(QStringLiteral("pin"));
    const QSignalBlocker block(pin);
    pin->setChecked(pinned);
    action(QStringLiteral("unpin"))->setEnabled(pinned);
}

bool MainWindow::compareWith(const QString& path)
{
    // The file first: a bad one leaves the window as it was (nothing pinned by the attempt).
    std::optional<Trace> trace = readTraceFile(path, tr("Compare with"));
    if (!trace)
        return false;
    // What is shown now becomes A (unless A is pinned already); the file is B.
    if (!timeline_->pinned() && !pinRun()) {
        QMessageBox::information(this, tr("Compare with"),
                                 tr("Run a lesson or open a trace first: it becomes A, the file B."));
        return false;
    }
    showTrace(std::move(*trace), QFileInfo(path).fileName());
    return true;
}

bool MainWindow::exportCompare(const QString& path, const view::ExportOptions& o, QString* error) const
{
    const auto format = view::pictureFormat(path);
    if (!format) {
        *error = tr("%1: choose a .png, .svg or .pdf file").arg(path);
        return false;
    }
    const Trace& a = *timeline_->pinned();
    const Trace& b = controller_.trace();
    return view::exportCompare(*format, path, a, b, view::compareOptions(o, a, b), error);
}

}  // namespace tl
