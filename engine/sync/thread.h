// SPDX-License-Identifier: MIT
#pragma once
#include "../control/run.h"

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

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
    std::optional<int64_t> ident() const;  // None before start
    std::optional<int64_t> nativeId() const;  // None before start
    // The lane (valid once started).
    LaneId lane() const;
    std::shared_ptr<ThreadState> state() const { return d_ ? d_->state : nullptr; }

    // A handle to an already running thread of the run (what current_thread() returns).
    static Thread adopt(Run& run, std::shared_ptr<ThreadState> state);

    friend bool operator==(const Thread& x, const Thread& y)
    {
        return x.state() ? x.state() == y.state() : x.d_ == y.d_;
    }

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

// The helpers of Python's threading module. The no-argument forms use the calling thread's run
// (std::logic_error outside a run); the Run& forms may be called from anywhere (a controller).
int activeCount();  // threading.active_count(): alive threads, main included
int activeCount(Run& run);
std::vector<Thread> enumerate();  // threading.enumerate(): alive threads, creation order
std::vector<Thread> enumerate(Run& run);
Thread currentThread();  // threading.current_thread()
Thread mainThread();  // threading.main_thread() (lane 0)
Thread mainThread(Run& run);
int64_t getIdent();  // threading.get_ident() of the calling thread
int64_t getNativeId();  // threading.get_native_id() of the calling thread

}  // namespace tl
