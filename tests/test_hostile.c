/* Hostile input: every input gives exactly one result or one error, with
   repairs reported as warnings, and pathological repetitions finish in
   linear time. */
#include "testutil.h"

#include <signal.h>
#include <unistd.h>

static int has_warning(const pk_record *r, const char *prefix)
{
    for (size_t i = 0; i < r->n_warnings; i++)
        if (strncmp(r->warnings[i], prefix, strlen(prefix)) == 0)
            return 1;
    return 0;
}

/* Extracts len bytes; expects success and valid spans. */
static pk_doc *extract_n(const char *text, size_t len)
{
    pk_doc *d = NULL;
    assert_int_equal(pk_extract(shared_ex, text, len, "h.txt", &d), 0);
    const pk_record *r = pk_doc_record(d);
    for (size_t i = 0; i < r->n_units; i++)
        assert_true(r->units[i].span.start <= r->units[i].span.end && r->units[i].span.end <= len);
    for (size_t i = 0; i < r->n_dates; i++)
        assert_true(r->dates[i].span.start <= r->dates[i].span.end && r->dates[i].span.end <= len);
    char *json = pk_doc_to_json(d);
    assert_non_null(json);
    free(json);
    return d;
}

static const char doc[] = "Tjänsteutlåtande\nDnr 1.4.1-289/2020\n\nDeltagande i Kvalitetsutmärkelsen 2020\n\n"
                          "Förslag till beslut\nSocialnämnden godkänner att Enheten för hemlösa deltar i "
                          "Kvalitetsutmärkelsen 2020.\n";

static void test_empty_and_blank(void **state)
{
    (void)state;
    const char *inputs[] = {"", "   ", "\f\f\f", " \n \n\f\n\t\r\n", "\xEF\xBB\xBF"};
    for (size_t i = 0; i < sizeof inputs / sizeof *inputs; i++) {
        pk_doc *d = extract_n(inputs[i], strlen(inputs[i]));
        const pk_record *r = pk_doc_record(d);
        assert_true(has_warning(r, "empty document"));
        assert_null(r->title);
        assert_int_equal(r->n_units, 0);
        pk_doc_free(d);
    }
}

/* The same document with a BOM, CRLF, or both gives the same fields, and
   its spans point at the same text. */
static void test_bom_and_crlf(void **state)
{
    (void)state;
    char bom[512], crlf[1024];
    snprintf(bom, sizeof bom, "\xEF\xBB\xBF%s", doc);
    size_t o = 0;
    for (const char *p = doc; *p; p++) {
        if (*p == '\n')
            crlf[o++] = '\r';
        crlf[o++] = *p;
    }
    crlf[o] = 0;
    const char *variants[] = {doc, bom, crlf};
    for (size_t v = 0; v < 3; v++) {
        pk_doc *d = extract_n(variants[v], strlen(variants[v]));
        const pk_record *r = pk_doc_record(d);
        assert_string_equal(r->title, "Deltagande i Kvalitetsutmärkelsen 2020");
        assert_string_equal(r->body, "Socialnämnden");
        assert_int_equal(r->n_units, 1);
        char *u = span_text(variants[v], r->units[0].span);
        assert_string_equal(u, "Enheten för hemlösa");
        free(u);
        assert_int_equal(r->n_warnings, 0);
        pk_doc_free(d);
    }
}

/* Windows-1252 and Latin-1 (the same bytes for Swedish letters) */
static void test_single_byte_encodings(void **state)
{
    (void)state;
    const char cp[] = "Tj\xE4nsteutl\xE5tande\n\nDeltagande i Kvalitetsutm\xE4rkelsen 2012\n\nF\xF6rslag till beslut\n"
                      "F\xF6rskolen\xE4mnden godk\xE4nner att F\xF6rskolan Ekorren deltar i "
                      "Kvalitetsutm\xE4rkelsen 2012 \x96 med \x93Lek och l\xE4r\x94.\n";
    pk_doc *d = extract_n(cp, sizeof cp - 1);
    const pk_record *r = pk_doc_record(d);
    assert_true(has_warning(r, "encoding guessed: Windows-1252"));
    assert_string_equal(r->title, "Deltagande i Kvalitetsutmärkelsen 2012");
    assert_int_equal(r->n_units, 1);
    assert_string_equal(r->units[0].name, "Förskolan Ekorren");
    char *u = span_text(cp, r->units[0].span);
    assert_string_equal(u, "F\xF6rskolan Ekorren");
    free(u);
    pk_doc_free(d);
}

