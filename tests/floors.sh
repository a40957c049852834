#!/bin/sh
# Score floors (tests/floors.py): corpus/, the seeds and the real sets of
# ../shared scored against their committed baselines in tests/baseline/.
#   sh tests/floors.sh BIN            check every set
#   sh tests/floors.sh BIN --update   write the baselines anew
# real-dev's rules were written on its odd-numbered half; the even half was
# scored only afterwards, and both halves now have their floor.
bin=$1; upd=${2:-}
. tests/lib.sh "$bin"
sh=../shared
o=build/floors; rm -rf $o; mkdir -p $o

floor() { # NAME PRED ARGS...: one check per set
    name=$1; shift
    python3 tests/floors.py "$name" "$@" $upd > $o/$name.txt; rc=$?
    cat $o/$name.txt
    [ -n "$upd" ] || check $rc "floors: $name at its baseline, per field and per document"
}

"$bin" corpus > $o/corpus.jsonl
floor corpus $o/corpus.jsonl --gold corpus
if [ ! -d $sh ]; then
    for s in seeds real-dev real-gbg real-pdf; do skip "floors: $s at its baseline, per field and per document" "no $sh"; done
    exit 0
fi
"$bin" $sh/seeds > $o/seeds.jsonl
floor seeds $o/seeds.jsonl --gold $sh/gold
"$bin" $sh/real-dev/*.txt > $o/real-dev.jsonl
floor real-dev $o/real-dev.jsonl --gold $sh/real-dev/gold
"$bin" $sh/real-gbg/ks-2024 > $o/real-gbg.jsonl
floor real-gbg $o/real-gbg.jsonl --silver $sh/real-gbg/silver.tsv
# the PDFs read as PDFs (their text is pdftotext's), each record named by its PDF
: > $o/real-pdf.jsonl
for g in $sh/real-pdf/gold/*.json; do
    n=$(basename "$g" .json)
    "$bin" "$sh/real-pdf/$n.pdf" | sed "s|\"source\":\"[^\"]*\"|\"source\":\"$n.pdf\"|" >> $o/real-pdf.jsonl
done
floor real-pdf $o/real-pdf.jsonl --gold $sh/real-pdf/gold
exit 0
