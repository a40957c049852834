#!/usr/bin/env python3
"""Rewrites the outputs shown in README.md from real runs: every
`$ build/protokoll ...` example (and the pandas and jq ones when those
tools are present) and the three SQL queries on a database of corpus/.
Run from the repository root after `make`."""
import os, re, shutil, subprocess

text = open("README.md", encoding="utf-8").read()

def run(cmd):
    return subprocess.run(cmd, shell=True, capture_output=True, text=True).stdout.rstrip("\n")

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
        if j == i:
            continue  # a command shown without output
        cmd = l[2:]
        if ("jq" in cmd and not shutil.which("jq")) or ("pandas" in cmd and subprocess.run(
                ["python3", "-c", "import pandas"], capture_output=True).returncode):
            out.extend(lines[i:j])
        else:
            out.extend(run(cmd).split("\n"))
        i = j
    return "\n".join(out)

text = re.sub(r"```sh\n(.*?)```", lambda m: "```sh\n" + fix_sh(m.group(1)) + "```", text, flags=re.S)
db = "build/readme.db"
if os.path.exists(db):
    os.remove(db)
subprocess.run(["build/protokoll", "-f", "sqlite", "-o", db, "corpus"], check=True)
text = re.sub(r"```sql\n(.*?)```\n```\n(.*?)```",
              lambda m: "```sql\n" + m.group(1) + "```\n```\n" +
              subprocess.run(["sqlite3", "-header", "-column", db], input=m.group(1), capture_output=True,
                             text=True).stdout.rstrip() + "\n```", text, flags=re.S)
open("README.md", "w", encoding="utf-8").write(text)
