#!/usr/bin/env python3
"""Generate the benchmark corpus from corpus/*.txt.

    gen.py CORPUS_DIR OUT_DIR [--mb 105] [--files 27000] [--subset-mb 25]

Writes OUT_DIR/c100/NNN/NNNNN.txt (at least --mb megabytes in at least --files
files, 1,000 files a folder) and OUT_DIR/c25/ (hard links to the first
--subset-mb megabytes of c100). Each generated document is one golden
document, varied, optionally followed by one or two more paragraphs (as full
minutes are): the years are shifted, diarienummer serials, paragraph
numbers and days of dates redrawn, and unit names and people swapped for
those of other documents. Encodings (UTF-8, BOM, Windows-1252) and line
endings (LF, CRLF) of the base document are kept. No two generated files are
byte-equal: a repeat is redrawn and the finished corpus is checked.

The seed is fixed, so the output is the same on every machine. OUT_DIR/stamp
records what the corpus was made from (this script, the golden documents,
the parameters); when it matches, nothing is regenerated and the corpus is
only checked (count, size, uniqueness), which also reads it into the page
cache.
"""
import argparse
import hashlib
import json
import os
import random
import re
import shutil
import sys

SEED = 20201124
MONTHS = ("januari februari mars april maj juni juli augusti september "
          "oktober november december").split()
YEAR_RX = re.compile(r"\b(19[89]\d|20[0-3]\d)\b")
ISO_RX = re.compile(r"\b(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])\b")
SWDATE_RX = re.compile(r"\b([1-9]|[12]\d|3[01]) (" + "|".join(MONTHS) + r")\b")
PARA_RX = re.compile(r"§ ?(\d{1,3})\b")
DIGITS_RX = re.compile(r"\d+")


def decode(raw):
    """Text with LF line ends, and how to encode it back."""
    bom = raw.startswith(b"\xef\xbb\xbf")
    if bom:
        raw = raw[3:]
    try:
        text, enc = raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        text, enc = raw.decode("cp1252", errors="replace"), "cp1252"
    crlf = "\r\n" in text
    return text.replace("\r\n", "\n"), {"bom": bom, "enc": enc, "crlf": crlf}


def encode(text, form):
    if form["crlf"]:
        text = text.replace("\n", "\r\n")
    raw = text.encode(form["enc"], errors="replace")
    return (b"\xef\xbb\xbf" + raw) if form["bom"] else raw


def first_names(values):
    out = []
    for v in values:
        if isinstance(v, list):
            out.extend(x for x in v if isinstance(x, str) and x)
        elif isinstance(v, str) and v:
            out.append(v)
    return out


class Doc:
    def __init__(self, path, raw, gold):
        self.name = os.path.basename(path)
        self.text, self.form = decode(raw)
        # names as they appear in the text, longest first so that a
        # variant is replaced before its own substrings
        self.units = []
        for u in gold.get("units", []):
            names = [n for n in first_names(u.get("name", [])) if n in self.text]
            if names:
                self.units.append(sorted(set(names), key=len, reverse=True))
        self.people = []
        for p in gold.get("people", []):
            names = [n for n in first_names(p.get("name", [])) if n in self.text]
            if names:
                self.people.append(sorted(set(names), key=len, reverse=True))
        self.regnums = []
        for r in gold.get("registration_numbers", []):
            for v in first_names(r.get("value", [])) + first_names(r.get("text", [])):
                if v in self.text and v not in self.regnums:
                    self.regnums.append(v)
        self.regnums.sort(key=len, reverse=True)


def load(corpus):
    docs = []
    for f in sorted(os.listdir(corpus)):
        if not f.endswith(".txt"):
            continue
        path = os.path.join(corpus, f)
        with open(path, "rb") as fh:
            raw = fh.read()
        gold = {}
        jpath = path[:-4] + ".json"
        if os.path.exists(jpath):
            with open(jpath, encoding="utf-8") as fh:
                gold = json.load(fh)
        docs.append(Doc(path, raw, gold))
    return docs


