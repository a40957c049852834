/* The one pass over the text (lib/scan.c): the places its automaton finds
   are exactly those a naive search of every key at every offset finds — for
   words as written, words with a condition on what follows, the folded
   openings of phrases and digits — on random texts over a small alphabet
   that makes keys overlap, nest and repeat, and on the extractor's own
   rows over the corpus. */
#include "testutil.h"
#include "internal.h"

/* a small generator, the same on every machine */
static uint32_t rnd_state = 12345;
static uint32_t rnd(uint32_t n)
{
    rnd_state = rnd_state * 1103515245u + 12345u;
    return (rnd_state >> 8) % n;
}

/* pieces the texts and keys are made of: letters in both cases, a
   two-byte letter in both cases, a space, a line break, a digit */
static const char *const pieces[] = {"a", "b", "A", "B", "\xC3\xA4", "\xC3\x84", " ", "\n", "1"};
enum { NPIECES = sizeof pieces / sizeof *pieces };

/* pieces_n pieces drawn from set[0..nset), end to end, as long as they
   fit in out[0..max) with a zero after them; the length */
static size_t pieced_text(char *out, size_t max, size_t pieces_n, const char *const *set, size_t nset)
{
    size_t n = 0;
    for (size_t i = 0; i < pieces_n; i++) {
        const char *p = set[rnd((uint32_t)nset)];
        size_t m = strlen(p);
        if (n + m >= max)
            break;
        memcpy(out + n, p, m);
        n += m;
    }
    out[n] = 0;
    return n;
}

static size_t random_text(char *out, size_t max, size_t pieces_n) { return pieced_text(out, max, pieces_n, pieces, NPIECES); }

/* The places one pass of sc finds for this kind in text[0..n) are the
   offsets naive[] marks. */
static void same_places(pk_scan *sc, const char *text, size_t n, int kind, const unsigned char *naive)
{
    arena a = {0};
    ctx c;
    pk_extractor fake;
    memset(&c, 0, sizeof c);
    memset(&fake, 0, sizeof fake);
    fake.scan = sc;
    c.ex = &fake;
    c.a = &a;
    c.t.s = (char *)text;
    c.t.n = n;
    const pk_cues *q = pk_cue_places(&c, kind);
    size_t k = 0;
    for (size_t p = 0; p < n; p++)
        if (naive[p]) {
            assert_true(k < q->n);
            assert_int_equal(q->at[k], p);
            k++;
        }
    assert_int_equal(k, q->n);
    pk_arena_free(&a);
}

static int next_is_space(const char *s, size_t n, size_t at) { return at < n && s[at] == ' '; }

/* The places of the keys of one kind in text by a plain search: naive[p]
   set where one of them stands (and, for a key whose cond is set, a space
   follows it; cond NULL: none has one). */
static void naive_places(const char *text, size_t n, char keys[][65], const int *kinds, const int *cond, int nk,
                         int kind, unsigned char *naive)
{
    memset(naive, 0, n + 1);
    for (int i = 0; i < nk; i++) {
        size_t m = strlen(keys[i]);
        if (kinds[i] != kind)
            continue;
        for (size_t p = 0; p + m <= n; p++)
            if (memcmp(text + p, keys[i], m) == 0 && (!cond || !cond[i] || next_is_space(text, n, p + m)))
                naive[p] = 1;
    }
}

/* words as written, some with a condition on what follows, in four kinds */
static void test_words_as_naive_search(void **state)
{
    (void)state;
    for (int round = 0; round < 300; round++) {
        pk_scan *sc = pk_scan_new();
        assert_non_null(sc);
        char keys[12][65];
        int kinds[12], cond[12];
        int nk = 1 + (int)rnd(12);
        for (int i = 0; i < nk; i++) {
            random_text(keys[i], sizeof keys[i], 1 + rnd(4));
            if (!keys[i][0])
                strcpy(keys[i], "a");
            kinds[i] = (int)rnd(4);
            cond[i] = rnd(3) == 0;
            assert_int_equal(cond[i] ? pk_scan_word_then(sc, kinds[i], keys[i], next_is_space)
                                     : pk_scan_word(sc, kinds[i], keys[i]),
                             0);
        }
        assert_int_equal(pk_scan_compile(sc), 0);
        static char text[4096];
        size_t n = random_text(text, sizeof text, rnd(1500));
        static unsigned char naive[4096];
        for (int kind = 0; kind < 4; kind++) {
            naive_places(text, n, keys, kinds, cond, nk, kind, naive);
            same_places(sc, text, n, kind, naive);
        }
        pk_scan_free(sc);
    }
}

