// SPDX-License-Identifier: MIT
#pragma once
#include "thread.h"

#include <functional>
#include <memory>
#include <string>

namespace tl {

// Python's threading.Timer: a one-shot thread that waits intervalMs, then calls fn.
//
//   Timer t(run, 1000, [&] { bid += 1; });
//   t.start();
//   t.cancel();   // during the wait: fn never runs; after firing: does nothing
//
// The timer's lane waits in `wait:event` on the timer's own object (kind timer); a cancel
// wakes it and the lane ends without firing. Named "Thread-N" like Python (no target suffix),
// non-daemon by default (daemon defaults to the creator's flag, as for any Thread).
// A cheap-to-copy handle: the thread keeps the shared state alive, so a Timer may be dropped
// after start(), or created inside another timer's callback (a timer chain).
//
// Threading contract: any run thread may call anything.
class Timer {
public:
    Timer() = default;
    Timer(Run& run, double intervalMs, std::function<void()> fn, std::string name = {},
          std::optional<bool> daemon = {});

    void start();  // RuntimeError("threads can only be started once") on a second start
    void cancel();
    bool isAlive() const;
    void join(double timeoutMs = kForever);

    bool fired() const;  // fn was called
    bool cancelled() const;  // cancel() came before firing
    std::string name() const { return thread_.name(); }
    Thread& thread() { return thread_; }
    ObjectId id() const noexcept { return s_->id; }
    double intervalMs() const noexcept { return s_->intervalMs; }

private:
    // Shared with the timer's thread; holds no reference to the Thread (no cycle).
    struct Shared {
        ObjectId id = 0;
        double intervalMs = 0;
        std::function<void()> fn;
        std::mutex mutex;
        std::condition_variable_any cv;
        bool cancelled = false;  // Python's `finished` event, set by cancel()
        bool fired = false;
    };
    static void body(const std::shared_ptr<Shared>& s);
    std::shared_ptr<Shared> s_;
    Thread thread_;
};

}  // namespace tl
