// SPDX-License-Identifier: MIT
// CPU time from the threads' own CPU clocks: structure, not the clock's exact value. A thread
// cannot compute while it is not running, all threads together cannot compute more than the
// cores allow, and under the GIL only one computes at a time.
#include "engine/control/run.h"
#include "engine/model/trace.h"
#include "engine/sync/thread.h"
#include "engine/work.h"

#include <QtTest>

using namespace tl;

namespace {

constexpr int64_t kMs = 1'000'000;

// `threads` threads each compute `ms` (scenario ms); returns the finished trace.
Trace computeInThreads(int threads, double ms, bool gil)
{
    RunOptions opt;
    opt.gil = gil;
    Run run(opt);
    run.execute([&] {
        std::vector<Thread> ts;
        for (int i = 0; i < threads; ++i)
            ts.emplace_back(run, [ms] { cpuWork(ms); });
        for (auto& t : ts)
            t.start();
        for (auto& t : ts)
            t.join();
    });
    Trace tr;
    std::vector<Event> events;
    run.drain(events);
    tr.ingest(events, run.recorder());
    tr.finish(run.elapsedNs(), RunResult{});
    tr.cores = Run::usableCores();
    return tr;
}

// Time a lane spent in `run`.
int64_t runTime(const Lane& l)
{
    int64_t t = 0;
    for (const Interval& iv : l.intervals)
        if (iv.state == State::Run)
            t += iv.end - iv.start;
    return t;
}

}  // namespace

class TestCpuClock : public QObject {
    Q_OBJECT
private slots:
    // More computing threads than cores: the OS shares the cores out, so time in `run` adds up
    // to far more than the cores could give, while CPU time cannot.
    void cpuTimeFitsTheCores()
    {
        const int cores = Run::usableCores();
        const int threads = 4 * cores;
        const Trace tr = computeInThreads(threads, 40, false);
        const RunStats rs = tr.statistics();
        QVERIFY(rs.work.cpuMeasured);
        // Margin: the clock reads of ~2 lanes per core and the engine's own bookkeeping.
        const int64_t margin = 2 * kMs * (threads + 1);
        QVERIFY2(
            rs.work.cpu <= rs.wall * cores + margin,
            qPrintable(
                QString("CPU %1 ms > wall %2 ms × %3 cores").arg(rs.work.cpu / 1e6).arg(rs.wall / 1e6).arg(cores)));
        QVERIFY(rs.work.coresBusy <= cores + double(margin) / double(rs.wall));
        QVERIFY(rs.work.speedup <= cores + double(margin) / double(rs.wall));
        for (const Lane& l : tr.lanes) {
            QVERIFY2(l.hasCpu(), l.info.name.c_str());
            const int64_t cpu = l.cpuAt(l.end);
            // A thread computes only while it runs (plus the bookkeeping around its states).
            QVERIFY2(cpu <= runTime(l) + 2 * kMs, l.info.name.c_str());
            if (l.info.id != 0)
                QVERIFY2(cpu > 0, l.info.name.c_str());
        }
    }

    // Under the GIL one thread computes at a time: together they keep about one core busy.
    void gilKeepsOneCoreBusy()
    {
        const int threads = 4;
        const Trace tr = computeInThreads(threads, 30, true);
        const RunStats rs = tr.statistics();
        QVERIFY(rs.work.cpuMeasured);
        QVERIFY2(rs.work.cpu <= rs.wall + 2 * kMs * (threads + 1),
                 qPrintable(QString("CPU %1 ms > wall %2 ms").arg(rs.work.cpu / 1e6).arg(rs.wall / 1e6)));
    }

    // The samples of a lane never go back, and none lies outside the thread's life.
    void samplesAreOrderedAndInsideTheLife()
    {
        const Trace tr = computeInThreads(2, 50, false);
        for (const Lane& l : tr.lanes) {
            for (size_t i = 0; i < l.cpu.size(); ++i) {
                QVERIFY(l.cpu[i].t >= l.start && l.cpu[i].t <= l.end);
                if (i)
                    QVERIFY(l.cpu[i].t >= l.cpu[i - 1].t && l.cpu[i].value >= l.cpu[i - 1].value);
            }
        }
        // 50 ms of work is read every ~10 ms of it: live figures keep up with a long computation.
        QVERIFY(tr.lanes[1].cpu.size() >= 3);
    }
};

QTEST_GUILESS_MAIN(TestCpuClock)
#include "tst_cpu_clock.moc"
