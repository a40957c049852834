#!/bin/sh
# The command: formats, inputs, errors, exit codes.
bin=$1
t=build/clitest; rm -rf $t; mkdir -p $t
. tests/lib.sh "$bin"

"$bin" --help > $t/help; check $? "--help exits 0"
grep -q 'usage: protokoll \[-f FORMAT\] \[-o FILE\] \[-j N\] \[FILE|DIR ...\]' $t/help; check $? "--help prints the synopsis"
"$bin" --version | grep -q '^protokoll [0-9]'; check $? "--version"
"$bin" -f xml corpus/000_f9602f9a592d35f0.txt > /dev/null 2> $t/err; rc=$?
[ $rc -eq 2 ] && grep -q '^protokoll: ' $t/err; check $? "usage error exits 2 with a protokoll: message"
"$bin" --bogus 2>/dev/null; [ $? -eq 2 ]; check $? "unknown option exits 2"
"$bin" corpus/000_f9602f9a592d35f0.txt /nonexistent.txt corpus/001_9f941457af8a876d.txt > $t/out 2> $t/err; rc=$?
[ $rc -eq 1 ] && [ "$(wc -l < $t/out)" -eq 3 ] && sed -n 2p $t/out | grep -q '"error"'; check $? "a missing file gives an error record in order, exit 1"
[ ! -s $t/err ]; check $? "nothing on stderr but errors"
"$bin" < corpus/000_f9602f9a592d35f0.txt | grep -q '"source":"-"'; check $? "reads standard input"
"$bin" corpus > $t/a.jsonl; "$bin" -j 2 corpus > $t/b.jsonl; cmp -s $t/a.jsonl $t/b.jsonl; check $? "-j 2 output is byte-identical to -j 1"
ls corpus/*.txt > $t/files
python3 - $t/a.jsonl $t/files <<'PY'
import json, sys
srcs = [json.loads(l)["source"] for l in open(sys.argv[1], encoding="utf-8")]
files = [l.strip() for l in open(sys.argv[2], encoding="utf-8")]
runs = [s for i, s in enumerate(srcs) if i == 0 or srcs[i - 1] != s]
sys.exit(0 if runs == files and len(srcs) > len(files) else 1)
PY
check $? "a directory gives its *.txt files' records in sorted order, whole minutes one per paragraph"
# whole minutes in every format: a record per paragraph, in order
w=corpus/400_jarva_2024_flera_paragrafer.txt
"$bin" $w corpus/001_9f941457af8a876d.txt > $t/w.jsonl && "$bin" -f json $w corpus/001_9f941457af8a876d.txt > $t/w.json &&
"$bin" -f csv $w corpus/001_9f941457af8a876d.txt > $t/w.csv && "$bin" -j 4 $w corpus/001_9f941457af8a876d.txt | cmp -s - $t/w.jsonl &&
python3 - $t/w.jsonl $t/w.json $t/w.csv <<'PY'
import csv, json, sys
lines = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
arr = json.load(open(sys.argv[2], encoding="utf-8"))
rows = list(csv.DictReader(open(sys.argv[3], encoding="utf-8", newline="")))
assert [r["paragraph"] for r in lines] == ["7", "8", "9", None] and arr == lines
assert [r["paragraph"] for r in rows[:5]] == ["7", "8", "8", "8", "9"] and {r["paragraph"] for r in rows[5:]} == {""}
assert lines[0]["meeting"] == lines[2]["meeting"] and lines[3]["meeting"] is None
PY
check $? "whole minutes: jsonl, json and csv give every paragraph's record in order, -j 4 as -j 1"
"$bin" -f json corpus > $t/all.json && python3 -c "import json,sys; d=json.load(open('$t/all.json')); sys.exit(0 if len(d) > 5 else 1)"
check $? "-f json is one valid array"
"$bin" -f csv -o $t/out.csv corpus && python3 - "$t/out.csv" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8", newline="")))
head = "source,doc_type,body,paragraph,registration_number,document_date,meeting_date,award,award_year,decision_kind,decision_formula,unit,unit_parent,unit_class,unit_page,error".split(",")
assert rows[0] == head, rows[0]
assert all(len(r) == len(head) for r in rows)
PY
check $? "-f csv -o writes RFC 4180 CSV with the header"
# awkward values: a unit name with a comma and quotes, a file name with a
# comma, a quote and a line break; Python's csv module reads them back
mkdir -p $t/odd
printf 'Tjänsteutlåtande\nFörskoleförvaltningen\n\nDeltagande i Kvalitetsutmärkelsen 2024\n\nFörslag till beslut\nFörskolenämnden godkänner att förskolan "Ekorren, Lilla" och Förskolan Björken deltar i Kvalitetsutmärkelsen 2024.\n' > "$t/odd/a, \"b\"
c.txt"
"$bin" -f csv $t/odd > $t/odd.csv && python3 - "$t/odd.csv" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8", newline="")))
assert [r["unit"] for r in rows] == ['förskolan "Ekorren, Lilla"', "Förskolan Björken"], rows
assert rows[0]["source"].endswith('a, "b"\nc.txt'), rows[0]["source"]
PY
check $? "CSV keeps commas, quotes and line breaks inside fields"
ls $t/out.csv.tmp.* > /dev/null 2>&1; [ $? -ne 0 ]; check $? "-o leaves no temporary file"
# -o gives the file the mode a plain > would; a target that is no regular
# file (a pipe here) is written in place, never renamed over
rm -f $t/mode.jsonl $t/plain.jsonl; : > $t/plain.jsonl
"$bin" -o $t/mode.jsonl corpus/000_f9602f9a592d35f0.txt
[ "$(stat -c %a $t/mode.jsonl)" = "$(stat -c %a $t/plain.jsonl)" ]; check $? "-o leaves the mode a plain > gives"
rm -f $t/fifo; mkfifo $t/fifo
timeout 20 cat $t/fifo > $t/fifo.out & reader=$!
"$bin" -o $t/fifo corpus/000_f9602f9a592d35f0.txt; rc=$?; wait $reader
[ $rc -eq 0 ] && [ -p $t/fifo ] && [ "$(wc -l < $t/fifo.out)" -eq 1 ]; check $? "-o onto a pipe writes into it and leaves it a pipe"
timeout 20 cat $t/fifo > $t/fifo.out & reader=$!
"$bin" stats -o $t/fifo corpus; rc=$?; wait $reader
[ $rc -eq 0 ] && [ -p $t/fifo ] && head -1 $t/fifo.out | grep -q '^award_year,'; check $? "stats -o onto a pipe writes into it and leaves it a pipe"
"$bin" -o /nonexistent-dir/x.jsonl corpus/000_f9602f9a592d35f0.txt 2> $t/err; [ $? -eq 1 ] && grep -q '^protokoll: cannot write' $t/err
check $? "-o into a missing directory fails clearly"
head -c 3000 /dev/urandom > $t/bin.txt; printf '\0\0\0\0' >> $t/bin.txt
"$bin" $t/bin.txt > $t/out; [ $? -eq 1 ] && grep -q '"error":"not text' $t/out; check $? "binary input gives an error record"
: > $t/empty.txt; "$bin" $t/empty.txt | grep -q '"warnings":\["empty document"\]'; check $? "empty input gives a record with a warning"
"$bin" corpus 2>$t/err | head -1 > /dev/null; [ ! -s $t/err ]; check $? "a closed stdout ends quietly"
# progress on a terminal: a long run under a pseudo-terminal shows it,
# the same run with stderr not a terminal shows nothing (the run with one
# thread, and long enough — some three seconds — that the progress, shown
# from the first second on, has time to appear)
set -- ; for i in $(seq 450); do set -- "$@" corpus; done
script -qec "$bin -j 1 -f csv $* > /dev/null" /dev/null > $t/tty.txt 2>&1
grep -q 'protokoll: [0-9]*/[0-9]* documents, [0-9.]* MB/s, ETA' $t/tty.txt; check $? "progress shows on a terminal"
"$bin" -j 1 -f csv "$@" 2> $t/notty.txt > /dev/null; [ ! -s $t/notty.txt ]; check $? "no progress when stderr is not a terminal"
# install into a DESTDIR and build the README's C example with pkg-config
d=$(pwd)/$t/dest
make -s install DESTDIR="$d" PREFIX=/usr/local > /dev/null 2>&1
[ -f "$d/usr/local/include/protokoll.h" ] && [ -f "$d/usr/local/share/man/man1/protokoll.1" ] && [ -L "$d/usr/local/lib/libprotokoll.so" ]
check $? "make install puts header, libraries and man page under DESTDIR"
# the ```c block that is a program (the PDF section's is a fragment)
awk '/^```c$/ { f = 1; b = ""; next } f && /^```$/ { f = 0; if (b ~ /int main/) printf "%s", b; next } f { b = b $0 "\n" }' \
    README.md > $t/example.c
PKG_CONFIG_PATH="$d/usr/local/lib/pkgconfig" PKG_CONFIG_SYSROOT_DIR="$d" \
    sh -c "cc $t/example.c \$(pkg-config --cflags --libs protokoll) -o $t/example" &&
    LD_LIBRARY_PATH="$d/usr/local/lib" $t/example | grep -qx 'Förskolan Ekorren'
check $? "the README's C example builds with pkg-config and finds the unit"
objdump -p "$d/usr/local/lib/libprotokoll.so" | grep -q 'SONAME *libprotokoll.so.0'
check $? "the shared library has its SONAME"
[ -z "$(nm -D --defined-only "$d/usr/local/lib/libprotokoll.so" | awk '$2 ~ /[TDBR]/ && $3 !~ /^pk_/' )" ] &&
    ! nm -D --defined-only "$d/usr/local/lib/libprotokoll.so" | grep -q pk_test_
check $? "the shared library exports the pk_ API only, no test hook"
[ -z "$(nm "$d/usr/local/lib/libprotokoll.a" | awk '$2 ~ /^[TDBRCV]$/ && $3 !~ /^pk_/')" ]
check $? "every global symbol of the static library carries the pk_ prefix"
exit 0
