// SPDX-License-Identifier: MIT
#pragma once
#include "engine/model/trace.h"
#include "zoom_control.h"

#include <QFont>
#include <QRect>
#include <QString>

#include <utility>
#include <vector>

class QPainter;

namespace tl::view {

// The numbers of the window's panels over one time range [start, end] of a run: what an export
// "with panels" shows under the timeline. Over the whole run they equal Trace::statistics().
struct LockSummary {
    ObjectId object = 0;
    QString name;
    ObjectKind kind = ObjectKind::Lock;
    int64_t acquisitions = 0;  // holds that began in the range
    int64_t contended = 0;  // waits that ended in the range, got it or gave up (LockStats)
    int64_t gaveUp = 0;  // of those, the ones that gave up
    double contendedShare = 0;  // contentionShare(): contended / (acquisitions + gaveUp)
    int64_t waitTotal = 0;  // time threads spent waiting for it inside the range
    int64_t waitMax = 0;  // the longest single wait (its part inside the range)
};
struct QueueSummary {
    ObjectId object = 0;
    QString name;
    int64_t capacity = 0;  // 0 = unbounded
    int64_t puts = 0, gets = 0;  // in the range
    int64_t maxDepth = 0;  // in the range
};
// Durations are lesson time (real × the trace's speed), like Trace::statistics().
struct RangeSummary {
    TimeRange range;
    int64_t wall = 0;  // the range's span
    WorkFigures work;  // what the threads did inside the range
    double speed = 1;  // the run's speed
    int cores = 0;
    std::vector<std::pair<LaneId, double>> busyShare;  // per lane alive in the range: CPU time / life
    bool hasLocks = false, hasQueues = false;  // the trace has such objects at all
    std::vector<LockSummary> locks;  // lock-like objects active in the range, most waiting first
    std::vector<QueueSummary> queues;  // every queue of the trace
};
RangeSummary summarizeRange(const Trace& trace, TimeRange range);

// Where PanelsRenderer puts things (the rectangle given to layout()/paint()'s coordinates).
struct PanelsLayout {
    QRect contention, queues, stats;  // the sections; null when left out
    struct LockRow {
        ObjectId object = 0;
        QRect row;  // the whole row (name column included)
        QRectF total, longest;  // the two bars (zero width when it never waited)
    };
    std::vector<LockRow> lockRows;
    QRect queuePlot;  // depth chart; x spans exactly the timeline's plot columns
    double queueTop = 1;  // the depth at queuePlot.top() (0 at its bottom)
    int height = 0;  // everything, in logical pixels
};

// Paints the lock-contention summary (bars of total and longest wait per lock), the queue-depth
// chart (depth per queue over time, its capacity dashed) and a short statistics block, for one
// time range. Time-based parts use the columns [plotLeft, plotLeft + plotWidth) so they line up
// with a timeline painted above; names and axis labels go in the columns left of it. Painter
// based (no Qt Charts): the exporter and the command line use it, at any scale, to raster, SVG
// and PDF alike. Counters are drawn from bucketed envelopes (~2 buckets per pixel), never raw.
//
// Threading contract: one owner thread, which must not mutate the Trace during layout()/paint();
// keeps a cache of the last range's summary.
class PanelsRenderer {
public:
    explicit PanelsRenderer(const Trace* trace);
    void setFont(const QFont& font);  // default: the application font, like the timeline
    QFont font() const { return font_; }

    // Sections with nothing to show (no lock, no queue) are left out; height 0 = nothing at all.
    PanelsLayout layout(const QRect& rect, int plotLeft, int plotWidth, TimeRange range);
    int height(int width, int plotLeft, int plotWidth, TimeRange range);
    void paint(QPainter& p, const QRect& rect, int plotLeft, int plotWidth, TimeRange range, bool dark);

    const RangeSummary& summary(TimeRange range);

    static constexpr int kMaxLockRows = 10;  // more locks: the most waited-for, then "+N more"

private:
    struct Metrics;
    struct Painter;  // one paint() call's context and its passes
    Metrics metrics() const;
    QString statsLine(const RangeSummary& s) const;
    QString busyLine(const RangeSummary& s) const;

    const Trace* trace_ = nullptr;
    QFont font_;
    RangeSummary summary_;
    uint64_t summaryGeneration_ = ~0ull;
};

}  // namespace tl::view
