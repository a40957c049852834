/* Internal declarations shared by the stages. Not installed. */
#ifndef PK_INTERNAL_H
#define PK_INTERNAL_H

#include "protokoll.h"

#include <setjmp.h>
#include <stdint.h>
#include <stddef.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <pthread.h>

/* A small function that a hot loop must have inline, where the compiler's
   own choice would move it out of line as its callers grow */
#if defined(__GNUC__)
#define PK_ALWAYS_INLINE __attribute__((always_inline)) inline
#else
#define PK_ALWAYS_INLINE inline
#endif

/* Loads that may read past a string's end, within its page (the way
   strlen reads), are not made under AddressSanitizer, which would see
   the bytes past the end: PK_NO_OVERREAD is then defined */
#if defined(__SANITIZE_ADDRESS__)
#define PK_NO_OVERREAD 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define PK_NO_OVERREAD 1
#endif
#endif

/* The n bytes from p lie in the page of p's first */
static inline int pk_in_page(const void *p, size_t n) { return ((uintptr_t)p & 4095) <= 4096 - n; }

/* pthread_once(o, init), called only until init has run: *ready is set
   once pthread_once has returned (release order: after all init wrote)
   and read here first (acquire order), so that a table made once per
   process costs a load, not a call into the library, at every question */
static inline void pk_once(pthread_once_t *o, int *ready, void (*init)(void))
{
    if (!__atomic_load_n(ready, __ATOMIC_ACQUIRE)) {
        pthread_once(o, init);
        __atomic_store_n(ready, 1, __ATOMIC_RELEASE);
    }
}

/* ---- arena.c: per-document memory; running out of memory jumps back to pk_extract ---- */

typedef struct arena_block arena_block;
typedef struct arena {
    arena_block *head;
    jmp_buf *oom; /* where to jump when an allocation fails; NULL: return NULL */
    char *cur, *end; /* the free room of the head block (NULL, NULL: none) */
} arena;

/* pk_arena_alloc when the head block has no room for n bytes (a new block) */
void *pk_arena_alloc_more(arena *a, size_t n);
/* n bytes, aligned as max_align_t: taken from the head block's room in
   line, the call out of line only for a new block */
static inline void *pk_arena_alloc(arena *a, size_t n)
{
    size_t need = (n + sizeof(max_align_t) - 1) & ~(sizeof(max_align_t) - 1);
    if (need >= n && need < (size_t)((uintptr_t)a->end - (uintptr_t)a->cur)) {
        void *p = a->cur;
        a->cur += need;
        return p;
    }
    return pk_arena_alloc_more(a, n);
}
void *pk_arena_grow(arena *a, void *old, size_t old_n, size_t new_n);
char *pk_arena_strndup(arena *a, const char *s, size_t n);
char *pk_arena_strdup(arena *a, const char *s);
void pk_arena_free(arena *a);
/* Scratch memory given back: what was allocated since mark (a->cur then)
   is free again when it all lies in the head block still; else (a new
   block was taken since) it stays until pk_arena_free. Nothing may point
   into it afterwards. */
void pk_arena_release(arena *a, void *mark);
/* malloc through the injectable hook, so that tests can make allocations fail */
void *pk_malloc(size_t n);
void *pk_realloc(void *p, size_t n);

/* A growable array living in an arena. */
typedef struct vec {
    void *items;
    size_t n, cap, size;
} vec;

#include <string.h> /* memset, for pk_vec_push below */

/* Room for more items (doubled), or NULL when out of memory */
void *pk_vec_grow(arena *a, vec *v);
/* returns a zeroed slot; in line, the call out of line only to grow */
static inline void *pk_vec_push(arena *a, vec *v)
{
    if (v->n == v->cap && !pk_vec_grow(a, v))
        return NULL;
    void *slot = (char *)v->items + v->n * v->size;
    memset(slot, 0, v->size);
    v->n++;
    return slot;
}

/* An open hash index of a list's items by a hash the caller makes (the
   decisions by text, the people and the units by name): each slot keeps
   an item's index + 1 (0: empty) and its hash, so that a probe compares
   items only where the hashes agree, and growing hashes nothing again.
   The load stays under one half. */
typedef struct pk_index_slot {
    uint32_t hash, item;
} pk_index_slot;
typedef struct pk_index {
    pk_index_slot *slot;
    size_t cap, n; /* cap a power of two, 0 before the first item */
} pk_index;
/* Adds the list's item `item`, of hash h, growing the room in the arena. */
void pk_index_add(arena *a, pk_index *ix, size_t item, uint32_t h);
/* The items of hash h, one by one: *pos is 0 at first; the next one's
   index + 1, or 0 when none is left. */
static inline size_t pk_index_next(const pk_index *ix, uint32_t h, size_t *pos)
{
    if (!ix || !ix->cap)
        return 0;
    size_t m = ix->cap - 1;
    for (size_t i = *pos ? *pos - 1 : h & m; ix->slot[i].item; i = (i + 1) & m)
        if (ix->slot[i].hash == h) {
            *pos = ((i + 1) & m) + 1;
            return ix->slot[i].item;
        }
    return 0;
}

/* ---- decode.c: bytes -> UTF-8 with a map back to the input ---- */

