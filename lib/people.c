/* People: signature blocks (names on one line, titles on the next, as
   pdftotext flattens two columns, or a name over its title and unit),
   labelled lines ("Handläggare", "Justerare: ..."), attendance lists, the
   chair of the Beslutsgång, titles before a name in prose, and one pass
   over the runs of capitalised words for the rest: names with a party
   (parties.txt), lists of names, a title or a workplace after a comma, a
   verb people do after a lone name (person_verbs.txt), the genitive
   (genitive_nouns.txt). Names are checked with the table of given names;
   words of organisations (org_words.txt) are no part of one. At the end one
   person named in the genitive and the nominative, or spelt two ways, is
   one. */
#include "internal.h"

#include <pthread.h>
#include <string.h>
#include <strings.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* The end of the run of the bytes x and y from p on, at most e (at most
   the text's end): sixteen bytes in one read, their count from the
   comparisons' bits (a walk's exit after none, one or two was as
   unpredictable as the text; a double space is common where columns were
   flattened). The sixteen bytes from p may be read: a document's text has
   room after its end, and a part's text lies in its document's; a run
   that reaches past e ends there. */
static PK_ALWAYS_INLINE size_t run_end(const ctx *c, size_t p, size_t e, char x, char y)
{
#if defined(__SSE2__)
    for (;;) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(c->t.s + p));
        __m128i hit = _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(x)), _mm_cmpeq_epi8(v, _mm_set1_epi8(y)));
        unsigned k = (unsigned)__builtin_ctz(~(unsigned)_mm_movemask_epi8(hit));
        p += k;
        if (p >= e)
            return e;
        if (k < 16)
            return p;
    }
#else
    while (p < e && (c->t.s[p] == x || c->t.s[p] == y))
        p++;
    return p;
#endif
}

/* The first byte x from p on, or e where none stands before it (p at most
   e, at most the text's end), sixteen bytes at a time as run_end() reads
   them. */
static PK_ALWAYS_INLINE size_t byte_from(const ctx *c, size_t p, size_t e, char x)
{
#if defined(__SSE2__)
    for (; p < e; p += 16) {
        unsigned m = (unsigned)_mm_movemask_epi8(
            _mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)(const void *)(c->t.s + p)), _mm_set1_epi8(x)));
        if (m) {
            p += (size_t)__builtin_ctz(m);
            return p < e ? p : e;
        }
    }
    return e;
#else
    while (p < e && c->t.s[p] != x)
        p++;
    return p;
#endif
}

/* The end of the run of spaces from p on (and of line breaks too, with
   nl), p at most the text's end (run_end()). */
static PK_ALWAYS_INLINE size_t blank_run_end(const ctx *c, size_t p, int nl)
{
    return run_end(c, p, c->t.n, ' ', nl ? '\n' : ' ');
}

/* The party that the word s[0..n) in parentheses after a name stands for:
   the table's spelling of a party it holds ("(m)" and "(M)" are "M"); after
   a name that opens with a given name, also an abbreviation the table does
   not hold but that is written like one, one to four letters, the first and
   at least half of them capitals ("(SJVP)"), since local parties are many. */
static const char *party_of(ctx *c, const char *s, size_t n, int given_led)
{
    const char *party = pk_party(s, n);
    if (party)
        return party;
    if (!given_led || !pk_is_upper_at(s, n))
        return NULL;
    size_t letters = 0, upper = 0;
    for (size_t i = 0; i < n;) {
        if (!pk_is_letter_at(s + i, n - i))
            return NULL;
        letters++;
        upper += (size_t)pk_is_upper_at(s + i, n - i);
        i++;
        while (i < n && ((unsigned char)s[i] & 0xC0) == 0x80)
            i++;
    }
    return letters <= 4 && 2 * upper >= letters ? pk_arena_strndup(c->a, s, n) : NULL;
}

/* The people by name, ASCII case folded as strcasecmp folds
   (c->people_index, a pk_index of c->people): each mention costs one
   look-up however many people the document names. */

/* name[0..n), whose pk_hash_folded() is h */
static pk_person *find_hashed(ctx *c, const char *name, size_t n, uint32_t h)
{
    pk_person *ps = c->people.items;
    for (size_t pos = 0, k; (k = pk_index_next(c->people_index, h, &pos)) != 0;)
        if (strncasecmp(ps[k - 1].name, name, n) == 0 && ps[k - 1].name[n] == 0)
            return &ps[k - 1];
    return NULL;
}

static pk_person *find_n(ctx *c, const char *name, size_t n)
{
    return find_hashed(c, name, n, (uint32_t)pk_hash_folded(name, n));
}

static pk_person *find(ctx *c, const char *name) { return find_n(c, name, strlen(name)); }

/* The last bytes of the rows of body_ending and of body_ending_article
   of people_words.tsv, made once from the rows: a word that ends in
   neither a row's last byte nor an article's is compared with no row
   (most words after a name: "föredrar", "har"). */
static unsigned char ending_last[256];
static pthread_once_t ending_last_once = PTHREAD_ONCE_INIT;
static int ending_last_ready;

static void make_ending_last(void)
{
    for (size_t i = 0; i < pk_n_body_ending; i++) {
        size_t m = strlen(pk_body_ending[i]);
        if (m)
            ending_last[(unsigned char)pk_body_ending[i][m - 1]] = 1;
        else /* (an empty row ends every word) */
            memset(ending_last, 1, sizeof ending_last);
    }
    /* (an empty article leaves a row of body_ending to end the word) */
    for (size_t k = 0; k < pk_n_body_ending_article; k++) {
        size_t l = strlen(pk_body_ending_article[k]);
        if (l)
            ending_last[(unsigned char)pk_body_ending_article[k][l - 1]] = 1;
    }
}

/* "Ulla Sten Spånga-Tensta stadsdelsnämnd": a place that opens a body's
   name is no part of the name before it. */
#if defined(__SSE2__)
/* The bytes that end a word where a place or a party's word is read (a
   space, line break, comma or full stop) among the sixteen from p, a bit
   each */
static inline unsigned word_stops16(const char *p)
{
    __m128i x = _mm_loadu_si128((const __m128i *)(const void *)p);
    return (unsigned)_mm_movemask_epi8(
        _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8(' ')), _mm_cmpeq_epi8(x, _mm_set1_epi8('\n'))),
                     _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8(',')), _mm_cmpeq_epi8(x, _mm_set1_epi8('.')))));
}
#endif

static size_t drop_place(const ctx *c, size_t s, size_t e)
{
    /* the word endings of people_words.tsv (body_ending), so
       "stadsdelsnämnd" and "stadsdelsnämnden" are in */
    size_t p = blank_run_end(c, e, 0);
    /* no word after a space, or one that opens with an ASCII byte other
       than a-z (no small letter): no place, and no walk to its end (asked
       in one branch) */
    unsigned char b = (unsigned char)c->t.s[p];
    if ((unsigned)(p == e) | (unsigned)(p >= c->t.n) |
        ((unsigned)(b < 0x80) & (unsigned)((unsigned char)(b - 'a') >= 26)))
        return e;
    size_t q = p;
#if defined(__SSE2__)
    /* the word's end, its first space, line break, comma or full stop,
       sixteen bytes at a time (p is below the text's end, and sixteen
       bytes from any place below it may be read): the walk's exit by byte
       was as unpredictable as the words' lengths */
    for (; q < c->t.n; q += 16) {
        unsigned m = word_stops16(c->t.s + q);
        if (m) {
            q += (size_t)__builtin_ctz(m);
            break;
        }
    }
    if (q > c->t.n)
        q = c->t.n;
#else
    while (q < c->t.n && c->t.s[q] != ' ' && c->t.s[q] != '\n' && c->t.s[q] != ',' && c->t.s[q] != '.')
        q++;
#endif
    /* (q is past p: the byte at p is a-z or from 0x80 on, and the word
       goes on to its end) */
    if (!pk_is_lower_at(c->t.s + p, q - p))
        return e;
    /* a row of either list ends where the word does: its last byte is a
       row's last (make_ending_last()) */
    pk_once(&ending_last_once, &ending_last_ready, make_ending_last);
    if (!ending_last[(unsigned char)c->t.s[q - 1]])
        return e;
    /* the word ends in one of them, or in one and then an article of
       people_words.tsv (body_ending_article: "stadsdelsnämnden") */
    int ends = 0;
    for (size_t i = 0; i < pk_n_body_ending && !ends; i++) {
        size_t m = strlen(pk_body_ending[i]);
        ends = q - p >= m && memcmp(c->t.s + q - m, pk_body_ending[i], m) == 0;
    }
    for (size_t k = 0; k < pk_n_body_ending_article && !ends; k++) {
        size_t l = strlen(pk_body_ending_article[k]);
        if (q - p < l || memcmp(c->t.s + q - l, pk_body_ending_article[k], l) != 0)
            continue;
        for (size_t i = 0; i < pk_n_body_ending && !ends; i++) {
            size_t m = strlen(pk_body_ending[i]);
            ends = q - p >= m + l && memcmp(c->t.s + q - l - m, pk_body_ending[i], m) == 0;
        }
    }
    if (ends) {
        size_t w = e;
        while (w > s && c->t.s[w - 1] != ' ' && c->t.s[w - 1] != '\n')
            w--;
        size_t words = 1;
        for (size_t k = s; k < w; k++)
            words += c->t.s[k] == ' ' || c->t.s[k] == '\n';
        return words >= 3 && w > s ? w - 1 : e;
    }
    return e;
}

/* ---- where RX_NAME may match, without pcre2 ----
   RX_NAME opens with "\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?[ \n](?:af |von |van
   |de |da |el )?\p{Lu}\p{Ll}". A hand check of that opening tells most
   places where no name starts, so pcre2 runs only where one may: the case
   of ASCII and of the Latin-1 letters after a byte 0xC3 is known here,
   any other character's is its Unicode category (utf8proc), as \p{Lu} and
   \p{Ll} read it, so a run of combining marks or of characters of no case
   is no name and is walked once, not from each of its bytes. A place the check passes is
   handed to pcre2 as before, so what matches is pcre2's to say. */

/* The length of the character at p, p < e, when it may be a capital
   (upper 1) or a small letter (upper 0), else 0; e is the end of the range
   pcre2 would be given. A character cut by e is whole to pcre2 (rx_run
   moves the end past it), so its bytes are read up to the text's end. */
static size_t may_case_wide(const ctx *c, size_t p, int upper)
{
    unsigned char a = (unsigned char)c->t.s[p];
    if (a == 0xC3 && p + 1 < c->t.n && ((unsigned char)c->t.s[p + 1] & 0xC0) == 0x80) {
        unsigned char b = (unsigned char)c->t.s[p + 1];
        if (b == 0x97 || b == 0xB7) /* × ÷ */
            return 0;
        return upper == (b <= 0x9E) ? 2 : 0;
    }
    size_t k = a >= 0xF0 ? 4 : a >= 0xE0 ? 3 : a >= 0xC0 ? 2 : 1;
    k = p + k <= c->t.n ? k : c->t.n - p;
    /* any other character by its Unicode category, as \p{Lu} and \p{Ll}
       read it. A combining mark is neither: a run of them holds no name
       and costs no walk to its end from each of its bytes. */
    int cc = pk_case_at(c->t.s + p, k);
    return cc == (upper ? 1 : 2) ? k : 0;
}

static inline size_t may_upper(const ctx *c, size_t p, size_t e)
{
    if (p >= e)
        return 0;
    unsigned char a = (unsigned char)c->t.s[p];
    return a < 0x80 ? (unsigned char)(a - 'A') < 26 : may_case_wide(c, p, 1);
}

static inline size_t may_lower(const ctx *c, size_t p, size_t e)
{
    if (p >= e)
        return 0;
    unsigned char a = (unsigned char)c->t.s[p];
    return a < 0x80 ? (unsigned char)(a - 'a') < 26 : may_case_wide(c, p, 0);
}

/* The end of the run of ASCII small letters from p on, at most e: eight
   bytes at a time where the text is long enough, then byte by byte. The
   high bit cleared first, no byte's sum carries into the next. */
static inline size_t small_run_end(const char *s, size_t p, size_t e)
{
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u;
    for (; p + 8 <= e; p += 8) {
        uint64_t x;
        memcpy(&x, s + p, 8);
        uint64_t low7 = x & ~high;
        uint64_t ge_a = low7 + (0x80 - 'a') * ones;     /* low 7 bits >= 'a' */
        uint64_t gt_z = low7 + (0x80 - 'z' - 1) * ones; /* low 7 bits > 'z' */
        uint64_t other = ~(~x & ge_a & ~gt_z) & high;   /* no small letter */
        if (other)
            return p + (size_t)__builtin_ctzll(other) / 8;
    }
#endif
    while (p < e && (unsigned char)(s[p] - 'a') < 26)
        p++;
    return p;
}

#if defined(__SSE2__)
/* The bytes of x in [lo, hi], each as 0xFF: shifted so that lo is the
   smallest signed byte, one signed comparison tells. */
static inline __m128i bytes_in(__m128i x, unsigned char lo, unsigned char hi)
{
    __m128i t = _mm_add_epi8(x, _mm_set1_epi8((char)(unsigned char)(0x80 - lo)));
    return _mm_cmplt_epi8(t, _mm_set1_epi8((char)(-128 + (hi - lo + 1))));
}
#endif

/* The end of the run of small letters from p on whose case is known
   here: ASCII a-z, and the Latin-1 small letters after a byte 0xC3 (ß-ÿ
   but for ÷), as may_lower() and name_class() read them one by one; a
   character whose lead byte stands before e is in, so the run may end one
   byte after e (as the walk by characters does: a character cut by e is
   whole to pcre2). Any other character ends the run, for the callers to
   look at. Sixteen bytes at a time where the text is long enough. */
static inline size_t latin_small_end(const char *s, size_t p, size_t e, size_t n)
{
#if defined(__SSE2__)
    for (; p < e && p + 17 <= n; p += 16) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(s + p));
        __m128i y = _mm_loadu_si128((const __m128i *)(const void *)(s + p + 1));
        __m128i pair = _mm_and_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8((char)0xC3)),
                                     _mm_andnot_si128(_mm_cmpeq_epi8(y, _mm_set1_epi8((char)0xB7)), bytes_in(y, 0x9F, 0xBF)));
        unsigned lead = (unsigned)_mm_movemask_epi8(pair);
        unsigned ok = (unsigned)_mm_movemask_epi8(bytes_in(x, 'a', 'z')) | lead | lead << 1;
        unsigned r = (unsigned)__builtin_ctz(~ok); /* at most 17: a pair may end past the block */
        if (r < 16) {
            p += r;
            /* a run past e ends at e, or after the character cut there */
            return p <= e ? p : ((unsigned char)s[e] & 0xC0) == 0x80 ? e + 1 : e;
        }
        p += r - 16; /* the second byte of a pair at the block's end */
    }
    if (p > e)
        return ((unsigned char)s[e] & 0xC0) == 0x80 ? e + 1 : e;
#endif
    while (p < e) {
        unsigned char a = (unsigned char)s[p];
        if ((unsigned char)(a - 'a') < 26)
            p++;
        else if (a == 0xC3 && p + 1 < n && (unsigned char)s[p + 1] >= 0x9F && (unsigned char)s[p + 1] <= 0xBF &&
                 (unsigned char)s[p + 1] != 0xB7)
            p += 2;
        else
            break;
    }
    return p;
}

