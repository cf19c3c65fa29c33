// SPDX-License-Identifier: MIT
#include "panels_renderer.h"

#include "figures.h"
#include "palette.h"
#include "timeline_renderer.h"
#include "units.h"

#include <QFontMetrics>
#include <QGuiApplication>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>
#include <unordered_map>

namespace tl::view {

namespace {

bool isLockLike(ObjectKind k)
{
    return k == ObjectKind::Lock || k == ObjectKind::RLock || k == ObjectKind::Semaphore ||
           k == ObjectKind::BoundedSemaphore;
}
bool isWait(State s) { return s >= State::WaitGil && s < State::Count; }
QString qs(const std::string& s) { return QString::fromStdString(s); }

QString laneName(const Trace& t, LaneId lane)
{
    if (lane < t.lanes.size() && !t.lanes[lane].info.name.empty())
        return qs(t.lanes[lane].info.name);
    return QObject::tr("lane %1").arg(lane);
}

// Whole counts on a value axis: a round step (1, 2, 5 x 10^k, at least 1) for about `ticks`.
int64_t countStep(double top, int ticks)
{
    const double raw = std::max(1.0, top / std::max(1, ticks));
    const double mag = std::pow(10.0, std::floor(std::log10(raw)));
    for (double m : {1.0, 2.0, 5.0, 10.0})
        if (raw <= m * mag)
            return std::max<int64_t>(1, int64_t(std::llround(m * mag)));
    return std::max<int64_t>(1, int64_t(std::llround(10 * mag)));
}

}  // namespace

RangeSummary summarizeRange(const Trace& t, TimeRange range)
{
    RangeSummary s;
    s.range = range;
    if (range.isEmpty())
        return s;
    const int64_t a = range.start, b = range.end;
    const int64_t runEnd = std::max(t.duration(), b);
    // A point in time belongs to the range; the run's last instant belongs to a range reaching it.
    auto inRange = [&](int64_t x) { return x >= a && (x < b || (x == b && b >= t.duration())); };

    std::unordered_map<ObjectId, LockSummary> locks;
    for (size_t id = 1; id < t.objects.size(); ++id) {
        const ObjectInfo& o = t.objects[id];
        if (isLockLike(o.kind)) {
            s.hasLocks = true;
            LockSummary& l = locks[ObjectId(id)];
            l.object = ObjectId(id);
            l.name = qs(t.objectName(ObjectId(id)));
            l.kind = o.kind;
        } else if (o.kind == ObjectKind::Queue) {
            s.hasQueues = true;
            QueueSummary q;
            q.object = ObjectId(id);
            q.name = qs(t.objectName(ObjectId(id)));
            q.capacity = o.capacity;
            s.queues.push_back(q);
        }
    }

    // Lanes: running time and waits, clipped to the range (binary search to the range).
    s.work.cpuMeasured = std::any_of(t.lanes.begin(), t.lanes.end(), [](const Lane& l) { return l.hasCpu(); });
    for (const Lane& lane : t.lanes) {
        if (lane.intervals.empty())
            continue;
        const LaneId id = lane.info.id;
        const int64_t born = lane.start >= 0 ? lane.start : lane.intervals.front().start;
        const int64_t died = lane.end >= 0 ? lane.end : runEnd;
        const int64_t life = std::min(died, b) - std::max(born, a);
        int64_t run = 0, sleepIo = 0;
        const size_t first = t.firstIndex(id, a), last = t.lastIndex(id, b);
        for (size_t i = first; i < last && i < lane.intervals.size(); ++i) {
            const Interval& iv = lane.intervals[i];
            const int64_t end = iv.end >= 0 ? iv.end : runEnd;
            const int64_t d = std::min(end, b) - std::max(iv.start, a);
            if (d < 0)
                continue;
            if (iv.state == State::Run) {
                run += d;
            } else if (iv.state == State::Sleep || iv.state == State::Io) {
                sleepIo += d;
            } else if (isWait(iv.state) && iv.object) {
                auto it = locks.find(iv.object);
                if (it == locks.end())
                    continue;
                it->second.waitTotal += d;
                it->second.waitMax = std::max(it->second.waitMax, d);
                // Ended in the range (a wait still in progress is not an attempt yet).
                if (iv.end >= 0 && inRange(end)) {
                    ++it->second.contended;
                    if (iv.outcome != Outcome::None && iv.outcome != Outcome::Acquired)
                        ++it->second.gaveUp;
                }
            }
        }
        const int64_t cpu = s.work.cpuMeasured ? lane.cpuAt(std::min(died, b)) - lane.cpuAt(std::max(born, a)) : run;
        s.work.addThread(run, cpu, sleepIo);
        if (life > 0)
            s.busyShare.emplace_back(id, std::min(1.0, double(std::max<int64_t>(cpu, 0)) / double(life)));
    }
    s.wall = range.span();
    s.work.derive(s.wall);
    s.speed = t.speed;
    s.cores = t.cores;
    if (t.speed > 0 && t.speed < 1) {
        // Lesson time, as in Trace::statistics(): every duration alike, so ratios stay.
        const auto lesson = [&](int64_t& ns) { ns = int64_t(std::llround(double(ns) * t.speed)); };
        for (int64_t* d : {&s.wall, &s.work.runTime, &s.work.cpu, &s.work.sleepIo, &s.work.sequential})
            lesson(*d);
        for (auto& [id, l] : locks) {
            lesson(l.waitTotal);
            lesson(l.waitMax);
        }
    }

    for (const Hold& h : t.holds)
        if (inRange(h.start))
            if (auto it = locks.find(h.object); it != locks.end())
                ++it->second.acquisitions;
    for (auto& [id, l] : locks) {
        l.contendedShare = contentionShare(l.acquisitions, l.contended, l.gaveUp);
        if (l.acquisitions || l.waitTotal)
            s.locks.push_back(l);
    }
    std::sort(s.locks.begin(), s.locks.end(), [](const LockSummary& x, const LockSummary& y) {
        if (x.waitTotal != y.waitTotal)
            return x.waitTotal > y.waitTotal;
        if (x.acquisitions != y.acquisitions)
            return x.acquisitions > y.acquisitions;
        return x.object < y.object;
    });

    // Queues: puts/gets in the range (instants are sorted by t), depth from the counter.
    const auto lo = std::lower_bound(t.instants.begin(), t.instants.end(), a,
                                     [](const Instant& in, int64_t x) { return in.t < x; });
    std::unordered_map<ObjectId, QueueSummary*> byId;
    for (QueueSummary& q : s.queues)
        byId[q.object] = &q;
    for (auto it = lo; it != t.instants.end() && inRange(it->t); ++it) {
        if (it->type != Ev::Put && it->type != Ev::Get)
            continue;
        if (auto q = byId.find(it->object); q != byId.end())
            ++(it->type == Ev::Put ? q->second->puts : q->second->gets);
    }
    for (QueueSummary& q : s.queues) {
        const CounterSeries* c = t.counter(q.object, CounterKind::Depth);
        if (!c)
            continue;
        q.maxDepth = c->valueAt(a);
        auto it = std::upper_bound(c->points.begin(), c->points.end(), a,
                                   [](int64_t x, const CounterPoint& p) { return x < p.t; });
        for (; it != c->points.end() && inRange(it->t); ++it)
            q.maxDepth = std::max(q.maxDepth, it->value);
    }
    return s;
}

// ---------------------------------------------------------------------------------------------

struct PanelsRenderer::Metrics {
    int line = 16;  // font height
    int header = 30;  // a section's title band
    int lockRow = 46;
    int slot = 18;  // one bar's slot inside a lock row
    int chart = 112;  // the depth chart's plot
    int axis = 24;  // time labels under it
    int legendRow = 24;
    int pad = 8;  // under every section
};

PanelsRenderer::PanelsRenderer(const Trace* trace) : trace_(trace), font_(QGuiApplication::font()) {}

void PanelsRenderer::setFont(const QFont& font) { font_ = font; }

PanelsRenderer::Metrics PanelsRenderer::metrics() const
{
    const QFontMetrics fm(font_);
    Metrics m;
    m.line = fm.height();
    m.header = m.line + 14;
    m.slot = m.line + 2;
    m.lockRow = 2 * m.slot + 12;
    m.chart = std::max(96, m.line * 7);
    m.axis = m.line + 10;
    m.legendRow = m.line + 8;
    return m;
}

const RangeSummary& PanelsRenderer::summary(TimeRange range)
{
    if (!trace_) {
        summary_ = RangeSummary{};
        summaryGeneration_ = ~0ull;
    } else if (summaryGeneration_ != trace_->generation() || !(summary_.range == range)) {
        summary_ = summarizeRange(*trace_, range);
        summaryGeneration_ = trace_->generation();
    }
    return summary_;
}

namespace {

QString pythonClass(ObjectKind k)
{
    switch (k) {
    case ObjectKind::RLock: return QStringLiteral("RLock");
    case ObjectKind::Semaphore: return QStringLiteral("Semaphore");
    case ObjectKind::BoundedSemaphore: return QStringLiteral("BoundedSemaphore");
    default: return QStringLiteral("Lock");
    }
}

// `named`: the lock's name leads the label when the name column is too narrow for it.
QString totalLabel(const LockSummary& l, bool named)
{
    const QString name = named ? l.name + QStringLiteral(": ") : QString();
    if (l.waitTotal <= 0)
        return name + (l.acquisitions == 1 ? QObject::tr("no thread waited · 1 acquisition")
                                           : QObject::tr("no thread waited · %L1 acquisitions").arg(l.acquisitions));
    return name + QObject::tr("%1 waited in total · %L2 of %L3 attempts had to wait (%4%)")
                      .arg(formatDuration(l.waitTotal))
                      .arg(l.contended)
                      .arg(l.acquisitions + l.gaveUp)
                      .arg(l.contendedShare * 100, 0, 'f', 0);
}
// The name column: left of the plot, like the timeline's lane names.
int nameColumn(const QRect& rect, int plotLeft) { return std::max(0, plotLeft - rect.left() - 20); }
bool nameFits(const QFont& font, const QString& name, int column)
{
    QFont bold = font;
    bold.setBold(true);
    return QFontMetrics(bold).horizontalAdvance(name) <= column - 20;
}
QString longestLabel(const LockSummary& l)
{
    return l.waitMax > 0 ? QObject::tr("longest wait %1").arg(formatDuration(l.waitMax)) : QString();
}
QString queueLegend(const QueueSummary& q)
{
    const QString cap = q.capacity > 0 ? QObject::tr("capacity %1").arg(q.capacity) : QObject::tr("unbounded");
    return QObject::tr("%1 (%2) · %3 put, %4 got, max %5").arg(q.name, cap).arg(q.puts).arg(q.gets).arg(q.maxDepth);
}

// Legend entries flowed left to right over [left, left + width), wrapping; one rect per entry.
std::vector<QRect> flow(const QFontMetrics& fm, const std::vector<QString>& texts, int left, int top, int width,
                        int rowH)
{
    std::vector<QRect> out;
    int x = left, y = top;
    for (const QString& s : texts) {
        const int w = 28 + fm.horizontalAdvance(s) + 20;
        if (x + w > left + width && x > left) {
            x = left;
            y += rowH;
        }
        out.emplace_back(x, y, w, rowH);
        x += w;
    }
    return out;
}

}  // namespace

QString PanelsRenderer::statsLine(const RangeSummary& s) const
{
    QStringList parts;
    for (const Figure& f : workFigures(s.work, s.wall, s.cores, s.speed))
        parts << f.label + QStringLiteral(" ") + f.value;
    return parts.join(QStringLiteral(" · "));
}

QString PanelsRenderer::busyLine(const RangeSummary& s) const
{
    QStringList parts;
    for (const auto& [lane, share] : s.busyShare)
        parts << (laneName(*trace_, lane) + QChar(0x00A0) +
                  (share > 0 && share < 0.005 ? QStringLiteral("<1%")
                                              : QString::number(share * 100, 'f', 0) + QLatin1Char('%')));
    return parts.join(QStringLiteral("  ·  "));
}

PanelsLayout PanelsRenderer::layout(const QRect& rect, int plotLeft, int plotWidth, TimeRange range)
{
    PanelsLayout L;
    if (!trace_ || trace_->lanes.empty() || range.isEmpty())
        return L;
    const RangeSummary& s = summary(range);
    const Metrics m = metrics();
    const QFontMetrics fm(font_);
    int y = rect.top();

    if (s.hasLocks) {
        const int rows = std::min<int>(int(s.locks.size()), kMaxLockRows);
        int h = m.header + (rows ? rows * m.lockRow : m.legendRow);
        if (int(s.locks.size()) > kMaxLockRows)
            h += m.legendRow;
        h += m.pad;
        L.contention = QRect(rect.left(), y, rect.width(), h);
        // Bars share one scale (the most waited-for lock's total fills the room its labels leave).
        int labels = 0;
        for (int i = 0; i < rows; ++i)
            labels =
                std::max({labels,
                          fm.horizontalAdvance(totalLabel(s.locks[size_t(i)], !nameFits(font_, s.locks[size_t(i)].name,
                                                                                        nameColumn(rect, plotLeft)))),
                          fm.horizontalAdvance(longestLabel(s.locks[size_t(i)]))});
        const int room = std::max(plotWidth * 2 / 5, plotWidth - labels - 16);
        const double top = rows ? double(std::max<int64_t>(1, s.locks.front().waitTotal)) : 1.0;
        for (int i = 0; i < rows; ++i) {
            const LockSummary& l = s.locks[size_t(i)];
            PanelsLayout::LockRow r;
            r.object = l.object;
            r.row = QRect(rect.left(), y + m.header + i * m.lockRow, rect.width(), m.lockRow);
            const int slot1 = r.row.top() + 5, slot2 = slot1 + m.slot + 3;
            auto width = [&](int64_t v) { return v > 0 ? std::max(2.0, double(v) / top * room) : 0.0; };
            r.total = QRectF(plotLeft, slot1, width(l.waitTotal), m.slot);
            const double thin = std::max(4.0, std::round(m.slot * 0.6));
            r.longest = QRectF(plotLeft, slot2 + std::round((m.slot - thin) / 2), width(l.waitMax), thin);
            L.lockRows.push_back(r);
        }
        y += h;
    }

    if (s.hasQueues) {
        std::vector<QString> texts;
        for (const QueueSummary& q : s.queues)
            texts.push_back(queueLegend(q));
        const auto entries = flow(fm, texts, plotLeft, 0, plotWidth, m.legendRow);
        const int legendH = entries.empty() ? 0 : entries.back().bottom() + 1 + 4;
        const int h = m.header + legendH + m.chart + m.axis + m.pad;
        L.queues = QRect(rect.left(), y, rect.width(), h);
        L.queuePlot = QRect(plotLeft, y + m.header + legendH, plotWidth, m.chart);
        int64_t maxV = 1;
        for (const QueueSummary& q : s.queues)
            maxV = std::max({maxV, q.maxDepth, q.capacity});
        const int64_t step = countStep(double(maxV), 4);
        L.queueTop = double((maxV + step - 1) / step * step);
        y += h;
    }

    {
        const QRect busy = fm.boundingRect(QRect(0, 0, std::max(50, plotWidth), 100000), Qt::TextWordWrap, busyLine(s));
        const QRect figures =
            fm.boundingRect(QRect(0, 0, std::max(50, plotWidth), 100000), Qt::TextWordWrap, statsLine(s));
        const int h = m.header + std::max(m.line, figures.height()) + 6 + std::max(m.line, busy.height()) + 6 + m.pad;
        L.stats = QRect(rect.left(), y, rect.width(), h);
        y += h;
    }
    L.height = y - rect.top();
    return L;
}

int PanelsRenderer::height(int width, int plotLeft, int plotWidth, TimeRange range)
{
    return layout(QRect(0, 0, width, 1), plotLeft, plotWidth, range).height;
}

// One paint() call: the picture's context and one pass per section.
struct PanelsRenderer::Painter {
    Painter(PanelsRenderer& renderer, QPainter& painter, const QRect& area, int left, int width, TimeRange r,
            bool darkTheme, const PanelsLayout& layout)
        : self(renderer), p(painter), rect(area), plotLeft(left), plotWidth(width), range(r), dark(darkTheme),
          L(layout), s(renderer.summary(r)), th(theme(darkTheme)), m(renderer.metrics()), font(renderer.font_),
          bold(renderer.font_), fm(renderer.font_), nameLeft(area.left() + 10), nameWidth(nameColumn(area, left))
    {
        bold.setBold(true);
    }

