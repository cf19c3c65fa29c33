// SPDX-License-Identifier: MIT
// What the cursor is on, in words: tooltips and the time span of an item.
#include "timeline_item.h"
#include "palette.h"
#include "timeline_util.h"
#include "units.h"

#include <QObject>
#include <QStringList>

#include <algorithm>
#include <array>

namespace tl::view {

using namespace timeline;

// The run's end for drawing open items, in O(lanes) (itemRange runs on every hover repaint).
static int64_t quickEnd(const Trace& t)
{
    int64_t end = 0;
    for (const Lane& l : t.lanes) {
        end = std::max(end, l.end);
        if (!l.intervals.empty())
            end = std::max({end, l.intervals.back().end, l.intervals.back().start});
    }
    if (!t.instants.empty())
        end = std::max(end, t.instants.back().t);
    return end;
}

TimeRange itemRange(const Trace& t, const TimelineItem& item)
{
    const int64_t end = quickEnd(t);  // only for items still open
    switch (item.kind) {
    case TimelineItem::Kind::Interval: {
        if (item.lane >= t.lanes.size())
            return {};
        const auto& iv = t.lanes[item.lane].intervals;
        if (item.index >= iv.size())
            return {};
        const size_t lastI = std::min<size_t>(iv.size() - 1, item.index + item.count - 1);
        return {iv[item.index].start, endOr(iv[lastI].end, iv[lastI].start, end)};
    }
    case TimelineItem::Kind::Hold: {
        if (item.index >= t.holds.size())
            return {};
        const Hold& h = t.holds[item.index];
        return {h.start, endOr(h.end, h.start, end)};
    }
    case TimelineItem::Kind::Task: {
        if (item.index >= t.tasks.size())
            return {};
        const TaskSpan& s = t.tasks[item.index];
        return {s.start, endOr(s.end, s.start, end)};
    }
    case TimelineItem::Kind::Instant:
        if (item.index >= t.instants.size())
            return {};
        return {t.instants[item.index].t, t.instants[item.index].t};
    case TimelineItem::Kind::Flow: {
        if (item.index >= t.flows.size())
            return {};
        const Flow& f = t.flows[item.index];
        return {f.fromT, std::max(f.fromT, f.toT)};
    }
    case TimelineItem::Kind::None: break;
    }
    return {};
}

namespace {

QString latin1(std::string_view v) { return QString::fromLatin1(v.data(), qsizetype(v.size())); }

// A fold: how its time splits by state family, so nothing is hidden.
void describeFold(QStringList& lines, const Trace& t, const TimelineItem& item)
{
    const auto& ivs = t.lanes[item.lane].intervals;
    std::array<int64_t, size_t(StateFamily::Count)> per{};
    const size_t lastI = std::min<size_t>(ivs.size(), size_t(item.index) + item.count);
    for (size_t i = item.index; i < lastI; ++i)
        per[size_t(stateFamily(ivs[i].state))] += std::max<int64_t>(0, ivs[i].end - ivs[i].start);
    lines << QObject::tr("%1 — %2 intervals folded (zoom in for detail)").arg(laneName(t, item.lane)).arg(item.count);
    for (size_t f = 0; f < per.size(); ++f)
        if (per[f] > 0)
            lines << QStringLiteral("  %1: %2").arg(familyLabel(StateFamily(f)), formatDuration(per[f]));
}

void describeState(QStringList& lines, const Trace& t, LaneId lane, const Interval& iv)
{
    lines << QStringLiteral("%1 — %2").arg(laneName(t, lane), stateLabel(iv.state));
    if (iv.object) {
        const ObjectInfo* o = iv.object < t.objects.size() ? &t.objects[iv.object] : nullptr;
        lines << QObject::tr("object: %1%2")
                     .arg(objName(t, iv.object),
                          o ? QStringLiteral(" (%1)").arg(latin1(kindName(o->kind))) : QString());
        if (o && !o->site.empty())
            lines << QObject::tr("created at %1").arg(QString::fromStdString(o->site));
    }
    if (iv.state == State::WaitJoin && iv.joinedLane >= 0)
        lines << QObject::tr("joining: %1").arg(laneName(t, LaneId(iv.joinedLane)));
    if (iv.outcome != Outcome::None && iv.outcome != Outcome::Acquired)
        lines << QObject::tr("ended by: %1").arg(latin1(outcomeName(iv.outcome)));
}

QStringList describeInterval(const Trace& t, const TimelineItem& item, TimeRange r)
{
    if (item.lane >= t.lanes.size() || item.index >= t.lanes[item.lane].intervals.size())
        return {};
    QStringList lines;
    if (item.count > 1)
        describeFold(lines, t, item);
    else
        describeState(lines, t, item.lane, t.lanes[item.lane].intervals[item.index]);
    lines << QObject::tr("duration: %1  (%2 → %3)")
                 .arg(formatDuration(r.span()), formatDuration(r.start), formatDuration(r.end));
    // What the lane holds and which task it runs at the interval's start.
    QStringList held;
    for (const Hold& h : t.holds) {
        if (h.start > r.start)
            break;
        if (h.lane == item.lane && endOr(h.end, h.start, INT64_MAX) > r.start)
            held << objName(t, h.object);
    }
    if (!held.isEmpty())
        lines << QObject::tr("holding: %1").arg(held.join(QStringLiteral(", ")));
    for (const TaskSpan& s : t.tasks) {
        if (s.start > r.start)
            break;
        if (s.lane == item.lane && endOr(s.end, s.start, INT64_MAX) > r.start)
            lines << QObject::tr("task #%1").arg(s.task);
    }
    return lines;
}

// The other lanes that waited for the held object during r (binary search per lane).
QStringList waitersDuring(const Trace& t, const Hold& h, TimeRange r)
{
    QStringList waiters;
    for (size_t ln = 0; ln < t.lanes.size(); ++ln) {
        if (ln == h.lane)
            continue;
        const auto& ivs = t.lanes[ln].intervals;
        auto it = std::partition_point(ivs.begin(), ivs.end(),
                                       [&](const Interval& iv) { return iv.end >= iv.start && iv.end <= r.start; });
        for (; it != ivs.end() && it->start < r.end; ++it)
            if (it->object == h.object && stateFamily(it->state) == StateFamily::Wait) {
                waiters << laneName(t, LaneId(ln));
                break;
            }
    }
    return waiters;
}

QStringList describeHold(const Trace& t, const TimelineItem& item, TimeRange r)
{
    if (item.index >= t.holds.size())
        return {};
    QStringList lines;
    const Hold& h = t.holds[item.index];
    lines << QObject::tr("%1 holds %2").arg(laneName(t, h.lane), objName(t, h.object));
    if (h.object < t.objects.size() && !t.objects[h.object].site.empty())
        lines << QObject::tr("created at %1").arg(QString::fromStdString(t.objects[h.object].site));
    lines << QObject::tr("held for %1  (%2 → %3)")
                 .arg(formatDuration(r.span()), formatDuration(r.start),
                      h.end < 0 ? QObject::tr("still held") : formatDuration(r.end));
    if (h.end >= 0 && h.releasedBy != h.lane)
        lines << QObject::tr("released by %1").arg(laneName(t, h.releasedBy));
    const QStringList waiters = waitersDuring(t, h, r);
    if (!waiters.isEmpty())
        lines << QObject::tr("waiting meanwhile: %1").arg(waiters.join(QStringLiteral(", ")));
    if (item.count > 1)
        lines << QObject::tr("%1 holds folded (zoom in for detail)").arg(item.count);
    return lines;
}

QStringList describeTask(const Trace& t, const TimelineItem& item, TimeRange r)
{
    if (item.index >= t.tasks.size())
        return {};
    QStringList lines;
    const TaskSpan& s = t.tasks[item.index];
    lines << QObject::tr("task #%1 on %2").arg(s.task).arg(laneName(t, s.lane));
    if (s.future)
        lines << QObject::tr("future: %1").arg(objName(t, s.future));
    lines << QObject::tr("ran for %1  (%2 → %3)")
                 .arg(formatDuration(r.span()), formatDuration(r.start), formatDuration(r.end));
    if (s.end >= 0) {
        const QString what = s.outcome == 0   ? QObject::tr("result")
                             : s.outcome == 1 ? QObject::tr("exception")
                                              : QObject::tr("cancelled");
        lines << (s.value.empty() ? what : QStringLiteral("%1: %2").arg(what, qs(s.value)));
    }
    if (item.count > 1)
        lines << QObject::tr("%1 tasks folded (zoom in for detail)").arg(item.count);
    return lines;
}

QStringList describeInstant(const Trace& t, const TimelineItem& item)
{
    if (item.index >= t.instants.size())
        return {};
    QStringList lines;
    const Instant& in = t.instants[item.index];
    lines << QStringLiteral("%1 — %2").arg(laneName(t, in.lane), latin1(eventName(in.type)));
    if (in.object)
        lines << QObject::tr("object: %1").arg(objName(t, in.object));
    if (!in.text.empty())
        lines << qs(in.text);
    lines << QObject::tr("at %1").arg(formatDuration(in.t));
    if (item.count > 1)
        lines << QObject::tr("%1 events here (zoom in for detail)").arg(item.count);
    return lines;
}

QStringList describeFlow(const Trace& t, const TimelineItem& item)
{
    if (item.index >= t.flows.size())
        return {};
    QStringList lines;
    const Flow& f = t.flows[item.index];
    lines
        << QStringLiteral("%1: %2 → %3").arg(latin1(flowName(f.kind)), laneName(t, f.fromLane), laneName(t, f.toLane));
    // What the arrow means, in the course's words.
    switch (f.kind) {
    case FlowKind::Handoff: lines << QObject::tr("released the lock; the waiting thread got it"); break;
    case FlowKind::Wake: lines << QObject::tr("woke the waiting thread (set, notify, release)"); break;
    case FlowKind::Item: lines << QObject::tr("an item went through the queue from producer to consumer"); break;
    case FlowKind::Done: lines << QObject::tr("the future was done; the thread waiting on it went on"); break;
    default: break;
    }
    if (f.object)
        lines << QObject::tr("object: %1").arg(objName(t, f.object));
    if (f.toT >= 0)
        lines << QObject::tr("from %1 to %2 (latency %3)")
                     .arg(formatDuration(f.fromT), formatDuration(f.toT), formatDuration(f.toT - f.fromT));
    return lines;
}

}  // namespace

QString describeItem(const Trace& t, const TimelineItem& item)
{
    QStringList lines;
    switch (item.kind) {
    case TimelineItem::Kind::Interval: lines = describeInterval(t, item, itemRange(t, item)); break;
    case TimelineItem::Kind::Hold: lines = describeHold(t, item, itemRange(t, item)); break;
    case TimelineItem::Kind::Task: lines = describeTask(t, item, itemRange(t, item)); break;
    case TimelineItem::Kind::Instant: lines = describeInstant(t, item); break;
    case TimelineItem::Kind::Flow: lines = describeFlow(t, item); break;
    case TimelineItem::Kind::None: break;
    }
    return lines.join(QLatin1Char('\n'));
}

}  // namespace tl::view
