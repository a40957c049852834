/* Extraction rules beyond the corpus: each a small document of a form
   seen in minutes, and what the record must hold. */
#include "testutil.h"

static const pk_person *person(const pk_record *r, const char *name)
{
    for (size_t i = 0; i < r->n_people; i++)
        if (strcmp(r->people[i].name, name) == 0)
            return &r->people[i];
    return NULL;
}

static void test_attendance_list(void **state)
{
    (void)state;
    pk_doc *d = extract("PROTOKOLL\n\nNärvarande ledamöter\nGunnar Hedlund-Ek, ordförande\nSara Lindgren (S), vice "
                        "ordförande\nBo Albin\n\nÖvriga närvarande\nEva Sjöberg, verkställande direktör\n\n§ 8\n");
    const pk_record *r = pk_doc_record(d);
    const pk_person *p = person(r, "Gunnar Hedlund-Ek");
    assert_non_null(p);
    assert_string_equal(p->role, "chair");
    p = person(r, "Sara Lindgren");
    assert_non_null(p);
    assert_string_equal(p->title, "vice ordförande");
    assert_string_equal(p->party, "S");
    assert_string_equal(p->role, "other");
    p = person(r, "Bo Albin");
    assert_non_null(p);
    assert_string_equal(p->title, "ledamot");
    assert_non_null(person(r, "Eva Sjöberg"));
    pk_doc_free(d);
}

static void test_secretary_and_justering(void **state)
{
    (void)state;
    pk_doc *d = extract("Vid protokollet\n\nHelena Dahlberg\n\nJusterat 2011-01-25\n\nEva Rydberg Hall      Ylva Hoff\n");
    const pk_record *r = pk_doc_record(d);
    const pk_person *p = person(r, "Helena Dahlberg");
    assert_non_null(p);
    assert_string_equal(p->title, "sekreterare");
    assert_non_null(person(r, "Eva Rydberg Hall"));
    assert_non_null(person(r, "Ylva Hoff"));
    pk_doc_free(d);
    d = extract("Handläggare\nUlla Sten Spånga-Tensta stadsdelsnämnd\n\nAvdelningschef Sofia Grahn Mattsson "
                "informerade nämnden.\n");
    r = pk_doc_record(d);
    assert_non_null(person(r, "Ulla Sten"));
    p = person(r, "Sofia Grahn Mattsson");
    assert_non_null(p);
    assert_string_equal(p->title, "avdelningschef");
    pk_doc_free(d);
}

static void test_units_from_adopted_proposal(void **state)
{
    (void)state;
    pk_doc *d = extract("§ 11\nNominering till kvalitetsutmärkelsen 2005\n\nBeslut\nStadsdelsnämnden beslutar i enlighet "
                        "med förvaltningens förslag.\n\nFörvaltningens förslag till beslut\nStadsdelsnämnden nominerar "
                        "förskolan Fagersjöskogen i tävlingsklassen förskola och Hökarängens hemtjänstgrupp i "
                        "tävlingsklassen äldreomsorg till Stockholms stads kvalitetsutmärkelse 2005.\n\nÄrendet\nText.\n");
    const pk_record *r = pk_doc_record(d);
    assert_int_equal(r->n_units, 2);
    assert_string_equal(r->units[0].name, "förskolan Fagersjöskogen");
    assert_string_equal(r->units[1].name, "Hökarängens hemtjänstgrupp");
    assert_string_equal(r->decisions[0].kind, "adopt");
    pk_doc_free(d);
}

static void test_two_items_in_one_sentence(void **state)
{
    (void)state;
    pk_doc *d = extract("Beslut\nStadsdelsnämnden beslutar att godkänna att Förskolan Ekorren deltar i Stockholms stads "
                        "kvalitetsutmärkelse 2022, att uppdra åt stadsdelsdirektören att skicka protokollsutdraget.\n");
    const pk_record *r = pk_doc_record(d);
    assert_int_equal(r->n_decisions, 2);
    assert_string_equal(r->decisions[0].kind, "approve");
    assert_string_equal(r->decisions[1].kind, "assign");
    assert_int_equal(r->n_units, 1);
    pk_doc_free(d);
}

