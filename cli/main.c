/* protokoll - the command. Uses only the public header. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "cli.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

enum fmt { F_JSONL, F_JSON, F_CSV, F_SQLITE };

static const char usage[] =
    "usage: protokoll [-f FORMAT] [-o FILE] [-j N] [FILE|DIR ...]\n"
    "       protokoll [--text-dir DIR] [--no-ocr] [--pdf-memory MIB] [--pdf-timeout S] ...\n"
    "\n"
    "Extracts the records of each Swedish municipal minutes text or PDF: the\n"
    "deciding nämnd, the decisions, the units, dates, diarienummer and people,\n"
    "each value with its byte span and page. Minutes of several paragraphs give\n"
    "a record per paragraph, each with the meeting's header; any other input one.\n"
    "\n"
    "  -f, --format FORMAT  jsonl (default, one record a line), json (one array),\n"
    "                       csv (one row per record and unit) or sqlite\n"
    "                       (a database; needs -o, updates it in place)\n"
    "  -o, --output FILE    write to FILE (atomically) instead of standard output\n"
    "  -j, --jobs N         process in N threads; output order is input order\n"
    "      --text-dir DIR   write each PDF's text to DIR/<its path>.txt (spans point into it)\n"
    "      --no-ocr         leave pages without a text layer unread (a warning says which)\n"
    "      --pdf-memory MIB the PDF reader's memory limit (address space), default 2048\n"
    "      --pdf-timeout S  its CPU time limit, default 600; stopped after twice that in all\n"
    "  -h, --help           show this help\n"
    "  -V, --version        show the version\n"
    "\n"
    "With no FILE, or FILE -, reads standard input. A DIR means every *.txt and\n"
    "*.pdf under it, in sorted order. A PDF (.pdf, or bytes that begin %PDF-)\n"
    "is read as pdftotext reads it, page by page, a page without a text layer\n"
    "by OCR (Tesseract, Swedish), each in a child process under the limits:\n"
    "protokoll-pdf-reader, found beside this program or where it was installed\n"
    "($PROTOKOLL_PDF_READER names another).\n"
    "Exit status: 0 all inputs processed, 1 some input failed (its error record\n"
    "was written), 2 usage error.\n"
    "\n"
    "protokoll stats [--by year|body|class] [--format csv|json] [--svg FILE] [-o FILE] [FILE|DIR|- ...]\n"
    "counts participations; see protokoll stats --help.\n";

/* ---- work ---- */

typedef struct job {
    char *path;    /* the input, from the walk */
    int fd;        /* the input opened as it was taken, or -1 ... */
    int open_errno; /* ... and why not */
    int reg;       /* the walk's listing said a regular file */
    char *text;    /* the input as read (in a buffer of the thread's), or NULL ... */
    char read_err[256]; /* ... and why */
    char *out;     /* the rendered record(s): out_len bytes (and a NUL) */
    size_t out_len, out_cap; /* (out's room: kept for the slot's next input) */
    pk_doc *doc;   /* -f sqlite: the record itself, written by the main thread */
    char *error;   /* -f sqlite: the error of a failed input */
    int failed;    /* the input gave an error record */
    size_t bytes;  /* input size, for progress */
    int done;
} job;

typedef struct run {
    const pk_extractor *ex;
    const pdf_settings *pdf; /* how PDFs are read */
    const char *text_dir;    /* --text-dir, or NULL */
    walker *wk;    /* the inputs, taken one at a time under mu */
    int exhausted; /* the walk has ended */
    int oom;       /* the walk ran out of memory */
    enum fmt fmt;
    job *jobs;
    size_t next, written, window;
    size_t batch; /* the inputs a thread takes at once (BATCH, fewer at many jobs) */
    pthread_mutex_t mu;
    pthread_cond_t cv;
} run;

/* j's output the error record of source (a string of its own: the
   slot's room is given back); NULL when out of memory */
static void render_error(job *j, enum fmt fmt, const char *source, const char *msg)
{
    free(j->out);
    j->out = fmt == F_CSV ? pk_error_to_csv(source, msg) : pk_error_to_json(source, msg);
    j->out_len = j->out ? strlen(j->out) : 0;
    j->out_cap = j->out ? j->out_len + 1 : 0;
}

