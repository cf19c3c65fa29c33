// SPDX-License-Identifier: MIT
#include "legend_bar.h"

#include "app/view/timeline_view.h"

#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QTimer>
#include <QToolTip>

namespace tl {

LegendBar::LegendBar(view::TimelineView* timeline, QWidget* parent) : QWidget(parent), timeline_(timeline)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    setMouseTracking(true);  // the hand cursor over entries that can be clicked
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
    timeline_->renderer().paintLegend(p, rect(), timeline_->isDark(), timeline_->hiddenLayers());
}

void LegendBar::mousePressEvent(QMouseEvent* e)
{
    const auto layer = timeline_->renderer().legendLayerAt(rect(), e->position().toPoint(), timeline_->isDark());
    if (!layer || e->button() != Qt::LeftButton)
        return QWidget::mousePressEvent(e);
    timeline_->setLayerShown(*layer, timeline_->hiddenLayers() & view::layerBit(*layer));
    update();
}

void LegendBar::mouseMoveEvent(QMouseEvent* e)
{
    const bool clickable =
        timeline_->renderer().legendLayerAt(rect(), e->position().toPoint(), timeline_->isDark()).has_value();
    setCursor(clickable ? Qt::PointingHandCursor : Qt::ArrowCursor);
}

bool LegendBar::event(QEvent* e)
{
    if (e->type() == QEvent::FontChange)
        QTimer::singleShot(0, this, &LegendBar::traceChanged);  // after the timeline took the new font
    if (e->type() != QEvent::ToolTip)
        return QWidget::event(e);
    auto* help = static_cast<QHelpEvent*>(e);
    const auto layer = timeline_->renderer().legendLayerAt(rect(), help->pos(), timeline_->isDark());
    if (!layer) {
        QToolTip::hideText();
        e->ignore();
        return true;
    }
    QToolTip::showText(help->globalPos(),
                       timeline_->hiddenLayers() & view::layerBit(*layer) ? tr("Hidden: click to show it again")
                                                                          : tr("Click to hide this from the timeline"),
                       this);
    return true;
}

}  // namespace tl
