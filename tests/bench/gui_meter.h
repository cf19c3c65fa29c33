// SPDX-License-Identifier: MIT
// The GUI benchmarks' meter (bench_live, bench_sweep_gui): the application object that times
// every event-loop pass and event on the GUI thread, and how late a 5 ms probe timer fires.
#pragma once
#include <QAbstractEventDispatcher>
#include <QApplication>
#include <QElapsedTimer>
#include <QStandardPaths>
#include <QTimer>

#include <benchmark/benchmark.h>

#include <algorithm>
#include <map>
#include <tuple>
#include <vector>

namespace tl {

// Durations of event-loop passes, of single events, and how late a 5 ms probe timer fires, on
// the GUI thread: three views of the same question (how long was the learner kept waiting?).
class Meter : public QApplication {
public:
    using QApplication::QApplication;
    void attach()
    {
        auto* d = QAbstractEventDispatcher::instance();
        connect(d, &QAbstractEventDispatcher::awake, this, [this] {
            if (!busy_) {
                busy_ = true;
                pass_.start();
            }
        });
        connect(d, &QAbstractEventDispatcher::aboutToBlock, this, [this] {
            if (busy_ && recording_)
                frames.push_back(pass_.nsecsElapsed());
            busy_ = false;
        });
        probe_.setTimerType(Qt::PreciseTimer);
        probe_.setInterval(5);
        connect(&probe_, &QTimer::timeout, this, [this] {
            if (recording_)
                lateness = std::max(lateness, sinceProbe_.nsecsElapsed() - 5'000'000);
            sinceProbe_.start();
        });
    }
    void setRecording(bool on)
    {
        recording_ = on;
        if (on) {
            sinceStart.start();
            sinceProbe_.start();
            probe_.start();
        } else {
            probe_.stop();
        }
    }
    bool notify(QObject* receiver, QEvent* event) override
    {
        if (depth_++ > 0 || !recording_) {
            const bool r = QApplication::notify(receiver, event);
            --depth_;
            return r;
        }
        // Named before delivery: the receiver may be gone after it (deleteLater).
        const QString what = QStringLiteral("event %1 to %2 %3")
                                 .arg(int(event->type()))
                                 .arg(QString::fromLatin1(receiver->metaObject()->className()), receiver->objectName());
        QElapsedTimer t;
        t.start();
        const bool r = QApplication::notify(receiver, event);
        --depth_;
        const qint64 ns = t.nsecsElapsed();
        if (ns > longestEvent) {
            longestEvent = ns;
            longestWhat = what;
        }
        if (ns > 25'000'000)
            slow.push_back({ns, what, sinceStart.elapsed()});
        auto& [total, count, most] = byKind[what];
        total += ns;
        ++count;
        most = std::max(most, ns);
        return r;
    }

    std::vector<qint64> frames;
    qint64 lateness = 0, longestEvent = 0;
    QString longestWhat;
    std::map<QString, std::tuple<qint64, qint64, qint64>> byKind;  // total ns, count, max ns
    struct Slow {
        qint64 ns;
        QString what;
        qint64 atMs;
    };
    std::vector<Slow> slow;  // events over 25 ms, and when (ms since recording began)
    QElapsedTimer sinceStart;

private:
    QElapsedTimer pass_, sinceProbe_;
    QTimer probe_;
    bool busy_ = false, recording_ = false;
    int depth_ = 0;
};

// The frame counters: frames, max_ms, p99_ms, p50_ms, probe_late_ms, longest_event_ms, over33ms.
inline void frameCounters(benchmark::State& state, std::vector<qint64> frames, qint64 lateness, qint64 longest)
{
    std::sort(frames.begin(), frames.end());
    auto ms = [](qint64 ns) { return double(ns) / 1e6; };
    const size_t n = frames.size();
    state.counters["frames"] = double(n);
    state.counters["max_ms"] = n ? ms(frames.back()) : 0;
    state.counters["p99_ms"] = n ? ms(frames[std::min(n - 1, n * 99 / 100)]) : 0;
    state.counters["p50_ms"] = n ? ms(frames[n / 2]) : 0;
    state.counters["probe_late_ms"] = ms(lateness);
    state.counters["longest_event_ms"] = ms(longest);
    state.counters["over33ms"] =
        double(std::count_if(frames.begin(), frames.end(), [](qint64 f) { return f > 33'000'000; }));
}

// main() of a GUI benchmark: offscreen unless told, test-mode settings, the Meter attached.
inline int runGuiBenchmarks(int argc, char** argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QStandardPaths::setTestModeEnabled(true);  // the learner's settings stay untouched
    // Qt's own dispatcher reports awake/aboutToBlock around each wait (the GLib one does not
    // bracket its dispatching the same way); the probe timer measures either way.
    qputenv("QT_NO_GLIB", "1");
    Meter app(argc, argv);
    app.attach();
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}

}  // namespace tl
