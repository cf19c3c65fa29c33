# Introduction to queues: the same ten items go into a FIFO, a LIFO and a priority queue,
# and one consumer drains each. The output orders differ.
import queue
import random
import threading

random.seed(2)
items = [(random.randint(0, 99), f"item-{i}") for i in range(10)]   # (priority, name)


def drain(q, out):
    while True:
        try:
            out.append(q.get(timeout=0.2))   # a timed get can raise Empty
        except queue.Empty:
            return


for q in (queue.Queue(), queue.LifoQueue(), queue.PriorityQueue()):
    for it in items:                          # filled before the drain starts
        q.put(it)
    out = []
    consumer = threading.Thread(target=drain, args=(q, out), name="consumer")
    consumer.start()
    consumer.join()
    print(f"{type(q).__name__:14}", [name for _, name in out])
    if isinstance(q, queue.PriorityQueue):
        assert [p for p, _ in out] == sorted(p for p, _ in items)
