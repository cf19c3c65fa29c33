// SPDX-License-Identifier: MIT
// A sweep's cost beyond its runs (budget: 5%): the whole SweepRunner::run() against the sum of
// the runs' own times (each trace's duration), for m2.l11 (the optimal thread count harness,
// busy traces) over 16 values × 3 repetitions and for m2.l9 (short I/O runs) over 8 × 3.
// Counters: overhead_pct = (sweep − Σ runs) / Σ runs × 100; runs = rows made.
//   cmake --build build/release --target bench_sweep && build/release/tests/bench_sweep
#include "scenarios/sweep.h"

#include <benchmark/benchmark.h>

using namespace tl;

namespace {

void sweep(benchmark::State& state, const char* id, std::vector<std::pair<std::string, std::string>> sets,
           const char* param, int repeat, double timeScale)
{
    const Scenario& s = *Registry::instance().find(id);
    ParamValues v = s.defaults();
    for (const auto& [k, val] : sets)
        v.set(k, val);
    RunOptions o;
    o.gil = s.defaultGil;
    o.timeScale = timeScale;
    SweepRequest r;
    r.param = param;
    r.repeat = repeat;
    const SweepPlan plan = planSweep(s, v, r, o);
    double overhead = 0, runs = 0;
    for (auto _ : state) {
        SweepRunner runner(plan);
        runner.run();
        overhead += double(runner.elapsedNs() - runner.runsNs()) / double(runner.runsNs()) * 100;
        runs += double(runner.rows().size());
    }
    state.counters["overhead_pct"] = overhead / double(state.iterations());
    state.counters["runs"] = runs / double(state.iterations());
}

// The case: m2.l11 swept over 16 pool caps, 3 repetitions, at a short time scale.
void BM_SweepOptimalThreads(benchmark::State& state)
{
    sweep(state, "m2.l11", {{"tasks", "8"}, {"task_ms", "10"}, {"reps", "1"}}, "max_workers_cap=1..16", 3, 0.2);
}
BENCHMARK(BM_SweepOptimalThreads)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(1);

void BM_SweepThreadCount(benchmark::State& state)
{
    sweep(state, "m2.l9", {{"tasks", "8"}, {"task_ms", "20"}}, "workers=1..8", 3, 1.0);
}
BENCHMARK(BM_SweepThreadCount)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(1);

}  // namespace

BENCHMARK_MAIN();
