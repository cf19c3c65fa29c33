// SPDX-License-Identifier: MIT
#pragma once
#include <QString>

#include <string_view>

namespace tl {

// Writes `data` to `path` so that the path ends up with either its old content or all of `data`,
// never a part: a temporary file in the same folder is written, flushed to disk and closed, every
// step checked, then renamed over `path`; on any failure the temporary file is removed.
// A path that exists but is not a regular file (/dev/null, /dev/full, a pipe) cannot be replaced
// by a rename: it is written directly, with every step checked the same way.
// Returns false with "cannot write PATH: REASON" in *error (the folder missing, a full disk,
// no permission...).
//
// Threading contract: reentrant; safe from any thread (no umask games, O_CLOEXEC descriptors, so a
// fork on another thread inherits nothing).
bool writeFileAtomically(const QString& path, std::string_view data, QString* error = nullptr);

}  // namespace tl
