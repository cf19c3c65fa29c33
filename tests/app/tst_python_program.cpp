// SPDX-License-Identifier: MIT
// The Python pane shows the program that ran: for the current parameters, without the test
// harness, runnable as shown (python3 runs it for the defaults and the extremes).
#include "app/window/explanation_pane.h"
#include "app/window/python_program.h"
#include "scenarios/scenario.h"

#include <QFile>
#include <QPlainTextEdit>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using namespace tl;

namespace {

QString resource(const Scenario& s)
{
    QFile f(QStringLiteral(":/lessons/%1.py").arg(QString::fromStdString(s.id)));
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

// Runs `program` with python3; returns "" when it exits 0, else what went wrong.
QString runPython(const QString& program, const QString& name)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(name + QStringLiteral(".py"));
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(program.toUtf8()) < 0)
        return QStringLiteral("cannot write ") + path;
    f.close();
    QProcess p;
    p.setWorkingDirectory(dir.path());
    p.start(QStringLiteral("python3"), {path});
    if (!p.waitForFinished(300'000)) {
        p.kill();
        p.waitForFinished();
        return name + QStringLiteral(": did not finish");
    }
    if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
        return name + QStringLiteral(": exit ") + QString::number(p.exitCode()) + QStringLiteral("\n") +
               QString::fromUtf8(p.readAllStandardError().right(2000));
    return {};
}

// Parameter sets worth running: the defaults, then each parameter at its minimum and, for
// counts and choices (not durations: the program really waits), its maximum.
std::vector<std::pair<QString, ParamValues>> settings(const Scenario& s)
{
    std::vector<std::pair<QString, ParamValues>> out{{QStringLiteral("defaults"), s.defaults()}};
    for (const Param& p : s.params) {
        const bool duration = p.unit == "ms" || p.unit == "s";
        for (double v : {p.min, p.max}) {
            if (v == p.def || (duration && v == p.max))
                continue;
            ParamValues values = s.defaults();
            values.setNumber(p.name, v);
            out.emplace_back(QString::fromStdString(p.name) + QLatin1Char('=') + QString::number(v), values);
        }
    }
    return out;
}

}  // namespace

class TestPythonProgram : public QObject {
    Q_OBJECT
private slots:
    void noHarnessAndKnownMarkers()
    {
        int shown = 0;
        for (const Scenario& s : Registry::instance().all()) {
            const QString source = resource(s);
            if (source.isEmpty())
                continue;
            ++shown;
            const QString id = QString::fromStdString(s.id);
            const QString program = shownProgram(source, s.defaults());
            QVERIFY2(!program.contains(QStringLiteral("THREADLENS_QUICK")), qPrintable(id));
            QVERIFY2(!QRegularExpression(QStringLiteral(R"(\bQUICK\b)")).match(program).hasMatch(), qPrintable(id));
            QVERIFY2(!program.contains(QStringLiteral("# [")), qPrintable(id + ": a marker is left"));
            if (!program.contains(QStringLiteral("os.")))
                QVERIFY2(!program.contains(QStringLiteral("import os\n")), qPrintable(id));
            for (const QString& name : programParameters(source))
                QVERIFY2(s.defaults().find(name.toStdString()), qPrintable(id + ": no parameter " + name));
        }
        QVERIFY(shown >= 70);
    }

    void constantsFollowTheParameters()
    {
        const Scenario* s = Registry::instance().find("m1.l1");
        QVERIFY(s);
        ParamValues v = s->defaults();
        v.set("tasks", "7");
        v.set("task_ms", "250");
        v.set("mode", "sequential");
        const QString program = shownProgram(resource(*s), v);
        QVERIFY(program.contains(QStringLiteral("\nTASKS = 7")));
        QVERIFY(program.contains(QStringLiteral("\nTASK_S = 0.25   # each task waits")));
        QVERIFY(program.contains(QStringLiteral("\nMODE = \"sequential\"")));
        const Scenario* s2 = Registry::instance().find("m1.l2");
        QVERIFY(s2);
        ParamValues v2 = s2->defaults();
        v2.set("threads", "8");
        QVERIFY(shownProgram(resource(*s2), v2).contains(QStringLiteral("\nTHREADS = 8")));
    }

    void paneShowsTheProgramForTheParameters()
    {
        const Scenario* s = Registry::instance().find("m1.l1");
        ExplanationPane pane;
        pane.setScenario(s);
        QVERIFY(pane.code()->toPlainText().contains(QStringLiteral("\nTASKS = 4")));
        ParamValues v = s->defaults();
        v.set("tasks", "12");
        pane.setParams(v);
        QVERIFY(pane.code()->toPlainText().contains(QStringLiteral("\nTASKS = 12")));
        QCOMPARE(pane.program(), shownProgram(resource(*s), v) + QLatin1Char('\n'));
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("m1_l1.py"));
        QVERIFY(pane.saveProgram(path));
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(QString::fromUtf8(f.readAll()), pane.program());
        QVERIFY(!pane.saveProgram(dir.filePath(QStringLiteral("no/such/dir/x.py"))));
    }

    // The programs whose constants follow parameters run as shown, for defaults and extremes.
    void shownProgramsRun()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("python3")).isEmpty())
            QSKIP("python3 is not installed");
        for (const Scenario& s : Registry::instance().all()) {
            const QString source = resource(s);
            if (source.isEmpty() || programParameters(source).isEmpty())
                continue;
            for (const auto& [name, values] : settings(s)) {
                const QString err =
                    runPython(shownProgram(source, values), QString::fromStdString(s.id).replace(u'.', u'_'));
                QVERIFY2(err.isEmpty(), qPrintable(QString::fromStdString(s.id) + " " + name + ": " + err));
            }
        }
    }
};

QTEST_MAIN(TestPythonProgram)
#include "tst_python_program.moc"
