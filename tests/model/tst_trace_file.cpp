// SPDX-License-Identifier: MIT
// Trace files: round trip, the contract's example, other tools' traces, bad input, CSV.
#include "engine/control/run.h"
#include "engine/model/trace_file.h"
#include "engine/sync/lock.h"
#include "engine/sync/thread.h"
#include "engine/work.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QtTest>

using namespace tl;

namespace {

QString dataDir()
{
    const QByteArray src = qgetenv("THREADLENS_SOURCE_DIR");
    if (src.isEmpty())
        return QFileInfo(QStringLiteral(__FILE__)).absolutePath() + QStringLiteral("/data");
    return QString::fromLocal8Bit(src) + QStringLiteral("/tests/model/data");
}

bool isStringArg(Ev t, bool a)
{
    switch (t) {
    case Ev::Exception:
    case Ev::Mark:
    case Ev::ThreadRename: return a;
    case Ev::Put:
    case Ev::Get: return !a;
    case Ev::Deadlock: return true;
    default: return false;
    }
}

// Field-by-field comparison; returns the first difference ("" when equal).
std::string diff(const Trace& x, const Trace& y)
{
    auto s = [](auto v) { return std::to_string(v); };
    if (x.scenario != y.scenario || x.title != y.title || x.params != y.params || x.gil != y.gil ||
        x.speed != y.speed || x.cores != y.cores)
        return "metadata";
    if (x.result.status != y.result.status || x.result.message != y.result.message ||
        x.result.lesson != y.result.lesson || x.result.lessonAt != y.result.lessonAt)
        return "result";
    if (x.eventCount() != y.eventCount())
        return "eventCount " + s(x.eventCount()) + " vs " + s(y.eventCount());
    if (x.objects.size() != y.objects.size())
        return "object count";
    for (size_t i = 1; i < x.objects.size(); ++i) {
        const auto& a = x.objects[i];
        const auto& b = y.objects[i];
        if (a.id != b.id || a.kind != b.kind || a.name != b.name || a.capacity != b.capacity || a.order != b.order)
            return "object " + s(i);
    }
    if (x.lanes.size() != y.lanes.size())
        return "lane count";
    for (size_t l = 0; l < x.lanes.size(); ++l) {
        const Lane& a = x.lanes[l];
        const Lane& b = y.lanes[l];
        if (a.info.id != b.info.id || a.info.pid != b.info.pid || a.info.tid != b.info.tid ||
            a.info.name != b.info.name || a.info.daemon != b.info.daemon || a.info.parent != b.info.parent)
            return "lane info " + s(l);
        if (a.start != b.start || a.end != b.end || a.killed != b.killed)
            return "lane life " + s(l);
        if (a.cpu.size() != b.cpu.size() ||
            !std::equal(a.cpu.begin(), a.cpu.end(), b.cpu.begin(),
                        [](const CounterPoint& p, const CounterPoint& q) { return p.t == q.t && p.value == q.value; }))
            return "CPU clock of lane " + s(l);
        if (a.intervals.size() != b.intervals.size())
            return "interval count of lane " + s(l);
        for (size_t i = 0; i < a.intervals.size(); ++i) {
            const Interval& p = a.intervals[i];
            const Interval& q = b.intervals[i];
            if (p.start != q.start || p.end != q.end || p.state != q.state || p.outcome != q.outcome ||
                p.object != q.object || p.joinedLane != q.joinedLane)
                return "interval " + s(i) + " of lane " + s(l);
        }
        if (a.maxEnd != b.maxEnd)
            return "maxEnd of lane " + s(l);
    }
    if (x.holds.size() != y.holds.size())
        return "hold count";
    for (size_t i = 0; i < x.holds.size(); ++i) {
        const Hold& a = x.holds[i];
        const Hold& b = y.holds[i];
        if (a.object != b.object || a.lane != b.lane || a.start != b.start || a.end != b.end || a.id != b.id ||
            a.releasedBy != b.releasedBy)
            return "hold " + s(i);
    }
    if (x.tasks.size() != y.tasks.size())
        return "task count";
    for (size_t i = 0; i < x.tasks.size(); ++i) {
        const TaskSpan& a = x.tasks[i];
        const TaskSpan& b = y.tasks[i];
        if (a.lane != b.lane || a.start != b.start || a.end != b.end || a.task != b.task || a.future != b.future ||
            a.outcome != b.outcome || a.value != b.value)
            return "task " + s(i);
    }
    if (x.instants.size() != y.instants.size())
        return "instant count";
    for (size_t i = 0; i < x.instants.size(); ++i) {
        const Instant& a = x.instants[i];
        const Instant& b = y.instants[i];
        if (a.t != b.t || a.lane != b.lane || a.type != b.type || a.object != b.object || a.text != b.text ||
            (!isStringArg(a.type, true) && a.a != b.a) || (!isStringArg(a.type, false) && a.b != b.b))
            return "instant " + s(i) + " (" + std::string(eventName(a.type)) + ")";
    }
    if (x.counters.size() != y.counters.size())
        return "counter count";
    for (size_t i = 0; i < x.counters.size(); ++i) {
        const CounterSeries& a = x.counters[i];
        const CounterSeries& b = y.counters[i];
        if (a.object != b.object || a.kind != b.kind || a.name != b.name || a.points.size() != b.points.size())
            return "counter " + s(i);
        for (size_t k = 0; k < a.points.size(); ++k)
            if (a.points[k].t != b.points[k].t || a.points[k].value != b.points[k].value)
                return "counter " + s(i) + " point " + s(k);
    }
    if (x.flows.size() != y.flows.size())
        return "flow count";
    for (size_t i = 0; i < x.flows.size(); ++i) {
        const Flow& a = x.flows[i];
        const Flow& b = y.flows[i];
        if (a.id != b.id || a.kind != b.kind || a.fromLane != b.fromLane || a.toLane != b.toLane ||
            a.fromT != b.fromT || a.toT != b.toT || a.object != b.object)
            return "flow " + s(i);
    }
    if (x.duration() != y.duration())
        return "duration";
    return {};
}

std::string statsDiff(const RunStats& a, const RunStats& b)
{
    if (a.wall != b.wall || a.work.cpu != b.work.cpu || a.work.runTime != b.work.runTime ||
        a.work.cpuMeasured != b.work.cpuMeasured || a.work.speedup != b.work.speedup || a.busyShare != b.busyShare ||
        a.laneCpu != b.laneCpu || a.cores != b.cores || a.speed != b.speed)
        return "run stats";
    if (a.locks.size() != b.locks.size() || a.queues.size() != b.queues.size() || a.pools.size() != b.pools.size())
        return "stat counts";
    for (size_t i = 0; i < a.locks.size(); ++i) {
        const LockStats& p = a.locks[i];
        const LockStats& q = b.locks[i];
        if (p.acquisitions != q.acquisitions || p.contended != q.contended || p.handoffs != q.handoffs ||
            p.waitTotal != q.waitTotal || p.waitP95 != q.waitP95 || p.waitMax != q.waitMax ||
            p.holdTotal != q.holdTotal || p.holdMax != q.holdMax || p.name != q.name)
            return "lock stats " + p.name;
    }
    for (size_t i = 0; i < a.queues.size(); ++i) {
        const QueueStats& p = a.queues[i];
        const QueueStats& q = b.queues[i];
        if (p.puts != q.puts || p.gets != q.gets || p.maxDepth != q.maxDepth || p.timeFull != q.timeFull ||
            p.timeEmpty != q.timeEmpty)
            return "queue stats " + p.name;
    }
    for (size_t i = 0; i < a.pools.size(); ++i)
        if (a.pools[i].tasks != b.pools[i].tasks || a.pools[i].busyShare != b.pools[i].busyShare ||
            a.pools[i].queueWaitTotal != b.pools[i].queueWaitTotal)
            return "pool stats " + a.pools[i].name;
    return {};
}

// A model with every kind of record, built from raw events.
Trace richTrace()
{
    Recorder rec;
    rec.addLane("MainThread", 1, 0);
    rec.addLane("Thread-1 \"quoted\"", 1, -1);
    rec.addLane("Пул-0_0", 1, -1, true, 0);
    rec.addLane("worker proc", 4242, 0);
    const ObjectId lock = rec.addObject(ObjectKind::Lock, "oven");
    const ObjectId sem = rec.addObject(ObjectKind::Semaphore, "slots", 2);
    const ObjectId q = rec.addObject(ObjectKind::Queue, "jobs", 4, QueueOrder::Fifo);
    const ObjectId pool = rec.addObject(ObjectKind::Pool, "pool", 2);
    const ObjectId fut = rec.addObject(ObjectKind::Future, "f1");
    const ObjectId ev = rec.addObject(ObjectKind::Event, "");
    std::vector<Event> e;
    auto add = [&](int64_t t, LaneId l, Ev type, ObjectId o = 0, int64_t a = 0, int64_t b = 0) {
        e.push_back(Event{t, o, type, l, a, b});
    };
    auto st = [&](int64_t t, LaneId l, State s, ObjectId o = 0, Outcome out = Outcome::None, int64_t joined = 0) {
        add(t, l, Ev::StateChange, o, int64_t(s), int64_t(out) | (joined << 32));
    };
    add(0, 0, Ev::ThreadStart);
    st(0, 0, State::Run);
    add(100, 1, Ev::ThreadStart);
    st(100, 1, State::Run);
    add(150, 2, Ev::ThreadStart);
    st(150, 2, State::Idle);
    add(151, 3, Ev::ThreadStart);
    st(151, 3, State::Run);
    st(200, 0, State::WaitJoin, 0, Outcome::None, 1);
    add(210, 1, Ev::HoldBegin, lock, 7);
    add(211, 1, Ev::HoldBegin, sem, 8);
    add(212, 1, Ev::AcquireTry, lock, 0);
    add(213, 1, Ev::Put, q, 1, rec.intern("apple, \"red\"\n"));
    add(213, 1, Ev::Counter, q, int64_t(CounterKind::Depth), 1);
    add(214, 1, Ev::Submit, pool, 1, fut);
    add(214, 1, Ev::Counter, pool, int64_t(CounterKind::Pending), 1);
    add(215, 2, Ev::FutureState, fut, 1);
    add(215, 2, Ev::TaskBegin, fut, 1);
    st(215, 2, State::Run);
    add(215, 2, Ev::Counter, pool, int64_t(CounterKind::Busy), 1);
    add(216, 2, Ev::Get, q, 1, rec.intern("apple, \"red\"\n"));
    add(216, 2, Ev::Counter, q, int64_t(CounterKind::Depth), 0);
    st(217, 2, State::WaitLock, lock);
    add(300, 1, Ev::HoldEnd, lock, 7, 1);
    add(300, 1, Ev::FlowStart, lock, 99, int64_t(FlowKind::Handoff));
    add(301, 2, Ev::HoldBegin, lock, 9);
    add(301, 2, Ev::FlowEnd, lock, 99, int64_t(FlowKind::Handoff));
    st(301, 2, State::Run);
    add(302, 2, Ev::Notify, ev, 3);
    add(303, 2, Ev::Mark, 0, rec.intern("probe: alive=3"));
    add(304, 2, Ev::Exception, 0, rec.intern("ValueError: bad \\ value"));
    add(305, 2, Ev::HoldEnd, lock, 9, 2);
    add(306, 2, Ev::FutureState, fut, 3);
    add(306, 2, Ev::TaskEnd, fut, 1, 1 | (int64_t(rec.intern("ValueError('x')")) << 8));
    st(306, 2, State::Idle);
    add(307, 1, Ev::HoldEnd, sem, 8, 1);
    st(308, 1, State::WaitEvent, ev);
    st(400, 1, State::Run, 0, Outcome::Timeout);
    add(401, 1, Ev::ThreadRename, 0, rec.intern("Renamed"), 1);
    add(402, 1, Ev::Deadlock, 0, rec.intern("1,2"), rec.intern("1"));
    add(403, 1, Ev::VarWrite, 0, -5);
    add(404, 1, Ev::BarrierPass, 0, 2);
    add(405, 1, Ev::Cancel, fut, 1);
    add(406, 1, Ev::Callback, fut, 1);
    add(407, 1, Ev::FlowStart, ev, 100, int64_t(FlowKind::Wake));  // never ends
    add(300, 1, Ev::CpuClock, 0, 40);
    add(450, 1, Ev::CpuClock, 0, 95);
    add(450, 1, Ev::ThreadEnd);
    add(460, 2, Ev::ThreadEnd, 0, 1);
    add(470, 3, Ev::ThreadEnd);
    st(470, 0, State::Run, 0);
    add(500, 0, Ev::ThreadEnd);
    Trace tr;
    tr.scenario = "m5.l1";
    tr.title = "Lock, \"demo\"";
    tr.params = {{"threads", "2"}, {"mode", "fast"}, {"ratio", "0.5"}, {"flag", "true"}};
    tr.gil = true;
    tr.speed = 0.25;
    tr.cores = 3;
    tr.ingest(e, rec);
    tr.finish(500, RunResult{"deadlock", "cycle: a -> b"});
    tr.result.lesson = "Deadlock: a waits for \"b\"";
    tr.result.lessonAt = 450;
    return tr;
}

}  // namespace

