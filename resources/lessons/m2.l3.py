"""m2.l3 submit() and map(): map yields in input order; unconsumed results swallow errors (AP11)."""
import os
import time
from concurrent.futures import ThreadPoolExecutor

QUICK = os.environ.get("THREADLENS_QUICK") == "1"
S = 0.2 if QUICK else 1.0
durations = [0.15, 0.05, 0.1, 0.02, 0.12, 0.08]


def square(i):
    time.sleep(durations[i] * S)
    if i == 3:
        raise ValueError(f"bad item {i}")
    return i * i


with ThreadPoolExecutor(max_workers=3) as pool:
    futures = [pool.submit(square, i) for i in range(len(durations))]
    print("submit:", [f.result() if not f.exception() else repr(f.exception()) for f in futures])

    pool.map(square, range(len(durations)))          # AP11: never iterated, the ValueError is lost
    print("map with ignored results: no exception reached main")

    results = pool.map(square, range(len(durations)))
    try:
        for i, r in enumerate(results):             # input order, whatever the finish order
            print("map ->", i, r)
    except ValueError as e:
        print("map re-raised at its turn:", e)
