// SPDX-License-Identifier: MIT
// Module 5 of the course: synchronization and thread control (see docs/lessons.md).
// Every scenario runs real threads through the traced primitives; check() verifies the
// catalog's invariants on the recorded trace.
#include "module5_sync.h"

#include "engine/pool/thread_pool.h"
#include "engine/pool/wait.h"
#include "engine/sync/sync.h"
#include "engine/work.h"
#include "checks.h"
#include "recording.h"
#include "scenario.h"

#include <deque>
#include <memory>
#include <random>
#include <set>

namespace tl {
namespace {

using namespace checks;
using Issues = std::vector<std::string>;
using namespace m5;

// ---------------------------------------------------------------------------------------
// m5.l1 Lock: cooks share ovens. The dish counter is a read-modify-write on a SharedVar, so a
// missing mutual exclusion (AP1: `with Lock():`) loses updates for real.

void runLock(Context& ctx)
{
    Run& run = ctx.run;
    const auto& p = ctx.params;
    const int cooks = p.i("threads"), dishes = p.i("dishes"), ovenCount = p.i("locks");
    const double csMs = p.d("cs_ms"), timeoutMs = p.d("timeout_ms");
    const std::string mode = p.choice("acquire_mode");
    const bool newLockPerWith = p.b("new_lock_per_with");

    std::vector<std::unique_ptr<Lock>> ovens;
    for (int k = 0; k < ovenCount; ++k)
        ovens.push_back(std::make_unique<Lock>(run, ovenCount == 1 ? "oven" : "oven_" + std::to_string(k)));
    std::unique_ptr<Semaphore> ovenSlots;
    if (mode == "semaphore")
        ovenSlots = std::make_unique<Semaphore>(run, "ovens", ovenCount);
    // With one oven the counter is updated while baking (the oven lock guards it); with several
    // ovens cooks bake at the same time, so the counter gets its own small lock.
    std::unique_ptr<Lock> tally;
    if (ovenCount > 1 || mode == "semaphore")
        tally = std::make_unique<Lock>(run, "tally");
    SharedVar counter(run, "dishes", 0);
    const double retryMs = std::max(1.0, csMs / 5);

    auto countDish = [&](bool whileBaking) {
        const int64_t seen = counter.load();
        if (whileBaking)
            sleepMs(csMs);
        counter.store(seen + 1);
    };
    // Takes an oven according to the mode; returns the oven taken (nullptr for the semaphore).
    auto takeOven = [&](int cook) -> Lock* {
        if (mode == "semaphore") {
            ovenSlots->acquire();
            return nullptr;
        }
        if (mode == "blocking") {
            Lock* o = ovens[size_t(cook % ovenCount)].get();
            o->acquire();
            return o;
        }
        if (mode == "try_then_block_first") {
            for (auto& o : ovens)
                if (o->acquire(false))
                    return o.get();
            ovens[0]->acquire();  // AP12: only ever waits for oven 0
            return ovens[0].get();
        }
        if (mode == "try_loop") {
            for (;;) {
                for (auto& o : ovens)
                    if (o->acquire(false))
                        return o.get();
                sleepMs(retryMs);
            }
        }
        // timeout: a timed wait on one oven, then the next one
        for (int k = cook % ovenCount;; k = (k + 1) % ovenCount)
            if (ovens[size_t(k)]->acquire(true, timeoutMs))
                return ovens[size_t(k)].get();
    };

    std::vector<Thread> threads;
    for (int c = 0; c < cooks; ++c) {
        threads.emplace_back(
            run,
            [&, c] {
                for (int d = 0; d < dishes; ++d) {
                    if (newLockPerWith) {
                        // AP1: `with Lock():` builds a lock nobody else ever sees.
                        Lock fresh(run, ovenCount == 1 ? "oven" : "oven_" + std::to_string(c % ovenCount));
                        fresh.acquire();
                        if (!tally) {
                            countDish(true);
                        } else {
                            sleepMs(csMs);
                            Lock freshTally(run, "tally");
                            freshTally.acquire();
                            countDish(false);
                            freshTally.release();
                        }
                        fresh.release();
                        continue;
                    }
                    Lock* oven = takeOven(c);
                    if (!tally) {
                        countDish(true);
                    } else {
                        sleepMs(csMs);
                        tally->acquire();
                        countDish(false);
                        tally->release();
                    }
                    if (oven)
                        oven->release();
                    else
                        ovenSlots->release();
                }
            },
            "cook-" + std::to_string(c));
    }
    for (auto& t : threads)
        t.start();
    for (auto& t : threads)
        t.join();
    mark("dishes=" + std::to_string(counter.peek()) + " of " + std::to_string(cooks * dishes));
    try {
        ovens[0]->release();  // Python: RuntimeError('release unlocked lock')
    } catch (const RuntimeError& e) {
        recordException(e.describe(), ovens[0]->id());
    }
}

// Read-modify-write windows of the shared counter, per lane: [read, write].
struct Window {
    int lane;
    int64_t read, write;
};
std::vector<Window> rmwWindows(const Trace& tr, ObjectId var)
{
    std::vector<Window> out;
    std::map<int, int64_t> open;
    for (const auto& in : tr.instants) {
        if (in.object != var)
            continue;
        if (in.type == Ev::VarRead)
            open[in.lane] = in.t;
        else if (in.type == Ev::VarWrite && open.count(in.lane)) {
            out.push_back({in.lane, open[in.lane], in.t});
            open.erase(in.lane);
        }
    }
    return out;
}

// When a hold may really have begun and ended: a lock is taken before its HoldBegin is stamped
// and given back after its HoldEnd (within the holder's intervals around those stamps).
checks::Span possibleHold(const Trace& tr, const Hold& h)
{
    return {checks::actionWindow(tr, h.lane, h.start).start, checks::actionWindow(tr, h.lane, holdEnd(tr, h)).end};
}

// `acquire(blocking=False)` fails iff the lock is held at the call. The try is stamped after it
// happened: it lies in the caller's window before its stamp. A failure needs a hold that may
// cover that window; a success contradicts a recorded hold (which the real one contains) of
// another thread covering the whole window.
void checkTryAcquires(const Trace& tr, ObjectKind kind, Issues& out)
{
    for (const auto& in : tr.instants) {
        if (in.type != Ev::AcquireTry)
            continue;
        const ObjectInfo* o = tr.object(in.object);
        if (!o || o->kind != kind)
            continue;
        const checks::Span tried{checks::actionWindow(tr, in.lane, in.t).start, in.t};
        bool heldByOther = false, heldAround = false;
        for (const Hold* h : holdsOf(tr, in.object)) {
            const checks::Span may = possibleHold(tr, *h);
            if (may.start <= tried.end && tried.start <= may.end)
                heldAround = true;
            if (h->lane != in.lane && h->start <= tried.start && tried.end <= holdEnd(tr, *h))
                heldByOther = true;
        }
        if (in.a == 0 && !heldAround)
            out.push_back("a non-blocking acquire of " + tr.objectName(in.object) + " failed at " + ms(in.t) +
                          " although nobody held it");
        if (in.a == 1 && heldByOther)
            out.push_back("a non-blocking acquire of " + tr.objectName(in.object) + " succeeded at " + ms(in.t) +
                          " while another thread held it");
    }
}

Issues checkLock(const Trace& tr, const ParamValues& p)
{
    Issues out;
    const int total = p.i("threads") * p.i("dishes");
    const bool ap1 = p.b("new_lock_per_with");
    const std::string mode = p.choice("acquire_mode");
    const ObjectId var = objectId(tr, "dishes");
    auto windows = rmwWindows(tr, var);
    if (int(windows.size()) != total)
        out.push_back("expected " + std::to_string(total) + " counter updates, saw " + std::to_string(windows.size()));
    bool overlap = false;
    for (size_t i = 0; i < windows.size(); ++i)
        for (size_t j = i + 1; j < windows.size(); ++j)
            if (windows[i].read < windows[j].write && windows[j].read < windows[i].write)
                overlap = true;
    // The values say what was lost, the timestamps cannot: a cook preempted between its load
    // and the recording of it stamps the read late. An update is lost iff two cooks read the
    // same value (each writes what it read plus one, so distinct reads leave exactly the total).
    std::set<int64_t> readValues, written;
    bool sameValueReadTwice = false;
    for (const Instant* r : instantsOf(tr, Ev::VarRead, -1, var))
        sameValueReadTwice |= !readValues.insert(r->a).second;
    for (const Instant* w : instantsOf(tr, Ev::VarWrite, -1, var))
        written.insert(w->a);
    auto fin = marksStarting(tr, "dishes=");
    const int64_t final = fin.empty() ? -1 : field(fin.back()->text, "dishes").value_or(-1);
    if (fin.empty() || (final != 0 && !written.count(final)))
        out.push_back("the final dishes mark does not match any write of the counter");
    if (sameValueReadTwice == (final == total))
        out.push_back(std::string("counter ended at ") + std::to_string(final) + " of " + std::to_string(total) +
                      (sameValueReadTwice ? " although two cooks read the same value"
                                          : " although every cook read a different value"));
    if (!ap1 && overlap)
        out.push_back("critical sections overlapped although every cook used the shared lock");
    checkTryAcquires(tr, ObjectKind::Lock, out);
    // A timed acquire that failed waited its whole timeout with the lock held by someone else:
    // some other thread's hold may cover its start and its end. (How long it waited is not
    // judged: the trace has no clock that a loaded machine does not stretch.)
    for (auto& li : laneIntervals(tr, State::WaitLock)) {
        if (li.iv->outcome != Outcome::Timeout)
            continue;
        bool heldStart = false, heldEnd = false;
        for (const Hold* h : holdsOf(tr, li.iv->object)) {
            if (h->lane == li.lane)
                continue;
            // The waiter's failed attempts lie in its own windows around the wait's edges.
            const checks::Span may = possibleHold(tr, *h);
            const checks::Span first = checks::actionWindow(tr, LaneId(li.lane), li.iv->start);
            const checks::Span last = checks::actionWindow(tr, LaneId(li.lane), li.iv->end);
            heldStart |= may.start <= first.end && first.start <= may.end;
            heldEnd |= may.start <= last.end && last.start <= may.end;
        }
        if (!heldStart || !heldEnd)
            out.push_back(laneName(tr, li.lane) + " timed out on " + tr.objectName(li.iv->object) +
                          " although the lock was free at the start or end of its wait");
    }
    if (!ap1 && mode == "try_then_block_first")
        for (auto& li : laneIntervals(tr, State::WaitLock))
            if (tr.objectName(li.iv->object) != "oven" && tr.objectName(li.iv->object) != "oven_0" &&
                tr.objectName(li.iv->object) != "tally")
                out.push_back(laneName(tr, li.lane) + " blocked on " + tr.objectName(li.iv->object) +
                              ", but this mode only ever blocks on oven 0");
    if (!ap1 && mode == "semaphore") {
        const ObjectId sem = objectId(tr, "ovens");
        if (maxConcurrentHolds(tr, {sem}) > p.i("locks"))
            out.push_back("more cooks baked at once than there are ovens");
    }
    if (exceptions(tr, "release unlocked lock").size() != 1)
        out.push_back("releasing the unlocked oven did not raise RuntimeError('release unlocked lock') once");
    return out;
}

// ---------------------------------------------------------------------------------------
// m5.l2 RLock: transfer() re-enters the account lock `depth` times. With a plain Lock the
// first teller waits for itself: a deadlock the run's detector reports.

void runRLock(Context& ctx)
{
    Run& run = ctx.run;
    const int tellers = ctx.params.i("threads"), depth = ctx.params.i("depth");
    const bool plain = ctx.params.is("lock_type", "Lock");
    std::unique_ptr<RLock> rlock;
    std::unique_ptr<Lock> lock;
    if (plain)
        lock = std::make_unique<Lock>(run, "account");
    else
        rlock = std::make_unique<RLock>(run, "account");
    const ObjectId accountId = plain ? lock->id() : rlock->id();
    SharedVar balance(run, "balance", 100 * tellers);

    auto acquire = [&] {
        if (plain) {
            lock->acquire();
        } else {
            rlock->acquire();
            recordCounter(accountId, CounterKind::Value, rlock->count());
        }
    };
    auto release = [&] {
        if (plain) {
            lock->release();
        } else {
            // The count is recorded before the release: once released, another owner may record.
            recordCounter(accountId, CounterKind::Value, rlock->count() - 1);
            rlock->release();
        }
    };
    // transfer -> withdraw -> ... : every level takes the account lock again.
    std::function<void(int)> level = [&](int k) {
        acquire();
        if (k + 1 < depth) {
            level(k + 1);
        } else {
            const int64_t b = balance.load();
            cpuWork(20);
            balance.store(b - 10);
        }
        release();
    };
    std::vector<Thread> threads;
    for (int t = 0; t < tellers; ++t)
        threads.emplace_back(
            run, [&] { level(0); }, "teller-" + std::to_string(t));
    for (auto& t : threads)
        t.start();
    for (auto& t : threads)
        t.join();
    mark("balance=" + std::to_string(balance.peek()));
    if (!plain) {
        try {
            rlock->release();  // main does not own it
        } catch (const RuntimeError& e) {
            recordException(e.describe(), accountId);
        }
    }
}

Issues checkRLock(const Trace& tr, const ParamValues& p)
{
    Issues out;
    const int tellers = p.i("threads"), depth = p.i("depth");
    const bool plain = p.is("lock_type", "Lock");
    const ObjectId acc = objectId(tr, "account");
    if (plain && depth > 1) {
        if (tr.result.status != "deadlock")
            out.push_back("a plain Lock re-acquired by its holder must deadlock; the run ended " + tr.result.status);
        // The Deadlock instant names the cycle's lanes ("3"): one teller waiting for itself.
        bool self = false;
        for (auto* d : instantsOf(tr, Ev::Deadlock))
            if (d->object == acc && d->text.find(',') == std::string::npos &&
                laneName(tr, int(std::stoi(d->text.empty() ? "-1" : d->text))).rfind("teller-", 0) == 0)
                self = true;
        if (!self)
            out.push_back("no deadlock report shows a teller waiting for the account lock it holds itself");
        return out;
    }
    if (tr.result.status != "finished")
        out.push_back("the run ended " + tr.result.status);
    auto holds = holdsOf(tr, acc);
    if (int(holds.size()) != tellers)
        out.push_back("expected one hold per teller (outermost acquire to last release), saw " +
                      std::to_string(holds.size()));
    auto bal = marksStarting(tr, "balance=");
    if (bal.empty() || field(bal.back()->text, "balance") != 100 * tellers - 10 * tellers)
        out.push_back("the balance is wrong: every transfer must be applied exactly once");
    if (!plain) {
        const CounterSeries* cnt = tr.counter(acc, CounterKind::Value);
        if (!cnt) {
            out.push_back("no recursion count recorded for the RLock");
            return out;
        }
        int64_t maxCount = 0;
        for (auto& pt : cnt->points) {
            if (pt.value < 0)
                out.push_back("the RLock's count went negative");
            maxCount = std::max(maxCount, pt.value);
        }
        if (maxCount != depth)
            out.push_back("the recursion count peaked at " + std::to_string(maxCount) + ", expected " +
                          std::to_string(depth));
        // Another thread takes the lock only after the count went back to 0.
        for (const Hold* h : holds)
            if (cnt->valueAt(h->start - 1) != 0)
                out.push_back(laneName(tr, h->lane) + " took the RLock while its count was not 0");
        if (exceptions(tr, "cannot release un-acquired lock").size() != 1)
            out.push_back("a release by a non-owner did not raise RuntimeError once");
    }
    return out;
}

// ---------------------------------------------------------------------------------------
// m5.l3 Event: bank clients wait for the cashier's signal. Never cleared, the flag is latched
// (AP7) and every later client passes at once.

void runEvent(Context& ctx)
{
    Run& run = ctx.run;
    const auto& p = ctx.params;
    const int clients = p.i("waiters"), events = p.i("events");
    const double arriveMs = p.d("arrive_ms"), setAtMs = p.d("set_at_ms"), serviceMs = p.d("service_ms");
    const bool autoClear = p.b("auto_clear");
    const double timeout = p.d("wait_timeout_ms") > 0 ? p.d("wait_timeout_ms") : kForever;
    ThreadEvent cashierFree(run, "cashier_free");
    ThreadEvent clock(run, "clock");
    std::atomic<int> finished{0};  // clients served or given up

    std::vector<Thread> threads;
    for (int i = 0; i < clients; ++i) {
        threads.emplace_back(
            run,
            [&, i] {
                const std::string me = "client-" + std::to_string(i);
                sleepMs(i * arriveMs);
                mark(me + " arrives");
                if (!cashierFree.wait(timeout)) {
                    mark(me + " gave up");
                    ++finished;
                    return;
                }
                if (autoClear)
                    cashierFree.clear();
                mark(me + " served");
                ++finished;
                sleepMs(serviceMs / 2);
                if (events == 2 && !clock.wait(timeout))
                    mark(me + " stopped waiting for the clock");
            },
            "client-" + std::to_string(i));
    }
    threads.emplace_back(
        run,
        [&] {
            sleepMs(setAtMs);
            cashierFree.set();
            // A reusable signal: call the next client once the previous one took (cleared) it.
            while (autoClear && finished.load() < clients) {
                sleepMs(serviceMs);
                if (!cashierFree.isSet())
                    cashierFree.set();
            }
        },
        "cashier");
    for (auto& t : threads)
        t.start();
    if (events == 2) {
        sleepMs(2 * setAtMs + serviceMs);
        clock.set();
    }
    for (auto& t : threads)
        t.join();
}

// How many clients the event let through, and how many gave up waiting for it.
LessonResult resultEvent(const Trace& t, const ParamValues& p)
{
    int64_t served = 0, gaveUp = 0, at = -1;
    for (const Instant& in : t.instants)
        if (in.type == Ev::Mark && (in.text.ends_with(" served") || in.text.ends_with(" gave up"))) {
            (in.text.ends_with(" served") ? served : gaveUp) += 1;
            at = in.t;
        }
    if (at < 0)
        return {};
    // Sentences app/i18n/messages.cpp knows (the Result line is shown in the reader's language).
    return {"Clients served: " + std::to_string(served) + " of " + std::to_string(p.i("waiters")) +
                "; gave up waiting: " + std::to_string(gaveUp),
            at};
}

Issues checkEvent(const Trace& tr, const ParamValues& p)
{
    Issues out;
    const bool autoClear = p.b("auto_clear");
    for (const std::string name : {"cashier_free", "clock"}) {
        const ObjectId ev = objectId(tr, name);
        auto sets = instantsOf(tr, Ev::Set, -1, ev);
        for (auto& li : laneIntervals(tr, State::WaitEvent, ev)) {
            const Interval& iv = *li.iv;
            bool setInside = false, setDuring = false;
            for (auto* s : sets) {
                if (s->t >= iv.start - kSlackNs && s->t <= iv.end + kSlackNs)
                    setInside = true;
                if (s->t > iv.start + kSlackNs && s->t + kSlackNs < iv.end)
                    setDuring = true;
            }
            if (iv.outcome == Outcome::Timeout) {
                if (setDuring)
                    out.push_back(laneName(tr, li.lane) + " timed out on " + name +
                                  " although it was set while it waited");
            } else if (iv.outcome != Outcome::Aborted && !setInside && !outcomeUnknown(tr, li.lane, li.iv)) {
                out.push_back(laneName(tr, li.lane) + " left its wait on " + name + " at " + ms(iv.end) +
                              " without a set");
            }
        }
    }
    // Latched: a client arriving after the first set passes without waiting at all.
    const ObjectId cf = objectId(tr, "cashier_free");
    auto sets = instantsOf(tr, Ev::Set, -1, cf);
    auto clears = instantsOf(tr, Ev::Clear, -1, cf);
    if (!autoClear && !sets.empty()) {
        for (auto* arrival : marksStarting(tr, "client-")) {
            if (arrival->text.find(" arrives") == std::string::npos || arrival->t < sets.front()->t + kSlackNs)
                continue;
            for (auto& li : laneIntervals(tr, State::WaitEvent, cf, arrival->lane))
                if (li.iv->start >= arrival->t)
                    out.push_back(laneName(tr, arrival->lane) + " waited although the event was already set (latched)");
        }
    }
    int served = 0;
    for (auto* m : marksStarting(tr, "client-"))
        served += m->text.find(" served") != std::string::npos;
    if (autoClear && int(clears.size()) != served)
        out.push_back("with auto_clear every served client clears the flag once: " + std::to_string(clears.size()) +
                      " clears for " + std::to_string(served) + " clients");
    if (!autoClear && !clears.empty())
        out.push_back("the latched event was cleared");
    if (p.d("wait_timeout_ms") <= 0 && served != p.i("waiters"))
        out.push_back("without a timeout every client must be served, served " + std::to_string(served));
    return out;
}

// ---------------------------------------------------------------------------------------
// m5.l4 Condition: a bounded buffer; `if` instead of `while` takes from an empty buffer.

void runCondition(Context& ctx)
{
    Run& run = ctx.run;
    const auto& p = ctx.params;
    const int producers = p.i("producers"), consumers = p.i("consumers"), capacity = p.i("capacity");
    const int items = p.i("items");
    const double produceMs = p.d("produce_ms"), consumeMs = p.d("consume_ms"), waitMs = p.d("wait_timeout_ms");
    const bool notifyAll = p.is("notify", "all"), useWhile = p.is("predicate_check", "while");
    Condition cond(run, "cond");
    std::deque<std::string> buffer;  // guarded by cond's lock
    int consumed = 0;  // guarded by cond's lock

    auto publish = [&] { recordCounter(cond.id(), CounterKind::Depth, int64_t(buffer.size())); };
    auto wake = [&] {
        if (notifyAll)
            cond.notifyAll();
        else
            cond.notify(1);
    };
    auto put = [&](std::string item) {
        std::unique_lock lk(cond);
        if (useWhile) {
            while (int(buffer.size()) >= capacity)
                cond.wait(waitMs);
        } else if (int(buffer.size()) >= capacity) {
            cond.wait(waitMs);  // the bug: no re-check after waking
        }
        buffer.push_back(std::move(item));
        publish();
        wake();
    };
    std::vector<Thread> prod, cons;
    for (int k = 0; k < producers; ++k)
        prod.emplace_back(
            run,
            [&, k] {
                for (int i = 0; i < items; ++i) {
                    sleepMs(produceMs);
                    put("p" + std::to_string(k) + "-" + std::to_string(i));
                }
            },
            "producer-" + std::to_string(k));
    for (int k = 0; k < consumers; ++k)
        cons.emplace_back(
            run,
            [&] {
                for (;;) {
                    std::string item;
                    {
                        std::unique_lock lk(cond);
                        if (useWhile) {
                            while (buffer.empty())
                                cond.wait(waitMs);
                        } else if (buffer.empty()) {
                            cond.wait(waitMs);
                        }
                        if (buffer.empty()) {
                            // What `buffer.pop(0)` does on an empty list after a stale wake-up.
                            recordException("IndexError: pop from empty list", cond.id());
                            continue;
                        }
                        item = std::move(buffer.front());
                        buffer.pop_front();
                        publish();
                        wake();
                        if (item == "STOP")
                            return;
                        ++consumed;
                    }
                    sleepMs(consumeMs);
                }
            },
            "consumer-" + std::to_string(k));
    for (auto& t : prod)
        t.start();
    for (auto& t : cons)
        t.start();
    for (auto& t : prod)
        t.join();
    for (int k = 0; k < consumers; ++k)
        put("STOP");
    for (auto& t : cons)
        t.join();
    mark("consumed=" + std::to_string(consumed) + " of " + std::to_string(producers * items));
    try {
        cond.notify();  // without holding the lock
    } catch (const RuntimeError& e) {
        recordException(e.describe(), cond.id());
    }
}

Issues checkCondition(const Trace& tr, const ParamValues& p)
{
    Issues out;
    const bool useWhile = p.is("predicate_check", "while");
    const ObjectId cond = objectId(tr, "cond"), lock = objectId(tr, "cond.lock");
    auto holds = holdsOf(tr, lock);
    auto heldBy = [&](int lane, int64_t t) {
        for (const Hold* h : holds)
            if (h->lane == lane && h->start <= t && t <= holdEnd(tr, *h))
                return true;
        return false;
    };
    for (const auto& in : tr.instants)
        if ((in.type == Ev::Notify || in.type == Ev::NotifyAll) && in.object == cond && !heldBy(in.lane, in.t))
            out.push_back(laneName(tr, in.lane) + " notified at " + ms(in.t) + " without holding the lock");
    for (auto& li : laneIntervals(tr, State::WaitCondition, cond)) {
        // wait() begins holding the lock (released just before blocking) and returns holding it.
        bool releasedJustBefore = false, retaken = false;
        for (const Hold* h : holds) {
            if (h->lane != li.lane)
                continue;
            // Released, then blocked: the thread may be preempted between the two stamps for
            // any length, but changes no state of its lane there.
            if (h->end >= 0 && h->end <= li.iv->start + kSlackNs &&
                (h->end >= li.iv->start - kSlackNs || actionWindow(tr, li.lane, h->end).end >= li.iv->start))
                releasedJustBefore = true;
            if (h->start >= li.iv->end - kSlackNs && h->start <= li.iv->end + 2000 * kSlackNs)
                retaken = true;
        }
        if (!releasedJustBefore)
            out.push_back(laneName(tr, li.lane) + " waited on the condition without having held its lock");
        if (!retaken && li.iv->outcome != Outcome::Aborted)
            out.push_back(laneName(tr, li.lane) + " returned from wait() without re-acquiring the lock");
    }
    // notify(n) wakes at most n waiters.
    for (auto* n : instantsOf(tr, Ev::Notify, -1, cond)) {
        int woken = 0;
        for (const auto& f : tr.flows)
            woken += f.kind == FlowKind::Wake && f.object == cond && f.fromLane == n->lane && f.fromT == n->t;
        if (woken > n->a)
            out.push_back("notify(" + std::to_string(n->a) + ") woke " + std::to_string(woken) + " threads");
    }
    const CounterSeries* depth = tr.counter(cond, CounterKind::Depth);
    if (useWhile) {
        if (depth)
            for (auto& pt : depth->points)
                if (pt.value < 0 || pt.value > p.i("capacity"))
                    out.push_back("buffer size " + std::to_string(pt.value) + " outside 0.." +
                                  std::to_string(p.i("capacity")));
        if (!exceptions(tr, "IndexError").empty())
            out.push_back("a consumer took from an empty buffer although it re-checks in a while loop");
    }
    auto fin = marksStarting(tr, "consumed=");
    if (fin.empty() || field(fin.back()->text, "consumed") != p.i("producers") * p.i("items"))
        out.push_back("not every produced item was consumed exactly once");
    if (exceptions(tr, "cannot notify on un-acquired lock").size() != 1)
        out.push_back("notify() without the lock did not raise RuntimeError once");
    return out;
}

}  // namespace

void registerModule5(Registry& r)
{
    r.add({.id = "m5.l1",
           .title = "Lock",
           .titleRu = "Блокировка взаимного исключения (Lock)",
           .summary = "Cooks share oven locks; a new Lock per with-block overlaps critical sections and loses dishes",
           .params = {Param::integer("threads", "Cooks (threads)", 5, 1, 16),
                      Param::integer("dishes", "Dishes per cook", 2, 1, 5),
                      Param::integer("cs_ms", "Baking time (critical section)", 200, 10, 1000, "ms"),
                      Param::integer("locks", "Ovens (locks)", 1, 1, 8),
                      Param::choice("acquire_mode", "How a cook takes an oven",
                                    {"blocking", "try_then_block_first", "try_loop", "timeout", "semaphore"}),
                      Param::integer("timeout_ms", "Timeout of a timed acquire", 500, 10, 5000, "ms"),
                      Param::boolean("new_lock_per_with", "Bug: with Lock(): a new lock every time", false)},
           .run = runLock,
           .check = checkLock});
    r.add({.id = "m5.l2",
           .title = "RLock",
           .titleRu = "Реентерабельная блокировка (RLock)",
           .summary = "Nested methods re-acquire the account lock: an RLock counts, a plain Lock deadlocks on itself",
           .params = {Param::integer("threads", "Tellers (threads)", 3, 1, 8),
                      Param::integer("depth", "Nesting depth (re-acquisitions)", 3, 1, 10),
                      Param::choice("lock_type", "Lock type", {"RLock", "Lock"})},
           .run = runRLock,
           .check = checkRLock});
    r.add({.id = "m5.l3",
           .title = "Event",
           .titleRu = "Синхронизация по событиям (Event)",
           .summary =
               "Bank clients wait for the cashier's Event; never cleared, it lets every later client straight through",
           .params = {Param::integer("waiters", "Clients (waiting threads)", 5, 1, 20),
                      Param::integer("arrive_ms", "A client arrives every", 150, 0, 1000, "ms"),
                      Param::integer("set_at_ms", "First set() at", 300, 0, 5000, "ms"),
                      Param::integer("service_ms", "Service time", 300, 10, 2000, "ms"),
                      Param::boolean("auto_clear", "Clear after each client (otherwise it stays set)", false),
                      Param::integer("wait_timeout_ms", "wait() timeout (0 = None)", 0, 0, 5000, "ms"),
                      Param::integer("events", "Events awaited in turn", 1, 1, 2)},
           .run = runEvent,
           .check = checkEvent,
           .result = resultEvent});
    r.add({.id = "m5.l4",
           .title = "Condition",
           .titleRu = "Синхронизация с условием (Condition)",
           .summary = "A bounded buffer on one Condition: wait releases the lock; if instead of while takes from an "
                      "empty buffer",
           .params = {Param::integer("producers", "Producers", 2, 1, 4),
                      Param::integer("consumers", "Consumers", 2, 1, 4),
                      Param::integer("capacity", "Buffer capacity", 3, 1, 10, "items"),
                      Param::integer("items", "Items per producer", 6, 1, 20, "items"),
                      Param::integer("produce_ms", "Time to produce an item", 50, 0, 500, "ms"),
                      Param::integer("consume_ms", "Time to consume an item", 100, 0, 500, "ms"),
                      Param::choice("notify", "Wake after each change", {"all", "one"}),
                      Param::choice("predicate_check", "Re-check the predicate with", {"while", "if"}),
                      Param::integer("wait_timeout_ms", "wait() timeout", 500, 50, 2000, "ms")},
           .run = runCondition,
           .check = checkCondition});
    m5::registerThreadControl(r);
}

}  // namespace tl
