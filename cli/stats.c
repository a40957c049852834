/* protokoll stats: participation counts.

   A participation is one unit (under its key, so that the spellings of one
   unit meet) of one deciding body (body_canonical) in one award year. It
   comes from every document that names an award with a year and at least
   one unit. Inputs are minutes, extracted here, or JSONL records read from
   standard input. Memory grows with the distinct rows, documents and
   names, never with the texts: each document is freed once it is read. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "cli.h"

#include <csv.h>
#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utf8proc.h>

static const char usage[] =
    "usage: protokoll stats [--by year|body|class] [--format csv|json] [--svg FILE] [-o FILE]\n"
    "                       [FILE|DIR|- ...]\n"
    "\n"
    "Counts participations in an award: which units of which deciding body took\n"
    "part in which year. Minutes (FILE, or every *.txt under DIR) are extracted\n"
    "first; - (or no input) reads records from standard input, one JSON object a\n"
    "line as protokoll -f jsonl writes them.\n"
    "\n"
    "A participation is one unit, under its key (spellings of one unit meet; the\n"
    "name case-folded when a record has no key), of one body (body_canonical,\n"
    "empty when the document does not settle it) in one award year. Only\n"
    "documents that name an award with a year and at least one unit count.\n"
    "\n"
    "  --by year|body|class  counts per award year, body or unit class instead\n"
    "                        of the table: documents, and participations (units)\n"
    "  -f, --format FORMAT   csv (default, RFC 4180 with a header row) or json\n"
    "  --svg FILE            also write a bar chart of participations per award\n"
    "                        year, stacked by unit class (by body with --by body)\n"
    "  -o, --output FILE     write the table to FILE (atomically)\n"
    "  -h, --help            show this help\n"
    "\n"
    "The table has one row per award year, body and unit key, sorted by them:\n"
    "  award_year,body_canonical,unit_key,spellings,decision_kinds,documents,sources\n"
    "spellings: the unit's names as written; decision_kinds: the kinds of the\n"
    "documents' decisions (both sorted, joined with \" | \"); documents: how many\n"
    "documents; sources: theirs, in input order. The same source read twice is\n"
    "one document; a paragraph of whole minutes is one, named \"SOURCE § N\".\n"
    "With --by the columns are year (body_canonical, class),\n"
    "documents,units: the documents with participations in the group, and the\n"
    "participations. A unit's class is its units[].class (förskola, skola,\n"
    "äldreomsorg, socialtjänst, annat, or none); a record without it, written\n"
    "before units had classes, gives its units the award's class. A\n"
    "participation counts under each class its unit has in its documents.\n"
    "\n"
    "Exit status: 0 all inputs counted, 1 some input failed (reported on standard\n"
    "error with its line number for JSONL; the rest is counted), 2 usage error.\n";

/* ---- interned strings ---- */

typedef struct istr {
    size_t doc; /* as a source: its document's number + 1; 0 otherwise */
    size_t len;
    char s[];
} istr;

typedef struct strtab {
    istr **slot;
    size_t n, cap; /* cap is 0 or a power of two */
} strtab;

static size_t hash_bytes(const char *s, size_t n)
{
    uint64_t h = 14695981039346656037u;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211u;
    }
    return (size_t)(h ^ (h >> 29));
}

static istr *intern(strtab *t, const char *s)
{
    if ((t->n + 1) * 2 > t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 256;
        istr **slot = calloc(cap, sizeof *slot);
        if (!slot)
            return NULL;
        for (size_t i = 0; i < t->cap; i++) {
            istr *x = t->slot[i];
            if (!x)
                continue;
            size_t j = hash_bytes(x->s, x->len) & (cap - 1);
            while (slot[j])
                j = (j + 1) & (cap - 1);
            slot[j] = x;
        }
        free(t->slot);
        t->slot = slot;
        t->cap = cap;
    }
    size_t n = strlen(s);
    size_t i = hash_bytes(s, n) & (t->cap - 1);
    for (istr *x; (x = t->slot[i]) != NULL; i = (i + 1) & (t->cap - 1))
        if (x->len == n && memcmp(x->s, s, n) == 0)
            return x;
    istr *x = malloc(sizeof *x + n + 1);
    if (!x)
        return NULL;
    x->doc = 0;
    x->len = n;
    memcpy(x->s, s, n + 1);
    t->slot[i] = x;
    t->n++;
    return x;
}

static void strtab_free(strtab *t)
{
    for (size_t i = 0; i < t->cap; i++)
        free(t->slot[i]);
    free(t->slot);
}

/* Makes room for `need` items of `size` bytes in *v. */
static int reserve(void *v, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return 0;
    size_t c = *cap ? *cap : 8;
    while (c < need)
        c *= 2;
    if (c > SIZE_MAX / size)
        return -1;
    void *old;
    memcpy(&old, v, sizeof old); /* v points to a pointer of any object type */
    void *p = realloc(old, c * size);
    if (!p)
        return -1;
    memcpy(v, &p, sizeof p);
    *cap = c;
    return 0;
}

/* A small set of interned strings, in the order added. */
typedef struct strset {
    const istr **v;
    size_t n, cap;
} strset;

static int strset_add(strset *s, const istr *x)
{
    for (size_t i = 0; i < s->n; i++)
        if (s->v[i] == x)
            return 0;
    if (reserve(&s->v, &s->cap, s->n + 1, sizeof *s->v))
        return -1;
    s->v[s->n++] = x;
    return 0;
}

static int cmp_istr(const void *a, const void *b)
{
    return strcmp((*(const istr *const *)a)->s, (*(const istr *const *)b)->s);
}

