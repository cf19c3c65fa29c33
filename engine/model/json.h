// SPDX-License-Identifier: MIT
#pragma once
// A strict, streaming JSON reader for trace files: one value at a time into a small reusable
// tree, so a file is read event by event without a document of the whole file. Errors throw
// ParseError with the byte offset.
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

namespace tl::json {

struct JNode {
    enum Type : uint8_t { Null, Bool, Num, Str, Arr, Obj } type = Null;
    bool b = false;
    double num = 0;
    std::string_view s;  // Str: decoded text; Num: the literal
    std::string_view key;  // member name inside an object
    uint32_t first = 0;  // first child + 1 (0 = none)
    uint32_t next = 0;  // next sibling + 1 (0 = none)
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
    template <class F> void each(const JNode& n, F f) const
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
    uint32_t value(Tree& t, int depth = 0);

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

    void number(JNode& n);
    static bool isDigit(char c) { return c >= '0' && c <= '9'; }

    static void put(std::string& out, uint32_t cp);
    uint32_t hex4();
    // Validates one UTF-8 sequence starting at p_ (a byte >= 0x80) and steps over it.
    void utf8();
    std::string_view string(Tree& t);
};

}  // namespace tl::json
