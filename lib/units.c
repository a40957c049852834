/* Units: the participants the decision concerns. Read from the decision
   ("godkänner att A, B samt C deltar", "nominerar förskolan X"), else from
   the first sentence that says who takes part ("X har valt att delta").
   Lists split on commas, "samt" and an "och" that starts a new name, so
   "Kista vård och omsorgsboende" stays whole; "inom avdelning Y" gives the
   parent. Where none of that finds a unit, the title and each decision
   item are read for a cue of lib/data/unit_cues.tsv ("Nedläggning av",
   "avveckla", "läggs ned", "får i uppdrag", "Tillsynsrapport för"), and
   what stands by it is a unit only when it is a named unit. The unit nouns
   all of this knows are the rows of lib/data/unit_nouns.tsv. */
#include "internal.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* The word lists of the unit finder (unit_words.tsv), an array per kind
   (pk_not_unit, pk_unit_split, ...: each kind K is pk_K, its count
   pk_n_K), made here, so that the rows are constants where they are read
   (a scan of sixteen bytes at a time compares them with the rows' first
   bytes, and a loop over a kind's rows is each row's test written out) */
#include "unit_words.inc"

typedef struct range {
    size_t s, e;
    int comma_before; /* separated from the previous item by a comma only */
} range;

/* The unit nouns, one row per noun, from lib/data/unit_nouns.tsv. */
const unit_noun pk_unit_nouns[] = {
#include "unit_nouns.inc"
};
const size_t pk_n_unit_nouns = sizeof pk_unit_nouns / sizeof *pk_unit_nouns;
enum { N_UNIT_NOUNS = sizeof pk_unit_nouns / sizeof *pk_unit_nouns };

static int word_at_rest(const ctx *c, size_t p, size_t end, const char *w);

/* The word w stands at p (any ASCII case), ended by `end`, a space, a
   line break or punctuation. */
static inline int word_at(const ctx *c, size_t p, size_t end, const char *w)
{
    /* the first byte in either case (ASCII), before anything else: most
       words are told apart by it, without a call */
    if (w[0] && (p >= end || (c->t.s[p] | 0x20) != (w[0] | 0x20)))
        return 0;
    return word_at_rest(c, p, end, w);
}

/* A loop over the rows of a word list of unit_words.tsv, unrolled: the
   rows are constants here, and each test is then the one it would be
   written out (GCC; other compilers decide for themselves) */
#if defined(__GNUC__) && __GNUC__ >= 8 && !defined(__clang__)
#define ROWS_UNROLLED _Pragma("GCC unroll 16")
#else
#define ROWS_UNROLLED
#endif

/* The length of the first row of rows[0..n) (a word list of
   unit_words.tsv) that stands at p as word_at() finds it, or 0 */
static inline size_t row_at(const ctx *c, size_t p, size_t end, const char *const *rows, size_t n)
{
    ROWS_UNROLLED
    for (size_t k = 0; k < n; k++)
        if (word_at(c, p, end, rows[k]))
            return strlen(rows[k]);
    return 0;
}

/* Does text hold a row of rows[0..n) anywhere, as written? */
static int holds_row(const char *text, const char *const *rows, size_t n)
{
    for (size_t k = 0; k < n; k++)
        if (strstr(text, rows[k]))
            return 1;
    return 0;
}

/* Does s[0..n) end in a row of rows[0..nrows), as written? */
static int ends_in_row(const char *s, size_t n, const char *const *rows, size_t nrows)
{
    ROWS_UNROLLED
    for (size_t k = 0; k < nrows; k++) {
        size_t m = strlen(rows[k]);
        if (n >= m && memcmp(s + n - m, rows[k], m) == 0)
            return 1;
    }
    return 0;
}

/* Is s[0..n) a row of rows[0..n), whole and as written? */
static int is_row(const char *s, size_t n, const char *const *rows, size_t nrows)
{
    ROWS_UNROLLED
    for (size_t k = 0; k < nrows; k++)
        if (strlen(rows[k]) == n && memcmp(s, rows[k], n) == 0)
            return 1;
    return 0;
}

static inline unsigned char ascii_lower(unsigned char ch) { return ch >= 'A' && ch <= 'Z' ? (unsigned char)(ch + 32) : ch; }

/* word_at past its first byte: the word's bytes (ASCII in either case, as
   strncasecmp compares them) in one walk, without measuring it first */
static int word_at_rest(const ctx *c, size_t p, size_t end, const char *w)
{
    const unsigned char *t = (const unsigned char *)c->t.s + p, *u = (const unsigned char *)w;
    size_t m = 0;
    for (; u[m]; m++)
        if (p + m >= end || (t[m] != u[m] && ascii_lower(t[m]) != ascii_lower(u[m])))
            return 0;
    return p + m == end || c->t.s[p + m] == ' ' || c->t.s[p + m] == '\n' || c->t.s[p + m] == ',' ||
           c->t.s[p + m] == '.' || c->t.s[p + m] == ':';
}

static inline int is_sp(char ch) { return (ch == ' ') | (ch == '\n'); }

/* The bits set in a mask of sixteen (a movemask), in a few instructions:
   __builtin_popcount is a call into libgcc where the baseline has no
   popcnt instruction. */
static inline size_t bits16(unsigned m)
{
    m = m - ((m >> 1) & 0x5555u);
    m = (m & 0x3333u) + ((m >> 2) & 0x3333u);
    m = (m + (m >> 4)) & 0x0F0Fu;
    return (size_t)((m + (m >> 8)) & 0x1Fu);
}

/* The first place in [p, e) that holds no space or line break, else e (p
   itself where p is not before e) */
static size_t skip_sp(const ctx *c, size_t p, size_t e)
{
    /* most often none or one: the first passed over by its test's value,
       not a branch on it (whether a place holds a space comes in no order;
       a second after it is rare). The byte is read at e where p is not
       before it (e is in the text, which has room past its end). */
    p += (p < e) & is_sp(c->t.s[p < e ? p : e]);
    while (p < e && is_sp(c->t.s[p]))
        p++;
    return p;
}

/* The rows of a word list of unit_words.tsv asked at many places (not_unit
   at every item, unit_list_stop and unit_parent_stop at every space) that
   a word opening with a byte (in ASCII lower case) can match, as bits (row
   i: bit i % 64 of word i / 64): word_at() compares the first byte in
   ASCII case, so no other row stands there. An empty row is in every set.
   Made once per process; a list of more rows than bits is asked whole. */
typedef struct word_rows {
    uint64_t at[256][2];
    /* and by their second byte (ASCII lower case), as word_at() compares
       it; a row of fewer bytes is in every set */
    uint64_t second[256][2];
} word_rows;
enum { WORD_ROWS_MAX = 128 };
static word_rows not_unit_rows, list_stop_rows, parent_stop_rows;
static pthread_once_t word_rows_once = PTHREAD_ONCE_INIT;
static int word_rows_ready;

static void make_word_rows_of(word_rows *wr, const char *const *list, size_t n)
{
    for (size_t i = 0; i < n && i < WORD_ROWS_MAX; i++) {
        uint64_t bit = (uint64_t)1 << (i % 64);
        unsigned char b = (unsigned char)list[i][0];
        if (b)
            wr->at[ascii_lower(b)][i / 64] |= bit;
        else
            for (int k = 0; k < 256; k++)
                wr->at[k][i / 64] |= bit;
        unsigned char b2 = b ? (unsigned char)list[i][1] : 0;
        if (b2)
            wr->second[ascii_lower(b2)][i / 64] |= bit;
        else
            for (int k = 0; k < 256; k++)
                wr->second[k][i / 64] |= bit;
    }
}

static void make_word_rows(void)
{
    make_word_rows_of(&not_unit_rows, pk_not_unit, pk_n_not_unit);
    make_word_rows_of(&list_stop_rows, pk_unit_list_stop, pk_n_unit_list_stop);
    make_word_rows_of(&parent_stop_rows, pk_unit_parent_stop, pk_n_unit_parent_stop);
}

/* first_word's rows compared: those of the bits m[] & m2[] (of the rows
   by the place's first and second byte), or every row without them */
static size_t first_word_of(const ctx *c, size_t p, size_t e, const char *const *list, size_t n, const uint64_t *m,
                            const uint64_t *m2)
{
    if (!m) {
        for (size_t i = 0; i < n; i++)
            if (word_at(c, p, e, list[i]))
                return i;
        return n;
    }
    for (size_t h = 0; h < 2; h++)
        for (uint64_t bits = m[h] & m2[h]; bits; bits &= bits - 1) {
            size_t i = h * 64 + (size_t)__builtin_ctzll(bits);
            if (word_at(c, p, e, list[i]))
                return i;
        }
    return n;
}

/* The first row of list[0..n) (in table order) that stands at p as
   word_at() finds it, or n; wr holds the list's rows by their first byte.
   (The rows' bits are read where it is asked: most places open with no
   row's two bytes, and are told so without a call.) */
static inline size_t first_word(const ctx *c, size_t p, size_t e, const char *const *list, size_t n, const word_rows *wr)
{
    if (n > WORD_ROWS_MAX || p >= e)
        return first_word_of(c, p, e, list, n, NULL, NULL);
    pk_once(&word_rows_once, &word_rows_ready, make_word_rows);
    const uint64_t *m = wr->at[ascii_lower((unsigned char)c->t.s[p])];
    /* a row of two bytes or more needs the text's second byte before e */
    static const uint64_t all[2] = {~(uint64_t)0, ~(uint64_t)0};
    const uint64_t *m2 = p + 1 < e ? wr->second[ascii_lower((unsigned char)c->t.s[p + 1])] : all;
    if (!((m[0] & m2[0]) | (m[1] & m2[1])))
        return n;
    return first_word_of(c, p, e, list, n, m, m2);
}

/* The rows of unit_nouns.tsv that a form opening with a byte (in ASCII
   lower case) can match, as bits of a mask, for each question below: the
   questions visit only the rows whose form opens with the text's byte,
   in table order. Made once per process. */
typedef uint32_t noun_mask;
static struct {
    noun_mask list[256];   /* the plural forms that open a list: pl_def (list), pl_indef (list-indef) */
    noun_mask indef[256];  /* pl_indef (list-indef), after "följande" */
    noun_mask generic[256]; /* def (generic) */
    noun_mask opens[256];  /* def (opens) */
    size_t len[N_UNIT_NOUNS][4]; /* each row's indef, def, pl_indef, pl_def: its length, 0 where it has none */
} noun_masks;
static pthread_once_t noun_masks_once = PTHREAD_ONCE_INIT;
static int noun_masks_ready;

