// SPDX-License-Identifier: MIT
#pragma once
#include "scenarios/sweep.h"

#include <QPointF>
#include <QRect>
#include <QString>

#include <optional>
#include <vector>

class QPainter;

namespace tl::view {

// A sweep's chart: wall time (top) and speed-up (bottom) against the swept value, per GIL mode
// when the GIL is swept: the median of the repetitions as a line with dots, their min–max as a
// band, and the ideal curve dashed (wall ∝ 1/value, speed-up ∝ value: perfect overlap) for a
// numeric parameter. Values of a choice are evenly spaced; doubling ranges get a log₂ axis.
// Painter based, like the exporter: PNG, SVG and the window's sweep dialog draw the same picture.
//
// Threading contract: a value type over copies of the plan and rows; any one thread.
class SweepChart {
public:
    SweepChart(SweepPlan plan, std::vector<SweepRow> rows);

    // A median dot: what a click on the chart opens.
    struct Mark {
        size_t value = 0;
        bool gil = false;
        bool speedup = false;  // the lower panel's dot
        QPointF at;
    };
    std::vector<Mark> marks(const QRect& rect) const;
    // The dot within `tolerance` px of pos, nearest first.
    std::optional<Mark> markAt(const QRect& rect, QPointF pos, double tolerance = 8) const;

    void paint(QPainter& p, const QRect& rect, bool dark = false) const;
    QString title() const;

    const std::vector<SweepPoint>& points() const { return points_; }

    static constexpr int kDefaultWidth = 1000, kDefaultHeight = 720;

private:
    struct Geometry;
    struct Painter;  // one paint() call's context and its passes
    Geometry geometry(const QRect& rect) const;
    double xOf(const Geometry& g, size_t value) const;

    SweepPlan plan_;
    std::vector<SweepRow> rows_;
    std::vector<SweepPoint> points_;
    bool logX_ = false;
};

}  // namespace tl::view
