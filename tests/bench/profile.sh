#!/bin/sh
# Profile the extractor on the first 1,000 generated documents (about 4 MB)
# with callgrind, and list where the instructions go: the library's stages
# (inclusive) and the hottest functions (exclusive).
#
#   sh tests/bench/profile.sh build/protokoll     (after `make bench`)
#
# Installs valgrind when missing. Writes build/bench/callgrind.out and
# build/bench/profile.txt.
set -u
bin=${1:-build/protokoll}
case $bin in /*) ;; *) bin=$PWD/$bin ;; esac
cd "$(dirname "$0")/../.." || exit 1
out=build/bench
dir=$out/c100/000
[ -d $dir ] || { echo "profile: no $dir (run make bench first)" >&2; exit 1; }
if ! command -v valgrind >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
    { $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq valgrind; } >/dev/null 2>&1 ||
        { echo "profile: cannot install valgrind" >&2; exit 1; }
fi
valgrind --tool=callgrind --callgrind-out-file=$out/callgrind.out "$bin" -j 1 -f jsonl $dir > /dev/null 2> $out/callgrind.log ||
    { echo "profile: callgrind failed (see $out/callgrind.log)" >&2; exit 1; }
{
    echo "callgrind, protokoll -j 1 on $dir ($(du -sb $dir | cut -f1) bytes)"
    echo
    echo "inclusive, the library's functions (share of all instructions):"
    callgrind_annotate --inclusive=yes $out/callgrind.out 2>/dev/null |
        grep -E '^ *[0-9,]+ \( *[0-9.]+%\)  (lib|cli)/' | head -30
    echo
    echo "exclusive, every function (JIT code shows as ???):"
    callgrind_annotate $out/callgrind.out 2>/dev/null |
        grep -E '^ *[0-9,]+ \( *[0-9.]+%\)  ' | head -30
} > $out/profile.txt
cat $out/profile.txt
