// SPDX-License-Identifier: MIT
#pragma once
#include "../control/run.h"

#include <condition_variable>
#include <mutex>
#include <string>
#include <vector>

namespace tl {

// Python's threading.Event, traced. (Named ThreadEvent: tl::Event is the trace record.)
//
// - set(): the flag becomes true and every blocked waiter wakes (one `wake` flow per waiter).
// - clear(): the flag becomes false; wakes no one. isSet() reads the flag.
// - wait(timeoutMs=kForever) -> the flag (true if it was set, even if cleared again before the
//   waiter ran; false on timeout), waiting in `wait:event`.
//
// Threading contract: any run thread may call anything; state guarded by mutex_, the flag is
// also an atomic so isSet() is lock-free.
class ThreadEvent {
public:
    ThreadEvent(Run& run, std::string name);
    ThreadEvent(const ThreadEvent&) = delete;
    ThreadEvent& operator=(const ThreadEvent&) = delete;

    void set();
    void clear();
    bool isSet() const noexcept { return flag_.load(std::memory_order_acquire); }
    bool wait(double timeoutMs = kForever);

    ObjectId id() const noexcept { return id_; }
    const std::string& name() const noexcept { return name_; }

private:
    struct Waiter {
        bool woken = false;
        uint64_t flow = 0;
    };
    Run& run_;
    ObjectId id_;
    std::string name_;
    std::atomic<bool> flag_{false};
    std::mutex mutex_;
    std::condition_variable_any cv_;
    std::vector<Waiter*> waiters_;
};

}  // namespace tl
