"""m9.l1 Pool introduction: CPU tasks on real worker processes."""
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


def work(x):
    print(f"pid {os.getpid()} runs task {x}")
    return square(x)


if __name__ == "__main__":          # needed by the spawn and forkserver start methods
    with Pool(processes=4, maxtasksperchild=None) as pool:
        print(pool.map(work, range(16), chunksize=1))
