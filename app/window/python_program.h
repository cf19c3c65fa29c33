// SPDX-License-Identifier: MIT
#pragma once
#include "scenarios/scenario.h"

#include <QString>

namespace tl {

// The lesson's Python program as the learner reads it (the window's Python pane, `describe`):
// the program for the current parameters, runnable as shown.
//
// The resource file (resources/lessons/<id>.py) is also run by the tests and traced in CPython,
// so it keeps a harness switch: THREADLENS_QUICK=1 shortens its waits. Shown, that harness is
// gone: `QUICK = os.environ.get("THREADLENS_QUICK") ...` lines are dropped, `A if QUICK else B`
// reads B, and `import os` goes when nothing else uses os.
//
// A constant follows a parameter through a marker comment at the end of its line:
//   TASKS = 4              # [tasks]
//   TASK_S = 0.5           # [task_ms/1000] each task waits this long
//   WORKERS, TASK_S = 4, 0.1   # [workers, task_ms/1000]
// The value becomes the parameter's (a choice as a string, a bool as True/False, scaled by
// `/k` or `*k`); the marker is not shown, the rest of the comment is. Comments and docstrings
// read in the UI language (QCoreApplication::translate("PythonComment", unit), see
// app/i18n/python_comments.h); the code is the same in every language.
QString shownProgram(const QString& source, const ParamValues& values);

// The parameters a program's markers name (for tests: every one must be a lesson parameter).
QStringList programParameters(const QString& source);

}  // namespace tl
