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

/* Room for need bytes in b: 0, or -1 when out of memory (b as it was). */
static int buf_room(read_buf *b, size_t need)
{
    if (need <= b->cap)
        return 0;
    char *nb = realloc(b->s, need);
    if (!nb)
        return -1;
    b->s = nb;
    b->cap = need;
    return 0;
}

char *read_open_fd(int fd, int reg, read_buf *b, size_t *len, char *err, size_t errn)
{
    char *out = NULL;
    size_t n = 0;
    struct stat st;
    if (!reg && fstat(fd, &st) == 0) {
        if (S_ISDIR(st.st_mode)) {
            snprintf(err, errn, "is a directory");
            goto done;
        }
        if (S_ISREG(st.st_mode) && (size_t)st.st_size > PK_MAX_INPUT) {
            snprintf(err, errn, "%s", pk_strerror(PK_ETOOBIG));
            goto done;
        }
        /* a regular file, its size known: room for one byte more, so that
           one read that comes back short finds its end */
        reg = S_ISREG(st.st_mode) && st.st_size > 0;
        if (reg && buf_room(b, (size_t)st.st_size + 1) != 0) {
            snprintf(err, errn, "%s", pk_strerror(PK_ENOMEM));
            goto done;
        }
    }
    if (!b->cap && buf_room(b, 65536) != 0) {
        snprintf(err, errn, "%s", pk_strerror(PK_ENOMEM));
        goto done;
    }
    for (;;) {
        if (n == b->cap) {
            if (b->cap > PK_MAX_INPUT) {
                snprintf(err, errn, "%s", pk_strerror(PK_ETOOBIG));
                goto done;
            }
            if (buf_room(b, b->cap * 2) != 0) {
                snprintf(err, errn, "%s", pk_strerror(PK_ENOMEM));
                goto done;
            }
        }
        ssize_t r = read(fd, b->s + n, b->cap - n);
        if (r < 0) {
            if (errno == EINTR)
                continue;
            /* (a directory in the place of a file the listing named) */
            snprintf(err, errn, "%s", errno == EISDIR ? "is a directory" : strerror(errno));
            goto done;
        }
        if (r == 0)
            break;
        n += (size_t)r;
        /* a regular file read short of the room is at its end: the read
           that would return 0 is not made (a syscall per file of a large
           archive) */
        if (reg && n < b->cap)
            break;
    }
    out = b->s;
done:
    *len = n;
    return out;
}

char *read_fd(int fd, int reg, read_buf *b, size_t *len, char *err, size_t errn)
{
    char *out = read_open_fd(fd, reg, b, len, err, errn);
    if (fd != 0)
        close(fd);
    return out;
}

/* Closes the descriptors lo .. hi, all of them open and the caller's */
static void close_run(int lo, int hi)
{
#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 34))
    if (hi > lo && close_range((unsigned)lo, (unsigned)hi, 0) == 0)
        return;
#endif
    for (int fd = lo; fd <= hi; fd++)
        close(fd);
}

void close_fds(const int *fd, size_t n)
{
    /* runs of numbers that follow one another in fd[] (as descriptors
       opened one after another get them): a run's numbers are all the
       caller's, none another's */
    int lo = -1, hi = -1;
    for (size_t i = 0; i < n; i++) {
        if (fd[i] <= 0)
            continue;
        if (lo >= 0 && fd[i] == hi + 1) {
            hi = fd[i];
            continue;
        }
        if (lo >= 0)
            close_run(lo, hi);
        lo = hi = fd[i];
    }
    if (lo >= 0)
        close_run(lo, hi);
}

char *read_all(const char *path, size_t *len, char *err, size_t errn)
{
    int fd = strcmp(path, "-") == 0 ? 0 : open(path, O_RDONLY);
    if (fd < 0) {
        snprintf(err, errn, "%s", strerror(errno));
        return NULL;
    }
    read_buf b = {NULL, 0};
    char *s = read_fd(fd, 0, &b, len, err, errn);
    if (!s)
        free(b.s);
    return s;
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
