// SPDX-License-Identifier: MIT
#pragma once
#include "../record/event.h"
#include "../record/time_fold.h"

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <stop_token>
#include <string>
#include <vector>

namespace tl {

class ThreadState;

// Step mode: every synchronization point is a gate, and the learner is the scheduler.
//
// While step mode is active, a thread that reaches a gate (ThreadState::gate, called at the start
// of every traced operation) parks there and is listed in pending(). The controller lets threads
// through one gate at a time: step() the one that arrived first, stepThread(lane) a chosen one.
// continueRun() leaves step mode (all gates open); pause() enters it (each thread stops at its next
// gate). Threads blocked for real (on a held lock, an empty queue) are not at a gate and cannot be
// stepped. Every pass is appended to schedule(); a run started with replay(schedule) lets threads
// through in that same order, reproducing the interleaving of synchronization events.
//
// One step is one move: a step is carried out by the serving thread (serve()) only when no thread
// of the run is running: each is parked at a gate, blocked for real, or ended. Threads woken by the
// previous move (the waiter of a released lock) are found by the `quiesce` callback (the Run wakes
// every blocked thread to re-check its condition) and finish their move first.
//
// Simulated time freezes while the run waits for the learner (threads parked, none running, no
// step asked for): pausedNs() grows then, and timed waits and sleeps are extended by it.
//
// Threading contract: arrive/blocked/unblocked/threadStarted/threadEnded are called by run threads;
// pause/continueRun/step/stepThread/replay/pending/schedule by the controller (GUI, CLI, tests);
// serve() by one thread the Run owns. One mutex guards the state; while inactive a gate costs one
// relaxed load.
class StepController {
public:
    struct Pending {
        LaneId lane = 0;
        Ev what = Ev::Mark;
        ObjectId object = 0;
        int64_t a = 0;
        uint64_t arrival = 0;  // order of arrival at the gates
    };

    bool active() const noexcept { return active_.load(std::memory_order_relaxed); }

    // --- run threads ---
    void arrive(ThreadState& ts, Ev what, ObjectId object, int64_t a);
    // Every thread is counted as running from start to end, except while parked at a gate or
    // blocked for real.
    void threadStarted();
    void threadEnded() { stoppedRunning(); }
    void blocked() { stoppedRunning(); }
    void unblocked();
    // The epoch a blocked thread last checked its wait condition in (see quiesce).
    uint64_t epoch() const noexcept { return epoch_.load(std::memory_order_acquire); }

    // --- controller ---
    void pause();  // enter step mode
    void continueRun();  // leave step mode, open every gate
    bool step();  // let the earliest arrival through; false if nobody waits at a gate
    bool stepThread(LaneId lane);  // false if that lane is not at a gate (or already asked for)
    // Follow a recorded schedule (lanes in gate-pass order), then run free. Call before the run
    // starts. If the run diverges (the next lane does not reach a gate within divergeAfterMs of
    // quiet), replay stops, diverged() says so, and the run continues free.
    void replay(std::vector<LaneId> schedule, double divergeAfterMs = 1000);
    bool replaying() const;
    bool diverged() const;
    std::vector<Pending> pending() const;
    std::vector<LaneId> schedule() const;
    int64_t pausedNs() const;
    // Where the frozen spans go (the run's recorder folds them out of its time stamps).
    void setTimeFold(TimeFold* fold) { fold_ = fold; }
    // Changes whenever pending() may have changed (for polling UIs).
    uint64_t version() const noexcept { return version_.load(std::memory_order_acquire); }

    // --- the Run ---
    // Bumps the epoch; the callback must wake every blocked thread and return true once each has
    // re-checked its condition in the new epoch (or is no longer blocked).
    uint64_t bumpEpoch() noexcept { return epoch_.fetch_add(1, std::memory_order_acq_rel) + 1; }
    // Runs until st stops: carries out steps; calls wakeBlocked whenever step mode ends.
    void serve(std::stop_token st, const std::function<bool()>& quiesce, const std::function<void()>& wakeBlocked);
    // The lane allowed to re-check its blocked condition now (-1 = none), see ThreadState::waitUntil.
    int checkToken() const noexcept { return checkToken_.load(std::memory_order_acquire); }
    void setCheckToken(int lane) noexcept { checkToken_.store(lane, std::memory_order_release); }

private:
    int nextGrantLocked() const;  // the lane the next step would let through, or -1
    void grantLocked(LaneId lane);
    bool isWaitingLocked(LaneId lane) const;
    bool requestedLocked(LaneId lane) const;
    const Pending* earliestLocked() const;
    void setActiveLocked(bool on);
    void updateFreezeLocked();
    void stoppedRunning();

    std::atomic<bool> active_{false};
    std::atomic<uint64_t> version_{0};
    std::atomic<uint64_t> epoch_{0};
    std::atomic<int> running_{0};
    std::atomic<int> checkToken_{-1};
    bool wasActive_ = false;  // serve(): to notice the end of step mode
    mutable std::mutex mutex_;
    std::condition_variable_any gateCv_;  // parked threads
    std::condition_variable_any serveCv_;  // the serving thread
    std::vector<Pending> pending_;
    std::vector<uint32_t> permits_;  // per lane
    std::vector<LaneId> schedule_;
    uint64_t arrivals_ = 0;
    std::deque<int> requests_;  // steps asked for (-1 = the earliest arrival)
    std::vector<LaneId> replay_;
    size_t replayPos_ = 0;
    bool replaying_ = false;
    bool diverged_ = false;
    int inFlight_ = -1;  // lane let through that has not left its gate yet
    int64_t divergeNs_ = 0;
    int64_t quietSince_ = 0;
    // frozen (waiting for the learner) time
    bool frozen_ = false;
    int64_t frozenSince_ = 0;
    int64_t pausedTotal_ = 0;
    TimeFold* fold_ = nullptr;
};

}  // namespace tl
