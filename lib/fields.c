/* The document's single fields: doc_type, paragraph, title (the
   ärendemening) and administration. */
#include "internal.h"

#include <pthread.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif


/* pk_lead_in_end, pk_letterhead_line, pk_letterhead_end, pk_town_end,
   pk_district_prefix, pk_renamed_marker, pk_prose_word (field_words.tsv) */
#include "field_words.inc"

/* Does s[0..n) end in one of the n words of w, the line longer than the
   word (by more than `more` bytes)? */
static int ends_in(const char *s, size_t n, const char *const *w, size_t nw, size_t more)
{
    for (size_t i = 0; i < nw; i++) {
        size_t m = strlen(w[i]);
        if (n > m + more && memcmp(s + n - m, w[i], m) == 0)
            return 1;
    }
    return 0;
}

/* Does low open with one of the n words of w? */
static int opens_with(const char *low, const char *const *w, size_t nw)
{
    for (size_t i = 0; i < nw; i++)
        if (strncmp(low, w[i], strlen(w[i])) == 0)
            return 1;
    return 0;
}

/* The words that tell a document's type (lib/data/doc_types.tsv), a row
   each, in the table's order: the rows of one type follow each other. */
typedef struct doc_word {
    const char *type, *word;
} doc_word;
static const doc_word doc_words[] = {
#include "doc_types.inc"
};

#define N_DOC_WORDS (sizeof doc_words / sizeof *doc_words)

/* doc_words' rows read once: each row's length; at the first row of a
   type, the end of its rows and what else makes it hold (DOC_PARAGRAPH,
   DOC_DECISION); at the first row of a run of them with one first byte,
   the end of the run and the second bytes of its rows (as bits; every
   byte where a row has no second byte) */
enum { DOC_PARAGRAPH = 1, DOC_DECISION = 2 };
typedef struct doc_rows {
    size_t len[N_DOC_WORDS];
    size_t type_end[N_DOC_WORDS];
    size_t run_end[N_DOC_WORDS];
    uint64_t second[N_DOC_WORDS][4];
    int also[N_DOC_WORDS];
} doc_rows;
static doc_rows doc_rows_made;
static pthread_once_t doc_rows_once = PTHREAD_ONCE_INIT;
static int doc_rows_ready;

static void make_doc_rows(void)
{
    doc_rows *d = &doc_rows_made;
    for (size_t i = 0; i < N_DOC_WORDS; i++)
        d->len[i] = strlen(doc_words[i].word);
    for (size_t i = 0, j; i < N_DOC_WORDS; i = j) {
        const char *type = doc_words[i].type;
        /* (one type's rows most often share its string) */
        for (j = i + 1; j < N_DOC_WORDS && (doc_words[j].type == type || strcmp(doc_words[j].type, type) == 0);)
            j++;
        d->type_end[i] = j;
        d->also[i] = (strcmp(type, "protokoll") == 0 ? DOC_PARAGRAPH : 0) |
                     (strcmp(type, "tjansteutlatande") == 0 ? DOC_DECISION : 0);
        for (size_t k = i, l; k < j; k = l) {
            for (l = k + 1; l < j && doc_words[l].word[0] == doc_words[k].word[0];)
                l++;
            d->run_end[k] = l;
            for (size_t r = k; r < l; r++) {
                unsigned char b = (unsigned char)doc_words[r].word[1];
                if (b)
                    d->second[k][b >> 6] |= (uint64_t)1 << (b & 63);
                else
                    memset(d->second[k], 0xFF, sizeof d->second[k]);
            }
        }
    }
}

/* One of the words of rows [k, l) (all with the same first byte) occurs
   in the input, not as the start of a longer word; in a part of whole
   minutes, in that part's text alone. One pass for them all. */