/* The map from every byte of a text to the offset in the original input of
   the character it came from, kept as runs: from byte `at` of the text to
   the next run's, a byte maps to orig + (c - at), c the start of its
   character in the text or `at` if that is later. A run copied from the
   input is one run (the second byte of a character maps to its first);
   a replaced character, a ligature or an inserted break starts runs of
   its own. The first run is at 0; the map never decreases. */
typedef struct pk_run {
    uint32_t at, orig;
} pk_run;

/* Text with its map; map(n) == the original length. A part of a text
   shares the whole's runs: base is its offset in the whole (the runs'
   offsets count from s - base). */
typedef struct pk_text {
    char *s;
    size_t n;
    const pk_run *runs;
    size_t nruns;
    size_t base;
    /* the cleaned text of pk_normalize, and a part of it: the end of each
       line of the whole, its line breaks and then its length (nlines of
       them, offsets in the whole), found as it was written, for
       pk_segment; NULL for any other text */
    const uint32_t *line_ends;
    size_t nlines;
    /* the same texts: the whole's lines as pk_segment finds them (nlines
       of them, bounds in the whole), found once, so that the whole and
       each part take their lines from them; NULL for any other text */
    struct line *lines;
} pk_text;

/* The offset in the input of the text's byte i (i <= n). */
size_t pk_map_at(const pk_text *t, size_t i);
/* pk_map_at of bytes i and j (i <= j, both <= n), j's run found from
   i's: the two ends of a span. */
void pk_map_at2(const pk_text *t, size_t i, size_t j, size_t *at_i, size_t *at_j);
/* The first byte i of the text, in [0, n], with pk_map_at(t, i) >= orig
   (n when none before the end). */
size_t pk_map_find(const pk_text *t, size_t orig);
/* The part [s, e) of t, with its map. */
static inline pk_text pk_text_part(const pk_text *t, size_t s, size_t e)
{
    pk_text p = *t;
    p.s += s;
    p.n = e - s;
    p.base += s;
    return p;
}

/* A map written run by run while its text is written byte by byte. */
typedef struct pk_map_out {
    pk_run *r;
    size_t n, cap;
} pk_map_out;
void pk_map_grow(arena *a, pk_map_out *m);
/* Byte i of the text and those after it map as a run from v: the last run
   takes v when it starts at i (nothing of it was mapped yet), else a new
   run starts. */
static inline void pk_map_open(arena *a, pk_map_out *m, size_t i, size_t v)
{
    if (m->n && m->r[m->n - 1].at == i) {
        m->r[m->n - 1].orig = (uint32_t)v;
        return;
    }
    if (m->n == m->cap)
        pk_map_grow(a, m);
    m->r[m->n].at = (uint32_t)i;
    m->r[m->n++].orig = (uint32_t)v;
}
/* Byte i of the text, the first of a character, and those after it map
   as a run from v: a new run unless the last one says so already (no look
   at the byte: the caller knows it starts a character). */
static inline void pk_map_char(arena *a, pk_map_out *m, size_t i, size_t v)
{
    if (m->n) {
        const pk_run *l = &m->r[m->n - 1];
        if ((size_t)l->orig + (i - l->at) == v)
            return;
    }
    pk_map_open(a, m, i, v);
}
/* The bytes from i of the text s (s[0..i] written; i after every run's
   start) map as a run from i that starts at v: a new run unless the last
   one says so already. */
static inline void pk_map_run(arena *a, pk_map_out *m, const char *s, size_t i, size_t v)
{
    if (m->n) {
        const pk_run *l = &m->r[m->n - 1];
        /* at a character's start only: a run that starts on a later byte
           of a character maps the rest of it to its own start */
        if (((unsigned char)s[i] & 0xC0) != 0x80 && (size_t)l->orig + (i - l->at) == v)
            return;
    }
    pk_map_open(a, m, i, v);
}
/* Byte i of the text s maps to v (s[0..i] written, i after every run's
   start; the bytes after i are written next): the same, but a later byte
   of a character the last run maps to v already takes no run. */
static inline void pk_map_put(arena *a, pk_map_out *m, const char *s, size_t i, size_t v)
{
    if (m->n) {
        const pk_run *l = &m->r[m->n - 1];
        size_t c = i;
        while (c > l->at && ((unsigned char)s[c] & 0xC0) == 0x80)
            c--;
        if ((size_t)l->orig + (c - l->at) == v)
            return;
    }
    pk_map_run(a, m, s, i, v);
}
/* The runs for the bytes from n on dropped: the text was cut back to n. */
static inline void pk_map_cut(pk_map_out *m, size_t n)
{
    while (m->n && m->r[m->n - 1].at >= n)
        m->n--;
}
/* The map of in's bytes [i, r) for the same bytes written at o in s (a
   copy): its runs, those that start a character only where it says so. */
void pk_map_copy(arena *a, pk_map_out *m, const char *s, size_t o, const pk_text *in, size_t i, size_t r);

enum { ENC_UTF8 = 0, ENC_CP1252 = 1 };

typedef struct decode_info {
    int encoding;
    size_t replaced;   /* invalid bytes replaced by U+FFFD */
    size_t nuls;       /* NUL bytes dropped */
    int had_bom;
    size_t bad_offset; /* first offset that made the input "not text" */
    /* the bytes [0, plain) of the text are ones pk_normalize's first pass
       leaves as they stand: ASCII but tabs, carriage returns and other
       control bytes, and the characters it keeps (pk_norm_keeps()), each
       a starter; found by the one pass over valid UTF-8, else 0 */
    size_t plain;
} decode_info;

