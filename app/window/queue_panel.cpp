// SPDX-License-Identifier: MIT
#include "queue_panel.h"

#include "app/i18n/language.h"

#include "app/view/palette.h"
#include "chart_util.h"

#include <QChart>
#include <QChartView>
#include <QLabel>
#include <QLineSeries>
#include <QStackedWidget>
#include <QValueAxis>
#include <QVBoxLayout>

#include <algorithm>

namespace tl {

QueuePanel::QueuePanel(QWidget* parent)
    : QWidget(parent), stack_(new QStackedWidget(this)), empty_(new QLabel(this)), chart_(new QChart),
      view_(new QChartView(chart_))
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(stack_);
    stack_->addWidget(view_);
    stack_->addWidget(empty_);
    empty_->setAlignment(Qt::AlignCenter);
    empty_->setWordWrap(true);
    i18n::retranslate(this, [this] {
        empty_->setText(
            tr("No queues in this run.\nLessons with queue.Queue show here how full each queue was over time."));
    });
    view_->setRenderHint(QPainter::Antialiasing);
    view_->setMinimumHeight(140);
    styleChart(chart_, false);
}

void QueuePanel::setTrace(const Trace* trace)
{
    trace_ = trace;
    refresh();
}

void QueuePanel::setDark(bool dark)
{
    dark_ = dark;
    styleChart(chart_, dark);
    refresh();
}

void QueuePanel::changeEvent(QEvent* e)
{
    if (e->type() == QEvent::FontChange)
        setChartFont(chart_, font());
    QWidget::changeEvent(e);
}

void QueuePanel::setVisibleRange(int64_t from, int64_t to, bool redraw)
{
    if (from == from_ && to == to_)
        return;
    from_ = from;
    to_ = to;
    if (redraw)
        rebuildSeries();
}

void QueuePanel::refresh() { refresh(trace_ && !trace_->lanes.empty() ? trace_->statistics() : RunStats{}); }

void QueuePanel::refresh(const RunStats& stats)
{
    queues_.clear();
    if (trace_ && !trace_->lanes.empty())
        queues_ = stats.queues;
    rebuildSeries();
}

void QueuePanel::rebuildSeries()
{
    stack_->setCurrentIndex(queues_.empty() ? 1 : 0);
    if (!trace_ || queues_.empty()) {
        parts_.clear(chart_);
        return;
    }
    int64_t from = from_, to = to_;
    if (to <= from) {
        from = 0;
        to = std::max<int64_t>(trace_->duration(), 1);
    }
    const int pixels = std::max(100, int(chart_->plotArea().width()));
    std::vector<uint64_t> keys{uint64_t(dark_)};
    for (const QueueStats& q : queues_)
        keys.push_back((uint64_t(q.object) << 1) | uint64_t(q.capacity > 0));
    if (!parts_.shows(keys)) {
        parts_.clear(chart_);
        auto* x = new QValueAxis;
        auto* y = new QValueAxis;
        y->setTitleText(tr("items in queue"));
        chart_->addAxis(x, Qt::AlignBottom);
        chart_->addAxis(y, Qt::AlignLeft);
        parts_ = {keys, {}, {x, y}};
        setChartFont(chart_, font());
        for (const QueueStats& q : queues_) {
            auto* depth = new QLineSeries;
            chart_->addSeries(depth);
            depth->attachAxis(x);
            depth->attachAxis(y);
            QPen pen(view::objectColor(q.object, dark_));  // the queue's colour everywhere
            pen.setWidthF(2.0);
            depth->setPen(pen);
            parts_.series.push_back(depth);
            if (q.capacity > 0) {
                auto* cap = new QLineSeries;
                cap->setName(tr("%1 capacity (%2)").arg(QString::fromStdString(q.name)).arg(q.capacity));
                chart_->addSeries(cap);
                cap->attachAxis(x);
                cap->attachAxis(y);
                QPen cp(pen.color());
                cp.setStyle(Qt::DashLine);
                cp.setWidthF(1.5);
                cap->setPen(cp);
                parts_.series.push_back(cap);
            }
        }
    }
    setTimeAxis(static_cast<QValueAxis*>(parts_.axes[0]), from, to);
    double top = 1;
    size_t at = 0;
    for (const QueueStats& q : queues_) {
        auto* depth = static_cast<QLineSeries*>(parts_.series[at++]);
        const QString name = tr("%1 (puts %2, gets %3)").arg(QString::fromStdString(q.name)).arg(q.puts).arg(q.gets);
        if (depth->name() != name)
            depth->setName(name);
        const CounterSeries* c = trace_->counter(q.object, CounterKind::Depth);
        const auto points = c ? counterSteps(*c, from, to, pixels) : QList<QPointF>{};
        for (const QPointF& p : points)
            top = std::max(top, p.y());
        depth->replace(points);
        if (q.capacity > 0) {
            auto* cap = static_cast<QLineSeries*>(parts_.series[at++]);
            cap->replace(
                QList<QPointF>{{double(from) / 1e6, double(q.capacity)}, {double(to) / 1e6, double(q.capacity)}});
            top = std::max(top, double(q.capacity));
        }
    }
    setCountAxis(static_cast<QValueAxis*>(parts_.axes[1]), top);
}

}  // namespace tl
