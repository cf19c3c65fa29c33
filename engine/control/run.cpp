// SPDX-License-Identifier: MIT
#include "run.h"

#include "gil.h"
#include "step.h"
#include "../work.h"

#include <algorithm>
#include <cmath>
#include <pthread.h>
#include <sched.h>
#include <stdexcept>
#include <sys/syscall.h>
#include <system_error>
#include <time.h>
#include <unistd.h>

namespace tl {

namespace {
thread_local ThreadState* t_current = nullptr;
}

const char* statusName(RunStatus s) noexcept
{
    switch (s) {
    case RunStatus::NotStarted: return "not started";
    case RunStatus::Running: return "running";
    case RunStatus::Finished: return "finished";
    case RunStatus::Aborted: return "aborted";
    case RunStatus::Deadlock: return "deadlock";
    case RunStatus::Error: return "error";
    }
    return "?";
}

// ---------------- ThreadState ----------------

ThreadState::ThreadState(Run& run, LaneId lane, std::string name, bool daemon)
    : run_(&run), lane_(lane), buffer_(&run.recorder().buffer(lane)), name_(std::move(name)), daemon_(daemon)
{}

ThreadState::ThreadState(Run& run, LaneId lane, std::string name, bool daemon, EventBuffer* buffer)
    : run_(&run), lane_(lane), buffer_(buffer), name_(std::move(name)), daemon_(daemon)
{}

ThreadState* ThreadState::currentOrNull() noexcept { return t_current; }

void ThreadState::bindCurrent(ThreadState* ts) noexcept { t_current = ts; }

ThreadState& ThreadState::current()
{
    if (!t_current)
        throw std::logic_error("ThreadLens primitives must be used from a thread of a run");
    return *t_current;
}

void ThreadState::gate(Ev what, ObjectId object, int64_t a)
{
    if (run_->step_->active())
        run_->step_->arrive(*this, what, object, a);
}

int64_t ThreadState::scaledNs(double ms) const noexcept
{
    const RunOptions& o = run_->options_;
    const double ns = ms * 1e6 * o.timeScale / std::max(o.speed, 1e-3);
    return ns <= 0 ? 0 : static_cast<int64_t>(std::llround(ns));
}

std::chrono::steady_clock::time_point ThreadState::deadlineAfter(double timeoutMs) const noexcept
{
    return std::chrono::steady_clock::now() + std::chrono::nanoseconds(scaledNs(timeoutMs));
}

void ThreadState::beginBlocking(State waitState, ObjectId object, bool timed) noexcept
{
    // A join names the joined lane in b's high bits (the model's joinedLane).
    const int joined = waitingLane_.load(std::memory_order_relaxed);
    state_ = waitState;
    record(Ev::StateChange, object, static_cast<int64_t>(waitState),
           waitState == State::WaitJoin && joined > 0 ? int64_t(joined) << 32 : 0);
    blocked_ = true;
    resumeOutcome_ = Outcome::None;
    waitTimed_.store(timed, std::memory_order_relaxed);
    waitingFor_.store(object ? object : ObjectId(~0u), std::memory_order_release);
    if (holdsGil_)
        run_->gil_->release(*this);
    run_->step_->blocked();  // blocked for real: stepping may go on without it
}

void ThreadState::endBlocking(bool ok) noexcept
{
    run_->step_->unblocked();
    waitingFor_.store(0, std::memory_order_release);
    waitingLane_.store(-1, std::memory_order_relaxed);
    if (!ok)
        resumeOutcome_ = stopRequested() ? Outcome::Aborted : Outcome::Timeout;
}

void ThreadState::resume() noexcept
{
    if (!blocked_)
        return;
    blocked_ = false;
    const Outcome o = resumeOutcome_;
    resumeOutcome_ = Outcome::None;
    if (o == Outcome::Aborted || stopRequested())
        return;  // unwinding: the thread's end is recorded by the run
    if (run_->gil_ && !holdsGil_) {
        try {
            if (run_->gil_->acquire(*this)) {
                setState(State::Run, 0, Outcome::None);
                return;
            }
        } catch (const Aborted&) {
            return;
        }
    }
    setState(State::Run, 0, o);
}

void ThreadState::throwAborted(std::unique_lock<std::mutex>* held)
{
    if (lane_ == 0) {
        if (held && held->owns_lock()) {
            held->unlock();
            run_->awaitOtherThreads(*this);
            held->lock();
        } else {
            run_->awaitOtherThreads(*this);
        }
    }
    throw Aborted();
}

void ThreadState::takeGil()
{
    if (run_->gil_ && !holdsGil_)
        run_->gil_->acquire(*this);
}

void ThreadState::dropGil()
{
    if (run_->gil_ && holdsGil_)
        run_->gil_->release(*this);
}

int Run::usableCores() noexcept
{
    cpu_set_t set;
    CPU_ZERO(&set);
    if (::sched_getaffinity(0, sizeof set, &set) == 0)
        return std::max(1, CPU_COUNT(&set));
    return int(std::max(1u, std::thread::hardware_concurrency()));
}

void ThreadState::recordCpuClock() noexcept
{
    // CLOCK_THREAD_CPUTIME_ID counts only the time this thread computed on a core: not waits, not
    // sleeps, not the time the OS had it preempted (which a lane's `run` state includes).
    timespec cpu{};
    if (::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &cpu) == 0)
        record(Ev::CpuClock, 0, int64_t(cpu.tv_sec) * 1'000'000'000 + cpu.tv_nsec);
}

void ThreadState::gilCheckpoint()
{
    if (!run_->gil_)
        return;
    if (!holdsGil_) {
        if (run_->gil_->acquire(*this))
            setState(State::Run);
        return;
    }
    if (run_->gil_->shouldYield(*this))
        run_->gil_->yield(*this);
}

// ---------------- Run ----------------

namespace {
// The one-off calibration of CPU work (~30 ms of this thread's CPU time, longer in wall time on a
// busy machine) runs before the recorder's clock starts: it is no part of any run's time, nor
// extra `run` and CPU time in the first thread's first computation.
RunOptions afterCalibration(RunOptions options)
{
    workUnitsPerMs();
    return options;
}
}  // namespace

Run::Run(RunOptions options) : options_(afterCalibration(options)), step_(std::make_unique<StepController>())
{
    step_->setTimeFold(&recorder_.timeFold());
    if (options_.gil) {
        const double ns = options_.switchIntervalMs * 1e6 * options_.timeScale / std::max(options_.speed, 1e-3);
        gil_ = std::make_unique<Gil>(*this, std::max<int64_t>(1000, static_cast<int64_t>(ns)));
    }
}

Run::~Run()
{
    abort();
    if (mainOs_.joinable())
        mainOs_.join();
    for (std::jthread* t : {&monitor_, &stepper_}) {
        if (t->joinable()) {
            t->request_stop();
            t->join();
        }
    }
    std::vector<std::shared_ptr<ThreadState>> threads;
    {
        std::lock_guard lk(mutex_);
        threads = threads_;
    }
    for (auto& t : threads)
        if (t->osThread.joinable())
            t->osThread.join();
}

std::shared_ptr<ThreadState> Run::createThread(std::string name, bool daemon)
{
    const LaneId parent = t_current ? t_current->lane() : 0;
    const LaneId lane = recorder_.addLane(name, 1, -1, daemon, parent);
    auto ts = std::make_shared<ThreadState>(*this, lane, std::move(name), daemon);
    std::lock_guard lk(mutex_);
    threads_.push_back(ts);
    return ts;
}

void Run::startThread(const std::shared_ptr<ThreadState>& ts, std::function<void()> body)
{
    if (status() != RunStatus::Running) {
        // The run is stopping (abort, deadlock, error): the caller unwinds like any call of a
        // stopped run, so main first waits for the threads it did start. A RuntimeError unwound
        // main's frame, the lesson's locks, under threads still running (TSan, m6.l4 all-max:
        // the deadlock was found before main had started its fifth thread).
        if (ThreadState* self = t_current; self && self->run_ == this)
            self->throwAborted();
        throw RuntimeError("can't create new thread at interpreter shutdown");
    }
    ts->alive_.store(true, std::memory_order_release);
    step_->threadStarted();  // counted from here, so a step never slips in before it runs
    try {
        ts->osThread = std::thread(&Run::threadMain, this, ts, std::move(body));
    } catch (const std::system_error& e) {
        // Never ran: ended, so nobody waits for it (joins, main's unwinding, shutdown).
        step_->threadEnded();
        {
            std::lock_guard lk(ts->endMutex);
            ts->ended = true;
            ts->alive_.store(false, std::memory_order_release);
        }
        ts->endCv.notify_all();
        throw RuntimeError(std::string("can't start new thread: ") + e.what());
    }
}

void Run::threadMain(std::shared_ptr<ThreadState> ts, std::function<void()> body)
{
    t_current = ts.get();
    ts->ident.store(static_cast<int64_t>(pthread_self()), std::memory_order_relaxed);
    ts->nativeId.store(static_cast<int64_t>(::syscall(SYS_gettid)), std::memory_order_relaxed);
    {
        // A daemon thread of a run that already stopped its daemons is cut at once.
        std::string name = ts->name_;
        if (name.size() > 15)
            name.resize(15);
        pthread_setname_np(pthread_self(), name.c_str());
    }
    // In GIL mode a thread is born waiting for the GIL: it never shows `run` without it (G5).
    ts->record(Ev::ThreadStart, gil_ ? gil_->id() : 0, gil_ ? int64_t(State::WaitGil) : 0);
    bool killed = false;
    try {
        // GIL first, then `run`: a lane never shows `run` without the GIL (G5).
        ts->takeGil();
        ts->setState(State::Run);
        body();
    } catch (const Aborted&) {
        killed = true;
    } catch (const PyError& e) {
        const std::string text = "Exception in thread " + ts->name_ + ": " + e.describe();
        ts->record(Ev::Exception, 0, recorder_.intern(text));
    } catch (const std::exception& e) {
        const std::string text = "Exception in thread " + ts->name_ + ": " + e.what();
        ts->record(Ev::Exception, 0, recorder_.intern(text));
    }
    ts->recordCpuClock();
    if (gil_ && ts->holdsGil_)
        gil_->releaseAtEnd(*ts, killed ? 1 : 0);
    else
        ts->record(Ev::ThreadEnd, 0, killed ? 1 : 0);
    step_->threadEnded();
    {
        std::lock_guard lk(ts->endMutex);
        ts->ended = true;
        ts->alive_.store(false, std::memory_order_release);
    }
    ts->endCv.notify_all();
    t_current = nullptr;
}

void Run::start(std::function<void()> main)
{
    {
        std::lock_guard lk(mutex_);
        if (status_ != RunStatus::NotStarted)
            throw std::logic_error("a run can only be started once");
        status_ = RunStatus::Running;
    }
    if (options_.step)
        step_->pause();
    auto mainTs = createThread("MainThread", false);
    mainTs->alive_.store(true, std::memory_order_release);
    step_->threadStarted();
    monitor_ = std::jthread([this](std::stop_token st) { monitorLoop(st); });
    stepper_ = std::jthread([this](std::stop_token st) {
        step_->serve(
            st, [this] { return quiesce(); }, [this] { wakeBlocked(); });
    });
    mainOs_ = std::thread([this, mainTs, main = std::move(main)]() mutable {
        threadMain(mainTs, [this, &main] {
            try {
                main();
            } catch (const PyError& e) {
                // Like an uncaught exception in a Python script: reported, then shutdown.
                std::lock_guard lk(mutex_);
                if (status_ == RunStatus::Running) {
                    status_ = RunStatus::Error;
                    message_ = e.describe();
                }
                ThreadState::current().record(Ev::Exception, 0, recorder_.intern("Traceback: " + e.describe()));
            }
            finishMain();
        });
        // Every other thread has ended or been stopped: join them.
        std::vector<std::shared_ptr<ThreadState>> threads;
        {
            std::lock_guard lk(mutex_);
            threads = threads_;
        }
        for (auto& t : threads) {
            if (t.get() != mainTs.get()) {
                t->requestStop();
                if (t->osThread.joinable())
                    t->osThread.join();
            }
        }
        {
            std::lock_guard lk(mutex_);
            if (status_ == RunStatus::Running)
                status_ = RunStatus::Finished;
        }
        monitor_.request_stop();
        stepper_.request_stop();
        finished_.store(true, std::memory_order_release);
        finishedCv_.notify_all();
    });
}

// Python's interpreter shutdown: join every non-daemon thread, then cut the daemons.
void Run::finishMain()
{
    ThreadState& self = ThreadState::current();
    for (;;) {
        std::shared_ptr<ThreadState> next;
        {
            std::lock_guard lk(mutex_);
            for (auto& t : threads_)
                if (t.get() != &self && !t->daemon_ && t->alive()) {
                    next = t;
                    break;
                }
        }
        if (!next)
            break;
        Resume resume(self);
        std::unique_lock lk(next->endMutex);
        self.setWaitingForLane(next->lane());
        self.waitUntil(lk, next->endCv, kForever, State::WaitJoin, 0, [&] { return next->ended; });
    }
    std::lock_guard lk(mutex_);
    for (auto& t : threads_)
        if (t.get() != &self && t->daemon_)
            t->requestStop();
}

RunStatus Run::execute(std::function<void()> main, double timeoutMs)
{
    start(std::move(main));
    if (!waitFinished(timeoutMs)) {
        abort(RunStatus::Aborted, "timed out");
        waitFinished();
    }
    return status();
}

bool Run::waitFinished(double timeoutMs)
{
    std::unique_lock lk(mutex_);
    auto done = [&] { return finished_.load(std::memory_order_acquire); };
    if (timeoutMs < 0)
        finishedCv_.wait(lk, done);
    else if (!finishedCv_.wait_for(lk, std::chrono::duration<double, std::milli>(timeoutMs), done))
        return false;
    lk.unlock();
    if (mainOs_.joinable())
        mainOs_.join();
    return true;
}

void Run::abort(RunStatus why, std::string message)
{
    std::vector<std::shared_ptr<ThreadState>> threads;
    {
        std::lock_guard lk(mutex_);
        if (status_ == RunStatus::Running) {
            status_ = why;
            message_ = std::move(message);
        }
        threads = threads_;
    }
    for (auto& t : threads)
        t->requestStop();
}

int64_t Run::pausedNs() const { return step_->pausedNs(); }
uint64_t Run::stepEpoch() const noexcept { return step_->epoch(); }

bool Run::mayCheckCondition(LaneId lane) const noexcept { return !step_->active() || step_->checkToken() == lane; }

// Lets every blocked thread re-check its condition, one at a time in lane order. Returns true if
// none of them could go on (the run is quiet); false if one woke up (it makes its move first) or
// a wake-up was missed (the stepper asks again).
bool Run::quiesce()
{
    const uint64_t epoch = step_->bumpEpoch();
    std::vector<std::shared_ptr<ThreadState>> threads;
    {
        std::lock_guard lk(mutex_);
        threads = threads_;
    }
    std::sort(threads.begin(), threads.end(), [](auto& x, auto& y) { return x->lane() < y->lane(); });
    bool quiet = true;
    for (auto& t : threads) {
        {
            std::lock_guard lk(t->blockMutex_);
            if (!t->blockedCv_)
                continue;
            step_->setCheckToken(t->lane());
            t->blockedCv_->notify_all();
        }
        const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(20);
        bool checked = false, woke = false;
        while (!checked && !woke && std::chrono::steady_clock::now() < until) {
            std::this_thread::sleep_for(std::chrono::microseconds(20));
            std::lock_guard lk(t->blockMutex_);
            woke = !t->blockedCv_;
            checked = t->seenEpoch_.load(std::memory_order_acquire) >= epoch;
        }
        if (!checked) {
            quiet = false;
            break;
        }
    }
    step_->setCheckToken(-1);
    return quiet;
}

void Run::awaitOtherThreads(const ThreadState& self)
{
    std::vector<std::shared_ptr<ThreadState>> threads;
    {
        std::lock_guard lk(mutex_);
        threads = threads_;
    }
    for (auto& t : threads) {
        if (t.get() == &self)
            continue;
        t->requestStop();
        std::unique_lock lk(t->endMutex);
        // A thread that was created but never started has nothing to wait for. No time limit:
        // every blocking call and cpuWork's slices end a stopped thread, and giving up early
        // let a teller that a loaded machine started late (ASan, load 15: more than the 2 s
        // this once waited) run on in the scenario's freed locals.
        t->endCv.wait(lk, [&] { return t->ended || !t->alive(); });
    }
}

void Run::wakeBlocked()
{
    std::lock_guard lk(mutex_);
    for (auto& t : threads_) {
        std::lock_guard blk(t->blockMutex_);
        if (t->blockedCv_)
            t->blockedCv_->notify_all();
    }
}

void Run::fail(std::string message) { abort(RunStatus::Error, std::move(message)); }

void Run::enterForkedChild(ObjectId gilObject)
{
    (void)gil_.release();
    (void)step_.release();
    step_ = std::make_unique<StepController>();
    if (options_.gil) {
        const double ns = options_.switchIntervalMs * 1e6 * options_.timeScale / std::max(options_.speed, 1e-3);
        gil_ = std::make_unique<Gil>(*this, gilObject, std::max<int64_t>(1000, static_cast<int64_t>(ns)));
    }
}

RunStatus Run::status() const
{
    std::lock_guard lk(mutex_);
    return status_;
}

std::string Run::message() const
{
    std::lock_guard lk(mutex_);
    return message_;
}

int Run::activeCount() const
{
    std::lock_guard lk(mutex_);
    return static_cast<int>(std::count_if(threads_.begin(), threads_.end(), [](auto& t) { return t->alive(); }));
}

std::vector<std::shared_ptr<ThreadState>> Run::enumerate() const
{
    std::lock_guard lk(mutex_);
    std::vector<std::shared_ptr<ThreadState>> out;
    for (auto& t : threads_)
        if (t->alive())
            out.push_back(t);
    return out;
}

std::shared_ptr<ThreadState> Run::mainThread() const
{
    std::lock_guard lk(mutex_);
    return threads_.empty() ? nullptr : threads_.front();
}

void Run::registerOwnable(const Ownable* o)
{
    std::lock_guard lk(mutex_);
    ownables_.push_back(o);
}

void Run::unregisterOwnable(const Ownable* o)
{
    std::lock_guard lk(mutex_);
    std::erase(ownables_, o);
}

void Run::recordControl(Ev type, LaneId lane, ObjectId object, int64_t a, int64_t b)
{
    std::lock_guard lk(controlMutex_);
    controlBuffer_.append(Event{static_cast<int64_t>(Clock::ticks()), object, type, lane, a, b});
}

size_t Run::drain(std::vector<Event>& out)
{
    const size_t before = out.size();
    recorder_.drain(out);
    std::vector<Event> control;
    {
        std::lock_guard lk(controlMutex_);
        controlBuffer_.consume(control);
    }
    if (!control.empty()) {
        for (Event& e : control)
            e.t = recorder_.timeFold().lessonTime(Clock::toNs(static_cast<uint64_t>(e.t))) - recorder_.origin();
        const auto mid = out.insert(out.end(), control.begin(), control.end());
        std::inplace_merge(out.begin() + static_cast<ptrdiff_t>(before), mid, out.end(),
                           [](const Event& x, const Event& y) { return x.t != y.t ? x.t < y.t : x.lane < y.lane; });
    }
    return out.size() - before;
}

// The monitor: a wait-for graph over owned objects, checked every 10 ms. A cycle of untimed
// waits is a deadlock: reported as a `deadlock` instant, and the run ends with that status.
void Run::monitorLoop(std::stop_token st)
{
    std::mutex m;
    std::condition_variable_any cv;
    while (!st.stop_requested()) {
        {
            std::unique_lock lk(m);
            cv.wait_for(lk, st, std::chrono::milliseconds(10), [] { return false; });
        }
        if (st.stop_requested() || status() != RunStatus::Running)
            continue;
        // Threads parked at step gates are not blocked for real, so they never form a cycle.
        checkDeadlock();
    }
}

bool Run::checkDeadlock()
{
    std::vector<std::shared_ptr<ThreadState>> threads;
    std::vector<std::pair<ObjectId, int>> owners;
    {
        std::lock_guard lk(mutex_);
        threads = threads_;
        for (const Ownable* o : ownables_)
            owners.emplace_back(o->objectId(), o->ownerLane());
    }
    auto ownerOf = [&](ObjectId obj) {
        for (auto& [id, lane] : owners)
            if (id == obj)
                return lane;
        return -1;
    };
    // next[lane] = the lane it waits for (through an owned object or a join), or -1.
    size_t n = 0;
    for (auto& t : threads)
        n = std::max<size_t>(n, t->lane() + 1u);
    std::vector<int> next(n, -1);
    std::vector<ObjectId> via(n, 0);
    // Lanes are not all threads of this process (worker processes' lanes have no
    // ThreadState here): walk the threads, index by lane.
    for (const auto& tp : threads) {
        const ThreadState& t = *tp;
        if (!t.alive() || t.waitIsTimed())
            continue;
        const ObjectId obj = t.waitingFor();
        if (!obj)
            continue;
        if (t.waitingForLane() >= 0) {
            if (size_t(t.waitingForLane()) < n)
                next[t.lane()] = t.waitingForLane();
        } else if (int owner = ownerOf(obj); owner >= 0 && size_t(owner) < n) {
            next[t.lane()] = owner;
            via[t.lane()] = obj;
        }
    }
    for (size_t start = 0; start < n; ++start) {
        // Floyd-free walk: at most n steps from start.
        std::vector<int> path;
        int cur = static_cast<int>(start);
        for (size_t steps = 0; steps <= n && cur >= 0; ++steps) {
            auto it = std::find(path.begin(), path.end(), cur);
            if (it != path.end()) {
                std::vector<int> cycle(it, path.end());
                if (cycle.size() < 2 && via[cycle[0]] == 0)
                    break;  // (a thread waiting on a Lock it holds itself is a deadlock too)
                std::string lanes, objects;
                for (int l : cycle) {
                    // (appending piecewise: GCC 12's -Wrestrict misfires on "lit" + string&&)
                    if (!lanes.empty())
                        lanes += ',';
                    lanes += std::to_string(l);
                    if (via[l]) {
                        if (!objects.empty())
                            objects += ',';
                        objects += std::to_string(via[l]);
                    }
                }
                std::string text = "deadlock: ";
                for (size_t k = 0; k < cycle.size(); ++k) {
                    const int l = cycle[k];
                    text += recorder_.lane(LaneId(l)).name;
                    text += via[l] ? " waits for " + recorder_.object(via[l]).name + " held by " : " joins ";
                    text += recorder_.lane(LaneId(next[l])).name;
                    if (k + 1 < cycle.size())
                        text += "; ";
                }
                // Owners and waiters are read at slightly different moments: report a cycle only
                // when two checks 10 ms apart see the same one.
                const std::string signature = lanes + "|" + objects;
                if (signature != lastCycle_) {
                    lastCycle_ = signature;
                    return false;
                }
                recordControl(Ev::Deadlock, LaneId(cycle[0]), via[cycle[0]], recorder_.intern(lanes),
                              recorder_.intern(objects));
                abort(RunStatus::Deadlock, text);
                return true;
            }
            path.push_back(cur);
            cur = next[cur];
        }
    }
    lastCycle_.clear();
    return false;
}

}  // namespace tl
