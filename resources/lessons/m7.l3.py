# Exception handling during task execution: bounded retries, every failure retrieved.
import random, time
from concurrent.futures import ThreadPoolExecutor

FILES, FAIL_PROB, RETRIES, BACKOFF = 10, 0.3, 2, 0.01

class DownloadError(Exception):
    pass

def fetch(i, attempt):
    time.sleep(0.01)
    if random.Random(i * 31 + attempt).random() < FAIL_PROB:
        raise DownloadError(f"file{i}: HTTP 503 (attempt {attempt + 1})")
    return f"file{i}"

def download(i):                               # handling inside the task: always returns a status
    for attempt in range(RETRIES + 1):
        try:
            return ("ok", fetch(i, attempt), attempt)
        except DownloadError as e:
            last = e
            time.sleep(BACKOFF * 2 ** attempt)
    return ("failed", str(last), RETRIES)

with ThreadPoolExecutor(4) as pool:
    results = list(pool.map(download, range(FILES)))
ok = sum(r[0] == "ok" for r in results)
retried = sum(r[2] > 0 for r in results)
print(f"ok={ok} failed={FILES - ok} retried={retried}")
for status, what, _ in results:
    if status == "failed":
        print("  failed:", what)
