/* Decoding: the input's bytes become valid UTF-8, with a map from every
   output byte back to the input. UTF-8 is validated; text with invalid
   bytes and no valid multi-byte sequence is taken as Windows-1252 (the
   old archives); binary input is refused. */
#include "internal.h"

#include <string.h>
#include <utf8proc.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* Windows-1252 0x80..0x9F; 0 where the code page leaves a hole. */
static const uint16_t cp1252_high[32] = {
    0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
    0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178};

/* Length of a valid UTF-8 sequence at in[i], or 0 if invalid. */
static size_t utf8_seq(const unsigned char *in, size_t len, size_t i)
{
    unsigned char b = in[i];
    if (b < 0x80)
        return 1;
    /* the two-byte letters of Swedish text ("å", "ä", "ö", "é"), decided
       here without a call */
    if (b >= 0xC2 && b <= 0xDF && i + 1 < len)
        return (in[i + 1] & 0xC0) == 0x80 ? 2 : 0;
    utf8proc_int32_t cp;
    size_t avail = len - i < 4 ? len - i : 4;
    utf8proc_ssize_t k = utf8proc_iterate(in + i, (utf8proc_ssize_t)avail, &cp);
    return k > 0 ? (size_t)k : 0;
}

size_t pk_orig_charlen(const unsigned char *in, size_t len, size_t off, int encoding)
{
    if (off >= len)
        return 0;
    if (encoding == ENC_CP1252)
        return 1;
    size_t k = utf8_seq(in, len, off);
    return k ? k : 1;
}

