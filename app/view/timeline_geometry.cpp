// SPDX-License-Identifier: MIT
// Timeline geometry: what is drawn in the lane area for one visible range and width, built in
// one pass per kind of item (state segments, hold bands, task boxes, markers, flow arrows).
#include "timeline_geometry.h"
#include "palette.h"
#include "timeline_renderer.h"
#include "timeline_util.h"

#include <QFontMetrics>
#include <QFontMetricsF>

#include <algorithm>
#include <cmath>
#include <unordered_map>
#include <unordered_set>

#ifdef __GLIBC__
#include <malloc.h>
#endif

namespace tl::view {

using namespace timeline;

namespace {

constexpr double kFoldPx = TimelineRenderer::kFoldPx;

// One build: its inputs, the time-to-x mapping, and its passes. Each pass writes its own parts
// of the Geometry (segments/rects/stripes/labels, holds/holdRects, tasks, markers, arrows),
// row by row in display order, so the passes do not depend on each other's order.
struct GeometryBuild {
    const Trace& t;
    const TraceIndex& idx;
    const LaneLayout& l;
    const QFont& font;
    Geometry* g;
    const int width;
    const double k;  // px per ns, once per frame
    const int64_t t0, t1;
    const QFontMetricsF fm;
    // Fold priorities as a table (the palette's order), and the fold width in ns.
    std::array<int8_t, size_t(State::Count)> prio_{};
    const int64_t foldNs;
    std::unordered_map<ObjectId, double> nameWidth;  // text widths of object names, once per build

    GeometryBuild(const Trace& trace, const TraceIndex& index, const LaneLayout& layout, const QFont& f,
                  Geometry* geometry, TimeRange vis, int w)
        : t(trace), idx(index), l(layout), font(f), g(geometry), width(w), k(double(w) / double(vis.span())),
          t0(vis.start), t1(vis.end), fm(f), foldNs(std::max<int64_t>(1, int64_t(std::ceil(kFoldPx / k))))
    {
        for (size_t s = 0; s < prio_.size(); ++s)
            prio_[s] = int8_t(statePriority(State(s)));
    }

    double xOf(int64_t tt) const { return double(std::clamp(tt, t0, t1) - t0) * k; }

    // Runs `pass` on every row whose lane the trace has.
    template <class Pass> void eachRow(Pass&& pass)
    {
        for (size_t ri = 0; ri < l.rows.size(); ++ri)
            if (l.rows[ri].lane < t.lanes.size())
                pass(ri, l.rows[ri]);
    }

