/* Decisions: find the decision section (a "Förslag till beslut" or
   "Beslut" heading, else a "<Nämnd> beslutar" line, else the office's
   proposal sentence), split it into items (numbers, dashes, bullets,
   att-clauses, else sentences) and classify each by the formula table. The
   proposal restated later under "synpunkter och förslag" is never read
   again, so it is counted once. */
#include "internal.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* The word lists of decisions.c (decision_words.tsv), an array per kind,
   made here, so that the rows are constants where they are read:
   pk_verb_ending, pk_beslut_end, pk_beslut_not, pk_att_joint,
   pk_proposer_lead, pk_proposer_end, pk_item_word */
#include "decision_words.inc"

/* Length of an item marker at p ("1. ", "- ", "• "; where att_items, a
   row of decision_words.tsv: item_word, "att "), or 0. The marker's
   kind by its first byte, one switch: a line most often opens with a
   letter, which opens none of them, and went through each test in turn. */
static size_t marker_len(const ctx *c, size_t p, size_t end, int att_items)
{
    const unsigned char *s = (const unsigned char *)c->t.s + p;
    size_t n = end - p, d = 0;
    switch (n ? s[0] : 0) {
    case '-':
    case '*':
        if (n >= 2 && s[1] == ' ')
            return 2;
        break;
    case 0xE2:
        if (n >= 4 && s[1] == 0x80 && (s[2] == 0xA2 || s[2] == 0x93 || s[2] == 0x94) && s[3] == ' ')
            return 4;
        break;
    case 0xC2:
        if (n >= 3 && s[1] == 0xB7 && s[2] == ' ')
            return 3;
        break;
    case '0':
    case '1':
    case '2':
    case '3':
    case '4':
    case '5':
    case '6':
    case '7':
    case '8':
    case '9':
        while (d < n && d < 2 && s[d] >= '0' && s[d] <= '9')
            d++;
        if (d && d + 1 < n && (s[d] == '.' || s[d] == ')') && s[d + 1] == ' ')
            return d + 2;
        break;
    default:
        break;
    }
    for (size_t k = 0; att_items && k < pk_n_item_word; k++) {
        size_t m = strlen(pk_item_word[k]);
        if (n >= m && memcmp(s, pk_item_word[k], m) == 0)
            return m;
    }
    return 0;
}

/* Does the noun at s open with a district_prefix of field_words.tsv
   ("stadsdels": "STADSDELSNÄMND"), in any case (ASCII)? */
static int district_noun(const char *s)
{
    for (size_t k = 0; k < pk_n_district_prefix; k++)
        if (strncasecmp(s, pk_district_prefix[k], strlen(pk_district_prefix[k])) == 0)
            return 1;
    return 0;
}

/* The deciding body closest before `before` in [from, before), or 0. */
static int body_before_from(ctx *c, size_t from, size_t before, const size_t *first, size_t *bs, size_t *be)
{
    size_t ov[6], pos = from;
    int found = 0;
    /* first: the first question's answer, when it is known (a match) */
    while (pos < before && (first ? (memcpy(ov, first, sizeof ov), 1) : pk_rx_match(c, RX_BODY, pos, before, ov, 3))) {
        first = NULL;
        size_t hs = ov[4], he = ov[5];
        size_t s = hs;
        if (!pk_is_upper_at(c->t.s + hs, he - hs) && ov[2] != (size_t)-1)
            s = ov[2]; /* "Östermalms stadsdelsnämnd" */
        *bs = s;
        *be = he;
        found = 1;
        pos = ov[1];
    }
    return found;
}

static int body_before(ctx *c, size_t from, size_t before, size_t *bs, size_t *be)
{
    return body_before_from(c, from, before, NULL, bs, be);
}

/* The first match of formula pattern id (built from `rows`) in [s, e): its
   row's kind, the formula as written in lower case, and where it stands. */
static int formula_in(ctx *c, int id, const formula_entry *rows, size_t nrows, size_t s, size_t e, const char **kind,
                      const char **formula, size_t *fs, size_t *fe)
{
    size_t ov[2];
    if (!pk_rx_match(c, id, s, e, ov, 1))
        return 0;
    /* the row's index, in decimal (match.c writes "(*MARK:%zu)") */
    const char *mark = pk_rx_mark(c);
    size_t k = 0;
    for (const char *d = mark; d && *d >= '0' && *d <= '9'; d++)
        k = k * 10 + (size_t)(*d - '0');
    if (k < nrows)
        *kind = rows[k].kind;
    *formula = pk_fold_lower(c, ov[0], ov[1]);
    *fs = ov[0];
    *fe = ov[1];
    return 1;
}

/* The words an open formula's match holds (RX_OPEN_FORMULA, built from
   pk_open_formulas): asked only where the table's formulas were not
   found, mostly in vain (names under an item, a "beslutar följande"),
   it is not asked of an item without any of them. Each row's word is
   read from its fragment once: its leading letters (none that a
   quantifier after them makes optional), cut to their longest run
   without an 's' or a 'k', which (?i) also matches as a character
   beyond ASCII (U+017F, the Kelvin sign); the rest match ASCII letters
   of either case only. A row with no such word (or holding a '|' of its
   own) lets every item through. */
