/* The data the rules read: decision formulas, diarienummer shapes, month
   names, and the lookups of the word lists (given names, titles, parties,
   diarienummer prefixes, the words people.c reads). A new formula is one
   line here, and also wants a text in tests/test_kinds.c that only it
   reads (tests/mutate.sh finds the rows without one); a new month
   spelling (months.tsv), diarienummer shape or prefix is one line in
   lib/data/. */
#include "internal.h"

#include <pthread.h>
#include <stddef.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

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

const cue_word pk_cue_words[] = {
#include "cue_words.inc"
};
const size_t pk_n_cue_words = sizeof pk_cue_words / sizeof *pk_cue_words;

/* the openings of a line that say what it is (line_words.tsv):
   pk_subtitle_opener, pk_closing_opener */
#include "line_words.inc"

/* the words that join the parts of a phrase (conjunction_words.tsv):
   pk_suspended_next, pk_unit_list_joint */
#include "conjunction_words.inc"

/* the words around dates (date_words.tsv): pk_day_list_word, pk_year_word */
#include "date_words.inc"

/* the word endings of bodies in people.c (people_words.tsv): pk_body_ending */
#include "people_words.inc"

const date_cue pk_date_cues[] = {
#include "date_cues.inc"
};
const size_t pk_n_date_cues = sizeof pk_date_cues / sizeof *pk_date_cues;
_Static_assert(sizeof pk_date_cues / sizeof *pk_date_cues < 256, "date cue rows are numbered in a byte");

/* The months (months.tsv): name, short form, another short form (or NULL). */
const char *const pk_months[12][3] = {
#include "months.inc"
};

/* The word lists of lib/data/ as perfect hashes (gperf, made by the
   Makefile through lib/wordhash.awk): each lookup hashes the word once and
   compares it with at most one row. gperf's code converts size_t to
   unsigned int where it knows the value fits, and its hash falls through
   the cases of a switch on purpose. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wconversion"
#pragma GCC diagnostic ignored "-Wimplicit-fallthrough"
#include "given_names_hash.h"
#include "titles_hash.h"
#include "parties_hash.h"
#include "genitive_nouns_hash.h"
#include "org_words_hash.h"
#include "person_verbs_hash.h"
#include "headings_hash.h"
#include "abbreviations_hash.h"
#include "regnum_prefixes_hash.h"
#include "regnum_not_prefixes_hash.h"
#include "not_verbs_hash.h"
#include "furniture_lines_hash.h"
#include "collective_words_hash.h"
#include "roll_headings_hash.h"
#pragma GCC diagnostic pop

/* Filters in front of some of the hashes above, made by the Makefile from
   the same rows: for each byte, the lengths (bit n: n bytes) of the rows
   that begin (_first) or end (_last) with it. A word whose length is not
   among its first byte's is in no row, and costs no hash. */
static const uint64_t titles_first[256] = {
#include "titles_first.inc"
};
static const uint64_t titles_last[256] = {
#include "titles_last.inc"
};
const uint64_t pk_heading_first[256] = {
#include "headings_first.inc"
};
const uint64_t pk_heading_last[256] = {
#include "headings_last.inc"
};
const uint64_t pk_furniture_line_first[256] = {
#include "furniture_lines_first.inc"
};
const size_t pk_furniture_line_max = FURNITURE_LINES_MAX_WORD_LENGTH;
_Static_assert(TITLES_MAX_WORD_LENGTH < 64 && HEADINGS_MAX_WORD_LENGTH < 64 && FURNITURE_LINES_MAX_WORD_LENGTH < 64,
               "the filters hold lengths below 64");

/* Whether f[0..k), folded as the titles are written, may be a title: its
   length among those of the rows that begin and end as it does */
static inline int title_may_be(const char *f, size_t k)
{
    return (titles_first[(unsigned char)f[0]] & titles_last[(unsigned char)f[k - 1]]) >> k & 1;
}

int pk_is_given_name(const char *s, size_t n)
{
    return pk_given_names_lookup(s, n);
}

/* s[0..n) folded into f: ASCII and the Latin-1 capitals after a byte 0xC3
   (but for ×) to lower case */
