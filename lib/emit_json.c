/* The record as JSON: a streaming writer into one growing buffer, field
   names and order as SPEC.md, compact (no spaces). Strings are escaped
   per RFC 8259; bytes that are not valid UTF-8 (a file name in Latin-1)
   become U+FFFD, so the output is always valid JSON. The tests parse every
   record with jansson and Python. */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* pk_buf_add with its common case (room enough) inline: a record is
   written in many small pieces */
static inline void add(pk_buf *o, const char *s, size_t n)
{
    if (!o->bad && o->n + n + 1 <= o->cap) {
        memcpy(o->s + o->n, s, n);
        o->n += n;
    } else {
        pk_buf_add(o, s, n);
    }
}

#define LIT(o, s) add(o, s, sizeof s - 1)

/* ,"key": (the keys are plain ASCII literals: nothing to escape), one
   piece with its comma and colon */
#define key(o, k, first) ((first) ? LIT(o, "\"" k "\":") : LIT(o, ",\"" k "\":"))

static void str(pk_buf *o, const char *s)
{
    if (!s) {
        LIT(o, "null");
        return;
    }
    size_t n = strlen(s);
    /* the worst case: every byte \u00XX; the room is there most often */
    if ((o->bad || o->n + n * 6 + 3 > o->cap) && pk_buf_reserve(o, n * 6 + 2))
        return;
    char *w = o->s + o->n;
    *w++ = '"';
    for (size_t i = 0; i < n;) {
#if defined(__SSE2__)
        /* sixteen bytes at a time while none needs a look: a control
           character or a byte from 0x80 (both below 0x20 as signed bytes),
           '"' or '\\'; the room is there, and the bytes before the first
           that needs one are kept */
        while (i + 16 <= n) {
            __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
            _mm_storeu_si128((__m128i *)(void *)w, x);
            __m128i look = _mm_or_si128(_mm_cmplt_epi8(x, _mm_set1_epi8(0x20)),
                                        _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('"')), _mm_cmpeq_epi8(x, _mm_set1_epi8('\\'))));
            unsigned m = (unsigned)_mm_movemask_epi8(look);
            if (m) {
                size_t k = (size_t)__builtin_ctz(m);
                w += k;
                i += k;
                goto one;
            }
            w += 16;
            i += 16;
        }
#endif
        /* eight bytes at a time while none needs a look: no control
           character, no byte from 0x80, no '"' and no '\\' (the tests of
           whether a word holds a byte below a bound or a zero byte) */
        while (i < n) {
            const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
            uint64_t x;
            size_t m = n - i;
            if (m >= 8) {
                m = 8;
                memcpy(&x, s + i, 8);
            } else {
#if defined __GNUC__ && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
                /* the last bytes, after them a plain letter that needs no look */
                x = ones * 'a';
                memcpy(&x, s + i, m);
#else
                break;
#endif
            }
            uint64_t q = x ^ (ones * '"'), b = x ^ (ones * '\\');
            uint64_t look = (((x - ones * 0x20) & ~x) | x | ((q - ones) & ~q) | ((b - ones) & ~b)) & highs;
            /* the room is there (n * 6 + 2 bytes from the quote): the bytes
               before the first that needs a look are kept */
            memcpy(w, &x, 8);
            if (look) {
#if defined __GNUC__ && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
                /* the lowest flagged byte is the first that needs a look
                   (a borrow flags only bytes above a flagged one) */
                size_t k = (size_t)__builtin_ctzll(look) >> 3;
                w += k;
                i += k;
#endif
                break;
            }
            w += m;
            i += m;
        }
        if (i >= n)
            break;
#if defined(__SSE2__)
    one:;