#define OPEN_WORDS 16
#define OPEN_WORD_MAX 32
typedef struct open_words {
    char w[OPEN_WORDS][OPEN_WORD_MAX]; /* lower case */
    size_t n[OPEN_WORDS];
    size_t count;
    int all; /* every item is asked about */
} open_words;
static open_words open_rows;
static pthread_once_t open_rows_once = PTHREAD_ONCE_INIT;
static int open_rows_ready;

static int ascii_alpha(unsigned char ch) { return (ch | 0x20) >= 'a' && (ch | 0x20) <= 'z'; }

/* The word of one row's fragment into w (lower case); its length, 0 when none. */
static size_t open_word(const char *src, char *w)
{
    if (pk_fragment_alternates(src))
        return 0;
    size_t n = 0;
    while (ascii_alpha((unsigned char)src[n]))
        n++;
    if (n && (src[n] == '?' || src[n] == '*' || src[n] == '{'))
        n--; /* "ar?": the last letter may be missing */
    size_t best = 0, best_at = 0;
    for (size_t a = 0; a < n;) {
        size_t b = a;
        while (b < n && (src[b] | 0x20) != 's' && (src[b] | 0x20) != 'k')
            b++;
        if (b - a > best) {
            best = b - a;
            best_at = a;
        }
        a = b + 1;
    }
    if (best >= OPEN_WORD_MAX)
        best = OPEN_WORD_MAX - 1;
    for (size_t i = 0; i < best; i++)
        w[i] = (char)(src[best_at + i] | 0x20);
    return best;
}

static void make_open_rows(void)
{
    open_words *o = &open_rows;
    if (pk_n_open_formulas > OPEN_WORDS) {
        o->all = 1;
        return;
    }
    for (size_t k = 0; k < pk_n_open_formulas; k++) {
        size_t n = open_word(pk_open_formulas[k].pattern, o->w[o->count]);
        if (!n) {
            o->all = 1;
            return;
        }
        o->n[o->count++] = n;
    }
}

/* May an open formula stand in [s, e)? 0 when no row's word does (any
   match lies in the range: its word, in ASCII, does too). */
static int open_may(const ctx *c, size_t s, size_t e)
{
    pk_once(&open_rows_once, &open_rows_ready, make_open_rows);
    const open_words *o = &open_rows;
    if (o->all)
        return 1;
    const char *t = c->t.s;
    for (size_t k = 0; k < o->count; k++) {
        const char *w = o->w[k];
        size_t n = o->n[k];
        if (e - s < n)
            continue;
        for (size_t p = s, last = e - n; p <= last; p++) {
#if defined(__SSE2__)
            /* sixteen places at a time to one whose bytes are the word's
               first two in either case; the last fewer too, read into the
               text's room (sixteen bytes past its end: the loads reach
               p + 16 < e + 16), the places past last put aside */
            while (p <= last) {
                __m128i x = _mm_or_si128(_mm_loadu_si128((const __m128i *)(const void *)(t + p)), _mm_set1_epi8(0x20));
                unsigned m = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(x, _mm_set1_epi8(w[0])));
                if (n > 1) {
                    __m128i y = _mm_or_si128(_mm_loadu_si128((const __m128i *)(const void *)(t + p + 1)), _mm_set1_epi8(0x20));
                    m &= (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(y, _mm_set1_epi8(w[1])));
                }
                if (last - p < 15)
                    m &= (1u << (last - p + 1)) - 1;
                if (m) {
                    p += (size_t)__builtin_ctz(m);
                    break;
                }
                p += 16;
            }
            if (p > last)
                break;
#endif
            if ((t[p] | 0x20) != w[0])
                continue;
            size_t i = 1;
            while (i < n && (t[p + i] | 0x20) == w[i])
                i++;
            if (i == n)
                return 1;
        }
    }
    return 0;
}

/* The verb first, after an adverbial: "Med stöd av ... antar Bygg- och
   miljönämnden detaljplanen." The body must follow the formula at once,
   and the formula be an active verb in the present ("antar", "godkänner"):
   after a passive one ("bereds av Kommunstyrelsen") stands who prepares. */
static int body_after(ctx *c, size_t fe, size_t e, size_t *bs, size_t *be)
{
    size_t ov[6];
    if (fe >= e || c->t.s[fe - 1] != 'r' || (c->t.s[fe] != ' ' && c->t.s[fe] != '\n'))
        return 0;
    if (!pk_rx_match(c, RX_BODY, fe + 1, e, ov, 3) || ov[0] != fe + 1 || !pk_is_upper_at(c->t.s + ov[0], ov[1] - ov[0]))
        return 0;
    *bs = ov[0];
    *be = ov[5];
    return 1;
}

/* Does the text hold a word that looks like a Swedish finite verb
   ("skickas", "justeras", "gäller")? Names and noun phrases do not. */
