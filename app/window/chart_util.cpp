// SPDX-License-Identifier: MIT
#include "chart_util.h"

#include <QChart>
#include <QFont>
#include <QAbstractAxis>
#include <QAbstractSeries>
#include <QApplication>
#include <QLegend>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace tl {

QList<QPointF> counterSteps(const CounterSeries& series, int64_t from, int64_t to, int pixels)
{
    QList<QPointF> out;
    if (to <= from)
        return out;
    const int64_t width = std::max<int64_t>(1, (to - from) / std::max(2, 2 * pixels));
    const auto buckets = series.buckets(from, to, width);
    // Start from the value in force at `from` so the line begins at the left edge.
    double prev = double(series.valueAt(from));
    out.append({double(from) / 1e6, prev});
    for (const auto& b : buckets) {
        // A bucket where nothing changed adds no point: the line runs on flat (fewer points
        // keep Qt Charts fast on a live run; the picture is the same).
        if (b.min == b.max && b.max == b.last && double(b.last) == prev)
            continue;
        // A vertical stroke at the bucket's start spans its min..max (the envelope), then the
        // line carries its last value to the next bucket.
        const double x = double(b.t) / 1e6;
        out.append({x, prev});
        out.append({x, double(b.max)});
        if (b.min < b.max)
            out.append({x, double(b.min)});
        out.append({x, double(b.last)});
        prev = double(b.last);
    }
    out.append({double(to) / 1e6, prev});
    return out;
}

void styleChart(QChart* chart, bool dark)
{
    chart->setTheme(dark ? QChart::ChartThemeDark : QChart::ChartThemeLight);
    chart->setBackgroundRoundness(0);
    chart->setMargins(QMargins(4, 4, 4, 4));
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->setAnimationOptions(QChart::NoAnimation);
    setChartFont(chart, QApplication::font());
}

void setChartFont(QChart* chart, const QFont& font)
{
    chart->legend()->setFont(font);
    QFont title = font;  // bold, as the themes draw axis titles
    title.setBold(true);
    for (QAbstractAxis* axis : chart->axes()) {
        axis->setLabelsFont(font);
        axis->setTitleFont(title);
    }
}

double niceInterval(double span, int ticks)
{
    if (!(span > 0))
        return 1;
    const double raw = span / std::max(1, ticks);
    const double mag = std::pow(10.0, std::floor(std::log10(raw)));
    for (double m : {1.0, 2.0, 5.0, 10.0})
        if (raw <= m * mag)
            return m * mag;
    return 10 * mag;
}

void setAxis(QValueAxis* axis, double min, double max, double interval, const QString& labelFormat)
{
    // Qt Charts lays the ticks out again at each setter, so the two must change in the order
    // that never pairs a wide range with a narrow interval: a live range that grew from 0.1 ms
    // to seconds under the previous interval meant millions of ticks and a frozen window.
    // Set the interval first when it grows, the range first when it shrinks: every pair Qt
    // sees then has no more ticks than the old pair or the new one, and both are capped.
    if (!(max > min))
        max = min + 1e-9;
    interval = std::max(interval, (max - min) / kMaxAxisTicks);
    axis->setLabelFormat(labelFormat);
    if (axis->tickType() != QValueAxis::TicksDynamic) {
        axis->setTickInterval(interval);  // unused until the type changes
        axis->setTickAnchor(0);
        axis->setRange(min, max);
        axis->setTickType(QValueAxis::TicksDynamic);
        return;
    }
    axis->setTickAnchor(0);
    if (interval >= axis->tickInterval()) {
        axis->setTickInterval(interval);
        axis->setRange(min, max);
    } else {
        axis->setRange(min, max);
        axis->setTickInterval(interval);
    }
}

void setNiceAxis(QValueAxis* axis, double min, double max, int ticks)
{
    // Ticks at round numbers (0, 500, 1000 ms), anchored at 0: the axis shows exactly
    // [min, max] (the timeline's visible range), only the ticks are rounded.
    const double step = niceInterval(max - min, ticks);
    setAxis(axis, min, max, step,
            step >= 1     ? QStringLiteral("%.0f")
            : step >= 0.1 ? QStringLiteral("%.1f")
                          : QStringLiteral("%.3f"));
}

void setTimeAxis(QValueAxis* axis, int64_t from, int64_t to)
{
    setNiceAxis(axis, double(from) / 1e6, double(std::max(to, from + 1)) / 1e6, 5);
    axis->setTitleText(QObject::tr("time (ms)"));
}

void ChartParts::clear(QChart* chart)
{
    chart->removeAllSeries();
    for (QAbstractAxis* a : chart->axes())
        chart->removeAxis(a), delete a;
    keys.clear();
    series.clear();
    axes.clear();
}

void setCountAxis(QValueAxis* axis, double top)
{
    // Whole numbers only: "2.5 threads waiting" means nothing.
    const double max = std::max(1.0, std::ceil(top));
    setAxis(axis, 0, max + (max < 10 ? 0.5 : max * 0.05), std::max(1.0, niceInterval(max, 5)), QStringLiteral("%.0f"));
}

}  // namespace tl
