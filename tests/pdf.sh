#!/bin/sh
# PDFs: the text of the PDF layer against pdftotext's, the fields against
# those extracted from pdftotext's text, pages, OCR of scanned pages,
# --no-ocr, --text-dir, bad PDFs (encrypted, truncated, corrupt, over the
# reader's memory and time limits), the reader an executable of its own
# (found, installed, missing) and the library split. The test PDFs
# are made here from tests/pdf/minutes.txt (tests/pdf/make_pdfs.py); the
# real minutes are read from ../shared/real-pdf when it is at hand.
bin=$1
t=build/pdftest; case $bin in */san/*) t=build/san/pdftest; san=1 ;; *) san=0 ;; esac
rm -rf $t; mkdir -p $t/ref
. tests/lib.sh "$bin"
real=../shared/real-pdf

python3 tests/pdf/make_pdfs.py $t/in > $t/make.log 2>&1
check $? "pdf: the test PDFs are made from tests/pdf/minutes.txt"

# ---- the text: pdftotext's, byte for byte ----
# every PDF with a text layer on every page, through the command
# (--text-dir) and pdftotext; scanned.pdf and mixed.pdf without OCR
mkdir -p $t/cmp && cp $t/in/text.pdf $t/in/blank.pdf $t/in/scanned.pdf $t/in/mixed.pdf $t/cmp/
"$bin" --no-ocr --text-dir $t/text $t/cmp > $t/cmp.jsonl; rc=$?
ok=0; [ $rc -eq 0 ] || ok=1
for f in text blank scanned mixed; do
    pdftotext $t/cmp/$f.pdf $t/ref/$f.txt && cmp -s $t/ref/$f.txt $t/text/$t/cmp/$f.txt || { echo "  $f.pdf: text differs from pdftotext's"; ok=1; }
done
check $ok "pdf: the text of each test PDF is pdftotext's, byte for byte, pages ending in form feeds"

if [ -d $real ]; then
    "$bin" --text-dir $t/text $real > $t/real.jsonl; rc=$?
    ok=0; [ $rc -eq 0 ] || ok=1
    for f in $real/*.pdf; do
        n=$(basename $f .pdf)
        pdftotext $f $t/ref/$n.txt && cmp -s $t/ref/$n.txt "$t/text/$(echo $real | sed 's|^\.\./|_/|')/$n.txt" || { echo "  $n.pdf: text differs"; ok=1; }
    done
    check $ok "pdf: the text of each real PDF (../shared/real-pdf) is pdftotext's, byte for byte"
else
    skip "pdf: the text of each real PDF (../shared/real-pdf) is pdftotext's, byte for byte" "$real is not here"
fi

# the one difference: text outside the page's CropBox (here a footer) is
# not in the C++ frontend's text, where pdftotext reads the MediaBox
"$bin" --text-dir $t/text $t/in/cropbox.pdf > $t/cropbox.jsonl && pdftotext $t/in/cropbox.pdf $t/ref/cropbox.txt &&
    grep -q 'Telefon 08-508' $t/ref/cropbox.txt && ! grep -q 'Telefon 08-508' $t/text/$t/in/cropbox.txt &&
    python3 - $t/ref/cropbox.txt $t/text/$t/in/cropbox.txt <<'PY'
import re, sys
ref, got = (open(p, encoding="utf-8").read() for p in sys.argv[1:])
# pdftotext's text without the footer's line, blank lines run together
trimmed = ref.replace("Socialförvaltningen, Telefon 08-508 25 000\n", "")
sys.exit(0 if re.sub(r"\n{3,}", "\n\n", trimmed) == re.sub(r"\n{3,}", "\n\n", got) != ref else 1)
PY
check $? "pdf: outside the CropBox is the one difference from pdftotext's text (a footer left out)"

# ---- the fields: the same as on pdftotext's text ----
# each PDF's record against the record of pdftotext's text, source aside
cmp_records() { # PDF-RUN.jsonl TEXT-RUN.jsonl
    python3 - "$1" "$2" <<'PY'
import json, sys
a = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
b = [json.loads(l) for l in open(sys.argv[2], encoding="utf-8")]
bad = len(a) != len(b) or not a
for x, y in zip(a, b):
    sx, sy = x.pop("source"), y.pop("source")
    if x != y:
        bad = True
        for k in x:
            if x[k] != y.get(k):
                print(f"  {sx}: {k} differs from {sy}'s")
sys.exit(1 if bad else 0)
PY
}
for f in text blank scanned mixed cropbox; do echo $t/ref/$f.txt; done > $t/ref.list
"$bin" $(cat $t/ref.list) > $t/ref.jsonl
"$bin" --no-ocr $t/cmp/blank.pdf $t/cmp/mixed.pdf $t/cmp/scanned.pdf $t/cmp/text.pdf $t/in/cropbox.pdf > $t/pdf.jsonl
# the text-only runs have no OCR warning: compared with --no-ocr's text,
# a page without text gives its warning, which the .txt cannot have
python3 - $t/pdf.jsonl <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
order = {"blank": 1, "scanned": 2, "mixed": 3, "text": 0, "cropbox": 4}
rows.sort(key=lambda r: order[r["source"].rsplit("/", 1)[1][:-4]])
with open(sys.argv[1], "w", encoding="utf-8") as f:
    for r in rows:
        r["warnings"] = [w for w in r["warnings"] if "no text layer" not in w]
        f.write(json.dumps(r, ensure_ascii=False) + "\n")
PY
cmp_records $t/pdf.jsonl $t/ref.jsonl
check $? "pdf: every field of each test PDF's record is the one extracted from pdftotext's text"

if [ -d $real ]; then
    ls $real/*.pdf | sed "s|.*/\(.*\)\.pdf|$t/ref/\1.txt|" > $t/realref.list
    "$bin" $(cat $t/realref.list) > $t/realref.jsonl
    cmp_records $t/real.jsonl $t/realref.jsonl
    check $? "pdf: every field of each real PDF's record is the one extracted from pdftotext's text"
