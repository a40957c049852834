/* People: signature blocks (names on one line, titles on the next, as
   pdftotext flattens two columns), labelled lines ("Handläggare",
   "Justerare: ..."), the chair of the Beslutsgång and anyone named with a
   party. Names are split and checked with the table of given names. */
#include "internal.h"

#include <string.h>
#include <strings.h>

static char *upper_ascii(arena *a, const char *s, size_t n)
{
    char *p = arena_strndup(a, s, n);
    for (size_t i = 0; i < n; i++)
        if (p[i] >= 'a' && p[i] <= 'z')
            p[i] = (char)(p[i] - 32);
    return p;
}

static pk_person *find(ctx *c, const char *name)
{
    pk_person *ps = c->people.items;
    for (size_t i = 0; i < c->people.n; i++)
        if (strcasecmp(ps[i].name, name) == 0)
            return &ps[i];
    return NULL;
}

/* "Ulla Sten Spånga-Tensta stadsdelsnämnd": a place that opens a body's
   name is no part of the name before it. */
static size_t drop_place(const ctx *c, size_t s, size_t e)
{
    /* word endings, so "stadsdelsnämnd" and "stadsdelsnämnden" are in */
    static const char *const bodies[] = {"nämnd", "förvaltning", "stadsdelsområde", "kommun", "stad"};
    size_t p = e;
    while (p < c->t.n && c->t.s[p] == ' ')
        p++;
    size_t q = p;
    while (q < c->t.n && c->t.s[q] != ' ' && c->t.s[q] != '\n' && c->t.s[q] != ',' && c->t.s[q] != '.')
        q++;
    if (p == e || q == p || !pk_is_lower_at(c->t.s + p, q - p))
        return e;
    for (size_t i = 0; i < sizeof bodies / sizeof *bodies; i++) {
        size_t m = strlen(bodies[i]);
        if ((q - p >= m && memcmp(c->t.s + q - m, bodies[i], m) == 0) ||
            (q - p >= m + 2 && memcmp(c->t.s + q - m - 2, bodies[i], m) == 0 && memcmp(c->t.s + q - 2, "en", 2) == 0)) {
            size_t w = e;
            while (w > s && c->t.s[w - 1] != ' ' && c->t.s[w - 1] != '\n')
                w--;
            size_t words = 1;
            for (size_t k = s; k < w; k++)
                words += c->t.s[k] == ' ' || c->t.s[k] == '\n';
            return words >= 3 && w > s ? w - 1 : e;
        }
    }
    return e;
}

static void add(ctx *c, size_t s, size_t e, const char *title, const char *party, const char *role)
{
    e = drop_place(c, s, e);
    char *name = pk_fold(c, s, e);
    pk_person *p = find(c, name);
    size_t nl = strlen(name);
    if (!p && nl > 3 && name[nl - 1] == 's') {
        /* "Anders Holms (m) yrkande": the genitive of someone already named */
        name[nl - 1] = 0;
        int known = find(c, name) != NULL;
        name[nl - 1] = 's';
        if (known)
            return;
    }
    if (p) {
        if (strcmp(role, "chair") == 0 && strcmp(p->role, "chair") != 0)
            p->role = role;
        if (!p->title && title)
            p->title = title;
        if (!p->party && party)
            p->party = party;
        return;
    }
    p = vec_push(c->a, &c->people);
    p->name = name;
    p->title = title;
    p->party = party;
    p->role = role;
    p->span = pk_span_of(c, s, e);
}

typedef struct word {
    size_t s, e;
} word;

static size_t words_of(const ctx *c, size_t s, size_t e, word *w, size_t max, int *wide_gap)
{
    size_t n = 0;
    for (size_t p = s; p < e && n < max;) {
        while (p < e && (c->t.s[p] == ' ' || c->t.s[p] == '\n'))
            p++;
        if (p >= e)
            break;
        w[n].s = p;
        while (p < e && c->t.s[p] != ' ' && c->t.s[p] != '\n')
            p++;
        w[n].e = p;
        if (wide_gap)
            wide_gap[n] = p + 1 < e && c->t.s[p + 1] == ' ';
        n++;
    }
    return n;
}

static int is_name_word(const ctx *c, const word *w)
{
    const char *s = c->t.s + w->s;
    size_t n = w->e - w->s;
    if (!pk_is_upper_at(s, n) || n < 2)
        return 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)s[i];
        if ((ch >= '0' && ch <= '9') || ch == ':' || ch == '(' || ch == ')' || ch == ',' || ch == '.' || ch == '@' ||
            ch == '/')
            return 0;
    }
    return 1;
}

