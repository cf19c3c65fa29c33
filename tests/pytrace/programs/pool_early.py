# A Pool terminated before its workers ran their _bootstrap: each stops while unpickling its
# process object (after it learnt its name), says so with a file in argv[2], and waits there.
import multiprocessing as mp
import os
import sys
import time


def stall(directory):
    open(os.path.join(directory, str(os.getpid())), "w").close()
    time.sleep(600)


class Stall:
    """Unpickled by each worker before its _bootstrap."""

    def __init__(self, directory):
        self.directory = directory

    def __reduce__(self):
        return stall, (self.directory,)


if __name__ == "__main__":
    pool = mp.get_context(sys.argv[1]).Pool(2, initializer=print, initargs=(Stall(sys.argv[2]),))
    while len(os.listdir(sys.argv[2])) < 2:
        time.sleep(0.01)
    pool.terminate()
    pool.join()
