/* The record as JSON: a streaming writer into one growing buffer, field
   names and order as SPEC.md, compact (no spaces). Strings are escaped
   per RFC 8259; bytes that are not valid UTF-8 (a file name in Latin-1)
   become U+FFFD, so the output is always valid JSON. The tests parse every
   record with jansson and Python.

   The record is written in groups (the fields before the first list, each
   item of a list, ...): a group asks for room for its keys and numbers
   once, and each string (put_z) grows the buffer as it needs and leaves
   room after it for what follows, so that keys, punctuation and numbers
   are written without a test of room per piece. */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* Room a group asks for before it is written: its keys, punctuation and
   numbers up to its first string, or all of them in a group without one
   (fewer than 64 bytes in any group below); put_z sees to the strings and
   to the room after each (AFTER) */
#define ROOM 256
/* the most a string of n bytes takes escaped, besides its quotes */
#define STR_ROOM(n) ((n) * 6)

/* Where a group of `more` bytes at most is written, after the record's
   bytes so far; NULL when out of memory (the buffer is then bad). */
static inline char *room(pk_buf *o, size_t more)
{
    if ((o->bad || o->n + more + 1 > o->cap) && pk_buf_reserve(o, more))
        return NULL;
    return o->s + o->n;
}

/* the literal s at w, w past it */
#define PUT(w, s) (memcpy((w), (s), sizeof(s) - 1), (w) += sizeof(s) - 1)

#if defined(__SSE2__)
/* The bytes of x that may need a look, as bits: a control character, '"',
   '\\', or any byte from 0x80 (signed bytes: those below 0x20) */
static inline unsigned special16(__m128i x)
{
    return (unsigned)_mm_movemask_epi8(
        _mm_or_si128(_mm_cmplt_epi8(x, _mm_set1_epi8(0x20)),
                     _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('"')), _mm_cmpeq_epi8(x, _mm_set1_epi8('\\')))));
}

/* x's continuation bytes 80..BF (signed: below C0), as bits */
static inline unsigned cont16(__m128i x)
{
    return (unsigned)_mm_movemask_epi8(_mm_cmplt_epi8(x, _mm_set1_epi8((char)0xC0)));
}

/* x's leads of two bytes C2..DF, as bits: the one range that the adding
   of A0 takes to 62..7F, above 61 as signed bytes (one compare, not two) */
static inline unsigned lead16(__m128i x)
{
    return (unsigned)_mm_movemask_epi8(
        _mm_cmpgt_epi8(_mm_add_epi8(x, _mm_set1_epi8((char)0xA0)), _mm_set1_epi8(0x61)));
}

/* Of the bytes that may need a look (special), those that do: a lead of
   two bytes followed by a continuation, and that continuation, are a
   valid character as they stand (a lead at the end of the bytes, or a
   continuation at their start, still gets a look); before the first byte
   that needs a look they pair up in order, as no byte is both a lead and
   a continuation. (computed whatever special holds: the last block of
   every string has a byte that needs a look, its end, and a test here
   would go one way or the other as the strings come) */
static inline unsigned look_bits(unsigned special, unsigned cont, unsigned lead)
{
    return special & ~((lead & (cont >> 1)) | (cont & (lead << 1)));
}

/* The bytes of x that need a look, as bits */
static inline unsigned look16(__m128i x) { return look_bits(special16(x), cont16(x), lead16(x)); }
#endif

#if defined __GNUC__ && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
/* The m bytes q[0..m) (1 to 7) as the low bytes of a word, from loads
   within them that overlap, and after them plain letters */
static inline uint64_t last_bytes(const char *q, size_t m)
{
    uint64_t x;
    if (m >= 4) {
        uint32_t lo, hi;
        memcpy(&lo, q, 4);
        memcpy(&hi, q + m - 4, 4);
        x = lo | (uint64_t)hi << (8 * (m - 4));
    } else {
        x = (uint64_t)(unsigned char)q[0] | (uint64_t)(unsigned char)q[m >> 1] << (8 * (m >> 1)) |
            (uint64_t)(unsigned char)q[m - 1] << (8 * (m - 1));
    }
    return x | (0x0101010101010101u * 'a') << (8 * m);
}
#endif

/* The number of bytes from p (of r) before the first that needs a look
   (a control character, '"', '\\', or any byte from 0x80: put_char sees
   to those), those bytes copied to w. Up to 8 bytes past them may be
   written (the room has them). Strings of a known length, read within
   them: an error record's (the caller's strings) and, in the build
   without SSE2, every string (put_z). */
