/* PDFs: each read by the PDF layer in a child process of its own, under
   resource limits, so that a PDF that crashes, exhausts memory or hangs
   poppler or Tesseract costs that input an error record and nothing more.

   The child runs protokoll-pdf-reader (cli/pdf_reader.c), an executable of
   its own: the command links neither poppler nor Tesseract. It is found
   by PROTOKOLL_PDF_READER, else beside this program (a build tree, or an
   installed BINDIR), else at the path compiled in (PK_PDF_READER, the
   Makefile's BINDIR). A fresh process, not a fork of a parent that has
   threads, with an address-space limit (RLIMIT_AS), a CPU time limit
   (RLIMIT_CPU) and no core file, set between fork and exec. It reads the
   PDF from its standard input (a memfd holding the bytes) and writes
   frames to fd 3 (see cli/pdf_reader.c). The parent also kills it after a
   wall-clock limit. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "cli.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

#ifndef PK_PDF_READER
#define PK_PDF_READER "/usr/local/bin/" PDF_READER_NAME
#endif

int is_pdf_name(const char *path)
{
    size_t n = strlen(path);
    return n > 4 && strcasecmp(path + n - 4, ".pdf") == 0;
}

int looks_like_pdf(const char *data, size_t len) { return len >= 5 && memcmp(data, "%PDF-", 5) == 0; }

/* ---- the reader ---- */

#define READER_HINT "install it (make install) or set PROTOKOLL_PDF_READER to its path"

/* The reader's path into path (n bytes): PROTOKOLL_PDF_READER when set;
   else beside this program when it is there; else the path compiled in.
   0, or -1 with err naming the paths tried and how to fix it. */
static int find_reader(char *path, size_t n, char *err, size_t errn)
{
    const char *env = getenv("PROTOKOLL_PDF_READER");
    if (env && *env) {
        int e = strlen(env) < n ? 0 : ENAMETOOLONG;
        if (!e) {
            memcpy(path, env, strlen(env) + 1);
            if (access(path, X_OK) == 0)
                return 0;
            e = errno;
        }
        snprintf(err, errn,
                 "cannot run the PDF reader %s (PROTOKOLL_PDF_READER): %s; set PROTOKOLL_PDF_READER to the path "
                 "of " PDF_READER_NAME ", or unset it to use the one installed (make install)",
                 env, strerror(e));
        return -1;
    }
    char self[PATH_MAX], beside[PATH_MAX + sizeof PDF_READER_NAME] = "";
    ssize_t k = readlink("/proc/self/exe", self, sizeof self - 1);
    char *slash = k > 0 ? memrchr(self, '/', (size_t)k) : NULL;
    if (slash) {
        slash[1] = 0;
        snprintf(beside, sizeof beside, "%s" PDF_READER_NAME, self);
    }
    /* the first of the two that exists; it must then run */
    const char *tries[2] = {beside, PK_PDF_READER};
    for (int i = 0; i < 2; i++) {
        if (!*tries[i] || strlen(tries[i]) >= n || access(tries[i], F_OK) != 0)
            continue;
        if (access(tries[i], X_OK) != 0) {
            snprintf(err, errn, "cannot run the PDF reader %s: %s; " READER_HINT, tries[i], strerror(errno));
            return -1;
        }
        memcpy(path, tries[i], strlen(tries[i]) + 1);
        return 0;
    }
    if (*beside && strcmp(beside, PK_PDF_READER) != 0)
        snprintf(err, errn, "cannot find the PDF reader: neither %s nor %s exists; " READER_HINT, beside,
                 PK_PDF_READER);
    else
        snprintf(err, errn, "cannot find the PDF reader: %s does not exist; " READER_HINT, PK_PDF_READER);
    return -1;
}

/* ---- the parent ---- */

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* An fd moved above the ones the child is given (0-3), close-on-exec so
   that no other thread's child inherits it. */
static int high_fd(int fd)
{
    if (fd < 0)
        return -1;
    int h = fcntl(fd, F_DUPFD_CLOEXEC, 10);
    close(fd);
    return h;
}

void pdf_result_free(pdf_result *r)
{
    free(r->text);
    for (size_t i = 0; i < r->n_warnings; i++)
        free(r->warnings[i]);
    free(r->warnings);
    memset(r, 0, sizeof *r);
}

