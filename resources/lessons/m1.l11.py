"""m1.l11 Timer thread: an auction where each bid arms the next Timer; cancel() stops a waiting one."""
import os
import threading
import time

QUICK = os.environ.get("THREADLENS_QUICK") == "1"
INTERVAL = 0.02 if QUICK else 0.3    # [interval_ms/1000]
INCREMENTS = 10                      # [increments] raises until the final bid
MAX_BID = 10                         # [max_bid]
CANCEL_AT_MS = -1                    # [cancel_at_ms] -1: never cancel
bid = 0
current = None                       # the timer that waits now
guard = threading.Lock()


def arm(step):
    global current
    with guard:
        current = threading.Timer(INTERVAL, raise_bid, args=(step,))
        current.start()


def raise_bid(step):
    global bid
    bid = round(MAX_BID * step / INCREMENTS)
    print(f"{threading.current_thread().name}: bid {bid}")
    if step < INCREMENTS:
        arm(step + 1)                # the chain: each timer arms the next
    else:
        print("closed")


arm(1)
if CANCEL_AT_MS >= 0:
    time.sleep(CANCEL_AT_MS / 1000)
    with guard:
        victim = current
    victim.cancel()                  # only a timer still waiting is stopped
    print(f"cancel() {victim.name} at bid {bid}")
# the interpreter waits for the rest of the chain (Timers are non-daemon)
