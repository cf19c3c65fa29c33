# Introduction to queues: the same items go into a FIFO, a LIFO and a priority queue,
# and one consumer drains each. The output orders differ.
import os
import queue
import random
import threading
import time

QUICK = os.environ.get("THREADLENS_QUICK") == "1"
ITEMS = 10                           # [items]
FILL_BEFORE_DRAIN = True             # [fill_before_drain] fill the queues before the consumers start
PRODUCE_S = 0.005 if QUICK else 0.02   # [produce_ms/1000] time to produce an item
CONSUME_S = 0.005 if QUICK else 0.02   # [consume_ms/1000] time to consume an item
random.seed(2)
items = [(random.randint(0, 99), f"item-{i}") for i in range(ITEMS)]   # (priority, name)
queues = {"fifo": queue.Queue(), "lifo": queue.LifoQueue(), "priority": queue.PriorityQueue()}
drained = {name: [] for name in queues}


def drain(name):
    for _ in range(ITEMS):
        drained[name].append(queues[name].get())   # blocks until an item is there
        time.sleep(CONSUME_S)


consumers = [threading.Thread(target=drain, args=(name,), name=f"{name}-consumer") for name in queues]
if not FILL_BEFORE_DRAIN:
    for c in consumers:
        c.start()
for it in items:
    time.sleep(PRODUCE_S)
    for q in queues.values():
        q.put(it)
if FILL_BEFORE_DRAIN:
    for c in consumers:
        c.start()
for c in consumers:
    c.join()
for name, out in drained.items():
    print(f"{name:8}", [item for _, item in out])
