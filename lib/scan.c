/* The one pass over the cleaned text: every cue any stage asks for — the
   cue words of each pattern row (match.c), a digit where a pattern row
   takes digits as its cue, the openings of the date cue table's phrases —
   is found by one automaton that reads each byte of the text once, and
   stands in one per-document index: for each kind of cue, the offsets where
   one starts, in order. The automaton is made from the rows when the
   extractor is made (an Aho-Corasick automaton turned into a table of
   transitions over byte classes), so the cues cannot drift from the rows
   they come from, and the cost per byte is one table lookup whatever the
   number of cues. */
#include "internal.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#define MAX_KEY 64
#define MAX_DIGIT 8

/* How a key stands in the text: its bytes as written, or folded (a
   phrase in lower case, in any case in the text, a space of it a space or
   a line break, as the date cues compare). */
enum { AS_WRITTEN, FOLDED };

typedef struct key {
    unsigned char b[MAX_KEY];
    unsigned char len, kind, how;
    pk_cue_fits fits; /* what must follow the key, or NULL */
    /* a folded key that ends in a space: the bytes one of which must
       follow the run of spaces and line breaks there (bit t % 8 of
       then[t / 8]), and those one of which must follow that byte (of
       then[32 + t / 8]; all of them when any may), when `bound` */
    unsigned char bound;
    unsigned char then[64];
    /* once compiled: its set's place in thens (0: none), and where in
       the key the run of spaces ends that the sets follow (its length,
       or less for a key that goes on past the run: extend_bound()) */
    unsigned char then_id, then_at;
} key;

/* The automaton reads the text's bytes folded (canon()): a state's key
   there may be spelt otherwise in the text than the key allows (an exact
   "nämnd" where "NäMnd" stands). The bytes that read as one differ in
   bit 5 only (a letter's case, the Latin-1 second bytes of a capital and
   of its small letter, a line break and a space), so where the text
   reads as a key, it spells it as the key allows when bit 5 of each of
   its bytes is as the key wants it, at the places where the key allows
   only one of them: a key's check is a word of bits (care, and want
   there), held to the bits of the 32 bytes that end where it does
   (case_bits()). A key whose check those cannot tell (longer than 32
   bytes, or allowing bytes that bit 5 does not tell from those it does
   not allow) is spelt out (spelt(): check, its place in checks). */
typedef struct key_hit {
    pk_cue_fits fits;
    uint32_t check, want, care;
    unsigned char kind, len, how, cased;
    /* a folded key's set of the bytes after its run of spaces (in
       thens, when fits is then_follows), else 0; and where in the key
       that run ends */
    unsigned char then, then_at;
} key_hit;

/* The hits of a state that add one place, one record: keys of one kind,
   length and fits, their bytes otherwise spelt ("nämnd", "Nämnd",
   "NÄMND"), any of which spelt in the text adds the place if its fits
   hold. Up to SPELLINGS checks by their bits (those not used the first
   again: one test for all, and no branch on which holds), or, when any
   of them is spelt out, all of them in spells[spell .. spell + nspell). */
#define SPELLINGS 4
typedef struct hit {
    uint32_t want[SPELLINGS], care[SPELLINGS];
    pk_cue_fits fits;
    uint32_t spell;
    uint16_t nspell;
    unsigned char kind, len, then, then_at;
} hit;

/* A key spelt out: its bytes' place in checks (0: any spelling that
   reads as it) and how it stands. */
typedef struct spelling {
    uint32_t check;
    unsigned char how;
} spelling;

/* A hot state's hits: first[0 .. n) (in outs), and whether it is reached
   by a digit after no digit. */
typedef struct hot_state {
    const struct hit *first;
    uint16_t n;
    unsigned char after_digit;
} hot_state;

struct pk_scan {
    /* while rows are added */
    key *keys;
    size_t nkeys, capkeys;
    /* compiled */
    unsigned char cls[256]; /* byte -> class; 0: a byte no key holds */
    int nclass;
    /* the transitions, one column of nstates entries a class: the next
       state for each state, so that a byte's column (col[byte]) is known
       before the state is, and the states the text keeps to (the
       root's and those near it, numbered first) share a few cache lines of
       each column. The states that have hits or follow the first digit of
       a run (the hot ones) come last: one comparison of the state tells
       the loop whether there is anything to do. */
    uint16_t *delta;
    const uint16_t *col[256]; /* byte -> its class's column */
    uint32_t hot;       /* the first hot state */
    size_t depth;       /* the length of the longest key */
    hot_state *hots;    /* state -> its hits (a cold state's: none) */
    hit *outs;          /* longest first: at one end, the earlier starts first */
    spelling *spells;   /* the spellings of the hits spelt out (0: none) */
    unsigned char *checks; /* the bytes of the keys whose hits are checked */
    size_t nchecks;
    /* the sets of bytes after a folded key's run of spaces (0: none) */
    unsigned char (*thens)[64];
    size_t nthens;
    /* the digit rows: each asked once for each run of digits, at its
       first digit (pk_scan_digit: fits, or pk_scan_digit_run: run) */
    int ndigit;
    int digit_kind[MAX_DIGIT];
    pk_cue_fits digit_fits[MAX_DIGIT];
    pk_digit_run digit_run[MAX_DIGIT];
    /* and those answered together (pk_scan_digit_rows, or NULL): the
       kind of each of their nrows answers */
    pk_digit_rows rows;
    int nrows;
    int rows_kind[MAX_DIGIT];
    unsigned rows_kept; /* the answers with a kind (bit i: rows_kind[i] >= 0) */
    /* the rows of pk_cue_words by kind, each kind's in table order
       (words[by_kind[kind] .. by_kind[kind + 1])), and each row's length,
       for pk_cue_word_at */
    uint32_t by_kind[PK_CUE_KINDS + 1];
    uint32_t *words;
    size_t *word_len;
};

pk_scan *pk_scan_new(void)
{
    pk_scan *sc = pk_malloc(sizeof *sc);
    if (!sc)
        return NULL;
    memset(sc, 0, sizeof *sc);
    return sc;
}

void pk_scan_free(pk_scan *sc)
{
    if (!sc)
        return;
    free(sc->keys);
    free(sc->delta);
    free(sc->hots);
    free(sc->outs);
    free(sc->spells);
    free(sc->words);
    free(sc->word_len);
    free(sc->checks);
    free(sc->thens);
    free(sc);
}

static int add_key(pk_scan *sc, int kind, const unsigned char *b, size_t len, int how, pk_cue_fits fits)
{
    if (len == 0 || len > MAX_KEY || kind < 0 || kind >= PK_CUE_KINDS)
        return -1;
    if (sc->nkeys == sc->capkeys) {
        size_t more = sc->capkeys ? 2 * sc->capkeys : 64;
        key *k = pk_realloc(sc->keys, more * sizeof *k);
        if (!k)
            return -1;
        sc->keys = k;
        sc->capkeys = more;
    }
    key *k = &sc->keys[sc->nkeys++];
    memcpy(k->b, b, len);
    k->len = (unsigned char)len;
    k->kind = (unsigned char)kind;
    k->how = (unsigned char)how;
    k->fits = fits;
    k->bound = 0;
    k->then_id = 0;
    k->then_at = (unsigned char)len;
    return 0;
}

int pk_scan_word(pk_scan *sc, int kind, const char *word)
{
    return add_key(sc, kind, (const unsigned char *)word, strlen(word), AS_WRITTEN, NULL);
}

int pk_scan_word_then(pk_scan *sc, int kind, const char *word, pk_cue_fits fits)
{
    return add_key(sc, kind, (const unsigned char *)word, strlen(word), AS_WRITTEN, fits);
}

static int add_digit(pk_scan *sc, int kind, pk_cue_fits fits, pk_digit_run run)
{
    if (sc->ndigit == MAX_DIGIT || kind < 0 || kind >= PK_CUE_KINDS)
        return -1;
    sc->digit_kind[sc->ndigit] = kind;
    sc->digit_fits[sc->ndigit] = fits;
    sc->digit_run[sc->ndigit++] = run;
    return 0;
}

int pk_scan_digit(pk_scan *sc, int kind, pk_cue_fits fits) { return add_digit(sc, kind, fits, NULL); }

int pk_scan_digit_run(pk_scan *sc, int kind, pk_digit_run fits) { return add_digit(sc, kind, NULL, fits); }

