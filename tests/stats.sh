#!/bin/sh
# protokoll stats: the known answer of tests/stats/, from minutes and from
# JSONL, as CSV, JSON and SVG; failed lines, usage errors, atomic output.
bin=$1
t=build/statstest; rm -rf $t; mkdir -p $t
k=tests/stats
. tests/lib.sh "$bin"

# the known answer, from the minutes
"$bin" stats $k > $t/table.csv 2> $t/err; rc=$?
[ $rc -eq 0 ] && [ ! -s $t/err ] && cmp -s $t/table.csv $k/expected.csv
check $? "stats: the participation table of tests/stats is expected.csv"
for by in year body class; do
    "$bin" stats --by $by $k > $t/by-$by.csv && cmp -s $t/by-$by.csv $k/expected-by-$by.csv
    check $? "stats: --by $by gives expected-by-$by.csv"
done

# the same answer from JSONL records on standard input
"$bin" $k > $t/records.jsonl
"$bin" stats - < $t/records.jsonl | cmp -s - $k/expected.csv; check $? "stats: JSONL on stdin gives the same table"
"$bin" stats < $t/records.jsonl | cmp -s - $k/expected.csv; check $? "stats: no input reads JSONL from stdin"
"$bin" stats --by year - < $t/records.jsonl | cmp -s - $k/expected-by-year.csv; check $? "stats: JSONL on stdin gives the same --by year"
"$bin" stats --by class - < $t/records.jsonl | cmp -s - $k/expected-by-class.csv; check $? "stats: JSONL on stdin gives the same --by class"
"$bin" $k | "$bin" stats - | cmp -s - $k/expected.csv; check $? "stats: protokoll DIR | protokoll stats - in a pipe"

# a document read twice is one document
"$bin" stats $k $k/2019_bromma_protokoll.txt | cmp -s - $k/expected.csv; check $? "stats: the same source twice counts once"
cat $t/records.jsonl $t/records.jsonl | "$bin" stats - | cmp -s - $k/expected.csv
check $? "stats: repeated JSONL records count once"

# records without keys or canonical bodies: the name case-folded, an empty body
python3 - $t/records.jsonl $t/nokey.jsonl $t/nobody.jsonl <<'PY'
import json, sys
recs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
with open(sys.argv[2], "w", encoding="utf-8") as f:
    for r in recs:
        for u in r["units"]:
            u.pop("key", None)
        f.write(json.dumps(r, ensure_ascii=False) + "\n")
with open(sys.argv[3], "w", encoding="utf-8") as f:
    for r in recs:
        r["body_canonical"] = None
        f.write(json.dumps(r, ensure_ascii=False) + "\n")
PY
"$bin" stats - < $t/nokey.jsonl | cmp -s - $k/expected.csv; check $? "stats: without keys, spellings meet case-folded"
"$bin" stats - < $t/nobody.jsonl > $t/nobody.csv && "$bin" stats --by year - < $t/nobody.jsonl | cmp -s - $k/expected-by-year.csv &&
    python3 - $t/nobody.csv <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8", newline="")))
assert len(rows) == 12 and all(r["body_canonical"] == "" for r in rows), rows
PY
check $? "stats: without canonical bodies, counts under an empty body"

# records written before units had classes: each unit under its award's class
python3 - $t/records.jsonl $t/noclass.jsonl <<'PY'
import json, sys
with open(sys.argv[2], "w", encoding="utf-8") as f:
    for line in open(sys.argv[1], encoding="utf-8"):
        r = json.loads(line)
        for u in r["units"]:
            u.pop("class", None)
        f.write(json.dumps(r, ensure_ascii=False) + "\n")
PY
"$bin" stats --by class - < $t/noclass.jsonl | cmp -s - $k/expected-by-award-class.csv &&
    "$bin" stats - < $t/noclass.jsonl | cmp -s - $k/expected.csv
check $? "stats: records without unit classes count under the award's class"

