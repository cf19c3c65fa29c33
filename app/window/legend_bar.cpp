// SPDX-License-Identifier: MIT
#include "legend_bar.h"

#include "app/view/timeline_view.h"

#include <QPainter>
#include <QTimer>

namespace tl {

LegendBar::LegendBar(view::TimelineView* timeline, QWidget* parent) : QWidget(parent), timeline_(timeline)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

QSize LegendBar::sizeHint() const
{
    const int h = height_ > 0 ? height_ : fontMetrics().height() + 14;
    return {200, h};
}

void LegendBar::traceChanged()
{
    const int h = timeline_->renderer().legendHeight(std::max(200, width()), timeline_->isDark());
    if (h != height_) {
        height_ = h;
        updateGeometry();
    }
    update();
}

void LegendBar::resizeEvent(QResizeEvent*)
{
    // Later, not now: a resize can come in the middle of a trace swap (a panel's relayout while the
    // window hands the new trace to each view), when the timeline still points at the old one.
    QTimer::singleShot(0, this, &LegendBar::traceChanged);
}

void LegendBar::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    timeline_->renderer().paintLegend(p, rect(), timeline_->isDark());
}

}  // namespace tl
