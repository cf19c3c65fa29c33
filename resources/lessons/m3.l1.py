# What Futures are: a placeholder for a result that is not there yet.
# Twenty downloads of random length run on 20 workers; after a fixed deadline main sums
# only the futures that are already done. Then product tasks show exception() vs result().
import os
import random
import time
from concurrent.futures import ThreadPoolExecutor, wait

SCALE = 0.02 if os.environ.get("THREADLENS_QUICK") else 0.1  # 1 "s" of the lesson = 0.1 s here
random.seed(7)


def download(i, seconds):
    time.sleep(seconds * SCALE)
    return i * 10


def product(a, b):
    if a == 0 or b == 0:
        raise ValueError(f"zero factor in {a} * {b}")
    return a * b


with ThreadPoolExecutor(max_workers=20) as pool:
    futures = [pool.submit(download, i, random.uniform(1, 5)) for i in range(20)]
    done, not_done = wait(futures, timeout=3 * SCALE)
    total = sum(f.result() for f in done)
    print(f"by the deadline: {len(done)} done, {len(not_done)} still running, sum = {total}")

with ThreadPoolExecutor(max_workers=4) as pool:
    pairs = [(random.choice([0, 1, 2, 3]), random.randint(1, 9)) for _ in range(8)]
    for (a, b), fut in zip(pairs, [pool.submit(product, a, b) for a, b in pairs]):
        exc = fut.exception()          # blocks like result(); None on success
        if exc is not None:
            assert fut.exception() is exc  # the same object every time
            print(f"{a} * {b}: failed with {exc!r}")
        else:
            print(f"{a} * {b} = {fut.result()}")
