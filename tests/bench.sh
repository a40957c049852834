#!/bin/sh
# Benchmark: protokoll against ripgrep and Python's re on a generated corpus
# of 100+ MB in 27,000 files (and a 25 MB subset for peak memory), then the
# growth of its time on pathological inputs at 1x and 10x size, and PDFs in
# pages per second through the text layer and through OCR (tests/bench/pdf.sh).
#
#   sh tests/bench.sh build/protokoll      (what `make bench` runs)
#
# Installs ripgrep and GNU time when missing. Generated data lives in
# build/bench/ and is made again only when missing or out of date. The
# figures are printed at the end and written to build/bench/results.txt,
# each beside its target; a missed target is reported, not an error (the
# exit status is 0 unless a step fails). The "other" column tells when
# another process was using the CPU during a run.
# Environment: BENCH_RUNS (runs per figure, best taken; default 3),
# BENCH_MB and BENCH_FILES (corpus size; default 105 MB, 27000 files).
set -u

bin=${1:-build/protokoll}
case $bin in /*) ;; *) bin=$PWD/$bin ;; esac
cd "$(dirname "$0")/.." || exit 1
[ -x "$bin" ] || { echo "bench: no executable $bin (run make first)" >&2; exit 1; }

runs=${BENCH_RUNS:-3}
mb=${BENCH_MB:-105}
files=${BENCH_FILES:-27000}
out=build/bench
raw=$out/raw.txt
mkdir -p $out
: > $raw

say() { echo "bench: $*" >&2; }

# ---- tools ------------------------------------------------------------------
command -v python3 >/dev/null 2>&1 || { say "python3 is needed (apt-get install python3)"; exit 1; }
need=""
command -v rg >/dev/null 2>&1 || need="$need ripgrep"
[ -x /usr/bin/time ] || need="$need time"
if [ -n "$need" ]; then
    say "installing$need"
    if [ "$(id -u)" = 0 ]; then SUDO=""
    elif command -v sudo >/dev/null 2>&1; then SUDO="sudo"
    else SUDO="false"
    fi
    { $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $need; } >/dev/null 2>&1 ||
        say "could not install$need"
fi
[ -x /usr/bin/time ] || { say "GNU time (/usr/bin/time) is needed for peak RSS"; exit 1; }
have_rg=0; command -v rg >/dev/null 2>&1 && have_rg=1

# ---- data -------------------------------------------------------------------
python3 tests/bench/gen.py corpus $out --mb "$mb" --files "$files" --subset-mb 25 > $out/gen.txt || exit 1
cat $out/gen.txt | while read -r name n bytes; do echo "$name files=$n bytes=$bytes"; done >> $raw
python3 tests/bench/patho.py $out/patho > /dev/null || exit 1
: > $out/empty.txt

# The one regular expression for ripgrep and Python: ISO dates, Swedish
# dates ("24 november 2020"), diarienummer ("dnr 1.4.1-289/2020",
# "BRO 2024/172", "ÄN/2022:00188") and two decision formulas.
RX='(?:19|20)[0-9]{2}-[01][0-9]-[0-3][0-9]|[0-3]?[0-9] (?:januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december) (?:19|20)[0-9]{2}|(?:[Dd]nr|D nr)\.? ?[0-9][0-9.]*-[0-9]+/[0-9]{2,4}|[A-ZÅÄÖ][A-Za-zÅÄÖåäö]{0,3}[ /-](?:19|20)[0-9]{2}[/:-][0-9]{1,5}|godkänner|noterar anmälan'

# ---- the machine ------------------------------------------------------------
cpu=$(sed -n 's/^model name[^:]*: *//p' /proc/cpuinfo | head -1 | tr ' ' '_')
rgv=$( [ $have_rg = 1 ] && rg --version 2>/dev/null | sed -n 1p | tr ' ' '_' || echo "ripgrep_missing")
pyv=$(python3 --version 2>&1 | tr ' ' '_')
echo "info nproc=$(nproc) cpu=${cpu:-unknown} rg=$rgv py=$pyv runs=$runs" >> $raw

# ---- warm the page cache and check the output once ---------------------------
say "warming the page cache"
find $out/c100 $out/patho -type f -name '*.txt' -exec cat {} + > /dev/null
n25=$(awk '$1 == "c25" { print $2 }' $out/gen.txt)
"$bin" -j 2 -f jsonl $out/c25 > $out/c25.jsonl; rc=$?
# whole minutes give a record per paragraph: every file has at least one
recs=$(python3 -c 'import json, sys; print(len({json.loads(l)["source"] for l in open(sys.argv[1])}))' $out/c25.jsonl)
errs=$(grep -c '"error"' $out/c25.jsonl)
if [ $rc -ne 0 ] || [ "$recs" -ne "$n25" ]; then
    say "protokoll failed on the corpus (exit $rc, records for $recs of $n25 files, $errs errors)"; exit 1
fi

# ---- measurements -----------------------------------------------------------
measure() { # key timeit-options... -- command...
    key=$1; shift
    say "$key"
    line=$(python3 tests/bench/timeit.py "$@") || line="status=-1"
    echo "$key $line" >> $raw
}
T="-n $runs --budget 120"
measure pk_empty  $T -- "$bin" -j 1 -f jsonl $out/empty.txt
measure pk_j1_100 $T -- "$bin" -j 1 -f jsonl $out/c100
measure pk_j2_100 $T -- "$bin" -j 2 -f jsonl $out/c100
measure pk_j1_25  $T -- "$bin" -j 1 -f jsonl $out/c25
measure pk_j2_25  $T -- "$bin" -j 2 -f jsonl $out/c25
[ $have_rg = 1 ] && measure rg_100 $T -- rg -j1 -c --no-ignore "$RX" $out/c100
measure py_100    -n $runs --budget 90 -- python3 tests/bench/rx.py "$RX" $out/c100

for name in $(python3 tests/bench/patho.py $out/patho); do
    measure patho_${name}_1x -n $((runs + 2)) --budget 60 -- "$bin" -j 1 -f jsonl $out/patho/${name}_1x.txt
    # the 10x run may take up to 40 times as long as the 1x one (10 s to 120 s)
    t1=$(awk -v k="patho_${name}_1x" '$1 == k { sub("best_s=", "", $2); print $2 }' $raw)
    limit=$(awk -v t="${t1:-1}" 'BEGIN { l = 40 * t; if (l < 10) l = 10; if (l > 120) l = 120; print l }')
    measure patho_${name}_10x -n $runs --budget 60 --timeout "$limit" -- "$bin" -j 1 -f jsonl $out/patho/${name}_10x.txt
done

# ---- figures ----------------------------------------------------------------
python3 tests/bench/report.py $raw > $out/results.txt || exit 1
# PDFs: the text layer and OCR, in pages per second
{ echo; sh tests/bench/pdf.sh "$bin"; } >> $out/results.txt || exit 1
echo
cat $out/results.txt
echo "(written to $out/results.txt)"
