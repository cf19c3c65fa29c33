// SPDX-License-Identifier: MIT
#pragma once
#include "future.h"

#include <chrono>
#include <deque>
#include <functional>
#include <iterator>
#include <memory>
#include <optional>
#include <ranges>
#include <string>
#include <variant>
#include <vector>

namespace tl {

namespace detail {
// What a task produced: its value (and the text recorded with TaskEnd).
struct TaskOutput {
    std::any value;
    std::string text;
};
struct PoolShared;
// Converts scenario milliseconds to a steady_clock deadline and back (timeScale/speed aware).
std::chrono::steady_clock::time_point deadlineAfterMs(double timeoutMs);
double remainingMs(std::chrono::steady_clock::time_point deadline);
}  // namespace detail

template <class R> class MapResults;

// concurrent.futures.ThreadPoolExecutor (Python 3.9+ semantics), traced.
//
//   ThreadPoolExecutor pool(run, 4);                     // `with ThreadPoolExecutor(4) as pool:`
//   auto f = pool.submit([] { return cpuWork(50), 7; });
//   for (int v : pool.map([](int x) { return x * x; }, std::vector{1, 2, 3})) ...
//   // leaving the scope = shutdown(wait=true)
//
// - max_workers <= 0 raises ValueError("max_workers must be greater than 0"); the default
//   is min(32, cores + 4). Threads are named "<prefix>_<n>" (n from 0); the default prefix is
//   "ThreadPoolExecutor-N", N counting the run's unnamed pools from 0.
// - Workers are created lazily: one per submit while fewer than max_workers exist and no
//   worker is idle (Python's idle semaphore: released after each finished task, here just
//   before its future completes, so submit-then-result in a loop reuses one worker as under
//   CPython's GIL). They are non-daemon and reused.
// - A failing initializer breaks the pool: queued futures fail and later submits raise
//   BrokenThreadPool("A thread initializer failed, the thread pool is not usable anymore").
// - submit after shutdown raises RuntimeError("cannot schedule new futures after shutdown").
//
// Recording: the pool is an object of kind Pool (capacity max_workers); `submit` (a = task,
// b = future) on the submitter; counters Busy/Pending on every change; idle workers wait in
// `idle` on the pool; each task is TaskBegin/TaskEnd on its worker.
//
// Threading contract: submit/map/shutdown may be called from any thread of the run (not from
// outside a run). The destructor is shutdown(wait=true); it must run on a thread of the run
// and never throws (on abort it returns without waiting; the run joins the workers).
class ThreadPoolExecutor {
public:
    static int defaultMaxWorkers();

    explicit ThreadPoolExecutor(Run& run, int maxWorkers = defaultMaxWorkers(), std::string threadNamePrefix = {},
                                std::function<void()> initializer = {});
    ~ThreadPoolExecutor();
    ThreadPoolExecutor(const ThreadPoolExecutor&) = delete;
    ThreadPoolExecutor& operator=(const ThreadPoolExecutor&) = delete;

    // submit(fn, *args): schedules fn(args...) and returns its Future. Arguments are copied.
    // A task returning a reference yields a copy (Python returns the object; C++ must not
    // keep a reference into the task's frame).
    template <class F, class... Args>
    auto submit(F&& fn, Args&&... args)
        -> Future<std::decay_t<std::invoke_result_t<std::decay_t<F>&, std::decay_t<Args>&...>>>
    {
        using R = std::decay_t<std::invoke_result_t<std::decay_t<F>&, std::decay_t<Args>&...>>;
        auto body = [f = std::forward<F>(fn), ... a = std::forward<Args>(args)]() mutable -> detail::TaskOutput {
            if constexpr (std::is_void_v<R>) {
                std::invoke(f, a...);
                return {std::any(), "None"};
            } else {
                R r = std::invoke(f, a...);
                std::string text = detail::valueText(r);
                return {std::any(std::move(r)), std::move(text)};
            }
        };
        return Future<R>(enqueue(std::move(body)));
    }

    // map(fn, items, timeout): submits fn(item) for every item at once, then yields the
    // results in submission order (see MapResults). The timeout counts from this call.
    template <class F, std::ranges::input_range Range> auto map(F fn, const Range& items, double timeoutMs = kForever)
    {
        using Item = std::ranges::range_value_t<Range>;
        using R = std::decay_t<std::invoke_result_t<F&, Item&>>;
        const auto deadline = mapDeadline(timeoutMs);
        std::vector<Future<R>> fs;
        for (const auto& item : items)
            fs.push_back(submit(fn, Item(item)));
        return MapResults<R>(std::move(fs), deadline);
    }
    // map(fn, a, b, timeout): fn(a[i], b[i]), stopping at the shorter input (Python's
    // map with two iterables, e.g. pool.map(sort_bucket, buckets, limits)).
    template <class F, std::ranges::input_range RangeA, std::ranges::input_range RangeB>
    auto map(F fn, const RangeA& as, const RangeB& bs, double timeoutMs = kForever)
    {
        using A = std::ranges::range_value_t<RangeA>;
        using B = std::ranges::range_value_t<RangeB>;
        using R = std::decay_t<std::invoke_result_t<F&, A&, B&>>;
        const auto deadline = mapDeadline(timeoutMs);
        std::vector<Future<R>> fs;
        auto ia = std::ranges::begin(as);
        auto ib = std::ranges::begin(bs);
        for (; ia != std::ranges::end(as) && ib != std::ranges::end(bs); ++ia, ++ib)
            fs.push_back(submit(fn, A(*ia), B(*ib)));
        return MapResults<R>(std::move(fs), deadline);
    }