static void make_noun_masks(void)
{
    for (size_t i = 0; i < N_UNIT_NOUNS; i++) {
        const unit_noun *u = &pk_unit_nouns[i];
        const char *f[4] = {u->indef, u->def, u->pl_indef, u->pl_def};
        for (int k = 0; k < 4; k++)
            noun_masks.len[i][k] = f[k] ? strlen(f[k]) : 0;
    }
    for (size_t i = 0; i < pk_n_unit_nouns && i < sizeof(noun_mask) * 8; i++) {
        const unit_noun *u = &pk_unit_nouns[i];
        noun_mask bit = (noun_mask)1 << i;
        if ((u->uses & UN_LIST) && u->pl_def)
            noun_masks.list[ascii_lower((unsigned char)u->pl_def[0])] |= bit;
        if ((u->uses & UN_LIST_INDEF) && u->pl_indef) {
            noun_masks.list[ascii_lower((unsigned char)u->pl_indef[0])] |= bit;
            noun_masks.indef[ascii_lower((unsigned char)u->pl_indef[0])] |= bit;
        }
        if ((u->uses & UN_GENERIC) && u->def)
            noun_masks.generic[ascii_lower((unsigned char)u->def[0])] |= bit;
        if ((u->uses & UN_OPENS) && u->def)
            noun_masks.opens[ascii_lower((unsigned char)u->def[0])] |= bit;
    }
    if (pk_n_unit_nouns > sizeof(noun_mask) * 8) /* more rows than bits: every row is asked */
        for (int b = 0; b < 256; b++)
            noun_masks.list[b] = noun_masks.indef[b] = noun_masks.generic[b] = noun_masks.opens[b] = (noun_mask)-1;
}

/* The mask of rows `m` asks about for the byte at p (none at or past end). */
static inline noun_mask noun_rows(const noun_mask *m, const ctx *c, size_t p, size_t end)
{
    pk_once(&noun_masks_once, &noun_masks_ready, make_noun_masks);
    return p < end ? m[ascii_lower((unsigned char)c->t.s[p])] : 0;
}

/* The next row of a mask (in table order), or pk_n_unit_nouns; with more
   rows than bits, every row. */
static size_t next_row(noun_mask *rows, size_t i)
{
    if (pk_n_unit_nouns > sizeof(noun_mask) * 8)
        return i + 1;
    if (!*rows)
        return pk_n_unit_nouns;
    size_t r = (size_t)__builtin_ctz(*rows);
    *rows &= *rows - 1;
    return r;
}

/* "enheterna", "följande enheter", "verksamheter": the length of a plural
   unit noun that opens a list at s (unit_nouns.tsv: list, list-indef), or 0. */
static size_t collective_at(const ctx *c, size_t s, size_t e)
{
    /* after a row of unit_words.tsv (unit_list_indef_lead, "följande")
       and a space, an indefinite plural: fl, the row and its space */
    size_t fl = 0;
    for (size_t k = 0; k < pk_n_unit_list_indef_lead && !fl; k++) {
        size_t m = strlen(pk_unit_list_indef_lead[k]);
        if (word_at(c, s, e, pk_unit_list_indef_lead[k]) && s + m + 1 < e && c->t.s[s + m] == ' ')
            fl = m + 1;
    }
    int after_follow = fl != 0;
    noun_mask rows = noun_rows(noun_masks.list, c, s, e) |
                     (after_follow ? noun_rows(noun_masks.indef, c, s + fl, e) : 0);
    for (size_t i = next_row(&rows, (size_t)-1); i < pk_n_unit_nouns; i = next_row(&rows, i)) {
        const unit_noun *u = &pk_unit_nouns[i];
        if ((u->uses & UN_LIST) && u->pl_def && word_at(c, s, e, u->pl_def))
            return strlen(u->pl_def);
        if ((u->uses & UN_LIST_INDEF) && u->pl_indef) {
            if (word_at(c, s, e, u->pl_indef))
                return strlen(u->pl_indef);
            if (after_follow && word_at(c, s + fl, e, u->pl_indef))
                return fl + strlen(u->pl_indef);
        }
    }
    return 0;
}

/* "verksamheten", "den nya enheten": the length of a generic singular noun
   at s, dropped before a proper name (unit_nouns.tsv: generic), or 0. */
static size_t generic_at(const ctx *c, size_t s, size_t e)
{
    /* the words before it of a row of unit_words.tsv (generic_lead, "den
       nya ", in any case), dropped with it: k bytes */
    size_t k = 0;
    for (size_t r = 0; r < pk_n_generic_lead && !k; r++) {
        size_t m = strlen(pk_generic_lead[r]);
        if (s + m < e && (c->t.s[s] | 0x20) == (pk_generic_lead[r][0] | 0x20) &&
            strncasecmp(c->t.s + s, pk_generic_lead[r], m) == 0)
            k = m;
    }
    noun_mask rows = noun_rows(noun_masks.generic, c, s + k, e);
    for (size_t i = next_row(&rows, (size_t)-1); i < pk_n_unit_nouns; i = next_row(&rows, i)) {
        const unit_noun *u = &pk_unit_nouns[i];
        if ((u->uses & UN_GENERIC) && u->def && word_at(c, s + k, e, u->def))
            return k + strlen(u->def);
    }
    return 0;
}

/* A unit noun that may open a name in lower case at s ("förskolan Ekorren";
   unit_nouns.tsv: opens), or the "vård- och" of "vård- och omsorgsboendet"
   (unit_words.tsv: unit_name_opener). */
static int opens_name(const ctx *c, size_t s, size_t e)
{
    if (row_at(c, s, e, pk_unit_name_opener, pk_n_unit_name_opener))
        return 1;
    noun_mask rows = noun_rows(noun_masks.opens, c, s, e);
    for (size_t i = next_row(&rows, (size_t)-1); i < pk_n_unit_nouns; i = next_row(&rows, i))
        if ((pk_unit_nouns[i].uses & UN_OPENS) && pk_unit_nouns[i].def && word_at(c, s, e, pk_unit_nouns[i].def))
            return 1;
    return 0;
}

/* " i tävlingsklassen förskola", " i klassen skola": the end of the phrase
   when one starts at the space p, else 0. */
static size_t class_phrase(const ctx *c, size_t p, size_t e)
{
    /* a row of unit_words.tsv (unit_class_lead, "i"), then a noun of
       unit_class_head */
    size_t m;
    if (!is_sp(c->t.s[p]) || !(m = row_at(c, p + 1, e, pk_unit_class_lead, pk_n_unit_class_lead)))
        return 0;
    size_t q = skip_sp(c, p + 1 + m, e);
    for (size_t i = 0; i < pk_n_unit_class_head; i++)
        if (word_at(c, q, e, pk_unit_class_head[i])) {
            size_t w = skip_sp(c, q + strlen(pk_unit_class_head[i]), e);
            while (w < e && !is_sp(c->t.s[w]) && c->t.s[w] != ',' && c->t.s[w] != '.')
                w++;
            return w;
        }
    return 0;
}

/* The first place q in [p, e) of white space before a byte that is
   `lower` in either ASCII case (q + 1 < e), or e: where a word that opens
   with it may stand after a space (word_at() compares its first byte so). */
static size_t space_before(const ctx *c, size_t p, size_t e, char lower)
{
    const char *t = c->t.s;
#if defined(__SSE2__)
    /* sixteen places at a time, the loads within [p, e) */
    for (; p + 17 <= e; p += 16) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(t + p));
        __m128i y = _mm_or_si128(_mm_loadu_si128((const __m128i *)(const void *)(t + p + 1)), _mm_set1_epi8(0x20));
        __m128i sp = _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8(' ')), _mm_cmpeq_epi8(x, _mm_set1_epi8('\n')));
        unsigned m = (unsigned)_mm_movemask_epi8(_mm_and_si128(sp, _mm_cmpeq_epi8(y, _mm_set1_epi8(lower))));
        if (m)
            return p + (size_t)__builtin_ctz(m);
    }
    /* the last places too, where the text goes on past e: the bits of the
       places before e - 1 */
    if (p + 1 < e && p + 17 <= c->t.n) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(t + p));
        __m128i y = _mm_or_si128(_mm_loadu_si128((const __m128i *)(const void *)(t + p + 1)), _mm_set1_epi8(0x20));
        __m128i sp = _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8(' ')), _mm_cmpeq_epi8(x, _mm_set1_epi8('\n')));
        unsigned m = (unsigned)_mm_movemask_epi8(_mm_and_si128(sp, _mm_cmpeq_epi8(y, _mm_set1_epi8(lower)))) &
                     ((1u << (e - 1 - p)) - 1);
        return m ? p + (size_t)__builtin_ctz(m) : e;
    }
#endif
    for (; p + 1 < e; p++)
        if (is_sp(t[p]) && (t[p + 1] | 0x20) == lower)
            return p;
    return e;
}

/* space_before() for the first bytes of the rows of rows[0..n) (each
   byte once): the first place q in [p, e) of white space before one, or e */
static size_t space_before_rows(const ctx *c, size_t p, size_t e, const char *const *rows, size_t n)
{
    size_t q = e;
    for (size_t k = 0; k < n; k++) {
        char b = (char)(rows[k][0] | 0x20);
        size_t j = 0;
        while (j < k && (char)(rows[j][0] | 0x20) != b)
            j++;
        if (j == k)
            q = space_before(c, p, q, b);
    }
    return q;
}

/* The first place q in [p, e) where class_phrase() may find a phrase (white
   space before the first byte of a unit_class_lead row, "i" or "I": it
   asks for the row there), or e. */
static size_t phrase_place(const ctx *c, size_t p, size_t e)
{
    return space_before_rows(c, p, e, pk_unit_class_lead, pk_n_unit_class_lead);
}

/* "Tenstagården (äldreboende)": a kind of unit in parentheses after the
   name is no part of it ("Rinkeby-Kista mottagningen (missbruksenheten)" is) */
static size_t drop_kind(const ctx *c, size_t s, size_t e)
{
    /* the sectors of unit_words.tsv beside the nouns of unit_nouns.tsv (kind) */
    if (e - s < 4 || c->t.s[e - 1] != ')')
        return e;
    size_t o = e - 1;
    while (o > s && c->t.s[o] != '(')
        o--;
    if (c->t.s[o] != '(' || o == s)
        return e;
    size_t m = e - 2 - o;
    const char *w = c->t.s + o + 1;
    int kind = 0;
    for (size_t i = 0; !kind && i < pk_n_unit_sector; i++)
        kind = strlen(pk_unit_sector[i]) == m && memcmp(w, pk_unit_sector[i], m) == 0;
    for (size_t i = 0; !kind && i < pk_n_unit_nouns; i++) {
        const unit_noun *u = &pk_unit_nouns[i];
        kind = (u->uses & UN_KIND) && ((strlen(u->indef) == m && memcmp(w, u->indef, m) == 0) ||
                                       (u->pl_indef && strlen(u->pl_indef) == m && memcmp(w, u->pl_indef, m) == 0));
    }
    if (!kind)
        return e;
    while (o > s && is_sp(c->t.s[o - 1]))
        o--;
    return o;
}

