// SPDX-License-Identifier: MIT
// Module 1 (threads basics): what its lessons share, ThreadGroup, the is_alive() answers and a
// lane's work after a moment. module1.cpp holds l1-l6 (starting threads, the main thread, waiting
// for them) and registers the module; module1_details.cpp holds l7-l12 (names, attributes,
// thread-local data, atomic operations, Timer, the helper functions).
#pragma once
#include "checks.h"
#include "recording.h"
#include "engine/sync/sync.h"
#include "engine/work.h"
#include "scenario.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <numeric>
#include <random>
#include <set>
#include <sstream>

namespace tl::m1 {

using namespace checks;  // the module's own namespace: its lessons speak the check library
// ---- helpers shared by the module's scenarios ----

// A list of threads that outlives a main unwinding by an abort: its destructor waits (untraced,
// the run is stopping them) for every started thread to end, so the objects they use, declared
// before the group, are still alive while they finish.
class ThreadGroup {
public:
    ThreadGroup() = default;
    ThreadGroup(const ThreadGroup&) = delete;
    ThreadGroup& operator=(const ThreadGroup&) = delete;
    ~ThreadGroup()
    {
        for (const Thread& t : threads_)
            if (auto s = t.state()) {
                std::unique_lock lk(s->endMutex);
                s->endCv.wait(lk, [&] { return s->ended; });
            }
    }
    Thread& add(Thread t)
    {
        threads_.push_back(std::move(t));
        return threads_.back();
    }
    void startAll()
    {
        for (Thread& t : threads_)
            t.start();
    }
    void joinAll()
    {
        for (Thread& t : threads_)
            t.join();
    }
    std::deque<Thread>& all() { return threads_; }

private:
    std::deque<Thread> threads_;  // deque: references stay valid as threads are added
};

// Whether an is_alive() answer fits the trace. The reader stamps its mark after the read, and
// the engine records a lane's end before it clears the thread's alive flag: a False answer means
// the end was recorded before the mark. A True answer only says the flag was not cleared yet,
// which on a loaded machine may come any time after the end record, so it never contradicts the
// trace by itself (what a join returning implies is checked by the lessons on their own terms).
inline bool aliveAnswerFits(const Trace& t, LaneId l, int64_t markT, bool saidAlive)
{
    return saidAlive || (t.lanes[l].end >= 0 && t.lanes[l].end <= markT);
}

// The time a lane spends doing work (run or io or sleep) after `from`.
inline int64_t workAfter(const Trace& t, LaneId l, int64_t from, std::initializer_list<State> states)
{
    int64_t total = 0;
    for (const Interval& iv : t.lanes[l].intervals)
        if (std::find(states.begin(), states.end(), iv.state) != states.end())
            total += std::max<int64_t>(0, iv.end - std::max(iv.start, from));
    return total;
}

// The lessons in the other files, registered by registerModule1 in the course order.
void registerThreadDetails(Registry& r);  // l7-l12: names, attributes, local data, atomics, Timer, helpers

}  // namespace tl::m1
