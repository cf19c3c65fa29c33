# Thread-safe logging: handlers serialise emit() with their own lock; a QueueListener moves
# the I/O to one thread.
import logging
import logging.handlers
import queue
import threading

THREADS = 6                          # [threads]
RECORDS = 10                         # [records] per thread
HANDLER = "stream"                   # [handler] "stream" or "queue_listener"
handler = logging.StreamHandler()
handler.setFormatter(logging.Formatter("%(threadName)-10s %(message)s"))
log = logging.getLogger("demo")
log.setLevel(logging.INFO)
q = queue.Queue()                    # the records' way to the listener ("queue_listener" only)

listener = None
if HANDLER == "queue_listener":
    log.addHandler(logging.handlers.QueueHandler(q))   # threads only put records
    listener = logging.handlers.QueueListener(q, handler)   # one thread writes them
    listener.start()
else:
    log.addHandler(handler)


def worker():
    for i in range(RECORDS):
        log.info("record %d", i)


ts = [threading.Thread(target=worker, name=f"worker-{n}") for n in range(THREADS)]
for t in ts:
    t.start()
for t in ts:
    t.join()
if listener:
    listener.stop()                  # flushes what is still queued
print("done")
