/* Dates: ISO and dotted, "15/4 2020", "(24/11)", and Swedish month names
   with or without "den", a weekday and a year. A date without a year takes
   it from the document (its own date, the award's year, the meeting); a
   role comes from the words around it, read from lib/data/date_cues.tsv:
   the header's labels, and in prose the cue nearest the date. A date of
   another meeting or of an earlier decision is never this meeting's. */
#include "internal.h"

#include <pthread.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct dcand {
    size_t s, e;
    int y, m, d;
    int inferred;
    pk_span span; /* of [s, e) in the input: asked of the diarienummer, then the date's */
} dcand;

static int days_in(int y, int m)
{
    static const int dm[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return dm[m - 1];
}

static PK_ALWAYS_INLINE int num(const ctx *c, size_t s, size_t e)
{
    /* a day, a month, a year: their lengths without the loop */
    const char *t = c->t.s;
    if (e - s == 2)
        return (t[s] - '0') * 10 + (t[s + 1] - '0');
    if (e - s == 4)
        return (((t[s] - '0') * 10 + (t[s + 1] - '0')) * 10 + (t[s + 2] - '0')) * 10 + (t[s + 3] - '0');
    int x = 0;
    for (size_t i = s; i < e && i < s + 6; i++)
        x = x * 10 + (c->t.s[i] - '0');
    return x;
}

/* The months by the first three bytes of their names (months.tsv), byte i
   at bits 8i: a table of MONTH_SLOTS slots open to the next one, each a
   key and its month (0: an empty slot), the first name whose three bytes
   they are kept; made with the cue groups, once per process. */
enum { MONTH_SLOTS = 32 };
static struct {
    uint32_t key;
    int month;
} month_slots[MONTH_SLOTS];

static unsigned month_slot(uint32_t key) { return (key * 0x9E3779B1u) >> 27; }

static void make_month_slots(void)
{
    for (int m = 0; m < 12; m++) {
        uint32_t key = 0;
        for (int i = 0; i < 3; i++)
            key |= (uint32_t)(unsigned char)pk_months[m][0][i] << (8 * i);
        unsigned h = month_slot(key);
        while (month_slots[h].month && month_slots[h].key != key)
            h = (h + 1) % MONTH_SLOTS;
        if (!month_slots[h].month) {
            month_slots[h].key = key;
            month_slots[h].month = m + 1;
        }
    }
}

static int month_of(const ctx *c, size_t s, size_t e)
{
    if (e - s < 3)
        return 0;
    uint32_t key = 0;
    for (int i = 0; i < 3; i++) {
        unsigned char ch = (unsigned char)c->t.s[s + (size_t)i];
        key |= (uint32_t)(ch >= 'A' && ch <= 'Z' ? ch + 32 : ch) << (8 * i);
    }
    /* every name has three bytes or more */
    for (unsigned h = month_slot(key); month_slots[h].month; h = (h + 1) % MONTH_SLOTS)
        if (month_slots[h].key == key)
            return month_slots[h].month;
    return 0;
}

/* The candidates in order of their start, those that start together in
   the order of their patterns: each pattern's run (runs[id] .. runs[id +
   1]) is in order already, so the runs are merged, not sorted. */
static dcand *by_pos(arena *a, dcand *xs, const size_t *runs, int nruns)
{
    /* each run's next candidate and its start (SIZE_MAX: the run is spent) */
    size_t n = runs[nruns], at[RX_DATE_NAMED - RX_DATE_ISO + 1], head[RX_DATE_NAMED - RX_DATE_ISO + 1];
    int nlive = 0;
    for (int r = 0; r < nruns; r++) {
        at[r] = runs[r];
        head[r] = runs[r + 1] > runs[r] ? xs[runs[r]].s : SIZE_MAX;
        nlive += head[r] != SIZE_MAX;
    }
    if (nlive < 2)
        return xs;
    dcand *out = pk_arena_alloc(a, n * sizeof *out);
    for (size_t o = 0; o < n; o++) {
        /* the earliest start, of those alike the first pattern's: selected,
           not branched on (the patterns' turns come in no order) */
        int best = 0;
        size_t least = head[0];
        for (int r = 1; r < nruns; r++) {
            int lt = head[r] < least;
            best = lt ? r : best;
            least = lt ? head[r] : least;
        }
        out[o] = xs[at[best]++];
        /* (the run's next start read at its first where it is spent: xs has one) */
        int live = at[best] < runs[best + 1];
        size_t next = xs[live ? at[best] : 0].s;
        head[best] = live ? next : SIZE_MAX;
    }
    return out;
}

/* The cue table (lib/data/date_cues.tsv, in tables.c): a phrase, the role
   it gives a date, and where around the date it counts. */
#define date_cues pk_date_cues

/* A role is one of these strings, the same pointer wherever it is given:
   roles are told apart by their address, not compared byte by byte. */
static const char role_document[] = "document", role_meeting[] = "meeting", role_deadline[] = "deadline",
                  role_ceremony[] = "ceremony", role_other[] = "other";
static const char *const role_names[] = {role_document, role_meeting, role_deadline, role_ceremony,
                                         role_other,    role_meeting, role_other};

static inline int word_byte(unsigned char ch)
{
    /* the three ranges tested together, without a branch between them: a
       word's bytes and the bytes around it come in no order a predictor
       learns */
    return ((unsigned)((ch | 0x20) - 'a') < 26) | ((unsigned)(ch - '0') < 10) | (ch >= 0x80);
}

#if defined(__SSE2__)
/* The bits of the sixteen bytes at s that are no word's (word_byte()). */
static inline unsigned non_word16(const char *s)
{
    __m128i v = _mm_loadu_si128((const __m128i *)(const void *)s);
    __m128i l = _mm_or_si128(v, _mm_set1_epi8(0x20));
    __m128i letter = _mm_and_si128(_mm_cmpgt_epi8(l, _mm_set1_epi8('a' - 1)), _mm_cmplt_epi8(l, _mm_set1_epi8('z' + 1)));
    __m128i digit = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('0' - 1)), _mm_cmplt_epi8(v, _mm_set1_epi8('9' + 1)));
    /* (a byte of 0x80 or more is negative: no letter or digit above, a word's by its sign) */
    return ~(unsigned)_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(letter, digit), v)) & 0xFFFF;
}
#endif

/* The start of the word that ends at p (p itself when the byte before p
   is no word's), not before lo: with SSE2 the sixteen bytes before p at
   once (a word is most often shorter), not a byte at a time for as many
   bytes as the word has, a count no predictor learns. */
