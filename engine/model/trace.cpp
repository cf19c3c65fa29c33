// SPDX-License-Identifier: MIT
#include "trace.h"

#include <algorithm>
#include <cmath>
#include <ctime>
#include <unordered_map>

namespace tl {

std::string utcTimestamp()
{
    const std::time_t now = std::time(nullptr);
    std::tm utc{};
    gmtime_r(&now, &utc);
    char text[32];
    return std::string(text, std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc));
}

// Ingest bookkeeping: what is still open while a run records. Kept out of the header so
// views only see the finished vectors.
struct Trace::Pending {
    struct LaneP {
        bool open = false;  // the last interval is still open (end follows `lastT`)
        bool ended = false;
        ObjectId waitingOn = 0;  // object counted in a derived `waiters` series, 0 = none
    };
    std::vector<LaneP> lanes;
    std::unordered_map<uint64_t, size_t> openHolds;  // hold id -> index in holds
    std::unordered_map<uint64_t, std::pair<int64_t, LaneId>> earlyHoldEnds;  // end seen before begin
    std::unordered_map<uint64_t, size_t> openTasks;  // (lane, task) -> index in tasks
    std::unordered_map<uint64_t, size_t> flows;  // flow id -> index in flows
    std::unordered_map<uint64_t, size_t> series;  // (object, kind) -> index in counters
    int64_t lastT = 0;
};

Trace::PendingPtr::PendingPtr() = default;
Trace::PendingPtr::~PendingPtr() = default;
Trace::PendingPtr::PendingPtr(const PendingPtr& o) : p_(o.p_ ? std::make_unique<Pending>(*o.p_) : nullptr) {}
Trace::PendingPtr::PendingPtr(PendingPtr&& o) noexcept = default;
Trace::PendingPtr& Trace::PendingPtr::operator=(const PendingPtr& o)
{
    if (this != &o)
        p_ = o.p_ ? std::make_unique<Pending>(*o.p_) : nullptr;
    return *this;
}
Trace::PendingPtr& Trace::PendingPtr::operator=(PendingPtr&& o) noexcept = default;
void Trace::PendingPtr::create() { p_ = std::make_unique<Pending>(); }

int64_t Lane::cpuAt(int64_t t) const
{
    if (cpu.empty() || t <= start)
        return 0;
    const auto it =
        std::upper_bound(cpu.begin(), cpu.end(), t, [](int64_t x, const CounterPoint& p) { return x < p.t; });
    if (it == cpu.end())
        return cpu.back().value;
    const CounterPoint before = it == cpu.begin() ? CounterPoint{std::max<int64_t>(start, 0), 0} : *(it - 1);
    if (it->t <= before.t)
        return it->value;
    const double f = double(t - before.t) / double(it->t - before.t);
    return before.value + int64_t(std::llround(f * double(it->value - before.value)));
}

namespace {

// Flows in a canonical order (by their first end, then id) so a saved trace reads back the same.
// Returns whether anything moved (views that index flows incrementally must then start over).
bool sortFlows(std::vector<Flow>& flows)
{
    auto key = [](const Flow& f) { return std::pair(f.fromT >= 0 ? f.fromT : f.toT, f.id); };
    auto before = [&](const Flow& a, const Flow& b) { return key(a) < key(b); };
    if (std::is_sorted(flows.begin(), flows.end(), before))
        return false;
    std::stable_sort(flows.begin(), flows.end(), before);
    return true;
}

constexpr uint64_t seriesKey(ObjectId o, CounterKind k) { return (uint64_t(o) << 8) | uint64_t(k); }
constexpr uint64_t taskKey(LaneId l, int64_t task)
{
    return (uint64_t(l) << 48) ^ (uint64_t(task) & 0xffffffffffffull);
}

bool countsWaiters(ObjectKind k)
{
    return k == ObjectKind::Lock || k == ObjectKind::RLock || k == ObjectKind::Semaphore ||
           k == ObjectKind::BoundedSemaphore;
}

bool isWait(State s) { return s >= State::WaitGil && s < State::Count; }

// Inserts `v` keeping `vec` sorted by key(v) (after equal keys); returns its index.
// Events mostly arrive in order, so this is an append in the common case.
template <class Container, class T, class Key> size_t insertSorted(Container& vec, T&& v, Key key)
{
    using V = typename Container::value_type;
    const int64_t k = key(v);
    if (vec.empty() || key(vec.back()) <= k) {
        vec.push_back(std::forward<T>(v));
        return vec.size() - 1;
    }
    auto it = std::upper_bound(vec.begin(), vec.end(), k, [&](int64_t x, const V& e) { return x < key(e); });
    const size_t pos = size_t(it - vec.begin());
    vec.insert(it, std::forward<T>(v));
    return pos;
}

// After inserting at `pos`, indexes >= pos moved up by one.
void shiftIndexes(std::unordered_map<uint64_t, size_t>& m, size_t pos)
{
    for (auto& [k, i] : m)
        if (i >= pos)
            ++i;
}

}  // namespace

