// SPDX-License-Identifier: MIT
// The renderer's caches (index, layout, geometry per trace generation) and the painting of
// the lane area: the cached geometry replayed in passes, then the live overlays.
#include "timeline_renderer.h"
#include "app/i18n/messages.h"
#include "deadlock.h"
#include "palette.h"
#include "units.h"

#include <QCoreApplication>
#include <QFontMetrics>
#include <QFontMetricsF>
#include <QGuiApplication>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>
#include <array>
#include <set>
#include <vector>

namespace tl::view {

namespace {
// Above a density, arrows whose starts fall within this many pixels (same kind, same rows) draw once.
constexpr double kThinArrowPx = 6.0;

QColor markerColor(Ev type, bool dark)
{
    switch (type) {
    case Ev::Exception:
    case Ev::Deadlock:
    case Ev::BarrierBroken:
    case Ev::AcquireTry: return theme(dark).alarm;
    case Ev::Put:
    case Ev::Get:
    case Ev::TaskDone:
    case Ev::Join: return flowColor(FlowKind::Item, dark);
    case Ev::Set:
    case Ev::Clear:
    case Ev::Notify:
    case Ev::NotifyAll:
    case Ev::BarrierPass: return flowColor(FlowKind::Wake, dark);
    default: return theme(dark).marker;
    }
}

// What every painting pass reads.
struct PaintContext {
    QPainter& p;
    const LaneLayout& l;
    const RenderOptions& o;
    const Theme& th;
    const QFont& font;
    const QRect& plot;
};

// One frame of the lane area: the cached geometry replayed in passes, bottom to top. The
// painter is translated to content coordinates (see paintLanes()).
struct LanePainter : PaintContext {
    const Geometry& g;
    QRectF view;  // the content shown, in the geometry's coordinates
    bool stretched = false;  // a preview (see stretch())