static int has_any(const ctx *c, const doc_rows *d, size_t k, size_t l)
{
    const unsigned char *p = c->orig, *end = c->orig + c->orig_len;
    if (c->minutes) {
        p = (const unsigned char *)c->t.s;
        end = p + c->t.n;
    }
    /* from each place of their first byte (a capital, rare in prose):
       memchr skips to them faster than memmem searches for a whole word */
    const uint64_t *second = d->second[k];
    for (; (p = memchr(p, doc_words[k].word[0], (size_t)(end - p))) != NULL; p++) {
        /* (the byte after it first, against the run's second bytes at
           once: most places of the first byte are no row's) */
        if (p + 1 < end && !(second[p[1] >> 6] >> (p[1] & 63) & 1))
            continue;
        for (size_t i = k; i < l; i++) {
            const char *w = doc_words[i].word;
            /* the second byte first: most places of the first are no word's */
            if (w[1] && (p + 1 >= end || p[1] != (unsigned char)w[1]))
                continue;
            size_t m = d->len[i];
            if ((size_t)(end - p) < m || memcmp(p, w, m) != 0)
                continue;
            if (p + m >= end || !((p[m] >= 'a' && p[m] <= 'z') || p[m] >= 0xC0))
                return 1;
        }
    }
    return 0;
}

/* The type of the document: the first of doc_words' types (in the order
   of their rows) that holds, "unknown" when none does. A type holds where
   one of its words occurs (has_any(), the rows that follow each other
   with one first byte in one pass; each word is sought only when the
   answer still depends on it), "protokoll" also where the text has a
   paragraph ("§ N"), "tjansteutlatande" where it has a decision's heading
   (decision). */
static const char *doc_type(const ctx *c, int decision)
{
    pk_once(&doc_rows_once, &doc_rows_ready, make_doc_rows);
    const doc_rows *d = &doc_rows_made;
    for (size_t i = 0, j; i < N_DOC_WORDS; i = j) {
        j = d->type_end[i];
        int holds = (c->rec->paragraph != NULL && (d->also[i] & DOC_PARAGRAPH)) || (decision && (d->also[i] & DOC_DECISION));
        for (size_t k = i; !holds && k < j; k = d->run_end[k])
            holds = has_any(c, d, k, d->run_end[k]);
        if (holds)
            return doc_words[i].type;
    }
    return "unknown";
}

/* The number of words of s[0..n) (in the text), counted up to FEW_WORDS:
   every test below compares it with fewer, and a line of prose is not
   read to its end */
#define FEW_WORDS 5
static size_t count_words(const char *s, size_t n)
{
    size_t w = 0, i = 0;
    int in = 0;
#if defined(__SSE2__)
    /* sixteen bytes at a time: a word opens at a byte that is no space
       after a space (or, the first, where no word is open); the last fewer
       too, read into the text's room (sixteen bytes past its end), the
       bytes from n on put aside */
    for (; i < n; i += 16) {
        unsigned sp = (unsigned)_mm_movemask_epi8(
            _mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)(const void *)(s + i)), _mm_set1_epi8(' ')));
        unsigned opens = ~sp & ((sp << 1) | (in ? 0u : 1u)) & (n - i < 16 ? (1u << (n - i)) - 1 : 0xFFFFu);
        /* (their count in a few instructions: __builtin_popcount is a call
           into libgcc where the baseline has no popcnt instruction) */
        opens = opens - ((opens >> 1) & 0x5555u);
        opens = (opens & 0x3333u) + ((opens >> 2) & 0x3333u);
        opens = (opens + (opens >> 4)) & 0x0F0Fu;
        w += (size_t)((opens + (opens >> 8)) & 0x1Fu);
        if (w >= FEW_WORDS)
            return FEW_WORDS;
        in = !(sp & 0x8000u);
    }
#else
    for (; i < n; i++) {
        if (s[i] == ' ') {
            in = 0;
        } else if (!in) {
            in = 1;
            if (++w == FEW_WORDS)
                break;
        }
    }
#endif
    return w;
}

/* Whole line matched by pattern id. A match of RX_BODY or RX_ADMIN ends
   in the letters of its noun (match.c reads the word whole, then tests
   its ending looking back, then no letter after it), whatever the rows:
   a line whose last byte is no letter's is neither, and pcre2 is not
   asked (a one-line text named a body in passing at each call). */
