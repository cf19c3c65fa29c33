"""m1.l11 Timer thread: an auction where each bid arms the next Timer, plus a cancelled timer."""
import os
import threading

QUICK = os.environ.get("THREADLENS_QUICK") == "1"
INTERVAL = 0.02 if QUICK else 0.1
INCREMENTS, MAX_BID = 10, 10
bid = 0


def raise_bid(step):
    global bid
    bid = round(MAX_BID * step / INCREMENTS)
    print(f"{threading.current_thread().name}: bid {bid}")
    if step < INCREMENTS:
        threading.Timer(INTERVAL, raise_bid, args=(step + 1,)).start()   # the chain
    else:
        print("closed")


first = threading.Timer(INTERVAL, raise_bid, args=(1,))
first.start()
first.join()

never = threading.Timer(10.0, print, args=("never printed",))
never.start()
never.cancel()                          # cancelled during its wait: it never fires
never.join()
print("cancelled timer alive:", never.is_alive())
# the interpreter waits for the rest of the chain (Timers are non-daemon)
