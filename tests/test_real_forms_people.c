/* People as other municipalities' minutes name them: politicians in lists
   with their parties, local parties, officers by title in prose and after
   a comma, names in the genitive, signature blocks as a PDF's text gives
   them, and the roles. Each text is written for the test. */
#include "testutil.h"

#include <signal.h>
#include <unistd.h>

#include "internal.h"

static const pk_person *person(const pk_record *r, const char *name)
{
    for (size_t i = 0; i < r->n_people; i++)
        if (strcmp(r->people[i].name, name) == 0)
            return &r->people[i];
    return NULL;
}

/* the person is there, with this party (NULL: none) and role */
static void expect(const pk_record *r, const char *name, const char *party, const char *role)
{
    const pk_person *p = person(r, name);
    if (!p)
        fail_msg("no person \"%s\"", name);
    if (party)
        assert_string_equal(p->party ? p->party : "(none)", party);
    else if (p->party)
        fail_msg("\"%s\" has party %s, expected none", name, p->party);
    assert_string_equal(p->role, role);
}

static void expect_title(const pk_record *r, const char *name, const char *title)
{
    const pk_person *p = person(r, name);
    if (!p)
        fail_msg("no person \"%s\"", name);
    assert_string_equal(p->title ? p->title : "(none)", title);
}

static void test_party_lists(void **state)
{
    (void)state;
    const char *text = "§ 12 Motion om fler cykelbanor\n\nMotion från Eva Lund (V), Omar Said (V) och Lisa\nNyberg (V) "
                       "har remitterats.\n\nKommunstyrelsen beslutar:\nMotionen avslås.\n\nYrkanden: Anna Ek (S) och "
                       "Per Holm (M) yrkar bifall till förslaget.\nReservation: Lars Berg (SD) reserverar sig.\n";
    pk_doc *d = extract(text);
    const pk_record *r = pk_doc_record(d);
    expect(r, "Eva Lund", "V", "other");
    expect(r, "Omar Said", "V", "other");
    expect(r, "Lisa Nyberg", "V", "other");
    expect(r, "Anna Ek", "S", "other");
    expect(r, "Per Holm", "M", "other");
    expect(r, "Lars Berg", "SD", "other");
    assert_int_equal(r->n_people, 6);
    /* the span is the name as it stands, line break and all */
    char *s = span_text(text, person(r, "Lisa Nyberg")->span);
    assert_string_equal(s, "Lisa\nNyberg");
    free(s);
    pk_doc_free(d);

    /* a heading on the line before is no part of the first name; a party
       left bare in a list of parties is a party too */
    d = extract("Reservationer\nKarin Åberg (L), Sven Dahl (L) och Maja Nord SD reserverar sig mot beslutet.\n");
    r = pk_doc_record(d);
    expect(r, "Karin Åberg", "L", "other");
    expect(r, "Sven Dahl", "L", "other");
    expect(r, "Maja Nord", "SD", "other");
    assert_int_equal(r->n_people, 3);
    pk_doc_free(d);
}

static void test_local_parties(void **state)
{
    (void)state;
    pk_doc *d = extract("Reservation\nMarkus Holm (ÖrP) och Linnea Strand (D) reserverar sig. Tidigare yrkade Bo "
                        "Ahl (m) och Ebba Stål (fp) avslag. Jens Moberg (SJVP) instämmer.\n");
    const pk_record *r = pk_doc_record(d);
    expect(r, "Markus Holm", "ÖrP", "other");
    expect(r, "Linnea Strand", "D", "other");
    expect(r, "Bo Ahl", "M", "other");
    expect(r, "Ebba Stål", "FP", "other");
    /* a local party the table does not hold, after a given name */
    expect(r, "Jens Moberg", "SJVP", "other");
    pk_doc_free(d);

    /* a short word in parentheses after a place or a unit is no party */
    d = extract("Boendet Norra Viksjö (LSS) och Kungsgården (äldreboende) berörs. Samordningsförbundet Göteborg "
                "(Finsam) yttrar sig.\n");
    r = pk_doc_record(d);
    assert_int_equal(r->n_people, 0);
    pk_doc_free(d);
}

