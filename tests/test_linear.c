/* Cost linear in the input: each pathological form, a dense run of
   decisions, many distinct diarienummer beside dates, and whole minutes
   of many paragraphs (a record each), takes at most 12 times as long at ten times the size. Time is
   the process's CPU time, the best of a few runs, so that other load on
   the machine does not count. */
#include "testutil.h"

#include <signal.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

/* a unit list of n names, as one decision */
static char *unit_list(size_t n, size_t *len)
{
    size_t cap = n * 24 + 256;
    char *s = malloc(cap);
    *len = (size_t)snprintf(s, cap, "Förslag till beslut\nFörskolenämnden godkänner att förskolorna ");
    for (size_t i = 0; i < n; i++)
        *len += (size_t)snprintf(s + *len, cap - *len, i + 1 < n ? "Förskolan A%zu, " : "och Förskolan A%zu ", i);
    *len += (size_t)snprintf(s + *len, cap - *len, "deltar i Kvalitetsutmärkelsen 2020.\n");
    return s;
}

/* whole minutes of n paragraphs under one header, a record each */
static char *minutes(size_t n, size_t *len)
{
    size_t cap = n * 200 + 512;
    char *s = malloc(cap);
    *len = (size_t)snprintf(s, cap, "SOCIALNÄMNDEN\nProtokoll\nSammanträdesdatum\n2020-05-26\n\nLedamöter\n"
                                     "Anna Berg (S), ordförande\nPer Holm (M)\n\n");
    for (size_t i = 0; i < n; i++)
        *len += (size_t)snprintf(s + *len, cap - *len,
                                 "§ %zu\nÄrende %zu\nDnr 1.2-%zu/2020\n\nBeslut\nSocialnämnden godkänner att "
                                 "Enheten A%zu deltar den 30 juni.\n\fSida %zu\n",
                                 i + 1, i, i, i, i + 2);
    *len += (size_t)snprintf(s + *len, cap - *len, "Vid protokollet\nEva Lind\nJusterat 2020-05-28\n");
    return s;
}

/* n lines, each with a date, a year of the matter and a diarienummer of
   its own: every date and year is asked whether a diarienummer holds it,
   and every diarienummer whether it came before */
static char *numbered(size_t n, size_t *len)
{
    size_t cap = n * 96 + 64;
    char *s = malloc(cap);
    *len = 0;
    for (size_t i = 0; i < n; i++)
        *len += (size_t)snprintf(s + *len, cap - *len,
                                 "Beslut den 3 maj 2020 under år 2021 enligt dnr KS 2020/%zu och sedan.\n", i);
    return s;
}

/* a decision section of n items, each of its own text: every item was
   compared with each one kept before it (the unit's name is four letters,
   so that no size holds numbers another does not); with inom, each names
   a unit "inom" a parent: every "inom" looked at every unit */
static char *items(size_t n, size_t *len, int inom)
{
    size_t cap = n * 96 + 64;
    char *s = malloc(cap);
    *len = (size_t)snprintf(s, cap, "Förslag till beslut\n");
    for (size_t i = 0; i < n; i++)
        *len += (size_t)snprintf(s + *len, cap - *len, "- Socialnämnden godkänner att %s A%c%c%c%c %sdeltar.\n",
                                 inom ? "Förskolan" : "enheten", (char)('a' + i / 17576 % 26), (char)('a' + i / 676 % 26),
                                 (char)('a' + i / 26 % 26), (char)('a' + i % 26), inom ? "inom Norra området " : "");
    return s;
}

/* a decision section of n items, each closing a unit of its own name, found
   by a cue of unit_cues.tsv: each such unit was compared with every one
   found before it, its key made again for each */
static char *cue_items(size_t n, size_t *len)
{
    size_t cap = n * 80 + 64;
    char *s = malloc(cap);
    *len = (size_t)snprintf(s, cap, "Förslag till beslut\n");
    for (size_t i = 0; i < n; i++)
        *len += (size_t)snprintf(s + *len, cap - *len,
                                 "- Förskolenämnden beslutar att avveckla förskolan A%c%c%c%c.\n",
                                 (char)('a' + i / 17576 % 26), (char)('a' + i / 676 % 26), (char)('a' + i / 26 % 26),
                                 (char)('a' + i % 26));
    return s;
}

