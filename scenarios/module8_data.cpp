// SPDX-License-Identifier: MIT
// Module 8, shared data (see docs/lessons.md): a dict (l4), a list (l5), file writing (l6) and a
// stop flag against an Event (l7).
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

namespace tl::m8 {
namespace {

using namespace checks;
using Issues = std::vector<std::string>;
namespace fs = std::filesystem;

// ---------------------------------------------------------------------------------------
// m8.l4 Thread-safe dict: word counts with d[w] = d.get(w, 0) + 1.

// The dict: each single operation (get, set, len, copy) is atomic as in CPython; the values
// are SharedVars so every get/set is traced. `present_` flags which keys exist.
class PyDict {
public:
    PyDict(Run& run, int keys) : len_(run, "len(d)", 0), present_(size_t(keys))
    {
        for (int k = 0; k < keys; ++k)
            vals_.push_back(std::make_unique<SharedVar>(run, "d[w" + std::to_string(k) + "]", 0));
    }
    int64_t get(int k) { return present_[size_t(k)].load() ? vals_[size_t(k)]->load() : 0; }
    void set(int k, int64_t v)
    {
        vals_[size_t(k)]->store(v);
        if (!present_[size_t(k)].exchange(true))
            len_.store(size_.fetch_add(1) + 1);  // a new key: the dict grows
    }
    int64_t len() { return len_.load(); }
    bool has(int k) const { return present_[size_t(k)].load(); }
    size_t keys() const { return vals_.size(); }
    int64_t peekSum() const
    {
        int64_t s = 0;
        for (auto& v : vals_)
            s += v->peek();
        return s;
    }

private:
    SharedVar len_;
    std::atomic<int64_t> size_{0};
    std::vector<std::atomic<bool>> present_;
    std::vector<std::unique_ptr<SharedVar>> vals_;
};

void runDict(Context& ctx)
{
    const auto& p = ctx.params;
    const int threads = p.i("threads"), keys = p.i("keys"), updates = p.i("updates");
    const bool locked = p.is("mode", "lock"), iterate = p.b("iterate_during_writes");
    PyDict d(ctx.run, keys);
    Lock lock(ctx.run, "dict_lock");
    std::vector<Thread> ts;
    for (int t = 0; t < threads; ++t)
        ts.emplace_back(
            ctx.run,
            [&, t] {
                std::mt19937_64 rnd(ctx.seed * 31u + uint64_t(t));
                const int mine = updates / threads + (t < updates % threads ? 1 : 0);
                for (int i = 0; i < mine; ++i) {
                    const int w = int(rnd() % uint64_t(keys));
                    std::unique_lock<Lock> g(lock, std::defer_lock);
                    if (locked)
                        g.lock();
                    const int64_t v = d.get(w);
                    sleepMs(0);  // the race window between get and the assignment
                    d.set(w, v + 1);
                }
            },
            "T" + std::to_string(t));
    for (auto& t : ts)
        t.start();
    if (iterate) {
        mark("iterate start");
        try {
            const int64_t size0 = d.len();
            for (size_t k = 0; k < d.keys(); ++k) {
                if (!d.has(int(k)))
                    continue;
                d.get(int(k));
                sleepMs(0.5);  // the loop body
                if (d.len() != size0)
                    throw RuntimeError("dictionary changed size during iteration");
            }
            mark("iterate end");
        } catch (const RuntimeError& e) {
            recordException(e.describe());
        }
        // The fix: copy under the lock (dict(d) is one atomic operation), iterate the copy.
        int64_t n = 0;
        {
            std::lock_guard<Lock> g(lock);
            for (size_t k = 0; k < d.keys(); ++k)
                n += d.has(int(k));
        }
        mark("snapshot keys=" + std::to_string(n));
    }
    for (auto& t : ts)
        t.join();
    mark("final sum=" + std::to_string(d.peekSum()) + " expected=" + std::to_string(updates));
}

Issues checkDict(const Trace& tr, const ParamValues& p)
{
    Issues out;
    const int updates = p.i("updates");
    auto sum = lastField(tr, "final sum", "sum");
    if (!sum)
        return {"no final sum"};
    if (p.is("mode", "lock") ? *sum != updates : (*sum > updates || *sum < 1))
        out.push_back("final sum " + std::to_string(*sum) + " for " + std::to_string(updates) + " updates");
    // The iteration error only when the size changed during the iteration.
    const ObjectId len = objectId(tr, "len(d)");
    for (auto* e : exceptions(tr, "dictionary changed size")) {
        auto starts = marksStarting(tr, "iterate start", e->lane);
        if (starts.empty()) {
            out.push_back("iteration error without an iteration");
            continue;
        }
        std::set<int64_t> seen;
        for (auto* r : instantsOf(tr, Ev::VarRead, -1, len))
            if (int(r->lane) == int(e->lane) && r->t >= starts.back()->t && r->t <= e->t)
                seen.insert(r->a);
        if (seen.size() < 2)
            out.push_back("iteration error although the size did not change");
    }
    return out;
}

// ---------------------------------------------------------------------------------------
// m8.l5 Thread-safe list.

// A list whose append/pop/contains/len are each atomic (a short std::mutex section with no
// engine call inside), its length traced as a SharedVar.
class PyList {
public:
    explicit PyList(Run& run) : len_(run, "len(L)", 0) {}
    void append(int x)
    {
        int64_t n;
        {
            std::lock_guard<std::mutex> g(m_);
            v_.push_back(x);
            n = int64_t(v_.size());
        }
        len_.store(n);
    }
    bool contains(int x)
    {
        std::lock_guard<std::mutex> g(m_);
        return std::find(v_.begin(), v_.end(), x) != v_.end();
    }
    int pop()
    {
        int x;
        int64_t n;
        {
            std::lock_guard<std::mutex> g(m_);
            if (v_.empty())
                n = -1;
            else {
                x = v_.back();
                v_.pop_back();
                n = int64_t(v_.size());
            }
        }
        if (n < 0)
            throw PyError("IndexError", "pop from empty list");
        len_.store(n);
        return x;
    }
    int64_t len() { return len_.load(); }
    size_t size()
    {
        std::lock_guard<std::mutex> g(m_);
        return v_.size();
    }
    size_t distinct()
    {
        std::lock_guard<std::mutex> g(m_);
        std::set<int> s(v_.begin(), v_.end());
        return s.size();
    }

private:
    SharedVar len_;
    std::mutex m_;
    std::vector<int> v_;
};

void runList(Context& ctx)
{
    const auto& p = ctx.params;
    const int threads = p.i("threads"), items = p.i("items");
    const std::string op = p.choice("op");
    const bool locked = p.b("lock");
    PyList L(ctx.run);
    Lock lock(ctx.run, "list_lock");
    if (op == "check_then_pop")
        for (int x = 0; x < items; ++x)
            L.append(x);
    std::atomic<int> popped{0};
    std::vector<Thread> ts;
    for (int t = 0; t < threads; ++t)
        ts.emplace_back(
            ctx.run,
            [&] {
                if (op == "append") {
                    for (int x = 0; x < items; ++x)
                        L.append(x);
                    return;
                }
                if (op == "unique_append") {
                    for (int x = 0; x < items; ++x) {
                        std::unique_lock<Lock> g(lock, std::defer_lock);
                        if (locked)
                            g.lock();
                        if (!L.contains(x)) {
                            sleepMs(0);  // race window between the check and the append
                            L.append(x);
                        }
                    }
                    return;
                }
                for (;;) {  // check_then_pop
                    std::unique_lock<Lock> g(lock, std::defer_lock);
                    if (locked)
                        g.lock();
                    if (L.len() == 0)
                        return;
                    sleepMs(0);  // race window between `if L:` and `L.pop()`
                    try {
                        L.pop();
                        ++popped;
                    } catch (const PyError& e) {
                        recordException(e.describe());
                    }
                }
            },
            "T" + std::to_string(t));
    for (auto& t : ts)
        t.start();
    for (auto& t : ts)
        t.join();
    mark("final len=" + std::to_string(L.size()) + " distinct=" + std::to_string(L.distinct()) +
         " popped=" + std::to_string(popped.load()));
}

Issues checkList(const Trace& tr, const ParamValues& p)
{
    Issues out;
    const int threads = p.i("threads"), items = p.i("items");
    const std::string op = p.choice("op");
    const bool locked = p.b("lock");
    auto len = lastField(tr, "final len", "len"), distinct = lastField(tr, "final len", "distinct"),
         popped = lastField(tr, "final len", "popped");
    if (!len || !distinct || !popped)
        return {"no final summary"};
    const size_t errors = exceptions(tr, "pop from empty list").size();
    if (op == "append" && *len != int64_t(threads) * items)
        out.push_back("append-only list has " + std::to_string(*len) + " items");
    if (op == "unique_append") {
        if (*distinct != items)
            out.push_back("unique-append lost values");
        if (locked && *len != items)
            out.push_back("duplicates although the check-and-append was locked");
    }
    if (op == "check_then_pop") {
        if (*popped != items || *len != 0)
            out.push_back("pops do not add up to the initial items");
        if (locked && errors)
            out.push_back("IndexError although check-and-pop was locked");
    } else if (errors) {
        out.push_back("IndexError in an op that never pops");
    }
    return out;
}

// ---------------------------------------------------------------------------------------
// m8.l6 Thread-safe file writing.

// "T3 line 7 ddddd...", padded to line_len with the producer's letter.
std::string makeLine(int t, int i, int lineLen)
{
    std::string line = "T" + std::to_string(t) + " line " + std::to_string(i) + " ";
    line += std::string(size_t(std::max(0, lineLen - int(line.size()))), char('a' + t % 26));
    return line;
}

void runFileWriting(Context& ctx)
{
    const auto& p = ctx.params;
    const int threads = p.i("threads"), lines = p.i("lines"), lineLen = p.i("line_len");
    const std::string mode = p.choice("mode");
    SharedFile file("m8l6");
    Lock lock(ctx.run, "file_lock");
    Queue<std::string> q(ctx.run, "line_queue");
    auto writeLine = [&](const std::string& line) {  // several write() calls per line
        const size_t half = line.size() / 2;
        file.write(line.substr(0, half));
        cpuWork(0.5);  // formatting the rest of the line: the window another writer lands in
        file.write(line.substr(half));
        file.write("\n");
        mark("write " + line.substr(0, line.find(' ', 3)));
    };
    std::optional<Thread> writer;
    if (mode == "writer_queue")
        writer.emplace(
            ctx.run,
            [&] {
                for (;;) {
                    std::string line = q.get();
                    if (line.empty()) {
                        q.taskDone();
                        return;
                    }
                    writeLine(line);
                    q.taskDone();
                }
            },
            "writer");
    if (writer)
        writer->start();
    std::vector<Thread> ts;
    for (int t = 0; t < threads; ++t)
        ts.emplace_back(
            ctx.run,
            [&, t] {
                for (int i = 0; i < lines; ++i) {
                    const std::string line = makeLine(t, i, lineLen);
                    if (mode == "writer_queue") {
                        q.put(line);
                    } else {
                        std::unique_lock<Lock> g(lock, std::defer_lock);
                        if (mode == "lock")
                            g.lock();
                        writeLine(line);
                    }
                }
            },
            "T" + std::to_string(t));
    for (auto& t : ts)
        t.start();
    for (auto& t : ts)
        t.join();
    if (mode == "writer_queue") {
        q.put(std::string());  // sentinel
        q.join();
        writer->join();
    }
    file.close();
    const std::regex head("T([0-9]+) line ([0-9]+) .*");
    int ok = 0;
    const auto got = file.lines();
    for (const auto& l : got) {
        std::smatch m;
        ok += std::regex_match(l, m, head) && l == makeLine(std::stoi(m[1]), std::stoi(m[2]), lineLen);
    }
    mark("closed lines=" + std::to_string(got.size()) + " whole=" + std::to_string(ok) +
         " broken=" + std::to_string(int(got.size()) - ok));
}

Issues checkFileWriting(const Trace& tr, const ParamValues& p)
{
    Issues out;
    const int total = p.i("threads") * p.i("lines");
    const std::string mode = p.choice("mode");
    auto lines = lastField(tr, "closed", "lines"), whole = lastField(tr, "closed", "whole");
    if (!lines || !whole)
        return {"no file summary"};
    if (*lines != total)
        out.push_back("file has " + std::to_string(*lines) + " lines, expected " + std::to_string(total));
    if (mode != "unsafe" && *whole != total)
        out.push_back("broken lines in mode " + mode);
    auto writes = marksStarting(tr, "write ");
    if (int(writes.size()) != total)
        out.push_back("expected one write per line");
    if (mode == "writer_queue") {
        const int w = laneIndex(tr, "writer");
        for (auto* m : writes)
            if (int(m->lane) != w) {
                out.push_back("a write outside the writer lane");
                break;
            }
        auto closed = marksStarting(tr, "closed");
        if (w < 0 || closed.empty() || tr.lanes[size_t(w)].end < 0 || closed.back()->t < tr.lanes[size_t(w)].end)
            out.push_back("file closed before the writer finished");
    }
    if (mode == "lock") {
        const ObjectId lk = objectId(tr, "file_lock");
        for (auto* m : writes)
            if (!holdsAt(tr, lk, m->lane, m->t)) {
                out.push_back("a line written without file_lock");
                break;
            }
    }
    return out;
}

// ---------------------------------------------------------------------------------------
// m8.l7 Volatile variables: a plain flag vs an Event as the stop signal.

void runVolatile(Context& ctx)
{
    const auto& p = ctx.params;
    const double period = p.d("loop_period_ms"), flipAt = p.d("flip_at_ms");
    const bool event = p.is("mode", "event");
    SharedVar running(ctx.run, "running", 1);
    ThreadEvent stop(ctx.run, "stop");
    Thread worker(
        ctx.run,
        [&] {
            int loops = 0;
            if (event) {
                while (!stop.wait(period))
                    ++loops;
            } else {
                while (running.load())
                    sleepMs(period), ++loops;
            }
            mark("worker stops after loops=" + std::to_string(loops));
        },
        "worker");
    worker.start();
    sleepMs(flipAt);
    mark("flip");
    if (event)
        stop.set();
    else
        running.store(0);
    worker.join();
}

Issues checkVolatile(const Trace& tr, const ParamValues& p)
{
    Issues out;
    const bool event = p.is("mode", "event");
    const int w = laneIndex(tr, "worker");
    auto flip = marksStarting(tr, "flip");
    if (w < 0 || flip.empty() || tr.lanes[size_t(w)].end < 0)
        return {"worker or flip missing"};
    // Stated on the order of the signal and the worker's states, not on the lag: the store and
    // the set() are stamped after they happened, and a loaded machine stretches any lag.
    if (event) {
        // set() records itself under the event's lock, and a wait checks the flag under it
        // first: no wait begins after the set, and only the one it interrupted ends after it.
        const ObjectId stop = objectId(tr, "stop");
        auto sets = instantsOf(tr, Ev::Set, -1, stop);
        if (sets.empty())
            return {"the stop event was never set"};
        int after = 0;
        for (const auto& iv : tr.lanes[size_t(w)].intervals)
            if (iv.state == State::WaitEvent) {
                if (iv.start > sets.front()->t)
                    out.push_back("worker began a new wait after the event was set");
                after += iv.end > sets.front()->t;
            }
        if (after > 1)
            out.push_back("worker did not react to the event at once");
    } else {
        // The flag is seen at the worker's next look: after the store at most the one load in
        // flight reads 1, and at most the sleep after it begins.
        const ObjectId var = objectId(tr, "running");
        auto writes = instantsOf(tr, Ev::VarWrite, -1, var);
        if (writes.empty())
            return {"the flag was never cleared"};
        const int64_t storedBy = writes.back()->t;  // the store of 0 (the initial 1 may come first)
        int sleeps = 0;
        for (const auto& iv : tr.lanes[size_t(w)].intervals)
            sleeps += iv.state == State::Sleep && iv.start > storedBy;
        if (sleeps > 1)
            out.push_back("worker noticed the flag more than one period after the flip");
        int stale = 0;
        for (auto* r : instantsOf(tr, Ev::VarRead, -1, var))
            stale += r->t > storedBy && r->a == 1;
        if (stale > 1)
            out.push_back(std::to_string(stale) + " stale reads after the flip");
    }
    return out;
}

}  // namespace

void registerSharedData(Registry& r)
{
    r.add({.id = "m8.l4",
           .title = "Thread-safe dict",
           .titleRu = "Потокобезопасный словарь",
           .summary = "d[w] = d.get(w, 0) + 1 from several threads loses counts; iterating while writing fails.",
           .params = {Param::integer("threads", "Threads", 4, 1, 16), Param::integer("keys", "Words", 10, 1, 50),
                      Param::integer("updates", "Updates in total", 1000, 10, 2000),
                      Param::choice("mode", "Dict access", {"unsafe", "lock"}, 0),
                      Param::boolean("iterate_during_writes", "Iterate while threads write (bug)", false)},
           .run = runDict,
           .check = checkDict});
    r.add({.id = "m8.l5",
           .title = "Thread-safe list",
           .titleRu = "Потокобезопасный список",
           .summary = "append is atomic; check-then-act on a list gives duplicates and IndexError races.",
           .params = {Param::integer("threads", "Threads", 4, 1, 16), Param::integer("items", "Items", 100, 1, 500),
                      Param::choice("op", "Operation", {"append", "unique_append", "check_then_pop"}, 1),
                      Param::boolean("lock", "Lock around check-and-act", false)},
           .run = runList,
           .check = checkList});
    r.add({.id = "m8.l6",
           .title = "Thread-safe file writing",
           .titleRu = "Потокобезопасная запись в файл",
           .summary = "Unlocked multi-part writes break lines; a lock or a single writer thread keeps them whole.",
           .params = {Param::integer("threads", "Threads", 5, 1, 16),
                      Param::integer("lines", "Lines per thread", 20, 1, 100),
                      Param::integer("line_len", "Line length", 80, 10, 400),
                      Param::choice("mode", "Writing", {"unsafe", "lock", "writer_queue"}, 0)},
           .run = runFileWriting,
           .check = checkFileWriting});
    r.add({.id = "m8.l7",
           .title = "Volatile variables",
           .titleRu = "Непостоянные переменные",
           .summary = "A plain flag is seen at the next loop check; Event.wait() reacts at once.",
           .params = {Param::real("loop_period_ms", "Loop period", 200, 20, 1000, "ms"),
                      Param::real("flip_at_ms", "Flip at", 1000, 100, 3000, "ms"),
                      Param::choice("mode", "Stop signal", {"bool_flag", "event"}, 0)},
           .run = runVolatile,
           .check = checkVolatile});
}

}  // namespace tl::m8
