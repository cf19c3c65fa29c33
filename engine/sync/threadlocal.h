// SPDX-License-Identifier: MIT
#pragma once
#include "../control/run.h"
#include "../errors.h"

#include <map>
#include <mutex>
#include <string>

namespace tl {

// One attribute of Python's threading.local(): each thread sees its own value.
//
//   ThreadLocal<int> local("x");
//   local.set(5);              // local.x = 5
//   int v = local.get();       // AttributeError("'_thread._local' object has no attribute 'x'")
//                              // when this thread never set it
//
// Threading contract: any thread may call anything; the map is guarded by a mutex, values are
// keyed by the calling thread (its ThreadState within a run) and each thread touches only its
// own value, so get()'s reference stays valid for that thread (map nodes never move).
template <class T> class ThreadLocal {
public:
    explicit ThreadLocal(std::string attr = "x") : attr_(std::move(attr)) {}
    ThreadLocal(const ThreadLocal&) = delete;
    ThreadLocal& operator=(const ThreadLocal&) = delete;

    T& get()
    {
        std::lock_guard lk(mutex_);
        auto it = values_.find(key());
        if (it == values_.end())
            throw AttributeError("'_thread._local' object has no attribute '" + attr_ + "'");
        return it->second;
    }
    // The value, or `fallback` when unset (Python's getattr(local, 'x', fallback)).
    T value(T fallback) const
    {
        std::lock_guard lk(mutex_);
        auto it = values_.find(key());
        return it == values_.end() ? fallback : it->second;
    }
    bool has() const
    {
        std::lock_guard lk(mutex_);
        return values_.count(key()) != 0;
    }
    void set(T v)
    {
        std::lock_guard lk(mutex_);
        values_.insert_or_assign(key(), std::move(v));
    }
    // `del local.x`: AttributeError when unset.
    void erase()
    {
        std::lock_guard lk(mutex_);
        if (values_.erase(key()) == 0)
            throw AttributeError("'_thread._local' object has no attribute '" + attr_ + "'");
    }
    // How many threads hold a value (for the "one compartment per lane" view and tests).
    size_t size() const
    {
        std::lock_guard lk(mutex_);
        return values_.size();
    }
    const std::string& attr() const noexcept { return attr_; }

private:
    static const void* key() noexcept
    {
        if (const ThreadState* ts = ThreadState::currentOrNull())
            return ts;
        thread_local char outside;  // a thread outside any run
        return &outside;
    }
    std::string attr_;
    mutable std::mutex mutex_;
    std::map<const void*, T> values_;
};

}  // namespace tl
