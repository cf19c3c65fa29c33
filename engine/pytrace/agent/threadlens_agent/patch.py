# SPDX-License-Identifier: MIT
"""Installs ThreadLens's recording into threading, queue, concurrent.futures and time.

Lock and RLock become the native recording types of _threadlens. The pure-Python classes
(Condition, Semaphore, Event, Barrier, the queues, Future, ThreadPoolExecutor, Thread) are patched
in place: their instances made by the program record, those the standard library makes for its
own use stay silent (`_tl_id` 0, a class-level default, so objects made before patching work too).
An object is the program's when the code that creates it lives outside the Python installation.
"""
import ast
import builtins
import itertools
import linecache
import os
import sys
import sysconfig
import threading
import time
import _thread

import _threadlens as _tl

EV, ST, K, FLOW, CNT, OUT, ORD = _tl.EV, _tl.STATE, _tl.KIND, _tl.FLOW, _tl.COUNTER, _tl.OUTCOME, _tl.ORDER
rec, flow_id, hold_id, intern = _tl.rec, _tl.flow_id, _tl.hold_id, _tl.intern
E_STATE, E_HB, E_HE = EV["state"], EV["hold.begin"], EV["hold.end"]
E_FS, E_FE, E_CNT = EV["flow.start"], EV["flow.end"], EV["counter"]
RUN, TIMED = ST["run"], _tl.TIMED_WAIT
O_TIMEOUT, O_BROKEN, O_CANCELLED = OUT["timeout"], OUT["broken"], OUT["cancelled"]

# ---- creation sites and names ----

_LIB_DIRS = set()
for _scheme_vars in ({}, {"base": sys.base_prefix, "platbase": sys.base_exec_prefix}):
    for _key in ("stdlib", "platstdlib", "purelib", "platlib"):
        try:
            _LIB_DIRS.add(os.path.realpath(sysconfig.get_paths(vars=_scheme_vars)[_key]) + os.sep)
        except (KeyError, OSError):
            pass
_LIB_DIRS.add(os.path.dirname(os.path.realpath(__file__)) + os.sep)
_LIB_DIRS = tuple(_LIB_DIRS)
# Directories inside the installation whose code is nevertheless the program's (e.g. CPython's own
# test package, run under the tracer by ThreadLens's tests): THREADLENS_PROGRAM_DIRS, os.pathsep-separated.
_PROGRAM_DIRS = tuple(os.path.realpath(d) + os.sep
                      for d in os.environ.get("THREADLENS_PROGRAM_DIRS", "").split(os.pathsep) if d)
_lib_cache = {}


def _is_lib(filename):
    """True for code of the Python installation (and this agent): its objects stay silent."""
    r = _lib_cache.get(filename)
    if r is None:
        real = os.path.realpath(filename)
        r = filename.startswith("<frozen") or (real.startswith(_LIB_DIRS) and not real.startswith(_PROGRAM_DIRS))
        _lib_cache[filename] = r
    return r


_trees = {}
_targets = {}
_site_counts = {}


def _target(filename, line, cls_name):
    """The program's name for what the call on `line` makes: (name, many) or (None, False)."""
    key = (filename, line, cls_name)
    if key in _targets:
        return _targets[key]
    tree = _trees.get(filename)
    if tree is None:
        try:
            tree = ast.parse("".join(linecache.getlines(filename)))
        except (SyntaxError, ValueError):
            tree = False
        _trees[filename] = tree
    result = (None, False)
    if tree:
        for node in ast.walk(tree):
            if getattr(node, "lineno", None) != line:
                continue
            pairs = []
            if isinstance(node, (ast.Assign, ast.AnnAssign)):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                if len(targets) == 1 and node.value is not None:
                    pairs.append((targets[0], node.value))
            elif isinstance(node, (ast.With, ast.AsyncWith)):
                pairs += [(i.optional_vars, i.context_expr) for i in node.items if i.optional_vars is not None]
            for tgt, value in pairs:
                result = _match(tgt, value, cls_name) or result
            if result[0]:
                break
    _targets[key] = result
    return result


def _call_name(call):
    f = call.func
    return f.attr if isinstance(f, ast.Attribute) else getattr(f, "id", None)


def _match(tgt, value, cls_name):
    try:
        name = ast.unparse(tgt)
    except Exception:
        return None
    if isinstance(value, ast.Call):
        nested = any(isinstance(n, ast.Call) for a in value.args + [k.value for k in value.keywords] for n in ast.walk(a))
        if not nested or _call_name(value) == cls_name:
            return (name, False)
        return None
    if isinstance(value, (ast.ListComp, ast.List, ast.Tuple, ast.GeneratorExp)):
        calls = [n for n in ast.walk(value) if isinstance(n, ast.Call)]
        if len(calls) == 1 or any(_call_name(c) == cls_name for c in calls):
            return (name, True)
    return None


def _declare(frame, kind, cls_name, capacity=0, order=0):
    """Announces an object the program made at `frame`; returns its id."""
    filename, line = frame.f_code.co_filename, frame.f_lineno
    site = "%s:%d" % (os.path.basename(filename), line)
    base, many = _target(filename, line, cls_name)
    if base is None:
        name = "%s @ %s" % (cls_name, site)
    elif many:
        n = _site_counts.get((filename, line, cls_name), 0)
        _site_counts[(filename, line, cls_name)] = n + 1
        name = "%s[%d]" % (base, n)
    else:
        name = base
    return _tl.new_object(K[kind], name, site, max(0, int(capacity)), order)


def _creator(depth):
    """The frame that made the object (`depth` frames up), or None when the library made it."""
    f = sys._getframe(depth + 1)
    return None if _is_lib(f.f_code.co_filename) else f


