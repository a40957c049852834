#!/usr/bin/env python3
"""The records gold is scored against: whole minutes give one record per
paragraph, all with one source, while a gold file holds one record, for
the paragraph it names. This keeps, per source, the record whose
paragraph the gold names (the first record when the gold names none or
none matches); a source with one record passes as it is. score.py (the
shared scorer, kept identical to ../shared/eval/score.py) then pairs by
source as before.

usage: gold_records.py GOLD_DIR PRED.jsonl [OUT.jsonl]   (default: stdout)"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import score  # noqa: E402


def gold_paragraphs(gold_dir):
    """source -> the set of paragraph numbers its gold accepts (normalised)."""
    out = {}
    for name in sorted(os.listdir(gold_dir)):
        if name.endswith(".json"):
            with open(os.path.join(gold_dir, name), encoding="utf-8") as fh:
                g = json.load(fh)
            out[g["source"]] = {score.norm(p) for p in g.get("paragraph", [None]) if p is not None}
    return out


def pick(records, paragraphs):
    """The records of one input, in order -> the one the gold is about."""
    if len(records) == 1 or not paragraphs:
        return records[0]
    for r in records:
        if score.norm(r.get("paragraph")) in paragraphs:
            return r
    return records[0]


def select(gold_dir, lines):
    """JSONL lines -> the chosen record of each source, in input order."""
    wanted = gold_paragraphs(gold_dir)
    by_src, order = {}, []
    for line in lines:
        if not line.strip():
            continue
        rec = json.loads(line)
        src = os.path.basename(rec.get("source") or "")
        if src not in by_src:
            by_src[src] = []
            order.append(src)
        by_src[src].append(rec)
    return [pick(by_src[s], wanted.get(s, set())) for s in order]


def main():
    if len(sys.argv) not in (3, 4):
        sys.exit(__doc__)
    with open(sys.argv[2], encoding="utf-8") as fh:
        chosen = select(sys.argv[1], fh)
    out = open(sys.argv[3], "w", encoding="utf-8") if len(sys.argv) == 4 else sys.stdout
    for r in chosen:
        out.write(json.dumps(r, ensure_ascii=False) + "\n")
    if out is not sys.stdout:
        out.close()


if __name__ == "__main__":
    main()
