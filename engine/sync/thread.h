// SPDX-License-Identifier: MIT
#pragma once
#include "../control/run.h"

#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace tl {

// Python's threading.Thread for scenario code: a handle (cheap to copy) to one traced thread.
//
//   Thread t(run, [&] { work(200); }, "worker");
//   t.start();
//   t.join();
//
// Default names follow Python: "Thread-N (target)" when a target name is given, else
// "Thread-N". daemon defaults to the creating thread's flag. Errors are Python's:
// RuntimeError("threads can only be started once"), ("cannot join current thread"),
// ("cannot join thread before it is started"), ("cannot set daemon status of active thread").
class Thread {
public:
    Thread() = default;
    Thread(Run& run, std::function<void()> target, std::string name = {}, std::optional<bool> daemon = {},
           std::string targetName = {});

    void start();
    // Returns after the thread ended or the timeout passed (Python returns None: check isAlive()).
    void join(double timeoutMs = kForever);
    bool isAlive() const;
    bool started() const { return d_ && d_->state != nullptr; }

    std::string name() const;
    void setName(std::string name);  // also from inside the thread; recorded as a rename
    bool daemon() const { return d_->daemon; }
    void setDaemon(bool daemon);
    std::optional<int64_t> ident() const;     // None before start
    std::optional<int64_t> nativeId() const;  // None before start
    // The lane (valid once started).
    LaneId lane() const;
    std::shared_ptr<ThreadState> state() const { return d_ ? d_->state : nullptr; }

private:
    struct Data {
        Run* run = nullptr;
        std::function<void()> target;
        std::string name;
        bool daemon = false;
        std::shared_ptr<ThreadState> state;
        mutable std::mutex mutex;
    };
    std::shared_ptr<Data> d_;
};

// threading.current_thread().name, for the calling thread.
std::string currentThreadName();

} // namespace tl
