# Future methods: result() blocks, done()/running()/cancelled() are instant snapshots.
# Results are printed in submission order, whatever order the tasks finish in.
import os
import time
from concurrent.futures import ThreadPoolExecutor

TASK_S = 0.02 if os.environ.get("THREADLENS_QUICK") else 0.1
LANGUAGES = ["Python", "C", "C++", "Java", "C#", "JavaScript", "Go", "SQL", "Rust", "Kotlin"]


def describe(rank, language):
    time.sleep(TASK_S)
    return f"#{rank}: {language}"


with ThreadPoolExecutor() as pool:
    futures = [pool.submit(describe, rank, lang) for rank, lang in enumerate(LANGUAGES, 1)]
    first = futures[0]
    # Snapshots never block: the first future is probably still running here.
    print(f"snapshot: done={first.done()} running={first.running()} cancelled={first.cancelled()}")
    for fut in futures:
        print(fut.result())            # blocks until this future, in submission order
    print(f"after: done={first.done()} running={first.running()}")
