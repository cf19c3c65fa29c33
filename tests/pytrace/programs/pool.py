# multiprocessing.Pool with the start method given: its workers are traced as processes.
import multiprocessing as mp
import sys


def square(x):
    return x * x


if __name__ == "__main__":
    ctx = mp.get_context(sys.argv[1] if len(sys.argv) > 1 else "fork")
    with ctx.Pool(2) as pool:
        print("map", pool.map(square, range(8), chunksize=2))
        print("apply", pool.apply_async(square, (7,)).get())
