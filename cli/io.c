/* Whole reads and writes of a file descriptor: the command's and the PDF
   reader's (protokoll-pdf-reader), which both compile this file. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "cli.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

char *read_all(const char *path, size_t *len, char *err, size_t errn)
{
    int fd = strcmp(path, "-") == 0 ? 0 : open(path, O_RDONLY);
    if (fd < 0) {
        snprintf(err, errn, "%s", strerror(errno));
        return NULL;
    }
    struct stat st;
    int reg = 0; /* a regular file, its size known */
    if (fstat(fd, &st) == 0) {
        reg = S_ISREG(st.st_mode) && st.st_size > 0;
        if (S_ISDIR(st.st_mode)) {
            snprintf(err, errn, "is a directory");
            close(fd);
            return NULL;
        }
        if (S_ISREG(st.st_mode) && (size_t)st.st_size > PK_MAX_INPUT) {
            snprintf(err, errn, "%s", pk_strerror(PK_ETOOBIG));
            close(fd);
            return NULL;
        }
    }
    size_t cap = reg ? (size_t)st.st_size + 1 : 65536, n = 0;
    char *buf = malloc(cap);
    for (;;) {
        if (!buf) {
            snprintf(err, errn, "%s", pk_strerror(PK_ENOMEM));
            break;
        }
        if (n == cap) {
            if (cap > PK_MAX_INPUT) {
                snprintf(err, errn, "%s", pk_strerror(PK_ETOOBIG));
                free(buf);
                buf = NULL;
                break;
            }
            char *nb = realloc(buf, cap * 2);
            if (!nb) {
                free(buf);
                buf = NULL;
                continue;
            }
            buf = nb;
            cap *= 2;
        }
        ssize_t r = read(fd, buf + n, cap - n);
        if (r < 0) {
            if (errno == EINTR)
                continue;
            snprintf(err, errn, "%s", strerror(errno));
            free(buf);
            buf = NULL;
            break;
        }
        if (r == 0)
            break;
        n += (size_t)r;
        /* a regular file read short of the room its size made is at its
           end: the read that would return 0 is not made (a syscall per
           file of a large archive) */
        if (reg && n < cap)
            break;
    }
    if (fd != 0)
        close(fd);
    *len = n;
    return buf;
}

int write_all(int fd, const void *p, size_t n)
{
    const char *s = p;
    while (n) {
        ssize_t k = write(fd, s, n);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            return -1;
        s += k;
        n -= (size_t)k;
    }
    return 0;
}
