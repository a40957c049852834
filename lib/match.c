/* The match layer, below every stage: each pattern the stages use is one
   row here (its source, its cues and its window), compiled once per
   extractor; per document the cues of all patterns are found in one pass
   over the cleaned text, and pcre2 runs only in the windows around them.
   Nothing here calls a stage. */
#include "internal.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* the words the patterns' sources are written from (pattern_words.tsv):
   pk_regnum_label, pk_chair_title, pk_name_particle, pk_body_noun,
   pk_admin_noun, pk_participation_phrase, pk_participation_verb,
   pk_slash_date_lead, pk_body_joint, pk_body_genitive, pk_weekday_ending,
   pk_day_article */
#include "pattern_words.inc"

/* A person's name, written out by write_name() with the particles of
   pattern_words.tsv (name_particle) between NAME_HEAD and NAME_TAIL;
   possessive where giving back cannot help: a run of lower-case letters
   is followed by '-', a space or the end, none of them a letter */
#define NAME_HEAD "(\\p{Lu}\\p{Ll}++(?:-\\p{Lu}\\p{Ll}++)?+(?:[ \\n](?:"
#define NAME_TAIL ")?\\p{Lu}\\p{Ll}++(?:-\\p{Lu}\\p{Ll}++)?+){1,3})"
/* any short word in parentheses: people.c tells a party by the table of parties */
#define PARTY "(\\p{L}{1,5})"
#define REGVAL "(?:\\p{Lu}\\p{L}{0,5}(?:[ \\n\\-/]|(?=\\d)))?\\d[\\d.]*(?:(?:[-/:]| ?[–/] ?)\\n?\\d[\\d.]*)*"

/* A pattern's row: its pcre2 source; the cues every match of it contains
   (a digit, or one of a few words), how far before such a cue a match can
   start (back) and how far after it it can end (fwd), in bytes. The cues
   of every pattern are found in one pass over the text, and the pattern
   runs only in the windows around them, so prose without a cue costs no
   pattern match. Without cues a pattern scans the range it is given (those
   that open with a digit need none: pcre2 skips to a digit itself). */
#define CUE_DIGIT "0-9"
static const char *const cue_digit[] = {CUE_DIGIT, NULL};
/* the patterns written out whole, each with its cue words, from
   lib/data/pattern_sources.tsv: cue_P[] and src_P for the row of RX_P
   (lower case), cue_digit where the row's cue is any digit */
#include "pattern_sources.inc"
typedef struct pattern {
    const char *src;            /* NULL: built from a table when compiled */
    const char *const *needles; /* NULL-terminated; CUE_DIGIT: any ASCII digit */
    size_t back, fwd;
    /* a digit cue's further condition (at the digit), or what must follow
       a cue word (at the offset after it); NULL: none */
    int (*fits)(const char *s, size_t n, size_t at);
    /* Where a match may start, given one of its cues (its first digit
       group): up to MAX_STARTS places, ascending, none before the cue's
       previous digit, none after the cue. A row that has it is compiled
       anchored and tried at those places only, one attempt each (back and
       fwd unused): a row whose matches run long ("15/4      2020") or
       whose every position costs (the diarienummer's many shapes) pays per
       cue, not per byte. NULL: windows. */
    size_t (*starts)(const char *s, size_t n, size_t cue, size_t *at);
    /* A row that finds its own places (compiled anchored, and tried at
       them wherever it runs: over the whole range when it has anchors,
       else in its cues' windows too): the places where a
       match may start for the first of its anchors (a day's digits) at or
       after *p and before end, up to MAX_STARTS, ascending and after the
       previous anchor; *p moves past the anchor. It reads no byte at or
       after the end of a match it allows, so that a window's end cuts its
       places as it cuts the pattern. NULL: pcre2 scans. */
    size_t (*places)(const char *s, size_t end, size_t *p, size_t *at);
    /* a row with starts that reads the cues of another (that row's id),
       whose fits admits its cues too: one condition per digit, not one
       per row; 0: its own */
    int share;
    /* 1: the cue words stand in the text in any case (a pattern under (?i));
       each is the opening, at most four ASCII bytes, of a word every match
       holds */
    int folded;
    /* the earliest place, no earlier than lo, where a match that holds the
       cue at `at` can start (NULL: lo); the window opens there */
    size_t (*opens)(const char *s, size_t at, size_t lo);
    /* the first place at or after p, before end, where a match may start
       (end when none): pcre2 scans from there (NULL: from p) */
    size_t (*first)(const char *s, size_t p, size_t end);
    /* 1: a row with first whose source opens with (*COMMIT), so that pcre2
       tries one place a call (the first it may start at, from where it
       is started), and which is started at each place first gives in
       turn, not once to scan the range */
    int each;
    /* a row with starts: may a match open at a place starts gives, the
       text read up to end (the subject pcre2 is given)? (a necessary
       condition, asked before pcre2 is; NULL: at every place)
       A place it refuses counts as tried all the same, so that the places
       tried after it are those tried without it */
    int (*may)(const char *s, size_t end, size_t at);
    /* a row with windows: may a match open in [lo, hi), where the window
       opens at lo and its last cue stands at hi? (every match holds a cue
       of its window, and opens before it; a necessary condition; NULL:
       yes) A window it refuses is not asked of pcre2 */
    int (*may_open)(const char *s, size_t lo, size_t hi);
    /* a row with places: the kind of cue whose places hold every anchor
       places finds (the digits' rows record it), so that the search for
       the next anchor starts at the next such cue; 0: none */
    int anchors;
    /* a row with anchors: its places for an anchor at d, the text read
       to its end (as the scan read it when it found the anchor, so that
       what places() would ask of the anchor again holds); NULL: places() */
    size_t (*anchor_places)(const char *s, size_t d, size_t *at);
} pattern;
#define MAX_STARTS 64

static int is_digit(unsigned char ch) { return (unsigned char)(ch - '0') < 10; }

static int ascii_letter(unsigned char b) { return (unsigned)((b | 0x20) - 'a') < 26; }

static int ascii_alnum(unsigned char b) { return is_digit(b) || ((b | 0x20) >= 'a' && (b | 0x20) <= 'z'); }

/* A letter of Latin-1 ends right before p (0 < p): a lead byte 0xC3 and
   a byte after it that is no second byte of U+00D7 or U+00F7 (the signs
   of multiplication and division); 1 or 0, with no branch */
static PK_ALWAYS_INLINE unsigned latin1_before(const char *s, size_t p)
{
    unsigned char a = (unsigned char)s[p - 1], z = p > 1 ? (unsigned char)s[p - 2] : 0;
    return (unsigned)(z == 0xC3) & ((a & 0xC0) == 0x80) & (a != 0x97) & (a != 0xB7);
}

/* The start of the run of bytes that ends at e, no earlier than lo, each
   an ASCII letter, any byte beyond ASCII (of a character taken for a
   letter) or, with dash, a '-'; bit 7 of *high set when a byte beyond
   ASCII stands in the run. Sixteen bytes at a time where SSE2 is: a byte
   beyond ASCII is negative as a signed byte, an ASCII letter one whose
   (b | 0x20) - 'a' is below 26; the last byte that is none of them ends
   the run. */
static PK_ALWAYS_INLINE size_t back_over(const char *s, size_t e, size_t lo, int dash, unsigned *high)
{
#if defined(__SSE2__)
    const __m128i x20 = _mm_set1_epi8(0x20), xa = _mm_set1_epi8('a'), x25 = _mm_set1_epi8(25), xdash = _mm_set1_epi8('-');
    while (e > lo && e >= 16) {
        size_t base = e - 16;
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(s + base));
        __m128i t = _mm_sub_epi8(_mm_or_si128(x, x20), xa);
        unsigned beyond = (unsigned)_mm_movemask_epi8(x);
        unsigned in = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_min_epu8(t, x25), t)) | beyond;
        if (dash)
            in |= (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(x, xdash));
        unsigned stop = ~in & 0xFFFFu;
        size_t b = stop ? base + (size_t)(32 - __builtin_clz(stop)) : base;
        b = b > lo ? b : lo;
        *high |= beyond >> (b - base) ? 0x80u : 0u;
        if (stop || b == lo)
            return b;
        e = b;
    }
#endif
    for (unsigned char b; e > lo && ((b = (unsigned char)s[e - 1]) >= 0x80 || ascii_letter(b) || (dash && b == '-')); e--)
        *high |= b;
    return e;
}

/* The start of the run of bytes of letters (ASCII letters, and any byte of
   a character beyond ASCII, taken for a letter) that ends at e, no earlier
   than lo: the word a place-finder steps back over. */
static size_t letters_back(const char *s, size_t e, size_t lo)
{
    unsigned high = 0;
    return back_over(s, e, lo, 0, &high);
}

int pk_word_ends_soon(const char *s, size_t n, size_t at)
{
    /* an ASCII byte is a letter when it is one of A-Z, a-z (as
       pk_is_letter_at says): only a byte beyond ASCII, which ends the
       question either way, is looked up; three ASCII bytes (the most
       often) are asked at once, in any order */
    if (at + 3 <= n) {
        unsigned char a = (unsigned char)s[at], b = (unsigned char)s[at + 1], c = (unsigned char)s[at + 2];
        if (!((a | b | c) & 0x80))
            return !(ascii_letter(a) & ascii_letter(b) & ascii_letter(c)); /* (no branch on each) */
    }
    for (size_t k = at; k <= at + 2; k++) {
        if (k >= n)
            return 1;
        unsigned char ch = (unsigned char)s[k];
        if (ch >= 0x80)
            return !pk_is_letter_at(s + k, n - k);
        if ((unsigned)((ch | 0x20) - 'a') >= 26)
            return 1;
    }
    return 0;
}

/* 1 at each byte a month's name or short form (lib/data/months.tsv) opens
   with, ASCII letters in either case (make_month_stems(), before the
   first scan) */
static unsigned char month_initials[256];

static int month_initial(unsigned char ch) { return month_initials[ch]; }

/* The months' forms (lib/data/months.tsv) in the order RX_DATE_NAMED's
   pattern takes them: every name, then every short form, each in the
   table's order; their count. */
#define MONTH_FORMS (sizeof pk_months / sizeof **pk_months)
static size_t month_forms(const char **f)
{
    size_t n = 0;
    for (size_t m = 0; m < 12; m++)
        f[n++] = pk_months[m][0];
    for (size_t m = 0; m < 12; m++)
        for (size_t col = 1; col < 3; col++)
            if (pk_months[m][col])
                f[n++] = pk_months[m][col];
    return n;
}

/* The day's digits and what stands between it and the month. */
static int before_month(unsigned char ch) { return is_digit(ch) || ch == ' ' || ch == '\n' || ch == ':' || ch == '.'; }

/* The first byte after the day that is none of those, at k: a letter, and
   the ordinal's ("1:a maj") or the first of a month's name (j, f, m, a,
   s, o, n or d in either case). */
static PK_ALWAYS_INLINE int month_at(const char *s, size_t k)
{
    unsigned char ch = (unsigned char)s[k];
    if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch >= 0xC3))
        return 0;
    if (s[k - 1] == ':' && (ch == 'a' || ch == 'e' || ch == 'A' || ch == 'E'))
        return 1;
    return month_initial(ch);
}

/* "24 november", "1:a maj": a digit that a month's first letter (or an
   ordinal's) follows within a few bytes */
static int digit_then_letter(const char *s, size_t n, size_t at)
{
    size_t lim = n < at + 6 ? n : at + 6;
    for (size_t k = at + 1; k < lim; k++)
        if (!before_month((unsigned char)s[k]))
            return month_at(s, k);
    return 0;
}

/* After a group of digits, at k: a separator ('-', '/', ':', '.' or an
   en dash, a space before it at most) and then a digit, a space or a line
   break between at most. */
static PK_ALWAYS_INLINE int separator_then_digit(const char *s, size_t n, size_t k)
{
    if (k < n && s[k] == ' ')
        k++;
    if (k + 1 >= n)
        return 0;
    if (s[k] == '-' || s[k] == '/' || s[k] == ':' || s[k] == '.')
        k++;
    else if ((unsigned char)s[k] == 0xE2 && k + 2 < n && (unsigned char)s[k + 1] == 0x80 && (unsigned char)s[k + 2] == 0x93)
        k += 3;
    else
        return 0;
    for (int gap = 0; gap < 3 && k < n; gap++, k++)
        if ((unsigned char)(s[k] - '0') < 10)
            return 1;
        else if (s[k] != ' ' && s[k] != '\n')
            return 0;
    return 0;
}

/* "BRO 2024/172", "Ks 1234/2025", "1.4.1-289/2020": the first digit of a
   group that a separator and another digit follow, as in every diarienummer
   (a space or a line break may stand on either side of the separator) */
static int digit_group_then_separator(const char *s, size_t n, size_t at)
{
    if (at > 0 && (unsigned char)(s[at - 1] - '0') < 10)
        return 0;
    size_t k = at + 1, lim = n < at + 7 ? n : at + 7; /* the byte at `at` is the digit */
    while (k < lim && (unsigned char)(s[k] - '0') < 10)
        k++;
    return separator_then_digit(s, n, k);
}

/* "2024-04-15", "2024.04.15" or "20240415" at `at`: four digits that a
   dash, a dot or a digit follows. */
static int four_digits_then(const char *s, size_t n, size_t at)
{
    if (at + 5 > n || !is_digit((unsigned char)s[at + 1]) || !is_digit((unsigned char)s[at + 2]) || !is_digit((unsigned char)s[at + 3]))
        return 0;
    return s[at + 4] == '-' || s[at + 4] == '.' || is_digit((unsigned char)s[at + 4]);
}

/* "d/d" at `at`: one or two digits, a slash and a digit; the offset after
   that digit, or 0. */
static size_t day_slash_month(const char *s, size_t n, size_t at)
{
    size_t k = at + 1;
    if (k < n && is_digit((unsigned char)s[k]))
        k++;
    if (k + 1 >= n || s[k] != '/' || !is_digit((unsigned char)s[k + 1]))
        return 0;
    return k + 2;
}

/* The first digit of a date in digits, the cue of RX_DATE_ISO,
   RX_DATE_SLASH and RX_DATE_PAREN: no digit, dot, dash or slash before it
   (as their lookbehinds, and the '(', space or line break of
   RX_DATE_PAREN, say), and the year of an ISO date or "d/d". */
static int date_digit(const char *s, size_t n, size_t at)
{
    if (at > 0 && (is_digit((unsigned char)s[at - 1]) || s[at - 1] == '.' || s[at - 1] == '-' || s[at - 1] == '/'))
        return 0;
    return four_digits_then(s, n, at) || day_slash_month(s, n, at);
}

/* The first digit of a year that may stand alone, the cue of
   PK_CUE_YEARS: a run of exactly four digits whose first is 1 or 2 (a
   necessary condition of dates.c's lone_year, which asks the rest). */
static int year_digit(const char *s, size_t n, size_t at)
{
    if ((at > 0 && is_digit((unsigned char)s[at - 1])) || at + 4 > n || (s[at] != '1' && s[at] != '2'))
        return 0;
    return is_digit((unsigned char)s[at + 1]) && is_digit((unsigned char)s[at + 2]) &&
           is_digit((unsigned char)s[at + 3]) && (at + 4 == n || !is_digit((unsigned char)s[at + 4]));
}

/* The first digit of a day and month ("15/4", "24/11"), the cue of
   RX_DATE_SLASH and RX_DATE_PAREN: those of date_digit's cues that
   day_slash_month() holds at, the only ones their places take
   (slash_starts(), paren_starts()), so that a walk over their cues passes
   no ISO date's year. */
static int slash_digit(const char *s, size_t n, size_t at)
{
    return date_digit(s, n, at) && day_slash_month(s, n, at);
}

static int rx_space(unsigned char b);
static int month_stem(const char *s, size_t end, size_t k);
static int month_stems_all, month_stems_beyond;
/* month_stems by a hash of their bytes read as a little-endian number
   (the first in the low byte): (key * stem_mult) >> 26 is the slot of the
   stem key, if any (0: none; a key read from the text, its ASCII letters
   folded, is never 0); stems_hashed: no two stems share a slot and no
   form is too short to filter (else month_stem() is asked) */
#if defined(__SSE2__)
static uint32_t stem_slots[64];
static uint32_t stem_mult;
static int stems_hashed;
#endif

/* The day of RX_DATE_NAMED at `at` as named_places() finds it (the text
   read to n): the first of one or two digits after no digit, ":a" or
   ":e" after them or not, white space, and a month's opening
   (month_stem()); the cue PK_CUE_DAYS. The digits of the run [at, to). */
static int day_run(const char *s, size_t n, size_t at, size_t to)
{
    if (to - at > 2 || (at > 0 && is_digit((unsigned char)s[at - 1])))
        return 0;
    size_t k = to;
    if (k + 1 < n && s[k] == ':' && ((s[k + 1] | 0x20) == 'a' || (s[k + 1] | 0x20) == 'e'))
        k += 2;
    if (k >= n || !rx_space((unsigned char)s[k]))
        return 0;
    while (k < n && rx_space((unsigned char)s[k]))
        k++;
    return month_stem(s, n, k);
}

static int day_digit(const char *s, size_t n, size_t at)
{
    size_t to = at + 1;
    while (to < n && to < at + 3 && is_digit((unsigned char)s[to]))
        to++;
    return day_run(s, n, at, to);
}

/* The conditions of the digit rows that compile_cues has answered
   together, by slot: RX_REGNUM's, RX_DATE_ISO's, that of a digit a
   month's name follows (RX_DATE_NAMED's cue, whose places no row reads:
   it searches from its anchors; the slot is not answered), the
   places of a lone year (PK_CUE_YEARS, no pattern's), those of a day
   and month (RX_DATE_SLASH's kind, which RX_DATE_PAREN reads too) and
   RX_DATE_NAMED's days (PK_CUE_DAYS, no pattern's: the anchors of its
   places). */
enum { ROW_GROUP, ROW_DATE, ROW_NAMED, ROW_YEAR, ROW_SLASH, ROW_DAY, DIGIT_ROWS };
static const pk_cue_fits together[DIGIT_ROWS] = {digit_group_then_separator, date_digit, digit_then_letter,
                                                 year_digit, slash_digit, day_digit};

/* Sets of bytes below 64, a bit each: a byte is in one when it is below
   64 and its bit is set (one shift, not a chain of comparisons). */
#define BYTE_BIT(ch) ((uint64_t)1 << (ch))
#define DIGIT_BITS ((uint64_t)0x3FF << '0')
static int in_set(uint64_t set, unsigned char ch) { return ch < 64 && (set >> ch & 1); }

/* The three conditions at once for the run of digits [from, to) (the scan
   asks so, once a run): what each asks of the bytes at and after the
   run's first digit is read off the run's length and the bytes around it,
   so a run pays one look, not three calls that each step over its digits
   again. For each slot, the digits admitted: [lo, hi).
   - digit_group_then_separator steps over at most seven digits: a longer
     run has a digit where the separator must be; else the separator (a
     space before it at most) is looked for at the run's end.
   - date_digit: four_digits_then holds for a run of five digits or more,
     or of four that a dash or a dot follows; day_slash_month for a run of
     one or two that a slash and a digit follow (a third digit stands
     where its slash must be).
   - year_digit: a run of four whose first digit is 1 or 2.
   - slash_digit: day_slash_month's part of date_digit.
   - day_digit: day_run() of the run, at its first digit; where the
     eight bytes after the run hold its white space and the three bytes
     of the month's stem, read off them (month_stem() by the stems' hash).
   The named row is not answered: no row reads its places (compile_cues
   refuses a table where one would). */