static int is_ctrl(unsigned char b)
{
    return (b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f') || b == 0x7F;
}

/* The end of the run of printable ASCII (and tab, line breaks, form feed)
   that starts at i: the bytes both passes take as they are. */
static const unsigned char plain[256] = {
    ['\t'] = 1, ['\n'] = 1, ['\f'] = 1, ['\r'] = 1,
#define P4(x) [x] = 1, [x + 1] = 1, [x + 2] = 1, [x + 3] = 1
#define P16(x) P4(x), P4(x + 4), P4(x + 8), P4(x + 12)
    P16(0x20), P16(0x30), P16(0x40), P16(0x50), P16(0x60), P4(0x70), P4(0x74), P4(0x78), [0x7C] = 1, [0x7D] = 1, [0x7E] = 1,
#undef P16
#undef P4
};

/* Eight bytes that are all printable ASCII (0x20..0x7E): no high bit, no
   byte below 0x20, no 0x7F. */
static inline int word_printable(const unsigned char *p)
{
    const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u;
    uint64_t x, y;
    memcpy(&x, p, 8);
    y = x ^ (0x7F * ones);
    return ((x & high) | ((x - 0x20 * ones) & ~x & high) | ((y - ones) & ~y & high)) == 0;
}

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define WORD_MASKS 1
#define ONES 0x0101010101010101u
#define HIGH 0x8080808080808080u
#define LOW7 0x7F7F7F7F7F7F7F7Fu

/* The high bit of each byte of x that is zero (exact for each byte: no
   carry crosses a byte). */
static inline uint64_t zero_bytes(uint64_t x)
{
    return ~(((x & LOW7) + LOW7) | x) & HIGH;
}

/* The high bit of each byte of x that is not plain (plain[]). */
static inline uint64_t not_plain(uint64_t x)
{
    uint64_t small = ~((x & LOW7) + 0x60 * ONES) & ~x & HIGH; /* below 0x20 */
    uint64_t ws = zero_bytes(x ^ ('\t' * ONES)) | zero_bytes(x ^ ('\n' * ONES)) | zero_bytes(x ^ ('\f' * ONES)) |
                  zero_bytes(x ^ ('\r' * ONES));
    return (small & ~ws) | zero_bytes(x ^ (0x7F * ONES)) | (x & HIGH);
}

/* How many of the eight bytes at p, from the first, are plain (the lowest
   byte first in memory). */
static inline size_t plain_bytes(const unsigned char *p)
{
    uint64_t x;
    memcpy(&x, p, 8);
    uint64_t bad = not_plain(x);
    return bad ? (size_t)__builtin_ctzll(bad) / 8 : 8;
}

/* How many of the eight bytes at p, from the first, the one pass over
   valid UTF-8 copies in a run: plain bytes, and whole two-byte characters
   (C2..DF and a continuation byte, both among the eight): a Swedish line
   with its "å" and "ö". */
static inline size_t text_bytes(const unsigned char *p)
{
    uint64_t x;
    memcpy(&x, p, 8);
    uint64_t lead = x & (x << 1) & ~(x << 2) & HIGH & ~zero_bytes((x & (0xFE * ONES)) ^ (0xC0 * ONES));
    uint64_t cont = x & ~(x << 1) & HIGH;
    uint64_t bad = (not_plain(x) & ~lead & ~cont) | (lead & ~(cont >> 8)) | (cont & ~(lead << 8));
    return bad ? (size_t)__builtin_ctzll(bad) / 8 : 8;
}
#endif

#ifdef WORD_MASKS
/* The end of the run from i of the bytes that `bytes8` (how many of eight
   bytes, from the first, belong to the run) and then `plain` (where no
   eight are left) take, eight bytes at a time. */
static inline size_t run_of(const unsigned char *in, size_t len, size_t i, size_t (*bytes8)(const unsigned char *))
{
    while (i + 8 <= len) {
        size_t k = bytes8(in + i);
        i += k;
        if (k < 8)
            return i;
    }
    while (i < len && plain[in[i]])
        i++;
    return i;
}
#endif

/* The end of the run that starts at i and that the one pass over valid
   UTF-8 copies as it is (text_bytes(); plain bytes only where no eight
   bytes are left). */
static size_t text_run(const unsigned char *in, size_t len, size_t i)
{
#ifdef WORD_MASKS
    return run_of(in, len, i, text_bytes);
#else
    while (i < len && plain[in[i]])
        i++;
    return i;
#endif
}

#if defined(__SSE2__)
/* The bytes (bit j for byte j) of the sixteen x that the one pass over
   valid UTF-8 does not copy in a run (text_bytes()): bytes that are not
   plain, other than whole two-byte characters (C2..DF and a continuation
   byte, both among the sixteen). *p1: those of the others that
   pk_normalize's first pass may change or must look at (pass1_bad(): a
   tab, a carriage return, a lead byte but C3). */
static inline unsigned text_bad16(__m128i x, unsigned *p1)
{
    /* the bytes that are: printable (one more, as signed bytes: 0x21..0x7F
       for 0x20..0x7E, 0x80 for 0x7F, 0x81..0x00 for the high bytes), a
       tab, line break, form feed or carriage return, or of a pair (80..BF
       and C2..DF as signed bytes; a lead with the byte after it a
       continuation, and that byte: the sixteen shifted by a byte, a pair
       cut by the block's end is none). No branch: a text's blocks of
       ASCII and of letters come in no order a branch could foretell. */
    __m128i printable = _mm_cmpgt_epi8(_mm_add_epi8(x, _mm_set1_epi8(1)), _mm_set1_epi8(0x20));
    __m128i tab_cr = _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('\t')), _mm_cmpeq_epi8(x, _mm_set1_epi8('\r')));
    __m128i ws = _mm_or_si128(tab_cr, _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('\f')), _mm_cmpeq_epi8(x, _mm_set1_epi8('\n'))));
    __m128i cont = _mm_cmplt_epi8(x, _mm_set1_epi8((char)0xC0));
    __m128i lead = _mm_and_si128(_mm_cmpgt_epi8(x, _mm_set1_epi8((char)0xC1)), _mm_cmplt_epi8(x, _mm_set1_epi8((char)0xE0)));
    __m128i pair = _mm_or_si128(_mm_and_si128(lead, _mm_srli_si128(cont, 1)), _mm_and_si128(cont, _mm_slli_si128(lead, 1)));
    *p1 = (unsigned)_mm_movemask_epi8(
        _mm_or_si128(tab_cr, _mm_andnot_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8((char)0xC3)), lead)));
    return ~(unsigned)_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(printable, ws), pair)) & 0xFFFFu;
}
#endif

