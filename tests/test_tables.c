/* The word lists' lookups (lib/tables.c, perfect hashes made from
   lib/data/ at build time): every row of a list is found by its lookup,
   read from the list itself, words near a row are not, and pk_title_at
   finds at every word of the corpus what a comparison with every title
   finds. */
#include "testutil.h"

#include <dirent.h>

#include "internal.h"

/* The rows of lib/data/<name>.txt: one word a line, as the Makefile reads them. */
typedef struct rows {
    char *buf;
    char **row;
    size_t n;
} rows;

static rows read_rows(const char *name)
{
    char path[128];
    snprintf(path, sizeof path, "lib/data/%s.txt", name);
    rows r = {0};
    size_t len = 0;
    r.buf = read_file(path, &len);
    if (!r.buf)
        fail_msg("cannot read %s", path);
    r.row = malloc((len + 1) * sizeof *r.row);
    for (char *p = r.buf; *p;) {
        char *nl = strchr(p, '\n');
        if (nl)
            *nl = 0;
        if (*p && *p != '#')
            r.row[r.n++] = p;
        p = nl ? nl + 1 : p + strlen(p);
    }
    assert_true(r.n > 0);
    return r;
}

static void free_rows(rows *r)
{
    free(r->row);
    free(r->buf);
}

/* s with its first letter a capital: ASCII, or Å Ä Ö É by their UTF-8 pattern */
static char *capitalized(const char *s)
{
    char *c = strdup(s);
    unsigned char *u = (unsigned char *)c;
    if (u[0] >= 'a' && u[0] <= 'z')
        u[0] = (unsigned char)(u[0] - 32);
    else if (u[0] == 0xC3 && u[1] >= 0xA0 && u[1] <= 0xBE && u[1] != 0xB7)
        u[1] = (unsigned char)(u[1] - 0x20);
    return c;
}

static void test_every_title_found(void **state)
{
    (void)state;
    rows r = read_rows("titles");
    char buf[256];
    for (size_t i = 0; i < r.n; i++) {
        const char *t = r.row[i];
        size_t m = strlen(t);
        if (pk_title_at(t, m) != m)
            fail_msg("title not found: \"%s\"", t);
        /* before a name, a comma, a newline; with a capital */
        static const char *const after[] = {" Anna Berg", ", Stadsledningskontoret", "\nAnna Berg"};
        for (size_t k = 0; k < sizeof after / sizeof *after; k++) {
            snprintf(buf, sizeof buf, "%s%s", t, after[k]);
            if (pk_title_at(buf, strlen(buf)) < m)
                fail_msg("title not found before \"%s\": \"%s\"", after[k], t);
        }
        char *c = capitalized(t);
        if (pk_title_at(c, m) != m)
            fail_msg("title not found with a capital: \"%s\"", c);
        free(c);
    }
    free_rows(&r);
}

static void test_every_given_name_found(void **state)
{
    (void)state;
    rows r = read_rows("given_names");
    for (size_t i = 0; i < r.n; i++)
        if (!pk_is_given_name(r.row[i], strlen(r.row[i])))
            fail_msg("given name not found: \"%s\"", r.row[i]);
    free_rows(&r);
}

static void test_every_party_found(void **state)
{
    (void)state;
    rows r = read_rows("parties");
    for (size_t i = 0; i < r.n; i++) {
        const char *p = r.row[i];
        const char *got = pk_party(p, strlen(p));
        if (!got || strcmp(got, p) != 0)
            fail_msg("party not found: \"%s\" (got %s)", p, got ? got : "none");
        /* written in lower case, it is still the table's spelling */
        char low[32];
        size_t n = strlen(p);
        assert_true(n < sizeof low);
        for (size_t k = 0; k <= n; k++)
            low[k] = (char)((p[k] >= 'A' && p[k] <= 'Z') ? p[k] + 32 : p[k]);
        if (n >= 2 && (unsigned char)low[0] == 0xC3 && (unsigned char)low[1] >= 0x80 && (unsigned char)low[1] <= 0x9E)
            low[1] = (char)(low[1] + 0x20);
        got = pk_party(low, n);
        if (!got || strcmp(got, p) != 0)
            fail_msg("party not found in lower case: \"%s\" (got %s)", low, got ? got : "none");
    }
    free_rows(&r);
}

