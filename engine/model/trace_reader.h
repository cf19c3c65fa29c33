// SPDX-License-Identifier: MIT
#pragma once
// The trace file reader's parts (internal to engine/model): TraceReader maps Chrome trace
// events onto the model; trace_reader.cpp reads the file and finishes the model,
// trace_reader_events.cpp has one handler per event phase.
#include "json.h"
#include "trace.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

namespace tl {

using json::JNode;
using json::Json;
using json::ParseError;
using json::Tree;

inline constexpr double kMaxTsUs = 9.0e12;  // ~104 days: ns still fit in int64 with room

struct ImportError {
    std::string message;
};

struct TmpLane {
    int pid = 1, tid = 0;
    std::string name;
    int64_t sortIndex = -1;
    bool hasSort = false;
    size_t order = 0;  // first appearance
    int64_t minT = INT64_MAX, maxT = INT64_MIN;
    std::vector<std::pair<std::string, int64_t>> stack;  // open B spans (foreign)
    std::vector<std::pair<int64_t, int64_t>> spans;  // foreign spans, for run/idle
    bool hasStates = false;
    bool hasJoinTids = false;
    // From otherData.threadlens.lanes
    bool known = false;
    LaneInfo info;
    int64_t start = -1, end = -1;
    bool killed = false;
    std::vector<CounterPoint> cpu;  // the thread's CPU clock samples ("cpu": [[ns, cpu_ns], ...])
};

// Builds a Trace from parsed JSON (friend of Trace: sets the raw event count).
class TraceReader {
public:
    std::optional<Trace> read(std::string_view text, std::string* error);

private:
    Trace tr_;
    Tree tree_;
    Tree meta_;
    bool threadLens_ = false;
    size_t eventIndex_ = 0;
    std::vector<TmpLane> lanes_;
    std::unordered_map<uint64_t, uint32_t> laneOf_;  // pid<<32|tid -> tmp lane
    std::unordered_map<std::string, std::vector<size_t>> openHolds_;  // id -> open holds (FIFO)
    std::unordered_set<uint64_t> holdIds_;  // ids in use: a repeated one is renumbered
    uint64_t nextHoldId_ = uint64_t(1) << 62;
    std::unordered_map<std::string, size_t> flowOf_;  // id -> index
    std::unordered_map<uint64_t, size_t> seriesOf_;  // object<<8|kind -> index
    std::unordered_map<std::string, std::vector<std::pair<ObjectId, CounterKind>>> counterNames_;
    std::unordered_map<std::string, ObjectId> objectByName_;
    std::unordered_map<std::string, uint32_t> stringIds_;
    std::vector<char> explicitRelease_;  // per hold: releasedBy already a final lane id
    int64_t minT_ = INT64_MAX;
    int64_t savedEvents_ = -1, savedSkipped_ = 0, savedDuration_ = 0;

    [[noreturn]] void fail(const std::string& what) const
    {
        throw ImportError{"event " + std::to_string(eventIndex_) + ": " + what};
    }
    void otherData(const JNode& od);
    void event(const JNode& ev);
    // One handler per phase (event() checks what every event has).
    void metadata(const JNode& ev, std::string_view name, const JNode* args);
    void complete(const JNode& ev, std::string_view name, std::string_view cat, const JNode* args);
    void span(const JNode& ev, char ph, std::string_view name);
    void hold(const JNode& ev, char ph, std::string_view name, std::string_view cat, const JNode* args);
    void instant(const JNode& ev, std::string_view name, std::string_view cat, const JNode* args);
    void counter(const JNode& ev, std::string_view name, const JNode* args);
    void flow(const JNode& ev, char ph, std::string_view name, const JNode* args);
    const JNode* arg(const JNode* args, const char* k) const { return args ? tree_.child(*args, k) : nullptr; }
    std::string idOf(const JNode* n);
    uint32_t lane(const JNode& ev);
    int64_t tsOf(const JNode& ev, const char* field = "ts");
    int64_t intArg(const JNode* n, const char* what, int64_t lo, int64_t hi);
    ObjectId objectArg(const JNode* args);
    uint32_t intern(std::string_view s);
    void finishModel();
    std::vector<LaneId> finalLaneIds() const;
    CounterSeries& series(ObjectId o, CounterKind k, std::string_view name);
};

inline std::string_view strOf(const JNode* n) { return n && n->type == JNode::Str ? n->s : std::string_view(); }

}  // namespace tl
