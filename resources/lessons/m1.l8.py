"""m1.l8 Thread attributes: name (renamed from inside), ident, native_id, is_alive(), daemon."""
import os
import random
import threading
import time

QUICK = os.environ.get("THREADLENS_QUICK") == "1"
CODE_NAMES = ["Falcon", "Otter", "Heron", "Lynx", "Raven"]
JOIN_INSIDE_LOOP = False               # True: each mission runs alone (AP3)
random.seed(1)


def mission(code_name, seconds):
    threading.current_thread().name = code_name   # a thread may rename itself
    time.sleep(seconds)


threads = []
for code in CODE_NAMES:
    t = threading.Thread(target=mission, args=(code, random.uniform(0.05, 0.2) * (0.3 if QUICK else 1)))
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