    PanelsRenderer& self;
    QPainter& p;
    const QRect rect;
    const int plotLeft, plotWidth;
    const TimeRange range;
    const bool dark;
    const PanelsLayout& L;
    const RangeSummary& s;
    const Theme& th;
    const Metrics m;
    const QFont font;
    QFont bold;
    const QFontMetrics fm;
    const int nameLeft, nameWidth;

    void sectionHeader(const QRect& section, const QString& title, const QString& subtitle)
    {
        const QRect band(section.left(), section.top(), section.width(), m.header);
        p.fillRect(band, th.headerBackground);
        p.setPen(th.grid);
        p.drawLine(band.topLeft(), band.topRight());
        p.setFont(bold);
        p.setPen(th.text);
        const QRect tr = band.adjusted(12, 0, -12, 0);
        p.drawText(tr, Qt::AlignVCenter | Qt::AlignLeft, title);
        const int tw = QFontMetrics(bold).horizontalAdvance(title) + 16;
        p.setFont(font);
        p.setPen(th.textMuted);
        p.drawText(tr.adjusted(tw, 0, 0, 0), Qt::AlignVCenter | Qt::AlignLeft,
                   fm.elidedText(subtitle, Qt::ElideRight, std::max(0, tr.width() - tw)));
    }

    void leftLabel(int top, int h, const QString& text, const QColor& c)
    {
        p.setPen(c);
        p.drawText(QRect(nameLeft, top, nameWidth, h), Qt::AlignVCenter | Qt::AlignLeft,
                   fm.elidedText(text, Qt::ElideRight, nameWidth));
    }

