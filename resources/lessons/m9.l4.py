"""m9.l4 apply_async: AsyncResult, callback and error_callback."""
import multiprocessing
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
        items = [i if i != 2 else -3 for i in range(8)]
        results = [pool.apply_async(square, (x,), callback=lambda v: print("callback", v),
                                    error_callback=lambda e: print("error_callback", repr(e)))
                   for x in items]
        print("main is free")
        for r in results:
            try:
                r.get(timeout=5)
            except multiprocessing.TimeoutError:
                print("get timed out")
            except ValueError as e:
                print("get raised", e)
