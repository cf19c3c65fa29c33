// SPDX-License-Identifier: MIT
#include "json.h"

#include <charconv>
#include <cmath>
#include <cstring>

namespace tl::json {

uint32_t Json::value(Tree& t, int depth)
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

void Json::number(JNode& n)
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
            static constexpr double kPow10[] = {1e0, 1e1, 1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                                1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
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

void Json::put(std::string& out, uint32_t cp)
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

uint32_t Json::hex4()
{
    if (e_ - p_ < 4)
        fail("truncated \\u escape");
    uint32_t v = 0;
    for (int i = 0; i < 4; ++i) {
        const char c = *p_++;
        v <<= 4;
        if (c >= '0' && c <= '9')
            v |= uint32_t(c - '0');
        else if (c >= 'a' && c <= 'f')
            v |= uint32_t(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F')
            v |= uint32_t(c - 'A' + 10);
        else
            fail("invalid \\u escape");
    }
    return v;
}

void Json::utf8()
{
    const auto c = static_cast<unsigned char>(*p_);
    int n;
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
        fail("invalid UTF-8");
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

std::string_view Json::string(Tree& t)
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

}  // namespace tl::json
