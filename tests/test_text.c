/* The text layer: decoding, normalisation, page furniture, line-break
   hyphens and the offset map back to the original bytes. */
#include "testutil.h"
#include "internal.h"

#include <dirent.h>
#include <utf8proc.h>

static void cleaned(const char *in, size_t n, pk_text *out, arena *a, decode_info *di)
{
    pk_text raw;
    assert_int_equal(pk_decode(a, (const unsigned char *)in, n, &raw, di), 0);
    pk_normalize(a, &raw, di->plain, out);
}

static void expect_clean(const char *in, const char *want)
{
    arena a = {0};
    pk_text t;
    decode_info di;
    cleaned(in, strlen(in), &t, &a, &di);
    assert_string_equal(t.s, want);
    pk_arena_free(&a);
}

/* pk_first_from_near answers as pk_first_from does, whatever the hint:
   questions in order, out of order, repeated, and hints out of range. */
static void test_places_found_from_near(void **state)
{
    (void)state;
    uint32_t at[600];
    unsigned seed = 12345;
    for (int round = 0; round < 200; round++) {
        size_t n = (size_t)(round * 3) % 600;
        uint32_t v = 0;
        for (size_t i = 0; i < n; i++) {
            seed = seed * 1103515245u + 12345u;
            v += 1 + (seed >> 16) % 9;
            at[i] = v;
        }
        size_t hint = (size_t)round % 7 == 0 ? n + 5 : 0;
        for (int q = 0; q < 300; q++) {
            seed = seed * 1103515245u + 12345u;
            size_t p = q < 150 ? (size_t)q * (v + 20) / 150 : (seed >> 8) % (v + 20);
            if (q % 37 == 0)
                hint = (seed >> 4) % (n + 3);
            assert_int_equal(pk_first_from_near(at, n, p, &hint), pk_first_from(at, n, p));
            assert_int_equal(hint, pk_first_from(at, n, p));
        }
    }
}

/* pk_lower gives what lowering a character at a time gives (A-Z; after
   0xC3 the Latin-1 capitals but the sign of multiplication; beyond,
   utf8proc's lower case; a byte that opens no character as it stands): on
   random strings of every length up to 48 (a character cut by the end
   too), each in memory of its own length, so that a byte read past the
   end shows under the sanitizers. */
/* pk_line_from answers as a walk over the lines does: the first line at
   `from` or after that starts at p or after, for every from and p of a
   text's lines (empty ones among them). */
static void test_line_from_as_walk(void **state)
{
    (void)state;
    static char text[] = "a\n\nbb ccc\n\n\nd\neeeeeeee ff\ng\n\nhh";
    pk_text t = {.s = text, .n = sizeof text - 1};
    arena a = {0};
    segs g;
    pk_segment(&a, &t, &g);
    assert_true(g.nlines >= 8);
    for (size_t from = 0; from <= g.nlines; from++)
        for (size_t p = 0; p <= t.n + 1; p++) {
            size_t want = from;
            while (want < g.nlines && g.lines[want].s < p)
                want++;
            assert_int_equal(pk_line_from(&g, from, p), want);
        }
    pk_arena_free(&a);
}