static void test_list_after_colon_lines_below(void **state)
{
    (void)state;
    pk_doc *d = extract("Beslut\nUtbildningsnämnden beslutar att nominera följande skolor i\ntävlingsklassen skola till "
                        "Stockholms stads kvalitetsutmärkelse 2010:\n\n\xE2\x80\xA2 Engelbrektsskolan\n\xE2\x80\xA2 "
                        "Sjöstadsskolan\n\nÄrendet\n");
    const pk_record *r = pk_doc_record(d);
    assert_int_equal(r->n_units, 2);
    assert_string_equal(r->units[1].name, "Sjöstadsskolan");
    pk_doc_free(d);
    d = extract("Information om kvalitetsutmärkelsen 2023\n\nUnder 2023 deltog tre av förvaltningens enheter i "
                "stadens kvalitetsutmärkelse: Akalla vård- och omsorgsboende, Husby förskola samt Familjecentrum "
                "Rinkeby.\n");
    r = pk_doc_record(d);
    assert_int_equal(r->n_units, 3);
    assert_string_equal(r->units[2].name, "Familjecentrum Rinkeby");
    pk_doc_free(d);
}

static void test_date_roles(void **state)
{
    (void)state;
    pk_doc *d = extract("Bakgrund\nSista\ndag för att lämna in tävlingsbidrag har flyttats till den 14 september 2020.\n");
    const pk_record *r = pk_doc_record(d);
    assert_int_equal(r->n_dates, 1);
    assert_string_equal(r->dates[0].role, "deadline");
    pk_doc_free(d);
    d = extract("Hägersten-Älvsjö stadsdelsnämnd\nProtokoll 4/2026\n2026-04-23\n\n§ 12\nAnmälan om deltagande\n");
    r = pk_doc_record(d);
    assert_string_equal(r->doc_type, "protokoll");
    assert_non_null(r->meeting_date);
    assert_string_equal(r->meeting_date, "2026-04-23");
    assert_null(r->document_date);
    pk_doc_free(d);
}

static void test_unit_parents(void **state)
{
    (void)state;
    pk_doc *d = extract("Beslut\nStyrelsen godkänner att\nKundcenter inom avdelningen Marknad och kommunikation samt\n"
                        "Henriksdals reningsverk inom avdelningen Avloppsrening deltar i kvalitetsutmärkelsen 2026.\n");
    const pk_record *r = pk_doc_record(d);
    assert_int_equal(r->n_units, 2);
    assert_non_null(r->units[0].parent);
    assert_string_equal(r->units[0].parent, "avdelningen Marknad och kommunikation");
    assert_string_equal(r->units[1].parent, "avdelningen Avloppsrening");
    pk_doc_free(d);
    d = extract("Beslut\n1. Stadsdelsnämnden godkänner att hemtjänstteamen Grimsta och\nRåcksta inom Vällingby hemtjänst "
                "deltar i Stockholms stads kvalitetsutmärkelse 2025.\n");
    r = pk_doc_record(d);
    assert_int_equal(r->n_units, 2);
    assert_string_equal(r->units[0].name, "Grimsta");
    assert_non_null(r->units[0].parent);
    assert_string_equal(r->units[0].parent, "Vällingby hemtjänst");
    assert_string_equal(r->units[1].parent, "Vällingby hemtjänst");
    pk_doc_free(d);
}

static void test_five_signatures(void **state)
{
    (void)state;
    pk_doc *d = extract("Justeras\nAnna Berg      Per Lund      Eva Holm      Ola Ek      Lisa Nord\n"
                        "Ordförande    Justerare     Rektor        Sekreterare Arkivarie\n");
    const pk_record *r = pk_doc_record(d);
    const pk_person *p = person(r, "Lisa Nord");
    assert_non_null(p);
    assert_non_null(p->title);
    assert_string_equal(p->title, "arkivarie");
    p = person(r, "Eva Holm");
    assert_non_null(p);
    assert_string_equal(p->title, "rektor");
    pk_doc_free(d);
}

