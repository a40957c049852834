/* Unit classes: Kvalitetsutmärkelsen's five classes from the unit's name,
   the kind written beside it, its parent and the deciding body, and the
   document's own word for a unit's class before all of them. */
#include "testutil.h"

#include <jansson.h>

/* The class of the unit called `name` in the doc, in any of its records
   ("(null)" when it has none); fails the test when the doc has no such unit. */
static const char *cls(const pk_doc *d, const char *name)
{
    for (size_t k = 0; k < pk_doc_count(d); k++) {
        const pk_record *r = pk_doc_record_at(d, k);
        for (size_t i = 0; i < r->n_units; i++)
            if (strcmp(r->units[i].name, name) == 0)
                return r->units[i].klass ? r->units[i].klass : "(null)";
    }
    fail_msg("no unit %s", name);
    return NULL;
}

/* A decision of a stadsdelsnämnd that approves `list`, and `more` after it. */
static pk_doc *approve(const char *list, const char *more)
{
    char text[2048];
    snprintf(text, sizeof text,
             "§ 5\nDeltagande i Kvalitetsutmärkelsen 2019\n\nBeslut\nStadsdelsnämnden godkänner att %s deltar i "
             "Stockholms stads kvalitetsutmärkelse 2019.\n\nÄrendet\n%s\n",
             list, more ? more : "Enheterna har anmält sig.");
    return extract(text);
}

static void test_class_forskola(void **state)
{
    (void)state;
    pk_doc *d = approve("Förskolan Myran, Rosengårds förskola, Lärkstadens förskolor samt Förskoleenheten Bredäng", NULL);
    assert_string_equal(cls(d, "Förskolan Myran"), "förskola");
    assert_string_equal(cls(d, "Rosengårds förskola"), "förskola");
    assert_string_equal(cls(d, "Lärkstadens förskolor"), "förskola");
    assert_string_equal(cls(d, "Förskoleenheten Bredäng"), "förskola");
    pk_doc_free(d);
    /* the noun in front of a list names the kind of each bare name in it */
    d = approve("förskolorna Solrosen, Myrstacken och Gläntan", NULL);
    assert_string_equal(cls(d, "Solrosen"), "förskola");
    assert_string_equal(cls(d, "Myrstacken"), "förskola");
    assert_string_equal(cls(d, "Gläntan"), "förskola");
    pk_doc_free(d);
}

static void test_class_skola(void **state)
{
    (void)state;
    pk_doc *d = approve("Sunnerstaskolan, Kungsholmens gymnasium, Fyrisskolans fritidshem samt Kulturskolan Stockholm", NULL);
    assert_string_equal(cls(d, "Sunnerstaskolan"), "skola");
    assert_string_equal(cls(d, "Kungsholmens gymnasium"), "skola");
    assert_string_equal(cls(d, "Fyrisskolans fritidshem"), "skola");
    /* the longest row wins: kulturskola* before *skolan */
    assert_string_equal(cls(d, "Kulturskolan Stockholm"), "annat");
    pk_doc_free(d);
}

static void test_class_aldreomsorg(void **state)
{
    (void)state;
    pk_doc *d = approve("Ekbackens äldreboende, Hemtjänsten Norr, Kista vård- och omsorgsboende, Gubbängens servicehus "
                        "samt Tenstagården (äldreboende)",
                        NULL);
    assert_string_equal(cls(d, "Ekbackens äldreboende"), "äldreomsorg");
    assert_string_equal(cls(d, "Hemtjänsten Norr"), "äldreomsorg");
    assert_string_equal(cls(d, "Kista vård- och omsorgsboende"), "äldreomsorg");
    assert_string_equal(cls(d, "Gubbängens servicehus"), "äldreomsorg");
    /* the kind in parentheses after a bare name */
    assert_string_equal(cls(d, "Tenstagården"), "äldreomsorg");
    pk_doc_free(d);
    /* a part of a hemtjänst, by its parent */
    d = approve("hemtjänstgrupperna Grimsta och Råcksta inom Vällingby hemtjänst", NULL);
    assert_string_equal(cls(d, "Grimsta"), "äldreomsorg");
    pk_doc_free(d);
}

static void test_class_socialtjanst(void **state)
{
    (void)state;
    pk_doc *d = approve("Enheten för ekonomiskt bistånd, Gruppbostaden Sveavägen, Daglig verksamhet Viksjö, "
                        "Familjeenheten, Socialjouren samt Björkebo (LSS)",
                        NULL);
    assert_string_equal(cls(d, "Gruppbostaden Sveavägen"), "socialtjänst");
    assert_string_equal(cls(d, "Daglig verksamhet Viksjö"), "socialtjänst");
    assert_string_equal(cls(d, "Enheten för ekonomiskt bistånd"), "socialtjänst");
    assert_string_equal(cls(d, "Familjeenheten"), "socialtjänst");
    assert_string_equal(cls(d, "Socialjouren"), "socialtjänst");
    assert_string_equal(cls(d, "Björkebo"), "socialtjänst");
    pk_doc_free(d);
    /* a bare name of Socialnämnden: the body's sector */
    d = extract("Förslag till beslut\nSocialnämnden godkänner att Hvilan deltar i Stockholms stads "
                "kvalitetsutmärkelse 2020.\n");
    assert_string_equal(cls(d, "Hvilan"), "socialtjänst");
    pk_doc_free(d);
}

