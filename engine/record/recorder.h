// SPDX-License-Identifier: MIT
#pragma once
#include "buffer.h"
#include "event.h"
#include "time_fold.h"

#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace tl {

struct LaneInfo {
    LaneId id = 0;
    int pid = 1;  // 1 = the scenario's own process; worker processes: their real pid
    int tid = 0;  // small integer per process: 0 = main thread, then creation order
    std::string name;
    bool daemon = false;
    LaneId parent = 0;  // the lane that created this one
};

struct ObjectInfo {
    ObjectId id = 0;
    ObjectKind kind = ObjectKind::Lock;
    std::string name;
    int64_t capacity = 0;  // permits, parties, maxsize, max_workers; 0 = none/unbounded
    QueueOrder order = QueueOrder::None;
    std::string site{};  // a traced Python program's creation site, "file.py:LINE" (empty for lessons)
    bool sampled{};  // a gil seen by sampling the real interpreter (its holds are samples' spans)
};

// Collects the events of one run.
//
// Threading contract:
// - addLane/addObject/intern take a mutex: they are called once per thread, per object, or
//   for rare strings (exception messages, item labels), never per ordinary event.
// - record() appends to the calling lane's own EventBuffer: lock-free, allocation-free
//   (but for one chunk per 4096 events). Only the thread that owns a lane records into it.
// - drain() is for one collector thread at a time; it may run while lanes record.
// - lanes()/objects()/string() return copies under the mutex and may be called anywhere.
class Recorder {
public:
    Recorder();
    ~Recorder();
    Recorder(const Recorder&) = delete;
    Recorder& operator=(const Recorder&) = delete;

    // Clock::now() when the recorder was created: the run's time origin.
    int64_t origin() const noexcept { return origin_; }
    // The time the learner held the run in step mode, folded out of every drained time stamp.
    TimeFold& timeFold() noexcept { return fold_; }
    const TimeFold& timeFold() const noexcept { return fold_; }

    LaneId addLane(std::string name, int pid = 1, int tid = -1, bool daemon = false, LaneId parent = 0);
    void renameLane(LaneId lane, std::string name);
    ObjectId addObject(ObjectKind kind, std::string name, int64_t capacity = 0, QueueOrder order = QueueOrder::None);
    // 0 is the empty string.
    uint32_t intern(std::string_view s);
    // A forked worker process must not lock the parent's mutex (another parent thread may
    // have held it at the fork): its only thread installs a hook that interns locally and
    // ships new strings to the parent (ProcessPool). Null restores the normal path.
    using InternHook = uint32_t (*)(void* context, std::string_view s);
    static void setThreadInternHook(InternHook hook, void* context) noexcept;

    EventBuffer& buffer(LaneId lane) noexcept { return *buffers_[lane]; }

    // Appends every event published so far, with t converted from clock ticks to
    // nanoseconds since origin(), merged in (t, lane, sequence) order within the batch.
    // Per lane, order is always preserved across batches; across lanes a later batch may
    // hold an event slightly older than the previous batch's last (consumers sort it in).
    size_t drain(std::vector<Event>& out);
    uint64_t totalRecorded() const;

    std::vector<LaneInfo> lanes() const;
    std::vector<ObjectInfo> objects() const;
    LaneInfo lane(LaneId id) const;
    ObjectInfo object(ObjectId id) const;
    std::string string(uint32_t id) const;
    // All interned strings (index = id); for the model to copy what it has not seen yet.
    std::vector<std::string> strings(uint32_t from = 0) const;
    size_t laneCount() const;

    static constexpr size_t kMaxLanes = 4096;

private:
    int64_t origin_;
    TimeFold fold_;
    mutable std::mutex mutex_;
    std::deque<LaneInfo> lanes_;
    std::vector<ObjectInfo> objects_;
    std::vector<std::string> strings_;
    std::unordered_map<std::string, uint32_t> stringIds_;
    std::unordered_map<int, int> tidCounters_;
    // Fixed array so that buffer() needs no lock: slots are filled once by addLane.
    std::unique_ptr<std::unique_ptr<EventBuffer>[]> buffers_;
    std::vector<Event> scratch_;
};

}  // namespace tl
