// SPDX-License-Identifier: MIT
#include "event_order.h"

#include <algorithm>

namespace tl::pytrace {
namespace {

bool earlier(const Event& a, const Event& b) { return a.t < b.t; }

}  // namespace

void EventChunks::open()
{
    if (spare_.empty()) {
        chunks_.emplace_back().reserve(kChunk);
    } else {
        chunks_.push_back(std::move(spare_.back()));
        spare_.pop_back();
    }
}

void EventChunks::recycle(std::vector<std::vector<Event>>& used)
{
    for (auto& c : used) {
        if (spare_.size() == kMaxSpare)
            break;
        if (c.capacity() != kChunk)
            continue;
        c.clear();
        spare_.push_back(std::move(c));
    }
    used.clear();
}

void EventOrder::add(std::vector<Event>& fresh)
{
    if (fresh.empty())
        return;
    // Within one batch the drain threads' passes interleave threads: runs in order, not one run.
    if (!std::is_sorted(fresh.begin(), fresh.end(), earlier))
        std::stable_sort(fresh.begin(), fresh.end(), earlier);
    if (from_ == events_.size()) {
        events_.clear();
        from_ = 0;
    }
    const auto mid = long(events_.size());
    events_.insert(events_.end(), fresh.begin(), fresh.end());
    fresh.clear();
    const auto begin = events_.begin() + long(from_);
    const auto middle = events_.begin() + mid;
    if (begin == middle || !earlier(*middle, *(middle - 1)))
        return;  // the usual case: all of it is newer than what is held
    // Only the held events newer than the oldest fresh one take part in the merge.
    const auto overlap = std::upper_bound(begin, middle, *middle, earlier);
    std::inplace_merge(overlap, middle, events_.end(), earlier);
}

size_t EventOrder::pass(std::vector<std::vector<Event>>& chunks, int64_t upTo,
                        const std::function<void(std::vector<Event>&)>& sink)
{
    laterMin_.assign(chunks.size() + 1, upTo);
    for (size_t k = chunks.size(); k-- > 0;) {
        int64_t low = laterMin_[k + 1];
        for (const Event& e : chunks[k])
            low = std::min(low, e.t);
        laterMin_[k] = low;
    }
    size_t n = 0;
    for (size_t k = 0; k <= chunks.size(); ++k) {
        if (k > 0)
            add(chunks[k - 1]);
        if (take(laterMin_[k], batch_) > 0) {
            sink(batch_);
            n += batch_.size();
        }
    }
    return n;
}

size_t EventOrder::take(int64_t upTo, std::vector<Event>& out)
{
    const auto begin = events_.begin() + long(from_);
    const auto cut = std::upper_bound(begin, events_.end(), upTo, [](int64_t t, const Event& e) { return t < e.t; });
    if (from_ == 0 && cut == events_.end()) {  // all of it: no copy, the two buffers trade places
        out.swap(events_);
        events_.clear();
        return out.size();
    }
    out.assign(begin, cut);
    from_ += out.size();
    if (from_ == events_.size()) {
        events_.clear();
        from_ = 0;
    } else if (from_ >= events_.size() / 2) {
        // What stays is at most what was taken: moving it down costs no more than taking did.
        events_.erase(events_.begin(), events_.begin() + long(from_));
        from_ = 0;
    }
    return out.size();
}

void LockSequence::step(Event& e)
{
    if (e.object != lastId_ || !last_) {
        last_ = &locks_[e.object];  // node-based: the pointer stays valid as the map grows
        lastId_ = e.object;
    }
    Lock& l = *last_;
    switch (e.type) {
    case Ev::HoldBegin:
        if (e.a == l.endedEarly)
            break;  // already closed in the model
        if (!l.open)
            l.open = e.a;
        else if (!l.next) {
            l.next = e.a;
            l.nextT = e.t;
        }
        break;
    case Ev::HoldEnd:
        if (e.a == l.open) {
            if (l.next)
                e.t = std::min(e.t, l.nextT);  // it ended before the next holder began
            l.open = l.next;
            l.next = 0;
        } else if (e.a == l.next) {
            l.next = 0;
        } else {
            l.endedEarly = e.a;
        }
        break;
    case Ev::FlowStart:
        l.started = e.a;
        if (e.a == l.earlyFlow)
            e.t = std::min(e.t, l.earlyFlowT);  // handed over no later than it was taken
        break;
    case Ev::FlowEnd:
        if (e.a != l.started) {
            l.earlyFlow = e.a;
            l.earlyFlowT = e.t;
        }
        break;
    default: break;
    }
}

}  // namespace tl::pytrace