/* Names whose letters are not all ASCII or Latin-1 (their case is looked
   up), with a particle and with a hyphen: found as the pattern finds them,
   whether by hand or by pcre2. */
static void test_names_beyond_latin1(void **state)
{
    (void)state;
    const char *text = "Yrkanden: Łukasz Nowak (V), Anna von Berg (S) och Eva Berg-Ek (M) yrkar bifall.\n"
                       "Reservation: Şule Öztürk (MP) reserverar sig.\n";
    pk_doc *d = extract(text);
    const pk_record *r = pk_doc_record(d);
    expect(r, "Łukasz Nowak", "V", "other");
    expect(r, "Anna von Berg", "S", "other");
    expect(r, "Eva Berg-Ek", "M", "other");
    expect(r, "Şule Öztürk", "MP", "other");
    assert_int_equal(r->n_people, 4);
    pk_doc_free(d);
}

/* Names joined by hyphens, whose second part opens with a Latin-1 capital
   or stands past the first sixteen bytes from the capital, and capitals
   before a Latin-1 capital or a word that opens with one of å ä ö: found
   as the pattern finds them, and no more. */
static void test_hyphenated_names(void **state)
{
    (void)state;
    const char *text = "FÖRSLAG TILL BESLUT\n\nYrkanden: Ann-Christine Åkerlund (S), Karl-Åke Öberg (M) och "
                       "Marie-Louise Lindqvist-Åberg (L) yrkar bifall. Kommunen är enig.\n"
                       "Reservation: Eva-Lena Ek (V) och Lars-Erik Sjöberg-Ödman (KD) reserverar sig.\n";
    static const char *const named[][2] = {
        {"Ann-Christine Åkerlund", "S"}, {"Karl-Åke Öberg", "M"},         {"Marie-Louise Lindqvist-Åberg", "L"},
        {"Eva-Lena Ek", "V"},            {"Lars-Erik Sjöberg-Ödman", "KD"},
    };
    size_t n = sizeof named / sizeof *named;
    pk_doc *d = extract(text);
    const pk_record *r = pk_doc_record(d);
    for (size_t i = 0; i < n; i++)
        expect(r, named[i][0], named[i][1], "other");
    assert_int_equal(r->n_people, n);
    pk_doc_free(d);
}

/* An attendance list ends at the next heading of one, even one written in
   capitals that reads like a name: the heading is no person, and the
   names under it take its title. */
static void test_roll_heading_in_capitals(void **state)
{
    (void)state;
    const char *text = "Protokoll\n\nNärvarande Ledamöter\nAnna Berg (S)\nKarl Holm (M)\nTjänstgörande Ersättare\n"
                       "Bo Ek (M)\n\n§ 1 Ärende\nText.\n";
    /* each person: name, party, title */
    static const char *const listed[][3] = {
        {"Anna Berg", "S", "ledamot"}, {"Karl Holm", "M", "ledamot"}, {"Bo Ek", "M", "ersättare"}};
    size_t n = sizeof listed / sizeof *listed;
    pk_doc *d = extract(text);
    const pk_record *r = pk_doc_record(d);
    for (size_t i = 0; i < n; i++) {
        expect(r, listed[i][0], listed[i][1], "other");
        expect_title(r, listed[i][0], listed[i][2]);
    }
    assert_null(person(r, "Tjänstgörande Ersättare"));
    assert_int_equal(r->n_people, n);
    pk_doc_free(d);
}