/* words as written of up to MAX_KEY bytes, taken from the text itself
   (so that long ones stand in it too), some with one letter's case turned
   (so that the automaton, which reads the text folded, reaches them where
   the text spells them otherwise): the check of a hit against its own
   bytes, for keys shorter and longer than eight bytes and near the start
   of the text */
static void test_long_words_as_naive_search(void **state)
{
    (void)state;
    for (int round = 0; round < 300; round++) {
        static char text[4096];
        size_t n = random_text(text, sizeof text, 1 + rnd(1500));
        pk_scan *sc = pk_scan_new();
        assert_non_null(sc);
        char keys[8][65];
        int kinds[8], nk = 1 + (int)rnd(8);
        for (int i = 0; i < nk; i++) {
            size_t m = 1 + rnd(64), at = rnd((uint32_t)n);
            if (at + m > n)
                m = n - at;
            memcpy(keys[i], text + at, m);
            keys[i][m] = 0;
            size_t k = rnd((uint32_t)m);
            if (rnd(2) && keys[i][k] >= 'a' && keys[i][k] <= 'z')
                keys[i][k] = (char)(keys[i][k] - 32);
            else if (rnd(2) && keys[i][k] >= 'A' && keys[i][k] <= 'Z')
                keys[i][k] = (char)(keys[i][k] + 32);
            kinds[i] = (int)rnd(3);
            assert_int_equal(pk_scan_word(sc, kinds[i], keys[i]), 0);
        }
        assert_int_equal(pk_scan_compile(sc), 0);
        static unsigned char naive[4096];
        for (int kind = 0; kind < 3; kind++) {
            naive_places(text, n, keys, kinds, NULL, nk, kind, naive);
            same_places(sc, text, n, kind, naive);
        }
        pk_scan_free(sc);
    }
}

/* a byte of the text as the date cues compare it (dates.c's part_at) */
static unsigned char fold(unsigned char t, unsigned char prev)
{
    if (t >= 'A' && t <= 'Z')
        return (unsigned char)(t + 32);
    if (prev == 0xC3 && t >= 0x80 && t <= 0x9E)
        return (unsigned char)(t + 0x20);
    return t;
}

/* the folded opening of a phrase: any case in the text, a space of the
   phrase as a space or a line break; an opening that ends in a space
   only where the phrase's next byte (but '-', '*' or none) follows the
   run of spaces and line breaks there, and the byte after it (when the
   phrase has one of its word) follows that, folded as the date cues do */
static void test_folded_openings_as_naive_search(void **state)
{
    (void)state;
    static const char *const phrases[] = {"ab", "a b", "\xC3\xA4" "b", "b\xC3\xA4", "a", " a", "ba ", "\xC3\xA4",
                                          "a \xC3\xA4", "a *", "b a", "b -a", "b ab"};
    enum { NPH = sizeof phrases / sizeof *phrases };
    for (int round = 0; round < 200; round++) {
        pk_scan *sc = pk_scan_new();
        assert_non_null(sc);
        int use[NPH];
        size_t len[NPH];
        for (int i = 0; i < NPH; i++) {
            use[i] = rnd(2) == 0;
            len[i] = 1 + rnd((uint32_t)strlen(phrases[i]));
            if (use[i])
                assert_int_equal(pk_scan_folded(sc, 0, phrases[i], len[i]), 0);
        }
        assert_int_equal(pk_scan_compile(sc), 0);
        /* every other round, a text of longer runs of spaces and line
           breaks between the letters */
        static const char *const spacey[] = {"a", "b", "B", "\xC3\xA4", "\xC3\x84", " ", "  ", "\n", " \n  ", "\n\n"};
        static char text[4096];
        size_t n = round % 2 ? pieced_text(text, sizeof text, rnd(1500), spacey, sizeof spacey / sizeof *spacey)
                             : random_text(text, sizeof text, rnd(1500));
        static unsigned char naive[4096];
        memset(naive, 0, n + 1);
        for (int i = 0; i < NPH; i++) {
            if (!use[i])
                continue;
            const unsigned char *ph = (const unsigned char *)phrases[i];
            for (size_t p = 0; p + len[i] <= n; p++) {
                size_t j = 0;
                for (; j < len[i]; j++) {
                    unsigned char t = (unsigned char)text[p + j];
                    int ok = j > 0 && ph[j] == ' ' ? t == ' ' || t == '\n' : fold(t, j ? ph[j - 1] : 0) == ph[j];
                    if (!ok)
                        break;
                }
                unsigned char next = len[i] > 1 && ph[len[i] - 1] == ' ' ? ph[len[i]] : 0;
                if (j == len[i] && next && next != '-' && next != '*') {
                    size_t k = p + j;
                    while (k < n && (text[k] == ' ' || text[k] == '\n'))
                        k++;
                    j = k < n && fold((unsigned char)text[k], ' ') == next ? j : 0;
                    unsigned char after = ph[len[i] + 1];
                    if (j && after && after != ' ' && after != '-' && after != '*')
                        j = k + 1 < n && fold((unsigned char)text[k + 1], next) == after ? j : 0;
                }
                if (j == len[i])
                    naive[p] = 1;
            }
        }
        same_places(sc, text, n, 0, naive);
        pk_scan_free(sc);
    }
}