#if defined(__SSE2__)
/* The bytes of the sixteen x (all ones each) that are printable ASCII
   (0x20..0x7E) or line breaks. */
static inline __m128i ascii_common(__m128i x)
{
    /* (signed bytes: one more, 0x21..0x7F for 0x20..0x7E) */
    return _mm_or_si128(_mm_cmpgt_epi8(_mm_add_epi8(x, _mm_set1_epi8(1)), _mm_set1_epi8(0x20)),
                        _mm_cmpeq_epi8(x, _mm_set1_epi8('\n')));
}

/* The bytes of the sixteen x that are a lead C3 with a continuation after
   it, next the sixteen bytes from the one after x's first. */
static inline __m128i lead_c3(__m128i x, __m128i next)
{
    return _mm_and_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8((char)0xC3)), _mm_cmplt_epi8(next, _mm_set1_epi8((char)0xC0)));
}

/* The bytes of the sixteen x (all ones each) that are printable ASCII
   (0x20..0x7E), line breaks or of whole letters C3 80..BF (a lead C3 and
   the byte after it, both among the sixteen): where all are, the one pass
   over valid UTF-8 copies them in a run, and pk_normalize's first pass
   leaves them (text_bad16() tells no byte of them, in bad or in p1). */
static inline __m128i common_bytes(__m128i x)
{
    /* (signed bytes: 80..BF below C0) */
    __m128i cont = _mm_cmplt_epi8(x, _mm_set1_epi8((char)0xC0));
    __m128i lead = _mm_and_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8((char)0xC3)), _mm_srli_si128(cont, 1));
    return _mm_or_si128(ascii_common(x), _mm_or_si128(lead, _mm_slli_si128(lead, 1)));
}
#endif

/* The byte b of valid UTF-8 is one that pk_normalize's first pass may
   change or must look at: below 0x20 but a line break or a form feed, or
   a lead byte but C3 (the letters "å", "ä", "ö", "é", whose pairs it
   copies as they are). */
static inline int pass1_bad(unsigned char b)
{
    return (b < 0x20 && b != '\n' && b != '\f') || (b >= 0xC0 && b != 0xC3);
}

/* The character of k bytes at p (valid UTF-8), of which pass1_bad() told
   the first, is one the first pass copies as it stands all the same (a
   "§", a dash, a quotation mark). */
static int pass1_keeps(const unsigned char *p, size_t k)
{
    if (p[0] < 0x80)
        return 0;
    utf8proc_int32_t cp;
    return utf8proc_iterate(p, (utf8proc_ssize_t)k, &cp) > 0 && pk_norm_keeps(cp);
}

/* The first of the bytes p1 (bit j for byte j of the sixteen at p, the
   first of each a tab, a carriage return or the lead of a pair) whose
   character pass1_keeps() does not keep; 16 when none. Out of the loop
   that asks it: a block with a "§" in it, a few a page. */
#if defined(__SSE2__)
#if defined(__GNUC__)
__attribute__((noinline))
#endif
static size_t pass1_first(const unsigned char *p, unsigned p1)
{
    for (; p1; p1 &= p1 - 1) {
        size_t j = (size_t)__builtin_ctz(p1);
        if (!pass1_keeps(p + j, 2))
            return j;
    }
    return 16;
}
#endif

#if defined(__SSE2__)
/* The bytes (bit j for byte j) of the sixteen x that are not plain
   (plain[]). */
static inline unsigned plain_bad16(__m128i x)
{
    /* signed bytes: the high ones are below 0x20 too */
    __m128i below = _mm_cmplt_epi8(x, _mm_set1_epi8(0x20));
    __m128i ws = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('\t')), _mm_cmpeq_epi8(x, _mm_set1_epi8('\n'))),
                              _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('\f')), _mm_cmpeq_epi8(x, _mm_set1_epi8('\r'))));
    return (unsigned)_mm_movemask_epi8(_mm_or_si128(_mm_andnot_si128(ws, below), _mm_cmpeq_epi8(x, _mm_set1_epi8(0x7F))));
}
#endif

