#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Runs a test whose multithreaded process forks, in a sanitizer build.
# GCC 12's sanitizer runtimes do not lock their allocator across fork(): a child that allocates
# while another parent thread held an allocator lock waits forever (seen in the child:
# SizeClassAllocator64::GetFromAllocator). Plain builds use glibc's malloc, which is fork-safe.
# A run that timed out without any sanitizer report is run once more; every other failure,
# a sanitizer report included, fails at once.
set -u
test_binary=$1
shift
# The hang never ends, so a generous limit still catches it, while a slow but progressing test
# function is not mistaken for one: m9.l2 at its maxima moves 32 × 10 MB each way and took over
# 120 s under ASan on a loaded machine. (Qt's own default, 300 s; ctest allows the two attempts.)
export QTEST_FUNCTION_TIMEOUT=${QTEST_FUNCTION_TIMEOUT:-300000}
for attempt in 1 2; do
    log=$(mktemp)
    "$test_binary" "$@" >"$log" 2>&1
    status=$?
    cat "$log"
    if [ $status -eq 0 ]; then
        rm -f "$log"
        exit 0
    fi
    if grep -qE "(WARNING|ERROR): [A-Za-z]+Sanitizer|SUMMARY: [A-Za-z]+Sanitizer|runtime error:" "$log" ||
        ! grep -q "Test function timed out" "$log"; then
        rm -f "$log"
        exit $status
    fi
    rm -f "$log"
    # Leave no stuck child behind (they are in our process group only if not yet reaped).
    pkill -KILL -f "^$test_binary" 2>/dev/null
    echo "run_forking_test: attempt $attempt timed out without a sanitizer report (the fork/allocator deadlock described in this script)"
done
echo "run_forking_test: timed out twice; failing"
exit 1
