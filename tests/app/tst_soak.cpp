// SPDX-License-Identifier: MIT
// One window process runs every lesson, then the first lesson again and again: after each run the
// process is back to the idle window's thread count, and no file descriptor stays open. Judged on
// counts (each must come back, however long the machine takes), never on the clock. The memory
// figures are bench_soak's.
#include "app/window/main_window.h"
#include "tests/app/soak_util.h"

#include <QStandardPaths>
#include <QtTest>

using namespace tl;

class TestSoak : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void everyRunGivesBackItsThreadsAndDescriptors()
    {
        const Registry& registry = Registry::instance();
        MainWindow::Options options;
        options.lesson = QString::fromStdString(registry.all().front().id);
        options.autoRun = false;
        MainWindow window(registry, options);
        window.resize(1400, 900);
        window.show();
        QApplication::processEvents();
        const int idleThreads = soak::threadCount();
        int fdBaseline = -1;
        std::vector<const Scenario*> lessons;
        for (const Scenario& s : registry.all())
            lessons.push_back(&s);
        for (int i = 0; i < 5; ++i)
            lessons.push_back(&registry.all().front());
        for (const Scenario* s : lessons) {
            const QString status = soak::runOnce(window, *s, 0.05);
            QVERIFY2(status != QLatin1String("timeout"), s->id.c_str());
            if (fdBaseline < 0) {  // the first run opens what the process keeps (fonts...)
                QVERIFY(soak::settlesTo(idleThreads, 1 << 20));
                fdBaseline = soak::fdCount();
            }
            QVERIFY2(
                soak::settlesTo(idleThreads, fdBaseline),
                qPrintable(QStringLiteral(
                               "after %1 (%2): %3 threads (idle window: %4), %5 descriptors (after the first run: %6)")
                               .arg(QString::fromStdString(s->id), status)
                               .arg(soak::threadCount())
                               .arg(idleThreads)
                               .arg(soak::fdCount())
                               .arg(fdBaseline)));
        }
    }
};

QTEST_MAIN(TestSoak)
#include "tst_soak.moc"
