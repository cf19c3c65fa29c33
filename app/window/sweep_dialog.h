// SPDX-License-Identifier: MIT
#pragma once
#include "scenarios/sweep.h"

#include <QDialog>
#include <QElapsedTimer>
#include <QWidget>

#include <memory>
#include <thread>
#include <vector>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace tl {
namespace view {
class SweepChart;
}

// The sweep's chart in a widget (the same picture as `threadlens sweep --png`); a click on a
// median dot reports its value and GIL mode.
class SweepChartView : public QWidget {
    Q_OBJECT
public:
    explicit SweepChartView(QWidget* parent = nullptr);
    ~SweepChartView() override;
    void setData(const SweepPlan& plan, const std::vector<SweepRow>& rows);
    void clear();
    void setDark(bool dark);
    QSize sizeHint() const override { return {900, 560}; }
signals:
    void pointClicked(size_t value, bool gil);

protected:
    void paintEvent(QPaintEvent*) override;
    void mousePressEvent(QMouseEvent*) override;
    void mouseMoveEvent(QMouseEvent*) override;

private:
    std::unique_ptr<view::SweepChart> chart_;
    bool dark_ = false;
};

// Run ▸ Sweep…: one parameter of the current lesson (or the GIL) over a range, a step or
// doubling, repetitions and a time scale; runs on a thread of its own with a progress bar and
// an estimate of the time left; Cancel ends the run in progress at once. The chart fills in as
// runs finish; clicking a point opens the run nearest its median (openRun).
//
// Threading contract: GUI thread. The sweep runs on its own std::thread; its rows come back
// queued; closing or destroying the dialog cancels and joins it (no thread outlives it).
class SweepDialog : public QDialog {
    Q_OBJECT
public:
    SweepDialog(const Scenario& scenario, const ParamValues& values, const RunOptions& options,
                QWidget* parent = nullptr);
    ~SweepDialog() override;

    // Starts the sweep as the form says; false (the reason shown) when the form is invalid.
    bool start();
    void cancel();
    bool running() const { return worker_.joinable() && !finished_; }
    const std::vector<SweepRow>& rows() const { return rows_; }
    const SweepPlan& plan() const { return plan_; }
    QString error() const;
    // "about 12 s left" while running (from the runs so far), "done in 8.5 s", "cancelled".
    QString estimate() const;
    // The form, for tests and callers: "workers=1..16", a step, doubling, repetitions, "both".
    void setRequest(const SweepRequest& request, double timeScale);

signals:
    void openRun(std::shared_ptr<const tl::Trace> trace, const QString& label);
    void rowAdded(int done);  // a run finished: its row is in rows(), the chart and progress
    void finished(bool completed);  // all runs done (true) or cancelled (false)

protected:
    void closeEvent(QCloseEvent* e) override;

private:
    SweepRequest request() const;
    void paramChanged();
    void addRow(const SweepRow& row, std::shared_ptr<const Trace> trace);
    void done(bool completed);
    void updateProgress();
    void join();

    const Scenario& scenario_;
    ParamValues values_;
    RunOptions options_;
    QComboBox* param_ = nullptr;
    QLineEdit* range_ = nullptr;
    QDoubleSpinBox* step_ = nullptr;
    QCheckBox* double_ = nullptr;
    QSpinBox* repeat_ = nullptr;
    QComboBox* gil_ = nullptr;
    QDoubleSpinBox* timeScale_ = nullptr;
    QLabel* message_ = nullptr;
    QProgressBar* progress_ = nullptr;
    QLabel* estimate_ = nullptr;
    QPushButton* start_ = nullptr;
    QPushButton* cancel_ = nullptr;
    SweepChartView* chart_ = nullptr;

    SweepPlan plan_;
    std::unique_ptr<SweepRunner> runner_;
    std::thread worker_;
    bool finished_ = false;
    QElapsedTimer clock_;
    std::vector<SweepRow> rows_;
    std::vector<std::shared_ptr<const Trace>> traces_;  // per row
};

}  // namespace tl
