#!/usr/bin/env python3
"""Checks every span of every record exactly: the original bytes at
[start, end), cleaned the way lib/decode.c and lib/normalize.c clean them,
are the record's value, character for character. Inside a span, and only
there, whole lines the library drops (page furniture, repeated page
headers, the blank lines of double spacing) may stand between the words of
the value; nothing else may. A span lies within its file, starts and ends
on a character, and is the smallest that gives its value (a byte the
cleanup drops may not pad either end).

  spans.py RUN.jsonl|RUN.db ...   check every span of every record (an
                                  -f sqlite database adds the spans of
                                  title, body, administration, paragraph)
  spans.py --self-test RUN ...    widen, narrow and shift every correct span
                                  in memory, and stretch it over the whole
                                  file: each must be reported wrong
"""
import bisect, json, re, sys, unicodedata

FIELDS = (("registration_numbers", "text"), ("units", "name"), ("people", "name"),
          ("dates", "text"), ("decisions", "text"))

# ---- lib/decode.c: UTF-8, else Windows-1252; control bytes dropped ----

UTF8_TOKEN = re.compile(rb"[\x00-\x7f]+|[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]"
                        rb"|[\xe1-\xec\xee\xef][\x80-\xbf]{2}|\xed[\x80-\x9f][\x80-\xbf]"
                        rb"|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}"
                        rb"|\xf4[\x80-\x8f][\x80-\xbf]{2}|[\x80-\xff]")
CTRL = dict.fromkeys([*range(0x00, 0x09), 0x0b, *range(0x0e, 0x20), 0x7f])

# ---- lib/normalize.c, pass 1: characters ----

P1 = {0x09: " ", 0xfeff: None, 0x200b: None, 0x200c: None, 0x200d: None, 0x2060: None,
      0x2010: "-", 0x2011: "-", 0x2212: "-"}
for cp in (0xa0, 0x2007, 0x202f, 0x2009, 0x200a, 0x2002, 0x2003, 0x2005, 0x2006, 0x3000, 0x205f):
    P1[cp] = " "
for cp, lig in zip(range(0xfb00, 0xfb07), ("ff", "fi", "fl", "ffi", "ffl", "st", "st")):
    P1[cp] = lig
for cp in (*range(0xe000, 0xf900), 0x25aa, 0x25cf, 0x25e6, 0x2043):
    P1[cp] = "\u2022"
SOFT_EOL = re.compile("\u00ad(?= *$)")


def compose(s):
    """NFC the way pass 1 applies it: each starter with the combining marks
    after it, a run longer than 96 bytes left as it stands."""
    if unicodedata.is_normalized("NFC", s):
        return s
    out, base = "", None
    for ch in s:
        if not unicodedata.combining(ch):
            base = len(out)
            out += ch
        else:
            out += ch
            if base is not None and len(out[base:].encode("utf-8")) <= 96:
                out = out[:base] + unicodedata.normalize("NFC", out[base:])
    return out


# ---- lib/normalize.c, pass 2: lines ----

FURNITURE_EXACT = {b"justerandes signatur", b"justerandes sign", b"justerandes sign.", b"utdragsbestyrkande",
                   b"justerandes signatur utdragsbestyrkande", b"ordf\xc3\xb6randes signatur",
                   b"sekreterarens signatur", b"justerare", b"signatur", b"justerandes signaturer"}
PAGE_NUMBER = re.compile(rb"\d{1,3}|\d* *[Ss]ida +\d[ ()0-9av]*")
SUSPENDED_NEXT = (b"och", b"eller", b"samt", b"respektive", b"resp.", b"till", b"som", b"men", b"&")
EMPTY, SPACE, TEXT, GONE = range(4)


def is_furniture(t):
    """is_furniture() of lib/normalize.c, on the trimmed line's UTF-8 bytes."""
    if not t:
        return False
    if PAGE_NUMBER.fullmatch(t) or (len(t) >= 14 and t.startswith(b"Din position:")):
        return True
    if len(t) < 256:
        low = re.sub(rb"  +", b" ", t).lower()  # bytes.lower(): ASCII only, as the library
        if low.startswith(b"justerandes") and len(low) < 50 and b":" not in low:
            return True
        return low in FURNITURE_EXACT
    return False


def is_letter(ch):
    return unicodedata.category(ch) in ("Lu", "Ll", "Lt", "Lm", "Lo")


