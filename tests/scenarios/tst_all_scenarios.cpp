// SPDX-License-Identifier: MIT
// The scenario harness: every registered scenario at its defaults (with either GIL setting), at
// all-min, at all-max, with each boolean (bug toggle) flipped and each other choice value alone,
// at a short timeScale; each run under a time limit, checked with Trace::checkInvariants() and
// the scenario's own check().
// Also: every lesson has its two resources, and every resources/lessons/*.py exits 0 with python3.
#include "scenarios/runner.h"
#include "scenarios/scenario.h"
#include "scenario_test_util.h"

#include <QDebug>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTest>

#include <algorithm>
#include <sstream>

using namespace tl;

namespace {

constexpr double kTimeScale = 0.05;  // scenario durations × 0.05: a 5 s lesson runs in 250 ms
constexpr double kRunLimitMs = tltest::kHangGuardMs;

QString sourceDir() { return qEnvironmentVariable("THREADLENS_SOURCE_DIR"); }

// "defaults", "all-min", "all-max", "toggle:<bool param>", "choice:<param>=<value>".
ParamValues valuesFor(const Scenario& s, const QString& variant)
{
    ParamValues v = s.defaults();
    if (variant == "all-min" || variant == "all-max") {
        const bool max = variant == "all-max";
        for (const Param& p : s.params)
            v.setNumber(p.name, max ? p.max : p.min);
    } else if (variant.startsWith("toggle:")) {
        const std::string name = variant.mid(7).toStdString();
        v.setNumber(name, v.b(name) ? 0 : 1);
    } else if (variant.startsWith("choice:")) {
        const QString rest = variant.mid(7);
        const int eq = rest.indexOf('=');
        v.set(rest.left(eq).toStdString(), rest.mid(eq + 1).toStdString());
    }
    return v;
}

std::string describe(const ParamValues& v)
{
    std::ostringstream os;
    bool first = true;
    for (const auto& [k, val] : v.display()) {
        os << (first ? "" : ", ") << k << "=" << val;
        first = false;
    }
    return os.str();
}

}  // namespace

class TestAllScenarios : public QObject {
    Q_OBJECT

private slots:
    void registryIsSane()
    {
        const auto& all = Registry::instance().all();
        QVERIFY2(!all.empty(), "no scenario registered");
        // The lesson tree lists them as the registry holds them: in the syllabus's order.
        for (size_t i = 1; i < all.size(); ++i)
            QVERIFY2(std::pair(all[i - 1].module, all[i - 1].lesson) < std::pair(all[i].module, all[i].lesson),
                     qPrintable(QString::fromStdString(all[i - 1].id + " listed before " + all[i].id)));
        for (const Scenario& s : all) {
            const QByteArray id = QByteArray::fromStdString(s.id);
            QVERIFY2(Registry::instance().find(s.id) == &s, id + ": duplicate id");
            QVERIFY2(s.run && s.check, id + ": run() and check() are required");
            QVERIFY2(!s.title.empty() && !s.titleRu.empty() && !s.summary.empty(),
                     id + ": title, titleRu, summary required");
            // Catalog codes (AP10, G5) and markdown backticks stay in the code and docs.
            static const QRegularExpression code(QStringLiteral(R"(\b(AP|G)[0-9]+\b|`)"));
            auto plain = [&](const std::string& text) {
                const auto m = code.match(QString::fromStdString(text));
                QVERIFY2(!m.hasMatch(),
                         qPrintable(QString::fromStdString(s.id + ": \"" + text + "\" shows a code to the learner")));
            };
            plain(s.title);
            plain(s.summary);
            for (const Param& p : s.params) {
                plain(p.label);
                plain(p.help);
                QVERIFY2(p.min <= p.def && p.def <= p.max,
                         id + ": default of " + QByteArray::fromStdString(p.name) + " outside [min, max]");
                if (p.type == Param::Type::Choice)
                    QVERIFY2(p.max == double(p.choices.size() - 1), id + ": choice range != choices");
            }
        }
    }

