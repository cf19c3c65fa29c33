// SPDX-License-Identifier: MIT
#include "program.h"

#include "engine/record/clock.h"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace tl::pytrace {
namespace {

#ifndef TL_PYTRACE_BUILD_DIR
#define TL_PYTRACE_BUILD_DIR ""
#endif

bool isFile(const std::string& p)
{
    struct stat st {};
    return ::stat(p.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

bool hasTracer(const std::string& dir)
{
    return !dir.empty() && isFile(dir + "/_threadlens.abi3.so") && isFile(dir + "/threadlens_agent/__init__.py");
}

std::string dirOf(const std::string& p)
{
    const auto slash = p.rfind('/');
    return slash == std::string::npos ? "." : p.substr(0, slash);
}

void closeFd(int& fd)
{
    if (fd >= 0)
        ::close(fd);
    fd = -1;
}

// The environment for the program: ours, with the tracer's variables set.
std::vector<std::string> childEnv(const std::string& tracerDir, const std::string& socket,
                                  const std::vector<std::string>& extra)
{
    std::vector<std::string> env;
    std::string pythonPath = tracerDir;
    for (char** e = environ; *e; ++e) {
        const std::string v = *e;
        if (v.rfind("PYTHONPATH=", 0) == 0) {
            if (v.size() > 11)
                pythonPath += ":" + v.substr(11);
        } else if (v.rfind("THREADLENS_SOCKET=", 0) != 0) {
            env.push_back(v);
        }
    }
    env.push_back("PYTHONPATH=" + pythonPath);
    if (!socket.empty())
        env.push_back("THREADLENS_SOCKET=" + socket);
    env.insert(env.end(), extra.begin(), extra.end());
    return env;
}

std::vector<char*> cstrings(std::vector<std::string>& v)
{
    std::vector<char*> out;
    for (auto& s : v)
        out.push_back(s.data());
    out.push_back(nullptr);
    return out;
}

// Starts av with stdin empty (/dev/null) and stdout and stderr on `out` (-1: ours), in a process
// group of its own if asked. posix_spawn, not fork: a fork marks every page of this process
// copy-on-write, and the viewer then faults on each page it writes while the program streams (a
// window that showed a million holds has hundreds of MB). Returns the pid, or -1 with errno set.
pid_t spawn(std::vector<char*>& av, std::vector<char*>& ev, int out, bool ownGroup)
{
    posix_spawn_file_actions_t fa;
    posix_spawnattr_t attr;
    if (posix_spawn_file_actions_init(&fa) != 0)
        return -1;
    if (posix_spawnattr_init(&attr) != 0) {
        posix_spawn_file_actions_destroy(&fa);
        return -1;
    }
    int err = posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
    if (!err && out >= 0)
        err = posix_spawn_file_actions_adddup2(&fa, out, 1);
    if (!err && out >= 0)
        err = posix_spawn_file_actions_adddup2(&fa, out, 2);
    if (!err && ownGroup)
        err = posix_spawnattr_setpgroup(&attr, 0);
    if (!err && ownGroup)
        err = posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);
    pid_t pid = -1;
    if (!err)
        err = posix_spawn(&pid, av[0], &fa, &attr, av.data(), ev.data());
    posix_spawn_file_actions_destroy(&fa);
    posix_spawnattr_destroy(&attr);
    if (err) {
        errno = err;
        return -1;
    }
    return pid;
}

// Runs argv to its end with output captured (stdout and stderr); false if it could not start or
// ran longer than timeoutMs (then it is killed).
bool runCapture(std::vector<std::string> argv, std::vector<std::string> env, std::string& out, int timeoutMs)
{
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0)
        return false;
    auto av = cstrings(argv);
    auto ev = cstrings(env);
    const pid_t pid = spawn(av, ev, fds[1], false);
    ::close(fds[1]);
    if (pid < 0) {
        ::close(fds[0]);
        return false;
    }
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeoutMs);
    char buf[4096];
    bool timedOut = false;
    for (;;) {
        pollfd p{fds[0], POLLIN, 0};
        const auto left =
            std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now()).count();
        if (left <= 0) {
            timedOut = true;
            break;
        }
        if (::poll(&p, 1, int(left)) <= 0)
            continue;
        const ssize_t n = ::read(fds[0], buf, sizeof buf);
        if (n <= 0)
            break;
        if (out.size() < 65536)
            out.append(buf, size_t(n));
    }
    ::close(fds[0]);
    if (timedOut)
        ::kill(pid, SIGKILL);
    int st = 0;
    ::waitpid(pid, &st, 0);
    return !timedOut && WIFEXITED(st) && WEXITSTATUS(st) == 0;
}

