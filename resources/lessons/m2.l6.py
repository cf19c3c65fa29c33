"""m2.l6 Waiting for tasks: wait(timeout, return_when) splits futures into done and not_done."""
import concurrent.futures
import random
import time
from concurrent.futures import ThreadPoolExecutor, wait

TASKS = 7                            # [tasks]
TIMEOUT_S = 1.5                      # [timeout_ms/1000] wait()'s timeout
RETURN_WHEN = "ALL_COMPLETED"        # [return_when] "ALL_COMPLETED", "FIRST_COMPLETED" or "FIRST_EXCEPTION"
FAIL_FIRST = False                   # [fail_first] task 1 raises
random.seed(1)
durations = [0.3, 2.1, 0.9, 3.0, 1.2, 0.6, 2.5][:TASKS]
durations += [0.1 * random.randint(2, 30) for _ in range(TASKS - len(durations))]


def nap(i):
    time.sleep(durations[i])
    if FAIL_FIRST and i == 1:
        raise ValueError("task 1 failed")
    return i


with ThreadPoolExecutor(max_workers=TASKS) as pool:
    fs = [pool.submit(nap, i) for i in range(TASKS)]
    done, not_done = wait(fs, timeout=TIMEOUT_S, return_when=getattr(concurrent.futures, RETURN_WHEN))
    print(f"wait({RETURN_WHEN}) returned: done={sorted(fs.index(f) for f in done)} "
          f"not_done={sorted(fs.index(f) for f in not_done)}")      # never raises on timeout
print("the with-exit waited for the rest:", all(f.done() for f in fs))
