/* Canonical names: the body settled by the document, never guessed, and
   unit keys under which spellings meet. */
#include "testutil.h"
#include "internal.h"

static const char *key(arena *a, const char *name)
{
    ctx c;
    memset(&c, 0, sizeof c);
    c.a = a;
    return pk_unit_key(&c, name);
}

static void same_key(const char *const *names, size_t n)
{
    arena a = {0};
    const char *k0 = key(&a, names[0]);
    for (size_t i = 1; i < n; i++)
        assert_string_equal(key(&a, names[i]), k0);
    pk_arena_free(&a);
}

static void test_unit_keys(void **state)
{
    (void)state;
    const char *ekorren[] = {"Förskolan Ekorren", "förskolan Ekorren", "Ekorren förskola", "Ekorrens förskola",
                             "FÖRSKOLAN EKORREN", "Förskolan  Ekorren"};
    same_key(ekorren, 6);
    const char *rk[] = {"Rinkeby-Kista mottagningen", "Rinkeby-Kistamottagningen", "Rinkeby-Kista mottagningen (missbruksenheten)",
                        "Rinkeby–Kista mottagningen"};
    same_key(rk, 4);
    const char *kista[] = {"Kista vård- och omsorgsboende", "Kista vård och omsorgsboende"};
    same_key(kista, 2);
    const char *tensta[] = {"Tensta hemtjänst", "Hemtjänsten Tensta", "hemtjänsten Tensta"};
    same_key(tensta, 3);
    arena a = {0};
    assert_string_equal(key(&a, "Förskolan Ekorren"), "förskolan ekorren");
    assert_string_not_equal(key(&a, "Förskolan Ekorren"), key(&a, "Förskolan Ekorrbo"));
    assert_string_not_equal(key(&a, "Hemtjänsten Norr"), key(&a, "Hemtjänsten Söder"));
    assert_string_equal(key(&a, "Solros förskola"), "förskolan solros");
    pk_arena_free(&a);
}

static const char *canonical(const char *text)
{
    static char out[128];
    pk_doc *d = extract(text);
    const char *b = pk_doc_record(d)->body_canonical;
    snprintf(out, sizeof out, "%s", b ? b : "(null)");
    pk_doc_free(d);
    return out;
}

static void test_body_canonical(void **state)
{
    (void)state;
    /* the body's own name, in another spelling */
    assert_string_equal(canonical("§ 5\nDeltagande i Kvalitetsutmärkelsen 2019\n\nBeslut\nStadsdelsnämnden i Bromma "
                                  "godkänner att Förskolan Ekorren deltar.\n"),
                        "Bromma stadsdelsnämnd");
    /* a generic body settled by the administration */
    assert_string_equal(canonical("Rinkeby-Kista stadsdelsförvaltning\nTjänsteutlåtande\n\nDeltagande i "
                                  "Kvalitetsutmärkelsen 2019\n\nFörslag till beslut\nStadsdelsnämnden godkänner att "
                                  "Förskolan Ekorren deltar.\n"),
                        "Rinkeby-Kista stadsdelsnämnd");
    /* by the prefix of the document's own diarienummer */
    assert_string_equal(canonical("Protokoll\nBRO 2024/172\n\n§ 23\nDeltagande i Kvalitetsutmärkelsen 2024\n\nBeslut\n"
                                  "Nämnden godkänner att Förskolan Ekorren deltar.\n"),
                        "Bromma stadsdelsnämnd");
    /* the letterhead */
    assert_string_equal(canonical("FARSTA STADSDELSNÄMND            PROTOKOLLSUTDRAG\n\n§ 11\nDeltagande i "
                                  "Kvalitetsutmärkelsen 2005\n\nBeslut\nStadsdelsnämnden godkänner att Förskolan "
                                  "Ekorren deltar.\n"),
                        "Farsta stadsdelsnämnd");
    /* nothing settles it: no guess */
    assert_string_equal(canonical("Förslag till beslut\nStadsdelsnämnden godkänner att Förskolan Ekorren deltar.\n"),
                        "(null)");
    /* a nämnd of another municipality is that municipality's, never Stockholm's */
    assert_string_equal(canonical("SOLNA STAD                PROTOKOLLSUTDRAG\nSocialnämnden\n\n§ 45\nDeltagande\n\n"
                                  "Beslut\nSocialnämnden godkänner att Förskolan Ekorren deltar.\n"),
                        "Solna stad, Socialnämnden");
    /* a prefix shared by no body, or the wrong kind for the generic name */
    assert_string_equal(canonical("Protokoll\nSDN 2024/172\n\nBeslut\nNämnden godkänner att Förskolan Ekorren deltar.\n"),
                        "(null)");
    assert_string_equal(canonical("Protokoll\nAMN 2024/172\n\nBeslut\nStadsdelsnämnden godkänner att Förskolan Ekorren "
                                  "deltar.\n"),
                        "(null)");
}

/* The header's municipality is read in the first 3000 bytes, but a name
   that starts there is read whole: "Bromma stadsdelsnämnd" across byte 3000
   is no "Bromma stads" of another municipality. */
static void test_municipality_across_the_range_end(void **state)
{
    (void)state;
    static char text[4096];
    const char *head = "Arbetsmarknadsnämnden\nProtokoll\n\n§ 230\nDeltagande i Stockholms stads kvalitetsutmärkelse "
                       "2021\n\nBeslut\nArbetsmarknadsnämnden godkänner att Familjeenheten deltar i Stockholms stads "
                       "kvalitetsutmärkelse.\n\n";
    size_t n = (size_t)snprintf(text, sizeof text, "%s", head);
    while (n + 40 < 3000 - strlen("Bromma stads"))
        n += (size_t)snprintf(text + n, sizeof text - n, "Ärendet gäller verksamhetens arbete.\n");
    while (n + 1 < 3000 - strlen("Bromma stads"))
        text[n++] = 'a';
    text[n++] = '\n';
    snprintf(text + n, sizeof text - n, "Bromma stadsdelsnämnd\nMer text.\n");
    assert_int_equal(strstr(text, "Bromma stads") + strlen("Bromma stads") - text, 3000);
    assert_string_equal(canonical(text), "Arbetsmarknadsnämnden");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_unit_keys),
        cmocka_unit_test(test_body_canonical),
        cmocka_unit_test(test_municipality_across_the_range_end),
    };
    return cmocka_run_group_tests_name("canonical", tests, setup_ex, teardown_ex);
}
