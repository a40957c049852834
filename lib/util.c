/* Small Unicode helpers over utf8proc, used by every stage. */
#include "internal.h"

#include <stdlib.h>
#include <limits.h>
#include <string.h>

#include <string.h>
#include <utf8proc.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

static utf8proc_int32_t first_cp(const char *s, size_t n)
{
    utf8proc_int32_t cp = -1;
    if (n == 0)
        return -1;
    if (utf8proc_iterate((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)(n > 4 ? 4 : n), &cp) < 0)
        return -1;
    return cp;
}

/* The category of the first character when it is ASCII or a Latin-1
   letter (C3 80..BF), as utf8proc gives it, without a call: 1 upper case,
   2 lower case, 3 neither; 0 when another character must be looked up. */
static int latin_case(const char *s, size_t n)
{
    if (n == 0)
        return 3;
    unsigned char a = (unsigned char)s[0];
    if (a < 0x80)
        return a >= 'A' && a <= 'Z' ? 1 : a >= 'a' && a <= 'z' ? 2 : 3;
    if (a != 0xC3 || n < 2 || ((unsigned char)s[1] & 0xC0) != 0x80)
        return 0;
    unsigned char b = (unsigned char)s[1];
    if (b == 0x97 || b == 0xB7) /* × ÷ */
        return 3;
    return b <= 0x9E ? 1 : 2;
}

int pk_is_upper_beyond(const char *s, size_t n)
{
    int k = latin_case(s, n);
    if (k)
        return k == 1;
    utf8proc_int32_t cp = first_cp(s, n);
    return cp >= 0 && utf8proc_category(cp) == UTF8PROC_CATEGORY_LU;
}

int pk_is_lower_beyond(const char *s, size_t n)
{
    int k = latin_case(s, n);
    if (k)
        return k == 2;
    utf8proc_int32_t cp = first_cp(s, n);
    return cp >= 0 && utf8proc_category(cp) == UTF8PROC_CATEGORY_LL;
}

int pk_is_letter_beyond(const char *s, size_t n)
{
    int lc = latin_case(s, n);
    if (lc)
        return lc != 3;
    utf8proc_int32_t cp = first_cp(s, n);
    if (cp < 0)
        return 0;
    utf8proc_category_t k = utf8proc_category(cp);
    return k >= UTF8PROC_CATEGORY_LU && k <= UTF8PROC_CATEGORY_LO;
}

int pk_case_beyond(const char *s, size_t n)
{
    int k = latin_case(s, n);
    if (k)
        return k == 3 ? 0 : k;
    utf8proc_int32_t cp = first_cp(s, n);
    if (cp < 0)
        return 0;
    utf8proc_category_t cat = utf8proc_category(cp);
    return cat == UTF8PROC_CATEGORY_LU ? 1 : cat == UTF8PROC_CATEGORY_LL ? 2 : 0;
}

/* Eight bytes with A-Z folded to a-z (each byte's test exact, whatever
   the others: no carry crosses a byte) */
static inline uint64_t fold_az(uint64_t x)
{
    const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u;
    uint64_t low7 = x & ~high;
    uint64_t ge_a = low7 + (0x80 - 'A') * ones, gt_z = low7 + (0x80 - 'Z' - 1) * ones;
    return x | (~x & ge_a & ~gt_z & high) >> 2; /* A-Z take the bit 0x20 */
}

/* A multiply carries a byte's bits only upwards: the last one's high
   byte would reach no low bit, and a table indexed by the low bits would
   put names that differ in their last letter together. Every bit of h is
   spread over the low ones (the finaliser of MurmurHash3). */
static inline size_t mix_down(uint64_t h)
{
    h ^= h >> 33;
    h *= 0xFF51AFD7ED558CCDu;
    h ^= h >> 33;
    h *= 0xC4CEB9FE1A85EC53u;
    h ^= h >> 33;
    return (size_t)h;
}

/* Eight bytes at a time; the bytes of the last eight that were hashed
   already are shifted out, and a string shorter than eight bytes is read
   in overlapping pieces. */