static void fold_latin(const char *s, size_t n, char *f)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char a = (unsigned char)s[i];
        if (a >= 'A' && a <= 'Z')
            a = (unsigned char)(a + 32);
        else if (i > 0 && (unsigned char)s[i - 1] == 0xC3 && a >= 0x80 && a <= 0x9E && a != 0x97)
            a = (unsigned char)(a + 0x20);
        f[i] = (char)a;
    }
}

/* Party abbreviations as the parties write them: the national parties, old
   names still in the archives, and local parties; keyed folded, so "(m)"
   finds "M". */
const char *pk_party(const char *s, size_t n)
{
    char f[PARTIES_MAX_WORD_LENGTH];
    if (n < PARTIES_MIN_WORD_LENGTH || n > PARTIES_MAX_WORD_LENGTH)
        return NULL;
    fold_latin(s, n, f);
    const struct pk_parties_row *r = pk_parties_lookup(f, n);
    return r ? r->word : NULL;
}

/* Verbs a person does in minutes ("Eva Hessman informerar", "Lena Ek
   väljs"): after one, a lone name with a given name is a person. */
int pk_is_person_verb(const char *s, size_t n)
{
    return n > 0 && pk_person_verbs_lookup(s, n) != NULL;
}

/* Nouns that a name in the genitive stands before ("Per Lindbergs fråga"),
   matched as word endings so that compounds ("ändringsyrkande") are in:
   each ending of the word as long as a noun of the table is a probe. */
int pk_ends_in_genitive_noun(const char *s, size_t n)
{
    for (size_t m = GENITIVE_NOUNS_MIN_WORD_LENGTH; m <= n && m <= GENITIVE_NOUNS_MAX_WORD_LENGTH; m++)
        if (pk_genitive_nouns_lookup(s + n - m, m))
            return 1;
    return 0;
}

/* Endings of words that name an organisation or a place, never a person
   ("Socialnämnd Centrum", "Stiftelsen Wilhelm"). */
int pk_is_org_word(const char *s, size_t n)
{
    /* the whole word without its case (its first letter is a capital) */
    if (n >= ORG_WORDS_MIN_WORD_LENGTH && n <= ORG_WORDS_MAX_WORD_LENGTH) {
        char f[ORG_WORDS_MAX_WORD_LENGTH];
        fold_latin(s, n, f);
        if (pk_org_words_lookup(f, n))
            return 1;
    }
    /* or its ending as it is written */
    for (size_t m = ORG_WORDS_MIN_WORD_LENGTH; m < n && m <= ORG_WORDS_MAX_WORD_LENGTH; m++)
        if (pk_org_words_lookup(s + n - m, m))
            return 1;
    return 0;
}

int pk_is_not_verb(const char *s, size_t n) { return n > 0 && pk_not_verbs_lookup(s, n) != NULL; }

int pk_is_furniture_line(const char *low, size_t n) { return n > 0 && pk_furniture_lines_lookup(low, n) != NULL; }

int pk_is_collective_word(const char *low, size_t n)
{
    return n > 0 && pk_collective_words_lookup(low, n) != NULL;
}

const size_t pk_roll_heading_min = ROLL_HEADINGS_MIN_WORD_LENGTH, pk_roll_heading_max = ROLL_HEADINGS_MAX_WORD_LENGTH;

int pk_roll_heading(const char *low, size_t n, const char **title)
{
    const struct pk_roll_headings_row *r = n > 0 ? pk_roll_headings_lookup(low, n) : NULL;
    if (r)
        *title = r->value;
    return r != NULL;
}

int pk_is_regnum_prefix(const char *low)
{
    return pk_regnum_prefixes_lookup(low, strlen(low)) != NULL;
}

int pk_is_regnum_not_prefix(const char *low)
{
    return pk_regnum_not_prefixes_lookup(low, strlen(low)) != NULL;
}

