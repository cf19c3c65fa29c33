// SPDX-License-Identifier: MIT
// Real Python programs traced by the real CPython (Debian's /usr/bin/python3, what CI has):
// what each primitive records, names and creation sites, deadlock, timeout, bad input, fork,
// and every lesson's Python equivalent (quick mode), checked like any trace.
#include "engine/model/trace_file.h"
#include "engine/pytrace/program.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QFileInfo>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <csignal>
#include <set>

#include <unistd.h>

using namespace tl;
using namespace tl::pytrace;

namespace {

const char* const kPython = "/usr/bin/python3";

QString sourceDir() { return qEnvironmentVariable("THREADLENS_SOURCE_DIR", QStringLiteral(TL_SOURCE_DIR)); }
std::string program(const char* name) { return (sourceDir() + "/tests/pytrace/programs/" + name).toStdString(); }

struct Traced {
    Trace trace;
    int exitStatus = -1;
    std::string error, output;
};

Traced traceIt(const std::string& script, double timeoutMs = 120'000, std::vector<std::string> env = {},
               std::string python = kPython)
{
    ProgramOptions o;
    o.python = std::move(python);
    o.script = script;
    o.captureOutput = true;
    o.env = std::move(env);
    Program p;
    Traced r;
    r.trace = traceProgram(p, o, timeoutMs);
    r.exitStatus = p.exitStatus();
    r.error = p.error();
    r.output = p.output();
    return r;
}

ObjectId objectNamed(const Trace& t, const std::string& name)
{
    for (const ObjectInfo& o : t.objects)
        if (o.name == name)
            return o.id;
    return 0;
}

int laneNamed(const Trace& t, const std::string& prefix)
{
    for (const Lane& l : t.lanes)
        if (l.info.name.rfind(prefix, 0) == 0)
            return l.info.id;
    return -1;
}

int count(const Trace& t, Ev type, ObjectId object = 0)
{
    int n = 0;
    for (const Instant& i : t.instants)
        n += i.type == type && (!object || i.object == object);
    return n;
}

// Gone, or a zombie waiting for its parent to reap it: not running either way.
bool running(int pid)
{
    QFile f(QStringLiteral("/proc/%1/stat").arg(pid));
    return f.open(QIODevice::ReadOnly) && !f.readAll().contains(") Z ");
}

// The process group of a process (from /proc/PID/stat), -1 if it is gone.
int groupOf(int pid)
{
    QFile f(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray stat = f.readAll();
    const QList<QByteArray> fields = stat.mid(stat.lastIndexOf(')') + 2).split(' ');  // state ppid pgrp ...
    return fields.size() > 2 ? fields[2].toInt() : -1;
}

// The processes of a group still running (zombies are not).
std::set<int> runningInGroup(int group)
{
    std::set<int> out;
    for (const QString& name : QDir(QStringLiteral("/proc")).entryList(QDir::Dirs))
        if (const int pid = name.toInt(); pid > 0 && groupOf(pid) == group && running(pid))
            out.insert(pid);
    return out;
}

std::set<int> pidsOf(const Trace& t)
{
    std::set<int> pids;
    for (const Lane& l : t.lanes)
        pids.insert(l.info.pid);
    return pids;
}

// Holds of the program's own objects (not the sampled GIL's).
std::vector<Hold> programHolds(const Trace& t)
{
    std::vector<Hold> out;
    for (const Hold& h : t.holds)
        if (t.objects[h.object].kind != ObjectKind::Gil)
            out.push_back(h);
    return out;
}

std::string problems(const Trace& t)
{
    std::string s;
    for (const std::string& p : t.checkInvariants())
        s += p + "\n";
    return s;
}

}  // namespace

class TstPytrace : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        if (!QFile::exists(kPython))
            QSKIP("no /usr/bin/python3");
        QVERIFY2(!Program::defaultTracerDir().empty(), "the tracer (build/pytrace) was not built");
    }

    void primitives()
    {
        const Traced r = traceIt(program("primitives.py"));
        const Trace& t = r.trace;
        QVERIFY2(r.error.empty(), r.error.c_str());
        QCOMPARE(r.exitStatus, 3);  // sys.exit(3): reported
        QCOMPARE(t.result.status, std::string("error"));
        QVERIFY2(t.result.message.find("exit status 3") != std::string::npos, t.result.message.c_str());
        QVERIFY2(problems(t).empty(), problems(t).c_str());
        QCOMPARE(t.source, std::string("python"));
        QVERIFY(t.python.rfind("3.", 0) == 0);

        // Names: the variable, an attribute, list elements; the creation site always.
        for (const char* n : {"lock", "rlock", "cond", "cond.lock", "sem", "ready", "gate", "jobs", "forks[0]",
                              "forks[1]", "self.lock", "pool"})
            QVERIFY2(objectNamed(t, n), n);
        const ObjectId lock = objectNamed(t, "lock");
        QCOMPARE(t.objects[lock].site, std::string("primitives.py:8"));
        QCOMPARE(t.objects[lock].kind, ObjectKind::Lock);
        QCOMPARE(t.objects[objectNamed(t, "rlock")].kind, ObjectKind::RLock);
        QCOMPARE(t.objects[objectNamed(t, "sem")].kind, ObjectKind::BoundedSemaphore);
        QCOMPARE(t.objects[objectNamed(t, "sem")].capacity, int64_t(2));
        QCOMPARE(t.objects[objectNamed(t, "jobs")].capacity, int64_t(1));
        QCOMPARE(t.objects[objectNamed(t, "gate")].capacity, int64_t(2));
        // The standard library's own objects stay silent: the queue's mutex, Event's condition...
        for (const ObjectInfo& o : t.objects)
            QVERIFY2(o.id == 0 || !o.site.empty() || o.kind == ObjectKind::Future || o.kind == ObjectKind::Gil,
                     o.name.c_str());

        // Lanes: named threads, the executor's workers, their parents.
        const int holder = laneNamed(t, "holder"), consumer = laneNamed(t, "consumer");
        QVERIFY(holder > 0 && consumer > 0 && laneNamed(t, "pool_") > 0);
        QCOMPARE(t.lanes[size_t(holder)].info.parent, LaneId(0));

        // Lock: the holder holds while main waits (wait:lock on `lock`), then a handoff to main.
        bool mainWaited = false;
        for (const Interval& iv : t.lanes[0].intervals)
            mainWaited =
                mainWaited || (iv.state == State::WaitLock && iv.object == lock && iv.end - iv.start > 50'000'000);
        QVERIFY(mainWaited);
        bool handoff = false;
        for (const Flow& f : t.flows)
            handoff =
                handoff || (f.kind == FlowKind::Handoff && f.object == lock && f.fromLane == holder && f.toLane == 0);
        QVERIFY(handoff);
        int lockHolds = 0;
        for (const Hold& h : t.holds)
            lockHolds += h.object == lock;
        QCOMPARE(lockHolds, 3);  // holder, main after the wait, the non-blocking try
        QCOMPARE(count(t, Ev::AcquireTry, lock), 1);
        QCOMPARE(count(t, Ev::AcquireTry, objectNamed(t, "forks[0]")), 0);  // a timed acquire is not a try

        // Condition: notify wakes the consumer (a wake flow to it); the RLock is held around.
        const ObjectId cond = objectNamed(t, "cond");
        QCOMPARE(count(t, Ev::Notify, cond), 1);
        bool woke = false;
        for (const Flow& f : t.flows)
            woke = woke || (f.kind == FlowKind::Wake && f.object == cond && f.toLane == consumer && f.fromLane == 0);
        QVERIFY(woke);
        // Event set once; barrier passed by both with indexes 0 and 1.
        QCOMPARE(count(t, Ev::Set, objectNamed(t, "ready")), 1);
        std::set<int64_t> indexes;
        for (const Instant& i : t.instants)
            if (i.type == Ev::BarrierPass)
                indexes.insert(i.a);
        QCOMPARE(indexes, (std::set<int64_t>{0, 1}));
        // Queue(maxsize=1): puts waited, the depth never passed 1, every item flowed to the consumer.
        const ObjectId jobs = objectNamed(t, "jobs");
        QCOMPARE(count(t, Ev::Put, jobs), 3);
        QCOMPARE(count(t, Ev::Get, jobs), 3);
        QCOMPARE(count(t, Ev::TaskDone, jobs), 3);
        QCOMPARE(count(t, Ev::Join, jobs), 1);
        int items = 0;
        for (const Flow& f : t.flows)
            items += f.kind == FlowKind::Item && f.object == jobs && f.toLane == consumer;
        QCOMPARE(items, 3);
        const CounterSeries* depth = t.counter(jobs, CounterKind::Depth);
        QVERIFY(depth);
        for (const CounterPoint& p : depth->points)
            QVERIFY(p.value >= 0 && p.value <= 1);
        // BoundedSemaphore: two holds, the over-release recorded as an exception.
        const ObjectId sem = objectNamed(t, "sem");
        QCOMPARE(count(t, Ev::Exception, sem), 1);
        QVERIFY(t.counter(sem, CounterKind::Available));
        // Executor: four tasks on workers, each future PENDING -> RUNNING -> FINISHED.
        QCOMPARE(t.tasks.size(), size_t(4));
        QCOMPARE(count(t, Ev::Submit, objectNamed(t, "pool")), 4);
        QCOMPARE(count(t, Ev::FutureState), 12);
        for (const TaskSpan& task : t.tasks)
            QVERIFY(task.lane != 0 && task.outcome == 0);
        // print() lines are marks.
        bool printed = false;
        for (const Instant& i : t.instants)
            printed = printed || (i.type == Ev::Mark && i.text == "results: [1, 2, 4, 8]");
        QVERIFY(printed);
        QVERIFY(r.output.find("results: [1, 2, 4, 8]") != std::string::npos);
    }

    // One lock taken back to back by four threads: every acquisition is a hold, one holder at a
    // time, every handoff points forward (checkInvariants), though the tracer stamps holds with
    // unfenced reads of the clock on whichever core each thread runs.
    void contendedLock()
    {
        const Traced r = traceIt(program("contended.py"));
        const Trace& t = r.trace;
        QVERIFY2(t.result.status == "finished", (t.result.message + "\n" + r.output).c_str());
        QVERIFY2(problems(t).empty(), problems(t).c_str());
        const ObjectId lock = objectNamed(t, "lock");
        QVERIFY(lock);
        std::vector<Hold> holds;
        for (const Hold& h : t.holds)
            if (h.object == lock)
                holds.push_back(h);
        QCOMPARE(holds.size(), size_t(4 * 20'000));
        std::sort(holds.begin(), holds.end(), [](const Hold& a, const Hold& b) { return a.start < b.start; });
        for (size_t k = 1; k < holds.size(); ++k)
            QVERIFY2(holds[k - 1].end >= holds[k - 1].start && holds[k - 1].end <= holds[k].start,
                     qPrintable(QStringLiteral("hold %1 overlaps the next").arg(k - 1)));
        for (const Flow& f : t.flows)
            if (f.object == lock)
                QVERIFY(f.kind == FlowKind::Handoff && f.fromT <= f.toT);
    }

    void deadlock()
    {
        const Traced r = traceIt(program("deadlock.py"), 60'000);
        const Trace& t = r.trace;
        QCOMPARE(t.result.status, std::string("deadlock"));
        QVERIFY2(t.result.message.find("fork_a") != std::string::npos &&
                     t.result.message.find("fork_b") != std::string::npos,
                 t.result.message.c_str());
        QCOMPARE(count(t, Ev::Deadlock), 1);
        QCOMPARE(r.exitStatus, -1);  // ended by ThreadLens
        QVERIFY2(problems(t).empty(), problems(t).c_str());
    }

    // --timeout ends the program and everything it started.
    void timeoutEndsTheTree()
    {
        const Traced r = traceIt(program("forever.py"), 1500);
        QCOMPARE(r.trace.result.status, std::string("aborted"));
        QVERIFY(r.trace.result.message.rfind("timed out", 0) == 0);
        const QRegularExpression re(QStringLiteral("child (\\d+)"));
        const auto m = re.match(QString::fromStdString(r.output));
        QVERIFY2(m.hasMatch(), r.output.c_str());
        const QString stat = QStringLiteral("/proc/%1/stat").arg(m.captured(1));
        // Gone, or a zombie waiting for init to reap it: not running either way.
        QTRY_VERIFY_WITH_TIMEOUT(
            !QFile::exists(stat) ||
                [&] {
                    QFile f(stat);
                    return f.open(QIODevice::ReadOnly) && f.readAll().contains(") Z ");
                }(),
            5000);
    }

    void abortEndsTheRunAtOnce()
    {
        ProgramOptions o;
        o.python = kPython;
        o.script = program("forever.py");
        o.captureOutput = true;
        Program p;
        QVERIFY2(p.start(o), p.error().c_str());
        Trace t;
        QTRY_VERIFY_WITH_TIMEOUT((p.poll(t), t.lanes.size() >= 1), 20000);
        p.abort();
        QVERIFY(p.wait(10'000));
        p.finish(t);
        QCOMPARE(t.result.status, std::string("aborted"));
        QVERIFY2(problems(t).empty(), problems(t).c_str());
    }

    void badInput_data()
    {
        QTest::addColumn<QString>("script");
        QTest::addColumn<QString>("python");
        QTest::addColumn<QString>("startError");  // empty: it starts and ends with `status`
        QTest::addColumn<QString>("status");
        QTest::addColumn<QString>("message");
        QTest::addColumn<int>("exitStatus");
        const QString dir = sourceDir() + "/tests/pytrace/programs/";
        QTest::newRow("missing file") << dir + "nope.py" << kPython << "no such file"
                                      << ""
                                      << "" << -1;
        QTest::newRow("a directory") << dir << kPython << "is a directory"
                                     << ""
                                     << "" << -1;
        QTest::newRow("not Python") << QCoreApplication::applicationFilePath() << kPython << "not a Python program"
                                    << ""
                                    << "" << -1;
        QTest::newRow("no such python") << dir + "uncaught.py"
                                        << "/nonexistent/python3"
                                        << "no such executable"
                                        << ""
                                        << "" << -1;
        QTest::newRow("syntax error") << dir + "syntax_error.py" << kPython << ""
                                      << "error"
                                      << "SyntaxError: invalid syntax at syntax_error.py:1" << 1;
        QTest::newRow("uncaught exception") << dir + "uncaught.py" << kPython << ""
                                            << "error"
                                            << "ZeroDivisionError: division by zero (uncaught.py:2)" << 1;
        QTest::newRow("os._exit") << dir + "osexit.py" << kPython << ""
                                  << "error"
                                  << "os._exit(7): exit status 7" << 7;
        QTest::newRow("reads stdin") << dir + "reads_stdin.py" << kPython << ""
                                     << "finished"
                                     << "" << 0;
    }
    void badInput()
    {
        QFETCH(QString, script);
        QFETCH(QString, python);
        QFETCH(QString, startError);
        QFETCH(QString, status);
        QFETCH(QString, message);
        QFETCH(int, exitStatus);
        const Traced r = traceIt(script.toStdString(), 60'000, {}, python.toStdString());
        if (!startError.isEmpty()) {
            QVERIFY2(QString::fromStdString(r.error).contains(startError), r.error.c_str());
            QCOMPARE(r.trace.result.status, std::string("error"));
            return;
        }
        QVERIFY2(r.error.empty(), r.error.c_str());
        QCOMPARE(QString::fromStdString(r.trace.result.status), status);
        QCOMPARE(QString::fromStdString(r.trace.result.message), message);
        QCOMPARE(r.exitStatus, exitStatus);
        QVERIFY2(problems(r.trace).empty(), problems(r.trace).c_str());
    }

    // What happened before os._exit is not lost; stdin reads as empty.
    void nothingLostAtExit()
    {
        const Traced r = traceIt(program("osexit.py"));
        QVERIFY(objectNamed(r.trace, "lock"));
        const auto holds = programHolds(r.trace);
        QCOMPARE(holds.size(), size_t(1));
        QVERIFY(holds[0].end >= holds[0].start);
        const Traced s = traceIt(program("reads_stdin.py"));
        QVERIFY2(s.output.find("read: ''") != std::string::npos, s.output.c_str());
    }

    // A forked child is its own process: its own lanes on its own pid, its objects apart.
    void fork()
    {
        const Traced r = traceIt(program("forks.py"));
        const Trace& t = r.trace;
        QCOMPARE(t.result.status, std::string("finished"));
        std::set<int> pids;
        for (const Lane& l : t.lanes)
            pids.insert(l.info.pid);
        QCOMPARE(pids.size(), size_t(2));
        QCOMPARE(programHolds(t).size(), size_t(2));
        QVERIFY2(problems(t).empty(), problems(t).c_str());
    }

    // A fork while a lock is held, after 2000 objects: each process's holds are whole, the child
    // announces only the lock it uses, and a text printed again is one string per process.
    void forkWhileHolding()
    {
        const Traced r = traceIt(program("fork_held.py"));
        const Trace& t = r.trace;
        QVERIFY2(t.result.status == "finished", (t.result.status + ": " + t.result.message + "\n" + r.output).c_str());
        QVERIFY2(problems(t).empty(), problems(t).c_str());
        QCOMPARE(pidsOf(t).size(), size_t(2));
        const ObjectId lock = objectNamed(t, "lock");
        QVERIFY(lock);
        std::vector<ObjectId> childObjects;
        for (const ObjectInfo& o : t.objects)
            if (o.id && o.kind != ObjectKind::Gil && o.name.find(" (pid ") != std::string::npos)
                childObjects.push_back(o.id);
        QCOMPARE(childObjects.size(), size_t(1));
        QVERIFY(t.objects[childObjects[0]].name.rfind("lock (pid ", 0) == 0);
        int parentHolds = 0, childHolds = 0;
        for (const Hold& h : programHolds(t)) {
            QVERIFY2(h.end >= h.start, "a hold never ended");
            parentHolds += h.object == lock;
            childHolds += h.object == childObjects[0];
        }
        QCOMPARE(parentHolds, 2);
        QCOMPARE(childHolds, 1);
        QCOMPARE(std::count(t.strings.begin(), t.strings.end(), std::string("same text")), 2L);
    }

    // multiprocessing.Pool under each start method: the workers are lanes on their own pids,
    // named after their processes, with the map's chunks and the apply call as their tasks; the
    // parent has the pool and one future per call, submitted and finished.
    void pool_data()
    {
        QTest::addColumn<QString>("method");
        QTest::addColumn<QString>("worker");
        QTest::newRow("fork") << "fork"
                              << "ForkPoolWorker-";
        QTest::newRow("spawn") << "spawn"
                               << "SpawnPoolWorker-";
        QTest::newRow("forkserver") << "forkserver"
                                    << "ForkServerPoolWorker-";
    }
    void pool()
    {
        QFETCH(QString, method);
        QFETCH(QString, worker);
        ProgramOptions o;
        o.python = kPython;
        o.script = program("pool.py");
        o.args = {method.toStdString()};
        o.captureOutput = true;
        Program p;
        const Trace t = traceProgram(p, o, 120'000);
        QVERIFY2(t.result.status == "finished", (t.result.message + "\n" + p.output()).c_str());
        QVERIFY2(problems(t).empty(), problems(t).c_str());
        QVERIFY(p.output().find("map [0, 1, 4, 9, 16, 25, 36, 49]") != std::string::npos);
        const int mainPid = t.lanes[0].info.pid;
        std::set<std::string> values;
        for (const TaskSpan& task : t.tasks) {
            const LaneInfo& lane = t.lanes[task.lane].info;
            QVERIFY2(lane.pid != mainPid, lane.name.c_str());
            QVERIFY2(QString::fromStdString(lane.name).startsWith(worker), lane.name.c_str());
            QVERIFY2(lane.name.find("(pid " + std::to_string(lane.pid) + ")") != std::string::npos, lane.name.c_str());
            QCOMPARE(task.outcome, 0);
            QVERIFY(task.end >= task.start);
            values.insert(task.value);
        }
        QCOMPARE(values,
                 (std::set<std::string>{"square chunk 0 (2 items) = [0, 1]", "square chunk 1 (2 items) = [4, 9]",
                                        "square chunk 2 (2 items) = [16, 25]", "square chunk 3 (2 items) = [36, 49]",
                                        "square(7) = 49"}));
        const ObjectId pool = objectNamed(t, "pool");
        QVERIFY(pool);
        QCOMPARE(t.objects[pool].kind, ObjectKind::ProcessPool);
        QCOMPARE(t.objects[pool].capacity, int64_t(2));
        QCOMPARE(t.objects[pool].site, std::string("pool.py:12"));
        QCOMPARE(count(t, Ev::Submit, pool), 2);
        for (const char* name : {"square.map 1", "square.apply 2"}) {
            const ObjectId future = objectNamed(t, name);
            QVERIFY2(future, name);
            QCOMPARE(count(t, Ev::FutureState, future), 2);  // PENDING, FINISHED
        }
        // The main process made no second copy of the pool's objects in its workers.
        for (const ObjectInfo& obj : t.objects)
            QVERIFY2(obj.kind == ObjectKind::Gil || obj.name.find("(pid") == std::string::npos, obj.name.c_str());
    }

    // Workers of a Pool terminated before their _bootstrap are named after their processes too.
    void poolTerminatedEarly_data()
    {
        QTest::addColumn<QString>("method");
        QTest::addColumn<QString>("worker");
        QTest::newRow("spawn") << "spawn"
                               << "SpawnPoolWorker-";
        QTest::newRow("forkserver") << "forkserver"
                                    << "ForkServerPoolWorker-";
    }
    void poolTerminatedEarly()
    {
        QFETCH(QString, method);
        QFETCH(QString, worker);
        QTemporaryDir marks;
        QVERIFY(marks.isValid());
        ProgramOptions o;
        o.python = kPython;
        o.script = program("pool_early.py");
        o.args = {method.toStdString(), marks.path().toStdString()};
        o.captureOutput = true;
        Program p;
        const Trace t = traceProgram(p, o, 120'000);
        QVERIFY2(t.result.status == "finished", (t.result.message + "\n" + p.output()).c_str());
        QVERIFY2(problems(t).empty(), problems(t).c_str());
        const int mainPid = t.lanes[0].info.pid;
        int workers = 0;
        for (const Lane& l : t.lanes) {
            if (l.info.pid == mainPid)
                continue;
            ++workers;
            QVERIFY2(QString::fromStdString(l.info.name).startsWith(worker), l.info.name.c_str());
        }
        QCOMPARE(workers, 2);
    }

    // Abort ends the program and its Pool's workers, whatever the start method.
    void poolAbort_data() { pool_data(); }
    void poolAbort()
    {
        QFETCH(QString, method);
        ProgramOptions o;
        o.python = kPython;
        o.script = program("pool_forever.py");
        o.args = {method.toStdString()};
        o.captureOutput = true;
        Program p;
        QVERIFY2(p.start(o), p.error().c_str());
        Trace t;
        // Both workers run their endless task.
        QTRY_VERIFY_WITH_TIMEOUT((p.poll(t), t.tasks.size() >= 2), 60000);
        const std::set<int> pids = pidsOf(t);
        QVERIFY(pids.size() >= 3);
        QElapsedTimer clock;
        clock.start();
        p.abort();
        QVERIFY(p.wait(10'000));
        p.finish(t);
        QCOMPARE(t.result.status, std::string("aborted"));
        for (int pid : pids)
            QTRY_VERIFY_WITH_TIMEOUT(!running(pid), 5000);
        qInfo("%s: %d processes ended %lld ms after abort()", qPrintable(method), int(pids.size()),
              static_cast<long long>(clock.elapsed()));
        QVERIFY2(problems(t).empty(), problems(t).c_str());
    }

    // `threadlens trace` asked to end (Ctrl-C at a terminal, a supervisor's SIGTERM): the program
    // runs in a process group of its own, which the signal does not reach, so the command line
    // ends its whole tree (Pool workers included) and then exits with 128 + the signal.
    void cliSignalEndsTheTree_data()
    {
        QTest::addColumn<int>("sig");
        QTest::newRow("SIGTERM") << int(SIGTERM);
        QTest::newRow("SIGINT") << int(SIGINT);
    }
    void cliSignalEndsTheTree()
    {
        const QString binary = qEnvironmentVariable("THREADLENS_BINARY");
        if (binary.isEmpty())
            QSKIP("THREADLENS_BINARY is not set (the app is not built)");
        QFETCH(int, sig);
        QProcess cli;
        cli.start(binary, {"trace", "--python", kPython, "--quiet", QString::fromStdString(program("pool_forever.py")),
                           "fork"});
        QVERIFY(cli.waitForStarted());
        // Both workers run their endless task (they print their pids).
        const QRegularExpression re(QStringLiteral("worker (\\d+) task"));
        QString out;
        std::set<int> pids;
        // A generous bound: on a loaded CI machine (the suite at -j2 beside a busy loop and other
        // builds) three interpreters starting under the tracer once took over a minute.
        QTRY_VERIFY2_WITH_TIMEOUT(
            [&] {
                out += QString::fromUtf8(cli.readAllStandardOutput());
                for (auto it = re.globalMatch(out); it.hasNext();)
                    pids.insert(it.next().captured(1).toInt());
                return pids.size() >= 2;
            }(),
            qPrintable(QStringLiteral("the workers did not start: CLI %1, output:\n%2\nerrors:\n%3")
                           .arg(cli.state() == QProcess::Running ? QStringLiteral("running")
                                                                 : QStringLiteral("exited %1").arg(cli.exitCode()))
                           .arg(out, QString::fromUtf8(cli.readAllStandardError()))),
            300000);
        const int group = groupOf(*pids.begin());
        QVERIFY(group > 0 && group != ::getpgrp());
        pids.insert(group);  // the program itself leads its group
        QVERIFY(::kill(pid_t(cli.processId()), sig) == 0);
        QVERIFY(cli.waitForFinished(30000));
        QCOMPARE(cli.exitStatus(), QProcess::NormalExit);
        QCOMPARE(cli.exitCode(), 128 + sig);
        const QString err = QString::fromUtf8(cli.readAllStandardError());
        QVERIFY2(err.contains(sig == SIGTERM ? "ended by SIGTERM" : "ended by SIGINT"), qPrintable(err));
        for (int pid : pids)
            QTRY_VERIFY_WITH_TIMEOUT(!running(pid), 5000);
        QTRY_VERIFY_WITH_TIMEOUT(runningInGroup(group).empty(), 5000);
    }

    // --timeout ends them too.
    void poolTimeout()
    {
        const Traced r = traceIt(program("pool_forever.py"), 8000);
        QCOMPARE(r.trace.result.status, std::string("aborted"));
        QVERIFY(r.trace.result.message.rfind("timed out", 0) == 0);
        const QRegularExpression re(QStringLiteral("worker (\\d+) task"));
        std::set<int> pids = pidsOf(r.trace);
        for (auto it = re.globalMatch(QString::fromStdString(r.output)); it.hasNext();)
            pids.insert(it.next().captured(1).toInt());
        QVERIFY2(pids.size() >= 3, r.output.c_str());
        for (int pid : pids)
            QTRY_VERIFY_WITH_TIMEOUT(!running(pid), 5000);
    }

    // CPython 3.11's GIL, sampled: one sampled gil object, its holds on the lanes that ran Python
    // code, never two at once, each inside its lane's life; kept through the trace file.
    void gilSampled()
    {
        const Traced r = traceIt(program("gil.py"));
        const Trace& t = r.trace;
        QVERIFY2(t.result.status == "finished", (t.result.message + "\n" + r.output).c_str());
        QVERIFY2(problems(t).empty(), problems(t).c_str());
        const ObjectId gil = objectNamed(t, "GIL");
        QVERIFY(gil);
        QCOMPARE(t.objects[gil].kind, ObjectKind::Gil);
        QVERIFY(t.objects[gil].sampled);
        QCOMPARE(t.objects[gil].capacity, int64_t(1000));  // the sampling rate, GIL_HZ
        std::vector<const Hold*> holds;
        for (const Hold& h : t.holds)
            if (h.object == gil)
                holds.push_back(&h);
        QVERIFY(!holds.empty());
        bool spinHeld = false;
        for (size_t i = 0; i < holds.size(); ++i) {
            const Hold& h = *holds[i];
            const Lane& lane = t.lanes[h.lane];
            spinHeld = spinHeld || lane.info.name.rfind("spin", 0) == 0;
            QVERIFY(h.end >= h.start && h.start >= lane.start && (lane.end < 0 || h.end <= lane.end));
            if (i > 0)
                QVERIFY(holds[i - 1]->end <= h.start);  // one holder at a time
        }
        QVERIFY(spinHeld);
        const CounterSeries* holder = t.counter(gil, CounterKind::Holder);
        QVERIFY(holder);
        for (const CounterPoint& p : holder->points)
            QVERIFY(p.value == -1 || (p.value >= 0 && size_t(p.value) < t.lanes.size()));
        const auto back = traceFromJson(traceToJson(t));
        QVERIFY(back);
        QVERIFY(back->objects[gil].sampled && back->objects[gil].kind == ObjectKind::Gil);
        QCOMPARE(back->objects[1].sampled, t.objects[1].sampled);
    }

    // Through a virtualenv (python3 -m venv) of Debian's python3 and of the python3 first on PATH
    // (pyenv's, where there is one): a Pool's spawned workers and the sampled GIL lane.
    void virtualenv_data()
    {
        QTest::addColumn<QString>("base");
        QTest::newRow("debian") << QString::fromLatin1(kPython);
        QTest::newRow("path") << QString::fromStdString(Program::findOnPath("python3"));
    }
    void virtualenv()
    {
        QFETCH(QString, base);
        if (base.isEmpty())
            QSKIP("no python3 on PATH");
        if (QFileInfo(base).canonicalFilePath() == QFileInfo(QString::fromLatin1(kPython)).canonicalFilePath() &&
            QString::fromLatin1(QTest::currentDataTag()) == QLatin1String("path"))
            QSKIP("the python3 on PATH is Debian's, the other row");
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QProcess venv;
        venv.setProcessChannelMode(QProcess::MergedChannels);
        venv.start(base, {QStringLiteral("-m"), QStringLiteral("venv"), QStringLiteral("--without-pip"),
                          dir.filePath(QStringLiteral("venv"))});
        QVERIFY(venv.waitForFinished(300'000));
        if (venv.exitCode() != 0 && venv.readAll().contains("ensurepip"))
            QSKIP("this python3 cannot make a virtualenv (Debian: apt install python3-venv)");
        QCOMPARE(venv.exitCode(), 0);
        const std::string python = dir.filePath(QStringLiteral("venv/bin/python")).toStdString();

        ProgramOptions o;
        o.python = python;
        o.script = program("pool.py");
        o.args = {"spawn"};
        o.captureOutput = true;
        Program p;
        const Trace t = traceProgram(p, o, 120'000);
        QVERIFY2(t.result.status == "finished", (t.result.message + "\n" + p.output()).c_str());
        QVERIFY2(problems(t).empty(), problems(t).c_str());
        QCOMPARE(p.pythonPath(), python);
        // The workers that ran tasks are lanes of their own processes, named after them (an idle
        // one may be ended by the pool's exit before it connected).
        QCOMPARE(t.tasks.size(), size_t(5));
        for (const TaskSpan& task : t.tasks) {
            const LaneInfo& lane = t.lanes[task.lane].info;
            QVERIFY(lane.pid != t.lanes[0].info.pid);
            QVERIFY2(lane.name.rfind("SpawnPoolWorker-", 0) == 0, lane.name.c_str());
        }

        const Traced g = traceIt(program("gil.py"), 120'000, {}, python);
        QVERIFY2(g.trace.result.status == "finished", (g.trace.result.message + "\n" + g.output).c_str());
        QVERIFY2(problems(g.trace).empty(), problems(g.trace).c_str());
        const ObjectId gil = objectNamed(g.trace, "GIL");
        QVERIFY2(gil, "no sampled GIL lane through the virtualenv");
        QVERIFY(
            std::any_of(g.trace.holds.begin(), g.trace.holds.end(), [&](const Hold& h) { return h.object == gil; }));
    }

    // Every lesson's Python equivalent, traced in quick mode: a valid trace with the lesson's
    // object kinds (read off its source) and its threads. Run per module by ctest
    // (THREADLENS_LESSONS=m<N>.).
    void lessons_data()
    {
        QTest::addColumn<QString>("path");
        const QString filter = qEnvironmentVariable("THREADLENS_LESSONS");
        const QDir dir(sourceDir() + "/resources/lessons");
        for (const QString& f : dir.entryList({QStringLiteral("*.py")}, QDir::Files, QDir::Name))
            if (!filter.isEmpty() && f.startsWith(filter))
                QTest::newRow(qPrintable(f)) << dir.filePath(f);
    }
    void lessons()
    {
        if (qEnvironmentVariable("THREADLENS_LESSONS").isEmpty())
            QSKIP("run per module by ctest (THREADLENS_LESSONS=m<N>.)");
        QFETCH(QString, path);
        const Traced r = traceIt(path.toStdString(), 300'000, {"THREADLENS_QUICK=1"});
        const Trace& t = r.trace;
        QVERIFY2(r.error.empty(), r.error.c_str());
        QVERIFY2(t.result.status == "finished", (t.result.status + ": " + t.result.message + "\n" + r.output).c_str());
        QVERIFY2(problems(t).empty(), problems(t).c_str());
        QCOMPARE(t.droppedRecords, int64_t(0));
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QString src;
        for (const QString& line : QString::fromUtf8(f.readAll()).split('\n'))
            src += line.section('#', 0, 0) + '\n';
        const std::pair<ObjectKind, const char*> kinds[] = {
            {ObjectKind::BoundedSemaphore, "\\bBoundedSemaphore\\("},
            {ObjectKind::Semaphore, "(?<!Bounded)\\bSemaphore\\("},
            {ObjectKind::RLock, "\\bRLock\\("},
            {ObjectKind::Lock, "(?<![R\\w])Lock\\("},
            {ObjectKind::Condition, "\\bCondition\\("},
            {ObjectKind::Event, "\\bEvent\\("},
            {ObjectKind::Barrier, "\\bBarrier\\("},
            {ObjectKind::Queue, "\\b(Queue|LifoQueue|PriorityQueue|SimpleQueue)\\("},
            {ObjectKind::Pool, "\\bThreadPoolExecutor\\("}};
        std::set<ObjectKind> have;
        for (const ObjectInfo& o : t.objects)
            if (o.id)
                have.insert(o.kind);
        for (const auto& [kind, re] : kinds)
            if (src.contains(QRegularExpression(QString::fromLatin1(re))))
                QVERIFY2(have.count(kind), ("no " + std::string(kindName(kind)) + " traced").c_str());
        if (src.contains(QRegularExpression(QStringLiteral("\\bThread\\(|ThreadPoolExecutor\\("))))
            QVERIFY2(t.lanes.size() >= 2, "the lesson's threads are not lanes");
    }
};

QTEST_GUILESS_MAIN(TstPytrace)
#include "tst_pytrace.moc"