    void backgrounds(TimeRange vis);
    void stretch(TimeRange vis);
    void rectangles();
    void tasks();
    void labels();
    void arrows();
    void markers();
    void outlines();
};

void LanePainter::backgrounds(TimeRange vis)
{
    // Lane backgrounds (alternating), then the grid under everything.
    for (size_t i = 0; i < l.rows.size(); ++i) {
        const LaneRow& row = l.rows[i];
        if (row.y > view.bottom() || row.y + row.height < view.top())
            continue;
        if (i % 2 == 1 && !row.compact)
            p.fillRect(QRectF(0, row.y, plot.width(), row.height), th.laneAlt);
    }
    for (const GroupRow& gr : l.groups) {
        p.fillRect(QRectF(0, gr.y, plot.width(), gr.height), th.headerBackground);
        if (!gr.key.isEmpty()) {  // a lane group's size, at the left of the plot
            p.setPen(th.textMuted);
            p.setFont(font);
            p.drawText(QRectF(6, gr.y, plot.width() - 12, gr.height), Qt::AlignLeft | Qt::AlignVCenter, gr.label);
        }
    }
    if (!vis.isEmpty()) {  // the ruler's ticks, for the range shown (a preview's too)
        const QFontMetrics fm(font);
        const double nsPerPx = double(vis.span()) / std::max(1, plot.width());
        const int64_t step = niceStep(nsPerPx, fm.horizontalAdvance(QStringLiteral("000.000 ms")) + 16);
        p.setPen(QPen(th.grid, 1));
        const int64_t firstTick = (vis.start / step) * step + (vis.start % step ? step : 0);
        for (int64_t tt = firstTick; tt <= vis.end; tt += step) {
            const double x = std::round(double(tt - vis.start) / nsPerPx) + 0.5;
            p.drawLine(QPointF(x, view.top()), QPointF(x, view.bottom()));
        }
    }
}

void LanePainter::stretch(TimeRange vis)
{
    // A preview: geometry built for another range (or width), stretched onto this one until
    // the right one arrives. Its text would be stretched too, so it is left out.
    stretched = !g.range.isEmpty() && g.width > 0 && (g.range != vis || g.width != plot.width());
    if (stretched) {
        const double kNew = double(plot.width()) / double(vis.span());
        const double kOld = double(g.width) / double(g.range.span());
        p.translate(double(g.range.start - vis.start) * kNew, 0);
        p.scale(kNew / kOld, 1);
        view = p.transform().inverted().mapRect(QRectF(plot)).intersected(QRectF(-1e9, view.top(), 2e9, view.height()));
    }
}

void LanePainter::rectangles()
{
    // Replay cached geometry: one brush per colour, antialiasing off.
    p.setRenderHint(QPainter::Antialiasing, false);
    p.setPen(Qt::NoPen);
    // Rectangles are appended row by row, so each colour's list is sorted by top: only the
    // slice of rows in view is handed to the painter (a scrolled 64-lane view paints ~25).
    auto drawVisible = [&](const std::vector<QRect>& v) {
        // Slack of a few rows: tops within one row differ (nested hold bands), which must not
        // break the partition at the visible edges.
        const int top = int(view.top()) - 256, bottom = int(view.bottom()) + 256;
        auto a = std::partition_point(v.begin(), v.end(), [&](const QRect& r) { return r.top() < top; });
        auto b = std::partition_point(a, v.end(), [&](const QRect& r) { return r.top() <= bottom; });
        if (b > a)
            p.drawRects(&*a, int(b - a));
    };
    for (const auto* layer : {&g.rects, &g.stripes})
        for (size_t s = 0; s < layer->size(); ++s) {
            if ((*layer)[s].empty())
                continue;
            p.setBrush(stateColor(State(s), o.dark));
            drawVisible((*layer)[s]);
        }
    if (o.shows(Layer::Holds))
        for (const auto& [obj, rects] : g.holdRects) {
            p.setBrush(objectColor(obj, o.dark));
            drawVisible(rects);
        }
}

void LanePainter::tasks()
{
    // Tasks: a framed box with its number.
    if (!g.tasks.empty() && o.shows(Layer::Tasks)) {
        const QFontMetricsF fm(font);
        QColor fill = th.taskEdge;
        fill.setAlpha(28);
        p.setFont(font);
        for (const auto& tb : g.tasks) {
            if (tb.rect.bottom() < view.top() || tb.rect.top() > view.bottom())
                continue;
            p.setPen(QPen(th.taskEdge, 1));
            p.setBrush(fill);
            p.drawRect(tb.rect.adjusted(0.5, 0.5, -0.5, -0.5));
            const QString s = QStringLiteral("#%1").arg(tb.task);
            if (!stretched && fm.horizontalAdvance(s) + 8 <= tb.rect.width()) {
                p.setPen(th.text);
                const QRectF vis =
                    tb.rect.intersected(QRectF(view.left(), tb.rect.top(), view.width(), tb.rect.height()));
                p.drawText(vis.adjusted(4, 0, -2, 0), Qt::AlignVCenter | Qt::AlignLeft, s);
            }
        }
    }
}

void LanePainter::labels()
{
    // Labels inside wait segments (clipped to the visible part so they stay on screen).
    p.setFont(font);
    {
        const QFontMetricsF fm(font);
        for (const auto& lb : g.labels) {
            if (stretched)
                break;
            if (lb.rect.bottom() < view.top() || lb.rect.top() > view.bottom())
                continue;
            QRectF r = lb.rect.intersected(QRectF(0, lb.rect.top(), plot.width(), lb.rect.height()));
            if (fm.horizontalAdvance(lb.text) + 10 > r.width())
                continue;
            p.setPen(textOn(stateColor(lb.state, o.dark)));
            p.drawText(r, Qt::AlignCenter, lb.text);
        }
    }
}

void LanePainter::arrows()
{
    // Flow arrows (antialiased: diagonal lines). The lines of a colour go in one call; heads
    // and markers are convex polygons (the cheap path); a dense zoomed-out view drops the
    // dots at the arrows' tails (thousands of arrows, ~1 us each).
    p.setRenderHint(QPainter::Antialiasing, true);
    {
        // Only what crosses the rows in view (a scrolled 64-lane view shows ~25 of them).
        auto offView = [&](const Geometry::Arrow& a) {
            return (a.from.y() < view.top() && a.to.y() < view.top()) ||
                   (a.from.y() > view.bottom() && a.to.y() > view.bottom());
        };
        // Too many arrows to tell apart: one per kind, pair of rows and few pixels of start (the
        // hover still finds each one), so a busy pool's done arrows do not paint over its bars.
        const bool thin = g.arrows.size() > size_t(std::max(64, plot.width() / 4));
        std::set<std::array<int64_t, 4>> taken;
        std::vector<const Geometry::Arrow*> shown;
        shown.reserve(g.arrows.size());
        for (const auto& a : g.arrows) {
            if (offView(a) || !o.shows(flowLayer(a.kind)))
                continue;
            if (thin) {
                const std::array<int64_t, 4> key{int64_t(a.kind), std::llround(std::floor(a.from.x() / kThinArrowPx)),
                                                 std::llround(a.from.y()), std::llround(a.to.y())};
                if (!taken.insert(key).second)
                    continue;
            }
            shown.push_back(&a);
        }
        // Many arrows over few pixels: drawn translucent and thinner, so the bars under them stay readable.
        const bool dense = shown.size() > size_t(std::max(24, plot.width() / 12));
        auto color = [&](FlowKind k) {
            QColor c = flowColor(k, o.dark);
            if (dense)
                c.setAlpha(150);
            return c;
        };
        std::array<QVector<QLineF>, size_t(FlowKind::Count)> lines;
        for (const Geometry::Arrow* a : shown)
            lines[std::min(size_t(a->kind), lines.size() - 1)].push_back(QLineF(a->from, a->to));
        for (size_t kind = 0; kind < lines.size(); ++kind) {
            if (lines[kind].isEmpty())
                continue;
            p.setPen(QPen(color(FlowKind(kind)), dense ? 1.0 : 1.4));
            p.drawLines(lines[kind]);
        }
        const bool dots = shown.size() <= 1000;
        p.setPen(Qt::NoPen);
        for (const Geometry::Arrow* arrow : shown) {
            const Geometry::Arrow& a = *arrow;
            p.setBrush(color(a.kind));
            if (dots)
                p.drawEllipse(a.from, 2.2, 2.2);
            if (QLineF(a.to, a.from).length() < 6)
                continue;
            const double ang = std::atan2(a.from.y() - a.to.y(), a.from.x() - a.to.x());
            const QPointF head[3] = {a.to, a.to + QPointF(std::cos(ang + 0.45) * 7, std::sin(ang + 0.45) * 7),
                                     a.to + QPointF(std::cos(ang - 0.45) * 7, std::sin(ang - 0.45) * 7)};
            p.drawConvexPolygon(head, 3);
        }
    }
}

void LanePainter::markers()
{
    // Markers: small downward triangles on the bar's top edge (antialiased, like the arrows).
    if (!o.shows(Layer::Events))
        return;
    p.setRenderHint(QPainter::Antialiasing, true);
    p.setPen(QPen(th.background, 1));
    for (const auto& m : g.markers) {
        if (m.at.y() < view.top() - 12 || m.at.y() > view.bottom() + 12)
            continue;
        const double s = m.count > 1 ? 5.5 : 4.5;
        const QPointF tri[3] = {QPointF(m.at.x() - s, m.at.y() - 1), QPointF(m.at.x() + s, m.at.y() - 1),
                                QPointF(m.at.x(), m.at.y() + s * 1.4)};
        p.setBrush(markerColor(m.type, o.dark));
        p.drawConvexPolygon(tri, 3);
    }
    p.setRenderHint(QPainter::Antialiasing, false);
}

void LanePainter::outlines()
{
    // Highlighted object: its holds and waits outlined.
    auto outlineSegments = [&](auto pred, const QColor& c, double w) {
        p.setPen(QPen(c, w));
        p.setBrush(Qt::NoBrush);
        for (size_t ri = 0; ri < g.segments.size(); ++ri) {
            const LaneRow& row = l.rows[ri];
            for (const auto& s : g.segments[ri])
                if (pred(s, row))
                    p.drawRect(QRectF(s.x0, row.y + row.barTop, std::max<double>(s.x1 - s.x0, 1.0), row.barHeight)
                                   .adjusted(0.5, 0.5, -0.5, -0.5));
        }
    };
    if (o.highlight) {
        outlineSegments(
            [&](const Geometry::Segment& s, const LaneRow&) {
                return s.object == o.highlight && stateFamily(s.state) != StateFamily::Run;
            },
            th.highlight, 2);
        p.setPen(QPen(th.highlight, 2));
        for (const auto& bars : g.holds)
            for (const auto& b : bars)
                if (b.object == o.highlight && o.shows(Layer::Holds))
                    p.drawRect(b.rect.adjusted(-1, -1, 1, 1));
    }
    // Deadlock: lanes and waits in the cycle get the alarm outline.
    if (!o.alarmLanes.isEmpty() || !o.alarmObjects.isEmpty()) {
        outlineSegments(
            [&](const Geometry::Segment& s, const LaneRow& row) {
                return stateFamily(s.state) == StateFamily::Wait &&
                       (o.alarmObjects.contains(s.object) ||
                        (o.alarmObjects.isEmpty() && o.alarmLanes.contains(row.lane)));
            },
            th.alarm, 2);
        p.setPen(QPen(th.alarm, 2));
        p.setBrush(Qt::NoBrush);
        for (const LaneRow& row : l.rows)
            if (o.alarmLanes.contains(row.lane))
                p.drawRect(QRectF(1, row.y + 1, plot.width() - 2, row.height - 2));
        for (const auto& bars : g.holds)
            for (const auto& b : bars)
                if (o.alarmObjects.contains(b.object))
                    p.drawRect(b.rect.adjusted(-1, -1, 1, 1));
    }
}

// What is drawn over the lanes each frame (selection, hover, selected item, playhead,
// annotations), in widget coordinates.
struct OverlayPainter : PaintContext {
    const Trace& t;
    TimeRange vis;
    double k;  // px per ns
    int dy;  // content y to widget y

