/* Pages without a text layer, read by Tesseract through its C API. */
#include "pdf_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <tesseract/capi.h>

struct pkpdf_ocr {
    TessBaseAPI *api;
};

pkpdf_ocr *pkpdf_ocr_new(const char *tessdata, const char *language, char *msg, size_t msgn)
{
    pkpdf_ocr *o = calloc(1, sizeof *o);
    if (!o || !(o->api = TessBaseAPICreate())) {
        free(o);
        snprintf(msg, msgn, "out of memory");
        return NULL;
    }
    /* Tesseract's notes go nowhere: the library never prints */
    TessBaseAPISetVariable(o->api, "debug_file", "/dev/null");
    if (TessBaseAPIInit3(o->api, tessdata, language) != 0) {
        snprintf(msg, msgn, "Tesseract has no data for language %s%s%s", language, tessdata ? " in " : "",
                 tessdata ? tessdata : "");
        TessBaseAPIDelete(o->api);
        free(o);
        return NULL;
    }
    TessBaseAPISetPageSegMode(o->api, PSM_AUTO);
    return o;
}

char *pkpdf_ocr_page(pkpdf_ocr *o, const unsigned char *pix, int w, int h, int stride, int dpi)
{
    TessBaseAPISetImage(o->api, pix, w, h, 1, stride);
    TessBaseAPISetSourceResolution(o->api, dpi);
    char *t = TessBaseAPIGetUTF8Text(o->api);
    char *copy = t ? strdup(t) : NULL;
    TessDeleteText(t);
    TessBaseAPIClear(o->api);
    return copy;
}

void pkpdf_ocr_free(pkpdf_ocr *o)
{
    if (!o)
        return;
    TessBaseAPIEnd(o->api);
    TessBaseAPIDelete(o->api);
    free(o);
}