static int has_verb(const ctx *c, size_t s, size_t e)
{
    /* the endings of decision_words.tsv (verb_ending), and the words with
       those endings that are no verbs (not_verbs.txt) */
    for (size_t p = s; p < e; p++) {
        if (p > s && c->t.s[p - 1] != ' ' && c->t.s[p - 1] != '\n')
            continue;
        size_t q = p;
        while (q < e && c->t.s[q] != ' ' && c->t.s[q] != '\n' && c->t.s[q] != '.' && c->t.s[q] != ',')
            q++;
        if (q - p >= 4 && !pk_is_not_verb(c->t.s + p, q - p) && pk_is_lower_at(c->t.s + p, q - p))
            for (size_t k = 0; k < pk_n_verb_ending; k++) {
                size_t m = strlen(pk_verb_ending[k]);
                if (memcmp(c->t.s + q - m, pk_verb_ending[k], m) == 0)
                    return 1;
            }
        p = q;
    }
    return 0;
}

/* The decisions' texts so far, as an index (pk_index) of c->decisions by
   text, so that a section of thousands of items costs linear time, not a
   comparison of each new text with every one kept (20,000 items took
   0.71 s, 71 times the time of 2,000); made once there are FEW_TEXTS of
   them, so that the usual few cost no hashing. */
typedef pk_index text_set;

/* Under this many decisions a new text is compared with each. */
#define FEW_TEXTS 16

static uint32_t text_hash(const char *text) { return (uint32_t)pk_hash_folded(text, strlen(text)); }

/* 1 when `text` (of hash h) is already a decision's */
static int text_seen(const ctx *c, const text_set *ts, const char *text, uint32_t h)
{
    const pk_decision *ds = c->decisions.items;
    for (size_t pos = 0, k; (k = pk_index_next(ts, h, &pos)) != 0;)
        if (strcmp(ds[k - 1].text, text) == 0)
            return 1;
    return 0;
}

/* The first place q in [from, e - 4) of "att" before a space or a line
   break (the word "att" ends there when it starts after white space, which
   the caller checks), or e. "at" is sought sixteen places at a time. */
static size_t next_att(const char *t, size_t from, size_t e)
{
    size_t q = from;
    if (e < 5)
        return e;
    for (;;) {
#if defined(__SSE2__)
        /* the last places too, read into the text's room (sixteen bytes
           past its end: the loads reach q + 16 < e + 12), those from
           e - 4 on put aside */
        for (; q + 4 < e; q += 16) {
            __m128i a = _mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)(const void *)(t + q)), _mm_set1_epi8('a'));
            __m128i b = _mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)(const void *)(t + q + 1)), _mm_set1_epi8('t'));
            unsigned m = (unsigned)_mm_movemask_epi8(_mm_and_si128(a, b));
            if (e - 4 - q < 16)
                m &= (1u << (e - 4 - q)) - 1;
            if (m) {
                q += (size_t)__builtin_ctz(m);
                break;
            }
        }
#else
        while (q + 4 < e && !(t[q] == 'a' && t[q + 1] == 't'))
            q++;
#endif
        if (q + 4 >= e)
            return e;
        if (t[q + 2] == 't' && (t[q + 3] == ' ' || t[q + 3] == '\n'))
            return q;
        q++;
    }
}

/* The deciding body of a lead-in, as body_before finds it: sought once for
   each lead-in, not again for each item under it that names none. */
typedef struct lead_body {
    size_t s, e;   /* the lead-in asked about last, */
    int known;     /* when its answer is known: */
    int found;     /* body_before's result, */
    size_t bs, be; /* and the body */
    /* the line of "<Nämnd> beslutar" [ks, ke), when there is one, whose
       RX_BODY match from its start (kov) pk_extract_decisions found: the
       first question of body_before about that lead-in */
    size_t ks, ke, kov[6];
} lead_body;

static int body_of_lead(ctx *c, lead_body *lb, size_t lead_s, size_t lead_e, size_t *bs, size_t *be)
{
    if (!lb->known || lb->s != lead_s || lb->e != lead_e) {
        lb->s = lead_s;
        lb->e = lead_e;
        lb->known = 1;
        lb->found = body_before_from(c, lead_s, lead_e, lb->ks == lead_s && lb->ke == lead_e ? lb->kov : NULL, &lb->bs,
                                     &lb->be);
    }
    if (lb->found) {
        *bs = lb->bs;
        *be = lb->be;
    }
    return lb->found;
}

