// SPDX-License-Identifier: MIT
// The Python pane shows the program that ran: for the current parameters, without the test
// harness, runnable as shown (python3 runs it for the defaults and the extremes).
#include "app/i18n/language.h"
#include "app/i18n/python_comments.h"
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

// Debian's interpreter first: a version manager's shim on PATH costs a second per start.
QString python()
{
    const QString system = QStandardPaths::findExecutable(QStringLiteral("python3"), {QStringLiteral("/usr/bin")});
    return system.isEmpty() ? QStandardPaths::findExecutable(QStringLiteral("python3")) : system;
}

// Runs the programs (name -> text) with python3, a few at a time (they mostly wait); returns
// "" when every one exits 0, else what went wrong.
QString runPython(const std::vector<std::pair<QString, QString>>& programs)
{
    QTemporaryDir dir;
    QString errors;
    std::vector<std::pair<QString, std::unique_ptr<QProcess>>> running;
    auto finish = [&](std::pair<QString, std::unique_ptr<QProcess>>& r) {
        QProcess& p = *r.second;
        if (!p.waitForFinished(300'000)) {
            p.kill();
            p.waitForFinished();
            errors += r.first + QStringLiteral(": did not finish\n");
        } else if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
            errors += r.first + QStringLiteral(": exit ") + QString::number(p.exitCode()) + QStringLiteral("\n") +
                      QString::fromUtf8(p.readAllStandardError().right(2000)) + QStringLiteral("\n");
        }
    };
    for (const auto& [name, program] : programs) {
        const QString path = dir.filePath(name + QStringLiteral(".py"));
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly) || f.write(program.toUtf8()) < 0)
            return QStringLiteral("cannot write ") + path;
        f.close();
        if (running.size() == 4) {
            finish(running.front());
            running.erase(running.begin());
        }
        auto p = std::make_unique<QProcess>();
        p->setWorkingDirectory(dir.path());
        p->setStandardOutputFile(QProcess::nullDevice());  // unread output must never fill a pipe
        p->start(python(), {path});
        running.emplace_back(name, std::move(p));
    }
    for (auto& r : running)
        finish(r);
    return errors;
}

// A name usable as a file name for a lesson and a setting.
QString fileName(const Scenario& s, const QString& setting)
{
    QString name = QString::fromStdString(s.id) + QLatin1Char('_') + setting;
    for (QChar& c : name)
        if (!c.isLetterOrNumber())
            c = u'_';
    return name;
}

// The defaults, then each parameter at its minimum and at its maximum.
std::vector<std::pair<QString, ParamValues>> settings(const Scenario& s)
{
    std::vector<std::pair<QString, ParamValues>> out{{QStringLiteral("defaults"), s.defaults()}};
    for (const Param& p : s.params)
        for (double v : {p.min, p.max}) {
            if (v == p.def)
                continue;
            ParamValues values = s.defaults();
            values.setNumber(p.name, v);
            out.emplace_back(QString::fromStdString(p.name) + QLatin1Char('=') + QString::number(v), values);
        }
    return out;
}

// The defaults with every duration at its minimum: the shown program, run as it is, ends soon.
ParamValues quickest(const Scenario& s)
{
    ParamValues values = s.defaults();
    for (const Param& p : s.params)
        if (p.unit == "ms" || p.unit == "s")
            values.setNumber(p.name, p.min);
    return values;
}

