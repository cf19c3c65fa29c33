// SPDX-License-Identifier: MIT
// The Python tracer's cost (issue 17 budgets): each benchmark runs one program of
// tests/bench/pytrace twice per iteration, untraced (`python3 prog.py`) and traced (pytrace),
// and reports the workload's own time (the program measures it, start-up excluded) for both,
// their ratio, events per second, and whether anything was dropped.
//   ratio          traced / untraced workload wall time
//   cpu_ratio      the same for the program's CPU time (all its threads, the tracer's drain
//                  thread included): steadier than wall time on a loaded machine
//   ns_per_event   (traced - untraced) CPU time / recorded events: what recording adds per event
//   holds          lock holds in the trace (lossless: 4 x 250k `with lock:` must give 1M)
//   dropped        records the tracer dropped (at 2M events/s there must be none)
//   viewer_ns      ThreadLens's own CPU time per event (receiving, decoding, ordering, building
//                  the model: every thread of this process while the program is traced)
//   thread_ns      (BM_RecordCost only) what recording adds per event on the program's own
//                  thread: a traced and a native lock in one traced process, best of 7 rounds
//                  each (percall.py); the drain thread's share is not in it
// The CPU column is ThreadLens's own: receiving, decoding and building the model.
// Python: $THREADLENS_BENCH_PYTHON, else /usr/bin/python3.
#include "engine/pytrace/program.h"

#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <sys/resource.h>
#include <vector>

using namespace tl;

namespace {

std::string python()
{
    const char* p = std::getenv("THREADLENS_BENCH_PYTHON");
    return p && *p ? p : "/usr/bin/python3";
}

std::string script(const char* name) { return std::string(TL_SOURCE_DIR) + "/tests/bench/pytrace/" + name; }

// The "elapsed <seconds> cpu <seconds>" line a bench program prints; -1 if none.
struct Times {
    double wall = -1, cpu = -1;
};
Times timesOf(const std::string& output)
{
    Times t;
    const auto at = output.rfind("elapsed ");
    if (at == std::string::npos)
        return t;
    t.wall = std::atof(output.c_str() + at + 8);
    const auto cpu = output.find(" cpu ", at);
    if (cpu != std::string::npos)
        t.cpu = std::atof(output.c_str() + cpu + 5);
    return t;
}

Times untraced(const std::string& prog, const std::vector<std::string>& args)
{
    std::string cmd = python() + " " + prog;
    for (const auto& a : args)
        cmd += " " + a;
    cmd += " 2>&1";
    FILE* f = ::popen(cmd.c_str(), "r");
    if (!f)
        return {};
    std::string out;
    char buf[512];
    while (std::fgets(buf, sizeof buf, f))
        out += buf;
    ::pclose(f);
    return timesOf(out);
}

double selfCpu()
{
    rusage u{};
    ::getrusage(RUSAGE_SELF, &u);
    return double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) * 1e-6;
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
}

// Untraced and traced runs alternate, so that both see the same machine load; medians reported.
void runProgram(benchmark::State& state, const char* name, std::vector<std::string> args)
{
    const std::string prog = script(name);
    std::vector<double> plainWall, plainCpu, tracedWall, tracedCpu;
    int64_t events = 0, holds = 0, dropped = 0;
    std::vector<double> threadNs, viewerNs;
    for (auto _ : state) {
        const Times plain = untraced(prog, args);
        pytrace::ProgramOptions o;
        o.python = python();
        o.script = prog;
        o.args = args;
        o.captureOutput = true;
        pytrace::Program p;
        const double cpu0 = selfCpu();
        const Trace trace = pytrace::traceProgram(p, o, 600'000);
        const double viewerCpu = selfCpu() - cpu0;
        const Times traced = timesOf(p.output());
        if (plain.wall <= 0 || traced.wall <= 0 || trace.result.status != "finished") {
            state.SkipWithError(("the program failed: " + p.error() + trace.result.message).c_str());
            return;
        }
        state.SetIterationTime(traced.wall);
        plainWall.push_back(plain.wall);
        plainCpu.push_back(plain.cpu);
        tracedWall.push_back(traced.wall);
        tracedCpu.push_back(traced.cpu);
        events = int64_t(trace.eventCount());
        if (events > 0)
            viewerNs.push_back(viewerCpu * 1e9 / double(events));
        if (const auto at = p.output().rfind("per_event_ns "); at != std::string::npos)
            threadNs.push_back(std::atof(p.output().c_str() + at + 13));
        holds = int64_t(trace.holds.size());
        dropped = std::max<int64_t>(dropped, trace.droppedRecords);
    }
    const double pw = median(plainWall), pc = median(plainCpu), tw = median(tracedWall), tc = median(tracedCpu);
    state.counters["untraced_ms"] = pw * 1e3;
    state.counters["traced_ms"] = tw * 1e3;
    state.counters["ratio"] = tw / pw;
    state.counters["cpu_ratio"] = pc > 0 ? tc / pc : 0;
    state.counters["events"] = double(events);
    state.counters["events_per_s"] = double(events) / tw;
    state.counters["ns_per_event"] = events ? (tc - pc) * 1e9 / double(events) : 0;
    state.counters["viewer_ns"] = median(viewerNs);
    state.counters["holds"] = double(holds);
    state.counters["dropped"] = double(dropped);
    if (!threadNs.empty())
        state.counters["thread_ns"] = median(threadNs);
}

void BM_Lock1Thread(benchmark::State& s) { runProgram(s, "lock_1t.py", {"1000000"}); }
void BM_Lock4Threads(benchmark::State& s) { runProgram(s, "lock_4t.py", {"250000"}); }
void BM_QueueProducerConsumer(benchmark::State& s) { runProgram(s, "queue_pc.py", {"100000"}); }
void BM_Executor(benchmark::State& s) { runProgram(s, "executor.py", {"20000"}); }
void BM_TypicalLesson(benchmark::State& s) { runProgram(s, "lesson.py", {"200"}); }
void BM_Rate2M(benchmark::State& s) { runProgram(s, "rate.py", {"2000000", "3"}); }
void BM_RecordCost(benchmark::State& s) { runProgram(s, "percall.py", {"500000"}); }

}  // namespace

BENCHMARK(BM_Lock1Thread)->UseManualTime()->Iterations(3)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Lock4Threads)->UseManualTime()->Iterations(3)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_QueueProducerConsumer)->UseManualTime()->Iterations(3)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Executor)->UseManualTime()->Iterations(3)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_TypicalLesson)->UseManualTime()->Iterations(5)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Rate2M)->UseManualTime()->Iterations(3)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_RecordCost)->UseManualTime()->Iterations(3)->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