    double xAt(int64_t tt) const { return plot.left() + double(tt - vis.start) * k; }
    void selection();
    void outlineItem(const TimelineItem& it, const QColor& c, double w);
    void playhead();
    void annotations();
    void result();
    void deadlock();
    const LaneRow* rowOf(LaneId lane) const;
    // A rounded, nearly opaque box for a label over the lanes (antialiasing left on).
    void labelBox(const QRect& box, int alpha, double edge)
    {
        QColor bg = th.background;
        bg.setAlpha(alpha);
        p.setRenderHint(QPainter::Antialiasing, true);
        p.setPen(QPen(th.selectionEdge, edge));
        p.setBrush(bg);
        p.drawRoundedRect(QRectF(box).adjusted(0.5, 0.5, -0.5, -0.5), 4, 4);
    }
};

void OverlayPainter::selection()
{
    if (!o.selection.isEmpty()) {
        const double x0 = std::max<double>(xAt(o.selection.start), plot.left() - 1);
        const double x1 = std::min<double>(xAt(o.selection.end), plot.right() + 1);
        p.fillRect(QRectF(x0, plot.top(), std::max(1.0, x1 - x0), plot.height()), th.selection);
        p.setPen(QPen(th.selectionEdge, 1));
        p.drawLine(QPointF(x0, plot.top()), QPointF(x0, plot.bottom()));
        p.drawLine(QPointF(x1, plot.top()), QPointF(x1, plot.bottom()));
        const QString d = formatDuration(o.selection.span());
        const QFontMetrics fm(font);
        const int w = fm.horizontalAdvance(d) + 12;
        QRectF box((x0 + x1) / 2 - w / 2.0, plot.top() + 4, w, fm.height() + 4);
        box.moveLeft(std::clamp(box.left(), double(plot.left()) + 2, double(plot.right()) - w - 2));
        p.fillRect(box, th.selectionEdge);
        p.setPen(Qt::white);
        p.drawText(box, Qt::AlignCenter, d);
    }
}

void OverlayPainter::outlineItem(const TimelineItem& it, const QColor& c, double w)
{
    if (it.kind == TimelineItem::Kind::Flow && it.index < t.flows.size()) {
        // An arrow: traced over in the outline colour, its ends ringed.
        const Flow& fl = t.flows[it.index];
        if (fl.fromLane >= l.rowOfLane.size() || fl.toLane >= l.rowOfLane.size())
            return;
        const int fr = l.rowOfLane[fl.fromLane], tr = l.rowOfLane[fl.toLane];
        if (fr < 0 || tr < 0 || fl.toT < 0 || fl.fromT < 0)
            return;
        auto centre = [&](int ri) {
            const LaneRow& rw = l.rows[size_t(ri)];
            return dy + rw.y + rw.barTop + rw.barHeight / 2.0;
        };
        const QPointF a(xAt(fl.fromT), centre(fr)), b(xAt(fl.toT), centre(tr));
        p.setRenderHint(QPainter::Antialiasing, true);
        p.setPen(QPen(c, w + 1));
        p.setBrush(Qt::NoBrush);
        p.drawLine(a, b);
        p.drawEllipse(a, 4.0, 4.0);
        p.drawEllipse(b, 4.0, 4.0);
        p.setRenderHint(QPainter::Antialiasing, false);
        return;
    }
    if (!it.isValid() || it.lane >= l.rowOfLane.size() || l.rowOfLane[it.lane] < 0)
        return;
    const LaneRow& row = l.rows[size_t(l.rowOfLane[it.lane])];
    const TimeRange r = itemRange(t, it);
    double x0 = xAt(r.start), x1 = std::max(xAt(r.end), x0 + 1);
    QRectF box;
    switch (it.kind) {
    case TimelineItem::Kind::Hold: box = QRectF(x0, dy + row.y + row.holdTop, x1 - x0, row.holdHeight); break;
    case TimelineItem::Kind::Task:
        box = QRectF(x0, dy + row.y + row.taskTop, x1 - x0, QFontMetrics(font).height() + 4);
        break;
    case TimelineItem::Kind::Instant: box = QRectF(x0 - 6, dy + row.y + row.barTop - 3, 12, 12); break;
    default: box = QRectF(x0, dy + row.y + row.barTop, x1 - x0, row.barHeight);
    }
    p.setPen(QPen(c, w));
    p.setBrush(Qt::NoBrush);
    p.drawRect(box.adjusted(-1, -1, 1, 1));
}

void OverlayPainter::playhead()
{
    if (o.playhead >= 0 && o.playhead >= vis.start && o.playhead <= vis.end) {
        const double x = std::round(xAt(o.playhead)) + 0.5;
        p.setPen(QPen(th.playhead, 2));
        p.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()));
        // Its time at the top, beside the line (on the left near the right edge).
        const QFontMetrics fm(font);
        const QString text = formatDuration(o.playhead);
        const int w = fm.horizontalAdvance(text) + 12;
        QRect box(int(x) + 4, plot.top() + 2, w, fm.height() + 2);
        if (box.right() > plot.right() - 2)
            box.moveRight(int(x) - 4);
        labelBox(box, 235, 1);
        p.setRenderHint(QPainter::Antialiasing, false);
        p.setPen(th.playhead);
        p.drawText(box, Qt::AlignCenter, text);
    }
}