class TestTraceFile : public QObject {
    Q_OBJECT
private slots:
    void roundTripRichTrace()
    {
        const Trace tr = richTrace();
        QTemporaryDir dir;
        const QString path = dir.filePath("rich.json");
        QString err;
        QVERIFY2(saveTrace(tr, path, &err), qPrintable(err));
        auto back = openTrace(path, &err);
        QVERIFY2(back, qPrintable(err));
        const std::string d = diff(tr, *back);
        QVERIFY2(d.empty(), d.c_str());
        QCOMPARE(back->generator, std::string("ThreadLens 0.1.0"));
        QCOMPARE(back->lanes[1].info.name, std::string("Renamed"));
        QCOMPARE(back->lanes[0].intervals[1].joinedLane, 1);
        QVERIFY(back->lanes[2].killed);
        QCOMPARE(back->speed, 0.25);
        QCOMPARE(back->cores, 3);
        QCOMPARE(back->lanes[1].cpu.size(), size_t(2));
        const std::string sd = statsDiff(tr.statistics(), back->statistics());
        QVERIFY2(sd.empty(), sd.c_str());
        QCOMPARE(back->checkInvariants(), tr.checkInvariants());
        // Saving the re-read model gives the same bytes.
        QCOMPARE(traceToJson(*back), traceToJson(tr));
    }

