// SPDX-License-Identifier: MIT
#pragma once
#include "engine/model/trace.h"

#include <QString>

#include <vector>

namespace tl::view {

// One figure a learner reads: a name they can say, its value, and a tooltip that says what it
// means and how it was measured.
struct Figure {
    QString label;
    QString value;
    QString tip;
};

// The run-level figures of a span of wall time (the whole run, or an exported range), only those
// that mean something for it: a speed-up only when at least two threads worked, "cores busy" only
// when the threads computed noticeably. Durations are expected in lesson time already
// (RunStats is; see toLessonTime); `speed` < 1 adds a "Slow motion" figure saying so.
// The statistics panel, the exports' panels and the command line's summary all show these.
std::vector<Figure> workFigures(const WorkFigures& work, int64_t wall, int cores, double speed);

// What a run was, in one line for an export's footer: the lesson id and its parameters by their
// labels ("Threads: 4 · Critical section: 50 ms"), the GIL, slow motion, when it was recorded;
// for a traced Python program its file and interpreter.
QString runCaption(const Trace& trace);

// "0.34×": a speed or ratio for people.
QString formatRatio(double r);

}  // namespace tl::view
