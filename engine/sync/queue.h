// SPDX-License-Identifier: MIT
#pragma once
#include "../control/run.h"
#include "../errors.h"

#include <algorithm>
#include <concepts>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <sstream>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

namespace tl {

// ---- item labels ----
// The trace shows each queued item as a short label. Overloads exist for numbers, strings and
// pairs/tuples of those (printed like Python's repr of a tuple: (3, 'job')). To label your own
// type, declare `std::string describe(const MyType&)` in MyType's namespace (found by ADL) or in
// namespace tl; types without one fall back to operator<<, else "<item>".
inline std::string describe(const std::string& s) { return s; }
inline std::string describe(const char* s) { return s ? s : ""; }
inline std::string describe(bool b) { return b ? "True" : "False"; }
template <std::integral I> std::string describe(I v) { return std::to_string(v); }
template <std::floating_point F> std::string describe(F v)
{
    std::ostringstream os;
    os << v;
    return os.str();
}

namespace detail {
template <class T> std::string label(const T& v);
// Inside a tuple strings are quoted, as Python's repr does.
template <class T> std::string nested(const T& v)
{
    if constexpr (std::is_convertible_v<const T&, std::string_view>)
        return "'" + std::string(std::string_view(v)) + "'";
    else
        return label(v);
}
}  // namespace detail

template <class A, class B> std::string describe(const std::pair<A, B>& p)
{
    return "(" + detail::nested(p.first) + ", " + detail::nested(p.second) + ")";
}
template <class... Ts> std::string describe(const std::tuple<Ts...>& t)
{
    std::string out = "(";
    std::apply(
        [&](const auto&... xs) {
            size_t i = 0;
            ((out += (i++ ? ", " : "") + detail::nested(xs)), ...);
        },
        t);
    if constexpr (sizeof...(Ts) == 1)
        out += ",";
    return out + ")";
}

namespace detail {
template <class T> std::string label(const T& v)
{
    if constexpr (requires { describe(v); })
        return describe(v);
    else if constexpr (requires(std::ostream & os) { os << v; }) {
        std::ostringstream os;
        os << v;
        return os.str();
    } else
        return "<item>";
}

// Python raises ValueError for a negative timeout; here -1 (kForever) means None.
inline void checkTimeout(double timeoutMs)
{
    if (timeoutMs < 0 && timeoutMs != kForever)
        throw ValueError("'timeout' must be a non-negative number");
}
}  // namespace detail

// Python's queue.Queue / LifoQueue / PriorityQueue / SimpleQueue, traced. Use the aliases
// below: Queue<T>, LifoQueue<T>, PriorityQueue<T, Compare>, SimpleQueue<T>.
//
// - put(item, block=true, timeoutMs=kForever): waits in `wait:queue.put` while full; QueueFull
//   when non-blocking and full or when the timeout passes. get(block, timeoutMs) likewise in
//   `wait:queue.get`, QueueEmpty. putNowait/getNowait = (item, false).
// - qsize/empty/full (approximate, as in Python), maxsize (0 = unbounded).
// - taskDone(): ValueError("task_done() called too many times") when it outnumbers puts;
//   join() waits (in `wait:join` on the queue) until every put item was marked done.
// - PriorityQueue returns the smallest item first (Compare = std::less<T>, like heapq).
// - Records put/get (a = item sequence number unique per queue, b = interned label), an `item`
//   flow put → get of the same item, Counter(Depth) on every change, Counter(Pending) for
//   unfinished tasks, task_done and join instants, and `done` flows from the task_done that
//   finished the last task to each blocked join().
//
// Threading contract: any run thread may call anything; all state guarded by mutex_.
template <class T, QueueOrder Order, class Compare = std::less<T>> class BasicQueue {
public:
    BasicQueue(Run& run, std::string name, int64_t maxsize = 0)
        : run_(run), name_(std::move(name)), maxsize_(Order == QueueOrder::Simple || maxsize < 0 ? 0 : maxsize)
    {
        id_ = run.recorder().addObject(ObjectKind::Queue, name_, maxsize_, Order);
    }
    BasicQueue(const BasicQueue&) = delete;
    BasicQueue& operator=(const BasicQueue&) = delete;

    void put(T item, bool block = true, double timeoutMs = kForever)
    {
        ThreadState& ts = ThreadState::current();
        ts.gate(Ev::Put, id_);
        if (block)
            detail::checkTimeout(timeoutMs);
        const uint32_t label = run_.recorder().intern(detail::label(item));
        Resume resume(ts);
        std::unique_lock lk(mutex_);
        if (maxsize_ > 0) {
            auto notFull = [this] { return static_cast<int64_t>(items_.size()) < maxsize_; };
            if (!block) {
                if (!notFull())
                    throw QueueFull();
            } else if (!ts.waitUntil(lk, notFull_, timeoutMs, State::WaitQueuePut, id_, notFull)) {
                throw QueueFull();
            }
        }
        Slot slot{std::move(item), ++seq_, label, ts.newFlowId()};
        ts.record(Ev::Put, id_, static_cast<int64_t>(slot.seq), label);
        ts.record(Ev::FlowStart, id_, static_cast<int64_t>(slot.flow), int64_t(FlowKind::Item));
        push(std::move(slot));
        ts.record(Ev::Counter, id_, int64_t(CounterKind::Depth), static_cast<int64_t>(items_.size()));
        if constexpr (Order != QueueOrder::Simple) {
            ++unfinished_;
            ts.record(Ev::Counter, id_, int64_t(CounterKind::Pending), unfinished_);
        }
        notEmpty_.notify_one();
    }

    T get(bool block = true, double timeoutMs = kForever)
    {
        ThreadState& ts = ThreadState::current();
        ts.gate(Ev::Get, id_);
        if (block)
            detail::checkTimeout(timeoutMs);
        Resume resume(ts);
        std::unique_lock lk(mutex_);
        auto notEmpty = [this] { return !items_.empty(); };
        if (!block) {
            if (!notEmpty())
                throw QueueEmpty();
        } else if (!ts.waitUntil(lk, notEmpty_, timeoutMs, State::WaitQueueGet, id_, notEmpty)) {
            throw QueueEmpty();
        }
        Slot slot = pop();
        ts.record(Ev::Get, id_, static_cast<int64_t>(slot.seq), slot.label);
        ts.record(Ev::FlowEnd, id_, static_cast<int64_t>(slot.flow), int64_t(FlowKind::Item));
        ts.record(Ev::Counter, id_, int64_t(CounterKind::Depth), static_cast<int64_t>(items_.size()));
        if (maxsize_ > 0)
            notFull_.notify_one();
        return std::move(slot.value);
    }

    void putNowait(T item) { put(std::move(item), false); }
    T getNowait() { return get(false); }

    int64_t qsize() const
    {
        std::lock_guard lk(mutex_);
        return static_cast<int64_t>(items_.size());
    }
    bool empty() const { return qsize() == 0; }
    bool full() const { return maxsize_ > 0 && qsize() >= maxsize_; }
    int64_t maxsize() const noexcept { return maxsize_; }

    void taskDone() requires(Order != QueueOrder::Simple)
    {
        ThreadState& ts = ThreadState::current();
        ts.gate(Ev::TaskDone, id_);
        std::lock_guard lk(mutex_);
        if (unfinished_ <= 0)
            throw ValueError("task_done() called too many times");
        --unfinished_;
        ts.record(Ev::TaskDone, id_);
        ts.record(Ev::Counter, id_, int64_t(CounterKind::Pending), unfinished_);
        if (unfinished_ == 0) {
            for (JoinWaiter* w : joiners_) {
                w->flow = ts.newFlowId();
                w->woken = true;
                ts.record(Ev::FlowStart, id_, static_cast<int64_t>(w->flow), int64_t(FlowKind::Done));
            }
            joiners_.clear();
            allDone_.notify_all();
        }
    }

    void join() requires(Order != QueueOrder::Simple)
    {
        ThreadState& ts = ThreadState::current();
        ts.gate(Ev::Join, id_);
        Resume resume(ts);
        std::unique_lock lk(mutex_);
        JoinWaiter self;
        if (unfinished_ > 0) {
            joiners_.push_back(&self);
            try {
                ts.waitUntil(lk, allDone_, kForever, State::WaitJoin, id_,
                             [&] { return self.woken || unfinished_ == 0; });
            } catch (...) {
                std::erase(joiners_, &self);
                throw;
            }
            std::erase(joiners_, &self);
            if (self.flow)
                ts.record(Ev::FlowEnd, id_, static_cast<int64_t>(self.flow), int64_t(FlowKind::Done));
        }
        ts.record(Ev::Join, id_);
    }

    int64_t unfinishedTasks() const requires(Order != QueueOrder::Simple)
    {
        std::lock_guard lk(mutex_);
        return unfinished_;
    }

    ObjectId id() const noexcept { return id_; }
    const std::string& name() const noexcept { return name_; }

private:
    struct Slot {
        T value;
        uint64_t seq;
        uint32_t label;
        uint64_t flow;
    };
    struct JoinWaiter {
        bool woken = false;
        uint64_t flow = 0;
    };
    static bool heapLess(const Slot& a, const Slot& b) { return Compare{}(b.value, a.value); }  // min-heap

    void push(Slot&& s)
    {
        items_.push_back(std::move(s));
        if constexpr (Order == QueueOrder::Priority)
            std::push_heap(items_.begin(), items_.end(), heapLess);
    }
    Slot pop()
    {
        if constexpr (Order == QueueOrder::Fifo || Order == QueueOrder::Simple) {
            Slot s = std::move(items_.front());
            items_.pop_front();
            return s;
        } else {
            if constexpr (Order == QueueOrder::Priority)
                std::pop_heap(items_.begin(), items_.end(), heapLess);
            Slot s = std::move(items_.back());
            items_.pop_back();
            return s;
        }
    }

    Run& run_;
    ObjectId id_ = 0;
    std::string name_;
    int64_t maxsize_;
    mutable std::mutex mutex_;
    std::condition_variable_any notEmpty_;
    std::condition_variable_any notFull_;
    std::condition_variable_any allDone_;
    std::deque<Slot> items_;
    uint64_t seq_ = 0;
    int64_t unfinished_ = 0;
    std::vector<JoinWaiter*> joiners_;
};

template <class T> using Queue = BasicQueue<T, QueueOrder::Fifo>;
template <class T> using LifoQueue = BasicQueue<T, QueueOrder::Lifo>;
template <class T, class Compare = std::less<T>> using PriorityQueue = BasicQueue<T, QueueOrder::Priority, Compare>;

// Python's queue.SimpleQueue: unbounded FIFO without task tracking; put never blocks
// (block/timeout are accepted and ignored, as in Python).
template <class T> class SimpleQueue {
public:
    SimpleQueue(Run& run, std::string name) : q_(run, std::move(name), 0) {}
    void put(T item, bool /*block*/ = true, double /*timeoutMs*/ = kForever) { q_.put(std::move(item)); }
    void putNowait(T item) { q_.put(std::move(item)); }
    T get(bool block = true, double timeoutMs = kForever) { return q_.get(block, timeoutMs); }
    T getNowait() { return q_.get(false); }
    int64_t qsize() const { return q_.qsize(); }
    bool empty() const { return q_.empty(); }
    ObjectId id() const noexcept { return q_.id(); }
    const std::string& name() const noexcept { return q_.name(); }

private:
    BasicQueue<T, QueueOrder::Simple> q_;
};

}  // namespace tl
