"""m1.l7 Thread names: name=, current_thread().name, and a load/process/save pipeline."""
import os
import random
import threading
import time

QUICK = os.environ.get("THREADLENS_QUICK") == "1"
DEMO = "pipeline"                    # [demo] "probe", "workers" or "pipeline"
WORKERS = 10                         # [workers]
NAME_PREFIX = "Name_thread-"         # [name_prefix] "(default)": Python names them Thread-N
STAGE_S = 0.03 if QUICK else 0.8     # [stage_ms/1000]
FILES = 3                            # [files]
JOIN_TIMEOUT_S = 0.063 if QUICK else 2.1   # [join_timeout_ms/1000]
STAGES_MODE = "concurrent"           # [stages_mode] "concurrent" or "chained"
log = []                             # list.append is atomic: the log stays intact


def probe():
    a = threading.Thread(target=time.sleep, args=(2 * STAGE_S,), name="A")
    b = threading.Thread(target=time.sleep, args=(3 * STAGE_S,), name="B")
    a.start()
    b.start()
    a.join(timeout=JOIN_TIMEOUT_S)
    print("still alive:", [t.name for t in (a, b) if t.is_alive()])
    b.join()


def named_workers():
    def work():
        time.sleep(random.uniform(0.1, 0.5) * STAGE_S)
        log.append(threading.current_thread().name)

    prefix = None if NAME_PREFIX == "(default)" else NAME_PREFIX
    workers = [threading.Thread(target=work, name=prefix and f"{prefix}{i}") for i in range(1, WORKERS + 1)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    print("workers:", log)


def stage(file, seconds, wait_for=None):
    if wait_for is not None:         # chained mode: wait for the previous stage
        wait_for.join()
    time.sleep(seconds)
    log.append(f"{threading.current_thread().name}: {file}")


def pipeline():
    chained = STAGES_MODE == "chained"
    for f in (f"file{k}" for k in range(1, FILES + 1)):
        load = threading.Thread(target=stage, args=(f, 1.5 * STAGE_S), name=f"load-{f}")
        proc = threading.Thread(target=stage, args=(f, STAGE_S, load if chained else None), name=f"process-{f}")
        save = threading.Thread(target=stage, args=(f, 0.5 * STAGE_S, proc if chained else None), name=f"save-{f}")
        for t in (load, proc, save):
            t.start()
        for t in (load, proc, save):
            t.join()
    print(STAGES_MODE, log)          # concurrent: a file is saved before it is loaded


{"probe": probe, "workers": named_workers, "pipeline": pipeline}[DEMO]()
