// SPDX-License-Identifier: MIT
#include "event.h"

#include <array>

namespace tl {
namespace {

constexpr std::array<std::string_view, size_t(State::Count)> kStates{"run",
                                                                     "sleep",
                                                                     "io",
                                                                     "idle",
                                                                     "wait:gil",
                                                                     "wait:lock",
                                                                     "wait:rlock",
                                                                     "wait:condition",
                                                                     "wait:event",
                                                                     "wait:semaphore",
                                                                     "wait:barrier",
                                                                     "wait:queue.get",
                                                                     "wait:queue.put",
                                                                     "wait:future",
                                                                     "wait:join",
                                                                     "wait:result"};
constexpr std::array<std::string_view, 6> kOutcomes{"", "acquired", "timeout", "broken", "cancelled", "aborted"};
constexpr std::array<std::string_view, size_t(ObjectKind::Count)> kKinds{
    "lock",  "rlock", "condition", "event", "semaphore", "bounded_semaphore", "barrier",
    "queue", "pool",  "future",    "timer", "gil",       "process_pool",      "variable"};
constexpr std::array<std::string_view, 5> kOrders{"", "fifo", "lifo", "priority", "simple"};
constexpr std::array<std::string_view, size_t(Ev::Count)> kEvents{
    "thread.start", "thread.end",   "thread.rename", "state",     "hold.begin",   "hold.end",       "task.begin",
    "task.end",     "acquire.try",  "release",       "set",       "clear",        "notify",         "notify_all",
    "put",          "get",          "task_done",     "join",      "barrier.pass", "barrier.broken", "submit",
    "cancel",       "future.state", "callback",      "exception", "deadlock",     "var.read",       "var.write",
    "mark",         "counter",      "flow.start",    "flow.end",  "cpu.clock"};
constexpr std::array<std::string_view, size_t(CounterKind::Count)> kCounters{
    "depth", "available", "waiters", "busy", "pending", "holder", "alive", "value"};
constexpr std::array<std::string_view, size_t(FlowKind::Count)> kFlows{"handoff", "wake", "item", "done"};

template <class E, size_t N> std::string_view nameOf(const std::array<std::string_view, N>& table, E e) noexcept
{
    const auto i = static_cast<size_t>(e);
    return i < N ? table[i] : std::string_view{};
}

template <class E, size_t N>
bool fromName(const std::array<std::string_view, N>& table, std::string_view name, E& out) noexcept
{
    for (size_t i = 0; i < N; ++i) {
        if (!table[i].empty() && table[i] == name) {
            out = static_cast<E>(i);
            return true;
        }
    }
    return false;
}

}  // namespace

std::string_view stateName(State s) noexcept { return nameOf(kStates, s); }
std::string_view outcomeName(Outcome o) noexcept { return nameOf(kOutcomes, o); }
std::string_view kindName(ObjectKind k) noexcept { return nameOf(kKinds, k); }
std::string_view orderName(QueueOrder o) noexcept { return nameOf(kOrders, o); }
std::string_view eventName(Ev e) noexcept { return nameOf(kEvents, e); }
std::string_view counterName(CounterKind c) noexcept { return nameOf(kCounters, c); }
std::string_view flowName(FlowKind f) noexcept { return nameOf(kFlows, f); }

bool stateFromName(std::string_view n, State& o) noexcept { return fromName(kStates, n, o); }
bool outcomeFromName(std::string_view n, Outcome& o) noexcept { return fromName(kOutcomes, n, o); }
bool kindFromName(std::string_view n, ObjectKind& o) noexcept { return fromName(kKinds, n, o); }
bool orderFromName(std::string_view n, QueueOrder& o) noexcept { return fromName(kOrders, n, o); }
bool eventFromName(std::string_view n, Ev& o) noexcept { return fromName(kEvents, n, o); }
bool counterFromName(std::string_view n, CounterKind& o) noexcept { return fromName(kCounters, n, o); }
bool flowFromName(std::string_view n, FlowKind& o) noexcept { return fromName(kFlows, n, o); }

State waitStateFor(ObjectKind k) noexcept
{
    switch (k) {
    case ObjectKind::Lock: return State::WaitLock;
    case ObjectKind::RLock: return State::WaitRLock;
    case ObjectKind::Condition: return State::WaitCondition;
    case ObjectKind::Event: return State::WaitEvent;
    case ObjectKind::Semaphore:
    case ObjectKind::BoundedSemaphore: return State::WaitSemaphore;
    case ObjectKind::Barrier: return State::WaitBarrier;
    case ObjectKind::Queue: return State::WaitQueueGet;
    case ObjectKind::Future: return State::WaitFuture;
    case ObjectKind::Gil: return State::WaitGil;
    case ObjectKind::Pool:
    case ObjectKind::ProcessPool: return State::WaitResult;
    default: return State::WaitLock;
    }
}

}  // namespace tl
