// SPDX-License-Identifier: MIT
#pragma once
#include "engine/model/trace.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace tl::view {

// A lane's level-of-detail pyramid over time. The timeline draws a zoomed-out lane as cells of
// 2^level ns (aligned to multiples of their size, so a cell is the same whatever the view's
// offset); a cell shows the state holding most of its time with a stripe of its most important
// state (timeline_geometry.cpp, "cells"). Level j of the pyramid summarises the cells of
// 2^(level0 + j) ns, each level from the one below, so a whole-run frame reads one node per cell
// and pixel instead of the thousands of intervals behind it: O(pixels x lanes), whatever the
// count. Exact, not sampled: a cell from the pyramid equals one computed from the intervals.
// Built for lanes of at least kMinIntervals whose intervals abut (the trace format's rule; a lane
// with gaps is scanned); covers whole cells of closed intervals before the lane's last interval
// (which a live run may still change), extended as the run grows.
struct IntervalLod {
    static constexpr size_t kMinIntervals = 1024;
    static constexpr int64_t kPerCell = 16;  // intervals per finest cell, on average
    using Times = std::array<int64_t, size_t(State::Count)>;
    // One cell: the intervals touching it (overlapping it; a zero-length one: at a time inside it).
    struct Node {
        uint32_t shown = 0;  // the first touching interval of the most important state
        ObjectId object = 0;  // its waited object
        uint16_t states = 0;  // the touching intervals' states (a bit each); 0: none touch it
        State state = State::Run;  // shown's state
        bool single = false;  // one interval touches the cell and covers it whole
        bool operator==(const Node&) const = default;
    };
    static constexpr uint32_t kBefore = 1u << 31;  // at[]: that interval starts before the boundary

    int level0 = -1;  // log2 of the finest cell in ns (unless set before the first extend())
    bool gaps = false;  // the lane's intervals do not abut: never built
    int64_t base = 0;  // the first finest cell's index (its start >> level0)
    int64_t firstStart = 0;  // the lane's first interval's start
    size_t checked = 0;  // intervals whose abutting was checked
    // nodes[j][c - (base >> j)]: the cells of 2^(level0 + j) ns (a cell at a level's start may
    // reach before the lane: its missing half is empty).
    std::vector<std::vector<Node>> nodes;
    // Per boundary b between finest cells (time (base + b) << level0), b = 0 .. cells:
    std::vector<uint32_t> at;  // the first interval touching the cell after it (| kBefore)
    std::vector<Times> cum;  // time per state before it (from the lane's start)

    // Extends the pyramid over the cells the lane's intervals now complete.
    void extend(const std::vector<Interval>& ivs);
    bool built() const { return !nodes.empty(); }
    // Where the covered cells end (ns): cells ending at or before it are in the pyramid.
    int64_t coveredEnd() const { return (base + int64_t(nodes.empty() ? 0 : nodes[0].size())) << level0; }
    // The cell `c` of 2^level ns (level >= level0, the cell covered).
    Node node(int level, int64_t c) const;
    // Boundary of finest cells at time t (a multiple of 2^level0), clamped to the covered ones.
    size_t boundary(int64_t t) const;
    static Node merge(const Node& a, const Node& b);
};
static_assert(size_t(State::Count) <= 16, "IntervalLod keeps the states in 16 bits");

// A lane's hold spans summarised in blocks of kBlock, so that a zoomed-out frame folds the
// thousands of sub-pixel holds behind a few pixels by checking a few words, not every hold: the
// bulk merge (timeline_geometry.cpp) is taken only where these bounds prove that each hold would
// have joined the band one at a time, so the picture is the same.
struct HoldLod {
    static constexpr size_t kBlock = 64;
    std::vector<int64_t> maxDuration;  // per block: its longest hold (resolved end - start)
    std::vector<int64_t> maxGap;  // per block: the largest start - (max end of the holds before it)
    std::vector<uint64_t> nested;  // a bit per hold: it starts inside another of the lane's holds
    std::vector<uint64_t> contended;  // a bit per hold: SpanRef::contended

