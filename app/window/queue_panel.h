// SPDX-License-Identifier: MIT
#pragma once
#include "chart_util.h"
#include "engine/model/trace.h"

#include <QWidget>

class QChart;
class QChartView;
class QLabel;
class QStackedWidget;

namespace tl {

// Queue depth over the visible range, one line per queue (bucketed `depth` counters) with
// its capacity as a dashed line; the legend names puts and gets. GUI thread only.
class QueuePanel : public QWidget {
    Q_OBJECT
public:
    explicit QueuePanel(QWidget* parent = nullptr);
    void setTrace(const Trace* trace);
    void refresh();
    void refresh(const RunStats& stats);  // the same with statistics already at hand
    void setVisibleRange(int64_t from, int64_t to, bool redraw = true);  // see ContentionPanel
    void setDark(bool dark);
    int queueCount() const { return int(queues_.size()); }
    QChart* chart() const { return chart_; }

protected:
    void changeEvent(QEvent* e) override;  // View ▸ Text size reaches the chart

private:
    void rebuildSeries();  // the charts only: statistics are cached by refresh()

    const Trace* trace_ = nullptr;
    std::vector<QueueStats> queues_;
    int64_t from_ = 0, to_ = 0;
    bool dark_ = false;
    QStackedWidget* stack_;
    QLabel* empty_;
    QChart* chart_;
    QChartView* view_;
    ChartParts parts_;
};

}  // namespace tl
