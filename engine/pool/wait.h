// SPDX-License-Identifier: MIT
#pragma once
#include "future.h"

#include <chrono>
#include <iterator>
#include <memory>
#include <optional>
#include <vector>

namespace tl {

// concurrent.futures.FIRST_COMPLETED / FIRST_EXCEPTION / ALL_COMPLETED.
enum class ReturnWhen { FirstCompleted, FirstException, AllCompleted };

namespace detail {
using CoreList = std::vector<std::shared_ptr<FutureCore>>;
// Indices into the de-duplicated input of the done and not-done futures.
struct WaitIndices {
    std::vector<size_t> done, notDone;
};
// wait() on type-erased cores (duplicates already removed).
WaitIndices waitCores(const CoreList& cores, double timeoutMs, ReturnWhen when);

// The engine of as_completed(): installs a waiter on the first next().
class AsCompletedCore {
public:
    AsCompletedCore(CoreList cores, double timeoutMs);
    ~AsCompletedCore();
    AsCompletedCore(const AsCompletedCore&) = delete;
    AsCompletedCore& operator=(const AsCompletedCore&) = delete;
    bool hasNext() const noexcept { return yielded_ < cores_.size(); }
    // The index of the next future to complete (already-done ones first, in input order).
    size_t next();

private:
    void start();
    CoreList cores_;
    double timeoutMs_;
    std::chrono::steady_clock::time_point deadline_;
    bool started_ = false;
    size_t yielded_ = 0;
    std::vector<size_t> ready_;  // done, not yet yielded, in completion order
    std::vector<bool> yieldedFlag_;
    std::shared_ptr<MultiWaiter> waiter_;
};

template <class Fut> std::vector<Fut> unique(const std::vector<Fut>& fs)
{
    std::vector<Fut> out;
    for (const Fut& f : fs) {
        bool seen = false;
        for (const Fut& g : out)
            seen = seen || g == f;
        if (!seen)
            out.push_back(f);
    }
    return out;
}
template <class Fut> CoreList coresOf(const std::vector<Fut>& fs)
{
    CoreList cs;
    for (const Fut& f : fs)
        cs.push_back(f.core());
    return cs;
}
}  // namespace detail

// DoneAndNotDoneFutures: each future of the input once (duplicates dropped), in input order.
template <class Fut> struct DoneAndNotDone {
    std::vector<Fut> done;
    std::vector<Fut> notDone;
};

// concurrent.futures.wait(fs, timeout, return_when): never raises on timeout. Blocks in
// `wait:future` (object: the first future not done) until the condition holds or the
// timeout passes; the `done` flow of each future finishing during the wait ends here.
template <class Fut>
DoneAndNotDone<Fut> wait(const std::vector<Fut>& fs, double timeoutMs = kForever,
                         ReturnWhen when = ReturnWhen::AllCompleted)
{
    const std::vector<Fut> u = detail::unique(fs);
    const detail::WaitIndices idx = detail::waitCores(detail::coresOf(u), timeoutMs, when);
    DoneAndNotDone<Fut> r;
    for (size_t i : idx.done)
        r.done.push_back(u[i]);
    for (size_t i : idx.notDone)
        r.notDone.push_back(u[i]);
    return r;
}

// concurrent.futures.as_completed(fs, timeout): yields each future (duplicates once) as it
// completes: those already done first, then in completion order. Like Python's generator, it
// starts (and its timeout starts counting) at the first next(); when the deadline passes
// next() raises TimeoutError("N (of M) futures unfinished").
//
//   for (auto& f : as_completed(futures)) total += f.result();
template <class Fut> class AsCompleted {
public:
    AsCompleted(const std::vector<Fut>& fs, double timeoutMs)
        : fs_(detail::unique(fs)), core_(std::make_unique<detail::AsCompletedCore>(detail::coresOf(fs_), timeoutMs))
    {}

    bool hasNext() const noexcept { return core_->hasNext(); }
    Fut next() { return fs_[core_->next()]; }

    class iterator {
    public:
        using iterator_category = std::input_iterator_tag;
        using value_type = Fut;
        using difference_type = std::ptrdiff_t;
        using pointer = const Fut*;
        using reference = const Fut&;
        iterator() = default;
        explicit iterator(AsCompleted* a) : a_(a) { advance(); }
        const Fut& operator*() const { return *cur_; }
        iterator& operator++()
        {
            advance();
            return *this;
        }
        bool operator==(const iterator& o) const noexcept { return a_ == o.a_; }

    private:
        void advance()
        {
            if (a_ && a_->hasNext())
                cur_ = a_->next();
            else
                a_ = nullptr;
        }
        AsCompleted* a_ = nullptr;
        std::optional<Fut> cur_;
    };
    iterator begin() { return iterator(this); }
    iterator end() { return iterator(); }

private:
    std::vector<Fut> fs_;
    std::unique_ptr<detail::AsCompletedCore> core_;
};

template <class Fut> AsCompleted<Fut> as_completed(const std::vector<Fut>& fs, double timeoutMs = kForever)
{
    return AsCompleted<Fut>(fs, timeoutMs);
}

}  // namespace tl