// One ingest() call: the bookkeeping it updates and one handler per event kind.
struct Trace::Ingest {
    Trace& tr;
    Pending& p;

    std::string str(int64_t id) const;
    ObjectKind kindOf(ObjectId o) const;
    CounterSeries& seriesFor(ObjectId o, CounterKind k);
    void waiterEdge(ObjectId o, int64_t t, int delta);
    void ensureLane(LaneId l);
    void closeInterval(LaneId l, int64_t t, Outcome outcome);

    void threadStart(const Event& e, Lane& lane, Pending::LaneP& lp);
    void stateChange(const Event& e, Lane& lane, Pending::LaneP& lp);
    void threadEnd(const Event& e, Lane& lane, Pending::LaneP& lp);
    void holdBegin(const Event& e);
    void holdEnd(const Event& e);
    void taskBegin(const Event& e);
    void taskEnd(const Event& e);
    void counter(const Event& e);
    void flow(const Event& e);  // FlowStart and FlowEnd
    void instant(const Event& e);  // every other kind
};

std::string Trace::Ingest::str(int64_t id) const
{
    return id > 0 && size_t(id) < tr.strings.size() ? tr.strings[size_t(id)] : std::string();
}

ObjectKind Trace::Ingest::kindOf(ObjectId o) const
{
    return o < tr.objects.size() ? tr.objects[o].kind : ObjectKind::Variable;
}

CounterSeries& Trace::Ingest::seriesFor(ObjectId o, CounterKind k)
{
    auto [it, inserted] = p.series.try_emplace(seriesKey(o, k), tr.counters.size());
    if (inserted) {
        CounterSeries s;
        s.object = o;
        s.kind = k;
        s.name = tr.objectName(o);
        tr.counters.push_back(std::move(s));
    }
    return tr.counters[it->second];
}

// Derived waiters: +1/-1 edges; an edge older than the last point is inserted in place
// and shifts every later value (batches may interleave lanes slightly out of order).
void Trace::Ingest::waiterEdge(ObjectId o, int64_t t, int delta)
{
    CounterSeries& s = seriesFor(o, CounterKind::Waiters);
    auto& pts = s.points;
    auto it = std::upper_bound(pts.begin(), pts.end(), t, [](int64_t x, const CounterPoint& c) { return x < c.t; });
    const int64_t before = it == pts.begin() ? 0 : std::prev(it)->value;
    if (it == pts.end()) {
        if (!pts.empty() && pts.back().t == t)
            pts.back().value = before + delta;
        else
            pts.push_back({t, before + delta});
        return;
    }
    it = pts.insert(it, CounterPoint{t, before + delta});
    for (++it; it != pts.end(); ++it)
        it->value += delta;
}

void Trace::Ingest::ensureLane(LaneId l)
{
    if (l >= tr.lanes.size()) {
        const size_t from = tr.lanes.size();
        tr.lanes.resize(size_t(l) + 1);
        for (size_t i = from; i < tr.lanes.size(); ++i) {
            tr.lanes[i].info.id = LaneId(i);
            tr.lanes[i].start = -1;
        }
    }
    if (l >= p.lanes.size())
        p.lanes.resize(size_t(l) + 1);
}

