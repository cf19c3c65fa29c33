// SPDX-License-Identifier: MIT
#pragma once
#include <cstdint>
#include <string_view>
#include <type_traits>

namespace tl {

// Identifies a traced object (lock, queue, future...) within one run. 0 = none.
using ObjectId = uint32_t;
// A lane: one traced thread of the run (of any process). 0 = the main thread.
using LaneId = uint16_t;

// What a lane is doing; the model turns consecutive State events into intervals.
// Names match docs/trace-format.md's state names (see stateName()).
enum class State : uint8_t {
    Run,
    Sleep,
    Io,
    Idle,
    WaitGil,
    WaitLock,
    WaitRLock,
    WaitCondition,
    WaitEvent,
    WaitSemaphore,
    WaitBarrier,
    WaitQueueGet,
    WaitQueuePut,
    WaitFuture,
    WaitJoin,
    WaitResult,
    Count
};

// How a wait ended, where it did not simply succeed.
enum class Outcome : uint8_t { None, Acquired, Timeout, Broken, Cancelled, Aborted };

enum class ObjectKind : uint8_t {
    Lock,
    RLock,
    Condition,
    Event,
    Semaphore,
    BoundedSemaphore,
    Barrier,
    Queue,
    Pool,
    Future,
    Timer,
    Gil,
    ProcessPool,
    Variable,
    Count
};

enum class QueueOrder : uint8_t { None, Fifo, Lifo, Priority, Simple };

// Every kind of record. Arguments a/b are documented per type; "str" means a string id
// from Recorder::intern(), "lane" a LaneId.
enum class Ev : uint16_t {
    // lifecycle
    ThreadStart,  // the lane begins; a = the State it starts in (0 = run), object = its object
    ThreadEnd,  // the lane ends; a = 1 if cut as a daemon at exit
    ThreadRename,  // a = str (new name), b = the renamed lane (a thread may rename another)
    // state: a = State, b = Outcome of the wait that just ended (if any); object = waited object.
    // For WaitJoin, b's high 32 bits hold the joined lane.
    StateChange,
    // holding: object, a = hold id (unique per run)
    HoldBegin,
    HoldEnd,  // recorded by the releasing lane; b = the holder's lane (a Lock may be released by another thread)
    // tasks: object = future, a = task number, b = (TaskEnd) outcome 0 result 1 exception 2 cancelled | str << 8
    TaskBegin,
    TaskEnd,
    // instants (object = the primitive)
    AcquireTry,  // a = ok
    Release,
    Set,
    Clear,
    Notify,  // a = n
    NotifyAll,
    Put,  // a = item sequence number, b = str (item label)
    Get,  // a = item sequence number, b = str (item label)
    TaskDone,
    Join,  // queue join returned
    BarrierPass,  // a = index
    BarrierBroken,
    Submit,  // a = task number, b = future object id
    Cancel,  // a = ok
    FutureState,  // a = FutureStatus (0 PENDING 1 RUNNING 2 CANCELLED 3 FINISHED)
    Callback,  // a = task number
    Exception,  // a = str (message)
    Deadlock,  // a = str (cycle description, "1,2" lane list; objects in b's str)
    VarRead,  // object = variable, a = value
    VarWrite,  // object = variable, a = value
    Mark,  // a = str: a free-form annotation ("both done", "probe: alive=3")
    // counters: object, a = CounterKind, b = value
    Counter,
    // flows: a = flow id (unique per run), b = FlowKind
    FlowStart,
    FlowEnd,
    // a = the recording thread's own CPU time so far (ns, its OS per-thread CPU clock). Recorded
    // by the thread itself at its end and at safe points (after CPU work, every ~10 ms inside it),
    // never per ordinary event: reading the clock is a system call.
    CpuClock,
    Count
};

enum class CounterKind : uint8_t { Depth, Available, Waiters, Busy, Pending, Holder, Alive, Value, Count };
enum class FlowKind : uint8_t { Handoff, Wake, Item, Done, Count };

// One record: fixed size, trivially copyable, 32 bytes (two per cache line).
struct Event {
    int64_t t;  // Clock::ticks() when recorded; Recorder::drain() turns it into ns since origin
    ObjectId object;  // 0 = none
    Ev type;
    LaneId lane;
    int64_t a;
    int64_t b;
};
static_assert(sizeof(Event) == 32, "Event must stay 32 bytes");
static_assert(std::is_trivially_copyable_v<Event>);

std::string_view stateName(State s) noexcept;  // "run", "wait:lock", ...
std::string_view outcomeName(Outcome o) noexcept;  // "", "acquired", "timeout", ...
std::string_view kindName(ObjectKind k) noexcept;  // "lock", "bounded_semaphore", ...
std::string_view orderName(QueueOrder o) noexcept;  // "", "fifo", ...
std::string_view eventName(Ev e) noexcept;  // "acquire.try", "release", ...
std::string_view counterName(CounterKind c) noexcept;  // "depth", "available", ...
std::string_view flowName(FlowKind f) noexcept;  // "handoff", "wake", "item", "done"

// Inverse lookups for reading traces; return false when unknown.
bool stateFromName(std::string_view name, State& out) noexcept;
bool outcomeFromName(std::string_view name, Outcome& out) noexcept;
bool kindFromName(std::string_view name, ObjectKind& out) noexcept;
bool orderFromName(std::string_view name, QueueOrder& out) noexcept;
bool eventFromName(std::string_view name, Ev& out) noexcept;
bool counterFromName(std::string_view name, CounterKind& out) noexcept;
bool flowFromName(std::string_view name, FlowKind& out) noexcept;

// The state a lane waits in for a primitive of this kind.
State waitStateFor(ObjectKind k) noexcept;

}  // namespace tl