/* Trims an item and drops the words around a name that are not part of it. */
static int clean(const ctx *c, range *r)
{
    size_t s = r->s, e = r->e, k, gk;
    for (;;) {
        s = skip_sp(c, s, e);
        while (e > s && (is_sp(c->t.s[e - 1]) || c->t.s[e - 1] == ',' || c->t.s[e - 1] == '.' ||
                         c->t.s[e - 1] == ';' || c->t.s[e - 1] == ':'))
            e--;
        e = drop_kind(c, s, e);
        /* unit_words.tsv: unit_drop_word */
        if (row_at(c, s, e, pk_unit_drop_word, pk_n_unit_drop_word)) {
            while (s < e && !is_sp(c->t.s[s]))
                s++;
            continue;
        }
        if ((k = collective_at(c, s, e)) != 0) {
            s += k;
            continue;
        }
        if ((gk = generic_at(c, s, e)) != 0) {
            size_t p = skip_sp(c, s + gk, e);
            if (p < e && pk_is_upper_at(c->t.s + p, e - p)) {
                s = p;
                continue;
            }
        }
        /* "hemtjänstteamen Grimsta", "grundskolorna X": a definite noun in
           front of a name is not part of it ("förskolan X" is) */
        if (pk_is_lower_at(c->t.s + s, e - s)) {
            size_t w = s;
            while (w < e && !is_sp(c->t.s[w]))
                w++;
            size_t p = skip_sp(c, w, e);
            if (w - s > 4 && p < e && pk_is_upper_at(c->t.s + p, e - p) &&
                ends_in_row(c->t.s + s, w - s, pk_front_noun_ending, pk_n_front_noun_ending)) {
                s = p;
                continue;
            }
        }
        break;
    }
    r->s = s;
    r->e = e;
    if (e <= s || e - s > 120)
        return 0;
    if (!pk_is_upper_at(c->t.s + s, e - s) && !opens_name(c, s, e))
        return 0;
    if (first_word(c, s, e, pk_not_unit, pk_n_not_unit, &not_unit_rows) < pk_n_not_unit)
        return 0;
    /* a generic noun alone names no unit (or a collective one: but the
       loop ends only where none stands, and where gk is the generic noun
       at s, its last question) */
    if (gk && s + gk == e)
        return 0;
    size_t words = 1, i = s;
#if defined(__SSE2__)
    for (; i + 16 <= e; i += 16) { /* (sixteen at a time: the same count and test) */
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(c->t.s + i));
        if (_mm_movemask_epi8(_mm_cmpeq_epi8(x, _mm_set1_epi8('@'))))
            return 0;
        words += bits16((unsigned)_mm_movemask_epi8(
            _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8(' ')), _mm_cmpeq_epi8(x, _mm_set1_epi8('\n')))));
    }
    /* (the last bytes too, where the text goes on past e: the bits of those before e) */
    if (i < e && i + 16 <= c->t.n) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(c->t.s + i));
        unsigned tail = (1u << (e - i)) - 1;
        if ((unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(x, _mm_set1_epi8('@'))) & tail)
            return 0;
        words += bits16((unsigned)_mm_movemask_epi8(
                            _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8(' ')), _mm_cmpeq_epi8(x, _mm_set1_epi8('\n')))) &
                        tail);
        i = e;
    }
#endif
    for (; i < e; i++) {
        if (is_sp(c->t.s[i]))
            words++;
        if (c->t.s[i] == '@')
            return 0;
    }
    return words <= 9;
}

/* "fritidsklubben Bergsprängaren": a definite noun in lower case, then a name */
static int noun_then_name(const ctx *c, size_t q, size_t e)
{
    size_t w = q;
    while (w < e && !is_sp(c->t.s[w]))
        w++;
    if (w - q < 5 || !pk_is_lower_at(c->t.s + q, w - q))
        return 0;
    /* a row of unit_words.tsv (definite_ending) */
    int def = 0;
    ROWS_UNROLLED
    for (size_t k = 0; k < pk_n_definite_ending && !def; k++) {
        size_t m = strlen(pk_definite_ending[k]);
        def = w - q >= m && memcmp(c->t.s + w - m, pk_definite_ending[k], m) == 0;
    }
    if (!def)
        return 0;
    size_t n = skip_sp(c, w, e);
    return n < e && n > w && pk_is_upper_at(c->t.s + n, e - n);
}

/* The bytes split() looks at: quotation marks (and the first byte of
   the typographic ones), parentheses, separators and spaces (split()'s
   SSE2 loop compares sixteen bytes with the same ones). */
#if !defined(__SSE2__)
static int split_byte(unsigned char ch)
{
    return ch == '"' || ch == 0xE2 || ch == '(' || ch == ')' || ch == ',' || ch == ';' || is_sp((char)ch);
}
#endif

/* The words after a space that split a list (unit_words.tsv: unit_split,
   "A samt B", "A respektive B"; unit_split_name, "A och B"): split()'s
   sixteen-byte loop passes a space before any other first byte */

/* Splits [s, e) into list items. */
static size_t split(const ctx *c, size_t s, size_t e, range *out, size_t max)
{
    size_t n = 0, start = s;
    int depth = 0, comma = 0, quoted = 0;
    for (size_t p = s; p <= e && n < max; p++) {
        size_t cut = 0, skip = 0, wl;
        int is_comma = 0;
        /* a byte that is none of those looked at below changes nothing */
#if defined(__SSE2__)
        /* (sixteen at a time: split_byte() of each; a space or line break
           only where the next byte, in either case, is the first of one
           of the words looked for after it below: at any other it changes
           nothing either. The last fewer than sixteen too, read into the
           text's room (sixteen bytes past its end), those from e on put
           aside) */
        while (p < e) {
            __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(c->t.s + p));
            __m128i y = _mm_or_si128(_mm_loadu_si128((const __m128i *)(const void *)(c->t.s + p + 1)), _mm_set1_epi8(0x20));
            __m128i joint = _mm_setzero_si128();
            for (size_t k = 0; k < pk_n_unit_split; k++)
                joint = _mm_or_si128(joint, _mm_cmpeq_epi8(y, _mm_set1_epi8((char)(pk_unit_split[k][0] | 0x20))));
            for (size_t k = 0; k < pk_n_unit_split_name; k++)
                joint = _mm_or_si128(joint, _mm_cmpeq_epi8(y, _mm_set1_epi8((char)(pk_unit_split_name[k][0] | 0x20))));
            __m128i m = _mm_or_si128(
                _mm_or_si128(_mm_and_si128(_mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8(' ')), _mm_cmpeq_epi8(x, _mm_set1_epi8('\n'))), joint),
                             _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8(',')), _mm_cmpeq_epi8(x, _mm_set1_epi8(';')))),
                _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('"')), _mm_cmpeq_epi8(x, _mm_set1_epi8('\xE2'))),
                             _mm_cmpeq_epi8(_mm_or_si128(x, _mm_set1_epi8(1)), _mm_set1_epi8(')')))); /* '(' or ')' */
            unsigned b = (unsigned)_mm_movemask_epi8(m);
            if (e - p < 16) {
                b &= (1u << (e - p)) - 1;
                p = b ? p + (size_t)__builtin_ctz(b) : e;
                break;
            }
            if (b) {
                p += (size_t)__builtin_ctz(b);
                break;
            }
            p += 16;
        }
#else
        while (p < e && !split_byte((unsigned char)c->t.s[p]))
            p++;
#endif
        if (p == e) {
            cut = 1;
        } else {
            char ch = c->t.s[p];
            /* a name in quotation marks is never split: "Ekorren, Lilla" */
            if (ch == '"' || (ch == '\xE2' && p + 2 < e && c->t.s[p + 1] == '\x80' &&
                              (c->t.s[p + 2] == '\x9C' || c->t.s[p + 2] == '\x9D')))
                quoted = !quoted;
            if (quoted)
                continue;
            if (ch == '(')
                depth++;
            else if (ch == ')' && depth)
                depth--;
            else if (depth == 0 && (ch == ',' || ch == ';')) {
                cut = 1;
                skip = 1;
                is_comma = 1;
            } else if (depth == 0 && is_sp(ch) && (wl = row_at(c, p + 1, e, pk_unit_split, pk_n_unit_split)) != 0) {
                cut = 1;
                skip = wl + 1;
            } else if (depth == 0 && is_sp(ch) &&
                       (wl = row_at(c, p + 1, e, pk_unit_split_name, pk_n_unit_split_name)) != 0 && p > s &&
                       c->t.s[p - 1] != '-') {
                /* "och" starts a new item only before a new name */
                size_t q = skip_sp(c, p + 1 + wl, e);
                if (q < e && (pk_is_upper_at(c->t.s + q, e - q) ||
                              opens_name(c, q, e) ||
                              noun_then_name(c, q, e))) {
                    cut = 1;
                    skip = wl + 1;
                }
            }
        }
        if (cut) {
            out[n].s = start;
            out[n].e = p;
            out[n].comma_before = comma;
            n++;
            comma = is_comma;
            start = p + skip;
            if (skip)
                p = start - 1;
        }
    }
    return n;
}

/* The unit names seen so far (c->unit_names, a pk_index of c->units by
   the ASCII-case-folded name), so that a list of thousands of names costs
   linear time. */

/* The unit whose name is `name` but for ASCII case, of hash h, or NULL. */
static pk_unit *unit_of_hash(ctx *c, const char *name, uint32_t h)
{
    pk_unit *us = c->units.items;
    for (size_t pos = 0, k; (k = pk_index_next(c->unit_names, h, &pos)) != 0;)
        if (strcasecmp(us[k - 1].name, name) == 0)
            return &us[k - 1];
    return NULL;
}

/* Returns 1 when `name` is already a unit, else records it as unit `idx`. */
static int seen_unit(ctx *c, const char *name, size_t n, size_t idx)
{
    uint32_t h = (uint32_t)pk_hash_folded(name, n);
    if (unit_of_hash(c, name, h))
        return 1;
    if (!c->unit_names) {
        c->unit_names = pk_arena_alloc(c->a, sizeof *c->unit_names);
        memset(c->unit_names, 0, sizeof *c->unit_names);
    }
    pk_index_add(c->a, c->unit_names, idx, h);
    return 0;
}

static void add_unit(ctx *c, size_t s, size_t e, const char *parent)
{
    size_t n; /* (measured as it is written, for the name's hash and its lower case) */
    char *name = pk_fold_len(c, s, e, &n);
    pk_unit *u = pk_vec_push(c->a, &c->units);
    if (seen_unit(c, name, n, c->units.n - 1)) {
        c->units.n--;
        return;
    }
    u->name = name;
    u->parent = parent;
    u->span = pk_span_of(c, s, e);
    /* the name in lower case, for its key and, kept, for unit_class.c */
    const char *low = pk_lower(c->a, name, n);
    u->key = pk_unit_key_lowered(c, low, strlen(low));
    *(const char **)pk_vec_push(c->a, &c->unit_lows) = low;
}