static inline size_t plain_run(char *w, const char *p, size_t r)
{
    size_t j = 0;
#if defined __GNUC__ && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    /* eight bytes at a time: no control character, no byte from 0x80, no
       '"' and no '\\' (the tests of whether a word holds a byte below a
       bound or a zero byte); the last few bytes in one word */
    const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
    while (j < r) {
        size_t m = r - j;
        uint64_t x;
        if (m >= 8) {
            m = 8;
            memcpy(&x, p + j, 8);
        } else {
            x = last_bytes(p + j, m);
        }
        uint64_t a = x ^ (ones * '"'), b = x ^ (ones * '\\');
        uint64_t look = (((x - ones * 0x20) & ~x) | x | ((a - ones) & ~a) | ((b - ones) & ~b)) & highs;
        memcpy(w + j, &x, 8);
        if (look)
            /* the lowest flagged byte is the first that needs a look (a
               borrow flags only bytes above a flagged one) */
            return j + ((size_t)__builtin_ctzll(look) >> 3);
        j += m;
    }
    return r;
#else
    for (; j < r; j++) {
        unsigned char c = (unsigned char)p[j];
        if (c < 0x20 || c >= 0x80 || c == '"' || c == '\\')
            break;
        w[j] = (char)c;
    }
    return j;
#endif
}

/* The character at s (n bytes from s to the string's end, s[0] a byte
   that needs a look) at w, escaped or as it stands; the bytes of s it
   took in *used */
static char *put_char(char *w, const char *s, size_t n, size_t *used)
{
    unsigned char c = (unsigned char)s[0];
    if (c >= 0xC2 && c <= 0xDF && 1 < n && ((unsigned char)s[1] & 0xC0) == 0x80) {
        *w++ = (char)c; /* a character of two bytes ("å"): valid as it stands */
        *w++ = s[1];
        *used = 2;
    } else if (c >= 0x80) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t l = utf8proc_iterate((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &cp);
        if (l > 0) {
            memcpy(w, s, (size_t)l);
            w += l;
            *used = (size_t)l;
        } else {
            memcpy(w, "\xEF\xBF\xBD", 3); /* U+FFFD */
            w += 3;
            *used = 1;
        }
    } else if (c == '"' || c == '\\') {
        *used = 1;
        *w++ = '\\';
        *w++ = (char)c;
    } else if (c >= 0x20) {
        *used = 1;
        *w++ = (char)c;
    } else {
        static const char hex[] = "0123456789ABCDEF";
        *used = 1;
        *w++ = '\\';
        switch (c) {
        case '\b': *w++ = 'b'; break;
        case '\f': *w++ = 'f'; break;
        case '\n': *w++ = 'n'; break;
        case '\r': *w++ = 'r'; break;
        case '\t': *w++ = 't'; break;
        default:
            *w++ = 'u';
            *w++ = '0';
            *w++ = '0';
            *w++ = hex[c >> 4];
            *w++ = hex[c & 15];
        }
    }
    return w;
}

/* The rest of put_str from s[i], a byte that needs a look (w after the
   bytes before it); the end. */
static char *put_str_rest(char *w, const char *s, size_t n, size_t i)
{
    for (;;) {
        size_t used;
        w = put_char(w, s + i, n - i, &used);
        i += used;
        size_t k = plain_run(w, s + i, n - i);
        w += k;
        i += k;
        if (i >= n)
            break;
    }
    *w++ = '"';
    return w;
}

/* The string s of n bytes quoted and escaped at w (room STR_ROOM(n) + 2,
   and the 8 bytes past); the end. Most strings need no escape: their
   copy is all, the rest apart. */
static inline char *put_str(char *w, const char *s, size_t n)
{
    *w++ = '"';
    size_t k = plain_run(w, s, n);
    if (k < n)
        return put_str_rest(w + k, s, n, k);
    w[k] = '"';
    return w + k + 1;
}

/* s (n bytes, strlen) as a JSON string, or null */
static inline char *put_s(char *w, const char *s, size_t n)
{
    if (!s)
        return PUT(w, "null"), w;
    return put_str(w, s, n);
}

/* Room a string's writer leaves after the string for the rest of its
   group: the keys, numbers and punctuation up to the next string or the
   group's end (below 256 bytes in any group), and the bytes a block copy
   of the next string may write past its end */
