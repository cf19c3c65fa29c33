"""m9.l8 imap_unordered: results in completion order."""
import os
import random
import time
from multiprocessing import Pool

QUICK = os.environ.get("THREADLENS_QUICK") == "1"
ITEMS = 20                           # [items]
PROCESSES = 4                        # [processes] worker processes
CHUNKSIZE = 1                        # [chunksize]
ITEM_S = 0.006 if QUICK else 0.06    # [item_ms/1000] mean CPU work per item


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
        for value in pool.imap_unordered(square, make_items(ITEMS, ITEM_S), chunksize=CHUNKSIZE):
            print("yield", value)
