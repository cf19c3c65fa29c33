"""m2.l1 What thread pools are: "wait for each task in turn" versus "submit all, then gather"."""
import os
import time
from concurrent.futures import ThreadPoolExecutor

QUICK = os.environ.get("THREADLENS_QUICK") == "1"
WORKERS = 4                          # [workers] max_workers
TASKS = 6                            # [tasks]
TASK_S = 0.03 if QUICK else 0.3      # [task_ms/1000]
PATTERN = "submit_all"               # [pattern] "submit_all" or "wait_each" (the mistake)


def task(word):
    time.sleep(TASK_S)
    return word.upper()


words = [f"word{i}" for i in range(TASKS)]
t0 = time.perf_counter()
with ThreadPoolExecutor(max_workers=WORKERS) as pool:
    if PATTERN == "wait_each":
        results = [pool.submit(task, w).result() for w in words]   # waits inside the loop: a staircase
    else:
        futures = [pool.submit(task, w) for w in words]            # submit everything first
        results = [f.result() for f in futures]                    # then collect
print(f"{PATTERN}: {time.perf_counter() - t0:.2f} s {results}")
