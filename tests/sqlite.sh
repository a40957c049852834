#!/bin/sh
# -f sqlite: the schema, the counts against the JSONL output, foreign keys,
# replacing on re-runs, failed inputs, errors, spans into the sources, the
# meetings of whole minutes, and the migration of files of every older
# schema version.
bin=$1
t=build/sqlitetest; rm -rf $t; mkdir -p $t
. tests/lib.sh "$bin"
q() { sqlite3 -init /dev/null -batch -noheader "$@"; }
# to_v3 FILE: the file as schema version 3 wrote it: one row per source in
# documents (source UNIQUE), no meetings (sqlite3 keeps foreign keys off,
# so dropping the table leaves its children, and the orphans go by hand)
to_v3() {
    q "$1" "DROP VIEW participations; DROP TABLE meetings;
        CREATE TABLE documents_v3 (id INTEGER PRIMARY KEY, source TEXT UNIQUE NOT NULL, doc_type TEXT,
          title TEXT, title_start INTEGER, title_end INTEGER,
          body TEXT, body_canonical TEXT, body_start INTEGER, body_end INTEGER,
          administration TEXT, administration_start INTEGER, administration_end INTEGER,
          paragraph TEXT, paragraph_start INTEGER, paragraph_end INTEGER, document_date TEXT, meeting_date TEXT,
          award_name TEXT, award_year INTEGER, award_class TEXT, warnings TEXT, error TEXT,
          title_page INTEGER, body_page INTEGER, administration_page INTEGER, paragraph_page INTEGER);
        INSERT INTO documents_v3 SELECT id, source, doc_type, title, title_start, title_end, body, body_canonical,
          body_start, body_end, administration, administration_start, administration_end, paragraph,
          paragraph_start, paragraph_end, document_date, meeting_date, award_name, award_year, award_class,
          warnings, error, title_page, body_page, administration_page, paragraph_page FROM documents WHERE record = 0;
        DROP TABLE documents; ALTER TABLE documents_v3 RENAME TO documents;
        DELETE FROM decisions WHERE document_id NOT IN (SELECT id FROM documents);
        DELETE FROM units WHERE document_id NOT IN (SELECT id FROM documents);
        DELETE FROM people WHERE document_id NOT IN (SELECT id FROM documents);
        DELETE FROM dates WHERE document_id NOT IN (SELECT id FROM documents);
        DELETE FROM registration_numbers WHERE document_id NOT IN (SELECT id FROM documents);
        CREATE INDEX documents_award_year ON documents(award_year);
        CREATE INDEX documents_body_canonical ON documents(body_canonical);
        CREATE VIEW participations AS SELECT d.award_year AS award_year, u.class AS unit_class, d.source AS source,
          u.position AS unit_position FROM documents d JOIN units u ON u.document_id = d.id WHERE d.award_name IS NOT NULL;
        PRAGMA user_version = 3; UPDATE meta SET value = '3' WHERE key = 'schema_version';"
}
db=$t/corpus.db

"$bin" corpus > $t/corpus.jsonl
"$bin" -f sqlite -o $db corpus; check $? "sqlite: corpus/ written, exit 0"

[ "$(q $db "SELECT group_concat(name, ' ') FROM (SELECT name FROM sqlite_master WHERE type IN ('table', 'view') ORDER BY name)")" = \
  "dates decisions documents meetings meta participations people registration_numbers units" ]
check $? "sqlite: the tables and the participations view exist"

[ "$(q $db 'PRAGMA user_version')" -eq 4 ] && [ "$(q $db "SELECT value FROM meta WHERE key = 'schema_version'")" = 4 ]
check $? "sqlite: schema version in user_version and meta"

# a row per record: one per corpus/*.txt, one per paragraph of whole minutes,
# those tied to their meeting's row, numbered in the order of the input
python3 - $t/corpus.jsonl $db <<'PY'
import json, sqlite3, sys
recs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
db = sqlite3.connect(sys.argv[2])
got = db.execute("SELECT source, record, paragraph FROM documents ORDER BY source, record").fetchall()
want, seen = [], {}
for r in recs:
    k = seen.get(r["source"], 0)
    seen[r["source"]] = k + 1
    want.append((r["source"], k, r["paragraph"]))
assert got == sorted(want), "documents"
minutes = {r["source"]: r["meeting"] for r in recs if r["meeting"]}
rows = db.execute("SELECT source, body, date, first_paragraph, last_paragraph, paragraphs, span_start, span_end, page "
                  "FROM meetings ORDER BY source").fetchall()
assert rows == sorted((s, m["body"], m["date"], m["first_paragraph"], m["last_paragraph"], m["paragraphs"],
                       m["span"][0], m["span"][1], m["page"]) for s, m in minutes.items()), rows