/* The suffixes of words formed like a title: "trafikdirektör", "kvalitetsstrateg". */
static const struct {
    const char *s;
    size_t n;
} title_suffixes[] = {
#define SUFFIX(x) {x, sizeof x - 1}
    SUFFIX("chef"),       SUFFIX("direktör"), SUFFIX("sekreterare"), SUFFIX("handläggare"),
    SUFFIX("ordförande"), SUFFIX("strateg"),  SUFFIX("samordnare"),  SUFFIX("utredare"),
    SUFFIX("controller"), SUFFIX("rektor"),   SUFFIX("inspektör"),   SUFFIX("ekonom"),
#undef SUFFIX
};

/* What the suffixes above have in common, from their rows: the pairs of
   bytes they end in (bit b of suffix_end[last][b >> 6], b the byte
   before the last) and the shortest word one may end (its suffix and two
   bytes more). Most words end otherwise and cost no walk over the rows. */
static uint64_t suffix_end[256][4];
static size_t suffix_min_word = SIZE_MAX;
static int suffix_ready; /* (pk_once) */
static pthread_once_t suffix_once = PTHREAD_ONCE_INIT;

static void make_suffix_filter(void)
{
    for (size_t i = 0; i < sizeof title_suffixes / sizeof *title_suffixes; i++) {
        size_t m = title_suffixes[i].n;
        unsigned char b = (unsigned char)title_suffixes[i].s[m - 2];
        suffix_end[(unsigned char)title_suffixes[i].s[m - 1]][b >> 6] |= (uint64_t)1 << (b & 63);
        if (m + 2 < suffix_min_word)
            suffix_min_word = m + 2;
    }
}

/* Whether s[0..w) may end in one of the suffixes: the filter above */
static inline int suffix_may_end(const char *s, size_t w)
{
    pk_once(&suffix_once, &suffix_ready, make_suffix_filter);
    if (w < suffix_min_word)
        return 0;
    unsigned char b = (unsigned char)s[w - 2];
    return suffix_end[(unsigned char)s[w - 1]][b >> 6] >> (b & 63) & 1;
}

/* s[0..w) ends in one of the suffixes (asked where suffix_may_end holds) */
static int title_suffix(const char *s, size_t w)
{
    for (size_t i = 0; i < sizeof title_suffixes / sizeof *title_suffixes; i++) {
        size_t m = title_suffixes[i].n;
        if (w >= m + 2 && s[w - 1] == title_suffixes[i].s[m - 1] && memcmp(s + w - m, title_suffixes[i].s, m) == 0)
            return 1;
    }
    return 0;
}

/* Is s[0..w) a word formed like a title ("trafikdirektör")? The filter
   where the question is asked: most words fail it without a call. */
static inline int suffix_title(const char *s, size_t w) { return suffix_may_end(s, w) && title_suffix(s, w); }

/* Whether s[0..k) (k at least 1), not yet folded, may be a title by its
   last byte: that byte folded by itself, or as the byte after a lead 0xC3
   when one stands before it (title_fold's either way), ends rows of its
   length. Most words fail here and are never folded. */
static inline int title_may_end(const char *s, size_t k)
{
    unsigned char b = (unsigned char)s[k - 1];
    uint64_t lens = titles_last[pk_fold_byte(b, 0)];
    if (k >= 2 && (unsigned char)s[k - 2] == 0xC3)
        lens |= titles_last[pk_fold_byte(b, 0xC3)];
    return lens >> k & 1;
}

/* The title's fold of s[0..n) into f (n at most TITLES_MAX_WORD_LENGTH). */
static void title_fold(const char *s, size_t n, size_t lim, char *f)
{
    for (size_t k = 0; k < lim; k++) {
        f[k] = (char)pk_fold_byte((unsigned char)s[k], 0);
        if ((unsigned char)s[k] == 0xC3 && k + 1 < n) {
            f[k + 1] = (char)pk_fold_byte((unsigned char)s[k + 1], 0xC3);
            k++;
        }
    }
}