static int given(const ctx *c, const word *w) { return pk_is_given_name(c->t.s + w->s, w->e - w->s); }

/* Titles on a line: returns their count and bounds, 0 if the line is not all titles. */
static size_t titles_of(const ctx *c, size_t s, size_t e, word *t, size_t max)
{
    size_t n = 0, p = s;
    while (p < e && n < max) {
        while (p < e && (c->t.s[p] == ' ' || c->t.s[p] == ','))
            p++;
        if (p >= e)
            break;
        size_t k = pk_title_at(c->t.s + p, e - p);
        if (!k && n > 0 && pk_is_lower_at(c->t.s + p, e - p) && e - p < 30) {
            /* the last title's domain: "Avdelningschef förskola" */
            t[n - 1].e = e;
            return n;
        }
        if (!k)
            return 0;
        t[n].s = p;
        t[n].e = p + k;
        n++;
        p += k;
    }
    return p >= e ? n : 0;
}

static const char *role_for_title(const char *t)
{
    if (!t)
        return "signatory";
    if (strcmp(t, "ordförande") == 0)
        return "chair";
    if (strstr(t, "sekreterare") || strcmp(t, "justerare") == 0 || strcmp(t, "justerande") == 0 || strstr(t, "ordförande"))
        return "other";
    if (strcmp(t, "handläggare") == 0)
        return "officer";
    return "signatory";
}

/* Names on a line over k titles: split at wide gaps, else at given names. */
static void signature(ctx *c, const line *nl, const word *titles, size_t k)
{
    word w[16];
    int gap[16];
    size_t n = words_of(c, nl->s, nl->e, w, 16, gap);
    if (n < 2 * k || n > 4 * k || n > 16)
        return;
    for (size_t i = 0; i < n; i++)
        if (!is_name_word(c, &w[i]) && !(i > 0 && (w[i].e - w[i].s) <= 3))
            return;
    size_t starts[8], ns = 0;
    starts[ns++] = 0;
    for (size_t i = 0; i + 1 < n && ns < k; i++)
        if (gap[i])
            starts[ns++] = i + 1;
    if (ns != k) {
        ns = 1;
        for (size_t i = 2; i < n && ns < k; i++)
            if (given(c, &w[i]) && i - starts[ns - 1] >= 2 && n - i >= 2 * (k - ns))
                starts[ns++] = i;
    }
    if (ns != k) {
        if (n != 2 * k)
            return;
        for (ns = 0; ns < k; ns++)
            starts[ns] = 2 * ns;
    }
    for (size_t j = 0; j < k; j++) {
        size_t a = starts[j], b = j + 1 < k ? starts[j + 1] : n;
        if (b - a < 2)
            return;
    }
    for (size_t j = 0; j < k; j++) {
        size_t a = starts[j], b = j + 1 < k ? starts[j + 1] : n;
        const char *title = pk_lower(c->a, c->t.s + titles[j].s, titles[j].e - titles[j].s);
        /* "Erik Pelling Berg (S)": the party in parentheses is no part of the name */
        const char *party = NULL;
        size_t pl = w[b - 1].e - w[b - 1].s;
        if (b - a > 2 && pl >= 3 && pl <= 5 && c->t.s[w[b - 1].s] == '(' && c->t.s[w[b - 1].e - 1] == ')') {
            party = upper_ascii(c->a, c->t.s + w[b - 1].s + 1, pl - 2);
            b--;
        }
        add(c, w[a].s, w[b - 1].e, title, party, role_for_title(title));
    }
}

/* The name inside a match: from its first given name on. */
static int trim_name(const ctx *c, size_t *s, size_t e)
{
    word w[8];
    size_t n = words_of(c, *s, e, w, 8, NULL);
    for (size_t i = 0; i + 1 < n; i++)
        if (given(c, &w[i])) {
            *s = w[i].s;
            return 1;
        }
    if (n < 2 || n > 3)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (pk_title_at(c->t.s + w[i].s, w[i].e - w[i].s) || !is_name_word(c, &w[i]))
            return 0;
    return 1;
}

static const struct label {
    const char *word;
    const char *title;
    const char *role;
    size_t max_words; /* under "Justeras" four words are two names more often than one */
} labels[] = {
    {"Handläggare", "handläggare", "officer", 4}, {"Kontaktperson", NULL, "officer", 4},
    {"Föredragande", NULL, "officer", 4},        {"Justerare", NULL, "other", 3},
    {"Justerande", NULL, "other", 3},            {"Sekreterare", "sekreterare", "other", 4},
    {"Vid protokollet", "sekreterare", "other", 4}, {"Justerat", NULL, "other", 3},
    {"Justeras", NULL, "other", 3},
};

