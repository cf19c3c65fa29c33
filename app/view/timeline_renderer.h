// SPDX-License-Identifier: MIT
#pragma once
#include "engine/model/trace.h"
#include "zoom_control.h"

#include <QFont>
#include <QMap>
#include <QRect>
#include <QSet>
#include <QString>

#include <array>
#include <memory>
#include <optional>
#include <vector>

class QPainter;

namespace tl::view {

// What the cursor is on, or what is selected. `index` points into the trace: lane.intervals
// (Interval), trace.holds (Hold), trace.tasks (Task), trace.instants (Instant), trace.flows
// (Flow). A fold of sub-pixel items keeps its count: items [index, index + count) of the lane.
struct TimelineItem {
    enum class Kind : uint8_t { None, Interval, Hold, Task, Instant, Flow };
    Kind kind = Kind::None;
    LaneId lane = 0;
    uint32_t index = 0;
    uint32_t count = 1;
    bool isValid() const { return kind != Kind::None; }
    bool operator==(const TimelineItem&) const = default;
};

// Tooltip text (several lines: state, object, duration, hold, task, fold count).
QString describeItem(const Trace& trace, const TimelineItem& item);
// The time span an item covers (a fold: from its first to its last item).
TimeRange itemRange(const Trace& trace, const TimelineItem& item);

// Rows of the lane area in content coordinates (y from 0 at the top of the first row), lanes
// grouped by process (a header row per process when there is more than one).
struct LaneRow {
    LaneId lane = 0;
    int y = 0, height = 0;
    bool hasTasks = false;   // pool workers get a task strip above the state bar
    // Sub-bands of the row, relative to y.
    int taskTop = 0, barTop = 0, barHeight = 0, holdTop = 0, holdHeight = 0;
};
struct GroupRow {
    int pid = 1;
    int y = 0, height = 0;
    QString label;
};
struct LaneLayout {
    std::vector<LaneRow> rows;      // display order
    std::vector<GroupRow> groups;
    std::vector<int> rowOfLane;     // LaneId -> index into rows, -1 = not shown
    int contentHeight = 0;
    int rowAt(int y) const;         // -1 when y is on no lane row
};

// Per-generation lookup tables the model does not keep per lane (holds, tasks, instants per
// lane sorted by start, with prefix max ends for binary search; flows sorted by start).
struct TraceIndex {
    uint64_t generation = ~0ull;
    int64_t end = 0;                                // the run's end as far as recorded
    // Per-lane copies (not indices): a lane's scan stays contiguous in memory instead of
    // striding through the run-wide arrays (measured: a third of the geometry time).
    struct SpanRef {
        int64_t start = 0, end = 0;   // end resolved (open spans end at `end` above)
        uint32_t index = 0;           // into trace.holds / trace.tasks
        ObjectId object = 0;          // the lock (holds), the future (tasks)
        bool contended = false;       // holds: another lane waited on the lock meanwhile
    };
    std::vector<std::vector<SpanRef>> holds;        // per lane, by start
    std::vector<std::vector<int64_t>> holdMaxEnd;   // per lane: prefix max of hold ends
    std::vector<std::vector<uint8_t>> holdDepth;    // per lane: nesting depth at its start
    std::vector<std::vector<SpanRef>> tasks;        // per lane, by start
    std::vector<std::vector<int64_t>> taskMaxEnd;
    std::vector<std::vector<uint32_t>> instants;    // per lane: indices into trace.instants
    std::vector<uint32_t> flows;                    // complete flows by min(fromT, toT)
    std::vector<int64_t> flowMaxEnd;

