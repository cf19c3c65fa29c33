"""m2.l9 Number of threads: wall time against max_workers for I/O- and CPU-bound tasks."""
import math
import os
import time
from concurrent.futures import ThreadPoolExecutor

QUICK = os.environ.get("THREADLENS_QUICK") == "1"
TASKS = 20                           # [tasks]
TASK_S = 0.01 if QUICK else 0.2      # [task_ms/1000]
WORKERS = 4                          # [workers] max_workers
WORKLOAD = "io"                      # [workload] "io" (waits) or "cpu" (computes)


def task(_):
    if WORKLOAD == "io":
        time.sleep(TASK_S)
    else:
        end = time.thread_time() + TASK_S
        while time.thread_time() < end:   # this thread's own CPU time: holds the GIL
            pass


print("default max_workers:", min(32, (os.cpu_count() or 1) + 4))
t0 = time.perf_counter()
with ThreadPoolExecutor(max_workers=WORKERS) as pool:
    list(pool.map(task, range(TASKS)))
ideal = math.ceil(TASKS / WORKERS) * TASK_S if WORKLOAD == "io" else TASKS * TASK_S
print(f"{WORKLOAD} workers={WORKERS}: {time.perf_counter() - t0:.2f} s (expected about {ideal:.2f} s)")
