# SPDX-License-Identifier: MIT
"""python3 -m threadlens_agent script.py [args...]: run a program under ThreadLens's tracer."""
import sys

from threadlens_agent import main

sys.exit(main(sys.argv[1:]))
