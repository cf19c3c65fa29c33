"""m9.l14 Common Pool mistakes, each one small and visible."""
import os
import random
import time
from multiprocessing import Pool

QUICK = os.environ.get("THREADLENS_QUICK") == "1"
MISTAKE = "lambda"                   # [mistake] "none", "lambda", "no_get", "early_exit", "child_globals", "tiny_tasks" or "slow_callback"
PROCESSES = 4                        # [processes] worker processes
TASKS = 8                            # [tasks]
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


counter = 0


def count(_):
    global counter
    counter += 1                     # changes the CHILD's copy only
    print("child counter =", counter)
    return counter


if __name__ == "__main__":
    items = make_items(TASKS, TASK_S, 1 if MISTAKE == "no_get" else -1)
    with Pool(PROCESSES) as pool:
        if MISTAKE == "lambda":
            try:
                pool.apply_async(lambda x: x, (1,)).get()   # a lambda cannot be pickled
            except Exception as e:
                print("raised", type(e).__name__, e)
            print("results:", pool.map(square, items))
        elif MISTAKE == "no_get":
            rs = [pool.apply_async(square, (it,)) for it in items]
            for r in rs:
                r.wait()             # waits, but never get(): the failure goes unseen
            print("all done (no errors seen)")
        elif MISTAKE == "early_exit":
            for it in items:
                pool.apply_async(square, (it,))
            print("leaving the with block")   # terminate() kills the workers mid-task
        elif MISTAKE == "child_globals":
            pool.map(count, range(TASKS), chunksize=1)
            print("parent counter =", counter)   # expecting TASKS
        elif MISTAKE == "tiny_tasks":
            pool.map(square, [(0.00001, i) for i in range(TASKS * 8)], chunksize=1)   # overhead outweighs work
            print("results: tiny")
        elif MISTAKE == "slow_callback":
            rs = [pool.apply_async(square, (it,), callback=lambda v: time.sleep(0.05)) for it in items]
            for r in rs:
                r.get()              # one slow callback delays every later result
        else:
            print("results:", pool.map(square, items))
        if MISTAKE != "early_exit":
            pool.close()
            pool.join()
