# RLock: transfer() locks the account and calls withdraw(), which locks it again.
# With an RLock the owner may re-enter (the recursion count goes 1 -> 2 -> 1 -> 0).
# With a plain Lock the thread waits for itself forever; here a timeout reveals it.
import os
import threading

LOCK_TYPE = os.environ.get("LOCK_TYPE", "RLock")   # RLock | Lock


class Account:
    def __init__(self, lock):
        self.balance = 100
        self.lock = lock

    def withdraw(self, amount):
        # A plain Lock would block forever here; the timeout keeps the demo finite.
        if not self.lock.acquire(timeout=0.3):
            raise RuntimeError(f"{threading.current_thread().name} blocked on its own lock")
        try:
            self.balance -= amount
        finally:
            self.lock.release()

    def transfer(self, other, amount):
        with self.lock:          # count 1
            self.withdraw(amount)  # count 2 inside
            other.balance += amount


def run(lock_factory, label):
    a, b = Account(lock_factory()), Account(threading.Lock())
    errors = []

    def worker():
        try:
            a.transfer(b, 10)
        except RuntimeError as exc:
            errors.append(str(exc))

    threads = [threading.Thread(target=worker, name=f"teller-{i}") for i in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print(f"{label:6}: a={a.balance} b={b.balance} errors={errors}")


run(getattr(threading, LOCK_TYPE), LOCK_TYPE)
if LOCK_TYPE != "Lock":
    run(threading.Lock, "Lock")
r = threading.RLock()
try:
    r.release()
except RuntimeError as exc:
    print("releasing an un-held RLock:", exc)
