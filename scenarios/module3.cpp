// SPDX-License-Identifier: MIT
// Module 3 of the course: Futures (see docs/lessons.md). Tasks run on a real traced
// ThreadPoolExecutor; check() verifies the catalog's invariants on the recorded trace.
#include "engine/pool/thread_pool.h"
#include "engine/pool/wait.h"
#include "engine/sync/sync.h"
#include "engine/work.h"
#include "checks.h"
#include "recording.h"
#include "scenario.h"

#include <random>
#include <set>
#include <sstream>

namespace tl {
namespace {

using namespace checks;
using Issues = std::vector<std::string>;

std::vector<int64_t> parseList(const std::string& text, const std::string& after)
{
    std::vector<int64_t> out;
    size_t p = text.find(after);
    if (p == std::string::npos)
        return out;
    std::istringstream is(text.substr(p + after.size()));
    std::string tok;
    while (std::getline(is, tok, ',')) {
        try {
            out.push_back(std::stoll(tok));
        } catch (...) {}
    }
    return out;
}

std::string joinInts(const std::vector<int64_t>& v)
{
    std::string s;
    for (int64_t x : v)
        s += (s.empty() ? "" : ",") + std::to_string(x);
    return s;
}

// ---------------------------------------------------------------------------------------
// m3.l1 What Futures are: sum the results that are done by a deadline.

void runWhatFutures(Context& ctx)
{
    Run& run = ctx.run;
    const auto& p = ctx.params;
    const int tasks = p.i("tasks");
    const double lo = std::min(p.d("min_ms"), p.d("max_ms")), hi = std::max(p.d("min_ms"), p.d("max_ms"));
    std::mt19937_64 rng(ctx.seed);
    std::uniform_real_distribution<double> dur(lo, hi);
    std::bernoulli_distribution zero(p.d("zero_prob"));
    std::uniform_int_distribution<int> factor(1, 9);
    std::vector<double> durations;
    std::vector<std::pair<int, int>> factors;
    for (int i = 0; i < tasks; ++i) {
        durations.push_back(dur(rng));
        factors.push_back({zero(rng) ? 0 : factor(rng), factor(rng)});
    }
    ThreadPoolExecutor pool(run, tasks);
    std::vector<Future<int64_t>> futures;
    for (int i = 0; i < tasks; ++i)
        futures.push_back(pool.submit([d = durations[size_t(i)], f = factors[size_t(i)]]() -> int64_t {
            ioWait(d);  // the "download"
            if (f.first == 0 || f.second == 0)
                throw ValueError("zero factor in " + std::to_string(f.first) + " * " + std::to_string(f.second));
            return int64_t(f.first) * f.second;
        }));
    auto r = wait(futures, p.d("timeout_ms"));
    std::vector<int64_t> summed;
    int64_t sum = 0;
    for (auto& f : r.done) {
        std::exception_ptr e = f.exception();
        if (e) {
            if (f.exception() != e)
                mark("exception() returned a different object");
            try {
                f.result();
            } catch (const ValueError& err) {
                recordException("task " + std::to_string(f.task()) + ": " + err.describe(), f.id());
            }
            continue;
        }
        sum += f.result();
        summed.push_back(f.task());
    }
    std::sort(summed.begin(), summed.end());
    mark("sum=" + std::to_string(sum) + " of done tasks: " + joinInts(summed));
}

Issues checkWhatFutures(const Trace& tr, const ParamValues& p)
{
    Issues out;
    for (auto& line : futureTransitionsLegal(tr))
        out.push_back(line);
    auto fin = marksStarting(tr, "sum=", 0);
    if (fin.size() != 1) {
        out.push_back("main did not report its sum once");
        return out;
    }
    const int64_t deadline = fin[0]->t;
    // wait() returned at the end of main's last wait:future segment (or at once).
    int64_t waitEnd = 0;
    for (auto& li : laneIntervals(tr, State::WaitFuture, 0, 0))
        if (li.iv->end <= deadline)
            waitEnd = std::max(waitEnd, li.iv->end);
    const auto listed = parseList(fin[0]->text, "done tasks: ");
    const std::set<int64_t> summed(listed.begin(), listed.end());
    int64_t sum = 0;
    auto byTask = futuresByTask(tr);
    auto states = futureStateInstants(tr);
    for (const auto& t : tr.tasks) {
        const bool ok = t.outcome == 0;
        int64_t finished = -1;
        for (auto* s : states[t.future])
            if (s->a == 3)
                finished = s->t;
        if (summed.count(t.task)) {
            if (!ok || finished < 0 || finished > deadline)
                out.push_back("task " + std::to_string(t.task) + " was summed but had not succeeded by the deadline");
            else
                sum += std::stoll(t.value);
        } else if (ok && finished >= 0 && finished + kSlackNs < waitEnd) {
            out.push_back("task " + std::to_string(t.task) + " was done before the deadline but not summed");
        }
        // A failure retrieved by main carries the task's own exception.
        if (!ok && finished >= 0 && finished + kSlackNs < waitEnd) {
            bool seen = false;
            for (auto* e : exceptions(tr, t.value))
                seen = seen || (e->lane == 0 && e->object == t.future);
            if (!seen)
                out.push_back("main did not get task " + std::to_string(t.task) + "'s exception from result()");
        }
    }
    if (field(fin[0]->text, "sum") != sum)
        out.push_back("the reported sum does not match the summed tasks' results");
    if (!marksStarting(tr, "exception() returned a different object").empty())
        out.push_back("exception() returned a different object on a second call");
    (void)p;
    return out;
}

// ---------------------------------------------------------------------------------------
// m3.l2 The Future object: completed by hand, awaited by several consumers.

void runFutureObject(Context& ctx)
{
    Run& run = ctx.run;
    const auto& p = ctx.params;
    const int consumers = p.i("consumers");
    const bool asException = p.is("outcome", "exception");
    Future<int64_t> future(run, "future");
    std::vector<Thread> threads;
    for (int k = 0; k < consumers; ++k)
        threads.emplace_back(
            run,
            [&, k] {
                const std::string me = "consumer-" + std::to_string(k);
                try {
                    mark(me + " got " + std::to_string(future.result()));
                } catch (const ValueError& e) {
                    recordException(me + " got " + e.describe(), future.id());
                }
            },
            "consumer-" + std::to_string(k));
    threads.emplace_back(
        run,
        [&] {
            sleepMs(p.d("set_after_ms"));
            if (future.setRunningOrNotifyCancel()) {
                if (asException)
                    future.setException(std::make_exception_ptr(ValueError("sensor offline")));
                else
                    future.setResult(42);
            }
            try {
                future.setResult(43);  // a second completion is refused
            } catch (const InvalidStateError& e) {
                recordException(e.describe(), future.id());
            }
        },
        "producer");
    for (auto& t : threads)
        t.start();
    for (auto& t : threads)
        t.join();
    mark(std::string("done()=") + (future.done() ? "1" : "0"));
}

Issues checkFutureObject(const Trace& tr, const ParamValues& p)
{
    Issues out;
    for (auto& line : futureTransitionsLegal(tr))
        out.push_back(line);
    const ObjectId f = objectId(tr, "future");
    auto states = futureStateInstants(tr)[f];
    int64_t finished = -1;
    for (auto* s : states)
        if (s->a == 3)
            finished = s->t;
    if (finished < 0)
        out.push_back("the future never finished");
    for (auto& li : laneIntervals(tr, State::WaitFuture, f))
        if (li.iv->end + kSlackNs < finished)
            out.push_back(laneName(tr, li.lane) + " left result() before the future was set");
    const int consumers = p.i("consumers");
    const bool asException = p.is("outcome", "exception");
    size_t got = 0;
    for (int lane : lanesNamedPrefix(tr, "consumer-")) {
        const std::string me = laneName(tr, lane);
        got += asException ? exceptions(tr, me + " got ValueError: sensor offline").size()
                           : marksStarting(tr, me + " got 42", lane).size();
    }
    if (got != size_t(consumers))
        out.push_back(std::to_string(got) + " of " + std::to_string(consumers) +
                      " consumers received the same outcome");
    if (exceptions(tr, "InvalidStateError").size() != 1)
        out.push_back("the second completion did not raise InvalidStateError once");
    if (marksStarting(tr, "done()=1").size() != 1)
        out.push_back("done() is not true at the end");
    return out;
}

// ---------------------------------------------------------------------------------------
// m3.l3 Future methods: blocking result() in submission order, instant snapshots.

const char* kLanguages[] = {"Python", "C", "C++", "Java", "C#", "JavaScript", "Go", "SQL", "Rust", "Kotlin"};

void runFutureMethods(Context& ctx)
{
    Run& run = ctx.run;
    const auto& p = ctx.params;
    const int tasks = p.i("tasks");
    const double taskMs = p.d("task_ms");
    ThreadPoolExecutor pool(run, p.i("workers") > 0 ? p.i("workers") : ThreadPoolExecutor::defaultMaxWorkers());
    std::vector<Future<std::string>> futures;
    for (int i = 0; i < tasks; ++i)
        futures.push_back(pool.submit([taskMs, i] {
            sleepMs(taskMs);
            return "#" + std::to_string(i + 1) + ": " + kLanguages[i % 10];
        }));
    const auto& first = futures.front();
    mark(std::string("snapshot done=") + (first.done() ? "1" : "0") + " running=" + (first.running() ? "1" : "0") +
         " cancelled=" + (first.cancelled() ? "1" : "0"));
    for (auto& f : futures)
        mark("result " + f.result());
}

Issues checkFutureMethods(const Trace& tr, const ParamValues& p)
{
    Issues out;
    for (auto& line : futureTransitionsLegal(tr))
        out.push_back(line);
    auto results = marksStarting(tr, "result #", 0);
    if (int(results.size()) != p.i("tasks"))
        out.push_back("expected " + std::to_string(p.i("tasks")) + " results, saw " + std::to_string(results.size()));
    auto byTask = futuresByTask(tr);
    for (size_t k = 0; k < results.size(); ++k) {
        if (results[k]->text.rfind("result #" + std::to_string(k + 1) + ":", 0) != 0)
            out.push_back("result " + std::to_string(k) + " out of submission order: " + results[k]->text);
        const TaskSpan* t = taskOf(tr, byTask[int64_t(k)]);
        if (!t || t->end < 0 || results[k]->t < t->end)
            out.push_back("result() of task " + std::to_string(k) + " returned before its task ended");
    }
    // Snapshots never block: main does not wait between submitting and the snapshot.
    auto snap = marksStarting(tr, "snapshot", 0);
    if (snap.size() != 1)
        out.push_back("no status snapshot");
    else
        for (auto& li : laneIntervals(tr, State::WaitFuture, 0, 0))
            if (li.iv->end <= snap[0]->t)
                out.push_back("main blocked before its status snapshot");
    return out;
}

// ---------------------------------------------------------------------------------------
// m3.l4 Future lifecycle: pending, running, finished (result or exception), cancelled.

bool every(int i, int k) { return k > 0 && i % k == k - 1; }

void runLifecycle(Context& ctx)
{
    Run& run = ctx.run;
    const auto& p = ctx.params;
    const int tasks = p.i("tasks"), cancelEvery = p.i("cancel_every"), failEvery = p.i("fail_every");
    const double taskMs = p.d("task_ms");
    ThreadPoolExecutor pool(run, p.i("workers"));
    std::vector<Future<int64_t>> futures;
    for (int i = 0; i < tasks; ++i)
        futures.push_back(pool.submit([taskMs, i, failEvery]() -> int64_t {
            sleepMs(taskMs);
            if (every(i, failEvery))
                throw RuntimeError("task " + std::to_string(i) + " failed");
            return int64_t(i) * i;
        }));
    for (int i = 0; i < tasks; ++i)
        if (every(i, cancelEvery))
            futures[size_t(i)].cancel();
    // A running future cannot be cancelled: wait until task 0 runs, then try.
    while (!futures[0].running() && !futures[0].done())
        sleepMs(1);
    futures[0].cancel();
    wait(futures);
    int ok = 0, failed = 0, cancelled = 0;
    for (auto& f : futures) {
        if (f.cancelled())
            ++cancelled;
        else if (f.exception())
            ++failed;
        else
            ++ok;
    }
    mark("finished=" + std::to_string(ok) + " failed=" + std::to_string(failed) +
         " cancelled=" + std::to_string(cancelled));
}

// cancel() returns true iff the future was PENDING (or already CANCELLED) at the call, and a
// refused cancel leaves the state unchanged.
void checkCancels(const Trace& tr, Issues& out)
{
    auto states = futureStateInstants(tr);
    for (auto* c : instantsOf(tr, Ev::Cancel)) {
        int64_t before = -1;
        for (auto* s : states[c->object])
            if (s->t < c->t || (s->t == c->t && s->a != 2))
                before = s->a;
        const bool pendingish = before == 0 || before == 2;
        if ((c->a == 1) != pendingish)
            out.push_back("cancel() of " + tr.objectName(c->object) + " returned " + (c->a ? "True" : "False") +
                          " in state " + std::to_string(before));
        if (c->a == 0)
            for (auto* s : states[c->object])
                if (s->t >= c->t && s->a == 2)
                    out.push_back(tr.objectName(c->object) + " became CANCELLED after a refused cancel()");
    }
    for (auto& [f, st] : states)
        if (!st.empty() && st.back()->a == 2 && taskOf(tr, f))
            out.push_back(tr.objectName(f) + " was cancelled but its task ran");
}

Issues checkLifecycle(const Trace& tr, const ParamValues& p)
{
    Issues out;
    for (auto& line : futureTransitionsLegal(tr))
        out.push_back(line);
    checkCancels(tr, out);
    auto states = futureStateInstants(tr);
    auto byTask = futuresByTask(tr);
    int finished = 0, failed = 0, cancelled = 0;
    for (auto& [task, f] : byTask) {
        const auto& st = states[f];
        if (st.empty())
            continue;
        const int64_t last = st.back()->a;
        const TaskSpan* t = taskOf(tr, f);
        if (last == 2) {
            ++cancelled;
        } else if (last == 3 && t) {
            const bool shouldFail = every(int(task), p.i("fail_every"));
            if ((t->outcome == 1) != shouldFail)
                out.push_back("task " + std::to_string(task) + (shouldFail ? " should have failed" : " failed"));
            (t->outcome == 1 ? failed : finished)++;
        } else {
            out.push_back("task " + std::to_string(task) + " did not end FINISHED or CANCELLED");
        }
    }
    auto fin = marksStarting(tr, "finished=", 0);
    if (fin.empty() || field(fin[0]->text, "finished") != finished || field(fin[0]->text, "failed") != failed ||
        field(fin[0]->text, "cancelled") != cancelled)
        out.push_back("main's final counts do not match the recorded states");
    // A task exception does not end its worker: the worker lives until shutdown.
    for (const auto& t : tr.tasks)
        if (t.outcome == 1 && !fin.empty() && tr.lanes[t.lane].end >= 0 && tr.lanes[t.lane].end < fin[0]->t)
            out.push_back(laneName(tr, t.lane) + " ended after a failed task");
    return out;
}

// ---------------------------------------------------------------------------------------
// m3.l5 Checking a Future's status by polling.

void runStatus(Context& ctx)
{
    Run& run = ctx.run;
    const auto& p = ctx.params;
    const int tasks = p.i("tasks");
    std::mt19937_64 rng(ctx.seed);
    std::uniform_real_distribution<double> dur(20, 120);
    std::vector<double> durations;
    for (int i = 0; i < tasks; ++i)
        durations.push_back(dur(rng));
    Lock printLock(run, "print_lock");
    ThreadPoolExecutor pool(run, p.i("workers"));
    std::vector<Future<std::string>> futures;
    for (int i = 0; i < tasks; ++i) {
        futures.push_back(pool.submit([d = durations[size_t(i)], i] {
            sleepMs(d);
            return "item-" + std::to_string(i);
        }));
        futures.back().addDoneCallback([&printLock](const Future<std::string>& f) {
            std::lock_guard lk(printLock);
            mark(std::string("callback done()=") + (f.done() ? "1" : "0"));
        });
    }
    for (;;) {
        int done = 0, running = 0;
        for (auto& f : futures) {
            done += f.done();
            running += f.running();
        }
        {
            std::lock_guard lk(printLock);
            mark("poll pending=" + std::to_string(tasks - done - running) + " running=" + std::to_string(running) +
                 " done=" + std::to_string(done));
        }
        if (done == tasks)
            break;
        sleepMs(p.d("poll_ms"));
    }
}

Issues checkStatus(const Trace& tr, const ParamValues& p)
{
    Issues out;
    for (auto& line : futureTransitionsLegal(tr))
        out.push_back(line);
    std::vector<int64_t> finishedAt;
    for (auto& [f, st] : futureStateInstants(tr))
        for (auto* s : st)
            if (s->a == 3)
                finishedAt.push_back(s->t);
    std::sort(finishedAt.begin(), finishedAt.end());
    auto finishedBy = [&](int64_t t) {
        return int64_t(std::upper_bound(finishedAt.begin(), finishedAt.end(), t) - finishedAt.begin());
    };
    int64_t prevDone = 0, prevEnd = 0;
    auto polls = marksStarting(tr, "poll ", 0);
    for (auto* m : polls) {
        const int64_t done = field(m->text, "done").value_or(-1);
        if (done < prevDone)
            out.push_back("a poll saw fewer done futures than the one before");
        if (done > finishedBy(m->t))
            out.push_back("a poll at " + ms(m->t) + " saw " + std::to_string(done) + " done, only " +
                          std::to_string(finishedBy(m->t)) + " had finished");
        if (done + 0 < finishedBy(prevEnd - kSlackNs) && prevEnd > 0)
            out.push_back("a poll at " + ms(m->t) + " missed futures that were already done");
        prevDone = done;
        // The next poll counts after this sleep ends.
        prevEnd = m->t;
        for (auto& li : laneIntervals(tr, State::Sleep, 0, 0))
            if (li.iv->start >= m->t) {
                prevEnd = li.iv->end;
                break;
            }
    }
    if (polls.empty() || field(polls.back()->text, "done") != p.i("tasks"))
        out.push_back("the last poll did not see every future done");
    auto cbs = marksStarting(tr, "callback done()=");
    if (int(cbs.size()) != p.i("tasks"))
        out.push_back("expected one callback per future, saw " + std::to_string(cbs.size()));
    for (auto* c : cbs)
        if (c->text != "callback done()=1")
            out.push_back("done() was false inside a done callback");
    return out;
}

// ---------------------------------------------------------------------------------------
// m3.l6 Done callbacks: which lane runs them depends on a race (AP14).

void runCallbacks(Context& ctx)
{
    Run& run = ctx.run;
    const auto& p = ctx.params;
    const int tasks = p.i("tasks"), perFuture = p.i("callbacks_per_future");
    const bool raises = p.b("callback_raises"), unlocked = p.b("unlocked_stock");
    std::mt19937_64 rng(ctx.seed);
    std::uniform_real_distribution<double> dur(0, std::max(0.0, p.d("task_max_ms")));
    std::vector<double> durations;
    for (int i = 0; i < tasks; ++i)
        durations.push_back(dur(rng));
    Lock stockLock(run, "stock_lock");
    SharedVar stock(run, "stock", p.i("stock"));
    auto takeOne = [&] {
        const int64_t v = stock.load();
        cpuWork(0.3);  // checking the order takes a moment: the race window
        if (v > 0)
            stock.store(v - 1);
    };
    {
        ThreadPoolExecutor pool(run, 4);
        for (int i = 0; i < tasks; ++i) {
            auto f = pool.submit([d = durations[size_t(i)], i] {
                sleepMs(d);
                return int64_t(i);
            });
            sleepMs(p.d("register_delay_ms"));
            for (int c = 0; c < perFuture; ++c)
                f.addDoneCallback([&, i, c](const Future<int64_t>&) {
                    mark("cb " + std::to_string(i) + "." + std::to_string(c));
                    if (raises && c == 0)
                        throw RuntimeError("callback failed");
                    if (unlocked) {
                        takeOne();
                    } else {
                        std::lock_guard lk(stockLock);
                        takeOne();
                    }
                });
        }
    }
    mark("stock=" + std::to_string(stock.peek()));
}

Issues checkCallbacks(const Trace& tr, const ParamValues& p)
{
    Issues out;
    for (auto& line : futureTransitionsLegal(tr))
        out.push_back(line);
    const int tasks = p.i("tasks"), perFuture = p.i("callbacks_per_future");
    auto byTask = futuresByTask(tr);
    auto states = futureStateInstants(tr);
    std::map<std::pair<int64_t, int64_t>, std::vector<const Instant*>> cbs;
    for (auto* m : marksStarting(tr, "cb ")) {
        const std::string s = m->text.substr(3);
        const size_t dot = s.find('.');
        cbs[{std::stoll(s.substr(0, dot)), std::stoll(s.substr(dot + 1))}].push_back(m);
    }
    for (int i = 0; i < tasks; ++i) {
        const ObjectId f = byTask[i];
        const TaskSpan* t = taskOf(tr, f);
        int64_t finished = -1;
        for (auto* s : states[f])
            if (s->a == 3)
                finished = s->t;
        int64_t prev = -1;
        for (int c = 0; c < perFuture; ++c) {
            auto& v = cbs[{i, c}];
            if (v.size() != 1) {
                out.push_back("callback " + std::to_string(c) + " of task " + std::to_string(i) + " ran " +
                              std::to_string(v.size()) + " times");
                continue;
            }
            const Instant* m = v[0];
            if (!t || m->t < t->end)
                out.push_back("a callback of task " + std::to_string(i) + " ran before its task ended");
            if (m->t < prev)
                out.push_back("the callbacks of task " + std::to_string(i) + " ran out of registration order");
            prev = m->t;
            // On the worker if registered in time, else at once on the registering (main) lane.
            if (t && m->lane != t->lane && m->lane != 0)
                out.push_back("a callback of task " + std::to_string(i) + " ran on " + laneName(tr, m->lane));
            if (m->lane == 0 && t && t->lane != 0 && finished > m->t)
                out.push_back("a callback ran on main before its future was done");
        }
    }
    if (p.b("callback_raises") && int(exceptions(tr, "exception calling callback").size()) != tasks)
        out.push_back("every first callback raises: expected " + std::to_string(tasks) + " logged callback errors");
    const ObjectId stock = objectId(tr, "stock");
    for (auto* w : instantsOf(tr, Ev::VarWrite, -1, stock))
        if (w->a < 0)
            out.push_back("the stock went negative");
    if (!p.b("unlocked_stock")) {
        const int takes = tasks * (perFuture - (p.b("callback_raises") ? 1 : 0));
        const int64_t expect = std::max(0, p.i("stock") - takes);
        auto fin = marksStarting(tr, "stock=", 0);
        if (fin.empty() || field(fin[0]->text, "stock") != expect)
            out.push_back("with the lock the stock must end at " + std::to_string(expect));
    }
    return out;
}

// ---------------------------------------------------------------------------------------
// m3.l7 Getting exceptions from a Future.

void runExceptions(Context& ctx)
{
    Run& run = ctx.run;
    const auto& p = ctx.params;
    const int tasks = p.i("tasks");
    const double taskMs = p.d("task_ms");
    std::mt19937_64 rng(ctx.seed);
    std::bernoulli_distribution fail(p.d("fail_prob"));
    std::vector<bool> fails;
    for (int i = 0; i < tasks; ++i)
        fails.push_back(fail(rng));
    ThreadPoolExecutor pool(run, p.i("workers"));
    std::vector<Future<int64_t>> futures;
    for (int i = 0; i < tasks; ++i)
        futures.push_back(pool.submit([taskMs, i, bad = fails[size_t(i)]]() -> int64_t {
            sleepMs(taskMs);
            if (bad)
                throw ValueError("item " + std::to_string(i) + " is corrupt");
            return int64_t(i) * 2;
        }));
    int failed = 0;
    for (int i = 0; i < tasks; ++i) {
        auto& f = futures[size_t(i)];
        const bool hasException = f.exception() != nullptr;
        try {
            const int64_t v = f.result();
            mark("item " + std::to_string(i) + " ok -> " + std::to_string(v) +
                 (hasException ? " (but exception() was set)" : ""));
        } catch (const ValueError& e) {
            ++failed;
            recordException("item " + std::to_string(i) + " failed: " + e.describe() +
                                (hasException ? "" : " (but exception() was None)"),
                            f.id());
        }
    }
    mark("failed=" + std::to_string(failed));
}

Issues checkExceptions(const Trace& tr, const ParamValues&)
{
    Issues out;
    for (auto& line : futureTransitionsLegal(tr))
        out.push_back(line);
    auto fin = marksStarting(tr, "failed=", 0);
    int raised = 0;
    for (const auto& t : tr.tasks) {
        const std::string prefix = "item " + std::to_string(t.task) + " ";
        const bool reportedFail = !exceptions(tr, prefix + "failed: " + t.value).empty();
        const bool reportedOk = !marksStarting(tr, prefix + "ok", 0).empty();
        if (t.outcome == 1) {
            ++raised;
            if (!reportedFail)
                out.push_back("task " + std::to_string(t.task) +
                              " raised but main did not get that ValueError from result()");
        } else if (!reportedOk) {
            out.push_back("task " + std::to_string(t.task) + " succeeded but main did not get its result");
        }
        if (!fin.empty() && tr.lanes[t.lane].end >= 0 && tr.lanes[t.lane].end < fin[0]->t)
            out.push_back(laneName(tr, t.lane) + " ended before the pool shut down");
    }
    for (auto* m : marksStarting(tr, "item "))
        if (m->text.find("(but exception() was set)") != std::string::npos)
            out.push_back("result() succeeded although exception() was not None");
    if (!exceptions(tr, "(but exception() was None)").empty())
        out.push_back("result() raised although exception() was None");
    if (fin.empty() || field(fin[0]->text, "failed") != raised)
        out.push_back("failures reported != tasks that raised (" + std::to_string(raised) + ")");
    if (!exceptions(tr, "Exception in thread").empty())
        out.push_back("a task exception escaped into a worker thread");
    return out;
}

// ---------------------------------------------------------------------------------------
// m3.l8 Cancelling a Future.

void runCancel(Context& ctx)
{
    Run& run = ctx.run;
    const auto& p = ctx.params;
    const int tasks = p.i("tasks");
    const double taskMs = p.d("task_ms");
    const std::string which = p.choice("cancel");
    std::mt19937_64 rng(ctx.seed);
    ThreadPoolExecutor pool(run, p.i("workers"));
    std::vector<Future<int64_t>> futures;
    for (int i = 0; i < tasks; ++i)
        futures.push_back(pool.submit([taskMs, i]() -> int64_t {
            sleepMs(taskMs);
            return i;
        }));
    sleepMs(p.d("cancel_delay_ms"));
    for (int i = 0; i < tasks; ++i) {
        const bool pick = which == "odd"         ? i % 2 == 1
                          : which == "last_half" ? i >= tasks - tasks / 2
                          : which == "all"       ? true
                                                 : std::bernoulli_distribution(0.5)(rng);
        if (pick)
            futures[size_t(i)].cancel();
    }
    std::vector<int64_t> ran;
    for (auto& f : futures) {
        try {
            ran.push_back(f.result());
        } catch (const CancelledError& e) {
            recordException("task " + std::to_string(f.task()) + ": " + e.describe(), f.id());
        }
    }
    mark("ran: " + joinInts(ran));
}

Issues checkCancel(const Trace& tr, const ParamValues& p)
{
    Issues out;
    for (auto& line : futureTransitionsLegal(tr))
        out.push_back(line);
    checkCancels(tr, out);
    auto states = futureStateInstants(tr);
    size_t cancelled = 0;
    for (auto& [f, st] : states)
        cancelled += !st.empty() && st.back()->a == 2;
    if (exceptions(tr, "CancelledError").size() != cancelled)
        out.push_back("result() of each cancelled future must raise CancelledError");
    auto fin = marksStarting(tr, "ran: ", 0);
    if (fin.empty() || parseList(fin[0]->text, "ran: ").size() + cancelled != size_t(p.i("tasks")))
        out.push_back("every task either ran or was cancelled");
    if (fin.size() == 1 && parseList(fin[0]->text, "ran: ").size() != tr.tasks.size())
        out.push_back("the results collected do not match the tasks that ran");
    return out;
}

}  // namespace

void registerModule3(Registry& r)
{
    r.add({.id = "m3.l1",
           .title = "What Futures are",
           .titleRu = "Что такое Futures",
           .summary = "Twenty downloads on a pool; at a deadline only the futures already done are summed",
           .params = {Param::integer("tasks", "Tasks", 20, 1, 40),
                      Param::integer("min_ms", "Shortest download", 200, 10, 5000, "ms"),
                      Param::integer("max_ms", "Longest download", 1000, 10, 5000, "ms"),
                      Param::integer("timeout_ms", "wait() deadline", 600, 0, 5000, "ms"),
                      Param::real("zero_prob", "Probability of a zero factor (ValueError)", 0.25, 0, 1)},
           .run = runWhatFutures,
           .check = checkWhatFutures});
    r.add({.id = "m3.l2",
           .title = "The Future object",
           .titleRu = "Объект Future",
           .summary = "A Future completed by hand: every consumer blocked in result() wakes with the same outcome",
           .params = {Param::integer("consumers", "Consumers", 3, 1, 10),
                      Param::integer("set_after_ms", "Producer completes it after", 1000, 0, 5000, "ms"),
                      Param::choice("outcome", "Outcome", {"result", "exception"})},
           .run = runFutureObject,
           .check = checkFutureObject});
    r.add({.id = "m3.l3",
           .title = "Future methods",
           .titleRu = "Методы Future",
           .summary = "result() blocks, done()/running()/cancelled() do not; results come in submission order",
           .params = {Param::integer("tasks", "Tasks", 10, 1, 30),
                      Param::integer("task_ms", "Task duration", 100, 10, 2000, "ms"),
                      Param::integer("workers", "Workers (0 = Python's default)", 0, 0, 16)},
           .run = runFutureMethods,
           .check = checkFutureMethods});
    r.add({.id = "m3.l4",
           .title = "Future lifecycle",
           .titleRu = "Жизненный цикл Future",
           .summary = "PENDING, RUNNING, FINISHED or CANCELLED: fewer workers than tasks, some cancelled, some failing",
           .params = {Param::integer("workers", "Workers", 2, 1, 8), Param::integer("tasks", "Tasks", 8, 1, 30),
                      Param::integer("task_ms", "Task duration", 300, 10, 2000, "ms"),
                      Param::integer("cancel_every", "Cancel every k-th task (0 = none)", 3, 0, 10),
                      Param::integer("fail_every", "Every k-th task fails (0 = none)", 4, 0, 10)},
           .run = runLifecycle,
           .check = checkLifecycle});
    r.add({.id = "m3.l5",
           .title = "Checking a Future's status",
           .titleRu = "Проверяем статус Future",
           .summary = "Main polls done()/running() on a tick while 30 searches run; callbacks always see done()",
           .params = {Param::integer("tasks", "Tasks", 30, 1, 60), Param::integer("workers", "Workers", 4, 1, 16),
                      Param::integer("poll_ms", "Poll every", 50, 1, 500, "ms")},
           .run = runStatus,
           .check = checkStatus});
    r.add({.id = "m3.l6",
           .title = "Done callbacks",
           .titleRu = "Добавляем обратный вызов к Future",
           .summary =
               "Callbacks run on the worker or on main, depending on a race; a raising callback is logged and skipped",
           .params = {Param::integer("tasks", "Tasks", 30, 1, 60),
                      Param::integer("task_max_ms", "Longest task", 50, 0, 500, "ms"),
                      Param::integer("register_delay_ms", "Delay before add_done_callback", 0, 0, 200, "ms"),
                      Param::integer("callbacks_per_future", "Callbacks per future", 1, 1, 3),
                      Param::boolean("callback_raises", "The first callback raises", false),
                      Param::integer("stock", "Items in stock", 20, 0, 100, "items"),
                      Param::boolean("unlocked_stock", "Bug: update the stock without the lock", false)},
           .run = runCallbacks,
           .check = checkCallbacks});
    r.add({.id = "m3.l7",
           .title = "Getting exceptions from a Future",
           .titleRu = "Получение исключений из Future",
           .summary = "A task's exception is stored in its Future and re-raised by result(); the worker survives",
           .params = {Param::integer("tasks", "Tasks", 20, 1, 60),
                      Param::real("fail_prob", "Failure probability", 0.2, 0, 1),
                      Param::integer("workers", "Workers", 4, 1, 16),
                      Param::integer("task_ms", "Task duration", 50, 1, 500, "ms")},
           .run = runExceptions,
           .check = checkExceptions});
    r.add(
        {.id = "m3.l8",
         .title = "Cancelling a Future",
         .titleRu = "Всё об отмене Future",
         .summary = "cancel() works only on pending futures: running ones refuse, cancelled ones never reach a worker",
         .params = {Param::integer("workers", "Workers", 2, 1, 8), Param::integer("tasks", "Tasks", 10, 1, 30),
                    Param::integer("task_ms", "Task duration", 200, 10, 2000, "ms"),
                    Param::choice("cancel", "Cancel which", {"odd", "last_half", "all", "random"}),
                    Param::integer("cancel_delay_ms", "Cancel after", 0, 0, 1000, "ms")},
         .run = runCancel,
         .check = checkCancel});
}

}  // namespace tl
