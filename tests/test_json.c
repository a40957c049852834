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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_corpus_records_parse),
        cmocka_unit_test(test_awkward_strings),
    };
    return cmocka_run_group_tests_name("json", tests, setup_ex, teardown_ex);
}
