// SPDX-License-Identifier: MIT
// Small helpers shared by the module 6-8 scenarios: recording a handled exception on the
// calling lane, and reading objects, marks and holds back from a recorded Trace.
// Run-side helpers must be called from a thread of the run; trace-side ones are pure.
#pragma once
#include "checks.h"
#include "engine/control/run.h"
#include "engine/model/trace.h"

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

namespace tl::m678 {

// A Python exception caught by the scenario's own code (an `except` branch), recorded as an
// `exception` instant on the calling lane.
inline void logException(const std::string& text, ObjectId object = 0)
{
    ThreadState& ts = ThreadState::current();
    ts.record(Ev::Exception, object, ts.run().recorder().intern(text));
}

// A stable string hash (FNV-1a): Python's hash(str) changes per process, the lesson needs one
// that does not, and check() must recompute it.
inline uint32_t stableHash(const std::string& s)
{
    uint32_t h = 2166136261u;
    for (unsigned char c : s)
        h = (h ^ c) * 16777619u;
    return h;
}

inline ObjectId objectNamed(const Trace& tr, const std::string& name)
{
    for (const auto& o : tr.objects)
        if (o.id && o.name == name)
            return o.id;
    return 0;
}
inline int laneNamed(const Trace& tr, const std::string& name)
{
    for (size_t i = 0; i < tr.lanes.size(); ++i)
        if (tr.lanes[i].info.name == name)
            return int(i);
    return -1;
}
inline std::vector<const Instant*> marks(const Trace& tr, const std::string& prefix, int lane = -1)
{
    std::vector<const Instant*> out;
    for (const auto& in : tr.instants)
        if (in.type == Ev::Mark && in.text.rfind(prefix, 0) == 0 && (lane < 0 || in.lane == lane))
            out.push_back(&in);
    return out;
}
inline std::vector<const Instant*> instantsOf(const Trace& tr, Ev type, ObjectId object = 0)
{
    return checks::instantsOf(tr, type, -1, object);
}
inline std::vector<const Instant*> exceptions(const Trace& tr, const std::string& contains = {})
{
    return checks::exceptions(tr, contains);
}
// The integer after "key=" in a mark ("count=7 of 10" -> key "count" -> 7).
inline std::optional<int64_t> field(const std::string& text, const std::string& key)
{
    const std::string k = key + "=";
    size_t p = text.find(k);
    while (p != std::string::npos && p > 0 && text[p - 1] != ' ')
        p = text.find(k, p + 1);
    if (p == std::string::npos)
        return std::nullopt;
    try {
        return std::stoll(text.substr(p + k.size()));
    } catch (...) {
        return std::nullopt;
    }
}
// The value of `key` in the last mark starting with `prefix`.
inline std::optional<int64_t> lastField(const Trace& tr, const std::string& prefix, const std::string& key)
{
    auto ms = marks(tr, prefix);
    if (ms.empty())
        return std::nullopt;
    return field(ms.back()->text, key);
}
inline int64_t holdEnd(const Trace& tr, const Hold& h) { return h.end < 0 ? tr.duration() : h.end; }
// Whether `lane` holds `object` at time t (a hold covers [start, end]).
inline bool holdsAt(const Trace& tr, ObjectId object, int lane, int64_t t)
{
    for (const auto& h : tr.holds)
        if (h.object == object && int(h.lane) == lane && h.start <= t && t <= holdEnd(tr, h))
            return true;
    return false;
}
inline std::vector<const Hold*> holdsOf(const Trace& tr, ObjectId object)
{
    std::vector<const Hold*> out;
    for (const auto& h : tr.holds)
        if (h.object == object)
            out.push_back(&h);
    return out;
}
inline std::vector<int> lanesWithPrefix(const Trace& tr, const std::string& prefix)
{
    std::vector<int> out;
    for (size_t i = 0; i < tr.lanes.size(); ++i)
        if (tr.lanes[i].info.name.rfind(prefix, 0) == 0)
            out.push_back(int(i));
    return out;
}

} // namespace tl::m678
