// SPDX-License-Identifier: MIT
// Reading trace files: a strict, streaming JSON reader (one small tree per trace event, no
// document of the whole file) and the mapping of Chrome phases onto the model.
#include "trace_file.h"

#include <QFile>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <deque>
#include <unordered_map>
#include <unordered_set>

namespace tl {
namespace {

// ---------------------------------------------------------------- JSON

struct JNode {
    enum Type : uint8_t { Null, Bool, Num, Str, Arr, Obj } type = Null;
    bool b = false;
    double num = 0;
    std::string_view s;    // Str: decoded text; Num: the literal
    std::string_view key;  // member name inside an object
    uint32_t first = 0;    // first child + 1 (0 = none)
    uint32_t next = 0;     // next sibling + 1 (0 = none)
};

struct ParseError {
    std::string message;
};

// A tree of JNodes in one vector; reused per event so that parsing allocates nothing in
// the steady state (escaped strings go to `decoded`).
class Tree {
public:
    std::vector<JNode> nodes;
    std::deque<std::string> decoded;
    void clear()
    {
        nodes.clear();
        decoded.clear();
    }
    const JNode* child(const JNode& obj, std::string_view key) const
    {
        if (obj.type != JNode::Obj)
            return nullptr;
        for (uint32_t c = obj.first; c; c = nodes[c - 1].next)
            if (nodes[c - 1].key == key)
                return &nodes[c - 1];
        return nullptr;
    }
    template <class F>
    void each(const JNode& n, F f) const
    {
        for (uint32_t c = n.first; c; c = nodes[c - 1].next)
            f(nodes[c - 1]);
    }
};

class Json {
public:
    Json(std::string_view text) : b_(text.data()), p_(text.data()), e_(text.data() + text.size()) {}

    size_t offset() const { return size_t(p_ - b_); }
    void seek(size_t off) { p_ = b_ + off; }
    [[noreturn]] void fail(const std::string& what) const
    {
        throw ParseError{what + " at byte " + std::to_string(offset())};
    }
    void ws()
    {
        while (p_ < e_ && (*p_ == ' ' || *p_ == '\n' || *p_ == '\r' || *p_ == '\t'))
            ++p_;
    }
    bool atEnd() const { return p_ >= e_; }
    char peek() const { return p_ < e_ ? *p_ : '\0'; }
    void expect(char c)
    {
        ws();
        if (p_ >= e_)
            fail(std::string("unexpected end of file, expected '") + c + "'");
        if (*p_ != c)
            fail(std::string("expected '") + c + "'");
        ++p_;
    }
    bool consume(char c)
    {
        ws();
        if (p_ < e_ && *p_ == c) {
            ++p_;
            return true;
        }
        return false;
    }

    // Parses one value into `t`; returns its index + 1.
    uint32_t value(Tree& t, int depth = 0)
    {
        if (depth > 64)
            fail("nesting too deep");
        ws();
        if (p_ >= e_)
            fail("unexpected end of file");
        const uint32_t me = uint32_t(t.nodes.size());
        t.nodes.emplace_back();
        const char c = *p_;
        if (c == '{') {
            ++p_;
            t.nodes[me].type = JNode::Obj;
            uint32_t last = 0;
            if (consume('}'))
                return me + 1;
            for (;;) {
                ws();
                if (p_ >= e_)
                    fail("unexpected end of file in object");
                if (*p_ != '"')
                    fail("expected a member name");
                std::string_view k = string(t);
                expect(':');
                const uint32_t v = value(t, depth + 1);
                t.nodes[v - 1].key = k;
                if (last)
                    t.nodes[last - 1].next = v;
                else
                    t.nodes[me].first = v;
                last = v;
                if (consume(','))
                    continue;
                expect('}');
                return me + 1;
            }
        }
        if (c == '[') {
            ++p_;
            t.nodes[me].type = JNode::Arr;
            uint32_t last = 0;
            if (consume(']'))
                return me + 1;
            for (;;) {
                const uint32_t v = value(t, depth + 1);
                if (last)
                    t.nodes[last - 1].next = v;
                else
                    t.nodes[me].first = v;
                last = v;
                if (consume(','))
                    continue;
                expect(']');
                return me + 1;
            }
        }
        if (c == '"') {
            std::string_view s = string(t);
            t.nodes[me].type = JNode::Str;
            t.nodes[me].s = s;
            return me + 1;
        }
        if (c == 't' || c == 'f' || c == 'n') {
            auto word = [&](std::string_view w) {
                if (size_t(e_ - p_) < w.size() || std::string_view(p_, w.size()) != w)
                    fail("invalid literal");
                p_ += w.size();
            };
            if (c == 't') {
                word("true");
                t.nodes[me].type = JNode::Bool;
                t.nodes[me].b = true;
            } else if (c == 'f') {
                word("false");
                t.nodes[me].type = JNode::Bool;
            } else {
                word("null");
            }
            return me + 1;
        }
        if (c == '-' || (c >= '0' && c <= '9')) {
            t.nodes[me].type = JNode::Num;
            number(t.nodes[me]);
            return me + 1;
        }
        fail("unexpected character");
    }

