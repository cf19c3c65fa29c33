// SPDX-License-Identifier: MIT
// Soak: one window process (offscreen) runs every lesson 3 times in a row at a quick time scale,
// then the first lesson 50 times. Prints resident memory after round 2 and at the end (the end
// should stay within 1.2x of round 2), and checks after every run that the thread count is back to
// the idle window's and no file descriptor is left open. Exit code 1 on a leak or a stuck run.
//   build/release/tests/bench_soak [--time-scale F] [--rounds N] [--repeats M]
#include "app/window/main_window.h"
#include "tests/app/soak_util.h"

#include <QApplication>
#include <QStandardPaths>

#include <cstdio>
#include <cstring>

using namespace tl;

int main(int argc, char** argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QStandardPaths::setTestModeEnabled(true);  // the learner's settings stay untouched
    QApplication app(argc, argv);
    double timeScale = 0.1;
    int rounds = 3, repeats = 50;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!std::strcmp(argv[i], "--time-scale"))
            timeScale = std::atof(argv[i + 1]);
        else if (!std::strcmp(argv[i], "--rounds"))
            rounds = std::atoi(argv[i + 1]);
        else if (!std::strcmp(argv[i], "--repeats"))
            repeats = std::atoi(argv[i + 1]);
    }
    const Registry& registry = Registry::instance();
    MainWindow::Options options;
    options.lesson = QString::fromStdString(registry.all().front().id);
    options.autoRun = false;
    MainWindow window(registry, options);
    window.resize(1600, 1000);
    window.show();
    QApplication::processEvents();
    const int idleThreads = soak::threadCount();
    int fdBaseline = -1;  // after the first run: fonts, /dev/urandom... opened once for good
    int problems = 0, runs = 0;
    double afterRound2 = 0;
    auto one = [&](const Scenario& s) {
        const QString status = soak::runOnce(window, s, timeScale);
        ++runs;
        if (fdBaseline < 0) {
            soak::settlesTo(idleThreads, 1 << 20);
            fdBaseline = soak::fdCount();
        }
        if (status == QLatin1String("timeout") || !soak::settlesTo(idleThreads, fdBaseline)) {
            ++problems;
            std::printf("run %d (%s): %s, %d threads (idle %d), %d fds (baseline %d)\n", runs, s.id.c_str(),
                        qPrintable(status), soak::threadCount(), idleThreads, soak::fdCount(), fdBaseline);
        }
    };
    QElapsedTimer wall;
    wall.start();
    for (int round = 1; round <= rounds; ++round) {
        for (const Scenario& s : registry.all())
            one(s);
        std::printf("round %d: %d runs, RSS %.1f MB, %d threads (idle %d), %d fds (baseline %d), %.0f s\n", round, runs,
                    soak::residentMb(), soak::threadCount(), idleThreads, soak::fdCount(), fdBaseline,
                    wall.elapsed() / 1000.0);
        std::fflush(stdout);
        if (round == 2)
            afterRound2 = soak::residentMb();
    }
    for (int i = 0; i < repeats; ++i)
        one(registry.all().front());
    const double end = soak::residentMb();
    std::printf("%d runs of %s: RSS %.1f MB; after round 2 %.1f MB; ratio %.3f (limit 1.2)\n", repeats,
                registry.all().front().id.c_str(), end, afterRound2, afterRound2 > 0 ? end / afterRound2 : 0.0);
    std::printf("%d runs in %.0f s; %d with a leaked thread or descriptor or no end\n", runs, wall.elapsed() / 1000.0,
                problems);
    const bool memoryOk = afterRound2 <= 0 || end <= 1.2 * afterRound2;
    return problems == 0 && memoryOk ? 0 : 1;
}