#define AFTER 512

#if defined(__SSE2__)
/* 16 bytes from p, those up to the zero that ends its string (and that
   zero) p's: one load where the 16 lie in one page, as it may read past
   the string's end but never into a page the string does not touch (the
   way strlen reads); else, and under AddressSanitizer, which would see
   the bytes past the end, the string's bytes copied up to its end */
static inline __m128i load_z(const char *p)
{
#if !defined(PK_NO_OVERREAD)
    if (__builtin_expect(pk_in_page(p, 16), 1))
        return _mm_loadu_si128((const __m128i *)(const void *)p);
#endif
    char b[16] = {0};
    for (size_t i = 0; i < 16 && p[i]; i++)
        b[i] = p[i];
    return _mm_loadu_si128((const __m128i *)(const void *)b);
}
#endif

#if defined(__SSE2__)
/* put_z from p on, where the room runs short or a byte needs a look that
   is not the string's end (the same loop, with those two cases) */
__attribute__((noinline)) static char *put_z_rest(pk_buf *o, char *w, const char *p, char close)
{
    const char *end = NULL;
    for (;;) {
        if ((size_t)(o->s + o->cap - w) < AFTER + 16 + 8) {
            size_t at = (size_t)(w - o->s);
            o->n = at;
            if (pk_buf_reserve(o, AFTER + 16 + 8))
                return NULL;
            w = o->s + at;
        }
        __m128i x = load_z(p);
        _mm_storeu_si128((__m128i *)(void *)w, x);
        unsigned look = look16(x);
        if (!look) {
            p += 16;
            w += 16;
            continue;
        }
        size_t k = (size_t)__builtin_ctz(look), used;
        p += k;
        w += k;
        if (!*p)
            break;
        /* a byte to escape, or one from 0x80 not of a valid character of
           two bytes: the string's end found once, for the characters that
           need it */
        if (!end)
            end = p + strlen(p);
        w = put_char(w, p, (size_t)(end - p), &used);
        p += used;
    }
    *w++ = close;
    return w;
}
#endif

/* The string s (NUL-terminated), or null when s is NULL, at w in o's
   buffer, which grows as needed to leave AFTER bytes of room after it;
   the end, or NULL when out of memory. Its length is not asked first:
   the blocks that copy it find its end as one more byte that needs a
   look. */
static char *put_z(pk_buf *o, char *w, const char *s)
{
#if defined(__SSE2__)
    /* null as the letters "ul" between an 'n' and an 'l' in place of the
       quotes: a null string takes the same way as any other */
    /* (by masks: a compiler turns the selections into a branch) */
    uintptr_t none = (uintptr_t)(s == NULL), all = 0 - none;
    const char *p = (const char *)((uintptr_t)s | (all & (uintptr_t) "ul"));
    char close = (char)('"' + (all & ('l' - '"')));
    *w++ = (char)('"' + (all & ('n' - '"')));
    /* most strings: blocks of plain bytes up to the end, in room the
       buffer has (without a call, no register to save) */
    /* (as integers: a buffer smaller than that has no such place in it) */
    /* thirty-two bytes a step where they lie in one page (most strings
       end within them: a step of sixteen went on or stopped as the
       strings' lengths came), else sixteen */
    uintptr_t lim = (uintptr_t)o->s + o->cap - (AFTER + 32 + 8);
    for (;;) {
        if (__builtin_expect((uintptr_t)w > lim, 0))
            break;
        unsigned look;
        size_t step;
#if !defined(PK_NO_OVERREAD)
        if (__builtin_expect(pk_in_page(p, 32), 1)) {
            __m128i x0 = _mm_loadu_si128((const __m128i *)(const void *)p);
            __m128i x1 = _mm_loadu_si128((const __m128i *)(const void *)(p + 16));
            _mm_storeu_si128((__m128i *)(void *)w, x0);
            _mm_storeu_si128((__m128i *)(void *)(w + 16), x1);
            /* (as one run of 32: a character across the two blocks passes) */
            look = look_bits(special16(x0) | special16(x1) << 16, cont16(x0) | cont16(x1) << 16,
                             lead16(x0) | lead16(x1) << 16);
            step = 32;
        } else
#endif
        {
            __m128i x = load_z(p);
            _mm_storeu_si128((__m128i *)(void *)w, x);
            look = look16(x);
            step = 16;
        }
        if (!look) {
            p += step;
            w += step;
            continue;
        }
        size_t k = (size_t)__builtin_ctz(look);
        p += k;
        w += k;
        if (__builtin_expect(*p != 0, 0))
            break;
        *w++ = close;
        return w;
    }
    return put_z_rest(o, w, p, close);
#else
    if (!s)
        return PUT(w, "null"), w;
    size_t n = strlen(s), at = (size_t)(w - o->s);
    o->n = at;
    if (pk_buf_reserve(o, STR_ROOM(n) + 2 + AFTER))
        return NULL;
    return put_str(o->s + at, s, n);
#endif
}

