# Done callbacks. A callback registered before completion runs on the worker that finished
# the task; one registered after completion runs at once on the registering thread (main).
import logging
import os
import random
import threading
import time
from concurrent.futures import ThreadPoolExecutor

QUICK = os.environ.get("THREADLENS_QUICK") == "1"
TASKS = 30                           # [tasks]
TASK_MAX_S = 0.015 if QUICK else 0.05   # [task_max_ms/1000] the longest task
REGISTER_DELAY = 0.006 if QUICK else 0.0   # [register_delay_ms/1000] the race: is the task already done?
CALLBACKS_PER_FUTURE = 1             # [callbacks_per_future]
CALLBACK_RAISES = False              # [callback_raises] the first callback raises
STOCK = 20                           # [stock] items in stock
UNLOCKED_STOCK = False               # [unlocked_stock] the bug: update the stock without the lock
random.seed(11)
stock = STOCK
stock_lock = threading.Lock()
ran_on = {"worker": 0, "main": 0}
logging.disable(logging.CRITICAL)    # a raising callback is logged by concurrent.futures, then ignored


def search(i):
    time.sleep(random.uniform(0, TASK_MAX_S))
    return i


def take_one():
    global stock
    value = stock
    time.sleep(0.0003)               # checking the order takes a moment: the race window
    if value > 0:
        stock = value - 1


def callback(c):
    def on_done(fut):
        where = "main" if threading.current_thread() is threading.main_thread() else "worker"
        ran_on[where] += 1
        if CALLBACK_RAISES and c == 0:
            raise RuntimeError("callback failed")
        if UNLOCKED_STOCK:
            take_one()
        else:
            with stock_lock:         # without the lock two callbacks could both see stock 1
                take_one()
    return on_done


with ThreadPoolExecutor(max_workers=4) as pool:
    for i in range(TASKS):
        fut = pool.submit(search, i)
        time.sleep(REGISTER_DELAY)
        for c in range(CALLBACKS_PER_FUTURE):
            fut.add_done_callback(callback(c))

print(f"callbacks ran on workers: {ran_on['worker']}, on main: {ran_on['main']}")
print(f"stock left: {stock}")
