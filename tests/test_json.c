/* The JSON writer: every record of the corpus, and records with awkward
   strings, parse with jansson and carry the fields of the record. */
#include "testutil.h"

#include <dirent.h>
#include <jansson.h>

static json_t *parse(const char *s)
{
    json_error_t e;
    json_t *j = json_loads(s, JSON_REJECT_DUPLICATES, &e);
    if (!j)
        fail_msg("invalid JSON (%s at %d): %.120s", e.text, e.position, s);
    return j;
}

static void test_corpus_records_parse(void **state)
{
    (void)state;
    DIR *d = opendir("corpus");
    assert_non_null(d);
    struct dirent *e;
    int n = 0;
    while ((e = readdir(d)) != NULL) {
        size_t l = strlen(e->d_name);
        if (l < 5 || strcmp(e->d_name + l - 4, ".txt") != 0)
            continue;
        char path[512];
        snprintf(path, sizeof path, "corpus/%s", e->d_name);
        size_t len = 0;
        char *text = read_file(path, &len);
        pk_doc *doc = NULL;
        assert_int_equal(pk_extract(shared_ex, text, len, path, &doc), 0);
        const pk_record *r = pk_doc_record(doc);
        char *s = pk_doc_to_json(doc);
        json_t *j = parse(s);
        assert_string_equal(json_string_value(json_object_get(j, "source")), path);
        assert_int_equal(json_array_size(json_object_get(j, "units")), r->n_units);
        assert_int_equal(json_array_size(json_object_get(j, "decisions")), r->n_decisions);
        assert_int_equal(json_array_size(json_object_get(j, "dates")), r->n_dates);
        for (size_t i = 0; i < r->n_units; i++) {
            json_t *u = json_array_get(json_object_get(j, "units"), i);
            assert_string_equal(json_string_value(json_object_get(u, "name")), r->units[i].name);
            json_t *sp = json_object_get(u, "span");
            assert_int_equal(json_integer_value(json_array_get(sp, 0)), r->units[i].span.start);
            assert_int_equal(json_integer_value(json_array_get(sp, 1)), r->units[i].span.end);
        }
        json_decref(j);
        free(s);
        pk_doc_free(doc);
        free(text);
        n++;
    }
    closedir(d);
    assert_true(n >= 49);
}

static void test_awkward_strings(void **state)
{
    (void)state;
    /* a source with quotes, a backslash, control characters and a byte
       that is not UTF-8: escaped, and the bad byte replaced */
    const char *src = "a \"b\" \\ c\n\t\x01 d\xF6.txt";
    pk_doc *doc = NULL;
    assert_int_equal(pk_extract(shared_ex, "Protokoll", 9, src, &doc), 0);
    char *s = pk_doc_to_json(doc);
    json_t *j = parse(s);
    assert_string_equal(json_string_value(json_object_get(j, "source")), "a \"b\" \\ c\n\t\x01 d\xEF\xBF\xBD.txt");
    json_decref(j);
    free(s);
    pk_doc_free(doc);
    s = pk_error_to_json("x\"y", "not text (binary data at byte 3)");
    j = parse(s);
    assert_string_equal(json_string_value(json_object_get(j, "error")), "not text (binary data at byte 3)");
    json_decref(j);
    free(s);
    s = pk_error_to_json(NULL, NULL);
    j = parse(s);
    assert_true(json_is_null(json_object_get(j, "source")));
    json_decref(j);
    free(s);
}

static void test_record_json_append(void **state)
{
    (void)state;
    /* every record of whole minutes appended to one buffer, from a small
       one the writer must grow, gives the records' own strings one after
       another; the bytes before stay */
    size_t len = 0;
    char *text = read_file("corpus/400_jarva_2024_flera_paragrafer.txt", &len);
    pk_doc *doc = NULL;
    assert_int_equal(pk_extract(shared_ex, text, len, "m.txt", &doc), 0);
    assert_true(pk_doc_count(doc) > 1);
    size_t cap = 4, n = 1;
    char *buf = malloc(cap);
    assert_non_null(buf);
    buf[0] = '[';
    size_t want_n = 1;
    char *want = strdup("[");
    for (size_t k = 0; k < pk_doc_count(doc); k++) {
        assert_int_equal(pk_doc_record_json_append(doc, k, &buf, &n, &cap), 0);
        char *one = pk_doc_record_to_json(doc, k);
        want = realloc(want, want_n + strlen(one) + 1);
        memcpy(want + want_n, one, strlen(one) + 1);
        want_n += strlen(one);
        free(one);
        assert_int_equal(n, want_n);
        assert_string_equal(buf, want);
        assert_true(n < cap);
    }
    assert_int_equal(pk_doc_record_json_append(doc, pk_doc_count(doc), &buf, &n, &cap), PK_EINVAL);
    assert_int_equal(pk_doc_record_json_append(doc, 0, &buf, &n, NULL), PK_EINVAL);
    size_t z = 0, zc = 1;
    char *none = NULL;
    assert_int_equal(pk_doc_record_json_append(doc, 0, &none, &z, &zc), PK_EINVAL);
    zc = 0;
    assert_int_equal(pk_doc_record_json_append(doc, 0, &none, &z, &zc), 0);
    char *one = pk_doc_record_to_json(doc, 0);
    assert_string_equal(none, one);
    free(one);
    free(none);
    free(want);
    free(buf);
    pk_doc_free(doc);
    free(text);
}

static void test_long_strings(void **state)
{
    (void)state;
    /* sources of every length up to some thousands of bytes, plain or with
       a byte to escape or a character of two or three bytes here and
       there, or a lead byte without its continuation (U+FFFD in its
       place): each string's end found, its bytes as they were */
    static const char *const spice[] = {"", "\"", "\xC3\xA5", "\xE2\x80\x93", "\n", "\xC3"};
    char *src = malloc(5000), *want = malloc(15000);
    assert_true(src && want);
    for (size_t len = 0; len < 4500; len += len < 80 ? 1 : 37) {
        for (size_t sp = 0; sp < sizeof spice / sizeof *spice; sp++) {
            size_t n = 0, m = 0;
            for (size_t i = 0; i < len; i++) {
                if (i % 29 == 7 && n + 4 < len) {
                    for (const char *q = spice[sp]; *q; q++)
                        src[n++] = *q;
                    const char *r = sp == 5 ? "\xEF\xBF\xBD" : spice[sp];
                    memcpy(want + m, r, strlen(r));
                    m += strlen(r);
                }
                if (n < len) {
                    src[n++] = (char)('a' + i % 26);
                    want[m++] = (char)('a' + i % 26);
                }
            }
            src[n] = 0;
            want[m] = 0;
            pk_doc *doc = NULL;
            assert_int_equal(pk_extract(shared_ex, "Protokoll", 9, src, &doc), 0);
            char *s = pk_doc_to_json(doc);
            json_t *j = parse(s);
            assert_string_equal(json_string_value(json_object_get(j, "source")), want);
            json_decref(j);
            free(s);
            pk_doc_free(doc);
        }
    }
    free(src);
    free(want);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_corpus_records_parse),
        cmocka_unit_test(test_awkward_strings),
        cmocka_unit_test(test_record_json_append),
        cmocka_unit_test(test_long_strings),
    };
    return cmocka_run_group_tests_name("json", tests, setup_ex, teardown_ex);
}
