# What recording adds per event on the program's own thread: `with lock:` on a traced lock and on
# a native one (_thread's, never traced), each the best of 7 rounds of CPU time, interleaved so
# that both see the same machine; two events (hold begin and end) per block.
import _thread
import sys
import threading
import time

N = int(sys.argv[1]) if len(sys.argv) > 1 else 500_000
traced = threading.Lock()
native = _thread.allocate_lock()


def run(lock):
    t0 = time.thread_time_ns()
    for _ in range(N):
        with lock:
            pass
    return time.thread_time_ns() - t0


t0, c0 = time.perf_counter(), time.process_time()
best = {"native": float("inf"), "traced": float("inf")}
for _ in range(7):
    for name, lock in (("native", native), ("traced", traced)):
        best[name] = min(best[name], run(lock))
print("per_event_ns %.2f" % ((best["traced"] - best["native"]) / N / 2))
print("elapsed", time.perf_counter() - t0, "cpu", time.process_time() - c0)
