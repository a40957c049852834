/* Segmentation of the cleaned text: lines, headings (by a table of the
   section names Swedish minutes use) and sentences (knowing Swedish
   abbreviations, so that "bl.a." does not end one). */
#include "internal.h"

#include <pthread.h>
#include <stdint.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

static int ends_with(const char *s, size_t n, const char *suf)
{
    size_t m = strlen(suf);
    return n >= m && memcmp(s + n - m, suf, m) == 0;
}

/* pk_proposal_to, pk_proposal_body, pk_decision_body (segment_words.tsv) */
#include "segment_words.inc"

/* The string s holds one of the n words of w. */
static int holds_any(const char *s, const char *const *w, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strstr(s, w[i]))
            return 1;
    return 0;
}

#if defined(__SSE2__)
/* The sixteen bytes x in lower case, prev the bytes before each: A-Z, and
   85 84 96 89 after a lead byte C3 (Å Ä Ö É). */
static inline __m128i lower16(__m128i x, __m128i prev)
{
    /* A-Z as signed bytes (a byte of 0x80 and above is below 0) */
    __m128i upper = _mm_and_si128(_mm_cmpgt_epi8(x, _mm_set1_epi8('A' - 1)), _mm_cmplt_epi8(x, _mm_set1_epi8('Z' + 1)));
    __m128i latin = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8((char)0x84)),
                                              _mm_cmpeq_epi8(x, _mm_set1_epi8((char)0x85))),
                                 _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8((char)0x89)),
                                              _mm_cmpeq_epi8(x, _mm_set1_epi8((char)0x96))));
    latin = _mm_and_si128(latin, _mm_cmpeq_epi8(prev, _mm_set1_epi8((char)0xC3)));
    return _mm_add_epi8(x, _mm_and_si128(_mm_or_si128(upper, latin), _mm_set1_epi8(0x20)));
}
#endif

static int heading_lowered(const char *s, size_t n, int colon, int row, int room);

/* The two ends of the forms after the table's that hold no colon (see
   heading_lowered()). */
#define FORM_END_1 "beslut"
#define FORM_END_2 "förslag"

/* s[0..n) ends with suf, in lower case, once lowered (as heading_lowered()
   lowers: a byte that changes gains 0x20, so that a byte and its lowered
   form are the same with 0x20 set): each byte compared with 0x20 set. */
static inline int ends_folded(const char *s, size_t n, const char *suf)
{
    size_t m = strlen(suf);
    if (n < m)
        return 0;
    for (size_t k = 0; k < m; k++)
        if ((s[n - m + k] | 0x20) != (suf[k] | 0x20))
            return 0;
    return 1;
}

/* pk_heading_kind(), and of the few lines of a text that the filter of
   heading_kind_line() lets by: out of line, so that the many lines it
   refuses cost no room for these tests. room: sixteen bytes from s may be
   read (heading_lowered()). */
#if defined(__GNUC__)
__attribute__((noinline))
#endif
static int heading_kind(const char *s, size_t n, int room)
{
    int colon = 0;
    if (n && (s[n - 1] == ' ' || s[n - 1] == ':')) { /* most lines end in neither */
        while (n && s[n - 1] == ' ')
            n--;
        colon = n && s[n - 1] == ':';
        while (n && (s[n - 1] == ':' || s[n - 1] == ' '))
            n--;
    }
    /* a heading that introduces a list may run longer */
    if (n == 0 || n > (colon ? 110 : 60))
        return H_NONE;
    /* refused before it is lowered: a line no row of the table can be (no
       row of its length begins with its first byte, lowered: A-Z, no byte
       before it to make a Latin-1 capital) and none of the forms after the
       table's (a colon, or the end "beslut" or "förslag", its last byte
       looked at first: lowering makes "t" and "g" of no other byte). The
       lowering keeps the length: each byte on its own */
    unsigned char first = (unsigned char)s[0], last = (unsigned char)(s[n - 1] | 0x20);
    if (first >= 'A' && first <= 'Z')
        first = (unsigned char)(first + 32);
    int row = n <= 60 && (pk_heading_first[first] >> n & 1);
    if (!row && !colon &&
        !(last == 't' ? ends_folded(s, n, FORM_END_1) : last == 'g' ? ends_folded(s, n, FORM_END_2) : 0))
        return H_NONE;
    return heading_lowered(s, n, colon, row, room);
}

