// SPDX-License-Identifier: MIT
#include "sweep_chart.h"

#include "palette.h"

#include <QFontMetrics>
#include <QGuiApplication>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

namespace tl::view {

namespace {

QColor seriesColor(bool gilSeries, bool gilOn, bool dark)
{
    // The GIL's own colour (wait:gil) for "GIL on"; the run colour family's blue otherwise.
    if (gilSeries && gilOn)
        return familyColor(StateFamily::WaitGil, dark);
    return dark ? QColor(0x56, 0xb4, 0xe9) : QColor(0x00, 0x72, 0xb2);
}

// 1, 2, 5 × 10^k at or above v/5: about five grid lines.
double niceTick(double maxValue)
{
    if (!(maxValue > 0))
        return 1;
    const double raw = maxValue / 5, mag = std::pow(10.0, std::floor(std::log10(raw)));
    for (double m : {1.0, 2.0, 5.0, 10.0})
        if (raw <= m * mag)
            return m * mag;
    return 10 * mag;
}

QString numberText(double v)
{
    return std::abs(v) >= 100 || v == std::floor(v) ? QString::number(v, 'f', 0) : QString::number(v, 'g', 3);
}

}  // namespace

struct SweepChart::Geometry {
    QRect title, legend, wall, speedup, axis;  // the two plots share their x columns
    double wallMax = 1, speedupMax = 1;
    double xMin = 0, xMax = 1;  // in axis units (log₂ when logX_)
};

SweepChart::SweepChart(SweepPlan plan, std::vector<SweepRow> rows) : plan_(std::move(plan)), rows_(std::move(rows))
{
    fillSpeedups(plan_, rows_);
    points_ = sweepPoints(plan_, rows_);
    // A geometric series (a doubling range) reads best on a log₂ axis.
    const auto& v = plan_.values;
    logX_ = plan_.numeric && v.size() >= 3 && v.front().number > 0;
    for (size_t i = 1; logX_ && i < v.size(); ++i)
        logX_ = std::abs(v[i].number / v[i - 1].number - 2.0) < 1e-6;
}

QString SweepChart::title() const
{
    const QString id =
        plan_.scenario ? QString::fromStdString(plan_.scenario->id + "  " + plan_.scenario->title) : QString();
    const QString what = plan_.param.empty() ? QStringLiteral("the GIL")
                                             : QString::fromStdString(plan_.param) +
                                                   (plan_.gilSwept ? QStringLiteral(" and the GIL") : QString());
    return QStringLiteral("%1 — sweep of %2, %3 run(s) per point").arg(id, what).arg(plan_.repeat);
}

SweepChart::Geometry SweepChart::geometry(const QRect& rect) const
{
    Geometry g;
    const QFontMetrics fm(QGuiApplication::font());
    const int line = fm.height();
    const int left = rect.left() + fm.horizontalAdvance(QStringLiteral("00000 ms")) + line;
    const int right = rect.right() - line;
    g.title = QRect(rect.left() + line / 2, rect.top() + line / 2, rect.width() - line, line + 4);
    g.legend = QRect(left, g.title.bottom() + 4, right - left, line + 4);
    const int top = g.legend.bottom() + line;
    const int axisH = 2 * line + 8;
    const int gap = line * 2;
    const int plotH = std::max(40, (rect.bottom() - top - axisH - gap - line) / 2);
    g.wall = QRect(left, top, right - left, plotH);
    g.speedup = QRect(left, g.wall.bottom() + gap, right - left, plotH);
    g.axis = QRect(left, g.speedup.bottom() + 4, right - left, axisH);

    double wallMax = 0, speedupMax = 0, observed = 0;
    for (const SweepPoint& p : points_) {
        if (!p.runs)
            continue;
        wallMax = std::max(wallMax, p.wallMaxMs);
        if (std::isfinite(p.speedupMax))
            observed = std::max(observed, p.speedupMax);
    }
    speedupMax = std::max(observed, 1.0);
    // The ideal curve may climb far above what was measured: show it up to twice the best.
    if (plan_.numeric && !plan_.values.empty() && plan_.values.front().number > 0)
        speedupMax =
            std::max(speedupMax, std::min(plan_.values.back().number / plan_.values.front().number, 2 * speedupMax));
    g.wallMax = wallMax > 0 ? wallMax * 1.1 : 1;
    g.speedupMax = speedupMax * 1.1;
    if (plan_.numeric) {
        auto ax = [this](double v) { return logX_ ? std::log2(v) : v; };
        g.xMin = ax(plan_.values.front().number);
        g.xMax = ax(plan_.values.back().number);
    } else {
        g.xMin = -0.5;
        g.xMax = double(plan_.values.size()) - 0.5;
    }
    if (g.xMax <= g.xMin) {  // one value: centre it
        g.xMin -= 1;
        g.xMax += 1;
    }
    return g;
}

double SweepChart::xOf(const Geometry& g, size_t value) const
{
    double u = double(value);
    if (plan_.numeric)
        u = logX_ ? std::log2(plan_.values[value].number) : plan_.values[value].number;
    // A margin inside the plot so the end dots are not cut in half.
    const double inset = 12, w = g.wall.width() - 2 * inset;
    return g.wall.left() + inset + (u - g.xMin) / (g.xMax - g.xMin) * w;
}

std::vector<SweepChart::Mark> SweepChart::marks(const QRect& rect) const
{
    const Geometry g = geometry(rect);
    std::vector<Mark> out;
    for (const SweepPoint& p : points_) {
        if (!p.runs)
            continue;
        const double x = xOf(g, p.value);
        out.push_back({p.value, p.gil, false, QPointF(x, g.wall.bottom() - p.wallMs / g.wallMax * g.wall.height())});
        if (std::isfinite(p.speedup))
            out.push_back(
                {p.value, p.gil, true, QPointF(x, g.speedup.bottom() - p.speedup / g.speedupMax * g.speedup.height())});
    }
    return out;
}

std::optional<SweepChart::Mark> SweepChart::markAt(const QRect& rect, QPointF pos, double tolerance) const
{
    std::optional<Mark> best;
    double bestD = tolerance;
    for (const Mark& m : marks(rect)) {
        const double d = std::hypot(m.at.x() - pos.x(), m.at.y() - pos.y());
        if (d <= bestD) {
            bestD = d;
            best = m;
        }
    }
    return best;
}

// One paint() call: the picture's context and one pass per part.
struct SweepChart::Painter {
    Painter(const SweepChart& chart, QPainter& painter, const QRect& area, bool darkTheme)
        : c(chart), plan(chart.plan_), p(painter), rect(area), dark(darkTheme), th(theme(darkTheme)),
          g(chart.geometry(area)), font(QGuiApplication::font()), fm(font),
          ideal(plan.numeric && plan.values.front().number > 0 && plan.values.size() > 1)
    {}

