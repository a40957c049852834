/* The record as JSON: a streaming writer into one growing buffer, field
   names and order as SPEC.md, compact (no spaces). Strings are escaped
   per RFC 8259; bytes that are not valid UTF-8 (a file name in Latin-1)
   become U+FFFD, so the output is always valid JSON. The tests parse every
   record with jansson and Python.

   The record is written in groups (the fields before the first list, each
   item of a list, ...): a group reserves room for its worst case at once
   (every string byte escaped as \u00XX, every number 20 characters) and
   is then written without a test of room per piece. */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* Room a group takes besides its strings' bytes: its keys and punctuation
   (fewer than 200 bytes in any group below), the 16 bytes a block copy of
   a string may write past its end, four bytes a string ("null" or its
   quotes and more) and 20 a number. */
#define ROOM(nstr, nnum) (256 + (nstr) * 4 + (nnum) * 20)
/* the most a string of n bytes takes, besides its four in ROOM */
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

static inline size_t len(const char *s) { return s ? strlen(s) : 0; }

#if defined(__SSE2__)
/* The bytes of x that need a look, as bits: a control character, '"',
   '\\', or a byte from 0x80 that is not part of a valid character of two
   bytes in x */
static inline unsigned look16(__m128i x)
{
    /* signed bytes: a control character and every byte from 0x80 are
       below 0x20; the continuations 80..BF below C0; the leads of two
       bytes C2..DF between C1 and E0 */
    unsigned look = (unsigned)_mm_movemask_epi8(
        _mm_or_si128(_mm_cmplt_epi8(x, _mm_set1_epi8(0x20)),
                     _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('"')), _mm_cmpeq_epi8(x, _mm_set1_epi8('\\')))));
    if (look) {
        unsigned cont = (unsigned)_mm_movemask_epi8(_mm_cmplt_epi8(x, _mm_set1_epi8((char)0xC0)));
        unsigned lead = (unsigned)_mm_movemask_epi8(
            _mm_and_si128(_mm_cmpgt_epi8(x, _mm_set1_epi8((char)0xC1)), _mm_cmplt_epi8(x, _mm_set1_epi8((char)0xE0))));
        /* a lead followed by a continuation, and that continuation, are a
           valid character as they stand (a lead at the end of x, or a
           continuation at its start, still gets a look); before the first
           byte that needs a look they pair up in order, as no byte is both
           a lead and a continuation */
        look &= ~((lead & (cont >> 1)) | (cont & (lead << 1)));
    }
    return look;
}
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
   (a control character, '"', '\\', or a byte from 0x80 that is not part
   of a valid character of two bytes), those bytes copied to w. Up to 16
   bytes past them may be written (the group's room has them). */
static inline size_t plain_run(char *w, const char *p, size_t r)
{
    size_t j = 0;
#if defined(__SSE2__)
    /* most strings are shorter (a name, a date, a role): they go straight
       to their last bytes */
    if (__builtin_expect(r >= 16, 0)) {
        for (; j + 16 <= r; j += 16) {
            __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(p + j));
            _mm_storeu_si128((__m128i *)(void *)(w + j), x);
            unsigned look = look16(x);
            if (look)
                return j + (size_t)__builtin_ctz(look);
        }
        if (j == r)
            return r;
        /* the last 1 to 15 bytes: the sixteen that end the string, loaded
           whole (no byte past it, no test of their number), the bits of
           those the block before looked at put aside. The byte before the
           last ones is no lead of two bytes (the block before stopped at
           such a byte at its end), so a continuation after it gets a look
           as at the start of a block; a lead at the end gets one too. */
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(p + r - 16));
        _mm_storeu_si128((__m128i *)(void *)(w + r - 16), x);
        unsigned look = look16(x) & (0xFFFFu << (16 - (r - j)));
        return look ? r - 16 + (size_t)__builtin_ctz(look) : r;
    }
#endif
#if defined(__SSE2__) && defined __GNUC__ && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    /* the last 1 to 15 bytes in one block, from loads within them, and
       after them plain letters */
    if (j < r) {
        const uint64_t fill = 0x0101010101010101u * 'a';
        const char *q = p + j;
        size_t m = r - j;
        uint64_t lo, hi = fill;
        if (m >= 8) {
            /* (the last eight shifted down past those of lo: by 8 and
               then 8 * (15 - m), no shift of 64 where m is 8) */
            memcpy(&lo, q, 8);
            memcpy(&hi, q + m - 8, 8);
            hi = hi >> 8 >> (8 * (15 - m)) | fill << (8 * (m - 8));
        } else {
            lo = last_bytes(q, m);
        }
        __m128i x = _mm_set_epi64x((long long)hi, (long long)lo);
        _mm_storeu_si128((__m128i *)(void *)(w + j), x);
        unsigned look = look16(x);
        if (look)
            return j + (size_t)__builtin_ctz(look);
    }
    return r;
#elif defined __GNUC__ && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
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

/* The rest of put_str from s[i], a byte that needs a look (w after the
   bytes before it); the end. */
