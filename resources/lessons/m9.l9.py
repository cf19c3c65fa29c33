"""m9.l9 starmap: f(*args)."""
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
        print(pool.starmap(multiply, [(i, i) for i in range(20)]))
