# Stop all tasks if one fails: wait(return_when=FIRST_EXCEPTION) returns as soon as a task
# raises; main then cancels what is pending and sets an Event the running tasks check.
import os
import threading
import time
from concurrent.futures import FIRST_EXCEPTION, ThreadPoolExecutor, wait

SCALE = 0.2 if os.environ.get("THREADLENS_QUICK") else 1.0
failed = threading.Event()


def task(i, fail_at):
    for chunk in range(10):
        if failed.is_set():
            return f"task {i} stopped early"
        time.sleep(0.02 * SCALE)
        if i == 5 and chunk == fail_at:
            raise ValueError(f"task {i} failed")
    return f"task {i} ok"


with ThreadPoolExecutor(max_workers=4) as pool:
    futures = [pool.submit(task, i, 3) for i in range(12)]
    done, not_done = wait(futures, return_when=FIRST_EXCEPTION)
    failed.set()
    for f in not_done:
        f.cancel()
    first = next((f for f in done if f.exception()), None)
    print("first failure:", first.exception() if first else None)
print("cancelled:", sum(f.cancelled() for f in futures))
for f in futures:
    if not f.cancelled() and f.exception() is None:
        print(f.result())
