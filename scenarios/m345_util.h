// SPDX-License-Identifier: MIT
// Small helpers shared by the scenarios of modules 3, 4 and 5 (run-side recording and
// trace-side queries for their check() functions). Header-only, internal to those files.
#pragma once
#include "checks.h"
#include "engine/control/run.h"
#include "engine/model/trace.h"

#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <vector>

namespace tl::m345 {

// ---- run side ----

// Records a Python exception that the scenario's own code caught (a handled `except`), as an
// `exception` instant on the calling lane, optionally naming the object it came from.
inline void logException(const std::string& text, ObjectId object = 0)
{
    ThreadState& ts = ThreadState::current();
    ts.record(Ev::Exception, object, ts.run().recorder().intern(text));
}

// A scenario-level counter (e.g. an RLock's recursion count) on an object's track.
inline void recordCounter(ObjectId object, CounterKind kind, int64_t value)
{
    ThreadState::current().record(Ev::Counter, object, int64_t(kind), value);
}

// ---- trace side ----

inline std::string fmtMs(int64_t ns) { return std::to_string(ns / 1000000.0).substr(0, 8) + " ms"; }

inline std::vector<ObjectId> objectsNamed(const Trace& tr, const std::string& name)
{
    std::vector<ObjectId> out;
    for (const auto& o : tr.objects)
        if (o.id && o.name == name)
            out.push_back(o.id);
    return out;
}
inline ObjectId objectNamed(const Trace& tr, const std::string& name)
{
    auto v = objectsNamed(tr, name);
    return v.empty() ? 0 : v.front();
}
inline std::vector<ObjectId> objectsOfKind(const Trace& tr, ObjectKind kind)
{
    std::vector<ObjectId> out;
    for (const auto& o : tr.objects)
        if (o.id && o.kind == kind)
            out.push_back(o.id);
    return out;
}

inline int laneNamed(const Trace& tr, const std::string& name)
{
    for (const auto& l : tr.lanes)
        if (l.info.name == name)
            return l.info.id;
    return -1;
}
inline std::vector<int> lanesWithPrefix(const Trace& tr, const std::string& prefix)
{
    std::vector<int> out;
    for (const auto& l : tr.lanes)
        if (l.info.name.rfind(prefix, 0) == 0)
            out.push_back(l.info.id);
    return out;
}
inline std::string laneName(const Trace& tr, int lane)
{
    return lane >= 0 && size_t(lane) < tr.lanes.size() ? tr.lanes[size_t(lane)].info.name : "?";
}

inline std::vector<const Instant*> instantsOf(const Trace& tr, Ev type, ObjectId object = 0)
{
    return checks::instantsOf(tr, type, -1, object);
}
// Marks whose text starts with `prefix`, in time order.
inline std::vector<const Instant*> marks(const Trace& tr, const std::string& prefix, int lane = -1)
{
    std::vector<const Instant*> out;
    for (const auto& in : tr.instants)
        if (in.type == Ev::Mark && in.text.rfind(prefix, 0) == 0 && (lane < 0 || in.lane == lane))
            out.push_back(&in);
    return out;
}
inline std::vector<const Instant*> exceptions(const Trace& tr, const std::string& contains = {})
{
    return checks::exceptions(tr, contains);
}
// The integer after "key=" in a mark's text ("dishes=7 of 10" -> key "dishes" -> 7).
inline std::optional<int64_t> field(const std::string& text, const std::string& key)
{
    const std::string k = key + "=";
    size_t p = text.find(k);
    while (p != std::string::npos && p > 0 && text[p - 1] != ' ' && text[p - 1] != ',' && text[p - 1] != '(')
        p = text.find(k, p + 1);
    if (p == std::string::npos)
        return std::nullopt;
    try {
        return std::stoll(text.substr(p + k.size()));
    } catch (...) {
        return std::nullopt;
    }
}

inline std::vector<const Hold*> holdsOf(const Trace& tr, ObjectId object)
{
    std::vector<const Hold*> out;
    for (const auto& h : tr.holds)
        if (h.object == object)
            out.push_back(&h);
    return out;
}
inline int64_t holdEnd(const Trace& tr, const Hold& h) { return h.end < 0 ? tr.duration() : h.end; }

// Largest number of holds of the given objects open at the same instant (a release and an
// acquire at the same timestamp do not overlap).
inline int maxConcurrentHolds(const Trace& tr, const std::vector<ObjectId>& objects)
{
    std::vector<std::pair<int64_t, int>> edges;
    for (const auto& h : tr.holds)
        if (std::find(objects.begin(), objects.end(), h.object) != objects.end()) {
            edges.push_back({h.start, +1});
            edges.push_back({holdEnd(tr, h), -1});
        }
    std::sort(edges.begin(), edges.end());  // at equal t, -1 sorts before +1
    int cur = 0, best = 0;
    for (auto& [t, d] : edges) {
        cur += d;
        best = std::max(best, cur);
    }
    return best;
}

// Intervals of a lane (any lane when lane < 0) in a given state (on a given object when != 0).
struct LaneInterval {
    int lane;
    const Interval* iv;
};
inline std::vector<LaneInterval> intervalsIn(const Trace& tr, State state, ObjectId object = 0, int lane = -1)
{
    std::vector<LaneInterval> out;
    for (const auto& l : tr.lanes) {
        if (lane >= 0 && l.info.id != lane)
            continue;
        for (const auto& iv : l.intervals)
            if (iv.state == state && (!object || iv.object == object))
                out.push_back({l.info.id, &iv});
    }
    return out;
}
inline int64_t timeIn(const Trace& tr, int lane, State state)
{
    int64_t sum = 0;
    for (auto& li : intervalsIn(tr, state, 0, lane))
        sum += li.iv->end - li.iv->start;
    return sum;
}

inline std::vector<const TaskSpan*> tasksOfFuture(const Trace& tr, ObjectId future)
{
    std::vector<const TaskSpan*> out;
    for (const auto& t : tr.tasks)
        if (t.future == future)
            out.push_back(&t);
    return out;
}

// Slack for comparing timestamps of two threads: recording happens just after (or before)
// the atomic step it describes, and a thread can be preempted in between.
inline constexpr int64_t kSlackNs = 5'000'000;

} // namespace tl::m345

