#!/bin/sh
# The Python binding (python/protokoll): its tests in tests/python/ run with
# Debian's /usr/bin/python3, the interpreter python3-pandas, python3-dask
# and python3-distributed serve (the first python3 on PATH may be another).
# Each test is its own check, "python: MODULE.TEST"; one whose module is
# missing is skipped, never passed. The library is the one beside the
# binary under test.
bin=$1
t=build/pythontest; rm -rf $t; mkdir -p $t
. tests/lib.sh "$bin"
py=/usr/bin/python3
[ -x $py ] || py=python3
PYTHONDONTWRITEBYTECODE=1; export PYTHONDONTWRITEBYTECODE
PROTOKOLL_LIB=$(cd "$(dirname "$bin")" && pwd)/libprotokoll.so; export PROTOKOLL_LIB
start=$(date +%s)
$py tests/python/run.py "$bin" > $t/out 2>&1; rc=$?
tab=$(printf '\t')
while IFS="$tab" read -r verdict name why secs; do
    case "$verdict" in
    pass) check 0 "$name"; [ "${secs%.*}" -ge 2 ] && echo "     ($secs s)" ;;
    fail) check 1 "$name" ;;
    skip) skip "$name" "$why" ;;
    *) printf '%s\n' "$verdict" ;; # what a test printed, indented
    esac
done < $t/out
check $rc "python: every test module loads and runs"
echo "     the Python tests took $(( $(date +%s) - start )) s"
exit 0
