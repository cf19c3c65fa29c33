"""m1.l10 Atomic operations: list.append is atomic, counter += 1 is not."""
import threading
import time

THREADS, OPS = 4, 1000
items = []
counter = 0
lock = threading.Lock()


def appender():
    for i in range(OPS):
        items.append(i)                 # one atomic operation under the GIL


def incrementer(use_lock):
    global counter
    for _ in range(OPS):
        if use_lock:
            with lock:
                value = counter         # LOAD
                time.sleep(0)           # a switch may happen here
                counter = value + 1     # ADD + STORE
        else:
            value = counter
            time.sleep(0)               # widens the race window, as the scenario's sleep0
            counter = value + 1


def run(target, *args):
    ts = [threading.Thread(target=target, args=args) for _ in range(THREADS)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()


run(appender)
print("len(items) =", len(items), "expected", THREADS * OPS)
for use_lock in (False, True):
    counter = 0
    run(incrementer, use_lock)
    print(f"lock={use_lock}: counter = {counter} of {THREADS * OPS}, lost {THREADS * OPS - counter}")