static unsigned digit_rows(const char *s, size_t n, size_t from, size_t to, size_t *lo, size_t *hi)
{
    unsigned char prev = from > 0 ? (unsigned char)s[from - 1] : ' ';
    size_t len = to - from;
    int date_may = (unsigned char)(prev - '-') > '9' - '-'; /* none of '-', '.', '/', '0' to '9', one range */
    unsigned rows = (unsigned)((len == 4) & ((unsigned char)(s[from] - '1') < 2)) << ROW_YEAR;
    lo[ROW_GROUP] = lo[ROW_DATE] = lo[ROW_NAMED] = lo[ROW_YEAR] = lo[ROW_SLASH] = lo[ROW_DAY] = from;
    hi[ROW_GROUP] = hi[ROW_DATE] = hi[ROW_NAMED] = hi[ROW_YEAR] = hi[ROW_SLASH] = hi[ROW_DAY] = from + 1;
    if (to >= n)
        return rows | (date_may && len >= 5 ? 1u << ROW_DATE : 0);
    unsigned char next = (unsigned char)s[to];
    size_t k, lim = n < to + 5 ? n : to + 5;
    int day;
#if defined(__SSE2__)
    if (to + 8 <= n) {
        /* the eight bytes after the run at once (the most runs): what the
           conditions below ask of them read off masks of their kinds (a
           bit each), with few branches, where the runs' kinds and lengths,
           mixed as they come, made each a guess */
        __m128i x = _mm_loadl_epi64((const __m128i *)(const void *)(s + to)); /* the bytes after them 0 */
        unsigned dig = (unsigned)_mm_movemask_epi8(
            _mm_and_si128(_mm_cmpgt_epi8(x, _mm_set1_epi8('0' - 1)), _mm_cmplt_epi8(x, _mm_set1_epi8('9' + 1))));
        __m128i blank = _mm_cmpeq_epi8(x, _mm_set1_epi8(' ')), feed = _mm_cmpeq_epi8(x, _mm_set1_epi8('\n'));
        unsigned sp = (unsigned)_mm_movemask_epi8(_mm_or_si128(blank, feed));
        /* '-', '.', '/' (one range) and ':' */
        unsigned sep = (unsigned)_mm_movemask_epi8(
            _mm_or_si128(_mm_and_si128(_mm_cmpgt_epi8(x, _mm_set1_epi8('-' - 1)), _mm_cmplt_epi8(x, _mm_set1_epi8('/' + 1))),
                         _mm_cmpeq_epi8(x, _mm_set1_epi8(':'))));
        uint64_t w; /* the same bytes as a number, the first in its low byte (SSE2: x86, little-endian) */
        memcpy(&w, s + to, sizeof w);
        /* separator_then_digit: a separator at k0 (a space before it at
           most), one byte or an en dash's three, then a digit after at
           most two spaces or line breaks (every byte it reads is among
           the eight) */
        unsigned k0 = next == ' ', one = sep >> k0 & 1;
        unsigned dash = (w >> 8 * k0 & 0xFFFFFFu) == 0x9380E2u; /* E2 80 93 */
        unsigned k1 = k0 + one + 3 * dash, d = dig >> k1, g = sp >> k1;
        unsigned then_digit = (d | (g & d >> 1) | (g & g >> 1 & d >> 2)) & 1;
        rows |= (unsigned)(!is_digit(prev) & (len <= 7) & (one | dash) & then_digit) << ROW_GROUP;
        /* date_digit's two shapes, as below (a run of one or two is no
           ISO date's) */
        unsigned iso = (unsigned)date_may & ((len >= 5) | ((len == 4) & ((next == '-') | (next == '.'))));
        unsigned day_month = (unsigned)date_may & (len <= 2) & (next == '/') & (dig >> 1 & 1);
        rows |= iso << ROW_DATE | day_month * (1u << ROW_DATE | 1u << ROW_SLASH);
        /* day_run() read off the same bytes: an ordinal (":a", ":e") or
           none, white space (rx_space), and the three bytes after it, a
           month's stem (month_stem(), by its hash) when they are among the
           eight and ASCII; else day_run() is asked (more white space, a
           byte beyond ASCII that may be U+017F or U+212A, the stems
           unhashed) */
        unsigned rs = (unsigned)_mm_movemask_epi8(_mm_or_si128(
            blank, _mm_and_si128(_mm_cmpgt_epi8(x, _mm_set1_epi8('\t' - 1)), _mm_cmplt_epi8(x, _mm_set1_epi8('\r' + 1)))));
        /* (the second byte with bits 0x20 and 0x04 set is 'e' when it is
           one of 'a', 'e', 'A', 'E' and only then) */
        unsigned o = 2u * ((((uint32_t)w & 0xFFFFu) | 0x2400u) == ('e' << 8 | ':')), after = rs >> o;
        unsigned j = o + (unsigned)__builtin_ctz(~after); /* at most 8 */
        uint32_t key = (uint32_t)(w >> (8 * j & 63)) & 0xFFFFFFu;
        unsigned whole = (j <= 5) & !(key & 0x808080u) & (unsigned)stems_hashed;
        key |= 0x202020u;
        unsigned stem = stem_slots[(key * stem_mult) >> 26] == key;
        unsigned cand = (len <= 2) & !is_digit(prev) & after & 1;
        rows |= (cand & whole & stem) << ROW_DAY;
        day = (int)(cand & !whole);
        if (day) {
            /* a byte beyond ASCII among the three (at j): only U+017F and
               U+212A, whose first bytes are 0xC5 and 0xE2, may stand for a
               month's letter, when the months' forms are all ASCII */
            if (j <= 5 && stems_hashed && !month_stems_beyond) {
                unsigned lead = (unsigned)_mm_movemask_epi8(_mm_or_si128(
                                    _mm_cmpeq_epi8(x, _mm_set1_epi8((char)0xC5)), _mm_cmpeq_epi8(x, _mm_set1_epi8((char)0xE2)))) >>
                                j & 7;
                day = lead != 0;
            }
        }
    } else
#endif
    {
        if (!is_digit(prev) && len <= 7 &&
            (in_set(BYTE_BIT(' ') | BYTE_BIT('-') | BYTE_BIT('/') | BYTE_BIT(':') | BYTE_BIT('.'), next) || next == 0xE2) &&
            separator_then_digit(s, n, to))
            rows |= 1u << ROW_GROUP;
        if (date_may && (len >= 5 || (len == 4 && (next == '-' || next == '.'))))
            rows |= 1u << ROW_DATE;
        else if (date_may && len <= 2 && next == '/' && to + 1 < n && is_digit((unsigned char)s[to + 1]))
            rows |= 1u << ROW_DATE | 1u << ROW_SLASH;
        const uint64_t gap = DIGIT_BITS | BYTE_BIT(' ') | BYTE_BIT('\n') | BYTE_BIT(':') | BYTE_BIT('.'); /* before_month */
        k = to;
        while (k < lim && in_set(gap, (unsigned char)s[k]))
            k++;
        int named = k < lim && month_at(s, k);
        /* a day is a run that digit_then_letter admits, or one whose
           white space runs past the five bytes it reads or holds a tab, a
           form feed or a carriage return, or one where month_stem() meets
           a character beyond ASCII that it lets through (in the three
           bytes at k: those before k are ASCII; with the months' forms
           all ASCII only U+017F and U+212A, whose first bytes are 0xC5
           and 0xE2), or any when a month's form is too short to filter:
           of the others none is asked */
        day = len <= 2 && !is_digit(prev);
        if (day && !(named || k == lim || month_stems_all || k + 3 > n || rx_space((unsigned char)s[k]))) {
            unsigned char b0 = (unsigned char)s[k], b1 = (unsigned char)s[k + 1], b2 = (unsigned char)s[k + 2];
            day = ((b0 | b1 | b2) & 0x80) && (month_stems_beyond || b0 == 0xC5 || b0 == 0xE2 || b1 == 0xC5 || b1 == 0xE2 ||
                                              b2 == 0xC5 || b2 == 0xE2);
        }
    }
    if (day && day_run(s, n, from, to))
        rows |= 1u << ROW_DAY;
    return rows;
}


/* RX_DATE_ISO opens at a cue that holds its year; when a dash or a dot
   follows the year, the month follows it (a line break between at most),
   one or two digits, then the same dash or dot and the day ("2024.\n\nBeslutsgång"
   and "2020.\n2. Beslutet" are none); when a digit follows it, the month
   and the day are two digits each. */
static size_t iso_starts(const char *s, size_t n, size_t cue, size_t *at)
{
    at[0] = cue;
    if (!four_digits_then(s, n, cue))
        return 0;
    char sep = s[cue + 4];
    if (is_digit((unsigned char)sep)) {
        /* "20240415": eight digits (the bytes a match holds, no more: what
           follows them its lookahead asks within the range it is given) */
        size_t k = cue + 5;
        while (k < cue + 8 && k < n && is_digit((unsigned char)s[k]))
            k++;
        return k == cue + 8 ? 1 : 0;
    }
    size_t k = cue + 5;
    if (k < n && s[k] == '\n')
        k++;
    if (k >= n || !is_digit((unsigned char)s[k]))
        return 0;
    k++;
    if (k < n && is_digit((unsigned char)s[k]))
        k++;
    if (k >= n || s[k] != sep)
        return 0;
    /* and the day after it, a line break before it at most */
    k++;
    if (k < n && s[k] == '\n')
        k++;
    return k < n && is_digit((unsigned char)s[k]) ? 1 : 0;
}

/* RX_DATE_SLASH opens at a cue where the day, the month and a space stand
   ("15/4 2020"). */
static size_t slash_starts(const char *s, size_t n, size_t cue, size_t *at)
{
    size_t k = day_slash_month(s, n, cue);
    if (k && k < n && is_digit((unsigned char)s[k]))
        k++;
    at[0] = cue;
    return k && k < n && s[k] == ' ' ? 1 : 0;
}

/* RX_DATE_PAREN opens at the parenthesis of "(24/11)" (a ')' after the
   month), or at the day of "den 24/11", after one of its words
   (pattern_words.tsv's slash_date_lead rows, each as its lookbehind takes
   it: as written, in that case) and a space or a line break. */
static size_t paren_starts(const char *s, size_t n, size_t cue, size_t *at)
{
    size_t k = day_slash_month(s, n, cue);
    if (!k || cue == 0)
        return 0;
    if (s[cue - 1] == '(') {
        if (k < n && is_digit((unsigned char)s[k]))
            k++;
        if (k >= n || s[k] != ')')
            return 0;
        at[0] = cue - 1;
        return 1;
    }
    if (s[cue - 1] != ' ' && s[cue - 1] != '\n')
        return 0;
    for (size_t i = 0; i < pk_n_slash_date_lead; i++) {
        size_t len = strlen(pk_slash_date_lead[i]);
        if (len < cue && memcmp(s + cue - 1 - len, pk_slash_date_lead[i], len) == 0) {
            at[0] = cue;
            return 1;
        }
    }
    return 0;
}

/* The most letters and digits a diarienummer's shape opens with
   (make_regnum_lead(), from lib/data/regnum_shapes.tsv): SIZE_MAX, no
   bound. */
enum { OPEN_LETTER, OPEN_DIGIT };
static size_t regnum_lead[2] = {SIZE_MAX, SIZE_MAX};
static pthread_once_t regnum_lead_once = PTHREAD_ONCE_INIT;

/* A letter beyond doubt at p: an ASCII letter, or one of Latin-1 (0xC3
   and a byte that is not the second of U+00D7 or U+00F7); its length in
   bytes, or 0. */
static PK_ALWAYS_INLINE size_t sure_letter(const char *s, size_t n, size_t p)
{
    unsigned char b = (unsigned char)s[p];
    if ((unsigned)((b | 0x20) - 'a') < 26)
        return 1;
    if (b != 0xC3 || p + 1 >= n)
        return 0;
    unsigned char c = (unsigned char)s[p + 1];
    return (c & 0xC0) == 0x80 && c != 0x97 && c != 0xB7 ? 2 : 0;
}

/* p begins a character after no letter of Latin-1, digit, dot, dash,
   slash or en dash: where RX_REGNUM's lookbehind may let a match open (it
   judges the other letters). */
static PK_ALWAYS_INLINE int regnum_may_open(const char *s, size_t p)
{
    unsigned char b = (unsigned char)s[p], a = p > 0 ? (unsigned char)s[p - 1] : ' ';
    if ((b & 0xC0) == 0x80 || ascii_alnum(a) || a == '.' || a == '-' || a == '/')
        return 0;
    if ((a & 0xC0) == 0x80 && latin1_before(s, p)) /* (a byte beyond ASCII before p, seldom) */
        return 0;
    return !(a == 0x93 && p >= 3 && (unsigned char)s[p - 2] == 0x80 && (unsigned char)s[p - 3] == 0xE2);
}

/* Fewer sure letters (digits) at p than regnum_lead[] lets a shape open
   with: a place that a shape may open at. */
static PK_ALWAYS_INLINE int regnum_lead_fits(const char *s, size_t n, size_t p)
{
    size_t k = 0, q = p, most;
    if (is_digit((unsigned char)s[p])) {
        most = regnum_lead[OPEN_DIGIT];
        while (k <= most && q < n && is_digit((unsigned char)s[q]))
            k++, q++;
    } else {
        most = regnum_lead[OPEN_LETTER];
        for (size_t len; k <= most && q < n && (len = sure_letter(s, n, q)) > 0; q += len)
            k++;
    }
    return k <= most;
}

/* The labels of RX_REGNUM_LABELED are pk_regnum_label (pattern_words.tsv),
   as the text writes them (the pattern takes each as it stands, in their
   order), each with its cue word in brackets ("D[nr]"); the cues
   (label_cues.cue) are those words, each once, in the order they come first. */
#define LABEL_MAX 64
#define LABEL_CUES_MAX 16

/* A label without its brackets, at out (room for LABEL_MAX bytes); its
   length, or LABEL_MAX when it is too long. */
static size_t unmarked(const char *label, char *out)
{
    size_t o = 0;
    for (const char *q = label; *q; q++)
        if (*q != '[' && *q != ']') {
            if (o + 1 >= LABEL_MAX)
                return LABEL_MAX;
            out[o++] = *q;
        }
    out[o] = 0;
    return o;
}

/* Where a cue stands in the labels, read from them once: for each offset
   of a cue word in a label (below MAX_STARTS), the first bytes of the
   labels that hold one there; and the cues. */
static struct {
    uint64_t offsets;                /* a bit for each offset some label has */
    uint8_t first[MAX_STARTS][32];   /* by offset: a bit for each first byte */
    const char *cue[LABEL_CUES_MAX + 1];
    char text[LABEL_CUES_MAX][LABEL_MAX];
    int bad;                         /* a label without a cue, one too long, one too far in, or too many */
} label_cues;
static pthread_once_t label_cues_once = PTHREAD_ONCE_INIT;

/* The words rows mark in brackets ("D[nr]", "[delt]a"), each once, in the
   order they come first: their bytes in text (at most `max` words of
   `width` bytes each, a zero after each), a pointer to each in cue (which
   has room for max + 1, NULL after the last). Their number, or -1 when a
   mark is empty, left open, too long or holds a byte of `refuse`, or when
   there are more than max. */
static int marked_words(const char *const *rows, size_t n, char *text, size_t width, const char **cue, size_t max,
                        const char *refuse)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        for (const char *o = strchr(rows[i], '['); o; o = strchr(o + 1, '[')) {
            const char *e = strchr(o, ']');
            size_t len = e ? (size_t)(e - o - 1) : 0;
            if (!e || len == 0 || len >= width)
                return -1;
            for (const char *r = refuse; *r; r++)
                if (memchr(o + 1, *r, len))
                    return -1;
            size_t j = 0;
            while (j < k && !(strlen(text + j * width) == len && memcmp(text + j * width, o + 1, len) == 0))
                j++;
            if (j < k)
                continue;
            if (k == max)
                return -1;
            memcpy(text + k * width, o + 1, len);
            text[k * width + len] = 0;
            cue[k] = text + k * width;
            k++;
        }
    return (int)k;
}

static void make_label_cues(void)
{
    if (marked_words(pk_regnum_label, pk_n_regnum_label, &label_cues.text[0][0], LABEL_MAX, label_cues.cue, LABEL_CUES_MAX,
                     "") < 0) {
        label_cues.bad = 1;
        return;
    }
    for (size_t i = 0; i < pk_n_regnum_label; i++) {
        char l[LABEL_MAX];
        if (unmarked(pk_regnum_label[i], l) == LABEL_MAX) {
            label_cues.bad = 1;
            return;
        }
        int found = 0;
        for (size_t w = 0; label_cues.cue[w]; w++)
            for (const char *h = strstr(l, label_cues.cue[w]); h; h = strstr(h + 1, label_cues.cue[w])) {
                size_t o = (size_t)(h - l);
                unsigned char b = (unsigned char)l[0];
                if (o >= MAX_STARTS) {
                    label_cues.bad = 1;
                    continue;
                }
                label_cues.offsets |= (uint64_t)1 << o;
                label_cues.first[o][b / 8] = (uint8_t)(label_cues.first[o][b / 8] | 1u << (b % 8));
                found = 1;
            }
        label_cues.bad |= !found;
    }
}

/* The byte pair of an upper-case letter of Latin-1 for the lower-case one
   at q (0xC3 and 0xA0..0xBE but 0xB7), or of A-Z for a-z: its second
   byte's or its own new value, written at p; the bytes read. */
static size_t upper_char(char *p, const char *q)
{
    unsigned char b = (unsigned char)q[0];
    if (b >= 'a' && b <= 'z') {
        p[0] = (char)(b - 0x20);
        return 1;
    }
    if (b == 0xC3 && (unsigned char)q[1] >= 0xA0 && (unsigned char)q[1] <= 0xBE && (unsigned char)q[1] != 0xB7) {
        p[0] = q[0];
        p[1] = (char)((unsigned char)q[1] - 0x20);
        return 2;
    }
    p[0] = q[0];
    return 1;
}

/* The n bytes at q as a pcre2 source takes them literally (any sign of
   its escaped), at p (room for 2 n bytes); the bytes written. */
static size_t write_escaped(char *p, const char *q, size_t n)
{
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        if (strchr("\\^$.|?*+()[]{}#", q[i]))
            p[o++] = '\\';
        p[o++] = q[i];
    }
    return o;
}

/* The n words of w as alternatives of a pcre2 source ('|' between them,
   each taken literally), at p (room for alts_size(w, n) bytes); the bytes
   written. */
static size_t write_alts(char *p, const char *const *w, size_t n)
{
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        if (i)
            p[o++] = '|';
        o += write_escaped(p + o, w[i], strlen(w[i]));
    }
    return o;
}

static size_t alts_size(const char *const *w, size_t n)
{
    size_t need = 0;
    for (size_t i = 0; i < n; i++)
        need += 2 * strlen(w[i]) + 1;
    return need;
}

/* A lookahead for the characters the n words of w open with, written in
   front of their alternatives (room for guard_size(n) bytes); the bytes
   written (none when a word is empty, or there are none: "[]" would be
   no class). Every match of the alternatives
   opens with one of them (without case too where the source is caseless:
   the class then takes their other cases as the words do), so it holds
   wherever they match: where it fails, pcre2 is spared trying each word. */
static size_t write_guard(char *p, const char *const *w, size_t n)
{
    size_t o = 0;
    if (n == 0)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!w[i][0])
            return 0;
    o += (size_t)sprintf(p, "(?=[");
    size_t cls = o;
    for (size_t i = 0; i < n; i++) {
        /* the first character: its first byte and the continuation bytes after it */
        size_t len = 1;
        while (len < 4 && ((unsigned char)w[i][len] & 0xC0) == 0x80)
            len++;
        int seen = 0;
        for (size_t q = cls; q + len <= o && !seen; q++)
            seen = memcmp(p + q, w[i], len) == 0 && (len > 1 || p[q - 1] != '\\');
        if (seen)
            continue;
        if (len == 1 && strchr("\\]^-[", w[i][0]))
            p[o++] = '\\';
        memcpy(p + o, w[i], len);
        o += len;
    }
    memcpy(p + o, "])", 2);
    return o + 2;
}

static size_t guard_size(size_t n) { return 6 + 5 * n; }

/* The n words of w as a group of alternatives behind their guard
   ("(?=[..])(?:w1|w2|..)"), at p (room for guarded_size(w, n) bytes); the
   bytes written. */
static size_t write_guarded(char *p, const char *const *w, size_t n)
{
    size_t o = write_guard(p, w, n);
    memcpy(p + o, "(?:", 3);
    o += 3;
    o += write_alts(p + o, w, n);
    p[o++] = ')';
    return o;
}

static size_t guarded_size(const char *const *w, size_t n) { return guard_size(n) + 4 + alts_size(w, n); }

/* The name pattern at p (room for name_size() bytes); the bytes written. */
static size_t write_name(char *p)
{
    size_t o = strlen(NAME_HEAD);
    memcpy(p, NAME_HEAD, o);
    o += write_guarded(p + o, pk_name_particle, pk_n_name_particle);
    memcpy(p + o, NAME_TAIL, strlen(NAME_TAIL));
    return o + strlen(NAME_TAIL);
}

static size_t name_size(void)
{
    return strlen(NAME_HEAD) + guarded_size(pk_name_particle, pk_n_name_particle) + strlen(NAME_TAIL);
}

/* RX_NAME's source: the name, after a lookahead true of every upper-case
   letter (none lies below U+00C0 but A-Z), which gives pcre2 a table of
   the bytes a match can open with, so it skips the rest without testing
   \p{Lu} at each (people.c asks it only where its own check of the
   opening passes). */
static char *build_name_pattern(void)
{
    static const char head[] = "(?=[A-Z\\x{C0}-\\x{10FFFF}])";
    size_t need = sizeof head + name_size();
    char *p = pk_malloc(need);
    if (!p)
        return NULL;
    size_t o = (size_t)snprintf(p, need, "%s", head);
    o += write_name(p + o);
    p[o] = 0;
    return p;
}

/* RX_CHAIR's source, its titles written out from pattern_words.tsv's
   chair_title rows (any case in the text; the pattern takes them in their
   order, their signs escaped), then its role word: the first cue word of
   its row of pattern_sources.tsv, as written. */
static char *build_chair_pattern(void)
{
    static const char head[] = "(?<![\\p{L}])(?i:(?:", mid[] = "\\s+)?", role_end[] = "(?:n)?)(?::)?\\s+",
                      tail[] = "(?:\\s*\\(" PARTY "\\))?";
    size_t need = sizeof head + sizeof mid + sizeof role_end + sizeof tail + guarded_size(pk_chair_title, pk_n_chair_title) +
                  alts_size(cue_chair, 1) + name_size();
    char *p = pk_malloc(need);
    if (!p)
        return NULL;
    size_t o = (size_t)snprintf(p, need, "%s", head);
    o += write_guarded(p + o, pk_chair_title, pk_n_chair_title);
    o += (size_t)snprintf(p + o, need - o, "%s", mid);
    o += write_alts(p + o, cue_chair, 1);
    o += (size_t)snprintf(p + o, need - o, "%s", role_end);
    o += write_name(p + o);
    snprintf(p + o, need - o, "%s", tail);
    return p;
}

/* RX_DATE_NAMED's source: its weekdays (lib/data/date_words.tsv), each
   with its ending or not, then an article ("den"), each optional (the
   weekday_ending and day_article rows of pattern_words.tsv, which
   named_places reads too), and its months (lib/data/months.tsv,
   month_forms()) written out, any sign of pcre2's escaped. */
