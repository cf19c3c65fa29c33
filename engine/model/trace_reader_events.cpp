// SPDX-License-Identifier: MIT
// Trace events onto the model: one handler per Chrome phase (metadata, complete spans, B/E
// spans, holds, instants, counters, flows).
#include "trace_reader.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <functional>

namespace tl {

namespace {

// The model's numeric id for a file's id (a hash for ids that are not numbers).
uint64_t parseId(const std::string& s)
{
    uint64_t v = 0;
    if (s.size() > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
        auto r = std::from_chars(s.data() + 2, s.data() + s.size(), v, 16);
        if (r.ec == std::errc() && r.ptr == s.data() + s.size())
            return v;
    } else {
        auto r = std::from_chars(s.data(), s.data() + s.size(), v);
        if (r.ec == std::errc() && r.ptr == s.data() + s.size())
            return v;
    }
    return uint64_t(std::hash<std::string>{}(s)&0xffffffffffffull);
}

}  // namespace

void TraceReader::event(const JNode& ev)
{
    if (ev.type != JNode::Obj)
        fail("a trace event must be a JSON object");
    const JNode* phn = tree_.child(ev, "ph");
    if (!phn || phn->type != JNode::Str)
        fail("missing or invalid \"ph\"");
    if (phn->s.size() != 1)
        fail("unknown phase \"" + std::string(phn->s.substr(0, 16)) + "\"");
    const char ph = phn->s[0];
    const JNode* nameNode = tree_.child(ev, "name");
    if (nameNode && nameNode->type != JNode::Str)
        fail("\"name\" must be a string");
    const std::string_view name = strOf(nameNode);
    const std::string_view cat = strOf(tree_.child(ev, "cat"));
    const JNode* args = tree_.child(ev, "args");
    if (args && args->type != JNode::Obj)
        fail("\"args\" must be an object");
    switch (ph) {
    case 'M': return metadata(ev, name, args);
    case 'X': return complete(ev, name, cat, args);
    case 'B':
    case 'E': return span(ev, ph, name);
    case 'b':
    case 'e': return hold(ev, ph, name, cat, args);
    case 'i':
    case 'I': return instant(ev, name, cat, args);
    case 'C': return counter(ev, name, args);
    case 's':
    case 'f': return flow(ev, ph, name, args);
    // Valid Chrome phases this model has no place for.
    case 'n':
    case 'S':
    case 'T':
    case 'p':
    case 'F':
    case 't':
    case 'P':
    case 'O':
    case 'N':
    case 'D':
    case 'R':
    case 'c':
    case '(':
    case ')':
    case 'V':
    case 'v':
    case '=': ++tr_.skippedEvents; return;
    default: fail("unknown phase \"" + std::string(phn->s) + "\"");
    }
}

// The event's "id" as a string.
std::string TraceReader::idOf(const JNode* n)
{
    if (!n)
        fail("missing \"id\"");
    if (n->type == JNode::Str)
        return std::string(n->s);
    if (n->type == JNode::Num) {
        // Numbers and "0x.." strings name the same id.
        int64_t v = intArg(n, "id", 0, 9.0e18);
        char hex[20];
        auto r = std::to_chars(hex, hex + sizeof hex, uint64_t(v), 16);
        return "0x" + std::string(hex, r.ptr);
    }
    fail("\"id\" must be a string or a number");
}

// 'M': thread names and sort indices.
void TraceReader::metadata(const JNode& ev, std::string_view name, const JNode* args)
{
    if (name != "thread_name" && name != "thread_sort_index")
        return;  // process_name and other metadata: nothing to model
    const uint32_t l = lane(ev);
    if (name == "thread_name") {
        lanes_[l].name = std::string(strOf(arg(args, "name")));
    } else {
        const JNode* si = arg(args, "sort_index");
        if (si) {
            lanes_[l].sortIndex = intArg(si, "sort_index", INT32_MIN, INT32_MAX);
            lanes_[l].hasSort = true;
        }
    }
}

// 'X': a state interval (category "state") or a task span (ThreadLens' own or another tool's).
void TraceReader::complete(const JNode& ev, std::string_view name, std::string_view cat, const JNode* args)
{
    const int64_t ts = tsOf(ev);
    const int64_t dur = tsOf(ev, "dur");
    if (dur < 0)
        fail("negative duration");
    const uint32_t l = lane(ev);
    TmpLane& tl = lanes_[l];
    minT_ = std::min(minT_, ts);
    tl.minT = std::min(tl.minT, ts);
    tl.maxT = std::max(tl.maxT, ts + dur);
    State s;
    if (cat == "state" && stateFromName(name, s)) {
        Interval iv;
        iv.start = ts;
        iv.end = ts + dur;
        iv.state = s;
        iv.object = objectArg(args);
        std::string_view oc = strOf(arg(args, "outcome"));
        if (oc.empty())
            oc = strOf(tree_.child(ev, "outcome"));
        outcomeFromName(oc, iv.outcome);
        // The joined thread is named by tid: kept in joinedLane until lanes are final.
        if (const JNode* th = arg(args, "thread"); th && s == State::WaitJoin) {
            iv.joinedLane = int32_t(intArg(th, "thread", INT32_MIN, INT32_MAX));
            tl.hasJoinTids = true;
        }
        if (l >= tr_.lanes.size())
            tr_.lanes.resize(size_t(l) + 1);
        tr_.lanes[l].intervals.push_back(iv);
        tl.hasStates = true;
        return;
    }
    TaskSpan t;
    t.lane = LaneId(l);
    t.start = ts;
    t.end = ts + dur;
    if (cat == "task") {
        t.task = intArg(arg(args, "task"), "task", INT64_MIN / 2, INT64_MAX / 2);
        const JNode* f = arg(args, "future");
        t.future =
            f && f->type == JNode::Num && f->num >= 0 && f->num < double(tr_.objects.size()) ? ObjectId(f->num) : 0;
        const std::string_view oc = strOf(arg(args, "outcome"));
        t.outcome = oc == "exception" ? 1 : oc == "cancelled" ? 2 : 0;
        t.value = std::string(strOf(arg(args, "value")));
        if (const JNode* open = arg(args, "open"); open && open->type == JNode::Bool && open->b)
            t.end = -1;
    } else {
        // A span from another tool: shown as a task, and as `run` on its lane.
        t.task = -1;
        t.value = std::string(name);
        tl.spans.push_back({ts, ts + dur});
    }
    tr_.tasks.push_back(std::move(t));
}

// 'B'/'E': another tool's nested spans, shown as tasks.
void TraceReader::span(const JNode& ev, char ph, std::string_view name)
{
    const int64_t ts = tsOf(ev);
    const uint32_t l = lane(ev);
    TmpLane& tl = lanes_[l];
    minT_ = std::min(minT_, ts);
    tl.minT = std::min(tl.minT, ts);
    tl.maxT = std::max(tl.maxT, ts);
    if (ph == 'B') {
        if (tl.stack.size() > 100000)
            fail("too many nested B events");
        tl.stack.push_back({std::string(name), ts});
        return;
    }
    if (tl.stack.empty()) {
        ++tr_.skippedEvents;  // an E without its B
        return;
    }
    auto [n, start] = std::move(tl.stack.back());
    tl.stack.pop_back();
    if (ts < start)
        fail("E before its B");
    TaskSpan t;
    t.lane = LaneId(l);
    t.start = start;
    t.end = ts;
    t.task = -1;
    t.value = std::move(n);
    tl.spans.push_back({start, ts});
    tr_.tasks.push_back(std::move(t));
}

// 'b'/'e' of category "hold": a lock held, from acquire to release.
void TraceReader::hold(const JNode& ev, char ph, std::string_view name, std::string_view cat, const JNode* args)
{
    const int64_t ts = tsOf(ev);
    const uint32_t l = lane(ev);
    minT_ = std::min(minT_, ts);
    if (ph == 'b' || cat != "hold") {
        lanes_[l].minT = std::min(lanes_[l].minT, ts);
        lanes_[l].maxT = std::max(lanes_[l].maxT, ts);
    }
    if (cat != "hold") {
        ++tr_.skippedEvents;
        return;
    }
    const std::string id = idOf(tree_.child(ev, "id"));
    if (ph == 'b') {
        Hold h;
        h.object = objectArg(args);
        // Other writers name the lock only by the event name.
        if (!h.object && !arg(args, "object") && !name.empty())
            if (auto it = objectByName_.find(std::string(name)); it != objectByName_.end())
                h.object = it->second;
        h.lane = LaneId(l);
        h.start = ts;
        h.id = parseId(id);
        // Ids are unique per run in the model; a file that repeats one gets fresh ids,
        // so that what it is saved as reads back the same.
        while (!holdIds_.insert(h.id).second)
            h.id = nextHoldId_++;
        openHolds_[id].push_back(tr_.holds.size());
        tr_.holds.push_back(h);
        return;
    }
    auto it = openHolds_.find(id);
    if (it == openHolds_.end() || it->second.empty()) {
        ++tr_.skippedEvents;
        return;
    }
    const size_t index = it->second.front();
    Hold& h = tr_.holds[index];
    if (ts < h.start)
        fail("hold ends before it begins");
    h.end = ts;
    // The end belongs to the holder's track (where the writer puts it back).
    lanes_[h.lane].maxT = std::max(lanes_[h.lane].maxT, ts);
    if (const JNode* rb = arg(args, "released_by_lane")) {
        h.releasedBy = LaneId(intArg(rb, "released_by_lane", 0, 65534));
        if (explicitRelease_.size() < tr_.holds.size())
            explicitRelease_.resize(tr_.holds.size());
        explicitRelease_[index] = 1;
    }
    it->second.erase(it->second.begin());
    if (it->second.empty())
        openHolds_.erase(it);
}

// 'i'/'I': a synchronization event (category "sync") or a mark.
void TraceReader::instant(const JNode& ev, std::string_view name, std::string_view cat, const JNode* args)
{
    const int64_t ts = tsOf(ev);
    const uint32_t l = lane(ev);
    minT_ = std::min(minT_, ts);
    lanes_[l].minT = std::min(lanes_[l].minT, ts);
    lanes_[l].maxT = std::max(lanes_[l].maxT, ts);
    Instant in;
    in.t = ts;
    in.lane = LaneId(l);
    Ev type;
    if (cat != "sync" || !eventFromName(name, type)) {
        in.type = Ev::Mark;
        in.text = std::string(name);
        in.a = intern(in.text);
        tr_.instants.push_back(std::move(in));
        return;
    }
    in.type = type;
    in.object = objectArg(args);
    auto num = [&](const char* k) { return intArg(arg(args, k), k, INT64_MIN / 2, INT64_MAX / 2); };
    switch (type) {
    case Ev::AcquireTry:
    case Ev::Cancel: in.a = num("ok"); break;
    case Ev::Notify: in.a = num("n"); break;
    case Ev::Put:
    case Ev::Get:
        in.text = std::string(strOf(arg(args, "item")));
        in.a = num("seq");
        in.b = intern(in.text);
        break;
    case Ev::BarrierPass: in.a = num("index"); break;
    case Ev::Submit:
        in.a = num("task");
        in.b = num("future");
        break;
    case Ev::Callback: in.a = num("task"); break;
    case Ev::FutureState: {
        const std::string_view s = strOf(arg(args, "state"));
        in.a = s == "RUNNING" ? 1 : s == "CANCELLED" ? 2 : s == "FINISHED" ? 3 : 0;
        break;
    }
    case Ev::Exception:
        in.text = std::string(strOf(arg(args, "message")));
        in.a = intern(in.text);
        break;
    case Ev::Mark:
        in.text = std::string(strOf(arg(args, "text")));
        in.a = intern(in.text);
        break;
    case Ev::VarRead:
    case Ev::VarWrite: in.a = num("value"); break;
    case Ev::ThreadRename:
        in.text = std::string(strOf(arg(args, "name")));
        in.a = intern(in.text);
        in.b = num("lane");
        break;
    case Ev::Deadlock:
        in.text = std::string(strOf(arg(args, "lanes")));
        in.a = intern(in.text);
        in.b = intern(strOf(arg(args, "objects")));
        break;
    default:
        in.a = num("a");
        in.b = num("b");
        break;
    }
    tr_.instants.push_back(std::move(in));
}

// 'C': counter samples, one series per key.
void TraceReader::counter(const JNode& ev, std::string_view name, const JNode* args)
{
    const int64_t ts = tsOf(ev);
    minT_ = std::min(minT_, ts);
    if (!args)
        return;
    const std::string nameStr(name);
    tree_.each(*args, [&](const JNode& v) {
        if (v.type != JNode::Num)
            fail("counter values must be numbers");
        if (!(std::fabs(v.num) < 9.0e18))
            fail("counter value out of range");
        CounterKind k;
        const bool knownKind = counterFromName(v.key, k);
        ObjectId obj = 0;
        bool found = false;
        if (auto it = counterNames_.find(nameStr); it != counterNames_.end() && knownKind) {
            for (auto& [o, kk] : it->second)
                if (kk == k) {
                    obj = o;
                    found = true;
                    break;
                }
        }
        if (!found && knownKind)
            if (auto it = objectByName_.find(nameStr); it != objectByName_.end()) {
                obj = it->second;
                found = true;
            }
        std::string seriesName = nameStr;
        if (!found) {
            // A counter of another tool: one synthetic object per track name + key.
            if (!knownKind) {
                k = CounterKind::Value;
                seriesName = nameStr + "." + std::string(v.key);
            }
            auto [it, fresh] = objectByName_.try_emplace(seriesName, ObjectId(tr_.objects.size()));
            if (fresh) {
                if (tr_.objects.empty())
                    tr_.objects.emplace_back();
                if (tr_.objects.size() > 1'000'000)
                    fail("too many counters");
                ObjectInfo info;
                info.id = ObjectId(tr_.objects.size());
                info.kind = ObjectKind::Variable;
                info.name = seriesName;
                it->second = info.id;
                tr_.objects.push_back(std::move(info));
            }
            obj = it->second;
        }
        series(obj, k, seriesName).points.push_back({ts, int64_t(std::llround(v.num))});
    });
}

// 's'/'f': the two ends of an arrow between lanes.
void TraceReader::flow(const JNode& ev, char ph, std::string_view name, const JNode* args)
{
    const int64_t ts = tsOf(ev);
    const uint32_t l = lane(ev);
    minT_ = std::min(minT_, ts);
    lanes_[l].minT = std::min(lanes_[l].minT, ts);
    lanes_[l].maxT = std::max(lanes_[l].maxT, ts);
    const std::string id = idOf(tree_.child(ev, "id"));
    auto [it, fresh] = flowOf_.try_emplace(id, tr_.flows.size());
    if (fresh) {
        Flow f;
        f.id = parseId(id);
        f.fromT = -1;
        if (!flowFromName(name, f.kind))
            f.kind = FlowKind::Wake;
        tr_.flows.push_back(f);
    }
    Flow& f = tr_.flows[it->second];
    if (ph == 's') {
        f.fromLane = LaneId(l);
        f.fromT = ts;
    } else {
        f.toLane = LaneId(l);
        f.toT = ts;
    }
    if (!f.object)
        f.object = objectArg(args);
}

}  // namespace tl
