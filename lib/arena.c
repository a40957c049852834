/* Per-document memory. Every string and array of a record lives in one
   arena, so a record is freed in one call and no stage frees anything. When
   an allocation fails the arena jumps back to pk_extract(), which frees the
   arena and returns PK_ENOMEM: no stage needs its own failure path. */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

struct arena_block {
    arena_block *next;
    size_t used, cap;
    max_align_t data[];
};

#define BLOCK_MIN ((size_t)64 * 1024)

#ifdef PK_FAIL_INJECTION
/* Failure injection, compiled only into the test build of the library
   (build/libprotokoll-test.a), never into the libraries that are installed:
   when non-zero, the Nth allocation from now fails. Read and written by
   pk_test_fail_after() only, from single-threaded tests. */
static long fail_countdown;

long pk_test_fail_after(long n);
/* Arms the hook (0 disarms it); returns how many allocations the previous
   setting still had to go, so a test knows whether its failure was hit. */
long pk_test_fail_after(long n)
{
    long left = fail_countdown;
    fail_countdown = n;
    return left;
}

static int should_fail(void)
{
    if (fail_countdown > 0 && --fail_countdown == 0)
        return 1;
    return 0;
}
#else
static int should_fail(void) { return 0; }
#endif

void *pk_malloc(size_t n)
{
    if (should_fail())
        return NULL;
    return malloc(n ? n : 1);
}

void *pk_realloc(void *p, size_t n)
{
    if (should_fail())
        return NULL;
    return realloc(p, n ? n : 1);
}

static void *oom(arena *a)
{
    if (a->oom)
        longjmp(*a->oom, 1);
    return NULL;
}

/* The head block's room is a->cur .. a->end; its `used` is written only
   when another block takes its place at the head. */
void *pk_arena_alloc_more(arena *a, size_t n)
{
    size_t need = (n + sizeof(max_align_t) - 1) & ~(sizeof(max_align_t) - 1);
    if (need < n)
        return oom(a);
    if (a->head && (size_t)(a->end - a->cur) >= need) { /* the room's last bytes */
        void *p = a->cur;
        a->cur += need;
        return p;
    }
    size_t cap = need > BLOCK_MIN ? need : BLOCK_MIN;
    if (cap > SIZE_MAX - sizeof(arena_block))
        return oom(a);
    arena_block *b = pk_malloc(sizeof(arena_block) + cap);
    if (!b)
        return oom(a);
    b->cap = cap;
    b->used = need;
    /* a big block goes behind the current one so that the current
       block's free space is still used by the small allocations */
    if (a->head && need > BLOCK_MIN) {
        b->next = a->head->next;
        a->head->next = b;
    } else {
        if (a->head)
            a->head->used = (size_t)(a->cur - (char *)a->head->data);
        b->next = a->head;
        a->head = b;
        a->cur = (char *)b->data + need;
        a->end = (char *)b->data + cap;
    }
    return b->data;
}

/* The rounded size of an allocation of n bytes in the arena. */
static size_t rounded(size_t n) { return (n + sizeof(max_align_t) - 1) & ~(sizeof(max_align_t) - 1); }

void *pk_arena_grow(arena *a, void *old, size_t old_n, size_t new_n)
{
    size_t old_need = rounded(old_n), need = rounded(new_n);
    if (old && old_n && new_n > old_n && need >= new_n) {
        /* the last allocation of the current block grows where it stands
           when the block has the room */
        if (a->head && (char *)old + old_need == a->cur && (size_t)(a->end - a->cur) >= need - old_need) {
            a->cur += need - old_need;
            return old;
        }
        /* an allocation over BLOCK_MIN has a block of its own (see
           pk_arena_alloc): the block is reallocated, and the copy it grew
           from does not stay in the arena beside it (a vector grown by
           doubling kept every smaller copy: up to twice its size) */
        if (old_need > BLOCK_MIN && need <= SIZE_MAX - sizeof(arena_block)) {
            for (arena_block **at = &a->head; *at; at = &(*at)->next) {
                arena_block *o = *at;
                if ((void *)o->data != old)
                    continue;
                arena_block *nb = pk_realloc(o, sizeof(arena_block) + need);
                if (!nb)
                    return oom(a);
                nb->cap = nb->used = need;
                *at = nb;
                if (at == &a->head) /* full, as it was */
                    a->cur = a->end = (char *)nb->data + need;
                return nb->data;
            }
        }
    }
    void *p = pk_arena_alloc(a, new_n);
    if (p && old && old_n)
        memcpy(p, old, old_n < new_n ? old_n : new_n);
    return p;
}

char *pk_arena_strndup(arena *a, const char *s, size_t n)
{
    char *p = pk_arena_alloc(a, n + 1);
    if (!p)
        return NULL;
    memcpy(p, s, n);
    p[n] = 0;
    return p;
}

char *pk_arena_strdup(arena *a, const char *s)
{
    return s ? pk_arena_strndup(a, s, strlen(s)) : NULL;
}

void pk_arena_free(arena *a)
{
    arena_block *b = a->head;
    while (b) {
        arena_block *next = b->next;
        free(b);
        b = next;
    }
    a->head = NULL;
    a->cur = a->end = NULL;
}

void pk_arena_release(arena *a, void *mark)
{
    char *m = mark;
    if (a->head && m && m >= (char *)a->head->data && m <= a->cur)
        a->cur = m;
}

void *pk_vec_grow(arena *a, vec *v)
{
    size_t cap = v->cap ? v->cap * 2 : 8;
    void *items = pk_arena_grow(a, v->items, v->n * v->size, cap * v->size);
    if (!items)
        return NULL;
    v->items = items;
    v->cap = cap;
    return items;
}

void pk_index_add(arena *a, pk_index *ix, size_t item, uint32_t h)
{
    if (2 * (ix->n + 1) > ix->cap) {
        size_t cap = ix->cap ? 2 * ix->cap : 64;
        pk_index_slot *slot = pk_arena_alloc(a, cap * sizeof *slot);
        memset(slot, 0, cap * sizeof *slot);
        for (size_t k = 0; k < ix->cap; k++)
            if (ix->slot[k].item) {
                size_t i = ix->slot[k].hash & (cap - 1);
                while (slot[i].item)
                    i = (i + 1) & (cap - 1);
                slot[i] = ix->slot[k];
            }
        ix->slot = slot;
        ix->cap = cap;
    }
    size_t m = ix->cap - 1, i = h & m;
    while (ix->slot[i].item)
        i = (i + 1) & m;
    ix->slot[i].hash = h;
    ix->slot[i].item = (uint32_t)(item + 1);
    ix->n++;
}
