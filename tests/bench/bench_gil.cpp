// SPDX-License-Identifier: MIT
// The GIL lesson in numbers: the same CPU-bound work (2 x cpuWork(kWorkMs)) on
//   - 2 threads with the simulated GIL (they take turns: ~2x the work time),
//   - 2 threads without it (free-threaded: in parallel on 2 cores),
//   - 2 worker processes of a ProcessPool (each its own GIL: parallel, plus fork cost).
// Reported as wall time per run (real time, ms) and `overlap` (see overlap()). Release build:
//   cmake --build build/release --target bench_gil && build/release/tests/bench_gil
#include "engine/control/run.h"
#include "engine/pool/process_pool.h"
#include "engine/sync/thread.h"
#include "engine/work.h"

#include <benchmark/benchmark.h>

#include <map>

using namespace tl;

namespace {

constexpr double kWorkMs = 100;

// Structural parallelism, robust to a loaded machine: the summed `run` time of the working
// lanes (threads other than MainThread, or worker processes) divided by the span from the
// first to the last of them. With the GIL it cannot exceed 1; free threads and processes
// reach ~2 on 2 idle cores.
double overlap(Run& run, bool processes)
{
    std::vector<Event> ev;
    run.drain(ev);
    std::map<LaneId, int64_t> since;
    int64_t busy = 0, first = INT64_MAX, last = 0;
    for (const Event& e : ev) {
        const bool worker = processes ? run.recorder().lane(e.lane).pid != 1
                                      : e.lane != 0 && run.recorder().lane(e.lane).name.rfind("Thread-", 0) == 0;
        if (!worker || (e.type != Ev::StateChange && e.type != Ev::ThreadEnd))
            continue;
        auto it = since.find(e.lane);
        if (it != since.end()) {
            busy += e.t - it->second;
            last = std::max(last, e.t);
            since.erase(it);
        }
        if (e.type == Ev::StateChange && e.a == int64_t(State::Run)) {
            since[e.lane] = e.t;
            first = std::min(first, e.t);
        }
    }
    return last > first ? double(busy) / double(last - first) : 0;
}

void twoThreads(benchmark::State& state, bool gil)
{
    workUnitsPerMs();  // calibrate outside the timed loop
    double par = 0;
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
        state.PauseTiming();
        par += overlap(run, false);
        state.ResumeTiming();
    }
    state.counters["work_ms"] = 2 * kWorkMs;
    state.counters["overlap"] = par / double(state.iterations());
}

void BM_TwoThreadsGil(benchmark::State& state) { twoThreads(state, true); }
void BM_TwoThreadsNoGil(benchmark::State& state) { twoThreads(state, false); }

void BM_TwoProcesses(benchmark::State& state)
{
    workUnitsPerMs();
    double par = 0;
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
        state.PauseTiming();
        par += overlap(run, true);
        state.ResumeTiming();
    }
    state.counters["work_ms"] = 2 * kWorkMs;
    state.counters["overlap"] = par / double(state.iterations());
}

}  // namespace

BENCHMARK(BM_TwoThreadsGil)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(5);
BENCHMARK(BM_TwoThreadsNoGil)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(5);
BENCHMARK(BM_TwoProcesses)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(5);

BENCHMARK_MAIN();
