// SPDX-License-Identifier: MIT
#pragma once
#include "../record/event.h"
#include "../record/recorder.h"

#include <algorithm>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace tl {

// ---- The recorded run, as views and files see it. Times are ns since the run's start. ----

// A lane's state over [start, end).
struct Interval {
    int64_t start = 0;
    int64_t end = 0;
    State state = State::Run;
    Outcome outcome = Outcome::None;  // how the wait ended (wait states only)
    ObjectId object = 0;  // waited-on object (wait states), 0 otherwise
    int32_t joinedLane = -1;  // for WaitJoin: the lane joined
};

struct CounterPoint {
    int64_t t = 0;
    int64_t value = 0;
};

struct Lane {
    LaneInfo info;  // id, pid, tid, name, daemon, parent
    int64_t start = 0;  // ThreadStart
    int64_t end = -1;  // ThreadEnd; -1 while alive
    bool killed = false;  // daemon cut at exit / aborted
    std::vector<Interval> intervals;  // sorted by start, never overlapping, covering [start, end)
    // maxEnd[i] = max(intervals[0..i].end): binary-searchable end times for lookups.
    std::vector<int64_t> maxEnd;
    // The thread's own CPU clock: (t, CPU time so far in ns), sorted by t; empty when the trace
    // does not carry it (older traces, other tools). Read it through cpuAt().
    std::vector<CounterPoint> cpu;
    // CPU time used by the thread up to t: linear between samples, from 0 at its start; after the
    // last sample, the last value (a live thread's newest computation is not known yet).
    int64_t cpuAt(int64_t t) const;
    bool hasCpu() const { return !cpu.empty(); }
};

struct Hold {
    ObjectId object = 0;
    LaneId lane = 0;  // the holder
    int64_t start = 0;
    int64_t end = -1;  // -1 while held
    uint64_t id = 0;
    LaneId releasedBy = 0;
};

struct TaskSpan {
    LaneId lane = 0;
    int64_t start = 0;
    int64_t end = -1;
    int64_t task = 0;
    ObjectId future = 0;
    int outcome = 0;  // 0 result, 1 exception, 2 cancelled
    std::string value;  // result or exception text
};

struct Instant {
    int64_t t = 0;
    LaneId lane = 0;
    Ev type = Ev::Mark;
    ObjectId object = 0;
    int64_t a = 0;
    int64_t b = 0;
    std::string text;  // resolved string argument (item label, message, cycle), if any
};

struct CounterSeries {
    ObjectId object = 0;
    CounterKind kind = CounterKind::Depth;
    std::string name;  // the object's name (or a derived name)
    std::vector<CounterPoint> points;  // sorted by t
    // Min/max/last of the series in [t0, t0 + width) buckets, for charts (~2 buckets/pixel).
    struct Bucket {
        int64_t t;
        int64_t min;
        int64_t max;
        int64_t last;
    };
    std::vector<Bucket> buckets(int64_t from, int64_t to, int64_t width) const;
    int64_t valueAt(int64_t t) const;  // last value at or before t (0 before the first)
};

struct Flow {
    uint64_t id = 0;
    FlowKind kind = FlowKind::Handoff;
    LaneId fromLane = 0, toLane = 0;
    int64_t fromT = 0, toT = -1;  // toT -1 until its end arrives (fromT -1 if only the end arrived)
    ObjectId object = 0;
};

struct RunResult {
    std::string status = "finished";  // finished | aborted | deadlock | error | running
    std::string message;
    // The lesson's result, read from the finished trace as its check reads it ("2999 of 4000
    // increments lost", the best pool size, the deadlock's cycle); empty for traces that are not
    // a lesson's finished run. lessonAt: the moment it was settled (ns), -1 when it has none.
    std::string lesson = {};  // (= {}: RunResult{status, message} stays a complete initialiser)
    int64_t lessonAt = -1;
};