static inline size_t word_start(const char *s, size_t lo, size_t p)
{
#if defined(__SSE2__)
    while (p >= lo + 16) {
        unsigned m = non_word16(s + p - 16);
        if (m)
            return p - 16 + (size_t)(32 - __builtin_clz(m));
        p -= 16;
    }
    if (p > lo && p >= 16) {
        /* fewer than sixteen bytes from lo: those before lo stop it too */
        unsigned m = non_word16(s + p - 16) | ((1u << (16 - (p - lo))) - 1);
        return p - 16 + (size_t)(32 - __builtin_clz(m));
    }
#endif
    while (p > lo && word_byte((unsigned char)s[p - 1]))
        p--;
    return p;
}

/* The part's bytes from j on at p (its first j stand before p), not
   beyond hi: its end, or 0. */
static size_t part_from(const char *s, size_t p, size_t hi, const char *ph, size_t j, size_t n)
{
    while (j < n) {
        if (p >= hi)
            return 0;
        unsigned char a = (unsigned char)s[p], b = (unsigned char)ph[j];
        if (b == ' ') {
            if (a != ' ' && a != '\n')
                return 0;
            while (p < hi && (s[p] == ' ' || s[p] == '\n'))
                p++;
            j++;
            continue;
        }
        if (pk_fold_byte(a, j ? (unsigned char)ph[j - 1] : 0) != b)
            return 0;
        p++;
        j++;
    }
    return p;
}

/* One part of a phrase (n bytes of lower case, a space for any run of
   spaces and line breaks) at p, not beyond hi: its end, or 0. Å Ä Ö É fold
   by their UTF-8 second byte. */
static size_t part_at(const char *s, size_t p, size_t hi, const char *ph, size_t n)
{
    return part_from(s, p, hi, ph, 0, n);
}

/* The phrase of a cue at p within [lo, hi): its end, or 0. Its first
   part (after a leading '-') is n bytes long, and gap says whether " * "
   and another part follow it; its first `held` bytes (the opening's) are
   known to stand at p, ending at `known`. */
static size_t cue_at(const char *s, size_t lo, size_t hi, size_t p, const char *ph, size_t n, int gap, size_t held,
                     size_t known)
{
    int open_start = ph[0] == '-';
    if (open_start)
        ph++;
    if (!open_start && p > lo && word_byte((unsigned char)s[p - 1]))
        return 0;
    for (int first = 1;; first = 0) {
        if (!first) {
            const char *g = strstr(ph, " * ");
            n = g ? (size_t)(g - ph) : strlen(ph);
            gap = g != NULL;
        }
        int open_end = !gap && n && ph[n - 1] == '-';
        size_t e = 0;
        if (first) {
            e = held == n - (size_t)open_end ? known : part_from(s, known, hi, ph, held, n - (size_t)open_end);
        } else {
            /* the part after a gap: the first place it starts a word */
            for (size_t q = p; q < hi && !e; q++)
                if (!word_byte((unsigned char)s[q - 1]))
                    e = part_at(s, q, hi, ph, n - (size_t)open_end);
        }
        if (!e || (!open_end && e < hi && word_byte((unsigned char)s[e])))
            return 0;
        if (!gap)
            return e;
        ph += n + 3;
        p = e;
    }
}

/* The best cue hit so far: before the date (nearest end, then longest),
   else after it (nearest start). */
typedef struct cue_hit {
    int row;
    size_t s, e;
    int after;
} cue_hit;

static int hit_better(const cue_hit *h, const cue_hit *best)
{
    if (best->row < 0)
        return 1;
    if (h->after != best->after)
        return !h->after;
    if (h->after)
        return h->s < best->s;
    if (h->e != best->e)
        return h->e > best->e;
    return h->s < best->s;
}

/* The word at p begins its line, or a column after two spaces: where a
   header's label stands, and not "... vid sammanträde 2024-04-15". */
static int column_start(const char *s, size_t lo, size_t p)
{
    p = word_start(s, lo, p);
    return p == lo || s[p - 1] == '\n' || (p >= lo + 2 && s[p - 1] == ' ' && s[p - 2] == ' ');
}

/* The rows a walk asks at a place, by where the place stands: the label
   rows (on a label's line), and of the prose rows those whose window
   holds every place of a stretch of the date's sentence (role_of()):
   before the near window (before, sentence), in it (near, before,
   sentence), in the bytes after the date that `after` takes (after,
   sentence), and beyond them (sentence). A place is asked only the rows
   that may count there, and no row's window is asked of it. */
enum { SET_LABEL, SET_FAR, SET_NEAR, SET_AFTER, SET_TAIL, N_SETS };
static const unsigned set_where[N_SETS] = {
    1u << W_LABEL, 1u << W_BEFORE | 1u << W_SENTENCE, 1u << W_NEAR | 1u << W_BEFORE | 1u << W_SENTENCE,
    1u << W_AFTER | 1u << W_SENTENCE, 1u << W_SENTENCE};

/* Each set's rows grouped by their first two bytes as opening() gives
   them (pair_of()); within a bucket by the byte the phrase opens with,
   then by `where`, then in table order (the order in which one `where`
   after another would meet the hits that tie: those share their place).
   Made once per process. */
enum { PAIR_BUCKETS = 1024, MORE_GROUPS = 2 };
enum { WHOLE = 1, WHOLE_OPEN_START = 2, WHOLE_OPEN_END = 4 };

typedef struct cue_groups {
    /* each row's phrase after its leading '-', the length of its first
       part (up to " * ", or all of it), whether a gap follows, and the
       bytes of the part (but an open end's '-') that opening() gives
       (held: up to 4 + 4 * MORE_GROUPS) */
    const unsigned char *phrase[256];
    uint16_t part_len[256];
    unsigned char gap[256], held[256];
    /* a phrase of one part no longer than held (its end is the opening's
       end): 0, else WHOLE and whether it may open or end inside a word */
    unsigned char whole[256];
    /* the first (up to) four bytes part_at() compares of each row, byte i
       at bits 8i, and the mask of those it has: a row whose opening the
       text's (opening()) does not hold is passed over */
    uint32_t sig[256], mask[256];
    /* the same of its next bytes, four at a time (4 to 7, 8 to 11; a
       mask of 0 where the part has none): a row that passes the opening
       is passed over when the text's next four do not hold them */
    uint32_t sig_more[256][MORE_GROUPS], mask_more[256][MORE_GROUPS];
    /* of each set, whether one of its rows opens with byte b */
    unsigned char opens[N_SETS][256];
    /* pair_rows[set][pair_first[set][h] .. pair_first[set][h + 1]) are
       the rows of the set that can open with a pair of bucket h; a row
       whose part is shorter than two bytes stands in every bucket of its
       byte */
    uint16_t pair_first[N_SETS][PAIR_BUCKETS + 1];
    unsigned char pair_rows[N_SETS][256 * 256];
} cue_groups;