static size_t plain_run(const unsigned char *in, size_t len, size_t i)
{
#if defined(__SSE2__)
    /* sixteen bytes at a time, up to the first that is not plain; the
       last few by the words below */
    for (; i + 16 <= len; i += 16) {
        unsigned bad = plain_bad16(_mm_loadu_si128((const __m128i *)(const void *)(in + i)));
        if (bad)
            return i + (size_t)__builtin_ctz(bad);
    }
#endif
#ifdef WORD_MASKS
    /* eight bytes at a time, up to the first that is not plain */
    return run_of(in, len, i, plain_bytes);
#else
    for (;;) {
        /* eight bytes at a time while no line break or other byte is among
           them, then the next eight one by one */
        while (i + 8 <= len && word_printable(in + i))
            i += 8;
        size_t stop = len - i > 8 ? i + 8 : len;
        while (i < stop && plain[in[i]])
            i++;
        if (i < stop || i >= len)
            return i;
    }
#endif
}

/* A control byte at i: counted, a NUL among them too, and the first
   such offset kept. */
static inline void count_ctrl(unsigned char b, size_t i, size_t *ctrl, size_t *nuls, size_t *first_bad)
{
    (*ctrl)++;
    if (b == 0)
        (*nuls)++;
    if (*first_bad == (size_t)-1)
        *first_bad = i;
}

/* The common case in one pass: input that is valid UTF-8 is copied as it
   is, its control bytes dropped and counted. 1 when done (out and info as
   the two passes below would leave them), -1 when the input is not text
   (info->bad_offset set), 0 at the first invalid sequence: then the two
   passes below decide the encoding. */