def _thread_index():
    return _tl.thread_index()


# ---- Lock, RLock ----

_native_lock = _thread.allocate_lock
_native_rlock = threading.RLock
_new_lock, _new_rlock = _tl.lock, _tl.rlock


def Lock(*args, **kwargs):
    f = _creator(1)
    if f is None:
        return _native_lock(*args, **kwargs)
    return _new_lock(_declare(f, "lock", "Lock"))


def RLock(*args, **kwargs):
    f = _creator(1)
    if f is None:
        return _native_rlock(*args, **kwargs)
    return _new_rlock(_declare(f, "rlock", "RLock"))


# They stand in for threading's own (threading.__all__ is checked against what claims to be threading's).
for _f, _orig in ((Lock, _native_lock), (RLock, _native_rlock)):
    _f.__module__, _f.__doc__ = "threading", _orig.__doc__


def _named_lock(kind, name, site):
    oid = _tl.new_object(K[kind], name, site, 0, 0)
    return (_new_rlock if kind == "rlock" else _new_lock)(oid)


# ---- Condition ----

Condition = threading.Condition
_cond_init, _cond_wait, _cond_notify = Condition.__init__, Condition.wait, Condition.notify


def _cond_init_p(self, lock=None):
    f = _creator(1)
    if f is None:
        return _cond_init(self, lock)
    oid = _declare(f, "condition", "Condition")
    if lock is None:
        # Its own lock is the program's too: `with cond:` contention shows on it.
        site = "%s:%d" % (os.path.basename(f.f_code.co_filename), f.f_lineno)
        name = _targets.get((f.f_code.co_filename, f.f_lineno, "Condition"), (None,))[0]
        lock = _named_lock("rlock", "%s.lock" % (name or "Condition @ " + site), site)
    _cond_init(self, lock)
    self._tl_id = oid
    self._tl_flows = {}


def _cond_wait_p(self, timeout=None):
    oid = self._tl_id
    if not oid:
        return _cond_wait(self, timeout)
    if not self._is_owned():
        raise RuntimeError("cannot wait on un-acquired lock")
    waiter = _native_lock()
    waiter.acquire()
    self._waiters.append(waiter)
    saved_state = self._release_save()
    rec(E_STATE, oid, ST["wait:condition"], TIMED if timeout is not None else 0)
    gotit = False
    try:
        if timeout is None:
            waiter.acquire()
            gotit = True
        elif timeout > 0:
            gotit = waiter.acquire(True, timeout)
        else:
            gotit = waiter.acquire(False)
        return gotit
    finally:
        rec(E_STATE, 0, RUN, 0 if gotit else O_TIMEOUT)
        self._acquire_restore(saved_state)
        if not gotit:
            try:
                self._waiters.remove(waiter)
            except ValueError:
                pass
        fid = self._tl_flows.pop(waiter, 0)  # under the lock again: no notify can race this
        if fid:
            rec(E_FE, oid, fid, FLOW["wake"])


def _wake_flows(self, oid, n):
    for w in itertools.islice(self._waiters, n):
        fid = flow_id()
        self._tl_flows[w] = fid
        rec(E_FS, oid, fid, FLOW["wake"])


def _cond_notify_p(self, n=1):
    oid = self._tl_id
    if oid and self._is_owned():
        rec(EV["notify"], oid, n, 0)
        _wake_flows(self, oid, n)
    return _cond_notify(self, n)


def _cond_notify_all_p(self):
    oid = self._tl_id
    if oid and self._is_owned():
        n = len(self._waiters)
        rec(EV["notify_all"], oid, n, 0)
        _wake_flows(self, oid, n)
        return _cond_notify(self, n)
    return _cond_notify(self, len(self._waiters))


# ---- Semaphore, BoundedSemaphore ----

_sem_init = threading.Semaphore.__init__
_sem_acquire = threading.Semaphore.acquire
_sem_release = threading.Semaphore.release
_bsem_release = threading.BoundedSemaphore.release


def _sem_init_p(self, value=1):
    _sem_init(self, value)
    f = _creator(1)
    if f is not None:
        self._tl_setup(f, "semaphore", "Semaphore", value)


def _bsem_init_p(self, value=1):
    _sem_init(self, value)
    self._initial_value = value
    f = _creator(1)
    if f is not None:
        self._tl_setup(f, "bounded_semaphore", "BoundedSemaphore", value)


def _sem_setup(self, f, kind, cls_name, value):
    self._tl_id = _declare(f, kind, cls_name, capacity=value)
    self._tl_holds = []      # (hold id, holder thread index), oldest first
    self._tl_pending = []    # handoff flows started by releases, taken by waiters
    self._tl_waiting = 0
    rec(E_CNT, self._tl_id, CNT["available"], value)


def _sem_acquire_p(self, blocking=True, timeout=None):
    oid = self._tl_id
    if not oid:
        return _sem_acquire(self, blocking, timeout)
    if not blocking and timeout is not None:
        raise ValueError("can't specify timeout for non-blocking acquire")
    rc = False
    endtime = None
    waited = False
    with self._cond:
        while self._value == 0:
            if not blocking:
                break
            if timeout is not None:
                if endtime is None:
                    endtime = time.monotonic() + timeout
                else:
                    timeout = endtime - time.monotonic()
                    if timeout <= 0:
                        break
            if not waited:
                waited = True
                self._tl_waiting += 1
                rec(E_STATE, oid, ST["wait:semaphore"], TIMED if timeout is not None else 0)
            self._cond.wait(timeout)
        else:
            self._value -= 1
            rc = True
        if waited:
            self._tl_waiting -= 1
            rec(E_STATE, 0, RUN, 0 if rc else O_TIMEOUT)
        if rc:
            hid = hold_id()
            self._tl_holds.append((hid, _thread_index()))
            rec(E_HB, oid, hid, 0)
            rec(E_CNT, oid, CNT["available"], self._value)
            if not blocking:
                rec(EV["acquire.try"], oid, 1, 0)
        elif not blocking:
            rec(EV["acquire.try"], oid, 0, 0)
        if self._tl_pending and (waited and rc or self._tl_waiting == 0):
            # A waiter that won takes the oldest handoff; the last one to give up ends the rest.
            for fid in (self._tl_pending[:1] if rc else list(self._tl_pending)):
                rec(E_FE, oid, fid, FLOW["handoff"])
                self._tl_pending.remove(fid)
    return rc


