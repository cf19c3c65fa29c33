# SPDX-License-Identifier: MIT
"""Traces multiprocessing's spawn and forkserver children of a program ThreadLens runs.

ThreadLens puts its tracer directory first on the program's PYTHONPATH, so every Python process
the program starts imports this module at start-up. Only multiprocessing's children are traced
(their command line says so); any other process is left as it is. The interpreter's own
sitecustomize, if it has one, runs first.
"""
import os
import sys


def _chain():
    import importlib.machinery
    import importlib.util
    here = os.path.dirname(os.path.abspath(__file__))
    path = [p for p in sys.path if os.path.abspath(p or ".") != here]
    spec = importlib.machinery.PathFinder.find_spec("sitecustomize", path)
    if spec is not None and spec.loader is not None:
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)


def _trace_child():
    if not os.environ.get("THREADLENS_SOCKET"):
        return
    argv = " ".join(getattr(sys, "orig_argv", ()))
    if "multiprocessing.spawn import spawn_main" in argv:
        kind = "spawn"
    elif "multiprocessing.forkserver import main" in argv:
        kind = "forkserver"
    else:
        return
    try:
        import threadlens_agent
        threadlens_agent.child(kind)
    except Exception as e:  # the child runs untraced rather than not at all
        sys.stderr.write("threadlens: cannot trace %s child %d: %s\n" % (kind, os.getpid(), e))


try:
    _chain()
finally:
    _trace_child()