/* the other lists: verbs and prefixes whole, nouns and org words also as
   the ending of a compound */
static void test_other_lists_found(void **state)
{
    (void)state;
    char buf[128];
    rows r = read_rows("person_verbs");
    for (size_t i = 0; i < r.n; i++)
        if (!pk_is_person_verb(r.row[i], strlen(r.row[i])))
            fail_msg("person verb not found: \"%s\"", r.row[i]);
    free_rows(&r);
    r = read_rows("genitive_nouns");
    for (size_t i = 0; i < r.n; i++) {
        snprintf(buf, sizeof buf, "ändrings%s", r.row[i]);
        if (!pk_ends_in_genitive_noun(r.row[i], strlen(r.row[i])) || !pk_ends_in_genitive_noun(buf, strlen(buf)))
            fail_msg("genitive noun not found: \"%s\"", r.row[i]);
    }
    free_rows(&r);
    r = read_rows("org_words");
    for (size_t i = 0; i < r.n; i++) {
        char *c = capitalized(r.row[i]);
        snprintf(buf, sizeof buf, "Social%s", r.row[i]);
        if (!pk_is_org_word(c, strlen(c)) || !pk_is_org_word(buf, strlen(buf)))
            fail_msg("org word not found: \"%s\"", r.row[i]);
        free(c);
    }
    free_rows(&r);
    r = read_rows("regnum_prefixes");
    for (size_t i = 0; i < r.n; i++)
        if (!pk_is_regnum_prefix(r.row[i]) || pk_is_regnum_not_prefix(r.row[i]))
            fail_msg("diarienummer prefix not found: \"%s\"", r.row[i]);
    free_rows(&r);
    r = read_rows("regnum_not_prefixes");
    for (size_t i = 0; i < r.n; i++)
        if (!pk_is_regnum_not_prefix(r.row[i]) || pk_is_regnum_prefix(r.row[i]))
            fail_msg("word before a number not found: \"%s\"", r.row[i]);
    free_rows(&r);
}

static void test_near_misses(void **state)
{
    (void)state;
    /* a title cut short, run on, or inside a longer word */
    static const char *const not_titles[] = {
        "ordförand", "ordförandeskap", "xordförande", "vice", "vice ordförandes", "1:e vice", "sekreterarens",
        "kommundirektörer", "ordförande-", "ordförande.", "Anna Berg", "",
    };
    for (size_t i = 0; i < sizeof not_titles / sizeof *not_titles; i++)
        if (pk_title_at(not_titles[i], strlen(not_titles[i])))
            fail_msg("not a title, but found: \"%s\"", not_titles[i]);
    /* the longest title at the start, and the suffix rule for the rest */
    assert_int_equal(pk_title_at("vice ordförande Anna Berg", 25), strlen("vice ordförande"));
    assert_int_equal(pk_title_at("Vice Ordförande", strlen("Vice Ordförande")), strlen("Vice Ordförande"));
    assert_int_equal(pk_title_at("ORDFÖRANDE", strlen("ORDFÖRANDE")), strlen("ORDFÖRANDE"));
    assert_int_equal(pk_title_at("trafikdirektör, Anna", 20), strlen("trafikdirektör"));
    assert_int_equal(pk_title_at("ordförande", 6), 0); /* the text ends inside the title */
    static const char *const not_names[] = {"anna", "ANNA", "Annaa", "Ann a", "Kommunstyrelsen", "Anna ", ""};
    for (size_t i = 0; i < sizeof not_names / sizeof *not_names; i++)
        if (pk_is_given_name(not_names[i], strlen(not_names[i])))
            fail_msg("not a given name, but found: \"%s\"", not_names[i]);
    static const char *const not_parties[] = {"SDX", "MPP", "X", "S.", "Sverige", ""};
    for (size_t i = 0; i < sizeof not_parties / sizeof *not_parties; i++)
        if (pk_party(not_parties[i], strlen(not_parties[i])))
            fail_msg("not a party, but found: \"%s\"", not_parties[i]);
    assert_false(pk_is_person_verb("informera", 9));
    assert_false(pk_is_person_verb("informerarna", 12));
    assert_false(pk_ends_in_genitive_noun("frågorna", strlen("frågorna")));
    assert_false(pk_is_org_word("Anna", 4));
    assert_false(pk_is_regnum_prefix("k"));
}

