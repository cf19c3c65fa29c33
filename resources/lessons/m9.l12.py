"""m9.l12 one workload through all eight Pool methods."""
import os
import time
from multiprocessing import Pool

QUICK = os.environ.get("THREADLENS_QUICK") == "1"


def burn(seconds):
    end = time.process_time() + (seconds / 10 if QUICK else seconds)
    while time.process_time() < end:
        pass


def square(x):
    burn(0.004)
    if x < 0:
        raise ValueError(f"negative item {-x - 1}")
    return x * x


def mul(a, b):
    burn(0.004)
    return a * b


if __name__ == "__main__":
    items = list(range(16))
    with Pool(4) as pool:
        for name, run in [
            ("apply", lambda: [pool.apply(square, (x,)) for x in items]),
            ("apply_async", lambda: [r.get() for r in [pool.apply_async(square, (x,)) for x in items]]),
            ("map", lambda: pool.map(square, items)),
            ("map_async", lambda: pool.map_async(square, items).get()),
            ("imap", lambda: list(pool.imap(square, items))),
            ("imap_unordered", lambda: sorted(pool.imap_unordered(square, items))),
            ("starmap", lambda: pool.starmap(mul, [(x, x) for x in items])),
            ("starmap_async", lambda: pool.starmap_async(mul, [(x, x) for x in items]).get()),
        ]:
            start = time.perf_counter()
            out = run()
            print(f"{name:15} {time.perf_counter() - start:.3f} s  ok={out == [x * x for x in items]}")
