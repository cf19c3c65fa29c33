"""m2.l6 Waiting for tasks: wait(timeout, return_when) splits futures into done and not_done."""
import os
import time
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait

QUICK = os.environ.get("THREADLENS_QUICK") == "1"
S = 0.1 if QUICK else 0.4
durations = [0.3, 2.1, 0.9, 3.0, 1.2, 0.6, 2.5]


def nap(i):
    time.sleep(durations[i] * S)
    return i


with ThreadPoolExecutor(max_workers=len(durations)) as pool:
    fs = [pool.submit(nap, i) for i in range(len(durations))]
    done, not_done = wait(fs, timeout=1.5 * S)          # never raises on timeout
    print("done:", sorted(f.result() for f in done), "not_done:", len(not_done))
    first, _ = wait(not_done, return_when=FIRST_COMPLETED)
    print("first of the rest:", [f.result() for f in first])
print("the with-exit waited for the rest:", all(f.done() for f in fs))
