/* pk_pdf_read: a PDF's pages as the text pdftotext gives, a page without a
   text layer rendered and read by Tesseract, and the warnings that say
   which pages came from where. */
#include "pdf_internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEFAULT_DPI 300

static int fail(pk_error *err, int code, const char *fmt, ...)
{
    if (err) {
        va_list ap;
        va_start(ap, fmt);
        err->code = code;
        err->offset = 0;
        vsnprintf(err->message, sizeof err->message, fmt, ap);
        va_end(ap);
    }
    return code;
}

/* A growing string: on running out of memory it says so once and stays put. */
typedef struct buf {
    char *s;
    size_t n, cap;
    int oom;
} buf;

static void add(buf *b, const char *s, size_t n)
{
    if (b->oom)
        return;
    if (b->n + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 4096;
        while (cap < b->n + n + 1)
            cap *= 2;
        char *ns = realloc(b->s, cap);
        if (!ns) {
            b->oom = 1;
            return;
        }
        b->s = ns;
        b->cap = cap;
    }
    memcpy(b->s + b->n, s, n);
    b->n += n;
    b->s[b->n] = 0;
}

static int only_space(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\n' && s[i] != '\r' && s[i] != '\t' && s[i] != '\f')
            return 0;
    return 1;
}

/* Nothing drawn: not one dark pixel in the rendered page. */
static int blank(const unsigned char *pix, int w, int h, int stride)
{
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++)
            if (pix[(size_t)y * (size_t)stride + (size_t)x] < 160)
                return 0;
    return 1;
}

/* "2", "2-3", "2-3, 7": the pages whose source is `want`, for a warning. */
static int page_list(const unsigned char *src, size_t n, int want, buf *out)
{
    int count = 0;
    for (size_t i = 0; i < n;) {
        if (src[i] != want) {
            i++;
            continue;
        }
        size_t j = i;
        while (j + 1 < n && src[j + 1] == want)
            j++;
        char part[48];
        int k = i == j ? snprintf(part, sizeof part, "%s%zu", count ? ", " : "", i + 1)
                       : snprintf(part, sizeof part, "%s%zu-%zu", count ? ", " : "", i + 1, j + 1);
        add(out, part, (size_t)k);
        count += (int)(j - i + 1);
        i = j + 1;
    }
    return count;
}

static int warn(pk_pdf_text *t, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    char **w = realloc(t->warnings, (t->n_warnings + 1) * sizeof *w);
    if (!w)
        return -1;
    t->warnings = w;
    if (!(w[t->n_warnings] = strdup(msg)))
        return -1;
    t->n_warnings++;
    return 0;
}

/* Only the characters of the page's text: a form feed or NUL in what
   Tesseract read would break the page count or the string. */
static void add_ocr_text(buf *b, char *s)
{
    for (char *p = s; *p; p++)
        if (*p == '\f' || *p == '\v')
            *p = '\n';
    add(b, s, strlen(s));
}

PK_EXPORT void pk_pdf_text_free(pk_pdf_text *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->n_warnings; i++)
        free(t->warnings[i]);
    free(t->warnings);
    free(t->page_source);
    free(t->text);
    free(t);
}

/* A PDF ends with %%EOF (readers accept it within the last KiB): a file
   cut short has lost it. */
static int has_eof_marker(const char *data, size_t len)
{
    size_t from = len > 1024 ? len - 1024 : 0;
    for (size_t i = len >= 5 ? len - 5 + 1 : 0; i-- > from;)
        if (memcmp(data + i, "%%EOF", 5) == 0)
            return 1;
    return 0;
}

