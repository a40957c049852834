#!/usr/bin/env python3
"""Checks the page beside every span: 1 + the form feeds of the input
before the span's start (pdftotext ends every page with one, and a PDF's
text is its pages' text one after another).

  pages.py RUN.jsonl|RUN.db ...   every record's spans; a database adds the
                                  pages of title, body, administration and
                                  paragraph
"""
import json, sys

ARRAYS = ("registration_numbers", "units", "people", "dates", "decisions")


def from_jsonl(path):
    for line in open(path, encoding="utf-8"):
        rec = json.loads(line)
        if "error" in rec:
            continue
        yield rec["source"], [(k, x["span"][0], x.get("page")) for k in ARRAYS for x in rec.get(k) or []]


def from_sqlite(path):
    import sqlite3
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    own = ("title", "body", "administration", "paragraph")
    cols = ", ".join(f"{f}, {f}_start, {f}_page" for f in own)
    for row in db.execute(f"SELECT id, source, {cols} FROM documents WHERE error IS NULL ORDER BY id"):
        items = [(f, row[3 + 3 * k], row[4 + 3 * k]) for k, f in enumerate(own) if row[2 + 3 * k] is not None]
        for k in ARRAYS:
            items += [(k, a, p) for a, p in db.execute(
                f"SELECT span_start, page FROM {k} WHERE document_id = ? ORDER BY position", (row[0],))]
        yield row[1], items


def main(paths):
    checked = bad = 0
    for path in paths:
        for src, items in (from_sqlite if path.endswith(".db") else from_jsonl)(path):
            data = open(src, "rb").read()
            for key, start, page in items:
                checked += 1
                want = data.count(b"\f", 0, start) + 1
                if page != want:
                    bad += 1
                    print(f"{src}: {key} at {start}: page {page}, not {want}")
    print(f"pages: {checked} checked, {bad} wrong")
    return 1 if bad or not checked else 0


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit("usage: pages.py RUN.jsonl|RUN.db ...")
    sys.exit(main(sys.argv[1:]))
