/* Whole minutes: where each paragraph of a protokoll that holds several
   begins and ends, what the meeting's own parts are (the header before the
   first paragraph, the signatures after the last), and what a paragraph's
   record takes from the meeting where it says nothing itself. The
   pipeline (extractor.c) runs the stages on each part; nothing here calls
   a stage. */
#include "internal.h"

#include <string.h>
#include <stdlib.h>
#include <strings.h>

/* s[0, n) holds "...." or "…": the leader of a line of a table of
   contents. Each found by memchr of its first byte (most lines hold
   neither), not by memmem's set-up per line. */
static int toc_leader(const char *s, size_t n)
{
    for (const char *p = s, *end = s + n; (p = memchr(p, '.', (size_t)(end - p))) != NULL; p++)
        if (end - p >= 4 && p[1] == '.' && p[2] == '.' && p[3] == '.')
            return 1;
    for (const char *p = s, *end = s + n; (p = memchr(p, 0xE2, (size_t)(end - p))) != NULL; p++)
        if (end - p >= 3 && (unsigned char)p[1] == 0x80 && (unsigned char)p[2] == 0xA6)
            return 1;
    return 0;
}

/* The number of the paragraph a line opens, or 0: "§ 12", "§ 12 Title",
   "§ 12 Ärendenummer SLK-...", "KS § 12". Not "§§ 1-6", "§ 8, att ..."
   (a reference that prose broke onto a line of its own), "§ 10 ....... 17"
   (a table of contents), nor a number a letter or a digit follows. */
static unsigned opens(const ctx *c, const line *l, size_t *ns, size_t *ne)
{
    const char *s = c->t.s;
    size_t p = l->s, e = l->e;
    while (p < e && s[p] == ' ' && p - l->s < 8)
        p++;
    /* a short body code before the sign: "KS § 12" */
    size_t q = p;
    while (q < e && q - p < 7 && s[q] >= 'A' && s[q] <= 'Z')
        q++;
    if (q > p && q - p >= 2 && q - p <= 6 && q < e && s[q] == ' ') {
        while (q < e && s[q] == ' ')
            q++;
        p = q;
    }
    if (e - p < 3 || (unsigned char)s[p] != 0xC2 || (unsigned char)s[p + 1] != 0xA7)
        return 0;
    p += 2;
    while (p < e && s[p] == ' ')
        p++;
    size_t d = p;
    unsigned n = 0;
    while (p < e && p - d < 5 && s[p] >= '0' && s[p] <= '9')
        n = n * 10 + (unsigned)(s[p++] - '0');
    if (p == d || p - d > 4 || n == 0)
        return 0;
    *ns = d;
    *ne = p;
    if (p == e)
        return n;
    if (s[p] != ' ')
        return 0; /* "§ 8," "§ 12a" "§ 3-5" */
    while (p < e && s[p] == ' ')
        p++;
    if (p == e)
        return n;
    if (!pk_is_upper_at(s + p, e - p) && s[p] != '(')
        return 0; /* "§ 92 med tillhörande handlingar" */
    if (toc_leader(s + p, e - p))
        return 0; /* a line of the table of contents */
    return n;
}

/* A line that opens the meeting's closing part: the secretary's and the
   adjusters' signatures after the last paragraph (line_words.tsv:
   closing_opener). */
static int opens_closing(const ctx *c, const line *l, const unsigned char *first)
{
    const char *s = c->t.s + l->s;
    size_t n = l->e - l->s;
    if (!n || !(first[(unsigned char)s[0] / 8] >> ((unsigned char)s[0] % 8) & 1))
        return 0; /* no row opens with its first byte */
    for (size_t i = 0; i < pk_n_closing_opener; i++) {
        const char *w = pk_closing_opener[i];
        if (w[0] != s[0]) /* most lines differ at once: no length, no memcmp */
            continue;
        size_t m = strlen(w);
        if (n >= m && memcmp(s, w, m) == 0 && (n == m || w[m - 1] == ' ' || s[m] == ' ' || s[m] == ':'))
            return 1;
    }
    return 0;
}

/* A word of a report (cue_words.tsv, kind report) stands in [0, he), the
   text before the first paragraph, as written (no condition after it):
   each such row sought there at once (memmem), not the one pass over
   the part with every kind of cue, since the whole text's pass is never
   run for minutes and these few words are all that is asked of it here.
   A word that crosses he is not in [0, he). */
static int holds_report_word(const ctx *c, size_t he)
{
    for (size_t k = 0; k < pk_n_cue_words; k++) {
        const char *w = pk_cue_words[k].word;
        if (pk_cue_words[k].kind == PK_CUE_REPORT && memmem(c->t.s, he, w, strlen(w)))
            return 1;
    }
    return 0;
}

