"""m9.l3 apply: one task at a time, the caller blocks."""
import os
import random
import time
from multiprocessing import Pool

QUICK = os.environ.get("THREADLENS_QUICK") == "1"
CALLS = 4                            # [calls]
TASK_S = 0.01 if QUICK else 0.3      # [task_ms/1000] CPU work per call
PROCESSES = 4                        # [processes] worker processes


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
        results = [pool.apply(square, ((TASK_S, i),)) for i in range(CALLS)]   # a staircase: one at a time
        print(results)