static char *build_named_pattern(void)
{
    static const char head[] = "(?i)(?<![\\p{L}\\d])(?:", ending[] = "(?:", article[] = ")?\\s+)?(?:",
                      group[] = "(?:", group_end[] = ")", day[] = "\\s+)?(\\d{1,2})(?::[ae])?\\s+(",
                      tail[] = ")(?![\\p{L}])(\\.)?(?:\\s+(\\d{4})(?![\\d]))?";
    const char *forms[MONTH_FORMS];
    size_t nf = month_forms(forms);
    int grouped = pk_n_day_article > 1; /* "(?:(?:den|dagen)\\s+)?" */
    size_t need = sizeof head + guarded_size(pk_weekday, pk_n_weekday) + sizeof ending + sizeof article + sizeof group +
                  sizeof group_end + sizeof day + sizeof tail + alts_size(pk_weekday_ending, pk_n_weekday_ending) +
                  alts_size(pk_day_article, pk_n_day_article) + alts_size(forms, nf);
    char *p = pk_malloc(need);
    if (!p)
        return NULL;
    size_t o = (size_t)snprintf(p, need, "%s", head);
    o += write_guarded(p + o, pk_weekday, pk_n_weekday);
    o += (size_t)snprintf(p + o, need - o, "%s", ending);
    o += write_alts(p + o, pk_weekday_ending, pk_n_weekday_ending);
    o += (size_t)snprintf(p + o, need - o, "%s%s", article, grouped ? group : "");
    o += write_alts(p + o, pk_day_article, pk_n_day_article);
    o += (size_t)snprintf(p + o, need - o, "%s%s", grouped ? group_end : "", day);
    o += write_alts(p + o, forms, nf);
    snprintf(p + o, need - o, "%s", tail);
    return p;
}

/* The source of RX_BODY or RX_ADMIN: head, a class of the last letters
   their nouns may end in (each noun's last character, and its upper
   case, in the order they come first), then the nouns as lookbehinds
   (pattern_words.tsv: body_noun, admin_noun), those that end in one
   character together, each group after a lookbehind of that character
   where it is an ASCII letter whose only other case is its upper or lower
   one (all but "k" and "s"): a noun that matches ends in that character,
   so the group's test holds wherever the noun's does, and a word is tested
   against the nouns of its last letter only, not against each in turn. */
/* Where the last character of w opens: its first byte is no continuation byte. */
static size_t last_char(const char *w)
{
    size_t b = strlen(w);
    while (b > 0 && ((unsigned char)w[b - 1] & 0xC0) == 0x80)
        b--;
    return b > 0 ? b - 1 : 0;
}

static char *build_noun_pattern(const char *head, const char *const *words, size_t nw)
{
    static const char mid[] = "])(?:", tail[] = "))(?![\\p{L}])";
    size_t need = strlen(head) + sizeof mid + sizeof tail + 3 * alts_size(words, nw) + 32 * nw;
    char *p = pk_malloc(need);
    if (!p)
        return NULL;
    size_t o = (size_t)snprintf(p, need, "%s", head), cls = o;
    for (size_t i = 0; i < nw; i++) {
        const char *w = words[i];
        size_t e = strlen(w), b = last_char(w);
        char up[4];
        size_t n = e - b;
        if (n > 2 || strchr("\\]^-[", w[b]))
            n = 0; /* beyond Latin-1, or a sign of a class: never so */
        for (int c = 0; c < 2 && n; c++) {
            const char *ch = c ? up : w + b;
            if (c) {
                upper_char(up, w + b);
                if (memcmp(up, w + b, n) == 0)
                    break;
            }
            int seen = 0;
            for (size_t q = cls; q + n <= o && !seen; q++)
                seen = memcmp(p + q, ch, n) == 0;
            if (!seen) {
                memcpy(p + o, ch, n);
                o += n;
            }
        }
    }
    o += (size_t)snprintf(p + o, need - o, "%s", mid);
    for (size_t i = 0; i < nw; i++) {
        /* a group opens at the first noun that ends in its character */
        const char *ch = words[i] + last_char(words[i]);
        size_t n = strlen(ch), first = 0;
        while (first < i && strcmp(words[first] + last_char(words[first]), ch) != 0)
            first++;
        if (first < i)
            continue;
        if (i)
            p[o++] = '|';
        unsigned char b = (unsigned char)ch[0];
        if (n == 1 && ((b | 0x20) >= 'a' && (b | 0x20) <= 'z') && (b | 0x20) != 'k' && (b | 0x20) != 's')
            o += (size_t)snprintf(p + o, need - o, "(?<=[%c%c])", (char)b, (char)(b ^ 0x20));
        o += (size_t)snprintf(p + o, need - o, "(?<=(?i)");
        for (size_t j = i, k = 0; j < nw; j++)
            if (strcmp(words[j] + last_char(words[j]), ch) == 0) {
                if (k++)
                    p[o++] = '|';
                o += write_escaped(p + o, words[j], strlen(words[j]));
            }
        p[o++] = ')';
    }
    snprintf(p + o, need - o, "%s", tail);
    return p;
}

/* RX_BODY's source: the words before the noun ("Bygg- och miljö"; the
   words that join them are pattern_words.tsv's body_joint rows), a word
   between them and the noun (body_genitive: "Malmö stads"), then the
   noun. */
static char *build_body_pattern(void)
{
    static const char a[] = "(?<![\\p{L}\\-])(?:(\\p{Lu}[\\p{L}\\-]*+(?:,?[ \\n](?:",
                      b[] = ")[ \\n]\\p{Ll}\\p{L}*+-|,[ \\n]\\p{Ll}\\p{L}*+-)*[ \\n](?:(?:", c[] = ")[ \\n])?)(?:",
                      d[] = ")?)?(\\p{L}*+(?<=[", sep[] = "[ \\n]";
    size_t joints = alts_size(pk_body_joint, pk_n_body_joint);
    size_t need = sizeof a + sizeof b + sizeof c + sizeof d + 2 * joints + alts_size(pk_body_genitive, pk_n_body_genitive) +
                  pk_n_body_genitive * sizeof sep;
    char *head = pk_malloc(need);
    if (!head)
        return NULL;
    size_t o = (size_t)snprintf(head, need, "%s", a);
    o += write_alts(head + o, pk_body_joint, pk_n_body_joint);
    o += (size_t)snprintf(head + o, need - o, "%s", b);
    o += write_alts(head + o, pk_body_joint, pk_n_body_joint);
    o += (size_t)snprintf(head + o, need - o, "%s", c);
    for (size_t i = 0; i < pk_n_body_genitive; i++) {
        if (i)
            head[o++] = '|';
        o += write_escaped(head + o, pk_body_genitive[i], strlen(pk_body_genitive[i]));
        o += (size_t)snprintf(head + o, need - o, "%s", sep);
    }
    snprintf(head + o, need - o, "%s", d);
    char *p = build_noun_pattern(head, pk_body_noun, pk_n_body_noun);
    free(head);
    return p;
}

/* RX_ADMIN's source: one word before the noun ("Stadsledningskontoret"
   alone, "Fastighetsförvaltningen", "Kultur förvaltningen"), then the noun. */
static char *build_admin_pattern(void)
{
    return build_noun_pattern("(?<![\\p{L}\\-])(?:(\\p{Lu}[\\p{L}\\-]*+)[ \\n])?(\\p{L}*+(?<=[", pk_admin_noun, pk_n_admin_noun);
}

/* RX_REGNUM_LABELED's source: its labels written out, any sign of pcre2's
   escaped. */
static char *build_labeled_pattern(void)
{
    size_t need = 64 + strlen("(" REGVAL ")") + alts_size(pk_regnum_label, pk_n_regnum_label);
    char *p = pk_malloc(need);
    if (!p)
        return NULL;
    size_t o = (size_t)snprintf(p, need, "(?<![\\p{L}])(?:");
    for (size_t i = 0; i < pk_n_regnum_label; i++) {
        char l[LABEL_MAX];
        size_t n = unmarked(pk_regnum_label[i], l);
        if (i)
            p[o++] = '|';
        o += write_escaped(p + o, l, n < LABEL_MAX ? n : 0);
    }
    snprintf(p + o, need - o, ")\\.?:?[ \\n]*(%s)", REGVAL);
    return p;
}

/* One phrase of pattern_words.tsv as its alternative of the source is
   written (as build_phrase_pattern() says), at p (room for three bytes
   a byte of the phrase); its length. */
static size_t write_phrase(char *p, const char *row)
{
    size_t o = 0;
    for (const char *q = row; *q; q++) {
        if (*q == ' ') {
            memcpy(p + o, "\\s+", 3);
            o += 3;
        } else if (*q == '(') {
            memcpy(p + o, "(?:", 3);
            o += 3;
        } else if (*q == '|' || *q == ')') {
            p[o++] = *q;
        } else if (*q != '[' && *q != ']') {
            o += write_escaped(p + o, q, 1);
        }
    }
    return o;
}

/* The phrases of RX_PARTICIPATE or RX_PART_VERB (pattern_words.tsv:
   participation_phrase, participation_verb) as one pcre2 source, under
   (?i), each a whole word or words: a phrase's space written as white
   space ("\\s+"), its "(" as a group's opening ("(?:", its "|" and ")"
   as they stand), its brackets (a cue's marks) left out, any other sign
   of pcre2's escaped. */
static char *build_phrase_pattern(const char *const *rows, size_t n)
{
    static const char head[] = "(?i)(?<![\\p{L}])(?:", tail[] = ")(?![\\p{L}])";
    size_t need = sizeof head + sizeof tail;
    for (size_t i = 0; i < n; i++)
        need += 3 * strlen(rows[i]) + 1;
    char *p = pk_malloc(need);
    if (!p)
        return NULL;
    size_t o = (size_t)snprintf(p, need, "%s", head);
    for (size_t i = 0; i < n; i++) {
        if (i)
            p[o++] = '|';
        o += write_phrase(p + o, rows[i]);
    }
    snprintf(p + o, need - o, "%s", tail);
    return p;
}

/* RX_DATE_PAREN's source: "(24/11)", or a day and month after one of its
   words (pattern_words.tsv: slash_date_lead) and a space or a line
   break, a lookbehind; a row that opens with an upper-case letter (A-Z)
   and the row after it, the same word with that letter in lower case, are
   one alternative, "[Dd]en", any other row one as it stands (any sign of
   pcre2's escaped). */
static char *build_paren_pattern(void)
{
    static const char head[] = "(?|\\((\\d{1,2})/(\\d{1,2})\\)|(?<=", sep[] = "[ \\n]",
                      tail[] = ")(\\d{1,2})/(\\d{1,2})(?![\\d/]|[ ]+\\d{4}))";
    size_t need = sizeof head + sizeof tail + pk_n_slash_date_lead * (sizeof sep + 4) +
                  alts_size(pk_slash_date_lead, pk_n_slash_date_lead);
    char *p = pk_malloc(need);
    if (!p)
        return NULL;
    size_t o = (size_t)snprintf(p, need, "%s", head);
    for (size_t i = 0; i < pk_n_slash_date_lead; i++) {
        const char *w = pk_slash_date_lead[i], *next = i + 1 < pk_n_slash_date_lead ? pk_slash_date_lead[i + 1] : NULL;
        if (i)
            p[o++] = '|';
        if (next && w[0] >= 'A' && w[0] <= 'Z' && next[0] == (w[0] | 0x20) && strcmp(w + 1, next + 1) == 0) {
            o += (size_t)snprintf(p + o, need - o, "[%c%c]", w[0], next[0]);
            w++;
            i++;
        }
        o += write_escaped(p + o, w, strlen(w));
        o += (size_t)snprintf(p + o, need - o, "%s", sep);
    }
    snprintf(p + o, need - o, "%s", tail);
    return p;
}

/* RX_REGNUM_LABELED's places, given a cue ("nr", "NR", "nummer" or
   "Er ref"): the label that holds it opens as far before it as the cue
   stands in the label, with the label's first byte; each offset of
   label_cues where such a byte stands is a place (the furthest first). */
static size_t labeled_starts(const char *s, size_t n, size_t cue, size_t *at)
{
    (void)n;
    size_t k = 0;
    for (uint64_t m = label_cues.offsets; m; m &= ~((uint64_t)1 << (63 - __builtin_clzll(m)))) {
        size_t o = (size_t)(63 - __builtin_clzll(m));
        if (cue < o)
            continue;
        unsigned char b = (unsigned char)s[cue - o];
        if (label_cues.first[o][b / 8] >> (b % 8) & 1)
            at[k++] = cue - o;
    }
    return k;
}

/* Where a diarienummer whose first digit group is at `cue` may open: at
   the group, or at its prefix, letters (at most six, of at most four bytes
   each) that end right before it or before at most six bytes of separators
   (" - \n", "–", "/"), as every shape of lib/data/regnum_shapes.tsv has
   them. Of those bytes and the group's first, each where
   regnum_may_open() says so, and where no more letters or digits stand
   than a shape opens with (regnum_lead_fits()), is a place. */
static size_t regnum_starts(const char *s, size_t n, size_t cue, size_t *at)
{
    size_t j = cue, k = 0;
    while (j > 0 && cue - j < 6) {
        unsigned char b = (unsigned char)s[j - 1];
        if (b == ' ' || b == '\n' || b == '-' || b == '/')
            j--;
        else if (b == 0x93 && j >= 3 && (unsigned char)s[j - 2] == 0x80 && (unsigned char)s[j - 3] == 0xE2)
            j -= 3;
        else
            break;
    }
    unsigned high = 0; /* bit 7: a byte beyond ASCII in the word */
    size_t i = j;
    unsigned char w = j > 0 ? (unsigned char)s[j - 1] : 0;
    if (w >= 0x80 || ascii_letter(w)) /* else no word ends at j: back_over() would stop at once */
        i = back_over(s, j, j > 24 ? j - 24 : 0, 0, &high);
    /* within the word a byte after an ASCII letter opens nothing (as
       regnum_may_open() says): only the word's start and the bytes after
       one beyond ASCII (the word's others, none in a word of ASCII
       letters) are asked. In a word of ASCII letters alone every byte is
       a sure letter and the one at j (a separator, or the cue's digit)
       is none: regnum_lead_fits() would count the word's length. */
    if (i < j && regnum_may_open(s, i) &&
        ((high & 0x80) ? regnum_lead_fits(s, n, i) : j - i <= regnum_lead[OPEN_LETTER]))
        at[k++] = i;
    for (size_t p = i + 1; (high & 0x80) && p < j; p++)
        if ((unsigned char)s[p - 1] >= 0x80 && regnum_may_open(s, p) && regnum_lead_fits(s, n, p))
            at[k++] = p;
    if (regnum_may_open(s, cue) && regnum_lead_fits(s, n, cue))
        at[k++] = cue;
    return k;
}

/* The first ASCII digit in [p, end), or end: sixteen bytes at a time
   where SSE2 is (the last fewer than sixteen in one step too, read with
   the bytes before them), else eight at a time (a byte's high bit in m
   says 0x30 <= byte <= 0x39; no carry crosses bytes, every sum stays
   below 256). */
static size_t next_digit(const char *s, size_t p, size_t end)
{
#if defined(__SSE2__)
    /* sixteen bytes at a time: a digit is above '0' - 1 and below '9' + 1
       as a signed byte */
    for (; p + 16 <= end; p += 16) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(s + p));
        unsigned m = (unsigned)_mm_movemask_epi8(
            _mm_and_si128(_mm_cmpgt_epi8(x, _mm_set1_epi8('0' - 1)), _mm_cmplt_epi8(x, _mm_set1_epi8('9' + 1))));
        if (m)
            return p + (size_t)__builtin_ctz(m);
    }
    if (p < end && end >= 16) {
        /* fewer than sixteen left: the sixteen bytes before end, those
           before p left out */
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(s + end - 16));
        unsigned m = (unsigned)_mm_movemask_epi8(
                         _mm_and_si128(_mm_cmpgt_epi8(x, _mm_set1_epi8('0' - 1)), _mm_cmplt_epi8(x, _mm_set1_epi8('9' + 1)))) >>
                     (p - (end - 16));
        return m ? p + (size_t)__builtin_ctz(m) : end;
    }
#endif
    const uint64_t ones = 0x0101010101010101u;
    for (; p + 8 <= end; p += 8) {
        uint64_t x;
        memcpy(&x, s + p, 8);
        uint64_t t = x & ones * 127, m = (ones * (127 + '9' + 1) - t) & ~x & (t + ones * (127 - ('0' - 1))) & ones * 128;
        if (m)
            break;
    }
    while (p < end && !is_digit((unsigned char)s[p]))
        p++;
    return p;
}

/* pcre2's \s: space, tab, line feed, vertical tab, form feed, carriage return */
static int rx_space(unsigned char b) { return b == ' ' || (b >= '\t' && b <= '\r'); }

/* The places in the word that ends at e (a run of ASCII letters and
   non-ASCII bytes, at most 24 bytes back) where a match may open: each
   byte that begins a character after no ASCII letter or digit. Returns
   the word's start. */
static size_t word_places(const char *s, size_t e, size_t *at, size_t *k)
{
    unsigned high = 0; /* bit 7: a byte beyond ASCII in the word */
    size_t b = back_over(s, e, e > 24 ? e - 24 : 0, 0, &high);
    if (!(high & 0x80)) {
        /* ASCII letters alone: every byte but the first follows one */
        if (b < e && !(b > 0 && ascii_alnum((unsigned char)s[b - 1])))
            at[(*k)++] = b;
        return b;
    }
    for (size_t p = b; p < e; p++)
        if (((unsigned char)s[p] & 0xC0) != 0x80 && !(p > 0 && ascii_alnum((unsigned char)s[p - 1])))
            at[(*k)++] = p;
    return b;
}

/* The character at i (beyond ASCII) is one that pcre2 matches with an
   ASCII letter without case: U+017F (with "s") or U+212A (with "k"). */
static int caseless_ascii(const char *s, size_t end, size_t i)
{
    const unsigned char *u = (const unsigned char *)s + i;
    return (u[0] == 0xC5 && i + 1 < end && u[1] == 0xBF) || (u[0] == 0xE2 && i + 2 < end && u[1] == 0x84 && u[2] == 0xAA);
}

/* Lists of words that may stand before a pattern's place, made once from
   the rows the pattern is written from: RX_DATE_NAMED's words before the
   day (from pk_weekday, pk_weekday_ending and pk_day_article: each weekday with its
   ending or not, before "den" or the day, and "den" before the day) and
   RX_CHAIR's titles (pk_chair_title). Their ASCII letters folded; first[b]:
   a bit for each word that opens with the byte b. */
typedef struct day_words {
    char w[16][24];
    unsigned char n[16];
    uint16_t first[256];
    uint64_t lens;          /* a bit for each length in bytes a word may take in the text */
    unsigned char len[64];  /* those lengths, the longest first */
    size_t nlen;
    unsigned char opens[256]; /* 1: a byte a word may open with in the text (any case) */
    int all;                /* too many, too long, or one with white space: no filter */
} day_words;
static day_words weekday_words, den_words, chair_titles;

static void add_day_words(day_words *d, const char *const *words, size_t nw, const char *tail)
{
    size_t k = 0, lt = strlen(tail);
    for (size_t iw = 0; iw < nw; iw++) {
        const char *a = words[iw];
        size_t la = strlen(a);
        for (int with = 0; with <= (lt > 0); with++) {
            size_t len = la + (with ? lt : 0);
            if (k == 16 || len == 0 || len >= sizeof d->w[0]) {
                d->all = 1;
                return;
            }
            /* the lengths in bytes the word may take without case: an
               ASCII letter one, or two for "s" (U+017F), three for "k"
               (U+212A); a character beyond ASCII two to four (none but
               those two matches an ASCII one); most: the longest */
            uint64_t lens = 1;
            size_t most = 0;
            for (size_t i = 0; i < len; i++) {
                const unsigned char *b = (const unsigned char *)(i < la ? a + i : tail + i - la);
                d->w[k][i] = (char)(ascii_letter(b[0]) ? b[0] | 0x20 : b[0]);
                d->all |= rx_space(b[0]);
                /* U+017F or U+212A in a word: the text may hold an ASCII letter for it */
                d->all |= (b[0] == 0xC5 && b[1] == 0xBF) || (b[0] == 0xE2 && b[1] == 0x84 && b[2] == 0xAA);
                if ((b[0] | 0x20) == 's')
                    lens = lens << 1 | lens << 2, most += 2;
                else if ((b[0] | 0x20) == 'k')
                    lens = lens << 1 | lens << 3, most += 3;
                else if (b[0] < 0x80)
                    lens <<= 1, most += 1;
                else if (b[0] >= 0xC0)
                    lens = lens << 2 | lens << 3 | lens << 4, most += 4; /* the whole character, at its first byte */
            }
            d->all |= most >= 64; /* the lengths hold in 64 bits */
            d->lens |= lens;
            d->n[k] = (unsigned char)len;
            d->first[(unsigned char)d->w[k][0]] |= (uint16_t)(1u << k);
            /* the bytes the word may open with in the text: its first, in
               either case, and any beyond ASCII where it opens with "s",
               "k" or a character beyond ASCII (another case of it) */
            unsigned char b0 = (unsigned char)d->w[k][0];
            d->opens[b0] = 1;
            if (ascii_letter(b0))
                d->opens[b0 & ~0x20] = 1;
            if (b0 >= 0x80 || b0 == 's' || b0 == 'k')
                memset(d->opens + 0x80, 1, 0x80);
            k++;
        }
    }
    for (size_t l = 64; l-- > 1;)
        if (d->lens >> l & 1)
            d->len[d->nlen++] = (unsigned char)l;
}

