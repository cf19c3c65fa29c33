"""m2.l5 Executors: split numbers into value buckets and sort each bucket with map(fn, a, b)."""
import random
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

NUMBERS = 150                        # [numbers]
BUCKETS = 4                          # [buckets]
random.seed(1)
numbers = [random.randint(0, 99) for _ in range(NUMBERS)]
limits = [(100 * k // BUCKETS, 100 * (k + 1) // BUCKETS) for k in range(BUCKETS)]
buckets = [[n for n in numbers if lo <= n < hi] for lo, hi in limits]


def sort_bucket(bucket, limit):
    bucket.sort()                   # in place: visible to the parent only for threads
    return limit, bucket[:3]


if __name__ == "__main__":
    for Executor in (ThreadPoolExecutor, ProcessPoolExecutor):
        copies = [list(b) for b in buckets]
        with Executor(max_workers=BUCKETS) as ex:
            for limit, head in ex.map(sort_bucket, copies, limits):   # bucket order, always
                print(Executor.__name__, limit, head)
        print("  parent's first bucket sorted in place:", copies[0] == sorted(copies[0]))
