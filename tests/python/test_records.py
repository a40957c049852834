"""protokoll.records and protokoll.read_minutes: the command's inputs, order,
records and CSV rows."""
import csv
import io
import json
import os
import shutil
import tempfile
import unittest

import protokoll
from common import CORPUS, awkward_tree, cli, python

try:
    import pandas as pd
except ImportError:
    pd = None


def jsonl(data):
    return [json.loads(l) for l in data.decode("utf-8", "surrogateescape").splitlines()]


class Records(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="protokoll-py-")
        cls.tree = awkward_tree(cls.tmp)
        # a tree, one of its files, a missing file, the tree with a trailing
        # slash, and a directory inside it
        cls.args = [cls.tree, os.path.join(cls.tree, "B.txt"), "/nonexistent.txt", cls.tree + "/",
                    os.path.join(cls.tree, "a")]

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp)

    def test_corpus_records_are_the_commands(self):
        got = list(protokoll.records(CORPUS))
        self.assertEqual(got, jsonl(cli(CORPUS)))
        # a record per document, or per paragraph of whole minutes
        files = sorted(f for f in os.listdir(CORPUS) if f.endswith(".txt"))
        self.assertEqual(sorted({os.path.basename(r["source"]) for r in got}), files)
        self.assertEqual(len(got), len(files) + sum(r["meeting"]["paragraphs"] - 1 for r in got
                                                    if r["meeting"] and r["paragraph"] == r["meeting"]["first_paragraph"]))

    def test_walk_order_and_error_records_are_the_commands(self):
        got = list(protokoll.records(self.args))
        want = jsonl(cli(*self.args))
        self.assertEqual([r["source"] for r in got], [r["source"] for r in want])
        self.assertEqual(got, want)
        errors = [r for r in got if "error" in r]
        self.assertEqual({r["error"] for r in errors},
                         {"No such file or directory", "not text (binary data at byte 0)"})
        for r in got[:len(list(protokoll.inputs(self.tree)))]:
            print(r["source"][len(self.tmp) + 1:] if r["source"].startswith(self.tmp) else r["source"],
                  "->", r.get("error") or f"{r['doc_type']}, {len(r['units'])} units")

    def test_inputs_are_the_commands(self):
        names = list(protokoll.inputs(self.tree))
        self.assertEqual([os.path.relpath(n, self.tree) for n in names[:4]],
                         ["B.txt", "a/deeper/x.txt", "a/z.txt", "a-b.txt"])
        self.assertFalse(any("/." in n or n.endswith((".md", ".bak")) for n in names))
        self.assertEqual(list(protokoll.inputs([])), [])

    def test_standard_input(self):
        with open(os.path.join(CORPUS, "004_9602855b77a9072b.txt"), "rb") as f:
            rc, out, err = python("import json, protokoll\nfor r in protokoll.records('-'): print(json.dumps(r))",
                                  stdin=f)
            self.assertEqual(rc, 0, err)
            f.seek(0)
            self.assertEqual(jsonl(out.encode()), jsonl(cli(stdin=f)))
        self.assertEqual(json.loads(out)["source"], "-")


@unittest.skipUnless(pd is not None, "pandas is not installed for this python3")
class ReadMinutes(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="protokoll-py-")
        cls.tree = awkward_tree(cls.tmp)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp)

    def same_as_csv(self, df, data):
        """Every cell of df is the command's CSV cell (empty: missing)."""
        rows = list(csv.reader(io.StringIO(data.decode("utf-8", "replace"), newline="")))
        self.assertEqual(list(df.columns), rows[0])
        self.assertEqual(len(df), len(rows) - 1)
        for i, row in enumerate(rows[1:]):
            for col, cell in zip(rows[0], row):
                v = df[col].iat[i]
                if pd.isna(v):
                    got = ""
                elif col in protokoll.DATE_COLUMNS:
                    got = v.strftime("%Y-%m-%d")
                else:
                    got = str(v)
                self.assertEqual(got, cell, (i, col))

    def test_corpus_frame_is_the_commands_csv(self):
        df = protokoll.read_minutes(CORPUS)
        data = cli("-f", "csv", CORPUS)
        self.same_as_csv(df, data)
        self.assertEqual(list(df.columns), protokoll.csv_header().rstrip("\r\n").split(","))
        print(f"{len(df)} rows x {len(df.columns)} columns, as `protokoll -f csv corpus`")
        print(df.groupby("award_year").unit.count().tail(4).to_string())

    def test_dtypes(self):
        df = protokoll.read_minutes(CORPUS)
        self.assertEqual(str(df["award_year"].dtype), "Int64")
        for c in ("document_date", "meeting_date"):
            self.assertEqual(str(df[c].dtype), "datetime64[ns]")
            self.assertGreater(df[c].notna().sum(), 10, c)
        for c in df.columns:
            if c not in ("award_year", "document_date", "meeting_date"):
                self.assertEqual(df[c].dtype, object, c)
        self.assertTrue(df["award_year"].isna().any() and df["award_year"].notna().any())
        # what a researcher gets from the command's CSV with those dtypes
        strings = {c: str for c in df.columns if df[c].dtype == object}
        want = pd.read_csv(io.BytesIO(cli("-f", "csv", CORPUS)), dtype=dict(strings, award_year="Int64"),
                           parse_dates=["document_date", "meeting_date"], keep_default_na=False, na_values=[""])
        pd.testing.assert_frame_equal(df, want)

    def test_error_rows_and_awkward_cells(self):
        args = [self.tree, "/nonexistent.txt"]
        df = protokoll.read_minutes(args)
        self.same_as_csv(df, cli("-f", "csv", *args))
        self.assertEqual(df["error"].dropna().tolist(),
                         ["not text (binary data at byte 0)", "No such file or directory", "No such file or directory"])
        self.assertIn('förskolan "Ekorren, Lilla"', df["unit"].tolist())

    def test_no_input_is_an_empty_frame_with_the_dtypes(self):
        df = protokoll.read_minutes([])
        self.assertEqual(len(df), 0)
        self.assertEqual(list(df.columns), list(protokoll.read_minutes(CORPUS).columns))
        self.assertEqual(str(df["award_year"].dtype), "Int64")
        self.assertEqual(str(df["meeting_date"].dtype), "datetime64[ns]")


if __name__ == "__main__":
    unittest.main()
