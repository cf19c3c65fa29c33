"""m9.l2 The same tasks on a thread pool and on a process pool."""
import os
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

QUICK = os.environ.get("THREADLENS_QUICK") == "1"
WORKERS = 4                          # [workers]
TASKS = 8                            # [tasks]
WORKLOAD = "cpu"                     # [workload] "cpu" (computes) or "io" (waits)
PAYLOAD_KB = 1                       # [payload_kb] data sent with each task and back
TASK_S = 0.01 if QUICK else 0.1      # [task_ms/1000] work per task


def job(payload):
    if WORKLOAD == "cpu":
        end = time.process_time() + TASK_S
        while time.process_time() < end:   # holds this process's GIL
            pass
    else:
        time.sleep(TASK_S)
    return payload                   # pickled back to the parent for a process


if __name__ == "__main__":
    payload = b"x" * PAYLOAD_KB * 1024
    for Executor in (ThreadPoolExecutor, ProcessPoolExecutor):
        start = time.perf_counter()
        with Executor(max_workers=WORKERS) as ex:
            sizes = [len(f.result()) for f in [ex.submit(job, payload) for _ in range(TASKS)]]
        print(f"{Executor.__name__:20} {WORKLOAD}: {time.perf_counter() - start:.3f} s, {sum(sizes)} bytes back")