static void add_item(ctx *c, text_set *ts, lead_body *lb, size_t s, size_t e, int marked, size_t lead_s, size_t lead_e)
{
    while (s < e && (c->t.s[s] == ' ' || c->t.s[s] == '\n'))
        s++;
    while (e > s && (c->t.s[e - 1] == ' ' || c->t.s[e - 1] == '\n'))
        e--;
    if (e <= s)
        return;
    /* "godkänna att X deltar, att uppdra åt ...": one sentence, two items;
       the joint is ", att", "; att", "samt att" or "och att", across a
       line break too. Every joint is followed by "att": the joints are
       found from each "att" after white space, back to the joint before
       it, in their order (as their "att" stand), and not at every byte.
       A joint counts when a formula opens right after its "att": the first
       formula at or after a place is that of every later place up to it
       (pk_rx_match gives the first match in [start, e)), so the answer of
       one search is kept for the joints up to its match (first_at, SIZE_MAX
       when none) and the item is searched once, not to its end from each
       joint (20,000 joints took 3.4 s, 113 times the time of 2,000) */
    size_t asked = SIZE_MAX, first_at = SIZE_MAX;
    for (size_t q = s + 1; (q = next_att(c->t.s, q, e)) < e; q++) {
        size_t r = q;
        while (r > s && (c->t.s[r - 1] == ' ' || c->t.s[r - 1] == '\n'))
            r--;
        if (r == q || r == s)
            continue;
        /* the joint p: ',' or ';' right before the white space, or the
           space or line break before an att_joint of decision_words.tsv
           ("samt", "och") that stands there */
        size_t p = 0;
        if (c->t.s[r - 1] == ',' || c->t.s[r - 1] == ';')
            p = r - 1;
        else
            for (size_t k = 0; k < pk_n_att_joint && !p; k++) {
                size_t m = strlen(pk_att_joint[k]);
                if (r >= s + m + 2 && memcmp(c->t.s + r - m, pk_att_joint[k], m) == 0)
                    p = r - m - 1;
            }
        if (!p)
            continue;
        if (p < s + 1 || (p != r - 1 && c->t.s[p] != ' ' && c->t.s[p] != '\n'))
            continue;
        size_t f = q + 4, jv[2];
        while (f < e && (c->t.s[f] == ' ' || c->t.s[f] == '\n'))
            f++;
        if (!(asked <= f && f <= first_at)) {
            asked = f;
            first_at = pk_rx_match(c, RX_FORMULA, f, e, jv, 1) ? jv[0] : SIZE_MAX;
        }
        if (first_at == f) {
            add_item(c, ts, lb, s, p, marked, lead_s, lead_e);
            add_item(c, ts, lb, q, e, marked, lead_s, lead_e);
            return;
        }
    }
    const char *kind = "other", *formula = NULL;
    size_t fs = e, fe = e;
    /* a formula of the table, else "X beslutar att <a verb the table does not know>" */
    int closed = formula_in(c, RX_FORMULA, pk_formulas, pk_n_formulas, s, e, &kind, &formula, &fs, &fe);
    size_t rfs = closed ? fs : SIZE_MAX, rfe = closed ? fe : SIZE_MAX; /* RX_FORMULA's answer, kept below */
    if (closed || (open_may(c, s, e) &&
                   formula_in(c, RX_OPEN_FORMULA, pk_open_formulas, pk_n_open_formulas, s, e, &kind, &formula, &fs, &fe))) {
        /* kind and formula set */
    } else if (!marked || !has_verb(c, s, e)) {
        return; /* a name in a list under an item is no decision of its own */
    }
    char *text = pk_fold(c, s, e);
    pk_decision *ds = c->decisions.items;
    uint32_t h = 0;
    if (c->decisions.n < FEW_TEXTS) {
        /* a few: compared with each, their texts not hashed */
        for (size_t i = 0; i < c->decisions.n; i++)
            if (strcmp(ds[i].text, text) == 0)
                return;
    } else {
        if (!ts->cap) /* the set from the texts so far */
            for (size_t i = 0; i < c->decisions.n; i++)
                pk_index_add(c->a, ts, i, text_hash(ds[i].text));
        h = text_hash(text);
        if (text_seen(c, ts, text, h))
            return;
    }
    pk_decision *d = pk_vec_push(c->a, &c->decisions);
    if (ts->cap)
        pk_index_add(c->a, ts, c->decisions.n - 1, h);
    d->kind = kind;
    d->formula = formula;
    d->text = text;
    d->span = pk_span_of(c, s, e);
    pk_decision_item *it = pk_vec_push(c->a, &c->decision_items);
    it->s = s;
    it->e = e;
    it->fs = rfs;
    it->fe = rfe;
    size_t bs, be;
    if (body_before(c, s, fs, &bs, &be) || (lead_e > lead_s && body_of_lead(c, lb, lead_s, lead_e, &bs, &be)) ||
        body_after(c, fe, e, &bs, &be)) {
        d->actor = pk_fold(c, bs, be);
        if (!c->rec->body) {
            c->rec->body = d->actor;
            c->rec->body_span = pk_span_of(c, bs, be);
        }
    }
}

/* The endings of a lead-in (decision_leads.txt), made once: each row's
   length, and the rows by their last byte (rows[lo[b] .. lo[b + 1]) end
   in b), so that a line is compared with the rows that end as it does. */
