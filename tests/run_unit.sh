#!/bin/sh
# Runs the cmocka suites given as arguments; records each test's result
# for tests/summary.sh.
res=build/test-results.txt
mkdir -p build
for t in "$@"; do
    out=$("$t" 2>&1); rc=$?
    printf '%s\n' "$out"
    passed=$(printf '%s\n' "$out" | sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p')
    failed=$(printf '%s\n' "$out" | sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p')
    i=0; while [ "$i" -lt "${passed:-0}" ]; do echo "pass $t" >> $res; i=$((i+1)); done
    i=0; while [ "$i" -lt "${failed:-0}" ]; do echo "fail $t" >> $res; i=$((i+1)); done
    if [ "$rc" -ne 0 ] && [ -z "$failed" ]; then echo "fail $t (exit $rc)" >> $res; fi
done
exit 0