int pk_heading_kind(const char *s, size_t n)
{
    return heading_kind(s, n, 0);
}

/* The filter of heading_kind_line(), made once per process from the
   rows' filter and the forms' ends, each a set of line lengths (bit n: a
   line of n bytes): for a line's first byte, the lengths of the rows that
   begin with it lowered (heading_first[], no bit above 60: heading_kind()'s
   longest line with no colon, nor bit 0); for its last byte, the lengths
   of the rows that end with it as heading_lowered() lowers it
   (heading_last_rows[]: A-Z, and a Latin-1 capital's second byte, which
   the byte before it may lower), and those that heading_kind() lets on
   whatever the first byte (heading_last_any[]: 1 to 60 where a form's end
   may end, its last byte ORed with 0x20 as ends_folded() compares; every
   length, bit 63 standing for those of 63 and more, where it trims the
   byte, a space or a colon). */
static uint64_t heading_first[256], heading_last_rows[256], heading_last_any[256];
static pthread_once_t heading_filter_once = PTHREAD_ONCE_INIT;
static int heading_filter_ready;

static void make_heading_filter(void)
{
    const unsigned char f1 = (unsigned char)(FORM_END_1[sizeof FORM_END_1 - 2] | 0x20);
    const unsigned char f2 = (unsigned char)(FORM_END_2[sizeof FORM_END_2 - 2] | 0x20);
    const uint64_t to60 = (((uint64_t)1 << 61) - 1) & ~(uint64_t)1;
    for (unsigned c = 0; c < 256; c++) {
        unsigned first = c >= 'A' && c <= 'Z' ? c + 32 : c;
        heading_first[c] = pk_heading_first[first] & to60;
        unsigned latin = c == 0x84 || c == 0x85 || c == 0x89 || c == 0x96 ? c + 0x20 : c;
        heading_last_rows[c] = pk_heading_last[c] | pk_heading_last[first] | pk_heading_last[latin];
        unsigned char low = (unsigned char)(c | 0x20);
        heading_last_any[c] = c == ' ' || c == ':' ? ~(uint64_t)0 : low == f1 || low == f2 ? to60 : 0;
    }
}

/* heading_kind() of the line s[0..n) of a text, lb read for its last
   byte, in the pass over the lines: one branch a line, and a call for the few it lets by (a row's first and last bytes
   and length, a form's last byte in no more than 60 bytes, a space or a
   colon at the end: the bit of its length in the sets of its first and
   last bytes), where heading_kind() took several (an empty line, a line
   longer than 60 bytes, its first byte and its end: each as a text's
   lines come, in no order a branch could foretell). room: sixteen bytes
   from s may be read (heading_lowered()). */
static inline int heading_kind_last(const char *s, size_t n, unsigned char lb, int room)
{
    uint64_t lens = (heading_first[(unsigned char)s[0]] & heading_last_rows[lb]) | heading_last_any[lb];
    if (lens >> (n < 63 ? n : 63) & 1)
        return heading_kind(s, n, room);
    return H_NONE;
}

/* heading_kind_last() of a line whose byte s[n] may be read (its break,
   or the text's end). */
static inline int heading_kind_line(const char *s, size_t n, int room)
{
    /* (n == 0: the byte after the line, a break or the text's end; no row
       of no byte, and heading_kind() tells such a line at once) */
    return heading_kind_last(s, n, (unsigned char)s[n - (n != 0)], room);
}

