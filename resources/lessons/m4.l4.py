# PriorityQueue(maxsize): the lowest priority number comes out first, among the items
# present. The producer blocks while the queue is full. A sequence number breaks ties so
# the payloads are never compared.
import itertools
import os
import queue
import random
import threading
import time

QUICK = os.environ.get("THREADLENS_QUICK") == "1"
ITEMS = 10                           # [items] jobs
MAXSIZE = 5                          # [maxsize]
CONSUMERS = 2                        # [consumers]
PER_PRIORITY_S = 0.0004 if QUICK else 0.002   # [work_per_priority_ms/1000] work per priority point
PRODUCE_S = 0.0                      # [produce_ms/1000] the producer puts one job this often
random.seed(4)
q = queue.PriorityQueue(maxsize=MAXSIZE)
seq = itertools.count()
STOP = 10**6                         # sorts after every real priority


def producer():
    for i in range(ITEMS):
        time.sleep(PRODUCE_S)
        prio = random.randint(0, 100)
        q.put((prio, next(seq), {"name": f"job-{i}"}))   # dicts alone are not comparable
        print(f"put job-{i} prio={prio}")
    for _ in range(CONSUMERS):
        q.put((STOP, next(seq), None))


def consumer():
    while True:
        prio, _, job = q.get()
        if prio == STOP:
            break
        print(f"{threading.current_thread().name}: {job['name']} prio={prio}")
        time.sleep(prio * PER_PRIORITY_S)


workers = [threading.Thread(target=consumer, name=f"consumer-{n}") for n in range(CONSUMERS)]
prod = threading.Thread(target=producer, name="producer")
prod.start()
for w in workers:
    w.start()
prod.join()
for w in workers:
    w.join()
try:
    bad = queue.PriorityQueue()
    bad.put((1, {"a": 1}))
    bad.put((1, {"b": 2}))
except TypeError as exc:
    print("equal priorities with dict payloads:", exc)