    void roundTripRealRun()
    {
        Run run;
        run.execute([&] {
            Lock lock(run, "oven");
            std::vector<Thread> threads;
            for (int i = 0; i < 3; ++i)
                threads.emplace_back(run, [&] {
                    for (int k = 0; k < 5; ++k) {
                        std::lock_guard g(lock);
                        cpuWork(0.1);
                    }
                });
            for (auto& t : threads)
                t.start();
            for (auto& t : threads)
                t.join();
            mark("all joined");
        });
        Trace tr;
        std::vector<Event> events;
        run.drain(events);
        tr.ingest(events, run.recorder());
        tr.finish(run.elapsedNs(), RunResult{"finished", {}});
        const auto errs = tr.checkInvariants();
        QVERIFY2(errs.empty(), errs.empty() ? "" : errs.front().c_str());
        std::string err;
        auto back = traceFromJson(traceToJson(tr), &err);
        QVERIFY2(back, err.c_str());
        const std::string d = diff(tr, *back);
        QVERIFY2(d.empty(), d.c_str());
        QVERIFY(statsDiff(tr.statistics(), back->statistics()).empty());
        QVERIFY(back->checkInvariants().empty());
        // Every thread read its own CPU clock at its end at least.
        for (const Lane& l : back->lanes)
            QVERIFY2(l.hasCpu(), l.info.name.c_str());
    }

