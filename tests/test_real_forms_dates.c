/* Date rules for the forms of other municipalities' minutes: whose meeting
   a date is, and the year of a date that does not state one. Each text is
   a small document of its own, written in the manner of real minutes. */
#include "testutil.h"

/* The role of the date whose ISO form is iso, or NULL when there is none. */
static const char *role_of(const pk_record *r, const char *iso)
{
    for (size_t i = 0; i < r->n_dates; i++)
        if (strcmp(r->dates[i].iso, iso) == 0)
            return r->dates[i].role;
    return NULL;
}

static void assert_role(const pk_record *r, const char *iso, const char *role)
{
    const char *got = role_of(r, iso);
    if (!got)
        fail_msg("no date %s", iso);
    assert_string_equal(got, role);
}

static void test_another_meeting_is_not_this_one(void **state)
{
    (void)state;
    pk_doc *d = extract("§ 88 Svar på motion om fler cykelbanor\n\n"
                        "Kommunfullmäktige har vid sitt sammanträde den 20 mars 2024 remitterat\n"
                        "motionen till Kommunstyrelsen. Tekniska nämnden beslutade 2023-05-08 att\n"
                        "utreda frågan, och Kommunstyrelsen beslutade den 3 maj 2024 att ge\n"
                        "förvaltningen i uppdrag att svara. Nämnden behandlade ärendet på sitt\n"
                        "sammanträde den 14 maj 2024.\n\n"
                        "Kommunstyrelsen beslutar:\n- Motionen avslås.\n- Kommunstyrelsen upphäver beslut 2023-11-16 § 41.\n");
    const pk_record *r = pk_doc_record(d);
    assert_null(r->meeting_date);
    assert_role(r, "2024-03-20", "other");
    assert_role(r, "2023-05-08", "other");
    assert_role(r, "2024-05-03", "other");
    assert_role(r, "2024-05-14", "other");
    assert_role(r, "2023-11-16", "other");
    pk_doc_free(d);

    /* "Vid <nämnds> sammanträde den ..., § 3": a paragraph of another meeting */
    d = extract("§ 12 Övrig fråga om lokalvården\n\n"
                "Vid Kultur- och fritidsnämndens sammanträde den 8 februari 2025, § 3,\n"
                "ställde Per Holm (C) en fråga om lokalvården. Frågan besvaras vid nästa\n"
                "sammanträde den 14 mars 2025.\n\n"
                "Kultur- och fritidsnämnden beslutar:\n- Frågan anses besvarad.\n");
    r = pk_doc_record(d);
    assert_null(r->meeting_date);
    assert_role(r, "2025-02-08", "other");
    assert_role(r, "2025-03-14", "other");
    pk_doc_free(d);
}

static void test_todays_meeting_in_prose(void **state)
{
    (void)state;
    pk_doc *d = extract("§ 201 Fastställande av dagordning\n\n"
                        "- En fråga ställd vid nämndens sammanträde 2025-09-11 besvaras vid kommande\n"
                        "sammanträde 2025-11-13.\n"
                        "- Ärendet om bidrag till föreningar utgår från dagens sammanträde 2025-10-09.\n\n"
                        "Socialnämnden beslutar:\n- Dagordningen fastställs.\n");
    const pk_record *r = pk_doc_record(d);
    assert_non_null(r->meeting_date);
    assert_string_equal(r->meeting_date, "2025-10-09");
    assert_role(r, "2025-09-11", "other");
    assert_role(r, "2025-11-13", "other");
    pk_doc_free(d);
}

