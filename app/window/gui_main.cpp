// SPDX-License-Identifier: MIT
#include "gui_main.h"

#include "main_window.h"

#include <QApplication>
#include <QCommandLineParser>

#include <cstdio>
#include <cstdlib>

namespace tl {

bool displayAvailable()
{
    auto set = [](const char* name) {
        const char* v = std::getenv(name);
        return v && *v;
    };
    return set("DISPLAY") || set("WAYLAND_DISPLAY") || set("QT_QPA_PLATFORM");
}

int runGui(int argc, char** argv)
{
    if (!displayAvailable()) {
        std::fputs("threadlens: no display found; use the headless commands: threadlens --help\n", stderr);
        return 2;
    }
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("ThreadLens"));
    QApplication::setApplicationName(QStringLiteral("ThreadLens"));
    QApplication::setApplicationDisplayName(QStringLiteral("ThreadLens"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Watch Python concurrency lessons run on real threads."));
    parser.addHelpOption();
    QCommandLineOption lesson(QStringList{QStringLiteral("l"), QStringLiteral("lesson")},
                              QStringLiteral("Open this lesson (e.g. m5.l5)."), QStringLiteral("id"));
    QCommandLineOption noRun(QStringLiteral("no-autorun"), QStringLiteral("Do not start the lesson on launch."));
    QCommandLineOption screenshot(QStringLiteral("screenshot"),
                                  QStringLiteral("Save a picture of the window after the first run and quit."),
                                  QStringLiteral("file.png"));
    parser.addOption(lesson);
    parser.addOption(noRun);
    parser.addOption(screenshot);
    parser.addPositionalArgument(QStringLiteral("trace"), QStringLiteral("A trace file to open."), QStringLiteral("[trace.json]"));
    parser.process(app);

    MainWindow::Options options;
    options.lesson = parser.value(lesson);
    options.autoRun = !parser.isSet(noRun);
    if (!parser.positionalArguments().isEmpty())
        options.traceFile = parser.positionalArguments().constFirst();
    MainWindow window(Registry::instance(), options);
    window.show();
    if (parser.isSet(screenshot))
        window.screenshotWhenFinished(parser.value(screenshot));
    return app.exec();
}

} // namespace tl
