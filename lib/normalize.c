/* Normalisation and PDF-to-text cleanup. Two passes, each keeping the map
   back to the original bytes: characters (NFC, spaces, soft hyphens,
   ligatures, line ends), then lines (double spacing, page furniture,
   line-break hyphens, trimming). The result is the text every extractor
   reads: one logical line per line, one blank line between paragraphs. */
#include "internal.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#if defined(__SSE2__)
#include <emmintrin.h>

/* The bytes of sixty-four (bit j for byte j) that the four masks of
   sixteen a to d tell, a first. */
static inline uint64_t bits64(__m128i a, __m128i b, __m128i c, __m128i d)
{
    return (uint64_t)(unsigned)_mm_movemask_epi8(a) | (uint64_t)(unsigned)_mm_movemask_epi8(b) << 16 |
           (uint64_t)(unsigned)_mm_movemask_epi8(c) << 32 | (uint64_t)(unsigned)_mm_movemask_epi8(d) << 48;
}

/* The bytes equal to c (each byte of it) among the sixty-four at p. */
static inline uint64_t eq64(const char *p, __m128i c)
{
    const __m128i *q = (const __m128i *)(const void *)p;
    return bits64(_mm_cmpeq_epi8(_mm_loadu_si128(q), c), _mm_cmpeq_epi8(_mm_loadu_si128(q + 1), c),
                  _mm_cmpeq_epi8(_mm_loadu_si128(q + 2), c), _mm_cmpeq_epi8(_mm_loadu_si128(q + 3), c));
}
#endif

/* Pass 1's text: its input's text and runs as long as it changes nothing
   (runs, nruns), then a copy of its own (m). */
typedef struct buf {
    char *s;
    size_t n;
    const pk_run *runs;
    size_t nruns;
    pk_map_out m;
    arena *a;
} buf;

static void put(buf *b, char ch, size_t at)
{
    b->s[b->n] = ch;
    pk_map_put(b->a, &b->m, b->s, b->n++, at);
}

static void put_cp(buf *b, utf8proc_int32_t cp, size_t at)
{
    utf8proc_uint8_t tmp[4];
    utf8proc_ssize_t w = utf8proc_encode_char(cp, tmp);
    for (utf8proc_ssize_t j = 0; j < w; j++)
        put(b, (char)tmp[j], at);
}

/* The run of r[0..n) that holds byte j, *k the one that held the byte
   asked before (moved to j's: the bytes are asked in order, or a few back). */
static inline size_t run_near(const pk_run *r, size_t n, size_t *k, size_t j)
{
    size_t i = *k;
    while (i > 0 && r[i].at > j)
        i--;
    while (i + 1 < n && r[i + 1].at <= j)
        i++;
    return *k = i;
}

/* The input offset of byte j, the start of a character, by the runs r[0..n). */
static inline size_t map_start(const pk_run *r, size_t n, size_t *k, size_t j)
{
    if (n == 1) /* (most texts: nothing dropped or replaced in the input) */
        return (size_t)r[0].orig + (j - r[0].at);
    size_t i = run_near(r, n, k, j);
    return (size_t)r[i].orig + (j - r[i].at);
}

/* The input offset of byte j of the text s by the runs r[0..n). */
static inline size_t map_near(const pk_run *r, size_t n, size_t *k, const char *s, size_t j)
{
    size_t i = run_near(r, n, k, j);
    size_t c = j;
    while (c > r[i].at && ((unsigned char)s[c] & 0xC0) == 0x80)
        c--;
    return (size_t)r[i].orig + (c - r[i].at);
}

/* The output byte j's input offset, from the runs of the output (j near its
   end: a combining sequence). */
static size_t out_map(const buf *b, size_t j)
{
    size_t k = b->m.n - 1;
    while (k > 0 && b->m.r[k].at > j)
        k--;
    size_t c = j;
    while (c > b->m.r[k].at && ((unsigned char)b->s[c] & 0xC0) == 0x80)
        c--;
    return (size_t)b->m.r[k].orig + (c - b->m.r[k].at);
}

static const char *ligature(utf8proc_int32_t cp)
{
    static const char *const lig[] = {"ff", "fi", "fl", "ffi", "ffl", "st", "st"};
    return (cp >= 0xFB00 && cp <= 0xFB06) ? lig[cp - 0xFB00] : NULL;
}

static int is_space_cp(utf8proc_int32_t cp)
{
    return cp == '\t' || cp == 0xA0 || cp == 0x2007 || cp == 0x202F || cp == 0x2009 ||
           cp == 0x200A || cp == 0x2002 || cp == 0x2003 || cp == 0x2005 || cp == 0x2006 ||
           cp == 0x3000 || cp == 0x205F;
}

/* What pass 1 does with a character that is not ASCII. */
enum { CP_SOFT_HYPHEN, CP_DROP, CP_SPACE, CP_HYPHEN, CP_BREAK, CP_LIGATURE, CP_BULLET, CP_OTHER };

static int cp_rule(utf8proc_int32_t cp)
{
    if (cp == 0xAD)
        return CP_SOFT_HYPHEN;
    if (cp == 0xFEFF || cp == 0x200B || cp == 0x200C || cp == 0x200D || cp == 0x2060)
        return CP_DROP;
    if (is_space_cp(cp))
        return CP_SPACE;
    if (cp == 0x2010 || cp == 0x2011 || cp == 0x2212)
        return CP_HYPHEN;
    if (cp == 0x2028 || cp == 0x2029 || cp == 0x85)
        return CP_BREAK;
    if (ligature(cp))
        return CP_LIGATURE;
    if ((cp >= 0xE000 && cp <= 0xF8FF) || cp == 0x25AA || cp == 0x25CF || cp == 0x25E6 || cp == 0x2043)
        return CP_BULLET; /* symbol-font and other bullets */
    return CP_OTHER;
}

/* cp_rule() of the characters most texts hold past ASCII, Latin-1's
   (U+0080 to U+00FF: "§", a no-break space) and the general punctuation's
   (U+2000 to U+207F: "–", "”"), made once per process from cp_rule()
   itself: a look each, where the tests above took a score of branches */
static unsigned char cp_rules_latin[0x80], cp_rules_punct[0x80];
static pthread_once_t cp_rules_once = PTHREAD_ONCE_INIT;
static int cp_rules_ready;

static void make_cp_rules(void)
{
    for (utf8proc_int32_t k = 0; k < 0x80; k++) {
        cp_rules_latin[k] = (unsigned char)cp_rule(0x80 + k);
        cp_rules_punct[k] = (unsigned char)cp_rule(0x2000 + k);
    }
}

/* (the tables made: the caller asked pk_once() for them, once for the
   characters of a text, not at each) */
static inline int cp_rule_of(utf8proc_int32_t cp)
{
    if ((cp >= 0x80 && cp < 0x100) || (cp >= 0x2000 && cp < 0x2080))
        return cp < 0x100 ? cp_rules_latin[cp - 0x80] : cp_rules_punct[cp - 0x2000];
    return cp_rule(cp);
}

/* cp is kept as it stands: no rule of the cleanup's, and no combining
   mark (the rules made) */
static inline int keeps(int32_t cp)
{
    return cp_rule_of(cp) == CP_OTHER && utf8proc_get_property(cp)->combining_class == 0;
}

