/* Canonical names: the deciding body as one name across documents, and a
   key under which spellings of one unit meet.

   The body comes from lib/data/bodies.tsv (Stockholm's nämnder,
   stadsdelsnämnder, förvaltningar and companies, with their years and
   diarienummer prefixes), settled by the document itself, in this order:
   1. the body as written is a name or alias in the table;
   2. the body is generic ("Nämnden", "Stadsdelsnämnden", "Styrelsen") or
      missing, and the administration that prepared the matter belongs to
      exactly one body of a fitting kind in the document's year;
   3. as 2, from the prefix of the document's own diarienummer (the first
      one, in the header) when exactly one body carries it.
   A document from another municipality (lib/data/municipalities.tsv) gets
   that municipality's body, "Örebro kommun, Kommunstyrelsen", when it
   names the municipality and no other in its header, or on its postal
   address line, and writes the body by name; never a Stockholm body. A
   body every municipality has (kommunstyrelse, fullmäktige, facknämnd)
   is Stockholm's only where the document shows it (names the city, or
   carries the nämnd's own diarienummer prefix), and never where its own
   diarienummer carries a prefix Stockholm's table does not have as
   written ("Ks 187/2018", "KFKS 2019/475"). Where none of these settles
   it: NULL, never a guess. */
#include "internal.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

typedef struct body_row {
    const char *name, *kind;
    int from, to;
    const char *admins, *prefixes, *aliases;
} body_row;

static const body_row bodies[] = {
#include "bodies.inc"
};
enum { NBODIES = sizeof bodies / sizeof *bodies };

typedef struct muni_row {
    const char *name, *official;
} muni_row;

static const muni_row munis[] = {
#include "municipalities.inc"
};
enum { NMUNIS = sizeof munis / sizeof *munis };

/* ---- the index: every name, alias, förvaltning and prefix of the table,
   lower-cased once per extractor ---- */

enum { K_NAME, K_ADMIN, K_PREFIX, K_MUNI };

struct pk_names {
    struct name_ent {
        char *low;
        size_t len;
        int body, kind;
        uint32_t same; /* the next entry of the same kind and name, or NONE */
    } *v;
    size_t n;
    /* a hash of (kind, name): the first entry of each, in table order,
       beside the hash it was placed by, so that a probe that meets
       another name is passed without a look at its entry (the table is
       cold at a document's few questions: each look is a cache miss) */
    struct name_slot {
        uint32_t item, hash;
    } *slot;
    size_t nslot; /* a power of two, at least twice n */
    /* the entries of kind K_NAME, in table order: the names a header is searched for */
    uint32_t *names;
    size_t n_names;
    /* for each of names[]: the triples of bytes (tri_bit) of its name,
       the one the fewest names hold first: tri[tri_at[i] .. tri_at[i +
       1]). A header is searched only for the names whose triples it all
       holds, the two rarest (rare) tried before anything else; a name shorter than a
       triple has none and is always searched for */
    uint16_t *tri;
    uint32_t *tri_at;
    uint32_t *rare; /* the first of each name's triples, and in the high 16 bits the one the
                       fewest names hold of the rest (the first again for a name of one
                       triple); TRI_BITS twice for a name without one */
    /* the bodies' prefixes as written ("KS", not "Ks": stockholm_prefix and
       stockholm_evidence compare them so), each with its length, body by
       body: body b's are prefix[prefix_at[b] .. prefix_at[b + 1]) */
    struct prefix_row {
        const char *s;
        size_t n;
    } *prefix;
    size_t prefix_at[NBODIES + 1];
};

#define NONE UINT32_MAX

/* The hash of (kind, name); its low bits are the first slot probed. */
static uint32_t hash_of(int kind, const char *low, size_t len)
{
    return (uint32_t)(pk_hash_folded(low, len) ^ ((size_t)kind * 0x9E3779B97F4A7C15u));
}

/* The first entry (in table order) of this kind whose name is low[0..len); NONE. */
static uint32_t first_named_n(const pk_names *ix, int kind, const char *low, size_t len)
{
    if (!ix->slot)
        return NONE;
    uint32_t hash = hash_of(kind, low, len);
    for (size_t h = hash & (ix->nslot - 1);; h = (h + 1) & (ix->nslot - 1)) {
        uint32_t i = ix->slot[h].item;
        if (i == NONE)
            return NONE;
        if (ix->slot[h].hash == hash && ix->v[i].kind == kind && ix->v[i].len == len &&
            memcmp(ix->v[i].low, low, len) == 0)
            return i;
    }
}

/* The same of the string low. */
static uint32_t first_named(const pk_names *ix, int kind, const char *low)
{
    return first_named_n(ix, kind, low, strlen(low));
}

