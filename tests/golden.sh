#!/bin/sh
# Golden tests: the CLI over corpus/ scored against the expected records
# (macro F1 >= 0.97; of whole minutes' records, the paragraph the gold names), the seeds alone (1.00), and every span checked
# exactly against the bytes it points at: on the corpus, on tests/spans/
# (page breaks, furniture, hyphens and encodings inside spans) and, where
# ../shared is at hand, on the seeds and the real minutes.
bin=$1
mkdir -p build
. tests/lib.sh "$bin"

"$bin" corpus > build/corpus.jsonl 2> build/corpus.err
check $? "golden: every corpus input gives a record, exit 0"
# a subdirectory with no *.txt in it (the gold/ beside real minutes)
rm -rf build/walk && mkdir -p build/walk/gold && cp corpus/001_*.txt build/walk/
[ "$("$bin" build/walk | wc -l)" -eq 1 ] && "$bin" build/walk > /dev/null
check $? "golden: a directory beside an empty subdirectory gives its files' records, exit 0"
# whole minutes give a record per paragraph: the gold is about the one it names
python3 tests/gold_records.py corpus build/corpus.jsonl build/corpus.scored.jsonl
python3 tests/score.py corpus build/corpus.scored.jsonl --min 0.97 > build/corpus.score
rc=$?; cat build/corpus.score
check $rc "golden: corpus macro F1 >= 0.97"
ls corpus/*.txt | grep -E '/00[0-4]_' > build/seeds.list
"$bin" $(cat build/seeds.list) > build/seeds.jsonl
mkdir -p build/seedgold && for f in $(cat build/seeds.list); do cp "${f%.txt}.json" build/seedgold/; done
python3 tests/score.py build/seedgold build/seeds.jsonl --min 1.0 > build/seeds.score
rc=$?; tail -1 build/seeds.score
check $rc "golden: seeds macro F1 = 1.00"
python3 tests/spans.py build/corpus.jsonl
check $? "golden: every span points at the text it claims"
"$bin" tests/spans > build/spans-fixtures.jsonl
python3 tests/spans.py build/spans-fixtures.jsonl
check $? "golden: spans exact across page breaks, furniture, hyphens and encodings (tests/spans)"
python3 tests/pages.py build/corpus.jsonl build/spans-fixtures.jsonl
check $? "golden: every span's page is 1 + the form feeds before it"
python3 tests/spans.py --self-test build/corpus.jsonl build/spans-fixtures.jsonl
check $? "golden: the span check catches a widened, narrowed, shifted or whole-file span"
for set in seeds real-dev real-gbg/ks-2024; do
    name="golden: spans exact on ../shared/$set"
    if [ -d "../shared/$set" ]; then
        out=build/spans-$(echo $set | tr / -).jsonl
        "$bin" "../shared/$set" > $out; rc=$?
        python3 tests/spans.py $out > $out.check; rc2=$?
        tail -5 $out.check
        [ $rc -eq 0 ] && [ $rc2 -eq 0 ]
        check $? "$name"
    else
        skip "$name" "../shared/$set is not here"
    fi
done
python3 - build/corpus.scored.jsonl tests/canonical.tsv <<'PY'
import json, sys
got = {}
for line in open(sys.argv[1], encoding="utf-8"):
    r = json.loads(line)
    got[r["source"].split("/")[-1]] = r.get("body_canonical") or ""
want = dict(l.rstrip("\n").split("\t") for l in open(sys.argv[2], encoding="utf-8"))
bad = [(k, got.get(k), v) for k, v in want.items() if got.get(k) != v]
for b in bad:
    print("body_canonical:", *b)
sys.exit(1 if bad or len(want) < 40 else 0)
PY
check $? "golden: body_canonical as expected on every corpus document"
exit 0