/* What the child wrote: 1 when it ended with 'Z', 0 when it is cut short,
   -1 out of memory. An 'E' frame's message goes to err with *failed set. */
static int parse(const unsigned char *b, size_t n, pdf_result *r, int *failed, int *code, char *err, size_t errn)
{
    size_t at = 0;
    while (n - at >= 9) {
        uint64_t len = 0;
        for (int i = 0; i < 8; i++)
            len |= (uint64_t)b[at + 1 + (size_t)i] << (8 * i);
        char tag = (char)b[at];
        at += 9;
        if (len > n - at)
            return 0;
        const char *p = (const char *)b + at;
        size_t k = (size_t)len;
        at += k;
        if (tag == 'Z')
            return 1;
        if (tag == 'T') {
            free(r->text);
            if (!(r->text = malloc(k + 1)))
                return -1;
            memcpy(r->text, p, k);
            r->text[k] = 0;
            r->len = k;
        } else if (tag == 'W') {
            char **w = realloc(r->warnings, (r->n_warnings + 1) * sizeof *w);
            if (!w)
                return -1;
            r->warnings = w;
            if (!(w[r->n_warnings] = strndup(p, k)))
                return -1;
            r->n_warnings++;
        } else if (tag == 'E') {
            *failed = 1;
            *code = atoi(p);
            const char *tab = memchr(p, '\t', k);
            size_t off = tab ? (size_t)(tab + 1 - p) : 0;
            snprintf(err, errn, "%.*s", (int)(k - off), p + off);
        }
    }
    return 0;
}

