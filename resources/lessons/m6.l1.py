# Lock contention: many threads fight for one lock, so they mostly wait.
import os
import threading
import time

QUICK = os.environ.get("THREADLENS_QUICK") == "1"
THREADS = 8                          # [threads]
CS = 0.005 if QUICK else 0.05        # [cs_ms/1000] CPU work inside the lock: the critical section
OUTSIDE = 0.005 if QUICK else 0.05   # [outside_ms/1000] CPU work outside the lock
ITERATIONS = 3 if QUICK else 8       # [iterations] per thread
IO_INSIDE_LOCK = False               # [io_inside_lock] the bug: wait for I/O while holding the lock

lock = threading.Lock()
waited = {}


def compute(seconds):
    end = time.thread_time() + seconds
    while time.thread_time() < end:  # this thread's own CPU time
        pass


def worker(name):
    total = 0.0
    for _ in range(ITERATIONS):
        compute(OUTSIDE)             # work outside the lock
        t0 = time.perf_counter()
        with lock:                   # contended: most threads wait here
            total += time.perf_counter() - t0
            compute(CS)              # the critical section
            if IO_INSIDE_LOCK:
                time.sleep(CS)       # waiting on I/O while holding the lock: everyone else waits too
    waited[name] = total


start = time.perf_counter()
threads = [threading.Thread(target=worker, args=(f"T{i}",), name=f"T{i}") for i in range(THREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
wall = time.perf_counter() - start
held = THREADS * ITERATIONS * CS * (2 if IO_INSIDE_LOCK else 1)
print(f"wall {wall:.2f}s, lock held {held:.2f}s = {100 * held / wall:.0f}% of the time")
print(f"longest total wait of a thread: {max(waited.values()):.3f} s")