static int ends_word(const ctx *c, const range *r, const char *suf)
{
    size_t m = strlen(suf);
    return r->e - r->s >= m && strncasecmp(c->t.s + r->e - m, suf, m) == 0;
}

/* Does r end in a row of rows[0..n), as ends_word() compares it? */
static int ends_row(const ctx *c, const range *r, const char *const *rows, size_t n)
{
    ROWS_UNROLLED
    for (size_t k = 0; k < n; k++)
        if (ends_word(c, r, rows[k]))
            return 1;
    return 0;
}

/* Adds the units of a list; returns how many were valid, or -1 when an
   item was not a unit name (then nothing is added). */
static int add_list(ctx *c, size_t s, size_t e, int strict)
{
    /* at most one item per separator: allocate for that many */
    size_t max = 2, p = s;
#if defined(__SSE2__)
    /* (sixteen at a time, the same count; the last fewer too, read into
       the text's room, sixteen bytes past its end, those from e on put
       aside) */
    for (; p < e; p += 16) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(c->t.s + p));
        __m128i m = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8(',')), _mm_cmpeq_epi8(x, _mm_set1_epi8(';'))),
                                 _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8(' ')), _mm_cmpeq_epi8(x, _mm_set1_epi8('\n'))));
        unsigned b = (unsigned)_mm_movemask_epi8(m);
        if (e - p < 16)
            b &= (1u << (e - p)) - 1;
        max += bits16(b);
    }
#else
    for (; p < e; p++)
        max += c->t.s[p] == ',' || c->t.s[p] == ';' || is_sp(c->t.s[p]);
#endif
    range *items = pk_arena_alloc(c->a, 2 * max * sizeof *items), *ok = items + max;
    /* drop the "inom X" phrases: they name parents, found separately */
    size_t n = split(c, s, e, items, max);
    size_t m = 0;
    /* the places of RX_INOM's cue words (the one pass's): an item that
       holds none holds no match, and is not asked (the items come in order) */
    const pk_cues *inom = pk_cue_places(c, RX_INOM);
    size_t near = 0;
    for (size_t i = 0; i < n; i++) {
        range r = items[i];
        size_t ov[2], k = pk_first_from_near(inom->at, inom->n, r.s, &near);
        if (k < inom->n && inom->at[k] < r.e && pk_rx_match(c, RX_INOM, r.s, r.e, ov, 1))
            r.e = ov[0];
        for (size_t q = r.s; (q = phrase_place(c, q, r.e)) < r.e; q++)
            if (class_phrase(c, q, r.e)) { /* the class is no part of the name */
                r.e = q;
                break;
            }
        if (r.e <= r.s || (c->t.s[r.s] == ' ' && skip_sp(c, r.s, r.e) == r.e))
            continue;
        /* "A och B, båda inom X, samt C": the parent phrase, no name */
        size_t b0 = skip_sp(c, r.s, r.e), b1 = r.e;
        while (b1 > b0 && is_sp(c->t.s[b1 - 1]))
            b1--;
        if (row_at(c, b0, b1, pk_unit_all_word, pk_n_unit_all_word) && b1 - b0 <= 9)
            continue;
        /* "Kulturskolan Stockholm, enheten Söderort": a part of the unit
           before it, named with its generic noun, stays with it */
        size_t raw = skip_sp(c, r.s, r.e);
        if (m && r.comma_before && ok[m - 1].e + 2 >= items[i].s &&
            row_at(c, raw, r.e, pk_unit_part_noun, pk_n_unit_part_noun) && clean(c, &r)) {
            ok[m - 1].e = r.e;
            continue;
        }
        if (!clean(c, &r)) {
            if (strict)
                return -1;
            continue;
        }
        ok[m++] = r;
    }
    int added = 0;
    for (size_t i = 0; i < m; i++) {
        /* "Resursenheten, KBT-teamet": a team within the unit before it */
        if (i + 1 < m && ok[i + 1].comma_before && ends_row(c, &ok[i], pk_unit_team_parent, pk_n_unit_team_parent) &&
            ends_row(c, &ok[i + 1], pk_unit_team_noun, pk_n_unit_team_noun)) {
            add_unit(c, ok[i].s, ok[i + 1].e, pk_fold(c, ok[i].s, ok[i].e));
            i++;
            added++;
            continue;
        }
        add_unit(c, ok[i].s, ok[i].e, NULL);
        added++;
    }
    return added;
}

/* Bullet lines after a colon: "följande enheter deltar:". With stop, the
   start of the line the walk ended at (or limit). */
static int bullet_list(ctx *c, size_t q, size_t limit, size_t *stop)
{
    int got = 0;
    size_t ls = q + 1;
    while (ls < limit) {
        size_t from = ls;
        ls = skip_sp(c, ls, limit);
        if (got && memchr(c->t.s + from, '\n', ls - from) != memrchr(c->t.s + from, '\n', ls - from))
            break; /* a blank line ends the list */
        const char *nl = ls < limit ? memchr(c->t.s + ls, '\n', limit - ls) : NULL;
        size_t le = nl ? (size_t)(nl - c->t.s) : ls > limit ? ls : limit;
        const unsigned char *u = (const unsigned char *)c->t.s + ls;
        size_t mk = (u[0] == '-' || u[0] == '*') ? 1 : (u[0] == 0xE2 && u[1] == 0x80) ? 3 : 0;
        /* "1. Förskolan Ekebyhov", "2) ...": a numbered line */
        if (!mk && u[0] >= '1' && u[0] <= '9') {
            size_t d = 1;
            while (ls + d < limit && c->t.s[ls + d] >= '0' && c->t.s[ls + d] <= '9' && d < 3)
                d++;
            if (ls + d + 1 < limit && (c->t.s[ls + d] == '.' || c->t.s[ls + d] == ')') && c->t.s[ls + d + 1] == ' ')
                mk = d + 1;
        }
        if (le <= ls)
            break;
        if (!mk && (le - ls > 70 || c->t.s[le - 1] == '.' || !pk_is_upper_at(c->t.s + ls, le - ls)))
            break;
        /* the next decision item ("2. Förskolenämnden uppdrar åt ...") ends the list */
        size_t fv[2];
        if (pk_rx_match(c, RX_FORMULA, ls + mk, le, fv, 1))
            break;
        /* "Förskolan Myrstacken, Bagarmossen": the place after a comma on a
           line of its own is where the unit is, not another unit */
        size_t ue = le;
        for (size_t cm = ls + mk; cm + 2 < le; cm++)
            if (c->t.s[cm] == ',' && c->t.s[cm + 1] == ' ') {
                size_t w = cm + 2;
                while (w < le && !is_sp(c->t.s[w]) && c->t.s[w] != ',')
                    w++;
                if (w == le && pk_is_upper_at(c->t.s + cm + 2, le - cm - 2))
                    ue = cm;
                break;
            }
        if (add_list(c, ls + mk, ue, 0) > 0)
            got++;
        ls = le;
    }
    if (stop)
        *stop = ls;
    return got;
}

/* The end of a list that runs to a verb or preposition: " i ", " om ", " att ", ".". */
static size_t list_end(const ctx *c, size_t p, size_t e)
{
    /* unit_words.tsv: unit_list_stop */
    for (size_t q = p; q < e; q++) {
        if (c->t.s[q] == '.' && (q + 1 == e || is_sp(c->t.s[q + 1])))
            return q;
        size_t cp = is_sp(c->t.s[q]) ? class_phrase(c, q, e) : 0; /* it starts at a space */
        if (cp) { /* "X i tävlingsklassen förskola och Y ...": the list goes on */
            q = cp - 1;
            continue;
        }
        if (is_sp(c->t.s[q]) &&
            first_word(c, q + 1, e, pk_unit_list_stop, pk_n_unit_list_stop, &list_stop_rows) < pk_n_unit_list_stop)
            return q;
    }
    return e;
}

/* Is the kind k the word w? Their first bytes first: most kinds are
   told apart there, without a call. */
static inline int kind_is(const char *k, const char *w) { return k[0] == w[0] && strcmp(k, w) == 0; }

/* May a decision of d's kind name units? "ställer sig bakom
   förvaltningens förslag att A, B och C anmäls": an adopted proposal
   names its units like an approval (the kind first: it refuses most
   items without a search) */
static int may_name_units(const pk_decision *d)
{
    return d->formula &&
           (kind_is(d->kind, "approve") || kind_is(d->kind, "note") || kind_is(d->kind, "nominate") || kind_is(d->kind, "adopt"));
}

/* Units named in one decision item: "att LIST deltar", "deltagande ...
   för LIST", "ansökan från LIST om att delta", "nominerar LIST i ...". */
static void from_decision(ctx *c, const pk_decision *d, const pk_decision_item *it, size_t s, size_t e)
{
    size_t ov[2];
    if (!may_name_units(d))
        return;
    /* decisions.c asked RX_FORMULA over the item (it): its answer when the
       span finds the same item again */
    if (it && it->s == s && it->e == e) {
        if (it->fs == SIZE_MAX)
            return;
        ov[1] = it->fe;
    } else if (!pk_rx_match(c, RX_FORMULA, s, e, ov, 1)) {
        return;
    }
    size_t fe = ov[1], p = skip_sp(c, fe, e);
    if (kind_is(d->kind, "nominate")) {
        /* "nominera följande skolor i tävlingsklassen skola till ...:" and
           a list of lines; the colon may stand lines below the formula */
        const char *colon = p < e ? memchr(c->t.s + p, ':', e - p) : NULL;
        size_t q = colon ? (size_t)(colon - c->t.s) : p > e ? p : e;
        if (q < e && c->t.s[q] == ':' && bullet_list(c, q, c->decision_hi, NULL))
            return;
        add_list(c, p, list_end(c, p, e), 0);
        return;
    }
    /* "att LIST <verb>" (at p, or after a space: the places found by the
       space before an "a") */
    for (size_t q = p; q + 4 < e; q++) {
        if (q > p)
            q = space_before(c, q - 1, e, 'a') + 1;
        if (q + 4 >= e)
            break;
        if (!word_at(c, q, e, "att"))
            continue;
        size_t ls = q + 3;
        if (!pk_rx_match(c, RX_PART_VERB, ls, e, ov, 1))
            break;
        /* "... deltar i Stockholms stads\nkvalitetsutmärkelse 2021:" and a list of lines */
        size_t after = ov[1], k = after;
#if defined(__SSE2__)
        /* (sixteen bytes at a time, within the 80 bytes) */
        for (size_t lim = c->t.n - after > 80 ? after + 80 : c->t.n; k + 16 <= lim; k += 16) {
            __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(c->t.s + k));
            unsigned b = (unsigned)_mm_movemask_epi8(
                _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8(':')), _mm_cmpeq_epi8(x, _mm_set1_epi8('.'))));
            if (b) {
                k += (size_t)__builtin_ctz(b);
                break;
            }
        }