int pk_scan_digit_rows(pk_scan *sc, const int *kinds, int nkinds, pk_digit_rows rows)
{
    if (sc->rows || nkinds < 0 || nkinds > MAX_DIGIT || !rows)
        return -1;
    for (int i = 0; i < nkinds; i++) {
        if (kinds[i] >= PK_CUE_KINDS)
            return -1;
        sc->rows_kind[i] = kinds[i];
        sc->rows_kept |= kinds[i] >= 0 ? 1u << i : 0;
    }
    sc->rows = rows;
    sc->nrows = nkinds;
    return 0;
}

/* Into a set of bytes (bit t % 8 of then[t / 8]), those that read as
   c after the byte prev as the date cues compare (pk_fold_byte), which
   leaves a byte or adds 32 to it. */
static void then_add(unsigned char *then, unsigned char c, unsigned char prev)
{
    unsigned char cand[2] = {c, (unsigned char)(c - 32)};
    for (int i = 0; i < 2; i++)
        if (pk_fold_byte(cand[i], prev) == c)
            then[cand[i] / 8] = (unsigned char)(then[cand[i] / 8] | 1u << (cand[i] % 8));
}

/* A byte of a phrase's word: not its end, a space, '-' or '*'. */
static int word_of_phrase(unsigned char c) { return c && c != ' ' && c != '\n' && c != '-' && c != '*'; }

/* The phrase's bytes b[n], b[n + 1] into a bound key's sets: the second
   any byte (and the end of the text, read as 0) when it is no byte of
   the word. */
static void then_phrase(key *k, const unsigned char *b, size_t n)
{
    then_add(k->then, b[n], ' ');
    if (word_of_phrase(b[n + 1]))
        then_add(k->then + 32, b[n + 1], b[n]);
    else
        memset(k->then + 32, 0xFF, 32);
}

/* The first n bytes of a phrase in lower case, spelt in the text in any
   case, a space of it (after its first byte) as a space or a line break.
   When they end in a space, the phrase's next byte (a byte of its word,
   not '-', '*', a space or its end) follows the run of spaces and line
   breaks there, and the byte after it (when one of the word) follows
   that, read as the date cues compare them (pk_fold_byte): a place where
   no phrase of the opening can go on is not one where a phrase opens.
   Phrases of one opening share its key, and their next bytes its sets
   (any bytes once one phrase has none). */
int pk_scan_folded(pk_scan *sc, int kind, const char *phrase, size_t n)
{
    const unsigned char *b = (const unsigned char *)phrase;
    int bound = n > 1 && b[n - 1] == ' ' && word_of_phrase(b[n]);
    for (size_t i = 0; i < sc->nkeys; i++) {
        key *k = &sc->keys[i];
        if (k->how != FOLDED || k->kind != kind || k->len != n || memcmp(k->b, b, n) != 0)
            continue;
        if (!bound)
            k->bound = 0;
        if (k->bound)
            then_phrase(k, b, n);
        return 0;
    }
    if (add_key(sc, kind, b, n, FOLDED, NULL))
        return -1;
    key *k = &sc->keys[sc->nkeys - 1];
    k->bound = (unsigned char)bound;
    memset(k->then, 0, sizeof k->then);
    if (bound)
        then_phrase(k, b, n);
    return 0;
}

/* A bound key whose sets are kept (then_id) stands in the automaton as
   the keys that go on past its space: with a byte that may follow a
   single space there (each byte of the first set as the key's next byte
   reads it), and, when the second set is one of a few bytes, with one of
   those after it; or with a second space (a longer run, the sets asked
   after it as before). Every place where the sets hold is a place of one
   of them, and each hit asks the sets from the end of the run as the
   bound key did (then_at): the same places are kept, but the state after
   the space, where most text after a word that ends as the key does
   goes on otherwise, is no hot one. The key itself is replaced by the
   last of them. */
static int extend_bound(pk_scan *sc, size_t i)
{
    key k = sc->keys[i];
    size_t len = k.len;
    if (len + 2 > MAX_KEY)
        return 0;
    /* the bytes after the space as the key reads them, and after them
       (none when the second set holds the end of the text, or many) */
    unsigned char next[256], after[256];
    size_t nnext = 0, nafter = 0;
    for (int t = 0; t < 256; t++)
        if (k.then[t / 8] >> (t % 8) & 1) {
            unsigned char c = pk_fold_byte((unsigned char)t, ' ');
            if (!memchr(next, c, nnext))
                next[nnext++] = c;
        }
    int two = !(k.then[32] & 1);
    for (int t = 0; two && t < 256; t++)
        if (k.then[32 + t / 8] >> (t % 8) & 1)
            after[nafter++] = (unsigned char)t;
    if (nnext * nafter > 16 || nafter == 0)
        two = 0;
    unsigned char b[MAX_KEY];
    memcpy(b, k.b, len);
    b[len] = ' ';
    for (size_t c = 0; c < nnext; c++) {
        b[len] = next[c];
        /* the byte after as read after the key's next byte, each once */
        unsigned char seen[256 / 8] = {0};
        for (size_t d = 0; d < (two ? nafter : 1); d++) {
            unsigned char t = pk_fold_byte(after[d], next[c]);
            if (two && (seen[t / 8] >> (t % 8) & 1))
                continue;
            seen[t / 8] = (unsigned char)(seen[t / 8] | 1u << (t % 8));
            b[len + 1] = t;
            if (add_key(sc, k.kind, b, len + 1 + (size_t)two, FOLDED, NULL))
                return -1;
            sc->keys[sc->nkeys - 1].then_id = k.then_id;
            sc->keys[sc->nkeys - 1].then_at = (unsigned char)len;
        }
    }
    key *r = &sc->keys[i];
    r->b[len] = ' ';
    r->len = (unsigned char)(len + 1);
    r->then_at = (unsigned char)len;
    return 0;
}

/* Keys by kind, how they stand and bytes, a key after those it opens
   with. */
static int by_bytes(const void *pa, const void *pb)
{
    const key *a = *(const key *const *)pa, *b = *(const key *const *)pb;
    if (a->kind != b->kind)
        return a->kind < b->kind ? -1 : 1;
    if (a->how != b->how)
        return a->how < b->how ? -1 : 1;
    int d = memcmp(a->b, b->b, a->len < b->len ? a->len : b->len);
    return d ? d : (a->len > b->len) - (a->len < b->len);
}

/* A key whose every place is one of a key of its kind that it opens
   with: the shorter one spelt as the same (its bytes those of the
   longer, read as they are), its hits asking nothing but the spelling
   (no fits, no sets), finds each place where the longer stands, at its
   own end. The longer is dropped: its hits would only find those places
   again (a hot state more to visit, and a place found twice for
   settle()), and the places of each kind are the same without it
   ("sammanträde" holds those of "sammanträdesdatum", "till" those of
   "till sammanträdet").

   In the order of by_bytes(), the keys that a key opens with (of its
   kind and how) come before it, each followed by those that open with
   it only: the shorter ones whose hits ask nothing but the spelling are
   kept on a stack while the keys go on to open with them. 0, or -1 when
   out of memory. */
static int drop_covered(pk_scan *sc)
{
    size_t n = sc->nkeys, top = 0, o = 0;
    const key **order = pk_malloc((n + 1) * sizeof *order), **stack = pk_malloc((n + 1) * sizeof *stack);
    unsigned char *drop = pk_malloc(n + 1);
    int rc = -1;
    if (!order || !stack || !drop)
        goto done;
    for (size_t i = 0; i < n; i++)
        order[i] = &sc->keys[i];
    qsort(order, n, sizeof *order, by_bytes);
    memset(drop, 0, n);
    for (size_t i = 0; i < n; i++) {
        const key *k = order[i];
        while (top > 0) {
            const key *c = stack[top - 1];
            if (c->kind == k->kind && c->how == k->how && c->len <= k->len && memcmp(c->b, k->b, c->len) == 0)
                break;
            top--;
        }
        /* the bottom of the stack is the shortest of those it holds */
        drop[k - sc->keys] = top > 0 && stack[0]->len < k->len;
        if (!k->fits && !k->then_id && k->kind < PK_CUE_KINDS)
            stack[top++] = k;
    }
    for (size_t i = 0; i < n; i++)
        if (!drop[i])
            sc->keys[o++] = sc->keys[i];
    sc->nkeys = o;
    rc = 0;
done:
    free(order);
    free(stack);
    free(drop);
    return rc;
}

/* The fits of a hit whose key has a set of bytes after its run of
   spaces (then): a stand-in, never called, that sends such a hit the way
   of the hits with a fits, so that the rest (most) are told by one test. */
static int then_follows(const char *s, size_t n, size_t at)
{
    (void)s;
    (void)n;
    (void)at;
    return 1;
}

