# Queue (FIFO): the producer is faster than the daemon consumer, so the queue grows.
# Main joins the producer, then q.join() waits until every item was marked task_done().
import os
import queue
import threading
import time

SCALE = 0.05 if os.environ.get("THREADLENS_QUICK") else 0.15
q = queue.Queue()


def producer():
    for i in range(10):
        time.sleep(0.5 * SCALE)
        q.put(f"item-{i}")
        print(f"put item-{i}, size ~{q.qsize()}")


def consumer():
    while True:                      # abandoned at exit: this is a daemon thread
        item = q.get()               # blocks; a blocking get never raises queue.Empty
        time.sleep(1.0 * SCALE)
        print(f"consumed {item}")
        q.task_done()


threading.Thread(target=consumer, name="consumer", daemon=True).start()
prod = threading.Thread(target=producer, name="producer")
prod.start()
prod.join()
q.join()                             # returns when unfinished tasks reach 0
print("all items processed; unfinished =", q.unfinished_tasks)
try:
    q.task_done()
except ValueError as exc:
    print("one task_done() too many:", exc)
