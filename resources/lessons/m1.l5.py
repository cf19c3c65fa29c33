"""m1.l5 Waiting for a result from a thread: join, Event, Queue or polling."""
import os
import queue
import threading
import time

QUICK = os.environ.get("THREADLENS_QUICK") == "1"
A_COUNT = 5                          # [a_count]
A_PERIOD = 0.02 if QUICK else 0.5    # [a_period_ms/1000]
B_COUNT = 4                          # [b_count]
B_PERIOD = 0.04 if QUICK else 1.0    # [b_period_ms/1000]
METHOD = "join"                      # [method] "join", "event", "queue" or "poll"
POLL_S = 0.01 if QUICK else 0.1      # [poll_ms/1000] main's own work between two checks


def printer(name, count, period, done_event, results):
    for k in range(count):
        print(name, k)
        time.sleep(period)
    results.put(f"{name} done")
    done_event.set()


done_a, done_b = threading.Event(), threading.Event()
results = queue.Queue()
a = threading.Thread(target=printer, args=("A", A_COUNT, A_PERIOD, done_a, results), name="A")
b = threading.Thread(target=printer, args=("B", B_COUNT, B_PERIOD, done_b, results), name="B")
a.start()
b.start()
if METHOD == "join":
    a.join()
    b.join()
elif METHOD == "event":
    done_a.wait()
    done_b.wait()
elif METHOD == "queue":
    print(results.get(), "/", results.get())
else:                                # poll: main keeps waking up to look, wasting its time
    while a.is_alive() or b.is_alive():
        time.sleep(POLL_S)
print(f"[{METHOD}] both done")
a.join()
b.join()
