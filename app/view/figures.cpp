// SPDX-License-Identifier: MIT
#include "figures.h"

#include "units.h"

#include "app/i18n/language.h"
#include "scenarios/scenario.h"

#include <QDateTime>
#include <QLocale>
#include <QObject>

namespace tl::view {

// In the reader's digits ("3,90×" in Russian), like every duration.
QString formatRatio(double r) { return QLocale().toString(r, 'f', r >= 10 ? 1 : 2) + QStringLiteral("×"); }

QString runCaption(const Trace& trace)
{
    QStringList parts;
    auto qs = [](const std::string& s) { return QString::fromStdString(s); };
    if (const Scenario* lesson = Registry::instance().find(trace.scenario)) {
        parts << qs(lesson->id);
        // In the lesson's order and words; a value this version cannot read is shown as recorded.
        for (const Param& p : lesson->params) {
            const auto it = trace.params.find(p.name);
            if (it == trace.params.end())
                continue;
            ParamValues v(&lesson->params);
            QString value = qs(it->second);
            try {
                v.set(p.name, it->second);
                value = i18n::paramValue(p, v.d(p.name));
            } catch (const std::exception&) {}
            parts << i18n::lessonString(p.label) + QStringLiteral(": ") + value;
        }
    } else if (!trace.scenario.empty()) {
        parts << qs(trace.scenario);
    }
    if (trace.source == "python") {
        parts << qs(trace.program);
        if (!trace.python.empty())
            parts << QStringLiteral("Python ") + qs(trace.python);  // a name, the same in every language
    } else if (!trace.scenario.empty()) {
        parts << (trace.gil ? QObject::tr("simulated GIL on") : QObject::tr("simulated GIL off"));
    }
    if (trace.speed > 0 && trace.speed < 1)
        parts << QObject::tr("slow motion %1").arg(formatRatio(trace.speed));
    if (trace.scenario.empty() && trace.source.empty() && !trace.generator.empty())
        parts << QObject::tr("from %1").arg(qs(trace.generator));
    const QDateTime recorded = QDateTime::fromString(qs(trace.recorded), Qt::ISODate);
    if (recorded.isValid())
        parts << QObject::tr("recorded %1").arg(QLocale().toString(recorded.toLocalTime(), QLocale::ShortFormat));
    return parts.join(QStringLiteral("  ·  "));
}

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
             cores > 0 ? QObject::tr("%1 of %2").arg(QLocale().toString(w.coresBusy, 'f', 2)).arg(cores)
                       : QLocale().toString(w.coresBusy, 'f', 2),
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
