"""m9.l10 starmap_async: tuples in, one callback out."""
import os
import random
import time
from multiprocessing import Pool

QUICK = os.environ.get("THREADLENS_QUICK") == "1"
PAIRS = 20                           # [pairs]
PROCESSES = 4                        # [processes] worker processes
CHUNKSIZE = 0                        # [chunksize] 0: automatic
ITEM_S = 0.004 if QUICK else 0.04    # [item_ms/1000] mean CPU work per item
FAIL_ID = -1                         # [fail_id] the failing item; -1: none


def multiply(a, b, seconds):
    """CPU work in the worker process (its own CPU time), then a * b; a negative a fails."""
    end = time.process_time() + seconds
    while time.process_time() < end:
        pass
    if a < 0:
        raise ValueError(f"negative item {-a - 1}")
    return a * b


def make_pairs(n, mean_s, fail_id=-1):
    """(a, b, CPU seconds) per task: 0.3 to 1.5 times the mean; the failing one gets a negative a."""
    rnd = random.Random(1)
    return [(-(i + 1) if i == fail_id else i, i, rnd.uniform(0.3 * mean_s, 1.5 * mean_s)) for i in range(n)]


if __name__ == "__main__":
    with Pool(PROCESSES) as pool:
        res = pool.starmap_async(multiply, make_pairs(PAIRS, ITEM_S, FAIL_ID), chunksize=CHUNKSIZE or None,
                                 callback=lambda v: print("callback with", len(v), "results"),
                                 error_callback=lambda e: print("error_callback", e))
        print("main is free")
        try:
            print(res.get())
        except ValueError as e:
            print("get raised", e)