/* heading_kind_line() of a line that a line break stands before (a line
   of a text but its first): an empty line's last byte read is that break,
   not the byte after it, which spares the test of whether it is empty (a
   break is no trimmed byte: the filter lets no empty line by either way). */
static inline int heading_kind_after_break(const char *s, size_t n)
{
    return heading_kind_last(s, n, (unsigned char)s[(ptrdiff_t)n - 1], 1);
}

/* pk_heading_kind() of the line s[0..n), trimmed, that it has not
   refused: lowered, looked up (row: its length is of a row that begins as
   it does) and read for the forms after the table's. Out of line, so that
   the many lines refused before cost no room for the lowered one. */
#if defined(__GNUC__)
__attribute__((noinline))
#endif
static int heading_lowered(const char *s, size_t n, int colon, int row, int room)
{
    char low[128];
    size_t o = n;
    /* lower-case ASCII and the Swedish capitals; enough for heading names.
       Each byte on its own: A-Z, and 85 84 96 89 after a lead byte C3 (Å Ä
       Ö É) */
#if defined(__SSE2__)
    /* sixteen bytes at a time, each lowered by itself and the byte before
       it (none before the line: no lead byte). A line of sixteen bytes or
       more is read where it stands, its last block overlapping the one
       before (its bytes written again the same); a shorter one too where
       sixteen bytes from s may be read (room: a line of a text), else from
       a copy with nothing after it (the bytes past n are lowered too, then
       cut off; no call to copy a few bytes where a text's lines are
       asked; room asked first, the same for every line of a text, where
       the length goes either way as the lines come) */
    if (!room && n < 16) {
        unsigned char in[16] = {0};
        memcpy(in, s, n);
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)in);
        _mm_storeu_si128((__m128i *)(void *)low, lower16(x, _mm_slli_si128(x, 1)));
    } else {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)s);
        _mm_storeu_si128((__m128i *)(void *)low, lower16(x, _mm_slli_si128(x, 1)));
        for (size_t i = 16; i < n; i += 16) {
            size_t j = n - i < 16 ? n - 16 : i;
            _mm_storeu_si128((__m128i *)(void *)(low + j),
                             lower16(_mm_loadu_si128((const __m128i *)(const void *)(s + j)),
                                     _mm_loadu_si128((const __m128i *)(const void *)(s + j - 1))));
        }
    }
#else
    (void)room; /* (read by the sixteen-byte steps only) */
    /* eight bytes of ASCII at a time */
    const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u;
    for (size_t i = 0; i < n;) {
        if (i + 8 <= n) {
            uint64_t x;
            memcpy(&x, s + i, 8);
            if (!(x & high)) {
                uint64_t upper = (x + (0x80 - 'A') * ones) & ~(x + (0x7F - 'Z') * ones) & high;
                x |= upper >> 2;
                memcpy(low + i, &x, 8);
                i += 8;
                continue;
            }
        }
        for (size_t e = n - i > 8 ? i + 8 : n; i < e; i++) {
            unsigned char ch = (unsigned char)s[i];
            if (ch >= 'A' && ch <= 'Z')
                ch = (unsigned char)(ch + 32);
            else if ((ch == 0x85 || ch == 0x84 || ch == 0x96 || ch == 0x89) && i > 0 && (unsigned char)s[i - 1] == 0xC3)
                ch = (unsigned char)(ch + 0x20);
            low[i] = (char)ch;
        }
    }
