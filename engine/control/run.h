// SPDX-License-Identifier: MIT
#pragma once
#include "../errors.h"
#include "../record/buffer.h"
#include "../record/clock.h"
#include "../record/recorder.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <stop_token>
#include <string>
#include <thread>
#include <vector>

namespace tl {

// A timeout of "None" (wait forever), in every API that takes timeoutMs.
inline constexpr double kForever = -1.0;

struct RunOptions {
    double speed = 1.0;  // 1 = real time; 0.1 = ten times slower (slow motion)
    double timeScale = 1.0;  // multiplies every scenario duration (tests shorten runs)
    bool gil = false;  // simulated CPython GIL
    double switchIntervalMs = 5.0;  // sys.getswitchinterval(), in scenario milliseconds
    bool step = false;  // start in step mode (see StepController)
};

enum class RunStatus { NotStarted, Running, Finished, Aborted, Deadlock, Error };
const char* statusName(RunStatus s) noexcept;

class Run;
class Gil;
class StepController;

// The traced identity of one thread of a run: its lane, its own event buffer, its stop token.
//
// Threading contract: every member function that records (record, setState, waitUntil,
// sleep...) is called only by the thread itself; current() returns the calling thread's
// ThreadState (null outside a run). Other threads may read the atomics (alive, waitingFor)
// and request stop.
class ThreadState {
public:
    ThreadState(Run& run, LaneId lane, std::string name, bool daemon);
    // For a forked worker process (ProcessPool): records into `buffer`, a buffer the child
    // allocated itself, because the lane was added by the parent after the fork.
    ThreadState(Run& run, LaneId lane, std::string name, bool daemon, EventBuffer* buffer);

    static ThreadState* currentOrNull() noexcept;
    // Throws std::logic_error when called from a thread that is not part of a run.
    static ThreadState& current();
    // Makes `ts` the calling thread's ThreadState (a forked worker process's only thread).
    static void bindCurrent(ThreadState* ts) noexcept;

    Run& run() const noexcept { return *run_; }
    LaneId lane() const noexcept { return lane_; }
    const std::string& name() const noexcept { return name_; }
    bool daemon() const noexcept { return daemon_; }
    std::stop_token stopToken() const noexcept { return stop_.get_token(); }
    bool stopRequested() const noexcept { return stop_.stop_requested(); }
    void requestStop() noexcept { stop_.request_stop(); }

    // Hot path: timestamp + one append to this thread's buffer.
    void record(Ev type, ObjectId object = 0, int64_t a = 0, int64_t b = 0) noexcept
    {
        // `type` is a constant at nearly every call site, so this choice folds away.
        const bool crossThreadOrder = type == Ev::HoldBegin || type == Ev::HoldEnd || type == Ev::FlowStart ||
                                      type == Ev::FlowEnd || type == Ev::VarRead || type == Ev::VarWrite;
        const uint64_t t = crossThreadOrder ? Clock::orderedTicks() : Clock::ticks();
        buffer_->append(Event{static_cast<int64_t>(t), object, type, lane_, a, b});
    }
    void setState(State s, ObjectId object = 0, Outcome endedWith = Outcome::None) noexcept
    {
        state_ = s;
        record(Ev::StateChange, object, static_cast<int64_t>(s), static_cast<int64_t>(endedWith));
    }
    State state() const noexcept { return state_; }

    // Unique per run, cheap: lane in the high bits, a per-thread counter below.
    uint64_t newHoldId() noexcept { return (uint64_t(lane_) << 40) | ++holdSeq_; }
    uint64_t newFlowId() noexcept { return (uint64_t(lane_) << 40) | ++flowSeq_; }

    // A synchronization point: in step mode the thread stops here until it is let through.
    // `what` describes what the thread is about to do ("acquire lock_a"); evaluated lazily.
    // Never throws (releases pass gates inside destructors); after an abort it lets the
    // thread through at once, and the next blocking call throws Aborted.
    void gate(Ev what, ObjectId object, int64_t a = 0);

