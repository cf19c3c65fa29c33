// SPDX-License-Identifier: MIT
#include "checks.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <map>
#include <utility>

namespace tl::checks {

std::string ms(int64_t ns)
{
    char buf[48];
    std::snprintf(buf, sizeof buf, "%.3f ms", double(ns) / 1e6);
    return buf;
}

bool expect(std::vector<std::string>& out, bool ok, const std::string& message)
{
    if (!ok)
        out.push_back(message);
    return ok;
}

// ---- spans ----

bool overlaps(const Span& a, const Span& b) { return a.start < b.end && b.start < a.end; }

bool pairwiseDisjoint(std::vector<Span> spans)
{
    std::sort(spans.begin(), spans.end(), [](const Span& x, const Span& y) { return x.start < y.start; });
    int64_t reach = INT64_MIN;
    for (const Span& s : spans) {
        if (s.end <= s.start)
            continue;  // empty spans overlap nothing
        if (s.start < reach)
            return false;
        reach = std::max(reach, s.end);
    }
    return true;
}

int maxConcurrent(const std::vector<Span>& spans)
{
    std::vector<std::pair<int64_t, int>> edges;
    edges.reserve(spans.size() * 2);
    for (const Span& s : spans) {
        if (s.end <= s.start)
            continue;
        edges.push_back({s.start, +1});
        edges.push_back({s.end, -1});
    }
    // Ends (-1) sort before starts (+1) at equal times: back-to-back is not concurrent.
    std::sort(edges.begin(), edges.end());
    int n = 0, best = 0;
    for (const auto& e : edges) {
        n += e.second;
        best = std::max(best, n);
    }
    return best;
}

int64_t timeAbove(const std::vector<Span>& spans, int above)
{
    std::vector<std::pair<int64_t, int>> edges;
    for (const Span& s : spans) {
        if (s.end <= s.start)
            continue;
        edges.push_back({s.start, +1});
        edges.push_back({s.end, -1});
    }
    std::sort(edges.begin(), edges.end());
    int n = 0;
    int64_t total = 0, prev = 0;
    for (const auto& e : edges) {
        if (n > above)
            total += e.first - prev;
        n += e.second;
        prev = e.first;
    }
    return total;
}

int countAt(const std::vector<Span>& spans, int64_t t)
{
    return int(std::count_if(spans.begin(), spans.end(), [t](const Span& s) { return s.start <= t && t < s.end; }));
}

int64_t unionLength(std::vector<Span> spans)
{
    std::sort(spans.begin(), spans.end(), [](const Span& x, const Span& y) { return x.start < y.start; });
    int64_t total = 0, curStart = 0, curEnd = INT64_MIN;
    for (const Span& s : spans) {
        if (s.end <= s.start)
            continue;
        if (s.start > curEnd) {
            if (curEnd != INT64_MIN)
                total += curEnd - curStart;
            curStart = s.start;
            curEnd = s.end;
        } else {
            curEnd = std::max(curEnd, s.end);
        }
    }
    if (curEnd != INT64_MIN)
        total += curEnd - curStart;
    return total;
}

Span hull(const std::vector<Span>& spans)
{
    if (spans.empty())
        return {};
    Span h = spans.front();
    for (const Span& s : spans) {
        h.start = std::min(h.start, s.start);
        h.end = std::max(h.end, s.end);
    }
    return h;
}

// ---- lanes ----

Span lifetime(const Trace& t, LaneId lane)
{
    if (lane >= t.lanes.size())
        return {};
    const Lane& l = t.lanes[lane];
    return {l.start, l.end < 0 ? std::max(t.duration(), l.start) : l.end};
}

bool aliveAt(const Trace& t, LaneId lane, int64_t at)
{
    if (lane >= t.lanes.size())
        return false;
    const Lane& l = t.lanes[lane];
    return l.start <= at && (l.end < 0 || l.end > at);
}

std::vector<LaneId> aliveLanesAt(const Trace& t, int64_t at)
{
    std::vector<LaneId> out;
    for (size_t i = 0; i < t.lanes.size(); ++i)
        if (aliveAt(t, LaneId(i), at))
            out.push_back(LaneId(i));
    return out;
}

std::optional<LaneId> laneNamed(const Trace& t, std::string_view name)
{
    for (size_t i = 0; i < t.lanes.size(); ++i)
        if (t.lanes[i].info.name == name)
            return LaneId(i);
    return std::nullopt;
}

std::vector<LaneId> lanesNamedPrefix(const Trace& t, std::string_view prefix)
{
    std::vector<LaneId> out;
    for (size_t i = 0; i < t.lanes.size(); ++i)
        if (std::string_view(t.lanes[i].info.name).substr(0, prefix.size()) == prefix)
            out.push_back(LaneId(i));
    return out;
}

int laneIndex(const Trace& t, std::string_view name)
{
    const auto l = laneNamed(t, name);
    return l ? int(*l) : -1;
}

std::string laneName(const Trace& t, int lane)
{
    return lane >= 0 && size_t(lane) < t.lanes.size() ? t.lanes[size_t(lane)].info.name : "?";
}

std::vector<LaneId> otherLanes(const Trace& t)
{
    std::vector<LaneId> out;
    for (size_t i = 1; i < t.lanes.size(); ++i)
        out.push_back(LaneId(i));
    return out;
}

std::vector<LaneId> childrenOf(const Trace& t, LaneId parent)
{
    std::vector<LaneId> out;
    for (size_t i = 1; i < t.lanes.size(); ++i)
        if (t.lanes[i].info.parent == parent)
            out.push_back(LaneId(i));
    return out;
}

std::vector<Span> lifetimes(const Trace& t, const std::vector<LaneId>& lanes)
{
    std::vector<Span> out;
    out.reserve(lanes.size());
    for (LaneId l : lanes)
        out.push_back(lifetime(t, l));
    return out;
}

// ---- intervals ----

std::vector<Interval> intervalsWhere(const Trace& t, LaneId lane, const std::function<bool(const Interval&)>& pred)
{
    std::vector<Interval> out;
    if (lane >= t.lanes.size())
        return out;
    for (const Interval& iv : t.lanes[lane].intervals)
        if (pred(iv))
            out.push_back(iv);
    return out;
}

Span actionWindow(const Trace& t, LaneId lane, int64_t at)
{
    if (lane >= t.lanes.size())
        return {at, at};
    Span w{INT64_MAX, INT64_MIN};
    for (const Interval& iv : t.lanes[lane].intervals)
        if (iv.start <= at && at <= iv.end) {
            w.start = std::min(w.start, iv.start);
            w.end = std::max(w.end, iv.end);
        }
    if (w.start > w.end)  // outside every interval: the lane's life bounds it
        return lifetime(t, lane);
    return w;
}

std::vector<LaneInterval> laneIntervals(const Trace& t, State state, ObjectId object, int lane)
{
    std::vector<LaneInterval> out;
    for (const auto& l : t.lanes) {
        if (lane >= 0 && l.info.id != lane)
            continue;
        for (const auto& iv : l.intervals)
            if (iv.state == state && (!object || iv.object == object))
                out.push_back({l.info.id, &iv});
    }
    return out;
}

bool outcomeUnknown(const Trace& t, int lane, const Interval* iv)
{
    if (iv->outcome != Outcome::None)
        return false;
    const auto& ivs = t.lanes[size_t(lane)].intervals;
    const size_t i = size_t(iv - ivs.data());
    return i + 1 < ivs.size() && ivs[i + 1].state == State::WaitGil;
}

std::vector<Interval> intervalsIn(const Trace& t, LaneId lane, State state, ObjectId object)
{
    return intervalsWhere(
        t, lane, [&](const Interval& iv) { return iv.state == state && (object == 0 || iv.object == object); });
}

int64_t timeIn(const Trace& t, LaneId lane, State state)
{
    int64_t total = 0;
    for (const Interval& iv : intervalsIn(t, lane, state))
        total += iv.end - iv.start;
    return total;
}

std::vector<Span> spansIn(const Trace& t, State state, const std::vector<LaneId>& lanes)
{
    std::vector<Span> out;
    auto add = [&](LaneId l) {
        if (l >= t.lanes.size())
            return;
        for (const Interval& iv : t.lanes[l].intervals)
            if (iv.state == state)
                out.push_back({iv.start, iv.end});
    };
    if (lanes.empty())
        for (size_t i = 0; i < t.lanes.size(); ++i)
            add(LaneId(i));
    else
        for (LaneId l : lanes)
            add(l);
    return out;
}

int maxConcurrentInState(const Trace& t, State state, const std::vector<LaneId>& lanes)
{
    return maxConcurrent(spansIn(t, state, lanes));
}

std::optional<State> stateAt(const Trace& t, LaneId lane, int64_t at)
{
    if (const Interval* iv = t.intervalAt(lane, at))
        return iv->state;
    return std::nullopt;
}

static bool isWaitState(State s) { return s >= State::WaitGil && s < State::Count; }

std::vector<Interval> waitsWithOutcome(const Trace& t, LaneId lane, Outcome outcome)
{
    return intervalsWhere(t, lane, [&](const Interval& iv) { return isWaitState(iv.state) && iv.outcome == outcome; });
}

std::vector<Interval> joinWaits(const Trace& t, LaneId lane, LaneId joined)
{
    return intervalsWhere(t, lane, [&](const Interval& iv) {
        if (iv.state != State::WaitJoin)
            return false;
        if (iv.joinedLane >= 0)
            return iv.joinedLane == int32_t(joined);
        // The recording did not say whom it joined: a join that ran its course ended right
        // after its target did, so attribute it to the lane that ended last within the wait.
        if (iv.outcome != Outcome::None)
            return false;
        int64_t bestEnd = INT64_MIN;
        int best = -1;
        for (size_t l = 0; l < t.lanes.size(); ++l) {
            const int64_t e = t.lanes[l].end;
            if (l != lane && e >= iv.start && e <= iv.end && e > bestEnd) {
                bestEnd = e;
                best = int(l);
            }
        }
        return best == int(joined);
    });
}

// ---- tasks ----

std::vector<Span> taskSpans(const Trace& t)
{
    std::vector<Span> out;
    for (const TaskSpan& ts : t.tasks)
        out.push_back({ts.start, ts.end < 0 ? std::max(t.duration(), ts.start) : ts.end});
    return out;
}

std::vector<const TaskSpan*> tasksOn(const Trace& t, LaneId lane)
{
    std::vector<const TaskSpan*> out;
    for (const TaskSpan& ts : t.tasks)
        if (ts.lane == lane)
            out.push_back(&ts);
    return out;
}

const TaskSpan* taskNumbered(const Trace& t, int64_t task, ObjectId future)
{
    for (const TaskSpan& ts : t.tasks)
        if (ts.task == task && (future == 0 || ts.future == future))
            return &ts;
    return nullptr;
}

int maxConcurrentTasks(const Trace& t) { return maxConcurrent(taskSpans(t)); }

std::vector<LaneId> taskLanes(const Trace& t)
{
    std::vector<LaneId> out;
    for (const TaskSpan& ts : t.tasks)
        if (std::find(out.begin(), out.end(), ts.lane) == out.end())
            out.push_back(ts.lane);
    std::sort(out.begin(), out.end());
    return out;
}

std::vector<std::string> tasksRunOnce(const Trace& t)
{
    std::vector<std::string> out;
    std::map<std::pair<ObjectId, int64_t>, int> seen;
    for (const TaskSpan& ts : t.tasks)
        if (++seen[{ts.future, ts.task}] == 2)
            out.push_back("task " + std::to_string(ts.task) + " (future " + t.objectName(ts.future) +
                          ") ran more than once");
    return out;
}

// ---- instants ----

std::vector<const Instant*> instantsOf(const Trace& t, Ev type, int lane, ObjectId object)
{
    std::vector<const Instant*> out;
    for (const Instant& in : t.instants)
        if (in.type == type && (lane < 0 || in.lane == lane) && (object == 0 || in.object == object))
            out.push_back(&in);
    return out;
}

std::vector<const Instant*> marksStarting(const Trace& t, std::string_view prefix, int lane)
{
    std::vector<const Instant*> out;
    for (const Instant& in : t.instants)
        if (in.type == Ev::Mark && (lane < 0 || in.lane == lane) &&
            std::string_view(in.text).substr(0, prefix.size()) == prefix)
            out.push_back(&in);
    return out;
}

std::vector<const Instant*> marksContaining(const Trace& t, std::string_view needle, int lane)
{
    std::vector<const Instant*> out;
    for (const Instant& in : t.instants)
        if (in.type == Ev::Mark && (lane < 0 || in.lane == lane) && in.text.find(needle) != std::string::npos)
            out.push_back(&in);
    return out;
}

const Instant* firstMark(const Trace& t, std::string_view prefix, int lane)
{
    auto v = marksStarting(t, prefix, lane);
    return v.empty() ? nullptr : v.front();
}

const Instant* lastMark(const Trace& t, std::string_view prefix, int lane)
{
    auto v = marksStarting(t, prefix, lane);
    return v.empty() ? nullptr : v.back();
}

std::vector<const Instant*> exceptions(const Trace& t, std::string_view needle, int lane)
{
    std::vector<const Instant*> out;
    for (const Instant& in : t.instants)
        if (in.type == Ev::Exception && (lane < 0 || in.lane == lane) && in.text.find(needle) != std::string::npos)
            out.push_back(&in);
    return out;
}

std::optional<int64_t> numberAfter(const Instant& mark, std::string_view key)
{
    const size_t at = mark.text.find(key);
    if (at == std::string::npos)
        return std::nullopt;
    size_t i = at + key.size();
    bool neg = false;
    if (i < mark.text.size() && mark.text[i] == '-') {
        neg = true;
        ++i;
    }
    if (i >= mark.text.size() || mark.text[i] < '0' || mark.text[i] > '9')
        return std::nullopt;
    int64_t v = 0;
    while (i < mark.text.size() && mark.text[i] >= '0' && mark.text[i] <= '9')
        v = v * 10 + (mark.text[i++] - '0');
    return neg ? -v : v;
}

// ---- objects ----

std::optional<int64_t> field(const std::string& text, const std::string& key)
{
    const std::string k = key + "=";
    auto identifierChar = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
    size_t p = text.find(k);
    while (p != std::string::npos && p > 0 && identifierChar(text[p - 1]))
        p = text.find(k, p + 1);
    if (p == std::string::npos)
        return std::nullopt;
    try {
        return std::stoll(text.substr(p + k.size()));
    } catch (...) {
        return std::nullopt;
    }
}

std::optional<int64_t> lastField(const Trace& t, std::string_view prefix, const std::string& key)
{
    const Instant* m = lastMark(t, prefix);
    return m ? field(m->text, key) : std::nullopt;
}

ObjectId objectId(const Trace& t, std::string_view name) { return objectNamed(t, name).value_or(0); }

std::vector<ObjectId> objectsNamed(const Trace& t, std::string_view name)
{
    std::vector<ObjectId> out;
    for (const auto& o : t.objects)
        if (o.id && o.name == name)
            out.push_back(o.id);
    return out;
}

std::optional<ObjectId> objectNamed(const Trace& t, std::string_view name)
{
    for (const ObjectInfo& o : t.objects)
        if (o.id != 0 && o.name == name)
            return o.id;
    return std::nullopt;
}

std::vector<ObjectId> objectsOfKind(const Trace& t, ObjectKind kind)
{
    std::vector<ObjectId> out;
    for (const ObjectInfo& o : t.objects)
        if (o.id != 0 && o.kind == kind)
            out.push_back(o.id);
    return out;
}

std::vector<const Hold*> holdsOf(const Trace& t, ObjectId object)
{
    std::vector<const Hold*> out;
    for (const Hold& h : t.holds)
        if (h.object == object)
            out.push_back(&h);
    return out;
}

int64_t holdEnd(const Trace& t, const Hold& h) { return h.end < 0 ? t.duration() : h.end; }

bool holdsAt(const Trace& t, ObjectId object, int lane, int64_t at)
{
    for (const auto& h : t.holds)
        if (h.object == object && int(h.lane) == lane && h.start <= at && at <= holdEnd(t, h))
            return true;
    return false;
}

int maxConcurrentHolds(const Trace& t, const std::vector<ObjectId>& objects)
{
    std::vector<Span> spans;
    for (const auto& h : t.holds)
        if (std::find(objects.begin(), objects.end(), h.object) != objects.end())
            spans.push_back({h.start, holdEnd(t, h)});
    return maxConcurrent(spans);
}

int maxConcurrentHolds(const Trace& t, ObjectId object)
{
    std::vector<Span> spans;
    for (const Hold* h : holdsOf(t, object))
        spans.push_back({h->start, h->end < 0 ? std::max(t.duration(), h->start) : h->end});
    return maxConcurrent(spans);
}

std::vector<const Instant*> varReads(const Trace& t, ObjectId var, int lane)
{
    return instantsOf(t, Ev::VarRead, lane, var);
}
std::vector<const Instant*> varWrites(const Trace& t, ObjectId var, int lane)
{
    return instantsOf(t, Ev::VarWrite, lane, var);
}

std::vector<int64_t> futureStates(const Trace& t, ObjectId future)
{
    std::vector<int64_t> out;
    for (const Instant* in : instantsOf(t, Ev::FutureState, -1, future))
        out.push_back(in->a);
    return out;
}

std::vector<std::string> futureTransitionsLegal(const Trace& t)
{
    std::vector<std::string> out;
    for (ObjectId f : objectsOfKind(t, ObjectKind::Future)) {
        const auto st = futureStates(t, f);
        // PENDING -> FINISHED is legal too: Python's set_result/set_exception accept a pending
        // future (a manual Future; a broken pool failing its queued work items).
        static const std::vector<int64_t> finished{0, 1, 3}, cancelled{0, 2}, direct{0, 3};
        auto prefixOf = [&](const std::vector<int64_t>& legal) {
            return st.size() <= legal.size() && std::equal(st.begin(), st.end(), legal.begin());
        };
        if (!prefixOf(finished) && !prefixOf(cancelled) && !prefixOf(direct)) {
            std::string seq;
            for (int64_t s : st)
                seq += (seq.empty() ? "" : "->") + std::to_string(s);
            out.push_back("future " + t.objectName(f) + ": illegal state sequence " + seq +
                          " (0 PENDING 1 RUNNING 2 CANCELLED 3 FINISHED)");
        }
    }
    return out;
}

std::map<ObjectId, std::vector<const Instant*>> futureStateInstants(const Trace& t)
{
    std::map<ObjectId, std::vector<const Instant*>> out;
    for (const auto& in : t.instants)
        if (in.type == Ev::FutureState)
            out[in.object].push_back(&in);
    return out;
}

int64_t futureStateBefore(const std::vector<const Instant*>& states, int64_t at)
{
    int64_t st = -1;
    for (const Instant* s : states)
        if (s->t <= at)
            st = s->a;
    return st;
}

const TaskSpan* taskOf(const Trace& t, ObjectId future)
{
    for (const auto& task : t.tasks)
        if (task.future == future)
            return &task;
    return nullptr;
}

std::vector<const TaskSpan*> tasksOfFuture(const Trace& t, ObjectId future)
{
    std::vector<const TaskSpan*> out;
    for (const auto& task : t.tasks)
        if (task.future == future)
            out.push_back(&task);
    return out;
}

std::map<int64_t, ObjectId> futuresByTask(const Trace& t)
{
    std::map<int64_t, ObjectId> out;
    for (const auto& in : t.instants)
        if (in.type == Ev::Submit)
            out[in.a] = ObjectId(in.b);
    return out;
}

std::vector<ObjectId> submittedFutures(const Trace& t, ObjectId pool)
{
    std::vector<ObjectId> out;
    for (const Instant* in : instantsOf(t, Ev::Submit, -1, pool))
        out.push_back(ObjectId(in->b));
    return out;
}

std::vector<LaneId> poolWorkers(const Trace& t, ObjectId pool)
{
    const std::string prefix = t.objectName(pool) + "_";
    std::vector<LaneId> out;
    for (LaneId l : lanesNamedPrefix(t, prefix)) {
        const std::string rest = t.lanes[l].info.name.substr(prefix.size());
        if (!rest.empty() && rest.find_first_not_of("0123456789") == std::string::npos)
            out.push_back(l);
    }
    return out;
}

std::optional<int64_t> futureDoneAt(const Trace& t, ObjectId future)
{
    for (const Instant* in : instantsOf(t, Ev::FutureState, -1, future))
        if (in->a == 2 || in->a == 3)
            return in->t;
    return std::nullopt;
}

std::vector<const Flow*> flowsOf(const Trace& t, FlowKind kind, int toLane)
{
    std::vector<const Flow*> out;
    for (const Flow& f : t.flows)
        if (f.kind == kind && (toLane < 0 || f.toLane == toLane))
            out.push_back(&f);
    return out;
}

}  // namespace tl::checks
