# Thread-safe print: print(a, b) makes several writes, so lines from threads can mix.
import sys
import threading

THREADS = 8                          # [threads]
LINES_PER_THREAD = 5                 # [lines_per_thread]
MODE = "plain"                       # [mode] "plain", "lock" or "single_write"
lock = threading.Lock()


def say(name, i):
    if MODE == "plain":
        print(name, "line", i)       # writes: name, " ", "line", " ", i, "\n"
    elif MODE == "lock":
        with lock:
            print(name, "line", i)
    else:
        sys.stdout.write(f"{name} line {i}\n")   # one write of a ready-made string


def worker(name):
    for i in range(LINES_PER_THREAD):
        say(name, i)


ts = [threading.Thread(target=worker, args=(f"T{n}",), name=f"T{n}") for n in range(THREADS)]
for t in ts:
    t.start()
for t in ts:
    t.join()
