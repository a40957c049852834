/* The data the rules read: decision formulas, diarienummer shapes and
   prefixes, month names, given names and titles. A new formula or month
   spelling is one line here, and a new formula also wants a text in
   tests/test_kinds.c that only it reads (tests/mutate.sh finds the rows
   without one); a new diarienummer shape or prefix is one line in
   lib/data/. */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

/* Decision formulas, as pcre2 fragments (matched caselessly, between word
   boundaries). At one position the first entry wins, so the longer
   formulas stand before the words they begin with. */
const formula_entry pk_formulas[] = {
    {"noterar\\s+(?:enhetens\\s+|enheternas\\s+)?anmälan(?:na)?", "note"},
    {"noterar\\s+(?:informationen|redovisningen|rapporten|uppföljningen|återrapporteringen)", "note"},
    {"notera\\s+(?:enhetens\\s+|enheternas\\s+)?anmälan(?:na)?", "note"},
    {"notera\\s+(?:informationen|redovisningen|rapporten|uppföljningen|återrapporteringen)", "note"},
    {"lägger\\s+(?:\\S+\\s+){0,9}?till\\s+handlingarna", "note"},
    {"lägga\\s+(?:\\S+\\s+){0,9}?till\\s+handlingarna", "note"},
    {"läggs\\s+(?:\\S+\\s+){0,3}?till\\s+handlingarna", "note"},
    {"anses\\s+anmäld[at]?\\s+och\\s+läggs\\s+till\\s+handlingarna", "note"},
    {"anses\\s+anmäld[at]?", "note"},
    {"tar\\s+del\\s+av", "note"},
    {"ta\\s+del\\s+av", "note"},
    {"tas\\s+till\\s+protokollet", "note"},
    {"tas\\s+till\\s+handlingarna", "note"},
    {"noterar", "note"},
    {"godkänner", "approve"},
    {"godkänns", "approve"},
    {"godkänna", "approve"},
    {"bifaller", "approve"},
    {"bifalls", "approve"},
    {"bifalla", "approve"},
    {"beviljar", "approve"},
    {"bevilja", "approve"},
    {"beviljas", "approve"},
    {"tillstyrker", "approve"},
    {"tillstyrka", "approve"},
    {"beslutar\\s+i\\s+enlighet\\s+med\\s+(?:\\S+\\s+){0,2}?förslag(?:et)?", "adopt"},
    {"beslutas\\s+i\\s+enlighet\\s+med\\s+(?:\\S+\\s+){0,2}?förslag(?:et)?", "adopt"},
    {"beslutar\\s+enligt\\s+(?:\\S+\\s+){0,2}?förslag(?:et)?", "adopt"},
    {"antar", "adopt"},
    {"anta", "adopt"},
    {"antas", "adopt"},
    {"fastställer", "adopt"},
    {"fastställa", "adopt"},
    {"fastställs", "adopt"},
    {"avslår", "reject"},
    {"avslå", "reject"},
    {"avslås", "reject"},
    {"avstyrker", "reject"},
    {"avstyrka", "reject"},
    {"avstyrks", "reject"},
    {"återremitterar", "refer"},
    {"återremittera", "refer"},
    {"återremitteras", "refer"},
    {"remitterar", "refer"},
    {"remittera", "refer"},
    {"remitteras", "refer"},
    {"överlämnar", "refer"},
    {"överlämna", "refer"},
    {"överlämnas", "refer"},
    {"bordlägger", "defer"},
    {"bordlägga", "defer"},
    {"bordläggs", "defer"},
    {"uppdrar\\s+åt", "assign"},
    {"uppdra\\s+åt", "assign"},
    {"uppdras", "assign"},
    {"uppdrar", "assign"},
    {"uppdra", "assign"},
    {"ger\\s+(?:\\S+\\s+){1,4}?i\\s+uppdrag", "assign"},
    {"ge\\s+(?:\\S+\\s+){1,4}?i\\s+uppdrag", "assign"},
    {"får\\s+i\\s+uppdrag", "assign"},
    {"nominerar", "nominate"},
    {"nominera", "nominate"},
    {"nomineras", "nominate"},
    {"utser", "appoint"},
    {"utse", "appoint"},
    {"utses", "appoint"},
    {"väljer", "appoint"},
    {"välja", "appoint"},
    {"väljs", "appoint"},
    {"förordnar", "appoint"},
    {"förordna", "appoint"},
    {"upphäver", "repeal"},
    {"upphäva", "repeal"},
    {"upphävs", "repeal"},
    {"justeras\\s+omedelbart", "other"},
    {"omedelbar\\s+justering", "other"},
    {"anses\\s+berett", "other"},
    {"är\\s+berett", "other"},
    {"anses\\s+besvarad", "other"},
    {"besvaras", "other"},
    {"ställer\\s+sig\\s+bakom\\s+(?:förvaltningens|kontorets|det\\s+framlagda)\\s+förslag(?:et)?", "adopt"},
    {"ställa\\s+sig\\s+positiv(?:a)?\\s+till", "approve"},
    {"ställer\\s+sig\\s+positiv(?:a)?\\s+till", "approve"},
    {"förklara\\s+paragrafen\\s+omedelbart\\s+justerad", "other"},
    {"paragrafen\\s+(?:förklaras\\s+)?omedelbart\\s+justerad", "other"},
    {"får\\s+(?:lämna|avge|foga)\\s+(?:ett\\s+)?särskilt\\s+yttrande", "other"},
    {"utgår", "other"},
    /* other municipalities' minutes: a decision item that is the proposal's
       name alone, or the fate of a motion or a question */
    {"enligt\\s+(?:\\S+\\s+){0,4}?förslag(?:et)?", "adopt"},
    {"i\\s+enlighet\\s+med\\s+(?:\\S+\\s+){0,4}?förslag(?:et)?", "adopt"},
    {"bereds\\s+av", "refer"},
    {"är\\s+(?:därmed\\s+|härmed\\s+)?besvarad", "other"},
    {"anses\\s+(?:vara\\s+)?besvarad", "other"},
    {"noteras", "note"},
    {"lämnas\\s+utan\\s+åtgärd", "other"},
    {"avskrivs", "other"},
};
const size_t pk_n_formulas = sizeof pk_formulas / sizeof *pk_formulas;