def _sem_released(self, oid, n):
    """Bookkeeping of a release of n permits (under self._cond, after the value changed)."""
    me = _thread_index()
    for _ in range(n):
        if not self._tl_holds:
            break
        pick = next((h for h in self._tl_holds if h[1] == me), self._tl_holds[0])
        self._tl_holds.remove(pick)
        rec(E_HE, oid, pick[0], pick[1])
    rec(E_CNT, oid, CNT["available"], self._value)
    for _ in range(min(n, self._tl_waiting - len(self._tl_pending))):
        fid = flow_id()
        self._tl_pending.append(fid)
        rec(E_FS, oid, fid, FLOW["handoff"])


def _sem_release_p(self, n=1):
    oid = self._tl_id
    if not oid:
        return _sem_release(self, n)
    if n < 1:
        raise ValueError('n must be one or more')
    with self._cond:
        self._value += n
        _sem_released(self, oid, n)
        for _ in range(n):
            self._cond.notify()


def _bsem_release_p(self, n=1):
    oid = self._tl_id
    if not oid:
        return _bsem_release(self, n)
    if n < 1:
        raise ValueError('n must be one or more')
    with self._cond:
        if self._value + n > self._initial_value:
            rec(EV["exception"], oid, intern("ValueError: Semaphore released too many times"), 0)
            raise ValueError("Semaphore released too many times")
        self._value += n
        _sem_released(self, oid, n)
        for _ in range(n):
            self._cond.notify()


def _sem_exit(self, t, v, tb):
    self.release()


# ---- Event ----

_ev_init, _ev_set, _ev_clear, _ev_wait = (threading.Event.__init__, threading.Event.set, threading.Event.clear,
                                          threading.Event.wait)


def _ev_init_p(self):
    _ev_init(self)
    f = _creator(1)
    if f is not None:
        self._tl_id = _declare(f, "event", "Event")
        self._tl_waiting = []


def _ev_set_p(self):
    oid = self._tl_id
    if not oid:
        return _ev_set(self)
    with self._cond:
        self._flag = True
        rec(EV["set"], oid, 0, 0)
        for tok in self._tl_waiting:
            if not tok[0]:
                tok[0] = flow_id()
                rec(E_FS, oid, tok[0], FLOW["wake"])
        self._cond.notify_all()


def _ev_clear_p(self):
    oid = self._tl_id
    if not oid:
        return _ev_clear(self)
    with self._cond:
        self._flag = False
        rec(EV["clear"], oid, 0, 0)


def _ev_wait_p(self, timeout=None):
    oid = self._tl_id
    if not oid:
        return _ev_wait(self, timeout)
    with self._cond:
        signaled = self._flag
        if not signaled:
            tok = [0]
            self._tl_waiting.append(tok)
            rec(E_STATE, oid, ST["wait:event"], TIMED if timeout is not None else 0)
            try:
                signaled = self._cond.wait(timeout)
            finally:
                self._tl_waiting.remove(tok)
                rec(E_STATE, 0, RUN, 0 if signaled else O_TIMEOUT)
                if tok[0]:
                    rec(E_FE, oid, tok[0], FLOW["wake"])
        return signaled


# ---- Barrier ----

Barrier = threading.Barrier
_bar_init, _bar_wait, _bar_release, _bar_inner_wait, _bar_abort, _bar_reset = (
    Barrier.__init__, Barrier.wait, Barrier._release, Barrier._wait, Barrier.abort, Barrier.reset)


def _bar_init_p(self, parties, action=None, timeout=None):
    _bar_init(self, parties, action, timeout)
    f = _creator(1)
    if f is not None:
        self._tl_id = _declare(f, "barrier", "Barrier", capacity=parties)
        self._tl_waiting = []


def _bar_wait_p(self, timeout=None):
    oid = self._tl_id
    if not oid:
        return _bar_wait(self, timeout)
    try:
        index = _bar_wait(self, timeout)
    except threading.BrokenBarrierError:
        rec(EV["barrier.broken"], oid, 0, 0)
        raise
    rec(EV["barrier.pass"], oid, index, 0)
    return index


def _bar_release_p(self):
    oid = self._tl_id
    if oid:  # the last arrival lets every waiter of this generation go (under self._cond)
        for tok in self._tl_waiting:
            if not tok[0]:
                tok[0] = flow_id()
                rec(E_FS, oid, tok[0], FLOW["wake"])
    return _bar_release(self)


def _bar_inner_wait_p(self, timeout):
    oid = self._tl_id
    if not oid:
        return _bar_inner_wait(self, timeout)
    tok = [0]
    self._tl_waiting.append(tok)
    rec(E_STATE, oid, ST["wait:barrier"], TIMED if timeout is not None else 0)
    outcome = O_BROKEN
    try:
        _bar_inner_wait(self, timeout)
        outcome = 0
    finally:
        self._tl_waiting.remove(tok)
        rec(E_STATE, 0, RUN, outcome)
        if tok[0]:
            rec(E_FE, oid, tok[0], FLOW["wake"])