static void test_invalid_and_truncated_utf8(void **state)
{
    (void)state;
    char buf[1024];
    /* a stray invalid byte in UTF-8 text, and a sequence cut at the end */
    int n = snprintf(buf, sizeof buf, "%sOgiltig \xC3\x28 byte, och slut \xE2\x82", doc);
    pk_doc *d = extract_n(buf, (size_t)n);
    const pk_record *r = pk_doc_record(d);
    assert_true(has_warning(r, "3 invalid bytes replaced"));
    assert_string_equal(r->body, "Socialnämnden");
    assert_int_equal(r->n_units, 1);
    pk_doc_free(d);
    /* a lone continuation byte first */
    n = snprintf(buf, sizeof buf, "\x80%s", doc);
    d = extract_n(buf, (size_t)n);
    assert_int_equal(pk_doc_record(d)->n_units, 1);
    pk_doc_free(d);
}

static void test_nul_bytes(void **state)
{
    (void)state;
    /* a stray NUL inside text is dropped with a warning */
    char buf[1024];
    size_t n = strlen(doc);
    memcpy(buf, doc, n);
    buf[20] = 0;
    pk_doc *d = extract_n(buf, n);
    assert_true(has_warning(pk_doc_record(d), "1 NUL bytes dropped"));
    pk_doc_free(d);
    /* UTF-16 (a NUL after every letter) and a NUL-led file are not text */
    char u16[512];
    for (size_t i = 0; i < 200; i++) {
        u16[2 * i] = "Protokoll "[i % 10];
        u16[2 * i + 1] = 0;
    }
    pk_error err;
    d = NULL;
    assert_int_equal(pk_extract_ex(shared_ex, u16, 400, "u16.txt", &d, &err), PK_ENOTTEXT);
    assert_null(d);
    assert_int_equal(err.code, PK_ENOTTEXT);
    assert_non_null(strstr(err.message, "not text"));
    char led[] = "\0\0\0\0Protokoll";
    assert_int_equal(pk_extract_ex(shared_ex, led, sizeof led - 1, "x", &d, &err), PK_ENOTTEXT);
    assert_int_equal(err.offset, 0);
}

static void test_random_binary(void **state)
{
    (void)state;
    unsigned char buf[4096];
    uint32_t x = 2463534242u;
    for (int round = 0; round < 50; round++) {
        for (size_t i = 0; i < sizeof buf; i++) {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            buf[i] = (unsigned char)x;
        }
        pk_doc *d = NULL;
        pk_error err;
        int rc = pk_extract_ex(shared_ex, (const char *)buf, sizeof buf, "bin", &d, &err);
        assert_int_equal(rc, PK_ENOTTEXT);
        assert_null(d);
        assert_non_null(strstr(err.message, "not text (binary data at byte "));
    }
}

static void test_limits_and_arguments(void **state)
{
    (void)state;
    pk_doc *d = (pk_doc *)1;
    pk_error err;
    char one = 'a';
    /* over the limit: refused before a byte is read */
    assert_int_equal(pk_extract_ex(shared_ex, &one, PK_MAX_INPUT + 1, "big", &d, &err), PK_ETOOBIG);
    assert_null(d);
    assert_non_null(strstr(err.message, "too large"));
    assert_int_equal(pk_extract(shared_ex, NULL, 5, "x", &d), PK_EINVAL);
    assert_int_equal(pk_extract(NULL, "x", 1, "x", &d), PK_EINVAL);
    assert_int_equal(pk_extract(shared_ex, "x", 1, "x", NULL), PK_EINVAL);
    assert_int_equal(pk_extract(shared_ex, NULL, 0, NULL, &d), 0);
    assert_true(has_warning(pk_doc_record(d), "empty document"));
    pk_doc_free(d);
    for (int code = PK_EINTERNAL; code <= PK_OK; code++)
        assert_non_null(pk_strerror(code));
}

/* ---- pathological repetitions: must finish, in time linear in size ---- */

static void on_alarm(int sig)
{
    (void)sig;
    static const char msg[] = "pathological input did not finish in time\n";
    (void)!write(2, msg, sizeof msg - 1);
    _exit(1);
}

/* extract_n() that must finish within the alarm */
static pk_doc *extract_in_time(const char *s, size_t len)
{
    signal(SIGALRM, on_alarm);
    alarm(120); /* generous under sanitizers; a quadratic step takes hours */
    pk_doc *d = extract_n(s, len);
    alarm(0);
    return d;
}

static void run_pathological(const char *head, const char *unit, size_t times, const char *tail)
{
    size_t len;
    char *s = repeat(head, unit, times, tail, &len);
    pk_doc_free(extract_in_time(s, len));
    free(s);
}

static void test_pathological_years(void **state)
{
    (void)state;
    run_pathological("", "2020-", 200000, "");
    run_pathological("Dnr ", "2020/", 100000, "");
}

