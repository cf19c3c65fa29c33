# One thread, N `with lock:` blocks. Prints the workload's own time (start-up excluded).
import sys
import threading
import time

N = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
lock = threading.Lock()
t0, c0 = time.perf_counter(), time.process_time()
for _ in range(N):
    with lock:
        pass
print("elapsed", time.perf_counter() - t0, "cpu", time.process_time() - c0)