def _bar_abort_p(self):
    if self._tl_id:
        rec(EV["mark"], 0, intern("barrier %s aborted" % self._tl_name()), 0)
    return _bar_abort(self)


def _bar_reset_p(self):
    if self._tl_id:
        rec(EV["mark"], 0, intern("barrier %s reset" % self._tl_name()), 0)
    return _bar_reset(self)


# ---- queues ----

import queue as _queue_mod  # noqa: E402  (after threading is patched-ready)

_q_init = _queue_mod.Queue.__init__
_ORDERS = ((_queue_mod.PriorityQueue, "priority", "PriorityQueue"), (_queue_mod.LifoQueue, "lifo", "LifoQueue"),
           (_queue_mod.Queue, "fifo", "Queue"))


def _q_init_p(self, maxsize=0):
    _q_init(self, maxsize)
    f = _creator(1)
    if f is None:
        return
    order, cls_name = next((o, n) for c, o, n in _ORDERS if isinstance(self, c))
    if type(self).__name__ not in ("Queue", "LifoQueue", "PriorityQueue"):
        cls_name = type(self).__name__
    self._tl_id = _declare(f, "queue", cls_name, capacity=maxsize, order=ORD[order])
    # Each put and get is one call into it: the item's label, its flow, the depth, the pending count.
    self._tl_q = _tl.QueueRecorder(self._tl_id, ORD[order])
    self._tl_joins = []
    rec(E_CNT, self._tl_id, CNT["depth"], 0)


def _q_put_p(self, item, block=True, timeout=None):
    oid = self._tl_id
    if not oid:
        return _q_put(self, item, block, timeout)
    # Queue.put's steps; the queue's lock and conditions are the library's (silent), so they are
    # used directly: `with self.mutex` is what `with self.not_full` does, one call layer less.
    with self.mutex:
        if self.maxsize > 0:
            if not block:
                if self._qsize() >= self.maxsize:
                    raise _queue_mod.Full
            elif timeout is not None and timeout < 0:
                raise ValueError("'timeout' must be a non-negative number")
            elif self._qsize() >= self.maxsize:
                endtime = None if timeout is None else time.monotonic() + timeout
                rec(E_STATE, oid, ST["wait:queue.put"], TIMED if timeout is not None else 0)
                outcome = O_TIMEOUT
                try:
                    while self._qsize() >= self.maxsize:
                        if endtime is None:
                            _cond_wait(self.not_full)
                        else:
                            remaining = endtime - time.monotonic()
                            if remaining <= 0.0:
                                raise _queue_mod.Full
                            _cond_wait(self.not_full, remaining)
                    outcome = 0
                finally:
                    rec(E_STATE, 0, RUN, outcome)
        self._put(item)
        self.unfinished_tasks += 1
        self._tl_q.put(item, self._qsize(), self.unfinished_tasks)
        _cond_notify(self.not_empty)


def _q_get_p(self, block=True, timeout=None):
    oid = self._tl_id
    if not oid:
        return _q_get(self, block, timeout)
    with self.mutex:  # as in _q_put_p
        if not block:
            if not self._qsize():
                raise _queue_mod.Empty
        elif timeout is not None and timeout < 0:
            raise ValueError("'timeout' must be a non-negative number")
        elif not self._qsize():
            endtime = None if timeout is None else time.monotonic() + timeout
            rec(E_STATE, oid, ST["wait:queue.get"], TIMED if timeout is not None else 0)
            outcome = O_TIMEOUT
            try:
                while not self._qsize():
                    if endtime is None:
                        _cond_wait(self.not_empty)
                    else:
                        remaining = endtime - time.monotonic()
                        if remaining <= 0.0:
                            raise _queue_mod.Empty
                        _cond_wait(self.not_empty, remaining)
                outcome = 0
            finally:
                rec(E_STATE, 0, RUN, outcome)
        item = self._get()
        self._tl_q.get(item, self._qsize())
        _cond_notify(self.not_full)
        return item


def _q_task_done_p(self):
    oid = self._tl_id
    if not oid:
        return _q_task_done(self)
    with self.all_tasks_done:
        unfinished = self.unfinished_tasks - 1
        if unfinished < 0:
            rec(EV["exception"], oid, intern("ValueError: task_done() called too many times"), 0)
            raise ValueError('task_done() called too many times')
        rec(EV["task_done"], oid, 0, 0)
        rec(E_CNT, oid, CNT["pending"], unfinished)
        if unfinished == 0:
            for tok in self._tl_joins:
                if not tok[0]:
                    tok[0] = flow_id()
                    rec(E_FS, oid, tok[0], FLOW["done"])
            self.all_tasks_done.notify_all()
        self.unfinished_tasks = unfinished


def _q_join_p(self):
    oid = self._tl_id
    if not oid:
        return _q_join(self)
    with self.all_tasks_done:
        if self.unfinished_tasks:
            tok = [0]
            self._tl_joins.append(tok)
            rec(E_STATE, oid, ST["wait:queue.get"], 0)
            try:
                while self.unfinished_tasks:
                    self.all_tasks_done.wait()
            finally:
                self._tl_joins.remove(tok)
                rec(E_STATE, 0, RUN, 0)
                if tok[0]:
                    rec(E_FE, oid, tok[0], FLOW["done"])
        rec(EV["join"], oid, 0, 0)


_q_put, _q_get = _queue_mod.Queue.put, _queue_mod.Queue.get
_q_task_done, _q_join = _queue_mod.Queue.task_done, _queue_mod.Queue.join
_NativeSimpleQueue = _queue_mod.SimpleQueue