int pk_norm_keeps(int32_t cp)
{
    pk_once(&cp_rules_once, &cp_rules_ready, make_cp_rules);
    return keeps(cp);
}

/* Recompose the combining sequence that ends the output with NFC. The
   composed bytes map to the base character, the last to the last mark,
   so that a span over the letter covers all its original bytes. */
static void compose_tail(arena *a, buf *b, size_t base)
{
    utf8proc_uint8_t *res = NULL;
    utf8proc_ssize_t r = utf8proc_map((const utf8proc_uint8_t *)b->s + base, (utf8proc_ssize_t)(b->n - base),
                                      &res, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
    if (r < 0 || !res)
        return;
    if ((size_t)r <= b->n - base) {
        size_t first = out_map(b, base), last = out_map(b, b->n - 1);
        memcpy(b->s + base, res, (size_t)r);
        b->n = base + (size_t)r;
        pk_map_cut(&b->m, base);
        for (size_t j = base; j + 1 < b->n; j++)
            pk_map_put(b->a, &b->m, b->s, j, first);
        pk_map_put(b->a, &b->m, b->s, b->n - 1, last);
    }
    free(res);
    (void)a;
}

/* Eight bytes all in 0x20..0x7F: no high bit, no byte below 0x20. */
static inline int word_ascii_printable(const char *p)
{
    const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u;
    uint64_t x;
    memcpy(&x, p, 8);
    return ((x | ((x - 0x20 * ones) & ~x)) & high) == 0;
}

/* How many of the eight bytes at p, from the first, pass 1 copies as they
   are: 0x20..0x7F, line breaks, and whole two-byte Latin-1 letters (C3 and
   the byte after it, both among the eight); the text of a Swedish page
   mostly, where the test above stops at every line end and every "å".
   Each byte's test is exact, whatever the others (no carry crosses a
   byte). */
#if defined(__SSE2__)
/* The bytes (bit j for byte j) of the sixteen at p that pass 1 does not
   copy in a run (plain_bytes()): those below 0x20 but line breaks, and
   the high bytes but whole two-byte Latin-1 letters (C3 and the byte
   after it, both among the sixteen). */
static inline unsigned plain_bad16(const char *p)
{
    __m128i x = _mm_loadu_si128((const __m128i *)p);
    /* signed bytes: the high ones are below 0x20 too, 80..BF below C0. No
       branch: a text's blocks of ASCII and of letters come in no order a
       branch could foretell */
    __m128i ok = _mm_or_si128(_mm_cmpgt_epi8(x, _mm_set1_epi8(0x1F)), _mm_cmpeq_epi8(x, _mm_set1_epi8('\n')));
    /* a lead C3 with the byte after it a continuation, and that byte (the
       sixteen shifted by a byte: a pair cut by the block's end is none) */
    __m128i cont = _mm_cmplt_epi8(x, _mm_set1_epi8((char)0xC0)), lead = _mm_cmpeq_epi8(x, _mm_set1_epi8((char)0xC3));
    __m128i pair = _mm_or_si128(_mm_and_si128(lead, _mm_srli_si128(cont, 1)), _mm_and_si128(cont, _mm_slli_si128(lead, 1)));
    return ~(unsigned)_mm_movemask_epi8(_mm_or_si128(ok, pair)) & 0xFFFFu;
}
#endif

static inline size_t plain_bytes(const char *p)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u, low7 = 0x7F7F7F7F7F7F7F7Fu;
    uint64_t x, t;
    memcpy(&x, p, 8);
    uint64_t small = ~((x & low7) + 0x60 * ones) & ~x & high; /* below 0x20 */
    t = x ^ ('\n' * ones);
    uint64_t nl = ~(((t & low7) + low7) | t) & high;
    t = x ^ (0xC3 * ones);
    uint64_t lead = ~(((t & low7) + low7) | t) & high;
    uint64_t cont = x & ~(x << 1) & high; /* 0x80..0xBF */
    /* a lead not followed by a continuation byte, one of those not after
       a lead (the lowest byte first in memory) */
    uint64_t bad = (small & ~nl) | (x & high & ~lead & ~cont) | (lead & ~(cont >> 8)) | (cont & ~(lead << 8));
    return bad ? (size_t)__builtin_ctzll(bad) / 8 : 8;
#else
    return word_ascii_printable(p) ? 8 : 0;
#endif
}

/* Pass 1: characters. As long as it changes nothing (most texts) its
   output is its input, and its own copy begins at the first change. */
