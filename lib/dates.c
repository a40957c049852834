/* Dates: ISO and dotted, "15/4 2020", "(24/11)", and Swedish month names
   with or without "den", a weekday and a year. A date without a year takes
   it from the document (its own date, the award's year, the meeting); a
   role comes from the words around it. */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct dcand {
    size_t s, e;
    int y, m, d;
    int inferred;
} dcand;

static int days_in(int y, int m)
{
    static const int dm[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return dm[m - 1];
}

static int num(const ctx *c, size_t s, size_t e)
{
    int x = 0;
    for (size_t i = s; i < e && i < s + 6; i++)
        x = x * 10 + (c->t.s[i] - '0');
    return x;
}

static int month_of(const ctx *c, size_t s, size_t e)
{
    if (e - s < 3)
        return 0;
    char low[4];
    for (int i = 0; i < 3; i++) {
        char ch = c->t.s[s + (size_t)i];
        low[i] = (ch >= 'A' && ch <= 'Z') ? (char)(ch + 32) : ch;
    }
    low[3] = 0;
    for (int m = 0; m < 12; m++)
        if (strncmp(pk_months[m][0], low, 3) == 0)
            return m + 1;
    return 0;
}

static int by_pos(const void *a, const void *b)
{
    const dcand *x = a, *y = b;
    return x->s < y->s ? -1 : x->s > y->s;
}

static int near(const ctx *c, size_t from, size_t to, const char *w)
{
    return to > from && memmem(c->t.s + from, to - from, w, strlen(w)) != NULL;
}

/* As near(), with a space in w matching a line break too. */
static int near_ws(const ctx *c, size_t from, size_t to, const char *w)
{
    size_t m = strlen(w);
    for (size_t p = from; p + m <= to; p++) {
        size_t k = 0;
        while (k < m && (c->t.s[p + k] == w[k] || (w[k] == ' ' && c->t.s[p + k] == '\n')))
            k++;
        if (k == m)
            return 1;
    }
    return 0;
}

/* "delas ... ut" with the particle anywhere after the verb in the sentence */
static int delas_ut(const ctx *c, size_t ss, size_t se)
{
    const char *d = ss < se ? memmem(c->t.s + ss, se - ss, "delas", 5) : NULL;
    size_t dn = 5;
    if (!d && ss < se && (d = memmem(c->t.s + ss, se - ss, "delades", 7)) != NULL)
        dn = 7; /* "Kvalitetsutmärkelsen delades ut i Stadshuset den 20 november" */
    if (!d)
        return 0;
    for (const char *p = d + dn; p + 3 <= c->t.s + se; p++)
        if ((p[0] == ' ' || p[0] == '\n') && p[1] == 'u' && p[2] == 't' &&
            (p + 3 == c->t.s + se || p[3] == ' ' || p[3] == '\n' || p[3] == '.' || p[3] == ','))
            return 1;
    return 0;
}

/* The start and end of p's line, looking no further than 160 bytes: a
   header line is short, and a long line must not cost a scan per date. */
static size_t line_start(const ctx *c, size_t p)
{
    size_t stop = p > 160 ? p - 160 : 0;
    while (p > stop && c->t.s[p - 1] != '\n')
        p--;
    return p;
}

static size_t line_end(const ctx *c, size_t p)
{
    size_t stop = p + 160 < c->t.n ? p + 160 : c->t.n;
    while (p < stop && c->t.s[p] != '\n')
        p++;
    return p;
}

static const char *role_of(ctx *c, const dcand *x, int *have_doc)
{
    /* a date alone on a header line: the meeting when a nämnd or "Till"
       stands above it, else the document's own date */
    if (x->s < c->header_end) {
        size_t ls = line_start(c, x->s), le = line_end(c, x->e);
        if (near(c, ls, x->s, "ammantr") || near(c, ls, x->s, "Möte") || near(c, ls, x->s, "möte") ||
            near(c, ls, x->s, "Till ") || near(c, ls, x->s, "Protokoll") || near(c, ls, x->s, "Tid:"))
            return "meeting";
        if (near(c, ls, x->s, "Datum") || near(c, ls, x->s, "datum"))
            return "document";
        int alone = 1;
        for (size_t i = ls; i < le; i++)
            if ((i < x->s || i >= x->e) && c->t.s[i] != ' ')
                alone = 0;
        if (alone) {
            size_t pe = ls ? ls - 1 : 0, ps = line_start(c, pe);
            size_t ov[2];
            if (ls && pe > ps &&
                ((rx_match(c, RX_BODY, ps, pe, ov, 1) && ov[0] == ps) || near(c, ps, pe, "Till ") ||
                 near(c, ps, pe, "ammantr")))
                return "meeting";
            /* minutes are dated by their meeting */
            if (c->rec->doc_type && strncmp(c->rec->doc_type, "protokoll", 9) == 0 && !c->rec->meeting_date)
                return "meeting";
            if (!*have_doc) {
                *have_doc = 1;
                return "document";
            }
        }
    }
    size_t lo = x->s > 400 ? x->s - 400 : 0, hi = x->e + 400 < c->t.n ? x->e + 400 : c->t.n, ss, se;
    pk_sentence_bounds(&c->t, lo, hi, x->s, &ss, &se);
    size_t w = x->s > ss + 40 ? x->s - 40 : ss;
    if (near(c, w, x->s, "uppdaterad") || near(c, w, x->s, "ändrad"))
        return "other"; /* "Senast uppdaterad": a web page's date */
    /* "senast den 9 juni och priset delas ut den 14 december": the cue
       nearest before the date wins */
    if (near(c, w, x->s, "delas ut") || delas_ut(c, w, x->s) ||
        near(c, w, x->s, "presenteras") || near(c, w, x->s, "prisutdelning"))
        return "ceremony";
    /* "Ärendet behandlas av utbildningsnämnden den 20 mars" */
    if (near_ws(c, w, x->s, "behandlas av") || near_ws(c, w, x->s, "behandlas i") ||
        near_ws(c, w, x->s, "vid nämndens sammanträde"))
        return "meeting";
    /* "Sista dag för att lämna in tävlingsbidrag har flyttats till den 14 september" */
    if (near_ws(c, ss, x->s, "ista dag f") || near_ws(c, ss, x->s, "lämnas in senast") ||
        near_ws(c, ss, x->s, "ska ha inkommit") || near_ws(c, ss, x->s, "ska vara inkommen") ||
        near_ws(c, ss, x->s, "ska vara inkomna"))
        return "deadline";
    if (near(c, w, x->s, "senast") || near(c, w, x->s, "Senast") || near(c, w, x->s, "sista dag") ||
        near(c, w, x->s, "deadline") || near(c, w, x->s, "före den") ||
        near(c, w, x->s, "innan den"))
        return "deadline";
    if (near(c, ss, se, "delas ut") || near(c, ss, se, "delas \xc3\xa5rets") || near(c, ss, se, "utdelning") || near(c, ss, se, "Utdelning") || near(c, ss, se, "prisceremoni") ||
        near(c, ss, se, "ceremoni") || near(c, ss, se, "Ceremoni") || near(c, ss, se, "galan") ||
        delas_ut(c, ss, se) || near(c, ss, se, "Prisutdeln") ||
        near(c, ss, se, "prisutdeln"))
        return "ceremony";
    if (near(c, ss, se, "sammanträde") || near(c, ss, se, "Sammanträde") || near(c, ss, se, "nämndmöte") ||
        near(c, ss, se, "nämndens möte") || near(c, ss, se, "styrelsemöte"))
        return "meeting";
    return "other";
}

static int in_regnum(const ctx *c, pk_span sp)
{
    const pk_regnum *r = c->regnums.items;
    for (size_t i = 0; i < c->regnums.n; i++)
        if (sp.start < r[i].span.end && sp.end > r[i].span.start)
            return 1;
    return 0;
}

void pk_extract_dates(ctx *c)
{
    vec cs = {0};
    cs.size = sizeof(dcand);
    size_t ov[10];
    for (int id = RX_DATE_ISO; id <= RX_DATE_NAMED; id++) {
        size_t pos = 0;
        while (rx_match(c, id, pos, c->t.n, ov, 5)) {
            pos = ov[1] > ov[0] ? ov[1] : ov[0] + 1;
            dcand x = {ov[0], ov[1], 0, 0, 0, 0};
            if (id == RX_DATE_ISO) {
                x.y = num(c, ov[2], ov[3]);
                x.m = num(c, ov[6], ov[7]);
                x.d = num(c, ov[8], ov[9]);
            } else if (id == RX_DATE_SLASH) {
                x.d = num(c, ov[2], ov[3]);
                x.m = num(c, ov[4], ov[5]);
                x.y = num(c, ov[6], ov[7]);
            } else if (id == RX_DATE_PAREN) {
                x.d = num(c, ov[2], ov[3]);
                x.m = num(c, ov[4], ov[5]);
                x.inferred = 1;
            } else {
                x.d = num(c, ov[2], ov[3]);
                x.m = month_of(c, ov[4], ov[5]);
                if (ov[8] != (size_t)-1)
                    x.y = num(c, ov[8], ov[9]);
                else
                    x.inferred = 1;
                /* "senast den 3 maj." ends a sentence: the full stop is no part of the date */
                if (ov[6] != (size_t)-1 && ov[8] == (size_t)-1)
                    x.e = ov[6];
            }
            if (x.m < 1 || x.m > 12 || x.d < 1 || x.d > 31 || (!x.inferred && (x.y < 1900 || x.y > 2099)))
                continue;
            if (!x.inferred && x.d > days_in(x.y, x.m))
                continue;
            if (in_regnum(c, pk_span_of(c, x.s, x.e)))
                continue;
            dcand *p = vec_push(c->a, &cs);
            *p = x;
        }
    }
    if (!cs.n)
        return;
    qsort(cs.items, cs.n, sizeof(dcand), by_pos);
    dcand *xs = cs.items;

    /* roles first: the header date gives the year to the others */
    const char **roles = arena_alloc(c->a, cs.n * sizeof *roles);
    int have_doc = 0;
    size_t last_end = 0;
    for (size_t i = 0; i < cs.n; i++) {
        if (xs[i].s < last_end) {
            roles[i] = NULL; /* overlaps an earlier match */
            continue;
        }
        last_end = xs[i].e;
        roles[i] = role_of(c, &xs[i], &have_doc);
    }
    /* one meeting decides: once a date is the meeting's, another date said
       to be "vid sammanträdet" is some other meeting ("... till styrelsen
       vid sammanträdet den 12 december") */
    size_t first_meeting = cs.n;
    for (size_t i = 0; i < cs.n; i++)
        if (roles[i] && strcmp(roles[i], "meeting") == 0) {
            if (first_meeting == cs.n) {
                first_meeting = i;
                continue;
            }
            const dcand *m = &xs[first_meeting];
            if (xs[i].m != m->m || xs[i].d != m->d || (!xs[i].inferred && !m->inferred && xs[i].y != m->y))
                roles[i] = "other";
        }
    int ry = 0, rm = 0;
    for (int pass = 0; pass < 2 && !ry; pass++)
        for (size_t i = 0; i < cs.n && !ry; i++)
            if (roles[i] && !xs[i].inferred && strcmp(roles[i], pass ? "meeting" : "document") == 0) {
                ry = xs[i].y;
                rm = xs[i].m;
            }
    if (!ry && c->award && c->award->year)
        ry = c->award->year;
    for (size_t i = 0; i < cs.n && !ry; i++)
        if (roles[i] && !xs[i].inferred)
            ry = xs[i].y;

    for (size_t i = 0; i < cs.n; i++) {
        dcand *x = &xs[i];
        if (!roles[i])
            continue;
        if (x->inferred) {
            if (!ry)
                continue; /* a day and month with no year anywhere: no date */
            x->y = ry;
            /* "den 15 januari" in a text written in the autumn is next year */
            if (rm >= 10 && x->m <= 3)
                x->y++;
            if (x->d > days_in(x->y, x->m))
                continue;
        }
        pk_date *d = vec_push(c->a, &c->dates);
        char iso[16];
        snprintf(iso, sizeof iso, "%04d-%02d-%02d", x->y, x->m, x->d);
        d->iso = arena_strdup(c->a, iso);
        d->text = pk_fold(c, x->s, x->e);
        d->role = roles[i];
        d->year_inferred = x->inferred;
        d->span = pk_span_of(c, x->s, x->e);
        if (!c->rec->document_date && strcmp(d->role, "document") == 0)
            c->rec->document_date = d->iso;
        if (!c->rec->meeting_date && strcmp(d->role, "meeting") == 0)
            c->rec->meeting_date = d->iso;
    }
    if (c->award && !c->award->year) {
        const char *from = c->rec->meeting_date ? c->rec->meeting_date : c->rec->document_date;
        if (from)
            c->award->year = atoi(from);
    }
}
