// SPDX-License-Identifier: MIT
// What the window keeps up to date batch by batch during a live run must equal what is built
// from scratch after every batch of a real recorded run: the timeline's per-lane index
// (TraceIndex::update vs build) and the statistics (StatsBuilder vs Trace::statistics).
#include "app/view/timeline_renderer.h"
#include "engine/model/stats_builder.h"
#include "scenarios/runner.h"
#include "scenarios/scenario.h"

#include <QtTest>

using namespace tl;
using namespace tl::view;

namespace {

// Every field the geometry reads; `flags` = also the contended flags (see update()).
QString differences(const TraceIndex& a, const TraceIndex& b, bool flags)
{
    QStringList out;
    if (a.end != b.end)
        out << QStringLiteral("end %1 vs %2").arg(a.end).arg(b.end);
    if (a.holds.size() != b.holds.size())
        return QStringLiteral("lane count");
    for (size_t l = 0; l < a.holds.size(); ++l) {
        const auto& x = a.holds[l];
        const auto& y = b.holds[l];
        if (x.size() != y.size()) {
            out << QStringLiteral("lane %1: %2 vs %3 holds").arg(l).arg(x.size()).arg(y.size());
            continue;
        }
        for (size_t i = 0; i < x.size(); ++i) {
            if (x[i].start != y[i].start || x[i].end != y[i].end || x[i].index != y[i].index ||
                x[i].object != y[i].object)
                out << QStringLiteral("lane %1 hold %2 span").arg(l).arg(i);
            if (flags && x[i].contended != y[i].contended)
                out << QStringLiteral("lane %1 hold %2 contended").arg(l).arg(i);
        }
        if (a.holdMaxEnd[l] != b.holdMaxEnd[l])
            out << QStringLiteral("lane %1 holdMaxEnd").arg(l);
        if (a.holdDepth[l] != b.holdDepth[l])
            out << QStringLiteral("lane %1 holdDepth").arg(l);
        const auto& s = a.tasks[l];
        const auto& u = b.tasks[l];
        if (s.size() != u.size()) {
            out << QStringLiteral("lane %1 tasks").arg(l);
            continue;
        }
        for (size_t i = 0; i < s.size(); ++i)
            if (s[i].start != u[i].start || s[i].end != u[i].end || s[i].index != u[i].index)
                out << QStringLiteral("lane %1 task %2").arg(l).arg(i);
        if (a.taskMaxEnd[l] != b.taskMaxEnd[l])
            out << QStringLiteral("lane %1 taskMaxEnd").arg(l);
        if (a.instants[l] != b.instants[l])
            out << QStringLiteral("lane %1 instants").arg(l);
    }
    if (a.flows != b.flows)
        out << QStringLiteral("flows");
    if (a.flowMaxEnd != b.flowMaxEnd)
        out << QStringLiteral("flowMaxEnd");
    return out.join(QStringLiteral("; "));
}

QString differences(const RunStats& a, const RunStats& b)
{
    QStringList out;
    if (a.wall != b.wall || a.work.cpu != b.work.cpu || a.work.sleepIo != b.work.sleepIo ||
        a.work.speedup != b.work.speedup)
        out << QStringLiteral("run totals");
    if (a.busyShare != b.busyShare)
        out << QStringLiteral("busy shares");
    if (a.locks.size() != b.locks.size())
        return QStringLiteral("lock count");
    for (size_t i = 0; i < a.locks.size(); ++i) {
        const LockStats& x = a.locks[i];
        const LockStats& y = b.locks[i];
        if (x.object != y.object || x.acquisitions != y.acquisitions || x.contended != y.contended ||
            x.gaveUp != y.gaveUp || x.handoffs != y.handoffs || x.contendedShare != y.contendedShare ||
            x.waitTotal != y.waitTotal || x.waitMean != y.waitMean || x.waitP95 != y.waitP95 ||
            x.waitMax != y.waitMax || x.holdTotal != y.holdTotal || x.holdMax != y.holdMax)
            out << QStringLiteral("lock %1 (%2 vs %3 acquisitions)")
                       .arg(x.object)
                       .arg(x.acquisitions)
                       .arg(y.acquisitions);
    }
    if (a.queues.size() != b.queues.size())
        return QStringLiteral("queue count");
    for (size_t i = 0; i < a.queues.size(); ++i) {
        const QueueStats& x = a.queues[i];
        const QueueStats& y = b.queues[i];
        if (x.puts != y.puts || x.gets != y.gets || x.maxDepth != y.maxDepth || x.timeFull != y.timeFull ||
            x.timeEmpty != y.timeEmpty)
            out << QStringLiteral("queue %1").arg(x.object);
    }
    if (a.pools.size() != b.pools.size())
        return QStringLiteral("pool count");
    for (size_t i = 0; i < a.pools.size(); ++i)
        if (a.pools[i].tasks != b.pools[i].tasks || a.pools[i].busyShare != b.pools[i].busyShare ||
            a.pools[i].queueWaitTotal != b.pools[i].queueWaitTotal ||
            a.pools[i].queueWaitMax != b.pools[i].queueWaitMax)
            out << QStringLiteral("pool %1").arg(a.pools[i].object);
    return out.join(QStringLiteral("; "));
}

}  // namespace

