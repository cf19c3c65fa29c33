# Sequential vs parallel download (network simulated with time.sleep, files really written).
import os, tempfile, time, random
from concurrent.futures import ThreadPoolExecutor

FILES, WORKERS = 8, 4
rnd = random.Random(1)
urls = [(f"file{i}.bin", rnd.uniform(0.05, 0.15), rnd.randint(1, 50)) for i in range(FILES)]

def download(url, folder):
    name, latency, size_kb = url
    time.sleep(latency)                    # waiting for the network releases the GIL
    path = os.path.join(folder, name)
    with open(path, "wb") as f:
        f.write(b"x" * size_kb * 1024)
    return name

with tempfile.TemporaryDirectory() as folder:
    t0 = time.perf_counter()
    for u in urls:
        download(u, folder)
    seq = time.perf_counter() - t0

    t0 = time.perf_counter()
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        list(pool.map(download, urls, [folder] * FILES))
    par = time.perf_counter() - t0
print(f"sequential {seq:.2f}s, parallel {par:.2f}s, speedup x{seq / par:.1f}")
