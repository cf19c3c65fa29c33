# Lock overhead: locking every operation against locking a batch, or no lock at all.
import threading
import time

OPS = 100_000                        # [ops] increments in total
BATCH = 100                          # [batch] increments under one acquire
THREADS = 1                          # [threads]
MODE = "per_op"                      # [mode] "none", "per_op" or "per_batch"
lock = threading.Lock()
counter = 0


def worker(mine):
    global counter
    if MODE == "none":
        for _ in range(mine):
            counter += 1             # with several threads updates may be lost
    elif MODE == "per_op":
        for _ in range(mine):
            with lock:
                counter += 1
    else:
        for start in range(0, mine, BATCH):
            with lock:
                for _ in range(min(BATCH, mine - start)):
                    counter += 1


shares = [OPS // THREADS + (t < OPS % THREADS) for t in range(THREADS)]
threads = [threading.Thread(target=worker, args=(n,), name=f"T{t}") for t, n in enumerate(shares)]
t0 = time.perf_counter()
for t in threads:
    t.start()
for t in threads:
    t.join()
dt = time.perf_counter() - t0
print(f"{MODE}: count={counter} expected={OPS} {dt * 1e9 / OPS:.1f} ns/op")