/* Returns 0, or PK_ENOTTEXT with info->bad_offset set. */
int pk_decode(arena *a, const unsigned char *in, size_t len, pk_text *out, decode_info *info);
/* Byte length in the original input of the character starting at off. */
size_t pk_orig_charlen(const unsigned char *in, size_t len, size_t off, int encoding);

/* ---- normalize.c: NFC, folding, page furniture, line-break hyphens ---- */

/* The cleaned text may be in's text and map, cleaned where they stand:
   in is spent. Its text has room for sixteen bytes after in->n (pk_decode
   leaves it so), which end the cleaned text zeroed. plain: the bytes at
   its start the first pass may leave as they stand (decode_info's plain,
   or 0). */
void pk_normalize(arena *a, pk_text *in, size_t plain, pk_text *out);
/* The character cp is one pk_normalize's first pass copies as it stands,
   a starter (pk_decode's text's plain bytes may hold it). */
int pk_norm_keeps(int32_t cp);

/* ---- segment.c: lines, blocks, headings, sentences ---- */

enum heading_kind {
    H_NONE = 0,
    H_DECISION,   /* Förslag till beslut, Beslut */
    H_PROPOSAL,   /* Förvaltningens synpunkter och förslag: a restatement */
    H_STOP,       /* Beslutsgång, Reservation, ...: not decisions */
    H_OTHER       /* Sammanfattning, Bakgrund, ... */
};

typedef struct line {
    size_t s, e;       /* [s, e) in the cleaned text, without the newline */
    int heading;       /* enum heading_kind */
    int blank;
} line;

typedef struct segs {
    line *lines;
    size_t nlines;
} segs;

void pk_segment(arena *a, const pk_text *t, segs *out);
/* The first line at index `from` or after that starts at p or after
   (g->nlines when none): by steps that double from `from`, then halves
   (the lines ascend), so a walk forward asking from its last answer
   costs about the log of each step. */
size_t pk_line_from(const segs *g, size_t from, size_t p);
int pk_heading_kind(const char *s, size_t n);
/* Sentence around pos within [lo, hi): returns bounds in *s, *e. */
void pk_sentence_bounds(const pk_text *t, size_t lo, size_t hi, size_t pos, size_t *s, size_t *e);

/* ---- the patterns' ids (match.c), the extractor and the per-document context ---- */

enum rx_id {
    RX_REGNUM_LABELED,
    RX_REGNUM, /* the unlabelled shapes of lib/data/regnum_shapes.tsv */
    RX_DATE_ISO,
    RX_DATE_SLASH,
    RX_DATE_PAREN,
    RX_DATE_NAMED,
    RX_FORMULA,
    RX_OPEN_FORMULA,
    RX_BODY,
    RX_ADMIN,
    RX_PARAGRAPH,
    RX_AWARD,
    RX_AWARD_YEAR,
    RX_CHAIR,
    RX_NAME,
    RX_PARTICIPATE,
    RX_PART_VERB,
    RX_INOM,
    RX_CLASS,
    RX_MUNICIPALITY,
    RX_COUNT
};

typedef struct pk_names pk_names; /* canonical.c: the bodies table, indexed */
pk_names *pk_names_new(void);
void pk_names_free(pk_names *ix);

/* scan.c: the one pass over the cleaned text that finds every cue. The
   kinds of cue: each pattern's own (its id), and the places where a phrase
   of the date cue table opens. */
enum {
    PK_CUE_DATES = RX_COUNT, /* where a phrase of date_cues.tsv may open */
    PK_CUE_FURNITURE,        /* a word of furniture_words.txt (rows of pk_cue_words) */
    PK_CUE_STOCKHOLM,        /* the words of cue_words.tsv, by kind */
    PK_CUE_PROPOSAL,
    PK_CUE_CLASS,
    PK_CUE_PREPARED,
    PK_CUE_YEARS, /* where a year may stand alone: the first digit of a run of
                     exactly four digits whose first is 1 or 2 (match.c's
                     digit rows; dates.c's year_of_text walks them) */
    PK_CUE_DAYS, /* where RX_DATE_NAMED's day stands as match.c's
                    named_places reads it: the first digit of a run of one
                    or two after no digit, then ":a" or ":e", white space
                    and a month's opening (match.c's digit rows; every
                    anchor of the row's places is one) */
    PK_CUE_CAPITALS, /* a capital before a small letter, as the bytes tell
                        it: A-Z before a-z or a byte from 0x80 on, or a lead
                        byte from 0xC3 on but 0xC3 before 0xA0-0xBF (a
                        Latin-1 small letter); found by scan.c in the same
                        pass, sixteen bytes at a time beside the automaton
                        (people.c's find_name_starts asks RX_NAME's check
                        at each) */
    PK_CUE_KINDS,
    /* a kind of cue_words.tsv's rows that the pass keeps no places for
       (none from PK_CUE_KINDS on): minutes.c seeks the report's words
       itself, in the text before the first "§ N" alone */
    PK_CUE_REPORT = PK_CUE_KINDS
};
/* scan.c: the byte at p of s[0, n) is a capital before a small letter as
   PK_CUE_CAPITALS tells it (the byte after s read as 0): a word that
   opens so stands only at such places */
