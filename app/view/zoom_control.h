// SPDX-License-Identifier: MIT
#pragma once
#include <QObject>
#include <cstdint>
#include <vector>

namespace tl::view {

// [start, end) in ns since the run's start.
struct TimeRange {
    int64_t start = 0;
    int64_t end = 0;
    int64_t span() const { return end - start; }
    bool isEmpty() const { return end <= start; }
    bool operator==(const TimeRange&) const = default;
};

// The ONE zoom/selection state shared by the timeline, ruler, charts and playhead (Qt Creator's
// TimelineZoomControl). Every setter clamps, and emits its changed signal exactly once and only
// when the value really changed.
//
// Threading contract: a QObject of the GUI thread; not thread-safe.
class ZoomControl : public QObject {
    Q_OBJECT
public:
    explicit ZoomControl(QObject* parent = nullptr);

    TimeRange traceRange() const { return trace_; }
    TimeRange visibleRange() const { return visible_; }
    TimeRange selection() const { return selection_; }  // empty = none
    int64_t playhead() const { return playhead_; }  // -1 = none
    bool followLive() const { return followLive_; }
    int64_t minimumRange() const { return minimum_; }

    // The visible span never gets narrower than this (default 1 µs).
    void setMinimumRange(int64_t ns);
    // Zoom history (back): each user zoom pushes the range it left.
    bool canGoBack() const { return !history_.empty(); }

public slots:
    // The run grew (live) or a trace was loaded. While following live, the view keeps the
    // newest events in sight: the whole run if it showed the whole run, else the same span at
    // the end.
    void setTraceRange(int64_t start, int64_t end);
    // Programmatic change (no history, does not stop following).
    void setVisibleRange(int64_t start, int64_t end);
    // User actions: push history and stop following live.
    void zoomTo(int64_t start, int64_t end);
    void zoomAround(int64_t t, double factor);  // factor < 1 zooms in; keeps t under the cursor
    void pan(int64_t deltaNs);
    void fitAll();
    bool back();
    void setSelection(int64_t start, int64_t end);
    void clearSelection();
    void setPlayhead(int64_t t);
    void setFollowLive(bool on);
    void reset();  // new run: everything cleared, following live

signals:
    void traceRangeChanged(tl::view::TimeRange range);
    void visibleRangeChanged(tl::view::TimeRange range);
    void selectionChanged(tl::view::TimeRange range);
    void playheadChanged(int64_t t);
    void followLiveChanged(bool on);

private:
    TimeRange clampVisible(TimeRange r) const;
    bool applyVisible(TimeRange r);
    void userChange(TimeRange r);

    TimeRange trace_, visible_, selection_;
    int64_t playhead_ = -1;
    int64_t minimum_ = 1000;
    bool followLive_ = true;
    std::vector<TimeRange> history_;
};

}  // namespace tl::view

Q_DECLARE_METATYPE(tl::view::TimeRange)
