// SPDX-License-Identifier: MIT
// The trace model's budgets (issue #21), the event count as the benchmark's argument (1e5, 1e6,
// 1e7) so the growth shows: ingest >= 20 M events/s (items_per_second), open <= 5 s at 1e7,
// model memory <= 32 bytes per raw event (the bytes_per_event counter). Ingest, save and open
// grow linearly; the per-event figures stay flat.
//   bench_model --benchmark_filter="BM_Ingest|BM_Open"
#include "engine/model/trace_file.h"

#include <QDir>
#include <QFileInfo>
#include <QTemporaryDir>

#include <benchmark/benchmark.h>

#include <map>
#include <memory>

using namespace tl;

namespace {

constexpr int kLanes = 16;

// A synthetic but realistic stream: workers contending for locks with handoffs, a queue
// with puts/gets and depth counters, waits and runs (10 records per worker cycle).
struct Stream {
    Recorder rec;
    std::vector<Event> events;
    explicit Stream(size_t kEvents)
    {
        rec.addLane("MainThread", 1, 0);
        for (int i = 1; i < kLanes; ++i)
            rec.addLane("Thread-" + std::to_string(i), 1, -1);
        ObjectId locks[4];
        for (int i = 0; i < 4; ++i)
            locks[i] = rec.addObject(ObjectKind::Lock, "lock_" + std::to_string(i));
        const ObjectId q = rec.addObject(ObjectKind::Queue, "jobs", 0, QueueOrder::Fifo);
        uint32_t labels[64];
        for (int i = 0; i < 64; ++i)
            labels[i] = rec.intern("item " + std::to_string(i));
        events.reserve(kEvents + 64);
        for (int l = 0; l < kLanes; ++l) {
            events.push_back(Event{l, 0, Ev::ThreadStart, LaneId(l), 0, 0});
            events.push_back(Event{l, 0, Ev::StateChange, LaneId(l), int64_t(State::Run), 0});
        }
        int64_t t = 100;
        uint64_t holdId = 0, flowId = 0, seq = 0;
        int64_t depth = 0;
        std::vector<uint64_t> pendingFlow(kLanes, 0);
        while (events.size() + 10 <= kEvents - kLanes) {
            for (int l = 0; l < kLanes && events.size() + 10 <= kEvents - kLanes; ++l) {
                const auto lane = LaneId(l);
                const ObjectId lock = locks[l % 4];
                auto add = [&](int64_t dt, Ev type, ObjectId o, int64_t a, int64_t b) {
                    events.push_back(Event{t + dt, o, type, lane, a, b});
                };
                add(0, Ev::StateChange, lock, int64_t(State::WaitLock), 0);
                add(40, Ev::StateChange, 0, int64_t(State::Run), 0);
                add(40, Ev::HoldBegin, lock, int64_t(++holdId), 0);
                if (pendingFlow[size_t(l)])
                    add(40, Ev::FlowEnd, lock, int64_t(pendingFlow[size_t(l)]), int64_t(FlowKind::Handoff));
                else
                    add(40, Ev::AcquireTry, lock, 1, 0);
                ++seq;
                add(50, Ev::Put, q, int64_t(seq), labels[seq % 64]);
                add(50, Ev::Counter, q, int64_t(CounterKind::Depth), ++depth);
                add(60, Ev::HoldEnd, lock, int64_t(holdId), l);
                pendingFlow[size_t((l + 4) % kLanes)] = ++flowId;
                add(60, Ev::FlowStart, lock, int64_t(flowId), int64_t(FlowKind::Handoff));
                add(70, Ev::Get, q, int64_t(seq), labels[seq % 64]);
                add(70, Ev::Counter, q, int64_t(CounterKind::Depth), --depth);
                t += 13;
            }
        }
        for (int l = 0; l < kLanes; ++l)
            events.push_back(Event{t + 100 + l, 0, Ev::ThreadEnd, LaneId(l), 0, 0});
        std::stable_sort(events.begin(), events.end(), [](const Event& a, const Event& b) { return a.t < b.t; });
    }
    Trace build() const
    {
        Trace tr;
        feed(tr);
        tr.finish(events.back().t, RunResult{});
        return tr;
    }
    // In batches, as the app's poll timer drains them.
    void feed(Trace& tr) const
    {
        constexpr size_t kBatch = 65536;
        std::vector<Event> batch;
        batch.reserve(kBatch);
        for (size_t i = 0; i < events.size(); i += kBatch) {
            batch.assign(events.begin() + ptrdiff_t(i),
                         events.begin() + ptrdiff_t(std::min(events.size(), i + kBatch)));
            tr.ingest(batch, rec);
        }
    }
};

// One stream per size, built once (a 1e7 stream takes seconds and 320 MB).
const Stream& stream(int64_t events)
{
    static std::map<int64_t, std::unique_ptr<Stream>> streams;
    auto& s = streams[events];
    if (!s)
        s = std::make_unique<Stream>(size_t(events));
    return *s;
}

// The sizes of issue #21: growth from 1e5 to 1e7 raw events.
void eventCounts(benchmark::internal::Benchmark* b) { b->Arg(100'000)->Arg(1'000'000)->Arg(10'000'000); }

void BM_Ingest(benchmark::State& state)
{
    const Stream& s = stream(state.range(0));
    size_t bytes = 0;
    for (auto _ : state) {
        Trace tr;
        s.feed(tr);
        tr.finish(s.events.back().t, RunResult{});
        bytes = tr.memoryBytes();
        benchmark::DoNotOptimize(tr.lanes.data());
        state.PauseTiming();
        {
            Trace gone = std::move(tr);
        }  // freeing is not part of ingest
        state.ResumeTiming();
    }
    state.counters["events"] = double(s.events.size());
    state.counters["bytes_per_event"] = double(bytes) / double(s.events.size());
    Trace shrunk = s.build();
    shrunk.shrink();
    state.counters["bytes_per_event_shrunk"] = double(shrunk.memoryBytes()) / double(s.events.size());
    state.SetItemsProcessed(int64_t(state.iterations()) * int64_t(s.events.size()));
}
BENCHMARK(BM_Ingest)->Apply(eventCounts)->Unit(benchmark::kMillisecond)->MinTime(2.0);

void BM_Save(benchmark::State& state)
{
    const Trace tr = stream(state.range(0)).build();
    QTemporaryDir dir;
    const QString path = dir.filePath("bench.json");
    for (auto _ : state) {
        QString err;
        if (!saveTrace(tr, path, &err))
            state.SkipWithError(err.toStdString().c_str());
    }
    state.counters["file_MB"] = double(QFileInfo(path).size()) / 1e6;
}
BENCHMARK(BM_Save)->Apply(eventCounts)->Unit(benchmark::kMillisecond)->MinTime(2.0);

void BM_Open(benchmark::State& state)
{
    QTemporaryDir dir;
    const QString path = dir.filePath("bench.json");
    const Stream& s = stream(state.range(0));
    if (!saveTrace(s.build(), path)) {
        state.SkipWithError("could not write the trace file");
        return;
    }
    size_t lanes = 0;
    for (auto _ : state) {
        QString err;
        auto back = openTrace(path, &err);
        if (!back) {
            state.SkipWithError(err.toStdString().c_str());
            break;
        }
        lanes = back->lanes.size();
        state.PauseTiming();
        back.reset();
        state.ResumeTiming();
    }
    state.counters["lanes"] = double(lanes);
    state.counters["file_MB"] = double(QFileInfo(path).size()) / 1e6;
    state.SetItemsProcessed(int64_t(state.iterations()) * int64_t(s.events.size()));
}
BENCHMARK(BM_Open)->Apply(eventCounts)->Unit(benchmark::kMillisecond)->MinTime(2.0);

}  // namespace

BENCHMARK_MAIN();