void Trace::Ingest::closeInterval(LaneId l, int64_t t, Outcome outcome)
{
    Lane& lane = tr.lanes[l];
    Pending::LaneP& lp = p.lanes[l];
    if (!lp.open)
        return;
    Interval& last = lane.intervals.back();
    last.end = std::max(t, last.start);
    if (outcome != Outcome::None)
        last.outcome = outcome;
    lane.maxEnd.back() = lane.maxEnd.size() > 1 ? std::max(lane.maxEnd[lane.maxEnd.size() - 2], last.end) : last.end;
    lp.open = false;
    if (lp.waitingOn) {
        waiterEdge(lp.waitingOn, last.end, -1);
        lp.waitingOn = 0;
    }
}

void Trace::Ingest::threadStart(const Event& e, Lane& lane, Pending::LaneP& lp)
{
    lane.start = e.t;
    lane.end = -1;
    // The thread runs until its first state says otherwise (covers its whole life).
    if (!lp.open) {
        Interval iv;
        iv.start = iv.end = e.t;
        // a = the state the thread starts in (run, or wait:gil when it must first get the GIL).
        if (e.a > 0 && e.a < int64_t(State::Count)) {
            iv.state = State(e.a);
            iv.object = e.object;
        }
        lane.intervals.push_back(iv);
        lane.maxEnd.push_back(lane.maxEnd.empty() ? e.t : std::max(lane.maxEnd.back(), e.t));
        lp.open = true;
    }
}

void Trace::Ingest::stateChange(const Event& e, Lane& lane, Pending::LaneP& lp)
{
    const State s = e.a >= 0 && e.a < int64_t(State::Count) ? State(e.a) : State::Run;
    const auto outcome = Outcome(uint8_t(e.b & 0xff));
    if (lane.start < 0)
        lane.start = e.t;
    if (lp.open) {
        Interval& last = lane.intervals.back();
        // Same state again (e.g. run -> run after a GIL check): keep one interval.
        if (last.state == s && last.object == e.object && outcome == Outcome::None && !isWait(s))
            return;
        // A zero-length interval with nothing to tell is replaced, not kept.
        if (last.start >= e.t && outcome == Outcome::None && last.outcome == Outcome::None) {
            if (lp.waitingOn) {
                waiterEdge(lp.waitingOn, e.t, -1);
                lp.waitingOn = 0;
            }
            lane.intervals.pop_back();
            lane.maxEnd.pop_back();
            lp.open = false;
        } else {
            closeInterval(e.lane, e.t, outcome);
        }
    } else if (!lane.intervals.empty() && outcome != Outcome::None) {
        lane.intervals.back().outcome = outcome;
    }
    Interval iv;
    iv.start = e.t;
    iv.end = e.t;
    iv.state = s;
    iv.object = e.object;
    if (s == State::WaitJoin) {
        const int64_t joined = e.b >> 32;
        if (joined > 0)
            iv.joinedLane = int32_t(joined);
    }
    if (!lane.intervals.empty() && lane.intervals.back().end > iv.start)
        iv.start = lane.intervals.back().end;  // per-lane order is guaranteed; guard anyway
    lane.intervals.push_back(iv);
    lane.maxEnd.push_back(lane.maxEnd.empty() ? iv.end : std::max(lane.maxEnd.back(), iv.end));
    lp.open = true;
    if (isWait(s) && e.object && countsWaiters(kindOf(e.object))) {
        lp.waitingOn = e.object;
        waiterEdge(e.object, e.t, +1);
    }
}

void Trace::Ingest::threadEnd(const Event& e, Lane& lane, Pending::LaneP& lp)
{
    if (lp.open && e.a == 1 && isWait(lane.intervals.back().state))
        closeInterval(e.lane, e.t, Outcome::Aborted);
    else
        closeInterval(e.lane, e.t, Outcome::None);
    lane.end = e.t;
    lane.killed = e.a == 1;
    lp.ended = true;
    if (lane.start < 0)
        lane.start = e.t;
}

void Trace::Ingest::holdBegin(const Event& e)
{
    Hold h;
    h.object = e.object;
    h.lane = e.lane;
    h.start = e.t;
    h.id = uint64_t(e.a);
    // Its end may have come first (the releasing lane's events can arrive before the
    // holder's): then the hold arrives closed.
    bool closed = false;
    if (auto early = p.earlyHoldEnds.find(h.id); early != p.earlyHoldEnds.end()) {
        h.end = std::max(early->second.first, h.start);
        h.releasedBy = early->second.second;
        p.earlyHoldEnds.erase(early);
        closed = true;
    }
    const size_t n = tr.holds.size();
    const size_t pos = insertSorted(tr.holds, std::move(h), [](const Hold& x) { return x.start; });
    if (pos != n) {
        shiftIndexes(p.openHolds, pos);
        ++tr.structureGeneration_;
    }
    if (!closed)
        p.openHolds[uint64_t(e.a)] = pos;
}

