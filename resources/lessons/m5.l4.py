# Condition: a hand-made bounded buffer. wait() releases the lock while sleeping and takes
# it again before returning; the predicate is re-checked in a while loop.
import os
import threading
import time

SCALE = 0.2 if os.environ.get("THREADLENS_QUICK") else 1.0
CAPACITY = 3
buffer = []
cond = threading.Condition()          # the default lock is an RLock
consumed = []


def producer(p):
    for i in range(6):
        time.sleep(0.01 * SCALE)
        with cond:
            while len(buffer) >= CAPACITY:     # `if` here would be a bug
                cond.wait()
            buffer.append(f"p{p}-{i}")
            cond.notify_all()


def consumer():
    for _ in range(6):
        with cond:
            while not buffer:
                cond.wait()
            consumed.append(buffer.pop(0))
            assert 0 <= len(buffer) <= CAPACITY
            cond.notify_all()
        time.sleep(0.02 * SCALE)


threads = [threading.Thread(target=producer, args=(p,), name=f"producer-{p}") for p in range(2)]
threads += [threading.Thread(target=consumer, name=f"consumer-{c}") for c in range(2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(f"consumed {len(consumed)} items: {consumed}")
try:
    cond.notify()
except RuntimeError as exc:
    print("notify without the lock:", exc)
