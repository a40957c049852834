#!/bin/sh
# The PDF part of make bench: pages per second through the text layer (the
# real minutes of ../shared/real-pdf when at hand, else the test PDF) and
# through OCR (scanned pages made from tests/pdf/minutes.txt: A4 images at
# 200 dpi, rendered again at 300 dpi for Tesseract), with -j 1 and -j 2.
# Each PDF is read in its own child process, so the figures include that;
# pages per CPU second (user + system, the children's included) is the
# figure a busy machine disturbs least.
#
#   sh tests/bench/pdf.sh build/protokoll      (bench.sh adds its table to results.txt)
set -u
bin=${1:-build/protokoll}
out=build/bench/pdf
rm -rf $out; mkdir -p $out/ocr $out/text
say() { echo "bench: $*" >&2; }
runs=${BENCH_RUNS:-3}
python3 tests/pdf/make_pdfs.py $out/gen --scanned-copies 4 > /dev/null || exit 1
cp $out/gen/scanned.pdf $out/ocr/a.pdf; cp $out/gen/scanned.pdf $out/ocr/b.pdf
if [ -d ../shared/real-pdf ]; then cp ../shared/real-pdf/*.pdf $out/text/; else
    for i in 1 2 3 4 5 6 7 8; do cp $out/gen/text.pdf $out/text/$i.pdf; done; fi
pages() { for f in "$@"; do pdfinfo "$f" | awk '/^Pages:/ { print $2 }'; done | awk '{ s += $1 } END { print s }'; }
ocr1=$(pages $out/ocr/a.pdf); ocr2=$(pages $out/ocr/*.pdf); txt=$(pages $out/text/*.pdf)
row() { # label pages timeit-args...
    label=$1 n=$2; shift 2
    say "$label"
    line=$(python3 tests/bench/timeit.py "$@") || line="best_s=0"
    best=$(echo "$line" | sed -n 's/.*best_s=\([0-9.]*\).*/\1/p')
    cpu=$(echo "$line" | sed -n 's/.*cpu_s=\([0-9.]*\).*/\1/p')
    awk -v l="$label" -v n="$n" -v t="${best:-0}" -v c="${cpu:-0}" \
        'BEGIN { printf "%-40s %6d %8.2f %8.2f %9.2f %11.2f\n", l, n, t, c, (t > 0 ? n / t : 0), (c > 0 ? n / c : 0) }'
}
{
    echo "PDFs: pages per second (best of $runs; each PDF read in a child process)"
    printf '%-40s %6s %8s %8s %9s %11s\n' "run" "pages" "wall s" "CPU s" "pages/s" "pages/CPU s"
    row "text layer, -j 1 ($(ls $out/text | wc -l) PDFs)" "$txt" -n "$runs" --budget 60 -- "$bin" -j 1 $out/text
    row "text layer, -j 2" "$txt" -n "$runs" --budget 60 -- "$bin" -j 2 $out/text
    row "OCR (Tesseract, swe, 300 dpi), -j 1" "$ocr1" -n "$runs" --budget 120 -- "$bin" -j 1 $out/ocr/a.pdf
    row "OCR, -j 2 (two PDFs)" "$ocr2" -n "$runs" --budget 120 -- "$bin" -j 2 $out/ocr
    row "the same pages, --no-ocr, -j 1" "$ocr1" -n "$runs" --budget 60 -- "$bin" -j 1 --no-ocr $out/ocr/a.pdf
} > $out/results.txt
cat $out/results.txt
