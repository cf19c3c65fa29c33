# Concurrent file download: each task downloads + saves one file; main reports progress as they complete.
import os, tempfile, time, random
from concurrent.futures import ThreadPoolExecutor, as_completed

FILES, WORKERS, CHUNK_KB = 12, 4, 16
rnd = random.Random(2)

def download(i, folder):
    size_kb = rnd.randint(16, 96)
    path = os.path.join(folder, f"file{i:02d}.bin")
    time.sleep(rnd.uniform(0.02, 0.08))            # connect
    with open(path, "wb") as f:
        for _ in range(0, size_kb, CHUNK_KB):
            time.sleep(0.005)                      # transfer one chunk
            f.write(b"x" * CHUNK_KB * 1024)        # save it
    return path, os.path.getsize(path)

with tempfile.TemporaryDirectory() as folder:
    with ThreadPoolExecutor(WORKERS) as pool:
        futures = [pool.submit(download, i, folder) for i in range(FILES)]
        total = 0
        for k, fut in enumerate(as_completed(futures), 1):
            path, size = fut.result()
            total += size
            print(f"{k}/{FILES} done: {os.path.basename(path)} ({size // 1024} KB)")
print("total bytes", total)
