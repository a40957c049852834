#!/bin/sh
# Fuzzing (make fuzz). Builds the libFuzzer targets in tests/fuzz/ with
# clang under AddressSanitizer and UndefinedBehaviorSanitizer (the library
# compiled from its sources into build/fuzz/), seeds a working corpus per
# target from corpus/*.txt and tests/fuzz/regress/, runs the targets one
# after the other and prints each one's executions, speed and coverage.
# Exits 1 when a target found a crash, a leak, a timeout or a failed check;
# the input is then in build/fuzz/artifacts-NAME/, the report in
# build/fuzz/fuzz_NAME.log. Inputs that took over a second are kept there
# as slow-unit-* and counted; they do not fail the run.
#
#   sh tests/fuzz.sh            fuzz every target
#   sh tests/fuzz.sh regress    no fuzzing: build the targets with $CC (gcc
#                               is fine) and tests/fuzz/driver.c, and run
#                               them once over tests/fuzz/regress/ and
#                               corpus/*.txt; an input that fails a check,
#                               crashes, leaks or takes over 10 s fails
#
# Environment:
#   FUZZ_TIME     seconds per target (default 300)
#   FUZZ_TARGETS  targets to run, in order (default "extract decode")
#   FUZZ_MAX_LEN  largest input in bytes (default 65536)
#   FUZZ_SRC      directory of the library sources (default lib), e.g. a
#                 copy with a fix, to go on fuzzing past a known defect
#   FUZZ_ARGS     further libFuzzer options
#   FUZZ_CC       the compiler for fuzzing (default clang)
set -u

FUZZ_TIME=${FUZZ_TIME:-300}
FUZZ_TARGETS=${FUZZ_TARGETS:-"extract decode"}
FUZZ_MAX_LEN=${FUZZ_MAX_LEN:-65536}
FUZZ_SRC=${FUZZ_SRC:-lib}
FUZZ_ARGS=${FUZZ_ARGS:-}
FUZZ_CC=${FUZZ_CC:-clang}
out=build/fuzz
mode=${1:-fuzz}

die() { echo "fuzz: $*" >&2; exit 2; }

PKGS="libpcre2-8 libutf8proc jansson"
DEP_CFLAGS=$(pkg-config --cflags $PKGS 2>/dev/null) || die "pkg-config cannot find $PKGS (make deps)"
DEP_LIBS="$(pkg-config --libs $PKGS) -lcsv -lpthread"

# the generated tables (word lists as perfect hashes, the other tables as
# initialisers), by the Makefile's own rules into $out/gen/
gen() {
    make -s B="$out" gen >/dev/null || die "cannot generate the tables"
}