/* a condition that rejects a digit after a digit (pk_scan_digit asks it
   at the first digit of a run only) */
static int digit_before_a(const char *s, size_t n, size_t at)
{
    return (at == 0 || s[at - 1] < '0' || s[at - 1] > '9') && at + 1 < n && s[at + 1] == 'a';
}

/* one that admits later digits of a run: the last two digits of a run that
   an 'a' or a space follows; at a digit, and for a run at once */
static size_t run_end(const char *s, size_t n, size_t at)
{
    while (at < n && s[at] >= '0' && s[at] <= '9')
        at++;
    return at;
}
static int last_two_before_a(const char *s, size_t n, size_t at)
{
    size_t to = run_end(s, n, at);
    return to <= at + 2 && to < n && (s[to] == 'a' || s[to] == ' ');
}
static size_t run_last_two_before_a(const char *s, size_t n, size_t from, size_t to, size_t *lo)
{
    *lo = to >= from + 2 ? to - 2 : from;
    return to < n && (s[to] == 'a' || s[to] == ' ') ? to : *lo;
}

/* digits under the three kinds of condition (one that a run's first
   digit answers, one for a whole run, none), beside words of the same
   kind that hold digits, on texts where digits run */
static void test_digits_as_naive_search(void **state)
{
    (void)state;
    static const char *const bits[] = {"1", "2", "1", "9", "a", "b", " ", "\n", "b1"};
    enum { NBITS = sizeof bits / sizeof *bits };
    for (int round = 0; round < 300; round++) {
        pk_scan *sc = pk_scan_new();
        assert_non_null(sc);
        int with[3];
        for (int i = 0; i < 3; i++)
            with[i] = rnd(3) != 0;
        if (with[0])
            assert_int_equal(pk_scan_digit(sc, 1, digit_before_a), 0);
        if (with[1])
            assert_int_equal(pk_scan_digit_run(sc, round % 2 ? 1 : 2, run_last_two_before_a), 0);
        if (with[2])
            assert_int_equal(pk_scan_digit(sc, 3, NULL), 0);
        assert_int_equal(pk_scan_word(sc, 1, "b1"), 0);
        assert_int_equal(pk_scan_word(sc, 2, "21"), 0);
        assert_int_equal(pk_scan_compile(sc), 0);
        static char text[4096];
        size_t n = 0, len = rnd(1500);
        for (size_t i = 0; i < len; i++) {
            const char *b = bits[rnd(NBITS)];
            memcpy(text + n, b, strlen(b));
            n += strlen(b);
        }
        text[n] = 0;
        static unsigned char naive[4096];
        for (int kind = 1; kind <= 3; kind++) {
            memset(naive, 0, n + 1);
            for (size_t p = 0; p < n; p++) {
                int digit = text[p] >= '0' && text[p] <= '9';
                if ((kind == 1 && with[0] && digit && digit_before_a(text, n, p)) ||
                    (kind == (round % 2 ? 1 : 2) && with[1] && digit && last_two_before_a(text, n, p)) ||
                    (kind == 3 && with[2] && digit) || (kind == 1 && p + 2 <= n && memcmp(text + p, "b1", 2) == 0) ||
                    (kind == 2 && p + 2 <= n && memcmp(text + p, "21", 2) == 0))
                    naive[p] = 1;
            }
            same_places(sc, text, n, kind, naive);
        }
        pk_scan_free(sc);
    }
}