static void pass_chars(arena *a, const pk_text *in, size_t plain, buf *b)
{
    b->s = in->s;
    b->runs = in->runs;
    b->nruns = in->nruns;
    b->n = 0;
    b->a = a;
    memset(&b->m, 0, sizeof b->m);
    size_t ki = 0; /* the input's run at i */
    int own = 0;
    size_t base = (size_t)-1; /* start of the last starter in the output */
    /* the bytes that pk_decode found this pass leaves as they stand (ASCII
       runs, form feeds, letters and the characters it keeps: each a
       starter), as the steps below would take them; the last starter is
       the last character's first byte */
    size_t i = plain;
    if (i > in->n)
        i = in->n;
    if (i > 0) {
        b->n = i;
        base = i - 1;
        while (base > 0 && ((unsigned char)in->s[base] & 0xC0) == 0x80)
            base--;
    }
    if (i < in->n)
        pk_once(&cp_rules_once, &cp_rules_ready, make_cp_rules);
    while (i < in->n) {
        /* a run of plain ASCII, and the two-byte Latin-1 letters (C3 80..BF:
           no spaces, marks or ligatures among them), is copied as it is */
        size_t r = i;
        for (int stopped = 0; !stopped && r < in->n;) {
#if defined(__SSE2__)
            /* sixteen bytes at a time, up to the first that is not plain */
            while (r + 16 <= in->n) {
                unsigned bad = plain_bad16(in->s + r);
                if (bad) {
                    r += (size_t)__builtin_ctz(bad);
                    break;
                }
                r += 16;
            }
            size_t stop = in->n - r > 16 ? r + 1 : in->n;
#else
            /* eight bytes at a time, up to the first that is not plain */
            while (r + 8 <= in->n) {
                size_t k = plain_bytes(in->s + r);
                r += k;
                if (k < 8)
                    break;
            }
            size_t stop = in->n - r > 8 ? r + 1 : in->n;
#endif
            /* then one character by the rules below (a letter cut by the
               block's end, or the end of the run), the last few bytes all */
            while (r < stop) {
                unsigned char u = (unsigned char)in->s[r];
                if (u >= 0x20 && u < 0x80)
                    r++;
                else if (u == '\n')
                    r++;
                else if (u == 0xC3 && r + 1 < in->n && ((unsigned char)in->s[r + 1] & 0xC0) == 0x80)
                    r += 2;
                else {
                    stopped = 1;
                    break;
                }
            }
        }
        if (r > i) {
            if (own) {
                /* the bytes, and the input's runs from i (a character's
                   start) to r */
                memcpy(b->s + b->n, in->s + i, r - i);
                pk_map_run(a, &b->m, b->s, b->n, map_start(in->runs, in->nruns, &ki, i));
                for (; ki + 1 < in->nruns && in->runs[ki + 1].at < r; ki++)
                    pk_map_run(a, &b->m, b->s, b->n + (in->runs[ki + 1].at - i), in->runs[ki + 1].orig);
            }
            b->n += r - i;
            /* the last starter: the last byte, or the lead of a letter */
            base = ((unsigned char)in->s[r - 1] & 0xC0) == 0x80 ? b->n - 2 : b->n - 1;
            i = r;
            continue;
        }
        unsigned char ch = (unsigned char)in->s[i];
        size_t at = map_start(in->runs, in->nruns, &ki, i);
        if (!own) {
            /* the character is written as it stands (a starter, its bytes
               all mapped to its first), or the copy begins here */
            size_t k = 0;
            if (ch < 0x80) {
                k = ch != '\r' && ch != '\t';
            } else {
                utf8proc_int32_t cp;
                utf8proc_ssize_t w =
                    utf8proc_iterate((const utf8proc_uint8_t *)in->s + i, (utf8proc_ssize_t)(in->n - i), &cp);
                if (w > 0 && keeps(cp)) {
                    k = (size_t)w;
                    for (size_t j = 1; j < k; j++)
                        if (map_near(in->runs, in->nruns, &ki, in->s, i + j) != at)
                            k = 0;
                }
            }
            if (k) {
                base = b->n;
                b->n += k;
                i += k;
                continue;
            }
            /* no step below writes more bytes than it reads (a ligature or
               a bullet is as long as the character it replaces, NFC never
               longer); room for the cleaned text's sixteen zero bytes */
            b->s = pk_arena_alloc(a, in->n + 16);
            memcpy(b->s, in->s, b->n);
            /* the input's runs up to here (the same bytes), then the copy's */
            b->m.cap = in->nruns + 16;
            b->m.r = pk_arena_alloc(a, b->m.cap * sizeof *b->m.r);
            while (b->m.n < in->nruns && in->runs[b->m.n].at < b->n) {
                b->m.r[b->m.n] = in->runs[b->m.n];
                b->m.n++;
            }
            own = 1;
        }
        if (ch < 0x80) {
            if (ch == '\r') {
                base = (size_t)-1; /* a line break composes with nothing */
                put(b, '\n', at);
                i += (i + 1 < in->n && in->s[i + 1] == '\n') ? 2 : 1;
                continue;
            }
            base = b->n;
            put(b, ch == '\t' ? ' ' : (char)ch, at);
            i++;
            continue;
        }
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)in->s + i, (utf8proc_ssize_t)(in->n - i), &cp);
        if (k <= 0) { /* cannot happen after decoding; be safe */
            i++;
            continue;
        }
        i += (size_t)k;
        const char *lig;
        switch (cp_rule_of(cp)) {
        case CP_SOFT_HYPHEN: {
            /* a soft hyphen at a line end marks a word broken there: it
               becomes a line-break hyphen, which the line pass joins */
            size_t j = i;
            while (j < in->n && in->s[j] == ' ')
                j++;
            if (j < in->n && (in->s[j] == '\n' || in->s[j] == '\r'))
                put(b, '-', at);
            break;
        }
        case CP_DROP:
            break;
        case CP_SPACE:
            base = b->n;
            put(b, ' ', at);
            break;
        case CP_HYPHEN:
            base = b->n;
            put(b, '-', at);
            break;
        case CP_BREAK:
            put(b, '\n', at);
            base = (size_t)-1; /* a line break composes with nothing */
            break;
        case CP_LIGATURE:
            base = b->n;
            for (lig = ligature(cp); *lig; lig++)
                put(b, *lig, at);
            break;
        case CP_BULLET:
            base = b->n;
            put_cp(b, 0x2022, at);
            break;
        default: {
            const utf8proc_property_t *p = utf8proc_get_property(cp);
            int combining = p->combining_class != 0;
            if (!combining)
                base = b->n;
            put_cp(b, cp, at);
            /* a real combining sequence is short (Unicode's stream-safe
               form allows 30 marks); a longer run is left as it stands so
               that a flood of marks costs linear time */
            if (combining && base != (size_t)-1 && b->n - base <= 96)
                compose_tail(a, b, base);
        }
        }
    }
    /* (the input's text ends with a zero byte too) */
    if (own) {
        b->s[b->n] = 0;
        b->runs = b->m.r;
        b->nruns = b->m.n;
    }
}

/* ---- pass 2: lines ---- */

enum { L_EMPTY, L_SPACE, L_TEXT, L_GONE };

/* The lines between two text lines that the output keeps (a record's
   gap): an empty line, a line of spaces. */
enum { GAP_EMPTY = 1, GAP_SPACE = 2 };

/* A text line's record: the lines that go (page furniture, headers
   repeated) and the blank ones take none, the blank ones told by the gap
   of the text line after them. (Offsets in 32 bits, as the map's: 20
   bytes a line, where a text of short lines, "Sida 1 (2)\n\f" over and
   over, has one every six bytes) */
typedef struct rline {
    uint32_t s, e;   /* raw bounds in pass-1 text */
    uint32_t ts, te; /* trimmed bounds */
    unsigned char gap; /* the lines since the text line before (GAP_*) */
} rline;

/* The first byte of s[i..e) that is no space (e when none): sixty-four
   at a time where the text's room allows (a line that opens with spaces
   most often opens with a column's worth, more than sixteen: a loop of
   sixteen went round as often as not), then sixteen, reading past e into
   the text's room. */
static inline size_t skip_spaces(const buf *b, size_t i, size_t e)
{
#if defined(__SSE2__)
    const __m128i sp = _mm_set1_epi8(' ');
    for (; i < e && i + 64 <= b->n + 16; i += 64) {
        uint64_t other = ~eq64(b->s + i, sp);
        if (other) {
            i += (size_t)__builtin_ctzll(other);
            return i < e ? i : e;
        }
    }
    for (; i < e; i += 16) {
        unsigned other = ~(unsigned)_mm_movemask_epi8(
            _mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)(const void *)(b->s + i)), _mm_set1_epi8(' ')));
        if (other & 0xFFFFu) {
            i += (size_t)__builtin_ctz(other);
            break;
        }
    }
    return i < e ? i : e;
#else
    while (i < e && b->s[i] == ' ')
        i++;
    return i;
#endif
}

#if !defined(__SSE2__)
/* How many bytes of s[0..n) are not spaces, eight at a time: a bound from
   below on the length of the line with its runs of spaces made one. */
static size_t count_nonspace(const char *s, size_t n)
{
    const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u, low7 = 0x7F7F7F7F7F7F7F7Fu;
    size_t c = 0, j = 0;
    for (; j + 8 <= n; j += 8) {
        uint64_t x;
        memcpy(&x, s + j, 8);
        x ^= 0x20 * ones; /* a space becomes a zero byte */
        uint64_t nz = (((x & low7) + low7) | x) & high; /* the high bit of each byte not zero */
        c += (size_t)(((nz >> 7) * ones) >> 56);
    }
    for (; j < n; j++)
        c += s[j] != ' ';
    return c;
}
#endif

/* The byte s[0], ASCII capitals lowered. */
static inline unsigned char first_lowered(const char *s)
{
    unsigned char first = (unsigned char)s[0];
    return first >= 'A' && first <= 'Z' ? (unsigned char)(first + 32) : first;
}

