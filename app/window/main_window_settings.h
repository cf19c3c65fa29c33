// SPDX-License-Identifier: MIT
#pragma once
#include <QFileInfo>
#include <QSettings>
#include <QString>

namespace tl {

// The window's settings (see MainWindow): one place names the organisation and application.
inline QSettings settings() { return QSettings(QStringLiteral("ThreadLens"), QStringLiteral("ThreadLens")); }

// Writes the settings file now; false when that failed. status() alone is not enough: Qt 6.4's
// QSaveFile misses a failed flush at close, so a full disk leaves an empty file and NoError.
inline bool syncSettings(QSettings& st)
{
    st.sync();
    return st.status() == QSettings::NoError && QFileInfo(st.fileName()).size() > 0;
}

}  // namespace tl
