# "Volatile" variables: Python has no volatile; a plain flag is seen at the next check, an Event at once.
import threading, time

PERIOD, FLIP_AT = 0.2, 0.5

class Flag:
    running = True

def bool_worker():
    while Flag.running:        # always reads the current value, but only once per period
        time.sleep(PERIOD)

stop = threading.Event()
def event_worker():
    while not stop.wait(PERIOD):   # wakes up as soon as the event is set
        pass

for name, target, flip in (("bool_flag", bool_worker, lambda: setattr(Flag, "running", False)),
                           ("event", event_worker, stop.set)):
    t = threading.Thread(target=target)
    t.start()
    time.sleep(FLIP_AT)
    t0 = time.perf_counter()
    flip()
    t.join()
    print(f"{name}: worker stopped {1000 * (time.perf_counter() - t0):.0f} ms after the flip")
