# Thread-safe print: print(a, b) makes several writes, so lines from threads can mix.
import sys, threading

lock = threading.Lock()
MODE = "lock"   # plain | lock | single_write

def say(name, i):
    if MODE == "plain":
        print(name, "line", i)                 # writes: name, " ", "line", " ", i, "\n"
    elif MODE == "lock":
        with lock:
            print(name, "line", i)
    else:
        sys.stdout.write(f"{name} line {i}\n")  # one write of a pre-built string

def worker(name):
    for i in range(5):
        say(name, i)

ts = [threading.Thread(target=worker, args=(f"T{n}",)) for n in range(8)]
for t in ts:
    t.start()
for t in ts:
    t.join()
