# SimpleQueue and exceptions. A warehouse Queue(maxsize) fed faster than it is emptied.
# The buggy supplier checks full() and silently drops the delivery when there is no room
# (check, then act: the answer may be stale, the item is lost). The correct policies
# block, retry put_nowait on queue.Full, or use a timed put.
import os
import queue
import threading
import time

QUICK = os.environ.get("THREADLENS_QUICK") == "1"
MAXSIZE = 5                          # [maxsize] the warehouse's size
ITEMS = 16                           # [items] deliveries
PRODUCE_S = 0.02 if QUICK else 0.08  # [produce_ms/1000] a delivery this often
CONSUME_S = 0.05 if QUICK else 0.2   # [consume_ms/1000] a sale this often
POLICY = "blocking_put"              # [policy] "blocking_put", "put_nowait_retry" or "put_timeout"
TIMEOUT_S = 0.05 if QUICK else 0.2   # [timeout_ms/1000] put/get timeout
CHECK_THEN_DROP = False              # [check_then_drop] the bug: check full() and drop the delivery
q = queue.Queue(maxsize=MAXSIZE)
sold = []


def seller():
    while True:
        item = q.get()
        if item is None:
            return
        time.sleep(CONSUME_S)
        sold.append(item)


def supplier():
    dropped = 0
    for i in range(ITEMS):
        time.sleep(PRODUCE_S)
        if CHECK_THEN_DROP:
            if q.full():             # the item is silently lost
                dropped += 1
                continue
            q.put(i)
        elif POLICY == "blocking_put":
            q.put(i)
        elif POLICY == "put_nowait_retry":
            while True:
                try:
                    q.put_nowait(i)
                    break
                except queue.Full:
                    time.sleep(max(0.001, PRODUCE_S / 2))
        else:
            while True:
                try:
                    q.put(i, timeout=TIMEOUT_S)
                    break
                except queue.Full:
                    print("queue.Full after", TIMEOUT_S, "s; trying again")
    q.put(None)
    print(f"dropped={dropped}")


threads = [threading.Thread(target=seller, name="seller"), threading.Thread(target=supplier, name="supplier")]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(f"sold={len(sold)} of {ITEMS}")

sq = queue.SimpleQueue()             # no maxsize: put never blocks; no task_done() or join()
sq.put("note")
print("SimpleQueue:", sq.get(), "task_done:", hasattr(sq, "task_done"))
try:
    sq.get(timeout=max(0.01, TIMEOUT_S / 2))
except queue.Empty:
    print("a timed get on an empty queue raises queue.Empty")
