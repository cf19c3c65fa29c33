# Semaphore: a parking lot with 3 places and 10 cars. At most 3 cars are inside at once.
# A BoundedSemaphore refuses an extra release; a plain Semaphore silently grows.
import os
import random
import threading
import time

SCALE = 0.05 if os.environ.get("THREADLENS_QUICK") else 0.15
random.seed(9)
places = threading.BoundedSemaphore(3)
inside = 0
max_inside = 0
count_lock = threading.Lock()


def car(i):
    global inside, max_inside
    with places:
        with count_lock:
            inside += 1
            max_inside = max(max_inside, inside)
        time.sleep(random.uniform(0.2, 2.0) * SCALE)
        with count_lock:
            inside -= 1


cars = [threading.Thread(target=car, args=(i,), name=f"car-{i}") for i in range(10)]
for c in cars:
    c.start()
for c in cars:
    c.join()
print("most cars inside at once:", max_inside)

try:
    places.release()            # one release too many
except ValueError as exc:
    print("BoundedSemaphore:", exc)
plain = threading.Semaphore(3)
plain.release()
print("plain Semaphore after an extra release: value =", plain._value)