/* A report that quotes numbered sections is one document, not minutes. */
static void test_report_quoting_sections_is_one_document(void **state)
{
    (void)state;
    pk_doc *d = extract("Tjänsteutlåtande\nDnr 1.2-3/2024\n\nReglemente för nämnden\n\nFörslag till beslut\n"
                        "Nämnden godkänner reglementet.\n\n§ 1\nNämnden ansvarar för förskolan.\n\n§ 2\n"
                        "Nämnden sammanträder vid behov.\n");
    assert_int_equal(pk_doc_count(d), 1);
    assert_null(pk_doc_record(d)->meeting);
    pk_doc_free(d);
}

static void test_second_batch_forms(void **state)
{
    (void)state;
    /* several paragraphs: a record each, in order, the meeting's in each */
    pk_doc *d = extract("Protokoll\n\n§ 7\nInformation om ekonomin\n\nBeslut\nInformationen tas till protokollet.\n\n"
                        "§ 8\nDeltagande i Stockholms stads kvalitetsutmärkelse 2024\n\nBeslut\nStadsdelsnämnden "
                        "godkänner att Förskolan Solrosen (förskola) och Tenstagården (äldreboende) deltar.\n\n"
                        "§ 9\nÖvrigt\n\nBeslut\nNämnden noterar informationen.\n");
    assert_int_equal(pk_doc_count(d), 3);
    assert_string_equal(pk_doc_record(d)->paragraph, "7");
    assert_string_equal(pk_doc_record_at(d, 2)->paragraph, "9");
    assert_null(pk_doc_record_at(d, 3));
    const pk_record *r = pk_doc_record_at(d, 1);
    assert_string_equal(r->paragraph, "8");
    assert_non_null(r->meeting);
    assert_string_equal(r->meeting->first_paragraph, "7");
    assert_string_equal(r->meeting->last_paragraph, "9");
    assert_string_equal(r->title, "Deltagande i Stockholms stads kvalitetsutmärkelse 2024");
    assert_string_equal(r->decisions[0].kind, "approve");
    assert_int_equal(r->n_units, 2);
    assert_string_equal(r->units[1].name, "Tenstagården");
    pk_doc_free(d);
    /* another municipality's kvalitetspris, a numbered list, a definite title before a name */
    d = extract("Förslag till beslut\nUtbildningsnämnden godkänner att följande enheter deltar i Uppsala kommuns "
                "kvalitetspris 2024:\n1. Förskolan Ekebyhov\n2. Sunnerstaskolan\n\nÄrendet\nEnhetschefen Marie "
                "Lundh informerar.\n");
    r = pk_doc_record(d);
    assert_non_null(r->award);
    assert_int_equal(r->award->year, 2024);
    assert_string_equal(r->award->name, "Kvalitetspriset");
    assert_int_equal(r->n_units, 2);
    assert_string_equal(r->units[0].name, "Förskolan Ekebyhov");
    const pk_person *p = person(r, "Marie Lundh");
    assert_non_null(p);
    assert_string_equal(p->title, "enhetschef");
    pk_doc_free(d);
}

/* "Remiss från <body>" under a heading says where the matter came from; the
   heading itself may run over two lines */
static void test_title_ends_before_remiss_line(void **state)
{
    (void)state;
    pk_doc *d = extract("Tjänsteutlåtande\n\nTill\nMiljö- och hälsoskyddsnämnden\n\nRemiss av förslag till "
                        "strategi för\nStockholms gröna tak\nRemiss från kommunstyrelsen, KS 2021/44\n\nFörslag till "
                        "beslut\nNämnden överlämnar förvaltningens tjänsteutlåtande som svar på remissen.\n");
    const pk_record *r = pk_doc_record(d);
    assert_non_null(r->title);
    assert_string_equal(r->title, "Remiss av förslag till strategi för Stockholms gröna tak");
    pk_doc_free(d);
    d = extract("§ 4\nRemiss från kommunstyrelsen om ny taxa\n\nBeslut\nNämnden överlämnar förvaltningens "
                "tjänsteutlåtande som svar på remissen.\n");
    r = pk_doc_record(d);
    assert_non_null(r->title);
    assert_string_equal(r->title, "Remiss från kommunstyrelsen om ny taxa");
    pk_doc_free(d);
}

