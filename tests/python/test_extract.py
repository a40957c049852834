"""protokoll.extract and protokoll.Error: the command's record, exactly."""
import json
import os
import tempfile
import unittest

import protokoll
from common import BIN, ROOT, SHORT, cli, corpus_files, python


class Extract(unittest.TestCase):
    def test_every_corpus_record_is_the_commands(self):
        files = corpus_files()
        lines = cli(*files).decode("utf-8").splitlines()
        recs = []
        for path in files:
            with open(path, "rb") as f:
                all_ = protokoll.extract_all(f.read(), path)
            self.assertEqual(protokoll.extract(open(path, "rb").read(), path), all_[0], path)
            recs += [(path, r) for r in all_]
        self.assertEqual(len(lines), len(recs))
        for (path, rec), line in zip(recs, lines):
            self.assertEqual(rec, json.loads(line), path)
            # every field, in the command's order and spelling
            self.assertEqual(json.dumps(rec, ensure_ascii=False, separators=(",", ":")), line, path)
        print(f"{len(files)} corpus documents, {len(recs)} records, every field and span as the command writes them")

    def test_whole_minutes_give_a_record_per_paragraph(self):
        text = ("NÄMNDEN\nSammanträdesdatum\n2024-04-18\n\n§ 7\nInformation\n\nBeslut\n"
                "Informationen tas till protokollet.\n\n§ 8\nDeltagande\n\nBeslut\nNämnden godkänner att "
                "Förskolan Solrosen deltar.\n")
        recs = protokoll.extract_all(text, "m.txt")
        self.assertEqual([r["paragraph"] for r in recs], ["7", "8"])
        self.assertEqual(recs[0]["meeting"], recs[1]["meeting"])
        self.assertEqual(recs[0]["meeting"]["date"], "2024-04-18")
        self.assertEqual([r["meeting_date"] for r in recs], ["2024-04-18"] * 2)
        self.assertEqual(protokoll.extract(text, "m.txt"), recs[0])
        self.assertIsNone(protokoll.extract(SHORT)["meeting"])

    def test_str_and_bytes_give_one_record(self):
        self.assertEqual(protokoll.extract(SHORT.decode("utf-8"), "x"), protokoll.extract(SHORT, "x"))
        self.assertEqual(protokoll.extract(bytearray(SHORT)), protokoll.extract(SHORT))

    def test_spans_are_bytes_of_the_input(self):
        rec = protokoll.extract(SHORT.decode("utf-8"))
        for u in rec["units"]:
            s, e = u["span"]
            self.assertEqual(SHORT[s:e].decode("utf-8"), u["name"])
        self.assertEqual([u["name"] for u in rec["units"]], ["Enheten för hemlösa", "Hvilan"])

    def test_source_none_is_null(self):
        self.assertIsNone(protokoll.extract(SHORT)["source"])
        self.assertEqual(protokoll.extract(SHORT, "minutes/x.txt")["source"], "minutes/x.txt")
        with self.assertRaises(ValueError):
            protokoll.extract(SHORT, "a\0b")
        with self.assertRaises(TypeError):
            protokoll.extract(12)

    def test_hostile_text_is_a_record_or_an_error(self):
        for text in (b"", b"\xef\xbb\xbf", "Nämnden\r\n§ 3\r\n".encode("cp1252"), b"\xc3\x28 invalid utf-8",
                     b"x" * 1_000_000, b"Protokoll\n\0\n", b"\0" * 100, bytes(range(256))):
            try:
                rec = protokoll.extract(text)
                self.assertIn("doc_type", rec, text[:20])
            except protokoll.Error as e:
                self.assertEqual(e.code, -3, text[:20])

    def test_failure_raises_error_with_code_message_offset(self):
        data = b"Protokoll\n" + bytes(range(256)) * 8
        with self.assertRaises(protokoll.Error) as cm:
            protokoll.extract(data, "bin")
        e = cm.exception
        self.assertEqual(e.code, -3)  # PK_ENOTTEXT
        self.assertTrue(e.message.startswith("not text"), e.message)
        self.assertEqual(e.message, str(e))
        self.assertIsInstance(e.offset, int)
        self.assertGreaterEqual(e.offset, 10)
        # the command says the same in its error record
        with tempfile.NamedTemporaryFile(suffix=".txt") as f:
            f.write(data)
            f.flush()
            self.assertEqual(json.loads(cli(f.name))["error"], e.message)
        print(repr(e))

    def test_library_is_found_in_order(self):
        env = {k: v for k, v in os.environ.items() if k != "PROTOKOLL_LIB"}
        code = "import protokoll; protokoll.extract(b'x'); print(protokoll.library_path())"
        # no PROTOKOLL_LIB: build/ of the checkout the package sits in
        rc, out, err = python(code, env=env, cwd="/")
        self.assertEqual(rc, 0, err)
        self.assertEqual(out.strip(), os.path.join(ROOT, "build", "libprotokoll.so"))
        # PROTOKOLL_LIB names the file, or the directory holding it
        so = os.path.join(os.path.dirname(BIN), "libprotokoll.so.0")
        for val in (so, os.path.dirname(BIN)):
            rc, out, err = python(code, env=dict(env, PROTOKOLL_LIB=val), cwd="/")
            self.assertEqual(rc, 0, err)
            self.assertTrue(out.strip().startswith(os.path.dirname(BIN)), out)
        # a PROTOKOLL_LIB that is wrong fails clearly and is never passed over
        rc, out, err = python(code, env=dict(env, PROTOKOLL_LIB="/nonexistent/libprotokoll.so"), cwd="/")
        self.assertNotEqual(rc, 0)
        self.assertIn("PROTOKOLL_LIB", err)
        # importing needs no library: it is loaded on first use
        rc, out, err = python("import protokoll", env=dict(env, PROTOKOLL_LIB="/nonexistent"), cwd="/")
        self.assertEqual(rc, 0, err)

    def test_version_is_the_librarys(self):
        self.assertEqual(protokoll.library_version(), cli("--version").decode().split()[1])
        self.assertEqual(protokoll.__version__, protokoll.library_version())


if __name__ == "__main__":
    unittest.main()