/* pk_title_at as it was before the hash: a comparison with every title,
   lower-cased, then the suffix rule */
static size_t title_at_scan(const rows *t, const char *s, size_t n)
{
    size_t best = 0;
    for (size_t i = 0; i < t->n; i++) {
        const char *ti = t->row[i];
        size_t m = strlen(ti), j = 0, k = 0;
        while (j < m && k < n) {
            unsigned char a = (unsigned char)s[k], b = (unsigned char)ti[j];
            if (a >= 'A' && a <= 'Z')
                a = (unsigned char)(a + 32);
            if (a == 0xC3 && k + 1 < n && b == 0xC3 && j + 1 < m) {
                unsigned char a2 = (unsigned char)s[k + 1], b2 = (unsigned char)ti[j + 1];
                if (a2 >= 0x80 && a2 <= 0x9E)
                    a2 = (unsigned char)(a2 + 0x20);
                if (a2 != b2)
                    break;
                j += 2;
                k += 2;
                continue;
            }
            if (a != b)
                break;
            j++;
            k++;
        }
        if (j == m && (k == n || s[k] == ' ' || s[k] == ',' || s[k] == '\n') && k > best)
            best = k;
    }
    if (best)
        return best;
    static const char *const suffixes[] = {"chef", "direktör", "sekreterare", "handläggare", "ordförande", "strateg",
                                           "samordnare", "utredare", "controller", "rektor", "inspektör", "ekonom"};
    size_t w = 0;
    while (w < n && s[w] != ' ' && s[w] != ',' && s[w] != '\n')
        w++;
    for (size_t i = 0; i < sizeof suffixes / sizeof *suffixes; i++) {
        size_t m = strlen(suffixes[i]);
        if (w >= m + 2 && memcmp(s + w - m, suffixes[i], m) == 0)
            return w;
    }
    return 0;
}

