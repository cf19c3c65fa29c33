"""m2.l1 What thread pools are: "wait each" (AP2) versus "submit all, then gather"."""
import os
import time
from concurrent.futures import ThreadPoolExecutor

QUICK = os.environ.get("THREADLENS_QUICK") == "1"
WORKERS, TASKS, TASK_S = 4, 6, (0.03 if QUICK else 0.15)


def task(word):
    time.sleep(TASK_S)
    return word.upper()


words = [f"word{i}" for i in range(TASKS)]
with ThreadPoolExecutor(max_workers=WORKERS) as pool:
    t0 = time.perf_counter()
    staircase = [pool.submit(task, w).result() for w in words]     # AP2: waits inside the loop
    t1 = time.perf_counter()
    futures = [pool.submit(task, w) for w in words]                # submit everything first
    gathered = [f.result() for f in futures]                       # then collect
    t2 = time.perf_counter()
print(f"wait_each : {t1 - t0:.2f} s {staircase}")
print(f"submit_all: {t2 - t1:.2f} s {gathered}")
