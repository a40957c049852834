/* The award a matter is about: named in the title or the decision (a
   passing mention elsewhere does not make the matter an award), with its
   year and, when the decision names one, its class. */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

/* pk_award_title_part, pk_prize_part (award_words.tsv) */
#include "award_words.inc"

static int year_in(ctx *c, size_t s, size_t e)
{
    size_t ov[6];
    if (e > s && pk_rx_match(c, RX_AWARD_YEAR, s, e, ov, 3)) {
        size_t ys = ov[2] != (size_t)-1 ? ov[2] : ov[4];
        return atoi(c->t.s + ys);
    }
    return 0;
}

/* Is there a match of RX_AWARD in [s, e)? Answered from the first one in
   the whole text (fields.c: c->award_mention) where that settles it: a
   match within [s, e) is one of the whole text too, unless it ends at e
   where the text goes on with a letter (the pattern's (?![\p{L}]) sees
   the end of the range there), so none starts before the first of the
   whole text; and that first one lies within [s, e) or not. */
static int award_in(ctx *c, size_t s, size_t e)
{
    size_t ov[2];
    if (c->rx_limit_hit || e <= s || e > c->t.n)
        return pk_rx_match(c, RX_AWARD, s, e, ov, 1);
    const size_t *m = c->award_mention;
    if (c->has_award_mention && m[0] >= s && m[1] <= e)
        return 1;
    /* the end as pk_rx_match reads it: never inside a character */
    size_t ee = e;
    while (ee < c->t.n && ((unsigned char)c->t.s[ee] & 0xC0) == 0x80)
        ee++;
    /* a letter on both sides of the end (any byte from 0x80 may be one) */
    unsigned before = (unsigned char)c->t.s[ee - 1], after = ee < c->t.n ? (unsigned char)c->t.s[ee] : 0;
    int word_goes_on = ee < c->t.n && ((before | 0x20) - 'a' < 26u || before >= 0x80) && ((after | 0x20) - 'a' < 26u || after >= 0x80);
    if (!word_goes_on && (!c->has_award_mention || m[0] >= ee))
        return 0;
    return pk_rx_match(c, RX_AWARD, s, e, ov, 1);
}

void pk_extract_award(ctx *c)
{
    size_t ov[4];
    size_t ts = 0, te = 0;
    if (c->rec->title) {
        /* the title's span is in original bytes; find it again in the header */
        ts = 0;
        te = c->header_end;
    }
    int in_title = 0;
    for (size_t i = 0; c->rec->title && i < pk_n_award_title_part && !in_title; i++)
        in_title = strstr(c->rec->title, pk_award_title_part[i]) != NULL;
    in_title = in_title && award_in(c, ts, te);
    int in_decision = c->decision_hi > c->decision_lo && award_in(c, c->decision_lo, c->decision_hi);
    if (!in_title && !in_decision) {
        /* an older nomination: "Nominering till kvalitetsutmärkelsen" */
        const pk_decision *d = c->decisions.items;
        int nominate = 0;
        for (size_t i = 0; i < c->decisions.n; i++)
            if (strcmp(d[i].kind, "nominate") == 0)
                nominate = 1;
        if (!nominate || !c->has_award_mention)
            return;
    }
    pk_award *a = pk_arena_alloc(c->a, sizeof *a);
    memset(a, 0, sizeof *a);
    /* other municipalities call theirs a "kvalitetspris" */
    const size_t *m = c->award_mention;
    int prize = 0;
    for (size_t i = 0; c->has_award_mention && i < pk_n_prize_part && !prize; i++)
        prize = memmem(c->t.s + m[0], m[1] - m[0], pk_prize_part[i], strlen(pk_prize_part[i])) != NULL;
    a->name = prize ? "Kvalitetspriset" : "Kvalitetsutmärkelsen";
    if (c->rec->title) {
        const char *t = c->rec->title;
        for (const char *p = t; *p; p++) {
            if (p[0] >= '1' && p[0] <= '2' && p[1] >= '0' && p[1] <= '9' && p[2] >= '0' && p[2] <= '9' &&
                p[3] >= '0' && p[3] <= '9' && (p == t || p[-1] < '0' || p[-1] > '9') && (p[4] < '0' || p[4] > '9') &&
                p[4] != '-' && p[4] != '/') {
                a->year = atoi(p);
                break;
            }
        }
    }
    if (!a->year)
        a->year = year_in(c, c->decision_lo, c->decision_hi);
    if (!a->year)
        a->year = year_in(c, 0, c->t.n);
    if (c->decision_hi > c->decision_lo && pk_rx_match(c, RX_CLASS, c->decision_lo, c->decision_hi, ov, 2))
        a->klass = pk_lower(c->a, c->t.s + ov[2], ov[3] - ov[2]);
    c->award = a;
}
