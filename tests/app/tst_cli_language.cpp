// SPDX-License-Identifier: MIT
// The command line speaks the locale's language (LANG=ru_RU.UTF-8: Russian) unless --lang says
// otherwise: --help, describe and a run's error, as a user runs them.
#include <QProcess>
#include <QRegularExpression>
#include <QtTest>

namespace {

struct Result {
    int code = -1;
    QString out, err;
};

Result cli(const QStringList& args, const QString& lang)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("LANG"), lang);
    env.remove(QStringLiteral("LC_ALL"));
    env.remove(QStringLiteral("LC_MESSAGES"));
    env.remove(QStringLiteral("LANGUAGE"));
    p.setProcessEnvironment(env);
    p.start(qEnvironmentVariable("THREADLENS_BINARY"), args);
    if (!p.waitForFinished(120000)) {
        p.kill();
        p.waitForFinished();
        return {};
    }
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

const QString kRu = QStringLiteral("ru_RU.UTF-8");
bool cyrillic(const QString& s) { return s.contains(QRegularExpression(QStringLiteral("[а-яА-Я]{4}"))); }

}  // namespace

class TestCliLanguage : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(qEnvironmentVariable("THREADLENS_BINARY")), "THREADLENS_BINARY not set");
    }

    void helpFollowsTheLocaleAndLang()
    {
        const Result ru = cli({QStringLiteral("--help")}, kRu);
        QCOMPARE(ru.code, 0);
        QVERIFY2(ru.out.contains(QStringLiteral("команды:")), qPrintable(ru.out));
        QVERIFY(!ru.out.contains(QStringLiteral("commands:")));
        const Result en = cli({QStringLiteral("--lang"), QStringLiteral("en"), QStringLiteral("--help")}, kRu);
        QCOMPARE(en.code, 0);
        QVERIFY(en.out.contains(QStringLiteral("commands:")));
        QVERIFY(!cyrillic(en.out));
        // The same English as with an English locale, and --lang ru wins over it.
        QCOMPARE(cli({QStringLiteral("--help")}, QStringLiteral("C.UTF-8")).out, en.out);
        QCOMPARE(cli({QStringLiteral("--help"), QStringLiteral("--lang=ru")}, QStringLiteral("C.UTF-8")).out, ru.out);
    }

    void describeInRussian()
    {
        const Result ru = cli({QStringLiteral("describe"), QStringLiteral("m5.l1")}, kRu);
        QCOMPARE(ru.code, 0);
        // The Russian title first, the parameters by their Russian labels, the Russian text.
        QVERIFY2(ru.out.startsWith(QStringLiteral("m5.l1: Блокировка")), qPrintable(ru.out.left(200)));
        QVERIFY(ru.out.contains(QStringLiteral("Параметры (--set имя=значение):")));
        QVERIFY(ru.out.contains(QStringLiteral("Повара (потоки)")));
        QVERIFY(ru.out.contains(QStringLiteral(" мс, по умолчанию ")));
        const Result en = cli(
            {QStringLiteral("--lang"), QStringLiteral("en"), QStringLiteral("describe"), QStringLiteral("m5.l1")}, kRu);
        QCOMPARE(en.code, 0);
        QVERIFY(en.out.startsWith(QStringLiteral("m5.l1: Lock (")));
        QVERIFY(en.out.contains(QStringLiteral("Parameters (--set name=value):")));
        QVERIFY(en.out.contains(QStringLiteral("Cooks (threads)")));
    }

    void runErrorsInRussian()
    {
        const QStringList bad{QStringLiteral("run"), QStringLiteral("m5.l1"), QStringLiteral("--set"),
                              QStringLiteral("nosuch=1")};
        const Result ru = cli(bad, kRu);
        QCOMPARE(ru.code, 2);
        QVERIFY2(ru.err.contains(QStringLiteral("неизвестный параметр «nosuch»")), qPrintable(ru.err));
        QVERIFY(ru.err.contains(QStringLiteral("threads (")));  // the names stay as --set takes them
        const Result en = cli(QStringList{QStringLiteral("--lang"), QStringLiteral("en")} + bad, kRu);
        QCOMPARE(en.code, 2);
        QVERIFY(en.err.contains(QStringLiteral("unknown parameter 'nosuch'")));
        QVERIFY(!cyrillic(en.err));
        const Result unknown = cli({QStringLiteral("run"), QStringLiteral("m5.l99")}, kRu);
        QCOMPARE(unknown.code, 2);
        QVERIFY2(unknown.err.contains(QStringLiteral("неизвестный урок «m5.l99»")), qPrintable(unknown.err));
        const Result lang = cli({QStringLiteral("--lang"), QStringLiteral("fr"), QStringLiteral("list")}, kRu);
        QCOMPARE(lang.code, 2);
        QVERIFY(lang.err.contains(QStringLiteral("--lang")));
    }

    void traceErrorsInRussian()
    {
        // The Python tracer's refusal, before any interpreter starts.
        const QString missing = QStringLiteral("/nonexistent/bank.py");
        const Result ru = cli({QStringLiteral("trace"), missing}, kRu);
        QCOMPARE(ru.code, 3);
        QVERIFY2(ru.err.contains(missing + QStringLiteral(": нет такого файла")), qPrintable(ru.err));
        const Result en = cli({QStringLiteral("--lang"), QStringLiteral("en"), QStringLiteral("trace"), missing}, kRu);
        QCOMPARE(en.code, 3);
        QVERIFY2(en.err.contains(missing + QStringLiteral(": no such file")), qPrintable(en.err));
        QVERIFY(!cyrillic(en.err));
        const Result usage = cli({QStringLiteral("trace")}, kRu);
        QCOMPARE(usage.code, 2);
        QVERIFY2(cyrillic(usage.err) && !usage.err.contains(QStringLiteral("needs")), qPrintable(usage.err));
    }

    void deadlockSummaryInRussian()
    {
        // A plain Lock re-acquired by its holder: the detector reports the cycle, said in Russian.
        const QStringList run{QStringLiteral("run"),   QStringLiteral("m5.l2"),
                              QStringLiteral("--set"), QStringLiteral("lock_type=Lock"),
                              QStringLiteral("--set"), QStringLiteral("threads=1")};
        const Result ru = cli(run, kRu);
        QCOMPARE(ru.code, 1);
        QVERIFY2(ru.out.contains(QStringLiteral("взаимная блокировка (взаимная блокировка: ")), qPrintable(ru.out));
        QVERIFY2(ru.out.contains(QStringLiteral(" ждёт account (держит ")), qPrintable(ru.out));
        QVERIFY2(!ru.out.contains(QStringLiteral("waits for")) && !ru.out.contains(QStringLiteral("held by")),
                 qPrintable(ru.out));
        const Result en = cli(QStringList{QStringLiteral("--lang"), QStringLiteral("en")} + run, kRu);
        QCOMPARE(en.code, 1);
        QVERIFY2(en.out.contains(QStringLiteral("deadlock (deadlock: ")) &&
                     en.out.contains(QStringLiteral(" waits for account held by ")),
                 qPrintable(en.out));
    }

    void resultLinesInRussian()
    {
        // A lesson without a result of its own: the program's last line, said to be its output
        // (the words stay as the program printed them).
        const QStringList printed{QStringLiteral("run"), QStringLiteral("m6.l2"), QStringLiteral("--time-scale"),
                                  QStringLiteral("0.1")};
        const Result ru = cli(printed, kRu);
        QCOMPARE(ru.code, 0);
        QVERIFY2(ru.out.contains(QStringLiteral("Итог: Программа вывела: total=")), qPrintable(ru.out));
        const Result en = cli(QStringList{QStringLiteral("--lang"), QStringLiteral("en")} + printed, kRu);
        QVERIFY2(en.out.contains(QStringLiteral("Result: The program printed: total=")), qPrintable(en.out));
        // A process pool's lesson: how its tasks spread over the worker processes, counted from the trace.
        const QStringList pool{QStringLiteral("run"),     QStringLiteral("m9.l1"),    QStringLiteral("--set"),
                               QStringLiteral("tasks=6"), QStringLiteral("--set"),    QStringLiteral("processes=2"),
                               QStringLiteral("--set"),   QStringLiteral("cpu_ms=10")};
        const Result p = cli(pool, kRu);
        QCOMPARE(p.code, 0);
        // (Which of the 2 processes ran how many depends on the machine: only the total is fixed.)
        QVERIFY2(p.out.contains(QStringLiteral("Итог: Задач: 6; рабочих процессов, выполнивших их: ")),
                 qPrintable(p.out));
        QVERIFY(p.out.contains(QStringLiteral("; больше всего задач в одном процессе: ")));
    }
};

QTEST_GUILESS_MAIN(TestCliLanguage)
#include "tst_cli_language.moc"
