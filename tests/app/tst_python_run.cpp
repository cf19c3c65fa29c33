// SPDX-License-Identifier: MIT
// The window's Python runs (PythonRun + RunController): a program, a dropped .py file, a lesson's
// Python equivalent and Abort, each streamed into the controller's trace like a lesson.
#include "app/window/python_program.h"
#include "app/window/python_run.h"
#include "app/window/run_controller.h"
#include "scenarios/scenario.h"

#include <QMainWindow>
#include <QMimeData>
#include <QSignalSpy>
#include <QTest>
#include <QUrl>

using namespace tl;

namespace {

QString program(const char* name)
{
    return qEnvironmentVariable("THREADLENS_SOURCE_DIR") + QStringLiteral("/tests/pytrace/programs/") +
           QLatin1String(name);
}

}  // namespace

class TstPythonRun : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        // Debian's interpreter first (python3 from PATH is what the window runs).
        qputenv("PATH", "/usr/bin:/bin");
        qputenv("THREADLENS_QUICK", "1");
    }

    void tracesAProgramLive()
    {
        QMainWindow w;
        RunController c;
        PythonRun py(c, &w, [] { return QString(); });
        QSignalSpy updated(&c, &RunController::traceUpdated);
        QSignalSpy finished(&c, &RunController::finished);
        QVERIFY(py.trace(program("primitives.py")));
        QCOMPARE(c.state(), RunController::State::Running);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 120000);
        QCOMPARE(finished.at(0).at(0).toString(), QStringLiteral("error"));  // sys.exit(3)
        QVERIFY(finished.at(0).at(1).toString().contains(QLatin1String("exit status 3")));
        QVERIFY(updated.count() >= 1);
        QVERIFY(c.trace().lanes.size() >= 4);
        QCOMPARE(c.trace().source, std::string("python"));
        QVERIFY(c.trace().checkInvariants().empty());
        QVERIFY(c.pythonOutput().contains(QLatin1String("results: [1, 2, 4, 8]")));
        QCOMPARE(py.recentPrograms().value(0), program("primitives.py"));
        // Re-run runs the same program again.
        QVERIFY(c.rerun());
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, 120000);
    }

    void droppedFileIsTraced()
    {
        QMainWindow w;
        RunController c;
        PythonRun py(c, &w, [] { return QString(); });
        QSignalSpy finished(&c, &RunController::finished);
        w.show();  // drops reach shown windows only
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(program("reads_stdin.py"))});
        QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(&w, &enter);  // a drop follows an accepted enter
        QVERIFY(enter.isAccepted());
        QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        // (QApplication resets a drop's accept flag when no drag is in progress: judge the run.)
        QCoreApplication::sendEvent(&w, &drop);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 20000);
        QCOMPARE(finished.at(0).at(0).toString(), QStringLiteral("finished"));
        // Anything but a .py file is left to the window.
        QMimeData other;
        other.setUrls({QUrl::fromLocalFile(QStringLiteral("/tmp/run.json"))});
        QDropEvent drop2(QPointF(10, 10), Qt::CopyAction, &other, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(&w, &drop2);
        QCOMPARE(c.state(), RunController::State::Finished);
    }

    void lessonInRealPython()
    {
        QMainWindow w;
        RunController c;
        PythonRun py(c, &w, [] { return QStringLiteral("m1.l6"); });
        QSignalSpy finished(&c, &RunController::finished);
        py.lessonAction()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 120000);
        QCOMPARE(finished.at(0).at(0).toString(), QStringLiteral("finished"));
        QVERIFY(c.trace().program.find("m1.l6.py") != std::string::npos);
        QVERIFY(c.trace().lanes.size() >= 2);
        QVERIFY(!py.traceLesson(QStringLiteral("no.such")));
    }

    // Run in real Python runs the program the Python pane shows, for the sliders' values.
    void lessonRunsTheShownProgram()
    {
        const Scenario* s = Registry::instance().find("m1.l6");
        QVERIFY(s);
        QFile f(QStringLiteral(":/lessons/m1.l6.py"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        ParamValues v = s->defaults();
        v.set("a_count", "1");
        v.set("b_count", "2");
        v.set("a_period_ms", "50");
        v.set("b_period_ms", "50");
        const QString shown = shownProgram(QString::fromUtf8(f.readAll()), v);
        QMainWindow w;
        RunController c;
        PythonRun py(
            c, &w, [] { return QStringLiteral("m1.l6"); }, [&] { return shown; });
        QSignalSpy finished(&c, &RunController::finished);
        py.lessonAction()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 120000);
        QCOMPARE(finished.at(0).at(0).toString(), QStringLiteral("finished"));
        const QString out = c.pythonOutput();
        // (print's pieces from two threads may interleave: count words, not lines)
        QVERIFY2(out.count(QLatin1String("digit")) == 1 && out.count(QLatin1String("letter")) == 2, qPrintable(out));
    }

    void abortEndsTheProgram()
    {
        QMainWindow w;
        RunController c;
        PythonRun py(c, &w, [] { return QString(); });
        QSignalSpy finished(&c, &RunController::finished);
        QVERIFY(py.trace(program("forever.py")));
        QTRY_VERIFY_WITH_TIMEOUT(c.trace().lanes.size() >= 1, 60000);
        c.abort();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 10000);
        QCOMPARE(finished.at(0).at(0).toString(), QStringLiteral("aborted"));
    }

    void badProgramSaysWhy()
    {
        QMainWindow w;
        RunController c;
        PythonRun py(c, &w, [] { return QString(); });
        QSignalSpy finished(&c, &RunController::finished);
        QVERIFY(!py.trace(program("nope.py")));
        QCOMPARE(finished.count(), 1);
        QCOMPARE(finished.at(0).at(0).toString(), QStringLiteral("error"));
        QVERIFY(finished.at(0).at(1).toString().contains(QLatin1String("no such file")));
    }
};

QTEST_MAIN(TstPythonRun)
#include "tst_python_run.moc"