void OverlayPainter::annotations()
{
    // Step mode: what each lane is about to do, at the lane's right end.
    if (!o.annotations.isEmpty()) {
        const QFontMetrics fm(font);
        for (auto it = o.annotations.cbegin(); it != o.annotations.cend(); ++it) {
            if (it.key() >= l.rowOfLane.size() || l.rowOfLane[it.key()] < 0)
                continue;
            const LaneRow& row = l.rows[size_t(l.rowOfLane[it.key()])];
            const int w = std::min(fm.horizontalAdvance(it.value()) + 20, plot.width() - 4);
            const QRect box(plot.right() - w - 2, dy + row.y + row.barTop + (row.barHeight - fm.height() - 4) / 2, w,
                            fm.height() + 4);
            labelBox(box, 235, 1);
            p.setRenderHint(QPainter::Antialiasing, false);
            p.setPen(th.text);
            p.drawText(box.adjusted(8, 0, -8, 0), Qt::AlignVCenter | Qt::AlignLeft,
                       fm.elidedText(it.value(), Qt::ElideRight, w - 16));
        }
    }
}

const LaneRow* OverlayPainter::rowOf(LaneId lane) const
{
    for (const LaneRow& row : l.rows)
        if (row.lane == lane)
            return &row;
    return nullptr;
}

