/* The class of each unit: Kvalitetsutmärkelsen's tävlingsklass, one of
   förskola, skola, äldreomsorg, socialtjänst (with funktionsnedsättning and
   LSS) and annat. Runs after the units, the award and body_canonical.

   The document decides where it says so, the unit's name otherwise, in
   this order:
   1. a class phrase that names the unit: "nominerar förskolan X i
      tävlingsklassen förskola", "A och B deltar i klassen äldreomsorg",
      "Y fick ett hedersomnämnande i klassen förskola" (the unit's name
      stands between the phrase and the start of its sentence or the phrase
      before it); a phrase in the decision before one elsewhere;
   2. the class the decision names for its units with no unit in the
      phrase ("nominera följande skolor i tävlingsklassen skola:") or a
      phrase whose subject is all of them ("Samtliga tre enheter deltar i
      klassen övriga verksamheter", "Bolaget deltar i klassen ..."), when
      all such phrases name the same class;
   3. the unit's name ("Förskolan Myran", "Ekbackens äldreboende");
   4. the kind the document gives the unit beside its name: in parentheses
      after it ("Tenstagården (äldreboende)"), or the noun in front of it
      or of the list it opens ("förskolorna Solrosen, Myrstacken och
      Gläntan", "fritidsgården Gläntan");
   5. the name of its parent ("Grimsta" inom "Vällingby hemtjänst");
   6. the deciding body, when its units are of one sector (Socialnämnden,
      Förskolenämnden, Idrottsnämnden, a company's board).
   Otherwise the class stays NULL: the text does not tell. The words are
   rows of lib/data/unit_classes.tsv: the document's wording of a class
   ("individ- och familjeomsorg", "övriga verksamheter") and the words of
   names and bodies, each mapped to one of the five classes. */
#include "internal.h"

#include <pthread.h>
#include <stdint.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

typedef struct class_row {
    const char *pat; /* lower case, without its stars */
    size_t len;
    unsigned char left, right; /* may end (*x), may begin (x*) a longer word */
    const char *klass;
    char scope; /* 'n' name, 'c' class wording, 'b' body */
} class_row;

/* ordered by scope, then longest first (the Makefile's rule): the first
   row of a scope that matches is the longest, and of rows as long the
   first in the file */
static const class_row rows[] = {
#include "unit_classes.inc"
};
enum { NROWS = sizeof rows / sizeof *rows };

/* The first row at or after `from` that is of a scope after `scope`, or of
   `scope` and no longer than `len` bytes (a binary search). */
static size_t first_row(size_t from, char scope, size_t len)
{
    size_t a = from, b = NROWS;
    while (a < b) {
        size_t m = a + (b - a) / 2;
        if (rows[m].scope < scope || (rows[m].scope == scope && rows[m].len > len))
            a = m + 1;
        else
            b = m;
    }
    return a;
}

/* first_row's answers for the rows' scopes (a few), made once with
   row_pairs: for each scope the first row of each length up to the
   longest row's (a longer `len` asks as that one does), and the end of
   the scope's rows; a text's class asked about costs a look-up, not two
   searches over the table */
enum { SCOPES_MAX = 8, SCOPE_LEN_MAX = 96 };
typedef struct scope_table {
    signed char ix[256]; /* a scope's index, -1 when no row has it */
    size_t hi[SCOPES_MAX], max_len;
    unsigned short lo[SCOPES_MAX][SCOPE_LEN_MAX + 1];
    int off; /* too many scopes, or a row too long: searched */
} scope_table;

static void make_scope_table(scope_table *st)
{
    memset(st->ix, -1, sizeof st->ix);
    size_t n = 0;
    for (size_t i = 0; i < NROWS && !st->off; i++) {
        unsigned char sc = (unsigned char)rows[i].scope;
        if (rows[i].len > SCOPE_LEN_MAX || NROWS > 65535)
            st->off = 1;
        else if (st->ix[sc] < 0 && n == SCOPES_MAX)
            st->off = 1;
        else if (st->ix[sc] < 0)
            st->ix[sc] = (signed char)n++;
        if (rows[i].len > st->max_len)
            st->max_len = rows[i].len;
    }
    if (st->off)
        return;
    for (unsigned sc = 0; sc < 256; sc++) {
        if (st->ix[sc] < 0)
            continue;
        size_t j = (size_t)st->ix[sc];
        for (size_t len = 0; len <= st->max_len; len++)
            st->lo[j][len] = (unsigned short)first_row(0, (char)sc, len);
        st->hi[j] = first_row(st->lo[j][0], (char)(sc + 1), SIZE_MAX);
    }
}

