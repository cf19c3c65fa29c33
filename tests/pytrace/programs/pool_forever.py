# A Pool whose tasks never end (sleeping), with the start method given: Abort and --timeout must
# end the workers too. Prints each worker's pid as it starts its task.
import multiprocessing as mp
import os
import sys
import time


def forever(i):
    print("worker", os.getpid(), "task", i, flush=True)
    while True:
        time.sleep(0.05)


if __name__ == "__main__":
    ctx = mp.get_context(sys.argv[1] if len(sys.argv) > 1 else "fork")
    with ctx.Pool(2) as pool:
        pool.map(forever, range(2), chunksize=1)