/* The bucket of an opening's first two bytes. */
static unsigned pair_of(uint32_t op) { return ((op & 0xFF) << 5 ^ (op >> 8 & 0xFF)) & (PAIR_BUCKETS - 1); }

static cue_groups groups;
static pthread_once_t groups_once = PTHREAD_ONCE_INIT;
static int groups_ready;

/* The two digits of each number below 100, for a date's ISO form: made
   with the cue groups. */
static char digit_pairs[100][2];

static void make_groups(void)
{
    make_month_slots();
    for (int k = 0; k < 100; k++) {
        digit_pairs[k][0] = (char)('0' + k / 10);
        digit_pairs[k][1] = (char)('0' + k % 10);
    }
    cue_groups *r = &groups;
    for (int k = 0; k < (int)pk_n_date_cues; k++) {
        const unsigned char *ph = (const unsigned char *)date_cues[k].phrase + (date_cues[k].phrase[0] == '-');
        const char *g = strstr((const char *)ph, " * ");
        r->phrase[k] = ph;
        r->part_len[k] = (uint16_t)(g ? (size_t)(g - (const char *)ph) : strlen((const char *)ph));
        r->gap[k] = g != NULL;
        size_t n = r->part_len[k];
        if (!g && n && ph[n - 1] == '-')
            n--; /* an open end: the part without its '-' */
        r->held[k] = (unsigned char)(n < 4 + 4 * MORE_GROUPS ? n : 4 + 4 * MORE_GROUPS);
        if (!g && n && n <= 4 + 4 * MORE_GROUPS)
            r->whole[k] = (unsigned char)(WHOLE | (date_cues[k].phrase[0] == '-' ? WHOLE_OPEN_START : 0) |
                                          (n < r->part_len[k] ? WHOLE_OPEN_END : 0));
        for (size_t i = 0; i < n && i < 4; i++) {
            r->sig[k] |= (uint32_t)ph[i] << (8 * i);
            r->mask[k] |= (uint32_t)0xFF << (8 * i);
        }
        for (size_t i = 4; i < n && i < 4 + 4 * MORE_GROUPS; i++) {
            r->sig_more[k][i / 4 - 1] |= (uint32_t)ph[i] << (8 * (i % 4));
            r->mask_more[k][i / 4 - 1] |= (uint32_t)0xFF << (8 * (i % 4));
        }
    }
    /* the rows by first byte, then `where`, then table order: a counting
       sort by the pair */
    enum { KEYS = 256 * (W_SENTENCE + 1) };
    static uint16_t start[KEYS + 1];
    unsigned char order[256];
    int norder = (int)pk_n_date_cues;
    for (int k = 0; k < norder; k++)
        start[r->phrase[k][0] * (W_SENTENCE + 1) + date_cues[k].where + 1]++;
    for (int key = 0; key < KEYS; key++)
        start[key + 1] = (uint16_t)(start[key + 1] + start[key]);
    for (int k = 0; k < norder; k++)
        order[start[r->phrase[k][0] * (W_SENTENCE + 1) + date_cues[k].where]++] = (unsigned char)k;
    /* each set's pair buckets: counted, then filled, in that order */
    for (int set = 0; set < N_SETS; set++) {
        uint16_t *pf = r->pair_first[set];
        static uint16_t next[PAIR_BUCKETS + 1];
        for (int pass = 0; pass < 2; pass++) {
            if (pass)
                for (int h = 0; h < PAIR_BUCKETS; h++)
                    pf[h + 1] = (uint16_t)(pf[h + 1] + pf[h]);
            memcpy(next, pf, sizeof next);
            for (int i = 0; i < norder; i++) {
                int k = order[i];
                if (!(set_where[set] >> date_cues[k].where & 1))
                    continue;
                /* a part of two bytes or more: the bucket of its own
                   pair; a shorter one: every bucket of its group's byte,
                   once */
                int whole = (r->mask[k] >> 8 & 0xFF) != 0;
                unsigned b0 = r->phrase[k][0];
                r->opens[set][b0] = 1;
                static unsigned char in[PAIR_BUCKETS];
                if (!whole)
                    memset(in, 0, sizeof in);
                for (unsigned b1 = whole ? r->sig[k] >> 8 & 0xFF : 0; b1 < 256; b1 = whole ? 256 : b1 + 1) {
                    unsigned h = pair_of(b0 | b1 << 8);
                    if (!whole && in[h])
                        continue;
                    in[h] = 1;
                    if (pass)
                        r->pair_rows[set][next[h]++] = (unsigned char)k;
                    else
                        pf[h + 1]++;
                }
            }
        }
    }
}

/* The next four bytes at *pp as part_at() compares them with a phrase's
   (their case folded, a run of spaces and line breaks one space), byte i
   at bits 8i; 0 for each byte at or past hi. A phrase's byte after 0xC3
   folds the text's by it, and the text's byte before stands there too
   when the bytes before agree, so the text's own byte before folds it
   (*pprev: 0 at a phrase's start). *pp and *pprev move on past them, so
   that a second call gives bytes 4 to 7; ends[i] is the offset after
   byte i. */
static PK_ALWAYS_INLINE uint32_t opening(const char *s, size_t *pp, size_t hi, unsigned char *pprev, size_t *ends)
{
    uint32_t v = 0;
    size_t p = *pp;
    unsigned char prev = *pprev;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    if (p + 4 <= hi) {
        /* four ASCII bytes with no run of two spaces or line breaks (nor
           one that goes on past them), so that each ends a byte further: each
           folds by itself (a byte below 0x80 does not ask the one before
           it), A-Z becoming a-z and a line break a space four at a time */
        uint32_t w;
        memcpy(&w, s + p, 4);
        if (!(w & 0x80808080u)) {
            /* bit 7 of each byte: it is a space, a line break (exact: no
               byte is 0x80 or more, so no carry crosses a byte) */
            uint32_t sp = ~((w ^ 0x20202020u) + 0x7F7F7F7Fu) & 0x80808080u;
            uint32_t nl = ~((w ^ 0x0A0A0A0Au) + 0x7F7F7F7Fu) & 0x80808080u;
            uint32_t ws = sp | nl;
            /* (a space or line break last, alone when the byte after it,
               if there is one before hi, is neither: its run ends there too) */
            if (!(ws & (ws << 8)) &&
                (!(ws & 0x80000000u) || p + 4 == hi || (s[p + 4] != ' ' && s[p + 4] != '\n'))) {
                /* bit 7 of w + 0x3F: the byte is at least 'A'; of w + 0x25: past 'Z' */
                uint32_t upper = (w + 0x3F3F3F3Fu) & ~(w + 0x25252525u) & 0x80808080u;
                for (int i = 0; i < 4; i++)
                    ends[i] = p + (size_t)i + 1;
                *pp = p + 4;
                *pprev = (unsigned char)s[p + 3];
                return (w ^ (nl >> 7) * 0x2Au) | upper >> 2;
            }
        }
    }
#endif
    for (int i = 0; i < 4 && p < hi; i++) {
        unsigned char a = (unsigned char)s[p];
        if (a == ' ' || a == '\n') {
            while (p < hi && (s[p] == ' ' || s[p] == '\n'))
                p++;
            a = ' ';
            prev = ' ';
        } else {
            a = pk_fold_byte(a, prev);
            prev = (unsigned char)s[p++];
        }
        v |= (uint32_t)a << (8 * i);
        ends[i] = p;
    }
    *pp = p;
    *pprev = prev;
    return v;
}