void Trace::Ingest::holdEnd(const Event& e)
{
    auto it = p.openHolds.find(uint64_t(e.a));
    if (it == p.openHolds.end()) {
        p.earlyHoldEnds[uint64_t(e.a)] = {e.t, e.lane};
        return;
    }
    Hold& h = tr.holds[it->second];
    h.end = std::max(e.t, h.start);
    h.releasedBy = e.lane;
    p.openHolds.erase(it);
}

void Trace::Ingest::taskBegin(const Event& e)
{
    TaskSpan ts;
    ts.lane = e.lane;
    ts.start = e.t;
    ts.task = e.a;
    ts.future = e.object;
    const size_t n = tr.tasks.size();
    const size_t pos = insertSorted(tr.tasks, std::move(ts), [](const TaskSpan& x) { return x.start; });
    if (pos != n) {
        shiftIndexes(p.openTasks, pos);
        ++tr.structureGeneration_;
    }
    p.openTasks[taskKey(e.lane, e.a)] = pos;
}

void Trace::Ingest::taskEnd(const Event& e)
{
    auto it = p.openTasks.find(taskKey(e.lane, e.a));
    if (it == p.openTasks.end())
        return;
    TaskSpan& ts = tr.tasks[it->second];
    ts.end = std::max(e.t, ts.start);
    ts.outcome = int(e.b & 0xff);
    ts.value = str(e.b >> 8);
    p.openTasks.erase(it);
}

void Trace::Ingest::counter(const Event& e)
{
    const auto k = e.a >= 0 && e.a < int64_t(CounterKind::Count) ? CounterKind(e.a) : CounterKind::Value;
    CounterSeries& s = seriesFor(e.object, k);
    if (!s.points.empty() && s.points.back().t <= e.t) {
        if (s.points.back().value == e.b)
            return;  // unchanged
        if (s.points.back().t == e.t) {
            s.points.back().value = e.b;
            return;
        }
    }
    insertSorted(s.points, CounterPoint{e.t, e.b}, [](const CounterPoint& c) { return c.t; });
}

void Trace::Ingest::flow(const Event& e)
{
    auto [it, inserted] = p.flows.try_emplace(uint64_t(e.a), tr.flows.size());
    if (inserted) {
        Flow f;
        f.id = uint64_t(e.a);
        f.kind = e.b >= 0 && e.b < int64_t(FlowKind::Count) ? FlowKind(e.b) : FlowKind::Handoff;
        f.fromT = -1;
        tr.flows.push_back(f);
    }
    Flow& f = tr.flows[it->second];
    if (e.type == Ev::FlowStart) {
        f.fromLane = e.lane;
        f.fromT = e.t;
        f.object = e.object;
    } else {
        f.toLane = e.lane;
        f.toT = e.t;
        if (!f.object)
            f.object = e.object;
    }
}

void Trace::Ingest::instant(const Event& e)
{
    Instant in;
    in.t = e.t;
    in.lane = e.lane;
    in.type = e.type;
    in.object = e.object;
    in.a = e.a;
    in.b = e.b;
    switch (e.type) {
    case Ev::Exception:
    case Ev::Mark: in.text = str(e.a); break;
    case Ev::Put:
    case Ev::Get: in.text = str(e.b); break;
    case Ev::Deadlock: in.text = str(e.a); break;
    case Ev::ThreadRename:
        in.text = str(e.a);
        if (e.b >= 0 && size_t(e.b) < tr.lanes.size())
            tr.lanes[size_t(e.b)].info.name = in.text;
        break;
    default: break;
    }
    if (insertSorted(tr.instants, std::move(in), [](const Instant& x) { return x.t; }) != tr.instants.size() - 1)
        ++tr.structureGeneration_;
}

