# RLock: transfer() locks the account and calls withdraw(), which locks it again, as deep
# as the nesting goes. With an RLock the owner may re-enter (the recursion count climbs and
# falls back to 0). With a plain Lock the thread waits for itself forever; here a timeout
# reveals it.
import threading
import time

THREADS = 3                          # [threads] tellers
DEPTH = 3                            # [depth] how often a teller takes the account's lock, nested
LOCK_TYPE = "RLock"                  # [lock_type] "RLock" or "Lock"
account = getattr(threading, LOCK_TYPE)()   # threading.RLock() or threading.Lock()
balance = 100 * THREADS
stuck = []


def level(k):
    global balance
    # A plain Lock would block forever on its second acquire; the timeout keeps the demo finite.
    if not account.acquire(timeout=1.0):
        stuck.append(f"{threading.current_thread().name} waits for its own lock at level {k}")
        return
    try:
        if k + 1 < DEPTH:
            level(k + 1)             # transfer -> withdraw -> ...: the same lock again
        else:
            seen = balance
            time.sleep(0.02)
            balance = seen - 10
    finally:
        account.release()


tellers = [threading.Thread(target=level, args=(0,), name=f"teller-{t}") for t in range(THREADS)]
for t in tellers:
    t.start()
for t in tellers:
    t.join()
print(f"{LOCK_TYPE}: balance={balance} (expected {100 * THREADS - 10 * THREADS}) stuck={stuck}")
r = threading.RLock()
try:
    r.release()
except RuntimeError as exc:
    print("releasing an un-held RLock:", exc)
