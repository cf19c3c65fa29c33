// SPDX-License-Identifier: MIT
// One binary, two faces: with a headless command (list, describe, run, render, check) it works
// without a display; otherwise it opens the window.
#include "app/cli/cli.h"
#include "app/window/gui_main.h"

#include <QApplication>
#include <QDir>
#include <QFile>

#include <unistd.h>

#include <string>
#include <vector>

int main(int argc, char** argv)
{
    if (tl::cli::isCommand(argc, argv)) {
        // Images are drawn with the same renderer as the window, on the offscreen platform.
        if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
            qputenv("QT_QPA_PLATFORM", "offscreen");
        // Headless machines often lack a runtime dir; give Qt a private one instead of a warning.
        if (qEnvironmentVariableIsEmpty("XDG_RUNTIME_DIR")) {
            const QString dir = QDir::tempPath() + "/threadlens-runtime-" + QString::number(getuid());
            QDir().mkpath(dir);
            QFile::setPermissions(dir, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
            qputenv("XDG_RUNTIME_DIR", dir.toLocal8Bit());
        }
        QApplication app(argc, argv);
        std::vector<std::string> args;
        for (int i = 1; i < argc; ++i)
            args.emplace_back(argv[i]);
        return tl::cli::run(args);
    }
    return tl::runGui(argc, argv);
}