/* ---- matching the table ---- */

/* A letter ends or continues a word; a hyphen, a space or punctuation does not. */
static int letter_at(const char *s, size_t n, size_t at)
{
    return at < n && pk_is_letter_at(s + at, n - at);
}

static int letter_before(const char *s, size_t at)
{
    if (at == 0)
        return 0;
    size_t k = at - 1;
    while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80)
        k--;
    return pk_is_letter_at(s + k, at - k);
}

/* A pair of bytes as a bit of the set of pairs that occur in a text. */
static inline unsigned pair_bit(unsigned char a, unsigned char b) { return ((unsigned)a << 4 ^ b) & 1023; }

static inline int pair_seen(const uint64_t *seen, const char *p)
{
    unsigned k = pair_bit((unsigned char)p[0], (unsigned char)p[1]);
    return seen[k >> 6] >> (k & 63) & 1;
}

/* The rows of two bytes or more by their scope and the pair_bit() of
   their first two bytes, in table order: by_first[first_at[k] ..
   first_at[k + 1]) hold key k (the scope's index times 1024, and the
   pair), so that a place of a text is compared only with the rows of the
   scope asked about that open as it does (the scopes' rows in one set of
   pairs gave most places rows of another scope, each passed over by a
   test of its own); and the shorter rows, as bits (row i: bit i % 64 of
   word i / 64). A table of scopes `off` has them all under index 0. Made
   once per process. */
enum { ROW_WORDS = (NROWS + 63) / 64, PAIR_KEYS = SCOPES_MAX * 1024 };

static struct {
    unsigned short first_at[PAIR_KEYS + 1];
    unsigned short by_first[NROWS];
    /* beside each of by_first: its row's length and last byte, so that
       the rows that do not fit, or end otherwise, are passed without a
       load of the row or its bytes */
    size_t by_len[NROWS];
    unsigned char by_last[NROWS];
    uint64_t short_rows[ROW_WORDS];
    /* the pairs any row of two bytes or more of each scope opens with
       (bit k: pair k), two cache lines a scope: a place whose pair opens
       none (most) is passed without a look at first_at, which is cold at
       a document's few questions */
    uint64_t opens[SCOPES_MAX][1024 / 64];
    scope_table scopes;
} row_pairs;
static pthread_once_t row_pairs_once = PTHREAD_ONCE_INIT;
static int row_pairs_ready; /* (pk_once) */
static void make_row_pairs(void);

/* The rows of `scope` no longer than `len` bytes: [*lo, return value). */
static inline size_t scope_rows(char scope, size_t len, size_t *lo)
{
    pk_once(&row_pairs_once, &row_pairs_ready, make_row_pairs);
    const scope_table *st = &row_pairs.scopes;
    int j = st->ix[(unsigned char)scope];
    if (st->off || j < 0) {
        *lo = first_row(0, scope, len);
        return first_row(*lo, (char)(scope + 1), SIZE_MAX);
    }
    *lo = st->lo[j][len < st->max_len ? len : st->max_len];
    return st->hi[j];
}

/* The index of a scope in the pairs' keys: its own, 0 for a table `off`
   or a scope no row has (whose rows, none, no key holds). */
static inline size_t scope_key(char scope)
{
    const scope_table *st = &row_pairs.scopes;
    int j = st->off ? 0 : st->ix[(unsigned char)scope];
    return j > 0 ? (size_t)j : 0;
}