/* user CPU time: the kernel's time to fault in fresh pages for a large
   input varies with what the allocator kept from the run before */
static double cpu_now(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6;
}

/* the time of one extraction of the text, in seconds: the best of `runs`
   measurements, each of `per` extractions one after another (the user
   time is counted in the scheduler's ticks, so a short text is timed over
   several extractions, or a tick would decide its time) */
static double best_time(const char *s, size_t len, int runs, int per)
{
    double best = 1e9;
    for (int i = 0; i < runs; i++) {
        double t0 = cpu_now();
        for (int k = 0; k < per; k++) {
            pk_doc *d = NULL;
            assert_int_equal(pk_extract(shared_ex, s, len, "t.txt", &d), 0);
            pk_doc_free(d);
        }
        double t = (cpu_now() - t0) / per;
        if (t < best)
            best = t;
    }
    return best;
}

typedef struct form {
    const char *name, *head, *unit, *tail;
    size_t times; /* at 1x */
} form;

static const form forms[] = {
    {"dense decisions", "", "Stadsdelsnämnden godkänner att enheten A, B samt C deltar den 30 juni 2020 dnr 1.2-3/2020.\n", "", 4000},
    {"years", "", "2020-", "", 20000},
    {"diarienummer years", "Dnr ", "2020/", "", 10000},
    {"words", "Den ", "den ", "24 november 2020", 20000},
    {"a unit and", "Socialnämnden godkänner att ", "Enheten och ", "Enheten deltar.", 5000},
    {"line-break hyphens", "", "a-\n", "", 30000},
    {"page furniture", "", "Sida 1 (2)\n\f", "", 100000},
    {"dotted dates", "", "2020.01.01.", "", 6000},
    {"prepared-by lines", "", "Ärendet har beretts av förvaltningen\n", "", 2000},
    {"combining marks", "a", "\xCC\x81", " Protokoll", 20000},
    {"capital, then marks", "A", "\xCC\x81", " Protokoll", 20000},
    {"capital, then no case", "A", "\xCD\xB8", " Protokoll", 20000},
    {"people with parties", "", "Anna Berg (S), ", "", 4000},
    {"named dates", "", "den 3 maj 2021, ", "", 4000},
    /* every diarienummer's prefix was looked for among all the labelled ones */
    {"unattested prefixes", "", "Dnr QXZ 12/2024 och QXW 13/2024.\n", "", 3000},
    /* every date without a year looked at every other date for one */
    {"dates without a year", "", "den 3 maj, ", "", 4000},
    /* an item of many joints (", att") before no formula: each joint
       searched the rest of the item for one */
    {"joints, no formula", "Förslag till beslut\n- Socialnämnden godkänner att enheten ", "hus ska, att hus ", "deltar.\n", 2000},
    /* each "för" in an award's decision tried the rest of the item as a list */
    {"för in an award", "Tjänsteutlåtande\nAnmälan till Stockholms stads kvalitetsutmärkelse 2020\n\nFörslag till beslut\n"
     "Förskolenämnden godkänner deltagande i kvalitetsutmärkelsen ", "för b ", "ok.\n", 2000},
    /* each cue read its subject from the item's start, or its list to the sentence's end */
    {"units before cues", "Tjänsteutlåtande\n\nFörslag till beslut\nFörskolenämnden beslutar att ", "b läggs ned och ", "ok.\n", 2000},
    {"units after cues", "Tjänsteutlåtande\n\nFörslag till beslut\nFörskolenämnden beslutar att ", "avveckla b ", "ok.\n", 2000},
    /* each line that says who takes part read the lines after it as a list
       (and kept their items: memory n squared too) */
    {"participation lines", "Tjänsteutlåtande\nAnmälan till Stockholms stads kvalitetsutmärkelse 2020\n\nFörslag till beslut\n"
     "Förskolenämnden noterar informationen.\n\nBakgrund\n", "- b deltar:\n", "ok.\n", 500},
    /* each heading of an attendance list in capitals ("Tjänstgörande
       Ersättare") was read as a name by the list of the heading above it,
       and opened its own list over the same lines */
    {"roll headings in capitals", "Protokoll\n\n", "Tjänstgörande Ersättare\n", "\n§ 1 Ärende\n", 1000},
    /* a proposal the decision adopts: each formula of one long sentence
       found the sentence's ends and read it again */
    {"formulas of a proposal", "Tjänsteutlåtande\n\nBeslut\nNämnden beslutar i enlighet med förvaltningens förslag.\n\n"
     "Förslag till beslut\nNämnden ", "godkänner b ", "ok.\n", 1000},
    /* ... and of one sentence over many lines, a formula on each */
    {"proposal formula lines", "Tjänsteutlåtande\n\nBeslut\nNämnden beslutar i enlighet med förvaltningens förslag.\n\n"
     "Förslag till beslut\nNämnden ", "godkänner b\n", "ok.\n", 1000},
};