/* The conditions of the extractor's digit rows as each was first written,
   asked at every digit: the scan answers them together, a run at a time
   (match.c's digit_rows), and must admit the same digits. */
static int ref_digit(unsigned char ch) { return (unsigned char)(ch - '0') < 10; }
static int ref_digit_group_then_separator(const char *s, size_t n, size_t at)
{
    if (at > 0 && ref_digit((unsigned char)s[at - 1]))
        return 0;
    size_t k = at + 1, lim = n < at + 7 ? n : at + 7;
    while (k < lim && ref_digit((unsigned char)s[k]))
        k++;
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
        if (ref_digit((unsigned char)s[k]))
            return 1;
        else if (s[k] != ' ' && s[k] != '\n')
            return 0;
    return 0;
}
static int ref_date_digit(const char *s, size_t n, size_t at)
{
    if (at > 0 && (ref_digit((unsigned char)s[at - 1]) || s[at - 1] == '.' || s[at - 1] == '-' || s[at - 1] == '/'))
        return 0;
    if (at + 5 <= n && ref_digit((unsigned char)s[at + 1]) && ref_digit((unsigned char)s[at + 2]) &&
        ref_digit((unsigned char)s[at + 3]) && (s[at + 4] == '-' || s[at + 4] == '.' || ref_digit((unsigned char)s[at + 4])))
        return 1;
    size_t k = at + 1;
    if (k < n && ref_digit((unsigned char)s[k]))
        k++;
    return !(k + 1 >= n || s[k] != '/' || !ref_digit((unsigned char)s[k + 1]));
}

/* the first digit of a day and month ("15/4"): a date's first digit that
   one or two digits, a slash and a digit open (RX_DATE_SLASH's places) */
static int ref_slash_digit(const char *s, size_t n, size_t at)
{
    if (!ref_date_digit(s, n, at))
        return 0;
    size_t k = at + 1;
    if (k < n && ref_digit((unsigned char)s[k]))
        k++;
    return k + 1 < n && s[k] == '/' && ref_digit((unsigned char)s[k + 1]);
}

/* pk_word_ends_soon as first written: each byte asked whether it begins
   a letter */
/* a run of exactly four digits whose first is 1 or 2 opens at `at` (the
   places dates.c's year_of_text walks) */
static int ref_year_digit(const char *s, size_t n, size_t at)
{
    if ((at > 0 && ref_digit((unsigned char)s[at - 1])) || (s[at] != '1' && s[at] != '2'))
        return 0;
    size_t k = at;
    while (k < n && ref_digit((unsigned char)s[k]))
        k++;
    return k - at == 4;
}

/* a capital before a small letter as the bytes tell it (PK_CUE_CAPITALS,
   as people.c first asked it of each byte): A-Z before a-z or a byte from
   0x80 on, or a lead byte from 0xC3 on but 0xC3 before 0xA0-0xBF */
static int ref_capital(const char *s, size_t n, size_t at)
{
    unsigned char a = (unsigned char)s[at], b = at + 1 < n ? (unsigned char)s[at + 1] : 0;
    if (a >= 'A' && a <= 'Z')
        return (b >= 'a' && b <= 'z') || b >= 0x80;
    return a >= 0xC3 && !(a == 0xC3 && b >= 0xA0 && b <= 0xBF);
}

static int ref_word_ends_soon(const char *s, size_t n, size_t at)
{
    for (size_t k = at; k <= at + 2; k++) {
        if (k >= n || !pk_is_letter_at(s + k, n - k))
            return 1;
        unsigned char ch = (unsigned char)s[k];
        if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z')))
            return 0;
    }
    return 0;
}

/* texts of the bytes the conditions look at: runs of digits of every
   length, separators, spaces, line breaks, an en dash, the letters that
   open a month or an ordinal, letters beyond ASCII and a sign (×) that is
   none, and a byte of a character cut short */
