// SPDX-License-Identifier: MIT
#pragma once
#include "engine/record/event.h"

#include <QColor>
#include <QString>

namespace tl::view {

// The visual language: one colour per state family, the same in the timeline, legend, charts
// and exports. Okabe–Ito based so the families stay distinct for colour-blind eyes:
// run = bluish green (strong), wait:* = vermillion shades (alarming), wait:gil = reddish
// purple, sleep/io = muted blues, idle = faint grey. Pure functions, callable from any thread.

enum class StateFamily : uint8_t { Run, Wait, WaitGil, Sleep, Io, Idle, Count };

StateFamily stateFamily(State s) noexcept;
QColor stateColor(State s, bool dark = false);
QColor familyColor(StateFamily f, bool dark = false);
QString stateLabel(State s);  // "running", "waiting: lock", ...
QString familyLabel(StateFamily f);  // legend text: "running", "waiting (lock, queue...)", ...
// Importance when sub-pixel intervals fold into one run: waiting > GIL wait > running >
// io/sleep > idle (the lessons are about waiting, so a fold never hides it).
int statePriority(State s) noexcept;

// Per-object colour (hold bands, chart series): a stable pick from a colour-blind-safe set that
// avoids the state colours, so a lock's band reads the same on every lane.
QColor objectColor(ObjectId id, bool dark = false);
QColor flowColor(FlowKind k, bool dark = false);

// Chrome colours of one palette (light for exports unless asked).
struct Theme {
    QColor background, laneAlt, headerBackground, text, textMuted, grid, rulerBackground;
    QColor selection, selectionEdge, hover, playhead, alarm, highlight, taskEdge, marker;
};
const Theme& theme(bool dark);
// Text colour that stays legible on top of `fill`.
QColor textOn(const QColor& fill);

}  // namespace tl::view
