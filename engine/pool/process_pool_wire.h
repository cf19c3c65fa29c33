// SPDX-License-Identifier: MIT
#pragma once
// The process pool's wire (internal to engine/pool): how the parent and its worker processes
// talk over each worker's socketpair, and how values and errors are packed for the trip.
#include "../errors.h"

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <exception>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace tl::pp {

inline void putU32(std::string& s, uint32_t v) { s.append(reinterpret_cast<const char*>(&v), 4); }
inline void putI64(std::string& s, int64_t v) { s.append(reinterpret_cast<const char*>(&v), 8); }
inline void putStr(std::string& s, const std::string& v)
{
    putU32(s, static_cast<uint32_t>(v.size()));
    s += v;
}

// Reads from a message (a view: a frame is read where it arrived, not copied); throws
// std::runtime_error on a truncated one.
struct Reader {
    std::string_view s;
    size_t pos = 0;
    void need(size_t n) const
    {
        if (pos + n > s.size())
            throw std::runtime_error("truncated message");
    }
    uint32_t u32()
    {
        need(4);
        uint32_t v;
        std::memcpy(&v, s.data() + pos, 4);
        pos += 4;
        return v;
    }
    int64_t i64()
    {
        need(8);
        int64_t v;
        std::memcpy(&v, s.data() + pos, 8);
        pos += 8;
        return v;
    }
    std::string str()
    {
        const uint32_t n = u32();
        need(n);
        std::string v(s.substr(pos, n));
        pos += n;
        return v;
    }
};

// Frames on each worker's socketpair: [u32 type][u32 length][payload].
// parent -> child: Init, Chunk, Stop.  child -> parent: Events, String, Result.
enum class Msg : uint32_t { Init = 1, Chunk, Stop, Events, String, Result };

// Child string ids start here so the pump can tell them from parent ids.
constexpr uint32_t kChildStringBase = 1u << 30;

bool sendFrame(int fd, Msg type, const std::string& payload) noexcept;
bool recvAll(int fd, void* data, size_t n) noexcept;

// Rebuilds a Python exception from its type name and message (parent side).
std::exception_ptr makeError(const std::string& type, const std::string& msg);

// An error as it crossed the process boundary: a type name and a message. Results keep this,
// not an exception object, so each thread that raises it throws its own copy (why: see
// PyError::raiseCopy).
struct RemoteError {
    std::string type;
    std::string message;
    [[noreturn]] void raise() const { std::rethrow_exception(makeError(type, message)); }
};
using MaybeError = std::optional<RemoteError>;

// "512 B", "1.5 KB", "2.0 MB": payload sizes in the trace's marks and task labels.
std::string formatBytes(size_t n);

}  // namespace tl::pp