    void contractShape()
    {
        const std::string json = traceToJson(richTrace());
        QVERIFY(json.rfind("{\"displayTimeUnit\":\"ns\",\"otherData\":{\"generator\":\"ThreadLens 0.1.0\"", 0) == 0);
        QVERIFY(json.find("\"scenario\":\"m5.l1\"") != std::string::npos);
        QVERIFY(json.find("\"params\":{\"flag\":true,\"mode\":\"fast\",\"ratio\":0.5,\"threads\":2}") !=
                std::string::npos);
        QVERIFY(json.find("{\"id\":3,\"kind\":\"queue\",\"name\":\"jobs\",\"capacity\":4,\"order\":\"fifo\"}") !=
                std::string::npos);
        QVERIFY(json.find("\"result\":{\"status\":\"deadlock\",\"message\":\"cycle: a -> b\",\"lesson\":\"Deadlock: a "
                          "waits for \\\"b\\\"\",\"lessonAt\":450}") != std::string::npos);
        QVERIFY(json.find("{\"ph\":\"X\",\"cat\":\"state\",\"name\":\"wait:lock\",\"pid\":1,\"tid\":2,\"ts\":0.217,"
                          "\"dur\":0.084,\"args\":{\"object\":1}}") != std::string::npos);
        QVERIFY(json.find(
                    "\"name\":\"wait:join\",\"pid\":1,\"tid\":0,\"ts\":0.200,\"dur\":0.270,\"args\":{\"thread\":1}}") !=
                std::string::npos);
        QVERIFY(json.find("\"args\":{\"object\":6,\"outcome\":\"timeout\"}") != std::string::npos);
        QVERIFY(json.find("{\"ph\":\"b\",\"cat\":\"hold\",\"name\":\"oven\",\"id\":\"0x7\",\"pid\":1,\"tid\":1,\"ts\":"
                          "0.210,\"args\":{\"object\":1}}") != std::string::npos);
        QVERIFY(json.find("{\"ph\":\"f\",\"bp\":\"e\",\"cat\":\"flow\",\"name\":\"handoff\",\"id\":99,\"pid\":1,"
                          "\"tid\":2,\"ts\":0.301") != std::string::npos);
        QVERIFY(json.find("{\"ph\":\"C\",\"name\":\"jobs\",\"pid\":1,\"ts\":0.213,\"args\":{\"depth\":1}}") !=
                std::string::npos);
        QVERIFY(json.find("{\"ph\":\"C\",\"name\":\"oven\",\"pid\":1,\"ts\":0.217,\"args\":{\"waiters\":1}}") !=
                std::string::npos);
        QVERIFY(json.find(
                    "\"name\":\"acquire.try\",\"pid\":1,\"tid\":1,\"ts\":0.212,\"args\":{\"object\":1,\"ok\":false}") !=
                std::string::npos);
        QVERIFY(json.find("\"name\":\"future.state\",\"pid\":1,\"tid\":2,\"ts\":0.306,\"args\":{\"object\":5,\"state\":"
                          "\"FINISHED\"}") != std::string::npos);
        QVERIFY(json.find("\"cat\":\"task\",\"name\":\"task 1\"") != std::string::npos);
        QVERIFY(json.find("\"outcome\":\"exception\",\"value\":\"ValueError('x')\"") != std::string::npos);
        QVERIFY(json.find("\"cycle\":[1,2]") != std::string::npos);
        QVERIFY(
            json.find(
                "{\"ph\":\"M\",\"name\":\"thread_name\",\"pid\":4242,\"tid\":0,\"args\":{\"name\":\"worker proc\"}}") !=
            std::string::npos);
        QVERIFY(json.find("\"name\":\"process_name\",\"pid\":4242") != std::string::npos);
        QVERIFY(json.find("\"item\":\"apple, \\\"red\\\"\\n\"") != std::string::npos);
    }