else
    skip "pdf: every field of each real PDF's record is the one extracted from pdftotext's text" "$real is not here"
fi

# ---- spans and pages: into the text --text-dir wrote ----
python3 - $t/cmp.jsonl $t/spans.jsonl "$t/text/" <<'PY'
import json, sys
with open(sys.argv[2], "w", encoding="utf-8") as out:
    for l in open(sys.argv[1], encoding="utf-8"):
        r = json.loads(l)
        r["source"] = sys.argv[3] + r["source"][:-4] + ".txt"
        out.write(json.dumps(r, ensure_ascii=False) + "\n")
PY
python3 tests/spans.py $t/spans.jsonl > $t/spans.log && python3 tests/pages.py $t/spans.jsonl >> $t/spans.log
check $? "pdf: every span and page of a PDF's record points into the text --text-dir wrote"
python3 - $t/cmp.jsonl <<'PY'
import json, sys
r = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8") if '/text.pdf"' in l][0]
pages = {d["text"]: d["page"] for d in r["dates"]}
ok = pages.get("2023-05-23") == 1 and pages.get("2023-05-30") == 3 and \
     [u["page"] for u in r["units"]] == [1, 1, 1] and {p["page"] for p in r["people"]} == {3}
sys.exit(0 if ok else 1)
PY
check $? "pdf: a value's page is the PDF page it stands on"

# ---- OCR ----
"$bin" $t/in/mixed.pdf $t/in/blank.pdf > $t/ocr.jsonl; rc=$?
python3 - $t/ocr.jsonl <<'PY'
import json, sys
mixed, blank = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
dates = {d["iso"]: d["page"] for d in mixed["dates"]}
ok = mixed["warnings"] == ["page 2 read by OCR (Tesseract, swe)"] and dates.get("2023-11-23") == 2 \
     and dates.get("2023-05-30") == 3
# blank.pdf's second page has nothing on it: no OCR, no warning
sys.exit((0 if ok else 1) | (0 if blank["warnings"] == [] and blank["units"] else 2))
PY
ocr_rc=$?
[ $((ocr_rc & 1)) -eq 0 ] && [ $rc -eq 0 ]
check $? "pdf: a scanned page is read by OCR, the record says which page, its date is on page 2"
[ $((ocr_rc & 2)) -eq 0 ] && [ $rc -eq 0 ]
check $? "pdf: an empty page is neither read by OCR nor warned about"
grep -q '"warnings":\["page 2 without text: no text layer, and OCR is off"\]' $t/cmp.jsonl &&
    ! grep '/mixed.pdf"' $t/cmp.jsonl | grep -q '2023-11-23'
check $? "pdf: --no-ocr leaves a scanned page without text, with a warning"

# ---- bad PDFs: an error record each, in order, and the run goes on ----
printf 'Protokoll\n' > $t/in/notpdf.pdf
"$bin" $t/in/text.pdf $t/in/encrypted.pdf $t/in/truncated.pdf $t/in/corrupt.pdf $t/in/notpdf.pdf $t/in/huge.pdf \
    $t/in/blank.pdf > $t/bad.jsonl 2> $t/bad.err; rc=$?