#endif
    low[o] = 0;
    int kind = row && (pk_heading_last[(unsigned char)low[o - 1]] >> o & 1) ? pk_heading_of(low, o) : H_NONE;
    if (kind != H_NONE)
        return kind;
    /* the forms below end in "beslut" or "förslag", or hold a colon */
    if (!colon && !ends_with(low, o, FORM_END_1) && !ends_with(low, o, FORM_END_2))
        return H_NONE;
    /* "<X>s förslag till beslut": the preparing office's own proposal;
       the one laid before a meeting ("Framlagda ...") is not the decision */
    if (ends_with(low, o, "förslag till beslut") && strncmp(low, "framlagd", 8) != 0 && !memchr(low, '.', o))
        return H_DECISION;
    /* "Socialförvaltningens förslag till Vård- och omsorgsnämnden:" */
    if (colon && o > 20 && holds_any(low, pk_proposal_to, pk_n_proposal_to) && !memchr(low, '.', o) &&
        holds_any(low, pk_proposal_body, pk_n_proposal_body))
        return H_DECISION;
    /* "Vård- och omsorgsnämndens beslut" */
    if (o > 8 && o < 60 && ends_with(low, o, "s beslut") && !memchr(low, '.', o) &&
        holds_any(low, pk_decision_body, pk_n_decision_body))
        return H_DECISION;
    if (ends_with(low, o, "synpunkter och förslag") || ends_with(low, o, "synpunkter och förslag till beslut"))
        return H_PROPOSAL;
    return H_NONE;
}

#if defined(__SSE2__)
/* The line breaks among the sixty-four bytes of s[0..n) from base, bit j
   for byte base + j: sixteen bytes at a time, none read past n (the last
   block's last few one by one). */
static inline uint64_t newline_bits(const char *s, size_t base, size_t n)
{
    const __m128i nl = _mm_set1_epi8('\n');
    const __m128i *p = (const __m128i *)(const void *)(s + base);
    if (base + 64 <= n) /* (all blocks but the last) */
        return (uint64_t)(unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_loadu_si128(p), nl)) |
               (uint64_t)(unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_loadu_si128(p + 1), nl)) << 16 |
               (uint64_t)(unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_loadu_si128(p + 2), nl)) << 32 |
               (uint64_t)(unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_loadu_si128(p + 3), nl)) << 48;
    uint64_t m = 0;
    size_t j = 0;
    for (; base + j + 16 <= n; j += 16)
        m |= (uint64_t)(unsigned)_mm_movemask_epi8(
                 _mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)(const void *)(s + base + j)), nl))
             << j;
    for (; base + j < n; j++)
        m |= (uint64_t)(s[base + j] == '\n') << j;
    return m;
}
#else
/* The next line break at or after i (n when none): eight bytes at a time,
   inline (a line is too short for a call to pay). */
static size_t next_newline(const char *s, size_t i, size_t n)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u, low7 = 0x7F7F7F7F7F7F7F7Fu;
    for (; i + 8 <= n; i += 8) {
        uint64_t x;
        memcpy(&x, s + i, 8);
        x ^= '\n' * ones;
        uint64_t hit = ~(((x & low7) + low7) | x) & high; /* exact for each byte */
        if (hit)
            return i + (size_t)__builtin_ctzll(hit) / 8;
    }
#endif
    while (i < n && s[i] != '\n')
        i++;
    return i;
}
#endif

