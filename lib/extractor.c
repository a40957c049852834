/* The extractor: patterns compiled once (pcre2 with JIT) and shared
   read-only; pk_extract() runs the stages over one document in an arena. */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct pk_doc {
    pk_record rec;
    arena a;
};

#define NAME "(\\p{Lu}\\p{Ll}+(?:-\\p{Lu}\\p{Ll}+)?(?:[ \\n](?:af |von |van |de |da |el )?\\p{Lu}\\p{Ll}+(?:-\\p{Lu}\\p{Ll}+)?){1,3})"
#define PARTY "((?i:mp|kd|sd|fp|fi|pp|spi|s|m|v|l|c))"
#define MONTHS "januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december|jan|febr|feb|mar|apr|jun|jul|aug|sept|sep|okt|nov|dec"
#define REGVAL "(?:\\p{Lu}\\p{L}{0,5}(?:[ \\-/]|(?=\\d)))?\\d[\\d.]*(?:(?:[-/:]| ?[–/] ?)\\d[\\d.]*)*"

static const char *const rx_src[RX_COUNT] = {
    [RX_REGNUM_LABELED] = "(?<![\\p{L}])(?:[Dd] ?nr|DNR|Diarienummer|Diarienr|Vårt dnr|Er ref)\\.?:?[ \\n]*(" REGVAL ")",
    [RX_REGNUM_PREFIX] = "(?<![\\p{L}\\d\\-/])(\\p{Lu}{2,5})[ \\-/](\\d{4})[/:\\-](\\d{1,6})(?![\\d/])",
    [RX_REGNUM_CLASS] = "(?<![\\d.\\-/])(?:\\d{1,2}(?:\\.\\d{1,2}){1,4}\\.?-\\d{1,6}/(?:\\d{4}|\\d{2})|\\d(?:\\.\\d{1,2}){1,4}/\\d{1,6}-(?:\\d{4}|\\d{2}))(?![\\d/])",
    [RX_DATE_ISO] = "(?<![\\d.\\-/])(\\d{4})([-.])(\\d{1,2})\\2(\\d{1,2})(?![\\d]|\\.\\d)",
    [RX_DATE_SLASH] = "(?<![\\d/.\\-])(\\d{1,2})/(\\d{1,2})[ ]+(\\d{4})(?![\\d/])",
    [RX_DATE_PAREN] = "\\((\\d{1,2})/(\\d{1,2})\\)",
    [RX_DATE_NAMED] = "(?i)(?<![\\p{L}\\d])(?:(?:måndag|tisdag|onsdag|torsdag|fredag|lördag|söndag)(?:en)?\\s+)?(?:den\\s+)?"
                      "(\\d{1,2})(?::[ae])?\\s+(" MONTHS ")(?![\\p{L}])(\\.)?(?:\\s+(\\d{4})(?![\\d]))?",
    [RX_FORMULA] = NULL, /* built from the table */
    [RX_BODY] = "(?<![\\p{L}\\-])(?:(\\p{Lu}[\\p{L}\\-]*[ \\n](?:och[ \\n])?)(?:stads[ \\n])?)?(\\p{L}*(?i:nämnd|nämnden|styrelse|styrelsen|fullmäktige|utskott|utskottet|kommittén|kommitté|direktionen|beredningen))(?![\\p{L}])",
    [RX_ADMIN] = "(?<![\\p{L}\\-])(?:(\\p{Lu}[\\p{L}\\-]*)[ \\n])?(\\p{L}*(?i:förvaltning|förvaltningen|kontoret|kontor))(?![\\p{L}])",
    [RX_PARAGRAPH] = "(?m)^(?:Protokoll[^\\n]{0,60}?|\\p{Lu}{2,6}[ ]+)?§[ ]*(\\d{1,4})(?![\\d])",
    [RX_AWARD] = "(?i)(?<![\\p{L}])(?:stadens\\s+|stockholms\\s+stads\\s+)?kvalitets(?:utmärkelse(?:n|r|rna)?|pris(?:et|er)?)(?![\\p{L}])",
    [RX_AWARD_YEAR] = "(?i)(?:(\\d{4})\\s+års\\s+(?:\\p{L}+\\s+){0,2}?kvalitets(?:utmärkelse|pris)|kvalitets(?:utmärkelse(?:n|ns)?|pris(?:et|ets)?)\\s+(?:år\\s+)?(\\d{4})(?![\\d\\-/]))",
    [RX_PERSON_PARTY] = NAME "\\s*\\(" PARTY "\\)",
    [RX_CHAIR] = "(?<![\\p{L}])(?i:(?:tjänstgörande\\s+|vice\\s+|t\\.?f\\.?\\s+)?ordförande(?:n)?)(?::)?\\s+" NAME "(?:\\s*\\(" PARTY "\\))?",
    [RX_NAME] = NAME,
    [RX_PARTICIPATE] = "(?i)(?<![\\p{L}])(?:har\\s+(?:valt|beslutat|bestämt)\\s+att\\s+(?:delta|medverka|tävla|anmäla\\s+sig)|har\\s+anmält\\s+(?:sitt|sig|att|intresse|deltagande)|har\\s+anmälts|anmäler\\s+(?:sitt|sig)|deltar|deltog|har\\s+deltagit|medverkar|medverkade|tävlade|avser\\s+att\\s+delta|vill\\s+delta|kommer\\s+att\\s+delta|ska\\s+delta|tävlar|nomineras|föreslås\\s+(?:delta|nomineras))(?![\\p{L}])",
    [RX_PART_VERB] = "(?i)(?<![\\p{L}])(?:deltar|delta|deltager|medverkar|medverka|tävlar|tävla|får\\s+delta|ska\\s+delta|skall\\s+delta|anmäls|anmäler|nomineras|ställer\\s+upp)(?![\\p{L}])",
    [RX_INOM] = "(?<![\\p{L}])(?:inom|tillhör)(?![\\p{L}])",
    [RX_CLASS] = "(?i)(?<![\\p{L}])(?:tävlings)?klass(?:en)?\\s+(\\p{L}+(?:\\s+(?:och|inklusive)\\s+\\p{L}+)?)",
    /* a municipality by name: "Göteborgs Stad", "SOLNA STAD", "Nacka kommun" */
    [RX_MUNICIPALITY] = "(?<![\\p{L}])(\\p{Lu}[\\p{L}]+(?:-\\p{Lu}[\\p{L}]+)?)\\s+(?:[Ss]tad|STAD|kommun|KOMMUN)s?(?![\\p{L}])",
};