int pdf_read_isolated(const char *data, size_t len, const pdf_settings *s, pdf_result *res, char *err,
                      size_t errn)
{
    memset(res, 0, sizeof *res);
    char reader[PATH_MAX];
    if (find_reader(reader, sizeof reader, err, errn) != 0)
        return -1;
    int in = high_fd(memfd_create("protokoll-pdf", MFD_CLOEXEC));
    int errout = high_fd(memfd_create("protokoll-pdf-stderr", MFD_CLOEXEC));
    int devnull = high_fd(open("/dev/null", O_WRONLY | O_CLOEXEC));
    int pfd[2] = {-1, -1};
    int ok = in >= 0 && errout >= 0 && devnull >= 0 && pipe2(pfd, O_CLOEXEC) == 0;
    if (ok) {
        pfd[0] = high_fd(pfd[0]);
        pfd[1] = high_fd(pfd[1]);
        ok = pfd[0] >= 0 && pfd[1] >= 0 && write_all(in, data, len) == 0 && lseek(in, 0, SEEK_SET) == 0;
    }
    /* the child's environment: OpenMP (Tesseract's) in one thread unless
       the caller said otherwise; the parallelism is -j's */
    size_t ne = 0, nk = 0;
    char *asan = NULL;
    while (environ[ne])
        ne++;
    char **envp = ok ? calloc(ne + 3, sizeof *envp) : NULL;
    if (envp) {
        for (size_t i = 0; i < ne; i++)
            if (strncmp(environ[i], "ASAN_OPTIONS=", 13) != 0)
                envp[nk++] = environ[i];
        if (!getenv("OMP_THREAD_LIMIT"))
            envp[nk++] = "OMP_THREAD_LIMIT=1";
#ifdef __SANITIZE_ADDRESS__
        /* no RLIMIT_AS under AddressSanitizer (below): its own limit on
           resident memory stands in */
        const char *ao = getenv("ASAN_OPTIONS");
        if (asprintf(&asan, "ASAN_OPTIONS=%s%shard_rss_limit_mb=%ld", ao ? ao : "", ao && *ao ? ":" : "",
                     s->memory_mib) < 0)
            asan = NULL;
#else
        if (getenv("ASAN_OPTIONS") && asprintf(&asan, "ASAN_OPTIONS=%s", getenv("ASAN_OPTIONS")) < 0)
            asan = NULL;
#endif
        if (asan)
            envp[nk++] = asan;
    }
    char *argv[] = {PDF_READER_NAME, s->no_ocr ? "no-ocr" : "ocr", NULL};
    pid_t pid = -1;
    if (ok && envp)
        pid = fork();
    if (pid == 0) {
        /* only async-signal-safe calls from here to exec */
        struct rlimit cpu = {(rlim_t)s->timeout_s, (rlim_t)s->timeout_s + 5}, core = {0, 0};
        if (dup2(in, 0) < 0 || dup2(devnull, 1) < 0 || dup2(errout, 2) < 0 || dup2(pfd[1], 3) < 0)
            _exit(126);
#ifndef __SANITIZE_ADDRESS__
        /* AddressSanitizer reserves terabytes of address space: a limit on
           it is left to builds without (theirs is hard_rss_limit_mb) */
        struct rlimit as = {(rlim_t)s->memory_mib << 20, (rlim_t)s->memory_mib << 20};
        setrlimit(RLIMIT_AS, &as);
#endif
        setrlimit(RLIMIT_CPU, &cpu);
        setrlimit(RLIMIT_CORE, &core);
        execve(reader, argv, envp);
        /* why, for the parent's message: "execve errno N" on stderr */
        char m[32] = "execve errno ";
        size_t at = sizeof "execve errno " - 1;
        char d[12];
        int nd = 0;
        for (int e = errno; nd == 0 || (e && nd < 11); e /= 10)
            d[nd++] = (char)('0' + e % 10);
        while (nd)
            m[at++] = d[--nd];
        m[at++] = '\n';
        ssize_t w = write(2, m, at);
        (void)w;
        _exit(127);
    }
    free(envp);
    free(asan);
    if (in >= 0)
        close(in);
    if (devnull >= 0)
        close(devnull);
    if (pfd[1] >= 0)
        close(pfd[1]);
    if (pid < 0) {
        snprintf(err, errn, "cannot start the PDF reader: %s", strerror(errno));
        if (pfd[0] >= 0)
            close(pfd[0]);
        if (errout >= 0)
            close(errout);
        return -1;
    }

    /* everything the child writes, until it closes fd 3 or time runs out */
    unsigned char *b = NULL;
    size_t n = 0, cap = 0;
    int timed_out = 0, oom = 0;
    double deadline = now() + 2.0 * (double)s->timeout_s;
    for (;;) {
        double left = deadline - now();
        if (left <= 0) {
            timed_out = 1;
            break;
        }
        struct pollfd p = {pfd[0], POLLIN, 0};
        int pr = poll(&p, 1, left > 1000 ? 1000000 : (int)(left * 1000) + 1);
        if (pr < 0 && errno == EINTR)
            continue;
        if (pr == 0)
            continue;
        if (n == cap) {
            size_t nc = cap ? cap * 2 : 65536;
            unsigned char *nb = nc <= PK_MAX_INPUT + ((size_t)1 << 20) ? realloc(b, nc) : NULL;
            if (!nb) {
                oom = 1;
                break;
            }
            b = nb;
            cap = nc;
        }
        ssize_t k = read(pfd[0], b + n, cap - n);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            break;
        n += (size_t)k;
    }
    if (timed_out || oom)
        kill(pid, SIGKILL);
    close(pfd[0]);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;

    /* the child's words on memory: poppler's "Out of memory", an uncaught
       std::bad_alloc, AddressSanitizer's "hard rss limit exhausted" (with
       a memory map after it): the first 16 MiB of its standard error */
    static const char *const needles[] = {"Out of memory", "bad_alloc", "out of memory", "rss limit"};
    int mem_hint = 0;
    char chunk[65536];
    off_t at = 0;
    for (ssize_t k; !mem_hint && at < (off_t)16 << 20 && (k = pread(errout, chunk, sizeof chunk - 1, at)) > 0;) {
        chunk[k] = 0;
        for (size_t i = 0; i < sizeof needles / sizeof *needles; i++)
            mem_hint |= memmem(chunk, (size_t)k, needles[i], strlen(needles[i])) != NULL;
        at += k > 32 ? k - 32 : k; /* an overlap: a needle across two reads */
    }
    /* the first line of it: why the reader did not start (exit 127) */
    char first[256] = "";
    ssize_t fk = pread(errout, first, sizeof first - 1, 0);
    first[fk > 0 ? fk : 0] = 0;
    first[strcspn(first, "\n")] = 0;
    close(errout);

    int failed = 0, code = 0, done = 0;
    if (!timed_out && !oom)
        done = parse(b, n, res, &failed, &code, err, errn);
    free(b);
    if (done < 0 || oom) {
        pdf_result_free(res);
        snprintf(err, errn, "out of memory");
        return -1;
    }
    if (done == 1 && WIFEXITED(status) && WEXITSTATUS(status) == 0) {
        if (!failed && res->text)
            return 0;
        pdf_result_free(res);
        if (code == PK_ENOMEM)
            snprintf(err, errn, "the PDF reader ran out of memory (its limit is %ld MiB)", s->memory_mib);
        return -1;
    }
    pdf_result_free(res);
    if (timed_out)
        snprintf(err, errn, "the PDF reader took longer than %ld s and was stopped", 2 * s->timeout_s);
    else if (WIFSIGNALED(status) && (WTERMSIG(status) == SIGXCPU || WTERMSIG(status) == SIGKILL))
        snprintf(err, errn, "the PDF reader used more than %ld s of CPU time and was stopped", s->timeout_s);
    else if (mem_hint)
        snprintf(err, errn, "the PDF reader ran out of memory (its limit is %ld MiB)", s->memory_mib);
    else if (WIFSIGNALED(status))
        snprintf(err, errn, "the PDF reader crashed (%s)", strsignal(WTERMSIG(status)));
    else if (WIFEXITED(status) && WEXITSTATUS(status) == 127 && done == 0)
        snprintf(err, errn, "cannot start the PDF reader %s: %s; " READER_HINT, reader,
                 strncmp(first, "execve errno ", 13) == 0 ? strerror(atoi(first + 13))
                 : *first                                 ? first
                                                          : "exit status 127");
    else
        snprintf(err, errn, "the PDF reader failed (exit status %d)", WIFEXITED(status) ? WEXITSTATUS(status) : -1);
    return -1;
}

