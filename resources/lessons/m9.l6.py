"""m9.l6 map_async: one callback with the whole list."""
import os
import random
import time
from multiprocessing import Pool

QUICK = os.environ.get("THREADLENS_QUICK") == "1"
ITEMS = 40                           # [items]
PROCESSES = 4                        # [processes] worker processes
CHUNKSIZE = 0                        # [chunksize] 0: automatic, ceil(items / (4 * processes))
ITEM_S = 0.004 if QUICK else 0.04    # [item_ms/1000] mean CPU work per item
FAIL_ID = -1                         # [fail_id] the failing item; -1: none


def square(item):
    """CPU work in the worker process (its own CPU time), then x squared; a negative x fails."""
    seconds, x = item
    end = time.process_time() + seconds
    while time.process_time() < end:
        pass
    if x < 0:
        raise ValueError(f"negative item {-x - 1}")
    return x * x


def make_items(n, mean_s, fail_id=-1):
    """(CPU seconds, x) per task: 0.3 to 1.5 times the mean; the failing one gets a negative x."""
    rnd = random.Random(1)
    return [(rnd.uniform(0.3 * mean_s, 1.5 * mean_s), -(i + 1) if i == fail_id else i) for i in range(n)]


if __name__ == "__main__":
    with Pool(PROCESSES) as pool:
        res = pool.map_async(square, make_items(ITEMS, ITEM_S, FAIL_ID), chunksize=CHUNKSIZE or None,
                             callback=lambda v: print("callback with", len(v), "results"),
                             error_callback=lambda e: print("error_callback", e))
        print("main is free")
        try:
            print(res.get())
        except ValueError as e:
            print("get raised", e)
