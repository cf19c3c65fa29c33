// SPDX-License-Identifier: MIT
// Around the lanes: where everything goes in the painted rectangle, lane headers, the time
// ruler and the legend.
#include "timeline_renderer.h"
#include "palette.h"
#include "timeline_util.h"
#include "units.h"

#include <QFontMetrics>
#include <QObject>
#include <QPainter>
#include <QPolygonF>

#include <algorithm>
#include <cmath>
#include <optional>

namespace tl::view {

using namespace timeline;

int TimelineRenderer::headerWidth()
{
    if (headerWidth_ >= 0 && trace_ && index_->generation == trace_->generation())
        return headerWidth_;
    index();
    const QFontMetrics fm(font_);
    int w = fm.horizontalAdvance(QStringLiteral("MainThread"));
    if (trace_)
        for (size_t i = 0; i < trace_->lanes.size(); ++i)
            w = std::max(w, fm.horizontalAdvance(laneName(*trace_, LaneId(i))));
    if (trace_ && trace_->lanes.size() > kGroupingLanes) {  // a group's key in bold after its triangle
        QFont bold = font_;
        bold.setBold(true);
        const QFontMetrics fb(bold);
        for (size_t i = 0; i < trace_->lanes.size(); ++i)
            w = std::max(w, fb.horizontalAdvance(laneGroupKey(laneName(*trace_, LaneId(i)))) + fm.height() / 2 + 12);
    }
    headerWidth_ = std::clamp(w + 28, 100, 300);
    return headerWidth_;
}

int TimelineRenderer::rulerHeight() const { return QFontMetrics(font_).height() + 14; }

namespace {
enum class Swatch { State, Hold, Arrow, Marker, Task, Waited };
struct LegendEntry {
    QColor color;
    QString text;
    Swatch swatch;
    std::optional<Layer> layer;  // what clicking the entry switches (states: nothing)
};

std::vector<LegendEntry> legendEntries(const Trace* t, bool dark)
{
    std::vector<LegendEntry> e;
    bool present[size_t(StateFamily::Count)] = {};
    present[size_t(StateFamily::Run)] = present[size_t(StateFamily::Wait)] = true;
    if (t)
        for (const Lane& l : t->lanes) {
            // Sampling is enough to find the families of a lane; a full scan of 1e6 is not needed.
            const size_t stride = std::max<size_t>(1, l.intervals.size() / 4096);
            for (size_t i = 0; i < l.intervals.size(); i += stride)
                present[size_t(stateFamily(l.intervals[i].state))] = true;
        }
    for (size_t f = 0; f < size_t(StateFamily::Count); ++f)
        if (present[f] || !t)
            e.push_back({familyColor(StateFamily(f), dark), familyLabel(StateFamily(f)), Swatch::State, {}});
    if (!t)
        return e;
    std::vector<ObjectId> held;
    for (const Hold& h : t->holds)
        if (std::find(held.begin(), held.end(), h.object) == held.end()) {
            held.push_back(h.object);
            if (held.size() >= 8)
                break;
        }
    for (ObjectId o : held)
        e.push_back(
            {objectColor(o, dark),
             (t->objects[o].sampled ? QObject::tr("holds %1 (sampled)") : QObject::tr("holds %1")).arg(objName(*t, o)),
             Swatch::Hold, Layer::Holds});
    if (!held.empty())
        e.push_back({theme(dark).textMuted, QObject::tr("thick band: others waited"), Swatch::Waited, Layer::Holds});
    bool kinds[size_t(FlowKind::Count)] = {};
    for (const Flow& f : t->flows)
        kinds[size_t(f.kind)] = true;
    static const char* flowText[] = {QT_TRANSLATE_NOOP("QObject", "handoff"), QT_TRANSLATE_NOOP("QObject", "wake"),
                                     QT_TRANSLATE_NOOP("QObject", "item"), QT_TRANSLATE_NOOP("QObject", "done")};
    for (size_t k = 0; k < size_t(FlowKind::Count); ++k)
        if (kinds[k])
            e.push_back(
                {flowColor(FlowKind(k), dark), QObject::tr(flowText[k]), Swatch::Arrow, flowLayer(FlowKind(k))});
    if (!t->tasks.empty())
        e.push_back({theme(dark).taskEdge, QObject::tr("task"), Swatch::Task, Layer::Tasks});
    if (!t->instants.empty())
        e.push_back({theme(dark).marker, QObject::tr("event"), Swatch::Marker, Layer::Events});
    return e;
}

// Where each entry goes: left to right, wrapping onto rows (one layout for height, painting and
// clicks). The last row's bottom is the legend's height.
std::vector<std::pair<LegendEntry, QRect>> legendLayout(const Trace* t, const QFont& font, const QRect& rect, bool dark,
                                                        uint32_t omitted)
{
    const QFontMetrics fm(font);
    const int rowH = fm.height() + 8;
    std::vector<std::pair<LegendEntry, QRect>> out;
    int x = rect.left() + 12, y = rect.top() + 6;
    for (LegendEntry& e : legendEntries(t, dark)) {
        if (e.layer && (omitted & layerBit(*e.layer)))
            continue;
        const int w = 22 + fm.horizontalAdvance(e.text) + 18;
        if (x + w > rect.right() - 12 && x > rect.left() + 12) {
            x = rect.left() + 12;
            y += rowH;
        }
        out.emplace_back(std::move(e), QRect(x, y, w, rowH));
        x += w;
    }
    return out;
}
}  // namespace

int TimelineRenderer::legendHeight(int width, bool dark, uint32_t omitted) const
{
    const auto entries = legendLayout(trace_, font_, QRect(0, 0, width, 1), dark, omitted);
    const int rowH = QFontMetrics(font_).height() + 8;
    return (entries.empty() ? rowH + 6 : entries.back().second.bottom() + 1) + 6;
}

std::optional<Layer> TimelineRenderer::legendLayerAt(const QRect& rect, QPoint pos, bool dark) const
{
    for (const auto& [e, r] : legendLayout(trace_, font_, rect, dark, 0))
        if (r.contains(pos))
            return e.layer;
    return std::nullopt;
}

void TimelineRenderer::paintLegend(QPainter& p, const QRect& rect, bool dark, uint32_t hidden, uint32_t omitted) const
{
    const Theme& th = theme(dark);
    p.save();
    p.setFont(font_);
    p.fillRect(rect, th.headerBackground);
    p.setPen(th.grid);
    p.drawLine(rect.topLeft(), rect.topRight());
    for (const auto& [e, r] : legendLayout(trace_, font_, rect, dark, omitted)) {
        const bool off = e.layer && (hidden & layerBit(*e.layer));
        p.setOpacity(off ? 0.35 : 1.0);  // a switched-off layer: its entry faded, still there to click
        const QRect sw(r.left(), r.top() + (r.height() - 14) / 2, 16, 14);
        p.setRenderHint(QPainter::Antialiasing, e.swatch == Swatch::Arrow || e.swatch == Swatch::Marker);
        switch (e.swatch) {
        case Swatch::State: p.fillRect(sw, e.color); break;
        case Swatch::Hold: p.fillRect(QRect(sw.left(), sw.bottom() - 5, sw.width(), 6), e.color); break;
        case Swatch::Arrow: {
            p.setPen(QPen(e.color, 1.5));
            const QPointF a(sw.left(), sw.center().y()), b(sw.right(), sw.center().y());
            p.drawLine(a, b);
            QPolygonF head;
            head << b << b + QPointF(-5, -3.5) << b + QPointF(-5, 3.5);
            p.setBrush(e.color);
            p.setPen(Qt::NoPen);
            p.drawPolygon(head);
            break;
        }
        case Swatch::Marker: {
            QPolygonF tri;
            tri << QPointF(sw.center().x() - 5, sw.top() + 2) << QPointF(sw.center().x() + 5, sw.top() + 2)
                << QPointF(sw.center().x(), sw.top() + 11);
            p.setPen(Qt::NoPen);
            p.setBrush(e.color);
            p.drawPolygon(tri);
            break;
        }
        case Swatch::Waited:
            p.fillRect(QRect(sw.left(), sw.bottom() - 5, 7, 6), e.color);
            p.fillRect(QRect(sw.left() + 9, sw.bottom() - 2, 7, 3), e.color);
            break;
        case Swatch::Task:
            p.setPen(QPen(e.color, 1));
            p.setBrush(Qt::NoBrush);
            p.drawRect(sw.adjusted(0, 2, -1, -3));
            break;
        }
        p.setPen(th.text);
        QFont f = font_;
        f.setStrikeOut(off);
        p.setFont(f);
        p.drawText(QRect(r.left() + 22, r.top(), r.width() - 22, r.height()), Qt::AlignVCenter | Qt::AlignLeft, e.text);
        p.setFont(font_);
    }
    p.restore();
}

TimelineRenderer::Frame TimelineRenderer::frame(const QRect& rect, const RenderOptions& o)
{
    Frame f;
    const QFontMetrics fm(font_);
    int top = rect.top();
    if (!o.title.isEmpty()) {
        const int h = int(fm.height() * 1.8);
        f.title = QRect(rect.left(), top, rect.width(), h);
        top += h;
    }
    const int hw = !o.headers ? 0 : o.headerWidth > 0 ? o.headerWidth : headerWidth();
    if (o.ruler) {
        f.ruler = QRect(rect.left() + hw, top, rect.width() - hw, rulerHeight());
        top += rulerHeight();
    }
    int bottom = rect.bottom() + 1;
    if (o.legend) {
        const int lh = legendHeight(rect.width(), o.dark, o.hiddenLayers);
        f.legend = QRect(rect.left(), bottom - lh, rect.width(), lh);
        bottom -= lh;
    }
    // A right margin so the last tick label and lane-end annotations stay inside.
    const int rightPad = 8;
    f.headers = QRect(rect.left(), top, hw, std::max(0, bottom - top));
    f.plot = QRect(rect.left() + hw, top, std::max(1, rect.width() - hw - rightPad), std::max(0, bottom - top));
    if (o.ruler)
        f.ruler.setWidth(f.plot.width());
    return f;
}

int TimelineRenderer::naturalHeight(const RenderOptions& o)
{
    const QFontMetrics fm(font_);
    int h = layout(o.laneHeight).contentHeight + 4;
    if (!o.title.isEmpty())
        h += int(fm.height() * 1.8);
    if (o.ruler)
        h += rulerHeight();
    return h;  // the legend's height depends on the width; callers add it
}

void TimelineRenderer::paintRuler(QPainter& p, const QRect& r, TimeRange vis, const RenderOptions& o) const
{
    const Theme& th = theme(o.dark);
    p.fillRect(QRect(r.left() - 10000, r.top(), r.width() + 20000, r.height()), th.rulerBackground);
    if (vis.isEmpty() || r.width() <= 0)
        return;
    const QFontMetrics fm(font_);
    const double nsPerPx = double(vis.span()) / r.width();
    // Ticks far enough apart for their labels.
    const int64_t step = niceStep(nsPerPx, fm.horizontalAdvance(QStringLiteral("000.000 ms")) + 16);
    p.setPen(th.grid);
    p.drawLine(r.bottomLeft(), r.bottomRight());
    const int64_t firstTick = (vis.start / step) * step + (vis.start % step ? step : 0);
    for (int64_t tt = firstTick; tt <= vis.end; tt += step) {
        const int x = r.left() + int(std::lround(double(tt - vis.start) / nsPerPx));
        p.setPen(th.textMuted);
        p.drawLine(x, r.bottom() - 5, x, r.bottom());
        const QString s = formatTick(tt, step);
        const int w = fm.horizontalAdvance(s);
        int lx = x - w / 2;
        lx = std::clamp(lx, r.left() + 2, r.right() - w - 2);
        p.setPen(th.text);
        p.drawText(QRect(lx, r.top() + 3, w + 2, fm.height()), Qt::AlignLeft | Qt::AlignVCenter, s);
    }
}

void TimelineRenderer::paintHeaders(QPainter& p, const QRect& r, const LaneLayout& l, const RenderOptions& o)
{
    const Theme& th = theme(o.dark);
    const QFontMetrics fm(font_);
    p.save();
    p.setClipRect(r);
    p.fillRect(r, th.headerBackground);
    const int dy = r.top() - o.verticalOffset;
    QFont bold = font_;
    bold.setBold(true);
    const bool processes =
        std::any_of(l.groups.begin(), l.groups.end(), [](const GroupRow& g) { return g.key.isEmpty(); });
    for (const GroupRow& g : l.groups) {
        const QRect gr(r.left(), dy + g.y, r.width(), g.height);
        if (!gr.intersects(r))
            continue;
        p.setFont(bold);
        p.setPen(th.text);
        if (g.key.isEmpty()) {  // a process
            p.drawText(gr.adjusted(8, 0, -4, 0), Qt::AlignVCenter | Qt::AlignLeft,
                       fm.elidedText(g.label, Qt::ElideRight, gr.width() - 12));
            continue;
        }
        // A lane group: a disclosure triangle (it is clicked to fold and unfold) and its name.
        const int indent = processes ? 18 : 6;
        const int side = std::max(8, fm.height() * 2 / 3);
        const QPointF c(gr.left() + indent + side / 2.0, gr.center().y() + 0.5);
        const double h = side / 2.0;
        const QPolygonF triangle =
            g.folded ? QPolygonF{{c.x() - h / 2, c.y() - h}, {c.x() + h / 1.2, c.y()}, {c.x() - h / 2, c.y() + h}}
                     : QPolygonF{{c.x() - h, c.y() - h / 2}, {c.x() + h, c.y() - h / 2}, {c.x(), c.y() + h / 1.2}};
        p.save();
        p.setRenderHint(QPainter::Antialiasing);
        p.setPen(Qt::NoPen);
        p.setBrush(th.text);
        p.drawPolygon(triangle);
        p.restore();
        const QRect text = gr.adjusted(indent + side + 6, 0, -4, 0);
        p.drawText(text, Qt::AlignVCenter | Qt::AlignLeft,
                   QFontMetrics(bold).elidedText(g.key, Qt::ElideMiddle, text.width()));
    }
    p.setFont(font_);
    for (size_t i = 0; i < l.rows.size(); ++i) {
        const LaneRow& row = l.rows[i];
        const QRect rr(r.left(), dy + row.y, r.width(), row.height);
        if (!rr.intersects(r))
            continue;
        if (row.compact) {  // a folded group's thin bar: its name is in the tooltip; a bracket marks the group
            const bool sel = o.selected.isValid() && o.selected.lane == row.lane;
            p.fillRect(QRect(rr.left() + (processes ? 18 : 6) + 2, rr.top(), sel ? 4 : 2, row.barHeight),
                       sel ? th.text : th.textMuted);
            continue;
        }
        const bool alarm = o.alarmLanes.contains(row.lane);
        const bool sel = o.selected.isValid() && o.selected.lane == row.lane;
        if (i % 2 == 1)
            p.fillRect(rr, th.laneAlt);
        QString name = trace_ ? laneName(*trace_, row.lane) : QString();
        const bool daemon = trace_ && row.lane < trace_->lanes.size() && trace_->lanes[row.lane].info.daemon;
        QFont f = font_;
        f.setBold(sel || alarm);
        p.setFont(f);
        p.setPen(alarm ? th.alarm : th.text);
        const int indent = l.groups.empty() ? 10 : 18;
        const QRect textRect(rr.left() + indent, rr.top() + row.barTop, rr.width() - indent - 8, row.barHeight);
        p.drawText(textRect, Qt::AlignVCenter | Qt::AlignLeft,
                   QFontMetrics(f).elidedText(name, Qt::ElideRight, textRect.width()));
        if (daemon) {
            p.setPen(th.textMuted);
            p.setFont(font_);
            if (row.hasTasks || row.holdHeight + row.barHeight > fm.height() * 2)
                p.drawText(QRect(textRect.left(), rr.top() + row.holdTop - 2, textRect.width(), fm.height()),
                           Qt::AlignLeft | Qt::AlignTop, QObject::tr("daemon"));
        }
    }
    p.setPen(th.grid);
    p.drawLine(r.topRight(), r.bottomRight());
    p.restore();
}

}  // namespace tl::view