static char *build_formula_pattern(void)
{
    size_t need = 64;
    for (size_t i = 0; i < pk_n_formulas; i++)
        need += strlen(pk_formulas[i].pattern) + 24;
    char *p = pk_malloc(need);
    if (!p)
        return NULL;
    size_t o = (size_t)snprintf(p, need, "(?i)(?<![\\p{L}])(?:");
    for (size_t i = 0; i < pk_n_formulas; i++)
        o += (size_t)snprintf(p + o, need - o, "%s%s(*MARK:%zu)", i ? "|" : "", pk_formulas[i].pattern, i);
    snprintf(p + o, need - o, ")(?![\\p{L}])");
    return p;
}

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
    for (int i = 0; i < RX_COUNT; i++)
        pcre2_code_free(ex->rx[i]);
    pcre2_general_context_free(ex->gctx);
    pk_names_free(ex->names);
    free(ex);
}

static void *rx_alloc(PCRE2_SIZE n, void *data)
{
    (void)data;
    return pk_malloc(n);
}

static void rx_free(void *p, void *data)
{
    (void)data;
    free(p);
}

PK_EXPORT pk_extractor *pk_extractor_new(void)
{
    pk_extractor *ex = pk_malloc(sizeof *ex);
    if (!ex)
        return NULL;
    memset(ex, 0, sizeof *ex);
    char *formula = build_formula_pattern();
    ex->names = pk_names_new();
    ex->gctx = pcre2_general_context_create(rx_alloc, rx_free, NULL);
    pcre2_compile_context *cctx = ex->gctx ? pcre2_compile_context_create(ex->gctx) : NULL;
    if (!formula || !cctx || !ex->names) {
        free(formula);
        pcre2_compile_context_free(cctx);
        pk_extractor_free(ex);
        return NULL;
    }
    for (int i = 0; i < RX_COUNT; i++) {
        const char *src = i == RX_FORMULA ? formula : rx_src[i];
        int err;
        PCRE2_SIZE off;
        ex->rx[i] = pcre2_compile((PCRE2_SPTR)src, PCRE2_ZERO_TERMINATED, PCRE2_UTF | PCRE2_NO_UTF_CHECK, &err, &off, cctx);
        if (!ex->rx[i]) {
            free(formula);
            pcre2_compile_context_free(cctx);
            pk_extractor_free(ex);
            return NULL;
        }
        /* JIT is an optimisation: without it the interpreter still works */
        (void)pcre2_jit_compile(ex->rx[i], PCRE2_JIT_COMPLETE);
    }
    free(formula);
    pcre2_compile_context_free(cctx);
    return ex;
}

