/* -f sqlite: the records as a SQLite database. */
#include "cli.h"

#include <stdio.h>

sqlite_out *sqlite_out_open(const char *path, char *err, size_t errn)
{
    (void)path;
    snprintf(err, errn, "not built with SQLite output");
    return NULL;
}

int sqlite_out_add(sqlite_out *o, const char *source, const pk_record *r, const char *error, char *err, size_t errn)
{
    (void)o, (void)source, (void)r, (void)error, (void)err, (void)errn;
    return -1;
}

int sqlite_out_close(sqlite_out *o, int commit, char *err, size_t errn)
{
    (void)o, (void)commit, (void)err, (void)errn;
    return -1;
}
