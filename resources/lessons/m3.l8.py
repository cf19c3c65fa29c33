# Cancelling a Future: cancel() succeeds only while the future is still PENDING.
# Two workers take the first two tasks at once, so those cannot be cancelled.
import os
import time
from concurrent.futures import CancelledError, ThreadPoolExecutor

TASK_S = 0.02 if os.environ.get("THREADLENS_QUICK") else 0.1


def job(i):
    time.sleep(TASK_S)
    return i


with ThreadPoolExecutor(max_workers=2) as pool:
    futures = [pool.submit(job, i) for i in range(10)]
    for i, fut in enumerate(futures):
        if i % 2 == 1:
            print(f"cancel task {i}: {fut.cancel()}")
    ran = []
    for i, fut in enumerate(futures):
        try:
            ran.append(fut.result())
        except CancelledError:
            pass
print("ran:", ran)