tied = db.execute("SELECT count(*) FROM documents d JOIN meetings m ON m.id = d.meeting_id AND m.source = d.source").fetchone()[0]
assert minutes and tied == sum(1 for r in recs if r["meeting"]), tied
assert db.execute("SELECT count(*) FROM documents WHERE meeting_id IS NULL").fetchone()[0] == sum(1 for r in recs if not r["meeting"])
PY
check $? "sqlite: a document row per record, whole minutes' paragraphs tied to their meeting's row"

# every array of the JSONL records, counted, against its table
python3 - $t/corpus.jsonl > $t/counts.jsonl <<'PY'
import json, sys
n = {"units": 0, "decisions": 0, "people": 0, "dates": 0, "registration_numbers": 0}
part = 0
for line in open(sys.argv[1], encoding="utf-8"):
    r = json.loads(line)
    for k in n:
        n[k] += len(r.get(k) or [])
    if r.get("award"):
        part += len(r.get("units") or [])
for k in sorted(n):
    print(k, n[k])
print("participations", part)
PY
for tbl in units decisions people dates registration_numbers participations; do
    echo "$tbl $(q $db "SELECT count(*) FROM $tbl")"
done | sort > $t/counts.db
sort $t/counts.jsonl | cmp -s - $t/counts.db
check $? "sqlite: units, decisions, people, dates, numbers and participations match the JSONL counts"
[ "$(q $db 'SELECT count(*) FROM units')" -gt 0 ]; check $? "sqlite: the corpus has units"

# each unit's class as its record has it, and in the view for documents about an award
python3 - $t/corpus.jsonl $db <<'PY'
import json, sqlite3, sys
want, part = [], []
for line in open(sys.argv[1], encoding="utf-8"):
    r = json.loads(line)
    for i, u in enumerate(r["units"]):
        want.append((r["source"], i, u["class"]))
        if r.get("award"):
            part.append((r["source"], i, u["class"]))
db = sqlite3.connect(sys.argv[2])
got = db.execute("SELECT d.source, u.position, u.class FROM units u JOIN documents d ON d.id = u.document_id").fetchall()
view = db.execute("SELECT source, unit_position, unit_class FROM participations").fetchall()
assert sorted(got) == sorted(want), "units.class"
assert sorted(view) == sorted(part), "participations.unit_class"
assert sum(1 for w in want if w[2]) > len(want) / 2
PY
check $? "sqlite: units' classes as in the JSONL records, and unit_class in the participations view"

# a file of schema version 1 (units without classes, spans without pages) is
# brought up to this version: the columns added, the view made anew, the
# documents rewritten
cp $db $t/v1.db
to_v3 $t/v1.db
q $t/v1.db "DROP VIEW participations; ALTER TABLE units DROP COLUMN class;
            ALTER TABLE documents DROP COLUMN title_page; ALTER TABLE documents DROP COLUMN body_page;
            ALTER TABLE documents DROP COLUMN administration_page; ALTER TABLE documents DROP COLUMN paragraph_page;
            ALTER TABLE decisions DROP COLUMN page; ALTER TABLE units DROP COLUMN page; ALTER TABLE people DROP COLUMN page;
            ALTER TABLE dates DROP COLUMN page; ALTER TABLE registration_numbers DROP COLUMN page;
            CREATE VIEW participations AS SELECT award_year FROM documents;
            PRAGMA user_version = 1; UPDATE meta SET value = '1' WHERE key = 'schema_version';"
"$bin" -f sqlite -o $t/v1.db corpus; rc=$?
[ $rc -eq 0 ] && [ "$(q $t/v1.db 'PRAGMA user_version')" -eq 4 ] &&
[ "$(q $t/v1.db "SELECT value FROM meta WHERE key = 'schema_version'")" = 4 ] &&
[ "$(q $t/v1.db 'SELECT count(*) FROM documents')" -eq "$(q $db 'SELECT count(*) FROM documents')" ] &&
[ "$(q $t/v1.db 'SELECT count(class) FROM units')" -eq "$(q $db 'SELECT count(class) FROM units')" ] &&
[ "$(q $t/v1.db 'SELECT count(unit_class) FROM participations')" -eq "$(q $db 'SELECT count(unit_class) FROM participations')" ] &&
[ -z "$(q $t/v1.db 'PRAGMA foreign_key_check')" ] && [ "$(q $t/v1.db 'PRAGMA integrity_check')" = ok ]
check $? "sqlite: a version 1 file is migrated: units gain class, the view is made anew"

[ -z "$(q $db 'PRAGMA foreign_key_check')" ] && [ "$(q $db 'PRAGMA integrity_check')" = ok ]
check $? "sqlite: foreign keys hold and the file is intact"

[ "$(q $db "SELECT count(*) FROM documents WHERE award_year = 0 OR error IS NOT NULL
            OR NOT json_valid(warnings) OR json_type(warnings) <> 'array'")" -eq 0 ] &&
