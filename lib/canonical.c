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
   A document from another municipality, or one where none of these
   settles it, gets NULL: never a guess. */
#include "internal.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

typedef struct body_row {
    const char *name, *kind;
    int from, to;
    const char *admins, *prefixes, *aliases;
} body_row;

static const body_row bodies[] = {
#include "bodies.inc"
};
enum { NBODIES = sizeof bodies / sizeof *bodies };

/* Equal but for case (Unicode lower case, so Ö and ö meet); s has n bytes. */
static int same_name_n(const char *a, const char *s, size_t n)
{
    size_t i = 0, j = 0, an = strlen(a);
    while (i < an && j < n) {
        utf8proc_int32_t x, y;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)a + i, (utf8proc_ssize_t)(an - i), &x);
        utf8proc_ssize_t m = utf8proc_iterate((const utf8proc_uint8_t *)s + j, (utf8proc_ssize_t)(n - j), &y);
        if (k <= 0 || m <= 0 || utf8proc_tolower(x) != utf8proc_tolower(y))
            return 0;
        i += (size_t)k;
        j += (size_t)m;
    }
    return i == an && j == n;
}

static int same_name(const char *a, const char *b) { return same_name_n(a, b, strlen(b)); }

/* s equals (but for case) one '|'-separated item of list. */
static int in_list(const char *list, const char *s)
{
    size_t n = strlen(s);
    for (const char *p = list; *p;) {
        const char *bar = strchr(p, '|');
        size_t m = bar ? (size_t)(bar - p) : strlen(p);
        /* compare the item [p, p+m) with s */
        if (m && same_name_n(s, p, m) && n)
            return 1;
        if (!bar)
            break;
        p = bar + 1;
    }
    return 0;
}

static int matches_name(const body_row *b, const char *s) { return same_name(b->name, s) || in_list(b->aliases, s); }

static int alive(const body_row *b, int year)
{
    return !year || ((!b->from || b->from <= year) && (!b->to || year <= b->to));
}

/* The kinds a generic name can stand for. */
static int fits(const body_row *b, const char *generic)
{
    if (!generic)
        return 1;
    if (strcasecmp(generic, "stadsdelsnämnden") == 0)
        return strcmp(b->kind, "sdn") == 0;
    if (strcasecmp(generic, "styrelsen") == 0)
        return strcmp(b->kind, "bolag") == 0 || strcmp(b->kind, "ks") == 0;
    return strcmp(b->kind, "sdn") == 0 || strcmp(b->kind, "facknamnd") == 0; /* "nämnden" */
}

static const char *const generic_bodies[] = {"nämnden", "stadsdelsnämnden", "styrelsen", "facknämnden"};

static const char *generic_of(const char *body)
{
    if (!body)
        return NULL;
    for (size_t i = 0; i < sizeof generic_bodies / sizeof *generic_bodies; i++)
        if (same_name(body, generic_bodies[i]))
            return generic_bodies[i];
    return "";
}

/* Another municipality named in the header: "Göteborgs Stad", "Solna stad",
   "Nacka kommun". */