#define MAX_LEADS 256
typedef struct leads {
    size_t len[MAX_LEADS];
    /* its last eight bytes (fewer: mask), as tail_of reads a line's: the
       rows that end alike ("... att") differ within them, so a line is
       most often told from a row by one comparison */
    uint64_t tail[MAX_LEADS], mask[MAX_LEADS];
    unsigned short row[MAX_LEADS];
    unsigned short lo[257];
    int all; /* too many rows for the arrays: each line is compared with every row */
    /* the rows of pk_cue_words of kind proposal, in table order, and their
       lengths: a document without a decision section asks about these
       few, not about every cue row (furniture words and all) */
    uint32_t proposal[MAX_LEADS];
    size_t proposal_len[MAX_LEADS];
    size_t n_proposal;
    int proposal_all; /* too many of them for the arrays: every row is looked at */
} leads;
static leads lead_rows;
static pthread_once_t lead_rows_once = PTHREAD_ONCE_INIT;
static int lead_rows_ready;

/* The last bytes (eight at most) of s[0..n), the last as the low byte */
static inline uint64_t tail_of(const char *s, size_t n)
{
#if defined __GNUC__ && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    if (n >= 8) { /* one load: its first byte is the low one */
        uint64_t v;
        memcpy(&v, s + n - 8, 8);
        return __builtin_bswap64(v);
    }
#endif
    uint64_t x = 0;
    for (size_t i = 0; i < 8 && i < n; i++)
        x |= (uint64_t)(unsigned char)s[n - 1 - i] << (8 * i);
    return x;
}

static void make_lead_rows(void)
{
    leads *ld = &lead_rows;
    for (size_t k = 0; k < pk_n_cue_words && !ld->proposal_all; k++) {
        if (pk_cue_words[k].kind != PK_CUE_PROPOSAL)
            continue;
        if (ld->n_proposal == MAX_LEADS) {
            ld->proposal_all = 1;
            break;
        }
        ld->proposal_len[ld->n_proposal] = strlen(pk_cue_words[k].word);
        ld->proposal[ld->n_proposal++] = (uint32_t)k;
    }
    if (pk_n_decision_leads > MAX_LEADS) {
        ld->all = 1;
        return;
    }
    /* the rows counted by their last byte, then placed in table order
       within each byte's run: each row's length taken once */
    size_t len[MAX_LEADS];
    unsigned short at[257] = {0};
    for (size_t i = 0; i < pk_n_decision_leads; i++) {
        len[i] = strlen(pk_decision_leads[i]);
        if (len[i])
            at[(unsigned char)pk_decision_leads[i][len[i] - 1] + 1]++;
    }
    for (unsigned b = 0; b < 256; b++)
        at[b + 1] = (unsigned short)(at[b + 1] + at[b]);
    memcpy(ld->lo, at, sizeof ld->lo);
    for (size_t i = 0; i < pk_n_decision_leads; i++) {
        size_t m = len[i];
        if (!m)
            continue;
        size_t k = at[(unsigned char)pk_decision_leads[i][m - 1]]++;
        ld->len[k] = m;
        ld->tail[k] = tail_of(pk_decision_leads[i], m);
        ld->mask[k] = m >= 8 ? ~(uint64_t)0 : ((uint64_t)1 << (8 * m)) - 1;
        ld->row[k] = (unsigned short)i;
    }
}

static const leads *leads_init(void)
{
    pk_once(&lead_rows_once, &lead_rows_ready, make_lead_rows);
    return &lead_rows;
}

/* Does the line end a lead-in ("Stadsdelsnämnden beslutar:", "... beslutar att")?
   In line: it is asked of every line after the header. */
static PK_ALWAYS_INLINE int is_lead_in(const ctx *c, const leads *ld, const line *l)
{
    const char *s = c->t.s + l->s;
    size_t n = l->e - l->s;
    while (n && s[n - 1] == ' ')
        n--;
    if (n && s[n - 1] == ':')
        return 1;
    if (!n)
        return 0;
    if (ld->all) {
        for (size_t i = 0; i < pk_n_decision_leads; i++) {
            const char *end = pk_decision_leads[i];
            size_t m = strlen(end);
            if (m && n >= m && memcmp(s + n - m, end, m) == 0 && (n == m || s[n - m - 1] == ' '))
                return 1;
        }
        return 0;
    }
    unsigned char b = (unsigned char)s[n - 1];
    if (ld->lo[b] == ld->lo[b + 1])
        return 0; /* no row ends in b: most lines */
    uint64_t x = tail_of(s, n);
    for (size_t k = ld->lo[b]; k < ld->lo[b + 1]; k++) {
        size_t m = ld->len[k];
        if (n < m || (x & ld->mask[k]) != ld->tail[k]) /* their last eight bytes first */
            continue;
        /* the bytes before those eight (a longer row's) */
        if (m > 8 && memcmp(s + n - m, pk_decision_leads[ld->row[k]], m - 8) != 0)
            continue;
        if (n == m || s[n - m - 1] == ' ')
            return 1;
    }
    return 0;
}

