/* The document's text as the stages see it: spans back into the input,
   folded strings and warnings. */
#include "internal.h"

#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* The page an offset of the original input stands on: 1 + the form feeds
   before it. Most documents have a few pages: their form feeds are
   counted where the page is asked (the count of a document is the same at
   every span: its loop is one a branch foresees), the form feeds of more
   found by bisection. */
enum { FEW_PAGES = 8 };
static inline size_t page_at(const ctx *c, size_t off)
{
    if (c->n_ff > FEW_PAGES)
        return pk_first_from(c->ff, c->n_ff, off) + 1;
    size_t page = 1;
    for (size_t i = 0; i < c->n_ff; i++)
        page += c->ff[i] < off;
    return page;
}

size_t pk_cleaned_at(const ctx *c, size_t orig) { return pk_map_find(&c->t, orig); }

pk_span pk_span_of(const ctx *c, size_t s, size_t e)
{
    pk_span sp = {0, 0, 1};
    if (s >= c->t.n || e <= s) {
        size_t at = pk_map_at(&c->t, s < c->t.n ? s : c->t.n);
        sp.start = sp.end = at;
        sp.page = page_at(c, at);
        return sp;
    }
    size_t start, last;
    pk_map_at2(&c->t, s, e - 1, &start, &last);
    sp.start = start;
    /* (an ASCII byte is a character of one byte in either encoding) */
    sp.end = last + (last < c->orig_len && c->orig[last] < 0x80 ? 1
                                                                 : pk_orig_charlen(c->orig, c->orig_len, last, c->encoding));
    if (sp.end < sp.start)
        sp.end = sp.start;
    sp.page = page_at(c, sp.start);
    return sp;
}

/* pk_fold's work, its string's length in *len: written out in each of
   the two below (most callers want no length, and a call more cost them
   more than the length saves the others) */
static PK_ALWAYS_INLINE char *fold(ctx *c, size_t s, size_t e, size_t *len)
{
#if defined(__SSE2__)
    /* (room for the sixteen bytes stored at a time below) */
    char *out = pk_arena_alloc(c->a, e - s + 16);
#else
    char *out = pk_arena_alloc(c->a, e - s + 1);
#endif
    size_t o = 0;
#if !defined(__SSE2__)
    int sp = 0; /* a space is owed before the next byte written */
#else
    unsigned after_ws = 1; /* the output is empty or ends in a space */
#endif
    for (size_t i = s; i < e;) {
#if defined(__SSE2__)
        {
            /* sixteen bytes at a time, the last few of [s, e) too (read
               into the text's room: it has sixteen bytes past its end;
               those past e are no part of it), each line break a space,
               written as they stand up to the first that is not: a space
               after a space (or at the start of the output, or after a
               space written), taken out; a space at the end is taken back
               below (room: the output is never longer than the input read,
               and has sixteen bytes more). A line break alone stops
               nothing: most ranges run on over several lines */
            size_t m = e - i < 16 ? e - i : 16;
            unsigned in = (1u << m) - 1;
            __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(c->t.s + i));
            x = _mm_xor_si128(x, _mm_and_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('\n')), _mm_set1_epi8('\n' ^ ' ')));
            unsigned ws = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(x, _mm_set1_epi8(' ')));
            unsigned stop = ws & ((ws << 1) | after_ws) & in;
            _mm_storeu_si128((__m128i *)(void *)(out + o), x);
            if (!stop) {
                o += m;
                i += m;
                after_ws = ws >> (m - 1) & 1;
                continue;
            }
            /* (the output ends in a space: the byte before the stop, or
               the one before the block) */
            size_t k = (size_t)__builtin_ctz(stop);
            o += k;
            i += k + 1;
            after_ws = 1;
        }
#else
        const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u, low7 = 0x7F7F7F7F7F7F7F7Fu;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
        if (e - i >= 8) {
            /* eight bytes at a time, those before the first space or line
               break copied at once (each test exact for each byte; the
               lowest byte first in memory); a space or a line break one */
            uint64_t x;
            memcpy(&x, c->t.s + i, 8);
            uint64_t x7 = x & low7, a = x7 ^ (0x20 * ones), b = x7 ^ (0x0A * ones);
            uint64_t ws = ~((((a + low7) | a) & ((b + low7) | b)) | x) & high;
            size_t k = ws ? (size_t)__builtin_ctzll(ws) / 8 : 8;
            if (k == 0) {
                sp = 1;
                i++;
                continue;
            }
            if (sp && o)
                out[o++] = ' ';
            sp = 0;
            memcpy(out + o, &x, 8); /* room: the output is never longer than the input read */
            o += k;
            i += k;
            continue;
        }
#else
        if (e - i >= 8) {
            /* eight bytes with no space or line break among them, copied
               at once (each test exact for each byte) */
            uint64_t x;
            memcpy(&x, c->t.s + i, 8);
            uint64_t x7 = x & low7, a = x7 ^ (0x20 * ones), b = x7 ^ (0x0A * ones);
            if (!(~((((a + low7) | a) & ((b + low7) | b)) | x) & high)) {
                if (sp && o)
                    out[o++] = ' ';
                sp = 0;
                memcpy(out + o, &x, 8);
                o += 8;
                i += 8;
                continue;
            }
        }
#endif
        for (size_t end = e - i > 8 ? i + 8 : e; i < end; i++) {
            char ch = c->t.s[i];
            if (ch == ' ' || ch == '\n') {
                sp = 1;
                continue;
            }
            if (sp && o)
                out[o++] = ' ';
            sp = 0;
            out[o++] = ch;
        }
#endif
    }
#if defined(__SSE2__)
    if (o > 0 && out[o - 1] == ' ')
        o--;
#endif
    out[o] = 0;
    *len = o;
    return out;
}

char *pk_fold(ctx *c, size_t s, size_t e)
{
    size_t n;
    return fold(c, s, e, &n);
}

char *pk_fold_len(ctx *c, size_t s, size_t e, size_t *len) { return fold(c, s, e, len); }

int pk_fold_is_self(const ctx *c, size_t s, size_t e)
{
    const char *t = c->t.s;
    if (s >= e || t[s] == ' ' || t[e - 1] == ' ')
        return 0;
#if defined(__SSE2__)
    /* sixteen bytes at a time, the last fewer too (read into the text's
       room: it has sixteen bytes past its end), those from e on put aside */
    for (size_t i = s; i < e; i += 16) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(t + i));
        unsigned sp = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(x, _mm_set1_epi8(' ')));
        unsigned bad = (unsigned)_mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('\n')), _mm_cmpeq_epi8(x, _mm_setzero_si128()))) |
                       (sp & sp << 1) | (sp & (i > s && t[i - 1] == ' '));
        if (e - i < 16)
            bad &= (1u << (e - i)) - 1;
        if (bad)
            return 0;
    }
#else
    for (size_t i = s; i < e; i++)
        if (t[i] == '\n' || t[i] == 0 || (t[i] == ' ' && t[i - 1] == ' '))
            return 0;
#endif
    return 1;
}

char *pk_fold_lower(ctx *c, size_t s, size_t e)
{
    /* (most ranges: lowered where they stand, not folded and measured first) */
    if (pk_fold_is_self(c, s, e))
        return pk_lower(c->a, c->t.s + s, e - s);
    size_t n;
    const char *f = pk_fold_len(c, s, e, &n);
    return pk_lower(c->a, f, n);
}

void pk_warn(ctx *c, const char *msg)
{
    const char **w = pk_vec_push(c->a, &c->warnings);
    *w = pk_arena_strdup(c->a, msg);
}