void Trace::ingest(const std::vector<Event>& batch, const Recorder& recorder)
{
    LaneId maxLane = 0;
    for (const Event& e : batch)
        maxLane = std::max(maxLane, e.lane);
    if (!batch.empty() && (maxLane >= lanes.size() || recorder.laneCount() > lanes.size())) {
        std::vector<LaneInfo> infos = recorder.lanes();
        for (size_t i = lanes.size(); i < infos.size(); ++i) {
            Lane l;
            l.info = std::move(infos[i]);
            l.start = -1;
            lanes.push_back(std::move(l));
        }
    }
    // Objects are few; refreshing every batch also picks up ones no event names yet
    // (otherData.objects lists every object of the run).
    if (!batch.empty()) {
        // Recorder::objects() leaves out the id-0 placeholder; index ours by id.
        std::vector<ObjectInfo> infos = recorder.objects();
        if (objects.empty())
            objects.push_back(ObjectInfo{});
        for (auto& info : infos) {
            if (info.id >= objects.size()) {
                objects.resize(size_t(info.id) + 1);
                objects[info.id] = std::move(info);
            }
        }
    }
    // Strings are only resolved for a few event types; fetch the new ones once per batch.
    bool needStrings = false;
    for (const Event& e : batch) {
        switch (e.type) {
        case Ev::Exception:
        case Ev::Mark:
        case Ev::Deadlock:
        case Ev::ThreadRename:
        case Ev::Put:
        case Ev::Get:
        case Ev::TaskEnd: needStrings = true; break;
        default: break;
        }
        if (needStrings)
            break;
    }
    if (needStrings) {
        if (strings.empty())
            strings.emplace_back();
        std::vector<std::string> more = recorder.strings(uint32_t(strings.size()));
        for (auto& s : more)
            strings.push_back(std::move(s));
    }
    ingest(batch);
}

void Trace::ingest(const std::vector<Event>& batch)
{
    if (!pending_)
        pending_.create();
    Pending& p = *pending_;
    if (p.lanes.size() < lanes.size())
        p.lanes.resize(lanes.size());
    if (objects.empty())
        objects.push_back(ObjectInfo{});

    Ingest in{*this, p};
    for (const Event& e : batch) {
        p.lastT = std::max(p.lastT, e.t);
        in.ensureLane(e.lane);
        Lane& lane = lanes[e.lane];
        Pending::LaneP& lp = p.lanes[e.lane];
        switch (e.type) {
        case Ev::ThreadStart: in.threadStart(e, lane, lp); break;
        case Ev::StateChange: in.stateChange(e, lane, lp); break;
        case Ev::ThreadEnd: in.threadEnd(e, lane, lp); break;
        case Ev::HoldBegin: in.holdBegin(e); break;
        case Ev::HoldEnd: in.holdEnd(e); break;
        case Ev::TaskBegin: in.taskBegin(e); break;
        case Ev::TaskEnd: in.taskEnd(e); break;
        case Ev::Counter: in.counter(e); break;
        case Ev::CpuClock:
            // Per-lane order is guaranteed, and a thread's CPU clock never goes back.
            if (lane.cpu.empty() || (e.t >= lane.cpu.back().t && e.a >= lane.cpu.back().value))
                lane.cpu.push_back({e.t, e.a});
            break;
        case Ev::FlowStart:
        case Ev::FlowEnd: in.flow(e); break;
        default: in.instant(e); break;
        }
    }
    // Open intervals reach up to the newest event, so live views show them growing.
    for (size_t l = 0; l < lanes.size() && l < p.lanes.size(); ++l) {
        if (!p.lanes[l].open)
            continue;
        Lane& lane = lanes[l];
        Interval& last = lane.intervals.back();
        last.end = std::max(last.start, p.lastT);
        lane.maxEnd.back() =
            lane.maxEnd.size() > 1 ? std::max(lane.maxEnd[lane.maxEnd.size() - 2], last.end) : last.end;
    }
    eventCount_ += batch.size();
    duration_ = std::max(duration_, p.lastT);
    ++generation_;
}