size_t pk_hash_folded(const char *s, size_t n)
{
    const uint64_t mul = 0xFF51AFD7ED558CCDu;
    uint64_t h = 0x9E3779B97F4A7C15u ^ n, x;
    size_t i = 0;
#if defined(__SSE2__) && defined(__x86_64__)
    /* sixteen bytes folded at once (A-Z, as signed bytes: one from 0x80
       is below 0), then hashed as their two halves, as below */
    for (; i + 16 <= n; i += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
        __m128i up = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('A' - 1)), _mm_cmplt_epi8(v, _mm_set1_epi8('Z' + 1)));
        v = _mm_or_si128(v, _mm_and_si128(up, _mm_set1_epi8(0x20)));
        h = (h ^ (uint64_t)_mm_cvtsi128_si64(v)) * mul;
        h = (h ^ (uint64_t)_mm_cvtsi128_si64(_mm_unpackhi_epi64(v, v))) * mul;
    }
#endif
    for (; i + 8 <= n; i += 8) {
        memcpy(&x, s + i, 8);
        h = (h ^ fold_az(x)) * mul;
    }
    if (i == n)
        return mix_down(h);
    if (n >= 8) {
        memcpy(&x, s + n - 8, 8);
        x >>= 8 * (8 - (n - i));
    } else if (n >= 4) {
        uint32_t lo, hi;
        memcpy(&lo, s, 4);
        memcpy(&hi, s + n - 4, 4);
        x = lo | (uint64_t)hi << 8 * (n - 4);
    } else {
        x = (uint64_t)(unsigned char)s[0] | (uint64_t)(unsigned char)s[n / 2] << 8 * (n / 2) |
            (uint64_t)(unsigned char)s[n - 1] << 8 * (n - 1);
    }
    h = (h ^ fold_az(x)) * mul;
    return mix_down(h);
}

#if defined(__SSE2__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define LOWER_SSE2 1
/* (under AddressSanitizer, PK_NO_OVERREAD: pk_lower reads only the
   string's own bytes) */
#if !defined(PK_NO_OVERREAD)
/* sixteen bytes from lower_keep + 16 - w: w bytes 0xFF, then zero */
static const unsigned char lower_keep[32] = {0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
                                             0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF};
#endif
/* The r bytes at s (1 to 8) as a number, the first byte lowest, the bytes
   past r zero: read in two pieces that may overlap (their common bytes
   are the same), none past s + r */
static inline uint64_t bytes_le(const char *s, size_t r)
{
    uint64_t x;
    if (r == 8) {
        memcpy(&x, s, 8);
        return x;
    }
    if (r >= 4) {
        uint32_t lo, hi;
        memcpy(&lo, s, 4);
        memcpy(&hi, s + r - 4, 4);
        return lo | (uint64_t)hi << 8 * (r - 4);
    }
    if (r >= 2) {
        uint16_t lo, hi;
        memcpy(&lo, s, 2);
        memcpy(&hi, s + r - 2, 2);
        return lo | (uint64_t)hi << 8 * (r - 2);
    }
    return (unsigned char)s[0];
}
#endif

