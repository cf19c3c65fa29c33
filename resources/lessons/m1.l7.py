"""m1.l7 Thread names: name=, current_thread().name, and a load/process/save pipeline."""
import os
import threading
import time

QUICK = os.environ.get("THREADLENS_QUICK") == "1"
STAGE_S = 0.03 if QUICK else 0.15
log = []                                # list.append is atomic: the log stays intact


def sleeper(seconds):
    time.sleep(seconds)


a = threading.Thread(target=sleeper, args=(2 * STAGE_S,), name="A")
b = threading.Thread(target=sleeper, args=(3 * STAGE_S,), name="B")
a.start()
b.start()
a.join(timeout=2.1 * STAGE_S)
print("still alive:", [t.name for t in (a, b) if t.is_alive()])
b.join()

workers = [threading.Thread(target=lambda: log.append(threading.current_thread().name),
                            name=f"Name_thread-{i}") for i in range(1, 11)]
for w in workers:
    w.start()
for w in workers:
    w.join()
print("workers:", log)


def stage(file, seconds, wait_for=None):
    if wait_for is not None:            # chained mode: wait for the previous stage
        wait_for.join()
    time.sleep(seconds)
    log.append(f"{threading.current_thread().name}: {file}")


for chained in (False, True):
    log.clear()
    for f in ("a.txt", "b.txt", "c.txt"):
        load = threading.Thread(target=stage, args=(f, 1.5 * STAGE_S), name=f"load-{f}")
        proc = threading.Thread(target=stage, args=(f, STAGE_S, load if chained else None), name=f"process-{f}")
        save = threading.Thread(target=stage, args=(f, 0.5 * STAGE_S, proc if chained else None), name=f"save-{f}")
        for t in (load, proc, save):
            t.start()
        for t in (load, proc, save):
            t.join()
    print("chained   " if chained else "concurrent", log)  # concurrent: save logs before load (AP15)
