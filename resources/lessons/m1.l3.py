"""m1.l3 What threads are: workers compute in the background and leave results in shared variables."""
import os
import random
import threading
import time

QUICK = os.environ.get("THREADLENS_QUICK") == "1"
WORKERS = 3                          # [workers]
WORK_S = 0.1 if QUICK else 0.5       # [work_ms/1000] CPU time each worker computes
STAGGER_S = 0.0                      # [start_stagger_ms/1000] pause between two starts

random.seed(1)
numbers = [random.randint(1, 100) for _ in range(30_000)]
to_sort = [random.randint(1, 100) for _ in range(10)]
sums = [None] * WORKERS              # one shared slot per worker


def add_slice(k):
    end = time.thread_time() + WORK_S
    while time.thread_time() < end:  # this thread's own CPU time: an amount of work
        total = sum(numbers[k::WORKERS])
    sums[k] = total
    if k == WORKERS - 1:
        to_sort.sort()               # the list is shared by reference: main sees it sorted


workers = [threading.Thread(target=add_slice, args=(k,), name=f"worker-{k}") for k in range(WORKERS)]
for w in workers:
    w.start()                        # returns at once
    time.sleep(STAGGER_S)
print("started:", [w.name for w in workers])
for w in workers:
    w.join()                         # only now are the results safe to read
print("sums =", sums, "total ok:", sum(sums) == sum(numbers))
print("sorted:", to_sort == sorted(to_sort), to_sort)
