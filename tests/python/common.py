"""What the Python tests share: the repository, the command under test and
a tree of awkward inputs."""
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BIN = os.environ.get("PROTOKOLL_BIN") or os.path.join(ROOT, "build", "protokoll")
CORPUS = "corpus"
os.chdir(ROOT)

# a short protokoll paragraph: a decision, two units, a diarienummer, a
# date and a person, so that every part of the record is made
SHORT = ("Protokoll\nSocialnämnden\n§ 12\nDeltagande i Kvalitetsutmärkelsen 2024\nDnr SOC 2024/17\n"
         "Beslut\nSocialnämnden godkänner att Enheten för hemlösa och Hvilan deltar i "
         "Kvalitetsutmärkelsen 2024.\nJusteras den 3 maj 2024\nAnna Andersson (S)\nordförande\n").encode()


def cli(*args, stdin=None):
    """The command's standard output for these arguments (exit 0 or 1)."""
    p = subprocess.run([BIN, *args], stdin=stdin, capture_output=True)
    if p.returncode not in (0, 1):
        raise AssertionError(f"{BIN} {args} exited {p.returncode}: {p.stderr[:300]!r}")
    return p.stdout


def corpus_files():
    return sorted(os.path.join(CORPUS, f) for f in os.listdir(CORPUS) if f.endswith(".txt"))


def python(code, env=None, cwd=None, stdin=None):
    """Runs code in a new /usr/bin/python3 (this interpreter): (rc, stdout, stderr)."""
    p = subprocess.run([sys.executable, "-c", code], env=env, cwd=cwd, stdin=stdin, capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr


def awkward_tree(base):
    """A tree whose order and contents try the walk: byte order (capitals
    first, "a" before "a-b.txt" before "a.txt"), nested and empty
    directories, dot files, other suffixes, symbolic links (one dangling),
    a binary file, a name that is not UTF-8 and a unit list with a comma
    and quotes."""
    t = os.path.join(base, "tree")
    for d in ("a/deeper", "empty", ".hidden", "b"):
        os.makedirs(os.path.join(t, d), exist_ok=True)
    text = SHORT
    odd = ("Tjänsteutlåtande\nFörskoleförvaltningen\n\nDeltagande i Kvalitetsutmärkelsen 2024\n\n"
           "Förslag till beslut\nFörskolenämnden godkänner att förskolan \"Ekorren, Lilla\" och "
           "Förskolan Björken deltar i Kvalitetsutmärkelsen 2024.\n").encode()
    files = {
        "B.txt": text, "a.txt": odd, "a-b.txt": b"", "a/z.txt": text, "a/deeper/x.txt": odd,
        "a.txt.bak": text, ".dot.txt": text, ".hidden/x.txt": text, "b/\u00e4.txt": text,
        "bin.txt": bytes(range(256)) * 4, "notes.md": text,
    }
    for name, data in files.items():
        with open(os.path.join(t, name), "wb") as f:
            f.write(data)
    with open(os.path.join(os.fsencode(t), b"b", b"\xff-latin.txt"), "wb") as f:
        f.write("Förskolenämnden godkänner att Förskolan Åsen deltar.\n".encode("latin-1"))
    os.symlink("a", os.path.join(t, "link"))
    os.symlink("B.txt", os.path.join(t, "l.txt"))
    os.symlink("nowhere.txt", os.path.join(t, "dangling.txt"))
    return t
