"""m9.l4 apply_async: AsyncResult, callback and error_callback."""
import multiprocessing
import os
import random
import time
from multiprocessing import Pool

QUICK = os.environ.get("THREADLENS_QUICK") == "1"
TASKS = 8                            # [tasks]
PROCESSES = 4                        # [processes] worker processes
FAIL_ID = 2                          # [fail_id] the failing task; -1: none
GET_TIMEOUT_MS = 0                   # [get_timeout_ms] get()'s timeout; 0: none
TASK_S = 0.015 if QUICK else 0.15


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
        results = [pool.apply_async(square, (item,), callback=lambda v: print("callback", v),
                                    error_callback=lambda e: print("error_callback", repr(e)))
                   for item in make_items(TASKS, TASK_S, FAIL_ID)]
        print("main is free")
        for r in results:
            try:
                r.get(timeout=GET_TIMEOUT_MS / 1000 or None)
            except multiprocessing.TimeoutError:
                print("get timed out")
            except ValueError as e:
                print("get raised", e)
