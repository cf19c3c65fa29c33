// SPDX-License-Identifier: MIT
#include "process_pool.h"

#include "../control/gil.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <deque>
#include <exception>
#include <fcntl.h>
#include <mutex>
#include <poll.h>
#include <set>
#include <signal.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <unordered_map>

namespace tl {

// ---------------- registry and packing ----------------

namespace {

std::mutex g_registryMutex;
std::map<std::string, TaskFn>& registry()
{
    static std::map<std::string, TaskFn> r;
    return r;
}

void putU32(std::string& s, uint32_t v) { s.append(reinterpret_cast<const char*>(&v), 4); }
void putI64(std::string& s, int64_t v) { s.append(reinterpret_cast<const char*>(&v), 8); }
void putStr(std::string& s, const std::string& v)
{
    putU32(s, static_cast<uint32_t>(v.size()));
    s += v;
}

// Reads from a message; throws std::runtime_error on a truncated one.
struct Reader {
    const std::string& s;
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
        std::string v = s.substr(pos, n);
        pos += n;
        return v;
    }
};

} // namespace

void registerTask(const std::string& name, TaskFn fn)
{
    std::lock_guard lk(g_registryMutex);
    registry()[name] = std::move(fn);
}

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

int ProcessPool::defaultChunksize(size_t items, int processes)
{
    if (items == 0)
        return 1;
    const size_t d = 4 * static_cast<size_t>(std::max(1, processes));
    return static_cast<int>((items + d - 1) / d);
}

// ---------------- wire protocol ----------------
// Frames on each worker's socketpair: [u32 type][u32 length][payload].
// parent -> child: Init, Chunk, Stop.  child -> parent: Events, String, Result.

namespace {

enum class Msg : uint32_t { Init = 1, Chunk, Stop, Events, String, Result };

// Child string ids start here so the pump can tell them from parent ids.
constexpr uint32_t kChildStringBase = 1u << 30;

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

// Rebuilds a Python exception from its type name and message (parent side).
std::exception_ptr makeError(const std::string& type, const std::string& msg)
{
    if (type == "ValueError") return std::make_exception_ptr(ValueError(msg));
    if (type == "RuntimeError") return std::make_exception_ptr(RuntimeError(msg));
    if (type == "ZeroDivisionError") return std::make_exception_ptr(ZeroDivisionError(msg));
    if (type == "KeyError") return std::make_exception_ptr(KeyError(msg));
    if (type == "OSError") return std::make_exception_ptr(OSError(msg));
    if (type == "TimeoutError") return std::make_exception_ptr(TimeoutError(msg));
    if (type == "AttributeError") return std::make_exception_ptr(AttributeError(msg));
    // Other types keep their name: PyError stores a pointer, so names live in a set.
    static std::mutex m;
    static std::set<std::string> names;
    std::lock_guard lk(m);
    const std::string& stable = *names.insert(type).first;
    return std::make_exception_ptr(PyError(stable.c_str(), msg));
}

// An error as it crossed the process boundary: a type name and a message. Results keep this,
// not an exception object, so each thread that raises it throws its own copy (why: see
// PyError::raiseCopy).
struct RemoteError {
    std::string type;
    std::string message;
    [[noreturn]] void raise() const { std::rethrow_exception(makeError(type, message)); }
};
using MaybeError = std::optional<RemoteError>;

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

enum Kind { KApply, KMap, KImap, KImapUnordered };

} // namespace

// ---------------- shared state ----------------

struct ProcessResultShared {
    std::mutex m;
    std::condition_variable_any cv;
    ObjectId object = 0;
    int kind = KApply;
    std::string typeName;              // "ApplyResult", "MapResult", "IMapIterator"
    size_t n = 0;
    std::vector<std::optional<std::string>> values;
    size_t chunksLeft = 0;
    bool ready = false;                // every chunk arrived (or one failed: map), or apply done
    MaybeError error;                  // first error (apply/map: the result's)
    // imap: per-index error (ordered) / ready queue (unordered)
    std::vector<MaybeError> itemErrors;
    std::deque<std::pair<std::string, MaybeError>> unordered;
    size_t yielded = 0;                // imap: next index / count yielded
    Callback cb;
    ListCallback lcb;
    ErrorCallback ecb;
    int64_t lastTask = 0;
};

struct PpChunk {
    int64_t id = 0;       // task number (unique per pool)
    std::shared_ptr<ProcessResultShared> result;
    size_t first = 0;
    std::string fn;
    std::vector<std::string> items;
};

struct PpWorker {
    int index = 0;        // ForkPoolWorker-<index>
    pid_t pid = -1;
    int fd = -1;          // parent's end of the socketpair
    LaneId lane = 0;
    bool alive = true;    // until the pump saw its end
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
    int worker = 0;       // index into workers
    int status = 0;       // waitpid status (died)
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
    std::map<std::string, TaskFn> fns;   // snapshot: exists in every forked child

    std::mutex m;
    std::condition_variable_any cv;      // state changes: tasks, idle workers, results, exits
    PpState state = PpState::Run;
    std::deque<PpChunk> tasks;
    std::vector<std::unique_ptr<PpWorker>> workers;   // never shrinks (indices stay valid)
    std::deque<PpResultMsg> results;
    std::set<std::shared_ptr<ProcessResultShared>> cache;      // unfinished results
    int64_t nextTask = 0;
    int nextWorkerIndex = 0;
    int nextResultNumber = 0;
    int busy = 0;
    bool respawn = false;
    bool stopsSent = false;               // the task handler told every worker to stop
    std::vector<int> toClose;             // fds closed at destruction

