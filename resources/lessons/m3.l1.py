# What Futures are: a placeholder for a result that is not there yet.
# Downloads of random length run on one worker each; at a deadline main sums only the
# futures that are already done. A failed one shows exception() against result().
import os
import random
import time
from concurrent.futures import ThreadPoolExecutor, wait

QUICK = os.environ.get("THREADLENS_QUICK") == "1"
TASKS = 20                           # [tasks]
MIN_S = 0.04 if QUICK else 0.2       # [min_ms/1000] the shortest download
MAX_S = 0.2 if QUICK else 1.0        # [max_ms/1000] the longest download
TIMEOUT_S = 0.12 if QUICK else 0.6   # [timeout_ms/1000] wait()'s deadline
ZERO_PROB = 0.25                     # [zero_prob] probability of a zero factor (ValueError)
random.seed(7)


def download(seconds, a, b):
    time.sleep(seconds)              # the "download"
    if a == 0 or b == 0:
        raise ValueError(f"zero factor in {a} * {b}")
    return a * b


lo, hi = sorted((MIN_S, MAX_S))
jobs = [(random.uniform(lo, hi), 0 if random.random() < ZERO_PROB else random.randint(1, 9), random.randint(1, 9))
        for _ in range(TASKS)]
with ThreadPoolExecutor(max_workers=TASKS) as pool:
    futures = [pool.submit(download, *job) for job in jobs]
    done, not_done = wait(futures, timeout=TIMEOUT_S)
    total = 0
    for f in done:
        exc = f.exception()          # None on success; never blocks for a done future
        if exc is not None:
            assert f.exception() is exc   # the same object every time
            print(f"task {futures.index(f)} failed with {exc!r}")
        else:
            total += f.result()
    print(f"by the deadline: {len(done)} done, {len(not_done)} still running, sum = {total}")