/* The groups, and the places where some row's opening stands (as part_at()
   compares it), found by the one pass over the text (scan.c): the searches
   around each date visit only those. */
struct date_cue_rows {
    const cue_groups *g;
    const uint32_t *at; /* the places, in order */
    size_t nat;
};

static struct date_cue_rows *cue_rows_of(ctx *c)
{
    struct date_cue_rows *r = pk_arena_alloc(c->a, sizeof *r);
    r->g = &groups; /* made by pk_extract_dates */
    const pk_cues *q = pk_cue_places(c, PK_CUE_DATES);
    r->at = q->at;
    r->nat = q->n;
    return r;
}

/* The index of the first place from p (pk_first_from: a binary search
   whose halvings select rather than branch, as many for every question of
   a document, where a walk from the last question's place took as many
   steps as the places between, a count no predictor learns). */
static inline size_t first_place(const struct date_cue_rows *cr, size_t p) { return pk_first_from(cr->at, cr->nat, p); }

/* Every hit outside the date [ds, de) of the rows of `set` at the cue
   place p, within the line or the sentence [slo, shi): the rows of the
   bucket of its first two bytes, in their order; into best, and *another
   set when a row of role `another` hits (another may be NULL). */
static PK_ALWAYS_INLINE void hits_at(const ctx *c, int set, size_t p, size_t ds, size_t de, size_t slo, size_t shi,
                                     cue_hit *best, int *another)
{
    const cue_groups *g = c->date_cue_rows->g;
    const char *s = c->t.s;
    unsigned char ch = (unsigned char)s[p];
    if (ch >= 'A' && ch <= 'Z')
        ch = (unsigned char)(ch + 32);
    if (!g->opens[set][ch]) /* no row of the set opens here (nor with a space) */
        return;
    /* a label row stands only where its word begins a column: asked
       once for the place, not for each row that holds there */
    if (set == SET_LABEL && !column_start(s, slo, p))
        return;
    const unsigned char *rows = g->pair_rows[set];
    const uint16_t *pf = g->pair_first[set];
    /* the opening, and the bytes after it, four at a time, when a row asks */
    size_t fp = p;
    unsigned char prev = 0;
    size_t ends[4 + 4 * MORE_GROUPS]; /* the text's offset after each folded byte */
    uint32_t op = opening(s, &fp, shi, &prev, ends), more[MORE_GROUPS] = {0};
    int have_more = 0;
    unsigned bucket = pair_of(op);
    for (int i = pf[bucket]; i < pf[bucket + 1]; i++) {
        int k = rows[i];
        /* the opening as part_at() compares it: most candidates end here */
        if ((op & g->mask[k]) != g->sig[k])
            continue;
        const date_cue *q = &date_cues[k];
        if (g->mask_more[k][0]) {
            if (!have_more) {
                more[0] = opening(s, &fp, shi, &prev, ends + 4);
                have_more = 1;
            }
            if ((more[0] & g->mask_more[k][0]) != g->sig_more[k][0])
                continue;
            if (g->mask_more[k][1]) {
                if (have_more < 2) {
                    more[1] = opening(s, &fp, shi, &prev, ends + 8);
                    have_more = 2;
                }
                if ((more[1] & g->mask_more[k][1]) != g->sig_more[k][1])
                    continue;
            }
        }
        /* the opening and the bytes after it hold the first part's
           first twelve bytes (all of a shorter one): it is compared
           from there; a phrase of one part that they hold whole ends
           there (cue_at()'s ends of words asked here) */
        size_t held = g->held[k], e;
        if (g->whole[k]) {
            e = ends[held - 1];
            unsigned char how = g->whole[k];
            if ((!(how & WHOLE_OPEN_START) && p > slo && word_byte((unsigned char)s[p - 1])) ||
                (!(how & WHOLE_OPEN_END) && e < shi && word_byte((unsigned char)s[e])))
                continue;
        } else {
            e = cue_at(s, slo, shi, p, q->phrase, g->part_len[k], g->gap[k], held, held ? ends[held - 1] : p);
        }
        if (!e || (p < de && e > ds))
            continue;
        cue_hit h = {k, p, e, p >= de};
        if (q->role == R_ANOTHER && another)
            *another = 1;
        if (hit_better(&h, best))
            *best = h;
    }
}

/* The label rows' hits in the line [ls, le) (a date after it), from the
   place ia on: the first at ls or after, or one after places that give
   no hit. */
static void find_label_cues(const ctx *c, size_t ia, size_t ls, size_t le, cue_hit *best)
{
    const struct date_cue_rows *cr = c->date_cue_rows;
    for (; ia < cr->nat && cr->at[ia] < le; ia++)
        hits_at(c, SET_LABEL, cr->at[ia], le, le, ls, le, best, NULL);
}

/* The prose rows' hits in the sentence [ss, se) of the date x, each row's
   where it counts (date_cues.tsv): `near` in the 40 bytes before the
   date, `before` before it, `after` in the 8 bytes after it, `sentence`
   anywhere; in one walk over the places, each asked the rows that count
   where it stands. A hit at a place in the date overlaps it: those places
   are passed over. */
static void find_prose_cues(const ctx *c, const dcand *x, size_t ss, size_t se, cue_hit *best, int *another)
{
    const struct date_cue_rows *cr = c->date_cue_rows;
    size_t w = x->s > ss + 40 ? x->s - 40 : ss, a = x->e + 8 < se ? x->e + 8 : se;
    for (size_t ia = first_place(c->date_cue_rows, ss); ia < cr->nat && cr->at[ia] < se; ia++) {
        size_t p = cr->at[ia];
        if (p >= x->s && p < x->e)
            continue;
        /* (w <= x->s <= a: the set counted from the bounds passed, not
           a branch on each as the places come) */
        int set = SET_FAR + (p >= w) + (p >= x->s) + (p >= a);
        hits_at(c, set, p, x->s, x->e, ss, se, best, another);
    }
}

