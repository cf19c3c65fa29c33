# Lock: cooks share the ovens, so baking is serialized and the dish counter is exact.
# The bug `with threading.Lock():` builds a NEW lock on every use: nobody ever waits,
# the critical sections overlap and updates of the shared counter get lost.
# With several ovens, how a cook takes one matters: trying every oven without blocking
# and then blocking on oven 0 only piles cooks up there while other ovens may be free.
import os
import threading
import time

QUICK = os.environ.get("THREADLENS_QUICK") == "1"
THREADS = 5                          # [threads] cooks
DISHES = 2                           # [dishes] dishes per cook
CS_S = 0.01 if QUICK else 0.2        # [cs_ms/1000] baking time: the critical section
LOCKS = 1                            # [locks] ovens
ACQUIRE_MODE = "blocking"            # [acquire_mode] "blocking", "try_then_block_first", "try_loop", "timeout" or "semaphore"
TIMEOUT_S = 0.1 if QUICK else 0.5    # [timeout_ms/1000] a timed acquire's timeout
NEW_LOCK_PER_WITH = False            # [new_lock_per_with] the bug: `with Lock():`, a new lock every time
ovens = [threading.Lock() for _ in range(LOCKS)]
oven_slots = threading.Semaphore(LOCKS)   # "semaphore": any free oven, no choosing
tally = threading.Lock()             # with several ovens the counter needs its own lock
dishes = 0


def count_dish(baking_s):
    global dishes
    seen = dishes                    # read ...
    time.sleep(baking_s)             # ... bake ...
    dishes = seen + 1                # ... write: a lost update if someone else was inside


def take_oven(cook):
    if ACQUIRE_MODE == "blocking":
        oven = ovens[cook % LOCKS]
        oven.acquire()
        return oven
    if ACQUIRE_MODE == "try_then_block_first":
        for oven in ovens:
            if oven.acquire(blocking=False):
                return oven
        ovens[0].acquire()           # the mistake: only ever waits for oven 0
        return ovens[0]
    if ACQUIRE_MODE == "try_loop":
        while True:
            for oven in ovens:
                if oven.acquire(blocking=False):
                    return oven
            time.sleep(max(0.001, CS_S / 5))
    k = cook % LOCKS                 # "timeout": a timed wait on one oven, then the next one
    while not ovens[k].acquire(timeout=TIMEOUT_S):
        k = (k + 1) % LOCKS
    return ovens[k]


def bake(tally_lock):
    if LOCKS == 1 and ACQUIRE_MODE != "semaphore":
        count_dish(CS_S)             # the oven's lock guards the counter too
    else:
        time.sleep(CS_S)
        with tally_lock:
            count_dish(0)


def cook(c):
    for _ in range(DISHES):
        if NEW_LOCK_PER_WITH:
            with threading.Lock():   # the bug: a lock nobody else ever sees
                bake(threading.Lock())
        elif ACQUIRE_MODE == "semaphore":
            with oven_slots:
                bake(tally)
        else:
            oven = take_oven(c)
            try:
                bake(tally)
            finally:
                oven.release()


cooks = [threading.Thread(target=cook, args=(c,), name=f"cook-{c}") for c in range(THREADS)]
t0 = time.perf_counter()
for c in cooks:
    c.start()
for c in cooks:
    c.join()
print(f"dishes={dishes} of {THREADS * DISHES}, wall={time.perf_counter() - t0:.2f}s")
try:
    ovens[0].release()
except RuntimeError as exc:
    print("releasing an unlocked lock:", exc)
