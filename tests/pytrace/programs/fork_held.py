# A fork made while the program holds a lock, after it made many objects: the child releases a
# hold its own stream never saw begin, takes the lock again, and announces only what it uses.
import os
import threading

events = [threading.Event() for _ in range(2000)]
lock = threading.Lock()
with lock:
    print("same text")
    pid = os.fork()
with lock:
    print("same text")
    print("in", "child" if pid == 0 else "parent", flush=True)
if pid == 0:
    os._exit(0)
os.waitpid(pid, 0)