void Trace::finish(int64_t endNs, RunResult r)
{
    result = std::move(r);
    if (pending_) {
        Pending& p = *pending_;
        endNs = std::max(endNs, p.lastT);
        for (size_t l = 0; l < lanes.size() && l < p.lanes.size(); ++l) {
            Lane& lane = lanes[l];
            Pending::LaneP& lp = p.lanes[l];
            if (lp.open) {
                Interval& last = lane.intervals.back();
                last.end = std::max(last.start, endNs);
                lane.maxEnd.back() =
                    lane.maxEnd.size() > 1 ? std::max(lane.maxEnd[lane.maxEnd.size() - 2], last.end) : last.end;
                lp.open = false;
                if (lp.waitingOn) {
                    // The waiter never left (deadlock, abort): the count drops when the run ends.
                    CounterSeries* s = nullptr;
                    for (auto& c : counters)
                        if (c.object == lp.waitingOn && c.kind == CounterKind::Waiters)
                            s = &c;
                    if (s) {
                        const int64_t v = s->points.empty() ? 0 : s->points.back().value;
                        s->points.push_back({std::max(endNs, s->points.empty() ? endNs : s->points.back().t), v - 1});
                    }
                    lp.waitingOn = 0;
                }
            }
            if (lane.start >= 0 && lane.end < 0)
                lane.end = std::max(endNs, lane.intervals.empty() ? lane.start : lane.intervals.back().end);
        }
        for (auto& [id, i] : p.openHolds)
            holds[i].end = std::max(endNs, holds[i].start);
        for (auto& [k, i] : p.openTasks)
            tasks[i].end = std::max(endNs, tasks[i].start);
        p.openHolds.clear();
        p.openTasks.clear();
        if (sortFlows(flows))
            ++structureGeneration_;
        p.flows.clear();
        for (size_t i = 0; i < flows.size(); ++i)
            p.flows[flows[i].id] = i;
    }
    duration_ = std::max(duration_, endNs);
    ++generation_;
}

void Trace::rebuildIndexes()
{
    duration_ = 0;
    for (Lane& lane : lanes) {
        std::stable_sort(lane.intervals.begin(), lane.intervals.end(),
                         [](const Interval& a, const Interval& b) { return a.start < b.start; });
        lane.maxEnd.resize(lane.intervals.size());
        int64_t m = INT64_MIN;
        for (size_t i = 0; i < lane.intervals.size(); ++i) {
            m = std::max(m, lane.intervals[i].end);
            lane.maxEnd[i] = m;
        }
        if (!lane.intervals.empty())
            duration_ = std::max(duration_, m);
        duration_ = std::max(duration_, lane.end);
    }
    std::stable_sort(holds.begin(), holds.end(), [](const Hold& a, const Hold& b) { return a.start < b.start; });
    std::stable_sort(tasks.begin(), tasks.end(),
                     [](const TaskSpan& a, const TaskSpan& b) { return a.start < b.start; });
    std::stable_sort(instants.begin(), instants.end(), [](const Instant& a, const Instant& b) { return a.t < b.t; });
    sortFlows(flows);
    for (auto& c : counters)
        std::stable_sort(c.points.begin(), c.points.end(),
                         [](const CounterPoint& a, const CounterPoint& b) { return a.t < b.t; });
    for (const Hold& h : holds)
        duration_ = std::max({duration_, h.start, h.end});
    for (const TaskSpan& t : tasks)
        duration_ = std::max({duration_, t.start, t.end});
    if (!instants.empty())
        duration_ = std::max(duration_, instants.back().t);
    for (const auto& c : counters)
        if (!c.points.empty())
            duration_ = std::max(duration_, c.points.back().t);
    for (const Flow& f : flows)
        duration_ = std::max({duration_, f.fromT, f.toT});
    ++generation_;
    ++structureGeneration_;
}

void Trace::shrink()
{
    for (Lane& l : lanes) {
        l.intervals.shrink_to_fit();
        l.maxEnd.shrink_to_fit();
        l.cpu.shrink_to_fit();
    }
    holds.shrink_to_fit();
    tasks.shrink_to_fit();
    instants.shrink_to_fit();
    flows.shrink_to_fit();
    for (auto& c : counters)
        c.points.shrink_to_fit();
}