// Asks the interpreter what it is and whether the tracer loads in it.
const char* const kProbe = "import sys\n"
                           "v = '%d.%d.%d' % sys.version_info[:3]\n"
                           "if sys.implementation.name != 'cpython' or sys.version_info < (3, 11):\n"
                           "    print('OLD', v, sys.implementation.name); sys.exit(0)\n"
                           "try:\n"
                           "    import _threadlens, threadlens_agent\n"
                           "except Exception as e:\n"
                           "    print('NOEXT', v, type(e).__name__ + ':', e); sys.exit(0)\n"
                           "print('OK', v)\n";

std::string lastLines(const std::string& s, size_t maxBytes)
{
    return s.size() <= maxBytes ? s : s.substr(s.size() - maxBytes);
}

}  // namespace

std::string Program::findOnPath(const std::string& name)
{
    if (name.find('/') != std::string::npos)
        return ::access(name.c_str(), X_OK) == 0 && isFile(name) ? name : std::string();
    const char* path = std::getenv("PATH");
    std::string p = path ? path : "/usr/local/bin:/usr/bin:/bin";
    size_t from = 0;
    while (from <= p.size()) {
        const size_t colon = std::min(p.find(':', from), p.size());
        std::string dir = p.substr(from, colon - from);
        if (dir.empty())
            dir = ".";
        const std::string cand = dir + "/" + name;
        if (::access(cand.c_str(), X_OK) == 0 && isFile(cand))
            return cand;
        from = colon + 1;
    }
    return {};
}

std::string Program::defaultTracerDir()
{
    if (const char* env = std::getenv("THREADLENS_PYTRACE_DIR"); env && hasTracer(env))
        return env;
    char exe[4096];
    const ssize_t n = ::readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        const std::string dir = dirOf(std::string(exe, size_t(n)));
        for (const std::string& cand : {dir + "/../pytrace", dir + "/pytrace", dir + "/../lib/threadlens/pytrace"})
            if (hasTracer(cand))
                return cand;
    }
    return hasTracer(TL_PYTRACE_BUILD_DIR) ? TL_PYTRACE_BUILD_DIR : std::string();
}

Program::Program() = default;

Program::~Program()
{
    if (pid_ > 0 && !finished_.load()) {
        stopping_.store(true);
        killTree();
    }
    if (wakeWrite_ >= 0) {
        const char c = 'x';
        [[maybe_unused]] auto r = ::write(wakeWrite_, &c, 1);
    }
    if (receiver_.joinable())
        receiver_.join();
    closeFd(listenFd_);
    closeFd(wakeRead_);
    closeFd(wakeWrite_);
    closeFd(outRead_);
    if (!socketPath_.empty())
        ::unlink(socketPath_.c_str());
    if (!dir_.empty())
        ::rmdir(dir_.c_str());
}

