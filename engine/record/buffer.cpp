// SPDX-License-Identifier: MIT
#include "buffer.h"

namespace tl {

EventBuffer::EventBuffer() : tail_(new Chunk), head_(tail_) {}

EventBuffer::~EventBuffer()
{
    for (Chunk* c = head_; c;) {
        Chunk* n = c->next.load(std::memory_order_relaxed);
        delete c;
        c = n;
    }
    delete spare_.load(std::memory_order_relaxed);
}

void EventBuffer::grow()
{
    Chunk* c = spare_.exchange(nullptr, std::memory_order_acquire);
    if (!c)
        c = new Chunk;
    c->next.store(nullptr, std::memory_order_relaxed);
    tail_->next.store(c, std::memory_order_release);
    tail_ = c;
    pos_ = 0;
}

size_t EventBuffer::consume(std::vector<Event>& out, int64_t upTo)
{
    const uint64_t avail = published_.load(std::memory_order_acquire);
    size_t n = 0;
    while (consumed_ < avail) {
        if (headPos_ == kChunkEvents) {
            // The producer linked the next chunk before publishing any event in it.
            Chunk* next = head_->next.load(std::memory_order_acquire);
            Chunk* old = head_;
            head_ = next;
            headPos_ = 0;
            Chunk* expected = nullptr;
            if (!spare_.compare_exchange_strong(expected, old, std::memory_order_release))
                delete old;
        }
        const Event& e = head_->events[headPos_];
        if (e.t > upTo)
            break;
        out.push_back(e);
        ++headPos_;
        ++consumed_;
        ++n;
    }
    return n;
}

}  // namespace tl