static void make_row_pairs(void)
{
    make_scope_table(&row_pairs.scopes);
    static unsigned short fill[PAIR_KEYS + 1];
    for (size_t i = 0; i < NROWS; i++)
        if (rows[i].len >= 2) {
            size_t j = scope_key(rows[i].scope);
            unsigned k = pair_bit((unsigned char)rows[i].pat[0], (unsigned char)rows[i].pat[1]);
            fill[j * 1024 + k + 1]++;
            row_pairs.opens[j][k >> 6] |= (uint64_t)1 << (k & 63);
        } else
            row_pairs.short_rows[i / 64] |= (uint64_t)1 << (i % 64);
    for (size_t k = 0; k < PAIR_KEYS; k++)
        fill[k + 1] = (unsigned short)(fill[k + 1] + fill[k]);
    memcpy(row_pairs.first_at, fill, sizeof fill);
    for (size_t i = 0; i < NROWS; i++)
        if (rows[i].len >= 2) {
            size_t j = fill[scope_key(rows[i].scope) * 1024 +
                            pair_bit((unsigned char)rows[i].pat[0], (unsigned char)rows[i].pat[1])]++;
            row_pairs.by_first[j] = (unsigned short)i;
            row_pairs.by_len[j] = rows[i].len;
            row_pairs.by_last[j] = (unsigned char)rows[i].pat[rows[i].len - 1];
        }
}

/* The row `r` stands at s[k..] (it fits there) as a word's part its stars allow. */
static int row_at(const class_row *r, const char *s, size_t n, size_t k)
{
    for (size_t j = 0; j < r->len; j++)
        if (s[k + j] != r->pat[j])
            return 0;
    return (r->left || !letter_before(s, k)) && (r->right || !letter_at(s, n, k + r->len));
}

/* The class of the longest row of `scope` found in s (lower case, n
   bytes), or NULL. With anchored, only a row that starts at s[0]. The
   rows are longest first: the answer is the first row (in table order)
   that stands anywhere, found place by place among the rows of the scope
   that open with the place's pair of bytes (by_first), fit in the bytes
   from it and come before the best found so far; the rows shorter than
   a pair (the scope's last) only where none does. */
static const char *match_rows(const char *s, size_t n, char scope, int anchored)
{
    size_t lo, hi = scope_rows(scope, n, &lo), best = hi;
    /* the places [0, lim): where a pair stands, only the first when
       anchored, and, once a row is found, where one as long fits (the rows
       before best are as long as it or longer: none fits past them) */
    size_t lim = n ? n - 1 : 0;
    if (anchored && lim > 1)
        lim = 1;
    /* the scope's pairs (a row of another scope is passed over by r < lo
       or r >= best below, wherever it stands) */
    size_t sk = scope_key(scope);
    const uint64_t *opens = row_pairs.opens[sk];
    const unsigned short *first_at = row_pairs.first_at + sk * 1024;
    for (size_t i = 0; i < lim; i++) {
        if (!pair_seen(opens, s + i))
            continue;
        unsigned k = pair_bit((unsigned char)s[i], (unsigned char)s[i + 1]);
        for (size_t j = first_at[k]; j < first_at[k + 1]; j++) {
            size_t r = row_pairs.by_first[j];
            if (r >= best)
                break;
            /* (the last byte first: most rows that open alike end otherwise) */
            size_t m = row_pairs.by_len[j];
            if (r < lo || m > n - i || (unsigned char)s[i + m - 1] != row_pairs.by_last[j] || !row_at(&rows[r], s, n, i))
                continue;
            best = r;
            if (lim > n - m + 1)
                lim = n - m + 1;
            break;
        }
    }
    if (best < hi)
        return rows[best].klass;
    for (size_t w = lo / 64; w < ROW_WORDS && w * 64 < hi; w++) {
        uint64_t bits = row_pairs.short_rows[w];
        if (w == lo / 64)
            bits &= ~(uint64_t)0 << (lo % 64);
        if (hi < (w + 1) * 64)
            bits &= ((uint64_t)1 << (hi % 64)) - 1;
        for (; bits; bits &= bits - 1) {
            const class_row *r = &rows[w * 64 + (size_t)__builtin_ctzll(bits)];
            for (size_t k = 0; r->len && k + r->len <= n && (!anchored || k == 0); k++) /* (an empty row: nowhere) */
                if (row_at(r, s, n, k))
                    return r->klass;
        }
    }
    return NULL;
}

/* The class of the lower-case text low, as class_of() */
static const char *class_of_low(const char *low, char scope) { return match_rows(low, strlen(low), scope, 0); }

static const char *class_of(ctx *c, const char *s, size_t n, char scope)
{
    if (!s || !n)
        return NULL;
    return class_of_low(pk_lower(c->a, s, n), scope);
}

/* Unit u's name in lower case: as units.c kept it beside the unit, or
   made here (a unit list filled otherwise) */