/* The most room a slot keeps for its next input's output: the window
   holds 4 + 16 slots a thread (4 + 48 with more than one), so at 64 KB
   its slots keep at most 1.3 MB at -j 1 and 6.5 MB at -j 2 after a run of
   long minutes, where a document's records take a few KB */
#define OUT_KEEP ((size_t)64 << 10)

/* s[0..n) after j's output so far; 0, or -1 when out of memory */
static int out_add(job *j, const char *s, size_t n)
{
    if (j->out_len + n + 1 > j->out_cap) {
        size_t nc = 2 * (j->out_len + n + 1);
        char *grown = realloc(j->out, nc);
        if (!grown)
            return -1;
        j->out = grown;
        j->out_cap = nc;
    }
    memcpy(j->out + j->out_len, s, n);
    j->out_len += n;
    j->out[j->out_len] = 0;
    return 0;
}

/* Every record of a doc (one per paragraph of whole minutes), as the
   format writes them one after another: JSONL lines, the elements of the
   JSON array, CSV rows; into j's output, in the room the slot kept from
   its input before (JSON written there as it is made, no string of its
   own per record). 0, or -1 when out of memory (the room given back). */
static int render_records(job *j, enum fmt fmt, const pk_doc *doc)
{
    size_t n = pk_doc_count(doc);
    const char *sep = fmt == F_CSV ? "" : fmt == F_JSON ? ",\n" : "\n";
    j->out_len = 0;
    for (size_t k = 0; k < n; k++) {
        if (k && out_add(j, sep, strlen(sep)))
            goto oom;
        if (fmt != F_CSV) {
            if (pk_doc_record_json_append(doc, k, &j->out, &j->out_len, &j->out_cap))
                goto oom;
            continue;
        }
        char *one = pk_doc_record_to_csv(doc, k);
        int rc = one ? out_add(j, one, strlen(one)) : -1;
        free(one);
        if (rc)
            goto oom;
    }
    if (n == 0) /* (no doc: as when out of memory) */
        goto oom;
    return 0;
oom:
    free(j->out);
    j->out = NULL;
    j->out_len = j->out_cap = 0;
    return -1;
}

/* Input i read into rb (its text there until it is processed), or why
   not; its descriptor, left open for the caller to close, or -1 */
static int fetch(run *r, size_t i, read_buf *rb)
{
    job *j = &r->jobs[i % r->window];
    size_t len = 0;
    int fd = j->fd;
    j->text = NULL;
    if (fd < 0)
        snprintf(j->read_err, sizeof j->read_err, "%s", strerror(j->open_errno));
    else
        j->text = read_open_fd(fd, j->reg, rb, &len, j->read_err, sizeof j->read_err);
    j->fd = -1;
    j->bytes = len;
    return fd;
}