/* The byte as the automaton reads it: A-Z as a-z, the second bytes of the
   Latin-1 capitals (0x80..0x9E, after any lead byte) as those of their
   small letters, a line break as a space. Every byte a key allows at a
   place reads as the key's byte there does. */
static unsigned char canon(unsigned char t)
{
    if (t >= 'A' && t <= 'Z')
        return (unsigned char)(t + 32);
    if (t >= 0x80 && t <= 0x9E)
        return (unsigned char)(t + 0x20);
    return t == '\n' ? ' ' : t;
}

/* The key allows byte t at j. */
static int allows(const unsigned char *b, int how, size_t j, unsigned char t)
{
    if (how == AS_WRITTEN)
        return t == b[j];
    if (j > 0 && b[j] == ' ')
        return t == ' ' || t == '\n';
    return pk_fold_byte(t, j ? b[j - 1] : 0) == b[j];
}

/* The bytes by how they read: those that read as the canonical byte c
   are alike[from[c] .. from[c + 1]) (a key's byte is asked about the two
   or so that read as it, not about all 256). */
typedef struct alike_bytes {
    uint16_t from[257];
    unsigned char alike[256];
} alike_bytes;

static void sort_alike(alike_bytes *ab)
{
    uint16_t at[256];
    memset(ab->from, 0, sizeof ab->from);
    for (int t = 0; t < 256; t++)
        ab->from[canon((unsigned char)t) + 1]++;
    for (int c = 0; c < 256; c++)
        ab->from[c + 1] = (uint16_t)(ab->from[c + 1] + ab->from[c]);
    memcpy(at, ab->from, sizeof at);
    for (int t = 0; t < 256; t++)
        ab->alike[at[canon((unsigned char)t)]++] = (unsigned char)t;
}

/* The key allows every byte that reads as its own at each place: its hits
   need no check. */
static int needs_no_check(const key *k, const alike_bytes *ab)
{
    for (size_t j = 0; j < k->len; j++) {
        unsigned char c = canon(k->b[j]);
        for (size_t i = ab->from[c]; i < ab->from[c + 1]; i++)
            if (!allows(k->b, k->how, j, ab->alike[i]))
                return 0;
    }
    return 1;
}

/* The key's check as bits (key_hit): 0 when bit 5 cannot tell it (the
   key is spelt out then). Bit 32 - len + j stands for its byte j. */
static int case_of(const key *k, const alike_bytes *ab, uint32_t *want, uint32_t *care)
{
    *want = *care = 0;
    if (k->len > 32)
        return 0;
    for (size_t j = 0; j < k->len; j++) {
        unsigned char c = canon(k->b[j]);
        /* bit v: a byte allowed (yes) or not (no) whose bit 5 is v */
        unsigned yes = 0, no = 0;
        for (size_t i = ab->from[c]; i < ab->from[c + 1]; i++) {
            unsigned v = 1u << (ab->alike[i] >> 5 & 1);
            if (allows(k->b, k->how, j, ab->alike[i]))
                yes |= v;
            else
                no |= v;
        }
        if (!no)
            continue;
        if (!yes || (yes & no))
            return 0;
        uint32_t bit = 1u << (32 - k->len + j);
        *care |= bit;
        if (yes == 2)
            *want |= bit;
    }
    return 1;
}

/* A key that stands for a digit: the digit rows (pk_scan_digit) are asked
   in the states its byte leads to, unless a digit stands before it (a
   key of two digits, DIGITS_KIND, ends there too): a run of digits is
   visited at its first digit only. */
#define DIGIT_KIND 255
#define DIGITS_KIND 254

/* Two hits' checks ask the same (both none, or the same bytes). */
static int same_check(const pk_scan *sc, uint32_t a, uint32_t b, size_t len)
{
    return a == b || (a && b && memcmp(sc->checks + a, sc->checks + b, len) == 0);
}

/* The text at p spells the key as it allows. */
static int spelt(const unsigned char *b, int how, const unsigned char *u, size_t len)
{
    if (how == AS_WRITTEN)
        return memcmp(u, b, len) == 0;
    for (size_t j = 0; j < len; j++)
        if (!allows(b, how, j, u[j]))
            return 0;
    return 1;
}

#define NO_EDGE UINT16_MAX

