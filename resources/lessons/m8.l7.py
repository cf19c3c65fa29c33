# "Volatile" variables: Python has no volatile; a plain flag is seen at the worker's next
# check, an Event wakes it at once.
import os
import threading
import time

QUICK = os.environ.get("THREADLENS_QUICK") == "1"
PERIOD = 0.04 if QUICK else 0.2      # [loop_period_ms/1000] the worker's loop period
FLIP_AT = 0.2 if QUICK else 1.0      # [flip_at_ms/1000] main flips the signal at this time
MODE = "bool_flag"                   # [mode] stop signal: "bool_flag" or "event"
running = True
stop = threading.Event()


def worker():
    loops = 0
    if MODE == "event":
        while not stop.wait(PERIOD):   # wakes up as soon as the event is set
            loops += 1
    else:
        while running:               # always reads the current value, but only once per period
            time.sleep(PERIOD)
            loops += 1
    print("worker stops after", loops, "loops")


t = threading.Thread(target=worker, name="worker")
t.start()
time.sleep(FLIP_AT)
t0 = time.perf_counter()
if MODE == "event":
    stop.set()
else:
    running = False
t.join()
print(f"{MODE}: worker stopped {1000 * (time.perf_counter() - t0):.0f} ms after the flip")
