# Stop all tasks if one fails: wait(return_when=FIRST_EXCEPTION) returns as soon as a task
# raises; main then cancels what is pending and sets an Event the running tasks check.
# Or the failing task sets the Event itself and main notices it.
import os
import random
import threading
import time
from concurrent.futures import FIRST_EXCEPTION, ThreadPoolExecutor, wait

QUICK = os.environ.get("THREADLENS_QUICK") == "1"
WORKERS = 4                          # [workers]
TASKS = 12                           # [tasks]
CHUNK_S = 0.01 if QUICK else 0.05    # [chunk_ms/1000] one chunk of work
CHUNKS = 10                          # [chunks] per task
FAIL_TASK = -1                       # [fail_task] the failing task; -1: a random one
FAIL_AT_S = 0.06 if QUICK else 0.3   # [fail_at_ms/1000] it fails after this long
MODE = "wait_first_exception"        # [mode] "wait_first_exception" or "event_flag"
random.seed(7)
fail_task = FAIL_TASK if FAIL_TASK >= 0 else random.randrange(TASKS)
failed = threading.Event()


def task(i):
    for c in range(CHUNKS):
        if failed.is_set():
            return f"task {i} stopped early"
        time.sleep(CHUNK_S)
        if i == fail_task and (c + 1) * CHUNK_S >= FAIL_AT_S:
            if MODE == "event_flag":
                failed.set()         # the task's own except block would signal everyone
            raise ValueError(f"task {i} failed")
    return f"task {i} ok"


with ThreadPoolExecutor(max_workers=WORKERS) as pool:
    futures = [pool.submit(task, i) for i in range(TASKS)]
    if MODE == "event_flag":
        while not failed.wait(max(0.005, CHUNK_S)):
            if all(f.done() for f in futures):
                break
        cancelled = sum(f.cancel() for f in futures)
    else:
        done, not_done = wait(futures, return_when=FIRST_EXCEPTION)
        cancelled = sum(f.cancel() for f in not_done)
        failed.set()
    print("cancelled:", cancelled)
for f in futures:
    if not f.cancelled():
        print(repr(f.exception()) if f.exception() else f.result())
