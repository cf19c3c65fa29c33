// SPDX-License-Identifier: MIT
#include "step.h"

#include "../errors.h"
#include "../record/clock.h"
#include "run.h"

#include <algorithm>
#include <chrono>

namespace tl {

void StepController::setActiveLocked(bool on)
{
    if (on != active_.load(std::memory_order_relaxed)) {
        active_.store(on, std::memory_order_relaxed);
        version_.fetch_add(1, std::memory_order_release);
        gateCv_.notify_all();
        serveCv_.notify_all();
    }
    updateFreezeLocked();
}

// Time stands still while the run waits for the learner's decision.
void StepController::updateFreezeLocked()
{
    const bool waitingForLearner = active_.load(std::memory_order_relaxed) && !replaying_ && requests_.empty() &&
                                   inFlight_ < 0 && running_.load(std::memory_order_acquire) <= 0 &&
                                   earliestLocked() != nullptr;
    if (waitingForLearner == frozen_)
        return;
    const int64_t now = Clock::now();
    if (waitingForLearner)
        frozenSince_ = now;
    else
        pausedTotal_ += now - frozenSince_;
    frozen_ = waitingForLearner;
    if (fold_)
        waitingForLearner ? fold_->begin(now) : fold_->end(now);
}

void StepController::threadStarted() { running_.fetch_add(1, std::memory_order_acq_rel); }

void StepController::unblocked()
{
    running_.fetch_add(1, std::memory_order_acq_rel);
    if (active()) {
        std::lock_guard lk(mutex_);
        updateFreezeLocked();
    }
}

void StepController::stoppedRunning()
{
    running_.fetch_sub(1, std::memory_order_acq_rel);
    if (active()) {
        std::lock_guard lk(mutex_);
        updateFreezeLocked();
        serveCv_.notify_all();
    }
}

void StepController::arrive(ThreadState& ts, Ev what, ObjectId object, int64_t a)
{
    std::unique_lock lk(mutex_);
    if (!active_.load(std::memory_order_relaxed))
        return;
    const LaneId lane = ts.lane();
    if (permits_.size() <= lane)
        permits_.resize(lane + 1u, 0);
    pending_.push_back(Pending{lane, what, object, a, ++arrivals_});
    running_.fetch_sub(1, std::memory_order_acq_rel);
    version_.fetch_add(1, std::memory_order_release);
    updateFreezeLocked();
    serveCv_.notify_all();
    // A parked thread does not hold the GIL, or nobody else could reach a gate.
    const bool hadGil = ts.holdsGil();
    if (hadGil) {
        lk.unlock();
        ts.dropGil();
        lk.lock();
    }
    gateCv_.wait(lk, ts.stopToken(), [&] { return permits_[lane] > 0 || !active_.load(std::memory_order_relaxed); });
    std::erase_if(pending_, [lane](const Pending& p) { return p.lane == lane; });
    if (permits_[lane] > 0)
        --permits_[lane];
    running_.fetch_add(1, std::memory_order_acq_rel);
    if (inFlight_ == lane) {
        inFlight_ = -1;
        gateCv_.notify_all();  // continueRun() may wait for the move to be made
    }
    version_.fetch_add(1, std::memory_order_release);
    updateFreezeLocked();
    lk.unlock();
    if (hadGil && !ts.stopRequested()) {
        try {
            ts.takeGil();
        } catch (const Aborted&) {
            // gates never throw: the next blocking call does
        }
    }
}

bool StepController::isWaitingLocked(LaneId lane) const
{
    return std::any_of(pending_.begin(), pending_.end(),
                       [&](const Pending& p) { return p.lane == lane && permits_[lane] == 0; });
}

bool StepController::requestedLocked(LaneId lane) const
{
    return std::find(requests_.begin(), requests_.end(), int(lane)) != requests_.end();
}

const StepController::Pending* StepController::earliestLocked() const
{
    const Pending* first = nullptr;
    for (const Pending& p : pending_)
        if (permits_[p.lane] == 0 && (!first || p.arrival < first->arrival))
            first = &p;
    return first;
}

int StepController::nextGrantLocked() const
{
    if (!active_.load(std::memory_order_relaxed) || inFlight_ >= 0)
        return -1;
    if (!requests_.empty()) {
        const int want = requests_.front();
        if (want < 0) {
            const Pending* first = earliestLocked();
            return first ? first->lane : -1;
        }
        return isWaitingLocked(LaneId(want)) ? want : -1;
    }
    if (replaying_ && replayPos_ < replay_.size() && isWaitingLocked(replay_[replayPos_]))
        return replay_[replayPos_];
    return -1;
}

void StepController::grantLocked(LaneId lane)
{
    if (!requests_.empty())
        requests_.pop_front();
    else if (replaying_)
        ++replayPos_;
    ++permits_[lane];
    schedule_.push_back(lane);
    inFlight_ = lane;
    version_.fetch_add(1, std::memory_order_release);
    gateCv_.notify_all();
    if (replaying_ && requests_.empty() && replayPos_ >= replay_.size()) {
        replaying_ = false;  // the recorded part is done: run free
        setActiveLocked(false);
    }
    updateFreezeLocked();
}

void StepController::serve(std::stop_token st, const std::function<bool()>& quiesce,
                           const std::function<void()>& wakeBlocked)
{
    using namespace std::chrono_literals;
    std::unique_lock lk(mutex_);
    while (!st.stop_requested()) {
        serveCv_.wait_for(lk, st, 5ms, [] { return false; });
        const bool isActive = active_.load(std::memory_order_relaxed);
        if (wasActive_ && !isActive) {
            lk.unlock();
            wakeBlocked();
            lk.lock();
        }
        wasActive_ = isActive;
        if (st.stop_requested() || !isActive)
            continue;
        const bool quiet = running_.load(std::memory_order_acquire) <= 0 && inFlight_ < 0;
        if (!quiet) {
            quietSince_ = 0;
            continue;
        }
        if (replaying_ && requests_.empty()) {
            // The next scheduled lane never came back to a gate: this run took another path.
            const int64_t now = Clock::now();
            if (!quietSince_)
                quietSince_ = now;
            if (nextGrantLocked() < 0 && now - quietSince_ > divergeNs_) {
                replaying_ = false;
                diverged_ = true;
                setActiveLocked(false);
                continue;
            }
        }
        // Nobody at a gate: only blocked threads are left, and one of them may be able to go on
        // (a joined thread ended, a timer fired). Let them check.
        if (earliestLocked() == nullptr) {
            lk.unlock();
            quiesce();
            lk.lock();
            continue;
        }
        if (nextGrantLocked() < 0)
            continue;
        // Make sure no blocked thread was just woken by the last move (outside our lock).
        lk.unlock();
        const bool settled = quiesce();
        lk.lock();
        if (!settled || running_.load(std::memory_order_acquire) > 0)
            continue;
        if (const int lane = nextGrantLocked(); lane >= 0) {
            quietSince_ = 0;
            grantLocked(LaneId(lane));
        }
    }
}

void StepController::pause()
{
    std::lock_guard lk(mutex_);
    setActiveLocked(true);
}

void StepController::continueRun()
{
    std::unique_lock lk(mutex_);
    // Steps already asked for are carried out first (briefly), so the recorded order has them.
    gateCv_.wait_for(lk, std::chrono::milliseconds(300), [&] { return requests_.empty() && inFlight_ < 0; });
    replaying_ = false;
    requests_.clear();
    setActiveLocked(false);
}

bool StepController::step()
{
    std::lock_guard lk(mutex_);
    if (!earliestLocked())
        return false;
    requests_.push_back(-1);
    updateFreezeLocked();
    serveCv_.notify_all();
    return true;
}

bool StepController::stepThread(LaneId lane)
{
    std::lock_guard lk(mutex_);
    if (lane >= permits_.size() || !isWaitingLocked(lane) || requestedLocked(lane))
        return false;
    requests_.push_back(lane);
    updateFreezeLocked();
    serveCv_.notify_all();
    return true;
}

void StepController::replay(std::vector<LaneId> schedule, double divergeAfterMs)
{
    std::lock_guard lk(mutex_);
    replay_ = std::move(schedule);
    replayPos_ = 0;
    replaying_ = !replay_.empty();
    diverged_ = false;
    divergeNs_ = static_cast<int64_t>(divergeAfterMs * 1e6);
    if (replaying_)
        setActiveLocked(true);
}

bool StepController::replaying() const
{
    std::lock_guard lk(mutex_);
    return replaying_;
}

bool StepController::diverged() const
{
    std::lock_guard lk(mutex_);
    return diverged_;
}

std::vector<StepController::Pending> StepController::pending() const
{
    std::lock_guard lk(mutex_);
    std::vector<Pending> out;
    // Lanes already asked for are on their way: not offered again.
    for (const Pending& p : pending_)
        if (permits_[p.lane] == 0 && !requestedLocked(p.lane))
            out.push_back(p);
    std::sort(out.begin(), out.end(), [](const Pending& x, const Pending& y) { return x.arrival < y.arrival; });
    return out;
}

std::vector<LaneId> StepController::schedule() const
{
    std::lock_guard lk(mutex_);
    return schedule_;
}

int64_t StepController::pausedNs() const
{
    std::lock_guard lk(mutex_);
    return pausedTotal_ + (frozen_ ? Clock::now() - frozenSince_ : 0);
}

}  // namespace tl