PK_EXPORT int pk_pdf_read(const char *data, size_t len, const pk_pdf_options *opt, pk_pdf_text **out,
                          pk_error *err)
{
    if (out)
        *out = NULL;
    if (!out || (!data && len))
        return fail(err, PK_EINVAL, "%s", "invalid argument");
    if (len > PK_MAX_INPUT)
        return fail(err, PK_ETOOBIG, "%s", "input too large (over 1 GiB)");
    pk_pdf_options defaults = {0, 0, NULL, NULL};
    if (!opt)
        opt = &defaults;
    int dpi = opt->ocr_dpi > 0 ? opt->ocr_dpi : DEFAULT_DPI;
    const char *lang = opt->ocr_language ? opt->ocr_language : "swe";

    /* poppler, like other readers, looks for the header in the first KiB */
    size_t head = len < 1024 ? len : 1024;
    if (!data || head < 5 || !memmem(data, head, "%PDF-", 5))
        return fail(err, PK_EPDF, "%s", "not a PDF (no %PDF- header)");
    if (!has_eof_marker(data, len))
        return fail(err, PK_EPDF, "%s", "truncated PDF (it does not end in %%EOF)");

    int why = 0;
    char msg[200] = "";
    pkpdf_doc *d = pkpdf_open(data, len, &why, msg, sizeof msg);
    if (!d) {
        if (why == PKPDF_ENOMEM)
            return fail(err, PK_ENOMEM, "%s", "out of memory");
        if (why == PKPDF_ELOCKED)
            return fail(err, PK_EPDF, "%s", "encrypted PDF (it needs a password)");
        return fail(err, PK_EPDF, "damaged PDF%s%s", msg[0] ? ": " : "", msg);
    }

    int n = pkpdf_pages(d);
    pk_pdf_text *t = calloc(1, sizeof *t);
    if (!t || !(t->page_source = calloc(n > 0 ? (size_t)n : 1, 1))) {
        free(t);
        pkpdf_close(d);
        return fail(err, PK_ENOMEM, "%s", "out of memory");
    }
    t->n_pages = n > 0 ? (size_t)n : 0;
    buf b = {0};
    pkpdf_ocr *ocr = NULL;
    char ocr_msg[200] = "";
    int ocr_failed = 0, unreadable = 0, rc = 0;
    for (int i = 0; i < n && !b.oom && !rc; i++) {
        char *s = NULL;
        size_t sn = 0;
        int prc = pkpdf_page_text(d, i, &s, &sn);
        if (prc == PKPDF_ENOMEM) {
            rc = PK_ENOMEM;
            break;
        }
        if (prc != PKPDF_OK) {
            /* a page poppler cannot read keeps its place: the pages after it keep their numbers */
            unreadable++;
            t->page_source[i] = PK_PDF_PAGE_UNREAD;
            add(&b, "\f", 1);
            continue;
        }
        if (!only_space(s, sn)) {
            add(&b, s, sn);
            free(s);
            continue;
        }
        /* no text layer: what is drawn, if anything, is read by OCR */
        if (opt->no_ocr) {
            t->page_source[i] = PK_PDF_PAGE_UNREAD;
            add(&b, s, sn);
            free(s);
            continue;
        }
        pkpdf_image img;
        prc = pkpdf_page_render(d, i, dpi, &img);
        if (prc == PKPDF_ENOMEM) {
            free(s);
            rc = PK_ENOMEM;
            break;
        }
        if (prc != PKPDF_OK || blank(img.pix, img.w, img.h, img.stride)) {
            t->page_source[i] = prc == PKPDF_OK ? PK_PDF_PAGE_BLANK : PK_PDF_PAGE_UNREAD;
            unreadable += prc != PKPDF_OK;
            add(&b, s, sn);
            free(s);
            pkpdf_image_free(&img);
            continue;
        }
        if (!ocr && !ocr_failed && !(ocr = pkpdf_ocr_new(opt->tessdata, lang, ocr_msg, sizeof ocr_msg)))
            ocr_failed = 1;
        char *o = ocr ? pkpdf_ocr_page(ocr, img.pix, img.w, img.h, img.stride, dpi) : NULL;
        pkpdf_image_free(&img);
        if (o) {
            t->page_source[i] = PK_PDF_PAGE_OCR;
            add_ocr_text(&b, o);
            add(&b, "\f", 1);
            free(o);
        } else {
            t->page_source[i] = PK_PDF_PAGE_UNREAD;
            add(&b, s, sn);
        }
        free(s);
    }
    pkpdf_ocr_free(ocr);
    pkpdf_close(d);
    if (!b.s)
        add(&b, "", 0);
    if (rc || b.oom) {
        free(b.s);
        pk_pdf_text_free(t);
        return fail(err, PK_ENOMEM, "%s", "out of memory");
    }
    t->text = b.s;
    t->len = b.n;

    buf pages = {0};
    int bad = 0, k;
    if ((k = page_list(t->page_source, t->n_pages, PK_PDF_PAGE_OCR, &pages)) > 0)
        bad |= warn(t, "page%s %s read by OCR (Tesseract, %s)", k > 1 ? "s" : "", pages.s, lang);
    pages.n = 0;
    if ((k = page_list(t->page_source, t->n_pages, PK_PDF_PAGE_UNREAD, &pages)) > 0) {
        if (unreadable)
            bad |= warn(t, "page%s %s without text: %d could not be read", k > 1 ? "s" : "", pages.s, unreadable);
        else if (opt->no_ocr)
            bad |= warn(t, "page%s %s without text: no text layer, and OCR is off", k > 1 ? "s" : "", pages.s);
        else
            bad |= warn(t, "page%s %s without text: no text layer, and OCR failed%s%s", k > 1 ? "s" : "", pages.s,
                        ocr_msg[0] ? ": " : "", ocr_msg);
    }
    free(pages.s);
    if (bad || pages.oom) {
        pk_pdf_text_free(t);
        return fail(err, PK_ENOMEM, "%s", "out of memory");
    }
    *out = t;
    return 0;
}