static int index_names(pk_names *ix)
{
    ix->nslot = 16;
    while (ix->nslot < 2 * ix->n)
        ix->nslot *= 2;
    ix->slot = pk_malloc(ix->nslot * sizeof *ix->slot);
    if (!ix->slot)
        return -1;
    for (size_t h = 0; h < ix->nslot; h++)
        ix->slot[h] = (struct name_slot){NONE, 0};
    uint32_t *last = pk_malloc((ix->n + 1) * sizeof *last); /* the last entry of each first one's chain */
    if (!last)
        return -1;
    for (size_t i = 0; i < ix->n; i++) {
        struct name_ent *e = &ix->v[i];
        e->same = NONE;
        uint32_t f = first_named_n(ix, e->kind, e->low, e->len);
        if (f != NONE) {
            ix->v[last[f]].same = (uint32_t)i;
            last[f] = (uint32_t)i;
            continue;
        }
        uint32_t hash = hash_of(e->kind, e->low, e->len);
        size_t h = hash & (ix->nslot - 1);
        while (ix->slot[h].item != NONE)
            h = (h + 1) & (ix->nslot - 1);
        ix->slot[h] = (struct name_slot){(uint32_t)i, hash};
        last[i] = (uint32_t)i;
    }
    free(last);
    return 0;
}

/* Lower case (Unicode) of n bytes, with pk_malloc; NULL when out of memory. */
static char *lower_dup(const char *s, size_t n)
{
    char *out = pk_malloc(n * 2 + 1), *o = out;
    if (!out)
        return NULL;
    for (size_t i = 0; i < n;) {
        unsigned char b = (unsigned char)s[i];
        if (b < 0x80) { /* ASCII, most of the table: its lower case without a call */
            *o++ = (char)(b >= 'A' && b <= 'Z' ? b + 32 : b);
            i++;
            continue;
        }
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &cp);
        if (k <= 0) {
            *o++ = s[i++];
            continue;
        }
        o += utf8proc_encode_char(utf8proc_tolower(cp), (utf8proc_uint8_t *)o);
        i += (size_t)k;
    }
    *o = 0;
    return out;
}

void pk_names_free(pk_names *ix)
{
    if (!ix)
        return;
    for (size_t i = 0; i < ix->n; i++)
        free(ix->v[i].low);
    free(ix->v);
    free(ix->slot);
    free(ix->names);
    free(ix->tri);
    free(ix->tri_at);
    free(ix->rare);
    free(ix->prefix);
    free(ix);
}

static int add_list(pk_names *ix, const char *list, int body, int kind)
{
    for (const char *p = list; *p;) {
        const char *bar = strchr(p, '|');
        size_t m = bar ? (size_t)(bar - p) : strlen(p);
        if (m) {
            char *low = lower_dup(p, m);
            if (!low)
                return -1;
            ix->v[ix->n++] = (struct name_ent){low, strlen(low), body, kind, NONE};
        }
        if (!bar)
            break;
        p = bar + 1;
    }
    return 0;
}

/* Three bytes as a bit of the set of triples that occur in a text (the
   bytes' low five bits each beside one another, the last one's whole:
   the lower-case letters tell apart, and a text's triples are set in one
   rolling step per byte, tri_next). */
enum { TRI_BITS = 32768 };
_Static_assert(TRI_BITS < 65536, "two triples' bits side by side in a uint32_t (ix->rare)");
static inline unsigned tri_next(unsigned h, unsigned char b) { return ((h << 5) ^ b) & (TRI_BITS - 1); }
static inline unsigned tri_bit(const char *p)
{
    return tri_next(tri_next(tri_next(0, (unsigned char)p[0]), (unsigned char)p[1]), (unsigned char)p[2]);
}

/* The triples of each name (ix->tri, ix->tri_at), the one the fewest
   names hold first, and that one and the next rarest in ix->rare; 0, or -1 when out of
   memory. The counts only order a name's triples (a triple a name holds
   twice counts twice, a count stops at 255): any order gives the same
   answers. */
static int name_triples(pk_names *ix)
{
    size_t total = 0;
    for (size_t i = 0; i < ix->n_names; i++) {
        size_t len = ix->v[ix->names[i]].len;
        total += len >= 3 ? len - 2 : 0;
    }
    unsigned char *count = pk_malloc(TRI_BITS);
    ix->tri = pk_malloc((total + 1) * sizeof *ix->tri);
    ix->tri_at = pk_malloc((ix->n_names + 1) * sizeof *ix->tri_at);
    ix->rare = pk_malloc((ix->n_names + 1) * sizeof *ix->rare);
    int rc = count && ix->tri && ix->tri_at && ix->rare ? 0 : -1;
    if (rc == 0) {
        memset(count, 0, TRI_BITS);
        for (size_t i = 0; i < ix->n_names; i++) {
            const struct name_ent *e = &ix->v[ix->names[i]];
            for (size_t j = 0; j + 2 < e->len; j++) {
                unsigned k = tri_bit(e->low + j);
                count[k] = (unsigned char)(count[k] + (count[k] < 255));
            }
        }
        uint32_t o = 0;
        for (size_t i = 0; i < ix->n_names; i++) {
            const struct name_ent *e = &ix->v[ix->names[i]];
            uint32_t first = o;
            ix->tri_at[i] = first;
            for (size_t j = 0; j + 2 < e->len; j++) {
                unsigned k = tri_bit(e->low + j);
                ix->tri[o++] = (uint16_t)k;
                if (count[k] < count[ix->tri[first]]) {
                    ix->tri[o - 1] = ix->tri[first];
                    ix->tri[first] = (uint16_t)k;
                }
            }
            /* the next rarest: of the rest, the one the fewest names hold */
            uint32_t next = first;
            for (uint32_t r = first + 1; r < o; r++)
                if (next == first || count[ix->tri[r]] < count[ix->tri[next]])
                    next = r;
            /* none: the bit past the triples', set in every header's */
            ix->rare[i] = o > first ? (uint32_t)ix->tri[first] | (uint32_t)ix->tri[next] << 16 : TRI_BITS | (uint32_t)TRI_BITS << 16;
        }
        ix->tri_at[ix->n_names] = o;
    }
    free(count);
    return rc;
}