static void test_title_at_as_a_scan(void **state)
{
    (void)state;
    rows t = read_rows("titles");
    DIR *d = opendir("corpus");
    assert_non_null(d);
    size_t files = 0, found = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        size_t l = strlen(e->d_name);
        if (l < 4 || strcmp(e->d_name + l - 4, ".txt") != 0)
            continue;
        char path[512], *s;
        size_t n = 0;
        snprintf(path, sizeof path, "corpus/%s", e->d_name);
        s = read_file(path, &n);
        assert_non_null(s);
        files++;
        for (size_t p = 0; p < n; p++) {
            if (p > 0 && s[p - 1] != ' ' && s[p - 1] != '\n' && s[p - 1] != '(')
                continue;
            size_t want = title_at_scan(&t, s + p, n - p), got = pk_title_at(s + p, n - p);
            if (got != want)
                fail_msg("%s at %zu: %zu bytes of title by a scan, %zu by the hash", path, p, want, got);
            found += want > 0;
            /* cut at the line's end, the text read on past it: the same as cut there */
            const char *nl = memchr(s + p, '\n', n - p < 48 ? n - p : 48);
            if (nl && nl > s + p) {
                size_t m = (size_t)(nl - (s + p));
                want = title_at_scan(&t, s + p, m);
                got = pk_title_in(s + p, m, n - p);
                if (got != want)
                    fail_msg("%s at %zu, %zu bytes: %zu bytes of title by a scan, %zu by the hash", path, p, m, want, got);
            }
        }
        free(s);
    }
    closedir(d);
    free_rows(&t);
    assert_true(files > 0);
    assert_true(found > 0);
    /* and the text cut anywhere inside and around a title */
    static const char *const cut[] = {"1:e vice ordförande, KS", "Vice ordförande\nAnna", "ÖVERFÖRMYNDARE Å",
                                      "Ekonomidirektör", "enhetschef Ä\xc3"};
    t = read_rows("titles");
    for (size_t i = 0; i < sizeof cut / sizeof *cut; i++)
        for (size_t n = 0; n <= strlen(cut[i]); n++)
            if (pk_title_at(cut[i], n) != title_at_scan(&t, cut[i], n))
                fail_msg("\"%.*s\": %zu bytes of title by a scan, %zu by the hash", (int)n, cut[i],
                         title_at_scan(&t, cut[i], n), pk_title_at(cut[i], n));
    /* and told that the text goes on past the cut: the same answers */
    for (size_t i = 0; i < sizeof cut / sizeof *cut; i++) {
        char buf[64] = {0};
        memcpy(buf, cut[i], strlen(cut[i]));
        for (size_t n = 0; n <= strlen(cut[i]); n++)
            if (pk_title_in(buf, n, sizeof buf) != title_at_scan(&t, cut[i], n))
                fail_msg("\"%.*s\" with more text after it: %zu bytes of title by a scan, %zu by the hash", (int)n,
                         cut[i], title_at_scan(&t, cut[i], n), pk_title_in(buf, n, sizeof buf));
    }
    free_rows(&t);
}

/* The sources of the patterns that lib/match.c writes from table rows
   (lib/data/months.tsv, date_words.tsv, pattern_words.tsv, pattern_sources.tsv) are what they were when they were written
   out in the code, byte for byte: pcre2 compiles the same patterns. */