/* "\p{Lu}\p{Ll}+" at p: where it ends, or 0 */
static inline size_t may_cap_word(const ctx *c, size_t p, size_t e)
{
    size_t k = may_upper(c, p, e);
    if (!k)
        return 0;
    p += k;
    if (!(k = may_lower(c, p, e)))
        return 0;
    for (p += k;;) {
        /* ASCII and Latin-1 small letters in a tight loop, others one by one */
        p = latin_small_end(c->t.s, p, e, c->t.n);
        if (!(k = may_lower(c, p, e)))
            return p;
        p += k;
    }
}

#include "name_particles.inc"

/* the particle of RX_NAME at p (a name_particle row of pattern_words.tsv:
   "af ", "von "), in a range that ends at e: its length, or 0. Every
   particle is two or three letters and its space (lib/name_particles.awk
   fails the build for another), so no space two or three bytes on says
   0 at once; else the four bytes at p (those in the range) as one word,
   held against every particle's word at once (NAME_PARTICLE_LEN,
   constants made from the rows). */
static inline size_t particle_at(const ctx *c, size_t p, size_t e)
{
    const char *s = c->t.s + p;
    size_t n = e - p;
    if (n < 3 || (s[2] != ' ' && (n < 4 || s[3] != ' ')))
        return 0;
    uint32_t w;
    if (n >= 4) {
        memcpy(&w, s, 4);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
        w = __builtin_bswap32(w);
#endif
    } else {
        w = (uint32_t)(unsigned char)s[0] | (uint32_t)(unsigned char)s[1] << 8 | (uint32_t)(unsigned char)s[2] << 16;
    }
    return NAME_PARTICLE_LEN(w);
}

#if defined(__SSE2__)
/* The classes of the 16 bytes at p that name_may_start() reads, as bits:
   A-Z, a-z, a 0xC3 before the second byte of a Latin-1 capital (À-Þ but
   ×) or small letter (ß-ÿ but ÷), a space or newline, a byte from 0x80
   on. */
typedef struct name_bits {
    uint64_t up, low, up_lead, low_lead, space, high;
} name_bits;

static PK_ALWAYS_INLINE void name_bits_at(const char *s, size_t p, unsigned shift, name_bits *b)
{
    __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(s + p));
    __m128i sp = _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8(' ')), _mm_cmpeq_epi8(x, _mm_set1_epi8('\n')));
    b->up |= (uint64_t)(unsigned)_mm_movemask_epi8(bytes_in(x, 'A', 'Z')) << shift;
    b->low |= (uint64_t)(unsigned)_mm_movemask_epi8(bytes_in(x, 'a', 'z')) << shift;
    b->space |= (uint64_t)(unsigned)_mm_movemask_epi8(sp) << shift;
    /* (the bytes from 0x80 on asked of every block, without a branch on
       whether it holds one: a block of ASCII was as unpredictable as the
       text) */
    unsigned high = (unsigned)_mm_movemask_epi8(x);
    b->high |= (uint64_t)high << shift;
    __m128i y = _mm_loadu_si128((const __m128i *)(const void *)(s + p + 1));
    __m128i c3 = _mm_cmpeq_epi8(x, _mm_set1_epi8((char)0xC3));
    __m128i up2 = _mm_andnot_si128(_mm_cmpeq_epi8(y, _mm_set1_epi8((char)0x97)), bytes_in(y, 0x80, 0x9E));
    __m128i low2 = _mm_andnot_si128(_mm_cmpeq_epi8(y, _mm_set1_epi8((char)0xB7)), bytes_in(y, 0x9F, 0xBF));
    b->up_lead |= (uint64_t)(unsigned)_mm_movemask_epi8(_mm_and_si128(c3, up2)) << shift;
    b->low_lead |= (uint64_t)(unsigned)_mm_movemask_epi8(_mm_and_si128(c3, low2)) << shift;
}

/* name_may_start()'s answer from the bits of the win bytes at q: 1 or 0,
   or -1 where a character of another script, a hyphen or a particle
   leaves it to the walk by characters, -2 where the window is too short.
   With 1, first[0] is the length of the first word (its part after a
   hyphen in): ASCII and Latin-1 letters, which the space after it ends;
   first[1] where the second word ends, when its letters end in the
   window at an ASCII byte other than a hyphen, else 0. */
static PK_ALWAYS_INLINE int name_bits_answer(const ctx *c, size_t q, size_t e, const name_bits *b, unsigned win,
                                             unsigned *first)
{
    uint64_t low = b->low | b->low_lead, ok = low | b->low_lead << 1;
    /* a capital: A-Z, or two bytes */
    unsigned i = b->up & 1 ? 1 : b->up_lead & 1 ? 2 : 0;
    if (!i)
        return -1;
    /* one small letter or more, then a space */
    unsigned r = (unsigned)__builtin_ctzll(~ok & ~(uint64_t)0 << i);
    if (r >= win - 1)
        return -2;
    /* no small letter after the capital: a Latin-1 capital there (the
       "Ö" of "FÖRSLAG") is none either, so only another script's
       character is left to the walk */
    if (r == i)
        return b->high >> r & 1 && !(b->up_lead >> r & 1) ? -1 : 0;
    if (!(b->space >> r & 1)) {
        if (c->t.s[q + r] != '-')
            return b->high >> r & 1 ? -1 : 0;
        /* "Anna-Karin": a capital and small letters after the hyphen, then
           a space, as the walk asks (another script's letter is left to it) */
        unsigned h = r + 1;
        unsigned i2 = b->up >> h & 1 ? h + 1 : b->up_lead >> h & 1 ? h + 2 : 0;
        if (!i2)
            return b->high >> h & 1 ? -1 : 0;
        r = (unsigned)__builtin_ctzll(~ok & ~(uint64_t)0 << i2);
        if (r >= win - 1)
            return -2;
        if (r == i2)
            return b->high >> r & 1 && !(b->up_lead >> r & 1) ? -1 : 0;
        if (!(b->space >> r & 1))
            return b->high >> r & 1 ? -1 : 0;
    }
    /* a capital, then a small letter; a particle before them is rare */
    unsigned j = r + 1;
    unsigned k = b->up >> j & 1 ? j + 1 : b->up_lead >> j & 1 ? j + 2 : 0;
    /* a particle (two or three small letters) ends in a space two or
       three bytes on; a Latin-1 small letter ("är", "över") is no capital
       and opens no particle */
    if (!k)
        return (b->high >> j & 1 && !(b->low_lead >> j & 1)) ||
                       ((j + 3 >= win || b->space >> (j + 2) & 3) && particle_at(c, q + j, e))
                   ? -1
                   : 0;
    if (k >= win)
        return -2;
    if (!(low >> k & 1))
        return b->high >> k & 1 ? -1 : 0;
    unsigned r2 = (unsigned)__builtin_ctzll(~ok & ~(uint64_t)0 << k);
    first[0] = r;
    /* (r2 is at most win + 1, and the byte there may be read: the text
       has room after its end; the three tests made without a branch) */
    unsigned known = (unsigned)(r2 < win) & (unsigned)!(b->high >> r2 & 1) & (unsigned)(c->t.s[q + r2] != '-');
    first[1] = r2 & (0u - known);
    return 1;
}

/* name_may_start()'s answer from the bytes at q, sixteen at a time, the
   next sixteen only where a long word asks for them: 1 or 0, or -1 (the
   walk by characters must say), and with 1 the ends of the first two
   words in first[] as name_bits_answer() gives them. The range holds the
   first window (q + 17 <= e). */
static PK_ALWAYS_INLINE int name_may_start_wide(const ctx *c, size_t q, size_t e, unsigned *first)
{
    name_bits b = {0, 0, 0, 0, 0, 0};
    name_bits_at(c->t.s, q, 0, &b);
    int w = name_bits_answer(c, q, e, &b, 16, first);
    if (w != -2)
        return w;
    if (q + 33 > e)
        return -1;
    name_bits_at(c->t.s, q + 16, 16, &b);
    w = name_bits_answer(c, q, e, &b, 32, first);
    return w == -2 ? -1 : w;
}
#endif

/* RX_NAME may match from q on in a range that ends at e: by characters. */
static int name_may_start_walk(const ctx *c, size_t q, size_t e)
{
    size_t p = may_cap_word(c, q, e);
    if (!p)
        return 0;
    if (p < e && c->t.s[p] == '-' && !(p = may_cap_word(c, p + 1, e)))
        return 0;
    if (p >= e || (c->t.s[p] != ' ' && c->t.s[p] != '\n'))
        return 0;
    p++;
    size_t k = may_upper(c, p, e);
    if (!k && p < e) {
        /* pcre2 tries the particle first; a capital must follow it */
        size_t m = particle_at(c, p, e);
        if (!m)
            return 0;
        p += m;
        k = may_upper(c, p, e);
    }
    return k && may_lower(c, p + k, e);
}

/* RX_NAME may match from q on in a range that ends at e; where the bytes
   told it (ASCII and Latin-1 letters), the first word's length (its part
   after a hyphen in) in first[0], and where the second ends in first[1]
   (name_bits_answer()), else 0 there. */
static PK_ALWAYS_INLINE int name_may_start(const ctx *c, size_t q, size_t e, unsigned first[2])
{
    first[0] = first[1] = 0;
#if defined(__SSE2__)
    if (q + 17 <= e) {
        int w = name_may_start_wide(c, q, e, first);
        if (w >= 0)
            return w;
        first[0] = first[1] = 0;
    }
#endif
    return name_may_start_walk(c, q, e);
}

/* The places where RX_NAME may match in the whole text, ascending: found
   once per document, and read by every search for a name. A place where
   a name may start in a shorter range is among them (the check reads no
   further there), so a search of a range asks the check again at each. */
typedef struct name_starts {
    uint32_t *at;
    size_t n;
    /* the length of the name's first word at each, where the check by the
       bytes' classes told it (0 where not): it ends at a space or line
       break, so a match there in any range that holds that space has it
       for its first word, and the walk by hand starts after it; and
       where the second ends (0 where not told), at an ASCII byte that
       ends its run of letters as it does the walk's: the first in the
       low byte, the second in the high (a store of a uint16_t, unlike
       one of bytes, changes no other field, so the check's loop need not
       read them again after it) */
    uint16_t *first;
    /* the indices of the places after a line break (line_at, nline of
       them: attendance() reads those) and after a space (space_at,
       nspace: titled() reads those), each list ascending */
    uint32_t *line_at, *space_at;
    size_t nline, nspace;
} name_starts;

/* The place p passed the check: it is kept in ns, with the ends of its
   first two words (w), and in the list of those after a line break or a
   space; the lists are written without a branch on the byte (a place
   follows either, or neither, as unpredictably). */
static PK_ALWAYS_INLINE void keep_start(const ctx *c, name_starts *ns, size_t p, const unsigned w[2])
{
    size_t k = ns->n++;
    unsigned char before = p ? (unsigned char)c->t.s[p - 1] : 0;
    ns->at[k] = (uint32_t)p;
    ns->first[k] = (uint16_t)(w[0] | w[1] << 8);
    ns->line_at[ns->nline] = (uint32_t)k;
    ns->nline += before == '\n';
    ns->space_at[ns->nspace] = (uint32_t)k;
    ns->nspace += before == ' ';
}

/* find_name_starts()'s classes of the byte after the first space after a
   capital (and name_walk_on()'s of the byte after a name word's): one a
   name may go on from (A-Z, or a byte from 0x80 on but 0xC3), one no
   name goes on from (ASCII other than A-Z and a particle's first
   letter), the first letter of a particle (NAME_PARTICLE_FIRST, from the
   rows: "af", "von"), which particle_at() must say, and 0xC3, which the
   byte after it must say (a Latin-1 small letter: no name) */
enum { AFTER_SPACE_GOES = 0, AFTER_SPACE_NO = 1, AFTER_SPACE_C3 = 2, AFTER_SPACE_PARTICLE = 4 }; /* (bits) */
#define AFTER_SPACE(b)                                                                                                 \
    ((b) >= 0x80   ? ((b) == 0xC3 ? AFTER_SPACE_C3 : AFTER_SPACE_GOES)                                                 \
     : (b) >= 'A' && (b) <= 'Z' ? AFTER_SPACE_GOES                                                                     \
     : NAME_PARTICLE_FIRST(b)   ? AFTER_SPACE_PARTICLE                                                               \
                                : AFTER_SPACE_NO)
#define AFTER_SPACE4(b) AFTER_SPACE(b), AFTER_SPACE((b) + 1), AFTER_SPACE((b) + 2), AFTER_SPACE((b) + 3)
#define AFTER_SPACE16(b) AFTER_SPACE4(b), AFTER_SPACE4((b) + 4), AFTER_SPACE4((b) + 8), AFTER_SPACE4((b) + 12)
#define AFTER_SPACE64(b) AFTER_SPACE16(b), AFTER_SPACE16((b) + 16), AFTER_SPACE16((b) + 32), AFTER_SPACE16((b) + 48)
static const unsigned char after_space[256] = {AFTER_SPACE64(0), AFTER_SPACE64(64), AFTER_SPACE64(128),
                                               AFTER_SPACE64(192)};
#undef AFTER_SPACE
#if defined(__SSE2__)
/* the classes of after_space that stop a name, by the byte after: 0xC3
   stops one before a Latin-1 small letter's second byte (ß-ÿ), and the
   class of the ASCII bytes no name goes on from at any (a class held
   against these bits is 0 where a name may go on) */
#define AFTER_SPACE(b) (AFTER_SPACE_NO | ((b) >= 0x9F && (b) <= 0xBF ? AFTER_SPACE_C3 : 0))
static const unsigned char after_space_stops[256] = {AFTER_SPACE64(0), AFTER_SPACE64(64), AFTER_SPACE64(128),
                                                     AFTER_SPACE64(192)};
#undef AFTER_SPACE
#endif
#undef AFTER_SPACE64
#undef AFTER_SPACE16
#undef AFTER_SPACE4

/* The places of a capital before a small letter (scan.c's
   PK_CUE_CAPITALS: A-Z before a-z or a byte from 0x80 on, or a lead byte
   from 0xC3 on but for a Latin-1 small letter's), each asked whether
   RX_NAME may match there: a capital before no small letter ("§ 12 KS")
   and å ä ö, where no name starts, are never asked. */
