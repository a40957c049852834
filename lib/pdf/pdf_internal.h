/* The PDF layer's parts: poppler.cc (poppler's C++ frontend behind C
   functions), ocr.c (Tesseract's C API) and read.c (pk_pdf_read). Not
   installed. Every global name carries the pkpdf_ prefix. */
#ifndef PK_PDF_INTERNAL_H
#define PK_PDF_INTERNAL_H

#include "protokoll.h"

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* A PDF opened from memory that the caller keeps alive until pkpdf_close. */
typedef struct pkpdf_doc pkpdf_doc;

enum { PKPDF_OK = 0, PKPDF_ENOMEM = 1, PKPDF_EDAMAGED = 2, PKPDF_ELOCKED = 3 };

/* Opens the PDF; NULL with *why set (PKPDF_*) and poppler's last message in msg. */
pkpdf_doc *pkpdf_open(const char *data, size_t len, int *why, char *msg, size_t msgn);
int pkpdf_pages(const pkpdf_doc *d);
/* The text pdftotext gives for page i (0-based), its form feed included,
   malloc'ed in *text. PKPDF_EDAMAGED when the page cannot be read. */
int pkpdf_page_text(pkpdf_doc *d, int i, char **text, size_t *len);
/* Page i rendered at dpi in 8-bit grey: *img, freed with pkpdf_image_free,
   holds w x h pixels, stride bytes a row. PKPDF_ENOMEM when the bitmap
   cannot be had. */
typedef struct pkpdf_image {
    const unsigned char *pix;
    int w, h, stride;
    void *own; /* poppler's image */
} pkpdf_image;
int pkpdf_page_render(pkpdf_doc *d, int i, double dpi, pkpdf_image *img);
void pkpdf_image_free(pkpdf_image *img);
void pkpdf_close(pkpdf_doc *d);

/* Tesseract, created once per read and used for every page that needs it. */
typedef struct pkpdf_ocr pkpdf_ocr;
/* NULL with a message when the language's data cannot be loaded. */
pkpdf_ocr *pkpdf_ocr_new(const char *tessdata, const char *language, char *msg, size_t msgn);
/* The page's text, malloc'ed, or NULL when Tesseract fails. */
char *pkpdf_ocr_page(pkpdf_ocr *o, const unsigned char *pix, int w, int h, int stride, int dpi);
void pkpdf_ocr_free(pkpdf_ocr *o);

#ifdef __cplusplus
}
#endif

#endif
