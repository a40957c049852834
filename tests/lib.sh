# Shared by the shell test scripts: every check records its result, by
# name, in build/test-results.txt, where tests/summary.py counts it against
# tests/checks.list. A run under the sanitizers (a binary under build/san/)
# names its checks "san: NAME" so both runs are counted.
res=build/test-results.txt
mkdir -p build
case "${1:-}" in */san/*) pfx="san: " ;; *) pfx="" ;; esac

# check STATUS NAME: passes when STATUS is 0
check() {
    if [ "$1" -eq 0 ]; then echo "pass $pfx$2" >> $res; echo "ok   $pfx$2"
    else echo "fail $pfx$2" >> $res; echo "FAIL $pfx$2"; fi
}

# skip NAME WHY: the check could not run here; it is counted as skipped,
# never as passed
skip() { echo "skip $pfx$1" >> $res; echo "SKIP $pfx$1 ($2)"; }