static name_starts find_name_starts(ctx *c)
{
    const pk_cues *q = pk_cue_places(c, PK_CUE_CAPITALS);
    name_starts ns = {NULL, 0, NULL, NULL, NULL, 0, 0};
    /* (four places more: next_name() reads the places four at a time) */
    uint32_t *at = q->n ? pk_arena_alloc(c->a, (3 * q->n + 4) * sizeof *at) : NULL;
    uint16_t *first = q->n ? pk_arena_alloc(c->a, q->n * sizeof *first) : NULL;
    size_t i = 0;
    if (!at || !first)
        return ns;
    ns.at = at;
    ns.first = first;
    ns.line_at = at + q->n;
    ns.space_at = at + 2 * q->n;
#if defined(__SSE2__)
    /* The check wants the first space or line break after the capital
       ("Kommunstyrelsen beslutar") followed by a capital or a particle
       (particle_at(): "af", "de", "da", "el", "von", "van"): where an
       ASCII byte other than A-Z and a particle's first, or a Latin-1
       small letter, follows it in the 31 bytes after p, no name starts,
       and the classes of those bytes are never asked. Most capitals fail
       so, as unpredictably as they pass: the test is made without a
       branch on its answer for every capital with 48 bytes of text after
       it, and those it passes are kept at the front of at[] for the
       check below (which keeps those it passes at the front again). */
    const __m128i sp = _mm_set1_epi8(' '), nl = _mm_set1_epi8('\n');
    size_t kept = 0, wide = q->n; /* the places with 48 bytes after them: all but the last few */
    while (wide > 0 && (size_t)q->at[wide - 1] + 48 > c->t.n)
        wide--;
    const char *text = c->t.s;
    for (; i < wide; i++) {
        size_t p = q->at[i];
        __m128i x0 = _mm_loadu_si128((const __m128i *)(const void *)(text + p));
        __m128i x1 = _mm_loadu_si128((const __m128i *)(const void *)(text + p + 16));
        unsigned m = (unsigned)_mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(x0, sp), _mm_cmpeq_epi8(x0, nl))) |
                     (unsigned)_mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(x1, sp), _mm_cmpeq_epi8(x1, nl))) << 16;
        /* the byte after the first space in the 31 bytes after p (or a
           byte of the window, f = 31, when they hold none: the test then
           fails the capital) */
        unsigned f = (unsigned)__builtin_ctz(m | 0x80000000u);
        size_t nx = p + f + 1;
        unsigned b = (unsigned char)text[nx], b2 = (unsigned char)text[nx + 1];
        /* ASCII: a capital, or a small letter that opens a particle (the
           look at the particle after it); a Latin-1 small letter ("är",
           "över") opens neither (after_space, its classes as bits) */
        unsigned k = after_space[b];
        unsigned no = (k & after_space_stops[b2]) != 0;
        if (k == AFTER_SPACE_PARTICLE)
            no = particle_at(c, nx, c->t.n) == 0;
        at[kept] = (uint32_t)p;
        kept += (f < 31) & (no ^ 1);
    }
    for (size_t j = 0; j < kept; j++) {
        unsigned w[2];
        if (name_may_start(c, at[j], c->t.n, w))
            keep_start(c, &ns, at[j], w);
    }
#endif
    /* the rest (or all, without SSE2) asked one by one */
    for (; i < q->n; i++) {
        unsigned w[2];
        if (name_may_start(c, q->at[i], c->t.n, w))
            keep_start(c, &ns, q->at[i], w);
    }
    return ns;
}

/* ---- RX_NAME's match by hand ----
   Where every character it reads is ASCII or a Latin-1 letter after a byte
   0xC3, whose case is known here, the match of RX_NAME at a place is found
   without pcre2: each part of the pattern is greedy and none gives back
   what it took (a small letter is no space, hyphen or capital), so the
   match is the longest the parts take in order. Another character hands
   the question to pcre2. */
#define NAME_ASK_PCRE2 SIZE_MAX

/* The class of the character at p in a range that ends at e: 1 a capital,
   2 a small letter, 0 anything else or the range's end, 3 unknown here;
   *len its length. */
static inline int name_class(const ctx *c, size_t p, size_t e, size_t *len)
{
    *len = 1;
    if (p >= e)
        return 0;
    unsigned char a = (unsigned char)c->t.s[p];
    if (a < 0x80)
        return (unsigned char)(a - 'A') < 26 ? 1 : (unsigned char)(a - 'a') < 26 ? 2 : 0;
    if (a == 0xC3 && p + 1 < c->t.n && ((unsigned char)c->t.s[p + 1] & 0xC0) == 0x80) {
        unsigned char b = (unsigned char)c->t.s[p + 1];
        *len = 2;
        return b == 0x97 || b == 0xB7 ? 0 : b <= 0x9E ? 1 : 2; /* × ÷ */
    }
    return 3;
}

/* "\p{Lu}\p{Ll}+" at p: where it ends, 0 when it does not match,
   NAME_ASK_PCRE2 when that is not known here */
static PK_ALWAYS_INLINE size_t cap_word_end(const ctx *c, size_t p, size_t e)
{
    size_t k;
    int cl;
    const unsigned char *t = (const unsigned char *)c->t.s;
    if (p + 1 < e && (unsigned char)(t[p] - 'A') < 26 && (unsigned char)(t[p + 1] - 'a') < 26) {
        k = 2; /* the commonest opening, A-Z then a-z, without asking the classes */
    } else {
        if ((cl = name_class(c, p, e, &k)) != 1)
            return cl == 3 ? NAME_ASK_PCRE2 : 0;
        p += k;
        if ((cl = name_class(c, p, e, &k)) != 2)
            return cl == 3 ? NAME_ASK_PCRE2 : 0;
    }
    for (p += k;; p += k) {
        /* ASCII and Latin-1 small letters in a tight loop, others one by one */
        p = latin_small_end(c->t.s, p, e, c->t.n);
        if (p < e && t[p] < 0x80) {
            cl = 0; /* no a-z, that the run would hold: a capital or no letter */
            break;
        }
        if ((cl = name_class(c, p, e, &k)) != 2)
            break;
    }
    return cl == 3 ? NAME_ASK_PCRE2 : p;
}

/* "\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?" at p: where it ends, 0 when it does
   not match, NAME_ASK_PCRE2 when that is not known here (in line in
   name_end_words(), which asks it of every word) */
static PK_ALWAYS_INLINE size_t name_word_end(const ctx *c, size_t p, size_t e)
{
    p = cap_word_end(c, p, e);
    if (p && p != NAME_ASK_PCRE2 && p < e && c->t.s[p] == '-') {
        size_t h = cap_word_end(c, p + 1, e);
        if (h == NAME_ASK_PCRE2)
            return h;
        if (h)
            p = h;
    }
    return p;
}

typedef struct word {
    size_t s, e;
} word;

/* The words of a match found by hand, as words_of() splits it (one space
   or line break stands between two, and a particle is a word); n is 0
   where they are not known. far: the match ends sixteen bytes or more
   before the range's end, so that no word of it was cut by that end (nor
   is by a range that reaches as far). */
typedef struct name_words {
    word w[8];
    size_t n;
    int far;
} name_words;

/* name_end_words()'s walk on from p, the end of a name word, with *reps
   name words after the first and *k words in found: the match's end, or
   NAME_ASK_PCRE2; *reps and *k as it leaves them */
static PK_ALWAYS_INLINE size_t name_walk_on(const ctx *c, size_t p, size_t e, size_t *reps, word *found, size_t *k)
{
    for (const char *t = c->t.s; *reps < 3;) {
        /* a space or line break, a byte after it in the range, and that
           byte no ASCII other than A-Z and a particle's first letter (no
           word, as name_word_end() would say, and no particle: in small
           letters a-z, a byte from 0x80 on opens none): asked in one
           branch (each alone was as unpredictable as the text). The two
           bytes may be read: p is at most the text's end, which has room
           after it. */
        unsigned char a = (unsigned char)t[p], b = (unsigned char)t[p + 1];
        unsigned cls = after_space[b];
        if (!((unsigned)(p + 1 < e) & ((unsigned)(a == ' ') | (unsigned)(a == '\n')) &
              (unsigned)!(cls & AFTER_SPACE_NO)))
            break;
        size_t w = p + 1;
        if (cls & AFTER_SPACE_PARTICLE) {
            /* pcre2 tries the particle first, and a capital must follow it */
            size_t m = particle_at(c, w, e);
            if (!m)
                break;
            w += m;
            if (w >= e || ((unsigned char)t[w] < 0x80 && (unsigned char)(t[w] - 'A') >= 26))
                break;
        }
        size_t r = name_word_end(c, w, e);
        if (r == NAME_ASK_PCRE2)
            return r;
        if (!r)
            break;
        if (w > p + 1)
            found[(*k)++] = (word){p + 1, w - 1}; /* the particle, without its space */
        found[(*k)++] = (word){w, r};
        p = r;
        (*reps)++;
    }
    return p;
}

/* RX_NAME's match at q in a range that ends at e: its end, 0 when none
   starts at q, NAME_ASK_PCRE2 when that is not known here; its words in
   *nw, when asked, where it is found. first: where the first two words
   end, as the place's check told it (name_starts's first), or NULL. */
static PK_ALWAYS_INLINE size_t name_end_words(const ctx *c, size_t q, size_t e, name_words *nw, const uint16_t *first)
{
    if (nw)
        nw->n = 0;
    size_t f0 = first ? *first & 0xFFu : 0, f1 = first ? (size_t)(*first >> 8) : 0;
    size_t p = f0 && q + f0 < e ? q + f0 : name_word_end(c, q, e);
    if (p == 0 || p == NAME_ASK_PCRE2)
        return p;
    size_t reps = 0, k = 0;
    word scratch[8], *found = nw ? nw->w : scratch; /* nw->n is set last */
    found[k++] = (word){q, p};
    if (f0 && f1 && q + f1 < e) {
        /* the second word, a capital after the space, is known too */
        found[k++] = (word){p + 1, q + f1};
        p = q + f1;
        reps++;
    }
    if ((p = name_walk_on(c, p, e, &reps, found, &k)) == NAME_ASK_PCRE2)
        return p;
    if (!reps)
        return 0;
    if (nw) {
        nw->n = k;
        nw->far = p + 16 <= e;
    }
    return p;
}

/* The first match of RX_NAME in [pos, end), as pk_rx_match gives it: none
   starts before the first place the hand check passes; *i is where the
   look for a place begins in ns (the index of the first place at or
   after pos, or before it), and is left there. In line in its two
   callers, runs() and labelled(): a call for each name cost a frame's
   saves and loads, and ns's bounds and *i read again from memory. */
static PK_ALWAYS_INLINE int next_name(ctx *c, const name_starts *ns, size_t *i, size_t pos, size_t end, size_t *ov, name_words *nw)
{
#if defined(__SSE2__)
    /* the places before pos skipped four at a time, their count taken
       from the comparisons' bits (a walk's exit after none, one or two
       was as unpredictable as the names' lengths); the places are below
       2^32, and so is pos where one may stand before it, and room for
       four more stands after them (find_name_starts()) */
    const __m128i bias = _mm_set1_epi32(INT32_MIN);
    const __m128i before = _mm_xor_si128(_mm_set1_epi32((int)(uint32_t)(pos < UINT32_MAX ? pos : UINT32_MAX)), bias);
    for (size_t left; (left = ns->n - *i) != 0;) {
        __m128i x = _mm_xor_si128(_mm_loadu_si128((const __m128i *)(const void *)(ns->at + *i)), bias);
        unsigned m = (unsigned)_mm_movemask_ps(_mm_castsi128_ps(_mm_cmplt_epi32(x, before)));
        m &= left >= 4 ? 15u : (1u << left) - 1;
        unsigned k = (unsigned)__builtin_ctz(~m);
        *i += k;
        if (k < 4)
            break;
    }
#else
    while (*i < ns->n && ns->at[*i] < pos)
        (*i)++;
#endif
    for (; *i < ns->n && ns->at[*i] < end; (*i)++) {
        size_t q = ns->at[*i], r = name_end_words(c, q, end, nw, &ns->first[*i]);
        if (r == NAME_ASK_PCRE2)
            return pk_rx_match(c, RX_NAME, q, end, ov, 2);
        if (r) {
            ov[0] = ov[2] = q;
            ov[1] = ov[3] = r;
            return 1;
        }
    }
    return 0;
}

/* RX_NAME matches at q, in a range that ends at e (its words in *nw, when
   asked, as name_end_words() gives them; first as it takes it). */
static int name_at(ctx *c, size_t q, size_t e, size_t *ov, name_words *nw, const uint16_t *first)
{
    size_t r = name_end_words(c, q, e, nw, first);
    if (r == NAME_ASK_PCRE2)
        return pk_rx_match(c, RX_NAME, q, e, ov, 2) && ov[2] == q;
    if (!r)
        return 0;
    ov[0] = ov[2] = q;
    ov[1] = ov[3] = r;
    return 1;
}

/* The ranges add() was given, each with the person it named: a name is
   often given again where it stands (a title before it, then a verb after
   it), and the person found again by the range costs no look at the name
   itself. A cache of SEEN_SLOTS slots by a hash of the range, each slot
   written over by the next range that hashes to it: a range it no longer
   holds is looked up by its name, which finds the same person (no probes
   and no table to grow: a document names a few people). */
#define SEEN_SLOTS 64
typedef struct people_seen {
    struct seen_slot {
        size_t s, e, person; /* person: index + 1, 0 for an empty slot */
    } slot[SEEN_SLOTS];
} people_seen;

static inline struct seen_slot *seen_at(people_seen *ps, size_t s, size_t e)
{
    return &ps->slot[(size_t)(((uint64_t)s * 0x9E3779B97F4A7C15u ^ (uint64_t)e * 0xC2B2AE3D27D4EB4Fu) >> 32) &
                     (SEEN_SLOTS - 1)];
}

/* What a mention adds to the person it names. */
static inline void add_to(pk_person *p, const char *title, const char *party, const char *role)
{
    /* (its first byte first: most roles are another) */
    if (role[0] == 'c' && strcmp(role, "chair") == 0 && strcmp(p->role, "chair") != 0)
        p->role = role;
    if (!p->title && title)
        p->title = title;
    if (!p->party && party)
        p->party = party;
}

static void add(ctx *c, size_t s, size_t e, const char *title, const char *party, const char *role)
{
    if (!c->people_seen) {
        c->people_seen = pk_arena_alloc(c->a, sizeof *c->people_seen);
        memset(c->people_seen, 0, sizeof *c->people_seen);
    }
    struct seen_slot *seen = seen_at(c->people_seen, s, e);
    if ((unsigned)(seen->s == s) & (unsigned)(seen->e == e) & (unsigned)(seen->person != 0)) {
        add_to((pk_person *)c->people.items + (seen->person - 1), title, party, role);
        return;
    }
    size_t s0 = s, e0 = e;
    e = drop_place(c, s, e);
    /* the name as pk_fold() gives it: most names hold no line break and
       no two spaces in a row, and are their own fold, looked up where
       they stand and copied only when new */
    const char *name;
    size_t n;
    if (pk_fold_is_self(c, s, e)) {
        name = c->t.s + s;
        n = e - s;
    } else {
        name = pk_fold_len(c, s, e, &n);
    }
    uint32_t h = (uint32_t)pk_hash_folded(name, n);
    pk_person *p = find_hashed(c, name, n, h);
    if (p) {
        add_to(p, title, party, role);
        *seen = (struct seen_slot){s0, e0, (size_t)(p - (pk_person *)c->people.items) + 1};
        return;
    }
    if (name == c->t.s + s)
        name = pk_arena_strndup(c->a, name, n);
    p = pk_vec_push(c->a, &c->people);
    p->name = name;
    p->title = title;
    p->party = party;
    p->role = role;
    p->span = pk_span_of(c, s, e);
    if (!c->people_index) {
        c->people_index = pk_arena_alloc(c->a, sizeof *c->people_index);
        memset(c->people_index, 0, sizeof *c->people_index);
    }
    pk_index_add(c->a, c->people_index, c->people.n - 1, h);
    *seen = (struct seen_slot){s0, e0, c->people.n};
}

