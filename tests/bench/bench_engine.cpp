// SPDX-License-Identifier: MIT
// The engine's hot paths: recording one event, a traced uncontended Lock, the timestamp.
// Budgets: BM_Record ≤ 20 ns and ≤ 2× BM_Timestamp; BM_RecordTwoThreads ≤ 1.3×
// BM_Record; BM_LockUncontended ≤ 60 ns.
//   bench_engine --benchmark_repetitions=5 --benchmark_report_aggregates_only=true
#include "engine/control/run.h"
#include "engine/record/clock.h"
#include "engine/sync/lock.h"

#include <benchmark/benchmark.h>

#include <mutex>
#include <vector>

using namespace tl;

namespace {

// Events are consumed (outside the timed region) every kDrainEvery iterations so memory stays
// bounded and the buffer's chunks are recycled, as they are when the app drains a live run.
constexpr int64_t kDrainEvery = 1 << 16;

void drainOwn(benchmark::State& state, ThreadState& ts, std::vector<Event>& sink)
{
    state.PauseTiming();
    sink.clear();
    ts.run().recorder().buffer(ts.lane()).consume(sink);
    state.ResumeTiming();
}

// Runs `loop` on a traced thread (the main thread of a fresh run): ThreadState::current()
// is valid inside, as it is for scenario code.
template <class Loop> void inRun(benchmark::State& state, Loop loop)
{
    Run run;
    run.execute([&] { loop(ThreadState::current()); });
    if (run.status() != RunStatus::Finished)
        state.SkipWithError("run did not finish");
}

void BM_Timestamp(benchmark::State& state)
{
    Clock::calibrate();
    for (auto _ : state)
        benchmark::DoNotOptimize(Clock::ticks());
}
BENCHMARK(BM_Timestamp);

void BM_TimestampOrdered(benchmark::State& state)
{
    Clock::calibrate();
    for (auto _ : state)
        benchmark::DoNotOptimize(Clock::orderedTicks());
}
BENCHMARK(BM_TimestampOrdered);

// One ordinary event (a queue put): the plain timestamp.
void BM_Record(benchmark::State& state)
{
    inRun(state, [&](ThreadState& ts) {
        std::vector<Event> sink;
        sink.reserve(kDrainEvery + EventBuffer::kChunkEvents);
        int64_t n = 0;
        for (auto _ : state) {
            ts.record(Ev::Put, 1, n, 0);
            if (++n % kDrainEvery == 0) [[unlikely]]
                drainOwn(state, ts, sink);
        }
    });
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Record)->UseRealTime();

// One event whose order across threads matters (a shared variable's write): the ordered
// timestamp (RDTSCP), for comparison.
void BM_RecordOrdered(benchmark::State& state)
{
    inRun(state, [&](ThreadState& ts) {
        std::vector<Event> sink;
        sink.reserve(kDrainEvery + EventBuffer::kChunkEvents);
        int64_t n = 0;
        for (auto _ : state) {
            ts.record(Ev::VarWrite, 1, n, 0);
            if (++n % kDrainEvery == 0) [[unlikely]]
                drainOwn(state, ts, sink);
        }
    });
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_RecordOrdered)->UseRealTime();

// Two threads recording at once, each into its own run's buffer: per-event cost must not
// grow (no shared cache lines between recording threads).
void BM_RecordTwoThreads(benchmark::State& state) { BM_Record(state); }
BENCHMARK(BM_RecordTwoThreads)->Threads(2)->UseRealTime();

void BM_LockUncontended(benchmark::State& state)
{
    inRun(state, [&](ThreadState& ts) {
        Lock lock(ts.run(), "bench");
        std::vector<Event> sink;
        sink.reserve(2 * kDrainEvery + EventBuffer::kChunkEvents);
        int64_t n = 0;
        for (auto _ : state) {
            lock.acquire();
            lock.release();
            if (++n % kDrainEvery == 0) [[unlikely]]
                drainOwn(state, ts, sink);
        }
    });
}
BENCHMARK(BM_LockUncontended)->UseRealTime();

void BM_StdMutexUncontended(benchmark::State& state)
{
    std::mutex m;
    for (auto _ : state) {
        m.lock();
        m.unlock();
        benchmark::ClobberMemory();
    }
}
BENCHMARK(BM_StdMutexUncontended);

}  // namespace

BENCHMARK_MAIN();
