/*
 * protokoll.h - extract structured records from Swedish municipal minutes.
 *
 * One header, opaque handles, names prefixed pk_. A pk_extractor holds the
 * compiled patterns; it is immutable after pk_extractor_new() and may be
 * shared read-only by any number of threads, each calling pk_extract() with
 * its own results. The library never prints.
 */
#ifndef PROTOKOLL_H
#define PROTOKOLL_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#define PK_VERSION_MAJOR 0
#define PK_VERSION_MINOR 1
#define PK_VERSION_PATCH 0
#define PK_VERSION_STRING "0.1.0"

#if defined(_WIN32)
#define PK_EXPORT
#elif defined(PK_BUILDING)
#define PK_EXPORT __attribute__((visibility("default")))
#else
#define PK_EXPORT
#endif

/** Error codes. Every function that can fail returns one of these (0 is success). */
enum pk_code {
    PK_OK = 0,
    PK_ENOMEM = -1,   /**< out of memory */
    PK_EINVAL = -2,   /**< invalid argument (NULL where a value is required) */
    PK_ENOTTEXT = -3, /**< the input is binary, not text */
    PK_ETOOBIG = -4,  /**< the input exceeds PK_MAX_INPUT bytes */
    PK_EIO = -5,      /**< an input or output error */
    PK_EINTERNAL = -6, /**< a pattern limit or internal check failed */
    PK_EPDF = -7       /**< a PDF that cannot be read: not a PDF, damaged, truncated or encrypted */
};

/** Largest input pk_extract() accepts, in bytes (1 GiB). */
#define PK_MAX_INPUT ((size_t)1 << 30)

/** A half-open byte range [start, end) into the original input, and the
    page it stands on: 1 + the form feeds before `start` (pdftotext ends
    each page with one, and a PDF read by the PDF layer is its pages' text,
    so for a PDF this is the PDF's page). */
typedef struct pk_span {
    size_t start;
    size_t end;
    size_t page; /**< 1-based */
} pk_span;

/** A diarienummer. `prefix` is NULL when there are no letters before the year part; `year` is 0 when unknown. */
typedef struct pk_regnum {
    const char *text;   /**< as written, label included ("dnr 1.4.1-289/2020") */
    const char *value;  /**< without the label ("1.4.1-289/2020") */
    const char *prefix; /**< "BRO", "KS", ... or NULL */
    int year;           /**< 2020, or 0 */
    pk_span span;
} pk_regnum;

/** A date. `role` is "document", "meeting", "deadline", "ceremony" or "other". */
typedef struct pk_date {
    const char *text; /**< as written, whitespace folded */
    const char *iso;  /**< "2020-11-24" */
    const char *role;
    int year_inferred; /**< 1 when the year came from context */
    pk_span span;
} pk_date;

/** One decision item. `kind` is one of SPEC's kinds ("approve", "note", ..., "other"). */
typedef struct pk_decision {
    const char *kind;
    const char *formula; /**< the matched formula in lower case, or NULL for "other" */
    const char *actor;   /**< the deciding body as written, or NULL */
    const char *text;    /**< the item's text, whitespace folded */
    pk_span span;
} pk_decision;

/** A unit the decision concerns. `parent` is NULL unless the text names the enhet/avdelning it sits in. */
typedef struct pk_unit {
    const char *name;
    const char *parent;
    pk_span span;
    /** The name's normalised form, under which spellings of one unit meet
        across documents ("förskolan ekorren" for "Ekorren förskola"). */
    const char *key;
    /** The unit's class in Kvalitetsutmärkelsen (JSON "class"; named klass
        because class is a C++ keyword): "förskola", "skola", "äldreomsorg",
        "socialtjänst" (with funktionsnedsättning/LSS) or "annat". From the
        document where it names the unit's class ("i tävlingsklassen
        förskola"), else from the unit's name, the kind written beside it,
        its parent or the deciding body; NULL when none of these tells. */
    const char *klass;
} pk_unit;

/** A named person. `role` is "signatory", "chair", "officer" or "other". */
typedef struct pk_person {
    const char *name;
    const char *title; /**< lower case, or NULL */
    const char *party; /**< "S", "M", ... or NULL */
    const char *role;
    pk_span span;
} pk_person;

/** The award a matter is about. `klass` is the tävlingsklass or NULL; `year` 0 when unknown. */
typedef struct pk_award {
    const char *name;
    int year;
    const char *klass;
} pk_award;

/**
 * The meeting whose minutes hold several paragraphs, each given as a record
 * of its own: what groups the records of one file. Owned by the pk_doc.
 */
typedef struct pk_meeting {
    const char *body;           /**< the body whose minutes these are, as the header writes it, or NULL */
    const char *body_canonical; /**< its canonical name when the header settles it, or NULL */
    const char *date;           /**< the meeting's ISO date, or NULL */
    const char *first_paragraph; /**< "7": the first paragraph's number */
    const char *last_paragraph;  /**< "9": the last one's */
    size_t n_paragraphs;        /**< the meeting's records */
    pk_span span;               /**< its header: from the start of the text to the first paragraph */
} pk_meeting;