static int other_municipality(ctx *c)
{
    size_t ov[4], pos = 0, end = c->header_end ? c->header_end : c->t.n;
    if (end > c->t.n)
        end = c->t.n;
    while (rx_match(c, RX_MUNICIPALITY, pos, end, ov, 2)) {
        pos = ov[1];
        size_t n = ov[3] - ov[2];
        const char *w = c->t.s + ov[2];
        if (!((n == 9 && strncasecmp(w, "Stockholm", 9) == 0) || (n == 10 && strncasecmp(w, "Stockholms", 10) == 0)))
            return 1;
    }
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

/* The one body (of the fitting kind, alive in the year) that `pick`
   selects, or NULL when none or more than one does. */
static const body_row *only(int (*pick)(const body_row *, const char *), const char *arg, const char *generic,
                            int year)
{
    const body_row *found = NULL;
    for (size_t i = 0; i < NBODIES; i++) {
        const body_row *b = &bodies[i];
        if (!fits(b, generic) || !alive(b, year) || !pick(b, arg))
            continue;
        if (found)
            return NULL;
        found = b;
    }
    return found;
}

static int by_admin(const body_row *b, const char *admin) { return in_list(b->admins, admin); }
static int by_prefix(const body_row *b, const char *prefix) { return in_list(b->prefixes, prefix); }

/* Whether the lower-cased header holds name (any case) as whole words. */
static int header_names(ctx *c, const char *low, size_t n, const char *name, size_t m)
{
    if (!m)
        return 0;
    char *ln = pk_lower(c->a, name, m);
    size_t k = strlen(ln);
    for (const char *p = low; (p = memmem(p, n - (size_t)(p - low), ln, k)) != NULL; p++) {
        size_t at = (size_t)(p - low), after = at + k;
        int left = at == 0 || !(pk_is_letter_at(low + at - 1, 1) || (unsigned char)low[at - 1] >= 0x80);
        int right = after >= n || !(pk_is_letter_at(low + after, n - after) || low[after] == '-');
        if (left && right)
            return 1;
    }
    return 0;
}

/* The one table body the header names (its letterhead: "FARSTA
   STADSDELSNÄMND"), of the fitting kind; NULL when none or several. */
static const body_row *from_header(ctx *c, const char *generic, int year)
{
    size_t end = c->header_end && c->header_end < c->t.n ? c->header_end : c->t.n;
    if (end > 2000)
        end = 2000;
    char *low = pk_lower(c->a, c->t.s, end);
    size_t n = strlen(low);
    const body_row *found = NULL;
    for (size_t i = 0; i < NBODIES; i++) {
        const body_row *b = &bodies[i];
        if (!fits(b, generic) || !alive(b, year))
            continue;
        int hit = header_names(c, low, n, b->name, strlen(b->name));
        for (const char *p = b->aliases; !hit && *p;) {
            const char *bar = strchr(p, '|');
            size_t m = bar ? (size_t)(bar - p) : strlen(p);
            hit = header_names(c, low, n, p, m);
            if (!bar)
                break;
            p = bar + 1;
        }
        if (!hit)
            continue;
        if (found)
            return NULL;
        found = b;
    }
    return found;
}

void pk_extract_canonical(ctx *c)
{
    pk_record *r = c->rec;
    if (other_municipality(c))
        return;
    int year = doc_year(c);
    if (r->body) {
        for (size_t i = 0; i < NBODIES; i++)
            if (matches_name(&bodies[i], r->body)) {
                r->body_canonical = bodies[i].name;
                return;
            }
    }
    const char *generic = generic_of(r->body);
    if (generic && !*generic)
        return; /* a specific name the table does not know */
    const body_row *b = NULL;
    /* "Stadsdelsnämnden i Bromma godkänner ...": the name goes on in the decision */
    if (r->body && c->decisions.n) {
        const char *t = ((const pk_decision *)c->decisions.items)[0].text;
        const char *at = t ? strstr(t, r->body) : NULL;
        for (const char *e = at ? at + strlen(r->body) : NULL; e && *e == ' ' && e - at < 80;) {
            const char *w = e + 1;
            while (*w && *w != ' ' && *w != ',' && *w != '.')
                w++;
            char name[96];
            snprintf(name, sizeof name, "%.*s", (int)(w - at), at);
            for (size_t i = 0; i < NBODIES; i++)
                if (fits(&bodies[i], generic) && matches_name(&bodies[i], name)) {
                    r->body_canonical = bodies[i].name;
                    return;
                }
            e = w;
        }
    }
    if (r->administration)
        b = only(by_admin, r->administration, generic, year);
    if (!b && c->regnums.n) {
        const pk_regnum *g = c->regnums.items;
        if (g[0].prefix)
            b = only(by_prefix, g[0].prefix, generic, year);
    }
    if (!b)
        b = from_header(c, generic, year);
    if (b)
        r->body_canonical = b->name;
}

/* ---- unit keys ---- */

/* Unit nouns: the indefinite form that may end a name ("Ekorren förskola")
   and the definite form that opens one ("Förskolan Ekorren"). */
static const char *const unit_noun[][2] = {
    {"förskola", "förskolan"},     {"skola", "skolan"},         {"grundskola", "grundskolan"},
    {"enhet", "enheten"},          {"mottagning", "mottagningen"}, {"boende", "boendet"},
    {"äldreboende", "äldreboendet"}, {"hemtjänst", "hemtjänsten"}, {"grupp", "gruppen"},
    {"team", "teamet"},            {"avdelning", "avdelningen"}, {"fritidsgård", "fritidsgården"},
    {"bibliotek", "biblioteket"},  {"servicehus", "servicehuset"}, {"verksamhet", "verksamheten"},
    {"gymnasium", "gymnasiet"},    {"fritidshem", "fritidshemmet"},
};
enum { NNOUNS = sizeof unit_noun / sizeof *unit_noun };

static int noun_index(const char *w, size_t n, int form)
{
    for (int i = 0; i < NNOUNS; i++)
        if (strlen(unit_noun[i][form]) == n && memcmp(unit_noun[i][form], w, n) == 0)
            return i;
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
    char *low = pk_lower(c->a, name, strlen(name));
    size_t n = strlen(low);
    char *w = arena_alloc(c->a, n + 1);
    size_t o = 0;
    int depth = 0;
    for (size_t i = 0; i < n; i++) {
        char ch = low[i];
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
        const char *def = unit_noun[k][1];
        size_t dn = strlen(def), rest = (size_t)(sp - w);
        /* the genitive goes with the reordering: "Tensta hemtjänst" and
           "Kungsholmens hemtjänst" -> "hemtjänsten tensta", "... kungsholmen" */
        if (rest > 2 && w[rest - 1] == 's' && !strchr("soui", w[rest - 2]))
            rest--;
        char *out = arena_alloc(c->a, dn + 1 + rest + 1);
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
