/* Segmentation of the cleaned text: lines, headings (by a table of the
   section names Swedish minutes use) and sentences (knowing Swedish
   abbreviations, so that "bl.a." does not end one). */
#include "internal.h"

#include <string.h>

typedef struct heading_entry {
    const char *name; /* lower case, without a trailing colon */
    int kind;
} heading_entry;

static const heading_entry headings[] = {
    {"förslag till beslut", H_DECISION},
    {"beslut", H_DECISION},
    {"nämndens beslut", H_DECISION},
    {"styrelsens beslut", H_DECISION},
    {"utskottets beslut", H_DECISION},
    {"förvaltningens synpunkter och förslag", H_PROPOSAL},
    {"synpunkter och förslag", H_PROPOSAL},
    {"förvaltningens synpunkter", H_PROPOSAL},
    {"kontorets synpunkter och förslag", H_PROPOSAL},
    {"kontorets synpunkter", H_PROPOSAL},
    {"förvaltningens bedömning", H_PROPOSAL},
    {"förvaltningens förslag", H_PROPOSAL},
    {"bedömning", H_PROPOSAL},
    {"framlagda förslag till beslut", H_STOP},
    {"framlagda förslag", H_STOP},
    {"beslutsgång", H_STOP},
    {"reservation", H_STOP},
    {"reservationer", H_STOP},
    {"särskilt uttalande", H_STOP},
    {"särskilda uttalanden", H_STOP},
    {"särskilt yttrande", H_STOP},
    {"särskilda yttranden", H_STOP},
    {"protokollsanteckning", H_STOP},
    {"protokollsanteckningar", H_STOP},
    {"yrkanden", H_STOP},
    {"yrkande", H_STOP},
    {"propositionsordning", H_STOP},
    {"omröstning", H_STOP},
    {"jäv", H_STOP},
    {"justering", H_STOP},
    {"sammanfattning", H_OTHER},
    {"sammanfattning av ärendet", H_OTHER},
    {"ärendet i korthet", H_OTHER},
    {"bakgrund", H_OTHER},
    {"ärendet", H_OTHER},
    {"ärendets beredning", H_OTHER},
    {"ärendebeskrivning", H_OTHER},
    {"beskrivning av ärendet", H_OTHER},
    {"beredning", H_OTHER},
    {"jämställdhetsanalys", H_OTHER},
    {"barnrättsanalys", H_OTHER},
    {"barnkonsekvensanalys", H_OTHER},
    {"konsekvenser", H_OTHER},
    {"ekonomiska konsekvenser", H_OTHER},
    {"bilagor", H_OTHER},
    {"bilaga", H_OTHER},
    {"handlingar i ärendet", H_OTHER},
    {"beslutsunderlag", H_OTHER},
    {"expedieras", H_OTHER},
    {"expediering", H_OTHER},
    {"inledning", H_OTHER},
    {"uppdraget", H_OTHER},
    {"analys", H_OTHER},
    {"tidplan", H_OTHER},
    {"motivering", H_OTHER},
    {"skäl för beslut", H_OTHER},
    {"deltagande enheter", H_OTHER},
    {"remissvar", H_OTHER},
    {"remissen", H_OTHER},
    {"ärendets handlingar", H_OTHER},
    {"om kvalitetsutmärkelsen", H_OTHER},
    {"kvalitetsutmärkelsen", H_OTHER},
    {"anmälan", H_OTHER},
    {"information", H_OTHER},
    {"ordförandens förslag", H_STOP},
};

static int ends_with(const char *s, size_t n, const char *suf)
{
    size_t m = strlen(suf);
    return n >= m && memcmp(s + n - m, suf, m) == 0;
}