/* Document i, fetched before. */
static void process(run *r, size_t i)
{
    job *j = &r->jobs[i % r->window];
    const char *path = j->path;
    const char *source = strcmp(path, "-") == 0 ? "-" : path;
    char err[1024]; /* a PDF reader not found: two paths and the fix */
    size_t len = j->bytes;
    char *text = j->text;
    j->text = NULL;
    if (!text && r->fmt == F_SQLITE) {
        j->error = strdup(j->read_err);
        j->failed = 1;
        return;
    }
    if (!text) {
        render_error(j, r->fmt, source, j->read_err);
        j->failed = 1;
        return;
    }
    /* a PDF: its text from the reader in a child process, the warnings added to its record */
    pdf_result pr = {0};
    int is_pdf = is_pdf_name(path) || looks_like_pdf(text, len);
    if (is_pdf) {
        int prc = pdf_read_isolated(text, len, r->pdf, &pr, err, sizeof err);
        text = NULL; /* (rb's, kept for the next input) */
        if (prc == 0 && r->text_dir && write_text(r->text_dir, source, pr.text, pr.len, err, sizeof err) != 0) {
            pdf_result_free(&pr);
            prc = -1;
        }
        if (prc != 0) {
            if (r->fmt == F_SQLITE)
                j->error = strdup(err);
            else
                render_error(j, r->fmt, source, err);
            j->failed = 1;
            return;
        }
        text = pr.text;
        len = pr.len;
        pr.text = NULL;
    }
    pk_doc *doc = NULL;
    pk_error e;
    int rc = pk_extract_ex(r->ex, text, len, source, &doc, &e);
    if (is_pdf)
        free(text); /* the reader's text; a file's stays in rb */
    for (size_t k = 0; rc == 0 && k < pr.n_warnings; k++)
        if (pk_doc_add_warning(doc, pr.warnings[k]) != 0) {
            pk_doc_free(doc);
            doc = NULL;
            rc = PK_ENOMEM;
            snprintf(e.message, sizeof e.message, "%s", pk_strerror(PK_ENOMEM));
        }
    pdf_result_free(&pr);
    if (rc && r->fmt == F_SQLITE) {
        j->error = strdup(e.message);
        j->failed = 1;
        return;
    }
    if (r->fmt == F_SQLITE) {
        j->doc = doc;
        return;
    }
    if (rc) {
        render_error(j, r->fmt, source, e.message);
        j->failed = 1;
        return;
    }
    if (render_records(j, r->fmt, doc)) {
        render_error(j, r->fmt, source, pk_strerror(PK_ENOMEM));
        j->failed = 1;
    }
    pk_doc_free(doc);
}

/* Takes the next input into its slot (mu held): 1 and its index, 0 when the
   walk has ended, -1 when the window is full and the caller must wait. */
static int claim(run *r, size_t *k)
{
    if (r->exhausted)
        return 0;
    /* bounded memory: no more than `window` documents ahead of the writer */
    if (r->next >= r->written + r->window)
        return -1;
    char *path = NULL;
    const char *name;
    int dir, reg;
    int rc = walker_next_at(r->wk, &path, &dir, &name, &reg);
    if (rc <= 0) {
        r->exhausted = 1;
        r->oom |= rc < 0;
        pthread_cond_broadcast(&r->cv);
        return 0;
    }
    *k = r->next++;
    job *j = &r->jobs[*k % r->window];
    j->path = path;
    /* opened here, while the walk holds its directory open: by its name
       there, not by its whole path (standard input as "-"); not handed to
       a PDF reader another thread starts meanwhile */
    j->fd = strcmp(path, "-") == 0 ? 0 : openat(dir, name, O_RDONLY | O_CLOEXEC);
    j->open_errno = j->fd < 0 ? errno : 0;
    j->reg = reg;
    return 1;
}

/* The most inputs a thread takes at once: opened, read and closed one
   after another, then extracted one after another. The code that runs
   after a file's system calls finds the caches and branch predictors
   colder; with the calls of sixteen files together, it does so once in
   sixteen documents (1,000 documents of the benchmark read and extracted
   in memory: 44.5 us a document with each one's reads before it, 43.2
   with sixteen's before them) */
#define BATCH 16
/* A batch's inputs are read ahead by about this many bytes at most, then
   extracted, then the rest read */
#define READ_AHEAD ((size_t)1 << 20)
/* The most room a thread keeps for its next reads, per buffer: sixteen
   buffers kept at 128 KB hold at most 2 MB between batches, where most
   minutes are read into one of a few KB (a longer file's room is taken
   for it and given back after it) */
#define READ_KEEP ((size_t)128 << 10)

/* Takes the next inputs, *want of them (at most r->batch) or those left
   (mu held): their number and the first one's index (they follow it), 0
   when the walk has ended, -1 when the window has no room for the batch
   and the caller must wait (a thread that took what room there was would
   go on by ones). A thread's batches grow from one input, doubling up to
   r->batch (*want, the thread's own: next_want()), and a PDF ends the
   batch it is taken into: a few long inputs (PDFs, each read by a process
   of its own, or large minutes) are spread over the threads, not all
   taken by the first. */
