# Semaphore: a parking lot with a few places and more cars. At most `permits` cars are
# inside at once. A BoundedSemaphore refuses an extra release; a plain Semaphore silently
# grows, and the lot then admits one car too many.
import os
import random
import threading
import time

QUICK = os.environ.get("THREADLENS_QUICK") == "1"
WORKERS = 10                         # [workers] cars
PERMITS = 3                          # [permits] parking places
HOLD_MIN_S = 0.01 if QUICK else 0.2  # [hold_min_ms/1000] the shortest stay
HOLD_MAX_S = 0.05 if QUICK else 1.0  # [hold_max_ms/1000] the longest stay
BOUNDED = True                       # [bounded] a BoundedSemaphore
EXTRA_RELEASE = False                # [extra_release] the bug: one car releases twice
random.seed(9)
places = (threading.BoundedSemaphore if BOUNDED else threading.Semaphore)(PERMITS)
lo, hi = sorted((HOLD_MIN_S, HOLD_MAX_S))
stays = [random.uniform(lo, hi) for _ in range(WORKERS)]


def car(i):
    places.acquire()
    time.sleep(stays[i])
    places.release()
    if EXTRA_RELEASE and i == 0:
        try:
            places.release()         # one release too many
        except ValueError as exc:
            print("BoundedSemaphore:", exc)


cars = [threading.Thread(target=car, args=(i,), name=f"car-{i}") for i in range(WORKERS)]
for c in cars:
    c.start()
for c in cars:
    c.join()
print("value at the end:", places._value, "of", PERMITS)