static void split_section(ctx *c, text_set *ts, lead_body *lb, const leads *ld, size_t a, size_t b)
{
    const segs *g = &c->sg;
    size_t lead_s = 0, lead_e = 0;
    int att_items = 0;
    /* first pass: are there markers? */
    int marked = 0, numbered = 0;
    for (size_t i = a; i < b; i++) {
        const line *l = &g->lines[i];
        if (l->blank)
            continue;
        /* the first lead-in; a later line ending in a colon ends an item
           ("att godkänna att följande enheter deltar ...:") */
        if (!lead_e && is_lead_in(c, ld, l)) {
            lead_s = l->s;
            lead_e = l->e;
            att_items = 1;
            continue;
        }
        /* a marker of any kind (asked once); "att" is one only where the
           marker without it is none, and asked only until some line has a
           marker (the others are asked of every line, for numbered) */
        size_t m = marker_len(c, l->s, l->e, 0);
        if (m || (!marked && att_items && marker_len(c, l->s, l->e, att_items)))
            marked = 1;
        if (m && c->t.s[l->s] >= '0' && c->t.s[l->s] <= '9')
            numbered = 1;
    }
    /* numbered items: a line that opens with "att" goes on the item above
       ("... alternativt tillser\natt bolaget likvideras.") */
    if (numbered)
        att_items = 0;
    if (marked) {
        size_t cur = (size_t)-1;
        int in_lead = 0;
        for (size_t i = a; i < b; i++) {
            const line *l = &g->lines[i];
            if (l->blank) {
                if (cur != (size_t)-1)
                    add_item(c, ts, lb, cur, g->lines[i - 1].e, 1, lead_s, lead_e);
                cur = (size_t)-1;
                continue;
            }
            if (l->s == lead_s && lead_e) {
                in_lead = 1;
                continue;
            }
            size_t m = marker_len(c, l->s, l->e, att_items);
            if (m) {
                if (cur != (size_t)-1)
                    add_item(c, ts, lb, cur, g->lines[i - 1].e, 1, lead_s, lead_e);
                cur = l->s + m;
            } else if (cur == (size_t)-1) {
                /* unmarked text before or between lists: its own sentences */
                size_t j = i;
                while (j + 1 < b && !g->lines[j + 1].blank && !marker_len(c, g->lines[j + 1].s, g->lines[j + 1].e, att_items))
                    j++;
                size_t p = l->s;
                while (p < g->lines[j].e) {
                    size_t ss, se;
                    pk_sentence_bounds(&c->t, l->s, g->lines[j].e, p, &ss, &se);
                    if (se <= p)
                        se = p + 1;
                    add_item(c, ts, lb, ss, se, 0, lead_s, lead_e);
                    p = se;
                }
                i = j;
            }
        }
        if (cur != (size_t)-1)
            add_item(c, ts, lb, cur, g->lines[b - 1].e, 1, lead_s, lead_e);
        (void)in_lead;
        return;
    }
    /* no markers: every sentence with a formula is an item */
    for (size_t i = a; i < b; i++) {
        const line *l = &g->lines[i];
        if (l->blank || (l->s == lead_s && lead_e))
            continue;
        size_t j = i;
        while (j + 1 < b && !g->lines[j + 1].blank)
            j++;
        size_t p = l->s, end = g->lines[j].e;
        while (p < end) {
            size_t ss, se;
            pk_sentence_bounds(&c->t, l->s, end, p, &ss, &se);
            if (se <= p)
                se = p + 1;
            add_item(c, ts, lb, ss, se, 0, lead_s, lead_e);
            p = se;
        }
        i = j;
    }
}

static int line_is_beslut(const ctx *c, const line *l)
{
    size_t n = l->e - l->s;
    while (n && (c->t.s[l->s + n - 1] == ':' || c->t.s[l->s + n - 1] == ' '))
        n--;
    /* beslut_end and beslut_not of decision_words.tsv */
    const char *s = c->t.s + l->s;
    int ends = 0;
    for (size_t i = 0; i < pk_n_beslut_end && !ends; i++) {
        size_t m = strlen(pk_beslut_end[i]);
        ends = n > m && memcmp(s + n - m, pk_beslut_end[i], m) == 0;
    }
    for (size_t i = 0; i < pk_n_beslut_not && ends; i++)
        ends = !memmem(s, n, pk_beslut_not[i], strlen(pk_beslut_not[i]));
    return ends;
}

/* Minutes whose decision names no actor ("Informationen tas till
   protokollet."): the nämnd whose minutes they are, from a header line
   that is its name alone ("UTBILDNINGSNÄMNDEN", "Utbildningsnämnden"). */
