// SPDX-License-Identifier: MIT
// Module 2, sizing and living with a pool (see docs/lessons.md): the number of threads (l9), the
// pool's lifecycle (l10), testing for the optimal count (l11) and ThreadPool against asyncio (l12).
#include "module2_pools.h"

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

namespace tl::m2 {
namespace {

using namespace checks;

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

// The fewest workers within 5% of the fastest time: more threads than that buy nothing.
LessonResult resultOptimal(const Trace& t, const ParamValues&)
{
    std::vector<std::pair<int64_t, int64_t>> sizes;  // (workers, best ms), from "W=4: best 103 ms of 2, ..."
    const Instant* last = nullptr;
    for (const Instant* m : marksStarting(t, "W=")) {
        const auto w = field(m->text, "W"), best = numberAfter(*m, "best ");
        if (w && best) {
            sizes.emplace_back(*w, *best);
            last = m;
        }
    }
    if (sizes.empty())
        return {};
    int64_t fastest = sizes.front().second;
    for (const auto& s : sizes)
        fastest = std::min(fastest, s.second);
    const auto best =
        std::find_if(sizes.begin(), sizes.end(), [&](const auto& s) { return s.second * 100 <= fastest * 105 + 100; });
    // Sentences app/i18n/messages.cpp knows (the Result line is shown in the reader's language).
    std::string times;
    for (const auto& [workers, ms] : sizes)
        times += (times.empty() ? "" : ", ") + std::to_string(workers) + ": " + std::to_string(ms);
    std::string text = "Best pool size: " + std::to_string(best->first) + ", " + std::to_string(best->second) +
                       " ms (best time by pool size, ms: " + times + ")";
    if (const Instant* big = lastMark(t, "threads spawned for 4 tasks"))
        if (const auto n = numberAfter(*big, "pool: "))
            return {text + "; a pool of 200 workers started " + std::to_string(*n) + " threads for 4 tasks", big->t};
    return {text, last->t};
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

void registerPoolSizing(Registry& r)
{
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
           .summary = "Created, running, shut down, terminated; a global max updated without a lock can lose.",
           .params = {Param::integer("messages", "Messages", 6, 1, 50),
                      Param::integer("task_ms", "Task length", 200, 10, 2000, "ms"),
                      Param::boolean("race_max", "Bug: update the max without a lock", false)},
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
                    Param::boolean("oversized_pool", "Bug: 200 workers for 4 tasks", false),
                    Param::boolean("print_lock", "Guard print() with a lock", true)},
         .run = runOptimal,
         .check = checkOptimal,
         .result = resultOptimal,
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

}  // namespace tl::m2
