# Future lifecycle: PENDING -> RUNNING -> FINISHED (result or exception), or
# PENDING -> CANCELLED. With fewer workers than tasks, PENDING is visible.
import os
import time
from concurrent.futures import ThreadPoolExecutor, wait

QUICK = os.environ.get("THREADLENS_QUICK") == "1"
WORKERS = 2                          # [workers]
TASKS = 8                            # [tasks]
TASK_S = 0.03 if QUICK else 0.3      # [task_ms/1000]
CANCEL_EVERY = 3                     # [cancel_every] cancel every k-th task; 0: none
FAIL_EVERY = 4                       # [fail_every] every k-th task fails; 0: none


def every(i, k):
    return k > 0 and i % k == k - 1


def job(i):
    time.sleep(TASK_S)
    if every(i, FAIL_EVERY):
        raise RuntimeError(f"task {i} failed")
    return i * i


def state(f):
    if f.cancelled():
        return "CANCELLED"
    if f.done():
        return "FINISHED"
    return "RUNNING" if f.running() else "PENDING"


with ThreadPoolExecutor(max_workers=WORKERS) as pool:
    futures = [pool.submit(job, i) for i in range(TASKS)]
    print("after submit:", [state(f) for f in futures])
    for i in range(TASKS):
        if every(i, CANCEL_EVERY):
            print(f"cancel task {i}: {futures[i].cancel()}")
    while not futures[0].running() and not futures[0].done():
        time.sleep(0.001)
    print(f"cancel task 0 (running): {futures[0].cancel()}")   # a running future cannot be cancelled
    wait(futures)
    print("at the end:  ", [state(f) for f in futures])
    for i, f in enumerate(futures):
        if not f.cancelled() and f.exception() is not None:
            print(f"task {i}: {f.exception()!r}")