    void contention()
    {
        sectionHeader(L.contention, QObject::tr("Lock contention"),
                      QObject::tr("how long threads waited for each lock in this picture"));
        for (size_t i = 0; i < L.lockRows.size(); ++i)
            lockRow(i);
        const int below = L.contention.top() + m.header + int(L.lockRows.size()) * m.lockRow;
        if (L.lockRows.empty()) {
            p.setPen(th.textMuted);
            p.drawText(QRect(plotLeft, below, plotWidth, m.legendRow), Qt::AlignVCenter | Qt::AlignLeft,
                       QObject::tr("No lock was acquired or waited for in this range."));
        } else if (int(s.locks.size()) > kMaxLockRows) {
            p.setPen(th.textMuted);
            p.drawText(QRect(plotLeft, below, plotWidth, m.legendRow), Qt::AlignVCenter | Qt::AlignLeft,
                       QObject::tr("+%1 more locks with less waiting").arg(int(s.locks.size()) - kMaxLockRows));
        }
        p.setPen(th.grid);
        p.drawLine(plotLeft - 1, L.contention.top() + m.header, plotLeft - 1, L.contention.bottom());
    }

    void lockRow(size_t i)
    {
        const QColor wait = stateColor(State::WaitLock, dark);
        const QColor longest = dark ? wait.darker(140) : wait.lighter(140);
        const auto& r = L.lockRows[i];
        const LockSummary& l = s.locks[i];
        if (i % 2 == 1)
            p.fillRect(r.row, th.laneAlt);
        // The lock's name with its hold-band colour, as on the timeline's lanes.
        const int slot1 = r.row.top() + 5, slot2 = slot1 + m.slot + 3;
        p.fillRect(QRect(nameLeft, slot1 + m.slot / 2 - 3, 14, 6), objectColor(l.object, dark));
        p.setFont(bold);
        p.setPen(th.text);
        p.drawText(QRect(nameLeft + 20, slot1, std::max(0, nameWidth - 20), m.slot), Qt::AlignVCenter | Qt::AlignLeft,
                   QFontMetrics(bold).elidedText(l.name, Qt::ElideRight, std::max(0, nameWidth - 20)));
        p.setFont(font);
        // Python's class name under it, unless it repeats the name or does not fit.
        const QString kind = pythonClass(l.kind);
        if (kind.compare(l.name, Qt::CaseInsensitive) != 0 && fm.horizontalAdvance(kind) <= nameWidth - 20) {
            p.setPen(th.textMuted);
            p.drawText(QRect(nameLeft + 20, slot2, nameWidth - 20, m.slot), Qt::AlignVCenter | Qt::AlignLeft, kind);
        }
        // Integer rectangles: bars stay sharp at every scale.
        if (r.total.width() > 0)
            p.fillRect(r.total.toAlignedRect(), wait);
        if (r.longest.width() > 0)
            p.fillRect(r.longest.toAlignedRect(), longest);
        auto label = [&](const QRectF& bar, int top, const QString& text, const QColor& c) {
            const int x = int(bar.right()) + 8, w = plotLeft + plotWidth - x;
            p.setPen(c);
            p.drawText(QRect(x, top, std::max(0, w), m.slot), Qt::AlignVCenter | Qt::AlignLeft,
                       fm.elidedText(text, Qt::ElideRight, std::max(0, w)));
        };
        label(r.total, slot1, totalLabel(l, !nameFits(font, l.name, nameWidth)), th.text);
        label(r.longest, slot2, longestLabel(l), th.textMuted);
    }

