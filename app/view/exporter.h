// SPDX-License-Identifier: MIT
#pragma once
#include "timeline_renderer.h"

#include <QImage>
#include <QSize>
#include <QString>

namespace tl::view {

struct ExportOptions {
    TimeRange range;            // empty = the whole run
    QSize size{1600, 0};        // logical size; height 0 = every lane at its natural height
    qreal scale = 1.0;          // device pixel ratio for PNG (2 = sharp on HiDPI)
    bool legend = true;
    QString title;              // drawn above the ruler when not empty
    bool dark = false;          // exports use the light palette unless asked
    RenderOptions extra;        // highlight, alarm, annotations... (dark/legend/title overridden)
};

// Exports the timeline with the same renderer the window uses. Every write is atomic (QSaveFile:
// a temp file renamed into place), so a failure never leaves a partial file; returns false with
// a clear message in *error (unwritable path, size out of range, encoder failure).
//
// Threading contract: any thread that owns `trace` (no concurrent mutation); PNG/SVG/PDF
// painting uses QImage/QSvgGenerator/QPdfWriter, which are safe off the GUI thread.
class Exporter {
public:
    static constexpr int kMaxPngWidth = 7680;   // 8K
    static constexpr int kMaxPngHeight = 8640;

    static bool exportPng(const Trace& trace, const ExportOptions& options, const QString& path,
                          QString* error = nullptr);
    static bool exportSvg(const Trace& trace, const ExportOptions& options, const QString& path,
                          QString* error = nullptr);
    static bool exportPdf(const Trace& trace, const ExportOptions& options, const QString& path,
                          QString* error = nullptr);
    // By suffix: .png, .svg, .pdf.
    static bool exportFile(const Trace& trace, const ExportOptions& options, const QString& path,
                           QString* error = nullptr);
    static QSize resolvedSize(const Trace& trace, const ExportOptions& options);
};

// The picture as an image (clipboard, tests): the legend included when it fits.
QImage renderImage(const Trace& trace, TimeRange range, QSize size, bool dark = false);
QImage renderImage(const Trace& trace, const ExportOptions& options);

} // namespace tl::view