    std::shared_ptr<ThreadState> workerHandler, taskHandler, resultHandler;
    std::thread pump;
    std::atomic<bool> pumpStop{false};
    int wakeFds[2] = {-1, -1};            // wakes the pump's poll when workers change
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

// ---------------- the worker process ----------------

namespace {

struct ChildContext {
    int fd = -1;
    uint32_t nextString = kChildStringBase;
    std::unordered_map<std::string, uint32_t> strings;
    EventBuffer* buffer = nullptr;
    std::vector<Event> scratch;
};

uint32_t childIntern(void* context, std::string_view s)
{
    auto* c = static_cast<ChildContext*>(context);
    if (s.empty())
        return 0;
    auto it = c->strings.find(std::string(s));
    if (it != c->strings.end())
        return it->second;
    const uint32_t id = c->nextString++;
    c->strings.emplace(std::string(s), id);
    std::string payload;
    putU32(payload, id);
    payload.append(s);
    sendFrame(c->fd, Msg::String, payload);  // sent before any event that uses it
    return id;
}

void flushEvents(ChildContext& c)
{
    c.scratch.clear();
    c.buffer->consume(c.scratch);
    if (c.scratch.empty())
        return;
    std::string payload(reinterpret_cast<const char*>(c.scratch.data()), c.scratch.size() * sizeof(Event));
    sendFrame(c.fd, Msg::Events, payload);
}

[[noreturn]] void childMain(ProcessPoolShared& p, int fd, int64_t startTicks)
{
    // Only this thread exists here. Do not touch the parent's locks (see ProcessPool).
    // No PR_SET_PDEATHSIG: it fires when the forking *thread* ends (the worker handler may end
    // before its workers). A child notices its parent's death as EOF on its socket instead.
    if (::getppid() != p.parentPid)
        ::_exit(1);
    ::signal(SIGPIPE, SIG_IGN);
    // Close every inherited descriptor but ours (other workers' sockets must see EOF when
    // their own process ends, and the parent's files are not ours).
    ::syscall(SYS_close_range, 3u, static_cast<unsigned>(fd - 1), 0u);
    ::syscall(SYS_close_range, static_cast<unsigned>(fd + 1), ~0u, 0u);

    uint32_t head[2];
    if (!recvAll(fd, head, sizeof head) || head[0] != uint32_t(Msg::Init))
        ::_exit(2);
    std::string init(head[1], '\0');
    if (!recvAll(fd, init.data(), init.size()))
        ::_exit(2);
    Reader ir{init};
    const auto lane = static_cast<LaneId>(ir.u32());
    const auto gilObject = static_cast<ObjectId>(ir.u32());
    const std::string name = ir.str();

    Run& run = *p.run;
    run.enterForkedChild(gilObject);
    auto* c = new ChildContext;
    c->fd = fd;
    c->buffer = new EventBuffer;
    auto* ts = new ThreadState(run, lane, name, false, c->buffer);
    ThreadState::bindCurrent(ts);
    Recorder::setThreadInternHook(&childIntern, c);

    c->buffer->append(Event{startTicks, 0, Ev::ThreadStart, lane, 0, 0});
    int status = 0;
    try {
        ts->takeGil();
        ts->setState(State::Run);
        if (p.opt.initializer)
            p.opt.initializer();
        int done = 0;
        for (;;) {
            ts->setState(State::Idle, p.object);
            ts->dropGil();
            flushEvents(*c);
            if (!recvAll(fd, head, sizeof head))
                break;  // the parent is gone
            if (head[0] == uint32_t(Msg::Stop))
                break;
            std::string msg(head[1], '\0');
            if (!recvAll(fd, msg.data(), msg.size()))
                break;
            ts->takeGil();
            ts->setState(State::Run);
            Reader r{msg};
            const int64_t chunk = r.i64();
            const auto object = static_cast<ObjectId>(r.u32());
            const uint32_t first = r.u32();
            const std::string fnName = r.str();
            const uint32_t count = r.u32();
            std::vector<std::string> items;
            items.reserve(count);
            for (uint32_t i = 0; i < count; ++i)
                items.push_back(r.str());
            ts->record(Ev::TaskBegin, object, chunk);
            flushEvents(*c);
            std::string result;
            putI64(result, chunk);
            int outcome = 0;
            std::string value;
            try {
                auto it = p.fns.find(fnName);
                if (it == p.fns.end())
                    throw AttributeError("Can't get attribute '" + fnName + "' on <module '__main__'>");
                std::vector<std::string> out;
                out.reserve(count);
                for (auto& item : items)
                    out.push_back(it->second(item));
                result.push_back(1);
                putU32(result, count);
                for (auto& v : out)
                    putStr(result, v);
                value = count == 1 ? out[0] : "[" + std::to_string(count) + " values]";
            } catch (const PyError& e) {
                result.push_back(0);
                putStr(result, e.pyType());
                putStr(result, e.what());
                outcome = 1;
                value = e.describe();
            } catch (const std::exception& e) {
                result.push_back(0);
                putStr(result, "Exception");
                putStr(result, e.what());
                outcome = 1;
                value = std::string("Exception: ") + e.what();
            }
            if (value.size() > 80)
                value = value.substr(0, 77) + "...";
            const std::string label = "chunk " + std::to_string(chunk) + " items " + std::to_string(first) +
                                      (count > 1 ? ".." + std::to_string(first + count - 1) : std::string()) +
                                      ": in " + formatBytes(msg.size()) + ", out " + formatBytes(result.size()) +
                                      " = " + value;
            ts->record(Ev::TaskEnd, object, chunk, outcome | (int64_t(run.recorder().intern(label)) << 8));
            flushEvents(*c);
            sendFrame(fd, Msg::Result, result);
            if (p.opt.maxtasksperchild > 0 && ++done >= p.opt.maxtasksperchild)
                break;
        }
    } catch (const PyError& e) {
        // An initializer that raises: the worker dies (Python restarts it endlessly).
        ts->record(Ev::Exception, 0, run.recorder().intern("Process " + name + ": " + e.describe()));
        status = 1;
    } catch (...) {
        status = 1;
    }
    if (ts->holdsGil())
        run.gil()->releaseAtEnd(*ts, 0);
    else
        ts->record(Ev::ThreadEnd, 0, 0);
    flushEvents(*c);
    ::_exit(status);
}

} // namespace

// ---------------- parent side ----------------

namespace {

// Forks one worker; the caller is a run thread, `p.m` is NOT held (fork with our own mutex
// held would leave it locked in the child; the child never touches it anyway).
void spawnWorker(ProcessPoolShared& p)
{
    int sv[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0)
        throw OSError(std::string("socketpair: ") + std::strerror(errno));
    int index;
    {
        std::lock_guard lk(p.m);
        index = ++p.nextWorkerIndex;
    }
    const int64_t startTicks = static_cast<int64_t>(Clock::ticks());
    // SIGTERM (terminate()) may come before the child resets the parent's handler (a test
    // framework's, an app's): keep it blocked across the fork, and let the child unblock it
    // once it has the default action.
    sigset_t term, old;
    sigemptyset(&term);
    sigaddset(&term, SIGTERM);
    ::pthread_sigmask(SIG_BLOCK, &term, &old);
    const pid_t pid = ::fork();
    if (pid == 0) {
        ::signal(SIGTERM, SIG_DFL);
        ::pthread_sigmask(SIG_UNBLOCK, &term, nullptr);
    } else {
        ::pthread_sigmask(SIG_SETMASK, &old, nullptr);
    }
    if (pid < 0) {
        ::close(sv[0]);
        ::close(sv[1]);
        throw OSError(std::string("fork: ") + std::strerror(errno));
    }
    if (pid == 0) {
        ::close(sv[0]);
        childMain(p, sv[1], startTicks);
    }
    ::close(sv[1]);
    const std::string name = "ForkPoolWorker-" + std::to_string(index) + " (pid " + std::to_string(pid) + ")";
    ThreadState* self = ThreadState::currentOrNull();
    Recorder& rec = p.run->recorder();
    const LaneId lane = rec.addLane(name, pid, 0, false, self ? self->lane() : 0);
    const ObjectId gil = p.run->options().gil ? rec.addObject(ObjectKind::Gil, "GIL (pid " + std::to_string(pid) + ")") : 0;
    std::string init;
    putU32(init, lane);
    putU32(init, gil);
    putStr(init, name);
    sendFrame(sv[0], Msg::Init, init);
    auto w = std::make_unique<PpWorker>();
    w->index = index;
    w->pid = pid;
    w->fd = sv[0];
    w->lane = lane;
    bool stopNow;
    {
        std::lock_guard lk(p.m);
        p.workers.push_back(std::move(w));
        p.toClose.push_back(sv[0]);
        stopNow = p.stopsSent;  // forked after the task handler's last Stop round
    }
    if (stopNow)
        sendFrame(sv[0], Msg::Stop, {});
    p.cv.notify_all();
    p.wakePump();
}

// Appends one child's events to its lane, translating the child's string ids.
void pumpEvents(ProcessPoolShared& p, PpWorker& w, const char* data, size_t n)
{
    EventBuffer& buf = p.run->recorder().buffer(w.lane);
    auto tr = [&](int64_t v) -> int64_t {
        if (v < int64_t(kChildStringBase))
            return v;
        auto it = w.strings.find(static_cast<uint32_t>(v));
        return it == w.strings.end() ? 0 : it->second;
    };
    for (size_t i = 0; i + sizeof(Event) <= n; i += sizeof(Event)) {
        Event e;
        std::memcpy(&e, data + i, sizeof e);
        e.lane = w.lane;
        switch (e.type) {
        case Ev::Mark:
        case Ev::Exception:
        case Ev::ThreadRename:
            e.a = tr(e.a);
            break;
        case Ev::TaskEnd:
            e.b = (e.b & 0xff) | (tr(e.b >> 8) << 8);
            break;
        case Ev::Put:
        case Ev::Get:
            e.b = tr(e.b);
            break;
        case Ev::ThreadEnd:
            w.endSeen = true;
            break;
        default:
            break;
        }
        buf.append(e);
    }
}

// Parses complete frames from w.inbuf. Results go to the result handler's queue.
void pumpFrames(ProcessPoolShared& p, PpWorker& w)
{
    size_t pos = 0;
    while (w.inbuf.size() - pos >= 8) {
        uint32_t head[2];
        std::memcpy(head, w.inbuf.data() + pos, 8);
        if (w.inbuf.size() - pos - 8 < head[1])
            break;
        const char* body = w.inbuf.data() + pos + 8;
        const std::string payload(body, head[1]);
        pos += 8 + head[1];
        switch (static_cast<Msg>(head[0])) {
        case Msg::Events:
            pumpEvents(p, w, payload.data(), payload.size());
            break;
        case Msg::String: {
            Reader r{payload};
            const uint32_t id = r.u32();
            w.strings[id] = p.run->recorder().intern(payload.substr(4));
            break;
        }
        case Msg::Result: {
            Reader r{payload};
            PpResultMsg m;
            m.worker = w.index;
            m.chunk = r.i64();
            r.need(1);
            m.ok = payload[r.pos++] != 0;
            if (m.ok) {
                const uint32_t n = r.u32();
                for (uint32_t i = 0; i < n; ++i)
                    m.values.push_back(r.str());
            } else {
                m.errType = r.str();
                m.errMsg = r.str();
            }
            m.bytes = payload.size();
            {
                std::lock_guard lk(p.m);
                p.results.push_back(std::move(m));
            }
            p.cv.notify_all();
            break;
        }
        default:
            break;
        }
    }
    w.inbuf.erase(0, pos);
}

// The worker ended (EOF): close its lane, reap it, tell the result handler.
void pumpEnd(ProcessPoolShared& p, PpWorker& w)
{
    int status = 0;
    for (int i = 0; i < 200; ++i) {  // the socket closes as the process exits: reaped at once
        const pid_t r = ::waitpid(w.pid, &status, WNOHANG);
        if (r == w.pid || r < 0)
            break;
        if (i == 199) {
            ::kill(w.pid, SIGKILL);
            ::waitpid(w.pid, &status, 0);
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    if (!w.endSeen)  // killed: its lane ends here, cut
        p.run->recorder().buffer(w.lane).append(
            Event{static_cast<int64_t>(Clock::ticks()), 0, Ev::ThreadEnd, w.lane, 1, 0});
    PpResultMsg m;
    m.died = true;
    m.worker = w.index;
    m.status = status;
    {
        std::lock_guard lk(p.m);
        w.alive = false;
        p.results.push_back(std::move(m));
    }
    p.cv.notify_all();
}

// The event pump: the single producer of every worker lane's buffer. Not a Python thread,
// so it has no lane of its own; it only moves bytes.
void pumpLoop(ProcessPoolShared& p)
{
    std::vector<char> buf(1 << 16);
    for (;;) {
        std::vector<PpWorker*> ws;
        {
            std::lock_guard lk(p.m);
            for (auto& w : p.workers)
                if (w->alive && w->fd >= 0)
                    ws.push_back(w.get());
        }
        if (p.pumpStop.load() && ws.empty())
            return;
        std::vector<pollfd> fds;
        fds.push_back(pollfd{p.wakeFds[0], POLLIN, 0});
        for (auto* w : ws)
            fds.push_back(pollfd{w->fd, POLLIN, 0});
        const int r = ::poll(fds.data(), fds.size(), 50);
        if (r < 0 && errno != EINTR)
            return;
        if (fds[0].revents & POLLIN) {
            char sink[64];
            [[maybe_unused]] ssize_t s = ::read(p.wakeFds[0], sink, sizeof sink);
        }
        for (size_t i = 1; i < fds.size(); ++i) {
            if (!fds[i].revents)
                continue;
            PpWorker& w = *ws[i - 1];
            const ssize_t n = ::recv(w.fd, buf.data(), buf.size(), MSG_DONTWAIT);
            if (n > 0) {
                w.inbuf.append(buf.data(), static_cast<size_t>(n));
                pumpFrames(p, w);
            } else if (n == 0 || (errno != EAGAIN && errno != EINTR)) {
                pumpFrames(p, w);
                pumpEnd(p, w);
            }
        }
    }
}

PpWorker* findWorker(ProcessPoolShared& p, int index)
{
    for (auto& w : p.workers)
        if (w->index == index)
            return w.get();
    return nullptr;
}

// Completes part of a result (result handler, p.m not held). Runs callbacks here, on the
// result handler's lane, before the result becomes ready (as CPython's _set does).
void deliver(ProcessPoolShared& p, ThreadState& ts, const PpChunk& job, bool ok, std::vector<std::string> values,
             MaybeError error)
{
    auto& r = *job.result;
    bool finished = false;
    bool fire = false;
    {
        std::lock_guard lk(r.m);
        if (r.ready)
            return;
        if (ok)
            for (size_t i = 0; i < values.size() && job.first + i < r.n; ++i)
                r.values[job.first + i] = values[i];
        if (r.kind == KImapUnordered) {
            if (ok)
                for (auto& v : values)
                    r.unordered.emplace_back(v, std::nullopt);
            else
                r.unordered.emplace_back(std::string(), error);
        } else if (r.kind == KImap && !ok) {
            for (size_t i = 0; i < job.items.size(); ++i)
                r.itemErrors[job.first + i] = error;
        }
        if (!ok && !r.error)
            r.error = error;
        --r.chunksLeft;
        // apply/map: one failure makes the whole result fail at once (Python's MapResult).
        finished = r.chunksLeft == 0 || (!ok && (r.kind == KApply || r.kind == KMap));
        fire = finished;
    }
    if (fire) {
        if (!job.result->error && (r.cb || r.lcb)) {
            ts.record(Ev::Callback, r.object, job.id);
            try {
                if (r.cb)
                    r.cb(r.values.empty() || !r.values[0] ? std::string() : *r.values[0]);
                else {
                    std::vector<std::string> all;
                    for (auto& v : r.values)
                        all.push_back(v.value_or(std::string()));
                    r.lcb(all);
                }
            } catch (const Aborted&) {
                throw;
            } catch (const std::exception& e) {
                ts.record(Ev::Exception, r.object, p.run->recorder().intern(std::string("callback raised: ") + e.what()));
            }
        } else if (job.result->error && r.ecb) {
            ts.record(Ev::Callback, r.object, job.id);
            try {
                job.result->error->raise();
            } catch (const PyError& e) {
                try {
                    r.ecb(e);
                } catch (const Aborted&) {
                    throw;
                } catch (const std::exception&) {
                }
            } catch (...) {
            }
        }
    }
    {
        std::lock_guard lk(r.m);
        if (finished)
            r.ready = true;
    }
    r.cv.notify_all();
    if (finished) {
        std::lock_guard lk(p.m);
        p.cache.erase(job.result);
    }
    p.cv.notify_all();
}

void resultHandlerLoop(ProcessPoolShared& p)
{
    ThreadState& ts = ThreadState::current();
    for (;;) {
        PpResultMsg m;
        std::optional<PpChunk> job;
        PpWorker* w = nullptr;
        {
            Resume resume(ts);
            std::unique_lock lk(p.m);
            ts.waitUntil(lk, p.cv, kForever, State::Idle, p.object, [&] {
                return !p.results.empty() || p.state == PpState::Terminate ||
                       (p.state == PpState::Close && p.cache.empty() && p.aliveWorkers() == 0);
            });
            if (p.results.empty())
                return;
            m = std::move(p.results.front());
            p.results.pop_front();
            w = findWorker(p, m.worker);
            if (w && w->inFlight && (m.died || w->inFlight->id == m.chunk)) {
                job = std::move(w->inFlight);
                w->inFlight.reset();
                w->busy = false;
                --p.busy;
                if (!m.died)
                    ++w->tasks;
                p.counters(ts);
            }
            if (m.died)
                p.respawn = true;
        }
        p.cv.notify_all();
        if (!w)
            continue;
        if (m.died) {
            const bool killed = WIFSIGNALED(m.status) || (WIFEXITED(m.status) && WEXITSTATUS(m.status) != 0);
            if (killed) {
                const std::string text = "worker process " + std::to_string(w->pid) + " died" +
                                         (WIFSIGNALED(m.status) ? " (signal " + std::to_string(WTERMSIG(m.status)) + ")"
                                                                : " (exit code " + std::to_string(WEXITSTATUS(m.status)) + ")");
                ts.record(Ev::Exception, p.object, p.run->recorder().intern(text));
            }
            if (job)
                deliver(p, ts, *job, false, {}, RemoteError{"RuntimeError", "worker process " + std::to_string(w->pid) +
                                                                             " died while running task " +
                                                                             std::to_string(job->id)});
            continue;
        }
        if (!job)
            continue;
        ts.record(Ev::Mark, p.object,
                  p.run->recorder().intern("chunk " + std::to_string(m.chunk) + " <- pid " + std::to_string(w->pid) +
                                           ": " + formatBytes(m.bytes)));
        deliver(p, ts, *job, m.ok, std::move(m.values), m.ok ? MaybeError() : RemoteError{m.errType, m.errMsg});
    }
}

void taskHandlerLoop(ProcessPoolShared& p)
{
    ThreadState& ts = ThreadState::current();
    for (;;) {
        PpChunk job;
        PpWorker* target = nullptr;
        {
            Resume resume(ts);
            std::unique_lock lk(p.m);
            auto idle = [&]() -> PpWorker* {
                for (auto& w : p.workers)
                    if (w->alive && !w->busy && !w->retiring)
                        return w.get();
                return nullptr;
            };
            ts.waitUntil(lk, p.cv, kForever, State::Idle, p.object, [&] {
                return p.state == PpState::Terminate || (!p.tasks.empty() && idle()) ||
                       (p.state == PpState::Close && p.tasks.empty());
            });
            if (p.state == PpState::Terminate)
                return;
            if (p.tasks.empty()) {  // closed and drained: tell every worker to stop
                p.stopsSent = true;
                std::vector<int> fds;
                for (auto& w : p.workers)
                    if (w->alive)
                        fds.push_back(w->fd);
                lk.unlock();
                for (int fd : fds)
                    sendFrame(fd, Msg::Stop, {});
                return;
            }
            target = idle();
            job = std::move(p.tasks.front());
            p.tasks.pop_front();
            target->busy = true;
            if (p.opt.maxtasksperchild > 0 && target->tasks + 1 >= p.opt.maxtasksperchild)
                target->retiring = true;
            ++p.busy;
            target->inFlight = job;
            p.counters(ts);
        }
        std::string msg;
        putI64(msg, job.id);
        putU32(msg, job.result->object);
        putU32(msg, static_cast<uint32_t>(job.first));
        putStr(msg, job.fn);
        putU32(msg, static_cast<uint32_t>(job.items.size()));
        for (auto& item : job.items)
            putStr(msg, item);
        ts.record(Ev::Mark, p.object,
                  p.run->recorder().intern("chunk " + std::to_string(job.id) + " -> pid " +
                                           std::to_string(target->pid) + ": " + std::to_string(job.items.size()) +
                                           (job.items.size() == 1 ? " item, " : " items, ") + formatBytes(msg.size())));
        // Writing to the pipe is blocking I/O: it releases the GIL.
        ts.setState(State::Io, p.object);
        ts.dropGil();
        sendFrame(target->fd, Msg::Chunk, msg);  // a dead worker: the pump reports it
        ts.takeGil();
        ts.setState(State::Run);
    }
}

void workerHandlerLoop(ProcessPoolShared& p)
{
    ThreadState& ts = ThreadState::current();
    for (;;) {
        int missing = 0;
        {
            Resume resume(ts);
            std::unique_lock lk(p.m);
            auto wanted = [&] {
                if (p.state == PpState::Terminate)
                    return true;
                if (p.state == PpState::Close && p.cache.empty())
                    return true;
                return p.respawn && (p.state == PpState::Run || !p.stopsSent);
            };
            ts.waitUntil(lk, p.cv, kForever, State::Idle, p.object, wanted);
            if (p.state == PpState::Terminate || (p.state == PpState::Close && p.cache.empty()))
                return;
            p.respawn = false;
            int live = 0;
            // A retiring worker still runs its last chunk: it is replaced once it has exited
            // (as _maintain_pool does), never before, so workers never outnumber `processes`.
            for (auto& w : p.workers)
                live += w->alive;
            missing = p.processes - live;
        }
        // Python's _maintain_pool: replace exited workers.
        for (int i = 0; i < missing; ++i)
            spawnWorker(p);
    }
}

std::shared_ptr<ThreadState> startHelper(ProcessPoolShared& p, std::shared_ptr<ProcessPoolShared> keep, const std::string& name,
                                         void (*loop)(ProcessPoolShared&))
{
    Run& run = *p.run;
    auto ts = run.createThread("Thread-" + std::to_string(run.nextThreadNumber()) + " (" + name + ")", true);
    run.startThread(ts, [keep = std::move(keep), loop] { loop(*keep); });
    return ts;
}

void waitEnded(ThreadState& self, const std::shared_ptr<ThreadState>& t)
{
    if (!t)
        return;
    Resume resume(self);
    std::unique_lock lk(t->endMutex);
    if (t->ended)
        return;
    self.setWaitingForLane(t->lane());
    self.waitUntil(lk, t->endCv, kForever, State::WaitJoin, 0, [&] { return t->ended; });
}

// After terminate(): waits (untraced: this may run while unwinding an abort) for the helper
// threads, stops the pump and closes the sockets.
void finalCleanup(ProcessPoolShared& p)
{
    for (auto* t : {&p.workerHandler, &p.taskHandler, &p.resultHandler}) {
        if (!*t)
            continue;
        std::unique_lock lk((*t)->endMutex);
        (*t)->endCv.wait(lk, [&] { return (*t)->ended || !(*t)->alive(); });
    }
    p.pumpStop = true;
    p.wakePump();
    if (p.pump.joinable())
        p.pump.join();
    for (int fd : p.toClose)
        ::close(fd);
    p.toClose.clear();
    ::close(p.wakeFds[0]);
    ::close(p.wakeFds[1]);
}

} // namespace

ProcessPool::ProcessPool(Run& run, int processes, std::function<void()> initializer)
    : ProcessPool(run, PoolOptions{processes, std::move(initializer), 0, {}, "Pool"})
{
}

ProcessPool::ProcessPool(Run& run, PoolOptions options) : p_(std::make_shared<ProcessPoolShared>())
{
    if (options.processes < 0)
        throw ValueError("Number of processes must be at least 1");
    p_->run = &run;
    p_->processes = options.processes > 0 ? options.processes
                                          : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    if (options.maxtasksperchild < 0)
        throw ValueError("maxtasksperchild must be a positive int or None");
    {
        std::lock_guard lk(g_registryMutex);
        p_->fns = registry();
    }
    for (auto& [name, fn] : options.functions)
        p_->fns[name] = fn;
    p_->opt = std::move(options);
    p_->object = run.recorder().addObject(ObjectKind::ProcessPool, p_->opt.name, p_->processes);
    p_->parentPid = ::getpid();
    if (::pipe2(p_->wakeFds, O_CLOEXEC | O_NONBLOCK) != 0)
        throw OSError("pipe2 failed");
    ::signal(SIGPIPE, SIG_IGN);
    ThreadState& self = ThreadState::current();
    self.record(Ev::Mark, p_->object,
                run.recorder().intern(p_->opt.name + "(processes=" + std::to_string(p_->processes) + ")"));
    p_->pump = std::thread([p = p_.get()] { pumpLoop(*p); });
    try {
        // Workers first (CPython forks them in __init__ before starting its threads).
        for (int i = 0; i < p_->processes; ++i)
            spawnWorker(*p_);
        p_->workerHandler = startHelper(*p_, p_, "_handle_workers", &workerHandlerLoop);
        p_->taskHandler = startHelper(*p_, p_, "_handle_tasks", &taskHandlerLoop);
        p_->resultHandler = startHelper(*p_, p_, "_handle_results", &resultHandlerLoop);
    } catch (...) {
        try {
            terminate();
        } catch (...) {
        }
        finalCleanup(*p_);
        throw;
    }
}

ProcessPool::~ProcessPool()
{
    try {
        terminate();
    } catch (...) {
    }
    // Waiting for the helper threads: they may need the GIL to finish.
    ThreadState* self = ThreadState::currentOrNull();
    const bool hadGil = self && self->holdsGil();
    if (hadGil) {
        self->setState(State::WaitJoin, p_->object);
        self->dropGil();
    }
    finalCleanup(*p_);
    if (hadGil && !self->stopRequested()) {
        try {
            self->takeGil();
        } catch (...) {
        }
        self->setState(State::Run);
    }
}

std::shared_ptr<ProcessResultShared> ProcessPool::submit(int kind, const std::string& fn, const std::vector<std::string>& items,
                                                  int chunksize, Callback cb, ListCallback lcb, ErrorCallback ecb)
{
    ThreadState& self = ThreadState::current();
    auto r = std::make_shared<ProcessResultShared>();
    r->kind = kind;
    r->n = items.size();
    r->values.resize(items.size());
    r->itemErrors.resize(items.size());
    r->cb = std::move(cb);
    r->lcb = std::move(lcb);
    r->ecb = std::move(ecb);
    r->typeName = kind == KApply ? "ApplyResult" : kind == KMap ? "MapResult" : "IMapIterator";
    if (chunksize < 1)
        chunksize = 1;
    const size_t nChunks = (items.size() + size_t(chunksize) - 1) / size_t(chunksize);
    {
        std::lock_guard lk(p_->m);
        if (p_->state != PpState::Run)
            throw ValueError("Pool not running");
        if (!p_->fns.count(fn))
            throw AttributeError("Can't pickle local object '" + fn + "'");
        r->object = p_->run->recorder().addObject(ObjectKind::Future,
                                                  r->typeName + "-" + std::to_string(++p_->nextResultNumber));
        r->chunksLeft = nChunks;
        if (nChunks == 0) {
            r->ready = true;
        } else {
            for (size_t c = 0; c < nChunks; ++c) {
                PpChunk job;
                job.id = ++p_->nextTask;
                job.result = r;
                job.first = c * size_t(chunksize);
                job.fn = fn;
                const size_t end = std::min(items.size(), job.first + size_t(chunksize));
                job.items.assign(items.begin() + static_cast<ptrdiff_t>(job.first),
                                 items.begin() + static_cast<ptrdiff_t>(end));
                self.record(Ev::Submit, p_->object, job.id, r->object);
                r->lastTask = job.id;
                p_->tasks.push_back(std::move(job));
            }
            p_->cache.insert(r);
        }
        p_->counters(self);
    }
    p_->cv.notify_all();
    if (nChunks == 0 && (r->cb || r->lcb)) {
        // map_async([]) completes at once; CPython calls the callback in the caller then.
        if (r->lcb)
            r->lcb({});
    }
    return r;
}

namespace {

void waitReady(ProcessResultShared& r, double timeoutMs)
{
    ThreadState& self = ThreadState::current();
    self.gate(Ev::StateChange, r.object, int64_t(State::WaitResult));
    Resume resume(self);
    std::unique_lock lk(r.m);
    self.waitUntil(lk, r.cv, timeoutMs, State::WaitResult, r.object, [&] { return r.ready; });
}

} // namespace

std::string AsyncResult::get(double timeoutMs)
{
    waitReady(*r_, timeoutMs);
    std::lock_guard lk(r_->m);
    if (!r_->ready)
        throw MpTimeoutError();
    if (r_->error)
        r_->error->raise();
    if (r_->values.size() == 1 && r_->values[0])
        return *r_->values[0];
    return {};
}

std::vector<std::string> AsyncResult::getList(double timeoutMs)
{
    waitReady(*r_, timeoutMs);
    std::lock_guard lk(r_->m);
    if (!r_->ready)
        throw MpTimeoutError();
    if (r_->error)
        r_->error->raise();
    std::vector<std::string> out;
    for (auto& v : r_->values)
        out.push_back(v.value_or(std::string()));
    return out;
}

void AsyncResult::wait(double timeoutMs) { waitReady(*r_, timeoutMs); }

bool AsyncResult::ready() const
{
    std::lock_guard lk(r_->m);
    return r_->ready;
}

bool AsyncResult::successful() const
{
    std::lock_guard lk(r_->m);
    if (!r_->ready)
        throw ValueError("<multiprocessing.pool." + r_->typeName + " object> not ready");
    return !r_->error.has_value();
}

ObjectId AsyncResult::object() const { return r_->object; }
ObjectId IMapIterator::object() const { return r_->object; }

std::optional<std::string> IMapIterator::next(double timeoutMs)
{
    ProcessResultShared& r = *r_;
    ThreadState& self = ThreadState::current();
    self.gate(Ev::StateChange, r.object, int64_t(State::WaitResult));
    Resume resume(self);
    std::unique_lock lk(r.m);
    auto have = [&] {
        if (r.yielded >= r.n)
            return true;
        if (r.kind == KImapUnordered)
            return !r.unordered.empty() || r.ready;
        return r.values[r.yielded].has_value() || r.itemErrors[r.yielded].has_value() || r.ready;
    };
    if (!self.waitUntil(lk, r.cv, timeoutMs, State::WaitResult, r.object, have))
        throw MpTimeoutError();
    if (r.yielded >= r.n)
        return std::nullopt;
    if (r.kind == KImapUnordered) {
        if (r.unordered.empty())  // ready with nothing left: a lost chunk (terminated)
            throw RuntimeError("result lost: the pool was terminated");
        auto [v, err] = std::move(r.unordered.front());
        r.unordered.pop_front();
        ++r.yielded;
        if (err)
            err->raise();
        return v;
    }
    const size_t i = r.yielded++;
    if (r.itemErrors[i])
        r.itemErrors[i]->raise();
    if (!r.values[i])
        throw RuntimeError("result lost: the pool was terminated");
    return *r.values[i];
}

std::string ProcessPool::apply(const std::string& fn, const std::string& arg)
{
    return applyAsync(fn, arg).get();
}

AsyncResult ProcessPool::applyAsync(const std::string& fn, const std::string& arg, Callback callback,
                                    ErrorCallback errorCallback)
{
    return AsyncResult(submit(KApply, fn, {arg}, 1, std::move(callback), {}, std::move(errorCallback)));
}

std::vector<std::string> ProcessPool::map(const std::string& fn, const std::vector<std::string>& items, int chunksize)
{
    return mapAsync(fn, items, chunksize).getList();
}

AsyncResult ProcessPool::mapAsync(const std::string& fn, const std::vector<std::string>& items, int chunksize,
                                  ListCallback callback, ErrorCallback errorCallback)
{
    if (chunksize <= 0)
        chunksize = defaultChunksize(items.size(), p_->processes);
    return AsyncResult(submit(KMap, fn, items, chunksize, {}, std::move(callback), std::move(errorCallback)));
}

IMapIterator ProcessPool::imap(const std::string& fn, const std::vector<std::string>& items, int chunksize)
{
    if (chunksize < 1)
        throw ValueError("Chunksize must be 1+, not " + std::to_string(chunksize));
    return IMapIterator(submit(KImap, fn, items, chunksize, {}, {}, {}));
}

IMapIterator ProcessPool::imapUnordered(const std::string& fn, const std::vector<std::string>& items, int chunksize)
{
    if (chunksize < 1)
        throw ValueError("Chunksize must be 1+, not " + std::to_string(chunksize));
    return IMapIterator(submit(KImapUnordered, fn, items, chunksize, {}, {}, {}));
}

std::vector<std::string> ProcessPool::starmap(const std::string& fn,
                                              const std::vector<std::vector<std::string>>& tuples, int chunksize)
{
    return starmapAsync(fn, tuples, chunksize).getList();
}

AsyncResult ProcessPool::starmapAsync(const std::string& fn, const std::vector<std::vector<std::string>>& tuples,
                                      int chunksize, ListCallback callback, ErrorCallback errorCallback)
{
    std::vector<std::string> packed;
    packed.reserve(tuples.size());
    for (auto& t : tuples)
        packed.push_back(packArgs(t));
    return mapAsync(fn, packed, chunksize, std::move(callback), std::move(errorCallback));
}

void ProcessPool::close()
{
    ThreadState::current().record(Ev::Mark, p_->object, p_->run->recorder().intern("close()"));
    {
        std::lock_guard lk(p_->m);
        if (p_->state == PpState::Run)
            p_->state = PpState::Close;
    }
    p_->cv.notify_all();
}

void ProcessPool::terminate()
{
    ThreadState* self = ThreadState::currentOrNull();
    std::vector<pid_t> pids;
    std::vector<std::shared_ptr<ProcessResultShared>> lost;
    {
        std::lock_guard lk(p_->m);
        if (p_->state == PpState::Terminate)
            return;
        p_->state = PpState::Terminate;
        for (auto& w : p_->workers)
            if (w->alive)
                pids.push_back(w->pid);
        lost.assign(p_->cache.begin(), p_->cache.end());
        p_->cache.clear();
        p_->tasks.clear();
    }
    if (self)
        self->record(Ev::Mark, p_->object, p_->run->recorder().intern("terminate()"));
    p_->cv.notify_all();
    for (pid_t pid : pids)
        ::kill(pid, SIGTERM);
    // Unfinished results never complete in Python (get() would hang); here they become ready
    // with an error so that nothing hangs.
    for (auto& r : lost) {
        {
            std::lock_guard lk(r->m);
            if (!r->ready) {
                if (!r->error)
                    r->error = RemoteError{"RuntimeError", "result lost: the pool was terminated"};
                r->ready = true;
            }
        }
        r->cv.notify_all();
    }
    // Wait (bounded) for the pump to see every worker end, so their lanes are closed.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    std::unique_lock lk(p_->m);
    while (p_->aliveWorkers() > 0 && std::chrono::steady_clock::now() < deadline) {
        lk.unlock();
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
        lk.lock();
    }
    for (auto& w : p_->workers)
        if (w->alive)
            ::kill(w->pid, SIGKILL);
}

void ProcessPool::join()
{
    ThreadState& self = ThreadState::current();
    {
        std::lock_guard lk(p_->m);
        if (p_->state == PpState::Run)
            throw ValueError("Pool is still running");
    }
    waitEnded(self, p_->workerHandler);
    waitEnded(self, p_->taskHandler);
    waitEnded(self, p_->resultHandler);
    Resume resume(self);
    std::unique_lock lk(p_->m);
    self.waitUntil(lk, p_->cv, kForever, State::WaitJoin, p_->object, [&] { return p_->aliveWorkers() == 0; });
}

int ProcessPool::processes() const { return p_->processes; }
ObjectId ProcessPool::object() const { return p_->object; }

std::vector<int> ProcessPool::pids() const
{
    std::lock_guard lk(p_->m);
    std::vector<int> out;
    for (auto& w : p_->workers)
        if (w->alive)
            out.push_back(w->pid);
    return out;
}

std::vector<LaneId> ProcessPool::workerLanes() const
{
    std::lock_guard lk(p_->m);
    std::vector<LaneId> out;
    for (auto& w : p_->workers)
        if (w->alive)
            out.push_back(w->lane);
    return out;
}

std::map<LaneId, int> ProcessPool::allWorkers() const
{
    std::lock_guard lk(p_->m);
    std::map<LaneId, int> out;
    for (auto& w : p_->workers)
        out[w->lane] = w->pid;
    return out;
}

LaneId ProcessPool::resultHandlerLane() const { return p_->resultHandler->lane(); }
LaneId ProcessPool::taskHandlerLane() const { return p_->taskHandler->lane(); }
LaneId ProcessPool::workerHandlerLane() const { return p_->workerHandler->lane(); }

} // namespace tl
