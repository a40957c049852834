#!/bin/sh
# The run's closing line: every recorded test result, counted.
res=build/test-results.txt
p=$(grep -c '^pass' $res 2>/dev/null); f=$(grep -c '^fail' $res 2>/dev/null)
grep '^fail' $res 2>/dev/null | sed 's/^/  /'
echo "${p:-0} passed, ${f:-0} failed"
[ "${f:-0}" -eq 0 ]
