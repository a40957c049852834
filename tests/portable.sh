#!/bin/sh
# The portable code beside every sixteen-byte (SSE2) step: the library and
# the command built without SSE2's macro (-U__SSE2__: each step's #else,
# the eight-byte and byte-at-a-time code) must give the records the SSE2
# build gives, byte for byte, on corpus/ and the seeds.
#   sh tests/portable.sh BIN      BIN: the SSE2 build's command
bin=$1
. tests/lib.sh "$bin"
o=build/portable
mkdir -p $o
if ! make -s B=$o CFLAGS="-O2 -U__SSE2__" $o/protokoll > $o/make.log 2>&1; then
    tail -20 $o/make.log
    check 1 "portable: the build without SSE2 compiles with -Werror"
    check 1 "portable: the build without SSE2 gives the same records"
    exit 0
fi
check 0 "portable: the build without SSE2 compiles with -Werror"
sets="corpus"
[ -d ../shared/seeds ] && sets="$sets ../shared/seeds"
"$bin" -j 2 -f jsonl $sets > $o/sse2.jsonl 2>/dev/null
"$o/protokoll" -j 2 -f jsonl $sets > $o/portable.jsonl 2>/dev/null
[ -s $o/sse2.jsonl ] && cmp -s $o/sse2.jsonl $o/portable.jsonl
check $? "portable: the build without SSE2 gives the same records"
