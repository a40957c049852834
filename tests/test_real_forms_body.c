/* Forms of other municipalities' minutes: diarienummer, the deciding body,
   its canonical name, and decision items without a verb of their own. Each
   test is a small text written for it, in a form seen in real minutes. */
#include "testutil.h"

static const pk_regnum *regnum(const pk_record *r, const char *value)
{
    for (size_t i = 0; i < r->n_registration_numbers; i++)
        if (strcmp(r->registration_numbers[i].value, value) == 0)
            return &r->registration_numbers[i];
    return NULL;
}

static void assert_regnum(const pk_record *r, const char *value, const char *prefix, int year)
{
    const pk_regnum *g = regnum(r, value);
    if (!g)
        fail_msg("no registration number %s", value);
    if (prefix)
        assert_string_equal(g->prefix, prefix);
    else
        assert_null(g->prefix);
    assert_int_equal(g->year, year);
}

static void test_regnum_serial_before_year(void **state)
{
    (void)state;
    const char *text = "§ 12 Trädinventering\n\nKommunstyrelsen gav i uppdrag att inventera träden (Ks\n"
                       "1234/2025). Tidigare beslut finns i Bou/1234/2022, Gn 1187/2023 och\nKof 455/2023; "
                       "Voo 456/2023 och fö 567/2024 gäller samma sak, liksom Ks 88/25.\n";
    pk_doc *d = extract(text);
    const pk_record *r = pk_doc_record(d);
    assert_regnum(r, "Ks 1234/2025", "Ks", 2025);
    assert_regnum(r, "Bou/1234/2022", "Bou", 2022);
    assert_regnum(r, "Gn 1187/2023", "Gn", 2023);
    assert_regnum(r, "Kof 455/2023", "Kof", 2023);
    assert_regnum(r, "Voo 456/2023", "Voo", 2023);
    assert_regnum(r, "fö 567/2024", "fö", 2024);
    assert_regnum(r, "Ks 88/25", "Ks", 2025);
    assert_int_equal(r->n_registration_numbers, 7);
    /* the span covers the number across its line break */
    char *s = span_text(text, regnum(r, "Ks 1234/2025")->span);
    assert_string_equal(s, "Ks\n1234/2025");
    free(s);
    pk_doc_free(d);
}

static void test_regnum_dashes_and_labels(void **state)
{
    (void)state;
    pk_doc *d = extract("Miljöärende M-\n2025-1234 och M-2025-\n4321. Dnr KS 2018/124.\nÄrendenummer SLK-2023-00025:26 "
                        "hör till SLK-2026-00015, SHBG 2023-000123 och 01-2025-00123.\nDiarienummer: Tn\n"
                        "2024/77. VON/2022:00276, T2023-03214, 099/668-2008.\n");
    const pk_record *r = pk_doc_record(d);
    assert_regnum(r, "M-2025-1234", "M", 2025);
    assert_regnum(r, "M-2025-4321", "M", 2025);
    assert_regnum(r, "KS 2018/124", "KS", 2018);
    assert_regnum(r, "SLK-2023-00025:26", "SLK", 2023);
    assert_regnum(r, "SLK-2026-00015", "SLK", 2026);
    assert_regnum(r, "SHBG 2023-000123", "SHBG", 2023);
    assert_regnum(r, "01-2025-00123", NULL, 2025);
    assert_regnum(r, "Tn 2024/77", "Tn", 2024);
    assert_regnum(r, "VON/2022:00276", "VON", 2022);
    assert_regnum(r, "T2023-03214", "T", 2023);
    assert_regnum(r, "099/668-2008", NULL, 2008);
    assert_int_equal(r->n_registration_numbers, 11);
    pk_doc_free(d);
}

/* A prefix the table does not know, in mixed case, is admitted when the
   same document gives it with a label. */
static void test_regnum_prefix_attested_by_label(void **state)
{
    (void)state;
    pk_doc *d = extract("Dnr Hån 2024/12\n\nSe även Hån 33/2024 och Hån 2023/9, men inte Kap 3/2024.\n");
    const pk_record *r = pk_doc_record(d);
    assert_regnum(r, "Hån 2024/12", "Hån", 2024);
    assert_regnum(r, "Hån 33/2024", "Hån", 2024);
    assert_regnum(r, "Hån 2023/9", "Hån", 2023);
    assert_int_equal(r->n_registration_numbers, 3);
    pk_doc_free(d);
}