/* Cues: what every match of a pattern contains (a digit, a "(", one of a
   few words), how far before such a cue a match can start (back) and how
   far after it it can end (fwd), in bytes. rx_match finds the cues with
   memchr/memmem and runs the pattern only over the windows around them, so
   prose without a cue costs a memchr, not a pattern match. Without a cue
   entry a pattern scans the whole range (those that open with a digit
   need none: pcre2 skips to a digit itself). */
#define CUE_DIGIT "0-9"
typedef struct cue {
    const char *const *needles; /* NULL-terminated; CUE_DIGIT: any ASCII digit */
    size_t back, fwd;
    int (*fits)(const char *s, size_t n, size_t at); /* a digit cue's further condition, or NULL */
} cue;

/* "24 november", "1:a maj": a digit that a letter follows within a few bytes */
static int digit_then_letter(const char *s, size_t n, size_t at)
{
    for (size_t k = at + 1; k < n && k < at + 6; k++) {
        unsigned char ch = (unsigned char)s[k];
        if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch >= 0xC3)
            return 1;
        if (!((ch >= '0' && ch <= '9') || ch == ' ' || ch == '\n' || ch == ':' || ch == '.'))
            return 0;
    }
    return 0;
}

/* "BRO 2024/172", "HÄS-2020:12": a digit after a separator after a capital */
static int digit_after_capital(const char *s, size_t n, size_t at)
{
    (void)n;
    if (at < 2 || !(s[at - 1] == ' ' || s[at - 1] == '-' || s[at - 1] == '/'))
        return 0;
    unsigned char u = (unsigned char)s[at - 2];
    return (u >= 'A' && u <= 'Z') || (u >= 0x80 && u <= 0x9E && at >= 3 && (unsigned char)s[at - 3] == 0xC3);
}

static const char *const cue_digit[] = {CUE_DIGIT, NULL};
static const char *const cue_paren[] = {"(", NULL};
static const char *const cue_chair[] = {"ordförande", "Ordförande", "ORDFÖRANDE", NULL};
static const char *const cue_body[] = {"nämnd", "Nämnd", "NÄMND", "styrelse", "Styrelse", "STYRELSE", "fullmäktige",
                                       "Fullmäktige", "FULLMÄKTIGE", "utskott", "Utskott", "UTSKOTT", "kommitté",
                                       "Kommitté", "KOMMITTÉ", "direktionen", "Direktionen", "DIREKTIONEN",
                                       "beredningen", "Beredningen", "BEREDNINGEN", NULL};
static const char *const cue_label[] = {"nr", "NR", "Diarienummer", "Er ref", NULL};
static const char *const cue_town[] = {"stad", "Stad", "STAD", "kommun", "KOMMUN", NULL};
static const char *const cue_admin[] = {"förvaltning", "Förvaltning", "FÖRVALTNING", "kontor", "Kontor", "KONTOR", NULL};

static const cue cues[RX_COUNT] = {
    [RX_REGNUM_LABELED] = {cue_label, 16, 160, NULL},
    [RX_REGNUM_PREFIX] = {cue_digit, 24, 40, digit_after_capital},
    [RX_DATE_NAMED] = {cue_digit, 64, 96, digit_then_letter},
    [RX_MUNICIPALITY] = {cue_town, 96, 16, NULL},
    [RX_PERSON_PARTY] = {cue_paren, 240, 16, NULL},
    [RX_CHAIR] = {cue_chair, 64, 240, NULL},
    [RX_BODY] = {cue_body, 128, 48, NULL},
    [RX_ADMIN] = {cue_admin, 128, 48, NULL},
};

static void add_cue(ctx *c, int id, size_t p, size_t *cap)
{
    if (c->cue[id].n == cap[id]) {
        size_t more = cap[id] ? 2 * cap[id] : 64;
        c->cue[id].at = arena_grow(c->a, c->cue[id].at, cap[id] * sizeof(uint32_t), more * sizeof(uint32_t));
        cap[id] = more;
    }
    c->cue[id].at[c->cue[id].n++] = (uint32_t)p;
}

/* Every cue of every pattern, in one pass over the text: at each byte the
   needles that begin with it are compared, so the cost is linear in the
   text whatever the queries later ask. */
