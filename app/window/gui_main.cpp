// SPDX-License-Identifier: MIT
#include "gui_main.h"

#include "app/i18n/language.h"
#include "main_window.h"
#include "main_window_settings.h"

#include <QApplication>
#include <QIcon>
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

namespace {
// --lang, else the saved choice, else the system's locale.
i18n::Language languageOf(int argc, char** argv, const QString& saved)
{
    QString lang = saved;
    for (int i = 1; i + 1 < argc; ++i)
        if (qstrcmp(argv[i], "--lang") == 0)
            lang = QString::fromLocal8Bit(argv[i + 1]);
    return i18n::parse(lang).value_or(i18n::systemLanguage());
}
}  // namespace

int runGui(int argc, char** argv)
{
    if (!displayAvailable()) {
        // No QApplication without a display, so no translator: the two texts are here.
        std::fputs(languageOf(argc, argv, {}) == i18n::Language::Russian
                       ? "threadlens: дисплей не найден; команды без окна: threadlens --help\n"
                       : "threadlens: no display found; use the headless commands: threadlens --help\n",
                   stderr);
        return 2;
    }
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("ThreadLens"));
    QApplication::setApplicationName(QStringLiteral("ThreadLens"));
    QApplication::setApplicationDisplayName(QStringLiteral("ThreadLens"));
    QApplication::setDesktopFileName(QStringLiteral("threadlens"));  // the installed desktop entry
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/desktop/threadlens.svg")));

    // The language first, so that even --help speaks it.
    i18n::setLanguage(languageOf(argc, argv, settings().value(QStringLiteral("language")).toString()));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("tl::Gui", "Watch Python concurrency lessons run on real threads."));
    parser.addHelpOption();
    QCommandLineOption lesson(QStringList{QStringLiteral("l"), QStringLiteral("lesson")},
                              QApplication::translate("tl::Gui", "Open this lesson (e.g. m5.l5)."),
                              QStringLiteral("id"));
    QCommandLineOption noRun(QStringLiteral("no-autorun"),
                             QApplication::translate("tl::Gui", "Do not start the lesson on launch."));
    QCommandLineOption screenshot(
        QStringLiteral("screenshot"),
        QApplication::translate("tl::Gui", "Save a picture of the window after the first run and quit."),
        QStringLiteral("file.png"));
    QCommandLineOption language(QStringLiteral("lang"),
                                QApplication::translate("tl::Gui", "Language: en or ru (default: the system's)."),
                                QStringLiteral("en|ru"));
    parser.addOption(lesson);
    parser.addOption(noRun);
    parser.addOption(screenshot);
    parser.addOption(language);
    parser.addPositionalArgument(
        QStringLiteral("file"),
        QApplication::translate("tl::Gui", "A trace file to open, or a Python program to trace."),
        QStringLiteral("[trace.json | program.py]"));
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

}  // namespace tl
