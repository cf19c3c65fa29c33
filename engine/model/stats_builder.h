// SPDX-License-Identifier: MIT
#pragma once
#include "trace.h"

#include <algorithm>
#include <cstdint>
#include <unordered_map>
#include <vector>

namespace tl {

// Trace::statistics() kept up to date while a trace grows. update() costs what was ingested
// since the last call as long as Trace::structureGeneration() stays the same (else it starts
// over); result() then adds what is still open (each lane's last state, held locks) and costs
// O(locks' waits + queue depth points + tasks), never a pass over every state of every lane.
// Trace::statistics() is this builder run once, so both give the same numbers.
//
// Threading contract: like Trace, one owner thread; update() and result() read the trace.
class StatsBuilder {
public:
    void update(const Trace& trace);
    RunStats result(const Trace& trace);

private:
    struct Waits {
        std::vector<int64_t> durations;  // closed waits on the object
        int64_t ok = 0;  // of which ended by getting it (contended acquisitions)
        int64_t failed = 0;  // of which ended without it (timeout, broken, aborted)
        // A wait still in progress (a live lane's last state) counts in the wait time only:
        // it is not yet an attempt that got the lock or gave up.
    };
    struct HoldSum {
        int64_t count = 0, total = 0, max = 0;
        void add(int64_t d) { ++count, total += d, max = std::max(max, d); }
    };
    struct LaneSums {
        int64_t run = 0;  // time in `run`
        int64_t sleepIo = 0;  // time in sleep or io
    };
    void account(const Interval& iv, LaneSums& sums, std::unordered_map<ObjectId, Waits>& waits,
                 bool open = false) const;

    uint64_t structure_ = ~0ull;
    std::vector<size_t> intervals_;  // per lane: states accounted (all but the last)
    std::vector<LaneSums> sums_;  // per lane: run, sleep and io time in them
    std::unordered_map<ObjectId, Waits> waits_;
    size_t holds_ = 0;  // holds seen
    std::vector<uint32_t> openHolds_;  // seen but not released yet
    std::unordered_map<ObjectId, HoldSum> holdSums_;
    size_t flows_ = 0;
    std::vector<uint32_t> openFlows_;  // without both ends yet
    std::unordered_map<ObjectId, int64_t> handoffs_;
    size_t instants_ = 0;
    std::unordered_map<ObjectId, std::pair<int64_t, int64_t>> putsGets_;
    std::unordered_map<ObjectId, std::pair<ObjectId, int64_t>> submitted_;  // future -> (pool, t)
};

}  // namespace tl
