// SPDX-License-Identifier: MIT
// MainWindow's sweep: Run ▸ Sweep… opens the dialog for the current lesson with the window's
// parameters, speed and GIL; a point clicked on its chart opens that run here.
#include "main_window.h"

#include "param_panel.h"
#include "sweep_dialog.h"

namespace tl {

SweepDialog* MainWindow::openSweep()
{
    if (sweep_) {
        sweep_->raise();
        sweep_->activateWindow();
        return sweep_;
    }
    if (!scenario_)
        return nullptr;
    RunOptions o;
    o.speed = speed();
    o.gil = gil();
    sweep_ = new SweepDialog(*scenario_, params_->values(), o, this);
    sweep_->setAttribute(Qt::WA_DeleteOnClose);
    connect(sweep_, &SweepDialog::openRun, this, [this](std::shared_ptr<const Trace> trace, const QString& label) {
        showTrace(*trace, QString::fromStdString(trace->scenario) + QStringLiteral(" · ") + label);
    });
    sweep_->show();
    return sweep_;
}

}  // namespace tl
