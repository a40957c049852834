#!/bin/sh
# Does tests/test_kinds.c notice when a rule goes missing? In a scratch
# copy under /tmp, each row of the formula table (pk_formulas in
# lib/tables.c) is deleted in turn, and each cue word of the date roles
# (the string literals that lib/dates.c hands to near(), near_ws() and
# memmem()) is made unmatchable in turn (a \001 put before it); after each
# change build/tests/test_kinds is rebuilt and run. A change that fails no
# test "survives": its rule has no test of its own.
#
#   sh tests/mutate.sh            every mutation
#   sh tests/mutate.sh formulas   the formula rows only
#   sh tests/mutate.sh dates      the date cues only
#
# Not part of make test (it rebuilds the suite some 130 times). Exit
# status 1 when a mutation survives, other than those of the cues below.
set -eu
what=${1:-all}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d /tmp/protokoll-mutate.XXXXXX)
trap 'rm -rf "$work"' EXIT INT TERM
unset MAKEFLAGS MAKELEVEL MFLAGS || true

tar -C "$root" --exclude=./build --exclude=./.git -cf - . | tar -C "$work" -xf -
cd "$work"
cp lib/tables.c tables.c.orig
cp lib/dates.c dates.c.orig

build_and_run() {
    if ! make -s build/tests/test_kinds > build.log 2>&1; then
        echo "build failed"
        return
    fi
    if build/tests/test_kinds > run.log 2>&1; then
        echo "SURVIVES"
    else
        failed=$(sed -n 's/^\[  FAILED  \] \([a-z_]*\)$/\1/p' run.log | sort -u | paste -sd ' ' -)
        echo "caught by ${failed:-a crash}"
    fi
}

if [ "$(build_and_run)" != SURVIVES ]; then
    echo "tests/test_kinds does not pass unchanged:" >&2
    cat build.log run.log >&2
    exit 2
fi

# Cues no text can need: every text that holds one holds another cue
# checked in the same condition ("prisceremoni" holds "ceremoni", every
# "prisutdelning" holds "utdelning"). Their mutations survive by design.
shadowed=' "prisceremoni" "Prisutdeln" "prisutdeln" '

survived=0
total=0
known=0

# one report line; counts the outcome
report() {
    total=$((total + 1))
    verdict=$2
    case "$verdict" in
    SURVIVES)
        survived=$((survived + 1))
        case "$shadowed" in
        *" ${1#* } "*) known=$((known + 1)) verdict="survives (shadowed, see shadowed=)" ;;
        esac
        ;;
    esac
    printf '%-58s %s\n' "$1" "$verdict"
}

if [ "$what" = all ] || [ "$what" = formulas ]; then
    # the rows: the lines between "pk_formulas[] = {" and its "};"
    rows=$(awk '/pk_formulas\[\] = \{/ { on = 1; next } on && /^};/ { exit }
                on && /^ *\{".*", "[a-z]+"\},/ { print NR }' tables.c.orig)
    n0=$total s0=$survived
    for ln in $rows; do
        sed "${ln}d" tables.c.orig > lib/tables.c
        row=$(sed -n "${ln}p" tables.c.orig | sed 's/^ *//')
        report "tables.c:$ln $row" "$(build_and_run)"
    done
    cp tables.c.orig lib/tables.c
    echo "formula rows: $((total - n0)), deletions failing a test: $((total - n0 - (survived - s0))), surviving: $((survived - s0))"
fi

if [ "$what" = all ] || [ "$what" = dates ]; then
    # line:offset of the opening quote of each cue literal
    cues=$(perl -ne 'while (/\b(?:near|near_ws|memmem)\([^;]*?("(?:[^"\\]|\\.)*")/g) { print "$.:$-[1]\n" }' dates.c.orig)
    n0=$total s0=$survived k0=$known
    for cue in $cues; do
        ln=${cue%%:*} off=${cue#*:}
        perl -pe "substr(\$_, $off + 1, 0) = '\\001' if \$. == $ln" dates.c.orig > lib/dates.c
        lit=$(sed -n "${ln}p" dates.c.orig | cut -c$((off + 1))- | sed 's/^\("\([^"\\]\|\\.\)*"\).*/\1/')
        report "dates.c:$ln $lit" "$(build_and_run)"
    done
    cp dates.c.orig lib/dates.c
    echo "date cues: $((total - n0)), mutations failing a test: $((total - n0 - (survived - s0))), surviving: $((survived - s0)) ($((known - k0)) shadowed)"
fi

[ "$survived" -eq "$known" ]
