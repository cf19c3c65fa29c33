"""m1.l12 Helper functions: active_count(), enumerate(), current_thread(), main_thread(), get_ident()."""
import os
import random
import threading
import time

QUICK = os.environ.get("THREADLENS_QUICK") == "1"
THREADS = 12                         # [threads] flights
MIN_S = 0.06 if QUICK else 0.3       # [min_ms/1000] the shortest flight
MAX_S = 0.6 if QUICK else 3.0        # [max_ms/1000] the longest flight
PROBE1_S = 0.2 if QUICK else 1.0     # [probe1_ms/1000]
PROBE2_S = 0.5 if QUICK else 2.5     # [probe2_ms/1000]
MINUS_TWO = False                    # [minus_two] the bug: flights = active_count() - 2
random.seed(1)


def report(label):
    names = [t.name for t in threading.enumerate()]
    print(f"{label}: active_count()={threading.active_count()} enumerate={names}")
    flights = len([n for n in names if n.startswith("flight")])
    counted = threading.active_count() - 2 if MINUS_TWO else flights
    print(f"{label}: flights in the air = {counted}, by enumerate(): {flights}")


# one more helper thread: "active_count() - 2" now counts it as a flight
logger = threading.Thread(target=time.sleep, args=(max(MAX_S, PROBE1_S, PROBE2_S) + 0.1,), name="logger",
                          daemon=True)
logger.start()
lo, hi = sorted((MIN_S, MAX_S))
for i in range(THREADS):
    threading.Thread(target=time.sleep, args=(random.uniform(lo, hi),), name=f"flight-{i}").start()
probes = [threading.Timer(PROBE1_S, report, args=("probe 1",)), threading.Timer(PROBE2_S, report, args=("probe 2",))]
for p in probes:
    p.start()
print("main:", threading.current_thread() is threading.main_thread(),
      "ident", threading.get_ident(), "native", threading.get_native_id(), "TIMEOUT_MAX", threading.TIMEOUT_MAX)
print("active_count() after starting everything:", threading.active_count())
