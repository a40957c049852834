#!/bin/sh
# Runs the cmocka suites given as arguments and records each test by name
# ("test_text: name", "san: test_text: name" under the sanitizers) for
# tests/summary.py.
. tests/lib.sh "${1:-}"
for t in "$@"; do
    out=$("$t" 2>&1); rc=$?
    printf '%s\n' "$out"
    suite=$(basename "$t")
    case "$t" in */san/*) pfx="san: " ;; *) pfx="" ;; esac
    printf '%s\n' "$out" | sed -n 's/^\[       OK \] \(.*\)$/pass \1/p; s/^\[  FAILED  \] \([^0-9].*\)$/fail \1/p' |
        sort -u | sed -E "s/^(pass|fail) /\1 $pfx$suite: /" >> $res
    if [ "$rc" -ne 0 ] && ! printf '%s\n' "$out" | grep -q '^\[  FAILED  \] [^0-9]'; then
        echo "fail $pfx$suite (exit $rc)" >> $res
    fi
done
exit 0
