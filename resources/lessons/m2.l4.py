"""m2.l4 Getting results: result(timeout) in submission order; the timeouts add up (AP13)."""
import os
import time
from concurrent.futures import ThreadPoolExecutor

QUICK = os.environ.get("THREADLENS_QUICK") == "1"
S = 0.1 if QUICK else 0.4
durations = [0.7, 1.4, 3.2, 4.1, 2.7, 0.3, 1.1]   # seconds, scaled by S
PER_CALL_TIMEOUT = 1.5 * S


def job(name, seconds):
    time.sleep(seconds * S)
    return f"{name} slept {seconds}"


with ThreadPoolExecutor(max_workers=len(durations)) as pool:
    futures = [pool.submit(job, f"task{i}", d) for i, d in enumerate(durations)]
    t0 = time.perf_counter()
    for f in futures:
        try:
            print(f"{time.perf_counter() - t0:5.2f}s", f.result(timeout=PER_CALL_TIMEOUT))
        except TimeoutError:                        # concurrent.futures.TimeoutError on < 3.11
            print(f"{time.perf_counter() - t0:5.2f}s timeout; still running, done={f.done()}")
print("after the with block every future finished:", all(f.done() for f in futures))
