"""m1.l1 Introduction: the same waiting tasks run one after another, then one thread each."""
import os
import threading
import time

QUICK = os.environ.get("THREADLENS_QUICK") == "1"
TASKS = 4
TASK_S = 0.1 if QUICK else 0.5   # each task waits this long (a download, a query...)


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


for mode in (sequential, threaded):
    t0 = time.perf_counter()
    mode()
    print(f"{mode.__name__}: {time.perf_counter() - t0:.2f} s for {TASKS} tasks of {TASK_S} s")