static void build_cues(ctx *c)
{
    /* for each first byte, the (pattern, needle) pairs that open with it */
    unsigned char first[256][8][2];
    unsigned char nfirst[256];
    memset(nfirst, 0, sizeof nfirst);
    int digit_ids[RX_COUNT], ndigit = 0;
    size_t cap[RX_COUNT];
    for (int id = 0; id < RX_COUNT; id++) {
        cap[id] = 0;
        if (!cues[id].needles)
            continue;
        for (int k = 0; cues[id].needles[k]; k++) {
            if (cues[id].needles[k] == cue_digit[0]) {
                digit_ids[ndigit++] = id;
                continue;
            }
            unsigned char b = (unsigned char)cues[id].needles[k][0];
            if (nfirst[b] < 8) {
                first[b][nfirst[b]][0] = (unsigned char)id;
                first[b][nfirst[b]++][1] = (unsigned char)k;
            }
        }
    }
    const char *s = c->t.s;
    size_t n = c->t.n;
    for (size_t p = 0; p < n; p++) {
        unsigned char b = (unsigned char)s[p];
        if ((unsigned char)(b - '0') < 10) {
            for (int i = 0; i < ndigit; i++)
                if (!cues[digit_ids[i]].fits || cues[digit_ids[i]].fits(s, n, p))
                    add_cue(c, digit_ids[i], p, cap);
            continue;
        }
        for (int i = 0; i < nfirst[b]; i++) {
            int id = first[b][i][0];
            const char *nd = cues[id].needles[first[b][i][1]];
            size_t len = strlen(nd);
            if (len <= n - p && memcmp(s + p, nd, len) == 0 &&
                (c->cue[id].n == 0 || c->cue[id].at[c->cue[id].n - 1] != p))
                add_cue(c, id, p, cap);
        }
    }
    c->cues_built = 1;
}