/* ---- the participations ---- */

typedef struct row {
    int year;
    const istr *body, *key;
    strset spellings, kinds;
    size_t *docs; /* document numbers, in input order */
    const istr **cls; /* beside each: the unit's class in that document, "" none */
    size_t ndocs, capdocs, capcls;
    size_t last_doc; /* number + 1 of the last document added */
    size_t mark;     /* the serial of the last document that touched it */
} row;

typedef struct doc_info {
    const istr *source;
} doc_info;

typedef struct stats {
    strtab strs;
    row *rows;
    size_t nrows, caprows;
    size_t *rslot; /* row index + 1, open addressing */
    size_t rcap;
    doc_info *docs;
    size_t ndocs, capdocs;
    size_t *touched; /* the rows of the current document */
    size_t ntouched, captouched;
    size_t serial;
} stats;

static size_t row_hash(int year, const istr *body, const istr *key)
{
    uint64_t h = (uint64_t)(unsigned)year * 0x9E3779B97F4A7C15u;
    h ^= (uint64_t)(uintptr_t)body + 0x632BE59BD9B4E019u + (h << 6) + (h >> 2);
    h ^= (uint64_t)(uintptr_t)key + 0x8CB92BA72F3D8DD7u + (h << 6) + (h >> 2);
    return (size_t)(h ^ (h >> 31));
}

static row *find_row(stats *st, int year, const istr *body, const istr *key)
{
    if ((st->nrows + 1) * 2 > st->rcap) {
        size_t cap = st->rcap ? st->rcap * 2 : 256;
        size_t *slot = calloc(cap, sizeof *slot);
        if (!slot)
            return NULL;
        for (size_t i = 0; i < st->nrows; i++) {
            row *r = &st->rows[i];
            size_t j = row_hash(r->year, r->body, r->key) & (cap - 1);
            while (slot[j])
                j = (j + 1) & (cap - 1);
            slot[j] = i + 1;
        }
        free(st->rslot);
        st->rslot = slot;
        st->rcap = cap;
    }
    size_t i = row_hash(year, body, key) & (st->rcap - 1);
    for (; st->rslot[i]; i = (i + 1) & (st->rcap - 1)) {
        row *r = &st->rows[st->rslot[i] - 1];
        if (r->year == year && r->body == body && r->key == key)
            return r;
    }
    if (reserve(&st->rows, &st->caprows, st->nrows + 1, sizeof *st->rows))
        return NULL;
    row *r = &st->rows[st->nrows];
    memset(r, 0, sizeof *r);
    r->year = year;
    r->body = body;
    r->key = key;
    st->rslot[i] = ++st->nrows;
    return r;
}

/* The name case-folded (NFC, Unicode case folding): the key of a unit
   whose record has none. Plain ASCII lower case for invalid UTF-8. */
static char *fold(const char *s)
{
    utf8proc_uint8_t *out = NULL;
    utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)s, 0, &out,
                                      UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD);
    if (n >= 0)
        return (char *)out;
    char *c = strdup(s);
    for (char *p = c; p && *p; p++)
        if (*p >= 'A' && *p <= 'Z')
            *p = (char)(*p - 'A' + 'a');
    return c;
}

/* Starts a document; its number in *doc. A source seen before is the same
   document; "-" and a missing source are always new ones. A paragraph of
   whole minutes (paragraph not NULL) is a document of its own, named
   "SOURCE § N". */
static int doc_begin(stats *st, const char *source, const char *paragraph, size_t *doc)
{
    st->serial++;
    st->ntouched = 0;
    istr *src;
    if (paragraph && source) {
        size_t n = strlen(source) + strlen(paragraph) + 5;
        char *name = malloc(n);
        if (!name)
            return -1;
        snprintf(name, n, "%s § %s", source, paragraph);
        src = intern(&st->strs, name);
        free(name);
    } else {
        src = intern(&st->strs, source ? source : "");
    }
    if (!src)
        return -1;
    int named = source && *source && strcmp(source, "-") != 0;
    if (named && src->doc) {
        *doc = src->doc - 1;
        return 0;
    }
    if (reserve(&st->docs, &st->capdocs, st->ndocs + 1, sizeof *st->docs))
        return -1;
    st->docs[st->ndocs] = (doc_info){src};
    *doc = st->ndocs++;
    if (named)
        src->doc = st->ndocs;
    return 0;
}

/* Adds one unit of the current document, with its class (NULL: none). */
static int doc_unit(stats *st, size_t doc, int year, const char *body, const char *name, const char *key,
                    const char *klass)
{
    char *folded = NULL;
    if (!key && !(key = folded = fold(name)))
        return -1;
    const istr *b = intern(&st->strs, body ? body : "");
    const istr *k = intern(&st->strs, key);
    const istr *n = intern(&st->strs, name);
    const istr *c = intern(&st->strs, klass ? klass : "");
    free(folded);
    row *r = b && k && n && c ? find_row(st, year, b, k) : NULL;
    if (!r || strset_add(&r->spellings, n))
        return -1;
    if (r->last_doc != doc + 1) {
        int seen = 0;
        if (doc + 1 < st->ndocs) /* a source read again: maybe already here */
            for (size_t i = 0; i < r->ndocs && !seen; i++)
                seen = r->docs[i] == doc;
        if (!seen) {
            if (reserve(&r->docs, &r->capdocs, r->ndocs + 1, sizeof *r->docs) ||
                reserve(&r->cls, &r->capcls, r->ndocs + 1, sizeof *r->cls))
                return -1;
            r->cls[r->ndocs] = c;
            r->docs[r->ndocs++] = doc;
        }
        r->last_doc = doc + 1;
    } else if (r->ndocs && r->docs[r->ndocs - 1] == doc && !*r->cls[r->ndocs - 1]->s) {
        r->cls[r->ndocs - 1] = c; /* another spelling of the unit in the same document */
    }
    if (r->mark != st->serial) {
        r->mark = st->serial;
        if (reserve(&st->touched, &st->captouched, st->ntouched + 1, sizeof *st->touched))
            return -1;
        st->touched[st->ntouched++] = (size_t)(r - st->rows);
    }
    return 0;
}

