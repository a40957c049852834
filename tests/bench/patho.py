#!/usr/bin/env python3
"""Pathological inputs at 1x and 10x size, to check that time grows linearly.

    patho.py OUT_DIR

Writes OUT_DIR/NAME_1x.txt and OUT_DIR/NAME_10x.txt for each NAME:

    year_dash   "2020-" repeated (200,000 times at 1x)
    den         "den " repeated (250,000 times at 1x)
    hyphen_nl   "a-\\n" repeated (300,000 times at 1x): line-break hyphens
    unit_list   one decision sentence naming 20,000 units at 1x:
                "Förskolenämnden godkänner att förskolorna Förskolan A1,
                Förskolan A2, ... och Förskolan An deltar i
                Kvalitetsutmärkelsen 2020.", wrapped at 72 columns as
                pdftotext does

Files already there with the right size are kept.
"""
import os
import sys


def wrap(text, width=72):
    out, line, n = [], [], 0
    for word in text.split(" "):
        if line and n + 1 + len(word) > width:
            out.append(" ".join(line))
            line, n = [], 0
        n += len(word) + (1 if line else 0)
        line.append(word)
    out.append(" ".join(line))
    return "\n".join(out)


def unit_list(n):
    names = ["Förskolan A%d" % i for i in range(1, n + 1)]
    sentence = ("Förskolenämnden godkänner att förskolorna " + ", ".join(names[:-1])
                + " och " + names[-1] + " deltar i Kvalitetsutmärkelsen 2020.")
    return "§ 12\nBeslut\n" + wrap(sentence) + "\n"


CASES = {
    "year_dash": lambda k: "2020-" * (200000 * k),
    "den": lambda k: "den " * (250000 * k),
    "hyphen_nl": lambda k: "a-\n" * (300000 * k),
    "unit_list": lambda k: unit_list(20000 * k),
}


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "build/bench/patho"
    os.makedirs(out, exist_ok=True)
    for name, make in CASES.items():
        for k in (1, 10):
            raw = make(k).encode("utf-8")
            path = os.path.join(out, "%s_%dx.txt" % (name, k))
            if os.path.exists(path) and os.path.getsize(path) == len(raw):
                continue
            with open(path + ".tmp", "wb") as fh:
                fh.write(raw)
            os.replace(path + ".tmp", path)
    for name in CASES:
        print(name)


if __name__ == "__main__":
    main()