    static TraceIndex build(const Trace& trace);
    // Brings the index up to the trace's generation. While the trace only grew at its ends
    // (Trace::structureGeneration() unchanged), the cost follows what was added, not the trace's
    // size, so a live run's frames stay cheap at millions of events; otherwise a full build.
    void update(const Trace& trace);

private:
    // What update() has indexed so far, and what was still open then.
    struct Progress {
        uint64_t structure = ~0ull;
        size_t lanes = 0, holds = 0, tasks = 0, instants = 0, flows = 0;
        std::vector<size_t> intervals;                    // per lane: intervals seen
        struct Open { LaneId lane; uint32_t pos; uint32_t objectPos; };
        std::vector<Open> openHolds, openTasks;           // spans whose end was not recorded yet
        std::vector<uint32_t> pendingFlows;               // flows without both ends yet
        // Holds per lock, by start with a prefix max of ends: who was held while a lane waited.
        struct ObjectHold { int64_t start, end; LaneId lane; uint32_t pos; };
        std::vector<std::vector<ObjectHold>> byObject;
        std::vector<std::vector<int64_t>> byObjectMaxEnd;
    };
    Progress progress_;
};
// TraceIndex::end without building the index (exports of the whole run end there).
int64_t recordedEnd(const Trace& trace);

// Everything drawn in the lane area for one (visible range, plot width, trace generation),
// in content coordinates (x from 0 at the plot's left edge). Built once, replayed per frame.
struct Geometry {
    struct Segment {              // one drawn run of a lane: an interval or a fold of several
        float x0 = 0, x1 = 0;
        uint32_t first = 0, count = 1;
        State state = State::Run; // shown state (the most important one in a fold)
        ObjectId object = 0;      // the shown interval's waited object
        State dominant = State::Run;  // a fold: the state holding most of its time
    };
    // Contended holds (someone waited meanwhile) are drawn at full band height, others thin.
    struct HoldBar { QRectF rect; uint32_t first = 0, count = 1; ObjectId object = 0; LaneId lane = 0; bool contended = false; };
    struct TaskBox { QRectF rect; uint32_t index = 0; LaneId lane = 0; int64_t task = 0; };
    struct Marker { QPointF at; uint32_t first = 0, count = 1; LaneId lane = 0; Ev type = Ev::Mark; };
    struct Arrow { QPointF from, to; uint32_t index = 0; FlowKind kind = FlowKind::Handoff; };
    struct Label { QRectF rect; QString text; State state = State::Run; };

    uint64_t generation = 0;
    TimeRange range;
    int width = 0;
    double pxPerNs = 0;
    // Pixel-snapped integer rectangles: the raster engine's fast path (QRectF went through
    // normalisation and transforms per rectangle); neighbours share their edges exactly.
    std::array<std::vector<QRect>, size_t(State::Count)> rects;  // grouped by colour
    // Folds whose most important state is not where most of their time went are drawn in the
    // dominant colour with a stripe of the important one: waits never vanish, yet a mostly
    // running lane does not read as "all waiting".
    std::array<std::vector<QRect>, size_t(State::Count)> stripes;
    std::vector<std::vector<Segment>> segments;                   // per row, sorted by x
    std::vector<std::pair<ObjectId, std::vector<QRect>>> holdRects;  // grouped by lock colour
    std::vector<std::vector<HoldBar>> holds;                      // per row, by start
    std::vector<TaskBox> tasks;
    std::vector<Marker> markers;                                  // by row, then x
    std::vector<Arrow> arrows;
    std::vector<Label> labels;
    size_t intervalsVisited = 0;
    size_t drawnSegments = 0;
};

struct RenderOptions {
    bool dark = false;
    bool headers = true;         // lane names at the left
    bool ruler = true;           // time ruler at the top
    bool legend = false;         // legend at the bottom (exports)
    QString title;               // drawn above the ruler when not empty
    int laneHeight = 0;          // state bar height; 0 = from the font
    int verticalOffset = 0;      // content y shown at the top of the lane area (scrolling)
    TimelineItem hover, selected;
    TimeRange selection;         // shaded with its duration; empty = none
    int64_t playhead = -1;
    ObjectId highlight = 0;      // this object's holds and waits stand out
    QSet<LaneId> alarmLanes;     // deadlock cycle: alarm outline
    QSet<ObjectId> alarmObjects;
    QMap<LaneId, QString> annotations;  // step mode: "about to: acquire lock_a" at the lane end
    // While the geometry for this frame is built elsewhere (TimelineView's background builds),
    // paint the last geometry stretched onto the new range instead of building it here, and
    // hit-test nothing.
    bool previewGeometry = false;
};

// Everything a geometry build reads, owned by the job: it runs on another thread while the GUI
// thread goes on (the Trace must not be mutated meanwhile: only finished traces are built so;
// the index and layout are replaced, never changed, while a job holds them).
struct GeometryJob {
    std::shared_ptr<const Trace> trace;
    std::shared_ptr<const TraceIndex> index;
    std::shared_ptr<const LaneLayout> layout;
    QFont font;            // a copy of its own: QFont caches its engine per thread
    uint64_t fontSerial = 0;
    TimeRange visible;
    int width = 0;
    int laneHeight = 0;
    std::shared_ptr<Geometry> run() const;
};

// Builds timeline geometry from a Trace and paints it; used by TimelineView AND by the exports
// so the window and the command line draw the same picture.
//
// Threading contract: one owner thread; it reads the Trace only inside layout()/geometry()/
// paint()/hitTest(), so the owner must not mutate the Trace concurrently. buildGeometry() is a
// pure function of its (const) arguments. Caches: the index and layout per trace generation,
// the geometry per (visible range, plot width, generation, lane height).
class TimelineRenderer {
public:
    explicit TimelineRenderer(const Trace* trace = nullptr);