class TestIncremental : public QObject {
    Q_OBJECT
private slots:
    void matchesFullBuild_data()
    {
        QTest::addColumn<QString>("lesson");
        QTest::newRow("lock") << QStringLiteral("m5.l1");
        QTest::newRow("semaphore") << QStringLiteral("m5.l5");
        QTest::newRow("queue") << QStringLiteral("m4.l2");
        QTest::newRow("pool") << QStringLiteral("m2.l3");
        QTest::newRow("condition") << QStringLiteral("m5.l4");
    }

    // The recorded events in time order, ingested a few at a time as a live run would (without
    // the lag between threads' buffers): the incremental index equals a full build every time,
    // contention flags included.
    void matchesFullBuild()
    {
        QFETCH(QString, lesson);
        const Scenario* s = Registry::instance().find(lesson.toStdString());
        QVERIFY(s);
        RunOptions options;
        options.timeScale = 0.3;
        ScenarioRun run(*s, s->defaults(), options);
        run.start();
        QVERIFY(run.wait(30000));
        std::vector<Event> events;
        run.run().drain(events);
        QVERIFY(events.size() > 50);

        Trace trace;
        TraceIndex live;
        StatsBuilder stats;
        const uint64_t structure = trace.structureGeneration();
        int updates = 0;
        for (size_t at = 0; at < events.size(); at += 37) {
            std::vector<Event> batch(events.begin() + ptrdiff_t(at),
                                     events.begin() + ptrdiff_t(std::min(events.size(), at + 37)));
            trace.ingest(batch, run.run().recorder());
            live.update(trace);
            ++updates;
            const QString diff = differences(live, TraceIndex::build(trace), true);
            QVERIFY2(diff.isEmpty(),
                     qPrintable(QStringLiteral("after %1 events: %2").arg(at + batch.size()).arg(diff)));
            const QString statsDiff = differences(stats.result(trace), trace.statistics());
            QVERIFY2(statsDiff.isEmpty(),
                     qPrintable(QStringLiteral("after %1 events: %2").arg(at + batch.size()).arg(statsDiff)));
        }
        QCOMPARE(trace.structureGeneration(), structure);  // in-order batches never reorder
        size_t holds = 0;
        for (const auto& h : live.holds)
            holds += h.size();
        QVERIFY(holds > 0 || !live.flows.empty());
        trace.finish(trace.duration(), RunResult{});
        live.update(trace);
        QCOMPARE(differences(live, TraceIndex::build(trace), true), QString());
        QCOMPARE(differences(stats.result(trace), trace.statistics()), QString());
        QVERIFY(updates > 1);
    }

    // A real live run, polled like the window does (buffers drain with some lag between
    // threads): every field but the contention flags matches after each poll, and everything
    // once the run has finished.
    void matchesFullBuildWhilePolling()
    {
        const Scenario* s = Registry::instance().find("m5.l1");
        QVERIFY(s);
        RunOptions options;
        options.timeScale = 0.3;
        ScenarioRun run(*s, s->defaults(), options);
        Trace trace;
        TraceIndex live;
        StatsBuilder stats;
        run.start();
        QElapsedTimer clock;
        clock.start();
        int polls = 0;
        while (!run.finished() && clock.elapsed() < 30000) {
            if (run.poll(trace) > 0) {
                live.update(trace);
                ++polls;
                const QString diff = differences(live, TraceIndex::build(trace), false);
                QVERIFY2(diff.isEmpty(), qPrintable(diff));
                const QString statsDiff = differences(stats.result(trace), trace.statistics());
                QVERIFY2(statsDiff.isEmpty(), qPrintable(statsDiff));
            }
            QThread::msleep(2);
        }
        run.finish(trace);
        live.update(trace);
        QCOMPARE(differences(live, TraceIndex::build(trace), true), QString());
        QCOMPARE(differences(stats.result(trace), trace.statistics()), QString());
        QVERIFY(polls > 0);
    }
};

QTEST_MAIN(TestIncremental)
#include "tst_incremental.moc"
