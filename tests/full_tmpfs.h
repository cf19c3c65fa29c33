// SPDX-License-Identifier: MIT
// A small tmpfs (64 KiB) mounted on a temporary folder, for tests of writes that run out of space.
// Mounting needs root (CAP_SYS_ADMIN); elsewhere `skipReason()` says why and the test skips.
#pragma once

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include <cerrno>
#include <cstring>

#include <sys/mount.h>

namespace tl::test {

class SmallTmpfs {
public:
    SmallTmpfs()
    {
        if (!dir_.isValid()) {
            reason_ = QStringLiteral("no temporary folder");
            return;
        }
        const QByteArray where = QFile::encodeName(dir_.path());
        if (::mount("threadlens-test", where.constData(), "tmpfs", MS_NOSUID | MS_NODEV, "size=64k,mode=0755") != 0)
            reason_ = QStringLiteral("cannot mount a 64 KiB tmpfs (needs root): %1")
                          .arg(QString::fromLocal8Bit(std::strerror(errno)));
        else
            mounted_ = true;
    }
    ~SmallTmpfs()
    {
        if (mounted_)
            ::umount2(QFile::encodeName(dir_.path()).constData(), MNT_DETACH);
    }
    SmallTmpfs(const SmallTmpfs&) = delete;
    SmallTmpfs& operator=(const SmallTmpfs&) = delete;

    bool mounted() const { return mounted_; }
    // Takes every free byte with the file "filler"; true when the disk is full.
    bool fill()
    {
        QFile f(filePath(QStringLiteral("filler")));
        if (!f.open(QIODevice::WriteOnly | QIODevice::Unbuffered))
            return false;
        const QByteArray block(512, 'x');
        while (f.write(block) == block.size()) {}
        return f.error() == QFileDevice::ResourceError || f.error() == QFileDevice::WriteError;
    }
    QString skipReason() const { return reason_; }
    QString filePath(const QString& name) const { return dir_.filePath(name); }
    // Every entry, hidden ones too (a leftover temporary file starts with a dot).
    QStringList entries() const
    {
        return QDir(dir_.path())
            .entryList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot, QDir::Name);
    }

private:
    QTemporaryDir dir_;
    bool mounted_ = false;
    QString reason_;
};

}  // namespace tl::test