static size_t condition_text(char *out, size_t max, size_t pieces_n)
{
    static const char *const bits[] = {"1", "2", "0", "9", "12", "2024", "123456", " ", " ", "\n", "-", "/", ":", ".",
                                       ",", "(", ")", "\xE2\x80\x93", "a", "e", "E", "j", "M", "x", "Q", "maj", "\xC3\xA4",
                                       "\xC3\x84", "\xC3\x97", "\xC5\x82", "\xE2\x82\xAC", "\xC3", "\x80", "en", "s"};
    return pieced_text(out, max, pieces_n, bits, sizeof bits / sizeof *bits);
}

static void test_digit_conditions_as_before(void **state)
{
    (void)state;
    static const int kinds[] = {RX_REGNUM, RX_DATE_ISO, RX_DATE_SLASH, PK_CUE_YEARS, PK_CUE_CAPITALS};
    static int (*const ref[])(const char *, size_t, size_t) = {ref_digit_group_then_separator, ref_date_digit,
                                                                 ref_slash_digit, ref_year_digit, ref_capital};
    static char text[4096];
    static unsigned char naive[4096];
    for (int round = 0; round < 400; round++) {
        size_t n = condition_text(text, sizeof text, rnd(round < 100 ? 40 : 1500));
        for (int i = 0; i < 5; i++) {
            memset(naive, 0, n + 1);
            for (size_t p = 0; p < n; p++)
                naive[p] = (unsigned char)(kinds[i] == PK_CUE_CAPITALS ? ref_capital(text, n, p)
                                                                       : ref_digit((unsigned char)text[p]) && ref[i](text, n, p));
            same_places(shared_ex->scan, text, n, kinds[i], naive);
        }
    }
}

static void test_word_ends_soon_as_before(void **state)
{
    (void)state;
    static char text[4096];
    for (int round = 0; round < 400; round++) {
        size_t n = condition_text(text, sizeof text, rnd(300));
        for (size_t at = 0; at <= n; at++)
            assert_int_equal(pk_word_ends_soon(text, n, at), ref_word_ends_soon(text, n, at));
    }
}

/* the extractor's own cue words (cue_words.tsv, furniture_words.txt) on a
   text that holds each of them: every occurrence is a place, and a row
   asked for alone is found where it first stands */
static void test_table_words_found(void **state)
{
    (void)state;
    static char text[8192];
    size_t n = 0;
    for (size_t k = 0; k < pk_n_cue_words; k++)
        n += (size_t)snprintf(text + n, sizeof text - n, "x %s y\n", pk_cue_words[k].word);
    pk_doc *d = extract(text); /* the text is well formed for the extractor too */
    pk_doc_free(d);
    pk_extractor *ex = pk_extractor_new();
    assert_non_null(ex);
    arena a = {0};
    ctx c;
    memset(&c, 0, sizeof c);
    c.ex = ex;
    c.a = &a;
    c.t.s = text;
    c.t.n = n;
    for (size_t k = 0; k < pk_n_cue_words; k++) {
        if (pk_cue_words[k].kind >= PK_CUE_KINDS)
            continue; /* a kind the pass keeps no places for */
        const char *w = strstr(text, pk_cue_words[k].word);
        assert_non_null(w);
        size_t row = SIZE_MAX, at = pk_cue_word_at(&c, pk_cue_words[k].kind, SIZE_MAX, (size_t)(w - text), n, &row);
        assert_int_equal(at, (size_t)(w - text));
        assert_true(row < pk_n_cue_words);
        assert_true(strncmp(text + at, pk_cue_words[row].word, strlen(pk_cue_words[row].word)) == 0);
        /* and the row itself, asked for alone, stands at its first place */
        assert_int_equal(pk_cue_word_at(&c, pk_cue_words[k].kind, k, 0, n, NULL), (size_t)(w - text));
    }
    pk_arena_free(&a);
    pk_extractor_free(ex);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_words_as_naive_search),
        cmocka_unit_test(test_long_words_as_naive_search),
        cmocka_unit_test(test_folded_openings_as_naive_search),
        cmocka_unit_test(test_digits_as_naive_search),
        cmocka_unit_test(test_table_words_found),
        cmocka_unit_test(test_digit_conditions_as_before),
        cmocka_unit_test(test_word_ends_soon_as_before),
    };
    return cmocka_run_group_tests_name("scan", tests, setup_ex, teardown_ex);
}