/* Adds a decision kind of the current document to each of its rows. */
static int doc_kind(stats *st, const char *kind)
{
    const istr *k = intern(&st->strs, kind);
    if (!k)
        return -1;
    for (size_t i = 0; i < st->ntouched; i++)
        if (strset_add(&st->rows[st->touched[i]].kinds, k))
            return -1;
    return 0;
}

static void stats_free(stats *st)
{
    for (size_t i = 0; i < st->nrows; i++) {
        free(st->rows[i].spellings.v);
        free(st->rows[i].kinds.v);
        free(st->rows[i].docs);
        free(st->rows[i].cls);
    }
    free(st->rows);
    free(st->rslot);
    free(st->docs);
    free(st->touched);
    strtab_free(&st->strs);
}

/* A record from the library. 0, or -1 when out of memory. */
static int add_record(stats *st, const pk_record *r)
{
    if (!r->award || r->award->year <= 0 || r->n_units == 0)
        return 0;
    size_t doc;
    if (doc_begin(st, r->source, r->meeting ? r->paragraph : NULL, &doc))
        return -1;
    for (size_t i = 0; i < r->n_units; i++)
        if (r->units[i].name && doc_unit(st, doc, r->award->year, r->body_canonical, r->units[i].name,
                                         r->units[i].key, r->units[i].klass))
            return -1;
    for (size_t i = 0; i < r->n_decisions; i++)
        if (r->decisions[i].kind && doc_kind(st, r->decisions[i].kind))
            return -1;
    return 0;
}

/* ---- JSONL records ---- */

/* o[k] as a string, or NULL when missing or null; -1 when another type. */
static int opt_str(json_t *o, const char *k, const char **out)
{
    json_t *v = json_object_get(o, k);
    *out = json_is_string(v) ? json_string_value(v) : NULL;
    return v && !json_is_string(v) && !json_is_null(v) ? -1 : 0;
}

/* Checks that o is a record the count can use; 0, or -1 with why. */
static int check_record(json_t *o, char *why, size_t whyn)
{
    const char *s;
    if (!json_is_object(o)) {
        snprintf(why, whyn, "not a record (not a JSON object)");
        return -1;
    }
    json_t *e = json_object_get(o, "error");
    if (e) {
        const char *src = json_string_value(json_object_get(o, "source"));
        snprintf(why, whyn, "error record%s%s: %s", src ? " of " : "", src ? src : "",
                 json_is_string(e) ? json_string_value(e) : "(no message)");
        return -1;
    }
    json_t *award = json_object_get(o, "award"), *units = json_object_get(o, "units"),
           *decisions = json_object_get(o, "decisions");
    const char *bad = NULL;
    if (!award || !(json_is_object(award) || json_is_null(award)))
        bad = "award";
    else if (!json_is_array(units))
        bad = "units";
    else if (!json_is_array(decisions))
        bad = "decisions";
    else if (opt_str(o, "source", &s))
        bad = "source";
    else if (opt_str(o, "body_canonical", &s))
        bad = "body_canonical";
    else if (json_is_object(award)) {
        json_t *y = json_object_get(award, "year");
        if (y && !json_is_null(y) && !(json_is_integer(y) && json_integer_value(y) >= 0 &&
                                        json_integer_value(y) <= 9999))
            bad = "award.year";
        else if (opt_str(award, "class", &s))
            bad = "award.class";
    }
    size_t i;
    json_t *v;
    if (!bad)
        json_array_foreach(units, i, v) {
            if (!json_is_object(v) || !json_is_string(json_object_get(v, "name")) || opt_str(v, "key", &s) ||
                opt_str(v, "class", &s)) {
                snprintf(why, whyn, "not a record (units[%zu] is not a unit)", i);
                return -1;
            }
        }
    if (!bad)
        json_array_foreach(decisions, i, v) {
            if (!json_is_object(v) || !json_is_string(json_object_get(v, "kind"))) {
                snprintf(why, whyn, "not a record (decisions[%zu] is not a decision)", i);
                return -1;
            }
        }
    if (bad) {
        snprintf(why, whyn, "not a record (no valid %s)", bad);
        return -1;
    }
    return 0;
}

/* A checked record. 0, or -1 when out of memory. */
static int add_json(stats *st, json_t *o)
{
    json_t *award = json_object_get(o, "award"), *units = json_object_get(o, "units");
    json_t *y = json_object_get(award, "year");
    int year = json_is_integer(y) ? (int)json_integer_value(y) : 0;
    if (year <= 0 || json_array_size(units) == 0)
        return 0;
    const char *source, *klass, *body;
    opt_str(o, "source", &source);
    opt_str(award, "class", &klass);
    opt_str(o, "body_canonical", &body);
    size_t doc, i;
    json_t *v;
    /* a paragraph of whole minutes: its "meeting" is an object */
    const char *paragraph = NULL;
    if (json_is_object(json_object_get(o, "meeting")))
        opt_str(o, "paragraph", &paragraph);
    if (doc_begin(st, source, paragraph, &doc))
        return -1;
    json_array_foreach(units, i, v) {
        const char *key, *uclass = klass;
        opt_str(v, "key", &key);
        /* a record written before units had classes: the award's, as written */
        if (json_object_get(v, "class"))
            opt_str(v, "class", &uclass);
        if (doc_unit(st, doc, year, body, json_string_value(json_object_get(v, "name")), key, uclass))
            return -1;
    }
    json_array_foreach(json_object_get(o, "decisions"), i, v) {
        if (doc_kind(st, json_string_value(json_object_get(v, "kind"))))
            return -1;
    }
    return 0;
}