size_t pk_minutes_paragraphs(ctx *c, vec *out, size_t *closing)
{
    const segs *g = &c->sg;
    unsigned last = 0;
    *closing = c->t.n;
    /* a line opens a paragraph only with a "§" (its first byte 0xC2) in
       it: the lines in order that hold that byte, found by memchr, each
       bounded by the line breaks around the byte (the lines of pk_segment
       are the stretches between them), not by a walk over the lines
       before it */
    const char *t = c->t.s, *q;
    size_t x = 0, tn = c->t.n;
    while (x < tn && (q = memchr(t + x, 0xC2, tn - x)) != NULL) {
        size_t h = (size_t)(q - t);
        /* x is 0 or the end of the last line read, a line break */
        const char *b = memrchr(t + x, '\n', h - x), *f = memchr(q, '\n', tn - h);
        line ll = {b ? (size_t)(b - t) + 1 : x, f ? (size_t)(f - t) : tn, H_NONE, 0}, *l = &ll;
        x = l->e; /* the line is read once */
        size_t ns, ne;
        unsigned n = opens(c, l, &ns, &ne);
        /* numbers rise through the minutes: a lower one, or one far
           beyond the last, is a reference, not a paragraph */
        if (!n || (last && (n <= last || n > last + 100)))
            continue;
        pk_para *p = pk_vec_push(c->a, out);
        p->s = l->s;
        p->num_s = ns;
        p->num_e = ne;
        if (out->n > 1)
            p[-1].e = l->s;
        last = n;
    }
    if (out->n < 2)
        return out->n;
    /* a report that quotes numbered sections ("§ 1 Nämnden ansvarar ...")
       is one document, not minutes */
    size_t he = ((pk_para *)out->items)[0].s;
    if (holds_report_word(c, he)) {
        out->n = 0;
        return 0;
    }
    /* the last paragraph ends where the signatures begin */
    pk_para *ps = out->items, *lp = &ps[out->n - 1];
    lp->e = c->t.n;
    /* the line of the last paragraph's start (the first that starts
       there) */
    size_t i = pk_line_from(g, 0, lp->s);
    /* the bytes the rows open with (bit b % 8 of first[b / 8]): most
       lines open with none */
    unsigned char first[32] = {0};
    for (size_t k = 0; k < pk_n_closing_opener; k++) {
        unsigned char b = (unsigned char)pk_closing_opener[k][0];
        first[b / 8] = (unsigned char)(first[b / 8] | 1u << (b % 8));
    }
    for (i++; i < g->nlines; i++)
        if (!g->lines[i].blank && opens_closing(c, &g->lines[i], first)) {
            lp->e = *closing = g->lines[i].s;
            break;
        }
    return out->n;
}

/* The meeting's parts as one text: the header [0, hs) and the closing
   [cs, n) of the cleaned text, a blank line between, each byte mapped to
   the input as before. */
void pk_minutes_meeting_text(arena *a, const pk_text *t, size_t he, size_t cs, pk_text *out)
{
    size_t n = he + 2 + (t->n - cs);
    /* zeros after the end: pcre2's JIT reads ahead of a subject in wide
       steps, as it does past the end of the cleaned text */
    out->s = pk_arena_alloc(a, n + 64);
    memset(out->s + n, 0, 64);
    memcpy(out->s, t->s, he);
    out->s[he] = out->s[he + 1] = '\n';
    memcpy(out->s + he + 2, t->s + cs, t->n - cs);
    out->s[n] = 0;
    out->n = n;
    pk_map_out m = {0};
    if (cs == t->n) { /* no closing: no blank line after the header either */
        out->n = he;
        out->s[he] = 0;
        pk_map_copy(a, &m, out->s, 0, t, 0, he);
        pk_map_put(a, &m, out->s, he, pk_map_at(t, he));
    } else {
        size_t at = pk_map_at(t, cs);
        pk_map_copy(a, &m, out->s, 0, t, 0, he);
        pk_map_put(a, &m, out->s, he, at);
        pk_map_put(a, &m, out->s, he + 1, at);
        pk_map_copy(a, &m, out->s, he + 2, t, cs, t->n);
        pk_map_put(a, &m, out->s, n, pk_map_at(t, t->n));
    }
    out->runs = m.r;
    out->nruns = m.n;
    out->base = 0;
}

/* the endings a generic body's name takes as its article (pk_body_article,
   minutes_words.tsv) */
#include "minutes_words.inc"

/* "Stadsdelsnämnden" in the minutes of Järva stadsdelsnämnd, "Nämnden",
   "Styrelsen", or the meeting's body by its own name: the paragraph's
   body is the meeting's. */
