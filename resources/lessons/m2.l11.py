"""m2.l11 Testing the thread count: a tiny benchmark, lazy spawning (AP10), a print lock."""
import os
import threading
import time
from concurrent.futures import ThreadPoolExecutor

QUICK = os.environ.get("THREADLENS_QUICK") == "1"
TASKS, TASK_S, REPS = 20, (0.005 if QUICK else 0.02), 2
print_lock = threading.Lock()


def task(i):
    time.sleep(TASK_S)
    with print_lock:                  # whole lines, never interleaved
        pass
    return i


for workers in (1, 2, 4, 8, 16, 32, 64):
    best = float("inf")
    for _ in range(REPS):
        t0 = time.perf_counter()
        with ThreadPoolExecutor(workers) as pool:
            list(pool.map(task, range(TASKS)))
        best = min(best, time.perf_counter() - t0)
    print(f"W={workers:2d}: {best:.3f} s")

with ThreadPoolExecutor(200) as pool:           # AP10: 200 workers for 4 tasks
    list(pool.map(task, range(4)))
    print("threads spawned for 4 tasks on a 200-worker pool:", len(pool._threads))
