# A typical lesson's shape: a few threads, a lock, a queue, sleeps (about 1.6k events).
import queue
import sys
import threading
import time

ROUNDS = int(sys.argv[1]) if len(sys.argv) > 1 else 200
lock = threading.Lock()
jobs = queue.Queue(10)
total = 0


def worker():
    global total
    while (item := jobs.get()) is not None:
        for _ in range(2000):
            pass
        with lock:
            total += item
        jobs.task_done()
    jobs.task_done()


t0, c0 = time.perf_counter(), time.process_time()
workers = [threading.Thread(target=worker) for _ in range(4)]
for w in workers:
    w.start()
for i in range(ROUNDS):
    jobs.put(i)
    if i % 50 == 0:
        time.sleep(0.001)
for _ in workers:
    jobs.put(None)
jobs.join()
for w in workers:
    w.join()
print("elapsed", time.perf_counter() - t0, "cpu", time.process_time() - c0)
