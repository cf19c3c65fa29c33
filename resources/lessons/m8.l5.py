# Thread-safe list: append is atomic, "check, then act" is not.
import contextlib
import threading
import time

THREADS = 4                          # [threads]
ITEMS = 100                          # [items]
OP = "unique_append"                 # [op] "append", "unique_append" or "check_then_pop"
LOCK = False                         # [lock] a lock around the check and the act
items, lock = [], threading.Lock()
errors = []
if OP == "check_then_pop":
    items.extend(range(ITEMS))


def guarded():
    return lock if LOCK else contextlib.nullcontext()


def worker():
    if OP == "append":
        for x in range(ITEMS):
            items.append(x)          # one atomic operation
        return
    if OP == "unique_append":
        for x in range(ITEMS):
            with guarded():
                if x not in items:
                    time.sleep(0)    # the race window between the check and the append
                    items.append(x)
        return
    while True:                      # check_then_pop
        with guarded():
            if not items:
                return
            time.sleep(0)            # the race window between `if items:` and `items.pop()`
            try:
                items.pop()
            except IndexError as e:  # another thread emptied the list in between
                errors.append(e)


ts = [threading.Thread(target=worker, name=f"T{t}") for t in range(THREADS)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(f"{OP} lock={LOCK}: len={len(items)} distinct={len(set(items))} IndexErrors={len(errors)}")
