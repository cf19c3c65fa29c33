// SPDX-License-Identifier: MIT
#pragma once
#include "engine/model/trace.h"
#include "lane_layout.h"
#include "trace_index.h"
#include "zoom_control.h"

#include <QFont>
#include <QRect>
#include <QString>

#include <array>
#include <memory>
#include <utility>
#include <vector>

namespace tl::view {

// Everything drawn in the lane area for one (visible range, plot width, trace generation),
// in content coordinates (x from 0 at the plot's left edge). Built once, replayed per frame.
struct Geometry {
    struct Segment {  // one drawn run of a lane: an interval or a fold of several
        float x0 = 0, x1 = 0;
        uint32_t first = 0, count = 1;
        State state = State::Run;  // shown state (the most important one in a fold)
        ObjectId object = 0;  // the shown interval's waited object
        State dominant = State::Run;  // a fold: the state holding most of its time
    };
    // Contended holds (someone waited meanwhile) are drawn at full band height, others thin.
    struct HoldBar {
        QRectF rect;
        uint32_t first = 0, count = 1;
        ObjectId object = 0;
        LaneId lane = 0;
        bool contended = false;
    };
    struct TaskBox {
        QRectF rect;
        uint32_t index = 0;
        LaneId lane = 0;
        int64_t task = 0;
    };
    struct Marker {
        QPointF at;
        uint32_t first = 0, count = 1;
        LaneId lane = 0;
        Ev type = Ev::Mark;
    };
    struct Arrow {
        QPointF from, to;
        uint32_t index = 0;
        FlowKind kind = FlowKind::Handoff;
    };
    struct Label {
        QRectF rect;
        QString text;
        State state = State::Run;
    };

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
    std::vector<std::vector<Segment>> segments;  // per row, sorted by x
    std::vector<std::pair<ObjectId, std::vector<QRect>>> holdRects;  // grouped by lock colour
    std::vector<std::vector<HoldBar>> holds;  // per row, by start
    std::vector<TaskBox> tasks;
    std::vector<Marker> markers;  // by row, then x
    std::vector<Arrow> arrows;
    std::vector<Label> labels;
    size_t intervalsVisited = 0;
    size_t holdsVisited = 0;  // holds taken one at a time (the others joined a band in bulk)
    size_t drawnSegments = 0;
};

// Everything a geometry build reads, owned by the job: it runs on another thread while the GUI
// thread goes on (the Trace must not be mutated meanwhile: only finished traces are built so;
// the index and layout are replaced, never changed, while a job holds them).
struct GeometryJob {
    std::shared_ptr<const Trace> trace;
    std::shared_ptr<const TraceIndex> index;
    std::shared_ptr<const LaneLayout> layout;
    QFont font;  // a copy of its own: QFont caches its engine per thread
    uint64_t fontSerial = 0;
    TimeRange visible;
    int width = 0;
    int laneHeight = 0;
    std::shared_ptr<Geometry> run() const;
};

}  // namespace tl::view