static int line_is(ctx *c, const line *l, int id)
{
    size_t ov[2];
    if ((id == RX_BODY || id == RX_ADMIN) && l->e > l->s) {
        unsigned char b = (unsigned char)c->t.s[l->e - 1];
        if (b < 0x80 && (unsigned)((b | 0x20) - 'a') >= 26)
            return 0;
    }
    return pk_rx_match(c, id, l->s, l->e, ov, 1) && ov[0] == l->s && ov[1] == l->e;
}

/* A line of a person's name: two to four capitalised words, the first a
   given name (w: the line's count_words). */
static int is_name_line(const ctx *c, const line *l, size_t w)
{
    const char *s = c->t.s + l->s;
    size_t n = l->e - l->s;
    if (w < 2 || w > 4)
        return 0;
    size_t i = 0;
    while (i < n && s[i] != ' ')
        i++;
    if (!pk_is_given_name(s, i))
        return 0;
    for (size_t j = 0; j < n; j++)
        if (s[j] == ' ' && j + 1 < n && !pk_is_upper_at(s + j + 1, n - j - 1))
            return 0;
    return 1;
}


/* A line under the heading that says where the matter came from
   ("Remiss från kommunstyrelsen, KS 2019/876", "Motion den 13 november
   2017 av ...", "Yttrande till regeringen ...") or how it was given
   ("Muntlig information") ends the heading: it opens with a row of
   line_words.tsv (subtitle_opener). */
static int is_subtitle(const ctx *c, const line *l)
{
    for (size_t i = 0; i < pk_n_subtitle_opener; i++) {
        /* most lines differ at once: no length, no memcmp (the byte at
           l->s is the line's end or the text's zero after it when the line is
           empty) */
        if (pk_subtitle_opener[i][0] && pk_subtitle_opener[i][0] != c->t.s[l->s])
            continue;
        size_t n = strlen(pk_subtitle_opener[i]);
        if (l->e - l->s >= n && memcmp(c->t.s + l->s, pk_subtitle_opener[i], n) == 0)
            return 1;
    }
    return 0;
}

/* A "<Nämnd> beslutar" lead-in (field_words.tsv: lead_in_end, ':' after
   it or not): it opens the decision, it is no title. */
static int ends_beslutar(const char *s, size_t n)
{
    return ends_in(s, n, pk_lead_in_end, pk_n_lead_in_end, 1) ||
           (n && s[n - 1] == ':' && ends_in(s, n - 1, pk_lead_in_end, pk_n_lead_in_end, 0));
}

static int has_digit(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] >= '0' && s[i] <= '9')
            return 1;
    return 0;
}

/* A word of lib/data/furniture_words.txt in the line, as the one pass found
   them (scan.c): a place where one starts in it. Each place is one where
   a row's word stands as written, and a word of one line that starts in
   a line ends in it (before its line break or the text's end), so the
   place is all there is to ask, not which row stands there
   (pk_cue_word_at would compare the rows at it). */
static int has_furniture_word(ctx *c, const line *l)
{
    /* (the lines are asked mostly in order: from the place asked last) */
    size_t i = pk_cue_index(c, PK_CUE_FURNITURE, l->s);
    const pk_cues *q = &c->cue[PK_CUE_FURNITURE];
    return i < q->n && q->at[i] < l->e;
}

/* Is s[0..n) one of the n words of w, whole? */
static int one_line_of(const char *s, size_t n, const char *const *w, size_t nw)
{
    for (size_t i = 0; i < nw; i++)
        if (strlen(w[i]) == n && memcmp(s, w[i], n) == 0)
            return 1;
    return 0;
}

/* A line of page furniture or of the letterhead (field_words.tsv:
   letterhead_line, letterhead_end, town_end), no heading of a matter.
   Under a "§ N" line (under_para) there is no letterhead: a line that ends
   in " AB" or is one word is the matter's heading or part of it. */