static void body_from_header(ctx *c)
{
    const segs *g = &c->sg;
    if (c->rec->body || !c->rec->doc_type || strncmp(c->rec->doc_type, "protokoll", 9) != 0)
        return;
    for (size_t i = 0; i < g->nlines && g->lines[i].s < c->header_end; i++) {
        const line *l = &g->lines[i];
        size_t ov[6], e = l->e;
        /* a letterhead may carry "PROTOKOLL" further right: take the first column */
        size_t q = l->s;
        const char *t = c->t.s;
#if defined(__SSE2__)
        /* sixteen places at a time, the loads within the line */
        for (; q + 18 <= l->e; q += 16) {
            const __m128i sp = _mm_set1_epi8(' ');
            __m128i a = _mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)(const void *)(t + q)), sp);
            __m128i b = _mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)(const void *)(t + q + 1)), sp);
            __m128i d = _mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)(const void *)(t + q + 2)), sp);
            unsigned m = (unsigned)_mm_movemask_epi8(_mm_and_si128(_mm_and_si128(a, b), d));
            if (m) {
                q += (size_t)__builtin_ctz(m);
                break;
            }
        }
#endif
        for (; q + 2 < l->e; q++)
            if (t[q] == ' ' && t[q + 1] == ' ' && t[q + 2] == ' ') {
                e = q;
                break;
            }
        /* the first column a body's name whole: a match of RX_BODY ends
           in the letters of its noun, whatever the rows, so a column whose
           last byte is no letter's is none, and pcre2 is not asked */
        unsigned char last = e > l->s ? (unsigned char)t[e - 1] : 0;
        if (l->blank || (last < 0x80 && (unsigned)((last | 0x20) - 'a') >= 26) ||
            !pk_rx_match(c, RX_BODY, l->s, e, ov, 3) || ov[0] != l->s || ov[1] != e)
            continue;
        size_t hs = ov[4], he = ov[5], s = hs;
        if (ov[2] != (size_t)-1 && (!pk_is_upper_at(c->t.s + hs, he - hs) || district_noun(c->t.s + hs)))
            s = ov[2]; /* "KATARINA-SOFIA STADSDELSNÄMND" */
        c->rec->body = pk_fold(c, s, he);
        c->rec->body_span = pk_span_of(c, s, he);
        return;
    }
}

void pk_body_from_header(ctx *c) { body_from_header(c); }

/* A decision that names only the office's proposal, with no body written
   anywhere ("Enligt Socialförvaltningens förslag."): the nämnd that
   office prepares for decides (lib/data/admin_bodies.tsv). */
static void body_from_proposer(ctx *c)
{
    if (c->rec->body)
        return;
    const pk_decision *d = c->decisions.items;
    for (size_t i = 0; i < c->decisions.n; i++) {
        const char *f = d[i].formula;
        if (!f || strcmp(d[i].kind, "adopt") != 0)
            continue;
        /* the office in the genitive, between the first proposer_lead the
           formula opens with ("enligt ") and the first place of a
           proposer_end (" förslag"; decision_words.tsv) */
        const char *w = NULL, *end = NULL;
        for (size_t k = 0; k < pk_n_proposer_lead && !w; k++) {
            size_t m = strlen(pk_proposer_lead[k]);
            if (strncmp(f, pk_proposer_lead[k], m) == 0)
                w = f + m;
        }
        if (!w)
            continue;
        for (size_t k = 0; k < pk_n_proposer_end; k++) {
            const char *x = strstr(f, pk_proposer_end[k]);
            if (x && (!end || x < end))
                end = x;
        }
        if (!end || end <= w)
            continue;
        size_t n = (size_t)(end - w);
        if (n < 3 || w[n - 1] != 's')
            continue;
        n--; /* "socialförvaltningens" -> "socialförvaltningen" */
        for (size_t k = 0; k < pk_n_admin_bodies; k++) {
            const char *ad = pk_admin_bodies[k].admin, *bo = pk_admin_bodies[k].body;
            const char *low = pk_lower(c->a, ad[0] == '-' ? ad + 1 : ad, strlen(ad[0] == '-' ? ad + 1 : ad));
            size_t m = strlen(low);
            if (ad[0] == '-' ? !(n > m && memcmp(w + n - m, low, m) == 0) : !(n == m && memcmp(w, low, m) == 0))
                continue;
            char *body;
            if (ad[0] == '-') {
                size_t stem = n - m, bl = strlen(bo + 1);
                body = pk_arena_alloc(c->a, stem + bl + 1);
                memcpy(body, w, stem);
                memcpy(body + stem, bo + 1, bl + 1);
                body = pk_capitalize(c->a, body);
            } else {
                body = pk_arena_strdup(c->a, bo);
            }
            c->rec->body = body;
            c->rec->body_span = d[i].span;
            return;
        }
    }
}

