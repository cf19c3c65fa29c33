"""m9.l12 One workload through all eight Pool methods."""
import os
import random
import time
from multiprocessing import Pool

QUICK = os.environ.get("THREADLENS_QUICK") == "1"
ITEMS = 32                           # [items]
PROCESSES = 4                        # [processes] worker processes
ITEM_S = 0.002 if QUICK else 0.02    # [item_ms/1000] mean CPU work per item
CHUNKSIZE = 0                        # [chunksize] 0: automatic (1 for imap and imap_unordered)


def square(item):
    """CPU work in the worker process (its own CPU time), then x squared; a negative x fails."""
    seconds, x = item
    end = time.process_time() + seconds
    while time.process_time() < end:
        pass
    if x < 0:
        raise ValueError(f"negative item {-x - 1}")
    return x * x


def make_items(n, mean_s, fail_id=-1):
    """(CPU seconds, x) per task: 0.3 to 1.5 times the mean; the failing one gets a negative x."""
    rnd = random.Random(1)
    return [(rnd.uniform(0.3 * mean_s, 1.5 * mean_s), -(i + 1) if i == fail_id else i) for i in range(n)]


def mul(a, b, seconds):
    """CPU work in the worker process, then a * b."""
    end = time.process_time() + seconds
    while time.process_time() < end:
        pass
    return a * b


if __name__ == "__main__":
    items = make_items(ITEMS, ITEM_S)
    pairs = [(x, x, s) for s, x in items]
    cs = CHUNKSIZE or None
    with Pool(PROCESSES) as pool:
        for name, run in [
            ("apply", lambda: [pool.apply(square, (it,)) for it in items]),
            ("apply_async", lambda: [r.get() for r in [pool.apply_async(square, (it,)) for it in items]]),
            ("map", lambda: pool.map(square, items, cs)),
            ("map_async", lambda: pool.map_async(square, items, cs).get()),
            ("imap", lambda: list(pool.imap(square, items, CHUNKSIZE or 1))),
            ("imap_unordered", lambda: sorted(pool.imap_unordered(square, items, CHUNKSIZE or 1))),
            ("starmap", lambda: pool.starmap(mul, pairs, cs)),
            ("starmap_async", lambda: pool.starmap_async(mul, pairs, cs).get()),
        ]:
            start = time.perf_counter()
            out = run()
            print(f"{name:15} {time.perf_counter() - start:.3f} s  ok={out == [x * x for _, x in items]}")
