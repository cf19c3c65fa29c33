// SPDX-License-Identifier: MIT
#include "timeline_view.h"
#include "compare_renderer.h"
#include "units.h"

#include "engine/model/run_compare.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QScrollBar>
#include <QToolTip>
#include <QWheelEvent>

#include <cmath>

namespace tl::view {

TimelineView::TimelineView(QWidget* parent) : QAbstractScrollArea(parent)
{
    setFocusPolicy(Qt::StrongFocus);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setVerticalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    setFrameShape(QFrame::NoFrame);
    viewport()->setMouseTracking(true);
    viewport()->setAttribute(Qt::WA_OpaquePaintEvent);
    pace_.setSingleShot(true);
    connect(&pace_, &QTimer::timeout, viewport(), qOverload<>(&QWidget::update));
    renderer_.setFont(font());
    builds_.setMaxThreadCount(1);
    ownZoom_ = new ZoomControl(this);
    setZoomControl(ownZoom_);
    connect(verticalScrollBar(), &QScrollBar::valueChanged, this, [this](int v) {
        options_.verticalOffset = v;
        viewport()->update();
    });
}

void TimelineView::setZoomControl(ZoomControl* zoom)
{
    if (!zoom)
        zoom = ownZoom_;
    if (zoom_)
        disconnect(zoom_, nullptr, this, nullptr);
    zoom_ = zoom;
    connect(zoom_, &ZoomControl::visibleRangeChanged, this, [this] {
        if (!inTraceUpdate_)
            viewport()->update();  // a live frame is paced by traceUpdated()
    });
    connect(zoom_, &ZoomControl::selectionChanged, this, [this](TimeRange r) {
        options_.selection = r;
        viewport()->update();
    });
    connect(zoom_, &ZoomControl::playheadChanged, this, [this](int64_t t) {
        options_.playhead = t;
        viewport()->update();
    });
    options_.selection = zoom_->selection();
    options_.playhead = zoom_->playhead();
    viewport()->update();
}

void TimelineView::setTrace(const Trace* trace)
{
    renderer_.setTrace(trace);
    currentWall_ = -1;
    options_.previewGeometry = false;
    options_.hover = options_.selected = TimelineItem{};
    options_.highlight = 0;
    options_.alarmLanes.clear();
    options_.alarmObjects.clear();
    options_.annotations.clear();
    zoom_->reset();
    traceUpdated();
}

void TimelineView::setFinishedTrace(std::shared_ptr<const Trace> trace)
{
    const bool on = trace && trace.get() == renderer_.trace();
    currentWall_ = on ? trace->statistics().wall : -1;
    renderer_.shareTrace(on ? std::move(trace) : nullptr);
    options_.previewGeometry = on;
    updateCompare();
    viewport()->update();
}

void TimelineView::setPinned(std::shared_ptr<const Trace> a)
{
    pinnedTrace_ = std::move(a);
    pinned_.reset();
    if (pinnedTrace_) {
        pinned_ = std::make_unique<TimelineRenderer>(pinnedTrace_.get());
        pinned_->setFont(font());
        pinned_->setGroupFolds(renderer_.groupFolds());
        pinned_->shareTrace(pinnedTrace_);
        pinnedWall_ = pinnedTrace_->statistics().wall;
    }
    traceUpdated();  // the axis now spans both runs (or one again), the halves and labels follow
}

TimelineView::Halves TimelineView::halves() const
{
    const QRect v = viewport()->rect();
    if (!pinned_)
        return {{}, {}, {}, v};
    const int label = runLabelHeight();
    // A takes what its lanes need, at most half of what the two timelines share; B scrolls.
    const int room = std::max(0, v.height() - 2 * label);
    const int a = std::min(pinned_->naturalHeight(pinnedOptions()), room / 2);
    Halves h;
    h.labelA = QRect(v.left(), v.top(), v.width(), label);
    h.timelineA = QRect(v.left(), h.labelA.bottom() + 1, v.width(), a);
    h.labelB = QRect(v.left(), h.timelineA.bottom() + 1, v.width(), label);
    h.timelineB = QRect(v.left(), h.labelB.bottom() + 1, v.width(), std::max(0, v.bottom() - h.labelB.bottom()));
    return h;
}

RenderOptions TimelineView::pinnedOptions() const
{
    // A shares the axis, the selection and the playhead; B's items and objects are not A's.
    RenderOptions o;
    o.dark = options_.dark;
    o.headerWidth = options_.headerWidth;
    o.laneHeight = options_.laneHeight;
    o.selection = options_.selection;
    o.playhead = options_.playhead;
    o.hiddenLayers = options_.hiddenLayers;
    return o;
}

void TimelineView::updateCompare()
{
    const Trace* b = renderer_.trace();
    if (!pinned_ || !b) {
        options_.headerWidth = 0;
        labelA_.clear();
        labelB_.clear();
        return;
    }
    options_.headerWidth = std::max(renderer_.headerWidth(), pinned_->headerWidth());
    const RunLabels l = differences(*pinnedTrace_, *b);
    labelA_ = runLabel(QStringLiteral("A"), l.a, *pinnedTrace_, pinnedWall_);
    labelB_ = runLabel(QStringLiteral("B"), l.b, *b, currentWall_ >= 0 ? currentWall_ : renderer_.index().end);
}

void TimelineView::startBuild()
{
    const QRect plot = plotRect();
    auto job = renderer_.geometryJob(zoom_->visibleRange(), plot.width(), options_.laneHeight);
    if (!job)
        return;
    building_ = true;
    builds_.start([this, job = std::move(*job)] {
        std::shared_ptr<const Geometry> g = job.run();
        QMetaObject::invokeMethod(
            this,
            [this, job, g] {
                building_ = false;
                // Kept even when the view moved on meanwhile: it is then the closest preview.
                renderer_.adoptGeometry(job, g);
                viewport()->update();
                emit geometryBuilt();
            },
            Qt::QueuedConnection);
    });
}

void TimelineView::traceUpdated()
{
    const Trace* t = renderer_.trace();
    if (!t) {
        viewport()->update();
        return;
    }
    const int64_t end = std::max(renderer_.index().end, pinned_ ? pinned_->index().end : 0);
    updateCompare();
    inTraceUpdate_ = true;
    zoom_->setTraceRange(0, std::max<int64_t>(end, 1));
    if (zoom_->visibleRange().isEmpty())
        zoom_->setVisibleRange(0, std::max<int64_t>(end, 1));
    inTraceUpdate_ = false;
    updateScrollBar();
    // A live run asks for a frame at every poll. After a frame that took c ms the next one waits
    // until the GUI thread has been free for c ms, so however large the trace grows, at least
    // half of the thread stays free for the learner's input.
    const qint64 waitMs = sincePaint_.isValid() ? (lastPaintNs_ - sincePaint_.nsecsElapsed()) / 1000000 : 0;
    if (waitMs <= 0)
        viewport()->update();
    else if (!pace_.isActive())
        pace_.start(int(waitMs));
}

void TimelineView::setDark(bool dark)
{
    if (options_.dark == dark)
        return;
    options_.dark = dark;
    viewport()->update();
}

void TimelineView::changeEvent(QEvent* e)
{
    QAbstractScrollArea::changeEvent(e);
    if (e->type() == QEvent::LanguageChange) {
        renderer_.invalidate();
        viewport()->update();
    } else if (e->type() == QEvent::FontChange) {  // View ▸ Text size: names, ruler and rows grow
        renderer_.setFont(font());
        if (pinned_)
            pinned_->setFont(font());
        updateCompare();
        updateScrollBar();
        viewport()->update();
    }
}

QRect TimelineView::paintRect() const { return halves().timelineB; }

QRect TimelineView::plotRect() { return renderer_.frame(paintRect(), options_).plot; }

int64_t TimelineView::timeAt(int x)
{
    const QRect plot = plotRect();
    const TimeRange v = zoom_->visibleRange();
    if (plot.width() <= 0)
        return v.start;
    return v.start + int64_t(std::llround(double(x - plot.left()) * double(v.span()) / plot.width()));
}

int TimelineView::xOf(int64_t t)
{
    const QRect plot = plotRect();
    const TimeRange v = zoom_->visibleRange();
    if (v.isEmpty())
        return plot.left();
    return plot.left() + int(std::lround(double(t - v.start) * plot.width() / double(v.span())));
}

TimelineItem TimelineView::itemAt(QPoint pos)
{
    if (!paintRect().contains(pos))
        return {};  // A's half, or a label
    return renderer_.hitTest(paintRect(), zoom_->visibleRange(), options_, pos);
}

void TimelineView::updateScrollBar()
{
    const int content = renderer_.layout(options_.laneHeight).contentHeight;
    const QRect plot = plotRect();
    QScrollBar* sb = verticalScrollBar();
    sb->setRange(0, std::max(0, content - plot.height()));
    sb->setPageStep(std::max(1, plot.height()));
    sb->setSingleStep(20);
    options_.verticalOffset = sb->value();
}

void TimelineView::paintEvent(QPaintEvent*)
{
    QElapsedTimer cost;
    cost.start();
    QPainter p(viewport());
    if (pinned_) {
        const Halves h = halves();
        paintRunLabel(p, h.labelA, labelA_, options_.dark);
        p.save();
        p.setClipRect(h.timelineA);
        pinned_->paint(p, h.timelineA, zoom_->visibleRange(), pinnedOptions());
        p.restore();
        paintRunLabel(p, h.labelB, labelB_, options_.dark);
    }
    if (!building_ && renderer_.showsPreview(zoom_->visibleRange(), plotRect().width(), options_))
        startBuild();
    renderer_.paint(p, paintRect(), zoom_->visibleRange(), options_);
    lastPaintNs_ = cost.nsecsElapsed();
    sincePaint_.start();
}

void TimelineView::resizeEvent(QResizeEvent* e)
{
    QAbstractScrollArea::resizeEvent(e);
    updateScrollBar();
}

void TimelineView::wheelEvent(QWheelEvent* e)
{
    const QPoint pos = e->position().toPoint();
    if (e->modifiers() & Qt::ControlModifier) {
        // Zoom around the time under the cursor; 120 units = one notch = 1.25x.
        const double notches = e->angleDelta().y() / 120.0;
        if (notches != 0)
            zoom_->zoomAround(timeAt(pos.x()), std::pow(0.8, notches));
        e->accept();
        return;
    }
    if (e->modifiers() & Qt::ShiftModifier || std::abs(e->angleDelta().x()) > std::abs(e->angleDelta().y())) {
        const int d = e->angleDelta().x() ? e->angleDelta().x() : e->angleDelta().y();
        const TimeRange v = zoom_->visibleRange();
        zoom_->pan(-int64_t(double(v.span()) * d / 1200.0));
        e->accept();
        return;
    }
    QAbstractScrollArea::wheelEvent(e);  // plain wheel scrolls lanes
}

void TimelineView::mousePressEvent(QMouseEvent* e)
{
    if (e->button() != Qt::LeftButton)
        return QAbstractScrollArea::mousePressEvent(e);
    pressPos_ = e->pos();
    pressTime_ = timeAt(e->pos().x());
    pressRange_ = zoom_->visibleRange();
    moved_ = false;
    drag_ = (e->modifiers() & Qt::ShiftModifier) ? Drag::Select : Drag::Pan;
    if (drag_ == Drag::Pan)
        viewport()->setCursor(Qt::ClosedHandCursor);
}

void TimelineView::mouseMoveEvent(QMouseEvent* e)
{
    if (drag_ != Drag::None && (e->pos() - pressPos_).manhattanLength() >= 4)
        moved_ = true;
    if (drag_ == Drag::Pan && moved_) {
        const QRect plot = plotRect();
        if (plot.width() > 0) {
            const int64_t dt =
                int64_t(double(pressPos_.x() - e->pos().x()) * double(pressRange_.span()) / plot.width());
            const TimeRange want{pressRange_.start + dt, pressRange_.end + dt};
            if (!(want == zoom_->visibleRange()))
                zoom_->pan(want.start - zoom_->visibleRange().start);
        }
        const int dy = pressPos_.y() - e->pos().y();
        (void)dy;  // vertical drag is left to the scroll bar: panning time is what learners expect
        return;
    }
    if (drag_ == Drag::Select && moved_) {
        zoom_->setSelection(pressTime_, timeAt(e->pos().x()));
        return;
    }
    // A lane group's header is clicked to fold or unfold it.
    const auto group = renderer_.groupAt(paintRect(), options_, e->pos());
    if (group && !group->key.isEmpty())
        viewport()->setCursor(Qt::PointingHandCursor);
    else if (drag_ == Drag::None)
        viewport()->unsetCursor();
    const TimelineItem it = itemAt(e->pos());
    if (!(it == options_.hover)) {
        options_.hover = it;
        emit itemHovered(it);
        viewport()->update();
    }
}

void TimelineView::mouseReleaseEvent(QMouseEvent* e)
{
    if (e->button() != Qt::LeftButton)
        return QAbstractScrollArea::mouseReleaseEvent(e);
    const Drag d = drag_;
    drag_ = Drag::None;
    viewport()->unsetCursor();
    if (moved_)
        return;
    // A click: select the item, or the lane when on its header (in B: A's items are not the
    // panels').
    if (!paintRect().contains(e->pos()))
        return;
    if (const auto g = renderer_.groupAt(paintRect(), options_, e->pos()); g && !g->key.isEmpty()) {
        setGroupFolded(g->key, !g->folded);
        return;
    }
    const QRect plot = plotRect();
    if (e->pos().x() < plot.left()) {
        const int lane = renderer_.laneAt(paintRect(), options_, e->pos());
        if (lane >= 0)
            emit laneClicked(LaneId(lane));
        return;
    }
    if (d == Drag::Select)
        zoom_->clearSelection();
    const TimelineItem it = itemAt(e->pos());
    if (!(it == options_.selected)) {
        options_.selected = it;
        viewport()->update();
    }
    emit itemSelected(it);
    const int lane = renderer_.laneAt(paintRect(), options_, e->pos());
    if (lane >= 0)
        emit laneClicked(LaneId(lane));
}

void TimelineView::leaveEvent(QEvent* e)
{
    if (options_.hover.isValid()) {
        options_.hover = {};
        viewport()->update();
    }
    QAbstractScrollArea::leaveEvent(e);
}

void TimelineView::keyPressEvent(QKeyEvent* e)
{
    const TimeRange v = zoom_->visibleRange();
    const int64_t mid = v.start + v.span() / 2;
    switch (e->key()) {
    case Qt::Key_Plus:
    case Qt::Key_Equal: zoom_->zoomAround(mid, 0.5); break;
    case Qt::Key_Minus: zoom_->zoomAround(mid, 2.0); break;
    case Qt::Key_0: zoom_->fitAll(); break;
    case Qt::Key_Left: zoom_->pan(-v.span() / 10); break;
    case Qt::Key_Right: zoom_->pan(v.span() / 10); break;
    case Qt::Key_Backspace: zoom_->back(); break;
    case Qt::Key_Escape:
        zoom_->clearSelection();
        if (options_.selected.isValid()) {
            options_.selected = {};
            emit itemSelected({});
            viewport()->update();
        }
        break;
    default: QAbstractScrollArea::keyPressEvent(e); return;
    }
    e->accept();
}

void TimelineView::setGroupFolded(const QString& key, bool folded)
{
    GroupFolds folds = renderer_.groupFolds();
    folds[key] = folded;
    renderer_.setGroupFolds(folds);
    if (pinned_)
        pinned_->setGroupFolds(folds);
    updateScrollBar();
    viewport()->update();
}

bool TimelineView::viewportEvent(QEvent* e)
{
    if (e->type() == QEvent::ToolTip) {
        auto* he = static_cast<QHelpEvent*>(e);
        const Halves h = halves();
        if (pinned_ && h.timelineA.contains(he->pos())) {
            const TimelineItem it = pinned_->hitTest(h.timelineA, zoom_->visibleRange(), pinnedOptions(), he->pos());
            if (it.isValid())
                QToolTip::showText(he->globalPos(), describeItem(*pinnedTrace_, it), viewport());
            else
                QToolTip::hideText();
            return true;
        }
        if (const auto g = renderer_.groupAt(paintRect(), options_, he->pos()); g && !g->key.isEmpty()) {
            QToolTip::showText(he->globalPos(),
                               g->folded ? tr("Click to show each of these threads with its name, tasks and holds")
                                         : tr("Click to fold these threads into thin bars"),
                               viewport());
            return true;
        }
        const TimelineItem it = itemAt(he->pos());
        if (it.isValid() && renderer_.trace())
            QToolTip::showText(he->globalPos(), describeItem(*renderer_.trace(), it), viewport());
        else
            QToolTip::hideText();
        return true;
    }
    return QAbstractScrollArea::viewportEvent(e);
}

void TimelineView::selectItem(const TimelineItem& item)
{
    options_.selected = item;
    if (item.isValid() && renderer_.trace()) {
        // Reveal: scroll the lane into view and pan (keeping the zoom) if the item is off screen.
        const TimeRange r = itemRange(*renderer_.trace(), item);
        const TimeRange v = zoom_->visibleRange();
        if (r.end < v.start || r.start > v.end) {
            const int64_t c = r.start + r.span() / 2;
            zoom_->pan(c - (v.start + v.span() / 2));
        }
        const LaneLayout& l = renderer_.layout(options_.laneHeight);
        if (item.lane < l.rowOfLane.size() && l.rowOfLane[item.lane] >= 0) {
            const LaneRow& row = l.rows[size_t(l.rowOfLane[item.lane])];
            QScrollBar* sb = verticalScrollBar();
            const int h = plotRect().height();
            if (row.y < sb->value())
                sb->setValue(row.y);
            else if (row.y + row.height > sb->value() + h)
                sb->setValue(row.y + row.height - h);
        }
    }
    viewport()->update();
    emit itemSelected(item);
}

void TimelineView::selectAt(LaneId lane, int64_t t)
{
    const Trace* tr = renderer_.trace();
    if (!tr || lane >= tr->lanes.size())
        return;
    const auto& ivs = tr->lanes[lane].intervals;
    auto it = std::partition_point(ivs.begin(), ivs.end(),
                                   [&](const Interval& iv) { return iv.end <= t && iv.end >= iv.start; });
    if (it == ivs.end() || it->start > t)
        return;
    selectItem({TimelineItem::Kind::Interval, lane, uint32_t(it - ivs.begin()), 1});
}

void TimelineView::setLayerShown(Layer layer, bool shown)
{
    const uint32_t hidden = shown ? options_.hiddenLayers & ~layerBit(layer) : options_.hiddenLayers | layerBit(layer);
    if (hidden == options_.hiddenLayers)
        return;
    options_.hiddenLayers = hidden;
    options_.hover = {};  // the hovered item may have been in that layer
    viewport()->update();
}

void TimelineView::highlightObject(ObjectId object)
{
    if (options_.highlight == object)
        return;
    options_.highlight = object;
    viewport()->update();
}

void TimelineView::setAnnotations(const QMap<LaneId, QString>& annotations)
{
    options_.annotations = annotations;
    viewport()->update();
}

void TimelineView::setAlarm(const QSet<LaneId>& lanes, const QSet<ObjectId>& objects)
{
    options_.alarmLanes = lanes;
    options_.alarmObjects = objects;
    viewport()->update();
}

void TimelineView::clearAlarm() { setAlarm({}, {}); }

}  // namespace tl::view
