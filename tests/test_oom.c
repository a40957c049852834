/* Out of memory: every allocation the library makes can fail, and each
   failure gives an error code (or NULL) and nothing else: no abort, no
   leak (the sanitizer build checks leaks), no half-made record. The
   library's allocations (pcre2's included) go through a counting hook. */
#include "testutil.h"

long pk_test_fail_after(long n); /* lib/arena.c, for tests */

static const char *const files[] = {"corpus/000_f9602f9a592d35f0.txt", "corpus/004_9602855b77a9072b.txt",
                                    "corpus/100_rinkeby_kista_2019_forskolor.txt", "corpus/203_farsta_2005_p11.txt",
                                    "corpus/400_jarva_2024_flera_paragrafer.txt"}; /* whole minutes */

/* The n-th allocation of pk_extractor_new fails, for every n. */
static void test_extractor_new(void **state)
{
    (void)state;
    long n;
    for (n = 1;; n++) {
        pk_test_fail_after(n);
        pk_extractor *ex = pk_extractor_new();
        long left = pk_test_fail_after(0);
        if (ex) {
            pk_extractor_free(ex);
            if (left > 0) /* no failure was injected: every point was tried */
                break;
            continue; /* a JIT compilation failed: the interpreter serves */
        }
        assert_int_equal(left, 0);
    }
    assert_true(n > 10);
}

/* The n-th allocation of a writer fails, for every n: NULL each time,
   the record once no failure is left. Returns the n that succeeded. */
static long fail_each(char *(*render)(const pk_doc *), const pk_doc *d)
{
    long n;
    for (n = 1;; n++) {
        pk_test_fail_after(n);
        char *out = render(d);
        long left = pk_test_fail_after(0);
        if (!out) {
            assert_int_equal(left, 0);
            continue;
        }
        if (left == 0)
            fail_msg("allocation %ld failed, yet a record was written: %.80s", n, out);
        free(out);
        return n;
    }
}

/* The n-th allocation of pk_extract (then of the CSV and JSON writers)
   fails, for every n, on real documents. */
static void test_extract(void **state)
{
    (void)state;
    for (size_t f = 0; f < sizeof files / sizeof *files; f++) {
        size_t len = 0;
        char *text = read_file(files[f], &len);
        assert_non_null(text);
        long n, failures = 0;
        for (n = 1;; n++) {
            pk_doc *d = (pk_doc *)1;
            pk_error err;
            pk_test_fail_after(n);
            int rc = pk_extract_ex(shared_ex, text, len, files[f], &d, &err);
            long left = pk_test_fail_after(0);
            if (rc == PK_ENOMEM) {
                assert_null(d);
                assert_int_equal(err.code, PK_ENOMEM);
                assert_int_equal(left, 0);
                failures++;
                continue;
            }
            assert_int_equal(rc, 0);
            assert_true(left > 0);
            pk_doc_free(d);
            break;
        }
        assert_true(failures > 0);
        pk_doc *d = NULL;
        assert_int_equal(pk_extract(shared_ex, text, len, files[f], &d), 0);
        /* each writer has at least one failure point */
        assert_true(fail_each(pk_doc_to_csv, d) > 1);
        assert_true(fail_each(pk_doc_to_json, d) > 1);
        pk_doc_free(d);
        free(text);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_extractor_new),
        cmocka_unit_test(test_extract),
    };
    return cmocka_run_group_tests_name("oom", tests, setup_ex, teardown_ex);
}