// Derived statistics (docs/trace-format.md vocabulary; see Trace::statistics()).
struct LockStats {
    ObjectId object = 0;
    std::string name;
    ObjectKind kind = ObjectKind::Lock;
    // Contention has one definition everywhere (panels, exports, CLI, CSV): an attempt to take
    // the lock is contended when it had to wait, whether the wait then got the lock or gave up
    // (timed out, or was cut by a deadlock or abort). A wait still in progress is neither.
    int64_t acquisitions = 0;  // successful acquisitions, waited for or not
    int64_t contended = 0;  // attempts that had to wait (includes gaveUp)
    int64_t gaveUp = 0;  // of those, waits that ended without the lock
    int64_t handoffs = 0;
    double contendedShare = 0;  // contended / attempts, 0..1 (see contentionShare)
    int64_t waitTotal = 0, waitMean = 0, waitP95 = 0, waitMax = 0;
    int64_t holdTotal = 0, holdMax = 0;
};
// contended / (acquisitions + gaveUp): the share of attempts that had to wait, never above 1.
inline double contentionShare(int64_t acquisitions, int64_t contended, int64_t gaveUp)
{
    const int64_t attempts = acquisitions + gaveUp;
    return attempts > 0 ? std::min(1.0, double(contended) / double(attempts)) : 0.0;
}

struct QueueStats {
    ObjectId object = 0;
    std::string name;
    int64_t capacity = 0;
    int64_t puts = 0, gets = 0, maxDepth = 0;
    int64_t timeFull = 0, timeEmpty = 0;
};
struct PoolStats {
    ObjectId object = 0;
    std::string name;
    int64_t tasks = 0;
    std::map<LaneId, double> busyShare;  // per worker lane
    int64_t queueWaitTotal = 0, queueWaitMax = 0;  // submit -> task start
};
// What the threads did with a span of wall time, and what that means for parallelism. One
// definition for the whole run (RunStats) and for a range of it (the export's panels).
struct WorkFigures {
    int64_t runTime = 0;  // time threads spent in the `run` state (includes preemption)
    bool cpuMeasured = false;  // the trace carries the threads' own CPU clocks
    // CPU time of every thread: from their CPU clocks when measured, else runTime (an upper bound).
    int64_t cpu = 0;
    int64_t sleepIo = 0;  // time threads spent in sleep or I/O
    int64_t sequential = 0;  // the same work done by one thread, one piece after another: cpu + sleepIo
    // Threads that did a share of the work (at least 1 ms and 5% of `sequential`): a main thread
    // that only starts and joins workers does not make one worker's run "parallel".
    int workingThreads = 0;
    double coresBusy = 0;  // cpu / wall: how many cores computed at once, on average
    double speedup = 0;  // sequential / wall; 0 when fewer than two threads worked
    // Adds one thread's times (run: in the `run` state; cpu: from its clock, or run when not measured).
    void addThread(int64_t run, int64_t cpu, int64_t sleepIo);
    // Sets sequential, workingThreads, coresBusy and speedup from what was added.
    void derive(int64_t wall);

private:
    std::vector<int64_t> threadWork_;  // per thread added: cpu + sleepIo
};

// Durations of RunStats are lesson time: a run in slow motion (Trace::speed < 1) has its real
// times multiplied by the speed, so a 50 ms critical section reads 50 ms at any speed.
struct RunStats {
    int64_t wall = 0;  // start to end of the run
    WorkFigures work;
    int cores = 0;  // cores the run could use (0 = not recorded)
    double speed = 1;  // the run's speed (1 = real time)
    std::map<LaneId, double> busyShare;  // per lane: CPU time (run time if not measured) / lifetime
    std::map<LaneId, int64_t> laneCpu;  // per lane: CPU time (run time if not measured)
    std::vector<LockStats> locks;  // locks, rlocks, semaphores
    std::vector<QueueStats> queues;
    std::vector<PoolStats> pools;
};

// Multiplies every duration of `rs` by `speed` (a slow-motion run's real times -> lesson time)
// and records the speed; Trace::statistics() does it with the trace's own speed.
void toLessonTime(RunStats& rs, double speed);

// The current time as Trace::recorded writes it ("2026-12-05T14:02:11Z").
std::string utcTimestamp();

// The model of one run. Built incrementally from the recorder's batches (ingest), or read
// from a trace file (TraceFile). Views only read it.
//
// Threading contract: not thread-safe; one owner (the GUI thread, or the CLI) mutates it and
// reads it. A worker that needs it in the background works on a copy or a snapshot, or co-owns
// a finished trace that nothing mutates any more (the timeline's background geometry builds).
class Trace {
public:
    // Run metadata (docs/trace-format.md: otherData).
    std::string scenario;  // catalog id; empty for imported traces
    std::string title;
    std::string recorded;  // when the run started: UTC, ISO 8601 ("2026-12-05T14:02:11Z"); empty = unknown
    std::map<std::string, std::string> params;
    bool gil = false;
    double speed = 1.0;  // slow motion: < 1 (real durations were divided by it)
    int cores = 0;  // cores the run could use; 0 = not recorded
    RunResult result;
    std::string generator;  // for imported traces
    // A traced Python program (docs/trace-format.md "A traced Python program"); source empty for lessons.
    std::string source;  // "python"
    std::string program;  // the script as given
    std::string python;  // the interpreter's version
    int64_t droppedRecords = 0;  // records the tracer had to drop (full buffers)

