"""m2.l3 submit() and map(): map yields in input order; results never iterated swallow errors."""
import os
import random
import time
from concurrent.futures import ThreadPoolExecutor

QUICK = os.environ.get("THREADLENS_QUICK") == "1"
WORKERS = 3                          # [workers] max_workers
ITEMS = 6                            # [items]
TASK_S = 0.04 if QUICK else 0.2      # [task_ms/1000] each task takes 0.3 to 1.5 times this
INJECT_ERROR_AT = -1                 # [inject_error_at] the item that raises; -1: none
IGNORE_MAP_RESULTS = False           # [ignore_map_results] the mistake: never iterate map's results
random.seed(1)
durations = [TASK_S * random.uniform(0.3, 1.5) for _ in range(ITEMS)]


def square(i):
    time.sleep(durations[i])
    if i == INJECT_ERROR_AT:
        raise ValueError(f"bad item {i}")
    return i * i


with ThreadPoolExecutor(max_workers=WORKERS) as pool:
    futures = [pool.submit(square, i) for i in range(ITEMS)]
    print("submit:", [repr(f.exception()) if f.exception() else f.result() for f in futures])

    results = pool.map(square, range(ITEMS))
    if IGNORE_MAP_RESULTS:
        print("map's results never iterated: no exception reaches main")
    else:
        try:
            for i, r in enumerate(results):      # input order, whatever the finish order
                print("map ->", i, r)
        except ValueError as e:
            print("map re-raised at its turn:", e)
