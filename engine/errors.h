// SPDX-License-Identifier: MIT
#pragma once
#include <stdexcept>
#include <string>

namespace tl {

// Python's exceptions, as C++ exceptions scenario code can throw and catch. what() is the
// message Python prints; pyType() the exception class, as in "RuntimeError: ...".
class PyError : public std::runtime_error {
public:
    PyError(const char* type, const std::string& message) : std::runtime_error(message), type_(type) {}
    const char* pyType() const noexcept { return type_; }
    std::string describe() const { return std::string(type_) + ": " + what(); }
    // Throws a copy of the most derived type. A thread re-raising another thread's exception
    // throws its own copy, because the shared object is freed through libstdc++'s reference
    // count, which ThreadSanitizer does not see.
    [[noreturn]] virtual void raiseCopy() const { throw *this; }

private:
    const char* type_;
};

#define TL_PY_ERROR(Name, PyName)                                                                                      \
    class Name : public PyError {                                                                                      \
    public:                                                                                                            \
        explicit Name(const std::string& m = {}) : PyError(PyName, m) {}                                               \
        [[noreturn]] void raiseCopy() const override { throw *this; }                                                  \
                                                                                                                       \
    protected:                                                                                                         \
        Name(const char* type, const std::string& m) : PyError(type, m) {}                                             \
    };

TL_PY_ERROR(RuntimeError, "RuntimeError")
TL_PY_ERROR(ValueError, "ValueError")
TL_PY_ERROR(TimeoutError, "TimeoutError")
TL_PY_ERROR(AttributeError, "AttributeError")
TL_PY_ERROR(KeyError, "KeyError")
TL_PY_ERROR(ZeroDivisionError, "ZeroDivisionError")
TL_PY_ERROR(OSError, "OSError")
TL_PY_ERROR(QueueFull, "queue.Full")
TL_PY_ERROR(QueueEmpty, "queue.Empty")
TL_PY_ERROR(CancelledError, "concurrent.futures.CancelledError")
TL_PY_ERROR(BrokenBarrierError, "threading.BrokenBarrierError")
TL_PY_ERROR(BrokenThreadPool, "concurrent.futures.thread.BrokenThreadPool")
TL_PY_ERROR(BrokenProcessPool, "concurrent.futures.process.BrokenProcessPool")
TL_PY_ERROR(MpTimeoutError, "multiprocessing.TimeoutError")
#undef TL_PY_ERROR

// Thrown out of any blocking call when the run (or, at exit, a daemon thread) is stopped.
// Not a Python exception: it unwinds the thread quietly and is never recorded as an error.
class Aborted : public std::exception {
public:
    const char* what() const noexcept override { return "run aborted"; }
};

}  // namespace tl
