"""m2.l12 ThreadPool vs asyncio: threads block in parallel; coroutines share one loop thread."""
import asyncio
import os
import time
from concurrent.futures import ThreadPoolExecutor

QUICK = os.environ.get("THREADLENS_QUICK") == "1"
TASKS, WORKERS, IO_S = 10, 4, (0.02 if QUICK else 0.1)


def blocking_io(i):
    time.sleep(IO_S)
    return i


async def coroutine(i, blocking):
    if blocking == "to_thread" and i == 0:
        await asyncio.to_thread(time.sleep, IO_S)   # the fix: the blocking call runs on an executor thread
    elif blocking and i == 0:
        time.sleep(IO_S)                      # freezes the loop: nothing else progresses
    else:
        await asyncio.sleep(IO_S)             # a switch point
    return i


async def main(blocking):
    t0 = time.perf_counter()
    await asyncio.gather(*(coroutine(i, blocking) for i in range(TASKS)))
    return time.perf_counter() - t0


t0 = time.perf_counter()
with ThreadPoolExecutor(WORKERS) as pool:
    list(pool.map(blocking_io, range(TASKS)))
print(f"thread pool, {WORKERS} workers: {time.perf_counter() - t0:.2f} s")
print(f"asyncio, one thread        : {asyncio.run(main(False)):.2f} s")
print(f"asyncio with time.sleep    : {asyncio.run(main(True)):.2f} s (the loop was blocked)")
print(f"asyncio with to_thread     : {asyncio.run(main('to_thread')):.2f} s")
