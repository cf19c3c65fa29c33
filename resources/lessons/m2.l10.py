"""m2.l10 Pool lifecycle: create, submit, collect, shut down; a global maximum updated without a lock."""
import os
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

QUICK = os.environ.get("THREADLENS_QUICK") == "1"
MESSAGES = 6                         # [messages]
TASK_S = 0.02 if QUICK else 0.2      # [task_ms/1000]
RACE_MAX = False                     # [race_max] the bug: read, compare, write the maximum without the lock
words = ["hello world", "thread pools", "lifecycle of a pool", "abc", "mississippi",
         "zzz", "executor", "futures and results", "shutdown", "letters"]
messages = [words[i % 10] + (f" #{i}" if i >= 10 else "") for i in range(MESSAGES)]
heaviest = ("", 0)
lock = threading.Lock()


def letters(text):
    global heaviest
    time.sleep(TASK_S)
    weight = sum(ord(c) for c in text)
    if RACE_MAX:
        current = heaviest           # READ
        time.sleep(0)                # another worker may write here
        if weight > current[1]:      # COMPARE
            heaviest = (text, weight)   # WRITE
    else:
        with lock:
            if weight > heaviest[1]:
                heaviest = (text, weight)
    return Counter(text.replace(" ", ""))


pool = ThreadPoolExecutor(max_workers=3)                      # CREATED
futures = [pool.submit(letters, m) for m in messages]         # RUNNING
total = sum((f.result() for f in futures), Counter())
pool.shutdown()                                               # SHUTDOWN, then TERMINATED
print("most common:", total.most_common(3))
print("heaviest:", heaviest, "true max:", max(sum(map(ord, m)) for m in messages))
