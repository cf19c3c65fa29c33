import os
import threading

lock = threading.Lock()
with lock:
    print("bye", flush=True)
os._exit(7)
