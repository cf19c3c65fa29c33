// SPDX-License-Identifier: MIT
// Shared by the module 3-5 scenario tests: run a lesson at a short time scale and collect
// the generic trace invariants plus the lesson's own check().
#pragma once
#include "engine/model/trace.h"
#include "scenarios/m345_util.h"
#include "scenarios/runner.h"
#include "scenarios/scenario.h"
#include "scenario_test_util.h"

#include <QtTest>

#include <map>
#include <string>
#include <vector>

namespace m345test {

using namespace tl;

struct LessonRun {
    Trace trace;
    std::vector<std::string> issues;  // generic invariants + the scenario's check()
};

inline LessonRun runLesson(const std::string& id, const std::map<std::string, std::string>& values = {},
                         double timeScale = 0.1, uint64_t seed = 1)
{
    const Scenario* s = Registry::instance().find(id);
    if (!s)
        qFatal("no scenario %s", id.c_str());
    ParamValues pv = s->defaults();
    for (auto& [k, v] : values)
        pv.set(k, v);
    RunOptions opt;
    opt.timeScale = timeScale;
    // THREADLENS_TEST_GIL=1 runs every lesson under the simulated GIL (a local sanity sweep).
    opt.gil = s->defaultGil || qEnvironmentVariableIntValue("THREADLENS_TEST_GIL") == 1;
    LessonRun o;
    o.trace = runScenario(*s, pv, opt, tltest::kHangGuardMs, seed);
    o.issues = o.trace.checkInvariants();
    if (o.trace.result.status == "aborted")
        o.issues.push_back("status aborted: " + o.trace.result.message);
    for (auto& line : s->check(o.trace, pv))
        o.issues.push_back("check: " + line);
    return o;
}

inline std::string joined(const std::vector<std::string>& v)
{
    std::string s;
    for (auto& l : v)
        s += "\n  " + l;
    return s;
}

} // namespace m345test

#define EXPECT_CLEAN(o) QVERIFY2((o).issues.empty(), m345test::joined((o).issues).c_str())
