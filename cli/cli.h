/* What the command's parts share: inputs, reading, and the writers and
   subcommands in their own files. Uses only the public header. */
#ifndef PROTOKOLL_CLI_H
#define PROTOKOLL_CLI_H

#include <protokoll.h>
#include <stddef.h>

/* ---- inputs.c ---- */
typedef struct inputs {
    char **v;
    size_t n, cap;
} inputs;
/* Appends a copy of s; -1 when out of memory. */
int push_input(inputs *in, const char *s);
/* Appends a FILE, "-", or every *.txt and *.pdf under a DIR, recursively, in sorted
   order (the directory itself when it cannot be opened, so that its error
   is reported). */
int add_input(inputs *in, const char *arg);
void free_inputs(inputs *in);
/* The same inputs one at a time, in the same order, holding one sorted
   directory listing per level of the walk rather than every path. No
   argument means standard input. */
typedef struct walker {
    char **args;
    size_t nargs, ai;
    int stdin_done;
    struct level {
        inputs list;
        size_t i;
        void *dir;   /* the directory, open while its entries are taken (DIR *) */
        size_t name; /* where an entry's name starts in its path */
    } *stack;
    size_t depth, cap;
} walker;
void walker_init(walker *w, char **args, size_t nargs);
/* 1 and the next path (the caller frees it), 0 at the end, -1 out of memory. */
int walker_next(walker *w, char **path);
/* walker_next, and where the file opens: an entry of a directory's listing
   as the name (in *path) in that directory (*dirfd, open until the next
   call), else the path as it is (*dirfd AT_FDCWD); *reg 1 when the
   listing said a regular file (no stat needed), else 0 */
int walker_next_at(walker *w, char **path, int *dirfd, const char **name, int *reg);
void walker_free(walker *w);

/* ---- io.c: also compiled into the PDF reader ---- */
/* Reads a whole file ("-": standard input); NULL with a message in err. */
char *read_all(const char *path, size_t *len, char *err, size_t errn);
/* A buffer the reads of one thread reuse from one file to the next. */
typedef struct read_buf {
    char *s;
    size_t cap;
} read_buf;
/* Reads fd to its end into b (grown as needed), and closes it (not 0,
   standard input): b->s, or NULL with a message in err. reg: the file is
   known to be a regular one (no fstat: a read short of the room is its
   end); else fstat says what it is and how large. */
char *read_fd(int fd, int reg, read_buf *b, size_t *len, char *err, size_t errn);
/* read_fd, fd left open: the caller closes it */
char *read_open_fd(int fd, int reg, read_buf *b, size_t *len, char *err, size_t errn);
/* Closes the descriptors fd[0..n) above 0 (-1 and standard input are
   skipped), distinct and open: those whose numbers follow one another in
   fd[] with one system call (close_range), the others one by one. */
void close_fds(const int *fd, size_t n);
/* Writes all n bytes (retrying short writes); 0, or -1 with errno. */
int write_all(int fd, const void *p, size_t n);

/* ---- output.c: the one output writer ---- */
#include <stdio.h>
typedef struct aout {
    const char *path;
    char *tmp;
    FILE *f;
} aout;
/* Opens path for writing (NULL: standard output): a regular file through a
   temporary one renamed into place on close, anything else in place.
   0, or -1 with errno. */
int aout_open(aout *o, const char *path);
/* Closes; renames into place when ok (a failed write unlinks instead).
   0, or -1 with errno. */
int aout_close(aout *o, int ok);

/* ---- pdf.c: PDFs read in a child process under limits ---- */
/* The executable that reads a PDF (cli/pdf_reader.c), run by pdf.c. */
#define PDF_READER_NAME "protokoll-pdf-reader"
typedef struct pdf_settings {
    int no_ocr;       /* --no-ocr */
    long memory_mib;  /* --pdf-memory: the reader's address space (RLIMIT_AS) */
    long timeout_s;   /* --pdf-timeout: its CPU time (RLIMIT_CPU); twice this in wall-clock time */
} pdf_settings;
typedef struct pdf_result {
    char *text;
    size_t len;
    char **warnings;
    size_t n_warnings;
} pdf_result;
/* A .pdf name (any case), or bytes that open with the PDF header. */
int is_pdf_name(const char *path);
int looks_like_pdf(const char *data, size_t len);
/* Reads the PDF in a child process; 0 and *res (pdf_result_free), or -1 with err. */
int pdf_read_isolated(const char *data, size_t len, const pdf_settings *s, pdf_result *res, char *err,
                      size_t errn);
void pdf_result_free(pdf_result *r);
/* --text-dir: writes DIR/<source, .pdf as .txt>, making its folders. 0, or -1 with err. */
int write_text(const char *dir, const char *source, const char *text, size_t len, char *err, size_t errn);

/* ---- sqlite.c: -f sqlite ---- */
typedef struct sqlite_out sqlite_out;
/* Opens or creates the database and begins one transaction. */
sqlite_out *sqlite_out_open(const char *path, char *err, size_t errn);
/* Adds the records of one input (doc: one, or one per paragraph of whole
   minutes, with their meeting) or one failed input (doc NULL, error its
   message), replacing the earlier rows of the same source. 0, or -1 with err. */
int sqlite_out_add(sqlite_out *o, const char *source, const pk_doc *doc, const char *error, char *err, size_t errn);
/* Commits (commit != 0) or rolls back, and closes. 0, or -1 with err. */
int sqlite_out_close(sqlite_out *o, int commit, char *err, size_t errn);

/* ---- stats.c: protokoll stats ---- */
/* argv[0] is "stats". Returns the exit status. */
int stats_main(int argc, char **argv);

#endif
