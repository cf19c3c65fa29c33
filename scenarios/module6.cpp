// SPDX-License-Identifier: MIT
// Module 6 of the course: advanced locking (see docs/lessons.md). Every scenario runs
// real threads through the traced primitives; check() verifies the catalog's invariants on
// the recorded trace.
#include "engine/model/trace.h"
#include "engine/sync/sync.h"
#include "engine/work.h"
#include "checks.h"
#include "recording.h"
#include "scenario.h"

#include <chrono>
#include <cmath>
#include <memory>
#include <mutex>
#include <random>

namespace tl {
namespace {

using namespace checks;
using Issues = std::vector<std::string>;

// ---------------------------------------------------------------------------------------
// m6.l1 Lock contention: T threads, work outside + a critical section under one lock.

void runContention(Context& ctx)
{
    const auto& p = ctx.params;
    const int threads = p.i("threads"), iterations = p.i("iterations");
    const double csMs = p.d("cs_ms"), outsideMs = p.d("outside_ms");
    const bool ioInside = p.b("io_inside_lock");
    Lock lock(ctx.run, "lock");
    std::vector<Thread> ts;
    for (int t = 0; t < threads; ++t)
        ts.emplace_back(
            ctx.run,
            [&] {
                for (int i = 0; i < iterations; ++i) {
                    if (outsideMs > 0)
                        cpuWork(outsideMs);
                    std::lock_guard<Lock> g(lock);
                    cpuWork(csMs);
                    if (ioInside)
                        ioWait(csMs);  // the anti-pattern: waiting on I/O while holding the lock
                }
            },
            "T" + std::to_string(t));
    for (auto& t : ts)
        t.start();
    for (auto& t : ts)
        t.join();
    mark("done: " + std::to_string(threads * iterations) + " critical sections");
}

Issues checkContention(const Trace& tr, const ParamValues& p)
{
    Issues out;
    const int threads = p.i("threads"), iterations = p.i("iterations");
    const ObjectId lock = objectId(tr, "lock");
    if (!lock)
        return {"no lock object recorded"};
    auto hs = holdsOf(tr, lock);
    if (int(hs.size()) != threads * iterations)
        out.push_back("expected " + std::to_string(threads * iterations) + " holds, got " + std::to_string(hs.size()));
    int64_t held = 0;
    for (auto* h : hs)
        held += holdEnd(tr, *h) - h->start;
    if (held > tr.duration())
        out.push_back("sum of critical sections exceeds the wall time");
    for (const auto& lane : tr.lanes)
        for (const auto& iv : lane.intervals)
            if (iv.end < iv.start)
                out.push_back("negative wait on lane " + lane.info.name);
    // Saturation while every worker is alive: from the first hold to the first worker's end.
    const double cs = p.d("cs_ms"), outside = p.d("outside_ms");
    if (threads >= 3 && iterations >= 3 && threads * cs >= 1.5 * (cs + outside) && !hs.empty()) {
        int64_t firstEnd = INT64_MAX;
        for (int l : lanesNamedPrefix(tr, "T"))
            if (tr.lanes[size_t(l)].end >= 0)
                firstEnd = std::min(firstEnd, tr.lanes[size_t(l)].end);
        const int64_t from = hs.front()->start, to = firstEnd;
        if (to > from) {
            // Saturated = at every moment the lock is held or someone is waiting for it (a
            // hand-off in progress); measured on the union of holds and waits.
            std::vector<std::pair<int64_t, int64_t>> spans;
            for (auto* h : hs)
                spans.push_back({h->start, holdEnd(tr, *h)});
            for (const auto& lane : tr.lanes)
                for (const auto& iv : lane.intervals)
                    if (iv.state == State::WaitLock && iv.object == lock)
                        spans.push_back({iv.start, iv.end});
            std::sort(spans.begin(), spans.end());
            int64_t covered = 0, curS = 0, curE = -1;
            for (auto [a, b] : spans) {
                a = std::max(a, from);
                b = std::min(b, to);
                if (b <= a)
                    continue;
                if (a > curE) {
                    covered += std::max<int64_t>(0, curE - curS);
                    curS = a;
                    curE = b;
                } else {
                    curE = std::max(curE, b);
                }
            }
            covered += std::max<int64_t>(0, curE - curS);
            const double share = double(covered) / double(to - from);
            if (share < 0.8)
                out.push_back("lock busy (held or awaited) only " + std::to_string(int(share * 100)) + "% of the time");
        }
    }
    return out;
}

// ---------------------------------------------------------------------------------------
// m6.l2 Lock striping: a bucketed dict, key k under stripe h(k) % S; a global op takes all
// stripes (in order, or, in the inconsistent variant, reversed on odd threads: deadlock).

std::string keyName(int k) { return "key" + std::to_string(k); }
int stripeOf(int k, int stripes) { return int(stableHash(keyName(k)) % uint32_t(stripes)); }

void runStriping(Context& ctx)
{
    const auto& p = ctx.params;
    const int threads = p.i("threads"), keys = p.i("keys"), S = p.i("stripes"), updates = p.i("updates");
    const int every = p.i("global_op_every");
    const double opMs = p.d("op_ms");
    const bool inconsistent = p.b("inconsistent_ordering");
    std::vector<std::unique_ptr<Lock>> stripes;
    for (int s = 0; s < S; ++s)
        stripes.push_back(std::make_unique<Lock>(ctx.run, "stripe-" + std::to_string(s)));
    std::vector<std::unique_ptr<SharedVar>> vals;
    for (int k = 0; k < keys; ++k)
        vals.push_back(std::make_unique<SharedVar>(ctx.run, keyName(k), 0));

    auto globalSum = [&](bool reverse) {
        std::vector<int> order;
        for (int s = 0; s < S; ++s)
            order.push_back(reverse ? S - 1 - s : s);
        std::vector<std::unique_lock<Lock>> held;
        for (int s : order) {
            held.emplace_back(*stripes[size_t(s)]);
            if (inconsistent)
                sleepMs(opMs / 2);  // widens the window in which another thread takes the next stripe
        }
        int64_t sum = 0;
        for (auto& v : vals)
            sum += v->load();
        mark("global sum=" + std::to_string(sum));
    };

    std::vector<Thread> ts;
    for (int t = 0; t < threads; ++t)
        ts.emplace_back(
            ctx.run,
            [&, t] {
                std::mt19937_64 rnd(ctx.seed * 1000003u + uint64_t(t));
                for (int i = 0; i < updates; ++i) {
                    const int k = int(rnd() % uint64_t(keys));
                    {
                        std::lock_guard<Lock> g(*stripes[size_t(stripeOf(k, S))]);
                        const int64_t v = vals[size_t(k)]->load();
                        cpuWork(opMs);
                        vals[size_t(k)]->store(v + 1);
                    }
                    if (every > 0 && (i + 1) % every == 0)
                        globalSum(inconsistent && t % 2 == 1);
                }
            },
            "T" + std::to_string(t));
    for (auto& t : ts)
        t.start();
    for (auto& t : ts)
        t.join();
    int64_t total = 0;
    for (auto& v : vals)
        total += v->peek();
    mark("total=" + std::to_string(total) + " expected=" + std::to_string(threads * updates));
}

Issues checkStriping(const Trace& tr, const ParamValues& p)
{
    Issues out;
    const int keys = p.i("keys"), S = p.i("stripes");
    const bool inconsistent = p.b("inconsistent_ordering");
    if (tr.result.status == "deadlock") {
        if (!inconsistent)
            out.push_back("deadlock with consistent lock ordering");
        if (instantsOf(tr, Ev::Deadlock).empty())
            out.push_back("deadlock status without a deadlock instant");
    }
    std::vector<ObjectId> stripe(static_cast<size_t>(S), ObjectId(0));
    for (int s = 0; s < S; ++s)
        if (!(stripe[size_t(s)] = objectId(tr, "stripe-" + std::to_string(s))))
            out.push_back("missing stripe-" + std::to_string(s));
    if (!out.empty() && tr.result.status != "deadlock")
        return out;
    // Every key access happens while holding the key's stripe.
    int bad = 0;
    for (int k = 0; k < keys; ++k) {
        const ObjectId var = objectId(tr, keyName(k));
        if (!var)
            continue;
        const ObjectId lk = stripe[size_t(stripeOf(k, S))];
        for (auto* in : instantsOf(tr, Ev::VarRead, -1, var))
            bad += !holdsAt(tr, lk, in->lane, in->t);
        for (auto* in : instantsOf(tr, Ev::VarWrite, -1, var))
            bad += !holdsAt(tr, lk, in->lane, in->t);
    }
    if (bad)
        out.push_back(std::to_string(bad) + " key accesses without the key's stripe lock");
    // A global op holds every stripe.
    for (auto* m : marksStarting(tr, "global sum="))
        for (int s = 0; s < S; ++s)
            if (!holdsAt(tr, stripe[size_t(s)], m->lane, m->t)) {
                out.push_back("global op without stripe-" + std::to_string(s));
                break;
            }
    if (tr.result.status == "finished") {
        auto total = lastField(tr, "total=", "total"), expected = lastField(tr, "total=", "expected");
        if (!total || total != expected)
            out.push_back("final total differs from the number of updates");
    }
    return out;
}

// ---------------------------------------------------------------------------------------
// m6.l3 Lock splitting: independent counters under one coarse lock or one lock each.

const char* kVarNames[] = {"hits", "errors", "bytes", "retries"};

void runSplitting(Context& ctx)
{
    const auto& p = ctx.params;
    const int threads = p.i("threads"), nvars = p.i("vars"), updates = p.i("updates");
    const double csMs = p.d("cs_ms");
    const bool split = p.is("mode", "split");
    std::vector<std::unique_ptr<Lock>> locks;
    if (split)
        for (int v = 0; v < nvars; ++v)
            locks.push_back(std::make_unique<Lock>(ctx.run, std::string(kVarNames[v]) + "_lock"));
    else
        locks.push_back(std::make_unique<Lock>(ctx.run, "stats"));
    std::vector<std::unique_ptr<SharedVar>> vars;
    for (int v = 0; v < nvars; ++v)
        vars.push_back(std::make_unique<SharedVar>(ctx.run, kVarNames[v], 0));
    auto lockOf = [&](int v) -> Lock& { return *locks[split ? size_t(v) : 0]; };

    std::vector<Thread> ts;
    for (int t = 0; t < threads; ++t)
        ts.emplace_back(
            ctx.run,
            [&, t] {
                const int v = t % nvars;
                for (int i = 0; i < updates; ++i) {
                    std::lock_guard<Lock> g(lockOf(v));
                    const int64_t x = vars[size_t(v)]->load();
                    cpuWork(csMs);
                    vars[size_t(v)]->store(x + 1);
                }
            },
            std::string(kVarNames[t % nvars]) + "-" + std::to_string(t / nvars));
    for (auto& t : ts)
        t.start();
    auto snapshot = [&] {
        std::vector<std::unique_lock<Lock>> held;
        for (auto& l : locks)  // fixed order: index order
            held.emplace_back(*l);
        std::string s = "snapshot";
        for (int v = 0; v < nvars; ++v)
            s += std::string(" ") + kVarNames[v] + "=" + std::to_string(vars[size_t(v)]->load());
        mark(s);
    };
    for (int k = 0; k < 3; ++k) {
        sleepMs(csMs * updates / 2);
        snapshot();
    }
    for (auto& t : ts)
        t.join();
    snapshot();
}

Issues checkSplitting(const Trace& tr, const ParamValues& p)
{
    Issues out;
    const int threads = p.i("threads"), nvars = p.i("vars"), updates = p.i("updates");
    const bool split = p.is("mode", "split");
    std::vector<ObjectId> locks;
    if (split)
        for (int v = 0; v < nvars; ++v)
            locks.push_back(objectId(tr, std::string(kVarNames[v]) + "_lock"));
    else
        locks.push_back(objectId(tr, "stats"));
    for (auto l : locks)
        if (!l)
            return {"missing lock object"};
    for (int v = 0; v < nvars; ++v) {
        const ObjectId var = objectId(tr, kVarNames[v]);
        const ObjectId lk = locks[split ? size_t(v) : 0];
        for (auto* in : instantsOf(tr, Ev::VarWrite, -1, var))
            if (!holdsAt(tr, lk, in->lane, in->t)) {
                out.push_back(std::string(kVarNames[v]) + " written without its lock");
                break;
            }
        const int group = threads / nvars + (v < threads % nvars ? 1 : 0);
        auto fin = lastField(tr, "snapshot", kVarNames[v]);
        if (!fin || *fin != int64_t(group) * updates)
            out.push_back(std::string("final ") + kVarNames[v] + " is not " + std::to_string(group * updates));
    }
    for (auto* m : marksStarting(tr, "snapshot"))
        for (auto l : locks)
            if (!holdsAt(tr, l, m->lane, m->t)) {
                out.push_back("snapshot without holding every lock");
                break;
            }
    return out;
}

// ---------------------------------------------------------------------------------------
// m6.l4 Retry with backoff: locks A and B taken in opposite orders.

void runBackoff(Context& ctx)
{
    const auto& p = ctx.params;
    const int threads = p.i("threads"), maxRetries = p.i("max_retries");
    const double base = p.d("base_ms"), factor = p.d("factor"), maxMs = p.d("max_ms"), workMs = p.d("work_ms");
    const bool jitter = p.b("jitter");
    const std::string mode = p.b("blocking") ? "blocking" : p.choice("mode");
    Lock A(ctx.run, "A"), B(ctx.run, "B");
    std::vector<Thread> ts;
    for (int t = 0; t < threads; ++t)
        ts.emplace_back(
            ctx.run,
            [&, t] {
                std::mt19937_64 rnd(ctx.seed * 7919u + uint64_t(t));
                Lock& first = t % 2 == 0 ? A : B;
                Lock& second = t % 2 == 0 ? B : A;
                for (int attempt = 0;; ++attempt) {
                    std::unique_lock<Lock> g1(first);
                    ioWait(workMs / 2);  // reads something with the first lock before needing the second
                    bool ok = true;
                    if (mode == "blocking")
                        second.acquire();
                    else if (mode == "try_backoff")
                        ok = second.acquire(false);
                    else
                        ok = second.acquire(true, base);
                    if (ok) {
                        cpuWork(workMs);
                        second.release();
                        mark("done after retries=" + std::to_string(attempt));
                        return;
                    }
                    g1.unlock();  // release everything held before backing off
                    if (attempt >= maxRetries) {
                        mark("give up after retries=" + std::to_string(attempt));
                        return;
                    }
                    double delay = std::min(maxMs, base * std::pow(factor, attempt));
                    if (jitter)
                        delay *= 1.0 + double(rnd() % 1000) / 1000.0;
                    mark("retry k=" + std::to_string(attempt) + " delay_us=" + std::to_string(int64_t(delay * 1000)));
                    sleepMs(delay);
                }
            },
            "T" + std::to_string(t));
    for (auto& t : ts)
        t.start();
    for (auto& t : ts)
        t.join();
    mark("all threads finished");
}

Issues checkBackoff(const Trace& tr, const ParamValues& p)
{
    Issues out;
    const std::string mode = p.b("blocking") ? "blocking" : p.choice("mode");
    const double base = p.d("base_ms"), factor = p.d("factor"), maxMs = p.d("max_ms");
    const int maxRetries = p.i("max_retries");
    if (mode == "blocking") {
        if (tr.result.status == "deadlock" && instantsOf(tr, Ev::Deadlock).empty())
            out.push_back("deadlock status without a deadlock instant");
        return out;
    }
    if (tr.result.status != "finished")
        out.push_back("backoff mode ended with status " + tr.result.status);
    const ObjectId A = objectId(tr, "A"), B = objectId(tr, "B");
    // No lock held while sleeping in backoff.
    for (size_t l = 0; l < tr.lanes.size(); ++l)
        for (const auto& iv : tr.lanes[l].intervals) {
            if (iv.state != State::Sleep)
                continue;
            for (const auto& h : tr.holds)
                if ((h.object == A || h.object == B) && h.lane == l && h.start < iv.end && holdEnd(tr, h) > iv.start) {
                    out.push_back("lane " + tr.lanes[l].info.name + " holds a lock while backing off");
                    break;
                }
        }
    for (auto* m : marksStarting(tr, "retry k=")) {
        auto k = field(m->text, "k"), us = field(m->text, "delay_us");
        if (!k || !us)
            continue;
        const double bound = std::min(maxMs, base * std::pow(factor, double(*k))) * 2.0 * 1000 + 1;
        if (double(*us) > bound)
            out.push_back("delay " + std::to_string(*k) + " above its bound");
        if (*k >= maxRetries)
            out.push_back("more retries than max_retries");
    }
    const size_t finished = marksStarting(tr, "done after").size() + marksStarting(tr, "give up").size();
    if (tr.result.status == "finished" && int(finished) != p.i("threads"))
        out.push_back("not every thread reported success or giving up");
    return out;
}

// ---------------------------------------------------------------------------------------
// m6.l5 Lock overhead: a counter incremented without a lock, per op, or per batch.

void runOverhead(Context& ctx)
{
    const auto& p = ctx.params;
    const int ops = p.i("ops"), batch = p.i("batch"), threads = p.i("threads");
    const std::string mode = p.choice("mode");
    Lock lock(ctx.run, "counter_lock");
    SharedVar racy(ctx.run, "counter", 0);  // only for mode none: the lost updates are real
    int64_t counter = 0;  // guarded by `lock` in the lock modes
    std::vector<Thread> ts;
    const auto t0 = std::chrono::steady_clock::now();
    for (int t = 0; t < threads; ++t)
        ts.emplace_back(
            ctx.run,
            [&, t] {
                const int mine = ops / threads + (t < ops % threads ? 1 : 0);
                if (mode == "none") {
                    for (int i = 0; i < mine; ++i)
                        racy.store(racy.load() + 1);
                } else if (mode == "per_op") {
                    for (int i = 0; i < mine; ++i) {
                        std::lock_guard<Lock> g(lock);
                        ++counter;
                    }
                } else {
                    for (int i = 0; i < mine; i += batch) {
                        std::lock_guard<Lock> g(lock);
                        for (int j = i; j < std::min(mine, i + batch); ++j)
                            ++counter;
                    }
                }
            },
            "T" + std::to_string(t));
    for (auto& t : ts)
        t.start();
    for (auto& t : ts)
        t.join();
    const double ns =
        double(std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - t0).count());
    const int64_t final = mode == "none" ? racy.peek() : counter;
    mark("count=" + std::to_string(final) + " expected=" + std::to_string(ops) +
         " ns_per_op=" + std::to_string(int64_t(ns / std::max(1, ops))));
}

Issues checkOverhead(const Trace& tr, const ParamValues& p)
{
    Issues out;
    const int ops = p.i("ops"), batch = p.i("batch"), threads = p.i("threads");
    const std::string mode = p.choice("mode");
    auto count = lastField(tr, "count=", "count");
    if (!count)
        return {"no final count"};
    const ObjectId lock = objectId(tr, "counter_lock");
    const size_t acquires = holdsOf(tr, lock).size();
    if (mode == "none") {
        if (*count > ops)
            out.push_back("count above the number of ops");
        if (acquires)
            out.push_back("lock taken in mode none");
        return out;
    }
    if (*count != ops)
        out.push_back("lock mode count " + std::to_string(*count) + " != " + std::to_string(ops));
    int64_t expected = 0;
    for (int t = 0; t < threads; ++t) {
        const int mine = ops / threads + (t < ops % threads ? 1 : 0);
        expected += mode == "per_op" ? mine : (mine + batch - 1) / batch;
    }
    if (int64_t(acquires) != expected)
        out.push_back("acquires " + std::to_string(acquires) + " != " + std::to_string(expected));
    return out;
}

}  // namespace

