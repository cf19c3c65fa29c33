// SPDX-License-Identifier: MIT
// CPython's own thread tests (Debian's libpython3.11-testsuite) run twice by /usr/bin/python3:
// as `python3 -m test`, and under the tracer with the test package counted as the program's
// (THREADLENS_PROGRAM_DIRS), so its locks, conditions, queues, executors and threads are the
// recording ones. A test case that fails only when traced fails this test; the traced run must
// also have recorded the suite's objects and threads, and its trace must pass `check`.
// ctest runs one suite per test (THREADLENS_CPYTHON_SUITE) so they run in parallel.
#include "engine/model/trace.h"
#include "engine/pytrace/program.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

#include <map>

using namespace tl;
using namespace tl::pytrace;

namespace {

const char* const kPython = "/usr/bin/python3";
constexpr int kRunMs = 600'000;  // per run; the slowest suite takes under a minute on an idle machine

QString sourceDir() { return qEnvironmentVariable("THREADLENS_SOURCE_DIR", QStringLiteral(TL_SOURCE_DIR)); }

// CPython's test package directory, or empty (with why) when the suite is not installed.
QString testPackage(const QString& suite, QString& why)
{
    QProcess p;
    p.start(QString::fromLatin1(kPython),
            {QStringLiteral("-c"), QStringLiteral("import os, test; print(os.path.dirname(test.__file__))")});
    if (!p.waitForFinished(60'000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        why = QStringLiteral("%1 has no test package").arg(QString::fromLatin1(kPython));
        return {};
    }
    const QString dir = QString::fromUtf8(p.readAllStandardOutput()).trimmed();
    if (!QFile::exists(dir + "/" + suite + ".py")) {
        why = QStringLiteral("%1 is not installed (Debian: apt install libpython3.11-testsuite)").arg(suite);
        return {};
    }
    return dir;
}

// Each test case's outcome in a regrtest --junit-xml file: "ok", "skipped", "failure" or "error".
// Failures keep their message for the report.
struct CaseResult {
    QString kind, text;
};

bool readResults(const QString& path, std::map<QString, CaseResult>& out, QString& error)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        error = QStringLiteral("no results: %1 was not written").arg(path);
        return false;
    }
    QXmlStreamReader x(&f);
    QString current;
    while (!x.atEnd()) {
        x.readNext();
        if (x.isStartElement() && x.name() == QLatin1String("testcase")) {
            current = x.attributes().value(QLatin1String("name")).toString();
            out[current] = {QStringLiteral("ok"), {}};
        } else if (x.isStartElement() && !current.isEmpty() &&
                   (x.name() == QLatin1String("failure") || x.name() == QLatin1String("error") ||
                    x.name() == QLatin1String("skipped"))) {
            const QString kind = x.name().toString();
            out[current] = {kind, x.readElementText(QXmlStreamReader::IncludeChildElements)};
        } else if (x.isEndElement() && x.name() == QLatin1String("testcase")) {
            current.clear();
        }
    }
    if (x.hasError()) {
        error = QStringLiteral("%1: %2").arg(path, x.errorString());
        return false;
    }
    return true;
}

bool failed(const CaseResult& o) { return o.kind == QLatin1String("failure") || o.kind == QLatin1String("error"); }

}  // namespace

