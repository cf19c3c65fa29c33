// SPDX-License-Identifier: MIT
#pragma once
#include "../control/run.h"

#include <any>
#include <charconv>
#include <concepts>
#include <cstdint>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <sstream>
#include <string>
#include <type_traits>
#include <vector>

namespace tl {

// concurrent.futures.InvalidStateError (3.8+): completing a future twice.
class InvalidStateError : public PyError {
public:
    explicit InvalidStateError(const std::string& m = {}) : PyError("concurrent.futures.InvalidStateError", m) {}
    [[noreturn]] void raiseCopy() const override { throw *this; }
};

// The recorded values of FutureState (a): Python's states, CANCELLED_AND_NOTIFIED folded
// into CANCELLED.
enum class FutureStatus : uint8_t { Pending = 0, Running = 1, Cancelled = 2, Finished = 3 };
const char* futureStatusName(FutureStatus s) noexcept;  // "PENDING", ...

// How a task ended; TaskEnd's b is `outcome | (valueStr << 8)`.
enum class TaskOutcome : uint8_t { Result = 0, Exception = 1, Cancelled = 2 };

class FutureBase;

namespace detail {
struct FutureCore;

// One wait()/as_completed() call waiting on several futures: each future that completes
// while it is installed appends itself here (with the `done` flow started for it, 0 if the
// waiter was not blocked at that moment) and notifies `cv`.
struct MultiWaiter {
    std::mutex mutex;
    std::condition_variable_any cv;
    std::vector<std::pair<FutureCore*, uint64_t>> arrived;
    bool parked = false;  // its thread is blocked in waitUntil right now
};

// The shared state of one future. Everything is guarded by `mutex`; waiters park on `cv`
// through ThreadState::waitUntil. Lock order: a core's mutex, then a MultiWaiter's or the
// pool's, never the reverse (completion releases the core's mutex before notifying others).
//
// While a pool task runs, its future is an Ownable owned by the worker lane (registered with
// the run for that time only): a thread blocked in result() then waits for that worker, and
// the run's deadlock monitor sees cycles such as "main holds a lock the task needs and waits
// for the task's result".
struct FutureCore : Ownable {
    ObjectId objectId() const noexcept override { return id; }
    int ownerLane() const noexcept override { return runner.load(std::memory_order_relaxed); }
    std::atomic<int> runner{-1};  // the worker lane running the task, -1 otherwise

    Run* run = nullptr;
    ObjectId id = 0;
    int64_t task = -1;  // task number within its pool (0, 1, ...); -1 for a future made by hand

    std::mutex mutex;
    std::condition_variable_any cv;
    FutureStatus status = FutureStatus::Pending;
    std::any value;
    std::exception_ptr error;
    std::string text;  // once FINISHED: the result's text, or the exception's ("ValueError: ...")
    std::vector<std::function<void(const FutureBase&)>> callbacks;
    std::vector<std::shared_ptr<MultiWaiter>> waiters;
    int parked = 0;  // result()/exception() callers blocked right now
    std::vector<uint64_t> doneFlows;  // `done` flows started for them, one each
    // Called (outside `mutex`) when cancel() succeeds; the pool uses it to keep its
    // pending counter right.
    std::function<void()> onCancel;

    bool isDone() const noexcept { return status == FutureStatus::Cancelled || status == FutureStatus::Finished; }
};

// A new PENDING future, recorded as object `name` (recordPending: its FutureState now).
std::shared_ptr<FutureCore> makeCore(Run& run, std::string name, int64_t task, bool recordPending = true);
// set_result / set_exception: FINISHED; wakes waiters, starts `done` flows, runs callbacks.
// Raises InvalidStateError if the future is already done.
void completeCore(const std::shared_ptr<FutureCore>& core, std::any value, std::exception_ptr error,
                  std::string text = {});

// Text for a TaskEnd's value: Python-like str() of common result types.
template <class T> std::string valueText(const T& v)
{
    using D = std::decay_t<T>;
    std::string s;
    if constexpr (std::is_same_v<D, bool>) {
        s = v ? "True" : "False";
    } else if constexpr (std::is_integral_v<D>) {
        s = std::to_string(v);
    } else if constexpr (std::is_floating_point_v<D>) {
        char buf[64];
        auto r = std::to_chars(buf, buf + sizeof buf, v);
        s.assign(buf, r.ptr);
        if (s.find_first_of(".eni") == std::string::npos)
            s += ".0";  // Python prints 3.0, not 3
    } else if constexpr (std::is_convertible_v<const D&, std::string_view>) {
        s = std::string(std::string_view(v));
    } else if constexpr (requires(std::ostream & os, const D& x) { os << x; }) {
        std::ostringstream os;
        os << v;
        s = os.str();
    }
    if (s.size() > 120)
        s = s.substr(0, 117) + "...";
    return s;
}
std::string exceptionText(const std::exception_ptr& e);
}  // namespace detail

// Type-erased handle to a concurrent.futures.Future: what wait()/as_completed() and the
// done callbacks see. Cheap to copy; copies share the state. A default-constructed handle
// is empty (valid() == false) and must not be used.
//
// Threading contract: every member may be called from any thread of the run; blocking
// calls (result, exception) wait in `wait:future` through ThreadState::waitUntil, so they
// release the GIL and throw Aborted when the run stops. Callbacks run outside the lock.
class FutureBase {
public:
    FutureBase() = default;
    explicit FutureBase(std::shared_ptr<detail::FutureCore> core) : core_(std::move(core)) {}