/* Might the text [p, q) be one of d's words, in any case? Compared byte
   by byte, ASCII letters folded. A character beyond ASCII in the text
   matches no ASCII letter of a word but U+017F ("s") and U+212A ("k"):
   those might, and so might any where the word has one beyond ASCII too
   (another case of it). */
static int may_be_day_word(const day_words *d, const char *s, size_t p, size_t q)
{
    if (d->all || p >= q)
        return 1;
    unsigned char t0 = (unsigned char)s[p];
    if (t0 >= 0x80 && caseless_ascii(s, q, p))
        return 1;
    size_t len = q - p;
    for (unsigned m = d->first[ascii_letter(t0) ? t0 | 0x20 : t0]; m; m &= m - 1) {
        unsigned j = (unsigned)__builtin_ctz(m);
        size_t i = 1;
        for (; i < len && i < d->n[j]; i++) {
            unsigned char t = (unsigned char)s[p + i], w = (unsigned char)d->w[j][i];
            if (t >= 0x80 && (w >= 0x80 || caseless_ascii(s, q, p + i)))
                return 1;
            if ((ascii_letter(t) ? t | 0x20 : t) != w)
                break;
        }
        if (i == len && i == d->n[j])
            return 1;
    }
    return 0;
}

/* may_be_day_word() where a word of d may open with the byte at p (its
   first, in any case; every byte beyond ASCII where one opens with "s",
   "k" or a character beyond ASCII), the call spared elsewhere: no word
   can stand there. */
static PK_ALWAYS_INLINE int day_word_at(const day_words *d, const char *s, size_t p, size_t q)
{
    return (d->all || d->opens[(unsigned char)s[p]]) && may_be_day_word(d, s, p, q);
}

/* The first three bytes of every name and short form of the months ("jan",
   "feb", ... "dec"), each as a number, and the bytes a form opens with
   (month_initials), made from lib/data/months.tsv once (with the words
   before the day). */
static uint32_t month_stems[32];
static size_t n_month_stems;
static int month_stems_all; /* a form under three bytes, or too many: no filter */
static int month_stems_beyond; /* a form with a byte beyond ASCII */
static unsigned char stem_firsts[256]; /* 1 at each byte a stem opens with */
static uint32_t stem_pairs[32]; /* bit b1 % 32 of word b0 % 32: a stem opens with b0, b1 */
static unsigned char stems_from[33]; /* month_stems in order: those whose first byte % 32 is b, from stems_from[b] */
static unsigned char particle_firsts[256]; /* 1 at each byte a name's particle opens with (every byte: an empty one) */
static pthread_once_t month_stems_once = PTHREAD_ONCE_INIT; /* and the word lists before */

static void make_month_stems(void)
{
    /* the weekdays with their ending or not: one ending row (more, and
       the words before the day are not filtered) */
    add_day_words(&weekday_words, pk_weekday, pk_n_weekday, pk_weekday_ending[0]);
    weekday_words.all |= pk_n_weekday_ending != 1;
    add_day_words(&den_words, pk_day_article, pk_n_day_article, "");
    add_day_words(&chair_titles, pk_chair_title, pk_n_chair_title, "");
    for (size_t i = 0; i < pk_n_name_particle; i++)
        if (pk_name_particle[i][0])
            particle_firsts[(unsigned char)pk_name_particle[i][0]] = 1;
        else
            memset(particle_firsts, 1, sizeof particle_firsts);
    const char *forms[MONTH_FORMS];
    for (size_t f = 0, nf = month_forms(forms); f < nf; f++) {
        const char *m = forms[f];
        uint32_t key = 0;
        if (strlen(m) < 3)
            month_stems_all = 1;
        for (size_t i = 0; m[i]; i++)
            month_stems_beyond |= (unsigned char)m[i] >= 0x80;
        for (size_t i = 0; i < 3 && m[i]; i++)
            key = key << 8 | (uint32_t)(unsigned char)m[i];
        size_t i = 0;
        while (i < n_month_stems && month_stems[i] != key)
            i++;
        if (i == n_month_stems && n_month_stems == sizeof month_stems / sizeof *month_stems)
            month_stems_all = 1;
        else if (i == n_month_stems)
            month_stems[n_month_stems++] = key;
        stem_firsts[key >> 16 & 0xFF] = 1;
        stem_pairs[key >> 16 & 31] |= (uint32_t)1 << (key >> 8 & 31);
        /* the first byte in either case; one beyond ASCII: every byte that
           opens a character beyond ASCII */
        unsigned char b = (unsigned char)m[0];
        month_initials[b] = 1;
        if (ascii_letter(b))
            month_initials[b ^ 0x20] = 1;
        else if (b >= 0x80)
            memset(month_initials + 0xC0, 1, 0x40);
    }
    /* the stems in order of their first byte % 32, and where each such
       byte's stems begin */
    for (size_t i = 1; i < n_month_stems; i++)
        for (size_t j = i; j > 0 && (month_stems[j - 1] >> 16 & 31) > (month_stems[j] >> 16 & 31); j--) {
            uint32_t t = month_stems[j];
            month_stems[j] = month_stems[j - 1];
            month_stems[j - 1] = t;
        }
    for (unsigned b = 0, i = 0; b <= 32; b++) {
        while (i < n_month_stems && (month_stems[i] >> 16 & 31) < b)
            i++;
        stems_from[b] = (unsigned char)i;
    }
#if defined(__SSE2__)
    /* the stems by their hash (stem_slots): the first multiplier of a
       fixed sequence under which no two share a slot */
    for (uint32_t t = 0; !month_stems_all && !stems_hashed && t < 4096; t++) {
        uint32_t mult = 0x9E3779B1u + 2 * t, slots[64] = {0};
        size_t i = 0;
        for (; i < n_month_stems; i++) {
            uint32_t key = month_stems[i], le = (key >> 16 & 0xFF) | (key & 0xFF00) | (key & 0xFF) << 16;
            uint32_t *slot = &slots[(le * mult) >> 26];
            if (*slot)
                break;
            *slot = le;
        }
        if (i == n_month_stems) {
            memcpy(stem_slots, slots, sizeof slots);
            stem_mult = mult;
            stems_hashed = 1;
        }
    }
#endif
}

/* The three bytes at k open a month's name, any case, as every name and
   short form of the months does. A character beyond ASCII matches an ASCII
   letter without case only when it is U+017F ("s") or U+212A ("k"): such
   a one is let through, any other is none of a month's letters (when
   the forms are all ASCII; else every character beyond ASCII is let through).
   Reads no byte past k + 3. */
static int month_stem(const char *s, size_t end, size_t k)
{
    /* (the stems are made by pk_match_compile, before any row runs) */
    uint32_t key = 0;
    if (k + 3 <= end && !(((unsigned char)s[k] | (unsigned char)s[k + 1] | (unsigned char)s[k + 2]) & 0x80)) {
        /* three ASCII bytes (the most often): at once */
        key = (uint32_t)((unsigned char)s[k] | 0x20) << 16 | (uint32_t)((unsigned char)s[k + 1] | 0x20) << 8 |
              (uint32_t)((unsigned char)s[k + 2] | 0x20);
    } else {
        for (size_t i = k; i < k + 3; i++) {
            if (i >= end)
                return 0;
            unsigned char b = (unsigned char)s[i];
            if (b >= 0x80)
                return month_stems_all || month_stems_beyond || caseless_ascii(s, end, i);
            key = key << 8 | (uint32_t)(b | 0x20);
        }
    }
    if (month_stems_all)
        return 1;
    if (!stem_firsts[key >> 16 & 0xFF] || !(stem_pairs[key >> 16 & 31] >> (key >> 8 & 31) & 1))
        return 0;
    for (size_t i = stems_from[key >> 16 & 31], e = stems_from[(key >> 16 & 31) + 1]; i < e; i++)
        if (key == month_stems[i])
            return 1;
    return 0;
}

/* RX_DATE_NAMED's places for the day at d (found so by named_places(),
   or by the scan as an anchor): where its match may open, at the day, or
   at the word before it, "den" or a weekday, or at the word before "den". */
static size_t day_places(const char *s, size_t d, size_t *at)
{
    size_t n = 0, q = d;
    while (q > 0 && rx_space((unsigned char)s[q - 1]))
        q--;
    if (q < d) {
        /* the word before the day; before "den", the word before it too */
        size_t w[MAX_STARTS], nw = 0, b = word_places(s, q, w, &nw);
        if (q - b == 3 && (s[b] | 0x20) == 'd' && (s[b + 1] | 0x20) == 'e' && (s[b + 2] | 0x20) == 'n') {
            size_t r = b, v[MAX_STARTS], nv = 0;
            while (r > 0 && rx_space((unsigned char)s[r - 1]))
                r--;
            if (r < b)
                word_places(s, r, v, &nv);
            for (size_t i = 0; i < nv; i++)
                if (day_word_at(&weekday_words, s, v[i], r))
                    at[n++] = v[i];
        }
        /* a place in the word before the day opens a weekday or "den" */
        for (size_t i = 0; i < nw; i++)
            if (day_word_at(&weekday_words, s, w[i], q) || day_word_at(&den_words, s, w[i], q))
                at[n++] = w[i];
    }
    at[n++] = d;
    return n;
}

/* RX_DATE_NAMED's places: a day (one or two digits after no digit, ":a"
   or ":e", white space, and the opening of a month's name, as
   month_stem() reads it), and where its match may open (day_places()). */
static size_t named_places(const char *s, size_t end, size_t *p, size_t *at)
{
    for (size_t d = *p; (d = next_digit(s, d, end)) < end; d++) {
        if (d > 0 && is_digit((unsigned char)s[d - 1]))
            continue;
        /* the run of digits: no day but one of one or two; when it is none,
           the search goes on after the run */
        size_t k = d + 1;
        while (k < end && is_digit((unsigned char)s[k]))
            k++;
        size_t run = k;
        if (k - d > 2) {
            d = run - 1;
            continue;
        }
        if (k + 1 < end && s[k] == ':' && ((s[k + 1] | 0x20) == 'a' || (s[k + 1] | 0x20) == 'e'))
            k += 2;
        if (k >= end || !rx_space((unsigned char)s[k])) {
            d = run - 1;
            continue;
        }
        while (k < end && rx_space((unsigned char)s[k]))
            k++;
        if (!month_stem(s, end, k)) {
            d = run - 1;
            continue;
        }
        *p = d + 1;
        return day_places(s, d, at);
    }
    *p = end;
    return 0;
}

/* RX_PARTICIPATE's places, given a cue: each match holds one at the
   opening of its first, second, third or fourth word (no word of the
   pattern holds a cue's spelling further in), so a cue after an ASCII
   letter is none. The cue opens the match, or words before it do, up to
   three, each of at most ten bytes ("föreslås") and white space after it;
   every character of such a word (of its last twelve bytes) that opens
   it after no ASCII letter is a place, and the cue. Ascending: a later
   cue's places before an earlier cue are places of that cue too. */
static size_t participate_starts(const char *s, size_t n, size_t cue, size_t *at)
{
    (void)n;
    if (cue > 0 && (unsigned)((s[cue - 1] | 0x20) - 'a') < 26)
        return 0;
    size_t k = 0, p = cue;
    at[k++] = cue;
    for (int w = 0; w < 3; w++) {
        size_t q = p;
        while (q > 0 && rx_space((unsigned char)s[q - 1]))
            q--;
        if (q == p)
            break;
        size_t lo = q > 12 ? q - 12 : 0, b = letters_back(s, q, lo);
        for (size_t r = q; r-- > b;)
            if (((unsigned char)s[r] & 0xC0) != 0x80 && !(r > 0 && (unsigned)((s[r - 1] | 0x20) - 'a') < 26))
                at[k++] = r;
        if (b == q || b == lo || !rx_space((unsigned char)(b > 0 ? s[b - 1] : 'x')))
            break;
        p = b;
    }
    for (size_t i = 0; i < k / 2; i++) {
        size_t t = at[i];
        at[i] = at[k - 1 - i];
        at[k - 1 - i] = t;
    }
    return k;
}

/* The formula rows (RX_FORMULA, RX_OPEN_FORMULA): a hundred alternatives
   that pcre2 tries at every word it passes. It is started at their first
   place instead, a word's start whose first bytes may open a row, and not
   at all in a range without one. (Compiled anchored and tried at each
   place, the pattern's JIT compilation crashes pcre2 10.42 when an
   allocation fails: tests/test_oom.) Each
   row's head is read from its pcre2 fragment once: its leading literal
   letters, folded as pk_fold_byte() folds (at most HEAD_MAX bytes, whole
   characters, none a quantifier makes optional), and whether white space
   (a "\s") follows them. A row whose fragment opens otherwise, or holds a
   '|' outside brackets, has no head, and then every word's start is a
   place. Eight bytes hold a whole verb ("beslutar", "justeras"): four
   let through every word a verb's first letters open ("Beslutet",
   "Förskolenämnden", "Justeras" at a range's end), and pcre2 was asked
   there in vain. */
#define HEAD_MAX 8
_Static_assert(HEAD_MAX <= 8, "a head's bytes after its first are compared in one uint64_t");
typedef struct formula_head {
    unsigned char b[HEAD_MAX];
    unsigned char n, ws;
    /* after the white space, when known: a bit for each ASCII byte
       (folded) the next word may open with */
    unsigned char has_next;
    uint8_t next[16];
} formula_head;
typedef struct formula_heads {
    formula_head h[256];
    /* each head's bytes after its first, byte i at bits 8(i - 1), and the
       mask of those it has: compared with eight bytes of ASCII text at once */
    uint64_t sig[256], mask[256];
    unsigned char lo[257]; /* heads opening with byte b: h[lo[b] .. lo[b + 1]) */
    uint8_t pair[256][32]; /* bit b1 of pair[b0]: a head may open with the bytes b0 b1 */
    /* 1: a place whose byte is b may be asked of head_at() (a byte beyond
       ASCII, or one whose folded byte opens a head) */
    uint8_t opens[256];
    int all;               /* some row has no head */
} formula_heads;

/* The first byte at or after q of a pcre2 fragment that stands outside
   its character classes and is no escape's, or its end (q itself outside
   any class). */
static const char *fragment_plain(const char *q)
{
    int cls = 0;
    for (; *q; q++) {
        if (*q == '\\' && q[1])
            q++;
        else if (cls)
            cls = *q != ']';
        else if (*q == '[')
            cls = 1;
        else
            break;
    }
    return q;
}

/* The first '|' of the pcre2 fragment q outside parentheses and brackets
   (and, when at_close, the first ')' that closes a group q stands in), or
   its end: escapes and character classes passed over. */
static const char *fragment_top(const char *q, int at_close)
{
    int depth = 0;
    for (q = fragment_plain(q); *q; q = fragment_plain(q + 1)) {
        if (*q == '(')
            depth++;
        else if (*q == ')') {
            if (depth == 0 && at_close)
                break;
            depth--;
        } else if (*q == '|' && depth == 0)
            break;
    }
    return q;
}

/* Whether the pcre2 fragment src holds a '|' outside parentheses and
   brackets: alternatives at its top, so no one word opens every match. */
int pk_fragment_alternates(const char *src) { return *fragment_top(src, 0) == '|'; }

/* The word after a head's white space, read from the fragment at q (what
   follows its "\s" and quantifier): an ASCII letter, or a group of
   alternatives ("(?:att|om)") each of which opens with one, none made
   optional, gives the bytes it may open with (folded) in h->next; any
   other leaves has_next 0 (any byte). */
static void head_next(const unsigned char *q, formula_head *h)
{
    uint8_t set[16] = {0};
    int group = q[0] == '(' && q[1] == '?' && q[2] == ':';
    const unsigned char *r = group ? q + 3 : q;
    for (;;) {
        if (!ascii_letter(r[0]) || r[1] == '?' || r[1] == '*' || r[1] == '{')
            return; /* no letter that every match holds there */
        unsigned char f = pk_fold_byte(r[0], 0);
        set[f / 8] = (uint8_t)(set[f / 8] | 1u << (f % 8));
        if (!group)
            break;
        /* to the alternative's end: its '|' or the group's ')' */
        r = (const unsigned char *)fragment_top((const char *)r, 1);
        if (*r == '|') {
            r++;
            continue;
        }
        if (*r != ')' || r[1] == '?' || r[1] == '*' || r[1] == '{')
            return; /* the group optional, or counted */
        break;
    }
    memcpy(h->next, set, sizeof set);
    h->has_next = 1;
}

/* The head of one fragment; 0 when it has none. */
static int fragment_head(const char *src, formula_head *h)
{
    const unsigned char *p = (const unsigned char *)src;
    if (pk_fragment_alternates(src))
        return 0;
    memset(h, 0, sizeof *h);
    for (;;) { /* (a head of HEAD_MAX bytes still reads the white space after it) */
        size_t len;
        int ws = 0;
        if (ascii_letter(p[0]))
            len = 1;
        else if (p[0] == 0xC3 && (p[1] & 0xC0) == 0x80)
            len = 2;
        else if (p[0] == '\\' && p[1] == 's')
            len = 2, ws = 1;
        else
            break;
        unsigned char next = p[len];
        if (next == '?' || next == '*' || next == '{')
            break; /* optional, or counted: no part of every match */
        if (ws) {
            h->ws = 1;
            const unsigned char *q = p + len + (next == '+');
            if (*q == '+' || *q == '?')
                q++; /* possessive, or lazy */
            head_next(q, h);
            break;
        }
        if (h->n + len > HEAD_MAX)
            break;
        for (size_t i = 0; i < len; i++)
            h->b[h->n + i] = pk_fold_byte(p[i], i ? p[i - 1] : 0);
        h->n = (unsigned char)(h->n + len);
        if (next == '+')
            break; /* repeated: what follows may be more of it */
        p += len;
    }
    return h->n > 0;
}

static void make_heads(formula_heads *fh, const formula_entry *rows, size_t nrows)
{
    formula_head tmp[256];
    size_t n = 0;
    if (nrows > 256) {
        fh->all = 1;
        return;
    }
    for (size_t i = 0; i < nrows && !fh->all; i++) {
        formula_head h;
        if (!fragment_head(rows[i].pattern, &h)) {
            fh->all = 1;
            break;
        }
        size_t j = 0;
        while (j < n && (tmp[j].b[0] != h.b[0] || memcmp(&tmp[j], &h, sizeof h) != 0))
            j++;
        if (j == n)
            tmp[n++] = h;
    }
    /* by first byte, in the rows' order within each (counted, then placed) */
    size_t count[257] = {0}, o[256];
    for (size_t j = 0; j < n; j++)
        count[tmp[j].b[0] + 1]++;
    for (unsigned b = 0; b < 256; b++) {
        count[b + 1] += count[b];
        fh->lo[b] = (unsigned char)count[b];
        o[b] = count[b];
    }
    fh->lo[256] = (unsigned char)n;
    for (unsigned b = 0; b < 256; b++) {
        unsigned char f0 = pk_fold_byte((unsigned char)b, 0);
        fh->opens[b] = b >= 0x80 || fh->lo[f0] != fh->lo[f0 + 1];
    }
    for (size_t j = 0; j < n; j++) {
        size_t k = o[tmp[j].b[0]]++;
        for (size_t i = 1; i < tmp[j].n; i++) {
            fh->sig[k] |= (uint64_t)tmp[j].b[i] << (8 * (i - 1));
            fh->mask[k] |= (uint64_t)0xFF << (8 * (i - 1));
        }
        fh->h[k] = tmp[j];
    }
    /* the second byte: the head's, or any white space or byte beyond ASCII
       after a head of one byte that white space follows, or any */
    for (size_t j = 0; j < n; j++) {
        uint8_t *pair = fh->pair[tmp[j].b[0]];
        if (tmp[j].n >= 2) {
            pair[tmp[j].b[1] / 8] = (uint8_t)(pair[tmp[j].b[1] / 8] | 1u << (tmp[j].b[1] % 8));
            continue;
        }
        for (unsigned b = 0; b < 256; b++)
            if (tmp[j].ws ? b >= 0x80 || rx_space((unsigned char)b) : 1)
                pair[b / 8] = (uint8_t)(pair[b / 8] | 1u << (b % 8));
    }
}

static formula_heads formula_rows_heads, open_rows_heads, verb_rows_heads, participate_rows_heads;
static pthread_once_t heads_once = PTHREAD_ONCE_INIT;

/* The heads of the phrases of RX_PART_VERB or RX_PARTICIPATE, each read
   from its alternative as the source writes it (build_phrase_pattern()):
   the pattern is the formula rows' shape ((?i), (?<![\p{L}]), the
   alternatives). RX_PART_VERB is started at their first place as the
   formula rows are; RX_PARTICIPATE is tried only at those of its places
   where one may open. Too many phrases, or one too long: no head. */
#define PHRASE_ROWS_MAX 64
static void make_phrase_heads(formula_heads *fh, const char *const *phrases, size_t n)
{
    formula_entry rows[PHRASE_ROWS_MAX];
    size_t need = 0;
    for (size_t i = 0; i < n; i++)
        need += 3 * strlen(phrases[i]) + 1; /* write_phrase's room */
    char *text = n <= PHRASE_ROWS_MAX ? pk_malloc(need ? need : 1) : NULL;
    if (!text) {
        fh->all = 1;
        return;
    }
    for (size_t i = 0, o = 0; i < n; i++) {
        rows[i].pattern = text + o;
        rows[i].kind = NULL;
        o += write_phrase(text + o, phrases[i]);
        text[o++] = 0;
    }
    make_heads(fh, rows, n);
    free(text);
}