static void test_lower_as_char_by_char(void **state)
{
    (void)state;
    static const char *const pieces[] = {"a", "Z", "@", "[", " ", "\n", "7", "\xc3\x85", "\xc3\xa5", "\xc3\x97",
                                         "\xc3\x9e", "\xc3\x9f", "\xc3\x96", "\xc4\x80", "\xe2\x80\x93", "\xc2\xa7",
                                         "\xf0\x9f\x98\x80", "\xc3", "\x80", "\xff"};
    const size_t npieces = sizeof pieces / sizeof *pieces;
    arena a = {0};
    unsigned seed = 777;
    for (int round = 0; round < 6000; round++) {
        char buf[64];
        seed = seed * 1103515245u + 12345u;
        size_t n = (size_t)round % 49, k = 0;
        while (k < n) {
            seed = seed * 1103515245u + 12345u;
            const char *piece = pieces[(seed >> 16) % npieces];
            for (size_t j = 0; piece[j] && k < n; j++)
                buf[k++] = piece[j];
        }
        char *s = malloc(n ? n : 1);
        assert_non_null(s);
        memcpy(s, buf, n);
        char want[4 * 64 + 1];
        size_t o = 0;
        for (size_t i = 0; i < n;) {
            unsigned char u = (unsigned char)s[i];
            if (u < 0x80) {
                want[o++] = (char)(u >= 'A' && u <= 'Z' ? u + 32 : u);
                i++;
            } else if (u == 0xC3 && i + 1 < n && ((unsigned char)s[i + 1] & 0xC0) == 0x80) {
                unsigned char b = (unsigned char)s[i + 1];
                want[o++] = (char)u;
                want[o++] = (char)(b <= 0x9E && b != 0x97 ? b + 0x20 : b);
                i += 2;
            } else {
                utf8proc_int32_t cp;
                utf8proc_ssize_t r = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &cp);
                if (r <= 0) {
                    want[o++] = s[i++];
                } else {
                    o += (size_t)utf8proc_encode_char(utf8proc_tolower(cp), (utf8proc_uint8_t *)want + o);
                    i += (size_t)r;
                }
            }
        }
        want[o] = 0;
        assert_string_equal(pk_lower(&a, s, n), want);
        free(s);
    }
    pk_arena_free(&a);
}

/* The bytes pk_decode tells pk_normalize it may leave as they stand
   (decode_info's plain) change nothing: on random texts of the pieces that
   first pass stops at (tabs, carriage returns, "§", dashes, combining
   marks after a letter or a dash, soft hyphens, ligatures, form feeds,
   hyphens at a line's end, invalid bytes), the cleaned text and its map
   are the same with them as with 0. */
static void test_plain_start_same(void **state)
{
    (void)state;
    static const char *const pieces[] = {
        "Protokoll ", "a", "Ö", "å", "é", "\t", "\r\n", "\n", "\f", "§ 12 ", "\xE2\x80\x93", "\xCC\x81",
        "e\xCC\x81", "\xE2\x80\x93\xCC\x81", "\xC2\xAD", "\xEF\xAC\x81", "beslu-\nta ", "\xFF", "  ", "1.",
        "\xE2\x80\x9D", "\xC2\xA0", "x\x01y",
    };
    size_t np = sizeof pieces / sizeof *pieces;
    unsigned seed = 777;
    char in[512];
    for (int round = 0; round < 3000; round++) {
        size_t n = 0;
        seed = seed * 1103515245u + 12345u;
        size_t k = 1 + (seed >> 16) % 24;
        for (size_t i = 0; i < k; i++) {
            seed = seed * 1103515245u + 12345u;
            const char *piece = pieces[(seed >> 16) % np];
            size_t m = strlen(piece);
            memcpy(in + n, piece, m);
            n += m;
        }
        arena a = {0}, b = {0};
        pk_text raw, t, raw0, t0;
        decode_info di, di0;
        int rc = pk_decode(&a, (const unsigned char *)in, n, &raw, &di);
        assert_int_equal(pk_decode(&b, (const unsigned char *)in, n, &raw0, &di0), rc);
        if (rc == 0) {
            assert_true(di.plain <= raw.n);
            pk_normalize(&a, &raw, di.plain, &t);
            pk_normalize(&b, &raw0, 0, &t0);
            assert_int_equal(t.n, t0.n);
            assert_memory_equal(t.s, t0.s, t.n);
            for (size_t i = 0; i <= t.n; i++)
                assert_int_equal(pk_map_at(&t, i), pk_map_at(&t0, i));
        }
        pk_arena_free(&a);
        pk_arena_free(&b);
    }
}

/* The arena's vectors: the items survive each growth, in place at the end
   of a block or through a block of their own, and other allocations made
   between two growths keep their bytes. */
