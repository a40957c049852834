/* Units outside an award: a named unit that a decision or a heading closes,
   opens, merges, tasks, inspects or reports on (lib/data/unit_cues.tsv),
   and never a body, an office, a company, a place or a person; and the
   unit nouns as one table (lib/data/unit_nouns.tsv). The texts are made up
   for the tests. */
#include "testutil.h"

/* The units of the doc as "name|parent|key;" in order ("-" for no parent). */
static char *units_of(const pk_doc *d)
{
    static char buf[1024];
    const pk_record *r = pk_doc_record(d);
    size_t o = 0;
    buf[0] = 0;
    for (size_t i = 0; i < r->n_units && o < sizeof buf; i++)
        o += (size_t)snprintf(buf + o, sizeof buf - o, "%s|%s|%s;", r->units[i].name,
                              r->units[i].parent ? r->units[i].parent : "-", r->units[i].key);
    return buf;
}

static void expect(const char *text, const char *units)
{
    pk_doc *d = extract(text);
    assert_string_equal(units_of(d), units);
    pk_doc_free(d);
}

static void test_closing_in_decision(void **state)
{
    (void)state;
    /* the unit before the cue, from the last "att" */
    expect("§ 12 Förskolan Tallbacken läggs ned\n\nBeslut\nBarn- och utbildningsnämnden beslutar att Förskolan "
           "Tallbacken läggs ned den 1 juli 2024.\n",
           "Förskolan Tallbacken|-|förskolan tallbacken;");
    /* the units after the cue, the parent after "som tillhör" */
    expect("§ 13 Förskolor i Norrby\n\nBeslut\nBarn- och utbildningsnämnden beslutar att avveckla Lindgårdens "
           "förskola, som tillhör skolenheten Norrby, och Björkhagens förskola.\n",
           "Lindgårdens förskola|skolenheten Norrby|förskolan lindgården;"
           "Björkhagens förskola|-|förskolan björkhagen;");
    /* "tillhörande" in a tjänsteskrivelse's proposal */
    expect("TJÄNSTESKRIVELSE\n\nFörskolan Ängen\nFörslag till beslut\n\nKommunstyrelsen beslutar att Ängens "
           "förskola, tillhörande Åsens rektorsområde, avvecklas under våren 2022.\n",
           "Ängens förskola|Åsens rektorsområde|förskolan ängen;");
}

static void test_title_then_decision(void **state)
{
    (void)state;
    /* the title names both; the decision's "<X>s skolenhet" is the unit X
       written with its kind */
    expect("TJÄNSTESKRIVELSE\n\nNedläggning av Ekuddsskolan samt Ekuddsskolans förskola\nFörslag till beslut\n\n"
           "Kommunstyrelsen beslutar om nedläggning av Ekuddsskolans skolenhet.\n",
           "Ekuddsskolan|-|ekuddsskolan;Ekuddsskolans förskola|-|förskolan ekuddsskolan;");
    /* a decision that names no unit leaves the title's */
    expect("§ 7 Avveckling Ekbackens förskola\n\nBeslut\nKommunstyrelsen beslutar att ärendet bordläggs.\n",
           "Ekbackens förskola|-|förskolan ekbacken;");
}

static void test_name_the_document_calls_a_unit(void **state)
{
    (void)state;
    /* a proper name alone is a unit where the document writes a unit noun
       before it */
    expect("§ 40 Initiativärende angående Bergsgården\n\nAnna Berg (C) har inkommit med ett initiativ. "
           "Verksamheten på Bergsgården avslutades 2023.\n\nBeslut\nVård- och omsorgsnämnden beslutar:\n"
           "1. Initiativet avslås.\n",
           "Bergsgården|-|bergsgården;");
    /* and is none where it does not */
    expect("§ 41 Initiativärende angående Bergsgården\n\nAnna Berg (C) har inkommit med ett initiativ om "
           "Bergsgården.\n\nBeslut\nVård- och omsorgsnämnden beslutar:\n1. Initiativet avslås.\n",
           "");
}