/* Reads JSONL records from standard input. Sets *failed when a line is
   not a usable record; -1 when out of memory or on a read error. */
static int read_jsonl(stats *st, int *failed)
{
    char *line = NULL;
    size_t cap = 0, lineno = 0;
    ssize_t n;
    int rc = 0;
    while ((n = getline(&line, &cap, stdin)) >= 0) {
        lineno++;
        size_t len = (size_t)n, k = 0;
        while (k < len && (line[k] == ' ' || line[k] == '\t' || line[k] == '\r' || line[k] == '\n'))
            k++;
        if (k == len)
            continue; /* a blank line */
        json_error_t je;
        json_t *o = json_loadb(line, len, 0, &je);
        char why[400];
        if (!o)
            snprintf(why, sizeof why, "not JSON (%s, column %d)", je.text, je.column);
        if (!o || check_record(o, why, sizeof why)) {
            fprintf(stderr, "protokoll: -:%zu: %s\n", lineno, why);
            *failed = 1;
            json_decref(o);
            continue;
        }
        rc = add_json(st, o);
        json_decref(o);
        if (rc)
            break;
    }
    if (!rc && ferror(stdin)) {
        fprintf(stderr, "protokoll: -: %s\n", strerror(errno));
        *failed = 1;
    }
    free(line);
    return rc;
}

/* ---- outputs ---- */

/* Rows in output order: by year, body, key. */
static int cmp_row(const row *a, const row *b)
{
    if (a->year != b->year)
        return a->year < b->year ? -1 : 1;
    int c = strcmp(a->body->s, b->body->s);
    return c ? c : strcmp(a->key->s, b->key->s);
}

static const row *sort_rows_base;
static int cmp_row_idx(const void *a, const void *b)
{
    return cmp_row(&sort_rows_base[*(const size_t *)a], &sort_rows_base[*(const size_t *)b]);
}

/* A growable string. */
typedef struct sbuf {
    char *s;
    size_t n, cap;
} sbuf;

static int sb_add(sbuf *b, const char *s)
{
    size_t n = strlen(s);
    if (reserve(&b->s, &b->cap, b->n + n + 1, 1))
        return -1;
    memcpy(b->s + b->n, s, n + 1);
    b->n += n;
    return 0;
}

/* One CSV field (RFC 4180 quoting by libcsv; empty fields bare). */
static int csv_field(FILE *f, const char *s, size_t n, int last)
{
    if (n && csv_fwrite(f, s, n) != 0)
        return -1;
    return fputs(last ? "\r\n" : ",", f) < 0 ? -1 : 0;
}

static int csv_str(FILE *f, const char *s, int last) { return csv_field(f, s, strlen(s), last); }

static int csv_num(FILE *f, long long v, int last)
{
    return fprintf(f, "%lld%s", v, last ? "\r\n" : ",") < 0 ? -1 : 0;
}

/* The set's strings sorted, joined with " | " into b. */
static int joined(sbuf *b, strset *s)
{
    qsort(s->v, s->n, sizeof *s->v, cmp_istr);
    b->n = 0;
    if (sb_add(b, ""))
        return -1;
    for (size_t i = 0; i < s->n; i++)
        if ((i && sb_add(b, " | ")) || sb_add(b, s->v[i]->s))
            return -1;
    return 0;
}

static json_t *str_or_null(const char *s) { return *s ? json_string(s) : json_null(); }

static json_t *set_json(strset *s)
{
    qsort(s->v, s->n, sizeof *s->v, cmp_istr);
    json_t *a = json_array();
    for (size_t i = 0; a && i < s->n; i++)
        if (json_array_append_new(a, json_string(s->v[i]->s))) {
            json_decref(a);
            return NULL;
        }
    return a;
}

/* Writes one JSON array element; the array's brackets come from the caller. */
static int json_elem(FILE *f, json_t *o, size_t i)
{
    if (!o)
        return -2;
    int rc = (i && fputs(",\n", f) < 0) || json_dumpf(o, f, JSON_COMPACT) != 0 ? -1 : 0;
    json_decref(o);
    return rc;
}