static void test_arena_vectors_grow(void **state)
{
    (void)state;
    arena a = {0};
    vec small = {NULL, 0, 0, sizeof(uint32_t)}, big = {NULL, 0, 0, sizeof(uint64_t)};
    char *marks[64];
    size_t nm = 0;
    for (uint32_t i = 0; i < 200000; i++) {
        uint32_t *s = pk_vec_push(&a, &small);
        assert_non_null(s);
        *s = i * 7u;
        uint64_t *b = pk_vec_push(&a, &big);
        assert_non_null(b);
        *b = (uint64_t)i * 1000003u;
        if ((i & (i - 1)) == 0 && nm < 64) { /* a string between growths */
            marks[nm] = pk_arena_strdup(&a, "mellan");
            assert_non_null(marks[nm]);
            nm++;
        }
    }
    for (uint32_t i = 0; i < 200000; i++) {
        assert_int_equal(((uint32_t *)small.items)[i], i * 7u);
        assert_true(((uint64_t *)big.items)[i] == (uint64_t)i * 1000003u);
    }
    for (size_t k = 0; k < nm; k++)
        assert_string_equal(marks[k], "mellan");
    /* one vector alone grows where it stands; a string after it then takes
       the room beyond its items */
    vec alone = {NULL, 0, 0, sizeof(uint32_t)};
    char *after = NULL;
    for (uint32_t i = 0; i < 64; i++) {
        uint32_t *s = pk_vec_push(&a, &alone);
        assert_non_null(s);
        *s = i + 1;
        if (i == 12)
            after = pk_arena_strdup(&a, "efter");
    }
    for (uint32_t i = 0; i < 64; i++)
        assert_int_equal(((uint32_t *)alone.items)[i], i + 1);
    assert_string_equal(after, "efter");
    pk_arena_free(&a);
}

static void test_utf8_bom_crlf(void **state)
{
    (void)state;
    expect_clean("\xEF\xBB\xBFRad ett\r\nRad tv\xC3\xA5\r\n", "Rad ett\nRad två");
}

static void test_cp1252(void **state)
{
    (void)state;
    arena a = {0};
    pk_text t;
    decode_info di;
    const char in[] = "S\xF6" "dermalms stadsdelsn\xE4" "mnd \x96 \x80";
    cleaned(in, sizeof in - 1, &t, &a, &di);
    assert_int_equal(di.encoding, ENC_CP1252);
    assert_string_equal(t.s, "Södermalms stadsdelsnämnd – €");
    /* every output byte maps to the single input byte it came from */
    assert_int_equal(pk_map_at(&t, 1), 1);
    pk_arena_free(&a);
}

static void test_invalid_utf8_replaced(void **state)
{
    (void)state;
    arena a = {0};
    pk_text t;
    decode_info di;
    const char in[] = "Nämnd \xFF och \xC3\xA5";
    cleaned(in, sizeof in - 1, &t, &a, &di);
    assert_int_equal(di.encoding, ENC_UTF8);
    assert_int_equal(di.replaced, 1);
    assert_non_null(strstr(t.s, "\xEF\xBF\xBD"));
    pk_arena_free(&a);
}

static void test_binary_refused(void **state)
{
    (void)state;
    arena a = {0};
    pk_text t;
    decode_info di;
    unsigned char bin[256];
    for (int i = 0; i < 256; i++)
        bin[i] = (unsigned char)(i * 7);
    assert_int_equal(pk_decode(&a, bin, sizeof bin, &t, &di), PK_ENOTTEXT);
    pk_arena_free(&a);
    pk_doc *d = NULL;
    assert_int_equal(pk_extract(shared_ex, (const char *)bin, sizeof bin, "b", &d), PK_ENOTTEXT);
    assert_null(d);
}

static void test_folding(void **state)
{
    (void)state;
    /* no-break space, soft hyphen inside a word, ligature, decomposed ä */
    expect_clean("a\xC2\xA0" "b kvali\xC2\xADtet \xEF\xAC\x81nns na\xCC\x88mnd", "a b kvalitet finns nämnd");
}

static void test_dehyphenation(void **state)
{
    (void)state;
    expect_clean("Kista vård och omsorgs-\nboende", "Kista vård och omsorgsboende");
    expect_clean("Rinkeby-\nKista mottagningen", "Rinkeby-Kista mottagningen");
    expect_clean("Hägersten-\nÄlvsjö", "Hägersten-Älvsjö");
    expect_clean("Stöd-\noch serviceenheten", "Stöd- och serviceenheten");
    expect_clean("Resursenheten, KBT-\nteamet", "Resursenheten, KBT-teamet");
    expect_clean("be-\ndöms", "bedöms");
    expect_clean("kvalitets\xC2\xAD\nutmärkelsen", "kvalitetsutmärkelsen");
    expect_clean("Stöd- och serviceenheten", "Stöd- och serviceenheten");
}