static char *put_str_rest(char *w, const char *s, size_t n, size_t i)
{
    for (;;) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0xC2 && c <= 0xDF && i + 1 < n && ((unsigned char)s[i + 1] & 0xC0) == 0x80) {
            *w++ = (char)c; /* a character of two bytes ("å"): valid as it stands */
            *w++ = s[i + 1];
            i += 2;
        } else if (c >= 0x80) {
            utf8proc_int32_t cp;
            utf8proc_ssize_t l = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &cp);
            if (l > 0) {
                memcpy(w, s + i, (size_t)l);
                w += l;
                i += (size_t)l;
            } else {
                memcpy(w, "\xEF\xBF\xBD", 3); /* U+FFFD */
                w += 3;
                i++;
            }
        } else if (c == '"' || c == '\\') {
            i++;
            *w++ = '\\';
            *w++ = (char)c;
        } else if (c >= 0x20) {
            i++;
            *w++ = (char)c;
        } else {
            static const char hex[] = "0123456789ABCDEF";
            i++;
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
   and the 16 bytes past); the end. Most strings need no escape: their
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

/* A list's end: its last item's comma dropped */
static inline void drop_comma(pk_buf *o, size_t n) { o->n -= n > 0; }

static char *record_json(const pk_record *r)
{
    if (!r)
        return NULL;
    pk_buf o = {0};
    char *w;
    size_t l0 = len(r->source), l1 = len(r->doc_type), l2 = len(r->title), l3 = len(r->body),
           l4 = len(r->body_canonical), l5 = len(r->administration), l6 = len(r->paragraph);
    if (!(w = room(&o, ROOM(7, 0) + STR_ROOM(l0 + l1 + l2 + l3 + l4 + l5 + l6))))
        goto done;
    PUT(w, "{\"source\":");
    w = put_s(w, r->source, l0);
    PUT(w, ",\"doc_type\":");
    w = put_s(w, r->doc_type, l1);
    PUT(w, ",\"title\":");
    w = put_s(w, r->title, l2);
    PUT(w, ",\"body\":");
    w = put_s(w, r->body, l3);
    PUT(w, ",\"body_canonical\":");
    w = put_s(w, r->body_canonical, l4);
    PUT(w, ",\"administration\":");
    w = put_s(w, r->administration, l5);
    PUT(w, ",\"paragraph\":");
    w = put_s(w, r->paragraph, l6);
    PUT(w, ",\"registration_numbers\":[");
    AT(&o, w);

    for (size_t i = 0; i < r->n_registration_numbers; i++) {
        const pk_regnum *x = &r->registration_numbers[i];
        size_t a = len(x->text), b = len(x->value), c = len(x->prefix);
        if (!(w = room(&o, ROOM(3, 4) + STR_ROOM(a + b + c))))
            goto done;
        PUT(w, "{\"text\":");
        w = put_s(w, x->text, a);
        PUT(w, ",\"value\":");
        w = put_s(w, x->value, b);
        PUT(w, ",\"prefix\":");
        w = put_s(w, x->prefix, c);
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
        size_t a = len(r->document_date), b = len(r->meeting_date), c = aw ? len(aw->name) : 0,
               d = aw ? len(aw->klass) : 0;
        if (!(w = room(&o, ROOM(4, 1) + STR_ROOM(a + b + c + d))))
            goto done;
        PUT(w, "],\"document_date\":");
        w = put_s(w, r->document_date, a);
        PUT(w, ",\"meeting_date\":");
        w = put_s(w, r->meeting_date, b);
        PUT(w, ",\"award\":");
        if (aw) {
            PUT(w, "{\"name\":");
            w = put_s(w, aw->name, c);
            PUT(w, ",\"year\":");
            w = put_year(w, aw->year);
            PUT(w, ",\"class\":");
            w = put_s(w, aw->klass, d);
            PUT(w, "}");
        } else {
            PUT(w, "null");
        }
        PUT(w, ",\"decisions\":[");
        AT(&o, w);
    }

    for (size_t i = 0; i < r->n_decisions; i++) {
        const pk_decision *x = &r->decisions[i];
        size_t a = len(x->kind), b = len(x->formula), c = len(x->actor), d = len(x->text);
        if (!(w = room(&o, ROOM(4, 3) + STR_ROOM(a + b + c + d))))
            goto done;
        PUT(w, "{\"kind\":");
        w = put_s(w, x->kind, a);
        PUT(w, ",\"formula\":");
        w = put_s(w, x->formula, b);
        PUT(w, ",\"actor\":");
        w = put_s(w, x->actor, c);
        PUT(w, ",\"text\":");
        w = put_s(w, x->text, d);
        PUT(w, ",\"span\":");
        w = put_span(w, x->span);
        PUT(w, "},");
        AT(&o, w);
    }
    drop_comma(&o, r->n_decisions);
    if (!(w = room(&o, ROOM(0, 0))))
        goto done;
    PUT(w, "],\"units\":[");
    AT(&o, w);

    for (size_t i = 0; i < r->n_units; i++) {
        const pk_unit *x = &r->units[i];
        size_t a = len(x->name), b = len(x->parent), c = len(x->key), d = len(x->klass);
        if (!(w = room(&o, ROOM(4, 3) + STR_ROOM(a + b + c + d))))
            goto done;
        PUT(w, "{\"name\":");
        w = put_s(w, x->name, a);
        PUT(w, ",\"parent\":");
        w = put_s(w, x->parent, b);
        PUT(w, ",\"key\":");
        w = put_s(w, x->key, c);
        PUT(w, ",\"class\":");
        w = put_s(w, x->klass, d);
        PUT(w, ",\"span\":");
        w = put_span(w, x->span);
        PUT(w, "},");
        AT(&o, w);
    }
    drop_comma(&o, r->n_units);
    if (!(w = room(&o, ROOM(0, 0))))
        goto done;
    PUT(w, "],\"people\":[");
    AT(&o, w);

    for (size_t i = 0; i < r->n_people; i++) {
        const pk_person *x = &r->people[i];
        size_t a = len(x->name), b = len(x->title), c = len(x->party), d = len(x->role);
        if (!(w = room(&o, ROOM(4, 3) + STR_ROOM(a + b + c + d))))
            goto done;
        PUT(w, "{\"name\":");
        w = put_s(w, x->name, a);
        PUT(w, ",\"title\":");
        w = put_s(w, x->title, b);
        PUT(w, ",\"party\":");
        w = put_s(w, x->party, c);
        PUT(w, ",\"role\":");
        w = put_s(w, x->role, d);
        PUT(w, ",\"span\":");
        w = put_span(w, x->span);
        PUT(w, "},");
        AT(&o, w);
    }
    drop_comma(&o, r->n_people);
    if (!(w = room(&o, ROOM(0, 0))))
        goto done;
    PUT(w, "],\"dates\":[");
    AT(&o, w);

    for (size_t i = 0; i < r->n_dates; i++) {
        const pk_date *x = &r->dates[i];
        size_t a = len(x->text), b = len(x->iso), c = len(x->role);
        if (!(w = room(&o, ROOM(3, 3) + STR_ROOM(a + b + c))))
            goto done;
        PUT(w, "{\"text\":");
        w = put_s(w, x->text, a);
        PUT(w, ",\"iso\":");
        w = put_s(w, x->iso, b);
        PUT(w, ",\"role\":");
        w = put_s(w, x->role, c);
        if (x->year_inferred)
            PUT(w, ",\"year_inferred\":true,\"span\":");
        else
            PUT(w, ",\"year_inferred\":false,\"span\":");
        w = put_span(w, x->span);
        PUT(w, "},");
        AT(&o, w);
    }
    drop_comma(&o, r->n_dates);
    if (!(w = room(&o, ROOM(0, 0))))
        goto done;
    PUT(w, "],\"warnings\":[");
    AT(&o, w);

    for (size_t i = 0; i < r->n_warnings; i++) {
        size_t a = len(r->warnings[i]);
        if (!(w = room(&o, ROOM(1, 0) + STR_ROOM(a))))
            goto done;
        w = put_s(w, r->warnings[i], a);
        PUT(w, ",");
        AT(&o, w);
    }
    drop_comma(&o, r->n_warnings);

    /* the meeting that groups the records of whole minutes, else null */
    const pk_meeting *m = r->meeting;
    if (m) {
        size_t a = len(m->body), b = len(m->body_canonical), c = len(m->date), d = len(m->first_paragraph),
               e = len(m->last_paragraph);
        if (!(w = room(&o, ROOM(5, 4) + STR_ROOM(a + b + c + d + e))))
            goto done;
        PUT(w, "],\"meeting\":{\"body\":");
        w = put_s(w, m->body, a);
        PUT(w, ",\"body_canonical\":");
        w = put_s(w, m->body_canonical, b);
        PUT(w, ",\"date\":");
        w = put_s(w, m->date, c);
        PUT(w, ",\"first_paragraph\":");
        w = put_s(w, m->first_paragraph, d);
        PUT(w, ",\"last_paragraph\":");
        w = put_s(w, m->last_paragraph, e);
        PUT(w, ",\"paragraphs\":");
        w = put_num(w, (long long)m->n_paragraphs);
        PUT(w, ",\"span\":");
        w = put_span(w, m->span);
        PUT(w, "}}");
    } else {
        if (!(w = room(&o, ROOM(0, 0))))
            goto done;
        PUT(w, "],\"meeting\":null}");
    }
    AT(&o, w);
done:
    return pk_buf_finish(&o);
}

PK_EXPORT char *pk_doc_to_json(const pk_doc *doc) { return record_json(pk_doc_record(doc)); }

PK_EXPORT char *pk_doc_record_to_json(const pk_doc *doc, size_t i) { return record_json(pk_doc_record_at(doc, i)); }

PK_EXPORT char *pk_error_to_json(const char *source, const char *message)
{
    pk_buf o = {0};
    if (!message)
        message = "error";
    size_t a = len(source), b = strlen(message);
    char *w = room(&o, ROOM(2, 0) + STR_ROOM(a + b));
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
