# Barrier: runners arrive at staggered times; nobody leaves a phase before the last one
# arrives. The last to arrive runs the action; wait() returns a unique index per phase.
# abort(), a timeout or a failing action breaks the barrier: every waiter, now and later,
# gets BrokenBarrierError.
import os
import random
import threading
import time

QUICK = os.environ.get("THREADLENS_QUICK") == "1"
PARTIES = 4                          # [parties] runners
PHASES = 3                           # [phases] laps
ARRIVAL_MAX_S = 0.06 if QUICK else 0.3   # [arrival_max_ms/1000] the longest lap
TIMEOUT_MS = 0                       # [timeout_ms] wait()'s timeout; 0: none
ACTION = "none"                      # [action] the barrier's action: "none", "ok" or "raises"
ABORT_AT_MS = 0                      # [abort_at_ms] main calls abort() at this time; 0: never
random.seed(8)


def action():
    print(f"  all {PARTIES} arrived; action on {threading.current_thread().name}")
    if ACTION == "raises":
        raise RuntimeError("the barrier action failed")


barrier = threading.Barrier(PARTIES, action=None if ACTION == "none" else action, timeout=TIMEOUT_MS / 1000 or None)
laps = [[random.uniform(0.01, max(0.01, ARRIVAL_MAX_S)) for _ in range(PHASES)] for _ in range(PARTIES)]


def runner(n):
    for phase in range(PHASES):
        time.sleep(laps[n][phase])
        try:
            index = barrier.wait()
        except threading.BrokenBarrierError:
            print(f"runner-{n}: barrier broken in phase {phase}")
            return
        except RuntimeError as exc:  # the action's own error, on the last to arrive
            print(f"runner-{n}: {exc}")
            return
        if index == 0:
            print(f"phase {phase} passed")


threads = [threading.Thread(target=runner, args=(n,), name=f"runner-{n}") for n in range(PARTIES)]
for t in threads:
    t.start()
if ABORT_AT_MS > 0:
    time.sleep(ABORT_AT_MS / 1000)
    barrier.abort()
    print("abort")
for t in threads:
    t.join()
print("broken:", barrier.broken)