/* "Text", a line "Justerandes" + spaces + tail letters, "mer": the line
   is furniture (gone) or kept as it stands. */
static void expect_justerandes(size_t spaces, size_t tail, int gone)
{
    char in[512];
    size_t k = (size_t)sprintf(in, "Text\nJusterandes");
    memset(in + k, ' ', spaces);
    k += spaces;
    memset(in + k, 'a', tail);
    k += tail;
    strcpy(in + k, "\nmer");
    expect_clean(in, gone ? "Text\nmer" : in);
}

static void test_furniture(void **state)
{
    (void)state;
    expect_clean("Första raden\nSida 1 (3)\nandra raden\n \n2 Sida 2 (6)\n7\nJusterandes signatur\nUtdragsbestyrkande\nsista",
                 "Första raden\nandra raden\n\nsista");
    expect_clean("Rubrik\n\nText\fDin position: Hem > Nämnder\nmer text", "Rubrik\n\nText\nmer text");
    /* columns flattened with runs of spaces, across blocks of sixteen
       bytes: the line with each run made one space, in lower case */
    expect_clean("Text\nJUSTERANDES  SIGNATUR            UTDRAGSBESTYRKANDE\nmer", "Text\nmer");
    expect_clean("Text\n   Ordf\xC3\xB6randes               signatur   \nmer", "Text\nmer");
    /* "Justerandes ..." is furniture up to 49 bytes so made, and a line
       of 256 bytes or more never is */
    expect_justerandes(1, 37, 1);
    expect_justerandes(1, 38, 0);
    expect_justerandes(20, 37, 1);
    expect_justerandes(20, 38, 0);
    expect_justerandes(240, 1, 1);
    expect_justerandes(244, 1, 0);
}

static void test_double_spacing(void **state)
{
    (void)state;
    expect_clean("Ett\n\ntvå\n\ntre\n\nfyra\n\n \n\nfem\n\nsex\n\nsju\n", "Ett\ntvå\ntre\nfyra\n\nfem\nsex\nsju");
}

/* Texts of many line breaks in few bytes, of every length up to five
   blocks of sixty-four: the breaks' room in the cleanup holds them all
   (a dense block before the last took it once), and the letters come out
   in order, whatever the lines around them. */
static void test_dense_breaks(void **state)
{
    (void)state;
    static char in[400], want[400], got[400];
    for (int every = 0; every < 4; every++)
        for (size_t n = 1; n < 330; n++) {
            size_t nw = 0;
            for (size_t k = 0; k < n; k++) {
                /* breaks only; a letter every 5th or 61st byte; a letter
                   after the first block's breaks (as "\f\r...\rM\r...") */
                int letter = (every == 1 && k % 5 == 4) || (every == 2 && k % 61 == 60) || (every == 3 && k == 66);
                in[k] = letter ? (char)('a' + k % 26) : (k % 7 == 3 ? '\r' : '\n');
                if (letter)
                    want[nw++] = in[k];
            }
            want[nw] = 0;
            arena a = {0};
            pk_text t;
            decode_info di;
            cleaned(in, n, &t, &a, &di);
            size_t ng = 0;
            for (size_t k = 0; k < t.n; k++)
                if (t.s[k] != '\n' && t.s[k] != ' ')
                    got[ng++] = t.s[k];
            got[ng] = 0;
            assert_string_equal(got, want);
            pk_arena_free(&a);
        }
}

static void test_repeated_header(void **state)
{
    (void)state;
    expect_clean("Tjänsteutlåtande\nDnr 1.2-3/2020\nText ett\n\fTjänsteutlåtande\nDnr 1.2-3/2020\nText två",
                 "Tjänsteutlåtande\nDnr 1.2-3/2020\nText ett\nText två");
}

/* For every byte of the cleaned text, the map points at the original
   byte sequence that produced it; for random spans the original bytes,
   cleaned again, give the cleaned span back (up to whitespace). */
