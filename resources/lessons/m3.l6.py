# Done callbacks. A callback registered before completion runs on the worker that finished
# the task; one registered after completion runs at once on the registering thread (main).
import logging
import os
import random
import threading
import time
from concurrent.futures import ThreadPoolExecutor

SCALE = 0.3 if os.environ.get("THREADLENS_QUICK") else 1.0
REGISTER_DELAY = 0.02 * SCALE
random.seed(11)
stock = {"widget": 20}
stock_lock = threading.Lock()
ran_on = {"worker": 0, "main": 0}


def search(i):
    time.sleep(random.uniform(0, 0.05) * SCALE)
    return "widget"


def take_one(fut):
    where = "main" if threading.current_thread() is threading.main_thread() else "worker"
    with stock_lock:                  # without the lock two callbacks could both see stock 1
        ran_on[where] += 1
        if stock[fut.result()] > 0:
            stock[fut.result()] -= 1


def noisy(fut):
    raise RuntimeError("callback failed")  # logged by concurrent.futures, then ignored


with ThreadPoolExecutor(max_workers=4) as pool:
    futures = []
    for i in range(30):
        fut = pool.submit(search, i)
        time.sleep(REGISTER_DELAY)         # the race: is the task already done?
        fut.add_done_callback(take_one)
        futures.append(fut)

print(f"callbacks ran on workers: {ran_on['worker']}, on main: {ran_on['main']}")
print(f"stock left: {stock['widget']} (never negative)")
logging.disable(logging.CRITICAL)            # hide the logged traceback of the next line
f = ThreadPoolExecutor(1).submit(lambda: 1)
f.result()
f.add_done_callback(noisy)                   # raises inside, but the caller goes on
print("a raising callback does not stop the program")