#endif
        while (k < c->t.n && k - after < 80 && c->t.s[k] != ':' && c->t.s[k] != '.')
            k++;
        if (k < c->t.n && c->t.s[k] == ':' && bullet_list(c, k, c->t.n, NULL))
            return;
        if (add_list(c, ls, ov[0], 0) > 0)
            return;
        break;
    }
    /* "... för LIST" after deltagande/anmälan, "från LIST": only in a
       matter about an award ("bevilja ... för projektet X" names no unit).
       A limit: only the first FOR_TRIES of them are tried. Each try reads
       the rest of the item (list_end, then add_list over it), so an item of
       n words "för" cost time n squared; a list stands after one of the
       first few (in the sets read so far, always the first). */
    enum { FOR_TRIES = 16 };
    size_t tries = 0;
    for (size_t q = s; c->award && q + 4 < e && tries < FOR_TRIES; q++) {
        /* (a space before the first byte of a row of unit_words.tsv,
           unit_list_lead: where one may stand) */
        if ((q = space_before_rows(c, q, e, pk_unit_list_lead, pk_n_unit_list_lead)) + 4 >= e)
            break;
        size_t w = q + 1, k = row_at(c, w, e, pk_unit_list_lead, pk_n_unit_list_lead);
        if (!k)
            continue;
        size_t ls = w + k;
        tries++;
        if (add_list(c, ls, list_end(c, ls, e), 0) > 0)
            return;
    }
}

/* The text after "inom": a parent until punctuation or a verb. */
static const char *parent_phrase(ctx *c, size_t p, size_t e, size_t *pe)
{
    /* unit_words.tsv: unit_parent_stop */
    size_t q = p, words = 0;
    while (q < e && words < 8) {
#if defined(__SSE2__)
        /* (sixteen bytes at a time to the next that the tests below look at) */
        while (q + 16 <= e) {
            __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(c->t.s + q));
            __m128i m = _mm_or_si128(
                _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8(',')), _mm_cmpeq_epi8(x, _mm_set1_epi8('.'))),
                             _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8(';')), _mm_cmpeq_epi8(x, _mm_set1_epi8(':')))),
                _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8(' ')), _mm_cmpeq_epi8(x, _mm_set1_epi8('\n'))),
                             _mm_cmpeq_epi8(_mm_or_si128(x, _mm_set1_epi8(1)), _mm_set1_epi8(')')))); /* '(' or ')' */
            unsigned b = (unsigned)_mm_movemask_epi8(m);
            if (b) {
                q += (size_t)__builtin_ctz(b);
                break;
            }
            q += 16;
        }
        if (q >= e)
            break;
#endif
        char ch = c->t.s[q];
        if (ch == ',' || ch == '.' || ch == ';' || ch == ':' || ch == '(' || ch == ')')
            break;
        if (is_sp(ch)) {
            size_t w = q + 1;
            size_t k = first_word(c, w, e, pk_unit_parent_stop, pk_n_unit_parent_stop, &parent_stop_rows);
            int stop = k < pk_n_unit_parent_stop;
            /* "avdelning socialtjänst och fritid": an "och" between
               lower-case words stays (unit_words.tsv: unit_parent_joint) */
            size_t kl = stop ? strlen(pk_unit_parent_stop[k]) : 0;
            if (stop && is_row(pk_unit_parent_stop[k], kl, pk_unit_parent_joint, pk_n_unit_parent_joint)) {
                size_t nx = skip_sp(c, w + kl, e);
                if ((nx < e && !pk_is_upper_at(c->t.s + nx, e - nx)) || c->t.s[q - 1] == '-')
                    stop = 0;
            }
            if (stop)
                break;
            words++;
        }
        q++;
    }
    *pe = q;
    if (q <= p)
        return NULL;
    return pk_fold(c, p, q);
}

/* The unit whose name is `name` but for ASCII case (at most one: a unit
   of the same name is never added, seen_unit()), or NULL. */
static pk_unit *unit_named(ctx *c, const char *name)
{
    return unit_of_hash(c, name, (uint32_t)pk_hash_folded(name, strlen(name)));
}

/* The units in the order of one end of their spans in the input, each
   with it: the units near a place are found by bisection, not by a look
   at every unit for each "inom" (a list of thousands of units, each
   "inom" something, took time of their number squared). */
typedef struct unit_at {
    size_t at, k;
} unit_at;

static int by_at(const void *a, const void *b)
{
    const unit_at *x = a, *y = b;
    return x->at < y->at ? -1 : x->at > y->at;
}

static unit_at *units_by(ctx *c, int end)
{
    const pk_unit *us = c->units.items;
    unit_at *o = pk_arena_alloc(c->a, c->units.n * sizeof *o);
    for (size_t k = 0; k < c->units.n; k++) {
        o[k].at = end ? us[k].span.end : us[k].span.start;
        o[k].k = k;
    }
    qsort(o, c->units.n, sizeof *o, by_at);
    return o;
}

/* The index of the first of o[0..n) at or after `at` (n when none). */
static size_t first_at(const unit_at *o, size_t n, size_t at)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (o[mid].at < at)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Up to this many units, each "inom" looks at every one. */
#define FEW_UNITS 16

/* The first place in [lo, hi) where the first word of the name w (up to
   its first space, *m bytes) stands in the cleaned text, to its end before
   hi, its ASCII letters in either case (as strcasecmp compares them; a
   byte from 0x80 on is taken to match any); SIZE_MAX when none. Its first
   and last ASCII bytes are sought first, in either case (sixteen places
   at a time), and the word compared only where both stand. */
static size_t first_word_in(const ctx *c, size_t lo, size_t hi, const char *w, size_t *mp)
{
    const unsigned char *t = (const unsigned char *)c->t.s, *u = (const unsigned char *)w;
    size_t m = 0, a = SIZE_MAX, z = 0;
    for (; u[m] && u[m] != ' '; m++)
        if (u[m] < 0x80) {
            if (a == SIZE_MAX)
                a = m;
            z = m;
        }
    *mp = m;
    if (hi < lo || hi - lo < m)
        return SIZE_MAX;
    if (a == SIZE_MAX)
        return lo; /* (nothing to seek: the word may stand anywhere) */
    unsigned char al = ascii_lower(u[a]), au = al >= 'a' && al <= 'z' ? (unsigned char)(al - 32) : al;
    unsigned char zl = ascii_lower(u[z]), zu = zl >= 'a' && zl <= 'z' ? (unsigned char)(zl - 32) : zl;
    size_t end = hi - m + 1; /* the word's places: [lo, end) */
    for (size_t p = lo; p < end; p++) {
#if defined(__SSE2__)
        /* (sixteen places at a time; the last fewer too, read into the
           text's room: the loads reach p + z + 15 < hi + 15, and hi is in
           the text) */
        while (p < end) {
            __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(t + p + a));
            __m128i y = _mm_loadu_si128((const __m128i *)(const void *)(t + p + z));
            __m128i hit = _mm_and_si128(
                _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8((char)al)), _mm_cmpeq_epi8(x, _mm_set1_epi8((char)au))),
                _mm_or_si128(_mm_cmpeq_epi8(y, _mm_set1_epi8((char)zl)), _mm_cmpeq_epi8(y, _mm_set1_epi8((char)zu))));
            unsigned b = (unsigned)_mm_movemask_epi8(hit);
            if (end - p < 16) {
                b &= (1u << (end - p)) - 1;
                p = b ? p + (size_t)__builtin_ctz(b) : end;
                break;
            }
            if (b) {
                p += (size_t)__builtin_ctz(b);
                break;
            }
            p += 16;
        }
        if (p >= end)
            break;
#endif
        if ((t[p + a] != al && t[p + a] != au) || (t[p + z] != zl && t[p + z] != zu))
            continue;
        size_t j = 0;
        while (j < m && (t[p + j] == u[j] || t[p + j] >= 0x80 || u[j] >= 0x80 || ascii_lower(t[p + j]) == ascii_lower(u[j])))
            j++;
        if (j == m)
            return p;
    }
    return SIZE_MAX;
}

/* What first_word_in() found of a unit's first word in the windows asked
   so far, which move forward: the last place found (SIZE_MAX: none), and
   the first place not yet looked at. A window is looked at from there:
   the walk over the text is done once for a unit, not for each window. */
typedef struct word_seen {
    size_t last, done;
} word_seen;

/* The first word of w stands in [lo, hi), lo and hi no smaller than at
   the question before (first_word_in, with what it found before). */
static int first_word_near(const ctx *c, word_seen *ws, size_t lo, size_t hi, const char *w)
{
    if (ws->last != SIZE_MAX && ws->last >= lo)
        return 1;
    size_t m, p = first_word_in(c, ws->done > lo ? ws->done : lo, hi, w, &m);
    if (p != SIZE_MAX) {
        ws->last = p;
        ws->done = p + 1;
        return 1;
    }
    if (hi >= m && hi - m + 1 > ws->done)
        ws->done = hi - m + 1;
    return 0;
}

/* Whether the "inom" at `at` (here in the input) may give a parent to a
   unit without one, of a few (every unit looked at): one that ends right
   before it, one that starts in the 400 bytes before it (what "båda
   inom" gives), or one whose name stands in the 400 bytes before it (its
   first word, at least: the chunk of names the sentence holds there).
   Most places of "inom" give none, and are not read further. */
static int inom_may_give(const ctx *c, word_seen *ws, size_t at, size_t here)
{
    const pk_unit *us = c->units.items;
    for (size_t k = 0; k < c->units.n; k++)
        if (!us[k].parent && ((us[k].span.end <= here && here - us[k].span.end <= 8) ||
                              (us[k].span.start < here && here - us[k].span.start < 400)))
            return 1;
    size_t lo = at > 400 ? at - 400 : 0;
    for (size_t k = 0; k < c->units.n; k++)
        if (!us[k].parent && first_word_near(c, &ws[k], lo, at, us[k].name))
            return 1;
    return 0;
}