    // Blocks until pred() holds (returns true), the deadline passes (false) or the thread
    // is stopped (throws Aborted). `lk` is the primitive's own lock, held on entry and on
    // return. When it has to block it records `waitState` on `object`, releases the GIL,
    // and registers the wait for deadlock detection. The lane goes back to `run` (and
    // re-takes the GIL) when the enclosing Resume scope ends, outside the primitive's lock.
    template <class Pred>
    bool waitUntil(std::unique_lock<std::mutex>& lk, std::condition_variable_any& cv, double timeoutMs, State waitState,
                   ObjectId object, Pred pred);

    // Unwinds this thread because the run stopped. The main thread first waits for every other
    // thread to end: their code refers to the scenario's locals, which unwinding main destroys.
    // `held` (the primitive's own lock, if any) is released while waiting and re-taken before
    // throwing, so the other threads can unwind through the same primitive.
    [[noreturn]] void throwAborted(std::unique_lock<std::mutex>* held = nullptr);

    // Like waitUntil for a join: waits for another lane to end.
    void setWaitingForLane(int lane) noexcept { waitingLane_.store(lane, std::memory_order_relaxed); }

    // Deadlock bookkeeping, read by the run's monitor.
    ObjectId waitingFor() const noexcept { return waitingFor_.load(std::memory_order_acquire); }
    int waitingForLane() const noexcept { return waitingLane_.load(std::memory_order_acquire); }
    bool waitIsTimed() const noexcept { return waitTimed_.load(std::memory_order_acquire); }
    bool alive() const noexcept { return alive_.load(std::memory_order_acquire); }

    // GIL (only in GIL mode; no-ops otherwise).
    bool holdsGil() const noexcept { return holdsGil_; }
    void takeGil();  // blocks in wait:gil until this thread holds the GIL
    void dropGil();  // before blocking, sleeping or ending
    void gilCheckpoint();  // inside CPU work: yield after the switch interval when others wait
    // Records this thread's CPU time so far (Ev::CpuClock) from its OS per-thread CPU clock: a
    // system call (~0.1-0.5 µs), so only at the thread's end and at safe points inside CPU work.
    void recordCpuClock() noexcept;

    // Marks the end of a blocking call: re-takes the GIL (wait:gil) and records `run` with
    // the outcome of the wait, if the thread blocked. Called by Resume.
    void resume() noexcept;
    bool blocked() const noexcept { return blocked_; }
    void setResumeOutcome(Outcome o) noexcept { resumeOutcome_ = o; }

    // Scenario-time durations to real nanoseconds (timeScale / speed).
    int64_t scaledNs(double ms) const noexcept;

    // Thread bookkeeping used by Thread and the Run.
    std::mutex endMutex;
    std::condition_variable_any endCv;
    bool ended = false;
    std::atomic<int64_t> ident{0};
    std::atomic<int64_t> nativeId{0};
    std::thread osThread;

private:
    friend class Run;
    friend class Gil;
    Run* run_;
    LaneId lane_;
    EventBuffer* buffer_;
    std::string name_;
    bool daemon_;
    State state_ = State::Run;
    std::stop_source stop_;
    uint64_t holdSeq_ = 0;
    uint64_t flowSeq_ = 0;
    bool holdsGil_ = false;
    bool blocked_ = false;
    Outcome resumeOutcome_ = Outcome::None;
    std::atomic<bool> alive_{false};
    std::atomic<ObjectId> waitingFor_{0};
    std::atomic<int> waitingLane_{-1};
    std::atomic<bool> waitTimed_{false};
    // Step mode: the condition variable this thread is blocked on, so the stepper can wake it to
    // re-check its condition, and the stepper epoch in which it last checked it.
    std::mutex blockMutex_;
    std::condition_variable_any* blockedCv_ = nullptr;
    std::atomic<uint64_t> seenEpoch_{0};
    void setBlockedOn(std::condition_variable_any* cv) noexcept
    {
        std::lock_guard lk(blockMutex_);
        blockedCv_ = cv;
    }

