"""m1.l1 Introduction: waiting tasks run one after another, or one thread each."""
import os
import threading
import time

QUICK = os.environ.get("THREADLENS_QUICK") == "1"
TASKS = 4                        # [tasks]
TASK_S = 0.1 if QUICK else 1.0   # [task_ms/1000] each task waits this long (a download, a query...)
MODE = "threaded"                # [mode] "sequential" or "threaded"


def task(i):
    time.sleep(TASK_S)            # blocking wait: releases the GIL
    print(f"task {i} done")


def sequential():
    for i in range(TASKS):
        task(i)


def threaded():
    threads = [threading.Thread(target=task, args=(i,)) for i in range(TASKS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


t0 = time.perf_counter()
if MODE == "sequential":
    sequential()
else:
    threaded()
print(f"{MODE}: {time.perf_counter() - t0:.2f} s for {TASKS} tasks of {TASK_S} s")