/* The table. 0, -1 on a write error, -2 when out of memory. */
static int write_table(FILE *f, stats *st, const size_t *order, int json)
{
    int rc = 0;
    sbuf b = {0};
    if (json)
        rc = fputs("[\n", f) < 0 ? -1 : 0;
    else
        rc = fputs("award_year,body_canonical,unit_key,spellings,decision_kinds,documents,sources\r\n", f) < 0 ? -1 : 0;
    for (size_t i = 0; !rc && i < st->nrows; i++) {
        row *r = &st->rows[order[i]];
        if (json) {
            json_t *src = json_array(), *sp = set_json(&r->spellings), *kd = set_json(&r->kinds), *o = NULL;
            for (size_t d = 0; src && d < r->ndocs; d++)
                if (json_array_append_new(src, json_string(st->docs[r->docs[d]].source->s))) {
                    json_decref(src);
                    src = NULL;
                }
            if (src && sp && kd) /* json_pack takes the three references, also when it fails */
                o = json_pack("{s:i, s:o, s:s, s:o, s:o, s:I, s:o}", "award_year", r->year, "body_canonical",
                              str_or_null(r->body->s), "unit_key", r->key->s, "spellings", sp, "decision_kinds", kd,
                              "documents", (json_int_t)r->ndocs, "sources", src);
            else {
                json_decref(src);
                json_decref(sp);
                json_decref(kd);
            }
            rc = json_elem(f, o, i);
            continue;
        }
        if (csv_num(f, r->year, 0) || csv_str(f, r->body->s, 0) || csv_str(f, r->key->s, 0)) {
            rc = -1;
            break;
        }
        if (joined(&b, &r->spellings)) {
            rc = -2;
            break;
        }
        if (csv_field(f, b.s, b.n, 0)) {
            rc = -1;
            break;
        }
        if (joined(&b, &r->kinds)) {
            rc = -2;
            break;
        }
        if (csv_field(f, b.s, b.n, 0) || csv_num(f, (long long)r->ndocs, 0)) {
            rc = -1;
            break;
        }
        b.n = 0;
        if (sb_add(&b, "")) {
            rc = -2;
            break;
        }
        for (size_t d = 0; !rc && d < r->ndocs; d++)
            if ((d && sb_add(&b, " | ")) || sb_add(&b, st->docs[r->docs[d]].source->s))
                rc = -2;
        if (!rc && csv_field(f, b.s, b.n, 1))
            rc = -1;
    }
    if (!rc && json)
        rc = fputs(st->nrows ? "\n]\n" : "]\n", f) < 0 ? -1 : 0;
    free(b.s);
    return rc;
}

enum by { BY_NONE, BY_YEAR, BY_BODY, BY_CLASS };

/* One (group, participation, document) of a --by count. */
typedef struct triple {
    int year;
    const char *label;
    size_t row, doc;
} triple;

static int cmp_group(const triple *a, const triple *b)
{
    if (a->year != b->year)
        return a->year < b->year ? -1 : 1;
    return strcmp(a->label, b->label);
}

static int cmp_triple(const void *pa, const void *pb)
{
    const triple *a = pa, *b = pb;
    int c = cmp_group(a, b);
    if (c)
        return c;
    if (a->row != b->row)
        return a->row < b->row ? -1 : 1;
    return a->doc < b->doc ? -1 : a->doc > b->doc;
}

static int cmp_size(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return x < y ? -1 : x > y;
}

/* Counts per year, body or class. 0, -1 on a write error, -2 when out of memory. */
static int write_counts(FILE *f, stats *st, enum by by, int json)
{
    static const char *const col[] = {"", "year", "body_canonical", "class"};
    size_t n = 0;
    for (size_t i = 0; i < st->nrows; i++)
        n += st->rows[i].ndocs;
    triple *t = malloc((n ? n : 1) * sizeof *t);
    size_t *docs = malloc((n ? n : 1) * sizeof *docs);
    if (!t || !docs) {
        free(t);
        free(docs);
        return -2;
    }
    size_t k = 0;
    for (size_t i = 0; i < st->nrows; i++) {
        const row *r = &st->rows[i];
        for (size_t d = 0; d < r->ndocs; d++) {
            const char *label = by == BY_BODY ? r->body->s : by == BY_CLASS ? r->cls[d]->s : "";
            t[k++] = (triple){by == BY_YEAR ? r->year : 0, label, i, r->docs[d]};
        }
    }
    qsort(t, n, sizeof *t, cmp_triple);
    int rc = 0;
    if (json)
        rc = fputs("[\n", f) < 0 ? -1 : 0;
    else
        rc = fprintf(f, "%s,documents,units\r\n", col[by]) < 0 ? -1 : 0;
    size_t groups = 0;
    for (size_t i = 0; !rc && i < n;) {
        size_t j = i, units = 0, nd = 0, ndocs = 0;
        for (; j < n && cmp_group(&t[i], &t[j]) == 0; j++) {
            if (j == i || t[j].row != t[j - 1].row)
                units++;
            docs[nd++] = t[j].doc;
        }
        qsort(docs, nd, sizeof *docs, cmp_size);
        for (size_t d = 0; d < nd; d++)
            if (d == 0 || docs[d] != docs[d - 1])
                ndocs++;
        if (json) {
            json_t *g = by == BY_YEAR ? json_integer(t[i].year) : str_or_null(t[i].label);
            json_t *o = g ? json_pack("{s:o, s:I, s:I}", col[by], g, "documents", (json_int_t)ndocs, "units",
                                      (json_int_t)units)
                          : NULL;
            rc = json_elem(f, o, groups);
        } else {
            if (by == BY_YEAR)
                rc = csv_num(f, t[i].year, 0);
            else
                rc = csv_str(f, t[i].label, 0);
            if (!rc)
                rc = csv_num(f, (long long)ndocs, 0) || csv_num(f, (long long)units, 1) ? -1 : 0;
        }
        groups++;
        i = j;
    }
    if (!rc && json)
        rc = fputs(groups ? "\n]\n" : "]\n", f) < 0 ? -1 : 0;
    free(t);
    free(docs);
    return rc;
}

/* ---- the chart ---- */

