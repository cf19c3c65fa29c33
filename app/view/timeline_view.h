// SPDX-License-Identifier: MIT
#pragma once
#include "timeline_renderer.h"
#include "zoom_control.h"

#include <QAbstractScrollArea>
#include <QElapsedTimer>
#include <QTimer>
#include <QMap>
#include <QPointer>
#include <QSet>

namespace tl::view {

// The timeline widget: a TimelineRenderer in a vertically scrolling area, following one
// ZoomControl (shared with charts). Ctrl+wheel zooms around the cursor, drag pans, the plain
// wheel scrolls lanes, + / - / 0 zoom and fit, Backspace goes back in zoom history,
// Shift+drag selects a range (its duration shown), hover shows details, click selects.
//
// Geometry is built synchronously on the GUI thread and cached per (visible range, width,
// generation): bench_timeline measures (Release, CPU time) 13 ms to rebuild the geometry of
// 1,000,000 intervals / 64 lanes and 11 ms to paint a 1920x1080 frame, so a zoom step on the
// largest trace costs ~20 ms and a course-sized run far less; a worker thread (STYLE.md 11)
// would also need a snapshot of the Trace, which is not thread-safe. Hover, selection, grid
// and playhead are drawn live over the cached geometry and never rebuild it. During a live run
// the index grows incrementally (TraceIndex::update) and frames are paced by their own cost
// (traceUpdated), so the GUI thread stays at least half free (bench_live).
//
// Threading contract: GUI thread only. The Trace is not owned and must outlive the view (or be
// replaced by setTrace); call traceUpdated() after each ingest.
class TimelineView : public QAbstractScrollArea {
    Q_OBJECT
public:
    explicit TimelineView(QWidget* parent = nullptr);

    void setTrace(const Trace* trace);
    const Trace* trace() const { return renderer_.trace(); }
    // Shares a zoom control (e.g. with the charts); the view's own one by default.
    void setZoomControl(ZoomControl* zoom);
    ZoomControl* zoomControl() const { return zoom_; }
    TimelineRenderer& renderer() { return renderer_; }

    void setDark(bool dark);
    bool isDark() const { return options_.dark; }
    TimelineItem selectedItem() const { return options_.selected; }
    TimelineItem hoveredItem() const { return options_.hover; }
    ObjectId highlightedObject() const { return options_.highlight; }
    const RenderOptions& renderOptions() const { return options_; }

    // Viewport coordinates.
    TimelineItem itemAt(QPoint pos);
    int64_t timeAt(int x);
    int xOf(int64_t t);
    QRect plotRect();

public slots:
    void traceUpdated();                         // the trace grew (live) or finished
    void selectItem(const tl::view::TimelineItem& item);  // from outside: reveal + select
    void selectAt(tl::LaneId lane, int64_t t);   // the interval of `lane` at t
    void highlightObject(tl::ObjectId object);   // 0 clears
    void setAnnotations(const QMap<tl::LaneId, QString>& annotations);  // step mode
    void setAlarm(const QSet<tl::LaneId>& lanes, const QSet<tl::ObjectId>& objects);  // deadlock
    void clearAlarm();

signals:
    void itemSelected(const tl::view::TimelineItem& item);
    void itemHovered(const tl::view::TimelineItem& item);
    void laneClicked(tl::LaneId lane);

protected:
    void paintEvent(QPaintEvent*) override;
    void resizeEvent(QResizeEvent*) override;
    void wheelEvent(QWheelEvent*) override;
    void mousePressEvent(QMouseEvent*) override;
    void mouseMoveEvent(QMouseEvent*) override;
    void mouseReleaseEvent(QMouseEvent*) override;
    void leaveEvent(QEvent*) override;
    void keyPressEvent(QKeyEvent*) override;
    bool viewportEvent(QEvent*) override;

private:
    void updateScrollBar();
    QRect paintRect() const;

    TimelineRenderer renderer_;
    RenderOptions options_;
    QPointer<ZoomControl> zoom_;
    ZoomControl* ownZoom_ = nullptr;
    enum class Drag { None, Pan, Select } drag_ = Drag::None;
    QPoint pressPos_;
    int64_t pressTime_ = 0;
    TimeRange pressRange_;
    bool moved_ = false;
    // Live frame pacing (traceUpdated): the last paint's cost and the time since it ended.
    bool inTraceUpdate_ = false;
    qint64 lastPaintNs_ = 0;
    QElapsedTimer sincePaint_;
    QTimer pace_;
};

} // namespace tl::view
