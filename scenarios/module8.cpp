// SPDX-License-Identifier: MIT
// Module 8 of the course: thread safety (see docs/lessons.md). Races are real but never
// C++ undefined behaviour: shared values are SharedVars (relaxed atomics, every load/store
// traced), Python's "atomic single operations" of dict/list are short std::mutex sections
// with no engine call inside, and the console/log/file are real files written with write(2)
// from several threads. check() verifies the catalog's invariants on the recorded trace.
#include "module8_shared.h"

#include "engine/errors.h"
#include "engine/model/trace.h"
#include "engine/sync/sync.h"
#include "engine/work.h"
#include "checks.h"
#include "recording.h"
#include "scenario.h"

#include <atomic>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <regex>
#include <set>
#include <unistd.h>

namespace tl {
namespace {

using namespace checks;
using Issues = std::vector<std::string>;
namespace fs = std::filesystem;
using namespace m8;

// m8.l1 Thread-safe counter.

void runCounter(Context& ctx)
{
    const auto& p = ctx.params;
    const int threads = p.i("threads"), increments = p.i("increments");
    const bool locked = p.is("mode", "lock"), window = p.is("race_window", "sleep0");
    SharedVar value(ctx.run, "counter", 0);
    Lock lock(ctx.run, "counter_lock");
    std::vector<Thread> ts;
    for (int t = 0; t < threads; ++t)
        ts.emplace_back(
            ctx.run,
            [&] {
                for (int i = 0; i < increments; ++i) {
                    std::unique_lock<Lock> g(lock, std::defer_lock);
                    if (locked)
                        g.lock();
                    const int64_t v = value.load();  // LOAD
                    if (window)
                        sleepMs(0);  // time.sleep(0): lets another thread run here
                    value.store(v + 1);  // ADD + STORE
                }
            },
            "T" + std::to_string(t));
    for (auto& t : ts)
        t.start();
    for (auto& t : ts)
        t.join();
    const int64_t expected = int64_t(threads) * increments;
    mark("final=" + std::to_string(value.peek()) + " expected=" + std::to_string(expected) +
         " lost=" + std::to_string(expected - value.peek()));
}

LessonResult resultCounter(const Trace& tr, const ParamValues&)
{
    const Instant* m = lastMark(tr, "final=");
    const auto fin = m ? field(m->text, "final") : std::nullopt,
               expected = m ? field(m->text, "expected") : std::nullopt;
    if (!fin || !expected)
        return {};
    // Sentences app/i18n/messages.cpp knows (the Result line is shown in the reader's language).
    if (*fin == *expected)
        return {"No update lost: the counter reached " + std::to_string(*fin), m->t};
    return {std::to_string(*expected - *fin) + " of " + std::to_string(*expected) +
                " increments lost: the counter reached " + std::to_string(*fin),
            m->t};
}

Issues checkCounter(const Trace& tr, const ParamValues& p)
{
    Issues out;
    const int64_t expected = int64_t(p.i("threads")) * p.i("increments");
    auto fin = lastField(tr, "final=", "final"), lost = lastField(tr, "final=", "lost");
    if (!fin || !lost)
        return {"no final value"};
    const ObjectId var = objectId(tr, "counter"), lock = objectId(tr, "counter_lock");
    auto writes = instantsOf(tr, Ev::VarWrite, -1, var);
    if (int64_t(writes.size()) != expected)
        out.push_back("expected " + std::to_string(expected) + " stores, saw " + std::to_string(writes.size()));
    if (p.is("mode", "lock")) {
        if (*fin != expected)
            out.push_back("locked counter ended at " + std::to_string(*fin));
        for (auto* w : writes)
            if (!holdsAt(tr, lock, w->lane, w->t)) {
                out.push_back("a store outside the counter lock");
                break;
            }
    } else if (*fin > expected || *fin < 1 || *lost != expected - *fin) {
        out.push_back("unsafe counter final value out of range");
    }
    return out;
}

// ---------------------------------------------------------------------------------------
// m8.l2 Thread-safe print: print(name, "line", i) as separate writes.

void runPrint(Context& ctx)
{
    const auto& p = ctx.params;
    const int threads = p.i("threads"), lines = p.i("lines_per_thread");
    const std::string mode = p.choice("mode");
    SharedFile console("m8l2");
    Lock lock(ctx.run, "print_lock");
    std::vector<Thread> ts;
    for (int t = 0; t < threads; ++t)
        ts.emplace_back(
            ctx.run,
            [&, t] {
                const std::string name = "T" + std::to_string(t);
                for (int i = 0; i < lines; ++i) {
                    if (mode == "single_write") {
                        console.write(name + " line " + std::to_string(i) + "\n");
                    } else {
                        std::unique_lock<Lock> g(lock, std::defer_lock);
                        if (mode == "lock")
                            g.lock();
                        // print() writes each argument, the separators and the end separately.
                        for (const std::string& piece : {name, std::string(" "), std::string("line"), std::string(" "),
                                                         std::to_string(i), std::string("\n")}) {
                            console.write(piece);
                            cpuWork(0.02);  // str() of the next argument
                        }
                    }
                    mark("print " + name + " #" + std::to_string(i));
                }
            },
            "T" + std::to_string(t));
    for (auto& t : ts)
        t.start();
    for (auto& t : ts)
        t.join();
    console.close();
    const std::regex whole("T[0-9]+ line [0-9]+");
    int ok = 0;
    const auto got = console.lines();
    for (const auto& l : got)
        ok += std::regex_match(l, whole);
    mark("console lines=" + std::to_string(got.size()) + " whole=" + std::to_string(ok) +
         " broken=" + std::to_string(int(got.size()) - ok));
}

Issues checkPrint(const Trace& tr, const ParamValues& p)
{
    Issues out;
    const int total = p.i("threads") * p.i("lines_per_thread");
    auto lines = lastField(tr, "console", "lines"), whole = lastField(tr, "console", "whole");
    if (!lines || !whole)
        return {"no console summary"};
    if (*lines != total)
        out.push_back("console has " + std::to_string(*lines) + " lines, expected " + std::to_string(total));
    if (!p.is("mode", "plain") && *whole != total)
        out.push_back("a line was broken although prints were serialized");
    if (p.is("mode", "lock")) {
        const ObjectId lk = objectId(tr, "print_lock");
        if (int(holdsOf(tr, lk).size()) != total)
            out.push_back("print_lock not taken once per print");
    }
    return out;
}

// ---------------------------------------------------------------------------------------
// m8.l3 Thread-safe logging: a handler lock, or a QueueHandler + QueueListener lane.

void runLogging(Context& ctx)
{
    const auto& p = ctx.params;
    const int threads = p.i("threads"), records = p.i("records");
    const bool queued = p.is("handler", "queue_listener");
    SharedFile log("m8l3");
    RLock handlerLock(ctx.run, "handler.lock");
    Queue<std::string> q(ctx.run, "log_queue");
    auto emit = [&](const std::string& line) {  // Handler.handle(): acquire, format, write, release
        std::lock_guard<RLock> g(handlerLock);
        cpuWork(0.05);
        log.write(line);
        mark("write " + line.substr(0, line.size() - 1));
    };
    std::optional<Thread> listener;
    if (queued)
        listener.emplace(
            ctx.run,
            [&] {
                for (;;) {
                    std::string rec = q.get();
                    if (rec.empty()) {  // the sentinel QueueListener.stop() enqueues
                        q.taskDone();
                        return;
                    }
                    emit(rec);
                    q.taskDone();
                }
            },
            "QueueListener");
    if (listener)
        listener->start();
    std::vector<Thread> ts;
    for (int t = 0; t < threads; ++t)
        ts.emplace_back(
            ctx.run,
            [&, t] {
                const std::string name = "worker-" + std::to_string(t);
                for (int i = 0; i < records; ++i) {
                    const std::string line = name + " record " + std::to_string(i) + "\n";  // %(threadName)s
                    if (queued)
                        q.put(line);
                    else
                        emit(line);
                }
            },
            "worker-" + std::to_string(t));
    for (auto& t : ts)
        t.start();
    for (auto& t : ts)
        t.join();
    if (queued) {
        q.put(std::string());  // listener.stop(): sentinel, then join (drains the queue first)
        listener->join();
    }
    log.close();
    const std::regex whole("worker-([0-9]+) record ([0-9]+)");
    std::map<int, int> next;
    int ok = 0, ordered = 1;
    const auto got = log.lines();
    for (const auto& l : got) {
        std::smatch m;
        if (!std::regex_match(l, m, whole))
            continue;
        ++ok;
        const int w = std::stoi(m[1]), i = std::stoi(m[2]);
        ordered &= next[w] == i;
        next[w] = i + 1;
    }
    mark("log lines=" + std::to_string(got.size()) + " whole=" + std::to_string(ok) +
         " ordered=" + std::to_string(ordered));
}

Issues checkLogging(const Trace& tr, const ParamValues& p)
{
    Issues out;
    const int total = p.i("threads") * p.i("records");
    auto lines = lastField(tr, "log lines", "lines"), whole = lastField(tr, "log lines", "whole"),
         ordered = lastField(tr, "log lines", "ordered");
    if (!lines || !whole || !ordered)
        return {"no log summary"};
    if (*lines != total || *whole != total)
        out.push_back("log has " + std::to_string(*whole) + " whole lines of " + std::to_string(*lines) +
                      ", expected " + std::to_string(total));
    if (*ordered != 1)
        out.push_back("a thread's records are out of order");
    const bool queued = p.is("handler", "queue_listener");
    const int listener = laneIndex(tr, "QueueListener");
    const ObjectId lk = objectId(tr, "handler.lock");
    auto writes = marksStarting(tr, "write ");
    if (int(writes.size()) != total)
        out.push_back("expected one write per record");
    std::map<std::string, int> next;
    for (auto* w : writes) {
        if (queued && w->lane != listener)
            out.push_back("a write outside the listener lane in queue mode");
        if (!holdsAt(tr, lk, w->lane, w->t))
            out.push_back("a write without the handler lock");
        // Per-thread order as written.
        const auto sp = w->text.find(" record ");
        const std::string who = w->text.substr(6, sp - 6);
        const int i = std::stoi(w->text.substr(sp + 8));
        if (next[who] != i)
            out.push_back(who + " record " + std::to_string(i) + " written out of order");
        next[who] = i + 1;
        if (out.size() > 5)
            break;
    }
    return out;
}

}  // namespace

void registerModule8(Registry& r)
{
    r.add({.id = "m8.l1",
           .title = "Thread-safe counter",
           .titleRu = "Потокобезопасный счетчик",
           .summary = "An unlocked read-modify-write loses increments; a lock makes the counter exact.",
           .params = {Param::integer("threads", "Threads", 4, 1, 16),
                      Param::integer("increments", "Increments per thread", 1000, 1, 5000),
                      Param::choice("race_window", "Race window", {"sleep0", "none"}, 0),
                      Param::choice("mode", "Counter", {"unsafe", "lock"}, 0)},
           .run = runCounter,
           .check = checkCounter,
           .result = resultCounter});
    r.add({.id = "m8.l2",
           .title = "Thread-safe print",
           .titleRu = "Потокобезопасная печать",
           .summary = "print() writes its pieces separately: lines mix unless printing is locked or one write.",
           .params = {Param::integer("threads", "Threads", 8, 1, 16),
                      Param::integer("lines_per_thread", "Lines per thread", 5, 1, 20),
                      Param::choice("mode", "Printing", {"plain", "lock", "single_write"}, 0)},
           .run = runPrint,
           .check = checkPrint});
    r.add({.id = "m8.l3",
           .title = "Thread-safe logging",
           .titleRu = "Потокобезопасное логирование",
           .summary = "Handlers serialize emit() with their lock; a QueueListener moves all writes to one lane.",
           .params = {Param::integer("threads", "Threads", 6, 1, 16),
                      Param::integer("records", "Records per thread", 10, 1, 50),
                      Param::choice("handler", "Handler", {"stream", "queue_listener"}, 0)},
           .run = runLogging,
           .check = checkLogging});
    m8::registerSharedData(r);
}

}  // namespace tl