python3 - $t/bad.jsonl <<'PY' > $t/bad.txt
import json, sys
for l in open(sys.argv[1], encoding="utf-8"):
    r = json.loads(l)
    print(r["source"].rsplit("/", 1)[1], r.get("error", "ok"))
PY
cat $t/bad.txt | sed 's/^/  /'
[ $rc -eq 1 ] && [ ! -s $t/bad.err ] && [ "$(wc -l < $t/bad.txt)" -eq 7 ] && head -1 $t/bad.txt | grep -qx 'text.pdf ok' &&
    tail -1 $t/bad.txt | grep -qx 'blank.pdf ok'
check $? "pdf: bad PDFs give error records in input order, the run goes on, exit 1"
grep -qx 'encrypted.pdf encrypted PDF (it needs a password)' $t/bad.txt
check $? "pdf: an encrypted PDF gives an error record that says so"
grep -qx 'truncated.pdf truncated PDF (it does not end in %%EOF)' $t/bad.txt
check $? "pdf: a truncated PDF gives an error record that says so"
grep -qx 'corrupt.pdf damaged PDF: .*' $t/bad.txt && grep -qx 'notpdf.pdf not a PDF (no %PDF- header)' $t/bad.txt
check $? "pdf: a corrupt PDF, and a .pdf that is no PDF, give error records that say so"
# (a sanitizer build limits resident memory instead of address space:
# AddressSanitizer's hard_rss_limit_mb)
grep -qx 'huge.pdf the PDF reader ran out of memory (its limit is 2048 MiB)' $t/bad.txt
check $? "pdf: a page too large to render within the reader's memory limit gives an error record"
"$bin" --pdf-timeout 1 $t/in/scanned.pdf $t/in/text.pdf > $t/slow.jsonl; rc=$?
[ $rc -eq 1 ] && head -1 $t/slow.jsonl | grep -Eq '"error":"the PDF reader (used more than 1 s of CPU time|took longer than 2 s) and was stopped"' &&
    tail -1 $t/slow.jsonl | grep -q '"title":"Deltagande'
check $? "pdf: a PDF over the reader's time limit gives an error record, and the next is read"

"$bin" --pdf-memory 0 $t/in/text.pdf > /dev/null 2> $t/err1; rc1=$?
"$bin" --pdf-timeout x $t/in/text.pdf > /dev/null 2> $t/err2; rc2=$?
"$bin" --text-dir > /dev/null 2> $t/err3; rc3=$?
[ $rc1 -eq 2 ] && [ $rc2 -eq 2 ] && [ $rc3 -eq 2 ] && grep -q '^protokoll: --pdf-memory needs a number' $t/err1 &&
    grep -q '^protokoll: --pdf-timeout needs a number' $t/err2 && grep -q '^protokoll: option --text-dir needs a value' $t/err3
check $? "pdf: --pdf-memory, --pdf-timeout and --text-dir without a good value are usage errors, exit 2"

# ---- inputs ----
mkdir -p $t/walk/b && cp $t/in/text.pdf $t/walk/a.pdf && cp $t/in/text.pdf $t/walk/b/C.PDF && cp corpus/001_*.txt $t/walk/b.txt
"$bin" $t/walk | sed 's/^{"source":"\([^"]*\)".*/\1/' > $t/walk.txt
printf '%s\n' $t/walk/a.pdf $t/walk/b/C.PDF $t/walk/b.txt | cmp -s - $t/walk.txt
check $? "pdf: a directory walk reads *.pdf (any case) beside *.txt, in sorted order"
"$bin" --text-dir $t/stdin < $t/in/text.pdf | grep -q '"source":"-","doc_type":"protokoll"' && cmp -s $t/stdin/stdin.txt $t/ref/text.txt
check $? "pdf: a PDF on standard input is read as a PDF, its text written as stdin.txt"
"$bin" -j 2 $t/in/mixed.pdf $t/in/text.pdf $t/walk > $t/j2.jsonl && "$bin" $t/in/mixed.pdf $t/in/text.pdf $t/walk > $t/j1.jsonl &&
    cmp -s $t/j1.jsonl $t/j2.jsonl
check $? "pdf: -j 2 gives the same records as -j 1"
"$bin" -f sqlite -o $t/pdf.db $t/in/mixed.pdf && sqlite3 $t/pdf.db "SELECT page FROM dates WHERE iso = '2023-11-23'" | grep -qx 2 &&
    sqlite3 $t/pdf.db "SELECT warnings FROM documents" | grep -q 'page 2 read by OCR'
