"""m2.l4 Getting results: result(timeout) in submission order; per-call timeouts add up."""
import random
import time
from concurrent.futures import ThreadPoolExecutor

TASKS = 7                            # [tasks]
TIMEOUT_S = 1.5                      # [per_call_timeout_ms/1000] result()'s timeout
DEADLINE_MODE = "per_call"           # [deadline_mode] "per_call" (they add up) or "overall"
random.seed(1)
durations = [0.7, 1.4, 3.2, 4.1, 2.7, 0.3, 1.1][:TASKS]
durations += [0.1 * random.randint(3, 41) for _ in range(TASKS - len(durations))]


def job(name, seconds):
    time.sleep(seconds)
    return f"{name} slept {seconds:.1f} s"


with ThreadPoolExecutor(max_workers=TASKS) as pool:
    futures = [pool.submit(job, f"task{i}", d) for i, d in enumerate(durations)]
    t0 = time.perf_counter()
    deadline = t0 + TIMEOUT_S
    for f in futures:
        timeout = max(0.0, deadline - time.perf_counter()) if DEADLINE_MODE == "overall" else TIMEOUT_S
        try:
            print(f"{time.perf_counter() - t0:5.2f}s", f.result(timeout=timeout))
        except TimeoutError:                        # concurrent.futures.TimeoutError on < 3.11
            print(f"{time.perf_counter() - t0:5.2f}s timeout; still running, done={f.done()}")
print("after the with block every future finished:", all(f.done() for f in futures))
