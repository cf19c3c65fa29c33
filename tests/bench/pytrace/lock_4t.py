# 4 threads x N `with lock:` on one lock, a shared counter: true contention under the GIL.
import sys
import threading
import time

N = int(sys.argv[1]) if len(sys.argv) > 1 else 250_000
lock = threading.Lock()
counter = 0


def work():
    global counter
    for _ in range(N):
        with lock:
            counter += 1


threads = [threading.Thread(target=work) for _ in range(4)]
t0, c0 = time.perf_counter(), time.process_time()
for t in threads:
    t.start()
for t in threads:
    t.join()
assert counter == 4 * N
print("elapsed", time.perf_counter() - t0, "cpu", time.process_time() - c0)
