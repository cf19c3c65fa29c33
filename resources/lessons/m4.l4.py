# PriorityQueue(maxsize=5): the lowest priority number comes out first, among the items
# present. The producer blocks while the queue is full. A sequence number breaks ties so
# the payloads are never compared.
import itertools
import os
import queue
import random
import threading
import time

SCALE = 0.2 if os.environ.get("THREADLENS_QUICK") else 1.0
random.seed(4)
q = queue.PriorityQueue(maxsize=5)
seq = itertools.count()
STOP = (10**9, 0, None)


def producer():
    for i in range(10):
        prio = random.randint(0, 100)
        q.put((prio, next(seq), {"name": f"job-{i}"}))   # dicts alone are not comparable
        print(f"put job-{i} prio={prio}")
    for _ in range(2):
        q.put(STOP)


def consumer():
    while True:
        prio, _, job = q.get()
        if job is None:
            break
        print(f"{threading.current_thread().name}: {job['name']} prio={prio}")
        time.sleep(prio / 1000 * SCALE)


workers = [threading.Thread(target=consumer, name=f"consumer-{n}") for n in range(2)]
for w in workers:
    w.start()
producer()
for w in workers:
    w.join()
try:
    bad = queue.PriorityQueue()
    bad.put((1, {"a": 1}))
    bad.put((1, {"b": 2}))
except TypeError as exc:
    print("equal priorities with dict payloads:", exc)
