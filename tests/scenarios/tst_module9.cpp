// SPDX-License-Identifier: MIT
// Module 9 (multiprocessing.Pool): every lesson at its defaults and at its extremes, with a
// short time scale; the catalog's invariants on the recorded trace.
#include "scenarios/runner.h"
#include "scenario_test_util.h"

#include <QtTest>

#include <unistd.h>

using namespace tl;

namespace {

QStringList module9Ids()
{
    QStringList ids;
    for (const Scenario& s : Registry::instance().all())
        if (s.module == 9)
            ids << QString::fromStdString(s.id);
    return ids;
}

void runAndCheck(const Scenario& s, const ParamValues& values)
{
    RunOptions o;
    o.timeScale = 0.1;
    o.gil = s.defaultGil;
    Trace trace = runScenario(s, values, o, tltest::kHangGuardMs);
    QCOMPARE(QString::fromStdString(trace.result.status), QString("finished"));
    for (const auto& line : s.check(trace, values))
        QFAIL(qPrintable(QString::fromStdString(s.id + ": " + line)));
    for (const auto& line : trace.checkInvariants())
        QFAIL(qPrintable(QString::fromStdString(s.id + " invariant: " + line)));
}

}  // namespace

class TestModule9 : public QObject {
    Q_OBJECT
private slots:
    void registered()
    {
        const QStringList ids = module9Ids();
        QVERIFY(ids.size() >= 9);
        for (const Scenario& s : Registry::instance().all())
            if (s.module == 9)
                QVERIFY(s.usesProcesses);
    }

    void defaults_data()
    {
        QTest::addColumn<QString>("id");
        for (const QString& id : module9Ids())
            QTest::newRow(qPrintable(id)) << id;
    }
    void defaults()
    {
        QFETCH(QString, id);
        const Scenario* s = Registry::instance().find(id.toStdString());
        QVERIFY(s);
        runAndCheck(*s, s->defaults());
    }

    void minimaAndMaxima_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<bool>("max");
        for (const QString& id : module9Ids()) {
            QTest::newRow(qPrintable(id + " min")) << id << false;
            QTest::newRow(qPrintable(id + " max")) << id << true;
        }
    }
    void minimaAndMaxima()
    {
        QFETCH(QString, id);
        QFETCH(bool, max);
        const Scenario* s = Registry::instance().find(id.toStdString());
        ParamValues v = s->defaults();
        for (const Param& p : s->params)
            v.setNumber(p.name, max ? p.max : p.min);
        runAndCheck(*s, v);
    }

    // Every mistake of m9.l14 shows its signature (checked by the scenario), the fixed one none.
    void everyMistake_data()
    {
        QTest::addColumn<QString>("mistake");
        const Scenario* s = Registry::instance().find("m9.l14");
        for (const std::string& c : s->defaults().find("mistake")->choices)
            QTest::newRow(c.c_str()) << QString::fromStdString(c);
    }
    void everyMistake()
    {
        QFETCH(QString, mistake);
        const Scenario* s = Registry::instance().find("m9.l14");
        ParamValues v = s->defaults();
        v.set("mistake", mistake.toStdString());
        runAndCheck(*s, v);
    }

    // m9.l13: each practice switched off on its own still runs; the scenario's check holds.
    void bestPracticesOneOff_data()
    {
        QTest::addColumn<QString>("practice");
        for (const char* p : {"close_join", "get_results", "error_callback", "short_callbacks"})
            QTest::newRow(p) << QString(p);
    }
    void bestPracticesOneOff()
    {
        QFETCH(QString, practice);
        const Scenario* s = Registry::instance().find("m9.l13");
        ParamValues v = s->defaults();
        v.set(practice.toStdString(), "false");
        runAndCheck(*s, v);
    }

    // The check is not vacuous: leaving early without get() really kills the workers.
    void leavingEarlyKillsWorkers()
    {
        const Scenario* s = Registry::instance().find("m9.l13");
        ParamValues v = s->defaults();
        v.set("close_join", "false");
        v.set("get_results", "false");
        RunOptions o;
        o.timeScale = 0.1;
        Trace trace = runScenario(*s, v, o);
        int killed = 0;
        for (const Lane& lane : trace.lanes)
            killed += lane.info.pid != 1 && lane.killed;
        QVERIFY(killed > 0);
    }

    // Worker lanes really are other processes, labelled with their pid.
    void workerLanesArePids()
    {
        const Scenario* s = Registry::instance().find("m9.l1");
        RunOptions o;
        o.timeScale = 0.1;
        Trace trace = runScenario(*s, s->defaults(), o);
        int workers = 0;
        for (const Lane& lane : trace.lanes)
            if (lane.info.pid != 1) {
                ++workers;
                QVERIFY(lane.info.pid != ::getpid());
                QVERIFY(QString::fromStdString(lane.info.name).contains(QString::number(lane.info.pid)));
            }
        QCOMPARE(workers, 4);
    }
};

QTEST_GUILESS_MAIN(TestModule9)
#include "tst_module9.moc"
