"""m2.l8 Shutting down: shutdown(wait, cancel_futures), a refused late submit, as_completed."""
import os
import random
import time
from concurrent.futures import ThreadPoolExecutor, as_completed

QUICK = os.environ.get("THREADLENS_QUICK") == "1"
WORKERS = 7                          # [workers] max_workers
TASKS = 7                            # [tasks]
UNIT_S = 0.01 if QUICK else 0.1      # [unit_ms/1000] a task with value v takes v times this
WAIT = True                          # [wait] shutdown(wait=...)
CANCEL_FUTURES = False               # [cancel_futures]
LATE_SUBMIT = True                   # [late_submit] submit after shutdown
random.seed(1)


def job(value):
    time.sleep(value * UNIT_S)
    return value


values = random.sample(range(1, TASKS + 1), TASKS)
pool = ThreadPoolExecutor(max_workers=WORKERS)
futures = [pool.submit(job, v) for v in values]
print(f"shutdown(wait={WAIT}, cancel_futures={CANCEL_FUTURES})")
pool.shutdown(wait=WAIT, cancel_futures=CANCEL_FUTURES)   # running tasks are never interrupted
print("shutdown returned")
if LATE_SUBMIT:
    try:
        pool.submit(job, 0)
    except RuntimeError as e:
        print("late submit:", e)
for f in as_completed(futures):      # finish order
    print("as_completed:", "cancelled" if f.cancelled() else f.result())
