// SPDX-License-Identifier: MIT
// Trace::statistics() and Trace::checkInvariants(): derived views of a finished (or live) model.
#include "stats_builder.h"
#include "trace.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>

namespace tl {
namespace {

int64_t endOr(int64_t end, int64_t fallback) { return end < 0 ? fallback : end; }

bool isLockLike(ObjectKind k)
{
    return k == ObjectKind::Lock || k == ObjectKind::RLock || k == ObjectKind::Semaphore ||
           k == ObjectKind::BoundedSemaphore;
}

bool isWait(State s) { return s >= State::WaitGil && s < State::Count; }

std::string at(int64_t t) { return std::to_string(t) + " ns"; }

}  // namespace

void WorkFigures::addThread(int64_t run, int64_t threadCpu, int64_t threadSleepIo)
{
    runTime += run;
    cpu += threadCpu;
    sleepIo += threadSleepIo;
    threadWork_.push_back(threadCpu + threadSleepIo);
}

void WorkFigures::derive(int64_t wall)
{
    sequential = cpu + sleepIo;
    const int64_t share = std::max<int64_t>(1'000'000, sequential / 20);
    workingThreads =
        int(std::count_if(threadWork_.begin(), threadWork_.end(), [share](int64_t w) { return w >= share; }));
    coresBusy = wall > 0 ? double(cpu) / double(wall) : 0.0;
    speedup = wall > 0 && workingThreads >= 2 ? double(sequential) / double(wall) : 0.0;
}

RunStats Trace::statistics() const
{
    StatsBuilder b;
    b.update(*this);
    return b.result(*this);
}

void StatsBuilder::account(const Interval& iv, LaneSums& sums, std::unordered_map<ObjectId, Waits>& waits,
                           bool open) const
{
    const int64_t d = iv.end - iv.start;
    if (iv.state == State::Run) {
        sums.run += d;
    } else if (iv.state == State::Sleep || iv.state == State::Io) {
        sums.sleepIo += d;
    } else if (isWait(iv.state) && iv.object) {
        Waits& w = waits[iv.object];
        w.durations.push_back(d);
        if (open)
            return;
        if (iv.outcome == Outcome::None || iv.outcome == Outcome::Acquired)
            ++w.ok;
        else
            ++w.failed;
    }
}

void StatsBuilder::update(const Trace& t)
{
    bool full = structure_ != t.structureGeneration() || t.lanes.size() < intervals_.size() ||
                t.holds.size() < holds_ || t.flows.size() < flows_ || t.instants.size() < instants_;
    for (size_t l = 0; l < intervals_.size() && !full; ++l)
        full = t.lanes[l].intervals.size() < intervals_[l];
    if (full)
        *this = StatsBuilder{};
    structure_ = t.structureGeneration();

    // States: all but each lane's last are final (the last may still grow or be replaced).
    intervals_.resize(t.lanes.size(), 0);
    sums_.resize(t.lanes.size());
    for (size_t l = 0; l < t.lanes.size(); ++l) {
        const auto& iv = t.lanes[l].intervals;
        for (size_t i = intervals_[l]; i + 1 < iv.size(); ++i)
            account(iv[i], sums_[l], waits_);
        intervals_[l] = std::max(intervals_[l], iv.empty() ? 0 : iv.size() - 1);
    }

    auto addHold = [this](const Hold& h) { holdSums_[h.object].add(h.end - h.start); };
    std::vector<uint32_t> stillHeld;
    for (uint32_t i : openHolds_)
        (t.holds[i].end < 0 ? stillHeld.push_back(i) : addHold(t.holds[i]));
    for (size_t i = holds_; i < t.holds.size(); ++i)
        (t.holds[i].end < 0 ? stillHeld.push_back(uint32_t(i)) : addHold(t.holds[i]));
    openHolds_ = std::move(stillHeld);
    holds_ = t.holds.size();

    auto isHandoff = [](const Flow& f) { return f.kind == FlowKind::Handoff && f.fromT >= 0 && f.toT >= 0; };
    std::vector<uint32_t> stillOpen;
    auto addFlow = [&](uint32_t i) {
        const Flow& f = t.flows[i];
        if (isHandoff(f))
            ++handoffs_[f.object];
        else if (f.fromT < 0 || f.toT < 0)
            stillOpen.push_back(i);
    };
    for (uint32_t i : openFlows_)
        addFlow(i);
    for (size_t i = flows_; i < t.flows.size(); ++i)
        addFlow(uint32_t(i));
    openFlows_ = std::move(stillOpen);
    flows_ = t.flows.size();

    for (size_t i = instants_; i < t.instants.size(); ++i) {
        const Instant& in = t.instants[i];
        if (in.type == Ev::Put)
            ++putsGets_[in.object].first;
        else if (in.type == Ev::Get)
            ++putsGets_[in.object].second;
        else if (in.type == Ev::Submit)
            submitted_[ObjectId(in.b)] = {in.object, in.t};
    }
    instants_ = t.instants.size();
}

RunStats StatsBuilder::result(const Trace& t)
{
    update(t);
    RunStats rs;
    const int64_t wall = t.duration();
    rs.wall = wall;

    // Each lane's last state is counted here, on copies, so the builder stays as it was.
    std::unordered_map<ObjectId, Waits> lastWaits;
    WorkFigures& w = rs.work;
    w.cpuMeasured = std::any_of(t.lanes.begin(), t.lanes.end(), [](const Lane& l) { return l.hasCpu(); });
    for (size_t l = 0; l < t.lanes.size(); ++l) {
        const Lane& lane = t.lanes[l];
        if (lane.start < 0 && lane.intervals.empty())
            continue;
        LaneSums sums = sums_[l];
        if (!lane.intervals.empty())
            account(lane.intervals.back(), sums, lastWaits, /*open=*/lane.end < 0);
        const int64_t cpu = w.cpuMeasured ? lane.cpuAt(endOr(lane.end, wall)) : sums.run;
        w.addThread(sums.run, cpu, sums.sleepIo);
        const int64_t start = lane.start >= 0 ? lane.start : lane.intervals.front().start;
        const int64_t life = endOr(lane.end, wall) - start;
        rs.laneCpu[lane.info.id] = cpu;
        rs.busyShare[lane.info.id] = life > 0 ? std::min(1.0, double(cpu) / double(life)) : 0.0;
    }
    w.derive(wall);
    rs.cores = t.cores;

    std::unordered_map<ObjectId, HoldSum> held;  // still held: up to the end of the run
    for (uint32_t i : openHolds_)
        held[t.holds[i].object].add(wall - t.holds[i].start);

    for (size_t id = 1; id < t.objects.size(); ++id) {
        const ObjectInfo& o = t.objects[id];
        const auto oid = ObjectId(id);
        if (isLockLike(o.kind)) {
            LockStats ls;
            ls.object = oid;
            ls.name = t.objectName(oid);
            ls.kind = o.kind;
            for (const auto* sums : {&holdSums_, &held})
                if (auto it = sums->find(oid); it != sums->end()) {
                    ls.acquisitions += it->second.count;
                    ls.holdTotal += it->second.total;
                    ls.holdMax = std::max(ls.holdMax, it->second.max);
                }
            std::vector<int64_t> w;
            for (const auto* waits : {&waits_, &lastWaits})
                if (auto it = waits->find(oid); it != waits->end()) {
                    w.insert(w.end(), it->second.durations.begin(), it->second.durations.end());
                    ls.contended += it->second.ok + it->second.failed;
                    ls.gaveUp += it->second.failed;
                }
            ls.contendedShare = contentionShare(ls.acquisitions, ls.contended, ls.gaveUp);
            if (!w.empty()) {
                for (int64_t d : w)
                    ls.waitTotal += d;
                ls.waitMean = ls.waitTotal / int64_t(w.size());
                ls.waitMax = *std::max_element(w.begin(), w.end());
                const size_t rank = std::max<size_t>(size_t(std::ceil(0.95 * double(w.size()))), 1) - 1;
                std::nth_element(w.begin(), w.begin() + ptrdiff_t(rank), w.end());
                ls.waitP95 = w[rank];
            }
            if (auto it = handoffs_.find(oid); it != handoffs_.end())
                ls.handoffs = it->second;
            rs.locks.push_back(std::move(ls));
        } else if (o.kind == ObjectKind::Queue) {
            QueueStats qs;
            qs.object = oid;
            qs.name = t.objectName(oid);
            qs.capacity = o.capacity;
            if (auto it = putsGets_.find(oid); it != putsGets_.end()) {
                qs.puts = it->second.first;
                qs.gets = it->second.second;
            }
            // Depth points may still be sorted in out of order, so they are read afresh.
            if (const CounterSeries* s = t.counter(oid, CounterKind::Depth)) {
                int64_t since = 0, v = 0;
                auto spend = [&](int64_t until) {
                    const int64_t d = std::max<int64_t>(0, until - since);
                    if (v <= 0)
                        qs.timeEmpty += d;
                    if (qs.capacity > 0 && v >= qs.capacity)
                        qs.timeFull += d;
                };
                for (const CounterPoint& p : s->points) {
                    spend(p.t);
                    since = std::max(since, p.t);
                    v = p.value;
                    qs.maxDepth = std::max(qs.maxDepth, v);
                }
                spend(wall);
            } else {
                qs.timeEmpty = wall;
            }
            rs.queues.push_back(std::move(qs));
        } else if (o.kind == ObjectKind::Pool || o.kind == ObjectKind::ProcessPool) {
            PoolStats ps;
            ps.object = oid;
            ps.name = t.objectName(oid);
            rs.pools.push_back(std::move(ps));
        }
    }

    if (!rs.pools.empty()) {
        // Submit instants (object = pool, b = future) tie futures to pools and give queue waits.
        std::unordered_map<ObjectId, PoolStats*> byId;
        for (auto& p : rs.pools)
            byId[p.object] = &p;
        std::unordered_map<ObjectId, std::map<LaneId, int64_t>> busy;
        for (const TaskSpan& task : t.tasks) {
            PoolStats* ps = nullptr;
            int64_t submitT = -1;
            if (auto it = submitted_.find(task.future); it != submitted_.end()) {
                auto b = byId.find(it->second.first);
                ps = b == byId.end() ? nullptr : b->second;
                submitT = it->second.second;
            } else if (rs.pools.size() == 1) {
                ps = &rs.pools.front();
            }
            if (!ps)
                continue;
            ++ps->tasks;
            busy[ps->object][task.lane] += endOr(task.end, wall) - task.start;
            if (submitT >= 0) {
                const int64_t q = std::max<int64_t>(0, task.start - submitT);
                ps->queueWaitTotal += q;
                ps->queueWaitMax = std::max(ps->queueWaitMax, q);
            }
        }
        for (auto& ps : rs.pools) {
            for (auto& [lane, b] : busy[ps.object]) {
                const Lane& l = t.lanes[lane];
                const int64_t start = l.start >= 0 ? l.start : 0;
                const int64_t life = endOr(l.end, wall) - start;
                ps.busyShare[lane] = life > 0 ? double(b) / double(life) : 0.0;
            }
        }
    }
    toLessonTime(rs, t.speed);
    return rs;
}

void toLessonTime(RunStats& rs, double speed)
{
    rs.speed = speed;
    if (!(speed > 0) || speed == 1.0)
        return;
    // Shares and ratios stay as they are: every duration is scaled alike.
    const auto lesson = [speed](int64_t& ns) { ns = int64_t(std::llround(double(ns) * speed)); };
    for (int64_t* d : {&rs.wall, &rs.work.runTime, &rs.work.cpu, &rs.work.sleepIo, &rs.work.sequential})
        lesson(*d);
    for (auto& [lane, cpu] : rs.laneCpu)
        lesson(cpu);
    for (LockStats& l : rs.locks)
        for (int64_t* d : {&l.waitTotal, &l.waitMean, &l.waitP95, &l.waitMax, &l.holdTotal, &l.holdMax})
            lesson(*d);
    for (QueueStats& q : rs.queues)
        for (int64_t* d : {&q.timeFull, &q.timeEmpty})
            lesson(*d);
    for (PoolStats& p : rs.pools)
        for (int64_t* d : {&p.queueWaitTotal, &p.queueWaitMax})
            lesson(*d);
}

std::vector<std::string> Trace::checkInvariants() const
{
    std::vector<std::string> out;
    auto laneName = [this](LaneId l) { return "lane " + std::to_string(l) + " (" + lanes[l].info.name + ")"; };

    // States of a thread never overlap and cover its life.
    for (const Lane& lane : lanes) {
        const LaneId l = lane.info.id;
        if (lane.intervals.empty()) {
            if (lane.start >= 0 && lane.end > lane.start)
                out.push_back(laneName(l) + ": no state covers its life");
            continue;
        }
        if (lane.start >= 0 && lane.intervals.front().start != lane.start)
            out.push_back(laneName(l) + ": first state starts at " + at(lane.intervals.front().start) +
                          ", the thread at " + at(lane.start));
        for (size_t i = 0; i < lane.intervals.size(); ++i) {
            const Interval& iv = lane.intervals[i];
            if (iv.end < iv.start)
                out.push_back(laneName(l) + ": state " + std::string(stateName(iv.state)) +
                              " ends before it starts at " + at(iv.start));
            if (i > 0) {
                const Interval& prev = lane.intervals[i - 1];
                if (iv.start < prev.end)
                    out.push_back(laneName(l) + ": states overlap at " + at(iv.start));
                else if (iv.start > prev.end)
                    out.push_back(laneName(l) + ": gap in states from " + at(prev.end) + " to " + at(iv.start));
            }
        }
        if (lane.end >= 0 && lane.intervals.back().end != lane.end)
            out.push_back(laneName(l) + ": last state ends at " + at(lane.intervals.back().end) + ", the thread at " +
                          at(lane.end));
    }

    // Holds: a lock has one holder at a time; a bounded semaphore at most `permits` (a plain
    // Semaphore's release may add permits beyond its initial value, as Python's does).
    std::unordered_map<ObjectId, std::vector<std::pair<int64_t, int>>> edges;
    for (const Hold& h : holds) {
        if (h.end >= 0 && h.end < h.start)
            out.push_back("hold " + std::to_string(h.id) + " of " + objectName(h.object) + " ends before it starts");
        edges[h.object].push_back({h.start, +1});
        if (h.end >= 0)
            edges[h.object].push_back({h.end, -1});
    }
    for (auto& [obj, ev] : edges) {
        const ObjectInfo* o = object(obj);
        int64_t limit = 0;
        if (!o)
            continue;
        if (o->kind == ObjectKind::Lock || o->kind == ObjectKind::RLock)
            limit = 1;
        else if (o->kind == ObjectKind::BoundedSemaphore && o->capacity > 0)
            limit = o->capacity;
        if (!limit)
            continue;
        // Releases first at equal times: a handoff at t is not an overlap.
        std::sort(ev.begin(), ev.end());
        int64_t n = 0;
        for (auto& [t, d] : ev) {
            n += d;
            if (n > limit) {
                out.push_back(objectName(obj) + ": " + std::to_string(n) + " holders at " + at(t) + " (limit " +
                              std::to_string(limit) + ")");
                break;
            }
        }
    }

    // Counters sorted; queue depth within [0, capacity].
    for (const CounterSeries& c : counters) {
        for (size_t i = 1; i < c.points.size(); ++i) {
            if (c.points[i].t < c.points[i - 1].t) {
                out.push_back("counter " + c.name + "." + std::string(counterName(c.kind)) + " not sorted at index " +
                              std::to_string(i));
                break;
            }
        }
        const ObjectInfo* o = object(c.object);
        if (c.kind == CounterKind::Depth && o && o->kind == ObjectKind::Queue) {
            for (const CounterPoint& p : c.points) {
                if (p.value < 0 || (o->capacity > 0 && p.value > o->capacity)) {
                    out.push_back("queue " + c.name + ": depth " + std::to_string(p.value) + " at " + at(p.t) +
                                  " outside [0, " + std::to_string(o->capacity) + "]");
                    break;
                }
            }
        }
        if (c.kind == CounterKind::Waiters) {
            for (const CounterPoint& p : c.points) {
                if (p.value < 0) {
                    out.push_back(c.name + ": negative waiters at " + at(p.t));
                    break;
                }
            }
        }
    }

    // Every flow has both ends, the end not before the start. A run that was cut (abort,
    // deadlock) may leave a handoff whose receiver was stopped before it could proceed.
    const bool cut = result.status == "aborted" || result.status == "deadlock";
    for (const Flow& f : flows) {
        if (f.fromT >= 0 && f.toT < 0 && cut)
            continue;
        if (f.fromT < 0 || f.toT < 0)
            out.push_back(std::string(flowName(f.kind)) + " flow " + std::to_string(f.id) + " has only one end");
        else if (f.toT < f.fromT)
            out.push_back(std::string(flowName(f.kind)) + " flow " + std::to_string(f.id) + " ends before it starts");
    }

    // G7: PENDING -> RUNNING -> FINISHED, PENDING -> CANCELLED; and PENDING -> FINISHED, which
    // Python does when a broken pool fails its queued futures (set_exception on a pending future).
    std::unordered_map<ObjectId, int64_t> fut;
    static constexpr const char* kFs[] = {"PENDING", "RUNNING", "CANCELLED", "FINISHED"};
    for (const Instant& in : instants) {
        if (in.type != Ev::FutureState)
            continue;
        auto [it, fresh] = fut.try_emplace(in.object, 0);
        const int64_t from = it->second, to = in.a;
        const bool legal =
            (to == 0 && from == 0 && fresh) || (from == 0 && (to == 1 || to == 2 || to == 3)) || (from == 1 && to == 3);
        if (!legal || to < 0 || to > 3) {
            out.push_back("future " + objectName(in.object) + ": illegal transition " +
                          (from >= 0 && from <= 3 ? kFs[from] : "?") + " -> " +
                          (to >= 0 && to <= 3 ? kFs[to] : std::to_string(to)) + " at " + at(in.t));
        }
        if (to >= 0 && to <= 3)
            it->second = to;
    }

    for (const TaskSpan& t : tasks)
        if (t.end >= 0 && t.end < t.start)
            out.push_back("task " + std::to_string(t.task) + " ends before it starts");
    return out;
}

}  // namespace tl
