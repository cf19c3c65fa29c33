// SPDX-License-Identifier: MIT
// POSIX rather than QSaveFile: QSaveFile ignores errors of close() and of the flush to disk, and,
// run as root, it "saves" to /dev/full by renaming a regular file over the device node.
#include "atomic_file.h"

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstring>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace tl {
namespace {

bool fail(QString* error, const QString& path, const QString& reason)
{
    if (error)
        *error = QStringLiteral("cannot write %1: %2").arg(path, reason);
    return false;
}

QString errnoText(int e) { return QString::fromLocal8Bit(std::strerror(e)); }

// write(2) until all of `data` is out; false with errno set on the first failure.
bool writeAll(int fd, std::string_view data)
{
    const char* p = data.data();
    size_t left = data.size();
    while (left > 0) {
        const ssize_t n = ::write(fd, p, left);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return false;
        }
        if (n == 0) {  // a device that takes nothing: as good as full
            errno = ENOSPC;
            return false;
        }
        p += n;
        left -= size_t(n);
    }
    return true;
}

// fsync, where the file supports it (devices and pipes answer EINVAL/EROFS: nothing to flush).
bool syncFd(int fd)
{
    if (::fsync(fd) == 0)
        return true;
    return errno == EINVAL || errno == EROFS;
}

// Writes, syncs and closes `fd` (closed in every case); false with errno on failure.
bool writeSyncClose(int fd, std::string_view data)
{
    const bool written = writeAll(fd, data) && syncFd(fd);
    const int writeErrno = errno;
    const bool closed = ::close(fd) == 0;  // not retried on EINTR: Linux has closed it anyway
    if (!written) {
        errno = writeErrno;
        return false;
    }
    return closed;
}

bool writeDirectly(const QString& path, const QByteArray& native, std::string_view data, QString* error)
{
    const int fd = ::open(native.constData(), O_WRONLY | O_TRUNC | O_CLOEXEC);
    if (fd < 0)
        return fail(error, path, errnoText(errno));
    if (!writeSyncClose(fd, data))
        return fail(error, path, errnoText(errno));
    return true;
}

}  // namespace

bool writeFileAtomically(const QString& path, std::string_view data, QString* error)
{
    if (path.isEmpty())
        return fail(error, path, QStringLiteral("no file name"));
    QFileInfo info(path);
    // Write through a symlink to its target (the link stays a link).
    const QString target = info.exists() ? info.canonicalFilePath() : info.absoluteFilePath();
    const QByteArray native = QFile::encodeName(target);
    struct stat st {};
    const bool exists = ::stat(native.constData(), &st) == 0;
    if (exists && S_ISDIR(st.st_mode))
        return fail(error, path, QStringLiteral("it is a folder"));
    if (exists && !S_ISREG(st.st_mode))
        return writeDirectly(path, native, data, error);

    const QFileInfo targetInfo(target);
    if (!targetInfo.absoluteDir().exists())
        return fail(error, path, QStringLiteral("the folder %1 does not exist").arg(targetInfo.absolutePath()));

    // A fresh name beside the target (same file system, so the rename is atomic). O_EXCL makes a
    // clash fail rather than share; mode 0666 lets the umask decide, as for any new file.
    static std::atomic<unsigned> counter{0};
    const QString prefix = targetInfo.absolutePath() + QStringLiteral("/.") + targetInfo.fileName() +
                           QStringLiteral(".%1-").arg(::getpid());
    QByteArray temp;
    int fd = -1;
    for (int attempt = 0; attempt < 100 && fd < 0; ++attempt) {
        const auto salt = uint64_t(std::chrono::steady_clock::now().time_since_epoch().count()) ^ counter++;
        temp = QFile::encodeName(prefix + QString::number(salt, 36) + QStringLiteral(".tmp"));
        fd = ::open(temp.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd < 0 && errno != EEXIST)
            return fail(error, path, errnoText(errno));
    }
    if (fd < 0)
        return fail(error, path, QStringLiteral("no free temporary name in %1").arg(targetInfo.absolutePath()));
    // Replacing a file keeps its permissions.
    if (exists && ::fchmod(fd, st.st_mode & 07777) != 0) {
        const int e = errno;
        ::close(fd);
        ::unlink(temp.constData());
        return fail(error, path, errnoText(e));
    }
    if (!writeSyncClose(fd, data) || ::rename(temp.constData(), native.constData()) != 0) {
        const int e = errno;
        ::unlink(temp.constData());
        return fail(error, path, errnoText(e));
    }
    return true;
}

}  // namespace tl
