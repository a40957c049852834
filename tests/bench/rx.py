#!/usr/bin/env python3
"""The Python `re` baseline: one regular expression over every *.txt.

    rx.py REGEX DIR ...

Walks each DIR in sorted order, reads each file, decodes it as UTF-8
(undecodable bytes replaced), counts the matches of REGEX with finditer,
and prints the number of files and matches.
"""
import os
import re
import sys


def main():
    if len(sys.argv) < 3:
        sys.exit("usage: rx.py REGEX DIR ...")
    rx = re.compile(sys.argv[1])
    files = matches = 0
    for top in sys.argv[2:]:
        for root, dirs, names in os.walk(top):
            dirs.sort()
            for name in sorted(names):
                if not name.endswith(".txt"):
                    continue
                with open(os.path.join(root, name), "rb") as fh:
                    text = fh.read().decode("utf-8", errors="replace")
                files += 1
                for _ in rx.finditer(text):
                    matches += 1
    print("%d files, %d matches" % (files, matches))


if __name__ == "__main__":
    main()
