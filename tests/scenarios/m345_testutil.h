// SPDX-License-Identifier: MIT
// Shared by the module 3-5 scenario tests: run a lesson at a short time scale and collect
// the generic trace invariants plus the lesson's own check().
#pragma once
#include "engine/model/trace.h"
#include "scenarios/m345_util.h"
#include "scenarios/runner.h"
#include "scenarios/scenario.h"

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
    o.trace = runScenario(*s, pv, opt, 60000, seed);
    o.issues = o.trace.checkInvariants();
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

// Values putting every parameter of a lesson at its min or max (choices: first / last).
inline std::map<std::string, std::string> extremes(const Scenario& s, bool atMax)
{
    std::map<std::string, std::string> values;
    for (const auto& prm : s.params) {
        const double v = atMax ? prm.max : prm.min;
        values[prm.name] = prm.type == Param::Type::Choice ? prm.choices[size_t(v)]
                           : prm.type == Param::Type::Bool ? (v ? "true" : "false")
                           : prm.type == Param::Type::Double ? std::to_string(v)
                                                             : std::to_string(int64_t(v));
    }
    return values;
}

} // namespace m345test

#define EXPECT_CLEAN(o) QVERIFY2((o).issues.empty(), m345test::joined((o).issues).c_str())

// Data-driven "every lesson of module N at its extremes" test body.
#define M345_EXTREMES_TEST(N)                                                                     \
    void extremesHold_data()                                                                      \
    {                                                                                             \
        QTest::addColumn<QString>("id");                                                          \
        QTest::addColumn<bool>("atMax");                                                          \
        for (const auto& s : tl::Registry::instance().all()) {                                    \
            if (s.module != N)                                                                    \
                continue;                                                                         \
            QTest::newRow((s.id + " min").c_str()) << QString::fromStdString(s.id) << false;      \
            QTest::newRow((s.id + " max").c_str()) << QString::fromStdString(s.id) << true;       \
        }                                                                                         \
    }                                                                                             \
    void extremesHold()                                                                           \
    {                                                                                             \
        QFETCH(QString, id);                                                                      \
        QFETCH(bool, atMax);                                                                      \
        const tl::Scenario* s = tl::Registry::instance().find(id.toStdString());                  \
        QElapsedTimer timer;                                                                      \
        timer.start();                                                                            \
        auto o = m345test::runLesson(id.toStdString(), m345test::extremes(*s, atMax), 0.05);     \
        EXPECT_CLEAN(o);                                                                          \
        QVERIFY2(o.trace.result.status == "finished" || o.trace.result.status == "deadlock",     \
                 o.trace.result.status.c_str());                                                  \
        QVERIFY2(timer.elapsed() < 30000, std::to_string(timer.elapsed()).c_str());              \
    }