    void segments(size_t ri, const LaneRow& row);
    void waitLabel(const Interval& iv, float x0, float x1, double y, double h);
    void holds(size_t ri, const LaneRow& row, std::unordered_map<ObjectId, size_t>& holdGroup);
    void tasks(const LaneRow& row);
    void markers(const LaneRow& row);
    void flows();
};

// State segments of a row: intervals narrower than kFoldPx fold into one run. A fold ends at
// the first interval that reaches foldNs past the fold's start (found by binary search: no
// interval before it can be wide), so the work follows the folds, not the intervals: their
// states and times come from the lane's level of detail (IntervalLod).
void GeometryBuild::segments(size_t ri, const LaneRow& row)
{
    const auto& ivs = t.lanes[row.lane].intervals;
    const double y = row.y + row.barTop, h = row.barHeight;
    auto& segs = g->segments[ri];
    // Visible span by binary search: intervals are sorted and do not overlap.
    const auto firstIt = std::partition_point(
        ivs.begin(), ivs.end(), [&](const Interval& iv) { return endOr(iv.end, iv.start, idx.end) <= t0; });
    const auto lastIt = std::partition_point(firstIt, ivs.end(), [&](const Interval& iv) { return iv.start < t1; });
    const size_t first = size_t(firstIt - ivs.begin()), last = size_t(lastIt - ivs.begin());
    g->intervalsVisited += last - first;

    const int iy = int(y), ih = int(h);
    const int sh = std::max(3, int(std::lround(h * 0.4)));
    auto push = [&](const Geometry::Segment& s) {
        const int px0 = int(std::lround(s.x0));
        const int w = std::max(1, int(std::lround(s.x1)) - px0);
        if (s.count > 1 && s.dominant != s.state) {
            g->rects[size_t(s.dominant)].emplace_back(px0, iy, w, ih);
            g->stripes[size_t(s.state)].emplace_back(px0, iy + ih - sh, w, sh);
        } else {
            g->rects[size_t(s.state)].emplace_back(px0, iy, w, ih);
        }
        segs.push_back(s);
    };
    // The visible part of interval i (open intervals reach the recorded end).
    auto clipStart = [&](size_t i) { return std::max(ivs[i].start, t0); };
    auto clipEnd = [&](size_t i) { return std::min(ivs[i].end < ivs[i].start ? idx.end : ivs[i].end, t1); };
    const IntervalLod* lod = row.lane < idx.lod.size() ? &idx.lod[row.lane] : nullptr;
    // Folds [a, b): shown as their most important state (the first interval of the highest
    // priority), coloured by the state holding most of their time. Only the first and last
    // visible intervals are clipped, so a fold's inner intervals count whole.
    auto fold = [&](size_t a, size_t b) {
        Geometry::Segment f;
        f.first = uint32_t(a);
        f.count = uint32_t(b - a);
        IntervalLod::Times share{};
        size_t shown = a;
        if (b - a <= 2 * IntervalLod::kFan || !lod) {
            int bestPrio = -1;
            for (size_t i = a; i < b; ++i) {
                share[size_t(ivs[i].state)] += clipEnd(i) - clipStart(i);
                if (prio_[size_t(ivs[i].state)] > bestPrio) {
                    bestPrio = prio_[size_t(ivs[i].state)];
                    shown = i;
                }
            }
        } else {
            share[size_t(ivs[a].state)] += clipEnd(a) - clipStart(a);
            share[size_t(ivs[b - 1].state)] += clipEnd(b - 1) - clipStart(b - 1);
            uint32_t present = (1u << unsigned(ivs[a].state)) | (1u << unsigned(ivs[b - 1].state));
            lod->summarise(ivs, a + 1, b - 1, share, present);
            int bestPrio = -1;
            for (size_t q = 0; q < share.size(); ++q)
                if (present & (1u << q))
                    bestPrio = std::max<int>(bestPrio, prio_[q]);
            uint32_t want = 0;
            for (size_t q = 0; q < share.size(); ++q)
                if (prio_[q] == bestPrio)
                    want |= 1u << q;
            shown = lod->first(ivs, a, b, want);
        }
        f.state = ivs[shown].state;
        f.object = ivs[shown].object;
        f.x0 = float(double(clipStart(a) - t0) * k);
        f.x1 = float(double(clipEnd(b - 1) - t0) * k);
        size_t best = 0;
        for (size_t q = 1; q < share.size(); ++q)
            if (share[q] > share[best])
                best = q;
        f.dominant = State(best);
        push(f);
    };
    for (size_t i = first; i < last;) {
        const Interval& iv = ivs[i];
        const int64_t cs = clipStart(i), ce = clipEnd(i);
        if (ce - cs >= foldNs) {
            const float x0 = float(double(cs - t0) * k), x1 = float(double(ce - t0) * k);
            Geometry::Segment s{x0, x1, uint32_t(i), 1, iv.state, iv.object, iv.state};
            push(s);
            // The waited object's name inside a wait segment, when it fits.
            if (stateFamily(iv.state) == StateFamily::Wait && x1 - x0 > 24)
                waitLabel(iv, x0, x1, y, h);
            ++i;
            continue;
        }
        // A fold from i: up to the first interval ending foldNs past its start (ends are sorted),
        // which joins it unless it is wide itself (then it is drawn on its own next).
        const int64_t target = cs + foldNs;
        size_t j = i + 1;
        if (target > t1) {
            j = last;  // nothing visible ends after t1
        } else {
            // Summarised intervals are closed, their ends sorted; then the rest.
            const size_t h = lod ? std::min(last, std::max(j, lod->covered)) : j;
            if (j < h)
                j = lod->firstEndingAt(ivs, j, h, target);
            if (j == h)
                j = size_t(std::partition_point(ivs.begin() + ptrdiff_t(h), ivs.begin() + ptrdiff_t(last),
                                                [&](const Interval& iv) {
                                                    return std::min(iv.end < iv.start ? idx.end : iv.end, t1) < target;
                                                }) -
                           ivs.begin());
        }
        const size_t b = j == last ? last : clipEnd(j) - clipStart(j) >= foldNs ? j : j + 1;
        // The next fold likely ends as far on: fetch its intervals while this one is summed
        // (each fold's end is a cache miss in a big trace).
        if (2 * b - i < last)
            __builtin_prefetch(&ivs[2 * b - i]);
        fold(i, b);
        i = b;
    }
    g->drawnSegments += segs.size();
}

void GeometryBuild::waitLabel(const Interval& iv, float x0, float x1, double y, double h)
{
    QString text;
    double tw = 0;
    if (iv.state == State::WaitJoin && iv.joinedLane >= 0) {
        text = laneName(t, LaneId(iv.joinedLane));
        tw = fm.horizontalAdvance(text);
    } else if (iv.object) {
        auto it = nameWidth.find(iv.object);
        text = objName(t, iv.object);
        if (it == nameWidth.end())
            it = nameWidth.emplace(iv.object, fm.horizontalAdvance(text)).first;
        tw = it->second;
    }
    // "join Worker-1", "get results": the verb when it fits, the name alone otherwise.
    const char* verb = iv.state == State::WaitJoin       ? "join "
                       : iv.state == State::WaitQueueGet ? "get "
                       : iv.state == State::WaitQueuePut ? "put "
                                                         : nullptr;
    if (!text.isEmpty() && verb) {
        const QString longer = QLatin1String(verb) + text;
        const double lw = fm.horizontalAdvance(longer);
        if (lw + 10 <= x1 - x0) {
            text = longer;
            tw = lw;
        }
    }
    if (!text.isEmpty() && tw + 10 <= x1 - x0)
        g->labels.push_back({QRectF(x0, y, x1 - x0, h), text, iv.state});
}

void GeometryBuild::holds(size_t ri, const LaneRow& row, std::unordered_map<ObjectId, size_t>& holdGroup)
{
    // Hold bands along the bottom of the lane, one colour per lock; nested holds above. Holds
    // narrower than kFoldPx join the band before them while it is narrower too and they touch
    // it (within a pixel).
    if (row.lane >= idx.holds.size())
        return;
    const auto& hv = idx.holds[row.lane];
    const auto& hm = idx.holdMaxEnd[row.lane];
    const auto& depth = idx.holdDepth[row.lane];
    const HoldLod* lod = row.lane < idx.holdLod.size() ? &idx.holdLod[row.lane] : nullptr;
    size_t j = size_t(std::partition_point(hm.begin(), hm.end(), [&](int64_t e) { return e <= t0; }) - hm.begin());
    const size_t hi = size_t(std::partition_point(hv.begin() + ptrdiff_t(j), hv.end(),
                                                  [&](const TraceIndex::SpanRef& h) { return h.start < t1; }) -
                             hv.begin());
    auto& bars = g->holds[ri];
    const size_t base = bars.size();
    // The band each depth is extending: its bar, edges, and the last hold it took. `slow`: the
    // summaries could not vouch for the holds after it, so they join one at a time.
    struct Open {
        size_t bar = SIZE_MAX;
        double left = 0, right = 0;
        size_t last = SIZE_MAX;
        bool slow = false;
    };
    Open open[2];
    std::vector<std::pair<double, double>> edges;  // per bar: left, right (once closed)
    std::vector<uint8_t> nestedBar;
    for (; j < hi; ++j) {
        Open& o0 = open[0];
        if (lod && o0.bar != SIZE_MAX && !o0.slow && o0.last + 1 == j && o0.right - o0.left < kFoldPx) {
            // The outermost band takes the holds up to the first that makes it kFoldPx wide
            // (found by galloping: its right edge only grows), all at once when the summaries
            // prove each would have joined it alone: outermost, narrow and touching.
            auto widthAfter = [&](size_t i) {
                return std::max(o0.right, std::max(xOf(hm[i]), xOf(hv[i].start) + 1.0)) - o0.left;
            };
            size_t lo = j, probe = j, span = 1;
            while (probe < hi && widthAfter(probe) < kFoldPx) {
                lo = probe + 1;
                probe = j + 2 * span - 1;
                span *= 2;
            }
            size_t top = std::min(probe, hi);
            while (lo < top) {
                const size_t mid = lo + (top - lo) / 2;
                if (widthAfter(mid) < kFoldPx)
                    lo = mid + 1;
                else
                    top = mid;
            }
            const size_t last = lo < hi ? lo : hi - 1;
            if (lod->plain(j, last, k, kFoldPx, 1.0)) {
                Geometry::HoldBar& bar = bars[o0.bar];
                bar.count += uint32_t(last - j + 1);
                bar.contended = bar.contended || lod->anyContended(j, last);
                o0.right = std::max(o0.right, std::max(xOf(hm[last]), xOf(hv[last].start) + 1.0));
                o0.last = last;
                j = last;
                continue;
            }
            o0.slow = true;
        }
        const TraceIndex::SpanRef& ho = hv[j];
        const int64_t e = ho.end;
        ++g->holdsVisited;
        if (e <= t0)
            continue;
        const int d = std::min<int>(depth[j], 1);
        const double x0 = xOf(ho.start), x1 = xOf(e);
        Open& o = open[d];
        if (x1 - x0 < kFoldPx && o.bar != SIZE_MAX && o.right >= x0 - 1.0 && o.right - o.left < kFoldPx) {
            o.right = std::max(o.right, std::max(x1, x0 + 1.0));
            o.last = j;
            // Fold priority: holding with waiters beats holding.
            bars[o.bar].contended = bars[o.bar].contended || (ho.contended && d == 0);
            ++bars[o.bar].count;
            continue;
        }
        if (o.bar != SIZE_MAX)
            edges[o.bar - base] = {o.left, o.right};
        bars.push_back({QRectF(), ho.index, 1, ho.object, row.lane, ho.contended});
        edges.emplace_back();
        nestedBar.push_back(uint8_t(d));
        o = {bars.size() - 1, x0, std::max(x1, x0 + 1.0), j, false};
    }
    for (const Open& o : open)
        if (o.bar != SIZE_MAX)
            edges[o.bar - base] = {o.left, o.right};
    const double half = std::floor(row.holdHeight / 2.0);
    for (size_t n = base; n < bars.size(); ++n) {
        Geometry::HoldBar& b = bars[n];
        const auto [x0, x1] = edges[n - base];
        // Depth 0 fills the band (contended) or its lower half; a nested hold takes the upper
        // half so both locks stay visible.
        const bool nestedHold = nestedBar[n - base] != 0;
        const double hy = row.y + row.holdTop + (nestedHold ? 0.0 : (b.contended ? 0.0 : row.holdHeight - half));
        const double hh = nestedHold ? half : (b.contended ? row.holdHeight : half);
        b.rect = QRectF(x0, hy, x1 - x0, hh);
        auto it = holdGroup.find(b.object);
        if (it == holdGroup.end()) {
            it = holdGroup.emplace(b.object, g->holdRects.size()).first;
            g->holdRects.push_back({b.object, {}});
        }
        const int bx = int(std::lround(b.rect.left()));
        g->holdRects[it->second].second.emplace_back(bx, int(b.rect.top()), std::max(1, int(std::lround(x1)) - bx),
                                                     int(b.rect.height()));
    }
}

void GeometryBuild::tasks(const LaneRow& row)
{
    // Task boxes in the strip above the bar.
    if (row.hasTasks) {
        const auto& tv = idx.tasks[row.lane];
        const auto& tm = idx.taskMaxEnd[row.lane];
        size_t j = size_t(std::partition_point(tm.begin(), tm.end(), [&](int64_t e) { return e <= t0; }) - tm.begin());
        const QFontMetrics fmi(font);
        const double ty = row.y + row.taskTop, th = fmi.height() + 4;
        for (; j < tv.size(); ++j) {
            const TraceIndex::SpanRef& s = tv[j];
            if (s.start >= t1)
                break;
            const int64_t e = s.end;
            if (e <= t0)
                continue;
            const double x0 = xOf(s.start), x1 = xOf(e);
            if (!g->tasks.empty() && g->tasks.back().lane == row.lane && x1 - x0 < kFoldPx &&
                g->tasks.back().rect.right() >= x0 - 1.0)
                continue;  // sub-pixel tasks: the previous box already covers this pixel
            g->tasks.push_back({QRectF(x0, ty, std::max(x1 - x0, 1.0), th), s.index, row.lane, t.tasks[s.index].task});
        }
    }
}

void GeometryBuild::markers(const LaneRow& row)
{
    const double y = row.y + row.barTop;
    // Instant markers at the top edge of the bar; markers closer than 4 px fold.
    if (row.lane < idx.instants.size()) {
        const auto& iv = idx.instants[row.lane];
        size_t j = size_t(std::partition_point(iv.begin(), iv.end(), [&](uint32_t n) { return t.instants[n].t < t0; }) -
                          iv.begin());
        const size_t base = g->markers.size();
        for (; j < iv.size(); ++j) {
            const Instant& in = t.instants[iv[j]];
            if (in.t >= t1)
                break;
            const double x = xOf(in.t);
            if (g->markers.size() > base && x - g->markers.back().at.x() < 4.0) {
                auto& mk = g->markers.back();
                ++mk.count;
                // The most alarming type wins the fold's colour.
                if (in.type == Ev::Exception || in.type == Ev::Deadlock)
                    mk.type = in.type;
                continue;
            }
            g->markers.push_back({QPointF(x, y), iv[j], 1, row.lane, in.type});
        }
    }
}

void GeometryBuild::flows()
{
    // Flow arrows between lane centres; one per (from row, to row, 3 px column) so a dense
    // zoomed-out view does not turn into a hairball.
    {
        size_t j = size_t(
            std::partition_point(idx.flowMaxEnd.begin(), idx.flowMaxEnd.end(), [&](int64_t e) { return e < t0; }) -
            idx.flowMaxEnd.begin());
        std::unordered_set<uint64_t> seen;
        // At most one arrow per pixel column overall: more is a hairball (zoom in to see each).
        const size_t cap = size_t(std::max(200, width));
        for (; j < idx.flows.size() && g->arrows.size() < cap; ++j) {
            const Flow& f = t.flows[idx.flows[j]];
            if (std::min(f.fromT, f.toT) >= t1)
                break;
            const int fr = l.rowOfLane[f.fromLane], tr = l.rowOfLane[f.toLane];
            if (fr < 0 || tr < 0)
                continue;
            const double x0 = double(f.fromT - t0) * k, x1 = double(f.toT - t0) * k;
            const uint64_t key =
                (uint64_t(fr) << 48) ^ (uint64_t(tr) << 32) ^ uint64_t(int64_t(std::floor(x0 / 3.0)) & 0xffffffff);
            if (!seen.insert(key).second)
                continue;
            const LaneRow& a = l.rows[size_t(fr)];
            const LaneRow& b = l.rows[size_t(tr)];
            g->arrows.push_back({QPointF(x0, a.y + a.barTop + a.barHeight / 2.0),
                                 QPointF(x1, b.y + b.barTop + b.barHeight / 2.0), idx.flows[j], f.kind});
        }
    }
}

// A frame's geometry is megabytes of vectors, freed when the next frame replaces it. By default
// glibc hands such blocks back to the kernel (mmap, heap trimming), so every frame faulted its
// pages in afresh: measured, page faults were two thirds of a whole-run geometry build. Kept in
// the heap (up to 128 MB spare), the next frame reuses them.
bool keepFreedMemory()
{
#ifdef __GLIBC__
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
    mallopt(M_TRIM_THRESHOLD, 128 << 20);
#endif
    return true;
}

}  // namespace

std::shared_ptr<Geometry> GeometryJob::run() const
{
    return TimelineRenderer::buildGeometry(*trace, *index, *layout, font, visible, width);
}

std::shared_ptr<Geometry> TimelineRenderer::buildGeometry(const Trace& t, const TraceIndex& idx, const LaneLayout& l,
                                                          const QFont& font, TimeRange vis, int width)
{
    [[maybe_unused]] static const bool kept = keepFreedMemory();
    auto g = std::make_shared<Geometry>();
    g->generation = t.generation();
    g->range = vis;
    g->width = width;
    if (vis.isEmpty() || width <= 0)
        return g;
    GeometryBuild b(t, idx, l, font, g.get(), vis, width);
    g->pxPerNs = b.k;
    g->segments.resize(l.rows.size());
    g->holds.resize(l.rows.size());
    b.eachRow([&](size_t ri, const LaneRow& row) { b.segments(ri, row); });
    std::unordered_map<ObjectId, size_t> holdGroup;
    b.eachRow([&](size_t ri, const LaneRow& row) { b.holds(ri, row, holdGroup); });
    b.eachRow([&](size_t, const LaneRow& row) { b.tasks(row); });
    b.eachRow([&](size_t, const LaneRow& row) { b.markers(row); });
    b.flows();
    return g;
}

}  // namespace tl::view
