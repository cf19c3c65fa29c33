// SPDX-License-Identifier: MIT
// Module 4 of the course: thread-safe queues (see docs/lessons.md). Every scenario runs
// real threads through the traced queues; check() replays the recorded puts and gets.
#include "engine/sync/sync.h"
#include "engine/work.h"
#include "checks.h"
#include "recording.h"
#include "scenario.h"

#include <map>
#include <memory>
#include <random>
#include <set>

namespace tl {
namespace {

using namespace checks;
using Issues = std::vector<std::string>;

// The integers of a tuple label "(42, 3, 'job-3')" -> {42, 3}.
std::vector<int64_t> labelInts(const std::string& label)
{
    std::vector<int64_t> out;
    size_t i = 0;
    while (i < label.size()) {
        if (label[i] == '\'') {  // skip quoted text
            i = label.find('\'', i + 1);
            if (i == std::string::npos)
                break;
            ++i;
            continue;
        }
        if (std::isdigit(static_cast<unsigned char>(label[i])) ||
            (label[i] == '-' && i + 1 < label.size() && std::isdigit(static_cast<unsigned char>(label[i + 1])))) {
            size_t used = 0;
            out.push_back(std::stoll(label.substr(i), &used));
            i += used;
        } else {
            ++i;
        }
    }
    return out;
}

// Replays one queue's recorded puts and gets in time order and checks that every get took
// the item the queue's order prescribes among the items present at that moment: FIFO the
// oldest, LIFO the newest, priority the smallest label tuple. Also: each item got at most
// once and only after its put. Returns the number of gets.
size_t replayQueue(const Trace& tr, ObjectId q, QueueOrder order, Issues& out,
                   std::vector<std::string>* gotLabels = nullptr)
{
    std::vector<const Instant*> evs;
    for (const auto& in : tr.instants)
        if (in.object == q && (in.type == Ev::Put || in.type == Ev::Get))
            evs.push_back(&in);
    std::map<int64_t, std::string> present;  // seq -> label
    std::set<int64_t> taken;
    size_t gets = 0;
    const std::string qn = tr.objectName(q);
    for (size_t i = 0; i < evs.size(); ++i) {
        const Instant& e = *evs[i];
        if (e.type == Ev::Put) {
            if (!taken.count(e.a))
                present[e.a] = e.text;
            continue;
        }
        ++gets;
        if (gotLabels)
            gotLabels->push_back(e.text);
        if (!present.count(e.a)) {
            // Its put may carry the same timestamp but sort after; apply it first.
            bool found = false;
            for (size_t j = i + 1; j < evs.size() && evs[j]->t == e.t; ++j)
                if (evs[j]->type == Ev::Put && evs[j]->a == e.a)
                    found = true;
            if (!found || taken.count(e.a)) {
                out.push_back(qn + ": item #" + std::to_string(e.a) + " was got without a put, or twice");
                continue;
            }
            present[e.a] = e.text;
        }
        int64_t expect = -1;
        if (order == QueueOrder::Fifo || order == QueueOrder::Simple) {
            expect = present.begin()->first;
        } else if (order == QueueOrder::Lifo) {
            expect = present.rbegin()->first;
        } else {
            auto best = present.begin();
            for (auto it = present.begin(); it != present.end(); ++it)
                if (labelInts(it->second) < labelInts(best->second))
                    best = it;
            if (labelInts(best->second) == labelInts(e.text))
                expect = e.a;  // equal keys: either is the minimum
            else
                expect = best->first;
        }
        if (expect != e.a)
            out.push_back(qn + ": get at " + ms(e.t) + " returned " + e.text + " but " + present[expect] +
                          " should have come first");
        present.erase(e.a);
        taken.insert(e.a);
    }
    return gets;
}

int64_t countPuts(const Trace& tr, ObjectId q) { return int64_t(instantsOf(tr, Ev::Put, -1, q).size()); }

// The items in the order they left queue q, by number ("(42, 'item-3')" -> 3; the STOP sentinels
// left out), or by their first number (a priority) when `priorities`; the middle elided past 20.
std::string orderOut(const Trace& tr, ObjectId q, bool priorities = false)
{
    std::vector<std::string> out;
    for (const Instant* g : instantsOf(tr, Ev::Get, -1, q)) {
        std::string s = g->text;
        if (s.find("STOP") != std::string::npos)
            continue;
        if (priorities) {
            const auto ints = labelInts(s);
            s = ints.empty() ? s : std::to_string(ints.front());
        } else if (const auto a = s.find('\''), b = s.rfind('\''); a != std::string::npos && b > a) {
            s = s.substr(a + 1, b - a - 1);
        }
        if (const auto dash = s.rfind('-'); !priorities && dash != std::string::npos && dash + 1 < s.size())
            s = s.substr(dash + 1);
        out.push_back(s);
    }
    std::string text;
    for (size_t i = 0; i < out.size(); ++i) {
        if (out.size() > 20 && i == 10) {
            text += " …";
            i = out.size() - 6;
        }
        text += (text.empty() ? "" : " ") + out[i];
    }
    return text;
}

// When the queue's last item left.
int64_t lastGet(const Trace& tr, ObjectId q)
{
    const auto gets = instantsOf(tr, Ev::Get, -1, q);
    return gets.empty() ? -1 : gets.back()->t;
}

// ---------------------------------------------------------------------------------------
// m4.l1 Introduction: the same items through FIFO, LIFO and priority queues.

using Entry = std::pair<int, std::string>;  // (priority, name)

void runIntro(Context& ctx)
{
    Run& run = ctx.run;
    const auto& p = ctx.params;
    const int items = p.i("items");
    const bool fillFirst = p.b("fill_before_drain");
    const double produceMs = p.d("produce_ms"), consumeMs = p.d("consume_ms");
    Queue<Entry> fifo(run, "fifo");
    LifoQueue<Entry> lifo(run, "lifo");
    PriorityQueue<Entry> prio(run, "priority");
    std::mt19937_64 rng(ctx.seed);
    std::uniform_int_distribution<int> pr(0, 99);
    std::vector<Entry> entries;
    for (int i = 0; i < items; ++i)
        entries.push_back({pr(rng), "item-" + std::to_string(i)});

    auto drain = [&](auto& q) {
        for (int k = 0; k < items; ++k) {
            q.get();
            sleepMs(consumeMs);
        }
    };
    std::vector<Thread> consumers{
        Thread(
            run, [&] { drain(fifo); }, "fifo-consumer"),
        Thread(
            run, [&] { drain(lifo); }, "lifo-consumer"),
        Thread(
            run, [&] { drain(prio); }, "priority-consumer"),
    };
    if (!fillFirst)
        for (auto& t : consumers)
            t.start();
    for (const Entry& e : entries) {
        sleepMs(produceMs);
        fifo.put(e);
        lifo.put(e);
        prio.put(e);
    }
    if (fillFirst)
        for (auto& t : consumers)
            t.start();
    for (auto& t : consumers)
        t.join();
}

Issues checkIntro(const Trace& tr, const ParamValues& p)
{
    Issues out;
    const int items = p.i("items");
    const std::pair<const char*, QueueOrder> qs[] = {
        {"fifo", QueueOrder::Fifo}, {"lifo", QueueOrder::Lifo}, {"priority", QueueOrder::Priority}};
    for (auto [name, order] : qs) {
        const ObjectId q = objectId(tr, name);
        std::vector<std::string> got;
        if (replayQueue(tr, q, order, out, &got) != size_t(items))
            out.push_back(std::string(name) + ": not every item was got exactly once");
        if (!p.b("fill_before_drain") || got.size() != size_t(items))
            continue;
        // Filled first: the whole output follows the queue's order.
        auto puts = instantsOf(tr, Ev::Put, -1, q);
        for (int k = 0; k < items; ++k) {
            std::string expect;
            if (order == QueueOrder::Fifo)
                expect = puts[size_t(k)]->text;
            else if (order == QueueOrder::Lifo)
                expect = puts[size_t(items - 1 - k)]->text;
            if (!expect.empty() && got[size_t(k)] != expect)
                out.push_back(std::string(name) + ": output #" + std::to_string(k) + " is " + got[size_t(k)] +
                              ", expected " + expect);
            if (order == QueueOrder::Priority && k > 0 && labelInts(got[size_t(k)]) < labelInts(got[size_t(k - 1)]))
                out.push_back("priority: output is not in ascending order at #" + std::to_string(k));
        }
    }
    return out;
}

LessonResult resultIntro(const Trace& tr, const ParamValues&)
{
    const ObjectId fifo = objectId(tr, "fifo"), lifo = objectId(tr, "lifo"), prio = objectId(tr, "priority");
    // Sentences app/i18n/messages.cpp knows (the Result line is shown in the reader's language).
    return {"Order out of Queue: " + orderOut(tr, fifo) + "; out of LifoQueue: " + orderOut(tr, lifo) +
                "; out of PriorityQueue: " + orderOut(tr, prio),
            std::max({lastGet(tr, fifo), lastGet(tr, lifo), lastGet(tr, prio)})};
}

// ---------------------------------------------------------------------------------------
// m4.l2 Queue: a producer, daemon consumers, task_done and join. AP4: `except queue.Empty`
// around a blocking get is a dead branch.

void runQueue(Context& ctx)
{
    Run& run = ctx.run;
    const auto& p = ctx.params;
    const int items = p.i("items"), consumers = p.i("consumers");
    const double produceMs = p.d("produce_ms"), consumeMs = p.d("consume_ms");
    const bool exceptEmpty = p.b("except_empty");
    // Shared with the daemon consumers, which may outlive this function (cut at exit).
    auto qp = std::make_shared<Queue<std::string>>(run, "q", p.i("maxsize"));
    Queue<std::string>& q = *qp;

    std::vector<Thread> cons;
    for (int k = 0; k < consumers; ++k) {
        const std::string me = "consumer-" + std::to_string(k);
        cons.emplace_back(
            run,
            [qp, me, exceptEmpty, consumeMs] {
                Queue<std::string>& q = *qp;
                for (;;) {
                    std::string item;
                    if (exceptEmpty) {
                        try {
                            item = q.get();  // blocks: queue.Empty is never raised here
                        } catch (const QueueEmpty&) {
                            mark(me + " exits");  // dead branch
                            return;
                        }
                    } else {
                        item = q.get();
                        if (item == "STOP") {
                            q.taskDone();
                            mark(me + " exits");
                            return;
                        }
                    }
                    sleepMs(consumeMs);
                    q.taskDone();
                }
            },
            me, true);
    }
    Thread producer(
        run,
        [&] {
            for (int i = 0; i < items; ++i) {
                sleepMs(produceMs);
                q.put("item-" + std::to_string(i));
            }
        },
        "producer");
    for (auto& t : cons)
        t.start();
    producer.start();
    producer.join();
    q.join();
    mark("all items processed");
    if (!exceptEmpty) {
        for (int k = 0; k < consumers; ++k)
            q.put("STOP");
        for (auto& t : cons)
            t.join();
    }
    try {
        q.taskDone();  // one too many
    } catch (const ValueError& e) {
        recordException(e.describe(), q.id());
    }
}

Issues checkQueue(const Trace& tr, const ParamValues& p)
{
    Issues out;
    const ObjectId q = objectId(tr, "q");
    const bool exceptEmpty = p.b("except_empty");
    const int consumers = p.i("consumers");
    const size_t gets = replayQueue(tr, q, QueueOrder::Fifo, out);
    const size_t expectGets = size_t(p.i("items") + (exceptEmpty ? 0 : consumers));
    if (gets != expectGets)
        out.push_back("expected " + std::to_string(expectGets) + " gets, saw " + std::to_string(gets));
    // join() returns only when every put was marked done.
    const CounterSeries* unfinished = tr.counter(q, CounterKind::Pending);
    auto joins = instantsOf(tr, Ev::Join, -1, q);
    if (joins.empty())
        out.push_back("main never returned from q.join()");
    for (auto* j : joins)
        if (!unfinished || unfinished->valueAt(j->t) != 0)
            out.push_back("q.join() returned at " + ms(j->t) + " with unfinished tasks");
    if (unfinished)
        for (auto& pt : unfinished->points)
            if (pt.value < 0)
                out.push_back("unfinished tasks went negative");
    auto processed = marksStarting(tr, "all items processed");
    for (int lane : lanesNamedPrefix(tr, "consumer-")) {
        const Lane& l = tr.lanes[size_t(lane)];
        const bool exited = !marksStarting(tr, laneName(tr, lane) + " exits", lane).empty();
        if (exceptEmpty) {
            if (exited)
                out.push_back(laneName(tr, lane) +
                              " left through `except queue.Empty`: a blocking get never raises it");
            if (!l.killed && tr.result.status == "finished")
                out.push_back(laneName(tr, lane) + " should still be blocked in get() and cut at exit");
        } else if (!exited || l.killed) {
            out.push_back(laneName(tr, lane) + " did not exit on its stop item");
        }
    }
    if (!exceptions(tr, "queue.Empty").empty())
        out.push_back("a blocking get raised queue.Empty");
    if (exceptions(tr, "task_done() called too many times").size() != 1)
        out.push_back("one task_done() too many did not raise ValueError once");
    return out;
}

// ---------------------------------------------------------------------------------------
// m4.l3 LifoQueue: a stack drained by daemon consumers.

void runLifo(Context& ctx)
{
    Run& run = ctx.run;
    const auto& p = ctx.params;
    const int items = p.i("items"), consumers = p.i("consumers");
    const bool concurrent = p.b("producer_concurrent");
    const double produceMs = p.d("produce_ms"), workMs = p.d("work_ms");
    // Shared with the daemon consumers, which outlive this function (cut at exit).
    auto sp = std::make_shared<LifoQueue<int>>(run, "stack");
    LifoQueue<int>& stack = *sp;
    std::vector<Thread> cons;
    for (int k = 0; k < consumers; ++k)
        cons.emplace_back(
            run,
            [sp, workMs] {
                LifoQueue<int>& stack = *sp;
                for (;;) {
                    stack.get();
                    sleepMs(workMs);
                    stack.taskDone();
                }
            },
            "consumer-" + std::to_string(k), true);
    if (concurrent)
        for (auto& t : cons)
            t.start();
    for (int i = 0; i < items; ++i) {
        if (concurrent)
            sleepMs(produceMs);
        stack.put(i);
    }
    if (!concurrent)
        for (auto& t : cons)
            t.start();
    stack.join();
    mark("stack drained");
}

Issues checkLifo(const Trace& tr, const ParamValues& p)
{
    Issues out;
    const ObjectId q = objectId(tr, "stack");
    std::vector<std::string> got;
    if (replayQueue(tr, q, QueueOrder::Lifo, out, &got) != size_t(p.i("items")))
        out.push_back("not every item was popped exactly once");
    if (!p.b("producer_concurrent"))
        for (size_t k = 0; k < got.size(); ++k)
            if (got[k] != std::to_string(p.i("items") - 1 - int(k)))
                out.push_back("filled first, pop #" + std::to_string(k) + " returned " + got[k]);
    if (marksStarting(tr, "stack drained").empty())
        out.push_back("stack.join() never returned");
    return out;
}

LessonResult resultLifo(const Trace& tr, const ParamValues&)
{
    const ObjectId q = objectId(tr, "stack");
    return {"Popped in this order: " + orderOut(tr, q), lastGet(tr, q)};
}

// ---------------------------------------------------------------------------------------
// m4.l4 PriorityQueue: bounded, most urgent job first among those present.

using Job = std::tuple<int, int, std::string>;  // (priority, sequence, name)

void runPriority(Context& ctx)
{
    Run& run = ctx.run;
    const auto& p = ctx.params;
    const int items = p.i("items"), consumers = p.i("consumers");
    const double perPrio = p.d("work_per_priority_ms"), produceMs = p.d("produce_ms");
    PriorityQueue<Job> q(run, "jobs", p.i("maxsize"));
    std::mt19937_64 rng(ctx.seed);
    std::uniform_int_distribution<int> pr(0, 100);
    std::vector<int> prios;
    for (int i = 0; i < items; ++i)
        prios.push_back(pr(rng));
    constexpr int kStop = 1000000;  // sorts after every real priority
    Thread producer(
        run,
        [&] {
            for (int i = 0; i < items; ++i) {
                sleepMs(produceMs);
                q.put({prios[size_t(i)], i, "job-" + std::to_string(i)});
            }
            for (int k = 0; k < consumers; ++k)
                q.put({kStop, items + k, "STOP"});
        },
        "producer");
    std::vector<Thread> cons;
    for (int k = 0; k < consumers; ++k)
        cons.emplace_back(
            run,
            [&] {
                for (;;) {
                    auto [prio, seq, name] = q.get();
                    if (prio == kStop)
                        return;
                    sleepMs(prio * perPrio);
                }
            },
            "consumer-" + std::to_string(k));
    producer.start();
    for (auto& t : cons)
        t.start();
    producer.join();
    for (auto& t : cons)
        t.join();
}

LessonResult resultPriority(const Trace& tr, const ParamValues&)
{
    const ObjectId q = objectId(tr, "jobs");
    return {"Priorities in the order the jobs were taken: " + orderOut(tr, q, true), lastGet(tr, q)};
}

Issues checkPriority(const Trace& tr, const ParamValues& p)
{
    Issues out;
    const ObjectId q = objectId(tr, "jobs");
    const int maxsize = p.i("maxsize");
    if (replayQueue(tr, q, QueueOrder::Priority, out) != size_t(p.i("items") + p.i("consumers")))
        out.push_back("not every job was taken exactly once");
    const CounterSeries* depth = tr.counter(q, CounterKind::Depth);
    if (!depth) {
        out.push_back("no depth counter for the queue");
        return out;
    }
    for (auto& pt : depth->points)
        if (pt.value > maxsize)
            out.push_back("queue size " + std::to_string(pt.value) + " above maxsize");
    // put blocks iff the queue is full
    for (auto& li : laneIntervals(tr, State::WaitQueuePut, q))
        if (depth->valueAt(li.iv->start) != maxsize)
            out.push_back("the producer blocked in put at " + ms(li.iv->start) + " although the queue was not full");
    for (auto* put : instantsOf(tr, Ev::Put, -1, q)) {
        // A put that did not block found room: the size just before it was below maxsize.
        if (depth->valueAt(put->t - 1) >= maxsize) {
            bool waited = false;
            for (auto& li : laneIntervals(tr, State::WaitQueuePut, q, put->lane))
                waited = waited || (li.iv->end >= put->t - kSlackNs && li.iv->start <= put->t);
            if (!waited)
                out.push_back("a put at " + ms(put->t) + " went into a full queue");
        }
    }
    return out;
}

// ---------------------------------------------------------------------------------------
// m4.l5 SimpleQueue and exceptions: a warehouse that fills up; AP5/AP6 drop items.

void runWarehouse(Context& ctx)
{
    Run& run = ctx.run;
    const auto& p = ctx.params;
    const int items = p.i("items");
    const double produceMs = p.d("produce_ms"), consumeMs = p.d("consume_ms"), timeoutMs = p.d("timeout_ms");
    const std::string policy = p.choice("policy");
    const bool checkThenDrop = p.b("check_then_drop");
    Queue<std::string> q(run, "warehouse", p.i("maxsize"));
    int dropped = 0;
    Thread seller(
        run,
        [&] {
            for (;;) {
                const std::string item = q.get();
                if (item == "CLOSED")
                    return;
                sleepMs(consumeMs);
                q.taskDone();
            }
        },
        "seller");
    Thread supplier(
        run,
        [&] {
            for (int i = 0; i < items; ++i) {
                sleepMs(produceMs);
                const std::string item = "item-" + std::to_string(i);
                if (checkThenDrop) {
                    if (q.full()) {  // AP5: the answer may be stale; AP6: the item is lost
                        ++dropped;
                        mark("dropped " + item);
                        continue;
                    }
                    q.put(item);
                } else if (policy == "blocking_put") {
                    q.put(item);
                } else if (policy == "put_nowait_retry") {
                    for (;;) {
                        try {
                            q.putNowait(item);
                            break;
                        } catch (const QueueFull& e) {
                            recordException(e.describe(), q.id());
                            sleepMs(std::max(1.0, produceMs / 2));
                        }
                    }
                } else {
                    for (;;) {
                        try {
                            q.put(item, true, timeoutMs);
                            break;
                        } catch (const QueueFull& e) {
                            recordException(e.describe(), q.id());
                        }
                    }
                }
            }
            q.put("CLOSED");
        },
        "supplier");
    seller.start();
    supplier.start();
    supplier.join();
    seller.join();
    mark("dropped=" + std::to_string(dropped));

    // SimpleQueue: no maxsize, put never blocks, no task_done/join; a timed get raises Empty.
    SimpleQueue<std::string> simple(run, "simple");
    Thread reader(
        run,
        [&] {
            for (int k = 0; k < 3; ++k)
                simple.get();
        },
        "reader");
    reader.start();
    for (int k = 0; k < 3; ++k)
        simple.put("note-" + std::to_string(k));
    reader.join();
    try {
        simple.get(true, std::max(10.0, timeoutMs / 2));
    } catch (const QueueEmpty& e) {
        recordException(e.describe(), simple.id());
    }
}

Issues checkWarehouse(const Trace& tr, const ParamValues& p)
{
    Issues out;
    const ObjectId q = objectId(tr, "warehouse");
    const int items = p.i("items"), maxsize = p.i("maxsize");
    const bool drop = p.b("check_then_drop");
    std::vector<std::string> got;
    replayQueue(tr, q, QueueOrder::Fifo, out, &got);
    const int64_t puts = countPuts(tr, q) - 1;  // without CLOSED
    const int64_t sold = int64_t(got.size()) - 1;
    auto droppedMarks = marksStarting(tr, "dropped item-");
    if (!drop && (puts != items || sold != items))
        out.push_back("a lossless policy must deliver and sell all " + std::to_string(items) + " items; put " +
                      std::to_string(puts) + ", sold " + std::to_string(sold));
    if (puts + int64_t(droppedMarks.size()) != items)
        out.push_back("put + dropped != produced");
    auto fin = marksStarting(tr, "dropped=");
    if (fin.empty() || field(fin.back()->text, "dropped") != int64_t(droppedMarks.size()))
        out.push_back("the dropped count does not match the dropped markers");
    const CounterSeries* depth = tr.counter(q, CounterKind::Depth);
    // The full() or put_nowait() that found it full came before the stamp on the same lane, with
    // no state change of the lane between them (a loaded machine can preempt the thread there
    // for any length): full at some moment of the action's window, or within the slack.
    auto wasFullNear = [&](const Instant& in) {
        if (!depth)
            return false;
        const int64_t from = std::min(in.t - kSlackNs, actionWindow(tr, in.lane, in.t).start);
        if (depth->valueAt(from) == maxsize || depth->valueAt(in.t) == maxsize)
            return true;
        for (auto& pt : depth->points)
            if (pt.t >= from && pt.t <= in.t && pt.value == maxsize)
                return true;
        return false;
    };
    // Dropped only while full; queue.Full only when size == maxsize.
    for (auto* m : droppedMarks)
        if (!wasFullNear(*m))
            out.push_back(m->text + " although the warehouse was not full");
    for (auto* e : exceptions(tr, "queue.Full"))
        if (!wasFullNear(*e))
            out.push_back("queue.Full at " + ms(e->t) + " although the warehouse was not full");
    if (drop || p.is("policy", "blocking_put"))
        if (!exceptions(tr, "queue.Full").empty())
            out.push_back("queue.Full raised by a policy that never uses a non-blocking or timed put");
    // A timed get that raised Empty found the queue empty for its whole timeout.
    const ObjectId simple = objectId(tr, "simple");
    const CounterSeries* sdepth = tr.counter(simple, CounterKind::Depth);
    for (auto& li : laneIntervals(tr, State::WaitQueueGet, simple)) {
        if (li.iv->outcome != Outcome::Timeout)
            continue;
        bool empty = !sdepth || sdepth->valueAt(li.iv->start) == 0;
        if (sdepth)
            for (auto& pt : sdepth->points)
                if (pt.t > li.iv->start && pt.t < li.iv->end - kSlackNs && pt.value != 0)
                    empty = false;
        if (!empty)
            out.push_back("a get timed out on the SimpleQueue although it was not empty");
    }
    if (exceptions(tr, "queue.Empty").size() != 1)
        out.push_back("the timed get on the empty SimpleQueue did not raise queue.Empty once");
    if (instantsOf(tr, Ev::Get, -1, simple).size() != 3)
        out.push_back("the SimpleQueue reader did not get its 3 notes");
    return out;
}

}  // namespace

void registerModule4(Registry& r)
{
    r.add({.id = "m4.l1",
           .title = "Introduction to queues",
           .titleRu = "Введение в очереди",
           .summary = "The same items through Queue, LifoQueue and PriorityQueue come out in three different orders",
           .params = {Param::integer("items", "Items", 10, 1, 30, "items"),
                      Param::boolean("fill_before_drain", "Fill the queues before draining", true),
                      Param::integer("produce_ms", "Time to produce an item", 20, 0, 500, "ms"),
                      Param::integer("consume_ms", "Time to consume an item", 20, 0, 500, "ms")},
           .run = runIntro,
           .check = checkIntro,
           .result = resultIntro});
    r.add({.id = "m4.l2",
           .title = "Queue",
           .titleRu = "Queue",
           .summary =
               "FIFO producer/consumer with task_done and join; except queue.Empty around a blocking get never fires",
           .params = {Param::integer("items", "Items", 10, 1, 40, "items"),
                      Param::integer("produce_ms", "Producer: one item every", 100, 0, 1000, "ms"),
                      Param::integer("consume_ms", "Consumer: time per item", 200, 0, 2000, "ms"),
                      Param::integer("consumers", "Consumers", 1, 1, 8),
                      Param::integer("maxsize", "maxsize (0 = unbounded)", 0, 0, 20, "items"),
                      Param::boolean("except_empty", "Bug: end the consumer on except queue.Empty", false)},
           .run = runQueue,
           .check = checkQueue});
    r.add(
        {.id = "m4.l3",
         .title = "LifoQueue",
         .titleRu = "LifoQueue",
         .summary = "A stack: filled first it pops in reverse; with a concurrent producer only the items present count",
         .params = {Param::integer("items", "Items", 10, 1, 30, "items"),
                    Param::integer("consumers", "Consumers", 3, 1, 8),
                    Param::boolean("producer_concurrent", "Producer keeps putting while consumers pop", false),
                    Param::integer("produce_ms", "Producer: one item every", 50, 0, 500, "ms"),
                    Param::integer("work_ms", "Consumer: time per item", 100, 0, 1000, "ms")},
         .run = runLifo,
         .check = checkLifo,
         .result = resultLifo});
    r.add({.id = "m4.l4",
           .title = "PriorityQueue",
           .titleRu = "PriorityQueue",
           .summary =
               "A bounded priority queue: the producer blocks when full; each get takes the most urgent job present",
           .params = {Param::integer("items", "Jobs", 10, 1, 30, "items"),
                      Param::integer("maxsize", "maxsize", 5, 1, 20, "items"),
                      Param::integer("consumers", "Consumers", 2, 1, 8),
                      Param::real("work_per_priority_ms", "Work per priority point", 2, 0, 20, "ms"),
                      Param::integer("produce_ms", "Producer: one job every", 0, 0, 500, "ms")},
           .run = runPriority,
           .check = checkPriority,
           .result = resultPriority});
    r.add({.id = "m4.l5",
           .title = "SimpleQueue and exceptions",
           .titleRu = "SimpleQueue и исключения",
           .summary = "A warehouse Queue fills up: block, retry on queue.Full, or (bug) check full() and drop the item",
           .params = {Param::integer("maxsize", "Warehouse size (maxsize)", 5, 1, 20, "items"),
                      Param::integer("items", "Deliveries", 16, 1, 40, "items"),
                      Param::integer("produce_ms", "A delivery every", 80, 0, 500, "ms"),
                      Param::integer("consume_ms", "A sale every", 200, 0, 1000, "ms"),
                      Param::choice("policy", "When the warehouse is full",
                                    {"blocking_put", "put_nowait_retry", "put_timeout"}),
                      Param::integer("timeout_ms", "put/get timeout", 200, 10, 2000, "ms"),
                      Param::boolean("check_then_drop", "Bug: check full() and drop the delivery", false)},
           .run = runWarehouse,
           .check = checkWarehouse});
}

}  // namespace tl
