"""m1.l4 The main thread: its name, renaming it, and interpreter shutdown waiting for workers."""
import os
import threading
import time

QUICK = os.environ.get("THREADLENS_QUICK") == "1"
WORKER_S = 0.2 if QUICK else 2.0     # [worker_ms/1000]
WORKER_DAEMON = False                # [worker_daemon]
RENAME_TO = "My_main_thread"         # [rename_to]


def worker():
    print("worker: started")
    time.sleep(WORKER_S)
    print("worker: finished")        # never printed when the worker is a daemon


main = threading.current_thread()
print("current:", main.name, "is main:", main is threading.main_thread(), "daemon:", main.daemon)
main.name = RENAME_TO
print("renamed:", threading.current_thread().name, "same object:", threading.main_thread() is main)

threading.Thread(target=worker, name="worker", daemon=WORKER_DAEMON).start()
print("main: script body ends here; the interpreter now waits for non-daemon threads")