void OverlayPainter::deadlock()
{
    // The wait-for cycle: an arrow from each stuck thread to the one it waits for, where the
    // cycle closed; each final wait goes on past the run's end (dashed, to the plot's edge).
    const auto cycle = deadlockCycle(t);
    if (!cycle)
        return;
    const QColor c = th.alarm;
    p.setRenderHint(QPainter::Antialiasing, true);
    const size_t n = cycle->lanes.size();
    for (size_t i = 0; i < n; ++i) {
        const LaneRow* row = rowOf(cycle->lanes[i]);
        if (!row)
            continue;
        const double y = row->y + dy + row->barTop + row->barHeight / 2.0;
        const auto& intervals = t.lanes[cycle->lanes[i]].intervals;
        const double waitEnd = intervals.empty() ? xAt(cycle->at) : xAt(intervals.back().end);
        if (waitEnd < plot.right() - 2) {
            p.setPen(QPen(c, 2, Qt::DashLine));
            p.drawLine(QPointF(std::max<double>(waitEnd, plot.left()), y), QPointF(plot.right() - 2, y));
        }
        if (waitEnd <= plot.right() + 1) {
            const double x = std::min<double>(std::max<double>(waitEnd, plot.left() + 8), plot.right() - 1);
            p.setPen(Qt::NoPen);
            p.setBrush(c);
            const QPointF head[3] = {QPointF(x, y), QPointF(x - 8, y - 5), QPointF(x - 8, y + 5)};
            p.drawConvexPolygon(head, 3);
        }
    }
    // Arrows at the moment the cycle was found, each bowed to the left by its own amount so the
    // two arrows of a two-thread cycle do not lie on each other.
    const double x = std::min<double>(xAt(cycle->at), plot.right() - 4);
    if (x >= plot.left() && n >= 2) {
        for (size_t i = 0; i < n; ++i) {
            const LaneRow* from = rowOf(cycle->lanes[i]);
            const LaneRow* to = rowOf(cycle->lanes[(i + 1) % n]);
            if (!from || !to)
                continue;
            const QPointF a(x, from->y + dy + from->barTop + from->barHeight / 2.0);
            const QPointF b(x, to->y + dy + to->barTop + to->barHeight / 2.0);
            const double bow = std::max(24.0, std::abs(b.y() - a.y()) / 3) * (i % 2 ? 0.6 : 1.0);
            const QPointF ctrl(std::max<double>(x - bow, plot.left() + 2), (a.y() + b.y()) / 2);
            QPainterPath path(a);
            path.quadTo(ctrl, b);
            p.setPen(QPen(c, 2));
            p.setBrush(Qt::NoBrush);
            p.drawPath(path);
            const double ang = std::atan2(ctrl.y() - b.y(), ctrl.x() - b.x());
            const QPointF head[3] = {b, b + QPointF(std::cos(ang + 0.45) * 9, std::sin(ang + 0.45) * 9),
                                     b + QPointF(std::cos(ang - 0.45) * 9, std::sin(ang - 0.45) * 9)};
            p.setPen(Qt::NoPen);
            p.setBrush(c);
            p.drawConvexPolygon(head, 3);
        }
    }
    p.setRenderHint(QPainter::Antialiasing, false);
}

