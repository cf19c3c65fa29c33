"""m2.l2 Creating a thread pool: constructor options, lazy workers, and the with block."""
import os
import threading
import time
from concurrent.futures import ThreadPoolExecutor

QUICK = os.environ.get("THREADLENS_QUICK") == "1"
MAX_WORKERS = 3                      # [max_workers]
PREFIX = "printer"                   # [prefix] thread_name_prefix; "(default)": ThreadPoolExecutor-N
TASKS = 3                            # [tasks] lists to print
ITEMS_PER_TASK = 3                   # [items_per_task]
ITEM_S = 0.01 if QUICK else 0.2      # [item_ms/1000]
lists = [[f"{chr(ord('a') + t % 26)}{k}" for k in range(ITEMS_PER_TASK)] for t in range(TASKS)]


def show(items, *, label):
    for item in items:
        print(f"{threading.current_thread().name} {label}: {item}")
        time.sleep(ITEM_S)


print("threads before the pool:", threading.active_count())
prefix = "" if PREFIX == "(default)" else PREFIX
with ThreadPoolExecutor(max_workers=MAX_WORKERS, thread_name_prefix=prefix) as pool:
    print("threads right after construction:", threading.active_count())   # no workers yet
    for i, items in enumerate(lists):
        pool.submit(show, items, label=f"list {i}")                          # keyword args pass through
    print("threads after the submits:", threading.active_count())
print("with-exit = shutdown(wait=True): every task has finished")
try:
    ThreadPoolExecutor(max_workers=0)
except ValueError as e:
    print("ValueError:", e)
