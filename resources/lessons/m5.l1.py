# Lock: five cooks share one oven, so baking is serialized and the dish counter is exact.
# The bug `with threading.Lock():` builds a NEW lock on every use: nobody ever waits,
# the critical sections overlap and updates of the shared counter get lost.
# The last part scans five ovens with acquire(blocking=False) and, if all are busy, blocks on
# oven 0 only, so cooks pile up there while other ovens may already be free.
import os
import random
import threading
import time

CS_S = 0.01 if os.environ.get("THREADLENS_QUICK") else 0.05
random.seed(1)
oven = threading.Lock()
dishes = 0


def cook(new_lock_each_time):
    global dishes
    lock = threading.Lock() if new_lock_each_time else oven   # the bug: a private lock
    with lock:
        seen = dishes            # read ...
        time.sleep(CS_S)         # ... bake ...
        dishes = seen + 1        # ... write: a lost update if someone else was inside


for bug in (False, True):
    dishes = 0
    cooks = [threading.Thread(target=cook, args=(bug,), name=f"cook-{i}") for i in range(5)]
    t0 = time.perf_counter()
    for c in cooks:
        c.start()
    for c in cooks:
        c.join()
    wall = time.perf_counter() - t0
    print(f"{'new Lock() per with' if bug else 'one shared oven':20}: dishes={dishes} of 5, wall={wall:.2f}s")

ovens = [threading.Lock() for _ in range(5)]
used = [0] * 5


def cook_multi():
    for i, o in enumerate(ovens):            # try every oven without blocking
        if o.acquire(blocking=False):
            break
    else:
        i = 0
        ovens[0].acquire()                   # AP12: only ever waits for oven 0
    used[i] += 1
    time.sleep(random.uniform(0.5, 1.5) * CS_S)
    ovens[i].release()


cooks = [threading.Thread(target=cook_multi, name=f"cook-{i}") for i in range(12)]
for c in cooks:
    c.start()
for c in cooks:
    c.join()
print("dishes per oven:", used)
try:
    oven.release()
except RuntimeError as exc:
    print("releasing an unlocked lock:", exc)
