/* libFuzzer target for the first two stages: pk_decode() (bytes to UTF-8
   with a map back to the input) and pk_normalize() (NFC, folding, page
   furniture, line-break hyphens). The input is the document's bytes.

   After pk_decode():
     - the result is 0 or PK_ENOTTEXT, and a refusal's offset is inside
       the input;
     - the text is valid UTF-8, NUL-terminated, with no control character
       but tab, line feed, carriage return and form feed;
     - the map has n+1 entries, map[n] is the input's length, every other
       entry points inside the input (after a byte order mark) at the
       start of a character, and it never decreases;
     - bytes copied from the input are the input's bytes; a UTF-8 input
       that is valid and has no control character comes out unchanged;
     - the counts of replaced bytes and dropped NULs are right.
   After pk_normalize():
     - the text is valid UTF-8 with no NUL, CR, tab or form feed;
     - no line starts or ends with a space, there is no empty first or
       last line and never two blank lines in a row;
     - the map never decreases, map[n] is the input's length, every other
       entry points inside the input at a character start, an ASCII
       letter or digit maps to the same letter or digit in the input and
       a line feed to a line break.
   A failed check aborts, which libFuzzer reports as a crash. */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#define FUZZ_NAME "fuzz_decode"
#include "check.h"

/* Decodes the character at s[i]; returns its length (> 0) or 0. */
static size_t cp_at(const char *s, size_t n, size_t i, utf8proc_int32_t *cp)
{
    utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), cp);
    return k > 0 ? (size_t)k : 0;
}

