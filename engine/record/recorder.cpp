// SPDX-License-Identifier: MIT
#include "recorder.h"

#include "clock.h"

#include <algorithm>
#include <stdexcept>

namespace tl {

Recorder::Recorder() : buffers_(new std::unique_ptr<EventBuffer>[kMaxLanes])
{
    Clock::calibrate();
    origin_ = Clock::now();
    strings_.emplace_back();
    stringIds_.emplace(std::string(), 0);
    objects_.push_back(ObjectInfo{});  // id 0 = none
}

Recorder::~Recorder() = default;

LaneId Recorder::addLane(std::string name, int pid, int tid, bool daemon, LaneId parent)
{
    std::lock_guard lock(mutex_);
    if (lanes_.size() >= kMaxLanes)
        throw std::runtime_error("too many threads in one run (limit " + std::to_string(kMaxLanes) + ")");
    LaneInfo info;
    info.id = static_cast<LaneId>(lanes_.size());
    info.pid = pid;
    int& counter = tidCounters_[pid];
    info.tid = tid >= 0 ? tid : counter;
    counter = std::max(counter, info.tid + 1);
    info.name = std::move(name);
    info.daemon = daemon;
    info.parent = parent;
    buffers_[info.id] = std::make_unique<EventBuffer>();
    lanes_.push_back(std::move(info));
    return lanes_.back().id;
}

void Recorder::renameLane(LaneId lane, std::string name)
{
    std::lock_guard lock(mutex_);
    if (lane < lanes_.size())
        lanes_[lane].name = std::move(name);
}

ObjectId Recorder::addObject(ObjectKind kind, std::string name, int64_t capacity, QueueOrder order)
{
    std::lock_guard lock(mutex_);
    ObjectInfo info;
    info.id = static_cast<ObjectId>(objects_.size());
    info.kind = kind;
    info.name = std::move(name);
    info.capacity = capacity;
    info.order = order;
    objects_.push_back(std::move(info));
    return objects_.back().id;
}

namespace {
thread_local Recorder::InternHook t_internHook = nullptr;
thread_local void* t_internContext = nullptr;
}  // namespace

void Recorder::setThreadInternHook(InternHook hook, void* context) noexcept
{
    t_internHook = hook;
    t_internContext = context;
}

uint32_t Recorder::intern(std::string_view s)
{
    if (t_internHook) [[unlikely]]
        return t_internHook(t_internContext, s);
    std::lock_guard lock(mutex_);
    auto [it, inserted] = stringIds_.try_emplace(std::string(s), static_cast<uint32_t>(strings_.size()));
    if (inserted)
        strings_.emplace_back(s);
    return it->second;
}

size_t Recorder::drain(std::vector<Event>& out)
{
    size_t n;
    {
        std::lock_guard lock(mutex_);
        n = lanes_.size();
    }
    scratch_.clear();
    for (size_t i = 0; i < n; ++i)
        buffers_[i]->consume(scratch_);
    for (Event& e : scratch_)
        e.t = fold_.lessonTime(Clock::toNs(static_cast<uint64_t>(e.t))) - origin_;
    // Each lane's run is already in order; a stable sort by (t, lane) keeps per-lane sequence.
    std::stable_sort(scratch_.begin(), scratch_.end(),
                     [](const Event& x, const Event& y) { return x.t != y.t ? x.t < y.t : x.lane < y.lane; });
    out.insert(out.end(), scratch_.begin(), scratch_.end());
    return scratch_.size();
}

uint64_t Recorder::totalRecorded() const
{
    size_t n;
    {
        std::lock_guard lock(mutex_);
        n = lanes_.size();
    }
    uint64_t total = 0;
    for (size_t i = 0; i < n; ++i)
        total += buffers_[i]->total();
    return total;
}

std::vector<LaneInfo> Recorder::lanes() const
{
    std::lock_guard lock(mutex_);
    return {lanes_.begin(), lanes_.end()};
}

std::vector<ObjectInfo> Recorder::objects() const
{
    std::lock_guard lock(mutex_);
    return {objects_.begin() + 1, objects_.end()};
}

LaneInfo Recorder::lane(LaneId id) const
{
    std::lock_guard lock(mutex_);
    return id < lanes_.size() ? lanes_[id] : LaneInfo{};
}

ObjectInfo Recorder::object(ObjectId id) const
{
    std::lock_guard lock(mutex_);
    return id < objects_.size() ? objects_[id] : ObjectInfo{};
}

std::string Recorder::string(uint32_t id) const
{
    std::lock_guard lock(mutex_);
    return id < strings_.size() ? strings_[id] : std::string();
}

std::vector<std::string> Recorder::strings(uint32_t from) const
{
    std::lock_guard lock(mutex_);
    if (from >= strings_.size())
        return {};
    return {strings_.begin() + from, strings_.end()};
}

size_t Recorder::laneCount() const
{
    std::lock_guard lock(mutex_);
    return lanes_.size();
}

}  // namespace tl
