# Lock splitting: independent counters get their own lock; a snapshot takes all locks in a fixed order.
import threading, time

class Stats:
    def __init__(self, names):
        self.values = {n: 0 for n in names}
        self.locks = {n: threading.Lock() for n in names}   # split: one lock per variable

    def add(self, name, amount):
        with self.locks[name]:
            self.values[name] += amount
            time.sleep(0.002)

    def snapshot(self):
        for n in sorted(self.locks):                 # fixed order
            self.locks[n].acquire()
        try:
            return dict(self.values)
        finally:
            for n in sorted(self.locks, reverse=True):
                self.locks[n].release()

stats = Stats(["hits", "errors"])
def group(name):
    for _ in range(20):
        stats.add(name, 1)

threads = [threading.Thread(target=group, args=(n,)) for n in ["hits", "errors"] * 3]
for t in threads:
    t.start()
print("snapshot while running:", stats.snapshot())
for t in threads:
    t.join()
print("final:", stats.snapshot())