    void runs_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<QString>("variant");
        // THREADLENS_SCENARIOS="m1.,m2.l4" limits the rows to ids starting with one of the prefixes.
        const QStringList only = qEnvironmentVariable("THREADLENS_SCENARIOS").split(',', Qt::SkipEmptyParts);
        for (const Scenario& s : Registry::instance().all()) {
            const QString id = QString::fromStdString(s.id);
            if (!only.isEmpty() &&
                std::none_of(only.begin(), only.end(), [&](const QString& p) { return id.startsWith(p); }))
                continue;
            // "other-gil": the defaults with the run's GIL option flipped (the window offers both).
            QStringList variants{"defaults", "other-gil", "all-min", "all-max"};
            for (const Param& p : s.params) {
                if (p.type == Param::Type::Bool)
                    variants << "toggle:" + QString::fromStdString(p.name);
                if (p.type == Param::Type::Choice)  // every other choice value, alone
                    for (size_t c = 0; c < p.choices.size(); ++c)
                        if (double(c) != p.def)
                            variants << "choice:" + QString::fromStdString(p.name) + "=" +
                                            QString::fromStdString(p.choices[c]);
            }
            variants.removeDuplicates();
            for (const QString& v : variants)
                QTest::newRow(qPrintable(id + " " + v)) << id << v;
        }
    }

    void runs()
    {
        QFETCH(QString, id);
        QFETCH(QString, variant);
        const Scenario* s = Registry::instance().find(id.toStdString());
        QVERIFY(s);
        const ParamValues values = valuesFor(*s, variant);
        const std::string what = s->id + " [" + variant.toStdString() + ": " + describe(values) + "]";
        RunOptions options;
        options.timeScale = kTimeScale;
        options.gil = variant == "other-gil" ? !s->defaultGil : s->defaultGil;
        QElapsedTimer clock;
        clock.start();
        const Trace trace = runScenario(*s, values, options, kRunLimitMs);
        if (clock.elapsed() > 5000)  // extremes should stay within ~20 s; say which ones are slow
            qInfo("%s took %.1f s", what.c_str(), clock.elapsed() / 1000.0);

        if (trace.result.status == "aborted")
            QFAIL(qPrintable(QString::fromStdString(what + " did not finish within " +
                                                    std::to_string(int(kRunLimitMs / 1000)) + " s (" +
                                                    trace.result.message + ")")));
        // A deadlock is a legitimate outcome only when a bug toggle or a buggy choice asks for it
        // (the scenario's check() then says whether that deadlock is the lesson's).
        const bool bugOn = variant.startsWith("toggle:") || variant.startsWith("choice:") || variant == "all-max";
        QVERIFY2(trace.result.status == "finished" || (bugOn && trace.result.status == "deadlock"),
                 qPrintable(QString::fromStdString(what + " ended with status " + trace.result.status + ": " +
                                                   trace.result.message)));

        // Every lesson states its result (the Result line of Statistics, the timeline and the CLI).
        QVERIFY2(!trace.result.lesson.empty(), qPrintable(QString::fromStdString(what + ": no Result line")));
        QVERIFY2(trace.result.lessonAt <= trace.duration(),
                 qPrintable(QString::fromStdString(what + ": Result after the run's end")));

        std::vector<std::string> problems;
        for (auto& p : trace.checkInvariants())
            problems.push_back("trace: " + p);
        for (auto& p : s->check(trace, values))
            problems.push_back("check: " + p);
        if (!problems.empty()) {
            // The first violation on the first line: some report formats keep only that line.
            std::string msg = what + ": " + std::to_string(problems.size()) + " violation(s): " + problems[0];
            for (size_t i = 0; i < problems.size() && i < 12; ++i)
                msg += "\n    " + problems[i];
            QFAIL(qPrintable(QString::fromStdString(msg)));
        }
    }

    void resources_data()
    {
        QTest::addColumn<QString>("id");
        for (const Scenario& s : Registry::instance().all())
            QTest::newRow(s.id.c_str()) << QString::fromStdString(s.id);
    }

    // Each lesson ships its explanation (8–25 lines) and its Python program.
    void resources()
    {
        QFETCH(QString, id);
        QVERIFY2(!sourceDir().isEmpty(), "THREADLENS_SOURCE_DIR is not set (CTest sets it)");
        const QString base = sourceDir() + "/resources/lessons/" + id;
        QFile md(base + ".md");
        QVERIFY2(md.open(QIODevice::ReadOnly), qPrintable(base + ".md is missing"));
        const int lines = QString::fromUtf8(md.readAll()).trimmed().count('\n') + 1;
        QVERIFY2(lines >= 8 && lines <= 25,
                 qPrintable(QString("%1.md has %2 lines (8–25 expected)").arg(id).arg(lines)));
        QVERIFY2(QFileInfo::exists(base + ".py"), qPrintable(base + ".py is missing"));
    }

    void python_data()
    {
        QTest::addColumn<QString>("path");
        const QDir dir(sourceDir() + "/resources/lessons");
        const auto files = dir.entryInfoList({"*.py"}, QDir::Files, QDir::Name);
        if (sourceDir().isEmpty() || files.isEmpty())
            QTest::newRow("no-source-dir") << QString();
        for (const QFileInfo& f : files)
            QTest::newRow(qPrintable(f.fileName())) << f.absoluteFilePath();
    }

    // Every lesson's Python program runs with plain python3 and exits 0.
    void python()
    {
        QFETCH(QString, path);
        QVERIFY2(!path.isEmpty(), "no resources/lessons/*.py found (is THREADLENS_SOURCE_DIR set?)");
        const QString python = QStandardPaths::findExecutable("python3");
        QVERIFY2(!python.isEmpty(), "python3 not found on PATH");
        QProcess proc;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("THREADLENS_QUICK", "1");
        env.insert("PYTHONDONTWRITEBYTECODE", "1");
        proc.setProcessEnvironment(env);
        proc.setWorkingDirectory(QDir::tempPath());
        proc.start(python, {path});
        QVERIFY2(proc.waitForStarted(10000), qPrintable("cannot start python3 for " + path));
        if (!proc.waitForFinished(60000)) {
            proc.kill();
            proc.waitForFinished();
            QFAIL(qPrintable(path + " did not finish within 60 s"));
        }
        const QString err = QString::fromUtf8(proc.readAllStandardError()).right(1500);
        QVERIFY2(proc.exitStatus() == QProcess::NormalExit && proc.exitCode() == 0,
                 qPrintable(QString("%1 exited with %2\n%3").arg(path).arg(proc.exitCode()).arg(err)));
        QVERIFY2(!proc.readAllStandardOutput().trimmed().isEmpty(), qPrintable(path + " printed nothing"));
    }
};

QTEST_GUILESS_MAIN(TestAllScenarios)
#include "tst_all_scenarios.moc"
