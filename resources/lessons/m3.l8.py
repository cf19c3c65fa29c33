# Cancelling a Future: cancel() succeeds only while the future is still PENDING.
# The workers take the first tasks at once, so those cannot be cancelled.
import os
import random
import time
from concurrent.futures import CancelledError, ThreadPoolExecutor

QUICK = os.environ.get("THREADLENS_QUICK") == "1"
WORKERS = 2                          # [workers]
TASKS = 10                           # [tasks]
TASK_S = 0.02 if QUICK else 0.2      # [task_ms/1000]
CANCEL = "odd"                       # [cancel] "odd", "last_half", "all" or "random"
CANCEL_DELAY = 0.0                   # [cancel_delay_ms/1000] main cancels after this
random.seed(1)


def job(i):
    time.sleep(TASK_S)
    return i


def picked(i):
    return {"odd": i % 2 == 1, "last_half": i >= TASKS - TASKS // 2, "all": True}.get(CANCEL, random.random() < 0.5)


with ThreadPoolExecutor(max_workers=WORKERS) as pool:
    futures = [pool.submit(job, i) for i in range(TASKS)]
    time.sleep(CANCEL_DELAY)
    for i, fut in enumerate(futures):
        if picked(i):
            print(f"cancel task {i}: {fut.cancel()}")
    ran = []
    for i, fut in enumerate(futures):
        try:
            ran.append(fut.result())
        except CancelledError:
            pass
print("ran:", ran)
