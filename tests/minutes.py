#!/usr/bin/env python3
"""Whole minutes against what is known of their paragraphs.

usage: minutes.py join GBG_DIR OUT_DIR
           joins each meeting's paragraphs (ks-DATE-pNNN.txt, in the order
           of their numbers, a blank line between) into OUT_DIR/ks-DATE.txt
           and writes OUT_DIR/expected.tsv: file, then the paragraph numbers
       minutes.py toc TEXT...
           the expected paragraphs of a PDF's minutes from its own text:
           the table of contents ("§ 12 Dnr KFKS 2018/3 ........ 7"), one
           line per file as in expected.tsv
       minutes.py paragraphs EXPECTED.tsv RECORDS.jsonl
           each file's records: its paragraph numbers, in order, none
           missing, none extra; one meeting object shared by them, naming
           the first and last paragraph and their count
       minutes.py titles RECORDS.jsonl MIN TEXT...
           each record's title against the one its PDF's table of contents
           gives its paragraph, in at least MIN of the paragraphs
       minutes.py agree GBG_DIR JOINED.jsonl SINGLE.jsonl MIN
           each paragraph's record from its meeting's minutes agrees with
           its record from the paragraph read alone (title, diarienummer,
           decisions' kinds) in at least MIN of the paragraphs

Each command prints what it found and exits 1 when the check fails."""
import json
import os
import re
import sys
from collections import defaultdict


def records(path):
    by = defaultdict(list)
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                r = json.loads(line)
                by[os.path.basename(r.get("source") or "")].append(r)
    return by


def meetings(gbg):
    by = defaultdict(list)
    for f in os.listdir(gbg):
        m = re.match(r"ks-(\d{4}-\d\d-\d\d)-p(\d+)\.txt$", f)
        if m:
            by[m.group(1)].append((int(m.group(2)), f))
    return {d: sorted(v) for d, v in sorted(by.items())}


def join(gbg, out):
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "expected.tsv"), "w", encoding="utf-8") as exp:
        for date, paras in meetings(gbg).items():
            name = f"ks-{date}.txt"
            with open(os.path.join(out, name), "wb") as fh:
                for _, f in paras:
                    data = open(os.path.join(gbg, f), "rb").read()
                    fh.write(data.rstrip(b"\n") + b"\n\n")
            exp.write(name + "\t" + " ".join(str(n) for n, _ in paras) + "\n")
    return 0


TOC = re.compile(r"^§ ?(\d{1,4})\b.*\.{4,}\s*\d*\s*$")


def toc(paths):
    for p in paths:
        nums = []
        for line in open(p, encoding="utf-8"):
            m = TOC.match(line.rstrip("\n"))
            if m:
                nums.append(int(m.group(1)))
        print(os.path.basename(p).rsplit(".", 1)[0] + ".pdf\t" + " ".join(map(str, nums)))
    return 0


DOTTED = re.compile(r"\s*\.{3,}\s*\d*\s*$")


def toc_titles(path):
    """paragraph -> its title in the table of contents: the block of lines
    that ends in the first dotted line after its "§ N" line."""
    lines = open(path, encoding="utf-8").read().split("\n")
    out = {}
    for i, line in enumerate(lines):
        m = TOC.match(line)
        if not m:
            continue
        j = i + 1
        while j < len(lines) and not DOTTED.search(lines[j]) and not TOC.match(lines[j]):
            j += 1
        if j == len(lines) or TOC.match(lines[j]):
            continue
        k = j
        while k - 1 > i and lines[k - 1].strip():
            k -= 1
        block = lines[k:j + 1]
        # the table ran over a page: its header (date, the heading, the body) is no title
        heads = [h for h, x in enumerate(block) if x.strip().isupper() and "PROTOKOLL" in x]
        if heads:
            block = block[heads[-1] + 2:]
        out[m.group(1)] = " ".join(DOTTED.sub("", x).strip() for x in block)
    return out


def titles(pred, least, texts):
    by = records(pred)
    ok = n = 0
    for t in texts:
        want = toc_titles(t)
        for r in by.get(os.path.basename(t).rsplit(".", 1)[0] + ".pdf", []):
            n += 1
            if norm(r.get("title")) == norm(want.get(r.get("paragraph"))):
                ok += 1
    print(f"  {ok} of {n} titles as the tables of contents give them")
    return 0 if n and ok / n >= float(least) else 1


def paragraphs(expected, pred):
    by = records(pred)
    bad = files = paras = 0
    for line in open(expected, encoding="utf-8"):
        name, _, nums = line.rstrip("\n").partition("\t")
        want = nums.split()
        rs = by.get(name, [])
        got = [r.get("paragraph") for r in rs]
        files += 1
        ok = got == want and len(want) > 1
        ms = [r.get("meeting") for r in rs]
        if ok:
            m = ms[0] or {}
            ok = all(x == ms[0] for x in ms) and m.get("first_paragraph") == want[0] and \
                m.get("last_paragraph") == want[-1] and m.get("paragraphs") == len(want)
            if not ok:
                print(f"  {name}: the records' meeting objects differ or misname the paragraphs: {ms[0]}")
        else:
            miss = [p for p in want if p not in got]
            extra = [p for p in got if p not in want]
            print(f"  {name}: {len(got)} records for {len(want)} paragraphs; missing {miss[:8]}, extra {extra[:8]}"
                  f"{'' if miss or extra else ', out of order'}")
        bad += not ok
        paras += sum(1 for a, b in zip(got, want) if a == b)
    print(f"  {files - bad} of {files} meetings give their paragraphs exactly, in order; "
          f"{paras} paragraphs matched")
    return 1 if bad or not files else 0


def norm(s):
    return re.sub(r"\s+", " ", s or "").strip().casefold()


def agree(gbg, joined, single, least):
    j, s = records(joined), records(single)
    fields = {"title": [0, 0], "registration_numbers": [0, 0], "decision_kinds": [0, 0]}
    for date, paras in meetings(gbg).items():
        mine = {r.get("paragraph"): r for r in j.get(f"ks-{date}.txt", [])}
        for n, f in paras:
            alone = (s.get(f) or [{}])[0]
            r = mine.get(str(n), {})
            for k, get in (("title", lambda x: norm(x.get("title"))),
                           ("registration_numbers",
                            lambda x: sorted(norm(v.get("value")) for v in x.get("registration_numbers") or [])),
                           ("decision_kinds", lambda x: [d.get("kind") for d in x.get("decisions") or []])):
                fields[k][0] += get(r) == get(alone)
                fields[k][1] += 1
    worst = 1.0
    for k, (ok, n) in fields.items():
        share = ok / n if n else 0.0
        worst = min(worst, share)
        print(f"  {k}: {ok} of {n} paragraphs as read alone ({share:.3f})")
    return 0 if worst >= float(least) else 1


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    cmd, args = sys.argv[1], sys.argv[2:]
    if cmd == "join" and len(args) == 2:
        return join(*args)
    if cmd == "toc" and args:
        return toc(args)
    if cmd == "paragraphs" and len(args) == 2:
        return paragraphs(*args)
    if cmd == "titles" and len(args) >= 3:
        return titles(args[0], args[1], args[2:])
    if cmd == "agree" and len(args) == 4:
        return agree(*args)
    sys.exit(__doc__)


if __name__ == "__main__":
    sys.exit(main())