class SimpleQueue(_NativeSimpleQueue):
    """queue.SimpleQueue for the program's own queues (the library's stay native)."""

    def __new__(cls, *args, **kwargs):
        f = _creator(1)
        if f is None and cls is SimpleQueue:
            return _NativeSimpleQueue(*args, **kwargs)
        self = super().__new__(cls, *args, **kwargs)
        self._tl_id = _declare(f, "queue", "SimpleQueue", 0, ORD["simple"]) if f is not None else 0
        self._tl_q = _tl.QueueRecorder(self._tl_id, ORD["simple"])
        return self

    def put(self, item, block=True, timeout=None):
        super().put(item, block, timeout)
        if self._tl_id:
            self._tl_q.put(item, self.qsize(), -1)

    def put_nowait(self, item):
        self.put(item, False)

    def get(self, block=True, timeout=None):
        oid = self._tl_id
        if not oid:
            return super().get(block, timeout)
        try:
            item = super().get(False)
        except _queue_mod.Empty:
            if not block:
                raise
            rec(E_STATE, oid, ST["wait:queue.get"], TIMED if timeout is not None else 0)
            outcome = O_TIMEOUT
            try:
                item = super().get(True, timeout)
                outcome = 0
            finally:
                rec(E_STATE, 0, RUN, outcome)
        self._tl_q.get(item, self.qsize())
        return item

    def get_nowait(self):
        return self.get(False)


# ---- threads ----

Thread = threading.Thread
_th_start, _th_bootstrap_inner, _th_join = Thread.start, Thread._bootstrap_inner, Thread.join
_name_prop = Thread.name


def _th_start_p(self):
    self._tl_parent = _thread_index()
    return _th_start(self)


def _th_bootstrap_inner_p(self):
    self._tl_index = _tl.thread_begin(self._name, self._daemonic, getattr(self, "_tl_parent", -1))
    try:
        _th_bootstrap_inner(self)
    finally:
        _tl.thread_end(False)


def _th_join_p(self, timeout=None):
    idx = getattr(self, "_tl_index", -1)
    if idx < 0 or self is threading.current_thread() or not self.is_alive():
        return _th_join(self, timeout)
    rec(E_STATE, 0, ST["wait:join"], (idx << 32) | (TIMED if timeout is not None else 0))
    try:
        _th_join(self, timeout)
    finally:
        rec(E_STATE, 0, RUN, O_TIMEOUT if self.is_alive() else 0)


def _th_set_name(self, name):
    _name_prop.fset(self, name)
    idx = getattr(self, "_tl_index", -1)
    if idx >= 0:
        rec(EV["thread.rename"], 0, intern(self._name), idx)


_orig_excepthook = threading.excepthook


def _excepthook(args):
    name = args.thread.name if args.thread is not None else "?"
    if args.exc_type is not SystemExit:
        rec(EV["exception"], 0, intern("Exception in thread %s: %s: %s" % (name, args.exc_type.__name__,
                                                                             args.exc_value)), 0)
    return _orig_excepthook(args)


# ---- concurrent.futures ----

import concurrent.futures as _cf  # noqa: E402
import concurrent.futures.thread as _cft  # noqa: E402
from concurrent.futures import _base as _cfb  # noqa: E402

_FS = {"PENDING": 0, "RUNNING": 1, "CANCELLED": 2, "FINISHED": 3}
_DONE = (_cfb.CANCELLED, _cfb.CANCELLED_AND_NOTIFIED, _cfb.FINISHED)
Future = _cfb.Future
_fut_set_running, _fut_set_result, _fut_set_exception, _fut_cancel, _fut_result, _fut_exception = (
    Future.set_running_or_notify_cancel, Future.set_result, Future.set_exception, Future.cancel, Future.result,
    Future.exception)
_submitting = threading.local()


def _fut_state(fut, state):
    rec(EV["future.state"], fut._tl_id, _FS[state], 0)


def _fut_finishing(self):
    """Before a traced future turns FINISHED: the state and a done flow to every waiter."""
    if self._tl_id and self._state not in _DONE:
        _fut_state(self, "FINISHED")
        for tok in self._tl_waiting:
            if not tok[0]:
                tok[0] = flow_id()
                rec(E_FS, self._tl_id, tok[0], FLOW["done"])


def _fut_set_running_p(self):
    ok = _fut_set_running(self)
    if self._tl_id and ok:
        _fut_state(self, "RUNNING")
    return ok


def _fut_set_result_p(self, result):
    _fut_finishing(self)
    return _fut_set_result(self, result)


def _fut_set_exception_p(self, exception):
    _fut_finishing(self)
    return _fut_set_exception(self, exception)


def _fut_cancel_p(self):
    oid = self._tl_id
    was_pending = self._state == _cfb.PENDING
    ok = _fut_cancel(self)
    if oid:
        rec(EV["cancel"], oid, 1 if ok else 0, 0)
        if ok and was_pending:
            _fut_state(self, "CANCELLED")
            self._tl_executor and self._tl_executor.cancelled()
    return ok


def _fut_waiting(orig):
    def wait(self, timeout=None):
        oid = self._tl_id
        if not oid or self._state in _DONE:
            return orig(self, timeout)
        tok = [0]
        self._tl_waiting.append(tok)
        rec(E_STATE, oid, ST["wait:future"], TIMED if timeout is not None else 0)
        outcome = O_TIMEOUT
        try:
            r = orig(self, timeout)
            outcome = 0
            return r
        except _cfb.CancelledError:
            outcome = O_CANCELLED
            raise
        except BaseException:
            if self._state in _DONE:
                outcome = 0  # the task raised: the wait itself succeeded
            raise
        finally:
            self._tl_waiting.remove(tok)
            rec(E_STATE, 0, RUN, outcome)
            if tok[0]:
                rec(E_FE, oid, tok[0], FLOW["done"])
    return wait