static int decode_valid_utf8(arena *a, const unsigned char *in, size_t start, size_t len, pk_text *out,
                             decode_info *info)
{
    size_t body = len - start, ctrl = 0, nuls = 0, first_bad = (size_t)-1;
    /* no byte of valid UTF-8 becomes more than one; the text has room
       for the sixteen zero bytes that end the cleaned text (pk_normalize
       may clean it where it stands) */
    char *os = pk_arena_alloc(a, body + 16);
    /* the map: one run while no control byte is dropped */
    pk_map_out m = {0};
    size_t o = 0;
    /* the first output byte pass1_bad() tells, once found (info->plain):
       looked for in the blocks copied whole until then, a branch that
       goes the same way until it is found */
    size_t p1_at = (size_t)-1;
    for (size_t i = start; i < len;) {
        size_t r;
        pk_map_char(a, &m, o, i);
#if defined(__SSE2__)
        /* sixteen bytes at a time, copied whole (o + 16 <= i + 16 - start
           <= body: within the text), of which the run's count */
        while (i + 16 <= len) {
            /* most blocks of a Swedish text hold only what the fewer tests
               of common_bytes() tell: all in the run, none of p1's (or all
               but a lead C3 last, whose letter the next block reads); their
               bytes all go, output and input a fixed shift apart (one
               count to step, and no other) */
            size_t shift = i - o;
            /* thirty-two at a time first, while all are such: each lead C3
               told with the byte after it (read at one past: a letter cut
               by the sixteen's end is whole, and one cut by the thirty-
               two's read whole with the next step, its continuation that
               step's first byte, carry); the byte after them read too. The
               step is always thirty-two: the next step's loads wait for no
               test of these bytes */
            uint32_t carry = 0;
            while (i + 33 <= len) {
                __m128i x0 = _mm_loadu_si128((const __m128i *)(in + i)),
                        x1 = _mm_loadu_si128((const __m128i *)(in + i + 16));
                _mm_storeu_si128((__m128i *)(os + (i - shift)), x0);
                _mm_storeu_si128((__m128i *)(os + (i - shift) + 16), x1);
                __m128i n0 = _mm_loadu_si128((const __m128i *)(in + i + 1)),
                        n1 = _mm_loadu_si128((const __m128i *)(in + i + 17));
                uint32_t ok = (uint32_t)_mm_movemask_epi8(ascii_common(x0)) |
                              (uint32_t)_mm_movemask_epi8(ascii_common(x1)) << 16;
                uint32_t lead = (uint32_t)_mm_movemask_epi8(lead_c3(x0, n0)) |
                                (uint32_t)_mm_movemask_epi8(lead_c3(x1, n1)) << 16;
                if ((ok | lead | lead << 1 | carry) != 0xFFFFFFFFu)
                    break;
                carry = lead >> 31;
                i += 32;
            }
            /* (a letter the last step cut: read from its lead below) */
            i -= carry;
            if (i + 16 > len) {
                o = i - shift;
                break;
            }
            __m128i x = _mm_loadu_si128((const __m128i *)(in + i));
            _mm_storeu_si128((__m128i *)(os + (i - shift)), x);
            for (;;) {
                unsigned ok = (unsigned)_mm_movemask_epi8(common_bytes(x));
                if (ok == 0xFFFFu)
                    i += 16;
                else if (ok == 0x7FFFu && in[i + 15] == 0xC3)
                    i += 15; /* a letter cut by the block's end: read whole
                                with the next block, which opens with it */
                else
                    break;
                if (i + 16 > len)
                    break;
                x = _mm_loadu_si128((const __m128i *)(in + i));
                _mm_storeu_si128((__m128i *)(os + (i - shift)), x);
            }
            o = i - shift;
            if (i + 16 > len)
                break;
            unsigned p1, bad = text_bad16(x, &p1);
            size_t k = bad ? (size_t)__builtin_ctz(bad) : 16;
            /* among the bytes copied in the run (those before the first
               of bad: a lead among them is of a pair, whole); most blocks
               hold none of p1's at all */
            if (__builtin_expect(p1 != 0, 0) && p1_at == (size_t)-1) {
                size_t j = pass1_first(in + i, p1 & ((bad & (0u - bad)) - 1u));
                if (j < 16)
                    p1_at = o + j;
            }
            /* a pair cut by the block's end (its lead the last byte, a
               continuation after it): whole, read with the next block, which
               opens with it */
            if (k == 15 && i + 16 < len && in[i + 15] >= 0xC2 && in[i + 15] <= 0xDF && (in[i + 16] & 0xC0) == 0x80) {
                i += 15;
                o += 15;
                continue;
            }
            i += k;
            o += k;
            if (k < 16)
                break;
        }
        /* the last few bytes by the words below */
        r = i + 16 <= len ? i : text_run(in, len, i);
#else
        r = text_run(in, len, i);
#endif
        for (size_t j = i; p1_at == (size_t)-1 && j < r; j++)
            if (pass1_bad(in[j]) && !pass1_keeps(in + j, utf8_seq(in, r, j)))
                p1_at = o + (j - i);
        memcpy(os + o, in + i, r - i);
        o += r - i;
        i = r;
        if (i >= len)
            break;
        unsigned char b = in[i];
        if (b < 0x80) {
            if (is_ctrl(b)) {
                count_ctrl(b, i, &ctrl, &nuls, &first_bad);
            } else {
                if (p1_at == (size_t)-1 && pass1_bad(b))
                    p1_at = o;
                os[o] = (char)b;
                o++;
            }
            i++;
            continue;
        }
        size_t k = utf8_seq(in, len, i);
        if (!k)
            return 0;
        if (p1_at == (size_t)-1 && pass1_bad(b) && !pass1_keeps(in + i, k))
            p1_at = o;
        memcpy(os + o, in + i, k);
        o += k;
        i += k;
    }
    info->nuls = nuls;
    /* the test for binary input below, with no invalid byte */
    if (body > 0 && (ctrl * 20 > body || (ctrl > 0 && in[start] == 0))) {
        info->bad_offset = first_bad == (size_t)-1 ? start : first_bad;
        return -1;
    }
    info->encoding = ENC_UTF8;
    os[o] = 0;
    pk_map_char(a, &m, o, len);
    out->s = os;
    out->runs = m.r;
    out->nruns = m.n;
    out->base = 0;
    out->line_ends = NULL;
    out->nlines = 0;
    out->lines = NULL;
    out->n = o;
    info->plain = p1_at == (size_t)-1 ? o : p1_at;
    return 1;
}

