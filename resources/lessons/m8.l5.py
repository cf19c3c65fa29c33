# Thread-safe list: append is atomic, "check then act" is not.
import threading, time

items, lock = [], threading.Lock()
errors = []

def unique_append(x, safe):
    if safe:
        with lock:
            if x not in items:
                items.append(x)
    else:
        if x not in items:
            time.sleep(0)          # race window
            items.append(x)

def check_then_pop():
    if items:
        time.sleep(0)
        try:
            items.pop()
        except IndexError as e:    # another thread emptied the list in between
            errors.append(e)

for safe in (False, True):
    items.clear()
    ts = [threading.Thread(target=lambda: [unique_append(x, safe) for x in range(100)]) for _ in range(4)]
    for t in ts: t.start()
    for t in ts: t.join()
    print("locked" if safe else "unsafe", "unique-append: len", len(items), "(100 unique values)")

items[:] = list(range(10))
ts = [threading.Thread(target=lambda: [check_then_pop() for _ in range(10)]) for _ in range(4)]
for t in ts: t.start()
for t in ts: t.join()
print("check-then-pop IndexErrors:", len(errors))
