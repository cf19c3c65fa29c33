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
    const int level_;  // cells of 2^level_ ns (see "State cells")
    std::unordered_map<ObjectId, double> nameWidth;  // text widths of object names, once per build

    GeometryBuild(const Trace& trace, const TraceIndex& index, const LaneLayout& layout, const QFont& f,
                  Geometry* geometry, TimeRange vis, int w)
        : t(trace), idx(index), l(layout), font(f), g(geometry), width(w), k(double(w) / double(vis.span())),
          t0(vis.start), t1(vis.end), fm(f), level_(cellLevel(k))
    {}
    static int cellLevel(double pxPerNs)
    {
        int level = 0;
        while (level < 61 && double(int64_t(1) << level) * pxPerNs < TimelineRenderer::kCellPx)
            ++level;
        return level;
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

// ---- State cells: what a zoomed-out lane shows, the same with or without the pyramid ----
// The lane's time is cut into cells of 2^level ns (the smallest power of two at least kCellPx
// pixels wide), aligned to multiples of their size, so a cell is the same whatever the view's
// offset. An interval touches a cell when it overlaps it (a zero-length one: when its time is in
// the cell). An interval that alone touches a whole cell is drawn as it is ("wide", clipped to
// the view). Every other cell some other interval touches is drawn over those intervals' part of
// it (from the first one's start to the last one's end, within the cell and the view): in the
// state holding most of the cell's time (all of it, ties to the first state), with a stripe of
// the cell's most important state (the first touching interval of the highest priority, which
// also gives the segment's object) when that differs. Neighbouring cells drawn alike join into
// one segment. IntervalLod keeps these cells' summaries per level; the scan below computes the
// same from the intervals (zoomed in, past the pyramid's cover, lanes without one).
struct Cell {
    int64_t a = 0, b = 0;  // its span
    size_t first = 0, end = 0;  // the intervals touching it
    int64_t firstStart = 0, lastEnd = 0;  // first's start and end - 1's end (or bounds clamping alike)
    IntervalLod::Node node;
    IntervalLod::Times times{};  // time per state in the cell (cells that are not single)
};

// A lane's cells, in increasing order, from the pyramid where it covers them, else from the
// intervals (a pointer carried from one cell to the next; a binary search after a jump).
class CellSource {
public:
    CellSource(const std::vector<Interval>& ivs, const IntervalLod* lod, int level, int64_t recordedEnd,
               size_t& visited)
        : ivs_(ivs), lod_(lod), level_(level), recEnd_(recordedEnd), visited_(visited),
          pyramidEnd_(lod ? lod->coveredEnd() : INT64_MIN)
    {}
    int64_t endOf(size_t i) const { return endOr(ivs_[i].end, ivs_[i].start, recEnd_); }
    // Where a cell of the interval may end: a zero-length one touches the cell its time is in.
    int64_t reach(size_t i) const { return std::max(endOf(i), ivs_[i].start + 1); }

    void get(int64_t c, Cell& o)
    {
        o.a = c << level_;
        o.b = o.a + (int64_t(1) << level_);
        if (o.b <= pyramidEnd_)
            fromPyramid(c, o);
        else
            scan(c, o);
    }

private:
    void fromPyramid(int64_t c, Cell& o)
    {
        const IntervalLod& lod = *lod_;
        o.node = lod.node(level_, c);
        const size_t ba = lod.boundary(o.a), bb = lod.boundary(o.b);
        o.first = lod.at[ba] & ~IntervalLod::kBefore;
        o.end = (lod.at[bb] & ~IntervalLod::kBefore) + ((lod.at[bb] & IntervalLod::kBefore) ? 1 : 0);
        // The pyramid's intervals abut: only the lane's first starts inside a cell, and none ends
        // inside one before the next starts.
        o.firstStart = o.first == 0 ? lod.firstStart : o.a;
        o.lastEnd = o.b;
        if (o.node.states && !o.node.single)
            for (size_t s = 0; s < o.times.size(); ++s)
                o.times[s] = lod.cum[bb][s] - lod.cum[ba][s];
        next_ = lod.at[bb] & ~IntervalLod::kBefore;
        nextCell_ = c + 1;
    }

    void scan(int64_t c, Cell& o)
    {
        size_t p = next_;
        if (c != nextCell_)
            p = size_t(std::partition_point(ivs_.begin(), ivs_.end(),
                                            [&](const Interval& iv) {
                                                return std::max(endOr(iv.end, iv.start, recEnd_), iv.start + 1) <= o.a;
                                            }) -
                       ivs_.begin());
        o.node = {};
        o.times.fill(0);
        int best = -1;
        size_t i = p;
        for (; i < ivs_.size() && ivs_[i].start < o.b; ++i) {
            const Interval& iv = ivs_[i];
            o.times[size_t(iv.state)] += std::min(endOf(i), o.b) - std::max(iv.start, o.a);
            o.node.states = uint16_t(o.node.states | 1u << unsigned(iv.state));
            if (statePriority(iv.state) > best) {
                best = statePriority(iv.state);
                o.node.shown = uint32_t(i);
                o.node.state = iv.state;
                o.node.object = iv.object;
            }
        }
        visited_ += i - p;
        o.first = p;
        o.end = i;
        if (i > p) {
            o.firstStart = ivs_[p].start;
            o.lastEnd = endOf(i - 1);
            o.node.single = i == p + 1 && ivs_[p].start <= o.a && endOf(p) >= o.b;
        }
        next_ = i > p && reach(i - 1) > o.b ? i - 1 : i;
        nextCell_ = c + 1;
    }

    const std::vector<Interval>& ivs_;
    const IntervalLod* lod_;
    const int level_;
    const int64_t recEnd_;
    size_t& visited_;
    const int64_t pyramidEnd_;
    size_t next_ = 0;  // the first interval touching cell nextCell_
    int64_t nextCell_ = INT64_MIN;
};

void GeometryBuild::segments(size_t ri, const LaneRow& row)
{
    const auto& ivs = t.lanes[row.lane].intervals;
    if (ivs.empty())
        return;
    const double y = row.y + row.barTop, h = row.barHeight;
    auto& segs = g->segments[ri];
    const int iy = int(y), ih = int(h);
    const int sh = std::max(3, int(std::lround(h * 0.4)));
    auto push = [&](const Geometry::Segment& s) {
        const int px0 = int(std::lround(s.x0));
        const int w = std::max(1, int(std::lround(s.x1)) - px0);
        if (s.dominant != s.state) {
            g->rects[size_t(s.dominant)].emplace_back(px0, iy, w, ih);
            g->stripes[size_t(s.state)].emplace_back(px0, iy + ih - sh, w, sh);
        } else {
            g->rects[size_t(s.state)].emplace_back(px0, iy, w, ih);
        }
        segs.push_back(s);
    };
    const IntervalLod* lod = row.lane < idx.lod.size() ? &idx.lod[row.lane] : nullptr;
    if (lod && (!lod->built() || level_ < lod->level0))
        lod = nullptr;
    CellSource src(ivs, lod, level_, idx.end, g->intervalsVisited);
    // The cells in view that the lane's intervals touch.
    const int64_t cs = std::max(t0, ivs.front().start) >> level_;
    const int64_t ce = std::min(t1 - 1, src.reach(ivs.size() - 1) - 1) >> level_;
    if (cs > ce)
        return;

    // A cell segment waits for its neighbours (they may join it).
    Geometry::Segment pending;
    bool havePending = false;
    int64_t pendingEnd = 0;
    auto flush = [&] {
        if (havePending)
            push(pending);
        havePending = false;
    };
    size_t lastWide = SIZE_MAX;
    auto wide = [&](size_t w) {
        if (w == lastWide)
            return;
        lastWide = w;
        const Interval& iv = ivs[w];
        const int64_t a = std::max(iv.start, t0), b = std::min(src.endOf(w), t1);
        if (a >= b)
            return;
        flush();
        const float x0 = float(double(a - t0) * k), x1 = float(double(b - t0) * k);
        push({x0, x1, uint32_t(w), 1, iv.state, iv.object, iv.state});
        // The waited object's name inside a wait segment, when it fits.
        if (stateFamily(iv.state) == StateFamily::Wait && x1 - x0 > 24 && !row.compact)
            waitLabel(iv, x0, x1, y, h);
    };
    std::array<Cell, 3> ring;
    Cell* prev = &ring[0];
    Cell* cur = &ring[1];
    Cell* next = &ring[2];
    src.get(cs - 1, *prev);
    src.get(cs, *cur);
    for (int64_t c = cs; c <= ce; ++c) {
        src.get(c + 1, *next);
        const Cell& x = *cur;
        if (x.node.single) {
            wide(x.node.shown);
        } else if (x.node.states) {
            // Wide intervals at the cell's ends are drawn on their own (before this cell: the
            // one on the left may begin before the view).
            const bool wideL = prev->node.single && prev->node.shown == x.first;
            const bool wideR = next->node.single && size_t(next->node.shown) + 1 == x.end;
            if (wideL)
                wide(x.first);
            const size_t lo = x.first + wideL, hi = x.end - wideR;
            const int64_t a = lo < hi ? std::max({x.a, t0, wideL ? ivs[lo].start : x.firstStart}) : t1;
            const int64_t b = lo < hi ? std::min({x.b, t1, wideR ? src.endOf(hi - 1) : x.lastEnd}) : t0;
            if (a <= b && a < t1) {
                size_t best = 0;
                for (size_t q = 1; q < x.times.size(); ++q)
                    if (x.times[q] > x.times[best])
                        best = q;
                const auto dominant = State(best);
                if (havePending && pendingEnd == a && pending.state == x.node.state && pending.dominant == dominant &&
                    pending.object == x.node.object) {
                    pending.x1 = float(double(b - t0) * k);
                    pending.count = uint32_t(hi - pending.first);
                } else {
                    flush();
                    pending = {float(double(a - t0) * k),
                               float(double(b - t0) * k),
                               uint32_t(lo),
                               uint32_t(hi - lo),
                               x.node.state,
                               x.node.object,
                               dominant};
                    havePending = true;
                }
                pendingEnd = b;
            }
        }
        std::swap(prev, cur);
        std::swap(cur, next);
    }
    // A wide interval beginning in the last cell, covering the next.
    if (cur->node.single)
        wide(cur->node.shown);
    flush();
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
    // it (within a pixel). A folded group's thin bars have no band.
    if (row.lane >= idx.holds.size() || row.compact)
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
    if (row.compact)  // a folded group's thin bar: its events show when it is unfolded
        return;
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
