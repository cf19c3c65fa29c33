// SPDX-License-Identifier: MIT
#pragma once
#include "engine/model/trace.h"
#include "lane_layout.h"
#include "timeline_geometry.h"
#include "timeline_item.h"
#include "trace_index.h"
#include "zoom_control.h"

#include <QFont>
#include <QMap>
#include <QRect>
#include <QSet>
#include <QString>

#include <memory>
#include <optional>

class QPainter;

namespace tl::view {

// What a learner can switch off from the legend; the lanes' states are always drawn.
enum class Layer : uint8_t { Holds, Handoff, Wake, Item, Done, Tasks, Events, Count };
constexpr Layer flowLayer(FlowKind k) { return Layer(uint8_t(Layer::Handoff) + uint8_t(k)); }
constexpr uint32_t layerBit(Layer l) { return 1u << uint8_t(l); }

struct RenderOptions {
    bool dark = false;
    bool headers = true;  // lane names at the left
    bool ruler = true;  // time ruler at the top
    bool legend = false;  // legend at the bottom (exports)
    QString title;  // drawn above the ruler when not empty
    int laneHeight = 0;  // state bar height; 0 = from the font
    int headerWidth = 0;  // lane-name column; 0 = fits this trace's names (two runs compared
        // share the wider one, so their time axes line up)
    int verticalOffset = 0;  // content y shown at the top of the lane area (scrolling)
    TimelineItem hover, selected;
    TimeRange selection;  // shaded with its duration; empty = none
    int64_t playhead = -1;
    ObjectId highlight = 0;  // this object's holds and waits stand out
    uint32_t hiddenLayers = 0;  // layerBit()s of the layers not drawn (nor hit)
    bool shows(Layer l) const { return !(hiddenLayers & layerBit(l)); }
    QSet<LaneId> alarmLanes;  // deadlock cycle: alarm outline
    QSet<ObjectId> alarmObjects;
    QMap<LaneId, QString> annotations;  // step mode: "about to: acquire lock_a" at the lane end
    // While the geometry for this frame is built elsewhere (TimelineView's background builds),
    // paint the last geometry stretched onto the new range instead of building it here, and
    // hit-test nothing.
    bool previewGeometry = false;
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

    void setTrace(const Trace* trace);  // not owned; clears caches
    // Shared ownership of the current trace (same object; caches kept): geometry can then be
    // built off the GUI thread (geometryJob). Null gives it up.
    void shareTrace(std::shared_ptr<const Trace> trace);
    const Trace* trace() const { return trace_; }
    void setFont(const QFont& font);  // default: the application font (text never smaller)
    QFont font() const { return font_; }
    // Lane groups folded or unfolded by the learner (see LaneLayout); others keep their default.
    void setGroupFolds(const GroupFolds& folds);
    const GroupFolds& groupFolds() const { return folds_; }
    void invalidate();  // drop caches (trace changed without a generation bump)

    // Where things go inside the painted rectangle.
    struct Frame {
        QRect title, ruler, headers, plot, legend;
    };
    Frame frame(const QRect& rect, const RenderOptions& options);

    const TraceIndex& index();
    const LaneLayout& layout(int laneHeight = 0);
    std::shared_ptr<const Geometry> geometry(TimeRange visible, int plotWidth, int laneHeight = 0);
    static std::shared_ptr<Geometry> buildGeometry(const Trace& trace, const TraceIndex& index,
                                                   const LaneLayout& layout, const QFont& font, TimeRange visible,
                                                   int plotWidth);
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
    // The header row (a process's or a lane group's) at pos, if any.
    std::optional<GroupRow> groupAt(const QRect& rect, const RenderOptions& options, QPoint pos);

    int headerWidth();
    int rulerHeight() const;
    // The legend: entries of layers in `omitted` are left out (an export of what is shown); in the
    // window's legend bar (omitted 0) a hidden layer's entry is drawn faded instead.
    int legendHeight(int width, bool dark = false, uint32_t omitted = 0) const;
    void paintLegend(QPainter& p, const QRect& rect, bool dark, uint32_t hidden = 0, uint32_t omitted = 0) const;
    // The layer whose legend entry is under `pos` (paintLegend's coordinates), if it has one.
    std::optional<Layer> legendLayerAt(const QRect& rect, QPoint pos, bool dark) const;
    // Height that shows every lane (plus ruler, title, legend) for exports.
    int naturalHeight(const RenderOptions& options);

    // Folding threshold: hold bands and tasks narrower than this many pixels fold into one.
    static constexpr double kFoldPx = 3.0;
    // A zoomed-out lane's states are drawn in cells of a power of two ns at least this wide
    // (timeline_geometry.cpp, "State cells"): between kCellPx and 2 * kCellPx pixels.
    static constexpr double kCellPx = 2.0;

private:
    void paintRuler(QPainter& p, const QRect& r, TimeRange visible, const RenderOptions& o) const;
    void paintHeaders(QPainter& p, const QRect& r, const LaneLayout& l, const RenderOptions& o);
    void paintLanes(QPainter& p, const QRect& plot, const Geometry& g, const LaneLayout& l, const RenderOptions& o,
                    TimeRange visible);

    const Trace* trace_ = nullptr;
    std::shared_ptr<const Trace> owner_;  // set when the trace is shared (background builds)
    QFont font_;
    uint64_t fontSerial_ = 0;  // counts setFont() and setGroupFolds() calls: which font and rows a
        // background job built with
    GroupFolds folds_;
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

}  // namespace tl::view