/* Text for XML: & < > and quotes escaped, control characters dropped. */
static void xml_text(FILE *f, const char *s)
{
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '&')
            fputs("&amp;", f);
        else if (c == '<')
            fputs("&lt;", f);
        else if (c == '>')
            fputs("&gt;", f);
        else if (c == '"')
            fputs("&quot;", f);
        else if (c == '\'')
            fputs("&#39;", f);
        else if (c < 0x20 || c == 0x7f)
            fputc(' ', f);
        else
            fputc(c, f);
    }
}

/* Characters (code points) in a UTF-8 string. */
static size_t u8len(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

/* The colour of label l of nl (the empty label grey): a fixed palette when
   it has enough colours, else hues a golden angle apart, in two lightnesses. */
static void label_colour(char out[8], size_t l, size_t nl, int empty)
{
    static const char *const palette[] = {"#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f",
                                          "#edc948", "#b07aa1", "#ff9da7", "#9c755f"};
    const size_t npal = sizeof palette / sizeof *palette;
    if (empty) {
        memcpy(out, "#bab0ac", 8);
        return;
    }
    if (nl <= npal) {
        memcpy(out, palette[l], 8);
        return;
    }
    double h = fmod((double)l * 137.508, 360.0) / 60.0, s = 0.55, v = l % 2 ? 0.62 : 0.45;
    double c = (1 - fabs(2 * v - 1)) * s, x = c * (1 - fabs(fmod(h, 2.0) - 1)), m = v - c / 2;
    double rgb[3] = {0, 0, 0};
    int sector = (int)h;
    rgb[sector == 0 || sector == 5 ? 0 : sector == 1 || sector == 2 ? 1 : 2] = c;
    rgb[sector == 1 || sector == 4 ? 0 : sector == 0 || sector == 3 ? 1 : 2] = x;
    snprintf(out, 8, "#%02x%02x%02x", (unsigned)((rgb[0] + m) * 255 + 0.5) & 0xffu,
             (unsigned)((rgb[1] + m) * 255 + 0.5) & 0xffu, (unsigned)((rgb[2] + m) * 255 + 0.5) & 0xffu);
}

/* Labels sorted, the empty one (no class, no body) last. */
static int cmp_label(const void *pa, const void *pb)
{
    const char *a = *(const char *const *)pa, *b = *(const char *const *)pb;
    if (!*a || !*b)
        return !*a - !*b;
    return strcmp(a, b);
}

/* The participation's unit class for the chart: the first (sorted) class
   the unit has in its documents, or "" when it has none. */
static const char *row_class(const row *r)
{
    const char *best = "";
    for (size_t d = 0; d < r->ndocs; d++) {
        const char *c = r->cls[d]->s;
        if (*c && (!*best || strcmp(c, best) < 0))
            best = c;
    }
    return best;
}

/* A bar chart of participations per award year, stacked by class (or by
   body). order: rows sorted by year. 0, -1 on a write error, -2 when out
   of memory. */
static int write_svg(FILE *f, const stats *st, const size_t *order, int by_body)
{
    size_t nr = st->nrows;
    int *years = malloc((nr ? nr : 1) * sizeof *years);
    const char **rlabel = malloc((nr ? nr : 1) * sizeof *rlabel);
    const char **labels = malloc((nr ? nr : 1) * sizeof *labels);
    size_t ny = 0, nl = 0;
    if (!years || !rlabel || !labels) {
        free(years);
        free(rlabel);
        free(labels);
        return -2;
    }
    for (size_t i = 0; i < nr; i++) {
        const row *r = &st->rows[order[i]];
        if (!ny || years[ny - 1] != r->year)
            years[ny++] = r->year;
        rlabel[i] = by_body ? r->body->s : row_class(r);
        labels[nl++] = rlabel[i];
    }
    qsort(labels, nl, sizeof *labels, cmp_label);
    size_t u = 0;
    for (size_t i = 0; i < nl; i++)
        if (!u || strcmp(labels[i], labels[u - 1]) != 0)
            labels[u++] = labels[i];
    nl = u;
    size_t *count = calloc((ny ? ny : 1) * (nl ? nl : 1), sizeof *count);
    size_t *total = calloc(ny ? ny : 1, sizeof *total);
    if (!count || !total) {
        free(years);
        free(rlabel);
        free(labels);
        free(count);
        free(total);
        return -2;
    }
    size_t max = 0;
    for (size_t i = 0, y = 0; i < nr; i++) {
        while (years[y] != st->rows[order[i]].year)
            y++;
        const char **l = bsearch(&rlabel[i], labels, nl, sizeof *labels, cmp_label);
        count[y * nl + (size_t)(l - labels)]++;
        if (++total[y] > max)
            max = total[y];
    }

    /* a scale of 1, 2 or 5 times a power of ten, at most six steps */
    size_t step = 1;
    for (size_t m = 1; max > step * 6; m *= 10) {
        if (max <= 2 * m * 6) {
            step = 2 * m;
            break;
        }
        if (max <= 5 * m * 6) {
            step = 5 * m;
            break;
        }
        step = 10 * m;
    }
    size_t top = max ? (max + step - 1) / step * step : step;

    const double ml = 64, mt = 56, ph = 260, mb = 56, slot = 44, bw = 30;
    double pw = (double)(ny ? ny : 1) * slot + 16;
    size_t lchars = 0;
    for (size_t i = 0; i < nl; i++) {
        size_t c = *labels[i] ? u8len(labels[i]) : 10;
        if (c > lchars)
            lchars = c;
    }
    double lx = ml + pw + 24;
    double w = lx + 24 + (double)lchars * 7.5 + 16;
    if (w < 480)
        w = 480;
    double h = mt + ph + mb;
    if (mt + (double)nl * 18 + 24 > h)
        h = mt + (double)nl * 18 + 24;
    const char *what = by_body ? "body" : "unit class";

    fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    fprintf(f,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\" "
            "font-family=\"sans-serif\" font-size=\"12\">\n",
            w, h, w, h);
    fprintf(f, "<title>Participations per award year, by %s</title>\n", what);
    fprintf(f, "<rect x=\"0\" y=\"0\" width=\"%.0f\" height=\"%.0f\" fill=\"#ffffff\"/>\n", w, h);
    fprintf(f, "<text x=\"%.0f\" y=\"28\" font-size=\"16\" font-weight=\"bold\">Participations per award year, by %s</text>\n",
            ml, what);
    /* the y axis: grid, ticks, title */
    fprintf(f, "<g class=\"y-axis\" fill=\"#333333\">\n");
    for (size_t v = 0; v <= top; v += step) {
        double y = mt + ph - (double)v * ph / (double)top;
        fprintf(f, "<line x1=\"%.0f\" y1=\"%.1f\" x2=\"%.0f\" y2=\"%.1f\" stroke=\"%s\"/>\n", ml, y, ml + pw, y,
                v ? "#e0e0e0" : "#333333");
        fprintf(f, "<text x=\"%.0f\" y=\"%.1f\" text-anchor=\"end\">%zu</text>\n", ml - 6, y + 4, v);
    }
    fprintf(f, "<line x1=\"%.0f\" y1=\"%.0f\" x2=\"%.0f\" y2=\"%.0f\" stroke=\"#333333\"/>\n", ml, mt, ml, mt + ph);
    fprintf(f,
            "<text transform=\"rotate(-90)\" x=\"%.0f\" y=\"18\" text-anchor=\"middle\">Participations (distinct "
            "units)</text>\n",
            -(mt + ph / 2));
    fprintf(f, "</g>\n");
    /* the bars: one group per award year */
    for (size_t y = 0; y < ny; y++) {
        double x = ml + 8 + (double)y * slot + (slot - bw) / 2, base = mt + ph;
        fprintf(f, "<g class=\"bar\" data-year=\"%d\">\n<title>%d: %zu participations</title>\n", years[y], years[y],
                total[y]);
        for (size_t l = 0; l < nl; l++) {
            size_t c = count[y * nl + l];
            if (!c)
                continue;
            double hh = (double)c * ph / (double)top;
            base -= hh;
            char colour[8];
            label_colour(colour, l, nl, !*labels[l]);
            fprintf(f,
                    "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.0f\" height=\"%.1f\" fill=\"%s\" stroke=\"#ffffff\" "
                    "stroke-width=\"0.5\"><title>%d, ",
                    x, base, bw, hh, colour, years[y]);
            xml_text(f, *labels[l] ? labels[l] : by_body ? "(no body)" : "(no class)");
            fprintf(f, ": %zu</title></rect>\n", c);
        }
        fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" font-size=\"10\">%zu</text>\n", x + bw / 2,
                base - 4, total[y]);
        fprintf(f, "</g>\n");
    }
    /* the x axis: years and title */
    fprintf(f, "<g class=\"x-axis\" fill=\"#333333\">\n");
    for (size_t y = 0; y < ny; y++)
        fprintf(f, "<text x=\"%.1f\" y=\"%.0f\" text-anchor=\"middle\">%d</text>\n", ml + 8 + (double)y * slot + slot / 2,
                mt + ph + 16, years[y]);
    fprintf(f, "<text x=\"%.0f\" y=\"%.0f\" text-anchor=\"middle\">Award year</text>\n", ml + pw / 2, mt + ph + 40);
    if (!ny)
        fprintf(f, "<text x=\"%.0f\" y=\"%.0f\" text-anchor=\"middle\">no participations</text>\n", ml + pw / 2,
                mt + ph / 2);
    fprintf(f, "</g>\n");
    /* the legend */
    fprintf(f, "<g class=\"legend\">\n");
    for (size_t l = 0; l < nl; l++) {
        double y = mt + (double)l * 18;
        char colour[8];
        label_colour(colour, l, nl, !*labels[l]);
        fprintf(f, "<rect x=\"%.0f\" y=\"%.0f\" width=\"12\" height=\"12\" fill=\"%s\"/><text x=\"%.0f\" y=\"%.0f\">",
                lx, y, colour, lx + 18, y + 10);
        xml_text(f, *labels[l] ? labels[l] : by_body ? "(no body)" : "(no class)");
        fprintf(f, "</text>\n");
    }
    fprintf(f, "</g>\n</svg>\n");
    free(years);
    free(rlabel);
    free(labels);
    free(count);
    free(total);
    return ferror(f) ? -1 : 0;
}