/* The two digits of each number below 100, in order */
static const char pairs[] = "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
                            "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
                            "8081828384858687888990919293949596979899";

/* put_num's numbers from 10,000 and below 0: their digits are counted
   first, then written from the last, two at a time from the table. */
static char *put_long_num(char *w, long long v)
{
    static const unsigned long long pow10[20] = {1u,
                                                 10u,
                                                 100u,
                                                 1000u,
                                                 10000u,
                                                 100000u,
                                                 1000000u,
                                                 10000000u,
                                                 100000000u,
                                                 1000000000u,
                                                 10000000000u,
                                                 100000000000u,
                                                 1000000000000u,
                                                 10000000000000u,
                                                 100000000000000u,
                                                 1000000000000000u,
                                                 10000000000000000u,
                                                 100000000000000000u,
                                                 1000000000000000000u,
                                                 10000000000000000000u};
    unsigned long long u = v < 0 ? 0 - (unsigned long long)v : (unsigned long long)v;
    if (v < 0)
        *w++ = '-';
    /* the number of digits: from the number of bits (1233 / 4096 is about
       log10 2), one fewer below the power of ten (u | 1: 0 has a digit,
       and no power of ten from 10 is odd) */
    unsigned t = (unsigned)(64 - __builtin_clzll(u | 1)) * 1233 >> 12;
    char *e = w + t + ((u | 1) >= pow10[t]);
    char *p = e;
    while (u > 0xFFFFFFFFu) {
        size_t d = (size_t)(u % 100);
        u /= 100;
        p -= 2;
        memcpy(p, pairs + 2 * d, 2);
    }
    uint32_t x = (uint32_t)u; /* most numbers: offsets, pages and years */
    while (x >= 100) {
        uint32_t d = x % 100;
        x /= 100;
        p -= 2;
        memcpy(p, pairs + 2 * d, 2);
    }
    if (x >= 10)
        memcpy(p - 2, pairs + 2 * x, 2);
    else
        p[-1] = (char)('0' + x);
    return e;
}

/* The number v at w (20 bytes at most); the end. The numbers below 10,000
   (most pages, offsets and years: three to a span, some 20 a record)
   where they are written, without a call. */
static inline char *put_num(char *w, long long v)
{
    if ((unsigned long long)v < 10) {
        *w = (char)('0' + v); /* one digit: most pages */
        return w + 1;
    }
    if ((unsigned long long)v < 10000) {
        /* two to four digits: no count of digits, no loop */
        uint32_t x = (uint32_t)v, hi = x / 100, lo = x % 100;
        if (x < 100) {
            memcpy(w, pairs + 2 * x, 2);
            return w + 2;
        }
        if (hi < 10) {
            *w = (char)('0' + hi);
            memcpy(w + 1, pairs + 2 * lo, 2);
            return w + 3;
        }
        memcpy(w, pairs + 2 * hi, 2);
        memcpy(w + 2, pairs + 2 * lo, 2);
        return w + 4;
    }
    return put_long_num(w, v);
}

static inline char *put_year(char *w, int y)
{
    if (!y)
        return PUT(w, "null"), w;
    return put_num(w, y);
}

/* [start,end],"page":page: beside every span, its page (three numbers) */
static inline char *put_span(char *w, pk_span sp)
{
    *w++ = '[';
    w = put_num(w, (long long)sp.start);
    *w++ = ',';
    w = put_num(w, (long long)sp.end);
    PUT(w, "],\"page\":");
    return put_num(w, (long long)sp.page);
}

/* the record's bytes end at w */
#define AT(o, w) ((o)->n = (size_t)((w) - (o)->s))

/* the string s at w (in record_json_into, o's buffer), or to the end when out
   of memory */