int pk_heading_kind(const char *s, size_t n)
{
    while (n && s[n - 1] == ' ')
        n--;
    int colon = n && s[n - 1] == ':';
    while (n && (s[n - 1] == ':' || s[n - 1] == ' '))
        n--;
    /* a heading that introduces a list may run longer */
    if (n == 0 || n > (colon ? 110 : 60))
        return H_NONE;
    char low[128];
    size_t o = 0;
    /* lower-case ASCII and the Swedish capitals; enough for heading names */
    for (size_t i = 0; i < n && o + 2 < sizeof low; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (ch >= 'A' && ch <= 'Z') {
            low[o++] = (char)(ch + 32);
        } else if (ch == 0xC3 && i + 1 < n && ((unsigned char)s[i + 1] == 0x85 || (unsigned char)s[i + 1] == 0x84 ||
                                               (unsigned char)s[i + 1] == 0x96 || (unsigned char)s[i + 1] == 0x89)) {
            low[o++] = (char)ch;
            low[o++] = (char)(s[i + 1] + 0x20);
            i++;
        } else {
            low[o++] = (char)ch;
        }
    }
    low[o] = 0;
    for (size_t i = 0; i < sizeof headings / sizeof *headings && o <= 60; i++)
        if (strcmp(low, headings[i].name) == 0)
            return headings[i].kind;
    /* "<X>s förslag till beslut": the preparing office's own proposal;
       the one laid before a meeting ("Framlagda ...") is not the decision */
    if (ends_with(low, o, "förslag till beslut") && strncmp(low, "framlagd", 8) != 0 && !memchr(low, '.', o))
        return H_DECISION;
    /* "Socialförvaltningens förslag till Vård- och omsorgsnämnden:" */
    if (colon && o > 20 && strstr(low, "s förslag till ") && !memchr(low, '.', o) &&
        (strstr(low, "nämnd") || strstr(low, "styrelse") || strstr(low, "fullmäktige") || strstr(low, "utskott")))
        return H_DECISION;
    /* "Vård- och omsorgsnämndens beslut" */
    if (o > 8 && o < 60 && ends_with(low, o, "s beslut") && !memchr(low, '.', o) &&
        (strstr(low, "nämnd") || strstr(low, "styrelse")))
        return H_DECISION;
    if (ends_with(low, o, "synpunkter och förslag") || ends_with(low, o, "synpunkter och förslag till beslut"))
        return H_PROPOSAL;
    return H_NONE;
}

void pk_segment(arena *a, const pk_text *t, segs *out)
{
    size_t n = 1;
    for (size_t i = 0; i < t->n; i++)
        if (t->s[i] == '\n')
            n++;
    out->lines = pk_arena_alloc(a, n * sizeof(line));
    out->nlines = 0;
    size_t s = 0;
    for (size_t i = 0; i <= t->n; i++) {
        if (i == t->n || t->s[i] == '\n') {
            line *l = &out->lines[out->nlines++];
            l->s = s;
            l->e = i;
            l->blank = (i == s);
            l->heading = l->blank ? H_NONE : pk_heading_kind(t->s + s, i - s);
            s = i + 1;
        }
    }
}

static const char *const abbrevs[] = {
    "bl.a", "t.ex", "s.k", "m.m", "d.v.s", "dvs", "ca", "jfr", "resp", "kl", "tf", "t.f", "nr", "dnr",
    "st", "ev", "inkl", "exkl", "fr.o.m", "t.o.m", "o.d", "f.d", "p.g.a", "pga", "enl", "ang", "avd",
    "forts", "tel", "m.fl", "o.s.v", "osv", "mfl", "bl", "s", "nov", "dec", "jan", "feb", "mar", "apr",
    "aug", "sep", "sept", "okt", "tis", "ons", "tors", "fre", "kap", "p", "fig", "obs", "vard", "ordf",
    "sekr", "särsk", "ledam", "ers", "adj"};

/* Whether the '.' at i ends a sentence: not after an abbreviation, an
   initial, or a number followed by more of the same item. */
