// SPDX-License-Identifier: MIT
#include "figures.h"

#include "units.h"

#include <QObject>

namespace tl::view {

QString formatRatio(double r) { return QString::number(r, 'f', r >= 10 ? 1 : 2) + QStringLiteral("×"); }

std::vector<Figure> workFigures(const WorkFigures& w, int64_t wall, int cores, double speed)
{
    std::vector<Figure> out;
    const bool slowed = speed > 0 && speed < 1;
    if (slowed)
        out.push_back(
            {QObject::tr("Slow motion"), QObject::tr("%1 speed: times are lesson time").arg(formatRatio(speed)),
             QObject::tr("The run was shown %1 times slower than real. Every time given here is lesson time: the "
                         "real time multiplied by %2, so the figures match the lesson's parameters.")
                 .arg(1.0 / speed, 0, 'f', 1)
                 .arg(speed, 0, 'f', 2)});
    out.push_back({QObject::tr("Wall time"), formatDuration(wall),
                   QObject::tr("From the start of the run to its end, as a clock on the wall measures it.")});
    const QString coresText =
        cores > 0 ? QObject::tr("%n core(s)", nullptr, cores) : QObject::tr("the machine's cores");
    if (w.cpuMeasured)
        out.push_back(
            {QObject::tr("CPU time"), formatDuration(w.cpu),
             QObject::tr("Time the threads actually computed on a core, added up over all threads, from the "
                         "operating system's per-thread CPU clocks. Waiting, sleeping and time the system kept a "
                         "thread off the core do not count, so it is never more than wall time × %1.")
                 .arg(coresText)});
    else
        out.push_back({QObject::tr("Time running"), formatDuration(w.cpu),
                       QObject::tr("This trace has no per-thread CPU clocks: this is the time the threads were in the "
                                   "running state, which also counts time the system kept a thread off the core "
                                   "(with more threads than cores it exceeds the real CPU time).")});
    // Below ~5% of one core the threads mostly waited: "0.01 cores" says nothing more than CPU time does.
    if (wall > 0 && w.cpu * 20 >= wall)
        out.push_back(
            {QObject::tr("Cores busy on average"),
             cores > 0 ? QObject::tr("%1 of %2").arg(w.coresBusy, 0, 'f', 2).arg(cores)
                       : QString::number(w.coresBusy, 'f', 2),
             QObject::tr("CPU time ÷ wall time: how many cores were computing at the same moment, on average. "
                         "It cannot exceed %1; with the GIL on, threads that compute stay near 1.")
                 .arg(coresText)});
    if (w.speedup > 0)
        out.push_back(
            {QObject::tr("Speed-up over one thread"), formatRatio(w.speedup),
             QObject::tr("How many times sooner this run ended than one thread doing the same work piece after "
                         "piece: (CPU time %1 + sleep and I/O %2) ÷ wall time %3. Waiting (sleep, I/O) overlaps "
                         "freely across threads; computing gains at most %4.")
                 .arg(formatDuration(w.cpu), formatDuration(w.sleepIo), formatDuration(wall), coresText)});
    return out;
}

}  // namespace tl::view
