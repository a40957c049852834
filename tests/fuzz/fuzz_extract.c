/* libFuzzer target for pk_extract(): the whole public API over arbitrary
   bytes. The first byte chooses what is exercised, the rest is the text:

     bit 0   render the record as JSON and parse it back with jansson
     bit 1   render the record as CSV and parse it back with libcsv
     bit 2-3 the source name: NULL, a plain path, a path full of CSV and
             JSON metacharacters, or a path that is not valid UTF-8 (file
             names on POSIX systems are bytes)
     bit 4   pk_extract_ex() with a pk_error instead of pk_extract()
     bit 5   extract a second time and require the same JSON
     bit 6   also call the API with invalid arguments

   Every record is checked: each span satisfies start <= end <= len and
   covers a byte when its text is not empty; every string the header says
   is non-NULL is, and every string is valid UTF-8; the strings folded from
   the text have single spaces and no line break; the enumerated fields
   hold one of their values and the ISO dates are real dates. The JSON and
   CSV must parse and agree with the record. A failed check aborts, which
   libFuzzer reports as a crash. */
#include "protokoll.h"

#include <csv.h>
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#define FUZZ_NAME "fuzz_extract"
#include "check.h"

enum {
    F_JSON = 1 << 0,
    F_CSV = 1 << 1,
    F_SOURCE_SHIFT = 2,
    F_EX = 1 << 4,
    F_TWICE = 1 << 5,
    F_ARGS = 1 << 6,
};

static const char *const sources[4] = {
    NULL,
    "corpus/minutes.txt",
    "dir with \"quotes\", commas; tabs\tand\nnewlines/\xc3\x96stermalm \\ \xe2\x80\x9c.txt",
    "arkiv/\xd6stermalm_\xe4rende.txt", /* Latin-1 bytes: not UTF-8 */
};

static const pk_extractor *extractor(void)
{
    static pk_extractor *ex;
    if (!ex) {
        ex = pk_extractor_new();
        CHECK(ex != NULL);
    }
    return ex;
}

static int valid_utf8(const char *s)
{
    size_t n = strlen(s), i = 0;
    while (i < n) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &cp);
        if (k <= 0)
            return 0;
        i += (size_t)k;
    }
    return 1;
}

static int one_of(const char *s, const char *const *set)
{
    for (; *set; set++)
        if (strcmp(s, *set) == 0)
            return 1;
    return 0;
}

static void check_str(const char *s, int required)
{
    if (!s) {
        CHECK(!required);
        return;
    }
    CHECK(valid_utf8(s));
}

static void check_span(pk_span sp, size_t len)
{
    CHECK(sp.start <= sp.end);
    CHECK(sp.end <= len);
}

/* A string made by folding the cleaned text: words separated by single
   spaces, no line break, no space at either end. */
static void check_folded(const char *s)
{
    if (!s)
        return;
    size_t n = strlen(s);
    CHECK(strchr(s, '\n') == NULL);
    CHECK(strstr(s, "  ") == NULL);
    CHECK(n == 0 || (s[0] != ' ' && s[n - 1] != ' '));
}

/* An item found in the text: its text is folded, and its span covers at
   least one byte when the text is not empty. */
static void check_item(const char *text, pk_span sp, size_t len)
{
    check_str(text, 1);
    check_folded(text);
    check_span(sp, len);
    if (*text)
        CHECK(sp.start < sp.end);
}

static int is_digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return 1;
}

static void check_iso(const char *s)
{
    CHECK(strlen(s) == 10 && s[4] == '-' && s[7] == '-');
    CHECK(is_digits(s, 4) && is_digits(s + 5, 2) && is_digits(s + 8, 2));
    int y = atoi(s), m = atoi(s + 5), d = atoi(s + 8);
    static const int dm[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    CHECK(m >= 1 && m <= 12 && d >= 1 && d <= dm[m - 1]);
    CHECK(!(m == 2 && d == 29) || ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0));
}

static const char *const doc_types[] = {"tjansteutlatande", "protokoll", "protokollsutdrag", "unknown", NULL};
static const char *const date_roles[] = {"document", "meeting", "deadline", "ceremony", "other", NULL};
static const char *const person_roles[] = {"signatory", "chair", "officer", "other", NULL};

