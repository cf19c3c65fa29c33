// SPDX-License-Identifier: MIT
#pragma once
#include "../control/run.h"

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace tl {

// A task function of a process pool: takes its serialized argument, returns its serialized
// result (Python pickles both; here they are plain strings). It runs in a worker PROCESS: it
// may use cpuWork/sleepMs/ioWait/mark, but no primitive of the parent (see ProcessPool).
using TaskFn = std::function<std::string(const std::string& arg)>;

// The process-wide registry of named task functions (Python's importable top-level
// functions). A pool snapshots it when it is created: its workers are forked then, so a
// function registered later does not exist in them (applying it raises like pickling a
// local object does in Python).
void registerTask(const std::string& name, TaskFn fn);

// starmap's argument tuples and other multi-value payloads: a length-prefixed encoding.
std::string packArgs(const std::vector<std::string>& args);
std::vector<std::string> unpackArgs(const std::string& packed);
// unpackArgs that checks the arity like f(*args) does: TypeError when it does not match.
std::vector<std::string> unpackArgs(const std::string& packed, size_t expected, const std::string& fnName);

struct PoolOptions {
    int processes = 0;  // 0 = os.cpu_count()
    std::function<void()> initializer;  // runs in each worker process when it starts
    int maxtasksperchild = 0;  // 0 = None: workers live as long as the pool
    // Task functions captured for this pool (in addition to the registry): lambdas may
    // capture anything; forked workers get a copy of it.
    std::map<std::string, TaskFn> functions;
    std::string name = "Pool";
};

class ProcessPool;
struct ProcessPoolShared;
struct ProcessResultShared;

using Callback = std::function<void(const std::string& value)>;
using ListCallback = std::function<void(const std::vector<std::string>& values)>;
using ErrorCallback = std::function<void(const PyError& error)>;

// multiprocessing.pool.AsyncResult (ApplyResult, MapResult). A cheap handle; any thread.
// get() re-raises the task's exception (its Python type and message); a get timeout raises
// MpTimeoutError; successful() before ready() raises ValueError("... not ready").
class AsyncResult {
public:
    std::string get(double timeoutMs = kForever);  // apply_async
    std::vector<std::string> getList(double timeoutMs = kForever);  // map_async/starmap_async
    void wait(double timeoutMs = kForever);
    bool ready() const;
    bool successful() const;
    ObjectId object() const;

private:
    friend class ProcessPool;
    explicit AsyncResult(std::shared_ptr<ProcessResultShared> r) : r_(std::move(r)) {}
    std::shared_ptr<ProcessResultShared> r_;
};

// multiprocessing.pool.IMapIterator (imap, imap_unordered): next() returns nullopt at the
// end (StopIteration); next(timeout) raises MpTimeoutError; a failed item re-raises its error.
class IMapIterator {
public:
    std::optional<std::string> next(double timeoutMs = kForever);
    ObjectId object() const;

private:
    friend class ProcessPool;
    explicit IMapIterator(std::shared_ptr<ProcessResultShared> r) : r_(std::move(r)) {}
    std::shared_ptr<ProcessResultShared> r_;
};

// Python's multiprocessing.Pool with REAL worker processes.
//
// Why fork (and not spawning the threadlens binary in a worker mode): task functions are C++
// callables that must exist in the worker; with fork they do (the child is a copy), just as
// Python's default Linux start method ("fork", up to 3.13) makes top-level functions exist in
// the children. Spawning would need every test and benchmark executable to understand a
// worker mode and a by-name registry in all of them. The hazard of forking a process that runs
// other threads (only the forking thread survives; a mutex another thread held stays locked
// forever in the child) is handled by what the child touches: its own socket, its own event
// buffer and ThreadState, its own GIL (Run::enterForkedChild), a lock-free intern hook, and
// read-only copies of the pool's function table; never the parent's Recorder mutex, Run
// locks, Qt or other pools. glibc's malloc is fork-safe. The child ends with _exit.
//
// Arguments and results really cross the process boundary, serialized over a socketpair per
// worker (framed messages); their byte sizes are shown in chunk marks and task values.
//
// Trace: one lane per worker process ("ForkPoolWorker-N (pid P)", LaneInfo::pid = P), written
// by the child on the same TSC clock and appended to that lane's buffer by one parent thread
// (the event pump: the buffer's single producer). The parent's helper threads are traced lanes
// as in CPython: "Thread-N (_handle_workers)", "(_handle_tasks)", "(_handle_results)".
// Callbacks run on the result-handler lane. Every chunk is one task: Submit (caller), a mark
// on the task handler when dispatched, TaskBegin/TaskEnd on the worker lane. A worker killed
// by a signal is reported as an Exception "worker process PID died", its chunk fails (Python
// would hang) and a replacement is forked.
//
// Threading contract: the pool is used by the run's threads (any of them); the destructor is
// Python's `with` exit: terminate(). Workers have their own GIL each in GIL mode.
class ProcessPool {
public:
    explicit ProcessPool(Run& run, PoolOptions options = {});
    ProcessPool(Run& run, int processes, std::function<void()> initializer = {});
    ~ProcessPool();
    ProcessPool(const ProcessPool&) = delete;
    ProcessPool& operator=(const ProcessPool&) = delete;

    std::string apply(const std::string& fn, const std::string& arg);
    AsyncResult applyAsync(const std::string& fn, const std::string& arg, Callback callback = {},
                           ErrorCallback errorCallback = {});
    // chunksize 0 = Python's default ceil(len / (4 * processes)).
    std::vector<std::string> map(const std::string& fn, const std::vector<std::string>& items, int chunksize = 0);
    AsyncResult mapAsync(const std::string& fn, const std::vector<std::string>& items, int chunksize = 0,
                         ListCallback callback = {}, ErrorCallback errorCallback = {});
    IMapIterator imap(const std::string& fn, const std::vector<std::string>& items, int chunksize = 1);
    IMapIterator imapUnordered(const std::string& fn, const std::vector<std::string>& items, int chunksize = 1);
    std::vector<std::string> starmap(const std::string& fn, const std::vector<std::vector<std::string>>& tuples,
                                     int chunksize = 0);
    AsyncResult starmapAsync(const std::string& fn, const std::vector<std::vector<std::string>>& tuples,
                             int chunksize = 0, ListCallback callback = {}, ErrorCallback errorCallback = {});

    void close();  // no more tasks; workers exit when the queue is done
    void terminate();  // kills the workers (SIGTERM) now; unfinished results fail
    void join();  // after close/terminate: waits for helper threads and workers

    int processes() const;
    ObjectId object() const;
    // Current worker pids and their lanes (a replaced worker is gone from these).
    std::vector<int> pids() const;
    std::vector<LaneId> workerLanes() const;
    // Every worker process this pool forked (including replaced ones): lane -> pid.
    std::map<LaneId, int> allWorkers() const;
    LaneId resultHandlerLane() const;
    LaneId taskHandlerLane() const;
    LaneId workerHandlerLane() const;

    // Default chunksize of map for n items.
    static int defaultChunksize(size_t items, int processes);

private:
    std::shared_ptr<ProcessResultShared> submit(int kind, const std::string& fn, const std::vector<std::string>& items,
                                                int chunksize, Callback cb, ListCallback lcb, ErrorCallback ecb);
    std::shared_ptr<ProcessPoolShared> p_;
};

}  // namespace tl
