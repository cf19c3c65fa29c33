// SPDX-License-Identifier: MIT
#pragma once
#include "panels_renderer.h"
#include "timeline_renderer.h"

#include <QImage>
#include <functional>
#include <optional>
#include <QSize>
#include <QString>

namespace tl::view {

struct ExportOptions {
    TimeRange range;  // empty = the whole run
    QSize size{1600, 0};  // logical size of the timeline; height 0 = every lane at its natural
        // height (the panels, if any, add their own height below)
    qreal scale = 1.0;  // device pixel ratio for PNG (2 = sharp on HiDPI)
    bool legend = true;
    QString title;  // drawn above the ruler when not empty
    bool dark = false;  // exports use the light palette unless asked
    bool panels = false;  // lock contention, queue depth and statistics under the timeline
    QString footer;  // a small line under everything (what the run was: see runCaption); empty = none
    GroupFolds groupFolds;  // lane groups folded or unfolded as in the window (see LaneLayout)
    RenderOptions extra;  // highlight, alarm, annotations... (dark/legend/title overridden)
};

// Exports the timeline with the same renderer the window uses. Each picture is encoded in memory,
// then written by writeFileAtomically (a checked temp file renamed into place), so a failure never
// leaves a partial file; returns false with a clear message in *error (unwritable path, full disk,
// size out of range, encoder failure).
//
// Threading contract: any thread that owns `trace` (no concurrent mutation); PNG/SVG/PDF
// painting uses QImage/QSvgGenerator/QPdfWriter, which are safe off the GUI thread.
class Exporter {
public:
    static constexpr int kMaxPngWidth = 7680;  // 8K
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
    // The whole picture's logical size (timeline plus panels); size limits apply to it.
    static QSize resolvedSize(const Trace& trace, const ExportOptions& options);
    // Where the panels go in the picture (null rect / empty layout without panels), in the
    // picture's logical coordinates: for tests and callers that annotate the image.
    static PanelsLayout panelsLayout(const Trace& trace, const ExportOptions& options);
    // Paints the whole picture (timeline, then the panels if asked) into a device of
    // resolvedSize(): the one code path of PNG, SVG, PDF and the clipboard.
    static void paint(QPainter& p, const Trace& trace, const ExportOptions& options);
};

// The footer band under a picture (see ExportOptions::footer): its height at `width` (0 for no
// text; it wraps onto as many lines as it needs, never cut) and its painting into `band`.
int footerHeight(const QString& text, int width);
void paintFooter(QPainter& p, const QRect& band, const QString& text, bool dark);

// Any picture (a timeline, a comparison, a sweep chart) of logical `size` into a PNG (at `scale`),
// SVG or PDF file, atomically: `paint` draws it into a device of that size. False with a message in
// *error on any failure (size out of range, missing folder, encoder); nothing partial is left.
enum class PictureFormat { Png, Svg, Pdf };
bool writePicture(PictureFormat format, const QString& path, QSize size, qreal scale, const QString& title,
                  const std::function<void(QPainter&)>& paint, QString* error = nullptr);
// By the path's suffix (.png, .svg, .pdf); nullopt for anything else.
std::optional<PictureFormat> pictureFormat(const QString& path);

// The picture as an image (clipboard, tests): the legend included when it fits.
QImage renderImage(const Trace& trace, TimeRange range, QSize size, bool dark = false);
QImage renderImage(const Trace& trace, const ExportOptions& options);

}  // namespace tl::view