#define STR(s)                                                                                                         \
    do {                                                                                                               \
        if (!(w = put_z(&o, w, (s))))                                                                                  \
            goto done;                                                                                                 \
    } while (0)

/* A list's end: its last item's comma dropped */
static inline void drop_comma(pk_buf *o, size_t n) { o->n -= n > 0; }

/* The record r's JSON after the o->n bytes of o (o->n then past it); 0,
   or -1 when out of memory (o->bad set, o->s still o's) */
static int record_json_into(const pk_record *r, pk_buf *op)
{
    pk_buf o = *op;
    char *w;
    if (!(w = room(&o, ROOM)))
        goto done;
    PUT(w, "{\"source\":");
    STR(r->source);
    PUT(w, ",\"doc_type\":");
    STR(r->doc_type);
    PUT(w, ",\"title\":");
    STR(r->title);
    PUT(w, ",\"body\":");
    STR(r->body);
    PUT(w, ",\"body_canonical\":");
    STR(r->body_canonical);
    PUT(w, ",\"administration\":");
    STR(r->administration);
    PUT(w, ",\"paragraph\":");
    STR(r->paragraph);
    PUT(w, ",\"registration_numbers\":[");
    AT(&o, w);

    for (size_t i = 0; i < r->n_registration_numbers; i++) {
        const pk_regnum *x = &r->registration_numbers[i];
        if (!(w = room(&o, ROOM)))
            goto done;
        PUT(w, "{\"text\":");
        STR(x->text);
        PUT(w, ",\"value\":");
        STR(x->value);
        PUT(w, ",\"prefix\":");
        STR(x->prefix);
        PUT(w, ",\"year\":");
        w = put_year(w, x->year);
        PUT(w, ",\"span\":");
        w = put_span(w, x->span);
        PUT(w, "},");
        AT(&o, w);
    }
    drop_comma(&o, r->n_registration_numbers);

    {
        const pk_award *aw = r->award;
        if (!(w = room(&o, ROOM)))
            goto done;
        PUT(w, "],\"document_date\":");
        STR(r->document_date);
        PUT(w, ",\"meeting_date\":");
        STR(r->meeting_date);
        PUT(w, ",\"award\":");
        if (aw) {
            PUT(w, "{\"name\":");
            STR(aw->name);
            PUT(w, ",\"year\":");
            w = put_year(w, aw->year);
            PUT(w, ",\"class\":");
            STR(aw->klass);
            PUT(w, "}");
        } else {
            PUT(w, "null");
        }
        PUT(w, ",\"decisions\":[");
        AT(&o, w);
    }

    for (size_t i = 0; i < r->n_decisions; i++) {
        const pk_decision *x = &r->decisions[i];
        if (!(w = room(&o, ROOM)))
            goto done;
        PUT(w, "{\"kind\":");
        STR(x->kind);
        PUT(w, ",\"formula\":");
        STR(x->formula);
        PUT(w, ",\"actor\":");
        STR(x->actor);
        PUT(w, ",\"text\":");
        STR(x->text);
        PUT(w, ",\"span\":");
        w = put_span(w, x->span);
        PUT(w, "},");
        AT(&o, w);
    }
    drop_comma(&o, r->n_decisions);
    if (!(w = room(&o, ROOM)))
        goto done;
    PUT(w, "],\"units\":[");
    AT(&o, w);

    for (size_t i = 0; i < r->n_units; i++) {
        const pk_unit *x = &r->units[i];
        if (!(w = room(&o, ROOM)))
            goto done;
        PUT(w, "{\"name\":");
        STR(x->name);
        PUT(w, ",\"parent\":");
        STR(x->parent);
        PUT(w, ",\"key\":");
        STR(x->key);
        PUT(w, ",\"class\":");
        STR(x->klass);
        PUT(w, ",\"span\":");
        w = put_span(w, x->span);
        PUT(w, "},");
        AT(&o, w);
    }
    drop_comma(&o, r->n_units);
    if (!(w = room(&o, ROOM)))
        goto done;
    PUT(w, "],\"people\":[");
    AT(&o, w);

    for (size_t i = 0; i < r->n_people; i++) {
        const pk_person *x = &r->people[i];
        if (!(w = room(&o, ROOM)))
            goto done;
        PUT(w, "{\"name\":");
        STR(x->name);
        PUT(w, ",\"title\":");
        STR(x->title);
        PUT(w, ",\"party\":");
        STR(x->party);
        PUT(w, ",\"role\":");
        STR(x->role);
        PUT(w, ",\"span\":");
        w = put_span(w, x->span);
        PUT(w, "},");
        AT(&o, w);
    }
    drop_comma(&o, r->n_people);
    if (!(w = room(&o, ROOM)))
        goto done;
    PUT(w, "],\"dates\":[");
    AT(&o, w);

    for (size_t i = 0; i < r->n_dates; i++) {
        const pk_date *x = &r->dates[i];
        if (!(w = room(&o, ROOM)))
            goto done;
        PUT(w, "{\"text\":");
        STR(x->text);
        PUT(w, ",\"iso\":");
        STR(x->iso);
        PUT(w, ",\"role\":");
        STR(x->role);
        if (x->year_inferred)
            PUT(w, ",\"year_inferred\":true,\"span\":");
        else
            PUT(w, ",\"year_inferred\":false,\"span\":");
        w = put_span(w, x->span);
        PUT(w, "},");
        AT(&o, w);
    }
    drop_comma(&o, r->n_dates);
    if (!(w = room(&o, ROOM)))
        goto done;
    PUT(w, "],\"warnings\":[");
    AT(&o, w);

    for (size_t i = 0; i < r->n_warnings; i++) {
        if (!(w = room(&o, ROOM)))
            goto done;
        STR(r->warnings[i]);
        PUT(w, ",");
        AT(&o, w);
    }
    drop_comma(&o, r->n_warnings);

    /* the meeting that groups the records of whole minutes, else null */
    const pk_meeting *m = r->meeting;
    if (m) {
        if (!(w = room(&o, ROOM)))
            goto done;
        PUT(w, "],\"meeting\":{\"body\":");
        STR(m->body);
        PUT(w, ",\"body_canonical\":");
        STR(m->body_canonical);
        PUT(w, ",\"date\":");
        STR(m->date);
        PUT(w, ",\"first_paragraph\":");
        STR(m->first_paragraph);
        PUT(w, ",\"last_paragraph\":");
        STR(m->last_paragraph);
        PUT(w, ",\"paragraphs\":");
        w = put_num(w, (long long)m->n_paragraphs);
        PUT(w, ",\"span\":");
        w = put_span(w, m->span);
        PUT(w, "}}");
    } else {
        if (!(w = room(&o, ROOM)))
            goto done;
        PUT(w, "],\"meeting\":null}");
    }
    AT(&o, w);
done:
    *op = o;
    return o.bad ? -1 : 0;
}