static int same_body(ctx *c, const char *para, const char *meeting)
{
    if (!para || !meeting)
        return 0;
    const char *p = pk_lower(c->a, para, strlen(para)), *m = pk_lower(c->a, meeting, strlen(meeting));
    if (strcmp(p, m) == 0)
        return 1;
    if (strchr(p, ' '))
        return 0;
    /* the generic word without its article, ending the meeting's name */
    size_t n = strlen(p), mn = strlen(m);
    for (size_t k = 0; k < pk_n_body_article; k++) {
        size_t a = strlen(pk_body_article[k]);
        if (n <= a + 3 || strcmp(p + n - a, pk_body_article[k]) != 0)
            continue;
        size_t stem = n - a;
        if (mn >= stem && memcmp(m + mn - stem, p, stem) == 0)
            return 1;
    }
    return 0;
}

/* A person of the meeting into the paragraph's people (the first `own`
   its own; the meeting's are distinct already), as the people stage adds a
   second mention: a chair stays one, a missing title or party is filled in. */
static void add_person(ctx *c, size_t own, const pk_person *m)
{
    pk_person *ps = c->people.items;
    for (size_t i = 0; i < own; i++)
        if (strcasecmp(ps[i].name, m->name) == 0) {
            if (strcmp(m->role, "chair") == 0)
                ps[i].role = m->role;
            if (!ps[i].title)
                ps[i].title = m->title;
            if (!ps[i].party)
                ps[i].party = m->party;
            return;
        }
    *(pk_person *)pk_vec_push(c->a, &c->people) = *m;
}

static int by_start(const void *a, const void *b)
{
    size_t x = ((const pk_person *)a)->span.start, y = ((const pk_person *)b)->span.start;
    return x < y ? -1 : x > y;
}

static int date_by_start(const void *a, const void *b)
{
    size_t x = ((const pk_date *)a)->span.start, y = ((const pk_date *)b)->span.start;
    return x < y ? -1 : x > y;
}

/* At most this many of the meeting's people and dates go into each
   paragraph's record (a warning says so when there are more): a roll call
   is not longer (a fullmäktige has at most 101 members, their ersättare and
   a few officials), and a header of a million names over thousands of
   paragraphs must not cost their product; with at most 9999 paragraphs,
   the copies stay under 3 million. */
#define MEETING_ITEMS_MAX 300

void pk_minutes_merge(ctx *c, const pk_record *m, const pk_meeting *mt)
{
    pk_record *r = c->rec;
    r->doc_type = m->doc_type && strcmp(m->doc_type, "protokollsutdrag") == 0 ? "protokollsutdrag" : "protokoll";
    if (mt->date)
        r->meeting_date = mt->date;
    if (!r->body && m->body) {
        r->body = m->body;
        r->body_span = m->body_span;
    }
    if (!r->body_canonical && m->body_canonical && (r->body == m->body || same_body(c, r->body, m->body)))
        r->body_canonical = m->body_canonical;
    if (!r->administration && m->administration) {
        r->administration = m->administration;
        r->administration_span = m->administration_span;
    }
    /* the attendance and the signatures, in the order of the input */
    size_t np = m->n_people < MEETING_ITEMS_MAX ? m->n_people : MEETING_ITEMS_MAX;
    size_t nd = m->n_dates < MEETING_ITEMS_MAX ? m->n_dates : MEETING_ITEMS_MAX;
    if (np < m->n_people || nd < m->n_dates)
        pk_warn(c, "the meeting's header names more people or dates than each paragraph's record repeats");
    if (np) {
        size_t own = c->people.n;
        for (size_t i = 0; i < np; i++)
            add_person(c, own, &m->people[i]);
        if (c->people.n > own)
            qsort(c->people.items, c->people.n, sizeof(pk_person), by_start);
    }
    /* the meeting's dates: its date, the adjusting's */
    if (nd) {
        for (size_t i = 0; i < nd; i++)
            *(pk_date *)pk_vec_push(c->a, &c->dates) = m->dates[i];
        qsort(c->dates.items, c->dates.n, sizeof(pk_date), date_by_start);
    }
}

/* A header that names the body but not its municipality ("Kommunstyrelsen"
   over Nacka's minutes): when the paragraphs that are the meeting's body
   settle its canonical name, all alike ("Nacka kommun, Kommunstyrelsen"),
   the minutes settle it, for the meeting and each such paragraph. */
void pk_minutes_settle(ctx *c, pk_record *recs, size_t n, pk_meeting *mt)
{
    if (mt->body_canonical || !mt->body)
        return;
    const char *found = NULL;
    for (size_t i = 0; i < n; i++) {
        const char *bc = recs[i].body_canonical;
        if (!bc || !(recs[i].body == mt->body || same_body(c, recs[i].body, mt->body)))
            continue;
        if (found && strcmp(found, bc) != 0)
            return; /* two names: nothing is settled */
        found = bc;
    }
    if (!found)
        return;
    mt->body_canonical = found;
    for (size_t i = 0; i < n; i++)
        if (!recs[i].body_canonical && (recs[i].body == mt->body || same_body(c, recs[i].body, mt->body)))
            recs[i].body_canonical = found;
}