/* The index of the first cue of pattern id at or after p (n when none). */
static size_t cue_index(ctx *c, int id, size_t p)
{
    if (!c->cues_built)
        build_cues(c);
    const uint32_t *at = c->cue[id].at;
    size_t lo = 0, hi = c->cue[id].n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (at[mid] < p)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* One pcre2 match over [start, end): 1 and the offsets, or 0. */
static int rx_run(ctx *c, int id, size_t start, size_t end, size_t *ov, int ncap)
{
    /* windows are counted in bytes: never hand pcre2 a cut character */
    while (end < c->t.n && ((unsigned char)c->t.s[end] & 0xC0) == 0x80)
        end++;
    while (start > 0 && start < end && ((unsigned char)c->t.s[start] & 0xC0) == 0x80)
        start--;
    /* the bound grows with the text searched: linear, never a stop short
       of the end on a long clean text */
    size_t lim = 1000000 + 64 * (end - start);
    pcre2_set_match_limit(c->mctx, lim > UINT32_MAX ? UINT32_MAX : (uint32_t)lim);
    int rc = pcre2_match(c->ex->rx[id], (PCRE2_SPTR)c->t.s, end, start, PCRE2_NO_UTF_CHECK, c->md, c->mctx);
    if (rc == PCRE2_ERROR_NOMEMORY && c->a->oom)
        longjmp(*c->a->oom, 1);
    if (rc < PCRE2_ERROR_NOMATCH)
        c->rx_limit_hit = 1; /* match or depth limit: reported once as a warning */
    if (rc <= 0)
        return 0;
    PCRE2_SIZE *v = pcre2_get_ovector_pointer(c->md);
    uint32_t nv = pcre2_get_ovector_count(c->md);
    for (int i = 0; i < ncap; i++) {
        if ((uint32_t)i < nv && i < rc && v[2 * i] != PCRE2_UNSET) {
            ov[2 * i] = v[2 * i];
            ov[2 * i + 1] = v[2 * i + 1];
        } else {
            ov[2 * i] = ov[2 * i + 1] = (size_t)-1;
        }
    }
    return 1;
}

/* A cluster of cues is searched as one window, but no window grows past
   this many bytes: a text dense with cues costs windows of bounded size, not
   a walk to its end per question. */
#define CUE_WINDOW_MAX 4096

int rx_match(ctx *c, int id, size_t start, size_t end, size_t *ov, int ncap)
{
    if (start > end || end > c->t.n)
        return 0;
    const cue *q = &cues[id];
    if (!q->needles || end - start < 512)
        return rx_run(c, id, start, end, ov, ncap);
    const uint32_t *at = NULL;
    size_t n = 0;
    for (size_t i = cue_index(c, id, start);;) {
        at = c->cue[id].at;
        n = c->cue[id].n;
        if (i >= n || at[i] >= end)
            return 0;
        /* a window over a cluster of cues: [first - back, last + fwd) */
        size_t a = at[i], ws = a > start + q->back ? a - q->back : start, last = a;
        while (i + 1 < n && at[i + 1] < end && at[i + 1] <= last + q->back + q->fwd && at[i + 1] - a <= CUE_WINDOW_MAX)
            last = at[++i];
        size_t we = last + q->fwd < end ? last + q->fwd : end;
        /* the next cue's matches start no earlier than this */
        size_t next = i + 1 < n && at[i + 1] < end ? at[i + 1] : SIZE_MAX;
        size_t next_start = next == SIZE_MAX ? SIZE_MAX : next > q->back ? next - q->back : 0;
        if (rx_run(c, id, ws, we, ov, ncap)) {
            /* a match that reaches the window's edge may go on beyond it, and
               one that starts where the next cue's window begins may not be
               the first: the whole range decides */
            if ((we == end || ov[1] + 8 <= we) && ov[0] < next_start)
                return 1;
            return rx_run(c, id, ws, end, ov, ncap);
        }
        if (we == end)
            return 0;
        i++;
    }
}

const char *rx_mark(ctx *c) { return (const char *)pcre2_get_mark(c->md); }

/* The page an offset of the original input stands on: 1 + the form feeds before it. */
static size_t page_at(const ctx *c, size_t off)
{
    size_t lo = 0, hi = c->n_ff;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (c->ff[mid] < off)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo + 1;
}

pk_span pk_span_of(const ctx *c, size_t s, size_t e)
{
    pk_span sp = {0, 0, 1};
    if (s >= c->t.n || e <= s) {
        size_t at = s < c->t.n ? c->t.map[s] : c->t.map[c->t.n];
        sp.start = sp.end = at;
        sp.page = page_at(c, at);
        return sp;
    }
    sp.start = c->t.map[s];
    size_t last = c->t.map[e - 1];
    sp.end = last + pk_orig_charlen(c->orig, c->orig_len, last, c->encoding);
    if (sp.end < sp.start)
        sp.end = sp.start;
    sp.page = page_at(c, sp.start);
    return sp;
}

char *pk_fold(ctx *c, size_t s, size_t e)
{
    char *out = arena_alloc(c->a, e - s + 1);
    size_t o = 0;
    int sp = 0;
    for (size_t i = s; i < e; i++) {
        char ch = c->t.s[i];
        if (ch == ' ' || ch == '\n') {
            sp = 1;
            continue;
        }
        if (sp && o)
            out[o++] = ' ';
        sp = 0;
        out[o++] = ch;
    }
    out[o] = 0;
    return out;
}

void pk_warn(ctx *c, const char *msg)
{
    const char **w = vec_push(c->a, &c->warnings);
    *w = arena_strdup(c->a, msg);
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
        arena_free(&doc->a);
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
    doc->rec.source = arena_strdup(c.a, source);

    pk_text raw;
    decode_info di;
    int rc = pk_decode(c.a, c.orig, len, &raw, &di);
    if (rc) {
        char msg[96];
        snprintf(msg, sizeof msg, "not text (binary data at byte %zu)", di.bad_offset);
        pcre2_match_data_free(md);
        pcre2_match_context_free(mctx);
        arena_free(&doc->a);
        free(doc);
        return fail(err, rc, di.bad_offset, msg);
    }
    c.encoding = di.encoding;
    /* the form feeds, once, so that every span finds its page by bisection */
    for (const unsigned char *p = c.orig, *end = c.orig + len; (p = memchr(p, '\f', (size_t)(end - p))) != NULL; p++)
        c.n_ff++;
    if (c.n_ff) {
        uint32_t *ff = arena_alloc(c.a, c.n_ff * sizeof *ff);
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

    pk_extract_regnums(&c);
    pk_extract_fields(&c);
    pk_extract_decisions(&c);
    pk_extract_award(&c);
    pk_extract_dates(&c);
    pk_extract_units(&c);
    pk_extract_people(&c);
    pk_extract_canonical(&c);
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
    const char **w = arena_alloc(&doc->a, (r->n_warnings + 1) * sizeof *w);
    char *m = w ? arena_strdup(&doc->a, message) : NULL;
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
    arena_free(&doc->a);
    free(doc);
}
