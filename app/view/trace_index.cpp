// SPDX-License-Identifier: MIT
// The timeline's lookup tables per lane, built once and then brought up to date as a live run
// grows (update() follows what was added, not the trace's size).
#include "trace_index.h"
#include "palette.h"
#include "timeline_util.h"

#include <algorithm>
#include <climits>
#include <cstdint>
#include <utility>

namespace tl::view {

using namespace timeline;

namespace {

bool markerShown(const Instant& in)
{
    switch (in.type) {
    case Ev::Release:
    case Ev::FutureState:
    case Ev::ThreadStart:
    case Ev::ThreadEnd:
    case Ev::ThreadRename:
    case Ev::StateChange:
    case Ev::HoldBegin:
    case Ev::HoldEnd:
    case Ev::TaskBegin:
    case Ev::TaskEnd:
    case Ev::Counter:
    case Ev::FlowStart:
    case Ev::FlowEnd: return false;
    case Ev::AcquireTry: return in.a == 0;  // only failed tries: successes show as holds
    default: return true;
    }
}

// The first of the sorted `v` at or after `x`, galloping from `c` (a few steps when `x` is near
// the last one sought).
size_t seek(const std::vector<int64_t>& v, size_t c, int64_t x)
{
    size_t lo = 0, hi = c;  // the answer is in [lo, hi]
    size_t step = 1;
    if (c < v.size() && v[c] < x) {
        lo = c + 1;
        while (c + step < v.size() && v[c + step] < x) {
            lo = c + step + 1;
            step *= 2;
        }
        hi = std::min(c + step, v.size());
    } else {
        while (step <= c && v[c - step] >= x) {
            hi = c - step;
            step *= 2;
        }
        lo = step <= c ? c - step + 1 : 0;
    }
    return size_t(std::lower_bound(v.begin() + ptrdiff_t(lo), v.begin() + ptrdiff_t(hi), x) - v.begin());
}

// Recomputes a prefix max of ends from `from` on (after ends at or after it changed).
template <class EndAt> void prefixMax(std::vector<int64_t>& m, size_t from, EndAt&& endAt)
{
    for (size_t i = from; i < m.size(); ++i)
        m[i] = i ? std::max(m[i - 1], endAt(i)) : endAt(i);
}

}  // namespace

int64_t recordedEnd(const Trace& t)
{
    int64_t end = 0;
    for (const Lane& l : t.lanes) {
        end = std::max(end, l.end);
        if (!l.intervals.empty())
            end = std::max({end, l.intervals.back().end, l.intervals.back().start});
    }
    for (const Hold& h : t.holds)
        end = std::max({end, h.start, h.end});
    for (const TaskSpan& s : t.tasks)
        end = std::max({end, s.start, s.end});
    if (!t.instants.empty())
        end = std::max(end, t.instants.back().t);
    for (const Flow& f : t.flows)
        end = std::max({end, f.fromT, f.toT});
    return end;
}

TraceIndex TraceIndex::build(const Trace& t)
{
    TraceIndex x;
    x.update(t);
    return x;
}

void TraceIndex::update(const Trace& t)
{
    const size_t nl = t.lanes.size();
    {
        const Progress& pr = progress_;
        bool full = generation == ~0ull || pr.structure != t.structureGeneration() || nl < pr.lanes ||
                    t.holds.size() < pr.holds || t.tasks.size() < pr.tasks || t.instants.size() < pr.instants ||
                    t.flows.size() < pr.flows;
        for (size_t l = 0; l < pr.intervals.size() && !full; ++l)
            full = t.lanes[l].intervals.size() + 1 < pr.intervals[l];  // more than the last one went
        if (full)
            *this = TraceIndex{};
    }
    Progress& pr = progress_;
    generation = t.generation();
    pr.structure = t.structureGeneration();
    const size_t oldLanes = pr.lanes;

    const int64_t prevEnd = updateEnd(t);

    holds.resize(nl);
    holdMaxEnd.resize(nl);
    holdDepth.resize(nl);
    tasks.resize(nl);
    taskMaxEnd.resize(nl);
    instants.resize(nl);
    pr.intervals.resize(nl, 0);

    // Where each lane's holds change: the first that was open, or the first new one.
    std::vector<size_t> holdsFrom(nl);
    for (size_t l = 0; l < nl; ++l)
        holdsFrom[l] = holds[l].size();
    for (const Progress::Open& o : pr.openHolds)
        holdsFrom[o.lane] = std::min<size_t>(holdsFrom[o.lane], o.pos);
    const int64_t recheckFrom = addHolds(t, prevEnd);
    markContention(t, oldLanes, recheckFrom);
    updateHoldLod(holdsFrom);
    addTasks(t);
    addInstants(t);
    addFlows(t);
    lod.resize(nl);
    for (size_t l = 0; l < nl; ++l)
        lod[l].extend(t.lanes[l].intervals);
    pr.lanes = nl;
}

int64_t TraceIndex::updateEnd(const Trace& t)
{
    const Progress& pr = progress_;
    // The run's end as far as recorded: only what is new or was open can move it.
    const int64_t prevEnd = end;
    for (const Lane& l : t.lanes) {
        end = std::max(end, l.end);
        if (!l.intervals.empty())
            end = std::max({end, l.intervals.back().end, l.intervals.back().start});
    }
    for (size_t i = pr.holds; i < t.holds.size(); ++i)
        end = std::max({end, t.holds[i].start, t.holds[i].end});
    for (const Progress::Open& o : pr.openHolds)
        end = std::max(end, t.holds[holds[o.lane][o.pos].index].end);
    for (size_t i = pr.tasks; i < t.tasks.size(); ++i)
        end = std::max({end, t.tasks[i].start, t.tasks[i].end});
    for (const Progress::Open& o : pr.openTasks)
        end = std::max(end, t.tasks[tasks[o.lane][o.pos].index].end);
    if (!t.instants.empty())
        end = std::max(end, t.instants.back().t);
    for (size_t i = pr.flows; i < t.flows.size(); ++i)
        end = std::max({end, t.flows[i].fromT, t.flows[i].toT});
    for (uint32_t i : pr.pendingFlows)
        end = std::max({end, t.flows[i].fromT, t.flows[i].toT});
    return prevEnd;
}

// Spans that were open last time end now, or still reach the (new) end of the run.
template <class Recorded>
void TraceIndex::closeOpen(std::vector<Progress::Open>& open, std::vector<std::vector<SpanRef>>& spans,
                           std::vector<std::vector<int64_t>>& maxEnd, Recorded&& recorded, bool byObject)
{
    Progress& pr = progress_;
    std::vector<size_t> laneFrom;
    std::vector<size_t> objectFrom;
    std::vector<Progress::Open> still;
    for (const Progress::Open& o : open) {
        SpanRef& s = spans[o.lane][o.pos];
        const auto [start, e] = recorded(s.index);
        s.end = endOr(e, start, end);
        if (laneFrom.size() <= o.lane)
            laneFrom.resize(size_t(o.lane) + 1, SIZE_MAX);
        laneFrom[o.lane] = std::min<size_t>(laneFrom[o.lane], o.pos);
        if (byObject) {
            pr.byObject[s.object][o.objectPos].end = s.end;
            if (objectFrom.size() <= s.object)
                objectFrom.resize(size_t(s.object) + 1, SIZE_MAX);
            objectFrom[s.object] = std::min<size_t>(objectFrom[s.object], o.objectPos);
        }
        if (e < start)
            still.push_back(o);
    }
    open = std::move(still);
    for (size_t l = 0; l < laneFrom.size(); ++l)
        if (laneFrom[l] != SIZE_MAX)
            prefixMax(maxEnd[l], laneFrom[l], [&](size_t i) { return spans[l][i].end; });
    for (size_t o = 0; o < objectFrom.size(); ++o)
        if (objectFrom[o] != SIZE_MAX)
            prefixMax(pr.byObjectMaxEnd[o], objectFrom[o], [&](size_t i) { return pr.byObject[o][i].end; });
}

int64_t TraceIndex::addHolds(const Trace& t, int64_t prevEnd)
{
    Progress& pr = progress_;
    const size_t nl = t.lanes.size();
    // Waits ending after `recheckFrom` may overlap a hold that is new or grew.
    int64_t recheckFrom = pr.openHolds.empty() ? INT64_MAX : prevEnd;
    closeOpen(
        pr.openHolds, holds, holdMaxEnd, [&](uint32_t i) { return std::pair(t.holds[i].start, t.holds[i].end); }, true);
    if (pr.holds == 0 && !t.holds.empty()) {
        // A full build: each lane's and lock's tables at their size at once (growing them
        // doubling by doubling copied and faulted in most of their memory again).
        std::vector<size_t> perLane(nl), perObject;
        for (const Hold& h : t.holds) {
            if (h.lane >= nl)
                continue;
            ++perLane[h.lane];
            if (h.object >= perObject.size())
                perObject.resize(size_t(h.object) + 1);
            ++perObject[h.object];
        }
        for (size_t l = 0; l < nl; ++l) {
            holds[l].reserve(perLane[l]);
            holdMaxEnd[l].reserve(perLane[l]);
            holdDepth[l].reserve(perLane[l]);
        }
        pr.byObject.resize(std::max(pr.byObject.size(), perObject.size()));
        pr.byObjectStart.resize(pr.byObject.size());
        pr.byObjectMaxEnd.resize(pr.byObject.size());
        for (size_t o = 0; o < perObject.size(); ++o) {
            pr.byObject[o].reserve(perObject[o]);
            pr.byObjectStart[o].reserve(perObject[o]);
            pr.byObjectMaxEnd[o].reserve(perObject[o]);
        }
    }
    for (size_t i = pr.holds; i < t.holds.size(); ++i) {
        const Hold& h = t.holds[i];
        if (h.lane >= nl)
            continue;
        auto& v = holds[h.lane];
        auto& m = holdMaxEnd[h.lane];
        const int64_t e = endOr(h.end, h.start, end);
        // Depth: how many of this lane's earlier holds are still open (nested locks).
        uint8_t depth = 0;
        for (size_t k = v.size(); k-- > 0 && depth < 3;) {
            if (m[k] <= h.start)
                break;
            if (v[k].end > h.start)
                ++depth;
        }
        m.push_back(m.empty() ? e : std::max(m.back(), e));
        v.push_back({h.start, e, uint32_t(i), h.object});
        holdDepth[h.lane].push_back(depth);
        if (h.object >= pr.byObject.size()) {
            pr.byObject.resize(size_t(h.object) + 1);
            pr.byObjectStart.resize(size_t(h.object) + 1);
            pr.byObjectMaxEnd.resize(size_t(h.object) + 1);
        }
        auto& ob = pr.byObject[h.object];
        auto& om = pr.byObjectMaxEnd[h.object];
        ob.push_back({h.start, e, h.lane, uint32_t(v.size() - 1)});
        pr.byObjectStart[h.object].push_back(h.start);
        om.push_back(om.empty() ? e : std::max(om.back(), e));
        if (h.end < h.start)
            pr.openHolds.push_back({h.lane, uint32_t(v.size() - 1), uint32_t(ob.size() - 1)});
        recheckFrom = std::min(recheckFrom, h.start);
    }
    pr.holds = t.holds.size();
    return recheckFrom;
}

void TraceIndex::markContention(const Trace& t, size_t oldLanes, int64_t recheckFrom)
{
    Progress& pr = progress_;
    const size_t nl = t.lanes.size();
    // Contention: a hold is "with waiters" when another lane waited on the same object while
    // it was held. Rechecked: the waits that were open or are new, and those that may overlap a
    // new or grown hold. Live, a flag is only ever set: in the rare case where a late event
    // shortens an open wait or hold, the flag it set stays until the run ends (finish()
    // reorders flows, so the index is then built in full).
    // The waits are taken per object in the order they end (bucketed by time): each lock's
    // holds are then read in one pass, near one another, where going lane by lane read them
    // once per lane from anywhere in the run (a cache miss per wait at millions of events).
    struct Wait {
        int64_t start, end;
        LaneId lane;
    };
    std::vector<std::vector<Wait>> waits(pr.byObject.size());
    for (size_t lane = 0; lane < nl && !pr.byObject.empty(); ++lane) {
        const auto& iv = t.lanes[lane].intervals;
        size_t from = lane < oldLanes && pr.intervals[lane] > 0 ? pr.intervals[lane] - 1 : 0;
        if (recheckFrom != INT64_MAX)
            from = std::min(from, t.firstIndex(LaneId(lane), recheckFrom));
        for (size_t k = from; k < iv.size(); ++k) {
            const Interval& w = iv[k];
            if (w.object != 0 && w.object < waits.size() && stateFamily(w.state) == StateFamily::Wait &&
                !pr.byObject[w.object].empty())
                waits[w.object].push_back({w.start, endOr(w.end, w.start, end), LaneId(lane)});
        }
    }
    std::vector<Wait> sorted;
    for (size_t o = 0; o < waits.size(); ++o) {
        if (waits[o].empty())
            continue;
        const auto& v = pr.byObject[o];
        const auto& vs = pr.byObjectStart[o];
        const auto& me = pr.byObjectMaxEnd[o];
        // Buckets of about eight of the lock's holds each, over the time its holds start in.
        const int64_t first = vs.front(), span = vs.back() - first;
        int shift = 0;
        while (shift < 62 && (span >> shift) * 8 >= int64_t(vs.size()))
            ++shift;
        const size_t buckets = size_t(span >> shift) + 1;
        auto bucket = [&](int64_t e) { return size_t(std::clamp<int64_t>(e - first, 0, span) >> shift); };
        std::vector<uint32_t> at(buckets + 1);
        for (const Wait& w : waits[o])
            ++at[bucket(w.end) + 1];
        for (size_t b = 1; b <= buckets; ++b)
            at[b] += at[b - 1];
        sorted.resize(waits[o].size());
        for (const Wait& w : waits[o])
            sorted[at[bucket(w.end)]++] = w;
        size_t c = 0;
        for (const Wait& w : sorted) {
            c = seek(vs, c, w.end);  // the first hold starting at or after the wait's end
            // Back over the holds that may still be open at the wait's start (a Lock's never
            // overlap: one or two steps; a Semaphore's a handful; capped).
            int steps = 0;
            for (size_t j = c; j-- > 0 && steps < 16; ++steps) {
                if (me[j] <= w.start)
                    break;
                if (v[j].end > w.start && v[j].lane != w.lane) {
                    holds[v[j].lane][v[j].pos].contended = true;
                    // Holds not summarised yet get their bit in updateHoldLod().
                    if (v[j].lane < holdLod.size() && v[j].pos / HoldLod::kBlock < holdLod[v[j].lane].contended.size())
                        holdLod[v[j].lane].contended[v[j].pos / HoldLod::kBlock] |= uint64_t(1)
                                                                                    << (v[j].pos % HoldLod::kBlock);
                }
            }
        }
    }
    for (size_t lane = 0; lane < nl; ++lane)
        pr.intervals[lane] = t.lanes[lane].intervals.size();
}

void TraceIndex::updateHoldLod(const std::vector<size_t>& changedFrom)
{
    holdLod.resize(holds.size());
    for (size_t l = 0; l < holds.size(); ++l)
        if (l >= changedFrom.size() || changedFrom[l] < holds[l].size() || holdLod[l].nested.empty())
            holdLod[l].update(holds[l], holdMaxEnd[l], holdDepth[l], l < changedFrom.size() ? changedFrom[l] : 0);
}

void TraceIndex::addTasks(const Trace& t)
{
    Progress& pr = progress_;
    const size_t nl = t.lanes.size();
    closeOpen(
        pr.openTasks, tasks, taskMaxEnd, [&](uint32_t i) { return std::pair(t.tasks[i].start, t.tasks[i].end); },
        false);
    for (size_t i = pr.tasks; i < t.tasks.size(); ++i) {
        const TaskSpan& s = t.tasks[i];
        if (s.lane >= nl)
            continue;
        const int64_t e = endOr(s.end, s.start, end);
        auto& m = taskMaxEnd[s.lane];
        m.push_back(m.empty() ? e : std::max(m.back(), e));
        tasks[s.lane].push_back({s.start, e, uint32_t(i), s.future});
        if (s.end < s.start)
            pr.openTasks.push_back({s.lane, uint32_t(tasks[s.lane].size() - 1), 0});
    }
    pr.tasks = t.tasks.size();
}

void TraceIndex::addInstants(const Trace& t)
{
    Progress& pr = progress_;
    const size_t nl = t.lanes.size();
    for (size_t i = pr.instants; i < t.instants.size(); ++i)
        if (t.instants[i].lane < nl && markerShown(t.instants[i]))
            instants[t.instants[i].lane].push_back(uint32_t(i));
    pr.instants = t.instants.size();
}

void TraceIndex::addFlows(const Trace& t)
{
    Progress& pr = progress_;
    const size_t nl = t.lanes.size();
    // Flows are drawn once both ends are known; by (first end, index) like a stable sort.
    auto complete = [&](const Flow& f) { return f.toT >= 0 && f.fromT >= 0 && f.fromLane < nl && f.toLane < nl; };
    std::vector<uint32_t> fresh, still;
    for (uint32_t i : pr.pendingFlows)
        (complete(t.flows[i]) ? fresh : still).push_back(i);
    for (size_t i = pr.flows; i < t.flows.size(); ++i)
        (complete(t.flows[i]) ? fresh : still).push_back(uint32_t(i));
    pr.pendingFlows = std::move(still);
    pr.flows = t.flows.size();
    if (!fresh.empty()) {
        auto key = [&](uint32_t i) { return std::pair(std::min(t.flows[i].fromT, t.flows[i].toT), i); };
        auto before = [&](uint32_t a, uint32_t b) { return key(a) < key(b); };
        std::sort(fresh.begin(), fresh.end(), before);
        const size_t at = size_t(std::upper_bound(flows.begin(), flows.end(), fresh.front(), before) - flows.begin());
        const size_t mid = flows.size();
        flows.insert(flows.end(), fresh.begin(), fresh.end());
        std::inplace_merge(flows.begin() + ptrdiff_t(at), flows.begin() + ptrdiff_t(mid), flows.end(), before);
        flowMaxEnd.resize(flows.size());
        prefixMax(flowMaxEnd, at, [&](size_t k) { return std::max(t.flows[flows[k]].fromT, t.flows[flows[k]].toT); });
    }
}

// ---------------------------------------------------------------------------------------------
// HoldLod

template <class Span>
void HoldLod::update(const std::vector<Span>& spans, const std::vector<int64_t>& maxEnd,
                     const std::vector<uint8_t>& depth, size_t from)
{
    constexpr size_t B = kBlock;
    const size_t n = spans.size(), blocks = (n + B - 1) / B;
    from = std::min(from, n) / B * B;  // whole blocks
    maxDuration.resize(blocks);
    maxGap.resize(blocks);
    nested.resize(blocks);
    contended.resize(blocks);
    for (size_t b = from / B; b < blocks; ++b) {
        int64_t dur = 0, gap = INT64_MIN;
        uint64_t in = 0, con = 0;
        for (size_t i = b * B; i < std::min(n, (b + 1) * B); ++i) {
            dur = std::max(dur, spans[i].end - spans[i].start);
            gap = std::max(gap, i ? spans[i].start - maxEnd[i - 1] : 0);
            in |= uint64_t(depth[i] > 0) << (i % B);
            con |= uint64_t(spans[i].contended) << (i % B);
        }
        maxDuration[b] = dur;
        maxGap[b] = gap;
        nested[b] = in;
        contended[b] = con;
    }
}
template void HoldLod::update(const std::vector<TraceIndex::SpanRef>&, const std::vector<int64_t>&,
                              const std::vector<uint8_t>&, size_t);

bool HoldLod::anyBit(const std::vector<uint64_t>& bits, size_t lo, size_t hi)
{
    constexpr size_t B = kBlock;
    for (size_t w = lo / B; w <= hi / B; ++w) {
        uint64_t m = bits[w];
        if (w == lo / B)
            m &= ~uint64_t(0) << (lo % B);
        if (w == hi / B && hi % B != B - 1)
            m &= (uint64_t(1) << (hi % B + 1)) - 1;
        if (m)
            return true;
    }
    return false;
}

bool HoldLod::plain(size_t lo, size_t hi, double pxPerNs, double maxWidth, double maxStep) const
{
    if (anyBit(nested, lo, hi))
        return false;
    // The margins cover the rounding of the positions (each within 1e-12 px of exact).
    for (size_t b = lo / kBlock; b <= hi / kBlock; ++b)
        if (double(maxDuration[b]) * pxPerNs >= maxWidth - 1e-6 || double(maxGap[b]) * pxPerNs >= maxStep - 1e-6)
            return false;
    return true;
}

// ---------------------------------------------------------------------------------------------
// IntervalLod

IntervalLod::Node IntervalLod::merge(const Node& a, const Node& b)
{
    if (!b.states)
        return a;
    if (!a.states)
        return b;
    // The first interval of the most important state: the left half's on a tie (an interval
    // touching both halves is the left half's last, so no later one there comes first).
    Node m = statePriority(a.state) >= statePriority(b.state) ? a : b;
    m.states = uint16_t(a.states | b.states);
    m.single = a.single && b.single && a.shown == b.shown;
    return m;
}

void IntervalLod::extend(const std::vector<Interval>& ivs)
{
    const size_t n = ivs.size();
    if (gaps || n < 2)
        return;
    // Intervals before the last are final; each must abut the one before (closed, no gap).
    for (; checked + 1 < n; ++checked)
        if (ivs[checked].end < ivs[checked].start || (checked > 0 && ivs[checked].start != ivs[checked - 1].end)) {
            *this = IntervalLod{};
            gaps = true;
            return;
        }
    if (nodes.empty()) {
        if (n - 1 < kMinIntervals)
            return;
        // Finest cells of about kPerCell intervals (a power of two ns), from the lane's start
        // (unless chosen before: tests compare pyramids of the same cells).
        const int64_t mean = std::max<int64_t>(1, (ivs[n - 1].start - ivs[0].start) / int64_t(n - 1));
        if (level0 < 0)
            for (level0 = 0; level0 < 40 && (int64_t(2) << level0) <= mean * kPerCell;)
                ++level0;
        firstStart = ivs[0].start;
        base = firstStart >> level0;
        nodes.emplace_back();
        at.push_back(0);
        cum.push_back(Times{});
    }
    // Whole finest cells before the last interval's start (it and later ones never touch them).
    const int64_t frontier = ivs[n - 1].start;
    const int64_t w = int64_t(1) << level0;
    // A whole lane at once (a finished run): its tables at their size (growing them doubling by
    // doubling copied and faulted in most of their memory again).
    const size_t cells = nodes[0].empty() ? size_t(std::max<int64_t>(0, (frontier >> level0) - base)) : 0;
    at.reserve(at.size() + cells);
    cum.reserve(cum.size() + cells);
    nodes[0].reserve(cells);
    size_t p = at.back() & ~kBefore;
    for (int64_t c = base + int64_t(nodes[0].size()); (c + 1) * w <= frontier; ++c) {
        const int64_t a = c * w, b = a + w;
        Times times = cum.back();
        Node nd;
        int best = -1;
        size_t i = p;
        for (; i < n && ivs[i].start < b; ++i) {
            const Interval& iv = ivs[i];
            times[size_t(iv.state)] += std::min(iv.end, b) - std::max(iv.start, a);
            nd.states = uint16_t(nd.states | 1u << unsigned(iv.state));
            if (statePriority(iv.state) > best) {
                best = statePriority(iv.state);
                nd.shown = uint32_t(i);
                nd.state = iv.state;
                nd.object = iv.object;
            }
        }
        nd.single = i == p + 1 && ivs[p].start <= a && ivs[p].end >= b;
        // The next cell's first: the last one here if it reaches past b (a zero-length interval
        // at b touches the next cell only).
        p = i > p && std::max(ivs[i - 1].end, ivs[i - 1].start + 1) > b ? i - 1 : i;
        at.push_back(uint32_t(p) | (ivs[p].start < b ? kBefore : 0));
        cum.push_back(times);
        // Up the levels: a right half completes its parent.
        for (size_t j = 0;; ++j) {
            nodes[j].push_back(nd);
            const int64_t abs = (base >> j) + int64_t(nodes[j].size()) - 1;
            if (!(abs & 1))
                break;
            if (j + 1 == nodes.size()) {
                nodes.emplace_back();
                nodes.back().reserve((cells >> (j + 1)) + 1);
            }
            nd = merge(abs - 1 >= (base >> j) ? nodes[j][nodes[j].size() - 2] : Node{}, nd);
        }
    }
}

IntervalLod::Node IntervalLod::node(int level, int64_t c) const
{
    const size_t j = size_t(level - level0);
    if (j >= nodes.size())
        return merge(node(level - 1, 2 * c), node(level - 1, 2 * c + 1));
    const int64_t rel = c - (base >> j);
    return rel >= 0 && rel < int64_t(nodes[j].size()) ? nodes[j][size_t(rel)] : Node{};
}

size_t IntervalLod::boundary(int64_t t) const
{
    return size_t(std::clamp<int64_t>((t >> level0) - base, 0, int64_t(at.size()) - 1));
}

}  // namespace tl::view
