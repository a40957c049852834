/* protokoll-pdf-reader: the PDF layer in an executable of its own, which
   the command (cli/pdf.c) runs for each PDF in a child process under its
   resource limits. Only this executable links libprotokoll-pdf, and with
   it poppler and Tesseract, so that the command maps none of their
   libraries.

   It is run as "protokoll-pdf-reader ocr" (or "no-ocr"), reads the PDF
   from its standard input, calls pk_pdf_read(), and writes the result to
   fd 3 as frames: a tag byte, an 8-byte little-endian length, the bytes
   ('T' the text, 'W' a warning, 'E' an error as "code<TAB>message", 'Z'
   the end). Exit status 0 when every frame was written, 1 when fd 3 could
   not take them, 2 when it was run otherwise (its usage on stderr). */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "cli.h"

#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int frame(int fd, char tag, const void *p, size_t n)
{
    unsigned char head[9];
    head[0] = (unsigned char)tag;
    for (int i = 0; i < 8; i++)
        head[1 + i] = (unsigned char)((uint64_t)n >> (8 * i));
    return write_all(fd, head, sizeof head) || write_all(fd, p, n) ? -1 : 0;
}

int main(int argc, char **argv)
{
    if (argc != 2 || (strcmp(argv[1], "ocr") != 0 && strcmp(argv[1], "no-ocr") != 0) || fcntl(3, F_GETFD) < 0) {
        fprintf(stderr,
                "usage: " PDF_READER_NAME " ocr|no-ocr < FILE.pdf 3> FRAMES\n"
                "The PDF reader of protokoll(1), which runs it for each PDF it reads.\n");
        return 2;
    }
    size_t len = 0;
    char err[256];
    char *data = read_all("-", &len, err, sizeof err);
    pk_pdf_options opt = {0, 0, NULL, NULL};
    opt.no_ocr = strcmp(argv[1], "no-ocr") == 0;
    pk_pdf_text *t = NULL;
    pk_error e;
    int got = data != NULL;
    int rc = got ? pk_pdf_read(data, len, &opt, &t, &e) : PK_EIO;
    free(data);
    int bad = 0;
    if (rc) {
        char msg[sizeof e.message + 16];
        int k = snprintf(msg, sizeof msg, "%d\t%s", rc, got ? e.message : err);
        bad = frame(3, 'E', msg, k < 0 ? 0 : (size_t)k < sizeof msg ? (size_t)k : sizeof msg - 1);
    } else {
        bad = frame(3, 'T', t->text, t->len);
        for (size_t i = 0; !bad && i < t->n_warnings; i++)
            bad = frame(3, 'W', t->warnings[i], strlen(t->warnings[i]));
        pk_pdf_text_free(t);
    }
    bad = bad || frame(3, 'Z', "", 0);
    return bad ? 1 : 0;
}
