// SPDX-License-Identifier: MIT
#include "chart_util.h"

#include <QChart>
#include <QLegend>
#include <QValueAxis>

#include <algorithm>

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
}

void setTimeAxis(QValueAxis* axis, int64_t from, int64_t to)
{
    axis->setRange(double(from) / 1e6, double(std::max(to, from + 1)) / 1e6);
    axis->setLabelFormat(QStringLiteral("%.0f"));
    axis->setTitleText(QObject::tr("time (ms)"));
}

} // namespace tl