_orig_wait, _orig_as_completed = _cf.wait, _cf.as_completed


def _first_traced(fs):
    return next((f._tl_id for f in fs if getattr(f, "_tl_id", 0)), 0)


def _cf_wait_p(fs, timeout=None, return_when=_cf.ALL_COMPLETED):
    oid = _first_traced(fs)
    if not oid:
        return _orig_wait(fs, timeout, return_when)
    rec(E_STATE, oid, ST["wait:future"], TIMED if timeout is not None else 0)
    outcome = O_TIMEOUT
    try:
        r = _orig_wait(fs, timeout, return_when)
        outcome = 0
        return r
    finally:
        rec(E_STATE, 0, RUN, outcome)


def _cf_as_completed_p(fs, timeout=None):
    fs = list(fs) if not isinstance(fs, (set, list, tuple)) else fs
    oid = _first_traced(fs)
    it = _orig_as_completed(fs, timeout)
    if not oid:
        yield from it
        return
    while True:
        rec(E_STATE, oid, ST["wait:future"], TIMED if timeout is not None else 0)
        outcome = O_TIMEOUT
        try:
            f = next(it)
            outcome = 0
        except StopIteration:
            outcome = 0
            return
        finally:
            rec(E_STATE, 0, RUN, outcome)
        yield f


TPE = _cft.ThreadPoolExecutor
_tpe_init, _tpe_submit = TPE.__init__, TPE.submit
_wi_init, _wi_run = _cft._WorkItem.__init__, _cft._WorkItem.run


class _IdleQueue(_NativeSimpleQueue):
    """A traced executor's work queue: its workers show `idle` while they wait for a task."""

    def get(self, block=True, timeout=None):
        try:
            return super().get(False)
        except _queue_mod.Empty:
            if not block:
                raise
        rec(E_STATE, 0, ST["idle"], 0)
        try:
            return super().get(True, timeout)
        finally:
            rec(E_STATE, 0, RUN, 0)


def _tpe_init_p(self, *args, **kwargs):
    _tpe_init(self, *args, **kwargs)
    f = _creator(1)
    if f is None:
        return
    self._tl_id = _declare(f, "pool", "ThreadPoolExecutor", capacity=self._max_workers)
    self._tl_counts = _PoolCounts(self._tl_id)
    self._work_queue = _IdleQueue()


class _PoolCounts:
    """A traced executor's task numbers and counters. Its futures and work items hold this, never
    the executor: an executor the program drops must be collected (that is what ends its workers)."""
    __slots__ = ("oid", "tasks", "busy", "pending")

    def __init__(self, oid):
        self.oid, self.tasks, self.busy, self.pending = oid, itertools.count(1), 0, 0

    def record(self):
        rec(E_CNT, self.oid, CNT["busy"], self.busy)
        rec(E_CNT, self.oid, CNT["pending"], self.pending)

    def cancelled(self):
        self.pending -= 1
        self.record()


def _tpe_submit_p(self, fn, /, *args, **kwargs):
    if not self._tl_id:
        return _tpe_submit(self, fn, *args, **kwargs)
    _submitting.pool = self
    try:
        return _tpe_submit(self, fn, *args, **kwargs)
    finally:
        _submitting.pool = None


def _wi_init_p(self, future, fn, args, kwargs):
    _wi_init(self, future, fn, args, kwargs)
    pool = getattr(_submitting, "pool", None)
    if pool is None:
        return
    _submitting.pool = None  # one work item per submit
    counts = pool._tl_counts
    task = next(counts.tasks)
    name = "%s.task %d" % (getattr(fn, "__name__", "task"), task)
    future._tl_id = _tl.new_object(K["future"], name, "", 0, 0)
    future._tl_waiting = []
    future._tl_executor = counts
    self._tl_task = task
    self._tl_pool = counts
    rec(EV["submit"], counts.oid, task, future._tl_id)
    _fut_state(future, "PENDING")
    counts.pending += 1
    counts.record()


def _wi_run_p(self):
    task = self._tl_task
    if not task:
        return _wi_run(self)
    fut, pool = self.future, self._tl_pool
    if fut._state != _cfb.PENDING:  # cancelled before it could start: no task runs
        return _wi_run(self)
    pool.pending -= 1
    pool.busy += 1
    pool.record()
    rec(EV["task.begin"], fut._tl_id, task, 0)
    try:
        _wi_run(self)
    finally:
        if fut._exception is not None:
            outcome, text = 1, "%s: %s" % (type(fut._exception).__name__, fut._exception)
            rec(EV["exception"], fut._tl_id, intern("task %d: %s" % (task, text)), 0)
        elif fut._state in (_cfb.CANCELLED, _cfb.CANCELLED_AND_NOTIFIED):
            outcome, text = 2, ""
        else:
            outcome, text = 0, _short(fut._result)
        rec(EV["task.end"], fut._tl_id, task, outcome | (intern(text) << 8))
        pool.busy -= 1
        pool.record()


def _short(value):
    try:
        text = repr(value) if isinstance(value, (int, float, str, bytes, bool, type(None), tuple, list)) else \
            type(value).__name__
    except Exception:
        text = "?"
    return text if len(text) <= 60 else text[:59] + "…"



# ---- multiprocessing ----
# Patched when the program imports it (importing multiprocessing.pool costs tens of ms). Each
# process is its own stream (fork: os.register_at_fork; spawn/forkserver: sitecustomize), so a
# Pool's workers are lanes on their own pids; their tasks (map chunks, apply calls) are task spans
# there, and the parent sees the pool, its results as futures, and its waits for them.

