# The given names (lib/data/given_names.txt, one a line) as a table that a
# look-up reads one row of, a row of sixteen bytes (the name, padded with
# zeros, and its length) in a table of 2048 rows (32 KB; four rows to a
# cache line): pk_given_names_lookup(). gperf's perfect hash of the list
# spread 1664 rows over more than 10,000 places, in three tables (the
# lengths, pointers to the names, the names), each a cache miss of its own
# for a look-up asked of most capitalised words.
#
# The place of a name is hash and displace: the name's hash h (the sum of
# its bytes, each times the weight of its place, modulo 2^24; the weights
# drawn from a seed) picks a group by its low nine bits, and the row is
# (h >> 9) plus the group's displacement, modulo 2048. A sum's terms are
# independent of one another, where h = h * 31 + byte waited at each byte
# for the multiplication before it. The displacements are found here, the
# largest groups first, each the least that puts all of its names in free
# rows; a seed under which two names of one group fall on one row is
# passed over for the next.
# A row that is no name has length 0, which no word has. Two rows alike,
# or a row longer than a row holds, fail the build. Run under LC_ALL=C:
# the rows are bytes.
BEGIN {
    for (i = 1; i < 256; i++)
        ord[sprintf("%c", i)] = i
    GROUPS = 512
    ROWS = 2048
    WIDTH = 15 # bytes for a name, the sixteenth its length
}

/^#/ || !NF { next }

{
    if ($0 in seen) {
        printf "%s:%d: the same name as line %d: %s\n", FILENAME, FNR, seen[$0], $0 > "/dev/stderr"
        bad = 1
        exit 1
    }
    if (length($0) >= WIDTH) {
        printf "%s:%d: a name of %d bytes or more: %s\n", FILENAME, FNR, WIDTH, $0 > "/dev/stderr"
        bad = 1
        exit 1
    }
    seen[$0] = FNR
    name[n++] = $0
}

# the weights of a name's bytes under seed, one for each place in a name
function weigh(seed,    i, k) {
    k = seed
    for (i = 0; i < WIDTH; i++) {
        k = (k * 69069 + 12345) % 16777216
        weight[i] = k
    }
}

# a[0 .. count) as a C array declared as decl, per numbers a line, each
# with suffix after it
function print_array(decl, a, count, per, suffix,    i) {
    printf "%s[%d] = {", decl, count
    for (i = 0; i < count; i++)
        printf "%s%d%s", (i == 0 ? "\n    " : i % per ? ", " : ",\n    "), a[i], suffix
    print "\n};"
}

function hash(s,    h, i) {
    h = 0
    for (i = 1; i <= length(s); i++)
        h = (h + ord[substr(s, i, 1)] * weight[i - 1]) % 16777216
    return h
}

# the names placed under seed: 1 when every group found its displacement
function place(seed,    k, h, g, big, size, d, j, ok, r, taken, used) {
    for (g = 0; g < GROUPS; g++) {
        count[g] = 0
        disp[g] = 0
    }
    for (r = 0; r < ROWS; r++)
        row[r] = -1
    big = 0
    weigh(seed)
    for (k = 0; k < n; k++) {
        h = hash(name[k])
        g = h % GROUPS
        home[k] = int(h / GROUPS) % ROWS
        member[g, count[g]++] = k
        if (count[g] > big)
            big = count[g]
    }
    for (size = big; size > 0; size--)
        for (g = 0; g < GROUPS; g++) {
            if (count[g] != size)
                continue
            for (d = 0; d < ROWS; d++) {
                ok = 1
                split("", taken)
                for (j = 0; j < size && ok; j++) {
                    r = (home[member[g, j]] + d) % ROWS
                    ok = row[r] < 0 && !(r in taken)
                    taken[r] = 1
                }
                if (ok)
                    break
            }
            if (!ok)
                return 0
            disp[g] = d
            for (j = 0; j < size; j++)
                row[(home[member[g, j]] + d) % ROWS] = member[g, j]
        }
    return 1
}