void pk_segment(arena *a, const pk_text *t, segs *out)
{
    if (t->line_ends) {
        /* the lines pk_normalize wrote, their ends known: the breaks of the
           whole within the text (the first at or after its start, found by
           halves; the whole's last end is no break), then its end */
        const uint32_t *ends = t->line_ends;
        if (t->lines && t->base == 0 && t->n == ends[t->nlines - 1]) {
            /* the whole: its lines as found */
            out->lines = t->lines;
            out->nlines = t->nlines;
            return;
        }
        const char *text = t->s;
        pk_once(&heading_filter_once, &heading_filter_ready, make_heading_filter);
        if (t->base == 0 && t->n == ends[t->nlines - 1]) {
            /* the whole (its lines found the first time): a line ends at
               each end */
            size_t nl = t->nlines;
            line *l = pk_arena_alloc(a, nl * sizeof(line));
            out->lines = l;
            out->nlines = nl;
            l->s = 0;
            l->e = ends[0];
            l->blank = ends[0] == 0;
            l->heading = heading_kind_line(text, ends[0], 1);
            /* each line after the first, a break before it */
            size_t s = ends[0] + 1;
            for (size_t k = 1; k < nl; k++) {
                size_t i = ends[k];
                /* (an empty line is no heading: the length filter
                   refuses it, with no branch here on the lines' kinds) */
                l++;
                l->s = s;
                l->e = i;
                l->blank = i == s;
                l->heading = heading_kind_after_break(text + s, i - s);
                s = i + 1;
            }
            return;
        }
        size_t lo = pk_first_from(ends, t->nlines - 1, t->base), last = pk_first_from(ends, t->nlines - 1, t->base + t->n);
        size_t base = t->base, n = t->n, s = 0;
        line *l = pk_arena_alloc(a, (last - lo + 1) * sizeof(line));
        out->lines = l;
        out->nlines = last - lo + 1;
        if (t->lines) {
            /* a part: the whole's lines, moved by its start; its first and
               its last where the part cuts them (not a line of the whole)
               found again */
            const line *w = t->lines + lo;
            for (size_t k = lo; k <= last; k++, l++, w++) {
                l->s = k > lo ? w->s - base : 0;
                l->e = k < last ? w->e - base : n;
                if ((k > lo || w->s == base) && (k < last || w->e == base + n)) {
                    l->heading = w->heading;
                    l->blank = w->blank;
                } else {
                    l->blank = l->e == l->s;
                    l->heading = heading_kind_line(text + l->s, l->e - l->s, 1);
                }
            }
            return;
        }
        for (size_t k = lo; k <= last; k++, l++) {
            size_t i = k < last ? ends[k] - base : n;
            l->s = s;
            l->e = i;
            if (i == s) {
                l->blank = 1;
                l->heading = H_NONE;
            } else {
                l->blank = 0;
                l->heading = heading_kind_line(text + s, i - s, 1);
            }
            s = i + 1;
        }
        return;
    }
    /* one pass: the lines' room grows as they come */
    pk_once(&heading_filter_once, &heading_filter_ready, make_heading_filter);
    size_t cap = t->n / 32 + 16;
    out->lines = pk_arena_alloc(a, cap * sizeof(line));
    out->nlines = 0;
#if defined(__SSE2__)
    /* the breaks of the block of sixty-four bytes from base not taken yet:
       a block or two a line */
    size_t base = 0;
    uint64_t left = newline_bits(t->s, 0, t->n);
#endif
    for (size_t s = 0; s <= t->n;) {
#if defined(__SSE2__)
        while (!left && base + 64 < t->n) {
            base += 64;
            left = newline_bits(t->s, base, t->n);
        }
        size_t i = left ? base + (size_t)__builtin_ctzll(left) : t->n;
        left &= left - 1;
#else
        size_t i = next_newline(t->s, s, t->n);
#endif
        if (out->nlines == cap) {
            out->lines = pk_arena_grow(a, out->lines, cap * sizeof(line), 2 * cap * sizeof(line));
            cap *= 2;
        }
        line *l = &out->lines[out->nlines++];
        l->s = s;
        l->e = i;
        l->blank = i == s;
        l->heading = heading_kind_line(t->s + s, i - s, 0);
        s = i + 1;
    }
}


/* Whether the '.' at i ends a sentence: not after an abbreviation, an
   initial, or a number followed by more of the same item. */
static int is_terminator(const pk_text *t, size_t lo, size_t i)
{
    /* (asked at a '.', '!' or '?') A byte other than a space
       or a line break after it, within the text, goes on with the item
       ("1.4", "bl.a"): one test of the three, no branch on each (the byte
       at the text's end is read: its zero, or the whole's next) */
    char ch = t->s[i];
    unsigned char next = (unsigned char)t->s[i + 1];
    if ((i + 1 < t->n) & (next != ' ') & (next != '\n'))
        return 0;
    if (ch != '.')
        return 1;
    size_t w = i;
#if defined(__SSE2__)
    /* sixteen bytes at a time back to the nearest ' ', '\n' or '(' */
    while (i - w < 32 && w >= lo + 16) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(t->s + w - 16));
        unsigned m = (unsigned)_mm_movemask_epi8(
            _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8(' ')), _mm_cmpeq_epi8(x, _mm_set1_epi8('\n'))),
                         _mm_cmpeq_epi8(x, _mm_set1_epi8('('))));
        if (m) {
            w -= 15 - (size_t)(31 - __builtin_clz(m));
            break;
        }
        w -= 16;
    }