    double xAt(int64_t t) const
    {
        return L.queuePlot.left() + double(t - range.start) * L.queuePlot.width() / double(range.span());
    }
    double yAt(double v) const { return L.queuePlot.top() + L.queuePlot.height() * (1.0 - v / L.queueTop); }

    void queues()
    {
        sectionHeader(L.queues, QObject::tr("Queue depth"),
                      QObject::tr("items in each queue over time; dashed: its capacity, where put() blocks"));
        std::vector<QString> texts;
        for (const QueueSummary& q : s.queues)
            texts.push_back(queueLegend(q));
        const auto entries = flow(fm, texts, plotLeft, L.queues.top() + m.header + 2, plotWidth, m.legendRow);
        for (size_t i = 0; i < entries.size(); ++i) {
            const QRect& e = entries[i];
            const QColor c = objectColor(s.queues[i].object, dark);
            p.fillRect(QRect(e.left(), e.center().y() - 1, 20, 3), c);
            p.setPen(th.text);
            p.drawText(e.adjusted(28, 0, 0, 0), Qt::AlignVCenter | Qt::AlignLeft, texts[i]);
        }
        queueAxes();
        p.save();
        p.setClipRect(L.queuePlot.adjusted(-2, -3, 2, 2));
        p.setRenderHint(QPainter::Antialiasing, true);
        for (const QueueSummary& q : s.queues)
            queueCurve(q);
        p.restore();
    }

