// SPDX-License-Identifier: MIT
#include "timeline_renderer.h"
#include "palette.h"
#include "units.h"

#include <QFontMetricsF>
#include <QGuiApplication>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <map>
#include <cmath>
#include <unordered_map>
#include <unordered_set>

namespace tl::view {

namespace {

QString qs(const std::string& s) { return QString::fromStdString(s); }

QString laneName(const Trace& t, LaneId lane) {
    if (lane < t.lanes.size() && !t.lanes[lane].info.name.empty()) return qs(t.lanes[lane].info.name);
    return QStringLiteral("lane %1").arg(lane);
}

QString objName(const Trace& t, ObjectId id) {
    if (id != 0 && id < t.objects.size() && !t.objects[id].name.empty()) return qs(t.objects[id].name);
    return id ? QStringLiteral("#%1").arg(id) : QString();
}

// Ends of things still open (-1) are drawn up to the run's recorded end.
inline int64_t endOr(int64_t end, int64_t start, int64_t fallback) {
    return end < start ? std::max(fallback, start) : end;
}

bool markerShown(const Instant& in) {
    switch (in.type) {
    case Ev::Release: case Ev::FutureState: case Ev::ThreadStart: case Ev::ThreadEnd:
    case Ev::ThreadRename: case Ev::StateChange: case Ev::HoldBegin: case Ev::HoldEnd:
    case Ev::TaskBegin: case Ev::TaskEnd: case Ev::Counter: case Ev::FlowStart: case Ev::FlowEnd:
        return false;
    case Ev::AcquireTry: return in.a == 0;   // only failed tries: successes show as holds
    default: return true;
    }
}

QColor markerColor(Ev type, bool dark) {
    switch (type) {
    case Ev::Exception: case Ev::Deadlock: case Ev::BarrierBroken: case Ev::AcquireTry:
        return theme(dark).alarm;
    case Ev::Put: case Ev::Get: case Ev::TaskDone: case Ev::Join: return flowColor(FlowKind::Item, dark);
    case Ev::Set: case Ev::Clear: case Ev::Notify: case Ev::NotifyAll: case Ev::BarrierPass:
        return flowColor(FlowKind::Wake, dark);
    default: return theme(dark).marker;
    }
}

struct Metrics {
    int fh;          // font height
    int bar;         // state bar height
    int taskStrip;
    int hold;
    int pad;
};
Metrics metricsFor(const QFont& font, int laneHeight) {
    QFontMetrics fm(font);
    Metrics m{};
    m.fh = fm.height();
    m.bar = laneHeight > 0 ? laneHeight : std::max(fm.height() + 8, 22);
    m.taskStrip = fm.height() + 4;
    m.hold = std::max(6, m.bar / 4);
    m.pad = 4;
    return m;
}

} // namespace

// ---------------------------------------------------------------------------------------------
// Descriptions

// The run's end for drawing open items, in O(lanes) (itemRange runs on every hover repaint).
static int64_t quickEnd(const Trace& t) {
    int64_t end = 0;
    for (const Lane& l : t.lanes) {
        end = std::max(end, l.end);
        if (!l.intervals.empty()) end = std::max({end, l.intervals.back().end, l.intervals.back().start});
    }
    if (!t.instants.empty()) end = std::max(end, t.instants.back().t);
    return end;
}

TimeRange itemRange(const Trace& t, const TimelineItem& item) {
    const int64_t end = quickEnd(t);  // only for items still open
    switch (item.kind) {
    case TimelineItem::Kind::Interval: {
        if (item.lane >= t.lanes.size()) return {};
        const auto& iv = t.lanes[item.lane].intervals;
        if (item.index >= iv.size()) return {};
        const size_t lastI = std::min<size_t>(iv.size() - 1, item.index + item.count - 1);
        return {iv[item.index].start, endOr(iv[lastI].end, iv[lastI].start, end)};
    }
    case TimelineItem::Kind::Hold: {
        if (item.index >= t.holds.size()) return {};
        const Hold& h = t.holds[item.index];
        return {h.start, endOr(h.end, h.start, end)};
    }
    case TimelineItem::Kind::Task: {
        if (item.index >= t.tasks.size()) return {};
        const TaskSpan& s = t.tasks[item.index];
        return {s.start, endOr(s.end, s.start, end)};
    }
    case TimelineItem::Kind::Instant:
        if (item.index >= t.instants.size()) return {};
        return {t.instants[item.index].t, t.instants[item.index].t};
    case TimelineItem::Kind::Flow: {
        if (item.index >= t.flows.size()) return {};
        const Flow& f = t.flows[item.index];
        return {f.fromT, std::max(f.fromT, f.toT)};
    }
    case TimelineItem::Kind::None: break;
    }
    return {};
}

QString describeItem(const Trace& t, const TimelineItem& item) {
    QStringList lines;
    const TimeRange r = itemRange(t, item);
    switch (item.kind) {
    case TimelineItem::Kind::Interval: {
        if (item.lane >= t.lanes.size() || item.index >= t.lanes[item.lane].intervals.size()) return {};
        const auto& ivs = t.lanes[item.lane].intervals;
        if (item.count > 1) {
            // A fold: how its time splits by state family, so nothing is hidden.
            std::array<int64_t, size_t(StateFamily::Count)> per{};
            const size_t lastI = std::min<size_t>(ivs.size(), size_t(item.index) + item.count);
            for (size_t i = item.index; i < lastI; ++i)
                per[size_t(stateFamily(ivs[i].state))] += std::max<int64_t>(0, ivs[i].end - ivs[i].start);
            lines << QObject::tr("%1 — %2 intervals folded (zoom in for detail)")
                         .arg(laneName(t, item.lane)).arg(item.count);
            for (size_t f = 0; f < per.size(); ++f)
                if (per[f] > 0)
                    lines << QStringLiteral("  %1: %2").arg(familyLabel(StateFamily(f)), formatDuration(per[f]));
        } else {
            const Interval& iv = ivs[item.index];
            lines << QStringLiteral("%1 — %2").arg(laneName(t, item.lane), stateLabel(iv.state));
            if (iv.object) {
                const ObjectInfo* o = iv.object < t.objects.size() ? &t.objects[iv.object] : nullptr;
                lines << QObject::tr("object: %1%2").arg(objName(t, iv.object),
                    o ? QStringLiteral(" (%1)").arg(QString::fromLatin1(kindName(o->kind).data(), qsizetype(kindName(o->kind).size()))) : QString());
            }
            if (iv.state == State::WaitJoin && iv.joinedLane >= 0)
                lines << QObject::tr("joining: %1").arg(laneName(t, LaneId(iv.joinedLane)));
            if (iv.outcome != Outcome::None && iv.outcome != Outcome::Acquired)
                lines << QObject::tr("ended by: %1").arg(QString::fromLatin1(outcomeName(iv.outcome).data(), qsizetype(outcomeName(iv.outcome).size())));
        }
        lines << QObject::tr("duration: %1  (%2 → %3)").arg(formatDuration(r.span()), formatDuration(r.start), formatDuration(r.end));
        // What the lane holds and which task it runs at the interval's start.
        QStringList held;
        for (const Hold& h : t.holds) {
            if (h.start > r.start) break;
            if (h.lane == item.lane && endOr(h.end, h.start, INT64_MAX) > r.start) held << objName(t, h.object);
        }
        if (!held.isEmpty()) lines << QObject::tr("holding: %1").arg(held.join(QStringLiteral(", ")));
        for (const TaskSpan& s : t.tasks) {
            if (s.start > r.start) break;
            if (s.lane == item.lane && endOr(s.end, s.start, INT64_MAX) > r.start)
                lines << QObject::tr("task #%1").arg(s.task);
        }
        break;
    }
    case TimelineItem::Kind::Hold: {
        if (item.index >= t.holds.size()) return {};
        const Hold& h = t.holds[item.index];
        lines << QObject::tr("%1 holds %2").arg(laneName(t, h.lane), objName(t, h.object));
        lines << QObject::tr("held for %1  (%2 → %3)").arg(formatDuration(r.span()), formatDuration(r.start),
                                                          h.end < 0 ? QObject::tr("still held") : formatDuration(r.end));
        if (h.end >= 0 && h.releasedBy != h.lane) lines << QObject::tr("released by %1").arg(laneName(t, h.releasedBy));
        {
            // Who waited for this lock meanwhile (binary search per lane).
            QStringList waiters;
            for (size_t ln = 0; ln < t.lanes.size(); ++ln) {
                if (ln == h.lane) continue;
                const auto& ivs = t.lanes[ln].intervals;
                auto it = std::partition_point(ivs.begin(), ivs.end(), [&](const Interval& iv) { return iv.end >= iv.start && iv.end <= r.start; });
                for (; it != ivs.end() && it->start < r.end; ++it)
                    if (it->object == h.object && stateFamily(it->state) == StateFamily::Wait) {
                        waiters << laneName(t, LaneId(ln));
                        break;
                    }
            }
            if (!waiters.isEmpty()) lines << QObject::tr("waiting meanwhile: %1").arg(waiters.join(QStringLiteral(", ")));
        }
        if (item.count > 1) lines << QObject::tr("%1 holds folded (zoom in for detail)").arg(item.count);
        break;
    }
    case TimelineItem::Kind::Task: {
        if (item.index >= t.tasks.size()) return {};
        const TaskSpan& s = t.tasks[item.index];
        lines << QObject::tr("task #%1 on %2").arg(s.task).arg(laneName(t, s.lane));
        if (s.future) lines << QObject::tr("future: %1").arg(objName(t, s.future));
        lines << QObject::tr("ran for %1  (%2 → %3)").arg(formatDuration(r.span()), formatDuration(r.start), formatDuration(r.end));
        if (s.end >= 0) {
            const QString what = s.outcome == 0 ? QObject::tr("result") : s.outcome == 1 ? QObject::tr("exception") : QObject::tr("cancelled");
            lines << (s.value.empty() ? what : QStringLiteral("%1: %2").arg(what, qs(s.value)));
        }
        if (item.count > 1) lines << QObject::tr("%1 tasks folded (zoom in for detail)").arg(item.count);
        break;
    }
    case TimelineItem::Kind::Instant: {
        if (item.index >= t.instants.size()) return {};
        const Instant& in = t.instants[item.index];
        const auto en = eventName(in.type);
        lines << QStringLiteral("%1 — %2").arg(laneName(t, in.lane), QString::fromLatin1(en.data(), qsizetype(en.size())));
        if (in.object) lines << QObject::tr("object: %1").arg(objName(t, in.object));
        if (!in.text.empty()) lines << qs(in.text);
        lines << QObject::tr("at %1").arg(formatDuration(in.t));
        if (item.count > 1) lines << QObject::tr("%1 events here (zoom in for detail)").arg(item.count);
        break;
    }
    case TimelineItem::Kind::Flow: {
        if (item.index >= t.flows.size()) return {};
        const Flow& f = t.flows[item.index];
        const auto fn = flowName(f.kind);
        lines << QObject::tr("%1: %2 → %3").arg(QString::fromLatin1(fn.data(), qsizetype(fn.size())),
                                               laneName(t, f.fromLane), laneName(t, f.toLane));
        // What the arrow means, in the course's words.
        switch (f.kind) {
        case FlowKind::Handoff: lines << QObject::tr("released the lock; the waiting thread got it"); break;
        case FlowKind::Wake: lines << QObject::tr("woke the waiting thread (set, notify, release)"); break;
        case FlowKind::Item: lines << QObject::tr("an item went through the queue from producer to consumer"); break;
        case FlowKind::Done: lines << QObject::tr("the future was done; the thread waiting on it went on"); break;
        default: break;
        }
        if (f.object) lines << QObject::tr("object: %1").arg(objName(t, f.object));
        if (f.toT >= 0) lines << QObject::tr("from %1 to %2 (latency %3)").arg(formatDuration(f.fromT), formatDuration(f.toT),
                                                                          formatDuration(f.toT - f.fromT));
        break;
    }
    case TimelineItem::Kind::None: break;
    }
    return lines.join(QLatin1Char('\n'));
}

// ---------------------------------------------------------------------------------------------
// Index and layout

int64_t recordedEnd(const Trace& t) {
    int64_t end = 0;
    for (const Lane& l : t.lanes) {
        end = std::max(end, l.end);
        if (!l.intervals.empty()) end = std::max({end, l.intervals.back().end, l.intervals.back().start});
    }
    for (const Hold& h : t.holds) end = std::max({end, h.start, h.end});
    for (const TaskSpan& s : t.tasks) end = std::max({end, s.start, s.end});
    if (!t.instants.empty()) end = std::max(end, t.instants.back().t);
    for (const Flow& f : t.flows) end = std::max({end, f.fromT, f.toT});
    return end;
}

TraceIndex TraceIndex::build(const Trace& t) {
    TraceIndex x;
    x.update(t);
    return x;
}

void TraceIndex::update(const Trace& t) {
    const size_t nl = t.lanes.size();
    {
        const Progress& pr = progress_;
        bool full = generation == ~0ull || pr.structure != t.structureGeneration() || nl < pr.lanes ||
                    t.holds.size() < pr.holds || t.tasks.size() < pr.tasks || t.instants.size() < pr.instants ||
                    t.flows.size() < pr.flows;
        for (size_t l = 0; l < pr.intervals.size() && !full; ++l)
            full = t.lanes[l].intervals.size() + 1 < pr.intervals[l];  // more than the last one went
        if (full) *this = TraceIndex{};
    }
    Progress& pr = progress_;
    generation = t.generation();
    pr.structure = t.structureGeneration();
    const size_t oldLanes = pr.lanes;

    // The run's end as far as recorded: only what is new or was open can move it.
    const int64_t prevEnd = end;
    for (const Lane& l : t.lanes) {
        end = std::max(end, l.end);
        if (!l.intervals.empty()) end = std::max({end, l.intervals.back().end, l.intervals.back().start});
    }
    for (size_t i = pr.holds; i < t.holds.size(); ++i) end = std::max({end, t.holds[i].start, t.holds[i].end});
    for (const Progress::Open& o : pr.openHolds) end = std::max(end, t.holds[holds[o.lane][o.pos].index].end);
    for (size_t i = pr.tasks; i < t.tasks.size(); ++i) end = std::max({end, t.tasks[i].start, t.tasks[i].end});
    for (const Progress::Open& o : pr.openTasks) end = std::max(end, t.tasks[tasks[o.lane][o.pos].index].end);
    if (!t.instants.empty()) end = std::max(end, t.instants.back().t);
    for (size_t i = pr.flows; i < t.flows.size(); ++i) end = std::max({end, t.flows[i].fromT, t.flows[i].toT});
    for (uint32_t i : pr.pendingFlows) end = std::max({end, t.flows[i].fromT, t.flows[i].toT});

    holds.resize(nl); holdMaxEnd.resize(nl); holdDepth.resize(nl);
    tasks.resize(nl); taskMaxEnd.resize(nl); instants.resize(nl);
    pr.intervals.resize(nl, 0);

    // Recomputes a prefix max of ends from `from` on (after ends at or after it changed).
    auto prefixMax = [](std::vector<int64_t>& m, size_t from, auto&& endAt) {
        for (size_t i = from; i < m.size(); ++i) m[i] = i ? std::max(m[i - 1], endAt(i)) : endAt(i);
    };
    // Spans that were open last time end now, or still reach the (new) end of the run.
    auto closeOpen = [&](std::vector<Progress::Open>& open, std::vector<std::vector<SpanRef>>& spans,
                         std::vector<std::vector<int64_t>>& maxEnd, auto&& recorded, bool byObject) {
        std::vector<size_t> laneFrom;
        std::vector<size_t> objectFrom;
        std::vector<Progress::Open> still;
        for (const Progress::Open& o : open) {
            SpanRef& s = spans[o.lane][o.pos];
            const auto [start, e] = recorded(s.index);
            s.end = endOr(e, start, end);
            if (laneFrom.size() <= o.lane) laneFrom.resize(size_t(o.lane) + 1, SIZE_MAX);
            laneFrom[o.lane] = std::min<size_t>(laneFrom[o.lane], o.pos);
            if (byObject) {
                pr.byObject[s.object][o.objectPos].end = s.end;
                if (objectFrom.size() <= s.object) objectFrom.resize(size_t(s.object) + 1, SIZE_MAX);
                objectFrom[s.object] = std::min<size_t>(objectFrom[s.object], o.objectPos);
            }
            if (e < start) still.push_back(o);
        }
        open = std::move(still);
        for (size_t l = 0; l < laneFrom.size(); ++l)
            if (laneFrom[l] != SIZE_MAX) prefixMax(maxEnd[l], laneFrom[l], [&](size_t i) { return spans[l][i].end; });
        for (size_t o = 0; o < objectFrom.size(); ++o)
            if (objectFrom[o] != SIZE_MAX)
                prefixMax(pr.byObjectMaxEnd[o], objectFrom[o], [&](size_t i) { return pr.byObject[o][i].end; });
    };

    // Waits ending after `recheckFrom` may overlap a hold that is new or grew.
    int64_t recheckFrom = pr.openHolds.empty() ? INT64_MAX : prevEnd;
    closeOpen(pr.openHolds, holds, holdMaxEnd,
              [&](uint32_t i) { return std::pair(t.holds[i].start, t.holds[i].end); }, true);
    for (size_t i = pr.holds; i < t.holds.size(); ++i) {
        const Hold& h = t.holds[i];
        if (h.lane >= nl) continue;
        auto& v = holds[h.lane];
        auto& m = holdMaxEnd[h.lane];
        const int64_t e = endOr(h.end, h.start, end);
        // Depth: how many of this lane's earlier holds are still open (nested locks).
        uint8_t depth = 0;
        for (size_t k = v.size(); k-- > 0 && depth < 3;) {
            if (m[k] <= h.start) break;
            if (v[k].end > h.start) ++depth;
        }
        m.push_back(m.empty() ? e : std::max(m.back(), e));
        v.push_back({h.start, e, uint32_t(i), h.object});
        holdDepth[h.lane].push_back(depth);
        if (h.object >= pr.byObject.size()) {
            pr.byObject.resize(size_t(h.object) + 1);
            pr.byObjectMaxEnd.resize(size_t(h.object) + 1);
        }
        auto& ob = pr.byObject[h.object];
        auto& om = pr.byObjectMaxEnd[h.object];
        ob.push_back({h.start, e, h.lane, uint32_t(v.size() - 1)});
        om.push_back(om.empty() ? e : std::max(om.back(), e));
        if (h.end < h.start) pr.openHolds.push_back({h.lane, uint32_t(v.size() - 1), uint32_t(ob.size() - 1)});
        recheckFrom = std::min(recheckFrom, h.start);
    }
    pr.holds = t.holds.size();

    // Contention: a hold is "with waiters" when another lane waited on the same object while
    // it was held. Each lane's waits are in time order, so a cursor per object (placed by one
    // binary search) replaces a search per wait. Rechecked: the waits that were open or are
    // new, and those that may overlap a new or grown hold. Live, a flag is only ever set: in
    // the rare case where a late event shortens an open wait or hold, the flag it set stays
    // until the run ends (finish() reorders flows, so the index is then built in full).
    std::vector<size_t> cursor(pr.byObject.size());
    for (size_t lane = 0; lane < nl && !pr.byObject.empty(); ++lane) {
        const auto& iv = t.lanes[lane].intervals;
        size_t from = lane < oldLanes && pr.intervals[lane] > 0 ? pr.intervals[lane] - 1 : 0;
        if (recheckFrom != INT64_MAX) from = std::min(from, t.firstIndex(LaneId(lane), recheckFrom));
        if (from >= iv.size()) continue;
        std::fill(cursor.begin(), cursor.end(), SIZE_MAX);
        for (size_t k = from; k < iv.size(); ++k) {
            const Interval& w = iv[k];
            if (w.object == 0 || w.object >= pr.byObject.size() || stateFamily(w.state) != StateFamily::Wait) continue;
            const auto& v = pr.byObject[w.object];
            const auto& me = pr.byObjectMaxEnd[w.object];
            const int64_t we = endOr(w.end, w.start, end);
            size_t& c = cursor[w.object];
            if (c == SIZE_MAX)
                c = size_t(std::partition_point(v.begin(), v.end(), [we](const Progress::ObjectHold& h) { return h.start < we; }) - v.begin());
            while (c < v.size() && v[c].start < we) ++c;
            // Back over the holds that may still be open at the wait's start (a Lock's never
            // overlap: one or two steps; a Semaphore's a handful; capped).
            int steps = 0;
            for (size_t j = c; j-- > 0 && steps < 16; ++steps) {
                if (me[j] <= w.start) break;
                if (v[j].end > w.start && v[j].lane != lane) holds[v[j].lane][v[j].pos].contended = true;
            }
        }
    }
    for (size_t lane = 0; lane < nl; ++lane) pr.intervals[lane] = t.lanes[lane].intervals.size();

    closeOpen(pr.openTasks, tasks, taskMaxEnd,
              [&](uint32_t i) { return std::pair(t.tasks[i].start, t.tasks[i].end); }, false);
    for (size_t i = pr.tasks; i < t.tasks.size(); ++i) {
        const TaskSpan& s = t.tasks[i];
        if (s.lane >= nl) continue;
        const int64_t e = endOr(s.end, s.start, end);
        auto& m = taskMaxEnd[s.lane];
        m.push_back(m.empty() ? e : std::max(m.back(), e));
        tasks[s.lane].push_back({s.start, e, uint32_t(i), s.future});
        if (s.end < s.start) pr.openTasks.push_back({s.lane, uint32_t(tasks[s.lane].size() - 1), 0});
    }
    pr.tasks = t.tasks.size();

    for (size_t i = pr.instants; i < t.instants.size(); ++i)
        if (t.instants[i].lane < nl && markerShown(t.instants[i])) instants[t.instants[i].lane].push_back(uint32_t(i));
    pr.instants = t.instants.size();

    // Flows are drawn once both ends are known; by (first end, index) like a stable sort.
    auto complete = [&](const Flow& f) { return f.toT >= 0 && f.fromT >= 0 && f.fromLane < nl && f.toLane < nl; };
    std::vector<uint32_t> fresh, still;
    for (uint32_t i : pr.pendingFlows) (complete(t.flows[i]) ? fresh : still).push_back(i);
    for (size_t i = pr.flows; i < t.flows.size(); ++i) (complete(t.flows[i]) ? fresh : still).push_back(uint32_t(i));
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
    pr.lanes = nl;
}

int LaneLayout::rowAt(int y) const {
    auto it = std::upper_bound(rows.begin(), rows.end(), y, [](int v, const LaneRow& r) { return v < r.y; });
    if (it == rows.begin()) return -1;
    --it;
    return (y < it->y + it->height) ? int(it - rows.begin()) : -1;
}

TimelineRenderer::TimelineRenderer(const Trace* trace) : trace_(trace), font_(QGuiApplication::font()) {}

void TimelineRenderer::setTrace(const Trace* trace) {
    trace_ = trace;
    owner_.reset();
    invalidate();
}

void TimelineRenderer::shareTrace(std::shared_ptr<const Trace> trace) {
    owner_ = trace && trace.get() == trace_ ? std::move(trace) : nullptr;
}

void TimelineRenderer::setFont(const QFont& font) {
    font_ = font;
    ++fontSerial_;
    invalidate();
}

void TimelineRenderer::invalidate() {
    index_ = std::make_shared<TraceIndex>();
    layoutGeneration_ = ~0ull;
    geometry_.reset();
    headerWidth_ = -1;
}

const TraceIndex& TimelineRenderer::index() {
    if (trace_ && index_->generation != trace_->generation()) {
        if (index_.use_count() > 1)  // a background job reads it: update a copy
            index_ = std::make_shared<TraceIndex>(*index_);
        index_->update(*trace_);
        headerWidth_ = -1;
    }
    return *index_;
}

const LaneLayout& TimelineRenderer::layout(int laneHeight) {
    if (!trace_) {
        layout_ = std::make_shared<LaneLayout>();
        return *layout_;
    }
    const TraceIndex& idx = index();
    if (layoutGeneration_ == trace_->generation() && layoutLaneHeight_ == laneHeight) return *layout_;
    layoutGeneration_ = trace_->generation();
    layoutLaneHeight_ = laneHeight;
    const Metrics m = metricsFor(font_, laneHeight);
    LaneLayout l;
    l.rowOfLane.assign(trace_->lanes.size(), -1);
    // Processes in order of their first lane; lanes in id order within a process.
    std::vector<int> pids;
    for (const Lane& lane : trace_->lanes)
        if (std::find(pids.begin(), pids.end(), lane.info.pid) == pids.end()) pids.push_back(lane.info.pid);
    int y = 0;
    for (int pid : pids) {
        if (pids.size() > 1) {
            GroupRow g;
            g.pid = pid;
            g.y = y;
            g.height = m.fh + 8;
            g.label = pid == 1 ? QObject::tr("main process") : QObject::tr("process %1").arg(pid);
            l.groups.push_back(g);
            y += g.height;
        }
        for (size_t i = 0; i < trace_->lanes.size(); ++i) {
            if (trace_->lanes[i].info.pid != pid) continue;
            LaneRow r;
            r.lane = LaneId(i);
            r.y = y;
            r.hasTasks = i < idx.tasks.size() && !idx.tasks[i].empty();
            int cy = m.pad;
            if (r.hasTasks) {
                r.taskTop = cy;
                cy += m.taskStrip + 2;
            }
            r.barTop = cy;
            r.barHeight = m.bar;
            cy += m.bar + 2;
            r.holdTop = cy;
            r.holdHeight = m.hold;
            cy += m.hold + m.pad;
            r.height = cy;
            l.rowOfLane[i] = int(l.rows.size());
            l.rows.push_back(r);
            y += r.height;
        }
    }
    l.contentHeight = y;
    layout_ = std::make_shared<const LaneLayout>(std::move(l));
    return *layout_;
}

// ---------------------------------------------------------------------------------------------
// Geometry

std::shared_ptr<const Geometry> TimelineRenderer::geometry(TimeRange visible, int plotWidth, int laneHeight) {
    if (!trace_ || plotWidth <= 0 || visible.isEmpty()) return std::make_shared<Geometry>();
    const LaneLayout& l = layout(laneHeight);
    if (hasGeometry(visible, plotWidth, laneHeight)) return geometry_;
    geometry_ = buildGeometry(*trace_, *index_, l, font_, visible, plotWidth);
    geometryLaneHeight_ = laneHeight;
    return geometry_;
}

bool TimelineRenderer::hasAnyGeometry(int laneHeight) const {
    // Same generation: its rows are the layout's rows.
    return trace_ && geometry_ && geometry_->generation == trace_->generation() && geometryLaneHeight_ == laneHeight &&
           !geometry_->range.isEmpty() && geometry_->width > 0;
}

bool TimelineRenderer::hasGeometry(TimeRange visible, int plotWidth, int laneHeight) const {
    return hasAnyGeometry(laneHeight) && geometry_->range == visible && geometry_->width == plotWidth;
}

bool TimelineRenderer::showsPreview(TimeRange visible, int plotWidth, const RenderOptions& o) const {
    return o.previewGeometry && !hasGeometry(visible, plotWidth, o.laneHeight) && hasAnyGeometry(o.laneHeight);
}

std::optional<GeometryJob> TimelineRenderer::geometryJob(TimeRange visible, int plotWidth, int laneHeight) {
    if (!owner_ || plotWidth <= 0 || visible.isEmpty()) return std::nullopt;
    layout(laneHeight);  // brings the index and layout up to the trace's generation
    QFont own;  // not sharing font_'s private: each thread would evict the other's font engine
    own.fromString(font_.toString());
    return GeometryJob{owner_, index_, layout_, own, fontSerial_, visible, plotWidth, laneHeight};
}

bool TimelineRenderer::adoptGeometry(const GeometryJob& job, std::shared_ptr<const Geometry> g) {
    if (!g || job.trace != owner_ || g->generation != trace_->generation() || job.fontSerial != fontSerial_)
        return false;
    geometry_ = std::move(g);
    geometryLaneHeight_ = job.laneHeight;
    return true;
}

std::shared_ptr<Geometry> GeometryJob::run() const {
    return TimelineRenderer::buildGeometry(*trace, *index, *layout, font, visible, width);
}

std::shared_ptr<Geometry> TimelineRenderer::buildGeometry(const Trace& t, const TraceIndex& idx,
                                                          const LaneLayout& l, const QFont& font,
                                                          TimeRange vis, int width) {
    auto g = std::make_shared<Geometry>();
    g->generation = t.generation();
    g->range = vis;
    g->width = width;
    if (vis.isEmpty() || width <= 0) return g;
    const double k = double(width) / double(vis.span());  // px per ns, once per frame
    g->pxPerNs = k;
    const int64_t t0 = vis.start, t1 = vis.end;
    const QFontMetricsF fm(font);
    auto xOf = [&](int64_t tt) { return double(std::clamp(tt, t0, t1) - t0) * k; };
    g->segments.resize(l.rows.size());
    g->holds.resize(l.rows.size());
    std::unordered_map<ObjectId, size_t> holdGroup;
    // Fold priorities as a table (the palette's order), and the fold width in ns.
    std::array<int8_t, size_t(State::Count)> prio_{};
    for (size_t s = 0; s < prio_.size(); ++s) prio_[s] = int8_t(statePriority(State(s)));
    const int64_t foldNs = std::max<int64_t>(1, int64_t(std::ceil(kFoldPx / k)));
    std::unordered_map<ObjectId, double> nameWidth;  // text widths of object names, once per build

    for (size_t ri = 0; ri < l.rows.size(); ++ri) {
        const LaneRow& row = l.rows[ri];
        if (row.lane >= t.lanes.size()) continue;
        const auto& ivs = t.lanes[row.lane].intervals;
        const double y = row.y + row.barTop, h = row.barHeight;
        auto& segs = g->segments[ri];
        // Visible span by binary search: intervals are sorted and do not overlap.
        const auto firstIt = std::partition_point(ivs.begin(), ivs.end(),
            [&](const Interval& iv) { return endOr(iv.end, iv.start, idx.end) <= t0; });
        const auto lastIt = std::partition_point(firstIt, ivs.end(),
            [&](const Interval& iv) { return iv.start < t1; });
        const size_t first = size_t(firstIt - ivs.begin()), last = size_t(lastIt - ivs.begin());
        g->intervalsVisited += last - first;

        Geometry::Segment fold;
        bool pending = false;
        int bestPrio = -1;
        std::array<int64_t, size_t(State::Count)> share{};  // a fold's time per state
        // The fold test runs in integer nanoseconds (no float per interval): an interval is
        // "narrow" when it is shorter than foldNs, i.e. kFoldPx pixels.
        int64_t foldStart = 0, foldEnd = 0;
        const int iy = int(y), ih = int(h);
        const int sh = std::max(3, int(std::lround(h * 0.4)));
        auto push = [&](const Geometry::Segment& s) {
            const int px0 = int(std::lround(s.x0));
            const int w = std::max(1, int(std::lround(s.x1)) - px0);
            if (s.count > 1 && s.dominant != s.state) {
                g->rects[size_t(s.dominant)].emplace_back(px0, iy, w, ih);
                g->stripes[size_t(s.state)].emplace_back(px0, iy + ih - sh, w, sh);
            } else {
                g->rects[size_t(s.state)].emplace_back(px0, iy, w, ih);
            }
            segs.push_back(s);
        };
        auto finishFold = [&]() {
            fold.x0 = float(double(foldStart - t0) * k);
            fold.x1 = float(double(foldEnd - t0) * k);
            size_t best = 0;
            for (size_t q = 1; q < share.size(); ++q)
                if (share[q] > share[best]) best = q;
            fold.dominant = State(best);
            share.fill(0);
            push(fold);
            pending = false;
        };
        for (size_t i = first; i < last; ++i) {
            const Interval& iv = ivs[i];
            const int64_t cs = std::max(iv.start, t0);
            const int64_t ce = std::min(iv.end < iv.start ? idx.end : iv.end, t1);
            if (ce - cs >= foldNs) {
                const float x0 = float(double(cs - t0) * k), x1 = float(double(ce - t0) * k);
                if (pending) finishFold();
                Geometry::Segment s{x0, x1, uint32_t(i), 1, iv.state, iv.object, iv.state};
                push(s);
                // The waited object's name inside a wait segment, when it fits.
                if (stateFamily(iv.state) == StateFamily::Wait && x1 - x0 > 24) {
                    QString text;
                    double tw = 0;
                    if (iv.state == State::WaitJoin && iv.joinedLane >= 0) {
                        text = laneName(t, LaneId(iv.joinedLane));
                        tw = fm.horizontalAdvance(text);
                    } else if (iv.object) {
                        auto it = nameWidth.find(iv.object);
                        text = objName(t, iv.object);
                        if (it == nameWidth.end()) it = nameWidth.emplace(iv.object, fm.horizontalAdvance(text)).first;
                        tw = it->second;
                    }
                    // "join Worker-1", "get results": the verb when it fits, the name alone otherwise.
                    const char* verb = iv.state == State::WaitJoin ? "join " : iv.state == State::WaitQueueGet ? "get "
                                     : iv.state == State::WaitQueuePut ? "put " : nullptr;
                    if (!text.isEmpty() && verb) {
                        const QString longer = QLatin1String(verb) + text;
                        const double lw = fm.horizontalAdvance(longer);
                        if (lw + 10 <= x1 - x0) { text = longer; tw = lw; }
                    }
                    if (!text.isEmpty() && tw + 10 <= x1 - x0)
                        g->labels.push_back({QRectF(x0, y, x1 - x0, h), text, iv.state});
                }
                continue;
            }
            const int prio = prio_[size_t(iv.state)];
            share[size_t(iv.state)] += ce - cs;
            if (!pending) {
                fold.first = uint32_t(i);
                fold.count = 1;
                fold.state = iv.state;
                fold.object = iv.object;
                foldStart = cs;
                bestPrio = prio;
                pending = true;
            } else {
                ++fold.count;
                if (prio > bestPrio) { bestPrio = prio; fold.state = iv.state; fold.object = iv.object; }
            }
            foldEnd = ce;
            if (foldEnd - foldStart >= foldNs) finishFold();
        }
        if (pending) finishFold();
        g->drawnSegments += segs.size();

        // Hold bands along the bottom of the lane, one colour per lock; nested holds below.
        if (row.lane < idx.holds.size()) {
            const auto& hv = idx.holds[row.lane];
            const auto& hm = idx.holdMaxEnd[row.lane];
            size_t j = size_t(std::partition_point(hm.begin(), hm.end(), [&](int64_t e) { return e <= t0; }) - hm.begin());
            Geometry::HoldBar* lastBar[2] = {nullptr, nullptr};
            auto& bars = g->holds[ri];
            bars.reserve(bars.size() + 16);
            for (; j < hv.size(); ++j) {
                const TraceIndex::SpanRef& ho = hv[j];
                if (ho.start >= t1) break;
                const int64_t e = ho.end;
                if (e <= t0) continue;
                const int d = std::min<int>(idx.holdDepth[row.lane][j], 1);
                const double x0 = xOf(ho.start), x1 = xOf(e);
                // Depth 0 fills the band (contended) or its lower half; a nested hold takes the
                // upper half so both locks stay visible.
                const double half = std::floor(row.holdHeight / 2.0);
                const double hy = row.y + row.holdTop + (d ? 0.0 : (ho.contended ? 0.0 : row.holdHeight - half));
                const double hh = d ? half : (ho.contended ? row.holdHeight : half);
                Geometry::HoldBar* lb = lastBar[d];
                if (x1 - x0 < kFoldPx && lb && lb->rect.right() >= x0 - 1.0 && lb->rect.width() < kFoldPx) {
                    lb->rect.setRight(std::max(lb->rect.right(), std::max(x1, x0 + 1.0)));
                    ++lb->count;
                    if (ho.contended && !lb->contended && d == 0) {
                        // Fold priority: holding with waiters beats holding.
                        lb->contended = true;
                        lb->rect.setTop(row.y + row.holdTop);
                        lb->rect.setHeight(row.holdHeight);
                    }
                    continue;
                }
                if (bars.size() == bars.capacity()) {
                    // Keep lastBar pointers valid across reallocation.
                    const ptrdiff_t a = lastBar[0] ? lastBar[0] - bars.data() : -1;
                    const ptrdiff_t b = lastBar[1] ? lastBar[1] - bars.data() : -1;
                    bars.reserve(bars.capacity() * 2);
                    lastBar[0] = a >= 0 ? bars.data() + a : nullptr;
                    lastBar[1] = b >= 0 ? bars.data() + b : nullptr;
                }
                bars.push_back({QRectF(x0, hy, std::max(x1 - x0, 1.0), hh), ho.index, 1, ho.object, row.lane, ho.contended});
                lastBar[d] = &bars.back();
            }
            for (const auto& b : bars) {
                auto it = holdGroup.find(b.object);
                if (it == holdGroup.end()) {
                    it = holdGroup.emplace(b.object, g->holdRects.size()).first;
                    g->holdRects.push_back({b.object, {}});
                }
                const int bx = int(std::lround(b.rect.left()));
                g->holdRects[it->second].second.emplace_back(bx, int(b.rect.top()),
                    std::max(1, int(std::lround(b.rect.right())) - bx), int(b.rect.height()));
            }
        }

        // Task boxes in the strip above the bar.
        if (row.hasTasks) {
            const auto& tv = idx.tasks[row.lane];
            const auto& tm = idx.taskMaxEnd[row.lane];
            size_t j = size_t(std::partition_point(tm.begin(), tm.end(), [&](int64_t e) { return e <= t0; }) - tm.begin());
            const QFontMetrics fmi(font);
            const double ty = row.y + row.taskTop, th = fmi.height() + 4;
            for (; j < tv.size(); ++j) {
                const TraceIndex::SpanRef& s = tv[j];
                if (s.start >= t1) break;
                const int64_t e = s.end;
                if (e <= t0) continue;
                const double x0 = xOf(s.start), x1 = xOf(e);
                if (!g->tasks.empty() && g->tasks.back().lane == row.lane && x1 - x0 < kFoldPx &&
                    g->tasks.back().rect.right() >= x0 - 1.0)
                    continue;  // sub-pixel tasks: the previous box already covers this pixel
                g->tasks.push_back({QRectF(x0, ty, std::max(x1 - x0, 1.0), th), s.index, row.lane, t.tasks[s.index].task});
            }
        }

        // Instant markers at the top edge of the bar; markers closer than 4 px fold.
        if (row.lane < idx.instants.size()) {
            const auto& iv = idx.instants[row.lane];
            size_t j = size_t(std::partition_point(iv.begin(), iv.end(), [&](uint32_t n) { return t.instants[n].t < t0; }) - iv.begin());
            const size_t base = g->markers.size();
            for (; j < iv.size(); ++j) {
                const Instant& in = t.instants[iv[j]];
                if (in.t >= t1) break;
                const double x = xOf(in.t);
                if (g->markers.size() > base && x - g->markers.back().at.x() < 4.0) {
                    auto& mk = g->markers.back();
                    ++mk.count;
                    // The most alarming type wins the fold's colour.
                    if (in.type == Ev::Exception || in.type == Ev::Deadlock) mk.type = in.type;
                    continue;
                }
                g->markers.push_back({QPointF(x, y), iv[j], 1, row.lane, in.type});
            }
        }
    }

    // Flow arrows between lane centres; one per (from row, to row, 3 px column) so a dense
    // zoomed-out view does not turn into a hairball.
    {
        size_t j = size_t(std::partition_point(idx.flowMaxEnd.begin(), idx.flowMaxEnd.end(),
                                               [&](int64_t e) { return e < t0; }) - idx.flowMaxEnd.begin());
        std::unordered_set<uint64_t> seen;
        // At most one arrow per pixel column overall: more is a hairball (zoom in to see each).
        const size_t cap = size_t(std::max(200, width));
        for (; j < idx.flows.size() && g->arrows.size() < cap; ++j) {
            const Flow& f = t.flows[idx.flows[j]];
            if (std::min(f.fromT, f.toT) >= t1) break;
            const int fr = l.rowOfLane[f.fromLane], tr = l.rowOfLane[f.toLane];
            if (fr < 0 || tr < 0) continue;
            const double x0 = double(f.fromT - t0) * k, x1 = double(f.toT - t0) * k;
            const uint64_t key = (uint64_t(fr) << 48) ^ (uint64_t(tr) << 32) ^ uint64_t(int64_t(std::floor(x0 / 3.0)) & 0xffffffff);
            if (!seen.insert(key).second) continue;
            const LaneRow& a = l.rows[size_t(fr)];
            const LaneRow& b = l.rows[size_t(tr)];
            g->arrows.push_back({QPointF(x0, a.y + a.barTop + a.barHeight / 2.0),
                                 QPointF(x1, b.y + b.barTop + b.barHeight / 2.0), idx.flows[j], f.kind});
        }
    }
    return g;
}

// ---------------------------------------------------------------------------------------------
// Frame, headers, ruler, legend

int TimelineRenderer::headerWidth() {
    if (headerWidth_ >= 0 && trace_ && index_->generation == trace_->generation()) return headerWidth_;
    index();
    const QFontMetrics fm(font_);
    int w = fm.horizontalAdvance(QStringLiteral("MainThread"));
    if (trace_)
        for (size_t i = 0; i < trace_->lanes.size(); ++i)
            w = std::max(w, fm.horizontalAdvance(laneName(*trace_, LaneId(i))));
    headerWidth_ = std::clamp(w + 28, 100, 300);
    return headerWidth_;
}

int TimelineRenderer::rulerHeight() const { return QFontMetrics(font_).height() + 14; }

namespace {
struct LegendEntry { QColor color; QString text; int kind; };  // kind 0 swatch, 1 band, 2 arrow, 3 marker
}

static std::vector<LegendEntry> legendEntries(const Trace* t, bool dark) {
    std::vector<LegendEntry> e;
    bool present[size_t(StateFamily::Count)] = {};
    present[size_t(StateFamily::Run)] = present[size_t(StateFamily::Wait)] = true;
    if (t)
        for (const Lane& l : t->lanes) {
            // Sampling is enough to find the families of a lane; a full scan of 1e6 is not needed.
            const size_t stride = std::max<size_t>(1, l.intervals.size() / 4096);
            for (size_t i = 0; i < l.intervals.size(); i += stride) present[size_t(stateFamily(l.intervals[i].state))] = true;
        }
    for (size_t f = 0; f < size_t(StateFamily::Count); ++f)
        if (present[f] || !t) e.push_back({familyColor(StateFamily(f), dark), familyLabel(StateFamily(f)), 0});
    if (!t) return e;
    std::vector<ObjectId> held;
    for (const Hold& h : t->holds)
        if (std::find(held.begin(), held.end(), h.object) == held.end()) {
            held.push_back(h.object);
            if (held.size() >= 8) break;
        }
    for (ObjectId o : held) e.push_back({objectColor(o, dark), QObject::tr("holds %1").arg(objName(*t, o)), 1});
    if (!held.empty()) e.push_back({theme(dark).textMuted, QObject::tr("thick band: others waited"), 5});
    bool kinds[size_t(FlowKind::Count)] = {};
    for (const Flow& f : t->flows) kinds[size_t(f.kind)] = true;
    static const char* flowText[] = {"handoff", "wake", "item", "done"};
    for (size_t k = 0; k < size_t(FlowKind::Count); ++k)
        if (kinds[k]) e.push_back({flowColor(FlowKind(k), dark), QObject::tr(flowText[k]), 2});
    if (!t->tasks.empty()) e.push_back({theme(dark).taskEdge, QObject::tr("task"), 4});
    if (!t->instants.empty()) e.push_back({theme(dark).marker, QObject::tr("event"), 3});
    return e;
}

int TimelineRenderer::legendHeight(int width, bool dark) const {
    const QFontMetrics fm(font_);
    const auto entries = legendEntries(trace_, dark);
    int x = 12, rows = 1;
    for (const auto& e : entries) {
        const int w = 22 + fm.horizontalAdvance(e.text) + 18;
        if (x + w > width - 12 && x > 12) { ++rows; x = 12; }
        x += w;
    }
    return rows * (fm.height() + 8) + 12;
}

void TimelineRenderer::paintLegend(QPainter& p, const QRect& rect, bool dark) const {
    const Theme& th = theme(dark);
    const QFontMetrics fm(font_);
    p.save();
    p.setFont(font_);
    p.fillRect(rect, th.headerBackground);
    p.setPen(th.grid);
    p.drawLine(rect.topLeft(), rect.topRight());
    const int rowH = fm.height() + 8;
    int x = rect.left() + 12, y = rect.top() + 6;
    for (const auto& e : legendEntries(trace_, dark)) {
        const int w = 22 + fm.horizontalAdvance(e.text) + 18;
        if (x + w > rect.right() - 12 && x > rect.left() + 12) { x = rect.left() + 12; y += rowH; }
        const QRect sw(x, y + (rowH - 14) / 2, 16, 14);
        p.setRenderHint(QPainter::Antialiasing, e.kind >= 2);
        switch (e.kind) {
        case 0: p.fillRect(sw, e.color); break;
        case 1: p.fillRect(QRect(sw.left(), sw.bottom() - 5, sw.width(), 6), e.color); break;
        case 2: {
            p.setPen(QPen(e.color, 1.5));
            const QPointF a(sw.left(), sw.center().y()), b(sw.right(), sw.center().y());
            p.drawLine(a, b);
            QPolygonF head; head << b << b + QPointF(-5, -3.5) << b + QPointF(-5, 3.5);
            p.setBrush(e.color); p.setPen(Qt::NoPen); p.drawPolygon(head);
            break;
        }
        case 3: {
            QPolygonF tri; tri << QPointF(sw.center().x() - 5, sw.top() + 2) << QPointF(sw.center().x() + 5, sw.top() + 2)
                               << QPointF(sw.center().x(), sw.top() + 11);
            p.setPen(Qt::NoPen); p.setBrush(e.color); p.drawPolygon(tri);
            break;
        }
        case 5:
            p.fillRect(QRect(sw.left(), sw.bottom() - 5, 7, 6), e.color);
            p.fillRect(QRect(sw.left() + 9, sw.bottom() - 2, 7, 3), e.color);
            break;
        default:
            p.setPen(QPen(e.color, 1)); p.setBrush(Qt::NoBrush);
            p.drawRect(sw.adjusted(0, 2, -1, -3));
        }
        p.setPen(th.text);
        p.drawText(QRect(x + 22, y, w - 22, rowH), Qt::AlignVCenter | Qt::AlignLeft, e.text);
        x += w;
    }
    p.restore();
}

TimelineRenderer::Frame TimelineRenderer::frame(const QRect& rect, const RenderOptions& o) {
    Frame f;
    const QFontMetrics fm(font_);
    int top = rect.top();
    if (!o.title.isEmpty()) {
        const int h = int(fm.height() * 1.8);
        f.title = QRect(rect.left(), top, rect.width(), h);
        top += h;
    }
    const int hw = o.headers ? headerWidth() : 0;
    if (o.ruler) {
        f.ruler = QRect(rect.left() + hw, top, rect.width() - hw, rulerHeight());
        top += rulerHeight();
    }
    int bottom = rect.bottom() + 1;
    if (o.legend) {
        const int lh = legendHeight(rect.width(), o.dark);
        f.legend = QRect(rect.left(), bottom - lh, rect.width(), lh);
        bottom -= lh;
    }
    // A right margin so the last tick label and lane-end annotations stay inside.
    const int rightPad = 8;
    f.headers = QRect(rect.left(), top, hw, std::max(0, bottom - top));
    f.plot = QRect(rect.left() + hw, top, std::max(1, rect.width() - hw - rightPad), std::max(0, bottom - top));
    if (o.ruler) f.ruler.setWidth(f.plot.width());
    return f;
}

int TimelineRenderer::naturalHeight(const RenderOptions& o) {
    const QFontMetrics fm(font_);
    int h = layout(o.laneHeight).contentHeight + 4;
    if (!o.title.isEmpty()) h += int(fm.height() * 1.8);
    if (o.ruler) h += rulerHeight();
    return h;  // the legend's height depends on the width; callers add it
}

void TimelineRenderer::paintRuler(QPainter& p, const QRect& r, TimeRange vis, const RenderOptions& o) const {
    const Theme& th = theme(o.dark);
    p.fillRect(QRect(r.left() - 10000, r.top(), r.width() + 20000, r.height()), th.rulerBackground);
    if (vis.isEmpty() || r.width() <= 0) return;
    const QFontMetrics fm(font_);
    const double nsPerPx = double(vis.span()) / r.width();
    // Ticks far enough apart for their labels.
    const int64_t step = niceStep(nsPerPx, fm.horizontalAdvance(QStringLiteral("000.000 ms")) + 16);
    p.setPen(th.grid);
    p.drawLine(r.bottomLeft(), r.bottomRight());
    const int64_t firstTick = (vis.start / step) * step + (vis.start % step ? step : 0);
    for (int64_t tt = firstTick; tt <= vis.end; tt += step) {
        const int x = r.left() + int(std::lround(double(tt - vis.start) / nsPerPx));
        p.setPen(th.textMuted);
        p.drawLine(x, r.bottom() - 5, x, r.bottom());
        const QString s = formatTick(tt, step);
        const int w = fm.horizontalAdvance(s);
        int lx = x - w / 2;
        lx = std::clamp(lx, r.left() + 2, r.right() - w - 2);
        p.setPen(th.text);
        p.drawText(QRect(lx, r.top() + 3, w + 2, fm.height()), Qt::AlignLeft | Qt::AlignVCenter, s);
    }
}

void TimelineRenderer::paintHeaders(QPainter& p, const QRect& r, const LaneLayout& l, const RenderOptions& o) {
    const Theme& th = theme(o.dark);
    const QFontMetrics fm(font_);
    p.save();
    p.setClipRect(r);
    p.fillRect(r, th.headerBackground);
    const int dy = r.top() - o.verticalOffset;
    QFont bold = font_;
    bold.setBold(true);
    for (const GroupRow& g : l.groups) {
        const QRect gr(r.left(), dy + g.y, r.width(), g.height);
        if (!gr.intersects(r)) continue;
        p.setFont(bold);
        p.setPen(th.text);
        p.drawText(gr.adjusted(8, 0, -4, 0), Qt::AlignVCenter | Qt::AlignLeft, fm.elidedText(g.label, Qt::ElideRight, gr.width() - 12));
    }
    p.setFont(font_);
    for (size_t i = 0; i < l.rows.size(); ++i) {
        const LaneRow& row = l.rows[i];
        const QRect rr(r.left(), dy + row.y, r.width(), row.height);
        if (!rr.intersects(r)) continue;
        const bool alarm = o.alarmLanes.contains(row.lane);
        const bool sel = o.selected.isValid() && o.selected.lane == row.lane;
        if (i % 2 == 1) p.fillRect(rr, th.laneAlt);
        QString name = trace_ ? laneName(*trace_, row.lane) : QString();
        const bool daemon = trace_ && row.lane < trace_->lanes.size() && trace_->lanes[row.lane].info.daemon;
        QFont f = font_;
        f.setBold(sel || alarm);
        p.setFont(f);
        p.setPen(alarm ? th.alarm : th.text);
        const int indent = l.groups.empty() ? 10 : 18;
        const QRect textRect(rr.left() + indent, rr.top() + row.barTop, rr.width() - indent - 8, row.barHeight);
        p.drawText(textRect, Qt::AlignVCenter | Qt::AlignLeft,
                   QFontMetrics(f).elidedText(name, Qt::ElideRight, textRect.width()));
        if (daemon) {
            p.setPen(th.textMuted);
            p.setFont(font_);
            if (row.hasTasks || row.holdHeight + row.barHeight > fm.height() * 2)
                p.drawText(QRect(textRect.left(), rr.top() + row.holdTop - 2, textRect.width(), fm.height()),
                           Qt::AlignLeft | Qt::AlignTop, QObject::tr("daemon"));
        }
    }
    p.setPen(th.grid);
    p.drawLine(r.topRight(), r.bottomRight());
    p.restore();
}

void TimelineRenderer::paintLanes(QPainter& p, const QRect& plot, const Geometry& g, const LaneLayout& l,
                                  const RenderOptions& o, TimeRange vis) {
    const Theme& th = theme(o.dark);
    p.save();
    p.setClipRect(plot);
    p.translate(plot.left(), plot.top() - o.verticalOffset);
    QRectF view(0, o.verticalOffset, plot.width(), plot.height());
    // Lane backgrounds (alternating), then the grid under everything.
    for (size_t i = 0; i < l.rows.size(); ++i) {
        const LaneRow& row = l.rows[i];
        if (row.y > view.bottom() || row.y + row.height < view.top()) continue;
        if (i % 2 == 1) p.fillRect(QRectF(0, row.y, plot.width(), row.height), th.laneAlt);
    }
    for (const GroupRow& gr : l.groups)
        p.fillRect(QRectF(0, gr.y, plot.width(), gr.height), th.headerBackground);
    if (!vis.isEmpty()) {  // the ruler's ticks, for the range shown (a preview's too)
        const QFontMetrics fm(font_);
        const double nsPerPx = double(vis.span()) / std::max(1, plot.width());
        const int64_t step = niceStep(nsPerPx, fm.horizontalAdvance(QStringLiteral("000.000 ms")) + 16);
        p.setPen(QPen(th.grid, 1));
        const int64_t firstTick = (vis.start / step) * step + (vis.start % step ? step : 0);
        for (int64_t tt = firstTick; tt <= vis.end; tt += step) {
            const double x = std::round(double(tt - vis.start) / nsPerPx) + 0.5;
            p.drawLine(QPointF(x, view.top()), QPointF(x, view.bottom()));
        }
    }
    // A preview: geometry built for another range (or width), stretched onto this one until
    // the right one arrives. Its text would be stretched too, so it is left out.
    const bool stretched = !g.range.isEmpty() && g.width > 0 && (g.range != vis || g.width != plot.width());
    if (stretched) {
        const double kNew = double(plot.width()) / double(vis.span());
        const double kOld = double(g.width) / double(g.range.span());
        p.translate(double(g.range.start - vis.start) * kNew, 0);
        p.scale(kNew / kOld, 1);
        view = p.transform().inverted().mapRect(QRectF(plot)).intersected(QRectF(-1e9, view.top(), 2e9, view.height()));
    }
    // Replay cached geometry: one brush per colour, antialiasing off.
    p.setRenderHint(QPainter::Antialiasing, false);
    p.setPen(Qt::NoPen);
    // Rectangles are appended row by row, so each colour's list is sorted by top: only the
    // slice of rows in view is handed to the painter (a scrolled 64-lane view paints ~25).
    auto drawVisible = [&](const std::vector<QRect>& v) {
        // Slack of a few rows: tops within one row differ (nested hold bands), which must not
        // break the partition at the visible edges.
        const int top = int(view.top()) - 256, bottom = int(view.bottom()) + 256;
        auto a = std::partition_point(v.begin(), v.end(), [&](const QRect& r) { return r.top() < top; });
        auto b = std::partition_point(a, v.end(), [&](const QRect& r) { return r.top() <= bottom; });
        if (b > a) p.drawRects(&*a, int(b - a));
    };
    for (const auto* layer : {&g.rects, &g.stripes})
        for (size_t s = 0; s < layer->size(); ++s) {
            if ((*layer)[s].empty()) continue;
            p.setBrush(stateColor(State(s), o.dark));
            drawVisible((*layer)[s]);
        }
    for (const auto& [obj, rects] : g.holdRects) {
        p.setBrush(objectColor(obj, o.dark));
        drawVisible(rects);
    }
    // Tasks: a framed box with its number.
    if (!g.tasks.empty()) {
        const QFontMetricsF fm(font_);
        QColor fill = th.taskEdge;
        fill.setAlpha(28);
        p.setFont(font_);
        for (const auto& tb : g.tasks) {
            if (tb.rect.bottom() < view.top() || tb.rect.top() > view.bottom()) continue;
            p.setPen(QPen(th.taskEdge, 1));
            p.setBrush(fill);
            p.drawRect(tb.rect.adjusted(0.5, 0.5, -0.5, -0.5));
            const QString s = QStringLiteral("#%1").arg(tb.task);
            if (!stretched && fm.horizontalAdvance(s) + 8 <= tb.rect.width()) {
                p.setPen(th.text);
                const QRectF vis = tb.rect.intersected(QRectF(view.left(), tb.rect.top(), view.width(), tb.rect.height()));
                p.drawText(vis.adjusted(4, 0, -2, 0), Qt::AlignVCenter | Qt::AlignLeft, s);
            }
        }
    }
    // Labels inside wait segments (clipped to the visible part so they stay on screen).
    p.setFont(font_);
    {
        const QFontMetricsF fm(font_);
        for (const auto& lb : g.labels) {
            if (stretched) break;
            if (lb.rect.bottom() < view.top() || lb.rect.top() > view.bottom()) continue;
            QRectF r = lb.rect.intersected(QRectF(0, lb.rect.top(), plot.width(), lb.rect.height()));
            if (fm.horizontalAdvance(lb.text) + 10 > r.width()) continue;
            p.setPen(textOn(stateColor(lb.state, o.dark)));
            p.drawText(r, Qt::AlignCenter, lb.text);
        }
    }
    // Flow arrows (antialiased: diagonal lines). The lines of a colour go in one call; heads
    // and markers are convex polygons (the cheap path); a dense zoomed-out view drops the
    // dots at the arrows' tails (thousands of arrows, ~1 us each).
    p.setRenderHint(QPainter::Antialiasing, true);
    {
        // Only what crosses the rows in view (a scrolled 64-lane view shows ~25 of them).
        auto offView = [&](const Geometry::Arrow& a) {
            return (a.from.y() < view.top() && a.to.y() < view.top()) || (a.from.y() > view.bottom() && a.to.y() > view.bottom());
        };
        std::array<QVector<QLineF>, size_t(FlowKind::Count)> lines;
        for (const auto& a : g.arrows)
            if (!offView(a)) lines[std::min(size_t(a.kind), lines.size() - 1)].push_back(QLineF(a.from, a.to));
        for (size_t kind = 0; kind < lines.size(); ++kind) {
            if (lines[kind].isEmpty()) continue;
            p.setPen(QPen(flowColor(FlowKind(kind), o.dark), 1.4));
            p.drawLines(lines[kind]);
        }
        const bool dots = g.arrows.size() <= 1000;
        p.setPen(Qt::NoPen);
        for (const auto& a : g.arrows) {
            if (offView(a)) continue;
            p.setBrush(flowColor(a.kind, o.dark));
            if (dots) p.drawEllipse(a.from, 2.2, 2.2);
            if (QLineF(a.to, a.from).length() < 6) continue;
            const double ang = std::atan2(a.from.y() - a.to.y(), a.from.x() - a.to.x());
            const QPointF head[3] = {a.to, a.to + QPointF(std::cos(ang + 0.45) * 7, std::sin(ang + 0.45) * 7),
                                     a.to + QPointF(std::cos(ang - 0.45) * 7, std::sin(ang - 0.45) * 7)};
            p.drawConvexPolygon(head, 3);
        }
    }
    // Markers: small downward triangles on the bar's top edge.
    p.setPen(QPen(th.background, 1));
    for (const auto& m : g.markers) {
        if (m.at.y() < view.top() - 12 || m.at.y() > view.bottom() + 12) continue;
        const double s = m.count > 1 ? 5.5 : 4.5;
        const QPointF tri[3] = {QPointF(m.at.x() - s, m.at.y() - 1), QPointF(m.at.x() + s, m.at.y() - 1),
                                QPointF(m.at.x(), m.at.y() + s * 1.4)};
        p.setBrush(markerColor(m.type, o.dark));
        p.drawConvexPolygon(tri, 3);
    }
    p.setRenderHint(QPainter::Antialiasing, false);

    // Highlighted object: its holds and waits outlined.
    auto outlineSegments = [&](auto pred, const QColor& c, double w) {
        p.setPen(QPen(c, w));
        p.setBrush(Qt::NoBrush);
        for (size_t ri = 0; ri < g.segments.size(); ++ri) {
            const LaneRow& row = l.rows[ri];
            for (const auto& s : g.segments[ri])
                if (pred(s, row))
                    p.drawRect(QRectF(s.x0, row.y + row.barTop, std::max<double>(s.x1 - s.x0, 1.0), row.barHeight).adjusted(0.5, 0.5, -0.5, -0.5));
        }
    };
    if (o.highlight) {
        outlineSegments([&](const Geometry::Segment& s, const LaneRow&) {
            return s.object == o.highlight && stateFamily(s.state) != StateFamily::Run; }, th.highlight, 2);
        p.setPen(QPen(th.highlight, 2));
        for (const auto& bars : g.holds)
            for (const auto& b : bars)
                if (b.object == o.highlight) p.drawRect(b.rect.adjusted(-1, -1, 1, 1));
    }
    // Deadlock: lanes and waits in the cycle get the alarm outline.
    if (!o.alarmLanes.isEmpty() || !o.alarmObjects.isEmpty()) {
        outlineSegments([&](const Geometry::Segment& s, const LaneRow& row) {
            return stateFamily(s.state) == StateFamily::Wait &&
                   (o.alarmObjects.contains(s.object) || (o.alarmObjects.isEmpty() && o.alarmLanes.contains(row.lane))); },
            th.alarm, 2);
        p.setPen(QPen(th.alarm, 2));
        p.setBrush(Qt::NoBrush);
        for (const LaneRow& row : l.rows)
            if (o.alarmLanes.contains(row.lane))
                p.drawRect(QRectF(1, row.y + 1, plot.width() - 2, row.height - 2));
        for (const auto& bars : g.holds)
            for (const auto& b : bars)
                if (o.alarmObjects.contains(b.object)) p.drawRect(b.rect.adjusted(-1, -1, 1, 1));
    }
    p.restore();
}

void TimelineRenderer::paint(QPainter& p, const QRect& rect, TimeRange vis, const RenderOptions& o) {
    const Theme& th = theme(o.dark);
    p.save();
    p.setFont(font_);
    p.fillRect(rect, th.background);
    const Frame f = frame(rect, o);
    if (!o.title.isEmpty()) {
        QFont tf = font_;
        tf.setBold(true);
        tf.setPointSizeF(font_.pointSizeF() > 0 ? font_.pointSizeF() * 1.25 : 12);
        p.setFont(tf);
        p.setPen(th.text);
        p.drawText(f.title.adjusted(12, 0, -12, 0), Qt::AlignVCenter | Qt::AlignLeft, o.title);
        p.setFont(font_);
    }
    if (trace_) {
        const LaneLayout& l = layout(o.laneHeight);
        const auto g = showsPreview(vis, f.plot.width(), o) ? geometry_ : geometry(vis, f.plot.width(), o.laneHeight);
        paintLanes(p, f.plot, *g, l, o, vis);
        // Live overlays: selection, hover, selected item, playhead, annotations.
        p.save();
        p.setClipRect(f.plot);
        const double k = vis.isEmpty() ? 0 : double(f.plot.width()) / double(vis.span());
        auto xAt = [&](int64_t tt) { return f.plot.left() + double(tt - vis.start) * k; };
        const int dy = f.plot.top() - o.verticalOffset;
        if (!o.selection.isEmpty()) {
            const double x0 = std::max<double>(xAt(o.selection.start), f.plot.left() - 1);
            const double x1 = std::min<double>(xAt(o.selection.end), f.plot.right() + 1);
            p.fillRect(QRectF(x0, f.plot.top(), std::max(1.0, x1 - x0), f.plot.height()), th.selection);
            p.setPen(QPen(th.selectionEdge, 1));
            p.drawLine(QPointF(x0, f.plot.top()), QPointF(x0, f.plot.bottom()));
            p.drawLine(QPointF(x1, f.plot.top()), QPointF(x1, f.plot.bottom()));
            const QString d = formatDuration(o.selection.span());
            const QFontMetrics fm(font_);
            const int w = fm.horizontalAdvance(d) + 12;
            QRectF box((x0 + x1) / 2 - w / 2.0, f.plot.top() + 4, w, fm.height() + 4);
            box.moveLeft(std::clamp(box.left(), double(f.plot.left()) + 2, double(f.plot.right()) - w - 2));
            p.fillRect(box, th.selectionEdge);
            p.setPen(Qt::white);
            p.drawText(box, Qt::AlignCenter, d);
        }
        auto outlineItem = [&](const TimelineItem& it, const QColor& c, double w) {
            if (it.kind == TimelineItem::Kind::Flow && it.index < trace_->flows.size()) {
                // An arrow: traced over in the outline colour, its ends ringed.
                const Flow& fl = trace_->flows[it.index];
                if (fl.fromLane >= l.rowOfLane.size() || fl.toLane >= l.rowOfLane.size()) return;
                const int fr = l.rowOfLane[fl.fromLane], tr = l.rowOfLane[fl.toLane];
                if (fr < 0 || tr < 0 || fl.toT < 0 || fl.fromT < 0) return;
                auto centre = [&](int ri) { const LaneRow& rw = l.rows[size_t(ri)]; return dy + rw.y + rw.barTop + rw.barHeight / 2.0; };
                const QPointF a(xAt(fl.fromT), centre(fr)), b(xAt(fl.toT), centre(tr));
                p.setRenderHint(QPainter::Antialiasing, true);
                p.setPen(QPen(c, w + 1));
                p.setBrush(Qt::NoBrush);
                p.drawLine(a, b);
                p.drawEllipse(a, 4.0, 4.0);
                p.drawEllipse(b, 4.0, 4.0);
                p.setRenderHint(QPainter::Antialiasing, false);
                return;
            }
            if (!it.isValid() || it.lane >= l.rowOfLane.size() || l.rowOfLane[it.lane] < 0) return;
            const LaneRow& row = l.rows[size_t(l.rowOfLane[it.lane])];
            const TimeRange r = itemRange(*trace_, it);
            double x0 = xAt(r.start), x1 = std::max(xAt(r.end), x0 + 1);
            QRectF box;
            switch (it.kind) {
            case TimelineItem::Kind::Hold: box = QRectF(x0, dy + row.y + row.holdTop, x1 - x0, row.holdHeight); break;
            case TimelineItem::Kind::Task: box = QRectF(x0, dy + row.y + row.taskTop, x1 - x0, QFontMetrics(font_).height() + 4); break;
            case TimelineItem::Kind::Instant: box = QRectF(x0 - 6, dy + row.y + row.barTop - 3, 12, 12); break;
            default: box = QRectF(x0, dy + row.y + row.barTop, x1 - x0, row.barHeight);
            }
            p.setPen(QPen(c, w));
            p.setBrush(Qt::NoBrush);
            p.drawRect(box.adjusted(-1, -1, 1, 1));
        };
        if (o.hover.isValid() && !(o.hover == o.selected)) outlineItem(o.hover, th.textMuted, 1);
        outlineItem(o.selected, th.text, 2);
        if (o.playhead >= 0 && o.playhead >= vis.start && o.playhead <= vis.end) {
            const double x = std::round(xAt(o.playhead)) + 0.5;
            p.setPen(QPen(th.playhead, 2));
            p.drawLine(QPointF(x, f.plot.top()), QPointF(x, f.plot.bottom()));
        }
        // Step mode: what each lane is about to do, at the lane's right end.
        if (!o.annotations.isEmpty()) {
            const QFontMetrics fm(font_);
            for (auto it = o.annotations.cbegin(); it != o.annotations.cend(); ++it) {
                if (it.key() >= l.rowOfLane.size() || l.rowOfLane[it.key()] < 0) continue;
                const LaneRow& row = l.rows[size_t(l.rowOfLane[it.key()])];
                const int w = std::min(fm.horizontalAdvance(it.value()) + 20, f.plot.width() - 4);
                const QRect box(f.plot.right() - w - 2, dy + row.y + row.barTop + (row.barHeight - fm.height() - 4) / 2, w, fm.height() + 4);
                QColor bg = th.background;
                bg.setAlpha(235);
                p.setRenderHint(QPainter::Antialiasing, true);
                p.setPen(QPen(th.selectionEdge, 1));
                p.setBrush(bg);
                p.drawRoundedRect(QRectF(box).adjusted(0.5, 0.5, -0.5, -0.5), 4, 4);
                p.setRenderHint(QPainter::Antialiasing, false);
                p.setPen(th.text);
                p.drawText(box.adjusted(8, 0, -8, 0), Qt::AlignVCenter | Qt::AlignLeft, fm.elidedText(it.value(), Qt::ElideRight, w - 16));
            }
        }
        p.restore();
        if (o.headers) paintHeaders(p, f.headers, l, o);
    }
    if (o.ruler) {
        if (o.headers) p.fillRect(QRect(rect.left(), f.ruler.top(), f.headers.width(), f.ruler.height()), th.rulerBackground);
        paintRuler(p, f.ruler, vis, o);
        if (o.headers) {
            p.setPen(th.grid);
            p.drawLine(QPoint(rect.left(), f.ruler.bottom()), QPoint(rect.right(), f.ruler.bottom()));
            p.fillRect(QRect(f.plot.right() + 1, f.ruler.top(), rect.right() - f.plot.right(), f.ruler.height()), th.rulerBackground);
        }
    }
    if (o.legend) paintLegend(p, f.legend, o.dark);
    p.restore();
}

TimelineItem TimelineRenderer::hitTest(const QRect& rect, TimeRange vis, const RenderOptions& o, QPoint pos) {
    TimelineItem none;
    if (!trace_) return none;
    const Frame f = frame(rect, o);
    if (!f.plot.contains(pos)) return none;
    const LaneLayout& l = layout(o.laneHeight);
    if (o.previewGeometry && !hasGeometry(vis, f.plot.width(), o.laneHeight)) return none;
    const auto g = geometry(vis, f.plot.width(), o.laneHeight);
    const int cy = pos.y() - f.plot.top() + o.verticalOffset;
    const double x = pos.x() - f.plot.left();
    // Flow arrows first: they cross other lanes and the gaps between rows, and are thin.
    {
        const QPointF at(x, cy);
        const Geometry::Arrow* best = nullptr;
        double bestD = 2.5;
        for (const auto& a : g->arrows) {
            const QPointF d = a.to - a.from;
            const double len2 = QPointF::dotProduct(d, d);
            const double u = len2 > 0 ? std::clamp(QPointF::dotProduct(at - a.from, d) / len2, 0.0, 1.0) : 0.0;
            const QPointF q = a.from + u * d - at;
            const double dist = std::sqrt(QPointF::dotProduct(q, q));
            if (dist < bestD) { bestD = dist; best = &a; }
        }
        if (best && best->index < trace_->flows.size())
            return {TimelineItem::Kind::Flow, trace_->flows[best->index].fromLane, best->index, 1};
    }
    const int ri = l.rowAt(cy);
    if (ri < 0) return none;
    const LaneRow& row = l.rows[size_t(ri)];
    const int ry = cy - row.y;
    constexpr double tol = 3.0;
    auto nearest = [&](auto& items, auto rectOf) -> const std::remove_reference_t<decltype(items[0])>* {
        const std::remove_reference_t<decltype(items[0])>* best = nullptr;
        double bestD = tol + 1;
        for (const auto& it : items) {
            const QRectF r = rectOf(it);
            const double d = x < r.left() ? r.left() - x : x > r.right() ? x - r.right() : 0.0;
            if (d < bestD) { bestD = d; best = &it; }
        }
        return best;
    };
    if (row.hasTasks && ry < row.barTop - 1) {
        std::vector<Geometry::TaskBox> mine;
        for (const auto& tb : g->tasks)
            if (tb.lane == row.lane) mine.push_back(tb);
        if (auto* b = nearest(mine, [](const Geometry::TaskBox& tb) { return tb.rect; }))
            return {TimelineItem::Kind::Task, row.lane, b->index, 1};
        return none;
    }
    if (ry >= row.holdTop - 1) {
        if (auto* b = nearest(g->holds[size_t(ri)], [](const Geometry::HoldBar& hb) { return hb.rect; }))
            return {TimelineItem::Kind::Hold, row.lane, b->first, b->count};
        return none;
    }
    // Markers sit on the bar's top edge: they win within a few pixels of it.
    if (ry < row.barTop + 9) {
        const Geometry::Marker* best = nullptr;
        double bestD = 5.0;
        for (const auto& m : g->markers)
            if (m.lane == row.lane && std::abs(m.at.x() - x) < bestD) { bestD = std::abs(m.at.x() - x); best = &m; }
        if (best) return {TimelineItem::Kind::Instant, row.lane, best->first, best->count};
    }
    const auto& segs = g->segments[size_t(ri)];
    // Binary search outward from the cursor.
    auto it = std::partition_point(segs.begin(), segs.end(), [&](const Geometry::Segment& s) { return s.x1 < x - tol; });
    const Geometry::Segment* best = nullptr;
    double bestD = tol + 1;
    for (; it != segs.end() && it->x0 <= x + tol; ++it) {
        const double d = x < it->x0 ? it->x0 - x : x > std::max<double>(it->x1, it->x0 + 1) ? x - it->x1 : 0.0;
        if (d < bestD) { bestD = d; best = &*it; }
    }
    if (!best) return none;
    // A fold shows its most important interval; hit-testing reports the whole fold.
    return {TimelineItem::Kind::Interval, row.lane, best->first, best->count};
}

int TimelineRenderer::laneAt(const QRect& rect, const RenderOptions& o, QPoint pos) {
    if (!trace_) return -1;
    const Frame f = frame(rect, o);
    if (pos.y() < f.plot.top() || pos.y() > f.plot.bottom()) return -1;
    const LaneLayout& l = layout(o.laneHeight);
    const int ri = l.rowAt(pos.y() - f.plot.top() + o.verticalOffset);
    return ri < 0 ? -1 : int(l.rows[size_t(ri)].lane);
}

} // namespace tl::view