static void check_record(const pk_record *r, size_t len, const char *source)
{
    CHECK(r != NULL);
    if (source)
        CHECK(r->source && strcmp(r->source, source) == 0);
    else
        CHECK(r->source == NULL);
    CHECK(r->doc_type && one_of(r->doc_type, doc_types));
    if (r->title)
        check_item(r->title, r->title_span, len);
    if (r->body)
        check_item(r->body, r->body_span, len);
    if (r->administration)
        check_item(r->administration, r->administration_span, len);
    if (r->paragraph)
        check_item(r->paragraph, r->paragraph_span, len);
    check_span(r->title_span, len);
    check_span(r->body_span, len);
    check_span(r->administration_span, len);
    check_span(r->paragraph_span, len);
    if (r->document_date)
        check_iso(r->document_date);
    if (r->meeting_date)
        check_iso(r->meeting_date);
    if (r->award) {
        check_str(r->award->name, 1);
        check_str(r->award->klass, 0);
    }
    CHECK(r->n_registration_numbers == 0 || r->registration_numbers);
    for (size_t i = 0; i < r->n_registration_numbers; i++) {
        const pk_regnum *x = &r->registration_numbers[i];
        check_item(x->text, x->span, len);
        check_str(x->value, 1);
        check_folded(x->value);
        check_str(x->prefix, 0);
    }
    CHECK(r->n_decisions == 0 || r->decisions);
    for (size_t i = 0; i < r->n_decisions; i++) {
        const pk_decision *x = &r->decisions[i];
        check_str(x->kind, 1);
        check_str(x->formula, 0);
        check_folded(x->formula);
        check_str(x->actor, 0);
        check_folded(x->actor);
        check_item(x->text, x->span, len);
    }
    CHECK(r->n_units == 0 || r->units);
    for (size_t i = 0; i < r->n_units; i++) {
        const pk_unit *x = &r->units[i];
        check_item(x->name, x->span, len);
        check_str(x->parent, 0);
        check_folded(x->parent);
    }
    CHECK(r->n_people == 0 || r->people);
    for (size_t i = 0; i < r->n_people; i++) {
        const pk_person *x = &r->people[i];
        check_item(x->name, x->span, len);
        check_str(x->title, 0);
        check_str(x->party, 0);
        CHECK(x->role && one_of(x->role, person_roles));
    }
    CHECK(r->n_dates == 0 || r->dates);
    for (size_t i = 0; i < r->n_dates; i++) {
        const pk_date *x = &r->dates[i];
        check_item(x->text, x->span, len);
        CHECK(x->iso);
        check_iso(x->iso);
        CHECK(x->role && one_of(x->role, date_roles));
        CHECK(x->year_inferred == 0 || x->year_inferred == 1);
    }
    CHECK(r->n_warnings == 0 || r->warnings);
    for (size_t i = 0; i < r->n_warnings; i++)
        check_str(r->warnings[i], 1);
}

/* ---- JSON ---- */

/* The object's "span" and the "page" beside it. */
static void check_json_span(json_t *x, pk_span sp)
{
    json_t *a = json_object_get(x, "span");
    CHECK(json_is_array(a) && json_array_size(a) == 2);
    CHECK(json_integer_value(json_array_get(a, 0)) == (json_int_t)sp.start);
    CHECK(json_integer_value(json_array_get(a, 1)) == (json_int_t)sp.end);
    CHECK(sp.page >= 1 && json_integer_value(json_object_get(x, "page")) == (json_int_t)sp.page);
}

static void check_json_str(json_t *v, const char *s)
{
    if (!s) {
        CHECK(json_is_null(v));
        return;
    }
    CHECK(json_is_string(v) && strcmp(json_string_value(v), s) == 0);
}

/* The source as JSON: itself when it is UTF-8, else a string all the same
   (invalid bytes replaced), never a reason to fail. */
static void check_json_source(json_t *v, const char *s)
{
    if (!s || valid_utf8(s))
        check_json_str(v, s);
    else
        CHECK(json_is_string(v) && valid_utf8(json_string_value(v)));
}

static json_t *array_of(json_t *o, const char *key, size_t n)
{
    json_t *a = json_object_get(o, key);
    CHECK(json_is_array(a) && json_array_size(a) == n);
    return a;
}

