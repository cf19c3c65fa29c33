// SPDX-License-Identifier: MIT
// The Python tracer's cost (issue 17 budgets): each benchmark runs one program of
// tests/bench/pytrace twice per iteration, untraced (`python3 prog.py`) and traced (pytrace),
// and reports the workload's own time (the program measures it, start-up excluded) for both,
// their ratio, events per second, and whether anything was dropped.
//   ratio          traced / untraced workload time
//   ns_per_event   (traced - untraced) / recorded events: what recording adds per event
//   holds          lock holds in the trace (lossless: 4 x 250k `with lock:` must give 1M)
// Python: $THREADLENS_BENCH_PYTHON, else /usr/bin/python3.
#include "engine/pytrace/program.h"

#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <string>

using namespace tl;

namespace {

std::string python()
{
    const char* p = std::getenv("THREADLENS_BENCH_PYTHON");
    return p && *p ? p : "/usr/bin/python3";
}

std::string script(const char* name) { return std::string(TL_SOURCE_DIR) + "/tests/bench/pytrace/" + name; }

// The "elapsed <seconds>" line a bench program prints; -1 if none.
double elapsedOf(const std::string& output)
{
    const auto at = output.rfind("elapsed ");
    return at == std::string::npos ? -1 : std::atof(output.c_str() + at + 8);
}

double untraced(const std::string& prog, const std::string& arg)
{
    const std::string cmd = python() + " " + prog + " " + arg + " 2>&1";
    FILE* f = ::popen(cmd.c_str(), "r");
    if (!f)
        return -1;
    std::string out;
    char buf[512];
    while (std::fgets(buf, sizeof buf, f))
        out += buf;
    ::pclose(f);
    return elapsedOf(out);
}

void runProgram(benchmark::State& state, const char* name, const char* arg)
{
    const std::string prog = script(name);
    double sumPlain = 0, sumTraced = 0;
    int64_t events = 0, holds = 0, dropped = 0;
    for (auto _ : state) {
        const double plain = untraced(prog, arg);
        pytrace::ProgramOptions o;
        o.python = python();
        o.script = prog;
        o.args = {arg};
        o.captureOutput = true;
        pytrace::Program p;
        const Trace trace = pytrace::traceProgram(p, o, 600'000);
        const double traced = elapsedOf(p.output());
        if (plain <= 0 || traced <= 0 || trace.result.status != "finished") {
            state.SkipWithError(("the program failed: " + p.error() + trace.result.message).c_str());
            return;
        }
        state.SetIterationTime(traced);
        sumPlain += plain;
        sumTraced += traced;
        events = int64_t(trace.eventCount());
        holds = int64_t(trace.holds.size());
        dropped = trace.droppedRecords;
    }
    const double n = double(state.iterations());
    state.counters["untraced_ms"] = sumPlain / n * 1e3;
    state.counters["traced_ms"] = sumTraced / n * 1e3;
    state.counters["ratio"] = sumTraced / sumPlain;
    state.counters["events"] = double(events);
    state.counters["events_per_s"] = double(events) / (sumTraced / n);
    state.counters["ns_per_event"] = events ? (sumTraced - sumPlain) / n * 1e9 / double(events) : 0;
    state.counters["holds"] = double(holds);
    state.counters["dropped"] = double(dropped);
}

void BM_Lock1Thread(benchmark::State& s) { runProgram(s, "lock_1t.py", "1000000"); }
void BM_Lock4Threads(benchmark::State& s) { runProgram(s, "lock_4t.py", "250000"); }
void BM_QueueProducerConsumer(benchmark::State& s) { runProgram(s, "queue_pc.py", "100000"); }
void BM_Executor(benchmark::State& s) { runProgram(s, "executor.py", "20000"); }
void BM_TypicalLesson(benchmark::State& s) { runProgram(s, "lesson.py", "200"); }

}  // namespace

BENCHMARK(BM_Lock1Thread)->UseManualTime()->Iterations(3)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Lock4Threads)->UseManualTime()->Iterations(3)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_QueueProducerConsumer)->UseManualTime()->Iterations(3)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Executor)->UseManualTime()->Iterations(3)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_TypicalLesson)->UseManualTime()->Iterations(5)->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