def replace_all(text, pairs):
    """Replace each old string by its new one in one pass (no re-replacing)."""
    pairs = [(o, n) for o, n in pairs if o and o != n]
    if not pairs:
        return text
    pairs.sort(key=lambda p: len(p[0]), reverse=True)
    table = dict(pairs)
    rx = re.compile("|".join(re.escape(o) for o, _ in pairs))
    return rx.sub(lambda m: table[m.group(0)], text)


def vary(doc, rng, unit_pool, people_pool):
    text = doc.text
    # 1. unit names and people swapped for those of other documents
    pairs = []
    for variants in doc.units:
        new = rng.choice(unit_pool)
        pairs.extend((v, new) for v in variants)
    for variants in doc.people:
        new = rng.choice(people_pool)
        pairs.extend((v, new) for v in variants)
    text = replace_all(text, pairs)

    # 2. the years shifted, the same way all over the document
    delta = rng.randint(-6, 6)

    def shift(y):
        return min(2030, max(2000, y + delta))

    text = YEAR_RX.sub(lambda m: str(shift(int(m.group(1)))), text)

    # 3. diarienummer: serials redrawn, two-digit years shifted
    def new_regnum(v):
        runs = list(DIGITS_RX.finditer(v))
        out, last = [], 0
        for i, m in enumerate(runs):
            s = m.group(0)
            out.append(v[last:m.start()])
            last = m.end()
            if len(s) == 4 and s[:2] in ("19", "20"):
                out.append(s)  # a year, already shifted
            elif len(s) == 2 and i == len(runs) - 1 and int(s) <= 30:
                out.append("%02d" % (shift(2000 + int(s)) % 100))
            elif "." in v[max(0, m.start() - 1):m.end() + 1] and len(s) == 1:
                out.append(s)  # a classification code like 1.4.1
            else:
                lo = 10 ** (len(s) - 1) if s[0] != "0" else 0
                out.append(str(rng.randint(lo, 10 ** len(s) - 1)).zfill(len(s)))
        out.append(v[last:])
        return "".join(out)

    regs = [YEAR_RX.sub(lambda m: str(shift(int(m.group(1)))), v) for v in doc.regnums]
    text = replace_all(text, [(v, new_regnum(v)) for v in regs if v in text])

    # 4. dates: days redrawn, the same date the same way each time
    seen = {}

    def iso(m):
        key = m.group(0)
        if key not in seen:
            seen[key] = "%s-%s-%02d" % (m.group(1), m.group(2), rng.randint(1, 28))
        return seen[key]

    text = ISO_RX.sub(iso, text)

    def sw(m):
        key = m.group(0)
        if key not in seen:
            seen[key] = "%d %s" % (rng.randint(1, 28), m.group(2))
        return seen[key]

    text = SWDATE_RX.sub(sw, text)

    # 5. paragraph numbers
    paras = {}

    def para(m):
        n = m.group(1)
        if n not in paras:
            paras[n] = str(rng.randint(1, 250))
        return m.group(0)[: m.start(1) - m.start(0)] + paras[n]

    return PARA_RX.sub(para, text)


def stamp_of(corpus, args):
    h = hashlib.sha256()
    with open(os.path.abspath(__file__), "rb") as fh:
        h.update(fh.read())
    for f in sorted(os.listdir(corpus)):
        if f.endswith((".txt", ".json")):
            h.update(f.encode())
            with open(os.path.join(corpus, f), "rb") as fh:
                h.update(fh.read())
    h.update(("%r %r %r %r" % (SEED, args.mb, args.files, args.subset_mb)).encode())
    return h.hexdigest()


