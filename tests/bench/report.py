#!/usr/bin/env python3
"""Print the benchmark's figures from the measurements bench.sh recorded.

    report.py RAW

RAW has one line per measurement or fact: a key, then field=value pairs,
e.g. "pk_j1_100 best_s=9.81 rss_kb=4012 status=0 runs=3 timeout=0".
"""
import sys

PATHO = (("year_dash", '"2020-" x 200,000'), ("den", '"den " x 250,000'),
         ("hyphen_nl", '"a-\\n" x 300,000'), ("unit_list", "unit list, 20,000 units"))


def load(path):
    d = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if not parts:
                continue
            rec = d.setdefault(parts[0], {})
            for p in parts[1:]:
                k, _, v = p.partition("=")
                try:
                    rec[k] = float(v)
                except ValueError:
                    rec[k] = v
    return d


def main():
    d = load(sys.argv[1])
    out = []
    w = out.append

    def get(key, field="best_s"):
        v = d.get(key, {}).get(field)
        return v if isinstance(v, float) else None

    def verdict(ok):
        return "" if ok is None else ("  met" if ok else "  MISSED")

    def ratio(a, b):
        return a / b if a is not None and b else None

    def fmt(x, spec="%.2f"):
        return "n/a" if x is None else spec % x

    info = d.get("info", {})
    c100, c25 = d.get("c100", {}), d.get("c25", {})
    w("=" * 72)
    w("protokoll benchmark")
    w("=" * 72)
    w("machine: %d cores (nproc), %s" % (info.get("nproc", 0), info.get("cpu", "?").replace("_", " ")))
    w("tools:   %s; %s" % (info.get("rg", "ripgrep ?").replace("_", " "), info.get("py", "python3 ?").replace("_", " ")))
    w("corpus:  %d files, %.1f MB (c100);  %d files, %.1f MB (c25); no two files byte-equal"
      % (c100.get("files", 0), c100.get("bytes", 0) / 1e6, c25.get("files", 0), c25.get("bytes", 0) / 1e6))
    w("each figure: best of %d runs, page cache warm, output to /dev/null;" % int(info.get("runs", 3)))
    w("CPU s = user + system time of that run; other = cores kept busy by other")
    w("processes during that run")
    w("")
    w("%-30s %7s %7s %7s %7s %9s %5s" % ("run", "wall s", "CPU s", "MB/s", "docs/s", "peak RSS", "other"))
    rows = [
        ("protokoll -j 1 (100 MB)", "pk_j1_100", c100),
        ("protokoll -j 2 (100 MB)", "pk_j2_100", c100),
        ("protokoll -j 1 (25 MB)", "pk_j1_25", c25),
        ("protokoll -j 2 (25 MB)", "pk_j2_25", c25),
        ("rg -j1 -c REGEX (100 MB)", "rg_100", c100),
        ("python3 rx.py REGEX (100 MB)", "py_100", c100),
    ]
    for label, key, c in rows:
        t = get(key)
        if t is None:
            w("%-30s %8s" % (label, "not run"))
            continue
        rss = get(key, "rss_kb")
        st = d[key].get("status")
        w("%-30s %7.3f %7s %7.1f %7.0f %6.1f MB %5s%s" % (
            label, t, fmt(get(key, "cpu_s"), "%.3f"), c.get("bytes", 0) / 1e6 / t, c.get("files", 0) / t,
            (rss or 0) / 1024, fmt(get(key, "other")),
            "" if st in (0.0, None) else "  (exit %d)" % st))
    others = [get(k, "other") for k in d if k.startswith(("pk_", "rg_", "py_", "patho_"))]
    others = [o for o in others if o is not None]
    worst = max(others or [0.0])
    if not others:
        w("the load of other processes was not measured")
    elif worst >= 0.25:
        w("NOTE: other processes kept up to %.2f cores busy during the runs (column other):"
          % worst)
        w("      the figures, -j 2 above all, are disturbed; run again on an idle machine.")
    else:
        w("other processes kept at most %.2f cores busy during the runs: figures undisturbed" % worst)
    w("")
    j1, j2, rg, py = get("pk_j1_100"), get("pk_j2_100"), get("rg_100"), get("py_100")
    r_rg, r_py, r_j2 = ratio(j1, rg), ratio(py, j1), ratio(j1, j2)
    rss100, rss25 = get("pk_j1_100", "rss_kb"), get("pk_j1_25", "rss_kb")
    rss100_2, rss25_2 = get("pk_j2_100", "rss_kb"), get("pk_j2_25", "rss_kb")
    r_rss = ratio(rss100, rss25)
    w("%-48s %10s   %s" % ("ratio", "measured", "target"))
    w("%-48s %10s   <= 3%s" % ("protokoll -j 1 time / ripgrep time", fmt(r_rg),
                                verdict(None if r_rg is None else r_rg <= 3)))
    w("%-48s %10s   >= 50%s" % ("python re time / protokoll -j 1 time", fmt(r_py),
                                 verdict(None if r_py is None else r_py >= 50)))
    w("%-48s %10s   >= 1.9%s" % ("-j 2 speedup (-j 1 time / -j 2 time)", fmt(r_j2),
                                  verdict(None if r_j2 is None else r_j2 >= 1.9)))
    rss_ok = None
    if rss100 and rss25:
        rss_ok = max(rss100, rss25) <= 8 * 1024 and r_rss <= 1.1
    w("%-48s %10s   <= 8 MB, same%s" % (
        "peak RSS -j 1, 100 MB vs 25 MB",
        "n/a" if not (rss100 and rss25) else "%.1f / %.1f MB" % (rss100 / 1024, rss25 / 1024), verdict(rss_ok)))
    w("%-48s %10s   <= 1.1" % ("peak RSS ratio 100 MB / 25 MB (-j 1)", fmt(r_rss)))
    if rss100_2 and rss25_2:
        w("%-48s %10s" % ("peak RSS -j 2, 100 MB vs 25 MB",
                          "%.1f / %.1f MB" % (rss100_2 / 1024, rss25_2 / 1024)))
    w("")
    start = get("pk_empty")
    w("pathological inputs: protokoll -j 1 time at 10x size / time at 1x  (target <= 11)")
    w("%-26s %8s %8s %7s %9s %9s" % ("input (1x)", "1x s", "10x s", "10x/1x", "1x RSS", "10x RSS"))
    for name, label in PATHO:
        t1, t10 = get("patho_%s_1x" % name), get("patho_%s_10x" % name)
        if t1 is None or t10 is None:
            w("%-26s %8s" % (label, "not run"))
            continue
        to = d["patho_%s_10x" % name].get("timeout") == 1.0
        r = t10 / t1
        rss1 = get("patho_%s_1x" % name, "rss_kb") or 0
        rss = get("patho_%s_10x" % name, "rss_kb") or 0
        w("%-26s %8.3f %8.3f %7s %6.1f MB %6.1f MB%s" % (
            label, t1, t10, (">" if to else "") + "%.1f" % r, rss1 / 1024, rss / 1024,
            ("  (10x timed out)" if to else "")
            + "".join("  (%s exit %d)" % (k, d["patho_%s_%s" % (name, k)]["status"]) for k in ("1x", "10x")
                      if d["patho_%s_%s" % (name, k)].get("status") not in (0.0, None) and not to)
            + verdict(not to and r <= 11)))
    if start is not None:
        w("(process start-up with an empty input: %.3f s, included in every time)" % start)
    w("=" * 72)
    text = "\n".join(out) + "\n"
    sys.stdout.write(text)


if __name__ == "__main__":
    main()
