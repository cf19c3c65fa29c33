"""m9.l14 common Pool mistakes, each one small and visible."""
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


counter = 0


def count(_):
    global counter
    counter += 1                       # changes the CHILD's copy only
    return counter


if __name__ == "__main__":
    with Pool(4) as pool:
        try:
            pool.map(lambda x: x, range(3))          # mistake: a lambda cannot be pickled
        except Exception as e:
            print("raised", type(e).__name__, e)
        r = pool.apply_async(square, (-2,))          # mistake: never calling get() hides this
        r.wait()
        print("no error seen, successful() =", r.successful())
        pool.map(count, range(8), chunksize=1)
        print("parent counter =", counter)           # mistake: expecting 8
        pool.apply_async(square, (3,))               # mistake: leaving before it is done
    print("left the with block: terminate() killed any unfinished task")
