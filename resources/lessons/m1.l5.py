"""m1.l5 Waiting for a result from a thread: join, Event, Queue or polling."""
import os
import queue
import sys
import threading
import time

QUICK = os.environ.get("THREADLENS_QUICK") == "1"
A_PERIOD, B_PERIOD = (0.02, 0.04) if QUICK else (0.1, 0.2)
COUNT = 5


def printer(name, items, period, done_event, results):
    for item in items:
        print(name, item)
        time.sleep(period)
    results.put(f"{name} done")
    done_event.set()


def run(method):
    done_a, done_b = threading.Event(), threading.Event()
    results = queue.Queue()
    a = threading.Thread(target=printer, args=("A", range(COUNT), A_PERIOD, done_a, results))
    b = threading.Thread(target=printer, args=("B", "abcde"[:COUNT], B_PERIOD, done_b, results))
    a.start()
    b.start()
    if method == "join":
        a.join()
        b.join()
    elif method == "event":
        done_a.wait()
        done_b.wait()
    elif method == "queue":
        print(results.get(), "/", results.get())
    else:                              # poll: main keeps waking up to look, wasting its time
        while a.is_alive() or b.is_alive():
            time.sleep(0.01)
    print(f"[{method}] both done")
    a.join()
    b.join()


for m in (sys.argv[1:] or ["join", "event", "queue", "poll"]):
    run(m)
