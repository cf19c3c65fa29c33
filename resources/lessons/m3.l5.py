# Checking a Future's status: main polls done()/running() on a tick and prints a table,
# while 30 searches run on 4 workers. Inside a done-callback, done() is always True.
import os
import random
import threading
import time
from concurrent.futures import ThreadPoolExecutor

SCALE = 0.2 if os.environ.get("THREADLENS_QUICK") else 1.0
POLL_S = 0.05 * SCALE
random.seed(3)
print_lock = threading.Lock()        # one lock for every print (not a new Lock() per call)


def search(item):
    time.sleep(random.uniform(0.01, 0.06) * SCALE)
    return f"item-{item}"


def report(fut):
    assert fut.done()
    with print_lock:
        pass  # a real program would log fut.result() here


with ThreadPoolExecutor(max_workers=4) as pool:
    futures = [pool.submit(search, i) for i in range(30)]
    for f in futures:
        f.add_done_callback(report)
    while True:
        done = sum(f.done() for f in futures)
        running = sum(f.running() for f in futures)
        with print_lock:
            print(f"poll: pending={30 - done - running:2} running={running} done={done:2}")
        if done == 30:
            break
        time.sleep(POLL_S)            # without this sleep the poll loop burns a CPU