/* ---- the command ---- */

static int usage_error(const char *fmt, const char *arg)
{
    fputs("protokoll: ", stderr);
    fprintf(stderr, fmt, arg);
    fputs(" (see protokoll stats --help)\n", stderr);
    return 2;
}

int stats_main(int argc, char **argv)
{
    enum by by = BY_NONE;
    int json = 0, only_files = 0;
    const char *outpath = NULL, *svgpath = NULL;
    inputs in = {0};
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (only_files || a[0] != '-' || !a[1]) {
            if (add_input(&in, a)) {
                fprintf(stderr, "protokoll: out of memory\n");
                free_inputs(&in);
                return 1;
            }
            continue;
        }
        if (strcmp(a, "--") == 0) {
            only_files = 1;
            continue;
        }
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            free_inputs(&in);
            fputs(usage, stdout);
            return fclose(stdout) == 0 ? 0 : 1;
        }
        static const char *const opts[] = {"--by", "--format", "-f", "--svg", "--output", "-o"};
        const char *val = NULL, *name = NULL;
        for (size_t k = 0; k < sizeof opts / sizeof *opts && !name; k++) {
            size_t n = strlen(opts[k]);
            if (strncmp(a, opts[k], n) != 0)
                continue;
            if (!a[n])
                name = opts[k];
            else if (a[n] == '=' && a[1] == '-')
                name = opts[k], val = a + n + 1;
            else if (a[1] != '-')
                name = opts[k], val = a + n; /* -ofile */
        }
        if (!name) {
            free_inputs(&in);
            return usage_error("stats: unknown option %s", a);
        }
        if (!val) {
            if (i + 1 >= argc) {
                free_inputs(&in);
                return usage_error("stats: option %s needs a value", a);
            }
            val = argv[++i];
        }
        if (!*val) {
            free_inputs(&in);
            return usage_error("stats: option %s needs a value", name);
        }
        if (strcmp(name, "--by") == 0) {
            by = strcmp(val, "year") == 0    ? BY_YEAR
                 : strcmp(val, "body") == 0  ? BY_BODY
                 : strcmp(val, "class") == 0 ? BY_CLASS
                                             : BY_NONE;
            if (by == BY_NONE) {
                free_inputs(&in);
                return usage_error("stats: --by takes year, body or class, not %s", val);
            }
        } else if (strcmp(name, "--format") == 0 || strcmp(name, "-f") == 0) {
            if (strcmp(val, "csv") != 0 && strcmp(val, "json") != 0) {
                free_inputs(&in);
                return usage_error("stats: unknown format %s (csv or json)", val);
            }
            json = strcmp(val, "json") == 0;
        } else if (strcmp(name, "--svg") == 0) {
            svgpath = val;
        } else {
            outpath = val;
        }
    }
    if (in.n == 0 && push_input(&in, "-")) {
        fprintf(stderr, "protokoll: out of memory\n");
        return 1;
    }

    /* the outputs first, so that a path that cannot be written fails early */
    aout out = {0}, svg = {0};
    if (aout_open(&out, outpath) != 0) {
        fprintf(stderr, "protokoll: cannot write %s: %s\n", outpath, strerror(errno));
        free_inputs(&in);
        return 1;
    }
    if (svgpath && aout_open(&svg, svgpath) != 0) {
        fprintf(stderr, "protokoll: cannot write %s: %s\n", svgpath, strerror(errno));
        aout_close(&out, 0);
        free_inputs(&in);
        return 1;
    }

    stats st = {0};
    pk_extractor *ex = NULL;
    int failed = 0, oom = 0;
    for (size_t i = 0; i < in.n && !oom; i++) {
        const char *path = in.v[i];
        if (strcmp(path, "-") == 0) {
            oom = read_jsonl(&st, &failed) != 0;
            continue;
        }
        if (!ex && !(ex = pk_extractor_new())) {
            oom = 1;
            break;
        }
        char err[256];
        size_t len = 0;
        char *text = read_all(path, &len, err, sizeof err);
        if (!text) {
            fprintf(stderr, "protokoll: %s: %s\n", path, err);
            failed = 1;
            continue;
        }
        pk_doc *doc = NULL;
        pk_error e;
        int rc = pk_extract_ex(ex, text, len, path, &doc, &e);
        free(text);
        if (rc) {
            fprintf(stderr, "protokoll: %s: %s\n", path, e.message[0] ? e.message : pk_strerror(rc));
            failed = 1;
            continue;
        }
        /* whole minutes: each paragraph's record counts on its own */
        for (size_t k = 0; !oom && k < pk_doc_count(doc); k++)
            oom = add_record(&st, pk_doc_record_at(doc, k)) != 0;
        pk_doc_free(doc);
    }
    pk_extractor_free(ex);
    free_inputs(&in);

    size_t *order = oom ? NULL : malloc((st.nrows ? st.nrows : 1) * sizeof *order);
    int wrc = 0, svgrc = 0;
    if (order) {
        for (size_t i = 0; i < st.nrows; i++)
            order[i] = i;
        sort_rows_base = st.rows;
        qsort(order, st.nrows, sizeof *order, cmp_row_idx);
        wrc = by == BY_NONE ? write_table(out.f, &st, order, json) : write_counts(out.f, &st, by, json);
        if (svgpath && wrc != -2)
            svgrc = write_svg(svg.f, &st, order, by == BY_BODY);
    }
    if (!order || wrc == -2 || svgrc == -2) {
        fprintf(stderr, "protokoll: out of memory\n");
        aout_close(&out, 0);
        aout_close(&svg, 0);
        free(order);
        stats_free(&st);
        return 1;
    }
    free(order);
    stats_free(&st);

    int status = failed ? 1 : 0;
    if (svgpath && aout_close(&svg, svgrc == 0) != 0) {
        fprintf(stderr, "protokoll: cannot write %s: %s\n", svgpath, strerror(errno));
        status = 1;
    }
    if (aout_close(&out, wrc == 0) != 0 || wrc) {
        if (!outpath && errno == EPIPE)
            return status; /* the reader went away: end quietly */
        if (outpath)
            fprintf(stderr, "protokoll: cannot write %s: %s\n", outpath, strerror(errno ? errno : EIO));
        else
            fprintf(stderr, "protokoll: write error: %s\n", strerror(errno ? errno : EIO));
        return 1;
    }
    return status;
}