    const SweepChart& c;
    const SweepPlan& plan;
    QPainter& p;
    const QRect rect;
    const bool dark;
    const Theme& th;
    const Geometry g;
    const QFont font;
    const QFontMetrics fm;
    const bool ideal;  // a numeric range: the ideal curve wall ∝ 1/value is drawn
    double baseWall = 0;  // the ideal curve's baseline: the first value's median in the first GIL mode

    void titleAndLegend()
    {
        QFont bold = font;
        bold.setBold(true);
        p.setFont(bold);
        p.setPen(th.text);
        p.drawText(g.title, Qt::AlignLeft | Qt::AlignVCenter, c.title());
        p.setFont(font);

        // Legend: one entry per series, then the ideal curve.
        int lx = g.legend.left();
        auto legendEntry = [&](const QColor& color, Qt::PenStyle style, const QString& text) {
            const int y = g.legend.center().y();
            p.setPen(QPen(color, 2, style));
            p.drawLine(lx, y, lx + 24, y);
            p.setPen(th.text);
            p.drawText(QRect(lx + 30, g.legend.top(), fm.horizontalAdvance(text) + 4, g.legend.height()),
                       Qt::AlignLeft | Qt::AlignVCenter, text);
            lx += 30 + fm.horizontalAdvance(text) + 24;
        };
        for (bool gil : plan.gil)
            legendEntry(seriesColor(plan.gilSwept, gil, dark), Qt::SolidLine,
                        (plan.gilSwept ? (gil ? QStringLiteral("GIL on: ") : QStringLiteral("GIL off: ")) : QString()) +
                            QStringLiteral("median, band min–max"));
        if (ideal)
            legendEntry(th.textMuted, Qt::DashLine,
                        QStringLiteral("ideal: wall ∝ 1/%1").arg(QString::fromStdString(plan.param)));
    }

