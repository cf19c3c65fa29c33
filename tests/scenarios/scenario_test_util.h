// SPDX-License-Identifier: MIT
// Helpers for the module tests: run one scenario with some parameters changed, at a short
// time scale, and fail with the scenario's own violations when its checks do not hold.
#pragma once
#include "scenarios/checks.h"
#include "scenarios/runner.h"
#include "scenarios/scenario.h"

#include <QTest>

#include <string>
#include <utility>
#include <vector>

namespace tltest {

// A run that goes on this long is hung: the limit only guards against hangs, so it is far above
// what any lesson needs even on a loaded machine (a run's length is never what a test judges).
inline constexpr double kHangGuardMs = 300000;

struct ScenarioResult {
    tl::Trace trace;
    std::vector<std::string> violations;  // checkInvariants() + the scenario's check()
};

inline ScenarioResult runWith(const std::string& id, const std::vector<std::pair<std::string, std::string>>& params,
                              int gil = -1, double timeScale = 0.05, uint64_t seed = 1)
{
    const tl::Scenario* s = tl::Registry::instance().find(id);
    if (!s)
        qFatal("no scenario %s", id.c_str());
    tl::ParamValues v = s->defaults();
    for (const auto& [k, val] : params)
        v.set(k, val);
    tl::RunOptions o;
    o.timeScale = timeScale;
    o.gil = gil < 0 ? s->defaultGil : gil == 1;
    ScenarioResult r{tl::runScenario(*s, v, o, kHangGuardMs, seed), {}};
    for (auto& p : r.trace.checkInvariants())
        r.violations.push_back("trace: " + p);
    for (auto& p : s->check(r.trace, v))
        r.violations.push_back("check: " + p);
    if (r.trace.result.status != "finished")
        r.violations.push_back("status " + r.trace.result.status + ": " + r.trace.result.message);
    return r;
}

inline QByteArray joined(const std::vector<std::string>& lines)
{
    QByteArray out;
    for (const auto& l : lines)
        out += QByteArray::fromStdString(l) + "\n";
    return out;
}

} // namespace tltest

// Fails the current test with the violations when there are any.
#define TL_VERIFY_CLEAN(r) QVERIFY2((r).violations.empty(), tltest::joined((r).violations).constData())