static void set_parents(ctx *c)
{
    if (!c->units.n)
        return;
    /* more units: by their ends and by their starts, made at the first
       "inom" that names a parent (the units do not change here) */
    unit_at *by_end = NULL, *by_start = NULL;
    size_t nu = c->units.n;
    /* the units without a parent: when none is left, no "inom" can give one */
    size_t orphans = 0;
    for (size_t k = 0; k < nu; k++)
        orphans += !((const pk_unit *)c->units.items)[k].parent;
    size_t ov[2], pos = 0, near = 0;
    const pk_cues *cues = pk_cue_places(c, RX_INOM);
    word_seen seen[FEW_UNITS];
    for (size_t k = 0; k < FEW_UNITS; k++)
        seen[k] = (word_seen){SIZE_MAX, 0};
    while (orphans) {
        /* of a few units: the places of the pattern's cue words (where its
           matches start: the word is all a match holds) that may give one
           a parent, the others passed over without a match asked there;
           a match at the place found is not asked about again (nothing
           the answer reads has changed since) */
        size_t asked = SIZE_MAX;
        if (nu <= FEW_UNITS) {
            size_t k = pk_first_from_near(cues->at, cues->n, pos, &near);
            while (k < cues->n && !inom_may_give(c, seen, cues->at[k], pk_map_at(&c->t, cues->at[k])))
                k++;
            if (k == cues->n)
                break;
            pos = asked = cues->at[k];
        }
        if (!pk_rx_match(c, RX_INOM, pos, c->t.n, ov, 1))
            break;
        size_t at = ov[0];
        pos = ov[1];
        if (nu <= FEW_UNITS && at != asked && !inom_may_give(c, seen, at, pk_map_at(&c->t, at)))
            continue;
        size_t pstart = skip_sp(c, ov[1], c->t.n), pend;
        size_t lo = at > 400 ? at - 400 : 0, hi = at + 400 < c->t.n ? at + 400 : c->t.n, ss, se;
        pk_sentence_bounds(&c->t, lo, hi, at, &ss, &se);
        const char *parent = parent_phrase(c, pstart, se, &pend);
        if (!parent)
            continue;
        /* a unit that ends right before "inom" */
        if (!by_end && nu > FEW_UNITS) {
            by_end = units_by(c, 1);
            by_start = units_by(c, 0);
        }
        {
            pk_unit *us = c->units.items;
            size_t here = pk_map_at(&c->t, at);
            /* those that end in [here - 8, here] */
            size_t i = by_end ? first_at(by_end, nu, here > 8 ? here - 8 : 0) : 0;
            size_t i_end = by_end ? first_at(by_end, nu, here + 1) : nu;
            for (; i < i_end; i++) {
                size_t k = by_end ? by_end[i].k : i, ue = us[k].span.end;
                if (us[k].parent || ue > here || here - ue > 8)
                    continue;
                int gap = 1;
                for (size_t q = ue; q < here; q++)
                    if (c->orig[q] != ' ' && c->orig[q] != '\n' && c->orig[q] != '\r' && c->orig[q] != ',')
                        gap = 0;
                if (gap) {
                    us[k].parent = parent;
                    orphans--;
                }
            }
        }
        /* the chunk of names before "inom", back to the previous boundary
           (a comma, a colon, a parenthesis, a row of unit_words.tsv:
           parent_list_stop, "samt", "att") */
        size_t e = at;
        while (e > ss && (is_sp(c->t.s[e - 1]) || c->t.s[e - 1] == ','))
            e--;
        size_t s = e;
        for (;;) {
#if defined(__SSE2__)
            /* (sixteen bytes at a time back to the nearest that the test below looks at) */
            while (s >= ss + 16) {
                __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(c->t.s + s - 16));
                unsigned b = (unsigned)_mm_movemask_epi8(_mm_or_si128(
                    _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8(',')), _mm_cmpeq_epi8(x, _mm_set1_epi8(':'))),
                    _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('(')),
                                 _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8(' ')), _mm_cmpeq_epi8(x, _mm_set1_epi8('\n'))))));
                if (b) {
                    s -= 15 - (size_t)(31 - __builtin_clz(b));
                    break;
                }
                s -= 16;
            }
#endif
            if (!(s > ss && c->t.s[s - 1] != ',' && c->t.s[s - 1] != ':' && c->t.s[s - 1] != '(' &&
                  !(is_sp(c->t.s[s - 1]) && row_at(c, s, e, pk_parent_list_stop, pk_n_parent_list_stop))))
                break;
            s--;
        }
        range items[32];
        size_t n = split(c, s, e, items, 32);
        size_t b0 = skip_sp(c, s, e);
        if (n == 1 && e - b0 < 24 && row_at(c, b0, e, pk_unit_all_word, pk_n_unit_all_word)) {
            /* "A och B, båda inom X": X holds the units just named */
            pk_unit *us = c->units.items;
            size_t here = pk_map_at(&c->t, at);
            /* those that start in (here - 400, here) */
            size_t i = by_start ? first_at(by_start, nu, here >= 399 ? here - 399 : 0) : 0;
            size_t i_end = by_start ? first_at(by_start, nu, here) : nu;
            for (; i < i_end; i++) {
                size_t k = by_start ? by_start[i].k : i;
                if (!us[k].parent && us[k].span.start < here && here - us[k].span.start < 400) {
                    us[k].parent = parent;
                    orphans--;
                }
            }
            continue;
        }
        for (size_t i = 0; i < n; i++) {
            range r = items[i];
            if (!clean(c, &r))
                continue;
            char *name = pk_fold(c, r.s, r.e);
            pk_unit *us = c->units.items;
            if (nu > FEW_UNITS) {
                pk_unit *u = unit_named(c, name);
                if (u && !u->parent) {
                    u->parent = parent;
                    orphans--;
                }
                continue;
            }
            for (size_t k = 0; k < nu; k++)
                if (!us[k].parent && strcasecmp(us[k].name, name) == 0) {
                    us[k].parent = parent;
                    orphans--;
                }
        }
    }
}

/* "X har valt att delta ...": the first sentence whose subject is a list of units. */
static void from_participation(ctx *c)
{
    /* the lines [bl_lo, bl_hi] a list of lines that named no unit was read
       over: a list from any of them is the rest of that one (its walk
       depends on the line it is at and on whether a unit was found), so it
       is not read again; "- A deltar:" on each of n lines cost time and
       memory n squared */
    size_t ov[2], pos = 0, bl_lo = 1, bl_hi = 0;
    while (pk_rx_match(c, RX_PARTICIPATE, pos, c->t.n, ov, 1)) {
        size_t vs = ov[0];
        pos = ov[1];
        size_t lo = vs > 400 ? vs - 400 : 0, hi = vs + 400 < c->t.n ? vs + 400 : c->t.n, ss, se;
        pk_sentence_bounds(&c->t, lo, hi, vs, &ss, &se);
        /* a subordinate "att"-clause holds the subject: "... beslutat att X deltar" */
        size_t s = ss;
        for (size_t q = ss; (q = space_before(c, q, vs, 'a')) + 4 < vs; q++)
            if (word_at(c, q + 1, vs, "att"))
                s = q + 4;
        if (vs <= s)
            continue;
        size_t before = c->units.n;
        /* "... deltar i årets kvalitetsutmärkelse: A samt B" or a list of lines */
        size_t k = ov[1];
        while (k < se && c->t.s[k] != ':')
            k++;
        if (k < se && k - ov[1] < 80) {
            size_t after = skip_sp(c, k + 1, c->t.n);
            if (after < c->t.n && c->t.s[after - 1] == '\n' && !(bl_lo <= after && after <= bl_hi)) {
                /* (after is the start of a line: after a line break) */
                if (bullet_list(c, k, c->t.n, &bl_hi))
                    return;
                bl_lo = after;
            }
            if (add_list(c, k + 1, se, 0) > 0 && c->units.n > before)
                return;
        }
        if (add_list(c, s, vs, 1) > 0 && c->units.n > before)
            return;
    }
}

/* The first proposal section after the decision ("Förvaltningens förslag
   till beslut"): each sentence with a formula, read as a decision item. */
static void from_proposal(ctx *c)
{
    const segs *g = &c->sg;
    size_t i = 0;
    while (i < g->nlines && g->lines[i].s < c->decision_hi)
        i++;
    while (i < g->nlines && g->lines[i].heading != H_DECISION)
        i++;
    if (i + 1 >= g->nlines)
        return;
    size_t a = i + 1, b = a;
    while (b < g->nlines && !g->lines[b].heading)
        b++;
    size_t lo = g->lines[a].s, hi = g->lines[b - 1].e, keep_lo = c->decision_lo, keep_hi = c->decision_hi;
    c->decision_lo = lo;
    c->decision_hi = hi;
    /* A sentence of many formulas was read to its ends, and searched, for
       each of them (30,000 took 10.5 s, 95 times the time of 3,000). The
       sentence of the last formula [ss, se), from its start at fp, is that
       of a later formula that starts before se with no line break from fp
       on (and fp not at a space): pk_sentence_bounds' walk forward from fp
       passed it, and back from it no line break stands before fp (only at
       a line break do its two walks stop differently). from_decision's
       answer depends on the sentence and the formula's kind alone, and
       the units found (none, else the loop ends): a kind asked of the
       sentence already is not asked again.
       A limit: the sentences found (each walked from its start to its end)
       are at most READ_MAX times the section's length in all, and a
       formula after that is not read. A sentence of n lines, each with a
       formula, is found again for each line (the walks stop differently
       at a line break: after a heading), and cost time n squared (30,000
       lines took 6.3 s, 100 times the time of 3,000). */
    enum { READ_MAX = 16 };
    size_t read = 0, read_max = READ_MAX * (hi - lo) + 4096;
    size_t ov[2], pos = lo, ss = 0, se = 0, fp = SIZE_MAX;
    enum { KINDS = 8 };
    const char *asked[KINDS];
    size_t n_asked = 0;
    while (!c->units.n && pk_rx_match(c, RX_FORMULA, pos, hi, ov, 1)) {
        const char *mark = pk_rx_mark(c);
        size_t k = mark ? (size_t)strtoul(mark, NULL, 10) : pk_n_formulas;
        pos = ov[1];
        if (k >= pk_n_formulas)
            continue;
        pk_decision d = {.kind = pk_formulas[k].kind, .formula = pk_formulas[k].pattern};
        if (!(fp < ov[0] && ov[0] < se && c->t.s[fp] != ' ' && !memchr(c->t.s + fp, '\n', ov[0] - fp))) {
            if (read > read_max)
                break;
            size_t ps = ss, pe = se;
            pk_sentence_bounds(&c->t, lo, hi, ov[0], &ss, &se);
            read += se - ss;
            if (ss != ps || se != pe)
                n_asked = 0;
        }
        fp = ov[0];
        size_t j = 0;
        while (j < n_asked && strcmp(asked[j], d.kind) != 0)
            j++;
        if (j < n_asked)
            continue;
        if (n_asked < KINDS)
            asked[n_asked++] = d.kind;
        from_decision(c, &d, NULL, ss, se);
    }
    c->decision_lo = keep_lo;
    c->decision_hi = keep_hi;
}

/* ---- units outside an award: a named unit where a decision or heading
   closes, opens, merges, tasks, inspects or reports on it ---- */

typedef struct unit_cue {
    const char *cue;
    size_t len;
    int before; /* the units follow the cue */
} unit_cue;

/* ordered by the first byte, then longest first (the Makefile's rule) */
static const unit_cue unit_cues[] = {
#include "unit_cues.inc"
};
enum { NCUES = sizeof unit_cues / sizeof *unit_cues };

/* The first row whose cue opens with b or a later byte (a binary search). */
static size_t cues_search(unsigned char b)
{
    size_t a = 0, z = NCUES;
    while (a < z) {
        size_t m = a + (z - a) / 2;
        if ((unsigned char)unit_cues[m].cue[0] < b)
            a = m + 1;
        else
            z = m;
    }
    return a;
}