/* the bytes no name word holds: digits : ( ) , . @ / */
static const unsigned char no_name[256] = {
    ['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1, ['6'] = 1, ['7'] = 1, ['8'] = 1,
    ['9'] = 1, [':'] = 1, ['('] = 1, [')'] = 1, [','] = 1, ['.'] = 1, ['@'] = 1, ['/'] = 1,
};

#if defined(__SSE2__)
/* The bytes of x that no_name holds, as bits: . / 0-9 : are 0x2E-0x3A,
   then ( ) , @ */
static inline unsigned no_name_bits(__m128i x)
{
    __m128i nn = _mm_or_si128(_mm_or_si128(bytes_in(x, 0x2E, 0x3A), bytes_in(x, '(', ')')),
                              _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8(',')), _mm_cmpeq_epi8(x, _mm_set1_epi8('@'))));
    return (unsigned)_mm_movemask_epi8(nn);
}
#endif

/* The end of the word at p in a range that ends at e: the first space or
   newline from p on, else e. *bad, when asked, tells whether a byte of
   no_name stands in the word. Sixteen bytes at a time (SSE2) while the
   text holds them, the bits past e put aside. */
static inline size_t word_end_at(const ctx *c, size_t p, size_t e, unsigned char *bad)
{
    const char *s = c->t.s;
    unsigned char b = 0;
#if defined(__SSE2__)
    for (; p < e && p + 16 <= c->t.n; p += 16) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(s + p));
        unsigned m = (unsigned)_mm_movemask_epi8(
            _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8(' ')), _mm_cmpeq_epi8(x, _mm_set1_epi8('\n'))));
        if (e - p < 16)
            m |= 1u << (e - p);
        unsigned end = m ? (unsigned)__builtin_ctz(m) : 16;
        if (bad && no_name_bits(x) & ((1u << end) - 1))
            b = 1;
        if (end < 16) {
            if (bad)
                *bad = b;
            return p + end;
        }
    }
#endif
    for (; p < e && s[p] != ' ' && s[p] != '\n'; p++)
        b |= no_name[(unsigned char)s[p]];
    if (bad)
        *bad = b;
    return p;
}

static size_t words_of(const ctx *c, size_t s, size_t e, word *w, size_t max, int *wide_gap)
{
    size_t n = 0;
#if defined(__SSE2__)
    /* a range of at most 64 bytes (most are a name's): its spaces and
       line breaks as bits, sixteen bytes at a time while the text holds
       them, and its words the runs of clear bits */
    if (s < e && e - s <= 64 && e + 15 <= c->t.n) {
        uint64_t sp = 0;
        for (size_t k = 0; k < e - s; k += 16) {
            __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(c->t.s + s + k));
            unsigned m = (unsigned)_mm_movemask_epi8(
                _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8(' ')), _mm_cmpeq_epi8(x, _mm_set1_epi8('\n'))));
            sp |= (uint64_t)m << k;
        }
        uint64_t in = ~sp & (e - s < 64 ? ((uint64_t)1 << (e - s)) - 1 : ~(uint64_t)0);
        uint64_t starts = in & ~(in << 1), ends = in & ~(in >> 1); /* a word's first and last byte */
        for (; starts && n < max; n++) {
            size_t a = (size_t)__builtin_ctzll(starts), b = (size_t)__builtin_ctzll(ends) + 1;
            starts &= starts - 1;
            ends &= ends - 1;
            w[n].s = s + a;
            w[n].e = s + b;
            if (wide_gap)
                wide_gap[n] = s + b + 1 < e && c->t.s[s + b + 1] == ' ';
        }
        return n;
    }
#endif
    for (size_t p = s; p < e && n < max;) {
        while (p < e && (c->t.s[p] == ' ' || c->t.s[p] == '\n'))
            p++;
        if (p >= e)
            break;
        w[n].s = p;
        p = word_end_at(c, p, e, NULL);
        w[n].e = p;
        if (wide_gap)
            wide_gap[n] = p + 1 < e && c->t.s[p + 1] == ' ';
        n++;
    }
    return n;
}

/* The words of a match [s, e): those it was found with where they are
   known, else as words_of() splits them (at most eight). */
static inline size_t match_words(const ctx *c, const name_words *nw, size_t s, size_t e, word *w)
{
    if (nw->n) {
        memcpy(w, nw->w, nw->n * sizeof *w);
        return nw->n;
    }
    return words_of(c, s, e, w, 8, NULL);
}

static PK_ALWAYS_INLINE int is_name_word(const ctx *c, const word *w)
{
    const char *s = c->t.s + w->s;
    size_t n = w->e - w->s;
    if (!pk_is_upper_at(s, n) || n < 2)
        return 0;
#if defined(__SSE2__)
    /* a word of sixteen bytes or fewer (most are) in one step, where the
       text holds the block */
    if (n <= 16 && w->s + 16 <= c->t.n)
        return !(no_name_bits(_mm_loadu_si128((const __m128i *)(const void *)s)) & ((1u << n) - 1));
#endif
    for (size_t i = 0; i < n; i++)
        if (no_name[(unsigned char)s[i]])
            return 0;
    return 1;
}

/* A given name, or given names joined by hyphens ("Mats-Olof"): s[0..n)
   lies in the text (given_joined()). */
static int given_at(const char *s, size_t n);

/* given_at() past the look at the whole word. s lies in the text, whose
   room after its end lets sixteen bytes be read from it: a word of sixteen
   bytes or fewer (most) is asked for its first hyphen in one read, not by
   memchr() (a call, and its branches on the short, varying length). */
static int given_joined(const char *s, size_t n)
{
    const char *h;
#if defined(__SSE2__)
    if (n <= 16) {
        unsigned m = (unsigned)_mm_movemask_epi8(
                         _mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)(const void *)s), _mm_set1_epi8('-'))) &
                     ((1u << n) - 1);
        h = m ? s + __builtin_ctz(m) : NULL;
    } else
#endif
        h = memchr(s, '-', n);
    if (!h || h == s)
        return 0;
    size_t k = (size_t)(h - s);
    return pk_is_given_name(s, k) && given_at(h + 1, n - k - 1);
}

static inline int given_at(const char *s, size_t n) { return pk_is_given_name(s, n) || given_joined(s, n); }

static int given(const ctx *c, const word *w) { return given_at(c->t.s + w->s, w->e - w->s); }

/* Titles on a line: returns their count and bounds, 0 if the line is not all titles. */
static size_t titles_of(const ctx *c, size_t s, size_t e, word *t, size_t max)
{
    size_t n = 0, p = s;
    while (p < e && n < max) {
        p = run_end(c, p, e, ' ', ',');
        if (p >= e)
            break;
        size_t k = pk_title_in(c->t.s + p, e - p, c->t.n - p);
        if (!k && n > 0 && pk_is_lower_at(c->t.s + p, e - p) && e - p < 30) {
            /* the last title's domain: "Avdelningschef förskola" */
            t[n - 1].e = e;
            return n;
        }
        if (!k && n == 1 && pk_is_lower_at(c->t.s + p, e - p)) {
            /* "Chef verksamhetsstödet Välfärd skola": one word of domain,
               then the unit */
            size_t q = p;
            while (q < e && c->t.s[q] != ' ')
                q++;
            if (q + 1 < e && pk_is_upper_at(c->t.s + q + 1, e - q - 1)) {
                t[0].e = q;
                p = q + 1;
            }
        }
        if (!k && n == 1 && p > t[0].e && pk_is_upper_at(c->t.s + p, e - p) && e - p < 40) {
            /* one title and the unit it heads: "Produktionsdirektör Välfärd
               skola"; a given name there begins prose ("Kommundirektör Per Ek
               informerar") */
            if (memchr(c->t.s + p, ',', e - p))
                return 0;
            while (p < e) {
                size_t q = p;
                while (q < e && c->t.s[q] != ' ')
                    q++;
                if (given_at(c->t.s + p, q - p))
                    return 0;
                p = q + 1;
            }
            return 1;
        }
        if (!k && n == 0) {
            /* a compound split in two by the PDF's text: "Utbildnings strateg" */
            size_t q = byte_from(c, p, e, ' ');
            if (q - p > 3 && c->t.s[q - 1] == 's' && q + 1 < e && pk_is_lower_at(c->t.s + q + 1, e - q - 1)) {
                size_t k2 = pk_title_in(c->t.s + q + 1, e - q - 1, c->t.n - q - 1);
                if (k2)
                    k = q + 1 + k2 - p;
            }
        }
        if (!k)
            return 0;
        t[n].s = p;
        t[n].e = p + k;
        n++;
        p += k;
    }
    return p >= e ? n : 0;
}

/* t, a title (or NULL), is one of the n whole titles of w (their first
   bytes compared before the rest: most titles are none of them) */
static int title_in(const char *t, const char *const *w, size_t n)
{
    for (size_t i = 0; t && i < n; i++)
        if (t[0] == w[i][0] && strcmp(t, w[i]) == 0)
            return 1;
    return 0;
}

/* The role a signatory's title gives, from the titles of
   people_words.tsv (other_title whole, other_title_part anywhere in the
   title) */
static const char *role_for_title(const char *t)
{
    if (!t)
        return "signatory";
    if (title_in(t, pk_chair_role_title, pk_n_chair_role_title))
        return "chair";
    if (title_in(t, pk_other_title, pk_n_other_title))
        return "other";
    for (size_t i = 0; i < pk_n_other_title_part; i++)
        if (strstr(t, pk_other_title_part[i]))
            return "other";
    if (title_in(t, pk_officer_title, pk_n_officer_title))
        return "officer";
    return "signatory";
}

/* "(S)", "(ÖrP)": a word that is a party in parentheses */
static int party_word(ctx *c, const word *w)
{
    size_t n = w->e - w->s;
    const char *s = c->t.s + w->s;
    return n >= 3 && n <= 12 && s[0] == '(' && s[n - 1] == ')' && party_of(c, s + 1, n - 2, 1);
}

/* may_sign()'s walk by bytes over the line from p on (at a word's start
   or in the spaces before it), the n words before p passed */
static PK_ALWAYS_INLINE int may_sign_from(const ctx *c, const line *nl, size_t p, size_t n)
{
    /* the words as words_of() gives them, looked at as they come: most
       lines fail at their first or second */
    for (; p < nl->e && n < 16; n++) {
        p = run_end(c, p, nl->e, ' ', '\n');
        if (p >= nl->e)
            break;
        const char *s = c->t.s + p;
        unsigned char a = (unsigned char)s[0];
        if (a < 0x80 && (unsigned char)(a - 'A') >= 26) {
            /* no name word (its first character is no capital): the word
               must be short, or a party in parentheses, so its end is
               looked for no further than that */
            if (n == 0)
                return 0;
            size_t lim = a == '(' ? 12 : 3;
            size_t q = word_end_at(c, p, nl->e - p > lim + 1 ? p + lim + 1 : nl->e, NULL);
            if (q - p > lim || (q - p > 3 && c->t.s[q - 1] != ')'))
                return 0;
            p = q;
            continue;
        }
        /* the word's end and the bytes no name word holds, in one walk */
        unsigned char bad;
        size_t q = word_end_at(c, p, nl->e, &bad);
        size_t m = q - p;
        p = q;
        if ((n == 0 || (m > 3 && !(m <= 12 && s[0] == '(' && s[m - 1] == ')'))) &&
            (bad || m < 2 || !pk_is_upper_at(s, m)))
            return 0;
    }
    return n >= 2;
}

#if defined(__SSE2__)
/* may_sign() on the line's first win bytes (32 or 64), where the text
   holds them, read once: its spaces and line breaks and the bytes no name
   word holds as bits (those from the line's end on as spaces), and the
   words the runs of clear bits; a word that reaches past them is walked
   by bytes from its start */
static PK_ALWAYS_INLINE int may_sign_window(const ctx *c, const line *nl, unsigned win)
{
    const char *t = c->t.s + nl->s;
    size_t len = nl->e - nl->s;
    /* (a line that opens with ASCII other than a capital, a space or a
       line break, where no name word opens, is never asked: pick_lines()
       lists none) */
    const __m128i sp_b = _mm_set1_epi8(' '), nl_b = _mm_set1_epi8('\n');
    uint64_t sp = 0;
    __m128i x[4];
    for (unsigned k = 0; k < win / 16; k++) {
        x[k] = _mm_loadu_si128((const __m128i *)(const void *)(t + 16 * k));
        __m128i blank = _mm_or_si128(_mm_cmpeq_epi8(x[k], sp_b), _mm_cmpeq_epi8(x[k], nl_b));
        sp |= (uint64_t)(unsigned)_mm_movemask_epi8(blank) << (16 * k);
    }
    int closed = len <= win; /* the line ends in the window */
    /* (the bits from the line's end on, without a branch on it) */
    sp |= ((uint64_t)0 - (uint64_t)(len < win)) & (~(uint64_t)0 << (len & 63));
    /* the words' first and last bytes; past the window, a word whose
       last byte is the window's last may go on */
    uint64_t in = ~sp & (win == 64 ? ~(uint64_t)0 : ((uint64_t)1 << win) - 1), starts = in & ~(in << 1),
             ends = in & ~(in >> 1);
    /* a line of prose fails at its second word, in small letters and
       longer than a short word ("Kommunstyrelsen beslutar"): asked
       before the bytes no name word holds (a word cut by the window is
       no shorter past it) */
    uint64_t starts2 = starts & (starts - 1);
    if (starts2) {
        size_t ws2 = (size_t)__builtin_ctzll(starts2), we2 = (size_t)__builtin_ctzll(ends & (ends - 1)) + 1;
        unsigned char a2 = (unsigned char)t[ws2];
        if (a2 < 0x80 && (unsigned char)(a2 - 'A') >= 26 && a2 != '(' && we2 - ws2 > 3)
            return 0;
    }
    uint64_t bad = 0;
    for (unsigned k = 0; k < win / 16; k++)
        bad |= (uint64_t)no_name_bits(x[k]) << (16 * k);
    for (size_t n = 0; starts; n++) {
        if (n == 16)
            return 1;
        size_t ws = (size_t)__builtin_ctzll(starts), we = (size_t)__builtin_ctzll(ends) + 1, m = we - ws;
        if (!closed && we >= win)
            return may_sign_from(c, nl, nl->s + ws, n);
        starts &= starts - 1;
        ends &= ends - 1;
        unsigned char a = (unsigned char)t[ws];
        if (a < 0x80 && (unsigned char)(a - 'A') >= 26) {
            /* no name word: a short word or a party in parentheses */
            if (n == 0)
                return 0;
            size_t lim = a == '(' ? 12 : 3;
            if (m > lim || (m > 3 && t[we - 1] != ')'))
                return 0;
        } else if ((n == 0 || m > 3) &&
                   (bad >> ws & (m < 64 ? ((uint64_t)1 << m) - 1 : ~(uint64_t)0) || m < 2 || !pk_is_upper_at(t + ws, m)))
            return 0;
        if (!starts) /* the last word in the window */
            return closed ? n + 1 >= 2 : may_sign_from(c, nl, nl->s + win, n + 1);
    }
    return closed ? 0 : may_sign_from(c, nl, nl->s + win, 0);
}
#endif

/* The line may be one of names that signature() takes, whatever titles
   stand below it: two words or more, each a name word but for short words
   and parties in parentheses after the first (what signature() asks of
   every line, before the titles are looked up): read by the window of 64
   bytes where the text holds it (most lines end in it), else of 32. */