/**
 * The record of one document, or of one paragraph of whole minutes. Strings are UTF-8 and NUL-terminated; a NULL
 * string means the field was not found (JSON null). Every array comes with
 * its count. All memory belongs to the pk_doc it was read from.
 */
typedef struct pk_record {
    const char *source;         /**< as passed to pk_extract(), or NULL */
    const char *doc_type;       /**< "tjansteutlatande", "protokoll", "protokollsutdrag" or "unknown" */
    const char *title;
    pk_span title_span;
    const char *body;
    pk_span body_span;
    const char *administration;
    pk_span administration_span;
    const char *paragraph;
    pk_span paragraph_span;
    const char *document_date; /**< ISO date or NULL */
    const char *meeting_date;  /**< ISO date or NULL */
    const pk_award *award;     /**< NULL when the document is about no award */
    const pk_regnum *registration_numbers;
    size_t n_registration_numbers;
    const pk_decision *decisions;
    size_t n_decisions;
    const pk_unit *units;
    size_t n_units;
    const pk_person *people;
    size_t n_people;
    const pk_date *dates;
    size_t n_dates;
    const char *const *warnings;
    size_t n_warnings;
    /** The deciding body's canonical name ("Bromma stadsdelsnämnd"), when
        the document settles it (the body's own name, its förvaltning, its
        diarienummer prefix); NULL otherwise, never a guess. */
    const char *body_canonical;
    /** The meeting, in a record of one paragraph of minutes that hold
        several (body, date, attendance and signatures come from it where
        the paragraph does not say otherwise); NULL for any other document. */
    const pk_meeting *meeting;
} pk_record;

/** A compiled extractor (opaque). */
typedef struct pk_extractor pk_extractor;
/** The result of one extraction (opaque): one record, or one per paragraph
    of minutes that hold several, in order; read them with pk_doc_count()
    and pk_doc_record_at(). */
typedef struct pk_doc pk_doc;

/** Details of a failure: code, message, and the byte offset in the input it concerns (0 when none). */
typedef struct pk_error {
    int code;
    size_t offset;
    char message[160];
} pk_error;

/** The library's version, "MAJOR.MINOR.PATCH". Static storage; never NULL. */
PK_EXPORT const char *pk_version(void);

/** A message for a PK_E* code. Static storage; never NULL (unknown codes give "unknown error"). */
PK_EXPORT const char *pk_strerror(int code);

/** Compiles the patterns. Returns NULL when out of memory. Free with pk_extractor_free(). Thread-safe to share once returned. */
PK_EXPORT pk_extractor *pk_extractor_new(void);

/** Frees an extractor. Accepts NULL. No pk_doc depends on it. */
PK_EXPORT void pk_extractor_free(pk_extractor *ex);

/**
 * Extracts the records of one document: one, or one per paragraph when it
 * is a protokoll of several paragraphs ("§ N" opening each). `text` is the file's bytes (any
 * encoding; need not be NUL-terminated); `source` names it in the record
 * (may be NULL). On success returns 0 and sets *out to a doc the caller
 * frees with pk_doc_free(); on failure returns a PK_E* code and sets *out
 * to NULL. The caller keeps ownership of `text` and `source`.
 */
PK_EXPORT int pk_extract(const pk_extractor *ex, const char *text, size_t len,
                         const char *source, pk_doc **out);

/** As pk_extract(), and on failure fills *err (may be NULL) with the code, a message and the input offset concerned. */
PK_EXPORT int pk_extract_ex(const pk_extractor *ex, const char *text, size_t len,
                            const char *source, pk_doc **out, pk_error *err);

/** The first record's fields (the only one, unless the document is minutes of several paragraphs). Owned by `doc`; valid until pk_doc_free(doc). NULL when doc is NULL. */
PK_EXPORT const pk_record *pk_doc_record(const pk_doc *doc);

/** How many records the doc holds: 1, or one per paragraph of whole minutes; 0 when doc is NULL. */
PK_EXPORT size_t pk_doc_count(const pk_doc *doc);

/** Record i (0-based, in the order of the input). Owned by `doc`; valid until pk_doc_free(doc). NULL when i >= pk_doc_count(doc). */
PK_EXPORT const pk_record *pk_doc_record_at(const pk_doc *doc, size_t i);

/** The first record as one line of JSON (no newline). Caller frees with free(); NULL when out of memory. */
PK_EXPORT char *pk_doc_to_json(const pk_doc *doc);

/** Record i as one line of JSON (no newline). Caller frees with free(); NULL when out of memory or i >= pk_doc_count(doc). */
PK_EXPORT char *pk_doc_record_to_json(const pk_doc *doc, size_t i);

