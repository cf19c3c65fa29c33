// SPDX-License-Identifier: MIT
// GUI frames during Run ▸ Sweep… (issue 18: a 16-value × 3-repetition sweep of m2.l11 at a quick
// time scale stays responsive): the real window with the sweep dialog over it, the sweep on its
// own thread, each finished run's row, chart and progress arriving on the GUI thread. Frames are
// measured as in bench_live (gui_meter.h); runs and sweep_s say what was swept.
//   cmake --preset release && cmake --build build/release --target bench_sweep_gui
//   QT_QPA_PLATFORM=offscreen build/release/tests/bench_sweep_gui
#include "app/window/main_window.h"
#include "app/window/sweep_dialog.h"
#include "gui_meter.h"

#include <QEventLoop>

using namespace tl;

namespace {

void BM_SweepDialogFrames(benchmark::State& state)
{
    const Scenario& s = *Registry::instance().find("m2.l11");
    ParamValues v = s.defaults();
    // bench_sweep's case, so the overhead and the frames describe the same sweep.
    v.set("tasks", "8");
    v.set("task_ms", "10");
    v.set("reps", "1");
    std::vector<qint64> frames;
    qint64 lateness = 0, longest = 0;
    double runs = 0, seconds = 0;
    for (auto _ : state) {
        MainWindow::Options options;
        options.lesson = QStringLiteral("m2.l11");
        options.autoRun = false;
        MainWindow window(Registry::instance(), options);
        window.resize(1600, 1000);
        window.show();
        RunOptions o;
        o.gil = s.defaultGil;
        SweepDialog dialog(s, v, o, &window);
        dialog.show();
        SweepRequest r;
        r.param = "max_workers_cap=1..16";
        r.repeat = 3;
        dialog.setRequest(r, 0.2);
        QApplication::processEvents();
        auto& meter = *static_cast<Meter*>(QCoreApplication::instance());
        meter.frames.clear();
        meter.lateness = meter.longestEvent = 0;
        QEventLoop loop;
        QObject::connect(&dialog, &SweepDialog::finished, &loop,
                         [&] { QTimer::singleShot(500, &loop, &QEventLoop::quit); });
        QTimer::singleShot(600000, &loop, &QEventLoop::quit);  // never hang the benchmark
        meter.setRecording(true);
        QElapsedTimer wall;
        wall.start();
        if (!dialog.start()) {
            state.SkipWithError(qPrintable(dialog.error()));
            break;
        }
        loop.exec();
        seconds = double(wall.elapsed()) / 1000;
        meter.setRecording(false);
        frames = meter.frames;
        lateness = meter.lateness;
        longest = meter.longestEvent;
        runs = double(dialog.rows().size());
        if (dialog.rows().size() != dialog.plan().runCount())
            state.SkipWithError("the sweep did not finish");
    }
    frameCounters(state, std::move(frames), lateness, longest);
    state.counters["runs"] = runs;
    state.counters["sweep_s"] = seconds;
}

}  // namespace

BENCHMARK(BM_SweepDialogFrames)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(1);

int main(int argc, char** argv) { return runGuiBenchmarks(argc, argv); }