    void queueAxes()
    {
        const QRect plot = L.queuePlot;
        const int base = int(std::lround(yAt(0)));
        // Value grid and labels (left of the plot, where lane names are above).
        const int64_t vstep = countStep(L.queueTop, 4);
        for (int64_t v = 0; v <= int64_t(L.queueTop); v += vstep) {
            const int yy = int(std::lround(yAt(double(v))));
            p.setPen(v == 0 ? th.textMuted : th.grid);
            p.drawLine(plot.left(), yy, plot.right(), yy);
            p.setPen(th.textMuted);
            p.drawText(QRect(rect.left(), yy - m.line / 2, plotLeft - rect.left() - 8, m.line),
                       Qt::AlignVCenter | Qt::AlignRight, QString::number(v));
        }
        p.setPen(th.textMuted);
        p.drawText(QRect(nameLeft, plot.top() - m.line / 2, nameWidth, m.line), Qt::AlignVCenter | Qt::AlignLeft,
                   QObject::tr("items"));
        // Time grid and labels: the timeline ruler's ticks, so the eye can run straight down.
        const double nsPerPx = double(range.span()) / std::max(1, plot.width());
        const int64_t step = niceStep(nsPerPx, fm.horizontalAdvance(QStringLiteral("000.000 ms")) + 16);
        const int64_t firstTick = (range.start / step) * step + (range.start % step ? step : 0);
        for (int64_t tt = firstTick; tt <= range.end; tt += step) {
            const int x = plot.left() + int(std::lround(double(tt - range.start) / nsPerPx));
            p.setPen(th.grid);
            p.drawLine(x, plot.top(), x, base);
            p.setPen(th.textMuted);
            p.drawLine(x, base, x, base + 4);
            const QString label = formatTick(tt, step);
            const int w = fm.horizontalAdvance(label);
            const int lx = std::clamp(x - w / 2, plot.left() + 2, plot.right() - w - 2);
            p.setPen(th.text);
            p.drawText(QRect(lx, base + 5, w + 2, m.line), Qt::AlignLeft | Qt::AlignVCenter, label);
        }
    }

