// SPDX-License-Identifier: MIT
// Helpers shared by the engine tests: drain a run, count events, check flows and holds.
#pragma once
#include "engine/control/run.h"

#include <QString>
#include <algorithm>
#include <chrono>
#include <map>
#include <thread>
#include <vector>

namespace tltest {

inline std::vector<tl::Event> drainAll(tl::Run& run)
{
    std::vector<tl::Event> ev;
    run.drain(ev);
    std::stable_sort(ev.begin(), ev.end(), [](const tl::Event& x, const tl::Event& y) { return x.t < y.t; });
    return ev;
}

inline int count(const std::vector<tl::Event>& ev, tl::Ev type, tl::ObjectId object = 0)
{
    return static_cast<int>(std::count_if(ev.begin(), ev.end(), [&](const tl::Event& e) {
        return e.type == type && (object == 0 || e.object == object);
    }));
}

inline std::vector<tl::Event> select(const std::vector<tl::Event>& ev, tl::Ev type, tl::ObjectId object = 0)
{
    std::vector<tl::Event> out;
    for (const tl::Event& e : ev)
        if (e.type == type && (object == 0 || e.object == object))
            out.push_back(e);
    return out;
}

// How long an abort test waits for a run to end: its threads block for ever or for 60 s, so
// ending within this proves the abort woke them; the margin covers a loaded, sanitized machine.
constexpr int kAbortGuardMs = 20000;

// Gates for tests that must not race the clock: each returns once another thread `ts` is
// blocked (in any wait), or blocked in a join. Polled: a blocked thread cannot signal.
inline void awaitBlocked(const tl::ThreadState& ts)
{
    while (ts.waitingFor() == 0)
        std::this_thread::sleep_for(std::chrono::microseconds(200));
}
inline void awaitJoining(const tl::ThreadState& ts)
{
    while (ts.waitingFor() == 0 || ts.waitingForLane() < 0)
        std::this_thread::sleep_for(std::chrono::microseconds(200));
}

// Every flow id starts once and ends once, the end no earlier than the start, with the same
// kind. Returns an empty string when fine, else what is wrong.
inline QString checkFlows(const std::vector<tl::Event>& ev)
{
    struct Ends {
        int starts = 0, ends = 0;
        int64_t ts = 0, te = 0;
        int64_t kind = -1;
    };
    std::map<int64_t, Ends> flows;
    for (const tl::Event& e : ev) {
        if (e.type == tl::Ev::FlowStart) {
            auto& f = flows[e.a];
            ++f.starts;
            f.ts = e.t;
            f.kind = e.b;
        } else if (e.type == tl::Ev::FlowEnd) {
            auto& f = flows[e.a];
            ++f.ends;
            f.te = e.t;
            if (f.kind >= 0 && f.kind != e.b)
                return QString("flow %1 changes kind").arg(e.a);
        }
    }
    for (auto& [id, f] : flows) {
        if (f.starts != 1 || f.ends != 1)
            return QString("flow %1: %2 starts, %3 ends").arg(id).arg(f.starts).arg(f.ends);
        if (f.te < f.ts)
            return QString("flow %1 ends before it starts").arg(id);
    }
    return {};
}

// Holds of one object: every HoldBegin id ends once; the number open at once never exceeds
// `limit`. Returns an empty string when fine.
inline QString checkHolds(const std::vector<tl::Event>& ev, tl::ObjectId object, int limit)
{
    std::map<int64_t, int> open;
    int now = 0;
    for (const tl::Event& e : ev) {
        if (e.object != object)
            continue;
        if (e.type == tl::Ev::HoldBegin) {
            if (open.count(e.a))
                return QString("hold %1 begins twice").arg(e.a);
            open[e.a] = 1;
            if (++now > limit)
                return QString("%1 holds at once, limit %2").arg(now).arg(limit);
        } else if (e.type == tl::Ev::HoldEnd) {
            if (!open.erase(e.a))
                return QString("hold %1 ends without a begin").arg(e.a);
            --now;
        }
    }
    if (!open.empty())
        return QString("%1 holds never end").arg(open.size());
    return {};
}

}  // namespace tltest
