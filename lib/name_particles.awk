# The particles of a person's name (lib/data/pattern_words.tsv's
# name_particle rows, which RX_NAME's source reads) as constants for
# lib/people.c's checks before pcre2 (particle_at(), find_name_starts()'s
# classes of a byte after a space): a predicate on a particle's first
# byte, and an expression that holds four bytes as a little-endian 32-bit
# word against each particle's (masked to its length) at once.
#
# The checks hold a particle of two or three small letters (a-z) and its
# space: name_bits_answer() looks for the space two or three bytes on,
# and the walks look for a particle only at a byte other than A-Z. A row
# outside that, or two rows alike, fail the build. Run under LC_ALL=C.
BEGIN {
    FS = "\t"
    for (i = 1; i < 256; i++)
        ord[sprintf("%c", i)] = i
}

/^#/ || !NF || $1 != "name_particle" { next }

{
    w = $2
    if (w !~ /^"[a-z][a-z][a-z]? "$/) {
        printf "%s:%d: a name particle other than two or three small letters a-z and a space, which lib/people.c's checks do not hold: %s\n", FILENAME, FNR, $0 > "/dev/stderr"
        bad = 1
        exit 1
    }
    w = substr(w, 2, length(w) - 2)
    if (w in seen) {
        printf "%s:%d: the same name particle as line %d: %s\n", FILENAME, FNR, seen[w], $0 > "/dev/stderr"
        bad = 1
        exit 1
    }
    seen[w] = FNR
    part[n++] = w
}

END {
    if (bad)
        exit 1
    if (!n) {
        print "name_particles.awk: no name_particle row" > "/dev/stderr"
        exit 1
    }
    print "/* made by lib/name_particles.awk from lib/data/pattern_words.tsv: do not edit */"
    printf "#define NAME_PARTICLES %d\n", n
    print ""
    print "/* a name particle opens with the byte b */"
    printf "#define NAME_PARTICLE_FIRST(b) ("
    k = 0
    for (i = 0; i < n; i++) {
        f = substr(part[i], 1, 1)
        if (f in first)
            continue
        first[f] = 1
        printf "%s(b) == %d", (k++ ? " || " : ""), ord[f]
    }
    print ")"
    print ""
    print "/* the length of the particle whose bytes (its space the last) the"
    print "   little-endian word w holds in its low bytes, or 0: w held against"
    print "   every particle's word at once, without a branch */"
    printf "#define NAME_PARTICLE_LEN(w) ("
    for (i = 0; i < n; i++) {
        v = 0
        for (j = length(part[i]); j >= 1; j--)
            v = v * 256 + ord[substr(part[i], j, 1)]
        printf "%s(((w) & %s) == 0x%08Xu) * %du", (i ? " | \\\n    " : ""), (length(part[i]) == 4 ? "0xFFFFFFFFu" : "0x00FFFFFFu"), v, length(part[i])
    }
    print ")"
}
