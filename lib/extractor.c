/* The extractor: its patterns (match.c) and tables compiled once and
   shared read-only; pk_extract() cleans one document's text once and runs
   the stages over it, in an arena. */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct pk_doc {
    pk_record rec;
    arena a;
};

PK_EXPORT const char *pk_version(void) { return PK_VERSION_STRING; }

PK_EXPORT const char *pk_strerror(int code)
{
    switch (code) {
    case PK_OK: return "success";
    case PK_ENOMEM: return "out of memory";
    case PK_EINVAL: return "invalid argument";
    case PK_ENOTTEXT: return "not text";
    case PK_ETOOBIG: return "input too large";
    case PK_EIO: return "input/output error";
    case PK_EINTERNAL: return "internal limit reached";
    case PK_EPDF: return "unreadable PDF";
    default: return "unknown error";
    }
}

PK_EXPORT void pk_extractor_free(pk_extractor *ex)
{
    if (!ex)
        return;
    pk_match_free(ex);
    pk_names_free(ex->names);
    free(ex);
}

PK_EXPORT pk_extractor *pk_extractor_new(void)
{
    pk_extractor *ex = pk_malloc(sizeof *ex);
    if (!ex)
        return NULL;
    memset(ex, 0, sizeof *ex);
    ex->names = pk_names_new();
    if (!ex->names || pk_match_compile(ex) != 0) {
        pk_extractor_free(ex);
        return NULL;
    }
    return ex;
}

static void finish(ctx *c)
{
    pk_record *r = c->rec;
    r->registration_numbers = c->regnums.items;
    r->n_registration_numbers = c->regnums.n;
    r->decisions = c->decisions.items;
    r->n_decisions = c->decisions.n;
    r->units = c->units.items;
    r->n_units = c->units.n;
    r->people = c->people.items;
    r->n_people = c->people.n;
    r->dates = c->dates.items;
    r->n_dates = c->dates.n;
    r->warnings = c->warnings.items;
    r->n_warnings = c->warnings.n;
    r->award = c->award;
}

static int fail(pk_error *err, int code, size_t offset, const char *msg)
{
    if (err) {
        err->code = code;
        err->offset = offset;
        snprintf(err->message, sizeof err->message, "%s", msg ? msg : pk_strerror(code));
    }
    return code;
}