static const char *unit_low(ctx *c, size_t u)
{
    if (c->unit_lows.n == c->units.n)
        return ((const char *const *)c->unit_lows.items)[u];
    const char *name = ((const pk_unit *)c->units.items)[u].name;
    return pk_lower(c->a, name, strlen(name));
}

/* ---- unit names, looked up by their case-folded form ---- */

typedef struct name_ix {
    const char **key; /* per unit: its name case-folded */
    size_t *slot;     /* unit index + 1, 0 empty; open addressing */
    size_t *next;     /* the next unit with the same key, + 1 */
    size_t cap;
    uint64_t lens[4]; /* the lengths of the keys under 256: most runs of words are none, and need no hash */
    /* the pairs of bytes (pair_bit) the keys of two bytes or more open
       with, whether a key is shorter, and the longest key: the runs of
       words from a place that opens with no such pair are looked up no
       further than their first word's collective question */
    uint64_t opens[16];
    int short_key;
    size_t max_len;
} name_ix;

static void ix_build(ctx *c, name_ix *ix)
{
    size_t n = c->units.n;
    ix->cap = 16;
    while (ix->cap < 2 * n)
        ix->cap *= 2;
    ix->key = pk_arena_alloc(c->a, n * sizeof *ix->key + 1);
    ix->slot = pk_arena_alloc(c->a, ix->cap * sizeof *ix->slot);
    ix->next = pk_arena_alloc(c->a, n * sizeof *ix->next + 1);
    memset(ix->slot, 0, ix->cap * sizeof *ix->slot);
    memset(ix->lens, 0, sizeof ix->lens);
    memset(ix->opens, 0, sizeof ix->opens);
    ix->short_key = 0;
    ix->max_len = 0;
    for (size_t u = 0; u < n; u++) {
        ix->key[u] = unit_low(c, u);
        ix->next[u] = 0;
        size_t len = strlen(ix->key[u]);
        if (len < 256)
            ix->lens[len >> 6] |= (uint64_t)1 << (len & 63);
        if (len > ix->max_len)
            ix->max_len = len;
        if (len >= 2) {
            unsigned k = pair_bit((unsigned char)ix->key[u][0], (unsigned char)ix->key[u][1]);
            ix->opens[k >> 6] |= (uint64_t)1 << (k & 63);
        } else {
            ix->short_key = 1;
        }
        size_t i = pk_hash_folded(ix->key[u], len) & (ix->cap - 1);
        for (; ix->slot[i]; i = (i + 1) & (ix->cap - 1))
            if (strcmp(ix->key[ix->slot[i] - 1], ix->key[u]) == 0)
                break;
        if (ix->slot[i]) { /* the same name in another case: chain it */
            size_t f = ix->slot[i] - 1;
            ix->next[u] = ix->next[f];
            ix->next[f] = u + 1;
        } else {
            ix->slot[i] = u + 1;
        }
    }
}

/* The first unit named s[0..n), + 1; 0 when none. */
static size_t ix_find(const name_ix *ix, const char *s, size_t n)
{
    if (n < 256 && !(ix->lens[n >> 6] >> (n & 63) & 1))
        return 0;
    for (size_t i = pk_hash_folded(s, n) & (ix->cap - 1); ix->slot[i]; i = (i + 1) & (ix->cap - 1)) {
        const char *k = ix->key[ix->slot[i] - 1];
        if (strlen(k) == n && memcmp(k, s, n) == 0)
            return ix->slot[i];
    }
    return 0;
}

/* ---- class phrases ---- */

enum { SRC_NONE, SRC_PHRASE, SRC_DECISION_PHRASE };

typedef struct state {
    const char **klass; /* per unit, from a phrase that names it */
    int *source;        /* SRC_*: where that came from */
    const char *common; /* step 2: the class of the phrases about all units */
    int common_conflict;
    size_t settled; /* the units whose class a phrase in the decision gave: no later phrase changes it */
} state;

/* Units named in [s, e) get class k. Returns how many names were found;
   *coll is set when a collective word stands there. */