static void test_officers_in_prose(void **state)
{
    (void)state;
    pk_doc *d = extract("§ 4 Information\n\nController Anna Berg redogör för budgetläget. Kommundirektör Per Ek "
                        "informerar om läget. Därefter informerar stadsdirektör Eva Hessman och tjänstgörande "
                        "ersättaren Jonas Ahl (S) ställer en fråga.\n");
    const pk_record *r = pk_doc_record(d);
    expect(r, "Anna Berg", NULL, "other");
    expect_title(r, "Anna Berg", "controller");
    expect(r, "Per Ek", NULL, "other");
    expect_title(r, "Per Ek", "kommundirektör");
    expect_title(r, "Eva Hessman", "stadsdirektör");
    expect(r, "Jonas Ahl", "S", "other");
    expect_title(r, "Jonas Ahl", "ersättare");
    pk_doc_free(d);

    /* the title after a comma */
    d = extract("Inbjudna är Henric Elgstrand, gruppledare, och Camilla\nLönnblom, gruppledare, samt från utförandet "
                "Cedric Ahlberg, enhetschef för Öppenvård barn.\nTomas Kroksmark, professor emeritus i pedagogik, "
                "deltar.\n");
    r = pk_doc_record(d);
    expect_title(r, "Henric Elgstrand", "gruppledare");
    expect_title(r, "Camilla Lönnblom", "gruppledare");
    expect_title(r, "Cedric Ahlberg", "enhetschef");
    expect_title(r, "Tomas Kroksmark", "professor emeritus");
    assert_int_equal(r->n_people, 4);
    pk_doc_free(d);
}

static void test_genitive(void **state)
{
    (void)state;
    pk_doc *d = extract("Per Lindbergs fråga besvaras av ordföranden. Kommunstyrelsen beslutar i enlighet med "
                        "Nina Miskovskys yrkande och avslår Jonas Attenius yrkande.\n");
    const pk_record *r = pk_doc_record(d);
    expect(r, "Per Lindberg", NULL, "other");
    expect(r, "Nina Miskovsky", NULL, "other");
    /* a name whose nominative ends in s keeps it */
    expect(r, "Jonas Attenius", NULL, "other");
    assert_int_equal(r->n_people, 3);
    pk_doc_free(d);

    /* named before in the nominative, the genitive is the same person */
    d = extract("Hans Peters (C) och Johanna Reimfelt (L) yrkar bifall. Kommunstyrelsen beslutar i enlighet med Hans "
                "Peters yrkande och avslår Johanna Reimfelts (L) m.fl. ändringsyrkande.\n");
    r = pk_doc_record(d);
    expect(r, "Hans Peters", "C", "other");
    expect(r, "Johanna Reimfelt", "L", "other");
    assert_int_equal(r->n_people, 2);
    pk_doc_free(d);

    /* named first in the genitive, the nominative with the party stands */
    d = extract("Ordföranden ställer proposition på Sara Holms yrkande. Sara Holm (MP) reserverar sig.\n");
    r = pk_doc_record(d);
    expect(r, "Sara Holm", "MP", "other");
    assert_int_equal(r->n_people, 1);
    pk_doc_free(d);
}

static void test_appointment_lists(void **state)
{
    (void)state;
    pk_doc *d = extract("1. Till styrelseledamöter i Bostadsbolaget AB utses Anders Åström, Max Klarberg, Elisabeth\n"
                        "Karlsson Zuaw och Lea Modig och till suppleanter utses Mats-Olof Berg och Juni Strand.\n"
                        "2. Magnus Persson och Clas Rosdahl entledigas.\n");
    const pk_record *r = pk_doc_record(d);
    const char *names[] = {"Anders Åström",  "Max Klarberg",   "Elisabeth Karlsson Zuaw", "Lea Modig",
                           "Mats-Olof Berg", "Juni Strand",    "Magnus Persson",          "Clas Rosdahl"};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        expect(r, names[i], NULL, "other");
    assert_int_equal(r->n_people, 8);
    pk_doc_free(d);
}

/* A lone name without party or title is a person when it does what people
   do in minutes, or when where it works follows after a comma. */