static void check_json(const char *s, const pk_record *r)
{
    CHECK(strchr(s, '\n') == NULL); /* one line */
    json_error_t e;
    json_t *o = json_loads(s, JSON_REJECT_DUPLICATES, &e);
    CHECK(o != NULL);
    CHECK(json_is_object(o));
    check_json_source(json_object_get(o, "source"), r->source);
    check_json_str(json_object_get(o, "doc_type"), r->doc_type);
    check_json_str(json_object_get(o, "title"), r->title);
    check_json_str(json_object_get(o, "body"), r->body);
    check_json_str(json_object_get(o, "administration"), r->administration);
    check_json_str(json_object_get(o, "paragraph"), r->paragraph);
    check_json_str(json_object_get(o, "document_date"), r->document_date);
    check_json_str(json_object_get(o, "meeting_date"), r->meeting_date);
    json_t *aw = json_object_get(o, "award");
    CHECK(r->award ? json_is_object(aw) : json_is_null(aw));
    json_t *a = array_of(o, "registration_numbers", r->n_registration_numbers);
    for (size_t i = 0; i < r->n_registration_numbers; i++) {
        json_t *x = json_array_get(a, i);
        check_json_str(json_object_get(x, "value"), r->registration_numbers[i].value);
        check_json_span(x, r->registration_numbers[i].span);
    }
    a = array_of(o, "decisions", r->n_decisions);
    for (size_t i = 0; i < r->n_decisions; i++) {
        json_t *x = json_array_get(a, i);
        check_json_str(json_object_get(x, "text"), r->decisions[i].text);
        check_json_span(x, r->decisions[i].span);
    }
    a = array_of(o, "units", r->n_units);
    for (size_t i = 0; i < r->n_units; i++) {
        json_t *x = json_array_get(a, i);
        check_json_str(json_object_get(x, "name"), r->units[i].name);
        check_json_str(json_object_get(x, "parent"), r->units[i].parent);
        check_json_str(json_object_get(x, "class"), r->units[i].klass);
        const char *k = r->units[i].klass;
        CHECK(!k || strcmp(k, "förskola") == 0 || strcmp(k, "skola") == 0 || strcmp(k, "äldreomsorg") == 0 ||
              strcmp(k, "socialtjänst") == 0 || strcmp(k, "annat") == 0);
        check_json_span(x, r->units[i].span);
    }
    a = array_of(o, "people", r->n_people);
    for (size_t i = 0; i < r->n_people; i++) {
        json_t *x = json_array_get(a, i);
        check_json_str(json_object_get(x, "name"), r->people[i].name);
        check_json_span(x, r->people[i].span);
    }
    a = array_of(o, "dates", r->n_dates);
    for (size_t i = 0; i < r->n_dates; i++) {
        json_t *x = json_array_get(a, i);
        check_json_str(json_object_get(x, "iso"), r->dates[i].iso);
        check_json_span(x, r->dates[i].span);
    }
    a = array_of(o, "warnings", r->n_warnings);
    for (size_t i = 0; i < r->n_warnings; i++)
        check_json_str(json_array_get(a, i), r->warnings[i]);
    json_decref(o);
}

/* ---- CSV ---- */

enum { NCOLS = 16 };

typedef struct csv_state {
    size_t rows, fields;
    char *cell[NCOLS];
    const pk_record *r;
    const char *source; /* for error rows: the source column */
    const char *error;  /* and the error column */
} csv_state;

static void csv_cell(void *s, size_t n, void *p)
{
    csv_state *st = p;
    CHECK(st->fields < NCOLS);
    char *c = malloc(n + 1);
    CHECK(c != NULL);
    if (n)
        memcpy(c, s, n);
    c[n] = 0;
    st->cell[st->fields++] = c;
}

static int same(const char *cell, const char *s) { return strcmp(cell, s ? s : "") == 0; }

static void csv_row(int term, void *p)
{
    csv_state *st = p;
    (void)term;
    CHECK(st->fields == NCOLS);
    const pk_record *r = st->r;
    if (r) {
        CHECK(same(st->cell[0], r->source));
        CHECK(same(st->cell[1], r->doc_type));
        CHECK(same(st->cell[2], r->body));
        CHECK(same(st->cell[3], r->paragraph));
        if (r->n_units) {
            CHECK(st->rows < r->n_units);
            CHECK(same(st->cell[11], r->units[st->rows].name));
            CHECK(same(st->cell[12], r->units[st->rows].parent));
            CHECK(same(st->cell[13], r->units[st->rows].klass));
            CHECK(strtoul(st->cell[14], NULL, 10) == r->units[st->rows].span.page);
        } else {
            CHECK(st->rows == 0);
            CHECK(st->cell[11][0] == 0);
            CHECK(st->cell[13][0] == 0);
            CHECK(st->cell[14][0] == 0);
        }
        CHECK(st->cell[15][0] == 0);
    } else {
        CHECK(same(st->cell[0], st->source));
        CHECK(same(st->cell[15], st->error));
    }
    for (size_t i = 0; i < NCOLS; i++)
        free(st->cell[i]);
    st->fields = 0;
    st->rows++;
}