/* The trie of the keys, its failure links, and the table of transitions. */
int pk_scan_compile(pk_scan *sc)
{
    /* every digit a key of its own, so that the state after a digit is
       never the root and tells that a digit was read, and every two
       digits one, so that it tells whether a digit stood before; when no
       other key holds a digit, the ten digits are one class, read as '0'
       (two keys and two states, not 110 of each: a smaller table) */
    int one_digit = 1;
    for (size_t i = 0; i < sc->nkeys; i++)
        for (size_t j = 0; j < sc->keys[i].len; j++)
            one_digit &= (unsigned char)(sc->keys[i].b[j] - '0') >= 10;
    int digits = one_digit ? 1 : 10;
    for (int d = 0; (sc->ndigit || sc->rows) && d < digits * (digits + 1); d++) {
        unsigned char b[2] = {(unsigned char)('0' + d % digits), (unsigned char)('0' + d / digits - 1)};
        if (add_key(sc, 0, b, d < digits ? 1 : 2, AS_WRITTEN, NULL))
            return -1;
        sc->keys[sc->nkeys - 1].kind = d < digits ? DIGIT_KIND : DIGITS_KIND;
    }
    /* each bound key's set of bytes in thens, each set once */
    free(sc->thens);
    sc->thens = NULL;
    sc->nthens = 1; /* 0: no set */
    for (size_t i = 0, nbound = sc->nkeys; i < nbound; i++) {
        if (!sc->keys[i].bound || sc->keys[i].fits)
            continue;
        size_t t = 1;
        while (t < sc->nthens && memcmp(sc->thens[t], sc->keys[i].then, sizeof *sc->thens) != 0)
            t++;
        if (t > UCHAR_MAX)
            continue; /* no room: the key takes any byte */
        if (t == sc->nthens) {
            unsigned char(*more)[64] = pk_realloc(sc->thens, (t + 1) * sizeof *more);
            if (!more)
                return -1;
            sc->thens = more;
            memcpy(sc->thens[t], sc->keys[i].then, sizeof *sc->thens);
            sc->nthens = t + 1;
        }
        sc->keys[i].then_id = (unsigned char)t;
        if (extend_bound(sc, i))
            return -1;
    }
    if (drop_covered(sc))
        return -1;
    /* a class for each canonical byte that some key holds; every byte
       that reads as it in its class */
    unsigned char of_canon[256];
    memset(of_canon, 0, sizeof of_canon);
    memset(sc->cls, 0, sizeof sc->cls);
    sc->nclass = 1;
    size_t nodes_max = 1;
    sc->depth = 0;
    for (size_t i = 0; i < sc->nkeys; i++) {
        nodes_max += sc->keys[i].len;
        if (sc->keys[i].len > sc->depth)
            sc->depth = sc->keys[i].len;
        for (int j = 0; j < sc->keys[i].len; j++)
            if (!of_canon[canon(sc->keys[i].b[j])])
                of_canon[canon(sc->keys[i].b[j])] = (unsigned char)sc->nclass++;
    }
    for (int t = 0; t < 256; t++)
        sc->cls[t] = of_canon[canon((unsigned char)t)];
    for (int t = '1'; one_digit && t <= '9'; t++)
        sc->cls[t] = sc->cls['0'];
    if (nodes_max > UINT16_MAX || sc->nclass > 255)
        return -1;
    size_t nc = (size_t)sc->nclass;
    uint16_t *fail = pk_malloc(nodes_max * sizeof *fail), *queue = pk_malloc(nodes_max * sizeof *queue);
    /* each node's own hits: a list through `next` */
    int32_t *first_hit = pk_malloc(nodes_max * sizeof *first_hit), *next_hit = pk_malloc((sc->nkeys + 1) * sizeof *next_hit);
    uint16_t *delta = pk_malloc(nodes_max * nc * sizeof *delta);
    uint32_t *out_at = pk_malloc(nodes_max * sizeof *out_at);
    uint16_t *out_n = pk_malloc(nodes_max * sizeof *out_n), *renum = pk_malloc(nodes_max * sizeof *renum);
    unsigned char *digit = pk_malloc(nodes_max);
    /* each key's check: its place in checks (its bytes), or 0 */
    uint32_t *check = pk_malloc((sc->nkeys + 1) * sizeof *check);
    /* a state's hits, one a key, before they are made records; and each
       key's check as bits (case_of()) */
    key_hit *kh = pk_malloc((sc->nkeys + 1) * sizeof *kh), *as_bits = pk_malloc((sc->nkeys + 1) * sizeof *as_bits);
    int rc = -1;
    if (!fail || !queue || !first_hit || !next_hit || !delta || !out_at || !out_n || !renum || !digit || !check || !kh || !as_bits)
        goto done;
    size_t nbytes = 1;
    for (size_t i = 0; i < sc->nkeys; i++)
        nbytes += sc->keys[i].len;
    free(sc->checks);
    sc->checks = pk_malloc(nbytes);
    if (!sc->checks)
        goto done;
    sc->nchecks = 1; /* 0: no check */
    alike_bytes ab;
    sort_alike(&ab);
    for (size_t i = 0; i < sc->nkeys; i++) {
        check[i] = 0;
        as_bits[i].cased = (unsigned char)case_of(&sc->keys[i], &ab, &as_bits[i].want, &as_bits[i].care);
        if (!needs_no_check(&sc->keys[i], &ab)) {
            check[i] = (uint32_t)sc->nchecks;
            memcpy(sc->checks + sc->nchecks, sc->keys[i].b, sc->keys[i].len);
            sc->nchecks += sc->keys[i].len;
        }
    }
    memset(fail, 0, nodes_max * sizeof *fail);
    memset(out_at, 0, nodes_max * sizeof *out_at);
    memset(out_n, 0, nodes_max * sizeof *out_n);
    memset(digit, 0, nodes_max);
    /* the trie's edges are written into the table of transitions, where
       NO_EDGE stands for none until the breadth-first walk fills the row
       (a node's number is below nodes_max, at most UINT16_MAX): each
       node's row is cleared when the node is made */
    memset(delta, 0xFF, nc * sizeof *delta);
    for (size_t i = 0; i < nodes_max; i++)
        first_hit[i] = -1;
    size_t nodes = 1;
    for (size_t i = 0; i < sc->nkeys; i++) {
        size_t st = 0;
        for (int j = 0; j < sc->keys[i].len; j++) {
            size_t c = sc->cls[sc->keys[i].b[j]];
            if (delta[st * nc + c] == NO_EDGE) {
                memset(delta + nodes * nc, 0xFF, nc * sizeof *delta);
                delta[st * nc + c] = (uint16_t)nodes++;
            }
            st = delta[st * nc + c];
        }
        next_hit[i] = first_hit[st];
        first_hit[st] = (int32_t)i;
    }
    /* breadth first: a node's failure link is the longest proper suffix of
       its path that is a path too; its row of transitions is its own
       edges, and its failure link's row where it has none */
    size_t qh = 0, qt = 0;
    for (size_t c = 0; c < nc; c++) {
        if (delta[c] != NO_EDGE) {
            fail[delta[c]] = 0;
            queue[qt++] = delta[c];
        } else {
            delta[c] = 0;
        }
    }
    while (qh < qt) {
        size_t st = queue[qh++], c = 0;
        uint16_t *row = delta + st * nc;
        const uint16_t *frow = delta + fail[st] * nc;
#if defined(__SSE2__)
        /* eight classes at a time: the edges found by comparison (in
           order), the rest taken from the failure link's row */
        const __m128i none = _mm_set1_epi16(-1);
        for (; c + 8 <= nc; c += 8) {
            __m128i r = _mm_loadu_si128((const __m128i *)(const void *)(row + c));
            __m128i f = _mm_loadu_si128((const __m128i *)(const void *)(frow + c));
            __m128i empty = _mm_cmpeq_epi16(r, none);
            for (unsigned m = ~(unsigned)_mm_movemask_epi8(_mm_packs_epi16(empty, empty)) & 0xFFu; m; m &= m - 1) {
                size_t e = c + (size_t)__builtin_ctz(m);
                fail[row[e]] = frow[e];
                queue[qt++] = row[e];
            }
            _mm_storeu_si128((__m128i *)(void *)(row + c), _mm_or_si128(_mm_and_si128(empty, f), _mm_andnot_si128(empty, r)));
        }
#endif
        for (; c < nc; c++) {
            uint16_t to = row[c];
            if (to != NO_EDGE) {
                fail[to] = frow[c];
                queue[qt++] = to;
            } else {
                row[c] = frow[c];
            }
        }
    }
    /* the hits of a state: its own keys and those of its failure chain,
       each (kind, length) once, the longest first; and whether it is the
       first digit of a run (a digit's key in the chain, and no key of two
       digits) */
    size_t nouts = 0, capouts = 0, nspells = 1, capspells = 0;
    for (size_t st = 1; st < nodes; st++) {
        size_t nkh = 0;
        int two = 0;
        for (size_t f = st; f; f = fail[f])
            for (int32_t i = first_hit[f]; i >= 0; i = next_hit[i]) {
                if (sc->keys[i].kind == DIGIT_KIND || sc->keys[i].kind == DIGITS_KIND) {
                    digit[st] |= sc->keys[i].kind == DIGIT_KIND;
                    two |= sc->keys[i].kind == DIGITS_KIND;
                    continue;
                }
                key_hit h = {.kind = sc->keys[i].kind, .len = sc->keys[i].len, .how = sc->keys[i].how,
                             .fits = sc->keys[i].fits, .check = check[i]};
                if (sc->keys[i].then_id) {
                    h.then = sc->keys[i].then_id;
                    h.then_at = sc->keys[i].then_at;
                    h.fits = then_follows;
                }
                h.cased = as_bits[i].cased;
                h.want = as_bits[i].want;
                h.care = as_bits[i].care;
                size_t k = 0;
                while (k < nkh && !(kh[k].kind == h.kind && kh[k].len == h.len && kh[k].fits == h.fits && kh[k].then == h.then &&
                                    kh[k].then_at == h.then_at && kh[k].how == h.how && same_check(sc, kh[k].check, h.check, h.len)))
                    k++;
                if (k < nkh)
                    continue;
                /* insert by length, longest first, after the last hit of
                   its kind, length and fits if there is one */
                size_t to = 0;
                while (to < nkh && kh[to].len >= h.len)
                    to++;
                for (size_t o = 0; o < to; o++)
                    if (kh[o].kind == h.kind && kh[o].len == h.len && kh[o].fits == h.fits && kh[o].then == h.then &&
                        kh[o].then_at == h.then_at)
                        to = o + 1;
                memmove(kh + to + 1, kh + to, (nkh - to) * sizeof *kh);
                kh[to] = h;
                nkh++;
            }
        /* the hits of one kind, length and fits (together in kh) in one
           record each */
        out_at[st] = (uint32_t)nouts;
        for (size_t a = 0, b; a < nkh; a = b) {
            int cased = 1;
            for (b = a; b < nkh && kh[b].kind == kh[a].kind && kh[b].len == kh[a].len && kh[b].fits == kh[a].fits &&
                        kh[b].then == kh[a].then && kh[b].then_at == kh[a].then_at;
                 b++)
                cased &= kh[b].cased;
            if (nouts == capouts) {
                size_t more = capouts ? 2 * capouts : 64;
                hit *o = pk_realloc(sc->outs, more * sizeof *o);
                if (!o)
                    goto done;
                sc->outs = o;
                capouts = more;
            }
            hit *r = &sc->outs[nouts++];
            memset(r, 0, sizeof *r);
            r->fits = kh[a].fits;
            r->kind = kh[a].kind;
            r->len = kh[a].len;
            r->then = kh[a].then;
            r->then_at = kh[a].then_at;
            /* the checks by their bits, each once; any spelling when one
               of them needs none */
            size_t nw = 0;
            for (size_t i = a; cased && i < b; i++) {
                size_t w = 0;
                while (w < nw && !(r->want[w] == kh[i].want && r->care[w] == kh[i].care))
                    w++;
                if (w < nw)
                    continue;
                if (nw == SPELLINGS) {
                    cased = 0;
                    break;
                }
                r->want[nw] = kh[i].want;
                r->care[nw++] = kh[i].care;
            }
            for (size_t i = 0; cased && i < nw; i++)
                if (!r->care[i])
                    r->want[0] = r->care[0] = 0, nw = 1;
            for (size_t w = nw; cased && w < SPELLINGS; w++) {
                r->want[w] = r->want[0];
                r->care[w] = r->care[0];
            }
            if (cased)
                continue;
            memset(r->want, 0, sizeof r->want);
            memset(r->care, 0, sizeof r->care);
            if (nspells + (b - a) > capspells) {
                size_t more = 2 * capspells + (b - a) + 16;
                spelling *o = pk_realloc(sc->spells, more * sizeof *o);
                if (!o)
                    goto done;
                sc->spells = o;
                capspells = more;
            }
            r->spell = (uint32_t)nspells;
            r->nspell = (uint16_t)(b - a);
            for (size_t i = a; i < b; i++)
                sc->spells[nspells++] = (spelling){.check = kh[i].check, .how = kh[i].how};
        }
        out_n[st] = (uint16_t)(nouts - out_at[st]);
        if (two)
            digit[st] = 0;
    }
    /* the states numbered anew: the root first, the hot ones last, each
       part breadth first (the shallow states, where the text mostly
       stays, together) */
    size_t nhot = 0, cold = 1;
    for (size_t st = 0; st < nodes; st++)
        if (out_n[st] || digit[st])
            nhot++;
    size_t first_hot = nodes - nhot, h = first_hot;
    renum[0] = 0;
    for (size_t i = 0; i < qt; i++) {
        size_t st = queue[i];
        renum[st] = (uint16_t)(out_n[st] || digit[st] ? h++ : cold++);
    }
    sc->delta = pk_malloc(nodes * nc * sizeof *sc->delta);
    sc->hots = pk_malloc(nodes * sizeof *sc->hots);
    if (!sc->delta || !sc->hots)
        goto done;
    /* each new number's old state (in fail, no longer asked), and the
       table a column at a time, each written in order */
    for (size_t st = 0; st < nodes; st++) {
        fail[renum[st]] = (uint16_t)st;
        sc->hots[renum[st]].first = sc->outs + out_at[st];
        sc->hots[renum[st]].n = out_n[st];
        sc->hots[renum[st]].after_digit = digit[st];
    }
    for (size_t c = 0; c < nc; c++) {
        uint16_t *to = sc->delta + c * nodes;
        const uint16_t *from = delta + c;
        for (size_t r = 0; r < nodes; r++)
            to[r] = renum[from[fail[r] * nc]];
    }
    for (int b = 0; b < 256; b++)
        sc->col[b] = sc->delta + sc->cls[b] * nodes;
    sc->hot = (uint32_t)first_hot;
    /* the cue words by kind (a row of no kind here is never asked for) */
    sc->words = pk_malloc((pk_n_cue_words + 1) * sizeof *sc->words);
    sc->word_len = pk_malloc((pk_n_cue_words + 1) * sizeof *sc->word_len);
    if (!sc->words || !sc->word_len)
        goto done;
    memset(sc->by_kind, 0, sizeof sc->by_kind);
    for (size_t k = 0; k < pk_n_cue_words; k++) {
        sc->word_len[k] = strlen(pk_cue_words[k].word);
        if (pk_cue_words[k].kind >= 0 && pk_cue_words[k].kind < PK_CUE_KINDS)
            sc->by_kind[pk_cue_words[k].kind + 1]++;
    }
    for (int kind = 0; kind < PK_CUE_KINDS; kind++)
        sc->by_kind[kind + 1] += sc->by_kind[kind];
    uint32_t fill[PK_CUE_KINDS];
    memcpy(fill, sc->by_kind, sizeof fill);
    for (size_t k = 0; k < pk_n_cue_words; k++)
        if (pk_cue_words[k].kind >= 0 && pk_cue_words[k].kind < PK_CUE_KINDS)
            sc->words[fill[pk_cue_words[k].kind]++] = (uint32_t)k;
    rc = 0;
done:
    free(fail);
    free(queue);
    free(first_hit);
    free(next_hit);
    free(delta);
    free(out_at);
    free(out_n);
    free(renum);
    free(digit);
    free(check);
    free(kh);
    free(as_bits);
    free(sc->keys);
    sc->keys = NULL;
    sc->nkeys = sc->capkeys = 0;
    return rc;
}

