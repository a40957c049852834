#!/bin/sh
# Whole minutes: a record per paragraph, in order, none missing, none
# extra. Göteborg's kommunstyrelse (../shared/real-gbg/ks-2024: every
# paragraph of 23 meetings, one file each) joined meeting by meeting into
# build/, the expected paragraphs from the file names; Nacka's whole
# meetings (../shared/real-pdf n01, n08, n10, read as PDFs), the expected
# paragraphs (and their titles) from each PDF's own table of contents.
# tests/minutes.py does the counting.
bin=$1
. tests/lib.sh "$bin"
t=build/minutes; case $bin in */san/*) t=build/san/minutes ;; esac
rm -rf $t; mkdir -p $t
gbg=../shared/real-gbg/ks-2024
pdf=../shared/real-pdf

name="minutes: each joined Göteborg meeting gives its paragraphs' records, in order, none missing, none extra"
if [ -d $gbg ]; then
    python3 tests/minutes.py join $gbg $t/gbg
    "$bin" $t/gbg > $t/gbg.jsonl; rc=$?
    python3 tests/minutes.py paragraphs $t/gbg/expected.tsv $t/gbg.jsonl; rc2=$?
    [ $rc -eq 0 ] && [ $rc2 -eq 0 ]
    check $? "$name"
    python3 tests/spans.py $t/gbg.jsonl > $t/gbg.spans; rc=$?
    tail -2 $t/gbg.spans
    check $rc "minutes: every span of the joined Göteborg meetings points at the text it claims"
    "$bin" $gbg > $t/gbg-single.jsonl
    python3 tests/minutes.py agree $gbg $t/gbg.jsonl $t/gbg-single.jsonl 0.99
    check $? "minutes: a paragraph read in its meeting agrees with the paragraph read alone (title, diarienummer, decisions)"
else
    for n in "$name" "minutes: every span of the joined Göteborg meetings points at the text it claims" \
        "minutes: a paragraph read in its meeting agrees with the paragraph read alone (title, diarienummer, decisions)"; do
        skip "$n" "$gbg is not here"
    done
fi

name="minutes: Nacka's whole meetings (PDF) give the paragraphs of their tables of contents, in order"
if [ -d $pdf ]; then
    mkdir -p $t/nacka
    for n in n01 n08 n10; do cp $pdf/${n}_*.pdf $t/nacka/; done
    "$bin" --text-dir $t/text $t/nacka > $t/nacka.jsonl; rc=$?
    python3 tests/minutes.py toc $(find $t/text -name '*.txt' | sort) > $t/nacka.expected
    cat $t/nacka.expected | awk -F'\t' '{ print "  " $1 ": " split($2, a, " ") " paragraphs in its table of contents" }'
    python3 tests/minutes.py paragraphs $t/nacka.expected $t/nacka.jsonl; rc2=$?
    [ $rc -eq 0 ] && [ $rc2 -eq 0 ] && [ "$(wc -l < $t/nacka.expected)" -eq 3 ]
    check $? "$name"
    python3 tests/minutes.py titles $t/nacka.jsonl 0.9 $(find $t/text -name '*.txt' | sort)
    check $? "minutes: Nacka's paragraphs have the titles of their tables of contents (at least 90%)"
    # the header names "Kommunstyrelsen"; the paragraphs that name Nacka kommun settle it
    [ "$(jq -r '.meeting.body_canonical' $t/nacka.jsonl | sort -u | tr '\n' '|')" = \
      "Nacka kommun, Kommunstyrelsen|Nacka kommun, Kommunstyrelsens verksamhetsutskott|" ]
    check $? "minutes: a meeting's canonical body, settled by its paragraphs where the header leaves it open"
else
    for n in "$name" "minutes: Nacka's paragraphs have the titles of their tables of contents (at least 90%)" \
        "minutes: a meeting's canonical body, settled by its paragraphs where the header leaves it open"; do
        skip "$n" "$pdf is not here"
    done
fi

# the header is shared, the paragraph's own fields are its own
cat > $t/three.txt <<'EOF'
JÄRVA STADSDELSNÄMND                              PROTOKOLL 4/2024
                                                  Sammanträdesdatum
                                                  2024-04-18

§ 7
Information från stadsdelsdirektören
Dnr JÄR 2024/12

Beslut
Informationen tas till protokollet.

§ 8
Deltagande i Kvalitetsutmärkelsen 2024
Dnr JÄR 2024/101

Beslut
Stadsdelsnämnden godkänner att Förskolan Solrosen deltar i Stockholms stads kvalitetsutmärkelse 2024.

Vid protokollet

Hanna Berhane

Justerat 2024-04-24

Sara Lindqvist Amin                 Erik Holm Nordin
ordförande                          justerare
EOF
"$bin" $t/three.txt > $t/three.jsonl
python3 - $t/three.jsonl <<'PY'
import json, sys
rs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
ok = [r["paragraph"] for r in rs] == ["7", "8"]
for r, dnr in zip(rs, ["JÄR 2024/12", "JÄR 2024/101"]):
    ok &= [x["value"] for x in r["registration_numbers"]] == [dnr]
    ok &= r["meeting_date"] == "2024-04-18" and r["body_canonical"] == "Järva stadsdelsnämnd"
    ok &= {p["name"] for p in r["people"]} >= {"Hanna Berhane", "Sara Lindqvist Amin", "Erik Holm Nordin"}
    ok &= r["meeting"]["first_paragraph"] == "7" and r["meeting"]["last_paragraph"] == "8"
ok &= [u["name"] for u in rs[1]["units"]] == ["Förskolan Solrosen"] and not rs[0]["units"]
ok &= rs[0]["body"] == "JÄRVA STADSDELSNÄMND" and rs[1]["body"] == "Stadsdelsnämnden"
sys.exit(0 if ok else 1)
PY
check $? "minutes: each paragraph's record has its own fields and the meeting's date, body and signatures"
exit 0
