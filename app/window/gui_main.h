// SPDX-License-Identifier: MIT
#pragma once

namespace tl {

// The window's entry point, called by app/main.cpp when no headless command is given.
// Creates the QApplication and the MainWindow (opening `lesson` or the last one used and
// starting it), runs the event loop and returns its exit code. With no display (no DISPLAY,
// WAYLAND_DISPLAY or QT_QPA_PLATFORM) it prints one line pointing to the headless commands
// and returns 2 instead of letting Qt abort.
int runGui(int argc, char** argv);

// True when a Qt GUI can start here (a display or an explicit QT_QPA_PLATFORM).
bool displayAvailable();

}  // namespace tl