#endif
    while (w > lo && i - w < 32 && t->s[w - 1] != ' ' && t->s[w - 1] != '\n' && t->s[w - 1] != '(')
        w--;
    size_t wn = i - w;
    if (wn >= 32)
        return 1; /* no abbreviation or list number is that long */
    if (wn == 0)
        return 1;
    if (wn == 1 && pk_is_upper_at(t->s + w, 1))
        return 0; /* an initial */
    char low[16];
    if (wn < sizeof low) {
        size_t k = 0;
#if defined(__SSE2__)
        if (w + 16 <= t->n) {
            /* the sixteen bytes from w lowered at once (A-Z, as signed
               bytes: a byte of 0x80 and above is below 0), those past the
               word cut off below */
            __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(t->s + w));
            __m128i up = _mm_and_si128(_mm_cmpgt_epi8(x, _mm_set1_epi8('A' - 1)), _mm_cmplt_epi8(x, _mm_set1_epi8('Z' + 1)));
            _mm_storeu_si128((__m128i *)(void *)low, _mm_add_epi8(x, _mm_and_si128(up, _mm_set1_epi8(0x20))));
            k = wn;
        }
#endif
        for (; k < wn; k++)
            low[k] = (t->s[w + k] >= 'A' && t->s[w + k] <= 'Z') ? (char)(t->s[w + k] + 32) : t->s[w + k];
        low[wn] = 0;
        if (pk_is_abbreviation(low, wn))
            return 0;
    }
    /* a list number "1." at a line start is not a sentence of its own */
    if (wn <= 3 && (w == lo || t->s[w - 1] == '\n')) {
        int digits = 1;
        for (size_t k = w; k < i; k++)
            if (t->s[k] < '0' || t->s[k] > '9')
                digits = 0;
        if (digits)
            return 0; /* "1." opens an item; "2010." at a line start ends a sentence */
    }
    return 1;
}

/* line_starts_item() past its first test: the line opens with one of its
   bytes. Out of line, for the few lines that do. */
#if defined(__GNUC__)
__attribute__((noinline))
#endif
static int item_at(const unsigned char *s, size_t n)
{
    if (n >= 2 && (s[0] == '-' || s[0] == '*') && s[1] == ' ')
        return 1;
    if (n >= 3 && s[0] == 0xE2 && s[1] == 0x80 && (s[2] == 0xA2 || s[2] == 0x93))
        return 1;
    size_t d = 0;
    while (d < n && d < 3 && s[d] >= '0' && s[d] <= '9')
        d++;
    return d > 0 && d < n && (s[d] == '.' || s[d] == ')') && d + 1 < n && s[d + 1] == ' ';
}

static inline int line_starts_item(const pk_text *t, size_t p)
{
    /* p is a line start: a bullet or a list number opens a new sentence */
    const unsigned char *s = (const unsigned char *)t->s + p;
    /* most lines open with none of the bytes item_at() asks for ('-',
       '*', a digit, the lead of a bullet or a dash): told with one test,
       not one for each, and no call (the byte at the text's end is read,
       its zero or the whole's next: item_at() takes the bytes left) */
    const uint64_t opens = (uint64_t)1 << '-' | (uint64_t)1 << '*' | (uint64_t)0x3FF << '0';
    unsigned c = s[0];
    if (!(((c < 64) & (unsigned)(opens >> (c & 63))) | (c == 0xE2)))
        return 0;
    return item_at(s, t->n - p);
}

