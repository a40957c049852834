/* The extractor: its patterns (match.c) and tables compiled once and
   shared read-only; pk_extract() cleans one document's text once and runs
   the stages over it, in an arena. Whole minutes (minutes.c finds their
   paragraphs) give a record per paragraph: the stages run on each
   paragraph's part of the one cleaned text, and once on the meeting's
   header and signatures, whose fields every paragraph's record shares. */
#include "internal.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct pk_doc {
    pk_record *recs; /* n records, in the order of the input */
    size_t n;
    pk_meeting meeting;
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

/* A document's pcre2 match data and match context, kept when it is done
   for the next document (pcre2 makes each with an allocation, and frees
   it): a stack of them under a lock, as many as documents were extracted
   at once at most. */
typedef struct match_pair {
    pcre2_match_data *md;
    pcre2_match_context *mctx;
    struct match_pair *next;
} match_pair;
struct pk_match_pool {
    pthread_mutex_t mu;
    match_pair *free;
};

static void pair_free(match_pair *p)
{
    if (!p)
        return;
    pcre2_match_data_free(p->md);
    pcre2_match_context_free(p->mctx);
    free(p);
}

/* A pair from the pool, or a new one; NULL when out of memory. */
static match_pair *pair_take(const pk_extractor *ex)
{
    struct pk_match_pool *pool = ex->pool;
    match_pair *p = NULL;
    if (pool) {
        pthread_mutex_lock(&pool->mu);
        if ((p = pool->free) != NULL)
            pool->free = p->next;
        pthread_mutex_unlock(&pool->mu);
        if (p)
            return p;
    }
    p = pk_malloc(sizeof *p);
    if (!p)
        return NULL;
    p->md = pcre2_match_data_create(40, ex->gctx);
    p->mctx = pcre2_match_context_create(ex->gctx);
    if (!p->md || !p->mctx) {
        pair_free(p);
        return NULL;
    }
    /* bounds on every match: the patterns have no nested unbounded
       repetition, and these stop any that would still go wrong */
    pcre2_set_match_limit(p->mctx, 1000000);
    pcre2_set_depth_limit(p->mctx, 10000);
    return p;
}

/* The pair back to the pool, for the next document */
static void pair_give(const pk_extractor *ex, match_pair *p)
{
    struct pk_match_pool *pool = ex->pool;
    if (!pool) {
        pair_free(p);
        return;
    }
    pthread_mutex_lock(&pool->mu);
    p->next = pool->free;
    pool->free = p;
    pthread_mutex_unlock(&pool->mu);
}

