/* What the fuzz targets share: a failed check aborts with its condition
   and place, which libFuzzer and the driver report as a crash. Each
   target defines FUZZ_NAME before including this. */
#ifndef PK_FUZZ_CHECK_H
#define PK_FUZZ_CHECK_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void fail(const char *what, const char *file, int at)
{
    fprintf(stderr, FUZZ_NAME ": check failed: %s (%s:%d)\n", what, file, at);
    abort();
}

#define CHECK(cond)                                                                                                    \
    do {                                                                                                               \
        if (!(cond))                                                                                                   \
            fail(#cond, __FILE__, __LINE__);                                                                           \
    } while (0)

#endif
