# SPDX-License-Identifier: MIT
"""`python3 -m test ARGS...` (CPython's regression tests) as a program ThreadLens can trace."""
from test.libregrtest.main import main

main()