def _program_frame():
    """The innermost frame of the program's own code (None if only the library is on the stack)."""
    f = sys._getframe(2)
    while f is not None and _is_lib(f.f_code.co_filename):
        f = f.f_back
    return f


def _mp_patch_process(mproc):
    bootstrap = mproc.BaseProcess._bootstrap

    def _bootstrap_p(self, parent_sentinel=None):
        # The child's first lane is named after the process (ForkPoolWorker-1, Process-2...).
        rec(EV["thread.rename"], 0, intern(self.name), _thread_index())
        return bootstrap(self, parent_sentinel)

    mproc.BaseProcess._bootstrap = _bootstrap_p


def _mp_task_label(func, args, index, result):
    mapstar = getattr(_mpp, "mapstar", None), getattr(_mpp, "starmapstar", None)
    if func in mapstar and args and isinstance(args[0], tuple) and len(args[0]) == 2:
        fn, chunk = args[0]
        n = len(chunk) if hasattr(chunk, "__len__") else 0
        head = "%s chunk %d (%d items)" % (getattr(fn, "__name__", "task"), index, n)
    else:
        head = "%s(%s)" % (getattr(func, "__name__", "task"), ", ".join(_short(a) for a in args[:3]))
    ok, value = result if isinstance(result, tuple) and len(result) == 2 else (True, None)
    if ok:
        return 0, "%s = %s" % (head, _short(value))
    return 1, "%s: %s: %s" % (head, type(value).__name__, value)


class _TaskIn:
    """A Pool worker's task queue: idle while it waits, a task span from each task on."""

    def __init__(self, q):
        self._tl_q = q
        self._tl_open = None

    def __getattr__(self, name):
        return getattr(self._tl_q, name)

    def get(self):
        rec(E_STATE, 0, ST["idle"], 0)
        try:
            task = self._tl_q.get()
        finally:
            rec(E_STATE, 0, RUN, 0)
        if isinstance(task, tuple) and len(task) == 5:
            i = task[1] if isinstance(task[1], int) else 0  # the chunk's index in its map call
            self._tl_open = (i, task[2], task[3])
            rec(EV["task.begin"], 0, i, 0)
        return task


class _TaskOut:
    """A Pool worker's result queue: the task span ends before its result leaves."""

    def __init__(self, q, tasks):
        self._tl_q = q
        self._tl_tasks = tasks

    def __getattr__(self, name):
        return getattr(self._tl_q, name)

    def put(self, obj):
        t = self._tl_tasks._tl_open
        if t is not None:
            self._tl_tasks._tl_open = None
            try:
                outcome, text = _mp_task_label(t[1], t[2], t[0], obj[2])
            except Exception:
                outcome, text = 0, ""
            rec(EV["task.end"], 0, t[0], outcome | (intern(text[:200]) << 8))
        return self._tl_q.put(obj)


_mpp = None


def _mp_patch_pool(mpp):
    global _mpp
    _mpp = mpp
    worker = mpp.worker

    def worker_p(inqueue, outqueue, *args, **kwargs):
        tasks = _TaskIn(inqueue)
        return worker(tasks, _TaskOut(outqueue, tasks), *args, **kwargs)

    # Pickled by reference for spawn and forkserver children: keep worker's own name.
    worker_p.__name__ = worker_p.__qualname__ = "worker"
    worker_p.__module__ = mpp.__name__
    mpp.worker = worker_p

    Pool, ApplyResult = mpp.Pool, mpp.ApplyResult
    pool_init, apply_async, map_async = Pool.__init__, Pool.apply_async, Pool._map_async
    ar_init, ar_set, ar_wait = ApplyResult.__init__, ApplyResult._set, ApplyResult.wait
    mr_set = mpp.MapResult._set
    Pool._tl_id = 0
    ApplyResult._tl_id = 0

    def pool_init_p(self, processes=None, *args, **kwargs):
        f = _program_frame()
        if f is not None:
            self._tl_id = _declare(f, "process_pool", "Pool", capacity=processes or os.cpu_count() or 1)
            self._tl_calls = itertools.count(1)
        pool_init(self, processes, *args, **kwargs)

    def submitting(orig, kind):
        def call(self, func, *args, **kwargs):
            if not self._tl_id:
                return orig(self, func, *args, **kwargs)
            _submitting.mp = (self, "%s.%s %d" % (getattr(func, "__name__", "task"), kind, next(self._tl_calls)))
            try:
                return orig(self, func, *args, **kwargs)
            finally:
                _submitting.mp = None
        return call

    def ar_init_p(self, pool, *args, **kwargs):
        ar_init(self, pool, *args, **kwargs)
        sub = getattr(_submitting, "mp", None)
        if sub is None or sub[0] is not pool:
            return
        _submitting.mp = None
        self._tl_id = _tl.new_object(K["future"], sub[1], "", 0, 0)
        self._tl_waiting = []
        rec(EV["submit"], pool._tl_id, self._job, self._tl_id)
        _fut_state(self, "PENDING")

    def setting(orig):
        def _set(self, i, obj):
            was = self._event.is_set()
            orig(self, i, obj)
            if self._tl_id and not was and self._event.is_set():
                _fut_state(self, "FINISHED")
                for tok in self._tl_waiting:
                    if not tok[0]:
                        tok[0] = flow_id()
                        rec(E_FS, self._tl_id, tok[0], FLOW["done"])
        return _set

    def ar_wait_p(self, timeout=None):
        oid = self._tl_id
        if not oid or self._event.is_set():
            return ar_wait(self, timeout)
        tok = [0]
        self._tl_waiting.append(tok)
        rec(E_STATE, oid, ST["wait:future"], TIMED if timeout is not None else 0)
        try:
            return ar_wait(self, timeout)
        finally:
            self._tl_waiting.remove(tok)
            rec(E_STATE, 0, RUN, 0 if self._event.is_set() else O_TIMEOUT)
            if tok[0]:
                rec(E_FE, oid, tok[0], FLOW["done"])

    Pool.__init__ = pool_init_p
    Pool.apply_async = submitting(apply_async, "apply")
    Pool._map_async = submitting(map_async, "map")
    ApplyResult.__init__, ApplyResult.wait = ar_init_p, ar_wait_p
    ApplyResult._set = setting(ar_set)
    mpp.MapResult._set = setting(mr_set)


