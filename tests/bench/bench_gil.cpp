// SPDX-License-Identifier: MIT
// The GIL lesson in numbers: the same CPU-bound work (2 x cpuWork(kWorkMs)) on
//   - 2 threads with the simulated GIL (they take turns: ~2x the work time),
//   - 2 threads without it (free-threaded: in parallel on 2 cores),
//   - 2 worker processes of a ProcessPool (each its own GIL: parallel, plus fork cost).
// Reported as wall time per run (real time, ms). Run the Release build:
//   cmake --build build/release --target bench_gil && build/release/tests/bench_gil
#include "engine/control/run.h"
#include "engine/pool/process_pool.h"
#include "engine/sync/thread.h"
#include "engine/work.h"

#include <benchmark/benchmark.h>

using namespace tl;

namespace {

constexpr double kWorkMs = 100;

void twoThreads(benchmark::State& state, bool gil)
{
    workUnitsPerMs();  // calibrate outside the timed loop
    for (auto _ : state) {
        RunOptions o;
        o.gil = gil;
        Run run(o);
        run.execute([&] {
            Thread a(run, [] { cpuWork(kWorkMs); });
            Thread b(run, [] { cpuWork(kWorkMs); });
            a.start();
            b.start();
            a.join();
            b.join();
        });
    }
    state.counters["work_ms"] = 2 * kWorkMs;
}

void BM_TwoThreadsGil(benchmark::State& state) { twoThreads(state, true); }
void BM_TwoThreadsNoGil(benchmark::State& state) { twoThreads(state, false); }

void BM_TwoProcesses(benchmark::State& state)
{
    workUnitsPerMs();
    for (auto _ : state) {
        RunOptions o;
        o.gil = true;  // each worker process has its own GIL
        Run run(o);
        run.execute([&] {
            PoolOptions po;
            po.processes = 2;
            po.functions["burn"] = [](const std::string& ms) { return std::to_string(cpuWork(std::stod(ms))); };
            ProcessPool pool(run, po);
            auto a = pool.applyAsync("burn", std::to_string(kWorkMs));
            auto b = pool.applyAsync("burn", std::to_string(kWorkMs));
            a.get();
            b.get();
            pool.close();
            pool.join();
        });
    }
    state.counters["work_ms"] = 2 * kWorkMs;
}

} // namespace

BENCHMARK(BM_TwoThreadsGil)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(5);
BENCHMARK(BM_TwoThreadsNoGil)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(5);
BENCHMARK(BM_TwoProcesses)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(5);

BENCHMARK_MAIN();