static void test_pathological_words(void **state)
{
    (void)state;
    run_pathological("Den ", "den ", 200000, "24 november 2020");
    run_pathological("Socialnämnden godkänner att ", "Enheten och ", 50000, "Enheten deltar.");
}

static void test_pathological_hyphens(void **state)
{
    (void)state;
    run_pathological("", "a-\n", 300000, "");
    run_pathological("", "Sida 1 (2)\n\f", 50000, "");
}

static void test_pathological_sentences(void **state)
{
    (void)state;
    /* sentence bounds without a terminator in sight: a long run of dates
       in one word, and many lines that name where a matter was prepared */
    run_pathological("", "2020.01.01.", 60000, "");
    run_pathological("", "Ärendet har beretts av förvaltningen\n", 20000, "");
}

static void test_pathological_combining_marks(void **state)
{
    (void)state;
    /* one letter under 60,000 combining marks: linear, not one NFC pass per mark */
    run_pathological("a", "\xCC\x81", 60000, " Protokoll");
    run_pathological("", "e\xCC\x81\xCC\xA3", 50000, "");
}

static void test_pathological_unit_list(void **state)
{
    (void)state;
    size_t n = 20000, len = 0, cap = n * 24 + 256;
    char *s = malloc(cap);
    len += (size_t)snprintf(s, cap, "Förslag till beslut\nFörskolenämnden godkänner att förskolorna ");
    for (size_t i = 0; i < n; i++)
        len += (size_t)snprintf(s + len, cap - len, i + 1 < n ? "Förskolan A%zu, " : "och Förskolan A%zu ", i);
    len += (size_t)snprintf(s + len, cap - len, "deltar i Kvalitetsutmärkelsen 2020.\n");
    pk_doc *d = extract_in_time(s, len);
    const pk_record *r = pk_doc_record(d);
    assert_int_equal(r->n_units, n); /* every name, none lost */
    assert_string_equal(r->units[n - 1].name, "Förskolan A19999");
    pk_doc_free(d);
    free(s);
}

/* Whole minutes at their limits: "§ 1" to "§ 9999", each a record, under
   a header that names 2000 people, of whom each record repeats 300 and says
   so; and a run of "§ 5" lines that never rise is one document. */
static void test_pathological_minutes(void **state)
{
    (void)state;
    size_t n = 9999, len = 0, cap = n * 32 + 2000 * 24 + 256;
    char *s = malloc(cap);
    len += (size_t)snprintf(s, cap, "NÄMNDEN\nSammanträdesdatum\n2020-05-26\n\nLedamöter\n");
    for (size_t i = 0; i < 2000; i++)
        len += (size_t)snprintf(s + len, cap - len, "Anna Berg%c%c%c (S)\n", (char)('a' + i % 26),
                                (char)('a' + i / 26 % 26), (char)('a' + i / 676));
    for (size_t i = 1; i <= n; i++)
        len += (size_t)snprintf(s + len, cap - len, "\n§ %zu\nÄrende\n", i);
    len += (size_t)snprintf(s + len, cap - len, "\n§ 10000\nÄrende\n");
    pk_doc *d = extract_in_time(s, len);
    assert_int_equal(pk_doc_count(d), n); /* "§ 10000" has five digits: no paragraph */
    const pk_record *r = pk_doc_record_at(d, n - 1);
    assert_string_equal(r->paragraph, "9999");
    assert_true(r->n_people <= 300);
    assert_true(r->n_warnings >= 1);
    assert_non_null(strstr(r->warnings[r->n_warnings - 1], "more people"));
    assert_string_equal(r->meeting->last_paragraph, "9999");
    pk_doc_free(d);
    len = 0;
    for (size_t i = 0; i < 20000; i++)
        len += (size_t)snprintf(s + len, cap - len, "§ 5\n");
    d = extract_in_time(s, len);
    assert_int_equal(pk_doc_count(d), 1);
    assert_null(pk_doc_record(d)->meeting);
    pk_doc_free(d);
    free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_empty_and_blank),        cmocka_unit_test(test_bom_and_crlf),
        cmocka_unit_test(test_single_byte_encodings),  cmocka_unit_test(test_invalid_and_truncated_utf8),
        cmocka_unit_test(test_nul_bytes),              cmocka_unit_test(test_random_binary),
        cmocka_unit_test(test_limits_and_arguments),   cmocka_unit_test(test_pathological_years),
        cmocka_unit_test(test_pathological_words),     cmocka_unit_test(test_pathological_hyphens),
        cmocka_unit_test(test_pathological_unit_list), cmocka_unit_test(test_pathological_combining_marks),
        cmocka_unit_test(test_pathological_sentences),  cmocka_unit_test(test_pathological_minutes),
    };
    return cmocka_run_group_tests_name("hostile", tests, setup_ex, teardown_ex);
}
