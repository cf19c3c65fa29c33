// SPDX-License-Identifier: MIT
// Writing trace files (docs/trace-format.md) and CSV: a hand-written JSON writer, because a
// QJsonDocument of a million events costs seconds and gigabytes.
#include "trace_file.h"

#include "atomic_file.h"

#include <algorithm>
#include <charconv>
#include <cstring>

namespace tl {
namespace {

class Out {
public:
    std::string s;

    Out& raw(std::string_view v)
    {
        s.append(v);
        return *this;
    }
    Out& ch(char c)
    {
        s.push_back(c);
        return *this;
    }
    Out& num(int64_t v)
    {
        char buf[24];
        auto r = std::to_chars(buf, buf + sizeof buf, v);
        s.append(buf, r.ptr);
        return *this;
    }
    Out& unum(uint64_t v)
    {
        char buf[24];
        auto r = std::to_chars(buf, buf + sizeof buf, v);
        s.append(buf, r.ptr);
        return *this;
    }
    // ns -> microseconds with exactly three decimals.
    Out& us(int64_t ns)
    {
        if (ns < 0) {
            s.push_back('-');
            ns = -ns;
        }
        num(ns / 1000);
        const int frac = int(ns % 1000);
        char f[4] = {'.', char('0' + frac / 100), char('0' + frac / 10 % 10), char('0' + frac % 10)};
        s.append(f, 4);
        return *this;
    }
    Out& boolean(bool b) { return raw(b ? "true" : "false"); }
    // Shortest form that reads back as the same double.
    Out& dbl(double v)
    {
        char buf[32];
        auto r = std::to_chars(buf, buf + sizeof buf, v);
        s.append(buf, r.ptr);
        return *this;
    }
    // A JSON string; invalid UTF-8 becomes U+FFFD so the file stays valid.
    Out& str(std::string_view v)
    {
        s.push_back('"');
        size_t i = 0;
        while (i < v.size()) {
            const auto c = static_cast<unsigned char>(v[i]);
            if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
                size_t j = i + 1;
                while (j < v.size()) {
                    const auto d = static_cast<unsigned char>(v[j]);
                    if (d < 0x20 || d >= 0x80 || d == '"' || d == '\\')
                        break;
                    ++j;
                }
                s.append(v.data() + i, j - i);
                i = j;
                continue;
            }
            if (c == '"' || c == '\\') {
                s.push_back('\\');
                s.push_back(char(c));
                ++i;
            } else if (c < 0x20) {
                static const char* hex = "0123456789abcdef";
                switch (c) {
                case '\n': s.append("\\n"); break;
                case '\t': s.append("\\t"); break;
                case '\r': s.append("\\r"); break;
                default:
                    s.append("\\u00");
                    s.push_back(hex[c >> 4]);
                    s.push_back(hex[c & 15]);
                }
                ++i;
            } else {
                const size_t n = utf8Len(v, i);
                if (n == 0) {
                    s.append("\xEF\xBF\xBD");
                    ++i;
                } else {
                    s.append(v.data() + i, n);
                    i += n;
                }
            }
        }
        s.push_back('"');
        return *this;
    }
    Out& key(std::string_view k)
    {
        s.push_back('"');
        s.append(k);
        s.append("\":");
        return *this;
    }