# build_lib CC FLAGS OBJDIR: the library's sources compiled into OBJDIR;
# sets $objs to the objects
build_lib() {
    bl_cc=$1 bl_flags=$2 bl_dir=$3
    mkdir -p "$bl_dir"
    objs=""
    for src in "$FUZZ_SRC"/*.c; do
        obj="$bl_dir/$(basename "$src" .c).o"
        $bl_cc -std=c11 -D_GNU_SOURCE $bl_flags -Iinclude -I"$FUZZ_SRC" -I"$out/gen" $DEP_CFLAGS -c "$src" -o "$obj" ||
            die "cannot compile $src"
        objs="$objs $obj"
    done
}

if [ "$mode" = regress ]; then
    cc=${CC:-cc}
    san="-g -O1 -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all"
    gen
    build_lib "$cc" "$san" "$out/regress-obj"
    rc=0
    for t in $FUZZ_TARGETS; do
        $cc -std=c11 -D_GNU_SOURCE $san -Iinclude -I"$FUZZ_SRC" $DEP_CFLAGS -o "$out/regress-$t" \
            "tests/fuzz/fuzz_$t.c" tests/fuzz/driver.c $objs $DEP_LIBS || die "cannot build fuzz_$t"
        "$out/regress-$t" -t 10000 tests/fuzz/regress corpus/*.txt && echo "ok   fuzz_$t: regression inputs" ||
            { echo "FAIL fuzz_$t: regression inputs"; rc=1; }
    done
    exit $rc
fi
[ "$mode" = fuzz ] || die "unknown mode: $mode (fuzz or regress)"

# clang and its libFuzzer runtime
if ! command -v "$FUZZ_CC" >/dev/null 2>&1 ||
    ! echo 'int LLVMFuzzerTestOneInput(const char *d, long n) { (void)d; (void)n; return 0; }' |
        "$FUZZ_CC" -fsanitize=fuzzer -x c -o /dev/null - 2>/dev/null; then
    echo "fuzz: installing clang and its libFuzzer runtime"
    if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO=sudo; fi
    $SUDO apt-get update -qq >/dev/null &&
        DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq clang libclang-rt-14-dev >/dev/null ||
        DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq clang >/dev/null ||
        die "cannot install clang"
fi

flags="-g -O1 -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all"
gen
build_lib "$FUZZ_CC" "$flags -fsanitize=fuzzer-no-link" "$out/obj"
for t in $FUZZ_TARGETS; do
    "$FUZZ_CC" -std=c11 -D_GNU_SOURCE $flags -fsanitize=fuzzer -Iinclude -I"$FUZZ_SRC" $DEP_CFLAGS \
        -o "$out/fuzz_$t" "tests/fuzz/fuzz_$t.c" $objs $DEP_LIBS || die "cannot build fuzz_$t"
done

# words the extractor looks for: a mutation inserts them whole
cat > "$out/protokoll.dict" <<'EOF'
"F\xc3\xb6rslag till beslut"
"Beslut"
"Beslutsg\xc3\xa5ng"
"Reservation"
"Sammanfattning"
"F\xc3\xb6rvaltningens synpunkter och f\xc3\xb6rslag"
"Stadsdelsn\xc3\xa4mnden beslutar:"
"beslutar att"
"f\xc3\xb6resl\xc3\xa5r att"
"godk\xc3\xa4nner"
"noterar anm\xc3\xa4lan"
"l\xc3\xa4gger till handlingarna"
"nominerar"
"avsl\xc3\xa5r"
"\xc3\xa5terremitterar"
"deltar"
"har valt att delta"
"f\xc3\xb6ljande enheter deltar:"
"inom"
"samt"
" och "
"att "
"enheten"
"f\xc3\xb6rskolan"
"kvalitetsutm\xc3\xa4rkelsen"
"2020 \xc3\xa5rs kvalitetsutm\xc3\xa4rkelse"
"t\xc3\xa4vlingsklass"
"Dnr"
"Dnr 1.4.1-289/2020"
"BRO-2019/123"
"\xc2\xa7 23"
"Protokoll"
"Protokollsutdrag"
"Tj\xc3\xa4nsteutl\xc3\xa5tande"
"Justerandes signatur"
"Sida 2 av 3"
"Sammantr\xc3\xa4desdatum"
"2020-11-24"
"24/11 2020"
"(24/11)"
"den 15 januari"
"m\xc3\xa5ndagen den 3 december 2019"
"senast"
"delas ut"
"Ordf\xc3\xb6rande"
"ordf\xc3\xb6rande Anna Andersson (S)"
"Handl\xc3\xa4ggare"
"Justerare"
"Vid protokollet"
"Anna Andersson"
"Erik Svensson"
"avdelningschef"
"stadsdelsdirekt\xc3\xb6r"
"(M)"
"(MP)"
"\xc3\x96stermalms stadsdelsf\xc3\xb6rvaltning"
"\xc3\xa4rendet har beretts av"
"beredd"
"Stadsdelsn\xc3\xa4mnden"
"omsorgs-\x0aboende"
"St\xc3\xb6d- och"
"\x0d\x0a"
"\x0a\x0a"
"\x0c"
"\x09"
"\xc2\xad\x0a"
"\xc2\xa0"
"\xef\xac\x81"
"\xcc\x88"
"\xe2\x80\xa2 "
"\xe2\x80\x93"
"\xef\xbb\xbf"
"\xe2\x80\xa8"
"\xef\x80\xa7"
"1. "
"- "
": "
". "
EOF

rc=0
summary=""
for t in $FUZZ_TARGETS; do
    corp="$out/corpus-$t" seeds="$out/seeds-$t" art="$out/artifacts-$t"
    mkdir -p "$corp" "$seeds" "$art"
    rm -f "$seeds"/*
    # the extract target reads options from its first byte: JSON, CSV,
    # a plain source name, pk_extract_ex and a second run ('7' = 0x37)
    for f in corpus/*.txt; do
        if [ "$t" = extract ]; then
            { printf '7'; cat "$f"; } > "$seeds/$(basename "$f")"
        else
            cp "$f" "$seeds/"
        fi
    done
    for f in tests/fuzz/regress/*; do [ -f "$f" ] && cp "$f" "$seeds/"; done
    log="$out/fuzz_$t.log"
    echo "fuzz: fuzz_$t for ${FUZZ_TIME}s (log $log)"
    start=$(date +%s)
    # shellcheck disable=SC2086
    "$out/fuzz_$t" "$corp" "$seeds" -dict="$out/protokoll.dict" -max_total_time="$FUZZ_TIME" \
        -max_len="$FUZZ_MAX_LEN" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 -report_slow_units=1 \
        -artifact_prefix="$art/" $FUZZ_ARGS > "$log" 2>&1
    status=$?
    secs=$(($(date +%s) - start))
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
    last=$(grep -E '^#[0-9]+.*cov: ' "$log" | tail -1)
    cov=$(echo "$last" | sed -n 's/.* cov: \([0-9]*\).*/\1/p')
    ft=$(echo "$last" | sed -n 's/.* ft: \([0-9]*\).*/\1/p')
    corpus_n=$(echo "$last" | sed -n 's/.* corp: \([0-9]*\).*/\1/p')
    crashes=$(ls "$art" 2>/dev/null | grep -c -E '^(crash|leak|timeout|oom)-')
    slow=$(ls "$art" 2>/dev/null | grep -c -E '^slow-unit-')
    line="fuzz_$t: ${secs}s, ${execs:-?} execs, ${rate:-?} exec/s, cov ${cov:-?}, ft ${ft:-?}, corpus ${corpus_n:-?}"
    if [ "$status" -ne 0 ] || grep -q -E '^==[0-9]+==ERROR|^SUMMARY: |check failed' "$log"; then
        line="$line: FAILED (exit $status; input in $art/, see $log)"
        grep -E 'ERROR: |check failed|^SUMMARY: |Test unit written' "$log" | head -5 | sed 's/^/    /'
        rc=1
    elif [ "$crashes" -gt 0 ]; then
        line="$line; $crashes earlier failures in $art/"
    fi
    [ "$slow" -gt 0 ] && line="$line; $slow inputs slower than 1s in $art/"
    echo "$line"
    summary="$summary$line
"
done
printf '\nfuzz summary:\n%s' "$summary"
exit $rc