static void test_meeting_date_from_header_labels(void **state)
{
    (void)state;
    /* the protocol's own header, and its page header repeated after the title */
    pk_doc *d = extract("SAMMANTRÄDESPROTOKOLL\nBygg- och miljönämnden\n\n"
                        "Plats och tid: Stadshuset, sal 2, 2023-11-23 kl. 13.00-15.30\n\n"
                        "§ 77 Detaljplan för kvarteret Lärkan\n\n"
                        "Nämnden fick information om planen.\n\n"
                        "Justerandes signatur\n\nProtokoll nr 9\nSammanträdesdatum: 2023-11-23\n\n"
                        "Bygg- och miljönämnden beslutar:\n- Informationen läggs till handlingarna.\n");
    const pk_record *r = pk_doc_record(d);
    assert_non_null(r->meeting_date);
    assert_string_equal(r->meeting_date, "2023-11-23");
    for (size_t i = 0; i < r->n_dates; i++)
        assert_string_equal(r->dates[i].role, "meeting");
    pk_doc_free(d);

    /* prose that a line break leaves with "sammanträde" first is no label */
    d = extract("§ 5 Ändrad sammanträdestid\n\nFörslaget är att utskottets\n"
                "sammanträde 2024-09-12 flyttas till 2024-09-19.\n\n"
                "Utskottet beslutar:\n- Sammanträdet flyttas.\n");
    r = pk_doc_record(d);
    assert_null(r->meeting_date);
    assert_role(r, "2024-09-12", "other");
    pk_doc_free(d);
}

static void test_meeting_date_from_addressee_block(void **state)
{
    (void)state;
    /* two columns flattened: "Till" above the nämnd, the date under both */
    pk_doc *d = extract("Kultur- och fritidsförvaltningen            Tjänsteutlåtande\n"
                        "                                            Dnr KFN 2024/118\n"
                        "                                            2024-01-30\n\n"
                        "Handläggare                                 Till\n"
                        "Anna Berg                                   Kultur- och\n"
                        "Telefon: 019-21 10 00                       fritidsnämnden\n"
                        "                                            15 februari 2024\n\n"
                        "Bidrag till studieförbund 2024\n\n"
                        "Förslag till beslut\nKultur- och fritidsnämnden godkänner fördelningen.\n");
    const pk_record *r = pk_doc_record(d);
    assert_non_null(r->document_date);
    assert_string_equal(r->document_date, "2024-01-30");
    assert_non_null(r->meeting_date);
    assert_string_equal(r->meeting_date, "2024-02-15");
    pk_doc_free(d);
}

static void test_meeting_ahead_in_a_report_and_in_minutes(void **state)
{
    (void)state;
    /* a report looks ahead to the meeting it is written for */
    pk_doc *d = extract("Tjänsteutlåtande\n\nNy taxa för bygglov\n\nFörslag till beslut\n"
                        "Nämnden antar taxan.\n\nBakgrund\nÄrendet behandlas av bygg- och miljönämnden den "
                        "12 mars 2025.\n");
    const pk_record *r = pk_doc_record(d);
    assert_non_null(r->meeting_date);
    assert_string_equal(r->meeting_date, "2025-03-12");
    pk_doc_free(d);
    /* ... but not when the sentence tells of an earlier decision */
    d = extract("Tjänsteutlåtande\n\nNy taxa för bygglov\n\nFörslag till beslut\nNämnden antar taxan.\n\n"
                "Bakgrund\nÄrendet återremitterades vid nämndens sammanträde den 12 februari 2025, § 31.\n");
    r = pk_doc_record(d);
    assert_null(r->meeting_date);
    assert_role(r, "2025-02-12", "other");
    pk_doc_free(d);
    /* an earlier decision fenced off by its own date leaves the meeting ahead */
    d = extract("Tjänsteutlåtande\n\nNy taxa för bygglov\n\nFörslag till beslut\nNämnden antar taxan.\n\n"
                "Bakgrund\nÄrendet återremitterades den 5 februari 2025 och behandlas vid nämndens\n"
                "sammanträde den 12 mars 2025.\n");
    r = pk_doc_record(d);
    assert_non_null(r->meeting_date);
    assert_string_equal(r->meeting_date, "2025-03-12");
    assert_role(r, "2025-02-05", "other");
    pk_doc_free(d);
    /* minutes are dated by their header: a meeting ahead is another one */
    d = extract("§ 14 Ny taxa för bygglov\n\nKommunstyrelsen beslutar att ärendet bordläggs och behandlas på\n"
                "kommunstyrelsens sammanträde den 3 juni 2025.\n");
    r = pk_doc_record(d);
    assert_null(r->meeting_date);
    assert_role(r, "2025-06-03", "other");
    pk_doc_free(d);
}