/* The prefixes of each body's list as written, an empty one too
   (ix->prefix, ix->prefix_at); -1 when out of memory. */
static int prefix_rows(pk_names *ix)
{
    /* a list that is not empty: one row, and one more after each bar (a
       bar first or two together give an empty one between) */
    size_t n = 0;
    for (size_t i = 0; i < NBODIES; i++)
        for (const char *p = bodies[i].prefixes; *p; p++)
            n += p == bodies[i].prefixes;
    for (size_t i = 0; i < NBODIES; i++)
        for (const char *p = bodies[i].prefixes; *p; p++)
            n += *p == '|';
    ix->prefix = pk_malloc((n + 1) * sizeof *ix->prefix);
    if (!ix->prefix)
        return -1;
    n = 0;
    for (size_t i = 0; i < NBODIES; i++) {
        ix->prefix_at[i] = n;
        for (const char *p = bodies[i].prefixes; *p;) {
            const char *bar = strchr(p, '|');
            size_t m = bar ? (size_t)(bar - p) : strlen(p);
            ix->prefix[n++] = (struct prefix_row){p, m};
            if (!bar)
                break;
            p = bar + 1;
        }
    }
    ix->prefix_at[NBODIES] = n;
    return 0;
}

pk_names *pk_names_new(void)
{
    pk_names *ix = pk_malloc(sizeof *ix);
    if (!ix)
        return NULL;
    size_t cap = 0;
    for (size_t i = 0; i < NBODIES; i++) {
        const char *lists[] = {bodies[i].aliases, bodies[i].admins, bodies[i].prefixes};
        cap++;
        for (int k = 0; k < 3; k++)
            for (const char *p = lists[k]; *p; p++)
                cap += *p == '|';
        cap += 3;
    }
    cap += 3 * NMUNIS;
    ix->n = 0;
    ix->slot = NULL;
    ix->names = NULL;
    ix->n_names = 0;
    ix->tri = NULL;
    ix->tri_at = NULL;
    ix->rare = NULL;
    ix->prefix = NULL;
    ix->v = pk_malloc(cap * sizeof *ix->v);
    if (!ix->v) {
        free(ix);
        return NULL;
    }
    if (prefix_rows(ix)) {
        pk_names_free(ix);
        return NULL;
    }
    for (int i = 0; i < NBODIES; i++)
        if (add_list(ix, bodies[i].name, i, K_NAME) || add_list(ix, bodies[i].aliases, i, K_NAME) ||
            add_list(ix, bodies[i].admins, i, K_ADMIN) || add_list(ix, bodies[i].prefixes, i, K_PREFIX)) {
            pk_names_free(ix);
            return NULL;
        }
    /* a municipality as a text writes it before "kommun" or "stad": its
       name, the name in the genitive, or its own name's first part
       ("Göteborgs" Stad, "Falu" kommun) */
    for (int i = 0; i < NMUNIS; i++) {
        char gen[96], own[96];
        snprintf(gen, sizeof gen, "%ss", munis[i].name);
        const char *sp = strrchr(munis[i].official, ' ');
        size_t n = sp ? (size_t)(sp - munis[i].official) : strlen(munis[i].official);
        snprintf(own, sizeof own, "%.*s", (int)n, munis[i].official);
        if (add_list(ix, munis[i].name, i, K_MUNI) || add_list(ix, gen, i, K_MUNI) || add_list(ix, own, i, K_MUNI)) {
            pk_names_free(ix);
            return NULL;
        }
    }
    if (index_names(ix)) {
        pk_names_free(ix);
        return NULL;
    }
    ix->names = pk_malloc((ix->n + 1) * sizeof *ix->names);
    if (!ix->names) {
        pk_names_free(ix);
        return NULL;
    }
    for (size_t i = 0; i < ix->n; i++)
        if (ix->v[i].kind == K_NAME)
            ix->names[ix->n_names++] = (uint32_t)i;
    if (name_triples(ix)) {
        pk_names_free(ix);
        return NULL;
    }
    return ix;
}

static int alive(const body_row *b, int year)
{
    return !year || ((!b->from || b->from <= year) && (!b->to || year <= b->to));
}

/* pk_part_ending (canonical_words.tsv) */
#include "canonical_words.inc"

/* The generic names of a body ("nämnden", "styrelsen"), each with the
   kinds of body it can stand for (lib/data/generic_bodies.tsv). */
typedef struct generic_body {
    const char *name;
    const char *kinds; /* separated by spaces */
} generic_body;
static const generic_body generic_bodies[] = {
#include "generic_bodies.inc"
};

/* Can a body of b's kind be the one a generic name stands for (any body,
   where there is none)? */
static int fits(const body_row *b, const generic_body *generic)
{
    if (!generic)
        return 1;
    for (const char *k = generic->kinds; *k;) {
        const char *a = b->kind;
        while (*k && *k != ' ' && *k == *a)
            k++, a++;
        if ((!*k || *k == ' ') && !*a)
            return 1;
        while (*k && *k != ' ')
            k++;
        k += *k == ' ';
    }
    return 0;
}

