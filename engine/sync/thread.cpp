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
    std::lock_guard lk(d_->mutex);
    return d_->name;
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

} // namespace tl