    void openContractExample()
    {
        QString err;
        auto tr = openTrace(dataDir() + "/lock-handoff.json", &err);
        QVERIFY2(tr, qPrintable(err));
        QCOMPARE(tr->scenario, std::string("m5.l1"));
        QCOMPARE(tr->params.at("threads"), std::string("2"));
        QCOMPARE(tr->lanes.size(), size_t(3));
        QCOMPARE(tr->lanes[1].info.name, std::string("Thread-1"));
        QCOMPARE(tr->lanes[2].info.name, std::string("Thread-2"));
        QCOMPARE(tr->objects.size(), size_t(3));
        QCOMPARE(tr->objects[2].kind, ObjectKind::Queue);
        QCOMPARE(tr->objects[2].capacity, int64_t(4));
        // One wait, on the lock, by the second worker.
        int waits = 0;
        for (const Lane& l : tr->lanes)
            for (const Interval& iv : l.intervals)
                if (iv.state == State::WaitLock) {
                    ++waits;
                    QCOMPARE(l.info.id, LaneId(2));
                    QCOMPARE(iv.start, int64_t(8000));
                    QCOMPARE(iv.end, int64_t(100500));
                    QCOMPARE(iv.object, ObjectId(1));
                }
        QCOMPARE(waits, 1);
        QCOMPARE(tr->lanes[0].intervals[1].joinedLane, 1);
        QCOMPARE(tr->flows.size(), size_t(1));
        QCOMPARE(tr->flows[0].kind, FlowKind::Handoff);
        QCOMPARE(tr->flows[0].fromLane, LaneId(1));
        QCOMPARE(tr->flows[0].toLane, LaneId(2));
        QCOMPARE(tr->flows[0].fromT, int64_t(100000));
        QCOMPARE(tr->flows[0].toT, int64_t(100500));
        QCOMPARE(tr->holds.size(), size_t(2));
        QCOMPARE(tr->holds[1].lane, LaneId(2));
        const CounterSeries* depth = tr->counter(2, CounterKind::Depth);
        QVERIFY(depth);
        QCOMPARE(depth->valueAt(60000), int64_t(3));
        const CounterSeries* waiters = tr->counter(1, CounterKind::Waiters);
        QVERIFY(waiters);
        QCOMPARE(waiters->valueAt(50000), int64_t(1));
        QCOMPARE(waiters->valueAt(100500), int64_t(0));
        QCOMPARE(tr->instants.size(), size_t(1));
        QCOMPARE(tr->instants[0].type, Ev::Release);
        const RunStats rs = tr->statistics();
        QCOMPARE(rs.locks.size(), size_t(1));
        QCOMPARE(rs.locks[0].acquisitions, int64_t(2));
        QCOMPARE(rs.locks[0].contended, int64_t(1));
        QCOMPARE(rs.locks[0].handoffs, int64_t(1));
        QCOMPARE(rs.locks[0].waitMax, int64_t(92500));
    }

