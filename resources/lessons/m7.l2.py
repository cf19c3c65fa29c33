# Concurrent file download: each task downloads and saves one file; main reports progress
# as they complete.
import os
import random
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor, as_completed

QUICK = os.environ.get("THREADLENS_QUICK") == "1"
FILES = 20                           # [files]
WORKERS = 8                          # [workers]
SIZE_MAX_KB = 256                    # [size_max_kb] the largest file
CHUNK_KB = 64                        # [chunk_kb] one chunk arrives at a time
DISK_WRITE_S = 0.001 if QUICK else 0.005   # [disk_write_ms/1000] the disk's time to write a file
SHARED_DIR_LOCK = False              # [shared_dir_lock] the bug: one lock around every download
rnd = random.Random(2)
sizes = [rnd.randint(1, SIZE_MAX_KB) for _ in range(FILES)]
connect = [rnd.uniform(0.03, 0.1) for _ in range(FILES)]
dir_lock = threading.Lock()


def transfer(i, folder):
    time.sleep(connect[i])           # connect
    for got in range(0, sizes[i], CHUNK_KB):
        time.sleep((2 + 8 * min(CHUNK_KB, sizes[i] - got) / 64) / 1000)   # one chunk arrives
    time.sleep(DISK_WRITE_S)
    path = os.path.join(folder, f"file{i:02d}.bin")
    with open(path, "wb") as f:
        f.write(b"x" * sizes[i] * 1024)   # saved only once the transfer ended
    return os.path.getsize(path)


def download(i, folder):
    if SHARED_DIR_LOCK:
        with dir_lock:               # serializes the whole pool
            return transfer(i, folder)
    return transfer(i, folder)


with tempfile.TemporaryDirectory() as folder:
    with ThreadPoolExecutor(WORKERS) as pool:
        futures = [pool.submit(download, i, folder) for i in range(FILES)]
        total = 0
        for k, fut in enumerate(as_completed(futures), 1):
            total += fut.result()
            print(f"{k}/{FILES} done, total {total} bytes")
print("all saved:", total, "bytes, expected", sum(sizes) * 1024)