static int is_terminator(const pk_text *t, size_t lo, size_t i)
{
    char ch = t->s[i];
    if (ch != '.' && ch != '!' && ch != '?')
        return 0;
    if (i + 1 < t->n && t->s[i + 1] != ' ' && t->s[i + 1] != '\n')
        return 0;
    if (ch != '.')
        return 1;
    size_t w = i;
    while (w > lo && i - w < 32 && t->s[w - 1] != ' ' && t->s[w - 1] != '\n' && t->s[w - 1] != '(')
        w--;
    size_t wn = i - w;
    if (wn >= 32)
        return 1; /* no abbreviation or list number is that long */
    if (wn == 0)
        return 1;
    if (wn == 1 && pk_is_upper_at(t->s + w, 1))
        return 0; /* an initial */
    char low[16];
    if (wn < sizeof low) {
        for (size_t k = 0; k < wn; k++)
            low[k] = (t->s[w + k] >= 'A' && t->s[w + k] <= 'Z') ? (char)(t->s[w + k] + 32) : t->s[w + k];
        low[wn] = 0;
        for (size_t k = 0; k < sizeof abbrevs / sizeof *abbrevs; k++)
            if (strcmp(low, abbrevs[k]) == 0)
                return 0;
    }
    /* a list number "1." at a line start is not a sentence of its own */
    int digits = 1;
    for (size_t k = w; k < i; k++)
        if (t->s[k] < '0' || t->s[k] > '9')
            digits = 0;
    if (digits && wn <= 3 && (w == lo || t->s[w - 1] == '\n'))
        return 0; /* "1." opens an item; "2010." at a line start ends a sentence */
    return 1;
}

static int line_starts_item(const pk_text *t, size_t p)
{
    /* p is a line start: a bullet or a list number opens a new sentence */
    const unsigned char *s = (const unsigned char *)t->s + p;
    size_t n = t->n - p;
    if (n >= 2 && (s[0] == '-' || s[0] == '*') && s[1] == ' ')
        return 1;
    if (n >= 3 && s[0] == 0xE2 && s[1] == 0x80 && (s[2] == 0xA2 || s[2] == 0x93))
        return 1;
    size_t d = 0;
    while (d < n && d < 3 && s[d] >= '0' && s[d] <= '9')
        d++;
    return d > 0 && d < n && (s[d] == '.' || s[d] == ')') && d + 1 < n && s[d + 1] == ' ';
}

/* Is the line ending at nl (a newline) a section heading? */
static int prev_line_is_heading(const pk_text *t, size_t lo, size_t nl)
{
    size_t s = nl;
    while (s > lo && t->s[s - 1] != '\n' && nl - s <= 60)
        s--;
    return pk_heading_kind(t->s + s, nl - s) != H_NONE;
}

void pk_sentence_bounds(const pk_text *t, size_t lo, size_t hi, size_t pos, size_t *s, size_t *e)
{
    /* callers pass byte windows (pos ± 400): never cut a character */
    while (hi > pos && hi < t->n && ((unsigned char)t->s[hi] & 0xC0) == 0x80)
        hi--;
    while (lo < pos && ((unsigned char)t->s[lo] & 0xC0) == 0x80)
        lo++;
    size_t i = pos;
    while (i > lo) {
        if (t->s[i - 1] == '\n' && ((i >= 2 && i - 1 > lo && t->s[i - 2] == '\n') || line_starts_item(t, i) ||
                                    prev_line_is_heading(t, lo, i - 1)))
            break;
        if (i - 1 >= lo && is_terminator(t, lo, i - 1) && i - 1 < pos)
            break;
        i--;
    }
    while (i < pos && (t->s[i] == ' ' || t->s[i] == '\n'))
        i++;
    *s = i;
    size_t j = pos;
    while (j < hi) {
        if (is_terminator(t, lo, j)) {
            j++;
            break;
        }
        if (t->s[j] == '\n' && j + 1 < hi && (t->s[j + 1] == '\n' || line_starts_item(t, j + 1)))
            break;
        j++;
    }
    *e = j;
}