/* The start and end of p's line, looking no further than 160 bytes: a
   header line is short, and a long line must not cost a scan per date. */
static size_t line_start(const ctx *c, size_t p)
{
    size_t stop = p > 160 ? p - 160 : 0;
    const char *nl = memrchr(c->t.s + stop, '\n', p - stop);
    return nl ? (size_t)(nl - c->t.s) + 1 : stop;
}

static size_t line_end(const ctx *c, size_t p)
{
    size_t stop = p + 160 < c->t.n ? p + 160 : c->t.n;
    const char *nl = p < stop ? memchr(c->t.s + p, '\n', stop - p) : NULL;
    return nl ? (size_t)(nl - c->t.s) : stop;
}


/* The first byte of [s, e) that is no space, or e. */
static size_t past_spaces(const ctx *c, size_t s, size_t e)
{
    while (s < e && c->t.s[s] == ' ')
        s++;
    return s;
}

static int blank_range(const ctx *c, size_t s, size_t e) { return past_spaces(c, s, e) == e; }

/* The line above the one starting at ls, skipping one blank line. */
static int prev_line(const ctx *c, size_t ls, size_t *ps, size_t *pe)
{
    for (int k = 0; k < 2 && ls; k++) {
        *pe = ls - 1;
        *ps = line_start(c, *pe);
        if (!blank_range(c, *ps, *pe))
            return 1;
        ls = *ps;
    }
    return 0;
}

/* The column in the input of the character at cleaned offset p: the
   characters between it and the start of its line there. */
static size_t input_column(const ctx *c, size_t p)
{
    size_t o = pk_map_at(&c->t, p), b = o, col = 0;
    while (b > 0 && c->orig[b - 1] != '\n' && o - b < 400) {
        b--;
        col += (c->orig[b] & 0xC0) != 0x80;
    }
    return col;
}


/* The header's label before a date in [s, e), whose first byte but
   spaces is at f (past_spaces()): its role, or -1. With whole set, only
   a capitalised label that is all the range holds but spaces and a colon
   ("Sammanträdesdatum: 2024-01-10" repeated on every page), not a line of
   prose that begins with "sammanträde 2024-04-15". */
static int label_from(const ctx *c, size_t s, size_t f, size_t e, int whole)
{
    /* a range of spaces holds no label (no cue place is a space); with
       whole set, the label's word is the range's first (but spaces before
       it), and opens with a capital: a range whose first byte but spaces
       opens none holds no such label */
    if (f == e || (whole && !pk_is_upper_at(c->t.s + f, e - f)))
        return -1;
    const struct date_cue_rows *cr = c->date_cue_rows;
    size_t ia;
    if (whole) {
        /* and the label opens in that word: the first cue place from f
           stands there (or at the byte after it), nothing but word bytes
           before it */
        ia = first_place(cr, f);
        if (ia == cr->nat || cr->at[ia] >= e)
            return -1;
        if (word_start(c->t.s, f, cr->at[ia]) != f)
            return -1;
        /* the spaces before f: a place there opens no label row unless
           one opens with a space */
        if (cr->g->opens[SET_LABEL][' '])
            ia = first_place(cr, s);
    } else {
        ia = first_place(cr, s);
    }
    cue_hit best = {-1, 0, 0, 0};
    find_label_cues(c, ia, s, e, &best);
    if (best.row < 0)
        return -1;
    if (whole) {
        while (e > best.e && (c->t.s[e - 1] == ' ' || c->t.s[e - 1] == ':'))
            e--;
        /* a label that ends a word ("Utskriftsdatum") stands from the word's start */
        size_t ws = word_start(c->t.s, s, best.s);
        if (!blank_range(c, s, ws) || e != best.e || !pk_is_upper_at(c->t.s + ws, e - ws))
            return -1;
    }
    return date_cues[best.row].role;
}

/* label_from() of [s, e), its spaces sought here. */
static int label_in(const ctx *c, size_t s, size_t e, int whole)
{
    return label_from(c, s, past_spaces(c, s, e), e, whole);
}

/* The last place in [lo, p) that holds byte x or byte y, or SIZE_MAX:
   sixteen bytes at a step where SSE2 is there, the last fewer too where
   the text holds sixteen before p (memrchr() went its own ways on the
   short, varying lengths between one place and the next). */
static size_t last_of(const char *s, size_t lo, size_t p, char x, char y)
{
#if defined(__SSE2__)
    const __m128i wx = _mm_set1_epi8(x), wy = _mm_set1_epi8(y);
    while (p >= lo + 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + p - 16));
        unsigned m = (unsigned)_mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(v, wx), _mm_cmpeq_epi8(v, wy)));
        if (m)
            return p - 16 + (31 - (size_t)__builtin_clz(m));
        p -= 16;
    }
    if (p > lo && p >= 16) {
        /* fewer than sixteen bytes from lo: the bits of those before it cleared */
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + p - 16));
        unsigned m = (unsigned)_mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(v, wx), _mm_cmpeq_epi8(v, wy))) &
                     ~((1u << (16 - (p - lo))) - 1);
        return m ? p - 16 + (31 - (size_t)__builtin_clz(m)) : SIZE_MAX;
    }
#endif
    while (p > lo) {
        p--;
        if (s[p] == x || s[p] == y)
            return p;
    }
    return SIZE_MAX;
}

/* "Till" heading the addressee block of a tjänsteutlåtande, with the nämnd
   between it and the date, on the lines above the date (two columns
   flattened: "Handläggare  Till" / "Oskar Lind  Norra innerstadens" /
   "Telefon: 08-508 09 412  stadsdelsnämnd" / "27 mars 2025"). */
static int in_till_block(ctx *c, size_t ds)
{
    size_t from = ds > 320 ? ds - 320 : 0;
    const char *s = c->t.s;
    for (size_t p = ds; p > from;) {
        p = last_of(s, from, p, 'T', 'T');
        if (p == SIZE_MAX)
            break;
        if (p + 4 > ds || memcmp(s + p, "Till", 4) != 0)
            continue;
        if (p + 4 < ds && s[p + 4] != ' ' && s[p + 4] != '\n')
            continue;
        if (p > 0 && s[p - 1] != '\n' && !(p > 1 && s[p - 1] == ' ' && (s[p - 2] == ' ' || word_byte((unsigned char)s[p - 2]))))
            continue;
        size_t ov[2];
        return pk_rx_match(c, RX_BODY, p + 4, ds, ov, 1);
    }
    return 0;
}