    // One queue's depth as steps, its capacity dashed.
    void queueCurve(const QueueSummary& q)
    {
        const QRect plot = L.queuePlot;
        // Whole pixels: steps of a 2 px pen stay crisp.
        auto px = [](double v) { return double(std::lround(v)); };
        const int64_t bucket = std::max<int64_t>(1, range.span() / std::max(2, 2 * plot.width()));
        const QColor c = objectColor(q.object, dark);
        if (q.capacity > 0) {
            QPen pen(c, 1.5, Qt::DashLine);
            p.setPen(pen);
            const double yc = px(yAt(double(q.capacity)));
            p.drawLine(QPointF(plot.left(), yc), QPointF(plot.right(), yc));
        }
        const CounterSeries* cs = self.trace_->counter(q.object, CounterKind::Depth);
        QPainterPath path;
        double prev = cs ? double(cs->valueAt(range.start)) : 0.0;
        QPointF last(px(xAt(range.start)), px(yAt(prev)));
        path.moveTo(last);
        auto to = [&](double x, double v) {
            const QPointF pt(px(x), px(yAt(v)));
            if (pt != last)
                path.lineTo(pt), last = pt;
        };
        if (cs)
            for (const auto& bk : cs->buckets(range.start, range.end, bucket)) {
                // A vertical stroke at the bucket's start spans its envelope, then the last value;
                // the far extreme first, so a plain step does not turn back on itself.
                const double x = xAt(bk.t);
                to(x, prev);
                const bool up = bk.last >= prev;
                to(x, double(up ? bk.min : bk.max));
                to(x, double(up ? bk.max : bk.min));
                to(x, double(bk.last));
                prev = double(bk.last);
            }
        to(xAt(range.end), prev);
        QPen pen(c, 2.0);
        pen.setJoinStyle(Qt::SvgMiterJoin);  // square corners; a spike's turn-back gets no miter
        pen.setCapStyle(Qt::FlatCap);
        p.setPen(pen);
        p.setBrush(Qt::NoBrush);
        p.drawPath(path);
    }

