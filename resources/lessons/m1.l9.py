"""m1.l9 Thread-local data: one global object, one value per thread."""
import os
import threading
import time

QUICK = os.environ.get("THREADLENS_QUICK") == "1"
THREADS = 3                          # [threads]
WRITE_DELAY = 0.01 if QUICK else 0.3   # [write_delay_ms/1000] times (threads - position)
READ_DELAY = 0.01 if QUICK else 0.2    # [read_delay_ms/1000]
MODE = "local"                       # [mode] "local" or "global"

local = threading.local()
shared = {"x": None}                 # the contrast: a plain global slot


def worker(i):
    me = f"value of {threading.current_thread().name}"
    if MODE == "local":
        local.x = me
    else:
        shared["x"] = me
    time.sleep(WRITE_DELAY * (THREADS - i) + READ_DELAY)   # others write meanwhile
    seen = local.x if MODE == "local" else shared["x"]
    print(f"{threading.current_thread().name}: x={seen!r}", "(its own)" if seen == me else "(another thread's)")


threads = [threading.Thread(target=worker, args=(i,), name=f"Thread-{i + 1}") for i in range(THREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
try:
    print(local.x)                   # MainThread never set it
except AttributeError as e:
    print("AttributeError:", e)