    // Length of the valid UTF-8 sequence at i, or 0.
    static size_t utf8Len(std::string_view v, size_t i)
    {
        const auto c = static_cast<unsigned char>(v[i]);
        size_t n;
        uint32_t cp;
        if (c >= 0xC2 && c <= 0xDF) {
            n = 2;
            cp = c & 0x1F;
        } else if (c >= 0xE0 && c <= 0xEF) {
            n = 3;
            cp = c & 0x0F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            n = 4;
            cp = c & 0x07;
        } else
            return 0;
        if (i + n > v.size())
            return 0;
        for (size_t k = 1; k < n; ++k) {
            const auto d = static_cast<unsigned char>(v[i + k]);
            if ((d & 0xC0) != 0x80)
                return 0;
            cp = (cp << 6) | (d & 0x3F);
        }
        if ((n == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
            return 0;
        return n;
    }
};

bool looksNumeric(const std::string& v)
{
    // A JSON number literal (params keep their type: {"workers": 8}).
    size_t i = 0;
    if (i < v.size() && v[i] == '-')
        ++i;
    if (i >= v.size() || !isdigit(static_cast<unsigned char>(v[i])))
        return false;
    if (v[i] == '0' && i + 1 < v.size() && isdigit(static_cast<unsigned char>(v[i + 1])))
        return false;
    while (i < v.size() && isdigit(static_cast<unsigned char>(v[i])))
        ++i;
    if (i < v.size() && v[i] == '.') {
        ++i;
        if (i >= v.size() || !isdigit(static_cast<unsigned char>(v[i])))
            return false;
        while (i < v.size() && isdigit(static_cast<unsigned char>(v[i])))
            ++i;
    }
    if (i < v.size() && (v[i] == 'e' || v[i] == 'E')) {
        ++i;
        if (i < v.size() && (v[i] == '+' || v[i] == '-'))
            ++i;
        if (i >= v.size() || !isdigit(static_cast<unsigned char>(v[i])))
            return false;
        while (i < v.size() && isdigit(static_cast<unsigned char>(v[i])))
            ++i;
    }
    return i == v.size();
}

bool isWait(State s) { return s >= State::WaitGil && s < State::Count; }

const char* futureStateName(int64_t s)
{
    static const char* names[] = {"PENDING", "RUNNING", "CANCELLED", "FINISHED"};
    return s >= 0 && s <= 3 ? names[s] : "PENDING";
}

// What is written for one lane, in time order: sorted by (lane, t, order).
struct Rec {
    int64_t t;
    uint32_t index;
    uint16_t lane;
    uint8_t order;  // at equal t: state, task, hold begin, hold end, flow, instant (a zero-length hold stays matchable)
    uint8_t what;
};
enum What : uint8_t { kState, kTask, kHoldEnd, kFlowStart, kFlowEnd, kHoldBegin, kInstant };

// One trace as JSON, section by section (header, metadata, each lane's events in time order,
// counters) and one writer per record kind.
class TraceJson {
public:
    explicit TraceJson(const Trace& trace) : tr(trace) {}

    std::string write()
    {
        reserve();
        header();
        o.raw("\n\"traceEvents\":[\n");
        metadata();
        for (const Rec& r : records()) {
            sep();
            switch (r.what) {
            case kState: state(r); break;
            case kTask: task(r); break;
            case kHoldBegin:
            case kHoldEnd: hold(r); break;
            case kFlowStart:
            case kFlowEnd: flow(r); break;
            case kInstant: instant(tr.instants[r.index]); break;
            }
        }
        counters();
        o.raw("\n]}\n");
        return std::move(o.s);
    }

private:
    const Trace& tr;
    Out o;
    bool first = true;  // no event written yet (the separator goes before all but the first)

    int pidOf(LaneId l) const { return l < tr.lanes.size() ? tr.lanes[l].info.pid : 1; }
    int tidOf(LaneId l) const { return l < tr.lanes.size() ? tr.lanes[l].info.tid : int(l); }
    Out& thread(LaneId l) { return o.raw(",\"pid\":").num(pidOf(l)).raw(",\"tid\":").num(tidOf(l)); }
    void sep()
    {
        if (!first)
            o.raw(",\n");
        first = false;
    }

    void reserve()
    {
        size_t estimate = 256;
        for (const Lane& l : tr.lanes)
            estimate += l.intervals.size() * 110;
        estimate += tr.holds.size() * 200 + tr.instants.size() * 130 + tr.tasks.size() * 180 + tr.flows.size() * 170;
        for (const auto& c : tr.counters)
            estimate += c.points.size() * 70;
        o.s.reserve(estimate);
    }

    // otherData: what the run was (scenario, source, params, objects, result) and ThreadLens's own
    // section (event counts, lanes, counters).
    void header()
    {
        o.raw("{\"displayTimeUnit\":\"ns\",\"otherData\":{\"generator\":\"ThreadLens 0.1.0\"");
        if (!tr.scenario.empty())
            o.raw(",\"scenario\":").str(tr.scenario);
        if (!tr.source.empty())
            o.raw(",\"source\":")
                .str(tr.source)
                .raw(",\"program\":")
                .str(tr.program)
                .raw(",\"python\":")
                .str(tr.python);
        o.raw(",\"title\":").str(tr.title);
        if (!tr.recorded.empty())
            o.raw(",\"recorded\":").str(tr.recorded);
        params();
        o.raw(",\"gil\":").boolean(tr.gil);
        objects();
        o.raw(",\"result\":{\"status\":").str(tr.result.status);
        if (!tr.result.message.empty())
            o.raw(",\"message\":").str(tr.result.message);
        if (!tr.result.lesson.empty())
            o.raw(",\"lesson\":").str(tr.result.lesson).raw(",\"lessonAt\":").num(tr.result.lessonAt);
        o.raw("},\"threadlens\":{\"format\":1,\"events\":")
            .unum(tr.eventCount())
            .raw(",\"skipped\":")
            .num(tr.skippedEvents);
        if (tr.droppedRecords)
            o.raw(",\"dropped\":").num(tr.droppedRecords);
        o.raw(",\"duration\":").num(tr.duration());
        if (tr.speed != 1.0)
            o.raw(",\"speed\":").dbl(tr.speed);
        if (tr.cores > 0)
            o.raw(",\"cores\":").num(tr.cores);
        lanes();
        counterList();
        o.raw("}},");
    }

    void params()
    {
        o.raw(",\"params\":{");
        bool firstParam = true;
        for (const auto& [k, v] : tr.params) {
            if (!firstParam)
                o.ch(',');
            firstParam = false;
            o.str(k).ch(':');
            if (looksNumeric(v) || v == "true" || v == "false" || v == "null")
                o.raw(v);
            else
                o.str(v);
        }
        o.ch('}');
    }

    void objects()
    {
        o.raw(",\"objects\":[");
        for (size_t id = 1; id < tr.objects.size(); ++id) {
            const ObjectInfo& ob = tr.objects[id];
            if (id > 1)
                o.ch(',');
            o.raw("{\"id\":").num(int64_t(id)).raw(",\"kind\":").str(kindName(ob.kind)).raw(",\"name\":").str(ob.name);
            if (ob.capacity)
                o.raw(",\"capacity\":").num(ob.capacity);
            if (ob.order != QueueOrder::None)
                o.raw(",\"order\":").str(orderName(ob.order));
            if (!ob.site.empty())
                o.raw(",\"site\":").str(ob.site);
            if (ob.sampled)
                o.raw(",\"sampled\":true");
            o.ch('}');
        }
        o.ch(']');
    }

    void lanes()
    {
        o.raw(",\"lanes\":[");
        for (size_t i = 0; i < tr.lanes.size(); ++i) {
            const Lane& l = tr.lanes[i];
            if (i)
                o.ch(',');
            o.raw("{\"lane\":").num(int64_t(i)).raw(",\"pid\":").num(l.info.pid).raw(",\"tid\":").num(l.info.tid);
            o.raw(",\"daemon\":").boolean(l.info.daemon).raw(",\"parent\":").num(l.info.parent);
            o.raw(",\"start\":").num(l.start).raw(",\"end\":").num(l.end).raw(",\"killed\":").boolean(l.killed);
            if (l.hasCpu()) {
                o.raw(",\"cpu\":[");
                for (size_t k = 0; k < l.cpu.size(); ++k)
                    o.raw(k ? ",[" : "[").num(l.cpu[k].t).ch(',').num(l.cpu[k].value).ch(']');
                o.ch(']');
            }
            o.ch('}');
        }
        o.ch(']');
    }

    void counterList()
    {
        o.raw(",\"counters\":[");
        for (size_t i = 0; i < tr.counters.size(); ++i) {
            const CounterSeries& c = tr.counters[i];
            if (i)
                o.ch(',');
            o.raw("{\"name\":")
                .str(c.name)
                .raw(",\"object\":")
                .num(c.object)
                .raw(",\"kind\":")
                .str(counterName(c.kind))
                .ch('}');
        }
        o.ch(']');
    }

    // Process and thread names, and the lanes' order.
    void metadata()
    {
        std::vector<int> pids;
        for (const Lane& l : tr.lanes)
            if (std::find(pids.begin(), pids.end(), l.info.pid) == pids.end())
                pids.push_back(l.info.pid);
        if (pids.empty())
            pids.push_back(1);
        for (int pid : pids) {
            sep();
            std::string name = pid == 1 ? (tr.scenario.empty() ? tr.title : tr.scenario + " " + tr.title)
                                        : "process " + std::to_string(pid);
            if (name.empty())
                name = "ThreadLens";
            o.raw("{\"ph\":\"M\",\"name\":\"process_name\",\"pid\":")
                .num(pid)
                .raw(",\"args\":{\"name\":")
                .str(name)
                .raw("}}");
        }
        for (size_t i = 0; i < tr.lanes.size(); ++i) {
            const Lane& l = tr.lanes[i];
            sep();
            o.raw("{\"ph\":\"M\",\"name\":\"thread_name\"");
            thread(LaneId(i)).raw(",\"args\":{\"name\":").str(l.info.name).raw("}}");
            sep();
            o.raw("{\"ph\":\"M\",\"name\":\"thread_sort_index\"");
            thread(LaneId(i)).raw(",\"args\":{\"sort_index\":").num(int64_t(i)).raw("}}");
        }
    }

    // Every lane's events in time order.
    std::vector<Rec> records() const
    {
        std::vector<Rec> recs;
        size_t total = tr.tasks.size() + tr.holds.size() * 2 + tr.flows.size() * 2 + tr.instants.size();
        for (const Lane& l : tr.lanes)
            total += l.intervals.size();
        recs.reserve(total);
        for (size_t li = 0; li < tr.lanes.size(); ++li)
            for (size_t i = 0; i < tr.lanes[li].intervals.size(); ++i)
                recs.push_back({tr.lanes[li].intervals[i].start, uint32_t(i), uint16_t(li), 0, kState});
        for (size_t i = 0; i < tr.tasks.size(); ++i)
            recs.push_back({tr.tasks[i].start, uint32_t(i), tr.tasks[i].lane, 1, kTask});
        for (size_t i = 0; i < tr.holds.size(); ++i) {
            recs.push_back({tr.holds[i].start, uint32_t(i), tr.holds[i].lane, 2, kHoldBegin});
            if (tr.holds[i].end >= 0)
                recs.push_back({tr.holds[i].end, uint32_t(i), tr.holds[i].lane, 3, kHoldEnd});
        }
        for (size_t i = 0; i < tr.flows.size(); ++i) {
            if (tr.flows[i].fromT >= 0)
                recs.push_back({tr.flows[i].fromT, uint32_t(i), tr.flows[i].fromLane, 4, kFlowStart});
            if (tr.flows[i].toT >= 0)
                recs.push_back({tr.flows[i].toT, uint32_t(i), tr.flows[i].toLane, 4, kFlowEnd});
        }
        for (size_t i = 0; i < tr.instants.size(); ++i)
            recs.push_back({tr.instants[i].t, uint32_t(i), tr.instants[i].lane, 5, kInstant});
        std::sort(recs.begin(), recs.end(), [](const Rec& a, const Rec& b) {
            if (a.lane != b.lane)
                return a.lane < b.lane;
            if (a.t != b.t)
                return a.t < b.t;
            if (a.order != b.order)
                return a.order < b.order;
            if (a.index != b.index)
                return a.index < b.index;
            return a.what < b.what;
        });
        return recs;
    }

    void state(const Rec& r)
    {
        const Interval& iv = tr.lanes[r.lane].intervals[r.index];
        o.raw("{\"ph\":\"X\",\"cat\":\"state\",\"name\":").str(stateName(iv.state));
        thread(r.lane).raw(",\"ts\":").us(iv.start).raw(",\"dur\":").us(iv.end - iv.start);
        const bool hasObject = iv.object != 0;
        const bool join = iv.state == State::WaitJoin && iv.joinedLane >= 0;
        if (hasObject || join || iv.outcome != Outcome::None) {
            o.raw(",\"args\":{");
            bool f = true;
            if (join) {
                o.raw("\"thread\":").num(tidOf(LaneId(iv.joinedLane)));
                f = false;
            }
            if (hasObject || (isWait(iv.state) && !join)) {
                if (!f)
                    o.ch(',');
                o.raw("\"object\":").num(iv.object);
                f = false;
            }
            if (iv.outcome != Outcome::None) {
                if (!f)
                    o.ch(',');
                o.raw("\"outcome\":").str(outcomeName(iv.outcome));
            }
            o.ch('}');
        }
        o.ch('}');
    }

    void task(const Rec& r)
    {
        const TaskSpan& t = tr.tasks[r.index];
        static const char* outcomes[] = {"result", "exception", "cancelled"};
        o.raw("{\"ph\":\"X\",\"cat\":\"task\",\"name\":\"task ").num(t.task).ch('"');
        thread(r.lane)
            .raw(",\"ts\":")
            .us(t.start)
            .raw(",\"dur\":")
            .us(std::max<int64_t>(0, (t.end < 0 ? t.start : t.end) - t.start));
        o.raw(",\"args\":{\"task\":").num(t.task).raw(",\"future\":").num(t.future);
        o.raw(",\"outcome\":").str(t.outcome >= 0 && t.outcome <= 2 ? outcomes[t.outcome] : "result");
        o.raw(",\"value\":").str(t.value);
        if (t.end < 0)
            o.raw(",\"open\":true");
        o.raw("}}");
    }

    void hold(const Rec& r)
    {
        const Hold& h = tr.holds[r.index];
        char hex[20];
        auto res = std::to_chars(hex, hex + sizeof hex, h.id, 16);
        o.raw("{\"ph\":\"")
            .ch(r.what == kHoldBegin ? 'b' : 'e')
            .raw("\",\"cat\":\"hold\",\"name\":")
            .str(tr.objectName(h.object));
        o.raw(",\"id\":\"0x").raw(std::string_view(hex, size_t(res.ptr - hex))).ch('"');
        thread(h.lane).raw(",\"ts\":").us(r.what == kHoldBegin ? h.start : h.end);
        if (r.what == kHoldBegin)
            o.raw(",\"args\":{\"object\":").num(h.object).raw("}");
        else if (h.releasedBy != h.lane)
            o.raw(",\"args\":{\"released_by_lane\":").num(h.releasedBy).raw("}");
        o.ch('}');
    }

    void flow(const Rec& r)
    {
        const Flow& f = tr.flows[r.index];
        if (r.what == kFlowStart)
            o.raw("{\"ph\":\"s\",\"cat\":\"flow\",\"name\":");
        else
            o.raw("{\"ph\":\"f\",\"bp\":\"e\",\"cat\":\"flow\",\"name\":");
        o.str(flowName(f.kind)).raw(",\"id\":").unum(f.id);
        thread(r.lane).raw(",\"ts\":").us(r.what == kFlowStart ? f.fromT : f.toT);
        o.raw(",\"args\":{\"object\":").num(f.object).raw("}}");
    }

    void instant(const Instant& in)
    {
        o.raw("{\"ph\":\"i\",\"s\":\"t\",\"cat\":\"sync\",\"name\":").str(eventName(in.type));
        thread(in.lane).raw(",\"ts\":").us(in.t).raw(",\"args\":{\"object\":").num(in.object);
        switch (in.type) {
        case Ev::AcquireTry:
        case Ev::Cancel: o.raw(",\"ok\":").boolean(in.a != 0); break;
        case Ev::Notify: o.raw(",\"n\":").num(in.a); break;
        case Ev::Put:
        case Ev::Get: o.raw(",\"item\":").str(in.text).raw(",\"seq\":").num(in.a); break;
        case Ev::BarrierPass: o.raw(",\"index\":").num(in.a); break;
        case Ev::Submit: o.raw(",\"task\":").num(in.a).raw(",\"future\":").num(in.b); break;
        case Ev::Callback: o.raw(",\"task\":").num(in.a); break;
        case Ev::FutureState: o.raw(",\"state\":").str(futureStateName(in.a)); break;
        case Ev::Exception: o.raw(",\"message\":").str(in.text); break;
        case Ev::Mark: o.raw(",\"text\":").str(in.text); break;
        case Ev::VarRead:
        case Ev::VarWrite: o.raw(",\"value\":").num(in.a); break;
        case Ev::ThreadRename:
            o.raw(",\"name\":").str(in.text).raw(",\"lane\":").num(in.b);
            if (in.b >= 0 && size_t(in.b) < tr.lanes.size())
                o.raw(",\"thread\":").num(tidOf(LaneId(in.b)));
            break;
        case Ev::Deadlock: deadlockArgs(in); break;
        default:
            if (in.a)
                o.raw(",\"a\":").num(in.a);
            if (in.b)
                o.raw(",\"b\":").num(in.b);
            break;
        }
        o.raw("}}");
    }

    // "1,2": the lanes of the cycle -> their tids.
    void deadlockArgs(const Instant& in)
    {
        o.raw(",\"cycle\":[");
        bool f = true;
        std::string_view lanesText = in.text;
        while (!lanesText.empty()) {
            const size_t comma = lanesText.find(',');
            const std::string_view part = lanesText.substr(0, comma);
            int lane = -1;
            std::from_chars(part.data(), part.data() + part.size(), lane);
            if (lane >= 0 && size_t(lane) < tr.lanes.size()) {
                if (!f)
                    o.ch(',');
                f = false;
                o.num(tidOf(LaneId(lane)));
            }
            if (comma == std::string_view::npos)
                break;
            lanesText.remove_prefix(comma + 1);
        }
        const int64_t objects = in.b;
        const std::string_view objectsText = objects > 0 && size_t(objects) < tr.strings.size()
                                                 ? std::string_view(tr.strings[size_t(objects)])
                                                 : std::string_view();
        o.raw("],\"lanes\":").str(in.text).raw(",\"objects\":").str(objectsText);
    }

    // Counter samples (pid 1).
    void counters()
    {
        for (const CounterSeries& c : tr.counters) {
            const std::string_view key = counterName(c.kind);
            for (const CounterPoint& p : c.points) {
                sep();
                o.raw("{\"ph\":\"C\",\"name\":").str(c.name).raw(",\"pid\":1,\"ts\":").us(p.t);
                o.raw(",\"args\":{\"").raw(key).raw("\":").num(p.value).raw("}}");
            }
        }
    }
};

}  // namespace

std::string traceToJson(const Trace& tr) { return TraceJson(tr).write(); }

void csvField(std::string& s, std::string_view v)
{
    if (v.find_first_of(",\"\n\r") == std::string_view::npos) {
        s.append(v);
        return;
    }
    s.push_back('"');
    for (char c : v) {
        if (c == '"')
            s.push_back('"');
        s.push_back(c);
    }
    s.push_back('"');
}

bool saveTrace(const Trace& trace, const QString& path, QString* error)
{
    return writeFileAtomically(path, traceToJson(trace), error);
}

bool saveCsv(const Trace& tr, const QString& path, QString* error)
{
    std::string s;
    s.reserve(1 << 20);
    s.append("kind,pid,tid,thread,start_ns,end_ns,name,object,detail\n");
    auto row = [&](std::string_view kind, int lane, int64_t start, int64_t end, std::string_view name, ObjectId obj,
                   std::string_view detail) {
        s.append(kind);
        s.push_back(',');
        if (lane >= 0 && size_t(lane) < tr.lanes.size()) {
            const Lane& l = tr.lanes[size_t(lane)];
            s.append(std::to_string(l.info.pid)).push_back(',');
            s.append(std::to_string(l.info.tid)).push_back(',');
            csvField(s, l.info.name);
        } else {
            s.append("1,,");
        }
        s.push_back(',');
        s.append(std::to_string(start)).push_back(',');
        if (end >= 0)
            s.append(std::to_string(end));
        s.push_back(',');
        csvField(s, name);
        s.push_back(',');
        if (obj)
            csvField(s, tr.objectName(obj));
        s.push_back(',');
        csvField(s, detail);
        s.push_back('\n');
    };
    for (const Lane& l : tr.lanes)
        for (const Interval& iv : l.intervals)
            row("state", l.info.id, iv.start, iv.end, stateName(iv.state), iv.object, outcomeName(iv.outcome));
    for (const TaskSpan& t : tr.tasks)
        row("task", t.lane, t.start, t.end, "task " + std::to_string(t.task), t.future, t.value);
    for (const Hold& h : tr.holds)
        row("hold", h.lane, h.start, h.end, tr.objectName(h.object), h.object, {});
    for (const Instant& in : tr.instants)
        row("instant", in.lane, in.t, in.t, eventName(in.type), in.object, in.text);
    for (const CounterSeries& c : tr.counters)
        for (const CounterPoint& p : c.points)
            row("counter", -1, p.t, p.t, std::string(counterName(c.kind)), c.object, std::to_string(p.value));
    for (const Flow& f : tr.flows)
        row("flow", f.fromLane, f.fromT, f.toT, flowName(f.kind), f.object,
            f.toT >= 0 && f.toLane < tr.lanes.size() ? std::string_view(tr.lanes[f.toLane].info.name)
                                                     : std::string_view());
    return writeFileAtomically(path, s, error);
}

}  // namespace tl