static void round_trip(const char *in, size_t n)
{
    arena a = {0};
    pk_text t;
    decode_info di;
    pk_text raw;
    if (pk_decode(&a, (const unsigned char *)in, n, &raw, &di) != 0) {
        pk_arena_free(&a);
        return;
    }
    pk_normalize(&a, &raw, di.plain, &t);
    for (size_t i = 0; i < t.n; i++) {
        assert_true(pk_map_at(&t, i) < n);
        if (i)
            assert_true(pk_map_at(&t, i) >= pk_map_at(&t, i - 1));
    }
    unsigned seed = 12345;
    for (int k = 0; k < 200 && t.n > 2; k++) {
        seed = seed * 1103515245u + 12345u;
        size_t s = (seed >> 8) % t.n;
        seed = seed * 1103515245u + 12345u;
        size_t e = s + 1 + (seed >> 8) % 40;
        if (e > t.n)
            e = t.n;
        /* whole characters and words only */
        while (s > 0 && ((unsigned char)t.s[s] & 0xC0) == 0x80)
            s--;
        while (e < t.n && ((unsigned char)t.s[e] & 0xC0) == 0x80)
            e++;
        while (s > 0 && t.s[s - 1] != ' ' && t.s[s - 1] != '\n')
            s--;
        while (e < t.n && t.s[e] != ' ' && t.s[e] != '\n')
            e++;
        size_t os = pk_map_at(&t, s), last = pk_map_at(&t, e - 1);
        size_t oe = last + pk_orig_charlen((const unsigned char *)in, n, last, di.encoding);
        arena b = {0};
        pk_text raw2, t2;
        decode_info di2;
        if (di.encoding == ENC_CP1252) {
            pk_arena_free(&b);
            continue;
        }
        assert_int_equal(pk_decode(&b, (const unsigned char *)in + os, oe - os, &raw2, &di2), 0);
        pk_normalize(&b, &raw2, di2.plain, &t2);
        /* compare without whitespace: cleanup may join or keep line breaks */
        char *x = malloc(e - s + 1), *y = malloc(t2.n + 1);
        size_t xn = 0, yn = 0;
        for (size_t i = s; i < e; i++)
            if (t.s[i] != ' ' && t.s[i] != '\n' && t.s[i] != '-')
                x[xn++] = t.s[i];
        for (size_t i = 0; i < t2.n; i++)
            if (t2.s[i] != ' ' && t2.s[i] != '\n' && t2.s[i] != '-')
                y[yn++] = t2.s[i];
        x[xn] = y[yn] = 0;
        if (strcmp(x, y) != 0) {
            /* page furniture inside the span is dropped from the clean text
               only, and a line cut by the span may look like furniture: one
               must be a subsequence of the other */
            size_t i = 0, j = 0;
            while (i < xn && j < yn) {
                if (x[i] == y[j])
                    i++;
                j++;
            }
            size_t i2 = 0, j2 = 0;
            while (i2 < yn && j2 < xn) {
                if (y[i2] == x[j2])
                    i2++;
                j2++;
            }
            if (i != xn && i2 != yn)
                fail_msg("span %zu-%zu: clean '%s' original '%s'", s, e, x, y);
        }
        free(x);
        free(y);
        pk_arena_free(&b);
    }
    pk_arena_free(&a);
}

static void test_round_trip_corpus(void **state)
{
    (void)state;
    const char *dirs[] = {"corpus", "../shared/seeds"};
    int files = 0;
    for (int k = 0; k < 2; k++) {
        DIR *d = opendir(dirs[k]);
        if (!d)
            continue;
        struct dirent *e;
        while ((e = readdir(d)) != NULL) {
            size_t l = strlen(e->d_name);
            if (l < 5 || strcmp(e->d_name + l - 4, ".txt") != 0)
                continue;
            char path[512];
            snprintf(path, sizeof path, "%s/%s", dirs[k], e->d_name);
            size_t n = 0;
            char *buf = read_file(path, &n);
            assert_non_null(buf);
            round_trip(buf, n);
            free(buf);
            files++;
        }
        closedir(d);
    }
    assert_true(files >= 5);
}

