# Two threads take two locks in opposite order: the classic deadlock.
import threading
import time

fork_a = threading.Lock()
fork_b = threading.Lock()


def left():
    with fork_a:
        time.sleep(0.05)
        with fork_b:
            pass


def right():
    with fork_b:
        time.sleep(0.05)
        with fork_a:
            pass


threads = [threading.Thread(target=left, name="left"), threading.Thread(target=right, name="right")]
for t in threads:
    t.start()
for t in threads:
    t.join()