size_t Trace::memoryBytes() const
{
    auto strBytes = [](const std::string& s) { return s.capacity() > 15 ? s.capacity() + 1 : 0; };
    size_t n = sizeof(Trace);
    n += lanes.capacity() * sizeof(Lane);
    for (const Lane& l : lanes)
        n += l.intervals.capacity() * sizeof(Interval) + l.maxEnd.capacity() * sizeof(int64_t) +
             l.cpu.capacity() * sizeof(CounterPoint) + strBytes(l.info.name);
    n += objects.capacity() * sizeof(ObjectInfo);
    n += holds.size() * sizeof(Hold);  // deques allocate in blocks as they grow
    n += tasks.capacity() * sizeof(TaskSpan);
    for (const TaskSpan& t : tasks)
        n += strBytes(t.value);
    n += instants.size() * sizeof(Instant);
    for (const Instant& i : instants)
        n += strBytes(i.text);
    n += counters.capacity() * sizeof(CounterSeries);
    for (const auto& c : counters)
        n += c.points.capacity() * sizeof(CounterPoint);
    n += flows.capacity() * sizeof(Flow);
    n += strings.capacity() * sizeof(std::string);
    for (const auto& s : strings)
        n += strBytes(s);
    if (pending_) {
        // Rough: hash nodes of ~32 bytes plus buckets.
        const Pending& p = *pending_;
        n += (p.openHolds.size() + p.openTasks.size() + p.flows.size() + p.series.size()) * 40;
        n += (p.openHolds.bucket_count() + p.openTasks.bucket_count() + p.flows.bucket_count()) * 8;
    }
    return n;
}

int64_t Trace::duration() const { return duration_; }

size_t Trace::firstIndex(LaneId lane, int64_t t) const
{
    if (lane >= lanes.size())
        return 0;
    const auto& me = lanes[lane].maxEnd;
    return size_t(std::partition_point(me.begin(), me.end(), [t](int64_t e) { return e <= t; }) - me.begin());
}

size_t Trace::lastIndex(LaneId lane, int64_t t) const
{
    if (lane >= lanes.size())
        return 0;
    const auto& iv = lanes[lane].intervals;
    return size_t(std::partition_point(iv.begin(), iv.end(), [t](const Interval& i) { return i.start < t; }) -
                  iv.begin());
}

const Interval* Trace::intervalAt(LaneId lane, int64_t t) const
{
    if (lane >= lanes.size())
        return nullptr;
    const auto& iv = lanes[lane].intervals;
    for (size_t i = firstIndex(lane, t); i < iv.size() && iv[i].start <= t; ++i)
        if (iv[i].end > t)
            return &iv[i];
    return nullptr;
}

const ObjectInfo* Trace::object(ObjectId id) const { return id > 0 && id < objects.size() ? &objects[id] : nullptr; }

std::string Trace::objectName(ObjectId id) const
{
    if (const ObjectInfo* o = object(id))
        return o->name.empty() ? std::string(kindName(o->kind)) + " " + std::to_string(id) : o->name;
    return id ? "object " + std::to_string(id) : std::string();
}

const CounterSeries* Trace::counter(ObjectId obj, CounterKind kind) const
{
    for (const auto& c : counters)
        if (c.object == obj && c.kind == kind)
            return &c;
    return nullptr;
}

// ---- CounterSeries ----

int64_t CounterSeries::valueAt(int64_t t) const
{
    auto it =
        std::upper_bound(points.begin(), points.end(), t, [](int64_t x, const CounterPoint& c) { return x < c.t; });
    return it == points.begin() ? 0 : std::prev(it)->value;
}

std::vector<CounterSeries::Bucket> CounterSeries::buckets(int64_t from, int64_t to, int64_t width) const
{
    std::vector<Bucket> out;
    if (width <= 0 || to <= from)
        return out;
    const int64_t n = (to - from + width - 1) / width;
    if (n > 10'000'000)
        return out;
    out.reserve(size_t(n));
    auto it =
        std::upper_bound(points.begin(), points.end(), from, [](int64_t x, const CounterPoint& c) { return x < c.t; });
    int64_t cur = it == points.begin() ? 0 : std::prev(it)->value;
    for (int64_t b = 0; b < n; ++b) {
        const int64_t t0 = from + b * width;
        const int64_t t1 = std::min(t0 + width, to);
        for (; it != points.end() && it->t <= t0; ++it)
            cur = it->value;  // a point at t0 is the bucket's opening value
        Bucket bk{t0, cur, cur, cur};
        for (; it != points.end() && it->t < t1; ++it) {
            cur = it->value;
            bk.min = std::min(bk.min, cur);
            bk.max = std::max(bk.max, cur);
        }
        bk.last = cur;
        out.push_back(bk);
    }
    return out;
}

}  // namespace tl