static int is_minutes(const ctx *c)
{
    return c->rec->doc_type && strncmp(c->rec->doc_type, "protokoll", 9) == 0;
}

/* The role of date x; the cues of its sentence count between the dates
   before and after it (fence_lo, fence_hi): "senast den 30 juni, samrådet
   hålls den 15 januari" gives no deadline to the second. */
static const char *role_of(ctx *c, const dcand *x, size_t hdr_end, size_t fence_lo, size_t fence_hi, int *have_doc)
{
    /* the header: a label before the date on its line, the addressee
       block, or a date alone on its line under a label or a nämnd; past
       the header, a label that is all its line holds */
    size_t ls = line_start(c, x->s), ps, pe;
    /* (the line's first byte but spaces: whether the date is alone on it,
       and where a label before it opens; sought once for both. Its line's
       end is sought only for a date that opens it) */
    size_t f = past_spaces(c, ls, x->s);
    int head = x->s < hdr_end, alone = f == x->s && blank_range(c, x->e, line_end(c, x->e)), r;
    if ((r = label_from(c, ls, f, x->s, !head)) >= 0)
        return role_names[r];
    /* (the line above a date alone on its line: sought once, for its label
       and its nämnd) */
    int above = alone && prev_line(c, ls, &ps, &pe);
    if (above && (r = label_in(c, ps, pe, !head)) >= 0)
        return role_names[r];
    /* two columns flattened: the date stands in the right one under its
       label ("JÖNKÖPINGS KOMMUN    Sammanträdesdatum" /
       "Barn- och utbildningsnämnden    2022-10-19"); columns are counted
       in the input, where the spaces stand */
    if (head && !alone && column_start(c->t.s, ls, x->s) && prev_line(c, ls, &ps, &pe)) {
        cue_hit best = {-1, 0, 0, 0};
        find_label_cues(c, first_place(c->date_cue_rows, ps), ps, pe, &best);
        if (best.row >= 0) {
            size_t dc = input_column(c, x->s), lc = input_column(c, best.s);
            if ((dc > lc ? dc - lc : lc - dc) <= 8)
                return role_names[date_cues[best.row].role];
        }
    }
    if (head) {
        if (in_till_block(c, x->s))
            return role_meeting;
        if (alone) {
            size_t ov[2];
            if (above && pk_rx_match(c, RX_BODY, ps, pe, ov, 1) && ov[0] == ps)
                return role_meeting;
            /* minutes are dated by their meeting */
            if (is_minutes(c) && !c->rec->meeting_date)
                return role_meeting;
            if (!*have_doc) {
                *have_doc = 1;
                return role_document;
            }
        }
    }
    /* prose: the cues of the date's sentence */
    size_t lo = x->s > 400 ? x->s - 400 : 0, hi = x->e + 400 < c->t.n ? x->e + 400 : c->t.n, ss, se;
    pk_sentence_bounds(&c->t, lo, hi, x->s, &ss, &se);
    if (se < x->e)
        se = x->e;
    if (ss < fence_lo)
        ss = fence_lo;
    if (se > fence_hi)
        se = fence_hi;
    cue_hit best = {-1, 0, 0, 0};
    int another = 0;
    find_prose_cues(c, x, ss, se, &best, &another);
    if (best.row < 0)
        return role_other;
    r = date_cues[best.row].role;
    /* a meeting ahead is this one only in a report written for it, and
       not when the sentence speaks of an earlier decision */
    if (r == R_UPCOMING && (another || is_minutes(c)))
        return role_other;
    return role_names[r];
}

/* A four-digit year at s standing as a word of its own: not part of a
   longer number, a range ("2024-2032", "2024/25") or a dotted number. */
static int lone_year(const ctx *c, size_t s)
{
    const char *t = c->t.s;
    size_t n = c->t.n;
    if (s + 4 > n || (s > 0 && (word_byte((unsigned char)t[s - 1]) || t[s - 1] == '-' || t[s - 1] == '/' ||
                                t[s - 1] == '.' || (unsigned char)t[s - 1] == 0x93)))
        return 0;
    for (size_t k = 0; k < 4; k++)
        if (t[s + k] < '0' || t[s + k] > '9')
            return 0;
    if (s + 4 < n) {
        unsigned char a = (unsigned char)t[s + 4];
        if (word_byte(a) || ((a == '-' || a == '/' || a == '.') && s + 5 < n && t[s + 5] >= '0' && t[s + 5] <= '9'))
            return 0;
        if (a == 0xE2 && s + 7 < n && (unsigned char)t[s + 5] == 0x80 && (unsigned char)t[s + 6] == 0x93)
            return 0; /* an en dash: "2024–2027" */
    }
    int y = num(c, s, s + 4);
    return y >= 1900 && y <= 2099 ? y : 0;
}

/* A line that holds a year and nothing else but "år" and a colon: the
   heading of the dates below it ("2024", "År 2025:"). */
static int year_line(const ctx *c, size_t s, size_t e)
{
    while (s < e && c->t.s[s] == ' ')
        s++;
    while (e > s && (c->t.s[e - 1] == ' ' || c->t.s[e - 1] == ':'))
        e--;
    if (e - s == 8 && (memcmp(c->t.s + s, "\xc3\xa5r ", 4) == 0 || memcmp(c->t.s + s, "\xc3\x85r ", 4) == 0))
        s += 4;
    return e - s == 4 ? lone_year(c, s) : 0;
}

/* [s, e) holds nothing but a list of days: numbers, month names, the
   words of date_words.tsv (day_list_word: "den", "och", "samt", "kl";
   weekday: the weekdays' names), punctuation and line breaks. */
static int only_days(const ctx *c, size_t s, size_t e)
{
    const char *t = c->t.s;
    for (size_t p = s; p < e;) {
        unsigned char ch = (unsigned char)t[p];
        if (!word_byte(ch) || (ch >= '0' && ch <= '9')) {
            p++;
            continue;
        }
        size_t w = p;
        while (w < e && word_byte((unsigned char)t[w]) && !(t[w] >= '0' && t[w] <= '9'))
            w++;
        int ok = month_of(c, p, w) != 0;
        for (size_t k = 0; k < pk_n_day_list_word + pk_n_weekday && !ok; k++) {
            const char *word = k < pk_n_day_list_word ? pk_day_list_word[k] : pk_weekday[k - pk_n_day_list_word];
            size_t n = strlen(word);
            /* a weekday may take its article: "tisdagen" */
            ok = (w - p == n || (n > 4 && w - p == n + 2)) && part_at(t, p, w, word, n) == p + n;
        }
        if (!ok)
            return 0;
        p = w;
    }
    return 1;
}

