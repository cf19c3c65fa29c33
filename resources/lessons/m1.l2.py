"""m1.l2 Basic concepts: threads overlap waits (I/O) but not computation (CPU) under the GIL."""
import os
import sys
import threading
import time

QUICK = os.environ.get("THREADLENS_QUICK") == "1"
THREADS = 4                          # [threads]
WORKLOAD = "cpu"                     # [workload] "io" (waits) or "cpu" (computes)
WORK_S = 0.1 if QUICK else 0.5       # [cpu_work_ms/1000] each thread's work, timed on an idle core


def io_task():
    time.sleep(WORK_S)               # releases the GIL: the waits overlap


def spin(n):
    total = 0
    for i in range(n):               # holds the GIL, handed over every switch interval
        total += i * i
    return total


def loops_for(seconds):
    # An AMOUNT of work, not a duration: the loop count that takes `seconds` on one thread.
    t0 = time.perf_counter()
    spin(100_000)
    return int(100_000 * seconds / (time.perf_counter() - t0))


def timed(target, threads):
    ts = [threading.Thread(target=target, name=f"worker-{i}") for i in range(threads)]
    t0 = time.perf_counter()
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    return time.perf_counter() - t0


if WORKLOAD == "io":
    job = io_task
else:
    n = loops_for(WORK_S)

    def job():
        spin(n)

print(f"switch interval: {sys.getswitchinterval() * 1000:.0f} ms")
print(f"{WORKLOAD}: 1 thread {timed(job, 1):.2f} s, {THREADS} threads {timed(job, THREADS):.2f} s")
print("with the GIL the CPU time grows with the thread count; the I/O time does not")