    // Skips one value, validating it, without building anything.
    void skip(Tree& scratch)
    {
        scratch.clear();
        value(scratch);
    }

private:
    const char* b_;
    const char* p_;
    const char* e_;

    void number(JNode& n)
    {
        const char* s = p_;
        if (p_ < e_ && *p_ == '-')
            ++p_;
        if (p_ >= e_ || !isDigit(*p_))
            fail("invalid number");
        if (*p_ == '0') {
            ++p_;
        } else {
            while (p_ < e_ && isDigit(*p_))
                ++p_;
        }
        if (p_ < e_ && *p_ == '.') {
            ++p_;
            if (p_ >= e_ || !isDigit(*p_))
                fail("invalid number");
            while (p_ < e_ && isDigit(*p_))
                ++p_;
        }
        if (p_ < e_ && (*p_ == 'e' || *p_ == 'E')) {
            ++p_;
            if (p_ < e_ && (*p_ == '+' || *p_ == '-'))
                ++p_;
            if (p_ >= e_ || !isDigit(*p_))
                fail("invalid number");
            while (p_ < e_ && isDigit(*p_))
                ++p_;
        }
        n.s = std::string_view(s, size_t(p_ - s));
        // Fast path for the common literals ("12", "100.500"): the mantissa and the power of
        // ten are exact doubles, so one division rounds correctly.
        {
            const char* q = s;
            const bool neg = *q == '-';
            q += neg;
            uint64_t m = 0;
            int digits = 0, frac = 0;
            for (; q < p_ && isDigit(*q); ++q, ++digits)
                m = m * 10 + uint64_t(*q - '0');
            if (q < p_ && *q == '.')
                for (++q; q < p_ && isDigit(*q); ++q, ++digits, ++frac)
                    m = m * 10 + uint64_t(*q - '0');
            if (q == p_ && digits <= 15 && frac <= 15) {
                static constexpr double kPow10[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8,
                                                    1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
                n.num = double(m) / kPow10[frac];
                if (neg)
                    n.num = -n.num;
                return;
            }
        }
        auto r = std::from_chars(s, p_, n.num);
        if (r.ec == std::errc::result_out_of_range || !std::isfinite(n.num))
            n.num = HUGE_VAL;  // reported by whoever needs the value
    }
    static bool isDigit(char c) { return c >= '0' && c <= '9'; }

    static void put(std::string& out, uint32_t cp)
    {
        if (cp < 0x80) {
            out.push_back(char(cp));
        } else if (cp < 0x800) {
            out.push_back(char(0xC0 | (cp >> 6)));
            out.push_back(char(0x80 | (cp & 0x3F)));
        } else if (cp < 0x10000) {
            out.push_back(char(0xE0 | (cp >> 12)));
            out.push_back(char(0x80 | ((cp >> 6) & 0x3F)));
            out.push_back(char(0x80 | (cp & 0x3F)));
        } else {
            out.push_back(char(0xF0 | (cp >> 18)));
            out.push_back(char(0x80 | ((cp >> 12) & 0x3F)));
            out.push_back(char(0x80 | ((cp >> 6) & 0x3F)));
            out.push_back(char(0x80 | (cp & 0x3F)));
        }
    }
    uint32_t hex4()
    {
        if (e_ - p_ < 4)
            fail("truncated \\u escape");
        uint32_t v = 0;
        for (int i = 0; i < 4; ++i) {
            const char c = *p_++;
            v <<= 4;
            if (c >= '0' && c <= '9') v |= uint32_t(c - '0');
            else if (c >= 'a' && c <= 'f') v |= uint32_t(c - 'a' + 10);
            else if (c >= 'A' && c <= 'F') v |= uint32_t(c - 'A' + 10);
            else fail("invalid \\u escape");
        }
        return v;
    }
    // Validates one UTF-8 sequence starting at p_ (a byte >= 0x80) and steps over it.
    void utf8()
    {
        const auto c = static_cast<unsigned char>(*p_);
        int n;
        uint32_t cp;
        if (c >= 0xC2 && c <= 0xDF) { n = 2; cp = c & 0x1F; }
        else if (c >= 0xE0 && c <= 0xEF) { n = 3; cp = c & 0x0F; }
        else if (c >= 0xF0 && c <= 0xF4) { n = 4; cp = c & 0x07; }
        else fail("invalid UTF-8");
        if (e_ - p_ < n)
            fail("invalid UTF-8 (truncated)");
        for (int k = 1; k < n; ++k) {
            const auto d = static_cast<unsigned char>(p_[k]);
            if ((d & 0xC0) != 0x80)
                fail("invalid UTF-8");
            cp = (cp << 6) | (d & 0x3F);
        }
        if ((n == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
            fail("invalid UTF-8");
        p_ += n;
    }
    std::string_view string(Tree& t)
    {
        ++p_;  // opening quote
        const char* s = p_;
        // Fast path: no escapes.
        while (p_ < e_) {
            const auto c = static_cast<unsigned char>(*p_);
            if (c == '"') {
                std::string_view v(s, size_t(p_ - s));
                ++p_;
                return v;
            }
            if (c == '\\')
                break;
            if (c < 0x20)
                fail("control character in string");
            if (c >= 0x80)
                utf8();
            else
                ++p_;
        }
        if (p_ >= e_)
            fail("unterminated string");
        std::string& out = t.decoded.emplace_back(s, size_t(p_ - s));
        while (p_ < e_) {
            const auto c = static_cast<unsigned char>(*p_);
            if (c == '"') {
                ++p_;
                return out;
            }
            if (c < 0x20)
                fail("control character in string");
            if (c >= 0x80) {
                const char* q = p_;
                utf8();
                out.append(q, size_t(p_ - q));
                continue;
            }
            if (c != '\\') {
                out.push_back(char(c));
                ++p_;
                continue;
            }
            ++p_;
            if (p_ >= e_)
                fail("unterminated string");
            switch (*p_++) {
            case '"': out.push_back('"'); break;
            case '\\': out.push_back('\\'); break;
            case '/': out.push_back('/'); break;
            case 'b': out.push_back('\b'); break;
            case 'f': out.push_back('\f'); break;
            case 'n': out.push_back('\n'); break;
            case 'r': out.push_back('\r'); break;
            case 't': out.push_back('\t'); break;
            case 'u': {
                uint32_t cp = hex4();
                if (cp >= 0xD800 && cp <= 0xDBFF) {
                    if (e_ - p_ < 2 || p_[0] != '\\' || p_[1] != 'u')
                        fail("lone surrogate in \\u escape");
                    p_ += 2;
                    const uint32_t lo = hex4();
                    if (lo < 0xDC00 || lo > 0xDFFF)
                        fail("invalid surrogate pair");
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
                    fail("lone surrogate in \\u escape");
                }
                put(out, cp);
                break;
            }
            default: fail("invalid escape");
            }
        }
        fail("unterminated string");
    }
};

// ---------------------------------------------------------------- model building

constexpr double kMaxTsUs = 9.0e12;  // ~104 days: ns still fit in int64 with room

struct ImportError {
    std::string message;
};

struct TmpLane {
    int pid = 1, tid = 0;
    std::string name;
    int64_t sortIndex = -1;
    bool hasSort = false;
    size_t order = 0;           // first appearance
    int64_t minT = INT64_MAX, maxT = INT64_MIN;
    std::vector<std::pair<std::string, int64_t>> stack;  // open B spans (foreign)
    std::vector<std::pair<int64_t, int64_t>> spans;      // foreign spans, for run/idle
    bool hasStates = false;
    bool hasJoinTids = false;
    // From otherData.threadlens.lanes
    bool known = false;
    LaneInfo info;
    int64_t start = -1, end = -1;
    bool killed = false;
};

} // namespace

// Builds a Trace from parsed JSON (friend of Trace: sets the raw event count).
class TraceReader {
public:
    std::optional<Trace> read(std::string_view text, std::string* error);

private:
    Trace tr_;
    Tree tree_;
    Tree meta_;
    bool threadLens_ = false;
    size_t eventIndex_ = 0;
    std::vector<TmpLane> lanes_;
    std::unordered_map<uint64_t, uint32_t> laneOf_;            // pid<<32|tid -> tmp lane
    std::unordered_map<std::string, std::vector<size_t>> openHolds_;  // id -> open holds (FIFO)
    std::unordered_set<uint64_t> holdIds_;                     // ids in use: a repeated one is renumbered
    uint64_t nextHoldId_ = uint64_t(1) << 62;
    std::unordered_map<std::string, size_t> flowOf_;           // id -> index
    std::unordered_map<uint64_t, size_t> seriesOf_;            // object<<8|kind -> index
    std::unordered_map<std::string, std::vector<std::pair<ObjectId, CounterKind>>> counterNames_;
    std::unordered_map<std::string, ObjectId> objectByName_;
    std::unordered_map<std::string, uint32_t> stringIds_;
    std::vector<char> explicitRelease_;  // per hold: releasedBy already a final lane id
    int64_t minT_ = INT64_MAX;
    int64_t savedEvents_ = -1, savedSkipped_ = 0, savedDuration_ = 0;

    [[noreturn]] void fail(const std::string& what) const
    {
        throw ImportError{"event " + std::to_string(eventIndex_) + ": " + what};
    }
    void otherData(const JNode& od);
    void event(const JNode& ev);
    uint32_t lane(const JNode& ev);
    int64_t tsOf(const JNode& ev, const char* field = "ts");
    int64_t intArg(const JNode* n, const char* what, int64_t lo, int64_t hi);
    ObjectId objectArg(const JNode* args);
    uint32_t intern(std::string_view s);
    void finishModel();
    CounterSeries& series(ObjectId o, CounterKind k, std::string_view name);
};

namespace {
std::string_view strOf(const JNode* n) { return n && n->type == JNode::Str ? n->s : std::string_view(); }
} // namespace

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
    if (const JNode* n = t.child(*x, "duration"); n && n->type == JNode::Num && n->num >= 0 && n->num <= kMaxTsUs * 1000)
        savedDuration_ = int64_t(n->num);
    if (const JNode* n = t.child(*x, "skipped"); n && n->type == JNode::Num && n->num >= 0 && n->num < 1e15)
        savedSkipped_ = int64_t(n->num);
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
    auto arg = [&](const char* k) { return args ? tree_.child(*args, k) : nullptr; };
    auto idOf = [&](const JNode* n) -> std::string {
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
    };
    auto parseId = [](const std::string& s) -> uint64_t {
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
        return uint64_t(std::hash<std::string>{}(s) & 0xffffffffffffull);
    };

    switch (ph) {
    case 'M': {
        if (name != "thread_name" && name != "thread_sort_index")
            return;  // process_name and other metadata: nothing to model
        const uint32_t l = lane(ev);
        if (name == "thread_name") {
            lanes_[l].name = std::string(strOf(arg("name")));
        } else {
            const JNode* si = arg("sort_index");
            if (si) {
                lanes_[l].sortIndex = intArg(si, "sort_index", INT32_MIN, INT32_MAX);
                lanes_[l].hasSort = true;
            }
        }
        return;  // process_name and other metadata: nothing to model
    }
    case 'X': {
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
            std::string_view oc = strOf(arg("outcome"));
            if (oc.empty())
                oc = strOf(tree_.child(ev, "outcome"));
            outcomeFromName(oc, iv.outcome);
            // The joined thread is named by tid: kept in joinedLane until lanes are final.
            if (const JNode* th = arg("thread"); th && s == State::WaitJoin) {
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
            t.task = intArg(arg("task"), "task", INT64_MIN / 2, INT64_MAX / 2);
            const JNode* f = arg("future");
            t.future = f && f->type == JNode::Num && f->num >= 0 && f->num < double(tr_.objects.size()) ? ObjectId(f->num) : 0;
            const std::string_view oc = strOf(arg("outcome"));
            t.outcome = oc == "exception" ? 1 : oc == "cancelled" ? 2 : 0;
            t.value = std::string(strOf(arg("value")));
            if (const JNode* open = arg("open"); open && open->type == JNode::Bool && open->b)
                t.end = -1;
        } else {
            // A span from another tool: shown as a task, and as `run` on its lane.
            t.task = -1;
            t.value = std::string(name);
            tl.spans.push_back({ts, ts + dur});
        }
        tr_.tasks.push_back(std::move(t));
        return;
    }
    case 'B':
    case 'E': {
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
        return;
    }
    case 'b':
    case 'e': {
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
            if (!h.object && !arg("object") && !name.empty())
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
        if (const JNode* rb = arg("released_by_lane")) {
            h.releasedBy = LaneId(intArg(rb, "released_by_lane", 0, 65534));
            if (explicitRelease_.size() < tr_.holds.size())
                explicitRelease_.resize(tr_.holds.size());
            explicitRelease_[index] = 1;
        }
        it->second.erase(it->second.begin());
        if (it->second.empty())
            openHolds_.erase(it);
        return;
    }
    case 'i':
    case 'I': {
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
        auto num = [&](const char* k) { return intArg(arg(k), k, INT64_MIN / 2, INT64_MAX / 2); };
        switch (type) {
        case Ev::AcquireTry:
        case Ev::Cancel: in.a = num("ok"); break;
        case Ev::Notify: in.a = num("n"); break;
        case Ev::Put:
        case Ev::Get:
            in.text = std::string(strOf(arg("item")));
            in.a = num("seq");
            in.b = intern(in.text);
            break;
        case Ev::BarrierPass: in.a = num("index"); break;
        case Ev::Submit: in.a = num("task"); in.b = num("future"); break;
        case Ev::Callback: in.a = num("task"); break;
        case Ev::FutureState: {
            const std::string_view s = strOf(arg("state"));
            in.a = s == "RUNNING" ? 1 : s == "CANCELLED" ? 2 : s == "FINISHED" ? 3 : 0;
            break;
        }
        case Ev::Exception:
            in.text = std::string(strOf(arg("message")));
            in.a = intern(in.text);
            break;
        case Ev::Mark:
            in.text = std::string(strOf(arg("text")));
            in.a = intern(in.text);
            break;
        case Ev::VarRead:
        case Ev::VarWrite: in.a = num("value"); break;
        case Ev::ThreadRename:
            in.text = std::string(strOf(arg("name")));
            in.a = intern(in.text);
            in.b = num("lane");
            break;
        case Ev::Deadlock:
            in.text = std::string(strOf(arg("lanes")));
            in.a = intern(in.text);
            in.b = intern(strOf(arg("objects")));
            break;
        default:
            in.a = num("a");
            in.b = num("b");
            break;
        }
        tr_.instants.push_back(std::move(in));
        return;
    }
    case 'C': {
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
        return;
    }
    case 's':
    case 'f': {
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
        return;
    }
    // Valid Chrome phases this model has no place for.
    case 'n': case 'S': case 'T': case 'p': case 'F': case 't': case 'P': case 'O': case 'N':
    case 'D': case 'R': case 'c': case '(': case ')': case 'V': case 'v': case '=':
        ++tr_.skippedEvents;
        return;
    default:
        fail("unknown phase \"" + std::string(phn->s) + "\"");
    }
}

void TraceReader::finishModel()
{
    // Final lane ids: ThreadLens files give them (sort index = lane id); otherwise sort
    // index, then first appearance.
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
    tr_.lanes.resize(lanes_.size());
    std::vector<Lane> lanes(lanes_.size());
    const bool rebase = !threadLens_ && minT_ != INT64_MAX;
    const int64_t shift = rebase ? minT_ : 0;
    for (size_t tmp = 0; tmp < lanes_.size(); ++tmp) {
        TmpLane& tl = lanes_[tmp];
        Lane& l = lanes[remap[tmp]];
        l.intervals = std::move(tr_.lanes[tmp].intervals);
        l.info = tl.known ? tl.info : LaneInfo{};
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
        if (!tl.hasStates && tl.minT != INT64_MAX) {
            // Another tool's thread: `run` where some span is open, `idle` in between.
            std::sort(tl.spans.begin(), tl.spans.end());
            int64_t cur = tl.minT;
            for (auto [s, e] : tl.spans) {
                if (e <= cur)
                    continue;
                if (s > cur)
                    l.intervals.push_back(Interval{cur, s, State::Idle, Outcome::None, 0, -1});
                const int64_t from = std::max(s, cur);
                if (!l.intervals.empty() && l.intervals.back().state == State::Run && l.intervals.back().end == from)
                    l.intervals.back().end = e;
                else
                    l.intervals.push_back(Interval{from, e, State::Run, Outcome::None, 0, -1});
                cur = e;
            }
            if (cur < tl.maxT)
                l.intervals.push_back(Interval{cur, tl.maxT, State::Idle, Outcome::None, 0, -1});
        }
        std::stable_sort(l.intervals.begin(), l.intervals.end(), [](const Interval& a, const Interval& b) { return a.start < b.start; });
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
                throw ImportError{"no traceEvents array"};
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

} // namespace tl