/* the ratio of the time at 10x to the time at 1x; measured again, up to
   five times, when over the bound, against a burst of other load */
static double ratio(const form *f, int units)
{
    double r = 1e9;
    for (int attempt = 0; attempt < 5 && r > 12.0; attempt++) {
        size_t n1, n10;
        char *s1 = units == 6   ? cue_items(f->times, &n1)
                   : units >= 4 ? items(f->times, &n1, units == 5)
                   : units == 3 ? numbered(f->times, &n1)
                   : units == 2 ? minutes(f->times, &n1)
                   : units      ? unit_list(f->times, &n1)
                                : repeat(f->head, f->unit, f->times, f->tail, &n1);
        char *s10 = units == 6   ? cue_items(10 * f->times, &n10)
                    : units >= 4 ? items(10 * f->times, &n10, units == 5)
                    : units == 3 ? numbered(10 * f->times, &n10)
                    : units == 2 ? minutes(10 * f->times, &n10)
                    : units      ? unit_list(10 * f->times, &n10)
                                 : repeat(f->head, f->unit, 10 * f->times, f->tail, &n10);
        double t1 = best_time(s1, n1, 3, 10), t10 = best_time(s10, n10, 3, 1);
        free(s1);
        free(s10);
        /* below a millisecond the clock's grain decides, not the cost */
        if (t1 < 1e-3)
            t1 = 1e-3;
        double q = t10 / t1;
        if (q < r)
            r = q;
    }
    return r;
}

static void on_alarm(int sig)
{
    (void)sig;
    static const char msg[] = "linear: a form did not finish in time (quadratic?)\n";
    (void)!write(2, msg, sizeof msg - 1);
    _exit(1);
}

/* the form's ratio, printed; 1 when over the bound */
static int over_bound(const form *f, int units)
{
    double r = ratio(f, units);
    printf("  %-22s 10x the size: %5.1fx the time\n", f->name, r);
    return r > 12.0;
}

static void test_linear_in_size(void **state)
{
    (void)state;
    signal(SIGALRM, on_alarm);
    alarm(300);
    int bad = 0;
    for (size_t i = 0; i < sizeof forms / sizeof *forms; i++)
        bad += over_bound(&forms[i], 0);
    form units = {"unit list", "", "", "", 2000};
    bad += over_bound(&units, 1);
    form numbers = {"many diarienummer", "", "", "", 3000};
    bad += over_bound(&numbers, 3);
    form whole = {"whole minutes", "", "", "", 300};
    size_t wn;
    char *w = minutes(3000, &wn);
    pk_doc *wd = NULL;
    assert_int_equal(pk_extract(shared_ex, w, wn, "m.txt", &wd), 0);
    assert_int_equal(pk_doc_count(wd), 3000); /* a record per paragraph */
    assert_string_equal(pk_doc_record_at(wd, 2999)->paragraph, "3000");
    pk_doc_free(wd);
    free(w);
    bad += over_bound(&whole, 2);
    form section = {"decision items", "", "", "", 2000};
    bad += over_bound(&section, 4);
    form parents = {"units inom a parent", "", "", "", 2000};
    bad += over_bound(&parents, 5);
    form cued = {"units named by cues", "", "", "", 1000};
    bad += over_bound(&cued, 6);
    alarm(0);
    assert_int_equal(bad, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_linear_in_size),
    };
    return cmocka_run_group_tests_name("linear", tests, setup_ex, teardown_ex);
}