static int is_furniture_line(ctx *c, const line *l, int under_para)
{
    const char *s = c->t.s + l->s;
    size_t n = l->e - l->s;
    if (l->heading || has_furniture_word(c, l))
        return 1;
    size_t w = count_words(s, n); /* counted once for the tests below */
    if (under_para && w >= 2)
        ;
    else if ((w < 2 && !pk_is_lower_at(s, n) && !(n == 4 && s[0] >= '1' && s[0] <= '2')) ||
        one_line_of(s, n, pk_letterhead_line, pk_n_letterhead_line) ||
        ends_in(s, n, pk_letterhead_end, pk_n_letterhead_end, 0) ||
        (w <= 3 && ends_in(s, n, pk_town_end, pk_n_town_end, 0)))
        return 1;
    /* the first date of the line, asked once: the line that is one, or
       that opens with one (below); an ISO date opens with a digit, so
       pcre2 is asked only of a line that does */
    size_t dv[2];
    int date_first = n && s[0] >= '0' && s[0] <= '9' && pk_rx_match(c, RX_DATE_ISO, l->s, l->e, dv, 1) && dv[0] == l->s;
    if ((date_first && dv[1] == l->e) || line_is(c, l, RX_REGNUM) || line_is(c, l, RX_BODY) || line_is(c, l, RX_ADMIN))
        return 1;
    size_t ov[4];
    /* a labelled diarienummer, or "<Nämnd> beslutar" */
    if (pk_rx_match(c, RX_REGNUM_LABELED, l->s, l->e, ov, 1) && ov[0] == l->s)
        return 1;
    if (ends_beslutar(s, n))
        return 1;
    /* a line that opens with a date or a postcode */
    if (date_first)
        return 1;
    if (n >= 6 && s[0] >= '0' && s[0] <= '9' && s[3] == ' ' && s[4] >= '0' && s[4] <= '9')
        return 1;
    if (is_name_line(c, l, w))
        return 1;
    return 0;
}

#if !defined(__SSE2__)
/* Does the byte b open a row of field_words.tsv (prose_word)? (is_prose's
   SSE2 step compares sixteen bytes with the same ones) */
static inline int prose_first(char b)
{
    int hit = 0;
    for (size_t k = 0; k < pk_n_prose_word; k++)
        hit |= b == pk_prose_word[k][0];
    return hit;
}
#endif

/* Does a row of field_words.tsv (prose_word: "beslutade ") stand at p of
   s[0..n), after a space? */
static int prose_word_at(const char *s, size_t n, size_t p)
{
    if (p == 0 || s[p - 1] != ' ')
        return 0;
    for (size_t k = 0; k < pk_n_prose_word; k++) {
        size_t m = strlen(pk_prose_word[k]);
        if (n - p >= m && memcmp(s + p, pk_prose_word[k], m) == 0)
            return 1;
    }
    return 0;
}

/* Does s[0..n) (in the text) read as prose, no heading: two sentences
   (". ", ".\n"), a list of names with titles (":\n"), or a prose_word of
   field_words.tsv after a space (" beslutade ")? One pass over it, to the
   bytes '.', ':' and the rows' first bytes (16 at a time), not a search
   for each. */
static int is_prose(const char *s, size_t n)
{
    size_t p = 0;
    for (;;) {
#if defined(__SSE2__)
        /* (the last fewer than sixteen too, read into the text's room,
           sixteen bytes past its end: the places from n on put aside) */
        for (; p < n; p += 16) {
            __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(s + p));
            __m128i hit = _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('.')), _mm_cmpeq_epi8(x, _mm_set1_epi8(':')));
            for (size_t k = 0; k < pk_n_prose_word; k++)
                hit = _mm_or_si128(hit, _mm_cmpeq_epi8(x, _mm_set1_epi8(pk_prose_word[k][0])));
            unsigned m = (unsigned)_mm_movemask_epi8(hit);
            if (n - p < 16)
                m &= (1u << (n - p)) - 1;
            if (m) {
                p += (size_t)__builtin_ctz(m);
                break;
            }
        }
        if (p > n)
            p = n;
#else
        while (p < n && s[p] != '.' && s[p] != ':' && !prose_first(s[p]))
            p++;
