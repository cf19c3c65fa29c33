# Lock striping: S locks over buckets, key k -> lock[hash(k) % S]; a global op takes all stripes in order.
import threading, random, zlib, time

THREADS, KEYS, STRIPES, OPS = 8, 64, 4, 40
locks = [threading.Lock() for _ in range(STRIPES)]
buckets = [dict() for _ in range(STRIPES)]

def stripe(key):
    return zlib.crc32(key.encode()) % STRIPES   # stable hash (str hash is randomized per process)

def update(key):
    s = stripe(key)
    with locks[s]:
        buckets[s][key] = buckets[s].get(key, 0) + 1
        time.sleep(0.001)

def global_sum():
    for lk in locks:            # always the same order: 0, 1, 2 ... -> no deadlock
        lk.acquire()
    try:
        return sum(sum(b.values()) for b in buckets)
    finally:
        for lk in reversed(locks):
            lk.release()

def worker(seed):
    rnd = random.Random(seed)
    for i in range(OPS):
        update(f"key{rnd.randrange(KEYS)}")
        if i % 20 == 19:
            print("global sum so far:", global_sum())

threads = [threading.Thread(target=worker, args=(i,)) for i in range(THREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("total", global_sum(), "expected", THREADS * OPS)
