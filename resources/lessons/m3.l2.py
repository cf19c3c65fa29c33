# The Future object without an executor: consumers block in result() until a producer
# thread completes the future by hand. Everyone wakes with the same value.
import os
import threading
import time
from concurrent.futures import Future, InvalidStateError

QUICK = os.environ.get("THREADLENS_QUICK") == "1"
CONSUMERS = 3                        # [consumers]
SET_AFTER = 0.2 if QUICK else 1.0    # [set_after_ms/1000] the producer completes the future after this
OUTCOME = "result"                   # [outcome] "result" or "exception"

future = Future()


def consumer():
    name = threading.current_thread().name
    try:
        print(f"{name}: got {future.result()}")
    except Exception as exc:
        print(f"{name}: got exception {exc!r}")


def producer():
    time.sleep(SET_AFTER)
    if future.set_running_or_notify_cancel():   # PENDING -> RUNNING
        if OUTCOME == "exception":
            future.set_exception(ValueError("sensor offline"))
        else:
            future.set_result(42)
    try:
        future.set_result(43)                    # completing twice is an error
    except InvalidStateError as exc:
        print(f"producer: second set_result refused: {exc}")


consumers = [threading.Thread(target=consumer, name=f"consumer-{i}") for i in range(CONSUMERS)]
for t in consumers:
    t.start()
print(future)                                  # state=pending
threading.Thread(target=producer, name="producer").start()
for t in consumers:
    t.join()
print(future, "done() =", future.done())       # state=finished
