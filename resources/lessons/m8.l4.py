# Thread-safe dict: d[k] = d.get(k, 0) + 1 is not atomic; iterating while another thread writes fails.
import threading, time

WORDS = [f"w{i}" for i in range(10)]
counts, lock = {}, threading.Lock()

def count(safe, n):
    for i in range(n):
        w = WORDS[i % len(WORDS)]
        if safe:
            with lock:
                counts[w] = counts.get(w, 0) + 1
        else:
            v = counts.get(w, 0)
            time.sleep(0)           # the race window between get and set
            counts[w] = v + 1

for safe in (False, True):
    counts.clear()
    ts = [threading.Thread(target=count, args=(safe, 500)) for _ in range(4)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    print("locked" if safe else "unsafe", sum(counts.values()), "of", 4 * 500)

d = {1: 1}
try:
    for k in d:
        d[k + 1] = 1                # another thread doing this has the same effect
except RuntimeError as e:
    print("RuntimeError:", e)
with lock:
    snapshot = dict(d)              # the fix: copy under the lock, iterate the copy
print("snapshot has", len(snapshot), "keys")
