#!/usr/bin/env python3
"""Rewrites the outputs shown in README.md from real runs: every
`$ COMMAND` example in a ```sh block, in order (those shown without output
run too: a later one may read what they write), and the three SQL queries
on a database of corpus/. The output of an example is the lines under it up
to the next `$ ` line, a blank line or the block's end, as tests/readme.sh
reads them. Commands run with /usr/bin first on PATH, as in make test, so
that `python3` is Debian's, the one with python3-pandas. A command that
fails, or needs jq, pandas or Dask where they are missing, stops the script
before README.md is written: it never keeps an output it did not
reproduce. Run from the repository root; it builds first."""
import os, re, subprocess, sys

ENV = dict(os.environ, PATH="/usr/bin:" + os.environ.get("PATH", ""))

def fail(msg):
    sys.exit(f"update_readme: {msg}; README.md left as it was")

def have(cmd):
    return subprocess.run(cmd, shell=True, env=ENV, capture_output=True).returncode == 0

def run(cmd):
    p = subprocess.run(cmd, shell=True, env=ENV, capture_output=True, text=True, stdin=subprocess.DEVNULL)
    if p.returncode:
        fail(f"`{cmd}` exited {p.returncode}: {p.stderr.strip()[:300]}")
    return p.stdout.rstrip("\n")

def fix_sh(block):
    lines = block.split("\n")
    out, i = [], 0
    while i < len(lines):
        l = lines[i]
        out.append(l)
        i += 1
        if not l.startswith("$ "):
            continue
        j = i
        while j < len(lines) and not lines[j].startswith("$ ") and lines[j] != "":
            j += 1
        cmd = l[2:]
        if "dask" in cmd and not have("python3 -c 'import dask.dataframe, dask.distributed'"):
            fail(f"Dask is not installed for /usr/bin/python3, needed by `{cmd}` (sh tests/deps.sh installs it)")
        if "jq " in cmd and not have("command -v jq"):
            fail(f"jq is not installed, needed by `{cmd}` (sh tests/deps.sh installs it)")
        if "pandas" in cmd and not have("python3 -c 'import pandas'"):
            fail(f"pandas is not installed for /usr/bin/python3, needed by `{cmd}` (sh tests/deps.sh installs it)")
        got = run(cmd)
        if j > i and got:
            out.extend(got.split("\n"))
        i = j
    return "\n".join(out)

if subprocess.run(["make", "-s", "all"]).returncode:
    fail("make failed")
text = open("README.md", encoding="utf-8").read()
text = re.sub(r"^```sh\n(.*?)^```", lambda m: "```sh\n" + fix_sh(m.group(1)) + "```", text, flags=re.S | re.M)
db = "build/readme.db"
if os.path.exists(db):
    os.remove(db)
subprocess.run(["build/protokoll", "-f", "sqlite", "-o", db, "corpus"], check=True)

def sql(m):
    p = subprocess.run(["sqlite3", "-header", "-column", db], input=m.group(1), env=ENV,
                       capture_output=True, text=True)
    if p.returncode or p.stderr:
        fail(f"sqlite3 failed on\n{m.group(1)}{p.stderr}")
    return "```sql\n" + m.group(1) + "```\n```\n" + p.stdout.rstrip() + "\n```"

text = re.sub(r"```sql\n(.*?)```\n```\n(.*?)```", sql, text, flags=re.S)
open("README.md", "w", encoding="utf-8").write(text)