#endif
        if (p + 1 >= n)
            return 0;
        if (s[p] == '.' ? (s[p + 1] == ' ' || s[p + 1] == '\n')
            : s[p] == ':' ? s[p + 1] == '\n'
                          : prose_word_at(s, n, p))
            return 1;
        p++;
    }
}

static void find_title(ctx *c, size_t limit_line)
{
    const segs *g = &c->sg;
    size_t best_s = 0, best_e = 0;
    int found_clean = 0;
    size_t run_s = 0, run_e = 0;
    int have_run = 0, para_block = 0;
    for (size_t i = c->focus_line; i < limit_line && !found_clean;) {
        if (g->lines[i].blank) {
            i++;
            continue;
        }
        size_t j = i;
        while (j < limit_line && !g->lines[j].blank)
            j++;
        /* block [i, j) */
        size_t ks = 0, ke = 0, kept = 0, furn = 0;
        int contiguous = 1, after_para = para_block;
        para_block = 0;
        for (size_t k = i; k < j; k++) {
            line l = g->lines[k];
            /* "§ 23 Title" on one line: the title follows the paragraph sign */
            if (c->t.s[l.s] == (char)0xC2 && l.e - l.s > 2 && (unsigned char)c->t.s[l.s + 1] == 0xA7) {
                after_para = k == i;
                size_t p = l.s + 2;
                while (p < l.e && (c->t.s[p] == ' ' || (c->t.s[p] >= '0' && c->t.s[p] <= '9')))
                    p++;
                if (p == l.e) {
                    furn++;
                    continue;
                }
                l.s = p;
            }
            /* "Beslut" under the heading ends it; so does a line saying
               where the matter came from */
            if (kept && (l.heading || is_subtitle(c, &l)))
                break;
            /* a heading that breaks before its last word ("... i Göteborgs" / "Stad") */
            if (kept && contiguous && count_words(c->t.s + l.s, l.e - l.s) == 1 && c->t.s[ke - 1] != '.' &&
                !has_furniture_word(c, &l) && !pk_is_lower_at(c->t.s + l.s, l.e - l.s) &&
                !memchr(c->t.s + l.s, '/', l.e - l.s) && !has_digit(c->t.s + l.s, l.e - l.s)) {
                ke = l.e;
                kept++;
                continue;
            }
            /* a heading of one word right above "Beslut", under "§ N" and
               its "Dnr" line ("Anmälningar", "Delegationsbeslut") */
            if (after_para && !kept && k + 1 < g->nlines && g->lines[k + 1].heading == H_DECISION &&
                count_words(c->t.s + l.s, l.e - l.s) == 1 && pk_is_upper_at(c->t.s + l.s, l.e - l.s) &&
                !has_furniture_word(c, &l) && !has_digit(c->t.s + l.s, l.e - l.s)) {
                ks = l.s;
                ke = l.e;
                kept = 1;
                continue;
            }
            if (is_furniture_line(c, &l, after_para)) {
                furn++;
                if (kept)
                    contiguous = 0;
                continue;
            }
            if (kept && !contiguous) {
                ks = l.s; /* a later run replaces an earlier one */
                kept = 0;
                contiguous = 1;
            }
            if (!kept)
                ks = l.s;
            ke = l.e;
            kept++;
        }
        /* a block that is the "§ N  Ärendenummer ..." line alone: the heading follows */
        if (!kept && after_para && j - i == 1)
            para_block = 1;
        size_t max_lines = after_para ? 5 : 3, max_len = after_para ? 400 : 250;
        if (kept && kept <= max_lines && ke - ks <= max_len && pk_is_upper_at(c->t.s + ks, ke - ks) &&
            !is_prose(c->t.s + ks, ke - ks)) {
            /* the lines under "§ 23  Dnr ..." are the matter's heading */
            if (!furn || after_para) {
                best_s = ks;
                best_e = ke;
                found_clean = 1;
            } else if (!have_run) {
                run_s = ks;
                run_e = ke;
                have_run = 1;
            }
        }
        i = j;
    }
    if (!found_clean && have_run) {
        best_s = run_s;
        best_e = run_e;
    }
    if (best_e > best_s) {
        while (best_e > best_s && (c->t.s[best_e - 1] == '.' || c->t.s[best_e - 1] == ':'))
            best_e--;
        c->rec->title = pk_fold(c, best_s, best_e);
        c->rec->title_span = pk_span_of(c, best_s, best_e);
        /* the header zone ends with the title */
        if (c->header_end == 0 || best_e > c->header_end)
            c->header_end = best_e;
    }
}

