/* Registration numbers (diarienummer). A labelled number ("Dnr ...") may
   take any of the archive's shapes; without a label only the shapes of
   lib/data/regnum_shapes.tsv are accepted, which no phone number,
   postcode, document id, date, range or paragraph reference can take. A
   shape that needs a prefix takes one the prefix table knows (any case),
   one in capitals, or one the same document gives with a label; a
   two-digit year needs a prefix known from the table or the document. */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

typedef struct cand {
    size_t s, e;   /* whole match */
    size_t vs, ve; /* the value */
    int labelled;
    const char *context; /* the shape row's context; NULL when labelled */
} cand;

/* x comes before y: the earlier start, of two at one start the longer */
static int before(const cand *x, const cand *y) { return x->s != y->s ? x->s < y->s : x->e > y->e; }

/* The candidates in that order, those alike in the order they were found:
   each pattern's (xs[0 .. mid), xs[mid .. n)) starts in order already, so
   the two are merged, not sorted. */
static cand *by_start(arena *a, cand *xs, size_t mid, size_t n)
{
    if (mid == 0 || mid == n)
        return xs;
    cand *out = pk_arena_alloc(a, n * sizeof *out);
    for (size_t i = 0, j = mid, o = 0; o < n; o++)
        out[o] = j == n || (i < mid && !before(&xs[j], &xs[i])) ? xs[i++] : xs[j++];
    return out;
}

static int is_digit(char ch) { return (unsigned char)(ch - '0') < 10; }

/* A four-digit group that can be a year. */
static int year_at(const char *p, size_t len)
{
    if (len != 4)
        return 0;
    int x = (p[0] - '0') * 1000 + (p[1] - '0') * 100 + (p[2] - '0') * 10 + (p[3] - '0');
    return x >= 1950 && x <= 2039 ? x : 0;
}

/* The year in a number: the group right after a prefix ("BRO 2024/172")
   or the last one ("Ks 1234/2025", "1.4.1-289/2020") when it is a
   four-digit year (of two such, the later: a serial is rarely the larger),
   else the first four-digit year group ("2011-412-1.2.4"), else a two-digit
   group at the end ("/13", "-04"). */
static int regnum_year(const char *v, size_t pl)
{
    int first = 0, last = 0, last2 = -1, lead = 0, groups = 0;
    for (const char *p = v; *p;) {
        if (!is_digit(*p)) {
            p++;
            continue;
        }
        const char *q = p;
        while (is_digit(*q))
            q++;
        size_t len = (size_t)(q - p);
        int y = year_at(p, len);
        if (groups == 0 && pl && y)
            lead = y;
        if (y && !first)
            first = y;
        last = *q ? 0 : y;
        last2 = (len == 2 && !*q) ? (p[0] - '0') * 10 + (p[1] - '0') : -1;
        groups++;
        p = q;
    }
    if (lead && last)
        return lead > last ? lead : last;
    if (lead)
        return lead;
    if (last)
        return last;
    if (first)
        return first;
    if (last2 >= 0)
        return last2 <= 39 ? 2000 + last2 : 1900 + last2;
    return 0;
}

/* "KPI 2024-2030": two years joined by a dash are a range, not a number. */
static int is_range(const char *v, size_t n)
{
    if (n < 9 || !is_digit(v[n - 1]))
        return 0;
    const char *z = v + n - 4;
    if (z > v && is_digit(z[-1]))
        return 0;
    const char *dash = z - 1;
    if (dash >= v + 2 && (unsigned char)dash[0] == 0x93 && (unsigned char)dash[-1] == 0x80 && (unsigned char)dash[-2] == 0xE2)
        dash -= 2;
    else if (*dash != '-')
        return 0;
    if (dash - 4 < v || (dash - 4 > v && is_digit(dash[-5])))
        return 0;
    int y1 = year_at(dash - 4, 4), y2 = year_at(z, 4);
    return y1 && y2 && y2 > y1 && y2 <= y1 + 50;
}

static int has_separator(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] == '-' || s[i] == '/' || s[i] == ':' || (unsigned char)s[i] == 0xE2)
            return 1;
    return 0;
}


/* The value: the number folded to one line; a line broken after a hyphen
   or slash ("M-\n2025-1234") joins without a space. Its length in *len. */
static char *regnum_value(ctx *c, size_t s, size_t e, size_t *len)
{
    char *out = pk_arena_alloc(c->a, e - s + 1);
    size_t o = 0;
    for (size_t i = s; i < e; i++) {
        char ch = c->t.s[i];
        if (ch == '\n') {
            char prev = o ? out[o - 1] : 0;
            if (prev == '-' || prev == '/' || (unsigned char)prev == 0x93)
                continue;
            if (prev != ' ')
                out[o++] = ' ';
            continue;
        }
        if (ch == ' ' && o && out[o - 1] == ' ')
            continue;
        out[o++] = ch;
    }
    out[o] = 0;
    *len = o;
    return out;
}

/* The letters a value opens with ("Ks" in "Ks 1234/2025"), or 0. */
static size_t prefix_len(const char *v)
{
    size_t pl = 0;
    while (v[pl] && ((v[pl] >= 'A' && v[pl] <= 'Z') || (v[pl] >= 'a' && v[pl] <= 'z') || ((unsigned char)v[pl] >= 0x80 &&
                                                                                           (unsigned char)v[pl] != 0xE2)))
        pl++;
    return pl;
}

