// SPDX-License-Identifier: MIT
#pragma once
#include "chart_util.h"
#include "engine/model/trace.h"

#include <QWidget>

#include <optional>

class QChart;
class QChartView;
class QLabel;
class QStackedWidget;
class QTableWidget;
class QValueAxis;

namespace tl {

class DiffTree;

// Lock contention: a table of every lock-like object (locks, rlocks, semaphores) with its
// acquisitions, contended share and waits; a bar chart of total and longest wait per lock;
// and the number of waiting threads over the visible range (the model's derived `waiters`
// counters, bucketed — never raw points). Selecting a lock emits lockSelected so the
// timeline highlights its holds and waits.
//
// Threading contract: GUI thread only; the trace is not owned; refresh() after it grew.
class ContentionPanel : public QWidget {
    Q_OBJECT
public:
    explicit ContentionPanel(QWidget* parent = nullptr);
    void setTrace(const Trace* trace);
    void refresh();  // statistics and charts
    void refresh(const RunStats& stats);  // the same with statistics already at hand
    // The waiters chart follows the timeline; redraw = false only records the range for the
    // next refresh (a live run moves the range at every poll).
    void setVisibleRange(int64_t from, int64_t to, bool redraw = true);
    void setDark(bool dark);
    ObjectId selectedLock() const { return selected_; }
    void selectLock(ObjectId id);  // 0 = none
    int lockCount() const;
    // Compare (issue 18): the pinned run A's statistics; beside this run's table, every lock's
    // acquisitions, contended share, wait total and longest wait in A, B and the change.
    void setPinned(std::optional<RunStats> a);
    DiffTree* compareTree() const { return compare_; }
    QTableWidget* table() const { return table_; }
    QChart* waitersChart() const { return waitersChart_; }

signals:
    void lockSelected(tl::ObjectId id);

protected:
    void changeEvent(QEvent* e) override;  // View ▸ Text size reaches the charts

private:
    void rebuildWaiters();

    const Trace* trace_ = nullptr;
    std::vector<LockStats> locks_;
    std::optional<RunStats> pinned_;
    ObjectId selected_ = 0;
    int64_t from_ = 0, to_ = 0;
    bool dark_ = false;
    QStackedWidget* stack_;
    QLabel* empty_;
    DiffTree* compare_;
    QTableWidget* table_;
    QChart* barsChart_;
    QChartView* barsView_;
    QChart* waitersChart_;
    QChartView* waitersView_;
    ChartParts bars_, waiters_;
};

}  // namespace tl
