"""m2.l9 Number of threads: wall time against max_workers for I/O- and CPU-bound tasks."""
import math
import os
import time
from concurrent.futures import ThreadPoolExecutor

QUICK = os.environ.get("THREADLENS_QUICK") == "1"
TASKS = 12
IO_S = 0.01 if QUICK else 0.03
CPU_N = 20_000 if QUICK else 60_000


def io_task(_):
    time.sleep(IO_S)


def cpu_task(_):
    return sum(i * i for i in range(CPU_N))


print("default max_workers:", min(32, (os.cpu_count() or 1) + 4))
for name, fn in (("io", io_task), ("cpu", cpu_task)):
    for workers in (1, 2, 4, 8):
        t0 = time.perf_counter()
        with ThreadPoolExecutor(max_workers=workers) as pool:
            list(pool.map(fn, range(TASKS)))
        extra = f" (ideal {math.ceil(TASKS / workers) * IO_S:.2f})" if name == "io" else ""
        print(f"{name} workers={workers}: {time.perf_counter() - t0:.2f} s{extra}")