/* A named administration from an RX_ADMIN match, or 0. */
static int admin_at(ctx *c, size_t from, size_t to, size_t *s, size_t *e)
{
    size_t ov[6];
    size_t pos = from;
    while (pos <= to && pk_rx_match(c, RX_ADMIN, pos, to, ov, 3)) {
        pos = ov[1];
        /* each match's lowered and folded copies given back when it is
           not the one: the lines that say where a matter was prepared
           ask about every match in the 400 bytes after them, and kept
           they were most of such a text's memory */
        void *mark = c->a->cur;
        size_t hs = ov[4], he = ov[5];
        const char *h = c->t.s + hs;
        size_t hn = he - hs;
        const char *low = pk_lower(c->a, h, hn);
        /* a name the bodies table knows, with up to two words before the
           match: "MARIA-GAMLA STANS STADSDELSFÖRVALTNING" */
        size_t ws = ov[0];
        for (int k = 0; k < 2 && ws > from; k++) {
            size_t w = ws;
            while (w > from && (c->t.s[w - 1] == ' '))
                w--;
            if (w == ws || w == from)
                break;
            while (w > from && c->t.s[w - 1] != ' ' && c->t.s[w - 1] != '\n')
                w--;
            if (pk_known_admin(c, w, he)) {
                *s = w;
                *e = he;
                return 1;
            }
            ws = w;
        }
        /* the noun alone ("förvaltningen", "kontoret"): it opens with one
           of RX_ADMIN's nouns (pattern_words.tsv: admin_noun) */
        int bare = 0;
        for (size_t k = 0; k < pk_n_admin_noun && !bare; k++)
            bare = strncmp(low, pk_admin_noun[k], strlen(pk_admin_noun[k])) == 0;
        if (bare) {
            pk_arena_release(c->a, mark);
            continue;
        }
        /* "KUNGSHOLMENS STADSDELSFÖRVALTNING": a heading in capitals */
        int caps = hn > 2 && pk_is_upper_at(h, hn) && pk_is_upper_at(h + hn - 1, 1);
        int district = opens_with(low, pk_district_prefix, pk_n_district_prefix);
        if (pk_is_upper_at(h, hn) && !(caps && district)) {
            *s = hs;
            *e = he;
            return 1;
        }
        /* "Östermalms stadsdelsförvaltning" */
        if (ov[2] != (size_t)-1 && district) {
            *s = ov[2];
            *e = he;
            return 1;
        }
        pk_arena_release(c->a, mark);
    }
    return 0;
}

/* "Kommunstyrelseförvaltningen (numera Kommunledningsförvaltningen)": the
   administration goes by its present name, after a row of field_words.tsv
   (renamed_marker: " (numera") and a space or a line break. */
static void follow_renaming(ctx *c, size_t *s, size_t *e)
{
    size_t n = 0, p = *e, ov[6];
    for (size_t i = 0; i < pk_n_renamed_marker && !n; i++) {
        size_t m = strlen(pk_renamed_marker[i]);
        if (p + m + 1 < c->t.n && memcmp(c->t.s + p, pk_renamed_marker[i], m) == 0 &&
            (c->t.s[p + m] == ' ' || c->t.s[p + m] == '\n'))
            n = m + 1;
    }
    if (!n)
        return;
    size_t to = p + n + 120 < c->t.n ? p + n + 120 : c->t.n;
    if (pk_rx_match(c, RX_ADMIN, p + n, to, ov, 3) && ov[0] == p + n && pk_is_upper_at(c->t.s + ov[0], ov[1] - ov[0])) {
        *s = ov[0];
        *e = ov[1];
    }
}

