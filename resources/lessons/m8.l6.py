# Thread-safe file writing: unlocked writes of a line in pieces interleave; a lock or a writer thread fixes it.
import os, queue, tempfile, threading

THREADS, LINES = 5, 20
MODE = "writer_queue"   # unsafe | lock | writer_queue
path = os.path.join(tempfile.mkdtemp(), "out.txt")
f = open(path, "w", buffering=1)
lock = threading.Lock()
q = queue.Queue()

def write_line(text):
    if MODE == "unsafe":
        for piece in (text[:20], text[20:], "\n"):   # several writes per line
            f.write(piece)
    elif MODE == "lock":
        with lock:
            f.write(text + "\n")
    else:
        q.put(text + "\n")

def writer():
    while (line := q.get()) is not None:
        f.write(line)
        q.task_done()
    q.task_done()

def producer(n):
    for i in range(LINES):
        write_line(f"T{n} line {i:02d} " + str(n) * 40)

w = threading.Thread(target=writer)
w.start()
ts = [threading.Thread(target=producer, args=(n,)) for n in range(THREADS)]
for t in ts: t.start()
for t in ts: t.join()
q.put(None); q.join(); w.join()
f.close()
lines = open(path).read().splitlines()
print(len(lines), "lines,", sum(not l.startswith("T") or len(l) != len(lines[0]) for l in lines), "broken")
os.remove(path)
