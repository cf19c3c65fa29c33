# Thread-safe counter: an unlocked read-modify-write loses updates; a lock fixes it.
import threading, time

class Counter:
    def __init__(self, safe):
        self.value = 0
        self.safe = safe
        self.lock = threading.Lock()

    def increment(self):
        if self.safe:
            with self.lock:
                self.value += 1
        else:
            v = self.value        # LOAD
            time.sleep(0)         # widen the race window (lets another thread run)
            self.value = v + 1    # STORE (may overwrite a newer value)

THREADS, INCREMENTS = 4, 1000
for safe in (False, True):
    c = Counter(safe)
    ts = [threading.Thread(target=lambda: [c.increment() for _ in range(INCREMENTS)]) for _ in range(THREADS)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    print(f"{'lock' if safe else 'unsafe'}: {c.value} of {THREADS * INCREMENTS}")