/* Every letter of the prefix is a capital. */
static int all_capitals(const char *p, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if ((unsigned char)p[i] >= 0x80 && ((unsigned char)p[i] & 0xC0) == 0x80)
            continue;
        if (!pk_is_upper_at(p + i, n - i))
            return 0;
    }
    return 1;
}

/* A set of strings with twice as many slots as there are candidates: the
   values kept so far, to keep each value once, and the prefixes the
   document gives with a label (a document of many diarienummer compared
   each new one with every kept value, and each prefix with every
   labelled one). */
typedef struct value_set {
    const char **slot;
    size_t n;
} value_set;

static value_set value_set_new(ctx *c, size_t n)
{
    value_set set = {pk_arena_alloc(c->a, 2 * n * sizeof(const char *)), 2 * n};
    memset(set.slot, 0, 2 * n * sizeof(const char *));
    return set;
}

/* The slot that holds `v` (n bytes), or the empty one where it would go. */
static const char **slot_of(const value_set *set, const char *v, size_t n)
{
    /* the folded hash: values that differ in case only probe one more slot */
    for (size_t i = pk_hash_folded(v, n) % set->n;; i = i + 1 < set->n ? i + 1 : 0)
        if (!set->slot[i] || strcmp(set->slot[i], v) == 0)
            return &set->slot[i];
}

/* 1 when `v` (n bytes) is in the set, else 0 and v is added. */
static int seen_value(value_set *set, const char *v, size_t n)
{
    const char **slot = slot_of(set, v, n);
    if (*slot)
        return 1;
    *slot = v;
    return 0;
}

void pk_extract_regnums(ctx *c)
{
    vec cs = {0};
    cs.size = sizeof(cand);
    size_t ov[8];
    static const int ids[] = {RX_REGNUM_LABELED, RX_REGNUM};
    size_t mid = 0; /* where the second pattern's candidates begin */
    for (size_t k = 0; k < 2; k++) {
        if (k)
            mid = cs.n;
        size_t pos = 0;
        while (pk_rx_match(c, ids[k], pos, c->t.n, ov, 4)) {
            cand *x = pk_vec_push(c->a, &cs);
            x->s = ov[0];
            x->e = ov[1];
            x->labelled = ids[k] == RX_REGNUM_LABELED;
            if (x->labelled) {
                x->vs = ov[2];
                x->ve = ov[3];
            } else {
                /* the shape's row, in decimal (match.c writes "(*MARK:%zu)"):
                   read here, not by strtoul and its locale */
                const char *mark = pk_rx_mark(c);
                size_t row = 0;
                for (const char *d = mark; d && *d >= '0' && *d <= '9'; d++)
                    row = row * 10 + (size_t)(*d - '0');
                x->context = row < pk_n_regnum_shapes ? pk_regnum_shapes[row].context : "prefix";
                x->vs = ov[0];
                x->ve = ov[1];
            }
            pos = ov[1] > ov[0] ? ov[1] : ov[0] + 1;
        }
    }
    if (!cs.n)
        return;
    cs.items = by_start(c->a, cs.items, mid, cs.n);
    /* prefixes the document gives with a label admit the same prefix unlabelled */
    value_set attested = value_set_new(c, cs.n);
    for (size_t i = 0; i < cs.n; i++) {
        cand *x = (cand *)cs.items + i;
        if (!x->labelled)
            continue;
        size_t pl = prefix_len(c->t.s + x->vs);
        if (pl && x->vs + pl <= x->ve) {
            const char *low = pk_lower(c->a, c->t.s + x->vs, pl);
            seen_value(&attested, low, strlen(low));
        }
    }
    size_t last_end = 0;
    value_set seen = value_set_new(c, cs.n);
    for (size_t i = 0; i < cs.n; i++) {
        cand *x = (cand *)cs.items + i;
        if (x->s < last_end)
            continue;
        /* a trailing period or separator is punctuation */
        while (x->ve > x->vs && (c->t.s[x->ve - 1] == '.' || c->t.s[x->ve - 1] == ' ' || c->t.s[x->ve - 1] == '\n' ||
                                 c->t.s[x->ve - 1] == '-' || c->t.s[x->ve - 1] == '/'))
            x->ve--;
        x->e = x->ve;
        if (x->ve <= x->vs)
            continue;
        const char *v = c->t.s + x->vs;
        size_t vn = x->ve - x->vs;
        if (!has_separator(v, vn) && !pk_is_letter_at(v, vn))
            continue;
        size_t vlen;
        char *value = regnum_value(c, x->vs, x->ve, &vlen);
        size_t pl = prefix_len(value);
        const char *prefix = NULL;
        if (pl) {
            char *p = pk_arena_strndup(c->a, value, pl);
            const char *low = pk_lower(c->a, p, pl);
            if (pk_is_regnum_not_prefix(low))
                continue;
            int known = pk_is_regnum_prefix(low) || *slot_of(&attested, low, strlen(low));
            if (x->context && strcmp(x->context, "known") == 0 && !known)
                continue;
            if (x->context && strcmp(x->context, "prefix") == 0 && !known && !(pl >= 2 && all_capitals(p, pl)))
                continue;
            prefix = p;
        }
        if (!x->labelled && is_range(value, vlen))
            continue;
        int dup = seen_value(&seen, value, vlen);
        last_end = x->e;
        if (dup)
            continue;
        pk_regnum *r = pk_vec_push(c->a, &c->regnums);
        r->text = pk_fold(c, x->s, x->e); /* as written: the value joins "M-2025-\n0912" */
        r->value = value;
        r->prefix = prefix;
        r->year = regnum_year(value, pl);
        r->span = pk_span_of(c, x->s, x->e);
    }
}
