// SPDX-License-Identifier: MIT
// GUI frame times while a live run records about 200,000 events per second (issue #11: no frame
// over 33 ms), in the real window: MainWindow polls the run, ingests, re-indexes, follows the
// newest events on the timeline, refreshes the panels and the event table, repaints.
//   cmake --preset release && cmake --build build/release --target bench_live
//   QT_QPA_PLATFORM=offscreen build/release/tests/bench_live
//
// A frame is one pass of the GUI event loop, from waking up to going back to sleep
// (QAbstractEventDispatcher::awake -> aboutToBlock): everything the GUI thread did between two
// moments at which it could have answered the learner. A loop that never sleeps counts as one
// long frame, so saturation cannot hide. The slowest single event is reported too.
#include "app/window/main_window.h"
#include "gui_meter.h"
#include "engine/sync/lock.h"
#include "engine/sync/queue.h"
#include "engine/sync/thread.h"
#include "engine/work.h"
#include "scenarios/scenario.h"

#include <QAbstractEventDispatcher>
#include <QApplication>
#include <QElapsedTimer>
#include <QStandardPaths>
#include <QTimer>

#include <benchmark/benchmark.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <map>
#include <tuple>
#include <chrono>
#include <memory>
#include <vector>

using namespace tl;

namespace {

// `threads` workers cycle over 4 locks (contended: waits, handoff arrows) and a bounded queue,
// for `seconds`, paced by the recorder's own count so the run records `rate` events per second.
Scenario floodScenario()
{
    Scenario s;
    s.id = "bench.flood";
    s.module = 1;
    s.lesson = 1;
    s.title = "Event flood";
    s.titleRu = "Поток событий";
    s.summary = "Workers hammer four locks and a queue at a fixed event rate";
    s.params = {Param::integer("threads", "Worker threads", 16, 1, 64),
                Param::integer("rate", "Events per second", 200000, 1000, 2000000),
                Param::integer("seconds", "Duration", 8, 1, 60, "s")};
    s.run = [](Context& ctx) {
        Run& run = ctx.run;
        const int n = ctx.params.i("threads");
        const double rate = ctx.params.d("rate");
        const double seconds = ctx.params.d("seconds");
        std::vector<std::unique_ptr<Lock>> locks;
        for (int k = 0; k < 4; ++k)
            locks.push_back(std::make_unique<Lock>(run, "lock_" + std::to_string(k)));
        Queue<int> queue(run, "items", 32);
        const uint64_t base = run.recorder().totalRecorded();
        const auto t0 = std::chrono::steady_clock::now();
        auto elapsed = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(); };
        std::vector<Thread> workers;
        for (int i = 0; i < n; ++i)
            workers.emplace_back(run, [&, i] {
                uint64_t k = uint64_t(i);
                for (double now = elapsed(); now < seconds; now = elapsed()) {
                    // Ahead of the target rate: sleep (recorded, like time.sleep) and look again.
                    if (double(run.recorder().totalRecorded() - base) > rate * now) {
                        sleepMs(1);
                        continue;
                    }
                    Lock& lock = *locks[k++ % locks.size()];
                    lock.acquire();
                    lock.release();
                    if (k % 16 == 0) {
                        queue.put(int(k));
                        queue.get();
                    }
                }
            });
        for (Thread& t : workers)
            t.start();
        for (Thread& t : workers)
            t.join();
    };
    return s;
}

void BM_LiveWindowFrames(benchmark::State& state)
{
    Registry registry;
    registry.add(floodScenario());
    const Scenario& flood = *registry.find("bench.flood");
    std::vector<qint64> frames;
    double eventsPerSecond = 0, events = 0, runSeconds = 0;
    qint64 lateness = 0, longest = 0;
    for (auto _ : state) {
        MainWindow::Options options;
        options.lesson = QStringLiteral("bench.flood");
        options.autoRun = false;
        MainWindow window(registry, options);
        window.resize(1600, 1000);
        window.show();
        QApplication::processEvents();
        auto& meter = *static_cast<Meter*>(QCoreApplication::instance());
        meter.frames.clear();
        meter.lateness = meter.longestEvent = 0;
        meter.byKind.clear();
        meter.slow.clear();
        RunController& controller = window.controller();
        QEventLoop loop;
        QObject::connect(&controller, &RunController::finished, &loop, [&] {
            // The frames right after the end (final index, panels, table) count too.
            QTimer::singleShot(1000, &loop, &QEventLoop::quit);
        });
        QTimer::singleShot(120000, &loop, &QEventLoop::quit);  // never hang the benchmark
        meter.setRecording(true);
        QElapsedTimer wall;
        wall.start();
        window.openLesson(QStringLiteral("bench.flood"), true);
        loop.exec();
        meter.setRecording(false);
        frames = meter.frames;
        lateness = meter.lateness;
        longest = meter.longestEvent;
        // Where the GUI thread's time went, biggest first (QEvent type numbers, receiver class).
        std::vector<std::pair<qint64, QString>> top;
        for (const auto& [what, v] : meter.byKind)
            top.push_back({std::get<0>(v), QStringLiteral("%1: %2 ms in %3 events, longest %4 ms")
                                               .arg(what)
                                               .arg(double(std::get<0>(v)) / 1e6, 0, 'f', 1)
                                               .arg(std::get<1>(v))
                                               .arg(double(std::get<2>(v)) / 1e6, 0, 'f', 1)});
        std::sort(top.rbegin(), top.rend());
        for (size_t i = 0; i < top.size() && i < 8; ++i)
            std::fprintf(stderr, "  %s\n", qPrintable(top[i].second));
        for (const auto& sl : meter.slow)
            std::fprintf(stderr, "  slow: %.1f ms at %lld ms: %s\n", double(sl.ns) / 1e6, (long long)sl.atMs,
                         qPrintable(sl.what));
        events = double(controller.trace().eventCount());
        runSeconds = double(controller.trace().duration()) / 1e9;
        eventsPerSecond = runSeconds > 0 ? events / runSeconds : 0;
        if (controller.trace().result.status != "finished")
            state.SkipWithError(("run ended: " + controller.trace().result.status).c_str());
    }
    frameCounters(state, std::move(frames), lateness, longest);
    state.counters["events"] = events;
    state.counters["events_per_s"] = eventsPerSecond;
    state.counters["run_s"] = runSeconds;
    (void)flood;
}

}  // namespace

BENCHMARK(BM_LiveWindowFrames)->Unit(benchmark::kMillisecond)->Iterations(1);

int main(int argc, char** argv) { return runGuiBenchmarks(argc, argv); }
