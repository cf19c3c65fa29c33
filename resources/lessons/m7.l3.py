# Exception handling during task execution: bounded retries, every failure retrieved,
# handled inside the task, by main through result(), or in a done-callback.
import random
import threading
import time
from concurrent.futures import ThreadPoolExecutor

FILES = 20                           # [files]
FAIL_PROB = 0.2                      # [fail_prob] probability that an attempt fails
RETRIES = 2                          # [retries]
BACKOFF = 0.05                       # [retry_backoff_ms/1000] doubled after each failure
WORKERS = 4                          # [workers]
HANDLING = "inside_task"             # [handling] "inside_task", "main_result" or "callback"
results = {}
results_lock = threading.Lock()


class DownloadError(Exception):
    pass


def attempt_all(i):
    for attempt in range(RETRIES + 1):
        time.sleep(0.02 + 0.01 * (i % 4))
        if random.Random(i * 131 + attempt).random() >= FAIL_PROB:
            return attempt + 1       # attempts used
        if attempt < RETRIES:
            time.sleep(BACKOFF * 2 ** attempt)
    raise DownloadError(f"file{i} gave up after {RETRIES + 1} attempts (HTTP 503)")


def inside_task(i):                  # handling inside the task: always returns a status
    try:
        return attempt_all(i)
    except DownloadError:
        return -(RETRIES + 1)


def record(i, ok, attempts):
    with results_lock:
        results[i] = (ok, attempts)


with ThreadPoolExecutor(WORKERS) as pool:
    if HANDLING == "inside_task":
        futures = [pool.submit(inside_task, i) for i in range(FILES)]
        for i, f in enumerate(futures):
            record(i, f.result() > 0, abs(f.result()))
    elif HANDLING == "main_result":
        futures = [pool.submit(attempt_all, i) for i in range(FILES)]
        for i, f in enumerate(futures):
            try:
                record(i, True, f.result())   # re-raises the task's exception
            except DownloadError:
                record(i, False, RETRIES + 1)
    else:
        for i in range(FILES):
            pool.submit(attempt_all, i).add_done_callback(
                lambda f, i=i: record(i, f.exception() is None, f.result() if f.exception() is None else RETRIES + 1))
# the with-exit waited for every task and callback
ok = sum(good for good, _ in results.values())
retried = sum(attempts > 1 for _, attempts in results.values())
print(f"ok={ok} failed={FILES - ok} retried={retried}")