int pk_decode(arena *a, const unsigned char *in, size_t len, pk_text *out, decode_info *info)
{
    memset(info, 0, sizeof *info);
    size_t start = 0;
    if (len >= 3 && in[0] == 0xEF && in[1] == 0xBB && in[2] == 0xBF) {
        start = 3;
        info->had_bom = 1;
    }

    int done = decode_valid_utf8(a, in, start, len, out, info);
    if (done)
        return done < 0 ? PK_ENOTTEXT : 0;

    /* One pass to classify the bytes. */
    size_t ctrl = 0, invalid = 0, multi = 0, high = 0, first_bad = (size_t)-1;
    for (size_t i = start; i < len;) {
        i = plain_run(in, len, i);
        if (i >= len)
            break;
        unsigned char b = in[i];
        if (b < 0x80) {
            if (is_ctrl(b))
                count_ctrl(b, i, &ctrl, &info->nuls, &first_bad);
            i++;
            continue;
        }
        size_t k = utf8_seq(in, len, i);
        high += k ? k : 1;
        if (k) {
            multi++;
            i += k;
        } else {
            invalid++;
            i++;
        }
    }
    size_t body = len - start;
    /* Binary: many control bytes (NULs of UTF-16 or of a binary format), or
       a NUL-led file; a stray NUL or two in real text is only dropped. */
    if (body > 0 && (ctrl * 20 > body || (ctrl > 0 && in[start] == 0) ||
                     (invalid * 4 > body && multi == 0 && invalid > 16 && ctrl > 0))) {
        info->bad_offset = first_bad == (size_t)-1 ? start : first_bad;
        return PK_ENOTTEXT;
    }
    info->encoding = (invalid > 0 && (multi == 0 || invalid > multi * 4)) ? ENC_CP1252 : ENC_UTF8;

    /* the exact bound: an invalid byte becomes U+FFFD (3 bytes), a
       Windows-1252 byte at most 3 bytes, control bytes are dropped */
    size_t cap = body - ctrl + 2 * (info->encoding == ENC_CP1252 ? high : invalid) + 1;
    out->s = pk_arena_alloc(a, cap + 15); /* and the cleaned text's sixteen zero bytes */
    pk_map_out m = {0};
    size_t o = 0;
    for (size_t i = start; i < len;) {
        size_t r = plain_run(in, len, i);
        pk_map_char(a, &m, o, i);
        memcpy(out->s + o, in + i, r - i);
        o += r - i;
        i = r;
        if (i >= len)
            break;
        unsigned char b = in[i];
        if (b < 0x80) {
            if (!is_ctrl(b)) {
                pk_map_char(a, &m, o, i);
                out->s[o++] = (char)b;
            }
            i++;
            continue;
        }
        utf8proc_int32_t cp;
        size_t k = 1;
        if (info->encoding == ENC_CP1252) {
            cp = b >= 0xA0 ? b : cp1252_high[b - 0x80];
            if (!cp) {
                cp = 0xFFFD;
                info->replaced++;
            }
        } else {
            k = utf8_seq(in, len, i);
            if (k) {
                pk_map_char(a, &m, o, i);
                memcpy(out->s + o, in + i, k);
                o += k;
                i += k;
                continue;
            }
            k = 1;
            cp = 0xFFFD;
            info->replaced++;
        }
        /* the character's bytes all map to the one it replaces */
        pk_map_char(a, &m, o, i);
        utf8proc_ssize_t w = utf8proc_encode_char(cp, (utf8proc_uint8_t *)out->s + o);
        o += (size_t)w;
        i += k;
    }
    out->s[o] = 0;
    pk_map_char(a, &m, o, len);
    out->runs = m.r;
    out->nruns = m.n;
    out->base = 0;
    out->line_ends = NULL;
    out->nlines = 0;
    out->lines = NULL;
    out->n = o;
    return 0;
}

/* ---- the map's runs ---- */

void pk_map_grow(arena *a, pk_map_out *m)
{
    size_t cap = m->cap ? m->cap * 2 : 16;
    m->r = pk_arena_grow(a, m->r, m->n * sizeof *m->r, cap * sizeof *m->r);
    m->cap = cap;
}