// Compiles every file of `dir` with python3; returns what failed ("" when all compile).
QString compileAll(const QString& dir)
{
    static const char* const check = R"(
import pathlib, sys
bad = []
for p in sorted(pathlib.Path(sys.argv[1]).glob("*.py")):
    try:
        compile(p.read_text(encoding="utf-8"), p.name, "exec")
    except SyntaxError as e:
        bad.append(f"{p.name}: {e}")
print("\n".join(bad))
sys.exit(1 if bad else 0)
)";
    QProcess p;
    p.start(python(), {QStringLiteral("-c"), QString::fromLatin1(check), dir});
    if (!p.waitForFinished(300'000)) {
        p.kill();
        p.waitForFinished();
        return QStringLiteral("python3 did not finish compiling");
    }
    if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
        return QString::fromUtf8(p.readAllStandardOutput() + p.readAllStandardError()).right(4000);
    return {};
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

    // Every parameter of every lesson is a constant of its program, and the program shown for
    // the defaults and for each parameter's minimum and maximum carries the value and is Python.
    void everySettingIsShownAsValidPython()
    {
        if (python().isEmpty())
            QSKIP("python3 is not installed");
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        int files = 0;
        for (const Scenario& s : Registry::instance().all()) {
            const QString source = resource(s);
            if (source.isEmpty())
                continue;
            const QString id = QString::fromStdString(s.id);
            const QStringList marked = programParameters(source);
            for (const Param& p : s.params)
                QVERIFY2(marked.contains(QString::fromStdString(p.name)),
                         qPrintable(id + ": no constant follows " + QString::fromStdString(p.name)));
            const QString atDefaults = shownProgram(source, s.defaults());
            for (const auto& [name, values] : settings(s)) {
                const QString program = shownProgram(source, values);
                if (name != u"defaults")
                    QVERIFY2(program != atDefaults, qPrintable(id + " " + name + ": the program does not change"));
                const Param* p = values.find(name.section(u'=', 0, 0).toStdString());
                if (p && p->type == Param::Type::Choice)
                    QVERIFY2(program.contains(QLatin1Char('"') + QString::fromStdString(values.choice(p->name)) +
                                              QLatin1Char('"')),
                             qPrintable(id + " " + name));
                QFile f(dir.filePath(fileName(s, name) + QStringLiteral(".py")));
                QVERIFY(f.open(QIODevice::WriteOnly) && f.write(program.toUtf8()) >= 0);
                ++files;
            }
        }
        QVERIFY(files > 300);
        const QString err = compileAll(dir.path());
        QVERIFY2(err.isEmpty(), qPrintable(err));
    }

    // Every lesson's program runs as shown (no harness left to lean on), its durations at their
    // shortest so the run ends soon.
    void shownProgramsRun()
    {
        if (python().isEmpty())
            QSKIP("python3 is not installed");
        std::vector<std::pair<QString, QString>> programs;
        for (const Scenario& s : Registry::instance().all())
            if (const QString source = resource(s); !source.isEmpty())
                programs.emplace_back(fileName(s, QStringLiteral("quick")), shownProgram(source, quickest(s)));
        QVERIFY(programs.size() >= 70);
        const QString err = runPython(programs);
        QVERIFY2(err.isEmpty(), qPrintable(err));
    }

    // The comments and docstrings follow the UI language; the code does not. In English the
    // program says what its file says; in Russian every comment in words is Russian (its lines
    // may wrap differently) and the program is still Python.
    void commentsFollowTheLanguage()
    {
        if (python().isEmpty())
            QSKIP("python3 is not installed");
        QVERIFY(i18n::setLanguage(i18n::Language::English));
        std::vector<std::pair<QString, QString>> russian;  // lesson -> program
        auto words = [](const QString& unit) { return unit.simplified(); };
        for (const Scenario& s : Registry::instance().all()) {
            const QString source = resource(s);
            if (source.isEmpty())
                continue;
            const QString id = QString::fromStdString(s.id);
            QString error;
            const QStringList units = pythonCommentUnits(source, &error);
            QVERIFY2(error.isEmpty(), qPrintable(id + ": " + error));
            QCOMPARE(pythonCommentUnits(shownProgram(source, s.defaults())), units);
            QVERIFY(i18n::setLanguage(i18n::Language::Russian));
            const QString program = shownProgram(source, s.defaults());
            QVERIFY(i18n::setLanguage(i18n::Language::English));
            const QStringList shown = pythonCommentUnits(program);
            QCOMPARE(shown.size(), units.size());
            for (qsizetype i = 0; i < units.size(); ++i) {
                if (isCodeUnit(units[i]))
                    continue;
                QVERIFY2(words(shown[i]) != words(units[i]), qPrintable(id + ": English only: " + units[i]));
                QVERIFY2(!shown[i].contains(QRegularExpression(QStringLiteral("^[ -~]*$"))),
                         qPrintable(id + ": no Russian in: " + shown[i]));
            }
            russian.emplace_back(fileName(s, QStringLiteral("ru")), program);
        }
        QVERIFY(russian.size() >= 70);
        QTemporaryDir dir;
        for (const auto& [name, program] : russian) {
            QFile f(dir.filePath(name + QStringLiteral(".py")));
            QVERIFY(f.open(QIODevice::WriteOnly) && f.write(program.toUtf8()) >= 0);
        }
        const QString err = compileAll(dir.path());
        QVERIFY2(err.isEmpty(), qPrintable(err));
    }

    // A comment block's translation is wrapped at the block's width and indentation; code,
    // strings holding `#`, markers and untranslated units stay as they are.
    void translatingKeepsTheLayout()
    {
        const QString source = QStringLiteral("\"\"\"Doc.\"\"\"\n"
                                              "x = f\"#{1}\"   # one\n"
                                              "N = 4  # [n] two\n"
                                              "def f():\n"
                                              "    \"\"\"Inner.\"\"\"\n"
                                              "    # three\n"
                                              "    # four\n"
                                              "    return 1  # LOAD\n");
        QCOMPARE(pythonCommentUnits(source),
                 (QStringList{QStringLiteral("Doc."), QStringLiteral("one"), QStringLiteral("two"),
                              QStringLiteral("Inner."), QStringLiteral("three four"), QStringLiteral("LOAD")}));
        QVERIFY(isCodeUnit(QStringLiteral("LOAD")) && isCodeUnit(QStringLiteral("PENDING -> RUNNING")));
        QVERIFY(!isCodeUnit(QStringLiteral("the first set()")));
        QCOMPARE(translatePythonComments(source, [](const QString& u) { return u; }), source);
        const QString long_ = QStringLiteral("word ").repeated(30).trimmed();
        const QString out = translatePythonComments(source, [&](const QString& u) {
            return u == u"three four" ? long_ : u == u"LOAD" ? u : QStringLiteral("<") + u + QStringLiteral(">");
        });
        QStringList lines = out.split(u'\n');
        QCOMPARE(lines.takeLast(), QString());  // the source's last newline
        QCOMPARE(lines.mid(0, 5),
                 (QStringList{QStringLiteral("\"\"\"<Doc.>\"\"\""), QStringLiteral("x = f\"#{1}\"   # <one>"),
                              QStringLiteral("N = 4  # [n] <two>"), QStringLiteral("def f():"),
                              QStringLiteral("    \"\"\"<Inner.>\"\"\"")}));
        QCOMPARE(lines.last(), QStringLiteral("    return 1  # LOAD"));
        const QStringList block = lines.mid(5, lines.size() - 6);
        QVERIFY(block.size() >= 3);
        for (const QString& l : block)
            QVERIFY(l.startsWith(QStringLiteral("    # word")) && l.size() <= 60);
        QCOMPARE(pythonCommentUnits(out).at(4), long_);
    }

    // Catalog codes stay in the docs: the learner reads plain words.
    void noCatalogCodes()
    {
        static const QRegularExpression code(QStringLiteral(R"(\b(AP|G)[0-9]+\b)"));
        for (const Scenario& s : Registry::instance().all()) {
            const QString source = resource(s);
            const auto m = code.match(shownProgram(source, s.defaults()));
            QVERIFY2(!m.hasMatch(), qPrintable(QString::fromStdString(s.id) + ": " + m.captured()));
        }
    }
};

QTEST_MAIN(TestPythonProgram)
#include "tst_python_program.moc"
