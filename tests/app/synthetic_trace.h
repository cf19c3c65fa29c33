// SPDX-License-Identifier: MIT
// Synthetic traces for the timeline's tests and benchmark: the model's public vectors filled
// directly (sorted, non-overlapping intervals per lane, as Trace documents), no recorder.
#pragma once
#include "engine/model/trace.h"

#include <QColor>

#include <algorithm>
#include <queue>
#include <random>
#include <string>
#include <utility>

namespace tl::synth {

// Colours within `tol` per channel: what a pixel test accepts as "drawn in this colour".
inline bool near(QColor a, QColor b, int tol = 6)
{
    return std::abs(a.red() - b.red()) <= tol && std::abs(a.green() - b.green()) <= tol &&
           std::abs(a.blue() - b.blue()) <= tol;
}

inline void addLane(Trace& t, const std::string& name, int pid = 1)
{
    Lane l;
    l.info.id = LaneId(t.lanes.size());
    l.info.name = name;
    l.info.pid = pid;
    l.info.tid = int(t.lanes.size());
    t.lanes.push_back(std::move(l));
}

inline ObjectId addObject(Trace& t, ObjectKind kind, const std::string& name, int64_t capacity = 0)
{
    if (t.objects.empty())
        t.objects.push_back(ObjectInfo{});  // 0 = none
    ObjectInfo o;
    o.id = ObjectId(t.objects.size());
    o.kind = kind;
    o.name = name;
    o.capacity = capacity;
    t.objects.push_back(o);
    return o.id;
}

// Appends [start, end) to a lane, merging with the previous interval when the state and object
// are the same (the model does not emit two equal neighbours).
inline void push(Trace& t, LaneId lane, int64_t start, int64_t end, State s, ObjectId obj = 0,
                 Outcome out = Outcome::None, int32_t joined = -1)
{
    if (end <= start)
        return;
    auto& v = t.lanes[lane].intervals;
    if (!v.empty() && v.back().state == s && v.back().object == obj && v.back().end == start && s != State::WaitJoin) {
        v.back().end = end;
    } else {
        v.push_back(Interval{start, end, s, out, obj, joined});
    }
    auto& m = t.lanes[lane].maxEnd;
    m.resize(v.size());
    m.back() = v.size() > 1 ? std::max(m[v.size() - 2], end) : end;
}

constexpr int64_t us = 1000, ms = 1000000;

// A learner-sized picture: MainThread starts 4 workers that contend on `counter_lock`
// (waits, holds, handoffs), a pool of 2 runs tasks that put results on a queue, and a
// consumer waits on it. About 60 ms.
inline Trace lockContention(unsigned seed = 7)
{
    Trace t;
    t.title = "4 workers contend on a lock";
    std::mt19937 rng(seed);
    auto uni = [&](int64_t a, int64_t b) { return std::uniform_int_distribution<int64_t>(a, b)(rng); };
    addLane(t, "MainThread");
    for (int i = 1; i <= 4; ++i)
        addLane(t, "Worker-" + std::to_string(i));
    addLane(t, "ThreadPoolExecutor-0_0");
    addLane(t, "ThreadPoolExecutor-0_1");
    addLane(t, "Consumer");
    const ObjectId lock = addObject(t, ObjectKind::Lock, "counter_lock");
    const ObjectId queue = addObject(t, ObjectKind::Queue, "results", 8);
    const ObjectId pool = addObject(t, ObjectKind::Pool, "pool", 2);
    (void)pool;

    // Main: starts workers, then joins Worker-1..4.
    const int64_t workStart = 1 * ms;
    struct W {
        int64_t t;
        LaneId lane;
        int round;
    };
    auto cmp = [](const W& a, const W& b) { return a.t > b.t; };
    std::priority_queue<W, std::vector<W>, decltype(cmp)> reqs(cmp);
    int64_t lockFree = 0;
    LaneId lastHolder = 0;
    uint64_t holdId = 1, flowId = 1;
    std::vector<int64_t> laneEnd(t.lanes.size(), 0);
    for (LaneId w = 1; w <= 4; ++w) {
        t.lanes[w].start = workStart + (w - 1) * 150 * us;
        const int64_t c = uni(2 * ms, 4 * ms);
        push(t, w, t.lanes[w].start, t.lanes[w].start + c, State::Run);
        reqs.push({t.lanes[w].start + c, w, 0});
    }
    while (!reqs.empty()) {
        W r = reqs.top();
        reqs.pop();
        const int64_t grant = std::max(r.t, lockFree);
        if (grant > r.t)
            push(t, r.lane, r.t, grant, State::WaitLock, lock, Outcome::Acquired);
        const int64_t hold = uni(1 * ms, 2 * ms);
        push(t, r.lane, grant, grant + hold, State::Run);
        t.holds.push_back(Hold{lock, r.lane, grant, grant + hold, holdId++, r.lane});
        if (grant > r.t && lastHolder)
            t.flows.push_back(Flow{flowId++, FlowKind::Handoff, lastHolder, r.lane, grant, grant + 20 * us, lock});
        lockFree = grant + hold;
        lastHolder = r.lane;
        int64_t next = grant + hold;
        if (r.round % 3 == 2) {  // a short nap now and then
            push(t, r.lane, next, next + 600 * us, State::Sleep);
            next += 600 * us;
        }
        if (r.round < 5) {
            const int64_t c = uni(1 * ms, 3 * ms);
            push(t, r.lane, next, next + c, State::Run);
            reqs.push({next + c, r.lane, r.round + 1});
        } else {
            laneEnd[r.lane] = next;
            t.lanes[r.lane].end = next;
        }
    }
    int64_t mainT = 0;
    push(t, 0, 0, workStart + 700 * us, State::Run);
    mainT = workStart + 700 * us;
    t.instants.push_back(Instant{workStart + 600 * us, 0, Ev::Mark, 0, 0, 0, "workers started"});
    for (LaneId w = 1; w <= 4; ++w) {
        const int64_t e = std::max(mainT, laneEnd[w]);
        push(t, 0, mainT, e, State::WaitJoin, 0, Outcome::None, w);
        mainT = e;
    }
    // Pool: 2 workers, 8 tasks of 3-6 ms with an I/O slice in the middle; each puts a result.
    const int64_t poolStart = 500 * us;
    int64_t free[2] = {2 * ms, 2 * ms + 300 * us};
    std::vector<std::pair<int64_t, int>> puts;  // (t, task)
    for (int p = 0; p < 2; ++p) {
        t.lanes[5 + p].start = poolStart;
        push(t, LaneId(5 + p), poolStart, free[p], State::Idle);
    }
    for (int task = 1; task <= 8; ++task) {
        const int p = free[0] <= free[1] ? 0 : 1;
        const LaneId lane = LaneId(5 + p);
        const int64_t s = free[p];
        const int64_t a = uni(1 * ms, 2 * ms), io = uni(1 * ms, 2 * ms), b = uni(1 * ms, 2 * ms);
        push(t, lane, s, s + a, State::Run);
        push(t, lane, s + a, s + a + io, State::Io);
        push(t, lane, s + a + io, s + a + io + b, State::Run);
        const int64_t e = s + a + io + b;
        t.tasks.push_back(TaskSpan{lane, s, e, task, 0, 0, std::to_string(task * task)});
        t.instants.push_back(Instant{e - 50 * us, lane, Ev::Put, queue, task, 0, "result " + std::to_string(task)});
        puts.push_back({e - 50 * us, task});
        const int64_t gap = task % 3 == 0 ? 1500 * us : 200 * us;
        push(t, lane, e, e + gap, State::Idle);
        free[p] = e + gap;
    }
    // Consumer: waits on the queue, handles each item for 400 µs.
    std::sort(puts.begin(), puts.end());
    t.lanes[7].start = 1 * ms;
    int64_t ct = 1 * ms;
    for (auto [pt, task] : puts) {
        if (pt > ct)
            push(t, 7, ct, pt, State::WaitQueueGet, queue, Outcome::Acquired);
        const int64_t got = std::max(ct, pt) + 30 * us;
        push(t, 7, std::max(ct, pt), got, State::Run);
        t.flows.push_back(Flow{flowId++, FlowKind::Item, LaneId(5 + (task % 2 == 0)), 7, pt, got, queue});
        t.instants.push_back(Instant{got, 7, Ev::Get, queue, task, 0, "result " + std::to_string(task)});
        push(t, 7, got, got + 400 * us, State::Run);
        ct = got + 400 * us;
    }
    const int64_t end = std::max({mainT, ct, free[0], free[1]}) + 200 * us;
    push(t, 7, ct, end - 100 * us, State::WaitQueueGet, queue, Outcome::Timeout);
    push(t, 7, end - 100 * us, end, State::Run);
    push(t, 0, mainT, end, State::Run);
    for (int p = 0; p < 2; ++p)
        push(t, LaneId(5 + p), free[p], end, State::Idle);
    for (auto& l : t.lanes)
        if (l.end < 0)
            l.end = l.intervals.empty() ? 0 : l.intervals.back().end;
    std::sort(t.holds.begin(), t.holds.end(), [](const Hold& a, const Hold& b) { return a.start < b.start; });
    std::sort(t.tasks.begin(), t.tasks.end(), [](const TaskSpan& a, const TaskSpan& b) { return a.start < b.start; });
    std::stable_sort(t.instants.begin(), t.instants.end(),
                     [](const Instant& a, const Instant& b) { return a.t < b.t; });
    return t;
}

// The benchmark's load: `total` intervals spread over `lanes` lanes, mixed states, a hold on
// one of 4 locks for every fourth run interval.
inline Trace large(size_t total, int lanes, unsigned seed = 1)
{
    Trace t;
    std::mt19937 rng(seed);
    std::uniform_int_distribution<int64_t> dur(2 * us, 80 * us);
    std::uniform_int_distribution<int> st(0, 9);
    for (int i = 0; i < lanes; ++i)
        addLane(t, "Thread-" + std::to_string(i + 1));
    ObjectId locks[4];
    for (int i = 0; i < 4; ++i)
        locks[i] = addObject(t, ObjectKind::Lock, "lock_" + std::to_string(i));
    const size_t per = total / size_t(lanes);
    uint64_t hid = 1;
    for (int l = 0; l < lanes; ++l) {
        auto& v = t.lanes[size_t(l)].intervals;
        v.reserve(per);
        int64_t now = 0;
        State prev = State::Count;
        for (size_t i = 0; i < per; ++i) {
            State s;
            do {
                const int r = st(rng);
                s = r < 5   ? State::Run
                    : r < 7 ? State::WaitLock
                    : r < 8 ? State::Sleep
                    : r < 9 ? State::WaitGil
                            : State::Io;
            } while (s == prev);
            const int64_t d = dur(rng);
            const ObjectId obj = s == State::WaitLock ? locks[i % 4] : 0;
            v.push_back(Interval{now, now + d, s, Outcome::None, obj, -1});
            if (s == State::Run && i % 4 == 0)
                t.holds.push_back(Hold{locks[(i / 4) % 4], LaneId(l), now, now + d, hid++, LaneId(l)});
            now += d;
            prev = s;
        }
        t.lanes[size_t(l)].end = now;
        auto& m = t.lanes[size_t(l)].maxEnd;
        m.resize(v.size());
        for (size_t i = 0; i < v.size(); ++i)
            m[i] = v[i].end;
    }
    std::sort(t.holds.begin(), t.holds.end(), [](const Hold& a, const Hold& b) { return a.start < b.start; });
    return t;
}

// Two runs to compare (tst_compare, tst_compare_window), two lanes each: A runs 100 ms (a worker
// waits on a lock for its first half), B 50 ms; B's lane names are longer, so only a shared name
// column keeps their time axes aligned.
inline std::pair<Trace, Trace> comparePair()
{
    Trace a, b;
    for (Trace* t : {&a, &b}) {
        t->scenario = "m5.l1";
        t->title = "Lock";
    }
    a.params = {{"threads", "2"}, {"dishes", "2"}};
    b.params = {{"threads", "8"}, {"dishes", "2"}};
    b.gil = true;
    addLane(a, "MainThread");
    addLane(a, "cook-1");
    const ObjectId oven = addObject(a, ObjectKind::Lock, "oven");
    push(a, 0, 0, 100 * ms, State::Run);
    push(a, 1, 0, 50 * ms, State::WaitLock, oven, Outcome::Acquired);
    push(a, 1, 50 * ms, 100 * ms, State::Run);
    addLane(b, "MainThread");
    addLane(b, "a-much-longer-worker-name");
    push(b, 0, 0, 50 * ms, State::Run);
    push(b, 1, 0, 50 * ms, State::Run);
    for (Trace* t : {&a, &b}) {
        for (Lane& l : t->lanes) {
            l.start = 0;
            l.end = l.intervals.back().end;
        }
        t->rebuildIndexes();
    }
    return {std::move(a), std::move(b)};
}

}  // namespace tl::synth
