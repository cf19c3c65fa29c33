// SPDX-License-Identifier: MIT
// Re-running lessons in one window process and counting what a run leaves behind: threads,
// file descriptors, resident memory (Linux /proc). Shared by bench_soak (the figures) and
// tst_soak (the leak-free parts, asserted).
#pragma once

#include "app/window/main_window.h"
#include "scenarios/scenario.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QThread>
#include <QTimer>

#include <string>

namespace tl::soak {

// Threads of this process, leaving out Qt's pooled threads (a QThreadPool keeps an idle worker
// for its expiry time: waiting, not leaked, and not started by a run).
inline int threadCount()
{
    int n = 0;
    for (const QString& tid : QDir(QStringLiteral("/proc/self/task")).entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        QFile comm(QStringLiteral("/proc/self/task/%1/comm").arg(tid));
        if (comm.open(QIODevice::ReadOnly) && comm.readAll().trimmed() == "Thread (pooled)")
            continue;
        ++n;
    }
    return n;
}

inline int fdCount()
{
    return int(
        QDir(QStringLiteral("/proc/self/fd")).entryList(QDir::AllEntries | QDir::System | QDir::NoDotAndDotDot).size());
}

inline double residentMb()
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray& line : f.readAll().split('\n'))
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toDouble() / 1024.0;
    return 0;
}

// Runs `lesson` (its defaults, its GIL default) in the window at `timeScale` and waits for the end;
// returns the run's status ("timeout" if it never ended).
inline QString runOnce(MainWindow& window, const Scenario& lesson, double timeScale, int limitMs = 300000)
{
    window.openLesson(QString::fromStdString(lesson.id), false);
    RunOptions options;
    options.timeScale = timeScale;
    options.gil = lesson.defaultGil;
    QEventLoop loop;
    QString status = QStringLiteral("timeout");
    const auto connection =
        QObject::connect(&window.controller(), &RunController::finished, &loop, [&](const QString& s) {
            status = s;
            loop.quit();
        });
    QTimer::singleShot(limitMs, &loop, &QEventLoop::quit);
    if (window.controller().start(lesson, lesson.defaults(), options))
        loop.exec();
    QObject::disconnect(connection);
    return status;
}

// Waits (serving events) until this process has at most `threads` threads and `fds` descriptors
// again; a run's threads are joined when it ends, a stopping run's a little later. Returns whether
// it got there within `limitMs` (generous: on a loaded machine a join can wait for the CPU).
inline bool settlesTo(int threads, int fds, int limitMs = 60000)
{
    QElapsedTimer t;
    t.start();
    while (threadCount() > threads || fdCount() > fds) {
        if (t.elapsed() > limitMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        QThread::msleep(5);
    }
    return true;
}

}  // namespace tl::soak
