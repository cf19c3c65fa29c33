"""m2.l7 Initializing worker threads: one initializer call per worker, thread-local counters."""
import os
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures.thread import BrokenThreadPool

QUICK = os.environ.get("THREADLENS_QUICK") == "1"
TASK_S = 0.005 if QUICK else 0.02
local = threading.local()
per_worker = Counter()


def init(greeting):
    local.done = 0
    print(f"{greeting} {threading.current_thread().name}")  # one string: whole line


def task(i):
    time.sleep(TASK_S)
    local.done += 1                       # the worker's own counter survives between tasks
    per_worker[threading.current_thread().name] += 1
    return i


with ThreadPoolExecutor(3, thread_name_prefix="environment", initializer=init, initargs=("init",)) as pool:
    list(pool.map(task, range(10)))
print("tasks per worker:", dict(per_worker), "sum:", sum(per_worker.values()))


def bad_init():
    raise RuntimeError("no database")


pool = ThreadPoolExecutor(2, initializer=bad_init)
try:
    pool.submit(task, 0).result()
except BrokenThreadPool as e:
    print("BrokenThreadPool:", e)
pool.shutdown()