def next_word_is_conj(t):
    return any(t.startswith(w) and (len(t) == len(w) or t[len(w)] in b" ,") for w in SUSPENDED_NEXT)


class Doc:
    """One input: its lines as the library's line pass sees them, each with
    its bounds in the original bytes and its fate (kept or dropped)."""

    def __init__(self, data):
        self.data = data
        bom = 3 if data.startswith(b"\xef\xbb\xbf") else 0
        self.cp1252 = False
        self.starts = None  # character starts of a UTF-8 file with invalid bytes
        try:
            data[bom:].decode("utf-8")
        except UnicodeDecodeError:
            invalid = multi = 0
            self.starts = set()
            for m in UTF8_TOKEN.finditer(data, bom):
                if data[m.start()] >= 0x80:
                    self.starts.add(m.start())
                    if m.end() - m.start() > 1:
                        multi += 1
                    else:
                        invalid += 1
            self.cp1252 = invalid > 0 and (multi == 0 or invalid > multi * 4)
        brk = (rb"\r(?:[\x00-\x08\x0b\x0e-\x1f\x7f]*\n)?|\n|\f" if self.cp1252 else
               rb"\r(?:[\x00-\x08\x0b\x0e-\x1f\x7f]*\n)?|\n|\f|\xe2\x80[\xa8\xa9]|\xc2\x85")
        # (content start, content end, next line's start, ends at a \n or \r)
        self.lines, at = [], 0
        for m in re.finditer(brk, data):
            self.lines.append((at, m.start(), m.end(), data[m.start()] in b"\r\n"))
            at = m.end()
        self.lines.append((at, len(data), len(data), False))
        self.line_starts = [l[0] for l in self.lines]
        self.classify()

    def decode(self, x, y):
        raw = self.data[x:y]
        if self.cp1252:
            s = raw.decode("cp1252", errors="replace")
        elif self.starts is None:
            s = raw.decode("utf-8", errors="replace")
        else:
            s = "".join(m.group().decode("utf-8") if m.group()[0] < 0x80 or m.end() - m.start() > 1 else "\ufffd"
                        for m in UTF8_TOKEN.finditer(raw))
        return s.translate(CTRL)

    def pass1(self, x, y, eol):
        """Pass 1 of the line part [x, y); eol: a \\n or \\r follows it."""
        s = SOFT_EOL.sub("-" if eol else "", self.decode(x, y)).replace("\u00ad", "")
        return compose(s.translate(P1))

    def classify(self):
        L = self.lines
        n = len(L)
        raw = [self.pass1(s, e, eol) for s, e, _, eol in L]
        self.text = [r.strip(" ") for r in raw]
        raw_empty = [r == "" for r in raw]
        page_end = [e < nx and self.data[e] == 0x0c for s, e, nx, _ in L]
        t = []
        for i in range(n):
            if raw_empty[i] and page_end[i]:
                t.append(GONE)  # the empty line that closes a page
            else:
                t.append(EMPTY if raw_empty[i] else SPACE if not self.text[i] else TEXT)
        ntext = sum(1 for i in range(n - 1) if t[i] == TEXT)
        then_empty = sum(1 for i in range(n - 1) if t[i] == TEXT and t[i + 1] == EMPTY)
        if ntext >= 6 and then_empty * 10 > ntext * 6:  # double spacing
            for i in range(n - 1):
                if t[i] != EMPTY and t[i + 1] == EMPTY:
                    t[i + 1] = GONE
        first, pageno, since = [], 0, 99
        for i in range(n):
            if i and page_end[i - 1]:
                pageno += 1
                since = 0
            if t[i] != TEXT:
                continue
            since += 1
            b = self.text[i].encode("utf-8")
            if is_furniture(b):
                t[i] = GONE
            elif pageno == 0 and len(first) < 16:
                first.append(b)
            elif pageno > 0 and since <= 6 and b in first:
                t[i] = GONE  # a header line repeated at the top of a page
        self.type = t

    def join(self, i):
        """How a kept text line i runs on into the next kept line: None, or
        (next line, 'conj' | 'drop' | 'keep') for the hyphen at its end."""
        t = self.text[i]
        j = i + 1
        while j < len(self.type) and self.type[j] == GONE:
            j += 1
        if j == len(self.type) or self.type[j] != TEXT or len(t) < 2 or t[-1] != "-":
            return None
        nx, p = self.text[j], t[-2]
        if not is_letter(nx[0]) or not (is_letter(p) or p in "0123456789"):
            return None
        if next_word_is_conj(nx.encode("utf-8")):
            return j, "conj"  # suspended compound: "Stöd- och ..."
        if not (unicodedata.category(p) == "Lu" or unicodedata.category(nx[0]) == "Lu" or p in "0123456789"):
            return j, "drop"  # "omsorgs-\nboende"
        return j, "keep"

    def char_start(self, x):
        if x <= 0 or x >= len(self.data) or self.cp1252:
            return True
        if self.starts is None:
            return not 0x80 <= self.data[x] < 0xc0
        return self.data[x] < 0x80 or x in self.starts

    def next_char(self, x):
        x += 1
        while not self.char_start(x):
            x += 1
        return x

    def prev_char(self, x):
        x -= 1
        while not self.char_start(x):
            x -= 1
        return x

    def clean(self, a, b):
        """The bytes [a, b) cleaned and folded, or None when the span begins
        or ends on a line the library drops."""
        if b <= a:
            return ""
        L = self.lines
        i0 = bisect.bisect_right(self.line_starts, a) - 1
        i1 = bisect.bisect_right(self.line_starts, b - 1) - 1
        out, glue = [], False
        for i in range(i0, i1 + 1):
            s, e, nx, eol = L[i]
            if self.type[i] == GONE and a <= s and e <= b:
                if i in (i0, i1):
                    return None
                continue
            x, y = max(a, s), min(b, e)
            part = self.pass1(x, y, eol and y == e) if x < y else ""
            out.append(part.lstrip(" ") if glue else part)
            # a word broken at the line end runs on into the next kept line
            # when the span goes on there: no line break between them
            j = self.join(i) if self.type[i] == TEXT and y == e else None
            glue = bool(j and j[0] <= i1)
            if glue:
                out[-1] = out[-1].rstrip(" ")
                if j[1] == "conj":
                    out.append(" ")
                elif j[1] == "drop":
                    out[-1] = out[-1][:-1]
                continue
            if max(a, e) < min(b, nx):
                out.append(" ")  # the line break, or part of it
        return re.sub(r"  +", " ", "".join(out))

    def check(self, a, b, value):
        """None when the span [a, b) holds exactly value, else what it holds."""
        if not (0 <= a <= b <= len(self.data)):
            return "outside the file"
        if not (self.char_start(a) and self.char_start(b)):
            return "not on a character boundary"
        got = self.clean(a, b)
        if got is None:
            return "begins or ends on a line the library drops"
        if got != value:
            return repr(got) if len(got) < 160 else f"{got[:100]!r} … {got[-40:]!r} ({len(got)} characters)"
        # the smallest span: no dropped byte pads either end
        if b > a and (self.data[a] >= 0x7f or self.data[a] < 0x20) and self.clean(self.next_char(a), b) == value:
            return "starts with bytes the cleanup drops"
        if b > a and (self.data[b - 1] >= 0x7f or self.data[b - 1] < 0x20) and self.clean(a, self.prev_char(b)) == value:
            return "ends with bytes the cleanup drops"
        return None


