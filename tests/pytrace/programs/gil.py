# Three threads of pure Python arithmetic: they take turns at the GIL.
import threading


def spin(n):
    x = 0
    for i in range(n):
        x += i


threads = [threading.Thread(target=spin, args=(2_000_000,), name="spin%d" % i) for i in range(3)]
for t in threads:
    t.start()
for t in threads:
    t.join()