PK_EXPORT int pk_extract_ex(const pk_extractor *ex, const char *text, size_t len, const char *source,
                            pk_doc **out, pk_error *err)
{
    if (out)
        *out = NULL;
    if (!ex || !out || (!text && len))
        return fail(err, PK_EINVAL, 0, NULL);
    if (len > PK_MAX_INPUT)
        return fail(err, PK_ETOOBIG, PK_MAX_INPUT, "input too large (over 1 GiB)");

    pk_doc *volatile doc = pk_malloc(sizeof *doc);
    if (!doc)
        return fail(err, PK_ENOMEM, 0, NULL);
    memset(doc, 0, sizeof *doc);
    jmp_buf jb;
    pcre2_match_data *volatile md = NULL;
    pcre2_match_context *volatile mctx = NULL;
    if (setjmp(jb)) {
        pcre2_match_data_free(md);
        pcre2_match_context_free(mctx);
        pk_arena_free(&doc->a);
        free(doc);
        return fail(err, PK_ENOMEM, 0, NULL);
    }
    doc->a.oom = &jb;
    md = pcre2_match_data_create(40, ex->gctx);
    mctx = pcre2_match_context_create(ex->gctx);
    if (!md || !mctx)
        longjmp(jb, 1);
    /* bounds on every match: the patterns have no nested unbounded
       repetition, and these stop any that would still go wrong */
    pcre2_set_match_limit(mctx, 1000000);
    pcre2_set_depth_limit(mctx, 10000);

    ctx c;
    memset(&c, 0, sizeof c);
    c.ex = ex;
    c.a = &doc->a;
    c.md = md;
    c.mctx = mctx;
    c.orig = (const unsigned char *)(text ? text : ""); /* NULL with length 0: empty */
    c.orig_len = len;
    c.rec = &doc->rec;
    c.regnums.size = sizeof(pk_regnum);
    c.dates.size = sizeof(pk_date);
    c.decisions.size = sizeof(pk_decision);
    c.units.size = sizeof(pk_unit);
    c.people.size = sizeof(pk_person);
    c.warnings.size = sizeof(const char *);
    doc->rec.source = pk_arena_strdup(c.a, source);

    pk_text raw;
    decode_info di;
    int rc = pk_decode(c.a, c.orig, len, &raw, &di);
    if (rc) {
        char msg[96];
        snprintf(msg, sizeof msg, "not text (binary data at byte %zu)", di.bad_offset);
        pcre2_match_data_free(md);
        pcre2_match_context_free(mctx);
        pk_arena_free(&doc->a);
        free(doc);
        return fail(err, rc, di.bad_offset, msg);
    }
    c.encoding = di.encoding;
    /* the form feeds, once, so that every span finds its page by bisection */
    for (const unsigned char *p = c.orig, *end = c.orig + len; (p = memchr(p, '\f', (size_t)(end - p))) != NULL; p++)
        c.n_ff++;
    if (c.n_ff) {
        uint32_t *ff = pk_arena_alloc(c.a, c.n_ff * sizeof *ff);
        size_t k = 0;
        for (const unsigned char *p = c.orig, *end = c.orig + len; (p = memchr(p, '\f', (size_t)(end - p))) != NULL; p++)
            ff[k++] = (uint32_t)(p - c.orig);
        c.ff = ff;
    }
    if (di.encoding == ENC_CP1252)
        pk_warn(&c, "encoding guessed: Windows-1252");
    if (di.replaced) {
        char msg[96];
        snprintf(msg, sizeof msg, "%zu invalid bytes replaced by U+FFFD", di.replaced);
        pk_warn(&c, msg);
    }
    if (di.nuls) {
        char msg[96];
        snprintf(msg, sizeof msg, "%zu NUL bytes dropped", di.nuls);
        pk_warn(&c, msg);
    }
    pk_normalize(c.a, &raw, &c.t);
    pk_segment(c.a, &c.t, &c.sg);

    /* the stages, each after those whose results it reads */
    pk_extract_regnums(&c);    /* first: dates skip what lies in a diarienummer */
    pk_extract_fields(&c);     /* doc_type, title, the header's end: where the decision is sought */
    pk_extract_decisions(&c);  /* the decision section and the body that decides */
    pk_extract_award(&c);      /* the award, from the title and the decision */
    pk_extract_dates(&c);      /* roles and years need the header, the decision and the award */
    pk_extract_units(&c);      /* the units the decisions name */
    pk_extract_people(&c);     /* names, titles and parties anywhere in the text */
    pk_extract_canonical(&c);  /* body_canonical and unit keys, from all the above */
    pk_extract_unit_class(&c); /* units' classes: names, the decision, the body */
    if (c.rx_limit_hit)
        pk_warn(&c, "pattern limit reached: some text was not searched to the end");
    if (c.t.n == 0)
        pk_warn(&c, "empty document");
    else if (!c.decisions.n && !c.units.n && !c.dates.n && !c.regnums.n && !doc->rec.title)
        pk_warn(&c, "nothing found");
    finish(&c);

    pcre2_match_data_free(md);
    pcre2_match_context_free(mctx);
    doc->a.oom = NULL;
    *out = doc;
    return 0;
}

PK_EXPORT int pk_extract(const pk_extractor *ex, const char *text, size_t len, const char *source, pk_doc **out)
{
    return pk_extract_ex(ex, text, len, source, out, NULL);
}

PK_EXPORT const pk_record *pk_doc_record(const pk_doc *doc) { return doc ? &doc->rec : NULL; }

PK_EXPORT int pk_doc_add_warning(pk_doc *doc, const char *message)
{
    if (!doc || !message)
        return PK_EINVAL;
    pk_record *r = &doc->rec;
    /* a new array in the doc's arena: the old one stays until pk_doc_free */
    const char **w = pk_arena_alloc(&doc->a, (r->n_warnings + 1) * sizeof *w);
    char *m = w ? pk_arena_strdup(&doc->a, message) : NULL;
    if (!m)
        return PK_ENOMEM;
    if (r->n_warnings)
        memcpy(w, r->warnings, r->n_warnings * sizeof *w);
    w[r->n_warnings] = m;
    r->warnings = w;
    r->n_warnings++;
    return 0;
}

PK_EXPORT void pk_doc_free(pk_doc *doc)
{
    if (!doc)
        return;
    pk_arena_free(&doc->a);
    free(doc);
}
