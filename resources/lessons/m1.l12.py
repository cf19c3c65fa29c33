"""m1.l12 Helper functions: active_count(), enumerate(), current_thread(), main_thread(), get_ident()."""
import os
import random
import threading
import time

QUICK = os.environ.get("THREADLENS_QUICK") == "1"
S = 0.2 if QUICK else 1.0
random.seed(1)


def flight(seconds):
    time.sleep(seconds)


def report(label):
    names = [t.name for t in threading.enumerate()]
    print(f"{label}: active_count()={threading.active_count()} enumerate={names}")
    flights = [n for n in names if n.startswith("flight")]
    print(f"{label}: active_count()-2 = {threading.active_count() - 2} (AP16), flights by name = {len(flights)}")


logger = threading.Thread(target=time.sleep, args=(2 * S,), name="logger", daemon=True)
logger.start()                          # one more helper thread: the "-2" is now wrong
for i in range(12):
    threading.Thread(target=flight, args=(random.uniform(0.3, 2.5) * S,), name=f"flight-{i}").start()
probe = threading.Timer(1.5 * S, report, args=("probe",))
probe.start()
print("main:", threading.current_thread() is threading.main_thread(),
      "ident", threading.get_ident(), "native", threading.get_native_id(), "TIMEOUT_MAX", threading.TIMEOUT_MAX)
probe.join()
