// SPDX-License-Identifier: MIT
// Module 9 of the course (see docs/lessons.md): multiprocessing.Pool with real worker
// processes (engine/pool/process_pool.h). Worker lanes carry their real pid; G5 holds per
// process, not across processes. The lessons live in module9_calls.cpp and module9_practice.cpp;
// this file holds what they share (module9_pool.h) and registers them.
#include "module9_pool.h"

#include "engine/work.h"
#include "checks.h"

#include <algorithm>
#include <random>
#include <set>

namespace tl {
namespace m9 {

using checks::expect;

// ---- task functions (they run in the worker processes) ----

namespace {

// A counter only the worker processes change: a child's writes stay in the child.
int g_childCounter = 0;

// "ms|value": CPU work for ms, returns value squared.
std::string squareAfter(const std::string& arg)
{
    const auto bar = arg.find('|');
    cpuWork(std::stod(arg.substr(0, bar)));
    const long long v = std::stoll(arg.substr(bar + 1));
    if (v < 0)
        throw ValueError("negative item " + std::to_string(-v - 1));
    return std::to_string(v * v);
}

}  // namespace

PoolOptions poolOptions(int processes, int maxtasks)
{
    PoolOptions o;
    o.processes = processes;
    o.maxtasksperchild = maxtasks;
    o.functions["square"] = &squareAfter;
    o.functions["count_global"] = [](const std::string&) {
        ++g_childCounter;
        mark("child counter = " + std::to_string(g_childCounter));
        return std::to_string(g_childCounter);
    };
    o.functions["job"] = [](const std::string& packed) {  // (cpu|io, ms, payload) -> payload
        auto a = unpackArgs(packed, 3, "job");
        if (a[0] == "cpu")
            cpuWork(std::stod(a[1]));
        else
            ioWait(std::stod(a[1]));
        return std::move(a[2]);  // payloads reach 10 MB
    };
    // starmap: (a, b, ms) -> a * b
    o.functions["multiply"] = [](const std::string& packed) {
        auto args = unpackArgs(packed, 3, "multiply");
        cpuWork(std::stod(args[2]));
        const long long a = std::stoll(args[0]);
        if (a < 0)
            throw ValueError("bad pair " + std::to_string(-a - 1));
        return std::to_string(a * std::stoll(args[1]));
    };
    return o;
}

std::vector<std::string> makeItems(const Context& ctx, int n, double ms, bool random, int failId)
{
    std::mt19937_64 rng(ctx.seed);
    std::uniform_real_distribution<double> d(0.3 * ms, 1.5 * ms);
    std::vector<std::string> items;
    for (int i = 0; i < n; ++i) {
        const double t = random ? d(rng) : ms;
        const long long v = i == failId ? -(i + 1) : i;
        items.push_back(std::to_string(t) + "|" + std::to_string(v));
    }
    return items;
}

std::string joinList(const std::vector<std::string>& v)
{
    std::string s;
    for (auto& x : v)
        s += (s.empty() ? "" : ",") + x;
    return s;
}

std::string squares(int n)
{
    std::vector<std::string> v;
    for (int i = 0; i < n; ++i)
        v.push_back(std::to_string(i * i));
    return joinList(v);
}

// ---- checks on the trace ----

bool isWorker(const Trace& t, LaneId lane) { return lane < t.lanes.size() && t.lanes[lane].info.pid != 1; }

std::vector<const TaskSpan*> workerTasks(const Trace& t)
{
    std::vector<const TaskSpan*> out;
    for (auto& task : t.tasks)
        if (isWorker(t, task.lane))
            out.push_back(&task);
    return out;
}

int maxConcurrentTasks(const Trace& t)
{
    std::vector<std::pair<int64_t, int>> edges;
    for (auto* task : workerTasks(t)) {
        edges.emplace_back(task->start, 1);
        edges.emplace_back(task->end < 0 ? INT64_MAX : task->end, -1);
    }
    std::sort(edges.begin(), edges.end(),
              [](auto& a, auto& b) { return a.first != b.first ? a.first < b.first : a.second < b.second; });
    int cur = 0, best = 0;
    for (auto& [time, d] : edges)
        best = std::max(best, cur += d);
    return best;
}

std::vector<const Instant*> marks(const Trace& t, const std::string& prefix)
{
    return checks::marksStarting(t, prefix, 0);
}

void commonChecks(Issues& v, const Trace& t, int processes)
{
    std::set<int> pids;
    for (auto& lane : t.lanes)
        if (lane.info.pid != 1)
            pids.insert(lane.info.pid);
    expect(v, !pids.empty(), "no worker process lane");
    const int c = maxConcurrentTasks(t);
    expect(v, c <= processes, "more tasks at once (" + std::to_string(c) + ") than processes");
}

std::string resultMark(const Trace& t)
{
    auto m = marks(t, "results: ");
    return m.empty() ? std::string() : m.back()->text.substr(9);
}

int callbacks(const Trace& t, Issues& v)
{
    int n = 0;
    for (auto& i : t.instants)
        if (i.type == Ev::Callback) {
            ++n;
            const std::string& name = t.lanes[i.lane].info.name;
            expect(v, name.find("_handle_results") != std::string::npos, "callback on lane " + name);
        }
    return n;
}

Param processesParam(int def) { return Param::integer("processes", "Worker processes", def, 1, 8); }

std::string phaseResult(const Trace& t, const std::string& label)
{
    auto m = marks(t, "results " + label + ": ");
    return m.empty() ? std::string("<none>") : m.back()->text.substr(std::string("results " + label + ": ").size());
}

int killedWorkerLanes(const Trace& t)
{
    int n = 0;
    for (auto& lane : t.lanes)
        n += lane.info.pid != 1 && lane.killed;
    return n;
}

int childCounter() { return g_childCounter; }

}  // namespace m9

void registerModule9(Registry& r)
{
    m9::registerPoolCalls(r);
    m9::registerPoolPractice(r);
}

}  // namespace tl
