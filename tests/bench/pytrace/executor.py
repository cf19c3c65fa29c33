# ThreadPoolExecutor: N small tasks on 4 workers.
import sys
import time
from concurrent.futures import ThreadPoolExecutor

N = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000


def task(i):
    return i * i


t0, c0 = time.perf_counter(), time.process_time()
with ThreadPoolExecutor(max_workers=4) as pool:
    total = sum(f.result() for f in [pool.submit(task, i) for i in range(N)])
print("elapsed", time.perf_counter() - t0, "cpu", time.process_time() - c0)