static void test_regnum_not_numbers(void **state)
{
    (void)state;
    pk_doc *d = extract("PROTOKOLL NR 5/2025\n\nRing 08-508 25 255 eller skriv till Box 1, 123 47 Ort. Dokument-id "
                        "1556067. Planen gäller 2024-2032, KPI 2024-2030 och perioden 2024–2028. Beslut "
                        "2023-11-16 § 41 och Protokoll KSAU 2023-12-06 § 12. Enligt SFS 2010:800, AFS 2001:1, Lag "
                        "(2006:412) och SOU 2023:45. Fastigheten Skår 40:17, läsåret 2024/25, Vecka 12/2024, Plan "
                        "12/2024, org.nr 556590-0718, TV 12/24, mötet 15/4-2008.\n");
    const pk_record *r = pk_doc_record(d);
    for (size_t i = 0; i < r->n_registration_numbers; i++)
        fail_msg("not a registration number: %s", r->registration_numbers[i].text);
    pk_doc_free(d);
}

static void assert_kinds(const pk_record *r, const char *const *kinds, size_t n)
{
    if (r->n_decisions != n) {
        for (size_t i = 0; i < r->n_decisions; i++)
            print_message("decision %zu: %s %s\n", i, r->decisions[i].kind, r->decisions[i].text);
        fail_msg("%zu decisions, want %zu", r->n_decisions, n);
    }
    for (size_t i = 0; i < n; i++)
        assert_string_equal(r->decisions[i].kind, kinds[i]);
}

/* Items that carry no verb of the usual formulas: the fate of a motion or
   a question, or the proposal named alone. */
static void test_items_without_a_verb_formula(void **state)
{
    (void)state;
    pk_doc *d = extract("§ 31 Motioner och frågor\n\nFullmäktige behandlar motionerna och frågorna.\n\n"
                        "Kommunfullmäktige beslutar:\n1. Motionen om cykelvägar bereds av Kommunstyrelsen.\n"
                        "2. Frågan om parkering är besvarad.\n3. Frågan om skolskjuts besvaras vid nästa sammanträde.\n"
                        "4. Ärendet om taxor anses berett.\n5. Ärendet om lokaler utgår.\n"
                        "6. Motionen om bad anses besvarad.\n7. Enligt Kommunledningsförvaltningens förslag.\n"
                        "8. Informationen noteras.\n9. Medborgarförslaget lämnas utan åtgärd.\n");
    const pk_record *r = pk_doc_record(d);
    static const char *const kinds[] = {"refer", "other", "other", "other", "other", "other", "adopt", "note", "other"};
    assert_kinds(r, kinds, 9);
    assert_string_equal(r->decisions[0].formula, "bereds av");
    assert_string_equal(r->decisions[6].formula, "enligt kommunledningsförvaltningens förslag");
    assert_string_equal(r->body, "Kommunfullmäktige");
    pk_doc_free(d);
    /* the proposal named alone under a lead-in of an utskott */
    d = extract("§ 22 Utvärdering\n\nUtskottet får information.\n\nKommunstyrelsens personalutskott beslutar:\n"
                "- Enligt förvaltningens förslag.\n");
    r = pk_doc_record(d);
    static const char *const adopt[] = {"adopt"};
    assert_kinds(r, adopt, 1);
    assert_string_equal(r->body, "Kommunstyrelsens personalutskott");
    assert_string_equal(r->decisions[0].actor, "Kommunstyrelsens personalutskott");
    pk_doc_free(d);
}

/* "X beslutar att" and a verb the formula table does not know is a
   decision of kind other; a known verb after it keeps its kind, and a
   proposal to another body to decide is no decision. */
