// SPDX-License-Identifier: MIT
// The process pool's worker processes: forking one, and its main loop in the child (receive a
// chunk, run its task function, send the events and the result back).
#include "process_pool_state.h"

#include "../control/gil.h"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <signal.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace tl::pp {

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
                // Each value goes straight into the result frame (values reach 10 MB; the
                // task's label keeps only the head of a single one). An error drops them.
                result.push_back(1);
                putU32(result, count);
                for (auto& item : items) {
                    const std::string v = it->second(item);
                    if (count == 1)
                        value = v.substr(0, 81);
                    putStr(result, v);
                }
                if (count != 1)
                    value = "[" + std::to_string(count) + " values]";
            } catch (const PyError& e) {
                result.resize(sizeof(int64_t));  // the chunk id only
                result.push_back(0);
                putStr(result, e.pyType());
                putStr(result, e.what());
                outcome = 1;
                value = e.describe();
            } catch (const std::exception& e) {
                result.resize(sizeof(int64_t));
                result.push_back(0);
                putStr(result, "Exception");
                putStr(result, e.what());
                outcome = 1;
                value = std::string("Exception: ") + e.what();
            }
            if (value.size() > 80)
                value = value.substr(0, 77) + "...";
            const std::string label = "chunk " + std::to_string(chunk) + " items " + std::to_string(first) +
                                      (count > 1 ? ".." + std::to_string(first + count - 1) : std::string()) + ": in " +
                                      formatBytes(msg.size()) + ", out " + formatBytes(result.size()) + " = " + value;
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
    ts->recordCpuClock();
    if (ts->holdsGil())
        run.gil()->releaseAtEnd(*ts, 0);
    else
        ts->record(Ev::ThreadEnd, 0, 0);
    flushEvents(*c);
    ::_exit(status);
}

}  // namespace

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
    const ObjectId gil =
        p.run->options().gil ? rec.addObject(ObjectKind::Gil, "GIL (pid " + std::to_string(pid) + ")") : 0;
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

}  // namespace tl::pp