/* Is the line ending at nl (a newline) a section heading? (Its start, or
   61 bytes before nl, or lo, whichever is nearest to nl.) */
static int prev_line_is_heading(const pk_text *t, size_t lo, size_t nl)
{
    size_t s = nl > lo + 61 ? nl - 61 : lo;
#if defined(__SSE2__)
    if (nl >= 64 && s < nl) {
        /* the last line break among the sixty-four bytes before nl, those
           from s kept (no call for a few bytes) */
        uint64_t m = newline_bits(t->s, nl - 64, t->n);
        m &= ~(uint64_t)0 << (s - (nl - 64));
        if (m)
            s = nl - 64 + (size_t)(63 - __builtin_clzll(m)) + 1;
    } else
#endif
    {
        const char *b = memrchr(t->s + s, '\n', nl - s);
        if (b)
            s = (size_t)(b - t->s) + 1;
    }
    /* (the line ends at a break of the text: the filter of the pass over
       the lines reads no byte past it) */
    return heading_kind_line(t->s + s, nl - s, s + 16 <= t->n) != H_NONE;
}

#if defined(__SSE2__)
/* The bit of each of the sixteen bytes at p that is a line break, '.', '!'
   or '?' (the first byte the lowest bit). */
static inline uint64_t stops_in16(const char *p)
{
    __m128i x = _mm_loadu_si128((const __m128i *)(const void *)p);
    __m128i m = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('\n')), _mm_cmpeq_epi8(x, _mm_set1_epi8('.'))),
                             _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('!')), _mm_cmpeq_epi8(x, _mm_set1_epi8('?'))));
    return (unsigned)_mm_movemask_epi8(m);
}
#elif defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
/* The bit of each of the eight bytes at p that is a line break, '.', '!'
   or '?' (the first byte the lowest bit): each test exact for each byte,
   a stop's high bit gathered into its byte's bit (the product's top byte). */
static inline uint64_t stops_in8(const char *p)
{
    const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u, low7 = 0x7F7F7F7F7F7F7F7Fu;
    uint64_t x, h = 0;
    memcpy(&x, p, 8);
    const unsigned char stop[4] = {'\n', '.', '!', '?'};
    for (int k = 0; k < 4; k++) {
        uint64_t y = x ^ (stop[k] * ones);
        h |= ~(((y & low7) + low7) | y) & high;
    }
    return (h >> 7) * 0x0102040810204080u >> 56;
}
#endif

/* The same for the sixty-four bytes at p (the only bytes where a sentence
   may end or a line matter), bit j for byte j: with SSE2 sixteen bytes at
   a time, else eight, else one by one. */
static inline uint64_t stops_in64(const char *p)
{
#if defined(__SSE2__)
    return stops_in16(p) | stops_in16(p + 16) << 16 | stops_in16(p + 32) << 32 | stops_in16(p + 48) << 48;
#elif defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    return stops_in8(p) | stops_in8(p + 8) << 8 | stops_in8(p + 16) << 16 | stops_in8(p + 24) << 24 |
           stops_in8(p + 32) << 32 | stops_in8(p + 40) << 40 | stops_in8(p + 48) << 48 | stops_in8(p + 56) << 56;
#else
    uint64_t m = 0;
    for (int j = 0; j < 64; j++)
        m |= (uint64_t)(p[j] == '\n' || p[j] == '.' || p[j] == '!' || p[j] == '?') << j;
    return m;
#endif
}

/* The stops (stops_in64()) of s[from..to), 0 < to - from <= 64, bit j for
   byte from + j, read within the text s[0..n) (to <= n): sixty-four bytes
   from `from` where the text holds them, else the sixty-four before `to`,
   else (a text shorter than that) one by one. */
