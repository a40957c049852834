/* The record as CSV rows (RFC 4180 quoting by libcsv): one row per unit,
   the table a researcher counts. It reads only the public record. */
#include "internal.h"

#include <csv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { NCOLS = 14 };

static const char header[] =
    "source,doc_type,body,paragraph,registration_number,document_date,meeting_date,award,award_year,"
    "decision_kind,decision_formula,unit,unit_parent,error\r\n";

PK_EXPORT const char *pk_csv_header(void) { return header; }

typedef struct sbuf {
    char *s;
    size_t n, cap;
    int bad;
} sbuf;

static void add(sbuf *b, const char *s, size_t n)
{
    if (b->bad)
        return;
    if (b->n + n + 1 > b->cap) {
        size_t cap = (b->cap ? b->cap * 2 : 256);
        while (cap < b->n + n + 1)
            cap *= 2;
        char *p = pk_realloc(b->s, cap);
        if (!p) {
            b->bad = 1;
            return;
        }
        b->s = p;
        b->cap = cap;
    }
    memcpy(b->s + b->n, s, n);
    b->n += n;
    b->s[b->n] = 0;
}

static void field(sbuf *b, const char *s, int last)
{
    if (s && *s) {
        size_t n = strlen(s);
        char *q = pk_malloc(n * 2 + 2);
        if (!q) {
            b->bad = 1;
            return;
        }
        size_t w = csv_write(q, n * 2 + 2, s, n);
        add(b, q, w);
        free(q);
    }
    add(b, last ? "\r\n" : ",", last ? 2 : 1);
}

static void row(sbuf *b, const char *const cols[NCOLS])
{
    for (int i = 0; i < NCOLS; i++)
        field(b, cols[i], i == NCOLS - 1);
}

static char *done(sbuf *b)
{
    if (b->bad) {
        free(b->s);
        return NULL;
    }
    return b->s;
}

PK_EXPORT char *pk_doc_to_csv(const pk_doc *doc)
{
    const pk_record *r = pk_doc_record(doc);
    if (!r)
        return NULL;
    sbuf b = {0};
    char year[16] = "";
    if (r->award && r->award->year)
        snprintf(year, sizeof year, "%d", r->award->year);
    /* the first decision stands for the document: it is the one that
       concerns the units; the JSON record has them all */
    const pk_decision *d = r->n_decisions ? &r->decisions[0] : NULL;
    const char *cols[NCOLS] = {r->source,
                               r->doc_type,
                               r->body,
                               r->paragraph,
                               r->n_registration_numbers ? r->registration_numbers[0].value : NULL,
                               r->document_date,
                               r->meeting_date,
                               r->award ? r->award->name : NULL,
                               year,
                               d ? d->kind : NULL,
                               d ? d->formula : NULL,
                               NULL,
                               NULL,
                               NULL};
    if (r->n_units == 0)
        row(&b, cols);
    for (size_t i = 0; i < r->n_units; i++) {
        cols[11] = r->units[i].name;
        cols[12] = r->units[i].parent;
        row(&b, cols);
    }
    return done(&b);
}

PK_EXPORT char *pk_error_to_csv(const char *source, const char *message)
{
    sbuf b = {0};
    const char *cols[NCOLS] = {source, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
                               message ? message : "error"};
    row(&b, cols);
    return done(&b);
}
