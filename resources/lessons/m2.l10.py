"""m2.l10 Pool lifecycle: create, submit, collect, shut down; an unlocked global max (AP8)."""
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

messages = ["hello world", "thread pools", "lifecycle of a pool", "abc", "mississippi", "zzz"]
heaviest = ("", 0)
lock = threading.Lock()
LOCK_MAX = True                       # False: read/compare/write without the lock (AP8)


def letters(text):
    global heaviest
    weight = sum(ord(c) for c in text)
    if LOCK_MAX:
        with lock:
            if weight > heaviest[1]:
                heaviest = (text, weight)
    else:
        current = heaviest            # READ
        time.sleep(0)                 # another worker may write here
        if weight > current[1]:       # COMPARE
            heaviest = (text, weight) # WRITE
    return Counter(text.replace(" ", ""))


pool = ThreadPoolExecutor(max_workers=3)                      # CREATED
futures = [pool.submit(letters, m) for m in messages]         # RUNNING
total = sum((f.result() for f in futures), Counter())
pool.shutdown()                                               # SHUTDOWN -> TERMINATED
print("most common:", total.most_common(3))
print("heaviest:", heaviest, "true max:", max(sum(map(ord, m)) for m in messages))
