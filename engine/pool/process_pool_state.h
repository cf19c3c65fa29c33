// SPDX-License-Identifier: MIT
#pragma once
// The process pool's state shared by its parts (internal to engine/pool): the pool object
// (process_pool.cpp), the parent's helper threads and event pump (process_pool_parent.cpp)
// and the worker processes (process_pool_worker.cpp).
#include "process_pool.h"
#include "process_pool_wire.h"

#include <atomic>
#include <condition_variable>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <sys/types.h>
#include <thread>
#include <unordered_map>
#include <utility>
#include <vector>

namespace tl {

namespace pp {
enum Kind { KApply, KMap, KImap, KImapUnordered };
}  // namespace pp

struct ProcessResultShared {
    std::mutex m;
    std::condition_variable_any cv;
    ObjectId object = 0;
    int kind = pp::KApply;
    std::string typeName;  // "ApplyResult", "MapResult", "IMapIterator"
    size_t n = 0;
    std::vector<std::optional<std::string>> values;
    size_t chunksLeft = 0;
    bool ready = false;  // every chunk arrived (or one failed: map), or apply done
    pp::MaybeError error;  // first error (apply/map: the result's)
    // imap: per-index error (ordered) / ready queue (unordered)
    std::vector<pp::MaybeError> itemErrors;
    std::deque<std::pair<std::string, pp::MaybeError>> unordered;
    size_t yielded = 0;  // imap: next index / count yielded
    Callback cb;
    ListCallback lcb;
    ErrorCallback ecb;
    int64_t lastTask = 0;
};

struct PpChunk {
    int64_t id = 0;  // task number (unique per pool)
    std::shared_ptr<ProcessResultShared> result;
    size_t first = 0;
    std::string fn;
    std::vector<std::string> items;
};

struct PpWorker {
    int index = 0;  // ForkPoolWorker-<index>
    pid_t pid = -1;
    int fd = -1;  // parent's end of the socketpair
    LaneId lane = 0;
    bool alive = true;  // until the pump saw its end
    bool busy = false;
    bool retiring = false;  // ran maxtasksperchild chunks: exits by itself
    int tasks = 0;
    std::optional<PpChunk> inFlight;
    // pump-side
    std::string inbuf;
    bool endSeen = false;
    std::unordered_map<uint32_t, uint32_t> strings;
};

// What the pump hands the result handler.
struct PpResultMsg {
    bool died = false;
    int worker = 0;  // index into workers
    int status = 0;  // waitpid status (died)
    int64_t chunk = 0;
    bool ok = true;
    std::vector<std::string> values;
    std::string errType, errMsg;
    size_t bytes = 0;
};

enum class PpState { Run, Close, Terminate };

struct ProcessPoolShared {
    Run* run = nullptr;
    PoolOptions opt;
    int processes = 1;
    ObjectId object = 0;
    std::map<std::string, TaskFn> fns;  // snapshot: exists in every forked child

    std::mutex m;
    std::condition_variable_any cv;  // state changes: tasks, idle workers, results, exits
    PpState state = PpState::Run;
    std::deque<PpChunk> tasks;
    std::vector<std::unique_ptr<PpWorker>> workers;  // never shrinks (indices stay valid)
    std::deque<PpResultMsg> results;
    std::set<std::shared_ptr<ProcessResultShared>> cache;  // unfinished results
    int64_t nextTask = 0;
    int nextWorkerIndex = 0;
    int nextResultNumber = 0;
    int busy = 0;
    bool respawn = false;
    bool stopsSent = false;  // the task handler told every worker to stop
    std::vector<int> toClose;  // fds closed at destruction

    std::shared_ptr<ThreadState> workerHandler, taskHandler, resultHandler;
    std::thread pump;
    std::atomic<bool> pumpStop{false};
    int wakeFds[2] = {-1, -1};  // wakes the pump's poll when workers change
    pid_t parentPid = 0;

    int aliveWorkers() const
    {
        int n = 0;
        for (auto& w : workers)
            n += w->alive;
        return n;
    }
    void wakePump() const
    {
        const char c = 1;
        [[maybe_unused]] ssize_t r = ::write(wakeFds[1], &c, 1);
    }
    void counters(ThreadState& ts)
    {
        ts.record(Ev::Counter, object, int64_t(CounterKind::Busy), busy);
        ts.record(Ev::Counter, object, int64_t(CounterKind::Pending), static_cast<int64_t>(tasks.size()));
    }
};

namespace pp {

// Forks one worker (process_pool_worker.cpp); `p.m` must NOT be held.
void spawnWorker(ProcessPoolShared& p);

// The parent side (process_pool_parent.cpp): the event pump, CPython's three helper threads
// (_handle_results, _handle_tasks, _handle_workers), and the end of it all.
void pumpLoop(ProcessPoolShared& p);
void resultHandlerLoop(ProcessPoolShared& p);
void taskHandlerLoop(ProcessPoolShared& p);
void workerHandlerLoop(ProcessPoolShared& p);
std::shared_ptr<ThreadState> startHelper(ProcessPoolShared& p, std::shared_ptr<ProcessPoolShared> keep,
                                         const std::string& name, void (*loop)(ProcessPoolShared&));
void waitEnded(ThreadState& self, const std::shared_ptr<ThreadState>& t);
void finalCleanup(ProcessPoolShared& p);

}  // namespace pp

}  // namespace tl
