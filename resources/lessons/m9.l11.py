"""m9.l11 which Pool method: a small decision function."""
import os
import time
from multiprocessing import Pool

QUICK = os.environ.get("THREADLENS_QUICK") == "1"


def burn(seconds):
    end = time.process_time() + (seconds / 10 if QUICK else seconds)
    while time.process_time() < end:
        pass


def square(x):
    burn(0.02)
    if x < 0:
        raise ValueError(f"negative item {-x - 1}")
    return x * x


def choose(n_tasks, multi_arg, need_order, non_blocking, large_input):
    if n_tasks == 1:
        return "apply_async" if non_blocking else "apply"
    if large_input:
        return "imap" if need_order else "imap_unordered"
    if multi_arg:
        return "starmap_async" if non_blocking else "starmap"
    return "map_async" if non_blocking else "map"


if __name__ == "__main__":
    method = choose(8, False, True, False, False)
    print("chosen:", method)
    with Pool(4) as pool:
        print(getattr(pool, method)(square, range(8)))
