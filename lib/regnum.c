/* Registration numbers (diarienummer). A labelled number ("Dnr ...") may
   take any of the archive's shapes; without a label only the shapes no
   phone number, postcode or document id can take are accepted: a body
   prefix with year/serial, or a dotted classification code. */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

typedef struct cand {
    size_t s, e;   /* whole match */
    size_t vs, ve; /* the value */
} cand;

static int by_start(const void *a, const void *b)
{
    const cand *x = a, *y = b;
    if (x->s != y->s)
        return x->s < y->s ? -1 : 1;
    return x->e > y->e ? -1 : x->e < y->e;
}

/* The year in a number: the first four-digit group that can be a year,
   else a two-digit group at the end ("/13", "-04"). */
static int regnum_year(const char *v)
{
    int last2 = -1;
    for (const char *p = v; *p;) {
        if (*p < '0' || *p > '9') {
            p++;
            continue;
        }
        const char *q = p;
        int x = 0;
        while (*q >= '0' && *q <= '9') {
            if (q - p < 6)
                x = x * 10 + (*q - '0');
            q++;
        }
        size_t len = (size_t)(q - p);
        if (len == 4 && x >= 1950 && x <= 2039)
            return x;
        last2 = (len == 2) ? x : -1;
        p = q;
    }
    if (last2 >= 0)
        return last2 <= 39 ? 2000 + last2 : 1900 + last2;
    return 0;
}

static int has_separator(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] == '-' || s[i] == '/' || s[i] == ':' || (unsigned char)s[i] == 0xE2)
            return 1;
    return 0;
}

static const char *const not_prefixes[] = {"EU", "EG", "EEG", "SFS", "SOU", "ISO", "SIS", "SS", "EN", "PM"};

void pk_extract_regnums(ctx *c)
{
    vec cs = {0};
    cs.size = sizeof(cand);
    size_t ov[8];
    static const int ids[] = {RX_REGNUM_LABELED, RX_REGNUM_PREFIX, RX_REGNUM_CLASS};
    for (size_t k = 0; k < 3; k++) {
        size_t pos = 0;
        while (rx_match(c, ids[k], pos, c->t.n, ov, 4)) {
            cand *x = vec_push(c->a, &cs);
            x->s = ov[0];
            x->e = ov[1];
            if (ids[k] == RX_REGNUM_LABELED) {
                x->vs = ov[2];
                x->ve = ov[3];
            } else {
                x->vs = ov[0];
                x->ve = ov[1];
            }
            pos = ov[1] > ov[0] ? ov[1] : ov[0] + 1;
        }
    }
    if (!cs.n)
        return;
    qsort(cs.items, cs.n, sizeof(cand), by_start);
    size_t last_end = 0;
    for (size_t i = 0; i < cs.n; i++) {
        cand *x = (cand *)cs.items + i;
        if (x->s < last_end)
            continue;
        /* a trailing period or separator is punctuation */
        while (x->ve > x->vs && (c->t.s[x->ve - 1] == '.' || c->t.s[x->ve - 1] == ' ' || c->t.s[x->ve - 1] == '-' ||
                                 c->t.s[x->ve - 1] == '/'))
            x->ve--;
        x->e = x->ve;
        if (x->ve <= x->vs)
            continue;
        const char *v = c->t.s + x->vs;
        size_t vn = x->ve - x->vs;
        if (!has_separator(v, vn) && !pk_is_letter_at(v, vn))
            continue;
        char *value = pk_fold(c, x->vs, x->ve);
        /* a prefix of letters */
        size_t pl = 0;
        while (value[pl] && ((value[pl] >= 'A' && value[pl] <= 'Z') || (value[pl] >= 'a' && value[pl] <= 'z') ||
                             ((unsigned char)value[pl] >= 0x80)))
            pl++;
        const char *prefix = NULL;
        if (pl) {
            char *p = arena_strndup(c->a, value, pl);
            int bad = 0;
            for (size_t j = 0; j < sizeof not_prefixes / sizeof *not_prefixes; j++)
                if (strcmp(p, not_prefixes[j]) == 0)
                    bad = 1;
            if (bad)
                continue;
            prefix = p;
        }
        int dup = 0;
        pk_regnum *rs = c->regnums.items;
        for (size_t j = 0; j < c->regnums.n; j++)
            if (strcmp(rs[j].value, value) == 0)
                dup = 1;
        last_end = x->e;
        if (dup)
            continue;
        pk_regnum *r = vec_push(c->a, &c->regnums);
        r->text = pk_fold(c, x->s, x->e);
        r->value = value;
        r->prefix = prefix;
        r->year = regnum_year(value);
        r->span = pk_span_of(c, x->s, x->e);
    }
}