def _mp_patch_spawn(spawn):
    prepare = spawn.prepare

    def prepare_p(data):
        # A spawn or forkserver child learns its process's name here, before it imports the main
        # module and long before _bootstrap: its lane is named now (a Pool terminated right after
        # it started ends such workers before their _bootstrap).
        name = data.get("name") if isinstance(data, dict) else None
        if name and _tl.enabled():
            rec(EV["thread.rename"], 0, intern(str(name)), _thread_index())
        return prepare(data)

    spawn.prepare = prepare_p


_AFTER_IMPORT = {"multiprocessing.process": _mp_patch_process, "multiprocessing.pool": _mp_patch_pool,
                 "multiprocessing.spawn": _mp_patch_spawn}


class _PatchOnImport:
    """A meta path finder that patches a module of _AFTER_IMPORT once it has been executed."""

    def find_spec(self, name, path=None, target=None):
        patcher = _AFTER_IMPORT.get(name)
        if patcher is None:
            return None
        import importlib.machinery
        spec = importlib.machinery.PathFinder.find_spec(name, path, target)
        if spec is None or spec.loader is None:
            return spec
        loader = spec.loader
        exec_module = loader.exec_module

        def exec_and_patch(module):
            exec_module(module)
            patcher(module)
        loader.exec_module = exec_and_patch
        return spec


def _install_multiprocessing():
    for name, patcher in _AFTER_IMPORT.items():
        if name in sys.modules:
            patcher(sys.modules[name])
    sys.meta_path.insert(0, _PatchOnImport())

# ---- time.sleep, print ----

_sleep = time.sleep
_print = builtins.print


def sleep(seconds):
    rec(E_STATE, 0, ST["sleep"], 0)
    try:
        _sleep(seconds)
    finally:
        rec(E_STATE, 0, RUN, 0)


def _print_p(*args, sep=" ", end="\n", file=None, flush=False):
    _print(*args, sep=sep, end=end, file=file, flush=flush)
    if file is None or file is sys.stdout or file is sys.stderr:
        try:
            text = (sep if sep is not None else " ").join(map(str, args))
        except Exception:
            return
        rec(EV["mark"], 0, intern(text[:500]), 0)


# ---- install ----

def install():
    threading.Lock = threading._allocate_lock = Lock
    threading.RLock = RLock
    Condition._tl_id = 0
    Condition.__init__, Condition.wait = _cond_init_p, _cond_wait_p
    Condition.notify, Condition.notify_all = _cond_notify_p, _cond_notify_all_p

    S, BS = threading.Semaphore, threading.BoundedSemaphore
    S._tl_id = 0
    S._tl_setup = _sem_setup
    S.__init__, BS.__init__ = _sem_init_p, _bsem_init_p
    S.acquire = S.__enter__ = _sem_acquire_p
    S.release, BS.release = _sem_release_p, _bsem_release_p
    S.__exit__ = _sem_exit

    E = threading.Event
    E._tl_id = 0
    E.__init__, E.set, E.clear, E.wait = _ev_init_p, _ev_set_p, _ev_clear_p, _ev_wait_p

    Barrier._tl_id = 0
    Barrier._tl_name = lambda self: "%d" % self._tl_id
    Barrier.__init__, Barrier.wait, Barrier._release, Barrier._wait = (_bar_init_p, _bar_wait_p, _bar_release_p,
                                                                       _bar_inner_wait_p)
    Barrier.abort, Barrier.reset = _bar_abort_p, _bar_reset_p

    Q = _queue_mod.Queue
    Q._tl_id = 0
    Q.__init__, Q.put, Q.get, Q.task_done, Q.join = _q_init_p, _q_put_p, _q_get_p, _q_task_done_p, _q_join_p
    _queue_mod.SimpleQueue = SimpleQueue

    Thread.start, Thread._bootstrap_inner, Thread.join = _th_start_p, _th_bootstrap_inner_p, _th_join_p
    Thread.name = property(_name_prop.fget, _th_set_name)
    threading.excepthook = _excepthook

    Future._tl_id = 0
    Future._tl_executor = None
    Future.set_running_or_notify_cancel = _fut_set_running_p
    Future.set_result, Future.set_exception, Future.cancel = _fut_set_result_p, _fut_set_exception_p, _fut_cancel_p
    Future.result, Future.exception = _fut_waiting(_fut_result), _fut_waiting(_fut_exception)
    _cf.wait = _cfb.wait = _cf_wait_p
    _cf.as_completed = _cfb.as_completed = _cf_as_completed_p
    TPE._tl_id = 0
    TPE.__init__, TPE.submit = _tpe_init_p, _tpe_submit_p
    _cft._WorkItem._tl_task = 0
    _cft._WorkItem.__init__, _cft._WorkItem.run = _wi_init_p, _wi_run_p

    time.sleep = sleep
    builtins.print = _print_p
    _install_multiprocessing()