void pk_extract_decisions(ctx *c)
{
    const segs *g = &c->sg;
    size_t head = g->nlines, lead = g->nlines, beslut = g->nlines;
    int protokoll = c->rec->doc_type && strncmp(c->rec->doc_type, "protokoll", 9) == 0;
    const leads *ld = leads_init();
    text_set ts = {NULL, 0, 0}; /* filled once there are FEW_TEXTS decisions */
    lead_body lb = {0, 0, 0, 0, 0, 0, 0, 0, {0}};
    /* the first of each: a decision heading, a "Beslut" heading (read in
       minutes only, so sought in them only) and a lead-in line, each sought
       on its own (a walk over the lines that asked every line about each
       took three branches a line on bits that come in no order). A lead-in
       opens with a match of RX_BODY, which holds one of its cue words (a
       line ends no word, so the cues the one pass found are all a line
       holds): only the lines that hold one are asked, the lines walked to
       each cue's */
    for (size_t i = c->focus_line; i < g->nlines; i++)
        if (g->lines[i].heading == H_DECISION) {
            head = i;
            break;
        }
    for (size_t i = head; protokoll && i < g->nlines; i++)
        if (g->lines[i].heading == H_DECISION && line_is_beslut(c, &g->lines[i])) {
            beslut = i;
            break;
        }
    const pk_cues *bc = pk_cue_places(c, RX_BODY);
    size_t li = c->focus_line, asked = g->nlines;
    for (size_t k = 0; k < bc->n; k++) {
        size_t p = bc->at[k], ov[6];
        while (li < g->nlines && g->lines[li].e <= p)
            li++;
        if (li == g->nlines)
            break;
        const line *l = &g->lines[li];
        if (p < l->s || li == asked) /* (a cue before the line, or another in a line asked) */
            continue;
        asked = li;
        if (!l->blank && !l->heading && is_lead_in(c, ld, l) && pk_rx_match(c, RX_BODY, l->s, l->e, ov, 3) &&
            ov[0] == l->s) {
            lead = li; /* "<Nämnd> beslutar" standing on its own line */
            lb.ks = l->s;
            lb.ke = l->e;
            memcpy(lb.kov, ov, sizeof lb.kov);
            break;
        }
    }
    /* in minutes the decision itself wins over a proposal quoted before it */
    size_t a = g->nlines, b = g->nlines;
    if (protokoll && beslut < g->nlines)
        a = beslut + 1;
    else if (lead < head || (protokoll && lead < g->nlines))
        a = lead; /* "Kommunfullmäktige beslutar:" after the proposal it was given */
    else if (head < g->nlines)
        a = head + 1;
    if (a < g->nlines) {
        b = a;
        while (b < g->nlines && !g->lines[b].heading)
            b++;
    }
    /* a minutes excerpt without a heading or a lead-in ("§ 112 Title", the
       matter, "Enligt Socialförvaltningens förslag."): its last block,
       when short and holding a formula, is the decision */
    if (protokoll && a == g->nlines) {
        size_t e = g->nlines, ov[2];
        while (e > c->focus_line && g->lines[e - 1].blank)
            e--;
        size_t s = e;
        while (s > c->focus_line && !g->lines[s - 1].blank)
            s--;
        if (e > s && e - s <= 4 && s > c->focus_line + 1 && !g->lines[s].heading &&
            pk_rx_match(c, RX_FORMULA, g->lines[s].s, g->lines[e - 1].e, ov, 1)) {
            a = s;
            b = e;
        }
    }
    if (a < g->nlines) {
        c->decision_lo = g->lines[a].s;
        c->decision_hi = g->lines[b - 1].e;
        split_section(c, &ts, &lb, ld, a, b);
    }
    /* "Kommunstyrelsens personalutskott beslutar:" names the body even
       where no item below it reads as a decision */
    if (!c->rec->body && lead < g->nlines) {
        const size_t *ov = lb.kov; /* the match the lead-in was found by */
        size_t hs = ov[4], he = ov[5], bs = hs;
        if (!pk_is_upper_at(c->t.s + hs, he - hs) && ov[2] != (size_t)-1)
            bs = ov[2];
        c->rec->body = pk_fold(c, bs, he);
        c->rec->body_span = pk_span_of(c, bs, he);
    }
    if (c->decisions.n) {
        body_from_header(c);
        body_from_proposer(c);
        return;
    }
    /* no section: the office's proposal ("Förvaltningen föreslår att nämnden godkänner ...") */
    /* the cues (cue_words.tsv, kind proposal) in table order, each at its
       first place in the text */
    size_t nk = ld->proposal_all ? pk_n_cue_words : ld->n_proposal;
    if (!pk_cue_places(c, PK_CUE_PROPOSAL)->n)
        nk = 0; /* none of them stands anywhere: no row is asked where */
    for (size_t j = 0; j < nk && !c->decisions.n; j++) {
        size_t k = ld->proposal_all ? j : ld->proposal[j];
        if (pk_cue_words[k].kind != PK_CUE_PROPOSAL)
            continue;
        size_t m = ld->proposal_all ? strlen(pk_cue_words[k].word) : ld->proposal_len[j], ss, se;
        size_t pos = pk_cue_word_at(c, PK_CUE_PROPOSAL, k, 0, c->t.n, NULL);
        if (pos == SIZE_MAX)
            continue;
        pk_sentence_bounds(&c->t, pos > 400 ? pos - 400 : 0, pos + 400 < c->t.n ? pos + 400 : c->t.n, pos, &ss, &se);
        add_item(c, &ts, &lb, pos + m, se, 0, ss, pos);
        if (c->decisions.n) {
            c->decision_lo = ss;
            c->decision_hi = se;
        }
    }
}