/* The ranges muni_at() was last asked about, and its answers: a header
   writes its town again and again ("Stockholms stad"), each asked twice
   (with the word before it and alone). */
enum { MUNI_MEMO = 4 };
typedef struct muni_memo {
    size_t s[MUNI_MEMO], len[MUNI_MEMO];
    int m[MUNI_MEMO];
    unsigned n, next;
} muni_memo;

/* The municipality of the table that the cleaned range [s, e) names, or
   -1. The range is a word, or two with a space between (muni_of_match:
   neither a line break nor a space at its ends nor two together), as
   pk_fold would leave it: it is lowered as it stands. */
static int muni_at(ctx *c, muni_memo *mm, size_t s, size_t e)
{
    for (unsigned k = 0; k < mm->n; k++)
        if (mm->len[k] == e - s && memcmp(c->t.s + mm->s[k], c->t.s + s, e - s) == 0)
            return mm->m[k];
    const pk_names *ix = c->ex->names;
    const char *low = pk_lower(c->a, c->t.s + s, e - s);
    uint32_t i = first_named(ix, K_MUNI, low);
    int m = i == NONE ? -1 : ix->v[i].body;
    unsigned k = mm->n < MUNI_MEMO ? mm->n++ : mm->next++ % MUNI_MEMO;
    mm->s[k] = s;
    mm->len[k] = e - s;
    mm->m[k] = m;
    return m;
}

/* The municipality named by an RX_MUNICIPALITY match: the word before
   "kommun"/"stad", or with the word before it ("Upplands Väsby kommun",
   "Lilla Edets kommun"); -1 when the table has neither ("Varje kommun"). */
static int muni_of_match(ctx *c, muni_memo *mm, const size_t *ov, size_t lo)
{
    size_t w = ov[2];
    if (w > lo + 1 && c->t.s[w - 1] == ' ') {
        size_t p = w - 1;
        while (p > lo && c->t.s[p - 1] != ' ' && c->t.s[p - 1] != '\n')
            p--;
        int m = pk_is_upper_at(c->t.s + p, w - p) ? muni_at(c, mm, p, ov[3]) : -1;
        if (m >= 0)
            return m;
    }
    return muni_at(c, mm, ov[2], ov[3]);
}

/* Is s[0..n) a row of canonical_words.tsv (table_town: "stockholm",
   "stockholms"), in any case (ASCII)? */
static int table_town(const char *s, size_t n)
{
    for (size_t k = 0; k < pk_n_table_town; k++)
        if (strlen(pk_table_town[k]) == n && strncasecmp(s, pk_table_town[k], n) == 0)
            return 1;
    return 0;
}

/* Is municipality m the one whose nämnder bodies.tsv holds (Stockholm)? */
static int is_stockholm(int m) { return m >= 0 && table_town(munis[m].name, strlen(munis[m].name)); }

/* The municipality the document names as its own: the one its header
   (or first 3000 bytes: "Uppsala kommuns kvalitetspris") names, when it
   names one only; else the one on a postal address line ("Nacka kommun,
   131 81 Nacka"). -1 when none, -2 when several. *elsewhere is set when
   the header names anything but Stockholm before "kommun" or "stad", a
   municipality of the table or not: such a document is not settled as
   Stockholm's (with -2 it tells nothing: the header's names are read
   only to the second municipality, and the caller settles nothing). */
static int named_municipality(ctx *c, int *elsewhere)
{
    size_t ov[4], pos = 0, end = c->header_end > 3000 ? c->header_end : 3000;
    if (end > c->t.n)
        end = c->t.n;
    int found = -1;
    muni_memo mm;
    mm.n = mm.next = 0;
    *elsewhere = 0;
    /* a name that starts in the range is read whole: the range's end does not
       cut "Bromma stadsdelsnämnd" into a "Bromma stads" */
    while (pk_rx_match(c, RX_MUNICIPALITY, pos, c->t.n, ov, 2) && ov[0] < end) {
        pos = ov[1];
        size_t n = ov[3] - ov[2];
        const char *w = c->t.s + ov[2];
        if (!table_town(w, n))
            *elsewhere = 1;
        int m = muni_of_match(c, &mm, ov, 0);
        if (m < 0 || m == found)
            continue;
        if (found >= 0)
            return -2; /* several: nothing later in the header changes that */
        found = m;
    }
    if (found >= 0)
        return found;
    /* the postal address line: ", " and a postcode after "kommun" or
       "stad", found from the postcode so that the text is scanned once */
    for (const char *p = c->t.s; (p = memchr(p, ',', c->t.n - (size_t)(p - c->t.s))) != NULL; p++) {
        size_t q = (size_t)(p - c->t.s);
        if (q + 8 > c->t.n || c->t.s[q + 1] != ' ' || q < 5)
            continue;
        size_t d = q + 2;
        int digits = 0;
        while (d < c->t.n && digits < 5 && ((c->t.s[d] >= '0' && c->t.s[d] <= '9') || (c->t.s[d] == ' ' && digits == 3)))
            digits += c->t.s[d++] != ' ';
        if (digits != 5 || (d < c->t.n && c->t.s[d] >= '0' && c->t.s[d] <= '9'))
            continue;
        size_t lo = q > 64 ? q - 64 : 0, at = lo;
        int hit = 0;
        while (!hit && pk_rx_match(c, RX_MUNICIPALITY, at, q, ov, 2)) {
            hit = ov[1] == q; /* the name that ends at the comma */
            at = ov[1];
        }
        int m = hit ? muni_of_match(c, &mm, ov, lo) : -1;
        if (m < 0 || m == found)
            continue;
        if (found >= 0)
            return -2;
        found = m;
    }
    return found;
}

