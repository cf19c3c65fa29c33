// SPDX-License-Identifier: MIT
#pragma once
#include "trace.h"

#include <optional>
#include <string>
#include <vector>

namespace tl {

// Two runs side by side (A, the pinned or first one; B, the other): the difference table of the
// compare view, its export and the panels' A / B / change columns.

// One figure of both runs.
struct DiffRow {
    enum class Unit { Ns, Ratio, Count, Share };  // a duration, "×", a count, a fraction 0..1
    enum class Better { Lower, Higher, Neither };
    std::string group;  // "run", or the object: "lock oven", "queue jobs"
    std::string metric;  // "wall time", "CPU time", "cores busy", "acquisitions", "contended share",
        // "wait total", "longest wait", "peak depth", "tasks"
    Unit unit = Unit::Count;
    Better better = Better::Neither;
    std::optional<double> a, b;  // empty when that run has no such object

    // b − a (0 when either is missing).
    double change() const { return a && b ? *b - *a : 0; }
    // +1 better, −1 worse, 0 the same (within 3% of the larger, or a figure with no better side).
    int verdict() const;
};

// The table from the two runs' statistics: the run's figures first (wall time, CPU time, cores busy,
// tasks), then per lock-like object (matched by name) acquisitions, contended share, wait total and
// longest wait, then per queue (by name) its peak depth.
std::vector<DiffRow> compareStats(const RunStats& a, const RunStats& b);

// What tells the runs apart, for their labels: the parameters whose values differ
// ("workers=2", "workers=8"), the GIL when it differs, the lesson when it differs, the runner
// ("ThreadLens threads", "CPython 3.11.2") when it differs, joined by " · ".
// Both "same settings" when nothing does.
struct RunLabels {
    std::string a, b;
};
RunLabels differences(const Trace& a, const Trace& b);

}  // namespace tl
