#!/bin/sh
# The share of each stage (make profile): protokoll built without inlining
# into build/prof/, run under callgrind over 1,000 documents of the
# benchmark corpus (build/bench/c25/000, made by `make bench`, or made here
# by tests/bench/gen.py), and the instructions of each stage printed by
# tests/bench/stages.py. Counted instructions, not time: the figures do not
# depend on what else the machine is doing.
set -u
cd "$(dirname "$0")/../.." || exit 1
command -v valgrind >/dev/null 2>&1 || { echo "profile: valgrind is needed (apt-get install valgrind)" >&2; exit 1; }
make -s B=build/prof CFLAGS="-O2 -g -fno-inline -fno-ipa-sra" build/prof/protokoll || exit 1
docs=build/bench/c25/000
if [ ! -d "$docs" ]; then
    python3 tests/bench/gen.py corpus build/bench --mb 105 --files 27000 --subset-mb 25 > /dev/null || exit 1
fi
out=build/prof/callgrind.out
valgrind --tool=callgrind --callgrind-out-file=$out build/prof/protokoll -j1 -f jsonl "$docs" > /dev/null 2> build/prof/callgrind.log ||
    { echo "profile: callgrind failed (build/prof/callgrind.log)" >&2; exit 1; }
echo "protokoll -j1 over $(ls "$docs" | wc -l) documents ($(du -sh "$docs" | cut -f1)), callgrind:"
python3 tests/bench/stages.py $out