/* "Örebro kommun, Kommunstyrelsen": the municipality's name and the body
   as the document writes it, with a capital; NULL for a generic name. */
static const char *other_municipality_body(ctx *c, int m)
{
    const pk_record *r = c->rec;
    if (!r->body)
        return NULL;
    const char *low = pk_lower(c->a, r->body, strlen(r->body));
    for (size_t i = 0; i < sizeof generic_bodies / sizeof *generic_bodies; i++)
        if (strcmp(low, generic_bodies[i].name) == 0)
            return NULL;
    /* "Arbetsutskottet": an utskott without the body it belongs to
       (canonical_words.tsv: part_ending) */
    size_t ln = strlen(low);
    for (size_t i = 0; i < pk_n_part_ending && !strchr(low, ' '); i++) {
        size_t le = strlen(pk_part_ending[i]);
        if (ln >= le && strcmp(low + ln - le, pk_part_ending[i]) == 0)
            return NULL;
    }
    const char *body = pk_capitalize(c->a, r->body);
    size_t on = strlen(munis[m].official), bn = strlen(body);
    char *out = pk_arena_alloc(c->a, on + 2 + bn + 1);
    memcpy(out, munis[m].official, on);
    memcpy(out + on, ", ", 2);
    memcpy(out + on + 2, body, bn + 1);
    return out;
}

/* The prefix stands in the bodies table exactly as written ("KS", not "Ks"). */
static int stockholm_prefix(const pk_names *ix, const char *prefix)
{
    size_t n = strlen(prefix);
    for (size_t i = 0; i < ix->prefix_at[NBODIES]; i++)
        if (ix->prefix[i].n == n && memcmp(ix->prefix[i].s, prefix, n) == 0)
            return 1;
    return 0;
}

static int doc_year(const ctx *c)
{
    const pk_record *r = c->rec;
    const char *d = r->meeting_date ? r->meeting_date : r->document_date;
    if (d)
        return (d[0] - '0') * 1000 + (d[1] - '0') * 100 + (d[2] - '0') * 10 + (d[3] - '0');
    if (c->regnums.n)
        return ((const pk_regnum *)c->regnums.items)[0].year;
    return c->award ? c->award->year : 0;
}

/* The one body whose entry of this kind equals `low` (lower case), of the
   fitting kind and alive in the year; -1 when none or more than one. With
   any_year, a name settles it whatever the year. */
static int lookup(const pk_names *ix, const char *low, int kind, const generic_body *generic, int year)
{
    int found = -1;
    for (uint32_t i = first_named(ix, kind, low); i != NONE; i = ix->v[i].same) {
        const struct name_ent *e = &ix->v[i];
        const body_row *b = &bodies[e->body];
        if (!fits(b, generic) || (kind != K_NAME && !alive(b, year)))
            continue;
        if (found >= 0 && found != e->body)
            return -1;
        found = e->body;
    }
    return found;
}

static inline int tri_seen(const uint64_t *seen, unsigned k) { return seen[k >> 6] >> (k & 63) & 1; }

/* Whether the name entry i stands in the header low[0..n) as a word of
   its own. */
static int header_names(const pk_names *ix, uint32_t i, const char *low, size_t n)
{
    const struct name_ent *e = &ix->v[i];
    for (const char *p = low; (p = memmem(p, n - (size_t)(p - low), e->low, e->len)) != NULL; p++) {
        size_t at = (size_t)(p - low), after = at + e->len;
        int left = at == 0 || !(pk_is_letter_at(low + at - 1, 1) || (unsigned char)low[at - 1] >= 0x80);
        int right = after >= n || !(pk_is_letter_at(low + after, n - after) || low[after] == '-');
        if (left && right)
            return 1;
    }
    return 0;
}

/* The one body the header names (its letterhead: "FARSTA STADSDELSNÄMND"),
   of the fitting kind; -1 when none or several. */
