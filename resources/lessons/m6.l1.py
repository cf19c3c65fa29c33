# Lock contention: many threads fight for one lock, so they mostly wait.
import os, threading, time

QUICK = os.environ.get("THREADLENS_QUICK") == "1"
THREADS, ITERATIONS = 8, (3 if QUICK else 5)
CS, OUTSIDE = 0.01, 0.01  # seconds inside / outside the lock

lock = threading.Lock()
waited = {}

def worker(name):
    total = 0.0
    for _ in range(ITERATIONS):
        time.sleep(OUTSIDE)              # work outside the lock
        t0 = time.perf_counter()
        with lock:                       # contended: most threads wait here
            total += time.perf_counter() - t0
            time.sleep(CS)               # critical section (sleeping while holding = worse)
    waited[name] = total

start = time.perf_counter()
threads = [threading.Thread(target=worker, args=(f"T{i}",), name=f"T{i}") for i in range(THREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
wall = time.perf_counter() - start
held = THREADS * ITERATIONS * CS
print(f"wall {wall:.2f}s, lock held {held:.2f}s = {100 * held / wall:.0f}% of the time")
print("max wait per thread:", max(waited.values()).__round__(3), "s")
