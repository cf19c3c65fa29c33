// SPDX-License-Identifier: MIT
#include "decoder.h"

#include <algorithm>
#include <cstring>

namespace tl::pytrace {

RunTables::RunTables()
{
    objects.emplace_back();
    strings.emplace_back();
}

namespace {

constexpr uint64_t kMaxObjectIdForLookup = RunTables::kMaxObjectId;
constexpr int64_t kIdMask = (int64_t(1) << kIdThreadShift) - 1;
constexpr int64_t kFutureSlackNs = 10'000'000'000;  // a record this far past "now" is not a real one

size_t padded(uint32_t n) { return (size_t(n) + 7) & ~size_t(7); }

bool isLock(ObjectKind k) { return k == ObjectKind::Lock || k == ObjectKind::RLock; }

}  // namespace

bool Decoder::fail(std::string why)
{
    if (error_.empty())
        error_ = "pid " + std::to_string(pid_) + ": " + std::move(why);
    return false;
}

bool Decoder::feed(const char* data, size_t n, RunTables& t, int64_t nowNs)
{
    if (!error_.empty())
        return false;
    while (n > 0) {
        if (bye_)
            return fail("records after the end of the stream");
        // Complete the record header, then its payload, in partial_ (usually short-circuited below).
        const char* rec = nullptr;
        size_t need = sizeof(Record);
        if (partial_.empty() && n >= sizeof(Record)) {
            Record r;
            std::memcpy(&r, data, sizeof r);
            need = r.type >= kControlBase ? sizeof r + padded(r.object) : sizeof r;
            if (r.type >= kControlBase && r.object > kMaxText)
                return fail("text of " + std::to_string(r.object) + " bytes (at most " + std::to_string(kMaxText) +
                            ")");
            if (n >= need) {
                rec = data;
                data += need;
                n -= need;
            }
        }
        if (!rec) {
            // Slow path: accumulate up to one whole record.
            if (partial_.size() < sizeof(Record)) {
                const size_t take = std::min(n, sizeof(Record) - partial_.size());
                partial_.insert(partial_.end(), data, data + take);
                data += take;
                n -= take;
                if (partial_.size() < sizeof(Record))
                    return true;
            }
            Record r;
            std::memcpy(&r, partial_.data(), sizeof r);
            if (r.type >= kControlBase && r.object > kMaxText)
                return fail("text of " + std::to_string(r.object) + " bytes (at most " + std::to_string(kMaxText) +
                            ")");
            need = r.type >= kControlBase ? sizeof r + padded(r.object) : sizeof r;
            const size_t take = std::min(n, need - partial_.size());
            partial_.insert(partial_.end(), data, data + take);
            data += take;
            n -= take;
            if (partial_.size() < need)
                return true;
            rec = partial_.data();
        }
        Record r;
        std::memcpy(&r, rec, sizeof r);
        const bool ok = handle(r, rec + sizeof r, t, nowNs);
        partial_.clear();
        if (!ok)
            return false;
    }
    return true;
}

bool Decoder::close(RunTables& t)
{
    t.watermarks.erase(pid_);  // nothing more will come: it holds nothing back
    if (!error_.empty())
        return false;
    // Lanes that never ended: cut at the process's last record (daemon threads at exit, or a
    // process that was killed).
    for (size_t thread = 0; thread < alive_.size(); ++thread) {
        if (alive_[thread] < 0)
            continue;
        const auto lane = LaneId(lanes_[thread]);
        t.events.push_back(Event{alive_[thread], 0, Ev::ThreadEnd, lane, 1, 0});
        t.waitingOn[lane] = 0;
        t.joining[lane] = -1;
    }
    alive_.clear();
    if (!partial_.empty())
        return fail("the stream stops in the middle of a record (" + std::to_string(partial_.size()) + " bytes)");
    return true;
}

bool Decoder::lane(uint64_t thread, LaneId& out)
{
    if (thread >= lanes_.size() || lanes_[thread] < 0)
        return fail("event of thread " + std::to_string(thread) + ", which was never announced");
    out = LaneId(lanes_[thread]);
    return true;
}

bool Decoder::object(uint64_t raw, RunTables& t, ObjectId& out)
{
    if (raw < objects_.size() && objects_[raw]) {
        out = objects_[raw];
        return true;
    }
    auto it = raw < kMaxObjectIdForLookup ? inherited_.find(uint32_t(raw)) : inherited_.end();
    if (it == inherited_.end())
        return fail("reference to object " + std::to_string(raw) + ", which was never announced");
    if (t.objects.size() >= RunTables::kMaxObjects)
        return fail("more than " + std::to_string(RunTables::kMaxObjects) + " objects");
    it->second.id = ObjectId(t.objects.size());
    if (objects_.size() <= raw)
        objects_.resize(std::max(size_t(raw) + 1, objects_.size() * 2), 0);
    out = objects_[raw] = it->second.id;
    t.objects.push_back(std::move(it->second));
    inherited_.erase(it);
    return true;
}

bool Decoder::id(int64_t raw, int64_t& out)
{
    LaneId l;
    if (raw <= 0 || !lane(uint64_t(raw) >> kIdThreadShift, l))
        return error_.empty() ? fail("invalid hold or flow id") : false;
    out = (int64_t(l) << kIdThreadShift) | (raw & kIdMask);
    return true;
}

bool Decoder::str(int64_t raw, int64_t& out)
{
    if (raw == 0) {
        out = 0;
        return true;
    }
    auto it = strings_.find(raw);
    if (it == strings_.end())
        return fail("reference to string " + std::to_string(raw) + ", which was never sent");
    out = it->second;
    return true;
}

std::string Decoder::laneName(std::string name) const
{
    return first_ ? name : name + " (pid " + std::to_string(pid_) + ")";
}

bool Decoder::handle(const Record& r, const char* text, RunTables& t, int64_t nowNs)
{
    if (!hello_) {
        if (r.type != Hello)
            return fail("the stream does not start with a greeting");
        if (r.thread != kProtocolVersion)
            return fail("protocol version " + std::to_string(r.thread) + " (this ThreadLens speaks " +
                        std::to_string(kProtocolVersion) + "): the tracer and the app are from different builds");
        if (r.a <= 0 || r.a > INT32_MAX || r.object > 256)
            return fail("invalid greeting");
        hello_ = true;
        pid_ = int(r.a);
        first_ = pid_ == programPid_;
        if (first_) {
            // The run starts when the program's tracer is up (not at the interpreter's start-up).
            t.python.assign(text, r.object);
            t.originNs = nowNs;
        }
        return true;
    }
    if (r.type >= kControlBase)
        return control(r, text, t);
    return event(r, t, nowNs);
}

bool Decoder::control(const Record& r, const char* text, RunTables& t)
{
    const std::string s(text, r.object);
    switch (r.type) {
    case ThreadNew: {
        if (r.thread < lanes_.size() && lanes_[r.thread] >= 0)
            return fail("thread " + std::to_string(r.thread) + " announced twice");
        if (t.lanes.size() >= RunTables::kMaxLanes)
            return fail("more than " + std::to_string(RunTables::kMaxLanes) + " threads");
        LaneId parent = 0;
        if (r.a != -1 && (r.a < 0 || r.a > 0xffff || !lane(uint64_t(r.a), parent)))
            return error_.empty() ? fail("invalid parent thread") : false;
        LaneInfo info;
        info.id = LaneId(t.lanes.size());
        info.pid = pid_;
        info.tid = int(r.thread);
        info.name = laneName(s.empty() ? "thread " + std::to_string(r.thread) : s);
        info.daemon = r.b != 0;
        info.parent = parent;
        if (lanes_.size() <= r.thread) {
            lanes_.resize(size_t(r.thread) + 1, -1);
            alive_.resize(size_t(r.thread) + 1, -1);
        }
        lanes_[r.thread] = int32_t(info.id);
        t.lanes.push_back(std::move(info));
        t.waitingOn.push_back(0);
        t.joining.push_back(-1);
        return true;
    }
    case ObjectNew: {
        const int64_t kind = r.b & 0xff, order = (r.b >> 8) & 0xff, capacity = r.b >> 16;
        if (r.a <= 0 || r.a >= int64_t(RunTables::kMaxObjectId) ||
            (size_t(r.a) < objects_.size() && objects_[size_t(r.a)]) || inherited_.count(uint32_t(r.a)))
            return fail("invalid or repeated object id " + std::to_string(r.a));
        if (kind >= int64_t(ObjectKind::Count) || order > int64_t(QueueOrder::Simple) || capacity < 0)
            return fail("invalid object kind, order or capacity");
        if (t.objects.size() >= RunTables::kMaxObjects)
            return fail("more than " + std::to_string(RunTables::kMaxObjects) + " objects");
        const auto nl = s.find('\n');
        if (nl == std::string::npos)
            return fail("object without a creation site");
        ObjectInfo info;
        info.id = ObjectId(t.objects.size());
        info.kind = ObjectKind(kind);
        info.order = QueueOrder(order);
        info.capacity = capacity;
        info.name = s.substr(0, nl);
        info.site = s.substr(nl + 1);
        info.sampled = info.kind == ObjectKind::Gil;  // a real interpreter's GIL is only ever sampled
        if (info.name.empty())
            info.name = std::string(kindName(info.kind)) + " @ " + info.site;
        if (!first_)
            info.name += " (pid " + std::to_string(pid_) + ")";
        if (!first_ && lanes_.empty()) {
            inherited_.emplace(uint32_t(r.a), std::move(info));  // made when the child uses it
            return true;
        }
        if (objects_.size() <= size_t(r.a))
            objects_.resize(std::max(size_t(r.a) + 1, objects_.size() * 2), 0);
        objects_[size_t(r.a)] = info.id;
        t.objects.push_back(std::move(info));
        return true;
    }
    case String:
        if (r.a <= 0 || strings_.count(r.a))
            return fail("invalid or repeated string id " + std::to_string(r.a));
        if (t.strings.size() >= RunTables::kMaxStrings)
            return fail("more than " + std::to_string(RunTables::kMaxStrings) + " strings");
        strings_[r.a] = int64_t(t.strings.size());
        t.strings.push_back(s);
        return true;
    case Dropped:
        if (r.a < 0 || r.a > (int64_t(1) << 48))
            return fail("invalid dropped count");
        t.dropped += r.a;
        return true;
    case Result:
        if (r.a < 0 || r.a > int64_t(ResultKind::Exit))
            return fail("invalid result kind");
        if (first_) {
            t.haveResult = true;
            t.resultKind = ResultKind(r.a);
            t.resultCode = r.b;
            t.resultMessage = s;
        }
        return true;
    case Bye: bye_ = true; return true;
    case Watermark: {
        int64_t& w = t.watermarks[pid_];
        w = std::max(w, r.a - t.originNs);
        return true;
    }
    default: return fail("unknown record type " + std::to_string(r.type));
    }
}

bool Decoder::event(Record r, RunTables& t, int64_t nowNs)
{
    if (r.type >= uint16_t(Ev::Count) || r.type == uint16_t(Ev::Deadlock) || r.type == uint16_t(Ev::VarRead) ||
        r.type == uint16_t(Ev::VarWrite))
        return fail("unknown or forbidden event type " + std::to_string(r.type));
    Event e{};
    e.type = Ev(r.type);
    if (!lane(r.thread, e.lane))
        return false;
    if (r.object && !object(r.object, t, e.object))
        return false;
    int64_t ts = r.t - t.originNs;
    if (ts > nowNs - t.originNs + kFutureSlackNs)
        return fail("an event stamped " + std::to_string((ts - (nowNs - t.originNs)) / 1'000'000) +
                    " ms in the future");
    e.t = std::max<int64_t>(ts, 0);
    e.a = r.a;
    e.b = r.b;
    const ObjectKind kind = e.object ? t.objects[e.object].kind : ObjectKind::Count;
    switch (e.type) {
    case Ev::ThreadStart:
        e.a = 0;
        alive_[r.thread] = e.t;
        break;
    case Ev::ThreadEnd:
        e.a = e.a ? 1 : 0;
        alive_[r.thread] = -1;
        t.waitingOn[e.lane] = 0;
        t.joining[e.lane] = -1;
        break;
    case Ev::ThreadRename: {
        LaneId target;
        if (!str(r.a, e.a) || r.b < 0 || !lane(uint64_t(r.b), target))
            return error_.empty() ? fail("invalid rename") : false;
        e.b = target;
        t.lanes[target].name = laneName(t.strings[size_t(e.a)]);
        if (!first_) {
            if (t.strings.size() >= RunTables::kMaxStrings)
                return fail("more than " + std::to_string(RunTables::kMaxStrings) + " strings");
            e.a = int64_t(t.strings.size());
            t.strings.push_back(t.lanes[target].name);
        }
        break;
    }
    case Ev::StateChange: {
        if (r.a < 0 || r.a >= int64_t(State::Count) || (r.b & 0xff) > int64_t(Outcome::Aborted))
            return fail("invalid state change");
        const auto s = State(r.a);
        const bool timed = (r.b & kTimedWait) != 0;
        e.b = r.b & 0xff;
        t.waitingOn[e.lane] = 0;
        t.joining[e.lane] = -1;
        if (s == State::WaitJoin) {
            const int64_t joined = r.b >> 32;
            LaneId jl = 0;
            if (joined < 0 || !lane(uint64_t(joined), jl))
                return error_.empty() ? fail("join of an unknown thread") : false;
            e.b |= int64_t(jl) << 32;
            if (!timed && (joined > 0 || r.thread != 0))
                t.joining[e.lane] = jl;
        } else if ((s == State::WaitLock || s == State::WaitRLock) && !timed && e.object && isLock(kind)) {
            t.waitingOn[e.lane] = e.object;
        }
        break;
    }
    case Ev::HoldBegin:
    case Ev::HoldEnd:
        if (!e.object || !id(r.a, e.a))
            return error_.empty() ? fail("hold without an object") : false;
        if (e.type == Ev::HoldEnd) {
            LaneId holder = 0;
            if (!lane(uint64_t(r.b), holder))
                return false;
            e.b = holder;
            if (isLock(kind))
                t.holder.erase(e.object);
        } else if (isLock(kind)) {
            t.holder[e.object] = e.lane;
        }
        break;
    case Ev::FlowStart:
    case Ev::FlowEnd:
        if (!id(r.a, e.a) || r.b < 0 || r.b >= int64_t(FlowKind::Count))
            return error_.empty() ? fail("invalid flow") : false;
        break;
    case Ev::TaskEnd: {
        int64_t s = 0;
        if ((r.b & 0xff) > 2 || !str(r.b >> 8, s))
            return error_.empty() ? fail("invalid task end") : false;
        e.b = (r.b & 0xff) | (s << 8);
        break;
    }
    case Ev::Put:
    case Ev::Get:
        if (!str(r.b, e.b))
            return false;
        break;
    case Ev::Mark:
    case Ev::Exception:
        if (!str(r.a, e.a))
            return false;
        break;
    case Ev::Counter:
        if (!e.object || r.a < 0 || r.a >= int64_t(CounterKind::Count))
            return fail("invalid counter");
        if (r.a == int64_t(CounterKind::Holder) && r.b != -1) {
            LaneId holder = 0;  // the process's thread index -> the run's lane
            if (r.b < 0 || !lane(uint64_t(r.b), holder))
                return error_.empty() ? fail("invalid holder") : false;
            e.b = holder;
        }
        break;
    case Ev::Submit: {
        ObjectId future = 0;
        if (r.b <= 0 || r.b > UINT32_MAX || !object(uint64_t(r.b), t, future))
            return error_.empty() ? fail("submit of an unknown future") : false;
        e.b = future;
        break;
    }
    case Ev::FutureState:
        if (r.a < 0 || r.a > 3)
            return fail("invalid future state");
        break;
    default: break;
    }
    if (alive_[r.thread] >= 0)
        alive_[r.thread] = std::max(alive_[r.thread], e.t);
    t.lastT = std::max(t.lastT, e.t);
    t.events.push_back(e);
    return true;
}

std::vector<int> findDeadlock(const RunTables& t, std::vector<ObjectId>& via)
{
    const size_t n = t.lanes.size();
    std::vector<int> next(n, -1);
    via.assign(n, 0);
    for (size_t l = 0; l < n; ++l) {
        if (t.joining[l] >= 0) {
            next[l] = t.joining[l];
        } else if (ObjectId o = t.waitingOn[l]) {
            if (auto it = t.holder.find(o); it != t.holder.end()) {
                next[l] = it->second;
                via[l] = o;
            }
        }
    }
    for (size_t start = 0; start < n; ++start) {
        std::vector<int> path;
        int cur = int(start);
        for (size_t steps = 0; steps <= n && cur >= 0; ++steps) {
            auto it = std::find(path.begin(), path.end(), cur);
            if (it != path.end()) {
                std::vector<int> cycle(it, path.end());
                if (cycle.size() == 1 && via[size_t(cycle[0])] == 0)
                    break;  // joining itself is an error Python raises, not a deadlock
                return cycle;
            }
            path.push_back(cur);
            cur = next[size_t(cur)];
        }
    }
    return {};
}

}  // namespace tl::pytrace