static void test_decision_opened_by_beslutar(void **state)
{
    (void)state;
    pk_doc *d = extract("2021-01-21\nTJÄNSTESKRIVELSE\nKFKS 2020/1109\n\nKommunstyrelsen\n\nAvveckling av Bofinkens "
                        "förskola\nFörslag till beslut\n\nKommunstyrelsens verksamhetsutskott föreslår kommunstyrelsen "
                        "besluta följande.\nKommunstyrelsen beslutar att Bofinkens förskola avvecklas under våren "
                        "2021.\n\nSammanfattning\n\nFörskolan har få barn.\n");
    const pk_record *r = pk_doc_record(d);
    static const char *const other[] = {"other"};
    assert_kinds(r, other, 1);
    assert_string_equal(r->decisions[0].formula, "beslutar att");
    assert_string_equal(r->body, "Kommunstyrelsen");
    pk_doc_free(d);
    d = extract("Förslag till beslut\n\nBildningsnämnden beslutar om nedläggning av Ekbackens skolenhet. "
                "Nedläggningen sker efter vårterminen.\n\nBakgrund\n\nText.\n");
    r = pk_doc_record(d);
    assert_kinds(r, other, 1);
    assert_string_equal(r->decisions[0].formula, "beslutar om");
    assert_string_equal(r->body, "Bildningsnämnden");
    pk_doc_free(d);
    d = extract("Förslag till beslut\n\nKulturnämnden beslutar att godkänna redovisningen.\n\nBakgrund\n\nText.\n");
    r = pk_doc_record(d);
    static const char *const approve[] = {"approve"};
    assert_kinds(r, approve, 1);
    pk_doc_free(d);
}

/* The deciding body from its lead-in line wherever it stands: after a
   blank line, below the proposal it was given, spelt "besluter", with no
   item below it that reads as a decision. */
static void test_body_from_lead_in(void **state)
{
    (void)state;
    pk_doc *d = extract("§ 91 Detaljplan för Åsen\n\nPlanen har varit på granskning.\n\nBygg- och miljönämnden "
                        "beslutar:\n1. Detaljplanen antas.\n");
    const pk_record *r = pk_doc_record(d);
    assert_string_equal(r->body, "Bygg- och miljönämnden");
    pk_doc_free(d);
    d = extract("§ 5 Motion om cykelvägar\n\nFörslag till beslut\nKommunstyrelsen föreslår kommunfullmäktige att "
                "avslå motionen.\n\nKommunfullmäktige beslutar:\n- Motionen avslås.\n");
    r = pk_doc_record(d);
    static const char *const reject[] = {"reject"};
    assert_kinds(r, reject, 1);
    assert_string_equal(r->body, "Kommunfullmäktige");
    pk_doc_free(d);
    d = extract("§ 38 Anmälan av delegationsbeslut\n\nRedovisning av beslut under perioden.\n\nSocialnämnden "
                "besluter\n- Enligt Socialförvaltningens förslag.\n");
    r = pk_doc_record(d);
    static const char *const adopt[] = {"adopt"};
    assert_kinds(r, adopt, 1);
    assert_string_equal(r->body, "Socialnämnden");
    pk_doc_free(d);
    d = extract("§ 7 Sommaren\n\nUtskottet får information om sommaren.\n\nKommunstyrelsens verksamhetsutskott "
                "beslutar:\n- Ingen åtgärd.\n");
    r = pk_doc_record(d);
    assert_int_equal(r->n_decisions, 0);
    assert_string_equal(r->body, "Kommunstyrelsens verksamhetsutskott");
    pk_doc_free(d);
}

/* In a numbered list a line that opens with "att" goes on the item above. */
static void test_att_line_inside_numbered_item(void **state)
{
    (void)state;
    pk_doc *d = extract("§ 276 Ägarförändring\n\nBolagen ska ombildas.\n\nKommunfullmäktige beslutar:\n"
                        "1. Kommunfullmäktige godkänner att Stadsbolaget AB, när bolaget bedömer det lämpligt,\n"
                        "fusionerar Dotterbolaget AB med Stadsbolaget AB, alternativt tillser\n"
                        "att Dotterbolaget AB likvideras.\n2. Paragrafen justeras omedelbart.\n");
    const pk_record *r = pk_doc_record(d);
    static const char *const kinds[] = {"approve", "other"};
    assert_kinds(r, kinds, 2);
    pk_doc_free(d);
}

