// SPDX-License-Identifier: MIT
// Reading trace files: the file event by event with the strict, streaming JSON reader of
// json.h (one small tree per trace event, no document of the whole file), ThreadLens' own
// metadata, and the finished model. The events themselves: trace_reader_events.cpp.
#include "trace_file.h"
#include "trace_reader.h"

#include <QFile>

#include <algorithm>
#include <charconv>
#include <cmath>

namespace tl {

uint32_t TraceReader::intern(std::string_view s)
{
    if (s.empty())
        return 0;
    auto [it, fresh] = stringIds_.try_emplace(std::string(s), uint32_t(tr_.strings.size()));
    if (fresh)
        tr_.strings.emplace_back(s);
    return it->second;
}

int64_t TraceReader::intArg(const JNode* n, const char* what, int64_t lo, int64_t hi)
{
    if (!n)
        return 0;
    if (n->type == JNode::Bool)
        return n->b ? 1 : 0;
    if (n->type != JNode::Num)
        fail(std::string("\"") + what + "\" must be a number");
    if (!(n->num >= double(lo) && n->num <= double(hi)))
        fail(std::string("\"") + what + "\" out of range");
    // Integers are exact from the literal; doubles are rounded.
    int64_t v = 0;
    auto r = std::from_chars(n->s.data(), n->s.data() + n->s.size(), v);
    if (r.ec == std::errc() && r.ptr == n->s.data() + n->s.size())
        return v;
    return int64_t(std::llround(n->num));
}

int64_t TraceReader::tsOf(const JNode& ev, const char* field)
{
    const JNode* n = tree_.child(ev, field);
    if (!n)
        fail(std::string("missing \"") + field + "\"");
    if (n->type != JNode::Num)
        fail(std::string("\"") + field + "\" must be a number");
    if (!(std::fabs(n->num) <= kMaxTsUs))
        fail(std::string("\"") + field + "\" out of range");
    return std::llround(n->num * 1000.0);
}

ObjectId TraceReader::objectArg(const JNode* args)
{
    const JNode* n = args ? tree_.child(*args, "object") : nullptr;
    if (!n || n->type != JNode::Num)
        return 0;
    if (!(n->num >= 0 && n->num < double(tr_.objects.size())))
        return 0;  // not one of ours: ignore rather than index out of range
    return ObjectId(n->num);
}

uint32_t TraceReader::lane(const JNode& ev)
{
    const int64_t pid = intArg(tree_.child(ev, "pid"), "pid", INT32_MIN, INT32_MAX);
    const int64_t tid = intArg(tree_.child(ev, "tid"), "tid", INT32_MIN, INT32_MAX);
    const uint64_t key = (uint64_t(uint32_t(pid)) << 32) | uint32_t(tid);
    auto [it, fresh] = laneOf_.try_emplace(key, uint32_t(lanes_.size()));
    if (fresh) {
        if (lanes_.size() >= 65535)
            fail("too many threads");
        TmpLane l;
        l.pid = int(pid);
        l.tid = int(tid);
        l.order = lanes_.size();
        lanes_.push_back(std::move(l));
    }
    return it->second;
}

CounterSeries& TraceReader::series(ObjectId o, CounterKind k, std::string_view name)
{
    auto [it, fresh] = seriesOf_.try_emplace((uint64_t(o) << 8) | uint64_t(k), tr_.counters.size());
    if (fresh) {
        CounterSeries s;
        s.object = o;
        s.kind = k;
        s.name = std::string(name);
        tr_.counters.push_back(std::move(s));
    }
    return tr_.counters[it->second];
}

void TraceReader::otherData(const JNode& od)
{
    auto& t = meta_;
    if (od.type != JNode::Obj)
        throw ImportError{"otherData must be an object"};
    const std::string_view gen = strOf(t.child(od, "generator"));
    threadLens_ = gen.substr(0, 10) == "ThreadLens";
    tr_.generator = std::string(gen);
    tr_.scenario = std::string(strOf(t.child(od, "scenario")));
    tr_.title = std::string(strOf(t.child(od, "title")));
    tr_.recorded = std::string(strOf(t.child(od, "recorded")));
    tr_.source = std::string(strOf(t.child(od, "source")));
    tr_.program = std::string(strOf(t.child(od, "program")));
    tr_.python = std::string(strOf(t.child(od, "python")));
    if (const JNode* g = t.child(od, "gil"); g && g->type == JNode::Bool)
        tr_.gil = g->b;
    if (const JNode* p = t.child(od, "params"); p && p->type == JNode::Obj) {
        t.each(*p, [&](const JNode& v) {
            std::string val;
            switch (v.type) {
            case JNode::Str: val = std::string(v.s); break;
            case JNode::Num: val = std::string(v.s); break;
            case JNode::Bool: val = v.b ? "true" : "false"; break;
            case JNode::Null: val = "null"; break;
            default: return;
            }
            tr_.params[std::string(v.key)] = std::move(val);
        });
    }
    if (const JNode* r = t.child(od, "result"); r && r->type == JNode::Obj) {
        if (const JNode* s = t.child(*r, "status"); s && s->type == JNode::Str)
            tr_.result.status = std::string(s->s);
        tr_.result.message = std::string(strOf(t.child(*r, "message")));
        tr_.result.lesson = std::string(strOf(t.child(*r, "lesson")));
        if (const JNode* n = t.child(*r, "lessonAt");
            n && n->type == JNode::Num && n->num >= 0 && n->num <= kMaxTsUs * 1000)
            tr_.result.lessonAt = int64_t(n->num);
    }
    if (const JNode* objs = t.child(od, "objects"); objs && objs->type == JNode::Arr) {
        size_t count = 0;
        t.each(*objs, [&](const JNode&) { ++count; });
        const double maxId = double(count) * 4 + 1024;  // ids are dense; refuse absurd ones
        t.each(*objs, [&](const JNode& o) {
            if (o.type != JNode::Obj)
                throw ImportError{"otherData.objects: each object must be a JSON object"};
            const JNode* id = t.child(o, "id");
            if (!id || id->type != JNode::Num || !(id->num >= 1 && id->num <= maxId) || id->num != std::floor(id->num))
                throw ImportError{"otherData.objects: invalid object id"};
            const auto oid = ObjectId(id->num);
            if (oid >= tr_.objects.size())
                tr_.objects.resize(size_t(oid) + 1);
            ObjectInfo& info = tr_.objects[oid];
            info.id = oid;
            if (!kindFromName(strOf(t.child(o, "kind")), info.kind))
                info.kind = ObjectKind::Variable;
            info.name = std::string(strOf(t.child(o, "name")));
            if (const JNode* c = t.child(o, "capacity"); c && c->type == JNode::Num && c->num >= 0 && c->num < 9e15)
                info.capacity = int64_t(c->num);
            orderFromName(strOf(t.child(o, "order")), info.order);
            info.site = std::string(strOf(t.child(o, "site")));
            if (const JNode* c = t.child(o, "sampled"); c && c->type == JNode::Bool && c->b)
                info.sampled = true;
            if (!info.name.empty())
                objectByName_.try_emplace(info.name, oid);
        });
        for (size_t i = 1; i < tr_.objects.size(); ++i)
            tr_.objects[i].id = ObjectId(i);
    }
    const JNode* x = t.child(od, "threadlens");
    if (!threadLens_ || !x || x->type != JNode::Obj)
        return;
    if (const JNode* n = t.child(*x, "events"); n && n->type == JNode::Num && n->num >= 0 && n->num < 1e15)
        savedEvents_ = int64_t(n->num);
    if (const JNode* n = t.child(*x, "duration");
        n && n->type == JNode::Num && n->num >= 0 && n->num <= kMaxTsUs * 1000)
        savedDuration_ = int64_t(n->num);
    if (const JNode* n = t.child(*x, "skipped"); n && n->type == JNode::Num && n->num >= 0 && n->num < 1e15)
        savedSkipped_ = int64_t(n->num);
    if (const JNode* n = t.child(*x, "dropped"); n && n->type == JNode::Num && n->num >= 0 && n->num < 1e15)
        tr_.droppedRecords = int64_t(n->num);
    if (const JNode* n = t.child(*x, "speed"); n && n->type == JNode::Num && n->num > 0 && n->num <= 1)
        tr_.speed = n->num;
    if (const JNode* n = t.child(*x, "cores"); n && n->type == JNode::Num && n->num >= 1 && n->num <= 65536)
        tr_.cores = int(n->num);
    if (const JNode* ls = t.child(*x, "lanes"); ls && ls->type == JNode::Arr) {
        t.each(*ls, [&](const JNode& l) {
            if (l.type != JNode::Obj)
                return;
            auto num = [&](const char* k, double lo, double hi, int64_t dflt) -> int64_t {
                const JNode* n = t.child(l, k);
                if (!n || n->type != JNode::Num)
                    return dflt;
                if (!(n->num >= lo && n->num <= hi))
                    throw ImportError{std::string("otherData.threadlens.lanes: \"") + k + "\" out of range"};
                return int64_t(std::llround(n->num));
            };
            const int64_t id = num("lane", 0, 65534, -1);
            if (id < 0)
                return;
            const int pid = int(num("pid", INT32_MIN, INT32_MAX, 1));
            const int tid = int(num("tid", INT32_MIN, INT32_MAX, 0));
            const uint64_t key = (uint64_t(uint32_t(pid)) << 32) | uint32_t(tid);
            if (laneOf_.count(key))
                return;
            laneOf_[key] = uint32_t(lanes_.size());
            TmpLane tl;
            tl.pid = pid;
            tl.tid = tid;
            tl.order = lanes_.size();
            tl.known = true;
            tl.sortIndex = id;
            tl.hasSort = true;
            tl.info.pid = pid;
            tl.info.tid = tid;
            const JNode* d = t.child(l, "daemon");
            tl.info.daemon = d && d->type == JNode::Bool && d->b;
            tl.info.parent = LaneId(num("parent", 0, 65534, 0));
            tl.start = num("start", -kMaxTsUs * 1000, kMaxTsUs * 1000, -1);
            tl.end = num("end", -kMaxTsUs * 1000, kMaxTsUs * 1000, -1);
            const JNode* k = t.child(l, "killed");
            tl.killed = k && k->type == JNode::Bool && k->b;
            if (const JNode* c = t.child(l, "cpu"); c && c->type == JNode::Arr) {
                // Pairs [t, cpu]; a sample that is not one, or goes back in time, is refused.
                t.each(*c, [&](const JNode& pair) {
                    std::vector<int64_t> v;
                    if (pair.type == JNode::Arr)
                        t.each(pair, [&](const JNode& n) {
                            if (n.type == JNode::Num && n.num >= 0 && n.num <= kMaxTsUs * 1000)
                                v.push_back(int64_t(std::llround(n.num)));
                        });
                    if (v.size() != 2 || (!tl.cpu.empty() && (v[0] < tl.cpu.back().t || v[1] < tl.cpu.back().value)))
                        throw ImportError{
                            "otherData.threadlens.lanes: \"cpu\" must hold [time, cpu] pairs in time order"};
                    tl.cpu.push_back({v[0], v[1]});
                });
            }
            lanes_.push_back(std::move(tl));
        });
    }
    if (const JNode* cs = t.child(*x, "counters"); cs && cs->type == JNode::Arr) {
        t.each(*cs, [&](const JNode& c) {
            if (c.type != JNode::Obj)
                return;
            const JNode* o = t.child(c, "object");
            CounterKind k;
            if (!o || o->type != JNode::Num || !(o->num >= 0 && o->num < double(tr_.objects.size())) ||
                !counterFromName(strOf(t.child(c, "kind")), k))
                return;
            counterNames_[std::string(strOf(t.child(c, "name")))].push_back({ObjectId(o->num), k});
        });
    }
}
// Final lane ids (temporary lane -> final id): ThreadLens files give them (sort index = lane
// id); otherwise sort index, then first appearance.
std::vector<LaneId> TraceReader::finalLaneIds() const
{
    std::vector<uint32_t> order(lanes_.size());
    for (uint32_t i = 0; i < order.size(); ++i)
        order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
        const TmpLane& x = lanes_[a];
        const TmpLane& y = lanes_[b];
        if (x.hasSort != y.hasSort)
            return x.hasSort;
        if (x.hasSort && x.sortIndex != y.sortIndex)
            return x.sortIndex < y.sortIndex;
        return x.order < y.order;
    });
    std::vector<LaneId> remap(lanes_.size());
    for (size_t i = 0; i < order.size(); ++i)
        remap[order[i]] = LaneId(i);
    return remap;
}