    void stats()
    {
        const bool whole = self.trace_ && range.start <= 0 && range.end >= recordedEnd(*self.trace_);
        sectionHeader(L.stats, QObject::tr("Statistics"),
                      whole ? QObject::tr("the whole run")
                            : QObject::tr("from %1 to %2")
                                  .arg(range.start == 0 ? QStringLiteral("0") : formatDuration(range.start),
                                       formatDuration(range.end)));
        const int top = L.stats.top() + m.header + 4;
        const QString figures = self.statsLine(s);
        const int figuresH = std::max(
            m.line, fm.boundingRect(QRect(0, 0, std::max(50, plotWidth), 100000), Qt::TextWordWrap, figures).height());
        leftLabel(top, m.line + 4, QObject::tr("Time"), th.textMuted);
        p.setPen(th.text);
        p.drawText(QRect(plotLeft, top, plotWidth, figuresH), Qt::TextWordWrap | Qt::AlignLeft | Qt::AlignTop, figures);
        const int top2 = top + figuresH + 6;
        leftLabel(top2, m.line, QObject::tr("On a CPU"), th.textMuted);
        p.setPen(th.text);
        p.drawText(QRect(plotLeft, top2, plotWidth, L.stats.bottom() - top2),
                   Qt::TextWordWrap | Qt::AlignLeft | Qt::AlignTop, self.busyLine(s));
    }
};

void PanelsRenderer::paint(QPainter& p, const QRect& rect, int plotLeft, int plotWidth, TimeRange range, bool dark)
{
    const PanelsLayout L = layout(rect, plotLeft, plotWidth, range);
    if (L.height <= 0)
        return;
    Painter painter(*this, p, rect, plotLeft, plotWidth, range, dark, L);
    p.save();
    p.setFont(font_);
    p.fillRect(QRect(rect.left(), rect.top(), rect.width(), L.height), painter.th.background);
    if (!L.contention.isNull())
        painter.contention();
    if (!L.queues.isNull())
        painter.queues();
    painter.stats();
    p.restore();
}

}  // namespace tl::view