/* Body names of other municipalities: suspended compounds joined by "och"
   and "samt", a comma between them, an utskott of the kommunstyrelse. */
static void test_body_names(void **state)
{
    (void)state;
    static const char *const cases[][2] = {
        {"Äldre samt vård- och omsorgsnämnden beslutar att godkänna planen.", "Äldre samt vård- och omsorgsnämnden"},
        {"Stadsmiljö-, teknik- och fastighetsnämnden beslutar att anta planen.", "Stadsmiljö-, teknik- och fastighetsnämnden"},
        {"Kommunstyrelsens verksamhetsutskott beslutar att godkänna planen.", "Kommunstyrelsens verksamhetsutskott"},
        {"Kommunfullmäktige beslutar att anta planen.", "Kommunfullmäktige"},
        {"Barn- och ungdomsnämnden beslutar att anta planen.", "Barn- och ungdomsnämnden"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char text[256];
        snprintf(text, sizeof text, "Beslut\n%s\n", cases[i][0]);
        pk_doc *d = extract(text);
        const pk_record *r = pk_doc_record(d);
        assert_non_null(r->body);
        assert_string_equal(r->body, cases[i][1]);
        pk_doc_free(d);
    }
}

/* A minutes excerpt whose decision names only the office's proposal: the
   excerpt's last block is the decision, and with no body written
   anywhere the nämnd that office prepares for decides; a lead-in that
   names the body wins, and "förvaltningens förslag" names no office. */
static void test_body_from_the_office_proposal(void **state)
{
    (void)state;
    static const char *const cases[][2] = {
        {"Enligt Socialförvaltningens förslag.", "Socialnämnden"},
        {"Enligt Kultur- och fritidsförvaltningens förslag.", "Kultur- och fritidsnämnden"},
        {"Enligt Kommunledningsförvaltningens förslag.", "Kommunstyrelsen"},
        {"Beslut i enlighet med Stadsbyggnadskontorets förslag.", "Stadsbyggnadsnämnden"},
        {"Vård- och omsorgsnämnden beslutar:\n- Enligt Socialförvaltningens förslag.", "Vård- och omsorgsnämnden"},
        {"Enligt förvaltningens förslag.", "(null)"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char text[400];
        snprintf(text, sizeof text, "§ 112 Anmälan enligt lex Sarah\n\nFörvaltningen redovisar en anmälan om "
                                    "brister i hemtjänsten.\n\n%s\n", cases[i][0]);
        pk_doc *d = extract(text);
        const pk_record *r = pk_doc_record(d);
        static const char *const adopt[] = {"adopt"};
        assert_kinds(r, adopt, 1);
        assert_string_equal(r->body ? r->body : "(null)", cases[i][1]);
        pk_doc_free(d);
    }
}

static const char *canonical(const char *text)
{
    static char out[160];
    pk_doc *d = extract(text);
    const char *b = pk_doc_record(d)->body_canonical;
    snprintf(out, sizeof out, "%s", b ? b : "(null)");
    pk_doc_free(d);
    return out;
}

/* Another municipality's document gets that municipality's body when it
   names the municipality: in its letterhead, in its title (in the
   genitive), with a two-word name, or on its postal address line. */
static void test_canonical_other_municipality(void **state)
{
    (void)state;
    assert_string_equal(canonical("ÖREBRO KOMMUN                PROTOKOLL\nKommunstyrelsen\n\n§ 5 Motion om bad\n\n"
                                  "Kommunstyrelsen beslutar:\n- Motionen avslås.\n"),
                        "Örebro kommun, Kommunstyrelsen");
    assert_string_equal(canonical("§ 23 Göteborgs Stads plan för parker\n\nBeslut\nKommunfullmäktige beslutar att anta "
                                  "planen.\n"),
                        "Göteborgs Stad, Kommunfullmäktige");
    assert_string_equal(canonical("Upplands Väsby kommun\n\n§ 4 Taxa\n\nKommunstyrelsens arbetsutskott beslutar:\n"
                                  "- Taxan fastställs.\n"),
                        "Upplands Väsby kommun, Kommunstyrelsens arbetsutskott");
    /* the postal address line at the foot of a long report */
    char text[5200];
    int n = snprintf(text, sizeof text, "TJÄNSTESKRIVELSE\nKFKS 2020/11\n\nAvveckling av förskola\nFörslag till "
                                        "beslut\n\nKommunstyrelsen beslutar att förskolan avvecklas.\n\nÄrendet\n\n");
    while (n < 4000)
        n += snprintf(text + n, sizeof text - (size_t)n, "Förskolan har haft få barn under flera år i rad.\n");
    snprintf(text + n, sizeof text - (size_t)n, "\nPOSTADRESS\nNacka kommun, 131 81 Nacka\n");
    assert_string_equal(canonical(text), "Nacka kommun, Kommunstyrelsen");
    /* a generic name, an utskott without its body, two municipalities, or
       "kommun" after a word that names none: no guess */
    assert_string_equal(canonical("Örebro kommun\n\n§ 5 Motion\n\nNämnden beslutar:\n- Motionen avslås.\n"), "(null)");
    assert_string_equal(canonical("UPPSALA KOMMUN\n\n§ 112 Remiss\n\nBeslut\nArbetsutskottet beslutar\n1. Ärendet anses "
                                  "berett.\n"),
                        "(null)");
    assert_string_equal(canonical("Solna stad\nRemiss från Sundbybergs stad\n\nBeslut\nKommunstyrelsen beslutar att "
                                  "anta yttrandet.\n"),
                        "(null)");
    assert_string_equal(canonical("§ 5 Val\n\nVarje kommun ska utse ett ombud.\n\nKommunfullmäktige beslutar:\n"
                                  "- Anna Berg (S) väljs till ombud.\n"),
                        "(null)");
}

/* A body every municipality has is Stockholm's only where the document
   shows it: never by the name alone, never with another municipality's
   diarienummer, never by a prefix alone that other cities' offices share. */
static void test_canonical_never_stockholm_unshown(void **state)
{
    (void)state;
    assert_string_equal(canonical("§ 53 Motion om skogsbruk\n\nMotionen har beretts.\n\nKommunfullmäktige beslutar:\n"
                                  "- Motionen avslås.\n"),
                        "(null)");
    assert_string_equal(canonical("§ 106 Klimatstrategi\n\nStrategin (Ks 187/2018) ses över, som i Stockholm.\n\n"
                                  "Kommunstyrelsen beslutar:\n- Ärendet återremitteras.\n"),
                        "(null)");
    assert_string_equal(canonical("§ 5 Ärendenummer SLK-2024-00062\nVal av justerare\nBeslut\n\nTill justerare "
                                  "utses Anna Berg (S).\n"),
                        "(null)");
    /* shown: the city named, or the nämnd's own prefix */
    assert_string_equal(canonical("Stockholms stad\nSocialnämnden\n\n§ 11\nRapport\n\nBeslut\nSocialnämnden godkänner "
                                  "rapporten.\n"),
                        "Socialnämnden");
    assert_string_equal(canonical("Protokoll\nÄN/2022:00188\n\n§ 8\nRapport\n\nBeslut\nÄldrenämnden godkänner "
                                  "rapporten.\n"),
                        "Äldrenämnden");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_regnum_serial_before_year),
        cmocka_unit_test(test_regnum_dashes_and_labels),
        cmocka_unit_test(test_regnum_prefix_attested_by_label),
        cmocka_unit_test(test_regnum_not_numbers),
        cmocka_unit_test(test_items_without_a_verb_formula),
        cmocka_unit_test(test_decision_opened_by_beslutar),
        cmocka_unit_test(test_body_from_lead_in),
        cmocka_unit_test(test_att_line_inside_numbered_item),
        cmocka_unit_test(test_body_names),
        cmocka_unit_test(test_body_from_the_office_proposal),
        cmocka_unit_test(test_canonical_other_municipality),
        cmocka_unit_test(test_canonical_never_stockholm_unshown),
    };
    return cmocka_run_group_tests(tests, setup_ex, teardown_ex);
}