/* cues_search() of every byte, made once per process: from_cues() asks at
   every word of every title and decision item. */
static size_t cue_first[256];
/* The pairs of bytes the cues of two bytes or more open with (as bits,
   cue_pair()), and the bytes the shorter ones are: a place whose first
   two bytes are no cue's pair, and whose first byte no short cue's, is
   no cue's, without a look at the rows */
static uint64_t cue_pairs[1024 / 64];
static unsigned char cue_short[256];
static pthread_once_t cue_first_once = PTHREAD_ONCE_INIT;
static int cue_first_ready;

static inline unsigned cue_pair(unsigned char a, unsigned char b) { return ((unsigned)a << 4 ^ b) & 1023; }

static void make_cue_first(void)
{
    for (int b = 0; b < 256; b++)
        cue_first[b] = cues_search((unsigned char)b);
    for (size_t i = 0; i < NCUES; i++) {
        const unsigned char *q = (const unsigned char *)unit_cues[i].cue;
        if (unit_cues[i].len >= 2) {
            unsigned k = cue_pair(q[0], q[1]);
            cue_pairs[k >> 6] |= (uint64_t)1 << (k & 63);
        } else {
            cue_short[q[0]] = 1;
        }
    }
}

/* May a cue stand at low[p] (of n bytes)? (after make_cue_first) */
static inline int cue_may(const char *low, size_t p, size_t n)
{
    unsigned char b = (unsigned char)low[p];
    if (cue_short[b])
        return 1;
    if (p + 1 >= n)
        return 0;
    unsigned k = cue_pair(b, (unsigned char)low[p + 1]);
    return cue_pairs[k >> 6] >> (k & 63) & 1;
}

/* The first row whose cue opens with b or a later byte (after
   pthread_once(&cue_first_once, make_cue_first)). */
static size_t cues_from(unsigned char b) { return cue_first[b]; }

/* The length of w when it is a form of a unit noun of the table, else 0;
   with compound, also a word that ends in one ("Fisksätraskolan"). */
static int noun_form(const char *w, size_t n, int compound)
{
    pk_once(&noun_masks_once, &noun_masks_ready, make_noun_masks);
    if (!n)
        return 0;
    for (size_t i = 0; i < N_UNIT_NOUNS; i++) {
        const unit_noun *u = &pk_unit_nouns[i];
        const char *f[4] = {u->indef, u->def, u->pl_indef, u->pl_def};
        for (int k = 0; k < 4; k++) {
            size_t m = noun_masks.len[i][k];
            if (!m || m > n)
                continue;
            /* (the last bytes first, where either question compares: most differ there) */
            if (w[n - 1] != f[k][m - 1])
                continue;
            if (m == n && memcmp(w, f[k], m) == 0)
                return 1;
            if (compound && k < 2 && n > m + 2 && memcmp(w + n - m, f[k], m) == 0)
                return 1;
        }
    }
    return 0;
}

static int is_word_char(const ctx *c, size_t p)
{
    return p < c->t.n && (pk_is_letter_at(c->t.s + p, c->t.n - p) || ((unsigned char)c->t.s[p] & 0xC0) == 0x80 ||
                          c->t.s[p] == '-' || (c->t.s[p] >= '0' && c->t.s[p] <= '9'));
}

/* The end of the word at p. */
static size_t word_end(const ctx *c, size_t p, size_t e)
{
    while (p < e && !is_sp(c->t.s[p]) && c->t.s[p] != ',' && c->t.s[p] != '.' && c->t.s[p] != ';' &&
           c->t.s[p] != ':' && c->t.s[p] != '(' && c->t.s[p] != ')')
        p++;
    return p;
}

/* "förskolan Igelkotten remitteras till ...": the name at s is its words
   that are capitalised or unit nouns; the end of them, or s. */
static size_t name_end(const ctx *c, size_t s, size_t e)
{
    size_t p = skip_sp(c, s, e), end = s;
    while (p < e) {
        size_t w = word_end(c, p, e);
        if (w == p)
            break;
        const char *low = pk_lower(c->a, c->t.s + p, w - p);
        if (!pk_is_upper_at(c->t.s + p, w - p) && !noun_form(low, strlen(low), 0))
            break;
        end = w;
        p = skip_sp(c, w, e);
    }
    return end;
}

/* The name of n bytes stands at `at` as a word of its own, a unit noun
   before it ("boendet Ölmbrogården", "verksamheten på Ölmbrogården"). */
static int unit_noun_before(ctx *c, size_t at, size_t n)
{
    if (at < 2 || !is_sp(c->t.s[at - 1]) || is_word_char(c, at + n))
        return 0;
    /* the word before, and the one before a row of unit_words.tsv
       (unit_place_prep: "på", "vid") */
    size_t b = at - 1;
    for (int hop = 0; hop < 2; hop++) {
        size_t we = b;
        while (b > 0 && !is_sp(c->t.s[b - 1]))
            b--;
        const char *low = pk_lower(c->a, c->t.s + b, we - b);
        size_t ln = strlen(low);
        if (hop == 0 && is_row(low, ln, pk_unit_place_prep, pk_n_unit_place_prep)) {
            if (b < 2)
                break;
            b--;
            continue;
        }
        if (ln && noun_form(low, ln, 0))
            return 1;
        break;
    }
    return 0;
}

/* The document calls the proper name [s, e) a unit: it writes a unit noun
   before it somewhere. Its places, each after the last one's end (as a
   search from the text's start finds them): a name that opens with a
   capital before a small letter stands only where the one pass found
   such a capital (PK_CUE_CAPITALS, told by the name's own first two
   bytes), and is compared there; another ("IFO", "LSS": capitals only)
   has no cue of the pass at its places, and is searched for. */
static int called_unit(ctx *c, size_t s, size_t e)
{
    size_t n = e - s;
    const char *name = c->t.s + s;
    if (n >= 2 && pk_capital_at(name, n, 0)) {
        const pk_cues *q = pk_cue_places(c, PK_CUE_CAPITALS);
        size_t next = 0;
        for (size_t i = 0; i < q->n; i++) {
            size_t at = q->at[i];
            if (at < next || c->t.s[at] != name[0] || n > c->t.n - at || memcmp(c->t.s + at, name, n) != 0)
                continue;
            next = at + n;
            if (unit_noun_before(c, at, n))
                return 1;
        }
        return 0;
    }
    for (const char *p = c->t.s; (p = memmem(p, c->t.n - (size_t)(p - c->t.s), name, n)) != NULL; p += n)
        if (unit_noun_before(c, (size_t)(p - c->t.s), n))
            return 1;
    return 0;
}

/* [s, e) is a named unit: a unit noun with a proper name ("förskolan
   Igelkotten", "Skogsgläntans förskola", "Område IFO", "Fisksätraskolan"),
   or a proper name of at most three words the document calls a unit;
   never the deciding body or the office. *budget bounds the searches of
   the text for the second, so that many candidates cost linear time. */
static int named_unit(ctx *c, size_t s, size_t e, int *budget)
{
    int noun = 0, proper = 0, words = 0, lower_word = 0;
    for (size_t p = s; p < e;) {
        size_t w = word_end(c, p, e);
        if (w == p) {
            p++;
            continue;
        }
        const char *low = pk_lower(c->a, c->t.s + p, w - p);
        size_t ln = strlen(low);
        words++;
        if (noun_form(low, ln, 0))
            noun = 1;
        else if (pk_is_upper_at(c->t.s + p, w - p)) {
            proper = 1;
            noun |= noun_form(low, ln, 1);
        } else
            lower_word = 1;
        p = skip_sp(c, w, e);
    }
    const char *name = pk_fold(c, s, e);
    const pk_record *r = c->rec;
    /* a company ("GS Trafikantservice AB"; unit_words.tsv: not_unit_end) is
       no unit of the organisation */
    size_t nl = strlen(name);
    for (size_t k = 0; k < pk_n_not_unit_end; k++) {
        size_t m = strlen(pk_not_unit_end[k]);
        if (nl > m && strcmp(name + nl - m, pk_not_unit_end[k]) == 0)
            return 0;
    }
    if ((r->body && strcasecmp(name, r->body) == 0) || (r->administration && strcasecmp(name, r->administration) == 0))
        return 0;
    if (noun && proper)
        return 1;
    if (!proper || noun || lower_word || words > 3 || *budget <= 0)
        return 0;
    --*budget;
    return called_unit(c, s, e);
}

/* ", som tillhör X," / ", tillhörande X,": the parent after a unit ending at
   e, or NULL. */
static const char *parent_after(ctx *c, size_t e, size_t limit)
{
    /* unit_words.tsv: unit_parent_head */
    size_t p = e;
    if (p < limit && c->t.s[p] == ',')
        p++;
    p = skip_sp(c, p, limit);
    for (size_t i = 0; i < pk_n_unit_parent_head; i++)
        if (word_at(c, p, limit, pk_unit_parent_head[i])) {
            size_t q = skip_sp(c, p + strlen(pk_unit_parent_head[i]), limit), qe = q;
            while (qe < limit && c->t.s[qe] != ',' && c->t.s[qe] != '.' && c->t.s[qe] != ';' && qe - q < 80)
                qe++;
            while (qe > q && is_sp(c->t.s[qe - 1]))
                qe--;
            return qe > q ? pk_fold(c, q, qe) : NULL;
        }
    return NULL;
}

/* The units by key (pk_unit_key), for add_named(): the first n of
   c->units, the rest added at its next question. */
typedef struct unit_keys {
    pk_index ix;
    size_t n;
} unit_keys;

/* Adds the named unit [s, e) with its parent: a unit already found gets
   the parent it lacks, and "Fisksätraskolans skolenhet" in a decision is
   the unit "Fisksätraskolan" the title named (one of the first `earlier`
   units), written with its kind. The unit found is the first (in order)
   of those: the one of the same name (but for ASCII case), those of the
   same key, and those whose name and an "s " open this one, asked by
   their indices, not by a look at every unit (a text of thousands of
   units named by cues took time of their number squared). */
static void add_named(ctx *c, size_t s, size_t e, const char *parent, size_t earlier, unit_keys *keys)
{
    size_t n, first = c->units.n;
    char *name = pk_fold_len(c, s, e, &n);
    pk_unit *us = c->units.items;
    if (first) {
        const pk_unit *same = unit_named(c, name);
        if (same)
            first = (size_t)(same - us);
        for (; keys->n < c->units.n; keys->n++)
            pk_index_add(c->a, &keys->ix, keys->n, (uint32_t)pk_hash_folded(us[keys->n].key, strlen(us[keys->n].key)));
        const char *key = pk_unit_key(c, name);
        uint32_t h = (uint32_t)pk_hash_folded(key, strlen(key));
        for (size_t pos = 0, k; (k = pk_index_next(&keys->ix, h, &pos)) != 0;)
            if (k - 1 < first && strcmp(us[k - 1].key, key) == 0)
                first = k - 1;
        for (size_t m = 0; m + 2 < n; m++) {
            if (name[m] != 's' || name[m + 1] != ' ')
                continue;
            h = (uint32_t)pk_hash_folded(name, m);
            for (size_t pos = 0, k; (k = pk_index_next(c->unit_names, h, &pos)) != 0;) {
                const char *un = us[k - 1].name;
                if (k - 1 >= earlier || k - 1 >= first || strlen(un) != m || strncasecmp(name, un, m) != 0)
                    continue;
                const char *rest = pk_lower(c->a, name + m + 2, n - m - 2);
                if (noun_form(rest, strlen(rest), 0))
                    first = k - 1;
            }
        }
    }
    if (first < c->units.n) {
        if (!us[first].parent && parent)
            us[first].parent = parent;
        return;
    }
    add_unit(c, s, e, parent);
}