static void make_all_heads(void)
{
    make_heads(&formula_rows_heads, pk_formulas, pk_n_formulas);
    make_heads(&open_rows_heads, pk_open_formulas, pk_n_open_formulas);
    make_phrase_heads(&verb_rows_heads, pk_participation_verb, pk_n_participation_verb);
    make_phrase_heads(&participate_rows_heads, pk_participation_phrase, pk_n_participation_phrase);
}

/* After the head h's bytes, at k (the text read up to end): may the rest
   of a match follow? White space when the head asks for it (a byte beyond
   ASCII lets it through), and after it a byte the next word may open with
   (any beyond ASCII, which may be a letter that matches one without
   case; the range's end, or white space that goes on and on, lets it
   through as well). */
static PK_ALWAYS_INLINE int after_head(const formula_head *h, const char *s, size_t end, size_t k)
{
    if (!h->ws)
        return 1;
    if (k >= end)
        return 0;
    unsigned char c = (unsigned char)s[k];
    if (c >= 0x80)
        return 1;
    if (!rx_space(c))
        return 0;
    if (!h->has_next)
        return 1;
    size_t lim = end - k > 64 ? k + 64 : end;
    while (k < lim && rx_space((unsigned char)s[k]))
        k++;
    if (k >= lim)
        return 1;
    c = pk_fold_byte((unsigned char)s[k], 0);
    return c >= 0x80 || (h->next[c / 8] >> (c % 8) & 1);
}

/* May a head of fh open at q (a character's start), the text read up to
   end? A byte beyond ASCII that is no letter of Latin-1 after its 0xC3
   may be a letter that matches a head's without case (U+017F "s", U+212A
   "k", U+212B "å"): it lets the place through. */
static inline int head_at(const formula_heads *fh, const char *s, size_t end, size_t q)
{
    unsigned char t0 = (unsigned char)s[q];
    if (t0 >= 0x80 && t0 != 0xC3)
        return 1;
    unsigned char f0 = pk_fold_byte(t0, 0);
    if (fh->lo[f0] == fh->lo[f0 + 1])
        return 0; /* no head opens so */
    if (q + 1 < end) {
        /* the first two bytes, where both are sure */
        unsigned char t1 = (unsigned char)s[q + 1];
        if ((t1 < 0x80 || t1 == 0xC3 || (t0 == 0xC3 && (t1 & 0xC0) == 0x80))) {
            unsigned char f1 = pk_fold_byte(t1, t0);
            if (!(fh->pair[f0][f1 / 8] >> (f1 % 8) & 1))
                return 0;
        }
    }
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    if (q + 8 <= end) {
        /* eight bytes of ASCII and Latin-1 letters (most places, in
           Swedish): folded at once as pk_fold_byte() folds each (A-Z to
           a-z, and after a lead byte 0xC3 the bytes 0x80..0x9E to their
           small letters), then each head's bytes after its first compared
           in one step */
        const uint64_t high = 0x8080808080808080u, low7 = 0x7F7F7F7F7F7F7F7Fu;
        uint64_t w;
        memcpy(&w, s + q, 8);
        uint64_t beyond = w & high, fold = 0;
        if (beyond) {
            /* every byte from 0x80 on a lead 0xC3 or the byte after one
               (a Latin-1 letter, or its half at the end of the eight): no
               byte that lets a place through below (the first is none) */
            uint64_t y = w ^ 0xC3C3C3C3C3C3C3C3u;
            uint64_t lead = ~(((y & low7) + low7) | y) & high, cont = w & ~(w << 1) & high;
            if ((lead | cont) != beyond || cont != (lead << 8 & high) || (lead << 8 & high & ~cont))
                goto bytewise;
            /* the capitals among the bytes after a lead: 0x80..0x9E (bit 5
               clear, and not 0x9F) */
            uint64_t z = w ^ 0x9F9F9F9F9F9F9F9Fu;
            fold = cont & ~(w << 2) & ~(~(((z & low7) + low7) | z) & high);
        }
        {
            /* bit 7 of (the low seven bits) + 0x3F: the byte is at least
               'A'; of + 0x25: past 'Z' (a byte from 0x80 on none) */
            uint64_t w7 = w & low7;
            uint64_t upper = (w7 + 0x3F3F3F3F3F3F3F3Fu) & ~(w7 + 0x2525252525252525u) & ~w & high;
            uint64_t t = (w | (upper | fold) >> 2) >> 8;
            for (size_t j = fh->lo[f0]; j < fh->lo[f0 + 1]; j++) {
                if ((t ^ fh->sig[j]) & fh->mask[j])
                    continue;
                const formula_head *h = &fh->h[j];
                if (after_head(h, s, end, q + h->n))
                    return 1;
            }
            return 0;
        }
    }
bytewise:
#endif
    for (size_t j = fh->lo[f0]; j < fh->lo[f0 + 1]; j++) {
        const formula_head *h = &fh->h[j];
        size_t i = 1;
        for (; i < h->n; i++) {
            if (q + i >= end)
                break;
            unsigned char t = (unsigned char)s[q + i], prev = (unsigned char)s[q + i - 1];
            if (t >= 0x80 && !(prev == 0xC3 && (t & 0xC0) == 0x80) && t != 0xC3)
                return 1;
            if (pk_fold_byte(t, prev) != h->b[i])
                break;
        }
        if (i < h->n)
            continue;
        if (after_head(h, s, end, q + i))
            return 1;
    }
    return 0;
}

/* A character's start at q (0 < q) after no ASCII letter and no Latin-1
   letter (as the rows' (?<![\p{L}]) asks) where a head of fh may open. */
static inline int head_place(const formula_heads *fh, const char *s, size_t end, size_t q)
{
    unsigned char b = (unsigned char)s[q], a = (unsigned char)s[q - 1];
    if ((b & 0xC0) == 0x80 || ascii_letter(a) || latin1_before(s, q))
        return 0;
    /* a byte that opens no head (an ASCII letter, the most of the words): no call */
    return fh->all || (fh->opens[b] && head_at(fh, s, end, q));
}

/* The places of the rows of fh in [*p, end), up to MAX_STARTS. */
static size_t head_places(const formula_heads *fh, const char *s, size_t end, size_t *p, size_t *at, size_t max)
{
    size_t k = 0, q = *p;
    if (q == 0 && q < end && ((unsigned char)s[0] & 0xC0) != 0x80 && (fh->all || head_at(fh, s, end, 0)))
        at[k++] = q;
    q += q == 0;
#if defined(__SSE2__)
    /* sixteen places at a time: only an ASCII letter or the first byte of
       a longer character after a byte that is no ASCII letter is looked
       at further */
    const __m128i x20 = _mm_set1_epi8(0x20), xa = _mm_set1_epi8('a'), x25 = _mm_set1_epi8(25);
    const __m128i xc0 = _mm_set1_epi8((char)0xC0); /* a continuation byte, 0x80..0xBF, is below it as a signed byte */
    while (q + 16 <= end && k < max) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + q - 1));
        __m128i t = _mm_sub_epi8(_mm_or_si128(v, x20), xa);
        __m128i w = _mm_loadu_si128((const __m128i *)(const void *)(s + q));
        __m128i u = _mm_sub_epi8(_mm_or_si128(w, x20), xa);
        unsigned after_letter = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_min_epu8(t, x25), t));
        unsigned letter = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_min_epu8(u, x25), u));
        unsigned lead = (unsigned)_mm_movemask_epi8(w) & ~(unsigned)_mm_movemask_epi8(_mm_cmplt_epi8(w, xc0));
        unsigned m = ~after_letter & (fh->all ? 0xFFFFu : letter | lead) & 0xFFFFu;
        size_t next = q + 16;
        if (!fh->all) {
            /* head_place()'s tests of each word's start, with no branch:
               no Latin-1 letter before it (an ASCII letter is none, and a
               continuation byte no start, by the masks) and a byte that
               may open a head; head_at() asked of the few left. The
               starts came as the words do, and each test went its own way */
            unsigned keep = 0;
            for (; m; m &= m - 1) {
                unsigned i = (unsigned)__builtin_ctz(m);
                size_t r = q + i;
                keep |= (unsigned)(fh->opens[(unsigned char)s[r]] & !latin1_before(s, r)) << i;
            }
            m = keep;
        }
        for (; m; m &= m - 1) {
            size_t r = q + (size_t)__builtin_ctz(m);
            if (fh->all ? head_place(fh, s, end, r) : head_at(fh, s, end, r)) {
                at[k++] = r;
                if (k == max) {
                    next = r + 1;
                    break;
                }
            }
        }
        q = next;
    }
#endif
    for (; q < end && k < max; q++)
        if (head_place(fh, s, end, q))
            at[k++] = q;
    *p = q;
    return k;
}

/* The first place of RX_FORMULA's rows at or after p, before end; end when none. */
static size_t formula_opens(const char *s, size_t p, size_t end)
{
    size_t at;
    return head_places(&formula_rows_heads, s, end, &p, &at, 1) ? at : end;
}

static size_t open_formula_opens(const char *s, size_t p, size_t end)
{
    size_t at;
    return head_places(&open_rows_heads, s, end, &p, &at, 1) ? at : end;
}

static size_t verb_opens(const char *s, size_t p, size_t end)
{
    size_t at;
    return head_places(&verb_rows_heads, s, end, &p, &at, 1) ? at : end;
}

/* A place of RX_PARTICIPATE where one of its phrases' heads may open (the
   text read to its end: a match holds its head whole). */
static int participate_head(const char *s, size_t n, size_t at)
{
    return participate_rows_heads.all || head_at(&participate_rows_heads, s, n, at);
}

/* A name (NAME_HEAD) may open at j: a capital and, when it is one of
   A-Z, small letters, then a '-', or a space or a line break that a
   capital or the first byte of a particle (pattern_words.tsv's
   name_particle rows) follows, as a name of two words at least has them.
   A byte beyond ASCII, where the name may read one, lets it through. */
static int name_may_open(const char *s, size_t n, size_t j)
{
    if (j >= n)
        return 0;
    unsigned char b = (unsigned char)s[j];
    if (b >= 0x80)
        return 1;
    if (b < 'A' || b > 'Z')
        return 0;
    size_t k = j + 1;
    while (k < n && s[k] >= 'a' && s[k] <= 'z')
        k++;
    if (k >= n)
        return 0;
    b = (unsigned char)s[k];
    if (b >= 0x80)
        return 1;
    if (k == j + 1 || (b != '-' && b != ' ' && b != '\n'))
        return 0;
    if (b == '-')
        return 1;
    b = k + 1 < n ? (unsigned char)s[k + 1] : 0;
    return (b >= 'A' && b <= 'Z') || b >= 0x80 || particle_firsts[b];
}

/* After RX_CHAIR's role word at the cue (one of cue_chair's spellings,
   whose bytes the word's match takes, title or none): "n" or not, ':' or
   not, white space, and the name's first letter, upper-case (A-Z, or a
   character beyond ASCII). 0 when no way holds: no place of the cue opens
   a match. */
static int chair_name_follows(const char *s, size_t n, size_t cue)
{
    size_t len = 0;
    for (size_t i = 0; cue_chair[i] && !len; i++) {
        size_t l = strlen(cue_chair[i]);
        if (cue + l <= n && memcmp(s + cue, cue_chair[i], l) == 0)
            len = l;
    }
    if (!len)
        return 1;
    size_t e = cue + len;
    for (size_t k = e; k <= e + 1 && k <= n; k++) {
        if (k > e && (s[e] | 0x20) != 'n')
            break;
        size_t j = k;
        if (j < n && s[j] == ':')
            j++;
        if (j >= n || !rx_space((unsigned char)s[j]))
            continue;
        while (j < n && rx_space((unsigned char)s[j]))
            j++;
        if (name_may_open(s, n, j))
            return 1;
    }
    return 0;
}

/* RX_CHAIR's places, given a cue (its role word, "ordförande" in one of
   the cue's spellings): the role word, or the title before it across
   white space, one of pk_chair_title, which ends where that white space
   begins and takes one of chair_titles.lens in bytes. Of those openings
   each that follows no ASCII letter and where the text to the white space
   may be a title (may_be_day_word()) is a place, and the cue; none when
   no name can follow the role word. */
static size_t chair_starts(const char *s, size_t n, size_t cue, size_t *at)
{
    if (!chair_name_follows(s, n, cue))
        return 0;
    size_t k = 0, q = cue;
    while (q > 0 && rx_space((unsigned char)s[q - 1]))
        q--;
    if (q < cue && chair_titles.all) {
        /* no bound on the titles: every place before the white space */
        for (size_t p = q > MAX_STARTS - 1 ? q - (MAX_STARTS - 1) : 0; p < q; p++)
            if (((unsigned char)s[p] & 0xC0) != 0x80)
                at[k++] = p;
    } else if (q < cue) {
        for (size_t i = 0; i < chair_titles.nlen; i++) {
            size_t len = chair_titles.len[i];
            if (q < len)
                continue;
            size_t p = q - len;
            unsigned char b = (unsigned char)s[p];
            if (chair_titles.opens[b] && !(p > 0 && ascii_letter((unsigned char)s[p - 1])) && may_be_day_word(&chair_titles, s, p, q))
                at[k++] = p;
        }
    }
    at[k++] = cue;
    return k;
}

/* The start of the run of word bytes that ends at p, no earlier than lo:
   a byte of a word as the windows' openings see it is an ASCII letter,
   '-', or any byte of a non-ASCII character (taken for a letter: stepping
   back over too much only opens the window earlier). */
static size_t run_back(const char *s, size_t p, size_t lo)
{
    unsigned high = 0;
    return back_over(s, p, lo, 1, &high);
}

/* RX_ADMIN: the cue's word and the one word before it, across one space
   or line break, are all a match can hold before the cue. */
static size_t admin_opens(const char *s, size_t at, size_t lo)
{
    size_t p = run_back(s, at, lo);
    if (p > lo && (s[p - 1] == ' ' || s[p - 1] == '\n'))
        p = run_back(s, p - 1, lo);
    return p;
}

/* RX_MUNICIPALITY: the town's name, white space, then the cue's word. */
static size_t town_opens(const char *s, size_t at, size_t lo)
{
    size_t p = run_back(s, at, lo);
    while (p > lo && (s[p - 1] == ' ' || (unsigned)(s[p - 1] - '\t') < 5))
        p--;
    return run_back(s, p, lo);
}

/* RX_MUNICIPALITY: a match opens with the town's capital (A-Z, or a
   character from U+00C0 on, whose first byte is 0xC3 or more, as the
   pattern's lookahead says): one such byte in [lo, hi) at least. Sixteen
   bytes at a time where SSE2 is (a byte from 0xC3 on is one from -61 to
   -1 as a signed byte). */
static int town_may(const char *s, size_t lo, size_t hi)
{
    size_t p = lo;
#if defined(__SSE2__)
    const __m128i at = _mm_set1_epi8('A' - 1), z = _mm_set1_epi8('Z' + 1), c2 = _mm_set1_epi8((char)0xC2),
                  zero = _mm_setzero_si128();
    for (; p + 16 <= hi; p += 16) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(s + p));
        __m128i cap = _mm_or_si128(_mm_and_si128(_mm_cmpgt_epi8(x, at), _mm_cmplt_epi8(x, z)),
                                   _mm_and_si128(_mm_cmpgt_epi8(x, c2), _mm_cmplt_epi8(x, zero)));
        if (_mm_movemask_epi8(cap))
            return 1;
    }
#endif
    for (; p < hi; p++)
        if ((s[p] >= 'A' && s[p] <= 'Z') || (unsigned char)s[p] >= 0xC3)
            return 1;
    return 0;
}

/* RX_AWARD: before the cue's word a match holds at most two words, each
   followed by white space ("stockholms stads kvalitetspris"). */
static size_t award_opens(const char *s, size_t at, size_t lo)
{
    size_t p = at;
    for (int w = 0; w < 2; w++) {
        size_t q = p;
        while (q > lo && rx_space((unsigned char)s[q - 1]))
            q--;
        size_t b = run_back(s, q, lo);
        if (q == p || b == q)
            break;
        p = b;
    }
    return p;
}

/* RX_PARAGRAPH: a match opens a line (its "^" under (?m)): no earlier than
   the start of the cue's line. */
static size_t line_opens(const char *s, size_t at, size_t lo)
{
    const char *nl = at > lo ? memrchr(s + lo, '\n', at - lo) : NULL;
    return nl ? (size_t)(nl - s) + 1 : lo;
}

/* One of the n words of w, the text [p, p + len)? */
static int one_of(const char *s, size_t p, size_t len, const char *const *w, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strlen(w[i]) == len && memcmp(s + p, w[i], len) == 0)
            return 1;
    return 0;
}

/* RX_BODY: before the body's word a match holds words joined by ", " or
   one space or line break, each word before the last one a word that ends
   in '-' ("Bygg-", "teknik-"), one that joins them or stands before the
   noun (pattern_words.tsv: body_joint, "och", "samt"; body_genitive,
   "stads"), or the first word; the walk goes back word by word while the
   word it stands on allows one more before it. */
static size_t body_opens(const char *s, size_t at, size_t lo)
{
    size_t p = run_back(s, at, lo);
    for (;;) {
        size_t q = p;
        if (q > lo && (s[q - 1] == ' ' || s[q - 1] == '\n'))
            q--;
        else
            return p;
        if (q > lo && s[q - 1] == ',')
            q--;
        size_t w = run_back(s, q, lo);
        if (w == q)
            return p;
        p = w;
        size_t len = q - w;
        if (!(s[q - 1] == '-' || one_of(s, w, len, pk_body_joint, pk_n_body_joint) ||
              one_of(s, w, len, pk_body_genitive, pk_n_body_genitive)))
            return p;
    }
}

/* The cues of RX_BODY and RX_ADMIN, from their nouns (make_noun_cues(),
   before the scan is made): each noun that holds no other at its start,
   as written, with its first letter in upper case, and all in upper
   case. */
#define NOUN_CUES_MAX 64
typedef struct noun_cues {
    const char *cue[3 * NOUN_CUES_MAX + 1];
    char text[3 * NOUN_CUES_MAX][40];
} noun_cues;
static noun_cues body_cues, admin_cues;
static int noun_cues_bad; /* too many nouns, or one too long */
static pthread_once_t noun_cues_once = PTHREAD_ONCE_INIT;

static void make_cues_of(noun_cues *nc, const char *const *words, size_t nw)
{
    size_t k = 0;
    for (size_t i = 0; i < nw; i++) {
        const char *w = words[i];
        size_t len = strlen(w);
        int holds = 0;
        for (size_t j = 0; j < nw && !holds; j++)
            holds = j != i && strlen(words[j]) < len && strncmp(w, words[j], strlen(words[j])) == 0;
        if (holds)
            continue;
        if (k == NOUN_CUES_MAX || len >= sizeof nc->text[0]) {
            noun_cues_bad = 1;
            return;
        }
        char *as = nc->text[3 * k], *first = nc->text[3 * k + 1], *all = nc->text[3 * k + 2];
        memcpy(as, w, len + 1);
        memcpy(first, w, len + 1);
        memcpy(all, w, len + 1);
        upper_char(first, w);
        for (size_t o = 0; o < len;)
            o += upper_char(all + o, w + o);
        for (int c = 0; c < 3; c++)
            nc->cue[3 * k + (size_t)c] = nc->text[3 * k + (size_t)c];
        k++;
    }
}

static void make_noun_cues(void)
{
    make_cues_of(&body_cues, pk_body_noun, pk_n_body_noun);
    make_cues_of(&admin_cues, pk_admin_noun, pk_n_admin_noun);
}

/* RX_PARTICIPATE's cues: the openings of verbs its phrases mark in
   brackets (pattern_words.tsv's participation_phrase rows: "[delt]a"),
   each once, in the order they come first (make_participate_cues(),
   before the scan is made): every match holds one (none may have "s" or
   "k", whose (?i) spellings reach beyond ASCII) */
#define PHRASE_CUES_MAX 16
static struct {
    const char *cue[PHRASE_CUES_MAX + 1];
    char text[PHRASE_CUES_MAX][16];
    int bad; /* too many, one too long or empty, a bracket left open, or one with "s" or "k" */
} participate_cues;
static pthread_once_t participate_cues_once = PTHREAD_ONCE_INIT;

static void make_participate_cues(void)
{
    int k = marked_words(pk_participation_phrase, pk_n_participation_phrase, &participate_cues.text[0][0],
                         sizeof participate_cues.text[0], participate_cues.cue, PHRASE_CUES_MAX, "sk");
    participate_cues.bad = k <= 0;
}

static int regnum_may(const char *s, size_t end, size_t p);

