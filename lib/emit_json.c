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

typedef struct out {
    char *s;
    size_t n, cap;
    int bad; /* an allocation failed */
} out;

static void grow(out *o, size_t more)
{
    if (o->bad || o->n + more + 1 <= o->cap)
        return;
    size_t cap = o->cap ? o->cap : 1024;
    while (cap < o->n + more + 1)
        cap *= 2;
    char *p = pk_realloc(o->s, cap);
    if (!p) {
        o->bad = 1;
        return;
    }
    o->s = p;
    o->cap = cap;
}

static void raw(out *o, const char *s, size_t n)
{
    grow(o, n);
    if (o->bad)
        return;
    memcpy(o->s + o->n, s, n);
    o->n += n;
}

#define LIT(o, s) raw(o, s, sizeof s - 1)

static void str(out *o, const char *s)
{
    if (!s) {
        LIT(o, "null");
        return;
    }
    size_t n = strlen(s);
    grow(o, n * 6 + 2); /* the worst case: every byte \u00XX */
    if (o->bad)
        return;
    char *w = o->s + o->n;
    *w++ = '"';
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
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

static void num(out *o, long long v)
{
    char b[24];
    int k = snprintf(b, sizeof b, "%lld", v);
    raw(o, b, (size_t)k);
}

static void year_or_null(out *o, int y)
{
    if (y)
        num(o, y);
    else
        LIT(o, "null");
}

static void span(out *o, pk_span sp)
{
    LIT(o, "[");
    num(o, (long long)sp.start);
    LIT(o, ",");
    num(o, (long long)sp.end);
    LIT(o, "]");
}

/* ,"key": */
static void key(out *o, const char *k, int first)
{
    if (!first)
        LIT(o, ",");
    str(o, k);
    LIT(o, ":");
}

static char *done(out *o)
{
    grow(o, 1);
    if (o->bad) {
        free(o->s);
        return NULL;
    }
    o->s[o->n] = 0;
    return o->s;
}

PK_EXPORT char *pk_doc_to_json(const pk_doc *doc)
{
    const pk_record *r = pk_doc_record(doc);
    if (!r)
        return NULL;
    out o = {0};
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
    LIT(&o, "]}");
    return done(&o);
}

PK_EXPORT char *pk_error_to_json(const char *source, const char *message)
{
    out o = {0};
    LIT(&o, "{");
    key(&o, "source", 1), str(&o, source);
    key(&o, "error", 0), str(&o, message ? message : "error");
    LIT(&o, "}");
    return done(&o);
}