void registerModule6(Registry& r)
{
    r.add({.id = "m6.l1",
           .title = "Lock contention",
           .titleRu = "Конкуренция за блокировку",
           .summary = "Many threads fight for one lock: the lock is held nearly all the time and lanes mostly wait.",
           .params = {Param::integer("threads", "Threads", 8, 1, 32),
                      Param::real("cs_ms", "Critical section", 50, 1, 100, "ms"),
                      Param::real("outside_ms", "Work outside the lock", 50, 0, 200, "ms"),
                      Param::integer("iterations", "Iterations per thread", 8, 1, 20),
                      Param::boolean("io_inside_lock", "I/O while holding the lock (bug)", false)},
           .run = runContention,
           .check = checkContention});
    r.add({.id = "m6.l2",
           .title = "Lock striping",
           .titleRu = "Чередование блокировок",
           .summary = "A dict split over S stripe locks: updates to different stripes run side by side.",
           .params = {Param::integer("threads", "Threads", 8, 1, 16), Param::integer("keys", "Keys", 64, 1, 256),
                      Param::integer("stripes", "Stripes (locks)", 4, 1, 16),
                      Param::real("op_ms", "Update duration", 20, 1, 50, "ms"),
                      Param::integer("updates", "Updates per thread", 20, 1, 50),
                      Param::integer("global_op_every", "Global sum every N updates (0 = never)", 20, 0, 50),
                      Param::boolean("inconsistent_ordering",
                                     "Inconsistent stripe order in the global op (bug: deadlock)", false)},
           .run = runStriping,
           .check = checkStriping});
    r.add({.id = "m6.l3",
           .title = "Lock splitting",
           .titleRu = "Разделение блокировок",
           .summary = "Independent counters: one coarse lock serializes everyone, one lock per counter does not.",
           .params = {Param::integer("threads", "Threads", 6, 2, 12), Param::integer("vars", "Counters", 2, 2, 4),
                      Param::real("cs_ms", "Update duration", 30, 1, 100, "ms"),
                      Param::integer("updates", "Updates per thread", 10, 1, 30),
                      Param::choice("mode", "Locking", {"coarse", "split"}, 0)},
           .run = runSplitting,
           .check = checkSplitting});
    r.add({.id = "m6.l4",
           .title = "Retry lock acquisition with backoff",
           .titleRu = "Повторная попытка блокировки с откатом",
           .summary = "Two locks taken in opposite orders: blocking deadlocks, try + exponential backoff succeeds.",
           .params = {Param::integer("threads", "Threads", 2, 2, 6),
                      Param::real("base_ms", "Base delay", 10, 1, 100, "ms"),
                      Param::real("factor", "Backoff factor", 2, 1, 4),
                      Param::real("max_ms", "Maximum delay", 500, 10, 1000, "ms"),
                      Param::boolean("jitter", "Random jitter", true),
                      Param::integer("max_retries", "Max retries", 10, 0, 20),
                      Param::real("work_ms", "Work with both locks", 40, 1, 100, "ms"),
                      Param::choice("mode", "Retry with", {"try_backoff", "timeout_backoff"}, 0),
                      Param::boolean("blocking", "Blocking acquire, no backoff (bug: deadlock)", false)},
           .run = runBackoff,
           .check = checkBackoff});
    r.add(
        {.id = "m6.l5",
         .title = "Lock overhead",
         .titleRu = "Накладные расходы поточной блокировки",
         .summary = "Acquire/release costs even without contention: per-op locking vs per-batch locking, measured.",
         .params = {Param::integer("ops", "Increments", 100000, 1000, 100000),
                    Param::integer("batch", "Batch size", 100, 1, 1000), Param::integer("threads", "Threads", 1, 1, 4),
                    Param::choice("mode", "Locking", {"none", "per_op", "per_batch"}, 1)},
         .run = runOverhead,
         .check = checkOverhead});
}

}  // namespace tl
