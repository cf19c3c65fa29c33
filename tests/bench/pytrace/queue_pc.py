# A producer and a consumer through Queue(100).
import queue
import sys
import threading
import time

N = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
q = queue.Queue(100)


def produce():
    for i in range(N):
        q.put(i)
    q.put(None)


def consume():
    while q.get() is not None:
        pass


t0, c0 = time.perf_counter(), time.process_time()
threads = [threading.Thread(target=produce), threading.Thread(target=consume)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("elapsed", time.perf_counter() - t0, "cpu", time.process_time() - c0)
