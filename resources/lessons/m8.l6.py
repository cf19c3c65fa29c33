# Thread-safe file writing: unlocked writes of a line in pieces interleave; a lock or a
# writer thread fixes it.
import os
import queue
import tempfile
import threading

THREADS = 5                          # [threads]
LINES = 20                           # [lines] per thread
LINE_LEN = 80                        # [line_len] characters per line
MODE = "unsafe"                      # [mode] "unsafe", "lock" or "writer_queue"
path = os.path.join(tempfile.mkdtemp(), "out.txt")
f = open(path, "w", buffering=1)
lock = threading.Lock()
q = queue.Queue()


def write_pieces(text):
    half = len(text) // 2
    f.write(text[:half])             # several writes per line: another writer may land in between
    f.write(text[half:])
    f.write("\n")


def write_line(text):
    if MODE == "unsafe":
        write_pieces(text)
    elif MODE == "lock":
        with lock:
            write_pieces(text)
    else:
        q.put(text)                  # only the writer thread touches the file


def writer():
    while (line := q.get()) is not None:
        write_pieces(line)
        q.task_done()
    q.task_done()


def producer(n):
    for i in range(LINES):
        head = f"T{n} line {i:02d} "
        write_line(head + str(n % 10) * max(0, LINE_LEN - len(head)))


w = threading.Thread(target=writer, name="writer")
w.start()
ts = [threading.Thread(target=producer, args=(n,), name=f"T{n}") for n in range(THREADS)]
for t in ts:
    t.start()
for t in ts:
    t.join()
q.put(None)
q.join()
w.join()
f.close()
with open(path) as done:
    lines = done.read().splitlines()
broken = sum(not line.startswith("T") or len(set(line.split(" ", 3)[-1])) > 1 for line in lines)
print(len(lines), "lines,", broken, "broken")
os.remove(path)
