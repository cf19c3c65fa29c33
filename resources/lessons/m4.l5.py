# SimpleQueue and exceptions. A warehouse Queue(5) fed faster than it is emptied: the buggy producer checks full() and
# silently drops the item when there is no room (check-then-act + lost items). The correct
# policies block, retry put_nowait on queue.Full, or use a timed put.
import os
import queue
import threading
import time

SCALE = 0.1 if os.environ.get("THREADLENS_QUICK") else 0.25
POLICY = os.environ.get("POLICY", "check_then_put")


def run(policy):
    q = queue.Queue(maxsize=5)
    produced, dropped, sold = 0, 0, []

    def consumer():
        while True:
            item = q.get()
            if item is None:
                return
            time.sleep(0.2 * SCALE)
            sold.append(item)

    c = threading.Thread(target=consumer, name="consumer")
    c.start()
    for i in range(16):
        time.sleep(0.08 * SCALE)
        if policy == "check_then_put":
            if q.full():                 # AP5/AP6: the item is silently lost
                dropped += 1
                continue
            q.put(i)
        elif policy == "blocking_put":
            q.put(i)
        elif policy == "put_nowait_retry":
            while True:
                try:
                    q.put_nowait(i)
                    break
                except queue.Full:
                    time.sleep(0.05 * SCALE)
        elif policy == "put_timeout":
            while True:
                try:
                    q.put(i, timeout=0.2 * SCALE)
                    break
                except queue.Full:
                    pass
        produced += 1
    q.put(None)
    c.join()
    print(f"{policy:17} produced={produced} dropped={dropped} sold={len(sold)}")


run(POLICY)
run("blocking_put")

try:
    queue.Queue().get(timeout=0.01)
except queue.Empty:
    print("a timed get on an empty queue raises queue.Empty")
sq = queue.SimpleQueue()
sq.put("x")                      # never blocks, no maxsize
print("SimpleQueue has task_done:", hasattr(sq, "task_done"), "join:", hasattr(sq, "join"))