static void test_pattern_sources(void **state)
{
    (void)state;
    static const struct {
        int id;
        const char *src;
    } want[] = {
        {RX_DATE_NAMED,
         "(?i)(?<![\\p{L}\\d])(?:(?=[mtofls])(?:måndag|tisdag|onsdag|torsdag|fredag|lördag|söndag)(?:en)?\\s+)?(?:den\\s+)"
         "?(\\d{1,2})(?::[ae])?\\s+(januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|"
         "december|jan|febr|feb|mar|apr|jun|jul|aug|sept|sep|okt|nov|dec)(?![\\p{L}])(\\.)?(?:\\s+(\\d{4})"
         "(?![\\d]))?"},
        {RX_CHAIR,
         "(?<![\\p{L}])(?i:(?:(?=[tv])(?:tjänstgörande|vice|t\\.f\\.|t\\.f|tf\\.|tf)\\s+)?ordförande(?:n)?)(?::)?\\s+(\\p{Lu}\\p{Ll}++(?:-\\p{Lu}\\p{Ll}++)"
         "?+(?:[ \\n](?:(?=[avde])(?:af |von |van |de |da |el ))?\\p{Lu}\\p{Ll}++(?:-\\p{Lu}\\p{Ll}++)?+){1,3})(?:\\s*\\((\\p{L}{1,5})"
         "\\))?"},
        {RX_NAME,
         "(?=[A-Z\\x{C0}-\\x{10FFFF}])(\\p{Lu}\\p{Ll}++(?:-\\p{Lu}\\p{Ll}++)?+(?:[ \\n](?:(?=[avde])(?:af |von |van |de |"
         "da |el ))?\\p{Lu}\\p{Ll}++(?:-\\p{Lu}\\p{Ll}++)?+){1,3})"},
        {RX_BODY,
         "(?<![\\p{L}\\-])(?:(\\p{Lu}[\\p{L}\\-]*+(?:,?[ \\n](?:och|samt)[ \\n]\\p{Ll}\\p{L}*+-|,[ \\n]\\p{Ll}\\p{L}*+-)"
         "*[ \\n](?:(?:och|samt)[ \\n])?)(?:stads[ \\n])?)?(\\p{L}*+(?<=[dDnNeEtTéÉ])(?:(?<=[dD])(?<=(?i)nämnd)|"
         "(?<=[nN])(?<=(?i)nämnden|styrelsen|kommittén|direktionen|beredningen)|(?<=[eE])(?<=(?i)styrelse|fullmäktige)|"
         "(?<=[tT])(?<=(?i)utskott|utskottet)|(?<=(?i)kommitté)))(?![\\p{L}])"},
        {RX_ADMIN,
         "(?<![\\p{L}\\-])(?:(\\p{Lu}[\\p{L}\\-]*+)[ \\n])?(\\p{L}*+(?<=[gGnNtTrR])(?:(?<=[gG])(?<=(?i)förvaltning)|"
         "(?<=[nN])(?<=(?i)förvaltningen)|(?<=[tT])(?<=(?i)kontoret)|(?<=[rR])(?<=(?i)kontor)))(?![\\p{L}])"},
        {RX_REGNUM_LABELED,
         "(?<![\\p{L}])(?:D nr|Dnr|d nr|dnr|DNR|Diarienummer|Diarienr|Ärendenummer|Ärendenr|Vårt dnr|Er ref)"
         "\\.?:?[ \\n]*((?:\\p{Lu}\\p{L}{0,5}(?:[ \\n\\-/]|(?=\\d)))?\\d[\\d.]*(?:(?:[-/:]| ?[–/] ?)\\n?\\d[\\d.]*)"
         "*)"},
        {RX_DATE_PAREN,
         "(?|\\((\\d{1,2})/(\\d{1,2})\\)|(?<=[Dd]en[ \\n]|[Ss]enast[ \\n]|t\\.o\\.m\\.[ \\n]|fr\\.o\\.m\\.[ \\n])"
         "(\\d{1,2})/(\\d{1,2})(?![\\d/]|[ ]+\\d{4}))"},
        {RX_PARTICIPATE,
         "(?i)(?<![\\p{L}])(?:har\\s+(?:valt|beslutat|bestämt)\\s+att\\s+(?:delta|medverka|tävla|anmäla\\s+sig)|"
         "har\\s+anmält\\s+(?:sitt|sig|att|intresse|deltagande)|har\\s+anmälts|anmäler\\s+(?:sitt|sig)|deltar|deltog|"
         "har\\s+deltagit|medverkar|medverkade|tävlade|avser\\s+att\\s+delta|vill\\s+delta|kommer\\s+att\\s+delta|"
         "ska\\s+delta|tävlar|nomineras|föreslås\\s+(?:delta|nomineras))(?![\\p{L}])"},
        {RX_PART_VERB,
         "(?i)(?<![\\p{L}])(?:deltar|delta|deltager|medverkar|medverka|tävlar|tävla|får\\s+delta|ska\\s+delta|"
         "skall\\s+delta|anmäls|anmäler|nomineras|ställer\\s+upp)(?![\\p{L}])"},
        /* pattern_sources.tsv's rows, read as written (no escapes of C's) */
        {RX_PARAGRAPH, "(?m)^(?:Protokoll[^\\n]{0,60}?|\\p{Lu}{2,6}[ ]+)?§[ ]*(\\d{1,4})(?![\\d])"},
        {RX_INOM, "(?<![\\p{L}])(?:inom|tillhör)(?![\\p{L}])"},
        {RX_MUNICIPALITY,
         "(?=[A-Z\\x{C0}-\\x{10FFFF}])(?<![\\p{L}])(\\p{Lu}[\\p{L}]++(?:-\\p{Lu}[\\p{L}]++)?+)\\s+(?:[Ss]tad|STAD|"
         "kommun|KOMMUN)s?(?![\\p{L}])"},
    };
    for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
        char *got = pk_rx_source(want[i].id);
        assert_non_null(got);
        if (strcmp(got, want[i].src) != 0)
            fail_msg("pattern %d: the source\n%s\nis not\n%s", want[i].id, got, want[i].src);
        free(got);
    }
}

