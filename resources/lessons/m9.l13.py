"""m9.l13 Best practices with multiprocessing.Pool."""
import os
import random
import time
from multiprocessing import Pool

QUICK = os.environ.get("THREADLENS_QUICK") == "1"
CLOSE_JOIN = True                    # [close_join] close() + join() before leaving the with block
GET_RESULTS = True                   # [get_results] get() every async result
ERROR_CALLBACK = True                # [error_callback] set an error_callback
SHORT_CALLBACKS = True               # [short_callbacks] keep callbacks short
TASKS = 12                           # [tasks]
PROCESSES = 4                        # [processes] worker processes
FAIL_ID = 5                          # [fail_id] the failing task; -1: none
TASK_S = 0.006 if QUICK else 0.06


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


def init_worker():
    print(f"worker {os.getpid()} ready")   # per-process setup happens once


def on_result(value):                # runs in the parent's result-handler thread
    if not SHORT_CALLBACKS:
        time.sleep(0.04)             # a slow callback holds up every other result
    print("result", value)


if __name__ == "__main__":           # the __main__ guard
    with Pool(PROCESSES, initializer=init_worker) as pool:
        results = [pool.apply_async(square, (item,), callback=on_result,
                                    error_callback=(lambda e: print("error_callback", e)) if ERROR_CALLBACK else None)
                   for item in make_items(TASKS, TASK_S, FAIL_ID)]
        if GET_RESULTS:
            for r in results:        # get() shows the failure
                try:
                    r.get()
                except ValueError as e:
                    print("handled", e)
        if CLOSE_JOIN:
            pool.close()             # no more tasks; join() waits for the rest
            pool.join()
    # leaving the with block calls terminate(): what has not finished is killed
