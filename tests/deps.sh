#!/bin/sh
# Installs the build dependencies that are missing (Debian packages).
# python3-pandas and jq run the README's examples in make test (pandas
# for Debian's /usr/bin/python3); python3-dask and python3-distributed
# run the Python binding's Dask tests; poppler-utils brings pdftotext and
# pdftoppm; libpoppler-cpp-dev, libtesseract-dev and tesseract-ocr-swe the
# PDF layer (poppler's C++ frontend, Tesseract with Swedish); qpdf encrypts
# a test PDF; gperf makes the word lists' perfect hashes.
pkgs="build-essential pkg-config libpcre2-dev libutf8proc-dev libcsv-dev libjansson-dev libcmocka-dev libsqlite3-dev sqlite3 python3 valgrind util-linux python3-pandas python3-dask python3-distributed jq poppler-utils libpoppler-cpp-dev libtesseract-dev tesseract-ocr-swe qpdf gperf"
missing=""
for p in $pkgs; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "protokoll: installing$missing"
if [ "$(id -u)" = 0 ]; then SUDO=""
elif command -v sudo >/dev/null 2>&1; then SUDO="sudo"
else echo "protokoll: missing packages:$missing (run as root or install them)" >&2; exit 1
fi
$SUDO apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing >/dev/null || {
    echo "protokoll: could not install:$missing" >&2; exit 1; }
