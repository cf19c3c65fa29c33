// SPDX-License-Identifier: MIT
// What a lesson's run() records beyond the engine's own events, and how it prints values the
// way Python does. The trace-side questions live in checks.h.
//
// Threading contract: the recording helpers are called from a thread of the run (they record on
// the calling lane); the formatting helpers are pure.
#pragma once
#include "engine/control/run.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <string>

namespace tl {

// A Python exception the lesson's own code caught (an `except` branch, or Python's print of
// it): an `exception` instant on the calling lane, optionally naming the object it came from.
inline void recordException(const std::string& text, ObjectId object = 0)
{
    ThreadState& ts = ThreadState::current();
    ts.record(Ev::Exception, object, ts.run().recorder().intern(text));
}

// A lesson-level counter (e.g. an RLock's recursion count) on an object's track.
inline void recordCounter(ObjectId object, CounterKind kind, int64_t value)
{
    ThreadState::current().record(Ev::Counter, object, int64_t(kind), value);
}

// Elapsed scenario milliseconds since `startNs` (undoing timeScale/speed), for "wall: ..." marks.
inline double scenarioMsSince(int64_t startNs)
{
    ThreadState& ts = ThreadState::current();
    const double nsPerMs = double(ts.scaledNs(1000.0)) / 1000.0;
    return double(ts.run().elapsedNs() - startNs) / std::max(nsPerMs, 1.0);
}

// "%.0f": a duration in whole milliseconds, as the lessons' Python prints it.
inline std::string fmt0(double v)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.0f", v);
    return buf;
}

inline const char* pyBool(bool b) { return b ? "True" : "False"; }

// A stable string hash (FNV-1a): Python's hash(str) changes per process, a lesson needs one
// that does not, and its check() must recompute it.
inline uint32_t stableHash(const std::string& s)
{
    uint32_t h = 2166136261u;
    for (unsigned char c : s)
        h = (h ^ c) * 16777619u;
    return h;
}

}  // namespace tl
