# Event: bank clients wait for the cashier's signal. Never cleared, the event stays set,
# so after the first service every later client passes at once (a latched flag). With
# auto_clear each client clears it and the cashier signals once per client. Every waiter
# blocked at set() wakes.
import os
import threading
import time

QUICK = os.environ.get("THREADLENS_QUICK") == "1"
WAITERS = 5                          # [waiters] clients
ARRIVE_S = 0.03 if QUICK else 0.15   # [arrive_ms/1000] a client arrives this often
SET_AT_S = 0.06 if QUICK else 0.3    # [set_at_ms/1000] the first set()
SERVICE_S = 0.06 if QUICK else 0.3   # [service_ms/1000]
AUTO_CLEAR = False                   # [auto_clear] clear after each client (otherwise the flag stays up)
WAIT_TIMEOUT_MS = 0                  # [wait_timeout_ms] 0: wait() without a timeout
EVENTS = 1                           # [events] events awaited in turn (2: then the clock)
cashier_free = threading.Event()
clock = threading.Event()
finished = []
lock = threading.Lock()
timeout = WAIT_TIMEOUT_MS / 1000 or None


def client(i):
    me = f"client-{i}"
    time.sleep(i * ARRIVE_S)
    print(me, "arrives")
    if not cashier_free.wait(timeout):   # False: the timeout passed
        print(me, "gave up")
    else:
        if AUTO_CLEAR:
            cashier_free.clear()     # the next client must wait for the next signal
        print(me, "served")
    with lock:
        finished.append(me)
    time.sleep(SERVICE_S / 2)
    if EVENTS == 2 and not clock.wait(timeout):
        print(me, "stopped waiting for the clock")


def cashier():
    time.sleep(SET_AT_S)
    cashier_free.set()
    while AUTO_CLEAR and len(finished) < WAITERS:   # call the next client once this one took the signal
        time.sleep(SERVICE_S)
        if not cashier_free.is_set():
            cashier_free.set()


threads = [threading.Thread(target=client, args=(i,), name=f"client-{i}") for i in range(WAITERS)]
threads.append(threading.Thread(target=cashier, name="cashier"))
for t in threads:
    t.start()
if EVENTS == 2:
    time.sleep(2 * SET_AT_S + SERVICE_S)
    clock.set()
for t in threads:
    t.join()
print("wait with a timeout on an unset event returns", threading.Event().wait(0.01))