void OverlayPainter::result()
{
    // The lesson's result at the plot's top right, where the eye lands after a run, and a pin on
    // the plot's top edge at the moment it was settled (when that moment is in view). A deadlock
    // is a banner across the plot instead, below the lanes when there is room, else on top.
    if (t.result.lesson.empty())
        return;
    if (t.result.status == "deadlock") {
        QFont bold = font;
        bold.setBold(true);
        const QFontMetrics bm(bold);
        const int h = bm.height() + 10;
        const int below = l.contentHeight + dy + 6;
        const QRect banner(plot.left() + 4, below + h <= plot.bottom() - 2 ? below : plot.top() + 4, plot.width() - 8,
                           h);
        p.fillRect(banner, th.alarm);
        p.setPen(Qt::white);
        p.setFont(bold);
        p.drawText(banner.adjusted(10, 0, -10, 0), Qt::AlignVCenter | Qt::AlignLeft,
                   bm.elidedText(i18n::message(t.result.lesson), Qt::ElideRight, banner.width() - 20));
        p.setFont(font);
        return;
    }
    QFont bold = font;
    bold.setBold(true);
    const QFontMetrics fm(font), bm(bold);
    const QString head = QCoreApplication::translate("TimelineRenderer", "Result:") + QLatin1Char(' ');
    const QString text = i18n::message(t.result.lesson);
    const int headW = bm.horizontalAdvance(head);
    const int w = std::min(headW + fm.horizontalAdvance(text) + 20, plot.width() * 7 / 10);
    if (w < headW + 40)
        return;
    const QRect box(plot.right() - w - 6, plot.top() + 4, w, std::max(fm.height(), bm.height()) + 6);
    labelBox(box, 240, 1.5);
    if (t.result.lessonAt >= vis.start && t.result.lessonAt <= vis.end) {
        const double x = xAt(t.result.lessonAt);
        p.setPen(Qt::NoPen);
        p.setBrush(th.selectionEdge);
        p.drawPolygon(QPolygonF({QPointF(x - 5, plot.top()), QPointF(x + 5, plot.top()), QPointF(x, plot.top() + 8)}));
    }
    p.setRenderHint(QPainter::Antialiasing, false);
    const QRect inner = box.adjusted(10, 0, -10, 0);
    p.setPen(th.text);
    p.setFont(bold);
    p.drawText(inner, Qt::AlignVCenter | Qt::AlignLeft, head);
    p.setFont(font);
    p.drawText(inner.adjusted(headW, 0, 0, 0), Qt::AlignVCenter | Qt::AlignLeft,
               fm.elidedText(text, Qt::ElideRight, inner.width() - headW));
}

}  // namespace

