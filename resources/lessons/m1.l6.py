"""m1.l6 join(): the caller blocks until the thread ends; the join order does not change the total."""
import os
import threading
import time

QUICK = os.environ.get("THREADLENS_QUICK") == "1"
JOIN_ORDER = "AB"                    # [join_order] "AB" or "BA"
JOIN_TIMEOUT_MS = -1                 # [join_timeout_ms] -1: join() without a timeout
A_COUNT = 5                          # [a_count]
A_PERIOD = 0.02 if QUICK else 0.5    # [a_period_ms/1000]
B_COUNT = 4                          # [b_count]
B_PERIOD = 0.04 if QUICK else 1.0    # [b_period_ms/1000]


def digits():
    for d in range(A_COUNT):
        print("digit", d)
        time.sleep(A_PERIOD)


def letters():
    for k in range(B_COUNT):
        print("letter", "abcdefghijklmnopqrst"[k])
        time.sleep(B_PERIOD)


a = threading.Thread(target=digits, name="A")
b = threading.Thread(target=letters, name="B")
a.start()
b.start()
timeout = None if JOIN_TIMEOUT_MS < 0 else JOIN_TIMEOUT_MS / 1000
t0 = time.perf_counter()
for t in (a, b) if JOIN_ORDER == "AB" else (b, a):
    t.join(timeout)                  # returns None either way: ask is_alive()
    print(f"join({t.name}) returned after {time.perf_counter() - t0:.2f} s, alive = {t.is_alive()}")
print(f"order {JOIN_ORDER}: main waited {time.perf_counter() - t0:.2f} s")
a.join()
b.join()
try:
    threading.current_thread().join()
except RuntimeError as e:
    print("RuntimeError:", e)