static int from_header(ctx *c, const pk_names *ix, const generic_body *generic, int year)
{
    size_t end = c->header_end && c->header_end < c->t.n ? c->header_end : c->t.n;
    if (end > 2000)
        end = 2000;
    const char *low = pk_lower(c->a, c->t.s, end);
    size_t n = strlen(low);
    /* the triples of bytes that occur in the header: a name with a triple
       that does not occur is not searched for */
    uint64_t seen[TRI_BITS / 64 + 1];
    memset(seen, 0, sizeof seen);
    seen[TRI_BITS / 64] = 1; /* (the bit TRI_BITS: a name without a triple) */
    if (n >= 2) {
        size_t i = 2;
#if defined(__SSE2__)
        /* eight triples at a time, those that end at i .. i + 7: each
           one's bits as tri_next() leaves them after its three bytes
           (those of the first two that a shift keeps), from the bytes side
           by side in 16-bit lanes, with no step that waits for the one
           before it; the load may read up to six bytes past n, in the
           room pk_lower leaves, into lanes no triple uses */
        const __m128i zero = _mm_setzero_si128(), bits = _mm_set1_epi16(TRI_BITS - 1);
        for (; i + 8 <= n; i += 8) {
            __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(low + i - 2));
            __m128i b0 = _mm_unpacklo_epi8(x, zero), b1 = _mm_unpacklo_epi8(_mm_srli_si128(x, 1), zero),
                    b2 = _mm_unpacklo_epi8(_mm_srli_si128(x, 2), zero);
            __m128i h = _mm_and_si128(_mm_xor_si128(_mm_xor_si128(_mm_slli_epi16(b0, 10), _mm_slli_epi16(b1, 5)), b2), bits);
            /* (each lane's bit set on its own line: no loop to count) */
#define SEEN_LANE(j)                                                    \
    do {                                                                \
        unsigned k = (unsigned)_mm_extract_epi16(h, j);                 \
        seen[k >> 6] |= (uint64_t)1 << (k & 63);                        \
    } while (0)
            SEEN_LANE(0);
            SEEN_LANE(1);
            SEEN_LANE(2);
            SEEN_LANE(3);
            SEEN_LANE(4);
            SEEN_LANE(5);
            SEEN_LANE(6);
            SEEN_LANE(7);
#undef SEEN_LANE
        }
#endif
        unsigned h = tri_next(tri_next(0, (unsigned char)low[i - 2]), (unsigned char)low[i - 1]);
        for (; i < n; i++) {
            h = tri_next(h, (unsigned char)low[i]);
            seen[h >> 6] |= (uint64_t)1 << (h & 63);
        }
    }
    /* the outcome (the one body found, or none) does not depend on the
       order the names are tried in */
    int found = -1;
    signed char ok[NBODIES];
    memset(ok, -1, sizeof ok);
    /* the two rarest triples, before anything else: most names fail
       there. The names whose two rarest triples the header holds are listed first, a
       chunk at a time, each name written and the list's end moved on by
       whether it holds it (no branch that goes one way or the other from
       name to name) */
    enum { CHUNK = 256 };
    uint32_t cand[CHUNK];
    for (size_t base = 0; base < ix->n_names; base += CHUNK) {
        size_t lim = ix->n_names - base < CHUNK ? ix->n_names - base : CHUNK, nc = 0;
        for (size_t j = 0; j < lim; j++) {
            cand[nc] = (uint32_t)(base + j);
            uint32_t r = ix->rare[base + j];
            nc += (size_t)(tri_seen(seen, r & 0xFFFF) & tri_seen(seen, r >> 16));
        }
        for (size_t k = 0; k < nc; k++) {
            size_t i = cand[k];
            const struct name_ent *e = &ix->v[ix->names[i]];
            if (e->body == found)
                continue;
            /* whether the body fits, asked once per body (ok[] starts at -1) */
            if (ok[e->body] < 0) {
                const body_row *b = &bodies[e->body];
                ok[e->body] = fits(b, generic) && alive(b, year);
            }
            if (!ok[e->body])
                continue;
            const uint16_t *t = ix->tri + ix->tri_at[i], *te = ix->tri + ix->tri_at[i + 1];
            while (t < te && tri_seen(seen, *t))
                t++;
            if (t < te || !header_names(ix, ix->names[i], low, n))
                continue;
            if (found >= 0)
                return -1;
            found = e->body;
        }
    }
    return found;
}

int pk_known_admin(ctx *c, size_t s, size_t e)
{
    const pk_names *ix = c->ex->names;
    if (!ix || e <= s)
        return 0;
    const char *low = pk_fold_lower(c, s, e);
    return first_named(ix, K_ADMIN, low) != NONE;
}

/* The document shows it is Stockholm's: it names the city, or its own
   diarienummer carries the nämnd's own prefix ("ÄN", "UtbN"). */
static int stockholm_evidence(ctx *c, int b)
{
    /* cue_words.tsv: "Stockholm" (each place the one pass found is one
       where a row's word stands, within the text) */
    if (pk_cue_places(c, PK_CUE_STOCKHOLM)->n)
        return 1;
    const pk_regnum *own = c->regnums.n ? c->regnums.items : NULL;
    if (!own || !own->prefix || strcmp(bodies[b].kind, "facknamnd") != 0)
        return 0;
    const pk_names *ix = c->ex->names;
    size_t n = strlen(own->prefix);
    for (size_t i = ix->prefix_at[b]; i < ix->prefix_at[b + 1]; i++)
        if (ix->prefix[i].n == n && memcmp(ix->prefix[i].s, own->prefix, n) == 0)
            return 1;
    return 0;
}

/* Row b settles the body; one every municipality has (kommunstyrelse,
   fullmäktige, facknämnd) only where the document shows it is
   Stockholm's and its own diarienummer carries no prefix Stockholm's
   table lacks as written ("Ks 187/2018", "KFKS 2019/475"). */
static void settle(ctx *c, int b)
{
    const pk_regnum *own = c->regnums.n ? c->regnums.items : NULL;
    int common = strcmp(bodies[b].kind, "sdn") != 0 && strcmp(bodies[b].kind, "bolag") != 0;
    if (common && ((own && own->prefix && !stockholm_prefix(c->ex->names, own->prefix)) || !stockholm_evidence(c, b)))
        return;
    c->rec->body_canonical = bodies[b].name;
}

