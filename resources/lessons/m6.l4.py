# Retry with backoff: threads take two locks in opposite orders. Blocking on the second
# lock deadlocks; trying it, releasing everything and backing off (with jitter) does not.
import os
import random
import threading
import time

QUICK = os.environ.get("THREADLENS_QUICK") == "1"
THREADS = 2                          # [threads]
BASE = 0.002 if QUICK else 0.01      # [base_ms/1000] the first back-off delay
FACTOR = 2                           # [factor] each retry waits this many times longer
MAX = 0.1 if QUICK else 0.5          # [max_ms/1000] the longest delay
JITTER = True                        # [jitter] random extra delay, so threads fall out of step
MAX_RETRIES = 10                     # [max_retries]
WORK_S = 0.008 if QUICK else 0.04    # [work_ms/1000] work with both locks
MODE = "try_backoff"                 # [mode] second lock tried without blocking, or "timeout_backoff"
BLOCKING = False                     # [blocking] the bug: a blocking acquire, no back-off (deadlock)
A, B = threading.Lock(), threading.Lock()


def take_second(second):
    if BLOCKING:
        # Blocks forever in a deadlock; the 2 s guard only reports it instead of hanging.
        if second.acquire(timeout=2.0):
            return True
        print(threading.current_thread().name, "deadlocked: each thread holds the lock the other one needs")
        raise SystemExit
    if MODE == "try_backoff":
        return second.acquire(blocking=False)
    return second.acquire(timeout=BASE)


def worker(t):
    rnd = random.Random(t)
    first, second = (A, B) if t % 2 == 0 else (B, A)
    for attempt in range(MAX_RETRIES + 1):
        with first:
            time.sleep(WORK_S / 2)   # reads something with the first lock before needing the second
            if take_second(second):
                try:
                    time.sleep(WORK_S)   # both locks held: do the work
                    print(f"T{t}: done after {attempt} retries")
                    return
                finally:
                    second.release()
        # everything held is released; now back off
        delay = min(MAX, BASE * FACTOR ** attempt)
        if JITTER:
            delay *= 1 + rnd.random()
        time.sleep(delay)
    print(f"T{t}: gave up")


threads = [threading.Thread(target=worker, args=(t,), name=f"T{t}") for t in range(THREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