/* Formulas that open a decision whose own verb the table above does not
   know ("Kommunstyrelsen beslutar att Hästhagens förskola avvecklas"):
   they make an item only where the item holds no formula of the table
   above, so "beslutar att godkänna" stays an approval. */
const formula_entry pk_open_formulas[] = {
    {"beslutar\\s+(?:att|om)", "other"},
};
const size_t pk_n_open_formulas = sizeof pk_open_formulas / sizeof *pk_open_formulas;

/* The nämnd a förvaltning or kontor prepares for: whole names, then
   endings ("-förvaltningen" -> "-nämnden") */
const admin_body pk_admin_bodies[] = {
#include "admin_bodies.inc"
};
const size_t pk_n_admin_bodies = sizeof pk_admin_bodies / sizeof *pk_admin_bodies;

/* How a line that opens the decision ends ("Kommunstyrelsen beslutar:",
   "Nämnden beslutar att"), the spelling "besluter" included */
const char *const pk_decision_leads[] = {
#include "decision_leads.inc"
};
const size_t pk_n_decision_leads = sizeof pk_decision_leads / sizeof *pk_decision_leads;

const regnum_shape pk_regnum_shapes[] = {
#include "regnum_shapes.inc"
};
const size_t pk_n_regnum_shapes = sizeof pk_regnum_shapes / sizeof *pk_regnum_shapes;

/* lower case; compared with the text's prefix lower-cased */
const char *const pk_regnum_prefixes[] = {
#include "regnum_prefixes.inc"
};
const size_t pk_n_regnum_prefixes = sizeof pk_regnum_prefixes / sizeof *pk_regnum_prefixes;

