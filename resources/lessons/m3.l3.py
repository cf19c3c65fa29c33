# Future methods: result() blocks, done()/running()/cancelled() are instant snapshots.
# Results are printed in submission order, whatever order the tasks finish in.
import os
import time
from concurrent.futures import ThreadPoolExecutor

QUICK = os.environ.get("THREADLENS_QUICK") == "1"
TASKS = 10                           # [tasks]
TASK_S = 0.02 if QUICK else 0.1      # [task_ms/1000]
WORKERS = 0                          # [workers] 0: Python's default, min(32, CPUs + 4)
LANGUAGES = ["Python", "C", "C++", "Java", "C#", "JavaScript", "Go", "SQL", "Rust", "Kotlin"]


def describe(rank, language):
    time.sleep(TASK_S)
    return f"#{rank}: {language}"


with ThreadPoolExecutor(max_workers=WORKERS or None) as pool:
    futures = [pool.submit(describe, rank, LANGUAGES[(rank - 1) % len(LANGUAGES)]) for rank in range(1, TASKS + 1)]
    first = futures[0]
    # Snapshots never block: the first future is probably still running here.
    print(f"snapshot: done={first.done()} running={first.running()} cancelled={first.cancelled()}")
    for fut in futures:
        print(fut.result())            # blocks until this future, in submission order
    print(f"after: done={first.done()} running={first.running()}")
