# Future lifecycle: PENDING -> RUNNING -> FINISHED (result or exception), or
# PENDING -> CANCELLED. With fewer workers than tasks, PENDING is visible.
import os
import time
from concurrent.futures import ThreadPoolExecutor, wait

TASK_S = 0.03 if os.environ.get("THREADLENS_QUICK") else 0.15
CANCEL_IDS = {5, 6}
FAIL_IDS = {2}


def job(i):
    time.sleep(TASK_S)
    if i in FAIL_IDS:
        raise RuntimeError(f"task {i} failed")
    return i * i


def state(f):
    if f.cancelled():
        return "CANCELLED"
    if f.done():
        return "FINISHED"
    return "RUNNING" if f.running() else "PENDING"


with ThreadPoolExecutor(max_workers=2) as pool:
    futures = [pool.submit(job, i) for i in range(8)]
    print("after submit:", [state(f) for f in futures])
    for i in CANCEL_IDS:
        print(f"cancel task {i}: {futures[i].cancel()}")
    # A running future cannot be cancelled.
    print(f"cancel task 0 (running): {futures[0].cancel()}")
    wait(futures)
    print("at the end:  ", [state(f) for f in futures])
    for i, f in enumerate(futures):
        if not f.cancelled() and f.exception() is not None:
            print(f"task {i}: {f.exception()!r}")