/* What a line's first byte tells (line_first[]): it may open page
   furniture (is_furniture()): a digit (a page number, "N Sida N"), "Sida",
   "Din position:", a line that opens "justerandes", or a row of
   furniture_lines.txt (its first byte lowered: ASCII capitals only, no
   space before it to drop); it may open a word of suspended_next
   (next_word_is_conj()). Most lines begin with none of them. Made once per
   process, from the rows. */
enum { FIRST_FURNITURE = 1, FIRST_CONJ = 2 };
static unsigned char line_first[256];
/* For a line's first byte: the lengths of the rows of furniture_lines.txt
   that begin with it lowered (pk_furniture_line_first[]) and those of a
   line that opens "justerandes" (11 to 49 bytes), and the bytes of a line
   is_furniture() may read for either (up to the longest such line and one
   more; none where none begins so) */
static uint64_t furniture_lengths[256], furniture_reach[256];
/* For a line's first byte: the longest line is_furniture() compares with a
   row or "justerandes" (the highest length of the row filter's entry for
   the byte lowered, 49 for a "j"; 0 where none begins so) */
static unsigned char furniture_most[256];
static pthread_once_t line_first_once = PTHREAD_ONCE_INIT;
static int line_first_ready;

static void make_line_first(void)
{
    for (unsigned c = 0; c < 256; c++) {
        char ch = (char)c;
        unsigned char first = first_lowered(&ch);
        if (pk_furniture_line_first[first] || (first >= '0' && first <= '9') || first == 's' || first == 'j' ||
            c == 'D')
            line_first[c] |= FIRST_FURNITURE;
        uint64_t lengths = pk_furniture_line_first[first];
        unsigned most = lengths ? (unsigned)(63 - __builtin_clzll(lengths)) : 0;
        if (first == 'j' && most < 49)
            most = 49;
        furniture_most[c] = (unsigned char)most;
        /* (and 11 to 49 bytes for a line that opens "justerandes") */
        furniture_lengths[c] = lengths | (first == 'j' ? (((uint64_t)1 << 50) - 1) & ~(((uint64_t)1 << 11) - 1) : 0);
        /* (the bytes is_furniture() reads for two spaces together: the
           first most + 1 at most, a bit each) */
        furniture_reach[c] = most ? ((uint64_t)2 << most) - 1 : 0;
    }
    for (size_t k = 0; k < pk_n_suspended_next; k++)
        for (unsigned c = 0; c < 256; c++) /* (an empty row: any byte) */
            if (c == (unsigned char)pk_suspended_next[k][0] || !pk_suspended_next[k][0])
                line_first[c] |= FIRST_CONJ;
}

/* The line s[0..n) (n > 0) may be page furniture, by its first byte: one
   look in the pass over the lines; the tests after it out of line. */
static inline int may_be_furniture(const char *s)
{
    return line_first[(unsigned char)s[0]] & FIRST_FURNITURE;
}

/* Two spaces stand together among s[0..n). The sixteen bytes after s[n]
   may be read. */
static int two_spaces(const char *s, size_t n)
{
#if defined(__SSE2__)
    unsigned carry = 0; /* the last byte of the sixteen before was a space */
    for (size_t j = 0; j < n; j += 16) {
        unsigned space = (unsigned)_mm_movemask_epi8(
            _mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)(const void *)(s + j)), _mm_set1_epi8(' ')));
        if (n - j < 16)
            space &= (1u << (n - j)) - 1;
        if (space & ((space << 1) | carry))
            return 1;
        carry = space >> 15;
    }
    return 0;
#else
    for (size_t j = 1; j < n; j++)
        if (s[j] == ' ' && s[j - 1] == ' ')
            return 1;
    return 0;
#endif
}

/* The line s[0..n) of is_furniture(), no longer than most once lowered
   maybe, lowered: a row of furniture_lines.txt, or a line that opens
   "justerandes". Out of line: the room for the lowered line is taken only
   for the few lines that come this far. */
#if defined(__GNUC__)
__attribute__((noinline))
#endif
static int is_furniture_row(const char *s, size_t n, size_t most)
{
    char low[256];
    if (n < sizeof low) {
#if defined(__SSE2__)
        /* sixteen bytes at a time, lowered at once; a space after a space
           is dropped (columns flattened with many spaces: the byte before
           it, kept or dropped, was a space, and so is the last one kept).
           The bytes past n are read (the text has room), never kept. */
        size_t o = 0;
        unsigned carry = 0; /* the last byte of the sixteen before was a space */
        for (size_t j = 0; j < n; j += 16) {
            __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(s + j));
            size_t k = n - j < 16 ? n - j : 16;
            unsigned valid = (1u << k) - 1;
            unsigned space = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(x, _mm_set1_epi8(' '))) & valid;
            unsigned drop = space & ((space << 1) | carry);
            carry = space >> 15;
            /* signed bytes: the high ones are no letters A..Z */
            __m128i up = _mm_and_si128(_mm_cmpgt_epi8(x, _mm_set1_epi8('A' - 1)), _mm_cmplt_epi8(x, _mm_set1_epi8('Z' + 1)));
            x = _mm_or_si128(x, _mm_and_si128(up, _mm_set1_epi8(0x20)));
            if (!drop) {
                _mm_storeu_si128((__m128i *)(void *)(low + o), x);
                o += k;
            } else {
                /* each run of the bytes kept (a word, a space: a few) at
                   once, sixteen bytes stored from its first, those past it
                   written over by the next (o at most most + 15 at a
                   store: far from the room's end) */
                char t[32];
                _mm_storeu_si128((__m128i *)(void *)t, x);
                _mm_storeu_si128((__m128i *)(void *)(t + 16), _mm_setzero_si128());
                for (unsigned keep = valid & ~drop; keep;) {
                    unsigned first = (unsigned)__builtin_ctz(keep);
                    unsigned run = (unsigned)__builtin_ctz(~(keep >> first));
                    _mm_storeu_si128((__m128i *)(void *)(low + o),
                                     _mm_loadu_si128((const __m128i *)(const void *)(t + first)));
                    o += run;
                    keep &= ~((1u << (first + run)) - 1);
                }
            }
            if (o > most)
                return 0; /* longer than any furniture line below */
        }
#else
        /* the line below would pass most bytes: skip the copy */
        if (n > most && count_nonspace(s, n) > most)
            return 0;
        size_t o = 0;
        const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u, low7 = 0x7F7F7F7F7F7F7F7Fu;
        for (size_t j = 0; j < n;) {
            if (n - j >= 8 && !(s[j] == ' ' && o && low[o - 1] == ' ')) {
                /* eight bytes with no two spaces together, lowered at once
                   (each test exact for each byte, whatever the others) */
                uint64_t x;
                memcpy(&x, s + j, 8);
                uint64_t x7 = x & low7, sp = x7 ^ (0x20 * ones);
                uint64_t space = ~((sp + low7) | sp | x) & high;
                if (!(space & (space << 8))) {
                    x |= ((x7 + (0x80 - 'A') * ones) & ~(x7 + (0x7F - 'Z') * ones) & ~x & high) >> 2;
                    memcpy(low + o, &x, 8);
                    o += 8;
                    j += 8;
                    if (o > most)
                        return 0; /* longer than any furniture line below */
                    continue;
                }
            }
            for (size_t e = n - j > 8 ? j + 8 : n; j < e; j++) {
                if (s[j] == ' ' && o && low[o - 1] == ' ')
                    continue; /* columns flattened with many spaces */
                low[o++] = (s[j] >= 'A' && s[j] <= 'Z') ? (char)(s[j] + 32) : s[j];
                if (o > most)
                    return 0; /* longer than any furniture line below */
            }
        }