/* a name after a title, broken over two lines before its party */
static void test_title_name_broken_before_party(void **state)
{
    (void)state;
    pk_doc *d = extract("Ordföranden Eva Lind (s) och vice ordföranden Karl Ström\nHedberg (fp) yrkar bifall till "
                        "förvaltningens förslag.\n");
    const pk_record *r = pk_doc_record(d);
    assert_non_null(person(r, "Karl Ström Hedberg"));
    assert_null(person(r, "Karl Ström"));
    pk_doc_free(d);
}

/* two header columns flattened: the date under its label, the nämnd beside it */
static void test_header_date_under_label_column(void **state)
{
    (void)state;
    pk_doc *d = extract("VÄXJÖ KOMMUN                       Sammanträdesdatum\nKultur- och fritidsnämnden         "
                        "2021-09-14\n\n§ 61\nVerksamhetsplan 2022\n\nBeslut\nNämnden godkänner verksamhetsplanen.\n");
    const pk_record *r = pk_doc_record(d);
    assert_non_null(r->meeting_date);
    assert_string_equal(r->meeting_date, "2021-09-14");
    pk_doc_free(d);
    /* the opening of a council's minutes, and a report's meeting ahead */
    d = extract("PROTOKOLL NR 3/2011\nfört vid sammanträde med kommunfullmäktige i Västerås\nmåndagen den 7 mars 2011 kl. "
                "18.00\n\n§ 12\nMotion om fler bänkar\n\nBeslut\nMotionen avslås.\n");
    r = pk_doc_record(d);
    assert_non_null(r->meeting_date);
    assert_string_equal(r->meeting_date, "2011-03-07");
    pk_doc_free(d);
    d = extract("Tjänsteskrivelse\n\nÖversyn av riktlinjer\n\nFörslag till beslut\nSocialnämnden antar riktlinjerna."
                "\n\nÄrendet behandlas på socialnämndens sammanträde den 12 december 2019.\n");
    r = pk_doc_record(d);
    assert_non_null(r->meeting_date);
    assert_string_equal(r->meeting_date, "2019-12-12");
    pk_doc_free(d);
}

/* an administration renamed since goes by its present name */
static void test_administration_renamed(void **state)
{
    (void)state;
    pk_doc *d = extract("§ 40 Riktlinjer för parkering\n\nNämnden gav 2019 Stadsbyggnadsförvaltningen (numera\n"
                        "Samhällsbyggnadsförvaltningen) i uppdrag att ta fram riktlinjer.\n\nTekniska nämnden beslutar att anta "
                        "riktlinjerna.\n");
    const pk_record *r = pk_doc_record(d);
    assert_non_null(r->administration);
    assert_string_equal(r->administration, "Samhällsbyggnadsförvaltningen");
    pk_doc_free(d);
}

/* the verb before the body after an adverbial, and an office's proposal to
   a nämnd as the decision's heading */
static void test_inverted_actor_and_proposal_heading(void **state)
{
    (void)state;
    pk_doc *d = extract("§ 12 Antagande av detaljplan för Norra Ängen\n\nMed stöd av 5 kap. 27 § plan- och bygglagen "
                        "antar Samhällsbyggnadsnämnden detaljplanen.\n");
    const pk_record *r = pk_doc_record(d);
    assert_non_null(r->body);
    assert_string_equal(r->body, "Samhällsbyggnadsnämnden");
    pk_doc_free(d);
    d = extract("§ 3 Motion om cykelvägar\n\nMotionen bereds av Kommunstyrelsen.\n");
    r = pk_doc_record(d);
    /* after a passive formula stands who prepares, not who decides */
    assert_int_equal(r->n_decisions, 1);
    assert_null(r->decisions[0].actor);
    assert_null(r->body);
    pk_doc_free(d);
    d = extract("§ 57 Rapport om ej verkställda beslut\n\nRapporten visar 40 beslut.\n\nOmsorgsförvaltningens förslag "
                "till Vård- och omsorgsnämnden:\n1. Vård- och omsorgsnämnden överlämnar rapporten till "
                "Kommunfullmäktige.\n2. Vård- och omsorgsnämnden överlämnar rapporten till revisorerna.\n");
    r = pk_doc_record(d);
    assert_int_equal(r->n_decisions, 2);
    assert_string_equal(r->decisions[0].kind, "refer");
    assert_non_null(r->body);
    assert_string_equal(r->body, "Vård- och omsorgsnämnden");
    pk_doc_free(d);
}