static char *record_json(const pk_record *r)
{
    if (!r)
        return NULL;
    pk_buf o = {0};
    record_json_into(r, &o);
    return pk_buf_finish(&o);
}

PK_EXPORT char *pk_doc_to_json(const pk_doc *doc) { return record_json(pk_doc_record(doc)); }

PK_EXPORT char *pk_doc_record_to_json(const pk_doc *doc, size_t i) { return record_json(pk_doc_record_at(doc, i)); }

PK_EXPORT int pk_doc_record_json_append(const pk_doc *doc, size_t i, char **buf, size_t *len, size_t *cap)
{
    const pk_record *r = pk_doc_record_at(doc, i);
    if (!r || !buf || !len || !cap || (*buf ? *len >= *cap : *len || *cap))
        return PK_EINVAL;
    pk_buf o = {*buf, *len, *cap, 0};
    int rc = record_json_into(r, &o);
    if (rc == 0)
        rc = pk_buf_reserve(&o, 0);
    /* (a failed realloc left the buffer as it was: still the caller's) */
    *buf = o.s;
    *cap = o.cap;
    if (rc)
        return PK_ENOMEM;
    o.s[o.n] = 0;
    *len = o.n;
    return 0;
}

PK_EXPORT char *pk_error_to_json(const char *source, const char *message)
{
    pk_buf o = {0};
    if (!message)
        message = "error";
    /* (the caller's strings, their lengths asked first: put_z's blocks
       would read past their ends) */
    size_t a = source ? strlen(source) : 0, b = strlen(message);
    char *w = room(&o, ROOM + STR_ROOM(a + b));
    if (w) {
        PUT(w, "{\"source\":");
        w = put_s(w, source, a);
        PUT(w, ",\"error\":");
        w = put_str(w, message, b);
        PUT(w, "}");
        AT(&o, w);
    }
    return pk_buf_finish(&o);
}
