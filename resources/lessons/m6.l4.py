# Retry with backoff: take two locks in opposite orders without deadlocking.
import threading, time, random

A, B = threading.Lock(), threading.Lock()
BASE, FACTOR, MAX, MAX_RETRIES = 0.005, 2, 0.2, 10

def worker(name, first, second, seed):
    rnd = random.Random(seed)
    for attempt in range(MAX_RETRIES + 1):
        with first:
            if second.acquire(timeout=0.01):       # or blocking=False
                try:
                    time.sleep(0.01)               # both locks held: do the work
                    print(f"{name}: done after {attempt} retries")
                    return
                finally:
                    second.release()
        # we released everything we held; now back off with jitter
        delay = min(MAX, BASE * FACTOR ** attempt) * (1 + rnd.random())
        time.sleep(delay)
    print(f"{name}: gave up")

t1 = threading.Thread(target=worker, args=("T1", A, B, 1))
t2 = threading.Thread(target=worker, args=("T2", B, A, 2))
t1.start(); t2.start(); t1.join(); t2.join()
