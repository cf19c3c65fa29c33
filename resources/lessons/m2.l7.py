"""m2.l7 Initializing worker threads: one initializer call per worker, thread-local counters."""
import os
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures.thread import BrokenThreadPool

QUICK = os.environ.get("THREADLENS_QUICK") == "1"
WORKERS = 3                          # [workers] max_workers
TASKS = 10                           # [tasks]
TASK_S = 0.005 if QUICK else 0.1     # [task_ms/1000]
INIT_S = 0.01 if QUICK else 0.05     # [init_ms/1000] the initializer's work (e.g. open a connection)
INIT_FAIL_ON = -1                    # [init_fail_on] the worker whose initializer raises; -1: none
SHARED_GENERATOR = False             # [shared_generator] the mistake: every initializer draws from one generator
local = threading.local()
per_worker = Counter()


def id_generator():
    n = 0
    while True:
        time.sleep(INIT_S / 2)       # the generator's body between two yields
        yield n
        n += 1


ids = id_generator()


def init(greeting):
    name = threading.current_thread().name
    print(f"{greeting} {name}")      # one string: a whole line
    if SHARED_GENERATOR:
        print(name, "got id", next(ids))   # another thread inside: ValueError: generator already executing
    time.sleep(INIT_S)
    local.done = 0
    if name.endswith(f"_{INIT_FAIL_ON}"):
        raise RuntimeError(f"no database for {name}")


def task(i):
    time.sleep(TASK_S)
    local.done += 1                  # the worker's own counter survives between tasks
    per_worker[threading.current_thread().name] += 1
    return i


try:
    with ThreadPoolExecutor(WORKERS, thread_name_prefix="environment", initializer=init,
                            initargs=("init",)) as pool:
        list(pool.map(task, range(TASKS)))
except BrokenThreadPool as e:        # an initializer raised: the pool refuses every task
    print("BrokenThreadPool:", e)
print("tasks per worker:", dict(per_worker), "sum:", sum(per_worker.values()))