static void test_supervision_and_reports(void **state)
{
    (void)state;
    /* a task given to a unit; the office given one is none */
    expect("§ 50 Tillsynsrapport 2024\n\nBeslut\nSocialnämnden beslutar:\n1. Område Norr får i uppdrag att "
           "genomföra åtgärderna.\n2. Socialförvaltningen får i uppdrag att återrapportera.\n",
           "Område Norr|-|område norr;");
    expect("§ 50 Tillsynsrapport för Område Familj\n\nBeslut\nSocialnämnden beslutar att lägga rapporten till "
           "handlingarna.\n",
           "Område Familj|-|område familj;");
    /* the unit noun that opens the name stays in it */
    expect("§ 51 Lex Sarah-rapport inom hemtjänsten Väster\n\nBeslut\nÄldrenämnden beslutar att lägga rapporten "
           "till handlingarna.\n",
           "hemtjänsten Väster|-|hemtjänsten väster;");
}

static void test_never_body_office_place_person(void **state)
{
    (void)state;
    /* a unit noun with a place after "i" names no unit */
    expect("§ 52 Lex Sarah avseende hemtjänsten i Åby kommun\n\nBeslut\nÄldrenämnden beslutar att lägga "
           "informationen till handlingarna.\n",
           "");
    /* a company, a street */
    expect("§ 53 Bussbolaget\n\nBeslut\nKommunstyrelsen beslutar att avveckla verksamheten Gröna Bussar AB samt "
           "att stänga Storgatan.\n",
           "");
    /* a nämnd, an office, a person */
    expect("§ 54 Tillsyn av Miljönämnden\n\nBeslut\nKommunstyrelsen beslutar att Socialförvaltningen får i "
           "uppdrag att utreda frågan. Kommunstyrelsen beslutar att Anna Svensson får i uppdrag att utreda.\n",
           "");
    /* a unit noun alone, however written */
    expect("§ 55 Avveckling av förskolan\n\nBeslut\nKommunstyrelsen beslutar att Förskolan läggs ned.\n", "");
}

static void test_award_units_first(void **state)
{
    (void)state;
    /* a matter about an award keeps its participants; the cue rules run
       only where the award's rules found none */
    expect("§ 5\nDeltagande i Kvalitetsutmärkelsen 2024\n\nBeslut\nNämnden godkänner att Förskolan Ekorren "
           "deltar. Förskolan Myran läggs ned.\n",
           "Förskolan Ekorren|-|förskolan ekorren;");
}

static void test_one_table_of_unit_nouns(void **state)
{
    (void)state;
    /* the key: an indefinite noun at the end moves to the front, a definite
       one joins the word before; "område" is a noun without that use */
    expect("§ 5\nDeltagande i Kvalitetsutmärkelsen 2024\n\nBeslut\nNämnden godkänner att Ekorrens förskola, "
           "Rinkeby-Kista mottagningen och Sätra hemtjänst deltar.\n",
           "Ekorrens förskola|-|förskolan ekorren;Rinkeby-Kista mottagningen|-|rinkeby kistamottagningen;"
           "Sätra hemtjänst|-|hemtjänsten sätra;");
    /* a generic noun before a name is dropped, a list noun opens a list, a
       kind in parentheses is no part of the name */
    expect("§ 5\nDeltagande i Kvalitetsutmärkelsen 2024\n\nBeslut\nNämnden godkänner att verksamheten Hvilan, "
           "enheterna Norr och Söder samt Tenstagården (äldreboende) deltar.\n",
           "Hvilan|-|hvilan;Norr|-|norr;Söder|-|söder;Tenstagården|-|tenstagården;");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_closing_in_decision),
        cmocka_unit_test(test_title_then_decision),
        cmocka_unit_test(test_name_the_document_calls_a_unit),
        cmocka_unit_test(test_supervision_and_reports),
        cmocka_unit_test(test_never_body_office_place_person),
        cmocka_unit_test(test_award_units_first),
        cmocka_unit_test(test_one_table_of_unit_nouns),
    };
    return cmocka_run_group_tests_name("units_any", tests, setup_ex, teardown_ex);
}
