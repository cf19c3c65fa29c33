# Lock overhead: per-op locking vs per-batch locking on an uncontended counter.
import threading, time

OPS, BATCH = 200_000, 100
lock = threading.Lock()

def no_lock():
    n = 0
    for _ in range(OPS):
        n += 1
    return n

def per_op():
    n = 0
    for _ in range(OPS):
        with lock:
            n += 1
    return n

def per_batch():
    n = 0
    for start in range(0, OPS, BATCH):
        with lock:
            for _ in range(min(BATCH, OPS - start)):
                n += 1
    return n

for fn in (no_lock, per_op, per_batch):
    t0 = time.perf_counter()
    n = fn()
    dt = time.perf_counter() - t0
    print(f"{fn.__name__:9s} count={n} {dt * 1e9 / OPS:6.1f} ns/op")
