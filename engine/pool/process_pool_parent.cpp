// SPDX-License-Identifier: MIT
// The process pool's parent side: the event pump that moves the workers' frames into their
// lanes, and CPython's helper threads (results, tasks, workers).
#include "process_pool_state.h"

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

namespace tl::pp {

namespace {

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
        case Ev::ThreadRename: e.a = tr(e.a); break;
        case Ev::TaskEnd: e.b = (e.b & 0xff) | (tr(e.b >> 8) << 8); break;
        case Ev::Put:
        case Ev::Get: e.b = tr(e.b); break;
        case Ev::ThreadEnd: w.endSeen = true; break;
        default: break;
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
        const std::string_view payload(body, head[1]);  // payloads reach 10 MB: read in place
        pos += 8 + head[1];
        switch (static_cast<Msg>(head[0])) {
        case Msg::Events: pumpEvents(p, w, payload.data(), payload.size()); break;
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
        default: break;
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
        if (ok)  // moved, unless imap_unordered's list needs them too (values reach 10 MB)
            for (size_t i = 0; i < values.size() && job.first + i < r.n; ++i)
                r.values[job.first + i] = r.kind == KImapUnordered ? values[i] : std::move(values[i]);
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
                ts.record(Ev::Exception, r.object,
                          p.run->recorder().intern(std::string("callback raised: ") + e.what()));
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
                } catch (const std::exception&) {}
            } catch (...) {}
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

}  // namespace

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
                const std::string text =
                    "worker process " + std::to_string(w->pid) + " died" +
                    (WIFSIGNALED(m.status) ? " (signal " + std::to_string(WTERMSIG(m.status)) + ")"
                                           : " (exit code " + std::to_string(WEXITSTATUS(m.status)) + ")");
                ts.record(Ev::Exception, p.object, p.run->recorder().intern(text));
            }
            if (job)
                deliver(p, ts, *job, false, {},
                        RemoteError{"RuntimeError", "worker process " + std::to_string(w->pid) +
                                                        " died while running task " + std::to_string(job->id)});
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

std::shared_ptr<ThreadState> startHelper(ProcessPoolShared& p, std::shared_ptr<ProcessPoolShared> keep,
                                         const std::string& name, void (*loop)(ProcessPoolShared&))
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

}  // namespace tl::pp
