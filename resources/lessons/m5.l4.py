# Condition: a hand-made bounded buffer. wait() releases the lock while sleeping and takes
# it again before returning; the predicate is re-checked in a while loop.
import os
import threading
import time

QUICK = os.environ.get("THREADLENS_QUICK") == "1"
PRODUCERS = 2                        # [producers]
CONSUMERS = 2                        # [consumers]
CAPACITY = 3                         # [capacity] of the buffer
ITEMS = 6                            # [items] per producer
PRODUCE_S = 0.01 if QUICK else 0.05  # [produce_ms/1000] time to produce an item
CONSUME_S = 0.02 if QUICK else 0.1   # [consume_ms/1000] time to consume an item
NOTIFY = "all"                       # [notify] wake "all" or "one" after each change
PREDICATE_CHECK = "while"            # [predicate_check] "while", or the bug "if"
WAIT_TIMEOUT = 0.1 if QUICK else 0.5   # [wait_timeout_ms/1000] wait()'s timeout
buffer = []
cond = threading.Condition()         # the default lock is an RLock
consumed = 0


def wake():
    if NOTIFY == "all":
        cond.notify_all()
    else:
        cond.notify()


def put(item):
    with cond:
        if PREDICATE_CHECK == "while":
            while len(buffer) >= CAPACITY:
                cond.wait(WAIT_TIMEOUT)
        elif len(buffer) >= CAPACITY:
            cond.wait(WAIT_TIMEOUT)  # the bug: no re-check after waking
        buffer.append(item)
        wake()


def producer(p):
    for i in range(ITEMS):
        time.sleep(PRODUCE_S)
        put(f"p{p}-{i}")


def consumer():
    global consumed
    while True:
        with cond:
            if PREDICATE_CHECK == "while":
                while not buffer:
                    cond.wait(WAIT_TIMEOUT)
            elif not buffer:
                cond.wait(WAIT_TIMEOUT)
            try:
                item = buffer.pop(0)
            except IndexError as exc:    # woken, but another consumer took the item
                print("IndexError:", exc)
                continue
            wake()
            if item == "STOP":
                return
            consumed += 1
        time.sleep(CONSUME_S)


producers = [threading.Thread(target=producer, args=(p,), name=f"producer-{p}") for p in range(PRODUCERS)]
consumers = [threading.Thread(target=consumer, name=f"consumer-{c}") for c in range(CONSUMERS)]
for t in producers + consumers:
    t.start()
for t in producers:
    t.join()
for _ in consumers:
    put("STOP")
for t in consumers:
    t.join()
print(f"consumed={consumed} of {PRODUCERS * ITEMS}")
try:
    cond.notify()
except RuntimeError as exc:
    print("notify without the lock:", exc)
