/* A main() for the fuzz targets where libFuzzer is not available (gcc):
   runs LLVMFuzzerTestOneInput() once on every file given, and on every
   file under every directory given, so that the saved inputs run as
   regression tests under any compiler and sanitizer.

     driver [-v] [-1] [-s MS] [-t MS] FILE|DIR...

   Each input runs in a child process, so that one that crashes, fails a
   check or leaks (the sanitizers report at the child's exit) is named and
   the others still run; -1 runs them all in this process instead. -v
   prints every input with its time; -s MS (default 100) names the inputs
   that took longer than MS milliseconds; -t MS fails the run when one took
   longer than MS (as libFuzzer's -timeout). Exits 0 when every input
   passed in time, 1 when one failed or was too slow, 2 on a usage or I/O
   error. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int verbose, in_process;
static double slow_ms = 100.0, timeout_ms = 0.0;
static size_t ran, slow, timeouts, failed;
static double total_ms, worst_ms;
static char worst[4096];

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int run_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        perror(path);
        return -1;
    }
    size_t cap = 4096, n = 0;
    unsigned char *buf = malloc(cap);
    for (;;) {
        if (!buf) {
            fprintf(stderr, "%s: out of memory\n", path);
            fclose(f);
            return -1;
        }
        n += fread(buf + n, 1, cap - n, f);
        if (n < cap)
            break;
        cap *= 2;
        unsigned char *p = realloc(buf, cap);
        if (!p)
            free(buf);
        buf = p;
    }
    int err = ferror(f);
    fclose(f);
    if (err) {
        perror(path);
        free(buf);
        return -1;
    }
    /* an exact-size copy, as libFuzzer passes it: reading past the end is
       a heap overflow the sanitizer sees */
    unsigned char *data = malloc(n ? n : 1);
    if (!data) {
        free(buf);
        return -1;
    }
    memcpy(data, buf, n);
    free(buf);
    double t0 = now_ms();
    int ok = 1;
    if (in_process) {
        LLVMFuzzerTestOneInput(data, n);
    } else {
        fflush(NULL);
        pid_t pid = fork();
        if (pid < 0) {
            perror("fork");
            free(data);
            return -1;
        }
        if (pid == 0) {
            LLVMFuzzerTestOneInput(data, n);
            free(data);
            exit(0);
        }
        int status;
        while (waitpid(pid, &status, 0) < 0)
            ;
        ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
    }
    double ms = now_ms() - t0;
    free(data);
    ran++;
    if (!ok) {
        failed++;
        fprintf(stderr, "FAIL %s\n", path);
    }
    total_ms += ms;
    if (ms > worst_ms) {
        worst_ms = ms;
        snprintf(worst, sizeof worst, "%s", path);
    }
    if (ms > slow_ms) {
        slow++;
        fprintf(stderr, "slow: %s: %.1f ms\n", path, ms);
    }
    if (timeout_ms > 0 && ms > timeout_ms) {
        timeouts++;
        fprintf(stderr, "timeout: %s: %.1f ms (limit %.0f ms)\n", path, ms, timeout_ms);
    }
    if (verbose && ok)
        fprintf(stderr, "ok   %s (%zu bytes, %.1f ms)\n", path, n, ms);
    return 0;
}

static int by_name(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static int run_path(const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        perror(path);
        return -1;
    }
    if (!S_ISDIR(st.st_mode))
        return run_file(path);
    DIR *d = opendir(path);
    if (!d) {
        perror(path);
        return -1;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            char **p = realloc(names, cap * sizeof *names);
            if (!p)
                break;
            names = p;
        }
        size_t m = strlen(path) + strlen(e->d_name) + 2;
        names[n] = malloc(m);
        if (!names[n])
            break;
        snprintf(names[n], m, "%s/%s", path, e->d_name);
        n++;
    }
    closedir(d);
    qsort(names, n, sizeof *names, by_name); /* the same order on every run */
    int rc = 0;
    for (size_t i = 0; i < n; i++) {
        rc |= run_path(names[i]);
        free(names[i]);
    }
    free(names);
    return rc;
}

int main(int argc, char **argv)
{
    int i = 1, rc = 0;
    for (; i < argc && argv[i][0] == '-'; i++) {
        if (strcmp(argv[i], "-v") == 0)
            verbose = 1;
        else if (strcmp(argv[i], "-1") == 0)
            in_process = 1;
        else if (strcmp(argv[i], "-s") == 0 && i + 1 < argc)
            slow_ms = atof(argv[++i]);
        else if (strcmp(argv[i], "-t") == 0 && i + 1 < argc)
            timeout_ms = atof(argv[++i]);
        else
            break;
    }
    if (i >= argc) {
        fprintf(stderr, "usage: %s [-v] [-1] [-s MS] [-t MS] FILE|DIR...\n", argv[0]);
        return 2;
    }
    for (; i < argc; i++)
        rc |= run_path(argv[i]);
    fprintf(stderr, "%s: %zu inputs, %zu failed, %zu too slow; %.1f ms in all, slowest %.1f ms (%s), %zu over %.0f ms\n",
            argv[0], ran, failed, timeouts, total_ms, worst_ms, ran ? worst : "-", slow, slow_ms);
    if (rc)
        return 2;
    return failed || timeouts ? 1 : 0;
}