def generate(docs, out, args):
    rng = random.Random(SEED)
    unit_pool = sorted({v[0] for d in docs for v in d.units})
    people_pool = sorted({v[0] for d in docs for v in d.people})
    # the protokoll paragraphs, for documents made of several paragraphs
    paragraphs = [d for d in docs if PARA_RX.search(d.text)] or docs
    c100 = os.path.join(out, "c100")
    seen = set()
    total = count = redrawn = 0
    want_bytes = int(args.mb * 1e6)
    while total < want_bytes or count < args.files:
        base = docs[count % len(docs)]
        for _attempt in range(100):
            parts = [vary(base, rng, unit_pool, people_pool)]
            for _ in range(rng.choice((0, 0, 0, 1, 1, 1, 1, 2))):
                parts.append(vary(rng.choice(paragraphs), rng, unit_pool, people_pool))
            raw = encode("\n\n".join(parts), base.form)
            digest = hashlib.sha1(raw).digest()
            if digest not in seen:
                break
            redrawn += 1
        else:
            sys.exit("gen.py: cannot draw a new variant of %s" % base.name)
        seen.add(digest)
        d = os.path.join(c100, "%03d" % (count // 1000))
        if count % 1000 == 0:
            os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, "%05d.txt" % count), "wb") as fh:
            fh.write(raw)
        total += len(raw)
        count += 1
    # the subset: hard links to the first files, up to subset_mb
    c25 = os.path.join(out, "c25")
    sub = 0
    for path in list_files(c100):
        size = os.path.getsize(path)
        if sub + size > args.subset_mb * 1e6:
            break
        dst = os.path.join(c25, os.path.relpath(path, c100))
        os.makedirs(os.path.dirname(dst), exist_ok=True)
        try:
            os.link(path, dst)
        except OSError:
            shutil.copyfile(path, dst)
        sub += size
    return redrawn


def list_files(top):
    out = []
    for root, dirs, files in os.walk(top):
        dirs.sort()
        out.extend(os.path.join(root, f) for f in sorted(files) if f.endswith(".txt"))
    return out


def check(top):
    """(files, bytes); exits if two files are byte-equal."""
    seen = {}
    total = 0
    for path in list_files(top):
        with open(path, "rb") as fh:
            raw = fh.read()
        total += len(raw)
        digest = hashlib.sha1(raw).digest()
        if digest in seen:
            sys.exit("gen.py: %s and %s are byte-equal" % (seen[digest], path))
        seen[digest] = path
    return len(seen), total


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus")
    ap.add_argument("out")
    ap.add_argument("--mb", type=float, default=105.0)
    ap.add_argument("--files", type=int, default=27000)
    ap.add_argument("--subset-mb", type=float, default=25.0)
    args = ap.parse_args()
    docs = load(args.corpus)
    if not docs:
        sys.exit("gen.py: no *.txt in %s" % args.corpus)
    stamp = stamp_of(args.corpus, args)
    stamp_path = os.path.join(args.out, "stamp")
    old = open(stamp_path).read().strip() if os.path.exists(stamp_path) else ""
    if old != stamp:
        for d in ("c100", "c25"):
            shutil.rmtree(os.path.join(args.out, d), ignore_errors=True)
        if os.path.exists(stamp_path):
            os.remove(stamp_path)
        os.makedirs(args.out, exist_ok=True)
        print("gen.py: generating the benchmark corpus from %d documents ..." % len(docs), file=sys.stderr)
        redrawn = generate(docs, args.out, args)
        print("gen.py: %d repeated variants redrawn" % redrawn, file=sys.stderr)
    n100, b100 = check(os.path.join(args.out, "c100"))
    n25, b25 = check(os.path.join(args.out, "c25"))
    if n100 < args.files or b100 < args.mb * 1e6:
        sys.exit("gen.py: c100 too small: %d files, %d bytes" % (n100, b100))
    if old != stamp:
        with open(stamp_path, "w") as fh:
            fh.write(stamp + "\n")
    # for the caller: name files bytes
    print("c100 %d %d" % (n100, b100))
    print("c25 %d %d" % (n25, b25))


if __name__ == "__main__":
    main()
