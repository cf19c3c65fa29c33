# Every primitive once, in a known order (tests/pytrace/tst_pytrace.cpp checks what it records).
import queue
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

lock = threading.Lock()
rlock = threading.RLock()
cond = threading.Condition()
sem = threading.BoundedSemaphore(2)
ready = threading.Event()
gate = threading.Barrier(2)
jobs = queue.Queue(maxsize=1)
forks = [threading.Lock() for _ in range(2)]


class Account:
    def __init__(self):
        self.lock = threading.Lock()


acct = Account()
items = []


def holder():
    with lock:
        ready.set()
        time.sleep(0.1)          # main waits for `lock` meanwhile: a contended acquire, a handoff


def consumer():
    with cond:
        while not items:
            cond.wait()          # woken by notify: a wake flow
    gate.wait()
    for _ in range(3):
        jobs.get()
        jobs.task_done()


t = threading.Thread(target=holder, name="holder")
t.start()
ready.wait()
with lock:
    pass
t.join()

with rlock:
    with rlock:
        pass
print("non-blocking:", lock.acquire(blocking=False))
lock.release()
print("timed:", forks[0].acquire(timeout=0.01))
forks[0].release()
with acct.lock, forks[1]:
    pass

c = threading.Thread(target=consumer, name="consumer")
c.start()
time.sleep(0.05)
with cond:
    items.append(1)
    cond.notify()
gate.wait()
for i in range(3):
    jobs.put(i)                  # maxsize 1: puts wait for the consumer
jobs.join()
c.join()

with sem:
    pass
sem.acquire()
sem.release()
try:
    sem.release()
except ValueError as e:
    print("over-release:", e)

with ThreadPoolExecutor(max_workers=2, thread_name_prefix="pool") as pool:
    futs = [pool.submit(pow, 2, i) for i in range(4)]
    print("results:", [f.result() for f in futs])
sys.exit(3)
