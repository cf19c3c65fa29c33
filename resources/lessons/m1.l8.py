"""m1.l8 Thread attributes: name (renamed from inside), ident, native_id, is_alive(), daemon."""
import os
import random
import threading
import time

QUICK = os.environ.get("THREADLENS_QUICK") == "1"
THREADS = 5                          # [threads] missions
DURATION_S = 0.05 if QUICK else 0.5  # [duration_ms/1000] a mission's length, ±50%
JOIN_INSIDE_LOOP = False             # [join_inside_loop] the bug: each mission runs alone
DAEMON = False                       # [daemon]
CODE_NAMES = ["Falcon", "Otter", "Heron", "Lynx", "Raven", "Badger", "Condor", "Marten"]
random.seed(1)


def mission(code_name, seconds):
    threading.current_thread().name = code_name   # a thread may rename itself
    time.sleep(seconds)


threads = []
for i in range(THREADS):
    code = CODE_NAMES[i % len(CODE_NAMES)] + ("" if i < len(CODE_NAMES) else f"-{i}")
    t = threading.Thread(target=mission, args=(code, DURATION_S * random.uniform(0.5, 1.5)), daemon=DAEMON)
    print(f"before start: {t.name} ident={t.ident} alive={t.is_alive()}")
    t.start()
    print(f"after start:  ident={t.ident} native_id={t.native_id} alive={t.is_alive()} daemon={t.daemon}")
    try:
        t.daemon = True
    except RuntimeError as e:
        print("RuntimeError:", e)
    if JOIN_INSIDE_LOOP:
        t.join()
    threads.append(t)
for t in threads:
    t.join()
    print(f"after join:   {t.name} alive={t.is_alive()}")