int pk_capital_at(const char *s, size_t n, size_t p);
typedef struct pk_scan pk_scan;
typedef int (*pk_cue_fits)(const char *s, size_t n, size_t at);
/* After a cue word that ends a pattern's word ("nämnd", "förvaltning"),
   at `at`: at most two more ASCII letters ("-en", "-et", "-s") and then
   no letter, as the pattern's (?![\p{L}]) asks; a cue inside a longer
   word ("kommunstyrelsen", "förvaltningsrätten") opens no window
   (match.c; the condition of RX_BODY's, RX_ADMIN's, RX_MUNICIPALITY's
   cue words) */
int pk_word_ends_soon(const char *s, size_t n, size_t at);
typedef struct pk_cues {
    uint32_t *at; /* cleaned offsets where a cue starts, in order, each once */
    size_t n;
    size_t near; /* the index of its last question (pk_first_from_near): match.c's; fields.c's of the furniture words */
} pk_cues;
pk_scan *pk_scan_new(void);
/* the rows, before pk_scan_compile: a word as written; a digit, where
   its condition says yes (below); the first n (1 to 4) bytes of a phrase
   in lower case, in any case in the text, a space as a space or a line
   break (as the date cues compare); when those n end in a space, only
   where the phrase's next byte (read from phrase) follows the run of
   spaces and line breaks there, as the date cues compare it */
int pk_scan_word(pk_scan *sc, int kind, const char *word);
/* a word as written, where fits (called with the offset after the word) says yes */
int pk_scan_word_then(pk_scan *sc, int kind, const char *word, pk_cue_fits fits);
/* a digit row whose condition rejects every digit that follows a digit:
   it is asked at the first digit of each run of digits (NULL: every
   digit is a cue) */
int pk_scan_digit(pk_scan *sc, int kind, pk_cue_fits fits);
/* a digit row whose condition may admit later digits of a run: asked once
   for each run of ASCII digits [from, to) in the text, it admits the
   digits from *lo up to the offset it returns (none when they are equal) */
typedef size_t (*pk_digit_run)(const char *s, size_t n, size_t from, size_t to, size_t *lo);
int pk_scan_digit_run(pk_scan *sc, int kind, pk_digit_run fits);
/* digit rows answered together (one look at a run for them all): asked
   once for each run of ASCII digits [from, to), it admits for the row of
   kinds[i] the digits [lo[i], hi[i]); it returns the rows that admit any,
   a bit each (bit i: lo[i] < hi[i]; a kind below 0: no row) */
typedef unsigned (*pk_digit_rows)(const char *s, size_t n, size_t from, size_t to, size_t *lo, size_t *hi);
int pk_scan_digit_rows(pk_scan *sc, const int *kinds, int nkinds, pk_digit_rows rows);
int pk_scan_folded(pk_scan *sc, int kind, const char *phrase, size_t n);
int pk_scan_compile(pk_scan *sc);
void pk_scan_free(pk_scan *sc);
/* (the places of one kind of cue in the document: pk_cue_places, after ctx) */

struct pk_extractor {
    pcre2_code *rx[RX_COUNT];
    unsigned char jit[RX_COUNT]; /* 1: rx[i] has JIT code, run straight through pcre2_jit_match */
    uint8_t rx_start[RX_COUNT][32]; /* a bit for each byte pcre2 may start rx[i] at, for a row tried at each of its places (match.c) */
    pk_scan *scan;
    pk_names *names;
    pcre2_general_context *gctx; /* pcre2's memory through pk_malloc */
    struct pk_match_pool *pool;  /* extractor.c: match data and contexts of documents done, for the next */
};

/* decisions.c: a decision's item in the cleaned text [s, e), and the first
   match of RX_FORMULA there [fs, fe) (fs == SIZE_MAX: none), which
   units.c reads rather than asking again */
typedef struct pk_decision_item {
    size_t s, e, fs, fe;
} pk_decision_item;

typedef struct ctx {
    const pk_extractor *ex;
    arena *a;
    pcre2_match_data *md;
    pcre2_match_context *mctx;
    const unsigned char *orig;
    size_t orig_len;
    int encoding;
    const uint32_t *ff; /* extractor.c: offsets of the form feeds in orig, */
    size_t n_ff;        /* in order: a span's page is found among them */
    pk_text t; /* the cleaned text */
    segs sg;
    pk_record *rec;
    vec regnums, dates, decisions, units, people, warnings;
    pk_award *award;
    int has_award_mention;        /* fields.c: the award is named somewhere ... */
    size_t award_mention[2];      /* ... first at [0], [1] (cleaned offsets) */
    size_t focus_line;            /* minutes of several paragraphs: the line of the "§ N" about the award */
    int rx_limit_hit;             /* a pcre2 match or depth limit was reached */
    pk_cues cue[PK_CUE_KINDS];    /* scan.c: where each kind of cue stands, */
    int cues_built;               /* found in one pass over the text */
    pk_index *unit_names;         /* units.c: the units by name, case-folded */
    vec unit_lows;                /* units.c: each unit's name in lower case (pk_lower), beside c->units: unit_class.c reads it */
    pk_index *people_index;       /* people.c: the people by name, case-folded */
    struct people_seen *people_seen; /* people.c: the person of each range named, by the range */
    struct date_cue_rows *date_cue_rows; /* dates.c: the cue rows of each place, by first byte, and a cursor among the places */
    size_t decision_lo, decision_hi; /* first decision section, cleaned offsets */
    vec decision_items;              /* decisions.c: of pk_decision_item, one for each decision */
    size_t header_end;               /* end of the header zone (before the first decision or title) */
    int ref_year, ref_month;          /* for dates without a year */
    int minutes;                      /* a part of whole minutes: one paragraph, or the meeting's header */
} ctx;