// Another tool's thread: `run` where some span is open, `idle` in between.
static void foreignStates(TmpLane& tl, std::vector<Interval>& intervals)
{
    std::sort(tl.spans.begin(), tl.spans.end());
    int64_t cur = tl.minT;
    for (auto [s, e] : tl.spans) {
        if (e <= cur)
            continue;
        if (s > cur)
            intervals.push_back(Interval{cur, s, State::Idle, Outcome::None, 0, -1});
        const int64_t from = std::max(s, cur);
        if (!intervals.empty() && intervals.back().state == State::Run && intervals.back().end == from)
            intervals.back().end = e;
        else
            intervals.push_back(Interval{from, e, State::Run, Outcome::None, 0, -1});
        cur = e;
    }
    if (cur < tl.maxT)
        intervals.push_back(Interval{cur, tl.maxT, State::Idle, Outcome::None, 0, -1});
}

void TraceReader::finishModel()
{
    const std::vector<LaneId> remap = finalLaneIds();
    tr_.lanes.resize(lanes_.size());
    std::vector<Lane> lanes(lanes_.size());
    const bool rebase = !threadLens_ && minT_ != INT64_MAX;
    const int64_t shift = rebase ? minT_ : 0;
    for (size_t tmp = 0; tmp < lanes_.size(); ++tmp) {
        TmpLane& tl = lanes_[tmp];
        Lane& l = lanes[remap[tmp]];
        l.intervals = std::move(tr_.lanes[tmp].intervals);
        l.info = tl.known ? tl.info : LaneInfo{};
        l.cpu = std::move(tl.cpu);
        l.info.id = remap[tmp];
        l.info.pid = tl.pid;
        l.info.tid = tl.tid;
        l.info.name = tl.name.empty() ? "thread " + std::to_string(tl.tid) : tl.name;
        // Unclosed B spans end with the lane's last event.
        while (!tl.stack.empty()) {
            TaskSpan t;
            t.lane = LaneId(tmp);
            t.start = tl.stack.back().second;
            t.end = std::max(tl.maxT, t.start);
            t.task = -1;
            t.value = std::move(tl.stack.back().first);
            tl.spans.push_back({t.start, t.end});
            tr_.tasks.push_back(std::move(t));
            tl.stack.pop_back();
        }
        if (!tl.hasStates && tl.minT != INT64_MAX)
            foreignStates(tl, l.intervals);
        std::stable_sort(l.intervals.begin(), l.intervals.end(),
                         [](const Interval& a, const Interval& b) { return a.start < b.start; });
        if (tl.known) {
            l.start = tl.start;
            l.end = tl.end;
            l.killed = tl.killed;
        } else if (!l.intervals.empty()) {
            l.start = l.intervals.front().start;
            l.end = l.intervals.back().end;
        } else {
            l.start = tl.minT == INT64_MAX ? 0 : tl.minT;
            l.end = tl.maxT == INT64_MIN ? l.start : tl.maxT;
        }
        if (rebase) {
            l.start -= shift;
            l.end -= shift;
            for (Interval& iv : l.intervals) {
                iv.start -= shift;
                iv.end -= shift;
            }
        }
    }
    for (size_t tmp = 0; tmp < lanes_.size(); ++tmp) {
        if (!lanes_[tmp].hasJoinTids)
            continue;
        for (Interval& iv : lanes[remap[tmp]].intervals) {
            if (iv.state != State::WaitJoin || iv.joinedLane == -1)
                continue;
            auto it = laneOf_.find((uint64_t(uint32_t(lanes_[tmp].pid)) << 32) | uint32_t(iv.joinedLane));
            iv.joinedLane = it == laneOf_.end() ? -1 : int32_t(remap[it->second]);
        }
    }
    for (Lane& l : lanes)
        if (l.info.parent >= lanes.size())
            l.info.parent = 0;
    tr_.lanes = std::move(lanes);
    auto fixLane = [&](LaneId& l) { l = l < remap.size() ? remap[l] : 0; };
    for (size_t i = 0; i < tr_.holds.size(); ++i) {
        Hold& h = tr_.holds[i];
        fixLane(h.lane);
        if (h.end < 0)
            h.releasedBy = 0;
        else if (i >= explicitRelease_.size() || !explicitRelease_[i] || h.releasedBy >= remap.size())
            h.releasedBy = h.lane;  // released_by_lane, when given, is already a final id
        h.start -= shift;
        if (h.end >= 0)
            h.end -= shift;
    }
    for (TaskSpan& t : tr_.tasks) {
        fixLane(t.lane);
        t.start -= shift;
        if (t.end >= 0)
            t.end -= shift;
    }
    for (Instant& in : tr_.instants) {
        fixLane(in.lane);
        in.t -= shift;
    }
    for (Flow& f : tr_.flows) {
        fixLane(f.fromLane);
        fixLane(f.toLane);
        if (f.fromT >= 0)
            f.fromT -= shift;
        if (f.toT >= 0)
            f.toT -= shift;
    }
    for (CounterSeries& c : tr_.counters)
        for (CounterPoint& p : c.points)
            p.t -= shift;
    if (tr_.objects.empty())
        tr_.objects.emplace_back();
    for (const Lane& l : tr_.lanes)
        for (const Interval& iv : l.intervals)
            if (iv.end < iv.start)
                throw ImportError{"negative duration on thread " + l.info.name};
    tr_.rebuildIndexes();
    // A handoff without "args.object" (other writers): the lock is the one whose hold
    // begins where the flow ends.
    for (Flow& f : tr_.flows) {
        if (f.object || f.kind != FlowKind::Handoff || f.toT < 0)
            continue;
        auto it = std::lower_bound(tr_.holds.begin(), tr_.holds.end(), f.toT,
                                   [](const Hold& h, int64_t t) { return h.start < t; });
        for (; it != tr_.holds.end() && it->start == f.toT; ++it)
            if (it->lane == f.toLane) {
                f.object = it->object;
                break;
            }
    }
    tr_.duration_ = std::max(tr_.duration_, savedDuration_);
    if (savedEvents_ >= 0)
        tr_.eventCount_ = size_t(savedEvents_);
    else
        tr_.eventCount_ = eventIndex_;
    tr_.skippedEvents += savedSkipped_;
}

