# Four threads take one lock many times (a shared counter): holds back to back, handoffs between
# threads whenever the GIL switches inside a hold.
import sys
import threading

N = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
lock = threading.Lock()
counter = 0


def work():
    global counter
    for _ in range(N):
        with lock:
            counter += 1


threads = [threading.Thread(target=work, name="worker-%d" % i) for i in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
assert counter == 4 * N
print("counted", counter)
