// SPDX-License-Identifier: MIT
#include "timer.h"

#include <algorithm>

namespace tl {

Timer::Timer(Run& run, double intervalMs, std::function<void()> fn, std::string name, std::optional<bool> daemon)
    : s_(std::make_shared<Shared>())
{
    s_->intervalMs = std::max(0.0, intervalMs);
    s_->fn = std::move(fn);
    thread_ = Thread(
        run, [s = s_] { body(s); }, std::move(name), daemon);
    s_->id = run.recorder().addObject(ObjectKind::Timer, thread_.name());
}

// Python's Timer.run(): finished.wait(interval); if not finished.is_set(): fn(); finished.set().
void Timer::body(const std::shared_ptr<Shared>& s)
{
    ThreadState& ts = ThreadState::current();
    bool fire;
    {
        Resume resume(ts);
        std::unique_lock lk(s->mutex);
        const bool cancelled =
            ts.waitUntil(lk, s->cv, s->intervalMs, State::WaitEvent, s->id, [&] { return s->cancelled; });
        fire = !cancelled;
        s->fired = fire;
    }
    if (fire)
        s->fn();
    std::lock_guard lk(s->mutex);
    s->cancelled = true;
}

void Timer::start() { thread_.start(); }

void Timer::cancel()
{
    std::lock_guard lk(s_->mutex);
    const bool ok = !s_->cancelled && !s_->fired;
    s_->cancelled = true;
    if (ThreadState* ts = ThreadState::currentOrNull())
        ts->record(Ev::Cancel, s_->id, ok ? 1 : 0);
    s_->cv.notify_all();
}

bool Timer::isAlive() const { return thread_.isAlive(); }
void Timer::join(double timeoutMs) { thread_.join(timeoutMs); }

bool Timer::fired() const
{
    std::lock_guard lk(s_->mutex);
    return s_->fired;
}

bool Timer::cancelled() const
{
    std::lock_guard lk(s_->mutex);
    return s_->cancelled && !s_->fired;
}

}  // namespace tl
