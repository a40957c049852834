#!/usr/bin/env python3
"""The closing lines of make test: every result in build/test-results.txt
counted against tests/checks.list, the checks that exist. A listed check
that recorded nothing did not run and fails the run; so does a result
whose name is not listed (add it to the list in the same change)."""
import sys

listed = [l.rstrip("\n") for l in open("tests/checks.list", encoding="utf-8")
          if l.strip() and not l.startswith("#")]
results = {}
for line in open("build/test-results.txt", encoding="utf-8"):
    verdict, _, name = line.rstrip("\n").partition(" ")
    # a name recorded twice keeps its worst verdict
    if results.get(name) != "fail":
        results[name] = verdict
want = set(listed)
missing = [n for n in listed if n not in results]
extra = sorted(n for n in results if n not in want)
count = {v: sum(1 for x in results.values() if x == v) for v in ("pass", "fail", "skip")}
for n, v in results.items():
    if v == "fail":
        print(f"  failed: {n}")
    elif v == "skip":
        print(f"  skipped: {n}")
for n in missing:
    print(f"  did not run: {n}")
for n in extra:
    print(f"  not in tests/checks.list: {n}")
ran = len(want) - len(missing)
print(f"{ran} of {len(want)} checks ran, {count['skip']} skipped")
failed = count["fail"] + len(missing) + len(extra)
print(f"{count['pass']} passed, {failed} failed")
sys.exit(1 if failed else 0)