/* The cue words made from pattern_words.tsv's rows at start-up are the
   lists they replace, word for word and in order: RX_BODY's and RX_ADMIN's
   (each noun that holds no other at its start, as written, capitalised,
   in capitals), RX_REGNUM_LABELED's and RX_PARTICIPATE's (the parts of
   their rows in brackets), and those of pattern_sources.tsv's rows. */
static void test_pattern_cues(void **state)
{
    (void)state;
    static const char *const body[] = {"nämnd",       "Nämnd",       "NÄMND",       "styrelse",    "Styrelse",
                                       "STYRELSE",    "fullmäktige", "Fullmäktige", "FULLMÄKTIGE", "utskott",
                                       "Utskott",     "UTSKOTT",     "kommitté",    "Kommitté",    "KOMMITTÉ",
                                       "direktionen", "Direktionen", "DIREKTIONEN", "beredningen", "Beredningen",
                                       "BEREDNINGEN", NULL},
                             *const admin[] = {"förvaltning", "Förvaltning", "FÖRVALTNING", "kontor", "Kontor", "KONTOR", NULL},
                             *const label[] = {"nr", "NR", "nummer", "Er ref", NULL},
                             *const participate[] = {"delt", "medv", "täv", "anm", "nom", NULL},
                             *const chair[] = {"ordförande", "Ordförande", "ORDFÖRANDE", NULL},
                             *const town[] = {"stad", "Stad", "STAD", "kommun", "KOMMUN", NULL},
                             *const inom[] = {"inom", "tillhör", NULL};
    static const struct {
        int id;
        const char *const *cues;
    } want[] = {{RX_BODY, body}, {RX_ADMIN, admin}, {RX_REGNUM_LABELED, label}, {RX_PARTICIPATE, participate},
                 /* pattern_sources.tsv: "ordförande*" and "stad*" written out in three cases */
                 {RX_CHAIR, chair}, {RX_MUNICIPALITY, town}, {RX_INOM, inom}};
    for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
        const char *const *got = pk_rx_cues(want[i].id);
        assert_non_null(got);
        size_t k = 0;
        for (; want[i].cues[k]; k++) {
            if (!got[k])
                fail_msg("pattern %d: %zu cue words, fewer than before", want[i].id, k);
            if (strcmp(got[k], want[i].cues[k]) != 0)
                fail_msg("pattern %d: cue word %zu is \"%s\", not \"%s\"", want[i].id, k, got[k], want[i].cues[k]);
        }
        if (got[k])
            fail_msg("pattern %d: a cue word more than before, \"%s\"", want[i].id, got[k]);
    }
}

/* decisions.c takes the first row of proposer_lead (decision_words.tsv)
   that a decision opens with: a row that begins with a row before it
   ("i enlighet med " after "i enlighet ") would never be taken. */
static void test_proposer_leads_taken(void **state)
{
    (void)state;
    assert_true(pk_n_proposer_lead > 0);
    for (size_t j = 0; j < pk_n_proposer_lead; j++)
        for (size_t i = 0; i < j; i++)
            if (strncmp(pk_proposer_lead[j], pk_proposer_lead[i], strlen(pk_proposer_lead[i])) == 0)
                fail_msg("proposer_lead \"%s\" begins with \"%s\", a row before it: it is never taken",
                         pk_proposer_lead[j], pk_proposer_lead[i]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_title_found),  cmocka_unit_test(test_every_given_name_found),
        cmocka_unit_test(test_every_party_found),  cmocka_unit_test(test_other_lists_found),
        cmocka_unit_test(test_near_misses),        cmocka_unit_test(test_title_at_as_a_scan),
        cmocka_unit_test(test_pattern_sources),    cmocka_unit_test(test_pattern_cues),
        cmocka_unit_test(test_proposer_leads_taken),
    };
    return cmocka_run_group_tests_name("tables", tests, NULL, NULL);
}
