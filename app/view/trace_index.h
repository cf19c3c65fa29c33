// SPDX-License-Identifier: MIT
#pragma once
#include "engine/model/trace.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace tl::view {

// A lane's level of detail: its state intervals packed (state and duration in 4 bytes) and
// summarised in blocks of kFan (time per state, end time) and blocks of blocks (states present),
// so that folding the thousands of sub-pixel intervals behind a pixel of a zoomed-out view
// costs a few cache lines, not a walk over them. Exact, not sampled: a fold built from it
// equals one built by a scan. Covers a prefix of the lane's intervals (whole blocks of closed
// intervals, never the last one, which a live run may still change); the rest is scanned.
struct IntervalLod {
    static constexpr size_t kFan = 32;
    using Times = std::array<int64_t, size_t(State::Count)>;
    size_t covered = 0;  // intervals [0, covered) are summarised
    std::vector<uint32_t> packed;  // per interval: state | duration << 4 (kLong: see the interval)
    std::vector<Times> prefix;  // prefix[b]: time per state in intervals [0, b * kFan)
    std::vector<int64_t> ends;  // ends[b]: end of block b's last interval
    std::vector<uint8_t> tight;  // tight[b]: block b's intervals abut, no kLong durations
    std::vector<std::vector<uint32_t>> masks;  // masks[k][j]: states present in block j of kFan^(k+1) intervals

    // Summarises the lane's intervals up to (not including) the last one and the first open one.
    void extend(const std::vector<Interval>& ivs);
    // Adds the time per state of the closed intervals [lo, hi) to `times` and their states (a
    // bit mask) to `states`.
    void summarise(const std::vector<Interval>& ivs, size_t lo, size_t hi, Times& times, uint32_t& states) const;
    // The first index in [lo, hi) whose state is in `want` (hi if none).
    size_t first(const std::vector<Interval>& ivs, size_t lo, size_t hi, uint32_t want) const;
    // The first index in [lo, hi) whose interval ends at or after t; hi ≤ covered.
    size_t firstEndingAt(const std::vector<Interval>& ivs, size_t lo, size_t hi, int64_t t) const;

private:
    static constexpr uint32_t kLong = (1u << 28) - 1;  // a duration that does not fit
    State stateAt(const std::vector<Interval>& ivs, size_t i) const
    {
        return i < covered ? State(packed[i] & 15u) : ivs[i].state;
    }
    int64_t durationAt(const std::vector<Interval>& ivs, size_t i) const
    {
        if (i < covered && (packed[i] >> 4) != kLong)
            return int64_t(packed[i] >> 4);
        return ivs[i].end - ivs[i].start;
    }
    uint32_t maskOf(const std::vector<Interval>& ivs, size_t level, size_t lo, size_t hi) const;
};
static_assert(size_t(State::Count) <= 16, "IntervalLod packs a state in 4 bits");

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