static void test_most_recently_is_no_deadline(void **state)
{
    (void)state;
    pk_doc *d = extract("§ 40 Anmälan av delegationsbeslut\n\n"
                        "Delegationsordningen antogs den 10 januari 2024 och reviderades senast den\n"
                        "5 december 2025. Anmälan ska göras senast den 31 januari 2026.\n\n"
                        "Socialnämnden beslutar:\n- Anmälan läggs till handlingarna.\n");
    const pk_record *r = pk_doc_record(d);
    assert_role(r, "2024-01-10", "other");
    assert_role(r, "2025-12-05", "other");
    assert_role(r, "2026-01-31", "deadline");
    pk_doc_free(d);
}

static void test_cue_nearest_the_date_wins(void **state)
{
    (void)state;
    /* the ceremony's words stand nearer the second date than "senast" */
    pk_doc *d = extract("Ansökningarna ska lämnas in senast den 7 juni 2024 och priset delas ut vid en\n"
                        "högtidlig ceremoni i rådhusets stora festsal den 12 december 2024.\n");
    const pk_record *r = pk_doc_record(d);
    assert_role(r, "2024-06-07", "deadline");
    assert_role(r, "2024-12-12", "ceremony");
    pk_doc_free(d);
    /* a cue before the date wins over one after it */
    d = extract("Bidragen ska vara inkomna senast den 30 april 2024, prisutdelningen sker i november.\n");
    r = pk_doc_record(d);
    assert_role(r, "2024-04-30", "deadline");
    pk_doc_free(d);
}

/* The date whose ISO form is iso, or NULL. */
static const pk_date *date_of(const pk_record *r, const char *iso)
{
    for (size_t i = 0; i < r->n_dates; i++)
        if (strcmp(r->dates[i].iso, iso) == 0)
            return &r->dates[i];
    return NULL;
}

static void test_year_from_a_heading_line(void **state)
{
    (void)state;
    /* a schedule: the year on its own line heads the dates below it */
    pk_doc *d = extract("§ 3 Sammanträdestider\n\nKommunstyrelsens arbetsutskott sammanträder följande dagar.\n\n"
                        "2024\n29 april\n27 maj\n\nÅr 2025:\n20 januari\n\n"
                        "Arbetsutskottet beslutar:\n- Sammanträdestiderna fastställs.\n");
    const pk_record *r = pk_doc_record(d);
    assert_non_null(date_of(r, "2024-04-29"));
    assert_true(date_of(r, "2024-04-29")->year_inferred);
    assert_non_null(date_of(r, "2024-05-27"));
    assert_non_null(date_of(r, "2025-01-20"));
    assert_int_equal(r->n_dates, 3);
    pk_doc_free(d);
    /* a year before a colon heads the list of days after it, and only a list */
    d = extract("§ 4 Sammanträdestider för nämnden\n\nNämnden beslutade 2024-10-15 om sin planering.\n"
                "Tider för 2025: 28 januari, 25 februari och tisdagen den 22 april kl. 13.00.\n"
                "Budget 2025: förslaget lämnas senast den 1 december.\n\n"
                "Nämnden beslutar:\n- Sammanträdestiderna fastställs.\n");
    r = pk_doc_record(d);
    assert_non_null(date_of(r, "2025-01-28"));
    assert_non_null(date_of(r, "2025-02-25"));
    assert_non_null(date_of(r, "2025-04-22"));
    assert_role(r, "2024-12-01", "deadline");
    assert_null(r->meeting_date);
    pk_doc_free(d);
}

