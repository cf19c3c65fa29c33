// SPDX-License-Identifier: MIT
#include "thread.h"

namespace tl {

Thread::Thread(Run& run, std::function<void()> target, std::string name, std::optional<bool> daemon,
               std::string targetName)
    : d_(std::make_shared<Data>())
{
    d_->run = &run;
    d_->target = std::move(target);
    if (name.empty()) {
        name = "Thread-" + std::to_string(run.nextThreadNumber());
        if (!targetName.empty())
            name += " (" + targetName + ")";
    }
    d_->name = std::move(name);
    const ThreadState* creator = ThreadState::currentOrNull();
    d_->daemon = daemon.value_or(creator ? creator->daemon() : false);
}

void Thread::start()
{
    std::unique_lock lk(d_->mutex);
    if (d_->state)
        throw RuntimeError("threads can only be started once");
    d_->state = d_->run->createThread(d_->name, d_->daemon);
    auto state = d_->state;
    lk.unlock();
    d_->run->startThread(state, d_->target);
}

void Thread::join(double timeoutMs)
{
    std::shared_ptr<ThreadState> target = state();
    if (!target)
        throw RuntimeError("cannot join thread before it is started");
    ThreadState& self = ThreadState::current();
    if (&self == target.get())
        throw RuntimeError("cannot join current thread");
    self.gate(Ev::Join, 0, target->lane());
    Resume resume(self);
    std::unique_lock lk(target->endMutex);
    if (target->ended)
        return;
    self.setWaitingForLane(target->lane());
    const bool ok = self.waitUntil(lk, target->endCv, timeoutMs, State::WaitJoin, 0, [&] { return target->ended; });
    (void)ok;  // like Python: join() returns None, is_alive() tells
}

bool Thread::isAlive() const
{
    auto s = state();
    return s && s->alive();
}

std::string Thread::name() const
{
    std::shared_ptr<ThreadState> s;
    {
        std::lock_guard lk(d_->mutex);
        if (!d_->state)
            return d_->name;
        s = d_->state;
    }
    // Once started, the lane's name is the truth: another handle (current_thread()) may rename it.
    return d_->run->recorder().lane(s->lane()).name;
}

Thread Thread::adopt(Run& run, std::shared_ptr<ThreadState> state)
{
    Thread t;
    t.d_ = std::make_shared<Data>();
    t.d_->run = &run;
    t.d_->name = run.recorder().lane(state->lane()).name;
    t.d_->daemon = state->daemon();
    t.d_->state = std::move(state);
    return t;
}

void Thread::setName(std::string name)
{
    std::shared_ptr<ThreadState> s;
    {
        std::lock_guard lk(d_->mutex);
        d_->name = name;
        s = d_->state;
    }
    if (s) {
        d_->run->recorder().renameLane(s->lane(), name);
        if (ThreadState* self = ThreadState::currentOrNull())
            self->record(Ev::ThreadRename, 0, d_->run->recorder().intern(name), s->lane());
    }
}

void Thread::setDaemon(bool daemon)
{
    std::lock_guard lk(d_->mutex);
    if (d_->state)
        throw RuntimeError("cannot set daemon status of active thread");
    d_->daemon = daemon;
}

std::optional<int64_t> Thread::ident() const
{
    auto s = state();
    if (!s || !s->ident.load())
        return std::nullopt;
    return s->ident.load();
}

std::optional<int64_t> Thread::nativeId() const
{
    auto s = state();
    if (!s || !s->nativeId.load())
        return std::nullopt;
    return s->nativeId.load();
}

LaneId Thread::lane() const
{
    auto s = state();
    return s ? s->lane() : LaneId(0);
}

std::string currentThreadName()
{
    ThreadState* s = ThreadState::currentOrNull();
    return s ? s->run().recorder().lane(s->lane()).name : std::string("MainThread");
}

int activeCount() { return ThreadState::current().run().activeCount(); }
int activeCount(Run& run) { return run.activeCount(); }

std::vector<Thread> enumerate(Run& run)
{
    std::vector<Thread> out;
    for (auto& s : run.enumerate())
        out.push_back(Thread::adopt(run, s));
    return out;
}

std::vector<Thread> enumerate() { return enumerate(ThreadState::current().run()); }

Thread currentThread()
{
    ThreadState& self = ThreadState::current();
    for (auto& s : self.run().enumerate())
        if (s.get() == &self)
            return Thread::adopt(self.run(), s);
    throw std::logic_error("current thread is not alive in its run");
}

Thread mainThread(Run& run)
{
    auto s = run.mainThread();
    if (!s)
        throw std::logic_error("the run has not started");
    return Thread::adopt(run, s);
}

Thread mainThread() { return mainThread(ThreadState::current().run()); }

int64_t getIdent() { return ThreadState::current().ident.load(std::memory_order_relaxed); }
int64_t getNativeId() { return ThreadState::current().nativeId.load(std::memory_order_relaxed); }

}  // namespace tl
