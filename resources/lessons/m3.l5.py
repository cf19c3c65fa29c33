# Checking a Future's status: main polls done()/running() on a tick and prints a table
# while searches run on the workers. Inside a done-callback, done() is always True.
import os
import random
import threading
import time
from concurrent.futures import ThreadPoolExecutor

QUICK = os.environ.get("THREADLENS_QUICK") == "1"
TASKS = 30                           # [tasks]
WORKERS = 4                          # [workers]
POLL_S = 0.01 if QUICK else 0.05     # [poll_ms/1000] main looks this often
random.seed(3)
print_lock = threading.Lock()        # one lock for every print (not a new Lock() per call)


def search(item):
    time.sleep(random.uniform(0.01, 0.06))
    return f"item-{item}"


def report(fut):
    assert fut.done()
    with print_lock:
        print("callback:", fut.result())


with ThreadPoolExecutor(max_workers=WORKERS) as pool:
    futures = [pool.submit(search, i) for i in range(TASKS)]
    for f in futures:
        f.add_done_callback(report)
    while True:
        done = sum(f.done() for f in futures)
        running = sum(f.running() for f in futures)
        with print_lock:
            print(f"poll: pending={TASKS - done - running:2} running={running} done={done:2}")
        if done == TASKS:
            break
        time.sleep(POLL_S)            # without this sleep the poll loop burns a CPU