/** Record i as pk_doc_record_to_json() writes it, after the first *len
    bytes of *buf (of *cap bytes from malloc(); or NULL and 0), which grows
    by realloc() as needed: *len is then its new length and the text ends
    in a NUL. For a caller that writes many records: one buffer, not an
    allocation each. Returns 0, PK_EINVAL (i >= pk_doc_count(doc), a NULL
    argument, *len not below a buffer's *cap), or PK_ENOMEM (*len as it
    was; *buf and *cap may have changed, the buffer is still the
    caller's to free). */
PK_EXPORT int pk_doc_record_json_append(const pk_doc *doc, size_t i, char **buf, size_t *len, size_t *cap);

/** An error record {"source": ..., "error": ...} as one line of JSON. Caller frees with free(); NULL when out of memory. */
PK_EXPORT char *pk_error_to_json(const char *source, const char *message);

/** The CSV header row (SPEC's columns, CRLF-terminated). Static storage. */
PK_EXPORT const char *pk_csv_header(void);

/** The first record's CSV rows, one per unit (one with an empty unit when there is none), CRLF-terminated. Caller frees with free(); NULL when out of memory. */
PK_EXPORT char *pk_doc_to_csv(const pk_doc *doc);

/** Record i's CSV rows, as pk_doc_to_csv(). Caller frees with free(); NULL when out of memory or i >= pk_doc_count(doc). */
PK_EXPORT char *pk_doc_record_to_csv(const pk_doc *doc, size_t i);

/** The CSV row of an input that failed: its source and the error in the last column. Caller frees with free(); NULL when out of memory. */
PK_EXPORT char *pk_error_to_csv(const char *source, const char *message);

/** Adds a warning to the end of every record's warnings (the PDF layer's: which
    pages were read by OCR). The records' earlier arrays stay valid. Returns 0,
    PK_EINVAL, or PK_ENOMEM (some records may then have it, none loses another). */
PK_EXPORT int pk_doc_add_warning(pk_doc *doc, const char *message);

/** Frees a doc and every record pk_doc_record() and pk_doc_record_at() returned for it. Accepts NULL. */
PK_EXPORT void pk_doc_free(pk_doc *doc);

/* ---- The PDF layer ----
 * Declared here, implemented only in libprotokoll-pdf (pkg-config
 * protokoll-pdf, -lprotokoll-pdf): a program that links libprotokoll alone
 * pulls in neither poppler nor Tesseract. pk_pdf_read() turns a PDF into
 * the text pk_extract() takes, in the caller's process and without limits;
 * the protokoll command runs it in a child process under resource limits. */

/** Where a PDF page's text came from (pk_pdf_text.page_source). */
enum pk_pdf_page_source {
    PK_PDF_PAGE_TEXT = 0,  /**< the page's text layer */
    PK_PDF_PAGE_OCR = 1,   /**< no text layer: rendered and read by Tesseract */
    PK_PDF_PAGE_BLANK = 2, /**< no text layer and nothing drawn on it */
    PK_PDF_PAGE_UNREAD = 3 /**< no text layer, and OCR was off or failed: no text */
};

/** Options of pk_pdf_read(); all zero (or a NULL pointer) gives the defaults. */
typedef struct pk_pdf_options {
    int no_ocr;               /**< 1: pages without a text layer are left without text */
    int ocr_dpi;              /**< resolution pages are rendered at for OCR; 0: 300 */
    const char *ocr_language; /**< Tesseract's language; NULL: "swe" */
    const char *tessdata;     /**< Tesseract's data directory; NULL: its own default */
} pk_pdf_options;

/**
 * A PDF's text: page by page the text pdftotext gives (poppler's
 * TextOutputDev, reading order, line-end hyphens joined), each page ending
 * in a form feed, so that a span's page is 1 + the form feeds before it.
 * A page without a text layer holds its OCR text instead. Owned by the
 * library until pk_pdf_text_free().
 */
typedef struct pk_pdf_text {
    char *text;                  /**< UTF-8, NUL-terminated */
    size_t len;                  /**< bytes of text, without the NUL */
    size_t n_pages;
    unsigned char *page_source;  /**< n_pages entries, enum pk_pdf_page_source */
    char **warnings;             /**< for the record: which pages came from OCR, which have no text */
    size_t n_warnings;
} pk_pdf_text;

/**
 * Reads the PDF in data[0, len). On success returns 0 and sets *out; else
 * returns PK_EPDF (not a PDF, damaged, truncated or encrypted: err's
 * message says which), PK_ENOMEM, PK_ETOOBIG or PK_EINVAL, sets *out to
 * NULL and fills *err (may be NULL). The caller keeps `data`.
 */
PK_EXPORT int pk_pdf_read(const char *data, size_t len, const pk_pdf_options *opt, pk_pdf_text **out,
                          pk_error *err);

/** Frees what pk_pdf_read() returned. Accepts NULL. */
PK_EXPORT void pk_pdf_text_free(pk_pdf_text *t);

#ifdef __cplusplus
}
#endif

#endif /* PROTOKOLL_H */