size_t pk_title_word(const char *s, size_t n)
{
    /* (the first byte folds by itself: no byte before it) */
    if (n >= TITLES_MIN_WORD_LENGTH && n <= TITLES_MAX_WORD_LENGTH &&
        (titles_first[pk_fold_byte((unsigned char)s[0], 0)] >> n & 1) && title_may_end(s, n)) {
        char f[TITLES_MAX_WORD_LENGTH + 1];
        title_fold(s, n, n, f);
        if (title_may_be(f, n) && pk_titles_lookup(f, n))
            return n;
    }
    /* (the suffix first: most words end in none, and need no look for a comma) */
    return suffix_title(s, n) && !memchr(s, ',', n) ? n : 0;
}

/* The bytes pk_title_at's fold pass does more with than copy: the ends
   of words, the capitals A-Z, and 0xC3 (the lead byte of Å Ä Ö É). */
static const unsigned char title_byte_special[256] = {
    [' '] = 1, [','] = 1, ['\n'] = 1, ['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1, ['G'] = 1,
    ['H'] = 1, ['I'] = 1, ['J'] = 1, ['K'] = 1, ['L'] = 1, ['M'] = 1, ['N'] = 1, ['O'] = 1, ['P'] = 1, ['Q'] = 1,
    ['R'] = 1, ['S'] = 1, ['T'] = 1, ['U'] = 1, ['V'] = 1, ['W'] = 1, ['X'] = 1, ['Y'] = 1, ['Z'] = 1, [0xC3] = 1,
};

#if defined(__SSE2__) && TITLES_MAX_WORD_LENGTH <= 47 /* three blocks, the bits of a word */
#define TITLE_FOLD_WIDE 1
/* pk_title_at's fold pass below, sixteen bytes at a time, where no 0xC3
   stands right after another (then every 0xC3 is a lead byte, as the pass
   reads it): s[0..lim) folded into f (room for 48 bytes), and the places
   before lim where a word ends, as bits. Returns 0 when the pass must go
   byte by byte. The blocks are read from s itself when its avail bytes
   hold them (what they hold past lim changes no answer: it is folded
   unread, its ends put aside, and a 0xC3 pair there only sends the pass
   byte by byte), else from a copy. */
static int title_fold_wide(const char *s, size_t n, size_t avail, size_t lim, char *f, uint64_t *ends)
{
    char in[48];
    const char *t = s;
    /* (n is then below 48 too: n <= avail) */
    if (avail < ((lim + 15) & ~(size_t)15)) {
        memset(in, 0, sizeof in);
        /* the bytes past n as zeros, nothing to the pass */
        memcpy(in, s, n);
        t = in;
    }
    uint64_t e = 0;
    unsigned carry = 0; /* the block before ended in a 0xC3 */
    for (size_t k = 0; k < lim; k += 16) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(t + k));
        __m128i c3 = _mm_cmpeq_epi8(x, _mm_set1_epi8((char)0xC3));
        unsigned lead = (unsigned)_mm_movemask_epi8(c3);
        if ((lead << 1 | carry) & lead)
            return 0;
        /* the bytes after a 0xC3 */
        __m128i after = _mm_or_si128(_mm_slli_si128(c3, 1), _mm_cvtsi32_si128(carry ? 0xFF : 0));
        carry = lead >> 15;
        /* A-Z, and 0x80-0x9E (the signed bytes below 0x9F) after a 0xC3,
           take the bit 0x20, as pk_fold_byte() adds it */
        __m128i up = _mm_cmplt_epi8(_mm_add_epi8(x, _mm_set1_epi8((char)(0x80 - 'A'))), _mm_set1_epi8((char)(-128 + 26)));
        up = _mm_or_si128(up, _mm_and_si128(after, _mm_cmplt_epi8(x, _mm_set1_epi8((char)0x9F))));
        _mm_storeu_si128((__m128i *)(void *)(f + k), _mm_or_si128(x, _mm_and_si128(up, _mm_set1_epi8(0x20))));
        __m128i end = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8(' ')), _mm_cmpeq_epi8(x, _mm_set1_epi8(','))),
                                   _mm_cmpeq_epi8(x, _mm_set1_epi8('\n')));
        e |= (uint64_t)(unsigned)_mm_movemask_epi8(end) << k;
    }
    *ends = e & (((uint64_t)1 << lim) - 1);
    return 1;
}
#endif