std::optional<Trace> TraceReader::read(std::string_view text, std::string* error)
{
    auto setError = [&](const std::string& e) {
        if (error)
            *error = e;
    };
    // A UTF-8 byte order mark is tolerated; anything else must be strict JSON.
    if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF")
        text.remove_prefix(3);
    Json js(text);
    js.ws();
    if (js.atEnd()) {
        setError(text.empty() ? "empty file" : "no JSON content (only whitespace)");
        return std::nullopt;
    }
    tr_.objects.emplace_back();
    tr_.strings.emplace_back();
    tr_.result.status = "finished";
    try {
        auto readEvents = [&](bool process) {
            js.expect('[');
            if (js.consume(']'))
                return;
            for (;;) {
                tree_.clear();
                const uint32_t root = js.value(tree_);
                if (process)
                    event(tree_.nodes[root - 1]);
                ++eventIndex_;
                if (js.consume(','))
                    continue;
                js.ws();
                if (js.atEnd())
                    js.fail("unexpected end of file in traceEvents (truncated?)");
                js.expect(']');
                return;
            }
        };
        if (js.peek() == '[') {
            readEvents(true);
        } else if (js.peek() == '{') {
            js.expect('{');
            size_t eventsAt = SIZE_MAX;
            bool sawOther = false, sawEvents = false;
            if (!js.consume('}')) {
                for (;;) {
                    js.ws();
                    if (js.atEnd())
                        js.fail("unexpected end of file");
                    if (js.peek() != '"')
                        js.fail("expected a member name");
                    Tree keyTree;
                    const uint32_t k = js.value(keyTree);
                    const std::string key(keyTree.nodes[k - 1].s);
                    js.expect(':');
                    if (key == "traceEvents") {
                        if (sawEvents)
                            js.fail("traceEvents given twice");
                        sawEvents = true;
                        js.ws();
                        if (js.peek() != '[')
                            js.fail("traceEvents must be an array");
                        if (sawOther) {
                            readEvents(true);
                        } else {
                            // otherData may come later: validate now, model after it.
                            eventsAt = js.offset();
                            readEvents(false);
                            eventIndex_ = 0;
                        }
                    } else if (key == "otherData") {
                        meta_.clear();
                        const uint32_t od = js.value(meta_);
                        otherData(meta_.nodes[od - 1]);
                        sawOther = true;
                    } else if (key == "displayTimeUnit") {
                        js.ws();
                        if (js.peek() != '"')
                            js.fail("displayTimeUnit must be a string");
                        js.skip(tree_);
                    } else {
                        js.skip(tree_);
                    }
                    if (js.consume(','))
                        continue;
                    js.expect('}');
                    break;
                }
            }
            if (!sawEvents)
                throw ImportError{"valid JSON, but not a trace: no traceEvents array"};
            if (eventsAt != SIZE_MAX) {
                const size_t end = js.offset();
                js.seek(eventsAt);
                readEvents(true);
                js.seek(end);
            }
        } else {
            js.fail("not a trace: expected '{' or '['");
        }
        js.ws();
        if (!js.atEnd())
            js.fail("unexpected data after the JSON value");
        finishModel();
    } catch (const ParseError& e) {
        setError("invalid JSON: " + e.message);
        return std::nullopt;
    } catch (const ImportError& e) {
        setError(e.message);
        return std::nullopt;
    } catch (const std::bad_alloc&) {
        setError("out of memory while reading the trace");
        return std::nullopt;
    }
    return std::move(tr_);
}

std::optional<Trace> traceFromJson(std::string_view json, std::string* error)
{
    TraceReader r;
    return r.read(json, error);
}

std::optional<Trace> openTrace(const QString& path, QString* error)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        if (error)
            *error = QStringLiteral("cannot open %1: %2").arg(path, f.errorString());
        return std::nullopt;
    }
    const QByteArray data = f.readAll();
    if (f.error() != QFileDevice::NoError) {
        if (error)
            *error = QStringLiteral("cannot read %1: %2").arg(path, f.errorString());
        return std::nullopt;
    }
    std::string err;
    auto tr = traceFromJson(std::string_view(data.constData(), size_t(data.size())), &err);
    if (!tr && error)
        *error = QStringLiteral("%1: %2").arg(path, QString::fromStdString(err));
    return tr;
}

}  // namespace tl