char *pk_lower(arena *a, const char *s, size_t n)
{
    /* lower case never more than doubles in UTF-8; sixteen bytes more for
       the last sixteen the step below stores */
    char *out = pk_arena_alloc(a, n * 2 + 16 + 1);
    size_t o = 0, i = 0;
    while (i < n) {
#if defined(LOWER_SSE2)
        /* sixteen bytes at a time, the last fewer (one load within their
           page, the bytes past the end masked to zero, else read in pieces
           by the length): A-Z take 0x20, and so do the
           Latin-1 capitals (0x80..0x9E but 0x97 after 0xC3) as below; the
           bytes before the first that is neither ASCII nor such a pair of
           bytes (a pair cut by the end of the sixteen included) are kept,
           the rest written over below */
        {
            size_t r = n - i, w = r < 16 ? r : 16;
            __m128i x;
            if (r >= 16)
                x = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
#if !defined(PK_NO_OVERREAD)
            /* fewer than sixteen left (most words and names asked): one
               load where the sixteen bytes lie in one page, as it may read
               past the string's end but never into a page the string does
               not touch (the way strlen reads), the bytes past the end
               masked to zero; the pieces below went by the length */
            else if (pk_in_page(s + i, 16))
                x = _mm_and_si128(_mm_loadu_si128((const __m128i *)(const void *)(s + i)),
                                  _mm_loadu_si128((const __m128i *)(const void *)(lower_keep + 16 - w)));
#endif
            else if (r > 8)
                x = _mm_set_epi64x((long long)bytes_le(s + i + 8, r - 8), (long long)bytes_le(s + i, 8));
            else
                x = _mm_set_epi64x(0, (long long)bytes_le(s + i, r));
            __m128i up = _mm_and_si128(_mm_cmpgt_epi8(x, _mm_set1_epi8('A' - 1)), _mm_cmplt_epi8(x, _mm_set1_epi8('Z' + 1)));
            __m128i lead = _mm_cmpeq_epi8(x, _mm_set1_epi8((char)0xC3));
            __m128i cap = _mm_andnot_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8((char)0x97)),
                                           _mm_and_si128(_mm_slli_si128(lead, 1), _mm_cmplt_epi8(x, _mm_set1_epi8((char)0x9F))));
            _mm_storeu_si128((__m128i *)(void *)(out + o), _mm_or_si128(x, _mm_and_si128(_mm_or_si128(up, cap), _mm_set1_epi8(0x20))));
            unsigned c3 = (unsigned)_mm_movemask_epi8(lead), cont = (unsigned)_mm_movemask_epi8(_mm_cmplt_epi8(x, _mm_set1_epi8((char)0xC0)));
            unsigned bad = (unsigned)_mm_movemask_epi8(x) & ~((c3 & cont >> 1) | (cont & c3 << 1));
            size_t k = bad ? (size_t)__builtin_ctz(bad) : w;
            o += k;
            i += k;
            if (k == w)
                continue;
        }
#else
        /* eight bytes at a time: A-Z take 0x20; the ASCII bytes before the
           first that is not are kept (no carry reaches them), the rest
           written over below */
        if (n - i >= 8) {
            const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u;
            uint64_t x;
            memcpy(&x, s + i, 8);
            uint64_t h = x & high;
            x |= ((x + (0x80 - 'A') * ones) & ~(x + (0x7F - 'Z') * ones) & high & ~x) >> 2;
            memcpy(out + o, &x, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
            size_t k = h ? (size_t)__builtin_ctzll(h) / 8 : 8; /* the lowest byte first in memory */
#else
            size_t k = h ? 0 : 8;
#endif
            o += k;
            i += k;
            if (k == 8)
                continue;
        }
#endif
        unsigned char u = (unsigned char)s[i];
        if (u < 0x80) { /* ASCII, and the Latin-1 letters (À-Þ but ×), without a call */
            out[o++] = (char)(u >= 'A' && u <= 'Z' ? u + 32 : u);
            i++;
            continue;
        }
        if (u == 0xC3 && i + 1 < n && ((unsigned char)s[i + 1] & 0xC0) == 0x80) {
            unsigned char b = (unsigned char)s[i + 1];
            out[o++] = (char)u;
            out[o++] = (char)(b <= 0x9E && b != 0x97 ? b + 0x20 : b);
            i += 2;
            continue;
        }
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &cp);
        if (k <= 0) {
            out[o++] = s[i++];
            continue;
        }
        o += (size_t)utf8proc_encode_char(utf8proc_tolower(cp), (utf8proc_uint8_t *)out + o);
        i += (size_t)k;
    }
    out[o] = 0;
    return out;
}