const char *const pk_regnum_not_prefixes[] = {
#include "regnum_not_prefixes.inc"
};
const size_t pk_n_regnum_not_prefixes = sizeof pk_regnum_not_prefixes / sizeof *pk_regnum_not_prefixes;

/* Full name, abbreviation, another abbreviation (or NULL). */
const char *const pk_months[12][3] = {
    {"januari", "jan", NULL},  {"februari", "feb", "febr"}, {"mars", "mar", NULL},
    {"april", "apr", NULL},    {"maj", NULL, NULL},         {"juni", "jun", NULL},
    {"juli", "jul", NULL},     {"augusti", "aug", NULL},    {"september", "sep", "sept"},
    {"oktober", "okt", NULL},  {"november", "nov", NULL},   {"december", "dec", NULL},
};

const char *const pk_given_names[] = {
#include "given_names.inc"
};
const size_t pk_n_given_names = sizeof pk_given_names / sizeof *pk_given_names;

const char *const pk_titles[] = {
#include "titles.inc"
};
const size_t pk_n_titles = sizeof pk_titles / sizeof *pk_titles;

static int cmp_name(const void *key, const void *elem)
{
    const char *const *k = key;
    return strcmp(*k, *(const char *const *)elem);
}

int pk_is_given_name(const char *s, size_t n)
{
    char tmp[64];
    if (n == 0 || n >= sizeof tmp)
        return 0;
    memcpy(tmp, s, n);
    tmp[n] = 0;
    const char *k = tmp;
    /* the table is sorted bytewise (LC_ALL=C sort) */
    return bsearch(&k, pk_given_names, pk_n_given_names, sizeof *pk_given_names, cmp_name) != NULL;
}

size_t pk_title_at(const char *s, size_t n)
{
    /* compare lower-cased: ASCII and Å Ä Ö É fold by their UTF-8 pattern */
    size_t best = 0;
    if (n == 0)
        return 0;
    /* titles are lower case: only those with the text's first byte, folded,
       can match (the lead byte of Å Ä Ö É is the same in both cases) */
    unsigned char first = (unsigned char)s[0];
    if (first >= 'A' && first <= 'Z')
        first = (unsigned char)(first + 32);
    for (size_t i = 0; i < pk_n_titles; i++) {
        const char *t = pk_titles[i];
        if ((unsigned char)t[0] != first)
            continue;
        size_t m = strlen(t), j = 0, k = 0;
        while (j < m && k < n) {
            unsigned char a = (unsigned char)s[k], b = (unsigned char)t[j];
            if (a >= 'A' && a <= 'Z')
                a = (unsigned char)(a + 32);
            if (a == 0xC3 && k + 1 < n && b == 0xC3 && j + 1 < m) {
                unsigned char a2 = (unsigned char)s[k + 1], b2 = (unsigned char)t[j + 1];
                if (a2 >= 0x80 && a2 <= 0x9E)
                    a2 = (unsigned char)(a2 + 0x20);
                if (a2 != b2)
                    break;
                j += 2;
                k += 2;
                continue;
            }
            if (a != b)
                break;
            j++;
            k++;
        }
        if (j == m && (k == n || s[k] == ' ' || s[k] == ',' || s[k] == '\n') && k > best)
            best = k;
    }
    if (best)
        return best;
    /* a word formed like a title: "trafikdirektör", "kvalitetsstrateg" */
    static const char *const suffixes[] = {"chef", "direktör", "sekreterare", "handläggare", "ordförande", "strateg",
                                           "samordnare", "utredare", "controller", "rektor", "inspektör", "ekonom"};
    size_t w = 0;
    while (w < n && s[w] != ' ' && s[w] != ',' && s[w] != '\n')
        w++;
    for (size_t i = 0; i < sizeof suffixes / sizeof *suffixes; i++) {
        size_t m = strlen(suffixes[i]);
        if (w >= m + 2 && memcmp(s + w - m, suffixes[i], m) == 0)
            return w;
    }
    return 0;
}