static void test_class_annat(void **state)
{
    (void)state;
    pk_doc *d = approve("Kundcenter, Eriksdalsbadet, Kista bibliotek samt fritidsgården Kometen", NULL);
    assert_string_equal(cls(d, "Kundcenter"), "annat");
    assert_string_equal(cls(d, "Eriksdalsbadet"), "annat");
    assert_string_equal(cls(d, "Kista bibliotek"), "annat");
    assert_string_equal(cls(d, "Kometen"), "annat");
    pk_doc_free(d);
}

/* Nothing tells: a bare name of a stadsdelsnämnd has no class, never a guess. */
static void test_class_unknown(void **state)
{
    (void)state;
    pk_doc *d = approve("Solgläntan", NULL);
    assert_string_equal(cls(d, "Solgläntan"), "(null)");
    char *json = pk_doc_to_json(d);
    assert_non_null(strstr(json, "\"key\":\"solgläntan\",\"class\":null,\"span\""));
    free(json);
    pk_doc_free(d);
}

/* The document's class for a unit comes before its name, in each of its forms. */
static void test_document_over_name(void **state)
{
    (void)state;
    /* a phrase after each unit: each its own */
    pk_doc *d = extract("§ 5\nNominering till Kvalitetsutmärkelsen 2009\n\nBeslut\n1. Stadsdelsnämnden nominerar "
                        "Förskolan Myran i tävlingsklassen skola och Ekbackens äldreboende i tävlings-\nklassen "
                        "individ- och familjeomsorg till stadens kvalitetsutmärkelse 2009.\n2. Stadsdelsnämnden "
                        "nominerar Familjeenheten Söder i tävlingsklassen övriga verksamheter till stadens "
                        "kvalitetsutmärkelse 2009.\n");
    assert_string_equal(cls(d, "Förskolan Myran"), "skola");
    assert_string_equal(cls(d, "Ekbackens äldreboende"), "socialtjänst");
    assert_string_equal(cls(d, "Familjeenheten Söder"), "annat");
    pk_doc_free(d);
    /* a phrase after the verb of a list; others in the same sentence */
    d = approve("Bredängs förskolor, Sätra hemtjänst och Vårbergs träffpunkt",
                "Bredängs förskolor deltar i klassen skola, Sätra hemtjänst i klassen funktionsnedsättning "
                "och Vårbergs träffpunkt i klassen andra verksamheter.");
    assert_string_equal(cls(d, "Bredängs förskolor"), "skola");
    assert_string_equal(cls(d, "Sätra hemtjänst"), "socialtjänst");
    assert_string_equal(cls(d, "Vårbergs träffpunkt"), "annat");
    pk_doc_free(d);
    /* the one class the decision names for the list that follows it */
    d = extract("Nämnden                   PROTOKOLL 4/2010\n\n§ 18\nNominering till Stockholms stads "
                "kvalitetsutmärkelse 2010\n\nBeslut\nNämnden beslutar att nominera följande enheter i\n"
                "tävlingsklassen förskola till Stockholms stads kvalitetsutmärkelse 2010:\n\n- Solgläntan\n"
                "- Kundcenter\n\nsamt att uppdra åt direktören att anmäla nomineringarna.\n\nÄrendet\nText.\n");
    assert_string_equal(cls(d, "Solgläntan"), "förskola");
    assert_string_equal(cls(d, "Kundcenter"), "förskola");
    pk_doc_free(d);
    /* all of them, by a collective subject */
    d = approve("Eriksdalsbadet och Sunnerstaskolan", "Samtliga enheter deltar i klassen grundskola.");
    assert_string_equal(cls(d, "Eriksdalsbadet"), "skola");
    assert_string_equal(cls(d, "Sunnerstaskolan"), "skola");
    pk_doc_free(d);
    /* the decision's phrase before one elsewhere (an earlier year's class) */
    d = extract("§ 5\nNominering till Kvalitetsutmärkelsen 2012\n\nBeslut\nStadsdelsnämnden nominerar Solgläntan i "
                "tävlingsklassen äldreomsorg till stadens kvalitetsutmärkelse 2012.\n\nÄrendet\nSolgläntan fick "
                "2010 ett hedersomnämnande i klassen förskola.\n");
    assert_string_equal(cls(d, "Solgläntan"), "äldreomsorg");
    pk_doc_free(d);
    /* general words about the classes name no unit's class */
    d = approve("Solgläntan", "Utmärkelsen delas ut i klasserna förskola, skola, äldreomsorg, socialtjänst samt "
                              "övriga verksamheter.");
    assert_string_equal(cls(d, "Solgläntan"), "(null)");
    pk_doc_free(d);
}

