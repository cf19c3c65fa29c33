# Thread-safe logging: handlers serialise emit() with their own lock; QueueListener moves the I/O to one thread.
import logging, logging.handlers, queue, threading

MODE = "queue_listener"   # or "stream"
fmt = logging.Formatter("%(threadName)-10s %(message)s")
handler = logging.StreamHandler()
handler.setFormatter(fmt)
log = logging.getLogger("demo")
log.setLevel(logging.INFO)

listener = None
if MODE == "queue_listener":
    q = queue.Queue()
    log.addHandler(logging.handlers.QueueHandler(q))
    listener = logging.handlers.QueueListener(q, handler)
    listener.start()
else:
    log.addHandler(handler)

def worker():
    for i in range(10):
        log.info("record %d", i)

ts = [threading.Thread(target=worker, name=f"worker-{n}") for n in range(6)]
for t in ts:
    t.start()
for t in ts:
    t.join()
if listener:
    listener.stop()           # flushes what is still queued
print("done")