/* scan.c: the one pass over the text, and the places of one kind of cue
   in the document (the pass runs on the first question; inline, as every
   window asks) */
void pk_scan_text(ctx *c);
static inline const pk_cues *pk_cue_places(ctx *c, int kind)
{
    if (!c->cues_built)
        pk_scan_text(c);
    return &c->cue[kind];
}

/* (pk_cue_index(), the first place of a kind at or after p: below
   pk_first_from_near) */

/* ---- match.c: the patterns, their cues, and matching in cue windows ---- */

/* Compiles every pattern into ex->rx; 0, or -1 when out of memory. */
int pk_match_compile(pk_extractor *ex);
void pk_match_free(pk_extractor *ex);
/* Whether the pcre2 fragment src holds a '|' outside parentheses and
   brackets (alternatives at its top: no one word opens every match). */
int pk_fragment_alternates(const char *src);
/* Match pattern id in the cleaned text from `start`, not beyond `end`.
   Returns 1 and fills ov[0..2*ncap) with offsets, or 0. */
int pk_rx_match(ctx *c, int id, size_t start, size_t end, size_t *ov, int ncap);
/* The (*MARK) name of the last successful match, or NULL. */
const char *pk_rx_mark(ctx *c);
/* Pattern id's pcre2 source as written (those written from a table's
   rows too; pcre2 compiles it with the ASCII letters named in its classes
   of letters, the same pattern), in memory of pk_malloc that the caller
   frees; NULL when out of memory. */
char *pk_rx_source(int id);
/* Pattern id's cue words as the scan is given them (those made from a
   table's rows too), NULL-terminated; NULL when it has none. */
const char *const *pk_rx_cues(int id);

/* ---- doc.c: the document's text as the stages see it ---- */

/* The offset in the cleaned text of the original offset `orig`: the first
   cleaned byte that maps to it or beyond. */
size_t pk_cleaned_at(const ctx *c, size_t orig);
/* Span in the original input of the cleaned range [s, e). */
pk_span pk_span_of(const ctx *c, size_t s, size_t e);
/* The cleaned range [s, e) as a string with whitespace folded to single spaces. */
char *pk_fold(ctx *c, size_t s, size_t e);
/* The same, its length in *len (the string's own, measured as it is written). */
char *pk_fold_len(ctx *c, size_t s, size_t e, size_t *len);
/* Does pk_fold copy [s, e) as it stands? Not empty, no line break, no
   space at either end or after a space, and no zero byte (the lower case
   of a fold ends at its first). */
int pk_fold_is_self(const ctx *c, size_t s, size_t e);
/* The same in lower case: pk_lower of pk_fold's string. */
char *pk_fold_lower(ctx *c, size_t s, size_t e);
void pk_warn(ctx *c, const char *msg);

/* ---- minutes.c: whole minutes, one record per paragraph ---- */

/* A paragraph of whole minutes: [s, e) in the cleaned text, its number at [num_s, num_e). */
typedef struct pk_para {
    size_t s, e, num_s, num_e;
} pk_para;
/* The paragraphs (pushed into out, of pk_para), and where the closing
   signatures begin (t.n when none); their count. Under two, the text is
   one document. */
size_t pk_minutes_paragraphs(ctx *c, vec *out, size_t *closing);
/* The meeting's header [0, he) and closing [cs, t->n) as one text. */
void pk_minutes_meeting_text(arena *a, const pk_text *t, size_t he, size_t cs, pk_text *out);
/* What a paragraph's record takes from the meeting's (m) where it says nothing itself. */
void pk_minutes_merge(ctx *c, const pk_record *m, const pk_meeting *mt);
/* The meeting's canonical body from its paragraphs', when the header leaves it open and they agree. */
void pk_minutes_settle(ctx *c, pk_record *recs, size_t n, pk_meeting *mt);

/* ---- the stages; each fills its part of c->rec ---- */
void pk_extract_regnums(ctx *c);
void pk_extract_fields(ctx *c);    /* doc_type, title, body, administration, paragraph */
void pk_extract_decisions(ctx *c);
/* Minutes: the body from a header line that is its name alone, when none is set. */
void pk_body_from_header(ctx *c);
void pk_extract_units(ctx *c);
void pk_extract_people(ctx *c);
void pk_extract_dates(ctx *c);
void pk_extract_award(ctx *c);
void pk_extract_canonical(ctx *c); /* body_canonical, after the other stages */
void pk_extract_unit_class(ctx *c); /* units[].klass, after units, award and body_canonical */
/* The cleaned range [s, e) names a förvaltning of the bodies table. */
int pk_known_admin(ctx *c, size_t s, size_t e);
/* The key of a unit name, under which its spellings meet. */
const char *pk_unit_key(ctx *c, const char *name);
/* The same of the name's lower case (pk_lower), low[0..n), which stays as it is. */
const char *pk_unit_key_lowered(ctx *c, const char *low, size_t n);
/* The unit nouns (lib/data/unit_nouns.tsv, defined in units.c): each
   noun's forms, NULL where it has none, and what the rules do with them. */
