# A forked child is traced as its own process.
import os
import threading

lock = threading.Lock()
pid = os.fork()
with lock:
    print("in", "child" if pid == 0 else "parent", flush=True)
if pid == 0:
    os._exit(0)
os.waitpid(pid, 0)