#endif
        low[o] = 0;
        n = o;
        if (n >= 11 && memcmp(low, "justerandes", 11) == 0 && n < 50 && !memchr(low, ':', n))
            return 1;
        if (pk_is_furniture_line(low, n))
            return 1; /* a caption of the signatures (furniture_lines.txt) */
    }
    return 0;
}

/* The eight bytes at s as a word, as the text's are read below (the
   same order in memory: no byte order assumed). */
static inline uint64_t word8(const char *s)
{
    uint64_t w;
    memcpy(&w, s, 8);
    return w;
}

/* The line s[0..n) (n > 0), of those may_be_furniture() lets by, may be
   page furniture: a necessary condition of each form is_furniture()
   takes, computed with no branch (a digit and no more than three bytes;
   "Sida " or "sida " after the digits and spaces that open the line;
   "Din posi"; a row's first byte, and a row's length (or 11 to 49 bytes
   after a "j") or two spaces together among the bytes is_furniture()
   compares), so that the many lines that pass
   the test of their first byte (a text line that opens with "s", "o",
   "u", "j", "D" or a digit) are told with one branch, where
   is_furniture()'s tests took several, each as the lines come. room: the
   bytes that may be read from s (the line, the text after it and its
   room); with fewer than sixty-four (the last lines of a text) and where
   SSE2 is not, is_furniture() tells. */
#if defined(__GNUC__)
__attribute__((noinline)) /* (registers of its own: none of the line loop's kept in memory) */
#endif
static int furniture_candidate(const char *s, size_t n, size_t room)
{
#if defined(__SSE2__)
    if (room < 64)
        return 1;
    const unsigned char c = (unsigned char)s[0];
    const __m128i space = _mm_set1_epi8(' ');
    __m128i x0 = _mm_loadu_si128((const __m128i *)(const void *)s);
    /* the spaces among the sixty-four bytes from s, and the digits among
       the sixteen (signed bytes: the high ones are no digits) */
    uint64_t sp = eq64(s, space);
    unsigned digits = (unsigned)_mm_movemask_epi8(
        _mm_and_si128(_mm_cmpgt_epi8(x0, _mm_set1_epi8('0' - 1)), _mm_cmplt_epi8(x0, _mm_set1_epi8('9' + 1))));
    /* "Sida" after the digits and the spaces that open the line: its
       first byte the first that is neither (past the first sixteen
       bytes: told by is_furniture()) */
    unsigned d = (unsigned)__builtin_ctz(~digits);
    /* (bit 63 set too: sixty-four spaces from d read as far, as any
       first byte past the sixteenth does, and ctz is never asked of 0) */
    unsigned i = (unsigned)__builtin_ctzll((~sp & (~(uint64_t)0 << d)) | (uint64_t)1 << 63);
    int far = i >= 16;
    i &= 0u - (unsigned)!far; /* (masks: no branch) */
    const uint64_t low5 = word8("\xff\xff\xff\xff\xff\0\0\0"), fold1 = word8("\x20\0\0\0\0\0\0\0");
    int sida = ((word8(s + i) | fold1) & low5) == word8("sida \0\0");
    int lone = (digits & 1) & (n <= 3);
    int din = word8(s) == word8("Din posi");
    /* a row, or "justerandes": two spaces together among the bytes
       is_furniture() reads for them (the first most + 1 at most, at most
       50; the line's bytes and those after a shorter one: a condition a
       little wider, no worse), or a row's length (a line of 64 bytes or
       more, as one of n % 64) */
    uint64_t dbl = sp & (sp << 1) & furniture_reach[c];
    int row = (dbl != 0) | (int)(furniture_lengths[c] >> (n & 63) & 1);
    return far | sida | lone | din | row;
#else
    (void)s;
    (void)n;
    (void)room;
    return 1;
#endif
}

/* Page furniture: a line that only repeats the page's frame, of those
   may_be_furniture() lets by. The sixteen bytes after s[n] may be read
   (a line of pass 2's text, which has room for sixteen bytes past its
   end). */
static int is_furniture(const char *s, size_t n)
{
    if (n == 0)
        return 0;
    unsigned char first = first_lowered(s);
    /* lone page number */
    size_t d = 0;
    while (d < n && s[d] >= '0' && s[d] <= '9')
        d++;
    if (d == n && n <= 3)
        return 1;
    /* [N] Sida N [(M)] | Sida N av M */
    size_t i = d;
    while (i < n && s[i] == ' ')
        i++;
    if (n - i >= 5 && (s[i] == 'S' || s[i] == 's') && memcmp(s + i + 1, "ida ", 4) == 0) {
        size_t j = i + 5, k;
        while (j < n && s[j] == ' ')
            j++;
        k = j;
        while (j < n && s[j] >= '0' && s[j] <= '9')
            j++;
        if (j > k) {
            while (j < n && (s[j] == ' ' || s[j] == '(' || s[j] == ')' || (s[j] >= '0' && s[j] <= '9') || s[j] == 'a' || s[j] == 'v'))
                j++;
            if (j == n)
                return 1;
        }
    }
    if (n >= 14 && s[0] == 'D' && memcmp(s, "Din position:", 13) == 0)
        return 1;
    /* what is left: a line that opens "justerandes" (below), at most 49
       bytes, or a row of furniture_lines.txt: a line whose first byte,
       lowered (the lowered line's first: no space before it to drop), is
       the first of a row, and no longer than the longest row */
    if (first != 'j' && !pk_furniture_line_first[first])
        return 0;
    /* no longer than the longest row that begins with the line's first
       byte (the highest length of its filter), or 49 for "justerandes" */
    uint64_t lengths = pk_furniture_line_first[first];
    size_t most = furniture_most[first];
    /* a line longer than that keeps its first most + 1 bytes when no two
       spaces stand together among them: longer than any row (most lines
       that begin as a row does) */
    if (n > most && !two_spaces(s, most + 1))
        return 0;
    /* a line with no two spaces together is compared as it stands,
       lowered: its length is a row's (the filter's bits), or it opens
       "justerandes" (its bytes after the first, ORed with 0x20: a lowered
       byte keeps that bit) in fewer than 50 bytes */
    if (n <= most && !two_spaces(s, n) && !(lengths >> n & 1)) {
        uint64_t w, u;
        memcpy(&w, s + 1, 8); /* (n > 0: the text has room past it) */
        memcpy(&u, "usterand", 8);
        if (!(first == 'j' && n >= 11 && n < 50 && (w | 0x2020202020202020u) == u))
            return 0;
    }
    return is_furniture_row(s, n, most);
}

/* The line s[0..n) opens with a word after which a hyphen at the end of
   the line before opens a suspended compound (conjunction_words.tsv:
   suspended_next). */
