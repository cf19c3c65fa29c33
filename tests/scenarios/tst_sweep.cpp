// SPDX-License-Identifier: MIT
// Parameter sweeps: the plan (values, errors naming what is valid), the CSV, the curve shapes the
// course teaches (asserted on the CSV, with margins for a loaded machine), failed runs as rows, and
// Cancel ending the sweep without leaving a thread.
#include "scenarios/sweep.h"

#include <QDir>
#include <QtTest>

#include <atomic>
#include <map>
#include <sstream>
#include <thread>

using namespace tl;

namespace {

const Scenario& lesson(const char* id)
{
    const Scenario* s = Registry::instance().find(id);
    if (!s)
        qFatal("no scenario %s", id);
    return *s;
}

SweepPlan plan(const char* id, const std::vector<std::pair<std::string, std::string>>& sets, SweepRequest r,
               double timeScale = 1.0)
{
    const Scenario& s = lesson(id);
    ParamValues v = s.defaults();
    for (const auto& [k, val] : sets)
        v.set(k, val);
    RunOptions o;
    o.timeScale = timeScale;
    o.gil = s.defaultGil;
    return planSweep(s, v, r, o);
}

SweepRequest request(std::string param, double step = 0, bool doubling = false, std::string gil = {}, int repeat = 1)
{
    SweepRequest r;
    r.param = std::move(param);
    r.step = step;
    r.doubling = doubling;
    r.gil = std::move(gil);
    r.repeat = repeat;
    return r;
}

// The error planSweep throws, or "" when it accepts the request.
QString planError(const char* id, SweepRequest r)
{
    try {
        plan(id, {}, std::move(r));
    } catch (const std::invalid_argument& e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

std::vector<double> numbers(const SweepPlan& p)
{
    std::vector<double> out;
    for (const SweepValue& v : p.values)
        out.push_back(v.number);
    return out;
}

// The CSV read back: header names -> column, then rows of fields (no quoted commas in these).
struct Csv {
    QStringList header;
    std::vector<QStringList> rows;
    QString at(size_t row, const char* column) const { return rows.at(row).at(header.indexOf(column)); }
    double num(size_t row, const char* column) const { return at(row, column).toDouble(); }
};
Csv readCsv(const std::string& text)
{
    Csv c;
    const QStringList lines = QString::fromStdString(text).split('\n', Qt::SkipEmptyParts);
    c.header = lines.value(0).split(',');
    for (int i = 1; i < lines.size(); ++i)
        c.rows.push_back(lines[i].split(','));
    return c;
}

int threadCount() { return int(QDir("/proc/self/task").entryList(QDir::Dirs | QDir::NoDotAndDotDot).size()); }

}  // namespace

class TestSweep : public QObject {
    Q_OBJECT
private slots:
    void rangesExpand()
    {
        QCOMPARE(numbers(plan("m2.l9", {}, request("workers=1..8", 3))), (std::vector<double>{1, 4, 7}));
        QCOMPARE(numbers(plan("m2.l9", {}, request("workers=1..16", 0, true))), (std::vector<double>{1, 2, 4, 8, 16}));
        QCOMPARE(numbers(plan("m2.l9", {}, request("workers=3..3"))), (std::vector<double>{3}));
        QCOMPARE(numbers(plan("m2.l9", {}, request("workers=2,5,9"))), (std::vector<double>{2, 5, 9}));
        const SweepPlan choice = plan("m2.l9", {}, request("workload"));
        QCOMPARE(choice.values.size(), size_t(2));
        QCOMPARE(choice.values[0].text, std::string("io"));
        QCOMPARE(choice.values[1].text, std::string("cpu"));
        QVERIFY(!choice.numeric);
        QCOMPARE(choice.valuesFor(1).choice("workload"), std::string("cpu"));

        const SweepPlan both = plan("m2.l9", {{"tasks", "5"}}, request("workers=1..4", 0, false, "both", 3));
        QCOMPARE(both.gil, (std::vector<bool>{true, false}));
        QCOMPARE(both.runCount(), size_t(4 * 2 * 3));
        QCOMPARE(both.valuesFor(2).i("workers"), 3);
        QCOMPARE(both.valuesFor(2).i("tasks"), 5);  // --set survives the sweep
        QCOMPARE(both.label(2, false), std::string("workers=3 · GIL off"));
        QCOMPARE(plan("m2.l9", {}, request("", 0, false, "both")).runCount(), size_t(2));  // the GIL alone
    }

    void badInputNamesWhatIsValid()
    {
        const QString unknown = planError("m2.l9", request("nope=1..4"));
        QVERIFY2(unknown.contains("unknown parameter 'nope'") && unknown.contains("workers") &&
                     unknown.contains("workload"),
                 qPrintable(unknown));
        const QString empty = planError("m2.l9", request("workers=8..2"));
        QVERIFY2(empty.contains("empty") && empty.contains("1..64"), qPrintable(empty));
        const QString notNumber = planError("m2.l9", request("workload=1..3"));
        QVERIFY2(notNumber.contains("not a number") && notNumber.contains("io,cpu"), qPrintable(notNumber));
        const QString badChoice = planError("m2.l9", request("workload=io,gpu"));
        QVERIFY2(badChoice.contains("'gpu'") && badChoice.contains("io|cpu"), qPrintable(badChoice));
        const QString outOfRange = planError("m2.l9", request("workers=0..4"));
        QVERIFY2(outOfRange.contains("out of range 1..64"), qPrintable(outOfRange));
        QVERIFY(planError("m2.l9", request("workers=1..4", 0, false, "maybe")).contains("on, off or both"));
        QVERIFY(planError("m2.l9", request("workers=1..4", 2, true)).contains("exclude"));
        QVERIFY(planError("m2.l9", request("workers=0..4", 0, true)).contains("above 0"));
        QVERIFY(planError("m2.l9", request("workers=1,2", 2)).contains("FROM..TO"));
        QVERIFY(planError("m2.l9", request("")).contains("nothing to sweep"));
        QVERIFY(planError("m2.l9", request("workers=1..64", 0, false, "both", 10)).contains("at most"));
        QVERIFY(planError("m2.l9", request("workers=1..4", 0, false, {}, 0)).contains("--repeat"));
        QVERIFY(planError("m2.l9", request("workers=1..4")).isEmpty());
    }

    void speedupsMediansAndTheCsvFromRows()
    {
        SweepPlan p = plan("m2.l9", {}, request("workers=1..2", 0, false, {}, 3));
        auto row = [](size_t value, int rep, double wallMs, std::string status = "finished") {
            SweepRow r;
            r.value = value;
            r.gil = true;
            r.repetition = rep;
            r.status = std::move(status);
            r.wallNs = int64_t(wallMs * 1e6);
            return r;
        };
        std::vector<SweepRow> rows{row(0, 1, 90), row(0, 2, 100), row(0, 3, 130),
                                   row(1, 1, 50), row(1, 2, 40),  row(1, 3, 10, "deadlock")};
        rows.back().message = "cycle: a, b";
        fillSpeedups(p, rows);
        QCOMPARE(rows[0].speedup, 100.0 / 90);  // the baseline is the first value's median: 100 ms
        QCOMPARE(rows[3].speedup, 2.0);
        QVERIFY(std::isnan(rows[5].speedup));  // a failed run has no speed-up
        const auto points = sweepPoints(p, rows);
        QCOMPARE(points.size(), size_t(2));
        QCOMPARE(points[0].runs, 3);
        QCOMPARE(points[0].wallMs, 100.0);
        QCOMPARE(points[0].wallMinMs, 90.0);
        QCOMPARE(points[0].wallMaxMs, 130.0);
        QCOMPARE(points[1].runs, 2);  // the deadlock is left out of the figures
        QCOMPARE(points[1].wallMs, 45.0);
        QCOMPARE(points[1].speedup, (2.0 + 2.5) / 2);

        const std::string csv = sweepCsv(p, rows);
        const Csv c = readCsv(csv);
        QCOMPARE(c.header.value(0), QString("workers"));
        for (const char* col : {"gil", "repetition", "status", "wall_ms", "cpu_ms", "speedup", "lock_wait_ms",
                                "queue_max_depth", "tasks"})
            QVERIFY2(c.header.contains(col), col);
        QCOMPARE(c.rows.size(), size_t(6));
        QCOMPARE(c.at(3, "workers"), QString("2"));
        QCOMPARE(c.at(3, "wall_ms"), QString("50.000"));
        QCOMPARE(c.at(3, "speedup"), QString("2.000"));
        QCOMPARE(c.at(0, "gil"), QString("on"));
        QCOMPARE(c.at(5, "status"), QString("deadlock"));
        QCOMPARE(c.at(5, "speedup"), QString());
        QVERIFY(csv.find("\"cycle: a, b\"") != std::string::npos);  // quoted: it has a comma
    }

    // Course: I/O-bound work overlaps, so the wall time falls ~1/workers until the workers reach
    // the task count, and not beyond (the knee). Judged by structure, not the clock: a wait never
    // ends early, so each run's wall time is at least the staircase ceil(4 / workers) × 250 ms
    // (flat from four workers on); and with 250 ms steps the walls fall in order unless the
    // machine delays one run by a whole task more than the next.
    void ioWallFallsUntilWorkersReachTheTasks()
    {
        SweepRunner runner(plan("m2.l9", {{"tasks", "4"}, {"task_ms", "250"}, {"workload", "io"}},
                                request("workers=1..8", 0, true), 1.0));
        QVERIFY(runner.run());
        const Csv c = readCsv(sweepCsv(runner.plan(), runner.rows()));
        QCOMPARE(c.rows.size(), size_t(4));  // workers 1, 2, 4, 8
        std::map<int, double> wall, speedup;
        for (size_t i = 0; i < c.rows.size(); ++i) {
            QCOMPARE(c.at(i, "status"), QString("finished"));
            QCOMPARE(c.num(i, "tasks"), 4.0);
            QVERIFY2(c.num(i, "parallelism") < 0.5, "I/O work waits: little CPU per wall time");
            wall[int(c.num(i, "workers"))] = c.num(i, "wall_ms");
            speedup[int(c.num(i, "workers"))] = c.num(i, "speedup");
        }
        QCOMPARE(speedup[1], 1.0);
        for (int w : {2, 4, 8}) {
            QVERIFY(std::abs(speedup[w] - wall[1] / wall[w]) < 0.01);
            const double floor = std::ceil(4.0 / w) * 250;
            QVERIFY2(wall[w] >= floor * 0.99,
                     qPrintable(QString("workers=%1: %2 ms < %3 ms").arg(w).arg(wall[w]).arg(floor)));
        }
        QVERIFY2(wall[1] >= 4 * 250 * 0.99, qPrintable(QString::number(wall[1])));
        QVERIFY2(wall[1] > wall[2] && wall[2] > wall[4],
                 qPrintable(QString("%1 > %2 > %3 ms").arg(wall[1]).arg(wall[2]).arg(wall[4])));
    }

    // Course: CPU-bound threads under the GIL do not compute in parallel: whatever the worker
    // count, the wall time is never below the CPU work (the machine's load only stretches both;
    // how much CPU the work took is the machine's business, so only the ratio is asserted).
    void cpuUnderTheGilGivesNoSpeedup()
    {
        SweepRunner runner(plan("m2.l9", {{"tasks", "4"}, {"task_ms", "20"}, {"workload", "cpu"}},
                                request("workers=1..4", 0, true, "on")));
        QVERIFY(runner.run());
        const Csv c = readCsv(sweepCsv(runner.plan(), runner.rows()));
        QCOMPARE(c.rows.size(), size_t(3));
        for (size_t i = 0; i < c.rows.size(); ++i) {
            QCOMPARE(c.at(i, "status"), QString("finished"));
            QCOMPARE(c.at(i, "gil"), QString("on"));
            const double work = c.num(i, "cpu_ms"), wall = c.num(i, "wall_ms");
            QVERIFY2(work > 0, qPrintable(QString::number(work)));
            QVERIFY2(c.num(i, "parallelism") <= 1.05, qPrintable(c.at(i, "parallelism")));
            QVERIFY2(wall >= work * 0.95, qPrintable(QString("wall %1 < work %2").arg(wall).arg(work)));
        }
    }

    void aFailedRunIsARowAndTheSweepGoesOn()
    {
        SweepPlan p = plan("m2.l9", {{"tasks", "4"}, {"task_ms", "100"}, {"workload", "io"}}, request("workers=1..2"));
        p.timeoutMs = 30;  // each run needs 200 ms or more
        SweepRunner runner(p);
        int calls = 0;
        QVERIFY(runner.run([&](const SweepRow&, Trace& t) {
            ++calls;
            QVERIFY(!t.lanes.empty());
        }));
        QCOMPARE(calls, 2);
        const Csv c = readCsv(sweepCsv(runner.plan(), runner.rows()));
        QCOMPARE(c.rows.size(), size_t(2));
        for (size_t i = 0; i < 2; ++i) {
            QCOMPARE(c.at(i, "status"), QString("aborted"));
            QVERIFY(c.at(i, "message").startsWith("timed out"));
            QCOMPARE(c.at(i, "speedup"), QString());
        }
    }

    void cancelEndsTheSweepAndLeavesNoThread()
    {
        const int before = threadCount();
        // 12 runs of 5 s each: only a working Cancel ends this in time.
        SweepRunner runner(plan("m2.l9", {{"tasks", "20"}, {"task_ms", "250"}, {"workload", "io"}},
                                request("workers=1..4", 0, false, {}, 3)));
        std::atomic<bool> result{true};
        std::thread t([&] { result = runner.run(); });
        // Cancel while the first run's threads are up (the sweep thread, the run's main, monitor...).
        while (threadCount() < before + 4)
            QTest::qWait(5);
        runner.cancel();
        t.join();
        QVERIFY(!result);
        QVERIFY(runner.cancelled());
        QVERIFY(runner.rows().empty());  // the cut run measured nothing
        QCOMPARE(threadCount(), before);
    }
};

QTEST_GUILESS_MAIN(TestSweep)
#include "tst_sweep.moc"