static inline uint64_t stops_between(const char *s, size_t n, size_t from, size_t to)
{
    size_t k = to - from;
    if (from + 64 <= n)
        return stops_in64(s + from) & (~(uint64_t)0 >> (64 - k));
    if (to >= 64)
        return stops_in64(s + to - 64) >> (64 - k);
    uint64_t m = 0;
    for (size_t j = 0; j < k; j++)
        m |= (uint64_t)(s[from + j] == '\n' || s[from + j] == '.' || s[from + j] == '!' || s[from + j] == '?') << j;
    return m;
}

size_t pk_line_from(const segs *g, size_t from, size_t p)
{
    size_t lo = from, step = 1, n = g->nlines;
    if (lo >= n || g->lines[lo].s >= p)
        return lo < n ? lo : n;
    while (lo + step < n && g->lines[lo + step].s < p) {
        lo += step;
        step *= 2;
    }
    size_t hi = lo + step < n ? lo + step : n; /* the answer is in (lo, hi] */
    /* the last of [lo, hi) that starts before p, each step halving the
       range by a conditional move (no branch) */
    for (size_t len = hi - lo; len > 1;) {
        size_t half = len / 2;
        lo = g->lines[lo + half].s < p ? lo + half : lo;
        len -= half;
    }
    return lo + 1;
}

void pk_sentence_bounds(const pk_text *t, size_t lo, size_t hi, size_t pos, size_t *s, size_t *e)
{
    pk_once(&heading_filter_once, &heading_filter_ready, make_heading_filter);
    /* callers pass byte windows (pos ± 400): never cut a character (the
       byte asked first, the bounds after: a window's ends fall on a
       character's first byte most times, inside the text as often as at
       its ends) */
    while (((unsigned char)t->s[hi < t->n ? hi : 0] & 0xC0) == 0x80 && hi > pos && hi < t->n)
        hi--;
    while (((unsigned char)t->s[lo] & 0xC0) == 0x80 && lo < pos)
        lo++;
    /* the stops before pos, the nearest first: those of the block of up to
       sixty-four bytes from below not tried yet (m), the blocks read from
       pos down (a block holds a line break or two, so that the test for a
       stop found goes the same way most times) */
    size_t i = lo < pos ? lo : pos, below = pos;
    uint64_t m = 0;
    for (;;) {
        while (!m && below > lo) {
            size_t from = below - lo >= 64 ? below - 64 : lo;
            m = stops_between(t->s, t->n, from, below);
            below = from;
        }
        if (!m)
            break; /* (no stop from lo: the sentence starts there) */
        size_t p = below + 63 - (size_t)__builtin_clzll(m);
        m ^= (uint64_t)1 << (p - below);
        /* (the stop at p ends the sentence before pos, the test at the byte after it) */
        if (t->s[p] == '\n' ? (p > lo && t->s[p - 1] == '\n') || line_starts_item(t, p + 1) || prev_line_is_heading(t, lo, p)
                            : is_terminator(t, lo, p)) {
            i = p + 1;
            break;
        }
    }
    while (i < pos && (t->s[i] == ' ' || t->s[i] == '\n'))
        i++;
    *s = i;
    /* the same forward: the stops from pos, of the block of up to sixty-four
       bytes from `at` not tried yet (f), then the blocks after it */
    size_t j = hi > pos ? hi : pos, at = pos, next = pos;
    uint64_t f = 0;
    for (;;) {
        while (!f && next < hi) {
            at = next;
            next = hi - at >= 64 ? at + 64 : hi;
            f = stops_between(t->s, t->n, at, next);
        }
        if (!f)
            break; /* (no stop before hi: the sentence ends there) */
        size_t q = at + (size_t)__builtin_ctzll(f);
        f &= f - 1;
        if (t->s[q] != '\n' ? is_terminator(t, lo, q)
                            : q + 1 < hi && (t->s[q + 1] == '\n' || line_starts_item(t, q + 1))) {
            /* (a full stop, '!' or '?' is the sentence's; a line break is not) */
            j = t->s[q] != '\n' ? q + 1 : q;
            break;
        }
    }
    *e = j;
}