static void labelled(ctx *c, const segs *g)
{
    size_t ov[4];
    for (size_t i = 0; i < g->nlines; i++) {
        const line *l = &g->lines[i];
        if (l->blank)
            continue;
        for (size_t k = 0; k < sizeof labels / sizeof *labels; k++) {
            size_t m = strlen(labels[k].word);
            if (l->e - l->s < m || memcmp(c->t.s + l->s, labels[k].word, m) != 0)
                continue;
            size_t p = l->s + m;
            while (p < l->e && (c->t.s[p] == ':' || c->t.s[p] == ' '))
                p++;
            /* names on the same line, else on the next lines */
            size_t from = p, to = l->e;
            for (size_t j = i + (p < l->e ? 0 : 1), tries = 0, blanks = 0; j < g->nlines && tries < 3; j++, tries++) {
                if (j != i) {
                    /* "Vid protokollet", a blank line, the name */
                    if (g->lines[j].blank && blanks++ == 0 && j == i + 1)
                        continue;
                    if (g->lines[j].blank)
                        break;
                    from = g->lines[j].s;
                    to = g->lines[j].e;
                    word tw[8];
                    if (titles_of(c, from, to, tw, 8))
                        break; /* the titles under a signature line: no names below */
                }
                size_t pos = from, got = 0;
                while (pos < to && rx_match(c, RX_NAME, pos, to, ov, 2)) {
                    size_t s = ov[2], e = ov[3];
                    pos = ov[1];
                    word w[8];
                    size_t nw = words_of(c, s, e, w, 8, NULL);
                    if (nw > labels[k].max_words)
                        break; /* names run together: the tail of the run is no name */
                    if (nw >= 2 && !pk_title_at(c->t.s + s, e - s)) {
                        add(c, s, e, labels[k].title, NULL, labels[k].role);
                        got++;
                    }
                }
                if (got)
                    break;
            }
            break;
        }
    }
}

/* Attendance lists: under "Närvarande ledamöter", "Ersättare", "Övriga
   närvarande" ..., one person a line: "Name", "Name (S)", "Name, title". */
static const struct roll {
    const char *heading; /* the line, lower case, without a colon */
    const char *title;   /* the title when the line names none */
} rolls[] = {
    {"närvarande ledamöter", "ledamot"}, {"ledamöter", "ledamot"},  {"beslutande ledamöter", "ledamot"},
    {"närvarande ersättare", "ersättare"}, {"tjänstgörande ersättare", "ersättare"}, {"ersättare", "ersättare"},
    {"närvarande", NULL}, {"övriga närvarande", NULL}, {"övriga deltagare", NULL}, {"tjänstemän", NULL},
    {"beslutande", NULL},
};

static void attendance(ctx *c, const segs *g)
{
    size_t ov[6];
    for (size_t i = 0; i + 1 < g->nlines; i++) {
        const line *l = &g->lines[i];
        size_t n = l->e - l->s;
        while (n && (c->t.s[l->s + n - 1] == ':' || c->t.s[l->s + n - 1] == ' '))
            n--;
        if (l->blank || n > 40)
            continue;
        const char *low = pk_lower(c->a, c->t.s + l->s, n);
        const struct roll *r = NULL;
        for (size_t k = 0; k < sizeof rolls / sizeof *rolls; k++)
            if (strcmp(low, rolls[k].heading) == 0)
                r = &rolls[k];
        if (!r)
            continue;
        for (size_t j = i + 1; j < g->nlines && !g->lines[j].blank && !g->lines[j].heading; j++) {
            const line *m = &g->lines[j];
            if (!rx_match(c, RX_NAME, m->s, m->e, ov, 2) || ov[2] != m->s)
                break;
            size_t s = ov[2], e = ov[3], p = e;
            word w[8];
            size_t nw = words_of(c, s, e, w, 8, NULL);
            if (nw < 2 || nw > 4)
                break;
            const char *party = NULL, *title = r->title;
            while (p < m->e && c->t.s[p] == ' ')
                p++;
            if (p + 2 < m->e && c->t.s[p] == '(') {
                size_t q = p + 1;
                while (q < m->e && c->t.s[q] != ')')
                    q++;
                if (q < m->e && q - p - 1 <= 3)
                    party = upper_ascii(c->a, c->t.s + p + 1, q - p - 1);
                p = q + 1;
            }
            while (p < m->e && (c->t.s[p] == ',' || c->t.s[p] == ' '))
                p++;
            size_t k = p < m->e ? pk_title_at(c->t.s + p, m->e - p) : 0;
            if (k)
                title = pk_lower(c->a, c->t.s + p, k);
            const char *role = title && strcmp(title, "ordförande") == 0 ? "chair" : "other";
            add(c, s, e, title, party, role);
        }
    }
}

