// SPDX-License-Identifier: MIT
// The window and bad files, offscreen: opening (File ▸ Open or Compare with…) a foreign, truncated, empty,
// huge or binary file, valid JSON that is not a trace, a missing path or a directory shows a message that
// says what is wrong and keeps the current run; saving or exporting to a full device or a full disk says so
// and leaves nothing behind.
#include "app/window/main_window.h"
#include "tests/full_tmpfs.h"
#include "window_test_scenarios.h"

#include <QApplication>
#include <QMessageBox>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>

#include <cerrno>
#include <cstring>
#include <functional>

using namespace tl;

namespace {

// Runs `action`, answering the message box it opens; returns the box's text (empty: no box).
QString messageOf(const std::function<void()>& action)
{
    QString text;
    QTimer poll;
    poll.setInterval(10);
    QObject::connect(&poll, &QTimer::timeout, [&] {
        if (auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget())) {
            text = box->text();
            box->done(QMessageBox::Ok);
        }
    });
    poll.start();
    action();
    return text;
}

void writeFile(const QString& path, const QByteArray& bytes)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    QCOMPARE(f.write(bytes), bytes.size());
}

// 200,000 threads, one instant each: valid, but far more lanes than a timeline can show.
QByteArray hugeTrace()
{
    QByteArray s = "{\"traceEvents\":[";
    for (int tid = 1; tid <= 200000; ++tid) {
        if (tid > 1)
            s += ',';
        s += "{\"ph\":\"i\",\"name\":\"x\",\"pid\":1,\"tid\":" + QByteArray::number(tid) +
             ",\"ts\":" + QByteArray::number(tid) + "}";
    }
    return s + "]}";
}

}  // namespace

class TestWindowFiles : public QObject {
    Q_OBJECT

    static bool waitFinished(MainWindow& w)
    {
        QSignalSpy done(&w.controller(), &RunController::finished);
        return done.wait(60000);
    }

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void badFilesKeepTheCurrentRun_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("reason");  // a word of the message that says what is wrong
        QTest::newRow("foreign (HTML)") << QByteArray("<!DOCTYPE html><html><body>a page</body></html>")
                                        << "not a trace";
        QTest::newRow("foreign (CSV)") << QByteArray("kind,pid,tid,thread,start_ns\nstate,1,1,main,0\n")
                                       << "not a trace";
        QTest::newRow("truncated")
            << QByteArray("{\"traceEvents\":[{\"ph\":\"X\",\"name\":\"run\",\"pid\":1,\"tid\":1,\"ts\":1,")
            << "end of file";
        QTest::newRow("empty") << QByteArray() << "empty";
        QTest::newRow("binary") << QByteArray::fromHex(
                                       "89504e470d0a1a0a0000000d49484452000000100000001008060000001ff3ff61")
                                << "not a trace";
        QTest::newRow("valid JSON, not a trace")
            << QByteArray("{\"name\":\"package.json\",\"version\":\"1.0.0\"}") << "valid JSON, but not a trace";
        QTest::newRow("valid JSON array, not events") << QByteArray("[1, 2, 3]") << "trace event";
        QTest::newRow("a trace without threads") << QByteArray("{\"traceEvents\":[]}") << "nothing to show";
        QTest::newRow("huge (200k lanes)") << hugeTrace() << "too many threads";
    }
    void badFilesKeepTheCurrentRun()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, reason);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("input.json"));
        writeFile(path, bytes);
        refusedKeepingTheRun(path, {path, reason});
    }

    // Paths that cannot be read at all: the message names the path and the system's reason.
    void unreadablePathsKeepTheCurrentRun()
    {
        QTemporaryDir dir;
        const QString missing = dir.filePath(QStringLiteral("no-such-file.json"));
        refusedKeepingTheRun(missing, {missing, QString::fromLocal8Bit(std::strerror(ENOENT))});
        refusedKeepingTheRun(dir.path(), {dir.path(), QStringLiteral("cannot")});
    }

