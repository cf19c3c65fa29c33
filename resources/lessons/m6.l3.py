# Lock splitting: independent counters get their own lock; a snapshot takes all locks in a
# fixed order. One coarse lock for all of them makes unrelated updates wait for each other.
import os
import threading
import time

QUICK = os.environ.get("THREADLENS_QUICK") == "1"
THREADS = 6                          # [threads]
VARS = 2                             # [vars] counters
CS_S = 0.003 if QUICK else 0.03      # [cs_ms/1000] an update's duration
UPDATES = 10                         # [updates] per thread
MODE = "coarse"                      # [mode] "coarse" (one lock) or "split" (one lock per counter)
names = ["hits", "errors", "misses", "retries"][:VARS]
values = {n: 0 for n in names}
coarse = threading.Lock()
locks = {n: threading.Lock() for n in names} if MODE == "split" else {n: coarse for n in names}


def add(name):
    with locks[name]:
        seen = values[name]
        time.sleep(CS_S)
        values[name] = seen + 1


def snapshot():
    order = list(dict.fromkeys(locks[n] for n in names))   # fixed order, each lock once
    for lk in order:
        lk.acquire()
    try:
        return dict(values)
    finally:
        for lk in reversed(order):
            lk.release()


def group(name):
    for _ in range(UPDATES):
        add(name)


threads = [threading.Thread(target=group, args=(names[t % VARS],), name=f"{names[t % VARS]}-{t // VARS}")
           for t in range(THREADS)]
for t in threads:
    t.start()
for _ in range(3):
    time.sleep(CS_S * UPDATES / 2)
    print("snapshot while running:", snapshot())
for t in threads:
    t.join()
print("final:", snapshot())
