# Queue (FIFO): a producer faster than the consumers makes the queue grow.
# Main joins the producer, then q.join() waits until every item was marked task_done().
import os
import queue
import threading
import time

QUICK = os.environ.get("THREADLENS_QUICK") == "1"
ITEMS = 10                           # [items]
PRODUCE_S = 0.01 if QUICK else 0.1   # [produce_ms/1000] the producer puts one item this often
CONSUME_S = 0.02 if QUICK else 0.2   # [consume_ms/1000] a consumer's time per item
CONSUMERS = 1                        # [consumers]
MAXSIZE = 0                          # [maxsize] 0: unbounded
EXCEPT_EMPTY = False                 # [except_empty] the bug: end the consumer on `except queue.Empty`
q = queue.Queue(maxsize=MAXSIZE)


def producer():
    for i in range(ITEMS):
        time.sleep(PRODUCE_S)
        q.put(f"item-{i}")           # blocks while a bounded queue is full
        print(f"put item-{i}, size ~{q.qsize()}")


def consumer():
    name = threading.current_thread().name
    while True:
        if EXCEPT_EMPTY:
            try:
                item = q.get()       # blocks: a blocking get never raises queue.Empty
            except queue.Empty:
                print(name, "exits")   # never reached: the daemon is abandoned at exit
                return
        else:
            item = q.get()
            if item == "STOP":       # a sentinel ends the consumer
                q.task_done()
                print(name, "exits")
                return
        time.sleep(CONSUME_S)
        print(f"{name} consumed {item}")
        q.task_done()


consumers = [threading.Thread(target=consumer, name=f"consumer-{k}", daemon=True) for k in range(CONSUMERS)]
for c in consumers:
    c.start()
prod = threading.Thread(target=producer, name="producer")
prod.start()
prod.join()
q.join()                             # returns when unfinished tasks reach 0
print("all items processed; unfinished =", q.unfinished_tasks)
if not EXCEPT_EMPTY:
    for _ in consumers:
        q.put("STOP")
    for c in consumers:
        c.join()
try:
    q.task_done()
except ValueError as exc:
    print("one task_done() too many:", exc)
