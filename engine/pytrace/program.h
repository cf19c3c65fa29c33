// SPDX-License-Identifier: MIT
#pragma once
#include "decoder.h"
#include "engine/model/trace.h"

#include <atomic>
#include <csignal>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace tl::pytrace {

struct ProgramOptions {
    std::string python;  // interpreter; empty = "python3" found on PATH
    std::string script;  // the program, as given
    std::vector<std::string> args;  // its own arguments
    bool captureOutput = false;  // false: stdout/stderr are the caller's; true: kept in output()
    std::string tracerDir;  // where _threadlens and threadlens_agent live; empty = default
    std::vector<std::string> env;  // extra NAME=value entries for the program
};

// One run of a real Python program under the tracer: starts CPython on the script (its own
// process group, stdin empty), serves the run's private socket (a 0700 directory of its own),
// decodes every process's records (Decoder) and feeds a Trace like ScenarioRun does: poll()
// while it runs, finish() at the end. Watches for deadlocks on traced locks; abort() ends the
// whole process tree.
//
// Threading contract: every member is called from one controller thread (the GUI thread, the
// command line); the receiver thread inside only fills the tables under the mutex.
class Program {
public:
    Program();
    ~Program();  // ends the process tree and the receiver
    Program(const Program&) = delete;
    Program& operator=(const Program&) = delete;

    // Checks the input and the interpreter, then starts. Returns false with error() set (a clear
    // sentence: missing file, a directory, no python3, too old a Python, no tracer for it...).
    bool start(const ProgramOptions& options);
    const std::string& error() const { return error_; }

    // Moves newly decoded events into `trace` (its metadata on the first call), all but those of
    // the last kSettleNs; runs the deadlock check. Returns how many events were ingested.
    size_t poll(Trace& trace);
    bool finished() const { return finished_.load(std::memory_order_acquire); }
    // Waits up to timeoutMs for the end (the program, its processes, their streams).
    bool wait(double timeoutMs);
    // Ends the process tree; finished() follows within a few milliseconds.
    void abort(std::string status = "aborted", std::string message = "aborted by the user");
    // After finished(): ingests the rest and closes the trace with the result.
    void finish(Trace& trace);

    int64_t elapsedNs() const;
    int pid() const { return pid_; }
    // The program's exit status (0-255), or -1 when it did not exit on its own (killed, aborted).
    int exitStatus() const { return exitStatus_.load(); }
    // What the program printed, when captureOutput (at most the last 256 KB).
    std::string output() const;
    const std::string& pythonVersion() const { return version_; }
    const std::string& pythonPath() const { return pythonPath_; }

    static constexpr int64_t kSettleNs = 20'000'000;
    static constexpr int64_t kMaxHoldBackNs = 1'000'000'000;  // a lagging process's limit on poll()
    // A cycle of untimed lock waits must stand this long before it is called a deadlock.
    static constexpr int64_t kDeadlockNs = 300'000'000;

    // Where the tracer is: $THREADLENS_PYTRACE_DIR, else next to the executable (../pytrace,
    // pytrace), else the build tree's. Empty when none has both files.
    static std::string defaultTracerDir();
    // PATH lookup like a shell's; empty when not found.
    static std::string findOnPath(const std::string& name);

private:
    void receive();
    void killTree();
    void fillMetadata(Trace& trace);
    size_t ingest(Trace& trace, int64_t upTo);
    void checkDeadlock(Trace& trace);

    ProgramOptions options_;
    std::string error_, version_, pythonPath_, dir_, socketPath_;
    int listenFd_ = -1, wakeRead_ = -1, wakeWrite_ = -1, outRead_ = -1;
    int pid_ = -1;
    std::atomic<int> exitStatus_{-1};
    std::atomic<int> exitSignal_{0};
    std::atomic<bool> finished_{false};
    std::atomic<bool> stopping_{false};
    std::thread receiver_;
    std::mutex pidsMutex_;  // a leaf: killTree takes it under mutex_ too
    std::vector<int> livePids_;  // the program's other processes with an open stream

    mutable std::mutex mutex_;
    RunTables tables_;
    std::string status_, message_;  // set by abort / deadlock / a bad stream (under mutex_)
    std::string output_;  // captured output (under mutex_)
    EventOrder order_;  // decoded, not yet in the model (newer than what every stream has sent)
    LockSequence locks_;  // what goes to the model: one holder per lock, handoffs forward
    std::vector<std::vector<Event>> chunks_;  // taken from tables_.events, given back emptied
    size_t lanesCopied_ = 0, objectsCopied_ = 0, stringsCopied_ = 0;
    bool metadataDone_ = false;
    std::string cycle_;  // the deadlock cycle seen last, and since when
    int64_t cycleSince_ = 0;
};

// Runs a program to its end (aborting it after timeoutMs, or as soon as *interrupted holds a
// signal number: the caller's own SIGINT/SIGTERM handler sets it) and returns the finished trace;
// for the command line and the tests. `program` reports the exit status and the error, if any.
Trace traceProgram(Program& program, const ProgramOptions& options, double timeoutMs,
                   const volatile std::sig_atomic_t* interrupted = nullptr);

}  // namespace tl::pytrace