static int is_ctrl(unsigned char b)
{
    return (b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f') || b == 0x7F;
}

static int is_alnum(unsigned char b)
{
    return (b >= '0' && b <= '9') || (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z');
}

/* A line break in the input at off: LF, CR, FF, or U+0085, U+2028, U+2029. */
static int is_line_break(const unsigned char *in, size_t len, size_t off, int enc)
{
    unsigned char b = in[off];
    if (b == '\n' || b == '\r' || b == '\f')
        return 1;
    if (enc != ENC_UTF8)
        return 0;
    return (len - off >= 2 && b == 0xC2 && in[off + 1] == 0x85) ||
           (len - off >= 3 && b == 0xE2 && in[off + 1] == 0x80 && (in[off + 2] == 0xA8 || in[off + 2] == 0xA9));
}

/* Where the decoder starts a character: a byte below 0x80, a valid UTF-8
   sequence, or one invalid byte; in Windows-1252 every byte. Returns a
   flag per input byte. */
static unsigned char *char_starts(const unsigned char *in, size_t len, size_t lo, int enc)
{
    unsigned char *st = calloc(len + 1, 1);
    CHECK(st != NULL);
    for (size_t i = lo; i < len;) {
        size_t k = 1;
        if (enc == ENC_UTF8 && in[i] >= 0x80) {
            utf8proc_int32_t cp;
            utf8proc_ssize_t r = utf8proc_iterate(in + i, (utf8proc_ssize_t)(len - i < 4 ? len - i : 4), &cp);
            if (r > 0)
                k = (size_t)r;
        }
        st[i] = 1;
        CHECK(pk_orig_charlen(in, len, i, enc) == k);
        i += k;
    }
    return st;
}

/* The map of t points into in[lo, len) at character starts and never decreases. */
static void check_map(const pk_text *t, const unsigned char *in, size_t len, size_t lo, int enc)
{
    CHECK(pk_map_at(t, t->n) == len);
    unsigned char *st = char_starts(in, len, lo, enc);
    for (size_t i = 0; i < t->n; i++) {
        CHECK(pk_map_at(t, i) >= lo && pk_map_at(t, i) < len);
        CHECK(pk_map_at(t, i) <= pk_map_at(t, i + 1));
        CHECK(st[pk_map_at(t, i)]);
    }
    free(st);
}

static void check_utf8(const pk_text *t)
{
    CHECK(t->s[t->n] == 0);
    for (size_t i = 0; i < t->n;) {
        utf8proc_int32_t cp;
        size_t k = cp_at(t->s, t->n, i, &cp);
        CHECK(k > 0);
        CHECK(cp != 0);
        i += k;
    }
}

static void check_decoded(const unsigned char *in, size_t len, const pk_text *t, const decode_info *info)
{
    size_t start = info->had_bom ? 3 : 0;
    CHECK(!info->had_bom || (len >= 3 && memcmp(in, "\xEF\xBB\xBF", 3) == 0));
    CHECK(info->encoding == ENC_UTF8 || info->encoding == ENC_CP1252);
    check_utf8(t);
    CHECK(t->n <= 3 * (len - start));
    check_map(t, in, len, start, info->encoding);

    size_t replaced = 0, nuls = 0, ctrl = 0;
    for (size_t i = start; i < len; i++) {
        nuls += in[i] == 0 ? 1 : 0;
        ctrl += is_ctrl(in[i]) ? 1 : 0;
    }
    CHECK(info->nuls == nuls);
    for (size_t i = 0; i < t->n;) {
        utf8proc_int32_t cp;
        size_t k = cp_at(t->s, t->n, i, &cp);
        const unsigned char *o = in + pk_map_at(t, i);
        if (cp < 0x80) {
            CHECK(!is_ctrl((unsigned char)cp));
            CHECK(*o == (unsigned char)cp); /* ASCII is copied */
        } else if (info->encoding == ENC_UTF8) {
            /* copied from the input, or a U+FFFD for one invalid byte */
            if (pk_map_at(t, i) + k > len || memcmp(o, t->s + i, k) != 0) {
                CHECK(cp == 0xFFFD && *o >= 0x80);
                replaced++;
            }
        } else {
            CHECK(*o >= 0x80); /* a Windows-1252 byte */
            replaced += cp == 0xFFFD;
        }
        /* the bytes of one character map to one place */
        for (size_t j = 1; j < k; j++)
            CHECK(pk_map_at(t, i + j) == pk_map_at(t, i));
        i += k;
    }
    CHECK(info->replaced == replaced);
    if (info->encoding == ENC_UTF8 && replaced == 0 && ctrl == 0)
        CHECK(t->n == len - start && memcmp(t->s, in + start, t->n) == 0);
}

static void check_normalized(const unsigned char *in, size_t len, size_t start, int enc, const pk_text *t)
{
    check_utf8(t);
    check_map(t, in, len, start, enc);
    if (t->n)
        CHECK(t->s[0] != '\n' && t->s[t->n - 1] != '\n');
    for (size_t i = 0; i < t->n; i++) {
        unsigned char ch = (unsigned char)t->s[i];
        CHECK(ch != '\r' && ch != '\t' && ch != '\f');
        if (ch == ' ') {
            CHECK(i > 0 && t->s[i - 1] != '\n');
            CHECK(i + 1 < t->n && t->s[i + 1] != '\n');
        }
        if (ch == '\n' && i + 2 < t->n)
            CHECK(!(t->s[i + 1] == '\n' && t->s[i + 2] == '\n'));
        if (is_alnum(ch) && in[pk_map_at(t, i)] < 0x80)
            CHECK(in[pk_map_at(t, i)] == ch);
        if (ch == '\n')
            CHECK(is_line_break(in, len, pk_map_at(t, i), enc));
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* a copy of exactly size bytes: reading past the end is a heap overflow */
    unsigned char *in = malloc(size ? size : 1);
    CHECK(in != NULL);
    if (size)
        memcpy(in, data, size);

    jmp_buf jb;
    arena a = {0};
    a.oom = &jb;
    if (setjmp(jb)) {
        pk_arena_free(&a); /* out of memory: not expected, but not a defect */
        free(in);
        return 0;
    }

    pk_text raw, clean;
    decode_info info;
    memset(&info, 0x55, sizeof info);
    int rc = pk_decode(&a, in, size, &raw, &info);
    if (rc != 0) {
        CHECK(rc == PK_ENOTTEXT);
        CHECK(info.bad_offset < size);
    } else {
        check_decoded(in, size, &raw, &info);
        CHECK(info.plain <= raw.n);
        pk_normalize(&a, &raw, info.plain, &clean);
        check_normalized(in, size, info.had_bom ? 3 : 0, info.encoding, &clean);
        /* the bytes decode told normalize to leave change nothing: the
           same text and map as a first pass over every byte */
        arena b = {0};
        pk_text raw0, clean0;
        decode_info info0;
        CHECK(pk_decode(&b, in, size, &raw0, &info0) == 0);
        pk_normalize(&b, &raw0, 0, &clean0);
        CHECK(clean0.n == clean.n && memcmp(clean0.s, clean.s, clean.n) == 0);
        for (size_t i = 0; i <= clean.n; i++)
            CHECK(pk_map_at(&clean0, i) == pk_map_at(&clean, i));
        pk_arena_free(&b);
    }
    pk_arena_free(&a);
    free(in);
    return 0;
}
