/* The record as CSV rows (RFC 4180 quoting by libcsv): one row per unit,
   the table a researcher counts. It reads only the public record. */
#include "internal.h"

#include <csv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { NCOLS = 16 };

static const char header[] =
    "source,doc_type,body,paragraph,registration_number,document_date,meeting_date,award,award_year,"
    "decision_kind,decision_formula,unit,unit_parent,unit_class,unit_page,error\r\n";

PK_EXPORT const char *pk_csv_header(void) { return header; }

static void field(pk_buf *b, const char *s, int last)
{
    if (s && *s) {
        /* quoted, every quote doubled: at most twice the bytes and two */
        size_t n = strlen(s);
        if (pk_buf_reserve(b, n * 2 + 2))
            return;
        b->n += csv_write(b->s + b->n, n * 2 + 2, s, n);
    }
    pk_buf_add(b, last ? "\r\n" : ",", last ? 2 : 1);
}

static void row(pk_buf *b, const char *const cols[NCOLS])
{
    for (int i = 0; i < NCOLS; i++)
        field(b, cols[i], i == NCOLS - 1);
}

static char *record_csv(const pk_record *r)
{
    if (!r)
        return NULL;
    pk_buf b = {0};
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
                               NULL,
                               NULL,
                               NULL};
    if (r->n_units == 0)
        row(&b, cols);
    for (size_t i = 0; i < r->n_units; i++) {
        char page[24];
        snprintf(page, sizeof page, "%zu", r->units[i].span.page);
        cols[11] = r->units[i].name;
        cols[12] = r->units[i].parent;
        cols[13] = r->units[i].klass;
        cols[14] = page; /* unit_page: the page the unit is named on */
        row(&b, cols);
    }
    return pk_buf_finish(&b);
}

PK_EXPORT char *pk_doc_to_csv(const pk_doc *doc) { return record_csv(pk_doc_record(doc)); }

PK_EXPORT char *pk_doc_record_to_csv(const pk_doc *doc, size_t i) { return record_csv(pk_doc_record_at(doc, i)); }

PK_EXPORT char *pk_error_to_csv(const char *source, const char *message)
{
    pk_buf b = {0};
    const char *cols[NCOLS] = {source, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
                               NULL,   NULL, NULL, NULL, NULL, NULL, NULL, message ? message : "error"};
    row(&b, cols);
    return pk_buf_finish(&b);
}
