import sys
print("read:", repr(sys.stdin.read()))
