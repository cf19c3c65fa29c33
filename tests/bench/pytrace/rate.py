# A steady event rate: `with lock:` blocks paced to RATE events per second (two events each)
# for SECONDS, on one thread. What the tracer must carry without dropping anything.
import sys
import threading
import time

RATE = int(sys.argv[1]) if len(sys.argv) > 1 else 2_000_000
SECONDS = float(sys.argv[2]) if len(sys.argv) > 2 else 3.0
lock = threading.Lock()
blocks = 0
t0, c0 = time.perf_counter(), time.process_time()
while (now := time.perf_counter() - t0) < SECONDS:
    due = int(now * RATE / 2)
    while blocks < due:
        with lock:
            pass
        blocks += 1
print("blocks", blocks, "rate", 2 * blocks / (time.perf_counter() - t0))
print("elapsed", time.perf_counter() - t0, "cpu", time.process_time() - c0)