static void test_lone_names(void **state)
{
    (void)state;
    pk_doc *d = extract("§ 9 Information\n\nEva Hessman informerar om budgeten. Magnus Andersson lämnar en "
                        "information. Lena Ek, Kommunledningsförvaltningen, redogör för ärendet. Ida Berg väljs som "
                        "ledamot.\nGöteborgs Stad ansluter sig. Socialnämnden Nordost bemyndigas. Maria Skolan har "
                        "öppet. Anna Lindh föddes 1957.\n");
    const pk_record *r = pk_doc_record(d);
    expect(r, "Eva Hessman", NULL, "other");
    expect(r, "Magnus Andersson", NULL, "other");
    expect(r, "Lena Ek", NULL, "other");
    expect(r, "Ida Berg", NULL, "other");
    assert_int_equal(r->n_people, 4);
    pk_doc_free(d);
}

/* One person spelt two ways in one paragraph is one person. */
static void test_spellings_of_one_person(void **state)
{
    (void)state;
    pk_doc *d = extract("§ 53 Svar på motion från Johanna Reimfelt (L)\n\nJohanna Reimfeldt har skickat in en motion. "
                        "Åsa Thor-Gustavsson väljs efter Maria Lind (C). Åsa Thor Gustafsson (C) väljs som ledamot. "
                        "Henric Dahl (S) och Henrik Dahl (S) instämmer. Anna Carlsson (S) och Anna Karlsson (M) "
                        "reserverar sig.\n");
    const pk_record *r = pk_doc_record(d);
    expect(r, "Johanna Reimfelt", "L", "other");
    assert_null(person(r, "Johanna Reimfeldt"));
    const pk_person *a = person(r, "Åsa Thor-Gustavsson"), *b = person(r, "Åsa Thor Gustafsson");
    assert_true((a != NULL) != (b != NULL));
    assert_string_equal((a ? a : b)->party, "C");
    expect(r, "Henric Dahl", "S", "other");
    assert_null(person(r, "Henrik Dahl"));
    /* two parties, two people */
    expect(r, "Anna Carlsson", "S", "other");
    expect(r, "Anna Karlsson", "M", "other");
    assert_int_equal(r->n_people, 6);
    pk_doc_free(d);
}

/* Words of bodies, units, places and foundations are no people. */
static void test_not_people(void **state)
{
    (void)state;
    pk_doc *d = extract("§ 7 Stadgar\n\nKommunstyrelsen och Vård- och omsorgsnämnden yttrar sig. Stadgarna för "
                        "Stiftelsen Wilhelm och Martina Lundgrens vetenskapsfond ändras. Mötet hålls vid Gustav Adolfs "
                        "torg. Nya Lundby och Gamla Stan berörs, liksom Västra Hisingen, Norra Hisingen och Angered.\n"
                        "Michael Ivarsson och Ingela Andersson, Socialnämnd Centrum, lämnar en information.\n");
    const pk_record *r = pk_doc_record(d);
    expect(r, "Michael Ivarsson", NULL, "other");
    expect(r, "Ingela Andersson", NULL, "other");
    for (size_t i = 0; i < r->n_people; i++)
        if (strcmp(r->people[i].name, "Michael Ivarsson") != 0 && strcmp(r->people[i].name, "Ingela Andersson") != 0)
            fail_msg("not a person: \"%s\"", r->people[i].name);
    pk_doc_free(d);
}

/* Signatures as pdftotext gives them: a name, the title and the unit it
   heads on the next line or the two after. */
static void test_signature_with_unit(void **state)
{
    (void)state;
    pk_doc *d = extract("Tjänsteskrivelse\n\nFörslag till beslut\nNämnden noterar informationen.\n\nEinar Holm\n"
                        "Produktionsdirektör Välfärd skola\nHelena Ekdal\nChef verksamhetsstödet Välfärd skola\n"
                        "Ann Sundman Brott\nUtbildnings strateg\nVälfärd skola\n");
    const pk_record *r = pk_doc_record(d);
    expect(r, "Einar Holm", NULL, "signatory");
    expect_title(r, "Einar Holm", "produktionsdirektör");
    expect(r, "Helena Ekdal", NULL, "signatory");
    expect_title(r, "Helena Ekdal", "chef verksamhetsstödet");
    expect(r, "Ann Sundman Brott", NULL, "signatory");
    expect_title(r, "Ann Sundman Brott", "utbildnings strateg");
    assert_int_equal(r->n_people, 3);
    pk_doc_free(d);

    /* a list of officers, each line a title and a name, is no signature */
    d = extract("Närvarande tjänstemän\nPersonaldirektör Elisabeth Carle\nProduktionsdirektör Välfärd "
                "samhällsservice Anette Böe\n");
    r = pk_doc_record(d);
    expect_title(r, "Elisabeth Carle", "personaldirektör");
    for (size_t i = 0; i < r->n_people; i++)
        assert_string_not_equal(r->people[i].role, "signatory");
    pk_doc_free(d);
}

