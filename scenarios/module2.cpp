// SPDX-License-Identifier: MIT
// Module 2 of the course: thread pools, concurrent.futures.ThreadPoolExecutor (see
// docs/lessons.md, m2.l1–m2.l12).
//
// Tasks capture only values and shared_ptrs: when a run is aborted, main unwinds and the pool's
// destructor returns without waiting, so a task must never point into main's stack.
#include "checks.h"
#include "recording.h"
#include "engine/pool/thread_pool.h"
#include "engine/pool/wait.h"
#include "engine/sync/sync.h"
#include "engine/work.h"
#include "scenario.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <numeric>
#include <queue>
#include <random>
#include <set>
#include <sstream>

namespace tl {
namespace {

using namespace checks;

// "[0, 2, 5]"
std::string listText(const std::vector<int>& v)
{
    std::string s = "[";
    for (size_t i = 0; i < v.size(); ++i)
        s += (i ? ", " : "") + std::to_string(v[i]);
    return s + "]";
}

// Parses "[0, 2, 5]" after `key` in a mark.
std::vector<int> listAfter(const Instant& m, std::string_view key)
{
    std::vector<int> out;
    const size_t at = m.text.find(key);
    if (at == std::string::npos)
        return out;
    const size_t open = m.text.find('[', at), close = m.text.find(']', at);
    if (open == std::string::npos || close == std::string::npos)
        return out;
    std::stringstream ss(m.text.substr(open + 1, close - open - 1));
    for (std::string item; std::getline(ss, item, ',');)
        if (item.find_first_of("0123456789") != std::string::npos)
            out.push_back(std::stoi(item));
    return out;
}

// The one pool of a scenario (or the one named `name`).
std::optional<ObjectId> poolNamed(const Trace& t, std::string_view name = {})
{
    for (ObjectId id : objectsOfKind(t, ObjectKind::Pool))
        if (name.empty() || t.objectName(id) == name)
            return id;
    return std::nullopt;
}

// G6 for one pool: busy <= max_workers, spawned <= min(max_workers, submitted), each task once.
void checkPoolBasics(const Trace& t, ObjectId pool, std::vector<std::string>& out)
{
    const ObjectInfo* info = t.object(pool);
    const int64_t cap = info ? info->capacity : 0;
    const auto futures = submittedFutures(t, pool);
    const auto workers = poolWorkers(t, pool);
    std::vector<Span> spans;
    for (const TaskSpan& ts : t.tasks)
        if (std::find(futures.begin(), futures.end(), ts.future) != futures.end())
            spans.push_back({ts.start, ts.end < 0 ? t.duration() : ts.end});
    const std::string name = t.objectName(pool);
    expect(out, maxConcurrent(spans) <= cap, name + ": more tasks ran at once than max_workers");
    expect(out, int64_t(workers.size()) <= std::min<int64_t>(cap, int64_t(futures.size())),
           name + ": spawned " + std::to_string(workers.size()) + " workers for " + std::to_string(futures.size()) +
               " submits with max_workers " + std::to_string(cap));
    for (auto& v : tasksRunOnce(t))
        out.push_back(v);
    for (auto& v : futureTransitionsLegal(t))
        out.push_back(v);
    // A worker lane exists only after the first submit.
    const auto submits = instantsOf(t, Ev::Submit, -1, pool);
    for (LaneId w : workers)
        expect(out, !submits.empty() && t.lanes[w].start >= submits.front()->t,
               t.lanes[w].info.name + " started before the first submit");
}

// ================================================================ m2.l1 What thread pools are

void runPools(Context& ctx)
{
    const auto& p = ctx.params;
    const int tasks = p.i("tasks");
    const double ms = p.d("task_ms");
    std::vector<std::string> results;
    {
        ThreadPoolExecutor pool(ctx.run, p.i("workers"));
        auto task = [ms](int i) {
            sleepMs(ms);  // the request
            cpuWork(ms / 20);  // the uppercasing
            std::string w = "WORD" + std::to_string(i);
            return w;
        };
        if (p.is("pattern", "wait_each")) {
            for (int i = 0; i < tasks; ++i)
                results.push_back(pool.submit(task, i).result());  // AP2: waits inside the loop
        } else {
            std::vector<Future<std::string>> fs;
            for (int i = 0; i < tasks; ++i)
                fs.push_back(pool.submit(task, i));
            for (auto& f : fs)
                results.push_back(f.result());
        }
        mark("workers spawned: " + std::to_string(pool.threadCount()));
    }
    mark("results: " + std::to_string(results.size()) + " of " + std::to_string(tasks));
}

std::vector<std::string> checkPools(const Trace& t, const ParamValues& p)
{
    std::vector<std::string> out;
    auto pool = poolNamed(t);
    if (!expect(out, pool.has_value(), "no pool"))
        return out;
    checkPoolBasics(t, *pool, out);
    expect(out, int(t.tasks.size()) == p.i("tasks"), "expected one task bar per task");
    if (p.is("pattern", "wait_each"))
        expect(out, pairwiseDisjoint(taskSpans(t)), "wait_each: two tasks overlapped (expected a staircase)");
    const Instant* r = firstMark(t, "results: ", 0);
    expect(out, r && numberAfter(*r, "results: ") == p.i("tasks"), "not every result was collected");
    return out;
}

// ================================================================ m2.l2 Creating a thread pool

void runCreate(Context& ctx)
{
    const auto& p = ctx.params;
    std::string prefix = p.choice("prefix");
    if (prefix == "(default)")
        prefix.clear();
    const int items = p.i("items_per_task");
    const double itemMs = p.d("item_ms");
    mark("threads before the pool: " + std::to_string(activeCount()));
    {
        ThreadPoolExecutor pool(ctx.run, p.i("max_workers"), prefix);
        mark("threads right after construction: " + std::to_string(activeCount()));
        for (int k = 0; k < p.i("tasks"); ++k) {
            // show(items, label=...): the keyword argument travels with the task.
            pool.submit(
                [items, itemMs](std::string label) {
                    for (int i = 0; i < items; ++i) {
                        mark(currentThreadName() + " " + label + ": item " + std::to_string(i));
                        sleepMs(itemMs);
                    }
                },
                "list " + std::to_string(k));
        }
        mark("threads after the submits: " + std::to_string(activeCount()));
        mark("leaving the with block: shutdown(wait=True)");
    }
    mark("with-exit done");
    try {
        ThreadPoolExecutor bad(ctx.run, 0);
    } catch (const ValueError& e) {
        recordException(e.describe());
    }
}

std::vector<std::string> checkCreate(const Trace& t, const ParamValues& p)
{
    std::vector<std::string> out;
    auto pool = poolNamed(t);
    if (!expect(out, pool.has_value(), "no pool"))
        return out;
    checkPoolBasics(t, *pool, out);
    const std::string prefix = p.choice("prefix");
    const std::string want = prefix == "(default)" ? "ThreadPoolExecutor-0" : prefix;
    expect(out, t.objectName(*pool) == want, "pool named " + t.objectName(*pool) + ", expected " + want);
    for (LaneId w : poolWorkers(t, *pool))
        expect(out, t.lanes[w].info.name.rfind(want + "_", 0) == 0,
               "worker " + t.lanes[w].info.name + " lacks the prefix");
    const Instant* after = firstMark(t, "threads right after construction: ", 0);
    expect(out, after && numberAfter(*after, "construction: ") == 1, "a new pool should have no threads yet");
    const Instant* exit = firstMark(t, "with-exit done", 0);
    if (expect(out, exit != nullptr, "no with-exit mark"))
        for (const TaskSpan& ts : t.tasks)
            expect(out, ts.end >= 0 && ts.end <= exit->t, "the with block ended before a task did");
    expect(out, int(t.tasks.size()) == p.i("tasks"), "expected one task per list");
    expect(out, int(marksContaining(t, ": item ").size()) == p.i("tasks") * p.i("items_per_task"),
           "missing item prints");
    expect(out, !exceptions(t, "max_workers must be greater than 0", 0).empty(),
           "max_workers=0 should raise ValueError");
    return out;
}

// ================================================================ m2.l3 submit() and map()

void runSubmitMap(Context& ctx)
{
    const auto& p = ctx.params;
    const int items = p.i("items");
    const int bad = p.i("inject_error_at");
    std::mt19937_64 rng(ctx.seed);
    std::uniform_real_distribution<double> factor(0.3, 1.5);
    auto durations = std::make_shared<std::vector<double>>();
    for (int i = 0; i < items; ++i)
        durations->push_back(p.d("task_ms") * factor(rng));
    auto square = [durations, bad](int i) -> int64_t {
        sleepMs((*durations)[size_t(i)]);
        if (i == bad)
            throw ValueError("bad item " + std::to_string(i));
        return int64_t(i) * i;
    };
    std::vector<int> inputs(static_cast<size_t>(items));
    std::iota(inputs.begin(), inputs.end(), 0);
    ThreadPoolExecutor pool(ctx.run, p.i("workers"));

    mark("submit: one future per item");
    std::vector<Future<int64_t>> fs;
    for (int i : inputs)
        fs.push_back(pool.submit(square, i));
    for (int i : inputs) {
        try {
            mark("submit -> " + std::to_string(i) + ": " + std::to_string(fs[size_t(i)].result()));
        } catch (const ValueError& e) {
            recordException(e.describe());
        }
    }

    mark("map(square, items) called");
    if (p.b("ignore_map_results")) {
        auto ignored = pool.map(square, inputs);  // AP11: never iterated
        (void)ignored;
        mark("map results ignored");
    } else {
        auto results = pool.map(square, inputs);
        int k = 0;
        try {
            for (int64_t v : results)
                mark("map -> " + std::to_string(k++) + ": " + std::to_string(v));
        } catch (const ValueError& e) {
            recordException("map re-raised at item " + std::to_string(k) + ": " + e.describe());
        }
    }
    // Leaving the with block waits for every task, including the ones map still runs.
}

std::vector<std::string> checkSubmitMap(const Trace& t, const ParamValues& p)
{
    std::vector<std::string> out;
    auto pool = poolNamed(t);
    if (!expect(out, pool.has_value(), "no pool"))
        return out;
    checkPoolBasics(t, *pool, out);
    const int items = p.i("items");
    const int bad = p.i("inject_error_at");
    const bool injected = bad >= 0 && bad < items;
    const Instant* called = firstMark(t, "map(square, items) called", 0);
    if (!expect(out, called != nullptr, "no map() call mark"))
        return out;
    const auto submits = instantsOf(t, Ev::Submit, -1, *pool);
    expect(out, int(submits.size()) == 2 * items, "expected 2 × items submits (submit phase and map)");
    auto yields = marksStarting(t, "map -> ", 0);
    // All of map's submits happen at the call, before the first yield.
    if (!yields.empty())
        for (const Instant* s : submits)
            expect(out, s->t < yields.front()->t, "a map submit came after the first yield");
    // The k-th yield is for input k.
    for (size_t k = 0; k < yields.size(); ++k)
        expect(out,
               numberAfter(*yields[k], "map -> ") == int64_t(k) &&
                   numberAfter(*yields[k], ": ") == int64_t(k) * int64_t(k),
               "yield " + std::to_string(k) + " is not input " + std::to_string(k) + ": " + yields[k]->text);
    auto mainErrors = exceptions(t, "bad item", 0);
    const int afterCall =
        int(std::count_if(mainErrors.begin(), mainErrors.end(), [&](auto* e) { return e->t > called->t; }));
    if (p.b("ignore_map_results")) {
        expect(out, yields.empty(), "map results were ignored but yielded");
        expect(out, afterCall == 0, "AP11: an unconsumed map must not raise in main");
        expect(out, int(t.tasks.size()) == 2 * items, "every map task still runs when its results are ignored");
    } else {
        expect(out, int(yields.size()) == (injected ? bad : items), "map should yield up to the failing item");
        expect(out, afterCall == (injected ? 1 : 0), "map should re-raise the injected error exactly once");
    }
    if (injected) {
        int failed = 0;
        for (const TaskSpan& ts : t.tasks)
            failed += ts.outcome == 1;
        expect(out, failed >= 1, "the injected error did not fail a task");
        expect(out, int(exceptions(t, "bad item", 0).size()) >= 1, "submit: result() should re-raise in main");
    }
    return out;
}

// ================================================================ m2.l4 Getting results

const double kResultDurations[] = {700, 1400, 3200, 4100, 2700, 300, 1100};

void runResults(Context& ctx)
{
    const auto& p = ctx.params;
    const int n = p.i("tasks");
    std::mt19937_64 rng(ctx.seed);
    std::uniform_int_distribution<int> extra(3, 41);
    std::vector<double> durations;
    for (int i = 0; i < n; ++i)
        durations.push_back(i < 7 ? kResultDurations[i] : 100.0 * extra(rng));
    const double perCall = p.d("per_call_timeout_ms");
    const bool overall = p.is("deadline_mode", "overall");
    {
        ThreadPoolExecutor pool(ctx.run, n);
        std::vector<Future<std::string>> fs;
        for (int i = 0; i < n; ++i)
            fs.push_back(pool.submit(
                [](int k, double ms) {
                    sleepMs(ms);
                    return "task" + std::to_string(k) + " slept " + fmt0(ms);
                },
                i, durations[size_t(i)]));
        const auto deadline = detail::deadlineAfterMs(perCall);
        for (int i = 0; i < n; ++i) {
            const double timeout = overall ? std::max(0.0, detail::remainingMs(deadline)) : perCall;
            try {
                mark("task " + std::to_string(i) + ": " + fs[size_t(i)].result(timeout));
            } catch (const TimeoutError&) {
                mark("task " + std::to_string(i) +
                     ": TimeoutError, still running (done=" + pyBool(fs[size_t(i)].done()) + ")");
            }
        }
    }
    mark("after the with block every future finished");
}

std::vector<std::string> checkResults(const Trace& t, const ParamValues& p)
{
    std::vector<std::string> out;
    auto pool = poolNamed(t);
    if (!expect(out, pool.has_value(), "no pool"))
        return out;
    checkPoolBasics(t, *pool, out);
    const int n = p.i("tasks");
    const auto fs = submittedFutures(t, *pool);
    auto marks = marksStarting(t, "task ", 0);
    if (!expect(out, int(fs.size()) == n && int(marks.size()) == n, "expected one submit and one report per task"))
        return out;
    for (int i = 0; i < n; ++i) {
        const Instant* m = marks[size_t(i)];
        expect(out, numberAfter(*m, "task ") == i, "results are not collected in submission order");
        const auto done = futureDoneAt(t, fs[size_t(i)]);
        // A timeout never changes the future: it still reaches FINISHED.
        if (!expect(out, done.has_value() && futureStates(t, fs[size_t(i)]).back() == 3,
                    "future of task " + std::to_string(i) + " did not finish"))
            continue;
        const bool timedOut = m->text.find("TimeoutError") != std::string::npos;
        if (timedOut)
            expect(out, *done + 1'000'000 >= m->t, "task " + std::to_string(i) + " timed out although it was done");
        else
            expect(out, *done <= m->t, "task " + std::to_string(i) + " returned a result before it was done");
    }
    return out;
}

// ================================================================ m2.l5 Executors

void runExecutors(Context& ctx)
{
    const auto& p = ctx.params;
    const int numbers = p.i("numbers");
    const int buckets = p.i("buckets");
    std::mt19937_64 rng(ctx.seed);
    std::uniform_int_distribution<int> value(0, 99);
    std::vector<int> all(static_cast<size_t>(numbers));
    for (int& x : all)
        x = value(rng);
    // The partition on main: one value range per bucket.
    cpuWork(0.2 * numbers);
    auto parts = std::make_shared<std::vector<std::vector<int>>>(size_t(buckets));
    std::vector<std::pair<int, int>> limits;
    for (int k = 0; k < buckets; ++k)
        limits.push_back({100 * k / buckets, 100 * (k + 1) / buckets});
    for (int x : all)
        for (int k = 0; k < buckets; ++k)
            if (x >= limits[size_t(k)].first && x < limits[size_t(k)].second)
                (*parts)[size_t(k)].push_back(x);
    std::vector<int> index(static_cast<size_t>(buckets));
    std::iota(index.begin(), index.end(), 0);
    {
        ThreadPoolExecutor pool(ctx.run, buckets);
        // map(sort_bucket, buckets, limits): the two iterables zipped into (bucket, limit).
        auto sortBucket = [parts, limits](int k) {
            auto& b = (*parts)[size_t(k)];
            cpuWork(2.0 * double(b.size()));
            std::sort(b.begin(), b.end());  // in place: a thread shares the parent's list
            std::string head;
            for (size_t i = 0; i < b.size() && i < 3; ++i)
                head += (i ? ", " : "") + std::to_string(b[i]);
            return "bucket " + std::to_string(k) + " [" + std::to_string(limits[size_t(k)].first) + ", " +
                   std::to_string(limits[size_t(k)].second) + "): " + std::to_string(b.size()) + " numbers, head [" +
                   head + "]";
        };
        for (const std::string& line : pool.map(sortBucket, index))
            mark(line);
    }
    bool sorted = true;
    for (auto& b : *parts)
        sorted = sorted && std::is_sorted(b.begin(), b.end());
    mark(std::string("in-place sort visible to main: ") + pyBool(sorted));
}

std::vector<std::string> checkExecutors(const Trace& t, const ParamValues& p)
{
    std::vector<std::string> out;
    auto pool = poolNamed(t);
    if (!expect(out, pool.has_value(), "no pool"))
        return out;
    checkPoolBasics(t, *pool, out);
    const int buckets = p.i("buckets");
    auto lines = marksStarting(t, "bucket ", 0);
    expect(out, int(lines.size()) == buckets, "expected one output line per bucket");
    int64_t total = 0;
    for (size_t k = 0; k < lines.size(); ++k) {
        expect(out, numberAfter(*lines[k], "bucket ") == int64_t(k),
               "output is not in bucket order: " + lines[k]->text);
        total += numberAfter(*lines[k], "): ").value_or(0);
        // map yields a result only after its task ended.
        if (const TaskSpan* ts = taskNumbered(t, int64_t(k)))
            expect(out, ts->end >= 0 && ts->end <= lines[k]->t,
                   "bucket " + std::to_string(k) + " printed before its task ended");
    }
    expect(out, total == p.i("numbers"), "the buckets do not hold every number");
    expect(out, firstMark(t, "in-place sort visible to main: True", 0) != nullptr,
           "threads share memory: main should see the buckets sorted");
    return out;
}

// ================================================================ m2.l6 wait()

const double kWaitDurations[] = {300, 2100, 900, 3000, 1200, 600, 2500};

void runWait(Context& ctx)
{
    const auto& p = ctx.params;
    const int n = p.i("tasks");
    const bool failFirst = p.b("fail_first");
    std::mt19937_64 rng(ctx.seed);
    std::uniform_int_distribution<int> extra(2, 30);
    const std::string rw = p.choice("return_when");
    const ReturnWhen when = rw == "FIRST_COMPLETED"   ? ReturnWhen::FirstCompleted
                            : rw == "FIRST_EXCEPTION" ? ReturnWhen::FirstException
                                                      : ReturnWhen::AllCompleted;
    {
        ThreadPoolExecutor pool(ctx.run, n);
        std::vector<Future<int>> fs;
        for (int i = 0; i < n; ++i) {
            const double ms = i < 7 ? kWaitDurations[i] : 100.0 * extra(rng);
            fs.push_back(pool.submit([i, ms, failFirst] {
                sleepMs(ms);
                if (failFirst && i == 1)
                    throw ValueError("task 1 failed");
                return i;
            }));
        }
        auto r = wait(fs, p.d("timeout_ms"), when);
        std::vector<int> done, notDone;
        for (auto& f : r.done)
            done.push_back(int(f.task()));
        for (auto& f : r.notDone)
            notDone.push_back(int(f.task()));
        std::sort(done.begin(), done.end());
        std::sort(notDone.begin(), notDone.end());
        mark("wait(" + rw + ") returned: done=" + listText(done) + " not_done=" + listText(notDone));
    }
    mark("with-exit done");
}

std::vector<std::string> checkWait(const Trace& t, const ParamValues& p)
{
    std::vector<std::string> out;
    auto pool = poolNamed(t);
    if (!expect(out, pool.has_value(), "no pool"))
        return out;
    checkPoolBasics(t, *pool, out);
    const int n = p.i("tasks");
    const auto fs = submittedFutures(t, *pool);
    const Instant* m = firstMark(t, "wait(", 0);
    if (!expect(out, m != nullptr && int(fs.size()) == n, "no wait() report"))
        return out;
    const auto done = listAfter(*m, "done="), notDone = listAfter(*m, "not_done=");
    std::set<int> all(done.begin(), done.end());
    all.insert(notDone.begin(), notDone.end());
    expect(out, int(all.size()) == n && int(done.size() + notDone.size()) == n,
           "done and not_done must partition the futures");
    // When wait() returned: the end of main's last wait:future before the report, else the report.
    int64_t returned = m->t;
    for (const Interval& iv : intervalsIn(t, 0, State::WaitFuture))
        if (iv.end <= m->t)
            returned = iv.end;
    std::optional<int64_t> firstFinish, firstFailure;
    for (int k = 0; k < n; ++k) {
        const auto at = futureDoneAt(t, fs[size_t(k)]);
        if (at && (!firstFinish || *at < *firstFinish))
            firstFinish = at;
        const TaskSpan* ts = taskNumbered(t, k, fs[size_t(k)]);
        if (ts && ts->outcome == 1 && at && (!firstFailure || *at < *firstFailure))
            firstFailure = at;
    }
    for (int k : done) {
        const auto at = futureDoneAt(t, fs[size_t(k)]);
        expect(out, at && *at <= m->t, "task " + std::to_string(k) + " reported done before it finished");
    }
    for (int k : notDone) {
        const auto at = futureDoneAt(t, fs[size_t(k)]);
        expect(out, !at || *at + 1'000'000 >= returned,
               "task " + std::to_string(k) + " had finished but is in not_done");
    }
    const std::string rw = p.choice("return_when");
    if (rw == "FIRST_COMPLETED" && !done.empty() && firstFinish)
        expect(out, *firstFinish <= returned + 1'000'000, "FIRST_COMPLETED returned before any finish");
    if (rw == "FIRST_EXCEPTION" && firstFailure && *firstFailure + 1'000'000 < returned)
        expect(out, std::find(done.begin(), done.end(), 1) != done.end(),
               "FIRST_EXCEPTION: the failed task is not in done");
    const Instant* exit = firstMark(t, "with-exit done", 0);
    if (expect(out, exit != nullptr, "no with-exit mark"))
        for (const TaskSpan& ts : t.tasks)
            expect(out, ts.end >= 0 && ts.end <= exit->t, "the with-exit came before a task ended");
    return out;
}

// ================================================================ m2.l7 Initializers

void runInit(Context& ctx)
{
    const auto& p = ctx.params;
    const int n = p.i("tasks");
    const double taskMs = p.d("task_ms"), initMs = p.d("init_ms");
    const int failOn = p.i("init_fail_on");
    auto counter = std::make_shared<ThreadLocal<int>>("done");
    // AP9: ids drawn from one generator shared by every initializer. A Python generator refuses
    // re-entry: a second thread calling next() while the first is inside raises
    // ValueError('generator already executing').
    struct Generator {
        SharedVar running, nextId;
        explicit Generator(Run& r) : running(r, "id_generator running"), nextId(r, "id_generator next") {}
    };
    auto gen = p.b("shared_generator") ? std::make_shared<Generator>(ctx.run) : nullptr;
    auto init = [counter, initMs, failOn, gen] {
        const std::string name = currentThreadName();
        mark("init " + name);
        if (gen) {
            if (gen->running.load() != 0)
                throw ValueError("generator already executing");
            gen->running.store(1);
            sleepMs(initMs / 2);  // the generator's body between two yields
            const int64_t id = gen->nextId.load();
            gen->nextId.store(id + 1);
            gen->running.store(0);
            mark(name + " got id " + std::to_string(id));
        }
        sleepMs(initMs);  // e.g. open a connection
        counter->set(0);
        const int index = std::stoi(name.substr(name.rfind('_') + 1));
        if (index == failOn)
            throw RuntimeError("no database for " + name);
    };
    std::map<std::string, int> perWorker;
    {
        ThreadPoolExecutor pool(ctx.run, p.i("workers"), "environment", init);
        std::vector<Future<std::pair<std::string, int>>> fs;
        try {
            for (int i = 0; i < n; ++i)
                fs.push_back(pool.submit([counter, taskMs] {
                    sleepMs(taskMs);
                    const int done = ++counter->get();  // the worker's own count, kept between tasks
                    return std::make_pair(currentThreadName(), done);
                }));
        } catch (const BrokenThreadPool& e) {
            // An initializer failed while main was still submitting: the pool refuses the rest.
            recordException("late submit: " + e.describe());
        }
        int broken = 0;
        for (auto& f : fs) {
            try {
                auto [name, done] = f.result();
                perWorker[name] = std::max(perWorker[name], done);
            } catch (const BrokenThreadPool&) {
                ++broken;
            }
        }
        if (broken > 0) {
            mark(std::to_string(broken) + " futures failed with BrokenThreadPool");
            try {
                pool.submit([] { return 0; });
            } catch (const BrokenThreadPool& e) {
                recordException("late submit: " + e.describe());
            }
        }
    }
    int sum = 0;
    for (auto& [name, count] : perWorker) {
        mark(name + ": " + std::to_string(count) + " tasks");
        sum += count;
    }
    mark("tasks per worker sum: " + std::to_string(sum));
}

std::vector<std::string> checkInit(const Trace& t, const ParamValues& p)
{
    std::vector<std::string> out;
    auto pool = poolNamed(t, "environment");
    if (!expect(out, pool.has_value(), "no pool named environment"))
        return out;
    checkPoolBasics(t, *pool, out);
    const auto workers = poolWorkers(t, *pool);
    for (LaneId w : workers) {
        auto inits = marksStarting(t, "init ", w);
        expect(out, inits.size() == 1, t.lanes[w].info.name + ": expected exactly one init");
        auto tasks = tasksOn(t, w);
        if (!inits.empty() && !tasks.empty())
            expect(out, inits.front()->t <= tasks.front()->start, t.lanes[w].info.name + ": a task ran before init");
    }
    const int failOn = p.i("init_fail_on");
    const auto initErrors = exceptions(t, "Exception in initializer");
    // The shared generator (AP9) fails only when two initializers overlap: either outcome is legal.
    const bool failed =
        (failOn >= 0 && failOn < int(workers.size())) || (p.b("shared_generator") && !initErrors.empty());
    if (failed) {
        if (!expect(out, !initErrors.empty(), "the initializer of worker " + std::to_string(failOn) + " should fail"))
            return out;
        const int64_t brokeAt = initErrors.front()->t;
        for (const TaskSpan& ts : t.tasks)
            expect(out, ts.start <= brokeAt + 1'000'000, "a task started after the pool broke");
        expect(out,
               !exceptions(t, "late submit: concurrent.futures.thread.BrokenThreadPool", 0).empty() ||
                   firstMark(t, "futures failed with BrokenThreadPool", 0) == nullptr,
               "a submit to a broken pool should raise BrokenThreadPool");
    } else {
        expect(out, initErrors.empty(), "no initializer should fail");
        const Instant* sum = firstMark(t, "tasks per worker sum: ", 0);
        expect(out, sum && numberAfter(*sum, "sum: ") == p.i("tasks"),
               "per-worker counts must sum to the number of tasks");
        int marked = 0;
        for (LaneId w : workers)
            if (const Instant* m = firstMark(t, t.lanes[w].info.name + ": ", 0)) {
                const auto count = numberAfter(*m, ": ");
                marked += int(count.value_or(0));
                expect(out, count == int64_t(tasksOn(t, w).size()),
                       t.lanes[w].info.name + ": its thread-local count differs from its task bars");
            }
        expect(out, marked == p.i("tasks"), "thread-local counts do not add up");
    }
    return out;
}

// ================================================================ m2.l8 Shutting down

void runShutdown(Context& ctx)
{
    const auto& p = ctx.params;
    const int n = p.i("tasks");
    const double unit = p.d("unit_ms");
    std::vector<int> values(static_cast<size_t>(n));
    std::iota(values.begin(), values.end(), 1);
    std::shuffle(values.begin(), values.end(), std::mt19937_64(ctx.seed));
    ThreadPoolExecutor pool(ctx.run, p.i("workers"));
    std::vector<Future<int>> fs;
    for (int v : values)
        fs.push_back(pool.submit(
            [unit](int value) {
                sleepMs(value * unit);
                return value;
            },
            v));
    const bool wait = p.b("wait"), cancel = p.b("cancel_futures");
    mark(std::string("shutdown(wait=") + pyBool(wait) + ", cancel_futures=" + pyBool(cancel) + ")");
    pool.shutdown(wait, cancel);
    mark("shutdown returned");
    if (p.b("late_submit")) {
        try {
            pool.submit([] { return 0; });
        } catch (const RuntimeError& e) {
            recordException(e.describe());
        }
    }
    mark("as_completed begins");
    for (const Future<int>& f : as_completed(fs)) {
        if (f.cancelled())
            mark("as_completed: task " + std::to_string(f.task()) + " cancelled");
        else
            mark("as_completed: task " + std::to_string(f.task()) + " -> " + std::to_string(f.result()));
    }
    pool.shutdown();  // a second call is harmless
}

std::vector<std::string> checkShutdown(const Trace& t, const ParamValues& p)
{
    std::vector<std::string> out;
    auto pool = poolNamed(t);
    if (!expect(out, pool.has_value(), "no pool"))
        return out;
    checkPoolBasics(t, *pool, out);
    const auto fs = submittedFutures(t, *pool);
    const Instant* begin = firstMark(t, "shutdown(", 0);
    const Instant* end = firstMark(t, "shutdown returned", 0);
    if (!expect(out, begin && end, "no shutdown marks"))
        return out;
    for (const Instant* s : instantsOf(t, Ev::Submit, -1, *pool))
        expect(out, s->t < begin->t, "a submit was accepted after shutdown");
    expect(out, int(fs.size()) == p.i("tasks"), "expected every task submitted before shutdown");
    expect(out, exceptions(t, "cannot schedule new futures after shutdown", 0).size() == (p.b("late_submit") ? 1u : 0u),
           "the late submit should raise RuntimeError exactly when attempted");
    int64_t lastEnd = 0;
    for (const TaskSpan& ts : t.tasks) {
        lastEnd = std::max(lastEnd, ts.end);
        expect(out, ts.outcome == 0, "a running task was interrupted");
    }
    for (ObjectId f : fs) {
        const auto st = futureStates(t, f);
        const bool cancelled = !st.empty() && st.back() == 2;
        const bool ran =
            std::any_of(t.tasks.begin(), t.tasks.end(), [&](const TaskSpan& ts) { return ts.future == f; });
        expect(out, !(cancelled && ran), "a cancelled future's task started");
        if (cancelled)
            expect(out, p.b("cancel_futures"), "a future was cancelled without cancel_futures");
    }
    if (p.b("wait"))
        expect(out, end->t >= lastEnd, "shutdown(wait=True) returned before the last task ended");
    else if (!t.tasks.empty() && lastEnd - begin->t > 5'000'000)
        expect(out, end->t < lastEnd, "shutdown(wait=False) should return while tasks still run");
    // as_completed: every future once; those finishing after it began come in finish order.
    auto yields = marksStarting(t, "as_completed: task ", 0);
    const Instant* asBegin = firstMark(t, "as_completed begins", 0);
    expect(out, yields.size() == fs.size(), "as_completed should yield every future once");
    int64_t prev = INT64_MIN;
    bool late = false;
    for (const Instant* y : yields) {
        const auto k = numberAfter(*y, "task ");
        if (!k || *k < 0 || size_t(*k) >= fs.size())
            continue;
        const auto at = futureDoneAt(t, fs[size_t(*k)]);
        if (!at || !asBegin)
            continue;
        if (*at > asBegin->t + 1'000'000) {
            late = true;
            expect(out, *at >= prev, "as_completed yielded out of finish order at task " + std::to_string(*k));
            prev = *at;
        } else if (*at < asBegin->t - 1'000'000) {
            expect(out, !late, "an already finished future was yielded after a later one");
        }
    }
    return out;
}

// ================================================================ m2.l9 Number of threads

void runThreadCount(Context& ctx)
{
    const auto& p = ctx.params;
    const int n = p.i("tasks"), w = p.i("workers");
    const double ms = p.d("task_ms");
    const bool cpu = p.is("workload", "cpu");
    mark(std::string("each task ") + (cpu ? "computes " : "waits ") + fmt0(ms) + " ms (" +
         std::to_string(ThreadState::current().scaledNs(ms)) + " ns at this run's time scale)");
    const int64_t t0 = ctx.run.elapsedNs();
    {
        ThreadPoolExecutor pool(ctx.run, w);
        std::vector<Future<void>> fs;
        for (int i = 0; i < n; ++i)
            fs.push_back(pool.submit([cpu, ms] {
                if (cpu)
                    cpuWork(ms);
                else
                    ioWait(ms);
            }));
        for (auto& f : fs)
            f.result();
        mark("workers spawned: " + std::to_string(pool.threadCount()));
    }
    const double ideal = cpu ? n * ms : std::ceil(double(n) / w) * ms;
    mark("wall: " + fmt0(scenarioMsSince(t0)) + " ms with " + std::to_string(w) + " workers (" +
         (cpu ? "sum of the work " : "ceil(tasks / workers) × task_ms = ") + fmt0(ideal) + " ms)");
}

std::vector<std::string> checkThreadCount(const Trace& t, const ParamValues& p)
{
    std::vector<std::string> out;
    auto pool = poolNamed(t);
    if (!expect(out, pool.has_value(), "no pool"))
        return out;
    checkPoolBasics(t, *pool, out);
    const int n = p.i("tasks"), w = p.i("workers");
    expect(out, int(t.tasks.size()) == n, "expected one task bar per task");
    const Instant* each = firstMark(t, "each task ", 0);
    const auto taskNs = each ? numberAfter(*each, "ms (") : std::nullopt;
    if (!expect(out, taskNs.has_value(), "no \"each task\" mark") || t.tasks.empty())
        return out;
    const int64_t taskLen = taskNs.value_or(0);  // not *taskNs: GCC 12 at -O3 calls that maybe-uninitialized
    const Span all = hull(taskSpans(t));
    if (p.is("workload", "io")) {
        // At most W waits overlap, each lasts task_ms: the staircase is a lower bound.
        const int64_t floor = int64_t(std::ceil(double(n) / w)) * taskLen;
        expect(out, all.length() >= floor,
               "io: wall " + ms(all.length()) + " is below ceil(tasks/W) × task_ms = " + ms(floor));
    } else if (t.gil && w >= 2 && n >= 2 && taskLen >= 2'000'000) {
        // CPU tasks under the GIL take turns (wall time itself depends on the machine's load).
        expect(out, unionLength(spansIn(t, State::WaitGil, poolWorkers(t, *pool))) > 0,
               "cpu under the GIL: no worker ever waited for the GIL");
    }
    return out;
}

// ================================================================ m2.l10 Pool lifecycle

const char* const kMessages[] = {"hello world", "thread pools", "lifecycle of a pool", "abc",      "mississippi",
                                 "zzz",         "executor",     "futures and results", "shutdown", "letters"};

void runLifecycle(Context& ctx)
{
    const auto& p = ctx.params;
    const int n = p.i("messages");
    const double ms = p.d("task_ms");
    const bool race = p.b("race_max");
    struct Shared {
        SharedVar maxWeight;
        SharedVar maxIndex;
        Lock lock;
        Shared(Run& r) : maxWeight(r, "max_weight"), maxIndex(r, "max_message"), lock(r, "max_lock") {}
    };
    auto shared = std::make_shared<Shared>(ctx.run);
    auto analyse = [shared, ms, race](int i) {
        std::string text = kMessages[i % 10];
        if (i >= 10)
            text += " #" + std::to_string(i);
        sleepMs(ms);
        std::map<char, int> counts;
        int64_t weight = 0;
        for (char c : text) {
            if (c != ' ')
                ++counts[c];
            weight += c;
        }
        mark("weight " + std::to_string(weight));
        if (race) {
            // AP8: read, compare, write without the lock; another worker may write in between.
            const int64_t current = shared->maxWeight.load();
            sleepMs(0);
            if (weight > current) {
                shared->maxWeight.store(weight);
                shared->maxIndex.store(i);
            }
        } else {
            std::lock_guard lk(shared->lock);
            if (weight > shared->maxWeight.load()) {
                shared->maxWeight.store(weight);
                shared->maxIndex.store(i);
            }
        }
        int letters = 0;
        for (auto& [c, k] : counts)
            letters += k;
        return letters;
    };
    int merged = 0;
    {
        ThreadPoolExecutor pool(ctx.run, 3);
        mark("pool: CREATED (no worker threads yet)");
        std::vector<Future<int>> fs;
        for (int i = 0; i < n; ++i)
            fs.push_back(pool.submit(analyse, i));
        mark("pool: RUNNING (" + std::to_string(n) + " tasks submitted)");
        for (auto& f : fs)
            merged += f.result();
        mark("pool: SHUTDOWN (no new tasks accepted)");
        pool.shutdown(true);
        mark("pool: TERMINATED (every worker ended)");
        try {
            pool.submit(analyse, 0);
        } catch (const RuntimeError& e) {
            recordException(e.describe());
        }
    }
    int total = 0;
    int64_t trueMax = 0;
    for (int i = 0; i < n; ++i) {
        std::string text = kMessages[i % 10];
        if (i >= 10)
            text += " #" + std::to_string(i);
        int64_t w = 0;
        for (char c : text) {
            total += c != ' ';
            w += c;
        }
        trueMax = std::max(trueMax, w);
    }
    mark("merged letters: " + std::to_string(merged) + " (counted directly: " + std::to_string(total) + ")");
    const int64_t got = shared->maxWeight.load();
    mark("heaviest: weight " + std::to_string(got) + ", true max " + std::to_string(trueMax) +
         ", correct: " + pyBool(got == trueMax));
}

std::vector<std::string> checkLifecycle(const Trace& t, const ParamValues& p)
{
    std::vector<std::string> out;
    auto pool = poolNamed(t);
    if (!expect(out, pool.has_value(), "no pool"))
        return out;
    checkPoolBasics(t, *pool, out);
    const char* stages[] = {"pool: CREATED", "pool: RUNNING", "pool: SHUTDOWN", "pool: TERMINATED"};
    int64_t prev = INT64_MIN;
    for (const char* s : stages) {
        const Instant* m = firstMark(t, s, 0);
        if (expect(out, m != nullptr, std::string("no ") + s + " mark")) {
            expect(out, m->t >= prev, std::string(s) + " out of order");
            prev = m->t;
        }
    }
    if (const Instant* sd = firstMark(t, "pool: SHUTDOWN", 0)) {
        for (const Instant* s : instantsOf(t, Ev::Submit, -1, *pool))
            expect(out, s->t < sd->t, "a submit was accepted after SHUTDOWN");
        if (const Instant* created = firstMark(t, "pool: CREATED", 0))
            for (LaneId w : poolWorkers(t, *pool))
                expect(out, t.lanes[w].start >= created->t, "a worker existed before the pool was used");
    }
    expect(out, !exceptions(t, "cannot schedule new futures after shutdown", 0).empty(),
           "the late submit should be refused");
    const Instant* merged = firstMark(t, "merged letters: ", 0);
    expect(out, merged && numberAfter(*merged, "letters: ") == numberAfter(*merged, "directly: "),
           "the merged counter differs from the sum of the per-task counters");
    // The true max from the weights every task reported, against the last write on the trace.
    int64_t trueMax = 0;
    for (const Instant* w : marksStarting(t, "weight "))
        trueMax = std::max(trueMax, numberAfter(*w, "weight ").value_or(0));
    expect(out, int(marksStarting(t, "weight ").size()) == p.i("messages"), "every task should report its weight");
    auto mw = objectNamed(t, "max_weight");
    const auto writes = mw ? varWrites(t, *mw) : std::vector<const Instant*>{};
    const int64_t last = writes.empty() ? 0 : writes.back()->a;
    const Instant* heaviest = firstMark(t, "heaviest: ", 0);
    if (expect(out, heaviest != nullptr, "no final report")) {
        expect(out, numberAfter(*heaviest, "weight ") == last, "the final value is not the last write in the trace");
        expect(out, (heaviest->text.find("correct: True") != std::string::npos) == (last == trueMax),
               "the report of correctness disagrees with the trace");
    }
    if (!p.b("race_max")) {
        expect(out, last == trueMax, "with the lock the final max must be the true max");
        if (auto lk = objectNamed(t, "max_lock"))
            expect(out, int(holdsOf(t, *lk).size()) == p.i("messages"), "one max_lock hold per task expected");
    }
    return out;
}

// ================================================================ m2.l11 Optimal thread count

void runOptimal(Context& ctx)
{
    const auto& p = ctx.params;
    const int n = p.i("tasks"), reps = p.i("reps"), cap = p.i("max_workers_cap");
    const double ms = p.d("task_ms");
    const std::string workload = p.choice("workload");
    const bool printLock = p.b("print_lock");
    auto stdoutLock = std::make_shared<Lock>(ctx.run, "print_lock");
    auto task = [ms, workload, printLock, stdoutLock](int i) {
        if (workload == "io")
            ioWait(ms);
        else if (workload == "cpu")
            cpuWork(ms);
        else {
            ioWait(ms / 2);
            cpuWork(ms / 2);
        }
        // print(...) writes the text and then the newline: two steps another thread can split.
        if (printLock)
            stdoutLock->acquire();
        mark("print: task " + std::to_string(i) + " done");
        sleepMs(0);
        mark("print: newline " + std::to_string(i));
        if (printLock)
            stdoutLock->release();
        return i;
    };
    std::vector<int> items(static_cast<size_t>(n));
    std::iota(items.begin(), items.end(), 0);
    for (int w = 1; w <= cap; w *= 2) {
        double best = 1e300;
        int spawned = 0;
        for (int r = 0; r < reps; ++r) {
            const int64_t t0 = ctx.run.elapsedNs();
            ThreadPoolExecutor pool(ctx.run, w);
            pool.map(task, items).all();
            spawned = pool.threadCount();
            pool.shutdown();
            best = std::min(best, scenarioMsSince(t0));
        }
        mark("W=" + std::to_string(w) + ": best " + fmt0(best) + " ms of " + std::to_string(reps) + ", spawned " +
             std::to_string(spawned));
    }
    if (p.b("oversized_pool")) {
        ThreadPoolExecutor pool(ctx.run, 200);  // AP10: 200 workers for 4 tasks
        pool.map(task, std::vector<int>{0, 1, 2, 3}).all();
        mark("threads spawned for 4 tasks on a 200-worker pool: " + std::to_string(pool.threadCount()));
    }
}

std::vector<std::string> checkOptimal(const Trace& t, const ParamValues& p)
{
    std::vector<std::string> out;
    const auto pools = objectsOfKind(t, ObjectKind::Pool);
    int sizes = 0;
    for (int w = 1; w <= p.i("max_workers_cap"); w *= 2)
        ++sizes;
    expect(out, int(pools.size()) == sizes * p.i("reps") + (p.b("oversized_pool") ? 1 : 0),
           "unexpected number of pools");
    for (ObjectId pool : pools)
        checkPoolBasics(t, pool, out);
    expect(out, int(marksStarting(t, "W=", 0).size()) == sizes, "one result line per pool size expected");
    if (p.b("oversized_pool")) {
        const Instant* m = firstMark(t, "threads spawned for 4 tasks", 0);
        expect(out, m && numberAfter(*m, "pool: ") == 4, "AP10: exactly 4 threads should spawn for 4 tasks");
    }
    if (p.b("print_lock")) {
        // A locked print is whole: nothing else is printed between its text and its newline.
        const Instant* open = nullptr;
        for (const Instant& in : t.instants) {
            if (in.type != Ev::Mark || in.text.rfind("print: ", 0) != 0)
                continue;
            if (in.text.rfind("print: task ", 0) == 0) {
                expect(out, open == nullptr, "two printed lines interleaved although print_lock is on");
                open = &in;
            } else {
                expect(out, open && open->lane == in.lane, "a newline was printed inside another thread's line");
                open = nullptr;
            }
        }
    }
    return out;
}

// ================================================================ m2.l12 ThreadPool vs asyncio

// A model of asyncio's event loop on one real thread: coroutines are state machines stepped by
// the loop; `await asyncio.sleep` registers a timer; the loop waits in its selector (a queue
// that threads write to, as call_soon_threadsafe writes to the self-pipe) until the next timer
// is due or a thread wakes it. Only awaits switch coroutines.
void eventLoop(Run& run, int tasks, double ioMs, bool blocking, bool toThread, int semLimit)
{
    using Clock = std::chrono::steady_clock;
    auto selector = std::make_shared<Queue<int>>(run, "selector");  // shared with to_thread tasks
    std::optional<ThreadPoolExecutor> executor;  // asyncio's default executor, made on first use
    std::deque<int> ready;
    std::vector<int> stage(size_t(tasks), 0);  // 0 not started, 1 awaiting, 2 done
    using Due = std::pair<Clock::time_point, int>;
    std::priority_queue<Due, std::vector<Due>, std::greater<>> timers;
    std::deque<int> semWaiters;
    int available = semLimit > 0 ? semLimit : INT32_MAX;
    int done = 0;
    for (int c = 0; c < tasks; ++c)
        ready.push_back(c);
    auto name = [](int c) { return "coro " + std::to_string(c) + ": "; };
    while (done < tasks) {
        while (!ready.empty()) {
            const int c = ready.front();
            ready.pop_front();
            if (stage[size_t(c)] == 0) {
                mark(name(c) + "start");
                if (available == 0) {  // async with semaphore: parked until a slot frees
                    mark(name(c) + "await semaphore");
                    semWaiters.push_back(c);
                    stage[size_t(c)] = 3;
                    continue;
                }
            }
            if (stage[size_t(c)] == 0 || stage[size_t(c)] == 3) {
                --available;
                if (blocking && c == 0 && toThread) {
                    mark(name(c) + "await to_thread(time.sleep)");
                    if (!executor)
                        executor.emplace(run, ThreadPoolExecutor::defaultMaxWorkers(), "asyncio");
                    executor->submit([selector, ioMs, c] {
                        sleepMs(ioMs);
                        selector->put(c);  // call_soon_threadsafe: wakes the loop
                    });
                    stage[size_t(c)] = 1;
                } else if (blocking && c == 0) {
                    mark(name(c) + "time.sleep (blocks the loop)");
                    sleepMs(ioMs);
                    ready.push_front(c);  // it continues at once: no await happened
                    stage[size_t(c)] = 1;
                } else {
                    mark(name(c) + "await asyncio.sleep");
                    timers.push({detail::deadlineAfterMs(ioMs), c});
                    stage[size_t(c)] = 1;
                }
                continue;
            }
            // stage 1: resumed after its await
            mark(name(c) + "resumed");
            ++available;
            if (!semWaiters.empty()) {
                ready.push_back(semWaiters.front());
                semWaiters.pop_front();
            }
            mark(name(c) + "done");
            stage[size_t(c)] = 2;
            ++done;
        }
        if (done == tasks)
            break;
        // The selector: wait for the next timer or a wake-up from a thread.
        double timeout = kForever;
        if (!timers.empty())
            timeout = std::max(0.0, detail::remainingMs(timers.top().first));
        try {
            if (timeout != 0)
                ready.push_back(selector->get(true, timeout));
            while (true)
                ready.push_back(selector->getNowait());
        } catch (const QueueEmpty&) {}
        while (!timers.empty() && detail::remainingMs(timers.top().first) <= 0) {
            ready.push_back(timers.top().second);
            timers.pop();
        }
    }
}

void runVsAsyncio(Context& ctx)
{
    const auto& p = ctx.params;
    const int tasks = p.i("tasks");
    const double ioMs = p.d("io_ms");
    Run& run = ctx.run;
    const bool blocking = p.b("blocking_in_coroutine"), toThread = p.b("use_to_thread");
    const int sem = p.i("async_semaphore");
    auto loopWall = std::make_shared<double>(0);
    Thread loop(
        run,
        [&run, tasks, ioMs, blocking, toThread, sem, loopWall] {
            const int64_t t0 = run.elapsedNs();
            eventLoop(run, tasks, ioMs, blocking, toThread, sem);
            *loopWall = scenarioMsSince(t0);
            mark("asyncio: " + std::to_string(tasks) + " coroutines in " + fmt0(*loopWall) + " ms on one thread");
        },
        "asyncio-loop");
    loop.start();
    const int64_t t0 = run.elapsedNs();
    {
        ThreadPoolExecutor pool(run, p.i("workers"), "pool");
        std::vector<Future<void>> fs;
        for (int i = 0; i < tasks; ++i)
            fs.push_back(pool.submit([ioMs] { ioWait(ioMs); }));
        for (auto& f : fs)
            f.result();
    }
    mark("thread pool: " + std::to_string(tasks) + " waits in " + fmt0(scenarioMsSince(t0)) + " ms on " +
         std::to_string(p.i("workers")) + " threads");
    loop.join();
}

std::vector<std::string> checkVsAsyncio(const Trace& t, const ParamValues& p)
{
    std::vector<std::string> out;
    const int tasks = p.i("tasks");
    auto pool = poolNamed(t, "pool");
    if (expect(out, pool.has_value(), "no thread pool"))
        checkPoolBasics(t, *pool, out);
    auto loop = laneNamed(t, "asyncio-loop");
    if (!expect(out, loop.has_value(), "no event-loop lane"))
        return out;
    // Every coroutine mark is on the loop lane (one thread runs them all).
    auto coroMarks = marksStarting(t, "coro ");
    for (const Instant* m : coroMarks)
        expect(out, m->lane == *loop, "a coroutine ran outside the event loop's thread");
    // Switches only at awaits: a coroutine's steps between its start and its await, and between
    // resumed and done, are never interleaved with another coroutine's.
    int64_t current = -1;
    std::map<int64_t, int> inFlight;  // coroutines between their await and resumed
    int maxInFlight = 0, finished = 0;
    const int sem = p.i("async_semaphore");
    for (const Instant* m : coroMarks) {
        const int64_t c = numberAfter(*m, "coro ").value_or(-1);
        const std::string what = m->text.substr(m->text.find(": ") + 2);
        if (what == "start" || what == "resumed") {
            // (a coroutine that blocked in time.sleep never left: it resumes itself)
            expect(out, current == -1 || (current == c && what == "resumed"),
                   "coroutine " + std::to_string(c) + " ran while another had not reached an await");
            current = c;
        } else if (what.rfind("await", 0) == 0 && what != "await semaphore") {
            expect(out, current == c || current == -1, "an await by a coroutine that was not running");
            current = -1;
            inFlight[c] = 1;
            maxInFlight = std::max(maxInFlight, int(inFlight.size()));
        } else if (what == "await semaphore") {
            current = -1;
        } else if (what == "done") {
            expect(out, current == c, "a coroutine finished without running");
            current = -1;
            inFlight.erase(c);
            ++finished;
        }
    }
    expect(out, finished == tasks, "expected every coroutine to finish: " + std::to_string(finished));
    if (sem > 0)
        expect(out, maxInFlight <= sem, "more coroutines in their I/O than the semaphore allows");
    const auto blockingSleeps = intervalsIn(t, *loop, State::Sleep);
    if (p.b("blocking_in_coroutine") && !p.b("use_to_thread")) {
        // While the blocking call runs, no other coroutine progresses: nobody else even starts.
        if (expect(out, !blockingSleeps.empty(), "the blocking time.sleep should show on the loop lane"))
            for (const Instant* m : coroMarks)
                if (numberAfter(*m, "coro ") != 0)
                    expect(out, m->t >= blockingSleeps.front().end,
                           "a coroutine progressed while the loop was blocked");
    } else {
        expect(out, blockingSleeps.empty(), "the loop lane should never sleep");
        if (p.b("blocking_in_coroutine"))
            expect(out, !lanesNamedPrefix(t, "asyncio_").empty(), "to_thread should run on a default-executor lane");
    }
    return out;
}

}  // namespace

void registerModule2(Registry& r)
{
    r.add(
        {.id = "m2.l1",
         .title = "What thread pools are",
         .titleRu = "Что такое пулы потоков",
         .summary = "Reusable workers fed from a queue: submit everything then gather, or wait for each (a staircase).",
         .params = {Param::integer("workers", "max_workers", 4, 1, 16), Param::integer("tasks", "Tasks", 6, 1, 50),
                    Param::integer("task_ms", "Task length", 300, 10, 2000, "ms"),
                    Param::choice("pattern", "Pattern (wait_each = AP2)", {"submit_all", "wait_each"}, 0)},
         .run = runPools,
         .check = checkPools});
    r.add({.id = "m2.l2",
           .title = "Creating a thread pool",
           .titleRu = "Создание пула потоков",
           .summary = "Constructor options and the with block: no threads until the first submit; the exit waits for "
                      "every task.",
           .params = {Param::integer("max_workers", "max_workers", 3, 1, 32),
                      Param::choice("prefix", "thread_name_prefix", {"(default)", "printer", "worker"}, 1),
                      Param::integer("tasks", "Tasks (lists)", 3, 1, 20),
                      Param::integer("items_per_task", "Items per list", 3, 1, 10),
                      Param::integer("item_ms", "Pause per item", 200, 10, 1000, "ms")},
           .run = runCreate,
           .check = checkCreate});
    r.add({.id = "m2.l3",
           .title = "Submitting tasks: submit() and map()",
           .titleRu = "Отправка задач в пул потоков с помощью submit() и map()",
           .summary =
               "map submits everything at once and yields in input order; unconsumed results swallow errors (AP11).",
           .params = {Param::integer("workers", "max_workers", 3, 1, 16), Param::integer("items", "Items", 6, 1, 50),
                      Param::integer("task_ms", "Task length (varies ×0.3–1.5)", 200, 10, 2000, "ms"),
                      Param::integer("inject_error_at", "Item that raises (-1 = none)", -1, -1, 49),
                      Param::boolean("ignore_map_results", "Bug: never iterate map's results (AP11)", false)},
           .run = runSubmitMap,
           .check = checkSubmitMap});
    r.add({.id = "m2.l4",
           .title = "Getting results from the pool",
           .titleRu = "Получаем результаты из пула потоков",
           .summary =
               "result(timeout) in submission order: per-call timeouts add up (AP13); an overall deadline bounds them.",
           .params = {Param::integer("tasks", "Tasks", 7, 1, 30),
                      Param::integer("per_call_timeout_ms", "result() timeout", 1500, 0, 5000, "ms"),
                      Param::choice("deadline_mode", "Timeout (per_call = AP13)", {"per_call", "overall"}, 0)},
           .run = runResults,
           .check = checkResults});
    r.add({.id = "m2.l5",
           .title = "Executors",
           .titleRu = "Что такое Executors",
           .summary =
               "Bucket sort with executor.map over two zipped iterables: results in bucket order, sorted in place.",
           .params = {Param::integer("numbers", "Numbers", 150, 10, 2000),
                      Param::integer("buckets", "Buckets", 4, 2, 16)},
           .run = runExecutors,
           .check = checkExecutors});
    r.add(
        {.id = "m2.l6",
         .title = "Waiting for tasks to finish: wait()",
         .titleRu = "Ожидание завершения задач",
         .summary =
             "wait(timeout, return_when) splits the futures into done and not_done; the with-exit waits for the rest.",
         .params = {Param::integer("tasks", "Tasks", 7, 1, 40),
                    Param::integer("timeout_ms", "wait() timeout", 1500, 0, 5000, "ms"),
                    Param::choice("return_when", "return_when", {"ALL_COMPLETED", "FIRST_COMPLETED", "FIRST_EXCEPTION"},
                                  0),
                    Param::boolean("fail_first", "Task 1 raises", false)},
         .run = runWait,
         .check = checkWait});
    r.add({.id = "m2.l7",
           .title = "Initializing worker threads",
           .titleRu = "Инициализация рабочих потоков",
           .summary =
               "One initializer call per worker sets a thread-local counter; a failing initializer breaks the pool.",
           .params = {Param::integer("workers", "max_workers", 3, 1, 16), Param::integer("tasks", "Tasks", 10, 1, 200),
                      Param::integer("task_ms", "Task length", 100, 10, 1000, "ms"),
                      Param::integer("init_ms", "Initializer length", 50, 0, 1000, "ms"),
                      Param::integer("init_fail_on", "Initializer fails on worker (-1 = none)", -1, -1, 15),
                      Param::boolean("shared_generator", "Bug: initializers share one id generator (AP9)", false)},
           .run = runInit,
           .check = checkInit});
    r.add({.id = "m2.l8",
           .title = "Shutting down the pool",
           .titleRu = "Завершение работы пула потоков",
           .summary = "shutdown(wait, cancel_futures), a refused late submit, and as_completed in finish order.",
           .params = {Param::integer("workers", "max_workers", 7, 1, 16), Param::integer("tasks", "Tasks", 7, 1, 30),
                      Param::integer("unit_ms", "Task length per value unit", 100, 10, 500, "ms"),
                      Param::boolean("wait", "shutdown(wait=...)", true),
                      Param::boolean("cancel_futures", "cancel_futures", false),
                      Param::boolean("late_submit", "Submit after shutdown", true)},
           .run = runShutdown,
           .check = checkShutdown});
    r.add({.id = "m2.l9",
           .title = "Number of threads",
           .titleRu = "Количество потоков",
           .summary = "Wall time against max_workers: a staircase for I/O, a flat line for CPU work under the GIL.",
           .params = {Param::integer("tasks", "Tasks", 20, 1, 200),
                      Param::integer("task_ms", "Task length", 200, 10, 250, "ms"),
                      Param::integer("workers", "max_workers", 4, 1, 64),
                      Param::choice("workload", "Workload", {"io", "cpu"}, 0)},
           .run = runThreadCount,
           .check = checkThreadCount,
           .defaultGil = true});
    r.add({.id = "m2.l10",
           .title = "Thread pool lifecycle",
           .titleRu = "Жизненный цикл пула потоков",
           .summary = "Created, running, shut down, terminated; a global max updated without a lock can lose (AP8).",
           .params = {Param::integer("messages", "Messages", 6, 1, 50),
                      Param::integer("task_ms", "Task length", 200, 10, 2000, "ms"),
                      Param::boolean("race_max", "Bug: update the max without a lock (AP8)", false)},
           .run = runLifecycle,
           .check = checkLifecycle});
    r.add(
        {.id = "m2.l11",
         .title = "Testing and the optimal thread count",
         .titleRu = "Тестирование и оптимальное количество потоков",
         .summary = "A benchmark over pool sizes 1, 2, 4…: I/O speeds up until W reaches the task count, CPU does not.",
         .params = {Param::integer("max_workers_cap", "Largest pool size", 64, 1, 64),
                    Param::integer("tasks", "Tasks", 20, 1, 40),
                    Param::integer("task_ms", "Task length", 40, 10, 100, "ms"),
                    Param::choice("workload", "Workload", {"io", "cpu", "mixed"}, 0),
                    Param::integer("reps", "Repetitions", 2, 1, 3),
                    Param::boolean("oversized_pool", "Bug: 200 workers for 4 tasks (AP10)", false),
                    Param::boolean("print_lock", "Guard print() with a lock", true)},
         .run = runOptimal,
         .check = checkOptimal,
         .defaultGil = true});
    r.add({.id = "m2.l12",
           .title = "ThreadPool vs asyncio",
           .titleRu = "ThreadPool vs AsyncIO",
           .summary = "A pool of blocked threads beside a one-thread event loop whose coroutines switch only at await.",
           .params = {Param::integer("tasks", "Tasks", 10, 1, 1000),
                      Param::integer("io_ms", "I/O wait", 500, 10, 2000, "ms"),
                      Param::integer("workers", "Pool workers", 4, 1, 32),
                      Param::boolean("blocking_in_coroutine", "Bug: time.sleep inside a coroutine", false),
                      Param::boolean("use_to_thread", "Fix: asyncio.to_thread for the blocking call", false),
                      Param::integer("async_semaphore", "asyncio.Semaphore limit (0 = none)", 0, 0, 100)},
           .run = runVsAsyncio,
           .check = checkVsAsyncio});
}

}  // namespace tl