static size_t name_units(ctx *c, const name_ix *ix, state *st, size_t s, size_t e, const char *k, int src,
                         int *coll)
{
    const char *low = pk_fold_lower(c, s, e);
    size_t n = strlen(low), found = 0;
    *coll = 0;
    /* every run of one to nine words, without punctuation at its end: the
       spaces found once, a word's end the space after it (or n) */
    size_t *sp = pk_arena_alloc(c->a, (n + 1) * sizeof *sp), m = 0, i = 0;
#if defined(__SSE2__)
    for (; i + 16 <= n; i += 16) /* (sixteen at a time, the spaces' bits in order) */
        for (unsigned b = (unsigned)_mm_movemask_epi8(
                 _mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)(const void *)(low + i)), _mm_set1_epi8(' ')));
             b; b &= b - 1)
            sp[m++] = i + (size_t)__builtin_ctz(b);
#endif
    for (; i < n; i++)
        if (low[i] == ' ')
            sp[m++] = i;
    for (size_t j = 0; j <= m; j++) {
        size_t a = j ? sp[j - 1] + 1 : 0; /* after the j-th space */
        if (a >= n)
            break;
        size_t b = a;
        /* a key of two bytes or more stands here only where its first two do */
        int may = ix->short_key || (a + 1 < n && pair_seen(ix->opens, low + a));
        for (int words = 0; words < 9 && b < n; words++) {
            b = j + (size_t)words < m ? sp[j + (size_t)words] : n;
            size_t z = b;
            while (z > a && (low[z - 1] == ',' || low[z - 1] == '.' || low[z - 1] == ';' || low[z - 1] == ':'))
                z--;
            if (words == 0 && pk_is_collective_word(low + a, z - a))
                *coll = 1;
            /* (the runs grow: none further is a key) */
            if (!may || z - a > ix->max_len)
                break;
            for (size_t u = z > a ? ix_find(ix, low + a, z - a) : 0; u; u = ix->next[u - 1]) {
                found++;
                if (st->source[u - 1] < src) {
                    st->settled += src == SRC_DECISION_PHRASE;
                    st->klass[u - 1] = k;
                    st->source[u - 1] = src;
                }
            }
            b++;
        }
    }
    return found;
}

/* The class a phrase's wording names ("individ- och familjeomsorg"), and
   in *end where the wording ends in the text. */
static const char *wording(ctx *c, size_t at, size_t *end)
{
    size_t e = at + 80 < c->t.n ? at + 80 : c->t.n;
    while (e < c->t.n && ((unsigned char)c->t.s[e] & 0xC0) == 0x80)
        e++;
    const char *low = pk_lower(c->a, c->t.s + at, e - at);
    size_t n = strlen(low);
    /* whitespace folded, with the text offset of each byte kept; the case
       folding keeps the length of Swedish letters, and where it does not
       the wording ends at its first byte */
    int same = n == e - at;
    /* folded only as far as the longest wording reaches, with room for the
       letter after it (a character of up to four bytes): no row asks for
       more, and every row of the scope fits either way */
    size_t all, most = scope_rows('c', SIZE_MAX, &all) > all ? rows[all].len + 4 : 0;
    char *w = pk_arena_alloc(c->a, n + 1);
    size_t *pos = pk_arena_alloc(c->a, (n + 1) * sizeof *pos), o = 0;
    /* each byte written, and kept (o moved on) unless a space follows one:
       no branch on where the spaces stand (a space passed over leaves
       `prev` a space either way) */
    char prev = 0;
    for (size_t i = 0; i < n && o < most; i++) {
        char ch = low[i] == '\n' ? ' ' : low[i];
        pos[o] = same ? at + i : at;
        w[o] = ch;
        o += !((ch == ' ') & (prev == ' '));
        prev = ch;
    }
    w[o] = 0;
    pos[o] = e;
    const class_row *best = NULL;
    size_t lo, hi = scope_rows('c', o, &lo);
    for (size_t i = lo; i < hi && !best; i++) { /* longest first; the first bytes before a call */
        const class_row *r = &rows[i];
        if ((!r->len || w[0] == r->pat[0]) && memcmp(w, r->pat, r->len) == 0 && (r->right || !letter_at(w, o, r->len)))
            best = r;
    }
    if (!best)
        return NULL;
    *end = same ? pos[best->len] : at + 1;
    return best->klass;
}

static void note_common(state *st, const char *k)
{
    if (st->common && strcmp(st->common, k) != 0)
        st->common_conflict = 1;
    st->common = k;
}