    // One of the two plots: wall time or speed-up over the swept values.
    struct Plot {
        QRect rect;
        double maxY;
        bool speedup;
        double yOf(double v) const { return rect.bottom() - std::clamp(v / maxY, 0.0, 1.05) * rect.height(); }
    };

    void panel(const Plot& plot, const QString& unit, const QString& name)
    {
        grid(plot, unit, name);
        p.save();
        p.setClipRect(plot.rect);
        if (ideal && baseWall > 0)
            idealCurve(plot);
        p.setClipRect(plot.rect.adjusted(-6, -6, 6, 6));  // the dots may stand over the edge
        for (bool gil : plan.gil)
            series(plot, gil);
        p.restore();
        if (!plot.speedup)
            failedRuns(plot);
        p.setPen(QPen(th.textMuted, 1));
        p.setBrush(Qt::NoBrush);
        p.drawRect(plot.rect);
    }

    void grid(const Plot& plot, const QString& unit, const QString& name)
    {
        p.setPen(Qt::NoPen);
        p.setBrush(th.laneAlt);
        p.drawRect(plot.rect);
        const double step = niceTick(plot.maxY);
        p.setFont(font);
        for (double v = 0; v <= plot.maxY + 1e-9; v += step) {
            const double y = plot.rect.bottom() - v / plot.maxY * plot.rect.height();
            p.setPen(QPen(th.grid, 1));
            p.drawLine(QPointF(plot.rect.left(), y), QPointF(plot.rect.right(), y));
            p.setPen(th.textMuted);
            p.drawText(QRectF(rect.left(), y - fm.height() / 2.0, plot.rect.left() - rect.left() - 6, fm.height()),
                       Qt::AlignRight | Qt::AlignVCenter, numberText(v) + unit);
        }
        p.setPen(th.text);
        p.drawText(plot.rect.adjusted(8, 4, -8, -4), Qt::AlignLeft | Qt::AlignTop, name);
    }

    void idealCurve(const Plot& plot)
    {
        const double v0 = plan.values.front().number;
        QPainterPath path;
        // Sampled finely so the hyperbola is smooth between the values.
        const int n = 64;
        const double a = plan.values.front().number, b = plan.values.back().number;
        for (int i = 0; i <= n; ++i) {
            const double t = double(i) / n;
            const double v = c.logX_ ? a * std::pow(b / a, t) : a + (b - a) * t;
            const double u = c.logX_ ? std::log2(v) : v;
            const double x = g.wall.left() + 12 + (u - g.xMin) / (g.xMax - g.xMin) * (g.wall.width() - 24);
            const double y = plot.yOf(plot.speedup ? v / v0 : baseWall * v0 / v);
            i ? path.lineTo(x, y) : path.moveTo(x, y);
        }
        p.setBrush(Qt::NoBrush);
        p.setPen(QPen(th.textMuted, 1.5, Qt::DashLine));
        p.drawPath(path);
    }

