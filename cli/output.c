/* The command's one output writer: a file is written atomically (a
   temporary file in the same directory, renamed over the target when
   complete, with the mode a plain > would give); standard output, and a
   target that is no regular file (a device, a pipe), are written in place. */
#include "cli.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

int aout_open(aout *o, const char *path)
{
    o->path = path;
    o->tmp = NULL;
    o->f = NULL;
    if (!path) {
        o->f = stdout;
        return 0;
    }
    struct stat st;
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
        /* renaming over /dev/null would replace the device */
        o->f = fopen(path, "w");
        return o->f ? 0 : -1;
    }
    if (asprintf(&o->tmp, "%s.tmp.XXXXXX", path) < 0) {
        o->tmp = NULL;
        errno = ENOMEM;
        return -1;
    }
    int fd = mkstemp(o->tmp);
    if (fd < 0) {
        free(o->tmp);
        o->tmp = NULL;
        return -1;
    }
    mode_t mask = umask(0);
    umask(mask);
    if (fchmod(fd, 0666 & ~mask) != 0 || !(o->f = fdopen(fd, "w"))) {
        int e = errno;
        close(fd);
        unlink(o->tmp);
        free(o->tmp);
        o->tmp = NULL;
        errno = e;
        return -1;
    }
    return 0;
}

int aout_close(aout *o, int ok)
{
    if (!o->f)
        return 0;
    int e = 0;
    if (ferror(o->f))
        e = errno ? errno : EIO;
    if (fclose(o->f) != 0 && !e)
        e = errno;
    o->f = NULL;
    if (o->tmp) {
        if (ok && !e && rename(o->tmp, o->path) != 0)
            e = errno;
        if (!ok || e)
            unlink(o->tmp);
        free(o->tmp);
        o->tmp = NULL;
    }
    errno = e;
    return e ? -1 : 0;
}