#if defined(__GNUC__)
__attribute__((noinline)) /* seldom asked: out of the line loop */
#endif
static int next_word_is_conj(const char *s, size_t n)
{
    if (n == 0 || !(line_first[(unsigned char)s[0]] & FIRST_CONJ))
        return 0; /* most lines, by their first byte */
    for (size_t k = 0; k < pk_n_suspended_next; k++) {
        const char *w = pk_suspended_next[k];
        if (w[0] != s[0] && w[0])
            continue; /* most rows, by their first byte: no call */
        size_t m = strlen(w);
        if (n >= m && memcmp(s, w, m) == 0 && (n == m || s[m] == ' ' || s[m] == ','))
            return 1;
    }
    return 0;
}

/* The text lines at the tops of the pages: the first page's first
   sixteen that are no furniture (each its start and length: most lines of
   the later pages' tops differ by length), and whether a later page has
   begun. */
typedef struct tops {
    const char *text[16];
    size_t len[16], n;
    uint64_t lens; /* bit len % 64 of each line kept */
    int later;
} tops;

/* The type of the text line t[0..n) (no furniture) at a later page's
   top: it goes when it repeats a line kept (a header). */
#if defined(__GNUC__)
__attribute__((noinline)) /* a few lines a page: out of the line loop */
#endif
static unsigned char top_line(const tops *tp, const char *t, size_t n)
{
    for (size_t k = 0; k < tp->n; k++)
        if (tp->len[k] == n && memcmp(tp->text[k], t, n) == 0)
            return L_GONE;
    return L_TEXT;
}

#if defined(__SSE2__)
/* The line and page breaks of a text in order, their offsets written out
   from the bits of its blocks of sixty-four bytes (each block three steps
   with no test, so that the pass over the lines takes the next with no
   branch to mispredict), b->n after the last. */
typedef struct breaks {
    const uint32_t *at;
} breaks;

/* The offsets of the breaks w of the block of sixty-four bytes from base
   written at c, and c moved past them: three written, each kept (c moved
   on) only when it is one (a block of a text of lines holds a break or
   two; written out: no count of the steps), the others one by one. Room
   for the block's breaks and three more. */
static inline size_t flatten_block(uint32_t *at, size_t c, uint64_t w, uint32_t base)
{
    const uint64_t top = (uint64_t)1 << 63; /* (no change to a lowest bit; a block with none: 63, not kept) */
    at[c] = base + (uint32_t)__builtin_ctzll(w | top);
    c += w != 0;
    w &= w - 1;
    at[c] = base + (uint32_t)__builtin_ctzll(w | top);
    c += w != 0;
    w &= w - 1;
    at[c] = base + (uint32_t)__builtin_ctzll(w | top);
    c += w != 0;
    w &= w - 1;
    for (; w; w &= w - 1)
        at[c++] = base + (uint32_t)__builtin_ctzll(w);
    return c;
}

/* The offsets of the breaks of the blocks bits[0..nblocks) (the last
   block's bytes past the end not among them), then end: nb breaks, room
   for nb + 4. */
static void breaks_flatten(uint32_t *at, const uint64_t *bits, size_t nblocks, size_t end)
{
    size_t c = 0;
    for (size_t k = 0; k < nblocks; k++)
        c = flatten_block(at, c, bits[k], (uint32_t)(k * 64));
    at[c] = (uint32_t)end;
}
#else
typedef struct breaks {
    int none; /* (the breaks are found as the lines are read) */
} breaks;

/* The next line or page break at or after i (b->n when none): eight
   bytes at a time, inline (a line is too short for a call to pay). */
static size_t next_break(const buf *b, size_t i)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u, low7 = 0x7F7F7F7F7F7F7F7Fu;
    for (; i + 8 <= b->n; i += 8) {
        uint64_t x, t, u;
        memcpy(&x, b->s + i, 8);
        t = x ^ ('\n' * ones);
        u = x ^ ('\f' * ones);
        uint64_t hit = (~(((t & low7) + low7) | t) | ~(((u & low7) + low7) | u)) & high;
        if (hit)
            return i + (size_t)__builtin_ctzll(hit) / 8;
    }
#endif
    for (; i < b->n; i++)
        if (b->s[i] == '\n' || b->s[i] == '\f')
            return i;
    return b->n;
}
#endif

/* The n bytes at from moved back to o (o <= from), and their map, v the
   input offset of the first (a character's start, taken before the move),
   *k the run of b's that holds it. */
static inline void move_line(arena *a, const buf *b, pk_map_out *m, size_t *k, size_t o, size_t from, size_t n,
                             size_t v)
{
    if (o != from)
        memmove(b->s + o, b->s + from, n);
    pk_map_char(a, m, o, v);
    for (size_t i = *k + 1; i < b->nruns && b->runs[i].at < from + n; i++)
        pk_map_run(a, m, b->s, o + (b->runs[i].at - from), b->runs[i].orig);
}

/* The records of the text lines of b (L: room for one a line), their
   breaks from it: how many; *blank the gaps (GAP_*) that make a blank
   line in the output. */