/* A kind's places while the pass notes them, and the room they have:
   in the order they are found, which is that of the text but for a few
   (and some found twice), told as they are kept: `down` once a place
   kept is not past the one kept before it (at[-1] before the first,
   UINT32_MAX: the place before each is compared as it is and one, which
   turns that to 0). */
typedef struct places {
    uint32_t *at;
    uint32_t n, cap, down;
} places;

/* The pass's text and arena. */
typedef struct pass {
    const char *s;
    size_t n;
    arena *a;
} pass;

/* The room each kind has at first (cut from one allocation for all). */
#define ROOM 64

/* More room for a kind's places (and at[-1] before them). */
__attribute__((noinline)) /* seldom asked: out of the loop over the hits */
static void grow_room(pass *ps, places *q)
{
    uint32_t more = q->cap ? 2 * q->cap : ROOM;
    uint32_t *from = q->at ? q->at - 1 : NULL;
    uint32_t *to = pk_arena_grow(ps->a, from, from ? (q->cap + 1) * sizeof *to : 0, (more + 1) * sizeof *to);
    to[0] = UINT32_MAX;
    q->at = to + 1;
    q->cap = more;
}

/* Place p of this kind into the places of every kind when `ok`, without
   a branch on it (ok is as irregular as the text): the place is written
   whatever ok is, and kept when ok, and whether it comes in order noted
   so. There is room for one more after each. */
static inline void add_place_if(pass *ps, places *kinds, int kind, size_t p, int ok)
{
    places *q = &kinds[kind];
    if (q->n == q->cap)
        grow_room(ps, q);
    q->down |= (uint32_t)ok & ((uint32_t)p < q->at[(ptrdiff_t)q->n - 1] + 1u);
    q->at[q->n] = (uint32_t)p;
    q->n += (uint32_t)ok;
}

/* Place p of this kind into the places of every kind. */
static inline void add_place(pass *ps, places *kinds, int kind, size_t p) { add_place_if(ps, kinds, kind, p, 1); }

/* A kind's places in order, each once. Keys of one kind but of different
   lengths end in order, not always start in order, and two of them may
   start at one place: the places found in order are kept as they come
   (each but once passed over), and each of the few out of order put
   where it goes among those kept before it. (Asked only of a kind whose
   places came out of order or twice.) */
static void settle(pk_cues *q)
{
    size_t o = q->n > 0;
    for (size_t i = 1; i < q->n; i++) {
        uint32_t v = q->at[i];
        if (v >= q->at[o - 1]) {
            q->at[o] = v;
            o += v != q->at[o - 1];
            continue;
        }
        size_t k = o - 1;
        while (k > 0 && q->at[k - 1] > v)
            k--;
        if (k > 0 && q->at[k - 1] == v)
            continue;
        memmove(q->at + k + 1, q->at + k, (o - k) * sizeof *q->at);
        q->at[k] = v;
        o++;
    }
    q->n = o;
}

/* The end of the run of digits from `to` on: sixteen bytes at a time
   (most runs are short: a walk by bytes would end as unpredictably as
   they do), the last few by bytes. */
static inline size_t digits_end(const unsigned char *u, size_t n, size_t to)
{
#if defined(__SSE2__)
    const __m128i below = _mm_set1_epi8('0' - 1), above = _mm_set1_epi8('9' + 1);
    for (; to + 16 <= n; to += 16) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(u + to));
        unsigned m = (unsigned)_mm_movemask_epi8(_mm_and_si128(_mm_cmpgt_epi8(x, below), _mm_cmplt_epi8(x, above)));
        if (m != 0xFFFF)
            return to + (size_t)__builtin_ctz(~m);
    }
#endif
    while (to < n && (unsigned char)(u[to] - '0') < 10)
        to++;
    return to;
}

/* The digit cues of the run of digits that opens at p, into q: each row
   asked once for the whole run (its later digits are no hot state). (A
   run that goes on past the place where the next stream keeps from is
   the stream's where it opens: its places past there, taken before the
   next stream's, are put in order by settle().) */
static void digit_cues(const pk_scan *sc, pass *ps, places *q, size_t p)
{
    const char *s = ps->s;
    const unsigned char *u = (const unsigned char *)s;
    size_t n = ps->n, to = digits_end(u, n, p + 1);
    for (int i = 0; i < sc->ndigit; i++) {
        size_t lo = p, hi = p + 1;
        if (sc->digit_run[i])
            hi = sc->digit_run[i](s, n, p, to, &lo);
        else if (!sc->digit_fits[i])
            hi = to;
        else if (!sc->digit_fits[i](s, n, p))
            continue;
        for (int kind = sc->digit_kind[i]; lo < hi; lo++)
            add_place(ps, q, kind, lo);
    }
    if (sc->rows) {
        size_t lo[MAX_DIGIT], hi[MAX_DIGIT];
        /* (an answer without a kind, one that the others read, is none) */
        for (unsigned rows = sc->rows(s, n, p, to, lo, hi) & sc->rows_kept; rows; rows &= rows - 1) {
            int i = __builtin_ctz(rows), kind = sc->rows_kind[i];
            for (size_t at = lo[i]; at < hi[i]; at++)
                add_place(ps, q, kind, at);
        }
    }
}

