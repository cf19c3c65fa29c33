// SPDX-License-Identifier: MIT
#pragma once
// The records a traced Python process sends to ThreadLens (engine/pytrace/agent writes them, the
// Receiver reads them). Shared by both sides; plain C++, no Python, no Qt.
//
// A connection is a stream of 32-byte records in the machine's byte order (both ends run on the
// same machine). Most are tl::Event-shaped events whose `type` is a tl::Ev and whose `thread`,
// `object`, string, hold and flow ids are the process's own; the receiver maps them onto the run's
// lanes and objects. Control records (type >= kControlBase) carry a text payload of `object` bytes
// right after the record, padded with zeros to a multiple of 8.
#include <cstdint>
#include <type_traits>

namespace tl::pytrace {

inline constexpr uint16_t kProtocolVersion = 2;
inline constexpr uint32_t kMaxText = 64 * 1024;  // longer texts are cut by the sender

struct Record {
    int64_t t;  // ns on the machine-wide clock (tl::Clock::toNs), 0 for control records
    uint32_t object;  // the process's object id; for control records the payload length
    uint16_t type;  // tl::Ev, or a Control
    uint16_t thread;  // the process's thread index (0 = main thread)
    int64_t a;
    int64_t b;
};
static_assert(sizeof(Record) == 32 && std::is_trivially_copyable_v<Record>);

enum Control : uint16_t {
    kControlBase = 0x100,
    Hello = kControlBase,  // first record: thread = kProtocolVersion, a = pid, b = parent pid; text: python version
    ThreadNew,  // thread = its index, a = parent index (-1 none), b = daemon; text: name
    ObjectNew,  // a = object id, b = kind | order << 8 | capacity << 16; text: name '\n' site
    String,  // a = string id (> 0); text: the string
    Dropped,  // a = records dropped since the last Dropped (full buffers)
    Result,  // a = ResultKind, b = exit code; text: message (traceback's last line)
    Bye,  // the process ends its stream cleanly
    Watermark,  // a = t: every event this process stamped before t has been sent
    ControlEnd
};

enum class ResultKind : int64_t { Finished = 0, Error = 1, Exit = 2 };

// Flags the agent adds to a StateChange's b (above the outcome byte).
inline constexpr int64_t kTimedWait = int64_t(1) << 16;  // the wait has a timeout: no deadlock edge

// Hold and flow ids: the creating thread's index above this many bits, a per-thread counter below.
inline constexpr int kIdThreadShift = 40;

}  // namespace tl::pytrace