def from_jsonl(path):
    for line in open(path, encoding="utf-8"):
        rec = json.loads(line)
        if "error" in rec:
            continue
        yield rec["source"], [(key, x[field], x["span"]) for key, field in FIELDS for x in rec.get(key) or []]


def from_sqlite(path):
    """-f sqlite output: the record's arrays, and the spans the JSON record
    leaves out (title, body, administration, paragraph)."""
    import sqlite3
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    own = ("title", "body", "administration", "paragraph")
    cols = ", ".join(f"{f}, {f}_start, {f}_end" for f in own)
    for row in db.execute(f"SELECT id, source, {cols} FROM documents WHERE error IS NULL ORDER BY id"):
        items = [(f, row[2 + 3 * k], row[3 + 3 * k:5 + 3 * k]) for k, f in enumerate(own) if row[2 + 3 * k] is not None]
        for key, field in FIELDS:
            items += [(key, v, (a, b)) for v, a, b in db.execute(
                f"SELECT {field}, span_start, span_end FROM {key} WHERE document_id = ? ORDER BY position", (row[0],))]
        yield row[1], items


def spans(paths):
    """(source, Doc, [(field, value, span)]) for every record of the runs."""
    docs = {}
    for path in paths:
        for src, items in (from_sqlite if path.endswith(".db") else from_jsonl)(path):
            if src not in docs:
                docs[src] = Doc(open(src, "rb").read())
            yield src, docs[src], items