/* After the run of spaces and line breaks from `at` stand one of the
   bytes of then[0 .. 32) and one of then[32 .. 64) (the sets of a folded
   key that ends in a space; the end of the text read as 0, which only
   the set of any byte holds). Each run is read once for each key that
   ends before it. */
static int run_then(const unsigned char *then, const unsigned char *u, size_t n, size_t at)
{
    while (at < n && (u[at] == ' ' || u[at] == '\n'))
        at++;
    if (at >= n || !(then[u[at] / 8] >> (u[at] % 8) & 1))
        return 0;
    unsigned char b = at + 1 < n ? u[at + 1] : 0;
    return then[32 + b / 8] >> (b % 8) & 1;
}

/* Bit 5 of each of the 32 bytes that end at p: bit i for the byte at
   p - 31 + i (0 for those before the text), as a hit's check asks them. */
static inline uint32_t case_bits(const unsigned char *u, size_t p)
{
#if defined(__SSE2__)
    if (p >= 31) {
        /* bit 5 of each byte to its top bit (the bits shifted in from the
           byte below are not asked) */
        __m128i lo = _mm_loadu_si128((const __m128i *)(const void *)(u + p - 31));
        __m128i hi = _mm_loadu_si128((const __m128i *)(const void *)(u + p - 15));
        return (uint32_t)_mm_movemask_epi8(_mm_slli_epi16(lo, 2)) | (uint32_t)_mm_movemask_epi8(_mm_slli_epi16(hi, 2)) << 16;
    }
#endif
    uint32_t m = 0;
    for (size_t i = 0; i < 32 && i <= p; i++)
        m |= (uint32_t)(u[p - i] >> 5 & 1) << (31 - i);
    return m;
}

/* Any of the hit's spellings spelt out stands at `at`. */
static int spelt_out(const pk_scan *sc, const hit *h, const unsigned char *u, size_t at)
{
    for (const spelling *w = sc->spells + h->spell, *e = w + h->nspell; w < e; w++)
        if (!w->check || spelt(sc->checks + w->check, w->how, u + at, h->len))
            return 1;
    return 0;
}

/* The cues of the hot state st, whose last byte is at p, into q. */
static inline void hits_at(const pk_scan *sc, pass *ps, places *q, const hot_state *hs, size_t p)
{
    const char *s = ps->s;
    const unsigned char *u = (const unsigned char *)s;
    size_t n = ps->n;
    if (hs->after_digit) {
        digit_cues(sc, ps, q, p);
        if (!hs->n)
            return; /* as a digit's state mostly is: no hits */
    }
    uint32_t m = case_bits(u, p);
#if defined(__SSE2__)
    const __m128i bits = _mm_set1_epi32((int)m), zero = _mm_setzero_si128();
#endif
    for (const hit *h = hs->first, *e = h + hs->n; h < e; h++) {
        size_t at = p + 1 - h->len;
        int ok;
        if (h->spell) {
            ok = spelt_out(sc, h, u, at);
        } else {
#if defined(__SSE2__)
            __m128i d = _mm_and_si128(_mm_xor_si128(bits, _mm_loadu_si128((const __m128i *)(const void *)h->want)),
                                      _mm_loadu_si128((const __m128i *)(const void *)h->care));
            ok = _mm_movemask_epi8(_mm_cmpeq_epi32(d, zero)) != 0;
#else
            ok = 0;
            for (int w = 0; w < SPELLINGS; w++)
                ok |= ((m ^ h->want[w]) & h->care[w]) == 0;
#endif
        }
        if (h->fits && ok)
            ok = h->then ? run_then(sc->thens[h->then], u, n, at + h->then_at) : h->fits(s, n, p + 1);
        add_place_if(ps, q, h->kind, at, ok);
    }
}

/* The bytes of a text read in one stream before their hits are taken
   (their states, two bytes each, and the bytes stay in the first-level
   cache) */
#define SCAN_BLOCK 1024

/* The hot states of a block: bit i % 16 of hot[i / 16] for the state
   after its byte i. */
static inline void note_hot(uint16_t *hot, size_t i, size_t st, uint32_t first_hot)
{
    if (st >= first_hot)
        hot[i / 16] = (uint16_t)(hot[i / 16] | 1u << (i % 16));
}

/* The cues of the hot states among st[0..m) (st[i]: the state after the
   byte at base + i; hot: which of them are hot, no bit set past m up to a
   multiple of 64), from st[lo] on, into q: sixty-four at a time. */
static void block_hits(const pk_scan *sc, pass *ps, places *q, const uint16_t *st, const uint16_t *hot, size_t m,
                       size_t base, size_t lo)
{
    const hot_state *hots = sc->hots;
    for (size_t i = lo & ~(size_t)63; i < m; i += 64) {
        const uint16_t *h = hot + i / 16;
        uint64_t w = h[0] | (uint64_t)h[1] << 16 | (uint64_t)h[2] << 32 | (uint64_t)h[3] << 48;
        if (i < lo)
            w &= ~(uint64_t)0 << (lo - i);
        while (w) {
            size_t k = i + (size_t)__builtin_ctzll(w);
            w &= w - 1;
            hits_at(sc, ps, q, &hots[st[k]], base + k);
        }
    }
}

/* The byte at p is a capital before a small letter as PK_CUE_CAPITALS
   tells it (the byte after the text read as 0). */
static inline int capital_at(const unsigned char *u, size_t n, size_t p)
{
    unsigned char a = u[p], b = p + 1 < n ? u[p + 1] : 0;
    if (a < 0x80)
        return (unsigned char)(a - 'A') < 26 && ((unsigned char)(b - 'a') < 26 || b >= 0x80);
    return a >= 0xC3 && !(a == 0xC3 && (b & 0xE0) == 0xA0);
}

int pk_capital_at(const char *s, size_t n, size_t p)
{
    return capital_at((const unsigned char *)s, n, p);
}

#if !defined(__SSE2__) && defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
/* The bytes of x (8 bytes of text) that may open a capital, each as its
   high bit: A-Z, and the lead bytes from 0xC3 on. The high bit cleared
   first, no byte's sum carries into the next. */
static inline uint64_t capital_bytes(uint64_t x)
{
    const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u;
    uint64_t low7 = x & ~high;
    uint64_t ge_a = low7 + (0x80 - 'A') * ones;     /* low 7 bits >= 'A' */
    uint64_t gt_z = low7 + (0x80 - 'Z' - 1) * ones; /* low 7 bits > 'Z' */
    uint64_t ge_c3 = low7 + (0x80 - 0x43) * ones;   /* with the high bit: >= 0xC3 */
    return ((~x & ge_a & ~gt_z) | (x & ge_c3)) & high;
}
#endif

#if defined(__SSE2__)
/* The bytes of the sixteen at u that open a capital before a small
   letter (bit i for u[i]; u[16] read): A-Z before a-z or a byte from 0x80
   on (a negative one), or a lead byte from 0xC3 on but 0xC3 before
   0xA0-0xBF; each range of bytes shifted so that its first is the
   smallest signed byte. */
static inline unsigned capitals16(const unsigned char *u)
{
    const __m128i to_a = _mm_set1_epi8((char)(0x80 - 'A')), to_sa = _mm_set1_epi8((char)(0x80 - 'a'));
    const __m128i letters = _mm_set1_epi8((char)(-128 + 26)), zero = _mm_setzero_si128();
    const __m128i c3 = _mm_set1_epi8((char)0xC3), e0 = _mm_set1_epi8((char)0xE0), a0 = _mm_set1_epi8((char)0xA0);
    __m128i x = _mm_loadu_si128((const __m128i *)(const void *)u);
    __m128i y = _mm_loadu_si128((const __m128i *)(const void *)(u + 1));
    __m128i up = _mm_cmplt_epi8(_mm_add_epi8(x, to_a), letters);
    __m128i low = _mm_or_si128(_mm_cmplt_epi8(_mm_add_epi8(y, to_sa), letters), _mm_cmplt_epi8(y, zero));
    /* from 0xC3 on: 0xC3 - x saturates to 0 */
    __m128i lead = _mm_cmpeq_epi8(_mm_subs_epu8(c3, x), zero);
    __m128i small_latin = _mm_and_si128(_mm_cmpeq_epi8(x, c3), _mm_cmpeq_epi8(_mm_and_si128(y, e0), a0));
    return (unsigned)_mm_movemask_epi8(_mm_or_si128(_mm_and_si128(up, low), _mm_andnot_si128(small_latin, lead)));
}