    void beginBlocking(State waitState, ObjectId object, bool timed) noexcept;
    void endBlocking(bool ok) noexcept;
    std::chrono::steady_clock::time_point deadlineAfter(double timeoutMs) const noexcept;
};

// RAII: put one at the top of every blocking operation, *before* taking the primitive's own
// lock, so that the lane returns to `run` (and re-takes the GIL) only after that lock is
// released. Taking the GIL while holding a primitive's lock could deadlock with the GIL holder.
class Resume {
public:
    explicit Resume(ThreadState& ts) noexcept : ts_(ts) {}
    ~Resume() { ts_.resume(); }
    Resume(const Resume&) = delete;
    Resume& operator=(const Resume&) = delete;

private:
    ThreadState& ts_;
};

// An object that can be owned by threads (a lock): the deadlock monitor follows
// "thread waits for object, object is owned by thread" edges.
class Ownable {
public:
    virtual ~Ownable() = default;
    virtual ObjectId objectId() const noexcept = 0;
    // The lane that owns it, or -1.
    virtual int ownerLane() const noexcept = 0;
};

// One run of a scenario: its recorder, its threads, its control (abort, deadlock, GIL, step).
//
// Threading contract: start/abort/waitFinished/status are called by the controller (the app,
// the command line, a test); everything else by the run's own threads. The destructor aborts
// and joins every thread: no thread outlives its run.
class Run {
public:
    explicit Run(RunOptions options = {});
    ~Run();
    Run(const Run&) = delete;
    Run& operator=(const Run&) = delete;

    const RunOptions& options() const noexcept { return options_; }
    Recorder& recorder() noexcept { return recorder_; }
    const Recorder& recorder() const noexcept { return recorder_; }

    // Starts `main` on a new OS thread that is lane 0, "MainThread". When main returns, the
    // run waits for every non-daemon thread (Python's interpreter shutdown), then stops the
    // daemon threads, and finishes.
    void start(std::function<void()> main);
    // start() + waitFinished(); for tests.
    RunStatus execute(std::function<void()> main, double timeoutMs = kForever);
    // Returns true when the run has ended (every thread joined) within the timeout.
    bool waitFinished(double timeoutMs = kForever);
    bool finished() const noexcept { return finished_.load(std::memory_order_acquire); }
    // Stops every thread; blocking calls throw Aborted. Returns at once; waitFinished follows.
    void abort(RunStatus why = RunStatus::Aborted, std::string message = {});

    RunStatus status() const;
    std::string message() const;
    // Cores this process may run on (its CPU affinity): the most CPU work that fits in a second
    // of wall time is this many seconds.
    static int usableCores() noexcept;
    // Elapsed run time in ns (Clock, since the recorder's origin).
    // Lesson time: what the learner spent deciding in step mode is not the program's time.
    int64_t elapsedNs() const noexcept { return elapsedNsAgo(0); }
    // The lesson time of the moment `wallNs` of real time ago (events stamped before it have all
    // been drained by now, however long the run has stood still since).
    int64_t elapsedNsAgo(int64_t wallNs) const noexcept
    {
        return recorder_.timeFold().lessonTime(Clock::now() - wallNs) - recorder_.origin();
    }

    // Creates a traced thread (not yet running) and its lane.
    std::shared_ptr<ThreadState> createThread(std::string name, bool daemon);
    // Runs body on the thread's own OS thread. An uncaught exception is recorded like
    // threading.excepthook ("Exception in thread NAME: ...") and ends only that thread.
    void startThread(const std::shared_ptr<ThreadState>& ts, std::function<void()> body);
    // Python's threading.active_count(), enumerate() and main_thread() (lane 0).
    int activeCount() const;
    std::vector<std::shared_ptr<ThreadState>> enumerate() const;
    std::shared_ptr<ThreadState> mainThread() const;
    // Next "Thread-N" number (process-global in Python, per run here).
    int nextThreadNumber() noexcept { return ++threadCounter_; }

    // Deadlock detection: lockable objects announce themselves while they live.
    void registerOwnable(const Ownable* o);
    void unregisterOwnable(const Ownable* o);