static int claim_batch(run *r, size_t *k0, size_t *want)
{
    if (r->exhausted)
        return 0;
    if (r->next + *want > r->written + r->window)
        return -1;
    int c = 0;
    while ((size_t)c < *want) {
        size_t k;
        int rc = claim(r, &k);
        if (rc <= 0)
            break;
        if (c++ == 0)
            *k0 = k;
        if (is_pdf_name(r->jobs[k % r->window].path))
            break;
    }
    if (c == 0)
        return r->exhausted ? 0 : -1;
    return c;
}

/* An input of this many bytes or more, on average over a batch, is a long
   one: the batch after it is of one input again */
#define LONG_INPUT ((size_t)64 << 10)

/* The size of a thread's next batch after one of n inputs that held
   `bytes` bytes: twice the last (up to r->batch) after short inputs, one
   after long ones */
static size_t next_want(const run *r, size_t want, size_t n, size_t bytes)
{
    if (bytes >= LONG_INPUT * n)
        return 1;
    return 2 * want < r->batch ? 2 * want : r->batch;
}

/* Reads and processes inputs k0 .. k0 + n - 1 (mu not held), with the
   thread's buffers rb[0 .. n), and marks each done as it is. The files
   read ahead are closed together: most often one system call (their
   descriptors were opened one after another). The bytes read. */
static size_t take_batch(run *r, size_t k0, size_t n, read_buf *rb)
{
    int fds[BATCH];
    size_t total = 0;
    for (size_t i = 0; i < n;) {
        size_t m = i, bytes = 0;
        do {
            fds[m - i] = fetch(r, k0 + m, &rb[m]);
            bytes += r->jobs[(k0 + m) % r->window].bytes;
            m++;
        } while (m < n && bytes < READ_AHEAD);
        close_fds(fds, m - i);
        total += bytes;
        for (; i < m; i++) {
            process(r, k0 + i);
            if (rb[i].cap > READ_KEEP) {
                free(rb[i].s);
                rb[i].s = NULL;
                rb[i].cap = 0;
            }
            pthread_mutex_lock(&r->mu);
            r->jobs[(k0 + i) % r->window].done = 1;
            pthread_cond_broadcast(&r->cv);
            pthread_mutex_unlock(&r->mu);
        }
    }
    return total;
}

