"""m2.l11 Testing the thread count: a tiny benchmark, lazy spawning, and a print lock."""
import os
import threading
import time
from concurrent.futures import ThreadPoolExecutor

QUICK = os.environ.get("THREADLENS_QUICK") == "1"
MAX_WORKERS_CAP = 64                 # [max_workers_cap] the largest pool size tried
TASKS = 20                           # [tasks]
TASK_S = 0.005 if QUICK else 0.04    # [task_ms/1000]
WORKLOAD = "io"                      # [workload] "io", "cpu" or "mixed" (half each)
REPS = 2                             # [reps] repetitions; the best one counts
OVERSIZED_POOL = False               # [oversized_pool] the mistake: 200 workers for 4 tasks
PRINT_LOCK = True                    # [print_lock] guard print() with a lock
print_lock = threading.Lock()


def compute(seconds):
    end = time.thread_time() + seconds
    while time.thread_time() < end:  # this thread's own CPU time
        pass


def task(i):
    if WORKLOAD == "io":
        time.sleep(TASK_S)
    elif WORKLOAD == "cpu":
        compute(TASK_S)
    else:
        time.sleep(TASK_S / 2)
        compute(TASK_S / 2)
    if PRINT_LOCK:
        with print_lock:             # text and newline together: whole lines
            print(f"task {i} done")
    else:
        print(f"task {i} done")      # text and newline are two writes another thread can split
    return i


workers = 1
while workers <= MAX_WORKERS_CAP:
    best = float("inf")
    for _ in range(REPS):
        t0 = time.perf_counter()
        with ThreadPoolExecutor(workers) as pool:
            list(pool.map(task, range(TASKS)))
        best = min(best, time.perf_counter() - t0)
    print(f"W={workers:2d}: best {best:.3f} s of {REPS}")
    workers *= 2

if OVERSIZED_POOL:
    with ThreadPoolExecutor(200) as pool:   # workers start lazily, one per waiting task
        list(pool.map(task, range(4)))
        print("threads spawned for 4 tasks on a 200-worker pool:", len(pool._threads))
