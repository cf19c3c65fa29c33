// SPDX-License-Identifier: MIT
#include "process_pool_wire.h"
#include "process_pool.h"

#include <cerrno>
#include <cstdio>
#include <mutex>
#include <set>
#include <sys/socket.h>

namespace tl {

namespace pp {

bool sendAll(int fd, const void* data, size_t n) noexcept
{
    const char* p = static_cast<const char*>(data);
    while (n > 0) {
        const ssize_t w = ::send(fd, p, n, MSG_NOSIGNAL);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            return false;
        }
        p += w;
        n -= static_cast<size_t>(w);
    }
    return true;
}

bool sendFrame(int fd, Msg type, const std::string& payload) noexcept
{
    uint32_t head[2] = {static_cast<uint32_t>(type), static_cast<uint32_t>(payload.size())};
    return sendAll(fd, head, sizeof head) && sendAll(fd, payload.data(), payload.size());
}

bool recvAll(int fd, void* data, size_t n) noexcept
{
    char* p = static_cast<char*>(data);
    while (n > 0) {
        const ssize_t r = ::recv(fd, p, n, 0);
        if (r == 0)
            return false;
        if (r < 0) {
            if (errno == EINTR)
                continue;
            return false;
        }
        p += r;
        n -= static_cast<size_t>(r);
    }
    return true;
}

std::exception_ptr makeError(const std::string& type, const std::string& msg)
{
    if (type == "ValueError")
        return std::make_exception_ptr(ValueError(msg));
    if (type == "RuntimeError")
        return std::make_exception_ptr(RuntimeError(msg));
    if (type == "ZeroDivisionError")
        return std::make_exception_ptr(ZeroDivisionError(msg));
    if (type == "KeyError")
        return std::make_exception_ptr(KeyError(msg));
    if (type == "OSError")
        return std::make_exception_ptr(OSError(msg));
    if (type == "TimeoutError")
        return std::make_exception_ptr(TimeoutError(msg));
    if (type == "AttributeError")
        return std::make_exception_ptr(AttributeError(msg));
    // Other types keep their name: PyError stores a pointer, so names live in a set.
    static std::mutex m;
    static std::set<std::string> names;
    std::lock_guard lk(m);
    const std::string& stable = *names.insert(type).first;
    return std::make_exception_ptr(PyError(stable.c_str(), msg));
}

std::string formatBytes(size_t n)
{
    if (n < 1024)
        return std::to_string(n) + " B";
    char text[32];
    if (n < 1024 * 1024)
        std::snprintf(text, sizeof text, "%.1f KB", double(n) / 1024);
    else
        std::snprintf(text, sizeof text, "%.1f MB", double(n) / (1024 * 1024));
    return text;
}

}  // namespace pp

using namespace pp;

std::string packArgs(const std::vector<std::string>& args)
{
    std::string s;
    putU32(s, static_cast<uint32_t>(args.size()));
    for (const auto& a : args)
        putStr(s, a);
    return s;
}

std::vector<std::string> unpackArgs(const std::string& packed)
{
    Reader r{packed};
    const uint32_t n = r.u32();
    std::vector<std::string> out;
    out.reserve(n);
    for (uint32_t i = 0; i < n; ++i)
        out.push_back(r.str());
    return out;
}

std::vector<std::string> unpackArgs(const std::string& packed, size_t expected, const std::string& fnName)
{
    auto args = unpackArgs(packed);
    if (args.size() != expected)
        throw PyError("TypeError", fnName + "() takes " + std::to_string(expected) + " positional arguments but " +
                                       std::to_string(args.size()) + " were given");
    return args;
}

}  // namespace tl
