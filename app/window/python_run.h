// SPDX-License-Identifier: MIT
#pragma once
#include <QObject>
#include <QString>
#include <QTemporaryDir>

#include <functional>

class QAction;
class QMenu;
class QMainWindow;

namespace tl {

class RunController;

// The window's way to watch a real Python program (engine/pytrace): File ▸ Trace a Python
// program…, a .py file dropped on the window, a list of recent programs, and "Run in real Python"
// for the current lesson (its Python equivalent from the resources, run by CPython). Runs go
// through the RunController, so they stream into the timeline and panels like a lesson, and
// Abort / Re-run apply to them.
//
// Threading contract: GUI thread only.
class PythonRun : public QObject {
    Q_OBJECT
public:
    // `lessonOf` names the window's current lesson (empty: none); `programOf`, when given, is the
    // program to run for it (the window: the Python pane's, for the current parameters), else
    // the lesson's file as it is.
    PythonRun(RunController& controller, QMainWindow* window, std::function<QString()> lessonOf,
              std::function<QString()> programOf = {});

    QAction* traceAction() const { return traceAction_; }  // File ▸ Trace a Python program…
    QMenu* recentMenu() const { return recentMenu_; }  // File ▸ Recent Python programs
    QAction* lessonAction() const { return lessonAction_; }  // Run ▸ Run in real Python

    // Traces `path` with python3 from PATH (its directory is the working directory); false when
    // it cannot start (the controller reports why). Adds it to the recent programs.
    bool trace(const QString& path);
    // Traces the lesson's Python program (`program`, or resources/lessons/<id>.py when empty);
    // false if it has none.
    bool traceLesson(const QString& lessonId, const QString& program = {});
    QStringList recentPrograms() const;

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void chooseAndTrace();
    void updateRecentMenu();

    RunController& controller_;
    QMainWindow* window_;
    std::function<QString()> lessonOf_;
    std::function<QString()> programOf_;
    QAction* traceAction_;
    QAction* lessonAction_;
    QMenu* recentMenu_;
    QTemporaryDir lessonsDir_;  // the lessons' programs, written out for CPython to read
};

}  // namespace tl