void pk_extract_fields(ctx *c)
{
    const segs *g = &c->sg;
    size_t ov[4];

    /* paragraph: in minutes of several, the one about the award (the last
       "§ N" before the award is first named), else the first */
    size_t pv[4] = {0}, pos = 0, *aw = c->award_mention;
    int have = 0;
    int award_at = c->has_award_mention = pk_rx_match(c, RX_AWARD, 0, c->t.n, aw, 1);
    /* a paragraph of whole minutes comes with its number; without an
       award the first is the one, and no second is sought */
    while (!c->rec->paragraph && (award_at || !have) && pk_rx_match(c, RX_PARAGRAPH, pos, c->t.n, ov, 2)) {
        pos = ov[1];
        if (!have || (award_at && ov[0] < aw[0])) {
            memcpy(pv, ov, sizeof pv);
            have = 1;
        } else {
            break;
        }
    }
    if (have) {
        c->rec->paragraph = pk_arena_strndup(c->a, c->t.s + pv[2], pv[3] - pv[2]);
        c->rec->paragraph_span = pk_span_of(c, pv[2], pv[3]);
        if (pv[0] > 0) {
            /* the line of the chosen paragraph, when it is not the first
               thing: the last line that starts by it, if it ends at it or
               after (each line ends before the next starts, so no earlier
               one does, and no later one starts by it) */
            size_t lo = pk_line_from(g, 0, pv[0] + 1);
            if (lo > 0 && g->lines[lo - 1].e >= pv[0])
                c->focus_line = lo - 1;
        }
    }

    /* the first decision heading bounds the header zone */
    size_t first_dec = g->nlines, first_head = g->nlines;
    for (size_t i = c->focus_line; i < g->nlines; i++) {
        const line *l = &g->lines[i];
        if (first_head == g->nlines && (l->heading || ends_beslutar(c->t.s + l->s, l->e - l->s)))
            first_head = i; /* a heading, or a "<Nämnd> beslutar" lead-in */
        if (g->lines[i].heading == H_DECISION) {
            first_dec = i;
            break;
        }
    }
    size_t limit = first_dec < g->nlines ? first_dec : first_head;
    if (limit > c->focus_line + 80)
        limit = c->focus_line + 80;
    if (limit > g->nlines)
        limit = g->nlines;
    c->header_end = limit < g->nlines ? g->lines[limit].s : c->t.n;

    c->rec->doc_type = doc_type(c, first_dec < g->nlines);

    find_title(c, limit);

    /* administration: named in the header, else where the matter was prepared */
    size_t s, e;
    if (admin_at(c, 0, c->header_end, &s, &e)) {
        follow_renaming(c, &s, &e);
        c->rec->administration = pk_fold(c, s, e);
        c->rec->administration_span = pk_span_of(c, s, e);
        return;
    }
    /* the lines that say where the matter was prepared: those that hold a
       "beretts" or "beredd" (cue_words.tsv), as the one pass found them */
    const pk_cues *prep = pk_cue_places(c, PK_CUE_PREPARED);
    for (size_t i = 0, k = 0; i < g->nlines; i++) {
        while (k < prep->n && prep->at[k] < g->lines[i].s)
            k++;
        if (k == prep->n)
            break;
        /* (a place in the line is a word of the rows in it, as in
           has_furniture_word()) */
        if (prep->at[k] >= g->lines[i].e)
            continue;
        size_t at = g->lines[i].s, ss, se;
        /* only where the sentence ends is wanted: search forward from the line */
        pk_sentence_bounds(&c->t, at, at + 400 < c->t.n ? at + 400 : c->t.n, at, &ss, &se);
        if (se < g->lines[i].e)
            se = g->lines[i].e;
        if (i + 1 < g->nlines && se < g->lines[i + 1].e && !g->lines[i + 1].blank)
            se = g->lines[i + 1].e;
        if (admin_at(c, g->lines[i].s, se, &s, &e)) {
            follow_renaming(c, &s, &e);
            c->rec->administration = pk_fold(c, s, e);
            c->rec->administration_span = pk_span_of(c, s, e);
            return;
        }
    }
}
