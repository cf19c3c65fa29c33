// SPDX-License-Identifier: MIT
// The scenario tests' one harness: run a lesson with some parameters changed, at a short time
// scale, and collect the trace's generic invariants and the lesson's own check().
#pragma once
#include "engine/model/trace.h"
#include "scenarios/checks.h"
#include "scenarios/runner.h"
#include "scenarios/scenario.h"

#include <QtTest>

#include <map>
#include <string>
#include <vector>

namespace tltest {

// Lesson durations × 0.1: a 5 s lesson runs in 500 ms. Tests whose point is a timing race pass
// a larger scale (often 1.0) so the lesson's own gaps dwarf a loaded machine's delays.
inline constexpr double kTimeScale = 0.1;
// A run that goes on this long is hung: the limit only guards against hangs, so it is far above
// what any lesson needs even on a loaded machine (a run's length is never what a test judges).
inline constexpr double kHangGuardMs = 300000;

struct LessonRun {
    tl::Trace trace;
    std::vector<std::string> issues;  // "trace: " invariants, "check: " the lesson's check(), a hang
};

// gil < 0: the lesson's default, or on for every lesson with THREADLENS_TEST_GIL=1 (a local
// sanity sweep); 0 / 1: off / on.
inline LessonRun runLesson(const std::string& id, const std::map<std::string, std::string>& values = {},
                           double timeScale = kTimeScale, uint64_t seed = 1, int gil = -1)
{
    const tl::Scenario* s = tl::Registry::instance().find(id);
    if (!s)
        qFatal("no scenario %s", id.c_str());
    tl::ParamValues pv = s->defaults();
    for (const auto& [k, v] : values)
        pv.set(k, v);
    tl::RunOptions opt;
    opt.timeScale = timeScale;
    opt.gil = gil < 0 ? s->defaultGil || qEnvironmentVariableIntValue("THREADLENS_TEST_GIL") == 1 : gil == 1;
    LessonRun o;
    o.trace = tl::runScenario(*s, pv, opt, kHangGuardMs, seed);
    for (const auto& line : o.trace.checkInvariants())
        o.issues.push_back("trace: " + line);
    for (const auto& line : s->check(o.trace, pv))
        o.issues.push_back("check: " + line);
    if (o.trace.result.status == "aborted")
        o.issues.push_back("status aborted: " + o.trace.result.message);
    return o;
}

inline std::string joined(const std::vector<std::string>& lines)
{
    std::string s;
    for (const auto& l : lines)
        s += "\n  " + l;
    return s;
}

}  // namespace tltest

// Fails the current test with the issues when there are any.
#define EXPECT_CLEAN(o) QVERIFY2((o).issues.empty(), tltest::joined((o).issues).c_str())
// Clean, and the run finished (no deadlock).
#define TL_VERIFY_CLEAN(o)                                                                                             \
    QVERIFY2((o).issues.empty() && (o).trace.result.status == "finished",                                              \
             (tltest::joined((o).issues) + "\n  status " + (o).trace.result.status).c_str())