    // Recomputes the summaries of holds [from, n) (whose ends or contention changed, or new).
    template <class Span>
    void update(const std::vector<Span>& spans, const std::vector<int64_t>& maxEnd, const std::vector<uint8_t>& depth,
                size_t from);
    // Whether holds [lo, hi] are all outermost, each narrower than `maxWidth` and starting
    // less than `maxStep` after every earlier one ended, at `pxPerNs` (bounds: false may be wrong).
    bool plain(size_t lo, size_t hi, double pxPerNs, double maxWidth, double maxStep) const;
    // Whether any of holds [lo, hi] is contended.
    bool anyContended(size_t lo, size_t hi) const { return anyBit(contended, lo, hi); }

private:
    static bool anyBit(const std::vector<uint64_t>& bits, size_t lo, size_t hi);
};

// Per-generation lookup tables the model does not keep per lane (holds, tasks, instants per
// lane sorted by start, with prefix max ends for binary search; flows sorted by start).
struct TraceIndex {
    uint64_t generation = ~0ull;
    int64_t end = 0;  // the run's end as far as recorded
    // Per-lane copies (not indices): a lane's scan stays contiguous in memory instead of
    // striding through the run-wide arrays (measured: a third of the geometry time).
    struct SpanRef {
        int64_t start = 0, end = 0;  // end resolved (open spans end at `end` above)
        uint32_t index = 0;  // into trace.holds / trace.tasks
        ObjectId object = 0;  // the lock (holds), the future (tasks)
        bool contended = false;  // holds: another lane waited on the lock meanwhile
    };
    std::vector<std::vector<SpanRef>> holds;  // per lane, by start
    std::vector<std::vector<int64_t>> holdMaxEnd;  // per lane: prefix max of hold ends
    std::vector<std::vector<uint8_t>> holdDepth;  // per lane: nesting depth at its start
    std::vector<HoldLod> holdLod;  // per lane
    std::vector<std::vector<SpanRef>> tasks;  // per lane, by start
    std::vector<std::vector<int64_t>> taskMaxEnd;
    std::vector<std::vector<uint32_t>> instants;  // per lane: indices into trace.instants
    std::vector<uint32_t> flows;  // complete flows by min(fromT, toT)
    std::vector<int64_t> flowMaxEnd;
    std::vector<IntervalLod> lod;  // per lane

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
        std::vector<size_t> intervals;  // per lane: intervals seen
        struct Open {
            LaneId lane;
            uint32_t pos;
            uint32_t objectPos;
        };
        std::vector<Open> openHolds, openTasks;  // spans whose end was not recorded yet
        std::vector<uint32_t> pendingFlows;  // flows without both ends yet
        // Holds per lock, by start with a prefix max of ends: who was held while a lane waited.
        struct ObjectHold {
            int64_t start, end;
            LaneId lane;
            uint32_t pos;
        };
        std::vector<std::vector<ObjectHold>> byObject;
        std::vector<std::vector<int64_t>> byObjectStart;  // byObject's starts, packed for the searches
        std::vector<std::vector<int64_t>> byObjectMaxEnd;
    };
    Progress progress_;

    // The steps of update(), in this order (trace_index.cpp).
    int64_t updateEnd(const Trace& trace);  // returns the end before
    template <class Recorded>
    void closeOpen(std::vector<Progress::Open>& open, std::vector<std::vector<SpanRef>>& spans,
                   std::vector<std::vector<int64_t>>& maxEnd, Recorded&& recorded, bool byObject);
    int64_t addHolds(const Trace& trace, int64_t prevEnd);  // returns where to recheck waits
    void markContention(const Trace& trace, size_t oldLanes, int64_t recheckFrom);
    void updateHoldLod(const std::vector<size_t>& changedFrom);
    void addTasks(const Trace& trace);
    void addInstants(const Trace& trace);
    void addFlows(const Trace& trace);
};

// TraceIndex::end without building the index (exports of the whole run end there).
int64_t recordedEnd(const Trace& trace);

}  // namespace tl::view