static void test_sentences(void **state)
{
    (void)state;
    const char *s = "Enheten har bl.a. deltagit t.ex. i år. Nästa mening börjar här.";
    pk_text t = {.s = (char *)s, .n = strlen(s)};
    size_t a, b;
    pk_sentence_bounds(&t, 0, t.n, 5, &a, &b);
    assert_int_equal(a, 0);
    assert_int_equal(b, strlen("Enheten har bl.a. deltagit t.ex. i år."));
    pk_sentence_bounds(&t, 0, t.n, 45, &a, &b);
    assert_int_equal(a, strlen("Enheten har bl.a. deltagit t.ex. i år. "));
    assert_int_equal(pk_heading_kind("Förslag till beslut", strlen("Förslag till beslut")), H_DECISION);
    assert_int_equal(pk_heading_kind("Förvaltningens förslag till beslut", strlen("Förvaltningens förslag till beslut")), H_DECISION);
    assert_int_equal(pk_heading_kind("Framlagda förslag till beslut", strlen("Framlagda förslag till beslut")), H_STOP);
    assert_int_equal(pk_heading_kind("Beslutsgång", strlen("Beslutsgång")), H_STOP);
    /* capitals, the Swedish ones too, on either side of sixteen bytes and
       of a block's edge; a colon and spaces after the name */
    assert_int_equal(pk_heading_kind("OMRÖSTNING", strlen("OMRÖSTNING")), H_STOP);
    assert_int_equal(pk_heading_kind("ÄRENDET ", strlen("ÄRENDET ")), H_OTHER);
    assert_int_equal(pk_heading_kind("BESKRIVNING AV ÄRENDET", strlen("BESKRIVNING AV ÄRENDET")), H_OTHER);
    assert_int_equal(pk_heading_kind("FÖRVALTNINGENS SYNPUNKTER OCH FÖRSLAG", strlen("FÖRVALTNINGENS SYNPUNKTER OCH FÖRSLAG")),
                     H_PROPOSAL);
    assert_int_equal(pk_heading_kind("Sammanfattning av ärendet:  ", strlen("Sammanfattning av ärendet:  ")), H_OTHER);
    assert_int_equal(pk_heading_kind("Kultur- och fritidsnämndens beslut", strlen("Kultur- och fritidsnämndens beslut")),
                     H_DECISION);
    assert_int_equal(pk_heading_kind("Kultur- och fritidsnämndens beslut.", strlen("Kultur- och fritidsnämndens beslut.")),
                     H_NONE);
    assert_int_equal(pk_heading_kind("Miljöförvaltningens förslag till Miljönämnden:",
                                     strlen("Miljöförvaltningens förslag till Miljönämnden:")),
                     H_DECISION);
    assert_int_equal(pk_heading_kind("Kontorets synpunkter och förslag till beslut",
                                     strlen("Kontorets synpunkter och förslag till beslut")),
                     H_DECISION);
    assert_int_equal(pk_heading_kind("Nämndens synpunkter och förslag", strlen("Nämndens synpunkter och förslag")),
                     H_PROPOSAL);
    /* the full stop after a list number ends no sentence at a line start */
    const char *l = "Beslut\n1. Nämnden godkänner. Text\n2010. Ett år.";
    pk_text lt = {.s = (char *)l, .n = strlen(l)};
    pk_sentence_bounds(&lt, 0, lt.n, strlen("Beslut\n1"), &a, &b);
    assert_int_equal(b, strlen("Beslut\n1. Nämnden godkänner."));
    pk_sentence_bounds(&lt, 0, lt.n, strlen("Beslut\n1. Nämnden godkänner. Text\n2010"), &a, &b);
    assert_int_equal(b, strlen("Beslut\n1. Nämnden godkänner. Text\n2010."));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_utf8_bom_crlf),     cmocka_unit_test(test_cp1252),
        cmocka_unit_test(test_invalid_utf8_replaced), cmocka_unit_test(test_binary_refused),
        cmocka_unit_test(test_folding),           cmocka_unit_test(test_dehyphenation),
        cmocka_unit_test(test_furniture),         cmocka_unit_test(test_double_spacing),
        cmocka_unit_test(test_dense_breaks),
        cmocka_unit_test(test_repeated_header),   cmocka_unit_test(test_round_trip_corpus),
        cmocka_unit_test(test_sentences),       cmocka_unit_test(test_arena_vectors_grow), cmocka_unit_test(test_places_found_from_near),
        cmocka_unit_test(test_plain_start_same),  cmocka_unit_test(test_lower_as_char_by_char), cmocka_unit_test(test_line_from_as_walk),
    };
    return cmocka_run_group_tests_name("text", tests, setup_ex, teardown_ex);
}