#endif
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
            *w++ = (char)c; /* most bytes: printable ASCII as it is */
            i++;
            continue;
        }
        if (c >= 0xC2 && c <= 0xDF && i + 1 < n && ((unsigned char)s[i + 1] & 0xC0) == 0x80) {
            *w++ = (char)c; /* a character of two bytes ("å"): valid as it stands */
            *w++ = s[i + 1];
            i += 2;
            continue;
        }
        if (c >= 0x80) {
            utf8proc_int32_t cp;
            utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &cp);
            if (k > 0) {
                memcpy(w, s + i, (size_t)k);
                w += k;
                i += (size_t)k;
            } else {
                memcpy(w, "\xEF\xBF\xBD", 3); /* U+FFFD */
                w += 3;
                i++;
            }
            continue;
        }
        i++;
        if (c == '"' || c == '\\') {
            *w++ = '\\';
            *w++ = (char)c;
        } else if (c >= 0x20) {
            *w++ = (char)c;
        } else {
            static const char hex[] = "0123456789ABCDEF";
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
    }
    *w++ = '"';
    o->n = (size_t)(w - o->s);
}

static void num(pk_buf *o, long long v)
{
    char b[24];
    size_t k = sizeof b;
    unsigned long long u = v < 0 ? 0 - (unsigned long long)v : (unsigned long long)v;
    /* the digits from the last, two at a time from a table, without
       printf's parsing of a format */
    static const char pairs[] = "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
                                "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
                                "8081828384858687888990919293949596979899";
    while (u >= 100) {
        size_t d = (size_t)(u % 100);
        u /= 100;
        b[--k] = pairs[2 * d + 1];
        b[--k] = pairs[2 * d];
    }
    if (u >= 10) {
        b[--k] = pairs[2 * u + 1];
        b[--k] = pairs[2 * u];
    } else {
        b[--k] = (char)('0' + u);
    }
    if (v < 0)
        b[--k] = '-';
    add(o, b + k, sizeof b - k);
}

static void year_or_null(pk_buf *o, int y)
{
    if (y)
        num(o, y);
    else
        LIT(o, "null");
}

static void span(pk_buf *o, pk_span sp)
{
    LIT(o, "[");
    num(o, (long long)sp.start);
    LIT(o, ",");
    num(o, (long long)sp.end);
    LIT(o, "],\"page\":"); /* beside every span, its page */
    num(o, (long long)sp.page);
}