static PK_ALWAYS_INLINE int may_sign(const ctx *c, const line *nl)
{
#if defined(__SSE2__)
    if (nl->s + 64 <= c->t.n)
        return may_sign_window(c, nl, 64);
    if (nl->s + 32 <= c->t.n)
        return may_sign_window(c, nl, 32);
#endif
    return may_sign_from(c, nl, nl->s, 0);
}

/* Names on a line over k titles: split at wide gaps, else at given names. */
static void signature(ctx *c, const line *nl, const word *titles, size_t k)
{
    word w[16];
    int gap[16];
    size_t n = words_of(c, nl->s, nl->e, w, 16, gap);
    if (n < 2 * k || n > 4 * k || n > 16)
        return;
    /* "Personaldirektör Elisabeth Carle" over a title: a line of a title
       and a name, not of names */
    if (pk_title_in(c->t.s + w[0].s, w[0].e - w[0].s, c->t.n - w[0].s))
        return;
    for (size_t i = 0; i < n; i++)
        if (!is_name_word(c, &w[i]) && !(i > 0 && (w[i].e - w[i].s) <= 3) && !(i > 0 && party_word(c, &w[i])))
            return;
    size_t starts[8], ns = 0;
    starts[ns++] = 0;
    for (size_t i = 0; i + 1 < n && ns < k; i++)
        if (gap[i])
            starts[ns++] = i + 1;
    if (ns != k) {
        ns = 1;
        for (size_t i = 2; i < n && ns < k; i++)
            if (given(c, &w[i]) && i - starts[ns - 1] >= 2 && n - i >= 2 * (k - ns))
                starts[ns++] = i;
    }
    if (ns != k) {
        if (n != 2 * k)
            return;
        for (ns = 0; ns < k; ns++)
            starts[ns] = 2 * ns;
    }
    for (size_t j = 0; j < k; j++) {
        size_t a = starts[j], b = j + 1 < k ? starts[j + 1] : n;
        if (b - a < 2)
            return;
    }
    for (size_t j = 0; j < k; j++) {
        size_t a = starts[j], b = j + 1 < k ? starts[j + 1] : n;
        const char *title = pk_lower(c->a, c->t.s + titles[j].s, titles[j].e - titles[j].s);
        /* "Erik Pelling Berg (S)": the party in parentheses is no part of the name */
        const char *party = NULL;
        size_t pl = w[b - 1].e - w[b - 1].s;
        if (b - a > 2 && party_word(c, &w[b - 1])) {
            party = party_of(c, c->t.s + w[b - 1].s + 1, pl - 2, given(c, &w[a]));
            b--;
        }
        add(c, w[a].s, w[b - 1].e, title, party, role_for_title(title));
    }
}

/* The name inside a match: from its first given name on. Returns 2 when
   the name opens with a given name, 1 when it is taken without one (its
   first word was asked and is none), 0 when it is none. */
static int trim_name(const ctx *c, size_t *s, size_t e)
{
    word w[8];
    size_t n = words_of(c, *s, e, w, 8, NULL);
    for (size_t i = 0; i + 1 < n; i++)
        if (given(c, &w[i])) {
            *s = w[i].s;
            return 2;
        }
    if (n < 2 || n > 3)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (pk_title_in(c->t.s + w[i].s, w[i].e - w[i].s, c->t.n - w[i].s) || !is_name_word(c, &w[i]))
            return 0;
    return 1;
}

static const struct label {
    const char *word;
    size_t len; /* of word */
    const char *title;
    const char *role;
    size_t max_words; /* under "Justeras" four words are two names more often than one */
} labels[] = {
/* the rows of name_labels.tsv (a row of fewer than four bytes fails the
   build there, and here: label_quad() reads four) */
#define LABEL(w, t, r, m) {w, sizeof w - 1 + 0 * sizeof(char[sizeof w > 4 ? 1 : -1]), t, r, m}
#include "name_labels.inc"
#undef LABEL
};

/* The labels by their first four bytes, as bits (bit k: labels[k]) under
   a hash of the four (label_quad()), made once from the rows: most lines
   cost one test that fails, even those that open with a label's first
   two bytes ("Kommunstyrelsen" by "Kontaktperson", a line in six or so:
   a test that passed as unpredictably). Two openings of one hash share
   their bits: the rows are compared whole after it. The hashes are 256,
   a table of 512 bytes that every line reads (a larger one costs a cache
   miss a line more often than the lines its collisions pass cost). */
#define LABEL_QUADS 256
static uint16_t label_rows[LABEL_QUADS];
static pthread_once_t label_rows_once = PTHREAD_ONCE_INIT;
static int label_rows_ready;

/* the hash of the four bytes at s (which may be read past a line's end) */
static inline size_t label_quad(const char *s)
{
    uint32_t v;
    memcpy(&v, s, 4);
    return (size_t)((v * 0x9E3779B1u) >> 24) & (LABEL_QUADS - 1);
}

/* The first bytes of the lines that pick_lines() looks at further, as
   bits: a label's first (from the rows, LINE_OPENS_LABEL), and those
   may_sign() reads on from (a capital A-Z, a byte from 0x80 on, a space
   or a line break: LINE_OPENS_SIGN); a line that opens with any other is
   neither (most lines of prose, which open in small letters). */
enum { LINE_OPENS_LABEL = 1, LINE_OPENS_SIGN = 2 };
static unsigned char line_opens[256];

static void make_label_rows(void)
{
    _Static_assert(sizeof labels / sizeof *labels <= 16, "a label's bit in label_rows");
    for (size_t k = 0; k < sizeof labels / sizeof *labels; k++) {
        label_rows[label_quad(labels[k].word)] |= (uint16_t)(1u << k);
        line_opens[(unsigned char)labels[k].word[0]] = LINE_OPENS_LABEL;
    }
    for (unsigned b = 0; b < 256; b++)
        if (b >= 0x80 || b - 'A' < 26 || b == ' ' || b == '\n')
            line_opens[b] |= LINE_OPENS_SIGN;
}

/* The lines that labelled() and the signature blocks look at, found in one
   walk over the lines: those that open with the first four bytes of a
   label (rows: label_rows; labelled() compares the rows whole), and those no heading that
   may_sign() passes with a line below them that is not blank. Each list
   ascends. */
typedef struct line_picks {
    const uint16_t *rows;
    uint32_t *label; /* (line indices as cue places are, below 2^32: a */
    size_t nlabel;   /* store of one is no store of a size_t of the ctx */
    uint32_t *sign;  /* that would be read again after it) */
    size_t nsign;
} line_picks;

static void pick_lines(ctx *c, const segs *g, line_picks *lp)
{
    pk_once(&label_rows_once, &label_rows_ready, make_label_rows);
    lp->rows = label_rows;
    lp->nlabel = lp->nsign = 0;
    lp->label = g->nlines ? pk_arena_alloc(c->a, 2 * g->nlines * sizeof *lp->label) : NULL;
    lp->sign = lp->label ? lp->label + g->nlines : NULL;
    if (!lp->label)
        return;
    /* the counts and bounds in locals, which the lists' stores cannot change */
    const line *lines = g->lines;
    size_t nlines = g->nlines, nlabel = 0, nsign = 0, ncand = 0;
    /* Every line's tests without a branch on their answers (lines that
       open with a label or a capital come as unpredictably as the text):
       each index is written to both lists, and a list moves on by 0 or 1.
       A line is listed for the labels when its first byte is a label's and
       its first four bytes' hash a label's: one shorter than any label, or
       that shares only their hash, fails the rows' comparison in
       labelled(). The four bytes are read from any line: the text has room
       after its end. The lines may_sign() is asked of are listed first, in
       sign[], and asked after. (blank is 0 or 1; the last line has none
       below it.) */
    unsigned blank = nlines ? (unsigned)lines[0].blank : 0u;
    for (size_t i = 0; i < nlines; i++) {
        const line *nl = &lines[i];
        const char *t = c->t.s + nl->s;
        unsigned open = line_opens[(unsigned char)t[0]] & (blank - 1u);
        blank = i + 1 < nlines ? (unsigned)nl[1].blank : 1u;
        lp->label[nlabel] = (uint32_t)i;
        nlabel += (open & LINE_OPENS_LABEL) & (unsigned)(label_rows[label_quad(t)] != 0);
        lp->sign[ncand] = (uint32_t)i;
        ncand += (open >> 1) & (blank ^ 1u) & (unsigned)!nl->heading;
    }
    for (size_t x = 0; x < ncand; x++) {
        uint32_t i = lp->sign[x];
        lp->sign[nsign] = i;
        nsign += (size_t)may_sign(c, &lines[i]);
    }
    lp->nlabel = nlabel;
    lp->nsign = nsign;
}

static void labelled(ctx *c, const segs *g, const name_starts *ns, const line_picks *lp)
{
    size_t ov[4];
    /* the rows that open with the line's first four bytes (or share their
       hash), in the rows' order */
    for (size_t x = 0; x < lp->nlabel; x++) {
        size_t i = lp->label[x];
        const line *l = &g->lines[i];
        for (unsigned bits = lp->rows[label_quad(c->t.s + l->s)]; bits;
             bits &= bits - 1) {
            size_t k = (size_t)__builtin_ctz(bits), m = labels[k].len;
            /* most rows end at their second byte */
            if (l->e - l->s < m || labels[k].word[1] != c->t.s[l->s + 1] || memcmp(c->t.s + l->s, labels[k].word, m) != 0)
                continue;
            size_t p = run_end(c, l->s + m, l->e, ':', ' ');
            /* names on the same line, else on the next lines */
            size_t from = p, to = l->e;
            for (size_t j = i + (p < l->e ? 0 : 1), tries = 0, blanks = 0; j < g->nlines && tries < 3; j++, tries++) {
                if (j != i) {
                    /* "Vid protokollet", a blank line, the name */
                    if (g->lines[j].blank && blanks++ == 0 && j == i + 1)
                        continue;
                    if (g->lines[j].blank)
                        break;
                    from = g->lines[j].s;
                    to = g->lines[j].e;
                    word tw[8];
                    if (titles_of(c, from, to, tw, 8))
                        break; /* the titles under a signature line: no names below */
                }
                size_t pos = from, got = 0, at = pk_first_from(ns->at, ns->n, from);
                name_words found;
                while (pos < to && next_name(c, ns, &at, pos, to, ov, &found)) {
                    size_t s = ov[2], e = ov[3];
                    pos = ov[1];
                    word w[8];
                    size_t nw = found.n ? found.n : words_of(c, s, e, w, 8, NULL);
                    if (nw > labels[k].max_words)
                        break; /* names run together: the tail of the run is no name */
                    if (nw >= 2 && !pk_title_in(c->t.s + s, e - s, c->t.n - s)) {
                        add(c, s, e, labels[k].title, NULL, labels[k].role);
                        got++;
                    }
                }
                if (got)
                    break;
            }
            break;
        }
    }
}

/* s[0..n), n at most 40, in lower case in buf as pk_lower() gives it, when
   every character is ASCII or a Latin-1 letter after a byte 0xC3 (no
   allocation); NULL for any other character. s[0..avail), avail >= n, may
   be read. */
static const char *lower_latin(const char *s, size_t n, size_t avail, char buf[static 48])
{
    size_t i = 0;
    (void)avail; /* read by the sixteen-byte steps only */
#if defined(__SSE2__)
    /* sixteen bytes at a time, the bytes past n as zeros:
       every byte from 0x80 on must be a 0xC3 or the byte after one (a byte
       0x80-0xBF), and A-Z and the second bytes 0x80-0x9E but for × take
       the bit 0x20 */
    unsigned carry = 0; /* the block before ended in a 0xC3 */
    for (; i < n; i += 16) {
        size_t v = n - i < 16 ? n - i : 16;
        __m128i x;
        if (v == 16)
            x = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
        else if (i + 16 <= avail) {
            const __m128i idx = _mm_setr_epi8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
            x = _mm_and_si128(_mm_loadu_si128((const __m128i *)(const void *)(s + i)),
                              _mm_cmplt_epi8(idx, _mm_set1_epi8((char)v)));
        } else {
            char tail[16] = {0};
            memcpy(tail, s + i, v);
            x = _mm_loadu_si128((const __m128i *)(const void *)tail);
        }
        unsigned high = (unsigned)_mm_movemask_epi8(x);
        unsigned lead = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(x, _mm_set1_epi8((char)0xC3)));
        __m128i second = _mm_cmpeq_epi8(_mm_and_si128(x, _mm_set1_epi8((char)0xC0)), _mm_set1_epi8((char)0x80));
        unsigned cont = (unsigned)_mm_movemask_epi8(second);
        /* the zeros past n are none of these, so a 0xC3 at n - 1 finds no
           second byte */
        if (high != (lead | cont) || cont != ((lead << 1 | carry) & 0xFFFF))
            return NULL;
        carry = lead >> 15;
        __m128i up = _mm_or_si128(bytes_in(x, 'A', 'Z'),
                                  _mm_andnot_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8((char)0x97)),
                                                   _mm_and_si128(second, bytes_in(x, 0x80, 0x9E))));
        x = _mm_or_si128(x, _mm_and_si128(up, _mm_set1_epi8(0x20)));
        _mm_storeu_si128((__m128i *)(void *)(buf + i), x);
    }
    if (carry)
        return NULL;
    buf[n] = 0;
    return buf;
#else
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    /* eight ASCII bytes at a time: A-Z take the bit 0x20 */
    const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u;
    for (; i + 8 <= n; i += 8) {
        uint64_t x;
        memcpy(&x, s + i, 8);
        if (x & high)
            break;
        uint64_t ge_a = x + (0x80 - 'A') * ones, gt_z = x + (0x80 - 'Z' - 1) * ones;
        x |= (ge_a & ~gt_z & high) >> 2;
        memcpy(buf + i, &x, 8);
    }
#endif
    while (i < n) {
        unsigned char u = (unsigned char)s[i];
        if (u < 0x80) {
            buf[i++] = (char)(u >= 'A' && u <= 'Z' ? u + 32 : u);
            continue;
        }
        if (u != 0xC3 || i + 1 >= n || ((unsigned char)s[i + 1] & 0xC0) != 0x80)
            return NULL;
        unsigned char b = (unsigned char)s[i + 1];
        buf[i++] = (char)u;
        buf[i++] = (char)(b <= 0x9E && b != 0x97 ? b + 0x20 : b);
    }
    buf[n] = 0;
    return buf;
#endif
}

/* pk_lower() keeps the length of s[0..n): no lead byte in it but 0xC3,
   so every character is ASCII, a Latin-1 letter of two bytes lowered to
   two, or a byte copied as it is. Sixteen bytes at a time where
   s[0..avail) holds them, the bits from n on put aside. */
static int lower_keeps_length(const char *s, size_t n, size_t avail)
{
    size_t i = 0;
    (void)avail; /* read by the sixteen-byte steps only */
#if defined(__SSE2__)
    for (; i < n && i + 16 <= avail; i += 16) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
        __m128i lead = _mm_cmpeq_epi8(_mm_min_epu8(x, _mm_set1_epi8((char)0xC0)), _mm_set1_epi8((char)0xC0));
        unsigned m = (unsigned)_mm_movemask_epi8(_mm_andnot_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8((char)0xC3)), lead));
        if (n - i < 16)
            m &= (1u << (n - i)) - 1;
        if (m)
            return 0;
    }
