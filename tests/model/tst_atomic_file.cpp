// SPDX-License-Identifier: MIT
// writeFileAtomically, the one way every output (trace, CSV, PNG, SVG, PDF) reaches the disk:
// all or nothing, every failure a message with the path and the reason; devices written directly.
#include "engine/model/atomic_file.h"
#include "engine/model/trace_file.h"
#include "tests/full_tmpfs.h"

#include <QFileInfo>
#include <QTemporaryDir>
#include <QtTest>

#include <sys/stat.h>

using namespace tl;

namespace {

QByteArray contents(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QStringList everything(const QString& dir)
{
    return QDir(dir).entryList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot, QDir::Name);
}

bool isCharDevice(const char* path)
{
    struct stat st {};
    return ::stat(path, &st) == 0 && S_ISCHR(st.st_mode);
}

// A trace of `lanes` threads with a few intervals each: large enough to overflow a small disk.
Trace traceOf(int lanes)
{
    Trace tr;
    tr.scenario = "t.atomic";
    tr.title = "atomic writes";
    for (int i = 0; i < lanes; ++i) {
        Lane l;
        l.info.id = LaneId(i);
        l.info.tid = i + 1;
        l.info.pid = 1;
        l.info.name = "worker-" + std::to_string(i);
        for (int k = 0; k < 4; ++k)
            l.intervals.push_back(Interval{k * 1000, k * 1000 + 900, State::Run, Outcome::None, 0, -1});
        l.start = 0;
        l.end = 4000;
        tr.lanes.push_back(std::move(l));
    }
    return tr;
}

}  // namespace

class TestAtomicFile : public QObject {
    Q_OBJECT
private slots:
    void writesAndReplacesKeepingPermissions()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("out.txt");
        QString err;
        QVERIFY2(writeFileAtomically(path, "first", &err), qPrintable(err));
        QCOMPARE(contents(path), QByteArray("first"));
        QCOMPARE(::chmod(QFile::encodeName(path).constData(), 0640), 0);
        QVERIFY2(writeFileAtomically(path, "second", &err), qPrintable(err));
        QCOMPARE(contents(path), QByteArray("second"));
        struct stat st {};
        QCOMPARE(::stat(QFile::encodeName(path).constData(), &st), 0);
        QCOMPARE(st.st_mode & 07777, mode_t(0640));
        QCOMPARE(everything(dir.path()), QStringList{"out.txt"});  // no temporary file left
    }

    void writesThroughASymlink()
    {
        QTemporaryDir dir;
        const QString target = dir.filePath("target.txt"), link = dir.filePath("link.txt");
        QVERIFY(writeFileAtomically(target, "old"));
        QVERIFY(QFile::link(target, link));
        QVERIFY(writeFileAtomically(link, "new"));
        QVERIFY(QFileInfo(link).isSymLink());
        QCOMPARE(contents(target), QByteArray("new"));
    }

    void failuresNameThePathAndTheReason()
    {
        QTemporaryDir dir;
        QString err;
        QVERIFY(!writeFileAtomically(dir.filePath("missing/out.txt"), "x", &err));
        QVERIFY2(err.contains(dir.filePath("missing/out.txt")) && err.contains("does not exist"), qPrintable(err));
        QVERIFY(!writeFileAtomically(dir.path(), "x", &err));
        QVERIFY2(err.contains("folder"), qPrintable(err));
        QVERIFY(!writeFileAtomically(QString(), "x", &err));
        QVERIFY(!err.isEmpty());
        QCOMPARE(everything(dir.path()), QStringList{});
    }

    // A device cannot be replaced by a rename: it is written directly, and a full one fails.
    void devFullFailsAndStaysADevice()
    {
        if (!QFileInfo::exists("/dev/full"))
            QSKIP("this system has no /dev/full");
        QString err;
        QVERIFY(!writeFileAtomically("/dev/full", "x", &err));
        QVERIFY2(err.contains("/dev/full") && err.contains(QString::fromLocal8Bit(std::strerror(ENOSPC))),
                 qPrintable(err));
        QVERIFY(!saveTrace(traceOf(3), "/dev/full", &err));
        QVERIFY2(err.contains("/dev/full"), qPrintable(err));
        QVERIFY(!saveCsv(traceOf(3), "/dev/full", &err));
        QVERIFY2(err.contains("/dev/full"), qPrintable(err));
        QVERIFY(isCharDevice("/dev/full"));
        QVERIFY(writeFileAtomically("/dev/null", "discarded", &err));
        QVERIFY(isCharDevice("/dev/null"));
    }

    // A disk that fills up half-way: the old file survives untouched, no new or temporary file appears.
    void fullDiskLeavesNothingHalfWritten()
    {
        test::SmallTmpfs disk;
        if (!disk.mounted())
            QSKIP(qPrintable(disk.skipReason()));
        const QString kept = disk.filePath("kept.json"), fresh = disk.filePath("fresh.csv");
        QVERIFY(writeFileAtomically(kept, "old content"));
        const Trace big = traceOf(2000);  // some 500 KB of JSON on a 64 KiB disk
        QString err;
        QVERIFY(!saveTrace(big, kept, &err));
        QVERIFY2(err.contains(kept) && err.contains(QString::fromLocal8Bit(std::strerror(ENOSPC))), qPrintable(err));
        QCOMPARE(contents(kept), QByteArray("old content"));
        QVERIFY(!saveCsv(big, fresh, &err));
        QVERIFY2(err.contains(fresh), qPrintable(err));
        QCOMPARE(disk.entries(), QStringList{"kept.json"});
        // The space the failed writes took is back: a small write still fits.
        QVERIFY2(saveTrace(traceOf(2), fresh, &err), qPrintable(err));
    }
};

QTEST_GUILESS_MAIN(TestAtomicFile)
#include "tst_atomic_file.moc"