private:
    // File ▸ Open and File ▸ Compare with… `path`: each refuses it with a message containing every
    // word of `words`, and the run shown before stays, untouched and not pinned.
    static void refusedKeepingTheRun(const QString& path, const QStringList& words)
    {
        MainWindow::Options o;
        o.lesson = QStringLiteral("t1.l1");
        MainWindow w(test::testRegistry(), o);
        w.show();
        QVERIFY(waitFinished(w));
        const size_t lanes = w.controller().trace().lanes.size(), events = w.controller().trace().eventCount();
        const QString title = w.windowTitle();
        QVERIFY(lanes > 0);

        const std::pair<const char*, std::function<bool()>> ways[] = {
            {"open", [&] { return w.openTraceFile(path); }},
            {"compare with", [&] { return w.compareWith(path); }},
        };
        for (const auto& [way, attempt] : ways) {
            bool accepted = true;
            const QString message = messageOf([&] { accepted = attempt(); });
            QVERIFY2(!accepted, way);
            for (const QString& word : words)
                QVERIFY2(message.contains(word, Qt::CaseInsensitive), qPrintable(way + (": " + message)));
            QCOMPARE(w.controller().trace().lanes.size(), lanes);
            QCOMPARE(w.controller().trace().eventCount(), events);
            QCOMPARE(w.windowTitle(), title);
            QCOMPARE(w.currentLesson(), QStringLiteral("t1.l1"));
            QVERIFY2(!w.pinnedRun(), way);
        }
    }

private slots:
    // Saving the trace or the CSV to a full device or a full disk: a message with the path and the
    // reason, and no file (nor temporary file) left on the disk.
    void savesToAFullDiskSaySo_data()
    {
        QTest::addColumn<bool>("tmpfs");
        QTest::newRow("/dev/full") << false;
        QTest::newRow("full tmpfs") << true;
    }
    void savesToAFullDiskSaySo()
    {
        QFETCH(bool, tmpfs);
        test::SmallTmpfs disk;
        if (tmpfs) {
            if (!disk.mounted())
                QSKIP(qPrintable(disk.skipReason()));
            QVERIFY(disk.fill());
        } else if (!QFileInfo::exists(QStringLiteral("/dev/full"))) {
            QSKIP("this system has no /dev/full");
        }
        MainWindow::Options o;
        o.lesson = QStringLiteral("t1.l1");
        MainWindow w(test::testRegistry(), o);
        QVERIFY(waitFinished(w));
        const QString noSpace = QString::fromLocal8Bit(std::strerror(ENOSPC));
        for (const QString& name : {QStringLiteral("run.json"), QStringLiteral("run.csv")}) {
            const QString path = tmpfs ? disk.filePath(name) : QStringLiteral("/dev/full");
            bool saved = true;
            const QString message =
                messageOf([&] { saved = name.endsWith(".json") ? w.saveTraceFile(path) : w.exportCsv(path); });
            QVERIFY(!saved);
            QVERIFY2(message.contains(path) && message.contains(noSpace), qPrintable(message));
        }
        if (tmpfs)
            QCOMPARE(disk.entries(), QStringList{QStringLiteral("filler")});
    }

    // The settings file on a full disk: closing the window says the settings were not saved.
    void settingsOnAFullDiskSaySo()
    {
        test::SmallTmpfs disk;
        if (!disk.mounted())
            QSKIP(qPrintable(disk.skipReason()));
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, disk.filePath(QStringLiteral("config")));
        QVERIFY(disk.fill());
        MainWindow::Options o;
        o.lesson = QStringLiteral("t1.l1");
        o.autoRun = false;
        MainWindow w(test::testRegistry(), o);
        w.show();
        const QString message = messageOf([&] { w.close(); });
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope,
                           QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation));
        QVERIFY2(message.contains(QStringLiteral("settings")) &&
                     message.contains(disk.filePath(QStringLiteral("config"))),
                 qPrintable(message));
    }
};

QTEST_MAIN(TestWindowFiles)
#include "tst_window_files.moc"