enum {
    UN_KEY = 1,         /* the key reorders (indefinite) or joins (definite) it at a name's end */
    UN_OPENS = 2,       /* the definite form may open a name in lower case */
    UN_GENERIC = 4,     /* the definite form before a proper name is no part of it */
    UN_LIST = 8,        /* the plural definite opens a list */
    UN_LIST_INDEF = 16, /* the plural indefinite opens one, alone or after "följande" */
    UN_KIND = 32        /* an indefinite form in parentheses is the unit's kind */
};
typedef struct unit_noun {
    const char *indef, *def, *pl_indef, *pl_def;
    int uses;
} unit_noun;
extern const unit_noun pk_unit_nouns[];
extern const size_t pk_n_unit_nouns;

/* ---- tables.c ---- */
typedef struct formula_entry {
    const char *pattern; /* pcre2 fragment */
    const char *kind;
} formula_entry;
extern const formula_entry pk_formulas[];
extern const size_t pk_n_formulas;
extern const formula_entry pk_open_formulas[];
extern const size_t pk_n_open_formulas;
typedef struct admin_body {
    const char *admin, *body; /* "-" at the start: an ending */
} admin_body;
extern const admin_body pk_admin_bodies[];
extern const size_t pk_n_admin_bodies;
extern const char *const pk_decision_leads[];
extern const size_t pk_n_decision_leads;
/* Diarienummer: the unlabelled shapes (context "bare", "prefix" or "known", a
   pcre2 fragment with %-stand-ins), the prefixes known in any case, and
   words that stand before numbers without being prefixes (statute series). */
typedef struct regnum_shape {
    const char *context;
    const char *shape;
} regnum_shape;
extern const regnum_shape pk_regnum_shapes[];
extern const size_t pk_n_regnum_shapes;
extern const char *const pk_months[12][3]; /* months.tsv: name, short forms (NULL: none), as RX_DATE_NAMED tries them */
/* The date cues (lib/data/date_cues.tsv): a phrase, the role it gives a
   date, and where around the date it counts. */
enum cue_role { R_DOCUMENT, R_MEETING, R_DEADLINE, R_CEREMONY, R_OTHER, R_UPCOMING, R_ANOTHER };
enum cue_where { W_LABEL, W_NEAR, W_BEFORE, W_AFTER, W_SENTENCE };
typedef struct date_cue {
    const char *phrase;
    int role, where;
} date_cue;
extern const date_cue pk_date_cues[];
extern const size_t pk_n_date_cues; /* fewer than 256: rows are numbered in a byte */
/* the words a stage looks for anywhere in the text (cue_words.tsv, and
   furniture_words.txt as kind PK_CUE_FURNITURE): a kind of cue, a word */
typedef struct cue_word {
    int kind;
    const char *word;
} cue_word;
extern const cue_word pk_cue_words[];
extern const size_t pk_n_cue_words;
/* the first place at or after p where a word of this kind of cue (only row
   `only` of pk_cue_words, unless it is SIZE_MAX) starts and ends by `end`
   (scan.c): its row in pk_cue_words (*row), or SIZE_MAX */
size_t pk_cue_word_at(struct ctx *c, int kind, size_t only, size_t p, size_t end, size_t *row);
/* The word lists of the unit finder (unit_words.tsv), in the table's order:
   words that open a clause, not a unit name; the nouns of an award class
   after "i"; sectors in parentheses after a name; words that end a list of
   units; words that end a parent after "inom"; words that open a parent */
extern const char *const pk_not_unit[], *const pk_unit_class_head[], *const pk_unit_sector[];
extern const char *const pk_unit_list_stop[], *const pk_unit_parent_stop[], *const pk_unit_parent_head[];
extern const size_t pk_n_not_unit, pk_n_unit_class_head, pk_n_unit_sector;
extern const size_t pk_n_unit_list_stop, pk_n_unit_parent_stop, pk_n_unit_parent_head;
/* the words that split a list of units: always; only before a new name */
extern const char *const pk_unit_split[], *const pk_unit_split_name[];
extern const size_t pk_n_unit_split, pk_n_unit_split_name;
/* the other word lists of units.c (unit_words.tsv) */
extern const char *const pk_unit_drop_word[], *const pk_unit_all_word[], *const pk_unit_part_noun[],
    *const pk_unit_team_parent[], *const pk_unit_team_noun[], *const pk_unit_list_lead[], *const pk_unit_place_prep[],
    *const pk_not_unit_end[], *const pk_proposal_word[];
extern const size_t pk_n_unit_drop_word, pk_n_unit_all_word, pk_n_unit_part_noun, pk_n_unit_team_parent,
    pk_n_unit_team_noun, pk_n_unit_list_lead, pk_n_unit_place_prep, pk_n_not_unit_end, pk_n_proposal_word;