check $? "pdf: -f sqlite keeps a PDF's pages and its OCR warning"

# ---- the reader: an executable of its own, found beside the command ----
lib=$(dirname "$bin")
! ldd "$bin" | grep -Eq 'poppler|tesseract|lept' && ! nm "$bin" | grep -Eq 'poppler|Tess|pk_pdf_' &&
    ldd $lib/protokoll-pdf-reader | grep -q poppler-cpp && ldd $lib/protokoll-pdf-reader | grep -q tesseract
check $? "pdf: the command links no poppler or Tesseract; protokoll-pdf-reader does"
PROTOKOLL_PDF_READER=$t/no/such/reader "$bin" $t/in/text.pdf $t/ref/text.txt > $t/noreader.jsonl 2> $t/noreader.err; rc=$?
[ $rc -eq 1 ] && [ ! -s $t/noreader.err ] && [ "$(wc -l < $t/noreader.jsonl)" -eq 2 ] &&
    head -1 $t/noreader.jsonl | grep -Fq "\"error\":\"cannot run the PDF reader $t/no/such/reader (PROTOKOLL_PDF_READER): No such file or directory; set PROTOKOLL_PDF_READER to the path of protokoll-pdf-reader" &&
    tail -1 $t/noreader.jsonl | grep -q '"source":"'$t'/ref/text.txt","doc_type":"protokoll"'
check $? "pdf: a reader that is not there (PROTOKOLL_PDF_READER) gives a PDF an error record naming it, the .txt its record, exit 1"

# ---- the libraries: text alone pulls in no poppler or Tesseract ----
! ldd $lib/libprotokoll.so | grep -Eq 'poppler|tesseract|lept' && ! nm -D $lib/libprotokoll.so | grep -Eq 'poppler|Tess|pk_pdf_' &&
    ldd $lib/libprotokoll-pdf.so | grep -q poppler-cpp && ldd $lib/libprotokoll-pdf.so | grep -q tesseract &&
    [ -z "$(nm -D --defined-only $lib/libprotokoll-pdf.so | awk '$3 !~ /^(pk_pdf_.*|_edata|_end|__bss_start)$/')" ]
check $? "pdf: libprotokoll.so links no poppler or Tesseract; libprotokoll-pdf.so does, and exports pk_pdf_ only"
d=$(pwd)/$t/dest
# the plain build's libraries (a sanitizer build's need its runtime linked in)
MAKEFLAGS= SANITIZE= make -s install DESTDIR="$d" PREFIX=/usr/local > /dev/null 2>&1
cat > $t/read.c <<'C'
#include <protokoll.h>
#include <stdio.h>
#include <stdlib.h>
int main(int argc, char **argv) {
    static char buf[1 << 20];
    FILE *f = fopen(argv[1], "rb");
    size_t n = f ? fread(buf, 1, sizeof buf, f) : 0;
    pk_pdf_text *t;
    pk_error e;
    if (pk_pdf_read(buf, n, NULL, &t, &e) != 0) { fprintf(stderr, "%s\n", e.message); return 1; }
    fwrite(t->text, 1, t->len, stdout);
    pk_pdf_text_free(t);
    return 0;
}
C
PKG_CONFIG_PATH="$d/usr/local/lib/pkgconfig" PKG_CONFIG_SYSROOT_DIR="$d" \
    sh -c "cc $t/read.c \$(pkg-config --cflags --libs protokoll-pdf) -o $t/read" &&
    LD_LIBRARY_PATH="$d/usr/local/lib" $t/read $t/in/text.pdf | cmp -s - $t/ref/text.txt
check $? "pdf: a program built with pkg-config protokoll-pdf reads a PDF's text through pk_pdf_read"
# the installed command finds the installed reader beside it, and make
# uninstall takes the reader away with the command
env -u PROTOKOLL_PDF_READER "$d/usr/local/bin/protokoll" $t/in/text.pdf > $t/installed.jsonl &&
    "$bin" $t/in/text.pdf | cmp -s - $t/installed.jsonl && [ -x "$d/usr/local/bin/protokoll-pdf-reader" ] &&
    MAKEFLAGS= SANITIZE= make -s uninstall DESTDIR="$d" PREFIX=/usr/local > /dev/null 2>&1 &&
    [ ! -e "$d/usr/local/bin/protokoll-pdf-reader" ] && [ ! -e "$d/usr/local/bin/protokoll" ]
check $? "pdf: make install puts protokoll-pdf-reader beside the command, which reads a PDF through it; make uninstall removes it"
exit 0
