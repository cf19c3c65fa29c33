// SPDX-License-Identifier: MIT
#pragma once
#include <algorithm>
#include <atomic>
#include <cstdint>
#include <limits>
#include <mutex>
#include <vector>

namespace tl {

// The run's clock with the time the learner held it in step mode folded out: while every thread
// is parked waiting for the learner's next step, lesson time stands still. Without the fold a
// sub-millisecond run stepped for a minute would be drawn as a minute of "running".
//
// Times are Clock::now() nanoseconds. Threading contract: begin()/end() by the step controller
// (under its own mutex, so never concurrently), lessonTime() from any thread.
class TimeFold {
public:
    void begin(int64_t now)
    {
        std::lock_guard lock(mutex_);
        starts_.push_back(now);
        folded_.push_back(folded_.empty() ? 0 : folded_.back());
        open_ = true;
        any_.store(true, std::memory_order_release);
    }
    void end(int64_t now)
    {
        std::lock_guard lock(mutex_);
        if (!open_)
            return;
        open_ = false;
        folded_.back() += std::max<int64_t>(0, now - starts_.back());
    }
    // t minus the held time before it; a time inside a held span is that span's start.
    int64_t lessonTime(int64_t t) const
    {
        if (!any_.load(std::memory_order_acquire))
            return t;
        std::lock_guard lock(mutex_);
        // folded_[i]: held time up to the end of span i (an open span: up to its start).
        const auto after = std::upper_bound(starts_.begin(), starts_.end(), t);
        if (after == starts_.begin())
            return t;
        const size_t i = size_t(after - starts_.begin()) - 1;
        const int64_t before = i == 0 ? 0 : folded_[i - 1];
        const bool inside = (open_ && i + 1 == starts_.size()) || t - starts_[i] < folded_[i] - before;
        return inside ? starts_[i] - before : t - folded_[i];
    }

private:
    std::atomic<bool> any_{false};
    mutable std::mutex mutex_;
    std::vector<int64_t> starts_;  // when each held span began, ascending
    std::vector<int64_t> folded_;  // held time up to and including each span
    bool open_ = false;
};

}  // namespace tl