extern const char *const pk_unit_list_indef_lead[], *const pk_generic_lead[], *const pk_unit_name_opener[],
    *const pk_unit_class_lead[], *const pk_definite_ending[], *const pk_front_noun_ending[], *const pk_unit_parent_joint[];
extern const size_t pk_n_unit_list_indef_lead, pk_n_generic_lead, pk_n_unit_name_opener, pk_n_unit_class_lead,
    pk_n_definite_ending, pk_n_front_noun_ending, pk_n_unit_parent_joint;
extern const char *const pk_parent_list_stop[];
extern const size_t pk_n_parent_list_stop;
/* the endings of a Swedish finite verb (decision_words.tsv: verb_ending) */
extern const char *const pk_verb_ending[];
extern const size_t pk_n_verb_ending;
/* the openings of a line (line_words.tsv), as written: a line under the
   heading that ends it; a line that opens the closing part of minutes */
extern const char *const pk_subtitle_opener[], *const pk_closing_opener[];
extern const size_t pk_n_subtitle_opener, pk_n_closing_opener;
/* the words that join the parts of a phrase (conjunction_words.tsv): after
   a line's hyphen, a suspended compound; between the names of a list of units */
extern const char *const pk_suspended_next[], *const pk_unit_list_joint[];
extern const size_t pk_n_suspended_next, pk_n_unit_list_joint;
/* the words around dates (date_words.tsv), in lower case: a word a list of
   days may hold; a word that makes the year after it the matter's */
extern const char *const pk_day_list_word[], *const pk_year_word[];
extern const size_t pk_n_day_list_word, pk_n_year_word;
/* the weekdays (date_words.tsv), in lower case: a list of days may hold
   them too, and RX_DATE_NAMED's pattern is written from them */
extern const char *const pk_weekday[];
extern const size_t pk_n_weekday;
/* the endings of a word that names a body, for people.c (people_words.tsv) */
extern const char *const pk_body_ending[];
extern const size_t pk_n_body_ending;
/* the articles such an ending may take (people_words.tsv) */
extern const char *const pk_body_ending_article[];
extern const size_t pk_n_body_ending_article;
/* a person's titles that make the chair, the officer, and the role
   "other", whole and as a part (people_words.tsv); the ends and parts of a line that heads a decision,
   the words that join its "att" clauses, and the openings and end of an office's proposal in a decision
   (decision_words.tsv) */
extern const char *const pk_chair_role_title[], *const pk_officer_title[];
extern const size_t pk_n_chair_role_title, pk_n_officer_title;
extern const char *const pk_other_title[], *const pk_other_title_part[];
extern const size_t pk_n_other_title, pk_n_other_title_part;
/* the phrases between a genitive name and its noun (people_words.tsv:
   others_phrase, "m.fl.") */
extern const char *const pk_others_phrase[];
extern const size_t pk_n_others_phrase;
/* the titles before the chair's role word that make a vice chair
   (people_words.tsv: vice_chair_title, "vice") */
extern const char *const pk_vice_chair_title[];
extern const size_t pk_n_vice_chair_title;
extern const char *const pk_beslut_end[], *const pk_beslut_not[], *const pk_att_joint[], *const pk_proposer_lead[],
    *const pk_proposer_end[];
extern const size_t pk_n_beslut_end, pk_n_beslut_not, pk_n_att_joint, pk_n_proposer_lead, pk_n_proposer_end;
/* the words that open an item of a decision's list under a lead-in, a
   space after each (decision_words.tsv: item_word, "att ") */
extern const char *const pk_item_word[];
extern const size_t pk_n_item_word;
/* the opening of a district's office or nämnd (field_words.tsv:
   district_prefix, made in fields.c), which decisions.c reads too */
extern const char *const pk_district_prefix[];
extern const size_t pk_n_district_prefix;
/* the nouns an office's name ends in (pattern_words.tsv: admin_noun, made
   in match.c), which fields.c reads too */
extern const char *const pk_admin_noun[];
extern const size_t pk_n_admin_noun;
/* The word lists of lib/data/, each looked up through a perfect hash */
/* low[0..n), in lower case, heads an attendance list (roll_headings.tsv):
   1 and *title the title of a person under it (NULL for none), else 0 */
int pk_roll_heading(const char *low, size_t n, const char **title);
/* the lengths in bytes of the shortest and the longest of those headings */
extern const size_t pk_roll_heading_min, pk_roll_heading_max;
/* the line low[0..n), in lower case, is a caption of signatures (furniture_lines.txt) */
int pk_is_furniture_line(const char *low, size_t n);
/* low[0..n), in lower case, makes a phrase about all the units ("samtliga",
   "bolaget"; collective_words.txt) */
int pk_is_collective_word(const char *low, size_t n);
/* s[0..n), as written, is a word that ends like a verb and is none (not_verbs.txt) */
int pk_is_not_verb(const char *s, size_t n);
/* the kind of a section heading (headings.tsv), given in lower case; H_NONE if none */
int pk_heading_of(const char *low, size_t n);
/* Filters made from the rows of headings.tsv and furniture_lines.txt: for
   each byte, the lengths (bit n: n bytes) of the rows that begin (end)
   with it (a line whose lowered length is not among its first byte's is
   none); the length in bytes of the longest furniture line */