static const pattern patterns[RX_COUNT] = {
    [RX_REGNUM_LABELED] = {NULL /* built from pattern_words.tsv's regnum_label rows */, label_cues.cue, 0, 0, NULL, labeled_starts},
    [RX_REGNUM] = {src_regnum, cue_regnum, 24, 48, digit_group_then_separator, regnum_starts, .may = regnum_may},
    /* a line may break after a separator: "2023-03-\n22"; or the compact
       "Kapacitetsplan 20190327" (the second branch, its separator empty) */
    [RX_DATE_ISO] = {src_date_iso, cue_date_iso, 0, 0, date_digit, iso_starts},
    [RX_DATE_SLASH] = {src_date_slash, cue_date_slash, 0, 0, NULL, slash_starts},
    /* "(24/11)", or a day/month after a word of pattern_words.tsv's
       slash_date_lead rows ("den", "senast", "t.o.m.", "fr.o.m.") */
    [RX_DATE_PAREN] = {NULL /* built from pattern_words.tsv's slash_date_lead rows */, NULL, 0, 0, NULL, paren_starts, NULL,
                      RX_DATE_SLASH},
    [RX_DATE_NAMED] = {src_date_named, cue_date_named, 64, 96, digit_then_letter, NULL,
                      named_places, .anchors = PK_CUE_DAYS, .anchor_places = day_places},
    [RX_FORMULA] = {NULL /* built from pk_formulas */, NULL, 0, 0, NULL, .first = formula_opens, .each = 1},
    [RX_OPEN_FORMULA] = {NULL /* built from pk_open_formulas */, NULL, 0, 0, NULL, .first = open_formula_opens},
    /* "Bygg- och miljönämnden", "Äldre samt vård- och omsorgsnämnden",
       "Stadsmiljö-, teknik- och fastighetsnämnden", "Östermalms stadsdelsnämnd" */
    /* (In RX_BODY and RX_ADMIN the body's or the administration's word is
       read whole, then its ending tested looking back: first its last
       letter, then the endings; a word that cannot end so costs no
       backtracking over its letters. Runs of letters are possessive where
       what follows them is no letter.) */
    [RX_BODY] = {NULL /* built from pattern_words.tsv's body_noun rows */, body_cues.cue, 128, 48, pk_word_ends_soon, .opens = body_opens},
    [RX_ADMIN] = {NULL /* built from pattern_words.tsv's admin_noun rows */, admin_cues.cue, 128, 48, pk_word_ends_soon, .opens = admin_opens},
    [RX_PARAGRAPH] = {src_paragraph, cue_paragraph, 256, 16, NULL, .opens = line_opens},
    [RX_AWARD] = {src_award, cue_award, 64, 48, NULL, .folded = 1, .opens = award_opens},
    [RX_AWARD_YEAR] = {src_award_year, cue_award_year, 160, 64, NULL, .folded = 1},
    [RX_CHAIR] = {src_chair, cue_chair, 0, 0, NULL, chair_starts},
    [RX_NAME] = {NULL /* built from pattern_words.tsv's name_particle rows */, NULL, 0, 0, NULL},
    [RX_PARTICIPATE] = {NULL /* built from pattern_words.tsv's participation_phrase rows */, participate_cues.cue, 0, 0, NULL,
                        participate_starts, .folded = 1, .may = participate_head},
    [RX_PART_VERB] = {NULL /* built from pattern_words.tsv's participation_verb rows */, NULL, 0, 0, NULL, .first = verb_opens},
    [RX_INOM] = {src_inom, cue_inom, 0, 16, NULL},
    [RX_CLASS] = {src_class, cue_class, 16, 96, NULL, .folded = 1},
    /* a municipality by name: "Göteborgs Stad", "SOLNA STAD", "Nacka kommun";
       opened by a lookahead true of every upper-case letter (none lies
       below U+00C0 but A-Z), which gives pcre2 a table of the bytes a
       match can open with, and possessive where a space
       or '-' must follow the letters */
    [RX_MUNICIPALITY] = {src_municipality, cue_municipality, 96, 16, pk_word_ends_soon, .opens = town_opens,
                         .may_open = town_may},
};

/* The stand-ins of lib/data/regnum_shapes.tsv. */
static const struct {
    char key;
    const char *rx;
} regnum_standins[] = {
    {'P', "\\p{L}{1,6}"},
    {'S', "(?:[ ]?[-–/][ ]?\\n?|[ \\n])"},
    {'Y', "(?:19[5-9]\\d|20[0-3]\\d)"},
    {'N', "\\d{1,6}"},
    {'D', "[-–]\\n?"},
    {'E', "(?![\\d/]|[-–.:]\\d)"},
};

/* One shape's fragment with its stand-ins written out, at out (room for
   need bytes: 16 a byte of the shape is enough); its length. */
static size_t expand_shape(const char *shape, char *out, size_t need)
{
    size_t o = 0;
    for (const char *q = shape; *q && o + 1 < need; q++) {
        size_t k = 0, nk = sizeof regnum_standins / sizeof *regnum_standins;
        while (*q == '%' && k < nk && regnum_standins[k].key != q[1])
            k++;
        if (*q == '%' && k < nk) {
            o += (size_t)snprintf(out + o, need - o, "%s", regnum_standins[k].rx);
            q++;
        } else {
            out[o++] = *q;
        }
    }
    out[o < need ? o : need - 1] = 0;
    return o;
}

/* The shapes' openings, read from their fragments once (stand-ins
   written out), so that regnum_starts() refuses a place no shape can open
   at before pcre2 is asked. A shape that opens with a counted run of
   letters (\p{L} or \p{Lu}, at most m of them) or of digits (\d, at most
   m), where what follows the run in the fragment cannot open with a letter
   (a digit), takes no more than m of them; a place where m + 1 sure
   letters (digits) stand cannot open a match of it. The most of all the
   shapes that open so is the bound; a shape that opens otherwise (or
   whose run what follows might go on) leaves both unbounded. */

/* The character encoded at *q (UTF-8, as the sources are), *q moved past it. */
static uint32_t source_char(const char **q)
{
    const unsigned char *u = (const unsigned char *)*q;
    uint32_t cp = u[0];
    size_t len = 1;
    if (u[0] >= 0xF0 && u[1] && u[2] && u[3])
        cp = (uint32_t)(u[0] & 7) << 18 | (uint32_t)(u[1] & 63) << 12 | (uint32_t)(u[2] & 63) << 6 | (u[3] & 63), len = 4;
    else if (u[0] >= 0xE0 && u[1] && u[2])
        cp = (uint32_t)(u[0] & 15) << 12 | (uint32_t)(u[1] & 63) << 6 | (u[2] & 63), len = 3;
    else if (u[0] >= 0xC0 && u[1])
        cp = (uint32_t)(u[0] & 31) << 6 | (u[1] & 63), len = 2;
    *q += len;
    return cp;
}

/* May a character of [lo, hi] be a letter (kind OPEN_LETTER: an ASCII
   letter, or any beyond ASCII but the general punctuation U+2000..U+206F),
   or a digit (OPEN_DIGIT: ASCII, as \d is without UCP)? */
static int range_may(int kind, uint32_t lo, uint32_t hi)
{
    if (kind == OPEN_DIGIT)
        return lo <= '9' && hi >= '0';
    if ((lo <= 'Z' && hi >= 'A') || (lo <= 'z' && hi >= 'a'))
        return 1;
    if (hi < 0x80)
        return 0;
    lo = lo < 0x80 ? 0x80 : lo;
    return lo < 0x2000 || hi > 0x206F;
}

/* An escape at q ("\x"): what it matches, as a range; 0 when it is none
   known here (a class of its own: \d, \p, \s, ...). \d gives '0'..'9'. */
static int escape_range(const char *q, uint32_t *lo, uint32_t *hi)
{
    char e = q[1];
    if (e == 'd') {
        *lo = '0', *hi = '9';
        return 1;
    }
    if (e == 'n' || e == 't' || e == 'r') {
        *lo = *hi = e == 'n' ? '\n' : e == 't' ? '\t' : '\r';
        return 1;
    }
    if (e && !((e | 0x20) >= 'a' && (e | 0x20) <= 'z') && !(e >= '0' && e <= '9') && (unsigned char)e < 0x80) {
        *lo = *hi = (uint32_t)(unsigned char)e; /* an escaped sign: itself */
        return 1;
    }
    return 0;
}

static int seq_may(int kind, const char **q);

/* One item at *q (*q moved past it, and past its quantifier): may it open
   with a letter (a digit)? *nullable: it may match nothing. -1 when the
   item is none read here (the caller takes that for "may"). */
static int item_may(int kind, const char **q, int *nullable)
{
    const char *p = *q;
    int may;
    uint32_t lo, hi;
    if (*p == '\\') {
        if (!escape_range(p, &lo, &hi))
            return -1;
        may = range_may(kind, lo, hi);
        p += 2;
    } else if (*p == '[') {
        p++;
        if (*p == '^' || *p == ']')
            return -1;
        may = 0;
        while (*p && *p != ']') {
            if (*p == '\\') {
                if (!escape_range(p, &lo, &hi))
                    return -1;
                p += 2;
            } else {
                lo = hi = source_char(&p);
            }
            if (*p == '-' && p[1] && p[1] != ']') {
                p++;
                if (*p == '\\' || *p == '[')
                    return -1;
                hi = source_char(&p);
            }
            may |= range_may(kind, lo, hi);
        }
        if (*p != ']')
            return -1;
        p++;
    } else if (p[0] == '(' && p[1] == '?' && p[2] == ':') {
        p += 3;
        may = 0;
        for (;;) {
            int m = seq_may(kind, &p);
            if (m < 0)
                return -1;
            may |= m;
            if (*p == '|')
                p++;
            else if (*p == ')')
                break;
            else
                return -1;
        }
        p++;
    } else if (*p && !strchr("()|.^$?*+{}", *p)) {
        lo = hi = source_char(&p);
        may = range_may(kind, lo, hi);
    } else {
        return -1;
    }
    *nullable = 0;
    if (*p == '?' || *p == '*' || (p[0] == '{' && p[1] == '0'))
        *nullable = 1;
    if (*p == '?' || *p == '*' || *p == '+')
        p++;
    else if (*p == '{') {
        while (*p && *p != '}')
            p++;
        if (!*p)
            return -1;
        p++;
    }
    if (*p == '?' || *p == '+')
        p++; /* lazy or possessive */
    *q = p;
    return may;
}

/* A sequence of items at *q up to its '|' or ')' (or the end): may it
   open with a letter (a digit)? An empty sequence may (what follows it is
   not read); -1 when an item is none read here. */
static int seq_may(int kind, const char **q)
{
    while (**q && **q != '|' && **q != ')') {
        int nullable, m = item_may(kind, q, &nullable);
        if (m < 0)
            return -1;
        if (m)
            return 1;
        if (!nullable) {
            /* the rest of the sequence is not read: step over it */
            int depth = 0, cls = 0;
            for (; **q && (cls || depth || (**q != '|' && **q != ')')); (*q)++) {
                if (**q == '\\' && (*q)[1])
                    (*q)++;
                else if (cls)
                    cls = **q != ']';
                else if (**q == '[')
                    cls = 1;
                else if (**q == '(')
                    depth++;
                else if (**q == ')')
                    depth--;
            }
            return 0;
        }
    }
    return 1;
}

static void make_regnum_lead(void)
{
    size_t lead[2] = {0, 0};
    for (size_t i = 0; i < pk_n_regnum_shapes; i++) {
        size_t need = strlen(pk_regnum_shapes[i].shape) * 16 + 1;
        char *e = pk_malloc(need);
        if (!e)
            return; /* no bound */
        expand_shape(pk_regnum_shapes[i].shape, e, need);
        const char *p = e;
        int kind = -1;
        if (strncmp(p, "\\p{L}", 5) == 0)
            kind = OPEN_LETTER, p += 5;
        else if (strncmp(p, "\\p{Lu}", 6) == 0)
            kind = OPEN_LETTER, p += 6;
        else if (strncmp(p, "\\d", 2) == 0)
            kind = OPEN_DIGIT, p += 2;
        size_t most = 1;
        if (kind >= 0 && *p == '{') {
            /* {m} or {a,m} */
            char *end;
            most = (size_t)strtoul(p + 1, &end, 10);
            if (*end == ',')
                most = end[1] >= '0' && end[1] <= '9' ? (size_t)strtoul(end + 1, &end, 10) : 0;
            p = *end == '}' && most > 0 ? end + 1 : NULL;
            if (p && *p == '+')
                p++; /* possessive: still no more than most */
        } else if (kind >= 0 && *p && strchr("?*+", *p)) {
            p = NULL;
        }
        const char *rest = p;
        int may = kind >= 0 && p ? seq_may(kind, &rest) : -1;
        free(e);
        if (may != 0)
            return; /* a shape that opens otherwise: no bound */
        lead[kind] = most > lead[kind] ? most : lead[kind];
    }
    regnum_lead[OPEN_LETTER] = lead[OPEN_LETTER];
    regnum_lead[OPEN_DIGIT] = lead[OPEN_DIGIT];
}

/* A necessary test of RX_REGNUM at a place, read from the shapes once
   (make_regnum_chains(), stand-ins written out): what each shape asks from
   its first digit group on, as a chain of steps on the text. A shape's
   items before that group match no ASCII digit (letters, separators), so
   the group is the first digit at or after the place; from there the
   chain asks the runs of digits, the separators between them and what the
   shape's end refuses, each as pcre2 would (a run of \d of any digits, a
   class of the bytes and characters it names, a negative lookahead of such
   classes, an optional group both ways), and takes whatever follows the
   first item it does not read for a match. A place where no shape's chain
   holds is one where pcre2 finds no match: it is not asked. */
/* The steps: STEP_DIGITS, lo to hi digits (any: a superset of the
   digits a class or group of them names); STEP_CHAR, one character of a
   class; STEP_OPT, one or none; STEP_NOT, a negative lookahead, its
   alternatives following it up to skip, each a STEP_ALT and its lo
   STEP_CHARs; STEP_GROUP, an optional group: its steps follow it up to
   skip, tried, and then skipped. The steps are tried both ways wherever
   pcre2 could go either way, so a chain holds wherever the shape matches
   (the costs bounded by the chain, not by the text). */
enum { STEP_DIGITS, STEP_CHAR, STEP_OPT, STEP_NOT, STEP_ALT, STEP_GROUP };
#define CHAIN_MAX 48
typedef struct {
    unsigned char kind;
    unsigned char whole; /* STEP_DIGITS: the step after it refuses a digit, so the run is taken whole */
    size_t lo, hi;      /* STEP_DIGITS: how many (hi SIZE_MAX: no bound); STEP_ALT: its steps */
    size_t skip;        /* STEP_NOT, STEP_GROUP: the step after its own */
    uint8_t set[16];    /* STEP_CHAR, STEP_OPT: the ASCII bytes of the class */
    uint32_t wide[4];   /* and its characters beyond ASCII (0: none) */
} chain_step;
typedef struct {
    chain_step t[CHAIN_MAX];
    size_t n;
    int digit_first; /* the chain opens the shape: the place is its first digit */
    int letter_first; /* the shape opens with a letter: never at a digit */
} regnum_chain;
static regnum_chain *regnum_chains; /* one a shape; NULL: no test */
/* The shapes (a bit each) whose first step admits a run of that many
   digits (the last: that many or more), those whose step after it admits
   the byte after the run, and those that may open at a digit or at
   another byte: one look at the run narrows the chains to ask. */
#define RUN_MAX 16
static uint32_t chains_by_run[RUN_MAX + 1], chains_by_next[256], chains_by_open[2];
static pthread_once_t regnum_chains_once = PTHREAD_ONCE_INIT;

/* One character of a class at *q (an escape, or a character of the
   source), as a range; 0 when it is none read here. */
static int class_char(const char **q, uint32_t *lo, uint32_t *hi)
{
    if (**q == '\\') {
        if (!escape_range(*q, lo, hi))
            return 0;
        *q += 2;
        return 1;
    }
    if (!**q)
        return 0;
    *lo = *hi = source_char(q);
    return 1;
}

/* Adds [lo, hi] to the step's class: 0 when it cannot hold it (a range
   beyond ASCII, or too many characters). */
static int class_add(chain_step *t, uint32_t lo, uint32_t hi)
{
    if (hi < 0x80) {
        for (uint32_t c = lo; c <= hi; c++)
            t->set[c / 8] = (uint8_t)(t->set[c / 8] | 1u << (c % 8));
        return 1;
    }
    if (lo != hi)
        return 0;
    for (size_t k = 0; k < 4; k++)
        if (!t->wide[k]) {
            t->wide[k] = lo;
            return 1;
        }
    return 0;
}

/* One atom at *q that matches one character (an escape, a class or a
   character of the source) into the step's class; 0 when it is none read
   here (\p, a negated class, a group, ...). */
static int atom_class(const char **q, chain_step *t)
{
    uint32_t lo, hi;
    const char *p = *q;
    memset(t->set, 0, sizeof t->set);
    memset(t->wide, 0, sizeof t->wide);
    if (*p == '[') {
        p++;
        if (*p == '^' || *p == ']')
            return 0;
        while (*p && *p != ']') {
            if (*p == '[' || !class_char(&p, &lo, &hi))
                return 0; /* a POSIX class, or none read here */
            if (*p == '-' && p[1] && p[1] != ']') {
                p++;
                uint32_t l2, h2;
                if (*p == '[' || !class_char(&p, &l2, &h2) || l2 != h2)
                    return 0;
                hi = h2;
            }
            if (!class_add(t, lo, hi))
                return 0;
        }
        if (*p != ']')
            return 0;
        *q = p + 1;
        return 1;
    }
    if (*p == '\\' || (*p && !strchr("()|.^$?*+{}[", *p))) {
        if (!class_char(&p, &lo, &hi) || !class_add(t, lo, hi))
            return 0;
        *q = p;
        return 1;
    }
    return 0;
}

/* The quantifier at *q (moved past it, and past a lazy or possessive
   sign): its bounds; 0 when it is none read here. */
static int quantifier(const char **q, size_t *lo, size_t *hi)
{
    const char *p = *q;
    *lo = *hi = 1;
    if (*p == '?')
        *lo = 0, p++;
    else if (*p == '*')
        *lo = 0, *hi = SIZE_MAX, p++;
    else if (*p == '+')
        *hi = SIZE_MAX, p++;
    else if (*p == '{') {
        char *e;
        if (!is_digit((unsigned char)p[1]))
            return 0;
        *lo = *hi = (size_t)strtoul(p + 1, &e, 10);
        if (*e == ',')
            *hi = is_digit((unsigned char)e[1]) ? (size_t)strtoul(e + 1, &e, 10) : SIZE_MAX;
        if (*e != '}' || *hi < *lo)
            return 0;
        p = e + 1;
    }
    if (*p == '?' || *p == '+')
        p++;
    *q = p;
    return 1;
}

static int class_digits_only(const chain_step *t)
{
    if (t->wide[0])
        return 0;
    for (unsigned k = 0; k < 16; k++) {
        /* the bits of '0'..'9' in byte k of the set */
        unsigned digits = k == '0' / 8 ? 0xFFu << ('0' % 8) & 0xFF : k == '9' / 8 ? 0xFFu >> (7 - '9' % 8) : 0;
        if (t->set[k] & ~digits)
            return 0;
    }
    return 1;
}

static int class_all_digits(const chain_step *t)
{
    for (unsigned c = '0'; c <= '9'; c++)
        if (!(t->set[c / 8] >> (c % 8) & 1))
            return 0;
    return 1;
}

static int class_has_digit(const chain_step *t)
{
    for (unsigned c = '0'; c <= '9'; c++)
        if (t->set[c / 8] >> (c % 8) & 1)
            return 1;
    return 0;
}

/* A group of alternatives at *q (after its "(?:") each of digits alone:
   the fewest and the most digits of them, *q after its ')'; 0 when it is
   none such. */
static int digit_group(const char **q, size_t *lo, size_t *hi)
{
    const char *p = *q;
    *lo = SIZE_MAX, *hi = 0;
    for (;;) {
        size_t a = 0, b = 0;
        while (*p && *p != '|' && *p != ')') {
            chain_step t;
            size_t l, h;
            if (!atom_class(&p, &t) || !class_digits_only(&t) || !quantifier(&p, &l, &h) || h == SIZE_MAX)
                return 0;
            a += l, b += h;
        }
        *lo = a < *lo ? a : *lo;
        *hi = b > *hi ? b : *hi;
        if (*p == ')')
            break;
        if (*p != '|')
            return 0;
        p++;
    }
    *q = p + 1;
    return *lo <= *hi;
}

static int chain_push(regnum_chain *c, const chain_step *t)
{
    if (c->n >= CHAIN_MAX)
        return 0;
    c->t[c->n++] = *t;
    return 1;
}

static int parse_chain(const char **q, regnum_chain *c, int inner);

/* One item at *q into the chain (*q moved past it): 0 when it is none
   read here, the chain left as it was. */