/* The next class phrase at or after pos: RX_CLASS run only in a window
   around each "klass" ("lass" or "LASS", cue_words.tsv), found by the one
   pass, so that prose without one costs nothing. 1 and the offsets in ov,
   or 0. */
static int next_phrase(ctx *c, size_t pos, size_t *ov)
{
    size_t n = c->t.n;
    /* (each place is one where a row's word stands as written, within the
       text: the place is the answer pk_cue_word_at would give) */
    const pk_cues *cues = pk_cue_places(c, PK_CUE_CLASS);
    while (pos < n) {
        size_t i = pk_first_from(cues->at, cues->n, pos), q = i < cues->n ? cues->at[i] : n;
        if (q >= n)
            return 0;
        /* "tävlingsklassen": the match starts at most 10 bytes before the
           cue; its wording starts within 64 after it */
        size_t ws = q >= pos + 10 ? q - 10 : pos, we = q + 64 < n ? q + 64 : n;
        if (pk_rx_match(c, RX_CLASS, ws, we, ov, 2))
            return 1;
        pos = q + 4;
    }
    return 0;
}

/* Every class phrase of the text, in order: the units it names, or all of them. */
static void phrases(ctx *c, state *st)
{
    /* the units by name, made at the first phrase that asks (most texts have none) */
    name_ix ix = {0};
    int ix_made = 0;
    size_t ov[4], pos = 0, prev_end = 0;
    /* (every unit given its class by a phrase in the decision: the later
       phrases change no class, and the class they have in common is
       asked for no unit) */
    while (pos < c->t.n && st->settled < c->units.n && next_phrase(c, pos, ov)) {
        size_t m0 = ov[0], we = 0;
        const char *k = wording(c, ov[2], &we);
        if (!k) {
            pos = ov[2] > pos ? ov[2] : pos + 1;
            continue;
        }
        pos = we > ov[2] ? we : ov[2] + 1;
        /* the phrase's own part of its sentence: back to its start, or to
           the phrase before it */
        size_t lo = m0 > 400 ? m0 - 400 : 0, ss, se;
        if (lo < prev_end)
            lo = prev_end;
        pk_sentence_bounds(&c->t, lo, m0, m0, &ss, &se);
        prev_end = pos;
        int in_decision = m0 >= c->decision_lo && m0 < c->decision_hi;
        int coll = 0;
        if (ss < m0 && !ix_made) {
            ix_build(c, &ix);
            ix_made = 1;
        }
        size_t named = ss < m0 ? name_units(c, &ix, st, ss, m0, k, in_decision ? SRC_DECISION_PHRASE : SRC_PHRASE,
                                            &coll)
                               : 0;
        if (!named && (in_decision || coll))
            note_common(st, k);
    }
}

/* ---- the words around a unit ---- */

static int is_sp(char ch) { return ch == ' ' || ch == '\n'; }

/* "Tenstagården (äldreboende)": the kind in parentheses after the unit. */
static const char *kind_after(ctx *c, size_t e)
{
    while (e < c->t.n && c->t.s[e] == ' ')
        e++;
    if (e >= c->t.n || c->t.s[e] != '(')
        return NULL;
    size_t q = e + 1;
    while (q < c->t.n && q - e < 48 && c->t.s[q] != ')' && c->t.s[q] != '\n')
        q++;
    if (q >= c->t.n || c->t.s[q] != ')')
        return NULL;
    return class_of(c, c->t.s + e + 1, q - e - 1, 'n');
}

/* "förskolorna Solrosen", "fritidsgården Gläntan": the word in front of s. */
static const char *kind_before(ctx *c, size_t s)
{
    const char *t = c->t.s;
    size_t e = s;
    while (e > 0 && is_sp(t[e - 1]))
        e--;
    if (e == s)
        return NULL; /* glued to the name: no word of its own */
    size_t b = e;
    while (b > 0 && e - b < 40) {
        size_t k = b - 1;
        while (k > 0 && ((unsigned char)t[k] & 0xC0) == 0x80)
            k--;
        if (!(t[k] == '-' || pk_is_letter_at(t + k, b - k)))
            break;
        b = k;
    }
    return b < e ? class_of(c, t + b, e - b, 'n') : NULL;
}

/* The text between two units of one list: separators, "och", "samt",
   "respektive" and parenthesised kinds only. */