/* The places of the capitals among the bits of m (bit i: the byte at
   p + i; none from bit `width` on) at at[k..]: the first three written
   whatever their number (one a capital in 36 bytes: most thirty-two
   bytes hold three or fewer), and as many kept: no branch on how many
   the bytes hold, which is irregular, but when they hold four or more.
   The new number of places. */
static inline size_t put_capitals(uint32_t *at, size_t k, size_t p, uint64_t m, unsigned width)
{
    uint64_t m1 = m & (m - 1), m2 = m1 & (m1 - 1), none = (uint64_t)1 << width;
    at[k] = (uint32_t)(p + (size_t)__builtin_ctzll(m | none));
    at[k + 1] = (uint32_t)(p + (size_t)__builtin_ctzll(m1 | none));
    at[k + 2] = (uint32_t)(p + (size_t)__builtin_ctzll(m2 | none));
    k += (size_t)(m != 0) + (size_t)(m1 != 0) + (size_t)(m2 != 0);
    for (m2 &= m2 - 1; m2; m2 &= m2 - 1)
        at[k++] = (uint32_t)(p + (size_t)__builtin_ctzll(m2));
    return k;
}
#endif

/* The places of PK_CUE_CAPITALS, in order: thirty-two bytes at a time
   (the places of each such stretch written at once), the last sixteen
   or so by sixteen. The room grows before 256 bytes while it is short of
   one place a byte for them. */
static void capital_places(ctx *c)
{
    const unsigned char *u = (const unsigned char *)c->t.s;
    size_t n = c->t.n, p = 0, k = 0, cap = n / 32 + 16;
    uint32_t *at = pk_arena_alloc(c->a, cap * sizeof *at);
    c->cue[PK_CUE_CAPITALS].at = at;
    if (!at)
        goto done;
#if defined(__SSE2__)
    while (p + 17 <= n) {
        /* room for every byte of the next 256, or of the rest of the text
           when shorter (the three places written for the last bytes
           whatever they hold among them fall before the end of that: each
           step reads sixteen or thirty-two bytes before the text's end) */
        size_t ahead = n - p < 256 ? n - p : 256;
        if (k + ahead > cap) {
            size_t more = k + ahead > 2 * cap ? k + ahead : 2 * cap;
            at = pk_arena_grow(c->a, at, cap * sizeof *at, more * sizeof *at);
            if (!at)
                goto done;
            cap = more;
            c->cue[PK_CUE_CAPITALS].at = at;
        }
        if (p + 33 > n) {
            k = put_capitals(at, k, p, capitals16(u + p), 16);
            p += 16;
            continue;
        }
        for (size_t end = n - p > 256 + 32 ? p + 256 : n - 32; p < end; p += 32)
            k = put_capitals(at, k, p, capitals16(u + p) | (uint64_t)capitals16(u + p + 16) << 16, 32);
    }
#elif defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    /* eight bytes at a time: most hold no capital */
    for (; p + 8 <= n; p += 8) {
        uint64_t x;
        memcpy(&x, u + p, 8);
        uint64_t m = capital_bytes(x);
        if (!m)
            continue;
        if (k + 8 > cap) {
            at = pk_arena_grow(c->a, at, cap * sizeof *at, 2 * cap * sizeof *at);
            if (!at)
                goto done;
            cap *= 2;
            c->cue[PK_CUE_CAPITALS].at = at;
        }
        for (; m; m &= m - 1) {
            size_t q = p + (size_t)__builtin_ctzll(m) / 8;
            if (capital_at(u, n, q))
                at[k++] = (uint32_t)q;
        }
    }
#endif
    for (; p < n; p++) {
        if (!capital_at(u, n, p))
            continue;
        if (k == cap) {
            at = pk_arena_grow(c->a, at, cap * sizeof *at, 2 * cap * sizeof *at);
            if (!at)
                goto done;
            cap *= 2;
            c->cue[PK_CUE_CAPITALS].at = at;
        }
        at[k++] = (uint32_t)p;
    }
done:
    c->cue[PK_CUE_CAPITALS].n = k;
}

/* The cues of the text read in one stream, into q (a text too short to
   be cut in four). */
static void one_stream(const pk_scan *sc, pass *ps, places *q)
{
    const uint16_t *const *col = sc->col;
    const unsigned char *u = (const unsigned char *)ps->s;
    uint16_t st[SCAN_BLOCK], hot[SCAN_BLOCK / 16];
    size_t x = 0;
    for (size_t j = 0; j < ps->n;) {
        size_t m = ps->n - j > SCAN_BLOCK ? SCAN_BLOCK : ps->n - j;
        memset(hot, 0, (m + 63) / 64 * 4 * sizeof *hot);
        for (size_t i = 0; i < m; i++) {
            x = col[u[j + i]][x];
            st[i] = (uint16_t)x;
            note_hot(hot, i, x, sc->hot);
        }
        block_hits(sc, ps, q, st, hot, m, j, 0);
        j += m;
    }
}

/* A text shorter than this is read in one stream, a longer one in four,
   a part of at most PART bytes at a time (four_streams: stretches of
   (m + 3 depth) / 4 bytes of the m read, rounded up, each but the first
   from `depth` bytes before the end of the one before, lie in order in
   what is read once m > depth + 9; the parts of a text are of one length,
   more than PART / 2 bytes when there are two or more). */
#define STREAMS 4
#define MANY_STREAMS 256
#define PART 8192
_Static_assert(MANY_STREAMS >= 2 * MAX_KEY + 16, "each stream starts in the text, before the place it keeps from");

/* The length of the stretches of four_streams over m bytes. */
static size_t stretch(size_t m, size_t depth) { return (m + (STREAMS - 1) * depth + STREAMS - 1) / STREAMS; }

/* The cues that end in [keep0, end) into q, from the text read from start
   (keep0 itself, or `depth` bytes before it) in four streams; st and hot:
   room for the states and hot bits of stretches of len bytes (stretch()). */