static void check_csv(const char *s, const pk_record *r, const char *source, const char *error)
{
    size_t n = strlen(s);
    CHECK(n >= 2 && s[n - 2] == '\r' && s[n - 1] == '\n');
    struct csv_parser p;
    CHECK(csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) == 0);
    csv_state st;
    memset(&st, 0, sizeof st);
    st.r = r;
    st.source = source;
    st.error = error;
    CHECK(csv_parse(&p, s, n, csv_cell, csv_row, &st) == n);
    CHECK(csv_fini(&p, csv_cell, csv_row, &st) == 0);
    csv_free(&p);
    CHECK(st.fields == 0);
    if (r)
        CHECK(st.rows == (r->n_units ? r->n_units : 1));
    else
        CHECK(st.rows == 1);
}

/* ---- the target ---- */

static void bad_arguments(const pk_extractor *ex)
{
    pk_doc *doc = (pk_doc *)1;
    pk_error err;
    CHECK(pk_extract(NULL, "x", 1, NULL, &doc) == PK_EINVAL && doc == NULL);
    CHECK(pk_extract(ex, NULL, 1, NULL, &doc) == PK_EINVAL && doc == NULL);
    CHECK(pk_extract(ex, "x", 1, NULL, NULL) == PK_EINVAL);
    CHECK(pk_extract_ex(ex, NULL, 3, NULL, &doc, &err) == PK_EINVAL && err.code == PK_EINVAL);
    CHECK(pk_extract(ex, NULL, 0, NULL, &doc) == PK_OK && doc != NULL);
    check_record(pk_doc_record(doc), 0, NULL);
    pk_doc_free(doc);
    CHECK(pk_doc_record(NULL) == NULL && pk_doc_to_json(NULL) == NULL && pk_doc_to_csv(NULL) == NULL);
    pk_doc_free(NULL);
    CHECK(strcmp(pk_strerror(12345), "unknown error") == 0);
}

static char *extract_json(const pk_extractor *ex, const char *text, size_t len, const char *source)
{
    pk_doc *doc = NULL;
    CHECK(pk_extract(ex, text, len, source, &doc) == PK_OK);
    char *s = pk_doc_to_json(doc);
    pk_doc_free(doc);
    return s;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const pk_extractor *ex = extractor();
    unsigned flags = data[0];
    const char *source = sources[(flags >> F_SOURCE_SHIFT) & 3];
    size_t len = size - 1;
    /* a copy of exactly len bytes, not NUL-terminated: reading past the
       end is a heap overflow AddressSanitizer sees */
    char *text = malloc(len ? len : 1);
    CHECK(text != NULL);
    if (len)
        memcpy(text, data + 1, len);

    if (flags & F_ARGS)
        bad_arguments(ex);

    pk_doc *doc = (pk_doc *)1;
    pk_error err;
    memset(&err, 0x55, sizeof err);
    int rc = flags & F_EX ? pk_extract_ex(ex, text, len, source, &doc, &err) : pk_extract(ex, text, len, source, &doc);
    if (rc != PK_OK) {
        /* no allocation fails here, and no input is too big: the only
           refusal is binary input */
        CHECK(rc == PK_ENOTTEXT);
        CHECK(doc == NULL);
        if (flags & F_EX) {
            CHECK(err.code == rc);
            CHECK(err.offset <= len);
            CHECK(memchr(err.message, 0, sizeof err.message) != NULL && err.message[0]);
            char *j = pk_error_to_json(source, err.message);
            CHECK(j != NULL);
            json_error_t je;
            json_t *o = json_loads(j, 0, &je);
            CHECK(o && json_is_object(o));
            check_json_source(json_object_get(o, "source"), source);
            check_json_str(json_object_get(o, "error"), err.message);
            json_decref(o);
            free(j);
            char *c = pk_error_to_csv(source, err.message);
            CHECK(c != NULL);
            check_csv(c, NULL, source, err.message);
            free(c);
        }
        free(text);
        return 0;
    }
    CHECK(doc != NULL && doc != (pk_doc *)1);
    const pk_record *r = pk_doc_record(doc);
    check_record(r, len, source);

    char *json = NULL;
    if (flags & (F_JSON | F_TWICE)) {
        json = pk_doc_to_json(doc);
        CHECK(json != NULL);
        check_json(json, r);
    }
    if (flags & F_CSV) {
        char *csv = pk_doc_to_csv(doc);
        CHECK(csv != NULL);
        check_csv(csv, r, source, NULL);
        free(csv);
    }
    pk_doc_free(doc);
    if (flags & F_TWICE) {
        char *again = extract_json(ex, text, len, source);
        CHECK(again != NULL && strcmp(json, again) == 0);
        free(again);
    }
    free(json);
    free(text);
    return 0;
}