    // shutdown(wait=True, *, cancel_futures=False). Safe to call twice. With wait, blocks in
    // `wait:join` on each worker until the queue is drained and every worker ended.
    void shutdown(bool wait = true, bool cancelFutures = false);

    int maxWorkers() const noexcept { return maxWorkers_; }
    const std::string& threadNamePrefix() const noexcept { return prefix_; }
    ObjectId id() const noexcept { return id_; }
    // Workers created so far (len(pool._threads)), and their thread states.
    int threadCount() const;
    std::vector<std::shared_ptr<ThreadState>> threads() const;
    bool broken() const;
    bool isShutdown() const;

private:
    static std::chrono::steady_clock::time_point mapDeadline(double timeoutMs)
    {
        return timeoutMs < 0 ? std::chrono::steady_clock::time_point::max() : detail::deadlineAfterMs(timeoutMs);
    }
    std::shared_ptr<detail::FutureCore> enqueue(std::function<detail::TaskOutput()> body);

    Run& run_;
    int maxWorkers_;
    std::string prefix_;
    ObjectId id_ = 0;
    std::shared_ptr<detail::PoolShared> shared_;
};

// The lazy iterator Executor.map() returns: results in submission order.
// - next() waits (wait:future) for the next future; a task's exception is raised when its
//   turn comes; TimeoutError when the map deadline passes first. After such an error, or when
//   the object is dropped part-way, the futures not yet started are cancelled (Python's
//   generator `finally`); running ones keep running. Never iterated: nothing is cancelled.
// - Usable in a range-for: for (auto v : pool.map(...)). For void tasks values are
//   std::monostate (Python's None).
template <class R> class MapResults {
public:
    using Value = std::conditional_t<std::is_void_v<R>, std::monostate, R>;

    MapResults(std::vector<Future<R>> fs, std::chrono::steady_clock::time_point deadline)
        : fs_(std::move(fs)), deadline_(deadline)
    {}
    MapResults(MapResults&& o) noexcept
        : fs_(std::move(o.fs_)), deadline_(o.deadline_), next_(o.next_), started_(o.started_), closed_(o.closed_)
    {
        o.closed_ = true;
    }
    MapResults(const MapResults&) = delete;
    MapResults& operator=(const MapResults&) = delete;
    MapResults& operator=(MapResults&&) = delete;
    ~MapResults()
    {
        if (started_ && !closed_)
            cancelRest();
    }

    bool hasNext() const noexcept { return !closed_ && next_ < fs_.size(); }
    Value next()
    {
        if (!hasNext())
            throw std::out_of_range("map results exhausted");  // Python: StopIteration
        started_ = true;
        const Future<R>& f = fs_[next_++];
        try {
            const double left =
                deadline_ == std::chrono::steady_clock::time_point::max() ? kForever : detail::remainingMs(deadline_);
            if constexpr (std::is_void_v<R>) {
                f.result(left);
                return {};
            } else {
                return f.result(left);
            }
        } catch (const Aborted&) {
            closed_ = true;
            throw;
        } catch (...) {
            f.cancel();  // _result_or_cancel
            cancelRest();
            throw;
        }
    }
    // list(executor.map(...))
    std::vector<Value> all()
    {
        std::vector<Value> out;
        while (hasNext())
            out.push_back(next());
        return out;
    }
    // The futures map submitted, in submission order.
    const std::vector<Future<R>>& futures() const noexcept { return fs_; }

    class iterator {
    public:
        using iterator_category = std::input_iterator_tag;
        using value_type = Value;
        using difference_type = std::ptrdiff_t;
        using pointer = const Value*;
        using reference = const Value&;
        iterator() = default;
        explicit iterator(MapResults* m) : m_(m) { advance(); }
        const Value& operator*() const { return *cur_; }
        iterator& operator++()
        {
            advance();
            return *this;
        }
        bool operator==(const iterator& o) const noexcept { return m_ == o.m_; }

    private:
        void advance()
        {
            if (m_ && m_->hasNext())
                cur_.emplace(m_->next());
            else
                m_ = nullptr;
        }
        MapResults* m_ = nullptr;
        std::optional<Value> cur_;
    };
    iterator begin() { return iterator(this); }
    iterator end() { return iterator(); }

private:
    void cancelRest()
    {
        closed_ = true;
        for (size_t i = next_; i < fs_.size(); ++i)
            fs_[i].cancel();
    }

    std::vector<Future<R>> fs_;
    std::chrono::steady_clock::time_point deadline_;
    size_t next_ = 0;
    bool started_ = false;
    bool closed_ = false;
};

}  // namespace tl
