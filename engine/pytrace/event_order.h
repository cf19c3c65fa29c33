// SPDX-License-Identifier: MIT
#pragma once
#include "engine/record/event.h"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <unordered_map>
#include <vector>

namespace tl::pytrace {

// Decoded events on their way to the model, in chunks of a fixed size that are handed over
// whole and come back empty for reuse: the receiver never copies a growing buffer, and once
// warmed up neither side touches fresh memory (on this VM a page fault costs more than decoding
// the 128 events that fill the page).
class EventChunks {
public:
    static constexpr size_t kChunk = 8192;  // events (256 KB)
    static constexpr size_t kMaxSpare = 128;  // emptied chunks kept for reuse (32 MB)

    void push_back(const Event& e)
    {
        if (chunks_.empty() || chunks_.back().size() == kChunk) [[unlikely]]
            open();
        chunks_.back().push_back(e);
    }
    size_t size() const { return chunks_.empty() ? 0 : (chunks_.size() - 1) * kChunk + chunks_.back().size(); }
    const Event& operator[](size_t i) const { return chunks_[i / kChunk][i % kChunk]; }
    // Hands every event over, oldest chunk first; `out` must hold no chunks.
    void takeAll(std::vector<std::vector<Event>>& out) { out.swap(chunks_); }
    // Takes chunks back (emptied here) for reuse; `used` is left without chunks.
    void recycle(std::vector<std::vector<Event>>& used);

private:
    void open();

    std::vector<std::vector<Event>> chunks_;  // each non-empty, all but the last full
    std::vector<std::vector<Event>> spare_;  // empty, capacity kChunk
};

// Puts the decoded events of a traced program's streams (threads, processes) into time order for
// the model: add() what was decoded since the last poll, take() everything up to a time that no
// stream can still undercut. Stable: events with equal times keep the order they were added in
// (a lane's own events are in order already).
//
// Each call costs what is new, not what is held back: the fresh events are sorted among
// themselves and merged only with the held events they overlap (streams arrive nearly in order,
// so usually none), and take() moves a read position instead of copying what stays. (Copying
// and sorting everything held back on every poll took, while a drain thread lagged by a second
// at 2M events/s, the CPU the drain needed, and the program dropped records.)
class EventOrder {
public:
    // One poll: adds the chunks (EventChunks::takeAll, emptied here) and hands every event at or
    // before upTo to `sink`, in time order, in batches of about a chunk: after each chunk, what no
    // later chunk can undercut goes out, so the buffers stay the size of a chunk (and warm)
    // however far the program ran ahead of this poll. Returns how many events went out.
    size_t pass(std::vector<std::vector<Event>>& chunks, int64_t upTo,
                const std::function<void(std::vector<Event>&)>& sink);
    // Adds fresh's events (sorting fresh in place); fresh is left empty, its capacity kept.
    void add(std::vector<Event>& fresh);
    // Replaces out with the held events at or before upTo, oldest first; returns how many.
    size_t take(int64_t upTo, std::vector<Event>& out);
    size_t held() const { return events_.size() - from_; }

private:
    std::vector<Event> events_;  // [from_, size) are held back, in time order
    size_t from_ = 0;
    std::vector<Event> batch_;  // what pass() hands out, reused
    std::vector<int64_t> laterMin_;  // pass()'s [k]: upTo, or the oldest time in chunks[k..] if older
};

// Keeps each lock's story consistent in the events going to the model, in time order: one
// holder at a time (a hold that began while another was open ends the other's hold at its
// begin) and handoffs that point forward (a handoff's start is never later than its end). The
// tracer stamps a lock's records in the order they happened (its stamps are ordered under the
// GIL), so for its streams this changes nothing; it guards the model against streams that are
// not (a stamp taken on another core whose clock is ahead, another sender): the stream is
// untrusted, and an overlap would read as two threads inside one lock.
class LockSequence {
public:
    // Adjusts `batch` (time order, the next after the previous call's) in place; `kindOf` gives
    // an object's kind.
    template <class KindOf> void apply(std::vector<Event>& batch, KindOf kindOf)
    {
        for (Event& e : batch)
            if (e.object &&
                (e.type == Ev::HoldBegin || e.type == Ev::HoldEnd || e.type == Ev::FlowStart || e.type == Ev::FlowEnd))
                if (const ObjectKind k = kindOf(e.object); k == ObjectKind::Lock || k == ObjectKind::RLock)
                    step(e);
    }

private:
    struct Lock {
        int64_t open = 0;  // the hold the model has open
        int64_t next = 0, nextT = 0;  // a hold that began while `open` was open, and when
        int64_t endedEarly = 0;  // a hold whose end came before its begin
        int64_t started = 0;  // the handoff started last
        int64_t earlyFlow = 0, earlyFlowT = 0;  // a handoff whose end came before its start
    };
    void step(Event& e);

    std::unordered_map<ObjectId, Lock> locks_;
    ObjectId lastId_ = 0;
    Lock* last_ = nullptr;  // locks_[lastId_]: one lock's events usually come in a row
};

}  // namespace tl::pytrace