# JSON: parses and agrees with the CSV
"$bin" stats --format json $k > $t/table.json && python3 - $t/table.json $k/expected.csv <<'PY'
import csv, json, sys
js = json.load(open(sys.argv[1], encoding="utf-8"))
rows = list(csv.DictReader(open(sys.argv[2], encoding="utf-8", newline="")))
assert len(js) == len(rows), (len(js), len(rows))
for j, r in zip(js, rows):
    assert isinstance(j["award_year"], int) and j["award_year"] == int(r["award_year"]), (j, r)
    assert (j["body_canonical"] or "") == r["body_canonical"], (j, r)
    assert j["unit_key"] == r["unit_key"], (j, r)
    for col in ("spellings", "decision_kinds", "sources"):
        assert isinstance(j[col], list) and " | ".join(j[col]) == r[col], (col, j, r)
    assert isinstance(j["documents"], int) and j["documents"] == int(r["documents"]), (j, r)
PY
check $? "stats: --format json parses and agrees with the CSV"
"$bin" stats --by class -f json $k > $t/by-class.json && python3 - $t/by-class.json $k/expected-by-class.csv <<'PY'
import csv, json, sys
js = json.load(open(sys.argv[1], encoding="utf-8"))
rows = list(csv.DictReader(open(sys.argv[2], encoding="utf-8", newline="")))
assert [[j["class"] or "", j["documents"], j["units"]] for j in js] == \
       [[r["class"], int(r["documents"]), int(r["units"])] for r in rows], js
PY
check $? "stats: --by class --format json agrees with the CSV"

# SVG: well-formed, one bar group per award year, names escaped
"$bin" stats --svg $t/chart.svg -o $t/out.csv $k && cmp -s $t/out.csv $k/expected.csv &&
    python3 - $t/chart.svg 2019 2020 2021 2022 2023 <<'PY'
import sys, xml.etree.ElementTree as ET
ns = "{http://www.w3.org/2000/svg}"
root = ET.parse(sys.argv[1]).getroot()
assert root.tag == ns + "svg", root.tag
bars = [g for g in root.iter(ns + "g") if g.get("class") == "bar"]
assert [g.get("data-year") for g in bars] == sys.argv[2:], [g.get("data-year") for g in bars]
assert all(g.findall(ns + "rect") for g in bars)
texts = [x.text for x in root.iter(ns + "text")]
assert "Award year" in texts and "förskola" in texts, texts
PY
check $? "stats: --svg is valid XML with one bar group per award year"
ls $t/chart.svg.tmp.* $t/out.csv.tmp.* > /dev/null 2>&1; [ $? -ne 0 ]; check $? "stats: -o and --svg leave no temporary file"
python3 - $t/records.jsonl $t/odd.jsonl <<'PY'
import json, sys
r = json.loads(open(sys.argv[1], encoding="utf-8").readline())
r["body_canonical"] = 'A & <B> "C\'s"'
r["units"][0]["name"] = r["units"][0]["key"] = "<&>"
open(sys.argv[2], "w", encoding="utf-8").write(json.dumps(r, ensure_ascii=False) + "\n")
PY
"$bin" stats --by body --svg $t/odd.svg - < $t/odd.jsonl > /dev/null && python3 - $t/odd.svg <<'PY'
import sys, xml.etree.ElementTree as ET
ns = "{http://www.w3.org/2000/svg}"
root = ET.parse(sys.argv[1]).getroot()
assert 'A & <B> "C\'s"' in [x.text for x in root.iter(ns + "text")]
PY
check $? "stats: --svg escapes &, <, > and quotes in names"
: | "$bin" stats --svg $t/empty.svg > $t/empty.csv && [ "$(cat $t/empty.csv)" = "$(printf 'award_year,body_canonical,unit_key,spellings,decision_kinds,documents,sources\r')" ] &&
    python3 -c "import sys, xml.etree.ElementTree as ET; ET.parse(sys.argv[1])" $t/empty.svg
check $? "stats: no records give the header and an empty chart"

# a bad line is reported with its number and counted as failed; the rest is counted
{ sed -n 1,2p $t/records.jsonl; echo '{"source": "broken'; echo '{"source":"x.txt","error":"not text (binary input)"}'
  echo '[1, 2]'; echo; sed -n '3,$p' $t/records.jsonl; } > $t/bad.jsonl
"$bin" stats - < $t/bad.jsonl > $t/bad.csv 2> $t/err; rc=$?
[ $rc -eq 1 ] && cmp -s $t/bad.csv $k/expected.csv && grep -q '^protokoll: -:3: not JSON' $t/err &&
    grep -q '^protokoll: -:4: error record of x.txt: not text' $t/err && grep -q '^protokoll: -:5: not a record' $t/err &&
    [ "$(wc -l < $t/err)" -eq 3 ]
