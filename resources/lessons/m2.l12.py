"""m2.l12 ThreadPool vs asyncio: threads block in parallel; coroutines share one loop thread."""
import asyncio
import contextlib
import os
import threading
import time
from asyncio import Semaphore as AsyncSemaphore
from concurrent.futures import ThreadPoolExecutor

QUICK = os.environ.get("THREADLENS_QUICK") == "1"
TASKS = 10                           # [tasks]
IO_S = 0.02 if QUICK else 0.5        # [io_ms/1000]
WORKERS = 4                          # [workers] the pool's threads
BLOCKING_IN_COROUTINE = False        # [blocking_in_coroutine] the bug: time.sleep inside a coroutine
USE_TO_THREAD = False                # [use_to_thread] the fix: asyncio.to_thread for the blocking call
ASYNC_SEMAPHORE = 0                  # [async_semaphore] asyncio.Semaphore limit; 0: none


async def coroutine(i, limit):
    async with limit:
        if BLOCKING_IN_COROUTINE and USE_TO_THREAD:
            await asyncio.to_thread(time.sleep, IO_S)   # the blocking call runs on an executor thread
        elif BLOCKING_IN_COROUTINE:
            time.sleep(IO_S)         # freezes the loop: nothing else progresses
        else:
            await asyncio.sleep(IO_S)   # a switch point
    return i


async def main():
    limit = AsyncSemaphore(ASYNC_SEMAPHORE) if ASYNC_SEMAPHORE > 0 else contextlib.nullcontext()
    t0 = time.perf_counter()
    await asyncio.gather(*(coroutine(i, limit) for i in range(TASKS)))
    print(f"asyncio: {TASKS} coroutines in {time.perf_counter() - t0:.2f} s on one thread")


loop = threading.Thread(target=asyncio.run, args=(main(),), name="asyncio-loop")
loop.start()
t0 = time.perf_counter()
with ThreadPoolExecutor(WORKERS, thread_name_prefix="pool") as pool:
    list(pool.map(time.sleep, [IO_S] * TASKS))
print(f"thread pool: {TASKS} waits in {time.perf_counter() - t0:.2f} s on {WORKERS} threads")
loop.join()
