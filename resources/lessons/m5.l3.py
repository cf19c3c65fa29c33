# Event: bank clients wait for the cashier's signal. The event is never cleared, so after
# the first service every later client passes at once (a latched flag). With auto_clear the
# cashier clears it and signals once per client. Every waiter blocked at set() wakes.
import os
import threading
import time

SCALE = 0.2 if os.environ.get("THREADLENS_QUICK") else 1.0
AUTO_CLEAR = os.environ.get("AUTO_CLEAR") == "1"


def bank(auto_clear):
    cashier_free = threading.Event()
    served = []
    lock = threading.Lock()

    def client(i):
        time.sleep(0.03 * i * SCALE)          # clients arrive one after another
        cashier_free.wait()
        with lock:
            served.append((i, round(time.perf_counter() - t0, 2)))
            if auto_clear:
                cashier_free.clear()        # the next client must wait for the next signal

    def cashier():
        for _ in range(5):
            time.sleep(0.1 * SCALE)
            cashier_free.set()
            if not auto_clear:
                return                      # set once; the flag stays up

    t0 = time.perf_counter()
    threads = [threading.Thread(target=client, args=(i,), name=f"client-{i}") for i in range(5)]
    threads.append(threading.Thread(target=cashier, name="cashier"))
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print(f"auto_clear={auto_clear}: served (client, time) = {served}")


bank(AUTO_CLEAR)
bank(not AUTO_CLEAR)
e = threading.Event()
print("wait with timeout on an unset event returns", e.wait(0.01))
