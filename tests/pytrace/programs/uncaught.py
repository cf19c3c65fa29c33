def crash(n):
    return 10 / n


crash(0)