def check_runs(paths):
    bad = checked = 0
    for src, doc, items in spans(paths):
        for key, value, (a, b) in items:
            checked += 1
            why = "no span" if a is None or b is None else doc.check(a, b, value)
            if why is not None:
                bad += 1
                print(f"{src}: {key} {value!r} at [{a}, {b}): {why}")
    print(f"spans: {checked} checked, {bad} wrong")
    return 1 if bad or not checked else 0


def word_end(data, x):
    while x < len(data) and data[x] in b" \t\r\n\f":
        x += 1
    while x < len(data) and data[x] not in b" \t\r\n\f":
        x += 1
    return x


def line_end(data, x):
    """Where the line after the one x stands on ends, before its line break."""
    def brk(x):
        while x < len(data) and data[x] not in b"\r\n\f":
            x += 1
        return x
    x = brk(x)
    return brk(x + 1) if x < len(data) else x


def line_start(data, x):
    """Where the line before the one x stands on starts."""
    def brk(x):
        while x > 0 and data[x - 1] not in b"\r\n\f":
            x -= 1
        return x
    x = brk(x)
    return brk(x - 1) if x > 0 else x


def word_start(data, x):
    while x > 0 and data[x - 1] in b" \t\r\n\f":
        x -= 1
    while x > 0 and data[x - 1] not in b" \t\r\n\f":
        x -= 1
    return x


def next_word(data, x):
    while x < len(data) and data[x] not in b" \t\r\n\f":
        x += 1
    while x < len(data) and data[x] in b" \t\r\n\f":
        x += 1
    return x


MUTATIONS = (
    ("widened by a byte at the end", lambda d, a, b: (a, b + 1)),
    ("widened by a byte at the start", lambda d, a, b: (a - 1, b)),
    ("widened by a word at the end", lambda d, a, b: (a, word_end(d, b))),
    ("widened by a word at the start", lambda d, a, b: (word_start(d, a), b)),
    ("widened to the end of the next line", lambda d, a, b: (a, line_end(d, b))),
    ("widened to the start of the line before", lambda d, a, b: (line_start(d, a), b)),
    ("narrowed by a byte at the end", lambda d, a, b: (a, b - 1)),
    ("shifted by a byte", lambda d, a, b: (a + 1, b + 1)),
    ("shifted by a word", lambda d, a, b: (next_word(d, a), b + next_word(d, a) - a)),
    ("set to the whole file", lambda d, a, b: (0, len(d))),
)


def self_test(paths):
    """Every mutation of every correct span must be reported wrong, where the
    mutated span holds bytes other than the span's own (shifting "aa" in
    "aaa" by a byte changes nothing any check could see)."""
    applied = {name: 0 for name, _ in MUTATIONS}
    caught = dict(applied)
    missed = 0
    for src, doc, items in spans(paths):
        d = doc.data
        for key, value, (a, b) in items:
            if a is None or b is None or doc.check(a, b, value) is not None:
                continue
            for name, mutate in MUTATIONS:
                ma, mb = mutate(d, a, b)
                if (ma, mb) == (a, b) or not (0 <= ma <= mb <= len(d)) or d[ma:mb] == d[a:b]:
                    continue
                applied[name] += 1
                if doc.check(ma, mb, value) is not None:
                    caught[name] += 1
                elif missed < 20:
                    missed += 1
                    print(f"{src}: {key} {value!r} at [{a}, {b}) {name} to [{ma}, {mb}): not caught")
    ok = True
    for name, _ in MUTATIONS:
        print(f"self-test: span {name}: {caught[name]} of {applied[name]} caught")
        ok = ok and applied[name] > 0 and caught[name] == applied[name]
    return 0 if ok else 1


if __name__ == "__main__":
    args = sys.argv[1:]
    test = args[:1] == ["--self-test"]
    if test:
        args = args[1:]
    if not args:
        sys.exit("usage: spans.py [--self-test] RUN.jsonl|RUN.db ...")
    sys.exit(self_test(args) if test else check_runs(args))