static int chain_item(const char **q, regnum_chain *c)
{
    const char *p = *q;
    size_t n0 = c->n, lo, hi;
    chain_step t;
    memset(&t, 0, sizeof t);
    if (p[0] == '(' && p[1] == '?' && p[2] == '!') {
        /* a negative lookahead of alternatives of single characters: exact */
        size_t at = c->n;
        t.kind = STEP_NOT;
        if (!chain_push(c, &t))
            return 0;
        p += 3;
        for (;;) {
            size_t alt = c->n;
            chain_step a;
            memset(&a, 0, sizeof a);
            a.kind = STEP_ALT;
            if (!chain_push(c, &a))
                goto none;
            while (*p && *p != '|' && *p != ')') {
                chain_step ch;
                memset(&ch, 0, sizeof ch);
                if (!atom_class(&p, &ch) || (*p && strchr("?*+{", *p)))
                    goto none;
                ch.kind = STEP_CHAR;
                if (!chain_push(c, &ch))
                    goto none;
            }
            c->t[alt].lo = c->n - alt - 1;
            if (*p == ')')
                break;
            if (*p != '|')
                goto none;
            p++;
        }
        c->t[at].skip = c->n;
        *q = p + 1;
        return 1;
    }
    if (p[0] == '(' && p[1] == '?' && p[2] == ':') {
        const char *g = p + 3;
        if (digit_group(&g, &lo, &hi)) {
            if (*g && strchr("?*+{", *g))
                return 0;
            t.kind = STEP_DIGITS, t.lo = lo, t.hi = hi;
            if (lo == 0 || !chain_push(c, &t))
                return 0;
            *q = g;
            return 1;
        }
        /* a group of one alternative, some times: its steps written out
           that many times, those beyond the fewest each optional (X{1,3}
           is X X? X?) */
        g = p + 3;
        regnum_chain *in = pk_malloc(sizeof *in);
        if (!in)
            return 0;
        in->n = 0;
        int ok = parse_chain(&g, in, 1) && *g == ')' && (g++, quantifier(&g, &lo, &hi)) && hi <= 8 && in->n > 0;
        for (size_t k = 0; ok && k < hi; k++) {
            size_t at = c->n;
            if (k >= lo) {
                t.kind = STEP_GROUP;
                ok = chain_push(c, &t);
            }
            for (size_t j = 0; ok && j < in->n; j++) {
                chain_step s = in->t[j];
                if (s.kind == STEP_NOT || s.kind == STEP_GROUP)
                    s.skip += c->n - j;
                ok = chain_push(c, &s);
            }
            if (ok && k >= lo)
                c->t[at].skip = c->n; /* the step after its own copy */
        }
        free(in);
        if (!ok)
            goto none;
        *q = g;
        return 1;
    }
    if (!atom_class(&p, &t) || !quantifier(&p, &lo, &hi))
        return 0;
    if (class_digits_only(&t) && lo >= 1)
        t.kind = STEP_DIGITS, t.lo = lo, t.hi = hi;
    else if (lo == 1 && hi == 1)
        t.kind = STEP_CHAR;
    else if (lo == 0 && hi == 1)
        t.kind = STEP_OPT;
    else
        return 0;
    if (!chain_push(c, &t))
        return 0;
    *q = p;
    return 1;
none:
    c->n = n0;
    return 0;
}

/* The items at *q into the chain up to the first it does not read (the
   end, or with inner a ')' or '|'): 1 when it read them all. */
static int parse_chain(const char **q, regnum_chain *c, int inner)
{
    while (**q && !(inner && (**q == ')' || **q == '|')))
        if (!chain_item(q, c))
            return 0;
    return !inner || **q == ')';
}

/* One item of a shape's opening at *q, before its first digit group: 1
   (*q moved past it) when it matches no ASCII digit (\p{L}, \p{Lu} or
   \p{Ll}, a class or a group of such items), 0 when it may, -1 when it is
   none read here. */
static int prefix_item(const char **q)
{
    const char *p = *q;
    size_t lo, hi;
    if (strncmp(p, "\\p{L}", 5) == 0 || strncmp(p, "\\p{Lu}", 6) == 0 || strncmp(p, "\\p{Ll}", 6) == 0) {
        p += p[4] == '}' ? 5 : 6;
    } else if (p[0] == '(' && p[1] == '?' && p[2] == ':') {
        p += 3;
        for (;;) {
            while (*p && *p != '|' && *p != ')') {
                int r = prefix_item(&p);
                if (r <= 0)
                    return r;
            }
            if (*p == ')')
                break;
            if (*p != '|')
                return -1;
            p++;
        }
        p++;
    } else {
        chain_step t;
        if (!atom_class(&p, &t))
            return -1;
        if (class_has_digit(&t))
            return 0;
    }
    if (!quantifier(&p, &lo, &hi))
        return -1;
    *q = p;
    return 1;
}

static void make_regnum_chains(void)
{
    if (pk_n_regnum_shapes == 0 || pk_n_regnum_shapes > 32)
        return; /* no test */
    regnum_chain *rc = pk_malloc(pk_n_regnum_shapes * sizeof *rc);
    if (!rc)
        return;
    for (size_t i = 0; i < pk_n_regnum_shapes; i++) {
        size_t need = strlen(pk_regnum_shapes[i].shape) * 16 + 1;
        char *e = pk_malloc(need);
        if (!e) {
            free(rc);
            return;
        }
        expand_shape(pk_regnum_shapes[i].shape, e, need);
        const char *p = e;
        regnum_chain *c = &rc[i];
        memset(c, 0, sizeof *c);
        /* \p{L}, \p{Lu} or \p{Ll}, at least once: no ASCII digit opens it */
        size_t o = strncmp(p, "\\p{L}", 5) == 0 ? 5 : strncmp(p, "\\p{Lu}", 6) == 0 || strncmp(p, "\\p{Ll}", 6) == 0 ? 6 : 0;
        c->letter_first = o > 0 && !(p[o] == '?' || p[o] == '*' || (p[o] == '{' && p[o + 1] == '0'));
        int r;
        while ((r = prefix_item(&p)) == 1)
            ;
        c->digit_first = p == e;
        if (r == 0)
            parse_chain(&p, c, 0);
        free(e);
        if (c->n == 0 || c->t[0].kind != STEP_DIGITS || c->t[0].lo == 0) {
            free(rc);
            return; /* a shape whose first digit group is not read here: no test */
        }
        /* a run of digits after which the chain refuses a digit (a class
           without one, a lookahead that refuses any, an optional step or
           group whose both ways do) ends where the text's run does */
        unsigned char refuses[CHAIN_MAX + 1] = {0};
        for (size_t j = c->n; j-- > 0;) {
            const chain_step *t = &c->t[j];
            if (t->kind == STEP_CHAR)
                refuses[j] = !class_has_digit(t);
            else if (t->kind == STEP_OPT)
                refuses[j] = !class_has_digit(t) && refuses[j + 1];
            else if (t->kind == STEP_GROUP)
                refuses[j] = refuses[j + 1] && refuses[t->skip];
            for (size_t a = j + 1; t->kind == STEP_NOT && a < t->skip; a += c->t[a].lo + 1)
                if (c->t[a].lo == 1 && class_all_digits(&c->t[a + 1]))
                    refuses[j] = 1;
            if (t->kind == STEP_DIGITS)
                c->t[j].whole = refuses[j + 1];
        }
    }
    for (size_t i = 0; i < pk_n_regnum_shapes; i++) {
        const chain_step *t = &rc[i].t[0];
        uint32_t bit = (uint32_t)1 << i;
        for (size_t r = 0; r <= RUN_MAX; r++)
            if (r == RUN_MAX ? !t->whole || t->hi >= RUN_MAX : r >= t->lo && (!t->whole || r <= t->hi))
                chains_by_run[r] |= bit;
        const chain_step *u = rc[i].n < 2 ? NULL : &rc[i].t[1];
        int any = !t->whole || !u || u->kind != STEP_CHAR;
        for (unsigned b = 0; b < 256; b++)
            if (any || (b < 0x80 ? u->set[b / 8] >> (b % 8) & 1 : u->wide[0] != 0))
                chains_by_next[b] |= bit;
        if (!rc[i].letter_first)
            chains_by_open[1] |= bit;
        if (!rc[i].digit_first)
            chains_by_open[0] |= bit;
    }
    regnum_chains = rc;
}

/* The length of the character at p when the step's class holds it, else 0
   (none at or after end). */
static PK_ALWAYS_INLINE size_t step_char(const chain_step *t, const char *s, size_t end, size_t p)
{
    if (p >= end)
        return 0;
    unsigned char b = (unsigned char)s[p];
    if (b < 0x80)
        return t->set[b / 8] >> (b % 8) & 1;
    const char *q = s + p;
    uint32_t cp = source_char(&q);
    size_t len = (size_t)(q - (s + p));
    if (p + len > end)
        return 0;
    for (size_t k = 0; k < 4 && t->wide[k]; k++)
        if (t->wide[k] == cp)
            return len;
    return 0;
}

/* Does the chain hold from its step i at p, the text read up to end? */
static int chain_holds(const regnum_chain *c, size_t i, const char *s, size_t end, size_t p)
{
    while (i < c->n) {
        const chain_step *t = &c->t[i];
        size_t len;
        switch (t->kind) {
        case STEP_DIGITS: {
            size_t r = 0;
            while (r < t->hi && p + r < end && is_digit((unsigned char)s[p + r]))
                r++;
            if (r < t->lo)
                return 0;
            if (t->whole) {
                /* fewer than the run's digits leave a digit that the next
                   step refuses; more than hi: none */
                if (r == t->hi && p + r < end && is_digit((unsigned char)s[p + r]))
                    return 0;
                p += r, i++;
                break;
            }
            for (size_t k = r; k > t->lo; k--)
                if (chain_holds(c, i + 1, s, end, p + k))
                    return 1;
            p += t->lo, i++;
            break;
        }
        case STEP_CHAR:
            if (!(len = step_char(t, s, end, p)))
                return 0;
            p += len, i++;
            break;
        case STEP_OPT:
            if ((len = step_char(t, s, end, p)) && chain_holds(c, i + 1, s, end, p + len))
                return 1;
            i++;
            break;
        case STEP_GROUP:
            /* a group that opens with a character not here is skipped */
            if ((c->t[i + 1].kind != STEP_CHAR || step_char(&c->t[i + 1], s, end, p)) && chain_holds(c, i + 1, s, end, p))
                return 1;
            i = t->skip;
            break;
        case STEP_NOT:
            for (size_t a = i + 1; a < t->skip; a += c->t[a].lo + 1) {
                size_t k = 0, q = p;
                while (k < c->t[a].lo && (len = step_char(&c->t[a + 1 + k], s, end, q)) > 0)
                    k++, q += len;
                if (k == c->t[a].lo)
                    return 0; /* what the lookahead refuses stands here */
            }
            i = t->skip;
            break;
        default:
            return 1;
        }
    }
    return 1;
}

/* May a shape's match open at p, the text read up to end (the subject
   pcre2 is given)? */
static int regnum_may(const char *s, size_t end, size_t p)
{
    const regnum_chain *rc = regnum_chains;
    if (!rc)
        return 1;
    int digit = is_digit((unsigned char)s[p]);
    size_t d = p;
    while (d < end && !is_digit((unsigned char)s[d]))
        d++;
    if (d >= end)
        return 0;
    size_t r = 1;
    while (r < RUN_MAX && d + r < end && is_digit((unsigned char)s[d + r]))
        r++;
    /* past RUN_MAX digits the byte after the run is not looked for: any */
    uint32_t m = chains_by_open[digit] & chains_by_run[r] & (d + r < end && r < RUN_MAX ? chains_by_next[(unsigned char)s[d + r]] : ~0u);
    /* at a word most places hold a match, and the chains cost more there
       than the calls they spare: the run alone decides */
    if (!digit)
        return m != 0;
    for (; m; m &= m - 1)
        if (chain_holds(&rc[__builtin_ctz(m)], 0, s, end, d))
            return 1;
    return 0;
}

/* One pattern of every shape, each marked with its row: "(?<!...)(?:A(*MARK:0)|B(*MARK:1)...)". */
static char *build_regnum_pattern(void)
{
    size_t need = 64;
    for (size_t i = 0; i < pk_n_regnum_shapes; i++)
        need += strlen(pk_regnum_shapes[i].shape) * 16 + 24;
    char *p = pk_malloc(need);
    if (!p)
        return NULL;
    size_t o = (size_t)snprintf(p, need, "(?<![\\p{L}\\d.\\-–/])(?:");
    for (size_t i = 0; i < pk_n_regnum_shapes; i++) {
        if (i)
            p[o++] = '|';
        o += expand_shape(pk_regnum_shapes[i].shape, p + o, need - o);
        o += (size_t)snprintf(p + o, need - o, "(*MARK:%zu)", i);
    }
    snprintf(p + o, need - o, ")");
    return p;
}

/* Whether the pcre2 fragment q holds a group other than those that
   neither capture nor set an option nor act as a verb: "(?:", a
   lookahead or lookbehind, or "(?>" (a '(' outside brackets, not escaped).
   Such a group's number, option or verb could reach past its row. */
static int fragment_groups_reach(const char *q)
{
    for (q = fragment_plain(q); *q; q = fragment_plain(q + 1))
        if (*q == '(' && !(q[1] == '?' && (q[2] == ':' || q[2] == '=' || q[2] == '!' || q[2] == '>' ||
                                           (q[2] == '<' && (q[3] == '=' || q[3] == '!')))))
            return 1;
    return 0;
}

/* The first character of a formula row that a group of rows can take in
   front of it: an ASCII letter or a Latin-1 letter (0xC3 and a byte after
   it) that no quantifier follows, in a row with no '|' at its top and no
   group that captures, sets an option or acts as a verb; folded (a
   Latin-1 letter as 0xC3 << 8 and its second byte), or -1. *len: its
   bytes. */
static int row_first(const char *row, size_t *len)
{
    const unsigned char *u = (const unsigned char *)row;
    int key;
    if (ascii_letter(u[0]))
        *len = 1, key = u[0] | 0x20;
    else if (u[0] == 0xC3 && (u[1] & 0xC0) == 0x80)
        *len = 2, key = 0xC300 | pk_fold_byte(u[1], 0xC3);
    else
        return -1;
    unsigned char next = u[*len];
    if (next == '?' || next == '*' || next == '+' || next == '{' || pk_fragment_alternates(row) || fragment_groups_reach(row))
        return -1;
    return key;
}

/* The formula rows' pattern: one alternative a row, each marked with its
   row; opened by (*COMMIT) when it is tried at each place (no scan past a
   place where it fails).
   Tried at each place, where pcre2 tries the alternatives in their order,
   every row before the one that matches cost a try in vain (a match of
   the table's last rows took four times its first's). The rows that open
   with one character (without case) stand together, that character once
   in front of the rest of each ("n(?:oterar...|otera...)"), the groups in
   the order of their first rows and the rows of a group in the table's:
   a place that opens with another character passes a group in one try.
   Rows that open with different characters never match at one place
   (each character matches its own without case, and none of another), so
   at any place the first row that matches is the first of the one group
   that can, as in the table's order. A row that cannot stand so (no
   letter first, a quantifier after it, a '|' at its top, or a group whose
   number, option or verb would reach the rows after it): the table's
   order. */
static char *build_formula_pattern(const formula_entry *rows, size_t n, int each)
{
    size_t need = 64;
    for (size_t i = 0; i < n; i++)
        need += strlen(rows[i].pattern) + 24 + 8;
    char *p = pk_malloc(need);
    int *first = p && each && n ? pk_malloc(n * sizeof *first) : NULL;
    size_t *len = first ? pk_malloc(n * sizeof *len) : NULL;
    if (!p || (each && n && !len)) {
        free(p);
        free(first);
        free(len);
        return NULL;
    }
    int grouped = len != NULL;
    for (size_t i = 0; i < n && grouped; i++)
        grouped = (first[i] = row_first(rows[i].pattern, &len[i])) >= 0;
    size_t o = (size_t)snprintf(p, need, "(?i)%s(?<![\\p{L}])(?:", each ? "(*COMMIT)" : "");
    for (size_t i = 0; i < n; i++) {
        if (!grouped) {
            o += (size_t)snprintf(p + o, need - o, "%s%s(*MARK:%zu)", i ? "|" : "", rows[i].pattern, i);
            continue;
        }
        if (first[i] < 0)
            continue; /* (in an earlier row's group) */
        int key = first[i];
        size_t count = 0;
        for (size_t j = i; j < n; j++)
            count += first[j] == key;
        if (i)
            p[o++] = '|';
        if (count == 1) {
            o += (size_t)snprintf(p + o, need - o, "%s(*MARK:%zu)", rows[i].pattern, i);
            continue;
        }
        memcpy(p + o, rows[i].pattern, len[i]);
        o += len[i];
        p[o++] = '(';
        p[o++] = '?';
        p[o++] = ':';
        for (size_t j = i, k = 0; j < n; j++)
            if (first[j] == key) {
                o += (size_t)snprintf(p + o, need - o, "%s%s(*MARK:%zu)", k++ ? "|" : "", rows[j].pattern + len[j], j);
                first[j] = -1;
            }
        p[o++] = ')';
    }
    snprintf(p + o, need - o, ")(?![\\p{L}])");
    free(first);
    free(len);
    return p;
}

static void *rx_alloc(PCRE2_SIZE n, void *data)
{
    (void)data;
    return pk_malloc(n);
}

static void rx_free(void *p, void *data)
{
    (void)data;
    free(p);
}

/* The one pass's automaton, from every row that has cues: the patterns'
   cue words and digits, the openings of the date cue table's phrases (a
   phrase's first two bytes, or its first where a word may go on after
   it), and the words of the page furniture. */
/* Two rows whose cues the scan finds alike: the same cue words in the
   same order, under the same condition and case. */
static int same_cues(const pattern *a, const pattern *b)
{
    if (!a->needles || !b->needles || a->fits != b->fits || a->folded != b->folded)
        return 0;
    size_t k = 0;
    while (a->needles[k] && b->needles[k] && strcmp(a->needles[k], b->needles[k]) == 0)
        k++;
    return !a->needles[k] && !b->needles[k];
}

/* The kind of cue whose places each row reads (make_cue_kinds(), after
   the rows' cue words are made): a row with starts the row's it shares,
   or else its own; and a row whose cue words are an earlier row's, that
   row's (the scan would find the same places twice, each a hit in the
   pass and a place in the room). */
static int cue_kinds[RX_COUNT];
static pthread_once_t cue_kinds_once = PTHREAD_ONCE_INIT;

static void make_cue_kinds(void)
{
    for (int id = 0; id < RX_COUNT; id++) {
        cue_kinds[id] = patterns[id].starts && patterns[id].share ? patterns[id].share : id;
        for (int j = 0; j < id && cue_kinds[id] == id; j++)
            if (cue_kinds[j] == j && same_cues(&patterns[j], &patterns[id]))
                cue_kinds[id] = j;
    }
}

/* pk_rx_match reads the places of row id's own cues: a row with starts
   walks those of its cue kind, one that finds its places from its
   anchors' cues searches its range itself, and any other walks its cue
   kind's windows; a row is read under its own kind when it or another
   reads that kind. The cues of a row that reads none of its own are not
   looked for: every key costs the pass its hot states, and its places
   their room. */
static int reads_own_cues(int id)
{
    for (int other = 0; other < RX_COUNT; other++)
        if (cue_kinds[other] == id && (patterns[other].starts || !patterns[other].anchors))
            return 1;
    return 0;
}

static int compile_cues(pk_extractor *ex)
{
    ex->scan = pk_scan_new();
    if (!ex->scan)
        return -1;
    int rc = 0;
    /* the digit rows: those whose conditions digit_rows answers together
       (one to a slot) asked once a run; any other alone, at the first
       digit of a run (a condition that rejects a digit after a digit);
       the lone years' and the days' rows are no pattern's, and the day
       and month's is RX_DATE_SLASH's, a row without cue words of its own */
    int kinds[DIGIT_ROWS] = {-1, -1, -1, PK_CUE_YEARS, RX_DATE_SLASH, PK_CUE_DAYS};
    for (int id = 0; id < RX_COUNT; id++)
        for (int k = 0; reads_own_cues(id) && patterns[id].needles && patterns[id].needles[k]; k++) {
            if (patterns[id].needles[k] != cue_digit[0]) {
                rc |= patterns[id].folded ? pk_scan_folded(ex->scan, id, patterns[id].needles[k], strlen(patterns[id].needles[k]))
                                          : pk_scan_word_then(ex->scan, id, patterns[id].needles[k], patterns[id].fits);
                continue;
            }
            int slot = 0;
            while (slot < DIGIT_ROWS && together[slot] != patterns[id].fits)
                slot++;
            if (slot < DIGIT_ROWS && kinds[slot] < 0)
                kinds[slot] = id;
            else if (patterns[id].fits == digit_then_letter)
                rc = -1; /* it admits a digit after a digit: answered for a whole run in its slot only */
            else
                rc |= pk_scan_digit(ex->scan, id, patterns[id].fits);
        }
    if (kinds[ROW_NAMED] >= 0)
        rc = -1; /* digit_rows does not answer the named row */
    rc |= pk_scan_digit_rows(ex->scan, kinds, DIGIT_ROWS, digit_rows);
    for (size_t k = 0; k < pk_n_date_cues; k++) {
        /* the opening: the phrase's bytes up to its first space (one space
           of a phrase may be many in the text), before a '-' or a '*';
           every place where the phrase stands holds it, and the longer it
           is the fewer places the scan hands on */
        const char *ph = pk_date_cues[k].phrase + (pk_date_cues[k].phrase[0] == '-');
        size_t n = 0;
        while (n < 32 && ph[n] && ph[n] != '-' && ph[n] != '*' && !(n > 0 && ph[n - 1] == ' '))
            n++;
        rc |= pk_scan_folded(ex->scan, PK_CUE_DATES, ph, n ? n : 1);
    }
    for (size_t k = 0; k < pk_n_cue_words; k++)
        if (pk_cue_words[k].kind < PK_CUE_KINDS) /* (the others' rows a stage seeks itself) */
            rc |= pk_scan_word(ex->scan, pk_cue_words[k].kind, pk_cue_words[k].word);
    return rc ? -1 : pk_scan_compile(ex->scan);
}

/* The bytes pcre2 may start a match of code at, as its own start-up
   optimisation reads them (PCRE2_INFO_FIRSTBITMAP, or the first code unit
   in either case): a row tried at each place is asked at those only, as
   pcre2 would skip the others and try a later place itself. Every byte
   where it knows none. */
static void start_bytes(const pcre2_code *code, uint8_t set[32])
{
    uint32_t type = 0, unit = 0;
    const uint8_t *bitmap = NULL;
    memset(set, 0xFF, 32);
    if (pcre2_pattern_info(code, PCRE2_INFO_FIRSTCODETYPE, &type) != 0)
        return;
    if (type == 0 && pcre2_pattern_info(code, PCRE2_INFO_FIRSTBITMAP, &bitmap) == 0 && bitmap) {
        memcpy(set, bitmap, 32);
    } else if (type == 1 && pcre2_pattern_info(code, PCRE2_INFO_FIRSTCODEUNIT, &unit) == 0 && unit < 0x80) {
        memset(set, 0, 32);
        set[unit / 8] = (uint8_t)(set[unit / 8] | 1u << (unit % 8));
        if (ascii_letter((unsigned char)unit)) {
            unsigned other = unit ^ 0x20;
            set[other / 8] = (uint8_t)(set[other / 8] | 1u << (other % 8));
        }
        memset(set + 16, 0xFF, 16); /* a byte beyond ASCII: let through */
    }
}