static void test_year_from_the_nearest_dated_sentence(void **state)
{
    (void)state;
    /* no date of the document or the meeting: the nearest date before that
       states its year, and a January after an October is the next year's */
    pk_doc *d = extract("§ 9 Lägesrapport om avfallsplanen\n\n"
                        "Utskottet beslutade den 17 oktober 2023 att sända planen på remiss. Svaren\n"
                        "ska ha kommit in under remisstiden, som sträcker sig till och med den 22 januari.\n\n"
                        "Utskottet beslutar:\n- Informationen läggs till handlingarna.\n");
    const pk_record *r = pk_doc_record(d);
    const pk_date *x = date_of(r, "2024-01-22");
    assert_non_null(x);
    assert_true(x->year_inferred);
    assert_string_equal(x->role, "deadline");
    pk_doc_free(d);
}

static void test_year_of_the_text(void **state)
{
    (void)state;
    /* no full date at all: the one year the text is about */
    pk_doc *d = extract("§ 30 Föreningsbidrag\n\nAnsökningar om föreningsbidrag för 2024 ska lämnas in\n"
                        "senast den 1 december.\n\nKultur- och fritidsnämnden beslutar:\n- Informationen noteras.\n");
    const pk_record *r = pk_doc_record(d);
    const pk_date *x = date_of(r, "2024-12-01");
    assert_non_null(x);
    assert_true(x->year_inferred);
    assert_string_equal(x->role, "deadline");
    pk_doc_free(d);
    /* a year in a name is no year of the text: the date has no year */
    d = extract("§ 31 Svar på granskning\n\nGranskningen gällde arbetet utifrån Agenda 2030.\n"
                "Sista svarsdag är den 24 augusti.\n\nKommunstyrelsen beslutar:\n- Yttrandet antas.\n");
    r = pk_doc_record(d);
    assert_int_equal(r->n_dates, 0);
    pk_doc_free(d);
}

static void test_iso_date_broken_across_lines(void **state)
{
    (void)state;
    const char *text = "§ 7 Svar på motion om ängsmark\n\nMotionen väcktes i kommunfullmäktige 2024-02-\n"
                       "14 och remitterades till nämnden. Den 3 nov. 2024 svarade nämnden.\n";
    pk_doc *d = extract(text);
    const pk_record *r = pk_doc_record(d);
    const pk_date *x = date_of(r, "2024-02-14");
    assert_non_null(x);
    assert_string_equal(x->text, "2024-02- 14"); /* as written, the line break folded */
    char *under = span_text(text, x->span);
    assert_string_equal(under, "2024-02-\n14");
    free(under);
    x = date_of(r, "2024-11-03");
    assert_non_null(x);
    assert_string_equal(x->text, "Den 3 nov. 2024");
    pk_doc_free(d);
}

static void test_last_day_to_hand_in_is_a_deadline(void **state)
{
    (void)state;
    pk_doc *d = extract("Förskolan Solrosen avvecklas med sista dag för verksamheten den 30 juni 2025.\n"
                        "Sista dag för ansökan om plats på en annan förskola är den 15 mars 2025.\n"
                        "Sista svarsdag är den 2 april 2025.\n");
    const pk_record *r = pk_doc_record(d);
    assert_role(r, "2025-06-30", "other");
    assert_role(r, "2025-03-15", "deadline");
    assert_role(r, "2025-04-02", "deadline");
    pk_doc_free(d);
}

static void test_compact_and_day_month_forms(void **state)
{
    (void)state;
    pk_doc *d = extract("Tjänsteskrivelse\n2021-03-02\n\nUnderlaget är Lokalförsörjningsplan 20210215 och\n"
                        "elevprognosen. Yttrandet ska vara inkommet senast 4/5 och nämnden beslutar\n"
                        "den 12/5. Av 3/4 av skolorna svarade 1/2.\nKontakt: 19850312-1234\n");
    const pk_record *r = pk_doc_record(d);
    assert_role(r, "2021-02-15", "other");
    assert_role(r, "2021-05-04", "deadline");
    assert_true(date_of(r, "2021-05-04")->year_inferred);
    assert_non_null(date_of(r, "2021-05-12"));
    /* fractions, and a personnummer, are no dates */
    assert_null(date_of(r, "2021-04-03"));
    assert_null(date_of(r, "2021-02-01"));
    assert_null(date_of(r, "1985-03-12"));
    assert_int_equal(r->n_dates, 4);
    pk_doc_free(d);
}