# bytes from..from+7 of the row of s (the name, zeros, its length in the
# sixteenth) as a word, byte from + k in bits 8k..8k+7
function word(s, from,    out, i, b) {
    out = ""
    for (i = from + 7; i >= from; i--) {
        if (i == WIDTH)
            b = length(s)
        else if (i < length(s))
            b = ord[substr(s, i + 1, 1)]
        else
            b = 0
        out = out sprintf("%02x", b)
    }
    return "0x" out "u"
}

END {
    if (bad)
        exit 1
    if (n > ROWS * 7 / 8) {
        printf "%s: %d names, more than the table's %d rows hold\n", FILENAME, n, ROWS * 7 / 8 > "/dev/stderr"
        exit 1
    }
    for (seed = 1; seed < 1000 && !place(seed); seed++)
        ;
    if (seed == 1000) {
        print "given_names.awk: no seed places the names" > "/dev/stderr"
        exit 1
    }
    min = WIDTH
    max = 0
    for (k = 0; k < n; k++) {
        if (length(name[k]) < min)
            min = length(name[k])
        if (length(name[k]) > max)
            max = length(name[k])
    }
    print "/* made by lib/given_names.awk from lib/data/given_names.txt: do not edit */"
    printf "#define GIVEN_NAMES_TOTAL_KEYWORDS %d\n", n
    printf "#define GIVEN_NAMES_MIN_WORD_LENGTH %d\n", min
    printf "#define GIVEN_NAMES_MAX_WORD_LENGTH %d\n", max
    print ""
    print "/* the weight of a name's byte by its place */"
    print_array("static const uint32_t given_names_weight", weight, max, 8, "u")
    print ""
    print "/* each group's displacement (the group: the hash's low nine bits) */"
    print_array("static const unsigned short given_names_disp", disp, GROUPS, 16, "")
    print ""
    print "/* the names by row, a row in one cache line: its bytes (the name, padded"
    print "   with zeros, and its length in the sixteenth) as two words, byte i of"
    print "   the row in bits 8i.. of w[i / 8], whatever the byte order */"
    printf "static _Alignas(64) const struct given_names_row {\n    uint64_t w[2];\n} given_names_rows[%d] = {\n", ROWS
    for (r = 0; r < ROWS; r++)
        if (row[r] >= 0)
            printf "    [%d] = {{%s, %s}}, /* %s */\n", r, word(name[row[r]], 0), word(name[row[r]], 8), name[row[r]]
    print "};"
    print ""
    print "/* whether str[0..len) is a name: its bytes gathered into the row's two"
    print "   words as they are hashed, and the words compared, where memcmp() was a"
    print "   call for most words asked */"
    print "static int pk_given_names_lookup(const char *str, size_t len)"
    print "{"
    print "    if (len < GIVEN_NAMES_MIN_WORD_LENGTH || len > GIVEN_NAMES_MAX_WORD_LENGTH)"
    print "        return 0;"
    print "    uint32_t h = 0;"
    print "    uint64_t w0 = 0, w1 = (uint64_t)len << 56;"
    print "    size_t i = 0, m = len < 8 ? len : 8;"
    print "    for (; i < m; i++) {"
    print "        unsigned char b = (unsigned char)str[i];"
    print "        h += b * given_names_weight[i];"
    print "        w0 |= (uint64_t)b << 8 * i;"
    print "    }"
    print "    for (; i < len; i++) {"
    print "        unsigned char b = (unsigned char)str[i];"
    print "        h += b * given_names_weight[i];"
    print "        w1 |= (uint64_t)b << 8 * (i - 8);"
    print "    }"
    print "    h &= 0xFFFFFFu;"
    printf "    const struct given_names_row *r = &given_names_rows[((h >> 9) + given_names_disp[h & %d]) & %d];\n", GROUPS - 1, ROWS - 1
    print "    return ((r->w[0] ^ w0) | (r->w[1] ^ w1)) == 0;"
    print "}"
}
