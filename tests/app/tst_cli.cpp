// SPDX-License-Identifier: MIT
// The headless command line, run as a user runs it: the real binary, its output and exit codes.
#include <QDir>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include "tests/full_tmpfs.h"

namespace {

struct Result {
    int code = -1;
    QString out, err;
};

Result cli(const QStringList& args, int timeoutMs = 120000)
{
    QProcess p;
    p.start(qEnvironmentVariable("THREADLENS_BINARY"), args);
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        return {};
    }
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

}  // namespace

class TestCli : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(qEnvironmentVariable("THREADLENS_BINARY")), "THREADLENS_BINARY not set");
    }

    void helpListsTheSubcommands()
    {
        const Result r = cli({"--help"});
        QCOMPARE(r.code, 0);
        for (const char* c : {"list", "describe", "run", "render", "check"})
            QVERIFY2(r.out.contains(QString("  %1").arg(c)), c);
    }

    // `trace --help` says how a traced run ends, a signal's 128+N included (in Russian too).
    void traceHelpNamesTheExitCodes()
    {
        for (const char* lang : {"en", "ru"}) {
            const Result r = cli({"--lang", lang, "trace", "--help"});
            QCOMPARE(r.code, 0);
            QVERIFY2(r.out.contains("threadlens trace") && r.out.contains("128+N") && r.out.contains("143"),
                     qPrintable(r.out));
        }
    }

    void listHasEveryLessonAndJson()
    {
        const Result r = cli({"list", "--json"});
        QCOMPARE(r.code, 0);
        const QJsonArray all = QJsonDocument::fromJson(r.out.toUtf8()).array();
        QCOMPARE(all.size(), 74);
        QSet<QString> ids;
        for (const auto& v : all) {
            const QJsonObject o = v.toObject();
            ids.insert(o["id"].toString());
            QVERIFY(!o["title"].toString().isEmpty());
            QVERIFY(!o["title_ru"].toString().isEmpty());
        }
        QVERIFY(ids.contains("m1.l1") && ids.contains("m5.l5") && ids.contains("m9.l14"));
        const Result plain = cli({"list"});
        QCOMPARE(plain.code, 0);
        QVERIFY(plain.out.contains("Module 9"));
    }

    void describeShowsParametersAndText()
    {
        const Result r = cli({"describe", "m5.l1"});
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.contains("threads"));
        QVERIFY(r.out.contains("default"));
        QVERIFY(r.out.contains("import threading"));  // the Python equivalent
    }

    void runWritesOutputsAndTheTracePassesCheck()
    {
        QTemporaryDir dir;
        const QString trace = dir.filePath("run.json"), png = dir.filePath("run.png"), svg = dir.filePath("run.svg"),
                      csv = dir.filePath("run.csv");
        const Result r = cli({"run", "m5.l1", "--set", "threads=3", "--set", "cs_ms=20", "--trace", trace, "--png", png,
                              "--svg", svg, "--csv", csv, "--width", "1200"});
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.contains("finished") && r.out.contains("oven"), qPrintable(r.out));
        QVERIFY2(r.out.contains("\nResult: The program printed: dishes="),
                 qPrintable(r.out));  // the lesson's result, under the summary
        QImage image(png);
        QCOMPARE(image.width(), 1200);
        QVERIFY(QFileInfo(svg).size() > 1000);
        QVERIFY(QFileInfo(csv).size() > 100);
        const Result check = cli({"check", trace});
        QCOMPARE(check.code, 0);
        QVERIFY(check.out.contains("OK"));
        const Result render =
            cli({"render", trace, "--png", dir.filePath("part.png"), "--from", "0", "--to", "10", "--width", "800"});
        QCOMPARE(render.code, 0);
        QCOMPARE(QImage(dir.filePath("part.png")).width(), 800);
    }

    // --panels: the same picture plus the lock-contention, queue and statistics sections below,
    // on a run and on a saved trace (a lesson with a lock that threads wait for).
    void renderWithPanelsIsTaller()
    {
        QTemporaryDir dir;
        const QString trace = dir.filePath("lock.json"), plain = dir.filePath("plain.png"),
                      panels = dir.filePath("panels.png");
        const Result r = cli({"run", "m5.l1", "--set", "threads=3", "--set", "cs_ms=20", "--trace", trace, "--png",
                              dir.filePath("run.png"), "--panels", "--quiet"});
        QCOMPARE(r.code, 0);
        const QImage run(dir.filePath("run.png"));
        QVERIFY(!run.isNull());
        QCOMPARE(cli({"render", trace, "--png", plain, "--width", "900"}).code, 0);
        const Result rp = cli({"render", trace, "--png", panels, "--width", "900", "--panels", "--dark"});
        QCOMPARE(rp.code, 0);
        const QImage a(plain), b(panels);
        QCOMPARE(b.width(), 900);
        QVERIFY2(b.height() > a.height() + 80, qPrintable(QStringLiteral("%1 vs %2").arg(b.height()).arg(a.height())));
        // `run --panels` adds them too (its picture against the same trace rendered without).
        QCOMPARE(cli({"render", trace, "--png", dir.filePath("wide.png")}).code, 0);
        QVERIFY(run.height() > QImage(dir.filePath("wide.png")).height() + 80);
        const Result svg =
            cli({"render", trace, "--svg", dir.filePath("p.svg"), "--panels", "--from", "0", "--to", "30"});
        QCOMPARE(svg.code, 0);
        QVERIFY(QFileInfo(dir.filePath("p.svg")).size() > 1000);
        QVERIFY(cli({"--help"}).out.contains("--panels"));
    }

    void errors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown command") << QStringList{"frobnicate"} << 2 << "unknown command";
        QTest::newRow("unknown scenario suggests") << QStringList{"run", "m5.l11"} << 2 << "did you mean";
        QTest::newRow("unknown parameter lists valid ones")
            << QStringList{"run", "m5.l1", "--set", "cooks=3"} << 2 << "valid parameters";
        QTest::newRow("value out of range")
            << QStringList{"run", "m5.l1", "--set", "threads=99"} << 2 << "out of range";
        QTest::newRow("not a number") << QStringList{"run", "m5.l1", "--set", "threads=many"} << 2 << "needs a";
        QTest::newRow("bad speed") << QStringList{"run", "m5.l1", "--speed", "5"} << 2 << "--speed";
        QTest::newRow("unwritable path") << QStringList{"run",      "m5.l1",   "--set",
                                                        "cs_ms=10", "--trace", "/nonexistent-dir/x.json"}
                                         << 3 << "/nonexistent-dir";
        QTest::newRow("missing trace") << QStringList{"check", "/nonexistent-dir/none.json"} << 3 << "cannot open";
        QTest::newRow("render without output") << QStringList{"render", "x.json"} << 2 << "--png";
        QTest::newRow("sweep: unknown parameter")
            << QStringList{"sweep", "m2.l9", "--param", "cores=1..4"} << 2 << "valid parameters:";
        QTest::newRow("sweep: empty range") << QStringList{"sweep", "m2.l9", "--param", "workers=4..1"} << 2 << "empty";
        QTest::newRow("sweep: numeric range of a choice")
            << QStringList{"sweep", "m2.l9", "--param", "workload=1..2"} << 2 << "io,cpu";
        QTest::newRow("sweep: unknown choice")
            << QStringList{"sweep", "m2.l9", "--param", "workload=gpu"} << 2 << "io|cpu";
        QTest::newRow("sweep: bad --gil")
            << QStringList{"sweep", "m2.l9", "--param", "workers=1..2", "--gil", "x"} << 2 << "on, off or both";
    }
    void errors()
    {
        QFETCH(QStringList, args);
        QFETCH(int, code);
        QFETCH(QString, message);
        const Result r = cli(args);
        QCOMPARE(r.code, code);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
    }

    // Every output of `run` and `render` checked: a full device or a full disk is exit code 3
    // with the path and the reason on stderr, and nothing half-written is left behind.
    void fullOutputsAreExitCode3_data()
    {
        QTest::addColumn<bool>("tmpfs");
        QTest::newRow("/dev/full") << false;
        QTest::newRow("full tmpfs") << true;
    }
    void fullOutputsAreExitCode3()
    {
        QFETCH(bool, tmpfs);
        tl::test::SmallTmpfs disk;
        auto out = [&](const char* name) { return tmpfs ? disk.filePath(name) : QStringLiteral("/dev/full"); };
        if (tmpfs) {
            if (!disk.mounted())
                QSKIP(qPrintable(disk.skipReason()));
            QVERIFY(disk.fill());
        } else if (!QFileInfo::exists("/dev/full")) {
            QSKIP("this system has no /dev/full");
        }
        const QString noSpace = QString::fromLocal8Bit(std::strerror(ENOSPC));
        const QStringList kinds{"trace", "csv", "png", "svg", "pdf"};
        QStringList args{"run", "m1.l1", "--quiet", "--time-scale", "0.1"};
        for (const QString& k : kinds)
            args << "--" + k << out(qPrintable("run." + k));
        const Result r = cli(args);
        QCOMPARE(r.code, 3);
        for (const QString& k : kinds)
            QVERIFY2(r.err.contains(out(qPrintable("run." + k)) + ": " + noSpace), qPrintable(k + ": " + r.err));
        QCOMPARE(r.err.count(": " + noSpace), kinds.size());  // one line per output
        QVERIFY2(!r.out.contains("finished"), qPrintable(r.out));  // --quiet: no summary that looks like success

        // render, from a good trace elsewhere.
        QTemporaryDir dir;
        const QString trace = dir.filePath("run.json");
        QCOMPARE(cli({"run", "m1.l1", "--quiet", "--time-scale", "0.1", "--trace", trace}).code, 0);
        const Result rr = cli({"render", trace, "--png", out("r.png"), "--svg", out("r.svg"), "--pdf", out("r.pdf")});
        QCOMPARE(rr.code, 3);
        for (const char* k : {"r.png", "r.svg", "r.pdf"})
            QVERIFY2(rr.err.contains(out(k) + ": " + noSpace), qPrintable(rr.err));
        QCOMPARE(rr.err.count(": " + noSpace), 3);
        const Result cr = cli({"render", trace, "--compare", trace, "--png", out("c.png")});
        QCOMPARE(cr.code, 3);
        QVERIFY2(cr.err.contains(out("c.png") + ": " + noSpace), qPrintable(cr.err));
        // The window's --screenshot as well (a window process, offscreen under ctest).
        const Result shot = cli({"-l", "m1.l1", "--lang", "en", "--screenshot", out("shot.png")});
        QCOMPARE(shot.code, 3);
        QVERIFY2(shot.err.contains(out("shot.png") + ": " + noSpace), qPrintable(shot.err));
        if (tmpfs)
            QCOMPARE(disk.entries(), QStringList{"filler"});
        // Standard output is checked as well.
        const Result list = [&] {
            QProcess p;
            p.setStandardOutputFile("/dev/full");
            p.start(qEnvironmentVariable("THREADLENS_BINARY"), {"list", "--json"});
            p.waitForFinished(60000);
            return Result{p.exitCode(), {}, QString::fromUtf8(p.readAllStandardError())};
        }();
        if (!tmpfs) {
            QCOMPARE(list.code, 3);
            QVERIFY2(list.err.contains("standard output"), qPrintable(list.err));
        }
    }

    void windowScreenshotIsWritten()
    {
        QTemporaryDir dir;
        const QString shot = dir.filePath("shot.png");
        const Result r = cli({"-l", "m1.l1", "--lang", "en", "--screenshot", shot});
        QCOMPARE(r.code, 0);
        QImage image;
        QVERIFY(image.load(shot, "PNG"));
        QVERIFY(image.width() > 100 && image.height() > 100);
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList{"shot.png"});  // no temporary left
    }

    void corruptTraceIsAClearError()
    {
        QTemporaryDir dir;
        QFile f(dir.filePath("bad.json"));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{\"traceEvents\":[{\"ph\":\"X\",\"ts\":1,");
        f.close();
        const Result r = cli({"check", f.fileName()});
        QCOMPARE(r.code, 3);
        QVERIFY(r.err.contains("cannot open"));
    }

    void checkReportsViolationsOnePerLine()
    {
        // The contract's example, edited so that the second cook takes the oven while the first
        // still holds it (and its wait ends after its hold began).
        QFile example(qEnvironmentVariable("THREADLENS_SOURCE_DIR") + "/tests/model/data/lock-handoff.json");
        QVERIFY(example.open(QIODevice::ReadOnly));
        QByteArray text = example.readAll();
        QVERIFY(text.contains("\"id\":\"0x2\",\"pid\":1,\"tid\":2,\"ts\":100.500"));
        text.replace("\"id\":\"0x2\",\"pid\":1,\"tid\":2,\"ts\":100.500",
                     "\"id\":\"0x2\",\"pid\":1,\"tid\":2,\"ts\":50.000");
        QTemporaryDir dir;
        QFile broken(dir.filePath("broken.json"));
        QVERIFY(broken.open(QIODevice::WriteOnly));
        broken.write(text);
        broken.close();
        const Result ok = cli({"check", example.fileName()});
        QCOMPARE(ok.code, 0);
        const Result r = cli({"check", broken.fileName()});
        QCOMPARE(r.code, 4);
        QVERIFY2(r.out.contains("oven"), qPrintable(r.out));
        QVERIFY(r.err.contains("violation"));
    }

    void sweepWritesItsCsvAndChart()
    {
        QTemporaryDir dir;
        const QString csv = dir.filePath("s.csv"), png = dir.filePath("s.png"), svg = dir.filePath("s.svg");
        const Result r = cli({"sweep", "m2.l9", "--param", "workers=1..2", "--set", "tasks=2", "--set", "task_ms=10",
                              "--repeat", "2", "--gil", "both", "--csv", csv, "--png", png, "--svg", svg});
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.contains("workers=2 · GIL off: wall") && r.out.contains("sweep overhead"), qPrintable(r.out));
        QFile f(csv);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QStringList lines = QString::fromUtf8(f.readAll()).split('\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 1 + 2 * 2 * 2);
        QVERIFY(lines[0].startsWith("workers,gil,repetition,status,wall_ms,cpu_ms,speedup,"));
        QVERIFY2(lines[1].startsWith("1,on,1,finished,"), qPrintable(lines[1]));
        QVERIFY2(lines[8].startsWith("2,off,2,finished,"), qPrintable(lines[8]));
        const QImage chart(png);
        QCOMPARE(chart.size(), QSize(1000, 720));
        QVERIFY(QFileInfo(svg).size() > 1000);
        QVERIFY(cli({"--help"}).out.contains("  sweep <id>"));
    }

    void timeoutAbortsALongRun()
    {
        const Result r = cli({"run", "m1.l1", "--set", "task_ms=5000", "--set", "mode=sequential", "--timeout", "0.5"});
        QCOMPARE(r.code, 5);
        QVERIFY(r.err.contains("--timeout"));
    }
};

QTEST_MAIN(TestCli)
#include "tst_cli.moc"