static void *worker(void *arg)
{
    run *r = arg;
    read_buf rb[BATCH] = {{NULL, 0}};
    size_t want = 1;
    pthread_mutex_lock(&r->mu);
    for (;;) {
        size_t k0 = 0;
        int c = claim_batch(r, &k0, &want);
        if (c == 0)
            break;
        if (c < 0) {
            pthread_cond_wait(&r->cv, &r->mu);
            continue;
        }
        pthread_mutex_unlock(&r->mu);
        want = next_want(r, want, (size_t)c, take_batch(r, k0, (size_t)c, rb));
        pthread_mutex_lock(&r->mu);
    }
    pthread_mutex_unlock(&r->mu);
    for (size_t i = 0; i < BATCH; i++)
        free(rb[i].s);
    return NULL;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void progress(size_t done, size_t total, double bytes, double t0, int final)
{
    static double last;
    double el = now() - t0;
    if (!final && (el < 1.0 || el - last < 0.1))
        return; /* at most ten updates a second, none in the first */
    last = el;
    double mbs = el > 0 ? bytes / 1e6 / el : 0;
    double eta = done ? el / (double)done * (double)(total - done) : 0;
    fprintf(stderr, "\rprotokoll: %zu/%zu documents, %.1f MB/s, ETA %.0f s   ", done, total, mbs, eta);
    if (final)
        fputc('\n', stderr);
}

static inputs in; /* freed by main() whatever the way out */

static int run_command(int argc, char **argv)
{
    enum fmt fmt = F_JSONL;
    const char *outpath = NULL;
    long jobs = 1;
    int only_files = 0;
    static pdf_settings pdf = {0, 2048, 600};
    const char *text_dir = NULL;
    signal(SIGPIPE, SIG_IGN);
    if (argc > 1 && strcmp(argv[1], "stats") == 0)
        return stats_main(argc - 1, argv + 1);
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!only_files && (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0)) {
            fputs(usage, stdout);
            return fclose(stdout) == 0 ? 0 : 1;
        }
        if (!only_files && (strcmp(a, "-V") == 0 || strcmp(a, "--version") == 0)) {
            printf("protokoll %s\n", pk_version());
            return fclose(stdout) == 0 ? 0 : 1;
        }
        if (!only_files && strcmp(a, "--") == 0) {
            only_files = 1;
            continue;
        }
        if (!only_files && strcmp(a, "--no-ocr") == 0) {
            pdf.no_ocr = 1;
            continue;
        }
        if (!only_files && (strcmp(a, "--text-dir") == 0 || strcmp(a, "--pdf-memory") == 0 ||
                            strcmp(a, "--pdf-timeout") == 0)) {
            if (i + 1 >= argc) {
                fprintf(stderr, "protokoll: option %s needs a value\n", a);
                return 2;
            }
            const char *val = argv[++i];
            if (strcmp(a, "--text-dir") == 0) {
                text_dir = val;
                continue;
            }
            /* MiB up to 1 TiB; seconds up to a day */
            int memory = strcmp(a, "--pdf-memory") == 0;
            long max = memory ? 1L << 20 : 86400L;
            char *end;
            long v = strtol(val, &end, 10);
            if (!*val || *end || v < 1 || v > max) {
                fprintf(stderr, "protokoll: %s needs a number from 1 to %ld\n", a, max);
                return 2;
            }
            *(memory ? &pdf.memory_mib : &pdf.timeout_s) = v;
            continue;
        }
        if (!only_files && a[0] == '-' && a[1]) {
            const char *val = NULL;
            char opt = 0;
            if (strcmp(a, "-f") == 0 || strcmp(a, "--format") == 0)
                opt = 'f';
            else if (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0)
                opt = 'o';
            else if (strcmp(a, "-j") == 0 || strcmp(a, "--jobs") == 0)
                opt = 'j';
            else if (strncmp(a, "-f", 2) == 0 || strncmp(a, "-o", 2) == 0 || strncmp(a, "-j", 2) == 0) {
                opt = a[1];
                val = a + 2;
            } else {
                fprintf(stderr, "protokoll: unknown option %s\n%s", a, usage);
                return 2;
            }
            if (!val) {
                if (i + 1 >= argc) {
                    fprintf(stderr, "protokoll: option %s needs a value\n", a);
                    return 2;
                }
                val = argv[++i];
            }
            if (opt == 'f') {
                if (strcmp(val, "jsonl") == 0)
                    fmt = F_JSONL;
                else if (strcmp(val, "json") == 0)
                    fmt = F_JSON;
                else if (strcmp(val, "csv") == 0)
                    fmt = F_CSV;
                else if (strcmp(val, "sqlite") == 0)
                    fmt = F_SQLITE;
                else {
                    fprintf(stderr, "protokoll: unknown format %s (jsonl, json, csv or sqlite)\n", val);
                    return 2;
                }
            } else if (opt == 'o') {
                outpath = val;
            } else {
                char *end;
                jobs = strtol(val, &end, 10);
                if (*end || jobs < 1 || jobs > 256) {
                    fprintf(stderr, "protokoll: -j needs a number from 1 to 256\n");
                    return 2;
                }
            }
            continue;
        }
        int rc = push_input(&in, a);
        if (rc) {
            fprintf(stderr, "protokoll: out of memory\n");
            return 1;
        }
    }

    aout o = {0};
    FILE *out = NULL;
    sqlite_out *db = NULL;
    char dberr[512] = "";
    if (fmt == F_SQLITE) {
        if (!outpath) {
            fprintf(stderr, "protokoll: -f sqlite needs -o FILE.db\n");
            return 2;
        }
        if (!(db = sqlite_out_open(outpath, dberr, sizeof dberr))) {
            fprintf(stderr, "protokoll: cannot write %s: %s\n", outpath, dberr);
            return 1;
        }
    } else {
        if (aout_open(&o, outpath) != 0) {
            fprintf(stderr, "protokoll: cannot write %s: %s\n", outpath, strerror(errno));
            return 1;
        }
        out = o.f;
        /* records reach a file or a pipe in blocks of 128 KB, not of the
           4 KB a stream takes by default: a write call per 32 records
           fewer (a terminal keeps its lines) */
        static char outbuf[(size_t)1 << 17]; /* lives as long as the stream */
        if (!isatty(fileno(out)))
            setvbuf(out, outbuf, _IOFBF, sizeof outbuf);
    }

    pk_extractor *ex = pk_extractor_new();
    if (!ex) {
        fprintf(stderr, "protokoll: out of memory\n");
        return 1;
    }
    walker wk;
    walker_init(&wk, in.v, in.n);
    if (text_dir && mkdir(text_dir, 0777) != 0 && errno != EEXIST) {
        fprintf(stderr, "protokoll: cannot make %s: %s\n", text_dir, strerror(errno));
        return 1;
    }
    /* a batch of sixteen inputs a thread, fewer where many threads would
       hold more than 256 inputs open at once; room in the window for three
       a thread, so that a thread seldom waits for the writer (one job: the
       writer itself, one batch) */
    size_t batch = 256 / (size_t)jobs;
    batch = batch > BATCH ? BATCH : batch ? batch : 1;
    run r = {.ex = ex,
             .pdf = &pdf,
             .text_dir = text_dir,
             .wk = &wk,
             .fmt = fmt,
             .window = (size_t)jobs * (4 + (jobs > 1 ? 3 : 1) * batch),
             .batch = batch};
    /* a ring of `window` slots: memory bounded by the documents in flight */
    r.jobs = calloc(r.window, sizeof *r.jobs);
    if (!r.jobs) {
        fprintf(stderr, "protokoll: out of memory\n");
        return 1;
    }
    /* the lock is held a few microseconds a document (the next input taken
       and opened, a slot marked done): a thread that finds it taken spins
       that long rather than sleep in the kernel and be woken (glibc's
       adaptive mutex; over 7,047 documents at -j 2, 2,055 futex calls
       before, 369 after) */
    pthread_mutexattr_t ma;
    pthread_mutexattr_init(&ma);