/* The index of the run of the n runs r that holds byte j (the last that
   starts at j or before: the first starts at 0). Each step halves the
   range without a branch (a conditional move). */
static size_t run_holding(const pk_run *r, size_t n, size_t j)
{
    const pk_run *b = r;
    size_t len = n;
    while (len > 1) {
        size_t half = len / 2;
        b = b[half].at <= j ? b + half : b;
        len -= half;
    }
    return (size_t)(b - r);
}

/* The offset in the input of byte j of the text s by run r, which holds
   it: the start of j's character, not before the run's. */
static inline size_t run_value(const pk_run *r, const char *s, size_t j)
{
    size_t c = j;
    /* (the byte first: most often a character's first, where the run's
       start is as often as not the byte asked, a span's first) */
    while (((unsigned char)s[c] & 0xC0) == 0x80 && c > r->at)
        c--;
    return (size_t)r->orig + (c - r->at);
}

size_t pk_map_at(const pk_text *t, size_t i)
{
    size_t j = t->base + i;
    return run_value(&t->runs[run_holding(t->runs, t->nruns, j)], t->s - t->base, j);
}

void pk_map_at2(const pk_text *t, size_t i, size_t j, size_t *at_i, size_t *at_j)
{
    const pk_run *r = t->runs;
    const char *s = t->s - t->base;
    size_t n = t->nruns, k = run_holding(r, n, t->base + i);
    *at_i = run_value(&r[k], s, t->base + i);
    /* steps of 1, 2, 4, ... runs from i's, then a search among the last
       step's: the cost of the runs between the two, in their logarithm */
    size_t J = t->base + j, step = 1;
    while (k + step < n && r[k + step].at <= J) {
        k += step;
        step *= 2;
    }
    k += run_holding(r + k, k + step < n ? step : n - k, J);
    *at_j = run_value(&r[k], s, J);
}

size_t pk_map_find(const pk_text *t, size_t orig)
{
    const pk_run *r = t->runs;
    const char *s = t->s - t->base;
    size_t n = t->nruns, end = t->base + t->n;
    /* the first run that starts at orig or beyond (n when none): the
       bytes before it map below orig but, maybe, the last of the run
       before it */
    const pk_run *b = r;
    size_t len = n;
    /* (each step halves the range by a conditional move, no branch: the
       last run below orig, or the first) */
    while (len > 1) {
        size_t half = len / 2;
        b = b[half].orig < orig ? b + half : b;
        len -= half;
    }
    size_t k = (size_t)(b - r) + (n && b->orig < orig), j = 0;
    if (k > 0) {
        /* in the run before: the first character that starts at or after
           the byte that maps to orig, or the next run */
        const pk_run *p = &r[k - 1];
        size_t lim = k < n ? r[k].at : end;
        j = (size_t)p->at + (orig - p->orig);
        if (lim > end)
            lim = end;
        if (j > lim)
            j = lim;
        while (j < lim && ((unsigned char)s[j] & 0xC0) == 0x80)
            j++;
    }
    if (j < t->base)
        return 0;
    return j - t->base < t->n ? j - t->base : t->n;
}

void pk_map_copy(arena *a, pk_map_out *m, const char *s, size_t o, const pk_text *in, size_t i, size_t r)
{
    if (i >= r)
        return;
    const pk_run *rs = in->runs;
    const char *is = in->s - in->base;
    size_t n = in->nruns, j = in->base + i, e = in->base + r;
    size_t k = run_holding(rs, n, j);
    /* the first character's bytes one by one (a copy that starts inside a
       character), up to the start of the next */
    for (;;) {
        while (k + 1 < n && rs[k + 1].at <= j)
            k++;
        pk_map_run(a, m, s, o + (j - in->base - i), run_value(&rs[k], is, j));
        if (((unsigned char)is[j] & 0xC0) != 0x80 || ++j >= e)
            break;
    }
    /* then the runs that start in the copy */
    for (k++; k < n && rs[k].at < e; k++)
        pk_map_run(a, m, s, o + (rs[k].at - in->base - i), rs[k].orig);
}