/* The units a cue names in [s, e) (a title, a decision item). */
static void from_cues(ctx *c, size_t s, size_t e, int *budget, unit_keys *keys)
{
    size_t n = e - s, earlier = c->units.n;
    const char *low = pk_lower(c->a, c->t.s + s, n);
    if (strlen(low) != n) /* a case folding that changed the length: no offsets */
        return;
    pk_once(&cue_first_once, &cue_first_ready, make_cue_first);
    /* what one cue's walk found, kept for the cues after it (they come in
       order), so that a text of n cues costs no time n squared: the end of
       the sentence from le_from (le_end); the subject's start after the
       last "att" before att_q (att_from), and past the spaces and
       numbering after it (num_from, read to e: with a cue at cs, the walk
       to cs ends at the smaller of num_from and cs) */
    struct {
        size_t le_from, le_end, att_q, att_from, num_of, num_from;
    } k = {e, e, s, s, e, e};
    for (size_t p = 0; p < n; p++) {
        /* a cue opens a word: not after a letter (an ASCII one, or any byte
           from 0x80) or a hyphen */
#if defined(__SSE2__)
        /* sixteen places at a time to the next after another byte (the
           portable step's test below, for each of the bytes
           low[p - 1 .. p + 15)); the
           last fewer too, read into the room pk_lower leaves after the
           lower case (sixteen bytes and more), the places from n on put
           aside */
        while (p && p < n) {
            __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(low + p - 1));
            __m128i y = _mm_or_si128(x, _mm_set1_epi8(0x20));
            __m128i w = _mm_or_si128(
                _mm_or_si128(_mm_cmplt_epi8(x, _mm_setzero_si128()), _mm_cmpeq_epi8(x, _mm_set1_epi8('-'))),
                _mm_and_si128(_mm_cmpgt_epi8(y, _mm_set1_epi8('a' - 1)), _mm_cmplt_epi8(y, _mm_set1_epi8('z' + 1))));
            unsigned m = (unsigned)_mm_movemask_epi8(w) ^ 0xFFFFu;
            if (n - p < 16) {
                m &= (1u << (n - p)) - 1;
                p = m ? p + (size_t)__builtin_ctz(m) : n;
                break;
            }
            if (m) {
                p += (size_t)__builtin_ctz(m);
                break;
            }
            p += 16;
        }
        if (p >= n)
            break;
        /* (p opens a word: the step above stops at no other place) */
        if (!cue_may(low, p, n))
            continue;
#else
        unsigned char pb = p ? (unsigned char)low[p - 1] : ' ';
        if (pb >= 0x80 || pb == '-' || ((pb | 0x20) >= 'a' && (pb | 0x20) <= 'z') || !cue_may(low, p, n))
            continue;
#endif
        /* the rows that open with this byte, longest first: the first that
           stands here is the longest */
        const unit_cue *best = NULL;
        size_t bl = 0;
        for (size_t i = cues_from((unsigned char)low[p]); i < NCUES && unit_cues[i].cue[0] == low[p]; i++) {
            size_t m = unit_cues[i].len;
            if (p + m <= n && (m < 2 || (low[p + 1] == unit_cues[i].cue[1] && /* (most differ there, */
                                        low[p + m - 1] == unit_cues[i].cue[m - 1])) && /* or at the end) */
                memcmp(low + p, unit_cues[i].cue, m) == 0 && !is_word_char(c, s + p + m)) {
                best = &unit_cues[i];
                bl = m;
                break;
            }
        }
        if (!best)
            continue;
        size_t cs = s + p, ce = cs + bl;
        range items[16];
        size_t ni, ok = 0;
        if (best->before) {
            /* "avveckla A, som tillhör X, och B": to the end of the sentence */
            size_t le = ce;
            if (k.le_from <= ce && ce <= k.le_end) {
                le = k.le_end; /* no sentence end in [le_from, le_end) */
            } else {
                while (le < e && !(c->t.s[le] == '.' && (le + 1 == e || is_sp(c->t.s[le + 1]))))
                    le++;
                k.le_from = ce;
                k.le_end = le;
            }
            /* A limit: the list is read to at most LIST_MAX bytes after
               the cue (16 names of at most 120 bytes, and their
               separators). split() and name_end() read its first item to
               the sentence's end, so a sentence of n cues ("avveckla b
               avveckla b ...") cost time n squared. */
            enum { LIST_MAX = 2048 };
            if (le - ce > LIST_MAX) { /* (at a character's first byte) */
                le = ce + LIST_MAX;
                while (((unsigned char)c->t.s[le] & 0xC0) == 0x80)
                    le--;
            }
            ni = split(c, ce, le, items, 16);
            for (size_t i = 0; i < ni; i++) {
                size_t a = skip_sp(c, items[i].s, items[i].e), b = name_end(c, a, items[i].e);
                range r = {a, b, 0};
                int keep = b <= a || !clean(c, &r);
                /* "hemtjänsten Väster": a unit noun that opens the name stays */
                if (!keep && r.s > a && opens_name(c, a, r.s) && skip_sp(c, word_end(c, a, r.s), r.s) == r.s)
                    r.s = a;
                if (keep) {
                    if (i == 0)
                        break;
                    continue;
                }
                if (!named_unit(c, r.s, r.e, budget)) {
                    if (i == 0)
                        break;
                    continue;
                }
                add_named(c, r.s, r.e, parent_after(c, items[i].e, le), earlier, keys);
                ok++;
            }
        } else {
            /* the subject: from the item's start or its last "att" */
            /* (an "att" at q with q + 4 < cs is one whatever the cue: the
               byte after it is before cs) */
            for (; k.att_q + 4 < cs; k.att_q++)
                if ((k.att_q == s || is_sp(c->t.s[k.att_q - 1])) && word_at(c, k.att_q, cs, "att"))
                    k.att_from = k.att_q + 3;
            /* "1. " numbering */
            if (k.num_of != k.att_from) {
                size_t f = skip_sp(c, k.att_from, e);
                while (f < e && ((c->t.s[f] >= '0' && c->t.s[f] <= '9') || c->t.s[f] == '.' || c->t.s[f] == ')'))
                    f++;
                k.num_of = k.att_from;
                k.num_from = f;
            }
            size_t from = k.num_from < cs ? k.num_from : cs;
            /* A limit: a subject longer than SUBJECT_MAX bytes is not read
               (the cue names no unit). Each of its items must pass clean(),
               a name of at most 120 bytes after the words it drops, and
               split() yields at most 16 of them, so a longer subject is
               hardly a list of names; read again for each cue, it cost a
               text of n cues ("b läggs ned och b läggs ned och ...") time
               n squared. */
            enum { SUBJECT_MAX = 2048 };
            if (cs - from > SUBJECT_MAX)
                continue;
            size_t to = cs;
            const char *parent = NULL;
            for (size_t q = from; q < cs; q++)
                if (c->t.s[q] == ',' && (parent = parent_after(c, q, cs)) != NULL) {
                    to = q;
                    break;
                }
            ni = split(c, from, to, items, 16);
            range rs[16];
            for (size_t i = 0; i < ni; i++) {
                rs[i] = items[i];
                if (!clean(c, &rs[i]) || !named_unit(c, rs[i].s, rs[i].e, budget))
                    break;
                ok++;
            }
            if (ok != ni)
                continue;
            for (size_t i = 0; i < ni; i++)
                add_named(c, rs[i].s, rs[i].e, ni == 1 ? parent : NULL, earlier, keys);
        }
        if (ok)
            p += bl - 1;
    }
}

/* Units outside an award: the title first (the matter's own words), then
   each decision item. */
static void from_change(ctx *c)
{
    int budget = 16;
    unit_keys keys = {{NULL, 0, 0}, 0};
    const pk_record *r = c->rec;
    if (r->title) {
        size_t s = pk_cleaned_at(c, r->title_span.start), e = pk_cleaned_at(c, r->title_span.end);
        if (s < e && e <= c->t.n)
            from_cues(c, s, e, &budget, &keys);
    }
    const pk_decision *ds = c->decisions.items;
    for (size_t i = 0; i < c->decisions.n; i++) {
        size_t s = pk_cleaned_at(c, ds[i].span.start), e = pk_cleaned_at(c, ds[i].span.end);
        if (s < e && e <= c->t.n)
            from_cues(c, s, e, &budget, &keys);
    }
}

void pk_extract_units(ctx *c)
{
    const pk_decision *ds = c->decisions.items;
    for (size_t i = 0; i < c->decisions.n; i++) {
        if (!may_name_units(&ds[i]))
            continue; /* (from_decision would refuse it: its span is not looked up) */
        /* find the item again in the cleaned text by its span; the map is
           in order: the first byte of the decision's lines that maps to the
           span's start (a binary search), and the first at or after its end */
        size_t lo = c->decision_lo, hi = c->decision_hi > lo ? c->decision_hi : lo;
        size_t k = pk_map_find(&c->t, ds[i].span.start);
        k = k < lo ? lo : k > hi ? hi : k;
        size_t s = k < c->decision_hi && pk_map_at(&c->t, k) == ds[i].span.start ? k : 0;
        size_t e = s;
        if (s < c->decision_hi) {
            e = pk_map_find(&c->t, ds[i].span.end);
            e = e < s ? s : e > c->decision_hi ? c->decision_hi : e;
        }
        if (e > s)
            from_decision(c, &ds[i], i < c->decision_items.n ? (const pk_decision_item *)c->decision_items.items + i : NULL,
                          s, e);
    }
    /* "beslutar i enlighet med förvaltningens förslag": the units are in the
       proposal the decision adopts (unit_words.tsv: proposal_word) */
    if (!c->units.n && c->decisions.n && strcmp(ds[0].kind, "adopt") == 0 &&
        holds_row(ds[0].text, pk_proposal_word, pk_n_proposal_word))
        from_proposal(c);
    /* a notification names no units in its decision: the text says who takes part */
    if (!c->units.n && c->award)
        from_participation(c);
    /* a decision or heading that closes, opens, tasks or inspects a named unit */
    if (!c->units.n)
        from_change(c);
    set_parents(c);
}
