# Lock striping: S locks over the keys, key k -> lock[hash(k) % S]; a global operation
# takes all stripes in one fixed order. Taken in different orders, two global operations
# can deadlock.
import os
import random
import threading
import time
import zlib

QUICK = os.environ.get("THREADLENS_QUICK") == "1"
THREADS = 8                          # [threads]
KEYS = 64                            # [keys]
STRIPES = 4                          # [stripes] locks
OP_S = 0.002 if QUICK else 0.02      # [op_ms/1000] an update's duration
UPDATES = 20                         # [updates] per thread
GLOBAL_OP_EVERY = 20                 # [global_op_every] a global sum every N updates; 0: never
INCONSISTENT_ORDERING = False        # [inconsistent_ordering] the bug: odd threads take the stripes in reverse
locks = [threading.Lock() for _ in range(STRIPES)]
values = {}


def stripe(key):
    return zlib.crc32(key.encode()) % STRIPES   # a stable hash (str hash is randomized per process)


def update(key):
    with locks[stripe(key)]:
        seen = values.get(key, 0)
        time.sleep(OP_S)
        values[key] = seen + 1


def global_sum(reverse):
    held = []
    try:
        for lk in (reversed(locks) if reverse else locks):   # one fixed order: no deadlock
            if not lk.acquire(timeout=2.0):                 # (a guard: report the deadlock, do not hang)
                print(threading.current_thread().name, "deadlocked: waits for a stripe held by a thread that waits for one of mine")
                return None
            held.append(lk)
            if INCONSISTENT_ORDERING:
                time.sleep(OP_S / 2)  # widens the window in which another thread takes the next stripe
        return sum(values.values())
    finally:
        for lk in reversed(held):
            lk.release()


def worker(t):
    rnd = random.Random(t)
    for i in range(UPDATES):
        update(f"key{rnd.randrange(KEYS)}")
        if GLOBAL_OP_EVERY > 0 and (i + 1) % GLOBAL_OP_EVERY == 0:
            print("global sum so far:", global_sum(INCONSISTENT_ORDERING and t % 2 == 1))


threads = [threading.Thread(target=worker, args=(t,), name=f"T{t}") for t in range(THREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("total", sum(values.values()), "expected", THREADS * UPDATES)