static void four_streams(const pk_scan *sc, pass *ps, places *q, size_t start, size_t keep0, size_t end, uint16_t *st,
                         uint16_t *hot)
{
    size_t depth = sc->depth;
    const uint16_t *const *col = sc->col;
    const unsigned char *u = (const unsigned char *)ps->s;
    /* Each byte's state hangs on the one before: one stream waits for a
       load a byte. Four streams, over four stretches of the text of one
       length (len), are read side by side (their loads overlap): each but
       the first starts `depth` bytes before the place where the one before
       it stops, where its state is found again (a state is the longest end
       of the bytes read that opens a key), and keeps the cues that end
       from there on (keep[]). The last ends at the end. */
    size_t len = stretch(end - start, depth), from[STREAMS] = {start}, keep[STREAMS] = {keep0};
    for (int k = 1; k < STREAMS; k++) {
        keep[k] = from[k - 1] + len;
        from[k] = k + 1 < STREAMS ? keep[k] - depth : end - len;
    }
    /* the state after each byte of each stretch noted, and which are hot
       (up to a multiple of 64 bits a stretch), then the hits of the hot
       ones taken a stretch after the other, in the order of the text: a
       hot state is too frequent and too irregular a branch to be guessed
       at each byte, and the places of each kind come in order, into one
       room */
    size_t words = (len + 63) / 64 * 4;
    uint16_t *s0 = st, *s1 = st + len, *s2 = st + 2 * len, *s3 = st + 3 * len;
    uint16_t *h0 = hot, *h1 = hot + words, *h2 = hot + 2 * words, *h3 = hot + 3 * words;
    const unsigned char *u0 = u + from[0], *u1 = u + from[1], *u2 = u + from[2], *u3 = u + from[3];
    const uint32_t first_hot = sc->hot;
    size_t x0 = 0, x1 = 0, x2 = 0, x3 = 0, i = 0;
    _Static_assert(STREAMS == 4, "the loop reads four streams");
#if defined(__SSE2__)
    /* sixteen bytes of each stream a round, their states gathered in
       registers (pinsrw) and stored at once, and which of them are hot
       told there: a state at or past the first hot one is one that the
       hot one less one, taken from it without going below 0, leaves above
       0 (the loop's count and test, and the stores, once for sixty-four
       lookups). Each stream's bytes are read eight at a time into a
       register (x86 is little-endian: the first byte lowest) and taken
       from it by a shift, not loaded one at a time: the loads of the
       bytes took turns with those of the states and their columns (the
       loop alone over c25's documents, best of 9: ~4.9K -> ~4.5K cycles a
       document) */
    const __m128i cold = _mm_set1_epi16((short)(uint16_t)(first_hot - 1)), zero = _mm_setzero_si128();
#define STEP(k, v0, v1, v2, v3)                            \
    x0 = col[(unsigned char)w0][x0];                       \
    x1 = col[(unsigned char)w1][x1];                       \
    x2 = col[(unsigned char)w2][x2];                       \
    x3 = col[(unsigned char)w3][x3];                       \
    w0 >>= 8;                                              \
    w1 >>= 8;                                              \
    w2 >>= 8;                                              \
    w3 >>= 8;                                              \
    v0 = _mm_insert_epi16(v0, (int)(unsigned)x0, (k) % 8); \
    v1 = _mm_insert_epi16(v1, (int)(unsigned)x1, (k) % 8); \
    v2 = _mm_insert_epi16(v2, (int)(unsigned)x2, (k) % 8); \
    v3 = _mm_insert_epi16(v3, (int)(unsigned)x3, (k) % 8)
#define NOT_HOT(v) _mm_cmpeq_epi16(_mm_subs_epu16(v, cold), zero)
#define KEEP(s, h, lo, hi)                                   \
    _mm_storeu_si128((__m128i *)(void *)(s + i), lo);       \
    _mm_storeu_si128((__m128i *)(void *)(s + i + 8), hi);   \
    h[i / 16] = (uint16_t)~_mm_movemask_epi8(_mm_packs_epi16(NOT_HOT(lo), NOT_HOT(hi)))
    for (; i + 16 <= len; i += 16) {
        __m128i a0 = zero, a1 = zero, a2 = zero, a3 = zero, b0 = zero, b1 = zero, b2 = zero, b3 = zero;
        uint64_t w0, w1, w2, w3;
        memcpy(&w0, u0 + i, 8);
        memcpy(&w1, u1 + i, 8);
        memcpy(&w2, u2 + i, 8);
        memcpy(&w3, u3 + i, 8);
        STEP(0, a0, a1, a2, a3);
        STEP(1, a0, a1, a2, a3);
        STEP(2, a0, a1, a2, a3);
        STEP(3, a0, a1, a2, a3);
        STEP(4, a0, a1, a2, a3);
        STEP(5, a0, a1, a2, a3);
        STEP(6, a0, a1, a2, a3);
        STEP(7, a0, a1, a2, a3);
        memcpy(&w0, u0 + i + 8, 8);
        memcpy(&w1, u1 + i + 8, 8);
        memcpy(&w2, u2 + i + 8, 8);
        memcpy(&w3, u3 + i + 8, 8);
        STEP(8, b0, b1, b2, b3);
        STEP(9, b0, b1, b2, b3);
        STEP(10, b0, b1, b2, b3);
        STEP(11, b0, b1, b2, b3);
        STEP(12, b0, b1, b2, b3);
        STEP(13, b0, b1, b2, b3);
        STEP(14, b0, b1, b2, b3);
        STEP(15, b0, b1, b2, b3);
        KEEP(s0, h0, a0, b0);
        KEEP(s1, h1, a1, b1);
        KEEP(s2, h2, a2, b2);
        KEEP(s3, h3, a3, b3);
    }
#undef KEEP
#undef NOT_HOT
#undef STEP
#endif
    /* the rest a byte at a time, the hot bits from i / 16 on cleared
       first */
    for (size_t k = 0; k < STREAMS; k++)
        memset(hot + k * words + i / 16, 0, (words - i / 16) * sizeof *hot);
    for (; i < len; i++) {
        x0 = col[u0[i]][x0];
        x1 = col[u1[i]][x1];
        x2 = col[u2[i]][x2];
        x3 = col[u3[i]][x3];
        s0[i] = (uint16_t)x0;
        s1[i] = (uint16_t)x1;
        s2[i] = (uint16_t)x2;
        s3[i] = (uint16_t)x3;
        note_hot(h0, i, x0, first_hot);
        note_hot(h1, i, x1, first_hot);
        note_hot(h2, i, x2, first_hot);
        note_hot(h3, i, x3, first_hot);
    }
    for (size_t k = 0; k < STREAMS; k++)
        block_hits(sc, ps, q, st + k * len, hot + k * words, len, from[k], keep[k] - from[k]);
}

void pk_scan_text(ctx *c)
{
    const pk_scan *sc = c->ex->scan;
    places pl[PK_CUE_KINDS];
    /* no places yet (all bits zero: n 0), and each kind its
       first room: no kind's first place waits for its room (a branch
       that most kinds take once in each text) */
    memset(pl, 0, sizeof pl);
    /* (a short text, such as a paragraph of whole minutes, a room of its
       size: one of ROOM for each kind of cue would be most of the memory
       its extraction takes) */
    uint32_t first = c->t.n / 16 + 4 < ROOM ? (uint32_t)(c->t.n / 16 + 4) : (uint32_t)ROOM;
    uint32_t *room = pk_arena_alloc(c->a, PK_CUE_KINDS * (first + 1) * sizeof *room);
    for (int kind = 0; room && kind < PK_CUE_KINDS; kind++) {
        pl[kind].at = room + (size_t)kind * (first + 1) + 1;
        pl[kind].at[-1] = UINT32_MAX;
        pl[kind].cap = first;
    }
    pass ps = {.s = c->t.s, .n = c->t.n, .a = c->a};
    size_t n = c->t.n, depth = sc->depth;
    if (n < MANY_STREAMS) {
        one_stream(sc, &ps, pl);
    } else {
        /* a part at a time (part k: from k n / parts), each but the first
           read from `depth` bytes before it; the room for the states of
           the longest */
        size_t parts = (n + PART - 1) / PART, size = (n + parts - 1) / parts;
        size_t len = stretch(size + depth, depth), words = (len + 63) / 64 * 4;
        uint16_t *st = pk_arena_alloc(c->a, STREAMS * len * sizeof *st);
        uint16_t *hot = pk_arena_alloc(c->a, STREAMS * words * sizeof *hot);
        for (size_t k = 0; st && hot && k < parts; k++) {
            size_t at = k * n / parts;
            four_streams(sc, &ps, pl, k ? at - depth : 0, at, (k + 1) * n / parts, st, hot);
        }
    }
    /* (no places: no room, by a mask, a kind having places or not as the
       text has them) */
    for (int kind = 0; kind < PK_CUE_KINDS; kind++) {
        pk_cues *q = &c->cue[kind];
        q->at = (uint32_t *)((uintptr_t)pl[kind].at & ((uintptr_t)0 - (uintptr_t)(pl[kind].n != 0)));
        q->n = pl[kind].n;
        if (pl[kind].down)
            settle(q);
    }
    /* and, beside the automaton, the capitals before a small letter */
    capital_places(c);
    c->cues_built = 1;
}

/* The first place at or after p of this kind where one of its words (or
   the row `only`) stands whole before end: the earliest such place, and of
   the words there the first in table order. */
size_t pk_cue_word_at(ctx *c, int kind, size_t only, size_t p, size_t end, size_t *row)
{
    const pk_cues *q = pk_cue_places(c, kind);
    const pk_scan *sc = c->ex->scan;
    /* the rows of this kind, or the one row asked for if it is of it */
    const uint32_t *rows = sc->words + sc->by_kind[kind], *rows_end = sc->words + sc->by_kind[kind + 1];
    uint32_t one;
    if (only != SIZE_MAX) {
        one = (uint32_t)only;
        rows = &one;
        rows_end = only < pk_n_cue_words && pk_cue_words[only].kind == kind ? rows + 1 : rows;
    }
    for (size_t i = pk_first_from(q->at, q->n, p); i < q->n && q->at[i] < end; i++)
        for (const uint32_t *r = rows; r < rows_end; r++) {
            size_t k = *r, m = sc->word_len[k];
            /* the first byte before the call: most rows of a kind open
               otherwise than the one at the place */
            const char *w = pk_cue_words[k].word, *t = c->t.s + q->at[i];
            if (q->at[i] + m <= end && (m == 0 || *t == *w) && memcmp(t, w, m) == 0) {
                if (row)
                    *row = k;
                return q->at[i];
            }
        }
    return SIZE_MAX;
}