/* The year that heads the date i: on the line above it, on the line above
   a run of dates each starting its line ("2024" / "29 januari" / "26
   februari"), or before a colon that opens a list of days ("för 2025: 28
   januari, 25 februari"); 0 when none does. */
static int heading_year(const ctx *c, const dcand *xs, const int *heading, size_t i)
{
    size_t ls = line_start(c, xs[i].s), ps, pe;
    if (blank_range(c, ls, xs[i].s) && prev_line(c, ls, &ps, &pe)) {
        int y = year_line(c, ps, pe);
        if (y)
            return y;
        for (size_t j = i; j-- > 0 && xs[j].s >= ps;)
            if (xs[j].s < pe && blank_range(c, ps, xs[j].s))
                return heading[j];
    }
    size_t stop = xs[i].s > 300 ? xs[i].s - 300 : 0;
    for (size_t p = xs[i].s; (p = last_of(c->t.s, stop + 4, p, '\n', ':')) != SIZE_MAX;) {
        if (c->t.s[p] == '\n' && c->t.s[p - 1] == '\n')
            break; /* the paragraph's start */
        if (c->t.s[p] == ':' && lone_year(c, p - 4))
            return only_days(c, p + 1, xs[i].s) ? lone_year(c, p - 4) : 0;
    }
    return 0;
}

/* The word before a year that makes it the year of the matter ("under
   2024", "år 2023", "april 2024"), not a name ("Agenda 2030"): a month
   name or a word of date_words.tsv (year_word). */
static int year_governed(const ctx *c, size_t p)
{
    size_t e = p;
    while (e > 0 && c->t.s[e - 1] == ' ')
        e--;
    if (e == p)
        return 0;
    size_t s = word_start(c->t.s, 0, e);
    for (int m = 0; m < 12; m++)
        if (strlen(pk_months[m][0]) == e - s && part_at(c->t.s, s, e, pk_months[m][0], e - s) == e)
            return 1;
    for (size_t k = 0; k < pk_n_year_word; k++) {
        size_t n = strlen(pk_year_word[k]);
        if (e - s == n && part_at(c->t.s, s, e, pk_year_word[k], n) == e)
            return 1;
    }
    return 0;
}

/* The diarienummer's spans, to ask whether a span overlaps one in
   logarithmic time (a document of many dates and many diarienummer asked
   each date about every diarienummer): their starts in order, and for each
   the furthest end among it and those before it. */
typedef struct rn_spans {
    uint32_t *start; /* (offsets of the text, as cue places are) */
    size_t *end;
    size_t n;
} rn_spans;

static int by_span_start(const void *a, const void *b)
{
    const pk_span *x = a, *y = b;
    return x->start < y->start ? -1 : x->start > y->start;
}

static rn_spans rn_spans_of(ctx *c)
{
    rn_spans r = {NULL, NULL, c->regnums.n};
    if (!r.n)
        return r;
    pk_span *sp = pk_arena_alloc(c->a, r.n * sizeof *sp);
    r.start = pk_arena_alloc(c->a, r.n * sizeof *r.start);
    r.end = pk_arena_alloc(c->a, r.n * sizeof *r.end);
    const pk_regnum *rn = c->regnums.items;
    int sorted = 1;
    for (size_t i = 0; i < r.n; i++) {
        sp[i] = rn[i].span;
        sorted &= !i || sp[i - 1].start <= sp[i].start;
    }
    /* most often found in order already: no sort (the order of spans that
       start together changes no answer of in_regnum) */
    if (!sorted)
        qsort(sp, r.n, sizeof *sp, by_span_start);
    for (size_t i = 0; i < r.n; i++) {
        r.start[i] = (uint32_t)sp[i].start;
        r.end[i] = i && r.end[i - 1] > sp[i].end ? r.end[i - 1] : sp[i].end;
    }
    return r;
}

/* A diarienummer's span overlaps sp: one of those that start before sp
   ends reaches past its start. */
static PK_ALWAYS_INLINE int in_regnum(const rn_spans *r, pk_span sp)
{
    /* the number of starts below sp.end (pk_first_from) */
    size_t lo = pk_first_from(r->start, r->n, sp.end);
    return lo > 0 && r->end[lo - 1] > sp.start;
}

/* The year a text is about, for a date no other year fits: the year its
   title names, else the one year the text speaks of as its matter's ("för
   2024", "under 2024", "april 2024"); none when it names two such years,
   or its years only in names ("Agenda 2030"), dates and diarienummer.
   The years of the text are looked for where the one pass found a run of
   four digits that opens with 1 or 2 (PK_CUE_YEARS, in order), every place
   where lone_year may hold; a year's run holds no other. */
static int year_of_text(ctx *c, const dcand *xs, size_t n, const rn_spans *rns)
{
    const char *t = c->rec->title;
    for (size_t k = 0; t && t[k]; k++)
        if (t[k] >= '1' && t[k] <= '2' && (k == 0 || !word_byte((unsigned char)t[k - 1])) && strlen(t + k) >= 4) {
            int y = atoi(t + k);
            if (y >= 1900 && y <= 2099 && !(t[k + 4] >= '0' && t[k + 4] <= '9') && t[k + 4] != '-' && t[k + 4] != '/' &&
                (unsigned char)t[k + 4] != 0xE2)
                return y;
        }
    int year = 0;
    size_t di = 0;
    const pk_cues *q = pk_cue_places(c, PK_CUE_YEARS);
    for (size_t i = 0; i < q->n; i++) {
        size_t p = q->at[i];
        while (di < n && xs[di].e <= p)
            di++;
        if (di < n && xs[di].s <= p)
            continue;
        int y = lone_year(c, p);
        if (!y || !year_governed(c, p))
            continue;
        if (in_regnum(rns, pk_span_of(c, p, p + 4)))
            continue;
        if (year && y != year)
            return 0;
        year = y;
    }
    return year;
}

/* The header ends where the matter's heading begins: an excerpt that opens
   with "§ 6 Title" has prose, not a header, before its decision. */
static size_t header_end(const ctx *c)
{
    size_t end = c->header_end;
    if (!c->rec->title)
        return end;
    size_t at = pk_cleaned_at(c, c->rec->title_span.start); /* the title's first cleaned byte */
    return at < end ? at : end;
}

