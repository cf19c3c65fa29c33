# Getting exceptions from a Future: a task's exception is stored, exception() returns it,
# result() re-raises it. A failing task does not kill its worker thread.
import os
import random
import time
from concurrent.futures import ThreadPoolExecutor

TASK_S = 0.005 if os.environ.get("THREADLENS_QUICK") else 0.03
random.seed(5)


def process(item):
    time.sleep(TASK_S)
    if random.random() < 0.2:
        raise ValueError(f"item {item} is corrupt")
    return item * 2


failed = 0
with ThreadPoolExecutor(max_workers=4) as pool:
    futures = [pool.submit(process, i) for i in range(20)]
    for i, fut in enumerate(futures):
        exc = fut.exception()
        try:
            value = fut.result()
            assert exc is None
            print(f"item {i}: ok -> {value}")
        except ValueError as err:
            assert err is exc                 # same object, type preserved
            failed += 1
            print(f"item {i}: failed ({err})")
print(f"{failed} of 20 failed; the 4 workers all survived")