void pk_extract_canonical(ctx *c)
{
    pk_record *r = c->rec;
    const pk_names *ix = c->ex->names;
    if (!ix)
        return;
    int elsewhere, m = named_municipality(c, &elsewhere);
    if (m >= 0 && !is_stockholm(m)) {
        r->body_canonical = other_municipality_body(c, m);
        return;
    }
    if (m == -2 || elsewhere)
        return;
    int year = doc_year(c), b = -1;
    const char *body = r->body ? pk_lower(c->a, r->body, strlen(r->body)) : NULL;
    if (body && (b = lookup(ix, body, K_NAME, NULL, year)) >= 0) {
        settle(c, b);
        return;
    }
    const generic_body *generic = NULL;
    for (size_t i = 0; body && i < sizeof generic_bodies / sizeof *generic_bodies; i++)
        if (strcmp(body, generic_bodies[i].name) == 0)
            generic = &generic_bodies[i];
    if (body && !generic)
        return; /* a specific name the table does not know */
    /* "Stadsdelsnämnden i Bromma godkänner ...": the name goes on in the decision */
    if (body && c->decisions.n) {
        const char *t = ((const pk_decision *)c->decisions.items)[0].text;
        const char *at = t ? strstr(t, r->body) : NULL;
        /* the name so far in lower case, each word lowered once as the
           name grows by it (the lower case goes character by character:
           the body's own is the lowered body) */
        char *name = NULL;
        size_t nl = 0;
        for (const char *e = at ? at + strlen(r->body) : NULL; e && *e == ' ' && e - at < 80;) {
            const char *w = e + 1;
            while (*w && *w != ' ' && *w != ',' && *w != '.')
                w++;
            if (!name) {
                nl = strlen(body);
                name = pk_arena_alloc(c->a, nl + 2 * strlen(e) + 1);
                memcpy(name, body, nl);
            }
            const char *word = pk_lower(c->a, e, (size_t)(w - e));
            size_t wl = strlen(word);
            memcpy(name + nl, word, wl + 1);
            nl += wl;
            if ((b = lookup(ix, name, K_NAME, generic, year)) >= 0) {
                settle(c, b);
                return;
            }
            e = w;
        }
    }
    if (r->administration)
        b = lookup(ix, pk_lower(c->a, r->administration, strlen(r->administration)), K_ADMIN, generic, year);
    if (b < 0 && c->regnums.n) {
        const pk_regnum *g = c->regnums.items;
        if (g[0].prefix && stockholm_prefix(ix, g[0].prefix))
            b = lookup(ix, pk_lower(c->a, g[0].prefix, strlen(g[0].prefix)), K_PREFIX, generic, year);
        /* a prefix alone names no kommunstyrelse or facknämnd where no body
           is written: other municipalities' offices share the letters
           (Stadsledningskontoret, SLK) */
        if (b >= 0 && !body && strcmp(bodies[b].kind, "sdn") != 0 && strcmp(bodies[b].kind, "bolag") != 0)
            b = -1;
    }
    if (b < 0)
        b = from_header(c, ix, generic, year);
    if (b >= 0)
        settle(c, b);
}

/* ---- unit keys ---- */

/* The unit nouns the key knows (lib/data/unit_nouns.tsv: key): the
   indefinite form that may end a name ("Ekorren förskola") and the
   definite form that opens one ("Förskolan Ekorren"). The first 64 rows
   grouped by the byte each form opens with, as bits (key_rows[definite][b]),
   made once per process: a word is compared only with the forms that open
   as it does. */
static uint64_t key_rows[2][256];
static size_t key_len[2][64]; /* the length of each of those forms */
static pthread_once_t key_rows_once = PTHREAD_ONCE_INIT;
static int key_rows_ready; /* (pk_once) */

static void make_key_rows(void)
{
    for (size_t i = 0; i < pk_n_unit_nouns && i < 64; i++)
        for (int d = 0; d < 2; d++) {
            const unit_noun *u = &pk_unit_nouns[i];
            const char *f = d ? u->def : u->indef;
            if ((u->uses & UN_KEY) && f) {
                key_rows[d][(unsigned char)f[0]] |= (uint64_t)1 << i;
                key_len[d][i] = strlen(f);
            }
        }
}

static int noun_is(const unit_noun *u, const char *w, size_t n, int definite)
{
    const char *f = definite ? u->def : u->indef;
    return (u->uses & UN_KEY) && f && (!n || f[0] == w[0]) && strlen(f) == n && memcmp(f, w, n) == 0;
}

static int noun_index(const char *w, size_t n, int definite)
{
    size_t from = 0;
    if (n) {
        pk_once(&key_rows_once, &key_rows_ready, make_key_rows);
        for (uint64_t rows = key_rows[definite][(unsigned char)w[0]]; rows; rows &= rows - 1) {
            /* (a row of the groups: a key noun's form that opens with w's
               first byte, its length kept) */
            size_t i = (size_t)__builtin_ctzll(rows);
            const unit_noun *u = &pk_unit_nouns[i];
            if (key_len[definite][i] == n && memcmp(definite ? u->def : u->indef, w, n) == 0)
                return (int)i;
        }
        from = 64; /* the rows past the groups one by one */
    }
    for (size_t i = from; i < pk_n_unit_nouns; i++)
        if (noun_is(&pk_unit_nouns[i], w, n, definite))
            return (int)i;
    return -1;
}