/* the heading under a "§ N  Ärendenummer ..." line: up to "Beslut", a last
   word broken onto its own line, a company's name, five lines long */
static void test_heading_under_paragraph_line(void **state)
{
    (void)state;
    static const struct {
        const char *text, *title;
    } cs[] = {
        {"§ 70 Ärendenummer SLK-2024-00101\n\nRevidering av riktlinjer för avfallshantering i Borås\nStad\nBeslut\n\n"
         "Antecknas.\n",
         "Revidering av riktlinjer för avfallshantering i Borås Stad"},
        {"§ 71 Ärendenummer SLK-2024-00102\nUtdelning ur Borås Energi och Miljö AB\nBeslut\n\nKommunstyrelsen "
         "tillstyrker förslaget.\n",
         "Utdelning ur Borås Energi och Miljö AB"},
        {"§ 72 Ärendenummer SLK-2024-00103\n\nRedovisning av uppdrag att samordna program och planer\ninom området "
         "folkhälsa till en gemensam struktur\nsamt att återkomma med förslag på nästa steg för\nstyrningen av "
         "området\nBeslut\n\nAntecknas.\n",
         "Redovisning av uppdrag att samordna program och planer inom området folkhälsa till en gemensam struktur samt "
         "att återkomma med förslag på nästa steg för styrningen av området"},
    };
    for (size_t i = 0; i < sizeof cs / sizeof *cs; i++) {
        pk_doc *d = extract(cs[i].text);
        const pk_record *r = pk_doc_record(d);
        assert_non_null(r->title);
        assert_string_equal(r->title, cs[i].title);
        pk_doc_free(d);
    }
}

/* The cues of the patterns written in any case hold far into a text, where
   pcre2 runs only around them: the award's and the class's words in
   capitals, a paragraph's "§" and "inom" after a long stretch of prose. */
static void test_cues_far_into_the_text(void **state)
{
    (void)state;
    char doc[4096];
    size_t n = (size_t)snprintf(doc, sizeof doc, "Sammanträdesprotokoll\n\n");
    for (int i = 0; i < 12; i++)
        n += (size_t)snprintf(doc + n, sizeof doc - n, "Ett stycke löptext utan ord som pekar ut något alls, rad %d.\n", i);
    snprintf(doc + n, sizeof doc - n,
             "\n§ 12\nDeltagande i STOCKHOLMS STADS KVALITETSUTMÄRKELSE 2021\n\nBeslut\nStadsdelsnämnden godkänner "
             "att Förskolan Solrosen deltar i KVALITETSUTMÄRKELSEN 2021 i TÄVLINGSKLASSEN förskola.\n");
    pk_doc *d = extract(doc);
    const pk_record *r = pk_doc_record(d);
    assert_true(n > 600);
    assert_non_null(r->paragraph);
    assert_string_equal(r->paragraph, "12");
    assert_non_null(r->award);
    assert_int_equal(r->award->year, 2021);
    assert_non_null(r->award->klass);
    pk_doc_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_attendance_list),          cmocka_unit_test(test_secretary_and_justering),
        cmocka_unit_test(test_units_from_adopted_proposal), cmocka_unit_test(test_two_items_in_one_sentence),
        cmocka_unit_test(test_list_after_colon_lines_below), cmocka_unit_test(test_date_roles),
        cmocka_unit_test(test_unit_parents), cmocka_unit_test(test_five_signatures),
        cmocka_unit_test(test_second_batch_forms),
        cmocka_unit_test(test_report_quoting_sections_is_one_document), cmocka_unit_test(test_title_ends_before_remiss_line),
        cmocka_unit_test(test_title_name_broken_before_party), cmocka_unit_test(test_header_date_under_label_column),
        cmocka_unit_test(test_administration_renamed), cmocka_unit_test(test_inverted_actor_and_proposal_heading),
        cmocka_unit_test(test_heading_under_paragraph_line), cmocka_unit_test(test_cues_far_into_the_text),
    };
    return cmocka_run_group_tests_name("rules", tests, setup_ex, teardown_ex);
}