    std::vector<Lane> lanes;  // index = LaneId
    std::vector<ObjectInfo> objects;  // index = ObjectId (0 = none)
    // holds and instants are deques: a run records up to a million of each, and a vector
    // doubling its capacity stalled a live poll for tens of ms copying them (a deque that grows
    // at its end moves nothing).
    std::deque<Hold> holds;  // sorted by start
    std::vector<TaskSpan> tasks;  // sorted by start
    std::deque<Instant> instants;  // sorted by t
    std::vector<CounterSeries> counters;
    std::vector<Flow> flows;  // sorted by fromT (toT if no start), then id, once finished/loaded
    std::vector<std::string> strings;  // interned strings (index = recorder id)
    int64_t skippedEvents = 0;  // imported events not understood

    // Adds a batch of drained events; lanes/objects/strings are copied from the recorder as
    // they appear. Each call bumps generation().
    void ingest(const std::vector<Event>& batch, const Recorder& recorder);
    // The same for events whose lanes/objects/strings were already filled in (tests, imports).
    void ingest(const std::vector<Event>& batch);
    // Closes open intervals, holds and tasks at `endNs` (the run's end) and sets the result.
    void finish(int64_t endNs, RunResult result);

    uint64_t generation() const { return generation_; }
    // Bumped when items already in holds, tasks, instants or flows moved (an out-of-order insert,
    // a sort in finish() or rebuildIndexes()). While it stays the same, those vectors only grew
    // at their ends and open items got their ends, so views may index the trace incrementally.
    // (Lane intervals only grow at the end too, but a lane's last interval may still change.)
    uint64_t structureGeneration() const { return structureGeneration_; }
    int64_t duration() const;  // end of the last thing recorded
    // Recomputes derived indexes (maxEnd, sort orders, duration) after the vectors were
    // filled directly (the trace reader, tests); bumps generation().
    void rebuildIndexes();
    // Bytes held by the model's containers (capacities, strings): for the memory budget.
    size_t memoryBytes() const;
    // Releases spare container capacity (after finish or load).
    void shrink();
    size_t eventCount() const { return eventCount_; }

    // Lookups for views (binary search on a lane's intervals).
    size_t firstIndex(LaneId lane, int64_t t) const;  // first interval with end > t
    size_t lastIndex(LaneId lane, int64_t t) const;  // one past the last interval with start < t
    const Interval* intervalAt(LaneId lane, int64_t t) const;
    const ObjectInfo* object(ObjectId id) const;
    std::string objectName(ObjectId id) const;
    const CounterSeries* counter(ObjectId object, CounterKind kind) const;

    RunStats statistics() const;

    // Checks the invariants of docs/trace-format.md; one line per violation (empty = all hold).
    std::vector<std::string> checkInvariants() const;

private:
    uint64_t generation_ = 0;
    uint64_t structureGeneration_ = 0;
    size_t eventCount_ = 0;
    int64_t duration_ = 0;
    friend class TraceReader;
    // Ingest bookkeeping (open intervals, open holds by id, open tasks, flow index...)
    struct Pending;
    struct Ingest;  // one ingest() call: a handler per event kind (trace.cpp)
    // Owns the bookkeeping; copying a Trace copies it too, so a copy taken mid-run can
    // go on ingesting independently of the original.
    class PendingPtr {
    public:
        PendingPtr();
        ~PendingPtr();
        PendingPtr(const PendingPtr& o);
        PendingPtr(PendingPtr&& o) noexcept;
        PendingPtr& operator=(const PendingPtr& o);
        PendingPtr& operator=(PendingPtr&& o) noexcept;
        explicit operator bool() const noexcept { return p_ != nullptr; }
        Pending& operator*() const noexcept { return *p_; }
        void create();

    private:
        std::unique_ptr<Pending> p_;
    };
    PendingPtr pending_;
};

}  // namespace tl
