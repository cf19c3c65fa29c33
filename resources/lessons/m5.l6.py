# How to stop all tasks: workers check a shared stop Event between chunks of work, and use
# stop.wait(t) as an interruptible sleep. When the stop comes, running tasks finish their
# current chunk and return; pending futures are cancelled.
import os
import threading
import time
from concurrent.futures import ThreadPoolExecutor

SCALE = 0.2 if os.environ.get("THREADLENS_QUICK") else 1.0
stop = threading.Event()


def task(i):
    done = 0
    for _ in range(10):
        if stop.is_set():
            return f"task {i} stopped after {done} chunks"
        time.sleep(0.02 * SCALE)        # one chunk of work
        done += 1
    return f"task {i} complete"


with ThreadPoolExecutor(max_workers=4) as pool:
    futures = [pool.submit(task, i) for i in range(20)]
    stop.wait(0.15 * SCALE)             # an interruptible sleep for main, too
    stop.set()
    cancelled = sum(f.cancel() for f in futures)
print(f"cancelled {cancelled} pending tasks")
for f in futures:
    if not f.cancelled():
        print(f.result())
