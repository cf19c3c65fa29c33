# Getting exceptions from a Future: a task's exception is stored, exception() returns it,
# result() re-raises it. A failing task does not kill its worker thread.
import os
import random
import time
from concurrent.futures import ThreadPoolExecutor

QUICK = os.environ.get("THREADLENS_QUICK") == "1"
TASKS = 20                           # [tasks]
FAIL_PROB = 0.2                      # [fail_prob] probability that a task fails
WORKERS = 4                          # [workers]
TASK_S = 0.005 if QUICK else 0.05    # [task_ms/1000]
random.seed(5)
fails = [random.random() < FAIL_PROB for _ in range(TASKS)]


def process(item):
    time.sleep(TASK_S)
    if fails[item]:
        raise ValueError(f"item {item} is corrupt")
    return item * 2


failed = 0
with ThreadPoolExecutor(max_workers=WORKERS) as pool:
    futures = [pool.submit(process, i) for i in range(TASKS)]
    for i, fut in enumerate(futures):
        exc = fut.exception()
        try:
            value = fut.result()
            assert exc is None
            print(f"item {i}: ok -> {value}")
        except ValueError as err:
            assert err is exc                 # the same object, its type preserved
            failed += 1
            print(f"item {i}: failed ({err})")
print(f"{failed} of {TASKS} failed; the {WORKERS} workers all survived")