/* Corpus documents whose classes are unambiguous: the document's own
   phrases, and names only the table knows. */
static void test_corpus_classes(void **state)
{
    (void)state;
    static const struct {
        const char *file, *unit, *klass;
    } want[] = {
        {"109_farsta_2009_nominering_forskola.txt", "förskolan Sjöstjärnan", "förskola"},
        {"109_farsta_2009_nominering_forskola.txt", "Gubbängens servicehus", "äldreomsorg"},
        {"113_skarholmen_2024_anmalan.txt", "Bredängs förskolor", "förskola"},
        {"113_skarholmen_2024_anmalan.txt", "Sätra hemtjänst", "äldreomsorg"},
        {"113_skarholmen_2024_anmalan.txt", "Vårbergs träffpunkt", "annat"},
        {"116_utbildningsnamnden_2012_skolor.txt", "Vasa Real", "skola"},
        {"116_utbildningsnamnden_2012_skolor.txt", "Kungsholmens gymnasium", "skola"},
        {"205_skarpnack_2006_p9.txt", "Skarpatorpsskolan", "skola"},
        {"205_skarpnack_2006_p9.txt", "förskolan Loket", "förskola"},
        {"209_idrottsnamnden_2014_p16.txt", "Zinkensdamms idrottsplats", "annat"},
        {"312_katarina_sofia_2001_p21_handlingarna.txt", "Bergsprängaren", "annat"},
        {"400_jarva_2024_flera_paragrafer.txt", "Tenstagården", "äldreomsorg"},
        {"405_jarfalla_von_2021_bakom.txt", "Daglig verksamhet Viksjö", "socialtjänst"},
        {"408_socialnamnden_2005_nominering_ocr.txt", "Stödboendet Fenix", "socialtjänst"},
        {"408_socialnamnden_2005_nominering_ocr.txt", "Familjeenheten Sö der", "annat"},
    };
    for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
        char path[256];
        snprintf(path, sizeof path, "corpus/%s", want[i].file);
        size_t len = 0;
        char *text = read_file(path, &len);
        assert_non_null(text);
        pk_doc *d = NULL;
        assert_int_equal(pk_extract(shared_ex, text, len, path, &d), 0);
        const char *got = cls(d, want[i].unit);
        if (strcmp(got, want[i].klass) != 0)
            fail_msg("%s: %s is %s, not %s", want[i].file, want[i].unit, got, want[i].klass);
        pk_doc_free(d);
        free(text);
    }
}

/* Every class is one of the five or NULL, and JSON's "class" is the struct's. */
static void test_classes_are_the_five(void **state)
{
    (void)state;
    static const char *const five[] = {"förskola", "skola", "äldreomsorg", "socialtjänst", "annat"};
    pk_doc *d = approve("Förskolan Myran, Sunnerstaskolan, Hemtjänsten Norr, Socialjouren, Kundcenter samt Solgläntan",
                        NULL);
    const pk_record *r = pk_doc_record(d);
    assert_int_equal(r->n_units, 6);
    char *s = pk_doc_to_json(d);
    json_error_t je;
    json_t *j = json_loads(s, 0, &je);
    assert_non_null(j);
    for (size_t i = 0; i < r->n_units; i++) {
        json_t *c = json_object_get(json_array_get(json_object_get(j, "units"), i), "class");
        assert_non_null(c);
        if (!r->units[i].klass) {
            assert_true(json_is_null(c));
            continue;
        }
        int ok = 0;
        for (size_t k = 0; k < 5; k++)
            ok |= strcmp(r->units[i].klass, five[k]) == 0;
        assert_true(ok);
        assert_string_equal(json_string_value(c), r->units[i].klass);
    }
    assert_int_equal(json_array_size(json_object_get(j, "units")), 6);
    json_decref(j);
    free(s);
    /* the CSV row carries it after the parent, before the page */
    char *csv = pk_doc_to_csv(d);
    assert_non_null(strstr(csv, "\"Hemtjänsten Norr\",,\"äldreomsorg\",\"1\",\r\n"));
    assert_non_null(strstr(csv, "\"Solgläntan\",,,\"1\",\r\n"));
    free(csv);
    pk_doc_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_class_forskola),     cmocka_unit_test(test_class_skola),
        cmocka_unit_test(test_class_aldreomsorg),  cmocka_unit_test(test_class_socialtjanst),
        cmocka_unit_test(test_class_annat),        cmocka_unit_test(test_class_unknown),
        cmocka_unit_test(test_document_over_name), cmocka_unit_test(test_corpus_classes),
        cmocka_unit_test(test_classes_are_the_five),
    };
    return cmocka_run_group_tests_name("unit_class", tests, setup_ex, teardown_ex);
}
