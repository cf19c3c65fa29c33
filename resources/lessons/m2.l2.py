"""m2.l2 Creating a thread pool: constructor options, lazy workers, and the with block."""
import os
import threading
import time
from concurrent.futures import ThreadPoolExecutor

QUICK = os.environ.get("THREADLENS_QUICK") == "1"
ITEM_S = 0.01 if QUICK else 0.05
lists = [["a", "b", "c"], [1, 2, 3], ["x", "y", "z"]]


def show(items, *, label):
    for item in items:
        print(f"{threading.current_thread().name} {label}: {item}")
        time.sleep(ITEM_S)


print("threads before the pool:", threading.active_count())
with ThreadPoolExecutor(max_workers=3, thread_name_prefix="printer") as pool:
    print("threads right after construction:", threading.active_count())   # no workers yet
    for i, items in enumerate(lists):
        pool.submit(show, items, label=f"list {i}")                          # keyword args pass through
    print("threads after the submits:", threading.active_count())
print("with-exit = shutdown(wait=True): every task has finished")
try:
    ThreadPoolExecutor(max_workers=0)
except ValueError as e:
    print("ValueError:", e)