[ "$(q $db 'SELECT count(*) FROM registration_numbers WHERE year = 0')" -eq 0 ]
check $? "sqlite: no error rows, unknown years are NULL, warnings are JSON arrays"

# re-running over the same inputs replaces them: same rows, same ids
q $db .dump > $t/dump1
"$bin" -f sqlite -o $db corpus; rc=$?
q $db .dump > $t/dump2
[ $rc -eq 0 ] && cmp -s $t/dump1 $t/dump2; check $? "sqlite: re-running into the same file gives the same rows, no duplicates"

"$bin" -j 4 -f sqlite -o $t/j4.db corpus && q $t/j4.db .dump | cmp -s $t/dump1 -
check $? "sqlite: -j 4 writes the same database as -j 1"

# other documents already in the file stay; a source that now fails
# replaces its document with an error row, its children gone with it
mkdir -p $t/extra
cp corpus/001_9f941457af8a876d.txt $t/extra/a.txt
"$bin" -f sqlite -o $db $t/extra/a.txt; rc1=$?
before=$(q $db "SELECT count(*) FROM units u JOIN documents d ON d.id = u.document_id WHERE d.source = '$t/extra/a.txt'")
head -c 3000 /dev/urandom > $t/extra/a.txt; printf '\0\0\0\0' >> $t/extra/a.txt
"$bin" -f sqlite -o $db $t/extra/a.txt; rc2=$?
[ $rc1 -eq 0 ] && [ "$before" -gt 0 ] && [ $rc2 -eq 1 ] &&
[ "$(q $db 'SELECT count(*) FROM documents')" -eq "$(( $(wc -l < $t/corpus.jsonl) + 1 ))" ] &&
[ "$(q $db "SELECT count(*) FROM units u JOIN documents d ON d.id = u.document_id WHERE d.source = '$t/extra/a.txt'")" -eq 0 ] &&
q $db "SELECT error FROM documents WHERE source = '$t/extra/a.txt'" | grep -q '^not text'
check $? "sqlite: other documents stay, a replaced document loses its old children"

# a failed input: its row has the error and nothing else, exit 1
"$bin" -f sqlite -o $t/fail.db corpus/000_f9602f9a592d35f0.txt $t/missing.txt corpus/002_34dfe61fe5e40a92.txt 2> $t/err; rc=$?
[ $rc -eq 1 ] && [ "$(q $t/fail.db 'SELECT count(*) FROM documents')" -eq 3 ] &&
[ "$(q $t/fail.db "SELECT id FROM documents WHERE source = '$t/missing.txt' AND error <> '' AND doc_type IS NULL")" -eq 2 ]
check $? "sqlite: a missing file is stored with its error, exit 1"

"$bin" -f sqlite corpus > /dev/null 2> $t/err; rc=$?
[ $rc -eq 2 ] && grep -q '^protokoll: .*-o' $t/err; check $? "sqlite: -f sqlite without -o exits 2"

head -c 8192 /dev/urandom > $t/junk.db; cp $t/junk.db $t/junk.orig
"$bin" -f sqlite -o $t/junk.db corpus > /dev/null 2> $t/err; rc=$?
[ $rc -eq 1 ] && grep -q '^protokoll: cannot write .*junk.db: file is not a database' $t/err &&
cmp -s $t/junk.db $t/junk.orig && [ ! -e $t/junk.db-journal ]
check $? "sqlite: a file that is not a database fails clearly and is left unchanged"

"$bin" -f sqlite -o $t/no/such/dir/x.db corpus > /dev/null 2> $t/err; rc=$?
[ $rc -eq 1 ] && grep -q '^protokoll: cannot write .*x.db: unable to open database file' $t/err && [ ! -e $t/no ]
check $? "sqlite: a path in a missing directory fails clearly"

q $t/other.db 'CREATE TABLE documents (x); INSERT INTO documents VALUES (1);'
q $t/other.db .dump > $t/other.dump
"$bin" -f sqlite -o $t/other.db corpus > /dev/null 2> $t/err; rc=$?
[ $rc -eq 1 ] && grep -q 'not a protokoll database' $t/err && q $t/other.db .dump | cmp -s $t/other.dump -
check $? "sqlite: another application's database is refused and left unchanged"

# a failure in the middle of a run rolls the whole run back: a trigger
# refuses one unit, and the file keeps exactly what it had
cp $t/fail.db $t/refuse.db
q $t/refuse.db "CREATE TRIGGER refuse BEFORE INSERT ON units WHEN NEW.name = 'Hvilan'
                BEGIN SELECT RAISE(ABORT, 'unit refused'); END;"