char *pk_capitalize(arena *a, const char *s)
{
    size_t n = strlen(s), o = 0;
    char *out = pk_arena_alloc(a, n + 4 + 1); /* an upper-case letter is at most four bytes */
    utf8proc_int32_t cp;
    utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &cp);
    if (k > 0) {
        o = (size_t)utf8proc_encode_char(utf8proc_toupper(cp), (utf8proc_uint8_t *)out);
        memcpy(out + o, s + k, n - (size_t)k);
        o += n - (size_t)k;
    } else {
        memcpy(out, s, n);
        o = n;
    }
    out[o] = 0;
    return out;
}

int pk_buf_reserve(pk_buf *b, size_t more)
{
    if (b->bad)
        return -1;
    if (b->n + more + 1 <= b->cap)
        return 0;
    /* a page at first: a record's JSON (with the room its writer asks for
       ahead of each group and string) most often fits without a realloc */
    size_t cap = b->cap ? b->cap : 4096;
    while (cap < b->n + more + 1)
        cap *= 2;
    char *p = pk_realloc(b->s, cap);
    if (!p) {
        b->bad = 1;
        return -1;
    }
    b->s = p;
    b->cap = cap;
    return 0;
}

void pk_buf_add(pk_buf *b, const char *s, size_t n)
{
    /* most adds fit: pk_buf_reserve's test here, without the call */
    if ((b->bad || b->n + n + 1 > b->cap) && pk_buf_reserve(b, n))
        return;
    memcpy(b->s + b->n, s, n);
    b->n += n;
}

char *pk_buf_finish(pk_buf *b)
{
    if (pk_buf_reserve(b, 0)) {
        free(b->s);
        return NULL;
    }
    b->s[b->n] = 0;
    return b->s;
}

size_t pk_first_from(const uint32_t *at, size_t n, size_t p)
{
    if (n == 0)
        return 0;
    /* the answer lies in [b, b + len]; each step halves len without a
       branch (a conditional move): where p falls among the offsets is no
       pattern a branch could guess */
    const uint32_t *b = at;
    size_t len = n;
    while (len > 1) {
        size_t half = len / 2;
        b = b[half - 1] < p ? b + half : b;
        len -= half;
    }
    return (size_t)(b - at) + (*b < p);
}

/* The first place at or after p when the last answer h does not hold it
   among its neighbours (pk_first_from_near): apart, so that the common
   way saves no registers for a call. */
__attribute__((noinline)) static size_t first_from_far(const uint32_t *at, size_t n, size_t p, size_t *hint)
{
    size_t r = pk_first_from(at, n, p);
    *hint = r;
    return r;
}

/* 1 when a < b, else 0, for a and b below SIZE_MAX / 2 (the top bit of
   a - b): an integer the compiler keeps, where of a comparison's truth
   it may make a branch */
static inline size_t below_of(size_t a, size_t b) { return (a - b) >> (sizeof(size_t) * CHAR_BIT - 1); }

size_t pk_first_from_near(const uint32_t *at, size_t n, size_t p, size_t *hint)
{
    /* the answer is mostly the last one or the one after it (questions
       asked in order): the two places from the last answer h, counted
       below p without a branch, give it when the place before them is
       below p (or none) and the one after them is not (or none); else
       the places are halved (pk_first_from). A walk from h took a branch
       on each place it passed (which way, how far), none a pattern could
       guess. With no places (`at` may be NULL) the answer is 0: a branch
       that goes the same way for all a kind's questions. */
    if (n == 0)
        return *hint = 0;
    const uint32_t *a = at;
    size_t last = n - 1, h = *hint < n ? *hint : n;
    size_t i0 = h < last ? h : last, i1 = h + 1 < last ? h + 1 : last, i2 = h + 2 < last ? h + 2 : last;
    size_t below = (below_of(h, n) & below_of(a[i0], p)) + (below_of(h + 1, n) & below_of(a[i1], p));
    size_t holds = (below_of(h, 1) | below_of(a[h - (h != 0)], p)) & (below_of(n, h + 3) | (below_of(a[i2], p) ^ 1));
    if (!holds)
        return first_from_far(at, n, p, hint);
    *hint = h + below;
    return h + below;
}
