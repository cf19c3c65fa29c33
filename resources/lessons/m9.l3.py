"""m9.l3 apply: one task at a time, the caller blocks."""
import os
import time
from multiprocessing import Pool

QUICK = os.environ.get("THREADLENS_QUICK") == "1"


def square(x, ms=0.05):
    """CPU work in the worker process, then x squared."""
    end = time.process_time() + (0.005 if QUICK else ms)
    while time.process_time() < end:
        pass
    if x < 0:
        raise ValueError(f"negative item {-x - 1}")
    return x * x


def multiply(a, b, ms=0.02):
    return square(0, ms) + a * b


if __name__ == "__main__":
    with Pool(4) as pool:
        results = [pool.apply(square, (i,)) for i in range(4)]   # a staircase: one at a time
        print(results)