static void test_roles(void **state)
{
    (void)state;
    pk_doc *d = extract("§ 3 Val\n\nHandläggare: Karin Sjöberg\n\nOrdförande Per Holm (S) finner att nämnden "
                        "bifaller förslaget. Vice ordförande Lena Ek (M) yrkar avslag.\nJusterare: Omar Berg\n\n"
                        "Anna Lind\nFörvaltningschef\n");
    const pk_record *r = pk_doc_record(d);
    expect(r, "Karin Sjöberg", NULL, "officer");
    expect(r, "Per Holm", "S", "chair");
    expect(r, "Lena Ek", "M", "other");
    expect(r, "Omar Berg", NULL, "other");
    expect(r, "Anna Lind", NULL, "signatory");
    pk_doc_free(d);

    /* parties of more than one letter in a signature line and a roll */
    d = extract("Justeras\n\nAnna Ek (KD)          Per Holm (ÖrP)\nOrdförande            Justerare\n\n"
                "Närvarande ledamöter\nLisa Berg (MP)\nOla Ås (ÖrP)\n\n");
    r = pk_doc_record(d);
    expect(r, "Anna Ek", "KD", "chair");
    expect(r, "Per Holm", "ÖrP", "other");
    expect_title(r, "Per Holm", "justerare");
    expect(r, "Ola Ås", "ÖrP", "other");
    expect_title(r, "Ola Ås", "ledamot");
    expect(r, "Lisa Berg", "MP", "other");
    pk_doc_free(d);

    /* a blank line under "Vice ordförande" ends the signatures: the
       company's name in the footer is no chair */
    d = extract("Justeras\n\nOrdförande Vice ordförande\n\nBostäder Fastigheter i Stockholm AB, Box 1, 104 20 "
                "Stockholm\n");
    r = pk_doc_record(d);
    assert_int_equal(r->n_people, 0);
    pk_doc_free(d);

    /* the chair's title before the role word, across a space or a line
       break: "vice" names one who does not chair, the others do */
    d = extract("§ 4 Val\n\nTjänstgörande ordförande Per Holm (S) finner att nämnden bifaller förslaget. "
                "Vice\nordförande Lena Ek (M) yrkar avslag.\n");
    r = pk_doc_record(d);
    expect(r, "Per Holm", "S", "chair");
    expect(r, "Lena Ek", "M", "other");
    pk_doc_free(d);
    d = extract("§ 5 Val\n\nT.f. ordförande Omar Berg (C) finner att nämnden bifaller förslaget.\n");
    r = pk_doc_record(d);
    expect(r, "Omar Berg", "C", "chair");
    pk_doc_free(d);
}

/* The table of given names holds the names common in Sweden, of every
   generation, not only those of the minutes the rules were tried on. */