/* The source of a row written from a table's rows (one whose src is
   NULL), in memory of pk_malloc; NULL when out of memory. */
static char *build_source(int id)
{
    switch (id) {
    case RX_FORMULA:
        return build_formula_pattern(pk_formulas, pk_n_formulas, patterns[RX_FORMULA].each);
    case RX_OPEN_FORMULA:
        return build_formula_pattern(pk_open_formulas, pk_n_open_formulas, patterns[RX_OPEN_FORMULA].each);
    case RX_REGNUM:
        return build_regnum_pattern();
    case RX_REGNUM_LABELED:
        return build_labeled_pattern();
    case RX_CHAIR:
        return build_chair_pattern();
    case RX_NAME:
        return build_name_pattern();
    case RX_BODY:
        return build_body_pattern();
    case RX_ADMIN:
        return build_admin_pattern();
    case RX_DATE_NAMED:
        return build_named_pattern();
    case RX_DATE_PAREN:
        return build_paren_pattern();
    case RX_PARTICIPATE:
        return build_phrase_pattern(pk_participation_phrase, pk_n_participation_phrase);
    case RX_PART_VERB:
        return build_phrase_pattern(pk_participation_verb, pk_n_participation_verb);
    default:
        return NULL;
    }
}

char *pk_rx_source(int id)
{
    if (!patterns[id].src)
        return build_source(id);
    size_t n = strlen(patterns[id].src) + 1;
    char *p = pk_malloc(n);
    if (p)
        memcpy(p, patterns[id].src, n);
    return p;
}

const char *const *pk_rx_cues(int id)
{
    pthread_once(&label_cues_once, make_label_cues);
    pthread_once(&noun_cues_once, make_noun_cues);
    pthread_once(&participate_cues_once, make_participate_cues);
    return patterns[id].needles;
}

/* At "(?" of a source: an option setting ("(?i)", "(?-i:", "(?^m)"), its
   letters read to the ')' or ':' that ends it, gives whether matching is
   without case after it (caseless: before it) and sets *len to its
   length up to that sign; anything else sets *len to 0. */
static int option_caseless(const char *q, int caseless, size_t *len)
{
    const char *r = q + 2;
    int on = 1, to = caseless;
    for (;; r++) {
        if (*r == '^')
            to = 0;
        else if (*r == '-')
            on = 0;
        else if (*r == 'i')
            to = on;
        else if (!((*r >= 'a' && *r <= 'z') || (*r >= 'A' && *r <= 'Z')))
            break;
    }
    *len = (*r == ')' || *r == ':') && r > q + 2 ? (size_t)(r - q) : 0;
    return to;
}

/* The groups whose case ascii_classes() follows, one inside another */
#define OPTION_DEPTH 64

/* src[i] opens a negative assertion's item: "(?!" or "(?<!" before it */
static int after_negative(const char *src, size_t i)
{
    return (i >= 3 && memcmp(src + i - 3, "(?!", 3) == 0) || (i >= 4 && memcmp(src + i - 4, "(?<!", 4) == 0);
}

/* src as pcre2 is given it: each letter property (\p{L}, \p{Lu}, \p{Ll})
   standing alone, or first in a class, where the source matches with
   case, becomes a class that names its ASCII letters as well
   ("[a-z\p{L}]", "[a-z\p{L}\-]", "[A-Z\p{Lu}]"). The set of characters is
   the same (an ASCII letter of the property has it), so every match and
   every capture is; but pcre2's JIT code tests a character of a class
   against its bitmap first and looks up its Unicode properties only
   beyond it, where for a property alone it looks them up at every
   character, and the patterns step over words letter by letter. (Where
   matching is without case the letters would take their other cases
   along, and pcre2's JIT compiler was seen to crash on such a class when
   an allocation failed: a property there stays as written. So does a
   negative assertion's one class, "(?![\p{L}])": the character it tests,
   mostly none of the class, costs more of a bitmap first.) In memory of
   pk_malloc; NULL when out of memory. */
static char *ascii_classes(const char *src)
{
    static const struct {
        const char *prop, *ascii;
    } props[] = {{"\\p{L}", "a-z"}, {"\\p{Lu}", "A-Z"}, {"\\p{Ll}", "a-z"}};
    size_t n = strlen(src);
    char *out = pk_malloc(3 * n + 1); /* a property of five bytes at least grows by five at most */
    if (!out)
        return NULL;
    /* whether matching is without case in each open group (the outermost
       at 0); past OPTION_DEPTH groups, taken to be so */
    int caseless[OPTION_DEPTH + 1] = {0};
    size_t depth = 0, o = 0;
    int cls = 0; /* 1: in a class; 2: at its first item, after "[" or "[^" */
    int asserted = 0; /* the class is a negative assertion's whole: left as written */
    for (size_t i = 0; i < n;) {
        const char *q = src + i;
        /* the bytes up to the next sign that may matter, copied at once */
        size_t len = strcspn(q, cls ? "\\[]" : "\\[()");
        if (len) {
            memcpy(out + o, q, len);
            o += len;
            i += len;
            cls = cls ? 1 : 0;
            continue;
        }
        if (*q == '\\') {
            size_t k = q[1] == 'p' ? 0 : sizeof props / sizeof *props;
            while (k < sizeof props / sizeof *props && strncmp(q, props[k].prop, strlen(props[k].prop)) != 0)
                k++;
            /* in a class only as its first item: no range ("x-\p{L}") nor
               '-' ("\p{L}-") can reach the letters put before it */
            if (k < sizeof props / sizeof *props && cls != 1 && depth < OPTION_DEPTH && !caseless[depth] &&
                !(cls ? asserted : after_negative(src, i))) {
                len = strlen(props[k].prop);
                if (!cls)
                    out[o++] = '[';
                memcpy(out + o, props[k].ascii, 3);
                memcpy(out + o + 3, q, len);
                o += 3 + len;
                if (!cls)
                    out[o++] = ']';
            } else {
                /* an escape, its sign with it */
                len = i + 1 < n ? 2 : 1;
                memcpy(out + o, q, len);
                o += len;
            }
            i += len;
            cls = cls ? 1 : 0;
            continue;
        }
        if (cls) {
            if (*q == '[' && q[1] == ':') {
                /* a POSIX class within, to its ":]" */
                const char *e = strstr(q + 2, ":]");
                len = e ? (size_t)(e - q) + 2 : n - i;
            } else if (cls == 1 && *q == ']')
                cls = 0;
            if (cls)
                cls = 1; /* (a ']' first is a character of the class) */
        } else if (*q == '[') {
            len = q[1] == '^' ? 2 : 1;
            cls = 2;
            asserted = after_negative(src, i);
        } else if (*q == '(' && q[1] == '*') {
            /* a verb ("(*COMMIT)", "(*MARK:3)"): no group */
            const char *e = strchr(q, ')');
            len = e ? (size_t)(e - q) + 1 : n - i;
        } else if (*q == '(') {
            size_t opt = 0;
            int to = q[1] == '?' && depth < OPTION_DEPTH ? option_caseless(q, caseless[depth], &opt) : 1;
            if (opt && q[opt] == ')') {
                /* to the end of the group it stands in */
                caseless[depth] = to;
                len = opt + 1;
            } else {
                /* a group: as the one around it, or as its options say */
                int inner = depth < OPTION_DEPTH ? (opt ? to : caseless[depth]) : 1;
                depth++;
                if (depth <= OPTION_DEPTH)
                    caseless[depth] = inner;
                len = opt ? opt + 1 : 1;
            }
        } else if (*q == ')' && depth > 0)
            depth--;
        if (!len)
            len = 1;
        memcpy(out + o, q, len);
        o += len;
        i += len;
    }
    out[o] = 0;
    return out;
}

/* Compiles every pattern into ex->rx (pcre2 with JIT). 0, or -1 when out
   of memory. */
int pk_match_compile(pk_extractor *ex)
{
    char *built[RX_COUNT] = {NULL};
    int rc = 0;
    for (int i = 0; i < RX_COUNT; i++)
        if (!patterns[i].src && !(built[i] = build_source(i)))
            rc = -1;
    pthread_once(&heads_once, make_all_heads); /* the formula rows' heads, read by their places */
    pthread_once(&label_cues_once, make_label_cues); /* where the labels hold their cues, read by labeled_starts */
    pthread_once(&month_stems_once, make_month_stems); /* the word lists, read by chair_starts too */
    pthread_once(&regnum_lead_once, make_regnum_lead); /* the shapes' openings, read by regnum_starts */
    pthread_once(&regnum_chains_once, make_regnum_chains); /* what they ask after, read by regnum_may */
    pthread_once(&noun_cues_once, make_noun_cues); /* RX_BODY's and RX_ADMIN's cues, read by the scan */
    pthread_once(&participate_cues_once, make_participate_cues); /* RX_PARTICIPATE's, read by the scan */
    pthread_once(&cue_kinds_once, make_cue_kinds); /* read by the scan, after the cue words */
    ex->gctx = pcre2_general_context_create(rx_alloc, rx_free, NULL);
    pcre2_compile_context *cctx = ex->gctx ? pcre2_compile_context_create(ex->gctx) : NULL;
    if (!cctx || label_cues.bad || noun_cues_bad || participate_cues.bad)
        rc = -1;
    /* a row with starts is matched at them by pk_rx_match itself, which
       reads no places, first or each of its */
    for (int i = 0; i < RX_COUNT; i++)
        if (patterns[i].starts && (patterns[i].places || patterns[i].first || patterns[i].each))
            rc = -1;
    for (int i = 0; i < RX_COUNT && rc == 0; i++) {
        char *src = ascii_classes(patterns[i].src ? patterns[i].src : built[i]);
        int err;
        PCRE2_SIZE off;
        /* a row tried at its cues' places only is anchored there */
        uint32_t opt = PCRE2_UTF | PCRE2_NO_UTF_CHECK | (patterns[i].starts || patterns[i].places ? PCRE2_ANCHORED : 0);
        ex->rx[i] = src ? pcre2_compile((PCRE2_SPTR)src, PCRE2_ZERO_TERMINATED, opt, &err, &off, cctx) : NULL;
        if (!ex->rx[i])
            rc = -1;
        else /* JIT is an optimisation: without it the interpreter still works */
            ex->jit[i] = pcre2_jit_compile(ex->rx[i], PCRE2_JIT_COMPLETE) == 0;
        free(src);
    }
    for (int i = 0; i < RX_COUNT && rc == 0; i++)
        if (patterns[i].each)
            start_bytes(ex->rx[i], ex->rx_start[i]);
    for (int i = 0; i < RX_COUNT; i++)
        free(built[i]);
    pcre2_compile_context_free(cctx);
    if (rc == 0)
        rc = compile_cues(ex);
    return rc;
}

void pk_match_free(pk_extractor *ex)
{
    pk_scan_free(ex->scan);
    for (int i = 0; i < RX_COUNT; i++)
        pcre2_code_free(ex->rx[i]);
    pcre2_general_context_free(ex->gctx);
}


/* One pcre2 match of pattern id from start, the subject ending at end: 1
   and the offsets, or 0 (inline in rx_run's three calls: a call and its
   saved registers cost as much as pcre2's own entry). */
static PK_ALWAYS_INLINE int rx_exec(ctx *c, int id, size_t start, size_t end, size_t *ov, int ncap)
{
    /* the bound grows with the text searched: linear, never a stop short
       of the end on a long clean text */
    size_t lim = 1000000 + 64 * (end - start);
    pcre2_set_match_limit(c->mctx, lim > UINT32_MAX ? UINT32_MAX : (uint32_t)lim);
    /* the text is valid UTF-8 (normalize.c): no check, and JIT code is
       entered without the interpreter's checks in front of it */
    int rc = c->ex->jit[id] ? pcre2_jit_match(c->ex->rx[id], (PCRE2_SPTR)c->t.s, end, start, 0, c->md, c->mctx)
                            : pcre2_match(c->ex->rx[id], (PCRE2_SPTR)c->t.s, end, start, PCRE2_NO_UTF_CHECK, c->md, c->mctx);
    if (rc == PCRE2_ERROR_NOMEMORY && c->a->oom)
        longjmp(*c->a->oom, 1);
    if (rc < PCRE2_ERROR_NOMATCH)
        c->rx_limit_hit = 1; /* match or depth limit: reported once as a warning */
    if (rc <= 0)
        return 0;
    /* rc pairs are set, never more than the ovector holds (pcre2 gives 0
       when it is too small) */
    PCRE2_SIZE *v = pcre2_get_ovector_pointer(c->md);
    /* an unset pair is pcre2's PCRE2_UNSET, (size_t)-1 as ours is: the
       set pairs are copied as they stand, the others filled */
    _Static_assert(PCRE2_UNSET == (size_t)-1, "an unset offset is (size_t)-1 in both");
    size_t want = ncap > 0 ? (size_t)ncap : 0, set = (size_t)rc < want ? (size_t)rc : want;
    memcpy(ov, v, 2 * set * sizeof *ov);
    for (size_t i = 2 * set; i < 2 * want; i++)
        ov[i] = (size_t)-1;
    return 1;
}

/* One pcre2 match over [start, end): 1 and the offsets, or 0 (inline in
   pk_rx_match's calls, as rx_exec is in its own). */
/* Windows are counted in bytes, and pcre2 is never handed a cut
   character: a window's end moved past the character it cuts, ... */
static inline size_t whole_end(const ctx *c, size_t end)
{
    while (end < c->t.n && ((unsigned char)c->t.s[end] & 0xC0) == 0x80)
        end++;
    return end;
}

/* ... and its start back to the first byte of the one it cuts */
static inline size_t whole_start(const ctx *c, size_t start, size_t end)
{
    while (start > 0 && start < end && ((unsigned char)c->t.s[start] & 0xC0) == 0x80)
        start--;
    return start;
}

static PK_ALWAYS_INLINE int rx_run(ctx *c, int id, size_t start, size_t end, size_t *ov, int ncap)
{
    end = whole_end(c, end);
    start = whole_start(c, start, end);
    if (patterns[id].places) {
        /* the anchored pattern at the row's places in order: the first
           that matches is the one a scan of [start, end) finds */
        size_t at[MAX_STARTS];
        pk_cues *an = NULL;
        if (patterns[id].anchors) {
            pk_cue_places(c, patterns[id].anchors);
            an = &c->cue[patterns[id].anchors];
        }
        /* read to the text's end, an anchor holds as the scan found it:
           its places are read off it, not asked again */
        size_t (*anchor_places)(const char *, size_t, size_t *) = end == c->t.n ? patterns[id].anchor_places : NULL;
        for (size_t p = start; p < end;) {
            size_t nk;
            if (an) {
                /* every anchor is a cue of the anchors' kind: the search
                   for the next starts at the next such cue, and ends
                   where none is left */
                size_t j = pk_first_from_near(an->at, an->n, p, &an->near);
                if (j >= an->n || an->at[j] >= end)
                    return 0;
                p = an->at[j];
            }
            if (an && anchor_places)
                nk = anchor_places(c->t.s, p++, at);
            else
                nk = patterns[id].places(c->t.s, end, &p, at);
            for (size_t k = 0; k < nk; k++)
                if (at[k] >= start && rx_exec(c, id, at[k], end, ov, ncap))
                    return 1;
        }
        return 0;
    }
    if (patterns[id].each) {
        /* the places in order, each a byte pcre2 may start at (else it
           would go on to a later one itself): the first that matches is
           the one a scan of [start, end) finds */
        const uint8_t *ok = c->ex->rx_start[id];
        for (size_t p = start; (p = patterns[id].first(c->t.s, p, end)) < end; p++) {
            unsigned char b = (unsigned char)c->t.s[p];
            if ((ok[b / 8] >> (b % 8) & 1) && rx_exec(c, id, p, end, ov, ncap))
                return 1;
        }
        return 0;
    }
    if (patterns[id].first && (start = patterns[id].first(c->t.s, start, end)) >= end)
        return 0;
    return rx_exec(c, id, start, end, ov, ncap);
}

/* A cluster of cues is searched as one window, but no window grows past
   this many bytes: a text dense with cues costs windows of bounded size, not
   a walk to its end per question. */
#define CUE_WINDOW_MAX 4096
#define CUE_WINDOW_MIN 256

/* The range ends inside a word: a letter (or a byte of a longer
   character) before its end and a letter at it. */
static int inside_word(const ctx *c, size_t start, size_t end)
{
    if (end == start || end >= c->t.n)
        return 0;
    unsigned char b = (unsigned char)c->t.s[end - 1];
    return (b >= 0x80 || ((b | 0x20) >= 'a' && (b | 0x20) <= 'z')) && pk_is_letter_at(c->t.s + end, c->t.n - end);
}

int pk_rx_match(ctx *c, int id, size_t start, size_t end, size_t *ov, int ncap)
{
    if (start > end || end > c->t.n)
        return 0;
    const pattern *q = &patterns[id];
    if (q->starts) {
        /* the anchored pattern at each place a cue lets a match start, in
           order: the first that matches is the range's leftmost match */
        /* the subject's end as rx_run() gives it to pcre2 */
        size_t from = start, at[MAX_STARTS], e = whole_end(c, end);
        const pk_cues *cu = &c->cue[cue_kinds[id]];
        for (size_t i = pk_cue_index(c, cue_kinds[id], start); i < cu->n && cu->at[i] < end; i++)
            for (size_t k = 0, nk = q->starts(c->t.s, c->t.n, cu->at[i], at); k < nk; k++)
                if (at[k] >= from) {
                    from = at[k] + 1;
                    if (q->may && !q->may(c->t.s, e, at[k]))
                        continue;
                    /* rx_run()'s match at the place, the subject's end
                       found once for them all (a row with starts has no
                       places, first or each of its own: pk_match_compile) */
                    if (rx_exec(c, id, whole_start(c, at[k], e), e, ov, ncap))
                        return 1;
                }
        return 0;
    }
    /* a row whose places walk the cues that hold its anchors searches the
       range itself, a place at a time: windows around its own cues
       ("15 maj", the digits before a month's letter) would walk those cues
       too, and then ask the places of each window again */
    if (!q->needles || q->anchors)
        return rx_run(c, id, start, end, ov, ncap);
    int kind = cue_kinds[id];
    if (end - start < 512) {
        /* a short range (a line, a sentence): every match holds a cue word
           that starts in it, so a range without one holds no match — unless
           it ends inside a word, where the word's end the cue asks for lies
           beyond the range, or the cues are digits (their conditions read
           past the range) */
        if (q->needles[0] != cue_digit[0] && !inside_word(c, start, end)) {
            size_t i = pk_cue_index(c, kind, start);
            if (i >= c->cue[kind].n || c->cue[kind].at[i] >= end)
                return 0;
            /* every match holds a cue of the range, the first or a later one */
            if (q->opens)
                start = q->opens(c->t.s, c->cue[kind].at[i], start);
        }
        return rx_run(c, id, start, end, ov, ncap);
    }
    const uint32_t *at = NULL;
    size_t n = 0;
    /* the first window holds the cues of CUE_WINDOW_MIN bytes, each next
       one twice as many up to CUE_WINDOW_MAX: a question answered near its
       first cue does not walk the cues of 4 KB first (a text dense with
       cues asks many such questions) */
    size_t span = CUE_WINDOW_MIN;
    for (size_t i = pk_cue_index(c, kind, start);; span = span < CUE_WINDOW_MAX ? span * 2 : CUE_WINDOW_MAX) {
        at = c->cue[kind].at;
        n = c->cue[kind].n;
        if (i >= n || at[i] >= end)
            return 0;
        /* a window over a cluster of cues: [first - back, last + fwd) */
        size_t a = at[i], ws = a > start + q->back ? a - q->back : start, last = a;
        if (q->opens)
            ws = q->opens(c->t.s, a, ws);
        while (i + 1 < n && at[i + 1] < end && at[i + 1] <= last + q->back + q->fwd && at[i + 1] - a <= span)
            last = at[++i];
        size_t we = last + q->fwd < end ? last + q->fwd : end;
        if (q->may_open) {
            /* every match in the window holds a cue of it (none stands
               between start and a): its last before we is the bound */
            size_t j = i;
            while (j + 1 < n && at[j + 1] < we)
                j++;
            if (!q->may_open(c->t.s, ws, at[j])) {
                if (we == end)
                    return 0;
                i++;
                continue;
            }
        }
        /* the next cue's matches start no earlier than this */
        size_t next = i + 1 < n && at[i + 1] < end ? at[i + 1] : SIZE_MAX;
        size_t next_start = next == SIZE_MAX ? SIZE_MAX : next > q->back ? next - q->back : 0;
        if (rx_run(c, id, ws, we, ov, ncap)) {
            /* a match that reaches the window's edge may go on beyond it, and
               one that starts where the next cue's window begins may not be
               the first: the whole range decides */
            if ((we == end || ov[1] + 8 <= we) && ov[0] < next_start)
                return 1;
            return rx_run(c, id, ws, end, ov, ncap);
        }
        if (we == end)
            return 0;
        i++;
    }
}

const char *pk_rx_mark(ctx *c) { return (const char *)pcre2_get_mark(c->md); }