#endif
    for (; i < n; i++)
        if ((unsigned char)s[i] >= 0xC0 && (unsigned char)s[i] != 0xC3)
            return 0;
    return 1;
}

/* Whether the line l is the heading of an attendance list (roll_headings.tsv,
   compared in lower case, its trailing spaces and colons dropped), and the
   title of a person under it whose line names none. */
static int roll_heading_line(ctx *c, const line *l, const char **roll_title)
{
    size_t n = l->e - l->s;
    /* a long line that ends in no colon or space stays long */
    if (l->blank || (n > 40 && c->t.s[l->e - 1] != ':' && c->t.s[l->e - 1] != ' '))
        return 0;
    while (n && (c->t.s[l->s + n - 1] == ':' || c->t.s[l->s + n - 1] == ' '))
        n--;
    if (n > 40)
        return 0;
    /* a line whose lower case is as long as it, and as long as no
       heading, is none */
    if ((n < pk_roll_heading_min || n > pk_roll_heading_max) && lower_keeps_length(c->t.s + l->s, n, c->t.n - l->s))
        return 0;
    char buf[48];
    const char *low = lower_latin(c->t.s + l->s, n, c->t.n - l->s, buf);
    if (!low)
        low = pk_lower(c->a, c->t.s + l->s, n);
    return pk_roll_heading(low, low == buf ? n : strlen(low), roll_title);
}

/* Attendance lists: under "Närvarande ledamöter", "Ersättare", "Övriga
   närvarande" ... (roll_headings.tsv), one person a line: "Name", "Name
   (S)", "Name, title". A list ends at the next heading of one, which
   opens its own list: a heading written in capitals ("Tjänstgörande
   Ersättare") is no person, and a line is read under one heading only
   (so the lists cost time linear in their lines). */
static void attendance(ctx *c, const segs *g, const name_starts *ns)
{
    size_t ov[6];
    /* a heading reads nothing unless a name starts the next line (name_at()
       there below), and RX_NAME matches only at a place of ns: the lines
       looked at are those before a line that starts at such a place, in
       the lines' order. A line after the first starts after a line break
       (pk_segment() splits the text at each), so a place after none starts
       no line, and the line one starts is found from the last one found,
       by steps that double and then by halves (the places and the lines
       ascend) */
    const char *t = c->t.s;
    for (size_t u = 0, b = 1; u < ns->nline; u++) {
        size_t a = ns->line_at[u], x = ns->at[a];
        /* the line before the one x starts ends at x - 1, its line break
           (the lines are the text between line breaks): a blank one, or one
           of more than 40 bytes (no line break in the 41 before x - 1) that
           ends in neither a colon nor a space, is no heading of a list
           (roll_heading_line()'s first test), and most lines before a name
           are prose, told so before the line is looked for */
        if (x < 2 || t[x - 2] == '\n' ||
            (t[x - 2] != ':' && t[x - 2] != ' ' && x > 41 && byte_from(c, x - 42, x - 1, '\n') == x - 1))
            continue;
        b = pk_line_from(g, b, x);
        if (b >= g->nlines)
            break;
        const line *nx = &g->lines[b], *l = &g->lines[b - 1];
        if (nx->s != x || nx->blank || nx->heading)
            continue;
        size_t i = b - 1;
        const char *roll_title; /* the title when a line names none */
        if (!roll_heading_line(c, l, &roll_title))
            continue;
        for (size_t j = i + 1; j < g->nlines && !g->lines[j].blank && !g->lines[j].heading; j++) {
            const line *m = &g->lines[j];
            name_words found;
            const char *next_title;
            /* (the first line starts at the place ns->at[a]) */
            if (!name_at(c, m->s, m->e, ov, &found, j == b ? &ns->first[a] : NULL) ||
                roll_heading_line(c, m, &next_title))
                break;
            size_t s = ov[2], e = ov[3], p = e;
            word w[8];
            size_t nw = match_words(c, &found, s, e, w);
            if (nw < 2 || nw > 4)
                break;
            const char *party = NULL, *title = roll_title;
            p = run_end(c, p, m->e, ' ', ' ');
            if (p + 2 < m->e && c->t.s[p] == '(') {
                size_t q = byte_from(c, p + 1, m->e, ')');
                if (q < m->e && q - p - 1 <= 10)
                    party = party_of(c, c->t.s + p + 1, q - p - 1, given(c, &w[0]));
                /* (past the ')', or at the line's end where none stands) */
                p = q + (q < m->e);
            }
            p = run_end(c, p, m->e, ',', ' ');
            size_t k = p < m->e ? pk_title_in(c->t.s + p, m->e - p, c->t.n - p) : 0;
            if (k)
                title = pk_lower(c->a, c->t.s + p, k);
            const char *role = title_in(title, pk_chair_role_title, pk_n_chair_role_title) ? "chair" : "other";
            add(c, s, e, title, party, role);
        }
    }
}

/* A title word before a name in prose: "Avdelningschef Sofia Grahn Mattsson
   informerade". Title words are found first; the name is matched only
   right after one. */
static void titled(ctx *c, const name_starts *starts)
{
    size_t ov[4];
    /* a name must follow the word after one space: the word before each
       place a name may start, before its case and the titles are looked at.
       The places passed name_may_start() to the text's end; where the
       shorter range ne cuts a name off, name_at() finds none, so the check
       is not asked again here. */
    for (size_t u = 0; u < starts->nspace; u++) {
        size_t j = starts->space_at[u], ns = starts->at[j], ne = ns + 120 < c->t.n ? ns + 120 : c->t.n;
        size_t we = ns - 1, p = we;
#if defined(__SSE2__)
        /* back sixteen bytes at a time to the space or line break before
           the word */
        for (; p >= 16; p -= 16) {
            __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(c->t.s + p - 16));
            unsigned m = (unsigned)_mm_movemask_epi8(
                _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8(' ')), _mm_cmpeq_epi8(x, _mm_set1_epi8('\n'))));
            if (m) {
                p = p - 16 + (size_t)(32 - __builtin_clz(m));
                break;
            }
        }
        if (p < 16)
#endif
            while (p > 0 && c->t.s[p - 1] != ' ' && c->t.s[p - 1] != '\n')
                p--;
        /* a title opens a sentence ("Kommundirektör Per Ek informerar") or
           stands in one ("informerar stadsdirektör Eva Hessman"): then a
           capital follows */
        int kase = pk_case_at(c->t.s + p, c->t.n - p); /* (one look at a letter beyond ASCII) */
        if (kase != 1 && !(kase == 2 && pk_is_upper_at(c->t.s + ns, c->t.n - ns)))
            continue;
        size_t k = pk_title_word(c->t.s + p, we - p);
        /* the definite form: "Stadsdelsdirektören", "Enhetschefen", "ersättaren" */
        for (size_t cut = 1; !k && cut <= 2 && we - p > 6 && we - p < 60 && c->t.s[we - 1] == 'n'; cut++)
            k = pk_title_word(c->t.s + p, we - p - cut);
        name_words found;
        if (!k || !name_at(c, ns, ne, ov, &found, &starts->first[j]))
            continue;
        size_t e = ov[3], e0 = e;
        word w[8];
        /* a name whole on the title's line ends there ("Personaldirektör
           Elisabeth Carle\nProduktionsdirektör ..."); one broken over two
           lines ("Kommundirektör Per\nEk") goes on, and so does one whose
           party follows it on the next line ("Bo Ekholm\nNyman (fp)") */
        size_t nl = byte_from(c, ns, e, '\n');
        int party_after = e + 1 < c->t.n && c->t.s[e] == ' ' && c->t.s[e + 1] == '(';
        if (nl < e && !party_after && words_of(c, ns, nl, w, 8, NULL) >= 2)
            e = nl;
        size_t nw = e == e0 ? match_words(c, &found, ns, e, w) : words_of(c, ns, e, w, 8, NULL);
        if (nw >= 2 && nw <= 3 && given(c, &w[0])) {
            const char *title = pk_lower(c->a, c->t.s + p, k);
            add(c, ns, e, title, NULL, title_in(title, pk_officer_title, pk_n_officer_title) ? "officer" : "other");
        }
    }
}

/* ---- names in running text: with a party, in lists, in apposition, in the genitive ---- */

typedef struct member {
    size_t s, e;       /* the name */
    size_t end;        /* the name with its party */
    const char *party; /* NULL when none */
    int paren;         /* the party stood in parentheses */
    int given;         /* the name opens with a given name: its first word
                          (w0) a row of the given names; -1 until asked
                          (member_given()) */
    word w0;
    int glued;         /* a letter stands right before the match ("AnnaSara
                          Perslow"); -1 until asked (is_glued()) */
    size_t at;         /* where the match started */
    int shaped;        /* two to four name words, none a title; -1 until asked */
    size_t nw;         /* its words (at most 8 counted), the first four of them: */
    word w[4];         /* shaped is looked up in the tables only when a run asks */
} member;

/* (p is at most the text's end, and the byte there may be read: the
   three tests without a branch) */
static int space_at(const ctx *c, size_t p)
{
    unsigned char b = (unsigned char)c->t.s[p];
    return (p < c->t.n) & ((b == ' ') | (b == '\n'));
}

/* The first byte from p on that is no space or line break, p at most the
   text's end (blank_run_end()). */
static PK_ALWAYS_INLINE size_t skip_space(const ctx *c, size_t p) { return blank_run_end(c, p, 1); }

/* the word at p ends at e: no letter follows */
static int word_ends(const ctx *c, size_t e) { return e >= c->t.n || !pk_is_letter_at(c->t.s + e, c->t.n - e); }

/* the end of the letters from p on */
static size_t letters_end(const ctx *c, size_t p)
{
#if defined(__SSE2__)
    /* ASCII letters sixteen bytes at a time, where the text holds them: the
       first other byte ends the run when it is ASCII, and is walked from
       by characters when not */
    const char *t = c->t.s;
    while (p + 16 <= c->t.n) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(t + p));
        unsigned other = ~(unsigned)_mm_movemask_epi8(bytes_in(_mm_or_si128(x, _mm_set1_epi8(0x20)), 'a', 'z')) & 0xFFFFu;
        if (!other) {
            p += 16;
            continue;
        }
        p += (size_t)__builtin_ctz(other);
        if ((unsigned char)t[p] < 0x80)
            return p;
        break;
    }
#endif
    while (p < c->t.n && pk_is_letter_at(c->t.s + p, c->t.n - p)) {
        p++;
        while (p < c->t.n && ((unsigned char)c->t.s[p] & 0xC0) == 0x80)
            p++;
    }
    return p;
}

static int letter_before(const ctx *c, size_t p)
{
    size_t q = p;
    while (q > 0 && p - q < 4 && ((unsigned char)c->t.s[--q] & 0xC0) == 0x80)
        ;
    return q < p && pk_is_letter_at(c->t.s + q, p - q);
}

/* the word w (a literal, so its length is known where this is inlined)
   stands at p; its first byte is compared before the rest */
static inline int word_is(const ctx *c, size_t p, const char *w)
{
    size_t n = strlen(w);
    return p + n <= c->t.n && c->t.s[p] == w[0] && memcmp(c->t.s + p, w, n) == 0 && word_ends(c, p + n);
}

static int org_word(const ctx *c, const word *w)
{
    return pk_is_org_word(c->t.s + w->s, w->e - w->s);
}

/* A name that a match of RX_NAME gives: a heading on the line before it
   ("Reservationer\nKarolina Wallström") and words before the first given
   name ("Inbjudna Henric Elgstrand") are no part of it. */
static void trim_member(ctx *c, member *m, const name_words *known)
{
    size_t s0 = m->s;
    word buf[8];
    const word *w = buf; /* the words: in buf, or those known */
    size_t n = 0;
    if (m->s == 0 || c->t.s[m->s - 1] == '\n') {
        /* the words after a line break in the name: the name's, when two
           or more (the words the match was found with, where they are
           known, tell where the break stands: between two of them) */
        size_t after = 0, i = 0;
        if (known->n) {
            while (i + 1 < known->n && c->t.s[known->w[i].e] != '\n')
                i++;
            after = i + 1 < known->n ? known->w[i].e + 1 : 0;
        } else {
            const char *nl = memchr(c->t.s + m->s, '\n', m->e - m->s);
            after = nl ? (size_t)(nl - c->t.s) + 1 : 0;
        }
        if (after) {
            if (known->n) {
                n = known->n - i - 1;
                w = known->w + i + 1;
            } else
                n = words_of(c, after, m->e, buf, 8, NULL);
            if (n >= 2)
                m->s = after;
        }
    }
    if (m->s == s0) {
        /* the words the match was found with, where they are known */
        if ((n = known->n) != 0)
            w = known->w;
        else {
            n = words_of(c, m->s, m->e, buf, 8, NULL);
            w = buf;
        }
    }
    /* whether the word at m->s is a given name, when asked: the match
       anew below starts there, and its first word, followed by a space or
       line break, is that word whole, so the answer holds for it too */
    int given0 = -1;
    if (n > 2 && !(given0 = given(c, &w[0])))
        for (size_t i = 1; i + 1 < n; i++)
            if (given(c, &w[i])) {
                m->s = w[i].s;
                given0 = 1;
                break;
            }
    /* the words dropped in front may have cut the name's tail: match anew */
    size_t ov[4], lim = m->s + 160 < c->t.n ? m->s + 160 : c->t.n;
    name_words again;
    again.n = 0;
    /* from a name word of a match found by hand that no range's end cut
       (here nor in lim), the walk reads what the match's walk read to its
       end: it has those words, and goes on from there (as far as the
       fourth name word) */
    size_t from = 0, on = NAME_ASK_PCRE2;
    if (m->s != s0 && known->n && known->far && m->e + 16 <= lim && (unsigned char)(c->t.s[m->s] - 'a') >= 26)
        for (size_t i = 1; i < known->n && !from; i++)
            if (known->w[i].s == m->s)
                from = i;
    if (from) {
        size_t k = known->n - from, reps = 0;
        memcpy(again.w, known->w + from, k * sizeof *again.w);
        for (size_t i = 1; i < k; i++) /* its name words (a particle opens with a small letter) */
            reps += (unsigned char)(c->t.s[again.w[i].s] - 'a') >= 26;
        if ((on = name_walk_on(c, m->e, lim, &reps, again.w, &k)) != NAME_ASK_PCRE2) {
            /* no word after the first: no match, and the words are those */
            if (reps)
                m->e = on;
            n = k;
            w = again.w;
        }
    }
    if (on == NAME_ASK_PCRE2 && m->s != s0) { /* else the words are those above */
        if (name_at(c, m->s, lim, ov, &again, NULL))
            m->e = ov[3];
        if ((n = again.n) != 0)
            w = again.w;
        else {
            n = words_of(c, m->s, m->e, buf, 8, NULL);
            w = buf;
        }
    }
    m->given = n == 0 ? 0 : given0 >= 0 ? given0 : -1;
    if (n)
        m->w0 = w[0];
    m->nw = n;
    m->shaped = n >= 2 && n <= 4 ? -1 : 0;
    /* two to four words, copied one by one: a copy of n words made a
       string move, slow to start, for every member */
    if (m->shaped) {
        m->w[0] = w[0];
        m->w[1] = w[1];
        if (n > 2)
            m->w[2] = w[2];
        if (n > 3)
            m->w[3] = w[3];
    }
}

