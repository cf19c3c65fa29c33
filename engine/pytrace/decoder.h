// SPDX-License-Identifier: MIT
#pragma once
#include "engine/record/event.h"
#include "engine/record/recorder.h"
#include "event_order.h"
#include "wire.h"

#include <cstdint>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

namespace tl::pytrace {

// What every connection of one traced program adds to: the run's lanes, objects and strings (ids
// as the model numbers them), the events decoded so far, and what the deadlock check needs.
// Plain data: the owner (Program) guards it with its mutex.
struct RunTables {
    int64_t originNs = 0;  // tl::Clock::now() when the program was started
    std::vector<LaneInfo> lanes;  // index = LaneId
    std::vector<ObjectInfo> objects;  // index = ObjectId; [0] is the "none" placeholder
    std::vector<std::string> strings;  // index = string id; [0] = ""
    EventChunks events;  // decoded, not yet taken by the model
    int64_t dropped = 0;  // records the processes reported dropped
    int64_t lastT = 0;  // newest event time (ns since origin)
    // Per process still streaming: all its events stamped before this (ns since origin) are in.
    std::unordered_map<int, int64_t> watermarks;

    // Deadlock bookkeeping, from events as they are decoded (the newest known state).
    std::vector<ObjectId> waitingOn;  // per lane: lock it waits for without a timeout, 0 = none
    std::vector<int> joining;  // per lane: lane it joins without a timeout, -1 = none
    std::unordered_map<ObjectId, int> holder;  // lock -> holding lane

    // The first process's result (the program itself), once it said how it ended.
    bool haveResult = false;
    ResultKind resultKind = ResultKind::Finished;
    int64_t resultCode = 0;
    std::string resultMessage;
    std::string python;  // the first process's Python version

    static constexpr size_t kMaxLanes = Recorder::kMaxLanes;
    static constexpr size_t kMaxObjects = 4'000'000;
    static constexpr uint32_t kMaxObjectId = 1u << 24;  // a process's object ids are dense from 1
    static constexpr size_t kMaxStrings = 4'000'000;

    RunTables();
};

// Decodes one connection's records (engine/pytrace/wire.h) into RunTables.
//
// The stream is untrusted input: another program could write anything to it. Every length,
// index, enum value and id is checked before use; the first violation stops the decoder with a
// one-line reason (error()) and nothing is added for the offending record. Bounded memory: a
// record is decoded once its bytes are complete, a partial one waits in a buffer of at most one
// record and its payload.
//
// Threading contract: one thread feeds one Decoder; `tables` is passed in by the caller, who
// holds whatever lock guards it.
class Decoder {
public:
    // programPid: the program's own process; its greeting makes this the first connection,
    // whose result and Python version count for the run.
    explicit Decoder(int programPid) : programPid_(programPid) {}

    // Decodes what `data` completes. Returns false once the stream is invalid (see error()).
    bool feed(const char* data, size_t n, RunTables& tables, int64_t nowNs);
    // The peer closed the stream: false if it stopped mid-record (error() says so). Lanes still
    // alive get their end (killed = they did not end on their own: daemon threads, a killed process).
    bool close(RunTables& tables);

    const std::string& error() const { return error_; }
    bool said_bye() const { return bye_; }
    int pid() const { return pid_; }

private:
    bool fail(std::string why);
    bool handle(const Record& r, const char* text, RunTables& tables, int64_t nowNs);
    bool control(const Record& r, const char* text, RunTables& tables);
    bool event(Record r, RunTables& tables, int64_t nowNs);
    bool lane(uint64_t thread, LaneId& out);
    bool object(uint64_t raw, RunTables& tables, ObjectId& out);
    bool id(int64_t raw, int64_t& out);  // hold / flow ids: remapped onto run-unique ones
    bool str(int64_t raw, int64_t& out);
    std::string laneName(std::string name) const;  // a child process's lanes carry its pid

    int programPid_;
    bool first_ = false;
    bool hello_ = false;
    bool bye_ = false;
    int pid_ = 0;
    std::string error_;
    std::vector<char> partial_;
    // Flat tables, looked up for every event: thread index -> lane (-1 none), process object
    // id -> run object (0 none), thread index -> last t while the lane is alive (-1 not alive).
    std::vector<int32_t> lanes_;
    std::vector<ObjectId> objects_;
    std::vector<int64_t> alive_;
    // A forked child re-announces its parent's objects: made run objects only once it uses them.
    std::unordered_map<uint32_t, ObjectInfo> inherited_;
    std::unordered_map<int64_t, int64_t> strings_;  // process string id -> run string id
};

// Checks `tables` for a cycle of threads that wait, without a timeout, for locks held by (or the
// end of) the next one. Returns the cycle's lanes (empty = none) and, per lane, the lock it waits for.
std::vector<int> findDeadlock(const RunTables& tables, std::vector<ObjectId>& via);

}  // namespace tl::pytrace
