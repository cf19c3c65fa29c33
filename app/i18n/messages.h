// SPDX-License-Identifier: MIT
#pragma once
#include <QString>

#include <string>

// The engine's messages in the reader's language. The engine (no Qt) writes its messages in
// English, and a trace file keeps them so (language-neutral, like the names and kinds in it);
// the window and the command line show them through message(), which recognises the engine's
// sentences ("deadlock: A waits for X held by B; ...", "timed out after 5 s", the Python
// tracer's "bank.py: no such file" ...) and says them in the current language, filling in the
// names and numbers. A sentence it does not know (a Python exception's text) stays as it is.
namespace tl::i18n {

QString message(const std::string& english);

}  // namespace tl::i18n