TimelineRenderer::TimelineRenderer(const Trace* trace) : trace_(trace), font_(QGuiApplication::font()) {}

void TimelineRenderer::setTrace(const Trace* trace)
{
    trace_ = trace;
    owner_.reset();
    invalidate();
}

void TimelineRenderer::shareTrace(std::shared_ptr<const Trace> trace)
{
    owner_ = trace && trace.get() == trace_ ? std::move(trace) : nullptr;
}

void TimelineRenderer::setFont(const QFont& font)
{
    font_ = font;
    ++fontSerial_;
    invalidate();
}

void TimelineRenderer::setGroupFolds(const GroupFolds& folds)
{
    if (folds == folds_)
        return;
    folds_ = folds;
    ++fontSerial_;
    layoutGeneration_ = ~0ull;
    geometry_.reset();
}

void TimelineRenderer::invalidate()
{
    index_ = std::make_shared<TraceIndex>();
    layoutGeneration_ = ~0ull;
    geometry_.reset();
    headerWidth_ = -1;
}

const TraceIndex& TimelineRenderer::index()
{
    if (trace_ && index_->generation != trace_->generation()) {
        if (index_.use_count() > 1)  // a background job reads it: update a copy
            index_ = std::make_shared<TraceIndex>(*index_);
        index_->update(*trace_);
        headerWidth_ = -1;
    }
    return *index_;
}

const LaneLayout& TimelineRenderer::layout(int laneHeight)
{
    if (!trace_) {
        layout_ = std::make_shared<LaneLayout>();
        return *layout_;
    }
    const TraceIndex& idx = index();
    if (layoutGeneration_ == trace_->generation() && layoutLaneHeight_ == laneHeight)
        return *layout_;
    layoutGeneration_ = trace_->generation();
    layoutLaneHeight_ = laneHeight;
    layout_ = std::make_shared<const LaneLayout>(LaneLayout::build(*trace_, idx, font_, laneHeight, folds_));
    return *layout_;
}

// ---------------------------------------------------------------------------------------------
// Geometry (built in timeline_geometry.cpp; cached here)

std::shared_ptr<const Geometry> TimelineRenderer::geometry(TimeRange visible, int plotWidth, int laneHeight)
{
    if (!trace_ || plotWidth <= 0 || visible.isEmpty())
        return std::make_shared<Geometry>();
    const LaneLayout& l = layout(laneHeight);
    if (hasGeometry(visible, plotWidth, laneHeight))
        return geometry_;
    geometry_ = buildGeometry(*trace_, *index_, l, font_, visible, plotWidth);
    geometryLaneHeight_ = laneHeight;
    return geometry_;
}

bool TimelineRenderer::hasAnyGeometry(int laneHeight) const
{
    // Same generation: its rows are the layout's rows.
    return trace_ && geometry_ && geometry_->generation == trace_->generation() && geometryLaneHeight_ == laneHeight &&
           !geometry_->range.isEmpty() && geometry_->width > 0;
}

bool TimelineRenderer::hasGeometry(TimeRange visible, int plotWidth, int laneHeight) const
{
    return hasAnyGeometry(laneHeight) && geometry_->range == visible && geometry_->width == plotWidth;
}

bool TimelineRenderer::showsPreview(TimeRange visible, int plotWidth, const RenderOptions& o) const
{
    return o.previewGeometry && !hasGeometry(visible, plotWidth, o.laneHeight) && hasAnyGeometry(o.laneHeight);
}

