# SPDX-License-Identifier: MIT
"""ThreadLens's Python agent: records a program's threads and synchronization for ThreadLens.

Started by ThreadLens as `python3 -m threadlens_agent script.py args...` with THREADLENS_SOCKET
naming the run's private socket. Installs the recording (patch.install), runs the script as
`__main__` the way `python3 script.py` would, then reports how it ended.
"""
import os
import sys

# Start-up is part of every traced run: modules only an error needs (traceback) are imported when
# one happens, and the version comes from sys, not platform.

# Exit statuses the agent itself uses, besides the program's own (ThreadLens reads them).
EXIT_USAGE = 2
# How often the GIL's holder is sampled (CPython 3.11 only: _threadlens_gil). 1 kHz: 4 kHz cost a
# pure-Python loop 10-40% more CPU on a 2-core machine (the sampler wakes that often), 1 kHz 0-7%.
GIL_HZ = 1000


def _fail(message, code=EXIT_USAGE):
    sys.stderr.write("threadlens: %s\n" % message)
    return code


def _user_frames(tb, script):
    """The traceback from the first frame of the program on (the agent's and runpy's are noise)."""
    while tb is not None and os.path.abspath(tb.tb_frame.f_code.co_filename) != script:
        tb = tb.tb_next
    return tb


def _python_version():
    return sys.version.split()[0]  # what platform.python_version() says, without importing it


def _where(tb):
    import traceback
    last = None
    for frame, line in traceback.walk_tb(tb):
        last = "%s:%d" % (os.path.basename(frame.f_code.co_filename), line)
    return last


def main(argv):
    if sys.version_info < (3, 11):
        return _fail("ThreadLens traces CPython 3.11 or newer; this is %s" % sys.version.split()[0])
    if not argv:
        return _fail("usage: python3 -m threadlens_agent script.py [args...]")
    path = os.environ.get("THREADLENS_SOCKET")
    if not path:
        return _fail("THREADLENS_SOCKET is not set: run the program with `threadlens trace script.py`")
    script = os.path.abspath(argv[0])
    try:
        with open(script, "rb") as f:
            source = f.read()
    except OSError as e:
        return _fail("cannot read %s: %s" % (argv[0], e.strerror or e))
    import _threadlens as tl
    tl.start(path, _python_version())
    tl.thread_begin("MainThread", False, -1)
    _sample_gil(tl)
    try:
        code = compile(source, script, "exec", dont_inherit=True)
    except (SyntaxError, ValueError) as e:
        if isinstance(e, SyntaxError):
            where = "%s:%s" % (os.path.basename(e.filename or script), e.lineno)
            message = "%s: %s at %s" % (type(e).__name__, e.msg, where)
            import traceback
            traceback.print_exception(type(e), e, None)
        else:
            message = "%s is not a Python program (%s)" % (argv[0], e)
            sys.stderr.write(message + "\n")
        return _finish(tl, 1, 1, message)

    from threadlens_agent import patch
    import threading
    patch.install()
    threading.main_thread()._tl_index = 0
    _install_exit_hooks(tl)

    sys.argv = list(argv)
    sys.path[0] = os.path.dirname(script)
    main_mod = type(sys)("__main__")
    main_mod.__file__ = script
    main_mod.__builtins__ = __builtins__
    main_mod.__cached__ = None
    sys.modules["__main__"] = main_mod
    status, kind, message = 0, 0, ""
    try:
        exec(code, main_mod.__dict__)
    except SystemExit as e:
        status, kind = _exit_status(e.code), 2
        message = "sys.exit(%r)" % (e.code,)
    except BaseException as e:  # the program's own uncaught exception: shown like Python shows it
        import traceback
        tb = _user_frames(e.__traceback__, script) or e.__traceback__
        traceback.print_exception(type(e), e, tb)
        status, kind = 1, 1
        message = "%s: %s" % (type(e).__name__, e)
        where = _where(tb)
        if where:
            message += " (%s)" % where
    # Python waits for non-daemon threads before it exits: the main thread joins them.
    try:
        tl.rec(patch.E_STATE, 0, patch.ST["wait:join"], 0)
        threading._shutdown()
        tl.rec(patch.E_STATE, 0, patch.RUN, 0)
    except BaseException:
        pass
    return _finish(tl, status, kind, message)


def _exit_status(code):
    if code is None:
        return 0
    if isinstance(code, int):
        return code & 0xff
    sys.stderr.write("%s\n" % (code,))
    return 1


def _finish(tl, status, kind, message):
    tl.thread_end(False)
    tl.result(kind, status, message)
    tl.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    return status


def child(kind):
    """Traces a multiprocessing child started by spawn or forkserver (called by sitecustomize).

    A spawn child is its own process from the start; a forkserver only forks the children, so it
    stays silent itself and each child it forks connects (after_fork_child)."""
    import _threadlens as tl
    import atexit
    import threading
    from threadlens_agent import patch
    path = os.environ["THREADLENS_SOCKET"]
    if kind == "forkserver":
        tl.arm(path, _python_version())
    else:
        tl.start(path, _python_version())
        tl.thread_begin("MainThread", False, -1)
    _sample_gil(tl)
    patch.install()
    threading.main_thread()._tl_index = 0
    _install_exit_hooks(tl)

    def _at_exit():
        tl.thread_end(False)
        tl.shutdown()
    atexit.register(_at_exit)


def _sample_gil(tl):
    """A sampled GIL lane where the interpreter's layout is known (3.11) and proves right."""
    try:
        import _threadlens_gil
    except ImportError:
        return
    if _threadlens_gil.check():
        tl.gil_start(GIL_HZ)


def _install_exit_hooks(tl):
    import threading
    real_exit = os._exit

    def _exit(n):
        # os._exit skips every cleanup: send what was recorded first.
        try:
            tl.thread_end(False)
            tl.result(2, n, "os._exit(%d)" % n)
            tl.shutdown()
        finally:
            real_exit(n)

    os._exit = _exit
    os.register_at_fork(after_in_child=lambda: tl.after_fork_child(threading.current_thread().name))