namespace tl::m345 {

// The recorded states of every future (FutureState instants, in time order):
// 0 PENDING, 1 RUNNING, 2 CANCELLED, 3 FINISHED.
inline std::map<ObjectId, std::vector<const Instant*>> futureStates(const Trace& tr)
{
    std::map<ObjectId, std::vector<const Instant*>> out;
    for (const auto& in : tr.instants)
        if (in.type == Ev::FutureState)
            out[in.object].push_back(&in);
    return out;
}
// G7: only PENDING→RUNNING→FINISHED and PENDING→CANCELLED; FINISHED and CANCELLED terminal.
inline void checkFutureLifecycles(const Trace& tr, std::vector<std::string>& out)
{
    for (auto& [f, states] : futureStates(tr)) {
        std::string seq;
        for (auto* s : states)
            seq += char('0' + s->a);
        if (seq != "013" && seq != "02" && seq != "0" && seq != "01")
            out.push_back(tr.objectName(f) + " went through the illegal state sequence " + seq +
                          " (0 PENDING, 1 RUNNING, 2 CANCELLED, 3 FINISHED)");
    }
}
// The state of a future just before t (-1 if none recorded yet).
inline int64_t futureStateBefore(const std::vector<const Instant*>& states, int64_t t)
{
    int64_t st = -1;
    for (auto* s : states)
        if (s->t <= t)
            st = s->a;
    return st;
}
inline const TaskSpan* taskOf(const Trace& tr, ObjectId future)
{
    for (const auto& t : tr.tasks)
        if (t.future == future)
            return &t;
    return nullptr;
}
// Pool futures by task number (Submit instants: a = task, b = future).
inline std::map<int64_t, ObjectId> futuresByTask(const Trace& tr)
{
    std::map<int64_t, ObjectId> out;
    for (const auto& in : tr.instants)
        if (in.type == Ev::Submit)
            out[in.a] = ObjectId(in.b);
    return out;
}

} // namespace tl::m345

namespace tl::m345 {

// How a wait ended. Under the simulated GIL a thread that must queue for the GIL after its
// wait records `wait:gil` next, and (engine as of this writing) that state change carries no
// outcome, so a timeout or a break is not visible on the wait interval itself. Then the
// outcome is unknown: checks must not conclude "it succeeded" from Outcome::None.
inline bool outcomeUnknown(const Trace& tr, int lane, const Interval* iv)
{
    if (iv->outcome != Outcome::None)
        return false;
    const auto& ivs = tr.lanes[size_t(lane)].intervals;
    const size_t i = size_t(iv - ivs.data());
    return i + 1 < ivs.size() && ivs[i + 1].state == State::WaitGil;
}

} // namespace tl::m345
