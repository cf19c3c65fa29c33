# Barrier: four runners arrive at staggered times; nobody leaves a phase before the last one
# arrives. The last to arrive runs the action; wait() returns a unique index per phase.
# abort() breaks the barrier: every waiter, now and later, gets BrokenBarrierError.
import os
import random
import threading
import time

SCALE = 0.2 if os.environ.get("THREADLENS_QUICK") else 1.0
random.seed(8)
PARTIES, PHASES = 4, 3


def announce():
    print(f"  all {PARTIES} arrived; action on {threading.current_thread().name}")


barrier = threading.Barrier(PARTIES, action=announce)


def runner(n):
    for phase in range(PHASES):
        time.sleep(random.uniform(0.01, 0.08) * SCALE)
        try:
            index = barrier.wait()
        except threading.BrokenBarrierError:
            print(f"runner-{n}: barrier broken in phase {phase}")
            return
        if index == 0:
            print(f"phase {phase} passed")


threads = [threading.Thread(target=runner, args=(n,), name=f"runner-{n}") for n in range(PARTIES)]
for t in threads:
    t.start()
for t in threads:
    t.join()

# A runner that never arrives: abort() releases the others with BrokenBarrierError.
b2 = threading.Barrier(3)


def wait_for_missing():
    try:
        b2.wait()
    except threading.BrokenBarrierError:
        print(f"{threading.current_thread().name}: BrokenBarrierError")


waiters = [threading.Thread(target=wait_for_missing, name=f"waiter-{i}") for i in range(2)]
for w in waiters:
    w.start()
time.sleep(0.05 * SCALE)
b2.abort()
for w in waiters:
    w.join()
print("broken:", b2.broken)
