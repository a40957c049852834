#!/usr/bin/env python3
"""Checks every span of every record: the original bytes at [start, end),
cleaned the way the library cleans them, are the text the record claims."""
import json, re, sys, unicodedata

def clean(raw):
    try:
        s = raw.decode("utf-8")
    except UnicodeDecodeError:
        s = raw.decode("cp1252", errors="replace")
    s = unicodedata.normalize("NFC", s).replace("\u00ad", "").replace("\u00a0", " ")
    s = s.replace("\ufb01", "fi").replace("\ufb02", "fl")
    s = re.sub(r"-[ \t]*\r?\n[\s\f]*(?=[a-zåäö])", "", s)        # omsorgs-\nboende
    s = re.sub(r"-[ \t]*\r?\n[\s\f]*", "-", s)                    # Rinkeby-\nKista
    return re.sub(r"\s+", " ", s).strip()

def squash(s):
    return re.sub(r"[\s\-]+", "", s or "")

bad = checked = 0
for line in open(sys.argv[1], encoding="utf-8"):
    rec = json.loads(line)
    if "error" in rec:
        continue
    data = open(rec["source"], "rb").read()
    items = []
    for key, text in (("registration_numbers", "text"), ("units", "name"), ("people", "name"),
                      ("dates", "text"), ("decisions", "text")):
        for x in rec.get(key) or []:
            items.append((key, x[text], x["span"]))
    for key, text, (a, b) in items:
        checked += 1
        got = clean(data[a:b])
        if squash(got) != squash(text):
            # page furniture between the words is dropped from the claim only
            g, t = squash(got), squash(text)
            it = iter(g)
            if not all(ch in it for ch in t):
                bad += 1
                print(f"{rec['source']}: {key} {text!r} but bytes {a}-{b} hold {got!r}")
print(f"spans: {checked} checked, {bad} wrong")
sys.exit(1 if bad or not checked else 0)
