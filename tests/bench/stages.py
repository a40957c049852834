#!/usr/bin/env python3
"""Where the instructions go: the share of each stage of the pipeline.

    stages.py CALLGRIND_OUT

Reads a callgrind profile of `protokoll` (built without inlining, so that
every stage is a function of its own: see tests/bench/stages.sh) and prints
the instructions of each stage, inclusive of what it calls, as a share of
the whole run; then the share of the pattern matcher (pcre2's JIT code,
called from every stage through match.c) and of the one pass that finds
the cues. The stages run one after the other, so their shares add up to
about the extraction's; pcre2 and the cue pass are inside them (the pass
runs when a stage first asks for a cue, inside the first stage that does).
"""
import re
import subprocess
import sys

ROWS = [
    ("reading the files (cli)", "cli/io.c:read_open_fd"),
    ("decode.c: bytes to UTF-8", "lib/decode.c:pk_decode"),
    ("normalize.c: cleanup, the offset map", "lib/normalize.c:pk_normalize"),
    ("segment.c: lines, headings, sentences", "lib/segment.c:pk_segment"),
    ("minutes.c: paragraphs of whole minutes", "lib/minutes.c:pk_minutes_paragraphs"),
    ("regnum.c: diarienummer", "lib/regnum.c:pk_extract_regnums"),
    ("fields.c: doc_type, title, administration", "lib/fields.c:pk_extract_fields"),
    ("decisions.c", "lib/decisions.c:pk_extract_decisions"),
    ("award.c", "lib/award.c:pk_extract_award"),
    ("dates.c", "lib/dates.c:pk_extract_dates"),
    ("units.c", "lib/units.c:pk_extract_units"),
    ("people.c", "lib/people.c:pk_extract_people"),
    ("canonical.c: body_canonical, unit keys", "lib/canonical.c:pk_extract_canonical"),
    ("unit_class.c", "lib/unit_class.c:pk_extract_unit_class"),
    ("emit_json.c: the records as JSON", "lib/emit_json.c:record_json_into"),
    ("the extractor's tables and patterns (once)", "lib/extractor.c:pk_extractor_new"),
]
INSIDE = [
    ("  of which pcre2 (every pattern, in every stage)", "???:pcre2_jit_match_8"),
    ("  of which the one pass over the text (scan.c)", "lib/scan.c:pk_scan_text"),
]


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    out = subprocess.run(["callgrind_annotate", "--inclusive=yes", "--threshold=100", sys.argv[1]],
                         capture_output=True, text=True, check=True).stdout
    incl = {}
    total = None
    for line in out.splitlines():
        m = re.match(r"\s*([\d,]+)\s+\([\s\d.]+%\)\s+(PROGRAM TOTALS|\S+)", line)
        if not m:
            continue
        n = int(m.group(1).replace(",", ""))
        name = m.group(2)
        if name == "PROGRAM TOTALS":
            total = n
            continue
        # "lib/people.c:pk_extract_people" or "/abs/path/lib/people.c:...";
        # pcre2's matcher, a library without symbols' files: "???:pcre2_jit_match_8"
        key = re.sub(r"^.*?((?:lib|cli)/[^:]+:\S+)$", r"\1", name)
        incl[key] = max(incl.get(key, 0), n)
    if not total:
        sys.exit("stages: no totals in the profile")
    print("%-48s %14s %7s" % ("stage (instructions, inclusive)", "instructions", "share"))
    for label, key in ROWS + INSIDE:
        n = incl.get(key, 0)
        print("%-48s %14s %6.1f%%" % (label, format(n, ","), 100.0 * n / total))
    print("%-48s %14s %6.1f%%" % ("the whole run", format(total, ","), 100.0))


if __name__ == "__main__":
    main()
