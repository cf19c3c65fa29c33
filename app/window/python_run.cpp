// SPDX-License-Identifier: MIT
#include "python_run.h"

#include "app/i18n/language.h"
#include "icons.h"
#include "main_window_settings.h"
#include "run_controller.h"

#include <QAction>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QMainWindow>
#include <QMenu>
#include <QMimeData>
#include <QSaveFile>
#include <QStatusBar>

namespace tl {
namespace {

constexpr int kMaxRecent = 8;
const QString kRecentKey = QStringLiteral("python/recentPrograms");

// The first local .py file among the dragged URLs, or empty.
QString droppedProgram(const QMimeData* mime)
{
    if (!mime || !mime->hasUrls())
        return {};
    for (const QUrl& url : mime->urls())
        if (url.isLocalFile() && url.toLocalFile().endsWith(QLatin1String(".py"), Qt::CaseInsensitive))
            return url.toLocalFile();
    return {};
}

}  // namespace

PythonRun::PythonRun(RunController& controller, QMainWindow* window, std::function<QString()> lessonOf,
                     std::function<QString()> programOf)
    : QObject(window), controller_(controller), window_(window), lessonOf_(std::move(lessonOf)),
      programOf_(std::move(programOf))
{
    traceAction_ = new QAction(themedIcon(QStringLiteral("open")), QString(), this);
    traceAction_->setObjectName(QStringLiteral("tracePython"));
    traceAction_->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    connect(traceAction_, &QAction::triggered, this, &PythonRun::chooseAndTrace);

    lessonAction_ = new QAction(themedIcon(QStringLiteral("run")), QString(), this);
    lessonAction_->setObjectName(QStringLiteral("lessonInPython"));
    lessonAction_->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    connect(lessonAction_, &QAction::triggered, this,
            [this] { traceLesson(lessonOf_(), programOf_ ? programOf_() : QString()); });

    recentMenu_ = new QMenu(window);
    recentMenu_->setObjectName(QStringLiteral("recentPrograms"));
    // The words follow View ▸ Language.
    i18n::retranslate(window, [this] {
        traceAction_->setText(tr("&Trace a Python program…"));
        traceAction_->setStatusTip(tr("Run your own Python program in CPython and watch its threads live"));
        lessonAction_->setText(tr("Run in real &Python"));
        lessonAction_->setToolTip(tr("Run this lesson's Python equivalent in CPython, traced live"));
        recentMenu_->setTitle(tr("Recent &Python programs"));
    });
    updateRecentMenu();

    window->setAcceptDrops(true);
    window->installEventFilter(this);
}

bool PythonRun::trace(const QString& path)
{
    const QFileInfo fi(path);
    pytrace::ProgramOptions o;
    o.script = fi.absoluteFilePath().toStdString();
    o.captureOutput = true;
    if (fi.isFile()) {
        QSettings st = settings();
        QStringList recent = st.value(kRecentKey).toStringList();
        recent.removeAll(fi.absoluteFilePath());
        recent.prepend(fi.absoluteFilePath());
        while (recent.size() > kMaxRecent)
            recent.removeLast();
        st.setValue(kRecentKey, recent);
        updateRecentMenu();
    }
    const bool ok = controller_.startPython(o);
    if (ok)
        window_->setWindowTitle(tr("%1 (Python) — ThreadLens").arg(fi.fileName()));
    return ok;
}

bool PythonRun::traceLesson(const QString& lessonId, const QString& program)
{
    QFile src(QStringLiteral(":/lessons/%1.py").arg(lessonId));
    if (lessonId.isEmpty() || !src.open(QIODevice::ReadOnly)) {
        window_->statusBar()->showMessage(tr("This lesson has no Python equivalent"), 4000);
        return false;
    }
    const QByteArray text = program.isEmpty() ? src.readAll() : program.toUtf8();
    // CPython reads files, not Qt resources: the program is written out under its lesson's name,
    // so creation sites read "m5.l1.py:14".
    if (!lessonsDir_.isValid()) {
        window_->statusBar()->showMessage(tr("Cannot make a temporary directory for the lesson's program"), 4000);
        return false;
    }
    QSaveFile out(lessonsDir_.filePath(lessonId + QStringLiteral(".py")));
    if (!out.open(QIODevice::WriteOnly) || out.write(text) != text.size() || !out.commit()) {
        window_->statusBar()->showMessage(tr("Cannot write the lesson's program: %1").arg(out.errorString()), 6000);
        return false;
    }
    pytrace::ProgramOptions o;
    o.script = out.fileName().toStdString();
    o.captureOutput = true;
    const bool ok = controller_.startPython(o);
    if (ok)
        window_->setWindowTitle(tr("%1 in CPython — ThreadLens").arg(lessonId));
    return ok;
}

QStringList PythonRun::recentPrograms() const { return settings().value(kRecentKey).toStringList(); }

void PythonRun::chooseAndTrace()
{
    const QStringList recent = recentPrograms();
    const QString start = recent.isEmpty() ? QString() : QFileInfo(recent.first()).absolutePath();
    const QString path = QFileDialog::getOpenFileName(window_, tr("Trace a Python program"), start,
                                                      tr("Python programs (*.py);;All files (*)"));
    if (!path.isEmpty())
        trace(path);
}

void PythonRun::updateRecentMenu()
{
    recentMenu_->clear();
    const QStringList recent = recentPrograms();
    for (const QString& path : recent) {
        QAction* a = recentMenu_->addAction(QFileInfo(path).fileName(), this, [this, path] { trace(path); });
        a->setToolTip(path);
        a->setStatusTip(path);
    }
    recentMenu_->setEnabled(!recent.isEmpty());
}

bool PythonRun::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == window_) {
        if (event->type() == QEvent::DragEnter || event->type() == QEvent::DragMove) {
            auto* e = static_cast<QDragMoveEvent*>(event);
            if (!droppedProgram(e->mimeData()).isEmpty()) {
                e->acceptProposedAction();
                return true;
            }
        } else if (event->type() == QEvent::Drop) {
            auto* e = static_cast<QDropEvent*>(event);
            const QString path = droppedProgram(e->mimeData());
            if (!path.isEmpty()) {
                e->acceptProposedAction();
                trace(path);
                return true;
            }
        }
    }
    return QObject::eventFilter(watched, event);
}

}  // namespace tl