extern const uint64_t pk_heading_first[256], pk_heading_last[256], pk_furniture_line_first[256];
extern const size_t pk_furniture_line_max;
/* a word that a full stop follows inside a sentence (abbreviations.txt), in lower case */
int pk_is_abbreviation(const char *low, size_t n);
int pk_is_given_name(const char *s, size_t n);
/* Length of the longest title starting at s (lower-cased comparison), 0 if none. */
/* The title that s[0..n), one word, is whole (as pk_title_at() == n would
   say): n, or 0. */
size_t pk_title_word(const char *s, size_t n);
size_t pk_title_at(const char *s, size_t n);
/* pk_title_at(s, n), told that avail bytes (at least n) may be read at s:
   the same answer, with no copy of the text. */
size_t pk_title_in(const char *s, size_t n, size_t avail);
/* The party s[0..n) names without its case: the table's spelling, or NULL. */
const char *pk_party(const char *s, size_t n);
int pk_is_person_verb(const char *s, size_t n);
/* s[0..n) ends in a noun a name in the genitive stands before ("ändringsyrkande"). */
int pk_ends_in_genitive_noun(const char *s, size_t n);
/* s[0..n) is a word of an organisation, without its case, or ends in one. */
int pk_is_org_word(const char *s, size_t n);
/* The lower-cased prefix of a diarienummer is known, or is known to be none. */
int pk_is_regnum_prefix(const char *low);
int pk_is_regnum_not_prefix(const char *low);

/* ---- util ---- */
/* The first code point is an upper-case letter, a small one, a letter;
   its case (pk_case_at: 1 an upper-case letter (Lu), 2 a small one (Ll),
   0 anything else). An ASCII byte is answered here, without a call (most
   are asked at one); any other character by the *_beyond functions
   (util.c, utf8proc's categories). */
int pk_is_upper_beyond(const char *s, size_t n);
int pk_is_lower_beyond(const char *s, size_t n);
int pk_is_letter_beyond(const char *s, size_t n);
int pk_case_beyond(const char *s, size_t n);
static inline int pk_is_upper_at(const char *s, size_t n)
{
    return n && (unsigned char)s[0] < 0x80 ? (unsigned)((unsigned char)s[0] - 'A') < 26 : pk_is_upper_beyond(s, n);
}
static inline int pk_is_lower_at(const char *s, size_t n)
{
    return n && (unsigned char)s[0] < 0x80 ? (unsigned)((unsigned char)s[0] - 'a') < 26 : pk_is_lower_beyond(s, n);
}
static inline int pk_is_letter_at(const char *s, size_t n)
{
    return n && (unsigned char)s[0] < 0x80 ? (unsigned)(((unsigned char)s[0] | 0x20) - 'a') < 26 : pk_is_letter_beyond(s, n);
}
static inline int pk_case_at(const char *s, size_t n)
{
    if (n && (unsigned char)s[0] < 0x80) {
        unsigned char a = (unsigned char)s[0];
        return (unsigned)(a - 'A') < 26 ? 1 : (unsigned)(a - 'a') < 26 ? 2 : 0;
    }
    return pk_case_beyond(s, n);
}
char *pk_lower(arena *a, const char *s, size_t n); /* case-folded copy */
/* A hash of s[0..n) with A-Z folded to a-z (strings strncasecmp finds
   equal hash alike): one hash for the indices of names, whose spellings
   differ in case */
size_t pk_hash_folded(const char *s, size_t n);
/* A byte folded as the word tables are compared (titles, date cues): A-Z
   to a-z, and after a lead byte 0xC3 the Latin-1 capitals 0x80..0x9E to
   their small letters. */
static inline unsigned char pk_fold_byte(unsigned char t, unsigned char prev)
{
    if (t >= 'A' && t <= 'Z')
        return (unsigned char)(t + 32);
    if (prev == 0xC3 && t >= 0x80 && t <= 0x9E)
        return (unsigned char)(t + 0x20);
    return t;
}
/* The index of the first of the n ascending offsets at[] that is at least p (n when none). */
size_t pk_first_from(const uint32_t *at, size_t n, size_t p);
/* pk_first_from for questions asked mostly in order: from *hint (the
   last answer, any index is safe), in steps that double; *hint becomes
   the answer. Amortised constant time on a walk forward. */
size_t pk_first_from_near(const uint32_t *at, size_t n, size_t p, size_t *hint);
/* The index of the first place of this kind of cue at or after p
   (questions asked mostly in order: from the place asked last; inline,
   as pk_cue_places is) */
static inline size_t pk_cue_index(ctx *c, int kind, size_t p)
{
    pk_cue_places(c, kind);
    pk_cues *q = &c->cue[kind];
    return pk_first_from_near(q->at, q->n, p, &q->near);
}
char *pk_capitalize(arena *a, const char *s);       /* copy with its first letter upper case */

/* A growing output buffer (pk_malloc'd, for strings handed to the caller):
   after a failed allocation every call does nothing and finish gives NULL. */
typedef struct pk_buf {
    char *s;
    size_t n, cap;
    int bad;
} pk_buf;
/* Room for `more` bytes and a NUL at s + n; 0, or -1 when out of memory. */
int pk_buf_reserve(pk_buf *b, size_t more);
void pk_buf_add(pk_buf *b, const char *s, size_t n);
/* The NUL-terminated text, or NULL (the buffer freed) after a failure. */
char *pk_buf_finish(pk_buf *b);

#endif