/* Whether m opens with a given name (asked once, where a run needs it). */
static inline int member_given(const ctx *c, member *m)
{
    if (m->given < 0)
        m->given = given(c, &m->w0);
    return m->given;
}

/* Whether m is shaped as a name: two to four name words, none a title or
   a word of an organisation. Most runs never ask (a lone name with neither
   party, title nor given name), so the tables are read only here, once. */
static int shaped(const ctx *c, member *m)
{
    if (m->shaped < 0) {
        m->shaped = 1;
        for (size_t i = 0; i < m->nw && m->shaped; i++) {
            const word *w = &m->w[i];
            if (pk_title_in(c->t.s + w->s, w->e - w->s, c->t.n - w->s) || !is_name_word(c, w) || org_word(c, w))
                m->shaped = 0;
        }
    }
    return m->shaped;
}

/* The party after a name: "(S)", "(ÖrP)", or a capital abbreviation of the
   table standing bare ("Habib Brini SD avstår"). */
static void party_after(ctx *c, member *m)
{
    size_t p = m->e, q = blank_run_end(c, p, 0); /* (m->e is at most the text's end) */
    /* (a line break after them stepped over without a branch: q is at
       most the text's end, whose byte may be read) */
    q += (size_t)((q < c->t.n) & (c->t.s[q] == '\n'));
    m->end = p;
    if (q < c->t.n && c->t.s[q] == '(') {
        size_t r = q + 1;
#if defined(__SSE2__)
        /* the first ')' or line break in the eleven bytes after it (else
           q + 12), in one read: the walk's exit was as unpredictable as
           the words' lengths. r is at most the text's end, and sixteen
           bytes from there may be read; one found at the end or past it
           is none of the text's, as the test below tells. */
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(c->t.s + r));
        unsigned hit = (unsigned)_mm_movemask_epi8(
            _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8(')')), _mm_cmpeq_epi8(x, _mm_set1_epi8('\n'))));
        r += (size_t)__builtin_ctz(hit | 0x800u);
#else
        while (r < c->t.n && r < q + 12 && c->t.s[r] != ')' && c->t.s[r] != '\n')
            r++;
#endif
        if (r < c->t.n && c->t.s[r] == ')' && r > q + 1 && (m->party = party_of(c, c->t.s + q + 1, r - q - 1, member_given(c, m)))) {
            m->paren = 1;
            m->end = r + 1;
        }
        return;
    }
    /* the word up to eight bytes on: to a space, line break, comma or full stop */
    size_t r = q;
#if defined(__SSE2__)
    /* the eight bytes in one read (q is at most the text's end, and
       sixteen bytes from there may be read), the word cut at the text's
       end: the walk's exit by byte was as unpredictable as the words'
       lengths */
    r += (size_t)__builtin_ctz((word_stops16(c->t.s + q) & 0xFFu) | 0x100u);
    r = r < c->t.n ? r : c->t.n;
#else
    static const unsigned char stop[256] = {[' '] = 1, ['\n'] = 1, [','] = 1, ['.'] = 1};
    for (size_t lim = q + 8 < c->t.n ? q + 8 : c->t.n; r < lim && !stop[(unsigned char)c->t.s[r]];)
        r++;
#endif
    /* as the table spells it: no two rows differ only in case */
    const char *party = pk_party(c->t.s + q, r - q);
    if (party && memcmp(party, c->t.s + q, r - q) == 0 && word_ends(c, r)) {
        m->party = party;
        m->end = r;
    }
}

/* pk_name_list_joint (name_list_words.tsv) */
#include "name_list_words.inc"

/* The first bytes of the rows of name_list_joint, made once from them:
   most places after a name open with none, and the rows are not asked. */
static unsigned char joint_first[256];
static pthread_once_t joint_first_once = PTHREAD_ONCE_INIT;
static int joint_first_ready;

static void make_joint_first(void)
{
    for (size_t i = 0; i < pk_n_name_list_joint; i++)
        joint_first[(unsigned char)pk_name_list_joint[i][0]] = 1;
}

/* Where the next name of a list starts after p (", ", " och ", ", samt "),
   or 0 when no list separator follows; *conj tells whether a word
   (name_list_words.tsv: name_list_joint, "och", "samt") joined it. */
static size_t list_next(const ctx *c, size_t p, int *conj)
{
    pk_once(&joint_first_once, &joint_first_ready, make_joint_first);
    *conj = 0;
    /* (a comma stepped over without a branch: p is at most the text's
       end, whose byte may be read) */
    int sep = (p < c->t.n) & (c->t.s[p] == ',');
    p += (size_t)sep;
    size_t q = skip_space(c, p);
    /* (a separator and a row's first byte after it asked in one branch) */
    if ((unsigned)((q > p) | sep) & joint_first[(unsigned char)c->t.s[q]]) {
        /* the first name_list_joint that stands there */
        for (size_t i = 0; i < pk_n_name_list_joint; i++) {
            if (!word_is(c, q, pk_name_list_joint[i]))
                continue;
            size_t k = strlen(pk_name_list_joint[i]);
            if (space_at(c, q + k)) {
                sep = *conj = 1;
                q = skip_space(c, q + k);
            }
            break;
        }
    }
    return sep ? q : 0;
}

/* A name [s, e) that may be a genitive: it ends in an "s" that is no part
   of the nominative ("Attenius", "Davis", "Holmes", "Carlos" keep theirs). */
static int genitive_form(const ctx *c, size_t s, size_t e)
{
    if (e - s < 4 || c->t.s[e - 1] != 's')
        return 0;
    return !strchr("sxzuieo", c->t.s[e - 2]);
}

/* The end of the first row of people_words.tsv (others_phrase: "m.fl.",
   "med flera") at p, and of the white space after it, or p: the row's
   words in turn, white space between them in the text; a word that ends
   in a full stop may be followed by anything, any other ends where no
   letter follows (word_is()). */
static size_t others_phrase_end(const ctx *c, size_t p)
{
    for (size_t k = 0; k < pk_n_others_phrase; k++) {
        const char *w = pk_others_phrase[k];
        size_t q = p;
        if (q >= c->t.n || c->t.s[q] != w[0])
            continue; /* (most places: no call) */
        for (;;) {
            size_t n = strcspn(w, " ");
            /* (word_ends() written out) */
            if (!n || q + n > c->t.n || memcmp(c->t.s + q, w, n) != 0 ||
                (w[n - 1] != '.' && q + n < c->t.n && pk_is_letter_at(c->t.s + q + n, c->t.n - q - n)))
                break;
            q = skip_space(c, q + n);
            if (!w[n])
                return q;
            w += n + 1;
        }
    }
    return p;
}

/* A noun that a genitive stands before follows p ("fråga", "m.fl.
   ändringsyrkande"). */
static int genitive_follows(const ctx *c, size_t p)
{
    const char *s = c->t.s;
    p = others_phrase_end(c, skip_space(c, p));
    size_t q = letters_end(c, p);
    if (q == p || !pk_is_lower_at(s + p, c->t.n - p))
        return 0;
    return pk_ends_in_genitive_noun(s + p, q - p);
}

/* A verb of the table follows p ("informerar", "väljs"). */
static inline int verb_follows(const ctx *c, size_t p)
{
    if (p >= c->t.n || c->t.s[p] != ' ')
        return 0;
    p++;
    size_t q = letters_end(c, p);
    return pk_is_person_verb(c->t.s + p, q - p);
}

/* Where a person works follows a comma: "Lena Ek, Kommunledningsförvaltningen,
   informerar", "Ingela Dahl, Socialnämnd Centrum, lämnar". */
static int org_follows(const ctx *c, size_t p)
{
    if (p + 2 >= c->t.n || c->t.s[p] != ',')
        return 0;
    p = skip_space(c, p + 1);
    for (int words = 0; words < 4 && p < c->t.n && pk_is_upper_at(c->t.s + p, c->t.n - p); words++) {
        word w = {p, letters_end(c, p)};
        if (w.e == w.s)
            return 0;
        if (org_word(c, &w))
            return w.e >= c->t.n || c->t.s[w.e] == ',' || c->t.s[w.e] == ' ' || c->t.s[w.e] == '\n';
        p = w.e;
        if (p >= c->t.n || c->t.s[p] != ' ')
            return 0;
        p++;
    }
    return 0;
}

/* "Henric Elgstrand, gruppledare, och ...": the title after a comma. */
static const char *apposition(ctx *c, const member *m)
{
    size_t p = m->end;
    if (p >= c->t.n || c->t.s[p] != ',')
        return NULL;
    p = skip_space(c, p + 1);
    if (p >= c->t.n || !pk_is_lower_at(c->t.s + p, c->t.n - p))
        return NULL;
    size_t k = pk_title_at(c->t.s + p, c->t.n - p);
    if (!k || !word_ends(c, p + k))
        return NULL;
    return pk_lower(c->a, c->t.s + p, k);
}

/* Whether a letter stands right before the match m was read from (asked
   once, where a run needs it). */
static int is_glued(const ctx *c, member *m)
{
    if (m->glued < 0)
        m->glued = letter_before(c, m->at);
    return m->glued;
}

/* A run of names: one name, or a list of them. A name with its party is a
   politician; so is every name of a list where one has a party. A list of
   names without parties ("utses Anders Åhrlin, Max Klarvik och Lars Modig")
   counts when at least half open with a given name and nothing but names
   stands in it; a lone name counts with a title after it or in the genitive. */
static void take_run(ctx *c, member *m, size_t nm, int foreign)
{
    /* a lone name with no party in parentheses and no given name is taken
       by none of the tests below (each asks for one or the other): the
       words after it are not looked at */
    int verb = -1; /* a lone name's verb after it (verb_follows()), -1 until asked */
    if (nm == 1 && !m[0].paren) {
        /* a lone name with no party in parentheses is taken only when it
           opens with a given name and something stands after it: a title
           or a workplace after a comma, a verb people do, or a noun it is
           the genitive of (the tests below): the comma, the verb and the
           name's last "s" are asked first, and the given names' table (a
           cache miss more often than not) only then */
        member *x = &m[0];
        /* (the comma and the "s" in one branch: x->end is at most the
           text's end, whose byte may be read) */
        if (!((unsigned)((x->end < c->t.n) & (c->t.s[x->end] == ',')) |
              (unsigned)((x->e - x->s > 3) & (c->t.s[x->e - 1] == 's'))) &&
            !(verb = verb_follows(c, x->end)))
            return;
        if (!member_given(c, x))
            return;
    }
    int any_paren = 0;
    size_t given_n = 0;
    for (size_t i = 0; i < nm; i++) {
        any_paren |= m[i].paren;
        given_n += (size_t)member_given(c, &m[i]);
    }
    /* "Anna Eks och Per Holms yrkande": the noun after the last name makes
       every name of the run a genitive ("Jonas Attenius yrkande" too);
       another noun after one makes it the name of a thing ("Wilhelm och
       Martina Lundgrens vetenskapsfond") */
    const member *last = &m[nm - 1];
    int gen = 0, thing = 0;
    if (last->e - last->s > 3 && c->t.s[last->e - 1] == 's') {
        gen = genitive_follows(c, last->end);
        thing = !gen && genitive_form(c, last->s, last->e) && !last->party && last->e + 1 < c->t.n &&
                c->t.s[last->e] == ' ' && pk_is_lower_at(c->t.s + last->e + 1, c->t.n - last->e - 1);
    }
    /* whether the run is a list of names: asked only for a name without a
       party, the first time one comes ("Anna Ek (S), Per Holm (M)" never
       asks, and its names are not looked up in the tables for it) */
    int list = nm >= 2 && !foreign && !thing && 2 * given_n >= nm ? -1 : 0;
    for (size_t i = 0; i < nm; i++) {
        member *x = &m[i];
        const char *party = x->paren || any_paren ? x->party : NULL;
        if (!x->paren && is_glued(c, x))
            continue;
        if (!party && list < 0) {
            list = 1;
            for (size_t j = 0; j < nm && list; j++)
                list = shaped(c, &m[j]);
        }
        int ok = party ? member_given(c, x) || shaped(c, x) : list || (nm >= 2 && any_paren && shaped(c, x));
        const char *title = i + 1 == nm ? apposition(c, x) : NULL;
        /* (a name already taken asks the tables nothing more below) */
        if (!ok && title && (member_given(c, x) || party) && shaped(c, x))
            ok = 1;
        /* a lone name that does what people do, or works somewhere (the words
           after it are looked at before its own words in the tables) */
        if (!ok && nm == 1 && !party && member_given(c, x) && !is_glued(c, x) &&
            ((verb < 0 ? verb_follows(c, x->end) : verb) || org_follows(c, x->end)) && shaped(c, x))
            ok = 1;
        size_t e = x->e;
        if (gen && c->t.s[x->e - 1] == 's') {
            /* "Hans Peters (C)" named before: "Hans Peters yrkande" is his */
            if (genitive_form(c, x->s, x->e) && !find(c, pk_fold(c, x->s, x->e)))
                e--;
            ok = ok || (member_given(c, x) && shaped(c, x));
        }
        if (ok)
            add(c, x->s, e, title, party, title_in(title, pk_officer_title, pk_n_officer_title) ? "officer" : "other");
    }
}

static void runs(ctx *c, const name_starts *ns)
{
    size_t ov[4], pos = 0;
    member m[24];
    size_t at = 0;
    name_words known; /* the words of the match last found */
    while (pos < c->t.n && next_name(c, ns, &at, pos, c->t.n, ov, &known)) {
        size_t s = ov[2], e = ov[3];
        pos = e;
        /* a match that starts inside a word ("KommunStyrelsen") is none,
           unless a party follows: then two words ran together */
        if (s > 0 && c->t.s[s - 1] == '-')
            continue;
        int glued = s > 0 ? -1 : 0; /* asked of the first name only where a run needs it */
        size_t nm = 0;
        int foreign = 0, closed = 0, conj;
        for (;;) {
            member *x = &m[nm++];
            /* the fields trim_member() and party_after() do not always
               set; the rest they do (w only where shaped asks for it) */
            x->s = s;
            x->e = e;
            x->glued = glued;
            x->at = s;
            x->party = NULL;
            x->paren = 0;
            trim_member(c, x, &known);
            party_after(c, x);
            size_t q = list_next(c, x->end, &conj);
            /* "A, B och C, Socialnämnd Centrum,": after "och" only another
               "och" goes on with the list; a comma starts something else */
            if (!q || (closed && !conj) || nm == sizeof m / sizeof *m)
                break;
            closed |= conj;
            glued = 0;
            size_t lim = q + 160 < c->t.n ? q + 160 : c->t.n;
            if (!name_at(c, q, lim, ov, &known, NULL)) {
                /* "A, B och Kommunstyrelsen": a list of more than names */
                foreign = q < c->t.n && pk_is_upper_at(c->t.s + q, c->t.n - q);
                break;
            }
            s = ov[2];
            e = ov[3];
        }
        take_run(c, m, nm, foreign);
        if (m[nm - 1].end > pos)
            pos = m[nm - 1].end;
    }
}

/* What a mention tells beyond the name. */
static int facts(const pk_person *p) { return (p->party != NULL) + (p->title != NULL) + (strcmp(p->role, "other") != 0); }

/* Two records of one person become the one that says more, with what the
   other adds; returns the index kept, the other is marked gone. */
