// SPDX-License-Identifier: MIT
#pragma once
#include "engine/model/trace.h"

#include <QList>
#include <QPointF>

class QChart;
class QChartView;
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

// An x axis in ms over [from, to) ns.
void setTimeAxis(QValueAxis* axis, int64_t from, int64_t to);

} // namespace tl
