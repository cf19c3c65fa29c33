# LifoQueue: a stack. Filled completely before the daemon consumers pop, the items come
# out newest first; put while they pop, the order mixes.
import os
import queue
import threading
import time

QUICK = os.environ.get("THREADLENS_QUICK") == "1"
ITEMS = 10                           # [items]
CONSUMERS = 3                        # [consumers]
PRODUCER_CONCURRENT = False          # [producer_concurrent] the producer keeps putting while consumers pop
PRODUCE_S = 0.01 if QUICK else 0.05  # [produce_ms/1000] the producer puts one item this often
WORK_S = 0.01 if QUICK else 0.1      # [work_ms/1000] a consumer's time per item
stack = queue.LifoQueue()
out = []
out_lock = threading.Lock()


def consumer():
    while True:                      # a daemon: abandoned at exit
        item = stack.get()
        with out_lock:
            out.append(item)
        time.sleep(WORK_S)
        stack.task_done()


consumers = [threading.Thread(target=consumer, name=f"consumer-{n}", daemon=True) for n in range(CONSUMERS)]
if PRODUCER_CONCURRENT:
    for c in consumers:
        c.start()
for i in range(ITEMS):
    if PRODUCER_CONCURRENT:
        time.sleep(PRODUCE_S)
    stack.put(i)
if not PRODUCER_CONCURRENT:
    for c in consumers:
        c.start()
stack.join()
print("popped in order:", out)
