"""m9.l11 Which Pool method: a small decision function."""
import os
import random
import time
from multiprocessing import Pool

QUICK = os.environ.get("THREADLENS_QUICK") == "1"
N_TASKS = 8                          # [n_tasks]
MULTI_ARG = False                    # [multi_arg] the function takes several arguments
NEED_ORDER = True                    # [need_order] results in input order
NON_BLOCKING = False                 # [non_blocking] main must not block
LARGE_INPUT = False                  # [large_input] huge or lazy input: stream it
PROCESSES = 4                        # [processes] worker processes
TASK_S = 0.004 if QUICK else 0.04


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


def multiply(a, b):
    """CPU work in the worker process, then a * b."""
    end = time.process_time() + TASK_S
    while time.process_time() < end:
        pass
    return a * b


def choose(n_tasks, multi_arg, need_order, non_blocking, large_input):
    if n_tasks == 1:
        return "apply_async" if non_blocking else "apply"
    if large_input:
        return "imap" if need_order else "imap_unordered"
    if multi_arg:
        return "starmap_async" if non_blocking else "starmap"
    return "map_async" if non_blocking else "map"


if __name__ == "__main__":
    method = choose(N_TASKS, MULTI_ARG, NEED_ORDER, NON_BLOCKING, LARGE_INPUT)
    print("chosen:", method)
    items = make_items(N_TASKS, TASK_S)
    with Pool(PROCESSES) as pool:
        if method in ("apply", "apply_async"):
            call = getattr(pool, method)(square, (items[0],))
            print(call.get() if method == "apply_async" else call)
        elif method.startswith("starmap"):
            call = getattr(pool, method)(multiply, [(i, i) for i in range(N_TASKS)])
            print(call.get() if NON_BLOCKING else call)
        else:
            call = getattr(pool, method)(square, items)
            print(call.get() if NON_BLOCKING and method == "map_async" else list(call))