static size_t merge_people(pk_person *ps, size_t a, size_t b, char *gone)
{
    size_t keep = facts(&ps[a]) > facts(&ps[b]) ? a : b, drop = keep == a ? b : a;
    if (!ps[keep].party)
        ps[keep].party = ps[drop].party;
    if (!ps[keep].title)
        ps[keep].title = ps[drop].title;
    if (strcmp(ps[keep].role, "other") == 0)
        ps[keep].role = ps[drop].role;
    gone[drop] = 1;
    return keep;
}

/* "Per Lindbergs" and "Per Lindberg" are one person, named once in the
   genitive. The mention that tells more stands ("Hans Peters (C)" over the
   "Hans Peter" read from "Hans Peters yrkande"), else the one without the
   "s"; it takes what the other told. */
static void merge_genitives(ctx *c)
{
    pk_person *ps = c->people.items;
    size_t n = c->people.n, k = 0;
    char *gone = pk_arena_alloc(c->a, n + 1);
    memset(gone, 0, n + 1);
    for (size_t i = 0; i < n; i++) {
        size_t l = strlen(ps[i].name);
        if (gone[i] || l < 4 || ps[i].name[l - 1] != 's')
            continue;
        pk_person *o = find_n(c, ps[i].name, l - 1);
        if (!o)
            continue;
        size_t j = (size_t)(o - ps);
        if (gone[j])
            continue;
        merge_people(ps, i, j, gone);
        k++;
    }
    /* (the people close up only where one is gone) */
    if (k) {
        k = 0;
        for (size_t i = 0; i < n; i++)
            if (!gone[i])
                ps[k++] = ps[i];
        c->people.n = k;
    }
    c->people_index = NULL; /* the indices no longer hold */
}

/* A name as it sounds: lower case, hyphens as spaces, and the spellings
   Swedish names vary between folded into one ("Reimfeldt" and
   "Reimfelt", "Gustavsson" and "Gustafsson", "Lindqvist" and "Lindkvist",
   "Henric" and "Henrik", doubled letters). */
/* The letters spelling_key() writes as another (q c -> k, w v -> f, z ->
   s, a hyphen as a space: the low byte), and those it looks at with the
   letter after them first (dt th ck ph é: SPELL_PAIR); 0 for the rest,
   written as they are, so most letters cost one look here. */
#define SPELL_PAIR 0x100
static const uint16_t spell[256] = {
    ['q'] = 'k', ['c'] = SPELL_PAIR | 'k', ['w'] = 'f', ['v'] = 'f', ['z'] = 's', ['-'] = ' ',
    ['d'] = SPELL_PAIR, ['t'] = SPELL_PAIR, ['p'] = SPELL_PAIR, [0xC3] = SPELL_PAIR,
};

/* One step of the key over lw[0..n), in lower case, at *i: the byte it
   writes, or -1 where the letter gives way to the one after it (dt th
   ck); *i moves past what it read. It looks one byte ahead, no further. */
static inline int spell_step(const char *lw, size_t n, size_t *i)
{
    char ch = lw[*i];
    unsigned sp = spell[(unsigned char)ch];
    if (sp & SPELL_PAIR) {
        char nx = *i + 1 < n ? lw[*i + 1] : 0;
        if ((unsigned char)ch == 0xC3 && (unsigned char)nx == 0xA9) { /* é */
            ch = 'e';
            (*i)++;
        } else if ((ch == 'd' && nx == 't') || (ch == 't' && nx == 'h') || (ch == 'c' && nx == 'k')) {
            (*i)++;
            return -1; /* dt, th, ck: the second letter stands */
        } else if (ch == 'p' && nx == 'h') {
            ch = 'f';
            (*i)++;
        } else if (sp & 0xFF)
            ch = (char)(sp & 0xFF);
    } else if (sp)
        ch = (char)sp;
    (*i)++;
    return (unsigned char)ch;
}

static char *spelling_key(ctx *c, const char *name, size_t nn, size_t *len)
{
    char buf[48];
    /* most names are of ASCII and Latin-1 letters: lowered without an
       allocation, as pk_lower() lowers them */
    const char *lw = nn <= 40 ? lower_latin(name, nn, nn, buf) : NULL;
    if (!lw)
        lw = pk_lower(c->a, name, nn);
    size_t n = lw == buf ? nn : strlen(lw), o = 0;
    char *k = pk_arena_alloc(c->a, n + 1);
    for (size_t i = 0; i < n;) {
        int w = spell_step(lw, n, &i);
        if (w < 0)
            continue;
        char ch = (char)w;
        if (o > 0 && k[o - 1] == ch && ch != ' ')
            continue; /* doubled letters */
        k[o++] = ch;
    }
    k[o] = 0;
    *len = o;
    return k;
}

/* The commonest: an ASCII first byte a that spell pairs with none
   (spell_step() reads no byte after it): the key opens with it as spell
   writes it, whatever follows; -2 for any other. */
static inline int spelling_first_ascii(unsigned char a)
{
    if (a >= 0x80)
        return -2;
    a = (unsigned char)((unsigned char)(a - 'A') < 26 ? a + 32 : a);
    unsigned sp = spell[a];
    if (sp & SPELL_PAIR)
        return -2;
    return sp ? (int)(sp & 0xFF) : a;
}

/* spelling_first() below where spelling_first_ascii() does not tell:
   the name's first bytes lowered and stepped over. */
static int spelling_first_rest(const char *name, size_t nn)
{
    char lw[8];
    size_t m = 0, i = 0;
    while (i < nn && m < 4) {
        unsigned char u = (unsigned char)name[i];
        if (u < 0x80) {
            lw[m++] = (char)((unsigned char)(u - 'A') < 26 ? u + 32 : u);
            i++;
        } else if (u == 0xC3 && i + 1 < nn && ((unsigned char)name[i + 1] & 0xC0) == 0x80) {
            unsigned char b = (unsigned char)name[i + 1];
            lw[m++] = (char)u;
            lw[m++] = (char)(b <= 0x9E && b != 0x97 ? b + 0x20 : b);
            i += 2;
        } else
            return -1;
    }
    for (size_t j = 0; j < m;) {
        if (i < nn && j + 1 >= m)
            return -1; /* the byte ahead is past the bytes lowered */
        int w = spell_step(lw, m, &j);
        if (w >= 0)
            return w;
    }
    return 256;
}

/* The byte the key of name[0..nn) opens with (256: an empty key): two
   names of one key open with one byte. Found from the name's first bytes
   lowered as pk_lower() lowers them, each step looking one byte ahead
   within them; -1 where that is not told (a character other than ASCII
   or a Latin-1 letter after 0xC3 there). */
static int spelling_first(const char *name, size_t nn)
{
    int f = nn ? spelling_first_ascii((unsigned char)name[0]) : -2;
    return f != -2 ? f : spelling_first_rest(name, nn);
}

/* spelling_first() of a name's last word (after its last space or
   hyphen), or 257 for a name of one word (none to pair). */
static int last_word_first(const char *name)
{
    size_t len = strlen(name), b = len;
    while (b > 0 && name[b - 1] != ' ' && name[b - 1] != '-')
        b--;
    return b ? spelling_first(name + b, len - b) : 257;
}

/* One person spelt two ways in one document ("Johanna Reimfelt (L)" and
   "Johanna Reimfeldt har skickat in en motion") is one person; two parties
   make two. The mention that tells more stands. */
static void merge_spellings(ctx *c)
{
    pk_person *ps = c->people.items;
    size_t n = c->people.n, cap = 64, k = 0;
    if (n < 2)
        return; /* one name merges with none */
    /* a name whose key opens with a byte (spelling_first()) that no other
       name's does has a key no other has: it merges with none, and its key
       is not made (the names of one key keep their order in the slots
       without it) */
    char *alone = pk_arena_alloc(c->a, n + 1);
    memset(alone, 0, n + 1);
    {
        int *first = pk_arena_alloc(c->a, n * sizeof *first);
        unsigned char count[257] = {0}; /* 0, 1, or 2 for more */
        int told = 1;
        for (size_t i = 0; i < n && told; i++) {
            /* (the name's length is asked only where its first byte does
               not tell) */
            const char *nm = ps[i].name;
            int f = nm[0] ? spelling_first_ascii((unsigned char)nm[0]) : -2;
            first[i] = f != -2 ? f : spelling_first_rest(nm, strlen(nm));
            if ((told = first[i] >= 0))
                count[first[i]] = (unsigned char)(count[first[i]] < 2 ? count[first[i]] + 1 : 2);
        }
        for (size_t i = 0; i < n && told; i++)
            alone[i] = count[first[i]] == 1;
        /* of the names that share that byte, those whose last word's key
           opens with a byte no other's does (with the first byte, a pair
           by hash): the key's last space stands for the name's last space
           or hyphen, and the key after it is that word's own, so two names
           of one key have both bytes alike (a name of one word none to
           pair: 257) */
        size_t m = 0;
        for (size_t i = 0; i < n && told; i++)
            m += !alone[i];
        /* each name's pair of bytes (plus one: 0 is no pair) */
        uint32_t *sig = told && m >= 2 ? pk_arena_alloc(c->a, n * sizeof *sig) : NULL;
        for (size_t i = 0; sig && i < n && told; i++) {
            if (alone[i])
                continue;
            int last = last_word_first(ps[i].name);
            if (!(told = last >= 0))
                break;
            sig[i] = (uint32_t)(first[i] * 258 + last) + 1;
        }
        if (sig && told && m <= 16) {
            /* a few (most documents): each pair compared, with no table */
            size_t at[16], k2 = 0;
            for (size_t i = 0; i < n; i++)
                if (!alone[i])
                    at[k2++] = i;
            for (size_t x = 0; x < k2; x++) {
                unsigned same = 0;
                for (size_t y = 0; y < k2; y++)
                    same += sig[at[x]] == sig[at[y]];
                alone[at[x]] = same == 1;
            }
        } else if (sig && told) {
            size_t hc = 16;
            while (hc < 2 * m)
                hc *= 2;
            uint32_t *hs = pk_arena_alloc(c->a, hc * sizeof *hs);
            unsigned char *hn = pk_arena_alloc(c->a, hc);
            memset(hs, 0, hc * sizeof *hs);
            memset(hn, 0, hc);
            for (size_t i = 0; i < n; i++) {
                if (alone[i])
                    continue;
                size_t j = (sig[i] * 2654435761u) & (hc - 1);
                while (hs[j] && hs[j] != sig[i])
                    j = (j + 1) & (hc - 1);
                hs[j] = sig[i];
                hn[j] = (unsigned char)(hn[j] < 2 ? hn[j] + 1 : 2);
            }
            for (size_t i = 0; i < n; i++) {
                if (alone[i])
                    continue;
                size_t j = (sig[i] * 2654435761u) & (hc - 1);
                while (hs[j] != sig[i])
                    j = (j + 1) & (hc - 1);
                alone[i] = hn[j] == 1;
            }
        }
    }
    /* the keys by hash, made only where a name may share its key */
    size_t shared = 0, merged = 0;
    for (size_t i = 0; i < n; i++)
        shared += !alone[i];
    if (!shared)
        return;
    while (cap < 2 * n)
        cap *= 2;
    size_t *slot = pk_arena_alloc(c->a, cap * sizeof *slot);
    const char **key = pk_arena_alloc(c->a, (n + 1) * sizeof *key);
    char *gone = pk_arena_alloc(c->a, n + 1);
    memset(slot, 0, cap * sizeof *slot);
    memset(gone, 0, n + 1);
    for (size_t i = 0; i < n; i++) {
        if (alone[i])
            continue;
        size_t kn;
        key[i] = spelling_key(c, ps[i].name, strlen(ps[i].name), &kn);
        size_t j = pk_hash_folded(key[i], kn) & (cap - 1);
        for (; slot[j]; j = (j + 1) & (cap - 1)) {
            size_t o = slot[j] - 1;
            if (strcmp(key[o], key[i]) != 0)
                continue;
            if (ps[o].party && ps[i].party && strcmp(ps[o].party, ps[i].party) != 0)
                continue;
            slot[j] = merge_people(ps, i, o, gone) + 1;
            merged++;
            break;
        }
        if (!slot[j])
            slot[j] = i + 1;
    }
    if (!merged)
        return;
    for (size_t i = 0; i < n; i++)
        if (!gone[i])
            ps[k++] = ps[i];
    c->people.n = k;
}

/* Does the match [s, e) of RX_CHAIR open with a row of people_words.tsv
   (vice_chair_title: "vice"), in any case (ASCII), and go on after it? */
static int vice_chair(const ctx *c, size_t s, size_t e)
{
    for (size_t k = 0; k < pk_n_vice_chair_title; k++) {
        const char *w = pk_vice_chair_title[k];
        if ((c->t.s[s] | 0x20) != (w[0] | 0x20))
            continue; /* (most matches: no call) */
        size_t m = strlen(w);
        if (s + m < e && strncasecmp(c->t.s + s, w, m) == 0)
            return 1;
    }
    return 0;
}

void pk_extract_people(ctx *c)
{
    const segs *g = &c->sg;
    c->people_seen = NULL;
    size_t ov[8];
    /* the chair of the meeting */
    size_t pos = 0;
    while (pk_rx_match(c, RX_CHAIR, pos, c->t.n, ov, 3)) {
        pos = ov[1];
        size_t s = ov[2], e = ov[3];
        /* the first line break before the name, looked for once (sixteen
           bytes at a time: the title and the spaces after it are short) */
        size_t nl = byte_from(c, ov[0], s, '\n');
        /* "Gunnar Hedlund-Ek, ordförande\nSara Lindgren": the title of the line before */
        if (nl < s && ov[0] >= 2 && c->t.s[ov[0] - 2] == ',')
            continue;
        /* "Ordförande Vice ordförande\n\nMicasa Fastigheter i Stockholm AB":
           a blank line ends the title's block, the next line is no name */
        if (nl < s && byte_from(c, nl + 1, s, '\n') < s)
            continue;
        int trimmed = trim_name(c, &s, e);
        if (!trimmed)
            continue;
        int gl = trimmed == 2; /* the first word is a given name */
        const char *party = ov[4] != (size_t)-1 ? party_of(c, c->t.s + ov[4], ov[5] - ov[4], gl) : NULL;
        /* a vice chair is named, but does not chair */
        int vice = vice_chair(c, ov[0], ov[1]);
        add(c, s, e, vice ? "vice ordförande" : "ordförande", party, vice ? "other" : "chair");
    }
    name_starts ns = find_name_starts(c);
    line_picks lp;
    pick_lines(c, g, &lp);
    labelled(c, g, &ns, &lp);
    attendance(c, g, &ns);
    titled(c, &ns);
    /* signature blocks: the lines that may_sign() passed (pick_lines()) over a line of titles */
    for (size_t x = 0; x < lp.nsign; x++) {
        const line *nl = &g->lines[lp.sign[x]], *tl = nl + 1;
        word t[8], scratch[4];
        size_t k = titles_of(c, tl->s, tl->e, t, 8);
        /* a line of titles is no line of names; its titles must not
           overwrite the fifth to eighth titles of the line below */
        if (!k || titles_of(c, nl->s, nl->e, scratch, 4))
            continue;
        signature(c, nl, t, k);
    }
    runs(c, &ns);
    c->people_seen = NULL; /* the indices hold no longer after the merges */
    merge_genitives(c);
    merge_spellings(c);
}
