"""m9.l13 best practices with multiprocessing.Pool."""
import os
import time
from multiprocessing import Pool

QUICK = os.environ.get("THREADLENS_QUICK") == "1"


def burn(seconds):
    end = time.process_time() + (seconds / 10 if QUICK else seconds)
    while time.process_time() < end:
        pass


def square(x):
    burn(0.02)
    if x < 0:
        raise ValueError(f"negative item {-x - 1}")
    return x * x


def init_worker():
    print(f"worker {os.getpid()} ready")      # per-process setup happens once


if __name__ == "__main__":                        # the __main__ guard
    with Pool(4, initializer=init_worker) as pool:
        results = [pool.apply_async(square, (x if x != 5 else -6,),
                                    callback=lambda v: None,           # short callbacks
                                    error_callback=lambda e: print("error_callback", e))
                   for x in range(12)]
        for r in results:                         # always get() async results
            try:
                r.get()
            except ValueError as e:
                print("handled", e)
        pool.close()                              # close + join before leaving the with block
        pool.join()
