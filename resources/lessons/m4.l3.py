# LifoQueue: a stack. The producer fills it completely, then three daemon consumers pop,
# so the items come out newest first.
import os
import queue
import threading
import time

WORK_S = 0.01 if os.environ.get("THREADLENS_QUICK") else 0.05
stack = queue.LifoQueue()
out = []
out_lock = threading.Lock()

for i in range(10):
    stack.put(i)


def consumer():
    while True:
        item = stack.get()
        with out_lock:
            out.append(item)
        time.sleep(WORK_S)
        stack.task_done()


for n in range(3):
    threading.Thread(target=consumer, name=f"consumer-{n}", daemon=True).start()
stack.join()
print("popped in order:", out)
assert out == list(range(9, -1, -1))
