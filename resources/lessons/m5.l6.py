# How to stop all tasks: workers check a shared stop Event between chunks of work, and main
# uses stop.wait(t) as an interruptible sleep. When the stop comes, pending futures are
# cancelled and running tasks return at their next check.
import os
import threading
import time
from concurrent.futures import ThreadPoolExecutor

QUICK = os.environ.get("THREADLENS_QUICK") == "1"
WORKERS = 4                          # [workers]
TASKS = 20                           # [tasks]
CHUNK_S = 0.02 if QUICK else 0.1     # [chunk_ms/1000] one chunk of work
CHUNKS_PER_TASK = 10                 # [chunks_per_task]
STOP_AT_S = 0.3 if QUICK else 1.5    # [stop_at_ms/1000] main stops everything at this time
CHECK_EVERY = 1                      # [check_every_chunks] check the event every this many chunks
stop = threading.Event()


def task(i):
    for c in range(CHUNKS_PER_TASK):
        if c % CHECK_EVERY == 0 and stop.is_set():
            return f"task {i} stopped after {c} chunks"
        time.sleep(CHUNK_S)          # one chunk of work
    return f"task {i} complete"


with ThreadPoolExecutor(max_workers=WORKERS) as pool:
    futures = [pool.submit(task, i) for i in range(TASKS)]
    stop.wait(STOP_AT_S)             # an interruptible sleep for main, too
    cancelled = sum(f.cancel() for f in futures)   # what has not started
    stop.set()                       # what runs stops at its next check
print(f"cancelled {cancelled} pending tasks")
for f in futures:
    if not f.cancelled():
        print(f.result())
