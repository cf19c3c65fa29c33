"""m9.l2 the same tasks on a thread pool and on a process pool."""
from concurrent.futures import ThreadPoolExecutor, ProcessPoolExecutor
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


def job(kind, payload):
    if kind == "cpu":
        burn(0.02)
    else:
        time.sleep(0.005 if QUICK else 0.02)
    return payload


if __name__ == "__main__":
    payload = b"x" * 1024
    for kind in ("cpu", "io"):
        for Executor in (ThreadPoolExecutor, ProcessPoolExecutor):
            start = time.perf_counter()
            with Executor(max_workers=4) as ex:
                sizes = [len(f.result()) for f in [ex.submit(job, kind, payload) for _ in range(8)]]
            print(f"{Executor.__name__:20} {kind}: {time.perf_counter() - start:.3f} s, {sum(sizes)} bytes back")