    // One GIL mode's medians as a line with dots, its min–max as a band.
    void series(const Plot& plot, bool gil)
    {
        const QColor color = seriesColor(plan.gilSwept, gil, dark);
        QPolygonF upper, lower, line;
        for (const SweepPoint& pt : c.points_) {
            if (pt.gil != gil || !pt.runs)
                continue;
            const double lo = plot.speedup ? pt.speedupMin : pt.wallMinMs;
            const double hi = plot.speedup ? pt.speedupMax : pt.wallMaxMs;
            const double mid = plot.speedup ? pt.speedup : pt.wallMs;
            if (!std::isfinite(mid))
                continue;
            const double x = c.xOf(g, pt.value);
            upper << QPointF(x, plot.yOf(hi));
            lower.prepend(QPointF(x, plot.yOf(lo)));
            line << QPointF(x, plot.yOf(mid));
        }
        QColor band = color;
        band.setAlpha(50);
        p.setPen(Qt::NoPen);
        p.setBrush(band);
        if (line.size() > 1)
            p.drawPolygon(upper + lower);
        else
            for (int i = 0; i < upper.size(); ++i)  // one point: its min–max as a bar
                p.drawRect(QRectF(upper[i].x() - 4, upper[i].y(), 8, lower[i].y() - upper[i].y()));
        p.setBrush(Qt::NoBrush);
        p.setPen(QPen(color, 2));
        if (plan.numeric)
            p.drawPolyline(line);
        p.setBrush(color);
        p.setPen(QPen(th.background, 1));
        for (const QPointF& d : line)
            p.drawEllipse(d, 4, 4);
    }

    // Failed runs: a mark above the value with how many.
    void failedRuns(const Plot& plot)
    {
        for (size_t v = 0; v < plan.values.size(); ++v) {
            int failed = 0;
            for (const SweepRow& r : c.rows_)
                failed += r.value == v && !r.ok();
            if (!failed)
                continue;
            p.setPen(th.alarm);
            p.drawText(QRectF(c.xOf(g, v) - 40, plot.rect.top() + 2, 80, fm.height()), Qt::AlignCenter,
                       QStringLiteral("✕ %1 failed").arg(failed));
        }
    }

    // The x axis: every value when they fit, else evenly thinned.
    void xAxis()
    {
        p.setPen(th.textMuted);
        const int labelW = fm.horizontalAdvance(QStringLiteral("00000")) + 8;
        const size_t n = plan.values.size();
        size_t every = 1;
        while (n / every * labelW > size_t(g.axis.width()) && every < n)
            ++every;
        for (size_t v = 0; v < n; v += every) {
            const double x = c.xOf(g, v);
            QString text = QString::fromStdString(plan.values[v].text);
            if (text.isEmpty())
                text = QStringLiteral("—");
            p.drawLine(QPointF(x, g.speedup.bottom()), QPointF(x, g.speedup.bottom() + 4));
            p.drawText(QRectF(x - labelW, g.axis.top() + 2, 2 * labelW, fm.height()), Qt::AlignCenter, text);
        }
        p.setPen(th.text);
        const QString axisName = plan.param.empty() ? QStringLiteral("GIL")
                                                    : QString::fromStdString(plan.param) +
                                                          (c.logX_ ? QStringLiteral(" (log₂ scale)") : QString());
        p.drawText(QRect(g.axis.left(), g.axis.top() + fm.height() + 4, g.axis.width(), fm.height()), Qt::AlignCenter,
                   axisName);
    }
};

void SweepChart::paint(QPainter& p, const QRect& rect, bool dark) const
{
    Painter painter(*this, p, rect, dark);
    const Geometry& g = painter.g;
    p.save();
    p.setRenderHint(QPainter::Antialiasing, true);
    p.fillRect(rect, painter.th.background);
    p.setFont(painter.font);
    painter.titleAndLegend();
    for (const SweepPoint& pt : points_)
        if (pt.value == 0 && pt.gil == plan_.gil.front() && pt.runs)
            painter.baseWall = pt.wallMs;
    painter.panel({g.wall, g.wallMax, false}, QStringLiteral(" ms"), QStringLiteral("wall time"));
    painter.panel(
        {g.speedup, g.speedupMax, true}, QStringLiteral("×"),
        QStringLiteral("speed-up (wall of %1 ÷ wall)").arg(QString::fromStdString(plan_.label(0, plan_.gil.front()))));
    painter.xAxis();
    p.restore();
}

}  // namespace tl::view
