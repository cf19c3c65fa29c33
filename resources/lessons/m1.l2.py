"""m1.l2 Basic concepts: threads overlap waits (I/O) but not computation (CPU) under the GIL."""
import os
import sys
import threading
import time

QUICK = os.environ.get("THREADLENS_QUICK") == "1"
THREADS = 4                          # [threads]
IO_S = 0.1 if QUICK else 0.3
CPU_N = 300_000 if QUICK else 1_500_000   # an AMOUNT of work, not a duration


def io_task():
    time.sleep(IO_S)                 # releases the GIL: the waits overlap


def cpu_task():
    total = 0
    for i in range(CPU_N):           # holds the GIL, handed over every switch interval
        total += i * i
    return total


def timed(target, threads):
    ts = [threading.Thread(target=target, name=f"worker-{i}") for i in range(threads)]
    t0 = time.perf_counter()
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    return time.perf_counter() - t0


print(f"switch interval: {sys.getswitchinterval() * 1000:.0f} ms")
print(f"io : 1 thread {timed(io_task, 1):.2f} s, {THREADS} threads {timed(io_task, THREADS):.2f} s")
print(f"cpu: 1 thread {timed(cpu_task, 1):.2f} s, {THREADS} threads {timed(cpu_task, THREADS):.2f} s")
print("with the GIL the CPU time grows with the thread count; the I/O time does not")
