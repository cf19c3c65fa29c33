// SPDX-License-Identifier: MIT
#include "zoom_control.h"

#include <algorithm>
#include <cmath>

namespace tl::view {

namespace {
constexpr size_t kHistoryLimit = 64;
}

ZoomControl::ZoomControl(QObject* parent) : QObject(parent)
{
    static const int registered = qRegisterMetaType<tl::view::TimeRange>();
    (void)registered;
}

void ZoomControl::setMinimumRange(int64_t ns)
{
    minimum_ = std::max<int64_t>(1, ns);
    applyVisible(visible_);
}

TimeRange ZoomControl::clampVisible(TimeRange r) const
{
    if (r.end < r.start)
        std::swap(r.start, r.end);
    const int64_t traceSpan = trace_.span();
    int64_t span = std::max(r.span(), minimum_);
    // Never wider than the run (but a run shorter than the minimum still shows the minimum).
    if (traceSpan > 0)
        span = std::min(span, std::max(traceSpan, minimum_));
    const int64_t mid = r.start + r.span() / 2;
    r.start = mid - span / 2;
    r.end = r.start + span;
    if (traceSpan > 0) {
        if (r.end > std::max(trace_.end, trace_.start + span)) {
            r.end = std::max(trace_.end, trace_.start + span);
            r.start = r.end - span;
        }
        if (r.start < trace_.start) {
            r.start = trace_.start;
            r.end = r.start + span;
        }
    }
    return r;
}

bool ZoomControl::applyVisible(TimeRange r)
{
    r = clampVisible(r);
    if (r == visible_)
        return false;
    visible_ = r;
    emit visibleRangeChanged(visible_);
    return true;
}

void ZoomControl::userChange(TimeRange r)
{
    const TimeRange before = visible_;
    if (applyVisible(r)) {
        history_.push_back(before);
        if (history_.size() > kHistoryLimit)
            history_.erase(history_.begin());
        setFollowLive(false);
    }
}

void ZoomControl::setTraceRange(int64_t start, int64_t end)
{
    TimeRange r{start, std::max(start, end)};
    if (r == trace_)
        return;
    const bool wasAll = visible_.isEmpty() || (visible_.start <= trace_.start && visible_.end >= trace_.end);
    trace_ = r;
    emit traceRangeChanged(trace_);
    if (followLive_) {
        if (wasAll)
            applyVisible(trace_);
        else
            applyVisible({trace_.end - visible_.span(), trace_.end});
    } else {
        applyVisible(visible_);
    }
}

void ZoomControl::setVisibleRange(int64_t start, int64_t end) { applyVisible({start, end}); }

void ZoomControl::zoomTo(int64_t start, int64_t end) { userChange({start, end}); }

void ZoomControl::zoomAround(int64_t t, double factor)
{
    if (!(factor > 0) || factor == 1.0)
        return;
    const TimeRange v = visible_;
    const int64_t span = std::max<int64_t>(minimum_, int64_t(std::llround(double(v.span()) * factor)));
    // Keep t at the same fraction of the view (the time under the cursor stays under it).
    const double frac = v.span() > 0 ? double(t - v.start) / double(v.span()) : 0.5;
    const int64_t start = t - int64_t(std::llround(frac * double(span)));
    TimeRange r = clampVisible({start, start + span});
    // clampVisible recentres on the midpoint; redo the anchoring after the span is final.
    const int64_t s2 = t - int64_t(std::llround(frac * double(r.span())));
    userChange({s2, s2 + r.span()});
}

void ZoomControl::pan(int64_t deltaNs)
{
    if (deltaNs == 0)
        return;
    userChange({visible_.start + deltaNs, visible_.end + deltaNs});
}

void ZoomControl::fitAll()
{
    if (trace_.isEmpty())
        return;
    userChange(trace_);
}

bool ZoomControl::back()
{
    if (history_.empty())
        return false;
    const TimeRange r = history_.back();
    history_.pop_back();
    applyVisible(r);
    setFollowLive(false);
    return true;
}

void ZoomControl::setSelection(int64_t start, int64_t end)
{
    TimeRange r{std::min(start, end), std::max(start, end)};
    if (r.isEmpty())
        r = {};
    if (r == selection_)
        return;
    selection_ = r;
    emit selectionChanged(selection_);
}

void ZoomControl::clearSelection() { setSelection(0, 0); }

void ZoomControl::setPlayhead(int64_t t)
{
    if (t < 0)
        t = -1;
    if (t == playhead_)
        return;
    playhead_ = t;
    emit playheadChanged(playhead_);
}

void ZoomControl::setFollowLive(bool on)
{
    if (on == followLive_)
        return;
    followLive_ = on;
    emit followLiveChanged(on);
    if (on && !trace_.isEmpty())
        applyVisible(trace_);
}

void ZoomControl::reset()
{
    history_.clear();
    clearSelection();
    setPlayhead(-1);
    if (!(trace_ == TimeRange{})) {
        trace_ = {};
        emit traceRangeChanged(trace_);
    }
    if (!(visible_ == TimeRange{})) {
        visible_ = {};
        emit visibleRangeChanged(visible_);
    }
    setFollowLive(true);
}

}  // namespace tl::view