class TstPytraceCpython : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        if (!QFile::exists(QString::fromLatin1(kPython)))
            QSKIP("no /usr/bin/python3");
        QVERIFY2(!Program::defaultTracerDir().empty(), "the tracer (build/pytrace) was not built");
    }

    void suite_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<bool>("objects");  // whether the suite makes threading's objects to record
        const QString only = qEnvironmentVariable("THREADLENS_CPYTHON_SUITE");
        const struct {
            const char* name;
            QStringList args;
            bool objects;
        } suites[] = {
            {"test_thread", {}, false},  // _thread's own locks, which stay native
            {"test_threading", {}, true},
            {"test_queue", {}, true},
            // Its thread parts: the thread pool's classes and the futures themselves. The process
            // pool's classes take minutes (fork, spawn and forkserver each) and exercise
            // multiprocessing, which tst_pytrace's Pool tests cover.
            {"test_concurrent_futures",
             {QStringLiteral("-m"), QStringLiteral("ThreadPool*"), QStringLiteral("-m"), QStringLiteral("FutureTests")},
             true},
        };
        for (const auto& s : suites)
            if (only.isEmpty() || only == QLatin1String(s.name))
                QTest::newRow(s.name) << (QStringList{QString::fromLatin1(s.name)} + s.args) << s.objects;
    }

    void suite()
    {
        QFETCH(QStringList, args);
        QFETCH(bool, objects);
        const QString name = args.first();
        QString why;
        const QString package = testPackage(name, why);
        if (package.isEmpty())
            QSKIP(qPrintable(why));
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString plainXml = dir.filePath("plain.xml"), tracedXml = dir.filePath("traced.xml");

        // Untraced: exactly `python3 -m test`.
        QProcess plain;
        plain.setWorkingDirectory(dir.path());
        plain.setProcessChannelMode(QProcess::MergedChannels);
        plain.start(QString::fromLatin1(kPython),
                    QStringList{QStringLiteral("-m"), QStringLiteral("test"), QStringLiteral("--junit-xml"), plainXml} +
                        args);
        QVERIFY2(plain.waitForFinished(kRunMs), "the untraced run did not end");
        const QByteArray plainOutput = plain.readAll();
        std::map<QString, CaseResult> before, after;
        QString error;
        QVERIFY2(readResults(plainXml, before, error), qPrintable(error + "\n" + plainOutput));

        // Traced: the same through the agent, the test package counted as the program's code.
        ProgramOptions o;
        o.python = kPython;
        o.script = (sourceDir() + "/tests/pytrace/programs/regrtest.py").toStdString();
        o.args = {"--junit-xml", tracedXml.toStdString()};
        for (const QString& a : args)
            o.args.push_back(a.toStdString());
        o.env = {"THREADLENS_PROGRAM_DIRS=" + package.toStdString()};
        o.captureOutput = true;
        Program p;
        const QString cwd = QDir::currentPath();
        QDir::setCurrent(dir.path());  // the program's working directory, like the untraced run's
        const Trace t = traceProgram(p, o, kRunMs);
        QDir::setCurrent(cwd);
        const QString output = QString::fromStdString(p.output()).right(4000);
        QVERIFY2(p.error().empty(), p.error().c_str());
        QVERIFY2(t.result.status == "finished" || t.result.status == "error",
                 qPrintable(QString::fromStdString(t.result.status + ": " + t.result.message) + "\n" + output));
        QVERIFY2(readResults(tracedXml, after, error), qPrintable(error + "\n" + output));

        QStringList onlyTraced;
        for (const auto& [test, result] : after)
            if (failed(result) && !(before.count(test) && failed(before.at(test))))
                onlyTraced << test + " (" + result.kind + "):\n" + result.text.right(1500);
        for (const auto& [test, result] : before)
            if (!after.count(test))
                onlyTraced << test + ": did not run under the tracer";
        QVERIFY2(onlyTraced.isEmpty(), qPrintable("fails only when traced: " + onlyTraced.join("\n")));
        QVERIFY2(!after.empty(), "no test ran");

        // The tracer really took part: the suite's own threads and objects were recorded.
        QVERIFY2(t.lanes.size() > 2, "the suite's threads are not lanes");
        int recorded = 0;
        for (const ObjectInfo& obj : t.objects)
            recorded += obj.id != 0 && obj.kind != ObjectKind::Gil;
        QVERIFY2(recorded > 0 || !objects, "none of the suite's objects was recorded");
        std::string problems;
        for (const std::string& s : t.checkInvariants())
            problems += s + "\n";
        QVERIFY2(problems.empty(), problems.c_str());
        qInfo("%s: %zu test cases, %zu lanes, %d objects, %zu events, %lld records dropped", qPrintable(name),
              after.size(), t.lanes.size(), recorded, t.eventCount(), static_cast<long long>(t.droppedRecords));
    }
};

QTEST_GUILESS_MAIN(TstPytraceCpython)
#include "tst_pytrace_cpython.moc"
