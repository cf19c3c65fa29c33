"""m1.l9 Thread-local data: one global object, one value per thread."""
import os
import threading
import time

QUICK = os.environ.get("THREADLENS_QUICK") == "1"
DELAY = 0.01 if QUICK else 0.05

local = threading.local()
shared = {"x": None}                    # the contrast: a plain global slot


def worker(i):
    local.x = f"value of {threading.current_thread().name}"
    shared["x"] = f"value of {threading.current_thread().name}"
    time.sleep(DELAY * (3 - i))         # others write meanwhile
    print(f"{threading.current_thread().name}: local.x={local.x!r} global={shared['x']!r}")


threads = [threading.Thread(target=worker, args=(i,), name=f"Thread-{i + 1}") for i in range(3)]
for t in threads:
    t.start()
for t in threads:
    t.join()
try:
    print(local.x)                      # MainThread never set it
except AttributeError as e:
    print("AttributeError:", e)