    void openChromeArrayFromOtherTool()
    {
        const std::string json = R"([
            {"ph":"M","name":"thread_name","pid":7,"tid":11,"args":{"name":"render"}},
            {"ph":"B","name":"frame","ts":1000000.5,"pid":7,"tid":11},
            {"ph":"X","name":"paint","ts":1000001,"dur":2,"pid":7,"tid":11},
            {"ph":"E","ts":1000004,"pid":7,"tid":11},
            {"ph":"X","name":"io","ts":1000010,"dur":1.5,"pid":7,"tid":12},
            {"ph":"i","name":"vsync","s":"g","ts":1000003,"pid":7,"tid":11},
            {"ph":"C","name":"heap","ts":1000002,"pid":7,"args":{"mb":12.4,"objects":7}},
            {"ph":"n","name":"async","id":1,"ts":1000005,"pid":7,"tid":11},
            {"ph":"E","ts":1000006,"pid":7,"tid":11},
            {"ph":"s","name":"msg","id":"a1","ts":1000004,"pid":7,"tid":11},
            {"ph":"f","bp":"e","name":"msg","id":"a1","ts":1000010,"pid":7,"tid":12}
        ])";
        std::string err;
        auto tr = traceFromJson(json, &err);
        QVERIFY2(tr, err.c_str());
        QCOMPARE(tr->skippedEvents, int64_t(2));  // the `n` and the unmatched E
        QCOMPARE(tr->lanes.size(), size_t(2));
        QCOMPARE(tr->lanes[0].info.name, std::string("render"));
        QCOMPARE(tr->lanes[0].info.pid, 7);
        QCOMPARE(tr->lanes[0].start, int64_t(0));  // rebased to the first event
        QCOMPARE(tr->tasks.size(), size_t(3));
        QCOMPARE(tr->lanes[0].intervals.front().state, State::Run);
        QCOMPARE(tr->lanes[0].intervals.front().end, int64_t(3500));
        QCOMPARE(tr->lanes[1].intervals.size(), size_t(1));
        QCOMPARE(tr->lanes[1].intervals[0].start, int64_t(9500));
        QCOMPARE(tr->lanes[1].intervals[0].end, int64_t(11000));
        QCOMPARE(tr->instants.size(), size_t(1));
        QCOMPARE(tr->instants[0].text, std::string("vsync"));
        QCOMPARE(tr->counters.size(), size_t(2));
        QCOMPARE(tr->counters[0].points[0].value, int64_t(12));
        QCOMPARE(tr->flows.size(), size_t(1));
        QCOMPARE(tr->flows[0].toLane, LaneId(1));
        QVERIFY(tr->checkInvariants().empty());
        // Object form with otherData after the events, and an empty trace.
        auto late =
            traceFromJson(R"({"traceEvents":[{"ph":"X","cat":"state","name":"run","ts":0,"dur":5,"pid":1,"tid":0}],
                                      "otherData":{"generator":"ThreadLens 0.1.0","title":"late"}})",
                          &err);
        QVERIFY2(late, err.c_str());
        QCOMPARE(late->title, std::string("late"));
        QCOMPARE(late->lanes.at(0).intervals.at(0).end, int64_t(5000));
        auto empty = traceFromJson("[]", &err);
        QVERIFY(empty);
        QVERIFY(empty->lanes.empty());
    }

    void badFilesGiveErrors()
    {
        QDir dir(dataDir() + "/bad");
        const QStringList files = dir.entryList(QDir::Files, QDir::Name);
        QVERIFY(files.size() >= 40);
        for (const QString& f : files) {
            QString err;
            auto tr = openTrace(dir.filePath(f), &err);
            QVERIFY2(!tr, qPrintable(f + " was accepted"));
            QVERIFY2(!err.isEmpty(), qPrintable(f));
            QVERIFY2(err.contains(f), qPrintable(err));
        }
        // Errors name where: a byte offset for JSON, an event index for content.
        std::string err;
        QVERIFY(!traceFromJson(
            R"({"traceEvents":[{"ph":"i","ts":1,"pid":1,"tid":0},{"ph":"X","ts":1,"dur":-2,"pid":1,"tid":0}]})", &err));
        QVERIFY2(err.find("event 1") != std::string::npos, err.c_str());
        QVERIFY(!traceFromJson(R"({"traceEvents":[{"ph":"i" "ts":1}]})", &err));
        QVERIFY2(err.find("byte 26") != std::string::npos, err.c_str());
        QVERIFY(!openTrace(dataDir() + "/does-not-exist.json"));
        // CPU clock samples must be [time, cpu] pairs in time order.
        const std::string head =
            R"({"otherData":{"generator":"ThreadLens 0.1.0","threadlens":{"lanes":[{"lane":0,"pid":1,"tid":0,"cpu":)";
        QVERIFY(traceFromJson(head + R"([[10,5],[20,9]]}]}},"traceEvents":[]})", &err));
        QVERIFY(!traceFromJson(head + R"([[10,5],[5,9]]}]}},"traceEvents":[]})", &err));
        QVERIFY2(err.find("cpu") != std::string::npos, err.c_str());
        QVERIFY(!traceFromJson(head + R"([[10]]}]}},"traceEvents":[]})", &err));
    }

    // Inputs the fuzzer found (tests/model/data/regress): each opens, and saving what was
    // read, re-reading it and saving again gives the same bytes.
    void fuzzRegressionsRoundTripStably()
    {
        QDir dir(dataDir() + "/regress");
        const QStringList files = dir.entryList(QDir::Files, QDir::Name);
        QVERIFY(!files.isEmpty());
        for (const QString& f : files) {
            QString err;
            auto tr = openTrace(dir.filePath(f), &err);
            QVERIFY2(tr, qPrintable(err));
            (void)tr->checkInvariants();
            (void)tr->statistics();
            const std::string once = traceToJson(*tr);
            std::string e;
            auto again = traceFromJson(once, &e);
            QVERIFY2(again, e.c_str());
            QVERIFY2(traceToJson(*again) == once, qPrintable(f));
        }
    }

    void atomicSave()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("t.json");
        const Trace tr = richTrace();
        QVERIFY(saveTrace(tr, path));
        const QByteArray before = [&] {
            QFile f(path);
            f.open(QIODevice::ReadOnly);
            return f.readAll();
        }();
        // Writing into a directory that does not exist fails cleanly, with a message.
        QString err;
        QVERIFY(!saveTrace(tr, dir.filePath("missing/t.json"), &err));
        QVERIFY(!err.isEmpty());
        // A failed write (the target is a directory) keeps the old file and leaves no temp file.
        QVERIFY(QDir(dir.path()).mkdir("occupied"));
        QVERIFY(!saveTrace(tr, dir.filePath("occupied"), &err));
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), before);
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{"t.json"});
    }

    void csv()
    {
        const Trace tr = richTrace();
        QTemporaryDir dir;
        const QString path = dir.filePath("t.csv");
        QVERIFY(saveCsv(tr, path));
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray all = f.readAll();
        QVERIFY(all.startsWith("kind,pid,tid,thread,start_ns,end_ns,name,object,detail\n"));
        size_t rows = tr.tasks.size() + tr.holds.size() + tr.instants.size() + tr.flows.size();
        for (const Lane& l : tr.lanes)
            rows += l.intervals.size();
        for (const CounterSeries& c : tr.counters)
            rows += c.points.size();
        // Quoted fields may hold newlines: count records by their kind prefix instead of lines.
        size_t records = 0;
        for (const QByteArray& line : all.split('\n'))
            for (const char* k : {"state,", "task,", "hold,", "instant,", "counter,", "flow,"})
                records += line.startsWith(k);
        QCOMPARE(records, rows);
        QVERIFY(all.contains("wait:lock,oven,"));
        QVERIFY(all.contains("\"apple, \"\"red\"\"\n\""));
    }
};

QTEST_GUILESS_MAIN(TestTraceFile)
#include "tst_trace_file.moc"
