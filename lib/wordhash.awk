# A word list (lib/data/*.txt, one word a line) as gperf's input: gperf
# makes a perfect hash of it, and the lookup (pk_<name>_lookup) finds a
# word in a few instructions instead of comparing it with every row.
#   -v name=titles   the C names: pk_titles_lookup, TITLES_MAX_WORD_LENGTH, ...
#   -v key=folded    the key is the row case-folded (ASCII, and Latin-1
#                    letters after the byte 0xC3), the row kept beside it
#                    (struct pk_<name>_row: name, word); two rows that fold
#                    alike fail the build
#   -v key=lower     a row must be its own folded form, since the lookup
#                    folds the text; a row in capitals fails the build
#   -v key=valued    as lower, for rows "word<TAB>value" (a .tsv): the value
#                    (a C constant) kept beside the word (struct
#                    pk_<name>_row: name, value)
#   -v value=text    with key=valued: the value is a word (a C string), or
#                    "-" for none (NULL)
#   (else)           the row as it is
# Run under LC_ALL=C: the rows are bytes.
BEGIN {
    for (i = 128; i <= 158; i++)
        if (i != 151)
            up[sprintf("%c", i)] = sprintf("%c", i + 32)
    lc = "abcdefghijklmnopqrstuvwxyz"
    uc = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    print "%language=ANSI-C"
    print "%readonly-tables"
    print "%compare-lengths"
    print "%define hash-function-name " name "_hash"
    print "%define lookup-function-name pk_" name "_lookup"
    print "%define word-array-name " name "_words"
    print "%define length-table-name " name "_lengths"
    print "%define constants-prefix " toupper(name) "_"
    if (key == "folded") {
        print "%struct-type"
        print "%define initializer-suffix ,0"
        print "struct pk_" name "_row { const char *name; const char *word; };"
    }
    if (key == "valued") {
        print "%struct-type"
        print "%define initializer-suffix ,0"
        print "struct pk_" name "_row { const char *name; " (value == "text" ? "const char *" : "int ") "value; };"
    }
    print "%%"
}

function fold(s,    out, i, ch, prev) {
    out = ""
    prev = ""
    for (i = 1; i <= length(s); i++) {
        ch = substr(s, i, 1)
        if (index(uc, ch))
            ch = substr(lc, index(uc, ch), 1)
        else if (prev == "\303" && (ch in up))
            ch = up[ch]
        out = out ch
        prev = substr(s, i, 1)
    }
    return out
}

function quoted(s) {
    gsub(/[\\"]/, "\\\\&", s)
    return "\"" s "\""
}

/^#/ || !NF { next }

{
    row = $0
    if (key == "valued") {
        if (split($0, col, "\t") != 2) {
            printf "%s:%d: a row is a word, a tab and a value: %s\n", FILENAME, FNR, $0 > "/dev/stderr"
            bad = 1
            exit 1
        }
        row = col[1]
    }
    k = key == "folded" || key == "lower" || key == "valued" ? fold(row) : row
    if ((key == "lower" || key == "valued") && k != row) {
        printf "%s:%d: a row in capitals (the lookup compares lower case): %s\n", FILENAME, FNR, $0 > "/dev/stderr"
        bad = 1
        exit 1
    }
    if (k in seen) {
        printf "%s:%d: the same word as line %d: %s\n", FILENAME, FNR, seen[k], $0 > "/dev/stderr"
        bad = 1
        exit 1
    }
    seen[k] = FNR
    if (key == "folded")
        print quoted(k) ", " quoted($0)
    else if (key == "valued")
        print quoted(k) ", " (value != "text" ? col[2] : col[2] == "-" ? "NULL" : quoted(col[2]))
    else
        print quoted(k)
}

END { exit bad }
