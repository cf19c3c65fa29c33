# Sequential against parallel download (the network simulated with time.sleep, files really written).
import os
import random
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor

QUICK = os.environ.get("THREADLENS_QUICK") == "1"
FILES = 10                           # [files]
LATENCY_MIN_S = 0.02 if QUICK else 0.1   # [latency_min_ms/1000] the fastest answer
LATENCY_MAX_S = 0.08 if QUICK else 0.4   # [latency_max_ms/1000] the slowest answer
SIZE_KB = 64                         # [size_kb] each file's size
WORKERS = 4                          # [workers]
rnd = random.Random(1)
lo, hi = sorted((LATENCY_MIN_S, LATENCY_MAX_S))
latency = [rnd.uniform(lo, hi) for _ in range(FILES)]


def download(i, folder):
    time.sleep(latency[i])           # waiting for the network releases the GIL
    with open(os.path.join(folder, f"file{i}.bin"), "wb") as f:
        f.write(b"x" * SIZE_KB * 1024)
    return i


with tempfile.TemporaryDirectory() as folder:
    t0 = time.perf_counter()
    for i in range(FILES):
        download(i, folder)
    seq = time.perf_counter() - t0

    t0 = time.perf_counter()
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        list(pool.map(download, range(FILES), [folder] * FILES))
    par = time.perf_counter() - t0
print(f"sequential {seq:.2f}s, parallel {par:.2f}s, speed-up x{seq / par:.1f}")
