// SPDX-License-Identifier: MIT
#pragma once
#include <QIcon>
#include <QString>

namespace tl {

// The window's action icons: monochrome SVGs from the resources (:/icons/<name>.svg, drawn
// with `currentColor`), tinted at draw time with the application palette's WindowText
// (Disabled: the disabled WindowText, Selected: HighlightedText). They read well in light and
// dark palettes, follow a palette switch on the next repaint, and are rendered from the
// vector at the device pixel ratio asked for, so they stay sharp at any DPI.
//
// Threading contract: GUI thread only (reads QGuiApplication::palette(); uses QPixmapCache).
QIcon themedIcon(const QString& name);

// The names themedIcon() knows (every SVG under :/icons).
QStringList themedIconNames();

}  // namespace tl