    // Records an event from the controller or monitor (not a run thread), e.g. `deadlock`.
    void recordControl(Ev type, LaneId lane, ObjectId object, int64_t a = 0, int64_t b = 0);
    // Drains everything recorded so far (thread buffers and control events), in order.
    size_t drain(std::vector<Event>& out);

    Gil* gil() noexcept { return gil_.get(); }
    // Time the run has spent waiting for the learner in step mode (not counted against timeouts).
    int64_t pausedNs() const;
    uint64_t stepEpoch() const noexcept;
    bool mayCheckCondition(LaneId lane) const noexcept;
    // Waits for every thread but `self` to end; used when main unwinds on abort.
    void awaitOtherThreads(const ThreadState& self);
    // Wakes every blocked thread to re-check its condition; true once each has (step mode).
    bool quiesce();
    // Leaving step mode: blocked threads re-check the conditions they were not allowed to.
    void wakeBlocked();
    StepController& step() noexcept { return *step_; }

    // Reports a fatal error of the scenario itself (not a Python exception in a thread).
    void fail(std::string message);

    // Only in a process forked by ProcessPool, on its only thread: the parent's GIL and step
    // controller may have been locked by other parent threads at the fork, so the child gets
    // its own (the old ones are leaked on purpose: touching them could deadlock). Each
    // process has its own GIL (`gilObject`, added by the parent), as in CPython.
    void enterForkedChild(ObjectId gilObject);

private:
    friend class ThreadState;
    void monitorLoop(std::stop_token st);
    bool checkDeadlock();
    void threadMain(std::shared_ptr<ThreadState> ts, std::function<void()> body);
    void finishMain();

    RunOptions options_;
    Recorder recorder_;
    mutable std::mutex mutex_;
    std::condition_variable finishedCv_;
    std::vector<std::shared_ptr<ThreadState>> threads_;
    std::vector<const Ownable*> ownables_;
    std::mutex controlMutex_;
    EventBuffer controlBuffer_;
    std::atomic<bool> finished_{false};
    RunStatus status_ = RunStatus::NotStarted;
    std::string message_;
    std::atomic<int> threadCounter_{0};
    std::unique_ptr<Gil> gil_;
    std::unique_ptr<StepController> step_;
    std::jthread monitor_;
    std::jthread stepper_;
    std::string lastCycle_;  // monitor thread only
    std::thread mainOs_;
};

// ---- template implementation ----

template <class Pred>
bool ThreadState::waitUntil(std::unique_lock<std::mutex>& lk, std::condition_variable_any& cv, double timeoutMs,
                            State waitState, ObjectId object, Pred pred)
{
    if (pred())
        return true;
    if (timeoutMs == 0)
        return false;
    if (stopRequested())
        throwAborted(&lk);
    const bool timed = timeoutMs > 0;
    beginBlocking(waitState, object, timed);
    setBlockedOn(&cv);
    // In step mode a blocked thread re-checks its condition only when the stepper hands it the
    // token (one thread at a time, in lane order), so who wins a released resource is decided by
    // the schedule, not by the OS. Each such check is noted with the stepper's epoch.
    auto checked = [&] {
        if (!run_->mayCheckCondition(lane_))
            return false;
        if (pred())
            return true;
        seenEpoch_.store(run_->stepEpoch(), std::memory_order_release);
        return false;
    };
    bool ok;
    if (timed) {
        // Time spent in step mode does not count: a learner thinking is not a timeout.
        auto deadline = deadlineAfter(timeoutMs);
        int64_t paused = run_->pausedNs();
        for (;;) {
            ok = cv.wait_until(lk, stopToken(), deadline, checked);
            if (ok || stopRequested())
                break;
            const int64_t extra = run_->pausedNs() - paused;
            if (extra <= 0)
                break;
            paused += extra;
            deadline += std::chrono::nanoseconds(extra);
        }
    } else
        ok = cv.wait(lk, stopToken(), checked);
    setBlockedOn(nullptr);
    endBlocking(ok);
    if (!ok && stopRequested())
        throwAborted(&lk);
    return ok;
}

}  // namespace tl
