# Never ends on its own; a child process too (the whole tree must be ended).
import subprocess
import sys
import time

child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"])
print("child", child.pid, flush=True)
while True:
    time.sleep(0.05)