q $t/refuse.db .dump > $t/refuse.dump
"$bin" -f sqlite -o $t/refuse.db corpus > /dev/null 2> $t/err; rc=$?
[ $rc -eq 1 ] && grep -q '^protokoll: cannot write .*refuse.db: unit refused' $t/err && q $t/refuse.db .dump | cmp -s $t/refuse.dump -
check $? "sqlite: a failure during the run rolls it all back"

# every span in the database holds exactly its value, the document's
# title, body, administration and paragraph among them (the JSON record
# carries no span for those)
python3 tests/spans.py $db
check $? "sqlite: every span, the title's, body's, administration's and paragraph's too, holds exactly its value"

python3 tests/pages.py $db
check $? "sqlite: every span's page, the document's own fields' too, is 1 + the form feeds before it"

# a database of schema 2 (no pages) gains the page columns: its rows keep
# NULL pages, the documents written now have theirs
cp $db $t/v1.db
to_v3 $t/v1.db
q $t/v1.db "PRAGMA foreign_keys = ON; DELETE FROM documents WHERE source LIKE 'corpus/00%';
            ALTER TABLE documents DROP COLUMN title_page; ALTER TABLE documents DROP COLUMN body_page;
            ALTER TABLE documents DROP COLUMN administration_page; ALTER TABLE documents DROP COLUMN paragraph_page;
            ALTER TABLE decisions DROP COLUMN page; ALTER TABLE units DROP COLUMN page; ALTER TABLE people DROP COLUMN page;
            ALTER TABLE dates DROP COLUMN page; ALTER TABLE registration_numbers DROP COLUMN page;
            PRAGMA user_version = 2; UPDATE meta SET value = '2' WHERE key = 'schema_version';"
"$bin" -f sqlite -o $t/v1.db corpus/00*.txt; rc=$?
[ $rc -eq 0 ] && [ "$(q $t/v1.db 'PRAGMA user_version')" -eq 4 ] &&
[ "$(q $t/v1.db "SELECT count(*) FROM units u JOIN documents d ON d.id = u.document_id WHERE d.source LIKE 'corpus/00%' AND u.page >= 1")" -gt 0 ] &&
[ "$(q $t/v1.db "SELECT count(*) FROM units u JOIN documents d ON d.id = u.document_id WHERE d.source LIKE 'corpus/00%' AND u.page IS NULL")" -eq 0 ] &&
[ "$(q $t/v1.db "SELECT count(*) FROM units WHERE page IS NULL")" -gt 0 ] && [ -z "$(q $t/v1.db 'PRAGMA foreign_key_check')" ]
check $? "sqlite: a schema 2 database gains the page columns, its old rows kept"

# the README's three queries give, on corpus/, the output printed under them
python3 - "$1" <<'PY'
import re, subprocess, sys, os
bin = sys.argv[1]
db = "build/sqlitetest/readme.db"
if os.path.exists(db):
    os.remove(db)
subprocess.run([bin, "-f", "sqlite", "-o", db, "corpus"], check=True)
text = open("README.md", encoding="utf-8").read()
pairs = re.findall(r"```sql\n(.*?)```\n```\n(.*?)```", text, re.S)
assert len(pairs) == 3, len(pairs)
for sql, want in pairs:
    got = subprocess.run(["sqlite3", "-header", "-column", db], input=sql, capture_output=True, text=True).stdout
    norm = lambda s: [l.rstrip() for l in s.strip().splitlines()]
    assert norm(got) == norm(want), (sql, got)
PY
check $? "the README's SQL queries give the output it shows"

# a file of schema 3 (a row per source) becomes one of a row per record:
# its rows kept, with their ids and children, whole minutes written anew
# with a row per paragraph and their meeting
cp $db $t/v3.db
to_v3 $t/v3.db
q $t/v3.db "SELECT id, source FROM documents ORDER BY id" > $t/v3.ids
"$bin" -f sqlite -o $t/v3.db corpus/400_*.txt; rc=$?
[ $rc -eq 0 ] && [ "$(q $t/v3.db 'PRAGMA user_version')" -eq 4 ] &&
[ "$(q $t/v3.db "SELECT id, source FROM documents WHERE record = 0 ORDER BY id")" = "$(cat $t/v3.ids)" ] &&
[ "$(q $t/v3.db "SELECT count(*) FROM documents WHERE source LIKE 'corpus/400_%'")" -eq 3 ] &&
[ "$(q $t/v3.db "SELECT count(*) FROM meetings")" -eq 1 ] &&
[ "$(q $t/v3.db "SELECT count(*) FROM units")" -eq "$(q $db "SELECT count(*) FROM units")" ] &&
[ -z "$(q $t/v3.db 'PRAGMA foreign_key_check')" ] && [ "$(q $t/v3.db 'PRAGMA integrity_check')" = ok ]
check $? "sqlite: a schema 3 database becomes a row per record, its rows, ids and children kept"