static char *record_json(const pk_record *r)
{
    if (!r)
        return NULL;
    pk_buf o = {0};
    LIT(&o, "{");
    key(&o, "source", 1), str(&o, r->source);
    key(&o, "doc_type", 0), str(&o, r->doc_type);
    key(&o, "title", 0), str(&o, r->title);
    key(&o, "body", 0), str(&o, r->body);
    key(&o, "body_canonical", 0), str(&o, r->body_canonical);
    key(&o, "administration", 0), str(&o, r->administration);
    key(&o, "paragraph", 0), str(&o, r->paragraph);

    key(&o, "registration_numbers", 0), LIT(&o, "[");
    for (size_t i = 0; i < r->n_registration_numbers; i++) {
        const pk_regnum *x = &r->registration_numbers[i];
        if (i)
            LIT(&o, ",");
        LIT(&o, "{");
        key(&o, "text", 1), str(&o, x->text);
        key(&o, "value", 0), str(&o, x->value);
        key(&o, "prefix", 0), str(&o, x->prefix);
        key(&o, "year", 0), year_or_null(&o, x->year);
        key(&o, "span", 0), span(&o, x->span);
        LIT(&o, "}");
    }
    LIT(&o, "]");
    key(&o, "document_date", 0), str(&o, r->document_date);
    key(&o, "meeting_date", 0), str(&o, r->meeting_date);
    key(&o, "award", 0);
    if (r->award) {
        LIT(&o, "{");
        key(&o, "name", 1), str(&o, r->award->name);
        key(&o, "year", 0), year_or_null(&o, r->award->year);
        key(&o, "class", 0), str(&o, r->award->klass);
        LIT(&o, "}");
    } else {
        LIT(&o, "null");
    }

    key(&o, "decisions", 0), LIT(&o, "[");
    for (size_t i = 0; i < r->n_decisions; i++) {
        const pk_decision *x = &r->decisions[i];
        if (i)
            LIT(&o, ",");
        LIT(&o, "{");
        key(&o, "kind", 1), str(&o, x->kind);
        key(&o, "formula", 0), str(&o, x->formula);
        key(&o, "actor", 0), str(&o, x->actor);
        key(&o, "text", 0), str(&o, x->text);
        key(&o, "span", 0), span(&o, x->span);
        LIT(&o, "}");
    }
    LIT(&o, "]");

    key(&o, "units", 0), LIT(&o, "[");
    for (size_t i = 0; i < r->n_units; i++) {
        const pk_unit *x = &r->units[i];
        if (i)
            LIT(&o, ",");
        LIT(&o, "{");
        key(&o, "name", 1), str(&o, x->name);
        key(&o, "parent", 0), str(&o, x->parent);
        key(&o, "key", 0), str(&o, x->key);
        key(&o, "class", 0), str(&o, x->klass);
        key(&o, "span", 0), span(&o, x->span);
        LIT(&o, "}");
    }
    LIT(&o, "]");

    key(&o, "people", 0), LIT(&o, "[");
    for (size_t i = 0; i < r->n_people; i++) {
        const pk_person *x = &r->people[i];
        if (i)
            LIT(&o, ",");
        LIT(&o, "{");
        key(&o, "name", 1), str(&o, x->name);
        key(&o, "title", 0), str(&o, x->title);
        key(&o, "party", 0), str(&o, x->party);
        key(&o, "role", 0), str(&o, x->role);
        key(&o, "span", 0), span(&o, x->span);
        LIT(&o, "}");
    }
    LIT(&o, "]");

    key(&o, "dates", 0), LIT(&o, "[");
    for (size_t i = 0; i < r->n_dates; i++) {
        const pk_date *x = &r->dates[i];
        if (i)
            LIT(&o, ",");
        LIT(&o, "{");
        key(&o, "text", 1), str(&o, x->text);
        key(&o, "iso", 0), str(&o, x->iso);
        key(&o, "role", 0), str(&o, x->role);
        key(&o, "year_inferred", 0);
        if (x->year_inferred)
            LIT(&o, "true");
        else
            LIT(&o, "false");
        key(&o, "span", 0), span(&o, x->span);
        LIT(&o, "}");
    }
    LIT(&o, "]");

    key(&o, "warnings", 0), LIT(&o, "[");
    for (size_t i = 0; i < r->n_warnings; i++) {
        if (i)
            LIT(&o, ",");
        str(&o, r->warnings[i]);
    }
    LIT(&o, "]");
    /* the meeting that groups the records of whole minutes, else null */
    key(&o, "meeting", 0);
    const pk_meeting *m = r->meeting;
    if (m) {
        LIT(&o, "{");
        key(&o, "body", 1), str(&o, m->body);
        key(&o, "body_canonical", 0), str(&o, m->body_canonical);
        key(&o, "date", 0), str(&o, m->date);
        key(&o, "first_paragraph", 0), str(&o, m->first_paragraph);
        key(&o, "last_paragraph", 0), str(&o, m->last_paragraph);
        key(&o, "paragraphs", 0), num(&o, (long long)m->n_paragraphs);
        key(&o, "span", 0), span(&o, m->span);
        LIT(&o, "}");
    } else {
        LIT(&o, "null");
    }
    LIT(&o, "}");
    return pk_buf_finish(&o);
}

PK_EXPORT char *pk_doc_to_json(const pk_doc *doc) { return record_json(pk_doc_record(doc)); }

PK_EXPORT char *pk_doc_record_to_json(const pk_doc *doc, size_t i) { return record_json(pk_doc_record_at(doc, i)); }

PK_EXPORT char *pk_error_to_json(const char *source, const char *message)
{
    pk_buf o = {0};
    LIT(&o, "{");
    key(&o, "source", 1), str(&o, source);
    key(&o, "error", 0), str(&o, message ? message : "error");
    LIT(&o, "}");
    return pk_buf_finish(&o);
}