    // Python's cancel(): succeeds (true) only while PENDING, or if already CANCELLED; then
    // runs the callbacks on the calling thread. Records `cancel` (ok).
    bool cancel() const;
    bool cancelled() const;
    bool running() const;
    bool done() const;
    FutureStatus status() const;
    // exception(timeout): the task's exception (null on success); waits like result();
    // raises CancelledError / TimeoutError.
    std::exception_ptr exception(double timeoutMs = kForever) const;
    // Type-erased wait for the outcome: returns normally when FINISHED with a result,
    // rethrows the task's exception, raises CancelledError / TimeoutError.
    void get(double timeoutMs = kForever) const;
    // add_done_callback(fn): runs fn(future) at once on the caller's thread if the future is
    // already done, otherwise on the thread that completes it, in registration order. A
    // callback that throws is recorded (`exception`) and ignored.
    void addDoneCallback(std::function<void(const FutureBase&)> fn) const;
    void add_done_callback(std::function<void(const FutureBase&)> fn) const { addDoneCallback(std::move(fn)); }

    // Executor side (Python's set_running_or_notify_cancel / set_exception).
    // false when the future was cancelled: the task must not run.
    bool setRunningOrNotifyCancel() const;
    void setException(std::exception_ptr e) const;

    // Python's repr: "<Future task 3 state=finished returned 42>", "... raised ValueError: x>".
    std::string repr() const;

    // The traced object, its task number (-1 for hand-made futures).
    ObjectId id() const noexcept { return core_ ? core_->id : 0; }
    int64_t task() const noexcept { return core_ ? core_->task : -1; }
    bool valid() const noexcept { return core_ != nullptr; }
    const std::shared_ptr<detail::FutureCore>& core() const noexcept { return core_; }

    friend bool operator==(const FutureBase& a, const FutureBase& b) noexcept { return a.core_ == b.core_; }
    friend auto operator<=>(const FutureBase& a, const FutureBase& b) noexcept { return a.core_ <=> b.core_; }

protected:
    // Waits for done; on FINISHED returns with the lock released; raises as result() does.
    void waitDone(double timeoutMs, const char* what) const;
    void complete(std::any value, std::exception_ptr error, std::string text = {}) const
    {
        detail::completeCore(core_, std::move(value), std::move(error), std::move(text));
    }
    std::any resultAny(double timeoutMs) const;

    std::shared_ptr<detail::FutureCore> core_;
};

// concurrent.futures.Future with a typed result. T is the task's return type (int64_t,
// double, std::string, a struct...; void for tasks that return nothing).
//
//   auto f = pool.submit([] { sleepMs(100); return 42; });   // Future<int>
//   int v = f.result();                                        // waits in wait:future
//
// A future can also be made by hand (the "manual Future" of m3.l2): Future<int> f(run);
// then another thread calls f.setResult(1) or f.setException(...).
template <class T> class Future : public FutureBase {
public:
    Future() = default;
    explicit Future(std::shared_ptr<detail::FutureCore> core) : FutureBase(std::move(core)) {}
    // A free-standing future (not from a pool), recorded as object `name`.
    explicit Future(Run& run, std::string name = "future") : FutureBase(detail::makeCore(run, std::move(name), -1)) {}

    // result(timeout): the value; rethrows the task's exception; CancelledError if cancelled;
    // TimeoutError if not done in time (the future's state is unchanged).
    T result(double timeoutMs = kForever) const
    {
        if constexpr (std::is_void_v<T>)
            get(timeoutMs);
        else
            return std::any_cast<T>(resultAny(timeoutMs));
    }

    void addDoneCallback(std::function<void(const Future<T>&)> fn) const
    {
        FutureBase::addDoneCallback([fn = std::move(fn)](const FutureBase& b) { fn(Future<T>(b.core())); });
    }
    void add_done_callback(std::function<void(const Future<T>&)> fn) const { addDoneCallback(std::move(fn)); }

    // Executor side: FINISHED with this value; InvalidStateError if already done.
    template <class U = T>
    requires(!std::is_void_v<U>) void setResult(U value) const
    {
        T v = std::move(value);
        std::string text = detail::valueText(v);
        complete(std::any(std::move(v)), nullptr, std::move(text));
    }
    void setResult() const requires std::is_void_v<T> { complete(std::any(), nullptr, "None"); }
};

}  // namespace tl

template <> struct std::hash<tl::FutureBase> {
    size_t operator()(const tl::FutureBase& f) const noexcept { return std::hash<const void*>()(f.core().get()); }
};
