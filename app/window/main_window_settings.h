// SPDX-License-Identifier: MIT
#pragma once
#include <QSettings>
#include <QString>

namespace tl {

// The window's settings (see MainWindow): one place names the organisation and application.
inline QSettings settings() { return QSettings(QStringLiteral("ThreadLens"), QStringLiteral("ThreadLens")); }

} // namespace tl
