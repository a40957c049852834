/* Shared helpers for the cmocka suites. */
#ifndef PK_TESTUTIL_H
#define PK_TESTUTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <protokoll.h>

static pk_extractor *shared_ex;

static inline int setup_ex(void **state)
{
    (void)state;
    shared_ex = pk_extractor_new();
    return shared_ex ? 0 : -1;
}

static inline int teardown_ex(void **state)
{
    (void)state;
    pk_extractor_free(shared_ex);
    return 0;
}

/* Extracts a NUL-terminated text; fails the test on error. */
static inline pk_doc *extract(const char *text)
{
    pk_doc *d = NULL;
    int rc = pk_extract(shared_ex, text, strlen(text), "t.txt", &d);
    assert_int_equal(rc, 0);
    assert_non_null(d);
    return d;
}

/* The original bytes under a span, as a new string. */
static inline char *span_text(const char *text, pk_span sp)
{
    char *s = malloc(sp.end - sp.start + 1);
    memcpy(s, text + sp.start, sp.end - sp.start);
    s[sp.end - sp.start] = 0;
    return s;
}

static inline char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    *len = fread(buf, 1, (size_t)n, f);
    buf[*len] = 0;
    fclose(f);
    return buf;
}

/* head, then unit `times` times, then tail, in a new string of length *len */
static inline char *repeat(const char *head, const char *unit, size_t times, const char *tail, size_t *len)
{
    size_t hn = strlen(head), un = strlen(unit), tn = strlen(tail);
    char *s = malloc(hn + un * times + tn + 1);
    memcpy(s, head, hn);
    for (size_t i = 0; i < times; i++)
        memcpy(s + hn + i * un, unit, un);
    memcpy(s + hn + un * times, tail, tn + 1);
    *len = hn + un * times + tn;
    return s;
}

#endif
