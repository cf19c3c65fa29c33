// SPDX-License-Identifier: MIT
#pragma once
#include "engine/model/trace.h"

#include <QList>
#include <QPointF>
#include <QString>

#include <cstdint>
#include <vector>

class QAbstractAxis;
class QAbstractSeries;
class QChart;
class QChartView;
class QFont;
class QLineSeries;
class QValueAxis;

namespace tl {

// Shared helpers of the chart panels (GUI thread).
//
// A counter over [from, to) as a step line through each bucket's maximum, ~2 buckets per
// pixel of `pixels` (never the raw points: a run may hold millions). Times in ms.
QList<QPointF> counterSteps(const CounterSeries& series, int64_t from, int64_t to, int pixels);

// A chart styled for the panels: no title, compact margins, legend at the bottom, the
// light or dark theme.
void styleChart(QChart* chart, bool dark);
// A chart's text in `font`: axis labels and titles, the legend. Qt Charts takes its fonts from the
// theme, not from the widget, so View ▸ Text size would not reach them: styleChart() and every
// panel that adds axes call this, and a panel calls it again when its font changes.
void setChartFont(QChart* chart, const QFont& font);

// An x axis in ms over [from, to) ns, ticks at round numbers.
void setTimeAxis(QValueAxis* axis, int64_t from, int64_t to);
// A y axis of whole counts from 0 to at least `top`.
void setCountAxis(QValueAxis* axis, double top);
// Round tick spacing (1, 2, 5 x 10^k) for about `ticks` ticks over `span`.
double niceInterval(double span, int ticks);
// Every value axis of the panels goes through setAxis: range and tick interval in a safe order,
// never more than kMaxAxisTicks ticks (see the .cpp for why). setNiceAxis picks the interval.
inline constexpr int kMaxAxisTicks = 50;
void setAxis(QValueAxis* axis, double min, double max, double interval, const QString& labelFormat);
void setNiceAxis(QValueAxis* axis, double min, double max, int ticks);

// The series and axes a panel's chart shows, kept between refreshes. While the chart shows
// the same things (the same keys), a refresh only replaces points and ranges (the cheap path
// of Qt Charts); tearing series and axes down made Qt Charts re-lay out its whole scene, tens
// of milliseconds at every refresh of a live run (bench_live).
struct ChartParts {
    std::vector<uint64_t> keys;
    std::vector<QAbstractSeries*> series;
    std::vector<QAbstractAxis*> axes;
    bool shows(const std::vector<uint64_t>& k) const { return !axes.empty() && k == keys; }
    void clear(QChart* chart);  // every series and axis off the chart (and deleted)
};

}  // namespace tl