    void setTrace(const Trace* trace);   // not owned; clears caches
    // Shared ownership of the current trace (same object; caches kept): geometry can then be
    // built off the GUI thread (geometryJob). Null gives it up.
    void shareTrace(std::shared_ptr<const Trace> trace);
    const Trace* trace() const { return trace_; }
    void setFont(const QFont& font);     // default: the application font (text never smaller)
    QFont font() const { return font_; }
    void invalidate();                   // drop caches (trace changed without a generation bump)

    // Where things go inside the painted rectangle.
    struct Frame { QRect title, ruler, headers, plot, legend; };
    Frame frame(const QRect& rect, const RenderOptions& options);

    const TraceIndex& index();
    const LaneLayout& layout(int laneHeight = 0);
    std::shared_ptr<const Geometry> geometry(TimeRange visible, int plotWidth, int laneHeight = 0);
    static std::shared_ptr<Geometry> buildGeometry(const Trace& trace, const TraceIndex& index,
                                                   const LaneLayout& layout, const QFont& font,
                                                   TimeRange visible, int plotWidth);
    // Background builds: whether the geometry for these arguments is cached; a job that builds
    // it on any thread (none without shared ownership of the trace); and taking its result
    // back (ignored unless it is for the trace as it is now).
    bool hasGeometry(TimeRange visible, int plotWidth, int laneHeight = 0) const;
    bool hasAnyGeometry(int laneHeight = 0) const;
    // Whether paint() would show the last geometry stretched (options.previewGeometry and the
    // geometry for this frame not built yet).
    bool showsPreview(TimeRange visible, int plotWidth, const RenderOptions& options) const;
    std::optional<GeometryJob> geometryJob(TimeRange visible, int plotWidth, int laneHeight = 0);
    bool adoptGeometry(const GeometryJob& job, std::shared_ptr<const Geometry> geometry);

    // Paints title, ruler, lane headers, lanes, overlays and legend into `rect`.
    void paint(QPainter& p, const QRect& rect, TimeRange visible, const RenderOptions& options);
    // The item under `pos` (same coordinates as paint's rect), with a few pixels of tolerance.
    TimelineItem hitTest(const QRect& rect, TimeRange visible, const RenderOptions& options, QPoint pos);
    // The lane whose header or row is under `pos`; -1 if none.
    int laneAt(const QRect& rect, const RenderOptions& options, QPoint pos);

    int headerWidth();
    int rulerHeight() const;
    int legendHeight(int width, bool dark = false) const;
    void paintLegend(QPainter& p, const QRect& rect, bool dark) const;
    // Height that shows every lane (plus ruler, title, legend) for exports.
    int naturalHeight(const RenderOptions& options);

    // Folding threshold: intervals narrower than this many pixels fold into one run.
    static constexpr double kFoldPx = 3.0;

private:
    void paintRuler(QPainter& p, const QRect& r, TimeRange visible, const RenderOptions& o) const;
    void paintHeaders(QPainter& p, const QRect& r, const LaneLayout& l, const RenderOptions& o);
    void paintLanes(QPainter& p, const QRect& plot, const Geometry& g, const LaneLayout& l,
                    const RenderOptions& o, TimeRange visible);

    const Trace* trace_ = nullptr;
    std::shared_ptr<const Trace> owner_;  // set when the trace is shared (background builds)
    QFont font_;
    uint64_t fontSerial_ = 0;  // counts setFont() calls: which font a background job measured with
    // Shared with background jobs: replaced (copied first if a job holds it), never changed
    // under one.
    std::shared_ptr<TraceIndex> index_ = std::make_shared<TraceIndex>();
    std::shared_ptr<const LaneLayout> layout_ = std::make_shared<LaneLayout>();
    uint64_t layoutGeneration_ = ~0ull;
    int layoutLaneHeight_ = -1;
    std::shared_ptr<const Geometry> geometry_;
    int geometryLaneHeight_ = -1;
    int headerWidth_ = -1;
};

} // namespace tl::view