#if defined(__GNUC__)
__attribute__((noinline)) /* (a function of its own: fewer values live at once) */
#endif
static size_t line_records(const buf *b, rline *L, breaks *it, unsigned *blank)
{
#if defined(__SSE2__)
    const uint32_t *at = it->at;
#else
    (void)it;
#endif
    const char *text = b->s; /* (not read again after each record written) */
    size_t len = b->n;
    /* one pass over the lines: their bounds, trimmed, their type, and the
       page furniture and the header lines repeated at the top of later
       pages (only text lines, which the double spacing below leaves as
       they are; it is counted on the types before the furniture goes);
       a record for each text line kept, with the blank lines before it
       (gap), written through a pointer; the text lines counted as the
       records and those that go (gone: a few a page), no count at each */
    rline *l = L;
    size_t s = 0, gone = 0, text_then_empty = 0;
    int page = 0, last_text = 0;
    unsigned char gap = 0;
    pk_once(&line_first_once, &line_first_ready, make_line_first);
    /* the lines at a page's top: the first page's first text lines (kept),
       then the first six text lines of each later page (compared with
       those); top counts down the lines left to keep or compare, so that
       a line below the top costs one test */
    tops tp;
    tp.n = 0;
    tp.lens = 0;
    tp.later = 0;
    size_t top = 16;
#if defined(__SSE2__)
    for (size_t i = *at;; i = *++at) {
#else
    for (size_t i = next_break(b, 0);; i = next_break(b, i + 1)) {
#endif
        if (page) {
            tp.later = 1;
            top = 6;
        }
        /* (the text has a zero byte at b->n) */
        page = text[i] == '\f';
        if (i == s) {
            /* the empty line that closes a page is no paragraph break */
            gap |= (unsigned char)!page;
            text_then_empty += (size_t)(last_text && !page);
            last_text = 0;
        } else {
            /* trimmed of spaces (a line holds no break, '\n' or '\f'); most
               lines open with no space, told by their first byte */
            size_t ts = s, te = i;
            if (text[s] == ' ')
                ts = skip_spaces(b, s, i);
            if (ts == te) {
                gap |= GAP_SPACE;
                last_text = 0;
            } else {
                /* (text[ts] is no space: the trim stops after it) */
                while (text[te - 1] == ' ')
                    te--;
                /* (the last line's own count is taken back below) */
                int kept = 1;
                last_text = 1;
                const char *t = text + ts;
                size_t tn = te - ts;
                /* the record written before the tests below, in the next
                   slot (free for the next line where this one goes): no
                   bounds kept across them */
                l->s = (uint32_t)s;
                l->e = (uint32_t)i;
                l->ts = (uint32_t)ts;
                l->te = (uint32_t)te;
                l->gap = gap;
                if (may_be_furniture(t) && furniture_candidate(t, tn, len + 16 - ts) && is_furniture(t, tn)) {
                    kept = 0;
                    top -= top && tp.later; /* (counted on a later page) */
                } else if (top) {
                    /* (a later page's top: the lines kept may go) */
                    if (tp.later && tp.lens >> (tn % 64) & 1)
                        kept = top_line(&tp, t, tn) == L_TEXT;
                    else if (!tp.later) {
                        tp.text[tp.n] = t;
                        tp.len[tp.n++] = tn;
                        tp.lens |= (uint64_t)1 << (tn % 64);
                    }
                    top--;
                }
                if (kept) {
                    l++;
                    gap = 0;
                } else {
                    gone++;
                }
            }
        }
        s = i + 1;
        if (i >= len)
            break;
    }
    size_t n = (size_t)(l - L), ntext = n + gone - (size_t)last_text;
    /* double spacing: pdftotext wrote an empty line after every line; the
       paragraph breaks are then the lines that remain blank. Each empty
       line after one that is not (or that went so) goes, and so all after
       the first text line: only the lines of spaces remain blank */
    *blank = ntext >= 6 && text_then_empty * 10 > ntext * 6 ? GAP_SPACE : GAP_EMPTY | GAP_SPACE;
    return n;
}

/* The text line L[i] of n records, [from, to) and its hyphen at to - 1,
   joined with the next text line when a word is broken there (no blank
   line between: no gap of blank's): its bytes
   moved to o, and the hyphen taken out, kept ("Covid-\n19", a capital on
   either side) or made a space before a word of suspended_next ("Stöd-
   och ..."); the output's end, or (size_t)-1 when the line is no broken
   word's. Out of the line loop: a line or two a page. */
#if defined(__GNUC__)
__attribute__((noinline))
#endif
static size_t join_broken(arena *a, const buf *b, const rline *L, size_t n, size_t i, unsigned blank, pk_map_out *m,
                          size_t *k, size_t o, size_t from, size_t to)
{
    size_t j = i + 1;
    if (!(j < n && !(L[j].gap & blank) && pk_is_letter_at(b->s + L[j].ts, L[j].te - L[j].ts)))
        return (size_t)-1;
    size_t h = to - 1, p = h;
    while (p > from && ((unsigned char)b->s[p - 1] & 0xC0) == 0x80)
        p--;
    if (p > from) {
        p--;
        while (p > from && ((unsigned char)b->s[p] & 0xC0) == 0x80)
            p--;
    }
    const char *nx = b->s + L[j].ts;
    size_t nxn = L[j].te - L[j].ts;
    if (!(pk_is_letter_at(b->s + p, h - p) || (b->s[p] >= '0' && b->s[p] <= '9')))
        return (size_t)-1;
    /* decided before the line moves over its own bytes */
    int conj = next_word_is_conj(nx, nxn);
    int keep = pk_is_upper_at(b->s + p, h - p) || pk_is_upper_at(nx, nxn) || (b->s[p] >= '0' && b->s[p] <= '9');
    size_t hat = map_start(b->runs, b->nruns, k, h);
    size_t v = map_start(b->runs, b->nruns, k, from);
    move_line(a, b, m, k, o, from, to - from, v);
    o += to - from;
    if (conj) {
        b->s[o] = ' '; /* suspended compound: "Stöd- och ..." */
        pk_map_char(a, m, o++, hat);
    } else if (!keep) {
        o--; /* "omsorgs-\nboende": the hyphen goes */
        pk_map_cut(m, o);
    }
    return o;
}

/* The text of the n records L of b's text lines (nl lines read) written
   where they stand, a blank line between two where a gap of blank's
   stands, with its map and its line ends: the cleaned text out; end: the
   input's length. */
#if defined(__GNUC__)
__attribute__((noinline)) /* (a function of its own: fewer values live at once) */
#endif
static void emit_lines(arena *a, const buf *pb, const rline *L, size_t n, unsigned blank, size_t nl, pk_text *out,
                       size_t end)
{
    /* (a copy of its own, which no byte written can change: its text, runs
       and length not read again after each) */
    const buf bc = *pb, *b = &bc;
    /* emit, where the lines stand: the output never runs ahead of what is
       read (o <= from: a line's bytes and its break, or the blank line's
       own break, make room for each byte written), so a line is moved only
       behind it, and a line that has not moved (o == from) is not copied */
    out->s = b->s;
    pk_map_out m = {0};
    /* room for the runs the text lines open (three at most a line: its
       start, the break before it and a blank line's; a word joined across
       two lines five for both), b's own and the end's, so that the map
       never grows (each doubling in the arena a copy, the smaller kept) */
    m.cap = 3 * n + b->nruns + 16;
    m.r = pk_arena_alloc(a, m.cap * sizeof *m.r);
    size_t k = 0; /* b's run at the last byte asked */
    size_t o = 0;
    /* the output's line ends, as its line breaks are written or moved (no
       more than the lines read: each break written is one read, or the
       blank line's after one read) */
    uint32_t *ends = pk_arena_alloc(a, (nl + 1) * sizeof *ends), *ep = ends;
    /* the break of the text line written last, where a line separator is
       owed before the next ((size_t)-1: none, before the first and after a
       line joined with the next); the records walked by a pointer, the
       line ends written through one (no index nor count read again from
       memory at each line) */
    size_t sep = (size_t)-1;
    const rline *l = L, *last = L + n;
    /* (most texts: one run, nothing dropped or replaced in the input; its
       shift taken once, not read again after each byte written) */
    const int one = b->nruns == 1;
    const size_t d0 = (size_t)b->runs[0].orig - b->runs[0].at;
    for (; l < last; l++) {
        size_t from = l->ts;
        if (sep != (size_t)-1) {
            /* line separator, or a blank line */
            size_t at = sep < b->n ? (one ? sep + d0 : map_start(b->runs, b->nruns, &k, sep))
                                   : map_near(b->runs, b->nruns, &k, b->s, b->n - 1);
            *ep++ = (uint32_t)o;
            b->s[o] = '\n';
            pk_map_char(a, &m, o++, at);
            if (l->gap & blank) {
                /* (a run of its own: the one before maps this byte to
                   at + 1) */
                *ep++ = (uint32_t)o;
                b->s[o] = '\n';
                pk_map_open(a, &m, o++, at);
            }
        }
        size_t to = l->te;
        /* a word broken at the line end, continued on the next text line */
        if (to - from >= 2 && b->s[to - 1] == '-') {
            size_t jo = join_broken(a, pb, L, n, (size_t)(l - L), blank, &m, &k, o, from, to);
            if (jo != (size_t)-1) {
                o = jo;
                sep = (size_t)-1;
                continue;
            }
        }
        /* the text lines after it that follow as they stand (each after a
           line break with no space on either side, and with no hyphen at
           its end to join) move with it in one piece: their breaks and
           their map are the text's own, as the steps above would write
           them one line at a time */
        /* (the next text line's trimmed start just after this one's
           trimmed end: no space at the end of this one, none at the start
           of the next, no line between; the byte between a line break) */
        while (l + 1 < last && l[1].ts == to + 1 && b->s[to] == '\n' &&
               !(l[1].te - l[1].ts >= 2 && b->s[l[1].te - 1] == '-')) {
            *ep++ = (uint32_t)(o + (to - from));
            l++;
            to = l->te;
        }
        move_line(a, b, &m, &k, o, from, to - from, one ? from + d0 : map_start(b->runs, b->nruns, &k, from));
        o += to - from;
        sep = l->e;
    }
    /* zeroed: the JIT-compiled patterns may read a few bytes past the end
       (the text has room for sixteen bytes after b->n) */
    memset(b->s + o, 0, b->n + 16 - o);
    out->n = o;
    *ep++ = (uint32_t)o;
    out->line_ends = ends;
    out->nlines = (size_t)(ep - ends);
    pk_map_put(a, &m, b->s, o, end);
    out->runs = m.r;
    out->nruns = m.n;
    out->base = 0;
    /* the lines, once: the whole's and each part's are taken from them */
    segs g;
    out->lines = NULL;
    pk_segment(a, out, &g);
    out->lines = g.lines;
}

/* Pass 2, in pass 1's text where it stands (the map written anew: a line
   moved or trimmed starts a run of its own); end: the input's length. */
static void pass_lines(arena *a, const buf *b, pk_text *out, size_t end)
{
    /* the breaks counted before the lines take room, so that they take
       the room they need and no more: room grown by doubling in the arena
       keeps every smaller copy, up to four times the lines' size (a text
       of short lines: "a-\n" x 300,000 took 34 MB instead of 9) */
    size_t nl = 1;
#if defined(__SSE2__)
    /* the breaks are the bytes below 0x20: pk_decode drops every control
       byte but tabs, line and page breaks and carriage returns, and pass
       1 makes the tabs spaces and the carriage returns line breaks. A
       block of sixteen as all ones a break (the bytes no greater than
       their minimum with 0x1F), or sixty-four as bits: the bytes whose
       high bit a saturated 0x60 more leaves clear, one step each */
    const __m128i below = _mm_set1_epi8(0x1F), up = _mm_set1_epi8(0x60);
#define BREAKS16(x) _mm_cmpeq_epi8(_mm_min_epu8((x), below), (x))
#define BREAKS64(p)                                                                                                    \
    ~bits64(_mm_adds_epu8(_mm_loadu_si128((p)), up), _mm_adds_epu8(_mm_loadu_si128((p) + 1), up),                     \
            _mm_adds_epu8(_mm_loadu_si128((p) + 2), up), _mm_adds_epu8(_mm_loadu_si128((p) + 3), up))
    /* the breaks written out as they are found, sixty-four bytes at a
       time, in room for four a block on the whole (a text of lines of
       sixteen bytes and more, most texts) and a block's more; a text of
       shorter lines counts them first, below */
    size_t cap = b->n / 16 + 68, c = 0, q = 0;
    uint32_t *at = pk_arena_alloc(a, cap * sizeof *at);
    /* (the bounds taken once: the blocks whole below the end, the room's
       last count before a block) */
    const size_t qend = b->n & ~(size_t)63, cmax = cap - 67;
    for (; q < qend && c <= cmax; q += 64)
        c = flatten_block(at, c, BREAKS64((const __m128i *)(const void *)(b->s + q)), (uint32_t)q);
    if (q + 64 > b->n && c + 67 <= cap) {
        /* the last block read sixteen bytes at a time into the text's
           room (fewer than 64 bytes are left), where there is room for
           its breaks, the three that flatten_block() writes past them
           and the end; else (a block of breaks before it took the room)
           counted first as a text of short lines is, below */
        uint64_t hit = 0;
        for (size_t j = 0; q + j < b->n; j += 16)
            hit |= (uint64_t)(unsigned)_mm_movemask_epi8(
                       BREAKS16(_mm_loadu_si128((const __m128i *)(const void *)(b->s + q + j))))
                   << j;
        hit &= ((uint64_t)1 << (b->n - q)) - 1;
        c = flatten_block(at, c, hit, (uint32_t)q);
        at[c] = (uint32_t)b->n;
        nl = c + 1;
    } else {
        /* sixteen bytes at a time, each byte of the sum counting at most
           255 breaks (four a step of sixty-four bytes); the bits of the
           breaks of each block of sixty-four kept for the lines below
           (eight bytes for sixty-four of the text), the last block read
           sixteen bytes at a time into the text's room */
        size_t nblocks = b->n / 64 + 1;
        uint64_t *bits = pk_arena_alloc(a, nblocks * sizeof *bits);
        size_t blk = 0;
        q = 0;
        while (q + 64 <= b->n) {
            __m128i sum = _mm_setzero_si128();
            for (size_t steps = 0; steps < 63 && q + 64 <= b->n; steps++, q += 64) {
                const __m128i *p = (const __m128i *)(const void *)(b->s + q);
                __m128i h0 = BREAKS16(_mm_loadu_si128(p)), h1 = BREAKS16(_mm_loadu_si128(p + 1));
                __m128i h2 = BREAKS16(_mm_loadu_si128(p + 2)), h3 = BREAKS16(_mm_loadu_si128(p + 3));
                sum = _mm_sub_epi8(sum, _mm_add_epi8(_mm_add_epi8(h0, h1), _mm_add_epi8(h2, h3)));
                bits[blk++] = bits64(h0, h1, h2, h3);
            }
            __m128i t = _mm_sad_epu8(sum, _mm_setzero_si128());
            nl += (size_t)_mm_cvtsi128_si32(t) + (size_t)_mm_cvtsi128_si32(_mm_srli_si128(t, 8));
        }
        uint64_t hit = 0;
        for (size_t j = 0; q + j < b->n; j += 16)
            hit |= (uint64_t)(unsigned)_mm_movemask_epi8(
                       BREAKS16(_mm_loadu_si128((const __m128i *)(const void *)(b->s + q + j))))
                   << j;
        hit &= ((uint64_t)1 << (b->n - q)) - 1; /* (fewer than 64 bytes are left) */
        bits[blk] = hit;
        for (; hit; hit &= hit - 1)
            nl++;
        at = pk_arena_alloc(a, (nl + 4) * sizeof *at);
        breaks_flatten(at, bits, nblocks, b->n);
    }
#undef BREAKS64
#undef BREAKS16
    breaks it = {at};
#else
    for (size_t i = next_break(b, 0); i < b->n; i = next_break(b, i + 1))
        nl++;
#endif
    rline *L = pk_arena_alloc(a, nl * sizeof *L);
    unsigned blank;
#if defined(__SSE2__)
    size_t n = line_records(b, L, &it, &blank);
#else
    size_t n = line_records(b, L, NULL, &blank);
#endif
    emit_lines(a, b, L, n, blank, nl, out, end);
}

void pk_normalize(arena *a, pk_text *in, size_t plain, pk_text *out)
{
    buf b;
    size_t end = pk_map_at(in, in->n);
    pass_chars(a, in, plain, &b);
    pass_lines(a, &b, out, end);
}
