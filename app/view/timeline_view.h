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
#include <QThreadPool>

namespace tl::view {

// The timeline widget: a TimelineRenderer in a vertically scrolling area, following one
// ZoomControl (shared with charts). Ctrl+wheel zooms around the cursor, drag pans, the plain
// wheel scrolls lanes, + / - / 0 zoom and fit, Backspace goes back in zoom history,
// Shift+drag selects a range (its duration shown), hover shows details, click selects.
//
// Geometry is cached per (visible range, width, generation); hover, selection, grid and
// playhead are drawn live over it and never rebuild it. While a run is live the geometry is
// built on the GUI thread (the Trace is growing there): the index grows incrementally
// (TraceIndex::update) and frames are paced by their own cost (traceUpdated), so the GUI thread
// stays at least half free (bench_live). Once the trace is finished (setFinishedTrace), a zoom
// or pan that needs new geometry builds it on a worker thread: meanwhile the frame shows the
// last geometry stretched onto the new range, and a result that no longer matches the view is
// kept only as the next preview (bench_timeline: BM_ZoomStepFrame vs BM_ZoomStepFramePreview).
//
// Threading contract: a GUI-thread widget. The Trace is not owned and must outlive the view (or
// be replaced by setTrace); call traceUpdated() after each ingest. The worker reads only a
// finished trace it co-owns, and index/layout snapshots (TimelineRenderer::geometryJob).
class TimelineView : public QAbstractScrollArea {
    Q_OBJECT
public:
    explicit TimelineView(QWidget* parent = nullptr);

    void setTrace(const Trace* trace);
    const Trace* trace() const { return renderer_.trace(); }
    // The current trace, shared, now that nothing changes it any more: geometry is built off
    // the GUI thread from then on. Null (or another trace) turns that off.
    void setFinishedTrace(std::shared_ptr<const Trace> trace);
    // Forgets the trace at once, with no redraw or signal: the first step of a trace swap, so that
    // a relayout in the middle of it (another panel's refresh resizing this view) never reads the
    // previous trace, already destroyed. setTrace() follows.
    void releaseTrace() { renderer_.setTrace(nullptr); }
    bool buildsInBackground() const { return options_.previewGeometry; }
    bool geometryPending() const { return building_; }
    // Shares a zoom control (e.g. with the charts); the view's own one by default.
    void setZoomControl(ZoomControl* zoom);
    ZoomControl* zoomControl() const { return zoom_; }
    TimelineRenderer& renderer() { return renderer_; }

    // Compare (issue 18): run A, pinned, drawn above the current trace (B) in this widget on one
    // time axis (the same scale, both from 0, one lane-name column so a time is one x in both),
    // each half under a label saying what differs. Zoom, pan, the range selection and the
    // playhead act on both; items are selected in B, A's show their tooltips. Null: one run.
    void setPinned(std::shared_ptr<const Trace> a);
    const Trace* pinned() const { return pinnedTrace_.get(); }
    const std::shared_ptr<const Trace>& pinnedShared() const { return pinnedTrace_; }
    // The halves in viewport coordinates (labelA/timelineA empty when not comparing) and their
    // labels ("A: workers=2 · GIL off   —   m2.l9 …, 412 ms").
    struct Halves {
        QRect labelA, timelineA, labelB, timelineB;
    };
    Halves halves() const;
    QString pinnedLabel() const { return labelA_; }
    QString currentLabel() const { return labelB_; }

    void setDark(bool dark);
    bool isDark() const { return options_.dark; }
    // Layers switched off from the legend (holds, each kind of arrow, tasks, events): not drawn,
    // not hovered, left out of the exports' legend.
    void setLayerShown(Layer layer, bool shown);
    // Folds or unfolds a lane group (see LaneLayout; a click on its header does it), kept for the
    // next runs; true = folded.
    void setGroupFolded(const QString& key, bool folded);
    const GroupFolds& groupFolds() const { return renderer_.groupFolds(); }
    uint32_t hiddenLayers() const { return options_.hiddenLayers; }
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
    void traceUpdated();  // the trace grew (live) or finished
    void selectItem(const tl::view::TimelineItem& item);  // from outside: reveal + select
    void selectAt(tl::LaneId lane, int64_t t);  // the interval of `lane` at t
    void highlightObject(tl::ObjectId object);  // 0 clears
    void setAnnotations(const QMap<tl::LaneId, QString>& annotations);  // step mode
    void setAlarm(const QSet<tl::LaneId>& lanes, const QSet<tl::ObjectId>& objects);  // deadlock
    void clearAlarm();

signals:
    void geometryBuilt();  // a background build finished (tests, benchmarks)
    void itemSelected(const tl::view::TimelineItem& item);
    void itemHovered(const tl::view::TimelineItem& item);
    void laneClicked(tl::LaneId lane);

protected:
    void paintEvent(QPaintEvent*) override;
    void changeEvent(QEvent*) override;  // a language switch: lane labels are cached in geometry
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
    void updateCompare();
    RenderOptions pinnedOptions() const;
    QRect paintRect() const;
    void startBuild();

    TimelineRenderer renderer_;
    RenderOptions options_;
    // Compare: A's trace and renderer (geometry built here, A is finished), the labels, and B's
    // wall time once B is finished (its recorded end while live).
    std::shared_ptr<const Trace> pinnedTrace_;
    std::unique_ptr<TimelineRenderer> pinned_;
    int64_t pinnedWall_ = 0, currentWall_ = -1;
    QString labelA_, labelB_;
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
    // Background geometry: at most one build at a time; the newest wish waits for it.
    bool building_ = false;
    // Last member: destroyed first, it waits for a running build (whose queued result then
    // dies with this QObject).
    QThreadPool builds_;
};

}  // namespace tl::view
