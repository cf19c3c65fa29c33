"""m1.l6 join(): the caller blocks until the thread ends; the join order does not change the total."""
import os
import threading
import time

QUICK = os.environ.get("THREADLENS_QUICK") == "1"
A_PERIOD, B_PERIOD = (0.02, 0.04) if QUICK else (0.1, 0.2)


def digits():
    for d in range(5):
        print("digit", d)
        time.sleep(A_PERIOD)


def letters():
    for c in "abcde":
        print("letter", c)
        time.sleep(B_PERIOD)


for order in ("AB", "BA"):
    a = threading.Thread(target=digits, name="A")
    b = threading.Thread(target=letters, name="B")
    a.start()
    b.start()
    t0 = time.perf_counter()
    for t in (a, b) if order == "AB" else (b, a):
        t.join()
    print(f"order {order}: main waited {time.perf_counter() - t0:.2f} s")

slow = threading.Thread(target=letters, name="B")
slow.start()
slow.join(timeout=B_PERIOD)            # returns None either way: ask is_alive()
print("after join(timeout): alive =", slow.is_alive())
slow.join()
try:
    threading.current_thread().join()
except RuntimeError as e:
    print("RuntimeError:", e)