size_t pk_title_at(const char *s, size_t n) { return pk_title_in(s, n, n); }

size_t pk_title_in(const char *s, size_t n, size_t avail)
{
    if (n == 0)
        return 0;
#if !defined(TITLE_FOLD_WIDE)
    (void)avail;
#endif
#if defined(TITLE_FOLD_WIDE)
    {
        char f[48];
        size_t lim = n < TITLES_MAX_WORD_LENGTH ? n : TITLES_MAX_WORD_LENGTH;
        uint64_t ends;
        if (title_fold_wide(s, n, avail, lim, f, &ends)) {
            if (lim == n || s[lim] == ' ' || s[lim] == ',' || s[lim] == '\n')
                ends |= (uint64_t)1 << lim;
            /* the first word's end, for the suffixes below: where one
               ends in the bytes folded, else further on (lim is then
               before n, and the byte there no word's end) */
            size_t w = ends ? (size_t)__builtin_ctzll(ends) : lim;
            if (!ends)
                while (w < n && s[w] != ' ' && s[w] != ',' && s[w] != '\n')
                    w++;
            /* the longest title that ends where a word does, of a length
               of the rows that begin as the text does (each such length
               a row's: none below TITLES_MIN_WORD_LENGTH) */
            ends &= titles_first[(unsigned char)f[0]] & ~(((uint64_t)1 << TITLES_MIN_WORD_LENGTH) - 1);
            while (ends) {
                size_t k = 63 - (size_t)__builtin_clzll(ends);
                if ((titles_last[(unsigned char)f[k - 1]] >> k & 1) && pk_titles_lookup(f, k))
                    return k;
                ends &= ~((uint64_t)1 << k);
            }
            return suffix_title(s, w) ? w : 0;
        }
    }
#endif
    /* the text's first bytes, folded once as the titles are written: ASCII,
       and Å Ä Ö É by their UTF-8 pattern (the byte after a 0xC3), as
       title_fold folds; in the same pass the places where a word ends: a
       space, a comma or a newline, or the end */
    char f[TITLES_MAX_WORD_LENGTH + 1];
    size_t lim = n < TITLES_MAX_WORD_LENGTH ? n : TITLES_MAX_WORD_LENGTH;
    size_t ends[TITLES_MAX_WORD_LENGTH + 2], ne = 0;
    for (size_t k = 0; k < lim; k++) {
        unsigned char a = (unsigned char)s[k];
        if (!title_byte_special[a]) { /* most bytes: a small letter */
            f[k] = (char)a;
            continue;
        }
        if (a == ' ' || a == ',' || a == '\n')
            ends[ne++] = k;
        f[k] = (char)pk_fold_byte(a, 0);
        if (a == 0xC3 && k + 1 < n) {
            unsigned char b = (unsigned char)s[++k];
            if (k < lim && (b == ' ' || b == ',' || b == '\n'))
                ends[ne++] = k;
            f[k] = (char)pk_fold_byte(b, 0xC3);
        }
    }
    if (lim == n || s[lim] == ' ' || s[lim] == ',' || s[lim] == '\n')
        ends[ne++] = lim;
    /* the first word's end, for the suffixes below */
    size_t w = ne ? ends[0] : lim;
    /* the longest title that ends where a word does ("vice ordförande"
       before "vice") */
    while (ne > 0 && ends[ne - 1] >= TITLES_MIN_WORD_LENGTH) {
        size_t k = ends[--ne]; /* (at most lim: said for the compiler, which cannot see it) */
        if (k <= lim && title_may_be(f, k) && pk_titles_lookup(f, k))
            return k;
    }
    /* a word formed like a title: "trafikdirektör", "kvalitetsstrateg" */
    while (w < n && s[w] != ' ' && s[w] != ',' && s[w] != '\n')
        w++;
    return suffix_title(s, w) ? w : 0;
}

int pk_heading_of(const char *low, size_t n)
{
    const struct pk_headings_row *h = pk_headings_lookup(low, n);
    return h ? h->value : H_NONE;
}

int pk_is_abbreviation(const char *low, size_t n) { return pk_abbreviations_lookup(low, n) != NULL; }