/* The key of a unit name: lower case; a hyphen between words a space, a
   hyphen before a space ("vård- och") dropped; an indefinite unit noun at
   the end moved to the front in its definite form, without a genitive s
   ("Ekorrens förskola" -> "förskolan ekorren"); a parenthesis dropped; a definite unit noun at the end joined to the word
   before ("Rinkeby-Kista mottagningen" -> "rinkeby kistamottagningen", as
   "Rinkeby-Kistamottagningen"). */
const char *pk_unit_key(ctx *c, const char *name)
{
    const char *low = pk_lower(c->a, name, strlen(name));
    return pk_unit_key_lowered(c, low, strlen(low));
}

const char *pk_unit_key_lowered(ctx *c, const char *low, size_t n)
{
#if defined(__SSE2__)
    char *w = pk_arena_alloc(c->a, n + 16); /* (room for the sixteen bytes stored at a time below) */
#else
    char *w = pk_arena_alloc(c->a, n + 1);
#endif
    size_t o = 0;
    int depth = 0;
    for (size_t i = 0; i < n; i++) {
#if defined(__SSE2__)
        /* (outside parentheses, sixteen bytes at a time to the first that
           is one of those below, a space after a space or at the key's
           start (dropped below), or the end: the bytes before it copied at
           once. The last fewer than sixteen too: read into the room
           pk_lower leaves after the lower case (sixteen bytes and more),
           stored into the key's; the key is never longer than the bytes
           read) */
        while (!depth && i < n) {
            __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(low + i));
            __m128i sp = _mm_cmpeq_epi8(x, _mm_set1_epi8(' '));
            __m128i stop = _mm_or_si128(_mm_andnot_si128(sp, _mm_cmpeq_epi8(_mm_min_epu8(x, _mm_set1_epi8(')')), x)),
                                        _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('-')), _mm_cmpeq_epi8(x, _mm_set1_epi8((char)0xE2))));
            unsigned sps = (unsigned)_mm_movemask_epi8(sp), after_sp = o == 0 || w[o - 1] == ' ';
            unsigned m = (unsigned)_mm_movemask_epi8(stop) | (sps & ((sps << 1) | after_sp));
            if (n - i < 16)
                m |= 1u << (n - i);
            _mm_storeu_si128((__m128i *)(void *)(w + o), x);
            size_t k = m ? (size_t)__builtin_ctz(m) : 16;
            o += k;
            i += k;
            if (m)
                break;
        }
        if (i >= n)
            break;
#endif
        char ch = low[i];
        /* most bytes: outside parentheses, none of a parenthesis, a space
           (and every byte below it), a hyphen or a dash's first byte; kept
           as they are */
        if (!depth && (unsigned char)ch > ')' && ch != '-' && (unsigned char)ch != 0xE2) {
            w[o++] = ch;
            continue;
        }
        /* a parenthesis is a gloss, not the name: "(missbruksenheten)" */
        if (ch == '(' || (ch == ')' && depth)) {
            depth += ch == '(' ? 1 : -1;
            continue;
        }
        if (depth)
            continue;
        int dash = ch == '-' || (i + 2 < n && (unsigned char)ch == 0xE2 && (unsigned char)low[i + 1] == 0x80 &&
                                 ((unsigned char)low[i + 2] == 0x93 || (unsigned char)low[i + 2] == 0x94));
        if (dash) {
            if ((unsigned char)ch == 0xE2)
                i += 2;
            ch = (i + 1 < n && low[i + 1] != ' ') ? ' ' : 0;
        }
        if (ch == ' ' && (o == 0 || w[o - 1] == ' '))
            continue;
        if (ch)
            w[o++] = ch;
    }
    while (o && w[o - 1] == ' ')
        o--;
    w[o] = 0;
    /* the last word */
    char *sp = strrchr(w, ' ');
    if (!sp)
        return w;
    const char *last = sp + 1;
    size_t ln = strlen(last);
    int k = noun_index(last, ln, 0);
    if (k >= 0 && noun_index(w, (size_t)(strchr(w, ' ') - w), 1) < 0) {
        const char *def = pk_unit_nouns[k].def;
        size_t dn = strlen(def), rest = (size_t)(sp - w);
        /* the genitive goes with the reordering: "Tensta hemtjänst" and
           "Kungsholmens hemtjänst" -> "hemtjänsten tensta", "... kungsholmen" */
        if (rest > 2 && w[rest - 1] == 's' && !strchr("soui", w[rest - 2]))
            rest--;
        char *out = pk_arena_alloc(c->a, dn + 1 + rest + 1);
        memcpy(out, def, dn);
        out[dn] = ' ';
        memcpy(out + dn + 1, w, rest);
        out[dn + 1 + rest] = 0;
        return out;
    }
    if (noun_index(last, ln, 1) >= 0 && noun_index(w, (size_t)(strchr(w, ' ') - w), 1) < 0) {
        memmove(sp, sp + 1, ln + 1); /* join */
        return w;
    }
    return w;
}
