// SPDX-License-Identifier: MIT
#pragma once
#include "engine/model/run_compare.h"
#include "exporter.h"
#include "timeline_renderer.h"

#include <QImage>
#include <QRect>
#include <QString>

#include <vector>

class QPainter;

namespace tl::view {

// Two runs on one time axis: A's timeline above B's (same scale, both from 0, the same lane-name
// column so a time is the same x in both), each under a label saying what differs
// ("A: workers=2 · GIL off"), then the difference table. The picture of `render a.json --compare
// b.json` and the window's compare export.

struct CompareOptions {
    TimeRange range;  // empty = 0 .. the longer run's end
    int width = 1600;
    bool dark = false;
    bool legend = true;
    QString title;  // above everything when not empty
    QString footer;  // under everything when not empty: what each run was (see compareCaption)
};

// The export dialog's choices (range, width, theme, legend, title) for the compare picture of `a`
// and `b`; its footer says what each run was when the options ask for a footer.
CompareOptions compareOptions(const ExportOptions& options, const Trace& a, const Trace& b);
// "A: m2.l9 · Threads: 2 · …" and "B: …" on two lines (runCaption of each).
QString compareCaption(const Trace& a, const Trace& b);

// Where things go (logical coordinates of a picture of `size`).
struct CompareLayout {
    QSize size;
    TimeRange range;
    int headerWidth = 0;  // both timelines' lane-name column
    QRect title, labelA, timelineA, labelB, timelineB, legend, table, footer;
    QRect plotA, plotB;  // the lanes' plots (x columns identical)
};
CompareLayout compareLayout(const Trace& a, const Trace& b, const CompareOptions& options);
void paintCompare(QPainter& p, const Trace& a, const Trace& b, const CompareOptions& options);
// The picture in memory (Copy image), `scale` device pixels per logical one; null when larger
// than a PNG export may be.
QImage renderCompareImage(const Trace& a, const Trace& b, const CompareOptions& options, qreal scale = 1.0);
bool exportCompare(PictureFormat format, const QString& path, const Trace& a, const Trace& b,
                   const CompareOptions& options, QString* error = nullptr);

// The strip above a run's half: "A: workers=2 · GIL off   —   m2.l9 Number of threads, 412 ms"
// (`what` is what differs, from differences()); the picture's and the timeline widget's.
QString runLabel(const QString& name, const std::string& what, const Trace& trace, int64_t wallNs);
void paintRunLabel(QPainter& p, const QRect& rect, const QString& text, bool dark);
int runLabelHeight();

// The difference table: figure | A | B | change (coloured better / worse).
int diffTableHeight(const std::vector<DiffRow>& rows);
void paintDiffTable(QPainter& p, const QRect& rect, const std::vector<DiffRow>& rows, bool dark);

// Texts of a table cell: a value in its unit ("12.5 ms", "2.10×", "40%", "7"; "—" when missing),
// and the change ("−12.5 ms (−40%)"; "" when either is missing or nothing changed).
QString diffValueText(const DiffRow& row, const std::optional<double>& value);
QString diffChangeText(const DiffRow& row);
// Green-ish better, vermillion worse, muted otherwise (the state palette's run / wait colours).
QColor diffVerdictColor(int verdict, bool dark);

}  // namespace tl::view