static void test_year_ranges_and_period_bounds(void **state)
{
    (void)state;
    /* years from one to another are no dates; the days that bound a
       period are ("under perioden 17 januari - 6 februari 2025") */
    pk_doc *d = extract("Planen gäller 2024-2032 och läsåret 2024/25, med uppföljning i juni 2026\n"
                        "och november månad. Beslut fattade under perioden 17 januari - 6 februari\n"
                        "2025 redovisas.\n");
    const pk_record *r = pk_doc_record(d);
    assert_int_equal(r->n_dates, 2);
    assert_non_null(date_of(r, "2025-01-17"));
    assert_non_null(date_of(r, "2025-02-06"));
    pk_doc_free(d);
}

static void test_formats_date_forms(void **state)
{
    (void)state;
    /* every form of FORMATS.md in one report dated in December 2023 */
    pk_doc *d = extract("Tjänsteutlåtande\n2023-12-04\n\nÅrsplan\n\nBakgrund\n"
                        "Planen togs fram 2023.10.02 och 15/9 2023, redovisades den 24 november 2023\n"
                        "och 24 nov. 2022 samt (24/11). Nämnden sammanträder tisdagen den 29 november,\n"
                        "rapporten lämnas senast den 30 juni, samrådet hålls den 15 januari och\n"
                        "dagen därpå, 17 maj, följer uppföljningen i juni 2024 och november månad.\n");
    const pk_record *r = pk_doc_record(d);
    assert_non_null(r->document_date);
    assert_string_equal(r->document_date, "2023-12-04");
    assert_non_null(date_of(r, "2023-10-02"));
    assert_non_null(date_of(r, "2023-09-15"));
    assert_non_null(date_of(r, "2023-11-24"));
    assert_non_null(date_of(r, "2022-11-24"));
    assert_non_null(date_of(r, "2023-11-29"));
    assert_role(r, "2023-06-30", "deadline");
    assert_true(date_of(r, "2023-06-30")->year_inferred);
    /* "den 15 januari" in a text written in December is next year's, and
       "senast" before the date ahead of it is not its cue */
    assert_role(r, "2024-01-15", "other");
    assert_non_null(date_of(r, "2023-05-17"));
    /* month-only phrases are none: nine dates, "(24/11)" one with the 24 november */
    assert_int_equal(r->n_dates, 10);
    pk_doc_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_another_meeting_is_not_this_one),
        cmocka_unit_test(test_todays_meeting_in_prose),
        cmocka_unit_test(test_meeting_date_from_header_labels),
        cmocka_unit_test(test_meeting_date_from_addressee_block),
        cmocka_unit_test(test_meeting_ahead_in_a_report_and_in_minutes),
        cmocka_unit_test(test_most_recently_is_no_deadline),
        cmocka_unit_test(test_cue_nearest_the_date_wins),
        cmocka_unit_test(test_year_from_a_heading_line),
        cmocka_unit_test(test_year_from_the_nearest_dated_sentence),
        cmocka_unit_test(test_year_of_the_text),
        cmocka_unit_test(test_iso_date_broken_across_lines),
        cmocka_unit_test(test_last_day_to_hand_in_is_a_deadline),
        cmocka_unit_test(test_compact_and_day_month_forms),
        cmocka_unit_test(test_year_ranges_and_period_bounds),
        cmocka_unit_test(test_formats_date_forms),
    };
    return cmocka_run_group_tests_name("real_forms_dates", tests, setup_ex, teardown_ex);
}