void pk_extract_dates(ctx *c)
{
    pk_once(&groups_once, &groups_ready, make_groups); /* the cue groups, the months' slots and the digit pairs */
    rn_spans rns = rn_spans_of(c);
    vec cs = {0};
    cs.size = sizeof(dcand);
    size_t ov[10];
    size_t runs[RX_DATE_NAMED - RX_DATE_ISO + 2];
    for (int id = RX_DATE_ISO; id <= RX_DATE_NAMED; id++) {
        runs[id - RX_DATE_ISO] = cs.n;
        size_t pos = 0;
        while (pk_rx_match(c, id, pos, c->t.n, ov, 5)) {
            pos = ov[1] > ov[0] ? ov[1] : ov[0] + 1;
            dcand x = {ov[0], ov[1], 0, 0, 0, 0, {0, 0, 0}};
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
            x.span = pk_span_of(c, x.s, x.e);
            if (in_regnum(&rns, x.span))
                continue;
            dcand *p = pk_vec_push(c->a, &cs);
            *p = x;
        }
    }
    if (!cs.n)
        return;
    c->date_cue_rows = cue_rows_of(c);
    runs[RX_DATE_NAMED - RX_DATE_ISO + 1] = cs.n;
    dcand *xs = by_pos(c->a, cs.items, runs, RX_DATE_NAMED - RX_DATE_ISO + 1);

    /* roles first: the header date gives the year to the others */
    const char **roles = pk_arena_alloc(c->a, cs.n * sizeof *roles);
    int have_doc = 0;
    size_t hdr_end = header_end(c);
    size_t last_end = 0;
    for (size_t i = 0; i < cs.n; i++) {
        if (xs[i].s < last_end) {
            roles[i] = NULL; /* overlaps an earlier match */
            continue;
        }
        /* the dates on either side fence its cues in */
        size_t next = c->t.n;
        for (size_t j = i + 1; j < cs.n; j++)
            if (xs[j].s >= xs[i].e) {
                next = xs[j].s;
                break;
            }
        roles[i] = role_of(c, &xs[i], hdr_end, last_end, next, &have_doc);
        last_end = xs[i].e;
    }
    /* one meeting decides: once a date is the meeting's, another date said
       to be "vid sammanträdet" is some other meeting ("... till styrelsen
       vid sammanträdet den 12 december") */
    size_t first_meeting = cs.n;
    /* in the same walk, the first document's date and the first meeting's
       (as the roles end) that state their year */
    size_t doc_stated = cs.n, meeting_stated = cs.n;
    for (size_t i = 0; i < cs.n; i++) {
        if (roles[i] == role_meeting) {
            if (first_meeting == cs.n) {
                first_meeting = i;
            } else {
                const dcand *m = &xs[first_meeting];
                if (xs[i].m != m->m || xs[i].d != m->d || (!xs[i].inferred && !m->inferred && xs[i].y != m->y))
                    roles[i] = role_other;
            }
        }
        if (!xs[i].inferred) {
            if (roles[i] == role_document && doc_stated == cs.n)
                doc_stated = i;
            else if (roles[i] == role_meeting && meeting_stated == cs.n)
                meeting_stated = i;
        }
    }
    /* the year of a date without one: a year heading the lines above it,
       else the document's own date or its meeting, the award's year, the
       nearest date that states a year, the year the text is about */
    int ry = 0, rm = 0;
    size_t stated = doc_stated < cs.n ? doc_stated : meeting_stated;
    if (stated < cs.n) {
        ry = xs[stated].y;
        rm = xs[stated].m;
    }
    if (!ry && c->award && c->award->year)
        ry = c->award->year;
    int about = ry ? 0 : year_of_text(c, xs, cs.n, &rns);
    int *heading = pk_arena_alloc(c->a, cs.n * sizeof *heading);

    /* the nearest date before i that states its year (SIZE_MAX: none; the
       dates before `looked` looked at), and the first after it, kept as i
       moves on: a text of dates with no year looked at every other date
       for each */
    size_t stated_before = SIZE_MAX, looked = 0, stated_after = 0;
    for (size_t i = 0; i < cs.n; i++) {
        dcand *x = &xs[i];
        heading[i] = 0;
        if (!roles[i])
            continue;
        if (x->inferred) {
            int y = heading[i] = heading_year(c, xs, heading, i);
            int m = 0;
            if (!y && ry) {
                y = ry;
                m = rm;
            }
            if (!y)
                for (; looked < i; looked++)
                    if (roles[looked] && !xs[looked].inferred)
                        stated_before = looked;
            if (!y && stated_before != SIZE_MAX) { /* the nearest date before that states its year */
                y = xs[stated_before].y;
                m = xs[stated_before].m;
            } else if (!y) { /* else the first after */
                if (stated_after <= i)
                    stated_after = i + 1;
                while (stated_after < cs.n && !(roles[stated_after] && !xs[stated_after].inferred))
                    stated_after++;
                if (stated_after < cs.n)
                    y = xs[stated_after].y;
            }
            if (!y)
                y = about;
            if (!y)
                continue; /* a day and month with no year anywhere: no date */
            /* "den 15 januari" in a text written in the autumn is next year */
            x->y = !heading[i] && m >= 10 && x->m <= 3 ? y + 1 : y;
            if (x->d > days_in(x->y, x->m))
                continue;
        }
        pk_date *d = pk_vec_push(c->a, &c->dates);
        if (x->y >= 0 && x->y <= 9999 && x->m >= 0 && x->m <= 99 && x->d >= 0 && x->d <= 99) {
            /* YYYY-MM-DD, two digits at a time into the arena (printf's
               format parsing is the cost; the year divided by 100 once) */
            char *o = pk_arena_alloc(c->a, 11);
            unsigned y = (unsigned)x->y, hi = y / 100;
            memcpy(o, digit_pairs[hi], 2);
            memcpy(o + 2, digit_pairs[y - hi * 100], 2);
            o[4] = '-';
            memcpy(o + 5, digit_pairs[x->m], 2);
            o[7] = '-';
            memcpy(o + 8, digit_pairs[x->d], 2);
            o[10] = 0;
            d->iso = o;
        } else {
            char iso[16];
            snprintf(iso, sizeof iso, "%04d-%02d-%02d", x->y, x->m, x->d);
            d->iso = pk_arena_strdup(c->a, iso);
        }
        d->text = pk_fold(c, x->s, x->e); /* as written: "2024-\n08-23" reads "2024- 08-23" */
        d->role = roles[i];
        d->year_inferred = x->inferred;
        d->span = x->span;
        if (!c->rec->document_date && d->role == role_document)
            c->rec->document_date = d->iso;
        if (!c->rec->meeting_date && d->role == role_meeting)
            c->rec->meeting_date = d->iso;
    }
    if (c->award && !c->award->year) {
        const char *from = c->rec->meeting_date ? c->rec->meeting_date : c->rec->document_date;
        if (from)
            c->award->year = atoi(from);
    }
}
