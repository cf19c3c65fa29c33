# Thread-safe dict: d[k] = d.get(k, 0) + 1 is not atomic; iterating while another thread
# writes fails.
import random
import threading
import time

THREADS = 4                          # [threads]
KEYS = 10                            # [keys] words
UPDATES = 1000                       # [updates] in total
MODE = "unsafe"                      # [mode] "unsafe" or "lock"
ITERATE_DURING_WRITES = False        # [iterate_during_writes] the bug: iterate while threads write
words = [f"w{i}" for i in range(KEYS)]
counts, lock = {}, threading.Lock()


def count(t):
    rnd = random.Random(t)
    for _ in range(UPDATES // THREADS + (t < UPDATES % THREADS)):
        w = rnd.choice(words)
        if MODE == "lock":
            with lock:
                counts[w] = counts.get(w, 0) + 1
        else:
            v = counts.get(w, 0)
            time.sleep(0)            # the race window between get and set
            counts[w] = v + 1


ts = [threading.Thread(target=count, args=(t,), name=f"T{t}") for t in range(THREADS)]
for t in ts:
    t.start()
if ITERATE_DURING_WRITES:
    try:
        for w in counts:             # a new key added meanwhile breaks the loop
            time.sleep(0.0005)
    except RuntimeError as e:
        print("RuntimeError:", e)
    with lock:
        snapshot = dict(counts)      # the fix: copy under the lock, iterate the copy
    print("snapshot has", len(snapshot), "keys")
for t in ts:
    t.join()
print(f"{MODE}: final sum={sum(counts.values())} expected={UPDATES}")