#if defined(__GLIBC__) && defined(PTHREAD_ADAPTIVE_MUTEX_INITIALIZER_NP)
    pthread_mutexattr_settype(&ma, PTHREAD_MUTEX_ADAPTIVE_NP);
#endif
    pthread_mutex_init(&r.mu, &ma);
    pthread_mutexattr_destroy(&ma);
    pthread_cond_init(&r.cv, NULL);
    pthread_t *th = calloc((size_t)jobs, sizeof *th);
    long started = 0;
    /* the main thread writes and, while it waits, extracts too: N jobs are
       N - 1 workers and itself (one job: no hand-offs at all) */
    for (long k = 0; th && k + 1 < jobs; k++)
        if (pthread_create(&th[k], NULL, worker, &r) == 0)
            started++;
    if (!th) {
        fprintf(stderr, "protokoll: out of memory\n");
        return 1;
    }

    /* the total for the progress bar: a walk that only counts */
    size_t total = 0;
    if (isatty(2)) {
        walker cw;
        char *p;
        walker_init(&cw, in.v, in.n);
        while (walker_next(&cw, &p) > 0) {
            free(p);
            total++;
        }
        walker_free(&cw);
    }
    int show = total > 1;
    double t0 = now(), bytes = 0;
    read_buf rb[BATCH] = {{NULL, 0}}; /* the main thread's reads */
    size_t want = 1;                  /* and the size of its next batch */
    int any_failed = 0, write_failed = 0;
    if (fmt == F_CSV)
        write_failed |= fputs(pk_csv_header(), out) < 0;
    else if (fmt == F_JSON)
        write_failed |= fputs("[\n", out) < 0;
    size_t i;
    for (i = 0;; i++) {
        int finished = 0;
        pthread_mutex_lock(&r.mu);
        while (!r.jobs[i % r.window].done) {
            if (r.exhausted) {
                if (i >= r.next) {
                    finished = 1;
                    break;
                }
                pthread_cond_wait(&r.cv, &r.mu);
                continue;
            }
            size_t k0 = 0;
            int c = claim_batch(&r, &k0, &want);
            if (c > 0) {
                pthread_mutex_unlock(&r.mu);
                want = next_want(&r, want, (size_t)c, take_batch(&r, k0, (size_t)c, rb));
                pthread_mutex_lock(&r.mu);
            } else if (c < 0) {
                pthread_cond_wait(&r.cv, &r.mu);
            }
        }
        pthread_mutex_unlock(&r.mu);
        if (finished)
            break;
        job *j = &r.jobs[i % r.window];
        if (db) {
            const char *src = strcmp(j->path, "-") == 0 ? "-" : j->path;
            if (!write_failed &&
                sqlite_out_add(db, src, j->doc, j->error ? j->error : "out of memory",
                               dberr, sizeof dberr) != 0)
                write_failed = 1;
            any_failed |= j->failed || (!j->doc && !j->error);
            pk_doc_free(j->doc);
            free(j->error);
            j->doc = NULL;
            j->error = NULL;
        } else if (!write_failed && j->out) {
            if (fmt == F_JSON && i)
                write_failed |= fputs(",\n", out) < 0;
            write_failed |= fwrite(j->out, 1, j->out_len, out) != j->out_len;
            if (fmt != F_CSV && fmt != F_JSON)
                write_failed |= fputc('\n', out) < 0;
        }
        if (!db && !j->out) {
            fprintf(stderr, "protokoll: %s: out of memory\n", j->path);
            any_failed = 1;
        }
        any_failed |= j->failed;
        bytes += (double)j->bytes;
        free(j->path);
        /* (the output's room stays with the slot, for document i + window;
           but the room of a large one, of whole minutes) */
        char *keep = j->out;
        size_t keep_cap = j->out_cap;
        if (keep_cap > OUT_KEEP) {
            free(keep);
            keep = NULL;
            keep_cap = 0;
        }
        pthread_mutex_lock(&r.mu);
        memset(j, 0, sizeof *j); /* the slot is free for document i + window */
        j->out = keep;
        j->out_cap = keep_cap;
        r.written = i + 1;
        pthread_cond_broadcast(&r.cv);
        pthread_mutex_unlock(&r.mu);
        if (show)
            progress(i + 1, total, bytes, t0, 0);
    }
    if (show && now() - t0 >= 1.0)
        progress(i, total, bytes, t0, 1);
    if (r.oom) {
        fprintf(stderr, "protokoll: out of memory\n");
        any_failed = 1;
    }
    if (fmt == F_JSON && !write_failed)
        write_failed |= fputs(i ? "\n]\n" : "]\n", out) < 0;
    for (long k = 0; k < started; k++)
        pthread_join(th[k], NULL);
    for (size_t k = 0; k < BATCH; k++)
        free(rb[k].s);
    free(th);
    for (size_t k = 0; k < r.window; k++)
        free(r.jobs[k].out);
    free(r.jobs);
    walker_free(&wk);
    pk_extractor_free(ex);

    if (db) {
        /* one transaction: all the documents, or on failure none */
        if (sqlite_out_close(db, !write_failed, dberr, sizeof dberr) != 0 || write_failed) {
            fprintf(stderr, "protokoll: cannot write %s: %s\n", outpath, dberr);
            return 1;
        }
        return any_failed ? 1 : 0;
    }
    if (aout_close(&o, !write_failed) != 0 || write_failed) {
        if (!outpath && errno == EPIPE)
            return any_failed; /* the reader went away: end quietly */
        if (outpath)
            fprintf(stderr, "protokoll: cannot write %s: %s\n", outpath, strerror(errno));
        else
            fprintf(stderr, "protokoll: write error: %s\n", strerror(errno));
        return 1;
    }
    return any_failed ? 1 : 0;
}

int main(int argc, char **argv)
{
#if defined(__GLIBC__)
    /* Each document's memory is allocated and freed whole, a few blocks of
       64 KB and more. Where they lie at the heap's top, glibc gives the
       free top back to the system at each document (above 128 KB) and
       takes it again at the next: two system calls and a page fault for
       every page, per document. The top is kept up to 16 MB instead. */
    mallopt(M_TRIM_THRESHOLD, 16 << 20);
#endif
    int rc = run_command(argc, argv);
    free_inputs(&in);
    return rc;
}
