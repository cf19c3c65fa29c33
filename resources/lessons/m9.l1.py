"""m9.l1 Pool introduction: CPU tasks on real worker processes."""
import os
import random
import time
from multiprocessing import Pool

QUICK = os.environ.get("THREADLENS_QUICK") == "1"
PROCESSES = 4                        # [processes] worker processes
TASKS = 16                           # [tasks]
CPU_S = 0.01 if QUICK else 0.2       # [cpu_ms/1000] CPU work per task
MAXTASKSPERCHILD = 0                 # [maxtasksperchild] 0: None, a worker lives as long as the pool


def work(x):
    print(f"pid {os.getpid()} runs task {x}")
    end = time.process_time() + CPU_S
    while time.process_time() < end:   # CPU work in the worker process
        pass
    return x * x


if __name__ == "__main__":          # needed by the spawn and forkserver start methods
    with Pool(processes=PROCESSES, maxtasksperchild=MAXTASKSPERCHILD or None) as pool:
        print(pool.map(work, range(TASKS), chunksize=1))