/* ---- --text-dir ---- */

/* DIR/<the input's path, .pdf replaced by .txt>: a path made relative
   (leading / and ./ dropped, a .. component becoming _), so that two
   minutes.pdf in two folders keep two texts. */
static char *text_path(const char *dir, const char *source)
{
    const char *s = strcmp(source, "-") == 0 ? "stdin.pdf" : source;
    size_t n = strlen(s);
    char *out = malloc(strlen(dir) + n + 8);
    if (!out)
        return NULL;
    char *w = out + sprintf(out, "%s/", dir);
    while (*s == '/' || (s[0] == '.' && s[1] == '/'))
        s += *s == '/' ? 1 : 2;
    while (*s) {
        const char *e = strchr(s, '/');
        size_t k = e ? (size_t)(e - s) : strlen(s);
        if (k == 2 && s[0] == '.' && s[1] == '.')
            *w++ = '_';
        else if (!(k == 1 && s[0] == '.') && k) {
            memcpy(w, s, k);
            w += k;
        }
        s += k;
        while (*s == '/')
            s++;
        if (*s && w[-1] != '/')
            *w++ = '/';
    }
    *w = 0;
    n = strlen(out);
    if (is_pdf_name(out))
        out[n - 4] = 0;
    strcat(out, ".txt");
    return out;
}

int write_text(const char *dir, const char *source, const char *text, size_t len, char *err, size_t errn)
{
    char *path = text_path(dir, source);
    if (!path) {
        snprintf(err, errn, "out of memory");
        return -1;
    }
    /* the folders on the way, made as needed */
    for (char *p = path + strlen(dir) + 1; (p = strchr(p, '/')) != NULL; p++) {
        *p = 0;
        int rc = mkdir(path, 0777);
        *p = '/';
        if (rc && errno != EEXIST)
            break;
    }
    int rc = -1;
    FILE *f = fopen(path, "wb");
    if (f) {
        rc = fwrite(text, 1, len, f) == len ? 0 : -1;
        rc |= fclose(f);
    }
    if (rc)
        snprintf(err, errn, "cannot write %s: %s", path, strerror(errno));
    free(path);
    return rc;
}
