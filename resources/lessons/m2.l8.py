"""m2.l8 Shutting down: shutdown(wait=False), a refused late submit, cancel_futures, as_completed."""
import os
import time
from concurrent.futures import ThreadPoolExecutor, as_completed

QUICK = os.environ.get("THREADLENS_QUICK") == "1"
UNIT = 0.01 if QUICK else 0.04


def job(value):
    time.sleep(value * UNIT)            # task_ms = value * 100 in the lesson, shortened here
    return value


pool = ThreadPoolExecutor(max_workers=7)
futures = [pool.submit(job, v) for v in (7, 3, 5, 1, 6, 2, 4)]
pool.shutdown(wait=False)               # returns at once; running tasks are never interrupted
try:
    pool.submit(job, 0)
except RuntimeError as e:
    print("late submit:", e)
print("as_completed:", [f.result() for f in as_completed(futures)])   # finish order

pool = ThreadPoolExecutor(max_workers=2)
futures = [pool.submit(job, v) for v in (5, 5, 5, 5, 5)]
pool.shutdown(wait=True, cancel_futures=True)   # the 3 queued futures are cancelled
print("cancelled:", [f.cancelled() for f in futures])
