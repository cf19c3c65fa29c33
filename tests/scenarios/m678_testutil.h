// SPDX-License-Identifier: MIT
// Shared by the module 6-8 scenario tests: run a lesson at a short time scale and collect the
// generic trace invariants plus the lesson's own check().
#pragma once
#include "engine/model/trace.h"
#include "scenarios/m678_util.h"
#include "scenarios/runner.h"
#include "scenarios/scenario.h"
#include "scenario_test_util.h"

#include <QtTest>

#include <map>
#include <string>
#include <vector>

namespace m678test {

using namespace tl;
using namespace tl::m678;

struct LessonRun {
    Trace trace;
    std::vector<std::string> issues;
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
    opt.gil = s->defaultGil;
    LessonRun o;
    o.trace = runScenario(*s, pv, opt, tltest::kHangGuardMs, seed);
    if (o.trace.result.status == "aborted")
        o.issues.push_back("status aborted: " + o.trace.result.message);
    for (auto& line : o.trace.checkInvariants())
        o.issues.push_back(line);
    for (auto& line : s->check(o.trace, pv))
        o.issues.push_back("check: " + line);
    return o;
}

inline QString joined(const std::vector<std::string>& v)
{
    std::string s;
    for (auto& l : v)
        s += "\n  " + l;
    return QString::fromStdString(s);
}

// Every parameter at its min or max (choices: first / last).
inline std::map<std::string, std::string> extremes(const std::string& id, bool atMax)
{
    std::map<std::string, std::string> values;
    for (const auto& prm : Registry::instance().find(id)->params) {
        const double v = atMax ? prm.max : prm.min;
        if (prm.type == Param::Type::Choice)
            values[prm.name] = prm.choices[size_t(v)];
        else if (prm.type == Param::Type::Bool)
            values[prm.name] = v ? "true" : "false";
        else
            values[prm.name] = std::to_string(v);
    }
    return values;
}

} // namespace m678test
