// SPDX-License-Identifier: MIT
#pragma once
#include "event.h"

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace tl {

// A single-producer, single-consumer chunked event buffer: one per traced thread.
//
// Threading contract:
// - append() is called only by the owning thread. It is lock-free and writes into the
//   current chunk, then publishes with one release store. When a chunk is full it links a
//   new one (recycled from the consumer when possible, else allocated: once per 4096 events).
//   Nothing is ever dropped.
// - consume() is called only by the collector (one thread at a time). It reads published
//   events with an acquire load and frees or recycles chunks it has finished.
// The producer's and the consumer's fields live on separate cache lines, so two threads
// recording into their own buffers share nothing.
class EventBuffer {
public:
    static constexpr size_t kChunkEvents = 4096;

    EventBuffer();
    ~EventBuffer();
    EventBuffer(const EventBuffer&) = delete;
    EventBuffer& operator=(const EventBuffer&) = delete;

    void append(const Event& e) noexcept
    {
        if (pos_ == kChunkEvents) [[unlikely]]
            grow();
        tail_->events[pos_++] = e;
        published_.store(++written_, std::memory_order_release);
    }

    // Appends to out every published event with t <= upTo, in this buffer's order; stops at
    // the first later one. Returns how many were appended.
    size_t consume(std::vector<Event>& out, int64_t upTo = INT64_MAX);
    // Events published but not yet consumed.
    uint64_t pending() const noexcept { return published_.load(std::memory_order_acquire) - consumed_; }
    uint64_t total() const noexcept { return published_.load(std::memory_order_acquire); }

private:
    struct Chunk {
        Event events[kChunkEvents];
        std::atomic<Chunk*> next{nullptr};
    };
    void grow();

    // producer's line
    alignas(64) Chunk* tail_;
    size_t pos_ = 0;
    uint64_t written_ = 0;
    // published count: written by the producer, read by the consumer
    alignas(64) std::atomic<uint64_t> published_{0};
    // a chunk the consumer handed back for reuse (or null)
    alignas(64) std::atomic<Chunk*> spare_{nullptr};
    // consumer's line
    alignas(64) Chunk* head_;
    size_t headPos_ = 0;
    uint64_t consumed_ = 0;
};

}  // namespace tl
