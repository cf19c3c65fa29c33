// SPDX-License-Identifier: MIT
#pragma once
#include "engine/model/trace.h"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace tl::view {

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

    // The steps of update(), in this order (trace_index.cpp).
    int64_t updateEnd(const Trace& trace);   // returns the end before
    template <class Recorded>
    void closeOpen(std::vector<Progress::Open>& open, std::vector<std::vector<SpanRef>>& spans,
                   std::vector<std::vector<int64_t>>& maxEnd, Recorded&& recorded, bool byObject);
    int64_t addHolds(const Trace& trace, int64_t prevEnd);   // returns where to recheck waits
    void markContention(const Trace& trace, size_t oldLanes, int64_t recheckFrom);
    void addTasks(const Trace& trace);
    void addInstants(const Trace& trace);
    void addFlows(const Trace& trace);
};
// TraceIndex::end without building the index (exports of the whole run end there).
int64_t recordedEnd(const Trace& trace);

} // namespace tl::view
