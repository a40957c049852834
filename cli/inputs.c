/* Inputs: arguments, and directories walked in sorted order. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "cli.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Keeps path, a string of the heap, as the next entry. */
static int take_input(inputs *in, char *path)
{
    if (in->n == in->cap) {
        size_t cap = in->cap ? in->cap * 2 : 64;
        char **v = realloc(in->v, cap * sizeof *v);
        if (!v)
            return -1;
        in->v = v;
        in->cap = cap;
    }
    in->v[in->n++] = path;
    return 0;
}

int push_input(inputs *in, const char *s)
{
    char *c = strdup(s);
    if (!c || take_input(in, c) != 0) {
        free(c);
        return -1;
    }
    return 0;
}

/* What a directory walk reads: *.txt, and *.pdf in any case (archives
   name them .PDF as often as not). */
static int wanted(const char *s)
{
    size_t n = strlen(s);
    return (n > 4 && strcmp(s + n - 4, ".txt") == 0) || is_pdf_name(s);
}

void free_inputs(inputs *in)
{
    for (size_t i = 0; i < in->n; i++)
        free(in->v[i]);
    free(in->v);
    in->v = NULL;
    in->n = in->cap = 0;
}

/* ---- a walk in sorted order that holds one directory listing per level,
   not every path: memory does not grow with the corpus ---- */

static int is_dir(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Names in byte order, a directory's trailing '/' left out of it. The
   entries of one listing share their directory's path: the comparison
   starts after it (its length is the argument). */
static int cmp_entry(const void *a, const void *b, void *arg)
{
    size_t i = *(const size_t *)arg;
    const unsigned char *x = *(unsigned char *const *)a, *y = *(unsigned char *const *)b;
    while (x[i] && x[i] == y[i])
        i++;
    int cx = x[i] == '/' && !x[i + 1] ? 0 : x[i];
    int cy = y[i] == '/' && !y[i + 1] ? 0 : y[i];
    return (cx > cy) - (cx < cy);
}

/* The sorted entries of dir that are directories, *.txt or *.pdf files,
   into l, which keeps the directory open (its files are opened in it,
   by name: no walk of their whole paths). A file's path has one byte
   after its end: 1 when the listing said a regular file, else 0. */
static int list_dir(const char *dir, struct level *l)
{
    inputs *out = &l->list;
    DIR *d = opendir(dir);
    if (!d)
        return 1; /* not a directory that opens: the caller reads it as a file */
    struct dirent *e;
    int rc = 0;
    size_t dn = strlen(dir);
    while (!rc && (e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        /* dir/name, with room for a directory's trailing '/' */
        size_t nn = strlen(e->d_name);
        char *path = malloc(dn + nn + 3);
        if (!path) {
            rc = -1;
            break;
        }
        memcpy(path, dir, dn);
        path[dn] = '/';
        memcpy(path + dn + 1, e->d_name, nn + 1);
        /* the entry's type from readdir when it knows it, else from stat;
           a directory is kept with a trailing '/' so the walk need not ask again */
        int dir_entry = e->d_type == DT_DIR || ((e->d_type == DT_UNKNOWN || e->d_type == DT_LNK) && is_dir(path));
        if (dir_entry) {
            path[dn + 1 + nn] = '/';
            path[dn + 2 + nn] = 0;
        } else if (!wanted(e->d_name)) {
            free(path);
            continue;
        } else {
            path[dn + 2 + nn] = e->d_type == DT_REG;
        }
        if (take_input(out, path) != 0) {
            free(path);
            rc = -1;
        }
    }
    l->dir = d;
    l->name = dn + 1;
    /* a directory with nothing to read leaves v NULL, which qsort must not get */
    size_t common = dn + 1;
    if (out->n > 1)
        qsort_r(out->v, out->n, sizeof *out->v, cmp_entry, &common);
    return rc;
}

void walker_init(walker *w, char **args, size_t nargs)
{
    memset(w, 0, sizeof *w);
    w->args = args;
    w->nargs = nargs;
}

static int walker_push(walker *w, const char *dir)
{
    if (w->depth == w->cap) {
        size_t cap = w->cap ? w->cap * 2 : 8;
        struct level *v = realloc(w->stack, cap * sizeof *v);
        if (!v)
            return -1;
        w->stack = v;
        w->cap = cap;
    }
    struct level *l = &w->stack[w->depth];
    memset(l, 0, sizeof *l);
    int rc = list_dir(dir, l);
    if (rc) {
        free_inputs(&l->list);
        if (l->dir)
            closedir(l->dir);
        return rc;
    }
    w->depth++;
    return 0;
}

/* The level's listing done: its directory closed */
static void level_free(struct level *l)
{
    free_inputs(&l->list);
    if (l->dir)
        closedir(l->dir);
    l->dir = NULL;
}

int walker_next_at(walker *w, char **path, int *dirfd_out, const char **name, int *reg)
{
    for (;;) {
        if (w->depth) {
            struct level *l = &w->stack[w->depth - 1];
            if (l->i == l->list.n) {
                level_free(l);
                w->depth--;
                continue;
            }
            char *p = l->list.v[l->i];
            l->list.v[l->i++] = NULL;
            size_t pn = strlen(p);
            if (pn > 1 && p[pn - 1] == '/') {
                p[pn - 1] = 0; /* a directory of the listing */
                int rc = walker_push(w, p);
                if (rc == 0 || rc < 0) {
                    free(p);
                    if (rc < 0)
                        return -1;
                    continue;
                }
                /* a directory that does not open: its error says why */
                *dirfd_out = AT_FDCWD;
                *name = p;
                *reg = 0;
            } else {
                /* a file of the listing: its name in the open directory */
                *dirfd_out = dirfd(l->dir);
                *name = p + l->name;
                *reg = p[pn + 1] == 1;
            }
            *path = p;
            return 1;
        }
        if (w->ai == w->nargs && (w->nargs || w->stdin_done))
            return 0;
        const char *a = w->nargs ? w->args[w->ai++] : "-";
        w->stdin_done = 1;
        if (strcmp(a, "-") != 0 && is_dir(a)) {
            int rc = walker_push(w, a);
            if (rc < 0)
                return -1;
            if (rc == 0)
                continue;
        }
        *path = strdup(a);
        *dirfd_out = AT_FDCWD;
        *name = *path;
        *reg = 0;
        return *path ? 1 : -1;
    }
}

int walker_next(walker *w, char **path)
{
    int fd, reg;
    const char *name;
    return walker_next_at(w, path, &fd, &name, &reg);
}

void walker_free(walker *w)
{
    while (w->depth)
        level_free(&w->stack[--w->depth]);
    free(w->stack);
    w->stack = NULL;
    w->cap = 0;
}

int add_input(inputs *in, const char *arg)
{
    char *a = (char *)arg;
    walker w;
    walker_init(&w, &a, 1);
    char *p;
    int rc;
    while ((rc = walker_next(&w, &p)) > 0) {
        int e = push_input(in, p);
        free(p);
        if (e) {
            rc = -1;
            break;
        }
    }
    walker_free(&w);
    return rc < 0 ? -1 : 0;
}
