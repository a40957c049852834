#!/usr/bin/env python3
"""Score floors: scores a set of records and compares them with the set's
committed baseline in tests/baseline/NAME.json, field by field and
document by document. Any figure below its baseline fails; so does a figure
above it, until the change that earned it updates the baseline in the same
commit (--update): every gain and every accepted loss shows in review.

usage: floors.py NAME PRED.jsonl --gold DIR [--only FILE...] [--update]
       floors.py NAME PRED.jsonl --silver TSV [--update]

--gold scores with tests/score.py's rules (the shared scorer): per field
F1 and the macro F1 of each document's own fields. --silver scores
paragraph, diarienummer and title agreement with a silver.tsv. --only
restricts the gold to the named documents (a held-out half stays out)."""
import argparse
import csv
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import score  # noqa: E402
import gold_records  # noqa: E402

EPS = 1e-9


def load_preds(path, gold_dir=None):
    """source -> its record; of the records of whole minutes (one per
    paragraph, one source), the one whose paragraph the gold names."""
    with open(path, encoding="utf-8") as fh:
        lines = list(fh)
    if gold_dir:
        return {os.path.basename(r.get("source", "")): r for r in gold_records.select(gold_dir, lines)}
    preds = {}
    for line in lines:
        if line.strip():
            rec = json.loads(line)
            preds[os.path.basename(rec.get("source", ""))] = rec
    return preds


def macro(tallies):
    f1s = [t.prf()[2] for t in tallies.values() if t.tp + t.fp + t.fn]
    return sum(f1s) / len(f1s) if f1s else 1.0


def gold_scores(gold_dir, preds, only):
    fields = {f: score.Tally() for f in score.SINGLE + score.LISTS}
    docs = {}
    for name in sorted(os.listdir(gold_dir)):
        if not name.endswith(".json"):
            continue
        gold = json.load(open(os.path.join(gold_dir, name), encoding="utf-8"))
        src = gold["source"]
        if only and src not in only:
            continue
        rec = preds.get(src)
        if rec is None or "error" in rec:
            rec = {}
        mine = {f: score.Tally() for f in score.SINGLE + score.LISTS}
        score.score_doc(gold, rec, mine, [])
        for f, t in mine.items():
            fields[f].add(t.tp, t.fp, t.fn)
        docs[src] = macro(mine)
    out = {f: t.prf()[2] for f, t in fields.items() if t.tp + t.fp + t.fn}
    return out, macro(fields), docs


def silver_scores(tsv, preds):
    rows = list(csv.DictReader(open(tsv, encoding="utf-8"), delimiter="\t"))
    seen = {"paragraph": [0, 0], "registration_number": [0, 0], "title": [0, 0]}
    docs = {}
    n = score.norm
    for r in rows:
        rec = preds.get(r["file"]) or {}
        got = {"paragraph": rec.get("paragraph") == r["paragraph"]}
        if r["arendenummer"]:
            got["registration_number"] = any(n(x.get("value")) == n(r["arendenummer"])
                                             for x in rec.get("registration_numbers") or [])
        if r["rubrik"]:
            got["title"] = n(rec.get("title")) == n(r["rubrik"])
        for k, ok in got.items():
            seen[k][0] += ok
            seen[k][1] += 1
        docs[r["file"]] = sum(got.values()) / len(got)
    fields = {k: ok / t for k, (ok, t) in seen.items() if t}
    return fields, sum(fields.values()) / len(fields), docs


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("name")
    ap.add_argument("pred")
    ap.add_argument("--gold")
    ap.add_argument("--silver")
    ap.add_argument("--only", nargs="*")
    ap.add_argument("--update", action="store_true")
    a = ap.parse_args()
    preds = load_preds(a.pred, a.gold)
    if a.silver:
        fields, mac, docs = silver_scores(a.silver, preds)
    else:
        fields, mac, docs = gold_scores(a.gold, preds, set(a.only or []))
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "baseline", a.name + ".json")
    now = {"macro": round(mac, 6), "fields": {k: round(v, 6) for k, v in fields.items()},
           "documents": {k: round(v, 6) for k, v in sorted(docs.items())}}
    if a.update:
        with open(path, "w", encoding="utf-8") as fh:
            json.dump(now, fh, indent=1, ensure_ascii=False)
            fh.write("\n")
        print(f"{a.name}: baseline written, macro {mac:.3f} over {len(docs)} documents")
        return 0
    base = json.load(open(path, encoding="utf-8"))
    worse, better = [], []

    def cmp(what, got, want):
        if want is None:
            better.append(f"{what} new ({got:.3f})")
        elif got < want - EPS:
            worse.append(f"{what} {got:.3f} < baseline {want:.3f}")
        elif got > want + EPS:
            better.append(f"{what} {got:.3f} > baseline {want:.3f}")

    cmp("macro F1", now["macro"], base["macro"])
    for k in sorted(set(now["fields"]) | set(base["fields"])):
        cmp(f"field {k}", now["fields"].get(k, 0.0), base["fields"].get(k))
    for k in sorted(set(now["documents"]) | set(base["documents"])):
        cmp(f"document {k}", now["documents"].get(k, 0.0), base["documents"].get(k))
    for w in worse:
        print(f"{a.name}: below the floor: {w}")
    for b in better:
        print(f"{a.name}: above the floor (update tests/baseline/{a.name}.json): {b}")
    print(f"{a.name}: macro {mac:.3f} over {len(docs)} documents (baseline {base['macro']:.3f}), "
          f"{len(worse)} below the floor")
    return 1 if worse or better else 0


if __name__ == "__main__":
    sys.exit(main())