PK_EXPORT void pk_extractor_free(pk_extractor *ex)
{
    if (!ex)
        return;
    if (ex->pool) {
        for (match_pair *p = ex->pool->free, *next; p; p = next) {
            next = p->next;
            pair_free(p);
        }
        pthread_mutex_destroy(&ex->pool->mu);
        free(ex->pool);
    }
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
    ex->pool = pk_malloc(sizeof *ex->pool);
    if (!ex->pool || pthread_mutex_init(&ex->pool->mu, NULL) != 0) {
        free(ex->pool);
        ex->pool = NULL;
        pk_extractor_free(ex);
        return NULL;
    }
    ex->pool->free = NULL;
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

static void ctx_init(ctx *c, const pk_extractor *ex, arena *a, pcre2_match_data *md, pcre2_match_context *mctx,
                     const unsigned char *orig, size_t len, const ctx *like)
{
    memset(c, 0, sizeof *c);
    c->ex = ex;
    c->a = a;
    c->md = md;
    c->mctx = mctx;
    c->orig = orig;
    c->orig_len = len;
    if (like) {
        c->encoding = like->encoding;
        c->ff = like->ff;
        c->n_ff = like->n_ff;
    }
    c->regnums.size = sizeof(pk_regnum);
    c->dates.size = sizeof(pk_date);
    c->decisions.size = sizeof(pk_decision);
    c->decision_items.size = sizeof(pk_decision_item);
    c->units.size = sizeof(pk_unit);
    c->unit_lows.size = sizeof(const char *);
    c->people.size = sizeof(pk_person);
    c->warnings.size = sizeof(const char *);
}

/* The stages, each after those whose results it reads. Without units
   for the header and signatures of whole minutes, whose record gives the
   paragraphs only its type, body and canonical name, administration,
   dates and people (pk_minutes_merge): no other stage reads the units,
   so they are not sought. */
static void run_stages(ctx *c, int units)
{
    pk_extract_regnums(c);    /* first: dates skip what lies in a diarienummer */
    pk_extract_fields(c);     /* doc_type, title, the header's end: where the decision is sought */
    pk_extract_decisions(c);  /* the decision section and the body that decides */
    pk_extract_award(c);      /* the award, from the title and the decision */
    pk_extract_dates(c);      /* roles and years need the header, the decision and the award */
    if (units)
        pk_extract_units(c);  /* the units the decisions name */
    pk_extract_people(c);     /* names, titles and parties anywhere in the text */
    pk_extract_canonical(c);  /* body_canonical and unit keys, from all the above */
    if (units)
        pk_extract_unit_class(c); /* units' classes: names, the decision, the body */
    if (c->rx_limit_hit)
        pk_warn(c, "pattern limit reached: some text was not searched to the end");
    if (c->t.n == 0)
        pk_warn(c, "empty document");
    else if (!c->decisions.n && !c->units.n && !c->dates.n && !c->regnums.n && !c->rec->title)
        pk_warn(c, "nothing found");
}

/* Whole minutes: the meeting's header and signatures once, then each
   paragraph on its own part of the cleaned text (the same bytes, the same
   map: spans stay offsets into the input), sharing the meeting's fields.
   Every part is read once, so the cost stays linear in the input. */
static void extract_minutes(ctx *c, pk_doc *doc, const pk_para *ps, size_t np, size_t closing, const char *source)
{
    pk_meeting *mt = &doc->meeting;
    pk_record *mrec = pk_arena_alloc(c->a, sizeof *mrec);
    memset(mrec, 0, sizeof *mrec);
    ctx m;
    ctx_init(&m, c->ex, c->a, c->md, c->mctx, c->orig, c->orig_len, c);
    m.minutes = 1;
    m.rec = mrec;
    pk_minutes_meeting_text(c->a, &c->t, ps[0].s, closing, &m.t);
    if (m.t.n) {
        pk_segment(c->a, &m.t, &m.sg);
        run_stages(&m, 0);
        finish(&m);
        /* the body whose minutes these are: a header line that is its name alone */
        const char *body = mrec->body;
        pk_span bspan = mrec->body_span;
        mrec->body = NULL;
        mrec->doc_type = mrec->doc_type && strcmp(mrec->doc_type, "protokollsutdrag") == 0 ? "protokollsutdrag" : "protokoll";
        m.header_end = m.t.n;
        pk_body_from_header(&m);
        if (!mrec->body) {
            mrec->body = body;
            mrec->body_span = bspan;
        }
        if (c->rx_limit_hit || m.rx_limit_hit)
            c->rx_limit_hit = 1;
    }
    mt->body = mrec->body;
    mt->body_canonical = mrec->body_canonical;
    mt->date = mrec->meeting_date;
    mt->n_paragraphs = np;
    mt->first_paragraph = pk_arena_strndup(c->a, c->t.s + ps[0].num_s, ps[0].num_e - ps[0].num_s);
    mt->last_paragraph = pk_arena_strndup(c->a, c->t.s + ps[np - 1].num_s, ps[np - 1].num_e - ps[np - 1].num_s);
    mt->span = pk_span_of(c, 0, ps[0].s);

    /* the decoder's warnings go to every record */
    const char *const *dw = c->warnings.items;
    size_t ndw = c->warnings.n;
    doc->recs = pk_arena_alloc(c->a, np * sizeof *doc->recs);
    memset(doc->recs, 0, np * sizeof *doc->recs);
    doc->n = np;
    const char *src = pk_arena_strdup(c->a, source);
    for (size_t i = 0; i < np; i++) {
        ctx v;
        ctx_init(&v, c->ex, c->a, c->md, c->mctx, c->orig, c->orig_len, c);
        v.minutes = 1;
        v.rec = &doc->recs[i];
        v.rec->source = src;
        v.rec->meeting = mt;
        v.t = pk_text_part(&c->t, ps[i].s, ps[i].e);
        v.rec->paragraph = pk_arena_strndup(c->a, c->t.s + ps[i].num_s, ps[i].num_e - ps[i].num_s);
        v.rec->paragraph_span = pk_span_of(c, ps[i].num_s, ps[i].num_e);
        v.rec->meeting_date = mt->date; /* the meeting decides every paragraph */
        for (size_t k = 0; k < ndw; k++)
            *(const char **)pk_vec_push(v.a, &v.warnings) = dw[k];
        pk_segment(c->a, &v.t, &v.sg);
        run_stages(&v, 1);
        pk_minutes_merge(&v, mrec, mt);
        finish(&v);
    }
    pk_minutes_settle(c, doc->recs, np, mt);
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
    match_pair *volatile mp = NULL;
    if (setjmp(jb)) {
        pair_free(mp); /* (not kept: out of memory, the document's state is not known) */
        pk_arena_free(&doc->a);
        free(doc);
        return fail(err, PK_ENOMEM, 0, NULL);
    }
    doc->a.oom = &jb;
    if (!(mp = pair_take(ex)))
        longjmp(jb, 1);

    ctx c;
    ctx_init(&c, ex, &doc->a, mp->md, mp->mctx, (const unsigned char *)(text ? text : ""), len, NULL);
    /* the first record, for a document of one (its only one) */
    doc->recs = pk_arena_alloc(c.a, sizeof *doc->recs);
    memset(doc->recs, 0, sizeof *doc->recs);
    doc->n = 1;
    c.rec = &doc->recs[0];
    doc->recs[0].source = pk_arena_strdup(c.a, source);

    pk_text raw;
    decode_info di;
    int rc = pk_decode(c.a, c.orig, len, &raw, &di);
    if (rc) {
        char msg[96];
        snprintf(msg, sizeof msg, "not text (binary data at byte %zu)", di.bad_offset);
        pair_give(ex, mp);
        pk_arena_free(&doc->a);
        free(doc);
        return fail(err, rc, di.bad_offset, msg);
    }
    c.encoding = di.encoding;
    /* the form feeds, once, so that every span finds its page by bisection:
       the first FEW_FF kept as the one pass finds them, the input read
       again only for a document of more pages */
    enum { FEW_FF = 256 };
    uint32_t few_ff[FEW_FF];
    for (const unsigned char *p = c.orig, *end = c.orig + len; (p = memchr(p, '\f', (size_t)(end - p))) != NULL; p++)
        if (c.n_ff++ < FEW_FF)
            few_ff[c.n_ff - 1] = (uint32_t)(p - c.orig);
    if (c.n_ff) {
        uint32_t *ff = pk_arena_alloc(c.a, c.n_ff * sizeof *ff);
        if (c.n_ff <= FEW_FF) {
            memcpy(ff, few_ff, c.n_ff * sizeof *ff);
        } else {
            size_t k = 0;
            for (const unsigned char *p = c.orig, *end = c.orig + len; (p = memchr(p, '\f', (size_t)(end - p))) != NULL;
                 p++)
                ff[k++] = (uint32_t)(p - c.orig);
        }
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
    pk_normalize(c.a, &raw, di.plain, &c.t);
    pk_segment(c.a, &c.t, &c.sg);

    vec paras = {0};
    paras.size = sizeof(pk_para);
    size_t closing;
    if (pk_minutes_paragraphs(&c, &paras, &closing) < 2) {
        run_stages(&c, 1);
        finish(&c);
    } else {
        extract_minutes(&c, doc, paras.items, paras.n, closing, source);
    }

    pair_give(ex, mp);
    doc->a.oom = NULL;
    *out = doc;
    return 0;
}

PK_EXPORT int pk_extract(const pk_extractor *ex, const char *text, size_t len, const char *source, pk_doc **out)
{
    return pk_extract_ex(ex, text, len, source, out, NULL);
}

PK_EXPORT const pk_record *pk_doc_record(const pk_doc *doc) { return doc ? &doc->recs[0] : NULL; }

PK_EXPORT size_t pk_doc_count(const pk_doc *doc) { return doc ? doc->n : 0; }

PK_EXPORT const pk_record *pk_doc_record_at(const pk_doc *doc, size_t i)
{
    return doc && i < doc->n ? &doc->recs[i] : NULL;
}

PK_EXPORT int pk_doc_add_warning(pk_doc *doc, const char *message)
{
    if (!doc || !message)
        return PK_EINVAL;
    char *m = pk_arena_strdup(&doc->a, message);
    if (!m)
        return PK_ENOMEM;
    for (size_t i = 0; i < doc->n; i++) {
        pk_record *r = &doc->recs[i];
        /* a new array in the doc's arena: the old one stays until pk_doc_free */
        const char **w = pk_arena_alloc(&doc->a, (r->n_warnings + 1) * sizeof *w);
        if (!w)
            return PK_ENOMEM;
        if (r->n_warnings)
            memcpy(w, r->warnings, r->n_warnings * sizeof *w);
        w[r->n_warnings] = m;
        r->warnings = w;
        r->n_warnings++;
    }
    return 0;
}

PK_EXPORT void pk_doc_free(pk_doc *doc)
{
    if (!doc)
        return;
    pk_arena_free(&doc->a);
    free(doc);
}
