// SPDX-License-Identifier: MIT
// What is under the cursor: the item (arrow, task, hold, marker, segment) or the lane.
#include "timeline_renderer.h"

#include <algorithm>
#include <cmath>
#include <type_traits>
#include <vector>

namespace tl::view {

TimelineItem TimelineRenderer::hitTest(const QRect& rect, TimeRange vis, const RenderOptions& o, QPoint pos)
{
    TimelineItem none;
    if (!trace_)
        return none;
    const Frame f = frame(rect, o);
    if (!f.plot.contains(pos))
        return none;
    const LaneLayout& l = layout(o.laneHeight);
    if (o.previewGeometry && !hasGeometry(vis, f.plot.width(), o.laneHeight))
        return none;
    const auto g = geometry(vis, f.plot.width(), o.laneHeight);
    const int cy = pos.y() - f.plot.top() + o.verticalOffset;
    const double x = pos.x() - f.plot.left();
    // Flow arrows first: they cross other lanes and the gaps between rows, and are thin.
    {
        const QPointF at(x, cy);
        const Geometry::Arrow* best = nullptr;
        double bestD = 2.5;
        for (const auto& a : g->arrows) {
            if (!o.shows(flowLayer(a.kind)))
                continue;  // switched off in the legend: not there to hover either
            const QPointF d = a.to - a.from;
            const double len2 = QPointF::dotProduct(d, d);
            const double u = len2 > 0 ? std::clamp(QPointF::dotProduct(at - a.from, d) / len2, 0.0, 1.0) : 0.0;
            const QPointF q = a.from + u * d - at;
            const double dist = std::sqrt(QPointF::dotProduct(q, q));
            if (dist < bestD) {
                bestD = dist;
                best = &a;
            }
        }
        if (best && best->index < trace_->flows.size())
            return {TimelineItem::Kind::Flow, trace_->flows[best->index].fromLane, best->index, 1};
    }
    const int ri = l.rowAt(cy);
    if (ri < 0)
        return none;
    const LaneRow& row = l.rows[size_t(ri)];
    const int ry = cy - row.y;
    constexpr double tol = 3.0;
    auto nearest = [&](auto& items, auto rectOf) -> const std::remove_reference_t<decltype(items[0])>* {
        const std::remove_reference_t<decltype(items[0])>* best = nullptr;
        double bestD = tol + 1;
        for (const auto& it : items) {
            const QRectF r = rectOf(it);
            const double d = x < r.left() ? r.left() - x : x > r.right() ? x - r.right() : 0.0;
            if (d < bestD) {
                bestD = d;
                best = &it;
            }
        }
        return best;
    };
    if (row.hasTasks && ry < row.barTop - 1) {
        if (!o.shows(Layer::Tasks))
            return none;
        std::vector<Geometry::TaskBox> mine;
        for (const auto& tb : g->tasks)
            if (tb.lane == row.lane)
                mine.push_back(tb);
        if (auto* b = nearest(mine, [](const Geometry::TaskBox& tb) { return tb.rect; }))
            return {TimelineItem::Kind::Task, row.lane, b->index, 1};
        return none;
    }
    if (ry >= row.holdTop - 1) {
        if (!o.shows(Layer::Holds))
            return none;
        if (auto* b = nearest(g->holds[size_t(ri)], [](const Geometry::HoldBar& hb) { return hb.rect; }))
            return {TimelineItem::Kind::Hold, row.lane, b->first, b->count};
        return none;
    }
    // Markers sit on the bar's top edge: they win within a few pixels of it.
    if (ry < row.barTop + 9 && o.shows(Layer::Events)) {
        const Geometry::Marker* best = nullptr;
        double bestD = 5.0;
        for (const auto& m : g->markers)
            if (m.lane == row.lane && std::abs(m.at.x() - x) < bestD) {
                bestD = std::abs(m.at.x() - x);
                best = &m;
            }
        if (best)
            return {TimelineItem::Kind::Instant, row.lane, best->first, best->count};
    }
    const auto& segs = g->segments[size_t(ri)];
    // Binary search outward from the cursor.
    auto it =
        std::partition_point(segs.begin(), segs.end(), [&](const Geometry::Segment& s) { return s.x1 < x - tol; });
    const Geometry::Segment* best = nullptr;
    double bestD = tol + 1;
    for (; it != segs.end() && it->x0 <= x + tol; ++it) {
        const double d = x < it->x0 ? it->x0 - x : x > std::max<double>(it->x1, it->x0 + 1) ? x - it->x1 : 0.0;
        if (d < bestD) {
            bestD = d;
            best = &*it;
        }
    }
    if (!best)
        return none;
    // A fold shows its most important interval; hit-testing reports the whole fold.
    return {TimelineItem::Kind::Interval, row.lane, best->first, best->count};
}

int TimelineRenderer::laneAt(const QRect& rect, const RenderOptions& o, QPoint pos)
{
    if (!trace_)
        return -1;
    const Frame f = frame(rect, o);
    if (pos.y() < f.plot.top() || pos.y() > f.plot.bottom())
        return -1;
    const LaneLayout& l = layout(o.laneHeight);
    const int ri = l.rowAt(pos.y() - f.plot.top() + o.verticalOffset);
    return ri < 0 ? -1 : int(l.rows[size_t(ri)].lane);
}

std::optional<GroupRow> TimelineRenderer::groupAt(const QRect& rect, const RenderOptions& o, QPoint pos)
{
    if (!trace_)
        return std::nullopt;
    const Frame f = frame(rect, o);
    if (pos.y() < f.plot.top() || pos.y() > f.plot.bottom() || pos.x() < rect.left() || pos.x() > rect.right())
        return std::nullopt;
    const GroupRow* g = layout(o.laneHeight).groupAt(pos.y() - f.plot.top() + o.verticalOffset);
    return g ? std::optional<GroupRow>(*g) : std::nullopt;
}

}  // namespace tl::view