check $? "stats: invalid JSONL lines exit 1 with their line numbers, the rest is counted"
"$bin" stats $k/2019_bromma_forskolor.txt /nonexistent.txt > $t/miss.csv 2> $t/err; rc=$?
[ $rc -eq 1 ] && grep -q '^protokoll: /nonexistent.txt: ' $t/err && [ "$(wc -l < $t/miss.csv)" -eq 3 ]
check $? "stats: a missing file exits 1 with a message, the rest is counted"

# usage
"$bin" stats --help > $t/help; rc=$?
[ $rc -eq 0 ] && grep -q '^usage: protokoll stats \[--by year|body|class\] \[--format csv|json\] \[--svg FILE\] \[-o FILE\]' $t/help
check $? "stats: --help exits 0 with the synopsis"
"$bin" stats --by month $k > /dev/null 2> $t/err; [ $? -eq 2 ] && grep -q '^protokoll: ' $t/err
check $? "stats: a bad --by exits 2 with a protokoll: message"
"$bin" stats --format xml $k > /dev/null 2> $t/err; [ $? -eq 2 ] && grep -q '^protokoll: ' $t/err
check $? "stats: a bad --format exits 2"
"$bin" stats --bogus $k > /dev/null 2> $t/err; [ $? -eq 2 ] && grep -q '^protokoll: ' $t/err
check $? "stats: an unknown option exits 2"
"$bin" stats --svg > /dev/null 2> $t/err; [ $? -eq 2 ]; check $? "stats: an option without its value exits 2"
"$bin" stats -o /nonexistent-dir/x.csv $k 2> $t/err; [ $? -eq 1 ] && grep -q '^protokoll: cannot write' $t/err
check $? "stats: -o into a missing directory fails clearly"

# the corpus: counts agree with its records, counted independently
"$bin" stats --by year corpus > $t/corpus-year.csv 2> $t/err; rc=$?
"$bin" corpus > $t/corpus.jsonl
[ $rc -eq 0 ] && [ ! -s $t/err ] && python3 - $t/corpus.jsonl $t/corpus-year.csv <<'PY'
import csv, json, sys
docs, units = {}, {}
for line in open(sys.argv[1], encoding="utf-8"):
    r = json.loads(line)
    a = r.get("award")
    if not a or not a.get("year") or not r["units"]:
        continue
    y = a["year"]
    docs.setdefault(y, set()).add(r["source"])
    for u in r["units"]:
        units.setdefault(y, set()).add((r.get("body_canonical") or "", u.get("key") or u["name"].casefold()))
want = [[str(y), str(len(docs[y])), str(len(units[y]))] for y in sorted(docs)]
got = list(csv.reader(open(sys.argv[2], encoding="utf-8", newline="")))
assert got[0] == ["year", "documents", "units"] and got[1:] == want, (got, want)
PY
check $? "stats: --by year on corpus/ agrees with its records"

# whole minutes: each paragraph is a document of its own, from the text and
# from its JSONL records alike
printf 'SOCIALNÄMNDEN\nSammanträdesdatum\n2020-05-26\n\n§ 1\nDeltagande i Kvalitetsutmärkelsen 2020\n\nBeslut\nSocialnämnden godkänner att Enheten Alfa deltar i Kvalitetsutmärkelsen 2020.\n\n§ 2\nDeltagande i Kvalitetsutmärkelsen 2020\n\nBeslut\nSocialnämnden godkänner att Enheten Alfa deltar i Kvalitetsutmärkelsen 2020.\n' > $t/minutes.txt
"$bin" stats $t/minutes.txt > $t/minutes.csv && "$bin" $t/minutes.txt | "$bin" stats - | cmp -s - $t/minutes.csv &&
[ "$(sed -n 2p $t/minutes.csv | tr -d "\r")" = "2020,,\"alfa\",\"Alfa\",\"approve\",2,\"$t/minutes.txt § 1 | $t/minutes.txt § 2\"" ]
check $? "stats: each paragraph of whole minutes counts as a document, named SOURCE § N"
exit 0