std::optional<GeometryJob> TimelineRenderer::geometryJob(TimeRange visible, int plotWidth, int laneHeight)
{
    if (!owner_ || plotWidth <= 0 || visible.isEmpty())
        return std::nullopt;
    layout(laneHeight);  // brings the index and layout up to the trace's generation
    QFont own;  // not sharing font_'s private: each thread would evict the other's font engine
    own.fromString(font_.toString());
    return GeometryJob{owner_, index_, layout_, own, fontSerial_, visible, plotWidth, laneHeight};
}

bool TimelineRenderer::adoptGeometry(const GeometryJob& job, std::shared_ptr<const Geometry> g)
{
    if (!g || job.trace != owner_ || g->generation != trace_->generation() || job.fontSerial != fontSerial_)
        return false;
    geometry_ = std::move(g);
    geometryLaneHeight_ = job.laneHeight;
    return true;
}

// ---------------------------------------------------------------------------------------------
// Painting

void TimelineRenderer::paintLanes(QPainter& p, const QRect& plot, const Geometry& g, const LaneLayout& l,
                                  const RenderOptions& o, TimeRange vis)
{
    p.save();
    p.setClipRect(plot);
    p.translate(plot.left(), plot.top() - o.verticalOffset);
    LanePainter lp{{p, l, o, theme(o.dark), font_, plot}, g, QRectF(0, o.verticalOffset, plot.width(), plot.height())};
    lp.backgrounds(vis);
    lp.stretch(vis);
    lp.rectangles();
    lp.tasks();
    lp.labels();
    lp.arrows();
    lp.markers();
    lp.outlines();
    p.restore();
}

void TimelineRenderer::paint(QPainter& p, const QRect& rect, TimeRange vis, const RenderOptions& o)
{
    const Theme& th = theme(o.dark);
    p.save();
    p.setFont(font_);
    p.fillRect(rect, th.background);
    const Frame f = frame(rect, o);
    if (!o.title.isEmpty()) {
        QFont tf = font_;
        tf.setBold(true);
        tf.setPointSizeF(font_.pointSizeF() > 0 ? font_.pointSizeF() * 1.25 : 12);
        p.setFont(tf);
        p.setPen(th.text);
        p.drawText(f.title.adjusted(12, 0, -12, 0), Qt::AlignVCenter | Qt::AlignLeft, o.title);
        p.setFont(font_);
    }
    if (trace_) {
        const LaneLayout& l = layout(o.laneHeight);
        const auto g = showsPreview(vis, f.plot.width(), o) ? geometry_ : geometry(vis, f.plot.width(), o.laneHeight);
        paintLanes(p, f.plot, *g, l, o, vis);
        // Live overlays: selection, hover, selected item, playhead, annotations.
        p.save();
        p.setClipRect(f.plot);
        const double k = vis.isEmpty() ? 0 : double(f.plot.width()) / double(vis.span());
        OverlayPainter ov{{p, l, o, th, font_, f.plot}, *trace_, vis, k, f.plot.top() - o.verticalOffset};
        ov.selection();
        if (o.hover.isValid() && !(o.hover == o.selected))
            ov.outlineItem(o.hover, th.textMuted, 1);
        ov.outlineItem(o.selected, th.text, 2);
        ov.playhead();
        ov.annotations();
        ov.deadlock();
        ov.result();
        p.restore();
        if (o.headers)
            paintHeaders(p, f.headers, l, o);
    }
    if (o.ruler) {
        if (o.headers)
            p.fillRect(QRect(rect.left(), f.ruler.top(), f.headers.width(), f.ruler.height()), th.rulerBackground);
        paintRuler(p, f.ruler, vis, o);
        if (o.headers) {
            p.setPen(th.grid);
            p.drawLine(QPoint(rect.left(), f.ruler.bottom()), QPoint(rect.right(), f.ruler.bottom()));
            p.fillRect(QRect(f.plot.right() + 1, f.ruler.top(), rect.right() - f.plot.right(), f.ruler.height()),
                       th.rulerBackground);
        }
    }
    if (o.legend)
        paintLegend(p, f.legend, o.dark, o.hiddenLayers, o.hiddenLayers);
    p.restore();
}

}  // namespace tl::view
