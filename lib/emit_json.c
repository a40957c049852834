/* The record as JSON, through jansson: field names and order as SPEC.md. */
#include "internal.h"

#include <jansson.h>
#include <string.h>

static json_t *str_or_null(const char *s) { return s ? json_string(s) : json_null(); }

static json_t *span(pk_span sp)
{
    return json_pack("[II]", (json_int_t)sp.start, (json_int_t)sp.end);
}

static json_t *year_or_null(int y) { return y ? json_integer(y) : json_null(); }

/* Adds v under k; a NULL v (out of memory) marks the object as failed. */
static int put(json_t *o, const char *k, json_t *v)
{
    if (!v)
        return -1;
    return json_object_set_new(o, k, v);
}

static json_t *record_json(const pk_record *r)
{
    json_t *o = json_object();
    if (!o)
        return NULL;
    int bad = 0;
    bad |= put(o, "source", str_or_null(r->source));
    bad |= put(o, "doc_type", str_or_null(r->doc_type));
    bad |= put(o, "title", str_or_null(r->title));
    bad |= put(o, "body", str_or_null(r->body));
    bad |= put(o, "body_canonical", str_or_null(r->body_canonical));
    bad |= put(o, "administration", str_or_null(r->administration));
    bad |= put(o, "paragraph", str_or_null(r->paragraph));

    json_t *a = json_array();
    for (size_t i = 0; a && i < r->n_registration_numbers; i++) {
        const pk_regnum *x = &r->registration_numbers[i];
        bad |= json_array_append_new(a, json_pack("{s:s, s:s, s:o, s:o, s:o}", "text", x->text, "value", x->value,
                                                   "prefix", str_or_null(x->prefix), "year", year_or_null(x->year),
                                                   "span", span(x->span)));
    }
    bad |= put(o, "registration_numbers", a);
    bad |= put(o, "document_date", str_or_null(r->document_date));
    bad |= put(o, "meeting_date", str_or_null(r->meeting_date));
    if (r->award)
        bad |= put(o, "award", json_pack("{s:s, s:o, s:o}", "name", r->award->name, "year",
                                         year_or_null(r->award->year), "class", str_or_null(r->award->klass)));
    else
        bad |= put(o, "award", json_null());

    a = json_array();
    for (size_t i = 0; a && i < r->n_decisions; i++) {
        const pk_decision *x = &r->decisions[i];
        bad |= json_array_append_new(a, json_pack("{s:s, s:o, s:o, s:s, s:o}", "kind", x->kind, "formula",
                                                   str_or_null(x->formula), "actor", str_or_null(x->actor), "text",
                                                   x->text, "span", span(x->span)));
    }
    bad |= put(o, "decisions", a);

    a = json_array();
    for (size_t i = 0; a && i < r->n_units; i++) {
        const pk_unit *x = &r->units[i];
        bad |= json_array_append_new(a, json_pack("{s:s, s:o, s:o, s:o}", "name", x->name, "parent",
                                                   str_or_null(x->parent), "key", str_or_null(x->key), "span",
                                                   span(x->span)));
    }
    bad |= put(o, "units", a);

    a = json_array();
    for (size_t i = 0; a && i < r->n_people; i++) {
        const pk_person *x = &r->people[i];
        bad |= json_array_append_new(a, json_pack("{s:s, s:o, s:o, s:s, s:o}", "name", x->name, "title",
                                                   str_or_null(x->title), "party", str_or_null(x->party), "role",
                                                   x->role, "span", span(x->span)));
    }
    bad |= put(o, "people", a);

    a = json_array();
    for (size_t i = 0; a && i < r->n_dates; i++) {
        const pk_date *x = &r->dates[i];
        bad |= json_array_append_new(a, json_pack("{s:s, s:s, s:s, s:b, s:o}", "text", x->text, "iso", x->iso,
                                                   "role", x->role, "year_inferred", x->year_inferred, "span",
                                                   span(x->span)));
    }
    bad |= put(o, "dates", a);

    a = json_array();
    for (size_t i = 0; a && i < r->n_warnings; i++)
        bad |= json_array_append_new(a, json_string(r->warnings[i]));
    bad |= put(o, "warnings", a);
    if (bad) {
        json_decref(o);
        return NULL;
    }
    return o;
}

/* Serialises into one exact-size buffer: json_dumpb measures first and
   then writes without allocating, so a failed allocation can only mean
   NULL, never a record with a part left out. */
static char *dump(json_t *o)
{
    size_t n = json_dumpb(o, NULL, 0, JSON_COMPACT);
    char *s = n ? pk_malloc(n + 1) : NULL;
    if (s && json_dumpb(o, s, n, JSON_COMPACT) == n)
        s[n] = 0;
    else {
        free(s);
        s = NULL;
    }
    json_decref(o);
    return s;
}

PK_EXPORT char *pk_doc_to_json(const pk_doc *doc)
{
    if (!doc)
        return NULL;
    json_t *o = record_json(pk_doc_record(doc));
    return o ? dump(o) : NULL;
}

PK_EXPORT char *pk_error_to_json(const char *source, const char *message)
{
    json_t *o = json_pack("{s:o, s:s}", "source", str_or_null(source), "error", message ? message : "error");
    return o ? dump(o) : NULL;
}
