"""m1.l10 Atomic operations: list.append is atomic, counter += 1 is not."""
import threading
import time

THREADS = 4                          # [threads]
OPS = 1000                           # [ops_per_thread]
RACE_WINDOW = "sleep0"               # [race_window] "none" or "sleep0" between LOAD and STORE
LOCK = False                         # [lock] the fix: guard += with a Lock
items = []
counter = 0
lock = threading.Lock()


def appender():
    for i in range(OPS):
        items.append(i)              # one atomic operation under the GIL


def add_one():
    global counter
    value = counter                  # LOAD
    if RACE_WINDOW == "sleep0":
        time.sleep(0)                # a switch may happen here
    counter = value + 1              # ADD + STORE


def incrementer():
    for _ in range(OPS):
        if LOCK:
            with lock:
                add_one()
        else:
            add_one()


def run(target):
    ts = [threading.Thread(target=target) for _ in range(THREADS)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()


run(appender)
print("len(items) =", len(items), "expected", THREADS * OPS)
run(incrementer)
print(f"lock={LOCK}: counter = {counter} of {THREADS * OPS}, lost {THREADS * OPS - counter}")