static void test_given_names_cover_common_names(void **state)
{
    (void)state;
    static const char *const common[] = {
        "Anna", "Eva", "Maria", "Karin", "Sara", "Kristina", "Lena", "Emma", "Kerstin", "Marie", "Malin", "Ingrid",
        "Jenny", "Hanna", "Linda", "Annika", "Susanne", "Elin", "Monica", "Birgitta", "Sofia", "Ulla", "Johanna",
        "Inger", "Camilla", "Elisabeth", "Julia", "Ida", "Helena", "Amanda", "Sandra", "Ebba", "Elsa", "Alice",
        "Gunilla", "Linnéa", "Maja", "Åsa", "Cecilia", "Ulrika", "Astrid", "Saga", "Alva", "Olivia", "Freja",
        "Selma", "Wilma", "Ella", "Lea", "Juni", "Nova", "Ines", "Stella", "Leia", "Vera", "Signe", "Agnes",
        "Lars", "Mikael", "Anders", "Johan", "Erik", "Per", "Karl", "Peter", "Jan", "Thomas", "Daniel", "Fredrik",
        "Hans", "Andreas", "Stefan", "Mats", "Magnus", "Mattias", "Jonas", "Bengt", "Alexander", "Martin", "Niklas",
        "Bo", "Nils", "Patrik", "Oskar", "Björn", "David", "Christer", "Leif", "Henrik", "Sven", "Emil", "William",
        "Lucas", "Gustav", "Håkan", "Göran", "Ulf", "Åke", "Liam", "Noah", "Hugo", "Elias", "Theo", "Leon",
        "Melvin", "Benjamin", "Charlie", "Vincent", "Arvid", "Mohammed", "Ali", "Ahmed", "Omar", "Habib", "Henric",
    };
    for (size_t i = 0; i < sizeof common / sizeof *common; i++)
        if (!pk_is_given_name(common[i], strlen(common[i])))
            fail_msg("given name missing from the table: %s", common[i]);
}

static void on_alarm(int sig)
{
    (void)sig;
    static const char msg[] = "a long list of people did not finish in time\n";
    (void)!write(2, msg, sizeof msg - 1);
    _exit(1);
}

/* Each name costs the same however many the document holds: 100,000
   names in one list (a step over all people per name would take hours). */
static void test_many_people_in_one_list(void **state)
{
    (void)state;
    size_t n = 100000, len = 0, cap = n * 24 + 64;
    char *s = malloc(cap);
    len += (size_t)snprintf(s, cap, "Reservation\n");
    for (size_t i = 0; i < n; i++) {
        /* distinct surnames that no two spellings of one name could give */
        static const char cons[] = "bfgjlmnrs", vow[] = "aeiouy";
        char sur[8];
        size_t k = i, m = 0;
        sur[m++] = 'K';
        for (int d = 0; d < 3; d++) {
            sur[m++] = vow[k % 6];
            k /= 6;
            sur[m++] = cons[k % 9];
            k /= 9;
        }
        sur[m] = 0;
        len += (size_t)snprintf(s + len, cap - len, "%s %s (S)%s", i % 2 ? "Anna" : "Per", sur, i + 1 < n ? ", " : "");
    }
    len += (size_t)snprintf(s + len, cap - len, " reserverar sig.\n");
    signal(SIGALRM, on_alarm);
    alarm(120);
    pk_doc *d = NULL;
    assert_int_equal(pk_extract(shared_ex, s, len, "t.txt", &d), 0);
    alarm(0);
    const pk_record *r = pk_doc_record(d);
    assert_int_equal(r->n_people, n);
    expect(r, "Anna Kebabab", "S", "other");
    pk_doc_free(d);
    free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_party_lists),       cmocka_unit_test(test_local_parties),
        cmocka_unit_test(test_officers_in_prose), cmocka_unit_test(test_genitive),
        cmocka_unit_test(test_appointment_lists), cmocka_unit_test(test_not_people),
        cmocka_unit_test(test_signature_with_unit), cmocka_unit_test(test_roles),
        cmocka_unit_test(test_given_names_cover_common_names), cmocka_unit_test(test_many_people_in_one_list),
        cmocka_unit_test(test_lone_names),        cmocka_unit_test(test_spellings_of_one_person),
        cmocka_unit_test(test_names_beyond_latin1),
        cmocka_unit_test(test_hyphenated_names),
        cmocka_unit_test(test_roll_heading_in_capitals),
    };
    return cmocka_run_group_tests_name("real forms of people", tests, setup_ex, teardown_ex);
}