static int same_list(const ctx *c, size_t e, size_t s)
{
    if (s < e || s - e > 64)
        return 0;
    size_t p = e;
    while (p < s) {
        char ch = c->t.s[p];
        if (is_sp(ch) || ch == ',' || ch == ';') {
            p++;
            continue;
        }
        if (ch == '(') {
            while (p < s && c->t.s[p] != ')')
                p++;
            p++;
            continue;
        }
        /* a joint of conjunction_words.tsv (unit_list_joint) */
        int w = 0;
        for (size_t i = 0; i < pk_n_unit_list_joint && !w; i++) {
            size_t m = strlen(pk_unit_list_joint[i]);
            if (p + m <= s && memcmp(c->t.s + p, pk_unit_list_joint[i], m) == 0 && p + m < c->t.n &&
                is_sp(c->t.s[p + m])) {
                p += m;
                w = 1;
            }
        }
        if (!w)
            return 0;
    }
    return p == s;
}

/* Where a unit stands in the cleaned text, found when a unit asks for
   the words around it (most have their class before): its start and end,
   whether its span maps back there (placed), and the first unit of the
   list it is in (run). */
typedef struct unit_place {
    size_t s, e, run;
    int placed, known;
} unit_place;

static void place_unit(ctx *c, const pk_unit *x, unit_place *p)
{
    if (p->known)
        return;
    p->s = pk_cleaned_at(c, x->span.start);
    p->e = pk_cleaned_at(c, x->span.end);
    p->placed = p->s < c->t.n && pk_map_at(&c->t, p->s) == x->span.start && p->e >= p->s;
    p->known = 1;
}

/* The lists of the units up to u, in order from *ran (the units before
   it have theirs): each unit is placed and joined to the list before it
   once, whichever unit asks. */
static void runs_to(ctx *c, const pk_unit *us, unit_place *pl, size_t *ran, size_t u)
{
    for (; *ran <= u; ++*ran) {
        size_t v = *ran;
        place_unit(c, &us[v], &pl[v]);
        size_t prev_e = v && pl[v - 1].placed ? pl[v - 1].e : 0;
        pl[v].run = !pl[v].placed || v == 0 || !same_list(c, prev_e, pl[v].s) ? v : pl[v - 1].run;
    }
}

void pk_extract_unit_class(ctx *c)
{
    size_t n = c->units.n;
    if (!n)
        return;
    pk_unit *us = c->units.items;
    state st = {0};
    st.klass = pk_arena_alloc(c->a, n * sizeof *st.klass);
    st.source = pk_arena_alloc(c->a, n * sizeof *st.source);
    memset(st.klass, 0, n * sizeof *st.klass);
    memset(st.source, 0, n * sizeof *st.source);
    phrases(c, &st);
    const char *common = st.common_conflict ? NULL : st.common;

    /* the units' places, the body's class and the noun in front of a list
       are read when a unit asks for them, not for every unit, document and
       list: most units have their class before that */
    unit_place *pl = pk_arena_alloc(c->a, n * sizeof *pl);
    memset(pl, 0, n * sizeof *pl);
    size_t ran = 0;
    const char *body = c->rec->body_canonical ? c->rec->body_canonical : c->rec->body;
    const char *body_class = NULL;
    int body_known = 0;
    const char *run_kind = NULL; /* the noun in front of the list that starts at unit kind_run */
    size_t kind_run = SIZE_MAX;
    for (size_t u = 0; u < n; u++) {
        pk_unit *x = &us[u];
        const char *k = st.klass[u];
        if (!k)
            k = common;
        if (!k)
            k = x->name[0] ? class_of_low(unit_low(c, u), 'n') : NULL;
        if (!k) {
            place_unit(c, x, &pl[u]);
            if (pl[u].placed)
                k = kind_after(c, pl[u].e);
        }
        if (!k) {
            runs_to(c, us, pl, &ran, u);
            size_t r = pl[u].run;
            if (r != kind_run) {
                kind_run = r;
                run_kind = pl[r].placed ? kind_before(c, pl[r].s) : NULL;
            }
            k = run_kind;
        }
        if (!k && x->parent)
            k = class_of(c, x->parent, strlen(x->parent), 'n');
        if (!k && !body_known) {
            body_class = body ? class_of(c, body, strlen(body), 'b') : NULL;
            body_known = 1;
        }
        if (!k)
            k = body_class;
        x->klass = k;
    }
}
