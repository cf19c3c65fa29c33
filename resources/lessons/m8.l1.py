# Thread-safe counter: an unlocked read-modify-write loses updates; a lock fixes it.
import threading
import time

THREADS = 4                          # [threads]
INCREMENTS = 1000                    # [increments] per thread
RACE_WINDOW = "sleep0"               # [race_window] "sleep0" widens the window between read and write; "none"
MODE = "unsafe"                      # [mode] "unsafe" or "lock"


class Counter:
    def __init__(self):
        self.value = 0
        self.lock = threading.Lock()

    def increment(self):
        if MODE == "lock":
            with self.lock:
                self.value += 1
        else:
            v = self.value           # LOAD
            if RACE_WINDOW == "sleep0":
                time.sleep(0)        # lets another thread run here
            self.value = v + 1       # STORE (may overwrite a newer value)


def work(c):
    for _ in range(INCREMENTS):
        c.increment()


c = Counter()
ts = [threading.Thread(target=work, args=(c,), name=f"T{t}") for t in range(THREADS)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(f"{MODE}: final={c.value} expected={THREADS * INCREMENTS} lost={THREADS * INCREMENTS - c.value}")