/* A title word before a name in prose: "Avdelningschef Sofia Grahn Mattsson
   informerade". Title words are found first; the name is matched only
   right after one. */
static void titled(ctx *c)
{
    size_t ov[4];
    for (size_t p = 0; p < c->t.n; p++) {
        if (p > 0 && c->t.s[p - 1] != ' ' && c->t.s[p - 1] != '\n')
            continue;
        if (!pk_is_upper_at(c->t.s + p, c->t.n - p))
            continue;
        size_t we = p;
        while (we < c->t.n && c->t.s[we] != ' ' && c->t.s[we] != '\n')
            we++;
        size_t k = pk_title_at(c->t.s + p, we - p);
        if (k != we - p)
            k = 0;
        /* the definite form: "Stadsdelsdirektören", "Enhetschefen" */
        if (!k && we - p > 6 && we - p < 60 && c->t.s[we - 1] == 'n') {
            size_t base = we - p - (c->t.s[we - 2] == 'e' ? 2 : 1);
            char tmp[64];
            memcpy(tmp, c->t.s + p, base);
            tmp[base] = ' ';
            if (pk_title_at(tmp, base + 1) == base)
                k = base;
        }
        if (!k || we >= c->t.n || c->t.s[we] != ' ') {
            p = we;
            continue;
        }
        size_t ns = we + 1, ne = ns + 120 < c->t.n ? ns + 120 : c->t.n;
        if (!rx_match(c, RX_NAME, ns, ne, ov, 2) || ov[2] != ns) {
            p = we;
            continue;
        }
        size_t e = ov[3];
        word w[8];
        size_t nw = words_of(c, ns, e, w, 8, NULL);
        if (nw >= 2 && nw <= 3 && given(c, &w[0]) && !memchr(c->t.s + ns, '\n', e - ns))
            add(c, ns, e, pk_lower(c->a, c->t.s + p, k), NULL, "other");
        p = we;
    }
}

void pk_extract_people(ctx *c)
{
    const segs *g = &c->sg;
    size_t ov[8];
    /* the chair of the meeting */
    size_t pos = 0;
    while (rx_match(c, RX_CHAIR, pos, c->t.n, ov, 3)) {
        pos = ov[1];
        size_t s = ov[2], e = ov[3];
        /* "Gunnar Hedlund-Ek, ordförande\nSara Lindgren": the title of the line before */
        if (ov[0] >= 2 && c->t.s[ov[0] - 2] == ',' && memchr(c->t.s + ov[0], '\n', s - ov[0]))
            continue;
        if (!trim_name(c, &s, e))
            continue;
        const char *party = ov[4] != (size_t)-1 ? upper_ascii(c->a, c->t.s + ov[4], ov[5] - ov[4]) : NULL;
        /* a vice chair is named, but does not chair */
        int vice = ov[0] + 4 < ov[1] && (strncasecmp(c->t.s + ov[0], "vice", 4) == 0);
        add(c, s, e, vice ? "vice ordförande" : "ordförande", party, vice ? "other" : "chair");
    }
    labelled(c, g);
    attendance(c, g);
    titled(c);
    /* signature blocks */
    for (size_t i = 0; i + 1 < g->nlines; i++) {
        const line *nl = &g->lines[i], *tl = &g->lines[i + 1];
        if (nl->blank || tl->blank || nl->heading)
            continue;
        word t[8], scratch[4];
        size_t k = titles_of(c, tl->s, tl->e, t, 8);
        /* a line of titles is no line of names; its titles must not
           overwrite the fifth to eighth titles of the line below */
        if (!k || titles_of(c, nl->s, nl->e, scratch, 4))
            continue;
        signature(c, nl, t, k);
    }
    /* anyone named with a party */
    pos = 0;
    while (rx_match(c, RX_PERSON_PARTY, pos, c->t.n, ov, 3)) {
        pos = ov[1];
        size_t s = ov[2], e = ov[3];
        if (!trim_name(c, &s, e))
            continue;
        const char *party = upper_ascii(c->a, c->t.s + ov[4], ov[5] - ov[4]);
        add(c, s, e, NULL, party, "other");
    }
}