bool Program::start(const ProgramOptions& o)
{
    options_ = o;
    auto failWith = [this](std::string why) {
        error_ = std::move(why);
        return false;
    };
    // The program file.
    struct stat st {};
    if (o.script.empty())
        return failWith("no Python program given");
    if (::stat(o.script.c_str(), &st) != 0)
        return failWith(o.script + ": no such file");
    if (S_ISDIR(st.st_mode))
        return failWith(o.script + " is a directory, not a Python program");
    if (!S_ISREG(st.st_mode) || ::access(o.script.c_str(), R_OK) != 0)
        return failWith(o.script + " cannot be read");
    {
        const int fd = ::open(o.script.c_str(), O_RDONLY | O_CLOEXEC);
        char head[4096];
        const ssize_t n = fd >= 0 ? ::read(fd, head, sizeof head) : -1;
        if (fd >= 0)
            ::close(fd);
        if (n < 0)
            return failWith(o.script + " cannot be read");
        if (std::memchr(head, '\0', size_t(n)))
            return failWith(o.script + " is not a Python program (it is a binary file)");
    }
    // The interpreter.
    pythonPath_ = findOnPath(o.python.empty() ? "python3" : o.python);
    if (pythonPath_.empty())
        return failWith(o.python.empty() ? "no python3 on PATH: install CPython 3.11 or newer (Debian: apt install "
                                           "python3) or pass --python PATH"
                                         : "cannot run " + o.python + ": no such executable");
    const std::string tracer = o.tracerDir.empty() ? defaultTracerDir() : o.tracerDir;
    if (!hasTracer(tracer))
        return failWith(
            "the Python tracer is missing (a pytrace directory with _threadlens.abi3.so and threadlens_agent, "
            "next to the threadlens binary or in $THREADLENS_PYTRACE_DIR): rebuild ThreadLens");
    std::string probe;
    if (!runCapture(
            {pythonPath_, "-I", "-c", std::string("import sys; sys.path.insert(0, '") + tracer + "')\n" + kProbe},
            childEnv(tracer, {}, {}), probe, 20000))
        return failWith(pythonPath_ + " did not run (" + lastLines(probe, 400) + ")");
    if (probe.rfind("OLD ", 0) == 0)
        return failWith(pythonPath_ + " is " + probe.substr(4, probe.find('\n') - 4) +
                        ": ThreadLens traces CPython 3.11 or newer; pass --python with one");
    if (probe.rfind("NOEXT ", 0) == 0)
        return failWith("the tracer does not load in " + pythonPath_ + " (Python " +
                        probe.substr(6, probe.find(' ', 6) - 6) +
                        "): " + probe.substr(probe.find(' ', 6) + 1, probe.find('\n') - probe.find(' ', 6) - 1) +
                        "; it is built for CPython >= 3.11 (stable ABI) on this machine: rebuild ThreadLens");
    if (probe.rfind("OK ", 0) != 0)
        return failWith(pythonPath_ + " answered unexpectedly: " + lastLines(probe, 400));
    version_ = probe.substr(3, probe.find('\n') - 3);

    // The private channel: a socket in a directory only this user can open.
    char tmpl[] = "/tmp/threadlens-XXXXXX";
    if (const char* tmp = std::getenv("TMPDIR"); tmp && *tmp && std::strlen(tmp) < 60) {
        dir_ = std::string(tmp) + "/threadlens-XXXXXX";
    } else {
        dir_ = tmpl;
    }
    if (!::mkdtemp(dir_.data()))
        return failWith("cannot make a private directory for the run: " + std::string(strerror(errno)));
    socketPath_ = dir_ + "/s";
    listenFd_ = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    std::memcpy(addr.sun_path, socketPath_.c_str(), std::min(socketPath_.size() + 1, sizeof addr.sun_path - 1));
    if (listenFd_ < 0 || ::bind(listenFd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
        ::listen(listenFd_, 64) != 0)
        return failWith("cannot listen on " + socketPath_ + ": " + strerror(errno));
    int wake[2];
    if (::pipe2(wake, O_CLOEXEC) != 0)
        return failWith("cannot make a pipe: " + std::string(strerror(errno)));
    wakeRead_ = wake[0];
    wakeWrite_ = wake[1];
    int out[2] = {-1, -1};
    if (o.captureOutput && ::pipe2(out, O_CLOEXEC) != 0)
        return failWith("cannot make a pipe: " + std::string(strerror(errno)));
    outRead_ = out[0];

    std::vector<std::string> argv{pythonPath_, "-m", "threadlens_agent", o.script};
    argv.insert(argv.end(), o.args.begin(), o.args.end());
    std::vector<std::string> extra = o.env;
    if (o.captureOutput)
        extra.push_back("PYTHONUNBUFFERED=1");
    auto env = childEnv(tracer, socketPath_, extra);
    auto av = cstrings(argv);
    auto ev = cstrings(env);
    tables_.originNs = Clock::now();
    const pid_t pid = spawn(av, ev, out[1], true);  // its group exists before spawn returns
    closeFd(out[1]);
    if (pid < 0)
        return failWith("cannot start " + pythonPath_ + ": " + strerror(errno));
    pid_ = pid;
    receiver_ = std::thread([this] { receive(); });
    return true;
}

void Program::killTree()
{
    if (pid_ > 0) {
        ::kill(-pid_, SIGKILL);
        ::kill(pid_, SIGKILL);
    }
    // Processes of the program that left its process group (setsid, setpgid) are still connected.
    std::lock_guard lk(pidsMutex_);
    for (int p : livePids_)
        ::kill(p, SIGKILL);
}

void Program::abort(std::string status, std::string message)
{
    {
        std::lock_guard lk(mutex_);
        if (status_.empty()) {
            status_ = std::move(status);
            message_ = std::move(message);
        }
    }
    stopping_.store(true);
    killTree();
    const char c = 'x';
    [[maybe_unused]] auto r = ::write(wakeWrite_, &c, 1);
}

int64_t Program::elapsedNs() const
{
    std::lock_guard lk(mutex_);
    return pid_ > 0 ? Clock::now() - tables_.originNs : 0;
}

std::string Program::output() const
{
    std::lock_guard lk(mutex_);
    return output_;
}

void Program::receive()
{
    struct Conn {
        int fd;
        Decoder decoder;
        int pid = 0;  // the process, once it said hello
    };
    const auto notePid = [this](Conn& c, bool open) {
        std::lock_guard lk(pidsMutex_);
        if (open && !c.pid && c.decoder.pid() > 0 && c.decoder.pid() != pid_) {
            c.pid = c.decoder.pid();
            livePids_.push_back(c.pid);
        } else if (!open && c.pid) {
            std::erase(livePids_, c.pid);
        }
    };
    std::vector<std::unique_ptr<Conn>> conns;
    std::vector<char> buf(256 * 1024);
    bool reaped = false;
    int64_t reapedAt = 0;
    bool treeKilled = false;
    auto badStream = [this](const std::string& why) {
        std::lock_guard lk(mutex_);
        if (status_.empty()) {
            status_ = "error";
            message_ = "the traced program's record stream is invalid (" + why + ")";
        }
    };
    for (;;) {
        std::vector<pollfd> fds;
        fds.push_back({wakeRead_, POLLIN, 0});
        fds.push_back({listenFd_, POLLIN, 0});
        fds.push_back({outRead_, POLLIN, 0});
        for (auto& c : conns)
            fds.push_back({c->fd, POLLIN, 0});
        ::poll(fds.data(), fds.size(), 10);
        if (fds[0].revents & POLLIN) {
            char drain[64];
            [[maybe_unused]] auto r = ::read(wakeRead_, drain, sizeof drain);
        }
        if ((fds[1].revents & POLLIN) && conns.size() < 1024) {
            const int fd = ::accept4(listenFd_, nullptr, nullptr, SOCK_CLOEXEC);
            if (fd >= 0)
                conns.push_back(std::make_unique<Conn>(Conn{fd, Decoder(pid_)}));
        }
        if (outRead_ >= 0 && (fds[2].revents & (POLLIN | POLLHUP))) {
            const ssize_t n = ::read(outRead_, buf.data(), buf.size());
            if (n <= 0) {
                closeFd(outRead_);
            } else {
                std::lock_guard lk(mutex_);
                output_.append(buf.data(), size_t(n));
                if (output_.size() > 256 * 1024)
                    output_.erase(0, output_.size() - 192 * 1024);
            }
        }
        for (size_t i = 0; i < conns.size();) {
            Conn& c = *conns[i];
            const short re = fds[3 + i].revents;
            bool closed = false;
            if (re & (POLLIN | POLLHUP | POLLERR)) {
                const ssize_t n = ::read(c.fd, buf.data(), buf.size());
                const int64_t now = Clock::now();
                if (n > 0) {
                    std::lock_guard lk(mutex_);
                    if (!c.decoder.feed(buf.data(), size_t(n), tables_, now)) {
                        closed = true;
                    }
                } else if (n == 0 || (errno != EINTR && errno != EAGAIN)) {
                    std::lock_guard lk(mutex_);
                    c.decoder.close(tables_);
                    closed = true;
                }
                if (closed && !c.decoder.error().empty()) {
                    badStream(c.decoder.error());
                    stopping_.store(true);
                    killTree();
                }
            }
            notePid(c, !closed);
            if (closed) {
                ::close(c.fd);
                conns.erase(conns.begin() + long(i));
                fds.erase(fds.begin() + long(3 + i));
            } else {
                ++i;
            }
        }
        if (!reaped) {
            int st = 0;
            if (::waitpid(pid_, &st, WNOHANG) == pid_) {
                reaped = true;
                reapedAt = Clock::now();
                if (WIFEXITED(st))
                    exitStatus_.store(WEXITSTATUS(st));
                else if (WIFSIGNALED(st))
                    exitSignal_.store(WTERMSIG(st));
            }
        }
        if (reaped) {
            // The program has ended: what it started ends too, once the streams had a moment.
            const bool streamsDone = conns.empty();
            if (!treeKilled && (streamsDone || Clock::now() - reapedAt > 1'000'000'000)) {
                ::kill(-pid_, SIGKILL);
                treeKilled = true;
            }
            if (streamsDone || Clock::now() - reapedAt > 3'000'000'000) {
                std::lock_guard lk(mutex_);
                for (auto& c : conns) {
                    c->decoder.close(tables_);
                    ::close(c->fd);
                }
                conns.clear();
                std::lock_guard pl(pidsMutex_);
                livePids_.clear();
                break;
            }
        }
    }
    finished_.store(true, std::memory_order_release);
}

bool Program::wait(double timeoutMs)
{
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::microseconds(int64_t(timeoutMs * 1000));
    while (!finished()) {
        if (timeoutMs >= 0 && std::chrono::steady_clock::now() >= deadline)
            return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return true;
}

void Program::fillMetadata(Trace& trace)
{
    if (metadataDone_)
        return;
    metadataDone_ = true;
    const auto slash = options_.script.rfind('/');
    trace.title = slash == std::string::npos ? options_.script : options_.script.substr(slash + 1);
    trace.source = "python";
    trace.recorded = utcTimestamp();
    trace.program = options_.script;
    trace.python = version_;
    trace.result = RunResult{"running", {}};
}

size_t Program::ingest(Trace& trace, int64_t upTo)
{
    {
        std::lock_guard lk(mutex_);
        // No copy under the lock: the receiver waits on it and must keep reading the sockets.
        tables_.events.recycle(chunks_);
        tables_.events.takeAll(chunks_);
        for (; lanesCopied_ < tables_.lanes.size(); ++lanesCopied_) {
            Lane l;
            l.info = tables_.lanes[lanesCopied_];
            l.start = -1;
            trace.lanes.push_back(std::move(l));
        }
        if (trace.objects.size() < tables_.objects.size())
            trace.objects.insert(trace.objects.end(), tables_.objects.begin() + long(trace.objects.size()),
                                 tables_.objects.end());
        if (trace.strings.size() < tables_.strings.size())
            trace.strings.insert(trace.strings.end(), tables_.strings.begin() + long(trace.strings.size()),
                                 tables_.strings.end());
        trace.droppedRecords = tables_.dropped;
    }
    // Streams of different threads and processes interleave: ordered by time, the newest kept
    // back, as they may still get older company.
    return order_.pass(chunks_, upTo, [&](std::vector<Event>& batch) {
        locks_.apply(batch, [&trace](ObjectId o) {
            return o < trace.objects.size() ? trace.objects[o].kind : ObjectKind::Count;
        });
        trace.ingest(batch);
    });
}

void Program::checkDeadlock(Trace& trace)
{
    (void)trace;
    std::lock_guard lk(mutex_);
    if (!status_.empty())
        return;
    std::vector<ObjectId> via;
    const std::vector<int> cycle = findDeadlock(tables_, via);
    std::string lanes, objects;
    for (int l : cycle) {
        lanes += (lanes.empty() ? "" : ",") + std::to_string(l);
        if (via[size_t(l)])
            objects += (objects.empty() ? "" : ",") + std::to_string(via[size_t(l)]);
    }
    const int64_t now = Clock::now() - tables_.originNs;
    const std::string signature = lanes + "|" + objects;
    if (cycle.empty() || signature != cycle_) {
        cycle_ = cycle.empty() ? std::string() : signature;
        cycleSince_ = now;
        return;
    }
    if (now - cycleSince_ < kDeadlockNs)
        return;
    std::string text = "deadlock: ";
    for (size_t k = 0; k < cycle.size(); ++k) {
        const auto l = size_t(cycle[k]);
        const size_t next = size_t(cycle[(k + 1) % cycle.size()]);
        text += tables_.lanes[l].name;
        text += via[l] ? " waits for " + tables_.objects[via[l]].name + " held by " : std::string(" joins ");
        text += tables_.lanes[next].name;
        if (k + 1 < cycle.size())
            text += "; ";
    }
    const auto addString = [this](std::string s) {
        tables_.strings.push_back(std::move(s));
        return int64_t(tables_.strings.size() - 1);
    };
    const int64_t a = addString(lanes);
    const int64_t b = addString(objects);
    tables_.events.push_back(
        Event{std::max(now, tables_.lastT), via[size_t(cycle[0])], Ev::Deadlock, LaneId(cycle[0]), a, b});
    status_ = "deadlock";
    message_ = text;
    stopping_.store(true);
    killTree();
}

size_t Program::poll(Trace& trace)
{
    fillMetadata(trace);
    checkDeadlock(trace);
    // Up to what every streaming process has sent (its drain thread may lag on a busy machine:
    // what it sends late would land in the middle of the model's tables, at a cost that grows
    // with them), but never more than kMaxHoldBackNs behind.
    const int64_t now = elapsedNs();
    int64_t upTo = now - kSettleNs;
    {
        std::lock_guard lk(mutex_);
        for (const auto& [pid, mark] : tables_.watermarks)
            upTo = std::min(upTo, mark);
    }
    return ingest(trace, std::max(upTo, now - kMaxHoldBackNs));
}

void Program::finish(Trace& trace)
{
    fillMetadata(trace);
    wait(-1);
    ingest(trace, INT64_MAX);
    RunResult r;
    int64_t dropped;
    {
        std::lock_guard lk(mutex_);
        dropped = tables_.dropped;
        if (!tables_.python.empty())
            trace.python = tables_.python;
        if (!status_.empty()) {
            r = {status_, message_};
        } else if (tables_.haveResult) {
            const auto code = tables_.resultCode;
            switch (tables_.resultKind) {
            case ResultKind::Finished: r = {"finished", {}}; break;
            case ResultKind::Error: r = {"error", tables_.resultMessage}; break;
            case ResultKind::Exit:
                r = code == 0 ? RunResult{"finished", tables_.resultMessage}
                              : RunResult{"error", tables_.resultMessage + ": exit status " + std::to_string(code)};
                break;
            }
        } else if (exitSignal_.load()) {
            r = {"error", "the program was killed by signal " + std::to_string(exitSignal_.load()) + " (" +
                              strsignal(exitSignal_.load()) + ")"};
        } else {
            r = {"error", "python exited with status " + std::to_string(exitStatus_.load()) +
                              " before the tracer reported how the program ended"};
        }
    }
    // Items still queued when the program ended were never taken: their flows have no other end.
    std::erase_if(trace.flows, [](const Flow& f) { return f.kind == FlowKind::Item && f.toT < 0; });
    if (dropped > 0)
        r.message +=
            (r.message.empty() ? "" : "; ") + std::to_string(dropped) + " records dropped (the viewer fell behind)";
    trace.finish(trace.duration(), std::move(r));
}

Trace traceProgram(Program& program, const ProgramOptions& options, double timeoutMs,
                   const volatile std::sig_atomic_t* interrupted)
{
    Trace trace;
    if (!program.start(options)) {
        trace.title = options.script;
        trace.source = "python";
        trace.program = options.script;
        trace.finish(0, RunResult{"error", program.error()});
        return trace;
    }
    const auto started = std::chrono::steady_clock::now();
    while (!program.finished()) {
        program.poll(trace);
        if (const int sig = interrupted ? int(*interrupted) : 0) {
            const char* name = sig == SIGINT    ? "SIGINT"
                               : sig == SIGTERM ? "SIGTERM"
                               : sig == SIGHUP  ? "SIGHUP"
                                                : nullptr;
            program.abort("aborted",
                          std::string("ThreadLens was ended by ") + (name ? name : "signal " + std::to_string(sig)));
            program.wait(-1);
            break;
        }
        if (timeoutMs >= 0 &&
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count() > timeoutMs) {
            char secs[32];
            std::snprintf(secs, sizeof secs, "%g", timeoutMs / 1000);
            program.abort("aborted", std::string("timed out after ") + secs + " s");
            program.wait(-1);
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    program.finish(trace);
    return trace;
}

}  // namespace tl::pytrace
