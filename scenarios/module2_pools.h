// SPDX-License-Identifier: MIT
// Module 2 (thread pools): what its lessons share, list marks and G6 for one pool.
// module2.cpp holds l1-l4 (what pools are, creating one, submit and map, getting results) and
// registers the module; module2_control.cpp holds l5-l8 (executors, wait(), initializers,
// shutdown); module2_sizing.cpp l9-l12 (thread count, lifecycle, the optimal count, asyncio).
#pragma once
#include "checks.h"
#include "recording.h"
#include "engine/pool/thread_pool.h"
#include "engine/pool/wait.h"
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
#include <queue>
#include <random>
#include <set>
#include <sstream>

namespace tl::m2 {

using namespace checks;  // the module's own namespace: its lessons speak the check library
// "[0, 2, 5]"
inline std::string listText(const std::vector<int>& v)
{
    std::string s = "[";
    for (size_t i = 0; i < v.size(); ++i)
        s += (i ? ", " : "") + std::to_string(v[i]);
    return s + "]";
}

// Parses "[0, 2, 5]" after `key` in a mark.
inline std::vector<int> listAfter(const Instant& m, std::string_view key)
{
    std::vector<int> out;
    const size_t at = m.text.find(key);
    if (at == std::string::npos)
        return out;
    const size_t open = m.text.find('[', at), close = m.text.find(']', at);
    if (open == std::string::npos || close == std::string::npos)
        return out;
    std::stringstream ss(m.text.substr(open + 1, close - open - 1));
    for (std::string item; std::getline(ss, item, ',');)
        if (item.find_first_of("0123456789") != std::string::npos)
            out.push_back(std::stoi(item));
    return out;
}

// The one pool of a scenario (or the one named `name`).
inline std::optional<ObjectId> poolNamed(const Trace& t, std::string_view name = {})
{
    for (ObjectId id : objectsOfKind(t, ObjectKind::Pool))
        if (name.empty() || t.objectName(id) == name)
            return id;
    return std::nullopt;
}

// G6 for one pool: busy <= max_workers, spawned <= min(max_workers, submitted), each task once.
inline void checkPoolBasics(const Trace& t, ObjectId pool, std::vector<std::string>& out)
{
    const ObjectInfo* info = t.object(pool);
    const int64_t cap = info ? info->capacity : 0;
    const auto futures = submittedFutures(t, pool);
    const auto workers = poolWorkers(t, pool);
    std::vector<Span> spans;
    for (const TaskSpan& ts : t.tasks)
        if (std::find(futures.begin(), futures.end(), ts.future) != futures.end())
            spans.push_back({ts.start, ts.end < 0 ? t.duration() : ts.end});
    const std::string name = t.objectName(pool);
    expect(out, maxConcurrent(spans) <= cap, name + ": more tasks ran at once than max_workers");
    expect(out, int64_t(workers.size()) <= std::min<int64_t>(cap, int64_t(futures.size())),
           name + ": spawned " + std::to_string(workers.size()) + " workers for " + std::to_string(futures.size()) +
               " submits with max_workers " + std::to_string(cap));
    for (auto& v : tasksRunOnce(t))
        out.push_back(v);
    for (auto& v : futureTransitionsLegal(t))
        out.push_back(v);
    // A worker lane exists only after the first submit.
    const auto submits = instantsOf(t, Ev::Submit, -1, pool);
    for (LaneId w : workers)
        expect(out, !submits.empty() && t.lanes[w].start >= submits.front()->t,
               t.lanes[w].info.name + " started before the first submit");
}

// The lessons in the other files, registered by registerModule2 in the course order.
void registerPoolControl(Registry& r);  // l5-l8: executors, wait(), initializers, shutdown
void registerPoolSizing(Registry& r);  // l9-l12: thread count, lifecycle, optimal count, asyncio

}  // namespace tl::m2
